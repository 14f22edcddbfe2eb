//! The widget's one state and its reducer. No I/O happens here: the shell
//! fetches, then dispatches an [`Action`] with what it got; [`State::reduce`]
//! decides what that means for the customer, using the other core modules,
//! and ends by recomputing everything derived ([`State::seat_states`], the
//! rules' verdict, the sale state, the versions host events watch) in one
//! place.
//!
//! What the shell should fetch next is said as data, not done: the
//! [`Wants`] counters go up when the basket should be read, the status
//! polled at once, or the customer re-checked; hooks watch them.
//!
//! The last answer from the box office ([`State::availability`]) is kept
//! apart from local, optimistic changes (an overlay: seats just added or
//! removed), which a later read confirms or drops, and which expire, so a
//! local edit the server never confirmed cannot stick.
//!
//! Large parts (plan, availability, per-seat states) sit behind `Rc`, so a
//! click clones a few small vectors, not the 20,000-seat arena.

use crate::availability::{Availability, Letter, LockIndex};
use crate::basket::Basket;
use crate::customer::CustomerState;
use crate::error::{ApiError, Call};
use crate::labels::list_seats;
use crate::plan::{AreaIndex, Plan};
use crate::prices::{BandIndex, PriceList, TicketTypeIndex};
use crate::report::Report;
use crate::rules::{self, Cell, Counts, Fix, RuleConfig, SeatIndex, Verdict};
use crate::seat_state::{reason, seat_state, SeatState};
use crate::venue::{SaleState, Venue};
use crate::wire::outgoing::{BestAvailableRequest, TicketRequest};
use std::rc::Rc;

mod basket;
mod customer;
mod derive;
mod load;
mod selection;
mod status;

pub use basket::{AddPending, BasketView, ExtraTickets, Pending};

/// The loading of the performance: one enum that carries its data.
#[derive(Debug, Clone)]
pub enum Load {
    /// Reading the instance, plan and prices; `retrying` after a transient failure.
    Loading {
        /// The last failure, while it is being retried.
        retrying: Option<ApiError>,
    },
    /// The map can be drawn.
    Ready(Rc<Venue>),
    /// Nothing to draw, and trying again by itself would not help.
    Failed(ApiError),
}

/// How urgent a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// For information.
    Info,
    /// Something the customer should know (a seat lost, a rule).
    Warning,
    /// Something failed.
    Error,
}

/// A message for the customer, shown in the panel and read by screen readers.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// How urgent it is.
    pub tone: Tone,
    /// The words, for the buyer.
    pub text: String,
    /// What failed, technically, for the console and the `seatmap:error`
    /// event (never shown to the buyer).
    pub detail: Option<String>,
}

impl Notice {
    fn new(tone: Tone, text: impl Into<String>) -> Option<Notice> {
        Some(Notice { tone, text: text.into(), detail: None })
    }

    /// A failure of `call`: the buyer's words, with the error's detail kept for the developer.
    fn failure(text: impl Into<String>, call: Call, error: &ApiError) -> Option<Notice> {
        Some(Notice { tone: Tone::Error, text: text.into(), detail: Some(format!("{call:?}: {}", error.detail())) })
    }
}

/// A seat chosen in the picker, with its ticket type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chosen {
    /// The seat.
    pub seat: SeatIndex,
    /// The ticket type it will be bought as.
    pub ticket_type: TicketTypeIndex,
}

/// Places chosen in an unreserved (standing) area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StandingChoice {
    /// The area.
    pub area: AreaIndex,
    /// The ticket type.
    pub ticket_type: TicketTypeIndex,
    /// How many places.
    pub quantity: u32,
}

/// How live the map is: the status polling's health.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Live {
    /// When the last status was read (Unix ms).
    pub last_ok_ms: Option<f64>,
    /// Consecutive failed polls.
    pub failures: u32,
    /// The last failure, until a poll succeeds.
    pub error: Option<ApiError>,
    /// Polling has stopped: trying again by itself would not help.
    pub stopped: bool,
}

/// Reads the shell should make, as counters: each increase asks once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wants {
    /// Read the basket (`GET basket`).
    pub basket_read: u32,
    /// Poll the status now, without waiting for the interval.
    pub status_now: u32,
    /// Ask who is logged in.
    pub customer_check: u32,
    /// Read the performance (`GET instances/{id}`) again: its sale state may have changed.
    pub instance_read: u32,
}

