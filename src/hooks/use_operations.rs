//! What the customer asks the box office to do: add the choice, find the
//! best available seats, remove tickets, log in and out. Each callback opens
//! its operation in the reducer, makes the one call through the services
//! layer, and closes it with the outcome — added, refused, or uncertain (the
//! answer was lost; the reducer then reads the basket to know).

use crate::hooks::use_customer::CustomerCheck;
use crate::services::{LoginRefused, Spektrix, WriteOutcome};
use crate::store::Store;
use seatmap_core::{Action, AreaIndex, BandIndex, Call, TicketTypeIndex};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// What the customer asked best available for.
#[derive(Debug, Clone, PartialEq)]
pub struct BestRequest {
    /// How many tickets.
    pub quantity: u32,
    /// Of which ticket type.
    pub ticket_type: TicketTypeIndex,
    /// Only in this band, if chosen.
    pub band: Option<BandIndex>,
    /// Only in this area, if chosen.
    pub area: Option<AreaIndex>,
}

/// The operations, as callbacks carrying domain values (by default, none).
#[derive(Clone, PartialEq, Default)]
pub struct Operations {
    /// Add the current choice to the basket.
    pub add: Callback<()>,
    /// Best available.
    pub best_available: Callback<BestRequest>,
    /// Remove these tickets from the basket.
    pub remove: Callback<Vec<Rc<str>>>,
    /// Log in with an email address and a password.
    pub log_in: Callback<(String, String)>,
    /// Log out.
    pub log_out: Callback<()>,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn settle(dispatch: &UseReducerDispatcher<Store>, outcome: WriteOutcome, best: bool) {
    let action = match (outcome, best) {
        (WriteOutcome::Added(tickets), false) => Action::AddSucceeded { tickets, now_ms: now_ms() },
        (WriteOutcome::Refused(e), false) => Action::AddFailed(e),
        (WriteOutcome::Uncertain(e), false) => Action::AddUncertain(e),
        (WriteOutcome::Added(tickets), true) => Action::BestAvailableSucceeded { tickets, now_ms: now_ms() },
        (WriteOutcome::Refused(e), true) => Action::BestAvailableFailed(e),
        (WriteOutcome::Uncertain(e), true) => Action::BestAvailableUncertain(e),
    };
    dispatch.dispatch(action);
}

/// The operations for this widget's store. They are made once and read the
/// latest state when called, so a panel that gets them is not drawn again
/// just because the root was (a new callback is never equal to the last).
#[hook]
pub fn use_operations(spektrix: &Spektrix, store: &UseReducerHandle<Store>, customer: &CustomerCheck) -> Operations {
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    let (spektrix, customer) = (spektrix.clone(), customer.clone());
    let dispatch = store.dispatcher();
    (*use_memo((), move |_| operations(&spektrix, &latest, &dispatch, &customer))).clone()
}

fn operations(
    spektrix: &Spektrix,
    latest: &Rc<RefCell<UseReducerHandle<Store>>>,
    dispatch: &UseReducerDispatcher<Store>,
    customer: &CustomerCheck,
) -> Operations {
    let add = {
        let (spektrix, latest, dispatch) = (spektrix.clone(), latest.clone(), dispatch.clone());
        Callback::from(move |_| {
            let store = latest.borrow().clone();
            let requests = store.add_request();
            let Some(venue) = store.venue().cloned() else { return };
            if requests.is_empty() || !store.can_add_to_basket() {
                return;
            }
            dispatch.dispatch(Action::AddStarted);
            let (spektrix, dispatch) = (spektrix.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                settle(&dispatch, spektrix.add_tickets(&venue, &requests).await, false);
            });
        })
    };
    let best_available = {
        let (spektrix, latest, dispatch) = (spektrix.clone(), latest.clone(), dispatch.clone());
        Callback::from(move |request: BestRequest| {
            let store = latest.borrow().clone();
            let Some(venue) = store.venue().cloned() else { return };
            let Some(body) =
                store.best_available_request(request.quantity, request.ticket_type, request.band, request.area)
            else {
                return;
            };
            dispatch.dispatch(Action::BestAvailableStarted { quantity: request.quantity });
            let (spektrix, dispatch) = (spektrix.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                settle(&dispatch, spektrix.best_available(&venue, &body).await, true);
            });
        })
    };
    let remove = {
        let (spektrix, latest, dispatch) = (spektrix.clone(), latest.clone(), dispatch.clone());
        Callback::from(move |tickets: Vec<Rc<str>>| {
            if tickets.is_empty() || latest.borrow().pending.remove.is_some() {
                return;
            }
            dispatch.dispatch(Action::RemoveStarted(tickets.clone()));
            let (spektrix, dispatch) = (spektrix.clone(), dispatch.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match spektrix.remove_tickets(&tickets).await {
                    Ok(()) => dispatch.dispatch(Action::RemoveSucceeded { now_ms: now_ms() }),
                    Err(e) => dispatch.dispatch(Action::RemoveFailed(e)),
                }
            });
        })
    };
    let log_in = {
        let (spektrix, dispatch, customer) = (spektrix.clone(), dispatch.clone(), customer.clone());
        Callback::from(move |(email, password): (String, String)| {
            if email.is_empty() || password.is_empty() {
                dispatch.dispatch(Action::LogInFailed("Please enter your email address and password.".into()));
                return;
            }
            dispatch.dispatch(Action::LogInStarted);
            let (spektrix, dispatch, customer) = (spektrix.clone(), dispatch.clone(), customer.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match spektrix.log_in(email, password).await {
                    Ok(()) => customer.run(),
                    Err(LoginRefused::Credentials(message)) => dispatch.dispatch(Action::LogInFailed(message)),
                    Err(LoginRefused::Failed(e)) => dispatch.dispatch(Action::LogInFailed(e.for_buyer(Call::LogIn))),
                }
            });
        })
    };
    let log_out = {
        let (spektrix, dispatch, customer) = (spektrix.clone(), dispatch.clone(), customer.clone());
        Callback::from(move |_| {
            dispatch.dispatch(Action::LogOutStarted);
            let (spektrix, dispatch, customer) = (spektrix.clone(), dispatch.clone(), customer.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match spektrix.log_out().await {
                    Ok(()) => customer.run(),
                    Err(e) => dispatch.dispatch(Action::LogOutFailed(e)),
                }
            });
        })
    };
    Operations { add, best_available, remove, log_in, log_out }
}
