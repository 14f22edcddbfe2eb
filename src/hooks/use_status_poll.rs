//! Keeps the map true: reads `status/detail` at once when the map is drawn,
//! then every interval. Never two requests in flight; none while the page is
//! hidden; one at once when it shows again, when the reducer asks (after a
//! basket or login change) or when the status turns personal. Failures back
//! off under the core's policy (never sooner than the interval, honouring
//! `Retry-After`); a permanent failure stops polling until "Try again".
//! An answer identical to the last one is not decoded. Dropping the hook stops it.
//!
//! The first read is asked for as the widget mounts, alongside the
//! performance, plan and prices, and read against the plan once that is in:
//! it used to be asked for only once the plan had been read and drawn,
//! which put the plan's whole decoding and first render between the page
//! loading and the status leaving.

use crate::services::{status_from, Spektrix, StatusRead};
use crate::store::Store;
use futures_channel::oneshot;
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use seatmap_core::{next_delay_ms, Action, ApiError, Call, Config, Recovery, Response, Venue};
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use yew::prelude::*;

/// A handle to poll again now, starting again if polling had stopped.
#[derive(Clone)]
pub struct PollControl(Rc<RefCell<Poller>>);

impl PartialEq for PollControl {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl PollControl {
    /// The plan is in: polls it now, in this turn, so that a first status
    /// already in is read before the map's first render (the hook would
    /// otherwise start only after that render, and the map be drawn twice).
    pub fn start(&self, venue: Rc<Venue>, dispatch: UseReducerDispatcher<Store>) {
        Poller::start(&self.0, venue, dispatch);
    }

    /// Start again after a permanent failure ("Try again").
    pub fn restart(&self) {
        {
            let mut p = self.0.borrow_mut();
            p.stopped = false;
            p.failures = 0;
        }
        Poller::run(&self.0);
    }
}

struct Poller {
    spektrix: Spektrix,
    venue: Option<Rc<Venue>>,
    interval_ms: u32,
    dispatch: Option<UseReducerDispatcher<Store>>,
    timer: Option<Timeout>,
    in_flight: bool,
    again: bool,
    failures: u32,
    stopped: bool,
    /// Read with the customer's cookie (else from the shared cache, if any).
    personal: bool,
    visibility: Option<EventListener>,
    /// The last body decoded: an identical answer is not decoded again.
    last_body: Option<Vec<u8>>,
    /// The first read, asked for before the plan was in.
    early: Option<Early>,
}

/// A read started at mount, by the performance id the page gave.
struct Early {
    instance_id: String,
    personal: bool,
    requested_ms: f64,
    answer: oneshot::Receiver<Result<Response, ApiError>>,
}

/// The read started at mount, as it stands when the plan is in.
enum EarlyNow {
    /// Still on its way.
    Pending(Early),
    /// In, and read against the plan: when it was asked for, and what it says.
    Read(f64, Result<StatusRead, ApiError>),
    /// Of no use: to be asked for again the usual way.
    Gone,
}

impl Early {
    /// What was received, read against the plan; `None` when it is of no
    /// use and the usual read is to be made: a shared answer the plan
    /// cannot read (the usual read falls back to the venue), or no answer
    /// at all (the read never finished).
    fn read(
        &self,
        received: Result<Result<Response, ApiError>, oneshot::Canceled>,
        venue: &Venue,
    ) -> Option<Result<StatusRead, ApiError>> {
        match received {
            Ok(Ok(answer)) => match status_from(venue, answer, None) {
                Err(_) if !self.personal => None,
                read => Some(read),
            },
            Ok(Err(error)) => Some(Err(error)),
            Err(oneshot::Canceled) => None,
        }
    }

    fn now(mut self, venue: &Venue) -> EarlyNow {
        let received = match self.answer.try_recv() {
            Ok(None) => return EarlyNow::Pending(self),
            Ok(Some(answer)) => Ok(answer),
            Err(canceled) => Err(canceled),
        };
        match self.read(received, venue) {
            Some(read) => EarlyNow::Read(self.requested_ms, read),
            None => EarlyNow::Gone,
        }
    }
}

fn page_hidden() -> bool {
    web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden())
}

