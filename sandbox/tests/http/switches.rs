//! The control switches the widget's end-to-end tests use: an answer lost
//! after the work was done, the Spektrix queue, a performance's sale state,
//! `status/detail` in a format a client cannot read, and `reset` undoing
//! them all.

use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn drop_after_does_the_work_then_loses_the_answer() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let ty = s.adult(&c, &inst).await;
    let seat = seats_with(&s.detail(&c, &inst).await, "A")[0]["id"].as_str().unwrap().to_string();
    let (st, v) = s
        .ctl_post("faults", &json!({"route": "basket/tickets", "method": "POST", "dropAfter": true, "times": 1}))
        .await;
    assert_eq!(st, 200, "{v}");
    let r = c.post(s.url("basket/tickets")).json(&json!([seat_ticket(&inst, &seat, &ty)])).send().await;
    assert!(r.is_err(), "the client sees a connection error, not an answer: {:?}", r.map(|r| r.status()));
    let (st, basket) = s.get_json(&c, "basket").await;
    assert_eq!(st, 200, "the add happened: {basket}");
    assert_eq!(basket["ticketCount"], 1);
    assert_eq!(basket["tickets"][0]["seat"], seat.as_str());
    assert_eq!(s.letters(&c, &inst).await[&seat], "B");
    // Used up: the next add is answered.
    let other = seats_with(&s.detail(&c, &inst).await, "A")[0]["id"].as_str().unwrap().to_string();
    assert_eq!(s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, &other, &ty)])).await.0, 200);
}

#[tokio::test]
async fn the_queue_answers_join_queue_and_serves_a_page_with_a_way_back() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let other = s.catalog().await.into_iter().find(|r| r["venue"] == "studio").unwrap()["instanceId"]
        .as_str()
        .unwrap()
        .to_string();
    let ty = s.adult(&c, &inst).await;
    let seat = seats_with(&s.detail(&c, &inst).await, "A")[0]["id"].as_str().unwrap().to_string();
    let (st, v) = s.ctl_post("queue", &json!({"enabled": true, "instance": inst, "times": 2})).await;
    assert_eq!(st, 200, "{v}");
    let add = json!([seat_ticket(&inst, &seat, &ty)]);
    let (st, v) = s.post_json(&c, "basket/tickets", &add).await;
    assert_eq!(st, 503, "{v}");
    assert_eq!(v["code"], "JoinQueue");
    assert_eq!(v["eventInstanceId"], inst.as_str());
    assert_eq!(v["joinQueue"], format!("/api/v3/basket/queue/{inst}"));
    assert!(v["message"].is_string());
    assert_eq!(s.get_json(&c, "basket").await.0, 404, "nothing was added");
    // Another performance is not queued.
    let other_ty = s.adult(&c, &other).await;
    let other_seat = seats_with(&s.detail(&c, &other).await, "A")[0]["id"].as_str().unwrap().to_string();
    assert_eq!(s.post_json(&c, "basket/tickets", &json!([seat_ticket(&other, &other_seat, &other_ty)])).await.0, 200);
    let best = json!({"instance": inst, "quantity": 2, "type": ty});
    let (st, v) = s.post_json(&c, "basket/tickets/best-available", &best).await;
    assert_eq!((st, v["code"].clone()), (503, json!("JoinQueue")));
    // Two answers used up: adds go through again.
    assert_eq!(s.post_json(&c, "basket/tickets", &add).await.0, 200);
    // Every performance, until switched off.
    s.ctl_post("queue", &json!({"enabled": true})).await;
    assert_eq!(s.post_json(&c, "basket/tickets/best-available", &best).await.0, 503);
    assert_eq!(s.ctl_get("queue").await["enabled"], true);
    assert_eq!(browser().delete(s.ctl("queue")).send().await.unwrap().status().as_u16(), 200);
    assert_eq!(s.post_json(&c, "basket/tickets/best-available", &best).await.0, 200);
    // The queue page, under the client's API and at the bare path.
    let back = s.url("events");
    for page in
        [format!("{}/demotheatre/api/v3/basket/queue/{inst}", s.root), format!("{}/api/v3/basket/queue/{inst}", s.root)]
    {
        let r = c.get(&page).query(&[("return", back.as_str())]).send().await.unwrap();
        assert_eq!(r.status().as_u16(), 200, "{page}");
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
        let html = r.text().await.unwrap();
        assert!(html.contains("You are in the queue"), "{html}");
        let href = html.split("id=\"back\" href=\"").nth(1).unwrap().split('"').next().unwrap();
        assert_eq!(href, back);
        assert_eq!(c.get(href).send().await.unwrap().status().as_u16(), 200, "the link back works");
    }
    // A return address that is not a web address is not linked.
    let r = c.get(format!("{}/api/v3/basket/queue/{inst}?return=javascript:alert(1)", s.root)).send().await.unwrap();
    assert!(!r.text().await.unwrap().contains("javascript:"));
    assert_eq!(s.ctl_post("queue", &json!({"enabled": true, "instance": "NOPE"})).await.0, 404);
    assert_eq!(s.ctl_post("queue", &json!({"enabled": true, "times": 0})).await.0, 400);
}

