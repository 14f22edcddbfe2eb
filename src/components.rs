//! The widget's components, one file each. Each takes the values it shows
//! and domain callbacks; none sees the store or a wire type.

pub mod area_labels;
pub mod basket_panel;
pub mod best_available;
pub mod choice_panel;
pub mod config_error;
pub mod error_panel;
pub mod heading;
pub mod hold_timer;
pub mod legend;
pub mod loading_map;
pub mod login_form;
pub mod overview;
pub mod queue_panel;
pub mod row_letters;
pub mod sale_panel;
pub mod seat_layer;
pub mod seat_map;
pub mod standing;
pub mod status_line;
pub mod summary_bar;
pub mod tooltip;
