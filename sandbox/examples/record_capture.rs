//! Records a capture of a sandbox performance into a file, performing the
//! same exchanges as the widget's `element.capture()` with the seeded member
//! logged in (so `customer` is 200 and redacted, and the members' seats show
//! `X` in `status-detail-session`). Regenerates
//! `fixtures/captures/sandbox-theatre.json`:
//!
//! ```sh
//! cargo run -p seatmap-sandbox --example record_capture -- --out fixtures/captures/sandbox-theatre.json
//! ```
//!
//! Flags: `--base URL` records from a running sandbox's API base
//! (`http://127.0.0.1:8081/demotheatre/api/v3/`) instead of one started
//! in-process with the default seed; `--instance ID` (default: the theatre's
//! 9 December evening performance); `--out PATH`; `--anonymous` records
//! without logging in.

#[path = "record_capture/recorder.rs"]
mod recorder;

use std::path::PathBuf;

use seatmap_sandbox::{spawn, Config};

/// The Tempest, 9 Dec 2026 19:30, in the default seed's theatre (pinned by
/// the catalog test `default_seed_instance_ids_are_pinned`).
const THEATRE_EVENING: &str = "31527BVYQMUOXGWHDSROCFDYWRMPSAEFK";

#[tokio::main]
async fn main() {
    let mut base = None;
    let mut instance = THEATRE_EVENING.to_string();
    let mut out = PathBuf::from("fixtures/captures/sandbox-theatre.json");
    let mut anonymous = false;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| fail(&format!("{flag} needs a value")));
        match flag.as_str() {
            "--base" => base = Some(value()),
            "--instance" => instance = value(),
            "--out" => out = PathBuf::from(value()),
            "--anonymous" => anonymous = true,
            other => fail(&format!("unknown flag {other}")),
        }
    }
    // Kept alive until the recording is written.
    let mut _running = None;
    let base = match base {
        Some(base) => format!("{}/", base.trim_end_matches('/')),
        None => {
            let running = spawn(Config { port: 0, ..Config::default() })
                .await
                .unwrap_or_else(|e| fail(&format!("starting a sandbox: {e}")));
            let base = running.base();
            _running = Some(running);
            base
        }
    };
    let target = recorder::Target {
        api_base: &base,
        instance_id: &instance,
        login: (!anonymous).then_some(("member@example.com", "member-demo")),
        recorder: concat!("seatmap-sandbox ", env!("CARGO_PKG_VERSION"), " (examples/record_capture.rs)"),
    };
    let capture = recorder::record(&target).await.unwrap_or_else(|e| fail(&e));
    let text = serde_json::to_string_pretty(&capture).unwrap_or_else(|e| fail(&e.to_string()));
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| fail(&format!("{}: {e}", parent.display())));
    }
    std::fs::write(&out, format!("{text}\n")).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    let statuses: Vec<String> = capture.exchanges.iter().map(|e| format!("{} {}", e.name, e.status)).collect();
    println!("wrote {} ({} bytes): {}", out.display(), text.len() + 1, statuses.join(", "));
}

fn fail(message: &str) -> ! {
    eprintln!("record_capture: {message}");
    std::process::exit(1);
}
