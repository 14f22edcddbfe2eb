//! The together rule (`contiguous_seat_selection_only`): all chosen seats are
//! consecutive positions of one stretch.

use super::{RowIndex, SeatIndex};

/// Whether `selection` is one run of consecutive positions in one stretch.
/// An empty or one-seat selection is together; a seat in no stretch is never
/// together with another seat. Duplicates are ignored. A wheelchair space or
/// other-band seat in the gap breaks the run unless it is selected too.
pub fn is_together(rows: &RowIndex, selection: &[SeatIndex]) -> bool {
    let mut seats: Vec<SeatIndex> = selection.to_vec();
    crate::sorting::sort(&mut seats);
    seats.dedup();
    if seats.len() <= 1 {
        return true;
    }
    let mut stretch = None;
    let (mut lo, mut hi) = (u32::MAX, 0u32);
    for s in &seats {
        let Some(loc) = rows.locate(*s) else {
            return false;
        };
        if *stretch.get_or_insert(loc.stretch) != loc.stretch {
            return false;
        }
        lo = lo.min(loc.pos);
        hi = hi.max(loc.pos);
    }
    (hi - lo) as usize + 1 == seats.len()
}
