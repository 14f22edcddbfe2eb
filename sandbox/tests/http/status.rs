//! Status counts and detail letters, lock information, gzip, and login-aware
//! letters in the same session.

use serde_json::{json, Value};

use crate::support::*;

#[tokio::test]
async fn detail_shape_and_letters() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let r = c
        .get(s.url(&format!("instances/{inst}/status/detail?includeChildPlans=true&includeLockInformation=true")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["cache-control"], "no-store");
    let d: Value = r.json().await.unwrap();
    assert_eq!(d["instance"], inst.as_str());
    let areas = d["areas"].as_array().unwrap();
    let standing = areas.iter().find(|a| a["name"] == "Standing").unwrap();
    for k in ["capacity", "available", "inBasket"] {
        assert!(standing[k].is_number());
    }
    assert_eq!(standing["bands"][0]["seats"], json!([]));
    let l = letters_of(&d);
    let count = |x: &str| l.values().filter(|v| *v == x).count();
    let total = l.len();
    let sold = count("U") as f64 / total as f64;
    assert!(sold > 0.2 && sold < 0.45, "sold fraction {sold}");
    assert!(count("W") >= 2 && count("I") >= 4 && count("X") == 0);
    // Every reserved seat of the plan appears exactly once.
    let plan = s.plan(&c, &inst).await;
    let mut n = 0;
    let mut stack = vec![plan];
    while let Some(a) = stack.pop() {
        n += a["seats"].as_array().map(Vec::len).unwrap_or(0);
        stack.extend(a["areas"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(n, total);
    // Info seats carry text and lock types; lock types are described.
    let i = seats_with(&d, "I");
    assert!(i.iter().all(|s| s["info"].is_string() && s["lockType"].is_string()));
    let members = areas.iter().find(|a| a["name"] == "Dress Circle").unwrap();
    let lt = members["lockTypes"].as_array().unwrap();
    assert!(lt.iter().any(|t| t["name"] == "Members" && t["description"].as_str().unwrap().contains("log in")));
    // Without lock information: same letters, no lockType/info/lockTypes.
    let (_, plain) = s.get_json(&c, &format!("instances/{inst}/status/detail")).await;
    let text = plain.to_string();
    assert!(!text.contains("lockType") && !text.contains("\"info\""));
    assert_eq!(letters_of(&plain), l);
}

#[tokio::test]
async fn detail_is_gzipped_when_asked() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("arena", None).await;
    let url = s.url(&format!("instances/{inst}/status/detail?includeLockInformation=true"));
    let raw = c.get(&url).send().await.unwrap().bytes().await.unwrap();
    let r = c.get(&url).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    let gz = r.bytes().await.unwrap();
    assert!(gz.len() * 4 < raw.len(), "gzip {} vs raw {}", gz.len(), raw.len());
    let mut out = vec![];
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut out).unwrap();
    assert_eq!(out, raw.to_vec());
    // Other JSON is compressed by the tower-http layer.
    let r = c.get(s.url("events")).header("accept-encoding", "gzip").send().await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
}

#[tokio::test]
async fn status_counts_shape() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let (st, v) =
        s.get_json(&c, &format!("instances/{inst}/status?includeChildPlans=true&includeLockInformation=true")).await;
    assert_eq!(st, 200);
    for k in [
        "name",
        "capacity",
        "available",
        "wheelchairAvailable",
        "specialAvailable",
        "inBasket",
        "unavailable",
        "bands",
        "lockInfoAvailable",
        "lockInfoSpecialAvailable",
        "childPlans",
    ] {
        assert!(v.get(k).is_some(), "status lacks {k}");
    }
    let sum = ["available", "wheelchairAvailable", "specialAvailable", "inBasket", "unavailable"]
        .iter()
        .map(|k| v[k].as_u64().unwrap())
        .sum::<u64>();
    assert_eq!(sum, v["capacity"].as_u64().unwrap());
    let kids = v["childPlans"].as_array().unwrap();
    assert!(kids.iter().all(|k| k["id"].is_string()));
    assert_eq!(kids.iter().map(|k| k["capacity"].as_u64().unwrap()).sum::<u64>(), v["capacity"].as_u64().unwrap());
}

