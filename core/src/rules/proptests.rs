//! Test-only: property tests of the singles rule against a brute-force
//! oracle, of its fixes, of `nearest_alternative` and of `build_stretches`.

use proptest::prelude::*;
use proptest::sample::Index;

use super::index::Loc;
use super::*;

/// A random plan: 1–3 stretches of 1–30 seats, each Taken, Empty or Space.
fn stretch_cells() -> impl Strategy<Value = Vec<Vec<Cell>>> {
    let cell = prop_oneof![
        5 => Just(Cell::Empty),
        3 => Just(Cell::Taken),
        1 => Just(Cell::Space),
    ];
    prop::collection::vec(prop::collection::vec(cell, 1..=30), 1..=3)
}

/// Lays stretches out as consecutive seat indices.
fn layout(cells: &[Vec<Cell>]) -> (RowIndex, Vec<Cell>) {
    let mut flat = Vec::new();
    let mut stretches = Vec::new();
    for row in cells {
        let start = flat.len() as u32;
        flat.extend(row.iter().copied());
        stretches.push(Stretch { seats: (start..flat.len() as u32).map(SeatIndex).collect() });
    }
    (RowIndex::new(stretches), flat)
}

/// What an exhaustive search says about one stretch (at most 30 seats, so
/// positions fit a `u32` mask).
struct Oracle {
    /// New singles of the current placement.
    current_new: u32,
    /// Least total shift over all placements leaving no new single.
    best_any: Option<usize>,
    /// Least total shift over runs of consecutive positions leaving none.
    best_run: Option<usize>,
}

fn oracle(cells: &[Cell], chosen: &[usize]) -> Oracle {
    let n = cells.len();
    let full = if n == 32 { u32::MAX } else { (1u32 << n) - 1 };
    let mask =
        |f: &dyn Fn(Cell) -> bool| cells.iter().enumerate().filter(|(_, c)| f(**c)).fold(0u32, |m, (i, _)| m | 1 << i);
    let empty = mask(&|c| c == Cell::Empty);
    let taken = mask(&|c| c == Cell::Taken);
    let singles = |placed: u32| {
        let occ = taken | placed;
        let free_seat = empty & !placed;
        free_seat & ((occ << 1) | 1) & ((occ >> 1) | (1 << (n - 1))) & full
    };
    let before = singles(0);
    let new_singles = |placed: u32| singles(placed) & !before;
    let current = chosen.iter().fold(0u32, |m, &p| m | 1 << p);
    let movable: Vec<usize> = (0..n).filter(|i| empty & (1 << i) != 0).collect();
    let k = chosen.len();
    let (mut best_any, mut best_run) = (None::<usize>, None::<usize>);
    // Every k-subset of movable positions, ascending, with its shift cost.
    fn walk(movable: &[usize], from: usize, picked: &mut Vec<usize>, k: usize, visit: &mut dyn FnMut(&[usize])) {
        if picked.len() == k {
            visit(picked);
            return;
        }
        for i in from..movable.len() {
            if movable.len() - i < k - picked.len() {
                break;
            }
            picked.push(movable[i]);
            walk(movable, i + 1, picked, k, visit);
            picked.pop();
        }
    }
    walk(&movable, 0, &mut Vec::new(), k, &mut |placement| {
        let m = placement.iter().fold(0u32, |m, &p| m | 1 << p);
        if new_singles(m) != 0 {
            return;
        }
        let cost: usize = chosen.iter().zip(placement).map(|(a, b)| a.abs_diff(*b)).sum();
        best_any = Some(best_any.map_or(cost, |b| b.min(cost)));
        if placement[k - 1] - placement[0] + 1 == k {
            best_run = Some(best_run.map_or(cost, |b| b.min(cost)));
        }
    });
    Oracle { current_new: new_singles(current), best_any, best_run }
}

fn problems_in(verdict: &Verdict, stretch: &Stretch) -> Vec<(SeatIndex, Option<Fix>)> {
    verdict
        .problems
        .iter()
        .filter_map(|p| match p {
            Problem::StrandedSingle { seat, fix } if stretch.seats.contains(seat) => Some((*seat, fix.clone())),
            _ => None,
        })
        .collect()
}

