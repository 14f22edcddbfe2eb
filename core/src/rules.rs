//! Selection rules: what a customer's chosen seats may look like.
//!
//! This module owns the pure, `std`-only rules a seat picker applies to a
//! selection before it goes to the basket (see `shared/spektrix-v3.md`, the
//! Ingresso seed `can_leave_singles`, `contiguous_seat_selection_only` and
//! `valid_quantity_flags`):
//!
//! 1. **No stranded single** ([`SinglesRule`]): a selection must not leave one
//!    lone empty seat between occupied seats / stretch ends, unless the single
//!    already existed or no other placement of as many seats in that stretch
//!    could avoid one. A one-click [`Fix`] is offered.
//! 2. **Together** ([`RuleConfig::together`]): all chosen seats form one run of
//!    consecutive positions in one [`Stretch`].
//! 3. **Quantities** ([`RuleConfig::max_tickets`],
//!    [`RuleConfig::allowed_counts`]): a gate for adding one more ticket
//!    ([`can_add`]) and a check of the final count.
//! 4. **Nearest alternative** ([`nearest_alternative`]) after seats are lost.
//!
//! The model is deliberately small: seats are [`SeatIndex`] indices into the
//! caller's plan, rows are cut into [`Stretch`]es (maximal runs between row
//! ends and aisles), indexed once by a [`RowIndex`], and the state of each seat
//! for this customer is a [`Cell`] given by a closure. [`check`] runs on every
//! click, so it only looks at the stretches that hold selected seats.
//!
//! Submodules (each under `rules/`): `index` (the seat → stretch index and a
//! stretch builder), `singles`, `together`, `quantity`, `alternative`, and the
//! test-only `notation`, `tests` and `proptests`.

use std::fmt;

mod alternative;
mod index;
mod quantity;
mod singles;
mod together;

#[cfg(test)]
mod notation;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
#[cfg(test)]
mod tests;

pub use alternative::nearest_alternative;
pub use index::{build_stretches, RowIndex, SeatLinks};
pub use quantity::can_add;
pub use together::is_together;

/// A seat, as an index into the caller's plan seat array.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SeatIndex(pub u32);

/// One maximal run of seats of one row, in plan order, between row ends and
/// aisles. Seats of other price bands stay in the same stretch (bands do not
/// break adjacency); wheelchair spaces are part of it too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stretch {
    /// The seats, left to right (following `nextSeatId`).
    pub seats: Vec<SeatIndex>,
}

/// The state of one seat for this customer right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cell {
    /// Sellable to this customer and not chosen.
    Empty,
    /// Chosen in the picker, not yet in the basket. (The `selection` argument
    /// of [`check`] is what counts as chosen; see there.)
    Selected,
    /// Sold, in anyone's basket (this customer's included), held or locked for
    /// others, or otherwise unavailable.
    Taken,
    /// An empty wheelchair space: it does not break adjacency, is never itself
    /// a stranded single, and counts as empty beside an ordinary seat (a lone
    /// seat next to an empty space is not stranded).
    Space,
}

/// How the no-stranded-single rule is applied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum SinglesRule {
    /// Not checked at all.
    Off,
    /// Reported, but checkout is allowed.
    #[default]
    Warn,
    /// Reported and blocks checkout (Ingresso's `can_leave_singles = false`).
    Block,
}

/// The venue's rules for a selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleConfig {
    /// The no-stranded-single rule.
    pub singles: SinglesRule,
    /// All chosen seats must be consecutive in one stretch
    /// (`contiguous_seat_selection_only`).
    pub together: bool,
    /// Most tickets per order (see [`Counts::total`]).
    pub max_tickets: u32,
    /// If set, the only ticket counts that may be bought (e.g. pairs only:
    /// `[2, 4, 6]`). Counts above
    /// `max_tickets` are never allowed.
    pub allowed_counts: Option<Vec<u32>>,
}

impl Default for RuleConfig {
    fn default() -> Self {
        RuleConfig { singles: SinglesRule::Warn, together: false, max_tickets: 10, allowed_counts: None }
    }
}

impl RuleConfig {
    /// The largest total that can be bought: `max_tickets`, lowered to the
    /// largest allowed count when `allowed_counts` is set.
    pub fn effective_max(&self) -> u32 {
        quantity::effective_max(self)
    }

    /// How many more tickets may be asked for at once (best available),
    /// given `in_basket` already there: every count that keeps the order
    /// within the maximum and, if set, the allowed counts.
    pub fn counts_to_offer(&self, in_basket: u32) -> Vec<u32> {
        let max = self.effective_max();
        let total_ok =
            |total: u32| total <= max && self.allowed_counts.as_ref().is_none_or(|list| list.contains(&total));
        (1..=max.saturating_sub(in_basket)).filter(|n| total_ok(in_basket + n)).collect()
    }
}

/// The ticket counts the quantity rules look at. The caller decides what
/// goes in: `in_basket` may stay 0 if tickets already in the basket should not
/// count towards the limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Counts {
    /// Reserved seats chosen in the picker (normally `selection.len()`).
    pub selected_seats: u32,
    /// Unreserved (general admission) tickets being chosen.
    pub unreserved_tickets: u32,
    /// Tickets already in the basket, if they count.
    pub in_basket: u32,
}

