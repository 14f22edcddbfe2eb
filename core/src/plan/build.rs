//! Building a [`Plan`] from `GET plans/{id}` (docs/spektrix-v3.md#plan).
//!
//! The tree's `x`,`y` offsets add up down the tree (assumed). A seat without
//! a usable id or position, or a duplicate, is skipped and reported; a
//! negative capacity is read as zero and reported; coordinates beyond
//! [`MAX_COORDINATE`] are refused before any sum or span can overflow.
//!
//! The 20,000-seat arena's plan is 3.7 MB of JSON, and in the browser the
//! most memory the load ever holds is what the widget keeps (wasm memory
//! never shrinks). So the seats are read one area at a time from their
//! JSON ([`SeatList`]: the whole plan's seats are never decoded at once),
//! the seat list is sized once, row links wait as text in one buffer, and
//! the texts seats repeat (rows, numbers, names) are shared, not copied
//! per seat.

use super::outliers;
use super::{Area, AreaIndex, AreaKind, Background, Plan, Rect, Seat};
use crate::decode::unreadable;
use crate::error::{ApiError, Response};
use crate::id_index::{Fnv, IdIndex};
use crate::report::Report;
use crate::rules::{self, RowIndex, SeatIndex, SeatLinks, Stretch};
use crate::wire::lenient::{Count, Record};
use crate::wire::{PlanArea, PlanSeat, SeatList};
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// How deep an area tree may go (the JSON parser's own nesting limit is
/// about twice this).
pub(crate) const MAX_DEPTH: u16 = 60;

/// No real plan is a billion units across; beyond this a coordinate is
/// corrupt, and sums or spans of such numbers could overflow to infinity.
pub(crate) const MAX_COORDINATE: f64 = 1.0e9;

/// An area offset beyond this is corrupt: read as 0 (its seats keep their own positions).
const MAX_OFFSET: f64 = 1.0e7;

const DOCUMENT: &str = "seating plan";

/// Builds the plan from its decoded tree; `response` is the body the tree
/// borrows from (its seat lists are read as the build reaches them).
pub(crate) fn build(mut root: PlanArea<'_>, response: &Response) -> Result<Plan, ApiError> {
    let mut builder = Builder::default();
    let seats = seat_records(&root, 0);
    builder.seats.reserve_exact(seats);
    builder.links.ends.reserve_exact(2 * seats);
    builder.area(&mut root, None, 0.0, 0.0, 0, response)?;
    let background = root.background_image_url.text().filter(|u| !u.is_empty()).map(|url| Background {
        url: url.into(),
        x: coordinate(root.x.value()).unwrap_or(0.0),
        y: coordinate(root.y.value()).unwrap_or(0.0),
    });
    builder.finish(root.id.text(), root.name.text(), background)
}

/// How many seat records the tree holds (an upper bound on the plan's
/// seats), to size the seat list once: doubling a list of 20,000 seats
/// leaves up to half of it unused and holds both copies while it moves.
/// The walk stops at the depth the build refuses.
fn seat_records(area: &PlanArea<'_>, depth: u16) -> usize {
    if depth > MAX_DEPTH {
        return 0;
    }
    let children = area.areas.records().iter().map(|child| match child {
        Record::Ok(child) => seat_records(child, depth + 1),
        Record::Bad(_) => 0,
    });
    records_in(&area.seats) + children.sum::<usize>()
}

/// How many records a seat list holds; none if it is not a list. The list
/// is JSON the parser has already checked, so counting its top-level commas
/// is exact, and it is a plain scan of the bytes (a serde pass over the
/// arena's seats to count them took as long as decoding them).
pub(super) fn records_in(seats: &SeatList<'_>) -> usize {
    let Some(raw) = seats.0 else { return 0 };
    let text = raw.get();
    // A checked list: `[`, its records, `]`.
    let Some(inside) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) else { return 0 };
    if inside.trim().is_empty() {
        return 0;
    }
    let (mut depth, mut in_text, mut escaped, mut commas) = (0u32, false, false, 0);
    for &byte in inside.as_bytes() {
        if in_text {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_text = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_text = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth == 0 => commas += 1,
            _ => {}
        }
    }
    commas + 1
}

#[derive(Default)]
struct Builder {
    seats: Vec<Seat>,
    areas: Vec<Area>,
    links: Links,
    seat_index: IdIndex,
    area_index: IdIndex,
    texts: Texts,
    report: Report,
}

/// Each seat's `previousSeatId` and `nextSeatId` as written, until every
/// seat is known and they can be resolved: all in one text, seat by seat
/// (a link that is absent is empty: a usable id never is).
#[derive(Default)]
struct Links {
    text: String,
    /// By seat: where its previous id ends, then where its next id ends.
    ends: Vec<u32>,
}

