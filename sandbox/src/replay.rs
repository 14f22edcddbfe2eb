//! Replaying a capture (docs/capture.md) as a venue, keeping every id the
//! venue gave: the plan from `plan` (served byte for byte), prices from
//! `price-list`, the performance from `instance`, and the seats' starting
//! states from the anonymous `status-detail`. After that it is a venue like
//! any other: sessions, baskets, the control API and faults all apply.
//!
//! How letters become seats (the README says the same):
//! - `A` free; `U` without a lock sold; `B` (someone's basket) held;
//! - `W` free under a wheelchair lock, `I` free under an information lock
//!   that keeps its text, `X` free under a members-style lock (the seeded
//!   member sees `X`, everyone else `U`);
//! - `U` naming a lock: free but locked — members-style when that lock is
//!   ever `X` (in either captured detail) or the logged-in capture shows the
//!   seat `X`, else house seats (nobody online may buy it);
//! - any other letter sold; a seat the detail does not list free.
//!
//! A lock the capture names keeps its id, name and description; a `W`, `I`
//! or `X` seat naming none gets a lock without an id, which is never shown.

mod availability;
mod capture;
mod instance;
mod prices;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use axum::http::StatusCode;
use bytes::Bytes;
use rand::rngs::StdRng;
use serde_json::{json, Value};

use crate::captured::{Captured, RawAnswer};
use crate::detail_cache::DetailCache;
use crate::ids::{seeded, spektrix_id};
use crate::live::{LiveInstance, SaleState, SeatState, SeatTable, UnreservedTaken};
use crate::model::{AreaKind, Band, Event, Instance, LockKind, LockType, Plan, Price, PriceList, Seat};
use crate::plan_tree::{self, front_centre, SeatIds};
use crate::venues::finish_plan;
use crate::world::World;
use availability::CapturedDetail;
use capture::{CaptureFile, Exchange};
use instance::InstanceFacts;
use prices::CapturedPrices;

/// The venue name replayed plans carry in the catalog.
pub const VENUE: &str = "replay";

/// Prices the sandbox makes up when the capture gives none it can read.
const MADE_UP_PRICES: [f64; 3] = [30.0, 24.0, 15.0];

/// A price to install: band index, ticket type (id, name), amount, default.
type PendingPrice = (usize, (String, String), f64, bool);

/// Everything read from a capture, before it joins a world.
struct Prepared {
    facts: InstanceFacts,
    plan: Plan,
    seats: SeatTable,
    price_list_id: String,
    /// `None`: price every band with the world's own ticket types.
    prices: Option<Vec<PendingPrice>>,
    captured_price_list: Option<RawAnswer>,
    captured_detail: Option<RawAnswer>,
    event_description: String,
    notes: Vec<String>,
}

/// The recorded answer as it can be served again (a status HTTP can send
/// as a final answer).
fn raw_answer(exchange: &Exchange) -> Option<RawAnswer> {
    let status = StatusCode::from_u16(exchange.status).ok().filter(|s| (200..600).contains(&s.as_u16()))?;
    Some(RawAnswer { status, content_type: exchange.content_type.clone(), body: Bytes::from(exchange.body.clone()) })
}

fn detail_of(exchange: Option<&Exchange>) -> Option<CapturedDetail> {
    exchange.filter(|e| e.succeeded()).and_then(Exchange::json).and_then(|v| availability::read(&v))
}

/// The plan's price bands: the price list's, then any other the detail
/// names, or one made up when neither names any.
fn bands(prices: &CapturedPrices, detail: Option<&CapturedDetail>, rng: &mut StdRng) -> Vec<Band> {
    let mut bands: Vec<Band> =
        prices.bands.iter().map(|(id, name)| Band { id: id.clone(), name: name.clone() }).collect();
    for id in detail.map(|d| d.band_ids.as_slice()).unwrap_or_default() {
        if !bands.iter().any(|b| &b.id == id) {
            bands.push(Band { id: id.clone(), name: format!("Band {}", bands.len() + 1) });
        }
    }
    if bands.is_empty() {
        bands.push(Band { id: spektrix_id(rng), name: "Band A".into() });
    }
    bands
}

/// Lock types as seats need them: one per (captured id, kind).
struct Locks<'d> {
    types: Vec<LockType>,
    detail: Option<&'d CapturedDetail>,
}

