//! The world: the seeded catalog (plans, price lists, events, instances) plus
//! each instance's live seat table behind its own mutex. Also the status
//! letter rules and the deterministic pre-sales.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Value};

use crate::ids::{seeded, spektrix_id};
use crate::model::{AreaKind, Event, Instance, LockKind, Plan, Price, PriceList, TicketType};
use crate::status::DetailCache;
use crate::venues::{arena, studio, theatre, PlanBuilder};

/// Locks a mutex, recovering the data if a previous holder panicked.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatState {
    Free,
    /// Sold to another buyer.
    Sold,
    /// Held in another (synthetic) buyer's basket.
    Held,
    /// In a real session's basket (session number).
    Basket(u64),
}

#[derive(Clone, Debug, Default)]
pub struct Unres {
    pub sold: u32,
    pub held: u32,
    pub baskets: HashMap<u64, u32>,
}

impl Unres {
    pub fn taken(&self) -> u64 {
        u64::from(self.sold) + u64::from(self.held) + self.baskets.values().map(|&v| u64::from(v)).sum::<u64>()
    }
}

#[derive(Debug)]
pub struct InstState {
    pub seats: Vec<SeatState>,
    pub unres: HashMap<usize, Unres>,
    pub version: u64,
}

impl InstState {
    pub fn unres_available(&self, plan: &Plan, area: usize) -> u64 {
        let cap = match plan.areas.get(area).map(|a| &a.kind) {
            Some(AreaKind::Unreserved { capacity, .. }) => u64::from(*capacity),
            _ => 0,
        };
        cap.saturating_sub(self.unres.get(&area).map(Unres::taken).unwrap_or(0))
    }
}

/// An instance's live state and its status/detail render cache.
#[derive(Debug)]
pub struct InstanceRt {
    pub state: Mutex<InstState>,
    pub cache: DetailCache,
}

/// The status letter of one seat for a session (`me`, member or not).
/// `u` is an internal `U` that a lock (not a sale) causes: it is sent as `U`
/// but still names its lock type.
pub fn letter(plan: &Plan, seat: usize, st: SeatState, me: u64, member: bool) -> u8 {
    match st {
        SeatState::Basket(n) if n == me => b'B',
        SeatState::Free => {
            let kind = plan.seats.get(seat).and_then(|s| s.lock).and_then(|l| plan.lock_types.get(l)).map(|l| l.kind);
            match kind {
                None => b'A',
                Some(LockKind::Wheelchair) => b'W',
                Some(LockKind::Members) if member => b'X',
                Some(LockKind::Members) | Some(LockKind::House) => b'u',
                Some(LockKind::Info) => b'I',
            }
        }
        _ => b'U',
    }
}

/// Can a session seeing this letter put the seat in its basket?
pub fn buyable(letter: u8) -> bool {
    matches!(letter, b'A' | b'W' | b'X' | b'I')
}

#[derive(Debug)]
pub struct World {
    pub seed: u64,
    pub plans: Vec<Arc<Plan>>,
    pub price_lists: Vec<Arc<PriceList>>,
    pub ticket_types: Vec<TicketType>,
    pub events: Vec<Event>,
    pub instances: Vec<Arc<Instance>>,
    pub rt: Vec<Arc<InstanceRt>>,
    pub plan_by_id: HashMap<String, usize>,
    pub price_list_by_id: HashMap<String, usize>,
    pub event_by_id: HashMap<String, usize>,
    pub instance_by_id: HashMap<String, usize>,
    pub next_seat_id: u64,
    pub uploads: u64,
}

pub struct Spec<'a> {
    pub event_name: &'a str,
    pub description: &'a str,
    pub duration: u32,
    pub starts: &'a [(&'a str, bool, f64)],
    /// Pre-sell ~30% (the generated venues) or start empty (loaded plans).
    pub presell: bool,
}

