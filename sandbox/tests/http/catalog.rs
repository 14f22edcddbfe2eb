//! Catalog reads: events, instances, price lists, plans, errors, determinism.

use std::collections::HashMap;

use serde_json::Value;

use crate::support::*;

#[tokio::test]
async fn events_instances_and_shapes() {
    let s = start().await;
    let c = browser();
    let (st, events) = s.get_json(&c, "events").await;
    assert_eq!(st, 200);
    let events = events.as_array().unwrap().clone();
    assert_eq!(events.len(), 3);
    for e in &events {
        for k in [
            "id",
            "name",
            "description",
            "duration",
            "isOnSale",
            "instanceDates",
            "firstInstanceDateTime",
            "lastInstanceDateTime",
        ] {
            assert!(e.get(k).is_some(), "event lacks {k}: {e}");
        }
    }
    let tempest = events.iter().find(|e| e["name"] == "The Tempest").unwrap();
    let (st, insts) = s.get_json(&c, &format!("events/{}/instances", tempest["id"].as_str().unwrap())).await;
    assert_eq!(st, 200);
    let insts = insts.as_array().unwrap();
    assert_eq!(insts.len(), 3);
    let keys = [
        "id",
        "planId",
        "priceList",
        "event",
        "start",
        "startUtc",
        "isOnSale",
        "cancelled",
        "startSellingAtWeb",
        "stopSellingAtWeb",
        "webInstanceId",
        "hasBestAvailableOverlay",
    ];
    for i in insts {
        for k in keys {
            assert!(i.get(k).is_some(), "instance lacks {k}");
        }
        assert!(i["priceList"]["id"].is_string());
        assert_eq!(i["event"]["id"], tempest["id"]);
        assert!(i.as_object().unwrap().keys().any(|k| k.starts_with("attribute_")));
        let one = s.get_json(&c, &format!("instances/{}", i["id"].as_str().unwrap())).await.1;
        assert_eq!(&one, i);
    }
    // Evening overlay, matinee none and cheaper.
    let evening = insts.iter().find(|i| i["start"].as_str().unwrap().ends_with("19:30:00")).unwrap();
    let matinee = insts.iter().find(|i| i["start"].as_str().unwrap().ends_with("14:30:00")).unwrap();
    assert_eq!(evening["hasBestAvailableOverlay"], true);
    assert_eq!(matinee["hasBestAvailableOverlay"], false);
    let pl = |i: &Value| {
        let id = i["id"].as_str().unwrap().to_string();
        let s = &s;
        let c = &c;
        async move { s.get_json(c, &format!("instances/{id}/price-list")).await.1 }
    };
    let (pe, pm) = (pl(evening).await, pl(matinee).await);
    assert_ne!(pe["id"], pm["id"]);
    let max =
        |p: &Value| p["prices"].as_array().unwrap().iter().map(|x| x["amount"].as_f64().unwrap()).fold(0.0, f64::max);
    assert!(max(&pm) < max(&pe));
    let prices = pe["prices"].as_array().unwrap();
    let mut defaults: HashMap<String, usize> = HashMap::new();
    let mut types = std::collections::HashSet::new();
    for p in prices {
        *defaults.entry(p["priceBand"]["id"].as_str().unwrap().into()).or_default() +=
            usize::from(p["isBandDefault"] == true);
        assert!(p["priceBand"]["name"].is_string());
        types.insert(p["ticketType"]["id"].as_str().unwrap().to_string());
    }
    assert!(defaults.len() >= 5, "4 bands + standing");
    assert!(defaults.values().all(|&n| n == 1));
    assert!(types.len() >= 3);
}

fn walk<'a>(a: &'a Value, ox: i64, oy: i64, out: &mut Vec<(&'a Value, i64, i64, usize)>, depth: usize) {
    let (x, y) = (ox + a["x"].as_i64().unwrap(), oy + a["y"].as_i64().unwrap());
    out.push((a, x, y, depth));
    for c in a["areas"].as_array().unwrap() {
        walk(c, x, y, out, depth + 1);
    }
}

