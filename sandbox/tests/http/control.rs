//! The control API: sell/release/holds, faults, counters, plan upload and
//! plan files, reset, audience.

use std::time::{Duration, Instant};

use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn sell_hold_release_and_holds() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let d = s.detail(&c, &inst).await;
    let free: Vec<String> = seats_with(&d, "A").iter().take(4).map(|x| x["id"].as_str().unwrap().to_string()).collect();
    let (st, _) = s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [free[0], free[1]]})).await;
    assert_eq!(st, 200);
    let (st, _) = s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [free[2]], "hold": true})).await;
    assert_eq!(st, 200);
    let (st, _) = s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [free[1], free[3]]})).await;
    assert_eq!(st, 409, "already sold: nothing applied");
    let l = s.letters(&c, &inst).await;
    assert_eq!((l[&free[0]].as_str(), l[&free[2]].as_str(), l[&free[3]].as_str()), ("U", "U", "A"));
    let ty = s.adult(&c, &inst).await;
    assert_eq!(s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, &free[3], &ty)])).await.0, 200);
    let holds = s.ctl_get(&format!("instances/{inst}/holds")).await;
    let state = |id: &str| holds.as_array().unwrap().iter().find(|h| h["seat"] == id).map(|h| h["state"].clone());
    assert_eq!(state(&free[0]), Some(json!("sold")));
    assert_eq!(state(&free[2]), Some(json!("held")));
    assert_eq!(state(&free[3]), Some(json!("basket")));
    let mine = holds.as_array().unwrap().iter().find(|h| h["seat"] == free[3].as_str()).unwrap();
    assert!(mine["session"].is_string());
    // Release: real baskets only with force.
    let (st, _) =
        s.ctl_post(&format!("instances/{inst}/release"), &json!({"seats": [free[0], free[2], free[3]]})).await;
    assert_eq!(st, 200);
    let l = s.letters(&browser(), &inst).await;
    assert_eq!((l[&free[0]].as_str(), l[&free[2]].as_str(), l[&free[3]].as_str()), ("A", "A", "U"));
    let (st, _) = s.ctl_post(&format!("instances/{inst}/release"), &json!({"seats": [free[3]], "force": true})).await;
    assert_eq!(st, 200);
    assert_eq!(s.letters(&browser(), &inst).await[&free[3]], "A");
    assert_eq!(s.get_json(&c, "basket").await.1["ticketCount"], 0);
    // Unreserved by area.
    let th = s.instance("theatre", Some(true)).await;
    let d = s.detail(&c, &th).await;
    let standing = d["areas"].as_array().unwrap().iter().find(|a| a["name"] == "Standing").unwrap().clone();
    let left = standing["available"].as_u64().unwrap();
    let area = standing["id"].as_str().unwrap();
    assert_eq!(s.ctl_post(&format!("instances/{th}/sell"), &json!({"area": area, "quantity": 3})).await.0, 200);
    let d = s.detail(&c, &th).await;
    let now = d["areas"].as_array().unwrap().iter().find(|a| a["id"] == area).unwrap()["available"].as_u64().unwrap();
    assert_eq!(now, left - 3);
    assert_eq!(s.ctl_post(&format!("instances/{th}/sell"), &json!({"area": area, "quantity": 1000})).await.0, 409);
    assert_eq!(s.ctl_post(&format!("instances/{th}/release"), &json!({"area": area, "quantity": 3})).await.0, 200);
    assert_eq!(s.ctl_post("instances/NOPE/sell", &json!({"seats": ["1"]})).await.0, 404);
}

