//! The no-stranded-single rule (Ingresso's `can_leave_singles = false`) and
//! its one-click fix.
//!
//! Within one stretch, a *single* is an ordinary empty seat whose two
//! neighbours are each occupied (taken or selected) or a stretch end. An empty
//! wheelchair space is never a single and counts as free beside a seat. A
//! single is the customer's fault only if it is *new*: not a single before
//! the selection (selected seats read as empty). A stretch is flagged when its
//! selected seats make a new single and some other placement of as many
//! selected seats in that stretch (other cells unchanged) makes none; the fix
//! is the cheapest such placement (total shift, matching seats in order),
//! looking first at runs of consecutive seats when the seats were together or
//! the together rule is on.

use super::{Cell, Fix, Problem, RowIndex, SeatIndex};

/// Most states the placement search may hold (each a cost and a back
/// pointer): about 40 MB at the limit; a 2,500-seat stretch with 100 seats
/// chosen fits, a 20,000-seat one does not (then only a window fix is sought).
const MAX_SEARCH_STATES: usize = 2_000_000;

/// The outcome of the placement search.
enum Search {
    /// The cheapest placement that leaves no new single.
    Found(Vec<usize>),
    /// Every placement leaves a new single.
    NoneAvoids,
    /// The stretch is too long for the search.
    TooLarge,
}

/// A position as the singles rule sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// An ordinary empty seat (a possible single).
    Empty,
    /// An empty wheelchair space: free, never a single.
    Space,
    /// Taken or selected.
    Occ,
}

/// One stretch prepared for the rule.
struct View {
    /// The state before the selection (selected seats are free again).
    base: Vec<Kind>,
    /// Positions that may hold a selected seat: empty seats and the seats
    /// selected now.
    movable: Vec<bool>,
    /// Singles that exist before the selection (never the customer's fault).
    before_single: Vec<bool>,
    /// Positions selected now, ascending.
    chosen: Vec<usize>,
}

fn occ_or_end(kinds: &[Kind], i: Option<usize>) -> bool {
    match i {
        None => true,
        Some(i) => kinds.get(i).is_none_or(|k| *k == Kind::Occ),
    }
}

fn is_single(kinds: &[Kind], i: usize) -> bool {
    kinds[i] == Kind::Empty && occ_or_end(kinds, i.checked_sub(1)) && occ_or_end(kinds, Some(i + 1))
}

impl View {
    fn new(base: Vec<Kind>, movable: Vec<bool>, chosen: Vec<usize>) -> Self {
        let before_single = (0..base.len()).map(|i| is_single(&base, i)).collect();
        View { base, movable, before_single, chosen }
    }

    /// The new singles left by selecting exactly `placement` (ascending).
    fn new_singles(&self, placement: &[usize]) -> Vec<usize> {
        let mut after = self.base.clone();
        for &p in placement {
            after[p] = Kind::Occ;
        }
        (0..after.len()).filter(|&i| !self.before_single[i] && is_single(&after, i)).collect()
    }

    /// Whether the current seats are consecutive positions.
    fn together(&self) -> bool {
        match (self.chosen.first(), self.chosen.last()) {
            (Some(a), Some(b)) => b - a + 1 == self.chosen.len(),
            _ => true,
        }
    }

    /// Whether occupying the run `start..start + k` (all movable) leaves a
    /// new single. The run's own positions are free in `base`, so only the
    /// two positions just outside it can become singles: O(1), not O(n).
    fn window_strands(&self, start: usize, k: usize) -> bool {
        let n = self.base.len();
        let occupied = |i: Option<usize>| i.is_none_or(|i| i >= n || self.base[i] == Kind::Occ);
        let lone =
            |i: usize, outer: Option<usize>| self.base[i] == Kind::Empty && !self.before_single[i] && occupied(outer);
        let left = start.checked_sub(1).is_some_and(|l| lone(l, l.checked_sub(1)));
        let end = start + k;
        left || (end < n && lone(end, Some(end + 1)))
    }

