//! The root component: one store, the effects that load, poll and check
//! the customer, the handlers that change the basket, and the layout.

use seatmap_core::availability::Availability;
use seatmap_core::config::Config;
use seatmap_core::error::ApiError;
use seatmap_core::labels::list_seats;
use seatmap_core::plan::{AreaIndex, Plan};
use seatmap_core::prices::PriceList;
use seatmap_core::rules::SeatIndex;
use seatmap_core::state::{Action, InstanceInfo, Load, Notice, State, Tone, Venue};
use seatmap_core::wire;
use crate::api::{encode, status_detail_path, Api};
use crate::components::basket_panel::BasketPanel;
use crate::components::best_available::{BestAvailable, BestRequest};
use crate::components::choice_panel::ChoicePanel;
use crate::components::error_panel::ErrorPanel;
use crate::components::legend::Legend;
use crate::components::login_form::LoginForm;
use crate::components::seat_map::SeatMap;
use crate::components::standing::Standing;
use crate::components::status_line::StatusLine;
use crate::hooks::use_customer::{use_customer, CustomerCheck};
use crate::hooks::use_status_poll::{use_status_poll, PollControl};
use crate::host::{console_error, console_warn, detail, emit, Commands, HostCommand};
use crate::money::Formatter;
use crate::shared::Shared;
use crate::store::Store;
use serde::de::IgnoredAny;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, Clone)]
pub struct AppProps {
    pub config: Rc<Config>,
    pub host: HtmlElement,
    pub commands: Commands,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.config, &other.config) && self.host == other.host && self.commands == other.commands
    }
}

/// Loads the performance: the instance, then plan, price list and status together.
async fn load(api: &Api, instance_id: &str) -> Result<(Rc<Venue>, Availability), ApiError> {
    let wire_instance: wire::Instance =
        api.get(&format!("instances/{}", encode(instance_id)), "the performance").await?;
    let instance = InstanceInfo::try_from(wire_instance)?;
    if instance.cancelled {
        return Err(ApiError::Invalid { what: "performance", detail: "it has been cancelled".into() });
    }
    let plan_path = format!("plans/{}", encode(&instance.plan_id));
    let prices_path = format!("instances/{}/price-list", encode(&instance.id));
    let status_path = status_detail_path(&instance.id);
    // Plan, prices and status all at once: the status needs only the instance id.
    let (plan, prices, detail) = futures_util::future::join3(
        api.get::<wire::PlanArea>(&plan_path, "the seating plan"),
        api.get::<wire::PriceList>(&prices_path, "the price list"),
        api.get::<wire::StatusDetail>(&status_path, "seat availability"),
    )
    .await;
    let plan = Plan::try_from(plan?)?;
    let prices = PriceList::try_from(prices?)?;
    if plan.skipped.seats_without_id + plan.skipped.duplicate_seat_ids > 0 {
        console_warn(&format!("seating plan: skipped {:?}", plan.skipped));
    }
    let availability = Availability::decode(&plan, &prices, detail?);
    let venue = Rc::new(Venue { instance, plan, prices });
    Ok((venue, availability))
}

