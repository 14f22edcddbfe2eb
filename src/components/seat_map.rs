//! The map: a toolbar above one SVG with one `viewBox` (zoom and pan change
//! only that): the plan's background picture, standing blocks, and either
//! each area as one shape (the overview, when seats would be too small to
//! see: `seatmap_core::detail_at`) or the seats, with row letters, area
//! labels placed clear of seats, a focus ring, and the tooltip.
//!
//! The view is stable: it moves only when the buyer zooms or pans, or when
//! the keyboard reaches a seat outside what is visible (the letterboxed
//! area, not the narrower viewBox), and then only as far as needed. A
//! pointer never moves it, and the toolbar sits outside the picture so it
//! covers no seat. On a touch screen one finger scrolls the page while the
//! map is fitted and pans it once zoomed in (see the stylesheet's
//! `touch-action`); a tap on a seat drawn under 24 px zooms in first.

mod dismiss;
mod gestures;
mod marks;

use crate::components::area_labels::AreaLabels;
use crate::components::overview::Overview;
use crate::components::row_letters::RowLetters;
use crate::components::seat_layer::{SeatClick, SeatLayer};
use crate::components::tooltip::Tooltip;
use crate::hooks::use_size::use_size;
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{
    area_shapes, detail_at, fixed, summarise, tap_zoom, AreaIndex, AreaShape, AreaSummary, Availability, Detail, Rect,
    SeatIndex, SeatState, Venue, ViewBox, Viewport, SEAT_SIZE,
};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeatMapProps {
    pub venue: Shared<Venue>,
    pub states: Shared<Vec<SeatState>>,
    pub availability: Shared<Availability>,
    pub money: Shared<Formatter>,
    pub focus: Option<SeatIndex>,
    pub highlight: Shared<[SeatIndex]>,
    pub on_toggle: Callback<SeatIndex>,
    pub on_focus: Callback<SeatIndex>,
    /// Called when an unreserved (standing) area is chosen.
    pub on_area: Callback<AreaIndex>,
    /// The box office has not said which seats are free, and asking failed:
    /// seats are drawn anyway, unknown, rather than waiting for good.
    pub availability_failed: bool,
    /// Draws at this level of detail whatever the zoom (the benchmark's
    /// `level-of-detail="seats"`). Default: the zoom decides.
    #[prop_or_default]
    pub detail: Option<Detail>,
    /// The map's size as measured while loading, if it was: the seats are
    /// then drawn in the first render.
    #[prop_or_default]
    pub first_size: Option<Viewport>,
}

/// What the overview's summaries were worked out from.
type SummaryInputs = (Shared<Venue>, Shared<Vec<SeatState>>, Shared<Availability>);

/// Space kept between a seat the keyboard reaches and the map's edge.
const KEEP_IN_VIEW_PX: f64 = 24.0;

/// The least seat pitch an area is opened at from the overview, in CSS px:
/// twice the level-of-detail threshold, so a little zooming out keeps
/// seats. An area that fits the map at more than this is shown whole.
const OPEN_AREA_PITCH_PX: f64 = 2.0 * seatmap_core::SEATS_FROM_PX;

