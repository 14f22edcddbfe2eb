//! When to ask the venue's API again: the polling policy.
//!
//! A good citizen of the venue's API never asks faster than the configured
//! interval, least of all when the API is failing (docs/spektrix-v3.md#rate-limits):
//! after `n` consecutive failures the wait is `interval × 2ⁿ⁻¹`, spread ±25 %
//! so many widgets do not retry in step, never below the interval, capped at
//! [`MAX_BACKOFF_MS`]. A `Retry-After` (seconds or an HTTP date) raises the
//! wait further, itself capped at [`MAX_RETRY_AFTER_MS`] so no value can
//! overflow a timer. The same policy governs every retried read (status,
//! basket, the first load).

/// Longest back-off between attempts after repeated failures (before jitter).
pub const MAX_BACKOFF_MS: u32 = 5 * 60 * 1000;

/// Longest wait a `Retry-After` can ask for; anything longer is read as this.
pub const MAX_RETRY_AFTER_MS: u32 = 60 * 60 * 1000;

/// Milliseconds until the next attempt. `failures` counts consecutive failed
/// attempts (0 after a success); `retry_after_secs` is the server's
/// `Retry-After`; `jitter` is a random number in `[0, 1)`.
pub fn next_delay_ms(interval_ms: u32, failures: u32, retry_after_secs: Option<u32>, jitter: f64) -> u32 {
    let interval = interval_ms.max(1_000);
    let retry_after = retry_after_secs.map_or(0, |s| s.saturating_mul(1_000).min(MAX_RETRY_AFTER_MS));
    if failures == 0 {
        return interval.max(retry_after);
    }
    let doublings = (failures - 1).min(20);
    let base = ((interval as u64) << doublings).min(MAX_BACKOFF_MS.max(interval) as u64) as f64;
    let jitter = if jitter.is_finite() { jitter.clamp(0.0, 1.0) } else { 0.5 };
    let spread = (base * (0.75 + 0.5 * jitter)) as u32;
    spread.max(interval).max(retry_after)
}

/// Reads a `Retry-After` header: delay seconds (`"120"`) or an HTTP date
/// (`"Wed, 21 Oct 2026 07:28:00 GMT"`, read against `now_ms`, Unix time).
/// Capped at [`MAX_RETRY_AFTER_MS`]; `None` if unreadable.
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u32> {
    let value = value.trim();
    let cap = MAX_RETRY_AFTER_MS / 1000;
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Any number of digits: a huge value is simply the cap.
        let secs = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(secs.min(cap as u64) as u32);
    }
    let at_ms = http_date_ms(value)?;
    let secs = ((at_ms - now_ms) / 1000.0).ceil();
    Some(if secs.is_finite() { secs.clamp(0.0, cap as f64) as u32 } else { 0 })
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form HTTP servers send,
/// as Unix milliseconds.
fn http_date_ms(value: &str) -> Option<f64> {
    let rest = value.split_once(',').map_or(value, |(_, r)| r).trim();
    let mut parts = rest.split_ascii_whitespace();
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()?.to_ascii_lowercase().as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut clock = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, s) = (clock.next()??, clock.next()??, clock.next()??);
    if !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&m) || !(0..61).contains(&s) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3_600 + m * 60 + s) * 1000) as f64)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How fresh the map is, for the quiet "last updated" indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// No status yet.
    Never,
    /// Updated this many seconds ago.
    Fresh {
        /// Age in whole seconds.
        seconds: u32,
    },
    /// Older than three intervals: the map may be out of date.
    Stale {
        /// Age in whole seconds.
        seconds: u32,
    },
}

/// How fresh a status read at `last_ok_ms` is at `now_ms`.
pub fn freshness(now_ms: f64, last_ok_ms: Option<f64>, interval_ms: u32) -> Freshness {
    let Some(last) = last_ok_ms else { return Freshness::Never };
    let age = (now_ms - last).max(0.0);
    let seconds = (age / 1000.0).min(u32::MAX as f64) as u32;
    if age > 3.0 * interval_ms.max(1_000) as f64 {
        Freshness::Stale { seconds }
    } else {
        Freshness::Fresh { seconds }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn success_waits_one_interval() {
        assert_eq!(next_delay_ms(15_000, 0, None, 0.3), 15_000);
        assert_eq!(next_delay_ms(10, 0, None, 0.3), 1_000, "never under a second");
    }

    #[test]
    fn failures_double_the_interval_within_jitter() {
        let bounds = |f: u32| (next_delay_ms(15_000, f, None, 0.0), next_delay_ms(15_000, f, None, 0.999_999));
        assert_eq!(bounds(1), (15_000, 18_749), "the first retry is never sooner than the interval");
        assert_eq!(bounds(2), (22_500, 37_499));
        assert_eq!(bounds(3), (45_000, 74_999));
        assert_eq!(bounds(40), (MAX_BACKOFF_MS / 4 * 3, MAX_BACKOFF_MS / 4 * 5 - 1));
    }

    #[test]
    fn retry_after_reads_seconds_and_dates_and_is_capped() {
        assert_eq!(parse_retry_after("7", 0.0), Some(7));
        assert_eq!(parse_retry_after(" 120 ", 0.0), Some(120));
        assert_eq!(parse_retry_after("9999999", 0.0), Some(MAX_RETRY_AFTER_MS / 1000));
        assert_eq!(parse_retry_after("99999999999999999999999", 0.0), Some(MAX_RETRY_AFTER_MS / 1000));
        // 2026-10-21T07:28:00Z is 1_792_567_680 s after the epoch.
        let now = 1_792_567_680_000.0 - 30_000.0;
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now), Some(30));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2026 07:28:00 GMT", now + 60_000.0), Some(0), "a past date");
        assert_eq!(parse_retry_after("soon", 0.0), None);
        assert_eq!(parse_retry_after("-5", 0.0), None);
    }

    #[test]
    fn freshness_turns_stale_after_three_intervals() {
        assert_eq!(freshness(0.0, None, 5_000), Freshness::Never);
        assert_eq!(freshness(14_000.0, Some(0.0), 5_000), Freshness::Fresh { seconds: 14 });
        assert_eq!(freshness(16_000.0, Some(0.0), 5_000), Freshness::Stale { seconds: 16 });
    }

    proptest! {
        #[test]
        fn never_sooner_than_the_interval(interval in 0u32..700_000, failures in 0u32..10_000,
                                          retry in proptest::option::of(any::<u32>()), jitter in -1.0f64..2.0) {
            let d = next_delay_ms(interval, failures, retry, jitter);
            prop_assert!(d >= interval.max(1_000));
            prop_assert!(d as u64 <= (MAX_BACKOFF_MS.max(interval) as u64 * 5 / 4).max(MAX_RETRY_AFTER_MS as u64));
            prop_assert!(d <= i32::MAX as u32, "fits a browser timer");
        }

        #[test]
        fn monotone_in_failures(interval in 1_000u32..600_000, failures in 0u32..64, jitter in 0.0f64..1.0) {
            let a = next_delay_ms(interval, failures, None, jitter);
            let b = next_delay_ms(interval, failures + 1, None, jitter);
            prop_assert!(b >= a, "{} then {}", a, b);
        }

        #[test]
        fn honours_retry_after(interval in 1_000u32..600_000, failures in 0u32..64, secs in 0u32..3_600, jitter in 0.0f64..1.0) {
            prop_assert!(next_delay_ms(interval, failures, Some(secs), jitter) >= secs * 1_000);
        }
    }
}