    /// The cheapest run of consecutive movable positions leaving no new
    /// single (ties: leftmost). O(n·k) time, O(k) memory.
    fn best_window(&self) -> Option<Vec<usize>> {
        let (n, k) = (self.base.len(), self.chosen.len());
        let mut best: Option<(usize, usize)> = None;
        // Length of the run of movable positions ending at each position.
        let mut movable_run = 0;
        for end in 0..n {
            movable_run = if self.movable[end] { movable_run + 1 } else { 0 };
            if movable_run < k || k == 0 {
                continue;
            }
            let start = end + 1 - k;
            let cost: usize = self.chosen.iter().enumerate().map(|(i, c)| c.abs_diff(start + i)).sum();
            if best.is_some_and(|(c, _)| c <= cost) {
                continue;
            }
            if !self.window_strands(start, k) {
                best = Some((cost, start));
            }
        }
        best.map(|(_, start)| (start..start + k).collect())
    }

    /// The cheapest placement of `chosen.len()` seats on movable positions
    /// leaving no new single (ties: fewer separate groups), by dynamic
    /// programming over positions with the state (seats placed so far, what
    /// the previous position holds, whether the one before it is occupied or
    /// the end). [`Search::TooLarge`] when the table would exceed
    /// [`MAX_SEARCH_STATES`] (a very long stretch with many seats chosen).
    fn best_placement(&self) -> Search {
        let (n, k) = (self.base.len(), self.chosen.len());
        if (n + 1).saturating_mul(k + 1).saturating_mul(8) > MAX_SEARCH_STATES {
            return Search::TooLarge;
        }
        match self.search() {
            Some(p) => Search::Found(p),
            None => Search::NoneAvoids,
        }
    }

    fn search(&self) -> Option<Vec<usize>> {
        // What a position holds in a placement.
        const EMPTY: usize = 0;
        const SPACE: usize = 1;
        const TAKEN: usize = 2;
        const PLACED: usize = 3;
        const STATES: usize = 8; // previous holds (4) × prev-prev occupied (2)
        const INF: u32 = u32::MAX;
        let (n, k) = (self.base.len(), self.chosen.len());
        let at = |i: usize, j: usize, st: usize| (i * (k + 1) + j) * STATES + st;
        let occupied = |h: usize| h >= TAKEN;
        // Shift weighs more than any number of extra groups (< k + 1).
        let weight = k + 1;
        // Costs fit u32 within the size limit (shift ≤ n·k, times k + 1);
        // each state's back pointer is one byte: previous state × 2 + placed.
        let mut dp = vec![INF; (n + 1) * (k + 1) * STATES];
        let mut parent = vec![0u8; dp.len()];
        // Before position 0 the "previous" is the stretch end (occupied).
        dp[at(0, 0, TAKEN * 2 + 1)] = 0;
        for i in 0..n {
            let base = match self.base[i] {
                Kind::Empty => EMPTY,
                Kind::Space => SPACE,
                Kind::Occ => TAKEN,
            };
            for j in 0..=k {
                for st in 0..STATES {
                    let cur = dp[at(i, j, st)];
                    if cur == INF {
                        continue;
                    }
                    let (prev, pp_occ) = (st / 2, st % 2 == 1);
                    let place_too = self.movable[i] && j < k;
                    for (holds, place) in [(base, false), (PLACED, true)] {
                        if place && !place_too {
                            continue;
                        }
                        // Would position i - 1 become a new single?
                        if i > 0 && prev == EMPTY && pp_occ && occupied(holds) && !self.before_single[i - 1] {
                            continue;
                        }
                        let (nj, add) = if place {
                            let new_group = j > 0 && prev != PLACED;
                            let shift = self.chosen[j].abs_diff(i);
                            let add = (shift * weight + usize::from(new_group)).min(u32::MAX as usize / 2) as u32;
                            (j + 1, add)
                        } else {
                            (j, 0)
                        };
                        let slot = at(i + 1, nj, holds * 2 + usize::from(occupied(prev)));
                        let cost = cur.saturating_add(add);
                        if cost < dp[slot] {
                            dp[slot] = cost;
                            parent[slot] = (st as u8) << 1 | u8::from(place);
                        }
                    }
                }
            }
        }
        // The last position must not be a new single against the end.
        let end = (0..STATES)
            .filter(|&st| {
                let (prev, pp_occ) = (st / 2, st % 2 == 1);
                n == 0 || !(prev == EMPTY && pp_occ && !self.before_single[n - 1])
            })
            .filter(|&st| dp[at(n, k, st)] != INF)
            .min_by_key(|&st| dp[at(n, k, st)])?;
        let mut placement = Vec::with_capacity(k);
        let (mut st, mut j) = (end, k);
        for i in (0..n).rev() {
            let back = parent[at(i + 1, j, st)];
            let (pst, placed) = ((back >> 1) as usize, back & 1 == 1);
            if placed {
                placement.push(i);
                j -= 1;
            }
            st = pst;
        }
        placement.reverse();
        Some(placement)
    }

