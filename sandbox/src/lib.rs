//! seatmap-sandbox: a local imitation of one venue's Spektrix API v3 for the
//! seat-map widget's demo and tests. `spawn` starts it in-process (port 0
//! works); `main.rs` wraps it as a binary.
//!
//! The world (`world`, `model`, `live`) holds the catalog and each
//! performance's live seats; `letters` says what a session sees of a seat;
//! `holds` and `booking` change baskets; `api` and `control` are the two
//! HTTP faces, put together by `server`. Venues from outside join the
//! world through `plan_file` (a saved plan) and `replay` (a capture).

mod api;
mod audience;
mod availability;
mod basket;
mod best_available;
mod booking;
mod captured;
mod catalog_json;
mod config;
mod connection;
mod control;
mod cors;
mod counters;
mod customer;
pub mod decode;
mod detail;
mod detail_cache;
mod errors;
mod faults;
mod holds;
mod http;
mod ids;
mod letters;
mod live;
mod login_page;
mod model;
pub mod plan_file;
mod plan_tree;
mod queue;
pub mod replay;
mod responses;
mod server;
mod session;
mod session_cookie;
mod state;
mod sync;
mod venues;
pub mod world;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use tokio::net::TcpListener;

pub use config::{Config, DEFAULT_SEED};
pub use errors::ApiError;
pub use session::COOKIE;
pub use state::AppState;

/// A running server.
pub struct Running {
    pub addr: SocketAddr,
    pub state: Arc<AppState>,
}

impl Running {
    /// `http://HOST:PORT/CLIENT/api/v3/`
    pub fn base(&self) -> String {
        format!("http://{}/{}/api/v3/", self.addr, self.state.config.first_client())
    }
}

/// Reads JSON files (`--plan-file`s, `--replay` captures), each with its
/// path for messages; an unreadable file or one that is not JSON is an
/// error naming the file.
fn read_json_files(paths: &[PathBuf]) -> std::io::Result<Vec<(String, Value)>> {
    paths
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read(path).map_err(|e| std::io::Error::new(e.kind(), format!("{name}: {e}")))?;
            serde_json::from_slice(&text)
                .map(|value| (name.clone(), value))
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{name}: not JSON ({e})")))
        })
        .collect()
}

/// Binds, builds the world and starts serving on the current tokio runtime.
pub async fn spawn(config: Config) -> std::io::Result<Running> {
    config.check().map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let plan_bodies = read_json_files(&config.plan_files)?.into_iter().map(|(_, body)| body).collect();
    let captures = read_json_files(&config.replay_files)?;
    let state = AppState::new(config, plan_bodies, captures)
        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
    let listener = TcpListener::bind((state.config.host.as_str(), state.config.port)).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(state);
    tokio::spawn(server::serve(connection::AbortableListener::new(listener), state.clone()));
    tokio::spawn(expire_idle_sessions(state.clone()));
    let world_source = state.clone();
    tokio::spawn(audience::run(state.audience.clone(), move || world_source.store.get()));
    Ok(Running { addr, state })
}

/// Expires idle sessions (releasing their seats) a few times per timeout.
async fn expire_idle_sessions(state: Arc<AppState>) {
    let every = (state.config.session_timeout / 4).clamp(Duration::from_millis(20), Duration::from_millis(500));
    loop {
        tokio::time::sleep(every).await;
        state.sessions.sweep(state.config.session_timeout, &state.store.get());
    }
}
