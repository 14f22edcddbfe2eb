//! Basket operations under failure and concurrency (issue 9): pending states
//! closed only by their own answers, the overlay, lost answers settled from
//! the basket, sale state and the queue.

use super::*;

fn tickets(json: &str) -> Vec<crate::basket::Ticket> {
    decode::tickets_added(&fixtures::json(json), &fixtures::venue()).expect("tickets")
}

const SEAT_5_AND_6: &str = r#"{"id":"BK","hash":"h2","tickets":[
    {"id":"T5","seat":"5","instance":"INST","type":{"id":"AD"}},{"id":"T6","seat":"6","instance":"INST","type":{"id":"AD"}}]}"#;

#[test]
fn a_poll_racing_an_add_never_says_taken() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::Toggle(ix("6")));
    s.reduce(Action::AddStarted);
    // A poll answered after the server committed, before the add's answer arrived.
    status(&mut s, "AAAABBAAA", 3.0);
    assert!(s.notice.is_none(), "{:?}", s.notice);
    s.reduce(Action::AddSucceeded {
        tickets: tickets(r#"[{"id":"T5","seat":"5","instance":"INST"},{"id":"T6","seat":"6","instance":"INST"}]"#),
        now_ms: 4.0,
    });
    assert_eq!(s.notice.as_ref().unwrap().text, "Added 2 tickets to your basket.");
    assert_eq!((s.state_of(ix("5")), s.state_of(ix("6"))), (SeatState::InBasket, SeatState::InBasket));
    assert!(s.selection.is_empty());
}

#[test]
fn a_poll_asked_for_before_the_add_does_not_undo_it() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    add_all(&mut s, 10.0);
    assert_eq!(s.state_of(ix("5")), SeatState::InBasket);
    // Requested at 9 (before the add answered), arriving after: still ours.
    s.reduce(Action::Status { availability: fixtures::availability("AAAAAAAAA"), requested_ms: 9.0, now_ms: 11.0 });
    assert_eq!(s.state_of(ix("5")), SeatState::InBasket);
    assert!(s.notice.as_ref().unwrap().text.starts_with("Added"), "{:?}", s.notice);
    // A poll asked for afterwards is the truth.
    status(&mut s, "AAAABAAAA", 12.0);
    assert_eq!(s.state_of(ix("5")), SeatState::InBasket);
}

#[test]
fn a_local_change_the_server_never_confirms_does_not_stick() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    add_all(&mut s, 10.0);
    // The next poll's body is byte-identical to the last one, but it was asked after the add.
    s.reduce(Action::StatusUnchanged { requested_ms: 11.0, now_ms: 11.5 });
    assert_eq!(s.state_of(ix("5")), SeatState::Available, "the server's word stands");
}

#[test]
fn local_changes_expire_without_any_read() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    add_all(&mut s, 10.0);
    s.reduce(Action::StatusUnchanged { requested_ms: 5.0, now_ms: 10.0 + OVERLAY_EXPIRES_MS + 1.0 });
    assert_eq!(s.state_of(ix("5")), SeatState::Available);
}

#[test]
fn seats_being_added_are_frozen_and_clicks_meanwhile_survive() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::AddStarted);
    assert!(s.status_is_personal(), "an add in flight makes the status personal");
    s.reduce(Action::Toggle(ix("5")));
    assert!(s.is_selected(ix("5")), "a seat being added cannot be toggled off");
    assert!(s.notice.as_ref().unwrap().text.contains("being added"));
    s.reduce(Action::Toggle(ix("1")));
    assert!(s.is_selected(ix("1")), "a click while adding is kept");
    assert!(!s.can_add_to_basket(), "one add at a time");
    s.reduce(Action::AddSucceeded { tickets: tickets(r#"[{"id":"T5","seat":"5","instance":"INST"}]"#), now_ms: 4.0 });
    assert_eq!(s.selection.iter().map(|c| c.seat).collect::<Vec<_>>(), vec![ix("1")]);
    assert!(s.can_add_to_basket());
    assert_eq!(s.add_request().len(), 1);
}

#[test]
fn a_partial_add_is_explained_seat_by_seat() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::Toggle(ix("6")));
    s.reduce(Action::AddStarted);
    s.reduce(Action::AddSucceeded { tickets: tickets(r#"[{"id":"T5","seat":"5","instance":"INST"}]"#), now_ms: 4.0 });
    let text = &s.notice.as_ref().unwrap().text;
    assert!(text.starts_with("Added 1 of the 2 tickets you asked for."), "{text}");
    assert!(text.contains("Stalls B2 was not added and stays in your choice."), "{text}");
    assert!(s.is_selected(ix("6")));
}

#[test]
fn a_lost_answer_is_settled_from_the_basket() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::BasketRead { basket: None, requested_ms: 1.0, now_ms: 1.0 });
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::Toggle(ix("6")));
    s.reduce(Action::AddStarted);
    let reads = s.wants.basket_read;
    s.reduce(Action::AddUncertain(ApiError::Network { detail: "connection reset".into() }));
    assert_eq!(s.wants.basket_read, reads + 1);
    assert!(s.notice.as_ref().unwrap().text.contains("Checking your basket"));
    assert!(s.pending.add.is_some(), "the add stays open until the basket tells");
    // A poll meanwhile shows the seats as ours: moved, not taken.
    status(&mut s, "AAAABBAAA", 5.0);
    assert!(!s.notice.as_ref().unwrap().text.contains("taken"));
    basket(&mut s, SEAT_5_AND_6, 6.0);
    assert!(s.pending.add.is_none());
    assert_eq!(s.notice.as_ref().unwrap().text, "Added 2 tickets to your basket.");
    assert!(s.extra_tickets.is_none());
}

