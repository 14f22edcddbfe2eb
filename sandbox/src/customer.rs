//! The seeded customer accounts and the `customer` endpoints' logic:
//! `member@example.com` (eligible for the Members lock) and `guest@example.com`.

use serde_json::{json, Value};

pub struct Customer {
    pub id: &'static str,
    pub first_name: &'static str,
    pub last_name: &'static str,
    pub email: &'static str,
    pub password: &'static str,
    pub member: bool,
}

pub const CUSTOMERS: [Customer; 2] = [
    Customer {
        id: "40123AMEMBERDEMOACCOUNTQWERTYUIOP",
        first_name: "Morgan",
        last_name: "Member",
        email: "member@example.com",
        password: "member-demo",
        member: true,
    },
    Customer {
        id: "40124AGUESTDEMOACCOUNTQWERTYUIOPA",
        first_name: "Gale",
        last_name: "Guest",
        email: "guest@example.com",
        password: "guest-demo",
        member: false,
    },
];

/// The customer index for matching credentials (email is case-insensitive).
pub fn authenticate(email: &str, password: &str) -> Option<usize> {
    CUSTOMERS.iter().position(|c| c.email.eq_ignore_ascii_case(email.trim()) && c.password == password)
}

pub fn is_member(customer: Option<usize>) -> bool {
    customer.and_then(|c| CUSTOMERS.get(c)).is_some_and(|c| c.member)
}

pub fn json(idx: usize) -> Value {
    match CUSTOMERS.get(idx) {
        Some(c) => {
            json!({"id": c.id, "firstName": c.first_name, "lastName": c.last_name, "email": c.email})
        }
        None => Value::Null,
    }
}

pub fn first_name(idx: usize) -> &'static str {
    CUSTOMERS.get(idx).map(|c| c.first_name).unwrap_or("")
}

pub fn email(idx: usize) -> &'static str {
    CUSTOMERS.get(idx).map(|c| c.email).unwrap_or("")
}
