//! The HTTP server: one axum `Router` for the public API of each client
//! (`/{client}/api/v3/`), the login page, the queue page and the control
//! API (`/_sandbox/`), with CORS and gzip around everything; served on
//! connections a fault can abort.

use std::sync::Arc;

use axum::extract::Request;
use axum::middleware::{from_fn, from_fn_with_state, Next};
use axum::response::Response;
use axum::routing::{any, get};
use axum::{Router, ServiceExt};
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};

use crate::connection::{AbortableListener, Peer};
use crate::errors::{complete_method_not_allowed, ApiError};
use crate::session_cookie::{self, SessionScope};
use crate::state::AppState;
use crate::{api, control, cors, login_page};

/// Routes for one client name: its API and its login page, inside the
/// session cookie's scope.
fn client_routes(state: &Arc<AppState>, client: &str) -> Router<Arc<AppState>> {
    let scope = SessionScope { state: state.clone(), cookie_path: format!("/{client}") };
    Router::new()
        .nest(&format!("/{client}/api/v3"), api::router(state.clone()))
        .route(&format!("/{client}/website/secure/{{page}}"), any(login_page::handle))
        .layer(from_fn_with_state(scope, session_cookie::resolve))
}

pub fn router(state: Arc<AppState>) -> Router {
    let mut router = Router::new().nest("/_sandbox", control::router(state.clone()));
    for client in &state.config.clients {
        router = router.merge(client_routes(&state, client));
    }
    router
        // `joinQueue` links are "/api/v3/basket/queue/{id}"; a client that
        // resolves one against the bare origin lands here.
        .route("/api/v3/basket/queue/{id}", get(api::queue_page))
        // The generated venues' background pictures (the stage).
        .route(crate::venues::stage::ROUTE, get(crate::venues::stage::image))
        .fallback(|| async { ApiError::not_found("The resource") })
        .layer(from_fn_with_state(state.clone(), cors::layer))
        .layer(CompressionLayer::new().gzip(true).quality(CompressionLevel::Fastest))
        .with_state(state)
}

/// Collapses empty path segments (`//`, a trailing `/`) before routing, as
/// the API always has.
fn normalize_path(mut request: Request) -> Request {
    let path = request.uri().path();
    if !(path.contains("//") || (path.len() > 1 && path.ends_with('/'))) {
        return request;
    }
    let clean: String = path.split('/').filter(|s| !s.is_empty()).flat_map(|s| ["/", s]).collect();
    let clean = if clean.is_empty() { "/".to_string() } else { clean };
    let with_query = match request.uri().query() {
        Some(query) => format!("{clean}?{query}"),
        None => clean,
    };
    if let Ok(uri) = with_query.parse() {
        *request.uri_mut() = uri;
    }
    request
}

/// Completes the router's bare 405s. This runs outside the router because
/// the router adds the `Allow` header on its way out.
async fn complete_405(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    complete_method_not_allowed(&method, next.run(request).await)
}

/// Serves the router on the listener until the runtime stops.
pub async fn serve(listener: AbortableListener, state: Arc<AppState>) {
    let app = ServiceBuilder::new().map_request(normalize_path).layer(from_fn(complete_405)).service(router(state));
    let _ = axum::serve(listener, app.into_make_service_with_connect_info::<Peer>()).await;
}
