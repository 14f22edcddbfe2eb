//! Loads the performance: the instance, then its plan and price list. The
//! map is drawn as soon as they are read (with the status, if it is in). A
//! transient failure is retried by itself under the polling policy; a
//! permanent one is shown in plain words. Dropping the hook stops it.

use crate::hooks::use_status_poll::PollControl;
use crate::services::Spektrix;
use crate::store::Store;
use gloo_timers::future::TimeoutFuture;
use seatmap_core::{next_delay_ms, Action, Call, Config, Recovery};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// The buyer's local time as ISO 8601 (`2026-12-01T10:00:00`), to compare
/// with the venue's sale times.
pub fn local_now() -> Rc<str> {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
    .into()
}

/// Loads the configured performance, again whenever `attempt` changes ("Try again"), and
/// reads the performance alone again whenever `reread` moves (a refusal may
/// mean it went off sale). Once loaded, `poll` starts at once, in the same
/// turn, so a first status already in is drawn with the map.
#[hook]
pub fn use_venue(
    spektrix: &Spektrix,
    config: &Config,
    attempt: u32,
    reread: u32,
    poll: &PollControl,
    dispatch: UseReducerDispatcher<Store>,
) {
    {
        let (spektrix, dispatch) = (spektrix.clone(), dispatch.clone());
        let instance_id: Rc<str> = config.instance_id.as_str().into();
        use_effect_with(reread, move |reread| {
            if *reread > 0 {
                wasm_bindgen_futures::spawn_local(async move {
                    match spektrix.read_instance(&instance_id).await {
                        Ok(instance) => dispatch.dispatch(Action::InstanceRead(instance)),
                        Err(e) => {
                            crate::host::console_warn(&format!("reading the performance again failed: {}", e.detail()))
                        }
                    }
                });
            }
            || ()
        });
    }
    let spektrix = spektrix.clone();
    let poll = poll.clone();
    let interval_ms = config.poll_interval_ms;
    let instance_id: Rc<str> = config.instance_id.as_str().into();
    use_effect_with((instance_id, attempt), move |(instance_id, _)| {
        let alive = Rc::new(Cell::new(true));
        let still = alive.clone();
        let instance_id = instance_id.clone();
        dispatch.dispatch(Action::LoadStarted);
        wasm_bindgen_futures::spawn_local(async move {
            let mut failures = 0;
            while still.get() {
                let result = spektrix.load_venue(&instance_id).await;
                if !still.get() {
                    return;
                }
                match result {
                    Ok((venue, report)) => {
                        dispatch.dispatch(Action::Loaded { venue: venue.clone(), report, now_local: local_now() });
                        poll.start(venue, dispatch);
                        return;
                    }
                    Err(error) => {
                        crate::host::console_error(&format!(
                            "could not load performance {instance_id}: {}",
                            error.detail()
                        ));
                        let Recovery::Retry { after_secs } = error.recovery(Call::Instance) else {
                            dispatch.dispatch(Action::LoadFailed { error, retrying: false });
                            return;
                        };
                        failures += 1;
                        dispatch.dispatch(Action::LoadFailed { error, retrying: true });
                        TimeoutFuture::new(next_delay_ms(interval_ms, failures, after_secs, js_sys::Math::random()))
                            .await;
                    }
                }
            }
        });
        move || alive.set(false)
    });
}
