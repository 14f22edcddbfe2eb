//! The overview, when seats would be too small to see: each area as one
//! shape (the outline of its seats) coloured by how full it is, labelled
//! with its name, the places left and the price range. For the keyboard
//! and screen readers it is a list of areas, one tab stop: arrow keys move
//! along it, Enter or Space (or a click or tap) opens an area's seats.

use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{area_label, fixed, outline_path, price_range, AreaIndex, AreaShape, AreaSummary, Openness, Venue};
use wasm_bindgen::JsCast;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OverviewProps {
    pub venue: Shared<Venue>,
    pub shapes: Shared<Vec<AreaShape>>,
    /// One per shape's area, in plan order.
    pub summaries: Shared<Vec<AreaSummary>>,
    pub money: Shared<Formatter>,
    /// Screen pixels per plan unit (labels are sized in pixels).
    pub per_unit: f64,
    /// The shape that holds the tab stop.
    pub focus: usize,
    /// Changed to move keyboard focus onto the tab stop.
    pub take_focus: u32,
    pub on_focus: Callback<usize>,
    /// An area to open: (area, from the keyboard).
    pub on_open: Callback<(AreaIndex, bool)>,
}

/// Label sizes on screen, CSS px: read at arm's length on a phone.
const NAME_PX: f64 = 13.0;
const DETAIL_PX: f64 = 12.0;
/// A rough width of one character of the label font, in ems.
const CHAR_EM: f64 = 0.58;

#[function_component(Overview)]
pub fn overview(props: &OverviewProps) -> Html {
    let node = use_node_ref();
    let count = props.shapes.len();
    let focus = props.focus.min(count.saturating_sub(1));
    // Follow the tab stop with real focus when the list has it (arrow keys)
    // or when asked (Escape out of an area's seats).
    let asked = use_mut_ref(|| props.take_focus);
    {
        let node = node.clone();
        use_effect_with((focus, props.take_focus), move |(focus, take_focus)| {
            let grab = *asked.borrow() != *take_focus;
            *asked.borrow_mut() = *take_focus;
            if let Some(list) = node.cast::<web_sys::Element>() {
                let root = list.get_root_node();
                let active = root
                    .dyn_ref::<web_sys::ShadowRoot>()
                    .and_then(|s| s.active_element())
                    .or_else(|| root.dyn_ref::<web_sys::Document>().and_then(|d| d.active_element()));
                let inside = active.as_ref().is_some_and(|a| list.contains(Some(a)));
                let selector = format!("[data-overview-index=\"{focus}\"]");
                if let (true, Ok(Some(el))) = (grab || inside, list.query_selector(&selector)) {
                    if let Some(el) = el.dyn_ref::<web_sys::SvgElement>() {
                        let _ = el.focus();
                    }
                }
            }
            || ()
        });
    }
    let px = |n: f64| n / props.per_unit;
    let items = props.shapes.iter().enumerate().map(|(i, shape)| {
        let area = props.venue.plan.area(shape.area);
        let summary = props.summaries.iter().find(|s| s.area == shape.area);
        let openness = summary.map_or(Openness::Unknown, |s| s.openness);
        let label = summary.map(|s| area_label(&area.name, s, &*props.money)).unwrap_or_else(|| area.name.to_string());
        let on_open = props.on_open.clone();
        let area_index = shape.area;
        let onclick = Callback::from(move |_: MouseEvent| on_open.emit((area_index, false)));
        let on_open = props.on_open.clone();
        let on_focus = props.on_focus.clone();
        let onkeydown = Callback::from(move |e: KeyboardEvent| {
            let next = match e.key().as_str() {
                "Enter" | " " | "Spacebar" => {
                    e.prevent_default();
                    on_open.emit((area_index, true));
                    return;
                }
                "ArrowDown" | "ArrowRight" => (i + 1).min(count - 1),
                "ArrowUp" | "ArrowLeft" => i.saturating_sub(1),
                "Home" => 0,
                "End" => count - 1,
                _ => return,
            };
            e.prevent_default();
            on_focus.emit(next);
        });
        let on_focus = props.on_focus.clone();
        let onfocus = Callback::from(move |_: FocusEvent| on_focus.emit(i));
        // Words inside the shape only where they fit on screen.
        let (x0, x1) = shape.outline.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (y0, y1) = shape.outline.iter().fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        let (width_px, height_px) = ((x1 - x0) * props.per_unit, (y1 - y0) * props.per_unit);
        // "560 left", or the bare number where the words don't fit.
        let places = summary.map(|s| match s.openness {
            Openness::Unknown => ("…".to_owned(), "…".to_owned()),
            _ => (format!("{} left", s.open), s.open.to_string()),
        });
        let prices = summary.and_then(|s| price_range(s, &*props.money)).map(|p| p.replace(" to ", "–"));
        // The largest size at which the name fits, then as many lines as fit under it.
        let fits = |text: &str, size: f64| text.chars().count() as f64 * size * CHAR_EM <= width_px * 0.85 - 4.0;
        // A narrow shape gets the name's last word ("Block 205" → "205"):
        // every area keeps a visible label (its full name is its accessible name).
        let short = area.name.rsplit(' ').next().unwrap_or(&area.name);
        let named = [area.name.as_ref(), short]
            .into_iter()
            .find_map(|name| [1.0, 0.85].into_iter().find(|k| fits(name, NAME_PX * k)).map(|k| (name, k)));
        let lines: Vec<(String, f64, &str)> = match named {
            None => Vec::new(),
            Some((name, k)) => [
                Some((name.to_string(), NAME_PX * k, "seatmap-area-name")),
                places.map(|(long, short)| (if fits(&long, DETAIL_PX * k) { long } else { short }, DETAIL_PX * k, "seatmap-area-detail")),
                prices.map(|p| (p, DETAIL_PX * k, "seatmap-area-detail")),
            ]
            .into_iter()
            .flatten()
            .scan(0.0, |height, (text, size, class)| {
                *height += size * 1.25;
                (fits(&text, size) && *height <= height_px - 4.0).then_some((text, size, class))
            })
            .collect(),
        };
        let total = lines.iter().map(|(_, size, _)| size * 1.25).sum::<f64>();
        let (cx, cy) = shape.centre;
        let mut y = cy - px(total) / 2.0;
        let texts = lines.into_iter().map(|(text, size, class)| {
            y += px(size * 1.25);
            let baseline = y - px(size * 0.3);
            html! { <text class={class} x={fixed(cx, 1)} y={fixed(baseline, 1)} font-size={fixed(px(size), 2)} text-anchor="middle">{ text }</text> }
        });
        html! {
            <g key={area.id.to_string()} role="listitem">
                <path class={classes!("seatmap-area", format!("is-{}", openness.name()))} d={outline_path(&shape.outline)}
                      data-area-outline={area.id.to_string()} data-state={openness.name()} data-overview-index={i.to_string()}
                      role="button" tabindex={if i == focus { "0" } else { "-1" }} aria-label={label}
                      {onclick} {onkeydown} {onfocus} />
                <g class="seatmap-area-words" aria-hidden="true">{ for texts }</g>
            </g>
        }
    });
    html! {
        <g class="seatmap-overview" role="list" aria-label="Areas" ref={node}>{ for items }</g>
    }
}
