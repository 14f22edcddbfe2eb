//! The widget's one state and its reducer. No I/O happens here: the shell
//! fetches, then dispatches an [`Action`] with what it got; [`State::reduce`]
//! decides what that means for the customer, using the other core modules.
//!
//! Large parts (plan, availability, per-seat states) sit behind `Rc`, so a
//! click clones a few small vectors, not the 20,000-seat arena.

use crate::core::availability::{Availability, Letter, LockIx};
use crate::core::basket::Basket;
use crate::core::error::ApiError;
use crate::core::labels::list_seats;
use crate::core::plan::{AreaIx, Plan};
use crate::core::prices::{PriceList, TypeIx};
use crate::core::rules::{self, Cell, Counts, Fix, RuleConfig, SeatIx, Verdict};
use crate::core::seat_state::{reason, seat_state, SeatState};
use crate::core::wire;
use crate::core::wire::outgoing::{BestAvailableRequest, TicketRequest};
use std::rc::Rc;

/// The performance: checked, from `GET instances/{id}`.
#[derive(Debug, Clone, PartialEq)]
pub struct InstanceInfo {
    pub id: Rc<str>,
    pub plan_id: Rc<str>,
    pub start: Option<String>,
    pub best_available: bool,
    pub on_sale: bool,
    pub cancelled: bool,
}

impl TryFrom<wire::Instance> for InstanceInfo {
    type Error = ApiError;

    fn try_from(w: wire::Instance) -> Result<Self, ApiError> {
        let plan_id = w
            .plan_id
            .filter(|p| !p.0.is_empty())
            .ok_or(ApiError::Invalid { what: "performance", detail: "it has no seating plan".into() })?;
        Ok(InstanceInfo {
            id: w.id.0.into(),
            plan_id: plan_id.0.into(),
            start: w.start,
            best_available: w.has_best_available_overlay.unwrap_or(false),
            on_sale: w.is_on_sale.unwrap_or(true),
            cancelled: w.cancelled.unwrap_or(false),
        })
    }
}

/// Everything that changes rarely: loaded once per performance.
#[derive(Debug, Clone)]
pub struct Venue {
    pub instance: InstanceInfo,
    pub plan: Plan,
    pub prices: PriceList,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready,
    Failed(ApiError),
}

#[derive(Debug, Clone, PartialEq)]
pub enum CustomerState {
    /// Not asked yet.
    Unknown,
    Anonymous,
    LoggedIn {
        id: Rc<str>,
        name: Rc<str>,
    },
}

impl CustomerState {
    pub fn from_wire(c: wire::Customer) -> CustomerState {
        let name = [c.first_name, c.last_name].into_iter().flatten().collect::<Vec<_>>().join(" ");
        CustomerState::LoggedIn { id: c.id.map(|i| i.0).unwrap_or_default().into(), name: name.trim().into() }
    }

