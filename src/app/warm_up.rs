//! The warm-up, shell side: at the page's first mount, once the reads have
//! left, the core's sample (`seatmap_core::warm_up`: decoders, plan
//! builder, reducer, seat markup) runs once, and its state is drawn with
//! the same map and panels the real performance will get, through a portal
//! into an element that is never in the document (no style, layout or
//! paint; nothing a page's script or assistive technology can find). V8
//! compiles each wasm function the first time it is called, on the main
//! thread; this way the code that draws the map and the panels is compiled
//! while the page waits on the network, not after the data has arrived.
//! The sample goes with the loading state. Once per page: the code stays
//! compiled, and a portal leaves its event listeners on its host (Yew 0.21
//! never removes them; see `element/root.rs`).

use super::callbacks::RootCallbacks;
use super::side_panels::SidePanels;
use crate::hooks::use_operations::Operations;
use crate::money::Formatter;
use crate::shared::Shared;
use gloo_timers::callback::Timeout;
use seatmap_core::{Config, State, Viewport};
use std::cell::Cell;
use std::rc::Rc;
use web_sys::Element;
use yew::prelude::*;

thread_local! {
    /// Whether this page has warmed up already.
    static DONE: Cell<bool> = const { Cell::new(false) };
}

/// The sample's state and the element it is drawn into, once the warm-up
/// has run (a timer after mount: the reads leave in the mount's
/// microtasks, before it); never on a page that has warmed up already.
#[hook]
pub(super) fn use_warm_up() -> Option<(Rc<State>, Element)> {
    let sample = use_state(|| None::<(Rc<State>, Element)>);
    {
        let sample = sample.setter();
        use_effect_with((), move |_| {
            let timer = (!DONE.get()).then(|| {
                Timeout::new(0, move || {
                    DONE.set(true);
                    let state = seatmap_core::warm_up().state;
                    let host = web_sys::window().and_then(|w| w.document()).and_then(|d| d.create_element("div").ok());
                    if let (Some(state), Some(host)) = (state, host) {
                        sample.set(Some((Rc::new(state), host)));
                    }
                })
            });
            move || drop(timer)
        });
    }
    (*sample).clone()
}

/// The sample drawn as the real performance will be, into `host`.
pub(super) fn view(sample: &State, host: &Element, config: &Config, money: &Shared<Formatter>) -> Html {
    let Some(venue) = sample.venue() else { return html! {} };
    let drawn = SidePanels {
        state: sample,
        config,
        venue: Shared::from(venue.clone()),
        availability: Shared::from(sample.availability.clone()),
        money: money.clone(),
        calls: &RootCallbacks::default(),
        operations: &Operations::default(),
        queue_url: None,
        standing_open: None,
        choice_ref: NodeRef::default(),
        basket_ref: NodeRef::default(),
    }
    .beside_map(Some(Viewport { width: 800.0, height: 500.0 }));
    create_portal(drawn, host.clone())
}