/// Counters that change exactly when what a host event describes changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Versions {
    /// The choice (seats, ticket types, standing places) changed.
    pub selection: u32,
    /// Tickets were added (focus moves to the basket).
    pub added: u32,
    /// New problems were found in the API's documents ([`State::new_problems`]).
    pub problems: u32,
}

/// Spektrix's queue, when a basket call answered `JoinQueue`.
#[derive(Debug, Clone, PartialEq)]
pub struct Queue {
    /// Where the queue is, as the server gave it (the shell resolves it against the custom domain).
    pub url: Option<String>,
    /// The server's message.
    pub message: Option<String>,
}

/// A seat or standing choice to restore (after the queue, or from the page).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct SavedChoice {
    /// Seat ids and ticket type ids.
    pub seats: Vec<(String, String)>,
    /// Area ids, ticket type ids and quantities.
    pub standing: Vec<(String, String, u32)>,
    /// Where the customer was meanwhile (what to say when it comes back).
    #[serde(default)]
    pub away: Away,
}

impl SavedChoice {
    /// Whether there is nothing to keep.
    pub fn is_empty(&self) -> bool {
        self.seats.is_empty() && self.standing.is_empty()
    }

    /// How many tickets the choice holds.
    pub fn tickets(&self) -> u32 {
        self.seats.len() as u32 + self.standing.iter().map(|(_, _, quantity)| quantity).sum::<u32>()
    }
}

/// Where the customer was while their choice was kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Away {
    /// In Spektrix's queue.
    #[default]
    InQueue,
    /// Looking at another performance (the page switched `instance-id`).
    OtherPerformance,
}

/// The widget's state.
#[derive(Debug, Clone)]
pub struct State {
    /// The venue's selection rules.
    pub rules: RuleConfig,
    /// The performance, once loaded.
    pub load: Load,
    /// The last availability the box office sent (not yet known: every seat unknown).
    pub availability: Rc<Availability>,
    /// What each seat looks like now: derived at the end of every action.
    pub seat_states: Rc<Vec<SeatState>>,
    /// Seats chosen, in the order chosen.
    pub selection: Vec<Chosen>,
    /// Standing places chosen.
    pub standing: Vec<StandingChoice>,
    /// The basket, as last read.
    pub basket: BasketView,
    /// Who is logged in.
    pub customer: CustomerState,
    /// Operations under way, each closed only by its own completion.
    pub pending: Pending,
    /// The status polling's health.
    pub live: Live,
    /// Whether the performance can be booked online now.
    pub sale: SaleState,
    /// The queue, when the box office sent the customer there.
    pub queue: Option<Queue>,
    /// The message for the customer, if any.
    pub notice: Option<Notice>,
    /// The rules' verdict on the current choice.
    pub verdict: Verdict,
    /// Seats offered in place of ones that were lost.
    pub alternative: Option<Vec<SeatIndex>>,
    /// Tickets in the basket beyond what was asked for (a re-sent request).
    pub extra_tickets: Option<ExtraTickets>,
    /// Seats to point out (best-available results).
    pub highlight: Rc<[SeatIndex]>,
    /// The seat with the keyboard focus (the map's roving tab stop).
    pub focus: Option<SeatIndex>,
    /// Why the last login failed.
    pub login_error: Option<String>,
    /// Seats added while held for this customer (lock kept), to explain a logout.
    pub held_in_basket: Vec<(SeatIndex, LockIndex)>,
    /// When the basket last changed (Unix ms), while it holds tickets: the hold timer counts from here.
    pub basket_changed_ms: Option<f64>,
    /// The hold timer ran out and the basket is being read to see whether
    /// the box office still holds it.
    hold_check: bool,
    /// Reads the shell should make.
    pub wants: Wants,
    /// Counters for host events.
    pub versions: Versions,
    /// Problems found since the last [`Versions::problems`] change, to report once.
    pub new_problems: Report,
    /// The buyer's local time (ISO 8601) when last told, for the sale state.
    now_local: Rc<str>,
    overlay: Vec<OverlayEntry>,
    reported: Report,
    last_selection: (Vec<Chosen>, Vec<StandingChoice>),
    /// After an add answered, what the next basket read should show: the
    /// tickets before, and the ones the answer listed. More means the
    /// browser sent the request again after a lost answer.
    added_check: Option<AddedCheck>,
    /// The performance as last read again, for the sale state (the venue keeps the first read).
    sale_instance: Option<crate::venue::InstanceInfo>,
    /// What [`State::seat_states`] was last derived from.
    seat_states_from: Option<SeatStatesFrom>,
}