    pub fn is_logged_in(&self) -> bool {
        matches!(self, CustomerState::LoggedIn { .. })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Info,
    Warning,
    Error,
}

/// A message for the customer, shown in the panel and read by screen readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub tone: Tone,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Busy {
    Adding,
    Removing,
    BestAvailable,
    LoggingIn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    pub seat: SeatIx,
    pub ticket_type: TypeIx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandingChoice {
    pub area: AreaIx,
    pub ticket_type: TypeIx,
    pub quantity: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Live {
    pub last_ok_ms: Option<f64>,
    pub failures: u32,
    pub error: Option<ApiError>,
}

#[derive(Debug, Clone)]
pub struct State {
    pub rules: RuleConfig,
    pub load: Load,
    pub venue: Option<Rc<Venue>>,
    pub availability: Rc<Availability>,
    /// What each seat looks like now; kept in step with everything above.
    pub seat_states: Rc<Vec<SeatState>>,
    pub selection: Vec<Chosen>,
    pub standing: Vec<StandingChoice>,
    pub basket: Option<Rc<Basket>>,
    pub customer: CustomerState,
    pub live: Live,
    pub busy: Option<Busy>,
    pub notice: Option<Notice>,
    pub verdict: Verdict,
    /// Seats offered in place of ones that were lost.
    pub alternative: Option<Vec<SeatIx>>,
    /// Seats to point out (best-available results).
    pub highlight: Vec<SeatIx>,
    pub focus: Option<SeatIx>,
    pub login_error: Option<String>,
    /// Seats added while held for this customer (lock kept), to explain a logout.
    pub held_in_basket: Vec<(SeatIx, LockIx)>,
    /// Unknown status letters already reported to the console.
    pub reported_letters: Vec<String>,
    /// Bumped on every change the host page should hear about.
    pub selection_version: u32,
}

#[derive(Debug, Clone)]
pub enum Action {
    /// (Re)start loading the performance.
    Loading,
    Loaded(Rc<Venue>),
    LoadFailed(ApiError),
    Status {
        availability: Availability,
        now_ms: f64,
    },
    /// A poll answered exactly as the last one: nothing to redraw.
    StatusUnchanged {
        now_ms: f64,
    },
    StatusFailed(ApiError),
    Toggle(SeatIx),
    SetTicketType(SeatIx, TypeIx),
    Deselect(SeatIx),
    ClearSelection,
    ApplyFix(Fix),
    AcceptAlternative,
    DismissAlternative,
    SetStanding(StandingChoice),
    AddStarted,
    AddSucceeded,
    AddFailed(ApiError),
    BasketLoaded(wire::Basket),
    /// `GET basket` said 404: the session has no basket yet.
    BasketEmpty,
    RemoveStarted,
    RemoveFailed(ApiError),
    BestAvailableStarted,
    BestAvailableSucceeded(Vec<String>),
    BestAvailableFailed(ApiError),
    Customer(CustomerState),
    LoginStarted,
    LoginFailed(String),
    Focus(Option<SeatIx>),
    Notify(Notice),
    DismissNotice,
}

impl State {
    pub fn new(rules: RuleConfig) -> State {
        State {
            rules,
            load: Load::Loading,
            venue: None,
            availability: Rc::default(),
            seat_states: Rc::default(),
            selection: Vec::new(),
            standing: Vec::new(),
            basket: None,
            customer: CustomerState::Unknown,
            live: Live::default(),
            busy: None,
            notice: None,
            verdict: Verdict::default(),
            alternative: None,
            highlight: Vec::new(),
            focus: None,
            login_error: None,
            held_in_basket: Vec::new(),
            reported_letters: Vec::new(),
            selection_version: 0,
        }
    }

    pub fn reduce(&mut self, action: Action) {
        match action {
            Action::Loading => {
                self.load = Load::Loading;
            }
            Action::Loaded(venue) => {
                self.availability = Rc::new(Availability::unknown(&venue.plan));
                self.seat_states = Rc::new(vec![SeatState::Unavailable; venue.plan.seat_count()]);
                self.venue = Some(venue);
                self.selection.clear();
                self.standing.clear();
                self.alternative = None;
                self.highlight.clear();
                self.focus = None;
                self.load = Load::Ready;
                self.after_selection_change();
            }
            Action::LoadFailed(error) => self.load = Load::Failed(error),
            Action::Status { availability, now_ms } => self.apply_status(availability, now_ms),
            Action::StatusUnchanged { now_ms } => {
                self.live = Live { last_ok_ms: Some(now_ms), failures: 0, error: None };
            }
            Action::StatusFailed(error) => {
                self.live.failures += 1;
                self.live.error = Some(error);
            }
            Action::Toggle(seat) => self.toggle(seat),
            Action::SetTicketType(seat, kind) => {
                if let Some(c) = self.selection.iter_mut().find(|c| c.seat == seat) {
                    c.ticket_type = kind;
                    self.selection_version += 1;
                }
            }
            Action::Deselect(seat) => {
                self.selection.retain(|c| c.seat != seat);
                self.refresh_seat(seat);
                self.after_selection_change();
            }
            Action::ClearSelection => {
                let seats: Vec<SeatIx> = self.selection.drain(..).map(|c| c.seat).collect();
                self.standing.clear();
                for s in seats {
                    self.refresh_seat(s);
                }
                self.after_selection_change();
            }
            Action::ApplyFix(fix) => self.apply_fix(&fix),
            Action::AcceptAlternative => {
                if let Some(seats) = self.alternative.take() {
                    let old: Vec<Chosen> = std::mem::take(&mut self.selection);
                    for (i, seat) in seats.iter().enumerate() {
                        let wanted = old.get(i).map(|c| c.ticket_type);
                        let ticket_type =
                            wanted.filter(|t| self.price_of(*seat, *t).is_some()).or_else(|| self.default_type(*seat));
                        if let Some(ticket_type) = ticket_type {
                            self.selection.push(Chosen { seat: *seat, ticket_type });
                        }
                    }
                    for c in &old {
                        self.refresh_seat(c.seat);
                    }
                    for s in seats {
                        self.refresh_seat(s);
                    }
                    self.notice = Some(Notice { tone: Tone::Info, text: "Alternative seats chosen.".into() });
                    self.after_selection_change();
                }
            }
            Action::DismissAlternative => self.alternative = None,
            Action::SetStanding(choice) => self.set_standing(choice),
            Action::AddStarted => self.busy = Some(Busy::Adding),
            Action::AddSucceeded => {
                self.busy = None;
                let seats: Vec<SeatIx> = self.selection.drain(..).map(|c| c.seat).collect();
                let standing: u32 = self.standing.drain(..).map(|s| s.quantity).sum();
                for s in &seats {
                    let a = self.availability.seat(*s);
                    if let (Letter::HeldForYou, Some(lock)) = (a.letter, a.lock) {
                        self.hold_in_basket(*s, lock);
                    }
                }
                let availability = Rc::make_mut(&mut self.availability);
                for s in &seats {
                    // Shown as in the basket at once; the next poll confirms.
                    availability.seats[s.0 as usize].letter = Letter::InBasket;
                }
                for s in &seats {
                    self.refresh_seat(*s);
                }
                let n = seats.len() as u32 + standing;
                self.notice = Some(Notice {
                    tone: Tone::Info,
                    text: format!("Added {n} ticket{} to your basket.", if n == 1 { "" } else { "s" }),
                });
                self.alternative = None;
                self.after_selection_change();
            }
            Action::AddFailed(error) => {
                self.busy = None;
                self.notice =
                    Some(Notice { tone: Tone::Error, text: format!("{} Your other choices are kept.", error.plain()) });
            }
            Action::BasketLoaded(wire) => {
                if let Some(venue) = &self.venue {
                    let basket = Basket::from_wire(wire, &venue.instance.id, &venue.plan, &venue.prices);
                    self.held_in_basket.retain(|(s, _)| basket.seats_here().any(|b| b == *s));
                    self.basket = Some(Rc::new(basket));
                    self.busy = self.busy.filter(|b| *b != Busy::Removing);
                    self.after_selection_change();
                }
            }
            Action::BasketEmpty => {
                self.basket = Some(Rc::new(Basket::default()));
                self.held_in_basket.clear();
                self.busy = self.busy.filter(|b| *b != Busy::Removing);
            }
            Action::RemoveStarted => self.busy = Some(Busy::Removing),
            Action::RemoveFailed(error) => {
                self.busy = None;
                self.notice =
                    Some(Notice { tone: Tone::Error, text: format!("Could not remove the ticket. {}", error.plain()) });
            }
            Action::BestAvailableStarted => self.busy = Some(Busy::BestAvailable),
            Action::BestAvailableSucceeded(seat_ids) => {
                self.busy = None;
                let Some(venue) = self.venue.clone() else { return };
                let seats: Vec<SeatIx> = seat_ids.iter().filter_map(|id| venue.plan.seat_by_id(id)).collect();
                let availability = Rc::make_mut(&mut self.availability);
                for s in &seats {
                    availability.seats[s.0 as usize].letter = Letter::InBasket;
                }
                for s in &seats {
                    self.refresh_seat(*s);
                }
                self.notice = Some(Notice {
                    tone: Tone::Info,
                    text: if seats.is_empty() {
                        format!("Added {} ticket(s) to your basket.", seat_ids.len())
                    } else {
                        format!(
                            "Your best available seats: {}. They are in your basket.",
                            list_seats(&venue.plan, &seats)
                        )
                    },
                });
                self.focus = seats.first().copied().or(self.focus);
                self.highlight = seats;
                self.after_selection_change();
            }
            Action::BestAvailableFailed(error) => {
                self.busy = None;
                self.notice = Some(Notice { tone: Tone::Error, text: error.plain() });
            }
            Action::Customer(customer) => self.set_customer(customer),
            Action::LoginStarted => {
                self.busy = Some(Busy::LoggingIn);
                self.login_error = None;
            }
            Action::LoginFailed(message) => {
                self.busy = None;
                self.login_error = Some(message);
            }
            Action::Focus(seat) => self.focus = seat,
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
        }
    }

    /// Remembers that a basket seat was held for this customer (first lock wins).
    fn hold_in_basket(&mut self, seat: SeatIx, lock: LockIx) {
        if !self.held_in_basket.iter().any(|(s, _)| *s == seat) {
            self.held_in_basket.push((seat, lock));
        }
    }

    fn venue(&self) -> Option<&Venue> {
        self.venue.as_deref()
    }

    pub fn is_selected(&self, seat: SeatIx) -> bool {
        self.selection.iter().any(|c| c.seat == seat)
    }

    pub fn state_of(&self, seat: SeatIx) -> SeatState {
        self.seat_states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unavailable)
    }

    fn compute_state(&self, seat: SeatIx) -> SeatState {
        seat_state(self.availability.seat(seat), &self.availability, self.is_selected(seat))
    }

    fn refresh_seat(&mut self, seat: SeatIx) {
        let state = self.compute_state(seat);
        if let Some(slot) = Rc::make_mut(&mut self.seat_states).get_mut(seat.0 as usize) {
            *slot = state;
        }
    }

    fn refresh_all(&mut self) {
        let mut selected = vec![false; self.availability.seats.len()];
        for c in &self.selection {
            if let Some(slot) = selected.get_mut(c.seat.0 as usize) {
                *slot = true;
            }
        }
        let availability = &self.availability;
        let states: Vec<SeatState> = (0..availability.seats.len())
            .map(|i| seat_state(&availability.seats[i], availability, selected[i]))
            .collect();
        self.seat_states = Rc::new(states);
    }

    fn default_type(&self, seat: SeatIx) -> Option<TypeIx> {
        let venue = self.venue()?;
        let band = self.availability.seat(seat).band?;
        venue.prices.band(band).default_type
    }

    fn price_of(&self, seat: SeatIx, kind: TypeIx) -> Option<f64> {
        let venue = self.venue()?;
        venue.prices.price(self.availability.seat(seat).band?, kind)
    }

    pub fn tickets_in_basket_here(&self) -> u32 {
        self.basket.as_ref().map_or(0, |b| b.tickets_here().count() as u32)
    }

    pub fn counts(&self) -> Counts {
        Counts {
            selected_seats: self.selection.len() as u32,
            unreserved_tickets: self.standing.iter().map(|s| s.quantity).sum(),
            in_basket: self.tickets_in_basket_here(),
        }
    }

    /// How this customer sees each seat, for the rules.
    pub fn cell(&self, seat: SeatIx) -> Cell {
        match self.state_of(seat) {
            SeatState::Selected => Cell::Selected,
            SeatState::Available | SeatState::Info | SeatState::HeldForYou => Cell::Empty,
            SeatState::Wheelchair => Cell::Space,
            _ => Cell::Taken,
        }
    }

    fn after_selection_change(&mut self) {
        self.selection_version = self.selection_version.wrapping_add(1);
        let Some(venue) = self.venue.clone() else { return };
        let seats: Vec<SeatIx> = self.selection.iter().map(|c| c.seat).collect();
        let counts = self.counts();
        let nothing_chosen = seats.is_empty() && counts.unreserved_tickets == 0;
        self.verdict = if nothing_chosen {
            Verdict::default()
        } else {
            rules::check(&venue.plan.rows, |s| self.cell(s), &seats, counts, &self.rules)
        };
    }

    fn toggle(&mut self, seat: SeatIx) {
        let Some(venue) = self.venue.clone() else { return };
        if seat.0 as usize >= venue.plan.seat_count() {
            return;
        }
        self.focus = Some(seat);
        self.highlight.clear();
        let name = list_seats(&venue.plan, &[seat]);
        match self.state_of(seat) {
            SeatState::Selected => {
                self.selection.retain(|c| c.seat != seat);
                self.refresh_seat(seat);
                self.after_selection_change();
            }
            SeatState::InBasket => {
                self.notice = Some(Notice { tone: Tone::Info, text: format!("{name} is already in your basket.") });
            }
            state if state.is_selectable() => {
                if let Err(problem) = rules::can_add(self.counts().total() + 1, &self.rules) {
                    self.notice = Some(Notice { tone: Tone::Warning, text: problem.to_string() });
                    return;
                }
                let Some(ticket_type) = self.default_type(seat) else {
                    self.notice = Some(Notice { tone: Tone::Warning, text: format!("{name} has no price online.") });
                    return;
                };
                self.selection.push(Chosen { seat, ticket_type });
                self.refresh_seat(seat);
                self.after_selection_change();
            }
            state => {
                let why = reason(self.availability.seat(seat), &self.availability, state);
                let text = match why {
                    Some(why) => format!("{name} is not available. {why}"),
                    None => format!("{name} is not available."),
                };
                self.notice = Some(Notice { tone: Tone::Info, text });
            }
        }
    }

    fn apply_fix(&mut self, fix: &Fix) {
        let removed_types: Vec<TypeIx> = fix
            .remove
            .iter()
            .filter_map(|s| self.selection.iter().find(|c| c.seat == *s).map(|c| c.ticket_type))
            .collect();
        self.selection.retain(|c| !fix.remove.contains(&c.seat));
        for (i, seat) in fix.add.iter().enumerate() {
            if self.is_selected(*seat) || !self.availability.seat(*seat).is_open() {
                continue;
            }
            let kind = removed_types
                .get(i)
                .copied()
                .filter(|t| self.price_of(*seat, *t).is_some())
                .or_else(|| self.default_type(*seat));
            if let Some(ticket_type) = kind {
                self.selection.push(Chosen { seat: *seat, ticket_type });
            }
        }
        for s in fix.remove.iter().chain(&fix.add) {
            self.refresh_seat(*s);
        }
        self.after_selection_change();
    }

    fn set_standing(&mut self, choice: StandingChoice) {
        let current: u32 = self
            .standing
            .iter()
            .filter(|s| s.area == choice.area && s.ticket_type == choice.ticket_type)
            .map(|s| s.quantity)
            .sum();
        let places = self.availability.unreserved(choice.area).map_or(0, |u| u.available);
        let other_here: u32 = self
            .standing
            .iter()
            .filter(|s| s.area == choice.area && s.ticket_type != choice.ticket_type)
            .map(|s| s.quantity)
            .sum();
        let mut quantity = choice.quantity.min(places.saturating_sub(other_here));
        if quantity > current {
            let total_after = self.counts().total() - current + quantity;
            if let Err(problem) = rules::can_add(total_after, &self.rules) {
                self.notice = Some(Notice { tone: Tone::Warning, text: problem.to_string() });
                quantity = current;
            }
        }
        if quantity < choice.quantity && quantity == places.saturating_sub(other_here) && quantity > current {
            self.notice = Some(Notice { tone: Tone::Info, text: format!("Only {places} places are left there.") });
        }
        self.standing.retain(|s| !(s.area == choice.area && s.ticket_type == choice.ticket_type));
        if quantity > 0 {
            self.standing.push(StandingChoice { quantity, ..choice });
        }
        self.after_selection_change();
    }

    fn set_customer(&mut self, customer: CustomerState) {
        let was_logged_in = self.customer.is_logged_in();
        if customer.is_logged_in() {
            self.busy = self.busy.filter(|b| *b != Busy::LoggingIn);
            self.login_error = None;
        } else if self.busy == Some(Busy::LoggingIn) {
            // The login was accepted, yet this session is still not logged in
            // (the browser kept no cookie, or the check failed): say so.
            self.busy = None;
            self.login_error = Some(
                "Your login could not be confirmed. Please try again; if it keeps happening, \
                 your browser may be blocking the box office's cookies."
                    .into(),
            );
        }
        if was_logged_in && !customer.is_logged_in() {
            self.logged_out();
        }
        self.customer = customer;
    }

    /// The customer logged out: seats held for them close at once (the next
    /// poll confirms), a chosen one leaves the choice, and both that and any
    /// such seat in the basket are explained, naming the seats and the lock.
    fn logged_out(&mut self) {
        let Some(venue) = self.venue.clone() else { return };
        let lock_names = |state: &State, seats: &[SeatIx], lock_of: &dyn Fn(SeatIx) -> Option<LockIx>| {
            let mut names: Vec<String> = seats
                .iter()
                .filter_map(|s| lock_of(*s))
                .filter_map(|l| state.availability.lock(l))
                .map(|l| l.name.to_string())
                .collect();
            names.sort();
            names.dedup();
            if names.is_empty() {
                "another customer group".to_owned()
            } else {
                names.join(", ")
            }
        };
        let was_held: Vec<SeatIx> = (0..self.availability.seats.len() as u32)
            .map(SeatIx)
            .filter(|s| self.availability.seat(*s).letter == Letter::HeldForYou)
            .collect();
        let dropped: Vec<SeatIx> = self.selection.iter().map(|c| c.seat).filter(|s| was_held.contains(s)).collect();
        let mut parts: Vec<String> = Vec::new();
        if !dropped.is_empty() {
            let held_for = lock_names(self, &dropped, &|s| self.availability.seat(s).lock);
            parts.push(format!(
                "{} {} held for {} and no longer in your choice; log in again to book {}.",
                list_seats(&venue.plan, &dropped),
                if dropped.len() == 1 { "is" } else { "are" },
                held_for,
                if dropped.len() == 1 { "it" } else { "them" },
            ));
        }
        if !self.held_in_basket.is_empty() {
            let mut seats: Vec<SeatIx> = self.held_in_basket.iter().map(|(s, _)| *s).collect();
            seats.sort();
            let held_for =
                lock_names(self, &seats, &|s| self.held_in_basket.iter().find(|(x, _)| *x == s).map(|(_, l)| *l));
            parts.push(format!(
                "Your basket still holds {} held for {}. They are kept for now; log in again to buy them, or remove them from your basket.",
                list_seats(&venue.plan, &seats),
                held_for
            ));
        }
        if !parts.is_empty() {
            self.notice =
                Some(Notice { tone: Tone::Warning, text: format!("You have logged out. {}", parts.join(" ")) });
        }
        if !was_held.is_empty() {
            self.selection.retain(|c| !dropped.contains(&c.seat));
            let availability = Rc::make_mut(&mut self.availability);
            for s in &was_held {
                availability.seats[s.0 as usize].letter = Letter::Unavailable;
            }
            self.refresh_all();
            self.after_selection_change();
        }
    }

    fn apply_status(&mut self, availability: Availability, now_ms: f64) {
        let Some(venue) = self.venue.clone() else { return };
        for letter in &availability.report.unknown_letters {
            if let Err(at) = self.reported_letters.binary_search(letter) {
                self.reported_letters.insert(at, letter.clone());
            }
        }
        self.availability = Rc::new(availability);
        self.live = Live { last_ok_ms: Some(now_ms), failures: 0, error: None };
        // Seats in the basket that carry a customer lock, as far as the status tells.
        // Locks that depend on the customer show as X (yours) or U (others');
        // a basket seat under such a lock is kept only while they may buy it.
        let customer_locks: Vec<LockIx> = {
            let mut locks: Vec<LockIx> = self
                .availability
                .seats
                .iter()
                .filter(|a| matches!(a.letter, Letter::HeldForYou | Letter::Unavailable))
                .filter_map(|a| a.lock)
                .collect();
            locks.sort_unstable();
            locks.dedup();
            locks
        };
        let held: Vec<(SeatIx, LockIx)> = self
            .availability
            .seats
            .iter()
            .enumerate()
            .filter(|(_, a)| a.letter == Letter::InBasket)
            .filter_map(|(i, a)| a.lock.filter(|l| customer_locks.contains(l)).map(|l| (SeatIx(i as u32), l)))
            .collect();
        for (seat, lock) in held {
            self.hold_in_basket(seat, lock);
        }
        let before: Vec<SeatIx> = self.selection.iter().map(|c| c.seat).collect();
        let availability = Rc::clone(&self.availability);
        let lost: Vec<SeatIx> = before.iter().copied().filter(|s| !availability.seat(*s).is_open()).collect();
        self.selection.retain(|c| availability.seat(c.seat).is_open());
        // Standing choices never exceed the places left.
        for choice in &mut self.standing {
            let left = availability.unreserved(choice.area).map_or(0, |u| u.available);
            choice.quantity = choice.quantity.min(left);
        }
        self.standing.retain(|s| s.quantity > 0);
        self.refresh_all();
        if !lost.is_empty() {
            let names = list_seats(&venue.plan, &lost);
            let verb = if lost.len() == 1 { "was" } else { "were" };
            let alternative = rules::nearest_alternative(
                &venue.plan.rows,
                |s| self.cell(s),
                |s| {
                    let seat = venue.plan.seat(s);
                    (seat.x, seat.y)
                },
                |s| self.availability.seat(s).band.map(|b| b.0 as u32),
                &before,
                before.len(),
            )
            .filter(|alt| !alt.is_empty());
            let text = match &alternative {
                Some(alt) => format!(
                    "{names} {verb} just taken by someone else. We kept the rest of your choice. \
                     Nearest seats together: {} — choose \"Use these seats\" to switch.",
                    list_seats(&venue.plan, alt)
                ),
                None => format!("{names} {verb} just taken by someone else. We kept the rest of your choice."),
            };
            self.alternative = alternative;
            self.notice = Some(Notice { tone: Tone::Warning, text });
        } else if let Some(alt) = &self.alternative {
            if alt.iter().any(|s| !self.availability.seat(*s).is_open() && !self.is_selected(*s)) {
                self.alternative = None;
            }
        }
        self.after_selection_change();
    }

    /// The body of `POST basket/tickets`: one entry per ticket.
    pub fn basket_requests(&self) -> Vec<TicketRequest> {
        let Some(venue) = self.venue() else { return Vec::new() };
        let instance = venue.instance.id.to_string();
        let seats = self.selection.iter().map(|c| TicketRequest {
            instance: instance.clone(),
            seat: Some(venue.plan.seat(c.seat).id.to_string()),
            seating_plan: None,
            ticket_type: venue.prices.ticket_type(c.ticket_type).id.to_string(),
        });
        let standing = self.standing.iter().flat_map(|s| {
            let request = TicketRequest {
                instance: instance.clone(),
                seat: None,
                seating_plan: Some(venue.plan.area(s.area).id.to_string()),
                ticket_type: venue.prices.ticket_type(s.ticket_type).id.to_string(),
            };
            std::iter::repeat_n(request, s.quantity as usize)
        });
        seats.chain(standing).collect()
    }

    /// The body of `POST basket/tickets/best-available`.
    pub fn best_available_request(
        &self,
        quantity: u32,
        ticket_type: TypeIx,
        band: Option<crate::core::prices::BandIx>,
        area: Option<AreaIx>,
    ) -> Option<BestAvailableRequest> {
        let venue = self.venue()?;
        Some(BestAvailableRequest {
            instance: venue.instance.id.to_string(),
            quantity,
            ticket_type: venue.prices.ticket_type(ticket_type).id.to_string(),
            price_bands: band.map(|b| vec![venue.prices.band(b).id.to_string()]).unwrap_or_default(),
            areas: area.map(|a| vec![venue.plan.area(a).id.to_string()]).unwrap_or_default(),
        })
    }

    /// Total of the current choice, at the chosen ticket types.
    pub fn selection_total(&self) -> f64 {
        let Some(venue) = self.venue() else { return 0.0 };
        let seats: f64 = self.selection.iter().filter_map(|c| self.price_of(c.seat, c.ticket_type)).sum();
        let standing: f64 = self
            .standing
            .iter()
            .filter_map(|s| {
                let band = self.availability.unreserved(s.area)?.band?;
                Some(venue.prices.price(band, s.ticket_type)? * s.quantity as f64)
            })
            .sum();
        seats + standing
    }

    /// Whether "Add to basket" may be pressed now.
    pub fn can_add_to_basket(&self) -> bool {
        self.busy.is_none()
            && (!self.selection.is_empty() || !self.standing.is_empty())
            && !self.verdict.blocks_checkout(&self.rules)
    }

    pub fn plan(&self) -> Option<&Plan> {
        self.venue().map(|v| &v.plan)
    }

    pub fn prices(&self) -> Option<&PriceList> {
        self.venue().map(|v| &v.prices)
    }
}

#[cfg(test)]
mod tests;
