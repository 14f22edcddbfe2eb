//! Where labels go on the map: beside what they name without covering any
//! seat or another label (issue 11: "Upper Circle" was drawn under the
//! Dress Circle's seats). Pure geometry in plan units; the shell turns a
//! screen font size into plan units for the zoom it is at.

use crate::plan::{Plan, Rect};

/// Seats as obstacles, bucketed on a grid so a label checks only the
/// seats near it.
#[derive(Debug, Clone)]
pub struct Obstacles {
    cell: f64,
    origin: (f64, f64),
    columns: usize,
    rows: usize,
    /// Seat centres per cell.
    cells: Vec<Vec<(f64, f64)>>,
    /// How far from its centre a seat covers.
    radius: f64,
}

impl Obstacles {
    /// Every seat of the plan (drawn `0.42 × pitch` round).
    pub fn of_seats(plan: &Plan) -> Obstacles {
        let cell = (plan.seat_pitch * 4.0).max(1.0);
        let b = plan.bounds.padded(cell);
        let columns = ((b.width / cell).ceil() as usize).clamp(1, 4096);
        let rows = ((b.height / cell).ceil() as usize).clamp(1, 4096);
        let mut cells = vec![Vec::new(); columns * rows];
        let mut obstacles =
            Obstacles { cell, origin: (b.x, b.y), columns, rows, cells: Vec::new(), radius: plan.seat_pitch * 0.42 };
        for seat in &plan.seats {
            if let Some(at) = obstacles.cell_of(seat.x, seat.y) {
                cells[at].push((seat.x, seat.y));
            }
        }
        obstacles.cells = cells;
        obstacles
    }

    fn cell_of(&self, x: f64, y: f64) -> Option<usize> {
        let c = ((x - self.origin.0) / self.cell).floor();
        let r = ((y - self.origin.1) / self.cell).floor();
        (c >= 0.0 && r >= 0.0 && (c as usize) < self.columns && (r as usize) < self.rows)
            .then(|| r as usize * self.columns + c as usize)
    }

    /// How many seats `rect` covers (touching counts).
    pub fn count_in(&self, rect: &Rect) -> usize {
        let grown = rect.padded(self.radius);
        let span = |from: f64, to: f64, origin: f64, limit: usize| {
            let a = ((from - origin) / self.cell).floor().max(0.0) as usize;
            let b = (((to - origin) / self.cell).floor().max(0.0) as usize).min(limit.saturating_sub(1));
            (a, b)
        };
        let (c0, c1) = span(grown.x, grown.right(), self.origin.0, self.columns);
        let (r0, r1) = span(grown.y, grown.bottom(), self.origin.1, self.rows);
        let mut n = 0;
        for r in r0..=r1.max(r0) {
            for c in c0..=c1.max(c0) {
                let Some(cell) = self.cells.get(r * self.columns + c) else { continue };
                n += cell
                    .iter()
                    .filter(|(x, y)| *x >= grown.x && *x <= grown.right() && *y >= grown.y && *y <= grown.bottom())
                    .count();
            }
        }
        n
    }
}

/// Places a `width` × `height` label next to `target` (an area's bounds):
/// above, below, left or right of it (`gap` away), or over its middle; the
/// first spot inside `within` (what is on screen) that covers no seat and
/// no label already `placed`, else the one that costs least. Returns the
/// label's box (its centre is where the text goes) and adds it to `placed`.
pub fn place_label(
    target: Rect,
    (width, height): (f64, f64),
    gap: f64,
    within: &Rect,
    obstacles: &Obstacles,
    placed: &mut Vec<Rect>,
) -> Rect {
    let (cx, cy) = target.centre();
    let at = |x: f64, y: f64| Rect { x: x - width / 2.0, y: y - height / 2.0, width, height };
    let candidates = [
        at(cx, target.y - gap - height / 2.0),
        at(cx, target.bottom() + gap + height / 2.0),
        at(target.x - gap - width / 2.0, cy),
        at(target.right() + gap + width / 2.0, cy),
        at(target.x + width / 2.0, target.y - gap - height / 2.0),
        at(target.right() - width / 2.0, target.y - gap - height / 2.0),
        at(cx, cy),
    ];
    let overlaps = |a: &Rect, b: &Rect| a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
    let outside =
        |r: &Rect| r.x < within.x || r.y < within.y || r.right() > within.right() || r.bottom() > within.bottom();
    let cost = |r: &Rect| {
        obstacles.count_in(r)
            + 1000 * placed.iter().filter(|p| overlaps(p, r)).count()
            + if outside(r) { 500 } else { 0 }
    };
    let mut best = candidates[0];
    let mut best_cost = usize::MAX;
    for candidate in candidates {
        let c = cost(&candidate);
        if c < best_cost {
            best = candidate;
            best_cost = c;
        }
        if c == 0 {
            break;
        }
    }
    placed.push(best);
    best
}

/// Space between a tooltip and its seat, and kept from the map's edges, px.
pub const TOOLTIP_GAP: f64 = 6.0;

