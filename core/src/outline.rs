//! Each area as one shape, for the map's overview: the outline of its
//! seats (their convex hull, grown by a little more than a seat's radius so
//! the shape covers the seats rather than running through their centres)
//! and the point to label it at.
//!
//! A convex hull is exact for straight blocks; for curved rows it fills the
//! inside of the curve, which for the sandbox's arena blocks is less than a
//! row deep (a 22.5° block at radius 900: 17 units against a 26 unit row).

use crate::number::fixed;
use crate::plan::{AreaIndex, Plan};

/// One area's shape.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaShape {
    /// The area.
    pub area: AreaIndex,
    /// Its outline, counter-clockwise on screen, in plan units.
    pub outline: Vec<(f64, f64)>,
    /// Where to put its label (the outline's centroid).
    pub centre: (f64, f64),
    /// How many seats it holds.
    pub seats: u32,
}

/// The shapes of every area that holds seats itself, in plan order.
/// Seats far outside their area ([`Plan::outliers`]) are left out.
pub fn area_shapes(plan: &Plan) -> Vec<AreaShape> {
    let mut points: Vec<Vec<(f64, f64)>> = vec![Vec::new(); plan.areas.len()];
    let mut outlier = vec![false; plan.seat_count()];
    for o in &plan.outliers {
        outlier[o.0 as usize] = true;
    }
    for (seat, far) in plan.seats.iter().zip(outlier) {
        if !far {
            points[seat.area.0 as usize].push((seat.x, seat.y));
        }
    }
    let grow = plan.seat_pitch * 0.6;
    points
        .into_iter()
        .enumerate()
        .filter(|(_, p)| !p.is_empty())
        .map(|(i, p)| {
            let seats = p.len() as u32;
            let outline = grown_hull(p, grow);
            let centre = centroid(&outline);
            AreaShape { area: AreaIndex(i as u32), outline, centre, seats }
        })
        .collect()
}

/// The hull of the points, each replaced by an octagon of radius `grow`
/// (only the hull's corners need it: the rest lie inside).
fn grown_hull(points: Vec<(f64, f64)>, grow: f64) -> Vec<(f64, f64)> {
    let corners = hull(points);
    let mut around = Vec::with_capacity(corners.len() * 8);
    // The octagon's sides touch the circle of radius `grow`.
    let r = grow / COS_PI_8;
    for (x, y) in corners {
        for (cos, sin) in OCTAGON {
            around.push((x + r * cos, y + r * sin));
        }
    }
    hull(around)
}

/// `cos(π/8)`.
const COS_PI_8: f64 = 0.9238795325112867;

/// `(cos a, sin a)` for the octagon's corners, `a = π/4 · k + π/8`, exactly
/// as libm computes them from those `f64` angles (a test checks it): written
/// out so the wasm carries no trigonometry (its argument reduction alone was
/// 5 KB, issue 13).
const OCTAGON: [(f64, f64); 8] = [
    (0.9238795325112867, 0.3826834323650898),
    (0.38268343236508984, 0.9238795325112867),
    (-0.3826834323650897, 0.9238795325112867),
    (-0.9238795325112867, 0.3826834323650899),
    (-0.9238795325112868, -0.38268343236508967),
    (-0.38268343236509034, -0.9238795325112865),
    (0.38268343236509, -0.9238795325112866),
    (0.9238795325112865, -0.3826834323650904),
];

