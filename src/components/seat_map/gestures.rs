//! Wheel and pinch zoom about the pointer; dragging pans; a drag never
//! counts as a click on a seat. Native listeners: wheel must not be passive.

use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
use seatmap_core::{ViewBox, Viewport};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};
use yew::UseStateHandle;

#[derive(Default)]
pub struct Gesture {
    /// Pointers down on the map (two for a pinch), by pointer id.
    pointers: Vec<(i32, (f64, f64))>,
    start: Option<(f64, f64)>,
    dragged: bool,
    pinch: Option<f64>,
    /// The press is a finger.
    touch: bool,
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

fn viewport(svg: &Element) -> Viewport {
    let r = svg.get_bounding_client_rect();
    Viewport { width: r.width(), height: r.height() }
}

/// A client point in pixels from the SVG's top-left corner.
pub fn local_point(svg: &Element, client_x: f64, client_y: f64) -> (f64, f64) {
    let r = svg.get_bounding_client_rect();
    (client_x - r.left(), client_y - r.top())
}

pub fn listen(
    svg: &Element,
    fit: Rc<RefCell<ViewBox>>,
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
        let fit = fit.clone();
        let options = EventListenerOptions::enable_prevent_default();
        listeners.push(EventListener::new_with_options(&svg.clone(), "wheel", options, move |e| {
            let Some(w) = e.dyn_ref::<WheelEvent>() else { return };
            e.prevent_default();
            let port = viewport(&svg);
            let anchor = local_point(&svg, w.client_x() as f64, w.client_y() as f64);
            let factor = (-w.delta_y() * if w.delta_mode() == 1 { 16.0 } else { 1.0 } / 400.0).exp();
            let next = current.borrow().zoom(port, anchor, factor, &fit.borrow());
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
                g.touch = p.pointer_type() == "touch";
            }
            g.pinch = None;
        }));
    }
    {
        let svg2 = svg.clone();
        let gesture = gesture.clone();
        let set = set.clone();
        let current = current.clone();
        let fit = fit.clone();
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
                    let next = current.borrow().zoom(port, mid, distance / before, &fit.borrow());
                    set(next);
                }
                g.pinch = Some(distance);
                g.dragged = true;
                return;
            }
            // A finger on the fitted map is the page's (touch-action: pan-y):
            // panning it sideways would leave "fit" and trap the next swipe.
            if g.touch && *current.borrow() == *fit.borrow() {
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
                let next = current.borrow().pan(port, now.0 - previous.0, now.1 - previous.1, &fit.borrow());
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
