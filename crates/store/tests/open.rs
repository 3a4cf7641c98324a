//! Opening files: new, ours, not ours, damaged, newer, busy. A refused file is never changed.

use std::fs;
use std::path::Path;
use std::time::Duration;

use farmstall_store::rusqlite::Connection;
use farmstall_store::{latest_version, Store, StoreError, APPLICATION_ID};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn open(path: &Path) -> Store {
    Store::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

#[test]
fn a_new_file_gets_the_whole_schema_with_wal_and_foreign_keys() {
    let dir = temp();
    let path = dir.path().join("nested").join("farmstall.db");
    let (store, report) = Store::open_with_report(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (report.from_version, report.to_version),
        (0, latest_version())
    );
    assert_eq!(report.backup, None, "nothing to back up in a new file");
    let conn = store.conn();
    let get = |pragma: &str| -> String {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| {
            r.get::<_, farmstall_store::rusqlite::types::Value>(0)
        })
        .map(|v| format!("{v:?}"))
        .unwrap_or_default()
    };
    assert!(
        get("journal_mode").contains("wal"),
        "{}",
        get("journal_mode")
    );
    assert!(get("foreign_keys").contains('1'));
    assert!(get("application_id").contains(&APPLICATION_ID.to_string()));
    // Reopening is a no-op.
    drop(store);
    let (_, again) = Store::open_with_report(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (again.from_version, again.to_version),
        (latest_version(), latest_version())
    );
}

#[test]
fn a_text_file_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join("notes.db");
    fs::write(&path, "买猕猴桃 20斤\n").unwrap_or_else(|e| panic!("{e}"));
    let err = Store::open(&path).err();
    assert!(
        matches!(err, Some(StoreError::NotFarmstall { .. })),
        "{err:?}"
    );
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("not a Farmstall database"));
    assert_eq!(
        fs::read_to_string(&path).unwrap_or_default(),
        "买猕猴桃 20斤\n"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        conn.execute_batch("CREATE TABLE notes (t TEXT); INSERT INTO notes VALUES ('hello');")
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = fs::read(&path).unwrap_or_default();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NotFarmstall { .. })
    ));
    assert_eq!(fs::read(&path).unwrap_or_default(), before);
    assert!(
        !dir.path().join("other.db-wal").exists(),
        "no WAL was started in a foreign file"
    );
}

#[test]
fn a_damaged_database_is_refused_and_left_untouched() {
    let dir = temp();
    let path = dir.path().join("farmstall.db");
    drop(open(&path));
    // Keep the header, scribble over the rest (the schema page included).
    let mut bytes = fs::read(&path).unwrap_or_default();
    for b in bytes.iter_mut().skip(100) {
        *b = 0xA5;
    }
    fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
    let _ = fs::remove_file(dir.path().join("farmstall.db-wal"));
    let _ = fs::remove_file(dir.path().join("farmstall.db-shm"));
    let err = Store::open(&path).err();
    assert!(
        matches!(
            err,
            Some(StoreError::Corrupt { .. } | StoreError::NotFarmstall { .. })
        ),
        "{err:?}"
    );
    assert_eq!(fs::read(&path).unwrap_or_default(), bytes);
}

#[test]
fn a_database_from_a_newer_farmstall_is_refused_and_never_modified() {
    let dir = temp();
    let path = dir.path().join("farmstall.db");
    {
        let store = open(&path);
        store
            .conn()
            .execute_batch(&format!(
                "PRAGMA user_version = {}; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;",
                latest_version() + 1
            ))
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let before = fs::read(&path).unwrap_or_default();
    let err = Store::open(&path).err();
    match &err {
        Some(StoreError::NewerVersion {
            found, supported, ..
        }) => {
            assert_eq!(
                (*found, *supported),
                (latest_version() + 1, latest_version())
            );
        }
        other => panic!("expected NewerVersion, got {other:?}"),
    }
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("newer Farmstall"));
    assert_eq!(
        fs::read(&path).unwrap_or_default(),
        before,
        "the file must not change"
    );
}

#[test]
fn a_write_blocked_by_another_copy_says_busy_and_loses_nothing() {
    let dir = temp();
    let path = dir.path().join("farmstall.db");
    let mut first = open(&path);
    let mut second = open(&path);
    second
        .conn()
        .busy_timeout(Duration::from_millis(50))
        .unwrap_or_else(|e| panic!("{e}"));
    let first_conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
    first_conn
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings VALUES ('x', '1');")
        .unwrap_or_else(|e| panic!("{e}"));
    let result: Result<(), StoreError> = second.write(|tx| {
        tx.execute("INSERT INTO settings VALUES ('y', '2')", [])?;
        Ok(())
    });
    assert!(matches!(result, Err(StoreError::Busy)), "{result:?}");
    first_conn
        .execute_batch("COMMIT;")
        .unwrap_or_else(|e| panic!("{e}"));
    // Both copies see the committed write; the refused one left nothing behind.
    let count = |s: &mut Store| -> i64 {
        s.conn()
            .query_row(
                "SELECT count(*) FROM settings WHERE key IN ('x', 'y')",
                [],
                |r| r.get(0),
            )
            .unwrap_or(-1)
    };
    assert_eq!(count(&mut first), 1);
    assert_eq!(count(&mut second), 1);
}

