//! The kinds of case, and the reducer's invariants.

use super::random::Random;
use seatmap_core::{
    decode, fixed, interpret, Action, ApiError, Call, CustomerState, Fix, Queue, Rect, Response, RuleConfig,
    SavedChoice, SeatIndex, SeatState, SinglesRule, StandingChoice, State, TicketTypeIndex, Venue, ViewBox, Viewport,
};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::rc::Rc;

const DOCUMENTS: [&str; 7] = [
    "instance.json",
    "plan.json",
    "price-list.json",
    "status-detail.json",
    "basket.json",
    "basket-tickets-added.json",
    "customer.json",
];

const INSTANCE: &str = "76141CMTMDVBKHWCPUQGSZETCRBPWGESO";

/// The golden fixtures, parsed once.
pub struct Corpus {
    documents: Vec<(&'static str, Value)>,
}

impl Corpus {
    pub fn load() -> Corpus {
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/spektrix");
        let documents = DOCUMENTS
            .iter()
            .map(|name| {
                let bytes = std::fs::read(folder.join(name)).expect("a golden fixture");
                (*name, serde_json::from_slice(&bytes).expect("fixture JSON"))
            })
            .collect();
        Corpus { documents }
    }

    fn get(&self, name: &str) -> Value {
        self.documents.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).expect("a document")
    }
}

fn answer(body: Vec<u8>) -> Response {
    Response { status: 200, content_type: Some("application/json".into()), retry_after: None, body }
}

fn json_answer(value: &Value) -> Response {
    answer(value.to_string().into_bytes())
}

/// One case: `Ok(what it was)` or `Err(which invariant broke)`.
pub fn run(corpus: &Corpus, random: &mut Random) -> Result<String, String> {
    match random.below(20) {
        0..=5 => arbitrary_json(corpus, random),
        6..=8 => broken_bytes(corpus, random),
        9..=17 => reducer(corpus, random),
        _ => traps(random),
    }
}

const KEYS: [&str; 24] = [
    "id",
    "name",
    "type",
    "x",
    "y",
    "seats",
    "areas",
    "childPlans",
    "bands",
    "priceBand",
    "status",
    "lockType",
    "lockTypes",
    "capacity",
    "available",
    "prices",
    "amount",
    "ticketType",
    "tickets",
    "seat",
    "planId",
    "isOnSale",
    "message",
    "code",
];

fn random_json(random: &mut Random, depth: u32) -> Value {
    let leaf = depth >= 5 || random.one_in(3);
    if leaf {
        return match random.below(8) {
            0 => Value::Null,
            1 => json!(random.one_in(2)),
            2 => json!(random.below(100_000)),
            3 => json!(random.float()),
            4 => json!(random.pick(&["A", "B", "U", "W", "X", "I", "Q", ""])),
            5 => json!(random.pick(&["53613", "Unreserved", "Reserved", "JoinQueue", "35.00", "-1", "<b>"])),
            6 => json!(-(random.below(1000) as i64)),
            _ => json!("x".repeat(random.below(40))),
        };
    }
    if random.one_in(2) {
        let n = random.below(6);
        Value::Array((0..n).map(|_| random_json(random, depth + 1)).collect())
    } else {
        let n = random.below(7);
        let mut map = serde_json::Map::new();
        for _ in 0..n {
            map.insert(random.pick(&KEYS).to_string(), random_json(random, depth + 1));
        }
        Value::Object(map)
    }
}

fn golden_venue(corpus: &Corpus) -> Rc<Venue> {
    let instance = decode::instance(&json_answer(&corpus.get("instance.json")), INSTANCE).expect("instance").value;
    let plan = decode::plan(&json_answer(&corpus.get("plan.json"))).expect("plan");
    let prices = decode::price_list(&json_answer(&corpus.get("price-list.json"))).expect("prices").value;
    Rc::new(Venue { instance, plan, prices })
}

/// Arbitrary JSON through every decoder and the error interpreter.
fn arbitrary_json(corpus: &Corpus, random: &mut Random) -> Result<String, String> {
    let value = random_json(random, 0);
    let body = value.to_string().into_bytes();
    let venue = golden_venue(corpus);
    let _ = decode::instance(&answer(body.clone()), INSTANCE);
    if let Ok(plan) = decode::plan(&answer(body.clone())) {
        check_plan(&plan)?;
    }
    let _ = decode::price_list(&answer(body.clone()));
    if let Ok(a) = decode::status_detail(&venue, &answer(body.clone())) {
        if a.seats.len() != venue.plan.seat_count() {
            return Err("an availability with another seat count".into());
        }
    }
    let _ = decode::basket(&answer(body.clone()), &venue);
    let _ = decode::tickets_added(&answer(body.clone()), &venue);
    let _ = decode::customer(&answer(body.clone()));
    let status = *random.pick(&[400u16, 401, 404, 409, 429, 500, 503]);
    let call = *random.pick(&[Call::AddTickets, Call::Basket, Call::Customer, Call::StatusDetail, Call::Plan]);
    if let Err(e) =
        interpret(call, Response { status, content_type: None, retry_after: Some("9999999".into()), body }, 0.0)
    {
        let _ = (e.plain(), e.detail(), e.recovery(call));
    }
    Ok("arbitrary JSON".into())
}