impl Locks<'_> {
    fn index(&mut self, id: Option<&str>, kind: LockKind) -> usize {
        let id = id.unwrap_or("");
        if let Some(i) = self.types.iter().position(|t| t.id == id && t.kind == kind) {
            return i;
        }
        let said = self.detail.and_then(|d| d.lock_types.get(id));
        let fallback = match kind {
            LockKind::Wheelchair => "Wheelchair",
            LockKind::Members => "Members",
            LockKind::House => "House seats",
            LockKind::Info => "Information",
        };
        let name =
            said.and_then(|s| s.name.clone())
                .unwrap_or_else(|| if id.is_empty() { fallback.into() } else { id.into() });
        let description = said.and_then(|s| s.description.clone()).unwrap_or_default();
        self.types.push(LockType { id: id.to_string(), name, description, kind });
        self.types.len() - 1
    }
}

/// Counts of what the letters were turned into, for the notes.
#[derive(Default)]
struct Tally {
    unlisted: usize,
    unknown: usize,
    lock_on_a: usize,
}

/// Seat states, bands, locks and information from the detail (see the
/// module comment); every seat free when there is no detail.
fn seat_states(
    plan_seats: &mut [Seat],
    bands: &[Band],
    detail: Option<&CapturedDetail>,
    session: Option<&CapturedDetail>,
    locks: &mut Locks<'_>,
    notes: &mut Vec<String>,
) -> Vec<SeatState> {
    let Some(detail) = detail else {
        return vec![SeatState::Free; plan_seats.len()];
    };
    let mut members_locks: HashSet<&str> = HashSet::new();
    for seen in [Some(detail), session].into_iter().flatten() {
        members_locks.extend(seen.seats.values().filter(|s| s.letter == "X").filter_map(|s| s.lock.as_deref()));
    }
    let members_seats: HashSet<&str> = session
        .map(|s| s.seats.iter().filter(|(_, seat)| seat.letter == "X").map(|(id, _)| id.as_str()).collect())
        .unwrap_or_default();
    let mut tally = Tally::default();
    let mut states = Vec::with_capacity(plan_seats.len());
    let mut listed = 0;
    for seat in plan_seats.iter_mut() {
        let key = seat.id.to_string();
        let Some(seen) = detail.seats.get(&key) else {
            tally.unlisted += 1;
            states.push(SeatState::Free);
            continue;
        };
        listed += 1;
        if let Some(band) = seen.band.as_deref().and_then(|b| bands.iter().position(|x| x.id == b)) {
            seat.band = band;
        }
        let lock = seen.lock.as_deref();
        let (state, kind) = match seen.letter.as_str() {
            "A" => {
                tally.lock_on_a += usize::from(lock.is_some());
                (SeatState::Free, None)
            }
            "U" if lock.is_some() => {
                let members = lock.is_some_and(|l| members_locks.contains(l)) || members_seats.contains(key.as_str());
                (SeatState::Free, Some(if members { LockKind::Members } else { LockKind::House }))
            }
            "U" => (SeatState::Sold, None),
            "B" => (SeatState::Held, None),
            "W" => (SeatState::Free, Some(LockKind::Wheelchair)),
            "I" => (SeatState::Free, Some(LockKind::Info)),
            "X" => (SeatState::Free, Some(LockKind::Members)),
            _ => {
                tally.unknown += 1;
                (SeatState::Sold, None)
            }
        };
        if let Some(kind) = kind {
            seat.lock = Some(locks.index(lock, kind));
            seat.info = if kind == LockKind::Info { seen.info.clone() } else { None };
        }
        states.push(state);
    }
    let extra = detail.seats.len().saturating_sub(listed);
    for (count, what) in [
        (tally.unlisted, "plan seat(s) not in status-detail start free"),
        (tally.unknown, "seat(s) with a letter other than A, B, U, W, I or X start sold"),
        (tally.lock_on_a, "A seat(s) naming a lock are served as plain A"),
        (extra, "seat(s) in status-detail are not in the plan; ignored"),
        (detail.skipped, "record(s) in status-detail could not be read; ignored"),
    ] {
        if count > 0 {
            notes.push(format!("{count} {what}"));
        }
    }
    states
}

