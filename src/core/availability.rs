//! Live availability: each seat's status letter for this session, its price
//! band, its lock and any information text, decoded from `status/detail`.
//!
//! The letters are the contract's [seed]: A, B, U, W, X, I. Any other letter
//! counts as unavailable and is reported (once, by the shell), never fatal.
//! Seats the plan has but the status omits are unavailable: we never offer a
//! seat the box office did not say was free.

use crate::core::plan::{AreaIx, Plan};
use crate::core::prices::{BandIx, PriceList};
use crate::core::rules::SeatIx;
use crate::core::wire;
use std::rc::Rc;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Letter {
    /// `A`: available.
    Available,
    /// `B`: in this session's basket.
    InBasket,
    /// `U`: sold, in another basket, or locked for others.
    Unavailable,
    /// `W`: a wheelchair space this session may buy.
    Wheelchair,
    /// `X`: a locked seat this session may buy.
    HeldForYou,
    /// `I`: available, with information attached.
    Info,
    /// Anything else: treated as unavailable.
    Unknown,
}

impl Letter {
    pub fn parse(code: &str) -> Letter {
        match code.trim() {
            "A" | "a" => Letter::Available,
            "B" | "b" => Letter::InBasket,
            "U" | "u" => Letter::Unavailable,
            "W" | "w" => Letter::Wheelchair,
            "X" | "x" => Letter::HeldForYou,
            "I" | "i" => Letter::Info,
            _ => Letter::Unknown,
        }
    }