proptest! {
    // No regression files: they would land outside this module's files.
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// `check` reports exactly the new singles of a stretch when some other
    /// placement avoids them (and nothing when none does); every fix is a
    /// same-size move within the stretch, is the cheapest such placement
    /// (a run first when the seats were together or must be), and applied
    /// leaves no single in that stretch.
    #[test]
    fn singles_match_exhaustive_search(
        cells in stretch_cells(),
        picks in prop::collection::vec(any::<Index>(), 1..=6),
        together in any::<bool>(),
    ) {
        let (rows, flat) = layout(&cells);
        let empties: Vec<SeatIndex> = (0..flat.len() as u32)
            .map(SeatIndex)
            .filter(|s| flat[s.0 as usize] == Cell::Empty)
            .collect();
        prop_assume!(!empties.is_empty());
        let mut selection: Vec<SeatIndex> = picks.iter().map(|i| *i.get(&empties)).collect();
        selection.sort_unstable();
        selection.dedup();
        let config = RuleConfig { singles: SinglesRule::Block, together, ..RuleConfig::default() };
        let cell = |s: SeatIndex| flat[s.0 as usize];
        let verdict = check(&rows, cell, &selection, Counts::default(), &config);

        for (si, stretch) in rows.stretches().iter().enumerate() {
            let chosen: Vec<usize> = stretch
                .seats
                .iter()
                .enumerate()
                .filter(|(_, s)| selection.contains(s))
                .map(|(p, _)| p)
                .collect();
            let reported = problems_in(&verdict, stretch);
            if chosen.is_empty() {
                prop_assert!(reported.is_empty());
                continue;
            }
            let o = oracle(&cells[si], &chosen);
            let expected: Vec<SeatIndex> = if o.best_any.is_some() {
                (0..stretch.seats.len())
                    .filter(|p| o.current_new & (1 << p) != 0)
                    .map(|p| stretch.seats[p])
                    .collect()
            } else {
                Vec::new()
            };
            let got: Vec<SeatIndex> = reported.iter().map(|r| r.0).collect();
            prop_assert_eq!(&got, &expected, "stretch {} chosen {:?}", si, chosen);
            let Some((_, fix)) = reported.first() else { continue };
            let fix = fix.clone().expect("check offers a fix with every single");
            for (_, other) in &reported {
                prop_assert_eq!(other.as_ref(), Some(&fix));
            }
            prop_assert_eq!(fix.remove.len(), fix.add.len());
            prop_assert!(fix.remove.iter().all(|s| selection.contains(s) && stretch.seats.contains(s)));
            prop_assert!(fix.add.iter().all(|s| !selection.contains(s)
                && stretch.seats.contains(s)
                && flat[s.0 as usize] == Cell::Empty));
            let applied = fix.apply(&selection);
            prop_assert_eq!(applied.len(), selection.len());
            let after = check(&rows, cell, &applied, Counts::default(), &config);
            prop_assert!(problems_in(&after, stretch).is_empty(), "after fix: {:?}", after);
            // Cheapest, preferring a run when together.
            let mut placed: Vec<usize> = stretch
                .seats
                .iter()
                .enumerate()
                .filter(|(_, s)| applied.contains(s))
                .map(|(p, _)| p)
                .collect();
            placed.sort_unstable();
            let cost: usize = chosen.iter().zip(&placed).map(|(a, b)| a.abs_diff(*b)).sum();
            let was_together = chosen[chosen.len() - 1] - chosen[0] + 1 == chosen.len();
            let want = if (together || was_together) && o.best_run.is_some() {
                prop_assert_eq!(placed[placed.len() - 1] - placed[0] + 1, placed.len());
                o.best_run
            } else {
                o.best_any
            };
            prop_assert_eq!(Some(cost), want);
        }
    }

    /// `nearest_alternative` returns exactly `count` usable seats, adjacent
    /// in one stretch; and returns None only if no such run exists.
    #[test]
    fn nearest_alternative_returns_a_usable_run(
        cells in stretch_cells(),
        extra_selected in prop::collection::vec(any::<Index>(), 0..4),
        original_picks in prop::collection::vec(any::<Index>(), 0..6),
        band_seed in prop::collection::vec(0u32..3, 90),
        count in 1usize..=6,
    ) {
        let (rows, mut flat) = layout(&cells);
        let all: Vec<SeatIndex> = (0..flat.len() as u32).map(SeatIndex).collect();
        let original: Vec<SeatIndex> = original_picks.iter().map(|i| *i.get(&all)).collect();
        for i in &extra_selected {
            let s = i.get(&all);
            if flat[s.0 as usize] == Cell::Empty {
                flat[s.0 as usize] = Cell::Selected;
            }
        }
        let usable = |s: SeatIndex| match flat[s.0 as usize] {
            Cell::Empty => true,
            Cell::Selected => original.contains(&s),
            _ => false,
        };
        let got = nearest_alternative(
            &rows,
            |s| flat[s.0 as usize],
            |s| (f64::from(s.0 % 7), f64::from(s.0 / 7)),
            |s| Some(band_seed[s.0 as usize % band_seed.len()]),
            &original,
            count,
        );
        let any_run = rows.stretches().iter().any(|st| {
            st.seats.windows(count).any(|w| w.iter().all(|s| usable(*s)))
        });
        match got {
            None => prop_assert!(!any_run),
            Some(seats) => {
                prop_assert_eq!(seats.len(), count);
                prop_assert!(seats.iter().all(|s| usable(*s)), "{:?}", seats);
                let locs: Vec<Loc> = seats.iter().map(|s| rows.locate(*s).expect("in a stretch")).collect();
                prop_assert!(locs.windows(2).all(|w| w[0].stretch == w[1].stretch && w[1].pos == w[0].pos + 1));
            }
        }
    }

    /// Every seat lands in exactly one stretch, and a stretch never crosses
    /// an aisle link.
    #[test]
    fn build_stretches_partitions_the_seats(
        raw in prop::collection::vec((prop::option::of(0u32..40), any::<bool>()), 0..40),
    ) {
        let links: Vec<SeatLinks> = raw
            .iter()
            .map(|(next, aisle)| SeatLinks { next: next.map(SeatIndex), next_across_aisle: *aisle })
            .collect();
        let stretches = build_stretches(&links);
        let mut seen: Vec<u32> = stretches.iter().flat_map(|s| s.seats.iter().map(|x| x.0)).collect();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..links.len() as u32).collect::<Vec<_>>());
        for st in &stretches {
            prop_assert!(!st.seats.is_empty());
            for w in st.seats.windows(2) {
                let l = links[w[0].0 as usize];
                prop_assert_eq!(l.next, Some(w[1]));
                prop_assert!(!l.next_across_aisle);
            }
        }
    }
}
