//! Dates for people, formatted by the browser's `Intl.DateTimeFormat` in
//! the configured locale: when sales open, and which performance a choice
//! belongs to ("Wednesday 9 December, 19:30").

use wasm_bindgen::{JsCast, JsValue};

/// How much of the date to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Weekday, day, month, year and time: when sales open (may be next year).
    WithYear,
    /// Weekday, day, month and time: a performance the customer just looked at.
    WithoutYear,
}

/// `iso` (venue time, ISO 8601) in words for `locale` (the browser's when
/// absent); the text as given when it is not a date or the locale is malformed.
pub fn in_words(iso: &str, locale: Option<&str>, detail: Detail) -> String {
    let date = js_sys::Date::new(&JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let options = js_sys::Object::new();
    let mut parts = vec![("weekday", "long"), ("day", "numeric"), ("month", "long")];
    if detail == Detail::WithYear {
        parts.push(("year", "numeric"));
    }
    parts.extend([("hour", "numeric"), ("minute", "2-digit")]);
    for (key, value) in parts {
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
