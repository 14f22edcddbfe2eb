//! In-browser tests (wasm-bindgen-test in headless Chromium): the widget
//! mounted through its public entry point renders and reacts. The venue's
//! API is a stub installed in place of `window.fetch`, so each test controls
//! exactly what the box office answers.
#![cfg(target_arch = "wasm32")]

use gloo_timers::future::TimeoutFuture;
use seatmap_widget::{mount, MountHandle};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const PLAN: &str = r#"{"id":"P1","name":"Studio","type":"Reserved","x":0,"y":0,"areas":[
  {"id":"AR","name":"Stalls","type":"Reserved","x":10,"y":10,"seats":[
    {"id":"1","name":"A1","row":"A","number":1,"x":0,"y":0,"nextSeatId":2},
    {"id":"2","name":"A2","row":"A","number":2,"x":24,"y":0,"previousSeatId":1,"nextSeatId":3},
    {"id":"3","name":"A3","row":"A","number":3,"x":48,"y":0,"previousSeatId":2,"nextSeatId":4},
    {"id":"4","name":"A4","row":"A","number":4,"x":72,"y":0,"previousSeatId":3},
    {"id":"5","name":"B1","row":"B","number":1,"x":0,"y":24,"nextSeatId":6},
    {"id":"6","name":"B2","row":"B","number":2,"x":24,"y":24,"previousSeatId":5}]}]}"#;
const PRICES: &str = r#"{"id":"PL","prices":[
  {"amount":30,"isBandDefault":true,"priceBand":{"id":"BA","name":"Band A"},"ticketType":{"id":"AD","name":"Adult"}},
  {"amount":20,"isBandDefault":false,"priceBand":{"id":"BA","name":"Band A"},"ticketType":{"id":"CO","name":"Concession"}}]}"#;
const INSTANCE: &str = r#"{"id":"I1","planId":"P1","priceList":{"id":"PL"},"isOnSale":true,"cancelled":false,"hasBestAvailableOverlay":false}"#;
const STATUS: &str = r#"{"instance":"I1","areas":[{"id":"AR","name":"Stalls","bands":[{"priceBand":{"id":"BA"},"seats":[
  {"id":"1","status":"A"},{"id":"2","status":"A"},{"id":"3","status":"U"},{"id":"4","status":"W"},{"id":"5","status":"I","info":"Restricted view"},{"id":"6","status":"Q"}]}]}]}"#;

#[wasm_bindgen(inline_js = r#"
export function install_fetch_stub(routes) {
  window.__seatmapCalls = [];
  window.fetch = async (request) => {
    const url = typeof request === 'string' ? request : request.url;
    window.__seatmapCalls.push({ url, credentials: request.credentials, method: request.method });
    for (const [suffix, status, body] of routes) {
      if (url.split('?')[0].endsWith(suffix)) {
        return new Response(body, { status, headers: { 'content-type': 'application/json' } });
      }
    }
    throw new TypeError('Failed to fetch');
  };
}
export function calls() { return JSON.stringify(window.__seatmapCalls || []); }
"#)]
extern "C" {
    fn install_fetch_stub(routes: JsValue);
    fn calls() -> String;
}

fn stub(routes: &[(&str, u16, &str)]) {
    let array = js_sys::Array::new();
    for (suffix, status, body) in routes {
        let route = js_sys::Array::of3(&(*suffix).into(), &JsValue::from(*status), &(*body).into());
        array.push(&route);
    }
    install_fetch_stub(array.into());
}

