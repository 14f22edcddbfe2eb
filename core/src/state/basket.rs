//! Basket operations as first-class states: adding the choice, best
//! available, removing tickets, and reading the basket. Each operation has
//! its own pending state, opened by its `…Started` action and closed only by
//! its own answer. An answer that was lost (the connection dropped after the
//! server may have acted) is settled by reading the basket: what is in the
//! basket is in the basket, and tickets beyond what was asked for (a request
//! the browser sent twice) are explained and offered for removal.

use super::*;
use crate::basket::Ticket;

/// Operations under way.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Pending {
    /// Adding the choice (`POST basket/tickets`).
    pub add: Option<AddPending>,
    /// Best available (`POST basket/tickets/best-available`).
    pub best_available: Option<AddPending>,
    /// Removing these tickets (`DELETE basket/tickets`).
    pub remove: Option<Vec<Rc<str>>>,
    /// Logging in.
    pub log_in: bool,
    /// Logging out.
    pub log_out: bool,
}

impl Pending {
    /// Whether any basket operation is under way.
    pub fn basket_busy(&self) -> bool {
        self.add.is_some() || self.best_available.is_some() || self.remove.is_some()
    }
}

/// An add under way: what was asked for, and what the basket held before.
#[derive(Debug, Clone, PartialEq)]
pub struct AddPending {
    /// The seats asked for (frozen in the choice until the answer).
    pub seats: Vec<Chosen>,
    /// The standing places asked for.
    pub standing: Vec<StandingChoice>,
    /// How many tickets were asked for in all.
    pub quantity: u32,
    /// Ids of this performance's tickets in the basket before, when known.
    tickets_before: Option<Vec<Rc<str>>>,
    /// The answer was lost: waiting for a basket read to know what happened.
    pub reconciling: bool,
}

/// The basket, as last read.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BasketView {
    /// The contents (`None` until the first read answers).
    pub contents: Option<Rc<Basket>>,
    /// A read is under way.
    pub reading: bool,
    /// Consecutive failed reads (the shell retries under the polling policy).
    pub failures: u32,
    /// The last failure, until a read succeeds.
    pub error: Option<ApiError>,
}

/// Tickets beyond what was asked for, offered for removal in one click.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraTickets {
    /// The surplus tickets' ids.
    pub ticket_ids: Vec<Rc<str>>,
    /// How many were asked for.
    pub asked: u32,
    /// How many the basket gained.
    pub got: u32,
}

