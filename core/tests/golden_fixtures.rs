//! The widget's side of "drift fails a test": every golden fixture in
//! `fixtures/spektrix/` (the shapes the sandbox serves, see its
//! `tests/fixtures.rs`) decodes with nothing skipped, and together they
//! drive the reducer to the moment the fixtures describe.

use seatmap_core::{
    decode, interpret, Action, ApiError, Call, CustomerState, Letter, Recovery, Response, RuleConfig, SeatState, State,
};
use std::path::PathBuf;
use std::rc::Rc;

fn fixture(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/spektrix").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn answer(name: &str, content_type: &str) -> Response {
    Response { status: 200, content_type: Some(content_type.into()), retry_after: None, body: fixture(name) }
}

fn json(name: &str) -> Response {
    answer(name, "application/json; charset=utf-8")
}

const INSTANCE: &str = "76141CMTMDVBKHWCPUQGSZETCRBPWGESO";

fn venue() -> Rc<seatmap_core::Venue> {
    let instance = decode::instance(&json("instance.json"), INSTANCE).expect("instance");
    assert!(instance.report.is_empty(), "{:?}", instance.report);
    let plan = decode::plan(&json("plan.json")).expect("plan");
    assert!(plan.report.is_empty(), "{:?}", plan.report);
    let prices = decode::price_list(&json("price-list.json")).expect("price list");
    assert!(prices.report.is_empty(), "{:?}", prices.report);
    Rc::new(seatmap_core::Venue { instance: instance.value, plan, prices: prices.value })
}

#[test]
fn every_document_decodes_with_nothing_skipped() {
    let venue = venue();
    assert_eq!(&*venue.instance.id, INSTANCE);
    assert_eq!(venue.plan.seat_count(), 18);
    assert_eq!(venue.plan.unreserved_areas().count(), 1);
    assert_eq!(venue.plan.areas.iter().map(|a| a.depth).max(), Some(3), "areas nest three levels below the root");
    assert_eq!(venue.prices.bands.len(), 3);
    let availability = decode::status_detail(&venue, &json("status-detail.json")).expect("status detail");
    assert!(availability.report.is_empty(), "{:?}", availability.report);
    let letters: Vec<Letter> = availability.seats.iter().map(|s| s.letter).collect();
    for letter in
        [Letter::Available, Letter::InBasket, Letter::Unavailable, Letter::Wheelchair, Letter::HeldForYou, Letter::Info]
    {
        assert!(letters.contains(&letter), "{letter:?} appears");
    }
    assert!(availability.locks.len() >= 3);
    let basket = decode::basket(&json("basket.json"), &venue).expect("basket");
    assert_eq!(basket.seats_here().count(), 2);
    assert_eq!(basket.tickets_here().filter(|t| t.area.is_some()).count(), 1, "one standing place");
    let added = decode::tickets_added(&json("basket-tickets-added.json"), &venue).expect("tickets added");
    assert!(!added.is_empty());
    let customer = decode::customer(&json("customer.json")).expect("customer");
    assert!(customer.is_logged_in());
}

#[test]
fn the_fixtures_drive_the_reducer_to_their_moment() {
    let venue = venue();
    let mut s = State::new(RuleConfig::default());
    s.reduce(Action::Loaded {
        venue: venue.clone(),
        report: Default::default(),
        now_local: "2026-12-01T10:00:00".into(),
    });
    s.reduce(Action::Customer(decode::customer(&json("customer.json")).unwrap()));
    let availability = decode::status_detail(&venue, &json("status-detail.json")).unwrap();
    s.reduce(Action::Status { availability, requested_ms: 1.0, now_ms: 1.0 });
    s.reduce(Action::BasketRead {
        basket: Some(decode::basket(&json("basket.json"), &venue).unwrap()),
        requested_ms: 2.0,
        now_ms: 2.0,
    });
    let seat = |id: &str| venue.plan.seat_by_id(id).expect(id);
    assert_eq!(s.state_of(seat("70104")), SeatState::InBasket);
    assert_eq!(s.state_of(seat("70101")), SeatState::Available);
    assert_eq!(s.state_of(seat("70102")), SeatState::Unavailable);
    assert_eq!(s.tickets_in_basket_here(), 3);
    assert!(matches!(s.customer, CustomerState::LoggedIn { .. }));
    // The members' seats this member may buy can be chosen.
    let held = (0..venue.plan.seat_count() as u32)
        .map(seatmap_core::SeatIndex)
        .find(|i| s.state_of(*i) == SeatState::HeldForYou);
    let held = held.expect("a seat held for this member");
    s.reduce(Action::Toggle(held));
    assert!(s.is_selected(held));
    assert!(s.can_add_to_basket());
}

#[test]
fn availability_in_another_format_is_refused_naming_what_arrived() {
    let venue = venue();
    let error = decode::status_detail(&venue, &answer("status-detail.xml", "application/xml")).unwrap_err();
    let ApiError::Unreadable { content_type, size, start, .. } = &error else { panic!("{error:?}") };
    assert_eq!(content_type.as_deref(), Some("application/xml"));
    assert_eq!(*size, fixture("status-detail.xml").len());
    assert!(start.starts_with('<'), "{start}");
}

#[test]
fn every_error_body_is_classified() {
    let error = |name: &str, status: u16, call: Call| {
        let response =
            Response { status, content_type: Some("application/json".into()), retry_after: None, body: fixture(name) };
        interpret(call, response, 0.0)
    };
    let queue = error("errors/join-queue.json", 503, Call::AddTickets).unwrap_err();
    assert_eq!(queue.recovery(Call::AddTickets), Recovery::Queue);
    assert!(matches!(&queue, ApiError::Queue { url: Some(_), .. }), "{queue:?}");
    let taken = error("errors/seat-unavailable.json", 409, Call::AddTickets).unwrap_err();
    assert!(taken.plain().len() > 10 && !taken.plain().contains("409"), "{}", taken.plain());
    let validation = error("errors/validation.json", 400, Call::AddTickets).unwrap_err();
    assert_eq!(validation.recovery(Call::AddTickets), Recovery::Stop);
    assert!(
        !validation.plain().eq_ignore_ascii_case("validation failed"),
        "problems are quoted: {}",
        validation.plain()
    );
    assert_eq!(error("errors/not-found.json", 404, Call::Basket), Ok(None), "no basket yet");
    assert_eq!(error("errors/not-logged-in.json", 401, Call::Customer), Ok(None), "nobody logged in");
    let limited = error("errors/rate-limited.json", 429, Call::StatusDetail).unwrap_err();
    assert!(matches!(limited.recovery(Call::StatusDetail), Recovery::Retry { after_secs: Some(_) }));
    assert_eq!(
        error("errors/wrong-credentials.json", 401, Call::LogIn).unwrap_err().recovery(Call::LogIn),
        Recovery::Stop
    );
    let html = error("errors/bad-gateway.html", 502, Call::StatusDetail).unwrap_err();
    assert_eq!(html, ApiError::Http { status: 502, message: None, retry_after_secs: None });
    let empty = error("errors/empty-body.txt", 503, Call::Plan).unwrap_err();
    assert!(matches!(empty.recovery(Call::Plan), Recovery::Retry { .. }));
}
