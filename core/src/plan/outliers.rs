//! Seats far outside the bulk of their area (or of the whole plan).
//!
//! One seat at `x: 1e9` must not fit the view to itself and shrink every
//! other seat to a dot. Bounds are taken from quantiles, which one bad seat
//! cannot move: a seat further than [`REACH`] spreads beyond the 10th–90th
//! percentile range of its area (and of the plan) is an outlier. It is still
//! drawn and can be chosen; it is only left out of the fit.

use super::Seat;
use crate::rules::SeatIndex;

/// How many inter-quantile spreads beyond the bulk a seat may sit.
const REACH: f64 = 1.5;

/// Areas with fewer seats than this are judged only against the whole plan.
const MIN_SEATS: usize = 8;

/// The seats to leave out of the fit.
pub(super) fn far_from_the_bulk(seats: &[Seat], area_count: usize, pitch: f64) -> Vec<SeatIndex> {
    let mut far = vec![false; seats.len()];
    let everyone: Vec<usize> = (0..seats.len()).collect();
    mark(seats, &everyone, pitch, &mut far);
    let mut by_area: Vec<Vec<usize>> = vec![Vec::new(); area_count];
    for (i, s) in seats.iter().enumerate() {
        if let Some(list) = by_area.get_mut(s.area.0 as usize) {
            list.push(i);
        }
    }
    for members in by_area.iter().filter(|m| m.len() >= MIN_SEATS) {
        mark(seats, members, pitch, &mut far);
    }
    far.iter().enumerate().filter(|(_, f)| **f).map(|(i, _)| SeatIndex(i as u32)).collect()
}

fn mark(seats: &[Seat], members: &[usize], pitch: f64, far: &mut [bool]) {
    if members.len() < MIN_SEATS {
        return;
    }
    for axis in [|s: &Seat| s.x, |s: &Seat| s.y] {
        let mut values: Vec<f64> = members.iter().map(|i| axis(&seats[*i])).collect();
        crate::sorting::sort_by(&mut values, f64::total_cmp);
        let at = |q: f64| values[((values.len() - 1) as f64 * q).round() as usize];
        let (low, high) = (at(0.1), at(0.9));
        let spread = (high - low).max(pitch * 4.0);
        let (min, max) = (low - REACH * spread, high + REACH * spread);
        for i in members {
            let v = axis(&seats[*i]);
            if v < min || v > max {
                far[*i] = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::AreaIndex;

    fn seat(x: f64, y: f64) -> Seat {
        Seat {
            id: "s".into(),
            name: "".into(),
            row: "".into(),
            number: "".into(),
            x,
            y,
            area: AreaIndex(0),
            prev: None,
            next: None,
            prev_across_aisle: false,
            next_across_aisle: false,
            tab_order: None,
        }
    }

    #[test]
    fn one_far_seat_is_found_and_the_bulk_is_not() {
        let mut seats: Vec<Seat> = (0..200).map(|i| seat((i % 20) as f64 * 20.0, (i / 20) as f64 * 20.0)).collect();
        seats.push(seat(1.0e9, 10.0));
        assert_eq!(far_from_the_bulk(&seats, 1, 20.0), vec![SeatIndex(200)]);
    }

    #[test]
    fn two_blocks_far_apart_in_one_area_are_both_kept() {
        let mut seats: Vec<Seat> = (0..40).map(|i| seat(i as f64 * 20.0, 0.0)).collect();
        seats.extend((0..40).map(|i| seat(5_000.0 + i as f64 * 20.0, 0.0)));
        assert!(far_from_the_bulk(&seats, 1, 20.0).is_empty());
    }

    #[test]
    fn small_plans_are_left_alone() {
        let seats = vec![seat(0.0, 0.0), seat(1.0e8, 0.0)];
        assert!(far_from_the_bulk(&seats, 1, 20.0).is_empty());
    }
}