fn venue_routes(status: &'static str) -> Vec<(&'static str, u16, &'static str)> {
    vec![
        ("/instances/I1", 200, INSTANCE),
        ("/plans/P1", 200, PLAN),
        ("/instances/I1/price-list", 200, PRICES),
        ("/instances/I1/status/detail", 200, status),
        ("/basket", 404, r#"{"errorCode":2,"message":"No basket"}"#),
        ("/customer", 401, r#"{"errorCode":7,"message":"Not logged in"}"#),
    ]
}

fn host(attributes: &[(&str, &str)]) -> HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let el: HtmlElement = document.create_element("seat-map").unwrap().dyn_into().unwrap();
    for (k, v) in attributes {
        el.set_attribute(k, v).unwrap();
    }
    document.body().unwrap().append_child(&el).unwrap();
    el
}

const GOOD: [(&str, &str); 3] =
    [("client-name", "demo"), ("custom-domain", "https://tickets.example.org"), ("instance-id", "I1")];

/// Waits (bounded) until `find` matches, re-checking as Yew renders.
async fn wait_for(root: &Element, selector: &str) -> Element {
    for _ in 0..300 {
        if let Ok(Some(el)) = root.query_selector(selector) {
            return el;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("{selector} never appeared; html: {}", root.inner_html());
}

async fn wait_until(mut check: impl FnMut() -> bool, what: &str) {
    for _ in 0..300 {
        if check() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

fn state_of(root: &Element, id: &str) -> Option<String> {
    root.query_selector(&format!("[data-seat-id=\"{id}\"]")).ok().flatten().and_then(|e| e.get_attribute("data-state"))
}

/// A bubbling click, as a pointer would give (SVG elements have no `click()`).
fn click(el: &Element) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("click", &init).unwrap();
    el.dispatch_event(&event).unwrap();
}

/// A seat's name as assistive technology hears it with the pointer on the
/// seat: only the seat with focus and the one under the pointer carry one.
async fn name_of(root: &Element, id: &str) -> String {
    let seat = wait_for(root, &format!("[data-seat-id=\"{id}\"]")).await;
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let over = web_sys::Event::new_with_event_init_dict("pointerover", &init).unwrap();
    seat.dispatch_event(&over).unwrap();
    let named = wait_for(root, &format!("[data-seat-id=\"{id}\"][aria-label]")).await;
    named.get_attribute("aria-label").unwrap_or_default()
}

fn teardown(mut handle: MountHandle, el: HtmlElement) {
    handle.destroy();
    el.remove();
}

#[wasm_bindgen_test]
async fn bad_configuration_is_explained_and_nothing_is_fetched() {
    stub(&[]);
    let el = host(&[("client-name", "demo"), ("custom-domain", "http://tickets.example.org")]);
    let handle = mount(el.clone()).unwrap();
    let panel = wait_for(&el, "[data-testid=config-error]").await;
    let text = panel.text_content().unwrap_or_default();
    assert!(text.contains("must use https://"), "{text}");
    assert!(text.contains("instance-id attribute is missing"), "{text}");
    assert_eq!(calls(), "[]");
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn draws_every_seat_with_its_state_and_credentials_go_to_the_custom_domain_only() {
    stub(&venue_routes(STATUS));
    let el = host(&GOOD);
    let handle = mount(el.clone()).unwrap();
    wait_for(&el, "[data-seat-id]").await;
    let seats = el.query_selector_all("[data-seat-id]").unwrap();
    assert_eq!(seats.length(), 6);
    assert_eq!(state_of(&el, "1").as_deref(), Some("available"));
    assert_eq!(state_of(&el, "3").as_deref(), Some("unavailable"));
    assert_eq!(state_of(&el, "4").as_deref(), Some("wheelchair"));
    assert_eq!(state_of(&el, "5").as_deref(), Some("info"));
    assert_eq!(state_of(&el, "6").as_deref(), Some("unavailable"), "an unknown letter is unavailable");
    let label = name_of(&el, "5").await;
    assert!(label.starts_with("Row B, seat 1, Stalls, Band A, Adult £30.00, available"), "{label}");
    assert!(label.contains("Restricted view"), "{label}");
    let calls = calls();
    assert!(calls.contains("https://tickets.example.org/demo/api/v3/instances/I1"), "{calls}");
    assert!(
        !calls.contains("\"credentials\":\"same-origin\"") && calls.contains("\"credentials\":\"include\""),
        "{calls}"
    );
    assert!(
        calls.matches("\"url\":\"").count() == calls.matches("https://tickets.example.org/demo/api/v3/").count(),
        "{calls}"
    );
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn clicking_selects_shows_the_total_and_clicking_again_deselects() {
    stub(&venue_routes(STATUS));
    let el = host(&GOOD);
    let handle = mount(el.clone()).unwrap();
    let seat = wait_for(&el, "[data-seat-id=\"1\"]").await;
    // Seats may be drawn a moment before their availability arrives; a seat
    // of unknown availability can't be chosen.
    wait_until(|| state_of(&el, "1").as_deref() == Some("available"), "seat 1 available").await;
    click(&seat);
    wait_until(|| state_of(&el, "1").as_deref() == Some("selected"), "seat 1 selected").await;
    let total = wait_for(&el, "[data-testid=selection-total]").await.text_content().unwrap_or_default();
    assert!(total.contains("1 ticket") && total.contains("30.00"), "{total}");
    click(&el.query_selector("[data-seat-id=\"3\"]").unwrap().unwrap());
    let notice = wait_for(&el, "[data-testid=notice]").await.text_content().unwrap_or_default();
    assert!(notice.contains("Stalls A3 is not available"), "{notice}");
    assert_eq!(state_of(&el, "3").as_deref(), Some("unavailable"));
    click(&seat);
    wait_until(|| state_of(&el, "1").as_deref() == Some("available"), "seat 1 deselected").await;
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn a_failed_load_is_retried_by_itself_and_the_map_appears() {
    stub(&[("/instances/I1", 500, r#"{"errorCode":12,"message":"Database timeout"}"#)]);
    let mut attributes = GOOD.to_vec();
    attributes.push(("poll-interval", "2"));
    let el = host(&attributes);
    let handle = mount(el.clone()).unwrap();
    let loading = wait_for(&el, "[data-testid=loading]").await;
    wait_until(|| loading.text_content().unwrap_or_default().contains("Still trying"), "the retrying message").await;
    assert!(
        el.query_selector("[data-testid=error-panel]").unwrap().is_none(),
        "a transient failure is not an error panel"
    );
    stub(&venue_routes(STATUS));
    // The retry comes on its own, no sooner than the interval (2 s).
    for _ in 0..40 {
        if el.query_selector("[data-seat-id]").unwrap().is_some() {
            break;
        }
        TimeoutFuture::new(100).await;
    }
    wait_for(&el, "[data-seat-id]").await;
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn a_missing_performance_is_said_plainly_without_a_useless_retry() {
    stub(&[("/instances/I1", 404, r#"{"errorCode":12,"message":"Instance I1 was not found."}"#)]);
    let el = host(&GOOD);
    let handle = mount(el.clone()).unwrap();
    let message = wait_for(&el, "[data-testid=error-message]").await.text_content().unwrap_or_default();
    assert!(message.starts_with("This performance could not be found."), "{message}");
    assert!(!message.contains("404") && !message.contains("I1"), "no codes or ids for buyers: {message}");
    assert!(el.query_selector("[data-testid=retry]").unwrap().is_none(), "trying again cannot help");
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn destroy_empties_the_element() {
    stub(&venue_routes(STATUS));
    let el = host(&GOOD);
    let handle = mount(el.clone()).unwrap();
    wait_for(&el, "[data-seat-id]").await;
    let el2 = el.clone();
    teardown(handle, el);
    assert_eq!(el2.child_element_count(), 0);
}

#[wasm_bindgen_test]
async fn a_malformed_locale_falls_back_to_plain_prices_instead_of_failing() {
    stub(&venue_routes(STATUS));
    let mut attributes = GOOD.to_vec();
    attributes.push(("locale", "not a locale!"));
    let el = host(&attributes);
    let handle = mount(el.clone()).unwrap();
    wait_for(&el, "[data-seat-id=\"1\"]").await;
    wait_until(|| state_of(&el, "1").as_deref() == Some("available"), "seat 1 available").await;
    let label = name_of(&el, "1").await;
    assert!(label.contains("Adult GBP 30.00"), "{label}");
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn renders_inside_the_element_s_shadow_root_when_it_has_one() {
    stub(&venue_routes(STATUS));
    let el = host(&GOOD);
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"mode".into(), &"open".into()).unwrap();
    let attach: js_sys::Function = js_sys::Reflect::get(&el, &"attachShadow".into()).unwrap().unchecked_into();
    let shadow: web_sys::ShadowRoot = attach.call1(&el, &init).unwrap().unchecked_into();
    let handle = mount(el.clone()).unwrap();
    let container = shadow.first_element_child().expect("the widget's container in the shadow root");
    let seat = wait_for(&container, "[data-seat-id=\"1\"]").await;
    assert_eq!(el.child_element_count(), 0, "nothing in the light DOM");
    assert!(seat.get_attribute("data-state").is_some());
    teardown(handle, el);
    assert_eq!(shadow.child_element_count(), 0, "unmounting removes the widget's container");
}

#[wasm_bindgen_test]
async fn a_new_mount_never_shows_the_seats_of_the_one_before() {
    stub(&venue_routes(STATUS));
    let first = host(&GOOD);
    let handle = mount(first.clone()).unwrap();
    wait_for(&first, "[data-seat-id]").await;
    teardown(handle, first);
    // At once, before Yew has taken the first app down: its root is not reused yet.
    let second = host(&[("client-name", "demo")]);
    let handle = mount(second.clone()).unwrap();
    assert_eq!(second.query_selector_all("[data-seat-id]").unwrap().length(), 0);
    wait_for(&second, "[data-testid=config-error]").await;
    assert_eq!(second.query_selector_all("[data-seat-id]").unwrap().length(), 0);
    teardown(handle, second);
}

#[wasm_bindgen_test]
async fn level_of_detail_areas_draws_each_area_as_one_named_shape_and_no_seats() {
    stub(&venue_routes(STATUS));
    let mut attributes = GOOD.to_vec();
    attributes.push(("level-of-detail", "areas"));
    let el = host(&attributes);
    let handle = mount(el.clone()).unwrap();
    let shape = wait_for(&el, "[data-area-outline]:not([data-state=\"unknown\"])").await;
    let label = shape.get_attribute("aria-label").unwrap_or_default();
    assert!(
        label.starts_with("Stalls: ") && label.contains("places left") && label.ends_with("Shows its seats."),
        "{label}"
    );
    assert_eq!(el.query_selector_all("[data-seat-id]").unwrap().length(), 0, "no seats at the overview");
    let svg = wait_for(&el, "[data-testid=seatmap-svg]").await;
    assert_eq!(svg.get_attribute("data-detail").as_deref(), Some("areas"));
    assert!(shape.closest("[role=list]").unwrap().is_some(), "the areas are a list for assistive technology");
    teardown(handle, el);
}

#[wasm_bindgen_test]
async fn seats_are_grouped_by_area_and_by_row_for_assistive_technology() {
    stub(&venue_routes(STATUS));
    let el = host(&GOOD);
    let handle = mount(el.clone()).unwrap();
    wait_until(|| state_of(&el, "1").as_deref() == Some("available"), "seat 1 available").await;
    let seat = el.query_selector("[data-seat-id=\"1\"]").unwrap().unwrap();
    let row = seat.parent_element().unwrap();
    assert_eq!(row.get_attribute("role").as_deref(), Some("group"));
    assert!(
        row.get_attribute("aria-label").unwrap_or_default().starts_with("Row A"),
        "{:?}",
        row.get_attribute("aria-label")
    );
    let area = row.closest(".seatmap-area-seats").unwrap().expect("the row sits in its area's group");
    assert_eq!(area.get_attribute("role").as_deref(), Some("group"));
    assert!(
        area.get_attribute("aria-label").unwrap_or_default().contains("Stalls"),
        "{:?}",
        area.get_attribute("aria-label")
    );
    teardown(handle, el);
}
