//! The SVG for the seats, as text: one `<path>` per seat, its shape
//! chosen by state (so no state relies on colour alone), positioned by a
//! `M{x},{y}` followed by a shared relative outline. Built as one string and parsed by the browser in a single
//! call, which is far faster for 20,000 seats than creating nodes one by
//! one. Everything that came from the API is escaped here: names are text,
//! never markup.

use crate::number::{fixed, write_fixed, write_integer};
use crate::seat_state::SeatState;
use std::fmt::Write;

/// Escapes text for an attribute value in double quotes, or element text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' => {}
            c => out.push(c),
        }
    }
}

/// Seat shapes, one per state, for seats `pitch` plan units apart.
pub struct Shapes {
    paths: [String; 9],
}

fn num(v: f64) -> String {
    fixed(v, 2)
}

/// A shape's outline as subpaths, each a start point and the points after it
/// (circles are drawn as two arcs), in units of the seat's radius.
enum Sub {
    Circle { cx: f64, cy: f64, r: f64 },
    Polygon(&'static [(f64, f64)]),
}

/// Writes subpaths as relative commands from the seat's centre, so a seat's
/// `d` is `M{x},{y}` plus one shared string: no per-seat `transform`, which
/// would give the browser one transform node per seat to re-layer each frame.
fn relative(scale: f64, subs: &[Sub]) -> String {
    let mut d = String::new();
    let mut at = (0.0, 0.0);
    for sub in subs {
        match sub {
            Sub::Circle { cx, cy, r } => {
                let (sx, sy, r) = ((cx - r) * scale, cy * scale, r * scale);
                let _ = write!(d, "m{},{}", num(sx - at.0), num(sy - at.1));
                let _ = write!(
                    d,
                    "a{},{} 0 1 0 {},0a{},{} 0 1 0 {},0z",
                    num(r),
                    num(r),
                    num(2.0 * r),
                    num(r),
                    num(r),
                    num(-2.0 * r)
                );
                at = (sx, sy);
            }
            Sub::Polygon(points) => {
                let (x0, y0) = (points[0].0 * scale, points[0].1 * scale);
                let _ = write!(d, "m{},{}", num(x0 - at.0), num(y0 - at.1));
                let mut prev = (x0, y0);
                for (x, y) in &points[1..] {
                    let (x, y) = (x * scale, y * scale);
                    let _ = write!(d, "l{},{}", num(x - prev.0), num(y - prev.1));
                    prev = (x, y);
                }
                d.push('z');
                at = (x0, y0);
            }
        }
    }
    d
}

const CHECK: [(f64, f64); 6] = [(-0.55, 0.0), (-0.15, 0.4), (0.55, -0.3), (0.4, -0.45), (-0.15, 0.1), (-0.4, -0.15)];
const SQUARE: [(f64, f64); 4] = [(-0.95, -0.95), (0.95, -0.95), (0.95, 0.95), (-0.95, 0.95)];
const INFO_BAR: [(f64, f64); 4] = [(-0.14, -0.15), (0.14, -0.15), (0.14, 0.55), (-0.14, 0.55)];
const STAR: [(f64, f64); 8] =
    [(0.0, -1.15), (0.38, -0.38), (1.15, 0.0), (0.38, 0.38), (0.0, 1.15), (-0.38, 0.38), (-1.15, 0.0), (-0.38, -0.38)];
const BAR: [(f64, f64); 4] = [(-0.5, -0.13), (0.5, -0.13), (0.5, 0.13), (-0.5, 0.13)];
const CROSS: [(f64, f64); 12] = [
    (-0.55, -0.4),
    (-0.4, -0.55),
    (0.0, -0.15),
    (0.4, -0.55),
    (0.55, -0.4),
    (0.15, 0.0),
    (0.55, 0.4),
    (0.4, 0.55),
    (0.0, 0.15),
    (-0.4, 0.55),
    (-0.55, 0.4),
    (-0.15, 0.0),
];
const WHOLE: Sub = Sub::Circle { cx: 0.0, cy: 0.0, r: 1.0 };

impl Shapes {
    /// The shapes for seats `pitch` plan units apart.
    pub fn new(pitch: f64) -> Shapes {
        // Radius in plan units: seats nearly touch, with a visible gap.
        let s = (pitch * 0.42).max(0.5);
        let path = |state: SeatState| -> String {
            // Inner subpaths are holes (the stylesheet sets fill-rule: evenodd).
            match state {
                SeatState::Available => relative(s, &[WHOLE]),
                SeatState::Info => {
                    relative(s, &[WHOLE, Sub::Polygon(&INFO_BAR), Sub::Circle { cx: 0.0, cy: -0.45, r: 0.16 }])
                }
                SeatState::Wheelchair => relative(
                    s,
                    &[
                        Sub::Polygon(&SQUARE),
                        Sub::Circle { cx: 0.0, cy: 0.1, r: 0.55 },
                        Sub::Circle { cx: 0.0, cy: 0.1, r: 0.3 },
                    ],
                ),
                SeatState::HeldForYou => relative(s, &[Sub::Polygon(&STAR)]),
                SeatState::HeldForOthers => {
                    relative(s, &[Sub::Circle { cx: 0.0, cy: 0.0, r: 0.8 }, Sub::Polygon(&BAR)])
                }
                SeatState::Unavailable => relative(s, &[Sub::Polygon(&CROSS)]),
                SeatState::Selected => relative(s, &[WHOLE, Sub::Polygon(&CHECK)]),
                SeatState::InBasket => relative(s, &[Sub::Polygon(&SQUARE), Sub::Polygon(&CHECK)]),
                SeatState::Unknown => {
                    relative(s, &[Sub::Circle { cx: 0.0, cy: 0.0, r: 0.75 }, Sub::Circle { cx: 0.0, cy: 0.0, r: 0.5 }])
                }
            }
        };
        Shapes { paths: SeatState::ALL.map(path) }
    }

