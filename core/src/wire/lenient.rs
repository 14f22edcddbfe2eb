//! Field types that never fail to decode.
//!
//! A real venue's API may send a field in a shape our fixtures never had: an
//! id as a number, a count as `577.0` or `"577"`, a price as `"35.00"`, a
//! `null` where a list was expected. One such field must not reject the
//! whole document (docs/spektrix-v3.md#tolerant-decoding). Every field here
//! accepts *any* JSON value and records what it made of it: a usable value,
//! nothing (`Missing`/`Null`), or [`Lenient::Invalid`] with the [`Shape`]
//! that arrived, so the domain conversion can skip the one record, count it
//! and say so in plain words.
//!
//! All of them go through one visitor ([`Scalar`]), so the wasm carries one
//! copy of the code that reads a JSON value.

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// What kind of JSON value arrived, for messages ("a seat status that was a number").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shape {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// Any number.
    Number,
    /// A string.
    Text,
    /// An object.
    Object,
    /// An array.
    List,
}

impl Shape {
    /// "a number", "an object", …
    pub fn words(self) -> &'static str {
        match self {
            Shape::Null => "null",
            Shape::Bool => "true or false",
            Shape::Number => "a number",
            Shape::Text => "text",
            Shape::Object => "an object",
            Shape::List => "a list",
        }
    }
}

/// Any JSON value, reduced to what the lenient fields need: scalars kept,
/// objects and arrays consumed and remembered only by their shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar<'a> {
    Null,
    Bool(bool),
    Signed(i64),
    Unsigned(u64),
    Float(f64),
    Text(Cow<'a, str>),
    Object,
    List,
}

impl Scalar<'_> {
    fn shape(&self) -> Shape {
        match self {
            Scalar::Null => Shape::Null,
            Scalar::Bool(_) => Shape::Bool,
            Scalar::Signed(_) | Scalar::Unsigned(_) | Scalar::Float(_) => Shape::Number,
            Scalar::Text(_) => Shape::Text,
            Scalar::Object => Shape::Object,
            Scalar::List => Shape::List,
        }
    }

    /// The value as a finite number: numbers, and text that reads as one ("35.00").
    fn number(&self) -> Option<f64> {
        let n = match self {
            Scalar::Signed(v) => *v as f64,
            Scalar::Unsigned(v) => *v as f64,
            Scalar::Float(v) => *v,
            Scalar::Text(t) => crate::decimal::parse_f64(t.trim())?,
            _ => return None,
        };
        n.is_finite().then_some(n)
    }
}

struct ScalarVisitor;

impl<'de> Visitor<'de> for ScalarVisitor {
    type Value = Scalar<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar<'de>, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Signed(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Unsigned(v))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Float(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Borrowed(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Scalar<'de>, E> {
        Ok(Scalar::Text(Cow::Owned(v)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Scalar::Object)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Scalar::List)
    }
}

impl<'de> Deserialize<'de> for Scalar<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ScalarVisitor)
    }
}

/// A field read leniently: present and usable, absent, `null`, or present in
/// a shape that could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Lenient<T> {
    /// The key was not there.
    #[default]
    Missing,
    /// The key was there with `null` (or an empty string where text was expected).
    Null,
    /// A usable value.
    Ok(T),
    /// Something that cannot mean a value of this kind.
    Invalid(Shape),
}

impl<T> Lenient<T> {
    /// The usable value, if any.
    pub fn get(&self) -> Option<&T> {
        match self {
            Lenient::Ok(v) => Some(v),
            _ => None,
        }
    }

    /// The usable value, if any, by value.
    pub fn into_option(self) -> Option<T> {
        match self {
            Lenient::Ok(v) => Some(v),
            _ => None,
        }
    }

    /// Whether a value arrived that could not be used.
    pub fn is_invalid(&self) -> bool {
        matches!(self, Lenient::Invalid(_))
    }
}

