//! `GET instances/{id}/status` (counts) and `.../status/detail` (letters per
//! seat, hand-serialised and cached by the exact letters a session sees, with
//! a lazily gzipped copy so 200 pollers cost one render per change).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::{Arc, Mutex, OnceLock};

use bytes::Bytes;
use serde_json::{json, Value};

use crate::model::{AreaKind, Instance, Plan};
use crate::store::{letter, lock, InstanceRt};

/// What one session sees of an instance right now.
pub struct View {
    pub letters: Vec<u8>,
    /// Per unreserved leaf area: (available, in this session's basket).
    pub unres: BTreeMap<usize, (u64, u32)>,
}

pub fn view(plan: &Plan, rt: &InstanceRt, me: u64, member: bool) -> View {
    let st = lock(&rt.state);
    let letters = st.seats.iter().enumerate().map(|(i, s)| letter(plan, i, *s, me, member)).collect();
    let mut unres = BTreeMap::new();
    for &a in &plan.leaves {
        if let Some(AreaKind::Unreserved { .. }) = plan.areas.get(a).map(|x| &x.kind) {
            let mine = st.unres.get(&a).and_then(|u| u.baskets.get(&me).copied()).unwrap_or(0);
            unres.insert(a, (st.unres_available(plan, a), mine));
        }
    }
    View { letters, unres }
}

#[derive(Debug)]
pub struct Cached {
    key: Vec<u8>,
    pub raw: Bytes,
    gz: OnceLock<Bytes>,
}

impl Cached {
    pub fn gzip(&self) -> Bytes {
        self.gz
            .get_or_init(|| {
                use std::io::Write;
                let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
                if e.write_all(&self.raw).is_err() {
                    return Bytes::new();
                }
                e.finish().map(Bytes::from).unwrap_or_default()
            })
            .clone()
    }
}

#[derive(Debug, Default)]
pub struct DetailCache {
    entries: Mutex<Vec<Arc<Cached>>>,
}

impl DetailCache {
    pub fn clear(&self) {
        lock(&self.entries).clear();
    }
}

/// The status/detail body for a view, from the cache when possible.
pub fn detail(inst: &Instance, plan: &Plan, rt: &InstanceRt, v: &View, lockinfo: bool) -> Arc<Cached> {
    let mut key = v.letters.clone();
    for (a, (avail, mine)) in &v.unres {
        key.extend_from_slice(&(*a as u64).to_le_bytes());
        key.extend_from_slice(&avail.to_le_bytes());
        key.extend_from_slice(&mine.to_le_bytes());
    }
    key.push(u8::from(lockinfo));
    if let Some(hit) = lock(&rt.cache.entries).iter().find(|c| c.key == key) {
        return hit.clone();
    }
    let raw = Bytes::from(render_detail(inst, plan, v, lockinfo));
    let c = Arc::new(Cached { key, raw, gz: OnceLock::new() });
    let mut e = lock(&rt.cache.entries);
    e.insert(0, c.clone());
    e.truncate(8);
    c
}