impl World {
    /// The seeded catalog: studio, theatre, arena.
    pub fn seeded(seed: u64) -> World {
        let mut cat = seeded(seed, 10);
        let ticket_types = ["Adult", "Concession", "Child"]
            .iter()
            .map(|n| TicketType { id: spektrix_id(&mut cat), name: (*n).to_string() })
            .collect();
        let mut w = World {
            seed,
            plans: vec![],
            price_lists: vec![],
            ticket_types,
            events: vec![],
            instances: vec![],
            rt: vec![],
            plan_by_id: HashMap::new(),
            price_list_by_id: HashMap::new(),
            event_by_id: HashMap::new(),
            instance_by_id: HashMap::new(),
            next_seat_id: 53600,
            uploads: 0,
        };
        let bands = ["Band A", "Band B", "Band C", "Band D", "Standing"];
        let mut next = w.next_seat_id;
        let mut r1 = seeded(seed, 1);
        let studio = studio::build(PlanBuilder::new(&mut r1, &mut next, "The Studio", "studio", &bands));
        let mut r2 = seeded(seed, 2);
        let theatre = theatre::build(PlanBuilder::new(&mut r2, &mut next, "Main House", "theatre", &bands));
        let mut r3 = seeded(seed, 3);
        let arena = arena::build(PlanBuilder::new(&mut r3, &mut next, "Arena", "arena", &bands));
        w.next_seat_id = next;
        let specs = [
            (
                studio,
                Spec {
                    event_name: "Small Hours",
                    description: "A new play about one night in a late-opening launderette.",
                    duration: 80,
                    presell: true,
                    starts: &[("2026-12-03T19:45:00", false, 1.0), ("2026-12-04T19:45:00", false, 1.0)],
                },
            ),
            (
                theatre,
                Spec {
                    event_name: "The Tempest",
                    description: "Shakespeare's island of spirits, storms and second chances.",
                    duration: 165,
                    presell: true,
                    starts: &[
                        ("2026-12-09T19:30:00", true, 1.0),
                        ("2026-12-10T14:30:00", false, 0.7),
                        ("2026-12-10T19:30:00", true, 1.0),
                    ],
                },
            ),
            (
                arena,
                Spec {
                    event_name: "Northern Lights Live",
                    description: "The arena tour, with full production.",
                    duration: 150,
                    presell: true,
                    starts: &[("2026-12-12T20:00:00", true, 1.0)],
                },
            ),
        ];
        for (plan, spec) in specs {
            w.add(plan, &spec, &mut cat);
        }
        w
    }

    /// Adds a plan with its event, and per start an instance with its own
    /// price list (scaled by the start's factor) and pre-sales.
    pub fn add(&mut self, plan: Plan, spec: &Spec<'_>, rng: &mut StdRng) -> (usize, usize) {
        let plan_idx = self.plans.len();
        self.plan_by_id.insert(plan.id.clone(), plan_idx);
        let plan = Arc::new(plan);
        self.plans.push(plan.clone());
        let event_idx = self.events.len();
        let event = Event {
            id: spektrix_id(rng),
            name: spec.event_name.to_string(),
            description: spec.description.to_string(),
            duration: spec.duration,
            instances: vec![],
        };
        self.event_by_id.insert(event.id.clone(), event_idx);
        self.events.push(event);
        let mut first = 0;
        for (k, &(start, overlay, factor)) in spec.starts.iter().enumerate() {
            let pl_idx = self.price_lists.len();
            let pl = price_list(rng, plan_idx, &plan, self.ticket_types.len(), factor);
            self.price_list_by_id.insert(pl.id.clone(), pl_idx);
            self.price_lists.push(Arc::new(pl));
            let idx = self.instances.len();
            let inst = Instance {
                id: spektrix_id(rng),
                web_instance_id: spektrix_id(rng),
                plan: plan_idx,
                price_list: pl_idx,
                event: event_idx,
                start: start.to_string(),
                start_utc: format!("{start}Z"),
                overlay,
            };
            self.instance_by_id.insert(inst.id.clone(), idx);
            self.instances.push(Arc::new(inst));
            let mut sales = seeded(self.seed, 100 + idx as u64);
            let mut state = presell(&plan, &mut sales);
            if !spec.presell {
                state.seats.iter_mut().for_each(|s| *s = SeatState::Free);
                state.unres.values_mut().for_each(|u| u.sold = 0);
            }
            self.rt.push(Arc::new(InstanceRt { state: Mutex::new(state), cache: DetailCache::default() }));
            if let Some(e) = self.events.get_mut(event_idx) {
                e.instances.push(idx);
            }
            if k == 0 {
                first = idx;
            }
        }
        (plan_idx, first)
    }

    pub fn instance(&self, id: &str) -> Option<usize> {
        self.instance_by_id.get(id).copied()
    }

    pub fn seat_id_used(&self, id: u64) -> bool {
        self.plans.iter().any(|p| p.seat_by_id.contains_key(&id))
    }

