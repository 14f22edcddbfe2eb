//! The root component: the one store, the hooks that own every effect, and
//! the layout. Panels get the values they show and domain callbacks.

use crate::components::basket_panel::BasketPanel;
use crate::components::best_available::BestAvailable;
use crate::components::choice_panel::ChoicePanel;
use crate::components::error_panel::ErrorPanel;
use crate::components::legend::Legend;
use crate::components::login_form::LoginForm;
use crate::components::queue_panel::QueuePanel;
use crate::components::sale_panel::SalePanel;
use crate::components::seat_map::SeatMap;
use crate::components::standing::Standing;
use crate::components::status_line::StatusLine;
use crate::components::summary_bar::SummaryBar;
use crate::hooks::{use_basket::use_basket, use_customer::use_customer, use_host_events::use_host_events};
use crate::hooks::{use_operations::use_operations, use_saved_choice::use_saved_choice};
use crate::hooks::{use_status_poll::use_status_poll, use_venue::use_venue};
use crate::host::{Commands, HostCommand};
use crate::money::Formatter;
use crate::services::Spektrix;
use crate::shared::Shared;
use crate::store::Store;
use seatmap_core::{Action, AreaIndex, Config, Load, State};
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
    let dispatch = store.dispatcher();
    {
        let spektrix = spektrix.clone();
        use_effect_with((), move |_| move || spektrix.abort_all());
    }

    use_venue(&spektrix, &config.instance_id, interval, *attempt, store.wants.instance_read, dispatch.clone());
    let venue = store.venue().cloned();
    let poll = use_status_poll(
        &spektrix,
        venue.clone(),
        interval,
        store.status_is_personal(),
        store.wants.status_now,
        dispatch.clone(),
    );
    use_basket(&spektrix, venue.clone(), store.wants.basket_read, interval, dispatch.clone());
    let customer =
        use_customer(&spektrix, venue.is_some(), store.wants.customer_check, dispatch.clone(), props.host.clone());
    let operations = use_operations(&spektrix, &store, &customer);
    let queue_url = store.queue.as_ref().and_then(|q| q.url.as_deref()).and_then(|u| resolve(&config.api_base(), u));
    use_host_events(&store, &props.host, queue_url.clone());
    use_saved_choice(&store, &props.host, config.locale.clone().map(AttrValue::from));
    let choice_ref = use_node_ref();
    let basket_ref = use_node_ref();
    // Tickets were added: the basket is the next step, so the focus goes
    // there (the "Add to basket" button is gone, and focus must not drop to
    // the page's <body>).
    {
        let basket_ref = basket_ref.clone();
        use_effect_with(store.versions.added, move |added| {
            if *added > 0 {
                focus(&basket_ref);
            }
            || ()
        });
    }
    {
        let (commands, customer, poll) = (props.commands.clone(), customer.clone(), poll.clone());
        use_effect_with((), move |_| {
            commands.connect(Callback::from(move |command| match command {
                HostCommand::RefreshCustomer => customer.run(),
                HostCommand::Refresh => poll.restart(),
            }));
            move || commands.disconnect()
        });
    }
    // Panels' callbacks carry domain values; each becomes one action.
    let actions: Callback<Action> = {
        let dispatch = dispatch.clone();
        Callback::from(move |action| dispatch.dispatch(action))
    };
    let act = |make: fn(()) -> Action| actions.reform(make);
    let state = &*store;
    let level = config.heading_level;

    let body = match &state.load {
        Load::Failed(error) => {
            let attempt = attempt.clone();
            html! { <ErrorPanel error={error.clone()} on_retry={Callback::from(move |_| attempt.set(*attempt + 1))} /> }
        }
        Load::Loading { retrying } => html! {
            <div class="seatmap-loading" role="status" data-testid="loading">
                { if retrying.is_some() { "The box office is busy. Still trying to load the seat map…" } else { "Loading the seat map…" } }
            </div>
        },
        Load::Ready(venue) => {
            let venue = Shared::from(venue.clone());
            let availability = Shared::from(state.availability.clone());
            let open = state.sale.is_open() && state.queue.is_none();
            html! {
                <div class="seatmap-body">
                    <SeatMap key="map" venue={venue.clone()} states={Shared::from(state.seat_states.clone())}
                             availability={availability.clone()} money={money.clone()}
                             focus={state.focus} highlight={Shared::from(state.highlight.clone())}
                             on_toggle={actions.reform(Action::Toggle)} on_focus={actions.reform(|s| Action::Focus(Some(s)))}
                             on_area={{ let open = standing_open.clone(); Callback::from(move |a| open.set(Some(a))) }}
                             detail={config.level_of_detail} />
                    <aside key="side" class="seatmap-side" part="panels">
                        <SalePanel key="sale" sale={state.sale.clone()} locale={config.locale.clone().map(AttrValue::from)} />
                        if let Some(queue) = &state.queue {
                            <QueuePanel key="queue" url={queue_url.clone().map(AttrValue::from)} message={queue.message.clone().map(AttrValue::from)}
                                        heading_level={level} />
                        }
                        <ChoicePanel key="choice" venue={venue.clone()} availability={availability.clone()}
                            selection={Rc::from(state.selection.as_slice())} standing={Rc::from(state.standing.as_slice())}
                            verdict={state.verdict.clone()} rules={state.rules.clone()}
                            alternative={state.alternative.as_deref().map(Rc::from)} total={state.selection_total()}
                            adding={state.pending.add.is_some()} can_add={state.can_add_to_basket()} money={money.clone()}
                            on_ticket_type={actions.reform(|(s, t)| Action::SetTicketType(s, t))}
                            on_remove={actions.reform(Action::Deselect)} on_clear={act(|_| Action::ClearSelection)}
                            on_fix={actions.reform(Action::ApplyFix)}
                            on_alternative={actions.reform(|yes| if yes { Action::AcceptAlternative } else { Action::DismissAlternative })}
                            on_add={operations.add.clone()} heading_level={level} section_ref={choice_ref.clone()} />
                        <BasketPanel key="basket" basket={state.basket.clone()} venue={venue.clone()} extra={state.extra_tickets.clone()}
                            removing={state.pending.remove.is_some()} changed_ms={state.basket_changed_ms}
                            timeout_ms={config.basket_timeout_ms} checkout_url={config.checkout_url.clone().map(AttrValue::from)}
                            money={money.clone()} on_remove={operations.remove.clone()} on_expired={act(|_| Action::HoldExpired)}
                            heading_level={level} section_ref={basket_ref.clone()} />
                        <Standing key="standing" venue={venue.clone()} availability={availability.clone()}
                            standing={Rc::from(state.standing.as_slice())} enabled={open && state.pending.add.is_none()}
                            money={money.clone()} open={*standing_open} on_change={actions.reform(Action::SetStanding)}
                            heading_level={level} />
                        <BestAvailable key="best" venue={venue.clone()}
                            counts={Rc::from(state.rules.counts_to_offer(state.tickets_in_basket_here()))}
                            in_basket={state.tickets_in_basket_here()} finding={state.pending.best_available.is_some()}
                            disabled={!open || state.pending.basket_busy()} money={money.clone()}
                            on_request={operations.best_available.clone()} heading_level={level} />
                        if config.login_form {
                            <LoginForm key="login" customer={state.customer.clone()} logging_in={state.pending.log_in}
                                error={state.login_error.clone().map(AttrValue::from)} show_name={config.show_customer_name}
                                on_login={operations.log_in.clone()} on_logout={operations.log_out.clone()} />
                        }
                        <Legend key="legend" venue={venue} availability={availability} money={money.clone()} heading_level={level} />
                    </aside>
                </div>
            }
        }
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
                            on_retry={{ let poll = poll.clone(); Callback::from(move |_| poll.restart()) }} />
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
                    on_show_choice={{ let choice_ref = choice_ref.clone(); Callback::from(move |_| focus(&choice_ref)) }}
                    on_show_basket={{ let basket_ref = basket_ref.clone(); Callback::from(move |_| focus(&basket_ref)) }}
                    on_dismiss={act(|_| Action::DismissNotice)} />
            }
        </div>
    }
}

/// Moves the keyboard focus to a panel (it has `tabindex="-1"`); the
/// browser scrolls it into view if it is not.
fn focus(panel: &NodeRef) {
    if let Some(element) = panel.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// The queue's address: the server's `joinQueue`, resolved against the
/// API base; only web addresses are followed.
fn resolve(api_base: &str, url: &str) -> Option<String> {
    let resolved = web_sys::Url::new_with_base(url, api_base).ok()?;
    matches!(resolved.protocol().as_str(), "https:" | "http:").then(|| resolved.href())
}
