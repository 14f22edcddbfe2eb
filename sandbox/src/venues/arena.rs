//! The arena (~20,000 seats): two tiers of 16 blocks each around a central
//! standing floor, rows curving to face the floor. Every block is its own
//! reserved area inside a tier container, so offsets nest three deep.

use super::{arc, row_letters, PlanBuilder, LT_COMPANION, LT_HOUSE, LT_MEMBERS, LT_RESTRICTED, LT_WHEELCHAIR};
use crate::model::Plan;

const CENTRE: (f64, f64) = (2600.0, 2600.0);
const BLOCKS: usize = 16;

pub fn build(mut b: PlanBuilder<'_>) -> Plan {
    b.unreserved(0, "Floor Standing", (1900, 2050), 2500, (1400, 1100), 4);
    let rows = row_letters(26);
    for (tier, (name, offset, r0, first)) in
        [("Lower Tier", (100, 100), 900.0, 101), ("Upper Tier", (60, 40), 1640.0, 201)].into_iter().enumerate()
    {
        let tier_area = b.area(0, name, offset.0, offset.1);
        let span = std::f64::consts::TAU / BLOCKS as f64;
        for k in 0..BLOCKS {
            let dir = k as f64 * span;
            let mut row_pts = vec![];
            for i in 0..rows.len() {
                let r = r0 + 26.0 * i as f64;
                let n = ((r * span * 0.86) / 22.0).floor() as usize;
                row_pts.push(arc(CENTRE, r, n, 22.0, &[], dir));
            }
            let minx = row_pts.iter().flatten().map(|p| p.0).min().unwrap_or(0);
            let miny = row_pts.iter().flatten().map(|p| p.1).min().unwrap_or(0);
            let block_name = format!("Block {}", first + k);
            let area = b.area(tier_area, &block_name, minx - offset.0, miny - offset.1);
            for (i, pts) in row_pts.iter().enumerate() {
                let rel: Vec<(i32, i32)> = pts.iter().map(|p| (p.0 - minx, p.1 - miny)).collect();
                let band = tier * 2 + usize::from(i >= 10);
                let seats = b.row(area, &rows[i], &rel, &[], band);
                decorate(&mut b, tier, k, i, &seats, rows.len());
            }
        }
    }
    b.focus = (2600, 2150);
    b.finish()
}

fn decorate(b: &mut PlanBuilder<'_>, tier: usize, block: usize, row: usize, seats: &[usize], rows: usize) {
    if tier == 0 && block % 4 == 1 && row + 1 == rows {
        for (j, &s) in seats.iter().take(5).enumerate() {
            if j < 4 {
                b.lock(s, LT_WHEELCHAIR, None);
            } else {
                b.lock(s, LT_COMPANION, Some("Companion seat beside a wheelchair space"));
            }
        }
    }
    if tier == 0 && block == 3 && row < 3 {
        for &s in seats {
            b.lock(s, LT_MEMBERS, None);
        }
    }
    if tier == 0 && block == 0 && row < 2 {
        for &s in seats.iter().take(4) {
            b.lock(s, LT_HOUSE, None);
        }
    }
    if block == 8 && row < 3 {
        for &s in seats.iter().take(6) {
            b.lock(s, LT_RESTRICTED, Some("Restricted view: behind the stage"));
        }
    }
}
