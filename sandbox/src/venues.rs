//! Generated venues (studio, theatre, arena) and the shared `PlanBuilder` that
//! lays out rows along arcs, links neighbours and renders the plan JSON.

pub mod arena;
pub mod builder;
pub mod stage;
pub mod studio;
pub mod theatre;

pub use builder::{arc, finish_plan, row_letters, standard_lock_types, PlanBuilder};

/// Lock type indices every generated plan defines, in this order.
pub const LT_WHEELCHAIR: usize = 0;
pub const LT_MEMBERS: usize = 1;
pub const LT_HOUSE: usize = 2;
pub const LT_RESTRICTED: usize = 3;
pub const LT_COMPANION: usize = 4;
