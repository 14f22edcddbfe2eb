//! Area names over the seats, a readable size on screen at any zoom and
//! placed where they cover no seat and no other name
//! (`seatmap_core::place_label`). Decoration: assistive technology hears
//! each area as the group its seats are in.

use crate::shared::Shared;
use seatmap_core::{fixed, place_label, Obstacles, Rect, Venue};
use std::rc::Rc;
use yew::prelude::*;

const NAME_PX: f64 = 13.0;
/// A rough width of one character of the label font (600 weight), in ems.
const CHAR_EM: f64 = 0.6;

#[derive(Properties, PartialEq)]
pub struct AreaLabelsProps {
    pub venue: Shared<Venue>,
    /// Screen pixels per plan unit.
    pub per_unit: f64,
    /// The part of the plan on screen.
    pub visible: Rect,
}

#[function_component(AreaLabels)]
pub fn area_labels(props: &AreaLabelsProps) -> Html {
    let obstacles: Rc<Obstacles> = use_memo(props.venue.clone(), |v| Obstacles::of_seats(&v.plan));
    let plan = &props.venue.plan;
    let font = NAME_PX / props.per_unit;
    let mut placed: Vec<Rect> = Vec::new();
    let mut has_seats = vec![false; plan.areas.len()];
    for seat in &plan.seats {
        has_seats[seat.area.0 as usize] = true;
    }
    let labels: Vec<Html> = plan
        .areas
        .iter()
        .enumerate()
        .filter(|(i, area)| has_seats[*i] && !area.name.is_empty())
        .filter_map(|(_, area)| {
            let bounds = area.bounds?;
            let shown = &props.visible;
            let in_sight = bounds.x < shown.right()
                && shown.x < bounds.right()
                && bounds.y < shown.bottom()
                && shown.y < bounds.bottom();
            if !in_sight {
                return None;
            }
            let width = area.name.chars().count() as f64 * font * CHAR_EM;
            let spot = place_label(bounds, (width, font * 1.2), font * 0.3, shown, &obstacles, &mut placed);
            let (x, y) = spot.centre();
            Some(html! {
                <text class="seatmap-area-label" x={fixed(x, 1)} y={fixed(y, 1)} font-size={fixed(font, 2)}
                      text-anchor="middle" dominant-baseline="central">{ area.name.to_string() }</text>
            })
        })
        .collect();
    html! { <g class="seatmap-area-labels" aria-hidden="true">{ for labels }</g> }
}
