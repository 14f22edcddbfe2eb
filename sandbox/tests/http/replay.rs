//! Replaying captures over HTTP: the committed fixture recorded from the
//! sandbox itself (`fixtures/captures/sandbox-theatre.json`), a fresh
//! recording, the control endpoint, answers served as captured, refusals,
//! and the `--replay` flag of the real binary.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::recorder;
use crate::support::*;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../fixtures/captures/sandbox-theatre.json");

fn fixture() -> Value {
    serde_json::from_str(&std::fs::read_to_string(FIXTURE).expect("fixture readable")).expect("fixture is JSON")
}

fn exchange<'c>(capture: &'c Value, name: &str) -> &'c Value {
    capture["exchanges"].as_array().unwrap().iter().find(|e| e["name"] == name).expect(name)
}

/// An exchange's body as JSON.
fn body(capture: &Value, name: &str) -> Value {
    serde_json::from_str(exchange(capture, name)["body"].as_str().unwrap()).unwrap()
}

/// Every seat id of a plan body, in plan order.
fn plan_seat_ids(area: &Value, out: &mut Vec<String>) {
    for seat in area["seats"].as_array().into_iter().flatten() {
        out.push(seat["id"].as_str().unwrap().to_string());
    }
    for child in area["areas"].as_array().into_iter().flatten() {
        plan_seat_ids(child, out);
    }
}

async fn raw(c: &reqwest::Client, url: &str) -> (u16, Option<String>, String) {
    let r = c.get(url).send().await.unwrap();
    let status = r.status().as_u16();
    let content_type = r.headers().get("content-type").map(|v| v.to_str().unwrap().to_string());
    (status, content_type, r.text().await.unwrap())
}

async fn member(s: &Server) -> reqwest::Client {
    let c = browser();
    let (st, _) = s
        .post_json(&c, "customer/authenticate", &json!({"email": "member@example.com", "password": "member-demo"}))
        .await;
    assert_eq!(st, 200);
    c
}

const DETAIL: &str = "status/detail?includeChildPlans=true&includeLockInformation=true";

