//! One field of an unexpected type must never take the map down
//! (docs/spektrix-v3.md#tolerant-decoding). Each golden fixture is mutated
//! one field at a time — a number as text, a float count, a negative count,
//! null, a list or an object where a scalar was, a missing key, a huge or
//! overflowing coordinate — and the whole path (decode, then the reducer)
//! must still draw the map, keep every other seat, report what it skipped,
//! and let the buyer choose a seat.

use seatmap_core::{decode, Action, Response, RuleConfig, SeatIndex, SeatState, State, Venue};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::rc::Rc;

fn fixture(name: &str) -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/spektrix").join(name);
    serde_json::from_slice(&std::fs::read(&path).expect("fixture")).expect("fixture JSON")
}

fn answer(value: &Value) -> Response {
    Response {
        status: 200,
        content_type: Some("application/json".into()),
        retry_after: None,
        body: value.to_string().into_bytes(),
    }
}

/// Where a mutation applies: a document and a JSON pointer into it.
struct Target {
    document: &'static str,
    pointer: &'static str,
}

const TARGETS: &[Target] = &[
    Target { document: "plan.json", pointer: "/areas/0/seats/0/id" },
    Target { document: "plan.json", pointer: "/areas/0/seats/1/x" },
    Target { document: "plan.json", pointer: "/areas/0/seats/2/y" },
    Target { document: "plan.json", pointer: "/areas/0/seats/3/nextSeatId" },
    Target { document: "plan.json", pointer: "/areas/0/seats/4/row" },
    Target { document: "plan.json", pointer: "/areas/0/seats/5/number" },
    Target { document: "plan.json", pointer: "/areas/0/seats/2/nextIsAcrossAisle" },
    Target { document: "plan.json", pointer: "/areas/0/x" },
    Target { document: "plan.json", pointer: "/areas/0/seats" },
    Target { document: "plan.json", pointer: "/areas/1/areas" },
    Target { document: "plan.json", pointer: "/areas/2/capacity" },
    Target { document: "plan.json", pointer: "/areas/2/type" },
    Target { document: "plan.json", pointer: "/maxZoomWeb" },
    Target { document: "plan.json", pointer: "/backgroundImageUrl" },
    Target { document: "price-list.json", pointer: "/prices/0/amount" },
    Target { document: "price-list.json", pointer: "/prices/1/isBandDefault" },
    Target { document: "price-list.json", pointer: "/prices/2/priceBand" },
    Target { document: "price-list.json", pointer: "/prices/3/ticketType/id" },
    Target { document: "price-list.json", pointer: "/prices" },
    Target { document: "status-detail.json", pointer: "/areas/0/bands/0/seats/0/status" },
    Target { document: "status-detail.json", pointer: "/areas/0/bands/0/seats/1/id" },
    Target { document: "status-detail.json", pointer: "/areas/0/bands/0/seats/2" },
    Target { document: "status-detail.json", pointer: "/areas/0/bands/0/priceBand" },
    Target { document: "status-detail.json", pointer: "/areas/0/lockTypes/0/id" },
    Target { document: "status-detail.json", pointer: "/areas/0/bands" },
    Target { document: "status-detail.json", pointer: "/instance" },
    Target { document: "instance.json", pointer: "/isOnSale" },
    Target { document: "instance.json", pointer: "/hasBestAvailableOverlay" },
    Target { document: "instance.json", pointer: "/start" },
    Target { document: "instance.json", pointer: "/cancelled" },
];

/// The kinds of odd value a real venue might send.
fn mutations(original: &Value) -> Vec<(&'static str, Option<Value>)> {
    let mut out: Vec<(&'static str, Option<Value>)> = vec![
        ("removed", None),
        ("null", Some(Value::Null)),
        ("an object", Some(json!({"unexpected": true}))),
        ("a list", Some(json!([1, "two"]))),
        ("true", Some(json!(true))),
        ("a number", Some(json!(1))),
        ("text", Some(json!("auto"))),
        ("empty text", Some(json!(""))),
    ];
    if let Some(n) = original.as_f64() {
        out.push(("the number as text", Some(json!(format!("{n:.2}")))));
        out.push(("the number as a float", Some(json!(n + 0.0)))); // 577 → 577.0 in JSON
        out.push(("negative", Some(json!(-1))));
        out.push(("huge", Some(json!(1.0e9))));
        out.push(("overflowing", Some(json!(-1.7e308))));
    }
    out
}