    /// The shape for a state, relative to the seat's centre (follows `M{x},{y}`).
    pub fn path(&self, state: SeatState) -> &str {
        &self.paths[state as usize]
    }

    /// The full `d` of a seat at (x, y) in a state.
    pub fn d(&self, x: f64, y: f64, state: SeatState) -> String {
        AttributeValue::Outline(x, y, self.path(state)).text()
    }
}

/// What a seat element shows: the inputs of [`seat_attributes`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeatLook<'a> {
    /// The seat's id (`data-seat-id`).
    pub id: &'a str,
    /// Plan x of its centre.
    pub x: f64,
    /// Plan y of its centre.
    pub y: f64,
    /// Its state (shape and `data-state`).
    pub state: SeatState,
    /// Its price band's colour slot, if it has a band.
    pub colour: Option<u16>,
    /// What assistive technology announces; `None` leaves the seat
    /// unnamed and outside the accessibility tree (only the map's tab stop
    /// and the seat under the pointer carry a name at a time).
    pub label: Option<&'a str>,
    /// Whether it is the map's roving tab stop.
    pub tab_stop: bool,
}

/// Every attribute a seat element may carry, in the order written.
pub const SEAT_ATTRIBUTE_NAMES: [&str; 9] =
    ["class", "data-seat-id", "data-state", "tabindex", "role", "aria-checked", "aria-disabled", "aria-label", "d"];

/// One attribute's value, borrowed from the seat and the shapes: written
/// straight into markup or compared with the last one drawn without
/// allocating; [`AttributeValue::text`] makes the string when it changed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AttributeValue<'a> {
    /// Plain text (escaped when written).
    Text(&'a str),
    /// The one class: state letter and band colour ([`seat_class`]).
    Class(SeatState, Option<u16>),
    /// The outline: `M{x},{y}` and the state's shape.
    Outline(f64, f64, &'a str),
}

impl AttributeValue<'_> {
    /// Appends the value as attribute text (escaped) to `out`.
    pub fn write(&self, out: &mut String) {
        match *self {
            AttributeValue::Text(text) => escape_into(out, text),
            AttributeValue::Class(state, colour) => write_class(out, state, colour),
            AttributeValue::Outline(x, y, shape) => {
                out.push('M');
                write_fixed(out, x, 2);
                out.push(',');
                write_fixed(out, y, 2);
                out.push_str(shape);
            }
        }
    }

    /// The value as a string (unescaped text, for `setAttribute`).
    pub fn text(&self) -> String {
        match *self {
            AttributeValue::Text(text) => text.to_owned(),
            _ => {
                let mut out = String::with_capacity(64);
                self.write(&mut out);
                out
            }
        }
    }
}

