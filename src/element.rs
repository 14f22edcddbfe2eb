//! The entry point the loader (`www/seatmap.js`) calls for each
//! `<seat-map>` element: read and check its attributes, then render the app
//! into it, or a plain configuration error (and send no request).

use seatmap_core::{Config};
use crate::app::{App, AppProps};
use crate::components::config_error::{ConfigError, ConfigErrorProps};
use crate::host::{console_error, Commands, HostCommand};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;
use yew::AppHandle;

enum Rendered {
    App(AppHandle<App>),
    Error(AppHandle<ConfigError>),
}

/// A mounted widget. The loader keeps it and calls `destroy()` when the
/// element leaves the page or its attributes change.
#[wasm_bindgen]
pub struct MountHandle {
    rendered: Option<Rendered>,
    commands: Commands,
    host: HtmlElement,
}

#[wasm_bindgen]
impl MountHandle {
    /// Unmounts the widget; in-flight requests are aborted, timers dropped.
    pub fn destroy(&mut self) {
        self.commands.disconnect();
        match self.rendered.take() {
            Some(Rendered::App(app)) => app.destroy(),
            Some(Rendered::Error(app)) => app.destroy(),
            None => {}
        }
        self.host.set_inner_html("");
    }

    /// Asks the widget to re-check who is logged in (after the host page's
    /// own login iframe or component changed it).
    #[wasm_bindgen(js_name = refreshCustomer)]
    pub fn refresh_customer(&self) {
        self.commands.send(HostCommand::RefreshCustomer);
    }

    /// Re-reads seat availability now.
    pub fn refresh(&self) {
        self.commands.send(HostCommand::Refresh);
    }
}

/// Renders the widget into `host`, configured by its attributes.
#[wasm_bindgen]
pub fn mount(host: HtmlElement) -> MountHandle {
    host.set_inner_html("");
    let commands = Commands::default();
    let config = Config::from_attributes(|name| host.get_attribute(name));
    let root: web_sys::Element = host.clone().into();
    let rendered = match config {
        Ok(config) => {
            let props = AppProps { config: Rc::new(config), host: host.clone(), commands: commands.clone() };
            Rendered::App(yew::Renderer::<App>::with_root_and_props(root, props).render())
        }
        Err(problems) => {
            for p in &problems {
                console_error(p);
            }
            let props = ConfigErrorProps { problems: problems.into() };
            Rendered::Error(yew::Renderer::<ConfigError>::with_root_and_props(root, props).render())
        }
    };
    MountHandle { rendered: Some(rendered), commands, host }
}
