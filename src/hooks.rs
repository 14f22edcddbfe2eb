//! Hooks own the effects: loading, polling, basket reads, the customer,
//! operations, host events, the queue memory and element sizes. Each
//! cancels on drop.

pub mod use_basket;
pub mod use_customer;
pub mod use_focus_after_add;
pub mod use_host_commands;
pub mod use_host_events;
pub mod use_operations;
pub mod use_saved_choice;
pub mod use_size;
pub mod use_status_poll;
pub mod use_venue;
