//! Best available: how many tickets, optionally a band or area; the box
//! office picks the seats (`POST basket/tickets/best-available`). Shown only
//! when the performance has a best-available overlay.

use seatmap_core::labels::Money;
use seatmap_core::plan::AreaIndex;
use seatmap_core::prices::{BandIndex, TicketTypeIndex};
use seatmap_core::state::Busy;
use crate::money::Formatter;
use crate::shared::Shared;
use crate::store::Store;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the customer asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct BestRequest {
    pub quantity: u32,
    pub ticket_type: TicketTypeIndex,
    pub band: Option<BandIndex>,
    pub area: Option<AreaIndex>,
}

#[derive(Properties, PartialEq)]
pub struct BestAvailableProps {
    pub state: UseReducerHandle<Store>,
    pub money: Shared<Formatter>,
    pub on_request: Callback<BestRequest>,
}

#[function_component(BestAvailable)]
pub fn best_available(props: &BestAvailableProps) -> Html {
    let quantity = use_node_ref();
    let ticket_type = use_node_ref();
    let band = use_node_ref();
    let area = use_node_ref();
    let Some(venue) = props.state.venue.clone() else { return html! {} };
    if !venue.instance.best_available {
        return html! {};
    }
    let prices = &venue.prices;
    let rules = &props.state.rules;
    // Only quantities that keep the order within the rules, counting the
    // tickets already in the basket (e.g. pairs only: 2, 4; max-tickets).
    let max = rules.effective_max();
    let in_basket = props.state.tickets_in_basket_here();
    let total_ok = |total: u32| total <= max && rules.allowed_counts.as_ref().is_none_or(|list| list.contains(&total));
    let counts: Vec<u32> = (1..=max.saturating_sub(in_basket)).filter(|n| total_ok(in_basket + n)).collect();
    let preselect = if counts.contains(&2) { 2 } else { counts.first().copied().unwrap_or(0) };
    if counts.is_empty() {
        return html! {
            <section class="seatmap-best" aria-label="Best available" data-testid="best-available">
                <h3>{"Best available"}</h3>
                <p data-testid="best-none">{ format!(
                    "You can't book more tickets for this performance at a time: your basket already holds {in_basket}."
                ) }</p>
            </section>
        };
    }
    let busy = props.state.busy == Some(Busy::BestAvailable);
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
            <h3>{"Best available"}</h3>
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
                <button type="submit" class="seatmap-primary" disabled={props.state.busy.is_some()} data-testid="best-submit">
                    { if busy { "Finding seats…" } else { "Find seats" } }
                </button>
            </form>
        </section>
    }
}