    pub fn catalog(&self, client: &str) -> Value {
        let rows: Vec<Value> = self
            .instances
            .iter()
            .filter_map(|i| {
                let plan = self.plans.get(i.plan)?;
                let ev = self.events.get(i.event)?;
                Some(json!({
                    "eventId": ev.id, "eventName": ev.name, "instanceId": i.id,
                    "planId": plan.id, "planName": plan.name, "venue": plan.venue,
                    "seats": plan.reserved_seat_count(), "capacity": plan.capacity(),
                    "start": i.start, "hasBestAvailableOverlay": i.overlay, "client": client,
                }))
            })
            .collect();
        Value::Array(rows)
    }
}

fn price_list(rng: &mut StdRng, plan_idx: usize, plan: &Plan, types: usize, factor: f64) -> PriceList {
    let base = [45.0, 35.0, 25.0, 18.0, 15.0];
    let per_type = [1.0, 0.8, 0.5];
    let mut prices = vec![];
    for b in 0..plan.bands.len() {
        for t in 0..types {
            let amount = base.get(b).copied().unwrap_or(12.0) * per_type.get(t).copied().unwrap_or(0.5) * factor;
            prices.push(Price { band: b, ticket_type: t, amount: (amount * 2.0).round() / 2.0, is_default: t == 0 });
        }
    }
    PriceList { id: spektrix_id(rng), plan: plan_idx, prices }
}

/// Sells ~30% of unlocked seats in clumps of 2–6 along row stretches, denser
/// near the front, and ~30% of each unreserved area.
pub fn presell(plan: &Plan, rng: &mut StdRng) -> InstState {
    let mut seats = vec![SeatState::Free; plan.seats.len()];
    let maxd = plan.seats.iter().map(|s| dist(plan.focus, (s.ax, s.ay))).fold(1.0f64, f64::max);
    for run in &plan.stretches {
        let mut i = 0;
        while i < run.len() {
            let s = &plan.seats[run[i]];
            let near = 1.0 - dist(plan.focus, (s.ax, s.ay)) / maxd;
            if rng.gen_bool((0.04 + 0.12 * near).clamp(0.0, 1.0)) {
                let len = rng.gen_range(2..=6);
                for &k in run.iter().skip(i).take(len) {
                    if plan.seats[k].lock.is_none() {
                        seats[k] = SeatState::Sold;
                    }
                }
                i += len + 1;
            } else {
                i += 1;
            }
        }
    }
    let mut unres = HashMap::new();
    for &a in &plan.leaves {
        if let Some(AreaKind::Unreserved { capacity, .. }) = plan.areas.get(a).map(|a| &a.kind) {
            let sold = (f64::from(*capacity) * rng.gen_range(0.2..0.4)) as u32;
            unres.insert(a, Unres { sold, ..Unres::default() });
        }
    }
    InstState { seats, unres, version: 1 }
}

pub fn dist(a: (i32, i32), b: (i32, i32)) -> f64 {
    let dx = f64::from(a.0) - f64::from(b.0);
    let dy = f64::from(a.1) - f64::from(b.1);
    (dx * dx + dy * dy).sqrt()
}

/// The shared, swappable world.
pub struct Store {
    world: RwLock<Arc<World>>,
}

impl Store {
    pub fn new(world: World) -> Store {
        Store { world: RwLock::new(Arc::new(world)) }
    }

    pub fn get(&self) -> Arc<World> {
        self.world.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    pub fn set(&self, w: World) {
        *self.world.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(w);
    }

    /// Runs `f` on a copy of the world and installs the result.
    pub fn update<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        let mut guard = self.world.write().unwrap_or_else(|e| e.into_inner());
        let mut w = clone_world(&guard);
        let r = f(&mut w);
        *guard = Arc::new(w);
        r
    }
}

fn clone_world(w: &World) -> World {
    World {
        seed: w.seed,
        plans: w.plans.clone(),
        price_lists: w.price_lists.clone(),
        ticket_types: w.ticket_types.clone(),
        events: w.events.clone(),
        instances: w.instances.clone(),
        rt: w.rt.clone(),
        plan_by_id: w.plan_by_id.clone(),
        price_list_by_id: w.price_list_by_id.clone(),
        event_by_id: w.event_by_id.clone(),
        instance_by_id: w.instance_by_id.clone(),
        next_seat_id: w.next_seat_id,
        uploads: w.uploads,
    }
}