impl Links {
    fn push(&mut self, previous: Option<&str>, next: Option<&str>) {
        for id in [previous, next] {
            self.text.push_str(id.unwrap_or(""));
            self.ends.push(self.text.len() as u32);
        }
    }

    /// Seat `seat`'s (previous, next) ids.
    fn of(&self, seat: usize) -> (Option<&str>, Option<&str>) {
        let start = if seat == 0 { 0 } else { self.ends[2 * seat - 1] as usize };
        let (middle, end) = (self.ends[2 * seat] as usize, self.ends[2 * seat + 1] as usize);
        (non_empty(&self.text[start..middle]), non_empty(&self.text[middle..end]))
    }
}

fn non_empty(id: &str) -> Option<&str> {
    (!id.is_empty()).then_some(id)
}

/// Texts many seats repeat (a row's name, seat numbers, names that repeat
/// from block to block, the empty text): one shared copy of each.
#[derive(Default)]
struct Texts(HashSet<Rc<str>, BuildHasherDefault<Fnv>>);

impl Texts {
    fn get(&mut self, text: &str) -> Rc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: Rc<str> = text.into();
        self.0.insert(shared.clone());
        shared
    }
}

fn coordinate(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && v.abs() <= MAX_COORDINATE)
}

impl Builder {
    fn area(
        &mut self,
        wire: &mut PlanArea<'_>,
        parent: Option<AreaIndex>,
        parent_x: f64,
        parent_y: f64,
        depth: u16,
        response: &Response,
    ) -> Result<(), ApiError> {
        if depth > MAX_DEPTH {
            return Err(ApiError::Invalid {
                what: "the seating plan",
                detail: format!("its areas nest deeper than {MAX_DEPTH} levels"),
            });
        }
        let index = AreaIndex(self.areas.len() as u32);
        let offset = |v: &crate::wire::lenient::Number, report: &mut Report, axis: &str| match v.0 {
            crate::wire::lenient::Lenient::Ok(v) if v.is_finite() && v.abs() <= MAX_OFFSET => v,
            crate::wire::lenient::Lenient::Missing | crate::wire::lenient::Lenient::Null => 0.0,
            _ => {
                report.add(DOCUMENT, format!("area {axis} offset unusable, read as 0"));
                0.0
            }
        };
        let x = parent_x + offset(&wire.x, &mut self.report, "x");
        let y = parent_y + offset(&wire.y, &mut self.report, "y");
        let id: Rc<str> = match wire.id.text() {
            Some(id) => id.into(),
            None => format!("area-{}", index.0).into(),
        };
        let name: Rc<str> = wire.name.text().unwrap_or("").into();
        let is_unreserved = wire.kind.text().is_some_and(|k| k.eq_ignore_ascii_case("unreserved"));
        // Read now, and freed once built: the next area's seats reuse the room.
        let seats = wire.seats.read().map_err(|e| unreadable("the seating plan", response, e.to_string()))?;
        let has_seats = !seats.records().is_empty();
        let kind = if is_unreserved && !has_seats {
            let capacity = match wire.capacity {
                Count::Ok(c) => c,
                Count::Negative => {
                    self.report.add(DOCUMENT, "negative area capacity read as 0");
                    0
                }
                Count::Invalid(shape) => {
                    self.report.add(DOCUMENT, format!("area capacity that was {} read as 0", shape.words()));
                    0
                }
                Count::Missing | Count::Null => 0,
            };
            let size = |v: Option<f64>, default: f64| v.filter(|v| *v > 0.0 && *v <= MAX_COORDINATE).unwrap_or(default);
            let rect = Rect { x, y, width: size(wire.width.value(), 120.0), height: size(wire.height.value(), 60.0) };
            AreaKind::Unreserved { capacity, rect }
        } else if has_seats {
            AreaKind::Reserved
        } else {
            AreaKind::Container
        };
        if !self.area_index.insert_new(id.clone(), index.0) {
            self.report.add(DOCUMENT, "area with a duplicate id (its seats are kept)");
        }
        self.areas.push(Area { id, name, kind, parent, depth, bounds: None });

        if seats.is_invalid() {
            self.report.add(DOCUMENT, "area whose seats are not a list (no seats read)");
        }
        for seat in seats.records() {
            match seat {
                Record::Ok(seat) => self.seat(seat, index, x, y),
                Record::Bad(shape) => self.report.add(DOCUMENT, format!("seat skipped: it was {}", shape.words())),
            }
        }
        // Before the child areas read theirs.
        drop(seats);
        if wire.areas.is_invalid() {
            self.report.add(DOCUMENT, "child areas that are not a list (none read)");
        }
        for child in wire.areas.take() {
            match child {
                Record::Ok(mut child) => self.area(&mut child, Some(index), x, y, depth + 1, response)?,
                Record::Bad(shape) => self.report.add(DOCUMENT, format!("area skipped: it was {}", shape.words())),
            }
        }
        Ok(())
    }