#[tokio::test]
async fn the_sandbox_fixture_replays_with_its_ids_and_sells() {
    let capture = fixture();
    let s = start_with(|c| c.replay_files = vec![FIXTURE.into()]).await;
    let c = browser();
    let inst = capture["instanceId"].as_str().unwrap();
    let instance = body(&capture, "instance");
    assert_eq!(instance["id"], inst);
    // The instance, plan and price list as captured.
    assert_eq!(s.get_json(&c, &format!("instances/{inst}")).await, (200, instance.clone()));
    let plan_id = instance["planId"].as_str().unwrap();
    let (st, _, plan_text) = raw(&c, &s.url(&format!("plans/{plan_id}"))).await;
    assert_eq!((st, plan_text.as_str()), (200, exchange(&capture, "plan")["body"].as_str().unwrap()));
    let (_, _, prices) = raw(&c, &s.url(&format!("instances/{inst}/price-list"))).await;
    assert_eq!(prices, exchange(&capture, "price-list")["body"].as_str().unwrap());
    // Same seats, same ids, same letters for the same viewers.
    let mut ids = vec![];
    plan_seat_ids(&body(&capture, "plan"), &mut ids);
    let captured_anonymous = body(&capture, "status-detail");
    let replayed = s.detail(&c, inst).await;
    assert_eq!(replayed, captured_anonymous, "the anonymous detail is the captured one");
    let letters = letters_of(&replayed);
    assert_eq!(letters.len(), 1115);
    assert_eq!(letters.keys().cloned().collect::<BTreeSet<_>>(), ids.iter().cloned().collect::<BTreeSet<_>>());
    let m = member(&s).await;
    assert_eq!(s.detail(&m, inst).await, body(&capture, "status-detail-session"), "the member sees the X seats");
    // A seat sold in the capture is unavailable, and sold.
    let sold = seats_with(&captured_anonymous, "U").into_iter().find(|x| x.get("lockType").is_none()).unwrap();
    let sold = sold["id"].as_str().unwrap();
    assert_eq!(letters[sold], "U");
    let holds = s.ctl_get(&format!("instances/{inst}/holds")).await;
    assert!(holds.as_array().unwrap().iter().any(|h| h["seat"] == sold && h["state"] == "sold"));
    let adult = s.adult(&c, inst).await;
    let (st, refused) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(inst, sold, &adult)])).await;
    assert_eq!(st, 409, "{refused}");
    // Adding, selling and best available work as in any venue.
    let free: Vec<String> = seats_with(&replayed, "A").iter().map(|x| x["id"].as_str().unwrap().to_string()).collect();
    let (st, added) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(inst, &free[0], &adult)])).await;
    assert_eq!(st, 200, "{added}");
    assert_eq!(added[0]["instance"], inst);
    assert_eq!(s.letters(&c, inst).await[&free[0]], "B");
    assert_eq!(s.letters(&browser(), inst).await[&free[0]], "U");
    let (st, _) = s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [free[1]]})).await;
    assert_eq!(st, 200);
    assert_eq!(s.letters(&browser(), inst).await[&free[1]], "U");
    let best = json!({"instance": inst, "quantity": 2, "type": adult});
    let (st, chosen) = s.post_json(&browser(), "basket/tickets/best-available", &best).await;
    assert_eq!(st, 200, "{chosen}");
    // It took over the seeded performance's id: one row, one event entry.
    let rows: Vec<Value> = s.catalog().await.into_iter().filter(|r| r["instanceId"] == inst).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!((&rows[0]["replayed"], &rows[0]["venue"]), (&json!(true), &json!("replay")));
    let event = instance["event"]["id"].as_str().unwrap();
    let (_, listed) = s.get_json(&c, &format!("events/{event}/instances")).await;
    assert_eq!(listed.as_array().unwrap().iter().filter(|i| i["id"] == inst).count(), 1);
    // Reset replays it again from the start.
    assert_eq!(s.ctl_post("reset", &json!({})).await.0, 200);
    assert_eq!(s.detail(&browser(), inst).await, captured_anonymous);
}

#[tokio::test]
async fn a_capture_replays_on_its_own_through_the_control_api() {
    let capture = fixture();
    let s = start_with(|c| c.seed = 7).await;
    let c = browser();
    let inst = capture["instanceId"].as_str().unwrap();
    assert_eq!(s.get_json(&c, &format!("instances/{inst}")).await.0, 404, "seed 7 has no such performance");
    let (st, answer) = s.ctl_post("replay", &capture).await;
    assert_eq!(st, 200, "{answer}");
    let instance = body(&capture, "instance");
    assert_eq!(answer["instanceId"], inst);
    assert_eq!(answer["planId"], instance["planId"]);
    assert_eq!(answer["eventId"], instance["event"]["id"]);
    assert_eq!(answer["priceListId"], instance["priceList"]["id"]);
    assert_eq!(answer["seats"], 1115);
    assert_eq!(answer["replaced"], json!([]));
    assert_eq!(answer["statusDetail"], "live");
    let bands: Vec<Value> =
        body(&capture, "price-list")["prices"].as_array().unwrap().iter().map(|p| p["priceBand"]["id"].clone()).fold(
            vec![],
            |mut seen, id| {
                if !seen.contains(&id) {
                    seen.push(id);
                }
                seen
            },
        );
    assert_eq!(answer["priceBands"], json!(bands));
    assert_eq!(s.detail(&c, inst).await, body(&capture, "status-detail"));
    let (st, event) = s.get_json(&c, &format!("events/{}", answer["eventId"].as_str().unwrap())).await;
    assert_eq!(st, 200, "{event}");
    // The captured ticket types are sold, under their own ids.
    let adult = s.adult(&c, inst).await;
    let free = seats_with(&s.detail(&c, inst).await, "A")[0]["id"].as_str().unwrap().to_string();
    let (st, added) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(inst, &free, &adult)])).await;
    assert_eq!((st, added[0]["type"]["id"].as_str()), (200, Some(adult.as_str())), "{added}");
    // Replays sent to the control API are forgotten on reset.
    assert_eq!(s.ctl_post("reset", &json!({})).await.0, 200);
    assert_eq!(s.get_json(&c, &format!("instances/{inst}")).await.0, 404);
}

