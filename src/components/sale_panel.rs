//! Why this performance cannot be booked online now: not yet on sale (with
//! when sales open, in the venue's locale), sales closed, cancelled, sold
//! out. The map stays visible, read-only.

use seatmap_core::SaleState;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

/// What the panel shows.
#[derive(Properties, PartialEq)]
pub struct SalePanelProps {
    /// The sale state.
    pub sale: SaleState,
    /// The locale for dates (the browser's when absent).
    pub locale: Option<AttrValue>,
}

/// "Thursday 24 December 2026, 10:00" in the locale, or the text as given.
fn when(iso: &str, locale: Option<&str>) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    for (key, value) in [
        ("weekday", "long"),
        ("day", "numeric"),
        ("month", "long"),
        ("year", "numeric"),
        ("hour", "2-digit"),
        ("minute", "2-digit"),
    ] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    let locales = js_sys::Array::new();
    if let Some(l) = locale {
        locales.push(&JsValue::from_str(l));
    }
    // Through Reflect, so a malformed locale is an error to fall back from, not a trap.
    let formatted = js_sys::Reflect::get(&js_sys::global(), &"Intl".into())
        .and_then(|intl| js_sys::Reflect::get(&intl, &"DateTimeFormat".into()))
        .and_then(|ctor| {
            js_sys::Reflect::construct(
                ctor.unchecked_ref::<js_sys::Function>(),
                &js_sys::Array::of2(&locales, &options),
            )
        })
        .and_then(|format| {
            let format: js_sys::Intl::DateTimeFormat = format.unchecked_into();
            format.format().call1(&format, &date)
        });
    formatted.ok().and_then(|t| t.as_string()).unwrap_or_else(|| iso.to_owned())
}

#[function_component(SalePanel)]
pub fn sale_panel(props: &SalePanelProps) -> Html {
    let text = match &props.sale {
        SaleState::OnSale => return html! {},
        SaleState::NotYetOnSale { opens: Some(at) } => {
            format!("Tickets go on sale online on {}.", when(at, props.locale.as_deref()))
        }
        SaleState::NotYetOnSale { opens: None } => {
            "Tickets for this performance are not on sale online yet.".to_owned()
        }
        SaleState::Closed => "Online sales for this performance have closed. Please contact the box office.".to_owned(),
        SaleState::Cancelled => "This performance has been cancelled.".to_owned(),
        SaleState::SoldOut => "This performance is sold out.".to_owned(),
    };
    html! {
        <section class="seatmap-sale" data-testid="sale-state" role="status">
            <p><strong>{ text }</strong></p>
            <p class="seatmap-hint">{"You can look at the seating plan; seats can't be chosen now."}</p>
        </section>
    }
}
