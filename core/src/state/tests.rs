use super::*;
use crate::decode;
use crate::fixtures;
use crate::rules::{Cell, SinglesRule};

mod operations;

fn ready(letters: &str) -> State {
    let mut s = fixtures::loaded(RuleConfig { singles: SinglesRule::Off, ..RuleConfig::default() });
    status(&mut s, letters, 1.0);
    s
}

/// A status asked for and answered at `at` ms.
fn status(s: &mut State, letters: &str, at: f64) {
    s.reduce(Action::Status { availability: fixtures::availability(letters), requested_ms: at, now_ms: at });
}

/// A basket read of this JSON, asked for and answered at `at` ms.
fn basket(s: &mut State, json: &str, at: f64) {
    let basket = decode::basket(&fixtures::json(json), &fixtures::venue()).expect("a basket");
    s.reduce(Action::BasketRead { basket: Some(basket), requested_ms: at, now_ms: at });
}

/// Adds the whole choice, the server adding everything asked for.
fn add_all(s: &mut State, at: f64) {
    let tickets: Vec<String> = s
        .add_request()
        .iter()
        .enumerate()
        .map(|(i, r)| match &r.seat {
            Some(seat) => {
                format!(r#"{{"id":"T{i}","seat":"{seat}","instance":"INST","type":{{"id":"{}"}}}}"#, r.ticket_type)
            }
            None => format!(
                r#"{{"id":"T{i}","seatingPlan":"{}","instance":"INST","type":{{"id":"{}"}}}}"#,
                r.seating_plan.as_deref().unwrap_or(""),
                r.ticket_type
            ),
        })
        .collect();
    let answer = fixtures::json(&format!("[{}]", tickets.join(",")));
    let tickets = decode::tickets_added(&answer, &fixtures::venue()).expect("tickets");
    s.reduce(Action::AddStarted);
    s.reduce(Action::AddSucceeded { tickets, now_ms: at });
}

fn ix(id: &str) -> SeatIndex {
    fixtures::plan().seat_by_id(id).unwrap()
}

/// The seat states as a derivation from nothing would give them.
fn derived_from_scratch(s: &State) -> Vec<SeatState> {
    let mut fresh = s.clone();
    fresh.seat_states_from = None;
    fresh.seat_states = Rc::default();
    fresh.derive_seat_states();
    fresh.seat_states.to_vec()
}

#[test]
fn seat_states_updated_for_the_choice_alone_match_a_full_derivation() {
    let mut s = ready("AAAIAWAAA");
    let steps: [fn(&mut State); 11] = [
        |s| s.reduce(Action::Toggle(ix("1"))),
        |s| s.reduce(Action::Toggle(ix("4"))),
        |s| s.reduce(Action::Focus(Some(ix("2")))),
        |s| s.reduce(Action::Toggle(ix("1"))),
        |s| s.reduce(Action::Toggle(ix("6"))),
        // A local change (the overlay) and a new status between choices.
        |s| add_all(s, 5.0),
        |s| s.reduce(Action::Toggle(ix("2"))),
        |s| status(s, "AAUAAAAAA", 10.0),
        |s| s.reduce(Action::Toggle(ix("3"))),
        |s| s.reduce(Action::Toggle(ix("2"))),
        |s| s.reduce(Action::ClearSelection),
    ];
    for (i, step) in steps.iter().enumerate() {
        let before = s.seat_states.clone();
        step(&mut s);
        assert_eq!(*s.seat_states, derived_from_scratch(&s), "after step {i}");
        // Unchanged states keep their allocation: the map skips redrawing by pointer.
        if *before == *s.seat_states {
            assert!(Rc::ptr_eq(&before, &s.seat_states), "step {i} kept the same states in a new Rc");
        }
    }
    assert_eq!(s.state_of(ix("3")), SeatState::Unavailable);
}

#[test]
fn a_toggle_changes_only_the_toggled_seat() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("2")));
    let before = s.seat_states.to_vec();
    s.reduce(Action::Toggle(ix("5")));
    let changed: Vec<usize> = (0..before.len()).filter(|&i| before[i] != s.seat_states[i]).collect();
    assert_eq!(changed, vec![ix("5").0 as usize]);
    assert_eq!(s.state_of(ix("5")), SeatState::Selected);
    assert_eq!(s.state_of(ix("2")), SeatState::Selected);
}

