//! Reading a Spektrix-shaped `plans/{id}` tree into areas and seats, shared
//! by plan uploads (`plan_file`) and capture replays (`replay`): ids as
//! strings or numbers, nulls and unknown fields tolerated, seat links taken
//! from the file or inferred per row. Seat ids only have to be unique within
//! the plan: every lookup of a seat goes through its own plan.

use std::collections::{BTreeMap, HashMap, HashSet};

use rand::rngs::StdRng;
use serde_json::Value;

use crate::decode::id_str;
use crate::errors::ApiError;
use crate::ids::spektrix_id;
use crate::model::{Area, AreaKind, Seat};

pub const MAX_SEATS: usize = 250_000;
pub const MAX_AREAS: usize = 20_000;
const MAX_DEPTH: usize = 100;
/// Places in an unreserved area that gives no capacity.
const DEFAULT_CAPACITY: u32 = 100;

/// What to do with a seat id that cannot be kept as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeatIds {
    /// Uploads: a missing, non-numeric or repeated id gets a fresh number,
    /// and a record that is not an object refuses the whole plan.
    Generate,
    /// Replays: the ids are the venue's, so a seat whose id is missing, is
    /// not a plain whole number or repeats one is left out and reported,
    /// and so is any record that is not an object.
    Keep,
}

/// A plan read from JSON, before bands, locks and prices are decided.
#[derive(Debug)]
pub struct ParsedPlan {
    pub root_name: String,
    /// Area 0 is the root.
    pub areas: Vec<Area>,
    pub seats: Vec<Seat>,
    /// Unreserved areas whose capacity the file does not give (they have
    /// `DEFAULT_CAPACITY` for now).
    pub capacity_missing: Vec<usize>,
    /// What was left out or made up, in plain words.
    pub notes: Vec<String>,
}

struct RawSeat {
    /// The id as text, as the file gives it.
    given: Option<String>,
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

struct Reader<'r> {
    rng: &'r mut StdRng,
    policy: SeatIds,
    root_id: Option<String>,
    areas: Vec<Area>,
    seats: Vec<RawSeat>,
    area_ids: HashSet<String>,
    capacity_missing: Vec<usize>,
    notes: Vec<String>,
}

/// A whole number of plan units, clamped; anything unreadable is 0.
fn int(v: Option<&Value>) -> i32 {
    v.and_then(Value::as_f64).filter(|f| f.is_finite()).map(|f| f.round().clamp(-1e9, 1e9) as i32).unwrap_or(0)
}

/// What a JSON value is, for a note.
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    }
}

/// A seat id the sandbox can keep exactly: a whole number written the way
/// it would write it back (no sign, no leading zeros).
pub fn plain_seat_id(text: &str) -> Option<u64> {
    text.parse::<u64>().ok().filter(|n| n.to_string() == text)
}

