//! The loopback-only control API under `/_sandbox/`: reset, catalog, selling
//! and releasing seats, holds, sessions, faults, request counters, plan
//! uploads and the live audience.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use axum::response::Response;
use serde_json::{json, Value};

use crate::app::{query_pairs, read_body, require_json};
use crate::decode::{id_str, json as parse_json};
use crate::errors::{self, ok_json, ApiError};
use crate::model::AreaKind;
use crate::session::release_ticket;
use crate::store::{lock, SeatState, World};
use crate::{customer, faults, plan_file, AppState};

pub const PLAN_BODY_LIMIT: usize = 16 * 1024 * 1024;

pub async fn handle(st: Arc<AppState>, req: Request<Body>, rest: Vec<String>) -> Response {
    match run(&st, req, rest).await {
        Ok(v) => ok_json(&v),
        Err(e) => e.into_response(),
    }
}

async fn body_json(req: Request<Body>, limit: usize) -> Result<Value, ApiError> {
    let (parts, body) = req.into_parts();
    let bytes = read_body(body, &parts.headers, limit).await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(json!({}));
    }
    require_json(&parts.headers)?;
    parse_json(&bytes)
}

async fn run(st: &AppState, req: Request<Body>, rest: Vec<String>) -> Result<Value, ApiError> {
    let segs: Vec<&str> = rest.iter().map(String::as_str).filter(|s| !s.is_empty()).collect();
    let m = req.method().clone();
    let limit = if segs == ["plans"] { PLAN_BODY_LIMIT } else { 64 * 1024 };
    let _ = query_pairs(&req);
    match (m.clone(), segs.as_slice()) {
        (Method::POST, ["reset"]) => {
            st.reset();
            Ok(json!({"reset": true}))
        }
        (Method::GET, ["catalog"]) => {
            Ok(st.store.get().catalog(st.config.clients.first().map(String::as_str).unwrap_or("")))
        }
        (Method::POST, ["instances", id, action @ ("sell" | "release")]) => {
            let id = id.to_string();
            let release = *action == "release";
            let v = body_json(req, limit).await?;
            sell_or_release(st, &id, &v, release)
        }
        (Method::GET, ["instances", id, "holds"]) => holds(st, id),
        (Method::GET, ["sessions"]) => Ok(sessions(st)),
        (Method::POST, ["sessions", "expire-all"]) => {
            let n = st.sessions.expire_all(&st.store.get());
            Ok(json!({"expired": n}))
        }
        (Method::POST, ["sessions", id, "expire"]) => {
            if st.sessions.expire(id, &st.store.get()) {
                Ok(json!({"expired": 1}))
            } else {
                Err(ApiError::not_found(&format!("Session {id}")))
            }
        }
        (Method::POST, ["faults"]) => {
            let v = body_json(req, limit).await?;
            Ok(st.faults.add(faults::parse(&v)?))
        }
        (Method::GET, ["faults"]) => Ok(st.faults.list()),
        (Method::DELETE, ["faults"]) => {
            st.faults.clear();
            Ok(json!({"cleared": true}))
        }
        (Method::GET, ["requests"]) => Ok(st.counters.json()),
        (Method::POST, ["requests", "reset"]) => {
            st.counters.reset();
            Ok(json!({"reset": true}))
        }
        (Method::POST, ["plans"]) => {
            let v = body_json(req, limit).await?;
            st.store.update(|w| plan_file::load(w, &v))
        }
        (Method::POST, ["audience"]) => {
            let v = body_json(req, limit).await?;
            let mut a = lock(&st.audience);
            if let Some(e) = v.get("enabled").and_then(Value::as_bool) {
                a.enabled = e;
            }
            if let Some(ms) = v.get("intervalMs").and_then(Value::as_u64) {
                a.interval_ms = ms.clamp(10, 3_600_000);
            }
            if let Some(i) = v.get("instance") {
                a.instance = id_str(i);
            }
            Ok(a.json())
        }
        (Method::GET, ["audience"]) => Ok(lock(&st.audience).json()),
        (_, ["reset" | "catalog" | "sessions" | "faults" | "requests" | "plans" | "audience", ..])
        | (_, ["instances", _, "sell" | "release" | "holds"]) => {
            Err(ApiError::new(StatusCode::METHOD_NOT_ALLOWED, errors::METHOD, format!("{m} is not allowed here.")))
        }
        _ => Err(ApiError::not_found("The control resource")),
    }
}

