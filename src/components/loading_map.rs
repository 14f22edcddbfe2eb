//! What the widget shows while it loads: the map's frame, empty, at the
//! size the map will have (the same stage, toolbar strip and SVG box, in
//! the same grid, whose column for the side panels stays empty), and a
//! line saying it is loading.
//! Nothing moves when the map replaces it, and the map's size is measured
//! here, while the page waits on the network, so the map can draw its
//! seats in its first render (see `hooks::use_size`).

use crate::hooks::use_size::use_size;
use seatmap_core::Viewport;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct LoadingMapProps {
    /// A load failed and is being tried again.
    pub retrying: bool,
    /// The empty map's size, each time it is measured.
    pub on_size: Callback<Viewport>,
}

#[function_component(LoadingMap)]
pub fn loading_map(props: &LoadingMapProps) -> Html {
    let svg = use_node_ref();
    let size = use_size(svg.clone(), None);
    use_effect_with((size, props.on_size.clone()), |(size, on_size)| {
        if let Some(size) = size {
            on_size.emit(*size);
        }
        || ()
    });
    let text = if props.retrying {
        "The box office is busy. Still trying to load the seat map…"
    } else {
        "Loading the seat map…"
    };
    html! {
        <div class="seatmap-body">
            <div class="seatmap-stage seatmap-stage-loading">
                <div class="seatmap-toolbar"></div>
                <div class="seatmap-viewport">
                    <svg ref={svg} class="seatmap-svg" aria-hidden="true"></svg>
                    <div class="seatmap-loading" role="status" data-testid="loading">{ text }</div>
                </div>
            </div>
        </div>
    }
}
