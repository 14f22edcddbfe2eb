//! Shown in place of the map when there is nothing to draw: what went wrong
//! in plain words (details on the console and in `seatmap:error`), with
//! "Try again" only where trying again can help.

use seatmap_core::{ApiError, Call, Recovery};
use yew::prelude::*;

/// What the panel shows.
#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    /// Why the performance could not be shown.
    pub error: ApiError,
    /// Try again.
    pub on_retry: Callback<()>,
}

/// Words for a buyer about a performance that cannot be shown (what the
/// box office said exactly is on the console and in `seatmap:error`).
fn words(error: &ApiError) -> String {
    match error {
        ApiError::Http { status: 404 | 410, .. } => {
            "This performance could not be found. It may have been removed; please check the link or choose another performance."
                .into()
        }
        ApiError::Http { status: 401 | 403, .. } => {
            "The box office would not show this performance here. Please try the venue's own booking pages.".into()
        }
        ApiError::Unreadable { .. } | ApiError::Invalid { .. } => {
            "The box office sent this performance in a form this seat map can't show. Please try the venue's own booking pages."
                .into()
        }
        ApiError::Http { .. } => {
            "The box office couldn't show this performance here. Please try the venue's own booking pages.".into()
        }
        other => other.for_buyer(Call::Instance),
    }
}

#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let can_help = matches!(props.error.recovery(Call::Instance), Recovery::Retry { .. });
    let onclick = props.on_retry.reform(|_: MouseEvent| ());
    html! {
        <div class="seatmap-error-panel" role="alert" data-testid="error-panel">
            <p><strong>{"We couldn't show the seat map."}</strong></p>
            <p data-testid="error-message">{ words(&props.error) }</p>
            if can_help {
                <button type="button" part="button primary-button" class="seatmap-primary" {onclick} data-testid="retry">{"Try again"}</button>
            }
        </div>
    }
}
