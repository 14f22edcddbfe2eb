//! "High demand — join the queue": shown when a basket call answered
//! Spektrix's `JoinQueue`. The choice is kept (and restored when the
//! customer comes back); the link leads to the queue on the custom domain.

use crate::components::heading::heading;
use yew::prelude::*;

/// What the panel shows.
#[derive(Properties, PartialEq)]
pub struct QueuePanelProps {
    /// The queue's address, resolved against the custom domain.
    pub url: Option<AttrValue>,
    /// The box office's message.
    pub message: Option<AttrValue>,
    /// The level of the panel's heading (`heading-level`).
    pub heading_level: u8,
}

#[function_component(QueuePanel)]
pub fn queue_panel(props: &QueuePanelProps) -> Html {
    html! {
        <section class="seatmap-queue" data-testid="queue" role="alert">
            { heading(props.heading_level, "High demand — join the queue") }
            <p>{ props.message.clone().unwrap_or_else(|| "Lots of people are booking right now, so the box office is letting customers in turn by turn.".into()) }</p>
            <p class="seatmap-hint">{"We've kept your choice: it will be here when you come back."}</p>
            if let Some(url) = props.url.clone() {
                <a part="button primary-button" class="seatmap-primary" href={url} data-testid="join-queue">{"Join the queue"}</a>
            }
        </section>
    }
}
