//! Words for people: what a screen reader announces for a seat and what
//! the tooltip shows. Money is formatted by the caller (the browser's
//! `Intl.NumberFormat` in the shell; a plain formatter in tests).

use crate::availability::Availability;
use crate::plan::Plan;
use crate::prices::PriceList;
use crate::rules::SeatIndex;
use crate::seat_state::{reason, SeatState};

/// Formats an amount in the venue's currency.
pub trait Money {
    /// The amount as text ("£35.00").
    fn money(&self, amount: f64) -> String;
}

/// "Row C, seat 12, Stalls, Band A, Adult £35.00, available" (plus the reason, if any).
pub fn seat_label(
    plan: &Plan,
    prices: &PriceList,
    availability: &Availability,
    state: SeatState,
    seat: SeatIndex,
    money: &dyn Money,
) -> String {
    let s = plan.seat(seat);
    let a = availability.seat(seat);
    let mut parts: Vec<String> = Vec::with_capacity(6);
    if !s.row.is_empty() {
        parts.push(crate::seat_markup::row_group_label(&s.row));
    }
    if !s.number.is_empty() {
        parts.push(format!("seat {}", s.number));
    } else if !s.name.is_empty() {
        parts.push(format!("seat {}", s.name));
    }
    if let Some(area) = plan.area_path(s.area).last() {
        parts.push((*area).to_owned());
    }
    if let Some(band) = a.band.map(|b| prices.band(b)) {
        parts.push(band.name.to_string());
        // The price this buyer pays unless they pick another ticket type
        // (issue 11: "from" the child price misled an adult).
        if let Some((kind, price)) = band.default_type.and_then(|t| band.price_of(t).map(|p| (t, p))) {
            parts.push(format!("{} {}", prices.ticket_type(kind).name, money.money(price)));
        }
    }
    parts.push(state_words(state).to_owned());
    if let Some(why) = reason(a, availability, state) {
        parts.push(why);
    }
    parts.join(", ")
}

/// The state as a screen reader should say it.
pub fn state_words(state: SeatState) -> &'static str {
    match state {
        SeatState::Available => "available",
        SeatState::Info => "available",
        SeatState::Wheelchair => "available",
        SeatState::HeldForYou => "available",
        SeatState::HeldForOthers => "unavailable",
        SeatState::Unavailable => "unavailable",
        SeatState::Selected => "selected",
        SeatState::InBasket => "in your basket",
        SeatState::Unknown => "availability not known yet",
    }
}

/// A short seat name for messages: "C12" or "Stalls C12".
pub fn seat_short_name(plan: &Plan, seat: SeatIndex) -> String {
    let s = plan.seat(seat);
    let name = if s.name.is_empty() { format!("{}{}", s.row, s.number) } else { s.name.to_string() };
    match plan.area_path(s.area).last() {
        Some(area) => format!("{area} {name}"),
        None => name,
    }
}

/// "C12", "C12 and C13", "C12, C13 and D4".
pub fn list_seats(plan: &Plan, seats: &[SeatIndex]) -> String {
    let names: Vec<String> = seats.iter().map(|s| seat_short_name(plan, *s)).collect();
    match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    }
}

#[cfg(test)]
pub(crate) struct PlainMoney;

#[cfg(test)]
impl Money for PlainMoney {
    fn money(&self, amount: f64) -> String {
        format!("£{amount:.2}")
    }
}
