//! The entry point the loader (`www/seatmap.js`) calls for each
//! `<seat-map>` element: read and check its attributes, then render the app,
//! or a plain configuration error (and send no request).
//!
//! The widget renders into a container of its own: inside the element's
//! shadow root when the loader gave it one (style isolation), else inside the
//! element itself. The container comes from a pool of Yew roots
//! ([`root`]), so mounting and unmounting leave nothing behind.

mod root;

use crate::app::AppProps;
use crate::host::{console_error, Commands, HostCommand};
use root::{Content, PooledRoot};
use seatmap_core::Config;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::HtmlElement;

/// A mounted widget. The loader keeps it and calls `destroy()` when the
/// element leaves the page or its attributes change.
#[wasm_bindgen]
pub struct MountHandle {
    root: Option<PooledRoot>,
    commands: Commands,
    config: Option<Rc<Config>>,
}

#[wasm_bindgen]
impl MountHandle {
    /// Unmounts the widget; in-flight requests are aborted, timers dropped,
    /// and the widget's elements leave the page.
    pub fn destroy(&mut self) {
        self.commands.disconnect();
        if let Some(root) = self.root.take() {
            root.release();
        }
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

impl Drop for MountHandle {
    /// A handle freed without `destroy()` (or collected by the glue's
    /// finaliser) still gives its root back.
    fn drop(&mut self) {
        self.destroy();
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

/// Renders the widget for `host`, configured by its attributes: into its
/// shadow root if it has one, else into the element itself.
#[wasm_bindgen]
pub fn mount(host: HtmlElement) -> Result<MountHandle, JsValue> {
    let document = host.owner_document().ok_or("the element is not in a document")?;
    let commands = Commands::default();
    let config = Config::from_attributes(&document.url()?, |name| host.get_attribute(name)).and_then(|config| {
        let page_origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        browser_agrees_on_checkout(&config, &page_origin).map(|()| config)
    });
    let root = PooledRoot::take(&document)?;
    match host.shadow_root() {
        Some(shadow) => shadow.append_child(root.container())?,
        None => host.append_child(root.container())?,
    };
    let mut kept = None;
    match config {
        Ok(config) => {
            let config = Rc::new(config);
            kept = Some(config.clone());
            root.show(Content::App(AppProps { config, host: host.clone(), commands: commands.clone() }));
        }
        Err(problems) => {
            for p in &problems {
                console_error(p);
            }
            root.show(Content::Problems(problems.into()));
        }
    }
    Ok(MountHandle { root: Some(root), commands, config: kept })
}

/// The core checks `checkout-url` with a grammar stricter than the URL
/// standard; this asks the browser too, so that no difference between the
/// two can send a buyer to another site.
fn browser_agrees_on_checkout(config: &Config, page_origin: &str) -> Result<(), Vec<String>> {
    let Some(url) = &config.checkout_url else { return Ok(()) };
    let origin = web_sys::Url::new(url).map(|u| u.origin()).unwrap_or_default();
    if origin == page_origin || config.checkout_origins.contains(&origin) {
        Ok(())
    } else {
        Err(vec![format!("checkout-url \"{url}\" leads to {origin}, not to this site ({page_origin}).")])
    }
}