    fn seat(&mut self, wire: &PlanSeat<'_>, area: AreaIndex, area_x: f64, area_y: f64) {
        let Some(id) = wire.id.text() else {
            let why = if wire.id.0.is_invalid() { "its id is not text or a number" } else { "it has no id" };
            self.report.add(DOCUMENT, format!("seat skipped: {why}"));
            return;
        };
        let (Some(x), Some(y)) = (wire.x.value(), wire.y.value()) else {
            self.report.add(DOCUMENT, "seat skipped: it has no usable position");
            return;
        };
        let (Some(x), Some(y)) = (coordinate(Some(area_x + x)), coordinate(Some(area_y + y))) else {
            self.report.add(DOCUMENT, "seat skipped: its position is out of range");
            return;
        };
        let index = SeatIndex(self.seats.len() as u32);
        let id: Rc<str> = id.into();
        if !self.seat_index.insert_new(id.clone(), index.0) {
            self.report.add(DOCUMENT, "seat skipped: its id is a duplicate");
            return;
        }
        let row = wire.row.text().unwrap_or("");
        let number = wire.number.text().unwrap_or("");
        let name = match wire.name.text() {
            Some(n) => self.texts.get(n),
            None => self.texts.get(&format!("{row}{number}")),
        };
        self.seats.push(Seat {
            id,
            name,
            row: self.texts.get(row),
            number: self.texts.get(number),
            x,
            y,
            area,
            prev: None,
            next: None,
            prev_across_aisle: wire.previous_is_across_aisle.or(false),
            next_across_aisle: wire.next_is_across_aisle.or(false),
            tab_order: wire.tab_order.value(),
        });
        self.links.push(wire.previous_seat_id.text(), wire.next_seat_id.text());
    }

    fn finish(
        mut self,
        id: Option<&str>,
        name: Option<&str>,
        background: Option<Background>,
    ) -> Result<Plan, ApiError> {
        let has_unreserved = self.areas.iter().any(|a| matches!(a.kind, AreaKind::Unreserved { .. }));
        if self.seats.is_empty() && !has_unreserved {
            return Err(ApiError::Invalid { what: "the seating plan", detail: "it has no seats".into() });
        }
        self.resolve_links();
        // Neither is needed any more: their room goes to what follows.
        self.links = Links::default();
        self.texts = Texts::default();
        let seat_pitch = seat_pitch(&self.seats);
        self.infer_missing_rows(seat_pitch);
        let outliers = outliers::far_from_the_bulk(&self.seats, self.areas.len(), seat_pitch);
        if !outliers.is_empty() {
            self.report.add_many(
                DOCUMENT,
                "seat far outside its area: drawn, but left out when fitting the map",
                outliers.len() as u32,
            );
        }
        self.compute_bounds(seat_pitch, &outliers);
        let bounds =
            self.areas.first().and_then(|a| a.bounds).unwrap_or(Rect { x: 0.0, y: 0.0, width: 100.0, height: 100.0 });
        let rows = RowIndex::new(build_stretches(&self.seats));
        let seat_rows = super::Rows::build(&self.seats);
        Ok(Plan {
            id: id.unwrap_or("").into(),
            name: name.unwrap_or("").into(),
            seats: self.seats,
            areas: self.areas,
            rows,
            seat_rows,
            bounds,
            seat_pitch,
            background,
            outliers,
            report: self.report,
            seat_index: self.seat_index,
            area_index: self.area_index,
        })
    }

    fn resolve_links(&mut self) {
        let lookup = |id: Option<&str>| id.and_then(|id| self.seat_index.get(id)).map(SeatIndex);
        let resolved: Vec<(Option<SeatIndex>, Option<SeatIndex>)> = (0..self.seats.len())
            .map(|i| {
                let (previous, next) = self.links.of(i);
                (lookup(previous), lookup(next))
            })
            .collect();
        for (i, (prev, next)) in resolved.into_iter().enumerate() {
            let me = SeatIndex(i as u32);
            self.seats[i].prev = prev.filter(|p| *p != me);
            self.seats[i].next = next.filter(|n| *n != me);
        }
        // Links must agree both ways; make one-sided links mutual where the
        // other side is free, so walking a row forwards sees every seat.
        for i in 0..self.seats.len() {
            if let Some(n) = self.seats[i].next {
                let across = self.seats[i].next_across_aisle;
                let other = &mut self.seats[n.0 as usize];
                if other.prev.is_none() {
                    other.prev = Some(SeatIndex(i as u32));
                    other.prev_across_aisle = across;
                }
            }
            if let Some(p) = self.seats[i].prev {
                let across = self.seats[i].prev_across_aisle;
                let other = &mut self.seats[p.0 as usize];
                if other.next.is_none() {
                    other.next = Some(SeatIndex(i as u32));
                    other.next_across_aisle = across;
                }
            }
        }
    }

