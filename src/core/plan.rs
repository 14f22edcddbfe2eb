//! The seating plan as the widget uses it: a flat list of seats at absolute
//! plan coordinates, the areas they belong to, and each row's order.
//!
//! Built once from [`wire::PlanArea`] (a tree whose `x`,`y` offsets add up
//! down the tree — assumed in the contract) and never changed afterwards.

use crate::core::error::ApiError;
use crate::core::rules::{self, RowIndex, SeatIx, SeatLinks, Stretch};
use crate::core::wire;
use std::collections::HashMap;

/// Id → index. One map type for every index in the core, so the wasm
/// carries one copy of the hash table code.
pub(crate) type IdIndex = HashMap<Rc<str>, u32>;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AreaIx(pub u32);

/// An axis-aligned rectangle in plan units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn around(x: f64, y: f64, half: f64) -> Rect {
        Rect { x: x - half, y: y - half, width: 2.0 * half, height: 2.0 * half }
    }
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect { x, y, width: self.right().max(other.right()) - x, height: self.bottom().max(other.bottom()) - y }
    }
    pub fn padded(&self, by: f64) -> Rect {
        Rect { x: self.x - by, y: self.y - by, width: self.width + 2.0 * by, height: self.height + 2.0 * by }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum AreaKind {
    /// Seats sold one by one.
    Reserved,
    /// Sold by count (standing, unnumbered), drawn as a block.
    Unreserved { capacity: u32, rect: Rect },
    /// Holds child areas only.
    Container,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    pub id: Rc<str>,
    pub name: Rc<str>,
    pub kind: AreaKind,
    pub parent: Option<AreaIx>,
    pub depth: u16,
    /// Bounds of the area's own seats and all its descendants; `None` if empty.
    pub bounds: Option<Rect>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub id: Rc<str>,
    pub name: Rc<str>,
    pub row: Rc<str>,
    pub number: Rc<str>,
    /// Absolute plan coordinates (offsets of every enclosing area applied).
    pub x: f64,
    pub y: f64,
    pub area: AreaIx,
    pub prev: Option<SeatIx>,
    pub next: Option<SeatIx>,
    pub prev_across_aisle: bool,
    pub next_across_aisle: bool,
    pub tab_order: Option<f64>,
}

/// What the conversion dropped, so it can be reported rather than hidden.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Skipped {
    pub seats_without_id: u32,
    pub duplicate_seat_ids: u32,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub id: Rc<str>,
    pub name: Rc<str>,
    pub seats: Vec<Seat>,
    pub areas: Vec<Area>,
    /// Each row cut into stretches at aisles, indexed by seat.
    pub rows: RowIndex,
    pub bounds: Rect,
    /// Typical distance between neighbouring seats: sets seat size.
    pub seat_pitch: f64,
    pub skipped: Skipped,
    seat_index: IdIndex,
    area_index: IdIndex,
}

/// How deep an area tree may go before we call it malformed.
const MAX_DEPTH: u16 = 64;

impl TryFrom<wire::PlanArea> for Plan {
    type Error = ApiError;

    fn try_from(root: wire::PlanArea) -> Result<Self, ApiError> {
        let mut builder = Builder::default();
        builder.area(&root, None, 0.0, 0.0, 0)?;
        builder.finish(&root)
    }
}

#[derive(Default)]
struct Builder {
    seats: Vec<Seat>,
    areas: Vec<Area>,
    links: Vec<RawLinks>,
    seat_index: IdIndex,
    area_index: IdIndex,
    skipped: Skipped,
}

struct RawLinks {
    prev: Option<String>,
    next: Option<String>,
}

impl Builder {
    fn area(
        &mut self,
        wire: &wire::PlanArea,
        parent: Option<AreaIx>,
        parent_x: f64,
        parent_y: f64,
        depth: u16,
    ) -> Result<(), ApiError> {
        if depth > MAX_DEPTH {
            return Err(ApiError::Invalid {
                what: "seating plan",
                detail: format!("areas nest deeper than {MAX_DEPTH} levels"),
            });
        }
        let ix = AreaIx(self.areas.len() as u32);
        let x = parent_x + finite(wire.x);
        let y = parent_y + finite(wire.y);
        let id: Rc<str> = match &wire.id {
            Some(id) if !id.0.is_empty() => id.0.as_str().into(),
            _ => format!("area-{}", ix.0).into(),
        };
        let name: Rc<str> = wire.name.as_deref().map(str::trim).unwrap_or("").into();
        let is_unreserved = wire.kind.as_deref().is_some_and(|k| k.eq_ignore_ascii_case("unreserved"));
        let has_seats = wire.seats.as_ref().is_some_and(|s| !s.is_empty());
        let kind = if is_unreserved && !has_seats {
            let width = positive(wire.width).unwrap_or(120.0);
            let height = positive(wire.height).unwrap_or(60.0);
            AreaKind::Unreserved { capacity: wire.capacity.unwrap_or(0), rect: Rect { x, y, width, height } }
        } else if has_seats {
            AreaKind::Reserved
        } else {
            AreaKind::Container
        };
        self.area_index.entry(id.clone()).or_insert(ix.0);
        self.areas.push(Area { id, name, kind, parent, depth, bounds: None });

        for seat in wire.seats.iter().flatten() {
            self.seat(seat, ix, x, y);
        }
        for child in wire.areas.iter().flatten() {
            self.area(child, Some(ix), x, y, depth + 1)?;
        }
        Ok(())
    }