/// A seat's attributes, one slot per [`SEAT_ATTRIBUTE_NAMES`] entry; `None`
/// means the attribute is absent. The one place that decides a seat's
/// attributes: the first paint writes them as markup ([`write_seat`]), the
/// updater sets and removes them on the element. An unnamed seat carries
/// four: its class, id, state and outline.
pub fn seat_attributes<'a>(shapes: &'a Shapes, seat: &SeatLook<'a>) -> [Option<AttributeValue<'a>>; 9] {
    use AttributeValue::{Class, Outline, Text};
    let named = seat.label.is_some();
    let checked = matches!(seat.state, SeatState::Selected | SeatState::InBasket);
    [
        Some(Class(seat.state, seat.colour)),
        Some(Text(seat.id)),
        Some(Text(seat.state.name())),
        seat.tab_stop.then_some(Text("0")),
        named.then_some(Text("checkbox")),
        named.then_some(Text(if checked { "true" } else { "false" })),
        (named && !checked && !seat.state.is_selectable()).then_some(Text("true")),
        seat.label.map(Text),
        Some(Outline(seat.x, seat.y, shapes.path(seat.state))),
    ]
}

/// One seat's markup, appended to `out`: every value escaped (names from
/// the API are text, never markup).
pub fn write_seat(out: &mut String, shapes: &Shapes, seat: &SeatLook) {
    out.push_str("<path");
    for (name, value) in SEAT_ATTRIBUTE_NAMES.iter().zip(seat_attributes(shapes, seat)) {
        if let Some(value) = value {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            value.write(out);
            out.push('"');
        }
    }
    out.push_str("/>");
}

/// Opens a group of seats that assistive technology hears by `label`
/// ("Stalls", "Row C"); `class` names it for the stylesheet and the shell.
pub fn open_group(out: &mut String, class: &str, label: &str) {
    out.push_str("<g class=\"");
    out.push_str(class);
    out.push_str("\" role=\"group\" aria-label=\"");
    escape_into(out, label);
    out.push_str("\">");
}

/// Closes a group opened by [`open_group`].
pub fn close_group(out: &mut String) {
    out.push_str("</g>");
}

/// How a row is named to assistive technology: "Row C" for a row letter or
/// number, the name itself for longer names ("Box A").
pub fn row_group_label(row: &str) -> String {
    if row.chars().count() <= 3 {
        format!("Row {row}")
    } else {
        row.to_owned()
    }
}

/// The one class a seat carries: its state, and its band's colour where the
/// state is drawn in band colours (`a3`: available, band colour 3; `u`:
/// unavailable). One class per seat keeps style matching to one rule.
pub fn seat_class(state: SeatState, colour: Option<u16>) -> String {
    let mut out = String::with_capacity(4);
    write_class(&mut out, state, colour);
    out
}

