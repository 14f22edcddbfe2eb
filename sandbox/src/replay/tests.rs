//! Replays built from small hand-made captures: letters to seats and locks,
//! ids kept, odd-but-valid documents, refusals, answers served as captured.

use serde_json::{json, Value};

use super::*;
use crate::availability::view;
use crate::detail::render_json;
use crate::letters::Viewer;

fn exchange(name: &str, path: &str, body: &Value) -> Value {
    json!({"name": name, "method": "GET", "path": path, "credentials": "include", "status": 200,
           "contentType": "application/json; charset=utf-8", "body": body.to_string(), "error": null})
}

fn plan() -> Value {
    json!({"id": "P1", "name": "Hall", "type": "Reserved", "x": 0, "y": 0, "seats": [], "areas": [
        {"id": "STALLS", "name": "Stalls", "type": "Reserved", "x": 0, "y": 100, "areas": [], "seats": [
            {"id": "101", "name": "A1", "row": "A", "number": 1, "x": 0, "y": 0, "previousSeatId": null, "nextSeatId": 102},
            {"id": "102", "name": "A2", "row": "A", "number": 2, "x": 20, "y": 0, "previousSeatId": 101, "nextSeatId": 103},
            {"id": "103", "name": "A3", "row": "A", "number": 3, "x": 40, "y": 0, "previousSeatId": 102, "nextSeatId": 104},
            {"id": "104", "name": "A4", "row": "A", "number": 4, "x": 60, "y": 0, "previousSeatId": 103, "nextSeatId": null},
            {"id": "105", "name": "B1", "row": "B", "number": 1, "x": 0, "y": 30},
            {"id": "106", "name": "B2", "row": "B", "number": 2, "x": 20, "y": 30},
            {"id": "107", "name": "B3", "row": "B", "number": 3, "x": 40, "y": 30},
            {"id": "108", "name": "B4", "row": "B", "number": 4, "x": 60, "y": 30},
            {"id": "109", "name": "B5", "row": "B", "number": 5, "x": 80, "y": 30},
            {"id": "110", "name": "B6", "row": "B", "number": 6, "x": 100, "y": 30}
        ]},
        {"id": "PIT", "name": "Standing", "type": "Unreserved", "x": 0, "y": 300, "capacity": 20, "seats": null, "areas": []}
    ]})
}

fn prices() -> Value {
    json!({"id": "PL1", "prices": [
        {"amount": 30.0, "isBandDefault": true, "priceBand": {"id": "BA", "name": "Band A"}, "ticketType": {"id": "ADULT", "name": "Adult"}},
        {"amount": 20.0, "isBandDefault": false, "priceBand": {"id": "BA", "name": "Band A"}, "ticketType": {"id": "CHILD", "name": "Child"}},
        {"amount": 25.0, "isBandDefault": true, "priceBand": {"id": "BB", "name": "Band B"}, "ticketType": {"id": "ADULT", "name": "Adult"}},
        {"amount": 10.0, "isBandDefault": true, "priceBand": {"id": "BS", "name": "Standing"}, "ticketType": {"id": "ADULT", "name": "Adult"}}
    ]})
}

/// What an anonymous session saw: every kind of letter once.
fn detail(members_letter: &str) -> Value {
    json!({"instance": "I1", "areas": [
        {"id": "STALLS", "name": "Stalls", "bands": [
            {"priceBand": {"id": "BA"}, "seats": [
                {"id": "101", "status": "A"},
                {"id": "102", "status": "U"},
                {"id": "103", "status": members_letter, "lockType": "LM"},
                {"id": "104", "status": "U", "lockType": "LH"}
            ]},
            {"priceBand": {"id": "BB"}, "seats": [
                {"id": "105", "status": "W"},
                {"id": "106", "status": "I", "lockType": "LI", "info": "Pillar"},
                {"id": "107", "status": "X"},
                {"id": "108", "status": "B"},
                {"id": "109", "status": "Q"}
            ]}
         ],
         "lockTypes": [{"id": "LM", "name": "Members", "description": "Log in to book"},
                       {"id": "LH", "name": "House seats", "description": ""},
                       {"id": "LI", "name": "Restricted view", "description": "Pillar"}]},
        {"id": "PIT", "name": "Standing", "capacity": 20, "available": 14, "inBasket": 0,
         "bands": [{"priceBand": {"id": "BS"}, "seats": []}], "lockTypes": []}
    ]})
}

fn instance() -> Value {
    json!({"id": "I1", "planId": "P1", "priceList": {"id": "PL1"}, "event": {"id": "E1"}, "start": "2026-12-09T19:30:00",
           "isOnSale": true, "cancelled": false, "hasBestAvailableOverlay": true, "attribute_Venue": "Hall",
           "somethingNew": {"nested": [1, null]}})
}

