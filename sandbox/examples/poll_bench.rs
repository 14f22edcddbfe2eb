//! Polling benchmark: N concurrent browsers (own cookie jar each) poll the
//! arena's `status/detail` M times; prints the response size (raw, gzip) and
//! latency p50/p99/max. Usage: `poll_bench ROOT [POLLERS] [REQUESTS_EACH]`
//! where ROOT is `http://127.0.0.1:PORT`. Bounded: gives up after 120 s.

use std::time::{Duration, Instant};

use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = args.first().cloned().unwrap_or_else(|| "http://127.0.0.1:8081".into());
    let pollers: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200);
    let each: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20);
    let plain = reqwest::Client::new();
    let cat: Value = plain.get(format!("{root}/_sandbox/catalog")).send().await?.json().await?;
    let row = cat.as_array().and_then(|a| a.iter().find(|r| r["venue"] == "arena")).ok_or("no arena in the catalog")?;
    let client = row["client"].as_str().unwrap_or("demotheatre");
    let inst = row["instanceId"].as_str().unwrap_or("");
    let url = format!(
        "{root}/{client}/api/v3/instances/{inst}/status/detail?includeChildPlans=true&includeLockInformation=true"
    );
    let raw = plain.get(&url).send().await?.bytes().await?;
    let gz = plain.get(&url).header("accept-encoding", "gzip").send().await?.bytes().await?;
    println!("arena seats: {}", row["seats"]);
    println!("status/detail size: raw {} bytes, gzip {} bytes", raw.len(), gz.len());

    let deadline = Instant::now() + Duration::from_secs(120);
    let started = Instant::now();
    let mut tasks = vec![];
    for _ in 0..pollers {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let c = reqwest::Client::builder().cookie_store(true).build().ok()?;
            let mut lat = Vec::with_capacity(each);
            for _ in 0..each {
                if Instant::now() > deadline {
                    break;
                }
                let t = Instant::now();
                let r = c.get(&url).header("accept-encoding", "gzip").send().await.ok()?;
                if !r.status().is_success() {
                    return None;
                }
                r.bytes().await.ok()?;
                lat.push(t.elapsed());
            }
            Some(lat)
        }));
    }
    let mut all = vec![];
    let mut failed = 0;
    for t in tasks {
        match t.await.ok().flatten() {
            Some(l) => all.extend(l),
            None => failed += 1,
        }
    }
    let wall = started.elapsed();
    all.sort();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1))).copied().unwrap_or_default()
    };
    println!(
        "{pollers} pollers x {each} requests: {} ok, {failed} pollers failed, {:.1} s wall, {:.0} req/s",
        all.len(),
        wall.as_secs_f64(),
        all.len() as f64 / wall.as_secs_f64()
    );
    println!(
        "latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        pct(0.50).as_secs_f64() * 1e3,
        pct(0.99).as_secs_f64() * 1e3,
        all.last().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
    Ok(())
}
