//! Property tests: the request-body decoders (basket tickets, best available,
//! authenticate, plan upload) and capture replays never panic on arbitrary
//! bytes or JSON.

use std::sync::{Mutex, OnceLock};

use proptest::prelude::*;
use seatmap_sandbox::{decode, plan_file, replay, world::World};
use serde_json::{json, Value};

fn world() -> &'static Mutex<World> {
    static W: OnceLock<Mutex<World>> = OnceLock::new();
    W.get_or_init(|| Mutex::new(World::seeded(1)))
}

/// Replays get a world of their own: each one that loads stays in it.
fn replay_world() -> &'static Mutex<World> {
    static W: OnceLock<Mutex<World>> = OnceLock::new();
    W.get_or_init(|| Mutex::new(World::without_venues(1)))
}

fn replay_capture(v: &Value) {
    let mut w = replay_world().lock().unwrap_or_else(|e| e.into_inner());
    let _ = replay::load(&mut w, v);
}

/// A capture whose exchanges carry the given bodies, as text.
fn capture_with(instance: &Value, plan: &Value, prices: &Value, detail: &Value) -> Value {
    let exchange = |name: &str, body: &Value| json!({"name": name, "status": 200, "body": body.to_string()});
    json!({"format": "seatmap-capture", "version": 1, "exchanges": [
        exchange("instance", instance), exchange("plan", plan),
        exchange("price-list", prices), exchange("status-detail", detail), exchange("status-detail-session", detail)
    ]})
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        "[a-zA-Z0-9 <>\"]{0,12}".prop_map(Value::String),
        prop_oneof![Just("seat"), Just("instance"), Just("type"), Just("areas"), Just("seats"), Just("Unreserved")]
            .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        let keys = prop_oneof![
            Just("id"),
            Just("seat"),
            Just("instance"),
            Just("type"),
            Just("ticketType"),
            Just("seatingPlan"),
            Just("quantity"),
            Just("priceBands"),
            Just("areas"),
            Just("seats"),
            Just("x"),
            Just("y"),
            Just("row"),
            Just("number"),
            Just("name"),
            Just("capacity"),
            Just("nextSeatId"),
            Just("previousSeatId"),
            Just("email"),
            Just("password"),
            Just("width"),
            Just("status"),
            Just("lockType"),
            Just("bands"),
            Just("priceBand"),
            Just("prices"),
            Just("amount"),
            Just("childPlans"),
            Just("exchanges"),
            Just("body"),
        ];
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((keys, inner), 0..8)
                .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

fn all_decoders(bytes: &[u8]) {
    let _ = decode::add_tickets(bytes);
    let _ = decode::best_available(bytes);
    let _ = decode::authenticate(bytes);
    if let Ok(v) = serde_json::from_slice::<Value>(bytes) {
        let mut w = world().lock().unwrap_or_else(|e| e.into_inner());
        let _ = plan_file::load(&mut w, &v);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        all_decoders(&bytes);
    }

    #[test]
    fn arbitrary_json_never_panics(v in arb_json()) {
        let bytes = serde_json::to_vec(&v).unwrap();
        all_decoders(&bytes);
        let arr = serde_json::to_vec(&json!([v.clone(), v])).unwrap();
        all_decoders(&arr);
    }

    #[test]
    fn wrapped_plans_never_panic(areas in prop::collection::vec(arb_json(), 0..4), seats in prop::collection::vec(arb_json(), 0..6)) {
        let plan = json!({"id": 1, "name": "P", "areas": [{"type": "Reserved", "seats": seats, "areas": areas}]});
        let mut w = world().lock().unwrap_or_else(|e| e.into_inner());
        let _ = plan_file::load(&mut w, &plan);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_captures_never_panic(v in arb_json()) {
        replay_capture(&v);
        replay_capture(&json!({"exchanges": [v.clone()]}));
        replay_capture(&json!({"exchanges": [{"name": "instance", "status": 200, "body": v}]}));
    }

    #[test]
    fn captures_with_arbitrary_bodies_never_panic(
        plan_areas in prop::collection::vec(arb_json(), 0..3),
        seats in prop::collection::vec(arb_json(), 0..6),
        detail in arb_json(),
        prices in arb_json(),
        detail_seats in prop::collection::vec(arb_json(), 0..6),
    ) {
        let instance = json!({"id": "I", "planId": "P"});
        let plan = json!({"id": "P", "areas": [{"id": 1, "type": "Reserved", "seats": seats, "areas": plan_areas}]});
        let nested = json!({"areas": [{"id": 1, "bands": [{"priceBand": {"id": 2}, "seats": detail_seats}], "childPlans": [detail]}]});
        replay_capture(&capture_with(&instance, &plan, &prices, &nested));
        replay_capture(&capture_with(&instance, &plan, &json!({"prices": [prices]}), &detail));
    }
}

#[test]
fn deep_nesting_is_refused_not_crashed() {
    let mut v = json!({"name": "leaf"});
    for _ in 0..120 {
        v = json!({"areas": [v]});
    }
    let mut w = world().lock().unwrap_or_else(|e| e.into_inner());
    assert!(plan_file::load(&mut w, &v).is_err());
    let deep = "[".repeat(10_000);
    assert!(decode::add_tickets(deep.as_bytes()).is_err());
}