fn capture(exchanges: Vec<Value>) -> Value {
    json!({"format": "seatmap-capture", "version": 1, "instanceId": "I1", "exchanges": exchanges})
}

fn full_capture() -> Value {
    let path = "instances/I1/status/detail?includeChildPlans=true&includeLockInformation=true";
    capture(vec![
        exchange("instance", "instances/I1", &instance()),
        exchange("plan", "plans/P1", &plan()),
        exchange("price-list", "instances/I1/price-list", &prices()),
        exchange("status-detail", path, &detail("U")),
        exchange("status-detail-session", path, &detail("X")),
    ])
}

fn prepared(v: &Value) -> Result<Prepared, String> {
    let capture = capture::read(v)?;
    prepare(&capture, &mut seeded(1, 1))
}

fn seat(p: &Prepared, id: u64) -> (&Seat, SeatState) {
    let index = p.plan.seat_by_id[&id];
    (&p.plan.seats[index], p.seats.seats[index])
}

fn lock_of(p: &Prepared, id: u64) -> Option<&LockType> {
    seat(p, id).0.lock.map(|l| &p.plan.lock_types[l])
}

#[test]
fn letters_become_seat_states_and_locks() {
    let p = prepared(&full_capture()).unwrap();
    assert_eq!(seat(&p, 101).1, SeatState::Free);
    assert!(lock_of(&p, 101).is_none());
    assert_eq!(seat(&p, 102).1, SeatState::Sold, "U without a lock is sold");
    let members = lock_of(&p, 103).unwrap();
    assert_eq!((members.id.as_str(), members.kind), ("LM", LockKind::Members), "X when logged in: members");
    assert_eq!((members.name.as_str(), members.description.as_str()), ("Members", "Log in to book"));
    assert_eq!(lock_of(&p, 104).map(|l| l.kind), Some(LockKind::House), "U with a lock never X: house seats");
    let wheelchair = lock_of(&p, 105).unwrap();
    assert_eq!((wheelchair.id.as_str(), wheelchair.kind), ("", LockKind::Wheelchair), "W naming no lock");
    assert_eq!(lock_of(&p, 106).map(|l| l.kind), Some(LockKind::Info));
    assert_eq!(seat(&p, 106).0.info.as_deref(), Some("Pillar"));
    assert_eq!(lock_of(&p, 107).map(|l| l.kind), Some(LockKind::Members));
    assert_eq!(seat(&p, 108).1, SeatState::Held);
    assert_eq!(seat(&p, 109).1, SeatState::Sold, "an unknown letter is unavailable");
    assert_eq!(seat(&p, 110).1, SeatState::Free, "not listed: free");
    assert!(p.notes.iter().any(|n| n.starts_with("1 plan seat(s) not in status-detail")), "{:?}", p.notes);
    assert!(p.notes.iter().any(|n| n.starts_with("1 seat(s) with a letter other")), "{:?}", p.notes);
    assert_eq!(seat(&p, 105).0.band, 1, "the band the detail lists it in");
    let pit = p.plan.area_by_id["PIT"];
    assert_eq!(p.seats.unreserved[&pit].sold, 6);
    assert!(matches!(p.plan.areas[pit].kind, AreaKind::Unreserved { band: 2, capacity: 20, .. }));
    assert!(p.captured_detail.is_none(), "a readable detail is served live");
}

#[test]
fn without_a_logged_in_detail_a_locked_u_is_house_seats() {
    let mut v = full_capture();
    v["exchanges"].as_array_mut().unwrap().pop();
    let p = prepared(&v).unwrap();
    assert_eq!(lock_of(&p, 103).map(|l| l.kind), Some(LockKind::House));
}

