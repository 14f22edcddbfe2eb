//! Knows who is logged in. Asks `GET customer` on load, again when the page
//! regains focus or visibility (the host's own login iframe may have changed
//! it), when the host page says so, and when the reducer asks (a personal
//! call was refused as not logged in). A change is dispatched at once; the
//! reducer then asks for a status poll, so held seats open or close within a
//! second.

use crate::services::Spektrix;
use crate::store::Store;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use seatmap_core::{Action, CustomerState};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
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
    /// Asked again while a check was out (e.g. a login landed meanwhile):
    /// check once more when it returns, or the answer may be stale.
    again: bool,
    /// A throttled focus check, deferred to the end of the throttle window
    /// rather than dropped.
    deferred: Option<Timeout>,
}

/// Focus and visibility checks come at most this often.
const FOCUS_THROTTLE_MS: f64 = 1_500.0;

struct Checker {
    spektrix: Spektrix,
    known: RefCell<Known>,
    dispatch: UseReducerDispatcher<Store>,
}

fn run_check(this: &Rc<Checker>, force: bool) {
    let now = js_sys::Date::now();
    {
        let mut k = this.known.borrow_mut();
        if k.in_flight {
            // A focus check now would ask the same question as the one out;
            // a forced one (login, host page) may know something newer.
            k.again |= force;
            return;
        }
        let wait = FOCUS_THROTTLE_MS - (now - k.last_check_ms);
        if !force && wait > 0.0 {
            if k.deferred.is_none() {
                let weak: Weak<Checker> = Rc::downgrade(this);
                k.deferred = Some(Timeout::new(wait.ceil() as u32, move || {
                    if let Some(this) = weak.upgrade() {
                        this.known.borrow_mut().deferred = None;
                        run_check(&this, true);
                    }
                }));
            }
            return;
        }
        k.deferred = None;
        k.in_flight = true;
        k.again = false;
        k.last_check_ms = now;
    }
    let this = this.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = this.spektrix.read_customer().await;
        let (report, again) = {
            let mut k = this.known.borrow_mut();
            k.in_flight = false;
            let again = std::mem::take(&mut k.again);
            // A forced check (after a login or logout) is reported even when
            // nothing changed, so a login that did not stick is said, not
            // left "Logging in…"; unless a newer check is coming.
            let report_anyway = force && !again;
            match result {
                Ok(customer) => {
                    let changed = k.customer.as_ref().is_none_or(|old| !same_customer(old, &customer));
                    k.customer = Some(customer.clone());
                    ((changed || report_anyway).then_some(customer), again)
                }
                Err(e) => {
                    crate::host::console_warn(&format!("customer check failed: {}", e.detail()));
                    (k.customer.clone().filter(|_| report_anyway), again)
                }
            }
        };
        if let Some(customer) = report {
            this.dispatch.dispatch(Action::Customer(customer));
        }
        if again {
            run_check(&this, true);
        }
    });
}

fn same_customer(a: &CustomerState, b: &CustomerState) -> bool {
    match (a, b) {
        (CustomerState::LoggedIn { id: x, .. }, CustomerState::LoggedIn { id: y, .. }) => x == y,
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

/// Checks the customer once the map is `ready`, and again when `wanted` moves.
#[hook]
pub fn use_customer(
    spektrix: &Spektrix,
    ready: bool,
    wanted: u32,
    dispatch: UseReducerDispatcher<Store>,
    host: web_sys::HtmlElement,
) -> CustomerCheck {
    let check = {
        let (spektrix, dispatch) = (spektrix.clone(), dispatch.clone());
        use_memo((), move |_| {
            let checker = Rc::new(Checker {
                spektrix,
                known: RefCell::new(Known {
                    customer: None,
                    last_check_ms: 0.0,
                    in_flight: false,
                    again: false,
                    deferred: None,
                }),
                dispatch,
            });
            let check: Rc<dyn Fn(bool)> = Rc::new(move |force: bool| run_check(&checker, force));
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
    {
        let check = check.clone();
        use_effect_with(wanted, move |wanted| {
            if *wanted > 0 {
                (check)(true);
            }
            || ()
        });
    }
    CustomerCheck((*check).clone())
}
