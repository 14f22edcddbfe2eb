use super::lenient::{Count, Lenient, List, Record, Shape};
use super::outgoing::{self, to_json};
use super::*;

#[test]
fn ids_may_be_strings_or_numbers() {
    let seat: PlanSeat =
        serde_json::from_str(r#"{"id": 53613, "nextSeatId": "53614", "previousSeatId": 53612.0}"#).unwrap();
    assert_eq!(seat.id.text(), Some("53613"));
    assert_eq!(seat.next_seat_id.text(), Some("53614"));
    assert_eq!(seat.previous_seat_id.text(), Some("53612"));
}

#[test]
fn nulls_unknown_fields_and_odd_shapes_never_fail_a_document() {
    let plan: PlanArea = serde_json::from_str(
        r#"{"id":"P","name":null,"type":"Reserved","x":null,"y":"5","areas":null,"maxZoomWeb":"auto","capacity":-1,
            "seats":[{"id":"1","row":"A","number":1,"x":1,"y":2,"somethingNew":{"deep":[1,2]}},{"id":{"odd":true}},false],
            "unknown":true}"#,
    )
    .unwrap();
    assert_eq!(plan.name.text(), None);
    assert_eq!(plan.y.value(), Some(5.0), "numbers as text are read");
    assert_eq!(plan.capacity, Count::Negative);
    let seats = plan.seats.read().unwrap();
    let seats = seats.records();
    assert_eq!(seats.len(), 3);
    match &seats[0] {
        Record::Ok(s) => assert_eq!(s.number.text(), Some("1")),
        Record::Bad(_) => panic!("a good seat"),
    }
    match &seats[1] {
        Record::Ok(s) => assert_eq!(s.id.0, Lenient::Invalid(Shape::Object)),
        Record::Bad(_) => panic!("an object is a record"),
    }
    assert!(matches!(seats[2], Record::Bad(Shape::Bool)));
}

