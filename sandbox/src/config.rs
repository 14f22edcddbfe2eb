//! The server's settings, as the command line gives them.

use std::path::PathBuf;
use std::time::Duration;

pub const DEFAULT_SEED: u64 = 20_261_209;

#[derive(Clone, Debug)]
pub struct Config {
    pub host: String,
    pub port: u16,
    /// Client names: the API lives under `/{client}/api/v3/`.
    pub clients: Vec<String>,
    /// CORS and `frame-ancestors` origins.
    pub origins: Vec<String>,
    pub session_timeout: Duration,
    pub plan_files: Vec<PathBuf>,
    /// Captures to serve as venues (`--replay`).
    pub replay_files: Vec<PathBuf>,
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
            replay_files: vec![],
            audience: false,
            seed: DEFAULT_SEED,
        }
    }
}

impl Config {
    /// Client names become path segments: letters, digits, `-`, `_` and `.` only.
    pub fn check(&self) -> Result<(), String> {
        if self.clients.is_empty() {
            return Err("at least one client name is needed".into());
        }
        for client in &self.clients {
            let fine = !client.is_empty()
                && client != "_sandbox"
                && client != "api"
                && client.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !fine {
                return Err(format!("client name {client:?} must be letters, digits, '-', '_' or '.'"));
            }
        }
        Ok(())
    }

    /// The first client's name (every client serves the same venue).
    pub fn first_client(&self) -> &str {
        self.clients.first().map(String::as_str).unwrap_or("")
    }
}
