//! The customer's Spektrix basket as the widget shows it.
//!
//! A basket may hold tickets for other performances too; those are listed
//! but not tied to this map's seats.

use crate::core::plan::{AreaIx, Plan};
use crate::core::prices::PriceList;
use crate::core::rules::SeatIx;
use crate::core::wire;
use std::rc::Rc;

#[derive(Debug, Clone, PartialEq)]
pub struct Ticket {
    pub id: Rc<str>,
    /// The seat on this map, when the ticket is for this performance and a reserved seat.
    pub seat: Option<SeatIx>,
    /// The unreserved area on this map, when it is a standing ticket for this performance.
    pub area: Option<AreaIx>,
    pub for_this_performance: bool,
    /// "Stalls C12", or the area name for unreserved tickets.
    pub description: String,
    pub ticket_type: String,
    pub band: String,
    pub price: f64,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Basket {
    pub id: Option<Rc<str>>,
    /// Changes whenever the basket does.
    pub hash: Option<Rc<str>>,
    pub tickets: Vec<Ticket>,
    pub total: f64,
}

impl Basket {
    /// Converts the wire basket, resolving seats and names against this
    /// performance's plan and price list.
    pub fn from_wire(wire: wire::Basket, instance_id: &str, plan: &Plan, prices: &PriceList) -> Basket {
        let tickets: Vec<Ticket> =
            wire.tickets.unwrap_or_default().into_iter().filter_map(|t| ticket(t, instance_id, plan, prices)).collect();
        let sum: f64 = tickets.iter().map(|t| t.price).sum();
        Basket {
            id: wire.id.map(|i| i.0.into()),
            hash: wire.hash.map(|h| h.0.into()),
            total: wire.total.filter(|t| t.is_finite() && *t >= 0.0).unwrap_or(sum),
            tickets,
        }
    }

    pub fn tickets_here(&self) -> impl Iterator<Item = &Ticket> {
        self.tickets.iter().filter(|t| t.for_this_performance)
    }

    pub fn seats_here(&self) -> impl Iterator<Item = SeatIx> + '_ {
        self.tickets_here().filter_map(|t| t.seat)
    }
}

fn ticket(t: wire::Ticket, instance_id: &str, plan: &Plan, prices: &PriceList) -> Option<Ticket> {
    let id: Rc<str> = t.id?.0.into();
    let for_this_performance = t.instance.as_ref().and_then(|r| r.id.as_deref()) == Some(instance_id);
    let seat =
        t.seat.as_ref().and_then(|r| r.id.as_deref()).filter(|_| for_this_performance).and_then(|s| plan.seat_by_id(s));
    let area = t
        .seating_plan
        .as_ref()
        .and_then(|r| r.id.as_deref())
        .filter(|_| for_this_performance && seat.is_none())
        .and_then(|a| plan.area_by_id(a));
    let named = |r: &Option<wire::Ref>, lookup: &dyn Fn(&str) -> Option<String>| -> String {
        r.as_ref().and_then(|r| r.name.clone().or_else(|| r.id.as_deref().and_then(lookup))).unwrap_or_default()
    };
    let ticket_type = named(&t.r#type, &|id| prices.type_by_id(id).map(|i| prices.ticket_type(i).name.to_string()));
    let band = named(&t.band, &|id| prices.band_by_id(id).map(|b| prices.band(b).name.to_string()));
    let seat_name = t.seat_name.map(|n| n.0).filter(|n| !n.is_empty());
    let plan_name = t.plan_name.filter(|n| !n.is_empty());
    let description = match (plan_name, seat_name) {
        (Some(p), Some(s)) => format!("{p} {s}"),
        (None, Some(s)) => s,
        (Some(p), None) => p,
        (None, None) => match (seat, area) {
            (Some(s), _) => crate::core::labels::seat_short_name(plan, s),
            (None, Some(a)) => plan.area(a).name.to_string(),
            _ => "Ticket".to_owned(),
        },
    };
    let price = t.total.or(t.price).filter(|p| p.is_finite()).unwrap_or(0.0);
    Some(Ticket { id, seat, area, for_this_performance, description, ticket_type, band, price })
}
