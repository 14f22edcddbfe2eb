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

    /// Brings every seat's state up to date; keeps the same `Rc` when
    /// nothing changed, so the map can tell by pointer that there is nothing
    /// to redraw. When only the choice changed since the last time (the same
    /// availability, the same local changes), only the seats that joined or
    /// left it are looked at: a click on the 20,000-seat arena costs a copy
    /// of the states, not 20,000 recomputations and comparisons.
    pub(super) fn derive_seat_states(&mut self) {
        let chosen: Vec<SeatIndex> = self.selection.iter().map(|c| c.seat).collect();
        let same_inputs = self.seat_states_from.as_ref().is_some_and(|from| {
            Rc::ptr_eq(&from.availability, &self.availability)
                && from.overlay == self.overlay
                && self.seat_states.len() == self.availability.seats.len()
        });
        let before = match self.seat_states_from.take() {
            Some(from) if same_inputs => from.chosen,
            _ => {
                self.derive_all_seat_states(&chosen);
                self.seat_states_from = Some(SeatStatesFrom {
                    availability: self.availability.clone(),
                    overlay: self.overlay.clone(),
                    chosen,
                });
                return;
            }
        };
        let mut next: Option<Vec<SeatState>> = None;
        let joined_or_left =
            before.iter().filter(|s| !chosen.contains(s)).chain(chosen.iter().filter(|s| !before.contains(s)));
        for &seat in joined_or_left {
            let i = seat.0 as usize;
            let Some(&current) = self.seat_states.get(i) else { continue };
            let state = self.seat_state_now(seat, chosen.contains(&seat));
            if state != current {
                next.get_or_insert_with(|| self.seat_states.to_vec())[i] = state;
            }
        }
        if let Some(next) = next {
            self.seat_states = Rc::new(next);
        }
        self.seat_states_from =
            Some(SeatStatesFrom { availability: self.availability.clone(), overlay: self.overlay.clone(), chosen });
    }

    /// One seat's state now, `selected` or not.
    fn seat_state_now(&self, seat: SeatIndex, selected: bool) -> SeatState {
        let availability = &self.availability;
        if !availability.known {
            return SeatState::Unknown;
        }
        let overlaid = self.overlay.iter().rev().find(|o| o.seat == seat).map(|o| o.shows);
        shown_state(availability, seat.0 as usize, overlaid, selected)
    }

    /// Recomputes every seat's state.
    fn derive_all_seat_states(&mut self, chosen: &[SeatIndex]) {
        let count = self.availability.seats.len();
        let mut selected = vec![false; count];
        for seat in chosen {
            if let Some(slot) = selected.get_mut(seat.0 as usize) {
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
            (0..count).map(|i| shown_state(availability, i, letters.get(i).copied().flatten(), selected[i])).collect()
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

/// Seat `i`'s state, shown with `overlaid` in place of the box office's
/// letter where the customer's own change is not yet in the status.
fn shown_state(availability: &Availability, i: usize, overlaid: Option<Letter>, selected: bool) -> SeatState {
    match overlaid {
        Some(letter) => {
            let mut seat = availability.seats[i].clone();
            seat.letter = letter;
            seat_state(&seat, availability, selected)
        }
        None => seat_state(&availability.seats[i], availability, selected),
    }
}