fn write_class(out: &mut String, state: SeatState, colour: Option<u16>) {
    let code = match state {
        SeatState::Available => 'a',
        SeatState::Info => 'i',
        SeatState::Wheelchair => 'w',
        SeatState::HeldForYou => 'y',
        SeatState::Selected => 's',
        SeatState::Unknown => 'q',
        SeatState::HeldForOthers => return out.push('h'),
        SeatState::Unavailable => return out.push('u'),
        SeatState::InBasket => return out.push('k'),
    };
    out.push(code);
    if let Some(c) = colour {
        write_integer(out, u128::from(c));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn look(state: SeatState, label: Option<&str>) -> SeatLook<'_> {
        SeatLook { id: "1", x: 1.0, y: 2.5, state, colour: Some(2), label, tab_stop: false }
    }

    fn attribute(attributes: &[Option<AttributeValue>; 9], name: &str) -> Option<String> {
        let at = SEAT_ATTRIBUTE_NAMES.iter().position(|n| *n == name).expect("a seat attribute");
        attributes[at].map(|v| v.text())
    }

    #[test]
    fn escaping_makes_markup_inert() {
        assert_eq!(escape(r#"<img src=x onerror=alert(1)>"#), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(escape(r#"a"b'c&d"#), "a&quot;b&#39;c&amp;d");
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn a_hostile_seat_cannot_break_out_of_its_attributes() {
        let shapes = Shapes::new(20.0);
        let mut out = String::new();
        let seat = SeatLook { id: "1\"><script>", label: Some("Row <b>"), ..look(SeatState::Available, None) };
        write_seat(&mut out, &shapes, &seat);
        assert_eq!(out.matches('<').count(), 1, "only the path's own tag: {out}");
        assert!(out.contains("data-seat-id=\"1&quot;&gt;&lt;script&gt;\""));
        assert!(out.contains("aria-label=\"Row &lt;b&gt;\""));
        assert!(out.contains("d=\"M1,2.5m"), "{out}");
        assert!(out.ends_with("/>"));
    }

    #[test]
    fn every_state_has_its_own_shape_and_class() {
        let shapes = Shapes::new(20.0);
        let paths: std::collections::HashSet<&str> = SeatState::ALL.iter().map(|s| shapes.path(*s)).collect();
        assert_eq!(paths.len(), SeatState::ALL.len());
        let classes: std::collections::HashSet<String> =
            SeatState::ALL.iter().map(|s| seat_class(*s, Some(1))).collect();
        assert_eq!(classes.len(), SeatState::ALL.len());
    }

    #[test]
    fn attributes_follow_state_name_and_tab_stop() {
        let shapes = Shapes::new(20.0);
        type Row<'a> = (SeatState, Option<&'a str>, bool, &'a str, Option<&'a str>, Option<&'a str>, Option<&'a str>);
        let table: [Row; 6] = [
            // state, label, tab stop → class, aria-checked, aria-disabled, tabindex
            (SeatState::Available, Some("A1"), true, "a2", Some("false"), None, Some("0")),
            (SeatState::Selected, Some("A1"), false, "s2", Some("true"), None, None),
            (SeatState::InBasket, Some("A1"), false, "k", Some("true"), None, None),
            (SeatState::Unavailable, Some("A1"), false, "u", Some("false"), Some("true"), None),
            (SeatState::Unknown, Some("A1"), false, "q2", Some("false"), Some("true"), None),
            (SeatState::Unavailable, None, false, "u", None, None, None),
        ];
        for (state, label, tab_stop, class, checked, disabled, tabindex) in table {
            let a = seat_attributes(&shapes, &SeatLook { tab_stop, ..look(state, label) });
            let context = format!("{state:?} {label:?}");
            assert_eq!(attribute(&a, "class").as_deref(), Some(class), "{context}");
            assert_eq!(attribute(&a, "data-state").as_deref(), Some(state.name()), "{context}");
            assert_eq!(attribute(&a, "aria-checked").as_deref(), checked, "{context}");
            assert_eq!(attribute(&a, "aria-disabled").as_deref(), disabled, "{context}");
            assert_eq!(attribute(&a, "tabindex").as_deref(), tabindex, "{context}");
            assert_eq!(attribute(&a, "role").is_some(), label.is_some(), "only a named seat has a role: {context}");
            assert_eq!(attribute(&a, "d"), Some(shapes.d(1.0, 2.5, state)), "{context}");
        }
    }

    #[test]
    fn an_unnamed_seat_carries_four_attributes() {
        let shapes = Shapes::new(20.0);
        let mut out = String::new();
        write_seat(&mut out, &shapes, &look(SeatState::Available, None));
        assert_eq!(
            out,
            format!(
                "<path class=\"a2\" data-seat-id=\"1\" data-state=\"available\" d=\"{}\"/>",
                shapes.d(1.0, 2.5, SeatState::Available)
            )
        );
    }

    #[test]
    fn groups_are_named_and_escaped() {
        let mut out = String::new();
        open_group(&mut out, "seatmap-row", &row_group_label("C"));
        close_group(&mut out);
        assert_eq!(out, "<g class=\"seatmap-row\" role=\"group\" aria-label=\"Row C\"></g>");
        out.clear();
        open_group(&mut out, "seatmap-row", &row_group_label("Box <A>"));
        assert!(out.ends_with("aria-label=\"Box &lt;A&gt;\">"), "{out}");
        assert_eq!(seat_class(SeatState::Selected, Some(12)), "s12");
        assert_eq!(seat_class(SeatState::InBasket, Some(3)), "k");
    }

    #[test]
    fn the_markup_is_the_attributes_written_out() {
        let shapes = Shapes::new(20.0);
        let seat = look(SeatState::HeldForYou, Some("Row C, seat 1"));
        let mut out = String::new();
        write_seat(&mut out, &shapes, &seat);
        for (name, value) in SEAT_ATTRIBUTE_NAMES.iter().zip(seat_attributes(&shapes, &seat)) {
            match value {
                Some(v) => assert!(out.contains(&format!(" {name}=\"{}\"", escape(&v.text()))), "{name} in {out}"),
                None => assert!(!out.contains(&format!(" {name}=")), "{name} absent in {out}"),
            }
        }
    }
}
