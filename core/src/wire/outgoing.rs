//! Request bodies the widget sends (docs/spektrix-v3.md#basket and
//! #customer), serialized by serde.

use serde::Serialize;

/// One entry of `POST basket/tickets`: one per ticket, reserved (`seat`) or
/// unreserved (`seatingPlan`, the area).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketRequest {
    /// The instance id.
    pub instance: String,
    /// The seat id (reserved tickets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seat: Option<String>,
    /// The area id (unreserved tickets).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seating_plan: Option<String>,
    /// The ticket type id.
    #[serde(rename = "type")]
    pub ticket_type: String,
}

/// `POST basket/tickets/best-available` (body **assumed**).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BestAvailableRequest {
    /// The instance id.
    pub instance: String,
    /// How many tickets.
    pub quantity: u32,
    /// The ticket type id.
    #[serde(rename = "type")]
    pub ticket_type: String,
    /// Only these price bands (none: any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub price_bands: Vec<String>,
    /// Only these areas (none: any).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<String>,
}

/// `POST customer/authenticate`.
#[derive(Clone, Serialize)]
pub struct Credentials {
    /// The customer's email address.
    pub email: String,
    /// The password.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    // Never print a password, even in a test failure.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("email", &self.email).finish_non_exhaustive()
    }
}

/// Serializes a body. These types cannot fail to serialize.
pub fn to_json<T: Serialize + ?Sized>(body: &T) -> String {
    serde_json::to_string(body).unwrap_or_else(|_| "null".to_owned())
}
