//! The summary bar: sticky at the bottom of the screen while the widget is
//! on it, so the next step is always in sight — "2 seats · £70 · Add to
//! basket" while something is chosen, then "2 tickets in your basket ·
//! Go to checkout". Above it, the latest message for the customer, read out
//! through a polite live region; it overlays the page, so a message never
//! pushes the map down.

use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{Money, Notice, Tone};
use yew::prelude::*;

/// What the bar shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct SummaryBarProps {
    /// Seats chosen.
    pub seats: u32,
    /// Standing places chosen.
    pub standing: u32,
    /// The choice's total at its ticket types.
    pub total: f64,
    /// "Add to basket" may be pressed.
    pub can_add: bool,
    /// An add is under way.
    pub adding: bool,
    /// A rule stops the choice from being added (the choice panel says which).
    pub blocked: bool,
    /// Tickets in the basket (every performance: one checkout pays for all).
    pub in_basket: u32,
    /// The basket's total.
    pub basket_total: f64,
    /// The venue's checkout page (`checkout-url`); without it the bar offers the basket.
    pub checkout_url: Option<AttrValue>,
    /// The box office sent the customer to its queue: the bar leads there (`None`: no queue).
    pub queue: Option<Option<AttrValue>>,
    /// The message for the customer, if any.
    pub notice: Option<Notice>,
    /// Money formatting.
    pub money: Shared<Formatter>,
    /// "Add to basket".
    pub on_add: Callback<()>,
    /// Show the choice panel (where a blocking rule is explained).
    pub on_show_choice: Callback<()>,
    /// Show the basket panel (when there is no checkout link).
    pub on_show_basket: Callback<()>,
    /// The message was dismissed.
    pub on_dismiss: Callback<()>,
}

fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[function_component(SummaryBar)]
pub fn summary_bar(props: &SummaryBarProps) -> Html {
    let chosen = props.seats + props.standing;
    let notice = props.notice.clone().map(|n| {
        let tone = match n.tone {
            Tone::Info => "is-info",
            Tone::Warning => "is-warning",
            Tone::Error => "is-error",
        };
        let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
        html! {
            <p class={classes!("seatmap-notice", tone)} data-testid="notice">
                <span class="seatmap-notice-text">{ n.text }</span>
                <button type="button" class="seatmap-dismiss" onclick={dismiss} aria-label="Dismiss message">{"×"}</button>
            </p>
        }
    });
    let summary = if chosen > 0 {
        let what = match (props.seats, props.standing) {
            (seats, 0) => count(seats, "seat", "seats"),
            (0, standing) => count(standing, "standing place", "standing places"),
            _ => count(chosen, "ticket", "tickets"),
        };
        let add = props.on_add.reform(|_: MouseEvent| ());
        let check = props.on_show_choice.reform(|_: MouseEvent| ());
        html! {
            <div class="seatmap-summary" data-testid="summary">
                <p class="seatmap-summary-text" data-testid="summary-text">
                    <strong>{ what }</strong>{" · "}{ props.money.money(props.total) }
                </p>
                if props.blocked {
                    <button type="button" class="seatmap-link" onclick={check} data-testid="summary-check">{"Check your choice"}</button>
                }
                if let Some(queue) = props.queue.clone() {
                    // The choice waits for the customer's turn (it is kept meanwhile).
                    if let Some(url) = queue {
                        <a class="seatmap-primary" href={url} data-testid="summary-queue">{"Join the queue"}</a>
                    }
                } else {
                    <button type="button" class="seatmap-primary" onclick={add} disabled={!props.can_add}
                            aria-busy={props.adding.to_string()} data-testid="summary-add">
                        { if props.adding { "Adding…" } else { "Add to basket" } }
                    </button>
                }
            </div>
        }
    } else if props.in_basket > 0 {
        let show = props.on_show_basket.reform(|_: MouseEvent| ());
        html! {
            <div class="seatmap-summary" data-testid="summary">
                <p class="seatmap-summary-text" data-testid="summary-text">
                    <strong>{ format!("{} in your basket", count(props.in_basket, "ticket", "tickets")) }</strong>
                    {" · "}{ props.money.money(props.basket_total) }
                </p>
                if let Some(url) = props.checkout_url.clone() {
                    <a class="seatmap-primary" href={url} data-testid="summary-checkout">{"Go to checkout"}</a>
                } else {
                    <button type="button" class="seatmap-primary" onclick={show} data-testid="summary-basket">{"View your basket"}</button>
                }
            </div>
        }
    } else {
        html! {}
    };
    html! {
        <div class="seatmap-summary-bar" data-testid="summary-bar">
            <div class="seatmap-live" aria-live="polite" aria-atomic="true">{ for notice }</div>
            { summary }
        </div>
    }
}
