//! The public Spektrix API v3 under `/{client}/api/v3/`: the routes, each
//! request counted and open to injected faults (`instrumentation`).

mod availability;
mod basket;
mod catalog;
mod customer;
mod instrumentation;
mod queue_page;

use std::sync::Arc;

use axum::middleware::from_fn_with_state;
use axum::routing::{get, post};
use axum::Router;

use crate::errors::ApiError;
use crate::state::AppState;

pub use queue_page::page as queue_page;

/// The API's routes, to be nested under `/{client}/api/v3`; they expect the
/// session middleware around them.
pub fn router(state: Arc<AppState>) -> Router<Arc<AppState>> {
    Router::new()
        .route("/events", get(catalog::events))
        .route("/events/{id}", get(catalog::event))
        .route("/events/{id}/instances", get(catalog::event_instances))
        .route("/instances/{id}", get(catalog::instance))
        .route("/instances/{id}/price-list", get(catalog::price_list))
        .route("/instances/{id}/status", get(availability::counts))
        .route("/instances/{id}/status/detail", get(availability::detail))
        .route("/plans/{id}", get(catalog::plan))
        .route("/basket", get(basket::read))
        .route("/basket/tickets", post(basket::add).delete(basket::remove))
        .route("/basket/tickets/best-available", post(basket::best_available))
        .route("/basket/queue/{id}", get(queue_page::page))
        .route("/customer", get(customer::read))
        .route("/customer/authenticate", post(customer::authenticate))
        .route("/customer/deauthenticate", post(customer::deauthenticate))
        .fallback(|| async { ApiError::not_found("The resource") })
        .layer(from_fn_with_state(state, instrumentation::layer))
}