fn refresh_basket(api: &Api, dispatch: &UseReducerDispatcher<Store>) {
    let (api, dispatch) = (api.clone(), dispatch.clone());
    spawn_local(async move {
        match api.get_optional::<wire::Basket>("basket", "your basket").await {
            Ok(Some(basket)) => dispatch.dispatch(Action::BasketLoaded(basket)),
            Ok(None) => dispatch.dispatch(Action::BasketEmpty),
            Err(e) => console_warn(&format!("basket: {}", e.detail())),
        }
    });
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let config = props.config.clone();
    let store = use_reducer(|| Store(State::new(config.rules.clone())));
    let api = (*use_memo(config.clone(), |c| Api::new(c.api_base()))).clone();
    let money: Shared<Formatter> =
        use_memo(config.clone(), |c| Formatter::new(c.locale.as_deref(), &c.currency)).into();
    let reload = use_state(|| 0u32);
    let standing_open = use_state(|| None::<AreaIndex>);
    let dispatch = store.dispatcher();

    // Abort whatever is in flight when the widget goes away.
    {
        let api = api.clone();
        use_effect_with((), move |_| move || api.abort_all());
    }

    // Load (and reload on retry).
    {
        let (api, dispatch, instance_id) = (api.clone(), dispatch.clone(), config.instance_id.clone());
        use_effect_with(*reload, move |_| {
            let alive = Rc::new(Cell::new(true));
            let still = alive.clone();
            dispatch.dispatch(Action::Loading);
            spawn_local(async move {
                let result = load(&api, &instance_id).await;
                if !still.get() {
                    return;
                }
                match result {
                    Ok((venue, availability)) => {
                        dispatch.dispatch(Action::Loaded(venue));
                        dispatch.dispatch(Action::Status { availability, now_ms: js_sys::Date::now() });
                        refresh_basket(&api, &dispatch);
                    }
                    Err(e) => {
                        console_error(&format!("could not load instance {instance_id}: {}", e.detail()));
                        dispatch.dispatch(Action::LoadFailed(e));
                    }
                }
            });
            move || alive.set(false)
        });
    }

    let ready = store.load == Load::Ready;
    let poll: PollControl = use_status_poll(
        &api,
        if ready { store.venue.clone() } else { None },
        config.poll_interval_ms,
        dispatch.clone(),
    );
    let customer: CustomerCheck = use_customer(&api, ready, dispatch.clone(), poll.clone(), props.host.clone());

    // Commands from the host page.
    {
        let (commands, customer, poll) = (props.commands.clone(), customer.clone(), poll.clone());
        use_effect_with((), move |_| {
            commands.connect(Callback::from(move |command| match command {
                HostCommand::RefreshCustomer => customer.run(),
                HostCommand::Refresh => poll.now(),
            }));
            move || commands.disconnect()
        });
    }

    // Events for the host page.
    {
        let host = props.host.clone();
        let state = store.clone();
        use_effect_with(ready, move |ready| {
            if *ready {
                if let Some(v) = &state.venue {
                    emit(
                        &host,
                        "seatmap:ready",
                        &detail(&[("instanceId", (&*v.instance.id).into()), ("seats", v.plan.seat_count().into())]),
                    );
                }
            }
            || ()
        });
    }
    {
        let host = props.host.clone();
        let state = store.clone();
        use_effect_with(store.selection_version, move |_| {
            if let Some(v) = &state.venue {
                let seats: Vec<_> = state
                    .selection
                    .iter()
                    .map(|c| {
                        detail(&[
                            ("id", (&*v.plan.seat(c.seat).id).into()),
                            ("name", list_seats(&v.plan, &[c.seat]).into()),
                            ("ticketType", (&*v.prices.ticket_type(c.ticket_type).id).into()),
                        ])
                    })
                    .collect();
                let seats: js_sys::Array = seats.into_iter().collect();
                let standing: u32 = state.standing.iter().map(|s| s.quantity).sum();
                emit(
                    &host,
                    "seatmap:selectionchange",
                    &detail(&[
                        ("seats", seats.into()),
                        ("standing", standing.into()),
                        ("total", state.selection_total().into()),
                    ]),
                );
            }
            || ()
        });
    }
    {
        let host = props.host.clone();
        let basket = store.basket.clone();
        use_effect_with(basket.as_ref().map(|b| (b.hash.clone(), b.tickets.len())), move |_| {
            if let Some(b) = basket {
                emit(
                    &host,
                    "seatmap:basketchange",
                    &detail(&[
                        ("tickets", b.tickets.len().into()),
                        ("total", b.total.into()),
                        ("hash", b.hash.as_deref().into()),
                    ]),
                );
            }
            || ()
        });
    }
    {
        let host = props.host.clone();
        let error = match (&store.load, &store.notice) {
            (Load::Failed(e), _) => Some((e.plain(), e.detail(), e.status())),
            (_, Some(Notice { tone: Tone::Error, text })) => Some((text.clone(), text.clone(), None)),
            _ => None,
        };
        use_effect_with(error, move |error| {
            if let Some((message, detail, status)) = error {
                let fields = [("message", message.into()), ("detail", detail.into()), ("status", (*status).into())];
                emit(&host, "seatmap:error", &crate::host::detail(&fields));
            }
            || ()
        });
    }
    {
        // The status says a basket seat is no longer ours: read the basket again.
        let (api, dispatch) = (api.clone(), dispatch.clone());
        use_effect_with(store.basket_stale, move |stale| {
            if *stale {
                refresh_basket(&api, &dispatch);
            }
            || ()
        });
    }
    {
        // Report unknown status letters once each.
        let letters = store.reported_letters.clone();
        use_effect_with(letters, move |letters| {
            for l in letters {
                console_warn(&format!("unknown seat status letter {l:?}: shown as unavailable"));
            }
            || ()
        });
    }

    let on_toggle = {
        let dispatch = dispatch.clone();
        Callback::from(move |seat: SeatIndex| dispatch.dispatch(Action::Toggle(seat)))
    };
    let on_focus = {
        let dispatch = dispatch.clone();
        Callback::from(move |seat: SeatIndex| dispatch.dispatch(Action::Focus(Some(seat))))
    };
    let on_area = {
        let standing_open = standing_open.clone();
        Callback::from(move |area: AreaIndex| standing_open.set(Some(area)))
    };
    let on_add = {
        let (api, dispatch, state, poll) = (api.clone(), dispatch.clone(), store.clone(), poll.clone());
        Callback::from(move |_| {
            let requests = state.basket_requests();
            if requests.is_empty() || !state.can_add_to_basket() {
                return;
            }
            dispatch.dispatch(Action::AddStarted);
            let (api, dispatch, poll) = (api.clone(), dispatch.clone(), poll.clone());
            spawn_local(async move {
                match api.post::<_, IgnoredAny>("basket/tickets", &requests, "the added tickets").await {
                    Ok(_) => dispatch.dispatch(Action::AddSucceeded),
                    Err(e) => dispatch.dispatch(Action::AddFailed(e)),
                }
                refresh_basket(&api, &dispatch);
                poll.now();
            });
        })
    };
    let on_remove = {
        let (api, dispatch, poll) = (api.clone(), dispatch.clone(), poll.clone());
        Callback::from(move |ids: Vec<String>| {
            dispatch.dispatch(Action::RemoveStarted);
            let (api, dispatch, poll) = (api.clone(), dispatch.clone(), poll.clone());
            let query: Vec<String> = ids.iter().map(|i| encode(i)).collect();
            spawn_local(async move {
                let path = format!("basket/tickets?ticketIds={}", query.join(","));
                if let Err(e) = api.delete::<IgnoredAny>(&path, "your basket").await {
                    dispatch.dispatch(Action::RemoveFailed(e));
                }
                refresh_basket(&api, &dispatch);
                poll.now();
            });
        })
    };
    let on_best = {
        let (api, dispatch, state, poll) = (api.clone(), dispatch.clone(), store.clone(), poll.clone());
        Callback::from(move |request: BestRequest| {
            let Some(body) =
                state.best_available_request(request.quantity, request.ticket_type, request.band, request.area)
            else {
                return;
            };
            dispatch.dispatch(Action::BestAvailableStarted);
            let (api, dispatch, poll) = (api.clone(), dispatch.clone(), poll.clone());
            spawn_local(async move {
                match api.post::<_, Vec<wire::Ticket>>("basket/tickets/best-available", &body, "the seats found").await
                {
                    Ok(tickets) => {
                        let seats = tickets.into_iter().filter_map(|t| t.seat.and_then(|s| s.id)).collect();
                        dispatch.dispatch(Action::BestAvailableSucceeded(seats));
                    }
                    Err(e) => dispatch.dispatch(Action::BestAvailableFailed(e)),
                }
                refresh_basket(&api, &dispatch);
                poll.now();
            });
        })
    };
    let on_login = {
        let (api, dispatch, customer) = (api.clone(), dispatch.clone(), customer.clone());
        Callback::from(move |(email, password): (String, String)| {
            if email.is_empty() || password.is_empty() {
                dispatch.dispatch(Action::LoginFailed("Please enter your email address and password.".into()));
                return;
            }
            dispatch.dispatch(Action::LoginStarted);
            let (api, dispatch, customer) = (api.clone(), dispatch.clone(), customer.clone());
            spawn_local(async move {
                let body = wire::outgoing::Credentials { email, password };
                match api.post::<_, IgnoredAny>("customer/authenticate", &body, "your account").await {
                    Ok(_) => customer.run(),
                    Err(ApiError::Http { status: 400 | 401 | 403 | 404, message, .. }) => {
                        dispatch.dispatch(Action::LoginFailed(
                            message.unwrap_or_else(|| "The email address or password is incorrect.".into()),
                        ))
                    }
                    Err(e) => dispatch.dispatch(Action::LoginFailed(e.plain())),
                }
            });
        })
    };
    let on_logout = {
        let (api, dispatch, customer) = (api.clone(), dispatch.clone(), customer.clone());
        Callback::from(move |_| {
            let (api, dispatch, customer) = (api.clone(), dispatch.clone(), customer.clone());
            spawn_local(async move {
                match api
                    .post::<_, IgnoredAny>("customer/deauthenticate", &wire::outgoing::Empty {}, "your account")
                    .await
                {
                    Ok(_) => customer.run(),
                    Err(e) => dispatch.dispatch(Action::Notify(Notice {
                        tone: Tone::Error,
                        text: format!("Could not log out. {}", e.plain()),
                    })),
                }
            });
        })
    };
    let on_retry = {
        let reload = reload.clone();
        Callback::from(move |_| reload.set(*reload + 1))
    };

    let body = match (&store.load, &store.venue) {
        (Load::Failed(error), _) => html! { <ErrorPanel error={error.clone()} {on_retry} /> },
        (Load::Loading, _) | (_, None) => html! {
            <div class="seatmap-loading" role="status" data-testid="loading">{"Loading the seat map…"}</div>
        },
        (Load::Ready, Some(venue)) => html! {
            <div class="seatmap-body">
                <SeatMap key="map" venue={Shared::from(venue.clone())} states={Shared::from(store.seat_states.clone())}
                         availability={Shared::from(store.availability.clone())} money={money.clone()}
                         focus={store.focus} highlight={Shared::from(store.highlight.clone())}
                         {on_toggle} {on_focus} {on_area} />
                <aside key="side" class="seatmap-side">
                    <ChoicePanel key="choice" state={store.clone()} money={money.clone()} {on_add} />
                    <Standing key="standing" state={store.clone()} money={money.clone()} open={*standing_open} />
                    <BestAvailable key="best" state={store.clone()} money={money.clone()} on_request={on_best} />
                    <BasketPanel key="basket" state={store.clone()} money={money.clone()} checkout_url={config.checkout_url.clone().map(AttrValue::from)} {on_remove} />
                    if config.login_form {
                        <LoginForm key="login" state={store.clone()} show_name={config.show_customer_name} {on_login} {on_logout} />
                    }
                    <Legend key="legend" venue={Shared::from(venue.clone())} availability={Shared::from(store.availability.clone())} money={money.clone()} />
                </aside>
            </div>
        },
    };
    html! {
        <div class="seatmap" data-testid="seatmap" data-load={match store.load { Load::Loading => "loading", Load::Ready => "ready", Load::Failed(_) => "failed" }}>
            <StatusLine key="status" state={store.clone()} interval_ms={config.poll_interval_ms} />
            <div key="body" class="seatmap-main">{ body }</div>
        </div>
    }
}
