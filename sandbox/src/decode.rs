//! Request-body decoders for the public API (basket tickets, best available,
//! authenticate). Each takes raw bytes and returns a typed request or the
//! contract's error; none can panic (see the proptests).

use serde_json::Value;

use crate::errors::ApiError;

/// An id given as a string or as an integral JSON number.
pub fn id_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Some(u.to_string())
            } else if let Some(i) = n.as_i64() {
                Some(i.to_string())
            } else {
                n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 1e15).map(|f| format!("{}", f as i64))
            }
        }
        _ => None,
    }
}

pub fn json(body: &[u8]) -> Result<Value, ApiError> {
    serde_json::from_slice(body).map_err(ApiError::bad_json)
}

#[derive(Debug, Clone, PartialEq)]
pub struct TicketRequest {
    pub instance: String,
    pub seat: Option<String>,
    pub area: Option<String>,
    pub ticket_type: String,
}

pub const MAX_TICKETS: usize = 100;

/// `POST basket/tickets`: an array of `{instance, seat|seatingPlan, type}`.
pub fn add_tickets(body: &[u8]) -> Result<Vec<TicketRequest>, ApiError> {
    let v = json(body)?;
    let Value::Array(items) = v else {
        return Err(ApiError::validation(vec!["The body must be an array of tickets".into()]));
    };
    if items.is_empty() {
        return Err(ApiError::validation(vec!["At least one ticket is required".into()]));
    }
    if items.len() > MAX_TICKETS {
        return Err(ApiError::validation(vec![format!("At most {MAX_TICKETS} tickets can be added at once")]));
    }
    let mut out = vec![];
    let mut problems = vec![];
    for (i, item) in items.iter().enumerate() {
        let Value::Object(o) = item else {
            problems.push(format!("Ticket {}: must be an object", i + 1));
            continue;
        };
        let instance = o.get("instance").and_then(id_str);
        let ticket_type = o.get("type").and_then(id_str).or_else(|| o.get("ticketType").and_then(id_str));
        let seat = o.get("seat").and_then(id_str);
        let area = o.get("seatingPlan").and_then(id_str);
        if instance.is_none() {
            problems.push(format!("Ticket {}: instance is required", i + 1));
        }
        if ticket_type.is_none() {
            problems.push(format!("Ticket {}: type is required", i + 1));
        }
        if seat.is_none() && area.is_none() {
            problems.push(format!("Ticket {}: seat or seatingPlan is required", i + 1));
        }
        if let (Some(instance), Some(ticket_type)) = (instance, ticket_type) {
            out.push(TicketRequest {
                instance,
                seat: seat.clone(),
                area: if seat.is_some() { None } else { area },
                ticket_type,
            });
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(ApiError::validation(problems))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct BestAvailableRequest {
    pub instance: String,
    pub quantity: usize,
    pub ticket_type: String,
    pub bands: Vec<String>,
    pub areas: Vec<String>,
}

pub const MAX_BEST_AVAILABLE: usize = 20;

fn id_list(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(a)) => a.iter().filter_map(|x| id_str(x).or_else(|| x.get("id").and_then(id_str))).collect(),
        Some(x) => id_str(x).into_iter().collect(),
        None => vec![],
    }
}

/// `POST basket/tickets/best-available`.
pub fn best_available(body: &[u8]) -> Result<BestAvailableRequest, ApiError> {
    let v = json(body)?;
    let Value::Object(o) = v else {
        return Err(ApiError::validation(vec!["The body must be an object".into()]));
    };
    let mut problems = vec![];
    let instance = o.get("instance").and_then(id_str);
    if instance.is_none() {
        problems.push("instance is required".to_string());
    }
    let ticket_type = o.get("type").and_then(id_str).or_else(|| o.get("ticketType").and_then(id_str));
    if ticket_type.is_none() {
        problems.push("type is required".to_string());
    }
    let quantity = o.get("quantity").and_then(|q| {
        q.as_u64()
            .or_else(|| q.as_str().and_then(|s| s.trim().parse().ok()))
            .or_else(|| q.as_f64().filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e9).map(|f| f as u64))
    });
    let quantity = match quantity {
        Some(q) if q >= 1 && q as usize <= MAX_BEST_AVAILABLE => q as usize,
        _ => {
            problems.push(format!("quantity must be a whole number from 1 to {MAX_BEST_AVAILABLE}"));
            0
        }
    };
    match (instance, ticket_type, problems.is_empty()) {
        (Some(instance), Some(ticket_type), true) => Ok(BestAvailableRequest {
            instance,
            quantity,
            ticket_type,
            bands: id_list(o.get("priceBands")),
            areas: id_list(o.get("areas")),
        }),
        _ => Err(ApiError::validation(problems)),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Credentials {
    pub email: String,
    pub password: String,
}

/// `POST customer/authenticate`: `{email, password}`.
pub fn authenticate(body: &[u8]) -> Result<Credentials, ApiError> {
    let v = json(body)?;
    let email = v.get("email").and_then(Value::as_str);
    let password = v.get("password").and_then(Value::as_str);
    match (email, password) {
        (Some(e), Some(p)) => Ok(Credentials { email: e.to_string(), password: p.to_string() }),
        _ => Err(ApiError::validation(vec!["email and password are required".into()])),
    }
}
