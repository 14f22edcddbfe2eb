//! The widget's one HTML sink, behind a Trusted Types policy.
//!
//! The seat layer writes its markup with `innerHTML` in one call (far
//! faster than creating 20,000 nodes one by one). On a page that enforces
//! `require-trusted-types-for 'script'`, a plain string there is refused;
//! this goes through a policy named `seatmap` instead, which the venue
//! allows with `trusted-types seatmap`. The markup is built by
//! `seatmap_core::write_seat`, which escapes everything that came from the
//! API, so the policy passes it through unchanged.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
let policy;
export function set_markup(element, html) {
  if (policy === undefined) {
    policy = null;
    if (window.trustedTypes && window.trustedTypes.createPolicy) {
      try {
        policy = window.trustedTypes.createPolicy('seatmap', { createHTML: (s) => s });
      } catch (e) {
        console.error("seatmap: could not create the Trusted Types policy 'seatmap'; add it to the page's trusted-types directive.", e);
      }
    }
  }
  element.innerHTML = policy ? policy.createHTML(html) : html;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch)]
    fn set_markup(element: &web_sys::Element, html: &str) -> Result<(), JsValue>;
}

/// Replaces `element`'s children with `html` (already escaped).
pub fn set_inner_html(element: &web_sys::Element, html: &str) -> Result<(), JsValue> {
    set_markup(element, html)
}