    fn seat(&mut self, wire: &wire::PlanSeat, area: AreaIx, area_x: f64, area_y: f64) {
        let Some(id) = wire.id.as_ref().filter(|id| !id.0.is_empty()) else {
            self.skipped.seats_without_id += 1;
            return;
        };
        let id: Rc<str> = id.0.as_str().into();
        if self.seat_index.contains_key(&id) {
            self.skipped.duplicate_seat_ids += 1;
            return;
        }
        let ix = SeatIx(self.seats.len() as u32);
        let text = |t: &Option<wire::Text>| t.as_ref().map(|t| t.0.trim().to_owned()).unwrap_or_default();
        let row = text(&wire.row);
        let number = text(&wire.number);
        let mut name = text(&wire.name);
        if name.is_empty() {
            name = format!("{row}{number}");
        }
        self.seat_index.insert(id.clone(), ix.0);
        self.seats.push(Seat {
            id,
            name: name.into(),
            row: row.into(),
            number: number.into(),
            x: area_x + finite(wire.x),
            y: area_y + finite(wire.y),
            area,
            prev: None,
            next: None,
            prev_across_aisle: wire.previous_is_across_aisle.unwrap_or(false),
            next_across_aisle: wire.next_is_across_aisle.unwrap_or(false),
            tab_order: wire.tab_order.filter(|t| t.is_finite()),
        });
        self.links.push(RawLinks {
            prev: wire.previous_seat_id.as_ref().map(|i| i.0.clone()),
            next: wire.next_seat_id.as_ref().map(|i| i.0.clone()),
        });
    }

    fn finish(mut self, root: &wire::PlanArea) -> Result<Plan, ApiError> {
        let has_unreserved = self.areas.iter().any(|a| matches!(a.kind, AreaKind::Unreserved { .. }));
        if self.seats.is_empty() && !has_unreserved {
            return Err(ApiError::Invalid { what: "seating plan", detail: "it has no seats".into() });
        }
        self.resolve_links();
        let seat_pitch = seat_pitch(&self.seats);
        self.infer_missing_rows(seat_pitch);
        self.compute_bounds(seat_pitch);
        let bounds = self.areas.iter().filter_map(|a| a.bounds).reduce(|a, b| a.union(&b)).unwrap_or(Rect {
            x: 0.0,
            y: 0.0,
            width: 100.0,
            height: 100.0,
        });
        let rows = RowIndex::new(build_stretches(&self.seats));
        Ok(Plan {
            id: root.id.as_ref().map(|i| i.0.as_str()).unwrap_or("").into(),
            name: root.name.as_deref().unwrap_or("").into(),
            seats: self.seats,
            areas: self.areas,
            rows,
            bounds,
            seat_pitch,
            skipped: self.skipped,
            seat_index: self.seat_index,
            area_index: self.area_index,
        })
    }

    fn resolve_links(&mut self) {
        let lookup = |id: &Option<String>| id.as_deref().and_then(|id| self.seat_index.get(id).copied().map(SeatIx));
        let resolved: Vec<(Option<SeatIx>, Option<SeatIx>)> =
            self.links.iter().map(|l| (lookup(&l.prev), lookup(&l.next))).collect();
        for (i, (prev, next)) in resolved.into_iter().enumerate() {
            let me = SeatIx(i as u32);
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
                    other.prev = Some(SeatIx(i as u32));
                    other.prev_across_aisle = across;
                }
            }
            if let Some(p) = self.seats[i].prev {
                let across = self.seats[i].prev_across_aisle;
                let other = &mut self.seats[p.0 as usize];
                if other.next.is_none() {
                    other.next = Some(SeatIx(i as u32));
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
        loose.sort_by(|a, b| {
            let (a, b) = (&seats[*a], &seats[*b]);
            a.area.cmp(&b.area).then_with(|| a.row.cmp(&b.row)).then(a.x.total_cmp(&b.x))
        });
        for pair in loose.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if self.seats[a].area != self.seats[b].area || self.seats[a].row != self.seats[b].row {
                continue;
            }
            let aisle = distance(&self.seats[a], &self.seats[b]) > pitch * 1.6;
            self.seats[a].next = Some(SeatIx(b as u32));
            self.seats[a].next_across_aisle = aisle;
            self.seats[b].prev = Some(SeatIx(a as u32));
            self.seats[b].prev_across_aisle = aisle;
        }
    }

