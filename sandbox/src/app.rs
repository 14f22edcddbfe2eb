//! The request dispatcher: splits `/{client}/api/v3/...`, the login page and
//! `/_sandbox/...`; resolves the session cookie, counts the request, applies
//! faults, enforces body limits and content types, then calls the handlers.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::response::Response;
use bytes::Bytes;
use serde_json::Value;

use crate::errors::{self, ok_json, ApiError};
use crate::session::{SessionRef, COOKIE};
use crate::store::lock;
use crate::{basket, control, cors, customer, decode, login_page, render, status, AppState};

/// Marks a response whose connection must be dropped instead.
#[derive(Clone, Copy, Debug)]
pub struct DropConnection;

pub const API_BODY_LIMIT: usize = 64 * 1024;

pub async fn handle(st: Arc<AppState>, peer: SocketAddr, req: Request<Body>) -> Response {
    let origin = cors::allowed(&st.config.origins, req.headers()).map(str::to_string);
    if req.method() == Method::OPTIONS {
        return cors::preflight(&st.config.origins, req.headers());
    }
    let path = req.uri().path().to_string();
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let mut resp = match segs.as_slice() {
        ["_sandbox", rest @ ..] => {
            if peer.ip().is_loopback() {
                let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
                control::handle(st.clone(), req, rest).await
            } else {
                ApiError::new(StatusCode::FORBIDDEN, errors::FORBIDDEN, "The control API answers loopback peers only.")
                    .into_response()
            }
        }
        [client, "api", "v3", rest @ ..] if st.config.clients.iter().any(|c| c == client) => {
            let client = client.to_string();
            let rest: Vec<String> = rest.iter().map(|s| s.to_string()).collect();
            with_session(&st, &client, req, |st, req, sess| api(st, req, rest, sess)).await
        }
        [client, "website", "secure", page]
            if page.eq_ignore_ascii_case("loginlogout.aspx") && st.config.clients.iter().any(|c| c == client) =>
        {
            let client = client.to_string();
            with_session(&st, &client, req, login_page::handle).await
        }
        _ => ApiError::not_found("The resource").into_response(),
    };
    cors::apply(&mut resp, origin.as_deref());
    resp
}

fn cookie_value(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.trim().to_string())
}

async fn with_session<F, Fut>(st: &Arc<AppState>, client: &str, req: Request<Body>, f: F) -> Response
where
    F: FnOnce(Arc<AppState>, Request<Body>, SessionRef) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    let cookie = cookie_value(req.headers());
    let (sess, is_new) = st.sessions.resolve(cookie.as_deref(), st.config.session_timeout);
    let id = lock(&sess).id.clone();
    let mut resp = f(st.clone(), req, sess).await;
    if is_new {
        let c = format!("{COOKIE}={id}; Path=/{client}; HttpOnly; SameSite=Lax");
        if let Ok(v) = HeaderValue::from_str(&c) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    resp
}

/// Reads a body up to `limit` bytes; 413 beyond.
pub async fn read_body(body: Body, headers: &HeaderMap, limit: usize) -> Result<Bytes, ApiError> {
    let too_big = || {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            errors::TOO_LARGE,
            format!("The request body is larger than {limit} bytes."),
        )
    };
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_big());
    }
    axum::body::to_bytes(body, limit).await.map_err(|_| too_big())
}

pub fn require_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let ct = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let mime = ct.split(';').next().unwrap_or("").trim();
    if mime.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            errors::UNSUPPORTED_MEDIA,
            "The request body must be sent as application/json.",
        ))
    }
}

pub fn query_pairs(req: &Request<Body>) -> Vec<(String, String)> {
    serde_urlencoded::from_str(req.uri().query().unwrap_or("")).unwrap_or_default()
}

fn flag(q: &[(String, String)], name: &str) -> bool {
    q.iter().any(|(k, v)| k.eq_ignore_ascii_case(name) && v.eq_ignore_ascii_case("true"))
}

#[derive(Debug)]
enum Route {
    Events,
    Event(String),
    EventInstances(String),
    Instance(String),
    PriceList(String),
    Status(String),
    Detail(String),
    Plan(String),
    Basket,
    AddTickets,
    RemoveTickets,
    BestAvailable,
    Customer,
    Authenticate,
    Deauthenticate,
}