#[test]
fn a_standing_add_sent_twice_is_explained_and_the_extra_offered_for_removal() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::BasketRead { basket: None, requested_ms: 1.0, now_ms: 1.0 });
    let pit = fixtures::plan().area_by_id("PIT").unwrap();
    let adult = fixtures::prices().type_by_id("AD").unwrap();
    s.reduce(Action::SetStanding(StandingChoice { area: pit, ticket_type: adult, quantity: 2 }));
    s.reduce(Action::AddStarted);
    s.reduce(Action::AddUncertain(ApiError::Network { detail: "reset".into() }));
    let four: Vec<String> = (1..=4)
        .map(|i| format!(r#"{{"id":"P{i}","seatingPlan":"PIT","instance":"INST","type":{{"id":"AD"}}}}"#))
        .collect();
    basket(&mut s, &format!(r#"{{"id":"BK","tickets":[{}]}}"#, four.join(",")), 6.0);
    let extra = s.extra_tickets.clone().expect("the surplus is offered");
    assert_eq!((extra.asked, extra.got, extra.ticket_ids.len()), (2, 4, 2));
    assert!(s.notice.as_ref().unwrap().text.contains("sent twice"), "{:?}", s.notice);
    assert!(s.standing.is_empty(), "what was asked for is in the basket");
    s.reduce(Action::RemoveStarted(extra.ticket_ids.clone()));
    s.reduce(Action::RemoveSucceeded { now_ms: 7.0 });
    assert!(s.extra_tickets.is_none());
    assert_eq!(s.tickets_in_basket_here(), 2);
}

#[test]
fn a_refused_add_keeps_the_choice_and_refreshes_the_status() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::AddStarted);
    let polls = s.wants.status_now;
    s.reduce(Action::AddFailed(ApiError::Http {
        status: 409,
        message: Some("Seat B1 is taken.".into()),
        retry_after_secs: None,
    }));
    assert!(s.is_selected(ix("5")));
    assert_eq!(s.wants.status_now, polls + 1);
    assert!(s.pending.add.is_none());
}

#[test]
fn a_failed_basket_read_keeps_checking_and_never_says_empty() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::BasketReadStarted);
    s.reduce(Action::BasketReadFailed(ApiError::Http { status: 503, message: None, retry_after_secs: None }));
    assert!(s.basket.contents.is_none(), "unknown, not empty");
    assert_eq!(s.basket.failures, 1);
    basket(&mut s, SEAT_5_AND_6, 3.0);
    assert_eq!((s.basket.failures, s.tickets_in_basket_here()), (0, 2));
}

#[test]
fn the_selection_version_moves_only_when_the_selection_does() {
    let mut s = ready("AAAAAAAAA");
    let v = s.versions.selection;
    status(&mut s, "AAAAAAAAU", 2.0);
    status(&mut s, "AAAAAAAUU", 3.0);
    assert_eq!(s.versions.selection, v, "polls that change nothing chosen are not news");
    s.reduce(Action::Toggle(ix("1")));
    assert_eq!(s.versions.selection, v + 1);
    s.reduce(Action::Focus(Some(ix("2"))));
    s.reduce(Action::DismissNotice);
    assert_eq!(s.versions.selection, v + 1);
}

