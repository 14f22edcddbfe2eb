//! Sorting through one shared sort, to keep the wasm small.
//!
//! The standard library's sorts are generic over the element and the
//! comparison, so every call site with its own type or closure compiled to its
//! own copy of the sort (2–6 KB each; about 40 KB of the widget's wasm in all,
//! issue 13). Here every sort orders *positions* (`u32`) through a comparison
//! behind a `dyn` reference, which compiles once, and then moves the elements
//! into that order; what stays per call site is two small closures.
//!
//! The sort is stable, so it gives the same order as `sort_by` everywhere and
//! one of the orders `sort_unstable_by` may give (the same one whenever equal
//! elements are indistinguishable, as for numbers and indices).

use std::cmp::Ordering;

/// Sorts `items` by `compare`, stably.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    apply(order, &mut |a, b| items.swap(a, b));
}

/// Sorts `items` in their natural order, stably.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..count` ordered by `compare`: element `i` of the answer
/// is the position of the element that belongs at `i`.
#[inline(never)]
fn sorted_positions(count: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<u32> {
    let mut order: Vec<u32> = (0..count as u32).collect();
    order.sort_by(|a, b| compare(*a as usize, *b as usize));
    order
}

/// Rearranges elements so that position `i` holds what was at `order[i]`,
/// following each cycle of the permutation with `swap` (no copies, no bounds
/// on the element type).
#[inline(never)]
fn apply(mut order: Vec<u32>, swap: &mut dyn FnMut(usize, usize)) {
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at] as usize;
            order[at] = DONE;
            if from == start {
                break;
            }
            swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        // Pairs compared by their first half only: equal keys keep their order.
        let mut state = 0x2545_f491_u32;
        for len in [0usize, 1, 2, 3, 7, 20, 33, 200, 1000] {
            let items: Vec<(u8, u32)> = (0..len as u32)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    ((state % 7) as u8, i)
                })
                .collect();
            let mut ours = items.clone();
            let mut theirs = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            theirs.sort_by_key(|a| a.0);
            assert_eq!(ours, theirs, "length {len}");
        }
    }

    #[test]
    fn sorts_owned_values_in_natural_order() {
        let mut names = vec!["Stalls".to_owned(), "Circle".to_owned(), "Box A".to_owned(), "Circle".to_owned()];
        sort(&mut names);
        assert_eq!(names, ["Box A", "Circle", "Circle", "Stalls"]);
        let mut numbers = vec![5u32, 3, 9, 1, 3];
        sort(&mut numbers);
        assert_eq!(numbers, [1, 3, 3, 5, 9]);
    }
}
