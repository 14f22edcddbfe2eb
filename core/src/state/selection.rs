//! Choosing seats and standing places: toggling, fixes, alternatives,
//! quantities, and restoring a saved choice.

use super::*;

impl State {
    pub(super) fn toggle(&mut self, seat: SeatIndex) {
        let Some(venue) = self.venue().cloned() else { return };
        if seat.0 as usize >= venue.plan.seat_count() {
            return;
        }
        self.focus = Some(seat);
        self.highlight = Rc::from([]);
        let name = list_seats(&venue.plan, &[seat]);
        if self.is_being_added(seat) {
            self.notice = Notice::new(Tone::Info, format!("{name} is being added to your basket."));
            return;
        }
        if let Some(why) = self.closed_for_sale() {
            self.notice = Notice::new(Tone::Info, why);
            return;
        }
        match self.state_of(seat) {
            SeatState::Selected => {
                self.selection.retain(|c| c.seat != seat);
            }
            SeatState::InBasket => {
                self.notice = Notice::new(Tone::Info, format!("{name} is already in your basket."));
            }
            SeatState::Unknown => {
                self.notice = Notice::new(
                    Tone::Info,
                    format!(
                        "We don't know yet whether {name} is free. We'll show it as soon as the box office tells us."
                    ),
                );
            }
            state if state.is_selectable() => {
                if let Err(problem) = rules::can_add(self.counts().total() + 1, &self.rules) {
                    self.notice = Notice::new(Tone::Warning, problem.to_string());
                    return;
                }
                let Some(ticket_type) = self.default_type(seat) else {
                    self.notice = Notice::new(Tone::Warning, format!("{name} has no price online."));
                    return;
                };
                self.selection.push(Chosen { seat, ticket_type });
            }
            state => {
                let why = self.why_not(seat, state);
                let text = match why {
                    Some(why) => format!("{name} is not available. {why}"),
                    None => format!("{name} is not available."),
                };
                self.notice = Notice::new(Tone::Info, text);
            }
        }
    }

    pub(super) fn apply_fix(&mut self, fix: &Fix) {
        let removed_types: Vec<TicketTypeIndex> = fix
            .remove
            .iter()
            .filter_map(|s| self.selection.iter().find(|c| c.seat == *s).map(|c| c.ticket_type))
            .collect();
        let frozen: Vec<SeatIndex> =
            self.selection.iter().map(|c| c.seat).filter(|s| self.is_being_added(*s)).collect();
        self.selection.retain(|c| !fix.remove.contains(&c.seat) || frozen.contains(&c.seat));
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
    }

    pub(super) fn set_standing(&mut self, choice: StandingChoice) {
        // Only an unreserved area of this plan, in a ticket type priced there.
        let priced = self.venue().is_some_and(|v| {
            let band = self.availability.unreserved(choice.area).and_then(|u| u.band);
            band.is_some_and(|b| v.prices.price(b, choice.ticket_type).is_some())
        });
        if !priced || self.pending.add.is_some() {
            return;
        }
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
                self.notice = Notice::new(Tone::Warning, problem.to_string());
                quantity = current;
            }
        }
        if quantity < choice.quantity && quantity == places.saturating_sub(other_here) && quantity > current {
            self.notice = Notice::new(Tone::Info, format!("Only {places} places are left there."));
        }
        self.standing.retain(|s| !(s.area == choice.area && s.ticket_type == choice.ticket_type));
        if quantity > 0 {
            self.standing.push(StandingChoice { quantity, ..choice });
        }
    }

    pub(super) fn accept_alternative(&mut self) {
        let Some(seats) = self.alternative.take() else { return };
        let old: Vec<Chosen> = std::mem::take(&mut self.selection);
        for (i, seat) in seats.iter().enumerate() {
            let wanted = old.get(i).map(|c| c.ticket_type);
            let ticket_type =
                wanted.filter(|t| self.price_of(*seat, *t).is_some()).or_else(|| self.default_type(*seat));
            if let Some(ticket_type) = ticket_type {
                self.selection.push(Chosen { seat: *seat, ticket_type });
            }
        }
        self.notice = Notice::new(Tone::Info, "Alternative seats chosen.");
    }

    /// Restores a saved choice (after the queue): seats still open and
    /// standing places still left come back; the rest is said.
    pub(super) fn restore_choice(&mut self, saved: SavedChoice) {
        let Some(venue) = self.venue().cloned() else { return };
        let mut restored = 0;
        let mut gone = 0;
        for (seat_id, type_id) in &saved.seats {
            let (Some(seat), Some(kind)) = (venue.plan.seat_by_id(seat_id), venue.prices.type_by_id(type_id)) else {
                gone += 1;
                continue;
            };
            let open = !self.availability.known || self.availability.seat(seat).is_open();
            if open && !self.is_selected(seat) && self.price_of(seat, kind).is_some() {
                self.selection.push(Chosen { seat, ticket_type: kind });
                restored += 1;
            } else {
                gone += 1;
            }
        }
        for (area_id, type_id, quantity) in &saved.standing {
            if let (Some(area), Some(kind)) = (venue.plan.area_by_id(area_id), venue.prices.type_by_id(type_id)) {
                self.standing.push(StandingChoice { area, ticket_type: kind, quantity: *quantity });
                restored += quantity;
            }
        }
        if restored + gone > 0 {
            let lost = match gone {
                0 => None,
                1 => Some("one seat is".to_owned()),
                n => Some(format!("{n} seats are")),
            };
            let text = match (saved.away, lost) {
                (Away::InQueue, None) => "Welcome back. We kept your choice while you were in the queue.".to_owned(),
                (Away::InQueue, Some(lost)) => {
                    format!("Welcome back. We kept your choice while you were in the queue, but {lost} no longer free.")
                }
                (Away::OtherPerformance, None) => "Your choice for this performance is back.".to_owned(),
                (Away::OtherPerformance, Some(lost)) => {
                    format!("Your choice for this performance is back, but {lost} no longer free.")
                }
            };
            self.notice = Notice::new(Tone::Info, text);
        }
    }

    /// Says that the choice made on the performance before a switch did not
    /// come along (seats are not the same from one performance to another).
    pub(super) fn choice_left_behind(&mut self, tickets: u32, performance: Option<String>) {
        if tickets == 0 {
            return;
        }
        let what = if tickets == 1 { "1 ticket".to_owned() } else { format!("{tickets} tickets") };
        let when = performance.map(|p| format!(" for {p}")).unwrap_or_else(|| " for the other performance".into());
        self.notice = Notice::new(
            Tone::Info,
            format!(
                "Your choice of {what}{when} was not carried over to this performance. \
                 Switch back to see it again, if the seats are still free."
            ),
        );
    }

    /// Why nothing can be chosen now, if so.
    pub(super) fn closed_for_sale(&self) -> Option<String> {
        if self.queue.is_some() {
            return Some("Please join the queue first; your choice is kept.".into());
        }
        match &self.sale {
            SaleState::OnSale => None,
            SaleState::NotYetOnSale { .. } => Some("Tickets for this performance are not on sale online yet.".into()),
            SaleState::Closed => Some("Online sales for this performance have closed.".into()),
            SaleState::Cancelled => Some("This performance has been cancelled.".into()),
            SaleState::SoldOut => Some("This performance is sold out.".into()),
        }
    }
}
