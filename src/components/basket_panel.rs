//! "Your basket": tickets with remove buttons, the total, and the way on
//! to the venue's checkout (payment never happens in the widget).

use seatmap_core::basket::Ticket;
use seatmap_core::labels::Money;
use seatmap_core::state::Busy;
use crate::money::Formatter;
use crate::shared::Shared;
use crate::store::Store;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BasketPanelProps {
    pub state: UseReducerHandle<Store>,
    pub money: Shared<Formatter>,
    /// The venue's checkout page (the `checkout-url` attribute); no link if absent.
    pub checkout_url: Option<AttrValue>,
    pub on_remove: Callback<Vec<String>>,
}

#[function_component(BasketPanel)]
pub fn basket_panel(props: &BasketPanelProps) -> Html {
    let Some(basket) = props.state.basket.clone() else { return html! {} };
    if basket.tickets.is_empty() {
        return html! {
            <section class="seatmap-basket" aria-label="Your basket" data-testid="basket-panel">
                <h3>{"Your basket"}</h3>
                <p class="seatmap-hint">{"Your basket is empty."}</p>
            </section>
        };
    }
    let removing = props.state.busy == Some(Busy::Removing);
    let rows = basket.tickets.iter().map(|t: &Ticket| {
        let on_remove = props.on_remove.clone();
        let id = t.id.to_string();
        let onclick = Callback::from(move |_: MouseEvent| on_remove.emit(vec![id.clone()]));
        html! {
            <li class="seatmap-ticket" data-ticket-id={t.id.to_string()}
                data-seat-id={t.seat.and_then(|s| props.state.plan().map(|p| p.seat(s).id.to_string()))}>
                <span class="seatmap-ticket-name">{ t.description.clone() }</span>
                <span class="seatmap-ticket-type">{ t.ticket_type.clone() }</span>
                if !t.for_this_performance { <span class="seatmap-ticket-other">{"another performance"}</span> }
                <span class="seatmap-price">{ props.money.money(t.price) }</span>
                <button type="button" class="seatmap-link" {onclick} disabled={removing}
                        aria-label={format!("Remove {} from your basket", t.description)} data-testid="remove-ticket">{"Remove"}</button>
            </li>
        }
    });
    html! {
        <section class="seatmap-basket" aria-label="Your basket" data-testid="basket-panel">
            <h3>{"Your basket"}</h3>
            <ul class="seatmap-tickets">{ for rows }</ul>
            <p class="seatmap-total">{"Total: "}<strong data-testid="basket-total">{ props.money.money(basket.total) }</strong></p>
            if let Some(url) = props.checkout_url.clone() {
                <a class="seatmap-primary seatmap-checkout" href={url} data-testid="checkout">{"Go to checkout"}</a>
            }
        </section>
    }
}
