//! The pure core: everything the widget decides, with no I/O.
//!
//! Data flows one way: [`wire`] types mirror the JSON and are converted once
//! into checked domain types ([`plan`], [`prices`], [`availability`],
//! [`basket`]); [`state`] holds them and changes only through its reducer.

pub mod availability;
pub mod basket;
pub mod config;
pub mod error;
pub mod labels;
pub mod number;
pub mod plan;
pub mod poll;
pub mod prices;
pub mod rules;
pub mod seat_markup;
pub mod seat_state;
pub mod state;
pub mod view;
pub mod wire;

#[cfg(test)]
mod fixtures;