fn prepare(capture: &CaptureFile, rng: &mut StdRng) -> Result<Prepared, String> {
    let facts = instance::read(capture)?;
    let mut notes = capture.notes.clone();
    let plan_exchange = capture
        .get("plan")
        .ok_or_else(|| format!("the capture has no \"plan\" exchange (plan {} of the performance)", facts.plan_id))?;
    if let Some(why) = plan_exchange.not_an_object("the plan") {
        return Err(why);
    }
    let plan_body = plan_exchange.json().unwrap_or_default();
    let parsed = plan_tree::parse(&plan_body, SeatIds::Keep, rng, |_| false).map_err(|e| {
        let why = e.problems.map(|p| p.join("; ")).unwrap_or(e.message);
        format!("{}: the plan cannot be read: {why}", plan_exchange.label())
    })?;
    notes.extend(parsed.notes.iter().map(|n| format!("plan: {n}")));
    let price_exchange = capture.get("price-list").filter(|e| e.answered());
    let prices = price_exchange.map(prices::read).unwrap_or_default();
    notes.extend(prices.notes.iter().cloned());
    let detail_exchange = capture.get("status-detail").filter(|e| e.answered());
    let detail = detail_of(detail_exchange);
    let session = detail_of(capture.get("status-detail-session"));
    let captured_detail = match (detail_exchange, &detail) {
        (Some(exchange), None) => {
            notes.push(format!(
                "{}: not JSON in the contract's shape ({}); served as captured, every seat starts free",
                exchange.label(),
                exchange.describe()
            ));
            raw_answer(exchange)
        }
        (None, _) => {
            notes.push("no answered \"status-detail\" exchange: every seat starts free".into());
            None
        }
        _ => None,
    };
    let bands = bands(&prices, detail.as_ref(), rng);
    let plan_tree::ParsedPlan { mut areas, mut seats, capacity_missing, root_name, .. } = parsed;
    let mut locks = Locks { types: vec![], detail: detail.as_ref() };
    let states = seat_states(&mut seats, &bands, detail.as_ref(), session.as_ref(), &mut locks, &mut notes);
    let mut unreserved = HashMap::new();
    for (index, area) in areas.iter_mut().enumerate() {
        let AreaKind::Unreserved { capacity, band, .. } = &mut area.kind else {
            continue;
        };
        let seen = detail.as_ref().and_then(|d| d.areas.get(&area.id));
        if let (true, Some(given)) = (capacity_missing.contains(&index), seen.and_then(|s| s.capacity)) {
            *capacity = given.clamp(0.0, 1e6) as u32;
        }
        if let Some(b) = seen.and_then(|s| s.band.as_deref()).and_then(|b| bands.iter().position(|x| x.id == b)) {
            *band = b;
        }
        if let Some(available) = seen.and_then(|s| s.available) {
            let free = available.clamp(0.0, f64::from(*capacity)) as u32;
            let mine = seen.and_then(|s| s.in_basket).unwrap_or(0.0).clamp(0.0, 1e6) as u32;
            let sold = capacity.saturating_sub(free).saturating_sub(mine);
            unreserved.insert(index, UnreservedTaken { sold, ..UnreservedTaken::default() });
        }
    }
    let focus = front_centre(&areas, &seats);
    let mut plan = finish_plan(facts.plan_id.clone(), root_name, VENUE, areas, seats, bands, locks.types, focus);
    plan.json = Bytes::from(plan_exchange.body.clone());
    let made_up = prices.prices.is_empty();
    if made_up {
        notes.push("no usable prices: the sandbox prices every band with its own ticket types".into());
    }
    let pending = (!made_up).then(|| {
        prices
            .prices
            .iter()
            .filter_map(|p| {
                let ticket_type = prices.ticket_types.get(p.ticket_type)?.clone();
                let band = plan.bands.iter().position(|b| Some(&b.id) == prices.bands.get(p.band).map(|x| &x.0))?;
                Some((band, ticket_type, p.amount, p.is_default))
            })
            .collect()
    });
    let recorded = [capture.recorded_at.as_deref(), capture.page.as_deref()];
    let event_description = match recorded {
        [Some(at), Some(page)] if !page.is_empty() => format!("Replayed from a capture recorded {at} on {page}."),
        [Some(at), _] => format!("Replayed from a capture recorded {at}."),
        _ => "Replayed from a capture.".into(),
    };
    Ok(Prepared {
        price_list_id: prices.id.clone().unwrap_or_else(|| spektrix_id(rng)),
        captured_price_list: price_exchange.and_then(raw_answer),
        seats: SeatTable { seats: states, unreserved },
        facts,
        plan,
        prices: pending,
        captured_detail,
        event_description,
        notes,
    })
}