/// A fixture with bytes flipped or cut short.
fn broken_bytes(corpus: &Corpus, random: &mut Random) -> Result<String, String> {
    let (name, value) = &corpus.documents[random.below(corpus.documents.len())];
    let mut bytes = value.to_string().into_bytes();
    for _ in 0..=random.below(4) {
        let at = random.below(bytes.len());
        bytes[at] = *random.pick(b"{}[]\",:0-.e9 \\x");
    }
    if random.one_in(3) {
        bytes.truncate(random.below(bytes.len()));
    }
    let venue = golden_venue(corpus);
    let response = answer(bytes);
    match *name {
        "plan.json" => {
            if let Ok(plan) = decode::plan(&response) {
                check_plan(&plan)?;
            }
        }
        "status-detail.json" => {
            let _ = decode::status_detail(&venue, &response);
        }
        "instance.json" => {
            let _ = decode::instance(&response, INSTANCE);
        }
        "price-list.json" => {
            let _ = decode::price_list(&response);
        }
        _ => {
            let _ = decode::basket(&response, &venue);
            let _ = decode::tickets_added(&response, &venue);
        }
    }
    Ok(format!("broken bytes of {name}"))
}

fn check_plan(plan: &seatmap_core::Plan) -> Result<(), String> {
    let finite = |v: f64| v.is_finite();
    if !plan.seats.iter().all(|s| finite(s.x) && finite(s.y)) {
        return Err("a seat coordinate that is not finite".into());
    }
    let b = plan.bounds;
    if ![b.x, b.y, b.width, b.height].into_iter().all(finite) {
        return Err(format!("plan bounds not finite: {b:?}"));
    }
    let fit = ViewBox::fit(plan.bounds);
    let _ = fit.zoom(Viewport { width: 800.0, height: 600.0 }, (400.0, 300.0), 3.0, &fit).attribute();
    Ok(())
}

/// Replaces or removes one random value somewhere in `value`.
fn mutate(value: &mut Value, random: &mut Random) {
    let odd = |random: &mut Random| match random.below(10) {
        0 => Value::Null,
        1 => json!(random.float()),
        2 => json!(format!("{}", random.float())),
        3 => json!(-1),
        4 => json!({"unexpected": [1, 2]}),
        5 => json!([]),
        6 => json!(true),
        7 => json!(""),
        8 => json!(random.pick(&["Q", "1", "53613", "A"])),
        _ => random_json(random, 3),
    };
    match value {
        Value::Object(map) if !map.is_empty() && !random.one_in(4) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = random.pick(&keys).clone();
            if random.one_in(6) {
                map.remove(&key);
            } else if let Some(child) = map.get_mut(&key) {
                mutate(child, random);
            }
        }
        Value::Array(list) if !list.is_empty() && !random.one_in(4) => {
            let i = random.below(list.len());
            mutate(&mut list[i], random);
        }
        other => *other = odd(random),
    }
}

fn mutated(corpus: &Corpus, name: &str, random: &mut Random) -> Value {
    let mut value = corpus.get(name);
    if random.one_in(2) {
        for _ in 0..=random.below(3) {
            mutate(&mut value, random);
        }
    }
    value
}

