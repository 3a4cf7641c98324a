//! Saved documents (payslips, statements, exports) on a real data folder: a name typed by a person
//! never leads a file out of `documents/` or breaks the save, and two documents made in the same
//! instant are two files, not one overwriting the other.

use std::path::Path;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::FarmerInput;
use farmstall_app::payroll::{EmployeeInput, PayslipRequest, SchemeInput, WorkInput};
use farmstall_app::statement::StatementQuery;
use farmstall_app::{App, AppError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// A shop whose clock stands still: every document is made in the same millisecond.
fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_else(|| panic!("a valid instant")),
    );
    let app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    (dir, app)
}

fn assert_inside(documents: &Path, saved: &str) {
    let file = std::fs::canonicalize(saved).unwrap_or_else(|e| panic!("{saved}: {e}"));
    let root = std::fs::canonicalize(documents).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        file.starts_with(&root),
        "{} is not inside {}",
        file.display(),
        root.display()
    );
}

/// Regression: a payslip's file name was `payslip-<month>-<name>-…`, so a name with `/` in it
/// pointed into folders that do not exist (or out of `documents/`), and printing failed.
#[test]
fn a_payslip_for_a_name_with_slashes_and_dots_is_saved_inside_documents() {
    let (_dir, mut app) = app();
    let id = ok(app.save_employee(&EmployeeInput {
        name: "../../杨/秀梅".into(),
        relation: "妹妹".into(),
        start_on: "2026-10-01".into(),
        schemes: vec![SchemeInput {
            kind: "daily".into(),
            work: String::new(),
            rate: "150".into(),
        }],
        ..EmployeeInput::default()
    }))
    .member_id;
    ok(app.record_work(&WorkInput {
        member_id: id,
        date: "2026-10-05".into(),
        kind: "days".into(),
        quantity: "1".into(),
        ..WorkInput::default()
    }));
    ok(app.approve_payroll("2026-10"));
    let saved = ok(app.print_payslips(&PayslipRequest {
        month: "2026-10".into(),
        ..PayslipRequest::default()
    }));
    let documents = app.documents_dir();
    assert_inside(&documents.join("payslips"), &saved.path);
    let name = Path::new(&saved.path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    assert!(name.contains("杨_秀梅"), "{name}");
    assert!(!name.starts_with('.'), "{name}");
}

/// Regression: documents were named by the time to the millisecond (statements to the second),
/// so two made in the same instant were one file: the second overwrote the first.
#[test]
fn two_documents_made_in_the_same_instant_are_two_files() {
    let (_dir, mut app) = app();
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }));
    let query = StatementQuery {
        farmer_id: farmer.id.clone(),
        from: "2026-11-01".into(),
        to: "2026-11-28".into(),
        ..StatementQuery::default()
    };
    let first = ok(app.save_farmer_statement(&query));
    let second = ok(app.save_farmer_statement(&StatementQuery {
        language: "en".into(),
        ..query.clone()
    }));
    let third = ok(app.save_farmer_statement(&query));
    let paths = [&first.path, &second.path, &third.path];
    for (i, a) in paths.iter().enumerate() {
        for b in &paths[i + 1..] {
            assert_ne!(a, b, "two statements were saved to one file");
        }
        let bytes = std::fs::read(a).unwrap_or_else(|e| panic!("{a}: {e}"));
        assert!(bytes.starts_with(b"%PDF"), "{a} is not a whole PDF");
        assert_inside(&app.documents_dir(), a);
    }
    assert_ne!(
        std::fs::read(&first.path).ok(),
        std::fs::read(&second.path).ok(),
        "the Chinese statement was overwritten by the English one"
    );
}
