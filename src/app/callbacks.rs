//! The callbacks the root hands to the map and the panels, made once.
//!
//! Yew compares a callback by identity, so one made afresh in each render
//! is never equal to the last, and every component given one was drawn
//! again on every change of the store: a status poll or a click on the
//! arena re-rendered the map's toolbar and every panel, whatever they show.
//! Made once, a component whose values did not change is left alone.

use crate::hooks::use_focus_after_add::focus;
use crate::hooks::use_status_poll::PollControl;
use crate::store::Store;
use seatmap_core::{Action, AreaIndex, Fix, SeatIndex, StandingChoice, TicketTypeIndex};
use yew::prelude::*;

/// Each becomes one action, or one step the root takes itself (by
/// default, nothing: the warm-up's sample).
#[derive(Clone, PartialEq, Default)]
pub(super) struct RootCallbacks {
    pub(super) toggle: Callback<SeatIndex>,
    pub(super) focus: Callback<SeatIndex>,
    pub(super) ticket_type: Callback<(SeatIndex, TicketTypeIndex)>,
    pub(super) deselect: Callback<SeatIndex>,
    pub(super) clear: Callback<()>,
    pub(super) fix: Callback<Fix>,
    pub(super) alternative: Callback<bool>,
    pub(super) hold_expired: Callback<()>,
    pub(super) standing: Callback<StandingChoice>,
    pub(super) dismiss_notice: Callback<()>,
    /// An unreserved (standing) area was chosen on the map.
    pub(super) open_standing: Callback<AreaIndex>,
    /// "Try again" after polling stopped.
    pub(super) retry_status: Callback<()>,
    pub(super) show_choice: Callback<()>,
    pub(super) show_basket: Callback<()>,
}

/// The root's callbacks for this store, made on the first render.
#[hook]
pub(super) fn use_root_callbacks(
    dispatch: UseReducerDispatcher<Store>,
    standing_open: UseStateSetter<Option<AreaIndex>>,
    poll: PollControl,
    choice_ref: NodeRef,
    basket_ref: NodeRef,
) -> RootCallbacks {
    (*use_memo((), move |_| {
        let act = Callback::from(move |action| dispatch.dispatch(action));
        RootCallbacks {
            toggle: act.reform(Action::Toggle),
            focus: act.reform(|s| Action::Focus(Some(s))),
            ticket_type: act.reform(|(s, t)| Action::SetTicketType(s, t)),
            deselect: act.reform(Action::Deselect),
            clear: act.reform(|_| Action::ClearSelection),
            fix: act.reform(Action::ApplyFix),
            alternative: act.reform(|yes| if yes { Action::AcceptAlternative } else { Action::DismissAlternative }),
            hold_expired: act.reform(|_| Action::HoldExpired),
            standing: act.reform(Action::SetStanding),
            dismiss_notice: act.reform(|_| Action::DismissNotice),
            open_standing: Callback::from(move |a| standing_open.set(Some(a))),
            retry_status: Callback::from(move |_| poll.restart()),
            show_choice: Callback::from(move |_| focus(&choice_ref)),
            show_basket: Callback::from(move |_| focus(&basket_ref)),
        }
    }))
    .clone()
}
