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
    pub highlight: Rc<[SeatIx]>,
    pub focus: Option<SeatIx>,
    pub login_error: Option<String>,
    /// Seats added while held for this customer (lock kept), to explain a logout.
    pub held_in_basket: Vec<(SeatIx, LockIx)>,
    /// Unknown status letters already reported to the console.
    pub reported_letters: Vec<String>,
    /// Bumped on every change the host page should hear about.
    pub selection_version: u32,
    /// The status and the basket disagree (a basket seat is no longer ours):
    /// the shell should read the basket again.
    pub basket_stale: bool,
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
            highlight: Rc::from([]),
            focus: None,
            login_error: None,
            held_in_basket: Vec::new(),
            reported_letters: Vec::new(),
            selection_version: 0,
            basket_stale: false,
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
                self.highlight = Rc::from([]);
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
                    self.basket_stale = false;
                    let basket = Basket::from_wire(wire, &venue.instance.id, &venue.plan, &venue.prices);
                    self.held_in_basket.retain(|(s, _)| basket.seats_here().any(|b| b == *s));
                    self.basket = Some(Rc::new(basket));
                    self.busy = self.busy.filter(|b| *b != Busy::Removing);
                    self.after_selection_change();
                }
            }
            Action::BasketEmpty => {
                let had_tickets = self.basket.as_ref().is_some_and(|b| !b.tickets.is_empty());
                if had_tickets {
                    // The session is gone (baskets expire after inactivity): its seats were released.
                    self.notice = Some(Notice {
                        tone: Tone::Warning,
                        text: "Your basket has expired, so the box office has released its seats. \
                               Please choose your seats again."
                            .into(),
                    });
                }
                self.basket_stale = false;
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
                self.highlight = seats.into();
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

    pub(super) fn venue(&self) -> Option<&Venue> {
        self.venue.as_deref()
    }

    pub fn is_selected(&self, seat: SeatIx) -> bool {
        self.selection.iter().any(|c| c.seat == seat)
    }

    pub fn state_of(&self, seat: SeatIx) -> SeatState {
        self.seat_states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unavailable)
    }

    pub(super) fn compute_state(&self, seat: SeatIx) -> SeatState {
        seat_state(self.availability.seat(seat), &self.availability, self.is_selected(seat))
    }

    pub(super) fn refresh_seat(&mut self, seat: SeatIx) {
        let state = self.compute_state(seat);
        if let Some(slot) = Rc::make_mut(&mut self.seat_states).get_mut(seat.0 as usize) {
            *slot = state;
        }
    }

    pub(super) fn refresh_all(&mut self) {
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

    pub(super) fn default_type(&self, seat: SeatIx) -> Option<TypeIx> {
        let venue = self.venue()?;
        let band = self.availability.seat(seat).band?;
        venue.prices.band(band).default_type
    }

    pub(super) fn price_of(&self, seat: SeatIx, kind: TypeIx) -> Option<f64> {
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

    pub fn plan(&self) -> Option<&Plan> {
        self.venue().map(|v| &v.plan)
    }

    pub fn prices(&self) -> Option<&PriceList> {
        self.venue().map(|v| &v.prices)
    }
}

mod customer;
mod selection;
mod status;

#[cfg(test)]
mod tests;
