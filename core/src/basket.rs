//! The customer's Spektrix basket as the widget shows it.
//!
//! A basket may hold tickets for other performances too; those are listed
//! but not tied to this map's seats.

use crate::plan::{AreaIndex, Plan};
use crate::prices::{PriceList, TicketTypeIndex};
use crate::rules::SeatIndex;
use crate::wire;
use crate::wire::lenient::Record;
use std::rc::Rc;

/// A ticket in the basket.
#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    /// Its id (used to remove it).
    pub id: Rc<str>,
    /// The seat on this map, when the ticket is for this performance and a reserved seat.
    pub seat: Option<SeatIndex>,
    /// The unreserved area on this map, when it is a standing ticket for this performance.
    pub area: Option<AreaIndex>,
    /// Whether it is for the performance on this map.
    pub for_this_performance: bool,
    /// "Stalls C12", or the area name for unreserved tickets.
    pub description: String,
    /// The ticket type's name ("Adult").
    pub ticket_type: String,
    /// The ticket type on this performance's price list, when it is on it.
    pub ticket_type_index: Option<TicketTypeIndex>,
    /// The price band's name.
    pub band: String,
    /// What it costs.
    pub price: f64,
}

/// The customer's Spektrix basket.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Basket {
    /// Its id.
    pub id: Option<Rc<str>>,
    /// Changes whenever the basket does.
    pub hash: Option<Rc<str>>,
    /// Every ticket, for any performance.
    pub tickets: Vec<Ticket>,
    /// The total, as the box office gave it (or the sum of the tickets).
    pub total: f64,
}

impl Basket {
    /// Converts the wire basket, resolving seats and names against this
    /// performance's plan and price list.
    pub(crate) fn build(wire: wire::Basket<'_>, instance_id: &str, plan: &Plan, prices: &PriceList) -> Basket {
        let tickets = tickets(wire.tickets.records(), instance_id, plan, prices);
        let sum: f64 = tickets.iter().map(|t| t.price).sum();
        Basket {
            id: wire.id.text().map(Into::into),
            hash: wire.hash.text().map(Into::into),
            total: wire.total.value().filter(|t| *t >= 0.0).unwrap_or(sum),
            tickets,
        }
    }

    /// Tickets for this performance.
    pub fn tickets_here(&self) -> impl Iterator<Item = &Ticket> {
        self.tickets.iter().filter(|t| t.for_this_performance)
    }

    /// Seats on this map that are in the basket.
    pub fn seats_here(&self) -> impl Iterator<Item = SeatIndex> + '_ {
        self.tickets_here().filter_map(|t| t.seat)
    }
}

/// Tickets from a list (the basket's, or the answer to an add), resolved
/// against this performance. A ticket without an id is left out.
pub(crate) fn tickets(
    records: &[Record<wire::Ticket<'_>>],
    instance_id: &str,
    plan: &Plan,
    prices: &PriceList,
) -> Vec<Ticket> {
    records
        .iter()
        .filter_map(|r| match r {
            Record::Ok(t) => ticket(t, instance_id, plan, prices),
            Record::Bad(_) => None,
        })
        .collect()
}

fn ticket(t: &wire::Ticket<'_>, instance_id: &str, plan: &Plan, prices: &PriceList) -> Option<Ticket> {
    let id: Rc<str> = t.id.text()?.into();
    let for_this_performance = t.instance.id() == Some(instance_id);
    let seat = t.seat.id().filter(|_| for_this_performance).and_then(|s| plan.seat_by_id(s));
    let area = t.seating_plan.id().filter(|_| for_this_performance && seat.is_none()).and_then(|a| plan.area_by_id(a));
    let named = |r: &wire::lenient::Ref<'_>, lookup: &dyn Fn(&str) -> Option<String>| -> String {
        r.name().map(str::to_owned).or_else(|| r.id().and_then(lookup)).unwrap_or_default()
    };
    let kind = if t.kind.id().is_some() { &t.kind } else { &t.ticket_type };
    let ticket_type_index = kind.id().and_then(|id| prices.type_by_id(id));
    let ticket_type = named(kind, &|id| prices.type_by_id(id).map(|i| prices.ticket_type(i).name.to_string()));
    let band = named(&t.band, &|id| prices.band_by_id(id).map(|b| prices.band(b).name.to_string()));
    let seat_name = t.seat_name.text().map(str::to_owned);
    let plan_name = t.plan_name.text().map(str::to_owned);
    let description = match (plan_name, seat_name) {
        (Some(p), Some(s)) => format!("{p} {s}"),
        (None, Some(s)) => s,
        (Some(p), None) => p,
        (None, None) => match (seat, area) {
            (Some(s), _) => crate::labels::seat_short_name(plan, s),
            (None, Some(a)) => plan.area(a).name.to_string(),
            _ => "Ticket".to_owned(),
        },
    };
    let price = t.total.value().or(t.price.value()).unwrap_or(0.0);
    Some(Ticket { id, seat, area, for_this_performance, description, ticket_type, ticket_type_index, band, price })
}