fn set(document: &mut Value, pointer: &str, value: Option<Value>) {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
    let parent = document.pointer_mut(parent).unwrap_or_else(|| panic!("{pointer} exists"));
    match (parent, value) {
        (Value::Object(map), Some(v)) => {
            map.insert(key.to_owned(), v);
        }
        (Value::Object(map), None) => {
            map.remove(key);
        }
        (Value::Array(list), Some(v)) => list[key.parse::<usize>().expect("an index")] = v,
        (Value::Array(list), None) => {
            list.remove(key.parse::<usize>().expect("an index"));
        }
        _ => panic!("{pointer}: not a container"),
    }
}

/// Decodes the venue and status from these documents and runs the reducer;
/// returns the state, or why there is nothing to draw.
fn run(docs: &std::collections::HashMap<&'static str, Value>) -> Result<State, String> {
    let instance = decode::instance(&answer(&docs["instance.json"]), "76141CMTMDVBKHWCPUQGSZETCRBPWGESO")
        .map_err(|e| e.detail())?;
    let plan = decode::plan(&answer(&docs["plan.json"])).map_err(|e| e.detail())?;
    let prices = decode::price_list(&answer(&docs["price-list.json"])).map_err(|e| e.detail())?;
    let venue = Rc::new(Venue { instance: instance.value, plan, prices: prices.value });
    let mut state = State::new(RuleConfig::default());
    state.reduce(Action::Loaded {
        venue: venue.clone(),
        report: instance.report,
        now_local: "2026-12-01T10:00:00".into(),
    });
    match decode::status_detail(&venue, &answer(&docs["status-detail.json"])) {
        Ok(availability) => state.reduce(Action::Status { availability, requested_ms: 1.0, now_ms: 1.0 }),
        Err(e) => return Err(format!("status: {}", e.detail())),
    }
    Ok(state)
}

#[test]
fn a_single_odd_field_never_takes_the_map_down() {
    let names = ["instance.json", "plan.json", "price-list.json", "status-detail.json"];
    let base: std::collections::HashMap<&'static str, Value> = names.iter().map(|n| (*n, fixture(n))).collect();
    let healthy = run(&base).expect("the fixtures draw a map");
    let seats = healthy.plan().expect("a plan").seat_count();
    let mut cases = 0;
    let mut failures = Vec::new();
    for target in TARGETS {
        let original = base[target.document].pointer(target.pointer).cloned().unwrap_or(Value::Null);
        for (kind, value) in mutations(&original) {
            cases += 1;
            let mut docs = base.clone();
            set(docs.get_mut(target.document).expect("a document"), target.pointer, value);
            let context = format!("{} {} → {kind}", target.document, target.pointer);
            let state = match run(&docs) {
                Ok(state) => state,
                Err(why) => {
                    failures.push(format!("{context}: no map: {why}"));
                    continue;
                }
            };
            let plan = state.plan().expect("a plan");
            // At most the one mutated record (or, for a whole list, its contents) is lost.
            let lost = seats - plan.seat_count();
            let whole_list = target.pointer.ends_with("/seats") || target.pointer.ends_with("/areas");
            if lost > 1 && !whole_list {
                failures.push(format!("{context}: lost {lost} seats"));
            }
            if plan.seats.iter().any(|s| !s.x.is_finite() || !s.y.is_finite()) || !plan.bounds.width.is_finite() {
                failures.push(format!("{context}: a coordinate that is not finite reached the view"));
            }
            if target.pointer == "/prices" {
                // No price at all: the map is drawn, and every seat says why it can't be bought.
                let seat = SeatIndex(0);
                let why =
                    seatmap_core::reason(state.availability.seat(seat), &state.availability, state.state_of(seat));
                if lost > 0 || why.as_deref() != Some("Not on sale online") {
                    failures.push(format!("{context}: {lost} seats lost, first seat says {why:?}"));
                }
                continue;
            }
            // The buyer can still choose a seat, unless the mutation closed sales.
            let open =
                (0..plan.seat_count() as u32).map(SeatIndex).find(|s| state.state_of(*s) == SeatState::Available);
            if state.sale.is_open() {
                let Some(seat) = open else {
                    failures.push(format!("{context}: no seat can be chosen"));
                    continue;
                };
                let mut state = state.clone();
                state.reduce(Action::Toggle(seat));
                if !state.is_selected(seat) {
                    failures.push(format!("{context}: choosing a seat failed: {:?}", state.notice));
                }
            }
        }
    }
    assert!(cases >= 240, "{cases} cases");
    assert!(failures.is_empty(), "{} of {cases} cases failed:\n{}", failures.len(), failures.join("\n"));
}
