//! The basket endpoints: read it, add tickets, remove tickets, add the best
//! available seats. Adds answer `JoinQueue` while the control API's queue
//! switch covers their performance.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;

use crate::basket::{basket_json, tickets_json};
use crate::booking;
use crate::decode;
use crate::errors::ApiError;
use crate::http::{JsonBytes, QueryPairs};
use crate::responses::{no_store, ok_json};
use crate::session_cookie::CurrentSession;
use crate::state::AppState;
use crate::sync::lock;
use crate::world::World;

/// The `JoinQueue` error when the queue switch covers one of `instances`
/// (existing ones only: an unknown instance is a validation error instead).
fn queue_check<'a>(state: &AppState, world: &World, instances: impl Iterator<Item = &'a str>) -> Result<(), ApiError> {
    let known: Vec<&str> = instances.filter(|id| world.instance_index(id).is_some()).collect();
    match state.queue.take(&known) {
        Some(instance) => Err(ApiError::join_queue(&instance)),
        None => Ok(()),
    }
}

pub async fn read(
    State(state): State<Arc<AppState>>,
    CurrentSession(session): CurrentSession,
) -> Result<Response, ApiError> {
    let world = state.store.get();
    let session = lock(&session);
    let basket = session.basket.as_ref().ok_or_else(|| ApiError::not_found("Basket"))?;
    Ok(no_store(ok_json(&basket_json(&world, basket))))
}

pub async fn add(
    State(state): State<Arc<AppState>>,
    CurrentSession(session): CurrentSession,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let requests = decode::add_tickets(&body)?;
    let world = state.store.get();
    queue_check(&state, &world, requests.iter().map(|r| r.instance.as_str()))?;
    let mut session = lock(&session);
    let added = booking::add(&world, &mut session, &requests)?;
    Ok(ok_json(&tickets_json(&world, &added)))
}

pub async fn remove(
    State(state): State<Arc<AppState>>,
    CurrentSession(session): CurrentSession,
    query: QueryPairs,
) -> Result<Response, ApiError> {
    let world = state.store.get();
    let mut session = lock(&session);
    let basket = booking::remove(&world, &mut session, &query.list("ticketIds"))?;
    Ok(ok_json(&basket_json(&world, basket)))
}

pub async fn best_available(
    State(state): State<Arc<AppState>>,
    CurrentSession(session): CurrentSession,
    JsonBytes(body): JsonBytes,
) -> Result<Response, ApiError> {
    let request = decode::best_available(&body)?;
    let world = state.store.get();
    queue_check(&state, &world, std::iter::once(request.instance.as_str()))?;
    let mut session = lock(&session);
    let added = booking::best_available(&world, &mut session, &request)?;
    Ok(ok_json(&tickets_json(&world, &added)))
}
