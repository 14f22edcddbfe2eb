//! Talking to the host page: DOM events on the element (`seatmap:ready`,
//! `seatmap:selectionchange`, `seatmap:basketchange`, `seatmap:error`) and
//! commands the page sends in (`refreshCustomer()`, `refresh()`).

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, HtmlElement};
use yew::Callback;

/// A plain object for an event's `detail`.
pub fn detail(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (key, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}

/// Fires `name` on the host element with `detail`.
pub fn emit(host: &HtmlElement, name: &str, detail: &JsValue) {
    let init = CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostCommand {
    /// The customer may have logged in or out elsewhere on the page.
    RefreshCustomer,
    /// Re-read seat status now.
    Refresh,
}

/// The link between the element's methods and the running app.
#[derive(Clone, Default)]
pub struct Commands(Rc<RefCell<Option<yew::Callback<HostCommand>>>>);

impl PartialEq for Commands {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Commands {
    pub fn connect(&self, callback: Callback<HostCommand>) {
        *self.0.borrow_mut() = Some(callback);
    }

    pub fn disconnect(&self) {
        self.0.borrow_mut().take();
    }

    pub fn send(&self, command: HostCommand) {
        let callback = self.0.borrow().clone();
        if let Some(cb) = callback {
            cb.emit(command);
        }
    }
}

pub fn console_error(message: &str) {
    web_sys::console::error_1(&JsValue::from_str(&format!("seatmap: {message}")));
}

pub fn console_warn(message: &str) {
    web_sys::console::warn_1(&JsValue::from_str(&format!("seatmap: {message}")));
}
