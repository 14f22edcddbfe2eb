//! Building a [`Plan`] from `GET plans/{id}` (docs/spektrix-v3.md#plan).
//!
//! The tree's `x`,`y` offsets add up down the tree (assumed). A seat without
//! a usable id or position, or a duplicate, is skipped and reported; a
//! negative capacity is read as zero and reported; coordinates beyond
//! [`MAX_COORDINATE`] are refused before any sum or span can overflow.

use super::outliers;
use super::{Area, AreaIndex, AreaKind, Background, Plan, Rect, Seat};
use crate::error::ApiError;
use crate::id_index::IdIndex;
use crate::report::Report;
use crate::rules::{self, RowIndex, SeatIndex, SeatLinks, Stretch};
use crate::wire::lenient::{Count, Record};
use crate::wire::{PlanArea, PlanSeat};
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

pub(crate) fn build(root: PlanArea<'_>) -> Result<Plan, ApiError> {
    let mut builder = Builder::default();
    builder.area(&root, None, 0.0, 0.0, 0)?;
    let background = root.background_image_url.text().filter(|u| !u.is_empty()).map(|url| Background {
        url: url.into(),
        x: coordinate(root.x.value()).unwrap_or(0.0),
        y: coordinate(root.y.value()).unwrap_or(0.0),
    });
    builder.finish(root.id.text(), root.name.text(), background)
}

#[derive(Default)]
struct Builder {
    seats: Vec<Seat>,
    areas: Vec<Area>,
    links: Vec<RawLinks>,
    seat_index: IdIndex,
    area_index: IdIndex,
    report: Report,
}

struct RawLinks {
    previous: Option<String>,
    next: Option<String>,
}

fn coordinate(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && v.abs() <= MAX_COORDINATE)
}

impl Builder {
    fn area(
        &mut self,
        wire: &PlanArea<'_>,
        parent: Option<AreaIndex>,
        parent_x: f64,
        parent_y: f64,
        depth: u16,
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
        let has_seats = !wire.seats.records().is_empty();
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

        if wire.seats.is_invalid() {
            self.report.add(DOCUMENT, "area whose seats are not a list (no seats read)");
        }
        for seat in wire.seats.records() {
            match seat {
                Record::Ok(seat) => self.seat(seat, index, x, y),
                Record::Bad(shape) => self.report.add(DOCUMENT, format!("seat skipped: it was {}", shape.words())),
            }
        }
        if wire.areas.is_invalid() {
            self.report.add(DOCUMENT, "child areas that are not a list (none read)");
        }
        for child in wire.areas.records() {
            match child {
                Record::Ok(child) => self.area(child, Some(index), x, y, depth + 1)?,
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
        let name: Rc<str> = match wire.name.text() {
            Some(n) => n.into(),
            None => format!("{row}{number}").into(),
        };
        self.seats.push(Seat {
            id,
            name,
            row: row.into(),
            number: number.into(),
            x,
            y,
            area,
            prev: None,
            next: None,
            prev_across_aisle: wire.previous_is_across_aisle.or(false),
            next_across_aisle: wire.next_is_across_aisle.or(false),
            tab_order: wire.tab_order.value(),
        });
        self.links.push(RawLinks {
            previous: wire.previous_seat_id.text().map(str::to_owned),
            next: wire.next_seat_id.text().map(str::to_owned),
        });
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
        let lookup = |id: &Option<String>| id.as_deref().and_then(|id| self.seat_index.get(id)).map(SeatIndex);
        let resolved: Vec<(Option<SeatIndex>, Option<SeatIndex>)> =
            self.links.iter().map(|l| (lookup(&l.previous), lookup(&l.next))).collect();
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
