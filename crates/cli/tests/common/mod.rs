//! What the backup and leave-demo tests share: running the real `farmstall` binary on a temp
//! shop (its data folder the shop file's folder) and reading its `--json` answer.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

pub fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

pub fn command(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_farmstall"));
    cmd.arg("--db").arg(db).args(args).env(
        "FARMSTALL_DATA_DIR",
        db.parent().unwrap_or(Path::new("/nonexistent")),
    );
    cmd
}

pub fn run(db: &Path, args: &[&str]) -> Output {
    ok(command(db, args).output())
}

/// Runs with `--json`, expects success, returns the parsed output.
pub fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(db, &all);
    assert!(
        out.status.success(),
        "farmstall {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    ok(serde_json::from_slice(&out.stdout))
}
