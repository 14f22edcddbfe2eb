use super::outgoing::ToJson;
use super::*;

#[test]
fn ids_may_be_strings_or_numbers() {
    let seat: PlanSeat =
        serde_json::from_str(r#"{"id": 53613, "nextSeatId": "53614", "previousSeatId": 53612.0}"#).unwrap();
    assert_eq!(seat.id, Some(WireId("53613".into())));
    assert_eq!(seat.next_seat_id, Some(WireId("53614".into())));
    assert_eq!(seat.previous_seat_id, Some(WireId("53612".into())));
}

#[test]
fn nulls_and_unknown_fields_are_accepted() {
    let plan: PlanArea = serde_json::from_str(
        r#"{"id":"P","name":null,"type":"Reserved","x":null,"y":5,"areas":null,"seats":[{"id":"1","row":"A","number":1,"x":1,"y":2,"somethingNew":{"deep":[1,2]}}],"maxZoomWeb":null,"unknown":true}"#,
    )
    .unwrap();
    assert_eq!(plan.name, None);
    assert_eq!(plan.seats.unwrap()[0].number, Some(Text("1".into())));
}

#[test]
fn a_fractional_id_is_refused() {
    assert!(serde_json::from_str::<WireId>("1.5").is_err());
    assert!(serde_json::from_str::<WireId>("true").is_err());
}

#[test]
fn references_come_as_ids_or_objects() {
    let t: Ticket = serde_json::from_str(
        r#"{"id":"T1","seat":53613,"instance":"I1","band":{"id":"B","name":"Band A"},"ticketType":{"id":"AD"},"total":35}"#,
    )
    .unwrap();
    assert_eq!(t.seat.unwrap().id.as_deref(), Some("53613"));
    assert_eq!(t.instance.unwrap().id.as_deref(), Some("I1"));
    assert_eq!(t.band.unwrap().name.as_deref(), Some("Band A"));
    assert_eq!(t.r#type.unwrap().id.as_deref(), Some("AD"), "the deprecated ticketType name is read");
}

#[test]
fn status_detail_decodes_letters_locks_and_nested_areas() {
    let s: StatusDetail = serde_json::from_str(
        r#"{"instance":"I","areas":[{"id":"A1","bands":[{"priceBand":{"id":"B"},"seats":[{"id":1,"status":"X","lockType":"L"},{"id":"2","status":"I","info":"Pillar"}]}],
            "lockTypes":[{"id":"L","name":"Members","description":null}],
            "childPlans":[{"id":"A2","bands":[{"priceBand":"B","seats":[{"id":"3","status":"Q"}]}]}]}]}"#,
    )
    .unwrap();
    let area = &s.areas.as_ref().unwrap()[0];
    assert_eq!(area.child_plans.as_ref().unwrap().len(), 1);
    let seats = area.bands.as_ref().unwrap()[0].seats.as_ref().unwrap();
    assert_eq!(seats[0].lock_type.as_ref().unwrap().id.as_deref(), Some("L"));
    assert_eq!(seats[1].info.as_deref(), Some("Pillar"));
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
fn outgoing_bodies_match_the_contract() {
    let r = outgoing::TicketRequest {
        instance: "I".into(),
        seat: Some("1".into()),
        seating_plan: None,
        ticket_type: "T".into(),
    };
    assert_eq!(vec![r].to_json(), r#"[{"instance":"I","seat":"1","type":"T"}]"#);
    let u = outgoing::TicketRequest {
        instance: "I".into(),
        seat: None,
        seating_plan: Some("A".into()),
        ticket_type: "T".into(),
    };
    assert_eq!(u.to_json(), r#"{"instance":"I","seatingPlan":"A","type":"T"}"#);
    let best = outgoing::BestAvailableRequest {
        instance: "I".into(),
        quantity: 3,
        ticket_type: "T".into(),
        price_bands: vec!["B1".into()],
        areas: vec![],
    };
    assert_eq!(best.to_json(), r#"{"instance":"I","quantity":3,"type":"T","priceBands":["B1"]}"#);
    assert_eq!(outgoing::Empty {}.to_json(), "{}");
}

#[test]
fn written_json_escapes_what_it_must_and_parses_back() {
    let tricky = "a\"b\\c\nd\u{1}é💺";
    let c = outgoing::Credentials { email: tricky.into(), password: "p\"w".into() };
    let parsed: serde_json::Value = serde_json::from_str(&c.to_json()).expect("valid JSON");
    assert_eq!(parsed["email"], tricky);
    assert_eq!(parsed["password"], "p\"w");
}

#[test]
fn problems_may_be_sentences_objects_or_junk() {
    let e: ErrorBody = serde_json::from_str(
        r#"{"problems":["Seat A1 is taken.",{"message":"Seat A2 is taken.","code":3},42,null,["x"]],"message":"Validation Failed"}"#,
    )
    .unwrap();
    assert_eq!(e.plain_message().unwrap(), "Seat A1 is taken. Seat A2 is taken.");
}
