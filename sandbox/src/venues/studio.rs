//! The studio: ~150 seats in one reserved area, shallow curved rows around a
//! thrust stage, a centre aisle, two wheelchair spaces. No best available.

use super::{arc, row_letters, PlanBuilder, LT_COMPANION, LT_WHEELCHAIR};
use crate::model::Plan;

pub fn build(mut b: PlanBuilder<'_>) -> Plan {
    let area = b.area(0, "Studio Seating", 40, 60);
    let rows = row_letters(8);
    let mut last = vec![];
    for (i, row) in rows.iter().enumerate() {
        let n = 16 + i;
        let half = n / 2;
        let pts = arc((400.0, -300.0), 420.0 + 26.0 * i as f64, n, 25.0, &[(half - 1, 30.0)], 0.0);
        let band = match i {
            0..=2 => 0,
            3..=5 => 1,
            _ => 2,
        };
        last = b.row(area, row, &pts, &[half - 1], band);
    }
    if let (Some(&a), Some(&z)) = (last.first(), last.last()) {
        b.lock(a, LT_WHEELCHAIR, None);
        b.lock(z, LT_WHEELCHAIR, None);
    }
    if let Some(&c) = last.get(1) {
        b.lock(c, LT_COMPANION, Some("Companion seat beside a wheelchair space"));
    }
    b.focus = (440, 60);
    b.finish()
}
