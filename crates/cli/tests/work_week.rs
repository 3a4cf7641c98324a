//! `farmstall payroll week` on a temp database: it shows the week's recorded work, sets cells
//! (a recorded day changed, a new day added, an unchanged day left alone), and a cell it cannot
//! save is listed while the others are saved, with exit status 1.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

fn db() -> Db {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("shop.db");
    drop(farmstall_store::Store::open(&path).unwrap_or_else(|e| panic!("new shop: {e}")));
    Db { _dir: dir, path }
}

fn run(db: &Path, args: &[&str]) -> Output {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    Command::new(env!("CARGO_BIN_EXE_farmstall"))
        .arg("--db")
        .arg(db)
        .args(all)
        .env(
            "FARMSTALL_DATA_DIR",
            db.parent().unwrap_or(Path::new("/nonexistent")),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run farmstall: {e}"))
}

fn parsed(args: &[&str], out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "farmstall {args:?} printed no JSON ({e}): {}; stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "farmstall {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    parsed(args, &out)
}

/// The week's cells as "date kind work quantity".
fn cells(week: &Value) -> Vec<String> {
    week["cells"]
        .as_array()
        .unwrap_or_else(|| panic!("no cells: {week}"))
        .iter()
        .map(|c| {
            format!(
                "{} {} {} {}",
                c["date"].as_str().unwrap_or_default(),
                c["kind"].as_str().unwrap_or_default(),
                c["work"].as_str().unwrap_or_default(),
                c["quantity"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn the_week_is_shown_and_set_cell_by_cell() {
    let db = db();
    json(
        &db.path,
        &[
            "employee",
            "add",
            "--name",
            "杨秀梅",
            "--start",
            "2026-03-01",
            "--scheme",
            "kind=daily,rate=150",
            "--scheme",
            "kind=piece,work=jin_sorted,rate=0.085",
        ],
    );
    json(
        &db.path,
        &[
            "work",
            "杨秀梅",
            "--date",
            "2026-11-17",
            "--kind",
            "days",
            "--quantity",
            "1",
        ],
    );
    let week = json(&db.path, &["payroll", "week", "--week", "2026-11-16"]);
    assert_eq!(cells(&week), vec!["2026-11-17 days  1"]);

    let args = [
        "payroll",
        "week",
        "--week",
        "2026-11-16",
        "--who",
        "杨秀梅",
        "--cell",
        "date=2026-11-16,kind=days,quantity=1",
        "--cell",
        "date=2026-11-17,kind=days,quantity=1",
        "--cell",
        "date=2026-11-18,kind=pieces,work=jin_sorted,quantity=30",
    ];
    let saved = json(&db.path, &args);
    assert_eq!(
        (saved["saved"].as_u64(), saved["unchanged"].as_u64()),
        (Some(2), Some(1))
    );
    assert_eq!(
        cells(&saved["week"]),
        vec![
            "2026-11-16 days  1",
            "2026-11-17 days  1",
            "2026-11-18 pieces jin_sorted 30"
        ]
    );

    // A changed day is changed; a bad one is listed, and the command says not everything was saved.
    let args = [
        "payroll",
        "week",
        "--week",
        "2026-11-16",
        "--who",
        "杨秀梅",
        "--cell",
        "date=2026-11-17,kind=days,quantity=0.5",
        "--cell",
        "date=2026-11-19,kind=days,quantity=2",
    ];
    let out = run(&db.path, &args);
    assert!(!out.status.success(), "a cell was not saved: exit status 1");
    let answer = parsed(&args, &out);
    assert_eq!(answer["saved"].as_u64(), Some(1));
    assert_eq!(answer["problems"][0]["date"], "2026-11-19");
    assert_eq!(answer["problems"][0]["issue"]["rule"], "too_large");
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 of the cells were not saved"));
    let week = json(&db.path, &["payroll", "week", "--week", "2026-11-16"]);
    assert_eq!(
        cells(&week),
        vec![
            "2026-11-16 days  1",
            "2026-11-17 days  0.5",
            "2026-11-18 pieces jin_sorted 30"
        ]
    );
}