/// The inputs the seat states were last derived from: when only the choice
/// differs, only the seats that joined or left it need deriving again.
#[derive(Debug, Clone)]
struct SeatStatesFrom {
    /// The availability (held, so its address cannot be reused by another).
    availability: Rc<Availability>,
    overlay: Vec<OverlayEntry>,
    /// The seats chosen.
    chosen: Vec<SeatIndex>,
}

/// What the basket read after an answered add should show.
#[derive(Debug, Clone)]
struct AddedCheck {
    /// This performance's tickets before the add.
    before: Vec<Rc<str>>,
    /// The tickets the answer listed.
    listed: Vec<Rc<str>>,
    /// How many were asked for.
    asked: u32,
}

/// A local change the box office has not confirmed yet.
#[derive(Debug, Clone, Copy, PartialEq)]
struct OverlayEntry {
    seat: SeatIndex,
    /// The letter shown meanwhile.
    shows: Letter,
    /// When the change happened (Unix ms): a status requested after it replaces it.
    since_ms: f64,
}

/// How long a local change may stand without a read confirming it.
const OVERLAY_EXPIRES_MS: f64 = 60_000.0;

/// Everything that happens to the widget.
#[derive(Debug, Clone)]
pub enum Action {
    /// (Re)start loading the performance.
    LoadStarted,
    /// The instance, plan and prices are read; `now_local` is the buyer's time (ISO 8601).
    Loaded {
        /// The performance.
        venue: Rc<Venue>,
        /// What reading its documents skipped or repaired.
        report: Report,
        /// The buyer's local time.
        now_local: Rc<str>,
    },
    /// Loading failed; `retrying` when the shell will try again by itself.
    LoadFailed {
        /// Why.
        error: ApiError,
        /// Whether it will be tried again.
        retrying: bool,
    },
    /// A status arrived. `requested_ms` is when it was asked for (Unix ms).
    Status {
        /// The decoded availability.
        availability: Availability,
        /// When the request was made.
        requested_ms: f64,
        /// When it arrived.
        now_ms: f64,
    },
    /// A poll answered exactly as the last one: nothing to redraw.
    StatusUnchanged {
        /// When the request was made.
        requested_ms: f64,
        /// When it arrived.
        now_ms: f64,
    },
    /// A poll failed; `stopped` when polling has stopped (a permanent failure).
    StatusFailed {
        /// Why.
        error: ApiError,
        /// Whether polling stopped.
        stopped: bool,
    },
    /// A seat was clicked or pressed.
    Toggle(SeatIndex),
    /// A chosen seat's ticket type changed.
    SetTicketType(SeatIndex, TicketTypeIndex),
    /// A chosen seat was removed from the choice.
    Deselect(SeatIndex),
    /// The whole choice was cleared.
    ClearSelection,
    /// The rules' one-click fix was applied.
    ApplyFix(Fix),
    /// The offered alternative seats were taken instead.
    AcceptAlternative,
    /// The offered alternative was dismissed.
    DismissAlternative,
    /// Standing places were chosen.
    SetStanding(StandingChoice),
    /// A saved choice is restored (after the queue, or on switching back to its performance).
    RestoreChoice(SavedChoice),
    /// The page switched performance while the customer had a choice on
    /// the one before: it stays with that performance (seats differ), and
    /// the customer is told.
    ChoiceLeftBehind {
        /// How many tickets were chosen there.
        tickets: u32,
        /// That performance, in words ("Wednesday 9 December, 7.30pm"), when known.
        performance: Option<String>,
    },
    /// `POST basket/tickets` was sent with [`State::add_request`].
    AddStarted,
    /// The add answered: the tickets the server added.
    AddSucceeded {
        /// The tickets added, as the server listed them.
        tickets: Vec<crate::basket::Ticket>,
        /// When the answer arrived (Unix ms).
        now_ms: f64,
    },
    /// The add was refused (the server answered with an error).
    AddFailed(ApiError),
    /// The add's answer was lost: the basket must be read to know.
    AddUncertain(ApiError),
    /// `POST basket/tickets/best-available` was sent.
    BestAvailableStarted {
        /// How many tickets were asked for.
        quantity: u32,
    },
    /// Best available answered with the tickets added.
    BestAvailableSucceeded {
        /// The tickets added.
        tickets: Vec<crate::basket::Ticket>,
        /// When the answer arrived (Unix ms).
        now_ms: f64,
    },
    /// Best available was refused.
    BestAvailableFailed(ApiError),
    /// Best available's answer was lost.
    BestAvailableUncertain(ApiError),
    /// `DELETE basket/tickets` was sent for these tickets.
    RemoveStarted(Vec<Rc<str>>),
    /// The removal succeeded.
    RemoveSucceeded {
        /// When the answer arrived (Unix ms).
        now_ms: f64,
    },
    /// The removal failed.
    RemoveFailed(ApiError),
    /// A basket read started.
    BasketReadStarted,
    /// A basket read answered (`None`: the session has no basket). `requested_ms` is when it was asked.
    BasketRead {
        /// The basket.
        basket: Option<Basket>,
        /// When it was asked for.
        requested_ms: f64,
        /// When it arrived.
        now_ms: f64,
    },
    /// A basket read failed (it is retried by the shell under the polling policy).
    BasketReadFailed(ApiError),
    /// Who is logged in, as the box office just said.
    Customer(CustomerState),
    /// The login form was sent.
    LogInStarted,
    /// The login was refused, in these words.
    LogInFailed(String),
    /// The logout was sent.
    LogOutStarted,
    /// The logout failed.
    LogOutFailed(ApiError),
    /// The keyboard focus moved to a seat.
    Focus(Option<SeatIndex>),
    /// A message from the shell.
    Notify(Notice),
    /// The message was dismissed.
    DismissNotice,
    /// The hold timer ran out: read the basket and explain.
    HoldExpired,
    /// A basket call answered `JoinQueue`.
    Queued(Queue),
    /// Another map on the page changed the basket: read it again.
    BasketChangedElsewhere,
    /// The performance was read again (after a refusal): its sale state.
    InstanceRead(crate::venue::InstanceInfo),
}

