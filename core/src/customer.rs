//! Who is logged in on the customer's Spektrix session
//! (docs/spektrix-v3.md#customer).

use crate::wire;
use std::rc::Rc;

/// The customer as far as the widget knows.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomerState {
    /// Not asked yet.
    Unknown,
    /// Nobody is logged in (`GET customer` answered 401).
    Anonymous,
    /// Logged in.
    LoggedIn {
        /// The customer's id.
        id: Rc<str>,
        /// First and last name, for a greeting (may be empty).
        name: Rc<str>,
    },
}

impl CustomerState {
    pub(crate) fn build(c: wire::Customer<'_>) -> CustomerState {
        let name = [c.first_name.text(), c.last_name.text()].into_iter().flatten().collect::<Vec<_>>().join(" ");
        CustomerState::LoggedIn { id: c.id.text().unwrap_or("").into(), name: name.trim().into() }
    }

    /// Whether someone is logged in.
    pub fn is_logged_in(&self) -> bool {
        matches!(self, CustomerState::LoggedIn { .. })
    }
}
