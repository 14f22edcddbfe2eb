//! Money in the venue's currency, formatted by the browser's `Intl.NumberFormat`.

use crate::core::labels::Money;
use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

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
        // An unknown locale or currency throws: fall back to plain numbers.
        let format = Some(Intl::NumberFormat::new(&locales, &options)).and_then(|f| {
            let probe = f.format().call1(&f, &JsValue::from_f64(1.0)).ok()?;
            probe.as_string().map(|_| f)
        });
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