    /// Plans without `previousSeatId`/`nextSeatId` still have rows: seats of
    /// one area with one row name, ordered by x; a wide gap is an aisle.
    fn infer_missing_rows(&mut self, pitch: f64) {
        let mut loose: Vec<usize> = (0..self.seats.len())
            .filter(|i| {
                let s = &self.seats[*i];
                s.prev.is_none() && s.next.is_none() && !s.row.is_empty()
            })
            .collect();
        let seats = &self.seats;
        crate::sorting::sort_by(&mut loose, |a, b| {
            let (a, b) = (&seats[*a], &seats[*b]);
            a.area.cmp(&b.area).then_with(|| a.row.cmp(&b.row)).then(a.x.total_cmp(&b.x))
        });
        for pair in loose.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if self.seats[a].area != self.seats[b].area || self.seats[a].row != self.seats[b].row {
                continue;
            }
            let aisle = distance(&self.seats[a], &self.seats[b]) > pitch * 1.6;
            self.seats[a].next = Some(SeatIndex(b as u32));
            self.seats[a].next_across_aisle = aisle;
            self.seats[b].prev = Some(SeatIndex(a as u32));
            self.seats[b].prev_across_aisle = aisle;
        }
    }

    fn compute_bounds(&mut self, pitch: f64, outliers: &[SeatIndex]) {
        let half = pitch / 2.0;
        let mut is_outlier = vec![false; self.seats.len()];
        for o in outliers {
            is_outlier[o.0 as usize] = true;
        }
        for (seat, outlier) in self.seats.iter().zip(is_outlier) {
            if outlier {
                continue;
            }
            let r = Rect::around(seat.x, seat.y, half);
            let area = &mut self.areas[seat.area.0 as usize];
            area.bounds = Some(area.bounds.map_or(r, |b| b.union(&r)));
        }
        for area in &mut self.areas {
            if let AreaKind::Unreserved { rect, .. } = area.kind {
                area.bounds = Some(area.bounds.map_or(rect, |b| b.union(&rect)));
            }
        }
        // Children come after their parents, so one backwards pass carries
        // every area's bounds up the tree.
        for i in (0..self.areas.len()).rev() {
            if let (Some(parent), Some(b)) = (self.areas[i].parent, self.areas[i].bounds) {
                let p = &mut self.areas[parent.0 as usize];
                p.bounds = Some(p.bounds.map_or(b, |pb| pb.union(&b)));
            }
        }
    }
}

fn distance(a: &Seat, b: &Seat) -> f64 {
    ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
}

/// The median distance between linked neighbours (or nearest seats when the
/// plan has no links); 20 plan units when there is nothing to measure.
fn seat_pitch(seats: &[Seat]) -> f64 {
    let mut gaps: Vec<f64> = seats
        .iter()
        .filter(|s| !s.next_across_aisle)
        .filter_map(|s| s.next.map(|n| distance(s, &seats[n.0 as usize])))
        .filter(|d| *d > 0.0 && d.is_finite())
        .collect();
    if gaps.is_empty() {
        // Sample nearest neighbours on a bounded number of seats.
        let step = (seats.len() / 200).max(1);
        for s in seats.iter().step_by(step) {
            let nearest = seats.iter().map(|o| distance(s, o)).filter(|d| *d > 0.0).fold(f64::INFINITY, f64::min);
            if nearest.is_finite() {
                gaps.push(nearest);
            }
        }
    }
    if gaps.is_empty() {
        return 20.0;
    }
    let mid = gaps.len() / 2;
    gaps.select_nth_unstable_by(mid, f64::total_cmp);
    gaps[mid].max(1e-6)
}

/// Splits rows into stretches at aisles, with the rules' own splitter. An
/// aisle flag on either side of a link counts.
fn build_stretches(seats: &[Seat]) -> Vec<Stretch> {
    let links: Vec<SeatLinks> = seats
        .iter()
        .map(|s| SeatLinks {
            next: s.next,
            next_across_aisle: s.next_across_aisle || s.next.is_some_and(|n| seats[n.0 as usize].prev_across_aisle),
        })
        .collect();
    rules::build_stretches(&links)
}
