//! Knows who is logged in. Asks `GET customer` on load, again when the page
//! regains focus or visibility (the host's own login iframe may have changed
//! it), and when the host page says so. A change is dispatched at once and
//! triggers a status poll, so held seats open or close within a second.

use crate::core::error::ApiError;
use crate::core::state::{Action, CustomerState};
use crate::core::wire;
use crate::shell::api::Api;
use crate::shell::hooks::use_status_poll::PollControl;
use crate::shell::store::Store;
use gloo_events::EventListener;
use std::rc::Rc;
use yew::prelude::*;

/// Re-checks the customer; `force` skips the focus throttle.
#[derive(Clone)]
pub struct CustomerCheck(Rc<dyn Fn(bool)>);

impl PartialEq for CustomerCheck {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl CustomerCheck {
    pub fn run(&self) {
        (self.0)(true)
    }
}

/// The event a host page may fire (on the element or the document) after
/// logging the customer in or out by other means.
pub const CUSTOMER_CHANGE_EVENT: &str = "seatmap:customerchange";

struct Known {
    customer: Option<CustomerState>,
    last_check_ms: f64,
    in_flight: bool,
}

pub async fn fetch_customer(api: &Api) -> Result<CustomerState, ApiError> {
    match api.get::<wire::Customer>("customer", "customer").await {
        Ok(c) => Ok(CustomerState::from_wire(c)),
        Err(ApiError::Http { status: 401 | 403 | 404, .. }) => Ok(CustomerState::Anonymous),
        Err(e) => Err(e),
    }
}

fn same_customer(a: &CustomerState, b: &CustomerState) -> bool {
    match (a, b) {
        (CustomerState::LoggedIn { id: x, .. }, CustomerState::LoggedIn { id: y, .. }) => x == y,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

#[hook]
pub fn use_customer(
    api: &Api,
    ready: bool,
    dispatch: UseReducerDispatcher<Store>,
    poll: PollControl,
    host: web_sys::HtmlElement,
) -> CustomerCheck {
    let known = use_mut_ref(|| Known { customer: None, last_check_ms: 0.0, in_flight: false });
    let check = {
        let api = api.clone();
        let known = known.clone();
        let dispatch = dispatch.clone();
        let poll = poll.clone();
        use_memo((), move |_| {
            let check: Rc<dyn Fn(bool)> = Rc::new(move |force: bool| {
                let now = js_sys::Date::now();
                {
                    let mut k = known.borrow_mut();
                    if k.in_flight || (!force && now - k.last_check_ms < 1_500.0) {
                        return;
                    }
                    k.in_flight = true;
                    k.last_check_ms = now;
                }
                let (api, known, dispatch, poll) = (api.clone(), known.clone(), dispatch.clone(), poll.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = fetch_customer(&api).await;
                    let changed = {
                        let mut k: std::cell::RefMut<Known> = known.borrow_mut();
                        k.in_flight = false;
                        match result {
                            Ok(customer) => {
                                let changed = k.customer.as_ref().is_none_or(|old| !same_customer(old, &customer));
                                let first = k.customer.is_none();
                                k.customer = Some(customer.clone());
                                changed.then_some((customer, first))
                            }
                            Err(e) => {
                                crate::shell::host::console_warn(&format!("customer check failed: {}", e.detail()));
                                None
                            }
                        }
                    };
                    if let Some((customer, first)) = changed {
                        dispatch.dispatch(Action::Customer(customer));
                        if !first {
                            poll.now();
                        }
                    }
                });
            });
            check
        })
    };
    {
        let check = check.clone();
        use_effect_with(ready, move |ready| {
            let mut listeners: Vec<EventListener> = Vec::new();
            if *ready {
                (check)(true);
                let window = web_sys::window();
                if let Some(w) = &window {
                    let c = check.clone();
                    listeners.push(EventListener::new(w, "focus", move |_| (c)(false)));
                    if let Some(doc) = w.document() {
                        let c = check.clone();
                        let d = doc.clone();
                        listeners.push(EventListener::new(&doc, "visibilitychange", move |_| {
                            if !d.hidden() {
                                (c)(false)
                            }
                        }));
                        let c = check.clone();
                        listeners.push(EventListener::new(&doc, CUSTOMER_CHANGE_EVENT, move |_| (c)(true)));
                    }
                }
                let c = check.clone();
                listeners.push(EventListener::new(&host, CUSTOMER_CHANGE_EVENT, move |e| {
                    // Heard on the element: don't let the document listener run it twice.
                    e.stop_propagation();
                    (c)(true)
                }));
            }
            move || drop(listeners)
        });
    }
    CustomerCheck((*check).clone())
}