#[test]
fn the_replayed_detail_shows_the_captured_letters_to_the_same_viewers() {
    let mut world = World::without_venues(3);
    let answer = load(&mut world, &full_capture()).unwrap();
    assert_eq!(answer["instanceId"], "I1");
    assert_eq!(answer["planId"], "P1");
    assert_eq!(answer["eventId"], "E1");
    assert_eq!(answer["priceListId"], "PL1");
    assert_eq!(answer["priceBands"], json!(["BA", "BB", "BS"]));
    assert_eq!(answer["lockTypes"], json!(["LM", "LH", "LI"]));
    let performance = world.performance("I1").unwrap();
    let letters = |member: bool| -> Vec<(String, String)> {
        let seen = view(performance.plan, performance.live, Viewer { session_number: 99, member });
        let body: Value =
            serde_json::from_str(&render_json(performance.instance, performance.plan, &seen, true)).unwrap();
        let mut out = vec![];
        for band in body["areas"][0]["bands"].as_array().unwrap() {
            for s in band["seats"].as_array().unwrap() {
                out.push((s["id"].as_str().unwrap().to_string(), s["status"].as_str().unwrap().to_string()));
            }
        }
        out
    };
    let letters_of = |v: Value| -> Vec<(String, String)> {
        letters(v == json!(true)).into_iter().filter(|(id, _)| id != "108" && id != "109" && id != "110").collect()
    };
    let anonymous: Vec<(String, String)> = letters_of(json!(false));
    let expected = [("101", "A"), ("102", "U"), ("103", "U"), ("104", "U"), ("105", "W"), ("106", "I"), ("107", "U")];
    let expected: Vec<(String, String)> = expected.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(anonymous, expected, "the captured X seat is members-style: U to a guest");
    let member = letters_of(json!(true));
    assert_eq!(member[2].1, "X");
    assert_eq!(member[6].1, "X");
    let body: Value = serde_json::from_str(&render_json(
        performance.instance,
        performance.plan,
        &view(performance.plan, performance.live, Viewer { session_number: 99, member: false }),
        true,
    ))
    .unwrap();
    let seats = &body["areas"][0]["bands"][1]["seats"];
    assert!(seats[0].get("lockType").is_none(), "a lock without an id is never shown: {}", seats[0]);
    assert_eq!(seats[1]["lockType"], "LI");
    assert_eq!(seats[1]["info"], "Pillar");
    assert_eq!(body["areas"][1]["available"], 14);
    let ticket_types: Vec<&str> = world.ticket_types.iter().map(|t| t.id.as_str()).collect();
    assert!(ticket_types.contains(&"ADULT") && ticket_types.contains(&"CHILD"), "{ticket_types:?}");
}

#[test]
fn a_capture_of_a_known_performance_takes_over_its_id() {
    let mut world = World::without_venues(3);
    let first = load(&mut world, &full_capture()).unwrap();
    assert_eq!(first["replaced"], json!([]));
    let second = load(&mut world, &full_capture()).unwrap();
    assert_eq!(second["replaced"], json!(["plan P1", "instance I1"]));
    let index = world.instance_index("I1").unwrap();
    assert_eq!(index, world.instances.len() - 1);
    let event = &world.events[world.event_by_id["E1"]];
    assert_eq!(event.instances, vec![index], "the event lists the newest replay only");
    let rows = world.catalog("demotheatre");
    assert_eq!(rows.as_array().unwrap().iter().filter(|r| r["instanceId"] == "I1").count(), 1);
}

#[test]
fn odd_but_valid_captures_are_replayed() {
    // Ids as numbers, nulls, unknown fields, a deep area tree, a status as
    // text, a body stored as JSON rather than text.
    let mut deep = json!({"id": 900, "name": "Deepest", "type": "Reserved", "x": null, "y": 1.5, "seats": [
        {"id": 7001, "name": null, "row": "Z", "number": "1", "x": 1, "y": 2, "tabOrder": null, "new": [1]},
        {"id": 7002, "row": "Z", "number": 2, "x": 20, "y": 2},
        null
    ], "areas": null});
    for level in 0..40 {
        deep = json!({"id": 800 + level, "name": null, "type": null, "seats": null, "areas": [deep, null], "x": 1});
    }
    let plan = json!({"id": 55, "name": "Numeric", "areas": [deep], "maxZoomWeb": "auto"});
    let detail = json!({"instance": 12, "areas": [{"childPlans": [{"id": 900, "bands": [
        {"priceBand": {"id": 3}, "seats": [{"id": 7001, "status": "U", "lockType": null, "info": null}]}
    ], "lockTypes": null}]}]});
    let v = json!({"format": "seatmap-capture", "version": 1, "instanceId": 12, "extra": {"a": 1}, "exchanges": [
        {"name": "instance", "status": "200", "contentType": null,
         "body": {"id": 12, "planId": 55, "event": 44, "isOnSale": "true", "hasBestAvailableOverlay": null}},
        {"name": "plan", "status": 200, "body": plan.to_string()},
        {"name": "price-list", "status": 200, "body": {"id": 66, "prices": [
            {"amount": "12.50", "priceBand": {"id": 3, "name": null}, "ticketType": {"id": 4}, "isBandDefault": 1}]}},
        {"name": "status-detail", "status": 200.0, "body": detail.to_string()},
        {"name": "something-new", "status": 200, "body": "?"}
    ]});
    let mut world = World::without_venues(3);
    let answer = load(&mut world, &v).unwrap();
    assert_eq!((answer["instanceId"].as_str(), answer["planId"].as_str()), (Some("12"), Some("55")));
    assert_eq!(answer["seats"], 2);
    assert_eq!(answer["eventId"], "44");
    let performance = world.performance("12").unwrap();
    let sold = performance.plan.seat_by_id[&7001];
    assert_eq!(crate::sync::lock(&performance.live.seats).seats[sold], SeatState::Sold);
    assert_eq!(performance.price_list.prices[0].amount, 12.5);
    assert!(!performance.instance.overlay);
    assert!(answer["notes"].as_array().unwrap().iter().any(|n| n.as_str().unwrap().contains("not an object")));
}