    /// The new singles to report (empty if none or unavoidable) and, when
    /// reporting, the placement that fixes them.
    fn analyse(&self, prefer_together: bool) -> (Vec<usize>, Option<Vec<usize>>) {
        let stranded = self.new_singles(&self.chosen);
        if stranded.is_empty() {
            return (stranded, None);
        }
        let window = if prefer_together || self.together() { self.best_window() } else { None };
        if let Some(fix) = window {
            return (stranded, Some(fix));
        }
        match self.best_placement() {
            Search::Found(fix) => (stranded, Some(fix)),
            // No placement avoids a single: not the customer's fault.
            Search::NoneAvoids => (Vec::new(), None),
            // Too large to search in bounded memory: said, without a one-click fix.
            Search::TooLarge => (stranded, self.best_window()),
        }
    }
}

/// The stranded-single problems of `selection`, stretch by stretch, in plan
/// order. Only stretches holding selected seats are read.
pub(super) fn stranded_singles(
    rows: &RowIndex,
    cell: &impl Fn(SeatIndex) -> Cell,
    selection: &[SeatIndex],
    prefer_together: bool,
) -> Vec<Problem> {
    let mut located: Vec<(u32, usize)> =
        selection.iter().filter_map(|s| rows.locate(*s)).map(|l| (l.stretch, l.pos as usize)).collect();
    crate::sorting::sort(&mut located);
    located.dedup();
    let mut problems = Vec::new();
    for group in located.chunk_by(|a, b| a.0 == b.0) {
        let Some(stretch) = rows.stretch(group[0].0) else {
            continue;
        };
        let seats = &stretch.seats;
        let chosen: Vec<usize> = group.iter().map(|g| g.1).collect();
        let mut base = Vec::with_capacity(seats.len());
        let mut movable = Vec::with_capacity(seats.len());
        let mut next_chosen = chosen.iter().peekable();
        for (pos, seat) in seats.iter().enumerate() {
            let selected = next_chosen.next_if(|&&c| c == pos).is_some();
            let (kind, can_move) = match (cell(*seat), selected) {
                (Cell::Space, true) => (Kind::Space, true),
                (_, true) => (Kind::Empty, true),
                (Cell::Empty, false) => (Kind::Empty, true),
                (Cell::Space, false) => (Kind::Space, false),
                (Cell::Taken | Cell::Selected, false) => (Kind::Occ, false),
            };
            base.push(kind);
            movable.push(can_move);
        }
        let view = View::new(base, movable, chosen);
        let (stranded, placement) = view.analyse(prefer_together);
        let fix = placement.map(|p| Fix {
            remove: view.chosen.iter().filter(|c| !p.contains(c)).map(|&c| seats[c]).collect(),
            add: p.iter().filter(|c| !view.chosen.contains(c)).map(|&c| seats[c]).collect(),
        });
        problems.extend(stranded.into_iter().map(|pos| Problem::StrandedSingle { seat: seats[pos], fix: fix.clone() }));
    }
    problems
}

/// Whether choosing the run `start..start + k` of a stretch of `len`
/// positions, whose state without the run is given by `free` (`Some(true)`
/// an ordinary empty seat, `Some(false)` an empty wheelchair space, `None`
/// occupied), leaves a new single. Every position of the run must be free.
/// Used by [`super::nearest_alternative`] to rank runs in O(1).
pub(super) fn run_strands(free: impl Fn(usize) -> Option<bool>, len: usize, start: usize, k: usize) -> bool {
    // The run's positions were free before, so only the two seats just
    // outside it can become singles, and neither was one before.
    let occupied = |i: Option<usize>| i.is_none_or(|i| i >= len || free(i).is_none());
    let lone = |i: usize, outer: Option<usize>| free(i) == Some(true) && occupied(outer);
    let left = start.checked_sub(1).is_some_and(|l| lone(l, l.checked_sub(1)));
    let end = start + k;
    let right = end < len && lone(end, Some(end + 1));
    left || right
}
