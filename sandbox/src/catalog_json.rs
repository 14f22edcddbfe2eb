//! JSON for the catalog reads: events, instances (with their live sale
//! state), price lists. A replayed performance's instance is its captured
//! body (see `captured`).

use serde_json::{json, Value};

use crate::live::SaleState;
use crate::model::{Event, Instance};
use crate::sync::lock;
use crate::world::World;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2026-12-09T19:30:00` → `9 Dec 2026`.
fn day(s: &str) -> String {
    let y = s.get(0..4).unwrap_or("");
    let m: usize = s.get(5..7).and_then(|x| x.parse().ok()).unwrap_or(1);
    let d: u32 = s.get(8..10).and_then(|x| x.parse().ok()).unwrap_or(1);
    format!("{d} {} {y}", MONTHS.get(m.saturating_sub(1)).unwrap_or(&"Jan"))
}

fn sale_state(world: &World, instance: usize) -> SaleState {
    world.live.get(instance).map(|live| lock(&live.sale).clone()).unwrap_or_default()
}

pub fn event_json(world: &World, e: &Event) -> Value {
    let starts: Vec<&str> =
        e.instances.iter().filter_map(|&i| world.instances.get(i).map(|x| x.start.as_str())).collect();
    let on_sale = e.instances.iter().any(|&i| sale_state(world, i).is_selling());
    let first = starts.iter().min().copied().unwrap_or("");
    let last = starts.iter().max().copied().unwrap_or("");
    let dates = if day(first) == day(last) { day(first) } else { format!("{} - {}", day(first), day(last)) };
    json!({
        "id": e.id, "name": e.name, "description": e.description, "duration": e.duration,
        "isOnSale": on_sale, "instanceDates": dates,
        "firstInstanceDateTime": first, "lastInstanceDateTime": last,
    })
}

pub fn instance_json(world: &World, i: &Instance) -> Value {
    let plan = world.plans.get(i.plan);
    let sale = world.instance_index(&i.id).map(|index| sale_state(world, index)).unwrap_or_default();
    if let Some(captured) = &i.captured {
        return captured.instance_json(sale.on_sale, sale.cancelled, &sale.start_selling_at_web);
    }
    json!({
        "id": i.id,
        "planId": plan.map(|p| p.id.clone()),
        "priceList": {"id": world.price_lists.get(i.price_list).map(|p| p.id.clone())},
        "event": {"id": world.events.get(i.event).map(|e| e.id.clone())},
        "start": i.start,
        "startUtc": i.start_utc,
        "isOnSale": sale.on_sale,
        "cancelled": sale.cancelled,
        "startSellingAtWeb": sale.start_selling_at_web,
        "stopSellingAtWeb": i.start,
        "webInstanceId": i.web_instance_id,
        "hasBestAvailableOverlay": i.overlay,
        "attribute_Venue": plan.map(|p| p.venue),
        "attribute_AccessPerformance": "",
    })
}

pub fn price_list_json(world: &World, i: &Instance) -> Value {
    let Some(price_list) = world.price_lists.get(i.price_list) else {
        return Value::Null;
    };
    let plan = world.plans.get(price_list.plan);
    let prices: Vec<Value> = price_list
        .prices
        .iter()
        .map(|p| {
            let band = plan.and_then(|x| x.bands.get(p.band));
            let ticket_type = world.ticket_types.get(p.ticket_type);
            json!({
                "amount": p.amount, "isBandDefault": p.is_default,
                "priceBand": {"id": band.map(|b| b.id.clone()), "name": band.map(|b| b.name.clone())},
                "ticketType": {"id": ticket_type.map(|t| t.id.clone()), "name": ticket_type.map(|t| t.name.clone())},
            })
        })
        .collect();
    json!({"id": price_list.id, "prices": prices})
}
