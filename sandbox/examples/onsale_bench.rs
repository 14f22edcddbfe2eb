//! On-sale benchmark: thousands of anonymous viewers open the arena
//! performance at once and keep watching it, first through the shared cache
//! (nginx with deploy/nginx/) and then straight at the sandbox, with the
//! sandbox's simulated audience changing seats all the while. Prints what the
//! sandbox (playing Spektrix) had to answer and what the viewers waited.
//! `scripts/bench-onsale.sh` starts the servers and runs this.
//!
//! Usage: `onsale_bench --sandbox http://127.0.0.1:PORT [--cache BASE]
//! [--viewers 10000] [--arrival-secs 10] [--run-secs 60] [--poll-secs 15]
//! [--connections 256] [--request-timeout-secs 10]`, where BASE is the
//! `shared-cache` base (`http://127.0.0.1:PORT/seatmap-cache`). Without
//! `--cache` only the direct run is made. Every run stops by itself.

#[path = "onsale_bench/stats.rs"]
mod stats;
#[path = "onsale_bench/viewer.rs"]
mod viewer;

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::sync::Semaphore;

use stats::{percentiles_ms, ReadStats};
use viewer::{Reads, Shared};

const DETAIL_QUERY: &str = "includeChildPlans=true&includeLockInformation=true";
const ROUTE_DETAIL: &str = "GET instances/{id}/status/detail";
const ARRIVAL_ROUTES: [&str; 3] = ["GET instances/{id}", "GET plans/{id}", "GET instances/{id}/price-list"];
/// How often the simulated audience buys or releases seats on the arena.
const AUDIENCE_INTERVAL_MS: u64 = 500;

struct Options {
    sandbox: String,
    cache: Option<String>,
    viewers: usize,
    arrival: Duration,
    run: Duration,
    poll: Duration,
    connections: usize,
    request_timeout: Duration,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        sandbox: String::new(),
        cache: None,
        viewers: 10_000,
        arrival: Duration::from_secs(10),
        run: Duration::from_secs(60),
        poll: Duration::from_secs(15),
        connections: 256,
        request_timeout: Duration::from_secs(10),
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    for pair in args.chunks(2) {
        let [name, value] = pair else { return Err(format!("{} needs a value", pair[0])) };
        let number =
            |what: &str| value.parse::<u64>().map_err(|_| format!("{what} must be a whole number, not {value:?}"));
        match name.as_str() {
            "--sandbox" => options.sandbox = value.trim_end_matches('/').to_string(),
            "--cache" => options.cache = Some(value.trim_end_matches('/').to_string()),
            "--viewers" => options.viewers = number("--viewers")? as usize,
            "--arrival-secs" => options.arrival = Duration::from_secs(number("--arrival-secs")?),
            "--run-secs" => options.run = Duration::from_secs(number("--run-secs")?),
            "--poll-secs" => options.poll = Duration::from_secs(number("--poll-secs")?),
            "--connections" => options.connections = number("--connections")? as usize,
            "--request-timeout-secs" => {
                options.request_timeout = Duration::from_secs(number("--request-timeout-secs")?)
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.sandbox.is_empty() {
        return Err("--sandbox http://127.0.0.1:PORT is required".into());
    }
    if options.viewers == 0 || options.connections == 0 || options.poll.is_zero() || options.run.is_zero() {
        return Err("--viewers, --connections, --poll-secs and --run-secs must be above 0".into());
    }
    if options.arrival >= options.run {
        return Err("--arrival-secs must be shorter than --run-secs".into());
    }
    Ok(options)
}

/// The sandbox's loopback control API.
struct Control {
    client: reqwest::Client,
    root: String,
}

impl Control {
    async fn get(&self, route: &str) -> Result<Value, String> {
        let url = format!("{}/_sandbox/{route}", self.root);
        let response = self.client.get(&url).send().await.map_err(|e| format!("GET {url}: {e}"))?;
        response.error_for_status().map_err(|e| format!("GET {url}: {e}"))?.json().await.map_err(|e| e.to_string())
    }

    async fn post(&self, route: &str, body: Value) -> Result<(), String> {
        let url = format!("{}/_sandbox/{route}", self.root);
        let response = self.client.post(&url).json(&body).send().await.map_err(|e| format!("POST {url}: {e}"))?;
        response.error_for_status().map(|_| ()).map_err(|e| format!("POST {url}: {e}"))
    }

    async fn route_counts(&self) -> Result<Value, String> {
        Ok(self.get("requests").await?["routes"].clone())
    }
}

struct Arena {
    client: String,
    instance: String,
    plan: String,
    seats: u64,
}

async fn arena(control: &Control) -> Result<Arena, String> {
    let catalog = control.get("catalog").await?;
    let row = catalog
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["venue"] == "arena"))
        .ok_or("no arena performance in the sandbox's catalog")?;
    let text = |key: &str| row[key].as_str().map(str::to_string).ok_or(format!("catalog row without {key}"));
    Ok(Arena {
        client: text("client")?,
        instance: text("instanceId")?,
        plan: text("planId")?,
        seats: row["seats"].as_u64().unwrap_or(0),
    })
}

/// What one run measured.
struct RunReport {
    label: &'static str,
    viewers: usize,
    seconds: f64,
    arrived: usize,
    arrival_times: Vec<Duration>,
    arrival_detail: ReadStats,
    polls: ReadStats,
    plan: ReadStats,
    others: ReadStats,
    upstream_detail: u64,
    upstream_arrival: u64,
}

impl RunReport {
    fn new(label: &'static str, viewers: usize) -> RunReport {
        RunReport {
            label,
            viewers,
            seconds: 0.0,
            arrived: 0,
            arrival_times: vec![],
            arrival_detail: ReadStats::default(),
            polls: ReadStats::default(),
            plan: ReadStats::default(),
            others: ReadStats::default(),
            upstream_detail: 0,
            upstream_arrival: 0,
        }
    }

