//! Hooks that talk to the API on a schedule. Each cancels on drop.

pub mod use_customer;
pub mod use_status_poll;
