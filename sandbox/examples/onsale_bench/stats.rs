//! What the viewers saw, added up: outcomes per read, latency percentiles,
//! the cache's verdicts, errors.

use std::collections::BTreeMap;
use std::time::Duration;

/// How one request ended.
pub enum Outcome {
    Ok { elapsed: Duration, cache_status: Option<String> },
    Http { status: u16, elapsed: Duration },
    Transport { elapsed: Duration },
    Timeout { elapsed: Duration },
}

impl Outcome {
    pub fn ok(&self) -> bool {
        matches!(self, Outcome::Ok { .. })
    }

    fn elapsed(&self) -> Duration {
        match self {
            Outcome::Ok { elapsed, .. }
            | Outcome::Http { elapsed, .. }
            | Outcome::Transport { elapsed }
            | Outcome::Timeout { elapsed } => *elapsed,
        }
    }
}

/// Everything one viewer did.
#[derive(Default)]
pub struct ViewerRecord {
    pub instance: Vec<Outcome>,
    pub plan: Vec<Outcome>,
    pub price_list: Vec<Outcome>,
    /// The arrival read of the availability.
    pub arrival_status_detail: Vec<Outcome>,
    /// Every poll after it.
    pub status_detail: Vec<Outcome>,
    /// From arrival until all four arrival reads had answered, if they all did.
    pub arrived_in: Option<Duration>,
}

/// One read across all viewers.
#[derive(Default)]
pub struct ReadStats {
    pub requests: u64,
    pub latencies: Vec<Duration>,
    pub cache_status: BTreeMap<String, u64>,
    pub http_errors: BTreeMap<u16, u64>,
    pub transport_errors: u64,
    pub timeouts: u64,
}

impl ReadStats {
    pub fn add(&mut self, outcomes: &[Outcome]) {
        for outcome in outcomes {
            self.requests += 1;
            self.latencies.push(outcome.elapsed());
            match outcome {
                Outcome::Ok { cache_status, .. } => {
                    let verdict = cache_status.clone().unwrap_or_else(|| "-".into());
                    *self.cache_status.entry(verdict).or_default() += 1;
                }
                Outcome::Http { status, .. } => *self.http_errors.entry(*status).or_default() += 1,
                Outcome::Transport { .. } => self.transport_errors += 1,
                Outcome::Timeout { .. } => self.timeouts += 1,
            }
        }
    }

    pub fn errors(&self) -> u64 {
        self.http_errors.values().sum::<u64>() + self.transport_errors + self.timeouts
    }

    pub fn describe_errors(&self) -> String {
        let mut parts: Vec<String> = self.http_errors.iter().map(|(s, n)| format!("{n}× HTTP {s}")).collect();
        if self.transport_errors > 0 {
            parts.push(format!("{}× connection", self.transport_errors));
        }
        if self.timeouts > 0 {
            parts.push(format!("{}× timeout", self.timeouts));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }

    /// (p50, p99) in milliseconds.
    pub fn percentiles_ms(&mut self) -> (f64, f64) {
        percentiles_ms(&mut self.latencies)
    }
}

pub fn percentiles_ms(values: &mut [Duration]) -> (f64, f64) {
    if values.is_empty() {
        return (f64::NAN, f64::NAN);
    }
    values.sort_unstable();
    let at = |p: f64| {
        let index = ((values.len() as f64 * p).ceil() as usize).clamp(1, values.len()) - 1;
        values[index].as_secs_f64() * 1e3
    };
    (at(0.50), at(0.99))
}