#[function_component(SeatMap)]
pub fn seat_map(props: &SeatMapProps) -> Html {
    let plan = &props.venue.plan;
    // The background picture's place on the plan, once it has loaded.
    let picture = use_state(|| None::<(Shared<Venue>, Rect)>);
    let picture_rect = picture.as_ref().filter(|(v, _)| *v == props.venue).map(|(_, r)| *r);
    let fit = ViewBox::fit_with(plan.bounds, picture_rect);
    let view = use_state(|| fit);
    let fit_cell = use_mut_ref(|| fit);
    let previous_fit = fit_cell.replace(fit);
    let hover = use_state(|| None::<SeatIndex>);
    // The seat whose tooltip the buyer closed (Escape, a tap elsewhere).
    let closed = use_state(|| None::<SeatIndex>);
    let map_has_focus = use_state(|| false);
    let ring = use_state(|| false);
    let overview_focus = use_state(|| 0usize);
    let overview_take_focus = use_state(|| 0u32);
    let seats_take_focus = use_state(|| 0u32);
    let svg_ref = use_node_ref();
    // The SVG's size on screen, kept current.
    let viewport = use_size(svg_ref.clone(), props.first_size);
    let gesture = use_mut_ref(gestures::Gesture::default);
    // Latest view for native listeners, which outlive one render.
    let view_cell = use_mut_ref(|| *view);
    *view_cell.borrow_mut() = *view;
    let shapes: Rc<Vec<AreaShape>> = use_memo(props.venue.clone(), |v| area_shapes(&v.plan));
    let summaries_cache = use_mut_ref(|| None::<(SummaryInputs, Rc<Vec<AreaSummary>>)>);
    let drawn = use_mut_ref(|| (None::<Shared<Venue>>, Rc::<[bool]>::from(Vec::new())));

    // Seat outlines scale with the seats. Set through the CSSOM, not a
    // `style` attribute, which a strict Content-Security-Policy blocks.
    {
        let svg_ref = svg_ref.clone();
        use_effect_with(plan.seat_pitch.to_bits(), move |bits| {
            if let Some(svg) = svg_ref.cast::<web_sys::SvgElement>() {
                let width = fixed(f64::from_bits(*bits) * 0.09, 2);
                let _ = svg.style().set_property("--seat-stroke", &width);
            }
            || ()
        });
    }

    // A new plan starts fitted; a fitted map stays fitted when the picture
    // arrives and the fit takes in the stage.
    {
        let view = view.clone();
        use_effect_with(props.venue.clone(), move |venue| {
            view.set(ViewBox::fit(venue.plan.bounds));
            || ()
        });
    }
    {
        let view = view.clone();
        use_effect_with(fit, move |fit| {
            if *view == previous_fit && *fit != previous_fit {
                view.set(*fit);
            }
            || ()
        });
    }

    // Wheel zoom, drag and pinch: native listeners (wheel must not be passive).
    {
        let svg_ref = svg_ref.clone();
        let view = view.clone();
        let gesture = gesture.clone();
        let view_cell = view_cell.clone();
        let fit_cell = fit_cell.clone();
        use_effect_with(props.venue.clone(), move |_| {
            let listeners =
                svg_ref.cast::<Element>().map(|svg| gestures::listen(&svg, fit_cell, view, gesture, view_cell));
            move || drop(listeners)
        });
    }

    dismiss::use_tooltip_dismissal(hover.clone(), closed.clone(), props.focus, *map_has_focus);

    let port = viewport;
    let per_unit = port.map(|p| view.pixels_per_unit(p));
    let pitch_px = per_unit.map(|s| plan.seat_pitch * s);
    // Seats are drawn once the box office has said which are free (drawing
    // them unknown first would mean drawing them all twice); until then the
    // areas' shapes stand in, unless asking has failed: then the plan is
    // drawn as it is, every seat unknown, until a poll succeeds.
    let detail = match (pitch_px, props.availability.known || props.availability_failed) {
        (None, _) => None,
        (Some(_), false) => Some(Detail::Areas),
        (Some(px), true) => Some(props.detail.unwrap_or(detail_at(px))),
    };
    let visible = port.map(|p| view.visible(p));
    // The overview's words are worked out while it shows. Behind the seats
    // it is `display: none` and keeps the last ones, so a click on a seat
    // does not summarise 20,000 seats and re-render every area's label
    // (~7 ms of a click on the arena); it is brought up to date as it shows again.
    let summaries = {
        let inputs = (props.venue.clone(), props.states.clone(), props.availability.clone());
        let mut cache = summaries_cache.borrow_mut();
        let showing = detail != Some(Detail::Seats);
        match cache.as_ref() {
            Some((from, summaries)) if *from == inputs || (!showing && from.0 == inputs.0) => summaries.clone(),
            _ => {
                let summaries = Rc::new(summarise(plan, &props.venue.prices, &props.availability, &props.states));
                *cache = Some((inputs, summaries.clone()));
                summaries
            }
        }
    };

    // Areas whose seats are drawn: those in sight (and a margin) once the map
    // shows seats; never undrawn, so panning back costs nothing.
    let areas_drawn = {
        let mut d = drawn.borrow_mut();
        if d.0.as_ref() != Some(&props.venue) {
            *d = (Some(props.venue.clone()), Rc::from(vec![false; plan.areas.len()]));
        }
        if detail == Some(Detail::Seats) {
            let near = visible.map(|v| v.padded(v.width.max(v.height) * 0.25));
            let wanted: Vec<bool> = plan
                .areas
                .iter()
                .enumerate()
                .map(|(i, area)| {
                    d.1[i]
                        || props.detail == Some(Detail::Seats)
                        || area.bounds.zip(near).is_some_and(|(b, n)| b.overlaps(&n))
                })
                .collect();
            if *wanted != *d.1 {
                d.1 = Rc::from(wanted);
            }
        }
        Shared(d.1.clone())
    };

    let zoom_by = {
        let view = view.clone();
        move |factor: f64| {
            let view = view.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(port) = port {
                    view.set(view.zoom(port, (port.width / 2.0, port.height / 2.0), factor, &fit));
                }
            })
        }
    };
    let reset = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(fit))
    };
    let open_area = {
        let view = view.clone();
        let venue = props.venue.clone();
        let shapes = shapes.clone();
        let states = props.states.clone();
        let on_focus = props.on_focus.clone();
        let seats_take_focus = seats_take_focus.clone();
        Callback::from(move |(area, keyboard): (AreaIndex, bool)| {
            let Some(shape) = shapes.iter().find(|s| s.area == area) else { return };
            let target = Rect::enclosing(&shape.outline);
            let mut next = ViewBox::focus_on(target, &fit);
            if let Some(port) = port {
                let px = venue.plan.seat_pitch * next.pixels_per_unit(port);
                if px < OPEN_AREA_PITCH_PX {
                    let centre = next.to_view(port, target.centre());
                    next = next.zoom(port, centre, OPEN_AREA_PITCH_PX / px, &fit);
                }
            }
            view.set(next);
            if keyboard {
                // Into the area: the keyboard continues on its first seat a buyer could choose.
                if let Some(seat) = first_seat_of(&venue, &states, area) {
                    on_focus.emit(seat);
                    seats_take_focus.set(*seats_take_focus + 1);
                }
            }
        })
    };
    let zoom_to_area = {
        let view = view.clone();
        let venue = props.venue.clone();
        Callback::from(move |e: Event| {
            let Some(select) = e.target().and_then(|t| t.dyn_into::<HtmlSelectElement>().ok()) else { return };
            let value = select.value();
            let bounds =
                value.parse::<u32>().ok().and_then(|i| venue.plan.areas.get(i as usize)).and_then(|a| a.bounds);
            match bounds {
                Some(b) => view.set(ViewBox::focus_on(b, &fit)),
                None => view.set(fit),
            }
        })
    };
    let on_click = {
        let view = view.clone();
        let on_toggle = props.on_toggle.clone();
        let svg_ref = svg_ref.clone();
        Callback::from(move |click: SeatClick| {
            let zoom = if click.touch { pitch_px.and_then(tap_zoom) } else { None };
            match (zoom, port, svg_ref.cast::<Element>()) {
                (Some(factor), Some(port), Some(svg)) => {
                    let anchor = gestures::local_point(&svg, click.client.0, click.client.1);
                    view.set(view.zoom(port, anchor, factor, &fit));
                }
                _ => on_toggle.emit(click.seat),
            }
        })
    };
    let on_reach = {
        let view = view.clone();
        let venue = props.venue.clone();
        Callback::from(move |seat: SeatIndex| {
            let (Some(port), Some(per_unit)) = (port, per_unit) else { return };
            let s = venue.plan.seat(seat);
            let margin = KEEP_IN_VIEW_PX + venue.plan.seat_pitch * per_unit * SEAT_SIZE / 2.0;
            if let Some(next) = view.keep_in_view(port, (s.x, s.y), margin, &fit) {
                view.set(next);
            }
        })
    };
    let on_escape = {
        let view = view.clone();
        let venue = props.venue.clone();
        let shapes = shapes.clone();
        let overview_focus = overview_focus.clone();
        let overview_take_focus = overview_take_focus.clone();
        let focus = props.focus;
        Callback::from(move |_| {
            // Out of an area, back to the list of areas (only where the whole plan is an overview).
            let (Some(port), Some(seat)) = (port, focus) else { return };
            if detail_at(venue.plan.seat_pitch * fit.pixels_per_unit(port)) != Detail::Areas {
                return;
            }
            let area = venue.plan.seat(seat).area;
            overview_focus.set(shapes.iter().position(|s| s.area == area).unwrap_or(0));
            overview_take_focus.set(*overview_take_focus + 1);
            view.set(fit);
        })
    };
    let on_hover = {
        let hover = hover.clone();
        Callback::from(move |seat: Option<SeatIndex>| {
            if *hover != seat {
                hover.set(seat);
            }
        })
    };
    let on_focus_in = {
        let map_has_focus = map_has_focus.clone();
        let ring = ring.clone();
        Callback::from(move |e: FocusEvent| {
            map_has_focus.set(true);
            let visible = e
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|el| el.has_attribute("data-seat-id") && el.matches(":focus-visible").unwrap_or(false));
            ring.set(visible);
        })
    };
    let on_focus_out = {
        let map_has_focus = map_has_focus.clone();
        Callback::from(move |_: FocusEvent| map_has_focus.set(false))
    };
    let on_key = {
        let zoom_in = zoom_by(1.5);
        let zoom_out = zoom_by(1.0 / 1.5);
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "+" | "=" => zoom_in.emit(MouseEvent::new("click").expect_throw("a click event")),
            "-" | "_" => zoom_out.emit(MouseEvent::new("click").expect_throw("a click event")),
            _ => {}
        })
    };

    let pitch = plan.seat_pitch;
    let tooltip_seat = hover.or(if *map_has_focus { props.focus } else { None }).filter(|s| Some(*s) != *closed);
    // Always rendered (empty when nothing is pointed at), so the map's
    // children never shift and Yew never rebuilds the SVG under the focus.
    let tooltip = match (tooltip_seat, port, per_unit, detail) {
        (Some(seat), Some(port), Some(per_unit), Some(Detail::Seats)) => {
            let s = plan.seat(seat);
            let (x, y) = view.to_view(port, (s.x, s.y));
            html! {
                <Tooltip venue={props.venue.clone()} availability={props.availability.clone()}
                         state={props.states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unknown)}
                         seat={seat} money={props.money.clone()} x={x} y={y}
                         radius={pitch * per_unit * SEAT_SIZE / 2.0} width={port.width} height={port.height} />
            }
        }
        _ => html! {},
    };
    let standing = marks::standing_blocks(props, per_unit.unwrap_or(1.0));
    let areas = plan.zoomable_areas().map(|(ix, _)| {
        html! { <option value={ix.0.to_string()}>{ plan.area_path(ix).join(" › ") }</option> }
    });
    let svg_label = match detail {
        Some(Detail::Areas) => format!(
            "Seating plan: {}. Each area is listed with the places left; choose one to see its seats.",
            plan.name
        ),
        _ => format!(
            "Seating plan: {}. Arrow keys move between seats, Home and End along a row, Page Up and Page Down between rows; Enter chooses.",
            plan.name
        ),
    };
    let zoomed = *view != fit;
    let svg_class =
        classes!("seatmap-svg", zoomed.then_some("is-zoomed"), (detail != Some(Detail::Seats)).then_some("is-areas"),);
    let focus_ring = match (*map_has_focus && *ring, props.focus, per_unit, detail) {
        (true, Some(seat), Some(per_unit), Some(Detail::Seats)) => marks::focus_ring(plan, seat, per_unit),
        _ => html! {},
    };
    // The overview's callbacks stay the same from one render to the next
    // (the latest `open_area` is reached through a cell), so that, hidden
    // behind the seats, it is not re-rendered by a click on a seat.
    let overview_on_focus = use_callback(overview_focus.setter(), |i: usize, focus| focus.set(i));
    let latest_open_area = use_mut_ref(Callback::noop);
    *latest_open_area.borrow_mut() = open_area.clone();
    let overview_on_open = (*use_memo((), move |_| {
        Callback::from(move |opened: (AreaIndex, bool)| {
            let open_area = latest_open_area.borrow().clone();
            open_area.emit(opened)
        })
    }))
    .clone();
    // Always there once sized (hidden by the stylesheet while seats show),
    // so Escape out of an area can give the list its focus back.
    let overview = match (detail, per_unit) {
        (Some(_), Some(per_unit)) => html! {
            <Overview key="overview" venue={props.venue.clone()} shapes={Shared(shapes.clone())}
                      summaries={Shared(summaries.clone())} money={props.money.clone()} per_unit={per_unit}
                      focus={*overview_focus} take_focus={*overview_take_focus}
                      on_focus={overview_on_focus} on_open={overview_on_open} />
        },
        _ => html! {},
    };
    let seat_marks = match (detail, per_unit, visible) {
        (Some(Detail::Seats), Some(per_unit), Some(visible)) => html! {
            <>
                <RowLetters key="rows" venue={props.venue.clone()} per_unit={per_unit} visible={visible} />
                <AreaLabels key="labels" venue={props.venue.clone()} per_unit={per_unit} visible={visible} />
            </>
        },
        _ => html! {},
    };

    html! {
        <div class="seatmap-stage" part="map" onfocusin={on_focus_in} onfocusout={on_focus_out} onkeydown={on_key}>
            <div key="toolbar" class="seatmap-toolbar" part="toolbar" role="toolbar" aria-label="Map view">
                <button type="button" part="button toolbar-button" onclick={zoom_by(1.5)} aria-label="Zoom in" data-testid="zoom-in">{"+"}</button>
                <button type="button" part="button toolbar-button" onclick={zoom_by(1.0 / 1.5)} aria-label="Zoom out" data-testid="zoom-out">{"−"}</button>
                <button type="button" part="button toolbar-button" onclick={reset} data-testid="zoom-fit">{"Fit"}</button>
                <label class="seatmap-area-picker">
                    <span class="seatmap-visually-hidden">{"Zoom to an area"}</span>
                    <select part="toolbar-select" onchange={zoom_to_area} data-testid="zoom-area">
                        <option value="" selected=true>{"Whole venue"}</option>
                        { for areas }
                    </select>
                </label>
            </div>
            <div key="viewport" class="seatmap-viewport">
                <svg ref={svg_ref} class={svg_class} viewBox={view.attribute()} preserveAspectRatio="xMidYMid meet"
                     role="application" aria-roledescription="seat map" aria-label={svg_label} data-testid="seatmap-svg"
                     data-detail={match detail { Some(Detail::Seats) => "seats", Some(Detail::Areas) => "areas", None => "" }}>
                    { marks::background(&props.venue, { let picture = picture.clone(); let venue = props.venue.clone();
                        Callback::from(move |r| picture.set(Some((venue.clone(), r)))) }) }
                    <g key="standing" class="seatmap-standing-areas">{ for standing }</g>
                    { overview }
                    <SeatLayer key="seats" venue={props.venue.clone()} states={props.states.clone()} availability={props.availability.clone()}
                               money={props.money.clone()} focus={props.focus} hover={*hover} highlight={props.highlight.clone()}
                               areas={areas_drawn} take_focus={*seats_take_focus}
                               on_click={on_click} on_toggle={props.on_toggle.clone()} on_focus={props.on_focus.clone()}
                               on_reach={on_reach} {on_hover} {on_escape} />
                    { seat_marks }
                    { focus_ring }
                </svg>
                <div key="tooltip" class="seatmap-tooltip-layer">{ tooltip }</div>
            </div>
        </div>
    }
}

/// The first seat of `area` a buyer could choose (else its first seat), row by row.
fn first_seat_of(venue: &Venue, states: &[SeatState], area: AreaIndex) -> Option<SeatIndex> {
    let rows = venue.plan.seat_rows.all().iter().filter(|r| r.area == area);
    let seats: Vec<SeatIndex> = rows.flat_map(|r| r.seats.iter().copied()).collect();
    seats
        .iter()
        .copied()
        .find(|s| states.get(s.0 as usize).is_some_and(|st| st.is_selectable()))
        .or(seats.first().copied())
}
