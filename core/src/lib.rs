//! seatmap-core: everything the seat-map widget decides, with no I/O.
//!
//! The widget (a Yew shell compiled to WebAssembly) fetches from the venue's
//! Spektrix API v3 and hands the raw answers here. This crate owns:
//!
//! - **reading the API** ([`decode`], [`interpret`]): lenient, record by
//!   record, with a [`Report`] of what was skipped; every HTTP status
//!   interpreted in one place ([`ApiError::recovery`]);
//! - **the domain**: the seating [`Plan`], the [`PriceList`], live
//!   [`Availability`], the [`Basket`], the [`CustomerState`], the
//!   performance's [`SaleState`];
//! - **the rules** a selection must follow ([`RuleConfig`], [`Verdict`]);
//! - **the one reducer**: [`State`] and [`Action`], with everything derived
//!   computed in one place ([`SeatState`] per seat);
//! - **the polling policy** ([`next_delay_ms`]);
//! - **geometry** ([`ViewBox`]), **level of detail** ([`Detail`]), area
//!   shapes ([`area_shapes`]), label placement ([`place_label`]), keyboard
//!   moves ([`Step`]) and **words** ([`seat_label`], [`area_label`]);
//! - **seat markup**: one function gives a seat's attributes
//!   ([`seat_attributes`]), used for the first paint and for every update.
//!
//! The contract these follow is `docs/spektrix-v3.md`; comments in the code
//! point to its sections.
#![deny(missing_docs)]

mod area_summary;
mod availability;
mod basket;
mod capture;
mod config;
mod customer;
mod decimal;
pub mod decode;
mod detail;
mod error;
mod id_index;
mod labels;
mod number;
mod outline;
mod placement;
mod plan;
mod poll;
mod prices;
mod report;
mod rules;
mod seat_markup;
mod seat_state;
mod sorting;
mod state;
mod venue;
mod view;
mod warm_up;
mod wire;

#[cfg(test)]
mod fixtures;

pub use area_summary::{area_label, price_range, summarise, AreaSummary, Openness};
pub use availability::{Availability, Letter, LockIndex, LockKind, SeatAvailability, UnreservedAvailability};
pub use basket::{Basket, Ticket};
pub use capture::{redact, Capture, Exchange};
pub use config::{ColorScheme, Config, DEFAULT_POLL_SECONDS};
pub use customer::CustomerState;
pub use decode::{BodyFormat, Decoded};
pub use detail::{detail_at, tap_zoom, Detail, SEATS_FROM_PX, SEAT_SIZE, TAP_TARGET_PX};
pub use error::{interpret, ApiError, Call, Recovery, Response};
pub use labels::{list_seats, seat_label, seat_short_name, Money};
pub use number::{fixed, write_fixed};
pub use outline::{area_shapes, outline_path, AreaShape};
pub use placement::{place_label, place_tooltip, Obstacles, TOOLTIP_GAP};
pub use plan::{Area, AreaIndex, AreaKind, Background, Direction, Plan, Rect, Rows, Seat, SeatRow, Step};
pub use poll::{freshness, next_delay_ms, parse_retry_after, Freshness};
pub use prices::{Band, BandIndex, PriceList, TicketType, TicketTypeIndex, PALETTE_SIZE};
pub use report::{Problem as ReportedProblem, Report};
pub use rules::{Fix, Problem, RuleConfig, SeatIndex, SinglesRule, Verdict};
pub use seat_markup::{
    close_group, escape, open_group, row_group_label, seat_attributes, seat_class, write_seat, AttributeValue,
    SeatLook, Shapes, SEAT_ATTRIBUTE_NAMES,
};
pub use seat_state::{reason, SeatState};
pub use sorting::{sort, sort_by};
pub use state::{
    Action, AddPending, Away, BasketView, Chosen, ExtraTickets, Live, Load, Notice, Pending, Queue, SavedChoice,
    StandingChoice, State, Tone, Versions, Wants,
};
pub use venue::{InstanceInfo, SaleState, Venue};
pub use view::{ViewBox, Viewport};
pub use warm_up::{warm_up, WarmUp};
pub use wire::outgoing::{to_json, BestAvailableRequest, Credentials, TicketRequest};