#[tokio::test]
async fn a_status_detail_the_sandbox_cannot_read_is_served_as_captured() {
    let mut capture = fixture();
    let xml = "<?xml version=\"1.0\"?>\n<StatusDetail instance=\"x\"><Seat id=\"1\" status=\"A\"/></StatusDetail>\n";
    for e in capture["exchanges"].as_array_mut().unwrap() {
        if e["name"] == "status-detail" {
            e["body"] = json!(xml);
            e["contentType"] = json!("text/xml");
        }
    }
    let s = start_with(|c| c.seed = 7).await;
    let c = browser();
    let (st, answer) = s.ctl_post("replay", &capture).await;
    assert_eq!((st, &answer["statusDetail"]), (200, &json!("as captured")), "{answer}");
    assert!(answer["notes"].to_string().contains("text/xml"), "{answer}");
    let inst = capture["instanceId"].as_str().unwrap();
    let url = s.url(&format!("instances/{inst}/{DETAIL}"));
    assert_eq!(raw(&c, &url).await, (200, Some("text/xml".into()), xml.into()));
    // Without a readable detail nothing is known to be taken or locked: the
    // seats start free, and live on in the counts.
    let (_, counts) = s.get_json(&c, &format!("instances/{inst}/status")).await;
    assert_eq!((&counts["unavailable"], &counts["available"]), (&json!(0), &counts["capacity"]), "{counts}");
    let seat = body(&capture, "status-detail-session")["areas"][0]["bands"][0]["seats"][0]["id"].clone();
    let (st, _) = s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [seat]})).await;
    assert_eq!(st, 200);
    let (_, after) = s.get_json(&c, &format!("instances/{inst}/status")).await;
    assert_eq!(after["unavailable"].as_u64().unwrap(), counts["unavailable"].as_u64().unwrap() + 1);
    assert_eq!(raw(&c, &url).await.2, xml, "still as captured");
    // An error answer is served as captured too, status and all.
    for e in capture["exchanges"].as_array_mut().unwrap() {
        if e["name"] == "status-detail" {
            e["status"] = json!(429);
            e["body"] = json!("{\"errorCode\":50,\"message\":\"Too many requests\"}");
            e["contentType"] = json!("application/json");
        }
    }
    let (st, answer) = s.ctl_post("replay", &capture).await;
    assert_eq!(st, 200, "{answer}");
    let (status, content_type, text) = raw(&c, &url).await;
    assert_eq!((status, content_type.as_deref()), (429, Some("application/json")));
    assert_eq!(text, "{\"errorCode\":50,\"message\":\"Too many requests\"}");
}

#[tokio::test]
async fn unusable_captures_are_refused_in_one_line() {
    let mut capture = fixture();
    for e in capture["exchanges"].as_array_mut().unwrap() {
        if e["name"] == "plan" {
            e["status"] = json!(502);
            e["contentType"] = json!("text/html");
            e["body"] = json!("<html><body>Bad gateway</body></html>");
        }
    }
    let path = std::env::temp_dir().join(format!("bad-capture-{}.json", std::process::id()));
    std::fs::write(&path, capture.to_string()).unwrap();
    let p = path.clone();
    let refused =
        seatmap_sandbox::spawn(seatmap_sandbox::Config { port: 0, replay_files: vec![p], ..Default::default() })
            .await
            .err()
            .expect("refused at startup")
            .to_string();
    assert!(!refused.contains('\n'), "{refused}");
    assert!(refused.starts_with(&path.display().to_string()), "{refused}");
    assert!(refused.contains("exchange \"plan\" (GET plans/") && refused.contains("status 502"), "{refused}");
    assert!(refused.contains("text/html") && refused.contains("<html><body>Bad gateway"), "{refused}");
    let _ = std::fs::remove_file(&path);
    // Through the control API: 400 with the same words, nothing added.
    let s = start().await;
    let before = s.catalog().await.len();
    let (st, v) = s.ctl_post("replay", &capture).await;
    assert_eq!(st, 400, "{v}");
    assert!(v["problems"][0].as_str().unwrap().contains("exchange \"plan\""), "{v}");
    let (st, v) = s.ctl_post("replay", &json!({"id": "P1", "areas": []})).await;
    assert_eq!(st, 400);
    assert!(v["problems"][0].as_str().unwrap().contains("not a seatmap capture"), "{v}");
    assert_eq!(s.catalog().await.len(), before);
}

