//! Row letters at both ends of each row, once they are big enough to read
//! without crowding the rows (seats at least [`LEGIBLE_PITCH_PX`] apart),
//! and only for the rows in sight. Decoration: assistive technology hears
//! rows through the seat groups instead.

use crate::shared::Shared;
use seatmap_core::{fixed, Rect, Venue};
use yew::prelude::*;

/// Row letters show from this seat pitch on screen, in CSS px: the letter
/// (11 px) then fits between rows.
pub const LEGIBLE_PITCH_PX: f64 = 14.0;
const LETTER_PX: f64 = 11.0;

#[derive(Properties, PartialEq)]
pub struct RowLettersProps {
    pub venue: Shared<Venue>,
    /// Screen pixels per plan unit.
    pub per_unit: f64,
    /// The part of the plan on screen.
    pub visible: Rect,
}

#[function_component(RowLetters)]
pub fn row_letters(props: &RowLettersProps) -> Html {
    let plan = &props.venue.plan;
    if plan.seat_pitch * props.per_unit < LEGIBLE_PITCH_PX {
        return html! {};
    }
    let font = LETTER_PX / props.per_unit;
    let shown = props.visible.padded(plan.seat_pitch);
    let inside = |(x, y): (f64, f64)| x >= shown.x && x <= shown.right() && y >= shown.y && y <= shown.bottom();
    let letters =
        plan.seat_rows.all().iter().filter(|row| !row.name.is_empty() && row.name.chars().count() <= 3).flat_map(
            |row| {
                let seats = &row.seats;
                // Each end, one pitch further out along the row's own direction.
                let ends = match seats.len() {
                    0 => vec![],
                    1 => vec![(seats[0], None)],
                    n => vec![(seats[0], Some(seats[1])), (seats[n - 1], Some(seats[n - 2]))],
                };
                ends.into_iter().filter_map(move |(end, inner)| {
                    let e = plan.seat(end);
                    let (dx, dy) = match inner.map(|i| plan.seat(i)) {
                        Some(i) => {
                            let (dx, dy) = (e.x - i.x, e.y - i.y);
                            let length = (dx * dx + dy * dy).sqrt().max(1e-9);
                            (dx / length, dy / length)
                        }
                        None => (-1.0, 0.0),
                    };
                    let at = (e.x + dx * plan.seat_pitch * 0.95, e.y + dy * plan.seat_pitch * 0.95);
                    inside(at).then(|| {
                        html! {
                            <text x={fixed(at.0, 1)} y={fixed(at.1, 1)} font-size={fixed(font, 2)} text-anchor="middle"
                                  dominant-baseline="central">{ row.name.to_string() }</text>
                        }
                    })
                })
            },
        );
    html! { <g class="seatmap-row-letters" aria-hidden="true">{ for letters }</g> }
}
