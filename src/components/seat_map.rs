//! The map: one SVG with one `viewBox` (zoom and pan change only that),
//! area names, unreserved areas as blocks, the seat layer, and the tooltip.
//! Wheel and pinch zoom about the pointer; dragging pans; a drag never
//! counts as a click on a seat.

use crate::components::seat_layer::SeatLayer;
use crate::components::tooltip::Tooltip;
use crate::money::Formatter;
use crate::shared::Shared;
use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use seatmap_core::{
    fixed, AreaIndex, AreaKind, Availability, Money, Rect, SeatIndex, SeatState, Venue, ViewBox, Viewport,
};
use std::cell::RefCell;
use std::rc::Rc;
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
}

impl Gesture {
    fn position(&self, id: i32) -> Option<(f64, f64)> {
        self.pointers.iter().find(|(p, _)| *p == id).map(|(_, at)| *at)
    }

    fn set(&mut self, id: i32, at: (f64, f64)) {
        match self.pointers.iter_mut().find(|(p, _)| *p == id) {
            Some(slot) => slot.1 = at,
            None => self.pointers.push((id, at)),
        }
    }
}

#[derive(Default)]
struct Gesture {
    /// Pointers down on the map (two for a pinch), by pointer id.
    pointers: Vec<(i32, (f64, f64))>,
    start: Option<(f64, f64)>,
    dragged: bool,
    pinch: Option<f64>,
}

