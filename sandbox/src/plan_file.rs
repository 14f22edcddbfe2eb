//! Loading a Spektrix-shaped `plans/{id}` JSON (from `--plan-file` or
//! `POST /_sandbox/plans`) as an extra venue: the tree is read by
//! `plan_tree` (seat ids kept as the file gives them; only a missing or
//! repeated one gets a fresh number), bands are assigned by row depth, and
//! a price list, an event and an instance are added.

use serde_json::{json, Value};

use crate::errors::ApiError;
use crate::ids::{seeded, spektrix_id};
use crate::model::{AreaKind, Band};
use crate::plan_tree::{self, absolute_offsets, front_centre, SeatIds};
use crate::venues::{finish_plan, standard_lock_types};
use crate::world::{Spec, World};

pub use crate::plan_tree::{MAX_AREAS, MAX_SEATS};

/// The band index unreserved areas of a loaded plan are sold in.
const STANDING_BAND: usize = 4;

/// Adds the plan to the world; returns the catalog row for it.
pub fn load(world: &mut World, v: &Value) -> Result<Value, ApiError> {
    if !v.is_object() {
        return Err(ApiError::validation(vec!["The plan must be a JSON object".into()]));
    }
    world.uploads += 1;
    let mut rng = seeded(world.seed, 1000 + world.uploads);
    let parsed = plan_tree::parse(v, SeatIds::Generate, &mut rng, |id| world.plan_by_id.contains_key(id))?;
    let plan_tree::ParsedPlan { areas: mut plan_areas, mut seats, .. } = parsed;
    for area in &mut plan_areas {
        if let AreaKind::Unreserved { band, .. } = &mut area.kind {
            *band = STANDING_BAND;
        }
    }
    // Bands by how deep a row sits: the front quarter of rows is Band A.
    let abs = absolute_offsets(&plan_areas);
    let rows = plan_tree::rows(&seats);
    let mut depth: Vec<(i64, usize)> = rows
        .values()
        .enumerate()
        .map(|(k, list)| {
            let sum: i64 =
                list.iter().map(|&i| abs.get(seats[i].area).map(|a| a.1).unwrap_or(0) + i64::from(seats[i].y)).sum();
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
    let focus = front_centre(&plan_areas, &seats);
    let root = plan_areas.first().map(|a| (a.id.clone(), a.name.clone())).unwrap_or_default();
    let count = seats.len();
    let plan = finish_plan(root.0, root.1.clone(), "file", plan_areas, seats, bands, lock_types, focus);
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
