//! The map and the panels beside it (below it on a phone): sale state, the
//! queue, the choice, the basket, standing places, best available, log-in
//! and the legend. Each gets the values it shows and domain callbacks.

use super::callbacks::RootCallbacks;
use crate::components::basket_panel::BasketPanel;
use crate::components::best_available::BestAvailable;
use crate::components::choice_panel::ChoicePanel;
use crate::components::legend::Legend;
use crate::components::login_form::LoginForm;
use crate::components::queue_panel::QueuePanel;
use crate::components::sale_panel::SalePanel;
use crate::components::seat_map::SeatMap;
use crate::components::standing::Standing;
use crate::hooks::use_operations::Operations;
use crate::money::Formatter;
use crate::shared::Shared;
use seatmap_core::{AreaIndex, Availability, Config, State, Venue, Viewport};
use std::rc::Rc;
use yew::prelude::*;

/// What the panels are drawn from, gathered by the root.
pub(super) struct SidePanels<'a> {
    pub(super) state: &'a State,
    pub(super) config: &'a Config,
    pub(super) venue: Shared<Venue>,
    pub(super) availability: Shared<Availability>,
    pub(super) money: Shared<Formatter>,
    pub(super) calls: &'a RootCallbacks,
    pub(super) operations: &'a Operations,
    pub(super) queue_url: Option<AttrValue>,
    pub(super) standing_open: Option<AreaIndex>,
    pub(super) choice_ref: NodeRef,
    pub(super) basket_ref: NodeRef,
}

impl SidePanels<'_> {
    /// The map, `first_size` its size if known, with the panels beside it.
    pub(super) fn beside_map(self, first_size: Option<Viewport>) -> Html {
        let SidePanels { state, config, venue, availability, money, calls, .. } = &self;
        let map = html! {
            <SeatMap key="map" venue={venue.clone()} states={Shared::from(state.seat_states.clone())}
                     availability={availability.clone()} money={money.clone()}
                     focus={state.focus} highlight={Shared::from(state.highlight.clone())}
                     on_toggle={calls.toggle.clone()} on_focus={calls.focus.clone()} on_area={calls.open_standing.clone()}
                     availability_failed={state.live.failures > 0} detail={config.level_of_detail}
                     first_size={first_size} />
        };
        html! {
            <div class="seatmap-body">
                { map }
                { self.view() }
            </div>
        }
    }

    fn view(self) -> Html {
        let SidePanels { state, config, venue, availability, money, calls, operations, .. } = self;
        let level = config.heading_level;
        let open = state.sale.is_open() && state.queue.is_none();
        html! {
            <aside key="side" class="seatmap-side" part="panels">
                <SalePanel key="sale" sale={state.sale.clone()} locale={config.locale.clone().map(AttrValue::from)} />
                if let Some(queue) = &state.queue {
                    <QueuePanel key="queue" url={self.queue_url.clone()} message={queue.message.clone().map(AttrValue::from)}
                                heading_level={level} />
                }
                <ChoicePanel key="choice" venue={venue.clone()} availability={availability.clone()}
                    selection={Rc::from(state.selection.as_slice())} standing={Rc::from(state.standing.as_slice())}
                    verdict={state.verdict.clone()} rules={state.rules.clone()}
                    alternative={state.alternative.as_deref().map(Rc::from)} total={state.selection_total()}
                    adding={state.pending.add.is_some()} can_add={state.can_add_to_basket()} money={money.clone()}
                    on_ticket_type={calls.ticket_type.clone()} on_remove={calls.deselect.clone()}
                    on_clear={calls.clear.clone()} on_fix={calls.fix.clone()} on_alternative={calls.alternative.clone()}
                    on_add={operations.add.clone()} heading_level={level} section_ref={self.choice_ref} />
                <BasketPanel key="basket" basket={state.basket.clone()} venue={venue.clone()} extra={state.extra_tickets.clone()}
                    removing={state.pending.remove.is_some()} changed_ms={state.basket_changed_ms}
                    timeout_ms={config.basket_timeout_ms} checkout_url={config.checkout_url.clone().map(AttrValue::from)}
                    money={money.clone()} on_remove={operations.remove.clone()} on_expired={calls.hold_expired.clone()}
                    heading_level={level} section_ref={self.basket_ref} />
                <Standing key="standing" venue={venue.clone()} availability={availability.clone()}
                    standing={Rc::from(state.standing.as_slice())} enabled={open && state.pending.add.is_none()}
                    money={money.clone()} open={self.standing_open} on_change={calls.standing.clone()}
                    heading_level={level} />
                <BestAvailable key="best" venue={venue.clone()}
                    counts={Rc::from(state.rules.counts_to_offer(state.tickets_in_basket_here()))}
                    in_basket={state.tickets_in_basket_here()} finding={state.pending.best_available.is_some()}
                    disabled={!open || state.pending.basket_busy()} money={money.clone()}
                    on_request={operations.best_available.clone()} heading_level={level} />
                if config.login_form {
                    <LoginForm key="login" customer={state.customer.clone()} logging_in={state.pending.log_in}
                        error={state.login_error.clone().map(AttrValue::from)} show_name={config.show_customer_name}
                        on_login={operations.log_in.clone()} on_logout={operations.log_out.clone()} />
                }
                <Legend key="legend" venue={venue} availability={availability} money={money} heading_level={level} />
            </aside>
        }
    }
}
