//! What one seat looks like to this customer right now, and why.
//!
//! Combines the status letter, the lock, the picker's selection and the
//! basket into one [`SeatState`], the value the map draws (`data-state`)
//! and the screen reader announces. Each state has its own shape as well
//! as colour, so none relies on colour alone.

use crate::availability::{Availability, Letter, SeatAvailability};

/// What one seat looks like to this customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum SeatState {
    /// Free to choose.
    Available,
    /// Available, with information the customer should read first.
    Info,
    /// A wheelchair space this customer may book.
    Wheelchair,
    /// Locked, but this customer is eligible (members' seats for a member).
    HeldForYou,
    /// Locked for other customers, with a public reason.
    HeldForOthers,
    /// Sold, in someone else's basket, or otherwise not for this customer.
    Unavailable,
    /// Chosen in the picker, not yet in the basket.
    Selected,
    /// In this customer's basket.
    InBasket,
    /// The box office has not said (yet, or its answer could not be read): not choosable.
    Unknown,
}

impl SeatState {
    /// Every state, in drawing-slot order.
    pub const ALL: [SeatState; 9] = [
        SeatState::Available,
        SeatState::Info,
        SeatState::Wheelchair,
        SeatState::HeldForYou,
        SeatState::HeldForOthers,
        SeatState::Unavailable,
        SeatState::Selected,
        SeatState::InBasket,
        SeatState::Unknown,
    ];

    /// The `data-state` value (stable: tests and host pages read it).
    pub fn name(self) -> &'static str {
        match self {
            SeatState::Available => "available",
            SeatState::Info => "info",
            SeatState::Wheelchair => "wheelchair",
            SeatState::HeldForYou => "held-for-you",
            SeatState::HeldForOthers => "held-for-others",
            SeatState::Unavailable => "unavailable",
            SeatState::Selected => "selected",
            SeatState::InBasket => "in-basket",
            SeatState::Unknown => "unknown",
        }
    }

    /// A short legend label.
    pub fn legend(self) -> &'static str {
        match self {
            SeatState::Available => "Available",
            SeatState::Info => "Available, read the note",
            SeatState::Wheelchair => "Wheelchair space",
            SeatState::HeldForYou => "Held for you",
            SeatState::HeldForOthers => "Held for others",
            SeatState::Unavailable => "Unavailable",
            SeatState::Selected => "Your choice",
            SeatState::InBasket => "In your basket",
            SeatState::Unknown => "Availability not known yet",
        }
    }

    /// Whether a click may select it.
    pub fn is_selectable(self) -> bool {
        matches!(self, SeatState::Available | SeatState::Info | SeatState::Wheelchair | SeatState::HeldForYou)
    }
}

impl SeatState {
    /// The states worth a line in the key for this availability: the
    /// everyday four, and the others only when some seat has them.
    pub fn in_key(availability: &Availability) -> Vec<SeatState> {
        let mut seen = [false; SeatState::ALL.len()];
        for always in [SeatState::Available, SeatState::Unavailable, SeatState::Selected, SeatState::InBasket] {
            seen[always as usize] = true;
        }
        if !availability.known {
            seen[SeatState::Unknown as usize] = true;
        }
        for seat in &availability.seats {
            let state = seat_state(seat, availability, false);
            seen[state as usize] = true;
        }
        SeatState::ALL.into_iter().filter(|s| seen[*s as usize]).collect()
    }
}

/// The state of a seat that is `selected` (or not) in the picker.
pub fn seat_state(seat: &SeatAvailability, locks: &Availability, selected: bool) -> SeatState {
    let open = seat.is_open();
    match seat.letter {
        Letter::InBasket => SeatState::InBasket,
        _ if selected && open => SeatState::Selected,
        Letter::Available if open => SeatState::Available,
        Letter::Info if open => SeatState::Info,
        Letter::Wheelchair if open => SeatState::Wheelchair,
        Letter::HeldForYou if open => SeatState::HeldForYou,
        _ => match seat.lock.and_then(|l| locks.lock(l)) {
            Some(lock) if lock.description.is_some() => SeatState::HeldForOthers,
            _ => SeatState::Unavailable,
        },
    }
}

/// Why a seat is in its state, in the venue's words where it has them:
/// "Held for Members — available to you", "Restricted view", ...
pub fn reason(seat: &SeatAvailability, availability: &Availability, state: SeatState) -> Option<String> {
    let lock = seat.lock.and_then(|l| availability.lock(l));
    let info = seat.info.as_deref();
    match state {
        SeatState::HeldForYou | SeatState::Selected | SeatState::InBasket if seat.letter == Letter::HeldForYou => {
            Some(format!("Held for {} — available to you", lock.map_or("you", |l| &l.name)))
        }
        SeatState::HeldForOthers => lock.and_then(|l| l.description.as_deref()).map(str::to_owned),
        SeatState::Wheelchair => Some(info.map_or("Wheelchair space".into(), |i| format!("Wheelchair space. {i}"))),
        _ if seat.letter == Letter::Available && seat.band.is_none() => Some("Not on sale online".into()),
        _ => info.map(str::to_owned),
    }
}

#[cfg(test)]
mod tests;
