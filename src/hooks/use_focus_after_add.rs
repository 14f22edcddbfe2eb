//! Where the keyboard focus goes when tickets have been added.

use web_sys::HtmlElement;
use yew::prelude::*;

/// Tickets were added: the basket is the next step, so the focus goes to
/// `basket` (the "Add to basket" button is gone, and focus must not drop to
/// the page's `<body>`).
#[hook]
pub fn use_focus_after_add(added: u32, basket: &NodeRef) {
    let basket = basket.clone();
    use_effect_with(added, move |added| {
        if *added > 0 {
            focus(&basket);
        }
        || ()
    });
}

/// Moves the keyboard focus to a panel (it has `tabindex="-1"`); the
/// browser scrolls it into view if it is not.
pub fn focus(panel: &NodeRef) {
    if let Some(element) = panel.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}
