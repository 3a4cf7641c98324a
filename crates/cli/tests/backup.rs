//! `farmstall backup`, `backups` and `restore` through the real binary on temp shops: a round
//! trip that brings a change back out, every kind of unusable file refused with nothing changed
//! and listed with its reason, a failing target, two backups at once, and SIGKILL at seeded
//! random points during a backup and during a restore (the shop is then the old one or the new
//! one, never a mix, and the backups folder lists only complete, verified backups).

use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use farmstall_app::{App, Origin};
use farmstall_domain::SystemClock;
use farmstall_store::rusqlite::Connection;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use serde_json::Value;

mod common;
use common::{command, json, ok, run};

/// Runs with `--json`, expects exit 1, returns the error JSON.
fn refused(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(db, &all);
    assert_eq!(
        out.status.code(),
        Some(1),
        "farmstall {args:?}: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    ok(serde_json::from_slice(&out.stdout))
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    json(&db, &["demo"]);
    (dir, db)
}

fn count(db: &Path, table: &str) -> i64 {
    let conn = ok(Connection::open(db));
    ok(conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)))
}

fn integrity(db: &Path) -> String {
    let conn = ok(Connection::open(db));
    ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)))
}

fn path_of(v: &Value) -> PathBuf {
    PathBuf::from(
        v.as_str()
            .unwrap_or_else(|| panic!("expected a path, got {v}")),
    )
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|e| {
            e.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_backup_restored_brings_the_shop_back_and_keeps_the_replaced_file() {
    let (dir, db) = demo();
    let farmers = count(&db, "farmers");
    let made = json(&db, &["backup"]);
    let backup = path_of(&made["backup"]["path"]);
    assert!(backup.starts_with(dir.path().join("backups")), "{backup:?}");
    assert_eq!(made["backup"]["kind"], "manual");
    assert_eq!(made["backup"]["farmers"], farmers);
    assert_eq!(made["backup"]["usable"], true);
    json(&db, &["farmer", "add", "--name", "后来的人"]);
    assert_eq!(count(&db, "farmers"), farmers + 1);

    let list = json(&db, &["backups"]);
    let listed = list["backups"]
        .as_array()
        .unwrap_or_else(|| panic!("{list}"));
    assert_eq!(listed.len(), 1, "{list}");
    assert_eq!(listed[0]["path"], made["backup"]["path"]);
    assert_eq!(list["outsideStale"], true, "no copy outside yet");

    let report = json(&db, &["restore", &backup.to_string_lossy()]);
    assert_eq!(report["before"]["farmers"], farmers + 1);
    assert_eq!(report["after"]["farmers"], farmers);
    assert_eq!(count(&db, "farmers"), farmers, "the change is gone");
    let kept = path_of(&report["replacedKeptAt"]);
    let name = kept.file_name().map(|n| n.to_string_lossy().into_owned());
    assert!(
        name.as_deref()
            .is_some_and(|n| n.starts_with("farmstall.replaced-") && n.ends_with(".db")),
        "{kept:?}"
    );
    assert_eq!(
        count(&kept, "farmers"),
        farmers + 1,
        "the replaced shop kept"
    );
    let before = path_of(&report["beforeBackup"]);
    assert_eq!(count(&before, "farmers"), farmers + 1);
    assert_eq!(integrity(&db), "ok");
    // The shop opens and works as before.
    json(&db, &["farmer", "add", "--name", "又一个"]);
    // Both backups listed: the manual one and the one taken before the restore.
    let list = json(&db, &["backups"]);
    let all = list["backups"].as_array().cloned().unwrap_or_default();
    assert_eq!(all.len(), 2, "{list}");
    assert!(all
        .iter()
        .any(|b| b["kind"] == "before-step" && b["step"] == "restore" && b["usable"] == true));
}

fn corrupt(path: &Path) {
    let len = ok(std::fs::metadata(path)).len();
    let mut f = ok(std::fs::OpenOptions::new().write(true).open(path));
    let mut page = 4096;
    while page + 64 < len {
        ok(f.seek(SeekFrom::Start(page)));
        ok(f.write_all(&[0xA5; 64]));
        page += 4096 * 3;
    }
}

#[test]
fn unusable_files_are_refused_with_nothing_changed_and_listed_with_the_reason() {
    let (dir, db) = demo();
    let farmers = count(&db, "farmers");
    let made = json(&db, &["backup"]);
    let backup = path_of(&made["backup"]["path"]);
    let backups = dir.path().join("backups");

    let damaged = backups.join("damaged-copy.db");
    ok(std::fs::copy(&backup, &damaged));
    corrupt(&damaged);
    let text = backups.join("notes.txt");
    ok(std::fs::write(&text, "not a shop\n"));
    let foreign = backups.join("other-program.db");
    {
        let conn = ok(Connection::open(&foreign));
        ok(conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);"));
    }
    let newer = backups.join("from-the-future.db");
    ok(std::fs::copy(&backup, &newer));
    {
        let conn = ok(Connection::open(&newer));
        ok(conn.pragma_update(None, "user_version", 999));
    }
    let before = files(dir.path());
    for (file, rule) in [
        (&damaged, "damaged"),
        (&text, "not_farmstall"),
        (&foreign, "not_farmstall"),
        (&newer, "newer_version"),
        (&dir.path().join("missing.db"), "missing"),
    ] {
        let error = refused(&db, &["restore", &file.to_string_lossy()]);
        assert_eq!(error["rule"], rule, "{file:?}: {error}");
        assert_eq!(count(&db, "farmers"), farmers);
        assert_eq!(files(dir.path()), before, "nothing changed for {file:?}");
    }
    let list = json(&db, &["backups"]);
    let by_name = |name: &str| -> Value {
        list["backups"]
            .as_array()
            .and_then(|all| all.iter().find(|b| b["fileName"] == name).cloned())
            .unwrap_or_else(|| panic!("{name} not listed: {list}"))
    };
    for (name, problem) in [
        ("damaged-copy.db", "damaged"),
        ("notes.txt", "not_farmstall"),
        ("other-program.db", "not_farmstall"),
        ("from-the-future.db", "newer_version"),
    ] {
        let b = by_name(name);
        assert_eq!(b["usable"], false, "{b}");
        assert_eq!(b["problem"], problem, "{b}");
    }
    let good = list["backups"][0].clone();
    assert_eq!(good["usable"], true, "{list}");
    // A backup damaged in place after it was verified is noticed too (its time changed).
    corrupt(&backup);
    let list = json(&db, &["backups"]);
    let b = list["backups"]
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|b| b["path"] == made["backup"]["path"])
                .cloned()
        })
        .unwrap_or_else(|| panic!("{list}"));
    assert_eq!(b["usable"], false, "{b}");
    // And rotation never deletes the foreign files.
    json(&db, &["backup"]);
    for name in ["notes.txt", "other-program.db", "damaged-copy.db"] {
        assert!(backups.join(name).exists(), "{name}");
    }
}

