//! The seating plan as the widget uses it: a flat list of seats at absolute
//! plan coordinates, the areas they belong to, and each row's order.
//!
//! Built once from [`wire::PlanArea`] (a tree whose `x`,`y` offsets add up
//! down the tree — assumed in the contract) and never changed afterwards.

use crate::id_index::IdIndex;
use crate::report::Report;
use crate::rules::{RowIndex, SeatIndex};
use std::rc::Rc;

mod build;
mod moves;
mod outliers;
mod rows;

pub(crate) use build::build;
pub use moves::Step;
pub use rows::{Rows, SeatRow};

/// An area, as an index into [`Plan::areas`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AreaIndex(pub u32);

/// An axis-aligned rectangle in plan units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// A square of half-size `half` centred on (x, y).
    pub fn around(x: f64, y: f64, half: f64) -> Rect {
        Rect { x: x - half, y: y - half, width: 2.0 * half, height: 2.0 * half }
    }
    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }
    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }
    /// Centre point.
    pub fn centre(&self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
    /// The smallest rectangle holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect { x, y, width: self.right().max(other.right()) - x, height: self.bottom().max(other.bottom()) - y }
    }
    /// Grown by `by` on every side.
    pub fn padded(&self, by: f64) -> Rect {
        Rect { x: self.x - by, y: self.y - by, width: self.width + 2.0 * by, height: self.height + 2.0 * by }
    }
    /// Whether the two share any point (edges touching count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x <= other.right() && other.x <= self.right() && self.y <= other.bottom() && other.y <= self.bottom()
    }
    /// The smallest rectangle holding every point; empty (at the origin) for none.
    pub fn enclosing(points: &[(f64, f64)]) -> Rect {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in points {
            x0 = x0.min(*x);
            y0 = y0.min(*y);
            x1 = x1.max(*x);
            y1 = y1.max(*y);
        }
        if x0 > x1 {
            return Rect { x: 0.0, y: 0.0, width: 0.0, height: 0.0 };
        }
        Rect { x: x0, y: y0, width: x1 - x0, height: y1 - y0 }
    }
}

/// What an area holds.
#[derive(Debug, Clone, PartialEq)]
pub enum AreaKind {
    /// Seats sold one by one.
    Reserved,
    /// Sold by count (standing, unnumbered), drawn as a block.
    Unreserved {
        /// Places in all.
        capacity: u32,
        /// The block drawn for it, in plan units.
        rect: Rect,
    },
    /// Holds child areas only.
    Container,
}

/// An area of the plan (Stalls, Dress Circle, a standing floor).
#[derive(Debug, Clone, PartialEq)]
pub struct Area {
    /// Its id.
    pub id: Rc<str>,
    /// Its name (may be empty).
    pub name: Rc<str>,
    /// What it holds.
    pub kind: AreaKind,
    /// The area it sits in (none for the root).
    pub parent: Option<AreaIndex>,
    /// How deep in the tree (0 for the root).
    pub depth: u16,
    /// Bounds of the area's own seats and all its descendants; `None` if empty.
    pub bounds: Option<Rect>,
}

/// A seat of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    /// Its id.
    pub id: Rc<str>,
    /// Its name (may be empty).
    pub name: Rc<str>,
    /// Its row ("C"; may be empty).
    pub row: Rc<str>,
    /// Its number in the row ("12"; may be empty).
    pub number: Rc<str>,
    /// Absolute plan coordinates (offsets of every enclosing area applied).
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// The area it belongs to.
    pub area: AreaIndex,
    /// The seat before it in its row.
    pub prev: Option<SeatIndex>,
    /// The seat after it in its row.
    pub next: Option<SeatIndex>,
    /// Whether an aisle separates it from the seat before.
    pub prev_across_aisle: bool,
    /// Whether an aisle separates it from the seat after.
    pub next_across_aisle: bool,
    /// The plan's `tabOrder`, if given.
    pub tab_order: Option<f64>,
}

