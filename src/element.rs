//! The entry point the loader (`www/seatmap.js`) calls for each
//! `<seat-map>` element: read and check its attributes, then render the app
//! into it, or a plain configuration error (and send no request).

use crate::app::{App, AppProps};
use crate::components::config_error::{ConfigError, ConfigErrorProps};
use crate::host::{console_error, Commands, HostCommand};
use seatmap_core::Config;
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
    config: Option<Rc<Config>>,
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

    /// Records a capture of the venue's real answers (docs/capture.md) and
    /// resolves to its JSON text; with `download`, also saves it as a file.
    pub fn capture(&self, download: bool) -> js_sys::Promise {
        let config = self.config.clone();
        wasm_bindgen_futures::future_to_promise(async move {
            let Some(config) = config else {
                return Err(JsValue::from_str("seatmap: the element is not configured; nothing to capture"));
            };
            let capture = crate::services::capture::record(&config).await;
            let json = serde_json::to_string_pretty(&capture).map_err(|e| JsValue::from_str(&e.to_string()))?;
            if download {
                save(&format!("seatmap-capture-{}.json", config.instance_id), &json)?;
            }
            Ok(JsValue::from_str(&json))
        })
    }
}

/// Offers `text` to the user as a downloaded file.
fn save(name: &str, text: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Renders the widget into `host`, configured by its attributes.
#[wasm_bindgen]
pub fn mount(host: HtmlElement) -> MountHandle {
    host.set_inner_html("");
    let commands = Commands::default();
    let config = Config::from_attributes(|name| host.get_attribute(name));
    let root: web_sys::Element = host.clone().into();
    let mut kept = None;
    let rendered = match config {
        Ok(config) => {
            let config = Rc::new(config);
            kept = Some(config.clone());
            let props = AppProps { config, host: host.clone(), commands: commands.clone() };
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
    MountHandle { rendered: Some(rendered), commands, host, config: kept }
}