#[test]
fn toggling_selects_with_the_band_default_and_deselects() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("1")));
    assert_eq!(s.state_of(ix("1")), SeatState::Selected);
    let prices = fixtures::prices();
    assert_eq!(s.selection[0].ticket_type, prices.type_by_id("AD").unwrap());
    assert_eq!(s.selection_total(), 35.0);
    s.reduce(Action::Toggle(ix("1")));
    assert_eq!(s.state_of(ix("1")), SeatState::Available);
    assert!(s.selection.is_empty());
}

#[test]
fn unavailable_seats_are_not_selected_and_say_why() {
    let mut s = ready("UAAAAAAAU");
    s.reduce(Action::Toggle(ix("1")));
    assert!(s.selection.is_empty());
    assert_eq!(s.notice.as_ref().unwrap().text, "Stalls A1 is not available.");
    s.reduce(Action::Toggle(ix("9")));
    assert!(s.notice.as_ref().unwrap().text.contains("Members only - log in to book"));
}

#[test]
fn changing_ticket_type_changes_the_total() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("1")));
    s.reduce(Action::SetTicketType(ix("1"), fixtures::prices().type_by_id("CO").unwrap()));
    assert_eq!(s.selection_total(), 25.0);
}

#[test]
fn max_tickets_is_enforced_with_a_plain_message() {
    let mut s = ready("AAAAAAAAA");
    s.rules.max_tickets = 2;
    for id in ["1", "2", "3"] {
        s.reduce(Action::Toggle(ix(id)));
    }
    assert_eq!(s.selection.len(), 2);
    assert!(s.notice.as_ref().unwrap().text.contains("at most 2"));
}

#[test]
fn a_seat_taken_meanwhile_leaves_the_rest_and_offers_an_alternative() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::Toggle(ix("6")));
    s.reduce(Action::AddStarted);
    s.reduce(Action::AddFailed(ApiError::Http {
        status: 409,
        message: Some("Seat B1 is no longer available.".into()),
        retry_after_secs: None,
    }));
    assert_eq!(s.selection.len(), 2, "a failed add keeps the choice");
    assert!(s.notice.as_ref().unwrap().text.contains("Seat B1 is no longer available."));
    s.reduce(Action::Status { availability: fixtures::availability("AAAAUAAAA"), requested_ms: 2.0, now_ms: 2.0 });
    assert_eq!(s.selection.iter().map(|c| c.seat).collect::<Vec<_>>(), vec![ix("6")]);
    assert!(s.notice.as_ref().unwrap().text.starts_with("Stalls B1 was just taken"));
    let alt = s.alternative.clone().expect("an alternative pair");
    assert_eq!(alt.len(), 2);
    s.reduce(Action::AcceptAlternative);
    let chosen: Vec<SeatIndex> = s.selection.iter().map(|c| c.seat).collect();
    assert_eq!(chosen.len(), 2);
    assert!(chosen.iter().all(|c| alt.contains(c)));
    assert!(chosen.iter().all(|c| s.state_of(*c) == SeatState::Selected));
}

