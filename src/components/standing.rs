//! Unreserved (standing) areas: a quantity stepper per ticket type, limited
//! by places left; posted by area (`seatingPlan`), one entry per ticket.

use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{AreaIndex, Availability, Money, StandingChoice, Venue};
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
}

#[function_component(Standing)]
pub fn standing(props: &StandingProps) -> Html {
    let venue = &props.venue;
    let areas: Vec<(AreaIndex, _)> = venue.plan.unreserved_areas().collect();
    if areas.is_empty() {
        return html! {};
    }
    let blocks = areas.into_iter().map(|(ix, area)| {
        let Some(live) = props.availability.unreserved(ix) else { return html! {} };
        let Some(band) = live.band else { return html! {} };
        let chosen_here: u32 = props.standing.iter().filter(|s| s.area == ix).map(|s| s.quantity).sum();
        let left = live.available.saturating_sub(chosen_here);
        let steppers = venue.prices.band(band).prices.iter().map(|(t, amount)| {
            let current = props.standing.iter().find(|s| s.area == ix && s.ticket_type == *t).map_or(0, |s| s.quantity);
            let set = |quantity: u32| {
                let t = *t;
                props.on_change.reform(move |_: MouseEvent| StandingChoice { area: ix, ticket_type: t, quantity })
            };
            let type_name = venue.prices.ticket_type(*t).name.to_string();
            html! {
                <li class="seatmap-stepper" data-testid="standing-stepper" data-ticket-type={type_name.clone()}>
                    <span>{ format!("{type_name} {}", props.money.money(*amount)) }</span>
                    <button type="button" onclick={set(current.saturating_sub(1))} disabled={current == 0 || !props.enabled}
                            aria-label={format!("One fewer {type_name} ticket for {}", area.name)} data-testid="standing-minus">{"−"}</button>
                    <output aria-live="polite" data-testid="standing-count">{ current }</output>
                    <button type="button" onclick={set(current + 1)} disabled={left == 0 || !props.enabled}
                            aria-label={format!("One more {type_name} ticket for {}", area.name)} data-testid="standing-plus">{"+"}</button>
                </li>
            }
        });
        html! {
            <div class={classes!("seatmap-standing-block", (props.open == Some(ix)).then_some("is-open"))}
                 data-area-id={area.id.to_string()} data-testid="standing-block">
                <h4>{ area.name.to_string() }</h4>
                <p data-testid="standing-left">{ format!("{} of {} places left", live.available, live.capacity) }</p>
                <ul>{ for steppers }</ul>
            </div>
        }
    });
    html! {
        <section class="seatmap-standing-panel" aria-label="Standing and unreserved">
            <h3>{"Standing and unreserved"}</h3>
            { for blocks }
        </section>
    }
}
