//! Choosing seats and standing places: toggling, fixes, quantities, the
//! rules' verdict, and the request bodies built from the choice.

use super::*;

impl State {
    pub(super) fn after_selection_change(&mut self) {
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

    pub(super) fn toggle(&mut self, seat: SeatIx) {
        let Some(venue) = self.venue.clone() else { return };
        if seat.0 as usize >= venue.plan.seat_count() {
            return;
        }
        self.focus = Some(seat);
        self.highlight = Rc::from([]);
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

    pub(super) fn apply_fix(&mut self, fix: &Fix) {
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

    pub(super) fn set_standing(&mut self, choice: StandingChoice) {
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
}
