//! Basket: add, remove, hash, conflicts, validation, body errors,
//! unreserved counts, best available, and a 50-session race.

use std::collections::HashSet;

use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn add_remove_and_hash() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let (st, v) = s.get_json(&c, "basket").await;
    assert_eq!(st, 404);
    assert!(v["errorCode"].is_number());
    let d = s.detail(&c, &inst).await;
    let free = seats_with(&d, "A");
    let ty = s.adult(&c, &inst).await;
    let a = free[0]["id"].as_str().unwrap();
    let b = free[1]["id"].as_str().unwrap();
    // deprecated ticketType, numeric seat id
    let body =
        json!([seat_ticket(&inst, a, &ty), {"instance": inst, "seat": b.parse::<u64>().unwrap(), "ticketType": ty}]);
    let (st, added) = s.post_json(&c, "basket/tickets", &body).await;
    assert_eq!(st, 200, "{added}");
    let added = added.as_array().unwrap();
    assert_eq!(added.len(), 2);
    for k in ["id", "seat", "seatName", "seatingPlan", "planName", "band", "instance", "type", "price", "total"] {
        assert!(added[0].get(k).is_some(), "ticket lacks {k}");
    }
    assert_eq!(added[0]["seat"], a);
    assert!(added[0]["price"].as_f64().unwrap() > 0.0);
    let (st, basket) = s.get_json(&c, "basket").await;
    assert_eq!(st, 200);
    assert_eq!(basket["ticketCount"], 2);
    let h1 = basket["hash"].clone();
    let l = s.letters(&c, &inst).await;
    assert_eq!(l[a], "B");
    assert_eq!(s.letters(&browser(), &inst).await[a], "U");
    // Adding a seat already in this basket is an error; nothing added.
    let c_ = free[2]["id"].as_str().unwrap();
    let (st, v) =
        s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, c_, &ty), seat_ticket(&inst, a, &ty)])).await;
    assert_eq!(st, 409);
    assert_eq!(v["errorCode"], 40);
    assert_eq!(s.get_json(&c, "basket").await.1["ticketCount"], 2);
    assert_eq!(s.letters(&c, &inst).await[c_], "A");
    // Remove: unknown id → 404, none removed.
    let t0 = added[0]["id"].as_str().unwrap();
    let r = c.delete(s.url(&format!("basket/tickets?ticketIds={t0},NOPE"))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
    assert_eq!(s.get_json(&c, "basket").await.1["ticketCount"], 2);
    let r = c.delete(s.url(&format!("basket/tickets?ticketIds={t0}"))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let after: Value = r.json().await.unwrap();
    assert_eq!(after["ticketCount"], 1);
    assert_ne!(after["hash"], h1);
    assert_eq!(s.letters(&browser(), &inst).await[a], "A");
}

#[tokio::test]
async fn conflicts_and_validation() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let d = s.detail(&c, &inst).await;
    let ty = s.adult(&c, &inst).await;
    let free = seats_with(&d, "A");
    let sold = seats_with(&d, "U");
    let ok = free[0]["id"].as_str().unwrap();
    let (st, v) = s
        .post_json(
            &c,
            "basket/tickets",
            &json!([
                seat_ticket(&inst, ok, &ty),
                seat_ticket(&inst, sold[0]["id"].as_str().unwrap(), &ty),
                seat_ticket(&inst, sold[1]["id"].as_str().unwrap(), &ty)
            ]),
        )
        .await;
    assert_eq!(st, 409);
    let msg = v["message"].as_str().unwrap();
    assert_eq!(msg.matches("is no longer available").count(), 2, "{msg}");
    assert!(msg.starts_with("Seat "));
    assert_eq!(s.get_json(&c, "basket").await.0, 404, "nothing half-applied");
    // unknown seat → 409 too
    let (st, _) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, "1", &ty)])).await;
    assert_eq!(st, 409);
    // wrong type, unknown instance → 400 Validation Failed with problems
    let (st, v) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, ok, "NOTATYPE")])).await;
    assert_eq!(st, 400);
    assert_eq!(v["message"], "Validation Failed");
    assert_eq!(v["errorCode"], 1);
    assert!(!v["problems"].as_array().unwrap().is_empty());
    let (st, v) = s.post_json(&c, "basket/tickets", &json!([seat_ticket("NOPE", ok, &ty)])).await;
    assert_eq!(st, 400);
    assert!(v["problems"].is_array());
    // body errors
    let r = c.post(s.url("basket/tickets")).header("content-type", "application/json").body("[{").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 400);
    assert!(r.json::<Value>().await.unwrap()["errorCode"].is_number());
    let r = c.post(s.url("basket/tickets")).header("content-type", "text/plain").body("[]").send().await.unwrap();
    assert_eq!(r.status().as_u16(), 415);
    let big = format!("[{}]", vec!["{\"instance\":\"x\"}"; 5000].join(","));
    let r = c.post(s.url("basket/tickets")).header("content-type", "application/json").body(big).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 413);
    assert!(r.json::<Value>().await.unwrap()["errorCode"].is_number());
    let (st, _) = s.post_json(&c, "basket/tickets", &json!({"not": "an array"})).await;
    assert_eq!(st, 400);
    let r = c.put(s.url("basket/tickets")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 405);
    assert_eq!(s.get_json(&c, "basket").await.0, 404);
}

