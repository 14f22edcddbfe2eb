//! When to ask for live status next: the interval, exponential back-off
//! with jitter after failures, `Retry-After`, and when data counts as stale.

/// Longest wait between attempts after repeated failures.
pub const MAX_BACKOFF_MS: u32 = 60_000;

/// Milliseconds until the next poll. `failures` counts consecutive failed
/// polls (0 after a success); `jitter` is a random number in `[0, 1)`.
/// After a failure the wait doubles each time (capped), is spread over
/// 50–100 % of that so many widgets don't retry in step, and is never
/// shorter than the server's `Retry-After`.
pub fn next_delay_ms(interval_ms: u32, failures: u32, retry_after_secs: Option<u32>, jitter: f64) -> u32 {
    let interval = interval_ms.max(1_000);
    if failures == 0 {
        return interval;
    }
    let exponent = failures.saturating_sub(1).min(16);
    let backoff = (2_000u64 << exponent).min(MAX_BACKOFF_MS as u64).max(1_000) as f64;
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
    let spread = (backoff * (0.5 + 0.5 * jitter)) as u32;
    let floor = retry_after_secs.map_or(0, |s| s.saturating_mul(1_000));
    spread.max(floor)
}

/// How fresh the map is, for the quiet "last updated" indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// No status yet.
    Never,
    Fresh {
        seconds: u32,
    },
    /// Older than three intervals: the map may be out of date.
    Stale {
        seconds: u32,
    },
}

pub fn freshness(now_ms: f64, last_ok_ms: Option<f64>, interval_ms: u32) -> Freshness {
    let Some(last) = last_ok_ms else { return Freshness::Never };
    let age = (now_ms - last).max(0.0);
    let seconds = (age / 1000.0) as u32;
    if age > 3.0 * interval_ms.max(1_000) as f64 {
        Freshness::Stale { seconds }
    } else {
        Freshness::Fresh { seconds }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn success_waits_one_interval_never_under_a_second() {
        assert_eq!(next_delay_ms(15_000, 0, None, 0.3), 15_000);
        assert_eq!(next_delay_ms(10, 0, None, 0.3), 1_000);
    }

    #[test]
    fn failures_back_off_exponentially_within_jitter_bounds() {
        let bounds = |f: u32| (next_delay_ms(5_000, f, None, 0.0), next_delay_ms(5_000, f, None, 0.999_999));
        assert_eq!(bounds(1), (1_000, 1_999));
        assert_eq!(bounds(2), (2_000, 3_999));
        assert_eq!(bounds(3), (4_000, 7_999));
        assert_eq!(bounds(30), (MAX_BACKOFF_MS / 2, MAX_BACKOFF_MS - 1));
    }

    #[test]
    fn retry_after_is_honoured() {
        assert_eq!(next_delay_ms(5_000, 1, Some(7), 0.0), 7_000);
        assert_eq!(next_delay_ms(5_000, 1, Some(0), 0.0), 1_000);
    }

    #[test]
    fn freshness_turns_stale_after_three_intervals() {
        assert_eq!(freshness(0.0, None, 5_000), Freshness::Never);
        assert_eq!(freshness(14_000.0, Some(0.0), 5_000), Freshness::Fresh { seconds: 14 });
        assert_eq!(freshness(16_000.0, Some(0.0), 5_000), Freshness::Stale { seconds: 16 });
    }
}
