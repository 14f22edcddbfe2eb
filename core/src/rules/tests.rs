//! Test-only: table-driven behaviour tests for the selection rules, written
//! in the notation of `notation.rs`.

use super::index::Loc;
use super::notation::Plan;
use super::*;

fn block() -> RuleConfig {
    RuleConfig { singles: SinglesRule::Block, ..RuleConfig::default() }
}

/// One singles case: the plan (with `S` for the selection), the plan again
/// with every reported stranded seat shown as `!` (equal to the plan when
/// nothing is reported), and the plan after applying the offered fix.
struct SinglesCase {
    name: &'static str,
    plan: &'static str,
    stranded: &'static str,
    fixed: Option<&'static str>,
}

const SINGLES: &[SinglesCase] = &[
    SinglesCase { name: "no free seat left: fine", plan: "XSSX", stranded: "XSSX", fixed: None },
    SinglesCase { name: "two seats left free: fine", plan: "XSS..X", stranded: "XSS..X", fixed: None },
    SinglesCase {
        name: "single between taken seat and selection",
        plan: "X.SS..X",
        stranded: "X!SS..X",
        fixed: Some("XSS...X"),
    },
    SinglesCase { name: "single at the row end", plan: ".SS...", stranded: "!SS...", fixed: Some("SS....") },
    SinglesCase {
        name: "single against an aisle; seats across the aisle are another stretch",
        plan: "..SS.|...",
        stranded: "..SS!|...",
        fixed: Some("...SS|..."),
    },
    SinglesCase {
        name: "aisle seat left alone by a selection across the aisle is still checked per stretch",
        plan: "....|.SS..",
        stranded: "....|!SS..",
        fixed: Some("....|SS..."),
    },
    SinglesCase {
        name: "seat held for others bounds a single like a sold seat",
        plan: "H.SS..",
        stranded: "X!SS..",
        fixed: Some("XSS..."),
    },
    SinglesCase {
        name: "seat in this customer's basket bounds a single",
        plan: "BB.SS..",
        stranded: "XX!SS..",
        fixed: Some("XXSS..."),
    },
    SinglesCase {
        name: "seat next to an empty wheelchair space is not stranded",
        plan: "W.SS..",
        stranded: "W.SS..",
        fixed: None,
    },
    SinglesCase { name: "wheelchair space is never itself a single", plan: "XWSS..", stranded: "XWSS..", fixed: None },
    SinglesCase {
        name: "fix may leave a seat beside a wheelchair space",
        plan: "X.SSW",
        stranded: "X!SSW",
        fixed: Some("XSS.W"),
    },
    SinglesCase {
        name: "wheelchair space does not break adjacency; split seats move least",
        plan: "X.SWS.X",
        stranded: "X!SWS!X",
        fixed: Some("XS.W.SX"),
    },
    SinglesCase {
        name: "no alternative: three free seats and two chosen must leave one",
        plan: "XSS.X",
        stranded: "XSS.X",
        fixed: None,
    },
    SinglesCase { name: "no alternative at the row ends either", plan: ".SS", stranded: ".SS", fixed: None },
    SinglesCase {
        name: "pre-existing single elsewhere in the stretch is not flagged",
        plan: "X.XSS..",
        stranded: "X.XSS..",
        fixed: None,
    },
    SinglesCase {
        name: "pre-existing single at the row end is not flagged",
        plan: ".XSS..",
        stranded: ".XSS..",
        fixed: None,
    },
    SinglesCase {
        name: "pair in the middle of a gap of four shifts to one side",
        plan: "X.SS.X....",
        stranded: "X!SS!X....",
        fixed: Some("XSS..X...."),
    },
    SinglesCase {
        name: "split selection is fixed with the least movement, fewest groups on a tie",
        plan: "S.S...",
        stranded: "S!S...",
        fixed: Some("SS...."),
    },
    SinglesCase {
        name: "a pair is kept together when fixed",
        plan: "X...SS.X",
        stranded: "X...SS!X",
        fixed: Some("X..SS..X"),
    },
    SinglesCase {
        name: "one seat in the middle of a gap of three strands both sides",
        plan: "X.S.X..",
        stranded: "X!S!X..",
        fixed: Some("XS..X.."),
    },
    SinglesCase { name: "one seat next to a taken seat leaving a pair", plan: "XS..X", stranded: "XS..X", fixed: None },
    SinglesCase {
        name: "a single in another price band still counts (bands are no input)",
        plan: "X.SS...",
        stranded: "X!SS...",
        fixed: Some("XSS...."),
    },
];

