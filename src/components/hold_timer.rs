//! How long the box office holds the basket, counted from its last change
//! (`basket-timeout`, which must match the venue's Spektrix setting). A
//! polite warning two minutes before; when it runs out, the reducer reads
//! the basket and explains, or counts again when the basket is still held.

use gloo_timers::callback::Interval;
use yew::prelude::*;

/// The timer's inputs.
#[derive(Properties, PartialEq)]
pub struct HoldTimerProps {
    /// When the basket last changed (Unix ms).
    pub changed_ms: f64,
    /// How long a basket is held, in ms.
    pub timeout_ms: u32,
    /// Called once when the hold runs out.
    pub on_expired: Callback<()>,
}

/// Warn this long before the hold ends.
const WARN_MS: f64 = 120_000.0;

fn minutes_and_seconds(ms: f64) -> String {
    let total = (ms / 1000.0).ceil().max(0.0) as u32;
    format!("{}:{:02}", total / 60, total % 60)
}

#[function_component(HoldTimer)]
pub fn hold_timer(props: &HoldTimerProps) -> Html {
    let now = use_state(js_sys::Date::now);
    let expired_for = use_mut_ref(|| None::<f64>);
    {
        let now = now.clone();
        use_effect_with((), move |_| {
            let timer = Interval::new(1_000, move || now.set(js_sys::Date::now()));
            move || drop(timer)
        });
    }
    let left = props.changed_ms + props.timeout_ms as f64 - *now;
    if left <= 0.0 {
        if *expired_for.borrow() != Some(props.changed_ms) {
            *expired_for.borrow_mut() = Some(props.changed_ms);
            props.on_expired.emit(());
        }
        return html! {
            <p class="seatmap-hold is-over" data-testid="hold-timer">{"Your seats' hold has ended. Checking your basket…"}</p>
        };
    }
    let warning = left <= WARN_MS;
    html! {
        <div class="seatmap-hold-box">
            <p class={classes!("seatmap-hold", warning.then_some("is-warning"))} data-testid="hold-timer">
                { format!("Your seats are held for {} more.", minutes_and_seconds(left)) }
            </p>
            // Said once, politely, when the last two minutes begin (not every second).
            <p class="seatmap-visually-hidden" aria-live="polite" data-testid="hold-warning">
                { if warning { "Your seats are held for less than two minutes more. Go to checkout to keep them." } else { "" } }
            </p>
        </div>
    }
}