#[function_component(SeatMap)]
pub fn seat_map(props: &SeatMapProps) -> Html {
    let fit = ViewBox::fit(props.venue.plan.bounds);
    let view = use_state(|| fit);
    let hover = use_state(|| None::<SeatIndex>);
    let map_has_focus = use_state(|| false);
    let svg_ref = use_node_ref();
    let gesture = use_mut_ref(Gesture::default);
    // Latest view for native listeners, which outlive one render.
    let view_cell = use_mut_ref(|| *view);
    *view_cell.borrow_mut() = *view;

    // Seat outlines scale with the seats. Set through the CSSOM, not a
    // `style` attribute, which a strict Content-Security-Policy blocks.
    {
        let svg_ref = svg_ref.clone();
        use_effect_with(props.venue.plan.seat_pitch.to_bits(), move |bits| {
            if let Some(svg) = svg_ref.cast::<web_sys::SvgElement>() {
                let width = fixed(f64::from_bits(*bits) * 0.09, 2);
                let _ = svg.style().set_property("--seat-stroke", &width);
            }
            || ()
        });
    }

    // A new plan starts fitted.
    {
        let view = view.clone();
        use_effect_with(props.venue.clone(), move |venue| {
            view.set(ViewBox::fit(venue.plan.bounds));
            || ()
        });
    }

    // Keep the focused seat in view.
    {
        let view = view.clone();
        let venue = props.venue.clone();
        let svg_ref = svg_ref.clone();
        use_effect_with(props.focus, move |focus| {
            if let (Some(seat), Some(svg)) = (focus, svg_ref.cast::<Element>()) {
                let s = venue.plan.seat(*seat);
                let fit = ViewBox::fit(venue.plan.bounds);
                let inner = ViewBox {
                    x: view.x + view.width * 0.05,
                    y: view.y + view.height * 0.05,
                    width: view.width * 0.9,
                    height: view.height * 0.9,
                };
                if !inner.contains((s.x, s.y)) && viewport(&svg).width > 0.0 {
                    view.set(view.centred_on((s.x, s.y), &fit));
                }
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
        use_effect_with(props.venue.clone(), move |venue| {
            let fit = ViewBox::fit(venue.plan.bounds);
            let listeners = svg_ref.cast::<Element>().map(|svg| gestures(&svg, fit, view, gesture, view_cell));
            move || drop(listeners)
        });
    }

    let zoom_by = {
        let view = view.clone();
        let svg_ref = svg_ref.clone();
        move |factor: f64| {
            let view = view.clone();
            let svg_ref = svg_ref.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(svg) = svg_ref.cast::<Element>() {
                    let port = viewport(&svg);
                    view.set(view.zoom(port, (port.width / 2.0, port.height / 2.0), factor, &fit));
                }
            })
        }
    };
    let reset = {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(fit))
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
        Callback::from(move |_: FocusEvent| map_has_focus.set(true))
    };
    let on_focus_out = {
        let map_has_focus = map_has_focus.clone();
        Callback::from(move |_: FocusEvent| map_has_focus.set(false))
    };
    let on_key = {
        let zoom_in = zoom_by(1.5);
        let zoom_out = zoom_by(1.0 / 1.5);
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "+" | "=" => zoom_in.emit(MouseEvent::new("click").expect("a click event")),
            "-" | "_" => zoom_out.emit(MouseEvent::new("click").expect("a click event")),
            _ => {}
        })
    };

    let plan = &props.venue.plan;
    let pitch = plan.seat_pitch;
    let tooltip_seat = hover.or(if *map_has_focus { props.focus } else { None });
    // Always rendered (empty when nothing is pointed at), so the map's
    // children never shift and Yew never rebuilds the SVG under the focus.
    let tooltip = match (tooltip_seat, svg_ref.cast::<Element>()) {
        (Some(seat), Some(svg)) => {
            let s = plan.seat(seat);
            let (x, y) = view.to_view(viewport(&svg), (s.x, s.y - pitch * 0.6));
            html! {
                <Tooltip venue={props.venue.clone()} availability={props.availability.clone()}
                         state={props.states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unavailable)}
                         seat={seat} money={props.money.clone()} x={x} y={y} />
            }
        }
        _ => html! {},
    };
    let area_labels = plan.zoomable_areas().filter(|(_, a)| !matches!(a.kind, AreaKind::Unreserved { .. })).map(|(ix, area)| {
        let b = area.bounds.unwrap_or(Rect { x: 0.0, y: 0.0, width: 0.0, height: 0.0 });
        let is_leaf = !plan.areas.iter().any(|other| other.parent == Some(ix));
        html! {
            if is_leaf {
                <text class="seatmap-area-label" x={fixed(b.x + b.width / 2.0, 1)} y={fixed(b.y - pitch * 0.5, 1)}
                      font-size={fixed(pitch * 0.9, 1)} text-anchor="middle" aria-hidden="true">{ area.name.to_string() }</text>
            }
        }
    });
    let standing = plan.unreserved_areas().map(|(ix, area)| {
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
                <text x={fixed(rect.x + rect.width / 2.0, 2)} y={fixed(rect.y + rect.height / 2.0, 2)} font-size={fixed(pitch * 0.8, 1)}
                      text-anchor="middle" dominant-baseline="middle" aria-hidden="true">
                    // The words of its accessible name, so speech users can say what they see.
                    { format!("{} · {} place{} left", area.name, places, if places == 1 { "" } else { "s" }) }
                </text>
            </g>
        }
    });
    let areas = plan.zoomable_areas().map(|(ix, _)| {
        html! { <option value={ix.0.to_string()}>{ plan.area_path(ix).join(" › ") }</option> }
    });
    let svg_label =
        format!("Seating plan: {}. Use the arrow keys to move between seats and Enter to choose.", plan.name);

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
                <svg key="svg" ref={svg_ref} class="seatmap-svg" viewBox={view.attribute()} preserveAspectRatio="xMidYMid meet"
                     role="application" aria-roledescription="seat map" aria-label={svg_label} data-testid="seatmap-svg"
    >
                    <g key="areas" class="seatmap-areas">{ for area_labels }</g>
                    <g key="standing" class="seatmap-standing-areas">{ for standing }</g>
                    <SeatLayer key="seats" venue={props.venue.clone()} states={props.states.clone()} availability={props.availability.clone()}
                               money={props.money.clone()} focus={props.focus} highlight={props.highlight.clone()}
                               on_toggle={props.on_toggle.clone()} on_focus={props.on_focus.clone()} {on_hover} />
                </svg>
                <div key="tooltip" class="seatmap-tooltip-layer">{ tooltip }</div>
            </div>
        }
}

fn viewport(svg: &Element) -> Viewport {
    let r = svg.get_bounding_client_rect();
    Viewport { width: r.width(), height: r.height() }
}

fn local_point(svg: &Element, client_x: f64, client_y: f64) -> (f64, f64) {
    let r = svg.get_bounding_client_rect();
    (client_x - r.left(), client_y - r.top())
}

