//! Keeps the customer's choice while they wait in Spektrix's queue: saved
//! in `sessionStorage` (per performance, this tab only) when the queue
//! appears, restored once availability is known when they come back.

use crate::store::Store;
use seatmap_core::{Action, SavedChoice};
use yew::prelude::*;

fn key(instance_id: &str) -> String {
    format!("seatmap:choice:{instance_id}")
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Saves the choice when the queue appears; restores it on return.
#[hook]
pub fn use_saved_choice(store: &UseReducerHandle<Store>) {
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
        use_effect_with((instance, known), move |(instance, known)| {
            if let (Some(id), true, Some(storage)) = (instance, *known, storage()) {
                if let Ok(Some(json)) = storage.get_item(&key(id)) {
                    let _ = storage.remove_item(&key(id));
                    if let Ok(saved) = serde_json::from_str::<SavedChoice>(&json) {
                        dispatch.dispatch(Action::RestoreChoice(saved));
                    }
                }
            }
            || ()
        });
    }
}