#[test]
fn a_failing_target_leaves_earlier_backups_intact_and_says_so() {
    let (dir, db) = demo();
    let first = json(&db, &["backup"]);
    let usb = dir.path().join("usb");
    ok(std::fs::create_dir(&usb));
    let second = json(&db, &["backup", "--to", &usb.to_string_lossy()]);
    let copy = path_of(&second["copiedTo"]);
    assert!(copy.starts_with(usb.join("farmstall-backups")), "{copy:?}");
    assert_eq!(integrity(&copy), "ok");
    let list = json(&db, &["backups"]);
    assert_eq!(list["outsideStale"], false, "{list}");
    assert!(list["lastOutsideBackup"].is_string());

    // The stick is gone: exit 1 with the reason, the data folder's backup made, nothing lost.
    let gone = dir.path().join("unplugged");
    let out = run(&db, &["backup", "--to", &gone.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not there"), "{stderr}");
    assert!(path_of(&first["backup"]["path"]).exists());
    assert!(copy.exists());

    // The backups folder cannot be made (a file is in its way): a clear error, the shop as it was.
    let other = ok(tempfile::tempdir());
    let db2 = other.path().join("farmstall.db");
    ok(std::fs::copy(&db, &db2));
    ok(std::fs::write(other.path().join("backups"), "in the way"));
    let out = run(&db2, &["backup"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("could not write a backup"), "{stderr}");
    assert_eq!(integrity(&db2), "ok");
}

/// A shop big enough that a backup and a restore take a moment (a few thousand orders).
fn big_shop(dir: &Path, name: &str, orders: u32) -> PathBuf {
    let db = dir.join(name);
    let mut app = ok(App::open_with_clock(
        &db,
        Origin::System,
        Arc::new(SystemClock),
    ));
    ok(farmstall_app::generate::generate_sized(
        &mut app, 1, 7, 400, orders,
    ));
    db
}

/// Every file the list shows in the data folder's backups is a complete, verified backup.
fn only_good_backups(db: &Path) -> usize {
    let list = json(db, &["backups"]);
    let all = list["backups"]
        .as_array()
        .unwrap_or_else(|| panic!("{list}"))
        .clone();
    for b in &all {
        assert_eq!(b["usable"], true, "{b}");
        assert!(!b["fileName"].as_str().unwrap_or_default().starts_with('.'));
        assert_eq!(integrity(&path_of(&b["path"])), "ok");
    }
    all.len()
}

fn killed_after(mut cmd: Command, delay: Duration) -> bool {
    let mut child = ok(cmd.stdout(Stdio::null()).stderr(Stdio::null()).spawn());
    std::thread::sleep(delay);
    let finished = matches!(child.try_wait(), Ok(Some(_)));
    let _ = child.kill(); // SIGKILL
    let _ = child.wait();
    !finished
}

#[test]
fn a_kill_during_a_backup_leaves_only_complete_backups() {
    let dir = ok(tempfile::tempdir());
    let db = big_shop(dir.path(), "farmstall.db", 4000);
    let orders = count(&db, "orders");
    let t = Instant::now();
    json(&db, &["backup"]);
    let full = t.elapsed();
    let mut rng = SmallRng::seed_from_u64(14);
    let mut killed = 0;
    for _ in 0..10 {
        let ms = rng.gen_range(0..=u64::try_from(full.as_millis() * 5 / 4).unwrap_or(1000));
        if killed_after(command(&db, &["backup"]), Duration::from_millis(ms)) {
            killed += 1;
        }
        assert_eq!(integrity(&db), "ok");
        assert_eq!(count(&db, "orders"), orders);
        only_good_backups(&db);
    }
    eprintln!("a backup took {full:?}; {killed} of 10 were killed before finishing");
    // The next backup cleans what the kills left.
    json(&db, &["backup"]);
    let left: Vec<String> = files(&dir.path().join("backups"))
        .into_iter()
        .filter(|n| n.starts_with(".farmstall-tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_kill_during_a_restore_leaves_the_old_shop_or_the_new_one() {
    let dir = ok(tempfile::tempdir());
    let small = big_shop(dir.path(), "small.db", 1500);
    let pristine = big_shop(dir.path(), "big.db", 4000);
    let (old_orders, new_orders) = (count(&pristine, "orders"), count(&small, "orders"));
    assert_ne!(old_orders, new_orders);
    let data = dir.path().join("data");
    ok(std::fs::create_dir(&data));
    let db = data.join("farmstall.db");
    let from = small.to_string_lossy().into_owned();
    let reset = || {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        ok(std::fs::copy(&pristine, &db));
    };
    reset();
    let t = Instant::now();
    json(&db, &["restore", &from]);
    let full = t.elapsed();
    assert_eq!(count(&db, "orders"), new_orders);
    let mut rng = SmallRng::seed_from_u64(1414);
    let (mut old, mut new) = (0, 0);
    for _ in 0..10 {
        reset();
        let ms = rng.gen_range(0..=u64::try_from(full.as_millis() * 5 / 4).unwrap_or(1000));
        killed_after(command(&db, &["restore", &from]), Duration::from_millis(ms));
        assert_eq!(integrity(&db), "ok");
        let orders = count(&db, "orders");
        assert!(
            orders == old_orders || orders == new_orders,
            "{orders} orders: neither the old shop ({old_orders}) nor the new one ({new_orders})"
        );
        if orders == old_orders {
            old += 1;
        } else {
            new += 1;
        }
        // The shop opens through the app as well (WAL replay, migrations check).
        json(&db, &["status"]);
        only_good_backups(&db);
    }
    eprintln!("a restore took {full:?}; after the kills: {old} old shops, {new} new ones");
}

#[test]
fn two_backups_at_once_both_finish_and_both_verify() {
    let dir = ok(tempfile::tempdir());
    let db = big_shop(dir.path(), "farmstall.db", 3000);
    let spawn = || {
        ok(command(&db, &["--json", "backup"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn())
    };
    let (a, b) = (spawn(), spawn());
    let (a, b) = (ok(a.wait_with_output()), ok(b.wait_with_output()));
    let mut paths = Vec::new();
    for out in [a, b] {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = ok(serde_json::from_slice(&out.stdout));
        let p = path_of(&v["backup"]["path"]);
        assert_eq!(integrity(&p), "ok");
        paths.push(p);
    }
    assert_ne!(paths[0], paths[1]);
    assert_eq!(only_good_backups(&db), 2);
}
