//! The SVG for the seats, as text: one `<path>` per seat, its shape
//! chosen by state (so no state relies on colour alone), positioned by a
//! `M{x},{y}` followed by a shared relative outline. Built as one string and parsed by the browser in a single
//! call, which is far faster for 20,000 seats than creating nodes one by
//! one. Everything that came from the API is escaped here: names are text,
//! never markup.

use crate::core::number::fixed;
use crate::core::seat_state::SeatState;
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
    paths: [String; 8],
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
        format!("M{},{}{}", num(x), num(y), self.path(state))
    }
}

/// One seat's markup, appended to `out`.
pub struct SeatMarkup<'a> {
    pub id: &'a str,
    pub x: f64,
    pub y: f64,
    pub state: SeatState,
    pub colour: Option<u16>,
    pub label: &'a str,
}

pub fn write_seat(out: &mut String, shapes: &Shapes, seat: &SeatMarkup) {
    out.push_str("<path class=\"");
    out.push_str(&class_for(seat.colour));
    out.push_str("\" data-seat-id=\"");
    escape_into(out, seat.id);
    let _ = write!(
        out,
        "\" data-state=\"{}\" role=\"checkbox\" aria-checked=\"{}\"{} aria-label=\"",
        seat.state.name(),
        aria_checked(seat.state),
        if seat.state.is_selectable() || aria_checked(seat.state) == "true" { "" } else { " aria-disabled=\"true\"" },
    );
    escape_into(out, seat.label);
    let _ = write!(out, "\" d=\"M{},{}{}\"/>", num(seat.x), num(seat.y), shapes.path(seat.state));
}

/// The seat's class: its band colour slot, if it has a band.
pub fn class_for(colour: Option<u16>) -> String {
    match colour {
        Some(c) => format!("seatmap-seat b{c}"),
        None => "seatmap-seat".to_owned(),
    }
}

pub fn aria_checked(state: SeatState) -> &'static str {
    match state {
        SeatState::Selected | SeatState::InBasket => "true",
        _ => "false",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        write_seat(
            &mut out,
            &shapes,
            &SeatMarkup {
                id: "1\"><script>",
                x: 1.0,
                y: 2.5,
                state: SeatState::Available,
                colour: Some(2),
                label: "Row <b>",
            },
        );
        assert!(!out.contains('<') || out.matches('<').count() == 1, "only the path's own tag: {out}");
        assert!(out.contains("data-seat-id=\"1&quot;&gt;&lt;script&gt;\""));
        assert!(out.contains("d=\"M1,2.5m"), "{out}");
        assert!(out.ends_with("/>"));
    }

    #[test]
    fn every_state_has_its_own_shape() {
        let shapes = Shapes::new(20.0);
        let distinct: std::collections::HashSet<&str> = SeatState::ALL.iter().map(|s| shapes.path(*s)).collect();
        assert_eq!(distinct.len(), SeatState::ALL.len());
    }

    #[test]
    fn unavailable_seats_are_marked_disabled_for_screen_readers() {
        let shapes = Shapes::new(20.0);
        let mut out = String::new();
        write_seat(
            &mut out,
            &shapes,
            &SeatMarkup { id: "1", x: 0.0, y: 0.0, state: SeatState::Unavailable, colour: None, label: "" },
        );
        assert!(out.contains("aria-disabled=\"true\""));
        out.clear();
        write_seat(
            &mut out,
            &shapes,
            &SeatMarkup { id: "1", x: 0.0, y: 0.0, state: SeatState::InBasket, colour: None, label: "" },
        );
        assert!(out.contains("aria-checked=\"true\"") && !out.contains("aria-disabled"));
    }
}