#[test]
fn adding_marks_seats_in_basket_and_clears_the_choice() {
    let mut s = ready("AAAAAAAXA");
    s.reduce(Action::Toggle(ix("8")));
    assert_eq!(s.add_request().len(), 1);
    assert_eq!(s.add_request()[0].seat.as_deref(), Some("8"));
    s.reduce(Action::AddStarted);
    assert!(!s.can_add_to_basket());
    let tickets = decode::tickets_added(
        &fixtures::json(r#"[{"id":"T1","seat":"8","instance":"INST","type":{"id":"AD"}}]"#),
        &fixtures::venue(),
    )
    .unwrap();
    s.reduce(Action::AddSucceeded { tickets, now_ms: 5.0 });
    assert_eq!(s.state_of(ix("8")), SeatState::InBasket);
    assert!(s.selection.is_empty());
    assert!(s.held_in_basket.iter().any(|(seat, _)| *seat == ix("8")));
}

#[test]
fn logging_out_with_members_seats_in_the_basket_is_explained() {
    let mut s = ready("AAAAAAAXA");
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    s.reduce(Action::Toggle(ix("8")));
    add_all(&mut s, 5.0);
    s.reduce(Action::Customer(CustomerState::Anonymous));
    let text = &s.notice.as_ref().unwrap().text;
    assert!(text.contains("Circle C1") && text.contains("Members") && text.contains("remove them"), "{text}");
}

#[test]
fn login_opens_members_seats_and_keeps_the_selection() {
    let mut s = ready("AAAAAAAUU");
    s.reduce(Action::Toggle(ix("1")));
    assert_eq!(s.state_of(ix("8")), SeatState::HeldForOthers);
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    s.reduce(Action::Status { availability: fixtures::availability("AAAAAAAXX"), requested_ms: 2.0, now_ms: 2.0 });
    assert_eq!(s.state_of(ix("8")), SeatState::HeldForYou);
    assert_eq!(s.state_of(ix("1")), SeatState::Selected);
    s.reduce(Action::Toggle(ix("8")));
    s.reduce(Action::Customer(CustomerState::Anonymous));
    s.reduce(Action::Status { availability: fixtures::availability("AAAAAAAUU"), requested_ms: 3.0, now_ms: 3.0 });
    assert_eq!(s.selection.len(), 1, "the members' seat leaves the choice, A1 stays");
    assert_eq!(s.state_of(ix("8")), SeatState::HeldForOthers);
}

#[test]
fn logging_out_closes_members_seats_at_once_and_explains_a_chosen_one() {
    let mut s = ready("AAAAAAAUU");
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    s.reduce(Action::Status { availability: fixtures::availability("AAAAAAAXX"), requested_ms: 2.0, now_ms: 2.0 });
    s.reduce(Action::Toggle(ix("1")));
    s.reduce(Action::Toggle(ix("8")));
    let version = s.versions.selection;
    s.reduce(Action::Customer(CustomerState::Anonymous));
    // Before any poll: locked again, out of the choice, and said why.
    assert_eq!(s.state_of(ix("8")), SeatState::HeldForOthers);
    assert_eq!(s.state_of(ix("9")), SeatState::HeldForOthers);
    assert_eq!(s.cell(ix("9")), Cell::Taken, "the rules see it taken");
    assert_eq!(s.selection.iter().map(|c| c.seat).collect::<Vec<_>>(), vec![ix("1")]);
    assert_ne!(s.versions.selection, version, "the host hears of the change");
    let text = s.notice.as_ref().unwrap().text.clone();
    assert!(text.contains("logged out") && text.contains("Circle C1") && text.contains("Members"), "{text}");
    assert!(!text.contains("basket"), "nothing about a basket that has none: {text}");
    // The poll agrees, and does not call it taken by someone else.
    s.reduce(Action::Status { availability: fixtures::availability("AAAAAAAUU"), requested_ms: 3.0, now_ms: 3.0 });
    assert_eq!(s.notice.as_ref().unwrap().text, text);
    assert_eq!(s.state_of(ix("1")), SeatState::Selected);
}

#[test]
fn logging_out_with_a_chosen_and_a_bought_members_seat_explains_both() {
    let mut s = ready("AAAAAAAXX");
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    s.reduce(Action::Toggle(ix("8")));
    add_all(&mut s, 5.0);
    s.reduce(Action::Toggle(ix("9")));
    s.reduce(Action::Customer(CustomerState::Anonymous));
    let text = &s.notice.as_ref().unwrap().text;
    assert!(text.contains("Circle C2 is held for Members and no longer in your choice"), "{text}");
    assert!(text.contains("basket still holds Circle C1 held for Members") && text.contains("remove them"), "{text}");
    assert_eq!(s.state_of(ix("8")), SeatState::InBasket, "the basket is not touched");
    assert!(s.selection.is_empty());
}

#[test]
fn logging_out_without_members_seats_says_nothing_and_changes_nothing() {
    let mut s = ready("AAAAAAAUU");
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    s.reduce(Action::Toggle(ix("1")));
    let states = s.seat_states.clone();
    s.reduce(Action::Customer(CustomerState::Anonymous));
    assert!(s.notice.is_none());
    assert_eq!(s.seat_states, states);
    assert_eq!(s.selection.len(), 1);
}

#[test]
fn a_login_that_does_not_stick_is_said_not_left_spinning() {
    let mut s = ready("AAAAAAAUU");
    s.reduce(Action::Customer(CustomerState::Anonymous));
    s.reduce(Action::LogInStarted);
    s.reduce(Action::Customer(CustomerState::Anonymous));
    assert!(!s.pending.log_in);
    assert!(s.login_error.as_deref().is_some_and(|e| e.contains("could not be confirmed")), "{:?}", s.login_error);
    assert_eq!(s.state_of(ix("8")), SeatState::HeldForOthers);
    // A check that is not about a login says nothing.
    s.login_error = None;
    s.reduce(Action::Customer(CustomerState::Anonymous));
    assert_eq!(s.login_error, None);
    // And a login that does stick clears it.
    s.reduce(Action::LogInStarted);
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    assert_eq!((s.pending.log_in, s.login_error.as_deref()), (false, None));
}

#[test]
fn standing_tickets_are_limited_by_places_left() {
    let mut s = ready("AAAAAAAAA");
    let pit = fixtures::plan().area_by_id("PIT").unwrap();
    let adult = fixtures::prices().type_by_id("AD").unwrap();
    s.reduce(Action::SetStanding(StandingChoice { area: pit, ticket_type: adult, quantity: 5 }));
    assert_eq!(s.standing[0].quantity, 3);
    assert_eq!(s.add_request().len(), 3);
    assert!(s.add_request().iter().all(|r| r.seating_plan.as_deref() == Some("PIT")));
    assert_eq!(s.selection_total(), 45.0);
}

#[test]
fn a_failed_poll_keeps_the_map_and_counts_failures() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("1")));
    s.reduce(Action::StatusFailed {
        error: ApiError::Http { status: 500, message: None, retry_after_secs: None },
        stopped: false,
    });
    s.reduce(Action::StatusFailed { error: ApiError::Network { detail: "reset".into() }, stopped: false });
    assert_eq!(s.live.failures, 2);
    assert_eq!(s.state_of(ix("1")), SeatState::Selected);
    s.reduce(Action::Status { availability: fixtures::availability("AAAAAAAAA"), requested_ms: 9.0, now_ms: 9.0 });
    assert_eq!(s.live.failures, 0);
    assert_eq!(s.live.last_ok_ms, Some(9.0));
}

