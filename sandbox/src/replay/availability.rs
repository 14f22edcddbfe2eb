//! The captured `status/detail`, when it is JSON in the contract's shape
//! (docs/spektrix-v3.md §6.2): each seat's letter, price band, lock and
//! information text, each unreserved area's places, and the lock types'
//! names. Areas may be listed flat or nested under `areas` or `childPlans`;
//! ids may be text or numbers; a record that cannot be read is skipped.

use std::collections::HashMap;

use serde_json::Value;

use super::instance::nested_id;
use crate::decode::id_str;

/// Areas nest no deeper than this in a detail body.
const MAX_DEPTH: usize = 100;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DetailSeat {
    pub letter: String,
    pub band: Option<String>,
    pub lock: Option<String>,
    pub info: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DetailArea {
    pub capacity: Option<f64>,
    pub available: Option<f64>,
    pub in_basket: Option<f64>,
    /// The first price band the area names.
    pub band: Option<String>,
}

/// A lock type as the detail describes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LockDescription {
    pub name: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default)]
pub struct CapturedDetail {
    /// By seat id as text.
    pub seats: HashMap<String, DetailSeat>,
    /// By area id as text.
    pub areas: HashMap<String, DetailArea>,
    /// Lock type descriptions by id.
    pub lock_types: HashMap<String, LockDescription>,
    /// Every price band id named, in order of first appearance.
    pub band_ids: Vec<String>,
    /// Records that could not be read.
    pub skipped: usize,
}

fn number(v: Option<&Value>) -> Option<f64> {
    let n = match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    };
    n.filter(|n| n.is_finite())
}

fn text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl CapturedDetail {
    fn band(&mut self, id: Option<String>) -> Option<String> {
        if let Some(id) = &id {
            if !self.band_ids.contains(id) {
                self.band_ids.push(id.clone());
            }
        }
        id
    }

    fn seat(&mut self, v: &Value, band: Option<&str>) {
        let (Some(id), Some(letter)) = (v.get("id").and_then(id_str), text(v.get("status"))) else {
            self.skipped += 1;
            return;
        };
        let seat = DetailSeat {
            letter: letter.trim().to_ascii_uppercase(),
            band: band.map(str::to_string),
            lock: nested_id(v.get("lockType")),
            info: text(v.get("info")).filter(|i| !i.is_empty()),
        };
        self.seats.entry(id).or_insert(seat);
    }

    fn area(&mut self, v: &Value, depth: usize) {
        let Value::Object(o) = v else {
            self.skipped += 1;
            return;
        };
        if depth > MAX_DEPTH {
            self.skipped += 1;
            return;
        }
        for lock in o.get("lockTypes").and_then(Value::as_array).into_iter().flatten() {
            match lock.get("id").and_then(id_str) {
                Some(id) => {
                    let said =
                        LockDescription { name: text(lock.get("name")), description: text(lock.get("description")) };
                    self.lock_types.entry(id).or_insert(said);
                }
                None => self.skipped += 1,
            }
        }
        let mut first_band = None;
        for band in o.get("bands").and_then(Value::as_array).into_iter().flatten() {
            let id = self.band(nested_id(band.get("priceBand")).or_else(|| nested_id(band.get("band"))));
            if first_band.is_none() {
                first_band.clone_from(&id);
            }
            for seat in band.get("seats").and_then(Value::as_array).into_iter().flatten() {
                self.seat(seat, id.as_deref());
            }
        }
        // Seats listed straight under the area, without bands.
        for seat in o.get("seats").and_then(Value::as_array).into_iter().flatten() {
            self.seat(seat, None);
        }
        if let Some(id) = o.get("id").and_then(id_str) {
            let area = DetailArea {
                capacity: number(o.get("capacity")),
                available: number(o.get("available")),
                in_basket: number(o.get("inBasket")),
                band: first_band,
            };
            self.areas.entry(id).or_insert(area);
        }
        for key in ["areas", "childPlans"] {
            for child in o.get(key).and_then(Value::as_array).into_iter().flatten() {
                self.area(child, depth + 1);
            }
        }
    }
}

/// Reads a detail body in the contract's shape: an object with an `areas`
/// (or `childPlans`) list. Anything else is `None`: the sandbox then serves
/// the captured answer as it was.
pub fn read(body: &Value) -> Option<CapturedDetail> {
    let Value::Object(o) = body else {
        return None;
    };
    let lists: Vec<&Vec<Value>> = ["areas", "childPlans"].iter().filter_map(|k| o.get(*k)?.as_array()).collect();
    if lists.is_empty() {
        return None;
    }
    let mut detail = CapturedDetail::default();
    for area in lists.into_iter().flatten() {
        detail.area(area, 0);
    }
    Some(detail)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn letters_locks_and_places_are_read_from_nested_areas() {
        let body = json!({"instance": "I", "areas": [
            {"id": 5, "name": "Stalls", "bands": [
                {"priceBand": {"id": 10}, "seats": [
                    {"id": 1, "status": "a"},
                    {"id": "2", "status": "W", "lockType": "L1"},
                    {"id": 3, "status": "I", "lockType": {"id": "L2"}, "info": "Pillar"},
                    {"id": null, "status": "A"},
                    {"id": 4, "status": 1}
                ]}
             ],
             "lockTypes": [{"id": "L1", "name": "Wheelchair", "description": null}, {"name": "no id"}],
             "childPlans": [{"id": "S", "capacity": "20", "available": 14, "inBasket": null,
                             "bands": [{"priceBand": "11", "seats": []}], "lockTypes": null}]}
        ]});
        let detail = read(&body).unwrap();
        assert_eq!(detail.seats["1"].letter, "A");
        assert_eq!(detail.seats["1"].band.as_deref(), Some("10"));
        assert_eq!(detail.seats["2"].lock.as_deref(), Some("L1"));
        assert_eq!(detail.seats["3"].info.as_deref(), Some("Pillar"));
        assert_eq!(detail.seats["4"].letter, "1", "an unknown letter is kept, to be read as unavailable");
        assert_eq!(detail.skipped, 2);
        assert_eq!(detail.lock_types["L1"].name.as_deref(), Some("Wheelchair"));
        assert_eq!(detail.areas["S"].capacity, Some(20.0));
        assert_eq!(detail.areas["S"].band.as_deref(), Some("11"));
        assert_eq!(detail.band_ids, ["10", "11"]);
    }

    #[test]
    fn bodies_not_in_the_contracts_shape_are_not_read() {
        assert!(read(&json!([])).is_none());
        assert!(read(&json!({"errorCode": 50, "message": "x"})).is_none());
        assert!(read(&json!({"areas": {}})).is_none());
        assert!(read(&json!({"areas": []})).is_some());
    }
}