/// The route template (for counters) and the route or a 404/405.
fn route(m: &Method, segs: &[&str]) -> (String, Result<Route, ApiError>) {
    let id = |i: usize| segs.get(i).map(|s| s.to_string()).unwrap_or_default();
    let (tpl, allowed): (&str, Vec<(Method, Route)>) = match segs {
        ["events"] => ("events", vec![(Method::GET, Route::Events)]),
        ["events", _] => ("events/{id}", vec![(Method::GET, Route::Event(id(1)))]),
        ["events", _, "instances"] => ("events/{id}/instances", vec![(Method::GET, Route::EventInstances(id(1)))]),
        ["instances", _] => ("instances/{id}", vec![(Method::GET, Route::Instance(id(1)))]),
        ["instances", _, "price-list"] => ("instances/{id}/price-list", vec![(Method::GET, Route::PriceList(id(1)))]),
        ["instances", _, "status"] => ("instances/{id}/status", vec![(Method::GET, Route::Status(id(1)))]),
        ["instances", _, "status", "detail"] => {
            ("instances/{id}/status/detail", vec![(Method::GET, Route::Detail(id(1)))])
        }
        ["plans", _] => ("plans/{id}", vec![(Method::GET, Route::Plan(id(1)))]),
        ["basket"] => ("basket", vec![(Method::GET, Route::Basket)]),
        ["basket", "tickets"] => {
            ("basket/tickets", vec![(Method::POST, Route::AddTickets), (Method::DELETE, Route::RemoveTickets)])
        }
        ["basket", "tickets", "best-available"] => {
            ("basket/tickets/best-available", vec![(Method::POST, Route::BestAvailable)])
        }
        ["customer"] => ("customer", vec![(Method::GET, Route::Customer)]),
        ["customer", "authenticate"] => ("customer/authenticate", vec![(Method::POST, Route::Authenticate)]),
        ["customer", "deauthenticate"] => ("customer/deauthenticate", vec![(Method::POST, Route::Deauthenticate)]),
        _ => return ("(unknown)".into(), Err(ApiError::not_found("The resource"))),
    };
    let methods: Vec<String> = allowed.iter().map(|(m, _)| m.to_string()).collect();
    match allowed.into_iter().find(|(am, _)| am == m) {
        Some((_, r)) => (tpl.to_string(), Ok(r)),
        None => (
            tpl.to_string(),
            Err(ApiError::new(
                StatusCode::METHOD_NOT_ALLOWED,
                errors::METHOD,
                format!("{m} is not allowed here; use {}.", methods.join(" or ")),
            )),
        ),
    }
}

