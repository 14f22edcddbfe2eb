//! The root component: the one store, the hooks that own every effect, and
//! the layout. Panels get the values they show and domain callbacks.

mod callbacks;
mod side_panels;
mod warm_up;

use crate::components::error_panel::ErrorPanel;
use crate::components::loading_map::LoadingMap;
use crate::components::status_line::StatusLine;
use crate::components::summary_bar::SummaryBar;
use crate::hooks::use_focus_after_add::use_focus_after_add;
use crate::hooks::{use_basket::use_basket, use_customer::use_customer, use_host_commands::use_host_commands};
use crate::hooks::{use_host_events::use_host_events, use_operations::use_operations};
use crate::hooks::{use_saved_choice::use_saved_choice, use_status_poll::use_status_poll, use_venue::use_venue};
use crate::host::Commands;
use crate::money::Formatter;
use crate::services::{queue_address, Spektrix};
use crate::shared::Shared;
use crate::store::Store;
use callbacks::use_root_callbacks;
use seatmap_core::{AreaIndex, Config, Load, State, Viewport};
use side_panels::SidePanels;
use std::rc::Rc;
use web_sys::HtmlElement;
use yew::prelude::*;

/// The app's inputs: the checked configuration, the host element, and the
/// channel for the element's methods.
#[derive(Properties, Clone, PartialEq)]
pub struct AppProps {
    /// The checked attributes.
    pub config: Rc<Config>,
    /// The `<seat-map>` element (events are dispatched on it).
    pub host: HtmlElement,
    /// Commands from the element's methods.
    pub commands: Commands,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let config = props.config.clone();
    let interval = config.poll_interval_ms;
    let store = use_reducer(|| Store(State::new(config.rules.clone())));
    let spektrix = (*use_memo(config.clone(), |c| Spektrix::new(c.api_base(), c.shared_base()))).clone();
    let money: Shared<Formatter> =
        use_memo(config.clone(), |c| Formatter::new(c.locale.as_deref(), &c.currency)).into();
    let attempt = use_state(|| 0u32);
    let standing_open = use_state(|| None::<AreaIndex>);
    // The map's size, measured on the loading state's empty map.
    let first_size = use_mut_ref(|| None::<Viewport>);
    let on_first_size = {
        let first = first_size.clone();
        use_callback((), move |size, _| *first.borrow_mut() = Some(size))
    };
    let dispatch = store.dispatcher();
    let warm = warm_up::use_warm_up();
    {
        let spektrix = spektrix.clone();
        use_effect_with((), move |_| move || spektrix.abort_all());
    }

    let venue = store.venue().cloned();
    let poll = use_status_poll(
        &spektrix,
        &config,
        venue.clone(),
        store.status_is_personal(),
        store.wants.status_now,
        dispatch.clone(),
    );
    use_venue(&spektrix, &config, *attempt, store.wants.instance_read, &poll, dispatch.clone());
    use_basket(&spektrix, venue.clone(), store.wants.basket_read, interval, dispatch.clone());
    let customer =
        use_customer(&spektrix, venue.is_some(), store.wants.customer_check, dispatch.clone(), props.host.clone());
    let operations = use_operations(&spektrix, &store, &customer);
    let queue_url =
        store.queue.as_ref().and_then(|q| q.url.as_deref()).and_then(|u| queue_address(&config.api_base(), u));
    use_host_events(&store, &props.host, queue_url.clone());
    use_saved_choice(&store, &props.host, config.locale.clone().map(AttrValue::from));
    let choice_ref = use_node_ref();
    let basket_ref = use_node_ref();
    use_focus_after_add(store.versions.added, &basket_ref);
    use_host_commands(&props.commands, &customer, &poll);
    // Panels' callbacks carry domain values; each becomes one action.
    let calls = use_root_callbacks(
        dispatch.clone(),
        standing_open.setter(),
        poll.clone(),
        choice_ref.clone(),
        basket_ref.clone(),
    );
    let state = &*store;

    let body = match &state.load {
        Load::Failed(error) => {
            let attempt = attempt.clone();
            html! { <ErrorPanel error={error.clone()} on_retry={Callback::from(move |_| attempt.set(*attempt + 1))} /> }
        }
        Load::Loading { retrying } => html! {
            <>
                <LoadingMap retrying={retrying.is_some()} on_size={on_first_size.clone()} />
                if let Some((sample, host)) = &warm {
                    { warm_up::view(sample, host, &config, &money) }
                }
            </>
        },
        Load::Ready(venue) => SidePanels {
            state,
            config: &config,
            venue: Shared::from(venue.clone()),
            availability: Shared::from(state.availability.clone()),
            money: money.clone(),
            calls: &calls,
            operations: &operations,
            queue_url: queue_url.clone().map(AttrValue::from),
            standing_open: *standing_open,
            choice_ref: choice_ref.clone(),
            basket_ref: basket_ref.clone(),
        }
        .beside_map(*first_size.borrow()),
    };
    let load = match state.load {
        Load::Loading { .. } => "loading",
        Load::Ready(_) => "ready",
        Load::Failed(_) => "failed",
    };
    let ready = matches!(state.load, Load::Ready(_));
    let basket = state.basket.contents.as_deref();
    html! {
        <div class="seatmap" data-testid="seatmap" data-load={load}>
            if ready {
                <StatusLine key="status" live={state.live.clone()} interval_ms={interval}
                            on_retry={calls.retry_status.clone()} />
            }
            <div key="body" class="seatmap-main">{ body }</div>
            if ready {
                <SummaryBar key="summary" seats={state.selection.len() as u32}
                    standing={state.standing.iter().map(|s| s.quantity).sum::<u32>()}
                    total={state.selection_total()} can_add={state.can_add_to_basket()} adding={state.pending.add.is_some()}
                    blocked={state.verdict.blocks_checkout(&state.rules)}
                    in_basket={basket.map_or(0, |b| b.tickets.len() as u32)} basket_total={basket.map_or(0.0, |b| b.total)}
                    checkout_url={config.checkout_url.clone().map(AttrValue::from)} notice={state.notice.clone()}
                    queue={state.queue.as_ref().map(|_| queue_url.clone().map(AttrValue::from))}
                    money={money.clone()} on_add={operations.add.clone()}
                    on_show_choice={calls.show_choice.clone()} on_show_basket={calls.show_basket.clone()}
                    on_dismiss={calls.dismiss_notice.clone()} />
            }
        </div>
    }
}
