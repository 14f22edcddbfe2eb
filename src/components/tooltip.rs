//! The seat tooltip, on hover and on keyboard focus: row, seat, area, band,
//! the price of each ticket type, and why the seat is as it is.

use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{fixed, reason, Availability, Money, SeatIndex, SeatState, Venue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TooltipProps {
    pub venue: Shared<Venue>,
    pub availability: Shared<Availability>,
    pub state: SeatState,
    pub seat: SeatIndex,
    pub money: Shared<Formatter>,
    /// Anchor in pixels from the map's top-left corner.
    pub x: f64,
    pub y: f64,
}

#[function_component(Tooltip)]
pub fn tooltip(props: &TooltipProps) -> Html {
    // Placed through the CSSOM, not a `style` attribute (blocked by a strict CSP).
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((props.x.to_bits(), props.y.to_bits()), move |(x, y)| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let style = el.style();
                let _ = style.set_property("left", &format!("{}px", fixed(f64::from_bits(*x), 0)));
                let _ = style.set_property("top", &format!("{}px", fixed(f64::from_bits(*y), 0)));
            }
            || ()
        });
    }
    let plan = &props.venue.plan;
    let seat = plan.seat(props.seat);
    let a = props.availability.seat(props.seat);
    let band = a.band.map(|b| props.venue.prices.band(b));
    let area = plan.area_path(seat.area).join(" › ");
    let title = match (seat.row.is_empty(), seat.number.is_empty()) {
        (false, false) => format!("Row {}, seat {}", seat.row, seat.number),
        _ => format!("Seat {}", seat.name),
    };
    let prices = band.map(|b| {
        b.prices.iter().map(|(t, amount)| {
            html! { <li><span>{ props.venue.prices.ticket_type(*t).name.to_string() }</span><span>{ props.money.money(*amount) }</span></li> }
        })
    });
    let why = reason(a, &props.availability, props.state);
    html! {
        <div class="seatmap-tooltip" part="tooltip" role="presentation" aria-hidden="true" data-testid="tooltip"
             ref={node}>
            <strong>{ title }</strong>
            if !area.is_empty() { <div class="seatmap-tooltip-area">{ area }</div> }
            if let Some(b) = band { <div class="seatmap-tooltip-band">{ b.name.to_string() }</div> }
            if let Some(prices) = prices { <ul class="seatmap-tooltip-prices">{ for prices }</ul> }
            <div class={classes!("seatmap-tooltip-state", format!("is-{}", props.state.name()))}>{ props.state.legend() }</div>
            if let Some(why) = why { <div class="seatmap-tooltip-reason">{ why }</div> }
        </div>
    }
}
