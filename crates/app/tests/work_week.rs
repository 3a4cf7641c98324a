//! The week of work as a grid, on a real SQLite file: the week shows what is recorded, and saving
//! it saves each cell on its own — new cells added, changed ones in a draft month changed,
//! unchanged ones left as they are — and answers a cell that cannot be saved (an approved month,
//! a bad value, an unknown member, a day outside the week, a cell changed by someone else since it
//! was read) as a problem of that cell, never by refusing the week.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::payroll::{
    EmployeeInput, SchemeInput, WorkCellInput, WorkInput, WorkWeekInput, WorkWeekSaved,
};
use farmstall_app::{App, AppError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-11-28 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("no such instant")),
    );
    let app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    (dir, app)
}

fn scheme(kind: &str, work: &str, rate: &str) -> SchemeInput {
    SchemeInput {
        kind: kind.into(),
        work: work.into(),
        rate: rate.into(),
    }
}

/// Paid by the day, by the hour and per jin sorted, from October 2026 (so October can be
/// approved without the months before it).
fn sister(app: &mut App) -> String {
    ok(app.save_employee(&EmployeeInput {
        name: "杨秀梅".into(),
        start_on: "2026-10-01".into(),
        schemes: vec![
            scheme("daily", "", "150"),
            scheme("hourly", "", "20"),
            scheme("piece", "jin_sorted", "0.085"),
        ],
        ..EmployeeInput::default()
    }))
    .member_id
}

fn record(
    app: &mut App,
    member: &str,
    date: &str,
    kind: &str,
    work: &str,
    quantity: &str,
) -> String {
    ok(app.record_work(&WorkInput {
        member_id: member.into(),
        date: date.into(),
        kind: kind.into(),
        work: work.into(),
        quantity: quantity.into(),
        ..WorkInput::default()
    }))
}

fn cell(
    member: &str,
    date: &str,
    kind: &str,
    work: &str,
    quantity: &str,
    was: &str,
) -> WorkCellInput {
    WorkCellInput {
        member_id: member.into(),
        date: date.into(),
        kind: kind.into(),
        work: work.into(),
        quantity: quantity.into(),
        was: was.into(),
    }
}

fn save(app: &mut App, week_start: &str, cells: Vec<WorkCellInput>) -> WorkWeekSaved {
    ok(app.save_work_week(&WorkWeekInput {
        week_start: week_start.into(),
        cells,
    }))
}

/// The week's cells as (date, kind, work, quantity).
fn cells_of(app: &mut App, week_start: &str) -> Vec<(String, String, String, String)> {
    ok(app.work_week(week_start))
        .cells
        .into_iter()
        .map(|c| (c.date, c.kind, c.work, c.quantity))
        .collect()
}

fn row(date: &str, kind: &str, work: &str, quantity: &str) -> (String, String, String, String) {
    (date.into(), kind.into(), work.into(), quantity.into())
}

/// (date, field, rule) of each problem.
fn problems(saved: &WorkWeekSaved) -> Vec<(String, String, String)> {
    saved
        .problems
        .iter()
        .map(|p| (p.date.clone(), p.issue.field.clone(), p.issue.rule.clone()))
        .collect()
}

