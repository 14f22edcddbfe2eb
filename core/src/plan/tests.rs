use super::*;
use crate::decode;
use crate::error::ApiError;
use crate::fixtures;

fn read(json: &str) -> Result<Plan, ApiError> {
    decode::plan(&fixtures::json(json))
}

fn count(plan: &Plan, what: &str) -> u32 {
    plan.report.problems().iter().filter(|p| p.what.contains(what)).map(|p| p.count).sum()
}

fn seat<'a>(plan: &'a Plan, id: &str) -> &'a Seat {
    plan.seat(plan.seat_by_id(id).expect("seat exists"))
}

#[test]
fn offsets_add_up_down_the_area_tree() {
    let plan = fixtures::plan();
    assert_eq!((seat(&plan, "1").x, seat(&plan, "1").y), (100.0, 50.0));
    assert_eq!((seat(&plan, "7").x, seat(&plan, "7").y), (140.0, 70.0));
    // Circle sits in Upstairs (0,300) and adds (10,20).
    assert_eq!((seat(&plan, "9").x, seat(&plan, "9").y), (30.0, 320.0));
}

#[test]
fn every_seat_is_kept_with_numeric_ids_as_text() {
    let plan = fixtures::plan();
    assert_eq!(plan.seat_count(), 9);
    assert_eq!(&*seat(&plan, "8").name, "C1");
    assert!(plan.report.is_empty(), "{:?}", plan.report);
}

#[test]
fn bounds_cover_seats_and_unreserved_blocks() {
    let plan = fixtures::plan();
    let half = plan.seat_pitch / 2.0;
    assert_eq!(plan.seat_pitch, 20.0);
    assert_eq!(plan.bounds.x, 10.0 - half);
    assert_eq!(plan.bounds.y, 50.0 - half);
    assert_eq!(plan.bounds.right(), 500.0, "the Pit block reaches x=500");
    assert_eq!(plan.bounds.bottom(), 320.0 + half);
    let upstairs = plan.area(plan.area_by_id("UP").unwrap());
    assert_eq!(upstairs.bounds.unwrap().y, 320.0 - half, "containers get their children's bounds");
}

#[test]
fn rows_split_into_stretches_at_aisles() {
    let plan = fixtures::plan();
    let runs: Vec<Vec<&str>> =
        plan.rows.stretches().iter().map(|s| s.seats.iter().map(|ix| &*plan.seat(*ix).name).collect()).collect();
    assert_eq!(runs, vec![vec!["A1", "A2"], vec!["A3", "A4"], vec!["B1", "B2", "B3"], vec!["C1", "C2"]]);
}

#[test]
fn unreserved_areas_are_blocks() {
    let plan = fixtures::plan();
    let (ix, pit) = plan.unreserved_areas().next().unwrap();
    assert_eq!(plan.area_by_id("PIT"), Some(ix));
    assert_eq!(
        pit.kind,
        AreaKind::Unreserved { capacity: 50, rect: Rect { x: 400.0, y: 50.0, width: 100.0, height: 40.0 } }
    );
}

#[test]
fn area_path_names_the_nesting() {
    let plan = fixtures::plan();
    assert_eq!(plan.area_path(seat(&plan, "9").area), vec!["Upstairs", "Circle"]);
}

#[test]
fn arrow_keys_move_along_rows_and_between_rows() {
    let plan = fixtures::plan();
    let ix = |id| plan.seat_by_id(id).unwrap();
    assert_eq!(plan.neighbour(ix("1"), Direction::Right), Some(ix("2")));
    assert_eq!(plan.neighbour(ix("2"), Direction::Right), Some(ix("3")), "keyboard crosses the aisle");
    assert_eq!(plan.neighbour(ix("1"), Direction::Left), None);
    assert_eq!(plan.neighbour(ix("2"), Direction::Down), Some(ix("6")));
    assert_eq!(plan.neighbour(ix("6"), Direction::Up), Some(ix("2")));
    assert_eq!(plan.first_seat(), Some(ix("1")));
}

#[test]
fn rows_without_links_are_inferred_from_row_names() {
    let json = r#"{"id":"P","seats":[
        {"id":"a","row":"A","number":2,"x":20,"y":0},{"id":"b","row":"A","number":1,"x":0,"y":0},
        {"id":"c","row":"A","number":3,"x":100,"y":0},{"id":"d","row":"B","number":1,"x":0,"y":20}]}"#;
    let plan = read(json).unwrap();
    let runs: Vec<Vec<&str>> =
        plan.rows.stretches().iter().map(|s| s.seats.iter().map(|ix| &*plan.seat(*ix).id).collect()).collect();
    assert!(runs.contains(&vec!["b", "a"]), "{runs:?}");
    assert!(runs.contains(&vec!["c"]), "a wide gap is an aisle: {runs:?}");
}

