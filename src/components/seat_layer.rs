//! The seats: one SVG `<path>` per seat, grouped by area and row for
//! assistive technology (`<g role="group" aria-label="Stalls">` holding
//! `<g role="group" aria-label="Row C">`), each area drawn in one go when
//! the map first shows its seats and then updated in place. Yew renders
//! only the empty `<g>`; this component owns its children. A poll that
//! changes a few seats touches only those seats' attributes.
//!
//! A seat element is lean: one class (state and band colour), its id, its
//! state and its outline. Only the map's roving tab stop and the seat under
//! the pointer carry a role and a name (formatted when they become so):
//! 20,000 named checkboxes cost parsing, memory and an accessibility tree
//! nobody can use, while a keyboard or screen-reader user hears each seat
//! as focus reaches it, inside its area's and row's groups.
//!
//! Keyboard: the map is one tab stop; arrows move in screen directions,
//! Home/End along the row, PageUp/PageDown between rows and areas; Enter or
//! Space toggles; Escape asks the map to step back out.

use crate::money::Formatter;
use crate::shared::Shared;
use gloo_events::{EventListener, EventListenerOptions};
use seatmap_core::{
    close_group, open_group, row_group_label, seat_attributes, seat_label, write_seat, AreaIndex, Availability,
    SeatIndex, SeatLook, SeatState, Shapes, Step, Venue, SEAT_ATTRIBUTE_NAMES,
};
use std::cell::{Cell, RefCell};
use std::ops::Range;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCollection};
use yew::prelude::*;

/// A click or tap on a seat, with what the map needs to decide between
/// choosing it and zooming in first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SeatClick {
    pub seat: SeatIndex,
    /// A finger or pen (not a mouse, not a synthetic click).
    pub touch: bool,
    /// Where, in client pixels.
    pub client: (f64, f64),
}

#[derive(Properties, PartialEq)]
pub struct SeatLayerProps {
    pub venue: Shared<Venue>,
    pub states: Shared<Vec<SeatState>>,
    pub availability: Shared<Availability>,
    pub money: Shared<Formatter>,
    /// The seat that holds the roving tab stop (and keyboard focus, if the map has it).
    pub focus: Option<SeatIndex>,
    /// The seat under the pointer (named while it is).
    pub hover: Option<SeatIndex>,
    /// Seats to point out (e.g. best-available results).
    pub highlight: Shared<[SeatIndex]>,
    /// By area: whether its seats are drawn (only grows).
    pub areas: Shared<[bool]>,
    /// Changed to move keyboard focus onto the tab stop (after Enter on an area).
    pub take_focus: u32,
    pub on_click: Callback<SeatClick>,
    pub on_toggle: Callback<SeatIndex>,
    /// The tab stop moved to this seat (keyboard or pointer).
    pub on_focus: Callback<SeatIndex>,
    /// The keyboard reached this seat: keep it in view.
    pub on_reach: Callback<SeatIndex>,
    pub on_hover: Callback<Option<SeatIndex>>,
    /// Escape on a seat.
    pub on_escape: Callback<()>,
}

/// What the DOM currently shows, to update only what changed.
#[derive(Default)]
struct Drawn {
    venue: Option<Shared<Venue>>,
    shapes: Option<Shapes>,
    /// By area: the rows it holds (indexes into the plan's rows).
    area_rows: Vec<Range<usize>>,
    /// By area: its group element, once drawn.
    area_groups: Vec<Option<Element>>,
    /// By row: its seat elements, once its area is drawn.
    rows: Vec<Option<HtmlCollection>>,
    /// By seat: its place in its row.
    positions: Vec<u32>,
    /// By seat: what it shows (state, band colour); meaningful once drawn.
    states: Vec<SeatState>,
    colours: Vec<Option<u16>>,
    /// The states and availability last drawn.
    drawn_states: Option<Shared<Vec<SeatState>>>,
    availability: Option<Shared<Availability>>,
    /// Seats that carry a name now, and the name.
    named: Vec<(SeatIndex, String)>,
    tab_stop: Option<SeatIndex>,
    highlight: Vec<SeatIndex>,
    take_focus: u32,
    /// Kept for their `Drop`, which removes them.
    _listeners: Vec<EventListener>,
}

/// The latest callbacks, read by the DOM listeners.
struct Handlers {
    venue: Option<Shared<Venue>>,
    on_click: Callback<SeatClick>,
    on_toggle: Callback<SeatIndex>,
    on_focus: Callback<SeatIndex>,
    on_reach: Callback<SeatIndex>,
    on_hover: Callback<Option<SeatIndex>>,
    on_escape: Callback<()>,
    /// A pointer is down: focus that arrives now came from it, not the keyboard.
    pointer_down: Cell<bool>,
    /// The pointer type of the last press ("mouse", "touch", "pen").
    pointer_type: RefCell<String>,
}

