//! How much heap the widget's load takes, stage by stage: the same steps the
//! shell runs for a performance (`src/services.rs` `load_venue`, the reducer,
//! `src/components/seat_layer.rs` drawing every area, the first status poll),
//! with a counting allocator that prints the bytes live and the peak after
//! each. In the browser the peak is what wasm linear memory grows to (it never
//! shrinks); pointers are 4 bytes there and 8 here, so the figures here are
//! higher, but what makes the peak is the same.
//!
//! Usage: `cargo run --release -p seatmap-core --example load_memory -- DIR`,
//! where DIR holds a performance's `instance.json`, `plan.json`,
//! `prices.json` and `status.json` as the API sent them (e.g. saved from the
//! sandbox's arena).

use seatmap_core::{
    close_group, decode, open_group, row_group_label, write_seat, Action, Response, RuleConfig, SeatLook, SeatState,
    Shapes, State, Venue,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting the bytes live and the most ever live.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// Blocks live: each costs the allocator a header and rounding on top of its
/// bytes (in wasm's dlmalloc, a 5-byte id takes a 16-byte chunk or more).
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let pointer = unsafe { System.alloc(layout) };
        if !pointer.is_null() {
            grew(layout.size());
            BLOCKS.fetch_add(1, Ordering::Relaxed);
        }
        pointer
    }

    unsafe fn dealloc(&self, pointer: *mut u8, layout: Layout) {
        unsafe { System.dealloc(pointer, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        BLOCKS.fetch_sub(1, Ordering::Relaxed);
    }

    unsafe fn realloc(&self, pointer: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(pointer, layout, new_size) };
        if !moved.is_null() {
            // A realloc that moves holds both blocks for a moment: count the
            // new one before the old one goes, as a fresh allocation would.
            grew(new_size);
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn megabytes(bytes: usize) -> String {
    format!("{:6.2} MB", bytes as f64 / 1e6)
}

/// Prints the bytes live now and the peak since the last stage, then starts a new stage.
fn stage(name: &str) {
    let live = LIVE.load(Ordering::Relaxed);
    let peak = PEAK.swap(live, Ordering::Relaxed);
    let blocks = BLOCKS.load(Ordering::Relaxed);
    println!("{name:<46} live {} in {blocks:>6} blocks   peak in stage {}", megabytes(live), megabytes(peak));
}

fn response(dir: &Path, file: &str) -> Response {
    let path = dir.join(file);
    let body = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    Response { status: 200, content_type: Some("application/json".into()), retry_after: None, body }
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: load_memory DIR (with instance.json, plan.json, prices.json, status.json)");
    let dir = Path::new(&dir);
    let mut all_time_peak = 0;
    let mut note = |name: &str| {
        all_time_peak = all_time_peak.max(PEAK.load(Ordering::Relaxed));
        stage(name);
    };
    note("start");

    // services.rs `load_venue`: the instance, then plan and prices together.
    let answer = response(dir, "instance.json");
    let instance = decode::instance(&answer, "").expect("the instance decodes");
    drop(answer);
    note("instance decoded");
    let plan_answer = response(dir, "plan.json");
    let prices_answer = response(dir, "prices.json");
    note("plan and prices bodies read");
    let started = Instant::now();
    let plan = decode::plan(&plan_answer).expect("the plan decodes");
    let plan_ms = started.elapsed().as_secs_f64() * 1e3;
    note(&format!("plan decoded in {plan_ms:.0} ms (bodies held)"));
    drop(plan_answer);
    note("plan body dropped");
    let prices = decode::price_list(&prices_answer).expect("the prices decode");
    drop(prices_answer);
    let venue = Rc::new(Venue { instance: instance.value, plan, prices: prices.value });
    note("prices decoded: the venue");

    // The reducer: the map is drawn from plan and prices.
    let mut state = State::new(RuleConfig::default());
    state.reduce(Action::Loaded {
        venue: venue.clone(),
        report: instance.report,
        now_local: "2026-12-01T10:00:00".into(),
    });
    note("Loaded reduced (unknown availability, states)");

    // use_status_poll: the body is kept to compare the next poll with.
    let status_answer = response(dir, "status.json");
    note("status body read");
    let started = Instant::now();
    let availability = decode::status_detail(&venue, &status_answer).expect("the status decodes");
    let status_ms = started.elapsed().as_secs_f64() * 1e3;
    note(&format!("status decoded in {status_ms:.0} ms"));
    let last_body = status_answer.body;
    state.reduce(Action::Status { availability, requested_ms: 0.0, now_ms: 1.0 });
    note("Status reduced (states derived)");

    // seat_layer.rs: every area's markup, one string at a time.
    let plan = &venue.plan;
    let shapes = Shapes::new(plan.seat_pitch);
    let rows = plan.seat_rows.all();
    let mut biggest = 0;
    let mut start = 0;
    for end in 1..=rows.len() {
        if end < rows.len() && rows[end].area == rows[start].area {
            continue;
        }
        let seats: usize = rows[start..end].iter().map(|r| r.seats.len()).sum();
        let mut markup = String::with_capacity(seats * 120 + (end - start) * 64);
        for row in &rows[start..end] {
            open_group(&mut markup, "seatmap-row", &row_group_label(&row.name));
            for &seat in &row.seats {
                let s = plan.seat(seat);
                let state_now = state.seat_states.get(seat.0 as usize).copied().unwrap_or(SeatState::Unknown);
                let colour = state.availability.seat(seat).band.map(|b| venue.prices.band(b).colour);
                let look =
                    SeatLook { id: &s.id, x: s.x, y: s.y, state: state_now, colour, label: None, tab_stop: false };
                write_seat(&mut markup, &shapes, &look);
            }
            close_group(&mut markup);
        }
        biggest = biggest.max(markup.len());
        start = end;
    }
    note(&format!("seat markup written (largest area {} KB)", biggest / 1000));

    // The next poll, with a changed body: the last body, the availability
    // and the states shown stay alive while the new answer is decoded.
    let mut next_answer = response(dir, "status.json");
    let letter = next_answer.body.windows(4).position(|w| w == b"\":\"U").expect("an unavailable seat") + 3;
    next_answer.body[letter] = b'A';
    assert_ne!(next_answer.body, last_body, "a changed body is decoded");
    let availability = decode::status_detail(&venue, &next_answer).expect("the status decodes");
    drop(last_body);
    let last_body = next_answer.body;
    state.reduce(Action::Status { availability, requested_ms: 2.0, now_ms: 3.0 });
    note("next poll decoded and reduced");
    drop(last_body);
    println!("peak over the whole load: {}", megabytes(all_time_peak.max(PEAK.load(Ordering::Relaxed))));
    println!(
        "sizes here: Seat {} B, SeatAvailability {} B, SeatState {} B",
        std::mem::size_of::<seatmap_core::Seat>(),
        std::mem::size_of::<seatmap_core::SeatAvailability>(),
        std::mem::size_of::<SeatState>()
    );
}