#[test]
fn an_off_sale_performance_is_read_only_with_its_reason() {
    let mut s = State::new(RuleConfig::default());
    let mut venue = (*fixtures::venue()).clone();
    venue.instance.on_sale = false;
    venue.instance.sales_open = Some("2026-12-24T10:00:00".into());
    s.reduce(Action::Loaded {
        venue: Rc::new(venue),
        report: Report::default(),
        now_local: "2026-12-01T09:00:00".into(),
    });
    status(&mut s, "AAAAAAAAA", 1.0);
    assert_eq!(s.sale, SaleState::NotYetOnSale { opens: Some("2026-12-24T10:00:00".into()) });
    s.reduce(Action::Toggle(ix("1")));
    assert!(s.selection.is_empty());
    assert!(s.notice.as_ref().unwrap().text.contains("not on sale online yet"));
    assert!(!s.can_add_to_basket());
}

#[test]
fn a_sold_out_performance_says_so() {
    let mut s = ready("UUUUUUUUU");
    let mut a = fixtures::availability("UUUUUUUUU");
    a.unreserved.iter_mut().for_each(|(_, u)| u.available = 0);
    s.reduce(Action::Status { availability: a, requested_ms: 2.0, now_ms: 2.0 });
    assert_eq!(s.sale, SaleState::SoldOut);
}

#[test]
fn the_queue_keeps_the_choice_and_it_can_be_restored() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::AddStarted);
    s.reduce(Action::AddFailed(ApiError::Queue { message: Some("Join the queue".into()), url: Some("/q/1".into()) }));
    assert_eq!(s.queue.as_ref().and_then(|q| q.url.as_deref()), Some("/q/1"));
    assert!(s.is_selected(ix("5")));
    let saved = s.saved_choice();
    assert_eq!(saved.seats, vec![("5".to_owned(), "AD".to_owned())]);
    let mut back = ready("AAAAUAAAA");
    back.reduce(Action::RestoreChoice(SavedChoice {
        seats: vec![("5".into(), "AD".into()), ("6".into(), "AD".into())],
        standing: vec![],
        away: Away::InQueue,
    }));
    assert_eq!(back.selection.iter().map(|c| c.seat).collect::<Vec<_>>(), vec![ix("6")]);
    assert!(back.notice.as_ref().unwrap().text.contains("one seat is no longer free"));
}

#[test]
fn switching_performance_says_the_choice_stayed_behind_and_switching_back_restores_it() {
    let mut before = ready("AAAAAAAAA");
    before.reduce(Action::Toggle(ix("2")));
    before.reduce(Action::Toggle(ix("3")));
    let saved = SavedChoice { away: Away::OtherPerformance, ..before.saved_choice() };
    assert_eq!(saved.tickets(), 2);

    let mut other = ready("AAAAAAAAA");
    other.reduce(Action::ChoiceLeftBehind {
        tickets: saved.tickets(),
        performance: Some("Wednesday 9 December, 7.30pm".into()),
    });
    let text = &other.notice.as_ref().unwrap().text;
    assert!(
        text.starts_with("Your choice of 2 tickets for Wednesday 9 December, 7.30pm was not carried over"),
        "{text}"
    );
    assert!(other.selection.is_empty(), "nothing is chosen on the new performance");

    let mut back = ready("AAUAAAAAA");
    back.reduce(Action::RestoreChoice(saved));
    assert_eq!(back.selection.iter().map(|c| c.seat).collect::<Vec<_>>(), vec![ix("2")]);
    let text = &back.notice.as_ref().unwrap().text;
    assert_eq!(text, "Your choice for this performance is back, but one seat is no longer free.");
}

#[test]
fn an_empty_choice_left_behind_says_nothing() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::ChoiceLeftBehind { tickets: 0, performance: None });
    assert!(s.notice.is_none());
}

#[test]
fn nothing_can_be_chosen_while_availability_is_unknown() {
    let mut s = fixtures::loaded(RuleConfig::default());
    assert_eq!(s.state_of(ix("1")), SeatState::Unknown);
    s.reduce(Action::Toggle(ix("1")));
    assert!(s.selection.is_empty());
    assert!(s.notice.as_ref().unwrap().text.contains("don't know yet"));
}

