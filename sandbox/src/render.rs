//! JSON for the catalog reads: events, instances, price lists.

use serde_json::{json, Value};

use crate::model::{Event, Instance};
use crate::store::World;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2026-12-09T19:30:00` → `9 Dec 2026`.
fn day(s: &str) -> String {
    let y = s.get(0..4).unwrap_or("");
    let m: usize = s.get(5..7).and_then(|x| x.parse().ok()).unwrap_or(1);
    let d: u32 = s.get(8..10).and_then(|x| x.parse().ok()).unwrap_or(1);
    format!("{d} {} {y}", MONTHS.get(m.saturating_sub(1)).unwrap_or(&"Jan"))
}

pub fn event_json(w: &World, e: &Event) -> Value {
    let starts: Vec<&str> = e.instances.iter().filter_map(|&i| w.instances.get(i).map(|x| x.start.as_str())).collect();
    let first = starts.iter().min().copied().unwrap_or("");
    let last = starts.iter().max().copied().unwrap_or("");
    let dates = if day(first) == day(last) { day(first) } else { format!("{} - {}", day(first), day(last)) };
    json!({
        "id": e.id, "name": e.name, "description": e.description, "duration": e.duration,
        "isOnSale": true, "instanceDates": dates,
        "firstInstanceDateTime": first, "lastInstanceDateTime": last,
    })
}

pub fn instance_json(w: &World, i: &Instance) -> Value {
    let plan = w.plans.get(i.plan);
    json!({
        "id": i.id,
        "planId": plan.map(|p| p.id.clone()),
        "priceList": {"id": w.price_lists.get(i.price_list).map(|p| p.id.clone())},
        "event": {"id": w.events.get(i.event).map(|e| e.id.clone())},
        "start": i.start,
        "startUtc": i.start_utc,
        "isOnSale": true,
        "cancelled": false,
        "startSellingAtWeb": "2026-09-01T10:00:00",
        "stopSellingAtWeb": i.start,
        "webInstanceId": i.web_instance_id,
        "hasBestAvailableOverlay": i.overlay,
        "attribute_Venue": plan.map(|p| p.venue),
        "attribute_AccessPerformance": "",
    })
}

pub fn price_list_json(w: &World, i: &Instance) -> Value {
    let Some(pl) = w.price_lists.get(i.price_list) else {
        return Value::Null;
    };
    let plan = w.plans.get(pl.plan);
    let prices: Vec<Value> = pl
        .prices
        .iter()
        .map(|p| {
            let band = plan.and_then(|x| x.bands.get(p.band));
            let tt = w.ticket_types.get(p.ticket_type);
            json!({
                "amount": p.amount, "isBandDefault": p.is_default,
                "priceBand": {"id": band.map(|b| b.id.clone()), "name": band.map(|b| b.name.clone())},
                "ticketType": {"id": tt.map(|t| t.id.clone()), "name": tt.map(|t| t.name.clone())},
            })
        })
        .collect();
    json!({"id": pl.id, "prices": prices})
}