#[test]
fn singles_table() {
    for case in SINGLES {
        let plan = Plan::parse(case.plan);
        let verdict = plan.check(&block());
        let stranded: Vec<SeatIndex> = verdict.stranded().collect();
        assert_eq!(plan.render(&plan.selection, &stranded), case.stranded, "{}: stranded seats", case.name);
        let fixes: Vec<&Fix> = verdict
            .problems
            .iter()
            .filter_map(|p| match p {
                Problem::StrandedSingle { fix, .. } => fix.as_ref(),
                _ => None,
            })
            .collect();
        if stranded.is_empty() {
            assert!(verdict.is_ok(), "{}: {verdict:?}", case.name);
            assert!(!verdict.blocks_checkout(&block()), "{}", case.name);
            continue;
        }
        assert!(verdict.blocks_checkout(&block()), "{}", case.name);
        // check() always offers a fix when it reports a single, the same one
        // for every single of a stretch, and applying it clears the problem.
        assert_eq!(fixes.len(), stranded.len(), "{}: a fix per single", case.name);
        let fix = fixes[0];
        let applied = fix.apply(&plan.selection);
        assert_eq!(applied.len(), plan.selection.len(), "{}", case.name);
        let after = plan.check_with(&applied, &block());
        assert_eq!(after.stranded().count(), 0, "{}: {after:?}", case.name);
        if let Some(fixed) = case.fixed {
            assert_eq!(plan.render(&applied, &[]), fixed, "{}: fix", case.name);
        }
    }
}

#[test]
fn large_plan_checks_only_the_touched_stretch() {
    // 20,000 seats in rows of 100 split by one aisle; every other row full.
    let mut text = String::new();
    for row in 0..200 {
        if row > 0 {
            text.push('/');
        }
        let fill = if row % 2 == 0 { '.' } else { 'X' };
        let half: String = std::iter::repeat_n(fill, 50).collect();
        if row == 101 {
            // The chosen pair strands the aisle seat on its right.
            text.push_str(&"X".repeat(46));
            text.push_str("..SS.|");
            text.push_str(&half[1..]);
        } else {
            text.push_str(&half);
            text.push('|');
            text.push_str(&half);
        }
    }
    let plan = Plan::parse(&text);
    assert_eq!(plan.cells.len(), 20_000);
    let verdict = plan.check(&block());
    assert_eq!(verdict.stranded().count(), 1);
    let Some(Problem::StrandedSingle { fix: Some(fix), .. }) = verdict.problems.first() else {
        panic!("expected a fixable single: {verdict:?}");
    };
    let applied = fix.apply(&plan.selection);
    assert!(plan.check_with(&applied, &block()).is_ok());
}

#[test]
fn fix_apply_replaces_only_the_named_seats() {
    let fix = Fix { remove: vec![SeatIndex(3)], add: vec![SeatIndex(1), SeatIndex(2)] };
    assert_eq!(fix.apply(&[SeatIndex(9), SeatIndex(3), SeatIndex(2)]), vec![SeatIndex(9), SeatIndex(2), SeatIndex(1)]);
}

#[test]
fn singles_rule_off_reports_nothing_and_warn_does_not_block() {
    let plan = Plan::parse("X.SS..X");
    let off = RuleConfig { singles: SinglesRule::Off, ..RuleConfig::default() };
    assert!(plan.check(&off).is_ok());
    let warn = RuleConfig::default();
    let verdict = plan.check(&warn);
    assert_eq!(verdict.stranded().count(), 1);
    assert!(!verdict.blocks_checkout(&warn));
    assert!(verdict.blocks_checkout(&block()));
}

#[test]
fn selected_seat_listed_as_taken_elsewhere_is_not_moved() {
    // A seat the cell closure calls Selected but which is not in the
    // selection (e.g. another picker's) behaves like a taken seat.
    let plan = Plan::parse("X..SS..");
    let mut cells = plan.cells.clone();
    cells[1] = Cell::Selected;
    let verdict = check(&plan.rows, |s| cells[s.0 as usize], &plan.selection, Counts::default(), &block());
    // seat 2 is now between "Selected" seat 1 and the chosen pair.
    assert_eq!(verdict.stranded().collect::<Vec<_>>(), vec![SeatIndex(2)]);
}

#[test]
fn only_stretches_holding_the_selection_are_read() {
    let plan = Plan::parse(".X.X.X|..SS../X.X.X");
    let selected_stretch: Vec<SeatIndex> = plan.rows.stretches()[1].seats.clone();
    let verdict = check(
        &plan.rows,
        |s| {
            assert!(selected_stretch.contains(&s), "read {s:?} outside the stretch");
            plan.cells[s.0 as usize]
        },
        &plan.selection,
        Counts::default(),
        &block(),
    );
    assert!(verdict.is_ok());
}

