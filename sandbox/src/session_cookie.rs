//! The `SpektrixSession` cookie: a middleware that finds (or starts) the
//! request's session and sets the cookie on the first answer, and the
//! `CurrentSession` extractor handlers use.

use std::sync::Arc;

use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

use crate::errors::{self, ApiError};
use crate::session::{SessionRef, COOKIE};
use crate::state::AppState;
use crate::sync::lock;

/// What the session middleware needs: the state, and the cookie's path
/// (`/{client}`).
#[derive(Clone)]
pub struct SessionScope {
    pub state: Arc<AppState>,
    pub cookie_path: String,
}

/// The session of the request being handled.
#[derive(Clone)]
pub struct CurrentSession(pub SessionRef);

impl<S: Send + Sync> FromRequestParts<S> for CurrentSession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        parts.extensions.get::<CurrentSession>().cloned().ok_or_else(|| {
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, errors::SERVER, "No session for this route.")
        })
    }
}

/// Resolves the session from the cookie (a new one for a missing, unknown
/// or expired cookie) and sets the cookie when the session is new.
pub async fn resolve(State(scope): State<SessionScope>, jar: CookieJar, mut request: Request, next: Next) -> Response {
    let state = &scope.state;
    let cookie = jar.get(COOKIE).map(|c| c.value().to_string());
    let (session, is_new) = state.sessions.resolve(cookie.as_deref(), state.config.session_timeout, &state.store.get());
    let id = lock(&session).id.clone();
    request.extensions_mut().insert(CurrentSession(session));
    let response = next.run(request).await;
    if !is_new {
        return response;
    }
    let cookie = Cookie::build((COOKIE, id)).path(scope.cookie_path.clone()).http_only(true).same_site(SameSite::Lax);
    (jar.add(cookie), response).into_response()
}
