use super::*;
use crate::fixtures;

fn answer(content_type: Option<&str>, body: &str) -> Response {
    Response {
        status: 200,
        content_type: content_type.map(Into::into),
        body: body.as_bytes().to_vec(),
        ..Response::default()
    }
}

#[test]
fn body_formats_are_sniffed_from_the_first_bytes_and_the_content_type() {
    let table = [
        (Some("application/json"), "{}", BodyFormat::Json),
        (Some("text/plain"), "  [1]", BodyFormat::Json),
        (None, "\u{feff}{\"a\":1}", BodyFormat::Json),
        (Some("text/xml"), "<?xml version=\"1.0\"?><status/>", BodyFormat::Xml),
        (Some("text/html"), "<!DOCTYPE html><html>", BodyFormat::Html),
        (None, "<html><body>Queue</body></html>", BodyFormat::Html),
        (Some("text/plain"), "A,A,U", BodyFormat::Text),
        (Some("application/json"), "   ", BodyFormat::Empty),
    ];
    for (content_type, body, want) in table {
        assert_eq!(BodyFormat::of(content_type, body.as_bytes()), want, "{body:?}");
    }
}

#[test]
fn a_status_that_is_not_json_says_what_arrived() {
    let body = "<?xml version=\"1.0\"?>\n<status><seat id=\"1\">A</seat></status>";
    let error = status_detail(&fixtures::venue(), &answer(Some("text/xml; charset=utf-8"), body)).unwrap_err();
    let ApiError::Unreadable { what, content_type, size, start, .. } = &error else { panic!("{error:?}") };
    assert_eq!(*what, "seat availability");
    assert_eq!(content_type.as_deref(), Some("text/xml; charset=utf-8"));
    assert_eq!(*size, body.len());
    assert!(start.starts_with("<?xml version=\"1.0\"?> <status>"), "{start}");
    // What arrived is named, for the buyer and the developer alike.
    assert!(
        error.detail().contains("text/xml") && error.detail().contains(&format!("{size} bytes")),
        "{}",
        error.detail()
    );
    assert!(
        error.plain().contains("text/xml") && error.plain().contains(&format!("{size} bytes")),
        "{}",
        error.plain()
    );
}

#[test]
fn only_a_document_of_the_wrong_kind_is_an_error() {
    let venue = fixtures::venue();
    assert!(matches!(plan(&answer(None, "not json")), Err(ApiError::Unreadable { .. })));
    assert!(matches!(price_list(&answer(None, "[]")), Err(ApiError::Unreadable { .. })));
    assert!(matches!(status_detail(&venue, &answer(None, "{\"areas\": [")), Err(ApiError::Unreadable { .. })));
    assert!(status_detail(&venue, &answer(None, "{\"areas\": \"odd\"}")).is_ok(), "odd fields are reported, not fatal");
}

#[test]
fn the_instance_keeps_its_sale_fields_and_refuses_one_without_a_plan() {
    let read = |json: &str| instance(&answer(None, json), "REQ");
    let i = read(r#"{"id":"I1","planId":77,"isOnSale":"false","startSellingAtWeb":"2026-12-24T10:00:00","hasBestAvailableOverlay":1}"#)
        .unwrap()
        .value;
    assert_eq!((&*i.id, &*i.plan_id, i.on_sale, i.best_available), ("I1", "77", false, true));
    assert_eq!(i.sales_open.as_deref(), Some("2026-12-24T10:00:00"));
    assert!(matches!(read(r#"{"id":"I1"}"#), Err(ApiError::Invalid { .. })));
    let odd = read(r#"{"planId":"P","isOnSale":"perhaps"}"#).unwrap();
    assert_eq!(&*odd.value.id, "REQ", "the requested id stands in");
    assert!(odd.value.on_sale);
    assert_eq!(odd.report.total(), 2);
}

#[test]
fn prices_as_text_are_read_and_bad_ones_skipped() {
    let list = price_list(&answer(
        None,
        r#"{"prices":[{"amount":"35.00","isBandDefault":true,"priceBand":{"id":"A"},"ticketType":{"id":"AD","name":"Adult"}},
                       {"amount":"free","priceBand":{"id":"A"},"ticketType":{"id":"CO"}},
                       {"amount":10,"priceBand":{"name":"No id"},"ticketType":{"id":"CO"}}]}"#,
    ))
    .unwrap();
    let band = list.value.band_by_id("A").unwrap();
    assert_eq!(list.value.price(band, list.value.type_by_id("AD").unwrap()), Some(35.0));
    assert_eq!(list.report.total(), 2);
}

#[test]
fn tickets_added_accept_a_list_a_wrapped_list_or_nothing() {
    let venue = fixtures::venue();
    let list = r#"[{"id":"T1","seat":"1","instance":"INST","type":{"id":"AD"}}]"#;
    assert_eq!(tickets_added(&answer(None, list), &venue).unwrap()[0].seat, venue.plan.seat_by_id("1"));
    let wrapped = format!(r#"{{"tickets":{list}}}"#);
    assert_eq!(tickets_added(&answer(None, &wrapped), &venue).unwrap().len(), 1);
    assert!(tickets_added(&answer(None, ""), &venue).unwrap().is_empty());
    assert!(tickets_added(&answer(None, "<html>"), &venue).is_err());
}
