//! The sandbox's side of "drift fails a test": what it serves has the shape
//! of the golden fixtures in `fixtures/spektrix/` (the widget's side decodes
//! the same files). Each test starts the sandbox in-process on port 0, drives
//! it over HTTP like a browser (one cookie jar per browser), and compares
//! every document with its fixture both ways: a key only the sandbox serves
//! fails, and so does a key only the fixture has. `fixtures/agreement.rs`
//! checks the fixtures against each other.

#[path = "fixtures/agreement.rs"]
mod agreement;
#[path = "fixtures/shape.rs"]
mod shape;

use std::path::PathBuf;
use std::time::Duration;

use seatmap_sandbox::{spawn, Config, Running};
use serde_json::{json, Value};

/// The reads and the status query exactly as the widget sends them.
const DETAIL_QUERY: &str = "status/detail?includeChildPlans=true&includeLockInformation=true";
const COUNTS_QUERY: &str = "status?includeChildPlans=true&includeLockInformation=true";
const MEMBER: (&str, &str) = ("member@example.com", "member-demo");

pub fn fixture_path(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/spektrix").join(name)
}

pub fn fixture(name: &str) -> Value {
    let path = fixture_path(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

struct Sandbox {
    running: Running,
}

impl Sandbox {
    async fn start() -> Sandbox {
        let running = spawn(Config { port: 0, ..Config::default() }).await.expect("the sandbox starts");
        Sandbox { running }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.running.base())
    }

    fn control(&self, path: &str) -> String {
        format!("http://{}/_sandbox/{path}", self.running.addr)
    }

    /// A theatre performance with a best-available overlay: nested areas,
    /// a standing area, wheelchair, companion, members' and house locks.
    async fn theatre_instance(&self) -> String {
        let catalog: Value = browser().get(self.control("catalog")).send().await.unwrap().json().await.unwrap();
        catalog
            .as_array()
            .into_iter()
            .flatten()
            .find(|row| row["venue"] == "theatre" && row["hasBestAvailableOverlay"] == true)
            .and_then(|row| row["instanceId"].as_str())
            .expect("a theatre performance in the catalog")
            .to_owned()
    }
}

fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).timeout(Duration::from_secs(30)).build().expect("client")
}

