//! `farmstall leave-demo` through the real binary: the demo is cleared and kept as a backup, a
//! real shop is refused with nothing changed, and SIGKILL at seeded random points leaves the
//! demo whole or cleared (with its backup complete), never half a shop.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use farmstall_store::rusqlite::{Connection, OpenFlags};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

mod common;
use common::{command, json, ok, run};

/// Counts rows; never creates a file where none is (no `SQLITE_OPEN_CREATE`).
fn count(db: &Path, table: &str) -> i64 {
    let conn = ok(Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE,
    ));
    ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))
}

fn integrity(db: &Path) -> String {
    let conn = ok(Connection::open(db));
    ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    json(&db, &["demo"]);
    (dir, db)
}

#[test]
fn leave_demo_keeps_the_demo_as_a_backup_and_the_shop_starts_empty() {
    let (dir, db) = demo();
    let status = json(&db, &["status"]);
    assert_eq!(status["isDemo"], true);
    let text = String::from_utf8_lossy(&run(&db, &["status"]).stdout).into_owned();
    assert!(text.contains("leave-demo"), "{text}");
    let (farmers, orders) = (count(&db, "farmers"), count(&db, "orders"));

    let left = json(&db, &["leave-demo"]);
    let backup = PathBuf::from(left["backup"].as_str().unwrap_or_default());
    assert!(backup.starts_with(dir.path().join("backups")), "{left}");
    assert_eq!(left["demo"]["farmers"], farmers);
    assert_eq!(left["demo"]["orders"], orders);
    assert_eq!(count(&backup, "farmers"), farmers);
    assert_eq!(count(&backup, "orders"), orders);
    assert!(!db.exists(), "the demo file is still there");
    // The list shows the kept demo.
    let list = json(&db, &["backups"]);
    assert!(list["backups"]
        .as_array()
        .unwrap_or_else(|| panic!("{list}"))
        .iter()
        .any(|b| b["step"] == "leave_demo" && b["usable"] == true && b["farmers"] == farmers));

    // Now the shop is not set up; the owner's own profile starts it, empty.
    let status = json(&db, &["status"]);
    assert_eq!(status["hasShop"], false);
    assert_eq!(status["isDemo"], false);
    let set = run(
        &db,
        &[
            "shop",
            "set",
            "--shop-name",
            "李家果园",
            "--sender-name",
            "李大姐",
            "--phone",
            "13800000000",
            "--province",
            "贵州省",
            "--city",
            "贵阳市",
            "--street",
            "修文县六屯镇",
        ],
    );
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    assert_eq!(count(&db, "farmers"), 0);
    assert_eq!(count(&db, "products"), 0);
    assert_eq!(count(&db, "orders"), 0);
    assert_eq!(json(&db, &["status"])["isDemo"], false);

    // That shop is real: leave-demo refuses it, exit 1, with the reason as JSON.
    let out = run(&db, &["--json", "leave-demo"]);
    assert_eq!(out.status.code(), Some(1));
    let error: Value = ok(serde_json::from_slice(&out.stdout));
    assert_eq!(error["kind"], "conflict");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not the demo"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json(&db, &["shop", "show"])["shopName"], "李家果园");
}

#[test]
fn a_kill_while_leaving_the_demo_leaves_the_demo_whole_or_cleared() {
    let (dir, pristine) = demo();
    let (farmers, orders) = (count(&pristine, "farmers"), count(&pristine, "orders"));
    let data = dir.path().join("data");
    ok(std::fs::create_dir(&data));
    let db = data.join("farmstall.db");
    let reset = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        ok(std::fs::copy(&pristine, &db));
    };
    reset();
    let t = Instant::now();
    json(&db, &["leave-demo"]);
    let full = t.elapsed();
    let mut rng = SmallRng::seed_from_u64(1404);
    let (mut whole, mut cleared) = (0, 0);
    for _ in 0..10 {
        reset();
        let ms = rng.gen_range(0..=u64::try_from(full.as_millis() * 5 / 4).unwrap_or(1000));
        let mut child = ok(command(&db, &["leave-demo"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn());
        std::thread::sleep(Duration::from_millis(ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        if db.exists() {
            // Not yet removed: the demo, whole, still the demo.
            assert_eq!(integrity(&db), "ok");
            assert_eq!(count(&db, "farmers"), farmers);
            assert_eq!(count(&db, "orders"), orders);
            assert_eq!(json(&db, &["status"])["isDemo"], true);
            whole += 1;
        } else {
            // Removed only after its backup was complete.
            let list = json(&db, &["backups"]);
            let kept = list["backups"]
                .as_array()
                .unwrap_or_else(|| panic!("{list}"))
                .iter()
                .filter(|b| b["step"] == "leave_demo" && b["usable"] == true)
                .count();
            assert!(kept > 0, "the demo was removed without its backup: {list}");
            cleared += 1;
        }
        // Every listed backup is complete.
        let list = json(&db, &["backups"]);
        for b in list["backups"].as_array().cloned().unwrap_or_default() {
            assert_eq!(b["usable"], true, "{b}");
        }
    }
    eprintln!("leave-demo took {full:?}; after the kills: {whole} demos whole, {cleared} cleared");
}
