//! seatmap-sandbox: a local imitation of one venue's Spektrix API v3 for the
//! seat-map widget's demo and tests. `spawn` starts it in-process (port 0
//! works); `main.rs` wraps it as a binary.

pub mod app;
pub mod audience;
pub mod basket;
pub mod control;
pub mod cors;
pub mod counters;
pub mod customer;
pub mod decode;
pub mod errors;
pub mod faults;
pub mod ids;
pub mod login_page;
pub mod model;
pub mod plan_file;
pub mod render;
pub mod session;
pub mod status;
pub mod store;
pub mod venues;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use hyper::body::Incoming;
use hyper::Request;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use tokio::net::TcpListener;
use tower::ServiceExt;
use tower_http::compression::{CompressionLayer, CompressionLevel};

pub use session::COOKIE;

pub const DEFAULT_SEED: u64 = 20_261_209;

#[derive(Clone, Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
    pub clients: Vec<String>,
    pub origins: Vec<String>,
    pub session_timeout: Duration,
    pub plan_files: Vec<PathBuf>,
    pub audience: bool,
    pub seed: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            host: "127.0.0.1".into(),
            port: 8081,
            clients: vec!["demotheatre".into()],
            origins: vec!["http://localhost:8080".into(), "http://127.0.0.1:8080".into()],
            session_timeout: Duration::from_secs(1200),
            plan_files: vec![],
            audience: false,
            seed: DEFAULT_SEED,
        }
    }
}

pub struct AppState {
    pub config: Config,
    pub store: store::Store,
    pub sessions: session::Sessions,
    pub faults: faults::Faults,
    pub counters: counters::Counters,
    pub audience: Arc<Mutex<audience::Audience>>,
    plan_bodies: Vec<Value>,
}

impl AppState {
    fn world(&self) -> store::World {
        let mut w = store::World::seeded(self.config.seed);
        for v in &self.plan_bodies {
            let _ = plan_file::load(&mut w, v);
        }
        w
    }

    /// Back to the seeded state.
    pub fn reset(&self) {
        self.store.set(self.world());
        self.sessions.clear();
        self.faults.clear();
        self.counters.reset();
        let mut a = store::lock(&self.audience);
        *a = audience::Audience::new(self.config.audience);
        audience::reset_groups(&mut a);
    }
}

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
}

impl Running {
    /// `http://HOST:PORT/CLIENT/api/v3/`
    pub fn base(&self) -> String {
        format!("http://{}/{}/api/v3/", self.addr, self.state.config.clients.first().map(String::as_str).unwrap_or(""))
    }
}

/// Reads the `--plan-file`s; an unreadable or invalid file is an error.
fn read_plan_files(paths: &[PathBuf]) -> std::io::Result<Vec<Value>> {
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read(p)?;
            serde_json::from_slice(&text)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{}: {e}", p.display())))
        })
        .collect()
}

/// Binds, builds the world and starts serving on the current tokio runtime.
pub async fn spawn(config: Config) -> std::io::Result<Running> {
    let plan_bodies = read_plan_files(&config.plan_files)?;
    let listener = TcpListener::bind((config.host.as_str(), config.port)).await?;
    let addr = listener.local_addr()?;
    let audience = Arc::new(Mutex::new(audience::Audience::new(config.audience)));
    let mut state = AppState {
        store: store::Store::new(store::World::seeded(config.seed)),
        config,
        sessions: session::Sessions::default(),
        faults: faults::Faults::default(),
        counters: counters::Counters::default(),
        audience: audience.clone(),
        plan_bodies,
    };
    for v in &state.plan_bodies {
        state
            .store
            .update(|w| plan_file::load(w, v))
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e.message))?;
    }
    state.plan_bodies.shrink_to_fit();
    let state = Arc::new(state);
    tokio::spawn(accept_loop(listener, state.clone()));
    tokio::spawn(sweeper(state.clone()));
    tokio::spawn(audience::run(state.clone(), audience));
    Ok(Running { addr, state })
}

async fn sweeper(st: Arc<AppState>) {
    let every = (st.config.session_timeout / 4).clamp(Duration::from_millis(20), Duration::from_millis(500));
    loop {
        tokio::time::sleep(every).await;
        st.sessions.sweep(st.config.session_timeout, &st.store.get());
    }
}

#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

async fn accept_loop(listener: TcpListener, st: Arc<AppState>) {
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let st = st.clone();
        tokio::spawn(async move {
            let inner = tower::ServiceBuilder::new()
                .layer(CompressionLayer::new().gzip(true).quality(CompressionLevel::Fastest))
                .service_fn(move |req: Request<Body>| {
                    let st = st.clone();
                    async move { Ok::<_, Infallible>(app::handle(st, peer, req).await) }
                });
            let svc = hyper::service::service_fn(move |req: Request<Incoming>| {
                let inner = inner.clone();
                async move {
                    let resp = match inner.oneshot(req.map(Body::new)).await {
                        Ok(r) => r,
                        Err(e) => match e {},
                    };
                    if resp.extensions().get::<app::DropConnection>().is_some() {
                        return Err(Dropped);
                    }
                    Ok(resp)
                }
            });
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), svc).await;
        });
    }
}