fn from_scalar<'s, T>(scalar: Scalar<'s>, read: impl FnOnce(&Scalar<'s>) -> Option<T>) -> Lenient<T> {
    if scalar == Scalar::Null {
        return Lenient::Null;
    }
    match read(&scalar) {
        Some(v) => Lenient::Ok(v),
        None => Lenient::Invalid(scalar.shape()),
    }
}

/// An identifier: a string, or a whole number (seat ids often come as numbers).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Id<'a>(pub Lenient<Cow<'a, str>>);

impl<'a> Id<'a> {
    /// The id as text, if usable.
    pub fn text(&self) -> Option<&str> {
        self.0.get().map(|c| &**c)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Id<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let scalar = Scalar::deserialize(d)?;
        if let Scalar::Text(t) = &scalar {
            if t.trim().is_empty() {
                return Ok(Id(Lenient::Null));
            }
        }
        Ok(Id(id_from(scalar)))
    }
}

fn id_from(scalar: Scalar<'_>) -> Lenient<Cow<'_, str>> {
    match scalar {
        Scalar::Text(t) => match t {
            Cow::Borrowed(b) => Lenient::Ok(Cow::Borrowed(b.trim())),
            Cow::Owned(o) => Lenient::Ok(Cow::Owned(o.trim().to_owned())),
        },
        Scalar::Signed(v) => Lenient::Ok(Cow::Owned(v.to_string())),
        Scalar::Unsigned(v) => Lenient::Ok(Cow::Owned(v.to_string())),
        Scalar::Float(v) if v.fract() == 0.0 && v.is_finite() && v.abs() < 9.0e15 => {
            Lenient::Ok(Cow::Owned((v as i64).to_string()))
        }
        Scalar::Null => Lenient::Null,
        other => Lenient::Invalid(other.shape()),
    }
}

/// Text for people: a string, or a number or flag written as text (row "1").
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Text<'a>(pub Lenient<Cow<'a, str>>);

impl<'a> Text<'a> {
    /// The trimmed text, if any.
    pub fn text(&self) -> Option<&str> {
        self.0.get().map(|c| c.trim()).filter(|t| !t.is_empty())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let scalar = Scalar::deserialize(d)?;
        Ok(Text(match scalar {
            Scalar::Bool(b) => Lenient::Ok(Cow::Borrowed(if b { "true" } else { "false" })),
            Scalar::Float(v) if v.is_finite() => Lenient::Ok(Cow::Owned(trim_float(v))),
            other => id_from(other),
        }))
    }
}

fn trim_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        (v as i64).to_string()
    } else {
        v.to_string()
    }
}

/// A finite number: a JSON number, or text that reads as one (`"35.00"`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Number(pub Lenient<f64>);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Number(from_scalar(Scalar::deserialize(d)?, Scalar::number)))
    }
}

impl Number {
    /// The number, if usable.
    pub fn value(&self) -> Option<f64> {
        self.0.get().copied()
    }
}

/// A count of seats or places. Whole numbers in any numeric shape
/// (`577`, `577.0`, `"577"`); a negative count is [`Count::Negative`] (read
/// as zero and reported); fractions and other shapes are invalid.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Count {
    /// Not there.
    #[default]
    Missing,
    /// `null`.
    Null,
    /// A usable count.
    Ok(u32),
    /// Below zero: read as zero.
    Negative,
    /// Not a whole number.
    Invalid(Shape),
}

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let scalar = Scalar::deserialize(d)?;
        if scalar == Scalar::Null {
            return Ok(Count::Null);
        }
        Ok(match scalar.number() {
            Some(n) if n < 0.0 => Count::Negative,
            Some(n) if n.fract() == 0.0 => Count::Ok(n.min(u32::MAX as f64) as u32),
            _ => Count::Invalid(scalar.shape()),
        })
    }
}

/// A yes/no: `true`/`false`, or the text `"true"`/`"false"`, or `1`/`0`.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Flag(pub Lenient<bool>);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Flag(from_scalar(Scalar::deserialize(d)?, |s| match s {
            Scalar::Bool(b) => Some(*b),
            Scalar::Unsigned(0) | Scalar::Signed(0) => Some(false),
            Scalar::Unsigned(1) | Scalar::Signed(1) => Some(true),
            Scalar::Text(t) if t.eq_ignore_ascii_case("true") => Some(true),
            Scalar::Text(t) if t.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })))
    }
}