/// Convex hull (Andrew's monotone chain), without collinear points.
fn hull(mut points: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    crate::sorting::sort_by(&mut points, |a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    points.dedup();
    if points.len() < 3 {
        return points;
    }
    fn push(out: &mut Vec<(f64, f64)>, start: usize, p: (f64, f64)) {
        let cross = |o: (f64, f64), a: (f64, f64), b: (f64, f64)| (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0);
        while out.len() >= start + 2 && cross(out[out.len() - 2], out[out.len() - 1], p) <= 0.0 {
            out.pop();
        }
        out.push(p);
    }
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(points.len() + 1);
    for &p in &points {
        push(&mut out, 0, p);
    }
    out.pop();
    let upper = out.len();
    for &p in points.iter().rev() {
        push(&mut out, upper, p);
    }
    out.pop();
    out
}

/// The centroid of a polygon (its corners' mean when it has no area).
fn centroid(polygon: &[(f64, f64)]) -> (f64, f64) {
    let n = polygon.len();
    if n == 0 {
        return (0.0, 0.0);
    }
    let (mut area, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (a, b) = (polygon[i], polygon[(i + 1) % n]);
        let w = a.0 * b.1 - b.0 * a.1;
        area += w;
        cx += (a.0 + b.0) * w;
        cy += (a.1 + b.1) * w;
    }
    if area.abs() < 1e-9 {
        let (sx, sy) = polygon.iter().fold((0.0, 0.0), |s, p| (s.0 + p.0, s.1 + p.1));
        return (sx / n as f64, sy / n as f64);
    }
    (cx / (3.0 * area), cy / (3.0 * area))
}

/// An outline as an SVG path (`M x,y L … Z`), to a tenth of a unit.
pub fn outline_path(outline: &[(f64, f64)]) -> String {
    let mut d = String::with_capacity(outline.len() * 14);
    for (i, (x, y)) in outline.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        d.push_str(&fixed(*x, 1));
        d.push(',');
        d.push_str(&fixed(*y, 1));
    }
    d.push('Z');
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn the_octagon_is_the_trigonometry_it_replaces() {
        use std::f64::consts::{FRAC_PI_4, FRAC_PI_8};
        assert_eq!(COS_PI_8.to_bits(), FRAC_PI_8.cos().to_bits());
        for (k, (cos, sin)) in OCTAGON.into_iter().enumerate() {
            let angle = FRAC_PI_4 * k as f64 + FRAC_PI_8;
            assert_eq!((cos.to_bits(), sin.to_bits()), (angle.cos().to_bits(), angle.sin().to_bits()), "corner {k}");
        }
    }

    fn inside(polygon: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
        // Counter-clockwise (in y-down screen terms the cross products are all ≥ 0).
        (0..polygon.len()).all(|i| {
            let (a, b) = (polygon[i], polygon[(i + 1) % polygon.len()]);
            (b.0 - a.0) * (y - a.1) - (b.1 - a.1) * (x - a.0) >= -1e-9
        })
    }

    #[test]
    fn every_area_with_seats_gets_a_shape_that_covers_its_seats() {
        let plan = fixtures::plan();
        let shapes = area_shapes(&plan);
        let names: Vec<&str> = shapes.iter().map(|s| &*plan.area(s.area).name).collect();
        assert_eq!(names, vec!["Stalls", "Circle"], "containers and standing blocks have none");
        for shape in &shapes {
            for seat in plan.seats.iter().filter(|s| s.area == shape.area) {
                let r = plan.seat_pitch * 0.42;
                for corner in [(seat.x - r, seat.y), (seat.x + r, seat.y), (seat.x, seat.y - r), (seat.x, seat.y + r)] {
                    assert!(
                        inside(&shape.outline, corner),
                        "{corner:?} of seat {} inside {:?}",
                        seat.id,
                        shape.outline
                    );
                }
            }
            assert!(inside(&shape.outline, shape.centre));
        }
        assert_eq!(shapes[0].seats, 7);
    }

    #[test]
    fn one_seat_or_one_row_still_makes_a_shape() {
        assert_eq!(hull(vec![(1.0, 1.0)]), vec![(1.0, 1.0)]);
        let row = grown_hull(vec![(0.0, 0.0), (10.0, 0.0), (20.0, 0.0)], 2.0);
        assert!(row.len() >= 4 && inside(&row, (10.0, 1.5)) && inside(&row, (-1.9, 0.0)));
        let dot = grown_hull(vec![(5.0, 5.0)], 2.0);
        assert_eq!(dot.len(), 8);
        assert!(inside(&dot, (5.0, 5.0)));
    }

    #[test]
    fn the_path_is_the_outline_written_out() {
        assert_eq!(outline_path(&[(0.0, 0.0), (10.25, 0.0), (5.0, 8.0)]), "M0,0L10.3,0L5,8Z");
    }
}
