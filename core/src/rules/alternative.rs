//! [`nearest_alternative`]: after some chosen seats are lost (taken by someone
//! else before reaching the basket), find the closest run of as many seats
//! that can still be bought.

use super::singles::run_strands;
use super::{Cell, RowIndex, SeatIndex};

/// Finds `count` seats together (consecutive positions of one stretch) that
/// this customer can buy, closest to where `original` was.
///
/// - `original`: the selection before the loss (lost and kept seats). Its
///   seats that `cell` reports as [`Cell::Selected`] or [`Cell::Empty`] may be
///   reused; the result replaces the whole of `original`.
/// - Usable seats: [`Cell::Empty`], or [`Cell::Selected`] seats of
///   `original`. Wheelchair spaces and other selected seats are never used.
/// - Ranking, best first: every seat in a band of `original` (`band`; seats
///   with no band, or an `original` with no band, match anything); then runs
///   leaving no new single beside them; then the smallest distance between
///   the run's centre and the centre of `original` (`position`); ties go to
///   the earlier stretch, then the leftmost run.
/// - `count == 0` gives `Some(vec![])`; an empty `original` has no centre, so
///   the first acceptable run in plan order wins. `None` if no stretch has
///   `count` usable seats in a row.
///
/// Reads every stretch once: O(seats in the plan × `count`).
pub fn nearest_alternative(
    rows: &RowIndex,
    cell: impl Fn(SeatIndex) -> Cell,
    position: impl Fn(SeatIndex) -> (f64, f64),
    band: impl Fn(SeatIndex) -> Option<u32>,
    original: &[SeatIndex],
    count: usize,
) -> Option<Vec<SeatIndex>> {
    if count == 0 {
        return Some(Vec::new());
    }
    // A selection is a handful of seats: plain lists are enough.
    let mine: &[SeatIndex] = original;
    let bands: Vec<u32> = original.iter().filter_map(|s| band(*s)).collect();
    let centre = (!original.is_empty()).then(|| {
        let (sx, sy) = original.iter().fold((0.0, 0.0), |(x, y), s| {
            let (px, py) = position(*s);
            (x + px, y + py)
        });
        let n = original.len() as f64;
        (sx / n, sy / n)
    });
    // (band mismatch, strands, distance, stretch, start)
    let mut best: Option<(bool, bool, f64, usize, usize)> = None;
    for (si, stretch) in rows.stretches().iter().enumerate() {
        let seats = &stretch.seats;
        let len = seats.len();
        if len < count {
            continue;
        }
        // Some(true) ordinary free seat, Some(false) free wheelchair space,
        // None occupied; with the customer's own seats freed.
        let free: Vec<Option<bool>> = seats
            .iter()
            .map(|s| match cell(*s) {
                Cell::Empty => Some(true),
                Cell::Selected if mine.contains(s) => Some(true),
                Cell::Space => Some(false),
                Cell::Selected | Cell::Taken => None,
            })
            .collect();
        // Length of the run of usable seats ending at `i`.
        let mut run = 0usize;
        let mut pos: Vec<(f64, f64)> = vec![(0.0, 0.0); len];
        let mut off_band: Vec<bool> = vec![false; len];
        for i in 0..len {
            if free[i] != Some(true) {
                run = 0;
                continue;
            }
            run += 1;
            pos[i] = position(seats[i]);
            off_band[i] = !bands.is_empty() && band(seats[i]).is_some_and(|b| !bands.contains(&b));
            if run < count {
                continue;
            }
            let start = i + 1 - count;
            let window = start..=i;
            let off = window.clone().any(|j| off_band[j]);
            let sum = window.fold((0.0, 0.0), |(x, y), j| (x + pos[j].0, y + pos[j].1));
            let distance = centre.map_or(0.0, |(cx, cy)| {
                let k = count as f64;
                (sum.0 / k - cx).hypot(sum.1 / k - cy)
            });
            let strands = run_strands(|j| free[j], len, start, count);
            let key = (off, strands, distance, si, start);
            let better = match &best {
                None => true,
                Some(b) => (key.0, key.1).cmp(&(b.0, b.1)).then(key.2.total_cmp(&b.2)).is_lt(),
            };
            if better {
                best = Some(key);
            }
        }
    }
    best.map(|(_, _, _, si, start)| rows.stretches()[si].seats[start..start + count].to_vec())
}
