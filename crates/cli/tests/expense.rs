//! `farmstall expense ...` through the real binary on a temp database: what scripts rely on (the
//! command names, the JSON they print, a voided expense leaving the month's sums, a wrong field
//! refused with exit 1 and one line on stderr).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

/// A new, empty shop file, as the desktop's first start leaves it.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("shop.db");
    drop(farmstall_store::Store::open(&path).unwrap_or_else(|e| panic!("new shop: {e}")));
    Db { _dir: dir, path }
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_farmstall"))
        .arg("--db")
        .arg(db)
        .args(args)
        // Never fall back to the user's real shop.
        .env(
            "FARMSTALL_DATA_DIR",
            db.parent().unwrap_or(Path::new("/nonexistent")),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run farmstall: {e}"))
}

/// Runs with `--json`, expects success, returns the parsed output.
fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(db, &all);
    assert!(
        out.status.success(),
        "farmstall {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "farmstall {args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

fn text(v: &Value) -> &str {
    v.as_str()
        .unwrap_or_else(|| panic!("expected a string, got {v}"))
}

fn add(db: &Path, date: &str, category: &str, amount: &str, note: &str) -> Value {
    json(
        db,
        &[
            "expense",
            "add",
            "--date",
            date,
            "--category",
            category,
            "--amount",
            amount,
            "--note",
            note,
        ],
    )
}

#[test]
fn expenses_are_added_listed_by_month_and_voided() {
    let db = db();
    let power = add(&db.path, "2025-03-02", "electricity", "312.4", "二月电费");
    assert_eq!(text(&power["amount"]), "312.40");
    assert_eq!(text(&power["category"]), "electricity");
    assert_eq!(power["voided"], false);
    let ads = add(&db.path, "2025-03-20", "advertising", "99", "");
    add(&db.path, "2025-04-01", "vehicle", "150", "加油");

    let march = json(&db.path, &["expense", "list", "--month", "2025-03"]);
    assert_eq!(march["total"], 2);
    assert_eq!(text(&march["items"][0]["spentOn"]), "2025-03-20");
    assert_eq!(text(&march["sum"]), "411.40");
    assert_eq!(text(&march["totals"][0]["category"]), "advertising");

    let only = json(
        &db.path,
        &[
            "expense",
            "list",
            "--month",
            "2025-03",
            "--category",
            "electricity",
        ],
    );
    assert_eq!(only["total"], 1);

    let voided = json(&db.path, &["expense", "void", text(&ads["id"])]);
    assert_eq!(voided["voided"], true);
    let march = json(&db.path, &["expense", "list", "--month", "2025-03"]);
    assert_eq!(march["total"], 1);
    assert_eq!(text(&march["sum"]), "312.40");

    // The text form names each expense and the month's sums.
    let out = run(&db.path, &["expense", "list", "--month", "2025-03"]);
    assert!(out.status.success());
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("2025-03-02  electricity"), "{printed}");
    assert!(printed.contains("二月电费"), "{printed}");
    assert!(printed.contains("¥312.40"), "{printed}");
}

#[test]
fn a_wrong_field_fails_with_one_line_and_writes_nothing() {
    let db = db();
    let out = run(
        &db.path,
        &[
            "--json",
            "expense",
            "add",
            "--date",
            "2025-03-02",
            "--category",
            "rent",
            "--amount",
            "0",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains("category"), "{err}");
    let body: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("the error as JSON: {e}"));
    let fields: Vec<&str> = body["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("errors: {body}"))
        .iter()
        .map(|e| text(&e["field"]))
        .collect();
    assert_eq!(fields, ["category", "amount"]);
    let all = json(
        &db.path,
        &["expense", "list", "--month", "2025-03", "--all"],
    );
    assert_eq!(all["total"], 0);

    let out = run(&db.path, &["expense", "void", "not-an-id"]);
    assert!(!out.status.success());
}
