//! What one session sees of a performance right now (`View`: a letter per
//! reserved seat, places per unreserved area) and the `GET instances/{id}/status`
//! counts made from it.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::letters::{letter, Letter, Viewer};
use crate::live::LiveInstance;
use crate::model::{AreaKind, Plan};
use crate::sync::lock;

/// What one session sees of a performance right now.
pub struct View {
    /// By seat index in the plan.
    pub letters: Vec<Letter>,
    /// Per unreserved leaf area: (available, in this session's basket).
    pub unreserved: BTreeMap<usize, (u64, u32)>,
}

impl View {
    /// A key that is equal exactly when two views render the same body.
    pub fn cache_key(&self, lock_information: bool) -> Vec<u8> {
        let mut key: Vec<u8> = Vec::with_capacity(self.letters.len() + self.unreserved.len() * 20 + 1);
        key.extend(self.letters.iter().map(|&l| l as u8));
        for (area, (available, mine)) in &self.unreserved {
            key.extend_from_slice(&(*area as u64).to_le_bytes());
            key.extend_from_slice(&available.to_le_bytes());
            key.extend_from_slice(&mine.to_le_bytes());
        }
        key.push(u8::from(lock_information));
        key
    }
}

pub fn view(plan: &Plan, live: &LiveInstance, viewer: Viewer) -> View {
    let table = lock(&live.seats);
    let letters = table.seats.iter().enumerate().map(|(seat, &state)| letter(plan, seat, state, viewer)).collect();
    let mut unreserved = BTreeMap::new();
    for &area in &plan.leaves {
        if let Some(AreaKind::Unreserved { .. }) = plan.areas.get(area).map(|a| &a.kind) {
            let mine = table
                .unreserved
                .get(&area)
                .and_then(|taken| taken.baskets.get(&viewer.session_number).copied())
                .unwrap_or(0);
            unreserved.insert(area, (table.unreserved_available(plan, area), mine));
        }
    }
    View { letters, unreserved }
}

#[derive(Default, Clone)]
struct Counts {
    capacity: u64,
    available: u64,
    wheelchair: u64,
    special: u64,
    in_basket: u64,
    unavailable: u64,
    bands: BTreeMap<usize, u64>,
    lock_available: BTreeMap<usize, u64>,
    lock_special: BTreeMap<usize, u64>,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.capacity += o.capacity;
        self.available += o.available;
        self.wheelchair += o.wheelchair;
        self.special += o.special;
        self.in_basket += o.in_basket;
        self.unavailable += o.unavailable;
        for (k, v) in &o.bands {
            *self.bands.entry(*k).or_default() += v;
        }
        for (k, v) in &o.lock_available {
            *self.lock_available.entry(*k).or_default() += v;
        }
        for (k, v) in &o.lock_special {
            *self.lock_special.entry(*k).or_default() += v;
        }
    }

    fn json(&self, plan: &Plan, name: &str, id: Option<&str>, lock_information: bool) -> Value {
        let bands: Vec<Value> = self
            .bands
            .iter()
            .filter_map(|(b, n)| plan.bands.get(*b).map(|band| json!({"priceBand": {"id": band.id}, "available": n})))
            .collect();
        // Counted per lock id: a replayed id may stand for two kinds, and a
        // lock without an id is never shown.
        let locks = |m: &BTreeMap<usize, u64>| -> Vec<Value> {
            let mut by_id: Vec<(&str, &str, u64)> = vec![];
            for (l, n) in m {
                let Some(t) = plan.lock_types.get(*l).filter(|t| !t.id.is_empty()) else {
                    continue;
                };
                match by_id.iter_mut().find(|(id, _, _)| *id == t.id) {
                    Some(entry) => entry.2 += n,
                    None => by_id.push((&t.id, &t.name, *n)),
                }
            }
            by_id.iter().map(|(id, name, n)| json!({"lockType": {"id": id, "name": name}, "quantity": n})).collect()
        };
        let mut v = json!({
            "name": name, "capacity": self.capacity, "available": self.available,
            "wheelchairAvailable": self.wheelchair, "specialAvailable": self.special,
            "inBasket": self.in_basket, "unavailable": self.unavailable, "bands": bands,
            "lockInfoAvailable": if lock_information { locks(&self.lock_available) } else { vec![] },
            "lockInfoSpecialAvailable": if lock_information { locks(&self.lock_special) } else { vec![] },
        });
        if let (Some(id), Some(o)) = (id, v.as_object_mut()) {
            o.insert("id".into(), json!(id));
        }
        v
    }
}

/// The counts body: totals for the plan and, if asked, one per leaf area.
pub fn counts(plan: &Plan, v: &View, children: bool, lock_information: bool) -> Value {
    let mut total = Counts::default();
    let mut children_json = vec![];
    for &a in &plan.leaves {
        let Some(area) = plan.areas.get(a) else {
            continue;
        };
        let mut c = Counts::default();
        if let AreaKind::Unreserved { capacity, band, .. } = area.kind {
            let (available, mine) = v.unreserved.get(&a).copied().unwrap_or((0, 0));
            c.capacity = u64::from(capacity);
            c.available = available;
            c.in_basket = u64::from(mine);
            c.unavailable = c.capacity.saturating_sub(available + c.in_basket);
            c.bands.insert(band, available);
        } else {
            for &s in &area.seats {
                let Some(seat) = plan.seats.get(s) else {
                    continue;
                };
                let letter = v.letters.get(s).copied().unwrap_or(Letter::Unavailable);
                c.capacity += 1;
                match letter {
                    Letter::Available | Letter::Info => c.available += 1,
                    Letter::Wheelchair => c.wheelchair += 1,
                    Letter::Special => c.special += 1,
                    Letter::InYourBasket => c.in_basket += 1,
                    Letter::Unavailable | Letter::Locked => c.unavailable += 1,
                }
                if letter.is_buyable() {
                    *c.bands.entry(seat.band).or_default() += 1;
                    if let Some(lock_type) = seat.lock {
                        let by_lock =
                            if letter == Letter::Special { &mut c.lock_special } else { &mut c.lock_available };
                        *by_lock.entry(lock_type).or_default() += 1;
                    }
                }
            }
        }
        total.add(&c);
        if children {
            children_json.push(c.json(plan, &area.name, Some(&area.id), lock_information));
        }
    }
    let mut out = total.json(plan, &plan.name, None, lock_information);
    if children {
        if let Some(o) = out.as_object_mut() {
            o.insert("childPlans".into(), Value::Array(children_json));
        }
    }
    out
}