/// Together cases: plan, whether NotTogether is reported.
const TOGETHER: &[(&str, &str, bool)] = &[
    ("one seat is together", "..S..", false),
    ("adjacent seats are together", ".SSS.", false),
    ("a gap splits the group", "SS.S", true),
    ("an aisle splits the group", "..SS|S..", true),
    ("two rows split the group", ".SS./.SS.", true),
    ("an unselected wheelchair space in between splits", "SWS", true),
    ("a selected wheelchair space in between joins", "SwS", false),
    ("a taken seat in between splits", "SXS", true),
];

#[test]
fn together_table() {
    let config = RuleConfig { together: true, singles: SinglesRule::Off, ..RuleConfig::default() };
    for (name, text, expect) in TOGETHER {
        let plan = Plan::parse(text);
        let verdict = plan.check(&config);
        let reported = verdict.problems.contains(&Problem::NotTogether);
        assert_eq!(reported, *expect, "{name}: {text}");
        assert_eq!(verdict.blocks_checkout(&config), *expect, "{name}");
        assert_eq!(is_together(&plan.rows, &plan.selection), !*expect, "{name}");
    }
}

#[test]
fn together_off_allows_split_selection() {
    let plan = Plan::parse("SS.S|S");
    let config = RuleConfig { singles: SinglesRule::Off, ..RuleConfig::default() };
    assert!(plan.check(&config).is_ok());
}

#[test]
fn seat_outside_every_stretch_is_not_together() {
    let rows = RowIndex::new(vec![Stretch { seats: vec![SeatIndex(0), SeatIndex(1)] }]);
    assert!(is_together(&rows, &[SeatIndex(0), SeatIndex(1)]));
    assert!(!is_together(&rows, &[SeatIndex(1), SeatIndex(7)]));
    assert!(is_together(&rows, &[SeatIndex(7)]));
    assert!(is_together(&rows, &[SeatIndex(1), SeatIndex(0), SeatIndex(1)]));
}

#[test]
fn together_fix_keeps_a_run_when_together_is_required() {
    // Split selection under the together rule: the fix is a run.
    let plan = Plan::parse("XS.S...X");
    let config = RuleConfig { together: true, ..block() };
    let verdict = plan.check(&config);
    assert!(verdict.problems.contains(&Problem::NotTogether));
    let fix = verdict
        .problems
        .iter()
        .find_map(|p| match p {
            Problem::StrandedSingle { fix, .. } => fix.clone(),
            _ => None,
        })
        .expect("a fix");
    let applied = fix.apply(&plan.selection);
    assert_eq!(plan.render(&applied, &[]), "XSS....X");
    assert!(plan.check_with(&applied, &config).is_ok());
}

fn pairs_only() -> RuleConfig {
    RuleConfig { allowed_counts: Some(vec![2, 4, 6]), ..RuleConfig::default() }
}

/// Quantity cases: config, counts, expected problems.
#[test]
fn quantity_table() {
    let max4 = RuleConfig { max_tickets: 4, ..RuleConfig::default() };
    let cases: Vec<(&str, RuleConfig, Counts, Vec<Problem>)> = vec![
        ("nothing chosen is fine", pairs_only(), Counts::default(), vec![]),
        ("a pair is allowed", pairs_only(), Counts { selected_seats: 2, ..Counts::default() }, vec![]),
        (
            "one ticket under pairs only names 2",
            pairs_only(),
            Counts { selected_seats: 1, ..Counts::default() },
            vec![Problem::CountNotAllowed { count: 1, allowed: vec![2] }],
        ),
        (
            "three tickets names 2 and 4",
            pairs_only(),
            Counts { selected_seats: 2, unreserved_tickets: 1, ..Counts::default() },
            vec![Problem::CountNotAllowed { count: 3, allowed: vec![2, 4] }],
        ),
        (
            "pairs only caps the total at the largest allowed count",
            pairs_only(),
            Counts { selected_seats: 7, ..Counts::default() },
            vec![Problem::TooMany { max: 6 }],
        ),
        (
            "max tickets counts seats, unreserved and basket",
            max4.clone(),
            Counts { selected_seats: 2, unreserved_tickets: 2, in_basket: 1 },
            vec![Problem::TooMany { max: 4 }],
        ),
        (
            "exactly max is fine",
            max4.clone(),
            Counts { selected_seats: 2, unreserved_tickets: 2, in_basket: 0 },
            vec![],
        ),
        (
            "allowed counts above max lower the maximum",
            RuleConfig { max_tickets: 5, allowed_counts: Some(vec![2, 4, 6, 8]), ..RuleConfig::default() },
            Counts { selected_seats: 5, ..Counts::default() },
            vec![Problem::TooMany { max: 4 }],
        ),
        (
            "no allowed count within max",
            RuleConfig { max_tickets: 3, allowed_counts: Some(vec![4]), ..RuleConfig::default() },
            Counts { selected_seats: 2, ..Counts::default() },
            vec![Problem::TooMany { max: 0 }],
        ),
    ];
    for (name, config, counts, expect) in cases {
        let verdict = check(&RowIndex::default(), |_| Cell::Empty, &[], counts, &config);
        assert_eq!(verdict.problems, expect, "{name}");
        assert_eq!(verdict.blocks_checkout(&config), !expect.is_empty(), "{name}");
    }
}

