//! The world: the seeded catalog (plans, price lists, events, instances),
//! each performance's live state, the deterministic pre-sales, and the
//! swappable `Store` that `reset` replaces.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use rand::rngs::StdRng;
use rand::Rng;
use serde_json::{json, Value};

use crate::ids::{seeded, spektrix_id};
use crate::live::{LiveInstance, SeatState, SeatTable, UnreservedTaken};
use crate::model::{AreaKind, Event, Instance, Plan, Price, PriceList, TicketType};
use crate::venues::{arena, studio, theatre, PlanBuilder};

#[derive(Debug)]
pub struct World {
    pub seed: u64,
    pub plans: Vec<Arc<Plan>>,
    pub price_lists: Vec<Arc<PriceList>>,
    pub ticket_types: Vec<TicketType>,
    pub events: Vec<Event>,
    pub instances: Vec<Arc<Instance>>,
    /// Live state, by instance index.
    pub live: Vec<Arc<LiveInstance>>,
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
    /// A world with the seeded ticket types and no venues, and the catalog
    /// generator as `seeded` goes on to use it.
    fn start(seed: u64) -> (World, StdRng) {
        let mut catalog_rng = seeded(seed, 10);
        let ticket_types = ["Adult", "Concession", "Child"]
            .iter()
            .map(|n| TicketType { id: spektrix_id(&mut catalog_rng), name: (*n).to_string() })
            .collect();
        let world = World {
            seed,
            plans: vec![],
            price_lists: vec![],
            ticket_types,
            events: vec![],
            instances: vec![],
            live: vec![],
            plan_by_id: HashMap::new(),
            price_list_by_id: HashMap::new(),
            event_by_id: HashMap::new(),
            instance_by_id: HashMap::new(),
            next_seat_id: 53600,
            uploads: 0,
        };
        (world, catalog_rng)
    }

    /// No venues, only the seeded ticket types: for uploads and replays
    /// tried on their own.
    pub fn without_venues(seed: u64) -> World {
        World::start(seed).0
    }

