use super::*;
use crate::availability::{LockIndex, SeatAvailability};
use crate::fixtures;
use crate::prices::BandIndex;

fn seat(letter: Letter, lock: Option<u16>, info: Option<&str>) -> SeatAvailability {
    SeatAvailability { letter, band: Some(BandIndex(0)), lock: lock.map(LockIndex), info: info.map(Into::into) }
}

#[test]
fn letters_map_to_what_the_customer_sees() {
    let locks = fixtures::availability("AAAAAAAXX");
    let table = [
        (seat(Letter::Available, None, None), false, SeatState::Available),
        (seat(Letter::Available, None, None), true, SeatState::Selected),
        (seat(Letter::InBasket, None, None), false, SeatState::InBasket),
        (seat(Letter::InBasket, None, None), true, SeatState::InBasket),
        (seat(Letter::Info, None, Some("Pillar")), false, SeatState::Info),
        (seat(Letter::Wheelchair, None, None), false, SeatState::Wheelchair),
        (seat(Letter::HeldForYou, Some(0), None), false, SeatState::HeldForYou),
        (seat(Letter::HeldForYou, Some(0), None), true, SeatState::Selected),
        (seat(Letter::Unavailable, Some(0), None), false, SeatState::HeldForOthers),
        (seat(Letter::Unavailable, Some(0), None), true, SeatState::HeldForOthers),
        (seat(Letter::Unavailable, None, None), false, SeatState::Unavailable),
        (seat(Letter::Unavailable, Some(9), None), false, SeatState::Unavailable),
    ];
    for (s, selected, want) in table {
        assert_eq!(seat_state(&s, &locks, selected), want, "{s:?} selected={selected}");
    }
}

#[test]
fn a_seat_without_a_price_is_not_for_sale() {
    let locks = fixtures::availability("A");
    let s = SeatAvailability { band: None, ..seat(Letter::Available, None, None) };
    assert_eq!(seat_state(&s, &locks, false), SeatState::Unavailable);
    assert_eq!(reason(&s, &locks, SeatState::Unavailable).as_deref(), Some("Not on sale online"));
}

#[test]
fn reasons_say_why_in_the_venues_words() {
    let locks = fixtures::availability("AAAAAAAXX");
    let held = seat(Letter::HeldForYou, Some(0), None);
    assert_eq!(reason(&held, &locks, SeatState::HeldForYou).as_deref(), Some("Held for Members — available to you"));
    let others = seat(Letter::Unavailable, Some(0), None);
    assert_eq!(reason(&others, &locks, SeatState::HeldForOthers).as_deref(), Some("Members only - log in to book"));
    let info = seat(Letter::Info, None, Some("Restricted view"));
    assert_eq!(reason(&info, &locks, SeatState::Info).as_deref(), Some("Restricted view"));
    let wheel = seat(Letter::Wheelchair, None, None);
    assert_eq!(reason(&wheel, &locks, SeatState::Wheelchair).as_deref(), Some("Wheelchair space"));
    assert_eq!(reason(&seat(Letter::Available, None, None), &locks, SeatState::Available), None);
}

#[test]
fn state_names_are_distinct() {
    let names: std::collections::HashSet<&str> = SeatState::ALL.iter().map(|s| s.name()).collect();
    assert_eq!(names.len(), SeatState::ALL.len());
}

#[test]
fn labels_announce_row_seat_band_price_and_state() {
    use crate::labels::{seat_label, PlainMoney};
    let plan = fixtures::plan();
    let prices = fixtures::prices();
    let a = fixtures::availability("AAAAIAAXX");
    let ix = plan.seat_by_id("1").unwrap();
    assert_eq!(
        seat_label(&plan, &prices, &a, SeatState::Available, ix, &PlainMoney),
        "Row A, seat 1, Stalls, Band A, Adult £35.00, available"
    );
    let info = plan.seat_by_id("5").unwrap();
    assert!(seat_label(&plan, &prices, &a, SeatState::Info, info, &PlainMoney).ends_with("available, Restricted view"));
    let held = plan.seat_by_id("8").unwrap();
    assert!(seat_label(&plan, &prices, &a, SeatState::HeldForYou, held, &PlainMoney)
        .ends_with("available, Held for Members — available to you"));
}

#[test]
fn the_key_shows_what_the_map_shows() {
    let key = SeatState::in_key(&fixtures::availability("AAAAIAAUU"));
    assert!(key.contains(&SeatState::Info) && key.contains(&SeatState::HeldForOthers));
    assert!(!key.contains(&SeatState::Wheelchair) && !key.contains(&SeatState::HeldForYou));
    let member = SeatState::in_key(&fixtures::availability("AAAAAAAXX"));
    assert!(member.contains(&SeatState::HeldForYou) && !member.contains(&SeatState::HeldForOthers));
}
