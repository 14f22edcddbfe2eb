//! Test fixtures: a small plan shaped like the real API's (nested areas
//! with offsets, an aisle, numeric links, an unreserved area) and helpers.

use crate::availability::Availability;
use crate::decode;
use crate::error::Response;
use crate::plan::Plan;
use crate::prices::PriceList;
use crate::state::{Action, State};
use crate::venue::{InstanceInfo, Venue};
use std::rc::Rc;

/// Stalls (offset 100,50): row A seats 1..4 with an aisle after 2, row B 1..3.
/// Circle inside "Upstairs" (offsets 0,300 + 10,20): row C 1..2.
/// A standing area "Pit".
pub const PLAN: &str = r#"{
  "id": "PLAN1", "name": "Main House", "type": "Reserved", "x": 0, "y": 0,
  "areas": [
    {"id": "STALLS", "name": "Stalls", "type": "Reserved", "x": 100, "y": 50, "seats": [
      {"id": "1", "name": "A1", "row": "A", "number": 1, "x": 0,  "y": 0, "previousSeatId": null, "nextSeatId": 2},
      {"id": "2", "name": "A2", "row": "A", "number": 2, "x": 20, "y": 0, "previousSeatId": 1, "nextSeatId": 3, "nextIsAcrossAisle": true},
      {"id": "3", "name": "A3", "row": "A", "number": 3, "x": 60, "y": 0, "previousSeatId": 2, "previousIsAcrossAisle": true, "nextSeatId": 4},
      {"id": "4", "name": "A4", "row": "A", "number": 4, "x": 80, "y": 0, "previousSeatId": 3, "nextSeatId": null},
      {"id": "5", "name": "B1", "row": "B", "number": 1, "x": 0,  "y": 20, "nextSeatId": "6"},
      {"id": "6", "name": "B2", "row": "B", "number": 2, "x": 20, "y": 20, "previousSeatId": "5", "nextSeatId": "7"},
      {"id": "7", "name": "B3", "row": "B", "number": 3, "x": 40, "y": 20, "previousSeatId": "6"}
    ]},
    {"id": "UP", "name": "Upstairs", "type": "Reserved", "x": 0, "y": 300, "seats": [], "areas": [
      {"id": "CIRCLE", "name": "Circle", "type": "Reserved", "x": 10, "y": 20, "seats": [
        {"id": 8, "name": "C1", "row": "C", "number": 1, "x": 0, "y": 0, "nextSeatId": 9},
        {"id": 9, "name": "C2", "row": "C", "number": 2, "x": 20, "y": 0, "previousSeatId": 8}
      ]}
    ]},
    {"id": "PIT", "name": "Pit", "type": "Unreserved", "x": 400, "y": 50, "width": 100, "height": 40, "capacity": 50, "seats": null}
  ]
}"#;

pub const PRICES: &str = r#"{"id": "PL", "prices": [
  {"amount": 35, "isBandDefault": true,  "priceBand": {"id": "BA", "name": "Band A"}, "ticketType": {"id": "AD", "name": "Adult"}},
  {"amount": 25, "isBandDefault": false, "priceBand": {"id": "BA", "name": "Band A"}, "ticketType": {"id": "CO", "name": "Concession"}},
  {"amount": 20, "isBandDefault": true,  "priceBand": {"id": "BB", "name": "Band B"}, "ticketType": {"id": "AD", "name": "Adult"}},
  {"amount": 15, "isBandDefault": true,  "priceBand": {"id": "ST", "name": "Standing"}, "ticketType": {"id": "AD", "name": "Adult"}}
]}"#;

/// A JSON answer with this body.
pub fn json(body: &str) -> Response {
    Response::json(body)
}

pub fn plan() -> Plan {
    decode::plan(&json(PLAN)).expect("valid plan")
}

pub fn prices() -> PriceList {
    decode::price_list(&json(PRICES)).expect("valid prices").value
}

pub fn venue() -> Rc<Venue> {
    Rc::new(Venue {
        instance: InstanceInfo {
            id: "INST".into(),
            plan_id: "PLAN1".into(),
            start: None,
            best_available: true,
            on_sale: true,
            cancelled: false,
            sales_open: None,
            sales_close: None,
        },
        plan: plan(),
        prices: prices(),
    })
}

/// A status detail JSON: `letters` gives each seat id 1..=9 its letter, in order.
pub fn status_json(letters: &str) -> String {
    let seat = |i: usize, c: char| {
        let extra = match c {
            'X' | 'U' | 'B' if i >= 7 => r#","lockType":"MEM""#.to_string(),
            'I' => r#","info":"Restricted view""#.to_string(),
            _ => String::new(),
        };
        format!(r#"{{"id":"{}","status":"{}"{}}}"#, i + 1, c, extra)
    };
    let seats: Vec<String> = letters.chars().enumerate().map(|(i, c)| seat(i, c)).collect();
    format!(
        r#"{{"instance":"INST","areas":[
            {{"id":"STALLS","name":"Stalls","bands":[{{"priceBand":{{"id":"BA"}},"seats":[{}]}}]}},
            {{"id":"CIRCLE","name":"Circle","bands":[{{"priceBand":{{"id":"BB"}},"seats":[{}]}}],
              "lockTypes":[{{"id":"MEM","name":"Members","description":"Members only - log in to book"}}]}},
            {{"id":"PIT","name":"Pit","capacity":50,"available":3,"inBasket":0,"bands":[{{"priceBand":{{"id":"ST"}},"seats":[]}}]}}]}}"#,
        seats[..7.min(seats.len())].join(","),
        seats.get(7..).map(|s| s.join(",")).unwrap_or_default()
    )
}

pub fn availability(letters: &str) -> Availability {
    decode::status_detail(&venue(), &json(&status_json(letters))).expect("fixture status")
}

/// The fixture venue loaded into a fresh state.
pub fn loaded(rules: crate::rules::RuleConfig) -> State {
    let mut s = State::new(rules);
    s.reduce(Action::Loaded { venue: venue(), report: Default::default(), now_local: "2026-12-01T10:00:00".into() });
    s
}
