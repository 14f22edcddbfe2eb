//! What the shell asks of the state between actions: read-only answers,
//! and the requests to send, built from the choice.

use super::{Away, Load, SavedChoice, State};
use crate::availability::Letter;
use crate::labels::list_seats;
use crate::plan::{AreaIndex, Plan};
use crate::prices::{BandIndex, PriceList, TicketTypeIndex};
use crate::rules::{Cell, Counts, SeatIndex};
use crate::seat_state::{reason, SeatState};
use crate::venue::Venue;
use crate::wire::outgoing::{BestAvailableRequest, TicketRequest};
use std::rc::Rc;

impl State {
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

    pub(super) fn seat_names(&self, seats: &[SeatIndex]) -> String {
        self.plan().map(|p| list_seats(p, seats)).unwrap_or_default()
    }

    pub(super) fn why_not(&self, seat: SeatIndex, state: SeatState) -> Option<String> {
        reason(self.availability.seat(seat), &self.availability, state)
    }
}