fn js(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

pub fn render_detail(inst: &Instance, plan: &Plan, v: &View, lockinfo: bool) -> String {
    let mut out = String::with_capacity(64 + plan.seats.len() * 32);
    let _ = write!(out, "{{\"instance\":{},\"areas\":[", js(&inst.id));
    for (k, &a) in plan.leaves.iter().enumerate() {
        let Some(area) = plan.areas.get(a) else {
            continue;
        };
        if k > 0 {
            out.push(',');
        }
        let _ = write!(out, "{{\"id\":{},\"name\":{}", js(&area.id), js(&area.name));
        if let AreaKind::Unreserved { capacity, band, .. } = area.kind {
            let (avail, mine) = v.unres.get(&a).copied().unwrap_or((0, 0));
            let band_id = plan.bands.get(band).map(|b| b.id.as_str()).unwrap_or("");
            let _ = write!(
                out,
                ",\"capacity\":{capacity},\"available\":{avail},\"inBasket\":{mine},\"bands\":[{{\"priceBand\":{{\"id\":{}}},\"seats\":[]}}]",
                js(band_id)
            );
            if lockinfo {
                out.push_str(",\"lockTypes\":[]");
            }
            out.push('}');
            continue;
        }
        out.push_str(",\"bands\":[");
        let mut used_locks: Vec<usize> = vec![];
        let mut first_band = true;
        for (b, band) in plan.bands.iter().enumerate() {
            let mut seats = area.seats.iter().filter(|&&s| plan.seats.get(s).is_some_and(|x| x.band == b)).peekable();
            if seats.peek().is_none() {
                continue;
            }
            if !first_band {
                out.push(',');
            }
            first_band = false;
            let _ = write!(out, "{{\"priceBand\":{{\"id\":{}}},\"seats\":[", js(&band.id));
            for (j, &s) in seats.enumerate() {
                let Some(seat) = plan.seats.get(s) else {
                    continue;
                };
                let l = v.letters.get(s).copied().unwrap_or(b'U');
                if j > 0 {
                    out.push(',');
                }
                let shown = if l == b'u' { 'U' } else { char::from(l) };
                let _ = write!(out, "{{\"id\":\"{}\",\"status\":\"{}\"", seat.id, shown);
                // Every locked seat names its lock (the contract), including
                // one in this session's basket; a sold seat shows no lock.
                if lockinfo && matches!(l, b'W' | b'X' | b'I' | b'u' | b'B') {
                    if let Some(lt) = seat.lock.and_then(|x| plan.lock_types.get(x).map(|t| (x, t))) {
                        let _ = write!(out, ",\"lockType\":{}", js(&lt.1.id));
                        if !used_locks.contains(&lt.0) {
                            used_locks.push(lt.0);
                        }
                    }
                    if l == b'I' {
                        if let Some(info) = &seat.info {
                            let _ = write!(out, ",\"info\":{}", js(info));
                        }
                    }
                }
                out.push('}');
            }
            out.push_str("]}");
        }
        out.push(']');
        if lockinfo {
            out.push_str(",\"lockTypes\":[");
            used_locks.sort_unstable();
            for (j, &lt) in used_locks.iter().enumerate() {
                let Some(t) = plan.lock_types.get(lt) else {
                    continue;
                };
                if j > 0 {
                    out.push(',');
                }
                let _ = write!(
                    out,
                    "{{\"id\":{},\"name\":{},\"description\":{}}}",
                    js(&t.id),
                    js(&t.name),
                    js(&t.description)
                );
            }
            out.push(']');
        }
        out.push('}');
    }
    out.push_str("]}");
    out
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
    lock_avail: BTreeMap<usize, u64>,
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
        for (k, v) in &o.lock_avail {
            *self.lock_avail.entry(*k).or_default() += v;
        }
        for (k, v) in &o.lock_special {
            *self.lock_special.entry(*k).or_default() += v;
        }
    }

    fn json(&self, plan: &Plan, name: &str, id: Option<&str>, lockinfo: bool) -> Value {
        let bands: Vec<Value> = self
            .bands
            .iter()
            .filter_map(|(b, n)| plan.bands.get(*b).map(|band| json!({"priceBand": {"id": band.id}, "available": n})))
            .collect();
        let locks = |m: &BTreeMap<usize, u64>| -> Vec<Value> {
            m.iter()
                .filter_map(|(l, n)| {
                    plan.lock_types.get(*l).map(|t| json!({"lockType": {"id": t.id, "name": t.name}, "quantity": n}))
                })
                .collect()
        };
        let mut v = json!({
            "name": name, "capacity": self.capacity, "available": self.available,
            "wheelchairAvailable": self.wheelchair, "specialAvailable": self.special,
            "inBasket": self.in_basket, "unavailable": self.unavailable, "bands": bands,
            "lockInfoAvailable": if lockinfo { locks(&self.lock_avail) } else { vec![] },
            "lockInfoSpecialAvailable": if lockinfo { locks(&self.lock_special) } else { vec![] },
        });
        if let (Some(id), Some(o)) = (id, v.as_object_mut()) {
            o.insert("id".into(), json!(id));
        }
        v
    }
}

/// The counts body: totals for the plan and, if asked, one per leaf area.
pub fn counts(plan: &Plan, v: &View, children: bool, lockinfo: bool) -> Value {
    let mut total = Counts::default();
    let mut kids = vec![];
    for &a in &plan.leaves {
        let Some(area) = plan.areas.get(a) else {
            continue;
        };
        let mut c = Counts::default();
        if let AreaKind::Unreserved { capacity, band, .. } = area.kind {
            let (avail, mine) = v.unres.get(&a).copied().unwrap_or((0, 0));
            c.capacity = u64::from(capacity);
            c.available = avail;
            c.in_basket = u64::from(mine);
            c.unavailable = c.capacity.saturating_sub(avail + c.in_basket);
            c.bands.insert(band, avail);
        } else {
            for &s in &area.seats {
                let Some(seat) = plan.seats.get(s) else {
                    continue;
                };
                let l = v.letters.get(s).copied().unwrap_or(b'U');
                c.capacity += 1;
                match l {
                    b'A' | b'I' => c.available += 1,
                    b'W' => c.wheelchair += 1,
                    b'X' => c.special += 1,
                    b'B' => c.in_basket += 1,
                    _ => c.unavailable += 1,
                }
                if matches!(l, b'A' | b'I' | b'W' | b'X') {
                    *c.bands.entry(seat.band).or_default() += 1;
                    if let Some(lt) = seat.lock {
                        let m = if l == b'X' { &mut c.lock_special } else { &mut c.lock_avail };
                        *m.entry(lt).or_default() += 1;
                    }
                }
            }
        }
        total.add(&c);
        if children {
            kids.push(c.json(plan, &area.name, Some(&area.id), lockinfo));
        }
    }
    let mut out = total.json(plan, &plan.name, None, lockinfo);
    if children {
        if let Some(o) = out.as_object_mut() {
            o.insert("childPlans".into(), Value::Array(kids));
        }
    }
    out
}
