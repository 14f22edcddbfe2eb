//! Unreserved (standing) areas: a quantity stepper per ticket type, limited
//! by places left; posted by area (`seatingPlan`), one entry per ticket.
//! A change the customer makes is said once, politely; nothing is said at
//! load (the counts are plain text, not live regions of their own).

use crate::components::heading::{heading, subheading};
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{AreaIndex, Availability, Money, StandingChoice, TicketTypeIndex, Venue};
use std::rc::Rc;
use yew::prelude::*;

/// What the panel shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct StandingProps {
    /// The performance.
    pub venue: Shared<Venue>,
    /// Places left in each area.
    pub availability: Shared<Availability>,
    /// Places chosen.
    pub standing: Rc<[StandingChoice]>,
    /// Whether places can be chosen now (on sale, nothing frozen).
    pub enabled: bool,
    /// Money formatting.
    pub money: Shared<Formatter>,
    /// The area the customer last chose on the map, shown first and focused.
    pub open: Option<AreaIndex>,
    /// A quantity changed.
    pub on_change: Callback<StandingChoice>,
    /// The level of the panel's heading (`heading-level`); areas are one below.
    pub heading_level: u8,
}

#[function_component(Standing)]
pub fn standing(props: &StandingProps) -> Html {
    // The stepper the customer last pressed: only its count is announced.
    let pressed = use_state(|| None::<(AreaIndex, TicketTypeIndex)>);
    let venue = &props.venue;
    let areas: Vec<(AreaIndex, _)> = venue.plan.unreserved_areas().collect();
    if areas.is_empty() {
        return html! {};
    }
    let quantity_of = |area: AreaIndex, ticket_type: TicketTypeIndex| {
        props.standing.iter().find(|s| s.area == area && s.ticket_type == ticket_type).map_or(0, |s| s.quantity)
    };
    let blocks = areas.iter().map(|&(ix, area)| {
        let Some(live) = props.availability.unreserved(ix) else { return html! {} };
        let Some(band) = live.band else { return html! {} };
        let chosen_here: u32 = props.standing.iter().filter(|s| s.area == ix).map(|s| s.quantity).sum();
        let left = live.available.saturating_sub(chosen_here);
        let steppers = venue.prices.band(band).prices.iter().map(|(t, amount)| {
            let current = quantity_of(ix, *t);
            let set = |quantity: u32| {
                let (t, on_change, pressed) = (*t, props.on_change.clone(), pressed.clone());
                Callback::from(move |_: MouseEvent| {
                    pressed.set(Some((ix, t)));
                    on_change.emit(StandingChoice { area: ix, ticket_type: t, quantity });
                })
            };
            let type_name = venue.prices.ticket_type(*t).name.to_string();
            html! {
                <li class="seatmap-stepper" data-testid="standing-stepper" data-ticket-type={type_name.clone()}>
                    <span>{ format!("{type_name} {}", props.money.money(*amount)) }</span>
                    <button type="button" onclick={set(current.saturating_sub(1))} disabled={current == 0 || !props.enabled}
                            aria-label={format!("One fewer {type_name} ticket for {}", area.name)} data-testid="standing-minus">{"−"}</button>
                    <span class="seatmap-stepper-count" data-testid="standing-count">{ current }</span>
                    <button type="button" onclick={set(current + 1)} disabled={left == 0 || !props.enabled}
                            aria-label={format!("One more {type_name} ticket for {}", area.name)} data-testid="standing-plus">{"+"}</button>
                </li>
            }
        });
        html! {
            <div class={classes!("seatmap-standing-block", (props.open == Some(ix)).then_some("is-open"))}
                 data-area-id={area.id.to_string()} data-testid="standing-block">
                { subheading(props.heading_level, area.name.to_string()) }
                <p data-testid="standing-left">{ format!("{} of {} places left", live.available, live.capacity) }</p>
                <ul>{ for steppers }</ul>
            </div>
        }
    });
    // Said after a press, from the state the press led to (a refused
    // press says the unchanged count, which is the truth).
    let said = pressed.map(|(area, ticket_type)| {
        let count = quantity_of(area, ticket_type);
        format!(
            "{count} {} {} for {}",
            venue.prices.ticket_type(ticket_type).name,
            if count == 1 { "ticket" } else { "tickets" },
            venue.plan.area(area).name
        )
    });
    html! {
        <section class="seatmap-standing-panel" aria-label="Standing and unreserved">
            { heading(props.heading_level, "Standing and unreserved") }
            { for blocks }
            <p class="seatmap-visually-hidden" aria-live="polite" data-testid="standing-said">{ said.unwrap_or_default() }</p>
        </section>
    }
}
