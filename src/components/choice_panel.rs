//! "Your choice": the chosen seats and standing places, a ticket type for
//! each, the running total, any rule problems with their one-click fixes,
//! an alternative after a seat was lost, and "Add to basket".

use crate::components::heading::heading;
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{
    list_seats, seat_short_name, Availability, Chosen, Fix, Money, Problem, RuleConfig, SeatIndex, StandingChoice,
    TicketTypeIndex, Venue, Verdict,
};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// What the panel shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct ChoicePanelProps {
    /// The performance.
    pub venue: Shared<Venue>,
    /// Current availability (bands, information texts).
    pub availability: Shared<Availability>,
    /// The seats chosen.
    pub selection: Rc<[Chosen]>,
    /// The standing places chosen.
    pub standing: Rc<[StandingChoice]>,
    /// The rules' verdict on the choice.
    pub verdict: Verdict,
    /// The venue's rules (for the words about allowed counts).
    pub rules: RuleConfig,
    /// Seats offered in place of lost ones.
    pub alternative: Option<Rc<[SeatIndex]>>,
    /// The total at the chosen ticket types.
    pub total: f64,
    /// An add is under way.
    pub adding: bool,
    /// "Add to basket" may be pressed.
    pub can_add: bool,
    /// Money formatting.
    pub money: Shared<Formatter>,
    /// A seat's ticket type changed.
    pub on_ticket_type: Callback<(SeatIndex, TicketTypeIndex)>,
    /// A seat was taken out of the choice.
    pub on_remove: Callback<SeatIndex>,
    /// The choice was cleared.
    pub on_clear: Callback<()>,
    /// A rule's fix was applied.
    pub on_fix: Callback<Fix>,
    /// The alternative was accepted (`true`) or dismissed.
    pub on_alternative: Callback<bool>,
    /// "Add to basket".
    pub on_add: Callback<()>,
    /// The level of the panel's heading (`heading-level`).
    pub heading_level: u8,
    /// The panel, for the summary bar's "Check your choice" to focus.
    pub section_ref: NodeRef,
}

