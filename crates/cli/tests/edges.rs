//! The real `farmstall` binary at its edges: output that cannot be written, paths where no shop
//! is, files that cannot be written, stored text with escape sequences, and sync rounds that
//! stop. Each test names what went wrong before it was fixed.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use farmstall_marketplace_sim::{Config, ShopConfig, Simulator};
use serde_json::Value;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    path: PathBuf,
}

/// A new, empty shop file (only `demo`, `generate` and `shop set` create one where none is).
fn shop() -> Shop {
    let dir = ok(tempfile::tempdir());
    let path = dir.path().join("shop.db");
    drop(ok(farmstall_store::Store::open(&path)));
    Shop { dir, path }
}

fn farmstall(db: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_farmstall"));
    cmd.arg("--db")
        .arg(db)
        .args(args)
        // Never fall back to the user's real shop or keys.
        .env(
            "FARMSTALL_DATA_DIR",
            db.parent().unwrap_or(Path::new("/nonexistent")),
        )
        .env(
            "FARMSTALL_KEY_DIR",
            db.parent()
                .unwrap_or(Path::new("/nonexistent"))
                .join("keys"),
        )
        .env_remove("FARMSTALL_MARKETPLACE_SECRET")
        .env_remove("FARMSTALL_MARKETPLACE_SESSION");
    cmd
}

fn run(db: &Path, args: &[&str]) -> Output {
    ok(farmstall(db, args).output())
}

