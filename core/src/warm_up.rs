//! The load's pure work, run once on a small sample while the real
//! documents are on their way.
//!
//! A browser compiles each WebAssembly function the first time it is
//! called (V8's lazy compilation: a baseline compile on the main thread,
//! blocking the call). The decoders, the plan builder, the reducer and the
//! seat markup were first called when the plan arrived, so compiling them
//! (~250 functions for the decoders alone) sat between the data arriving
//! and the map being painted. [`warm_up`] calls them on a sample of each
//! document at mount, while the main thread waits on the network; the real
//! documents then run code that is already compiled. It touches nothing
//! outside itself and its result says only how much of the sample went
//! through (tested, so the sample cannot drift out of use).

use crate::error::Response;
use crate::outline::area_shapes;
use crate::seat_markup::{close_group, open_group, row_group_label, write_seat, SeatLook, Shapes};
use crate::state::{Action, State};
use crate::venue::Venue;
use crate::{area_summary::summarise, decode, rules::RuleConfig};
use std::rc::Rc;

const INSTANCE: &str = r#"{"id":"W1","planId":"WP","start":"2026-12-01T19:30:00","isOnSale":true,"cancelled":false,
"startSellingAtWeb":"2026-01-01T10:00:00","stopSellingAtWeb":"2026-12-01T19:00:00","hasBestAvailableOverlay":true}"#;

const PLAN: &str = r#"{"id":"WP","name":"Sample","type":"Reserved","x":0,"y":0,"areas":[
{"id":"A","name":"Stalls","type":"Reserved","x":100,"y":50,"seats":[
{"id":"1","name":"A1","row":"A","number":1,"x":0,"y":0,"previousSeatId":null,"nextSeatId":2},
{"id":"2","name":"A2","row":"A","number":2,"x":20,"y":0,"previousSeatId":1,"nextSeatId":"3","nextIsAcrossAisle":true},
{"id":"3","name":"A3","row":"A","number":3,"x":60.5,"y":0,"previousSeatId":2,"previousIsAcrossAisle":true},
{"id":"4","name":"B1","row":"B","number":"1","x":0,"y":20,"nextSeatId":"5"},
{"id":"5","name":"B2","row":"B","number":2,"x":20,"y":20,"previousSeatId":"4"}]},
{"id":"U","name":"Upstairs","type":"Reserved","x":0,"y":300,"seats":[],"areas":[
{"id":"C","name":"Circle","type":"Reserved","x":10,"y":20,"seats":[
{"id":6,"name":"C1","row":"C","number":1,"x":0,"y":0,"nextSeatId":7},
{"id":7,"name":"C2","row":"C","number":2,"x":20,"y":0,"previousSeatId":6}]}]},
{"id":"P","name":"Pit","type":"Unreserved","x":400,"y":50,"width":100,"height":40,"capacity":50,"seats":null}]}"#;

const PRICES: &str = r#"{"id":"WL","prices":[
{"amount":35,"isBandDefault":true,"priceBand":{"id":"BA","name":"Band A"},"ticketType":{"id":"AD","name":"Adult"}},
{"amount":25.5,"isBandDefault":false,"priceBand":{"id":"BA","name":"Band A"},"ticketType":{"id":"CO","name":"Concession"}},
{"amount":"20.00","isBandDefault":true,"priceBand":{"id":"BB","name":"Band B"},"ticketType":{"id":"AD","name":"Adult"}},
{"amount":15,"isBandDefault":true,"priceBand":{"id":"ST","name":"Standing"},"ticketType":{"id":"AD","name":"Adult"}}]}"#;

const STATUS: &str = r#"{"instance":"W1","areas":[
{"id":"A","name":"Stalls","bands":[{"priceBand":{"id":"BA"},"seats":[
{"id":"1","status":"A"},{"id":"2","status":"U"},{"id":"3","status":"A","info":"Restricted view"},{"id":"4","status":"B"},{"id":"5","status":"A"}]}]},
{"id":"C","name":"Circle","bands":[{"priceBand":{"id":"BB"},"seats":[{"id":"6","status":"X","lockType":"MEM"},{"id":"7","status":"A"}]}],
"lockTypes":[{"id":"MEM","name":"Members","description":"Members only"}]},
{"id":"P","name":"Pit","capacity":50,"available":3,"inBasket":0,"bands":[{"priceBand":{"id":"ST"},"seats":[]}]}]}"#;

/// How much of the sample went through, and the state it made (for the
/// shell to draw once, out of sight, for the same reason).
#[derive(Debug, Clone, Default)]
pub struct WarmUp {
    /// Seats on the sample plan.
    pub seats: usize,
    /// Problems the sample's documents were reported with (none, when the
    /// sample still reads as the real documents do).
    pub problems: usize,
    /// Whether its status was read (every seat's availability known).
    pub status_known: bool,
    /// Bytes of seat markup written.
    pub markup: usize,
    /// The sample loaded into a state, with its status.
    pub state: Option<State>,
}

/// Runs the load's pure steps on the sample: decode the performance, plan,
/// prices and status, reduce them into a state, summarise the areas and
/// write every seat's markup. Call it once, early, while waiting on the
/// network (about a millisecond of work once compiled; the point is the
/// compiling).
pub fn warm_up() -> WarmUp {
    let mut out = WarmUp::default();
    let (Ok(instance), Ok(plan), Ok(prices)) = (
        decode::instance(&Response::json(INSTANCE), "W1"),
        decode::plan(&Response::json(PLAN)),
        decode::price_list(&Response::json(PRICES)),
    ) else {
        return out;
    };
    out.seats = plan.seat_count();
    let mut report = instance.report;
    report.merge(&prices.report);
    report.merge(&plan.report);
    let venue = Rc::new(Venue { instance: instance.value, plan, prices: prices.value });
    let mut state = State::new(RuleConfig::default());
    state.reduce(Action::Loaded { venue: venue.clone(), report, now_local: "2026-12-01T10:00:00".into() });
    if let Ok(availability) = decode::status_detail(&venue, &Response::json(STATUS)) {
        out.status_known = availability.known;
        state.reduce(Action::Status { availability, requested_ms: 0.0, now_ms: 0.0 });
    }
    out.problems = state.problems_found.iter().map(|r| r.problems().len()).sum();
    let plan = &venue.plan;
    let _ = summarise(plan, &venue.prices, &state.availability, &state.seat_states);
    let _ = area_shapes(plan);
    let shapes = Shapes::new(plan.seat_pitch);
    let mut markup = String::new();
    for row in plan.seat_rows.all() {
        open_group(&mut markup, "seatmap-row", &row_group_label(&row.name));
        for &seat in &row.seats {
            let s = plan.seat(seat);
            let look = SeatLook {
                id: &s.id,
                x: s.x,
                y: s.y,
                state: state.seat_states[seat.0 as usize],
                colour: state.availability.seat(seat).band.map(|b| venue.prices.band(b).colour),
                label: None,
                tab_stop: false,
            };
            write_seat(&mut markup, &shapes, &look);
        }
        close_group(&mut markup);
    }
    out.markup = markup.len();
    out.state = Some(state);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_sample_goes_through_as_real_documents_do() {
        let w = warm_up();
        assert_eq!(w.seats, 7);
        assert_eq!(w.problems, 0, "the sample reads without a problem");
        assert!(w.status_known);
        assert!(w.markup > 7 * 40, "every seat written: {} bytes", w.markup);
        let state = w.state.expect("the sample's state");
        assert!(state.venue().is_some() && state.availability.known);
    }
}