async fn api(st: Arc<AppState>, req: Request<Body>, rest: Vec<String>, sess: SessionRef) -> Response {
    let segs: Vec<&str> = rest.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    let method = req.method().clone();
    let (tpl, route) = route(&method, &segs);
    let session_id = lock(&sess).id.clone();
    st.counters.count(&format!("{method} {tpl}"), &session_id);
    if let Some(f) = st.faults.take(method.as_str(), &segs.join("/")) {
        if f.latency_ms > 0 {
            tokio::time::sleep(Duration::from_millis(f.latency_ms)).await;
        }
        if f.drop {
            let mut r = Response::new(Body::empty());
            r.extensions_mut().insert(DropConnection);
            return r;
        }
        if let Some(code) = f.status {
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut r = match &f.body {
                Some(Value::String(s)) => {
                    errors::bytes_response(status, Bytes::from(s.clone()), "text/plain; charset=utf-8")
                }
                Some(v) => errors::json_response(status, v),
                None => errors::json_response(
                    status,
                    &ApiError::new(status, errors::SERVER, "A fault was injected by the sandbox.").body(),
                ),
            };
            if let Some(secs) = f.retry_after {
                if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            return r;
        }
    }
    let route = match route {
        Ok(r) => r,
        Err(e) => return e.into_response(),
    };
    match run(&st, req, route, &sess).await {
        Ok(r) => r,
        Err(e) => e.into_response(),
    }
}

async fn json_body(req: Request<Body>) -> Result<Bytes, ApiError> {
    require_json(req.headers())?;
    let (parts, body) = req.into_parts();
    read_body(body, &parts.headers, API_BODY_LIMIT).await
}

async fn run(st: &AppState, req: Request<Body>, route: Route, sess: &SessionRef) -> Result<Response, ApiError> {
    let w = st.store.get();
    let inst = |id: &str| {
        w.instance(id)
            .and_then(|i| w.instances.get(i).cloned())
            .ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))
    };
    let q = query_pairs(&req);
    Ok(match route {
        Route::Events => ok_json(&Value::Array(w.events.iter().map(|e| render::event_json(&w, e)).collect())),
        Route::Event(id) => {
            let e = w.event_by_id.get(&id).and_then(|&e| w.events.get(e));
            let e = e.ok_or_else(|| ApiError::not_found(&format!("Event {id}")))?;
            ok_json(&render::event_json(&w, e))
        }
        Route::EventInstances(id) => {
            let e = w.event_by_id.get(&id).and_then(|&e| w.events.get(e));
            let e = e.ok_or_else(|| ApiError::not_found(&format!("Event {id}")))?;
            let list =
                e.instances.iter().filter_map(|&i| w.instances.get(i).map(|x| render::instance_json(&w, x))).collect();
            ok_json(&Value::Array(list))
        }
        Route::Instance(id) => {
            let i = inst(&id)?;
            ok_json(&render::instance_json(&w, &i))
        }
        Route::PriceList(id) => {
            let i = inst(&id)?;
            ok_json(&render::price_list_json(&w, &i))
        }
        Route::Plan(id) => {
            let p = w.plan_by_id.get(&id).and_then(|&p| w.plans.get(p));
            let p = p.ok_or_else(|| ApiError::not_found(&format!("Plan {id}")))?;
            errors::bytes_response(StatusCode::OK, p.json.clone(), "application/json; charset=utf-8")
        }
        Route::Status(id) | Route::Detail(id) if w.instance(&id).is_none() => {
            return Err(ApiError::not_found(&format!("Instance {id}")));
        }
        Route::Status(id) => {
            let i = inst(&id)?;
            let (Some(plan), Some(rt)) = (w.plans.get(i.plan), w.instance(&id).and_then(|x| w.rt.get(x))) else {
                return Err(ApiError::not_found("Instance"));
            };
            let (num, member) = who(sess);
            let v = status::view(plan, rt, num, member);
            let body = status::counts(plan, &v, flag(&q, "includeChildPlans"), flag(&q, "includeLockInformation"));
            no_store(ok_json(&body))
        }
        Route::Detail(id) => {
            let i = inst(&id)?;
            let (Some(plan), Some(rt)) = (w.plans.get(i.plan), w.instance(&id).and_then(|x| w.rt.get(x))) else {
                return Err(ApiError::not_found("Instance"));
            };
            let (num, member) = who(sess);
            let v = status::view(plan, rt, num, member);
            let cached = status::detail(&i, plan, rt, &v, flag(&q, "includeLockInformation"));
            let gzip = req
                .headers()
                .get(header::ACCEPT_ENCODING)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.split(',').any(|e| e.trim().starts_with("gzip")));
            let mut r = if gzip {
                let mut r = errors::bytes_response(StatusCode::OK, cached.gzip(), "application/json; charset=utf-8");
                r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
                r
            } else {
                errors::bytes_response(StatusCode::OK, cached.raw.clone(), "application/json; charset=utf-8")
            };
            r.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
            no_store(r)
        }
        Route::Basket => {
            let g = lock(sess);
            let b = g.basket.as_ref().ok_or_else(|| ApiError::not_found("Basket"))?;
            no_store(ok_json(&basket::basket_json(&w, b)))
        }
        Route::AddTickets => {
            let body = json_body(req).await?;
            let reqs = decode::add_tickets(&body)?;
            let mut g = lock(sess);
            ok_json(&basket::add(&w, &mut g, &reqs)?)
        }
        Route::RemoveTickets => {
            let ids: Vec<String> = q
                .iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case("ticketIds"))
                .flat_map(|(_, v)| v.split(','))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            let mut g = lock(sess);
            ok_json(&basket::remove(&w, &mut g, &ids)?)
        }
        Route::BestAvailable => {
            let body = json_body(req).await?;
            let r = decode::best_available(&body)?;
            let mut g = lock(sess);
            ok_json(&basket::best(&w, &mut g, &r)?)
        }
        Route::Customer => {
            let g = lock(sess);
            match g.customer {
                Some(c) => no_store(ok_json(&customer::json(c))),
                None => {
                    return Err(ApiError::new(
                        StatusCode::UNAUTHORIZED,
                        errors::NOT_LOGGED_IN,
                        "No customer is logged in.",
                    ))
                }
            }
        }
        Route::Authenticate => {
            let body = json_body(req).await?;
            let c = decode::authenticate(&body)?;
            let mut g = lock(sess);
            match customer::authenticate(&c.email, &c.password) {
                Some(idx) => {
                    g.customer = Some(idx);
                    ok_json(&customer::json(idx))
                }
                None => {
                    return Err(ApiError::new(
                        StatusCode::UNAUTHORIZED,
                        errors::BAD_LOGIN,
                        "The email address or password is incorrect.",
                    ))
                }
            }
        }
        Route::Deauthenticate => {
            let (parts, body) = req.into_parts();
            read_body(body, &parts.headers, API_BODY_LIMIT).await?;
            lock(sess).customer = None;
            let mut r = Response::new(Body::empty());
            *r.status_mut() = StatusCode::NO_CONTENT;
            r
        }
    })
}

fn who(sess: &SessionRef) -> (u64, bool) {
    let g = lock(sess);
    (g.num, customer::is_member(g.customer))
}

fn no_store(mut r: Response) -> Response {
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}
