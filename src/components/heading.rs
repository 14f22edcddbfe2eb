//! Panel headings at the level the host page asks for (`heading-level`):
//! a panel's heading is `h{level}`, a part inside it `h{level + 1}`, so the
//! widget continues the page's outline instead of skipping levels.

use yew::prelude::*;

/// A heading at `level` (clamped to 1–6).
pub fn heading(level: u8, text: impl Into<Html>) -> Html {
    let tag = format!("h{}", level.clamp(1, 6));
    html! { <@{tag}>{ text.into() }</@> }
}

/// A heading one level below the panel's.
pub fn subheading(level: u8, text: impl Into<Html>) -> Html {
    heading(level.saturating_add(1), text)
}
