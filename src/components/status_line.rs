//! The quiet line above the map: when availability was last updated (or
//! that it is stale and we are retrying), and the customer's latest notice,
//! read out by screen readers through a polite live region.

use seatmap_core::poll::{freshness, Freshness};
use seatmap_core::state::{Action, Tone};
use crate::store::Store;
use gloo_timers::callback::Interval;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    pub state: UseReducerHandle<Store>,
    pub interval_ms: u32,
}

#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    // Re-render every few seconds so "updated 20s ago" stays true.
    let tick = use_state(|| 0u32);
    {
        let tick = tick.clone();
        use_effect_with((), move |_| {
            let timer = Interval::new(5_000, move || tick.set(tick.wrapping_add(1)));
            move || drop(timer)
        });
    }
    let now = js_sys::Date::now();
    let state = &props.state;
    let fresh = freshness(now, state.live.last_ok_ms, props.interval_ms);
    let (class, text) = match (fresh, &state.live.error) {
        (Freshness::Never, _) => ("is-loading", "Checking availability…".to_owned()),
        (Freshness::Fresh { .. }, None) => ("is-fresh", "Availability is live".to_owned()),
        (Freshness::Fresh { seconds } | Freshness::Stale { seconds }, Some(e)) => {
            ("is-stale", format!("Last updated {seconds}s ago. {}", e.plain()))
        }
        (Freshness::Stale { seconds }, None) => ("is-stale", format!("Last updated {seconds}s ago")),
    };
    let notice = state.notice.clone();
    let dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::DismissNotice))
    };
    html! {
        <div class="seatmap-status">
            <p class={classes!("seatmap-freshness", class)} data-testid="freshness">{ text }</p>
            <div class="seatmap-live" aria-live="polite" aria-atomic="true">
                if let Some(n) = notice {
                    <p class={classes!("seatmap-notice", match n.tone { Tone::Info => "is-info", Tone::Warning => "is-warning", Tone::Error => "is-error" })}
                       data-testid="notice">
                        { n.text }
                        <button type="button" class="seatmap-link" onclick={dismiss} aria-label="Dismiss message">{"×"}</button>
                    </p>
                }
            </div>
        </div>
    }
}