fn plural(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl State {
    fn tickets_here_ids(&self) -> Option<Vec<Rc<str>>> {
        self.basket.contents.as_ref().map(|b| b.tickets_here().map(|t| t.id.clone()).collect())
    }

    pub(super) fn add_started(&mut self) {
        if !self.can_add_to_basket() {
            return;
        }
        let seats: Vec<Chosen> = self.selection.clone();
        let standing = std::mem::take(&mut self.standing);
        let quantity = seats.len() as u32 + standing.iter().map(|s| s.quantity).sum::<u32>();
        self.pending.add =
            Some(AddPending { seats, standing, quantity, tickets_before: self.tickets_here_ids(), reconciling: false });
        self.notice = None;
        self.alternative = None;
        self.extra_tickets = None;
    }

    pub(super) fn add_answered(&mut self, tickets: Vec<Ticket>, now_ms: f64) {
        let Some(pending) = self.pending.add.take() else { return };
        let here: Vec<&Ticket> = tickets.iter().filter(|t| t.for_this_performance).collect();
        if here.is_empty() {
            // A 2xx with no tickets listed says nothing: read the basket.
            self.pending.add = Some(AddPending { reconciling: true, ..pending });
            self.wants.basket_read += 1;
            return;
        }
        let added_seats: Vec<SeatIndex> = here.iter().filter_map(|t| t.seat).collect();
        let standing_added: Vec<AreaIndex> = here.iter().filter_map(|t| t.area).collect();
        if let Some(before) = pending.tickets_before.clone() {
            let listed = here.iter().map(|t| t.id.clone()).collect();
            self.added_check = Some(AddedCheck { before, listed, asked: pending.quantity });
        }
        self.settle_add(pending, &added_seats, &standing_added, None, now_ms);
    }

    /// The basket read after an add that answered: tickets the answer did not
    /// list, that were not there before, are a repeat of the request (a
    /// browser re-sends a request whose connection dropped).
    fn check_added(&mut self, basket: &Basket) {
        let Some(AddedCheck { before, listed, asked }) = self.added_check.take() else { return };
        let extra: Vec<Rc<str>> = basket
            .tickets_here()
            .map(|t| t.id.clone())
            .filter(|id| !before.contains(id) && !listed.contains(id))
            .collect();
        if extra.is_empty() {
            return;
        }
        let got = (listed.len() + extra.len()) as u32;
        self.notice = Notice::new(
            Tone::Warning,
            format!(
                "You asked for {} but your basket gained {got}: the connection dropped and the request \
                 was sent twice. You can remove the {} extra in one click.",
                plural(asked, "ticket", "tickets"),
                extra.len()
            ),
        );
        self.extra_tickets = Some(ExtraTickets { ticket_ids: extra, asked, got });
    }

    /// Ends an add: the seats the server added go to the basket (shown at
    /// once, until a status confirms), the rest are explained and stay chosen.
    fn settle_add(
        &mut self,
        pending: AddPending,
        added_seats: &[SeatIndex],
        standing_added: &[AreaIndex],
        surplus: Option<ExtraTickets>,
        now_ms: f64,
    ) {
        for seat in added_seats {
            let lock = self.availability.seat(*seat).lock;
            if let (Letter::HeldForYou, Some(lock)) = (self.availability.seat(*seat).letter, lock) {
                self.hold_in_basket(*seat, lock);
            }
            self.overlay(*seat, Letter::InBasket, now_ms);
        }
        self.selection.retain(|c| !added_seats.contains(&c.seat));
        let refused: Vec<SeatIndex> =
            pending.seats.iter().map(|c| c.seat).filter(|s| !added_seats.contains(s)).collect();
        // Standing places not added go back into the choice.
        let mut standing_short = 0;
        for choice in &pending.standing {
            let got = standing_added.iter().filter(|a| **a == choice.area).count() as u32;
            let missing = choice.quantity.saturating_sub(got);
            if missing > 0 {
                standing_short += missing;
                self.standing.push(StandingChoice { quantity: missing, ..*choice });
            }
        }
        let added = added_seats.len() as u32 + standing_added.len() as u32;
        let mut text = if refused.is_empty() && standing_short == 0 {
            format!("Added {} to your basket.", plural(added, "ticket", "tickets"))
        } else if added == 0 {
            "Your tickets were not added. Your choice is kept; please try again.".to_owned()
        } else {
            format!("Added {} of the {} you asked for.", added, plural(pending.quantity, "ticket", "tickets"))
        };
        if !refused.is_empty() && added > 0 {
            let one = refused.len() == 1;
            text.push_str(&format!(" {} {} not added", self.seat_names(&refused), if one { "was" } else { "were" }));
            let still_open = refused.iter().all(|s| self.availability.seat(*s).is_open());
            text.push_str(match (still_open, one) {
                (true, true) => " and stays in your choice.",
                (true, false) => " and stay in your choice.",
                (false, _) => "; the seats still free stay in your choice.",
            });
        }
        if standing_short > 0 && added > 0 {
            text.push_str(&format!(
                " {} could not be added and stay in your choice.",
                plural(standing_short, "standing place", "standing places")
            ));
        }
        let tone = if added == 0 || !refused.is_empty() || standing_short > 0 { Tone::Warning } else { Tone::Info };
        self.notice = Notice::new(tone, text);
        if let Some(extra) = surplus {
            self.notice = Notice::new(
                Tone::Warning,
                format!(
                    "You asked for {} but your basket gained {}: the connection dropped and the request \
                     was sent twice. You can remove the {} extra in one click.",
                    plural(extra.asked, "ticket", "tickets"),
                    extra.got,
                    extra.ticket_ids.len()
                ),
            );
            self.extra_tickets = Some(extra);
        }
        if added > 0 {
            self.versions.added += 1;
            self.basket_changed_ms = Some(now_ms);
        }
        self.wants.basket_read += 1;
        self.wants.status_now += 1;
        // Refused seats already known to be closed are explained now (with
        // the nearest seats together); any surplus is still said after it.
        let before = self.notice.clone();
        self.explain_closed_choices();
        if self.notice != before && self.extra_tickets.is_some() {
            if let (Some(now), Some(before)) = (self.notice.as_mut(), before) {
                now.text = format!("{} {}", now.text, before.text);
            }
        }
    }

    /// The box office sent the customer to the queue (from an add, best
    /// available, or the shell): the operation ends, the choice is kept.
    pub(super) fn queued(&mut self, queue: Queue) {
        if let Some(pending) = self.pending.add.take() {
            self.standing.extend(pending.standing);
        }
        self.pending.best_available = None;
        self.queue = Some(queue);
        self.explain_closed_choices();
    }

    pub(super) fn add_failed(&mut self, error: ApiError) {
        let Some(pending) = self.pending.add.take() else { return };
        self.standing.extend(pending.standing);
        self.refused(error, Call::AddTickets, "Your choice is kept.");
        // A seat refused because it was taken may already show as taken:
        // then say which, and offer the nearest seats together.
        self.explain_closed_choices();
    }

    /// A refused basket call: the queue, a customer to re-check, or a message.
    fn refused(&mut self, error: ApiError, call: Call, kept: &str) {
        match error.recovery(call) {
            crate::error::Recovery::Queue => {
                if let ApiError::Queue { url, message } = error {
                    self.queue = Some(Queue { url, message });
                }
                return;
            }
            crate::error::Recovery::RecheckCustomer => self.wants.customer_check += 1,
            _ => {}
        }
        // The seat may have been taken meanwhile: show the truth at once.
        self.wants.status_now += 1;
        // A refusal may mean the performance went off sale: read it again.
        if matches!(error, ApiError::Http { status: 400..=499, .. }) {
            self.wants.instance_read += 1;
        }
        let text = format!("{} {kept}", error.for_buyer(call));
        self.notice = Notice::failure(text.trim_end(), call, &error);
    }

    pub(super) fn add_uncertain(&mut self, error: ApiError) {
        let Some(pending) = self.pending.add.as_mut() else { return };
        pending.reconciling = true;
        self.notice =
            Notice::new(Tone::Info, format!("{} Checking your basket to see what was added…", lost_answer(&error)));
        self.wants.basket_read += 1;
    }

    pub(super) fn best_available_started(&mut self, quantity: u32) {
        if self.pending.best_available.is_some() || self.pending.add.is_some() || !self.sale.is_open() {
            return;
        }
        self.pending.best_available = Some(AddPending {
            seats: Vec::new(),
            standing: Vec::new(),
            quantity,
            tickets_before: self.tickets_here_ids(),
            reconciling: false,
        });
        self.notice = None;
        self.extra_tickets = None;
    }

    pub(super) fn best_available_answered(&mut self, tickets: Vec<Ticket>, now_ms: f64) {
        let Some(pending) = self.pending.best_available.take() else { return };
        let seats: Vec<SeatIndex> = tickets.iter().filter_map(|t| t.seat).collect();
        let here = tickets.iter().filter(|t| t.for_this_performance).count() as u32;
        if here == 0 {
            self.pending.best_available = Some(AddPending { reconciling: true, ..pending });
            self.wants.basket_read += 1;
            return;
        }
        for s in &seats {
            self.overlay(*s, Letter::InBasket, now_ms);
        }
        self.notice = Notice::new(
            Tone::Info,
            if seats.is_empty() {
                format!("Added {} to your basket.", plural(here, "ticket", "tickets"))
            } else {
                format!("Your best available seats: {}. They are in your basket.", self.seat_names(&seats))
            },
        );
        self.focus = seats.first().copied().or(self.focus);
        self.highlight = seats.into();
        self.versions.added += 1;
        self.basket_changed_ms = Some(now_ms);
        self.wants.basket_read += 1;
        self.wants.status_now += 1;
    }

    pub(super) fn best_available_failed(&mut self, error: ApiError) {
        if self.pending.best_available.take().is_none() {
            return;
        }
        self.refused(error, Call::BestAvailable, "");
    }

    pub(super) fn best_available_uncertain(&mut self, error: ApiError) {
        let Some(pending) = self.pending.best_available.as_mut() else { return };
        pending.reconciling = true;
        self.notice =
            Notice::new(Tone::Info, format!("{} Checking your basket to see what was added…", lost_answer(&error)));
        self.wants.basket_read += 1;
    }

    pub(super) fn remove_started(&mut self, tickets: Vec<Rc<str>>) {
        if self.pending.remove.is_some() || tickets.is_empty() {
            return;
        }
        self.pending.remove = Some(tickets);
    }

    pub(super) fn remove_succeeded(&mut self, now_ms: f64) {
        let Some(removed) = self.pending.remove.take() else { return };
        if let Some(contents) = &self.basket.contents {
            // The server said yes: those tickets are gone (a read follows).
            let mut basket = (**contents).clone();
            let seats: Vec<SeatIndex> =
                basket.tickets.iter().filter(|t| removed.contains(&t.id)).filter_map(|t| t.seat).collect();
            basket.tickets.retain(|t| !removed.contains(&t.id));
            basket.total = basket.tickets.iter().map(|t| t.price).sum();
            basket.hash = None;
            self.basket.contents = Some(Rc::new(basket));
            for s in seats {
                self.overlay(s, Letter::Available, now_ms);
            }
        }
        if self.extra_tickets.as_ref().is_some_and(|e| e.ticket_ids.iter().all(|id| removed.contains(id))) {
            self.extra_tickets = None;
            self.notice = Notice::new(Tone::Info, "The extra tickets were removed from your basket.");
        }
        self.basket_changed_ms = Some(now_ms);
        self.wants.basket_read += 1;
        self.wants.status_now += 1;
    }

    pub(super) fn remove_failed(&mut self, error: ApiError) {
        if self.pending.remove.take().is_none() {
            return;
        }
        let text = match error.status() {
            // Gone already (the hold ended, or another tab removed it): the read that follows shows the basket.
            Some(404 | 410) => "That ticket is no longer in your basket.".to_owned(),
            _ => format!("We couldn't remove that ticket. {}", error.for_buyer(Call::RemoveTickets)),
        };
        self.notice = Notice::failure(text, Call::RemoveTickets, &error);
        self.wants.basket_read += 1;
    }

    pub(super) fn basket_read(&mut self, basket: Option<Basket>, _requested_ms: f64, now_ms: f64) {
        if self.venue().is_none() {
            return;
        }
        let basket = basket.unwrap_or_default();
        let before = self.basket.contents.clone();
        let had_here = before.as_ref().map_or(0, |b| b.tickets_here().count());
        let ids = |b: &Basket| b.tickets.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
        let changed = before.as_ref().is_none_or(|b| ids(b) != ids(&basket) || b.hash != basket.hash);
        self.basket = BasketView { contents: None, reading: false, failures: 0, error: None };
        let now_here = basket.tickets_here().count();
        if changed {
            self.basket_changed_ms = (!basket.tickets.is_empty()).then_some(now_ms);
        } else if self.hold_check && !basket.tickets.is_empty() {
            // The count ran out but the box office still holds the basket
            // (it counted later activity, or the timeout setting is longer):
            // count again from this read, which was activity too.
            self.basket_changed_ms = Some(now_ms);
        }
        self.hold_check = false;
        if had_here > 0 && now_here == 0 && !self.pending.basket_busy() {
            // The session is gone (baskets expire after inactivity): its seats were released.
            self.notice = Notice::new(
                Tone::Warning,
                "Your basket has expired, so the box office has released its seats. Please choose your seats again.",
            );
            self.extra_tickets = None;
        }
        self.held_in_basket.retain(|(s, _)| basket.seats_here().any(|b| b == *s));
        if let Some(extra) = &self.extra_tickets {
            if !extra.ticket_ids.iter().any(|id| basket.tickets.iter().any(|t| t.id == *id)) {
                self.extra_tickets = None;
            }
        }
        let basket = Rc::new(basket);
        self.basket.contents = Some(basket.clone());
        self.check_added(&basket);
        if let Some(pending) = self.pending.add.take_if(|p| p.reconciling) {
            self.reconcile(pending, &basket, now_ms, false);
        }
        if let Some(pending) = self.pending.best_available.take_if(|p| p.reconciling) {
            self.reconcile(pending, &basket, now_ms, true);
        }
    }

    /// Settles an add whose answer was lost, from the basket: what is in it
    /// is in it. More tickets than asked for are offered for removal.
    fn reconcile(&mut self, pending: AddPending, basket: &Basket, now_ms: f64, best_available: bool) {
        let before = pending.tickets_before.clone().unwrap_or_default();
        let new: Vec<&Ticket> = basket.tickets_here().filter(|t| !before.contains(&t.id)).collect();
        let asked_seats: Vec<SeatIndex> = pending.seats.iter().map(|c| c.seat).collect();
        let added_seats: Vec<SeatIndex> = if best_available {
            new.iter().filter_map(|t| t.seat).collect()
        } else {
            basket.seats_here().filter(|s| asked_seats.contains(s)).collect()
        };
        let new_unreserved: Vec<&Ticket> = new.iter().copied().filter(|t| t.seat.is_none()).collect();
        let got = new.len() as u32;
        let surplus = (got > pending.quantity).then(|| {
            // The newest tickets are the repeat: the basket lists them last.
            let extra = (got - pending.quantity) as usize;
            ExtraTickets {
                ticket_ids: new.iter().rev().take(extra).map(|t| t.id.clone()).collect(),
                asked: pending.quantity,
                got,
            }
        });
        if best_available {
            if got == 0 {
                self.notice =
                    Notice::new(Tone::Warning, "No seats were added to your basket. Please try again.".to_owned());
                return;
            }
            for s in &added_seats {
                self.overlay(*s, Letter::InBasket, now_ms);
            }
            self.notice = Notice::new(
                Tone::Info,
                format!("{} in your basket.", plural(got.min(pending.quantity), "ticket is", "tickets are")),
            );
            if let Some(extra) = surplus {
                self.settle_add(
                    AddPending { seats: Vec::new(), standing: Vec::new(), ..pending },
                    &added_seats,
                    &[],
                    Some(extra),
                    now_ms,
                );
            } else {
                self.versions.added += 1;
                self.basket_changed_ms = Some(now_ms);
                self.wants.status_now += 1;
            }
            return;
        }
        let standing_added: Vec<AreaIndex> = new_unreserved
            .iter()
            .filter_map(|t| t.area)
            .take(pending.standing.iter().map(|s| s.quantity).sum::<u32>() as usize)
            .collect();
        self.settle_add(pending, &added_seats, &standing_added, surplus, now_ms);
    }
}

/// What to say when an add's answer was lost.
fn lost_answer(error: &ApiError) -> &'static str {
    match error {
        ApiError::Network { .. } => "The connection dropped before the box office answered.",
        _ => "The box office did not answer clearly.",
    }
}
