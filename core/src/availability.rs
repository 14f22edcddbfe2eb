//! Live availability: each seat's status letter for this session, its price
//! band, its lock and any information text, decoded from `status/detail`.
//!
//! The letters are the contract's [seed]: A, B, U, W, X, I. Any other letter
//! counts as unavailable and is reported (once, by the shell), never fatal.
//! Seats the plan has but the status omits are unavailable: we never offer a
//! seat the box office did not say was free.

use crate::plan::{AreaIndex, AreaKind, Plan};
use crate::prices::{BandIndex, PriceList};
use crate::report::Report;
use crate::rules::SeatIndex;
use crate::wire;
use crate::wire::lenient::{Count, Lenient, List, Record};
use std::rc::Rc;

/// A seat's status letter for the session that asked (docs/spektrix-v3.md#status-letters).
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
    /// Reads a letter; anything but A, B, U, W, X, I is [`Letter::Unknown`].
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

/// A lock type, as an index into [`Availability::locks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LockIndex(pub u16);

/// A lock type: why some seats are held (members, wheelchair, house seats).
#[derive(Debug, Clone, PartialEq)]
pub struct LockKind {
    /// Its id.
    pub id: Rc<str>,
    /// Its name ("Members").
    pub name: Rc<str>,
    /// The venue's public text about the lock ("Held for Members - log in to book").
    pub description: Option<Rc<str>>,
}

/// One seat's availability.
#[derive(Debug, Clone, PartialEq)]
pub struct SeatAvailability {
    /// Its letter.
    pub letter: Letter,
    /// The price band it is sold in (none: not on sale online).
    pub band: Option<BandIndex>,
    /// The lock it is under, if any.
    pub lock: Option<LockIndex>,
    /// Information attached to it ("Restricted view").
    pub info: Option<Rc<str>>,
}

impl SeatAvailability {
    /// What a seat is before anything is known: unavailable.
    pub const UNKNOWN: SeatAvailability =
        SeatAvailability { letter: Letter::Unavailable, band: None, lock: None, info: None };

    /// Open to this customer *and* priced (a seat in a band with no online price cannot be sold).
    pub fn is_open(&self) -> bool {
        self.letter.is_open() && self.band.is_some()
    }
}

/// Places left in an unreserved (standing) area.
#[derive(Debug, Clone, PartialEq)]
pub struct UnreservedAvailability {
    /// Places in all.
    pub capacity: u32,
    /// Places free.
    pub available: u32,
    /// Places in this session's basket.
    pub in_basket: u32,
    /// The price band it is sold in (none: not on sale online).
    pub band: Option<BandIndex>,
}

/// Live availability for every seat of a plan.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Availability {
    /// Whether this came from the box office (false: nothing known yet, or
    /// the last answer could not be read; no seat can be chosen).
    pub known: bool,
    /// One entry per plan seat, by [`SeatIndex`].
    pub seats: Vec<SeatAvailability>,
    /// Places left in each unreserved area (a plan has few: a list).
    pub unreserved: Vec<(AreaIndex, UnreservedAvailability)>,
    /// The lock types seats name, by [`LockIndex`].
    pub locks: Vec<LockKind>,
    /// What decoding skipped or repaired.
    pub report: Report,
}

const DOCUMENT: &str = "seat availability";

/// Moves the areas of `list` onto `pending`, reporting what is not an area.
fn collect<'a>(list: &mut List<wire::StatusArea<'a>>, pending: &mut Vec<wire::StatusArea<'a>>, report: &mut Report) {
    if list.is_invalid() {
        report.add(DOCUMENT, "areas that are not a list");
    }
    for record in list.take() {
        match record {
            Record::Ok(area) => pending.push(area),
            Record::Bad(shape) => report.add(DOCUMENT, format!("area skipped: it was {}", shape.words())),
        }
    }
}

/// Most lock types one status may name; [`LockIndex`] is `u16`.
const MAX_LOCKS: usize = 4_096;

impl Availability {
    /// Nothing known yet: every seat unavailable, none choosable.
    pub fn unknown(plan: &Plan) -> Availability {
        Availability { seats: vec![SeatAvailability::UNKNOWN; plan.seat_count()], ..Default::default() }
    }