#[tokio::test]
async fn unreserved_by_quantity() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let d = s.detail(&c, &inst).await;
    let standing = d["areas"].as_array().unwrap().iter().find(|a| a["name"] == "Standing").unwrap().clone();
    let area = standing["id"].as_str().unwrap();
    let left = standing["available"].as_u64().unwrap();
    let ty = s.adult(&c, &inst).await;
    let one = json!({"instance": inst, "seatingPlan": area, "type": ty});
    let (st, v) = s.post_json(&c, "basket/tickets", &json!([one, one])).await;
    assert_eq!(st, 200, "{v}");
    assert!(v[0]["seat"].is_null());
    assert_eq!(v[0]["seatingPlan"], area);
    let d = s.detail(&c, &inst).await;
    let st2 = d["areas"].as_array().unwrap().iter().find(|a| a["id"] == area).unwrap().clone();
    assert_eq!(st2["inBasket"], 2);
    assert_eq!(st2["available"].as_u64().unwrap(), left - 2);
    // Another browser sees fewer places and inBasket 0.
    let other = browser();
    let d = s.detail(&other, &inst).await;
    let st3 = d["areas"].as_array().unwrap().iter().find(|a| a["id"] == area).unwrap().clone();
    assert_eq!(st3["inBasket"], 0);
    // Beyond the places left: 409 naming the area; nothing added.
    let many: Vec<Value> = (0..left).map(|_| one.clone()).collect();
    let (st, v) = s.post_json(&other, "basket/tickets", &Value::Array(many)).await;
    assert_eq!(st, 409);
    assert!(v["message"].as_str().unwrap().contains("Standing"));
    assert_eq!(s.get_json(&other, "basket").await.0, 404);
}

