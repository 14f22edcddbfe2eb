//! Keeps the map true: polls `status/detail` on an interval with the
//! session cookie. Never two requests in flight; none while the page is
//! hidden; one at once when it becomes visible again or when asked (after
//! a basket or login change); exponential back-off with jitter on errors,
//! never sooner than `Retry-After`. Dropping the hook stops it.

use seatmap_core::availability::Availability;
use seatmap_core::error::decode;
use seatmap_core::poll::next_delay_ms;
use seatmap_core::state::{Action, Venue};
use seatmap_core::wire;
use crate::api::{status_detail_path, Api};
use crate::store::Store;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use yew::prelude::*;

/// The least wait after a 429 that gave no readable `Retry-After`.
const RATE_LIMITED_FLOOR_SECS: u32 = 5;

/// A handle to ask for a poll now.
#[derive(Clone)]
pub struct PollControl(Rc<RefCell<Poller>>);

impl PartialEq for PollControl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PollControl {
    /// Poll as soon as possible (after the request in flight, if any).
    pub fn now(&self) {
        Poller::run(&self.0);
    }
}

pub struct Poller {
    api: Api,
    venue: Option<Rc<Venue>>,
    interval_ms: u32,
    dispatch: Option<UseReducerDispatcher<Store>>,
    timer: Option<Timeout>,
    in_flight: bool,
    again: bool,
    failures: u32,
    visibility: Option<EventListener>,
    /// The last body decoded: an identical answer is not decoded again.
    last_body: String,
}

fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

impl Poller {
    fn run(this: &Rc<RefCell<Poller>>) {
        let (api, venue, dispatch) = {
            let mut p = this.borrow_mut();
            let (Some(venue), Some(dispatch)) = (p.venue.clone(), p.dispatch.clone()) else { return };
            if page_hidden() {
                // The visibility listener starts again when the page shows.
                p.timer = None;
                return;
            }
            if p.in_flight {
                p.again = true;
                return;
            }
            p.timer = None;
            p.in_flight = true;
            p.again = false;
            (p.api.clone(), venue, dispatch)
        };
        let weak = Rc::downgrade(this);
        wasm_bindgen_futures::spawn_local(async move {
            let result = api.get_text(&status_detail_path(&venue.instance.id)).await;
            let Some(this) = weak.upgrade() else { return };
            if this.borrow().venue.is_none() {
                return; // stopped while the request was out
            }
            let unchanged = matches!(&result, Ok(body) if *body == this.borrow().last_body);
            let result = result.and_then(|body| {
                if unchanged {
                    return Ok(None);
                }
                let detail = decode::<wire::StatusDetail>("seat availability", &body)?;
                this.borrow_mut().last_body = body;
                Ok(Some(detail))
            });
            let now_ms = js_sys::Date::now();
            let retry_after = match result {
                Ok(None) => {
                    this.borrow_mut().failures = 0;
                    dispatch.dispatch(Action::StatusUnchanged { now_ms });
                    None
                }
                Ok(Some(detail)) => {
                    let availability = Availability::decode(&venue.plan, &venue.prices, detail);
                    this.borrow_mut().failures = 0;
                    dispatch.dispatch(Action::Status { availability, now_ms });
                    None
                }
                Err(error) => {
                    // A 429 whose Retry-After we cannot read still means "slow down".
                    let retry_after =
                        error.retry_after_secs().or((error.status() == Some(429)).then_some(RATE_LIMITED_FLOOR_SECS));
                    this.borrow_mut().failures += 1;
                    crate::host::console_warn(&format!("status poll failed: {}", error.detail()));
                    dispatch.dispatch(Action::StatusFailed(error));
                    retry_after
                }
            };
            let (again, delay) = {
                let mut p = this.borrow_mut();
                p.in_flight = false;
                let again = std::mem::take(&mut p.again) && p.failures == 0;
                (again, next_delay_ms(p.interval_ms, p.failures, retry_after, js_sys::Math::random()))
            };
            if again {
                Poller::run(&this);
            } else {
                Poller::schedule(&this, delay);
            }
        });
    }

    fn schedule(this: &Rc<RefCell<Poller>>, delay_ms: u32) {
        let weak: Weak<RefCell<Poller>> = Rc::downgrade(this);
        let timer = Timeout::new(delay_ms, move || {
            if let Some(this) = weak.upgrade() {
                Poller::run(&this);
            }
        });
        this.borrow_mut().timer = Some(timer);
    }

    fn stop(&mut self) {
        self.venue = None;
        self.timer = None;
        self.visibility = None;
        self.again = false;
    }
}

/// Starts polling once `venue` is loaded (the load itself fetched the first
/// status, so the first poll comes one interval later).
#[hook]
pub fn use_status_poll(
    api: &Api,
    venue: Option<Rc<Venue>>,
    interval_ms: u32,
    dispatch: UseReducerDispatcher<Store>,
) -> PollControl {
    let poller = use_mut_ref(|| Poller {
        api: api.clone(),
        venue: None,
        interval_ms,
        dispatch: None,
        timer: None,
        in_flight: false,
        again: false,
        failures: 0,
        visibility: None,
        last_body: String::new(),
    });
    {
        let poller = poller.clone();
        let key = venue.as_ref().map(|v| Rc::as_ptr(v) as usize);
        use_effect_with(key, move |_| {
            if let Some(venue) = venue {
                {
                    let mut p = poller.borrow_mut();
                    p.venue = Some(venue);
                    p.dispatch = Some(dispatch);
                    p.failures = 0;
                    let weak = Rc::downgrade(&poller);
                    p.visibility = web_sys::window().and_then(|w| w.document()).map(|doc| {
                        EventListener::new(&doc, "visibilitychange", move |_| {
                            if let Some(this) = weak.upgrade() {
                                if !page_hidden() {
                                    Poller::run(&this);
                                }
                            }
                        })
                    });
                }
                Poller::schedule(&poller, interval_ms);
            }
            move || poller.borrow_mut().stop()
        });
    }
    PollControl(poller)
}