    fn compute_bounds(&mut self, pitch: f64) {
        let half = pitch / 2.0;
        for seat in &self.seats {
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

fn finite(v: Option<f64>) -> f64 {
    v.filter(|v| v.is_finite()).unwrap_or(0.0)
}

fn positive(v: Option<f64>) -> Option<f64> {
    v.filter(|v| v.is_finite() && *v > 0.0)
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
        .filter(|d| *d > 0.0)
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
    gaps[mid]
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

/// Keyboard directions on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

impl Plan {
    pub fn seat(&self, ix: SeatIx) -> &Seat {
        &self.seats[ix.0 as usize]
    }

    pub fn area(&self, ix: AreaIx) -> &Area {
        &self.areas[ix.0 as usize]
    }

    pub fn seat_by_id(&self, id: &str) -> Option<SeatIx> {
        self.seat_index.get(id).copied().map(SeatIx)
    }

    pub fn area_by_id(&self, id: &str) -> Option<AreaIx> {
        self.area_index.get(id).copied().map(AreaIx)
    }

    pub fn seat_count(&self) -> usize {
        self.seats.len()
    }

    /// Unreserved areas, in plan order.
    pub fn unreserved_areas(&self) -> impl Iterator<Item = (AreaIx, &Area)> {
        self.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a.kind, AreaKind::Unreserved { .. }))
            .map(|(i, a)| (AreaIx(i as u32), a))
    }

    /// Areas worth zooming to: named, with something in them, not the root.
    pub fn zoomable_areas(&self) -> impl Iterator<Item = (AreaIx, &Area)> {
        self.areas
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, a)| a.bounds.is_some() && !a.name.is_empty())
            .map(|(i, a)| (AreaIx(i as u32), a))
    }

    /// The full area path of a seat, outermost first, skipping the root.
    pub fn area_path(&self, area: AreaIx) -> Vec<&str> {
        let mut path = Vec::new();
        let mut at = Some(area);
        while let Some(ix) = at {
            let a = self.area(ix);
            if a.parent.is_some() && !a.name.is_empty() {
                path.push(&*a.name);
            }
            at = a.parent;
        }
        path.reverse();
        path
    }

    /// The seat to move to from `from` with an arrow key: along the row for
    /// left and right (crossing aisles), the nearest seat in the next row
    /// for up and down.
    pub fn neighbour(&self, from: SeatIx, direction: Direction) -> Option<SeatIx> {
        let seat = self.seat(from);
        let linked = match direction {
            Direction::Left => seat.prev,
            Direction::Right => seat.next,
            _ => None,
        };
        if let Some(linked) = linked {
            // Links follow seat numbering, which may run right-to-left; only
            // trust a link that really goes the asked way on screen.
            let other = self.seat(linked);
            let goes_left = other.x < seat.x;
            if (direction == Direction::Left) == goes_left || (other.x - seat.x).abs() < 1e-9 {
                return Some(linked);
            }
            let reverse = if direction == Direction::Left { seat.next } else { seat.prev };
            if reverse.is_some() {
                return reverse;
            }
        }
        self.nearest_in_direction(from, direction)
    }

    fn nearest_in_direction(&self, from: SeatIx, direction: Direction) -> Option<SeatIx> {
        let seat = self.seat(from);
        let min_step = self.seat_pitch * 0.4;
        let mut best: Option<(f64, SeatIx)> = None;
        for (i, other) in self.seats.iter().enumerate() {
            let dx = other.x - seat.x;
            let dy = other.y - seat.y;
            // Distance along the direction, and off it (weighted: staying
            // in line matters more than being close).
            let (along, across) = match direction {
                Direction::Up => (-dy, dx),
                Direction::Down => (dy, dx),
                Direction::Left => (-dx, dy),
                Direction::Right => (dx, dy),
            };
            let sideways = matches!(direction, Direction::Left | Direction::Right);
            if along < min_step || (sideways && across.abs() > self.seat_pitch * 0.5) {
                continue;
            }
            let mut score = along * along + 4.0 * across * across;
            if other.area != seat.area {
                score *= 2.0;
            }
            if best.is_none_or(|(b, _)| score < b) {
                best = Some((score, SeatIx(i as u32)));
            }
        }
        best.map(|(_, s)| s)
    }

    /// The seat that should take focus when the map is first tabbed into.
    pub fn first_seat(&self) -> Option<SeatIx> {
        let key = |s: &Seat| (s.tab_order.unwrap_or(f64::MAX), s.y, s.x);
        (0..self.seats.len()).map(|i| SeatIx(i as u32)).min_by(|a, b| {
            let (ka, kb) = (key(self.seat(*a)), key(self.seat(*b)));
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(ka.2.total_cmp(&kb.2))
        })
    }
}

#[cfg(test)]
mod tests;
