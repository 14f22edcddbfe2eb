//! The panel shown when the performance could not be loaded: what went
//! wrong in plain words (quoting the box office), and a retry.

use seatmap_core::error::ApiError;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ErrorPanelProps {
    pub error: ApiError,
    pub on_retry: Callback<()>,
}

#[function_component(ErrorPanel)]
pub fn error_panel(props: &ErrorPanelProps) -> Html {
    let on_retry = props.on_retry.clone();
    let onclick = Callback::from(move |_: MouseEvent| on_retry.emit(()));
    html! {
        <div class="seatmap-error-panel" role="alert" data-testid="error-panel">
            <p><strong>{"We couldn't load the seat map."}</strong></p>
            <p data-testid="error-message">{ props.error.plain() }</p>
            <button type="button" class="seatmap-primary" {onclick} data-testid="retry">{"Try again"}</button>
        </div>
    }
}