fn sell_or_release(st: &AppState, id: &str, v: &Value, release: bool) -> Result<Value, ApiError> {
    let w = st.store.get();
    let ii = w.instance(id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))?;
    let (Some(inst), Some(rt)) = (w.instances.get(ii), w.rt.get(ii)) else {
        return Err(ApiError::not_found("Instance"));
    };
    let plan = w.plans.get(inst.plan).ok_or_else(|| ApiError::not_found("Plan"))?;
    let hold = v.get("hold").and_then(Value::as_bool).unwrap_or(false);
    let force = v.get("force").and_then(Value::as_bool).unwrap_or(false);
    if let Some(area_id) = v.get("area").and_then(id_str) {
        let a = plan
            .area_by_id
            .get(&area_id)
            .copied()
            .filter(|&a| matches!(plan.areas.get(a).map(|x| &x.kind), Some(AreaKind::Unreserved { .. })))
            .ok_or_else(|| ApiError::not_found(&format!("Unreserved area {area_id}")))?;
        let q = v.get("quantity").and_then(Value::as_u64).unwrap_or(1).min(1_000_000) as u32;
        let mut s = lock(&rt.state);
        let left = s.unres_available(plan, a);
        let u = s.unres.entry(a).or_default();
        if release {
            let from_held = q.min(u.held);
            u.held -= from_held;
            u.sold = u.sold.saturating_sub(q - from_held);
        } else if u64::from(q) > left {
            return Err(ApiError::conflict(format!("Only {left} places are left in this area.")));
        } else if hold {
            u.held += q;
        } else {
            u.sold += q;
        }
        s.version += 1;
        return Ok(json!({"area": area_id, "quantity": q}));
    }
    let ids: Vec<String> =
        v.get("seats").and_then(Value::as_array).map(|a| a.iter().filter_map(id_str).collect()).unwrap_or_default();
    if ids.is_empty() {
        return Err(ApiError::validation(vec!["seats (or area and quantity) is required".into()]));
    }
    let mut idx = vec![];
    for sid in &ids {
        match sid.parse::<u64>().ok().and_then(|n| plan.seat_by_id.get(&n)) {
            Some(&k) => idx.push(k),
            None => return Err(ApiError::not_found(&format!("Seat {sid}"))),
        }
    }
    if release && force {
        release_from_baskets(st, &w, ii, &idx);
    }
    let mut s = lock(&rt.state);
    if !release {
        let taken: Vec<String> = idx
            .iter()
            .filter(|&&k| s.seats.get(k) != Some(&SeatState::Free))
            .map(|&k| plan.seats[k].name.clone())
            .collect();
        if !taken.is_empty() {
            return Err(ApiError::conflict(format!("Already taken: {}.", taken.join(", "))));
        }
    }
    let mut changed = 0;
    for &k in &idx {
        let new = match (release, s.seats[k]) {
            (true, SeatState::Sold | SeatState::Held) => SeatState::Free,
            (true, other) => other,
            (false, _) if hold => SeatState::Held,
            (false, _) => SeatState::Sold,
        };
        if new != s.seats[k] {
            changed += 1;
        }
        s.seats[k] = new;
    }
    s.version += 1;
    Ok(json!({"changed": changed}))
}

/// Takes the given seats out of whichever real baskets hold them.
fn release_from_baskets(st: &AppState, w: &World, ii: usize, idx: &[usize]) {
    let owners: Vec<u64> = match w.rt.get(ii) {
        Some(rt) => {
            let s = lock(&rt.state);
            idx.iter()
                .filter_map(|&k| match s.seats.get(k) {
                    Some(SeatState::Basket(n)) => Some(*n),
                    _ => None,
                })
                .collect()
        }
        None => return,
    };
    for sess in st.sessions.all() {
        let mut g = lock(&sess);
        if !owners.contains(&g.num) {
            continue;
        }
        let num = g.num;
        let Some(b) = g.basket.as_mut() else { continue };
        let (gone, keep): (Vec<_>, Vec<_>) =
            b.tickets.drain(..).partition(|t| t.instance == ii && t.seat.is_some_and(|s| idx.contains(&s)));
        b.tickets = keep;
        b.touch();
        if let Some(rt) = w.rt.get(ii) {
            let mut s = lock(&rt.state);
            for t in &gone {
                release_ticket(&mut s, t, num);
            }
        }
    }
}

fn holds(st: &AppState, id: &str) -> Result<Value, ApiError> {
    let w = st.store.get();
    let ii = w.instance(id).ok_or_else(|| ApiError::not_found(&format!("Instance {id}")))?;
    let (Some(inst), Some(rt)) = (w.instances.get(ii), w.rt.get(ii)) else {
        return Err(ApiError::not_found("Instance"));
    };
    let plan = w.plans.get(inst.plan).ok_or_else(|| ApiError::not_found("Plan"))?;
    let (seats, unres) = {
        let s = lock(&rt.state);
        (s.seats.clone(), s.unres.clone())
    };
    let names: std::collections::HashMap<u64, String> = st
        .sessions
        .all()
        .iter()
        .map(|s| {
            let g = lock(s);
            (g.num, g.id.clone())
        })
        .collect();
    let mut out = vec![];
    for (k, state) in seats.iter().enumerate() {
        let (label, session) = match state {
            SeatState::Free => continue,
            SeatState::Sold => ("sold", None),
            SeatState::Held => ("held", None),
            SeatState::Basket(n) => ("basket", Some(names.get(n).cloned().unwrap_or_else(|| format!("#{n}")))),
        };
        let seat = &plan.seats[k];
        out.push(json!({"seat": seat.id.to_string(), "seatName": seat.name, "state": label, "session": session}));
    }
    for (a, u) in &unres {
        let area = plan.areas.get(*a).map(|x| x.id.clone());
        for (label, n) in [("sold", u.sold), ("held", u.held)] {
            if n > 0 {
                out.push(json!({"seat": null, "seatName": null, "area": area, "state": label, "session": null, "quantity": n}));
            }
        }
        for (num, n) in &u.baskets {
            out.push(json!({"seat": null, "seatName": null, "area": area, "state": "basket",
                "session": names.get(num).cloned(), "quantity": n}));
        }
    }
    Ok(Value::Array(out))
}

fn sessions(st: &AppState) -> Value {
    let w = st.store.get();
    let list: Vec<Value> = st
        .sessions
        .all()
        .iter()
        .map(|s| {
            let g = lock(s);
            let seats: Vec<String> = g
                .basket
                .iter()
                .flat_map(|b| b.tickets.iter())
                .filter_map(|t| {
                    let plan = w.instances.get(t.instance).and_then(|i| w.plans.get(i.plan))?;
                    t.seat.and_then(|k| plan.seats.get(k)).map(|s| s.id.to_string())
                })
                .collect();
            json!({"id": g.id, "customer": g.customer.map(customer::email), "basketSeats": seats,
                "lastSeenMsAgo": g.last_seen.elapsed().as_millis() as u64})
        })
        .collect();
    Value::Array(list)
}