/// Where a `size` tooltip goes for a seat at `anchor` (radius `radius`) in
/// a map of `map` size, all in screen px: its top-left corner. Above the
/// seat where it fits, else below, else on the roomier side pressed
/// inside; shifted sideways to stay off the edges. Never outside the map.
pub fn place_tooltip(anchor: (f64, f64), radius: f64, size: (f64, f64), map: (f64, f64)) -> (f64, f64) {
    let ((x, y), (w, h), (width, height)) = (anchor, size, map);
    let gap = TOOLTIP_GAP;
    let above = y - radius - gap - h;
    let below = y + radius + gap;
    let lowest = (height - gap - h).max(gap.min(height - h).max(0.0));
    let top = if above >= gap {
        above
    } else if below + h <= height - gap {
        below
    } else if y > height / 2.0 {
        above.max(gap.min(lowest)).min(lowest)
    } else {
        below.min(lowest)
    };
    let rightmost = (width - gap - w).max(gap.min(width - w).max(0.0));
    // `max`/`min`, not `f64::clamp`, which panics on NaN bounds.
    let left = (x - w / 2.0).max(gap.min(rightmost)).min(rightmost);
    (left, top)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn a_tooltip_goes_above_else_below_and_never_outside_the_map() {
        let map = (800.0, 600.0);
        let inside = |(l, t): (f64, f64), (w, h): (f64, f64)| l >= 0.0 && t >= 0.0 && l + w <= map.0 && t + h <= map.1;
        // Room above: centred over the seat.
        assert_eq!(place_tooltip((400.0, 300.0), 5.0, (200.0, 100.0), map), (300.0, 189.0));
        // Near the top (issue 11: the heading line was cut off): below the seat.
        assert_eq!(place_tooltip((400.0, 40.0), 5.0, (200.0, 100.0), map), (300.0, 51.0));
        // At the left and right edges: shifted inside.
        assert_eq!(place_tooltip((10.0, 300.0), 5.0, (200.0, 100.0), map).0, TOOLTIP_GAP);
        assert_eq!(place_tooltip((795.0, 300.0), 5.0, (200.0, 100.0), map).0, 800.0 - TOOLTIP_GAP - 200.0);
        // Everywhere on a grid, a tooltip that fits the map stays inside it.
        for x in (0..=800).step_by(50) {
            for y in (0..=600).step_by(50) {
                for size in [(200.0, 100.0), (260.0, 280.0), (120.0, 590.0)] {
                    let spot = place_tooltip((x as f64, y as f64), 8.0, size, map);
                    assert!(inside(spot, size), "{size:?} at ({x},{y}): {spot:?}");
                }
            }
        }
    }

    #[test]
    fn seats_are_counted_where_a_label_would_cover_them() {
        let plan = fixtures::plan();
        let obstacles = Obstacles::of_seats(&plan);
        // Row A of the Stalls: y 50, x 100..180.
        assert_eq!(obstacles.count_in(&Rect { x: 95.0, y: 45.0, width: 30.0, height: 10.0 }), 2);
        assert_eq!(obstacles.count_in(&Rect { x: 95.0, y: 0.0, width: 30.0, height: 10.0 }), 0);
        assert_eq!(obstacles.count_in(&Rect { x: -1e7, y: -1e7, width: 1.0, height: 1.0 }), 0, "far outside the grid");
    }

    #[test]
    fn a_label_goes_above_its_area_unless_seats_are_there() {
        let plan = fixtures::plan();
        let obstacles = Obstacles::of_seats(&plan);
        let mut placed = Vec::new();
        let stalls = plan.area(plan.area_by_id("STALLS").unwrap()).bounds.unwrap();
        let everywhere = Rect { x: -1e6, y: -1e6, width: 2e6, height: 2e6 };
        let label = place_label(stalls, (60.0, 12.0), 4.0, &everywhere, &obstacles, &mut placed);
        assert!(label.bottom() <= stalls.y, "above: {label:?} over {stalls:?}");
        // A second label wanting the same spot goes elsewhere.
        let again = place_label(stalls, (60.0, 12.0), 4.0, &everywhere, &obstacles, &mut placed);
        assert_ne!(again, label);
        assert_eq!(obstacles.count_in(&again), 0);
        // A target with seats right above it: the label moves below.
        let row_b = Rect { x: 100.0, y: 62.0, width: 40.0, height: 16.0 };
        let below = place_label(row_b, (30.0, 8.0), 2.0, &everywhere, &obstacles, &mut Vec::new());
        assert_eq!(obstacles.count_in(&below), 0, "{below:?}");
        assert!(below.y >= row_b.bottom());
        // Off the screen's top edge: a spot on screen is preferred.
        let screen = Rect { x: 0.0, y: 35.0, width: 600.0, height: 600.0 };
        let kept_in = place_label(stalls, (60.0, 12.0), 4.0, &screen, &obstacles, &mut Vec::new());
        assert!(kept_in.y >= screen.y, "{kept_in:?}");
    }
}
