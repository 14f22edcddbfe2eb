//! Keeps the customer's choice while they are away from it, in
//! `sessionStorage` (per performance, this tab only): while they wait in
//! Spektrix's queue, and when the page switches performance (`instance-id`
//! changes, so the loader mounts the widget afresh). It comes back once
//! availability is known, with the seats still free. The mount after a
//! switch says that the choice on the performance before stayed there.

use crate::dates::{in_words, Detail};
use crate::store::Store;
use seatmap_core::{Action, Away, SavedChoice};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

fn key(instance_id: &str) -> String {
    format!("seatmap:choice:{instance_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What a mount left behind when it ended, for the next mount on the same element.
#[derive(Serialize, Deserialize)]
struct LeftBehind {
    instance: String,
    tickets: u32,
    performance: Option<String>,
}

thread_local! {
    /// Per `<seat-map>` element, what its last mount left behind. Weakly
    /// keyed: an element that leaves the page takes its entry with it.
    static LEFT_BEHIND: js_sys::WeakMap = js_sys::WeakMap::new();
}

fn take_left_behind(host: &HtmlElement) -> Option<LeftBehind> {
    let key: &js_sys::Object = host.unchecked_ref();
    let text = LEFT_BEHIND.with(|map| {
        let value = map.get(key);
        map.delete(key);
        value.as_string()
    })?;
    serde_json::from_slice(text.as_bytes()).ok()
}

/// On unmount: the choice, saved for this performance, and what it was, for the element's next mount.
fn leave(store: &Store, host: &HtmlElement, locale: Option<&str>) {
    let Some(venue) = store.venue() else { return };
    let saved = SavedChoice { away: Away::OtherPerformance, ..store.saved_choice() };
    let id = venue.instance.id.to_string();
    if let Some(storage) = storage() {
        let _ = match serde_json::to_string(&saved) {
            Ok(json) if !saved.is_empty() => storage.set_item(&key(&id), &json),
            _ => storage.remove_item(&key(&id)),
        };
    }
    let key: &js_sys::Object = host.unchecked_ref();
    let left = LeftBehind {
        instance: id,
        tickets: saved.tickets(),
        performance: venue.instance.start.as_deref().map(|start| in_words(start, locale, Detail::WithoutYear)),
    };
    LEFT_BEHIND.with(|map| match serde_json::to_string(&left) {
        Ok(json) if !saved.is_empty() => {
            map.set(key, &json.into());
        }
        _ => {
            map.delete(key);
        }
    });
}

/// Saves the choice when the queue appears and when the widget unmounts;
/// restores it on return; says what stayed behind after a switch.
#[hook]
pub fn use_saved_choice(store: &UseReducerHandle<Store>, host: &HtmlElement, locale: Option<AttrValue>) {
    let instance = store.venue().map(|v| v.instance.id.clone());
    {
        let state = store.clone();
        let instance = instance.clone();
        use_effect_with(store.queue.is_some(), move |queued| {
            if let (true, Some(id), Some(storage)) = (*queued, instance, storage()) {
                if let Ok(json) = serde_json::to_string(&state.saved_choice()) {
                    let _ = storage.set_item(&key(&id), &json);
                }
            }
            || ()
        });
    }
    {
        let dispatch = store.dispatcher();
        let known = store.availability.known;
        use_effect_with((instance.clone(), known), move |(instance, known)| {
            if let (Some(id), true, Some(storage)) = (instance, *known, storage()) {
                if let Ok(Some(json)) = storage.get_item(&key(id)) {
                    let _ = storage.remove_item(&key(id));
                    if let Ok(saved) = serde_json::from_slice::<SavedChoice>(json.as_bytes()) {
                        dispatch.dispatch(Action::RestoreChoice(saved));
                    }
                }
            }
            || ()
        });
    }
    // What the mount before this one on the same element left behind, taken
    // once the performance has loaded: by then the mount before has surely
    // ended (its end and this start are rendered on the same turn, in
    // pooled roots of their own, in no promised order).
    {
        let dispatch = store.dispatcher();
        let host = host.clone();
        use_effect_with(instance, move |instance| {
            if let Some(id) = instance {
                if let Some(left) = take_left_behind(&host).filter(|left| left.instance != **id) {
                    dispatch
                        .dispatch(Action::ChoiceLeftBehind { tickets: left.tickets, performance: left.performance });
                }
            }
            || ()
        });
    }
    // The latest state, for the unmount (each render's handle is that render's state).
    let latest = use_mut_ref(|| store.clone());
    *latest.borrow_mut() = store.clone();
    {
        let host = host.clone();
        use_effect_with((), move |_| move || leave(&latest.borrow(), &host, locale.as_deref()))
    }
}