fn changes_of(dir: &tempfile::TempDir, id: &str) -> Vec<String> {
    let db = farmstall_store::rusqlite::Connection::open(dir.path().join("farmstall.db"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut stmt = db
        .prepare("SELECT action FROM change_log WHERE entity = 'work_record' AND entity_id = ?1 ORDER BY seq")
        .unwrap_or_else(|e| panic!("{e}"));
    stmt.query_map([id], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// The report that started this: a day already recorded made the whole week be refused.
#[test]
fn a_week_with_a_day_already_recorded_saves_the_other_days_and_leaves_that_day_alone() {
    let (dir, mut app) = app();
    let id = sister(&mut app);
    let tuesday = record(&mut app, &id, "2026-11-17", "days", "", "1");

    // The grid reads the recorded day.
    let week = ok(app.work_week("2026-11-16"));
    assert_eq!(
        week.days
            .iter()
            .map(|d| (d.date.as_str(), d.locked))
            .collect::<Vec<_>>(),
        vec![
            ("2026-11-16", false),
            ("2026-11-17", false),
            ("2026-11-18", false),
            ("2026-11-19", false),
            ("2026-11-20", false),
            ("2026-11-21", false),
            ("2026-11-22", false),
        ]
    );
    assert_eq!(week.cells.len(), 1);
    assert_eq!(
        (
            week.cells[0].member_id.as_str(),
            week.cells[0].quantity.as_str(),
            week.cells[0].records
        ),
        (id.as_str(), "1", 1)
    );

    let saved = save(
        &mut app,
        "2026-11-16",
        vec![
            cell(&id, "2026-11-16", "days", "", "1", ""),
            cell(&id, "2026-11-17", "days", "", "1", "1"),
            cell(&id, "2026-11-18", "hours", "", "4.5", ""),
            cell(&id, "2026-11-18", "pieces", "jin_sorted", "50", ""),
        ],
    );
    assert_eq!(
        problems(&saved),
        vec![],
        "nothing is wrong with the recorded day"
    );
    assert_eq!((saved.saved, saved.unchanged), (3, 1));
    let expected = vec![
        row("2026-11-16", "days", "", "1"),
        row("2026-11-17", "days", "", "1"),
        row("2026-11-18", "hours", "", "4.5"),
        row("2026-11-18", "pieces", "jin_sorted", "50"),
    ];
    let mut answered: Vec<_> = saved
        .week
        .cells
        .iter()
        .map(|c| {
            (
                c.date.clone(),
                c.kind.clone(),
                c.work.clone(),
                c.quantity.clone(),
            )
        })
        .collect();
    answered.sort();
    let mut stored = cells_of(&mut app, "2026-11-16");
    stored.sort();
    assert_eq!(stored, expected);
    assert_eq!(answered, expected, "the answer is the week as stored");
    // The recorded day was not written again: the same record, created once.
    let november = ok(app.list_work("2026-11"));
    assert_eq!(november.len(), 4);
    assert!(november
        .iter()
        .any(|w| w.id == tuesday && w.quantity == "1"));
    assert_eq!(changes_of(&dir, &tuesday), vec!["create"]);

    // Saving the same grid again changes nothing.
    let again = save(
        &mut app,
        "2026-11-16",
        vec![
            cell(&id, "2026-11-16", "days", "", "1", "1"),
            cell(&id, "2026-11-17", "days", "", "1", "1"),
        ],
    );
    assert_eq!(
        (again.saved, again.unchanged, again.problems.len()),
        (0, 2, 0)
    );
    assert_eq!(ok(app.list_work("2026-11")).len(), 4);
}

#[test]
fn a_changed_day_in_a_draft_month_is_updated_and_an_emptied_one_deleted() {
    let (dir, mut app) = app();
    let id = sister(&mut app);
    let tuesday = record(&mut app, &id, "2026-11-17", "days", "", "1");
    let sorted = record(&mut app, &id, "2026-11-18", "pieces", "jin_sorted", "30");
    // The same day's sorting entered twice reads as one cell of 50.
    let twice = record(&mut app, &id, "2026-11-18", "pieces", "jin_sorted", "20");
    let week = ok(app.work_week("2026-11-16"));
    let jin = week
        .cells
        .iter()
        .find(|c| c.kind == "pieces")
        .unwrap_or_else(|| panic!("no sorting cell: {week:?}"));
    assert_eq!((jin.quantity.as_str(), jin.records), ("50", 2));
    let gross_before = ok(app.preview_payroll("2026-11")).payslips[0].gross.clone();

    let saved = save(
        &mut app,
        "2026-11-16",
        vec![
            cell(&id, "2026-11-17", "days", "", "0.5", "1"),
            cell(&id, "2026-11-18", "pieces", "jin_sorted", "", "50"),
        ],
    );
    assert_eq!(problems(&saved), vec![]);
    assert_eq!((saved.saved, saved.unchanged), (2, 0));
    assert_eq!(
        cells_of(&mut app, "2026-11-16"),
        vec![row("2026-11-17", "days", "", "0.5")]
    );
    // Changed in place (the same record, logged as an update), not added beside it.
    let november = ok(app.list_work("2026-11"));
    assert_eq!(november.len(), 1);
    assert_eq!(november[0].id, tuesday);
    assert_eq!(changes_of(&dir, &tuesday), vec!["create", "update"]);
    assert_eq!(changes_of(&dir, &sorted), vec!["create", "delete"]);
    assert_eq!(changes_of(&dir, &twice), vec!["create", "delete"]);
    // The draft is computed from what is stored now: 150 + 50 × 0.085 before, 75 after.
    let gross_after = ok(app.preview_payroll("2026-11")).payslips[0].gross.clone();
    assert_eq!(
        (gross_before.as_str(), gross_after.as_str()),
        ("154.25", "75.00")
    );
}

#[test]
fn a_cell_in_an_approved_month_is_reported_on_its_own_and_the_rest_is_saved() {
    let (_dir, mut app) = app();
    let id = sister(&mut app);
    // The week of 2026-10-26 runs into November; October is approved.
    let monday = record(&mut app, &id, "2026-10-26", "days", "", "1");
    ok(app.approve_payroll("2026-10"));

    let week = ok(app.work_week("2026-10-26"));
    let locked: Vec<bool> = week.days.iter().map(|d| d.locked).collect();
    assert_eq!(locked, vec![true, true, true, true, true, true, false]);

    let saved = save(
        &mut app,
        "2026-10-26",
        vec![
            // Recorded and unchanged: nothing to say about it, even though October is locked.
            cell(&id, "2026-10-26", "days", "", "1", "1"),
            cell(&id, "2026-10-27", "days", "", "1", ""),
            cell(&id, "2026-10-26", "hours", "", "3", ""),
            cell(&id, "2026-11-01", "days", "", "1", ""),
        ],
    );
    assert_eq!(
        problems(&saved),
        vec![
            ("2026-10-27".into(), "date".into(), "not_allowed".into()),
            ("2026-10-26".into(), "date".into(), "not_allowed".into()),
        ]
    );
    assert_eq!(saved.problems[0].member_id, id);
    assert_eq!(saved.problems[0].kind, "days");
    assert_eq!(
        saved.problems[0]
            .issue
            .params
            .get("month")
            .map(String::as_str),
        Some("2026-10")
    );
    assert_eq!((saved.saved, saved.unchanged), (1, 1));
    let october = ok(app.list_work("2026-10"));
    assert_eq!(
        october.iter().map(|w| w.id.as_str()).collect::<Vec<_>>(),
        vec![monday.as_str()],
        "the approved month keeps exactly its records"
    );
    assert_eq!(
        cells_of(&mut app, "2026-10-26"),
        vec![
            row("2026-10-26", "days", "", "1"),
            row("2026-11-01", "days", "", "1"),
        ]
    );
    // Changing or emptying the approved day is refused at its cell too.
    let changed = save(
        &mut app,
        "2026-10-26",
        vec![
            cell(&id, "2026-10-26", "days", "", "0.5", "1"),
            cell(&id, "2026-10-26", "days", "", "", "1"),
        ],
    );
    assert_eq!(
        problems(&changed),
        vec![
            ("2026-10-26".into(), "date".into(), "not_allowed".into()),
            ("2026-10-26".into(), "quantity".into(), "duplicate".into()),
        ]
    );
    assert_eq!(ok(app.list_work("2026-10"))[0].quantity, "1");
}

#[test]
fn bad_values_are_problems_of_their_cells_and_write_nothing_for_them() {
    let (_dir, mut app) = app();
    let id = sister(&mut app);
    ok(app.save_employee(&EmployeeInput {
        name: "王妈妈".into(),
        start_on: "2026-10-01".into(),
        schemes: vec![scheme("monthly", "", "3000")],
        ..EmployeeInput::default()
    }));
    let mother = ok(app.list_employees())
        .into_iter()
        .find(|e| e.name == "王妈妈")
        .unwrap_or_else(|| panic!("no mother"))
        .member_id;
    record(&mut app, &id, "2026-11-20", "days", "", "1");
    let saved = save(
        &mut app,
        "2026-11-16",
        vec![
            cell(&id, "2026-11-16", "days", "", "-1", ""),
            cell(&id, "2026-11-16", "hours", "", "25", ""),
            cell(&id, "2026-11-17", "days", "", "1.5", ""),
            cell(&id, "2026-11-17", "hours", "", "abc", ""),
            cell(&id, "2026-11-18", "pieces", "jin_sorted", "1.2345", ""),
            cell("not-an-id", "2026-11-18", "days", "", "1", ""),
            cell(&mother, "2026-11-18", "days", "", "1", ""),
            cell(&id, "2026-11-23", "days", "", "1", ""),
            cell(&id, "2026-11-19", "pieces", "tofu_made", "5", ""),
            cell(&id, "2026-11-19", "bonus", "", "5", ""),
            // Someone else recorded the 20th after the grid read the week.
            cell(&id, "2026-11-20", "days", "", "0.5", ""),
            // The one good cell.
            cell(&id, "2026-11-21", "hours", "", "24", ""),
        ],
    );
    let rules: Vec<(String, String, String)> = problems(&saved);
    assert_eq!(
        rules,
        vec![
            (
                "2026-11-16".into(),
                "quantity".into(),
                "must_be_positive".into()
            ),
            ("2026-11-16".into(), "quantity".into(), "too_large".into()),
            ("2026-11-17".into(), "quantity".into(), "too_large".into()),
            (
                "2026-11-17".into(),
                "quantity".into(),
                "not_a_number".into()
            ),
            (
                "2026-11-18".into(),
                "quantity".into(),
                "too_many_decimals".into()
            ),
            (
                "2026-11-18".into(),
                "memberId".into(),
                "unknown_record".into()
            ),
            ("2026-11-18".into(), "kind".into(), "unknown_kind".into()),
            ("2026-11-23".into(), "date".into(), "bad_date".into()),
            ("2026-11-19".into(), "work".into(), "unknown_kind".into()),
            ("2026-11-19".into(), "kind".into(), "unknown_kind".into()),
            ("2026-11-20".into(), "quantity".into(), "changed".into()),
        ]
    );
    let params = |i: usize, key: &str| saved.problems[i].issue.params.get(key).cloned();
    assert_eq!(params(1, "max").as_deref(), Some("24"));
    assert_eq!(params(2, "max").as_deref(), Some("1"));
    assert_eq!(params(7, "from").as_deref(), Some("2026-11-16"));
    assert_eq!(params(7, "to").as_deref(), Some("2026-11-22"));
    assert_eq!(params(10, "recorded").as_deref(), Some("1"));
    assert!(
        saved.problems.iter().all(|p| !p.issue.message.is_empty()),
        "every problem says why"
    );
    assert_eq!(saved.saved, 1);
    assert_eq!(
        cells_of(&mut app, "2026-11-16"),
        vec![
            row("2026-11-20", "days", "", "1"),
            row("2026-11-21", "hours", "", "24"),
        ],
        "only the good cell was written; the 20th keeps what someone else recorded"
    );
}

#[test]
fn a_week_that_is_no_date_is_refused_whole() {
    let (_dir, mut app) = app();
    sister(&mut app);
    match app.work_week("2026-13-01") {
        Err(e) => assert_eq!(
            farmstall_app::IpcError::from(&e).field.as_deref(),
            Some("weekStart")
        ),
        Ok(w) => panic!("expected a refusal, got {w:?}"),
    }
    match app.save_work_week(&WorkWeekInput::default()) {
        Err(e) => assert_eq!(
            farmstall_app::IpcError::from(&e).field.as_deref(),
            Some("weekStart")
        ),
        Ok(w) => panic!("expected a refusal, got {w:?}"),
    }
}

#[test]
fn the_week_is_behind_the_owners_pin_like_the_rest_of_the_pay() {
    let (_dir, mut app) = app();
    let id = sister(&mut app);
    ok(app.set_pin("", "2580"));
    ok(app.lock());
    let kind = |r: Result<(), AppError>| match r {
        Err(e) => farmstall_app::IpcError::from(&e).kind,
        Ok(()) => "saved".to_string(),
    };
    assert_eq!(kind(app.work_week("2026-11-16").map(|_| ())), "locked");
    let week = WorkWeekInput {
        week_start: "2026-11-16".into(),
        cells: vec![cell(&id, "2026-11-16", "days", "", "1", "")],
    };
    assert_eq!(kind(app.save_work_week(&week).map(|_| ())), "locked");
    ok(app.unlock("2580"));
    assert_eq!(
        cells_of(&mut app, "2026-11-16"),
        vec![],
        "nothing was written while locked"
    );
}