#[function_component(SeatLayer)]
pub fn seat_layer(props: &SeatLayerProps) -> Html {
    let node = use_node_ref();
    let drawn = use_mut_ref(Drawn::default);
    let handlers = use_mut_ref(|| Handlers {
        venue: None,
        on_click: props.on_click.clone(),
        on_toggle: props.on_toggle.clone(),
        on_focus: props.on_focus.clone(),
        on_reach: props.on_reach.clone(),
        on_hover: props.on_hover.clone(),
        on_escape: props.on_escape.clone(),
        pointer_down: Cell::new(false),
        pointer_type: RefCell::new(String::new()),
    });
    {
        let mut h = handlers.borrow_mut();
        h.venue = Some(props.venue.clone());
        h.on_click = props.on_click.clone();
        h.on_toggle = props.on_toggle.clone();
        h.on_focus = props.on_focus.clone();
        h.on_reach = props.on_reach.clone();
        h.on_hover = props.on_hover.clone();
        h.on_escape = props.on_escape.clone();
    }
    {
        let node = node.clone();
        let drawn = drawn.clone();
        let handlers = handlers.clone();
        let p = Inputs {
            venue: props.venue.clone(),
            states: props.states.clone(),
            availability: props.availability.clone(),
            money: props.money.clone(),
            focus: props.focus,
            hover: props.hover,
            highlight: props.highlight.clone(),
            areas: props.areas.clone(),
            take_focus: props.take_focus,
        };
        use_effect(move || {
            if let Some(group) = node.cast::<Element>() {
                let mut d = drawn.borrow_mut();
                if d.venue.as_ref() != Some(&p.venue) {
                    reset(&group, &mut d, &p.venue, &handlers);
                }
                update(&mut d, &p);
                draw_areas(&group, &mut d, &p);
                name_seats(&group, &mut d, &p);
                set_highlight(&mut d, &p.highlight);
            }
            || ()
        });
    }
    html! { <g class="seatmap-seats" ref={node}></g> }
}

/// This render's inputs, as the effect sees them.
struct Inputs {
    venue: Shared<Venue>,
    states: Shared<Vec<SeatState>>,
    availability: Shared<Availability>,
    money: Shared<Formatter>,
    focus: Option<SeatIndex>,
    hover: Option<SeatIndex>,
    highlight: Shared<[SeatIndex]>,
    areas: Shared<[bool]>,
    take_focus: u32,
}

/// A new plan: forget everything drawn.
fn reset(group: &Element, d: &mut Drawn, venue: &Shared<Venue>, handlers: &Rc<RefCell<Handlers>>) {
    group.set_text_content(None);
    let plan = &venue.plan;
    let rows = plan.seat_rows.all();
    let mut area_rows = vec![0..0; plan.areas.len()];
    let mut start = 0;
    for (i, row) in rows.iter().enumerate() {
        if i + 1 == rows.len() || rows[i + 1].area != row.area {
            area_rows[row.area.0 as usize] = start..i + 1;
            start = i + 1;
        }
    }
    let mut positions = vec![0u32; plan.seat_count()];
    for row in rows {
        for (p, seat) in row.seats.iter().enumerate() {
            positions[seat.0 as usize] = p as u32;
        }
    }
    let take_focus = d.take_focus;
    *d = Drawn {
        venue: Some(venue.clone()),
        shapes: Some(Shapes::new(plan.seat_pitch)),
        area_rows,
        area_groups: vec![None; plan.areas.len()],
        rows: vec![None; rows.len()],
        positions,
        states: vec![SeatState::Unknown; plan.seat_count()],
        colours: vec![None; plan.seat_count()],
        take_focus,
        _listeners: listen(group, handlers),
        ..Drawn::default()
    };
}

fn colour_of(venue: &Venue, availability: &Availability, seat: SeatIndex) -> Option<u16> {
    availability.seat(seat).band.map(|b| venue.prices.band(b).colour)
}

fn look<'a>(
    venue: &'a Venue,
    seat: SeatIndex,
    state: SeatState,
    colour: Option<u16>,
    label: Option<&'a str>,
    tab_stop: bool,
) -> SeatLook<'a> {
    let s = venue.plan.seat(seat);
    SeatLook { id: &s.id, x: s.x, y: s.y, state, colour, label, tab_stop }
}

