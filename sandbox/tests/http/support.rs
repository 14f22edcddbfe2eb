//! Test helpers: start a server, make browsers, read the catalog, poll with
//! a deadline.

#![allow(dead_code)]

use std::collections::HashMap;
use std::time::{Duration, Instant};

use seatmap_sandbox::{spawn, Config, Running};
use serde_json::{json, Value};

pub struct Server {
    pub running: Running,
    /// `http://127.0.0.1:PORT/demotheatre/api/v3/`
    pub base: String,
    /// `http://127.0.0.1:PORT`
    pub root: String,
}

pub async fn start() -> Server {
    start_with(|_| {}).await
}

pub async fn start_with(f: impl FnOnce(&mut Config)) -> Server {
    let mut c = Config { port: 0, ..Config::default() };
    f(&mut c);
    let running = spawn(c).await.expect("server starts");
    let base = running.base();
    let root = format!("http://{}", running.addr);
    Server { running, base, root }
}

pub fn browser() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).timeout(Duration::from_secs(30)).build().expect("client")
}

impl Server {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub fn ctl(&self, path: &str) -> String {
        format!("{}/_sandbox/{}", self.root, path)
    }

    pub async fn catalog(&self) -> Vec<Value> {
        let v: Value = browser().get(self.ctl("catalog")).send().await.unwrap().json().await.unwrap();
        v.as_array().cloned().unwrap_or_default()
    }

    /// The first instance of a venue, optionally with a given overlay flag.
    pub async fn instance(&self, venue: &str, overlay: Option<bool>) -> String {
        self.catalog()
            .await
            .into_iter()
            .find(|r| r["venue"] == venue && overlay.is_none_or(|o| r["hasBestAvailableOverlay"] == o))
            .and_then(|r| r["instanceId"].as_str().map(str::to_string))
            .expect("instance in catalog")
    }

    pub async fn get_json(&self, c: &reqwest::Client, path: &str) -> (u16, Value) {
        let r = c.get(self.url(path)).send().await.unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn post_json(&self, c: &reqwest::Client, path: &str, body: &Value) -> (u16, Value) {
        let r = c.post(self.url(path)).json(body).send().await.unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn ctl_post(&self, path: &str, body: &Value) -> (u16, Value) {
        let r = browser().post(self.ctl(path)).json(body).send().await.unwrap();
        let s = r.status().as_u16();
        (s, r.json().await.unwrap_or(Value::Null))
    }

    pub async fn ctl_get(&self, path: &str) -> Value {
        browser().get(self.ctl(path)).send().await.unwrap().json().await.unwrap()
    }

    pub async fn detail(&self, c: &reqwest::Client, inst: &str) -> Value {
        let path = format!("instances/{inst}/status/detail?includeChildPlans=true&includeLockInformation=true");
        let (s, v) = self.get_json(c, &path).await;
        assert_eq!(s, 200, "{v}");
        v
    }

    /// Seat id → letter for this browser.
    pub async fn letters(&self, c: &reqwest::Client, inst: &str) -> HashMap<String, String> {
        letters_of(&self.detail(c, inst).await)
    }

    pub async fn plan(&self, c: &reqwest::Client, inst: &str) -> Value {
        let (_, i) = self.get_json(c, &format!("instances/{inst}")).await;
        let plan = i["planId"].as_str().unwrap().to_string();
        self.get_json(c, &format!("plans/{plan}")).await.1
    }

    /// A ticket type id sold in every band (Adult).
    pub async fn adult(&self, c: &reqwest::Client, inst: &str) -> String {
        let (_, pl) = self.get_json(c, &format!("instances/{inst}/price-list")).await;
        pl["prices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["ticketType"]["name"] == "Adult")
            .map(|p| p["ticketType"]["id"].as_str().unwrap().to_string())
            .unwrap()
    }

    /// Puts the first free seat of a studio performance in `c`'s basket;
    /// returns the instance and the seat.
    pub async fn hold_a_studio_seat(&self, c: &reqwest::Client) -> (String, String) {
        let inst = self.instance("studio", None).await;
        let d = self.detail(c, &inst).await;
        let seat = seats_with(&d, "A")[0]["id"].as_str().unwrap().to_string();
        let ty = self.adult(c, &inst).await;
        let (st, _) = self.post_json(c, "basket/tickets", &json!([seat_ticket(&inst, &seat, &ty)])).await;
        assert_eq!(st, 200);
        (inst, seat)
    }
}

pub fn letters_of(detail: &Value) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for a in detail["areas"].as_array().unwrap() {
        for b in a["bands"].as_array().unwrap() {
            for s in b["seats"].as_array().unwrap() {
                m.insert(s["id"].as_str().unwrap().to_string(), s["status"].as_str().unwrap().to_string());
            }
        }
    }
    m
}

/// Seats (id, name) with a given letter, in detail order.
pub fn seats_with(detail: &Value, letter: &str) -> Vec<Value> {
    let mut out = vec![];
    for a in detail["areas"].as_array().unwrap() {
        for b in a["bands"].as_array().unwrap() {
            for s in b["seats"].as_array().unwrap() {
                if s["status"] == letter {
                    out.push(s.clone());
                }
            }
        }
    }
    out
}

pub fn seat_ticket(inst: &str, seat: &str, ty: &str) -> Value {
    json!({"instance": inst, "seat": seat, "type": ty})
}

/// Polls `f` until it returns true or the deadline passes.
pub async fn eventually<F, Fut>(limit: Duration, mut f: F) -> bool
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let end = Instant::now() + limit;
    loop {
        if f().await {
            return true;
        }
        if Instant::now() > end {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}