#[test]
fn bad_seats_are_skipped_and_counted_not_fatal() {
    let json = r#"{"id":"P","seats":[{"id":"1","x":0,"y":0},{"id":"1","x":5,"y":0},{"x":9,"y":9},
        {"id":"2","x":"NaN","y":0},{"id":"3","x":"40","y":"0"},{"id":null,"x":1,"y":1},7,{"id":"4","x":60.5,"y":0}]}"#;
    let plan = read(json).unwrap();
    let ids: Vec<&str> = plan.seats.iter().map(|s| &*s.id).collect();
    assert_eq!(ids, vec!["1", "3", "4"], "numbers as text are read");
    assert_eq!(count(&plan, "duplicate"), 1);
    assert_eq!(count(&plan, "it has no id"), 2);
    assert_eq!(count(&plan, "no usable position"), 1);
    assert_eq!(count(&plan, "it was a number"), 1);
}

#[test]
fn odd_area_fields_are_read_or_reported() {
    let json = r#"{"id":"P","maxZoomWeb":"auto","areas":[
        {"id":"S","type":"Unreserved","capacity":577.0,"x":0,"y":0,"seats":null},
        {"id":"T","type":"Unreserved","capacity":-1,"x":200,"y":0,"seats":null},
        {"id":"R","seats":[{"id":"1","x":0,"y":100}],"areas":"nope"}]}"#;
    let plan = read(json).unwrap();
    let capacity = |id: &str| match plan.area(plan.area_by_id(id).unwrap()).kind {
        AreaKind::Unreserved { capacity, .. } => capacity,
        _ => panic!("unreserved"),
    };
    assert_eq!(capacity("S"), 577);
    assert_eq!(capacity("T"), 0);
    assert_eq!(count(&plan, "negative area capacity"), 1);
    assert_eq!(count(&plan, "child areas that are not a list"), 1);
}

