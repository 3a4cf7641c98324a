//! The crash record from the real binary: a debug build's `FARMSTALL_CRASH_TEST=1` makes the
//! command panic with a buyer's phone and a secret in its message; the process fails, and the
//! report in `<data>/logs/` has the version, the command's words, the panic and a backtrace, and
//! neither the phone, the secret, nor the values the command was given.

use std::path::Path;
use std::process::{Command, Output};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn farmstall(db: &Path, args: &[&str], crash: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_farmstall"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("FARMSTALL_PIN");
    if crash {
        cmd.env("FARMSTALL_CRASH_TEST", "1");
    } else {
        cmd.env_remove("FARMSTALL_CRASH_TEST");
    }
    ok(cmd.output())
}

fn crash_reports(logs: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(logs)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("crash-") && n.ends_with(".txt"))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
}

#[test]
fn a_panic_writes_a_report_without_the_buyer_or_the_secret() {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    let demo = farmstall(&db, &["demo"], false);
    assert!(demo.status.success(), "{demo:?}");
    let logs = dir.path().join("logs");
    assert!(crash_reports(&logs).is_empty());

    let crashed = farmstall(
        &db,
        &[
            "--json",
            "farmer",
            "add",
            "--name",
            "赵六",
            "--village",
            "秦岭东路88号",
            "--phone",
            "13700001111",
        ],
        true,
    );
    assert!(!crashed.status.success(), "{crashed:?}");
    // Nothing but JSON (here nothing) on stdout: the log does not print there.
    assert!(crashed.stdout.is_empty(), "{crashed:?}");
    // stderr still has Rust's own message (the hook chains to it).
    assert!(
        String::from_utf8_lossy(&crashed.stderr).contains("panicked"),
        "{crashed:?}"
    );

    let reports = crash_reports(&logs);
    assert_eq!(reports.len(), 1, "{reports:?}");
    let text = ok(std::fs::read_to_string(&reports[0]));
    let version = env!("CARGO_PKG_VERSION");
    assert!(text.contains(&format!("version: {version}")), "{text}");
    assert!(text.contains("command: farmer add"), "{text}");
    assert!(text.contains("thread: main"), "{text}");
    assert!(text.contains("panicked at"), "{text}");
    assert!(text.contains("crash test"), "the message is there: {text}");
    // A backtrace line naming a frame of the program.
    assert!(text.contains("backtrace:"), "{text}");
    assert!(
        text.lines().any(|l| l.contains("farmstall::crash_test")),
        "{text}"
    );
    for secret in [
        "13812345678",
        "CrashTestSecret0123456789",
        "赵六",
        "秦岭东路",
        "13700001111",
    ] {
        assert!(!text.contains(secret), "{secret} is in the report:\n{text}");
    }

    // The farmer was not added, and the next command works and logs nothing to stdout but its own.
    let list = farmstall(
        &db,
        &["--json", "farmer", "list", "--search", "赵六"],
        false,
    );
    assert!(list.status.success(), "{list:?}");
    let page: serde_json::Value = ok(serde_json::from_slice(&list.stdout));
    assert_eq!(page["total"], 0, "{page}");
}

#[test]
fn a_mistyped_db_leaves_no_logs_folder() {
    let dir = ok(tempfile::tempdir());
    let missing = dir.path().join("nowhere").join("farmstall.db");
    let run = farmstall(&missing, &["farmer", "list"], false);
    assert!(!run.status.success());
    assert!(!dir.path().join("nowhere").exists());
}
