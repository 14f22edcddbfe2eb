//! The `seatmap-sandbox` binary: parses the flags, starts the server and
//! prints the ready line scripts wait for.

use std::path::PathBuf;
use std::time::Duration;

use seatmap_sandbox::{spawn, Config};

const HELP: &str = "seatmap-sandbox: a local Spektrix API v3 venue for seatmap

USAGE: seatmap-sandbox [FLAGS]

  --host HOST                  address to bind (default 127.0.0.1)
  --port PORT                  port to bind, 0 for any free one (default 8081)
  --client NAME                client name in the path /NAME/api/v3/ (repeatable; default demotheatre)
  --allowed-origin ORIGIN      CORS/frame origin (repeatable; default http://localhost:8080
                               and http://127.0.0.1:8080)
  --session-timeout-secs N     idle seconds before a session and its basket expire (default 1200)
  --plan-file PATH             load a saved Spektrix plans/{id} JSON as an extra venue (repeatable)
  --replay PATH                serve a capture recorded with element.capture() as a venue,
                               keeping its ids (repeatable; see docs/capture.md)
  --audience                   start with simulated live buyers
  --seed N                     generation seed (default 20261209)
  -h, --help                   print this help
";

fn parse(args: &[String]) -> Result<Config, String> {
    let mut c = Config::default();
    let mut clients = vec![];
    let mut origins = vec![];
    let mut i = 0;
    while i < args.len() {
        let flag = args[i].as_str();
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) => (n, Some(v.to_string())),
            None => (flag, None),
        };
        let mut value = || -> Result<String, String> {
            if let Some(v) = inline.clone() {
                return Ok(v);
            }
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("{name} needs a value"))
        };
        match name {
            "-h" | "--help" => return Err(String::new()),
            "--host" => c.host = value()?,
            "--port" => c.port = value()?.parse().map_err(|_| "--port needs a number".to_string())?,
            "--client" => clients.push(value()?),
            "--allowed-origin" => origins.push(value()?.trim_end_matches('/').to_string()),
            "--session-timeout-secs" => {
                let n: f64 = value()?.parse().map_err(|_| "--session-timeout-secs needs a number".to_string())?;
                if !(n.is_finite() && n > 0.0) {
                    return Err("--session-timeout-secs must be positive".into());
                }
                c.session_timeout = Duration::from_secs_f64(n);
            }
            "--plan-file" => c.plan_files.push(PathBuf::from(value()?)),
            "--replay" => c.replay_files.push(PathBuf::from(value()?)),
            "--audience" => c.audience = true,
            "--seed" => c.seed = value()?.parse().map_err(|_| "--seed needs a number".to_string())?,
            other => return Err(format!("unknown flag {other}")),
        }
        i += 1;
    }
    if !clients.is_empty() {
        c.clients = clients;
    }
    if !origins.is_empty() {
        c.origins = origins;
    }
    Ok(c)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = match parse(&args) {
        Ok(c) => c,
        Err(e) if e.is_empty() => {
            print!("{HELP}");
            return;
        }
        Err(e) => {
            eprintln!("error: {e}\n\n{HELP}");
            std::process::exit(2);
        }
    };
    let running = match spawn(config).await {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    for note in &running.state.startup_notes {
        eprintln!("{note}");
    }
    println!("seatmap-sandbox listening on {}", running.base());
    let _ = tokio::signal::ctrl_c().await;
}
