//! Typed calls to the venue's Spektrix API (docs/spektrix-v3.md): the one
//! layer between the widget and the network. Each call returns domain types
//! from `seatmap-core` and the core's classified errors; nothing above this
//! module sees a wire type, a URL or a status code.
//!
//! Reads that are the same for everyone (the instance, plan, price list, and
//! the status of a customer who is anonymous with an empty basket) go to the
//! shared cache when the venue configured one (`shared-cache`, without
//! cookies), falling back to the custom domain when the cache fails;
//! everything personal goes to the custom domain with the session cookie.

pub mod capture;
mod http;

pub use http::encode;

use futures_util::future::{join, select, Either};
use gloo_net::http::Method;
use gloo_timers::future::TimeoutFuture;
use http::Client;
use seatmap_core::{
    decode, interpret, to_json, ApiError, Availability, Basket, BestAvailableRequest, Call, Credentials, CustomerState,
    Recovery, Report, Response, TicketRequest, Venue,
};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// How long a read from the shared cache may take before the custom domain is asked instead.
const SHARED_TIMEOUT_MS: u32 = 5_000;

/// After the shared cache failed, how long reads skip it.
const SHARED_REST_MS: f64 = 60_000.0;

/// The venue's API, as this widget reaches it.
#[derive(Clone)]
pub struct Spektrix {
    personal: Client,
    shared: Option<Client>,
    shared_failed_at: Rc<Cell<Option<f64>>>,
}

impl PartialEq for Spektrix {
    fn eq(&self, other: &Self) -> bool {
        self.personal == other.personal
    }
}

/// The answer to an add or best-available request.
#[derive(Debug)]
pub enum WriteOutcome {
    /// The server added these tickets.
    Added(Vec<seatmap_core::Ticket>),
    /// The server refused (nothing was added).
    Refused(ApiError),
    /// The answer was lost or unclear: the basket must be read to know.
    Uncertain(ApiError),
}

/// The answer to a status poll.
pub enum StatusRead {
    /// The same body as last time: nothing to decode.
    Unchanged,
    /// A new availability, and the body it came from (to compare next time).
    Changed(Availability, Vec<u8>),
}

/// A `status/detail` answer read against the performance; `previous` is
/// the last body read, so an identical answer is not decoded again.
pub fn status_from(venue: &Venue, answer: Response, previous: Option<&[u8]>) -> Result<StatusRead, ApiError> {
    if previous == Some(answer.body.as_slice()) {
        return Ok(StatusRead::Unchanged);
    }
    let availability = decode::status_detail(venue, &answer)?;
    Ok(StatusRead::Changed(availability, answer.body))
}

/// Why a login did not happen.
pub enum LoginRefused {
    /// The box office said no, in these words.
    Credentials(String),
    /// The request failed.
    Failed(ApiError),
}

/// A picture's address, resolved against `base`; only web addresses.
fn resolve_image(base: &str, url: &str) -> Option<String> {
    let resolved = web_sys::Url::new_with_base(url, base).ok()?;
    matches!(resolved.protocol().as_str(), "https:" | "http:").then(|| resolved.href())
}

/// Whether an answer is JSON: the check a shared read must pass before it
/// is taken, where only the decoding that follows can say more.
fn is_json(r: &Response) -> bool {
    decode::BodyFormat::of(r.content_type.as_deref(), &r.body) == decode::BodyFormat::Json
}

