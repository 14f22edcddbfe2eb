//! Applying a fresh availability: the overlay confirmed or dropped, chosen
//! seats that closed (taken by someone else, or closed under a lock) with
//! the nearest alternative, and a basket the status no longer agrees with.

use super::*;

impl State {
    pub(super) fn apply_status(&mut self, availability: Availability, requested_ms: f64, now_ms: f64) {
        let Some(venue) = self.venue().cloned() else { return };
        if availability.seats.len() != venue.plan.seat_count() {
            // Decoded for another plan (a performance switched meanwhile): not ours.
            return;
        }
        self.remember_problems(&availability.report.clone());
        self.availability = Rc::new(availability);
        self.live = Live { last_ok_ms: Some(now_ms), failures: 0, error: None, stopped: false };
        self.confirm_overlay(requested_ms, now_ms);
        self.note_customer_locks();
        // A ticket for a seat the status no longer shows as ours: the basket
        // changed behind our back (expired, or changed in another tab).
        let basket_disagrees =
            self.basket.contents.as_ref().is_some_and(|b| {
                b.seats_here().any(|s| self.letter_of(s) != Letter::InBasket && !self.is_being_added(s))
            });
        if basket_disagrees && self.pending.remove.is_none() {
            self.wants.basket_read += 1;
        }
        self.drop_closed_choices(&venue);
    }

    pub(super) fn status_unchanged(&mut self, requested_ms: f64, now_ms: f64) {
        self.live = Live { last_ok_ms: Some(now_ms), failures: 0, error: None, stopped: false };
        // The body is the same as before, but it was asked for after these
        // local changes: the server's word stands, even if it says nothing new.
        self.confirm_overlay(requested_ms, now_ms);
        self.explain_closed_choices();
    }

    /// Chosen seats that are closed and no longer frozen by an add (its
    /// answer came): said and replaced as if a poll had just found them.
    pub(super) fn explain_closed_choices(&mut self) {
        if let Some(venue) = self.venue().cloned() {
            self.drop_closed_choices(&venue);
        }
    }

    /// Drops every local change the status (asked for after it) replaces, and any that expired.
    fn confirm_overlay(&mut self, requested_ms: f64, now_ms: f64) {
        self.overlay.retain(|o| o.since_ms > requested_ms && now_ms - o.since_ms < OVERLAY_EXPIRES_MS);
    }

    /// Seats in the basket under a customer lock, as far as the status tells:
    /// remembered, so a logout can explain them.
    fn note_customer_locks(&mut self) {
        // Locks that depend on the customer show as X (yours) or U (others').
        let mut customer_locks: Vec<LockIndex> = self
            .availability
            .seats
            .iter()
            .filter(|a| matches!(a.letter, Letter::HeldForYou | Letter::Unavailable))
            .filter_map(|a| a.lock)
            .collect();
        crate::sorting::sort(&mut customer_locks);
        customer_locks.dedup();
        let held: Vec<(SeatIndex, LockIndex)> = self
            .availability
            .seats
            .iter()
            .enumerate()
            .filter(|(_, a)| a.letter == Letter::InBasket)
            .filter_map(|(i, a)| a.lock.filter(|l| customer_locks.contains(l)).map(|l| (SeatIndex(i as u32), l)))
            .collect();
        for (seat, lock) in held {
            self.hold_in_basket(seat, lock);
        }
    }

    /// Chosen seats the status closed: a `B` means it moved to this
    /// customer's basket (never "taken"); anything else is explained, and the
    /// nearest seats together are offered.
    fn drop_closed_choices(&mut self, venue: &Venue) {
        let before: Vec<SeatIndex> = self.selection.iter().map(|c| c.seat).collect();
        let moved: Vec<SeatIndex> = before.iter().copied().filter(|s| self.letter_of(*s) == Letter::InBasket).collect();
        let lost: Vec<SeatIndex> = before
            .iter()
            .copied()
            .filter(|s| !moved.contains(s) && !self.is_being_added(*s) && !self.availability.seat(*s).is_open())
            .collect();
        if moved.is_empty() && lost.is_empty() {
            self.trim_standing();
            if let Some(alt) = &self.alternative {
                if alt.iter().any(|s| !self.availability.seat(*s).is_open() && !self.is_selected(*s)) {
                    self.alternative = None;
                }
            }
            return;
        }
        self.selection.retain(|c| !moved.contains(&c.seat) && !lost.contains(&c.seat));
        self.trim_standing();
        if lost.is_empty() {
            return;
        }
        // Say why, from what the status now says: a seat under a lock
        // (held for members, say) was not sold, it closed to this customer.
        let (locked, taken): (Vec<SeatIndex>, Vec<SeatIndex>) =
            lost.iter().partition(|s| self.availability.seat(**s).lock.is_some());
        let mut why = Vec::new();
        if !taken.is_empty() {
            let verb = if taken.len() == 1 { "was" } else { "were" };
            why.push(format!("{} {verb} just taken by someone else.", list_seats(&venue.plan, &taken)));
        }
        if !locked.is_empty() {
            let lock = self.availability.seat(locked[0]).lock.and_then(|l| self.availability.lock(l));
            let verb = if locked.len() == 1 { "is" } else { "are" };
            why.push(format!(
                "{} {verb} held for {} and no longer available to you.",
                list_seats(&venue.plan, &locked),
                lock.map_or("another customer group", |l| &l.name)
            ));
        }
        // The states the rules see must be the new ones.
        self.derive_seat_states();
        let alternative = rules::nearest_alternative(
            &venue.plan.rows,
            |s| self.cell(s),
            |s| {
                let seat = venue.plan.seat(s);
                (seat.x, seat.y)
            },
            |s| self.availability.seat(s).band.map(|b| b.0 as u32),
            &before,
            before.len() - moved.len(),
        )
        .filter(|alt| !alt.is_empty());
        let why = why.join(" ");
        let text = match &alternative {
            Some(alt) => format!(
                "{why} We kept the rest of your choice. \
                 Nearest seats together: {} — choose \"Use these seats\" to switch.",
                list_seats(&venue.plan, alt)
            ),
            None => format!("{why} We kept the rest of your choice."),
        };
        self.alternative = alternative;
        self.notice = Notice::new(Tone::Warning, text);
    }

    /// Standing choices never exceed the places left.
    fn trim_standing(&mut self) {
        let availability = Rc::clone(&self.availability);
        for choice in &mut self.standing {
            let left = availability.unreserved(choice.area).map_or(0, |u| u.available);
            choice.quantity = choice.quantity.min(left);
        }
        self.standing.retain(|s| s.quantity > 0);
    }

    /// Shows `seat` with `letter` until a status asked for after `now_ms` says otherwise.
    pub(super) fn overlay(&mut self, seat: SeatIndex, letter: Letter, now_ms: f64) {
        self.overlay.retain(|o| o.seat != seat);
        self.overlay.push(OverlayEntry { seat, shows: letter, since_ms: now_ms });
    }
}
