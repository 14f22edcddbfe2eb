//! The theatre (~1,200 places): curved Stalls with two aisles, a "Circles"
//! container holding the Dress Circle (members' front rows) and the steeper
//! Upper Circle (pillar seats with restricted view), side Boxes (some house
//! seats, named "Box A1"...), and a Standing unreserved area.

use super::{arc, row_letters, PlanBuilder, LT_COMPANION, LT_HOUSE, LT_MEMBERS, LT_RESTRICTED, LT_WHEELCHAIR};
use crate::model::Plan;

pub fn build(mut b: PlanBuilder<'_>) -> Plan {
    let stalls = b.area(0, "Stalls", 100, 160);
    let rows = row_letters(18);
    for (i, row) in rows.iter().enumerate() {
        let side = 7 + i / 4;
        let centre = 12 + i / 3;
        let n = side * 2 + centre;
        let aisles = [side - 1, side + centre - 1];
        let gaps = [(aisles[0], 40.0), (aisles[1], 40.0)];
        let pts = arc((500.0, -1100.0), 1240.0 + 28.0 * i as f64, n, 25.0, &gaps, 0.0);
        let band = match i {
            0..=4 => 0,
            5..=11 => 1,
            _ => 2,
        };
        let seats = b.row(stalls, row, &pts, &aisles, band);
        if i == rows.len() - 1 {
            let companion = Some("Companion seat beside a wheelchair space");
            for (k, &s) in seats.iter().enumerate() {
                if k < 2 || k + 2 >= n {
                    b.lock(s, LT_WHEELCHAIR, None);
                } else if k == 2 || k + 3 == n {
                    b.lock(s, LT_COMPANION, companion);
                }
            }
        }
    }
    b.unreserved(0, "Standing", (340, 800), 80, (520, 70), 4);

    let circles = b.area(0, "Circles", 20, 900);
    let dress = b.area(circles, "Dress Circle", 100, 20);
    for (i, row) in row_letters(8).iter().enumerate() {
        let side = 6 + i / 3;
        let centre = 14 + i / 2;
        let n = side * 2 + centre;
        let aisles = [side - 1, side + centre - 1];
        let gaps = [(aisles[0], 36.0), (aisles[1], 36.0)];
        let pts = arc((500.0, -1340.0), 1440.0 + 30.0 * i as f64, n, 25.0, &gaps, 0.0);
        let seats = b.row(dress, row, &pts, &aisles, if i < 3 { 0 } else { 1 });
        if i < 2 {
            for &s in &seats[side + 3..side + centre - 3] {
                b.lock(s, LT_MEMBERS, None);
            }
        }
    }
    let upper = b.area(circles, "Upper Circle", 80, 330);
    for (i, row) in row_letters(9).iter().enumerate() {
        let side = 6;
        let centre = 16 + i;
        let n = side * 2 + centre;
        let aisles = [side - 1, side + centre - 1];
        let gaps = [(aisles[0], 34.0), (aisles[1], 34.0)];
        let pts = arc((520.0, -640.0), 760.0 + 30.0 * i as f64, n, 24.0, &gaps, 0.0);
        let seats = b.row(upper, row, &pts, &aisles, if i < 4 { 2 } else { 3 });
        if i == 2 || i == 3 {
            let pillar = Some("Restricted view: pillar");
            for &s in [seats[side], seats[side + 1], seats[side + centre - 2], seats[side + centre - 1]].iter() {
                b.lock(s, LT_RESTRICTED, pillar);
            }
        }
    }

    let boxes = b.area(0, "Boxes", 0, 260);
    for (k, (name, x, y)) in
        [("Box A", 30, 0), ("Box B", 30, 130), ("Box C", 1170, 0), ("Box D", 1170, 130)].into_iter().enumerate()
    {
        let area = b.area(boxes, name, x, y);
        let pts: Vec<(i32, i32)> = (0..4).map(|j| (0, j * 26)).collect();
        let names: Vec<String> = (1..=4).map(|j| format!("{name}{j}")).collect();
        let seats = b.named_row(area, name, &pts, &[], 0, &names);
        if k == 0 || k == 2 {
            for &s in &seats[..2] {
                b.lock(s, LT_HOUSE, None);
            }
        }
    }
    b.focus = (600, 90);
    b.finish()
}
