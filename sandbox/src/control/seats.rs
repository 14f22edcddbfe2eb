//! Selling, holding and releasing places as other buyers would, and the
//! list of every taken place of a performance.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use serde_json::{json, Value};

use crate::decode::id_str;
use crate::errors::ApiError;
use crate::holds::release_ticket;
use crate::http::{ControlJson, API_BODY_LIMIT};
use crate::live::SeatState;
use crate::model::AreaKind;
use crate::responses::ok_json;
use crate::state::AppState;
use crate::sync::lock;
use crate::world::{Performance, World};

type Answer = Result<Response, ApiError>;

fn find<'w>(world: &'w World, id: &str) -> Result<Performance<'w>, ApiError> {
    world.performance(id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))
}

pub async fn sell(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    body: ControlJson<API_BODY_LIMIT>,
) -> Answer {
    sell_or_release(&state, &id, &body.0, false).map(|v| ok_json(&v))
}

pub async fn release(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    body: ControlJson<API_BODY_LIMIT>,
) -> Answer {
    sell_or_release(&state, &id, &body.0, true).map(|v| ok_json(&v))
}

fn sell_or_release(state: &AppState, id: &str, body: &Value, release: bool) -> Result<Value, ApiError> {
    let world = state.store.get();
    let performance = find(&world, id)?;
    let plan = performance.plan;
    let hold = body.get("hold").and_then(Value::as_bool).unwrap_or(false);
    let force = body.get("force").and_then(Value::as_bool).unwrap_or(false);
    if let Some(area_id) = body.get("area").and_then(id_str) {
        let area = plan
            .area_by_id
            .get(&area_id)
            .copied()
            .filter(|&a| matches!(plan.areas.get(a).map(|x| &x.kind), Some(AreaKind::Unreserved { .. })))
            .ok_or_else(|| ApiError::not_found(&format!("Unreserved area {area_id}")))?;
        let quantity = body.get("quantity").and_then(Value::as_u64).unwrap_or(1).min(1_000_000) as u32;
        let mut table = lock(&performance.live.seats);
        let left = table.unreserved_available(plan, area);
        let taken = table.unreserved.entry(area).or_default();
        if release {
            let from_held = quantity.min(taken.held);
            taken.held -= from_held;
            taken.sold = taken.sold.saturating_sub(quantity - from_held);
        } else if u64::from(quantity) > left {
            return Err(ApiError::conflict(format!("Only {left} places are left in this area.")));
        } else if hold {
            taken.held += quantity;
        } else {
            taken.sold += quantity;
        }
        return Ok(json!({"area": area_id, "quantity": quantity}));
    }
    let ids: Vec<String> =
        body.get("seats").and_then(Value::as_array).map(|a| a.iter().filter_map(id_str).collect()).unwrap_or_default();
    if ids.is_empty() {
        return Err(ApiError::validation(vec!["seats (or area and quantity) is required".into()]));
    }
    let mut seats = vec![];
    for seat_id in &ids {
        match seat_id.parse::<u64>().ok().and_then(|n| plan.seat_by_id.get(&n)) {
            Some(&s) => seats.push(s),
            None => return Err(ApiError::not_found(&format!("Seat {seat_id}"))),
        }
    }
    if release && force {
        release_from_baskets(state, &performance, &seats);
    }
    let mut table = lock(&performance.live.seats);
    if !release {
        let taken: Vec<String> = seats
            .iter()
            .filter(|&&s| table.seats.get(s) != Some(&SeatState::Free))
            .map(|&s| plan.seats[s].name.clone())
            .collect();
        if !taken.is_empty() {
            return Err(ApiError::conflict(format!("Already taken: {}.", taken.join(", "))));
        }
    }
    let mut changed = 0;
    for &s in &seats {
        let new = match (release, table.seats[s]) {
            (true, SeatState::Sold | SeatState::Held) => SeatState::Free,
            (true, other) => other,
            (false, _) if hold => SeatState::Held,
            (false, _) => SeatState::Sold,
        };
        if new != table.seats[s] {
            changed += 1;
        }
        table.seats[s] = new;
    }
    Ok(json!({"changed": changed}))
}

/// Takes the given seats out of whichever real baskets hold them.
fn release_from_baskets(state: &AppState, performance: &Performance<'_>, seats: &[usize]) {
    let owners: Vec<u64> = {
        let table = lock(&performance.live.seats);
        seats
            .iter()
            .filter_map(|&s| match table.seats.get(s) {
                Some(SeatState::Basket(number)) => Some(*number),
                _ => None,
            })
            .collect()
    };
    for session in state.sessions.all() {
        let mut session = lock(&session);
        if !owners.contains(&session.number) {
            continue;
        }
        let number = session.number;
        let Some(basket) = session.basket.as_mut() else { continue };
        let (gone, kept): (Vec<_>, Vec<_>) = basket
            .tickets
            .drain(..)
            .partition(|t| t.instance == performance.index && t.seat.is_some_and(|s| seats.contains(&s)));
        basket.tickets = kept;
        basket.touch();
        let mut table = lock(&performance.live.seats);
        for ticket in &gone {
            release_ticket(&mut table, ticket, number);
        }
    }
}

pub async fn holds(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Answer {
    let world = state.store.get();
    let performance = find(&world, &id)?;
    let plan = performance.plan;
    let (seats, unreserved) = {
        let table = lock(&performance.live.seats);
        (table.seats.clone(), table.unreserved.clone())
    };
    let session_ids: HashMap<u64, String> = state
        .sessions
        .all()
        .iter()
        .map(|s| {
            let session = lock(s);
            (session.number, session.id.clone())
        })
        .collect();
    let mut out = vec![];
    for (s, seat_state) in seats.iter().enumerate() {
        let (label, session) = match seat_state {
            SeatState::Free => continue,
            SeatState::Sold => ("sold", None),
            SeatState::Held => ("held", None),
            SeatState::Basket(number) => {
                ("basket", Some(session_ids.get(number).cloned().unwrap_or_else(|| format!("#{number}"))))
            }
        };
        let seat = &plan.seats[s];
        out.push(json!({"seat": seat.id.to_string(), "seatName": seat.name, "state": label, "session": session}));
    }
    for (area_index, taken) in &unreserved {
        let area = plan.areas.get(*area_index).map(|x| x.id.clone());
        for (label, quantity) in [("sold", taken.sold), ("held", taken.held)] {
            if quantity > 0 {
                out.push(json!({"seat": null, "seatName": null, "area": area, "state": label, "session": null, "quantity": quantity}));
            }
        }
        for (number, quantity) in &taken.baskets {
            out.push(json!({"seat": null, "seatName": null, "area": area, "state": "basket",
                "session": session_ids.get(number).cloned(), "quantity": quantity}));
        }
    }
    Ok(ok_json(&Value::Array(out)))
}
