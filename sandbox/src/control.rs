//! The control API under `/_sandbox/`, for tests and the demo: reset, the
//! catalog, selling and releasing seats, sessions, faults, request counters,
//! plan uploads, capture replays, the live audience, the queue, sale states
//! and the `status/detail` format. It answers only loopback peers, addressed
//! by a loopback host name, from no origin or a loopback one (`guard`).

mod guard;
mod seats;
mod switches;

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::middleware::from_fn_with_state;
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde_json::{json, Value};

use crate::customer;
use crate::errors::ApiError;
use crate::http::{ControlJson, API_BODY_LIMIT, CAPTURE_BODY_LIMIT, PLAN_BODY_LIMIT};
use crate::plan_file;
use crate::replay;
use crate::responses::ok_json;
use crate::state::AppState;
use crate::sync::lock;

type Answer = Result<Response, ApiError>;

pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    Router::new()
        .route("/reset", post(reset))
        .route("/catalog", get(catalog))
        .route("/instances/{id}/sell", post(seats::sell))
        .route("/instances/{id}/release", post(seats::release))
        .route("/instances/{id}/holds", get(seats::holds))
        .route("/instances/{id}/sale", get(switches::sale).post(switches::set_sale))
        .route("/sessions", get(sessions))
        .route("/sessions/expire-all", post(expire_all))
        .route("/sessions/{id}/expire", post(expire))
        .route("/faults", get(faults).post(add_fault).delete(clear_faults))
        .route("/requests", get(requests))
        .route("/requests/reset", post(reset_requests))
        .route("/plans", post(upload_plan))
        .route("/replay", post(replay_capture))
        .route("/audience", get(switches::audience).post(switches::set_audience))
        .route("/queue", get(switches::queue).post(switches::set_queue).delete(switches::clear_queue))
        .route("/status-format", get(switches::detail_format).post(switches::set_detail_format))
        .fallback(|| async { ApiError::not_found("The control resource") })
        .layer(from_fn_with_state(state, guard::layer))
}

async fn reset(State(state): State<Arc<AppState>>) -> Response {
    state.reset();
    ok_json(&json!({"reset": true}))
}

async fn catalog(State(state): State<Arc<AppState>>) -> Response {
    ok_json(&state.store.get().catalog(state.config.first_client()))
}

async fn sessions(State(state): State<Arc<AppState>>) -> Response {
    let world = state.store.get();
    let list: Vec<Value> = state
        .sessions
        .all()
        .iter()
        .map(|session| {
            let session = lock(session);
            let seats: Vec<String> = session
                .basket
                .iter()
                .flat_map(|b| b.tickets.iter())
                .filter_map(|t| {
                    let plan = world.instances.get(t.instance).and_then(|i| world.plans.get(i.plan))?;
                    t.seat.and_then(|s| plan.seats.get(s)).map(|s| s.id.to_string())
                })
                .collect();
            json!({"id": session.id, "customer": session.customer.map(customer::email), "basketSeats": seats,
                "lastSeenMsAgo": session.last_seen.elapsed().as_millis() as u64})
        })
        .collect();
    ok_json(&Value::Array(list))
}

async fn expire_all(State(state): State<Arc<AppState>>) -> Response {
    let expired = state.sessions.expire_all(&state.store.get());
    ok_json(&json!({"expired": expired}))
}

async fn expire(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Answer {
    if state.sessions.expire(&id, &state.store.get()) {
        Ok(ok_json(&json!({"expired": 1})))
    } else {
        Err(ApiError::not_found(&format!("Session {id}")))
    }
}

async fn faults(State(state): State<Arc<AppState>>) -> Response {
    ok_json(&state.faults.list())
}

async fn add_fault(State(state): State<Arc<AppState>>, ControlJson(body): ControlJson<API_BODY_LIMIT>) -> Answer {
    Ok(ok_json(&state.faults.add(crate::faults::parse(&body)?)))
}

async fn clear_faults(State(state): State<Arc<AppState>>) -> Response {
    state.faults.clear();
    ok_json(&json!({"cleared": true}))
}

async fn requests(State(state): State<Arc<AppState>>) -> Response {
    ok_json(&state.counters.json())
}

async fn reset_requests(State(state): State<Arc<AppState>>) -> Response {
    state.counters.reset();
    ok_json(&json!({"reset": true}))
}

/// `POST replay` with a capture: its performance joins the catalog with
/// every id kept; the answer names them (and `notes` what was left out).
async fn replay_capture(
    State(state): State<Arc<AppState>>,
    ControlJson(body): ControlJson<CAPTURE_BODY_LIMIT>,
) -> Answer {
    let answer = state.store.update(|world| replay::load(world, &body));
    Ok(ok_json(&answer.map_err(|e| ApiError::validation(vec![e]))?))
}

async fn upload_plan(State(state): State<Arc<AppState>>, ControlJson(body): ControlJson<PLAN_BODY_LIMIT>) -> Answer {
    Ok(ok_json(&state.store.update(|world| plan_file::load(world, &body))?))
}
