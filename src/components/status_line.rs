//! The quiet line above the map: whether availability is live, stale or
//! unknown (and that we are retrying, or that it stopped, with "Try again").
//! It keeps one line's height so the map below never moves; messages for
//! the customer appear in the summary bar instead (`summary_bar.rs`).

use gloo_timers::callback::Interval;
use seatmap_core::{freshness, Call, Freshness, Live};
use yew::prelude::*;

/// What the line shows and what it can ask for.
#[derive(Properties, PartialEq)]
pub struct StatusLineProps {
    /// The status polling's health.
    pub live: Live,
    /// The poll interval, for "stale".
    pub interval_ms: u32,
    /// "Try again" after polling stopped.
    pub on_retry: Callback<()>,
}

fn seconds(n: u32) -> String {
    if n == 1 {
        "1 second".to_owned()
    } else {
        format!("{n} seconds")
    }
}

#[function_component(StatusLine)]
pub fn status_line(props: &StatusLineProps) -> Html {
    // Re-render every few seconds so "updated 20 seconds ago" stays true.
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
        (Freshness::Fresh { seconds: s } | Freshness::Stale { seconds: s }, Some(e), _) => {
            ("is-stale", format!("Last updated {} ago. {}", seconds(s), e.for_buyer(Call::StatusDetail)))
        }
        (Freshness::Stale { seconds: s }, None, _) => ("is-stale", format!("Last updated {} ago", seconds(s))),
    };
    let retry = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="seatmap-status">
            <p class={classes!("seatmap-freshness", class)} data-testid="freshness">
                { text }
                if live.stopped {
                    <button type="button" class="seatmap-link" onclick={retry} data-testid="status-retry">{"Try again"}</button>
                }
            </p>
        </div>
    }
}
