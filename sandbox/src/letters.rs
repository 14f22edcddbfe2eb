//! The status letter a session sees for a reserved seat: the sandbox's most
//! important rule, since every map the widget draws is made of these.
//!
//! A free seat shows `A`, or its lock's letter: `W` (wheelchair) and `I`
//! (information attached) for everyone, `X` for a logged-in member on a
//! members' seat; members' seats for anyone else and house seats show `U`
//! but still name their lock. A seat in this session's basket shows `B`;
//! sold, held or in another basket, `U`.

use crate::live::SeatState;
use crate::model::{LockKind, Plan};

/// Who is looking: the session's number and whether its customer is a member.
#[derive(Clone, Copy, Debug)]
pub struct Viewer {
    pub session_number: u64,
    pub member: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Letter {
    Available = b'A',
    Wheelchair = b'W',
    /// Open to this session through eligibility (a member on a members' seat).
    Special = b'X',
    /// Available with information attached (restricted view, companion seat).
    Info = b'I',
    InYourBasket = b'B',
    Unavailable = b'U',
    /// Free but kept back by a lock this session cannot use: sent as `U`,
    /// yet it still names its lock.
    Locked = b'u',
}

impl Letter {
    /// The letter as the API sends it.
    pub fn wire(self) -> char {
        match self {
            Letter::Locked => 'U',
            other => char::from(other as u8),
        }
    }

    /// Can a session seeing this letter put the seat in its basket?
    pub fn is_buyable(self) -> bool {
        matches!(self, Letter::Available | Letter::Wheelchair | Letter::Special | Letter::Info)
    }

    /// Does the seat name its lock type (with lock information asked for)?
    /// Every locked seat does, including one in this session's basket; a
    /// sold seat shows no lock.
    pub fn names_lock(self) -> bool {
        !matches!(self, Letter::Available | Letter::Unavailable)
    }
}

/// The letter `viewer` sees for seat `seat` (a plan index) in state `state`.
pub fn letter(plan: &Plan, seat: usize, state: SeatState, viewer: Viewer) -> Letter {
    match state {
        SeatState::Basket(holder) if holder == viewer.session_number => Letter::InYourBasket,
        SeatState::Free => {
            let lock = plan.seats.get(seat).and_then(|s| s.lock).and_then(|l| plan.lock_types.get(l));
            match lock.map(|l| l.kind) {
                None => Letter::Available,
                Some(LockKind::Wheelchair) => Letter::Wheelchair,
                Some(LockKind::Members) if viewer.member => Letter::Special,
                Some(LockKind::Members | LockKind::House) => Letter::Locked,
                Some(LockKind::Info) => Letter::Info,
            }
        }
        _ => Letter::Unavailable,
    }
}

#[cfg(test)]
mod tests {
    use super::Letter;

    #[test]
    fn locked_seats_are_sent_as_u_and_name_their_lock() {
        assert_eq!(Letter::Locked.wire(), 'U');
        assert!(Letter::Locked.names_lock() && !Letter::Locked.is_buyable());
        assert!(Letter::InYourBasket.names_lock() && !Letter::InYourBasket.is_buyable());
        assert!(!Letter::Unavailable.names_lock());
        assert_eq!(Letter::Special.wire(), 'X');
    }
}