    fn detail_requests(&self) -> u64 {
        self.arrival_detail.requests + self.polls.requests
    }

    fn upstream_detail_per_second(&self) -> f64 {
        self.upstream_detail as f64 / self.seconds
    }

    /// Every viewer arrives (and makes its arrival reads), whether or not
    /// they all succeed, so this divides by all of them.
    fn upstream_arrival_per_viewer(&self) -> f64 {
        self.upstream_arrival as f64 / self.viewers.max(1) as f64
    }

    fn errors(&self) -> u64 {
        [&self.arrival_detail, &self.polls, &self.plan, &self.others].iter().map(|s| s.errors()).sum()
    }
}

async fn run_once(
    label: &'static str,
    base: &str,
    keep_cookie: bool,
    options: &Options,
    control: &Control,
    arena: &Arena,
) -> Result<RunReport, String> {
    control.post("reset", json!({})).await?;
    control
        .post("audience", json!({"enabled": true, "intervalMs": AUDIENCE_INTERVAL_MS, "instance": arena.instance}))
        .await?;
    let api = format!("{base}/{}/api/v3", arena.client);
    let reads = Reads {
        instance: format!("{api}/instances/{}", arena.instance),
        plan: format!("{api}/plans/{}", arena.plan),
        price_list: format!("{api}/instances/{}/price-list", arena.instance),
        status_detail: format!("{api}/instances/{}/status/detail?{DETAIL_QUERY}", arena.instance),
    };
    let client = reqwest::Client::builder()
        .no_proxy()
        .http1_only()
        .tcp_nodelay(true)
        .pool_max_idle_per_host(options.connections)
        .pool_idle_timeout(Duration::from_secs(90))
        .build()
        .map_err(|e| e.to_string())?;
    println!(
        "\n== {label}: {} viewers arriving over {} s, for {} s ({api})",
        options.viewers,
        options.arrival.as_secs(),
        options.run.as_secs()
    );

    let before = control.route_counts().await?;
    let started = Instant::now();
    let shared = Arc::new(Shared {
        client,
        connections: Arc::new(Semaphore::new(options.connections)),
        reads,
        poll_interval: options.poll,
        request_timeout: options.request_timeout,
        end: started + options.run,
        keep_cookie,
    });
    let viewers: Vec<_> = (0..options.viewers)
        .map(|i| {
            let arrive_at = started + options.arrival.mul_f64(i as f64 / options.viewers as f64);
            tokio::spawn(viewer::run(shared.clone(), arrive_at))
        })
        .collect();
    let mut report = RunReport::new(label, options.viewers);
    for handle in viewers {
        let record = handle.await.map_err(|e| format!("a viewer failed: {e}"))?;
        report.arrival_detail.add(&record.arrival_status_detail);
        report.polls.add(&record.status_detail);
        report.plan.add(&record.plan);
        report.others.add(&record.instance);
        report.others.add(&record.price_list);
        if let Some(arrived_in) = record.arrived_in {
            report.arrived += 1;
            report.arrival_times.push(arrived_in);
        }
    }
    let after = control.route_counts().await?;
    report.seconds = started.elapsed().as_secs_f64();
    control.post("audience", json!({"enabled": false})).await?;
    let delta = |route: &str| after[route].as_u64().unwrap_or(0).saturating_sub(before[route].as_u64().unwrap_or(0));
    report.upstream_detail = delta(ROUTE_DETAIL);
    report.upstream_arrival = ARRIVAL_ROUTES.iter().map(|r| delta(r)).sum();
    print_run(&mut report);
    Ok(report)
}

fn print_run(r: &mut RunReport) {
    println!("run took {:.1} s (no request starts after the end; those in flight finish or time out)", r.seconds);
    println!("viewers whose four arrival reads all succeeded: {}", r.arrived);
    println!(
        "status/detail requests by viewers: {} ({:.0}/s); the sandbox saw {} ({:.2}/s)",
        r.detail_requests(),
        r.detail_requests() as f64 / r.seconds,
        r.upstream_detail,
        r.upstream_detail_per_second()
    );
    println!(
        "instance + plan + price-list reads the sandbox saw: {} ({:.4} per viewer)",
        r.upstream_arrival,
        r.upstream_arrival_per_viewer()
    );
    println!("latency of status/detail polls: {}", p50_p99(r.polls.percentiles_ms()));
    println!("latency of status/detail on arrival: {}", p50_p99(r.arrival_detail.percentiles_ms()));
    println!("latency of the plan (on arrival): {}", p50_p99(r.plan.percentiles_ms()));
    println!("arrival, all four reads answered: {}", p50_p99(percentiles_ms(&mut r.arrival_times)));
    println!("status/detail X-Cache-Status: on arrival {}; polls {}", verdicts(&r.arrival_detail), verdicts(&r.polls));
    println!(
        "errors: status/detail {} on arrival, {} polling; plan {}; instance + price-list {}",
        r.arrival_detail.describe_errors(),
        r.polls.describe_errors(),
        r.plan.describe_errors(),
        r.others.describe_errors()
    );
}

fn p50_p99((p50, p99): (f64, f64)) -> String {
    format!("p50 {p50:.1} ms, p99 {p99:.1} ms")
}

fn verdicts(stats: &ReadStats) -> String {
    let parts: Vec<String> = stats.cache_status.iter().map(|(k, n)| format!("{k} {n}")).collect();
    parts.join(", ")
}

/// The comparison, as a Markdown table for BENCHMARKS.md.
fn print_table(runs: &mut [RunReport], options: &Options) {
    let labels: Vec<&str> = runs.iter().map(|r| r.label).collect();
    println!("\n| {} viewers, arena | {} |", options.viewers, labels.join(" | "));
    println!("|---|{}", "---:|".repeat(runs.len()));
    let mut row = |name: &str, cell: &mut dyn FnMut(&mut RunReport) -> String| {
        let cells: Vec<String> = runs.iter_mut().map(&mut *cell).collect();
        println!("| {name} | {} |", cells.join(" | "));
    };
    row("upstream `status/detail` requests/s (goal ≤ 1)", &mut |r| format!("{:.2}", r.upstream_detail_per_second()));
    row("`status/detail` requests/s made by viewers", &mut |r| {
        format!("{:.0}", r.detail_requests() as f64 / r.seconds)
    });
    row("upstream instance + plan + price-list reads per arriving viewer (goal ≈ 0; 3 uncached)", &mut |r| {
        format!("{:.4}", r.upstream_arrival_per_viewer())
    });
    row("viewers whose four arrival reads succeeded", &mut |r| format!("{} / {}", r.arrived, options.viewers));
    row("`status/detail` poll latency p50 / p99 (ms)", &mut |r| ms_pair(r.polls.percentiles_ms()));
    row("arrival, four reads, p50 / p99 (ms)", &mut |r| ms_pair(percentiles_ms(&mut r.arrival_times)));
    row("… of which the plan p50 / p99 (ms)", &mut |r| ms_pair(r.plan.percentiles_ms()));
    row("errors, all reads (HTTP, connection, timeout)", &mut |r| r.errors().to_string());
}

/// The size of a read's gzipped body, asked once directly.
async fn gzip_size(client: &reqwest::Client, url: &str) -> Result<usize, String> {
    let response =
        client.get(url).header("accept-encoding", "gzip").send().await.map_err(|e| format!("GET {url}: {e}"))?;
    Ok(response.bytes().await.map_err(|e| format!("GET {url}: {e}"))?.len())
}

fn ms_pair((p50, p99): (f64, f64)) -> String {
    format!("{p50:.1} / {p99:.1}")
}

#[tokio::main]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("onsale_bench: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let options = parse_options()?;
    let control = Control {
        client: reqwest::Client::builder().no_proxy().build().map_err(|e| e.to_string())?,
        root: options.sandbox.clone(),
    };
    let arena = arena(&control).await?;
    let api = format!("{}/{}/api/v3", options.sandbox, arena.client);
    let plan_bytes = gzip_size(&control.client, &format!("{api}/plans/{}", arena.plan)).await?;
    let detail_bytes =
        gzip_size(&control.client, &format!("{api}/instances/{}/status/detail?{DETAIL_QUERY}", arena.instance)).await?;
    println!(
        "arena: {} seats, instance {}; gzip sizes: plan {} KB, status/detail {} KB",
        arena.seats,
        arena.instance,
        plan_bytes / 1000,
        detail_bytes / 1000
    );
    println!(
        "model: each viewer is a task; all share one HTTP/1.1 keep-alive pool of at most {} connections \
         (a request waits for a free one, and latency counts that wait); on arrival: instance, then plan + \
         price-list + status/detail together; then status/detail every {} s after the previous answer \
         (no jitter after a success, as the widget's next_delay_ms); gzip accepted; {} s request timeout; \
         simulated audience on the arena every {} ms; steady polling demand {:.0} requests/s",
        options.connections,
        options.poll.as_secs(),
        options.request_timeout.as_secs(),
        AUDIENCE_INTERVAL_MS,
        options.viewers as f64 / options.poll.as_secs_f64()
    );
    let mut runs = vec![];
    if let Some(cache) = &options.cache {
        // Cookie-less, as the widget reads the shared cache (credentials "omit").
        runs.push(run_once("through the shared cache (nginx)", cache, false, &options, &control, &arena).await?);
    }
    // Today's widget: each viewer has its own session cookie on the custom domain.
    runs.push(run_once("direct to the sandbox (no cache)", &options.sandbox, true, &options, &control, &arena).await?);
    print_table(&mut runs, &options);
    Ok(())
}