#[tokio::test]
async fn best_available() {
    let s = start().await;
    let c = browser();
    let studio = s.instance("studio", None).await;
    let ty = s.adult(&c, &studio).await;
    let (st, v) =
        s.post_json(&c, "basket/tickets/best-available", &json!({"instance": studio, "quantity": 2, "type": ty})).await;
    assert_eq!(st, 400);
    assert_eq!(
        v,
        json!({"problems": ["Best available is not enabled for this instance"], "errorCode": 1, "message": "Validation Failed"})
    );
    let inst = s.instance("theatre", Some(true)).await;
    let ty = s.adult(&c, &inst).await;
    let (st, v) =
        s.post_json(&c, "basket/tickets/best-available", &json!({"instance": inst, "quantity": 4, "type": ty})).await;
    assert_eq!(st, 200, "{v}");
    let t = v.as_array().unwrap();
    assert_eq!(t.len(), 4);
    // adjacent in one stretch of one row
    let plan = s.plan(&c, &inst).await;
    let mut seats = vec![];
    let mut stack = vec![plan];
    while let Some(a) = stack.pop() {
        seats.extend(a["seats"].as_array().cloned().unwrap_or_default());
        stack.extend(a["areas"].as_array().unwrap().iter().cloned());
    }
    let find = |id: &str| seats.iter().find(|s| s["id"] == id).unwrap().clone();
    let mut picked: Vec<Value> = t.iter().map(|x| find(x["seat"].as_str().unwrap())).collect();
    picked.sort_by_key(|s| s["number"].as_u64());
    for w in picked.windows(2) {
        assert_eq!(w[0]["nextSeatId"].as_u64().unwrap().to_string(), w[1]["id"].as_str().unwrap());
        assert_eq!(w[0]["nextIsAcrossAisle"], false);
    }
    // Restricted to a band (by id) and an area (a container counts).
    let (_, pl) = s.get_json(&c, &format!("instances/{inst}/price-list")).await;
    let band_d = pl["prices"].as_array().unwrap().iter().find(|p| p["priceBand"]["name"] == "Band D").unwrap()
        ["priceBand"]["id"]
        .clone();
    let (st, v) = s
        .post_json(
            &c,
            "basket/tickets/best-available",
            &json!({"instance": inst, "quantity": 2, "type": ty, "priceBands": [band_d]}),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v[0]["band"]["id"], band_d);
    assert_eq!(v[0]["planName"], "Upper Circle");
    // None possible → 409
    let standing_band = pl["prices"].as_array().unwrap().iter().find(|p| p["priceBand"]["name"] == "Standing").unwrap()
        ["priceBand"]["id"]
        .clone();
    let (st, v) = s
        .post_json(
            &c,
            "basket/tickets/best-available",
            &json!({"instance": inst, "quantity": 2, "type": ty, "priceBands": [standing_band]}),
        )
        .await;
    assert_eq!(st, 409, "{v}");
    let (st, _) =
        s.post_json(&c, "basket/tickets/best-available", &json!({"instance": inst, "quantity": 0, "type": ty})).await;
    assert_eq!(st, 400);
}

#[tokio::test]
async fn fifty_sessions_race_for_the_same_seats() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let d = s.detail(&c, &inst).await;
    let ty = s.adult(&c, &inst).await;
    let free: Vec<String> = seats_with(&d, "A").iter().take(7).map(|x| x["id"].as_str().unwrap().to_string()).collect();
    // 50 browsers, one seat: exactly one wins.
    let lone = free[6].clone();
    let mut tasks = vec![];
    for _ in 0..50 {
        let url = s.url("basket/tickets");
        let body = json!([seat_ticket(&inst, &lone, &ty)]);
        tasks.push(tokio::spawn(async move {
            let r = browser().post(url).json(&body).send().await.unwrap();
            r.status().as_u16()
        }));
    }
    let mut wins = 0;
    for t in tasks {
        match t.await.unwrap() {
            200 => wins += 1,
            409 => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert_eq!(wins, 1);
    // 60 browsers, overlapping pairs: no seat is held twice.
    let mut tasks = vec![];
    for k in 0..60usize {
        let url = s.url("basket/tickets");
        let (a, b) = (free[k % 6].clone(), free[(k + 1) % 6].clone());
        let body = json!([seat_ticket(&inst, &a, &ty), seat_ticket(&inst, &b, &ty)]);
        tasks.push(tokio::spawn(async move {
            let c = browser();
            let r = c.post(url).json(&body).send().await.unwrap();
            (r.status().as_u16(), r.json::<Value>().await.unwrap())
        }));
    }
    let mut won: Vec<String> = vec![];
    for t in tasks {
        let (st, v) = t.await.unwrap();
        match st {
            200 => won.extend(v.as_array().unwrap().iter().map(|t| t["seat"].as_str().unwrap().to_string())),
            409 => assert_eq!(v["errorCode"], 40),
            other => panic!("unexpected {other}: {v}"),
        }
    }
    let unique: HashSet<&String> = won.iter().collect();
    assert_eq!(unique.len(), won.len(), "a seat was won twice: {won:?}");
    let holds = s.ctl_get(&format!("instances/{inst}/holds")).await;
    for seat in &free {
        let n = holds.as_array().unwrap().iter().filter(|h| h["seat"] == seat.as_str()).count();
        assert!(n <= 1, "seat {seat} held {n} times");
    }
    let in_baskets = holds.as_array().unwrap().iter().filter(|h| h["state"] == "basket").count();
    assert_eq!(in_baskets, won.len() + 1);
    assert!(!won.is_empty());
}
