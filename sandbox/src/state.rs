//! The server's shared state: settings, the world, sessions, and every
//! switch the control API turns (faults, counters, audience, queue, the
//! `status/detail` format). `reset` puts all of it back as it started.

use std::sync::{Arc, Mutex};

use serde_json::Value;

use crate::audience::Audience;
use crate::config::Config;
use crate::counters::Counters;
use crate::detail::DetailFormat;
use crate::faults::Faults;
use crate::plan_file;
use crate::queue::QueueSwitch;
use crate::replay;
use crate::session::Sessions;
use crate::sync::lock;
use crate::world::{Store, World};

pub struct AppState {
    pub config: Config,
    pub store: Store,
    pub sessions: Sessions,
    pub faults: Faults,
    pub counters: Counters,
    pub audience: Arc<Mutex<Audience>>,
    pub queue: QueueSwitch,
    pub detail_format: Mutex<DetailFormat>,
    /// The `--plan-file`s, re-loaded on every reset.
    plan_bodies: Vec<Value>,
    /// The `--replay` captures (file name, body), re-loaded on every reset.
    captures: Vec<(String, Value)>,
    /// What loading the captures said: one line per capture, then its notes.
    pub startup_notes: Vec<String>,
}

impl AppState {
    /// The seeded world with the plan files and captures loaded; an invalid
    /// plan file or capture is an error (one line, naming the file).
    pub fn new(config: Config, plan_bodies: Vec<Value>, captures: Vec<(String, Value)>) -> Result<AppState, String> {
        let mut world = World::seeded(config.seed);
        for body in &plan_bodies {
            plan_file::load(&mut world, body).map_err(|e| e.problems.map(|p| p.join("; ")).unwrap_or(e.message))?;
        }
        let mut startup_notes = vec![];
        for (name, body) in &captures {
            let answer = replay::load(&mut world, body).map_err(|e| format!("{name}: {e}"))?;
            startup_notes.push(format!(
                "replaying {name}: instance {} (plan {}, {} seats, status/detail {})",
                answer["instanceId"].as_str().unwrap_or(""),
                answer["planId"].as_str().unwrap_or(""),
                answer["seats"],
                answer["statusDetail"].as_str().unwrap_or(""),
            ));
            if let Some(replaced) = answer["replaced"].as_array().filter(|r| !r.is_empty()) {
                let ids: Vec<&str> = replaced.iter().filter_map(Value::as_str).collect();
                startup_notes.push(format!("  {name}: takes over {} from the seeded catalog", ids.join(", ")));
            }
            let notes = answer["notes"].as_array().into_iter().flatten().filter_map(Value::as_str);
            startup_notes.extend(notes.map(|note| format!("  {name}: {note}")));
        }
        Ok(AppState {
            store: Store::new(world),
            sessions: Sessions::default(),
            faults: Faults::default(),
            counters: Counters::default(),
            audience: Arc::new(Mutex::new(Audience::new(config.audience))),
            queue: QueueSwitch::default(),
            detail_format: Mutex::new(DetailFormat::default()),
            config,
            plan_bodies,
            captures,
            startup_notes,
        })
    }

    /// Back to the seeded state (with the plan files and captures loaded
    /// again; uploads and replays sent to the control API are gone): world
    /// (with its sale states), sessions,
    /// faults, counters, audience, queue and `status/detail` format.
    pub fn reset(&self) {
        let mut world = World::seeded(self.config.seed);
        for body in &self.plan_bodies {
            // These loaded at start, so they load again.
            let _ = plan_file::load(&mut world, body);
        }
        for (_, body) in &self.captures {
            let _ = replay::load(&mut world, body);
        }
        self.store.set(world);
        self.sessions.clear();
        self.faults.clear();
        self.counters.reset();
        *lock(&self.audience) = Audience::new(self.config.audience);
        self.queue.disable();
        *lock(&self.detail_format) = DetailFormat::default();
    }

    pub fn detail_format(&self) -> DetailFormat {
        *lock(&self.detail_format)
    }
}