#[tokio::test]
async fn a_fresh_recording_round_trips() {
    let source = start().await;
    let studio = source.instance("studio", None).await;
    let target = recorder::Target {
        api_base: &source.base,
        instance_id: &studio,
        login: Some(("member@example.com", "member-demo")),
        recorder: "test",
    };
    let capture = recorder::record(&target).await.unwrap();
    assert!(capture.logged_in);
    assert!(capture.redacted.contains(&"customer.email".to_string()), "{:?}", capture.redacted);
    let customer = capture.exchanges.iter().find(|e| e.name == "customer").unwrap();
    assert!(!customer.body.contains("member@example.com"), "{}", customer.body);
    let names: Vec<&str> = capture.exchanges.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(
        names,
        ["instance", "plan", "price-list", "status", "status-detail", "status-detail-session", "basket", "customer"]
    );
    let value = serde_json::to_value(&capture).unwrap();
    let replay = start_with(|c| c.seed = 7).await;
    let (st, answer) = replay.ctl_post("replay", &value).await;
    assert_eq!(st, 200, "{answer}");
    let c = browser();
    let original = source.detail(&c, &studio).await;
    assert_eq!(replay.detail(&c, &studio).await, original);
    let m = member(&replay).await;
    assert_eq!(replay.detail(&m, &studio).await, source.detail(&member(&source).await, &studio).await);
}

/// Reads the child's stdout until `line` appears or the deadline passes.
fn wait_for_line(out: impl Read + Send + 'static, want: &'static str, limit: Duration) -> bool {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if line.contains(want) {
                let _ = tx.send(());
                return;
            }
        }
    });
    let end = Instant::now() + limit;
    rx.recv_timeout(end.saturating_duration_since(Instant::now())).is_ok()
}

#[test]
fn the_binary_replays_a_capture_given_by_flag() {
    let bin = env!("CARGO_BIN_EXE_seatmap-sandbox");
    let mut child = Command::new(bin)
        .args(["--port", "0", "--replay", FIXTURE])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let ready = wait_for_line(child.stdout.take().unwrap(), "seatmap-sandbox listening on", Duration::from_secs(60));
    let _ = child.kill();
    let _ = child.wait();
    let mut said = String::new();
    child.stderr.take().unwrap().read_to_string(&mut said).unwrap();
    assert!(ready, "{said}");
    assert!(said.contains("replaying") && said.contains("31527BVYQMUOXGWHDSROCFDYWRMPSAEFK"), "{said}");
    // A capture that cannot be served: exit 1, one line naming the exchange.
    let path = std::env::temp_dir().join(format!("no-plan-{}.json", std::process::id()));
    let mut capture = fixture();
    capture["exchanges"].as_array_mut().unwrap().retain(|e| e["name"] != "plan");
    std::fs::write(&path, capture.to_string()).unwrap();
    let out = Command::new(bin).args(["--port", "0", "--replay"]).arg(&path).output().unwrap();
    let _ = std::fs::remove_file(&path);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(said.lines().count(), 1, "{said}");
    assert!(said.starts_with("error: ") && said.contains("no \"plan\" exchange"), "{said}");
}
