//! Live-audience mode: simulated buyers take groups of 1–4 adjacent free,
//! unlocked seats and later release some, never touching real baskets.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Value};

use crate::live::SeatState;
use crate::sync::lock;
use crate::world::World;

#[derive(Debug)]
pub struct Audience {
    pub enabled: bool,
    pub interval_ms: u64,
    pub instance: Option<String>,
    /// Seats each simulated buyer bought: (instance index, seat indices).
    groups: Vec<(usize, Vec<usize>)>,
    last_tick: Instant,
}

impl Audience {
    pub fn new(enabled: bool) -> Audience {
        Audience { enabled, interval_ms: 1500, instance: None, groups: vec![], last_tick: Instant::now() }
    }

    pub fn json(&self) -> Value {
        json!({"enabled": self.enabled, "intervalMs": self.interval_ms, "instance": self.instance})
    }
}

/// One simulated purchase or release on the chosen performance, or on
/// every performance when none is chosen (so whichever map a visitor
/// watches keeps changing).
fn tick(audience: &mut Audience, world: &World) {
    match &audience.instance {
        Some(id) => {
            if let Some(index) = world.instance_index(id) {
                tick_instance(audience, world, index);
            }
        }
        None => {
            for index in 0..world.instances.len() {
                tick_instance(audience, world, index);
            }
        }
    }
}

fn tick_instance(audience: &mut Audience, world: &World, index: usize) {
    let mut rng = rand::thread_rng();
    let Some(performance) = world.performance_at(index) else {
        return;
    };
    let plan = performance.plan;
    let mut table = lock(&performance.live.seats);
    let here: Vec<usize> = (0..audience.groups.len()).filter(|&group| audience.groups[group].0 == index).collect();
    if !here.is_empty() && rng.gen_bool(0.35) {
        let (_, seats) = audience.groups.remove(here[rng.gen_range(0..here.len())]);
        for s in seats {
            if table.seats.get(s) == Some(&SeatState::Sold) {
                table.seats[s] = SeatState::Free;
            }
        }
        return;
    }
    for _ in 0..30 {
        let Some(stretch) = plan.stretches.choose(&mut rng) else {
            return;
        };
        let size = rng.gen_range(1..=4usize).min(stretch.len());
        if size == 0 {
            continue;
        }
        let start = rng.gen_range(0..=stretch.len() - size);
        let group = &stretch[start..start + size];
        let free = group.iter().all(|&s| {
            table.seats.get(s) == Some(&SeatState::Free) && plan.seats.get(s).is_some_and(|x| x.lock.is_none())
        });
        if free {
            for &s in group {
                table.seats[s] = SeatState::Sold;
            }
            audience.groups.push((index, group.to_vec()));
            if audience.groups.len() > 5000 {
                audience.groups.remove(0);
            }
            return;
        }
    }
}

/// Runs forever, ticking on the current world whenever enabled and the
/// interval has passed.
pub async fn run(audience: Arc<Mutex<Audience>>, current_world: impl Fn() -> Arc<World>) {
    loop {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let mut audience = lock(&audience);
        if audience.enabled && audience.last_tick.elapsed() >= Duration::from_millis(audience.interval_ms.max(10)) {
            audience.last_tick = Instant::now();
            tick(&mut audience, &current_world());
        }
    }
}