impl Reader<'_> {
    /// An upload is refused with `problem`; a replay notes `note` and goes on.
    fn refuse_or_skip(&mut self, problem: &str, note: String) -> Result<(), ApiError> {
        match self.policy {
            SeatIds::Generate => Err(ApiError::validation(vec![problem.to_string()])),
            SeatIds::Keep => {
                self.notes.push(note);
                Ok(())
            }
        }
    }

    fn parent_name(&self, parent: Option<usize>) -> String {
        parent.and_then(|p| self.areas.get(p)).map(|a| a.name.clone()).unwrap_or_default()
    }

    fn area(&mut self, v: &Value, parent: Option<usize>, depth: usize) -> Result<(), ApiError> {
        if depth > MAX_DEPTH {
            return Err(ApiError::validation(vec![format!("Areas nest deeper than {MAX_DEPTH} levels")]));
        }
        if self.areas.len() >= MAX_AREAS {
            return Err(ApiError::validation(vec![format!("More than {MAX_AREAS} areas")]));
        }
        let Value::Object(o) = v else {
            let note =
                format!("an area inside {} is {}, not an object; left out", self.parent_name(parent), kind_of(v));
            return self.refuse_or_skip("Every area must be an object", note);
        };
        let given = o.get("id").and_then(id_str);
        let id = match (parent, &self.root_id, given) {
            (None, Some(root), _) => root.clone(),
            (Some(_), _, Some(id)) if !self.area_ids.contains(&id) => id,
            (_, _, given) => {
                let id = spektrix_id(self.rng);
                if let (Some(given), SeatIds::Keep, Some(_)) = (given, self.policy, parent) {
                    self.notes.push(format!("area id {given} is used twice; the second one is called {id} here"));
                }
                id
            }
        };
        self.area_ids.insert(id.clone());
        let type_name = o.get("type").and_then(Value::as_str).unwrap_or("").to_string();
        let seats = o.get("seats").and_then(Value::as_array);
        let idx = self.areas.len();
        let kind = if type_name.eq_ignore_ascii_case("unreserved") {
            let capacity = o.get("capacity").and_then(Value::as_f64).filter(|f| f.is_finite());
            if capacity.is_none() {
                self.capacity_missing.push(idx);
            }
            AreaKind::Unreserved {
                capacity: capacity.map(|c| c.clamp(0.0, 1e6) as u32).unwrap_or(DEFAULT_CAPACITY),
                width: Some(int(o.get("width"))).filter(|w| *w > 0).unwrap_or(200),
                height: Some(int(o.get("height"))).filter(|h| *h > 0).unwrap_or(100),
                band: 0,
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
        Ok(())
    }

    fn seat(&mut self, v: &Value, area: usize, k: usize) -> Result<(), ApiError> {
        if self.seats.len() >= MAX_SEATS {
            return Err(ApiError::validation(vec![format!("More than {MAX_SEATS} seats")]));
        }
        let Value::Object(o) = v else {
            let note =
                format!("a seat in area {} is {}, not an object; left out", self.parent_name(Some(area)), kind_of(v));
            return self.refuse_or_skip("Every seat must be an object", note);
        };
        let row = text(o.get("row")).unwrap_or_default();
        let number = o
            .get("number")
            .and_then(|n| n.as_u64().or_else(|| n.as_str().and_then(|s| s.trim().parse().ok())))
            .map(|n| n.min(u64::from(u32::MAX)) as u32)
            .unwrap_or(k as u32 + 1);
        self.seats.push(RawSeat {
            given: o.get("id").and_then(id_str),
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
        Ok(())
    }

    /// Decides every seat's id (see `SeatIds`): `None` for a seat left out.
    fn seat_ids(&mut self) -> Vec<Option<u64>> {
        let mut used = HashSet::new();
        let mut ids: Vec<Option<u64>> = Vec::with_capacity(self.seats.len());
        for raw in &self.seats {
            let wanted = match self.policy {
                SeatIds::Keep => raw.given.as_deref().and_then(plain_seat_id),
                SeatIds::Generate => raw.given.as_deref().and_then(|s| s.parse::<u64>().ok()).filter(|&n| n > 0),
            };
            ids.push(wanted.filter(|&n| used.insert(n)));
        }
        let mut next = used.iter().copied().max().unwrap_or(0);
        for (raw, id) in self.seats.iter().zip(ids.iter_mut()) {
            if id.is_some() {
                continue;
            }
            match self.policy {
                SeatIds::Generate => {
                    next += 1;
                    while used.contains(&next) {
                        next += 1;
                    }
                    used.insert(next);
                    *id = Some(next);
                }
                SeatIds::Keep => {
                    let area = self.areas.get(raw.area).map(|a| a.name.as_str()).unwrap_or("");
                    let why = match &raw.given {
                        None => "has no id".to_string(),
                        Some(given) if plain_seat_id(given).is_some() => format!("repeats the id {given}"),
                        Some(given) => format!("has the id {given:?}, which is not a plain whole number"),
                    };
                    self.notes.push(format!("seat {} in area {area} {why}; left out", raw.name));
                }
            }
        }
        ids
    }
}

/// Absolute offsets of each area (parents always precede children).
pub fn absolute_offsets(areas: &[Area]) -> Vec<(i64, i64)> {
    let mut abs = vec![(0i64, 0i64); areas.len()];
    for (i, a) in areas.iter().enumerate() {
        let base = a.parent.and_then(|p| abs.get(p).copied()).unwrap_or((0, 0));
        abs[i] = (base.0 + i64::from(a.x), base.1 + i64::from(a.y));
    }
    abs
}

/// The point best available measures from: the seats' mean x, a little in
/// front of the front row.
pub fn front_centre(areas: &[Area], seats: &[Seat]) -> (i32, i32) {
    let abs = absolute_offsets(areas);
    let offset = |s: &Seat| abs.get(s.area).copied().unwrap_or((0, 0));
    let xs: Vec<i64> = seats.iter().map(|s| offset(s).0 + i64::from(s.x)).collect();
    let front = seats.iter().map(|s| offset(s).1 + i64::from(s.y)).min().unwrap_or(0);
    let mean = if xs.is_empty() { 0 } else { xs.iter().sum::<i64>() / xs.len() as i64 };
    let limit = 1_000_000_000;
    (mean.clamp(-limit, limit) as i32, (front - 60).clamp(-limit, limit) as i32)
}

/// Reads a plan tree. `root_taken` says whether the root's id is already
/// another plan's (then the root gets a generated id and `root_id` is `None`).
pub fn parse(
    v: &Value,
    policy: SeatIds,
    rng: &mut StdRng,
    root_taken: impl Fn(&str) -> bool,
) -> Result<ParsedPlan, ApiError> {
    if !v.is_object() {
        return Err(ApiError::validation(vec!["The plan must be a JSON object".into()]));
    }
    let root_id = v.get("id").and_then(id_str).filter(|id| !root_taken(id));
    let mut reader = Reader {
        rng,
        policy,
        root_id: root_id.clone(),
        areas: vec![],
        seats: vec![],
        area_ids: root_id.iter().cloned().collect(),
        capacity_missing: vec![],
        notes: vec![],
    };
    reader.area(v, None, 0)?;
    let ids = reader.seat_ids();
    let Reader { mut areas, seats: raw, capacity_missing, notes, .. } = reader;
    let mut by_given: HashMap<&str, u64> = HashMap::new();
    for (r, id) in raw.iter().zip(&ids) {
        if let (Some(given), Some(id)) = (r.given.as_deref(), id) {
            by_given.entry(given).or_insert(*id);
        }
    }
    let kept: Vec<(&RawSeat, u64)> = raw.iter().zip(&ids).filter_map(|(r, id)| id.map(|id| (r, id))).collect();
    let mut seats: Vec<Seat> = kept
        .iter()
        .map(|(r, id)| Seat {
            id: *id,
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
            prev: r.prev.as_deref().and_then(|o| by_given.get(o).copied()),
            next: r.next.as_deref().and_then(|o| by_given.get(o).copied()),
            prev_aisle: r.prev_aisle,
            next_aisle: r.next_aisle,
        })
        .collect();
    for (i, s) in seats.iter().enumerate() {
        if let Some(a) = areas.get_mut(s.area) {
            a.seats.push(i);
        }
    }
    link_rows(&mut seats, &kept);
    let root_name = areas.first().map(|a| a.name.clone()).unwrap_or_default();
    Ok(ParsedPlan { root_name, areas, seats, capacity_missing, notes })
}

/// Links rows that name no neighbours left to right (by x, then number).
fn link_rows(seats: &mut [Seat], kept: &[(&RawSeat, u64)]) {
    for list in rows(seats).values_mut() {
        if list.iter().any(|&i| kept[i].0.prev.is_some() || kept[i].0.next.is_some()) {
            continue;
        }
        list.sort_by_key(|&i| (seats[i].x, seats[i].number));
        for pair in list.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            seats[a].next = Some(seats[b].id);
            seats[b].prev = Some(seats[a].id);
        }
    }
}

/// Seats grouped by (area, row), in row order: the unit bands are given by.
pub fn rows(seats: &[Seat]) -> BTreeMap<(usize, String), Vec<usize>> {
    let mut rows: BTreeMap<(usize, String), Vec<usize>> = BTreeMap::new();
    for (i, s) in seats.iter().enumerate() {
        rows.entry((s.area, s.row.clone())).or_default().push(i);
    }
    rows
}
