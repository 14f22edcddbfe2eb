//! Shown in place of the map when the element is misconfigured. Nothing is
//! fetched: the developer reads what to fix here and on the console.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfigErrorProps {
    pub problems: std::rc::Rc<[String]>,
}

#[function_component(ConfigError)]
pub fn config_error(props: &ConfigErrorProps) -> Html {
    html! {
        <div class="seatmap seatmap-config-error" role="alert" data-testid="config-error">
            <strong>{"The seat map is not set up correctly."}</strong>
            <ul>{ for props.problems.iter().map(|p| html! { <li>{ p.clone() }</li> }) }</ul>
        </div>
    }
}