impl Counts {
    /// The sum of the three counts (saturating).
    pub fn total(&self) -> u32 {
        self.selected_seats.saturating_add(self.unreserved_tickets).saturating_add(self.in_basket)
    }
}

/// A one-click repair of a stranded single: drop `remove` from the selection
/// and choose `add` instead. The result is the full new selection for that
/// stretch (same number of seats, same stretch).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// Selected seats to drop, in stretch order.
    pub remove: Vec<SeatIndex>,
    /// Empty seats to choose instead, in stretch order.
    pub add: Vec<SeatIndex>,
}

impl Fix {
    /// The selection with this fix applied (order: kept seats, then added).
    pub fn apply(&self, selection: &[SeatIndex]) -> Vec<SeatIndex> {
        let mut out: Vec<SeatIndex> = selection.iter().copied().filter(|s| !self.remove.contains(s)).collect();
        for s in &self.add {
            if !out.contains(s) {
                out.push(*s);
            }
        }
        out
    }
}

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Problem {
    /// The selection leaves `seat` as a lone empty seat. `fix`, when present,
    /// is the nearest placement of the same seats in that stretch that leaves
    /// no new single ([`check`] always finds one when it reports this).
    StrandedSingle {
        /// The lone empty seat.
        seat: SeatIndex,
        /// How to move the stretch's selected seats so none is left alone.
        fix: Option<Fix>,
    },
    /// The seats are not next to each other in one stretch.
    NotTogether,
    /// More than `max` tickets.
    TooMany {
        /// The most tickets allowed ([`RuleConfig::effective_max`]).
        max: u32,
    },
    /// `count` tickets may not be bought; `allowed` names the nearest allowed
    /// counts (the one below and/or the one above; empty if none is possible).
    CountNotAllowed {
        /// The total asked for.
        count: u32,
        /// The nearest allowed totals, ascending.
        allowed: Vec<u32>,
    },
}

impl Problem {
    /// Whether this problem stops the customer from going to checkout.
    pub fn blocks_checkout(&self, config: &RuleConfig) -> bool {
        match self {
            Problem::StrandedSingle { .. } => config.singles == SinglesRule::Block,
            Problem::NotTogether | Problem::TooMany { .. } | Problem::CountNotAllowed { .. } => true,
        }
    }
}

impl fmt::Display for Problem {
    /// A plain English sentence for the customer (the UI may localise instead).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::StrandedSingle { .. } => f.write_str(
                "Your choice would leave a single empty seat on its own. \
                 Please move your seats so no one seat is left alone.",
            ),
            Problem::NotTogether => f.write_str(
                "Seats must be next to each other in the same row, \
                 with no gaps and not across an aisle.",
            ),
            Problem::TooMany { max } => {
                write!(f, "You can book at most {max} tickets at a time.")
            }
            Problem::CountNotAllowed { count, allowed } => {
                write!(f, "{count} tickets can't be booked together")?;
                match allowed.as_slice() {
                    [] => f.write_str("."),
                    [one] => write!(f, ": please choose {one}."),
                    [a, b, ..] => write!(f, ": please choose {a} or {b}."),
                }
            }
        }
    }
}

/// The outcome of [`check`]: every broken rule, in a stable order
/// (quantities, then together, then stranded singles in plan order).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    /// Every broken rule; empty when all is well.
    pub problems: Vec<Problem>,
}

impl Verdict {
    /// No rule is broken (warnings included).
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Some problem forbids checkout under `config`: a stranded single when
    /// singles are [`SinglesRule::Block`], not-together, or a bad count.
    pub fn blocks_checkout(&self, config: &RuleConfig) -> bool {
        self.problems.iter().any(|p| p.blocks_checkout(config))
    }

    /// The stranded seats reported, in plan order.
    pub fn stranded(&self) -> impl Iterator<Item = SeatIndex> + '_ {
        self.problems.iter().filter_map(|p| match p {
            Problem::StrandedSingle { seat, .. } => Some(*seat),
            _ => None,
        })
    }
}

/// Checks a selection against every rule in `config`.
///
/// - `rows`: the plan's stretches, indexed once ([`RowIndex::new`]).
/// - `cell`: the state of any seat for this customer. It is only asked about
///   seats in stretches that hold a selected seat.
/// - `selection`: the seats chosen in the picker. This list is what counts as
///   selected; `cell` is ignored for these seats (except that a selected
///   wheelchair space is still a space once unselected). A seat `cell`
///   reports as [`Cell::Selected`] but absent from `selection` counts as
///   occupied (like [`Cell::Taken`]) and is never moved by a fix. Seats in
///   no stretch are ignored by the singles rule and are never "together" with
///   another seat.
/// - `counts`: the ticket counts for the quantity rules.
///
/// Work is proportional to the stretches holding selected seats.
pub fn check(
    rows: &RowIndex,
    cell: impl Fn(SeatIndex) -> Cell,
    selection: &[SeatIndex],
    counts: Counts,
    config: &RuleConfig,
) -> Verdict {
    let mut problems = quantity::count_problems(counts.total(), config);
    if config.together && !is_together(rows, selection) {
        problems.push(Problem::NotTogether);
    }
    if config.singles != SinglesRule::Off {
        problems.extend(singles::stranded_singles(rows, &cell, selection, config.together));
    }
    Verdict { problems }
}