#[tokio::test]
async fn faults_latency_status_retry_after_drop_and_times() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let detail = format!("instances/{inst}/status/detail");
    let (st, v) = s.ctl_post("faults", &json!({"route": "status/detail", "status": 500, "times": 2})).await;
    assert_eq!(st, 200);
    assert!(v["id"].is_string());
    for _ in 0..2 {
        let (st, v) = s.get_json(&c, &detail).await;
        assert_eq!(st, 500);
        assert!(v["errorCode"].is_number());
    }
    assert_eq!(s.get_json(&c, &detail).await.0, 200, "times ran out");
    s.ctl_post("faults", &json!({"route": "instances/{id}/status/detail", "method": "GET", "status": 429, "retryAfterSecs": 3, "body": "slow down"})).await;
    let r = c.get(s.url(&detail)).header("origin", "http://localhost:8080").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "3");
    assert_eq!(r.headers()["access-control-allow-origin"], "http://localhost:8080");
    assert_eq!(r.text().await.unwrap(), "slow down");
    let r = browser().delete(s.ctl("faults")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(s.get_json(&c, &detail).await.0, 200);
    // Latency.
    s.ctl_post("faults", &json!({"route": "events", "latencyMs": 300, "times": 1})).await;
    let t = Instant::now();
    assert_eq!(s.get_json(&c, "events").await.0, 200);
    assert!(t.elapsed() >= Duration::from_millis(280));
    // Drop.
    s.ctl_post("faults", &json!({"route": "basket", "drop": true, "times": 1})).await;
    let r = c.get(s.url("basket")).send().await;
    assert!(r.is_err(), "connection dropped");
    assert_eq!(s.get_json(&c, "basket").await.0, 404);
    // Bad fault definitions.
    assert_eq!(s.ctl_post("faults", &json!({"status": 500})).await.0, 400);
    let r = browser().post(s.ctl("faults")).header("content-type", "application/json").body("{").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
}

#[tokio::test]
async fn request_counters() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    browser().post(s.ctl("requests/reset")).send().await.unwrap();
    s.ctl_post("faults", &json!({"route": "status/detail", "status": 503, "times": 1})).await;
    for _ in 0..3 {
        c.get(s.url(&format!("instances/{inst}/status/detail"))).send().await.unwrap();
    }
    c.get(s.url("events")).send().await.unwrap();
    let v = s.ctl_get("requests").await;
    assert_eq!(v["total"], 4);
    assert_eq!(v["routes"]["GET instances/{id}/status/detail"], 3);
    assert_eq!(v["routes"]["GET events"], 1);
    let sessions = v["sessions"].as_object().unwrap();
    assert_eq!(sessions.len(), 1);
    let one = sessions.values().next().unwrap();
    assert_eq!(one["GET instances/{id}/status/detail"], 3);
    browser().post(s.ctl("requests/reset")).send().await.unwrap();
    assert_eq!(s.ctl_get("requests").await["total"], 0);
}

fn nested_plan() -> Value {
    json!({
        "id": 777, "name": "<img src=x onerror=alert(1)> Hall", "type": "Reserved", "x": 0, "y": 0,
        "backgroundImageUrl": null, "capacity": null, "maxZoomWeb": null, "somethingNew": {"a": [1, 2]},
        "seats": [],
        "areas": [{
            "id": 9001, "name": "Outer", "type": null, "x": 100, "y": 50, "seats": null,
            "areas": [{
                "id": "9002", "name": "Inner", "type": "Reserved", "x": 10.4, "y": 20, "areas": null,
                "seats": [
                    {"id": 1, "name": "A1", "row": "A", "number": 1, "x": 0, "y": 0, "nextSeatId": 2, "previousSeatId": null, "unknown": true},
                    {"id": "2", "name": "A2", "row": "A", "number": "2", "x": 25, "y": 0, "previousSeatId": 1, "nextSeatId": 3, "nextIsAcrossAisle": true},
                    {"id": 3, "row": "A", "number": 3, "x": 70, "y": 0, "previousSeatId": "2", "previousIsAcrossAisle": true},
                    {"name": "B1", "row": "B", "number": 1, "x": 0, "y": 30},
                    {"row": "B", "number": 2, "x": 25, "y": 30}
                ]
            }, {
                "id": 9003, "name": "Pit", "type": "Unreserved", "x": 0, "y": 200, "capacity": 40, "seats": null
            }]
        }]
    })
}

