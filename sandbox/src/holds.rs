//! Holding and releasing places for a session. A hold is all or nothing
//! across every performance it touches; seat tables are locked in instance
//! index order, so racing sessions see exactly one winner per seat.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::MutexGuard;

use crate::basket::Ticket;
use crate::errors::ApiError;
use crate::ids::random_id;
use crate::letters::{letter, Letter, Viewer};
use crate::live::{SeatState, SeatTable};
use crate::model::Plan;
use crate::sync::lock;
use crate::world::World;

/// One place a session asks for, resolved against the catalog.
#[derive(Clone, Debug)]
pub struct Wanted {
    pub instance: usize,
    pub seat: Option<usize>,
    pub area: usize,
    pub band: usize,
    pub ticket_type: usize,
    pub price: f64,
}

/// Seat tables locked for one operation, by instance index.
pub type LockedTables<'w> = BTreeMap<usize, MutexGuard<'w, SeatTable>>;

/// Locks the seat tables of `instances`, in index order.
pub fn lock_tables<'w>(world: &'w World, instances: &BTreeSet<usize>) -> LockedTables<'w> {
    instances.iter().filter_map(|&i| world.live.get(i).map(|live| (i, lock(&live.seats)))).collect()
}

/// Why `viewer` cannot have a seat, in the customer's words.
fn refusal(plan: &Plan, seat: usize, area: usize, seen: Letter) -> String {
    let seat_name = plan.seats.get(seat).map(|s| s.name.as_str()).unwrap_or("?");
    let area_name = plan.areas.get(area).map(|a| a.name.as_str()).unwrap_or("");
    let lock = plan.seats.get(seat).and_then(|s| s.lock).and_then(|l| plan.lock_types.get(l));
    match (seen, lock) {
        // A free seat kept back by a lock: say which, so a customer knows
        // that logging in (or asking the box office) can help.
        (Letter::Locked, Some(lock)) if lock.description.is_empty() => {
            format!("Seat {seat_name} in {area_name} is held ({}).", lock.name)
        }
        (Letter::Locked, Some(lock)) => {
            format!("Seat {seat_name} in {area_name} is held ({}): {}.", lock.name, lock.description)
        }
        _ => format!("Seat {seat_name} in {area_name} is no longer available."),
    }
}

/// Checks every wanted place against the locked tables and takes all of
/// them for `viewer`, or none (409 naming each place refused, after any
/// `problems` already found).
pub fn hold_locked(
    world: &World,
    tables: &mut LockedTables<'_>,
    viewer: Viewer,
    wanted: Vec<Wanted>,
    mut problems: Vec<String>,
) -> Result<Vec<Ticket>, ApiError> {
    let mut seen = BTreeSet::new();
    let mut unreserved_wanted: BTreeMap<(usize, usize), u64> = BTreeMap::new();
    for want in &wanted {
        let (Some(table), Some(performance)) = (tables.get(&want.instance), world.performance_at(want.instance)) else {
            continue;
        };
        match want.seat {
            Some(seat) => {
                let state = table.seats.get(seat).copied().unwrap_or(SeatState::Sold);
                let seen_letter = letter(performance.plan, seat, state, viewer);
                if !seen_letter.is_buyable() || !seen.insert((want.instance, seat)) {
                    problems.push(refusal(performance.plan, seat, want.area, seen_letter));
                }
            }
            None => *unreserved_wanted.entry((want.instance, want.area)).or_default() += 1,
        }
    }
    for (&(instance, area), &asked) in &unreserved_wanted {
        let (Some(table), Some(performance)) = (tables.get(&instance), world.performance_at(instance)) else {
            continue;
        };
        let left = table.unreserved_available(performance.plan, area);
        if asked > left {
            let name = performance.plan.areas.get(area).map(|a| a.name.as_str()).unwrap_or("");
            problems.push(format!("Only {left} places are left in {name}; {asked} were requested."));
        }
    }
    if !problems.is_empty() {
        return Err(ApiError::conflict(problems.join(" ")));
    }
    let mut added = vec![];
    for want in wanted {
        let Some(table) = tables.get_mut(&want.instance) else {
            continue;
        };
        match want.seat {
            Some(seat) => table.seats[seat] = SeatState::Basket(viewer.session_number),
            None => {
                *table.unreserved.entry(want.area).or_default().baskets.entry(viewer.session_number).or_default() += 1
            }
        }
        added.push(Ticket {
            id: random_id(),
            instance: want.instance,
            seat: want.seat,
            area: want.area,
            band: want.band,
            ticket_type: want.ticket_type,
            price: want.price,
        });
    }
    Ok(added)
}

/// Locks the tables the wanted places need and holds them (see `hold_locked`).
pub fn hold(
    world: &World,
    viewer: Viewer,
    wanted: Vec<Wanted>,
    problems: Vec<String>,
) -> Result<Vec<Ticket>, ApiError> {
    let instances: BTreeSet<usize> = wanted.iter().map(|want| want.instance).collect();
    let mut tables = lock_tables(world, &instances);
    hold_locked(world, &mut tables, viewer, wanted, problems)
}

/// Returns one ticket's place to sale, if `session_number` still holds it.
pub fn release_ticket(table: &mut SeatTable, ticket: &Ticket, session_number: u64) {
    match ticket.seat {
        Some(seat) => {
            if table.seats.get(seat) == Some(&SeatState::Basket(session_number)) {
                table.seats[seat] = SeatState::Free;
            }
        }
        None => {
            if let Some(taken) = table.unreserved.get_mut(&ticket.area) {
                if let Some(places) = taken.baskets.get_mut(&session_number) {
                    *places = places.saturating_sub(1);
                    if *places == 0 {
                        taken.baskets.remove(&session_number);
                    }
                }
            }
        }
    }
}

/// Returns every ticket's place to sale.
pub fn release_tickets<'t>(world: &World, tickets: impl IntoIterator<Item = &'t Ticket>, session_number: u64) {
    for ticket in tickets {
        if let Some(live) = world.live.get(ticket.instance) {
            release_ticket(&mut lock(&live.seats), ticket, session_number);
        }
    }
}
