//! Everything derived from the state, computed in one place at the end of
//! each action: each seat's state, the rules' verdict, the sale state and
//! the version counters host events watch.

use super::*;

impl State {
    pub(super) fn derive(&mut self) {
        self.derive_seat_states();
        self.derive_verdict();
        self.derive_sale();
        let current = (self.selection.clone(), self.standing.clone());
        if current != self.last_selection {
            self.last_selection = current;
            self.versions.selection += 1;
        }
    }

    /// Recomputes every seat's state; keeps the same `Rc` when nothing
    /// changed, so the map can tell by pointer that there is nothing to redraw.
    pub(super) fn derive_seat_states(&mut self) {
        let count = self.availability.seats.len();
        let mut selected = vec![false; count];
        for c in &self.selection {
            if let Some(slot) = selected.get_mut(c.seat.0 as usize) {
                *slot = true;
            }
        }
        let mut letters: Vec<Option<Letter>> = Vec::new();
        if !self.overlay.is_empty() {
            letters = vec![None; count];
            for o in &self.overlay {
                if let Some(slot) = letters.get_mut(o.seat.0 as usize) {
                    *slot = Some(o.shows);
                }
            }
        }
        let availability = &self.availability;
        let states: Vec<SeatState> = if !availability.known {
            vec![SeatState::Unknown; count]
        } else {
            (0..count)
                .map(|i| match letters.get(i).copied().flatten() {
                    Some(letter) => {
                        let mut seat = availability.seats[i].clone();
                        seat.letter = letter;
                        seat_state(&seat, availability, selected[i])
                    }
                    None => seat_state(&availability.seats[i], availability, selected[i]),
                })
                .collect()
        };
        if *self.seat_states != states {
            self.seat_states = Rc::new(states);
        }
    }

    fn derive_verdict(&mut self) {
        let Some(venue) = self.venue().cloned() else { return };
        let seats: Vec<SeatIndex> = self.selection.iter().map(|c| c.seat).collect();
        let counts = self.counts();
        self.verdict = if seats.is_empty() && counts.unreserved_tickets == 0 {
            Verdict::default()
        } else {
            rules::check(&venue.plan.rows, |s| self.cell(s), &seats, counts, &self.rules)
        };
    }

    fn derive_sale(&mut self) {
        let Some(venue) = self.venue() else { return };
        let instance = self.sale_instance.as_ref().unwrap_or(&venue.instance);
        let mut sale = SaleState::of(instance, &self.now_local);
        if sale == SaleState::OnSale && self.availability.known {
            // By letter: a free seat without an online price is "not on sale online", not sold out.
            let seat_open = self.availability.seats.iter().any(|s| s.letter.is_open());
            let places_left = self.availability.unreserved.iter().any(|(_, u)| u.available > 0);
            let own = !self.selection.is_empty()
                || !self.standing.is_empty()
                || self.basket.contents.as_ref().is_some_and(|b| b.tickets_here().next().is_some());
            if !seat_open && !places_left && !own {
                sale = SaleState::SoldOut;
            }
        }
        self.sale = sale;
    }
}