#[tokio::test]
async fn plan_upload_nested_numeric_ids_and_unknown_fields() {
    let s = start().await;
    let c = browser();
    let (st, v) = s.ctl_post("plans", &nested_plan()).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["seats"], 5);
    let inst = v["instanceId"].as_str().unwrap().to_string();
    let plan = s.plan(&c, &inst).await;
    assert_eq!(plan["id"], v["planId"]);
    assert_eq!(plan["name"], "<img src=x onerror=alert(1)> Hall", "stored verbatim");
    let inner = &plan["areas"][0]["areas"][0];
    assert_eq!(inner["x"], 10);
    let seats = inner["seats"].as_array().unwrap();
    assert_eq!(seats.len(), 5);
    let ids: Vec<&str> = seats.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert!(ids.iter().all(|i| i.parse::<u64>().is_ok()));
    let uniq: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(uniq.len(), 5);
    assert_eq!(seats[1]["nextIsAcrossAisle"], true);
    assert_eq!(seats[0]["nextSeatId"].as_u64().unwrap().to_string(), seats[1]["id"].as_str().unwrap());
    assert_eq!(
        seats[3]["nextSeatId"].as_u64().unwrap().to_string(),
        seats[4]["id"].as_str().unwrap(),
        "rows without ids linked"
    );
    assert_eq!(seats[4]["name"], "B2");
    let pit = &plan["areas"][0]["areas"][1];
    assert_eq!(pit["type"], "Unreserved");
    assert!(pit["seats"].is_null());
    let d = s.detail(&c, &inst).await;
    assert_eq!(letters_of(&d).len(), 5);
    let cat = s.catalog().await;
    assert!(cat.iter().any(|r| r["instanceId"] == inst.as_str() && r["venue"] == "file"));
    let ty = s.adult(&c, &inst).await;
    assert_eq!(s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, ids[0], &ty)])).await.0, 200);
    // Bad plans are refused, not half-applied.
    assert_eq!(s.ctl_post("plans", &json!([1, 2])).await.0, 400);
    assert_eq!(s.ctl_post("plans", &json!({"areas": [5]})).await.0, 400);
    assert_eq!(s.catalog().await.len(), cat.len());
    // Reset forgets uploads and restores the seeded state.
    assert_eq!(s.ctl_post("reset", &json!({})).await.0, 200);
    let after = s.catalog().await;
    assert_eq!(after.len(), 6);
    assert_eq!(s.get_json(&c, &format!("instances/{inst}")).await.0, 404);
}