#[tokio::test]
async fn an_instance_off_sale_or_cancelled_refuses_adds() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let ty = s.adult(&c, &inst).await;
    let seat = seats_with(&s.detail(&c, &inst).await, "A")[0]["id"].as_str().unwrap().to_string();
    let sale = format!("instances/{inst}/sale");
    let (st, v) = s.ctl_post(&sale, &json!({"isOnSale": false, "startSellingAtWeb": "2026-12-24T10:00:00"})).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v, json!({"isOnSale": false, "cancelled": false, "startSellingAtWeb": "2026-12-24T10:00:00"}));
    let (_, one) = s.get_json(&c, &format!("instances/{inst}")).await;
    assert_eq!((one["isOnSale"].clone(), one["cancelled"].clone()), (json!(false), json!(false)));
    assert_eq!(one["startSellingAtWeb"], "2026-12-24T10:00:00");
    let add = json!([seat_ticket(&inst, &seat, &ty)]);
    let (st, v) = s.post_json(&c, "basket/tickets", &add).await;
    assert_eq!(st, 400, "{v}");
    assert_eq!(v["message"], "Validation Failed");
    let problem = v["problems"][0].as_str().unwrap();
    assert!(problem.contains("not on sale") && problem.contains("2026-12-24T10:00:00"), "{problem}");
    let best = json!({"instance": inst, "quantity": 2, "type": ty});
    let (st, v) = s.post_json(&c, "basket/tickets/best-available", &best).await;
    assert_eq!(st, 400);
    assert!(v["problems"][0].as_str().unwrap().contains("not on sale"), "{v}");
    assert_eq!(s.get_json(&c, "basket").await.0, 404, "nothing was added");
    // Back on sale, but cancelled.
    let (_, v) = s.ctl_post(&sale, &json!({"isOnSale": true, "cancelled": true})).await;
    assert_eq!(v["cancelled"], true);
    let (st, v) = s.post_json(&c, "basket/tickets", &add).await;
    assert_eq!(st, 400);
    assert!(v["problems"][0].as_str().unwrap().contains("cancelled"), "{v}");
    s.ctl_post(&sale, &json!({"cancelled": false})).await;
    assert_eq!(s.post_json(&c, "basket/tickets", &add).await.0, 200);
    assert_eq!(s.ctl_get(&sale).await["isOnSale"], true);
    // Bad values are refused and change nothing.
    for bad in [json!({"isOnSale": "no"}), json!({"startSellingAtWeb": "tomorrow"}), json!({"cancelled": 1})] {
        assert_eq!(s.ctl_post(&sale, &bad).await.0, 400, "{bad}");
    }
    assert_eq!(s.ctl_post("instances/NOPE/sale", &json!({"isOnSale": false})).await.0, 404);
    assert_eq!(
        s.ctl_get(&sale).await,
        json!({"isOnSale": true, "cancelled": false, "startSellingAtWeb": "2026-12-24T10:00:00"})
    );
}