/// Mutated fixtures, then a random sequence of actions, checking the invariants after each.
fn reducer(corpus: &Corpus, random: &mut Random) -> Result<String, String> {
    let instance = mutated(corpus, "instance.json", random);
    let plan = mutated(corpus, "plan.json", random);
    let prices = mutated(corpus, "price-list.json", random);
    let Ok(instance) = decode::instance(&json_answer(&instance), INSTANCE) else { return Ok("no instance".into()) };
    let Ok(plan) = decode::plan(&json_answer(&plan)) else { return Ok("no plan".into()) };
    check_plan(&plan)?;
    let Ok(prices) = decode::price_list(&json_answer(&prices)) else { return Ok("no prices".into()) };
    let venue = Rc::new(Venue { instance: instance.value, plan, prices: prices.value });
    let seats = venue.plan.seat_count();
    let rules = RuleConfig {
        singles: *random.pick(&[SinglesRule::Off, SinglesRule::Warn, SinglesRule::Block]),
        together: random.one_in(3),
        max_tickets: 1 + random.below(12) as u32,
        allowed_counts: if random.one_in(4) { Some(vec![2, 4]) } else { None },
    };
    let mut state = State::new(rules);
    state.reduce(Action::Loaded {
        venue: venue.clone(),
        report: Default::default(),
        now_local: "2026-12-01T10:00:00".into(),
    });
    let mut clock = 1.0;
    let steps = random.below(40);
    for step in 0..steps {
        clock += random.below(70_000) as f64;
        let action = random_action(corpus, &venue, &state, random, clock);
        let label = format!("{action:?}").chars().take(60).collect::<String>();
        let before = state.availability.clone();
        let foreign = matches!(&action, Action::Status { availability, .. } if availability.seats.len() != seats);
        state.reduce(action);
        if foreign && !Rc::ptr_eq(&before, &state.availability) {
            return Err(format!("step {step}: a status for another plan was applied"));
        }
        if state.seat_states.len() != seats {
            return Err(format!("step {step} ({label}): {} seat states for {seats} seats", state.seat_states.len()));
        }
        for chosen in &state.selection {
            if chosen.seat.0 as usize >= seats {
                return Err(format!("step {step} ({label}): a chosen seat off the plan"));
            }
            if !state.is_being_added(chosen.seat) && state.state_of(chosen.seat) != SeatState::Selected {
                return Err(format!(
                    "step {step} ({label}): chosen seat {} shows {:?}",
                    venue.plan.seat(chosen.seat).id,
                    state.state_of(chosen.seat)
                ));
            }
        }
    }
    Ok(format!("reducer, {steps} actions on {seats} seats"))
}

fn random_seat(random: &mut Random, seats: usize) -> SeatIndex {
    // Now and then an index off the plan.
    SeatIndex(if random.one_in(20) { (seats + random.below(3)) as u32 } else { random.below(seats.max(1)) as u32 })
}

fn random_error(random: &mut Random) -> ApiError {
    match random.below(5) {
        0 => ApiError::Network { detail: "reset".into() },
        1 => ApiError::Http {
            status: *random.pick(&[400, 401, 403, 404, 409, 429, 500, 503]),
            message: None,
            retry_after_secs: None,
        },
        2 => ApiError::Queue { message: Some("queue".into()), url: Some("/q".into()) },
        3 => {
            ApiError::Unreadable { what: "x", content_type: None, size: 0, start: String::new(), detail: String::new() }
        }
        _ => ApiError::Invalid { what: "x", detail: String::new() },
    }
}

fn random_action(corpus: &Corpus, venue: &Rc<Venue>, state: &State, random: &mut Random, now: f64) -> Action {
    let seats = venue.plan.seat_count();
    let types = venue.prices.types.len();
    match random.below(24) {
        0..=5 => Action::Toggle(random_seat(random, seats)),
        6 => {
            let status = mutated(corpus, "status-detail.json", random);
            match decode::status_detail(venue, &json_answer(&status)) {
                Ok(mut availability) => {
                    if random.one_in(8) {
                        availability.seats.pop(); // as if decoded for another plan
                    }
                    Action::Status { availability, requested_ms: now - random.below(5_000) as f64, now_ms: now }
                }
                Err(error) => Action::StatusFailed { error, stopped: random.one_in(2) },
            }
        }
        7 => Action::StatusUnchanged { requested_ms: now - random.below(5_000) as f64, now_ms: now },
        8 => Action::SetTicketType(random_seat(random, seats), TicketTypeIndex(random.below(types + 2) as u16)),
        9 => Action::AddStarted,
        10 => {
            let answer = mutated(corpus, "basket-tickets-added.json", random);
            let tickets = decode::tickets_added(&json_answer(&answer), venue).unwrap_or_default();
            Action::AddSucceeded { tickets, now_ms: now }
        }
        11 => Action::AddFailed(random_error(random)),
        12 => Action::AddUncertain(random_error(random)),
        13 => {
            let basket = mutated(corpus, "basket.json", random);
            let basket = if random.one_in(4) { None } else { decode::basket(&json_answer(&basket), venue).ok() };
            Action::BasketRead { basket, requested_ms: now - 10.0, now_ms: now }
        }
        14 => Action::Customer(match random.below(3) {
            0 => CustomerState::Anonymous,
            1 => CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() },
            _ => CustomerState::LoggedIn { id: "C2".into(), name: "".into() },
        }),
        15 => match state.verdict.problems.first() {
            Some(seatmap_core::Problem::StrandedSingle { fix: Some(fix), .. }) => Action::ApplyFix(fix.clone()),
            _ => Action::ApplyFix(Fix {
                remove: vec![random_seat(random, seats)],
                add: vec![random_seat(random, seats)],
            }),
        },
        16 => Action::AcceptAlternative,
        17 => {
            let area = venue.plan.unreserved_areas().next().map(|(a, _)| a).unwrap_or(seatmap_core::AreaIndex(0));
            Action::SetStanding(StandingChoice {
                area,
                ticket_type: TicketTypeIndex(random.below(types.max(1)) as u16),
                quantity: random.below(30) as u32,
            })
        }
        18 => Action::BestAvailableStarted { quantity: random.below(6) as u32 },
        19 => {
            let ids: Vec<Rc<str>> =
                state.basket.contents.iter().flat_map(|b| b.tickets.iter().map(|t| t.id.clone())).collect();
            if random.one_in(2) {
                Action::RemoveStarted(ids)
            } else {
                Action::RemoveSucceeded { now_ms: now }
            }
        }
        20 => Action::Queued(Queue { url: Some("/queue".into()), message: None }),
        21 => Action::RestoreChoice(SavedChoice {
            seats: vec![("70101".into(), "AD".into()), ("nope".into(), "x".into())],
            standing: vec![("86558JULZJUDGPLMSJGJMTMVQWXLVTSLV".into(), "x".into(), random.below(50) as u32)],
            away: Default::default(),
        }),
        22 => Action::HoldExpired,
        _ => Action::Deselect(random_seat(random, seats)),
    }
}

