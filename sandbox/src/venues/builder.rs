//! `PlanBuilder`: builds a `Plan` area by area and row by row, then computes
//! absolute positions, leaves, stretches and the pre-rendered plan JSON.

use std::collections::HashMap;

use rand::rngs::StdRng;
use serde_json::{json, Value};

use crate::ids::spektrix_id;
use crate::model::{Area, AreaKind, Band, LockKind, LockType, Plan, Seat};

pub struct PlanBuilder<'a> {
    pub rng: &'a mut StdRng,
    next_seat_id: &'a mut u64,
    pub plan_id: String,
    pub name: String,
    pub venue: &'static str,
    pub areas: Vec<Area>,
    pub seats: Vec<Seat>,
    pub bands: Vec<Band>,
    pub lock_types: Vec<LockType>,
    pub focus: (i32, i32),
}

/// Row names: A, B, ... skipping I and O, then AA, BB, ...
pub fn row_letters(n: usize) -> Vec<String> {
    let letters: Vec<char> = ('A'..='Z').filter(|c| *c != 'I' && *c != 'O').collect();
    (0..n)
        .map(|i| {
            let c = letters[i % letters.len()];
            std::iter::repeat_n(c, i / letters.len() + 1).collect()
        })
        .collect()
}

/// `n` points along a circle of radius `r` around `(cx, cy)`, spaced `pitch`
/// apart with extra `gaps` (after seat index, extra length), centred on the
/// direction `dir` (radians, 0 = straight down the page).
pub fn arc(centre: (f64, f64), r: f64, n: usize, pitch: f64, gaps: &[(usize, f64)], dir: f64) -> Vec<(i32, i32)> {
    let extra: f64 = gaps.iter().map(|g| g.1).sum();
    let total = (n.saturating_sub(1)) as f64 * pitch + extra;
    let mut s = -total / 2.0;
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let t = dir + s / r.max(1.0);
        out.push(((centre.0 + r * t.sin()).round() as i32, (centre.1 + r * t.cos()).round() as i32));
        s += pitch;
        s += gaps.iter().filter(|g| g.0 == i).map(|g| g.1).sum::<f64>();
    }
    out
}

/// The five lock types every plan defines (see `venues::LT_*`).
pub fn standard_lock_types(rng: &mut StdRng) -> Vec<LockType> {
    let mut lt = |name: &str, description: &str, kind| LockType {
        id: spektrix_id(rng),
        name: name.to_string(),
        description: description.to_string(),
        kind,
    };
    vec![
        lt("Wheelchair", "Wheelchair space - step-free access", LockKind::Wheelchair),
        lt("Members", "Held for Members - log in to book", LockKind::Members),
        lt("House seats", "", LockKind::House),
        lt("Restricted view", "Restricted view", LockKind::Info),
        lt("Companion seat", "Companion seat for a wheelchair user", LockKind::Info),
    ]
}

impl<'a> PlanBuilder<'a> {
    pub fn new(
        rng: &'a mut StdRng,
        next_seat_id: &'a mut u64,
        name: &str,
        venue: &'static str,
        band_names: &[&str],
    ) -> Self {
        let plan_id = spektrix_id(rng);
        let bands = band_names.iter().map(|n| Band { id: spektrix_id(rng), name: (*n).to_string() }).collect();
        let lock_types = standard_lock_types(rng);
        let root = Area {
            id: plan_id.clone(),
            name: name.to_string(),
            type_name: "Reserved".into(),
            kind: AreaKind::Container,
            x: 0,
            y: 0,
            parent: None,
            children: vec![],
            seats: vec![],
        };
        PlanBuilder {
            rng,
            next_seat_id,
            plan_id,
            name: name.to_string(),
            venue,
            areas: vec![root],
            seats: vec![],
            bands,
            lock_types,
            focus: (0, 0),
        }
    }