#[test]
fn a_status_for_another_plan_is_ignored() {
    let mut s = ready("AAAAAAAAA");
    let mut wrong = fixtures::availability("UUUUUUUUU");
    wrong.seats.pop();
    s.reduce(Action::Status { availability: wrong, requested_ms: 2.0, now_ms: 2.0 });
    assert_eq!(s.state_of(ix("1")), SeatState::Available);
}

#[test]
fn problems_are_reported_once() {
    let mut s = ready("AZAAAAAAA");
    let v = s.versions.problems;
    assert_eq!(s.problems_found.len() as u32, v);
    assert!(s.problems_found.last().unwrap().summary().unwrap().contains("\"Z\""));
    status(&mut s, "AZAAAAAAA", 2.0);
    assert_eq!(s.versions.problems, v, "the same problem again is not news");
    status(&mut s, "AZQAAAAAA", 3.0);
    assert_eq!(s.versions.problems, v + 1);
    assert!(!s.problems_found.last().unwrap().summary().unwrap().contains("\"Z\""));
    assert!(
        s.problems_found[s.problems_found.len() - 2].summary().unwrap().contains("\"Z\""),
        "the earlier report is kept"
    );
}

#[test]
fn a_refused_seat_the_status_already_showed_taken_is_explained_with_an_alternative() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::Toggle(ix("6")));
    s.reduce(Action::AddStarted);
    // A poll during the add shows B1 sold: it is being added, so not yet explained.
    status(&mut s, "AAAAUAAAA", 3.0);
    assert!(s.is_selected(ix("5")));
    s.reduce(Action::AddFailed(ApiError::Http {
        status: 409,
        message: Some("Seat B1 is taken.".into()),
        retry_after_secs: None,
    }));
    // The next poll's body is the same: the explanation must not wait for a change.
    assert!(s.notice.as_ref().unwrap().text.contains("Stalls B1 was just taken"), "{:?}", s.notice);
    assert!(!s.is_selected(ix("5")) && s.is_selected(ix("6")));
    assert!(s.alternative.is_some());
}

#[test]
fn an_add_whose_answer_came_but_was_sent_twice_is_caught_by_the_next_basket_read() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::BasketRead { basket: None, requested_ms: 1.0, now_ms: 1.0 });
    let pit = fixtures::plan().area_by_id("PIT").unwrap();
    let adult = fixtures::prices().type_by_id("AD").unwrap();
    s.reduce(Action::SetStanding(StandingChoice { area: pit, ticket_type: adult, quantity: 2 }));
    s.reduce(Action::AddStarted);
    // The answer lists two tickets (the repeat's answer), the basket holds four.
    s.reduce(Action::AddSucceeded {
        tickets: tickets(
            r#"[{"id":"P3","seatingPlan":"PIT","instance":"INST"},{"id":"P4","seatingPlan":"PIT","instance":"INST"}]"#,
        ),
        now_ms: 5.0,
    });
    let four: Vec<String> = (1..=4)
        .map(|i| format!(r#"{{"id":"P{i}","seatingPlan":"PIT","instance":"INST","type":{{"id":"AD"}}}}"#))
        .collect();
    basket(&mut s, &format!(r#"{{"id":"BK","tickets":[{}]}}"#, four.join(",")), 6.0);
    let extra = s.extra_tickets.clone().expect("the repeat is caught");
    assert_eq!((extra.asked, extra.got), (2, 4));
    assert_eq!(extra.ticket_ids.len(), 2);
    assert!(s.notice.as_ref().unwrap().text.contains("sent twice"));
}

#[test]
fn a_refusal_reads_the_performance_again_and_its_sale_state_follows() {
    let mut s = ready("AAAAAAAAA");
    s.reduce(Action::Toggle(ix("5")));
    s.reduce(Action::AddStarted);
    let reads = s.wants.instance_read;
    s.reduce(Action::AddFailed(ApiError::Http {
        status: 400,
        message: Some("Ticket 1: this performance is not on sale".into()),
        retry_after_secs: None,
    }));
    assert_eq!(s.wants.instance_read, reads + 1);
    let mut instance = fixtures::venue().instance.clone();
    instance.on_sale = false;
    s.reduce(Action::InstanceRead(instance));
    assert!(!s.sale.is_open());
    assert!(!s.can_add_to_basket());
    let said = &s.notice.as_ref().expect("the buyer is told").text;
    assert!(said.contains("closed") || said.contains("not on sale"), "{said}");
    assert!(said.ends_with("Your choice is kept."), "{said}");
    assert_eq!(s.selection.len(), 1, "the choice is kept");
}