/// Brings one seat element from what `old` says to what `new` says, through
/// the one function that decides a seat's attributes.
fn rewrite(el: &Element, shapes: &Shapes, old: &SeatLook, new: &SeatLook) {
    let before = seat_attributes(shapes, old);
    let after = seat_attributes(shapes, new);
    for (i, name) in SEAT_ATTRIBUTE_NAMES.iter().enumerate() {
        if before[i] == after[i] {
            continue;
        }
        let _ = match &after[i] {
            Some(value) => el.set_attribute(name, &value.text()),
            None => el.remove_attribute(name),
        };
    }
}

/// The element drawing `seat`, if its area is drawn.
fn seat_element(d: &Drawn, seat: SeatIndex) -> Option<Element> {
    let venue = d.venue.as_ref()?;
    let row = venue.plan.seat_rows.row_of(seat);
    d.rows.get(row)?.as_ref()?.item(d.positions[seat.0 as usize])
}

fn is_drawn(d: &Drawn, seat: SeatIndex) -> bool {
    d.venue.as_ref().is_some_and(|v| d.rows[v.plan.seat_rows.row_of(seat)].is_some())
}

/// Draws the areas asked for that are not drawn yet: each one markup string.
fn draw_areas(group: &Element, d: &mut Drawn, p: &Inputs) {
    let Some(venue) = d.venue.clone() else { return };
    let plan = &venue.plan;
    let Some(document) = group.owner_document() else { return };
    for area in 0..plan.areas.len() {
        if !p.areas.get(area).copied().unwrap_or(false) || d.area_groups[area].is_some() || d.area_rows[area].is_empty()
        {
            continue;
        }
        let Some(shapes) = d.shapes.as_ref() else { return };
        let rows = d.area_rows[area].clone();
        let seats: usize = rows.clone().map(|r| plan.seat_rows.row(r).seats.len()).sum();
        let mut markup = String::with_capacity(seats * 120 + rows.len() * 64);
        for r in rows.clone() {
            let row = plan.seat_rows.row(r);
            open_group(&mut markup, "seatmap-row", &row_group_label(&row.name));
            for &seat in &row.seats {
                let i = seat.0 as usize;
                let state = p.states.get(i).copied().unwrap_or(SeatState::Unknown);
                let colour = colour_of(&venue, &p.availability, seat);
                d.states[i] = state;
                d.colours[i] = colour;
                write_seat(&mut markup, shapes, &look(&venue, seat, state, colour, None, false));
            }
            close_group(&mut markup);
        }
        let Ok(element) = document.create_element_ns(Some("http://www.w3.org/2000/svg"), "g") else { return };
        let _ = element.set_attribute("class", "seatmap-area-seats");
        let _ = element.set_attribute("role", "group");
        let _ = element.set_attribute("aria-label", &plan.area_path(AreaIndex(area as u32)).join(", "));
        let _ = element.set_attribute("data-area-id", &plan.areas[area].id);
        if let Err(e) = crate::trusted_html::set_inner_html(&element, &markup) {
            crate::host::console_error(&format!("could not draw the seats: {e:?}"));
            return;
        }
        // Areas stay in plan order, whatever order they are drawn in.
        let next = d.area_groups[area + 1..].iter().flatten().next().cloned();
        let _ = group.insert_before(&element, next.as_ref().map(|n| n.as_ref()));
        let children = element.children();
        for (k, r) in rows.enumerate() {
            d.rows[r] = children.item(k as u32).map(|row| row.children());
        }
        d.area_groups[area] = Some(element);
    }
    d.drawn_states = Some(p.states.clone());
    d.availability = Some(p.availability.clone());
}

/// Brings drawn seats up to date with new states or availability.
fn update(d: &mut Drawn, p: &Inputs) {
    let availability_changed = d.availability.as_ref() != Some(&p.availability);
    if d.drawn_states.as_ref() == Some(&p.states) && !availability_changed {
        return;
    }
    let old_availability = d.availability.clone();
    let Some(venue) = d.venue.clone() else { return };
    let Some(shapes) = d.shapes.take() else { return };
    for (i, state) in p.states.iter().enumerate() {
        let seat = SeatIndex(i as u32);
        let old_state = d.states[i];
        let seat_changed = availability_changed
            && old_availability.as_ref().is_none_or(|old| old.seat(seat) != p.availability.seat(seat));
        if (old_state == *state && !seat_changed) || !is_drawn(d, seat) {
            continue;
        }
        let colour = colour_of(&venue, &p.availability, seat);
        if let Some(el) = seat_element(d, seat) {
            let tab_stop = d.tab_stop == Some(seat);
            let named = d.named.iter().position(|(s, _)| *s == seat);
            // A named seat's name says its state: it is written anew with it.
            let label = named.map(|_| seat_label(&venue.plan, &venue.prices, &p.availability, *state, seat, &*p.money));
            let old_label = named.map(|n| d.named[n].1.as_str());
            let old = look(&venue, seat, old_state, d.colours[i], old_label, tab_stop);
            let new = look(&venue, seat, *state, colour, label.as_deref(), tab_stop);
            rewrite(&el, &shapes, &old, &new);
            if let (Some(n), Some(label)) = (named, label) {
                d.named[n].1 = label;
            }
            if d.highlight.contains(&seat) {
                let _ = el.class_list().add_1("is-highlight");
            }
        }
        d.states[i] = *state;
        d.colours[i] = colour;
    }
    d.shapes = Some(shapes);
    d.availability = Some(p.availability.clone());
    d.drawn_states = Some(p.states.clone());
}