#[test]
fn an_outlying_seat_does_not_shrink_the_map() {
    let mut seats: Vec<String> =
        (0..100).map(|i| format!(r#"{{"id":"{i}","x":{},"y":{}}}"#, (i % 10) * 20, (i / 10) * 20)).collect();
    seats.push(r#"{"id":"far","x":1e9,"y":0}"#.into());
    seats.push(r#"{"id":"broken","x":-1.7e308,"y":0}"#.into());
    let plan = read(&format!(
        r#"{{"id":"P","areas":[{{"id":"A","x":-1.7e308,"seats":[{{"id":"x","x":-1.7e308,"y":0}}]}}],"seats":[{}]}}"#,
        seats.join(",")
    ))
    .unwrap();
    assert!(plan.bounds.width < 1_000.0, "fitted to the bulk: {:?}", plan.bounds);
    assert!(plan.seat_by_id("far").is_some(), "still drawn");
    assert_eq!(plan.outliers, vec![plan.seat_by_id("far").unwrap()]);
    assert!(plan.seat_by_id("broken").is_none() && plan.seat_by_id("x").is_none());
    assert!(plan.seats.iter().all(|s| s.x.is_finite() && s.y.is_finite()));
    assert!(plan.bounds.width.is_finite() && plan.bounds.height.is_finite());
}

#[test]
fn a_plan_without_seats_is_an_error() {
    assert!(matches!(read(r#"{"id":"P","areas":[{"id":"X"}]}"#), Err(ApiError::Invalid { .. })));
    assert!(matches!(read(r#"["P"]"#), Err(ApiError::Unreadable { .. })), "an array is not a plan");
    assert!(matches!(read("<html>"), Err(ApiError::Unreadable { .. })));
}

#[test]
fn deep_area_trees_are_read() {
    let mut json = String::from(r#"{"id":"L","x":1,"y":1,"seats":[{"id":"deep","x":0,"y":0}]}"#);
    for i in 0..40 {
        json = format!(r#"{{"id":"A{i}","x":1,"y":1,"areas":[{json}]}}"#);
    }
    let plan = read(&json).unwrap();
    let s = plan.seat(plan.seat_by_id("deep").unwrap());
    assert_eq!((s.x, s.y), (41.0, 41.0));
}

#[test]
fn link_cycles_do_not_hang() {
    let json = r#"{"id":"P","seats":[{"id":"1","x":0,"y":0,"nextSeatId":2,"previousSeatId":2},{"id":"2","x":20,"y":0,"nextSeatId":1,"previousSeatId":1}]}"#;
    let plan = read(json).unwrap();
    let total: usize = plan.rows.stretches().iter().map(|s| s.seats.len()).sum();
    assert_eq!(total, 2);
}

#[test]
fn whole_rows_are_grouped_by_area_and_run_left_to_right() {
    let plan = fixtures::plan();
    let rows: Vec<(&str, Vec<&str>)> =
        plan.seat_rows.all().iter().map(|r| (&*r.name, r.seats.iter().map(|s| &*plan.seat(*s).id).collect())).collect();
    assert_eq!(rows, vec![("A", vec!["1", "2", "3", "4"]), ("B", vec!["5", "6", "7"]), ("C", vec!["8", "9"])]);
    let c2 = plan.seat_by_id("9").unwrap();
    assert_eq!(plan.seat_rows.row_of(c2), 2);
    assert_eq!(plan.seat_rows.position(c2), 1);
}

#[test]
fn a_row_numbered_right_to_left_still_runs_left_to_right() {
    let json = r#"{"id":"P","seats":[
        {"id":"1","row":"A","x":40,"y":0,"nextSeatId":2},{"id":"2","row":"A","x":20,"y":0,"previousSeatId":1,"nextSeatId":3},
        {"id":"3","row":"A","x":0,"y":0,"previousSeatId":2},
        {"id":"9","row":"","x":90,"y":50},{"id":"8","row":"","x":10,"y":50}]}"#;
    let plan = read(json).unwrap();
    let ids = |r: usize| -> Vec<&str> { plan.seat_rows.row(r).seats.iter().map(|s| &*plan.seat(*s).id).collect() };
    assert_eq!(ids(0), vec!["3", "2", "1"]);
    assert_eq!(ids(1), vec!["8", "9"], "seats without a row or links: by position");
}

#[test]
fn rectangles_overlap_and_enclose_points() {
    let a = Rect { x: 0.0, y: 0.0, width: 10.0, height: 10.0 };
    assert!(a.overlaps(&Rect { x: 10.0, y: 5.0, width: 3.0, height: 3.0 }), "touching edges count");
    assert!(!a.overlaps(&Rect { x: 10.5, y: 5.0, width: 3.0, height: 3.0 }));
    assert!(!a.overlaps(&Rect { x: 2.0, y: -4.0, width: 3.0, height: 3.0 }));
    assert_eq!(
        Rect::enclosing(&[(3.0, 4.0), (-1.0, 9.0), (2.0, 2.0)]),
        Rect { x: -1.0, y: 2.0, width: 4.0, height: 7.0 }
    );
    assert_eq!(Rect::enclosing(&[]), Rect { x: 0.0, y: 0.0, width: 0.0, height: 0.0 });
}

#[test]
fn seat_lists_are_counted_exactly_whatever_their_records_hold() {
    let count = |json: &str| {
        let seats: crate::wire::SeatList = serde_json::from_str(json).expect("JSON");
        build::records_in(&seats)
    };
    assert_eq!(count("null"), 0);
    assert_eq!(count("[]"), 0);
    assert_eq!(count("[ \n ]"), 0);
    assert_eq!(count(r#"{"a": [1, 2]}"#), 0, "not a list");
    assert_eq!(count(r#""[1,2]""#), 0, "text, not a list");
    assert_eq!(count(r#"[{"id": 1}]"#), 1);
    assert_eq!(count(r#"[{"id": 1, "row": "A"}, false, [3, 4], {"x": {"y": [5, {}]}}]"#), 4);
    assert_eq!(count(r#"[{"name": "a, b]}"}, {"name": "\"], {"}, "\\", 7]"#), 4, "commas and brackets in text");
}

#[test]
fn a_seat_naming_a_field_twice_makes_the_plan_unreadable_as_before() {
    let error = read(r#"{"id":"P","areas":[{"id":"A","seats":[{"id":"1","x":1,"x":2,"y":3}]}]}"#).unwrap_err();
    assert!(matches!(error, ApiError::Unreadable { what: "the seating plan", .. }), "{error:?}");
}