fn status_path(instance_id: &str) -> String {
    format!("instances/{}/status/detail?includeChildPlans=true&includeLockInformation=true", encode(instance_id))
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Spektrix {
    /// `api_base` is `{custom-domain}/{client}/api/v3/`; `shared_base`, if
    /// any, the same paths on the shared cache.
    pub fn new(api_base: String, shared_base: Option<String>) -> Spektrix {
        Spektrix {
            personal: Client::new(api_base, true),
            shared: shared_base.map(|b| Client::new(b, false)),
            shared_failed_at: Rc::new(Cell::new(None)),
        }
    }

    /// Whether a shared cache is configured (anonymous status reads go there).
    pub fn has_shared_cache(&self) -> bool {
        self.shared.is_some()
    }

    /// Aborts everything in flight.
    pub fn abort_all(&self) {
        self.personal.abort_all();
        if let Some(shared) = &self.shared {
            shared.abort_all();
        }
    }

    async fn call(
        &self,
        client: &Client,
        call: Call,
        method: Method,
        path: &str,
        body: Option<String>,
    ) -> Result<Option<Response>, ApiError> {
        let response = client.send(method, path, body).await?;
        interpret(call, response, now_ms())
    }

    async fn get(&self, call: Call, path: &str) -> Result<Response, ApiError> {
        self.call(&self.personal, call, Method::GET, path, None).await?.ok_or_else(|| not_found(call))
    }

    fn shared_usable(&self) -> Option<&Client> {
        let shared = self.shared.as_ref()?;
        match self.shared_failed_at.get() {
            Some(at) if now_ms() - at < SHARED_REST_MS => None,
            _ => Some(shared),
        }
    }

    /// A read that is the same for everyone: from the shared cache if there
    /// is one (within a time limit), else, or if it fails, from the custom domain.
    async fn get_shared(
        &self,
        call: Call,
        path: &str,
        check: impl Fn(&Response) -> bool,
    ) -> Result<Response, ApiError> {
        if let Some(shared) = self.shared_usable() {
            let attempt = self.call(shared, call, Method::GET, path, None);
            let timeout = TimeoutFuture::new(SHARED_TIMEOUT_MS);
            let outcome = match select(Box::pin(attempt), Box::pin(timeout)).await {
                Either::Left((Ok(Some(response)), _)) if check(&response) => return Ok(response),
                Either::Left((Ok(_), _)) => "an answer that is not what the API sends".to_owned(),
                Either::Left((Err(e), _)) => e.detail(),
                Either::Right(_) => format!("no answer within {SHARED_TIMEOUT_MS} ms"),
            };
            crate::host::console_warn(&format!(
                "shared cache {}{path}: {outcome}; asking the box office directly",
                shared.base()
            ));
            self.shared_failed_at.set(Some(now_ms()));
        }
        self.get(call, path).await
    }

    /// The performance, its plan and its price list (plan and prices read
    /// together once the instance names the plan).
    pub async fn load_venue(&self, instance_id: &str) -> Result<(Rc<Venue>, Report), ApiError> {
        let answer = self.get_shared(Call::Instance, &format!("instances/{}", encode(instance_id)), is_json).await?;
        let instance = decode::instance(&answer, instance_id)?;
        let plan_path = format!("plans/{}", encode(&instance.value.plan_id));
        let prices_path = format!("instances/{}/price-list", encode(&instance.value.id));
        let (plan, prices) = join(
            self.get_shared(Call::Plan, &plan_path, is_json),
            self.get_shared(Call::PriceList, &prices_path, is_json),
        )
        .await;
        let mut plan = decode::plan(&plan?)?;
        // The picture's address may be relative to the custom domain.
        if let Some(background) = plan.background.as_mut() {
            match resolve_image(self.personal.base(), &background.url) {
                Some(url) => background.url = url.into(),
                None => plan.background = None,
            }
        }
        let prices = decode::price_list(&prices?)?;
        let mut report = instance.report;
        report.merge(&prices.report);
        Ok((Rc::new(Venue { instance: instance.value, plan, prices: prices.value }), report))
    }

    /// The performance alone, read again with the cookie (its sale state may have changed).
    pub async fn read_instance(&self, instance_id: &str) -> Result<seatmap_core::InstanceInfo, ApiError> {
        let answer = self.get(Call::Instance, &format!("instances/{}", encode(instance_id))).await?;
        Ok(decode::instance(&answer, instance_id)?.value)
    }

    /// Seat availability: personal (with the cookie) or shared. `previous`
    /// is the last body read, so an unchanged answer is not decoded again.
    pub async fn read_status(
        &self,
        venue: &Venue,
        personal: bool,
        previous: Option<&[u8]>,
    ) -> Result<StatusRead, ApiError> {
        let path = status_path(&venue.instance.id);
        if personal {
            return status_from(venue, self.get(Call::StatusDetail, &path).await?, previous);
        }
        // A shared answer must be readable to be taken (else the venue is
        // asked): the check's own reading is kept, so a changed answer is
        // decoded once, and an unchanged one (read before) not at all.
        let read = RefCell::new(None);
        let readable = |r: &Response| {
            if previous == Some(r.body.as_slice()) {
                return true;
            }
            let availability = decode::status_detail(venue, r).ok();
            let ok = availability.is_some();
            *read.borrow_mut() = availability;
            ok
        };
        let answer = self.get_shared(Call::StatusDetail, &path, readable).await?;
        // Only a shared answer the check read and took leaves a reading
        // behind; the venue's answer (after a refusal) is read here.
        match read.into_inner() {
            Some(availability) => Ok(StatusRead::Changed(availability, answer.body)),
            None => status_from(venue, answer, previous),
        }
    }

    /// The first `status/detail`, asked for by the performance's id before
    /// its plan has been read (so it travels alongside the plan and prices
    /// instead of after them); read against the plan with [`status_from`]. A
    /// shared answer is only checked to be JSON here: one the plan cannot
    /// read is asked for again through [`Spektrix::read_status`].
    pub async fn fetch_status(&self, instance_id: &str, personal: bool) -> Result<Response, ApiError> {
        let path = status_path(instance_id);
        if personal {
            self.get(Call::StatusDetail, &path).await
        } else {
            self.get_shared(Call::StatusDetail, &path, is_json).await
        }
    }

    /// `GET basket`: `None` when the session has no basket yet.
    pub async fn read_basket(&self, venue: &Venue) -> Result<Option<Basket>, ApiError> {
        match self.call(&self.personal, Call::Basket, Method::GET, "basket", None).await? {
            Some(answer) => decode::basket(&answer, venue).map(Some),
            None => Ok(None),
        }
    }

    /// Who is logged in. Any refusal other than "nobody" is read as nobody,
    /// and said on the console (docs/spektrix-v3.md#status-codes).
    pub async fn read_customer(&self) -> Result<CustomerState, ApiError> {
        match self.call(&self.personal, Call::Customer, Method::GET, "customer", None).await {
            Ok(Some(answer)) => decode::customer(&answer),
            Ok(None) => Ok(CustomerState::Anonymous),
            Err(e) if e.recovery(Call::Customer) == Recovery::Stop && e.status().is_some() => {
                crate::host::console_warn(&format!(
                    "customer check refused ({}): read as nobody logged in",
                    e.detail()
                ));
                Ok(CustomerState::Anonymous)
            }
            Err(e) => Err(e),
        }
    }

    async fn write(&self, call: Call, method: Method, path: &str, body: Option<String>, venue: &Venue) -> WriteOutcome {
        match self.call(&self.personal, call, method, path, body).await {
            Ok(answer) => {
                let Some(answer) = answer else { return WriteOutcome::Added(Vec::new()) };
                match decode::tickets_added(&answer, venue) {
                    Ok(tickets) => WriteOutcome::Added(tickets),
                    // It was accepted, but what was added is unclear.
                    Err(e) => WriteOutcome::Uncertain(e),
                }
            }
            // No answer, or a server fault: it may have happened.
            Err(e) if matches!(e, ApiError::Network { .. }) || e.status().is_some_and(|s| s >= 500) => {
                WriteOutcome::Uncertain(e)
            }
            Err(e) => WriteOutcome::Refused(e),
        }
    }

    /// `POST basket/tickets`.
    pub async fn add_tickets(&self, venue: &Venue, tickets: &[TicketRequest]) -> WriteOutcome {
        self.write(Call::AddTickets, Method::POST, "basket/tickets", Some(to_json(tickets)), venue).await
    }

    /// `POST basket/tickets/best-available`.
    pub async fn best_available(&self, venue: &Venue, request: &BestAvailableRequest) -> WriteOutcome {
        self.write(Call::BestAvailable, Method::POST, "basket/tickets/best-available", Some(to_json(request)), venue)
            .await
    }

    /// `DELETE basket/tickets?ticketIds=a,b`.
    pub async fn remove_tickets(&self, ticket_ids: &[Rc<str>]) -> Result<(), ApiError> {
        let ids: Vec<String> = ticket_ids.iter().map(|id| encode(id)).collect();
        let path = format!("basket/tickets?ticketIds={}", ids.join(","));
        self.call(&self.personal, Call::RemoveTickets, Method::DELETE, &path, None).await.map(|_| ())
    }

    /// `POST customer/authenticate`.
    pub async fn log_in(&self, email: String, password: String) -> Result<(), LoginRefused> {
        let body = to_json(&Credentials { email, password });
        match self.call(&self.personal, Call::LogIn, Method::POST, "customer/authenticate", Some(body)).await {
            Ok(_) => Ok(()),
            Err(ApiError::Http { status: 400 | 401 | 403 | 404, message, .. }) => Err(LoginRefused::Credentials(
                message.unwrap_or_else(|| "The email address or password is not recognised.".into()),
            )),
            Err(e) => Err(LoginRefused::Failed(e)),
        }
    }

    /// `POST customer/deauthenticate`.
    pub async fn log_out(&self) -> Result<(), ApiError> {
        self.call(&self.personal, Call::LogOut, Method::POST, "customer/deauthenticate", Some("{}".into()))
            .await
            .map(|_| ())
    }
}

fn not_found(call: Call) -> ApiError {
    ApiError::Http {
        status: 404,
        message: Some(format!("The box office has no {}.", call.what())),
        retry_after_secs: None,
    }
}

/// The queue's address: the server's `joinQueue`, resolved against the API
/// base; only web addresses are followed.
pub fn queue_address(api_base: &str, url: &str) -> Option<String> {
    let resolved = web_sys::Url::new_with_base(url, api_base).ok()?;
    matches!(resolved.protocol().as_str(), "https:" | "http:").then(|| resolved.href())
}