#[derive(Debug, Clone)]
/// The seating plan: checked, flat, with each row's order.
pub struct Plan {
    /// The plan's id.
    pub id: Rc<str>,
    /// Its name ("Main House").
    pub name: Rc<str>,
    /// Every seat, in plan order; a [`SeatIndex`] indexes this.
    pub seats: Vec<Seat>,
    /// Every area, parents before children; an [`AreaIndex`] indexes this. The root is first.
    pub areas: Vec<Area>,
    /// Each row cut into stretches at aisles, indexed by seat.
    pub rows: RowIndex,
    /// Whole rows by area, seats left to right (for the keyboard, grouping and row letters).
    pub seat_rows: Rows,
    /// What the whole map is fitted to: every seat and block, except
    /// outliers far from the bulk of their area (see [`Plan::outliers`]).
    pub bounds: Rect,
    /// Typical distance between neighbouring seats: sets seat size.
    pub seat_pitch: f64,
    /// The plan's background picture (where venues draw the stage), if any.
    pub background: Option<Background>,
    /// Seats drawn but left out of [`Plan::bounds`]: far outside their area.
    pub outliers: Vec<SeatIndex>,
    /// What building the plan skipped or repaired.
    pub report: Report,
    seat_index: IdIndex,
    area_index: IdIndex,
}

/// The plan's `backgroundImageUrl`, placed at the root area's origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Background {
    /// The address, as the API gave it (resolved against the custom domain by the shell).
    pub url: Rc<str>,
    /// Plan coordinates of the picture's top-left corner.
    pub x: f64,
    /// Plan coordinates of the picture's top-left corner.
    pub y: f64,
}

/// Keyboard directions on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Towards the left of the screen.
    Left,
    /// Towards the right.
    Right,
    /// Up.
    Up,
    /// Down.
    Down,
}

impl Plan {
    /// A seat by index.
    pub fn seat(&self, ix: SeatIndex) -> &Seat {
        &self.seats[ix.0 as usize]
    }

    /// An area by index.
    pub fn area(&self, ix: AreaIndex) -> &Area {
        &self.areas[ix.0 as usize]
    }

    /// A seat by its id.
    pub fn seat_by_id(&self, id: &str) -> Option<SeatIndex> {
        self.seat_index.get(id).map(SeatIndex)
    }

    /// An area by its id.
    pub fn area_by_id(&self, id: &str) -> Option<AreaIndex> {
        self.area_index.get(id).map(AreaIndex)
    }

    /// How many seats the plan has.
    pub fn seat_count(&self) -> usize {
        self.seats.len()
    }

    /// Unreserved areas, in plan order.
    pub fn unreserved_areas(&self) -> impl Iterator<Item = (AreaIndex, &Area)> {
        self.areas
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a.kind, AreaKind::Unreserved { .. }))
            .map(|(i, a)| (AreaIndex(i as u32), a))
    }

    /// Areas worth zooming to: named, with something in them, not the root.
    pub fn zoomable_areas(&self) -> impl Iterator<Item = (AreaIndex, &Area)> {
        self.areas
            .iter()
            .enumerate()
            .skip(1)
            .filter(|(_, a)| a.bounds.is_some() && !a.name.is_empty())
            .map(|(i, a)| (AreaIndex(i as u32), a))
    }

    /// The full area path of a seat, outermost first, skipping the root.
    pub fn area_path(&self, area: AreaIndex) -> Vec<&str> {
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
    pub fn neighbour(&self, from: SeatIndex, direction: Direction) -> Option<SeatIndex> {
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

    fn nearest_in_direction(&self, from: SeatIndex, direction: Direction) -> Option<SeatIndex> {
        let seat = self.seat(from);
        let min_step = self.seat_pitch * 0.4;
        let mut best: Option<(f64, SeatIndex)> = None;
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
                best = Some((score, SeatIndex(i as u32)));
            }
        }
        best.map(|(_, s)| s)
    }

    /// The seat that should take focus when the map is first tabbed into.
    pub fn first_seat(&self) -> Option<SeatIndex> {
        let key = |s: &Seat| (s.tab_order.unwrap_or(f64::MAX), s.y, s.x);
        (0..self.seats.len()).map(|i| SeatIndex(i as u32)).min_by(|a, b| {
            let (ka, kb) = (key(self.seat(*a)), key(self.seat(*b)));
            ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1)).then(ka.2.total_cmp(&kb.2))
        })
    }
}

#[cfg(test)]
mod tests;
