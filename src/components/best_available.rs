//! Best available: how many tickets, optionally a band or area; the box
//! office picks the seats (`POST basket/tickets/best-available`). Shown only
//! when the performance has a best-available overlay.

use crate::components::heading::heading;
use crate::hooks::use_operations::BestRequest;
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{AreaIndex, BandIndex, Money, TicketTypeIndex, Venue};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the panel shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct BestAvailableProps {
    /// The performance.
    pub venue: Shared<Venue>,
    /// The counts that may be asked for (from the core's rules).
    pub counts: Rc<[u32]>,
    /// Tickets for this performance already in the basket.
    pub in_basket: u32,
    /// A best-available request is under way.
    pub finding: bool,
    /// Any basket operation is under way, or the performance cannot be booked.
    pub disabled: bool,
    /// Money formatting.
    pub money: Shared<Formatter>,
    /// The customer asked.
    pub on_request: Callback<BestRequest>,
    /// The level of the panel's heading (`heading-level`).
    pub heading_level: u8,
}

#[function_component(BestAvailable)]
pub fn best_available(props: &BestAvailableProps) -> Html {
    let quantity = use_node_ref();
    let ticket_type = use_node_ref();
    let band = use_node_ref();
    let area = use_node_ref();
    let venue = &props.venue;
    if !venue.instance.best_available {
        return html! {};
    }
    let prices = &venue.prices;
    let in_basket = props.in_basket;
    let counts = &props.counts;
    let preselect = if counts.contains(&2) { 2 } else { counts.first().copied().unwrap_or(0) };
    if counts.is_empty() {
        return html! {
            <section class="seatmap-best" aria-label="Best available" data-testid="best-available">
                { heading(props.heading_level, "Best available") }
                <p data-testid="best-none">{ format!(
                    "Your basket already holds {in_basket} {} for this performance: no more can be added to this order.",
                    if in_basket == 1 { "ticket" } else { "tickets" }
                ) }</p>
            </section>
        };
    }
    let busy = props.finding;
    let onsubmit = {
        let (quantity, ticket_type, band, area) = (quantity.clone(), ticket_type.clone(), band.clone(), area.clone());
        let on_request = props.on_request.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let Ok(q) = read(&quantity).parse::<u32>() else { return };
            let Ok(t) = read(&ticket_type).parse::<u16>() else { return };
            on_request.emit(BestRequest {
                quantity: q,
                ticket_type: TicketTypeIndex(t),
                band: read(&band).parse::<u16>().ok().map(BandIndex),
                area: read(&area).parse::<u32>().ok().map(AreaIndex),
            });
        })
    };
    let cheapest = |t: TicketTypeIndex| prices.bands.iter().filter_map(|b| b.price_of(t)).min_by(f64::total_cmp);
    html! {
        <section class="seatmap-best" aria-label="Best available" data-testid="best-available">
            { heading(props.heading_level, "Best available") }
            <form {onsubmit}>
                <label>{"Tickets"}
                    <select ref={quantity} data-testid="best-quantity">
                        { for counts.iter().map(|&n| html! { <option value={n.to_string()} selected={n == preselect}>{ n }</option> }) }
                    </select>
                </label>
                <label>{"Ticket type"}
                    <select ref={ticket_type} data-testid="best-type">
                        { for prices.types.iter().enumerate().map(|(i, t)| html! {
                            <option value={i.to_string()} selected={i == 0}>{ format!("{}{}", t.name, cheapest(TicketTypeIndex(i as u16)).map(|p| format!(" from {}", props.money.money(p))).unwrap_or_default()) }</option>
                        }) }
                    </select>
                </label>
                <label>{"Price band"}
                    <select ref={band} data-testid="best-band">
                        <option value="" selected=true>{"Any"}</option>
                        { for prices.bands.iter().enumerate().map(|(i, b)| html! { <option value={i.to_string()}>{ b.name.to_string() }</option> }) }
                    </select>
                </label>
                <label>{"Area"}
                    <select ref={area} data-testid="best-area">
                        <option value="" selected=true>{"Any"}</option>
                        { for venue.plan.zoomable_areas().filter(|(ix, _)| !venue.plan.areas.iter().any(|a| a.parent == Some(*ix)))
                            .map(|(ix, a)| html! { <option value={ix.0.to_string()}>{ a.name.to_string() }</option> }) }
                    </select>
                </label>
                <button type="submit" part="button primary-button" class="seatmap-primary" disabled={props.disabled} data-testid="best-submit">
                    { if busy { "Finding seats…" } else { "Find seats" } }
                </button>
            </form>
        </section>
    }
}
