//! Tells the host page what happened, each event only when what it
//! describes changed; reports decoding problems once; and listens for other
//! maps on the page changing the basket (then this one reads it again).

use crate::host::{console_error, console_warn, emit};
use crate::store::Store;
use gloo_events::EventListener;
use seatmap_core::{list_seats, Action, Load, Tone};
use serde::Serialize;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Ready<'a> {
    instance_id: &'a str,
    seats: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ChosenSeat {
    id: String,
    name: String,
    ticket_type: String,
}

#[derive(Serialize)]
struct SelectionChange {
    seats: Vec<ChosenSeat>,
    standing: u32,
    total: f64,
}

#[derive(Serialize)]
struct BasketChange<'a> {
    tickets: usize,
    total: f64,
    hash: Option<&'a str>,
}

#[derive(Serialize)]
struct ErrorEvent {
    message: String,
    detail: String,
    status: Option<u16>,
}

#[derive(Serialize)]
struct Warning<'a> {
    summary: String,
    problems: Vec<WarningProblem<'a>>,
}

#[derive(Serialize)]
struct WarningProblem<'a> {
    document: &'a str,
    what: &'a str,
    count: u32,
}

#[derive(Serialize)]
struct QueueEvent<'a> {
    url: Option<&'a str>,
    message: Option<&'a str>,
}

/// The event another map on the page fires when its basket changed.
const BASKET_CHANGE: &str = "seatmap:basketchange";

/// Sends the host page its events; `queue_url` is the queue address resolved against the custom domain.
#[hook]
pub fn use_host_events(store: &UseReducerHandle<Store>, host: &HtmlElement, queue_url: Option<String>) {
    let venue = store.venue().cloned();
    {
        let host = host.clone();
        use_effect_with(venue.as_ref().map(|v| v.instance.id.clone()), move |id| {
            if let (Some(id), Some(v)) = (id, venue) {
                emit(&host, "seatmap:ready", &Ready { instance_id: id, seats: v.plan.seat_count() });
            }
            || ()
        });
    }
    {
        let (host, state) = (host.clone(), store.clone());
        use_effect_with(store.versions.selection, move |version| {
            if let (Some(v), true) = (state.venue(), *version > 0) {
                let seats = state
                    .selection
                    .iter()
                    .map(|c| ChosenSeat {
                        id: v.plan.seat(c.seat).id.to_string(),
                        name: list_seats(&v.plan, &[c.seat]),
                        ticket_type: v.prices.ticket_type(c.ticket_type).id.to_string(),
                    })
                    .collect();
                let standing = state.standing.iter().map(|s| s.quantity).sum();
                emit(
                    &host,
                    "seatmap:selectionchange",
                    &SelectionChange { seats, standing, total: state.selection_total() },
                );
            }
            || ()
        });
    }
    {
        let host = host.clone();
        let basket = store.basket.contents.clone();
        let key = basket.as_ref().map(|b| (b.hash.clone(), b.tickets.iter().map(|t| t.id.clone()).collect::<Vec<_>>()));
        use_effect_with(key, move |_| {
            if let Some(b) = basket {
                emit(
                    &host,
                    BASKET_CHANGE,
                    &BasketChange { tickets: b.tickets.len(), total: b.total, hash: b.hash.as_deref() },
                );
            }
            || ()
        });
    }
    {
        let host = host.clone();
        let error = match (&store.load, &store.notice, &store.live) {
            // The loader and the poller log their own failures; a failed operation is logged here.
            (Load::Failed(e), _, _) => Some((e.plain(), e.detail(), e.status(), false)),
            (_, _, live) if live.stopped => live.error.as_ref().map(|e| (e.plain(), e.detail(), e.status(), false)),
            (_, Some(n), _) if n.tone == Tone::Error => {
                Some((n.text.clone(), n.detail.clone().unwrap_or_else(|| n.text.clone()), None, true))
            }
            _ => None,
        };
        use_effect_with(error, move |error| {
            if let Some((message, detail, status, log)) = error {
                // The buyer reads `message`; the developer gets the cause on the console and in the event.
                if *log {
                    console_error(detail);
                }
                emit(
                    &host,
                    "seatmap:error",
                    &ErrorEvent { message: message.clone(), detail: detail.clone(), status: *status },
                );
            }
            || ()
        });
    }
    {
        // One event per document that brought new problems, in the order
        // they were found, however many arrived in one render.
        let (host, state) = (host.clone(), store.clone());
        let reported = use_mut_ref(|| 0usize);
        use_effect_with(store.versions.problems, move |_| {
            let from = std::mem::replace(&mut *reported.borrow_mut(), state.problems_found.len());
            for report in state.problems_found.iter().skip(from) {
                if let Some(summary) = report.summary() {
                    console_warn(&format!("the box office sent records this seat map could not use: {summary}"));
                    let problems = report
                        .problems()
                        .iter()
                        .map(|p| WarningProblem { document: p.document, what: &p.what, count: p.count })
                        .collect();
                    emit(&host, "seatmap:warning", &Warning { summary, problems });
                }
            }
            || ()
        });
    }
    {
        let host = host.clone();
        use_effect_with(store.queue.clone(), move |queue| {
            if let Some(q) = queue {
                console_error(&format!(
                    "basket call answered JoinQueue: {}",
                    queue_url.as_deref().unwrap_or("(no url)")
                ));
                emit(&host, "seatmap:queue", &QueueEvent { url: queue_url.as_deref(), message: q.message.as_deref() });
            }
            || ()
        });
    }
    {
        // Another map on this page changed the basket: this one's is out of date.
        let (host, dispatch) = (host.clone(), store.dispatcher());
        use_effect_with((), move |_| {
            let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
                EventListener::new(&doc, BASKET_CHANGE, move |e| {
                    let from_elsewhere = e
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
                        .is_some_and(|t| !t.is_same_node(Some(host.as_ref())));
                    if from_elsewhere {
                        dispatch.dispatch(Action::BasketChangedElsewhere);
                    }
                })
            });
            move || drop(listener)
        });
    }
}
