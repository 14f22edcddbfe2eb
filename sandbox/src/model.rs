//! Static venue data: plans (area trees and seats), price bands, lock types,
//! ticket types, price lists, events and instances. Built once per seed (or per
//! uploaded plan or replayed capture) and never mutated afterwards; live
//! state lives in `live`.

use std::collections::HashMap;
use std::sync::Arc;

use crate::captured::Captured;

/// What kind of hold a lock type represents, which decides the status letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockKind {
    /// Wheelchair space: `W` for everyone.
    Wheelchair,
    /// Members' allocation: `X` for a logged-in member, `U` otherwise.
    Members,
    /// House seats: `U` for everyone.
    House,
    /// Information attached (restricted view, companion seat): `I` for everyone.
    Info,
}

#[derive(Clone, Debug)]
pub struct LockType {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: LockKind,
}

#[derive(Clone, Debug)]
pub struct Band {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub enum AreaKind {
    /// Holds child areas only.
    Container,
    /// Holds seats.
    Reserved,
    /// Sold by count.
    Unreserved { capacity: u32, width: i32, height: i32, band: usize },
}

#[derive(Clone, Debug)]
pub struct Area {
    pub id: String,
    pub name: String,
    /// The `type` string emitted in the plan JSON.
    pub type_name: String,
    pub kind: AreaKind,
    /// Offset relative to the parent area.
    pub x: i32,
    pub y: i32,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// Indices into `Plan::seats`.
    pub seats: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Seat {
    pub id: u64,
    pub name: String,
    pub row: String,
    pub number: u32,
    /// Relative to the seat's area.
    pub x: i32,
    pub y: i32,
    /// Absolute plan coordinates (offsets summed), for best available.
    pub ax: i32,
    pub ay: i32,
    pub area: usize,
    pub band: usize,
    pub lock: Option<usize>,
    pub info: Option<String>,
    pub prev: Option<u64>,
    pub next: Option<u64>,
    pub prev_aisle: bool,
    pub next_aisle: bool,
}

/// A seating plan: area 0 is the root (the plan itself).
#[derive(Debug)]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub venue: &'static str,
    pub areas: Vec<Area>,
    pub seats: Vec<Seat>,
    pub bands: Vec<Band>,
    pub lock_types: Vec<LockType>,
    /// Leaf areas (reserved with seats, or unreserved), in tree order.
    pub leaves: Vec<usize>,
    pub seat_by_id: HashMap<u64, usize>,
    pub area_by_id: HashMap<String, usize>,
    /// Maximal runs of seats in one row that cross no aisle, in seat order.
    pub stretches: Vec<Vec<usize>>,
    /// The point best available measures "best" from (front centre).
    pub focus: (i32, i32),
    /// Pre-rendered `GET plans/{id}` body.
    pub json: bytes::Bytes,
}

impl Plan {
    pub fn reserved_seat_count(&self) -> usize {
        self.seats.len()
    }

    pub fn capacity(&self) -> u64 {
        let unres: u64 = self
            .areas
            .iter()
            .map(|a| match a.kind {
                AreaKind::Unreserved { capacity, .. } => u64::from(capacity),
                _ => 0,
            })
            .sum();
        self.seats.len() as u64 + unres
    }

    /// Is `area` the same as or a descendant of `ancestor`?
    pub fn area_within(&self, mut area: usize, ancestor: usize) -> bool {
        loop {
            if area == ancestor {
                return true;
            }
            match self.areas.get(area).and_then(|a| a.parent) {
                Some(p) => area = p,
                None => return false,
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct TicketType {
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug)]
pub struct Price {
    pub band: usize,
    pub ticket_type: usize,
    pub amount: f64,
    pub is_default: bool,
}

#[derive(Clone, Debug)]
pub struct PriceList {
    pub id: String,
    pub plan: usize,
    pub prices: Vec<Price>,
}

impl PriceList {
    pub fn price(&self, band: usize, ticket_type: usize) -> Option<f64> {
        self.prices.iter().find(|p| p.band == band && p.ticket_type == ticket_type).map(|p| p.amount)
    }
}

#[derive(Clone, Debug)]
pub struct Event {
    pub id: String,
    pub name: String,
    pub description: String,
    pub duration: u32,
    pub instances: Vec<usize>,
}

#[derive(Clone, Debug)]
pub struct Instance {
    pub id: String,
    pub web_instance_id: String,
    pub plan: usize,
    pub price_list: usize,
    pub event: usize,
    /// Local start, `2026-12-09T19:30:00`.
    pub start: String,
    pub start_utc: String,
    pub overlay: bool,
    /// What a replayed capture serves as recorded (`None` for every other
    /// performance).
    pub captured: Option<Arc<Captured>>,
}