/// Puts a prepared replay into the world. Its ids win: a performance, plan
/// or price list already there under the same id is no longer reachable by
/// it (a capture of the sandbox itself replaces the performance it was
/// recorded from); an event already there gains the performance.
fn install(world: &mut World, prepared: Prepared, rng: &mut StdRng) -> Value {
    let Prepared {
        facts,
        plan,
        seats,
        price_list_id,
        prices,
        captured_price_list,
        captured_detail,
        event_description,
        ..
    } = prepared;
    let mut replaced = vec![];
    let plan_index = world.plans.len();
    if world.plan_by_id.insert(plan.id.clone(), plan_index).is_some() {
        replaced.push(format!("plan {}", plan.id));
    }
    let prices: Vec<Price> = match prices {
        Some(pending) => pending
            .into_iter()
            .map(|(band, (id, name), amount, is_default)| Price {
                band,
                ticket_type: world.ticket_type_index(&id, &name),
                amount,
                is_default,
            })
            .collect(),
        None => (0..plan.bands.len())
            .flat_map(|band| {
                (0..world.ticket_types.len().min(MADE_UP_PRICES.len())).map(move |t| Price {
                    band,
                    ticket_type: t,
                    amount: MADE_UP_PRICES[t],
                    is_default: t == 0,
                })
            })
            .collect(),
    };
    let price_list_index = world.price_lists.len();
    world.price_list_by_id.insert(price_list_id.clone(), price_list_index);
    world.price_lists.push(Arc::new(PriceList { id: price_list_id.clone(), plan: plan_index, prices }));
    let event_id = facts.event_id.clone().unwrap_or_else(|| spektrix_id(rng));
    let event_index = match world.event_by_id.get(&event_id) {
        Some(&index) => index,
        None => {
            let index = world.events.len();
            world.event_by_id.insert(event_id.clone(), index);
            world.events.push(Event {
                id: event_id.clone(),
                name: facts.event_name.clone().unwrap_or_else(|| plan.name.clone()),
                description: event_description,
                duration: 120,
                instances: vec![],
            });
            index
        }
    };
    let instance_index = world.instances.len();
    let shadowed = world.instance_by_id.insert(facts.id.clone(), instance_index);
    if shadowed.is_some() {
        replaced.push(format!("instance {}", facts.id));
    }
    let answer = json!({
        "instanceId": facts.id,
        "planId": plan.id,
        "eventId": event_id,
        "priceListId": price_list_id,
        "seats": plan.seats.len(),
        "areas": plan.leaves.len(),
        "priceBands": plan.bands.iter().map(|b| b.id.clone()).collect::<Vec<_>>(),
        "lockTypes": named_locks(&plan),
        "statusDetail": if captured_detail.is_some() { "as captured" } else { "live" },
        "replaced": replaced,
    });
    let sale = SaleState {
        on_sale: facts.sale.on_sale,
        cancelled: facts.sale.cancelled,
        start_selling_at_web: facts.sale.start_selling_at_web.clone(),
    };
    let captured = Captured {
        instance: facts.fields,
        sale: facts.sale,
        price_list: captured_price_list,
        status_detail: captured_detail,
    };
    world.plans.push(Arc::new(plan));
    world.instances.push(Arc::new(Instance {
        id: facts.id,
        web_instance_id: facts.web_instance_id,
        plan: plan_index,
        price_list: price_list_index,
        event: event_index,
        start: facts.start,
        start_utc: facts.start_utc,
        overlay: facts.overlay,
        captured: Some(Arc::new(captured)),
    }));
    world.live.push(Arc::new(LiveInstance {
        seats: Mutex::new(seats),
        sale: Mutex::new(sale),
        detail_cache: DetailCache::default(),
    }));
    for event in &mut world.events {
        event.instances.retain(|&i| Some(i) != shadowed);
    }
    let instances = &world.instances;
    if let Some(event) = world.events.get_mut(event_index) {
        event.instances.push(instance_index);
        event.instances.sort_by(|&a, &b| {
            let start = |i: usize| instances.get(i).map(|x| x.start.as_str()).unwrap_or("");
            start(a).cmp(start(b))
        });
    }
    answer
}

/// The ids of the locks the capture named, each once.
fn named_locks(plan: &Plan) -> Vec<String> {
    let mut ids: Vec<String> = vec![];
    for lock in &plan.lock_types {
        if !lock.id.is_empty() && !ids.contains(&lock.id) {
            ids.push(lock.id.clone());
        }
    }
    ids
}

/// Adds the capture's performance to the world. The answer names every id
/// and lists, under `notes`, what was left out or made up; the error is one
/// line naming the exchange and what was wrong with it.
pub fn load(world: &mut World, capture: &Value) -> Result<Value, String> {
    let capture = capture::read(capture)?;
    world.uploads += 1;
    let mut rng = seeded(world.seed, 2000 + world.uploads);
    let prepared = prepare(&capture, &mut rng)?;
    let notes = prepared.notes.clone();
    let mut answer = install(world, prepared, &mut rng);
    if let Some(o) = answer.as_object_mut() {
        o.insert("notes".into(), json!(notes));
    }
    Ok(answer)
}

#[cfg(test)]
mod tests;
