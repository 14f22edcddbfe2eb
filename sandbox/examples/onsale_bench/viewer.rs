//! One simulated viewer of a performance, as the widget behaves: on arrival
//! it reads the performance, then the plan, the price list and the
//! availability together; then it polls the availability every interval,
//! counted from the previous answer (the widget's `next_delay_ms` adds no
//! jitter after a success), until the run ends.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{HeaderValue, ACCEPT_ENCODING, COOKIE, SET_COOKIE};
use tokio::sync::Semaphore;

use crate::stats::{Outcome, ViewerRecord};

/// The four reads of one performance, as full URLs.
pub struct Reads {
    pub instance: String,
    pub plan: String,
    pub price_list: String,
    pub status_detail: String,
}

/// What every viewer of one run shares.
pub struct Shared {
    pub client: reqwest::Client,
    /// At most this many requests at once: the size of the keep-alive pool.
    pub connections: Arc<Semaphore>,
    pub reads: Reads,
    pub poll_interval: Duration,
    pub request_timeout: Duration,
    /// No request is started after this.
    pub end: Instant,
    /// Direct runs keep the session cookie like a browser with
    /// `credentials: "include"`; cache runs send none (`credentials: "omit"`).
    pub keep_cookie: bool,
}

pub async fn run(shared: Arc<Shared>, arrive_at: Instant) -> ViewerRecord {
    let mut record = ViewerRecord::default();
    tokio::time::sleep_until(arrive_at.into()).await;
    let mut cookie: Option<String> = None;
    let reads = &shared.reads;

    let instance = get(&shared, &reads.instance, &mut cookie).await;
    let instance_ok = instance.ok();
    record.instance.push(instance);
    if !instance_ok {
        return record;
    }
    // The widget asks for the plan, the prices and the availability together.
    let (mut plan_cookie, mut prices_cookie, mut detail_cookie) = (cookie.clone(), cookie.clone(), cookie.clone());
    let (plan, prices, detail) = tokio::join!(
        get(&shared, &reads.plan, &mut plan_cookie),
        get(&shared, &reads.price_list, &mut prices_cookie),
        get(&shared, &reads.status_detail, &mut detail_cookie),
    );
    if [&plan, &prices, &detail].iter().all(|o| o.ok()) {
        record.arrived_in = Some(arrive_at.elapsed());
    }
    record.plan.push(plan);
    record.price_list.push(prices);
    record.arrival_status_detail.push(detail);

    loop {
        let next = Instant::now() + shared.poll_interval;
        if next >= shared.end {
            return record;
        }
        tokio::time::sleep_until(next.into()).await;
        let poll = get(&shared, &reads.status_detail, &mut cookie).await;
        record.status_detail.push(poll);
    }
}

/// One GET, timed from when the viewer wanted it (so waiting for a free
/// pooled connection counts) until the whole body has arrived; given up
/// after the request timeout, wait included.
async fn get(shared: &Shared, url: &str, cookie: &mut Option<String>) -> Outcome {
    let wanted = Instant::now();
    match tokio::time::timeout(shared.request_timeout, attempt(shared, url, cookie, wanted)).await {
        Ok(outcome) => outcome,
        Err(_) => Outcome::Timeout { elapsed: wanted.elapsed() },
    }
}

async fn attempt(shared: &Shared, url: &str, cookie: &mut Option<String>, wanted: Instant) -> Outcome {
    let Ok(_permit) = shared.connections.acquire().await else {
        return Outcome::Transport { elapsed: wanted.elapsed() };
    };
    let mut request = shared.client.get(url).header(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
    if let Some(value) = cookie.as_deref() {
        request = request.header(COOKIE, value);
    }
    let response = match request.send().await {
        Ok(response) => response,
        Err(e) if e.is_timeout() => return Outcome::Timeout { elapsed: wanted.elapsed() },
        Err(_) => return Outcome::Transport { elapsed: wanted.elapsed() },
    };
    let status = response.status().as_u16();
    let cache_status = response.headers().get("x-cache-status").and_then(|v| v.to_str().ok()).map(str::to_string);
    if shared.keep_cookie && cookie.is_none() {
        *cookie = session_cookie(response.headers().get_all(SET_COOKIE).iter());
    }
    let body = response.bytes().await;
    let elapsed = wanted.elapsed();
    match body {
        Err(e) if e.is_timeout() => Outcome::Timeout { elapsed },
        Err(_) => Outcome::Transport { elapsed },
        Ok(_) if (200..300).contains(&status) => Outcome::Ok { elapsed, cache_status },
        Ok(_) => Outcome::Http { status, elapsed },
    }
}

/// `SpektrixSession=...` from the Set-Cookie headers, as a Cookie header value.
fn session_cookie<'a>(headers: impl Iterator<Item = &'a HeaderValue>) -> Option<String> {
    headers
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.trim_start().starts_with(&format!("{}=", seatmap_sandbox::COOKIE)))
        .map(|pair| pair.trim().to_string())
}