/// Extreme numbers through the view maths and the formatter, and the
/// stranded-single search on one very long linked row.
fn traps(random: &mut Random) -> Result<String, String> {
    // Rare: each takes about half a second.
    if random.one_in(400) {
        return long_row(random);
    }
    let v = random.float();
    let w = random.float();
    let _ = fixed(v, random.below(6) as u32);
    let fit = ViewBox { x: v, y: w, width: random.float(), height: random.float() };
    let port = Viewport { width: random.float(), height: random.float() };
    let b = fit.zoom(port, (v, w), random.float(), &fit).pan(port, w, v, &fit);
    let _ = ViewBox::focus_on(Rect { x: v, y: w, width: v, height: w }, &b).attribute();
    let _ = b.invert(port, b.to_view(port, (v, w)));
    Ok("view maths".into())
}

/// A 20,000-seat row, all free, with 100 picks: the rules must stay fast and bounded.
fn long_row(random: &mut Random) -> Result<String, String> {
    const SEATS: usize = 20_000;
    let mut seats = String::with_capacity(SEATS * 80);
    for i in 0..SEATS {
        if i > 0 {
            seats.push(',');
        }
        seats.push_str(&format!(
            r#"{{"id":"{i}","row":"A","number":{i},"x":{},"y":0,"nextSeatId":{}}}"#,
            i * 20,
            if i + 1 < SEATS { (i + 1).to_string() } else { "null".into() }
        ));
    }
    let plan = format!(r#"{{"id":"ROW","seats":[{seats}]}}"#);
    let plan = decode::plan(&answer(plan.into_bytes())).map_err(|e| e.detail())?;
    let prices = decode::price_list(&answer(
        br#"{"prices":[{"amount":10,"isBandDefault":true,"priceBand":{"id":"B"},"ticketType":{"id":"T"}}]}"#.to_vec(),
    ))
    .map_err(|e| e.detail())?
    .value;
    let mut letters = String::with_capacity(SEATS * 24);
    for i in 0..SEATS {
        if i > 0 {
            letters.push(',');
        }
        letters.push_str(&format!(r#"{{"id":"{i}","status":"A"}}"#));
    }
    let status =
        format!(r#"{{"areas":[{{"id":"area-0","bands":[{{"priceBand":{{"id":"B"}},"seats":[{letters}]}}]}}]}}"#);
    let instance =
        decode::instance(&answer(br#"{"id":"I","planId":"ROW"}"#.to_vec()), "I").map_err(|e| e.detail())?.value;
    let venue = Rc::new(Venue { instance, plan, prices });
    let availability = decode::status_detail(&venue, &answer(status.into_bytes())).map_err(|e| e.detail())?;
    let rules = RuleConfig { singles: SinglesRule::Block, together: false, max_tickets: 100, allowed_counts: None };
    let mut state = State::new(rules);
    state.reduce(Action::Loaded { venue, report: Default::default(), now_local: "x".into() });
    state.reduce(Action::Status { availability, requested_ms: 1.0, now_ms: 1.0 });
    for _ in 0..100 {
        state.reduce(Action::Toggle(SeatIndex(random.below(SEATS) as u32)));
    }
    Ok(format!("a 20,000-seat row with {} picks", state.selection.len()))
}