#[test]
fn the_basket_is_read_against_this_performance() {
    let mut s = ready("BAAAAAAAA");
    basket(
        &mut s,
        r#"{"id":"BK","hash":"h1","tickets":[
          {"id":"T1","seat":"1","seatName":"A1","planName":"Stalls","instance":"INST","type":{"id":"AD"},"band":{"id":"BA"},"price":35,"total":35},
          {"id":"T2","seat":"77","seatName":"Z9","planName":"Elsewhere","instance":"OTHER","type":{"id":"X","name":"Adult"},"price":10,"total":10}],"total":45}"#,
        2.0,
    );
    let b = s.basket.contents.clone().unwrap();
    assert_eq!(b.tickets.len(), 2);
    assert_eq!(b.tickets[0].seat, Some(ix("1")));
    assert_eq!(b.tickets[0].ticket_type, "Adult", "the name comes from the price list");
    assert!(!b.tickets[1].for_this_performance);
    assert_eq!(s.tickets_in_basket_here(), 1);
}

#[test]
fn stranded_singles_are_flagged_while_choosing() {
    let mut s = ready("AAAAAAAAA");
    s.rules.singles = SinglesRule::Block;
    // Row B is B1 B2 B3: B2 alone strands B1 and B3, while B1 alone would not.
    s.reduce(Action::Toggle(ix("6")));
    assert!(s.verdict.stranded().any(|x| x == ix("5") || x == ix("7")), "{:?}", s.verdict);
    assert!(!s.can_add_to_basket());
    let fix = s.verdict.problems.iter().find_map(|p| match p {
        rules::Problem::StrandedSingle { fix: Some(f), .. } => Some(f.clone()),
        _ => None,
    });
    s.reduce(Action::ApplyFix(fix.expect("a fix is offered")));
    assert!(s.verdict.is_ok(), "{:?}", s.verdict);
    assert_eq!(s.selection.len(), 1);
}

#[test]
fn an_unchanged_poll_only_freshens_the_map() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("1")));
    s.reduce(Action::StatusFailed { error: ApiError::Network { detail: "reset".into() }, stopped: false });
    let states = Rc::clone(&s.seat_states);
    let version = s.versions.selection;
    s.reduce(Action::StatusUnchanged { requested_ms: 50.0, now_ms: 50.0 });
    assert_eq!(s.live, Live { last_ok_ms: Some(50.0), failures: 0, error: None, stopped: false });
    assert_eq!(s.versions.selection, version, "the host hears nothing");
    assert!(Rc::ptr_eq(&states, &s.seat_states), "nothing to redraw");
}

#[test]
fn a_members_seat_already_in_the_basket_at_load_is_explained_on_logout() {
    // Reloaded as a member: seat 8 is in the basket under the Members lock, seat 9 still X.
    let mut s = ready("AAAAAAABX");
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    assert_eq!(s.held_in_basket.iter().map(|(seat, _)| *seat).collect::<Vec<_>>(), vec![ix("8")]);
    s.reduce(Action::Customer(CustomerState::Anonymous));
    let text = &s.notice.as_ref().expect("a notice").text;
    assert!(text.contains("Circle C1") && text.contains("Members"), "{text}");
}