#[function_component(ChoicePanel)]
pub fn choice_panel(props: &ChoicePanelProps) -> Html {
    let plan = &props.venue.plan;
    let prices = &props.venue.prices;

    let seats = props.selection.iter().map(|chosen| {
        let seat = chosen.seat;
        let band = props.availability.seat(seat).band;
        let options = band.map(|b| prices.band(b).prices.clone()).unwrap_or_default();
        let onchange = {
            let on_ticket_type = props.on_ticket_type.clone();
            Callback::from(move |e: Event| {
                if let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) {
                    if let Ok(t) = select.value().parse::<u16>() {
                        on_ticket_type.emit((seat, TicketTypeIndex(t)));
                    }
                }
            })
        };
        let remove = props.on_remove.reform(move |_: MouseEvent| seat);
        let name = seat_short_name(plan, seat);
        let info = props.availability.seat(seat).info.clone();
        html! {
            <li class="seatmap-choice" data-seat-id={plan.seat(seat).id.to_string()}>
                <span class="seatmap-choice-name">{ name.clone() }</span>
                if let Some(info) = info { <span class="seatmap-choice-info">{ info.to_string() }</span> }
                <label>
                    <span class="seatmap-visually-hidden">{ format!("Ticket type for {name}") }</span>
                    <select {onchange} data-testid="ticket-type">
                        { for options.iter().map(|(t, amount)| html! {
                            <option value={t.0.to_string()} selected={*t == chosen.ticket_type}>
                                { format!("{} {}", prices.ticket_type(*t).name, props.money.money(*amount)) }
                            </option>
                        }) }
                    </select>
                </label>
                <button type="button" class="seatmap-link" onclick={remove} disabled={props.adding} aria-label={format!("Remove {name} from your choice")}>{"Remove"}</button>
            </li>
        }
    });
    let standing = props.standing.iter().map(|s: &StandingChoice| {
        let area = plan.area(s.area);
        let price = props.availability.unreserved(s.area).and_then(|u| u.band).and_then(|b| prices.price(b, s.ticket_type));
        html! {
            <li class="seatmap-choice">
                <span class="seatmap-choice-name">{ format!("{} × {}", s.quantity, area.name) }</span>
                <span>{ prices.ticket_type(s.ticket_type).name.to_string() }</span>
                if let Some(p) = price { <span class="seatmap-price">{ props.money.money(p * s.quantity as f64) }</span> }
            </li>
        }
    });
    let problems = props.verdict.problems.iter().map(|problem| {
        let (text, fix): (String, Option<Fix>) = match problem {
            Problem::StrandedSingle { seat, fix } => (
                format!(
                    "Your choice would leave {} on its own. Single seats are hard to sell, please move your seats.",
                    list_seats(plan, &[*seat])
                ),
                fix.clone(),
            ),
            Problem::CountNotAllowed { count, allowed } => (count_not_allowed(&props.rules, *count, allowed), None),
            other => (other.to_string(), None),
        };
        let blocks = problem.blocks_checkout(&props.rules);
        let fix_button = fix.map(|fix| {
            let label = if fix.add.is_empty() {
                "Fix it".to_owned()
            } else {
                format!(
                    "Move to {}",
                    list_seats(plan, &fix.add.iter().copied().chain(kept(&props.selection, &fix)).collect::<Vec<_>>())
                )
            };
            let onclick = props.on_fix.reform(move |_: MouseEvent| fix.clone());
            html! { <button type="button" class="seatmap-fix" data-testid="apply-fix" {onclick}>{ label }</button> }
        });
        html! {
            <li class={classes!("seatmap-problem", blocks.then_some("is-blocking"))} data-testid="rule-problem">
                { text } { for fix_button }
            </li>
        }
    });
    let alternative = props.alternative.clone().map(|alt| {
        let accept = props.on_alternative.reform(|_: MouseEvent| true);
        let dismiss = props.on_alternative.reform(|_: MouseEvent| false);
        html! {
            <div class="seatmap-alternative" data-testid="alternative">
                <p>{ format!("Nearest seats together: {}", list_seats(plan, &alt)) }</p>
                <button type="button" part="button primary-button" class="seatmap-primary" onclick={accept} data-testid="accept-alternative">{"Use these seats"}</button>
                <button type="button" class="seatmap-link" onclick={dismiss}>{"No thanks"}</button>
            </div>
        }
    });
    let count = props.selection.len() as u32 + props.standing.iter().map(|s| s.quantity).sum::<u32>();
    let adding = props.adding;
    let on_add = props.on_add.reform(|_: MouseEvent| ());
    let clear = props.on_clear.reform(|_: MouseEvent| ());
    html! {
        <section class="seatmap-choice-panel" aria-label="Your choice" data-testid="choice-panel"
                 ref={props.section_ref.clone()} tabindex="-1">
            { heading(props.heading_level, "Your choice") }
            <p key="hint" class="seatmap-hint" hidden={count > 0 || props.alternative.is_some()}>{"Choose seats on the map."}</p>
            <ul key="choices" class="seatmap-choices">{ for seats }{ for standing }</ul>
            <ul key="problems" class="seatmap-problems">{ for problems }</ul>
            <div key="alternative">{ for alternative }</div>
            if count > 0 {
                <p class="seatmap-total" data-testid="selection-total">
                    { format!("{} ticket{}: ", count, if count == 1 { "" } else { "s" }) }
                    <strong>{ props.money.money(props.total) }</strong>
                </p>
                <div class="seatmap-actions">
                    <button type="button" part="button primary-button" class="seatmap-primary" data-testid="add-to-basket" onclick={on_add}
                            disabled={!props.can_add} aria-busy={adding.to_string()}>
                        { if adding { "Adding…" } else { "Add to basket" } }
                    </button>
                    <button type="button" class="seatmap-link" onclick={clear}>{"Clear"}</button>
                </div>
            }
        </section>
    }
}

fn kept<'a>(selection: &'a [Chosen], fix: &'a Fix) -> impl Iterator<Item = SeatIndex> + 'a {
    selection.iter().map(|c| c.seat).filter(|s| !fix.remove.contains(s) && !fix.add.contains(s))
}

/// "You can book 2 or 4 tickets at a time, not 1. Please choose 2."
fn count_not_allowed(rules: &RuleConfig, count: u32, nearest: &[u32]) -> String {
    let max = rules.effective_max();
    let mut counts: Vec<u32> = rules.allowed_counts.iter().flatten().copied().filter(|c| *c > 0 && *c <= max).collect();
    seatmap_core::sort(&mut counts);
    counts.dedup();
    let or_list = |list: &[u32]| match list {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
    };
    let tickets = |n: u32| if n == 1 { "ticket" } else { "tickets" };
    if counts.is_empty() {
        return format!("{count} {} can't be booked here.", tickets(count));
    }
    let last = counts.last().copied().unwrap_or(0);
    let mut text = format!("You can book {} {} at a time, not {count}.", or_list(&counts), tickets(last));
    if !nearest.is_empty() {
        text.push_str(&format!(" Please choose {}.", or_list(nearest)));
    }
    text
}