/// Sends a request and returns the status and the body as JSON (`null` when
/// the body is not JSON, which then fails the shape comparison loudly).
async fn call(request: reqwest::RequestBuilder) -> (u16, Value) {
    let response = request.send().await.expect("the sandbox answers");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Collects every mismatch of a test so one run lists them all.
#[derive(Default)]
struct Report {
    problems: Vec<String>,
}

impl Report {
    /// Compares what the sandbox served for `what` with a fixture, status first.
    fn compare(&mut self, what: &str, (status, served): &(u16, Value), expected_status: u16, fixture_name: &str) {
        if *status != expected_status {
            self.problems.push(format!("{what}: status {status}, expected {expected_status}; body {served}"));
            return;
        }
        let differences =
            shape::differences("sandbox", &shape::of(served), fixture_name, &shape::of(&fixture(fixture_name)));
        for line in differences {
            self.problems.push(format!("{what} vs {fixture_name}: {line}"));
        }
    }

    fn assert_clean(self) {
        assert!(self.problems.is_empty(), "the sandbox and the fixtures differ:\n  {}", self.problems.join("\n  "));
    }
}

#[tokio::test]
async fn reads_match_the_instance_plan_and_price_list_fixtures() {
    let sandbox = Sandbox::start().await;
    let instance_id = sandbox.theatre_instance().await;
    let c = browser();
    let mut report = Report::default();

    let instance = call(c.get(sandbox.url(&format!("instances/{instance_id}")))).await;
    report.compare("GET instances/{id}", &instance, 200, "instance.json");
    let plan_id = instance.1["planId"].as_str().expect("the instance names its plan");
    let plan = call(c.get(sandbox.url(&format!("plans/{plan_id}")))).await;
    report.compare("GET plans/{id}", &plan, 200, "plan.json");
    let prices = call(c.get(sandbox.url(&format!("instances/{instance_id}/price-list")))).await;
    report.compare("GET instances/{id}/price-list", &prices, 200, "price-list.json");
    report.assert_clean();
}

/// A member with two reserved seats and one standing place in the basket
/// sees every status letter: the session the session fixtures show.
#[tokio::test]
async fn a_member_session_matches_the_basket_customer_and_status_fixtures() {
    let sandbox = Sandbox::start().await;
    let instance_id = sandbox.theatre_instance().await;
    let c = browser();
    let mut report = Report::default();

    let (_, detail) = call(c.get(sandbox.url(&format!("instances/{instance_id}/{DETAIL_QUERY}")))).await;
    let free: Vec<&str> = seats(&detail)
        .filter(|seat| seat["status"] == "A" && seat.get("lockType").is_none())
        .filter_map(|seat| seat["id"].as_str())
        .take(2)
        .collect();
    assert_eq!(free.len(), 2, "two free unlocked seats in {instance_id}");
    let standing = detail["areas"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|area| area.get("capacity").is_some())
        .and_then(|area| area["id"].as_str())
        .expect("an unreserved area in the status detail");
    let (_, prices) = call(c.get(sandbox.url(&format!("instances/{instance_id}/price-list")))).await;
    let adult = prices["prices"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|price| price["ticketType"]["name"] == "Adult")
        .and_then(|price| price["ticketType"]["id"].as_str())
        .expect("an Adult ticket type");
    let tickets = json!([
        {"instance": instance_id, "seat": free[0], "type": adult},
        {"instance": instance_id, "seat": free[1], "type": adult},
        {"instance": instance_id, "seatingPlan": standing, "type": adult},
    ]);

    let added = call(c.post(sandbox.url("basket/tickets")).json(&tickets)).await;
    report.compare("POST basket/tickets", &added, 200, "basket-tickets-added.json");
    let basket = call(c.get(sandbox.url("basket"))).await;
    report.compare("GET basket", &basket, 200, "basket.json");
    let login = json!({"email": MEMBER.0, "password": MEMBER.1});
    let authenticated = call(c.post(sandbox.url("customer/authenticate")).json(&login)).await;
    report.compare("POST customer/authenticate", &authenticated, 200, "customer.json");
    let customer = call(c.get(sandbox.url("customer"))).await;
    report.compare("GET customer", &customer, 200, "customer.json");
    let detail = call(c.get(sandbox.url(&format!("instances/{instance_id}/{DETAIL_QUERY}")))).await;
    report.compare("GET instances/{id}/status/detail", &detail, 200, "status-detail.json");
    let counts = call(c.get(sandbox.url(&format!("instances/{instance_id}/{COUNTS_QUERY}")))).await;
    report.compare("GET instances/{id}/status", &counts, 200, "status.json");

    // The letters are values, not shape, but a letter the fixture never
    // shows is one the widget's fixture-driven tests never meet.
    let fixture_letters: Vec<Value> =
        seats(&fixture("status-detail.json")).map(|seat| seat["status"].clone()).collect();
    for seat in seats(&detail.1) {
        if !fixture_letters.contains(&seat["status"]) {
            report
                .problems
                .push(format!("status/detail serves letter {} that status-detail.json lacks", seat["status"]));
        }
    }
    report.assert_clean();
}

#[tokio::test]
async fn error_bodies_match_the_error_fixtures() {
    let sandbox = Sandbox::start().await;
    let instance_id = sandbox.theatre_instance().await;
    let mut report = Report::default();

    let first = browser();
    let no_basket = call(first.get(sandbox.url("basket"))).await;
    report.compare("GET basket before any ticket", &no_basket, 404, "errors/not-found.json");
    let no_instance = call(first.get(sandbox.url("instances/00000NOSUCHINSTANCE"))).await;
    report.compare("GET instances/{unknown}", &no_instance, 404, "errors/not-found.json");
    let anonymous = call(first.get(sandbox.url("customer"))).await;
    report.compare("GET customer, nobody logged in", &anonymous, 401, "errors/not-logged-in.json");
    let wrong = json!({"email": MEMBER.0, "password": "not-the-password"});
    let refused = call(first.post(sandbox.url("customer/authenticate")).json(&wrong)).await;
    report.compare("POST customer/authenticate, wrong password", &refused, 401, "errors/wrong-credentials.json");
    let empty = call(first.post(sandbox.url("basket/tickets")).json(&json!([]))).await;
    report.compare("POST basket/tickets with no tickets", &empty, 400, "errors/validation.json");

    // Two browsers want the same seat: the second is too late.
    let (_, detail) = call(first.get(sandbox.url(&format!("instances/{instance_id}/{DETAIL_QUERY}")))).await;
    let seat = seats(&detail)
        .find(|seat| seat["status"] == "A" && seat.get("lockType").is_none())
        .and_then(|seat| seat["id"].as_str())
        .expect("a free seat")
        .to_owned();
    let (_, prices) = call(first.get(sandbox.url(&format!("instances/{instance_id}/price-list")))).await;
    let ticket_type = prices["prices"][0]["ticketType"]["id"].clone();
    let ticket = json!([{"instance": instance_id, "seat": seat, "type": ticket_type}]);
    let (status, body) = call(first.post(sandbox.url("basket/tickets")).json(&ticket)).await;
    assert_eq!(status, 200, "the first browser gets the seat: {body}");
    let too_late = call(browser().post(sandbox.url("basket/tickets")).json(&ticket)).await;
    report.compare("POST basket/tickets, seat taken meanwhile", &too_late, 409, "errors/seat-unavailable.json");

    // The sandbox's own body for an injected 429 (no body is given here).
    let fault = json!({"route": "instances/{id}/status/detail", "status": 429, "retryAfterSecs": 2, "times": 1});
    let (status, body) = call(browser().post(sandbox.control("faults")).json(&fault)).await;
    assert_eq!(status, 200, "the fault is accepted: {body}");
    let limited = call(first.get(sandbox.url(&format!("instances/{instance_id}/{DETAIL_QUERY}")))).await;
    report.compare("GET status/detail, rate limited", &limited, 429, "errors/rate-limited.json");
    report.assert_clean();
}

/// Every seat of a status/detail body, area by area (areas may nest).
fn seats(detail: &Value) -> impl Iterator<Item = &Value> {
    fn areas<'a>(list: &'a Value, out: &mut Vec<&'a Value>) {
        for area in list.as_array().into_iter().flatten() {
            out.push(area);
            areas(&area["areas"], out);
            areas(&area["childPlans"], out);
        }
    }
    let mut all = vec![];
    areas(&detail["areas"], &mut all);
    all.into_iter()
        .flat_map(|area| area["bands"].as_array().into_iter().flatten())
        .flat_map(|band| band["seats"].as_array().into_iter().flatten())
}
