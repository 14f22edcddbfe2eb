//! The three basket operations a session makes — add tickets, remove
//! tickets, add the best available seats — checked against the catalog,
//! each performance's sale state and the session itself, then held or
//! released through `holds`.

use std::collections::BTreeSet;

use axum::http::StatusCode;

use crate::basket::{Basket, Ticket};
use crate::best_available::{self, Wish};
use crate::decode::{BestAvailableRequest, TicketRequest};
use crate::errors::{self, ApiError};
use crate::holds::{self, Wanted};
use crate::model::AreaKind;
use crate::session::Session;
use crate::sync::lock;
use crate::world::{Performance, World};

/// Why a performance cannot be sold now, if it cannot.
fn not_selling(performance: &Performance<'_>) -> Option<String> {
    let sale = lock(&performance.live.sale);
    if sale.cancelled {
        Some("this performance has been cancelled".into())
    } else if !sale.on_sale {
        Some(format!("this performance is not on sale (online sales open {})", sale.start_selling_at_web))
    } else {
        None
    }
}

/// A session that expired while its request was in flight holds nothing.
fn require_live(session: &Session) -> Result<(), ApiError> {
    if session.expired {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            errors::SESSION_EXPIRED,
            "The session expired before the tickets could be held; nothing was added.",
        ));
    }
    Ok(())
}

/// Resolves requests against the catalog: the places wanted, and the
/// problems that make the request a 409 (unknown seats) rather than a 400.
fn resolve(world: &World, requests: &[TicketRequest]) -> Result<(Vec<Wanted>, Vec<String>), ApiError> {
    let mut wanted = vec![];
    let mut invalid = vec![];
    let mut unknown_seats = vec![];
    for (n, request) in requests.iter().enumerate() {
        let n = n + 1;
        let Some(performance) = world.performance(&request.instance) else {
            invalid.push(format!("Ticket {n}: instance {} was not found", request.instance));
            continue;
        };
        if let Some(why) = not_selling(&performance) {
            invalid.push(format!("Ticket {n}: {why}"));
            continue;
        }
        let plan = performance.plan;
        let Some(ticket_type) = world.ticket_types.iter().position(|t| t.id == request.ticket_type) else {
            invalid.push(format!("Ticket {n}: ticket type {} was not found", request.ticket_type));
            continue;
        };
        let (seat, area, band) = if let Some(seat_id) = &request.seat {
            match seat_id.parse::<u64>().ok().and_then(|id| plan.seat_by_id.get(&id)) {
                Some(&s) => (Some(s), plan.seats[s].area, plan.seats[s].band),
                None => {
                    unknown_seats.push(format!("Seat {seat_id} does not exist in this instance."));
                    continue;
                }
            }
        } else {
            let area_id = request.area.as_deref().unwrap_or("");
            match plan.area_by_id.get(area_id).map(|&a| (a, plan.areas.get(a).map(|x| &x.kind))) {
                Some((a, Some(AreaKind::Unreserved { band, .. }))) => (None, a, *band),
                _ => {
                    invalid
                        .push(format!("Ticket {n}: seatingPlan {area_id} is not an unreserved area of this instance"));
                    continue;
                }
            }
        };
        match performance.price_list.price(band, ticket_type) {
            Some(price) => wanted.push(Wanted { instance: performance.index, seat, area, band, ticket_type, price }),
            None => invalid.push(format!(
                "Ticket {n}: ticket type {} is not sold in price band {}",
                request.ticket_type,
                plan.bands.get(band).map(|b| b.name.as_str()).unwrap_or("?")
            )),
        }
    }
    if !invalid.is_empty() {
        return Err(ApiError::validation(invalid));
    }
    Ok((wanted, unknown_seats))
}

fn put_in_basket(session: &mut Session, added: &[Ticket]) {
    let basket = session.basket.get_or_insert_with(Basket::new);
    basket.tickets.extend(added.iter().cloned());
    basket.touch();
}

/// `POST basket/tickets`: every ticket or none.
pub fn add(world: &World, session: &mut Session, requests: &[TicketRequest]) -> Result<Vec<Ticket>, ApiError> {
    let (wanted, unknown_seats) = resolve(world, requests)?;
    require_live(session)?;
    let added = holds::hold(world, session.viewer(), wanted, unknown_seats)?;
    put_in_basket(session, &added);
    Ok(added)
}

/// `DELETE basket/tickets`: every listed ticket or none (404 naming the
/// first one not in the basket).
pub fn remove<'s>(world: &World, session: &'s mut Session, ids: &[String]) -> Result<&'s Basket, ApiError> {
    if ids.is_empty() {
        return Err(ApiError::validation(vec!["ticketIds is required".into()]));
    }
    let number = session.number;
    let Some(basket) = session.basket.as_mut() else {
        return Err(ApiError::not_found("Basket"));
    };
    if let Some(missing) = ids.iter().find(|id| !basket.tickets.iter().any(|t| &t.id == *id)) {
        return Err(ApiError::not_found(&format!("Ticket {missing}")));
    }
    let (gone, kept): (Vec<Ticket>, Vec<Ticket>) = basket.tickets.drain(..).partition(|t| ids.contains(&t.id));
    basket.tickets = kept;
    basket.touch();
    holds::release_tickets(world, gone.iter(), number);
    Ok(basket)
}

/// `POST basket/tickets/best-available`: the chosen run is held under the
/// same lock it was chosen with, so it fails only when no run fits.
pub fn best_available(
    world: &World,
    session: &mut Session,
    request: &BestAvailableRequest,
) -> Result<Vec<Ticket>, ApiError> {
    let Some(performance) = world.performance(&request.instance) else {
        return Err(ApiError::validation(vec![format!("Instance {} was not found", request.instance)]));
    };
    if let Some(why) = not_selling(&performance) {
        return Err(ApiError::validation(vec![format!("Instance {}: {why}", request.instance)]));
    }
    if !performance.instance.overlay {
        return Err(ApiError::validation(vec!["Best available is not enabled for this instance".into()]));
    }
    let Some(ticket_type) = world.ticket_types.iter().position(|t| t.id == request.ticket_type) else {
        return Err(ApiError::validation(vec![format!("Ticket type {} was not found", request.ticket_type)]));
    };
    let plan = performance.plan;
    let bands: Vec<usize> = request.bands.iter().filter_map(|id| plan.bands.iter().position(|b| &b.id == id)).collect();
    let areas: Vec<usize> = request.areas.iter().filter_map(|id| plan.area_by_id.get(id).copied()).collect();
    require_live(session)?;
    let viewer = session.viewer();
    let mut tables = holds::lock_tables(world, &BTreeSet::from([performance.index]));
    let wish = Wish { quantity: request.quantity, ticket_type, bands: &bands, areas: &areas };
    let chosen = tables
        .get(&performance.index)
        .and_then(|table| best_available::choose(plan, performance.price_list, table, viewer, &wish));
    let Some(seats) = chosen else {
        return Err(ApiError::conflict(format!("No {} seats together are available.", request.quantity)));
    };
    let wanted = seats
        .iter()
        .filter_map(|&s| {
            let seat = plan.seats.get(s)?;
            Some(Wanted {
                instance: performance.index,
                seat: Some(s),
                area: seat.area,
                band: seat.band,
                ticket_type,
                price: performance.price_list.price(seat.band, ticket_type)?,
            })
        })
        .collect();
    let added = holds::hold_locked(world, &mut tables, viewer, wanted, vec![])?;
    drop(tables);
    put_in_basket(session, &added);
    Ok(added)
}
