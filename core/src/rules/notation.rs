//! Test-only: a tiny text notation for plans, e.g. `"XX..S.X|..W/...."`.
//!
//! One character per seat, left to right:
//! `.` empty, `S` selected, `X` taken (sold), `H` held for others (taken),
//! `B` in this customer's basket (taken), `W` empty wheelchair space,
//! `w` selected wheelchair space. `|` ends a stretch (an aisle) and `/` ends a
//! row (a new stretch one row down). Spaces are ignored.
//! Seat `i` (0-based, in reading order) is `SeatIndex(i)`; its position is
//! (column in the text, row number).

use super::{check, Cell, Counts, RowIndex, RuleConfig, SeatIndex, Stretch, Verdict};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Token {
    Seat(SeatIndex),
    Aisle,
    RowEnd,
}

/// A parsed plan with its current selection.
#[derive(Clone, Debug)]
pub(super) struct Plan {
    pub rows: RowIndex,
    pub cells: Vec<Cell>,
    pub selection: Vec<SeatIndex>,
    pub positions: Vec<(f64, f64)>,
    pub bands: Vec<Option<u32>>,
    pub tokens: Vec<Token>,
}

impl Plan {
    /// Parses the notation above. Panics on an unknown character.
    pub fn parse(text: &str) -> Plan {
        let mut stretches = vec![Stretch::default()];
        let (mut cells, mut selection, mut positions, mut tokens) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut col, mut row) = (0.0, 0.0);
        for ch in text.chars().filter(|c| *c != ' ') {
            let seat = SeatIndex(cells.len() as u32);
            let cell = match ch {
                '|' | '/' => {
                    stretches.push(Stretch::default());
                    if ch == '/' {
                        tokens.push(Token::RowEnd);
                        row += 1.0;
                        col = 0.0;
                    } else {
                        tokens.push(Token::Aisle);
                        col += 1.0;
                    }
                    continue;
                }
                '.' => Cell::Empty,
                'S' => {
                    selection.push(seat);
                    Cell::Empty
                }
                'X' | 'H' | 'B' => Cell::Taken,
                'W' => Cell::Space,
                'w' => {
                    selection.push(seat);
                    Cell::Space
                }
                other => panic!("unknown seat character {other:?} in {text:?}"),
            };
            cells.push(cell);
            positions.push((col, row));
            tokens.push(Token::Seat(seat));
            stretches.last_mut().expect("one stretch").seats.push(seat);
            col += 1.0;
        }
        stretches.retain(|s| !s.seats.is_empty());
        let bands = vec![Some(0); cells.len()];
        Plan { rows: RowIndex::new(stretches), cells, selection, positions, bands, tokens }
    }

    /// Sets the price bands: one character per seat in the same layout
    /// (separators are skipped); each letter/digit is a band, `-` no band.
    pub fn with_bands(mut self, bands: &str) -> Plan {
        let codes: Vec<Option<u32>> =
            bands.chars().filter(|c| !matches!(c, ' ' | '|' | '/')).map(|c| (c != '-').then_some(c as u32)).collect();
        assert_eq!(codes.len(), self.cells.len(), "one band per seat");
        self.bands = codes;
        self
    }

    /// The state of a seat for this customer (selected seats read as their
    /// underlying cell; `check` takes the selection separately).
    pub fn cell(&self) -> impl Fn(SeatIndex) -> Cell + '_ {
        |s| self.cells[s.0 as usize]
    }

    /// `check` with the counts taken from `selection`.
    pub fn check_with(&self, selection: &[SeatIndex], config: &RuleConfig) -> Verdict {
        let counts = Counts { selected_seats: selection.len() as u32, ..Counts::default() };
        check(&self.rows, self.cell(), selection, counts, config)
    }

    /// `check` of the plan's own selection.
    pub fn check(&self, config: &RuleConfig) -> Verdict {
        self.check_with(&self.selection, config)
    }

    /// The notation for this plan with `selection` chosen instead, and every
    /// seat in `marked` shown as `!`.
    pub fn render(&self, selection: &[SeatIndex], marked: &[SeatIndex]) -> String {
        self.tokens
            .iter()
            .map(|t| match t {
                Token::Aisle => '|',
                Token::RowEnd => '/',
                Token::Seat(s) if marked.contains(s) => '!',
                Token::Seat(s) => {
                    let selected = selection.contains(s);
                    match (self.cells[s.0 as usize], selected) {
                        (Cell::Space, true) => 'w',
                        (Cell::Space, false) => 'W',
                        (_, true) => 'S',
                        (Cell::Taken, false) => 'X',
                        (_, false) => '.',
                    }
                }
            })
            .collect()
    }

    /// The seat written at character `i` of the notation (separators count,
    /// spaces do not).
    pub fn seat_at(&self, i: usize) -> SeatIndex {
        match self.tokens[i] {
            Token::Seat(s) => s,
            other => panic!("character {i} is {other:?}, not a seat"),
        }
    }
}
