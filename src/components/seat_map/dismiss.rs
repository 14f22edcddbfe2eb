//! Content shown on hover must be dismissible: the tooltip closes on a tap
//! anywhere but on a seat, and on Escape wherever focus is. Listens on the
//! window while the map is shown; the listeners go with it.

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use seatmap_core::SeatIndex;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// Sets `closed` to the seat whose tooltip the buyer dismissed (and, for a
/// tap elsewhere, clears `hover`); `focus` is the seat the keyboard is on,
/// whose tooltip shows while the map has focus.
#[hook]
pub fn use_tooltip_dismissal(
    hover: UseStateHandle<Option<SeatIndex>>,
    closed: UseStateHandle<Option<SeatIndex>>,
    focus: Option<SeatIndex>,
    map_has_focus: bool,
) {
    use_effect_with((*hover, focus, map_has_focus), move |_| {
        let listeners = web_sys::window().map(|window| {
            let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: true };
            let (tap_hover, tap_closed) = (hover.clone(), closed.clone());
            let tap = EventListener::new_with_options(&window, "pointerdown", options, move |e| {
                let on_seat =
                    e.composed_path().get(0).dyn_into::<Element>().is_ok_and(|el| el.has_attribute("data-seat-id"));
                if !on_seat {
                    tap_closed.set(*tap_hover);
                    tap_hover.set(None);
                }
            });
            let escape = EventListener::new(&window, "keydown", move |e| {
                if e.dyn_ref::<KeyboardEvent>().is_some_and(|k| k.key() == "Escape") {
                    closed.set((*hover).or(if map_has_focus { focus } else { None }));
                }
            });
            [tap, escape]
        });
        move || drop(listeners)
    });
}
