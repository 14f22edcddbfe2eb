//! Talking to the host page: DOM events on the element (`seatmap:ready`,
//! `seatmap:selectionchange`, `seatmap:basketchange`, `seatmap:error`,
//! `seatmap:warning`, `seatmap:queue`), their `detail` objects built by
//! serde-wasm-bindgen, the console, and the commands the page sends in
//! (`refreshCustomer()`, `refresh()`).

use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};
use yew::Callback;

/// Fires `name` on the host element with `detail` (bubbling, and out of a shadow root).
pub fn emit<T: Serialize>(host: &HtmlElement, name: &str, detail: &T) {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let detail = detail.serialize(&serializer).unwrap_or(JsValue::NULL);
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// A command from the host page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCommand {
    /// The customer may have logged in or out elsewhere on the page.
    RefreshCustomer,
    /// Re-read seat status now (and start again if polling had stopped).
    Refresh,
}

/// The link between the element's methods and the running app.
#[derive(Clone, Default)]
pub struct Commands(Rc<RefCell<Option<Callback<HostCommand>>>>);

impl PartialEq for Commands {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Commands {
    /// The app listens.
    pub fn connect(&self, callback: Callback<HostCommand>) {
        *self.0.borrow_mut() = Some(callback);
    }

    /// The app stops listening.
    pub fn disconnect(&self) {
        self.0.borrow_mut().take();
    }

    /// The page sends a command.
    pub fn send(&self, command: HostCommand) {
        let callback = self.0.borrow().clone();
        if let Some(cb) = callback {
            cb.emit(command);
        }
    }
}

/// Logs an error on the console, prefixed so a venue's developer finds it.
pub fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("seatmap: {message}")));
}

/// Logs a warning on the console.
pub fn console_warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("seatmap: {message}")));
}

/// The focused element in the tree `node` belongs to. Inside a shadow root
/// the document's `activeElement` is only the `<seat-map>` host; the shadow
/// root's own `activeElement` is the seat or button that has focus.
pub fn focused_element(node: &web_sys::Node) -> Option<web_sys::Element> {
    let root = node.get_root_node();
    match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => root.dyn_ref::<web_sys::Document>()?.active_element(),
    }
}
