//! Sessions: cookie attributes, fresh sessions for unknown cookies, expiry
//! releasing held seats, control-API expiry.

use std::time::Duration;

use serde_json::json;

use crate::support::*;

#[tokio::test]
async fn cookie_is_set_once_and_unknown_cookies_get_new_sessions() {
    let s = start().await;
    let c = browser();
    let r = c.get(s.url("events")).send().await.unwrap();
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(cookie.starts_with("SpektrixSession="));
    assert!(cookie.contains("Path=/demotheatre") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"));
    let value = cookie.split(';').next().unwrap().split('=').nth(1).unwrap().to_string();
    assert_eq!(value.len(), 32);
    let r = c.get(s.url("events")).send().await.unwrap();
    assert!(r.headers().get("set-cookie").is_none(), "known session: no new cookie");
    let plain = reqwest::Client::new();
    let r = plain.get(s.url("events")).header("cookie", "SpektrixSession=bogus").send().await.unwrap();
    let fresh = r.headers()["set-cookie"].to_str().unwrap();
    assert!(!fresh.contains("bogus"));
    let list = s.ctl_get("sessions").await;
    assert!(list.as_array().unwrap().iter().any(|x| x["id"] == value.as_str()));
}

#[tokio::test]
async fn idle_sessions_expire_and_release_seats() {
    let s = start_with(|c| c.session_timeout = Duration::from_millis(600)).await;
    let c = browser();
    let (inst, seat) = s.hold_a_studio_seat(&c).await;
    let watcher = browser();
    assert_eq!(s.letters(&watcher, &inst).await[&seat], "U");
    // The watcher keeps polling (staying alive); the buyer goes idle.
    let freed = eventually(Duration::from_secs(10), || {
        let s = &s;
        let w = &watcher;
        let inst = &inst;
        let seat = &seat;
        async move { s.letters(w, inst).await[seat] == "A" }
    })
    .await;
    assert!(freed, "seat released after expiry");
    // The buyer's next request gets a new, empty session.
    let (st, _) = s.get_json(&c, "basket").await;
    assert_eq!(st, 404);
}

/// A request that finds its session idle past the timeout releases that
/// session's seats before it is answered, not at the next sweep (up to
/// 500 ms later): a customer told "your basket expired" must not still see
/// their seats held.
#[tokio::test]
async fn a_request_on_an_expired_session_releases_its_seats_at_once() {
    let timeout = Duration::from_secs(2);
    let s = start_with(|c| c.session_timeout = timeout).await;
    let c = browser();
    let (inst, seat) = s.hold_a_studio_seat(&c).await;
    tokio::time::sleep(timeout + Duration::from_millis(20)).await;
    let (st, _) = s.get_json(&c, "basket").await;
    assert_eq!(st, 404, "a new, empty session");
    let watcher = browser();
    assert_eq!(s.letters(&watcher, &inst).await[&seat], "A", "released by the request that found it expired");
}

#[tokio::test]
async fn control_expires_sessions() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let d = s.detail(&c, &inst).await;
    let seat = seats_with(&d, "A")[0]["id"].as_str().unwrap().to_string();
    let ty = s.adult(&c, &inst).await;
    assert_eq!(s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, &seat, &ty)])).await.0, 200);
    let list = s.ctl_get("sessions").await;
    let me = list.as_array().unwrap().iter().find(|x| x["basketSeats"] == json!([seat])).unwrap().clone();
    assert!(me["customer"].is_null() && me["lastSeenMsAgo"].is_number());
    let (st, _) = s.ctl_post(&format!("sessions/{}/expire", me["id"].as_str().unwrap()), &json!({})).await;
    assert_eq!(st, 200);
    assert_eq!(s.letters(&browser(), &inst).await[&seat], "A");
    let (st, _) = s.ctl_post("sessions/NOPE/expire", &json!({})).await;
    assert_eq!(st, 404);
    assert_eq!(s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, &seat, &ty)])).await.0, 200);
    let (st, v) = s.ctl_post("sessions/expire-all", &json!({})).await;
    assert_eq!(st, 200);
    assert!(v["expired"].as_u64().unwrap() >= 1);
    assert_eq!(s.letters(&browser(), &inst).await[&seat], "A");
}
