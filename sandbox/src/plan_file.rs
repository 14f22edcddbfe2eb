//! Loading a Spektrix-shaped `plans/{id}` JSON (from `--plan-file` or
//! `POST /_sandbox/plans`) as an extra venue: ids as strings or numbers,
//! nulls and unknown fields tolerated, missing seat ids generated, bands
//! assigned by row depth, plus a price list, an event and an instance.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::rngs::StdRng;
use serde_json::{json, Value};

use crate::decode::id_str;
use crate::errors::ApiError;
use crate::ids::{seeded, spektrix_id};
use crate::model::{Area, AreaKind, Band, Seat};
use crate::venues::{finish_plan, standard_lock_types};
use crate::world::{Spec, World};

pub const MAX_SEATS: usize = 250_000;
pub const MAX_AREAS: usize = 20_000;
const MAX_DEPTH: usize = 100;

struct RawSeat {
    orig: Option<String>,
    id: u64,
    name: String,
    row: String,
    number: u32,
    x: i32,
    y: i32,
    area: usize,
    prev: Option<String>,
    next: Option<String>,
    prev_aisle: bool,
    next_aisle: bool,
}

struct Parser<'a> {
    world: &'a mut World,
    rng: StdRng,
    areas: Vec<Area>,
    seats: Vec<RawSeat>,
    area_ids: HashSet<String>,
    seat_ids: HashSet<u64>,
}

fn int(v: Option<&Value>) -> i32 {
    v.and_then(Value::as_f64).filter(|f| f.is_finite()).map(|f| f.round().clamp(-1e9, 1e9) as i32).unwrap_or(0)
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

impl Parser<'_> {
    fn area(&mut self, v: &Value, parent: Option<usize>, depth: usize) -> Result<usize, ApiError> {
        if depth > MAX_DEPTH {
            return Err(ApiError::validation(vec![format!("Areas nest deeper than {MAX_DEPTH} levels")]));
        }
        if self.areas.len() >= MAX_AREAS {
            return Err(ApiError::validation(vec![format!("More than {MAX_AREAS} areas")]));
        }
        let Value::Object(o) = v else {
            return Err(ApiError::validation(vec!["Every area must be an object".into()]));
        };
        let id = match o.get("id").and_then(id_str) {
            Some(id)
                if !self.area_ids.contains(&id) && (parent.is_some() || !self.world.plan_by_id.contains_key(&id)) =>
            {
                id
            }
            _ => spektrix_id(&mut self.rng),
        };
        self.area_ids.insert(id.clone());
        let type_name = o.get("type").and_then(Value::as_str).unwrap_or("").to_string();
        let seats = o.get("seats").and_then(Value::as_array);
        let kind = if type_name.eq_ignore_ascii_case("unreserved") {
            let cap = o.get("capacity").and_then(Value::as_f64).filter(|f| f.is_finite()).unwrap_or(100.0);
            AreaKind::Unreserved {
                capacity: cap.clamp(0.0, 1e6) as u32,
                width: Some(int(o.get("width"))).filter(|w| *w > 0).unwrap_or(200),
                height: Some(int(o.get("height"))).filter(|h| *h > 0).unwrap_or(100),
                band: 4,
            }
        } else if seats.is_some_and(|s| !s.is_empty()) {
            AreaKind::Reserved
        } else {
            AreaKind::Container
        };
        let type_name = if type_name.is_empty() {
            match kind {
                AreaKind::Unreserved { .. } => "Unreserved".into(),
                _ => "Reserved".into(),
            }
        } else {
            type_name
        };
        let idx = self.areas.len();
        let unreserved = matches!(kind, AreaKind::Unreserved { .. });
        self.areas.push(Area {
            id,
            name: text(o.get("name")).unwrap_or_else(|| format!("Area {}", idx + 1)),
            type_name,
            kind,
            x: int(o.get("x")),
            y: int(o.get("y")),
            parent,
            children: vec![],
            seats: vec![],
        });
        if let Some(p) = parent.and_then(|p| self.areas.get_mut(p)) {
            p.children.push(idx);
        }
        if let (Some(list), false) = (seats, unreserved) {
            for (k, s) in list.iter().enumerate() {
                self.seat(s, idx, k)?;
            }
        }
        if let Some(children) = o.get("areas").and_then(Value::as_array) {
            for c in children {
                self.area(c, Some(idx), depth + 1)?;
            }
        }
        Ok(idx)
    }

    fn seat(&mut self, v: &Value, area: usize, k: usize) -> Result<(), ApiError> {
        if self.seats.len() >= MAX_SEATS {
            return Err(ApiError::validation(vec![format!("More than {MAX_SEATS} seats")]));
        }
        let Value::Object(o) = v else {
            return Err(ApiError::validation(vec!["Every seat must be an object".into()]));
        };
        let orig = o.get("id").and_then(id_str);
        let wanted = orig.as_deref().and_then(|s| s.parse::<u64>().ok());
        let id = match wanted {
            Some(n) if n > 0 && !self.seat_ids.contains(&n) && !self.world.seat_id_used(n) => n,
            _ => loop {
                self.world.next_seat_id += 1;
                let n = self.world.next_seat_id;
                if !self.seat_ids.contains(&n) && !self.world.seat_id_used(n) {
                    break n;
                }
            },
        };
        self.seat_ids.insert(id);
        let row = text(o.get("row")).unwrap_or_default();
        let number = o
            .get("number")
            .and_then(|n| n.as_u64().or_else(|| n.as_str().and_then(|s| s.trim().parse().ok())))
            .map(|n| n.min(u64::from(u32::MAX)) as u32)
            .unwrap_or(k as u32 + 1);
        let idx = self.seats.len();
        self.seats.push(RawSeat {
            orig,
            id,
            name: text(o.get("name")).unwrap_or_else(|| format!("{row}{number}")),
            row,
            number,
            x: int(o.get("x")),
            y: int(o.get("y")),
            area,
            prev: o.get("previousSeatId").and_then(id_str),
            next: o.get("nextSeatId").and_then(id_str),
            prev_aisle: o.get("previousIsAcrossAisle").and_then(Value::as_bool).unwrap_or(false),
            next_aisle: o.get("nextIsAcrossAisle").and_then(Value::as_bool).unwrap_or(false),
        });
        if let Some(a) = self.areas.get_mut(area) {
            a.seats.push(idx);
        }
        Ok(())
    }
}

