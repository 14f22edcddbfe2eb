//! What the map draws besides seats and area shapes: the plan's background
//! picture (where venues draw the stage), the standing blocks, and the
//! focus ring.

use super::SeatMapProps;
use crate::shared::Shared;
use seatmap_core::{fixed, AreaKind, Money, Plan, Rect, SeatIndex, Venue, SEAT_SIZE};
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The plan's `backgroundImageUrl` under everything, at the root area's
/// origin and its own size in plan units (SVG 2 sizes an `<image>` without
/// width and height from the picture; the stylesheet sets `auto`).
/// `on_size` gets the picture's place once it has loaded (the map's fit
/// takes it in: it shows where the stage is).
pub fn background(venue: &Shared<Venue>, on_size: Callback<Rect>) -> Html {
    let onload = Callback::from(move |e: Event| {
        let Some(image) = e.target().and_then(|t| t.dyn_into::<web_sys::SvgGraphicsElement>().ok()) else { return };
        if let Ok(b) = image.get_b_box() {
            on_size.emit(Rect { x: b.x() as f64, y: b.y() as f64, width: b.width() as f64, height: b.height() as f64 });
        }
    });
    match &venue.plan.background {
        Some(b) => html! {
            <image key="background" class="seatmap-background" href={b.url.to_string()}
                   x={fixed(b.x, 2)} y={fixed(b.y, 2)} aria-hidden="true" {onload} />
        },
        None => html! {},
    }
}

/// Unreserved areas as blocks with the places left: each one button,
/// its words 12 px on screen (`per_unit`: screen px per plan unit).
pub fn standing_blocks(props: &SeatMapProps, per_unit: f64) -> Vec<Html> {
    let plan = &props.venue.plan;
    let pitch = plan.seat_pitch;
    plan.unreserved_areas()
        .map(|(ix, area)| {
            let AreaKind::Unreserved { rect, .. } = area.kind else { return html! {} };
            let left = props.availability.unreserved(ix);
            let places = left.map_or(0, |u| u.available);
            let from = left.and_then(|u| u.band).and_then(|b| props.venue.prices.band(b).from_price());
            let label = format!(
                "{}: {} place{} left{}",
                area.name,
                places,
                if places == 1 { "" } else { "s" },
                from.map(|f| format!(", from {}", props.money.money(f))).unwrap_or_default()
            );
            let on_area = props.on_area.clone();
            let onclick = Callback::from(move |_: MouseEvent| on_area.emit(ix));
            let on_area = props.on_area.clone();
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    on_area.emit(ix);
                }
            });
            let colour = left.and_then(|u| u.band).map(|b| props.venue.prices.band(b).colour);
            let class = classes!("seatmap-standing", colour.map(|c| format!("b{c}")), (places == 0).then_some("is-full"));
            html! {
                <g class={class} data-area-id={area.id.to_string()} data-places-left={places.to_string()} role="button" tabindex="0"
                   aria-label={label} {onclick} {onkeydown}>
                    <rect x={fixed(rect.x, 2)} y={fixed(rect.y, 2)} width={fixed(rect.width, 2)} height={fixed(rect.height, 2)} rx={fixed(pitch * 0.3, 2)} />
                    <text x={fixed(rect.x + rect.width / 2.0, 2)} y={fixed(rect.y + rect.height / 2.0, 2)} font-size={fixed(words_px(&area.name, places, rect.width * per_unit) / per_unit, 2)}
                          text-anchor="middle" dominant-baseline="middle" aria-hidden="true">
                        // The words of its accessible name, so speech users can say what they see.
                        { format!("{} · {} place{} left", area.name, places, if places == 1 { "" } else { "s" }) }
                    </text>
                </g>
            }
        })
        .collect()
}

/// The standing block's words: 12 px on screen, smaller if they would
/// overflow a block `width_px` wide.
fn words_px(name: &str, places: u32, width_px: f64) -> f64 {
    let chars = name.chars().count() + 9 + places.to_string().len();
    (width_px * 0.9 / (chars as f64 * 0.58)).min(12.0)
}

/// Two rings round the focused seat, a light one against the seat and a
/// dark one outside it, each a fixed width on screen at any zoom
/// (`vector-effect: non-scaling-stroke`): whichever the seat's and the
/// background's colours, one of them differs from each by 3:1 or more.
pub fn focus_ring(plan: &Plan, seat: SeatIndex, per_unit: f64) -> Html {
    let s = plan.seat(seat);
    let radius = plan.seat_pitch * SEAT_SIZE / 2.0;
    let px = |n: f64| n / per_unit;
    html! {
        <g key="focus-ring" class="seatmap-focus-ring" aria-hidden="true">
            <circle class="seatmap-focus-outer" cx={fixed(s.x, 2)} cy={fixed(s.y, 2)} r={fixed(radius + px(3.5), 3)} />
            <circle class="seatmap-focus-inner" cx={fixed(s.x, 2)} cy={fixed(s.y, 2)} r={fixed(radius + px(1.0), 3)} />
        </g>
    }
}
