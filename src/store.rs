//! Bridges the core reducer to Yew's `use_reducer`.

use seatmap_core::{Action, State};
use std::rc::Rc;
use yew::Reducible;

#[derive(Clone)]
pub struct Store(pub State);

impl Reducible for Store {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.0.reduce(action);
        Rc::new(next)
    }
}

impl std::ops::Deref for Store {
    type Target = State;
    fn deref(&self) -> &State {
        &self.0
    }
}

/// Two stores are equal only if they are the same value: every dispatch
/// makes a new one, so props holding the handle change exactly when the
/// state does, without comparing the 20,000-seat contents.
impl PartialEq for Store {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}
