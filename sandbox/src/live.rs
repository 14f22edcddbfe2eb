//! The live state of one performance: who holds each reserved seat, how many
//! places of each unreserved area are taken, whether it is on sale, and the
//! cache of rendered availability. `model` is the static part.

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{json, Value};

use crate::detail_cache::DetailCache;
use crate::model::{AreaKind, Plan};

/// Who holds one reserved seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatState {
    Free,
    /// Sold to another buyer.
    Sold,
    /// Held in another (synthetic) buyer's basket.
    Held,
    /// In a real session's basket (the session's number).
    Basket(u64),
}

/// How many places of one unreserved area are taken, and by whom.
#[derive(Clone, Debug, Default)]
pub struct UnreservedTaken {
    pub sold: u32,
    pub held: u32,
    /// Places per session number.
    pub baskets: HashMap<u64, u32>,
}

impl UnreservedTaken {
    pub fn total(&self) -> u64 {
        u64::from(self.sold) + u64::from(self.held) + self.baskets.values().map(|&n| u64::from(n)).sum::<u64>()
    }
}

/// Every place of one performance: reserved seats by plan index, unreserved
/// areas by area index.
#[derive(Debug)]
pub struct SeatTable {
    pub seats: Vec<SeatState>,
    pub unreserved: HashMap<usize, UnreservedTaken>,
}

impl SeatTable {
    /// Places still free in an unreserved area (0 for any other area).
    pub fn unreserved_available(&self, plan: &Plan, area: usize) -> u64 {
        let capacity = match plan.areas.get(area).map(|a| &a.kind) {
            Some(AreaKind::Unreserved { capacity, .. }) => u64::from(*capacity),
            _ => 0,
        };
        capacity.saturating_sub(self.unreserved.get(&area).map(UnreservedTaken::total).unwrap_or(0))
    }
}

/// What `GET instances/{id}` says about selling; set through the control API.
#[derive(Clone, Debug, PartialEq)]
pub struct SaleState {
    pub on_sale: bool,
    pub cancelled: bool,
    /// Local time, `2026-09-01T10:00:00`.
    pub start_selling_at_web: String,
}

impl Default for SaleState {
    fn default() -> Self {
        SaleState { on_sale: true, cancelled: false, start_selling_at_web: "2026-09-01T10:00:00".into() }
    }
}

impl SaleState {
    /// Can tickets be added to a basket now?
    pub fn is_selling(&self) -> bool {
        self.on_sale && !self.cancelled
    }

    pub fn json(&self) -> Value {
        json!({"isOnSale": self.on_sale, "cancelled": self.cancelled, "startSellingAtWeb": self.start_selling_at_web})
    }
}

/// One performance's live state, each part behind its own lock.
#[derive(Debug)]
pub struct LiveInstance {
    pub seats: Mutex<SeatTable>,
    pub sale: Mutex<SaleState>,
    pub detail_cache: DetailCache,
}

impl LiveInstance {
    pub fn new(seats: SeatTable) -> LiveInstance {
        LiveInstance {
            seats: Mutex::new(seats),
            sale: Mutex::new(SaleState::default()),
            detail_cache: DetailCache::default(),
        }
    }
}