#[test]
fn can_add_refuses_beyond_the_maximum() {
    let config = RuleConfig::default();
    assert_eq!(can_add(10, &config), Ok(()));
    assert_eq!(can_add(11, &config), Err(Problem::TooMany { max: 10 }));
    // On the way to a pair, one ticket is fine to add.
    assert_eq!(can_add(1, &pairs_only()), Ok(()));
    assert_eq!(can_add(6, &pairs_only()), Ok(()));
    assert_eq!(can_add(7, &pairs_only()), Err(Problem::TooMany { max: 6 }));
    assert_eq!(RuleConfig::default().effective_max(), 10);
}

#[test]
fn problems_read_plainly() {
    assert_eq!(Problem::TooMany { max: 6 }.to_string(), "You can book at most 6 tickets at a time.");
    assert_eq!(
        Problem::CountNotAllowed { count: 3, allowed: vec![2, 4] }.to_string(),
        "3 tickets can't be booked together: please choose 2 or 4."
    );
    assert!(Problem::NotTogether.to_string().contains("next to each other"));
    assert!(Problem::StrandedSingle { seat: SeatIndex(0), fix: None }.to_string().contains("single empty seat"));
}

/// Nearest-alternative cases: plan (`S` marks the original selection, whose
/// seats are already gone, i.e. now taken), bands, count, expected result
/// (the plan with the alternative shown as `S`) or None.
#[test]
fn nearest_alternative_table() {
    let cases: &[(&str, &str, &str, usize, Option<&str>)] = &[
        (
            "closest free pair by distance: the row behind",
            "....XSSX..../............",
            "AAAAAAAAAAAA/AAAAAAAAAAAA",
            2,
            Some("....XXXX..../.....SS....."),
        ),
        (
            "closest free pair in the same row when the row behind is full",
            "..XXSSX..../XXXXXXXXXXX",
            "AAAAAAAAAAA/AAAAAAAAAAA",
            2,
            Some("..XXXXXSS../XXXXXXXXXXX"),
        ),
        (
            "same band beats a closer seat in another band",
            "....XSS.../XXXXXXXXXX",
            "AAAAAAABBB/AAAAAAAAAA",
            2,
            Some("..SSXXX.../XXXXXXXXXX"),
        ),
        (
            "falls back to another band when its own band is full",
            "XXXSSX..../XXXXXXXXXX",
            "AAAAAABBBB/AAAAAAAAAA",
            2,
            Some("XXXXXXSS../XXXXXXXXXX"),
        ),
        (
            "prefers a run that leaves no single",
            "XSSX...X..../XXXXXXXXXXXX",
            "AAAAAAAAAAAA/AAAAAAAAAAAA",
            2,
            Some("XXXX...XSS../XXXXXXXXXXXX"),
        ),
        ("wheelchair spaces are not offered as seats", "XSSXW.W.|XX..", "AAAAAAAA|AAAA", 2, Some("XXXXW.W.|XXSS")),
        ("None when no stretch has room", "XSSX.X.|.X.", "AAAAAAA|AAA", 2, None),
    ];
    for (name, text, bands, count, expect) in cases {
        let plan = Plan::parse(text).with_bands(bands);
        // The original seats are lost: taken now.
        let cells: Vec<Cell> = (0..plan.cells.len())
            .map(|i| if plan.selection.contains(&SeatIndex(i as u32)) { Cell::Taken } else { plan.cells[i] })
            .collect();
        let got = nearest_alternative(
            &plan.rows,
            |s| cells[s.0 as usize],
            |s| plan.positions[s.0 as usize],
            |s| plan.bands[s.0 as usize],
            &plan.selection,
            *count,
        );
        let rendered = got.map(|seats| {
            let lost = Plan { cells: cells.clone(), ..plan.clone() };
            lost.render(&seats, &[])
        });
        assert_eq!(rendered.as_deref(), *expect, "{name}");
    }
}