    /// The seeded catalog: studio, theatre, arena.
    pub fn seeded(seed: u64) -> World {
        let (mut world, mut catalog_rng) = World::start(seed);
        let bands = ["Band A", "Band B", "Band C", "Band D", "Standing"];
        let mut next_seat_id = world.next_seat_id;
        let mut studio_rng = seeded(seed, 1);
        let studio =
            studio::build(PlanBuilder::new(&mut studio_rng, &mut next_seat_id, "The Studio", "studio", &bands));
        let mut theatre_rng = seeded(seed, 2);
        let theatre =
            theatre::build(PlanBuilder::new(&mut theatre_rng, &mut next_seat_id, "Main House", "theatre", &bands));
        let mut arena_rng = seeded(seed, 3);
        let arena = arena::build(PlanBuilder::new(&mut arena_rng, &mut next_seat_id, "Arena", "arena", &bands));
        world.next_seat_id = next_seat_id;
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
            world.add(plan, &spec, &mut catalog_rng);
        }
        world
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
            let price_list_index = self.price_lists.len();
            let prices = price_list(rng, plan_idx, &plan, self.ticket_types.len(), factor);
            self.price_list_by_id.insert(prices.id.clone(), price_list_index);
            self.price_lists.push(Arc::new(prices));
            let idx = self.instances.len();
            let instance = Instance {
                id: spektrix_id(rng),
                web_instance_id: spektrix_id(rng),
                plan: plan_idx,
                price_list: price_list_index,
                event: event_idx,
                start: start.to_string(),
                start_utc: format!("{start}Z"),
                overlay,
                captured: None,
            };
            self.instance_by_id.insert(instance.id.clone(), idx);
            self.instances.push(Arc::new(instance));
            let mut sales = seeded(self.seed, 100 + idx as u64);
            let mut seats = presell(&plan, &mut sales);
            if !spec.presell {
                seats.seats.iter_mut().for_each(|s| *s = SeatState::Free);
                seats.unreserved.values_mut().for_each(|u| u.sold = 0);
            }
            self.live.push(Arc::new(LiveInstance::new(seats)));
            if let Some(e) = self.events.get_mut(event_idx) {
                e.instances.push(idx);
            }
            if k == 0 {
                first = idx;
            }
        }
        (plan_idx, first)
    }

    pub fn instance_index(&self, id: &str) -> Option<usize> {
        self.instance_by_id.get(id).copied()
    }

    /// Everything about one performance, by instance id.
    pub fn performance(&self, id: &str) -> Option<Performance<'_>> {
        self.performance_at(self.instance_index(id)?)
    }

    /// Everything about one performance, by instance index.
    pub fn performance_at(&self, index: usize) -> Option<Performance<'_>> {
        let instance = self.instances.get(index)?;
        Some(Performance {
            index,
            instance,
            plan: self.plans.get(instance.plan)?,
            price_list: self.price_lists.get(instance.price_list)?,
            live: self.live.get(index)?,
        })
    }

    /// The index of the ticket type with this id, added (with `name`) if
    /// the world has none yet: replayed price lists keep their own ids.
    pub fn ticket_type_index(&mut self, id: &str, name: &str) -> usize {
        match self.ticket_types.iter().position(|t| t.id == id) {
            Some(index) => index,
            None => {
                self.ticket_types.push(TicketType { id: id.to_string(), name: name.to_string() });
                self.ticket_types.len() - 1
            }
        }
    }

    /// Is this the performance its id leads to? (A replayed capture may
    /// take over the id of one already there, which is then hidden.)
    pub fn is_reachable(&self, index: usize) -> bool {
        self.instances.get(index).is_some_and(|i| self.instance_by_id.get(&i.id) == Some(&index))
    }

    pub fn catalog(&self, client: &str) -> Value {
        let rows: Vec<Value> = self
            .instances
            .iter()
            .enumerate()
            .filter(|(index, _)| self.is_reachable(*index))
            .filter_map(|(_, i)| {
                let plan = self.plans.get(i.plan)?;
                let event = self.events.get(i.event)?;
                Some(json!({
                    "eventId": event.id, "eventName": event.name, "instanceId": i.id,
                    "planId": plan.id, "planName": plan.name, "venue": plan.venue,
                    "seats": plan.reserved_seat_count(), "capacity": plan.capacity(),
                    "start": i.start, "hasBestAvailableOverlay": i.overlay, "client": client,
                    "replayed": i.captured.is_some(),
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

/// One performance's static and live parts, borrowed from the world.
pub struct Performance<'w> {
    pub index: usize,
    pub instance: &'w Instance,
    pub plan: &'w Plan,
    pub price_list: &'w PriceList,
    pub live: &'w LiveInstance,
}

/// Sells ~30% of unlocked seats in clumps of 2–6 along row stretches, denser
/// near the front, and ~30% of each unreserved area.
fn presell(plan: &Plan, rng: &mut StdRng) -> SeatTable {
    let mut seats = vec![SeatState::Free; plan.seats.len()];
    let farthest = plan.seats.iter().map(|s| distance(plan.focus, (s.ax, s.ay))).fold(1.0f64, f64::max);
    for run in &plan.stretches {
        let mut i = 0;
        while i < run.len() {
            let s = &plan.seats[run[i]];
            let near = 1.0 - distance(plan.focus, (s.ax, s.ay)) / farthest;
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
    let mut unreserved = HashMap::new();
    for &a in &plan.leaves {
        if let Some(AreaKind::Unreserved { capacity, .. }) = plan.areas.get(a).map(|a| &a.kind) {
            let sold = (f64::from(*capacity) * rng.gen_range(0.2..0.4)) as u32;
            unreserved.insert(a, UnreservedTaken { sold, ..UnreservedTaken::default() });
        }
    }
    SeatTable { seats, unreserved }
}

/// Straight-line distance between two plan points.
pub fn distance(a: (i32, i32), b: (i32, i32)) -> f64 {
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

    pub fn set(&self, world: World) {
        *self.world.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(world);
    }

    /// Runs `f` on a copy of the world and installs the result.
    pub fn update<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        let mut guard = self.world.write().unwrap_or_else(|e| e.into_inner());
        let mut world = clone_world(&guard);
        let result = f(&mut world);
        *guard = Arc::new(world);
        result
    }
}

fn clone_world(world: &World) -> World {
    World {
        seed: world.seed,
        plans: world.plans.clone(),
        price_lists: world.price_lists.clone(),
        ticket_types: world.ticket_types.clone(),
        events: world.events.clone(),
        instances: world.instances.clone(),
        live: world.live.clone(),
        plan_by_id: world.plan_by_id.clone(),
        price_list_by_id: world.price_list_by_id.clone(),
        event_by_id: world.event_by_id.clone(),
        instance_by_id: world.instance_by_id.clone(),
        next_seat_id: world.next_seat_id,
        uploads: world.uploads,
    }
}