/// Opening the same shop a second time in one process (the desktop's background sync does) must
/// not drop the first connection's locks: another process closing its connection would then take
/// the WAL away, and the first connection's writes would go into a removed file, lost.
#[test]
fn a_second_open_in_one_process_keeps_the_first_connections_writes_visible_to_others() {
    let dir = temp();
    let path = dir.path().join("shop.db");
    let mut first = open(&path);
    drop(open(&path));
    // Another process opens and closes the shop (python's sqlite3, like any other program).
    let other = |sql: &str| -> String {
        let out = std::process::Command::new("python3")
            .arg("-c")
            .arg(format!(
                "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); r=c.execute(\"{sql}\").fetchone(); print(r[0] if r else ''); c.close()"
            ))
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("python3: {e}"));
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    assert_eq!(other("SELECT count(*) FROM settings"), "0");
    first
        .write(|tx| -> Result<usize, farmstall_store::StoreError> {
            Ok(tx.execute(
                "INSERT INTO settings (key, value) VALUES ('language', 'en')",
                [],
            )?)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        other("SELECT value FROM settings WHERE key = 'language'"),
        "en",
        "the write went into a WAL the other process had removed"
    );
}

/// Makes `path` unwritable even for root (who ignores permission bits): mode bits first, then
/// the immutable attribute; undone on drop. None when neither holds here (root on a file system
/// without `chattr`), which the caller reports.
struct Unwritable {
    path: std::path::PathBuf,
    immutable: bool,
}

impl Unwritable {
    fn make(path: &Path) -> Option<Unwritable> {
        use std::os::unix::fs::PermissionsExt;
        let mode = if path.is_dir() { 0o555 } else { 0o444 };
        fs::set_permissions(path, fs::Permissions::from_mode(mode))
            .unwrap_or_else(|e| panic!("{e}"));
        let mut guard = Unwritable {
            path: path.to_path_buf(),
            immutable: false,
        };
        if !writable(path) {
            return Some(guard);
        }
        guard.immutable = std::process::Command::new("chattr")
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
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.path)
                .status();
        }
        let _ = fs::set_permissions(&self.path, fs::Permissions::from_mode(0o755));
    }
}

/// Whether this process may write `path`; no connection to it is open here.
fn writable(path: &Path) -> bool {
    if path.is_dir() {
        let probe = path.join(".probe");
        let made = fs::File::create(&probe).is_ok();
        let _ = fs::remove_file(&probe);
        made
    } else {
        fs::OpenOptions::new().append(true).open(path).is_ok()
    }
}

/// Regression: SQLite quietly opened a file it may not write read-only, so the shop opened and
/// its first save failed as a database error.
#[test]
fn a_read_only_file_is_refused_as_read_only() {
    let dir = temp();
    let path = dir.path().join("farmstall.db");
    drop(open(&path));
    let before = fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
    let Some(guard) = Unwritable::make(&path) else {
        eprintln!("skipped: cannot make a file read-only here (root without chattr)");
        return;
    };
    let err = Store::open(&path).err();
    drop(guard);
    assert!(matches!(err, Some(StoreError::ReadOnly { .. })), "{err:?}");
    assert!(err
        .map(|e| e.to_string())
        .unwrap_or_default()
        .contains("is read-only"),);
    assert_eq!(fs::read(&path).unwrap_or_default(), before);
}

/// Regression: in a folder that may not be written, SQLite cannot make its `-wal` and `-shm`
/// files, and the shop was called damaged.
#[test]
fn a_shop_in_a_read_only_folder_is_read_only_not_damaged() {
    let dir = temp();
    let folder = dir.path().join("shop");
    let path = folder.join("farmstall.db");
    drop(open(&path));
    assert!(!folder.join("farmstall.db-wal").exists(), "closed cleanly");
    let Some(guard) = Unwritable::make(&folder) else {
        eprintln!("skipped: cannot make a folder read-only here (root without chattr)");
        return;
    };
    let err = Store::open(&path).err();
    drop(guard);
    assert!(matches!(err, Some(StoreError::ReadOnly { .. })), "{err:?}");
}

/// A path where nothing is stays so when only an existing shop may be opened.
#[test]
fn open_existing_creates_neither_the_file_nor_its_folder() {
    let dir = temp();
    let folder = dir.path().join("typo");
    let path = folder.join("farmstall.db");
    let err = Store::open_existing(&path).err();
    assert!(matches!(err, Some(StoreError::NoShop { .. })), "{err:?}");
    assert!(!folder.exists());
    drop(open(&path));
    assert!(Store::open_existing(&path).is_ok());
}
