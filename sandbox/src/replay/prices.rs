//! The captured price list: its bands (ids and names), ticket types and
//! prices, read record by record — a price whose amount cannot be read is
//! left out and reported, never fatal.

use serde_json::Value;

use super::capture::Exchange;
use super::instance::{flag, nested_id};
use crate::decode::id_str;

/// One price: indices into `CapturedPrices::bands` and `ticket_types`.
#[derive(Clone, Debug, PartialEq)]
pub struct CapturedPrice {
    pub band: usize,
    pub ticket_type: usize,
    pub amount: f64,
    pub is_default: bool,
}

#[derive(Debug, Default)]
pub struct CapturedPrices {
    pub id: Option<String>,
    /// (id, name), in the order the prices name them.
    pub bands: Vec<(String, String)>,
    pub ticket_types: Vec<(String, String)>,
    pub prices: Vec<CapturedPrice>,
    pub notes: Vec<String>,
}

/// An amount as a number or as text (`"35.00"`); negative or unreadable is `None`.
fn amount(v: Option<&Value>) -> Option<f64> {
    let n = match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite() && *n >= 0.0)
}

fn name_of(v: Option<&Value>) -> Option<String> {
    match v?.get("name")? {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// The index of `id` in `list`, adding it (named `name`, or `fallback`
/// followed by its position) when new.
fn index_of(list: &mut Vec<(String, String)>, id: String, name: Option<String>, fallback: &str) -> usize {
    if let Some(i) = list.iter().position(|(known, _)| *known == id) {
        return i;
    }
    let name = name.unwrap_or_else(|| format!("{fallback} {}", list.len() + 1));
    list.push((id, name));
    list.len() - 1
}

/// Reads a price list body; `None` with notes when it is not one.
pub fn read(exchange: &Exchange) -> CapturedPrices {
    let mut out = CapturedPrices::default();
    let body = if exchange.succeeded() { exchange.json() } else { None };
    let Some(Value::Object(o)) = body else {
        out.notes.push(format!("{}: no prices could be read ({})", exchange.label(), exchange.describe()));
        return out;
    };
    out.id = o.get("id").and_then(id_str);
    let Some(list) = o.get("prices").and_then(Value::as_array) else {
        out.notes.push(format!("{}: there is no \"prices\" list", exchange.label()));
        return out;
    };
    let mut skipped = 0;
    for price in list {
        let band = nested_id(price.get("priceBand"));
        let ticket_type = nested_id(price.get("ticketType"));
        let (Some(band), Some(ticket_type), Some(amount)) = (band, ticket_type, amount(price.get("amount"))) else {
            skipped += 1;
            continue;
        };
        let band = index_of(&mut out.bands, band, name_of(price.get("priceBand")), "Band");
        let ticket_type = index_of(&mut out.ticket_types, ticket_type, name_of(price.get("ticketType")), "Ticket type");
        if out.prices.iter().any(|p| p.band == band && p.ticket_type == ticket_type) {
            skipped += 1;
            continue;
        }
        let is_default = flag(price.get("isBandDefault")).unwrap_or(false);
        out.prices.push(CapturedPrice { band, ticket_type, amount, is_default });
    }
    if skipped > 0 {
        out.notes.push(format!(
            "{}: {skipped} price(s) without a band, ticket type or readable amount, or repeating one, left out",
            exchange.label()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn exchange(body: Value) -> Exchange {
        Exchange {
            name: "price-list".into(),
            method: "GET".into(),
            path: "instances/1/price-list".into(),
            status: 200,
            content_type: Some("application/json".into()),
            body: body.to_string(),
            error: None,
        }
    }

    #[test]
    fn prices_are_read_record_by_record() {
        let prices = read(&exchange(json!({"id": 77, "prices": [
            {"amount": "35.00", "isBandDefault": true, "priceBand": {"id": 1, "name": "Stalls"}, "ticketType": {"id": "T1"}},
            {"amount": 20, "priceBand": "1", "ticketType": {"id": "T2", "name": "Child"}, "new": null},
            {"amount": "free", "priceBand": {"id": 2}, "ticketType": {"id": "T1"}},
            {"amount": 9, "priceBand": null, "ticketType": {"id": "T1"}},
            {"amount": 30, "priceBand": {"id": 3}, "ticketType": {"id": "T1"}}
        ]})));
        assert_eq!(prices.id.as_deref(), Some("77"));
        assert_eq!(prices.bands, [("1".into(), "Stalls".into()), ("3".into(), "Band 2".into())]);
        assert_eq!(prices.ticket_types, [("T1".into(), "Ticket type 1".into()), ("T2".into(), "Child".into())]);
        assert_eq!(prices.prices.len(), 3);
        assert_eq!(prices.prices[0], CapturedPrice { band: 0, ticket_type: 0, amount: 35.0, is_default: true });
        assert!(prices.notes[0].contains("2 price(s)"), "{:?}", prices.notes);
    }

    #[test]
    fn a_failed_price_list_gives_no_prices_and_says_why() {
        let mut failed = exchange(json!({"errorCode": 50}));
        failed.status = 500;
        let prices = read(&failed);
        assert!(prices.prices.is_empty());
        assert!(prices.notes[0].contains("status 500"), "{:?}", prices.notes);
    }
}
