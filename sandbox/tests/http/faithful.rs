//! The sandbox as faithful under faults and load as in the happy path:
//! expiry during an add, members' seats refused with their reason, best
//! available under concurrent load, a control API closed to other sites,
//! and every form of `ticketIds`.

use std::collections::HashMap;
use std::time::Duration;

use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn expiring_a_session_during_its_add_leaves_no_seat_held() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let d = s.detail(&c, &inst).await;
    let seat = seats_with(&d, "A")[0]["id"].as_str().unwrap().to_string();
    let ty = s.adult(&c, &inst).await;
    browser().post(s.ctl("requests/reset")).send().await.unwrap();
    s.ctl_post("faults", &json!({"route": "basket/tickets", "method": "POST", "latencyMs": 1500, "times": 1})).await;
    let add = {
        let (url, c) = (s.url("basket/tickets"), c.clone());
        let body = json!([seat_ticket(&inst, &seat, &ty)]);
        tokio::spawn(async move {
            let r = c.post(url).json(&body).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap_or(Value::Null))
        })
    };
    // The add has reached the server (it is counted before the latency).
    let in_flight = eventually(Duration::from_secs(10), || async {
        s.ctl_get("requests").await["routes"]["POST basket/tickets"] == 1
    })
    .await;
    assert!(in_flight);
    let sessions = s.ctl_get("sessions").await;
    let id = sessions[0]["id"].as_str().unwrap().to_string();
    assert_eq!(s.ctl_post(&format!("sessions/{id}/expire"), &json!({})).await.0, 200);
    let (status, body) = add.await.unwrap();
    assert_ne!(status, 200, "an add for an expired session must fail: {body}");
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["errorCode"], 41, "{body}");
    let holds = s.ctl_get(&format!("instances/{inst}/holds")).await;
    assert!(holds.as_array().unwrap().iter().all(|h| h["seat"] != seat.as_str()), "seat still held: {holds}");
    assert_eq!(s.letters(&browser(), &inst).await[&seat], "A");
    s.ctl_post("sessions/expire-all", &json!({})).await;
    assert_eq!(s.letters(&browser(), &inst).await[&seat], "A");
}

#[tokio::test]
async fn a_members_seat_refused_to_a_guest_says_it_is_held_for_members() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let d = s.detail(&c, &inst).await;
    let members_lock = d["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["lockTypes"].as_array().unwrap().iter())
        .find(|t| t["name"] == "Members")
        .unwrap()["id"]
        .clone();
    let seat = seats_with(&d, "U").into_iter().find(|x| x["lockType"] == members_lock).unwrap();
    let ty = s.adult(&c, &inst).await;
    let (st, v) =
        s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, seat["id"].as_str().unwrap(), &ty)])).await;
    assert_eq!(st, 409, "{v}");
    let message = v["message"].as_str().unwrap();
    assert!(message.to_lowercase().contains("held for members"), "{message}");
    assert!(message.contains("(Members)"), "names the lock: {message}");
    assert!(!message.contains("no longer available"), "{message}");
    // A sold seat is still "no longer available".
    let sold = seats_with(&d, "U").into_iter().find(|x| x["lockType"].is_null()).unwrap();
    let (_, v) =
        s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, sold["id"].as_str().unwrap(), &ty)])).await;
    assert!(v["message"].as_str().unwrap().contains("is no longer available"), "{v}");
}

/// Seat id → (next seat id, across an aisle), from the plan JSON.
fn neighbours(plan: &Value) -> HashMap<String, Option<String>> {
    let mut out = HashMap::new();
    let mut stack = vec![plan.clone()];
    while let Some(area) = stack.pop() {
        for seat in area["seats"].as_array().cloned().unwrap_or_default() {
            let next = seat["nextSeatId"].as_u64().filter(|_| seat["nextIsAcrossAisle"] != true);
            out.insert(seat["id"].as_str().unwrap().to_string(), next.map(|n| n.to_string()));
        }
        stack.extend(area["areas"].as_array().cloned().unwrap_or_default());
    }
    out
}

/// Pairs of adjacent seats (same row, no aisle between) an anonymous
/// session could be given by best available.
fn fitting_pairs(letters: &HashMap<String, String>, next: &HashMap<String, Option<String>>) -> usize {
    let open = |id: &str| letters.get(id).is_some_and(|l| l == "A" || l == "I");
    next.iter().filter(|(id, next)| open(id) && next.as_deref().is_some_and(open)).count()
}