#[tokio::test]
async fn theatre_plan_is_nested_with_aisles_and_standing() {
    let s = start().await;
    let c = browser();
    let inst = s.instance("theatre", Some(true)).await;
    let plan = s.plan(&c, &inst).await;
    for k in [
        "id",
        "name",
        "type",
        "x",
        "y",
        "backgroundImageUrl",
        "capacity",
        "maxZoomWeb",
        "maxZoomMobile",
        "areas",
        "seats",
    ] {
        assert!(plan.get(k).is_some(), "plan lacks {k}");
    }
    let mut areas = vec![];
    walk(&plan, 0, 0, &mut areas, 0);
    let names: Vec<&str> = areas.iter().map(|a| a.0["name"].as_str().unwrap()).collect();
    for n in ["Stalls", "Circles", "Dress Circle", "Upper Circle", "Standing", "Box A"] {
        assert!(names.contains(&n), "{n} missing from {names:?}");
    }
    let dress = areas.iter().find(|a| a.0["name"] == "Dress Circle").unwrap();
    assert_eq!(dress.3, 2, "Dress Circle is nested in Circles");
    assert!(dress.0["x"].as_i64().unwrap() != 0 && dress.1 != dress.0["x"].as_i64().unwrap());
    let circles = areas.iter().find(|a| a.0["name"] == "Circles").unwrap();
    assert_eq!(circles.0["seats"], Value::Array(vec![]));
    let standing = areas.iter().find(|a| a.0["name"] == "Standing").unwrap().0;
    assert_eq!(standing["type"], "Unreserved");
    assert!(standing["seats"].is_null());
    assert!(standing["capacity"].as_u64().unwrap() >= 50);
    assert!(standing["width"].as_i64().unwrap() > 0 && standing["height"].as_i64().unwrap() > 0);
    let stalls = areas.iter().find(|a| a.0["name"] == "Stalls").unwrap().0;
    let seats = stalls["seats"].as_array().unwrap();
    let row_a: Vec<&Value> = seats.iter().filter(|s| s["row"] == "A").collect();
    let across = row_a.iter().filter(|s| s["nextIsAcrossAisle"] == true).count();
    assert_eq!(across, 2, "two aisles split a stalls row");
    let first = row_a[0];
    assert!(first["nextSeatId"].is_number());
    assert!(first["id"].is_string());
    assert_eq!(first["name"], "A1");
    let mut total = 0;
    for a in &areas {
        total += a.0["seats"].as_array().map(Vec::len).unwrap_or(0);
    }
    assert!((1000..1400).contains(&total), "theatre has {total} seats");
    // seat pitch 20–30 units
    let dx = (row_a[1]["x"].as_i64().unwrap() - row_a[0]["x"].as_i64().unwrap()).abs();
    assert!((18..=30).contains(&dx), "pitch {dx}");
}

#[tokio::test]
async fn arena_and_studio_sizes() {
    let s = start().await;
    let cat = s.catalog().await;
    let get = |v: &str| cat.iter().find(|r| r["venue"] == v).unwrap().clone();
    let arena = get("arena");
    let studio = get("studio");
    let n = arena["seats"].as_u64().unwrap();
    assert!((18_000..=22_000).contains(&n), "arena {n}");
    let n = studio["seats"].as_u64().unwrap();
    assert!((120..=180).contains(&n), "studio {n}");
    assert_eq!(studio["hasBestAvailableOverlay"], false);
    assert_eq!(cat.iter().filter(|r| r["venue"] == "studio").count(), 2);
    assert_eq!(cat.iter().filter(|r| r["venue"] == "theatre").count(), 3);
    assert_eq!(cat.iter().filter(|r| r["venue"] == "arena").count(), 1);
    let c = browser();
    let plan = s.plan(&c, arena["instanceId"].as_str().unwrap()).await;
    let mut areas = vec![];
    walk(&plan, 0, 0, &mut areas, 0);
    let blocks = areas.iter().filter(|a| a.0["name"].as_str().unwrap().starts_with("Block")).count();
    assert!((24..=40).contains(&blocks));
}

#[tokio::test]
async fn catalog_is_deterministic_for_a_seed() {
    let a = start().await;
    let b = start().await;
    let ids = |v: Vec<Value>| v.into_iter().map(|r| r["instanceId"].clone()).collect::<Vec<_>>();
    assert_eq!(ids(a.catalog().await), ids(b.catalog().await));
    let other = start_with(|c| c.seed = 7).await;
    assert_ne!(ids(a.catalog().await), ids(other.catalog().await));
    // Same seat ids and plan JSON too.
    let c = browser();
    let inst = a.instance("studio", None).await;
    assert_eq!(a.plan(&c, &inst).await, b.plan(&c, &inst).await);
}

#[tokio::test]
async fn unknown_ids_routes_and_methods() {
    let s = start().await;
    let c = browser();
    for p in [
        "instances/NOPE",
        "instances/NOPE/status",
        "instances/NOPE/status/detail",
        "plans/NOPE",
        "events/NOPE/instances",
        "instances/NOPE/price-list",
        "nothing/here",
    ] {
        let (st, v) = s.get_json(&c, p).await;
        assert_eq!(st, 404, "{p}");
        assert!(v["errorCode"].is_number() && v["message"].is_string(), "{p}: {v}");
    }
    let r = c.delete(s.url("events")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 405);
    let v: Value = r.json().await.unwrap();
    assert!(v["errorCode"].is_number());
    let r = c.get(format!("{}/otherclient/api/v3/events", s.root)).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
    // unknown query params are ignored
    let (st, _) = s.get_json(&c, "events?foo=bar&instanceStart_from=2020-01-01").await;
    assert_eq!(st, 200);
}

/// The default seed's instance ids are part of the sandbox's interface (the
/// demo and docs use them): they must never drift.
#[tokio::test]
async fn default_seed_instance_ids_are_pinned() {
    let s = start().await;
    let got: Vec<(String, String)> = s
        .catalog()
        .await
        .iter()
        .map(|r| (r["venue"].as_str().unwrap().to_string(), r["instanceId"].as_str().unwrap().to_string()))
        .collect();
    let want = [
        ("studio", "80654MRAGEDYJKBALATUIGCAYFEFSSHAX"),
        ("studio", "20497EAJQZDHGIRERRJFRJJDOBOZUHCZS"),
        ("theatre", "31527BVYQMUOXGWHDSROCFDYWRMPSAEFK"),
        ("theatre", "37413VCBINJAVACAIATFVVZMSTQUBRTWC"),
        ("theatre", "86779WTNZSYFKQWBPINUDOVYZUZWTFOND"),
        ("arena", "55795IYRKDTQPIODTCYXLPRZKWBTTBPZW"),
    ];
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, want);
}