#[test]
fn a_fractional_id_is_not_an_id() {
    let seat: PlanSeat = serde_json::from_str(r#"{"id": 1.5}"#).unwrap();
    assert_eq!(seat.id.0, Lenient::Invalid(Shape::Number));
    let seat: PlanSeat = serde_json::from_str(r#"{"id": true}"#).unwrap();
    assert_eq!(seat.id.0, Lenient::Invalid(Shape::Bool));
}

#[test]
fn counts_accept_whole_numbers_in_any_shape() {
    let read = |json: &str| serde_json::from_str::<StatusArea>(&format!(r#"{{"capacity": {json}}}"#)).unwrap().capacity;
    assert_eq!(read("577"), Count::Ok(577));
    assert_eq!(read("577.0"), Count::Ok(577));
    assert_eq!(read(r#""577""#), Count::Ok(577));
    assert_eq!(read("-1"), Count::Negative);
    assert_eq!(read("1.5"), Count::Invalid(Shape::Number));
    assert_eq!(read(r#""lots""#), Count::Invalid(Shape::Text));
    assert_eq!(read("null"), Count::Null);
}

#[test]
fn a_list_that_is_not_a_list_is_empty_and_marked() {
    let area: StatusArea = serde_json::from_str(r#"{"bands": {"not": "a list"}, "areas": "x"}"#).unwrap();
    assert!(matches!(area.bands, List::Invalid(Shape::Object)));
    assert!(area.bands.records().is_empty());
    assert!(matches!(area.areas, List::Invalid(Shape::Text)));
}

#[test]
fn references_come_as_ids_or_objects() {
    let t: Ticket = serde_json::from_str(
        r#"{"id":"T1","seat":53613,"instance":"I1","band":{"id":"B","name":"Band A"},"ticketType":{"id":"AD"},"total":"35.00"}"#,
    )
    .unwrap();
    assert_eq!(t.seat.id(), Some("53613"));
    assert_eq!(t.instance.id(), Some("I1"));
    assert_eq!(t.band.name(), Some("Band A"));
    assert_eq!(t.ticket_type.id(), Some("AD"), "the deprecated ticketType name is read");
    assert_eq!(t.total.value(), Some(35.0));
    let both: Ticket = serde_json::from_str(r#"{"id":"T2","type":{"id":"A"},"ticketType":{"id":"A"}}"#).unwrap();
    assert_eq!(both.kind.id(), Some("A"), "both names at once are no conflict");
}

#[test]
fn status_detail_decodes_letters_locks_and_nested_areas() {
    let s: StatusDetail = serde_json::from_str(
        r#"{"instance":"I","areas":[{"id":"A1","bands":[{"priceBand":{"id":"B"},"seats":[{"id":1,"status":"X","lockType":"L"},{"id":"2","status":"I","info":"Pillar"}]}],
            "lockTypes":[{"id":"L","name":"Members","description":null}],
            "childPlans":[{"id":"A2","bands":[{"priceBand":"B","seats":[{"id":"3","status":"Q"}]}]}]}]}"#,
    )
    .unwrap();
    let Record::Ok(area) = &s.areas.records()[0] else { panic!("an area") };
    assert_eq!(area.child_plans.records().len(), 1);
    let Record::Ok(band) = &area.bands.records()[0] else { panic!("a band") };
    let seats = band.seats.read().unwrap();
    let seats = seats.records();
    let Record::Ok(first) = &seats[0] else { panic!("a seat") };
    assert_eq!(first.lock_type.id(), Some("L"));
    let Record::Ok(second) = &seats[1] else { panic!("a seat") };
    assert_eq!(second.info.text(), Some("Pillar"));
}

#[test]
fn error_bodies_give_plain_messages() {
    let e: ErrorBody =
        serde_json::from_str(r#"{"errorCode":40,"message":"Seat C12 in Stalls is no longer available."}"#).unwrap();
    assert_eq!(e.plain_message().unwrap(), "Seat C12 in Stalls is no longer available.");
    let v: ErrorBody = serde_json::from_str(
        r#"{"problems":["Best available is not enabled"],"errorCode":1,"message":"Validation Failed"}"#,
    )
    .unwrap();
    assert_eq!(v.plain_message().unwrap(), "Best available is not enabled");
    let q: ErrorBody = serde_json::from_str(r#"{"code":"JoinQueue","message":"Please join the queue"}"#).unwrap();
    assert_eq!(q.plain_message().unwrap(), "Please join the queue");
}

#[test]
fn problems_may_be_sentences_objects_or_junk() {
    let e: ErrorBody = serde_json::from_str(
        r#"{"problems":["Seat A1 is taken.",{"message":"Seat A2 is taken.","code":3},42,null,["x"]],"message":"Validation Failed"}"#,
    )
    .unwrap();
    assert_eq!(e.plain_message().unwrap(), "Seat A1 is taken. Seat A2 is taken.");
}

#[test]
fn outgoing_bodies_match_the_contract() {
    let r = outgoing::TicketRequest {
        instance: "I".into(),
        seat: Some("1".into()),
        seating_plan: None,
        ticket_type: "T".into(),
    };
    assert_eq!(to_json(&vec![r]), r#"[{"instance":"I","seat":"1","type":"T"}]"#);
    let u = outgoing::TicketRequest {
        instance: "I".into(),
        seat: None,
        seating_plan: Some("A".into()),
        ticket_type: "T".into(),
    };
    assert_eq!(to_json(&u), r#"{"instance":"I","seatingPlan":"A","type":"T"}"#);
    let best = outgoing::BestAvailableRequest {
        instance: "I".into(),
        quantity: 3,
        ticket_type: "T".into(),
        price_bands: vec!["B1".into()],
        areas: vec![],
    };
    assert_eq!(to_json(&best), r#"{"instance":"I","quantity":3,"type":"T","priceBands":["B1"]}"#);
}

#[test]
fn written_json_escapes_what_it_must_and_parses_back() {
    let tricky = "a\"b\\c\nd\u{1}é💺";
    let c = outgoing::Credentials { email: tricky.into(), password: "p\"w".into() };
    let parsed: serde_json::Value = serde_json::from_str(&to_json(&c)).expect("valid JSON");
    assert_eq!(parsed["email"], tricky);
    assert_eq!(parsed["password"], "p\"w");
    assert!(!format!("{c:?}").contains("p\\\"w"), "a password is never printed");
}

#[test]
fn numbers_sent_as_text_read_as_people_write_them() {
    let row = |json: &str| {
        let document = format!(r#"{{"id": "1", "row": {json}}}"#);
        let seat: PlanSeat = serde_json::from_str(&document).unwrap();
        seat.row.text().map(str::to_owned)
    };
    assert_eq!(row("12").as_deref(), Some("12"));
    assert_eq!(row("12.0").as_deref(), Some("12"));
    assert_eq!(row("1.5").as_deref(), Some("1.5"));
    assert_eq!(row("-0.25").as_deref(), Some("-0.25"));
    assert_eq!(row("1e20").as_deref(), Some("100000000000000000000"));
}