impl State {
    /// A fresh state for a widget with these rules.
    pub fn new(rules: RuleConfig) -> State {
        State {
            rules,
            load: Load::Loading { retrying: None },
            availability: Rc::default(),
            seat_states: Rc::default(),
            selection: Vec::new(),
            standing: Vec::new(),
            basket: BasketView::default(),
            customer: CustomerState::Unknown,
            pending: Pending::default(),
            live: Live::default(),
            sale: SaleState::OnSale,
            queue: None,
            notice: None,
            verdict: Verdict::default(),
            alternative: None,
            extra_tickets: None,
            highlight: Rc::from([]),
            focus: None,
            login_error: None,
            held_in_basket: Vec::new(),
            basket_changed_ms: None,
            hold_check: false,
            wants: Wants::default(),
            versions: Versions::default(),
            new_problems: Report::default(),
            now_local: "".into(),
            overlay: Vec::new(),
            reported: Report::default(),
            last_selection: (Vec::new(), Vec::new()),
            added_check: None,
            sale_instance: None,
            seat_states_from: None,
        }
    }

    /// Applies one action, then recomputes everything derived.
    pub fn reduce(&mut self, action: Action) {
        match action {
            Action::LoadStarted => self.load_started(),
            Action::Loaded { venue, report, now_local } => self.loaded(venue, report, now_local),
            Action::LoadFailed { error, retrying } => self.load_failed(error, retrying),
            Action::Status { availability, requested_ms, now_ms } => {
                self.apply_status(availability, requested_ms, now_ms)
            }
            Action::StatusUnchanged { requested_ms, now_ms } => self.status_unchanged(requested_ms, now_ms),
            Action::StatusFailed { error, stopped } => {
                if error.recovery(crate::error::Call::StatusDetail) == crate::error::Recovery::RecheckCustomer {
                    self.wants.customer_check += 1;
                }
                self.live.failures += 1;
                self.live.error = Some(error);
                self.live.stopped = stopped;
            }
            Action::Toggle(seat) => self.toggle(seat),
            Action::SetTicketType(seat, kind) => {
                // Only a ticket type this seat has a price for.
                if self.price_of(seat, kind).is_some() && !self.is_being_added(seat) {
                    if let Some(c) = self.selection.iter_mut().find(|c| c.seat == seat) {
                        c.ticket_type = kind;
                    }
                }
            }
            Action::Deselect(seat) => {
                if !self.is_being_added(seat) {
                    self.selection.retain(|c| c.seat != seat);
                }
            }
            Action::ClearSelection => {
                let adding = self.pending.add.clone();
                self.selection.retain(|c| adding.as_ref().is_some_and(|a| a.seats.iter().any(|s| s.seat == c.seat)));
                self.standing.clear();
            }
            Action::ApplyFix(fix) => self.apply_fix(&fix),
            Action::AcceptAlternative => self.accept_alternative(),
            Action::DismissAlternative => self.alternative = None,
            Action::SetStanding(choice) => self.set_standing(choice),
            Action::RestoreChoice(saved) => self.restore_choice(saved),
            Action::ChoiceLeftBehind { tickets, performance } => self.choice_left_behind(tickets, performance),
            Action::AddStarted => self.add_started(),
            Action::AddSucceeded { tickets, now_ms } => self.add_answered(tickets, now_ms),
            Action::AddFailed(error) => self.add_failed(error),
            Action::AddUncertain(error) => self.add_uncertain(error),
            Action::BestAvailableStarted { quantity } => self.best_available_started(quantity),
            Action::BestAvailableSucceeded { tickets, now_ms } => self.best_available_answered(tickets, now_ms),
            Action::BestAvailableFailed(error) => self.best_available_failed(error),
            Action::BestAvailableUncertain(error) => self.best_available_uncertain(error),
            Action::RemoveStarted(tickets) => self.remove_started(tickets),
            Action::RemoveSucceeded { now_ms } => self.remove_succeeded(now_ms),
            Action::RemoveFailed(error) => self.remove_failed(error),
            Action::BasketReadStarted => self.basket.reading = true,
            Action::BasketRead { basket, requested_ms, now_ms } => self.basket_read(basket, requested_ms, now_ms),
            Action::BasketReadFailed(error) => {
                if error.recovery(crate::error::Call::Basket) == crate::error::Recovery::RecheckCustomer {
                    self.wants.customer_check += 1;
                }
                self.basket.reading = false;
                self.basket.failures += 1;
                self.basket.error = Some(error);
            }
            Action::Customer(customer) => self.set_customer(customer),
            Action::LogInStarted => {
                self.pending.log_in = true;
                self.login_error = None;
            }
            Action::LogInFailed(message) => {
                self.pending.log_in = false;
                self.login_error = Some(message);
            }
            Action::LogOutStarted => self.pending.log_out = true,
            Action::LogOutFailed(error) => {
                self.pending.log_out = false;
                let text = format!("We couldn't log you out. {}", error.for_buyer(Call::LogOut));
                self.notice = Notice::failure(text, Call::LogOut, &error);
            }
            Action::Focus(seat) => {
                self.focus = seat;
                return;
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::HoldExpired => {
                self.hold_check = true;
                self.wants.basket_read += 1;
            }
            Action::Queued(queue) => self.queued(queue),
            Action::InstanceRead(instance) => {
                if self.venue().is_some_and(|v| v.instance.id == instance.id) {
                    let was_open = self.sale.is_open();
                    self.sale_instance = Some(instance);
                    self.derive();
                    // Read again after a refusal: say why, in place of "couldn't do that".
                    if was_open && !self.sale.is_open() {
                        if let Some(why) = self.closed_for_sale() {
                            self.notice = Notice::new(Tone::Warning, format!("{why} Your choice is kept."));
                        }
                    }
                }
                return;
            }
            Action::BasketChangedElsewhere => {
                self.wants.basket_read += 1;
                self.wants.status_now += 1;
            }
        }
        self.derive();
    }

    /// The performance, when loaded.
    pub fn venue(&self) -> Option<&Rc<Venue>> {
        match &self.load {
            Load::Ready(venue) => Some(venue),
            _ => None,
        }
    }

    /// The plan, when loaded.
    pub fn plan(&self) -> Option<&Plan> {
        self.venue().map(|v| &v.plan)
    }

    /// The price list, when loaded.
    pub fn prices(&self) -> Option<&PriceList> {
        self.venue().map(|v| &v.prices)
    }

    /// Whether `seat` is chosen.
    pub fn is_selected(&self, seat: SeatIndex) -> bool {
        self.selection.iter().any(|c| c.seat == seat)
    }

    /// Whether `seat` is part of an add under way (frozen until it answers).
    pub fn is_being_added(&self, seat: SeatIndex) -> bool {
        self.pending.add.as_ref().is_some_and(|a| a.seats.iter().any(|c| c.seat == seat))
    }

    /// What `seat` looks like now.
    pub fn state_of(&self, seat: SeatIndex) -> SeatState {
        self.seat_states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unknown)
    }

