use super::*;
use crate::core::fixtures;

#[test]
fn letters_bands_locks_and_info_are_decoded() {
    let a = fixtures::availability("ABUWIAAXU");
    let plan = fixtures::plan();
    let at = |id: &str| a.seat(plan.seat_by_id(id).unwrap()).clone();
    assert_eq!(at("1").letter, Letter::Available);
    assert_eq!(at("2").letter, Letter::InBasket);
    assert_eq!(at("4").letter, Letter::Wheelchair);
    assert_eq!(at("5").info.as_deref(), Some("Restricted view"));
    assert_eq!(at("8").letter, Letter::HeldForYou);
    assert_eq!(a.lock(at("8").lock.unwrap()).unwrap().name.as_ref(), "Members");
    assert_eq!(fixtures::prices().band(at("8").band.unwrap()).name.as_ref(), "Band B");
    assert_eq!(a.report, DecodeReport::default());
}

#[test]
fn unknown_letters_are_unavailable_and_reported() {
    let a = fixtures::availability("AZAAAAAAA");
    let plan = fixtures::plan();
    assert_eq!(a.seat(plan.seat_by_id("2").unwrap()).letter, Letter::Unavailable);
    assert_eq!(a.report.unknown_letters, vec!["Z".to_string()]);
}

#[test]
fn seats_missing_from_the_status_are_unavailable() {
    let a = fixtures::availability("AAA");
    let plan = fixtures::plan();
    assert_eq!(a.seat(plan.seat_by_id("9").unwrap()).letter, Letter::Unavailable);
    assert_eq!(a.report.seats_missing, 6);
}

#[test]
fn unknown_seat_ids_and_bands_are_counted_not_fatal() {
    let plan = fixtures::plan();
    let json = r#"{"areas":[{"id":"STALLS","bands":[{"priceBand":{"id":"NOPE"},"seats":[{"id":"1","status":"A"},{"id":"999","status":"A"}]}]}]}"#;
    let a = Availability::decode(&plan, &fixtures::prices(), serde_json::from_str(json).unwrap());
    assert_eq!(a.report.unknown_seat_ids, 1);
    assert_eq!(a.report.unknown_bands, 1);
    assert!(!a.seat(plan.seat_by_id("1").unwrap()).is_open(), "a seat with no price cannot be sold");
}

#[test]
fn unreserved_areas_give_places_left() {
    let a = fixtures::availability("AAAAAAAAA");
    let plan = fixtures::plan();
    let pit = a.unreserved(plan.area_by_id("PIT").unwrap()).unwrap();
    assert_eq!((pit.capacity, pit.available), (50, 3));
    assert!(pit.band.is_some());
}

#[test]
fn lock_summary_counts_what_this_customer_may_take() {
    let member = fixtures::availability("AAAAAAAXX");
    assert_eq!(member.lock_summary(), vec![(LockIx(0), 2, 2)]);
    let public = fixtures::availability("AAAAAAAUU");
    assert_eq!(public.lock_summary(), vec![(LockIx(0), 0, 2)]);
}