#[tokio::test]
async fn member_letters_follow_login_in_the_same_session() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let before = s.detail(&c, &inst).await;
    let members: Vec<String> = before["areas"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["bands"].as_array().unwrap().iter())
        .flat_map(|b| b["seats"].as_array().unwrap().iter())
        .filter(|s| s["status"] == "U" && s["lockType"].is_string())
        .map(|s| s["id"].as_str().unwrap().to_string())
        .collect();
    assert!(!members.is_empty());
    // Guest: still U.
    let (st, _) = s
        .post_json(&c, "customer/authenticate", &json!({"email": "guest@example.com", "password": "guest-demo"}))
        .await;
    assert_eq!(st, 200);
    let l = s.letters(&c, &inst).await;
    assert!(members.iter().all(|m| l[m] == "U"));
    // Member: the members' allocation turns X (house seats stay U).
    let (st, me) = s
        .post_json(&c, "customer/authenticate", &json!({"email": "member@example.com", "password": "member-demo"}))
        .await;
    assert_eq!(st, 200);
    assert_eq!(me["email"], "member@example.com");
    let l = s.letters(&c, &inst).await;
    let x = members.iter().filter(|m| l[*m] == "X").count();
    assert!(x >= 10, "{x} X seats after member login");
    assert!(members.iter().any(|m| l[m] == "U"), "house seats stay U");
    // An X seat can be bought by the member.
    let ty = s.adult(&c, &inst).await;
    let seat = members.iter().find(|m| l[*m] == "X").unwrap();
    let (st, _) = s.post_json(&c, "basket/tickets", &json!([seat_ticket(&inst, seat, &ty)])).await;
    assert_eq!(st, 200);
    // Logout: back to U (except our basket seat, B).
    let r = c.post(s.url("customer/deauthenticate")).send().await.unwrap();
    assert!(r.status().is_success());
    let detail = s.detail(&c, &inst).await;
    let l = letters_of(&detail);
    assert_eq!(l[seat], "B");
    assert!(members.iter().filter(|m| *m != seat).all(|m| l[m] == "U"));
    // The basket seat still names its lock, so a page can say why it may not be bought now.
    let mine = seats_with(&detail, "B");
    assert!(mine.iter().any(|b| b["id"] == *seat && b["lockType"].is_string()), "{mine:?}");
    // Another anonymous browser never sees X.
    let other = browser();
    let l = s.letters(&other, &inst).await;
    assert!(members.iter().all(|m| l[m] == "U"));
}

#[tokio::test]
async fn customer_endpoints() {
    let s = start().await;
    let c = browser();
    let (st, v) = s.get_json(&c, "customer").await;
    assert_eq!(st, 401);
    assert!(v["errorCode"].is_number());
    let (st, v) =
        s.post_json(&c, "customer/authenticate", &json!({"email": "member@example.com", "password": "wrong"})).await;
    assert_eq!(st, 401);
    assert_eq!(v, json!({"errorCode": 7, "message": "The email address or password is incorrect."}));
    let (st, _) = s
        .post_json(&c, "customer/authenticate", &json!({"email": "member@example.com", "password": "member-demo"}))
        .await;
    assert_eq!(st, 200);
    let (st, v) = s.get_json(&c, "customer").await;
    assert_eq!(st, 200);
    for k in ["id", "firstName", "lastName", "email"] {
        assert!(v[k].is_string());
    }
    let r = c.post(s.url("customer/deauthenticate")).send().await.unwrap();
    assert!(r.status().is_success());
    assert_eq!(s.get_json(&c, "customer").await.0, 401);
    let (st, v) = s.post_json(&c, "customer/authenticate", &json!({"email": 5})).await;
    assert_eq!(st, 400);
    assert_eq!(v["message"], "Validation Failed");
}
