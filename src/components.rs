//! The widget's components, one file each.

pub mod basket_panel;
pub mod best_available;
pub mod choice_panel;
pub mod config_error;
pub mod error_panel;
pub mod legend;
pub mod login_form;
pub mod seat_layer;
pub mod seat_map;
pub mod standing;
pub mod status_line;
pub mod tooltip;