fn refusal(v: Value) -> String {
    let mut world = World::without_venues(3);
    let said = load(&mut world, &v).unwrap_err();
    assert!(!said.contains('\n'), "one line: {said}");
    said
}

#[test]
fn unusable_captures_are_refused_naming_the_exchange() {
    let with_instance = |body: Value, status: u16| {
        let mut e = exchange("instance", "instances/I1", &body);
        e["status"] = json!(status);
        capture(vec![e, exchange("plan", "plans/P1", &plan())])
    };
    let said = refusal(capture(vec![exchange("plan", "plans/P1", &plan())]));
    assert!(said.contains("no \"instance\" exchange"), "{said}");
    let said = refusal(with_instance(json!({"errorCode": 12}), 404));
    assert!(said.starts_with("exchange \"instance\" (GET instances/I1): status 404"), "{said}");
    let mut html = with_instance(json!(null), 200);
    html["exchanges"][0]["body"] = json!("<!DOCTYPE html><p>Sign in</p>");
    html["exchanges"][0]["contentType"] = json!("text/html");
    let said = refusal(html);
    assert!(said.contains("not JSON") && said.contains("text/html") && said.contains("<!DOCTYPE"), "{said}");
    let said = refusal(with_instance(json!({"id": "I1"}), 200));
    assert!(said.contains("no \"planId\""), "{said}");
    let said = refusal(capture(vec![exchange("instance", "instances/I1", &instance())]));
    assert!(said.contains("no \"plan\" exchange"), "{said}");
    let said = refusal(capture(vec![
        exchange("instance", "instances/I1", &instance()),
        exchange("plan", "plans/P1", &json!([])),
    ]));
    assert!(said.starts_with("exchange \"plan\" (GET plans/P1): the body is JSON but not an object"), "{said}");
    let mut unanswered = full_capture();
    unanswered["exchanges"][1]["status"] = json!(0);
    unanswered["exchanges"][1]["error"] = json!("TypeError: Failed to fetch");
    let said = refusal(unanswered);
    assert!(said.contains("no answer was recorded (TypeError: Failed to fetch)"), "{said}");
    let mut deep = json!({"id": 1, "name": "leaf"});
    for level in 0..70 {
        deep = json!({"id": 100 + level, "areas": [deep]});
    }
    let said =
        refusal(capture(vec![exchange("instance", "instances/I1", &instance()), exchange("plan", "plans/P1", &deep)]));
    assert!(said.contains("exchange \"plan\"") && said.contains("nests too deeply"), "{said}");
    let said = refusal(json!({"id": "P", "areas": []}));
    assert!(said.contains("--plan-file"), "{said}");
}

#[test]
fn an_unreadable_detail_is_kept_as_captured_and_every_seat_starts_free() {
    let mut v = full_capture();
    let xml = "<?xml version=\"1.0\"?><StatusDetail/>";
    v["exchanges"][3]["body"] = json!(xml);
    v["exchanges"][3]["contentType"] = json!("text/xml");
    let p = prepared(&v).unwrap();
    let raw = p.captured_detail.as_ref().unwrap();
    assert_eq!(
        (raw.status.as_u16(), raw.content_type.as_deref(), &raw.body[..]),
        (200, Some("text/xml"), xml.as_bytes())
    );
    assert!(p.seats.seats.iter().all(|s| *s == SeatState::Free));
    // An error answer is kept too, status and all.
    let mut v = full_capture();
    v["exchanges"][3]["status"] = json!(429);
    v["exchanges"][3]["body"] = json!("{\"errorCode\":50}");
    assert_eq!(prepared(&v).unwrap().captured_detail.unwrap().status.as_u16(), 429);
}

#[test]
fn without_a_price_list_every_band_gets_made_up_prices() {
    let mut v = full_capture();
    v["exchanges"].as_array_mut().unwrap().remove(2);
    let mut world = World::without_venues(3);
    load(&mut world, &v).unwrap();
    let performance = world.performance("I1").unwrap();
    assert!(performance.instance.captured.as_ref().unwrap().price_list.is_none(), "the sandbox's own is served");
    assert_eq!(performance.plan.bands.len(), 3, "bands named by the detail");
    assert_eq!(performance.price_list.price(2, 0), Some(MADE_UP_PRICES[0]));
}