impl Flag {
    /// The flag, or `default` when absent or unusable.
    pub fn or(&self, default: bool) -> bool {
        self.0.get().copied().unwrap_or(default)
    }
}

/// A reference to another resource: `"id"`, `123`, or `{"id": …, "name": …}`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ref<'a> {
    /// The referenced id, if usable.
    pub id: Option<Cow<'a, str>>,
    /// Its name, when given inline.
    pub name: Option<Cow<'a, str>>,
    /// A value arrived that is neither an id nor an object.
    pub invalid: Option<Shape>,
}

impl<'a> Ref<'a> {
    /// The id as text.
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref().filter(|i| !i.is_empty())
    }

    /// The name as text, trimmed, if not blank.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref().map(str::trim).filter(|n| !n.is_empty())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Ref<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RefVisitor;
        impl<'de> Visitor<'de> for RefVisitor {
            type Value = Ref<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an id, or an object with an id")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ref<'de>, A::Error> {
                let mut out = Ref::default();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match &*key {
                        "id" => out.id = map.next_value::<Id<'de>>()?.0.into_option(),
                        "name" => out.name = map.next_value::<Text<'de>>()?.0.into_option(),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Ref<'de>, E> {
                Ok(Ref::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Ref<'de>, E> {
                Ok(Ref::default())
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Ref<'de>, D::Error> {
                d.deserialize_any(RefVisitor)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Ref<'de>, E> {
                Ok(Ref { invalid: Some(Shape::Bool), ..Ref::default() })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Ref<'de>, E> {
                Ok(scalar_ref(Scalar::Signed(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Ref<'de>, E> {
                Ok(scalar_ref(Scalar::Unsigned(v)))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Ref<'de>, E> {
                Ok(scalar_ref(Scalar::Float(v)))
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Ref<'de>, E> {
                Ok(scalar_ref(Scalar::Text(Cow::Borrowed(v))))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Ref<'de>, E> {
                Ok(scalar_ref(Scalar::Text(Cow::Owned(v.to_owned()))))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ref<'de>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Ref { invalid: Some(Shape::List), ..Ref::default() })
            }
        }
        d.deserialize_any(RefVisitor)
    }
}

fn scalar_ref(scalar: Scalar<'_>) -> Ref<'_> {
    match id_from(scalar) {
        Lenient::Ok(id) => Ref { id: Some(id), ..Ref::default() },
        Lenient::Invalid(shape) => Ref { invalid: Some(shape), ..Ref::default() },
        Lenient::Null | Lenient::Missing => Ref::default(),
    }
}

/// One element of a list of records: an object decoded as `T`, or anything
/// else kept only as its shape (the record is skipped and counted).
#[derive(Debug, Clone, PartialEq)]
pub enum Record<T> {
    /// An object, decoded.
    Ok(T),
    /// Not an object.
    Bad(Shape),
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Record<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct RecordVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for RecordVisitor<T> {
            type Value = Record<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Record<T>, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Record::Ok)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Null))
            }
            fn visit_none<E: de::Error>(self) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Null))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Bool))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Number))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Number))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Number))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<Record<T>, E> {
                Ok(Record::Bad(Shape::Text))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Record<T>, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Record::Bad(Shape::List))
            }
        }
        d.deserialize_any(RecordVisitor(PhantomData))
    }
}

/// A list of records: an array (each element a [`Record`]); `null` or a
/// missing key is an empty list; any other shape is [`List::Invalid`].
#[derive(Debug, Clone, PartialEq, Default)]
pub enum List<T> {
    /// Absent or `null`.
    #[default]
    Missing,
    /// The records, in order.
    Ok(Vec<Record<T>>),
    /// Not a list.
    Invalid(Shape),
}

impl<T> List<T> {
    /// The records, none when absent or unusable.
    pub fn records(&self) -> &[Record<T>] {
        match self {
            List::Ok(v) => v,
            _ => &[],
        }
    }

