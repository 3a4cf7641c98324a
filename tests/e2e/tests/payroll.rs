//! Paying the family through the window: a sister paid by the day and by the jin sorted gets this
//! week's work typed into the week grid; the month's payslip explains each line; the owner
//! approves the month, pays it and prints the payslips, and the PDF says what the screen said.

use chrono::{Datelike, Duration, NaiveDate, Utc};
use farmstall_app::payroll::{EmployeeInput, SchemeInput};
use farmstall_app::Origin;
use farmstall_e2e::{flows, App};

fn today_in_shanghai() -> NaiveDate {
    (Utc::now() + Duration::hours(8)).date_naive()
}

#[test]
fn record_a_week_run_the_month_approve_pay_and_print() {
    let app = App::launch("payroll");
    flows::set_up_shop(&app);
    let today = today_in_shanghai();
    let first = today.with_day(1).unwrap_or(today);
    {
        let mut shop = farmstall_app::App::open(&app.db_path(), Origin::Cli)
            .unwrap_or_else(|e| panic!("open: {e}"));
        shop.save_employee(&EmployeeInput {
            name: "杨秀梅".into(),
            relation: "妹妹".into(),
            start_on: first.to_string(),
            schemes: vec![
                SchemeInput {
                    kind: "daily".into(),
                    work: String::new(),
                    rate: "150".into(),
                },
                SchemeInput {
                    kind: "piece".into(),
                    work: "jin_sorted".into(),
                    rate: "0.1".into(),
                },
            ],
            ..EmployeeInput::default()
        })
        .unwrap_or_else(|e| panic!("seed: {e}"));
    }

    app.click("nav-payroll");
    app.wait_for("payroll-screen");
    app.wait_rows("employee-row", "杨秀梅", |r| r.len() == 1);
    // This week, the days that fall in this month: a day's work and 100 jin sorted each.
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let days: Vec<usize> = (0..7)
        .filter(|i| (monday + Duration::days(*i as i64)).month() == today.month())
        .collect();
    app.fill("work-member", "杨秀梅");
    // The grid's cells take input once the week's records are read.
    app.wait_until(
        "the week's records",
        std::time::Duration::from_secs(10),
        |s| {
            s.find("[data-testid=\"work-grid\"][data-loaded=\"true\"]")
                .ok()
                .flatten()
        },
    );
    for i in &days {
        app.fill(&format!("work-day-{i}-days"), "1");
        app.fill(&format!("work-day-{i}-pieces-jin_sorted"), "100");
    }
    app.screenshot("work-week");
    app.click("work-save");
    let n = days.len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while app.db_count("work_records") != 2 * n as i64 {
        assert!(
            std::time::Instant::now() < deadline,
            "{} records saved, {} expected",
            app.db_count("work_records"),
            2 * n
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    }

    // A mistake: one extra day typed for her, seen in the month's records and deleted there.
    {
        let mut shop = farmstall_app::App::open(&app.db_path(), Origin::Cli)
            .unwrap_or_else(|e| panic!("open: {e}"));
        let member_id = shop.list_employees().unwrap_or_default()[0]
            .member_id
            .clone();
        shop.record_work(&farmstall_app::payroll::WorkInput {
            member_id,
            date: first.to_string(),
            kind: "bonus".into(),
            amount: "999".into(),
            note: "typed by mistake".into(),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("seed: {e}"));
    }
    app.click("nav-stock");
    app.click("nav-payroll");
    let records = app.wait_rows("work-row", "this week's records and the mistake", |r| {
        r.len() == 2 * n + 1
    });
    assert!(
        records.iter().any(|r| r.contains("typed by mistake")),
        "the mistake is not listed: {records:?}"
    );
    app.click_in_row("work-row", "typed by mistake", "work-delete");
    app.click("confirm-delete-yes");
    app.wait_rows("work-row", "this week's records", |r| r.len() == 2 * n);
    assert_eq!(app.db_count("work_records"), 2 * n as i64);

    // The month: 150 a day and 10.00 per 100 jin, each line explained.
    let lines = app.wait_rows("payslip-line", "the two lines", |r| r.len() == 2);
    assert!(
        lines[0].contains(&format!("出勤 {n} 天 × ¥150/天")),
        "{lines:?}"
    );
    let net = format!("{}.00", n * 160);
    app.wait_text_contains("payslip-net", &net);
    app.screenshot("payroll-draft");
    app.click("payroll-approve");
    app.click("approve-confirm-yes");
    app.wait_for("payroll-print");
    assert_eq!(app.db_count("payroll_runs"), 1);
    app.click("payslip-pay");
    app.wait_for("pay-form");
    app.click("pay-save");
    app.wait_for("payslip-settled");
    assert_eq!(
        app.db_value("SELECT paid_fen FROM payslips"),
        (n * 16_000).to_string()
    );
    app.click("payroll-print");
    app.wait_for("print-choice");
    app.screenshot("payroll-approved");
    let dir = app.data_dir().join("documents").join("payslips");
    let pdf = std::fs::read_dir(&dir)
        .ok()
        .and_then(|mut d| d.next())
        .and_then(|e| e.ok())
        .map(|e| e.path())
        .unwrap_or_else(|| panic!("no payslip PDF in {}", dir.display()));
    let text = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in ["工资条", "杨秀梅", &format!("出勤 {n} 天 × ¥150/天"), &net] {
        assert!(
            text.contains(expected),
            "{expected} missing from the payslip:\n{text}"
        );
    }

    // The year so far, and the spreadsheet for the tax reconciliation.
    app.wait_rows("pay-year-employee-row", "her year", |r| {
        r.len() == 1 && r[0].contains("杨秀梅")
    });
    app.wait_text_contains("pay-year-total-net", &net);
    app.click("pay-year-xlsx");
    let saved = app.wait_text_contains("pay-year-saved-path", ".xlsx");
    app.screenshot("pay-year");
    assert!(
        std::path::Path::new(saved.trim()).is_file(),
        "no spreadsheet at {saved}"
    );
}

#[test]
fn with_the_owners_pin_pay_opens_only_after_it_is_typed() {
    let app = App::launch("payroll-pin");
    flows::set_up_shop(&app);
    {
        let mut shop = farmstall_app::App::open(&app.db_path(), Origin::Cli)
            .unwrap_or_else(|e| panic!("open: {e}"));
        shop.save_employee(&EmployeeInput {
            name: "妈妈".into(),
            start_on: "2026-01-01".into(),
            schemes: vec![SchemeInput {
                kind: "daily".into(),
                work: String::new(),
                rate: "120".into(),
            }],
            ..EmployeeInput::default()
        })
        .unwrap_or_else(|e| panic!("seed: {e}"));
        shop.set_pin("", "2580")
            .unwrap_or_else(|e| panic!("pin: {e}"));
    }
    app.click("nav-payroll");
    app.wait_for("payroll-locked");
    assert!(!app.is_visible("employee-row"), "pay shown before the PIN");
    app.screenshot("payroll-locked");
    app.click("payroll-unlock");
    app.fill("unlock-pin", "1111");
    app.click("unlock-submit");
    let wrong = app.wait_for_error("error-unlock-pin");
    assert!(wrong.contains('4'), "tries left not said: {wrong}");
    app.fill("unlock-pin", "2580");
    app.click("unlock-submit");
    app.wait_rows("employee-row", "妈妈", |r| r.len() == 1);
    assert_eq!(
        app.db_value("SELECT count(*) FROM settings WHERE key = 'pin_failures'"),
        "0",
        "a right PIN starts the count again"
    );
    app.click("payroll-lock");
    app.wait_for("payroll-locked");
}

#[test]
fn an_employee_is_added_through_the_form_and_a_bad_rate_is_refused() {
    let app = App::launch("payroll-employee");
    flows::set_up_shop(&app);
    app.click("nav-payroll");
    app.wait_for("employees-empty");
    app.click("employee-add");
    app.wait_for("employee-form");
    app.fill("employee-name", "表哥");
    app.fill("employee-relation", "表哥");
    app.fill_date("employee-startOn", "2026-08-01");
    app.fill("scheme-0-kind", "hourly");
    app.fill("scheme-0-rate", "18.00001");
    app.click("employee-save");
    let error = app.wait_for_error("error-employee-schemes-0-rate");
    assert!(
        error.contains('4'),
        "the message does not say 4 decimals: {error}"
    );
    assert_eq!(app.db_count("employees"), 0, "nothing stored on a bad rate");
    app.fill("scheme-0-rate", "18");
    app.click("employee-save");
    app.wait_rows("employee-row", "表哥 paid by the hour", |r| {
        r.len() == 1 && r[0].contains("2026-08-01") && r[0].contains("18")
    });
    assert_eq!(app.db_value("SELECT start_on FROM employees"), "2026-08-01");
}