#[test]
fn nearest_alternative_reuses_a_surviving_seat() {
    // One of a pair (seat 2) was lost; the kept seat 3 is still Selected and
    // the run 3–4 is closest to where the pair was.
    let plan = Plan::parse("..S....");
    let lost = plan.seat_at(2);
    let kept = plan.seat_at(3);
    let mut cells = plan.cells.clone();
    cells[lost.0 as usize] = Cell::Taken;
    cells[kept.0 as usize] = Cell::Selected;
    let got = nearest_alternative(
        &plan.rows,
        |s| cells[s.0 as usize],
        |s| plan.positions[s.0 as usize],
        |_| None,
        &[lost, kept],
        2,
    );
    assert_eq!(got, Some(vec![kept, plan.seat_at(4)]));
    // A Selected seat that is not part of the original is not reused.
    let got = nearest_alternative(
        &plan.rows,
        |s| cells[s.0 as usize],
        |s| plan.positions[s.0 as usize],
        |_| None,
        &[lost],
        2,
    );
    assert_eq!(got, Some(vec![plan.seat_at(0), plan.seat_at(1)]));
}

#[test]
fn nearest_alternative_edge_cases() {
    let plan = Plan::parse("....");
    let cell = plan.cell();
    let pos = |s: SeatIndex| plan.positions[s.0 as usize];
    assert_eq!(nearest_alternative(&plan.rows, &cell, pos, |_| None, &[], 0), Some(vec![]));
    // No original: the first acceptable run in plan order.
    assert_eq!(nearest_alternative(&plan.rows, &cell, pos, |_| None, &[], 2), Some(vec![SeatIndex(0), SeatIndex(1)]));
    assert_eq!(nearest_alternative(&plan.rows, &cell, pos, |_| None, &[], 5), None);
}

#[test]
fn row_index_locates_seats() {
    let plan = Plan::parse("..|...");
    assert_eq!(plan.rows.stretches().len(), 2);
    assert_eq!(plan.rows.locate(SeatIndex(3)), Some(Loc { stretch: 1, pos: 1 }));
    assert_eq!(plan.rows.locate(SeatIndex(0)), Some(Loc { stretch: 0, pos: 0 }));
    assert_eq!(plan.rows.locate(SeatIndex(9)), None);
    // A seat listed twice keeps its first place.
    let rows =
        RowIndex::new(vec![Stretch { seats: vec![SeatIndex(2), SeatIndex(0)] }, Stretch { seats: vec![SeatIndex(0)] }]);
    assert_eq!(rows.locate(SeatIndex(0)), Some(Loc { stretch: 0, pos: 1 }));
    assert_eq!(rows.locate(SeatIndex(1)), None);
}

#[test]
fn stretches_are_built_from_next_links_and_aisles() {
    let link = |next: Option<u32>, aisle: bool| SeatLinks { next: next.map(SeatIndex), next_across_aisle: aisle };
    // Row A: 0 → 1 → (aisle) 2 → 3; Row B listed out of order: 6 → 4 → 5.
    let links = [
        link(Some(1), false),
        link(Some(2), true),
        link(Some(3), false),
        link(None, false),
        link(Some(5), false),
        link(None, false),
        link(Some(4), false),
    ];
    let seats: Vec<Vec<u32>> =
        build_stretches(&links).into_iter().map(|s| s.seats.into_iter().map(|x| x.0).collect()).collect();
    assert_eq!(seats, vec![vec![0, 1], vec![2, 3], vec![6, 4, 5]]);
    // A cycle and a dangling link still put every seat in one stretch.
    let cyclic = [link(Some(1), false), link(Some(0), false), link(Some(99), false)];
    let seats: Vec<Vec<u32>> =
        build_stretches(&cyclic).into_iter().map(|s| s.seats.into_iter().map(|x| x.0).collect()).collect();
    assert_eq!(seats, vec![vec![2], vec![0, 1]]);
}

#[test]
fn counts_to_offer_respect_the_basket_and_allowed_counts() {
    let pairs = RuleConfig { allowed_counts: Some(vec![2, 4, 6]), max_tickets: 6, ..RuleConfig::default() };
    assert_eq!(pairs.counts_to_offer(0), vec![2, 4, 6]);
    assert_eq!(pairs.counts_to_offer(2), vec![2, 4]);
    assert_eq!(pairs.counts_to_offer(6), Vec::<u32>::new());
    let any = RuleConfig { max_tickets: 3, ..RuleConfig::default() };
    assert_eq!(any.counts_to_offer(1), vec![1, 2]);
}
