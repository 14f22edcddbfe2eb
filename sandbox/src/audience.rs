//! Live-audience mode: simulated buyers take groups of 1–4 adjacent free,
//! unlocked seats and later release some, never touching real baskets.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Value};

use crate::store::{lock, SeatState, World};
use crate::AppState;

#[derive(Debug)]
pub struct Audience {
    pub enabled: bool,
    pub interval_ms: u64,
    pub instance: Option<String>,
    groups: Vec<(usize, Vec<usize>)>,
    last: Instant,
}

impl Audience {
    pub fn new(enabled: bool) -> Audience {
        Audience { enabled, interval_ms: 1500, instance: None, groups: vec![], last: Instant::now() }
    }

    pub fn json(&self) -> Value {
        json!({"enabled": self.enabled, "intervalMs": self.interval_ms, "instance": self.instance})
    }
}

/// One simulated purchase or release on the chosen performance, or on
/// every performance when none is chosen (so whichever map a visitor
/// watches keeps changing).
pub fn tick(a: &mut Audience, w: &World) {
    match &a.instance {
        Some(id) => {
            if let Some(ii) = w.instance(id) {
                tick_instance(a, w, ii);
            }
        }
        None => {
            for ii in 0..w.instances.len() {
                tick_instance(a, w, ii);
            }
        }
    }
}

fn tick_instance(a: &mut Audience, w: &World, ii: usize) {
    let mut rng = rand::thread_rng();
    let (Some(inst), Some(rt)) = (w.instances.get(ii), w.rt.get(ii)) else {
        return;
    };
    let Some(plan) = w.plans.get(inst.plan) else {
        return;
    };
    let mut st = lock(&rt.state);
    let mine: Vec<usize> = (0..a.groups.len()).filter(|&g| a.groups[g].0 == ii).collect();
    if !mine.is_empty() && rng.gen_bool(0.35) {
        let g = a.groups.remove(mine[rng.gen_range(0..mine.len())]);
        for s in g.1 {
            if st.seats.get(s) == Some(&SeatState::Sold) {
                st.seats[s] = SeatState::Free;
            }
        }
        st.version += 1;
        return;
    }
    for _ in 0..30 {
        let Some(run) = plan.stretches.choose(&mut rng) else {
            return;
        };
        let n = rng.gen_range(1..=4usize).min(run.len());
        if n == 0 {
            continue;
        }
        let start = rng.gen_range(0..=run.len() - n);
        let win = &run[start..start + n];
        let free = win
            .iter()
            .all(|&s| st.seats.get(s) == Some(&SeatState::Free) && plan.seats.get(s).is_some_and(|x| x.lock.is_none()));
        if free {
            for &s in win {
                st.seats[s] = SeatState::Sold;
            }
            st.version += 1;
            a.groups.push((ii, win.to_vec()));
            if a.groups.len() > 5000 {
                a.groups.remove(0);
            }
            return;
        }
    }
}

/// Runs forever, ticking whenever enabled and the interval has passed.
pub async fn run(st: Arc<AppState>, audience: Arc<Mutex<Audience>>) {
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let mut a = lock(&audience);
        if a.enabled && a.last.elapsed() >= Duration::from_millis(a.interval_ms.max(10)) {
            a.last = Instant::now();
            let w = st.store.get();
            tick(&mut a, &w);
        }
    }
}

pub fn reset_groups(a: &mut Audience) {
    a.groups.clear();
}