#[test]
fn a_basket_seat_under_a_lock_open_to_everyone_is_not_called_held() {
    // Seat 5 is an information seat (I for everyone) now in the basket.
    let mut s = fixtures::loaded(RuleConfig::default());
    let json = r#"{"areas":[{"id":"STALLS","bands":[{"priceBand":{"id":"BA"},"seats":[
        {"id":"5","status":"B","lockType":"INF"},{"id":"6","status":"I","lockType":"INF","info":"Restricted view"}]}],
        "lockTypes":[{"id":"INF","name":"Restricted view","description":""}]}]}"#;
    let a = decode::status_detail(&fixtures::venue(), &fixtures::json(json)).unwrap();
    s.reduce(Action::Status { availability: a, requested_ms: 1.0, now_ms: 1.0 });
    assert!(s.held_in_basket.is_empty());
}

#[test]
fn a_chosen_seat_that_closes_under_a_lock_is_not_called_taken() {
    // A member chose C1 (seat 8, X); then another customer without the
    // membership takes over the session: C1 is U under the Members lock.
    let mut s = ready("AAAAAAAXX");
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C1".into(), name: "Ada".into() }));
    s.reduce(Action::Toggle(ix("8")));
    s.reduce(Action::Toggle(ix("1")));
    s.reduce(Action::Customer(CustomerState::LoggedIn { id: "C2".into(), name: "Bo".into() }));
    s.reduce(Action::Status { availability: fixtures::availability("UAAAAAAUU"), requested_ms: 2.0, now_ms: 2.0 });
    let text = &s.notice.as_ref().unwrap().text;
    assert!(text.contains("Stalls A1 was just taken by someone else."), "{text}");
    assert!(text.contains("Circle C1 is held for Members and no longer available to you."), "{text}");
    assert!(!s.is_selected(ix("8")) && !s.is_selected(ix("1")));
}

#[test]
fn an_expired_basket_is_noticed_from_the_status_and_explained() {
    let mut s = ready("BAAAAAAAA");
    basket(
        &mut s,
        r#"{"id":"BK","tickets":[{"id":"T1","seat":"1","instance":"INST","type":{"id":"AD"},"band":{"id":"BA"},"total":35}]}"#,
        1.5,
    );
    let reads = s.wants.basket_read;
    status(&mut s, "BAAAAAAAA", 1.8);
    assert_eq!(s.wants.basket_read, reads, "the status agrees with the basket");
    // The session expired: seat 1 is free again for the new session.
    status(&mut s, "AAAAAAAAA", 2.0);
    assert_eq!(s.wants.basket_read, reads + 1, "the shell is asked to read the basket again");
    s.reduce(Action::BasketRead { basket: None, requested_ms: 2.5, now_ms: 2.5 });
    assert!(s.notice.as_ref().unwrap().text.starts_with("Your basket has expired"));
    assert_eq!(s.basket.contents.as_ref().unwrap().tickets.len(), 0);
}

#[test]
fn a_hold_that_ran_out_but_is_still_kept_is_counted_again_from_that_read() {
    let mut s = ready("BAAAAAAAA");
    let one = r#"{"id":"BK","tickets":[{"id":"T1","seat":"1","instance":"INST","type":{"id":"AD"},"band":{"id":"BA"},"total":35}]}"#;
    basket(&mut s, one, 1_000.0);
    assert_eq!(s.basket_changed_ms, Some(1_000.0));
    // An unchanged read on its own does not move the count (the hold is counted from changes)…
    basket(&mut s, one, 2_000.0);
    assert_eq!(s.basket_changed_ms, Some(1_000.0));
    // …but when the count ran out and the box office still holds the basket, the count starts again.
    let reads = s.wants.basket_read;
    s.reduce(Action::HoldExpired);
    assert_eq!(s.wants.basket_read, reads + 1, "the basket is read to see");
    basket(&mut s, one, 9_000.0);
    assert_eq!(s.basket_changed_ms, Some(9_000.0));
    assert!(s.notice.is_none(), "nothing to explain: the seats are still held");
    // Only that read: the next unchanged one leaves the count alone.
    basket(&mut s, one, 9_500.0);
    assert_eq!(s.basket_changed_ms, Some(9_000.0));
    // And when the hold has really ended, it is explained.
    s.reduce(Action::HoldExpired);
    s.reduce(Action::BasketRead { basket: None, requested_ms: 20_000.0, now_ms: 20_000.0 });
    assert!(s.notice.as_ref().unwrap().text.starts_with("Your basket has expired"));
    assert_eq!(s.basket_changed_ms, None);
}

#[test]
fn a_first_empty_basket_says_nothing() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::BasketRead { basket: None, requested_ms: 2.0, now_ms: 2.0 });
    assert!(s.notice.is_none());
}
