//! Money in the venue's currency, formatted by the browser's `Intl.NumberFormat`.

use js_sys::{Array, Intl, Object, Reflect};
use seatmap_core::Money;
use wasm_bindgen::{JsCast, JsValue};

pub struct Formatter {
    format: Option<Intl::NumberFormat>,
    currency: String,
}

impl Formatter {
    pub fn new(locale: Option<&str>, currency: &str) -> Formatter {
        let locales = Array::new();
        if let Some(l) = locale {
            locales.push(&JsValue::from_str(l));
        }
        let options = Object::new();
        let _ = Reflect::set(&options, &"style".into(), &"currency".into());
        let _ = Reflect::set(&options, &"currency".into(), &JsValue::from_str(currency));
        // A malformed locale or currency makes the constructor throw: going
        // through Reflect::construct turns that into an Err, and we fall back
        // to plain numbers instead of stopping the widget.
        let format = Reflect::get(&js_sys::global(), &"Intl".into())
            .and_then(|intl| Reflect::get(&intl, &"NumberFormat".into()))
            .and_then(|ctor| {
                Reflect::construct(ctor.unchecked_ref::<js_sys::Function>(), &Array::of2(&locales, &options))
            })
            .ok()
            .map(|f| f.unchecked_into::<Intl::NumberFormat>())
            .filter(|f| f.format().call1(f, &JsValue::from_f64(1.0)).ok().and_then(|p| p.as_string()).is_some());
        Formatter { format, currency: currency.to_owned() }
    }
}

impl Money for Formatter {
    fn money(&self, amount: f64) -> String {
        if let Some(f) = &self.format {
            if let Ok(v) = f.format().call1(f, &JsValue::from_f64(amount)) {
                if let Some(s) = v.as_string() {
                    return s;
                }
            }
        }
        let cents = (amount * 100.0).round() as i64;
        format!("{} {}.{:02}", self.currency, cents / 100, (cents % 100).abs())
    }
}
