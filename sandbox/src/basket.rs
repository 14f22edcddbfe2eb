//! A session's basket: its tickets, the hash that changes with every change,
//! and their JSON. `booking` changes baskets; `holds` keeps the seat tables
//! in step.

use serde_json::{json, Value};

use crate::ids::{random_id, token};
use crate::world::World;

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: String,
    /// Instance index in the world.
    pub instance: usize,
    /// Seat index in the plan; `None` for an unreserved place.
    pub seat: Option<usize>,
    pub area: usize,
    pub band: usize,
    pub ticket_type: usize,
    pub price: f64,
}

#[derive(Debug)]
pub struct Basket {
    pub id: String,
    pub hash: String,
    pub tickets: Vec<Ticket>,
}

impl Basket {
    pub fn new() -> Basket {
        Basket { id: random_id(), hash: token(16), tickets: vec![] }
    }

    /// Marks a change: a new hash.
    pub fn touch(&mut self) {
        self.hash = token(16);
    }
}

impl Default for Basket {
    fn default() -> Self {
        Self::new()
    }
}

pub fn ticket_json(world: &World, t: &Ticket) -> Value {
    let instance = world.instances.get(t.instance);
    let plan = instance.and_then(|i| world.plans.get(i.plan));
    let seat = t.seat.and_then(|s| plan.and_then(|p| p.seats.get(s)));
    let area = plan.and_then(|p| p.areas.get(t.area));
    let band = plan.and_then(|p| p.bands.get(t.band));
    let ticket_type = world.ticket_types.get(t.ticket_type);
    json!({
        "id": t.id,
        "seat": seat.map(|s| s.id.to_string()),
        "seatName": seat.map(|s| s.name.clone()),
        "seatingPlan": area.map(|a| a.id.clone()),
        "planName": area.map(|a| a.name.clone()),
        "band": band.map(|b| json!({"id": b.id, "name": b.name})),
        "instance": instance.map(|i| i.id.clone()),
        "type": ticket_type.map(|t| json!({"id": t.id, "name": t.name})),
        "price": t.price,
        "total": t.price,
    })
}

pub fn tickets_json(world: &World, tickets: &[Ticket]) -> Value {
    Value::Array(tickets.iter().map(|t| ticket_json(world, t)).collect())
}

pub fn basket_json(world: &World, basket: &Basket) -> Value {
    let total: f64 = basket.tickets.iter().map(|t| t.price).sum();
    json!({
        "id": basket.id, "hash": basket.hash,
        "tickets": tickets_json(world, &basket.tickets),
        "total": total, "ticketCount": basket.tickets.len(),
    })
}
