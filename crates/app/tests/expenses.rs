//! The cost book on a real SQLite file: what the owner would notice if it broke (a month's list
//! and sums, a voided expense no longer counted and back after the undo, wrong input refused
//! naming the field and writing nothing).

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::expenses::{ExpenseCategoryTotal, ExpenseInput, ExpenseQuery};
use farmstall_app::{App, AppError, Origin};
use farmstall_domain::FixedClock;
use farmstall_store::changes;

struct Shop {
    _dir: tempfile::TempDir,
    app: App,
}

/// An empty shop whose business day is 2026-09-15 (10:00 in Shanghai).
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 9, 15, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a real instant")),
    );
    let app = App::open_with_clock(
        &dir.path().join("shop.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    Shop { _dir: dir, app }
}

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn input(spent_on: &str, category: &str, amount: &str, note: &str) -> ExpenseInput {
    ExpenseInput {
        spent_on: spent_on.into(),
        category: category.into(),
        amount: amount.into(),
        note: note.into(),
    }
}

fn month(m: &str) -> ExpenseQuery {
    ExpenseQuery {
        month: m.into(),
        ..ExpenseQuery::default()
    }
}

fn total(category: &str, amount: &str) -> ExpenseCategoryTotal {
    ExpenseCategoryTotal {
        category: category.into(),
        amount: amount.into(),
    }
}

fn expense_rows(app: &App) -> i64 {
    let conn = app.reader().unwrap_or_else(|e| panic!("{e}"));
    conn.query_row("SELECT count(*) FROM expenses", [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn change_rows(app: &App) -> i64 {
    let conn = app.reader().unwrap_or_else(|e| panic!("{e}"));
    changes::count(&conn).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_months_list_is_newest_first_with_sums_by_category() {
    let mut s = shop();
    ok(s.app
        .add_expense(&input("2026-09-01", "electricity", "312.4", "八月电费")));
    ok(s.app
        .add_expense(&input("2026-09-12", "platform_fees", "¥58.20", "")));
    ok(s.app
        .add_expense(&input("2026-09-12", "electricity", "20", "冷库")));
    ok(s.app
        .add_expense(&input("2026-08-31", "vehicle", "300", "加油")));

    let page = ok(s.app.list_expenses(&month("2026-09")));
    assert_eq!(
        (page.from.as_str(), page.to.as_str()),
        ("2026-09-01", "2026-09-30")
    );
    assert_eq!(page.total, 3);
    let days: Vec<&str> = page.items.iter().map(|e| e.spent_on.as_str()).collect();
    assert_eq!(days, ["2026-09-12", "2026-09-12", "2026-09-01"]);
    assert_eq!(page.items[2].amount, "312.40");
    assert_eq!(page.items[2].note, "八月电费");
    assert_eq!(
        page.totals,
        [
            total("platform_fees", "58.20"),
            total("electricity", "332.40")
        ]
    );
    assert_eq!(page.sum, "390.60");

    // One category only: the list narrows, the month's sums stay whole.
    let power = ok(s.app.list_expenses(&ExpenseQuery {
        category: "electricity".into(),
        ..month("2026-09")
    }));
    assert_eq!(power.total, 2);
    assert_eq!(power.sum, "390.60");

    // A range of days across the month's end.
    let range = ok(s.app.list_expenses(&ExpenseQuery {
        from: "2026-08-31".into(),
        to: "2026-09-01".into(),
        ..ExpenseQuery::default()
    }));
    assert_eq!(range.total, 2);
    assert_eq!(range.sum, "612.40");

    // Nothing asked = this month (the clock's business day is 2026-09-15).
    assert_eq!(ok(s.app.list_expenses(&ExpenseQuery::default())).total, 3);
}

#[test]
fn a_voided_expense_is_not_counted_and_the_undo_brings_it_back() {
    let mut s = shop();
    ok(s.app
        .add_expense(&input("2026-09-02", "advertising", "100", "")));
    let wrong = ok(s
        .app
        .add_expense(&input("2026-09-03", "advertising", "1000", "多打了一个零")));

    let voided = ok(s.app.void_expense(&wrong.id));
    assert!(voided.voided);
    let page = ok(s.app.list_expenses(&month("2026-09")));
    assert_eq!(page.total, 1);
    assert_eq!(page.sum, "100.00");
    let with_voided = ok(s.app.list_expenses(&ExpenseQuery {
        include_voided: true,
        ..month("2026-09")
    }));
    assert_eq!(with_voided.total, 2);
    assert_eq!(
        with_voided.sum, "100.00",
        "a voided expense is shown, never summed"
    );

    // Voiding twice changes nothing and logs nothing.
    let logged = change_rows(&s.app);
    ok(s.app.void_expense(&wrong.id));
    assert_eq!(change_rows(&s.app), logged);

    let back = ok(s.app.restore_expense(&wrong.id));
    assert!(!back.voided);
    let page = ok(s.app.list_expenses(&month("2026-09")));
    assert_eq!(page.total, 2);
    assert_eq!(page.totals, [total("advertising", "1100.00")]);

    let conn = s.app.reader().unwrap_or_else(|e| panic!("{e}"));
    let log = changes::for_entity(&conn, "expense", &wrong.id).unwrap_or_else(|e| panic!("{e}"));
    let actions: Vec<(&str, &str)> = log
        .iter()
        .map(|c| (c.action.as_str(), c.origin.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("create", "desktop"),
            ("archive", "desktop"),
            ("restore", "desktop")
        ]
    );
}

#[test]
fn an_unknown_expense_cannot_be_voided() {
    let mut s = shop();
    let missing = "01890a5d-ac96-774b-bcce-b302099a8057";
    match s.app.void_expense(missing) {
        Err(AppError::Invalid(errors)) => {
            assert_eq!(
                (errors[0].field.as_str(), errors[0].rule.code()),
                ("id", "unknown_record")
            );
        }
        other => panic!("expected unknown_record, got {other:?}"),
    }
}

#[test]
fn wrong_input_names_every_field_and_writes_nothing() {
    let mut s = shop();
    type Case = (
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
    );
    // (spent_on, category, amount, note, field, rule)
    let long_note = "很".repeat(201);
    let cases: Vec<Case> = vec![
        ("", "other", "1", "", "spentOn", "required"),
        ("2026-09-16", "other", "1", "", "spentOn", "bad_date"),
        ("2026-02-30", "other", "1", "", "spentOn", "bad_date"),
        ("1999-12-31", "other", "1", "", "spentOn", "bad_date"),
        ("2026-09-15", "", "1", "", "category", "required"),
        ("2026-09-15", "rent", "1", "", "category", "unknown_kind"),
        ("2026-09-15", "other", "", "", "amount", "required"),
        ("2026-09-15", "other", "0", "", "amount", "must_be_positive"),
        (
            "2026-09-15",
            "other",
            "-5",
            "",
            "amount",
            "must_be_positive",
        ),
        ("2026-09-15", "other", "abc", "", "amount", "not_a_number"),
        (
            "2026-09-15",
            "other",
            "1.005",
            "",
            "amount",
            "too_many_decimals",
        ),
        (
            "2026-09-15",
            "other",
            "1000000.01",
            "",
            "amount",
            "too_large",
        ),
        ("2026-09-15", "other", "1e30", "", "amount", "not_a_number"),
        (
            "2026-09-15",
            "other",
            "79228162514264337593543950335",
            "",
            "amount",
            "too_large",
        ),
        (
            "2026-09-15",
            "other",
            "1",
            "a\u{7}b",
            "note",
            "bad_character",
        ),
    ];
    for (spent_on, category, amount, note, field, rule) in cases {
        match s.app.add_expense(&input(spent_on, category, amount, note)) {
            Err(AppError::Invalid(errors)) => {
                let got: Vec<(&str, &str)> = errors
                    .iter()
                    .map(|e| (e.field.as_str(), e.rule.code()))
                    .collect();
                assert_eq!(got, [(field, rule)], "{spent_on:?} {category:?} {amount:?}");
                assert!(
                    errors[0].message.contains(field),
                    "the message names the field: {}",
                    errors[0].message
                );
            }
            other => panic!("{spent_on:?} {category:?} {amount:?} {note:?}: {other:?}"),
        }
    }
    match s
        .app
        .add_expense(&input("2026-09-15", "other", "1", &long_note))
    {
        Err(AppError::Invalid(errors)) => assert_eq!(errors[0].rule.code(), "too_long"),
        other => panic!("a 201-character note: {other:?}"),
    }
    // Every wrong field at once, in form order.
    match s.app.add_expense(&input("tomorrow", "rent", "-1", "")) {
        Err(AppError::Invalid(errors)) => {
            let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
            assert_eq!(fields, ["spentOn", "category", "amount"]);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(expense_rows(&s.app), 0);
    // The largest amount and today are allowed.
    let max = ok(s
        .app
        .add_expense(&input("2026-09-15", "equipment", "1000000", "")));
    assert_eq!(max.amount, "1000000.00");
    assert_eq!(expense_rows(&s.app), 1);
}

#[test]
fn a_bad_month_or_category_in_a_query_names_the_field() {
    let mut s = shop();
    for (query, field) in [
        (month("2026-13"), "month"),
        (
            ExpenseQuery {
                category: "rent".into(),
                ..ExpenseQuery::default()
            },
            "category",
        ),
        (
            ExpenseQuery {
                from: "2026-09-10".into(),
                to: "2026-09-01".into(),
                ..ExpenseQuery::default()
            },
            "to",
        ),
    ] {
        match s.app.list_expenses(&query) {
            Err(AppError::Invalid(errors)) => assert_eq!(errors[0].field, field),
            other => panic!("{query:?}: {other:?}"),
        }
    }
}
