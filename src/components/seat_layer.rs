//! The seats: one SVG `<path>` per seat, created in one go and then
//! updated in place. Yew renders only the empty `<g>`; this component owns
//! its children. A poll that changes a few seats touches only those seats'
//! attributes, never the rest of the map.
//!
//! Keyboard: the map is one tab stop (a roving `tabindex`); arrow keys move
//! along and between rows using the plan's adjacency; Enter or Space toggles.

use crate::money::Formatter;
use crate::shared::Shared;
use gloo_events::{EventListener, EventListenerOptions};
use seatmap_core::{
    seat_attributes, seat_label, write_seat, Availability, Direction, SeatIndex, SeatLook, SeatState, Shapes, Venue,
    SEAT_ATTRIBUTE_NAMES,
};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCollection};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SeatLayerProps {
    pub venue: Shared<Venue>,
    pub states: Shared<Vec<SeatState>>,
    pub availability: Shared<Availability>,
    pub money: Shared<Formatter>,
    /// The seat that holds the roving tab stop (and keyboard focus, if the map has it).
    pub focus: Option<SeatIndex>,
    /// Seats to point out (e.g. best-available results).
    pub highlight: Shared<[SeatIndex]>,
    pub on_toggle: Callback<SeatIndex>,
    pub on_focus: Callback<SeatIndex>,
    pub on_hover: Callback<Option<SeatIndex>>,
}

/// Seats per `<g class="seatmap-chunk">`: finding a seat's element is then
/// two indexed lookups into live `HTMLCollection`s instead of a query.
const CHUNK: usize = 512;

/// What the DOM currently shows, to update only what changed.
#[derive(Default)]
struct Drawn {
    venue: Option<Shared<Venue>>,
    states: Vec<SeatState>,
    /// The states `states` was last brought up to date with.
    drawn_states: Option<Shared<Vec<SeatState>>>,
    availability: Option<Shared<Availability>>,
    colours: Vec<Option<u16>>,
    focus: Option<SeatIndex>,
    highlight: Vec<SeatIndex>,
    shapes: Option<Shapes>,
    /// The seat elements, chunk by chunk (see [`CHUNK`]).
    chunks: Vec<HtmlCollection>,
    listeners: Vec<EventListener>,
}

/// The latest callbacks, read by the DOM listeners.
struct Handlers {
    venue: Option<Shared<Venue>>,
    on_toggle: Callback<SeatIndex>,
    on_focus: Callback<SeatIndex>,
    on_hover: Callback<Option<SeatIndex>>,
}

#[function_component(SeatLayer)]
pub fn seat_layer(props: &SeatLayerProps) -> Html {
    let node = use_node_ref();
    let drawn = use_mut_ref(Drawn::default);
    let handlers = use_mut_ref(|| Handlers {
        venue: None,
        on_toggle: props.on_toggle.clone(),
        on_focus: props.on_focus.clone(),
        on_hover: props.on_hover.clone(),
    });
    {
        let mut h = handlers.borrow_mut();
        h.venue = Some(props.venue.clone());
        h.on_toggle = props.on_toggle.clone();
        h.on_focus = props.on_focus.clone();
        h.on_hover = props.on_hover.clone();
    }
    {
        let node = node.clone();
        let drawn = drawn.clone();
        let handlers = handlers.clone();
        let props_states = props.states.clone();
        let props_availability = props.availability.clone();
        let venue = props.venue.clone();
        let money = props.money.clone();
        let focus = props.focus;
        let highlight = props.highlight.clone();
        use_effect(move || {
            if let Some(group) = node.cast::<Element>() {
                let mut d = drawn.borrow_mut();
                if d.venue.as_ref() != Some(&venue) {
                    build(&group, &mut d, &venue, &props_states, &props_availability, &money, &handlers);
                } else {
                    update(&mut d, &venue, &props_states, &props_availability, &money);
                }
                move_tab_stop(&mut d, focus, &money);
                set_highlight(&mut d, &highlight);
            }
            || ()
        });
    }
    html! { <g class="seatmap-seats" role="presentation" ref={node}></g> }
}

