//! Reads the basket whenever the reducer asks (`wants.basket_read`), one
//! read at a time. A failed read is retried by itself under the polling
//! policy, so the panel goes from "checking" to the truth without the
//! customer doing anything. Dropping the hook stops it.

use crate::services::Spektrix;
use crate::store::Store;
use gloo_timers::callback::Timeout;
use seatmap_core::{next_delay_ms, Action, Call, Recovery, Venue};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use yew::prelude::*;

struct Reader {
    spektrix: Spektrix,
    venue: Option<Rc<Venue>>,
    dispatch: UseReducerDispatcher<Store>,
    interval_ms: u32,
    in_flight: bool,
    again: bool,
    failures: u32,
    retry: Option<Timeout>,
}

impl Reader {
    fn read(this: &Rc<RefCell<Reader>>) {
        let (spektrix, venue, dispatch) = {
            let mut r = this.borrow_mut();
            let Some(venue) = r.venue.clone() else { return };
            if r.in_flight {
                r.again = true;
                return;
            }
            r.in_flight = true;
            r.again = false;
            r.retry = None;
            (r.spektrix.clone(), venue, r.dispatch.clone())
        };
        dispatch.dispatch(Action::BasketReadStarted);
        let weak = Rc::downgrade(this);
        wasm_bindgen_futures::spawn_local(async move {
            let requested_ms = js_sys::Date::now();
            let result = spektrix.read_basket(&venue).await;
            let Some(this) = weak.upgrade() else { return };
            if this.borrow().venue.as_ref().is_none_or(|v| !Rc::ptr_eq(v, &venue)) {
                return;
            }
            let retry_in = match result {
                Ok(basket) => {
                    this.borrow_mut().failures = 0;
                    dispatch.dispatch(Action::BasketRead { basket, requested_ms, now_ms: js_sys::Date::now() });
                    None
                }
                Err(error) => {
                    crate::host::console_warn(&format!("basket read failed: {}", error.detail()));
                    let recovery = error.recovery(Call::Basket);
                    let failures = {
                        let mut r = this.borrow_mut();
                        r.failures += 1;
                        r.failures
                    };
                    dispatch.dispatch(Action::BasketReadFailed(error));
                    match recovery {
                        Recovery::Retry { after_secs } => {
                            Some(next_delay_ms(this.borrow().interval_ms, failures, after_secs, js_sys::Math::random()))
                        }
                        _ => None,
                    }
                }
            };
            let again = {
                let mut r = this.borrow_mut();
                r.in_flight = false;
                std::mem::take(&mut r.again)
            };
            if again {
                Reader::read(&this);
            } else if let Some(delay) = retry_in {
                let weak: Weak<RefCell<Reader>> = Rc::downgrade(&this);
                this.borrow_mut().retry = Some(Timeout::new(delay, move || {
                    if let Some(this) = weak.upgrade() {
                        Reader::read(&this);
                    }
                }));
            }
        });
    }
}

/// Reads the basket for `venue` each time `wanted` moves (and retries failures).
#[hook]
pub fn use_basket(
    spektrix: &Spektrix,
    venue: Option<Rc<Venue>>,
    wanted: u32,
    interval_ms: u32,
    dispatch: UseReducerDispatcher<Store>,
) {
    let reader = {
        let spektrix = spektrix.clone();
        use_mut_ref(move || Reader {
            spektrix,
            venue: None,
            dispatch,
            interval_ms,
            in_flight: false,
            again: false,
            failures: 0,
            retry: None,
        })
    };
    {
        let reader = reader.clone();
        let key = venue.as_ref().map(|v| Rc::as_ptr(v) as usize);
        use_effect_with(key, move |_| {
            reader.borrow_mut().venue = venue;
            move || {
                let mut r = reader.borrow_mut();
                r.venue = None;
                r.retry = None;
            }
        });
    }
    use_effect_with(wanted, move |wanted| {
        if *wanted > 0 {
            Reader::read(&reader);
        }
        || ()
    });
}