/// Gives the tab stop and the hovered seat their role and name, and takes
/// them from seats that are no longer either; moves keyboard focus with
/// the tab stop when the map had it (or when asked to).
fn name_seats(group: &Element, d: &mut Drawn, p: &Inputs) {
    let Some(venue) = d.venue.clone() else { return };
    let tab_stop = p.focus.filter(|s| is_drawn(d, *s)).or_else(|| first_open_seat(d, &venue, &p.states));
    let hover = p.hover.filter(|s| is_drawn(d, *s) && Some(*s) != tab_stop);
    let wanted: Vec<SeatIndex> = [tab_stop, hover].into_iter().flatten().collect();
    let old_tab_stop = d.tab_stop;
    let unchanged = old_tab_stop == tab_stop
        && d.named.len() == wanted.len()
        && d.named.iter().zip(&wanted).all(|((a, _), b)| a == b);
    let asked = p.take_focus != d.take_focus;
    d.take_focus = p.take_focus;
    if unchanged && !asked {
        return;
    }
    let had_focus = active_seat(group).is_some();
    let Some(shapes) = d.shapes.take() else { return };
    let previous: Vec<(SeatIndex, String)> = std::mem::take(&mut d.named);
    let state_of = |d: &Drawn, seat: SeatIndex| (d.states[seat.0 as usize], d.colours[seat.0 as usize]);
    for (seat, label) in previous.iter().filter(|(s, _)| !wanted.contains(s)) {
        if let Some(el) = seat_element(d, *seat) {
            let (state, colour) = state_of(d, *seat);
            let old = look(&venue, *seat, state, colour, Some(label), old_tab_stop == Some(*seat));
            rewrite(&el, &shapes, &old, &look(&venue, *seat, state, colour, None, false));
        }
    }
    let mut named = Vec::with_capacity(wanted.len());
    for seat in wanted {
        let (state, colour) = state_of(d, seat);
        let old_label = previous.iter().find(|(s, _)| *s == seat).map(|(_, l)| l.clone());
        let label = old_label
            .clone()
            .unwrap_or_else(|| seat_label(&venue.plan, &venue.prices, &p.availability, state, seat, &*p.money));
        if let Some(el) = seat_element(d, seat) {
            let old = look(&venue, seat, state, colour, old_label.as_deref(), old_tab_stop == Some(seat));
            let new = look(&venue, seat, state, colour, Some(&label), tab_stop == Some(seat));
            rewrite(&el, &shapes, &old, &new);
        }
        named.push((seat, label));
    }
    d.named = named;
    d.tab_stop = tab_stop;
    d.shapes = Some(shapes);
    if (had_focus && old_tab_stop != tab_stop) || asked {
        if let Some(el) = tab_stop.and_then(|s| seat_element(d, s)) {
            if let Some(el) = el.dyn_ref::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
    }
}

/// The seat that has keyboard focus, if one of these has it (in a
/// document or a shadow root alike).
fn active_seat(group: &Element) -> Option<Element> {
    let active = crate::host::focused_element(group)?;
    (group.contains(Some(&active)) && active.has_attribute("data-seat-id")).then_some(active)
}

fn first_open_seat(d: &Drawn, venue: &Venue, states: &[SeatState]) -> Option<SeatIndex> {
    let rows = venue.plan.seat_rows.all();
    let drawn_rows = || rows.iter().enumerate().filter(|(r, _)| d.rows[*r].is_some());
    let seats = || drawn_rows().flat_map(|(_, row)| row.seats.iter().copied());
    seats().find(|s| states.get(s.0 as usize).is_some_and(|st| st.is_selectable())).or_else(|| seats().next())
}

fn set_highlight(d: &mut Drawn, highlight: &[SeatIndex]) {
    if d.highlight.as_slice() == highlight {
        return;
    }
    for s in &d.highlight {
        if let Some(el) = seat_element(d, *s) {
            let _ = el.class_list().remove_1("is-highlight");
        }
    }
    for s in highlight {
        if let Some(el) = seat_element(d, *s) {
            let _ = el.class_list().add_1("is-highlight");
        }
    }
    d.highlight = highlight.to_vec();
}

/// The seat an event happened on, if any.
fn seat_of(handlers: &Handlers, target: Option<web_sys::EventTarget>) -> Option<SeatIndex> {
    let el: Element = target?.dyn_into().ok()?;
    let id = el.get_attribute("data-seat-id")?;
    handlers.venue.as_ref()?.plan.seat_by_id(&id)
}

fn listen(group: &Element, handlers: &Rc<RefCell<Handlers>>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let h = handlers.clone();
    listeners.push(EventListener::new(group, "click", move |e| {
        let h = h.borrow();
        let Some(seat) = seat_of(&h, e.target()) else { return };
        let (touch, client) = match e.dyn_ref::<web_sys::PointerEvent>() {
            Some(p) => {
                (matches!(p.pointer_type().as_str(), "touch" | "pen"), (p.client_x() as f64, p.client_y() as f64))
            }
            None => {
                (false, e.dyn_ref::<MouseEvent>().map_or((0.0, 0.0), |m| (m.client_x() as f64, m.client_y() as f64)))
            }
        };
        // A tap that focused nothing still makes this the seat the keyboard continues from.
        h.on_focus.emit(seat);
        h.on_click.emit(SeatClick { seat, touch, client });
    }));
    for (name, down) in [("pointerdown", true), ("pointerup", false), ("pointercancel", false)] {
        let h = handlers.clone();
        listeners.push(EventListener::new(group, name, move |e| {
            let h = h.borrow();
            h.pointer_down.set(down);
            if let Some(p) = e.dyn_ref::<web_sys::PointerEvent>() {
                *h.pointer_type.borrow_mut() = p.pointer_type();
            }
        }));
    }
    // Focus is heard on the nearest HTML ancestor: Chromium makes an SVG
    // element with a focus listener a tab stop of its own (issue 11: an
    // unnamed focusable `<g class="seatmap-seats">`).
    let h = handlers.clone();
    let focus_target = group.closest("div").ok().flatten().unwrap_or_else(|| group.clone());
    let inside = group.clone();
    listeners.push(EventListener::new(&focus_target, "focusin", move |e| {
        let h = h.borrow();
        let target = e.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        if !inside.contains(target.as_ref()) {
            return;
        }
        if let Some(seat) = seat_of(&h, e.target()) {
            h.on_focus.emit(seat);
            if !h.pointer_down.get() {
                h.on_reach.emit(seat);
            }
        }
    }));
    // A finger "leaves" as it lifts: a tapped seat stays pointed at (its
    // tooltip open) until a tap elsewhere, which the map listens for.
    let is_touch =
        |e: &web_sys::Event| e.dyn_ref::<web_sys::PointerEvent>().is_some_and(|p| p.pointer_type() == "touch");
    let h = handlers.clone();
    listeners.push(EventListener::new(group, "pointerover", move |e| {
        let h = h.borrow();
        let seat = seat_of(&h, e.target());
        if seat.is_some() || !is_touch(e) {
            h.on_hover.emit(seat);
        }
    }));
    let h = handlers.clone();
    listeners.push(EventListener::new(group, "pointerleave", move |e| {
        if !is_touch(e) {
            h.borrow().on_hover.emit(None);
        }
    }));
    let h = handlers.clone();
    let options = EventListenerOptions::enable_prevent_default();
    listeners.push(EventListener::new_with_options(group, "keydown", options, move |e| {
        let Some(key) = e.dyn_ref::<KeyboardEvent>() else { return };
        let h = h.borrow();
        let Some(seat) = seat_of(&h, e.target()) else { return };
        let Some(venue) = h.venue.clone() else { return };
        match key.key().as_str() {
            " " | "Enter" | "Spacebar" => {
                e.prevent_default();
                h.on_toggle.emit(seat);
            }
            "Escape" => h.on_escape.emit(()),
            other => {
                if let Some(step) = Step::from_key(other) {
                    e.prevent_default();
                    if let Some(next) = venue.plan.step(seat, step) {
                        h.on_focus.emit(next);
                        h.on_reach.emit(next);
                    }
                }
            }
        }
    }));
    listeners
}