// Several worker threads, so requests really run at the same time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn best_available_fails_only_when_no_seats_together_remain() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let ty = s.adult(&c, &inst).await;
    let next = neighbours(&s.plan(&c, &inst).await);
    let free_at_start = seats_with(&s.detail(&c, &inst).await, "A").len();
    assert!(free_at_start > 500, "{free_at_start} free");
    let mut won = 0;
    let mut refused_with_pairs_left = vec![];
    for wave in 0..20 {
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let url = s.url("basket/tickets/best-available");
                let body = json!({"instance": inst, "quantity": 2, "type": ty});
                tokio::spawn(async move {
                    let r = browser().post(url).json(&body).send().await.unwrap();
                    (r.status().as_u16(), r.json::<Value>().await.unwrap())
                })
            })
            .collect();
        let mut refused = 0;
        for task in tasks {
            match task.await.unwrap() {
                (200, v) => {
                    assert_eq!(v.as_array().unwrap().len(), 2);
                    won += 1;
                }
                (409, _) => refused += 1,
                (other, v) => panic!("unexpected {other}: {v}"),
            }
        }
        // Seats only go, so a pair free now was free when any 409 was sent.
        let left = fitting_pairs(&s.letters(&c, &inst).await, &next);
        if refused > 0 {
            if left > 0 {
                refused_with_pairs_left.push((wave, refused, left));
            }
            break;
        }
    }
    assert!(
        refused_with_pairs_left.is_empty(),
        "409s while pairs remained (wave, 409s, pairs): {refused_with_pairs_left:?}"
    );
    assert!(won * 2 > free_at_start / 2, "only {won} pairs won of {free_at_start} free seats");
}

#[tokio::test]
async fn the_control_api_refuses_other_sites_and_other_host_names() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let seat = seats_with(&s.detail(&c, &inst).await, "A")[0]["id"].as_str().unwrap().to_string();
    assert_eq!(s.ctl_post(&format!("instances/{inst}/sell"), &json!({"seats": [seat]})).await.0, 200);
    let port = s.running.addr.port();
    let reset = |origin: Option<&str>, host: Option<String>| {
        let mut r = browser().post(s.ctl("reset")).header("content-type", "application/json").body("{}");
        if let Some(origin) = origin {
            r = r.header("origin", origin.to_string());
        }
        if let Some(host) = host {
            r = r.header("host", host);
        }
        r.send()
    };
    for (origin, host) in [
        (Some("http://evil.example"), None),
        (Some("null"), None),
        (Some("http://localhost.evil.example:8080"), None),
        (None, Some(format!("evil.example:{port}"))),
        (None, Some("rebound.example".to_string())),
    ] {
        let r = reset(origin, host.clone()).await.unwrap();
        assert_eq!(r.status().as_u16(), 403, "{origin:?} {host:?}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["errorCode"], 9);
        assert!(v["message"].is_string());
    }
    assert_eq!(s.letters(&c, &inst).await[&seat], "U", "no refused reset ran");
    let get = |host: String, origin: &'static str| {
        browser().get(s.ctl("catalog")).header("host", host).header("origin", origin).send()
    };
    for host in [format!("localhost:{port}"), format!("127.0.0.1:{port}"), "[::1]".to_string()] {
        assert_eq!(get(host.clone(), "http://localhost:8080").await.unwrap().status().as_u16(), 200, "{host}");
    }
    let own = format!("http://127.0.0.1:{port}");
    let r = reset(Some(own.as_str()), None).await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(s.letters(&c, &inst).await[&seat], "A", "reset ran");
}

#[tokio::test]
async fn remove_accepts_every_form_of_ticket_ids() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let ty = s.adult(&c, &inst).await;
    let free = seats_with(&s.detail(&c, &inst).await, "A");
    let body: Vec<Value> = free.iter().take(7).map(|x| seat_ticket(&inst, x["id"].as_str().unwrap(), &ty)).collect();
    let (st, added) = s.post_json(&c, "basket/tickets", &Value::Array(body)).await;
    assert_eq!(st, 200, "{added}");
    let ids: Vec<String> = added.as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_string()).collect();
    let queries = [
        format!("ticketIds={},{}", ids[0], ids[1]),
        format!("ticketIds={}&ticketIds={}", ids[2], ids[3]),
        format!("ticketIds[]={}&ticketIds[]={}", ids[4], ids[5]),
        format!("ticketIds%5B%5D={}", ids[6]),
    ];
    for (query, left) in queries.iter().zip([5, 3, 1, 0]) {
        let r = c.delete(s.url(&format!("basket/tickets?{query}"))).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200, "{query}");
        let basket: Value = r.json().await.unwrap();
        assert_eq!(basket["ticketCount"], left, "{query}");
    }
    assert!(seats_with(&s.detail(&browser(), &inst).await, "A").len() >= free.len());
}