    /// The letter the customer sees for `seat`: the server's, unless a local change stands over it.
    pub fn letter_of(&self, seat: SeatIndex) -> Letter {
        match self.overlay.iter().rev().find(|o| o.seat == seat) {
            Some(o) => o.shows,
            None => self.availability.seat(seat).letter,
        }
    }

    pub(crate) fn default_type(&self, seat: SeatIndex) -> Option<TicketTypeIndex> {
        let venue = self.venue()?;
        let band = self.availability.seat(seat).band?;
        venue.prices.band(band).default_type
    }

    pub(crate) fn price_of(&self, seat: SeatIndex, kind: TicketTypeIndex) -> Option<f64> {
        let venue = self.venue()?;
        venue.prices.price(self.availability.seat(seat).band?, kind)
    }

    /// Tickets in the basket for this performance.
    pub fn tickets_in_basket_here(&self) -> u32 {
        self.basket.contents.as_ref().map_or(0, |b| b.tickets_here().count() as u32)
    }

    /// The counts the quantity rules look at.
    pub fn counts(&self) -> Counts {
        Counts {
            selected_seats: self.selection.len() as u32,
            unreserved_tickets: self.standing.iter().map(|s| s.quantity).sum(),
            in_basket: self.tickets_in_basket_here(),
        }
    }

