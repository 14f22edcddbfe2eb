//! What can go wrong talking to the venue's API, in words a customer reads.
//!
//! The HTTP layer (in the shell) builds these; the reducer stores them; the
//! components print [`ApiError::plain`]. Each variant keeps its cause.

use crate::core::wire::ErrorBody;

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The request never got an answer (offline, connection dropped, CORS refused).
    Network { detail: String },
    /// The server answered with a non-2xx status.
    Http {
        status: u16,
        /// The server's own `message` (and problems), when the body had one.
        message: Option<String>,
        /// `Retry-After`, in seconds, when the server sent it.
        retry_after_secs: Option<u32>,
    },
    /// A 2xx answer whose body was not the JSON we expect.
    Decode { what: &'static str, detail: String },
    /// The answer decoded but made no sense (e.g. an instance without a plan).
    Invalid { what: &'static str, detail: String },
}

impl ApiError {
    /// Builds an HTTP error from a status and the raw body text.
    pub fn from_response(status: u16, body: &str, retry_after_secs: Option<u32>) -> Self {
        let message = serde_json::from_str::<ErrorBody>(body)
            .ok()
            .and_then(|b| b.plain_message())
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty());
        ApiError::Http { status, message, retry_after_secs }
    }

    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    pub fn retry_after_secs(&self) -> Option<u32> {
        match self {
            ApiError::Http { retry_after_secs, .. } => *retry_after_secs,
            _ => None,
        }
    }

    /// A sentence for the customer, quoting the server's message when there is one.
    pub fn plain(&self) -> String {
        match self {
            ApiError::Network { .. } => {
                "Could not reach the box office. Check your connection; we will keep trying.".into()
            }
            ApiError::Http { status: 429, retry_after_secs, .. } => match retry_after_secs {
                Some(s) => format!("The box office is busy. Trying again in {s} seconds."),
                None => "The box office is busy. Trying again shortly.".into(),
            },
            ApiError::Http { status, message: Some(m), .. } => format!("{m} (error {status})"),
            ApiError::Http { status, message: None, .. } if *status >= 500 => {
                format!("The box office had a problem (error {status}). We will keep trying.")
            }
            ApiError::Http { status, message: None, .. } => {
                format!("The box office refused the request (error {status}).")
            }
            ApiError::Decode { what, .. } => {
                format!("The box office sent {what} we could not read.")
            }
            ApiError::Invalid { what, detail } => format!("The {what} is not usable: {detail}."),
        }
    }

    /// Technical detail for the console and the `seatmap:error` event.
    pub fn detail(&self) -> String {
        match self {
            ApiError::Network { detail } => format!("network: {detail}"),
            ApiError::Http { status, message, .. } => {
                format!("http {status}: {}", message.as_deref().unwrap_or("(no message)"))
            }
            ApiError::Decode { what, detail } => format!("decode {what}: {detail}"),
            ApiError::Invalid { what, detail } => format!("invalid {what}: {detail}"),
        }
    }

    /// Whether trying the same request later may succeed.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Network { .. } => true,
            ApiError::Http { status, .. } => *status == 429 || *status == 408 || *status >= 500,
            ApiError::Decode { .. } => true,
            ApiError::Invalid { .. } => false,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.plain())
    }
}

impl std::error::Error for ApiError {}

/// Decodes a 2xx body, naming what it was for in the error.
pub fn decode<T: serde::de::DeserializeOwned>(what: &'static str, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::Decode { what, detail: e.to_string() })
}
