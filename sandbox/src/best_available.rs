//! Choosing seats for "best available": the run of `quantity` adjacent seats
//! (in one row, crossing no aisle) nearest the plan's focus that the session
//! may buy, within the asked price bands and areas. Restricted-view seats
//! count as farther away, so they are chosen last.

use crate::letters::{letter, Letter, Viewer};
use crate::live::{SeatState, SeatTable};
use crate::model::{Plan, PriceList};
use crate::world::distance;

/// How much farther an information seat (restricted view) counts as being.
const INFO_SEAT_PENALTY: f64 = 200.0;

/// What the session asked for, resolved to plan indices.
pub struct Wish<'a> {
    pub quantity: usize,
    pub ticket_type: usize,
    /// Price band indices; empty means any.
    pub bands: &'a [usize],
    /// Area indices (a seat inside a chosen container counts); empty means any.
    pub areas: &'a [usize],
}

/// The best run of seats for the wish, as plan seat indices, or `None` when
/// no run fits. Read from the locked table the hold will then use, so the
/// choice cannot go stale before it is held.
pub fn choose(
    plan: &Plan,
    price_list: &PriceList,
    table: &SeatTable,
    viewer: Viewer,
    wish: &Wish<'_>,
) -> Option<Vec<usize>> {
    if wish.quantity == 0 {
        return None;
    }
    let fits = |seat_index: usize| -> Option<f64> {
        let seat = plan.seats.get(seat_index)?;
        let state = table.seats.get(seat_index).copied().unwrap_or(SeatState::Sold);
        let seen = letter(plan, seat_index, state, viewer);
        let wanted = matches!(seen, Letter::Available | Letter::Special | Letter::Info)
            && price_list.price(seat.band, wish.ticket_type).is_some()
            && (wish.bands.is_empty() || wish.bands.contains(&seat.band))
            && (wish.areas.is_empty() || wish.areas.iter().any(|&a| plan.area_within(seat.area, a)));
        wanted.then(|| {
            distance(plan.focus, (seat.ax, seat.ay)) + if seen == Letter::Info { INFO_SEAT_PENALTY } else { 0.0 }
        })
    };
    let mut best: Option<(f64, &[usize])> = None;
    for stretch in &plan.stretches {
        if stretch.len() < wish.quantity {
            continue;
        }
        for run in stretch.windows(wish.quantity) {
            let score: Option<f64> = run.iter().map(|&seat| fits(seat)).sum();
            if let Some(score) = score {
                if best.is_none_or(|(lowest, _)| score < lowest) {
                    best = Some((score, run));
                }
            }
        }
    }
    best.map(|(_, run)| run.to_vec())
}
