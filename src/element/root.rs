//! Yew roots, kept and reused.
//!
//! Yew 0.21 listens for events on the element an app is rendered into and
//! never removes those listeners: their closures are forgotten, and they
//! hold the element. Rendering a new app for every mount would leave
//! listeners and a detached element behind each time a performance is
//! switched or an element removed. So a root, once made, lives on: unmounting
//! shows nothing in it and takes its container out of the page, and once it
//! has rendered that nothing, the next mount (on this element or another)
//! puts the container back and shows the new content. A root is reused only
//! once it is empty, so no mount ever shows another's stale seats; the pool
//! is at most twice as large as the most maps ever mounted at once.

use crate::app::{App, AppProps};
use crate::components::config_error::ConfigError;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement};
use yew::prelude::*;

/// What a root shows.
pub enum Content {
    /// Nothing: the root is idle.
    Nothing,
    /// The widget.
    App(AppProps),
    /// The configuration problems, in place of the map.
    Problems(Rc<[String]>),
}

/// The root's content, with a number that changes on every mount so the
/// app starts afresh even when mounted with the same configuration.
struct Slot {
    content: RefCell<(u32, Content)>,
    rerender: RefCell<Option<Callback<()>>>,
}

#[derive(Properties)]
struct RootProps {
    slot: Rc<Slot>,
}

impl PartialEq for RootProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.slot, &other.slot)
    }
}

#[function_component(Root)]
fn root(props: &RootProps) -> Html {
    let force = use_force_update();
    *props.slot.rerender.borrow_mut() = Some(Callback::from(move |()| force.force_update()));
    {
        // After each render: a released root that now shows nothing may be reused.
        let slot = props.slot.clone();
        use_effect(move || {
            if matches!(slot.content.borrow().1, Content::Nothing) {
                RELEASING.with(|releasing| {
                    let mut releasing = releasing.borrow_mut();
                    if let Some(at) = releasing.iter().position(|root| Rc::ptr_eq(&root.slot, &slot)) {
                        let root = releasing.swap_remove(at);
                        IDLE.with(|idle| idle.borrow_mut().push(root));
                    }
                });
            }
        });
    }
    let content = props.slot.content.borrow();
    match &content.1 {
        Content::Nothing => html! {},
        Content::App(app) => html! {
            <App key={content.0} config={app.config.clone()} host={app.host.clone()} commands={app.commands.clone()} />
        },
        Content::Problems(problems) => html! { <ConfigError key={content.0} problems={problems.clone()} /> },
    }
}

/// A root and the element it renders into.
pub struct PooledRoot {
    container: HtmlElement,
    slot: Rc<Slot>,
    _app: AppHandle<Root>,
}

thread_local! {
    /// Empty roots, ready for a mount.
    static IDLE: RefCell<Vec<PooledRoot>> = const { RefCell::new(Vec::new()) };
    /// Released roots whose app Yew has not yet taken down.
    static RELEASING: RefCell<Vec<PooledRoot>> = const { RefCell::new(Vec::new()) };
}

impl PooledRoot {
    /// An idle root, or a new one made in `document`.
    pub fn take(document: &Document) -> Result<PooledRoot, wasm_bindgen::JsValue> {
        if let Some(root) = IDLE.with(|idle| idle.borrow_mut().pop()) {
            return Ok(root);
        }
        let container: HtmlElement = document.create_element("div")?.unchecked_into();
        container.set_class_name("seatmap-root");
        let slot = Rc::new(Slot { content: RefCell::new((0, Content::Nothing)), rerender: RefCell::new(None) });
        let app =
            yew::Renderer::<Root>::with_root_and_props(container.clone().into(), RootProps { slot: slot.clone() })
                .render();
        Ok(PooledRoot { container, slot, _app: app })
    }

    /// The element the root renders into (not in the page while idle).
    pub fn container(&self) -> &HtmlElement {
        &self.container
    }

    /// Shows `content` (rendered on Yew's next turn, before the browser paints).
    pub fn show(&self, content: Content) {
        {
            let mut slot = self.slot.content.borrow_mut();
            slot.0 = slot.0.wrapping_add(1);
            slot.1 = content;
        }
        let rerender = self.slot.rerender.borrow().clone();
        if let Some(rerender) = rerender {
            rerender.emit(());
        }
    }

    /// Empties the root (its app is destroyed: requests aborted, timers and
    /// listeners dropped), takes it out of the page and keeps it for a
    /// later mount once that is done.
    pub fn release(self) {
        self.show(Content::Nothing);
        self.container.remove();
        RELEASING.with(|releasing| releasing.borrow_mut().push(self));
    }
}