    /// How this customer sees each seat, for the rules.
    pub fn cell(&self, seat: SeatIndex) -> Cell {
        match self.state_of(seat) {
            SeatState::Selected => Cell::Selected,
            SeatState::Available | SeatState::Info | SeatState::HeldForYou => Cell::Empty,
            SeatState::Wheelchair => Cell::Space,
            _ => Cell::Taken,
        }
    }

    /// The body of `POST basket/tickets` for the current choice: one entry per ticket.
    pub fn add_request(&self) -> Vec<TicketRequest> {
        let Some(venue) = self.venue() else { return Vec::new() };
        let instance = venue.instance.id.to_string();
        let seats = self.selection.iter().filter(|c| !self.is_being_added(c.seat)).map(|c| TicketRequest {
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
        ticket_type: TicketTypeIndex,
        band: Option<BandIndex>,
        area: Option<AreaIndex>,
    ) -> Option<BestAvailableRequest> {
        let venue = self.venue()?;
        if ticket_type.0 as usize >= venue.prices.types.len() {
            return None;
        }
        Some(BestAvailableRequest {
            instance: venue.instance.id.to_string(),
            quantity,
            ticket_type: venue.prices.ticket_type(ticket_type).id.to_string(),
            price_bands: band
                .filter(|b| (b.0 as usize) < venue.prices.bands.len())
                .map(|b| vec![venue.prices.band(b).id.to_string()])
                .unwrap_or_default(),
            areas: area
                .filter(|a| (a.0 as usize) < venue.plan.areas.len())
                .map(|a| vec![venue.plan.area(a).id.to_string()])
                .unwrap_or_default(),
        })
    }

    /// The choice, as ids, to save while the customer is in the queue.
    pub fn saved_choice(&self) -> SavedChoice {
        let Some(venue) = self.venue() else {
            return SavedChoice { seats: Vec::new(), standing: Vec::new(), away: Away::InQueue };
        };
        SavedChoice {
            away: Away::InQueue,
            seats: self
                .selection
                .iter()
                .map(|c| {
                    (venue.plan.seat(c.seat).id.to_string(), venue.prices.ticket_type(c.ticket_type).id.to_string())
                })
                .collect(),
            standing: self
                .standing
                .iter()
                .map(|s| {
                    (
                        venue.plan.area(s.area).id.to_string(),
                        venue.prices.ticket_type(s.ticket_type).id.to_string(),
                        s.quantity,
                    )
                })
                .collect(),
        }
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
        self.pending.add.is_none()
            && self.pending.best_available.is_none()
            && self.sale.is_open()
            && self.queue.is_none()
            && !self.add_request().is_empty()
            && !self.verdict.blocks_checkout(&self.rules)
    }

    /// Whether the status should be read with the customer's cookie rather
    /// than from a shared cache: once someone is logged in or anything is in
    /// the basket, the letters are personal (docs/spektrix-v3.md#shared-cache).
    pub fn status_is_personal(&self) -> bool {
        self.customer.is_logged_in()
            || self.basket.contents.as_ref().is_some_and(|b| !b.tickets.is_empty())
            || self.pending.add.is_some()
            || self.pending.best_available.is_some()
    }

    fn seat_names(&self, seats: &[SeatIndex]) -> String {
        self.plan().map(|p| list_seats(p, seats)).unwrap_or_default()
    }

    fn why_not(&self, seat: SeatIndex, state: SeatState) -> Option<String> {
        reason(self.availability.seat(seat), &self.availability, state)
    }
}

#[cfg(test)]
mod tests;
