//! Live-audience mode: simulated buyers take groups of 1–4 adjacent free,
//! unlocked seats and later release some, never touching real baskets.
//!
//! They hover around a share of each performance ([`TARGET_SHARE`]) rather
//! than buying on until it sells out: the more they hold, the likelier a
//! tick releases a group, so a demo left running all day keeps changing
//! and keeps seats to choose.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Value};

use crate::live::SeatState;
use crate::sync::lock;
use crate::world::World;

/// The share of a performance's seats the simulated buyers hold on average.
const TARGET_SHARE: f64 = 0.10;

/// Never aim below this many seats (the studio is small).
const TARGET_MIN_SEATS: usize = 8;

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
    let held: usize = here.iter().map(|&group| audience.groups[group].1.len()).sum();
    let target = ((plan.seats.len() as f64 * TARGET_SHARE) as usize).max(TARGET_MIN_SEATS);
    // Even odds at the target (a purchase and a release move as many seats
    // on average), certain release at twice the target: the holding settles
    // around the target instead of growing until the house is sold out.
    let release_odds = (held as f64 / (2.0 * target as f64)).min(1.0);
    if !here.is_empty() && rng.gen_bool(release_odds) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn free_seats(world: &World, index: usize) -> usize {
        let performance = world.performance_at(index).expect("a performance");
        let table = lock(&performance.live.seats);
        table.seats.iter().filter(|s| **s == SeatState::Free).count()
    }

    #[test]
    fn a_demo_left_running_never_sells_out() {
        let world = World::seeded(7);
        let studio = (0..world.instances.len())
            .min_by_key(|&i| world.performance_at(i).map_or(usize::MAX, |p| p.plan.seats.len()))
            .expect("a performance");
        let seats = world.performance_at(studio).map_or(0, |p| p.plan.seats.len());
        let target = ((seats as f64 * TARGET_SHARE) as usize).max(TARGET_MIN_SEATS);
        let free_at_start = free_seats(&world, studio);
        let mut audience = Audience::new(true);
        audience.instance = Some(world.instances[studio].id.clone());
        // Eight hours of ticks at the demo's 1.5 s interval.
        for tick_number in 0..20_000 {
            tick(&mut audience, &world);
            let held: usize = audience.groups.iter().map(|(_, seats)| seats.len()).sum();
            assert!(held <= 2 * target + 4, "tick {tick_number}: the audience holds {held} seats (target {target})");
        }
        let free_at_end = free_seats(&world, studio);
        assert!(
            free_at_end + 2 * target + 4 >= free_at_start,
            "{free_at_end} seats free after eight hours, {free_at_start} at the start"
        );
        assert!(!audience.groups.is_empty(), "the audience still holds some seats, so the map keeps changing");
    }
}
