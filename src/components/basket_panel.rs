//! "Your basket": tickets with remove buttons, the total, how long the box
//! office holds them, an offer to remove tickets added twice, and the way on
//! to the venue's checkout (payment never happens in the widget). Until the
//! first read answers it says it is checking — never "empty" on a guess.

use crate::components::heading::heading;
use crate::components::hold_timer::HoldTimer;
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{BasketView, ExtraTickets, Money, Venue};
use std::rc::Rc;
use yew::prelude::*;

/// What the panel shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct BasketPanelProps {
    /// The basket as last read.
    pub basket: BasketView,
    /// The performance, to name seats.
    pub venue: Shared<Venue>,
    /// Tickets beyond what was asked for, if any.
    pub extra: Option<ExtraTickets>,
    /// A removal is under way.
    pub removing: bool,
    /// When the basket last changed (Unix ms), while it holds tickets.
    pub changed_ms: Option<f64>,
    /// How long the box office holds a basket, in ms (`basket-timeout`).
    pub timeout_ms: u32,
    /// The venue's checkout page (the `checkout-url` attribute); no link if absent.
    pub checkout_url: Option<AttrValue>,
    /// Money formatting.
    pub money: Shared<Formatter>,
    /// Remove these tickets.
    pub on_remove: Callback<Vec<Rc<str>>>,
    /// The hold ran out.
    pub on_expired: Callback<()>,
    /// The level of the panel's heading (`heading-level`).
    pub heading_level: u8,
    /// The panel: focus moves here after tickets are added.
    pub section_ref: NodeRef,
}

#[function_component(BasketPanel)]
pub fn basket_panel(props: &BasketPanelProps) -> Html {
    let Some(basket) = props.basket.contents.clone() else {
        let text = if props.basket.failures > 0 {
            "We couldn't read your basket yet. We'll keep trying."
        } else {
            "Checking your basket…"
        };
        return html! {
            <section class="seatmap-basket" aria-label="Your basket" data-testid="basket-panel" aria-busy="true"
                     ref={props.section_ref.clone()} tabindex="-1">
                { heading(props.heading_level, "Your basket") }
                <p class="seatmap-hint" data-testid="basket-checking">{ text }</p>
            </section>
        };
    };
    if basket.tickets.is_empty() {
        return html! {
            <section class="seatmap-basket" aria-label="Your basket" data-testid="basket-panel"
                     ref={props.section_ref.clone()} tabindex="-1">
                { heading(props.heading_level, "Your basket") }
                <p class="seatmap-hint">{"Your basket is empty."}</p>
            </section>
        };
    }
    let rows = basket.tickets.iter().map(|t| {
        let id = t.id.clone();
        let onclick = props.on_remove.reform(move |_: MouseEvent| vec![id.clone()]);
        html! {
            <li class="seatmap-ticket" data-ticket-id={t.id.to_string()}
                data-seat-id={t.seat.map(|s| props.venue.plan.seat(s).id.to_string())}>
                <span class="seatmap-ticket-name">{ t.description.clone() }</span>
                <span class="seatmap-ticket-type">{ t.ticket_type.clone() }</span>
                if !t.for_this_performance { <span class="seatmap-ticket-other">{"another performance"}</span> }
                <span class="seatmap-price">{ props.money.money(t.price) }</span>
                <button type="button" class="seatmap-link" {onclick} disabled={props.removing}
                        aria-label={format!("Remove {} from your basket", t.description)} data-testid="remove-ticket">{"Remove"}</button>
            </li>
        }
    });
    let extra = props.extra.clone().map(|extra| {
        let ids = extra.ticket_ids.clone();
        let onclick = props.on_remove.reform(move |_: MouseEvent| ids.clone());
        html! {
            <div class="seatmap-problem" data-testid="extra-tickets">
                { format!("Your basket has {} more than you asked for.", extra.ticket_ids.len()) }
                <button type="button" class="seatmap-fix" {onclick} disabled={props.removing} data-testid="remove-extra">
                    { format!("Remove the {} extra", extra.ticket_ids.len()) }
                </button>
            </div>
        }
    });
    html! {
        <section class="seatmap-basket" aria-label="Your basket" data-testid="basket-panel"
                 ref={props.section_ref.clone()} tabindex="-1">
            { heading(props.heading_level, "Your basket") }
            <ul class="seatmap-tickets">{ for rows }</ul>
            { for extra }
            <p class="seatmap-total">{"Total: "}<strong data-testid="basket-total">{ props.money.money(basket.total) }</strong></p>
            if let Some(changed) = props.changed_ms {
                <HoldTimer changed_ms={changed} timeout_ms={props.timeout_ms} on_expired={props.on_expired.clone()} />
            }
            if let Some(url) = props.checkout_url.clone() {
                <a part="button primary-button" class="seatmap-primary seatmap-checkout" href={url} data-testid="checkout">{"Go to checkout"}</a>
            }
        </section>
    }
}
