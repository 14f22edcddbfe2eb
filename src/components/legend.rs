//! The legend: price bands with each ticket type's price, the seat symbols
//! (so no state relies on colour), and the lock types present with how many
//! of their seats this customer may book.

use crate::components::heading::heading;
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{seat_class, Availability, Money, SeatState, Shapes, Venue};
use yew::prelude::*;

/// What the key shows.
#[derive(Properties, PartialEq)]
pub struct LegendProps {
    /// The performance.
    pub venue: Shared<Venue>,
    /// Current availability (which bands, states and locks are on the map).
    pub availability: Shared<Availability>,
    /// Money formatting.
    pub money: Shared<Formatter>,
    /// The level of the panel's headings (`heading-level`).
    pub heading_level: u8,
}

/// A seat symbol drawn exactly as the map draws that state (and band colour).
fn symbol(shapes: &Shapes, state: SeatState, colour: Option<u16>) -> Html {
    html! {
        <svg class="seatmap-legend-symbol" viewBox="-12 -12 24 24" width="18" height="18" aria-hidden="true">
            <path class={seat_class(state, colour)} d={shapes.d(0.0, 0.0, state)} />
        </svg>
    }
}

#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    let prices = &props.venue.prices;
    // Every symbol's outline, written once per render (not once per symbol: ~4 ms of the first render).
    let shapes = Shapes::new(20.0);
    // Only bands that are on this map.
    let mut used = vec![false; prices.bands.len()];
    for seat in &props.availability.seats {
        if let Some(b) = seat.band {
            used[b.0 as usize] = true;
        }
    }
    for (_, area) in &props.availability.unreserved {
        if let Some(b) = area.band {
            used[b.0 as usize] = true;
        }
    }
    let bands = prices.bands.iter().enumerate().filter(|(i, _)| used[*i]).map(|(_, band)| {
        let rows = band.prices.iter().map(|(t, amount)| {
            html! { <li><span>{ prices.ticket_type(*t).name.to_string() }</span> <span class="seatmap-price">{ props.money.money(*amount) }</span></li> }
        });
        html! {
            <li class="seatmap-legend-band">
                { symbol(&shapes, SeatState::Available, Some(band.colour)) }
                <span class="seatmap-legend-name">{ band.name.to_string() }</span>
                <ul class="seatmap-legend-prices">{ for rows }</ul>
            </li>
        }
    });
    let present = SeatState::in_key(&props.availability);
    let states =
        present.into_iter().map(|s| html! { <li>{ symbol(&shapes, s, None) }<span>{ s.legend() }</span></li> });
    let summary = props.availability.lock_summary();
    let has_locks = !summary.is_empty();
    let locks = summary.into_iter().filter_map(|(ix, open, total)| {
        let lock = props.availability.lock(ix)?;
        let text = if open > 0 {
            format!("{}: {} of {} seats available to you", lock.name, open, total)
        } else {
            match &lock.description {
                Some(d) => format!("{}: {} seats. {}", lock.name, total, d),
                None => format!("{}: {} seats, not on sale online", lock.name, total),
            }
        };
        Some(html! { <li data-testid="lock-summary" data-lock={lock.name.to_string()} data-available={open.to_string()}>{ text }</li> })
    });
    html! {
        <section class="seatmap-legend" aria-label="Key">
            { heading(props.heading_level, "Prices") }
            <ul class="seatmap-legend-bands">{ for bands }</ul>
            { heading(props.heading_level, "Key") }
            <ul class="seatmap-legend-states">{ for states }</ul>
            if has_locks {
                { heading(props.heading_level, "Held seats") }
                <ul class="seatmap-legend-locks">{ for locks }</ul>
            }
        </section>
    }
}
