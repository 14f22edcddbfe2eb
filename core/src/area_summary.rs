//! What the overview says about each area: places left to this buyer, the
//! price range they would pay by default (each band's default ticket type,
//! as the seat names say), and how full it is, for its colour.

use crate::availability::Availability;
use crate::labels::Money;
use crate::plan::{AreaIndex, Plan};
use crate::prices::PriceList;
use crate::seat_state::SeatState;

/// How much of an area is left, for its colour on the overview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Openness {
    /// The box office has not said yet.
    Unknown,
    /// Nothing left.
    Full,
    /// Under a tenth left.
    Few,
    /// Under half left.
    Some,
    /// Half or more left.
    Plenty,
}

impl Openness {
    /// The class and `data-state` value for the area's shape.
    pub fn name(self) -> &'static str {
        match self {
            Openness::Unknown => "unknown",
            Openness::Full => "full",
            Openness::Few => "few",
            Openness::Some => "some",
            Openness::Plenty => "plenty",
        }
    }
}

/// One area's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaSummary {
    /// The area.
    pub area: AreaIndex,
    /// Seats this buyer could choose now.
    pub open: u32,
    /// Seats in all.
    pub seats: u32,
    /// The lowest and highest default price of the open seats.
    pub prices: Option<(f64, f64)>,
    /// How full it is.
    pub openness: Openness,
}

/// A summary for every area that holds seats itself, in plan order.
pub fn summarise(
    plan: &Plan,
    prices: &PriceList,
    availability: &Availability,
    states: &[SeatState],
) -> Vec<AreaSummary> {
    let mut by_area: Vec<Option<AreaSummary>> = vec![None; plan.areas.len()];
    for (i, seat) in plan.seats.iter().enumerate() {
        let entry = by_area[seat.area.0 as usize].get_or_insert(AreaSummary {
            area: seat.area,
            open: 0,
            seats: 0,
            prices: None,
            openness: Openness::Unknown,
        });
        entry.seats += 1;
        let state = states.get(i).copied().unwrap_or(SeatState::Unknown);
        if !state.is_selectable() {
            continue;
        }
        entry.open += 1;
        let band = availability.seats.get(i).and_then(|a| a.band).map(|b| prices.band(b));
        if let Some(price) = band.and_then(|b| b.default_type.and_then(|t| b.price_of(t))) {
            entry.prices = Some(entry.prices.map_or((price, price), |(low, high)| (low.min(price), high.max(price))));
        }
    }
    by_area
        .into_iter()
        .flatten()
        .map(|mut s| {
            s.openness = match (availability.known, s.open) {
                (false, _) => Openness::Unknown,
                (true, 0) => Openness::Full,
                (true, open) if open * 10 < s.seats => Openness::Few,
                (true, open) if open * 2 < s.seats => Openness::Some,
                _ => Openness::Plenty,
            };
            s
        })
        .collect()
}

/// What assistive technology hears for an area on the overview:
/// "Block 101: 312 places left, £25.00 to £45.00. Shows its seats."
pub fn area_label(name: &str, summary: &AreaSummary, money: &dyn Money) -> String {
    let places = match (summary.openness, summary.open) {
        (Openness::Unknown, _) => "availability not known yet".to_owned(),
        (_, 0) => "no places left".to_owned(),
        (_, 1) => "1 place left".to_owned(),
        (_, n) => format!("{n} places left"),
    };
    format!(
        "{name}: {places}{}. Shows its seats.",
        price_range(summary, money).map(|p| format!(", {p}")).unwrap_or_default()
    )
}

/// "£25.00 to £45.00", or one price when they are the same.
pub fn price_range(summary: &AreaSummary, money: &dyn Money) -> Option<String> {
    let (low, high) = summary.prices?;
    Some(if low == high { money.money(low) } else { format!("{} to {}", money.money(low), money.money(high)) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;
    use crate::labels::PlainMoney;

    fn states(letters: &str) -> (Availability, Vec<SeatState>) {
        let a = fixtures::availability(letters);
        let states = a.seats.iter().map(|s| crate::seat_state::seat_state(s, &a, false)).collect();
        (a, states)
    }

    #[test]
    fn areas_count_what_this_buyer_can_choose_and_its_default_prices() {
        let plan = fixtures::plan();
        let prices = fixtures::prices();
        // Stalls: seats 1..7, Circle: 8, 9.
        let (a, s) = states("AUUUUUUAA");
        let summaries = summarise(&plan, &prices, &a, &s);
        assert_eq!(summaries.len(), 2);
        let stalls = &summaries[0];
        assert_eq!((stalls.open, stalls.seats, stalls.openness), (1, 7, Openness::Some));
        assert!(stalls.prices.is_some());
        let circle = &summaries[1];
        assert_eq!((circle.open, circle.seats, circle.openness), (2, 2, Openness::Plenty));
        let (a, s) = states("UUUUUUUUU");
        assert!(summarise(&plan, &prices, &a, &s).iter().all(|x| x.openness == Openness::Full && x.prices.is_none()));
    }

    #[test]
    fn before_the_box_office_answers_every_area_is_unknown() {
        let plan = fixtures::plan();
        let a = Availability::unknown(&plan);
        let s = vec![SeatState::Unknown; plan.seat_count()];
        let summaries = summarise(&plan, &fixtures::prices(), &a, &s);
        assert!(summaries.iter().all(|x| x.openness == Openness::Unknown && x.open == 0));
        assert_eq!(
            area_label("Stalls", &summaries[0], &PlainMoney),
            "Stalls: availability not known yet. Shows its seats."
        );
    }

    #[test]
    fn labels_say_places_and_the_price_range() {
        let s = AreaSummary {
            area: AreaIndex(1),
            open: 312,
            seats: 600,
            prices: Some((25.0, 45.0)),
            openness: Openness::Plenty,
        };
        assert_eq!(
            area_label("Block 101", &s, &PlainMoney),
            "Block 101: 312 places left, £25.00 to £45.00. Shows its seats."
        );
        let one = AreaSummary { open: 1, prices: Some((20.0, 20.0)), ..s.clone() };
        assert_eq!(area_label("Box A", &one, &PlainMoney), "Box A: 1 place left, £20.00. Shows its seats.");
        let none = AreaSummary { open: 0, prices: None, openness: Openness::Full, ..s };
        assert_eq!(area_label("Box B", &none, &PlainMoney), "Box B: no places left. Shows its seats.");
    }
}
