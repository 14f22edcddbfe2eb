//! The widget's decoders and reducer under a million odd inputs.
//!
//! Each case is one of: arbitrary JSON fed to every decoder; a golden
//! fixture (`fixtures/spektrix/`) mutated at a random place (a value
//! replaced by an odd one, bytes flipped, the text cut short) and then
//! driven through the reducer with a random sequence of actions; or one of
//! the known traps (extreme numbers through the view maths and the number
//! formatter, a 20,000-seat row with 100 picks for the stranded-single
//! search). After every action the reducer's invariants are checked: one
//! state per plan seat; every chosen seat open (or being added); a status
//! for another plan never applied.
//!
//! `cargo run --profile fuzz -p seatmap-core --example fuzz -- CASES [SEED]`
//! prints cases, panics, invariant failures and the slowest case, and exits
//! non-zero on any failure; `FUZZ_ONE=<case seed>` replays one case with its
//! panic and backtrace. `scripts/fuzz.sh` runs a million; the test
//! command runs a smaller count.

mod cases;
mod random;

use random::Random;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let cases: u64 = args.next().and_then(|a| a.replace('_', "").parse().ok()).unwrap_or(10_000);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_261_209);
    let corpus = cases::Corpus::load();
    // One case by its seed, panicking loudly (with RUST_BACKTRACE=1): to find a panic's place.
    if let Some(one) = std::env::var("FUZZ_ONE").ok().and_then(|v| v.parse::<u64>().ok()) {
        let result = cases::run(&corpus, &mut Random::new(one));
        println!("fuzz: case seed {one}: {result:?}");
        return;
    }
    // Panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let started = Instant::now();
    let mut panics = 0u64;
    let mut failures: Vec<String> = Vec::new();
    let mut slowest = (Duration::ZERO, 0u64, String::new());
    for case in 0..cases {
        let case_seed = seed ^ case.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut random = Random::new(case_seed);
        let began = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| cases::run(&corpus, &mut random)));
        let took = began.elapsed();
        let what = match outcome {
            Ok(Ok(what)) => what,
            Ok(Err(failure)) => {
                if failures.len() < 20 {
                    failures.push(format!("case {case} (seed {case_seed}): {failure}"));
                }
                failure
            }
            Err(payload) => {
                panics += 1;
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                if failures.len() < 20 {
                    failures.push(format!("case {case} (seed {case_seed}): panic: {message}"));
                }
                "panic".into()
            }
        };
        if took > slowest.0 {
            slowest = (took, case, what);
        }
    }
    let _ = std::panic::take_hook();
    println!("fuzz: {cases} cases in {:.1} s (seed {seed})", started.elapsed().as_secs_f64());
    println!("fuzz: {panics} panics, {} invariant failures", failures.len() as u64 - panics.min(failures.len() as u64));
    println!("fuzz: slowest case {} took {:.1} ms: {}", slowest.1, slowest.0.as_secs_f64() * 1000.0, slowest.2);
    for f in &failures {
        println!("  {f}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}