    /// A container (or, once it gets rows, reserved) area under `parent`.
    pub fn area(&mut self, parent: usize, name: &str, x: i32, y: i32) -> usize {
        let id = spektrix_id(self.rng);
        self.push_area(parent, id, name, "Reserved", AreaKind::Container, x, y)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn unreserved(
        &mut self,
        parent: usize,
        name: &str,
        (x, y): (i32, i32),
        capacity: u32,
        (width, height): (i32, i32),
        band: usize,
    ) -> usize {
        let id = spektrix_id(self.rng);
        let kind = AreaKind::Unreserved { capacity, width, height, band };
        self.push_area(parent, id, name, "Unreserved", kind, x, y)
    }

    #[allow(clippy::too_many_arguments)]
    pub fn push_area(
        &mut self,
        parent: usize,
        id: String,
        name: &str,
        type_name: &str,
        kind: AreaKind,
        x: i32,
        y: i32,
    ) -> usize {
        let idx = self.areas.len();
        self.areas.push(Area {
            id,
            name: name.to_string(),
            type_name: type_name.to_string(),
            kind,
            x,
            y,
            parent: Some(parent),
            children: vec![],
            seats: vec![],
        });
        if let Some(p) = self.areas.get_mut(parent) {
            p.children.push(idx);
        }
        idx
    }

    /// Adds one row; an aisle follows each seat index in `aisles_after`.
    /// Seats are numbered from 1 in point order. Returns the seat indices.
    pub fn row(
        &mut self,
        area: usize,
        row: &str,
        pts: &[(i32, i32)],
        aisles_after: &[usize],
        band: usize,
    ) -> Vec<usize> {
        let names: Vec<String> = (1..=pts.len()).map(|n| format!("{row}{n}")).collect();
        self.named_row(area, row, pts, aisles_after, band, &names)
    }

    /// Like `row` but with explicit seat names.
    pub fn named_row(
        &mut self,
        area: usize,
        row: &str,
        pts: &[(i32, i32)],
        aisles_after: &[usize],
        band: usize,
        names: &[String],
    ) -> Vec<usize> {
        if let Some(a) = self.areas.get_mut(area) {
            a.kind = AreaKind::Reserved;
        }
        let mut out = Vec::with_capacity(pts.len());
        for (i, &(x, y)) in pts.iter().enumerate() {
            *self.next_seat_id += 1;
            let idx = self.seats.len();
            let aisle_before = i > 0 && aisles_after.contains(&(i - 1));
            let id = *self.next_seat_id;
            if i > 0 {
                if let Some(prev) = self.seats.last_mut() {
                    prev.next = Some(id);
                    prev.next_aisle = aisle_before;
                }
            }
            let prev = if i > 0 { Some(id - 1) } else { None };
            self.seats.push(Seat {
                id,
                name: names.get(i).cloned().unwrap_or_else(|| format!("{row}{}", i + 1)),
                row: row.to_string(),
                number: i as u32 + 1,
                x,
                y,
                ax: 0,
                ay: 0,
                area,
                band,
                lock: None,
                info: None,
                prev,
                next: None,
                prev_aisle: aisle_before,
                next_aisle: false,
            });
            if let Some(a) = self.areas.get_mut(area) {
                a.seats.push(idx);
            }
            out.push(idx);
        }
        out
    }

    pub fn lock(&mut self, seat: usize, lock: usize, info: Option<&str>) {
        if let Some(s) = self.seats.get_mut(seat) {
            s.lock = Some(lock);
            s.info = info.map(str::to_string);
        }
    }

    pub fn finish(self) -> Plan {
        finish_plan(
            self.plan_id,
            self.name,
            self.venue,
            self.areas,
            self.seats,
            self.bands,
            self.lock_types,
            self.focus,
        )
    }
}

/// Computes the derived parts of a plan (absolute positions, leaves,
/// indices, stretches, JSON) from its areas and seats.
#[allow(clippy::too_many_arguments)]
pub fn finish_plan(
    id: String,
    name: String,
    venue: &'static str,
    areas: Vec<Area>,
    mut seats: Vec<Seat>,
    bands: Vec<Band>,
    lock_types: Vec<LockType>,
    focus: (i32, i32),
) -> Plan {
    // Absolute offsets: parents always precede children.
    let mut abs = vec![(0i64, 0i64); areas.len()];
    for (i, a) in areas.iter().enumerate() {
        let base = a.parent.and_then(|p| abs.get(p).copied()).unwrap_or((0, 0));
        abs[i] = (base.0 + i64::from(a.x), base.1 + i64::from(a.y));
    }
    for s in seats.iter_mut() {
        let o = abs.get(s.area).copied().unwrap_or((0, 0));
        s.ax = clamp_i32(o.0 + i64::from(s.x));
        s.ay = clamp_i32(o.1 + i64::from(s.y));
    }
    let mut leaves = vec![];
    collect_leaves(&areas, 0, &mut leaves, 0);
    let seat_by_id: HashMap<u64, usize> = seats.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let area_by_id = areas.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
    let mut stretches = vec![];
    for (i, s) in seats.iter().enumerate() {
        let starts = match s.prev {
            None => true,
            Some(p) => s.prev_aisle || !seat_by_id.contains_key(&p),
        };
        if !starts {
            continue;
        }
        let mut run = vec![i];
        let mut cur = i;
        while let Some(next) = seats[cur].next {
            if seats[cur].next_aisle || run.len() > seats.len() {
                break;
            }
            match seat_by_id.get(&next) {
                Some(&n) if seats[n].area == s.area => {
                    run.push(n);
                    cur = n;
                }
                _ => break,
            }
        }
        stretches.push(run);
    }
    let mut root = area_json(&areas, &seats, 0, 0);
    if let Some(o) = root.as_object_mut() {
        o.insert("backgroundImageUrl".into(), json!(super::stage::image_url(venue)));
    }
    let json = bytes::Bytes::from(serde_json::to_vec(&root).unwrap_or_default());
    Plan { id, name, venue, areas, seats, bands, lock_types, leaves, seat_by_id, area_by_id, stretches, focus, json }
}

fn clamp_i32(v: i64) -> i32 {
    v.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32
}

fn collect_leaves(areas: &[Area], i: usize, out: &mut Vec<usize>, depth: usize) {
    let Some(a) = areas.get(i) else { return };
    match a.kind {
        AreaKind::Reserved | AreaKind::Unreserved { .. } => out.push(i),
        AreaKind::Container => {}
    }
    if depth > 256 {
        return;
    }
    for &c in &a.children {
        collect_leaves(areas, c, out, depth + 1);
    }
}

fn capacity(areas: &[Area], i: usize, depth: usize) -> u64 {
    let Some(a) = areas.get(i) else { return 0 };
    let own = match a.kind {
        AreaKind::Unreserved { capacity, .. } => u64::from(capacity),
        _ => a.seats.len() as u64,
    };
    if depth > 256 {
        return own;
    }
    own + a.children.iter().map(|&c| capacity(areas, c, depth + 1)).sum::<u64>()
}

fn area_json(areas: &[Area], seats: &[Seat], i: usize, depth: usize) -> Value {
    let Some(a) = areas.get(i) else {
        return Value::Null;
    };
    let children: Vec<Value> =
        if depth > 256 { vec![] } else { a.children.iter().map(|&c| area_json(areas, seats, c, depth + 1)).collect() };
    let mut v = json!({
        "id": a.id, "name": a.name, "type": a.type_name, "x": a.x, "y": a.y,
        "backgroundImageUrl": "", "capacity": capacity(areas, i, 0),
        "maxZoomWeb": null, "maxZoomMobile": null, "areas": children,
    });
    if let (AreaKind::Unreserved { width, height, .. }, Some(o)) = (&a.kind, v.as_object_mut()) {
        o.insert("seats".into(), Value::Null);
        o.insert("width".into(), json!(width));
        o.insert("height".into(), json!(height));
    } else if let Some(o) = v.as_object_mut() {
        let list: Vec<Value> = a
            .seats
            .iter()
            .filter_map(|&s| seats.get(s))
            .map(|s| {
                json!({
                    "id": s.id.to_string(), "name": s.name, "row": s.row, "number": s.number,
                    "x": s.x, "y": s.y, "tabOrder": null,
                    "previousSeatId": s.prev, "previousIsAcrossAisle": s.prev_aisle,
                    "nextSeatId": s.next, "nextIsAcrossAisle": s.next_aisle,
                })
            })
            .collect();
        o.insert("seats".into(), Value::Array(list));
    }
    v
}
