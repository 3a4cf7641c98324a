//! Paying the family, on a real SQLite file: employees and their schemes, work records refused
//! when they cannot be right, and the month's draft payslips line by line with income tax by the
//! cumulative method, boxes packed counted from the orders they packed.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderInput, OrderLineInput, PackInput, RecipientInput};
use farmstall_app::payroll::{EmployeeInput, SchemeInput, WorkInput};
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn refusal<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, String)> {
    match result {
        Err(e) => IpcError::from(&e)
            .errors
            .into_iter()
            .map(|i| (i.field, i.rule))
            .collect(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-11-28 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_default(),
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

fn sister() -> EmployeeInput {
    EmployeeInput {
        name: "杨秀梅".into(),
        relation: "妹妹".into(),
        start_on: "2026-03-01".into(),
        schemes: vec![
            scheme("daily", "", "150"),
            scheme("piece", "box_packed", "1.2"),
            scheme("piece", "jin_sorted", "0.085"),
        ],
        ..EmployeeInput::default()
    }
}

fn work(
    member: &str,
    date: &str,
    kind: &str,
    work: &str,
    quantity: &str,
    amount: &str,
) -> WorkInput {
    WorkInput {
        member_id: member.into(),
        date: date.into(),
        kind: kind.into(),
        work: work.into(),
        quantity: quantity.into(),
        amount: amount.into(),
        note: String::new(),
    }
}

#[test]
fn employees_are_checked_field_by_field() {
    let (_dir, mut app) = app();
    let bad = EmployeeInput {
        end_on: "2026-02-01".into(),
        schemes: vec![
            scheme("daily", "", "150.12345"),
            scheme("piece", "", "1"),
            scheme("daily", "", "160"),
        ],
        ..sister()
    };
    assert_eq!(
        refusal(app.save_employee(&bad)),
        vec![
            ("endOn".to_string(), "bad_date".to_string()),
            (
                "schemes.0.rate".to_string(),
                "too_many_decimals".to_string()
            ),
            ("schemes.1.work".to_string(), "required".to_string()),
            ("schemes.2.kind".to_string(), "duplicate".to_string()),
        ]
    );
    assert!(ok(app.list_employees()).is_empty(), "nothing written");
    let saved = ok(app.save_employee(&sister()));
    assert_eq!((saved.name.as_str(), saved.schemes.len()), ("杨秀梅", 3));
    assert_eq!(saved.schemes[2].rate, "0.085");
    // Saving again replaces, it does not add a second employee.
    ok(app.save_employee(&EmployeeInput {
        relation: "二妹".into(),
        ..sister()
    }));
    let all = ok(app.list_employees());
    assert_eq!((all.len(), all[0].relation.as_str()), (1, "二妹"));
}

#[test]
fn work_that_cannot_be_right_is_refused_and_nothing_is_written() {
    let (_dir, mut app) = app();
    let id = ok(app.save_employee(&sister())).member_id;
    let refused = |app: &mut App, w: WorkInput| refusal(app.record_work(&w));
    assert_eq!(
        refused(&mut app, work(&id, "2026-11-02", "days", "", "-1", "")),
        vec![("quantity".to_string(), "must_be_positive".to_string())]
    );
    assert_eq!(
        refused(&mut app, work(&id, "2026-02-27", "days", "", "1", "")),
        vec![("date".to_string(), "bad_date".to_string())],
        "before she started"
    );
    assert_eq!(
        refused(
            &mut app,
            work(&id, "2026-11-02", "pieces", "tofu_made", "40", "")
        ),
        vec![("work".to_string(), "unknown_kind".to_string())],
        "no rate for tofu"
    );
    assert_eq!(
        refused(&mut app, work(&id, "2026-11-02", "hours", "", "3", "")),
        vec![("kind".to_string(), "unknown_kind".to_string())],
        "she is paid by the day"
    );
    ok(app.record_work(&work(&id, "2026-11-02", "days", "", "0.5", "")));
    assert_eq!(
        refused(&mut app, work(&id, "2026-11-02", "days", "", "0.75", "")),
        vec![("quantity".to_string(), "not_allowed".to_string())],
        "more than one day in a day"
    );
    assert_eq!(
        refused(&mut app, work(&id, "2026-11-02", "advance", "", "", "0")),
        vec![("amount".to_string(), "must_be_positive".to_string())]
    );
    let slip = &ok(app.preview_payroll("2026-11")).payslips[0];
    assert_eq!(slip.gross, "75.00", "only the half day was written");
}

#[test]
fn the_month_is_paid_line_by_line_with_boxes_packed_and_tax_on_the_year() {
    let (_dir, mut app) = app();
    let sister = ok(app.save_employee(&sister())).member_id;
    let mother = ok(app.save_employee(&EmployeeInput {
        name: "妈妈".into(),
        relation: "母亲".into(),
        start_on: "2026-01-01".into(),
        withhold_tax: true,
        schemes: vec![scheme("monthly", "", "12000")],
        ..EmployeeInput::default()
    }))
    .member_id;
    ok(app.record_work(&work(&sister, "2026-11-02", "days", "", "1", "")));
    ok(app.record_work(&work(&sister, "2026-11-03", "days", "", "1", "")));
    ok(app.record_work(&work(&sister, "2026-11-04", "days", "", "0.5", "")));
    ok(app.record_work(&work(
        &sister,
        "2026-11-04",
        "pieces",
        "jin_sorted",
        "300",
        "",
    )));
    ok(app.record_work(&work(&sister, "2026-11-10", "bonus", "", "", "100")));
    ok(app.record_work(&work(&sister, "2026-11-12", "advance", "", "", "50")));

    // She packs two orders today: two boxes at ¥1.20.
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "猕猴桃 5斤装".into(),
        sale_unit: "箱(5斤)".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "48.80".into(),
        ..ProductInput::default()
    }))
    .id;
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer,
        payment: "owed".into(),
        lines: vec![PurchaseLineInput {
            product_id: kiwi.clone(),
            quantity: "20".into(),
            unit_price: "4".into(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
    for name in ["王芳", "李四"] {
        let o = ok(app.create_order(&OrderInput {
            source: "wechat".into(),
            recipient: RecipientInput {
                name: name.into(),
                phone: "13912345678".into(),
                province: "浙江省".into(),
                street: "文三路 478 号".into(),
                ..RecipientInput::default()
            },
            lines: vec![OrderLineInput {
                product_id: kiwi.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            }],
            ..OrderInput::default()
        }));
        ok(app.pack_order(&PackInput {
            order_id: o.id,
            packed_by: "杨秀梅".into(),
            ..PackInput::default()
        }));
    }

    let month = ok(app.preview_payroll("2026-11"));
    let of = |id: &str| {
        month
            .payslips
            .iter()
            .find(|p| p.member_id == id)
            .unwrap_or_else(|| panic!("no payslip for {id}"))
    };
    let s = of(&sister);
    let lines: Vec<(&str, &str)> = s
        .lines
        .iter()
        .map(|l| (l.kind.as_str(), l.amount.as_str()))
        .collect();
    // 2.5 days × 150; 2 boxes × 1.20; 300 jin × 0.085; the bonus.
    assert_eq!(
        lines,
        vec![
            ("daily", "375.00"),
            ("piece", "2.40"),
            ("piece", "25.50"),
            ("bonus", "100.00")
        ]
    );
    assert_eq!(s.lines[0].explanation, "出勤 2.5 天 × ¥150/天 = ¥375.00");
    assert_eq!(s.lines[1].explanation, "打包（箱） 2 × ¥1.2 = ¥2.40");
    assert_eq!((s.gross.as_str(), s.advances.as_str()), ("502.90", "50.00"));
    assert_eq!((s.tax.as_str(), s.net.as_str()), ("0.00", "452.90"));

    // Her mother's salary since January: 77,000 taxable through November, 4,480 withheld before.
    let m = of(&mother);
    assert_eq!(
        (m.gross.as_str(), m.tax.as_str(), m.net.as_str()),
        ("12000.00", "700.00", "11300.00")
    );
    assert!(
        m.tax_explanation.contains("77000.00") && m.tax_explanation.contains("4480.00"),
        "{}",
        m.tax_explanation
    );
    assert_eq!(
        (m.gross_year_to_date.as_str(), m.tax_year_to_date.as_str()),
        ("132000.00", "5180.00")
    );
    assert_eq!(
        (month.gross.as_str(), month.tax.as_str()),
        ("12502.90", "700.00")
    );

    // Nobody worked in February but the mother.
    assert_eq!(ok(app.preview_payroll("2026-02")).payslips.len(), 1);
    assert_eq!(
        refusal(app.preview_payroll("November")),
        vec![("month".to_string(), "bad_date".to_string())]
    );
}

#[test]
fn an_approved_month_is_kept_locked_and_paid_no_more_than_its_net() {
    let (_dir, mut app) = app();
    let id = ok(app.save_employee(&EmployeeInput {
        start_on: "2026-10-01".into(),
        ..sister()
    }))
    .member_id;
    ok(app.record_work(&work(&id, "2026-10-05", "days", "", "1", "")));
    ok(app.record_work(&work(&id, "2026-10-06", "days", "", "1", "")));
    // November before October: months are approved in order.
    ok(app.record_work(&work(&id, "2026-11-02", "days", "", "1", "")));
    assert_eq!(
        refusal(app.approve_payroll("2026-11")),
        vec![("month".to_string(), "not_allowed".to_string())]
    );
    assert_eq!(
        refusal(app.print_payslips(&farmstall_app::payroll::PayslipRequest {
            month: "2026-10".into(),
            ..Default::default()
        })),
        vec![("month".to_string(), "not_allowed".to_string())],
        "a draft is not printed"
    );
    let october = ok(app.approve_payroll("2026-10"));
    assert!(october.approved);
    assert_eq!(october.payslips[0].net, "300.00");
    let saved = ok(app.print_payslips(&farmstall_app::payroll::PayslipRequest {
        month: "2026-10".into(),
        ..Default::default()
    }));
    assert!(saved.path.contains("documents/payslips/"), "{}", saved.path);
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", &saved.path, "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext (apt install poppler-utils): {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    for expected in [
        "工资条",
        "杨秀梅",
        "2026-10",
        "出勤 2 天 × ¥150/天 = ¥300.00",
        "300.00",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from the payslip:\n{text}"
        );
    }
    // Approved in Chinese, printed in English: every line in English, not only the headings.
    let english = ok(app.print_payslips(&farmstall_app::payroll::PayslipRequest {
        month: "2026-10".into(),
        language: "en".into(),
        ..Default::default()
    }));
    let text = std::process::Command::new("pdftotext")
        .args(["-layout", &english.path, "-"])
        .output()
        .unwrap_or_else(|e| panic!("pdftotext: {e}"));
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("2 days × ¥150 a day = ¥300.00") && !text.contains("出勤"),
        "the English payslip is not in English:\n{text}"
    );
    assert_eq!(
        ok(app.preview_payroll("2026-10")).payslips[0].lines[0].explanation,
        "出勤 2 天 × ¥150/天 = ¥300.00",
        "the screen still speaks the app's language"
    );
    // Locked: no more work dated in October, and changing her rate changes nothing kept.
    assert_eq!(
        refusal(app.record_work(&work(&id, "2026-10-07", "days", "", "1", ""))),
        vec![("date".to_string(), "not_allowed".to_string())]
    );
    ok(app.save_employee(&EmployeeInput {
        start_on: "2026-10-01".into(),
        schemes: vec![scheme("daily", "", "200")],
        ..sister()
    }));
    assert_eq!(ok(app.preview_payroll("2026-10")).payslips[0].net, "300.00");
    assert_eq!(
        ok(app.preview_payroll("2026-11")).payslips[0].net,
        "200.00",
        "the new rate is for November"
    );
    assert_eq!(
        refusal(app.approve_payroll("2026-10")),
        vec![("month".to_string(), "not_allowed".to_string())],
        "once is enough"
    );

    // Paid in two parts, never more than the net.
    let pay = |amount: &str| farmstall_app::payroll::PayInput {
        month: "2026-10".into(),
        member_id: id.clone(),
        amount: amount.into(),
        method: "wechat".into(),
        paid_on: "2026-11-01".into(),
    };
    ok(app.pay_payslip(&pay("100")));
    assert_eq!(
        refusal(app.pay_payslip(&pay("200.01"))),
        vec![("amount".to_string(), "more_than_owed".to_string())]
    );
    let paid = ok(app.pay_payslip(&pay("200")));
    assert_eq!(
        (
            paid.payslips[0].paid.as_str(),
            paid.payslips[0].paid_method.as_deref()
        ),
        ("300.00", Some("wechat"))
    );
    assert_eq!(
        refusal(app.pay_payslip(&farmstall_app::payroll::PayInput {
            month: "2026-11".into(),
            ..pay("1")
        })),
        vec![("month".to_string(), "not_allowed".to_string())],
        "November is a draft"
    );
    // The year: approved months only (November, a draft, is not in it yet).
    let year = ok(app.pay_year(2026));
    assert_eq!(year.months.len(), 1);
    assert_eq!(
        (
            year.employees[0].name.as_str(),
            year.employees[0].gross.as_str(),
            year.employees[0].paid.as_str()
        ),
        ("杨秀梅", "300.00", "300.00")
    );
    let csv = ok(app.export_pay_year_csv(2026));
    let text = std::fs::read_to_string(&csv.path).unwrap_or_default();
    assert_eq!(
        text,
        "\u{feff}employee,months,gross,income_tax,net,paid\r\n杨秀梅,1,300.00,0.00,300.00,300.00\r\n"
    );

    // The same year as a spreadsheet a program reads back: numbers, not text, in every sheet.
    let xlsx = ok(app.export_pay_year_xlsx(2026));
    assert!(
        xlsx.path.contains("documents/reports/") && xlsx.path.ends_with(".xlsx"),
        "{}",
        xlsx.path
    );
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx.path)
        .unwrap_or_else(|e| panic!("the XLSX does not open: {e}"));
    assert_eq!(book.sheet_names(), vec!["按员工", "按月", "工资条"]);
    let rows = |book: &mut calamine::Xlsx<_>, sheet: &str| -> Vec<Vec<String>> {
        let range = book
            .worksheet_range(sheet)
            .unwrap_or_else(|e| panic!("{sheet}: {e}"));
        range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        calamine::Data::Float(f) => format!("#{f}"),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect()
    };
    assert_eq!(
        rows(&mut book, "按员工"),
        vec![
            vec!["员工", "月数", "应发工资", "代扣个税", "实发工资", "已付"],
            vec!["杨秀梅", "#1", "#300", "#0", "#300", "#300"],
            vec!["合计", "", "#300", "#0", "#300", "#300"],
        ]
    );
    assert_eq!(
        rows(&mut book, "工资条")[1],
        vec!["2026-10", "杨秀梅", "#300", "#0", "#300", "#300"]
    );
}

#[test]
fn a_month_with_someone_who_has_no_work_recorded_is_not_approved_and_says_who() {
    let (_dir, mut app) = app();
    let a = ok(app.save_employee(&sister())).member_id;
    ok(app.save_employee(&EmployeeInput {
        name: "表哥".into(),
        start_on: "2026-11-01".into(),
        schemes: vec![scheme("hourly", "", "20")],
        ..EmployeeInput::default()
    }));
    for m in 3..=10 {
        ok(app.record_work(&work(&a, &format!("2026-{m:02}-10"), "days", "", "1", "")));
        ok(app.approve_payroll(&format!("2026-{m:02}")));
    }
    ok(app.record_work(&work(&a, "2026-11-10", "days", "", "1", "")));
    let err = app
        .approve_payroll("2026-11")
        .err()
        .map(|e| IpcError::from(&e));
    let issue = err
        .and_then(|e| e.errors.into_iter().next())
        .unwrap_or_else(|| panic!("refused"));
    assert_eq!(
        (issue.field.as_str(), issue.rule.as_str()),
        ("month", "required")
    );
    assert_eq!(issue.params.get("names").map(String::as_str), Some("表哥"));
    assert!(
        !ok(app.preview_payroll("2026-11")).approved,
        "nothing written"
    );
}

#[test]
fn a_mistake_in_a_draft_month_is_deleted_but_an_approved_month_keeps_its_records() {
    let (dir, mut app) = app();
    let id = ok(app.save_employee(&EmployeeInput {
        start_on: "2026-10-01".into(),
        ..sister()
    }))
    .member_id;
    ok(app.record_work(&work(&id, "2026-10-05", "days", "", "1", "")));
    let mistake = ok(app.record_work(&work(&id, "2026-11-03", "days", "", "1", "")));
    ok(app.record_work(&work(&id, "2026-11-02", "advance", "", "", "50")));
    ok(app.record_work(&work(&id, "2026-11-02", "pieces", "jin_sorted", "300", "")));

    let november = ok(app.list_work("2026-11"));
    let listed: Vec<(&str, &str, &str, &str, &str, bool)> = november
        .iter()
        .map(|w| {
            (
                w.date.as_str(),
                w.name.as_str(),
                w.kind.as_str(),
                w.quantity.as_str(),
                w.amount.as_str(),
                w.locked,
            )
        })
        .collect();
    assert_eq!(
        listed,
        vec![
            ("2026-11-02", "杨秀梅", "advance", "", "50.00", false),
            ("2026-11-02", "杨秀梅", "pieces", "300", "", false),
            ("2026-11-03", "杨秀梅", "days", "1", "", false),
        ]
    );
    let before = ok(app.preview_payroll("2026-11")).payslips[0].gross.clone();
    ok(app.delete_work(&mistake));
    assert_eq!(ok(app.list_work("2026-11")).len(), 2);
    let after = ok(app.preview_payroll("2026-11")).payslips[0].gross.clone();
    assert_eq!(
        (before.as_str(), after.as_str()),
        ("175.50", "25.50"),
        "the day is gone from the draft"
    );
    assert_eq!(
        refusal(app.delete_work(&mistake)),
        vec![("id".to_string(), "unknown_record".to_string())],
        "deleted once"
    );

    // October approved: its record is listed as locked and stays.
    ok(app.approve_payroll("2026-10"));
    let october = ok(app.list_work("2026-10"));
    assert!(october.iter().all(|w| w.locked), "{october:?}");
    match app.delete_work(&october[0].id) {
        Err(e) => {
            let ipc = IpcError::from(&e);
            assert_eq!(
                (ipc.errors[0].field.as_str(), ipc.errors[0].rule.as_str()),
                ("id", "not_allowed")
            );
            assert_eq!(
                ipc.errors[0].params.get("month").map(String::as_str),
                Some("2026-10")
            );
        }
        Ok(()) => panic!("a record of an approved month was deleted"),
    }
    assert_eq!(ok(app.list_work("2026-10")).len(), 1);
    assert_eq!(
        refusal(app.list_work("2026-13")),
        vec![("month".to_string(), "bad_date".to_string())]
    );
    drop(app);

    // The change log keeps what the deleted record was.
    let db = farmstall_store::rusqlite::Connection::open(dir.path().join("farmstall.db"))
        .unwrap_or_else(|e| panic!("{e}"));
    let logged: String = db
        .query_row(
            "SELECT data FROM change_log WHERE entity = 'work_record' AND entity_id = ?1 AND action = 'delete'",
            [&mistake],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("no delete logged: {e}"));
    assert!(
        logged.contains("2026-11-03") && logged.contains("\"quantityMilli\":1000"),
        "{logged}"
    );
    // And the schema itself refuses to touch an approved month.
    let refused = db.execute(
        "DELETE FROM work_records WHERE work_date LIKE '2026-10-%'",
        [],
    );
    assert!(refused.is_err(), "the database deleted a locked record");
}

/// Regression: a name a spreadsheet reads as a formula was written into the year's CSV as is, so
/// opening the file ran `=HYPERLINK(...)` or computed `-2+3`.
#[test]
fn the_pay_year_csv_keeps_formula_like_names_as_text() {
    let (_dir, mut app) = app();
    for name in ["=HYPERLINK(\"http://x.example\",\"看\")", "-2+3"] {
        let id = ok(app.save_employee(&EmployeeInput {
            name: name.into(),
            start_on: "2026-10-01".into(),
            schemes: vec![scheme("daily", "", "100")],
            ..sister()
        }))
        .member_id;
        ok(app.record_work(&work(&id, "2026-10-05", "days", "", "1", "")));
    }
    ok(app.approve_payroll("2026-10"));
    let csv = ok(app.export_pay_year_csv(2026));
    let text = std::fs::read_to_string(&csv.path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        text,
        "\u{feff}employee,months,gross,income_tax,net,paid\r\n\
         '-2+3,1,100.00,0.00,100.00,0.00\r\n\
         \"'=HYPERLINK(\"\"http://x.example\"\",\"\"看\"\")\",1,100.00,0.00,100.00,0.00\r\n"
    );
}

/// A year typed as 99999 or 0 is refused naming the field, like any other date out of range.
#[test]
fn a_pay_year_outside_2000_to_2099_is_refused() {
    let (_dir, mut app) = app();
    for year in [1999, 2100, 99_999, i32::MIN] {
        assert_eq!(
            refusal(app.pay_year(year)),
            vec![("year".to_string(), "bad_date".to_string())],
            "{year}"
        );
    }
    assert!(app.pay_year(2026).is_ok());
}
