//! Moving the keyboard focus across the plan: the arrow keys go in screen
//! directions ([`Plan::neighbour`]); Home and End to the ends of the whole
//! row (across aisles); PageUp and PageDown to the row before or after,
//! on into the area before or after at an area's first or last row.

use super::{Direction, Plan};
use crate::rules::SeatIndex;

/// A keyboard move on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// ArrowLeft.
    Left,
    /// ArrowRight.
    Right,
    /// ArrowUp.
    Up,
    /// ArrowDown.
    Down,
    /// Home: the first (leftmost) seat of the row.
    RowStart,
    /// End: the last (rightmost) seat of the row.
    RowEnd,
    /// PageUp: the nearest seat of the row before (the last row of the area before, at an area's first row).
    PreviousRow,
    /// PageDown: the nearest seat of the row after (the first row of the area after, at an area's last row).
    NextRow,
}

impl Step {
    /// The move a key stands for (`KeyboardEvent.key`), if any.
    pub fn from_key(key: &str) -> Option<Step> {
        Some(match key {
            "ArrowLeft" | "Left" => Step::Left,
            "ArrowRight" | "Right" => Step::Right,
            "ArrowUp" | "Up" => Step::Up,
            "ArrowDown" | "Down" => Step::Down,
            "Home" => Step::RowStart,
            "End" => Step::RowEnd,
            "PageUp" => Step::PreviousRow,
            "PageDown" => Step::NextRow,
            _ => return None,
        })
    }
}

impl Plan {
    /// Where the focus goes from `from` on `step`; `None` when there is
    /// nowhere further that way.
    pub fn step(&self, from: SeatIndex, step: Step) -> Option<SeatIndex> {
        let rows = &self.seat_rows;
        let row = rows.row_of(from);
        let target = match step {
            Step::Left => self.neighbour(from, Direction::Left),
            Step::Right => self.neighbour(from, Direction::Right),
            Step::Up => self.neighbour(from, Direction::Up),
            Step::Down => self.neighbour(from, Direction::Down),
            Step::RowStart => rows.row(row).seats.first().copied(),
            Step::RowEnd => rows.row(row).seats.last().copied(),
            Step::PreviousRow => row.checked_sub(1).map(|r| self.nearest_in_row(from, r)),
            Step::NextRow => (row + 1 < rows.all().len()).then(|| self.nearest_in_row(from, row + 1)),
        };
        target.filter(|t| *t != from)
    }

    /// The seat of row `row` nearest to `from` on the plan.
    fn nearest_in_row(&self, from: SeatIndex, row: usize) -> SeatIndex {
        let at = self.seat(from);
        let distance = |s: &SeatIndex| {
            let other = self.seat(*s);
            (other.x - at.x).powi(2) + (other.y - at.y).powi(2)
        };
        let seats = &self.seat_rows.row(row).seats;
        seats.iter().copied().min_by(|a, b| distance(a).total_cmp(&distance(b))).unwrap_or(from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    #[test]
    fn keys_name_their_moves() {
        assert_eq!(Step::from_key("Home"), Some(Step::RowStart));
        assert_eq!(Step::from_key("PageDown"), Some(Step::NextRow));
        assert_eq!(Step::from_key("ArrowUp"), Some(Step::Up));
        assert_eq!(Step::from_key("Tab"), None);
    }

    #[test]
    fn home_and_end_go_to_the_ends_of_the_whole_row_across_the_aisle() {
        let plan = fixtures::plan();
        let ix = |id| plan.seat_by_id(id).unwrap();
        assert_eq!(plan.step(ix("2"), Step::RowEnd), Some(ix("4")));
        assert_eq!(plan.step(ix("3"), Step::RowStart), Some(ix("1")));
        assert_eq!(plan.step(ix("1"), Step::RowStart), None, "already there");
    }

    #[test]
    fn page_keys_step_between_rows_then_areas() {
        let plan = fixtures::plan();
        let ix = |id| plan.seat_by_id(id).unwrap();
        // A4 (x 180) → row B's nearest seat, B3 (x 140).
        assert_eq!(plan.step(ix("4"), Step::NextRow), Some(ix("7")));
        assert_eq!(plan.step(ix("6"), Step::PreviousRow), Some(ix("2")));
        // Row B is the Stalls' last: on into the Circle.
        assert_eq!(plan.step(ix("5"), Step::NextRow), Some(ix("9")), "C2 is nearer B1 than C1 is");
        assert_eq!(plan.step(ix("8"), Step::PreviousRow), Some(ix("5")));
        assert_eq!(plan.step(ix("1"), Step::PreviousRow), None, "the first row");
        assert_eq!(plan.step(ix("9"), Step::NextRow), None, "the last row");
    }

    #[test]
    fn every_seat_is_reached_by_walking_rows() {
        // Home, then Right along the row, then PageDown: the keyboard reaches every seat.
        let plan = fixtures::plan();
        let mut seen = vec![false; plan.seat_count()];
        let mut at = plan.first_seat().unwrap();
        loop {
            if let Some(start) = plan.step(at, Step::RowStart) {
                at = start;
            }
            seen[at.0 as usize] = true;
            while let Some(next) = plan.step(at, Step::Right) {
                if plan.seat_rows.row_of(next) != plan.seat_rows.row_of(at) {
                    break;
                }
                at = next;
                seen[at.0 as usize] = true;
            }
            match plan.step(at, Step::NextRow) {
                Some(next) => at = next,
                None => break,
            }
        }
        assert!(seen.iter().all(|s| *s), "{seen:?}");
    }
}