    /// Takes the records out.
    pub fn take(&mut self) -> Vec<Record<T>> {
        match std::mem::take(self) {
            List::Ok(v) => v,
            _ => Vec::new(),
        }
    }

    /// Whether the key held something that is not a list.
    pub fn is_invalid(&self) -> bool {
        matches!(self, List::Invalid(_))
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for List<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = List<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<List<T>, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(record) = seq.next_element::<Record<T>>()? {
                    out.push(record);
                }
                Ok(List::Ok(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List::Missing)
            }
            fn visit_none<E: de::Error>(self) -> Result<List<T>, E> {
                Ok(List::Missing)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<List<T>, D::Error> {
                d.deserialize_any(ListVisitor(PhantomData))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<List<T>, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(List::Invalid(Shape::Object))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<List<T>, E> {
                Ok(List::Invalid(Shape::Bool))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<List<T>, E> {
                Ok(List::Invalid(Shape::Number))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<List<T>, E> {
                Ok(List::Invalid(Shape::Number))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<List<T>, E> {
                Ok(List::Invalid(Shape::Number))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> Result<List<T>, E> {
                Ok(List::Invalid(Shape::Text))
            }
        }
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

/// Text that must be a string to mean anything (status letters, lock
/// descriptions): other shapes are invalid, not written out as text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Str<'a>(pub Lenient<Cow<'a, str>>);

impl<'a> Str<'a> {
    /// The text, trimmed, if it was a string.
    pub fn text(&self) -> Option<&str> {
        self.0.get().map(|c| c.trim())
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let scalar = Scalar::deserialize(d)?;
        Ok(Str(match scalar {
            Scalar::Text(t) => Lenient::Ok(t),
            Scalar::Null => Lenient::Null,
            other => Lenient::Invalid(other.shape()),
        }))
    }
}

impl<T> From<Lenient<T>> for Option<T> {
    fn from(l: Lenient<T>) -> Option<T> {
        l.into_option()
    }
}

/// A validation error's `problems`: each a sentence, or an object whose
/// `message` is one. Anything else is dropped, never an error.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Problems(pub Vec<String>);

impl<'de> Deserialize<'de> for Problems {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ProblemsVisitor;
        impl<'de> Visitor<'de> for ProblemsVisitor {
            type Value = Problems;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of problems")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Problems, A::Error> {
                let mut out = Vec::new();
                while let Some(problem) = seq.next_element::<Problem>()? {
                    out.extend(problem.0);
                }
                Ok(Problems(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Problems, A::Error> {
                Problem::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|p| Problems(p.0.into_iter().collect()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Problems, E> {
                Ok(Problems(vec![v.to_owned()]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Problems, E> {
                Ok(Problems::default())
            }
            fn visit_none<E: de::Error>(self) -> Result<Problems, E> {
                Ok(Problems::default())
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Problems, E> {
                Ok(Problems::default())
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Problems, E> {
                Ok(Problems::default())
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Problems, E> {
                Ok(Problems::default())
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Problems, E> {
                Ok(Problems::default())
            }
        }
        d.deserialize_any(ProblemsVisitor)
    }
}

/// One problem: its sentence, if it has one.
struct Problem(Option<String>);

impl<'de> Deserialize<'de> for Problem {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ProblemVisitor;
        impl<'de> Visitor<'de> for ProblemVisitor {
            type Value = Problem;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a problem")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Problem, E> {
                Ok(Problem(Some(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Problem, A::Error> {
                let mut message = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    if key == "message" {
                        message = map.next_value::<Str<'de>>()?.text().map(str::to_owned);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(Problem(message))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Problem, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Problem(None))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Problem, E> {
                Ok(Problem(None))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> Result<Problem, E> {
                Ok(Problem(None))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> Result<Problem, E> {
                Ok(Problem(None))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> Result<Problem, E> {
                Ok(Problem(None))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Problem, E> {
                Ok(Problem(None))
            }
        }
        d.deserialize_any(ProblemVisitor)
    }
}
