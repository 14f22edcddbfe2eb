//! The seat → stretch index ([`RowIndex`]) built once per plan, and
//! [`build_stretches`], which cuts rows into stretches from Spektrix's
//! `nextSeatId` / `nextIsAcrossAisle` links.

use super::{SeatIndex, Stretch};

/// Where a seat sits: which stretch, and its position (0 = first) in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    /// Index into [`RowIndex::stretches`].
    pub stretch: u32,
    /// Position in that stretch's `seats`.
    pub pos: u32,
}

const NOWHERE: Loc = Loc { stretch: u32::MAX, pos: u32::MAX };

/// The plan's stretches plus an O(1) lookup from a seat to its [`Loc`].
/// Build it once when the plan loads; it does not depend on availability.
#[derive(Clone, Debug, Default)]
pub struct RowIndex {
    stretches: Vec<Stretch>,
    locs: Vec<Loc>,
}

impl RowIndex {
    /// Indexes `stretches`. A seat listed in more than one stretch keeps its
    /// first place (the later mention is ignored by lookups).
    pub fn new(stretches: Vec<Stretch>) -> Self {
        let len = stretches.iter().flat_map(|s| s.seats.iter()).map(|s| s.0 as usize + 1).max().unwrap_or(0);
        let mut locs = vec![NOWHERE; len];
        for (si, st) in stretches.iter().enumerate() {
            for (pos, seat) in st.seats.iter().enumerate() {
                let slot = &mut locs[seat.0 as usize];
                if *slot == NOWHERE {
                    *slot = Loc { stretch: si as u32, pos: pos as u32 };
                }
            }
        }
        RowIndex { stretches, locs }
    }

    /// Where `seat` is, or `None` if it is in no stretch.
    pub fn locate(&self, seat: SeatIndex) -> Option<Loc> {
        self.locs.get(seat.0 as usize).copied().filter(|l| *l != NOWHERE)
    }

    /// All stretches, in the order given.
    pub fn stretches(&self) -> &[Stretch] {
        &self.stretches
    }

    /// One stretch by number.
    pub fn stretch(&self, ix: u32) -> Option<&Stretch> {
        self.stretches.get(ix as usize)
    }
}

/// The row links of one seat, as the plan gives them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct SeatLinks {
    /// `nextSeatId`, already resolved to an index (`None` at the row end or if
    /// the id names no known seat).
    pub next: Option<SeatIndex>,
    /// `nextIsAcrossAisle`: the next seat is beyond an aisle, so the stretch
    /// ends here.
    pub next_across_aisle: bool,
}

/// Cuts the plan into stretches. `links[i]` describes seat `SeatIndex(i)`.
///
/// A stretch starts at every seat that no other seat links to as its
/// non-aisle `next`, and follows `next` until a row end, an aisle, a seat
/// already placed, or a link out of range. Seats left over (only possible
/// with cyclic links) start stretches of their own. Every seat ends up in
/// exactly one stretch; stretches come out in index order of their first
/// seat (leftovers last). `previousSeatId` is not needed (it mirrors `next`).
pub fn build_stretches(links: &[SeatLinks]) -> Vec<Stretch> {
    let n = links.len();
    let next_of = |i: usize| -> Option<usize> {
        let l = links[i];
        match l.next {
            Some(s) if !l.next_across_aisle && (s.0 as usize) < n && s.0 as usize != i => Some(s.0 as usize),
            _ => None,
        }
    };
    let mut has_pred = vec![false; n];
    for i in 0..n {
        if let Some(j) = next_of(i) {
            has_pred[j] = true;
        }
    }
    let mut placed = vec![false; n];
    let mut out = Vec::new();
    let mut walk = |start: usize, placed: &mut Vec<bool>| {
        let mut seats = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if placed[i] {
                break;
            }
            placed[i] = true;
            seats.push(SeatIndex(i as u32));
            at = next_of(i);
        }
        out.push(Stretch { seats });
    };
    for i in 0..n {
        if !has_pred[i] && !placed[i] {
            walk(i, &mut placed);
        }
    }
    for i in 0..n {
        if !placed[i] {
            walk(i, &mut placed);
        }
    }
    out
}
