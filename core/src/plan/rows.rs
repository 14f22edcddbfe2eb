//! Rows as a buyer reads them: each area's seats grouped by row name, the
//! rows of an area in the order the plan lists them, and the seats of a row
//! left to right on screen (following the row's links, across aisles).
//!
//! Stretches ([`crate::rules::RowIndex`]) cut rows at aisles for the
//! selection rules; these rows do not: they are what Home/End walk along,
//! what PageUp/PageDown step between, what assistive technology hears as a
//! group, and where the map writes row letters.

use super::{AreaIndex, Seat};
use crate::id_index::Fnv;
use crate::rules::SeatIndex;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::rc::Rc;

/// One row of one area.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatRow {
    /// The area it is in.
    pub area: AreaIndex,
    /// Its name ("C"; empty for seats without a row).
    pub name: Rc<str>,
    /// Its seats, left to right on screen.
    pub seats: Vec<SeatIndex>,
}

/// Every row of a plan, grouped by area (areas in plan order), and the row
/// of each seat.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rows {
    rows: Vec<SeatRow>,
    /// By seat: its row's index into `rows`.
    row_of: Vec<u32>,
}

impl Rows {
    /// Groups `seats` into rows.
    pub(crate) fn build(seats: &[Seat]) -> Rows {
        type Key = (u32, Rc<str>);
        let mut by_key: HashMap<Key, u32, BuildHasherDefault<Fnv>> = HashMap::default();
        let mut members: Vec<Vec<SeatIndex>> = Vec::new();
        let mut keys: Vec<(AreaIndex, Rc<str>, u32)> = Vec::new();
        let mut row_of = vec![0u32; seats.len()];
        for (i, seat) in seats.iter().enumerate() {
            let key = (seat.area.0, seat.row.clone());
            let row = *by_key.entry(key).or_insert_with(|| {
                members.push(Vec::new());
                keys.push((seat.area, seat.row.clone(), i as u32));
                (members.len() - 1) as u32
            });
            members[row as usize].push(SeatIndex(i as u32));
            row_of[i] = row;
        }
        // Areas in plan order, rows of an area in the order first met.
        let mut order: Vec<usize> = (0..members.len()).collect();
        crate::sorting::sort_by(&mut order, |a, b| (keys[*a].0, keys[*a].2).cmp(&(keys[*b].0, keys[*b].2)));
        let mut renumber = vec![0u32; members.len()];
        let mut rows = Vec::with_capacity(members.len());
        for (new, old) in order.into_iter().enumerate() {
            renumber[old] = new as u32;
            let seats_of_row = walking_order(seats, std::mem::take(&mut members[old]), old as u32, &row_of);
            rows.push(SeatRow { area: keys[old].0, name: keys[old].1.clone(), seats: seats_of_row });
        }
        for r in &mut row_of {
            *r = renumber[*r as usize];
        }
        Rows { rows, row_of }
    }

    /// Every row: areas in plan order, an area's rows as the plan lists them.
    pub fn all(&self) -> &[SeatRow] {
        &self.rows
    }

    /// The index (into [`Rows::all`]) of a seat's row.
    pub fn row_of(&self, seat: SeatIndex) -> usize {
        self.row_of[seat.0 as usize] as usize
    }

    /// A row by index.
    pub fn row(&self, index: usize) -> &SeatRow {
        &self.rows[index]
    }

    /// Where a seat is in its row (0 = leftmost).
    pub fn position(&self, seat: SeatIndex) -> usize {
        let row = &self.rows[self.row_of(seat)];
        row.seats.iter().position(|s| *s == seat).unwrap_or(0)
    }
}

/// A row's seats in walking order: each chain of links from a seat with no
/// link back into the row (chains ordered by where they are on screen),
/// then any seats no chain reached (a cycle); the whole reversed if it runs
/// right to left on screen.
fn walking_order(seats: &[Seat], members: Vec<SeatIndex>, row: u32, row_of: &[u32]) -> Vec<SeatIndex> {
    let in_row = |s: Option<SeatIndex>| s.filter(|s| row_of[s.0 as usize] == row);
    let x = |s: &SeatIndex| seats[s.0 as usize].x;
    let mut seen: Vec<bool> = vec![false; members.len()];
    let position = |s: SeatIndex| members.binary_search(&s).ok();
    let mut chains: Vec<Vec<SeatIndex>> = Vec::new();
    for &start in &members {
        if in_row(seats[start.0 as usize].prev).is_some() {
            continue;
        }
        let mut chain = Vec::new();
        let mut at = Some(start);
        while let Some(seat) = at {
            let Some(p) = position(seat) else { break };
            if seen[p] {
                break;
            }
            seen[p] = true;
            chain.push(seat);
            at = in_row(seats[seat.0 as usize].next);
        }
        if !chain.is_empty() {
            chains.push(chain);
        }
    }
    if chains.len() > 1 {
        let middle = |c: &Vec<SeatIndex>| c.iter().map(x).sum::<f64>() / c.len().max(1) as f64;
        crate::sorting::sort_by(&mut chains, |a, b| middle(a).total_cmp(&middle(b)));
    }
    let mut out: Vec<SeatIndex> = chains.into_iter().flatten().collect();
    out.extend(members.iter().enumerate().filter(|(p, _)| !seen[*p]).map(|(_, s)| *s));
    if let (Some(first), Some(last)) = (out.first(), out.last()) {
        if x(first) > x(last) {
            out.reverse();
        }
    }
    out
}
