//! Serde mirrors of the Spektrix API v3 JSON (`../shared/spektrix-v3.md`).
//!
//! Every shape the contract marks **[assumed]** is decoded here and nowhere
//! else, so meeting the real API is a one-file change. The decoders are
//! deliberately lenient: IDs may be strings or numbers, any field may be
//! missing or null, and unknown fields are ignored. Checking happens when
//! these are converted into domain types.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use std::fmt;

/// An identifier that the API may send as a string or as a number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct WireId(pub String);

struct IdVisitor;

impl<'de> Deserialize<'de> for WireId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(IdVisitor)
    }
}

impl Visitor<'_> for IdVisitor {
    type Value = WireId;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an id as a string or a number")
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<WireId, E> {
        Ok(WireId(v.trim().to_owned()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<WireId, E> {
        Ok(WireId(v.to_string()))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<WireId, E> {
        Ok(WireId(v.to_string()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<WireId, E> {
        if v.fract() == 0.0 && v.is_finite() && v.abs() < 9.0e15 {
            Ok(WireId(format!("{}", v as i64)))
        } else {
            Err(E::custom("an id that is not a whole number"))
        }
    }
}

/// Text that the API may send as a string or a number (row names, seat numbers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        WireId::deserialize(deserializer).map(|id| Text(id.0))
    }
}

/// A reference to another resource: `"id"`, `123`, or `{"id": .., "name": ..}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ref {
    pub id: Option<String>,
    pub name: Option<String>,
}

impl<'de> Deserialize<'de> for Ref {
    // Hand-written rather than an untagged enum: serde's untagged buffering
    // costs tens of kilobytes of wasm.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RefVisitor;
        impl<'de> Visitor<'de> for RefVisitor {
            type Value = Ref;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id, or an object with an id")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ref, E> {
                IdVisitor.visit_str(v).map(Ref::from_id)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Ref, E> {
                IdVisitor.visit_u64(v).map(Ref::from_id)
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Ref, E> {
                IdVisitor.visit_i64(v).map(Ref::from_id)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Ref, E> {
                IdVisitor.visit_f64(v).map(Ref::from_id)
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Ref, A::Error> {
                let mut out = Ref::default();
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "id" => out.id = map.next_value::<Option<WireId>>()?.map(|i| i.0),
                        "name" => out.name = map.next_value::<Option<String>>()?,
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_any(RefVisitor)
    }
}

impl Ref {
    fn from_id(id: WireId) -> Ref {
        Ref { id: Some(id.0), name: None }
    }
}

/// `GET instances/{id}` [public].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    pub id: WireId,
    #[serde(default)]
    pub plan_id: Option<WireId>,
    #[serde(default)]
    pub price_list: Option<Ref>,
    #[serde(default)]
    pub event: Option<Ref>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub is_on_sale: Option<bool>,
    #[serde(default)]
    pub cancelled: Option<bool>,
    #[serde(default)]
    pub has_best_available_overlay: Option<bool>,
}

/// `GET instances/{id}/price-list` [public; inline names assumed].
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PriceList {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub prices: Option<Vec<Price>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Price {
    #[serde(default)]
    pub amount: Option<f64>,
    #[serde(default)]
    pub is_band_default: Option<bool>,
    #[serde(default)]
    pub price_band: Option<Ref>,
    #[serde(default)]
    pub ticket_type: Option<Ref>,
}

/// `GET plans/{id}`: a tree of areas [public]. Unreserved areas' `width` and
/// `height` are **[assumed]** (the block we draw for them).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanArea {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub x: Option<f64>,
    #[serde(default)]
    pub y: Option<f64>,
    #[serde(default)]
    pub width: Option<f64>,
    #[serde(default)]
    pub height: Option<f64>,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub max_zoom_web: Option<f64>,
    #[serde(default)]
    pub areas: Option<Vec<PlanArea>>,
    #[serde(default)]
    pub seats: Option<Vec<PlanSeat>>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct PlanSeat {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub name: Option<Text>,
    #[serde(default)]
    pub row: Option<Text>,
    #[serde(default)]
    pub number: Option<Text>,
    #[serde(default)]
    pub x: Option<f64>,
    #[serde(default)]
    pub y: Option<f64>,
    #[serde(default)]
    pub tab_order: Option<f64>,
    #[serde(default)]
    pub previous_seat_id: Option<WireId>,
    #[serde(default)]
    pub previous_is_across_aisle: Option<bool>,
    #[serde(default)]
    pub next_seat_id: Option<WireId>,
    #[serde(default)]
    pub next_is_across_aisle: Option<bool>,
}

/// `GET instances/{id}/status/detail` — the JSON around the letters is
/// **[assumed]** (see the contract). Areas may nest (`areas` or `childPlans`).
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct StatusDetail {
    #[serde(default)]
    pub instance: Option<Ref>,
    #[serde(default)]
    pub areas: Option<Vec<StatusArea>>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct StatusArea {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub capacity: Option<u32>,
    #[serde(default)]
    pub available: Option<u32>,
    #[serde(default)]
    pub in_basket: Option<u32>,
    #[serde(default)]
    pub bands: Option<Vec<StatusBand>>,
    #[serde(default)]
    pub lock_types: Option<Vec<LockType>>,
    #[serde(default)]
    pub areas: Option<Vec<StatusArea>>,
    #[serde(default)]
    pub child_plans: Option<Vec<StatusArea>>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct StatusBand {
    #[serde(default)]
    pub price_band: Option<Ref>,
    #[serde(default)]
    pub available: Option<u32>,
    #[serde(default)]
    pub seats: Option<Vec<SeatStatus>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SeatStatus {
    pub id: WireId,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub lock_type: Option<Ref>,
    #[serde(default)]
    pub info: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LockType {
    pub id: WireId,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
}

/// `GET basket` [public]; ticket field shapes are **[assumed]**.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Basket {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub hash: Option<Text>,
    #[serde(default)]
    pub tickets: Option<Vec<Ticket>>,
    #[serde(default)]
    pub total: Option<f64>,
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Ticket {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub seat: Option<Ref>,
    #[serde(default)]
    pub seat_name: Option<Text>,
    #[serde(default)]
    pub seating_plan: Option<Ref>,
    #[serde(default)]
    pub plan_name: Option<String>,
    #[serde(default)]
    pub band: Option<Ref>,
    #[serde(default)]
    pub instance: Option<Ref>,
    #[serde(default, alias = "ticketType")]
    pub r#type: Option<Ref>,
    #[serde(default)]
    pub price: Option<f64>,
    #[serde(default)]
    pub total: Option<f64>,
}

/// `GET customer` / `POST customer/authenticate` [public].
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    #[serde(default)]
    pub id: Option<WireId>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
}

/// The error body: `{"errorCode", "message", "problems"}` [seed] or the
/// queue error `{"code": "JoinQueue", ...}` [public].
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub problems: Option<Vec<ProblemText>>,
    #[serde(default)]
    pub code: Option<String>,
}

impl ErrorBody {
    /// The plainest words the body offers, problems first (they name seats).
    pub fn plain_message(&self) -> Option<String> {
        let problems: Vec<String> = self.problems.iter().flatten().filter_map(|p| p.0.clone()).collect();
        match (&self.message, problems.is_empty()) {
            (Some(m), true) => Some(m.clone()),
            (Some(m), false) if m.eq_ignore_ascii_case("validation failed") => Some(problems.join(" ")),
            (Some(m), false) => Some(format!("{m} {}", problems.join(" "))),
            (None, false) => Some(problems.join(" ")),
            (None, true) => None,
        }
    }
}

/// One of a validation error's `problems`: a sentence, or an object whose
/// `message` is one. Anything else is kept as nothing, never an error.
#[derive(Debug, Clone, Default)]
pub struct ProblemText(pub Option<String>);

impl<'de> Deserialize<'de> for ProblemText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ProblemVisitor;
        impl<'de> Visitor<'de> for ProblemVisitor {
            type Value = ProblemText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a problem")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ProblemText, E> {
                Ok(ProblemText(Some(v.to_owned())))
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<ProblemText, A::Error> {
                let mut message = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "message" {
                        message = map.next_value::<Option<String>>()?;
                    } else {
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                Ok(ProblemText(message))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<ProblemText, A::Error> {
                while seq.next_element::<de::IgnoredAny>()?.is_some() {}
                Ok(ProblemText(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<ProblemText, E> {
                Ok(ProblemText(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<ProblemText, E> {
                Ok(ProblemText(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<ProblemText, E> {
                Ok(ProblemText(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<ProblemText, E> {
                Ok(ProblemText(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ProblemText, E> {
                Ok(ProblemText(None))
            }
        }
        deserializer.deserialize_any(ProblemVisitor)
    }
}

/// Request bodies the widget sends, written as JSON by hand: four small
/// shapes do not justify serde's serializer in the wasm.
pub mod outgoing {
    use std::fmt::Write;

    /// A request body.
    pub trait ToJson {
        fn write_json(&self, out: &mut String);

        fn to_json(&self) -> String {
            let mut out = String::new();
            self.write_json(&mut out);
            out
        }
    }

    impl<T: ToJson> ToJson for [T] {
        fn write_json(&self, out: &mut String) {
            out.push('[');
            for (i, item) in self.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                item.write_json(out);
            }
            out.push(']');
        }
    }

    impl<T: ToJson> ToJson for Vec<T> {
        fn write_json(&self, out: &mut String) {
            self.as_slice().write_json(out)
        }
    }

    /// A JSON string literal, escaped.
    fn string(out: &mut String, s: &str) {
        out.push('"');
        for ch in s.chars() {
            match ch {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if (c as u32) < 0x20 => {
                    let _ = write!(out, "\\u{:04x}", c as u32);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }

    /// Writes `"key":"value"` (with a leading comma unless first).
    fn field(out: &mut String, first: bool, key: &str, value: &str) {
        if !first {
            out.push(',');
        }
        string(out, key);
        out.push(':');
        string(out, value);
    }

    /// One entry of `POST basket/tickets` (one per ticket) [public].
    #[derive(Debug, Clone, PartialEq)]
    pub struct TicketRequest {
        pub instance: String,
        pub seat: Option<String>,
        pub seating_plan: Option<String>,
        pub ticket_type: String,
    }

    impl ToJson for TicketRequest {
        fn write_json(&self, out: &mut String) {
            out.push('{');
            field(out, true, "instance", &self.instance);
            if let Some(seat) = &self.seat {
                field(out, false, "seat", seat);
            }
            if let Some(area) = &self.seating_plan {
                field(out, false, "seatingPlan", area);
            }
            field(out, false, "type", &self.ticket_type);
            out.push('}');
        }
    }

    /// `POST basket/tickets/best-available` [seed; body assumed].
    #[derive(Debug, Clone, PartialEq)]
    pub struct BestAvailableRequest {
        pub instance: String,
        pub quantity: u32,
        pub ticket_type: String,
        pub price_bands: Vec<String>,
        pub areas: Vec<String>,
    }

    impl ToJson for BestAvailableRequest {
        fn write_json(&self, out: &mut String) {
            out.push('{');
            field(out, true, "instance", &self.instance);
            let _ = write!(out, ",\"quantity\":{}", self.quantity);
            field(out, false, "type", &self.ticket_type);
            for (key, list) in [("priceBands", &self.price_bands), ("areas", &self.areas)] {
                if list.is_empty() {
                    continue;
                }
                out.push(',');
                string(out, key);
                out.push_str(":[");
                for (i, item) in list.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    string(out, item);
                }
                out.push(']');
            }
            out.push('}');
        }
    }

    /// `{}`: a POST with nothing to say (`customer/deauthenticate`).
    #[derive(Debug, Clone)]
    pub struct Empty {}

    impl ToJson for Empty {
        fn write_json(&self, out: &mut String) {
            out.push_str("{}");
        }
    }

    #[derive(Debug, Clone)]
    pub struct Credentials {
        pub email: String,
        pub password: String,
    }

    impl ToJson for Credentials {
        fn write_json(&self, out: &mut String) {
            out.push('{');
            field(out, true, "email", &self.email);
            field(out, false, "password", &self.password);
            out.push('}');
        }
    }
}

#[cfg(test)]
mod tests;