impl Poller {
    fn run(this: &Rc<RefCell<Poller>>) {
        let (spektrix, venue, dispatch, personal, previous, early) = {
            let mut p = this.borrow_mut();
            let (Some(venue), Some(dispatch)) = (p.venue.clone(), p.dispatch.clone()) else { return };
            if p.stopped {
                return;
            }
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
            // The read started at mount stands for this one if it asked the
            // same thing and is younger than an interval.
            let fresh_ms = f64::from(p.interval_ms);
            let personal = p.personal;
            let early = p.early.take().filter(|e| {
                e.personal == personal
                    && e.instance_id == *venue.instance.id
                    && js_sys::Date::now() - e.requested_ms < fresh_ms
            });
            (p.spektrix.clone(), venue, dispatch, personal, p.last_body.take(), early)
        };
        // The read started at mount may be in already (it usually is by the
        // time the plan has been read): then it is read now, in the turn the
        // plan came in, and the map's first render shows it.
        let early = match early.map(|e| e.now(&venue)) {
            Some(EarlyNow::Read(requested_ms, read)) => {
                Poller::finish(this, &dispatch, previous, requested_ms, read);
                return;
            }
            Some(EarlyNow::Pending(early)) => Some(early),
            Some(EarlyNow::Gone) | None => None,
        };
        let weak = Rc::downgrade(this);
        wasm_bindgen_futures::spawn_local(async move {
            let (requested_ms, result) = match early {
                Some(early) => read_early(early, &spektrix, &venue).await,
                None => (js_sys::Date::now(), spektrix.read_status(&venue, personal, previous.as_deref()).await),
            };
            let Some(this) = weak.upgrade() else { return };
            if this.borrow().venue.as_ref().is_none_or(|v| !Rc::ptr_eq(v, &venue)) {
                return; // stopped, or another performance, while the request was out
            }
            Poller::finish(&this, &dispatch, previous, requested_ms, result);
        });
    }