fn build(
    group: &Element,
    d: &mut Drawn,
    venue: &Shared<Venue>,
    states: &Shared<Vec<SeatState>>,
    availability: &Shared<Availability>,
    money: &Formatter,
    handlers: &Rc<RefCell<Handlers>>,
) {
    let plan = &venue.plan;
    let shapes = Shapes::new(plan.seat_pitch);
    let mut markup = String::with_capacity(plan.seat_count() * 300);
    let mut colours = Vec::with_capacity(plan.seat_count());
    for i in 0..plan.seats.len() {
        if i % CHUNK == 0 {
            if i > 0 {
                markup.push_str("</g>");
            }
            markup.push_str("<g class=\"seatmap-chunk\">");
        }
        let ix = SeatIndex(i as u32);
        let state = states.get(i).copied().unwrap_or(SeatState::Unknown);
        let colour = colour_of(venue, availability, ix);
        colours.push(colour);
        let label = seat_label(plan, &venue.prices, availability, state, ix, money);
        write_seat(&mut markup, &shapes, &look(venue, ix, state, colour, &label, false));
    }
    if !plan.seats.is_empty() {
        markup.push_str("</g>");
    }
    if let Err(e) = crate::trusted_html::set_inner_html(group, &markup) {
        crate::host::console_error(&format!("could not draw the seats: {e:?}"));
    }
    let chunks = group.children();
    d.chunks = (0..chunks.length()).filter_map(|c| chunks.item(c)).map(|g| g.children()).collect();
    d.states = states.to_vec();
    d.drawn_states = Some(states.clone());
    d.colours = colours;
    d.availability = Some(availability.clone());
    d.venue = Some(venue.clone());
    d.shapes = Some(shapes);
    d.focus = None;
    d.highlight.clear();
    d.listeners = listen(group, handlers);
}

fn colour_of(venue: &Venue, availability: &Availability, seat: SeatIndex) -> Option<u16> {
    availability.seat(seat).band.map(|b| venue.prices.band(b).colour)
}

fn look<'a>(
    venue: &'a Venue,
    seat: SeatIndex,
    state: SeatState,
    colour: Option<u16>,
    label: &'a str,
    tab_stop: bool,
) -> SeatLook<'a> {
    let s = venue.plan.seat(seat);
    SeatLook { id: &s.id, x: s.x, y: s.y, state, colour, label: Some(label), tab_stop }
}

/// Brings one seat element from what `old` says to what `new` says, through
/// the one function that decides a seat's attributes.
fn rewrite(el: &Element, shapes: &Shapes, old: Option<&SeatLook>, new: &SeatLook) {
    let before = old.map(|o| seat_attributes(shapes, o));
    let after = seat_attributes(shapes, new);
    for (i, name) in SEAT_ATTRIBUTE_NAMES.iter().enumerate() {
        if before.as_ref().is_some_and(|b| b[i] == after[i]) {
            continue;
        }
        let _ = match &after[i] {
            Some(value) => el.set_attribute(name, value),
            None => el.remove_attribute(name),
        };
    }
}

fn update(
    d: &mut Drawn,
    venue: &Shared<Venue>,
    states: &Shared<Vec<SeatState>>,
    availability: &Shared<Availability>,
    money: &Formatter,
) {
    let availability_changed = d.availability.as_ref() != Some(availability);
    // Re-rendered for something else (hover, a panel): nothing to compare.
    if d.drawn_states.as_ref() == Some(states) && !availability_changed {
        return;
    }
    let old_availability = d.availability.clone();
    let Some(shapes) = d.shapes.as_ref() else { return };
    let plan = &venue.plan;
    for (i, state) in states.iter().enumerate() {
        let ix = SeatIndex(i as u32);
        let old_state = d.states.get(i).copied().unwrap_or(SeatState::Unknown);
        let seat_changed =
            availability_changed && old_availability.as_ref().is_none_or(|old| old.seat(ix) != availability.seat(ix));
        if old_state == *state && !seat_changed {
            continue;
        }
        let Some(el) = seat_element(&d.chunks, ix) else { continue };
        let tab_stop = d.focus == Some(ix);
        let old_colour = d.colours.get(i).copied().flatten();
        let old_label = match &old_availability {
            Some(old) => seat_label(plan, &venue.prices, old, old_state, ix, money),
            None => String::new(),
        };
        let colour = colour_of(venue, availability, ix);
        let label = seat_label(plan, &venue.prices, availability, *state, ix, money);
        rewrite(
            &el,
            shapes,
            Some(&look(venue, ix, old_state, old_colour, &old_label, tab_stop)),
            &look(venue, ix, *state, colour, &label, tab_stop),
        );
        d.states[i] = *state;
        d.colours[i] = colour;
    }
    d.availability = Some(availability.clone());
    d.drawn_states = Some(states.clone());
}