#[tokio::test]
async fn an_uploaded_plan_keeps_seat_ids_the_built_in_venues_use() {
    let s = start().await;
    let c = browser();
    let studio = s.instance("studio", None).await;
    let free: Vec<String> =
        seats_with(&s.detail(&c, &studio).await, "A").iter().map(|x| x["id"].as_str().unwrap().to_string()).collect();
    let (a, b, z) = (&free[0], &free[1], &free[2]);
    let plan = json!({"id": "CLASH", "name": "Clash Hall", "areas": [{"id": "ROWA", "name": "Row A", "seats": [
        {"id": a, "name": "A1", "row": "A", "number": 1, "x": 0, "y": 0},
        {"id": b.parse::<u64>().unwrap(), "name": "A2", "row": "A", "number": 2, "x": 20, "y": 0},
        {"id": z, "name": "A3", "row": "A", "number": 3, "x": 40, "y": 0}
    ]}]});
    let (st, v) = s.ctl_post("plans", &plan).await;
    assert_eq!(st, 200, "{v}");
    let inst = v["instanceId"].as_str().unwrap().to_string();
    let served = s.plan(&c, &inst).await;
    let ids: Vec<&str> =
        served["areas"][0]["seats"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [a.as_str(), b.as_str(), z.as_str()], "the file's ids, though the studio uses them too");
    // Selling by the file's id sells the upload's seat, not the studio's.
    let (st, sold) = s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [a]})).await;
    assert_eq!((st, &sold["changed"]), (200, &json!(1)), "{sold}");
    assert_eq!(s.letters(&c, &inst).await[a.as_str()], "U");
    assert_eq!(s.letters(&c, &studio).await[a.as_str()], "A", "the studio's seat with the same id is untouched");
    let holds = s.ctl_get(&format!("instances/{studio}/holds")).await;
    assert!(!holds.as_array().unwrap().iter().any(|h| h["seat"] == a.as_str()));
    // A buyer adds by the same id in each venue; each ticket is its own venue's.
    let ty = s.adult(&c, &inst).await;
    let (st, added) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, b, &ty)])).await;
    assert_eq!(st, 200, "{added}");
    assert_eq!((added[0]["seat"].as_str(), added[0]["instance"].as_str()), (Some(b.as_str()), Some(inst.as_str())));
    assert_eq!(s.letters(&browser(), &inst).await[b.as_str()], "U");
    assert_eq!(s.letters(&browser(), &studio).await[b.as_str()], "A");
    let studio_type = s.adult(&c, &studio).await;
    let (st, again) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(&studio, b, &studio_type)])).await;
    assert_eq!(st, 200, "{again}");
    assert_eq!(s.letters(&c, &studio).await[b.as_str()], "B");
    assert_eq!(s.letters(&c, &inst).await[b.as_str()], "B");
}

#[tokio::test]
async fn plan_file_flag_loads_a_venue() {
    let path = std::env::temp_dir().join(format!("sandbox-plan-{}.json", std::process::id()));
    std::fs::write(&path, nested_plan().to_string()).unwrap();
    let p = path.clone();
    let s = start_with(move |c| c.plan_files = vec![p]).await;
    let cat = s.catalog().await;
    let row = cat.iter().find(|r| r["venue"] == "file").expect("file venue");
    assert_eq!(row["seats"], 5);
    let _ = std::fs::remove_file(path);
    // Reset keeps --plan-file venues.
    s.ctl_post("reset", &json!({})).await;
    assert!(s.catalog().await.iter().any(|r| r["venue"] == "file"));
}

#[tokio::test]
async fn audience_changes_the_map() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let before = s.letters(&c, &inst).await;
    let (st, _) = s.ctl_post("audience", &json!({"enabled": true, "intervalMs": 20, "instance": inst})).await;
    assert_eq!(st, 200);
    let changed = eventually(Duration::from_secs(10), || {
        let (s, c, inst, before) = (&s, &c, &inst, &before);
        async move { s.letters(c, inst).await != *before }
    })
    .await;
    assert!(changed);
    s.ctl_post("audience", &json!({"enabled": false})).await;
}

#[tokio::test]
async fn control_errors() {
    let s = start().await;
    let r = browser().get(s.ctl("nothing")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let r = browser().delete(s.ctl("catalog")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 405);
}

#[tokio::test]
async fn audience_without_a_chosen_performance_changes_every_map() {
    let s = start().await;
    let c = browser();
    let studio = s.instance("studio", None).await;
    let theatre = s.instance("theatre", Some(true)).await;
    let before = (s.letters(&c, &studio).await, s.letters(&c, &theatre).await);
    let (st, _) = s.ctl_post("audience", &json!({"enabled": true, "intervalMs": 20})).await;
    assert_eq!(st, 200);
    let changed = eventually(Duration::from_secs(10), || {
        let (s, c, studio, theatre, before) = (&s, &c, &studio, &theatre, &before);
        async move { s.letters(c, studio).await != before.0 && s.letters(c, theatre).await != before.1 }
    })
    .await;
    assert!(changed, "both maps change");
    s.ctl_post("audience", &json!({"enabled": false})).await;
}