fn json(db: &Path, args: &[&str]) -> Value {
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

fn farmers_named(db: &Path, name: &str) -> u64 {
    json(db, &["farmer", "list", "--search", name])["total"]
        .as_u64()
        .unwrap_or_else(|| panic!("no total"))
}

/// Regression: `println!` panicked when stdout was full, so a payment that was saved exited 101
/// and a script retried it.
#[test]
fn a_saved_write_exits_0_when_stdout_is_a_full_disk() {
    let shop = shop();
    json(&shop.path, &["farmer", "add", "--name", "王德贵"]);
    let out = ok(
        farmstall(&shop.path, &["farmer", "add", "--name", "李秀英"])
            .stdout(Stdio::from(ok(File::create("/dev/full"))))
            .output(),
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{:?}: {stderr}", out.status);
    assert!(stderr.contains("could not be printed"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        farmers_named(&shop.path, "李秀英"),
        1,
        "the write is stored"
    );
}

/// A read whose result cannot be written did not do its job: non-zero, said on stderr.
#[test]
fn a_read_that_cannot_be_printed_fails_without_a_panic() {
    let shop = shop();
    json(&shop.path, &["farmer", "add", "--name", "王德贵"]);
    let out = ok(farmstall(&shop.path, &["farmer", "list"])
        .stdout(Stdio::from(ok(File::create("/dev/full"))))
        .output());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cannot print"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Regression: `farmstall ... | head -1` with the reader gone panicked (exit 101, a panic
/// message on stderr); a write in such a pipe looked failed although it was saved.
#[test]
fn a_closed_pipe_ends_quietly_and_the_write_is_kept() {
    let shop = shop();
    json(&shop.path, &["farmer", "add", "--name", "王德贵"]);
    for args in [
        &["farmer", "add", "--name", "张三"][..],
        &["farmer", "list"][..],
    ] {
        let mut child = ok(farmstall(&shop.path, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn());
        // The reader goes before the command writes a byte.
        drop(child.stdout.take());
        let out = ok(child.wait_with_output());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {stderr}", out.status);
        assert_eq!(stderr, "", "{args:?} said something on stderr");
    }
    assert_eq!(farmers_named(&shop.path, "张三"), 1);
}

/// Regression: a read on a mistyped path created an empty shop there (and its folders).
#[test]
fn a_read_where_no_shop_is_creates_nothing() {
    let shop = shop();
    let folder = shop.dir.path().join("x");
    let missing = folder.join("none.db");
    for args in [
        &["farmer", "list"][..],
        &["order", "list"][..],
        &["lots"][..],
        &["sync", "status"][..],
        // Writes other than setting a shop up do not create one either.
        &["farmer", "add", "--name", "王德贵"][..],
        &["language", "en"][..],
        &["member", "add", "秀英"][..],
    ] {
        let out = run(&missing, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(
            stderr.contains("no shop at") && stderr.contains("farmstall demo"),
            "{stderr}"
        );
        assert!(!missing.exists() && !folder.exists(), "{args:?} created it");
    }
    // `status` and `shop show` answer "no shop" without creating one either.
    assert_eq!(json(&missing, &["status"])["hasShop"], false);
    assert_eq!(json(&missing, &["shop", "show"]), Value::Null);
    assert!(!missing.exists() && !folder.exists());
    // Setting a shop up creates it.
    json(
        &missing,
        &[
            "shop",
            "set",
            "--shop-name",
            "黔山果园",
            "--sender-name",
            "杨秀英",
            "--phone",
            "13985012345",
            "--province",
            "贵州省",
            "--city",
            "贵阳市",
            "--street",
            "六屯镇大木村",
        ],
    );
    assert!(missing.exists());
}

/// Makes `path` unwritable even for root (who ignores permission bits): mode bits first, then
/// the immutable attribute. None when neither holds here (root on a file system without
/// `chattr`), which the caller reports.
struct Unwritable {
    path: PathBuf,
    immutable: bool,
}

impl Unwritable {
    fn make(path: &Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o555 } else { 0o444 };
        ok(std::fs::set_permissions(
            path,
            std::fs::Permissions::from_mode(mode),
        ));
        let mut guard = Unwritable {
            path: path.to_path_buf(),
            immutable: false,
        };
        if !writable(path) {
            return Some(guard);
        }
        guard.immutable = Command::new("chattr")
            .arg("+i")
            .arg(path)
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        (!writable(path)).then_some(guard)
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = Command::new("chattr").arg("-i").arg(&self.path).status();
        }
        let _ = std::fs::set_permissions(&self.path, std::fs::Permissions::from_mode(0o755));
    }
}

/// Whether this process may write `path` (a file: opened for appending; a folder: a file made
/// and removed in it). No connection to the file is open in this process.
fn writable(path: &Path) -> bool {
    if path.is_dir() {
        let probe = path.join(".probe");
        let made = File::create(&probe).is_ok();
        let _ = std::fs::remove_file(&probe);
        made
    } else {
        std::fs::OpenOptions::new().append(true).open(path).is_ok()
    }
}

/// Regression: a shop file that may not be written opened, and the first save failed as
/// "database error: attempt to write a readonly database"; in a folder that may not be written,
/// the shop was called damaged. Both now say read-only, and nothing is changed.
#[test]
fn a_read_only_shop_says_read_only_not_damaged() {
    let shop = shop();
    json(&shop.path, &["farmer", "add", "--name", "王德贵"]);
    let before = ok(std::fs::read(&shop.path));
    {
        let Some(_guard) = Unwritable::make(&shop.path) else {
            // Root without the immutable attribute: there is no unwritable file to try.
            eprintln!("skipped: cannot make a file read-only here");
            return;
        };
        let out = run(&shop.path, &["farmer", "add", "--name", "李秀英"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains("read-only"), "{stderr}");
        assert!(!stderr.contains("damaged"), "{stderr}");
    }
    assert_eq!(
        ok(std::fs::read(&shop.path)),
        before,
        "the file was changed"
    );
    // A read-write open that closes last takes the WAL files the read-only one left along.
    json(&shop.path, &["farmer", "list"]);
    assert!(!shop.dir.path().join("shop.db-wal").exists());
    {
        let folder = shop.dir.path();
        let Some(_guard) = Unwritable::make(folder) else {
            eprintln!("skipped: cannot make a folder read-only here");
            return;
        };
        let out = run(&shop.path, &["farmer", "list"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success());
        assert!(stderr.contains("read-only"), "{stderr}");
        assert!(!stderr.contains("damaged"), "{stderr}");
    }
    assert_eq!(farmers_named(&shop.path, "王德贵"), 1);
}

/// Regression: a name with an escape sequence that got into the database (an import, another
/// tool) reached the terminal raw and could restyle or rewrite it.
#[test]
fn stored_escape_sequences_never_reach_the_terminal() {
    let shop = shop();
    let f = json(&shop.path, &["farmer", "add", "--name", "王德贵"]);
    let id = f["id"]
        .as_str()
        .unwrap_or_else(|| panic!("no id"))
        .to_string();
    {
        let db = ok(farmstall_store::rusqlite::Connection::open(&shop.path));
        ok(db.execute(
            "UPDATE farmers SET name = ?1, village = ?2 WHERE id = ?3",
            [
                "王\u{1b}[2J\u{1b}]0;pwned\u{7}德贵",
                "大木\r村\u{9b}31m",
                &id,
            ],
        ));
    }
    for args in [&["farmer", "list"][..], &["farmer", "show", &id][..]] {
        let out = run(&shop.path, args);
        assert!(out.status.success(), "{args:?}");
        assert!(
            !out.stdout.iter().any(|b| matches!(b, 0x1b | 0x07 | b'\r')),
            "{args:?} printed a raw control character: {:?}",
            String::from_utf8_lossy(&out.stdout)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("王\\u{1b}[2J") && !text.contains('\u{9b}'),
            "{text}"
        );
    }
    // JSON keeps the exact value, escaped by JSON itself.
    let shown = json(&shop.path, &["farmer", "show", &id]);
    assert_eq!(shown["name"], "王\u{1b}[2J\u{1b}]0;pwned\u{7}德贵");
}

const APP_KEY: &str = "12345678";
const SECRET: &str = "edge-secret";
const SESSION: &str = "edge-session";

fn connect(db: &Path, url: &str, secret: Option<&str>) -> Output {
    let mut cmd = farmstall(db, &["sync", "connect", "--url", url, "--app-key", APP_KEY]);
    if let Some(secret) = secret {
        cmd.env("FARMSTALL_MARKETPLACE_SECRET", secret)
            .env("FARMSTALL_MARKETPLACE_SESSION", SESSION);
    }
    ok(cmd.output())
}

/// Regression: a round that stopped (refused signature, no connection) exited 0, so a script
/// believed it synced; `sync connect` without the secret and session in the environment
/// exited 0 as well.
#[test]
fn sync_says_when_a_round_stopped_and_connect_needs_its_secrets() {
    let shop = shop();
    json(&shop.path, &["farmer", "add", "--name", "王德贵"]);
    let sim = Simulator::start(Config::with_shop(
        7,
        ShopConfig::new(APP_KEY, SECRET, SESSION),
    ));
    let url = sim.url();

    assert!(connect(&shop.path, &url, Some(SECRET)).status.success());
    let out = run(&shop.path, &["sync"]);
    assert!(
        out.status.success(),
        "a round that ran: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Without the secret and session: refused, and the working credentials stay.
    let out = connect(&shop.path, &url, None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "connect without secrets succeeded");
    assert!(stderr.contains("FARMSTALL_MARKETPLACE_SECRET"), "{stderr}");
    assert!(run(&shop.path, &["sync"]).status.success());

    // A wrong secret: the marketplace refuses the signature.
    assert!(connect(&shop.path, &url, Some("not-the-secret"))
        .status
        .success());
    let out = run(&shop.path, &["--json", "sync"]);
    assert!(!out.status.success(), "a refused round exited 0");
    let report: Value = ok(serde_json::from_slice(&out.stdout));
    assert_ne!(report["error"], "", "the report says why");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .trim_end()
            .lines()
            .count(),
        1
    );

    // The marketplace gone: no connection.
    assert!(connect(&shop.path, &url, Some(SECRET)).status.success());
    sim.stop();
    let out = run(&shop.path, &["sync"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !out.status.success(),
        "a round without a connection exited 0"
    );
    assert!(stderr.contains("stopped"), "{stderr}");
}