fn gestures(
    svg: &Element,
    fit: ViewBox,
    view: UseStateHandle<ViewBox>,
    gesture: Rc<RefCell<Gesture>>,
    current: Rc<RefCell<ViewBox>>,
) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let set = {
        let current = current.clone();
        move |next: ViewBox| {
            *current.borrow_mut() = next;
            view.set(next);
        }
    };
    {
        let svg = svg.clone();
        let set = set.clone();
        let current = current.clone();
        let options = EventListenerOptions::enable_prevent_default();
        listeners.push(EventListener::new_with_options(&svg.clone(), "wheel", options, move |e| {
            let Some(w) = e.dyn_ref::<WheelEvent>() else { return };
            e.prevent_default();
            let port = viewport(&svg);
            let anchor = local_point(&svg, w.client_x() as f64, w.client_y() as f64);
            let factor = (-w.delta_y() * if w.delta_mode() == 1 { 16.0 } else { 1.0 } / 400.0).exp();
            let next = current.borrow().zoom(port, anchor, factor, &fit);
            set(next);
        }));
    }
    {
        let gesture = gesture.clone();
        listeners.push(EventListener::new(svg, "pointerdown", move |e| {
            let Some(p) = e.dyn_ref::<PointerEvent>() else { return };
            let mut g = gesture.borrow_mut();
            g.set(p.pointer_id(), (p.client_x() as f64, p.client_y() as f64));
            if g.pointers.len() == 1 {
                g.start = Some((p.client_x() as f64, p.client_y() as f64));
                g.dragged = false;
            }
            g.pinch = None;
        }));
    }
    {
        let svg2 = svg.clone();
        let gesture = gesture.clone();
        let set = set.clone();
        let current = current.clone();
        listeners.push(EventListener::new(svg, "pointermove", move |e| {
            let Some(p) = e.dyn_ref::<PointerEvent>() else { return };
            let mut g = gesture.borrow_mut();
            let Some(previous) = g.position(p.pointer_id()) else { return };
            let now = (p.client_x() as f64, p.client_y() as f64);
            g.set(p.pointer_id(), now);
            let port = viewport(&svg2);
            if g.pointers.len() >= 2 {
                let pts: Vec<(f64, f64)> = g.pointers.iter().take(2).map(|(_, at)| *at).collect();
                let distance = ((pts[0].0 - pts[1].0).powi(2) + (pts[0].1 - pts[1].1).powi(2)).sqrt();
                let mid = local_point(&svg2, (pts[0].0 + pts[1].0) / 2.0, (pts[0].1 + pts[1].1) / 2.0);
                if let Some(before) = g.pinch.filter(|b| *b > 0.0) {
                    let next = current.borrow().zoom(port, mid, distance / before, &fit);
                    set(next);
                }
                g.pinch = Some(distance);
                g.dragged = true;
                return;
            }
            if let Some(start) = g.start {
                if !g.dragged && ((now.0 - start.0).powi(2) + (now.1 - start.1).powi(2)).sqrt() > 6.0 {
                    g.dragged = true;
                    // Capture only once it is a drag, so a plain click still lands on its seat.
                    let _ = svg2.set_pointer_capture(p.pointer_id());
                }
            }
            if g.dragged {
                let next = current.borrow().pan(port, now.0 - previous.0, now.1 - previous.1, &fit);
                set(next);
            }
        }));
    }
    for name in ["pointerup", "pointercancel"] {
        let gesture = gesture.clone();
        listeners.push(EventListener::new(svg, name, move |e| {
            if let Some(p) = e.dyn_ref::<PointerEvent>() {
                let mut g = gesture.borrow_mut();
                g.pointers.retain(|(id, _)| *id != p.pointer_id());
                g.pinch = None;
            }
        }));
    }
    {
        // A drag ends with a click on whatever is under the pointer: swallow it.
        let gesture = gesture.clone();
        let options = EventListenerOptions { phase: EventListenerPhase::Capture, passive: false };
        listeners.push(EventListener::new_with_options(svg, "click", options, move |e| {
            let mut g = gesture.borrow_mut();
            if g.dragged {
                e.stop_propagation();
                e.prevent_default();
                g.dragged = false;
            }
        }));
    }
    listeners
}
