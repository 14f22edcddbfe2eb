//! Catalog reads: events, an event's instances, an instance, its price list
//! (a replayed one as captured), and plans (served pre-rendered; a replayed
//! one is the captured body).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;

use crate::catalog_json::{event_json, instance_json, price_list_json};
use crate::errors::ApiError;
use crate::model::{Event, Instance};
use crate::responses::{bytes_with_type, ok_json};
use crate::state::AppState;
use crate::world::World;

fn find_event<'w>(world: &'w World, id: &str) -> Result<&'w Event, ApiError> {
    world
        .event_by_id
        .get(id)
        .and_then(|&e| world.events.get(e))
        .ok_or_else(|| ApiError::not_found(&format!("Event {id}")))
}

fn find_instance<'w>(world: &'w World, id: &str) -> Result<&'w Instance, ApiError> {
    world
        .instance_index(id)
        .and_then(|i| world.instances.get(i))
        .map(|instance| &**instance)
        .ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))
}

pub async fn events(State(state): State<Arc<AppState>>) -> Response {
    let world = state.store.get();
    ok_json(&Value::Array(world.events.iter().map(|e| event_json(&world, e)).collect()))
}

pub async fn event(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let world = state.store.get();
    Ok(ok_json(&event_json(&world, find_event(&world, &id)?)))
}

pub async fn event_instances(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let world = state.store.get();
    let event = find_event(&world, &id)?;
    let list =
        event.instances.iter().filter_map(|&i| world.instances.get(i).map(|x| instance_json(&world, x))).collect();
    Ok(ok_json(&Value::Array(list)))
}

pub async fn instance(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let world = state.store.get();
    Ok(ok_json(&instance_json(&world, find_instance(&world, &id)?)))
}

pub async fn price_list(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let world = state.store.get();
    let instance = find_instance(&world, &id)?;
    if let Some(recorded) = instance.captured.as_ref().and_then(|c| c.price_list.as_ref()) {
        return Ok(recorded.response());
    }
    Ok(ok_json(&price_list_json(&world, instance)))
}

pub async fn plan(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let world = state.store.get();
    let plan = world.plan_by_id.get(&id).and_then(|&p| world.plans.get(p));
    let plan = plan.ok_or_else(|| ApiError::not_found(&format!("Plan {id}")))?;
    Ok(bytes_with_type(StatusCode::OK, plan.json.clone(), "application/json; charset=utf-8"))
}