/// Adds the plan to the world; returns the catalog row for it.
pub fn load(world: &mut World, v: &Value) -> Result<Value, ApiError> {
    if !v.is_object() {
        return Err(ApiError::validation(vec!["The plan must be a JSON object".into()]));
    }
    world.uploads += 1;
    let rng = seeded(world.seed, 1000 + world.uploads);
    let mut p = Parser { world, rng, areas: vec![], seats: vec![], area_ids: HashSet::new(), seat_ids: HashSet::new() };
    p.area(v, None, 0)?;
    let Parser { world, mut rng, areas, seats: raw, .. } = p;
    // Links: the file's own where given, else inferred per row below.
    let by_orig: HashMap<String, u64> = raw.iter().filter_map(|s| s.orig.clone().map(|o| (o, s.id))).collect();
    let mut seats: Vec<Seat> = raw
        .iter()
        .map(|r| Seat {
            id: r.id,
            name: r.name.clone(),
            row: r.row.clone(),
            number: r.number,
            x: r.x,
            y: r.y,
            ax: 0,
            ay: 0,
            area: r.area,
            band: 0,
            lock: None,
            info: None,
            prev: r.prev.as_ref().and_then(|o| by_orig.get(o).copied()),
            next: r.next.as_ref().and_then(|o| by_orig.get(o).copied()),
            prev_aisle: r.prev_aisle,
            next_aisle: r.next_aisle,
        })
        .collect();
    // Absolute y per seat, for rows and bands.
    let mut abs = vec![(0i64, 0i64); areas.len()];
    for (i, a) in areas.iter().enumerate() {
        let b = a.parent.and_then(|p| abs.get(p).copied()).unwrap_or((0, 0));
        abs[i] = (b.0 + i64::from(a.x), b.1 + i64::from(a.y));
    }
    let mut rows: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (i, s) in seats.iter().enumerate() {
        rows.entry((s.area, s.row.clone())).or_default().push(i);
    }
    for list in rows.values_mut() {
        // Rows that name no neighbours are linked left to right.
        if list.iter().any(|&i| raw[i].prev.is_some() || raw[i].next.is_some()) {
            continue;
        }
        list.sort_by_key(|&i| (seats[i].x, seats[i].number));
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            seats[a].next = Some(seats[b].id);
            seats[b].prev = Some(seats[a].id);
        }
    }
    let mut depth: Vec<(i64, usize)> = rows
        .values()
        .enumerate()
        .map(|(k, list)| {
            let sum: i64 = list.iter().map(|&i| abs[seats[i].area].1 + i64::from(seats[i].y)).sum();
            (sum / list.len().max(1) as i64, k)
        })
        .collect();
    depth.sort();
    let n = depth.len().max(1);
    let mut band_of_row = vec![0usize; depth.len()];
    for (rank, &(_, k)) in depth.iter().enumerate() {
        band_of_row[k] = (rank * 4 / n).min(3);
    }
    for (k, list) in rows.values().enumerate() {
        for &i in list {
            seats[i].band = band_of_row[k];
        }
    }
    let bands: Vec<Band> = ["Band A", "Band B", "Band C", "Band D", "Standing"]
        .iter()
        .map(|n| Band { id: spektrix_id(&mut rng), name: (*n).to_string() })
        .collect();
    let lock_types = standard_lock_types(&mut rng);
    let focus = {
        let xs: Vec<i64> = seats.iter().map(|s| abs[s.area].0 + i64::from(s.x)).collect();
        let miny = seats.iter().map(|s| abs[s.area].1 + i64::from(s.y)).min().unwrap_or(0);
        let mean = if xs.is_empty() { 0 } else { xs.iter().sum::<i64>() / xs.len() as i64 };
        (mean.clamp(-1_000_000_000, 1_000_000_000) as i32, (miny - 60).clamp(-1_000_000_000, 1_000_000_000) as i32)
    };
    let root = areas.first().map(|a| (a.id.clone(), a.name.clone())).unwrap_or_default();
    let count = seats.len();
    let plan = finish_plan(root.0, root.1.clone(), "file", areas, seats, bands, lock_types, focus);
    let spec = Spec {
        event_name: &root.1,
        description: "A plan loaded from a file.",
        duration: 120,
        presell: false,
        starts: &[("2026-12-20T19:30:00", true, 1.0)],
    };
    let (plan_index, instance_index) = world.add(plan, &spec, &mut rng);
    let plan = &world.plans[plan_index];
    let instance = &world.instances[instance_index];
    Ok(json!({
        "planId": plan.id, "instanceId": instance.id,
        "eventId": world.events.get(instance.event).map(|e| e.id.clone()), "seats": count,
    }))
}
