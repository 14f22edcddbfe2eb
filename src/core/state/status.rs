//! Applying a fresh availability: seat states, lost seats and the
//! nearest alternative.

use super::*;

impl State {
    pub(super) fn apply_status(&mut self, availability: Availability, now_ms: f64) {
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
        // A ticket for a seat the status no longer shows as ours: the basket
        // changed behind our back (expired, or changed in another tab).
        self.basket_stale = self
            .basket
            .as_ref()
            .is_some_and(|b| b.seats_here().any(|s| self.availability.seat(s).letter != Letter::InBasket));
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
            // Say why, from what the status now says: a seat under a lock
            // (held for members, say) was not sold, it closed to this customer.
            let (locked, taken): (Vec<SeatIx>, Vec<SeatIx>) =
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
            self.notice = Some(Notice { tone: Tone::Warning, text });
        } else if let Some(alt) = &self.alternative {
            if alt.iter().any(|s| !self.availability.seat(*s).is_open() && !self.is_selected(*s)) {
                self.alternative = None;
            }
        }
        self.after_selection_change();
    }
}
