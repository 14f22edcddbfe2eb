use super::*;
use crate::decode;
use crate::fixtures;

fn decode_status(json: &str) -> Availability {
    decode::status_detail(&fixtures::venue(), &fixtures::json(json)).expect("readable")
}

fn count(a: &Availability, what: &str) -> u32 {
    a.report.problems().iter().filter(|p| p.what.contains(what)).map(|p| p.count).sum()
}

#[test]
fn letters_bands_locks_and_info_are_decoded() {
    let a = fixtures::availability("ABUWIAAXU");
    let plan = fixtures::plan();
    let at = |id: &str| a.seat(plan.seat_by_id(id).unwrap()).clone();
    assert!(a.known);
    assert_eq!(at("1").letter, Letter::Available);
    assert_eq!(at("2").letter, Letter::InBasket);
    assert_eq!(at("4").letter, Letter::Wheelchair);
    assert_eq!(at("5").info.as_deref(), Some("Restricted view"));
    assert_eq!(at("8").letter, Letter::HeldForYou);
    assert_eq!(a.lock(at("8").lock.unwrap()).unwrap().name.as_ref(), "Members");
    assert_eq!(fixtures::prices().band(at("8").band.unwrap()).name.as_ref(), "Band B");
    assert!(a.report.is_empty(), "{:?}", a.report);
}

#[test]
fn unknown_letters_are_unavailable_and_reported() {
    let a = fixtures::availability("AZAAAAAAA");
    let plan = fixtures::plan();
    assert_eq!(a.seat(plan.seat_by_id("2").unwrap()).letter, Letter::Unavailable);
    assert_eq!(count(&a, "unknown status letter \"Z\""), 1);
}

#[test]
fn seats_missing_from_the_status_are_unavailable() {
    let a = fixtures::availability("AAA");
    let plan = fixtures::plan();
    assert_eq!(a.seat(plan.seat_by_id("9").unwrap()).letter, Letter::Unavailable);
    assert_eq!(count(&a, "not in the status"), 6);
}

#[test]
fn unknown_seat_ids_and_bands_are_counted_not_fatal() {
    let plan = fixtures::plan();
    let a = decode_status(
        r#"{"areas":[{"id":"STALLS","bands":[{"priceBand":{"id":"NOPE"},"seats":[{"id":"1","status":"A"},{"id":"999","status":"A"}]}]}]}"#,
    );
    assert_eq!(count(&a, "not on the plan"), 1);
    assert_eq!(count(&a, "not on the price list"), 1);
    assert!(!a.seat(plan.seat_by_id("1").unwrap()).is_open(), "a seat with no price cannot be sold");
}

#[test]
fn one_bad_record_is_skipped_and_the_rest_is_read() {
    let plan = fixtures::plan();
    let a = decode_status(
        r#"{"areas":[{"id":"STALLS","bands":[{"priceBand":{"id":"BA"},"seats":[
            {"id":"1","status":1},{"id":null,"status":"A"},"junk",{"id":"3","status":"A"},{"id":4.0,"status":"A"}]}],
            "lockTypes":[{"name":"No id"},{"id":"L","name":"Members"}]},
           {"id":"PIT","capacity":577.0,"available":-1,"inBasket":"2","bands":[{"priceBand":{"id":"ST"},"seats":[]}]}]}"#,
    );
    let at = |id: &str| a.seat(plan.seat_by_id(id).unwrap()).letter;
    assert_eq!(at("1"), Letter::Unavailable, "a numeric status is an unknown letter");
    assert_eq!(at("3"), Letter::Available);
    assert_eq!(at("4"), Letter::Available, "a float id that is whole is read");
    assert_eq!(count(&a, "seat status that was a number"), 1);
    assert_eq!(count(&a, "seat skipped: it has no id"), 1);
    assert_eq!(count(&a, "seat skipped: it was text"), 1);
    assert_eq!(count(&a, "lock type skipped: it has no id"), 1);
    assert_eq!(a.locks.len(), 1);
    let pit = a.unreserved(plan.area_by_id("PIT").unwrap()).unwrap();
    assert_eq!((pit.capacity, pit.available, pit.in_basket), (577, 0, 2));
    assert_eq!(count(&a, "negative places available read as 0"), 1);
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
    assert_eq!(member.lock_summary(), vec![(LockIndex(0), 2, 2)]);
    let public = fixtures::availability("AAAAAAAUU");
    assert_eq!(public.lock_summary(), vec![(LockIndex(0), 0, 2)]);
}

#[test]
fn a_status_naming_another_performance_is_reported_not_refused() {
    let json = r#"{"instance":"SOMEONE-ELSE","areas":[]}"#;
    let a = decode::status_detail(&fixtures::venue(), &fixtures::json(json)).unwrap();
    assert_eq!(count(&a, "names performance \"SOMEONE-ELSE\""), 1);
}

#[test]
fn seats_that_are_not_a_list_are_none_and_a_seat_naming_a_field_twice_is_unreadable_as_before() {
    let a = decode_status(r#"{"areas":[{"id":"STALLS","bands":[{"priceBand":{"id":"BA"},"seats":{"id":"1"}}]}]}"#);
    assert!(a.known);
    assert_eq!(count(&a, "not in the status"), 9, "no seat read: {:?}", a.report);
    let twice = r#"{"areas":[{"id":"STALLS","bands":[{"priceBand":{"id":"BA"},"seats":[{"id":"1","status":"A","status":"U"}]}]}]}"#;
    let error = decode::status_detail(&fixtures::venue(), &fixtures::json(twice)).unwrap_err();
    assert!(matches!(error, crate::error::ApiError::Unreadable { what: "seat availability", .. }), "{error:?}");
}
