//! The seat tooltip, on hover and on keyboard focus: row, seat, area, band,
//! the price of each ticket type, and why the seat is as it is.
//!
//! It stays inside the map: above the seat where there is room, else below
//! it, and shifted sideways off the edges. Placed through the CSSOM once it
//! has been measured (no `style` attribute: a strict CSP blocks those).

use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{fixed, place_tooltip, reason, row_group_label, Availability, Money, SeatIndex, SeatState, Venue};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TooltipProps {
    pub venue: Shared<Venue>,
    pub availability: Shared<Availability>,
    pub state: SeatState,
    pub seat: SeatIndex,
    pub money: Shared<Formatter>,
    /// The seat's centre in pixels from the map's top-left corner.
    pub x: f64,
    pub y: f64,
    /// The seat's radius on screen, px.
    pub radius: f64,
    /// The map's size on screen, px.
    pub width: f64,
    pub height: f64,
}

#[function_component(Tooltip)]
pub fn tooltip(props: &TooltipProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        let key = (
            props.x.to_bits(),
            props.y.to_bits(),
            props.seat,
            props.state,
            props.width.to_bits(),
            props.height.to_bits(),
        );
        let (x, y, r, width, height) = (props.x, props.y, props.radius, props.width, props.height);
        use_effect_with(key, move |_| {
            if let Some(el) = node.cast::<web_sys::HtmlElement>() {
                let (w, h) = (el.offset_width() as f64, el.offset_height() as f64);
                let (left, top) = place_tooltip((x, y), r, (w, h), (width, height));
                let style = el.style();
                let _ = style.set_property("left", &format!("{}px", fixed(left, 0)));
                let _ = style.set_property("top", &format!("{}px", fixed(top, 0)));
                let _ = el.class_list().add_1("is-placed");
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
        (false, false) => format!("{}, seat {}", row_group_label(&seat.row), seat.number),
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
             data-for={seat.id.to_string()} ref={node}>
            <strong>{ title }</strong>
            if !area.is_empty() { <div class="seatmap-tooltip-area">{ area }</div> }
            if let Some(b) = band { <div class="seatmap-tooltip-band">{ b.name.to_string() }</div> }
            if let Some(prices) = prices { <ul class="seatmap-tooltip-prices">{ for prices }</ul> }
            <div class={classes!("seatmap-tooltip-state", format!("is-{}", props.state.name()))}>{ props.state.legend() }</div>
            if let Some(why) = why { <div class="seatmap-tooltip-reason">{ why }</div> }
        </div>
    }
}