/// The element drawing `seat`.
fn seat_element(chunks: &[HtmlCollection], seat: SeatIndex) -> Option<Element> {
    let i = seat.0 as usize;
    chunks.get(i / CHUNK)?.item((i % CHUNK) as u32)
}

fn move_tab_stop(d: &mut Drawn, focus: Option<SeatIndex>, money: &Formatter) {
    if d.chunks.is_empty() {
        return;
    }
    let venue = d.venue.clone();
    let target = focus.or_else(|| venue.as_ref().and_then(|v| first_open_seat(v, &d.states)));
    if target == d.focus {
        return;
    }
    // Ask before touching tabindex: removing it from the focused seat blurs it.
    let had_focus = seat_element(&d.chunks, SeatIndex(0))
        .and_then(|seat| crate::host::focused_element(&seat))
        .is_some_and(|active| active.has_attribute("data-seat-id"));
    let (Some(venue), Some(shapes), Some(availability)) = (venue, d.shapes.as_ref(), d.availability.clone()) else {
        return;
    };
    let tab_stop = |d: &Drawn, seat: SeatIndex, on: bool| {
        let state = d.states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unknown);
        let colour = d.colours.get(seat.0 as usize).copied().flatten();
        let label = seat_label(&venue.plan, &venue.prices, &availability, state, seat, money);
        if let Some(el) = seat_element(&d.chunks, seat) {
            rewrite(
                &el,
                shapes,
                Some(&look(&venue, seat, state, colour, &label, !on)),
                &look(&venue, seat, state, colour, &label, on),
            );
        }
    };
    if let Some(seat) = target {
        tab_stop(d, seat, true);
    }
    if let Some(new) = target.and_then(|s| seat_element(&d.chunks, s)) {
        // Move real focus only if the map already had it (never steal focus from the page).
        if had_focus {
            if let Some(el) = new.dyn_ref::<web_sys::SvgElement>() {
                let _ = el.focus();
            }
        }
    }
    if let Some(old) = d.focus.filter(|old| Some(*old) != target) {
        tab_stop(d, old, false);
    }
    d.focus = target;
}

fn first_open_seat(venue: &Venue, states: &[SeatState]) -> Option<SeatIndex> {
    let first = venue.plan.first_seat();
    states.iter().position(|s| s.is_selectable()).map(|i| SeatIndex(i as u32)).or(first)
}

fn set_highlight(d: &mut Drawn, highlight: &[SeatIndex]) {
    if d.highlight.as_slice() == highlight {
        return;
    }
    for s in &d.highlight {
        if let Some(el) = seat_element(&d.chunks, *s) {
            let _ = el.class_list().remove_1("is-highlight");
        }
    }
    for s in highlight {
        if let Some(el) = seat_element(&d.chunks, *s) {
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
        if let Some(seat) = seat_of(&h, e.target()) {
            h.on_toggle.emit(seat);
        }
    }));
    let h = handlers.clone();
    listeners.push(EventListener::new(group, "focusin", move |e| {
        let h = h.borrow();
        if let Some(seat) = seat_of(&h, e.target()) {
            h.on_focus.emit(seat);
        }
    }));
    let h = handlers.clone();
    listeners.push(EventListener::new(group, "pointerover", move |e| {
        let h = h.borrow();
        h.on_hover.emit(seat_of(&h, e.target()));
    }));
    let h = handlers.clone();
    listeners.push(EventListener::new(group, "pointerleave", move |_| h.borrow().on_hover.emit(None)));
    let h = handlers.clone();
    let options = EventListenerOptions::enable_prevent_default();
    listeners.push(EventListener::new_with_options(group, "keydown", options, move |e| {
        let Some(key) = e.dyn_ref::<KeyboardEvent>() else { return };
        let h = h.borrow();
        let Some(seat) = seat_of(&h, e.target()) else { return };
        let Some(venue) = h.venue.clone() else { return };
        let direction = match key.key().as_str() {
            "ArrowLeft" => Some(Direction::Left),
            "ArrowRight" => Some(Direction::Right),
            "ArrowUp" => Some(Direction::Up),
            "ArrowDown" => Some(Direction::Down),
            " " | "Enter" | "Spacebar" => {
                e.prevent_default();
                h.on_toggle.emit(seat);
                return;
            }
            _ => None,
        };
        if let Some(direction) = direction {
            e.prevent_default();
            if let Some(next) = venue.plan.neighbour(seat, direction) {
                h.on_focus.emit(next);
            }
        }
    }));
    listeners
}