    /// Reads `status/detail` against the plan and prices. Bad records are
    /// skipped and reported; seats the status omits stay unavailable.
    /// An error only where the whole document would have been one (a seat
    /// naming a field twice): each band's seats are read as it is reached.
    pub(crate) fn build(
        plan: &Plan,
        prices: &PriceList,
        wire: wire::StatusDetail<'_>,
    ) -> serde_json::Result<Availability> {
        let mut out = Availability::unknown(plan);
        out.known = true;
        let mut seen = vec![false; plan.seat_count()];
        let mut pending: Vec<wire::StatusArea<'_>> = Vec::new();
        let mut top = wire.areas;
        collect(&mut top, &mut pending, &mut out.report);
        // Lock types first (they may be listed on any area), then seats.
        let mut flat = Vec::new();
        while let Some(mut area) = pending.pop() {
            collect(&mut area.areas, &mut pending, &mut out.report);
            collect(&mut area.child_plans, &mut pending, &mut out.report);
            for lock in area.lock_types.take() {
                let lock = match lock {
                    Record::Ok(l) => l,
                    Record::Bad(shape) => {
                        out.report.add(DOCUMENT, format!("lock type skipped: it was {}", shape.words()));
                        continue;
                    }
                };
                let Some(id) = lock.id.text() else {
                    out.report.add(DOCUMENT, "lock type skipped: it has no id");
                    continue;
                };
                // A venue has a handful of lock types: a scan beats a map.
                if out.locks.iter().any(|l| *l.id == *id) {
                    continue;
                }
                if out.locks.len() >= MAX_LOCKS {
                    out.report.add(DOCUMENT, "lock type skipped: too many lock types");
                    continue;
                }
                out.locks.push(LockKind {
                    id: id.into(),
                    name: lock.name.text().unwrap_or("a hold").into(),
                    description: lock.description.text().map(Into::into),
                });
            }
            flat.push(area);
        }
        for area in flat {
            let area_index = area.id.text().and_then(|id| plan.area_by_id(id));
            let unreserved = area_index.filter(|ix| matches!(plan.area(*ix).kind, AreaKind::Unreserved { .. }));
            if let Some(ix) = unreserved {
                let band = area
                    .bands
                    .records()
                    .iter()
                    .find_map(|b| match b {
                        Record::Ok(b) => b.price_band.id(),
                        Record::Bad(_) => None,
                    })
                    .and_then(|id| prices.band_by_id(id));
                let mut count = |c: Count, what: &str| match c {
                    Count::Ok(v) => v,
                    Count::Negative => {
                        out.report.add(DOCUMENT, format!("negative {what} read as 0"));
                        0
                    }
                    Count::Invalid(shape) => {
                        out.report.add(DOCUMENT, format!("{what} that was {} read as 0", shape.words()));
                        0
                    }
                    Count::Missing | Count::Null => 0,
                };
                let entry = UnreservedAvailability {
                    capacity: count(area.capacity, "capacity"),
                    available: count(area.available, "places available"),
                    in_basket: count(area.in_basket, "places in basket"),
                    band,
                };
                out.unreserved.retain(|(a, _)| *a != ix);
                out.unreserved.push((ix, entry));
                continue;
            }
            if area.bands.is_invalid() {
                out.report.add(DOCUMENT, "price bands that are not a list");
            }
            for band in area.bands.records() {
                let band = match band {
                    Record::Ok(b) => b,
                    Record::Bad(shape) => {
                        out.report.add(DOCUMENT, format!("price band skipped: it was {}", shape.words()));
                        continue;
                    }
                };
                let band_index = band.price_band.id().and_then(|id| prices.band_by_id(id));
                let seats = band.seats.read()?;
                for seat in seats.records() {
                    let seat = match seat {
                        Record::Ok(s) => s,
                        Record::Bad(shape) => {
                            out.report.add(DOCUMENT, format!("seat skipped: it was {}", shape.words()));
                            continue;
                        }
                    };
                    let Some(id) = seat.id.text() else {
                        out.report.add(DOCUMENT, "seat skipped: it has no id");
                        continue;
                    };
                    let Some(ix) = plan.seat_by_id(id) else {
                        out.report.add(DOCUMENT, "seat not on the plan: ignored");
                        continue;
                    };
                    let letter = match seat.status.text() {
                        Some(code) => {
                            let letter = Letter::parse(code);
                            if letter == Letter::Unknown {
                                let code: String = code.chars().take(8).collect();
                                out.report
                                    .add(DOCUMENT, format!("unknown status letter {code:?}: shown as unavailable"));
                            }
                            letter
                        }
                        None => {
                            let what = match &seat.status.0 {
                                Lenient::Invalid(shape) => {
                                    format!("seat status that was {}: shown as unavailable", shape.words())
                                }
                                _ => "seat without a status: shown as unavailable".to_owned(),
                            };
                            out.report.add(DOCUMENT, what);
                            Letter::Unknown
                        }
                    };
                    if band_index.is_none() {
                        out.report.add(DOCUMENT, "seat in a price band not on the price list: not for sale online");
                    }
                    let lock = seat
                        .lock_type
                        .id()
                        .and_then(|id| out.locks.iter().position(|l| *l.id == *id))
                        .map(|i| LockIndex(i as u16));
                    seen[ix.0 as usize] = true;
                    out.seats[ix.0 as usize] = SeatAvailability {
                        letter: if letter == Letter::Unknown { Letter::Unavailable } else { letter },
                        band: band_index,
                        lock,
                        info: seat.info.text().map(Into::into),
                    };
                }
            }
        }
        let missing = seen.iter().filter(|s| !**s).count() as u32;
        out.report.add_many(DOCUMENT, "seat on the plan but not in the status: shown as unavailable", missing);
        Ok(out)
    }

    /// Places left in an unreserved area.
    pub fn unreserved(&self, area: AreaIndex) -> Option<&UnreservedAvailability> {
        self.unreserved.iter().find(|(a, _)| *a == area).map(|(_, u)| u)
    }

    /// One seat's availability (unknown for an index off the plan).
    pub fn seat(&self, ix: SeatIndex) -> &SeatAvailability {
        self.seats.get(ix.0 as usize).unwrap_or(&SeatAvailability::UNKNOWN)
    }

    /// A lock type by index.
    pub fn lock(&self, ix: LockIndex) -> Option<&LockKind> {
        self.locks.get(ix.0 as usize)
    }

    /// Lock types present, with how many of their seats this customer may take now.
    pub fn lock_summary(&self) -> Vec<(LockIndex, u32, u32)> {
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
            .map(|(i, (open, total))| (LockIndex(i as u16), open, total))
            .collect()
    }
}

#[cfg(test)]
mod tests;