    /// Takes a read's result to the store and sets up the next read.
    fn finish(
        this: &Rc<RefCell<Poller>>,
        dispatch: &UseReducerDispatcher<Store>,
        previous: Option<Vec<u8>>,
        requested_ms: f64,
        result: Result<StatusRead, ApiError>,
    ) {
        let now_ms = js_sys::Date::now();
        let retry_after = match result {
            Ok(StatusRead::Unchanged) => {
                let mut p = this.borrow_mut();
                p.failures = 0;
                p.last_body = previous;
                drop(p);
                dispatch.dispatch(Action::StatusUnchanged { requested_ms, now_ms });
                None
            }
            Ok(StatusRead::Changed(availability, body)) => {
                {
                    let mut p = this.borrow_mut();
                    p.failures = 0;
                    p.last_body = Some(body);
                }
                dispatch.dispatch(Action::Status { availability, requested_ms, now_ms });
                None
            }
            Err(error) => {
                crate::host::console_warn(&format!("status poll failed: {}", error.detail()));
                let recovery = error.recovery(Call::StatusDetail);
                let stopped = recovery == Recovery::Stop;
                {
                    let mut p = this.borrow_mut();
                    p.failures += 1;
                    p.stopped = stopped;
                }
                dispatch.dispatch(Action::StatusFailed { error, stopped });
                match recovery {
                    Recovery::Retry { after_secs } => after_secs,
                    _ => None,
                }
            }
        };
        let (again, delay, stopped) = {
            let mut p = this.borrow_mut();
            p.in_flight = false;
            let again = std::mem::take(&mut p.again) && p.failures == 0;
            (again, next_delay_ms(p.interval_ms, p.failures, retry_after, js_sys::Math::random()), p.stopped)
        };
        if stopped {
            return;
        }
        if again {
            Poller::run(this);
        } else {
            Poller::schedule(this, delay);
        }
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

    /// Starts polling `venue` (at once), unless it is polling it already.
    fn start(this: &Rc<RefCell<Poller>>, venue: Rc<Venue>, dispatch: UseReducerDispatcher<Store>) {
        {
            let mut p = this.borrow_mut();
            if p.venue.as_ref().is_some_and(|v| Rc::ptr_eq(v, &venue)) {
                return;
            }
            p.venue = Some(venue);
            p.dispatch = Some(dispatch);
            p.failures = 0;
            p.stopped = false;
            p.last_body = None;
            let weak = Rc::downgrade(this);
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
        // The first status fills in the map drawn from plan and prices.
        Poller::run(this);
    }

    /// Stops polling `venue` (and nothing else).
    fn stop_for(&mut self, venue: &Rc<Venue>) {
        if self.venue.as_ref().is_some_and(|v| Rc::ptr_eq(v, venue)) {
            self.stop();
        }
    }

    fn stop(&mut self) {
        self.venue = None;
        self.timer = None;
        self.visibility = None;
        self.again = false;
        self.last_body = None;
    }
}

/// The answer to the read started at mount, once it is in, read against
/// the plan (`Early::read`), and when it was asked for; or the usual read,
/// made now, when that answer is of no use.
async fn read_early(mut early: Early, spektrix: &Spektrix, venue: &Venue) -> (f64, Result<StatusRead, ApiError>) {
    let received = (&mut early.answer).await;
    match early.read(received, venue) {
        Some(read) => (early.requested_ms, read),
        None => (js_sys::Date::now(), spektrix.read_status(venue, early.personal, None).await),
    }
}

/// Polls once `venue` is loaded, every `config.poll_interval_ms`; the
/// first read leaves at mount for `config.instance_id`. `personal` says whether the letters are
/// this customer's own (logged in, or something in the basket): a change to
/// personal polls at once; `now` is a counter that polls at once when it moves.
#[hook]
pub fn use_status_poll(
    spektrix: &Spektrix,
    config: &Config,
    venue: Option<Rc<Venue>>,
    personal: bool,
    now: u32,
    dispatch: UseReducerDispatcher<Store>,
) -> PollControl {
    let poller = use_mut_ref(|| Poller {
        spektrix: spektrix.clone(),
        venue: None,
        interval_ms: config.poll_interval_ms,
        dispatch: None,
        timer: None,
        in_flight: false,
        again: false,
        failures: 0,
        stopped: false,
        personal,
        visibility: None,
        last_body: None,
        early: None,
    });
    {
        // The first read leaves now, alongside the performance, plan and prices.
        let poller = poller.clone();
        let instance_id = config.instance_id.clone();
        use_effect_with((), move |_| {
            if !page_hidden() {
                let (spektrix, personal) = {
                    let p = poller.borrow();
                    (p.spektrix.clone(), p.personal)
                };
                let (sender, answer) = oneshot::channel();
                let requested_ms = js_sys::Date::now();
                let asked = instance_id.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    // The receiver is gone if the widget went: nothing to do.
                    let _ = sender.send(spektrix.fetch_status(&asked, personal).await);
                });
                poller.borrow_mut().early = Some(Early { instance_id, personal, requested_ms, answer });
            }
            || ()
        });
    }
    {
        // Usually started already, by `PollControl::start` as the plan came in.
        let poller = poller.clone();
        let key = venue.as_ref().map(|v| Rc::as_ptr(v) as usize);
        use_effect_with(key, move |_| {
            if let Some(venue) = venue.clone() {
                Poller::start(&poller, venue, dispatch);
            }
            move || {
                if let Some(venue) = venue {
                    poller.borrow_mut().stop_for(&venue);
                }
            }
        });
    }
    {
        let poller = poller.clone();
        use_effect_with(now, move |now| {
            if *now > 0 {
                Poller::run(&poller);
            }
            || ()
        });
    }
    {
        let poller = poller.clone();
        use_effect_with(personal, move |personal| {
            // Without a shared cache every read is already personal: nothing to switch.
            let became_personal = *personal && !poller.borrow().personal && poller.borrow().spektrix.has_shared_cache();
            poller.borrow_mut().personal = *personal;
            if became_personal {
                // Members' seats open within a second of a login: ask with the cookie now.
                Poller::run(&poller);
            }
            || ()
        });
    }
    PollControl(poller)
}
