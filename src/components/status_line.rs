//! The quiet line above the map: whether availability is live, stale or
//! unknown (and that we are retrying, or that it stopped, with "Try again"),
//! and the customer's latest notice, read out through a polite live region.

use gloo_timers::callback::Interval;
use seatmap_core::{freshness, Freshness, Live, Notice, Tone};
use yew::prelude::*;

/// What the line shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// The status polling's health.
    pub live: Live,
    /// The poll interval, for "stale".
    pub interval_ms: u32,
    /// The message for the customer, if any.
    pub notice: Option<Notice>,
    /// The message was dismissed.
    pub on_dismiss: Callback<()>,
    /// "Try again" after polling stopped.
    pub on_retry: Callback<()>,
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
    let live = &props.live;
    let fresh = freshness(now, live.last_ok_ms, props.interval_ms);
    let (class, text) = match (fresh, &live.error, live.stopped) {
        (_, Some(e), true) => ("is-stopped", format!("We couldn't check which seats are free. {}", e.plain())),
        (Freshness::Never, None, _) => ("is-loading", "Checking availability…".to_owned()),
        (Freshness::Never, Some(_), _) => {
            ("is-unknown", "Availability unknown — we're still trying to reach the box office.".to_owned())
        }
        (Freshness::Fresh { .. }, None, _) => ("is-fresh", "Availability is live".to_owned()),
        (Freshness::Fresh { seconds } | Freshness::Stale { seconds }, Some(e), _) => {
            ("is-stale", format!("Last updated {seconds}s ago. {}", e.plain()))
        }
        (Freshness::Stale { seconds }, None, _) => ("is-stale", format!("Last updated {seconds}s ago")),
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="seatmap-status">
            <p class={classes!("seatmap-freshness", class)} data-testid="freshness">
                { text }
                if live.stopped {
                    <button type="button" class="seatmap-link" onclick={retry} data-testid="status-retry">{"Try again"}</button>
                }
            </p>
            <div class="seatmap-live" aria-live="polite" aria-atomic="true">
                if let Some(n) = props.notice.clone() {
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
