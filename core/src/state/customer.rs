//! Who is logged in, and what a login or logout means for held seats.

use super::*;

impl State {
    pub(super) fn set_customer(&mut self, customer: CustomerState) {
        let was_logged_in = self.customer.is_logged_in();
        self.pending.log_out = false;
        if customer.is_logged_in() {
            self.pending.log_in = false;
            self.login_error = None;
        } else if self.pending.log_in {
            // The login was accepted, yet this session is still not logged in
            // (the browser kept no cookie, or the check failed): say so.
            self.pending.log_in = false;
            self.login_error = Some(
                "Your login could not be confirmed. Please try again; if it keeps happening, \
                 your browser may be blocking the box office's cookies."
                    .into(),
            );
        }
        if was_logged_in && !customer.is_logged_in() {
            self.logged_out();
        }
        let locks_may_change = match (&self.customer, &customer) {
            (CustomerState::LoggedIn { id: a, .. }, CustomerState::LoggedIn { id: b, .. }) => a != b,
            (old, new) => old.is_logged_in() != new.is_logged_in(),
        };
        if locks_may_change && self.venue().is_some() {
            // Customer locks change the letters of this very session.
            self.wants.status_now += 1;
        }
        self.customer = customer;
    }

    /// The customer logged out: seats held for them close at once (the next
    /// poll confirms), a chosen one leaves the choice, and both that and any
    /// such seat in the basket are explained, naming the seats and the lock.
    pub(super) fn logged_out(&mut self) {
        let Some(venue) = self.venue().cloned() else { return };
        let lock_names = |state: &State, seats: &[SeatIndex], lock_of: &dyn Fn(SeatIndex) -> Option<LockIndex>| {
            let mut names: Vec<String> = seats
                .iter()
                .filter_map(|s| lock_of(*s))
                .filter_map(|l| state.availability.lock(l))
                .map(|l| l.name.to_string())
                .collect();
            crate::sorting::sort(&mut names);
            names.dedup();
            if names.is_empty() {
                "another customer group".to_owned()
            } else {
                names.join(", ")
            }
        };
        let was_held: Vec<SeatIndex> = (0..self.availability.seats.len() as u32)
            .map(SeatIndex)
            .filter(|s| self.availability.seat(*s).letter == Letter::HeldForYou)
            .collect();
        let dropped: Vec<SeatIndex> = self.selection.iter().map(|c| c.seat).filter(|s| was_held.contains(s)).collect();
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
            let mut seats: Vec<SeatIndex> = self.held_in_basket.iter().map(|(s, _)| *s).collect();
            crate::sorting::sort(&mut seats);
            let held_for =
                lock_names(self, &seats, &|s| self.held_in_basket.iter().find(|(x, _)| *x == s).map(|(_, l)| *l));
            parts.push(format!(
                "Your basket still holds {} held for {}. They are kept for now; log in again to buy them, or remove them from your basket.",
                list_seats(&venue.plan, &seats),
                held_for
            ));
        }
        if !parts.is_empty() {
            self.notice = Notice::new(Tone::Warning, format!("You have logged out. {}", parts.join(" ")));
        }
        if !was_held.is_empty() {
            self.selection.retain(|c| !dropped.contains(&c.seat));
            // Until the next status says so: the box office closes them at once.
            let availability = Rc::make_mut(&mut self.availability);
            for s in &was_held {
                availability.seats[s.0 as usize].letter = Letter::Unavailable;
            }
        }
    }

    /// Remembers that a basket seat was held for this customer (first lock wins).
    pub(super) fn hold_in_basket(&mut self, seat: SeatIndex, lock: LockIndex) {
        if !self.held_in_basket.iter().any(|(s, _)| *s == seat) {
            self.held_in_basket.push((seat, lock));
        }
    }
}