/// Seat id → letter from the XML rendering.
fn xml_letters(xml: &str) -> std::collections::HashMap<String, String> {
    xml.lines()
        .filter_map(|line| line.trim().strip_prefix("<Seat id=\""))
        .map(|rest| {
            let (id, rest) = rest.split_once('"').unwrap();
            let status = rest.split("status=\"").nth(1).unwrap().split('"').next().unwrap();
            (id.to_string(), status.to_string())
        })
        .collect()
}

#[tokio::test]
async fn status_detail_can_be_served_as_xml_or_text() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let json_letters = s.letters(&c, &inst).await;
    let detail = s.url(&format!("instances/{inst}/status/detail"));
    let (st, v) = s.ctl_post("status-format", &json!({"format": "xml"})).await;
    assert_eq!((st, v), (200, json!({"format": "xml"})));
    let r = c.get(&detail).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/xml"));
    let xml = r.text().await.unwrap();
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(serde_json::from_str::<Value>(&xml).is_err(), "not JSON");
    assert_eq!(xml_letters(&xml), json_letters, "the same letters");
    s.ctl_post("status-format", &json!({"format": "text"})).await;
    let r = c.get(&detail).send().await.unwrap();
    assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/plain"));
    let text = r.text().await.unwrap();
    let (seat, letter) = json_letters.iter().next().unwrap();
    assert!(text.lines().any(|l| l == format!("{seat} {letter}")), "{text}");
    assert_eq!(s.ctl_post("status-format", &json!({"format": "yaml"})).await.0, 400);
    s.ctl_post("status-format", &json!({"format": "json"})).await;
    assert_eq!(s.letters(&c, &inst).await, json_letters);
}

#[tokio::test]
async fn reset_restores_faults_queue_sale_states_and_format() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    s.ctl_post("faults", &json!({"route": "events", "status": 500})).await;
    s.ctl_post("queue", &json!({"enabled": true})).await;
    s.ctl_post(&format!("instances/{inst}/sale"), &json!({"isOnSale": false, "cancelled": true})).await;
    s.ctl_post("status-format", &json!({"format": "text"})).await;
    assert_eq!(s.ctl_post("reset", &json!({})).await.0, 200);
    assert_eq!(s.ctl_get("faults").await, json!([]));
    assert_eq!(s.ctl_get("queue").await["enabled"], false);
    assert_eq!(s.ctl_get("status-format").await["format"], "json");
    let (_, one) = s.get_json(&c, &format!("instances/{inst}")).await;
    assert_eq!((one["isOnSale"].clone(), one["cancelled"].clone()), (json!(true), json!(false)));
    assert_eq!(one["startSellingAtWeb"], "2026-09-01T10:00:00");
    assert_eq!(s.get_json(&c, "events").await.0, 200);
    s.detail(&c, &inst).await;
}

#[tokio::test]
async fn partial_adds_only_the_first_tickets_and_says_which() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("studio", None).await;
    let ty = s.adult(&c, &inst).await;
    let free = seats_with(&s.detail(&c, &inst).await, "A");
    let (a, b) = (free[0]["id"].as_str().unwrap().to_string(), free[1]["id"].as_str().unwrap().to_string());
    let (st, v) =
        s.ctl_post("faults", &json!({"route": "basket/tickets", "method": "POST", "partial": 1, "times": 1})).await;
    assert_eq!(st, 200, "{v}");
    let (st, added) =
        s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, &a, &ty), seat_ticket(&inst, &b, &ty)])).await;
    assert_eq!(st, 200, "{added}");
    assert_eq!(added.as_array().map(Vec::len), Some(1), "only the first: {added}");
    assert_eq!(added[0]["seat"], a.as_str());
    let letters = s.letters(&c, &inst).await;
    assert_eq!((letters[&a].as_str(), letters[&b].as_str()), ("B", "A"));
}