    /// Whether this session may take the seat now.
    pub fn is_open(self) -> bool {
        matches!(self, Letter::Available | Letter::Wheelchair | Letter::HeldForYou | Letter::Info)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LockIx(pub u16);

#[derive(Debug, Clone, PartialEq)]
pub struct LockKind {
    pub id: Rc<str>,
    pub name: Rc<str>,
    /// The venue's public text about the lock ("Held for Members - log in to book").
    pub description: Option<Rc<str>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeatAvailability {
    pub letter: Letter,
    pub band: Option<BandIx>,
    pub lock: Option<LockIx>,
    pub info: Option<Rc<str>>,
}

impl SeatAvailability {
    pub const UNKNOWN: SeatAvailability =
        SeatAvailability { letter: Letter::Unavailable, band: None, lock: None, info: None };

    /// Open to this customer *and* priced (a seat in a band with no online price cannot be sold).
    pub fn is_open(&self) -> bool {
        self.letter.is_open() && self.band.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UnreservedAvailability {
    pub capacity: u32,
    pub available: u32,
    pub in_basket: u32,
    pub band: Option<BandIx>,
}

/// What decoding noticed but could not use, for the console.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DecodeReport {
    /// Sorted, without repeats.
    pub unknown_letters: Vec<String>,
    pub unknown_seat_ids: u32,
    pub seats_missing: u32,
    pub unknown_bands: u32,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Availability {
    pub seats: Vec<SeatAvailability>,
    /// Places left in each unreserved area (a plan has few: a list).
    pub unreserved: Vec<(AreaIx, UnreservedAvailability)>,
    pub locks: Vec<LockKind>,
    pub report: DecodeReport,
}

impl Availability {
    /// Every seat unavailable: what the map shows before the first status arrives.
    pub fn unknown(plan: &Plan) -> Availability {
        Availability { seats: vec![SeatAvailability::UNKNOWN; plan.seat_count()], ..Default::default() }
    }

    pub fn decode(plan: &Plan, prices: &PriceList, wire: wire::StatusDetail) -> Availability {
        let mut out = Availability::unknown(plan);
        let mut seen = vec![false; plan.seat_count()];
        let mut areas: Vec<wire::StatusArea> = wire.areas.unwrap_or_default();
        // Lock types first (they may be listed on any area), then seats.
        let mut flat = Vec::new();
        while let Some(mut area) = areas.pop() {
            areas.extend(area.areas.take().unwrap_or_default());
            areas.extend(area.child_plans.take().unwrap_or_default());
            for lock in area.lock_types.take().unwrap_or_default() {
                // A venue has a handful of lock types: a scan beats a map.
                if out.locks.iter().any(|l| *l.id == *lock.id.0) {
                    continue;
                }
                let description = lock.description.map(|d| d.trim().to_owned()).filter(|d| !d.is_empty());
                out.locks.push(LockKind {
                    id: lock.id.0.as_str().into(),
                    name: lock.name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| "a hold".into()).into(),
                    description: description.map(Into::into),
                });
            }
            flat.push(area);
        }
        for area in flat {
            let area_ix = area.id.as_ref().and_then(|id| plan.area_by_id(&id.0));
            let unreserved = area_ix.filter(|ix| plan.unreserved_areas().any(|(u, _)| u == *ix));
            let bands = area.bands.unwrap_or_default();
            if let Some(ix) = unreserved {
                let band = bands
                    .iter()
                    .find_map(|b| b.price_band.as_ref().and_then(|r| r.id.as_deref()))
                    .and_then(|id| prices.band_by_id(id));
                out.unreserved.push((
                    ix,
                    UnreservedAvailability {
                        capacity: area.capacity.unwrap_or(0),
                        available: area.available.unwrap_or(0),
                        in_basket: area.in_basket.unwrap_or(0),
                        band,
                    },
                ));
                continue;
            }
            for band in bands {
                let band_ix =
                    band.price_band.as_ref().and_then(|r| r.id.as_deref()).and_then(|id| prices.band_by_id(id));
                for seat in band.seats.unwrap_or_default() {
                    let Some(ix) = plan.seat_by_id(&seat.id.0) else {
                        out.report.unknown_seat_ids += 1;
                        continue;
                    };
                    let code = seat.status.unwrap_or_default();
                    let letter = Letter::parse(&code);
                    if letter == Letter::Unknown {
                        let code: String = code.chars().take(8).collect();
                        if let Err(at) = out.report.unknown_letters.binary_search(&code) {
                            out.report.unknown_letters.insert(at, code);
                        }
                    }
                    if band_ix.is_none() {
                        out.report.unknown_bands += 1;
                    }
                    let lock = seat
                        .lock_type
                        .and_then(|r| r.id)
                        .and_then(|id| out.locks.iter().position(|l| *l.id == *id))
                        .map(|i| LockIx(i as u16));
                    let info = seat
                        .info
                        .map(|t| t.trim().to_owned())
                        .filter(|t| !t.is_empty())
                        .map(|t| Rc::<str>::from(t.as_str()));
                    seen[ix.0 as usize] = true;
                    out.seats[ix.0 as usize] = SeatAvailability {
                        letter: if letter == Letter::Unknown { Letter::Unavailable } else { letter },
                        band: band_ix,
                        lock,
                        info,
                    };
                }
            }
        }
        out.report.seats_missing = seen.iter().filter(|s| !**s).count() as u32;
        out
    }

    pub fn unreserved(&self, area: AreaIx) -> Option<&UnreservedAvailability> {
        self.unreserved.iter().find(|(a, _)| *a == area).map(|(_, u)| u)
    }

    pub fn seat(&self, ix: SeatIx) -> &SeatAvailability {
        self.seats.get(ix.0 as usize).unwrap_or(&SeatAvailability::UNKNOWN)
    }

    pub fn lock(&self, ix: LockIx) -> Option<&LockKind> {
        self.locks.get(ix.0 as usize)
    }

    /// Lock types present, with how many of their seats this customer may take now.
    pub fn lock_summary(&self) -> Vec<(LockIx, u32, u32)> {
        let mut counts: Vec<(u32, u32)> = vec![(0, 0); self.locks.len()];
        for seat in &self.seats {
            if let Some(l) = seat.lock {
                let c = &mut counts[l.0 as usize];
                c.1 += 1;
                if seat.is_open() {
                    c.0 += 1;
                }
            }
        }
        counts
            .into_iter()
            .enumerate()
            .filter(|(_, (_, total))| *total > 0)
            .map(|(i, (open, total))| (LockIx(i as u16), open, total))
            .collect()
    }
}

#[cfg(test)]
mod tests;
