//! Why this performance cannot be booked online now: not yet on sale (with
//! when sales open, in the venue's locale), sales closed, cancelled, sold
//! out. The map stays visible, read-only.

use crate::dates::{in_words, Detail};
use seatmap_core::SaleState;
use yew::prelude::*;

/// What the panel shows.
#[derive(Properties, PartialEq)]
pub struct SalePanelProps {
    /// The sale state.
    pub sale: SaleState,
    /// The locale for dates (the browser's when absent).
    pub locale: Option<AttrValue>,
}

#[function_component(SalePanel)]
pub fn sale_panel(props: &SalePanelProps) -> Html {
    let text = match &props.sale {
        SaleState::OnSale => return html! {},
        SaleState::NotYetOnSale { opens: Some(at) } => {
            format!("Tickets go on sale online on {}.", in_words(at, props.locale.as_deref(), Detail::WithYear))
        }
        SaleState::NotYetOnSale { opens: None } => {
            "Tickets for this performance are not on sale online yet.".to_owned()
        }
        SaleState::Closed => "Online sales for this performance have closed. Please contact the box office.".to_owned(),
        SaleState::Cancelled => "This performance has been cancelled.".to_owned(),
        SaleState::SoldOut => "This performance is sold out.".to_owned(),
    };
    html! {
        <section class="seatmap-sale" data-testid="sale-state" role="status">
            <p><strong>{ text }</strong></p>
            <p class="seatmap-hint">{"You can look at the seating plan; seats can't be chosen now."}</p>
        </section>
    }
}
