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
        let (low, high) = deciles(&mut values);
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

/// The 10th and 90th percentiles (the values a sort would put at those
/// places), found by selection: two linear passes instead of a sort of
/// every seat per axis, per area and for the plan (the sort was ~3 % of
/// the arena's first paint, profiled). Reorders `values`.
fn deciles(values: &mut [f64]) -> (f64, f64) {
    let place = |q: f64| ((values.len() - 1) as f64 * q).round() as usize;
    let (low_at, high_at) = (place(0.1), place(0.9));
    let (_, low, above) = values.select_nth_unstable_by(low_at, f64::total_cmp);
    let low = *low;
    let high =
        if high_at == low_at { low } else { *above.select_nth_unstable_by(high_at - low_at - 1, f64::total_cmp).1 };
    (low, high)
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
    fn deciles_are_what_a_sort_puts_there() {
        let mut state = 0x2545_f491_u32;
        for len in [1usize, 2, 3, 8, 9, 10, 11, 57, 1000] {
            let values: Vec<f64> = (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    f64::from(state % 50) - 20.0
                })
                .collect();
            let mut sorted = values.clone();
            sorted.sort_by(f64::total_cmp);
            let at = |q: f64| sorted[((len - 1) as f64 * q).round() as usize];
            assert_eq!(deciles(&mut values.clone()), (at(0.1), at(0.9)), "length {len}");
        }
    }

    #[test]
    fn small_plans_are_left_alone() {
        let seats = vec![seat(0.0, 0.0), seat(1.0e8, 0.0)];
        assert!(far_from_the_bulk(&seats, 1, 20.0).is_empty());
    }
}
