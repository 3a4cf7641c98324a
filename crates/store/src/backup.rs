//! Backups of the shop file: taking a consistent copy, verifying it, listing what a folder holds,
//! and deciding which copies rotation deletes.
//!
//! A backup is written by SQLite's online backup in one step ([`copy_pages`]: a consistent
//! snapshot, page by page, never blocking the window's writes in WAL mode) to a hidden temp name in the target folder, fsynced, verified
//! (opens read-only, `integrity_check` ok, Farmstall's application id, a schema version this build
//! knows), and only then renamed to its backup name, and the folder fsynced: a kill at any point
//! leaves either no new backup or a complete one. Temp files a kill left behind start with
//! [`TEMP_PREFIX`], are never listed, and are removed by the next backup into that folder.
//!
//! The name says when and why: `farmstall-20261207T130500Z-daily.db` (UTC; `-closing`, `-manual`,
//! `-before-<step>`; `.2`, `.3`… when a name is taken). Beside each backup a sidecar
//! (`….json`) keeps its facts (counts, last order date, schema version, the change log's
//! position) and the file's size and modification time when it was verified: listing 30 backups
//! of a 350 MB shop must not run 30 integrity checks, so a listed file whose size and time still
//! match its sidecar is taken as verified, and any other file is checked in full.
//!
//! Architecture Invariant: only files whose names parse as our backups (and their sidecars and
//! our temp files) are ever deleted; one backup at a time writes into a folder (a lock file), so
//! two copies of Farmstall backing up at once take turns instead of removing each other's files.

use std::fs::{self, File};
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, NaiveDateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::{latest_version, Result, StoreError, APPLICATION_ID};

/// Every backup's file name starts with this.
pub const NAME_PREFIX: &str = "farmstall-";
/// Files being written (or left by a kill) start with this; never listed.
pub const TEMP_PREFIX: &str = ".farmstall-tmp-";
const LOCK_NAME: &str = ".farmstall-backups.lock";

/// How many backups rotation keeps.
pub const KEEP_DAILY: usize = 7;
pub const KEEP_WEEKLY: usize = 5;
pub const KEEP_MONTHLY: usize = 12;
/// Before-step and manual backups are kept this many days.
pub const KEEP_STEP_DAYS: i64 = 30;
/// The before-step copy taken before leaving the demo: never rotated away.
pub const LEAVE_DEMO_STEP: &str = "leave_demo";

/// The folder of backups beside a shop file: `backups/` in its data folder.
pub fn backups_dir(db: &Path) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("backups")
}

/// Why a backup was taken.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind {
    /// The first open of a day.
    Daily,
    /// On closing the app, when the shop changed since the last backup.
    Closing,
    /// Asked for (`farmstall backup`, the "back up now" button).
    Manual,
    /// Before a risky step (`migration_v11`, `restore`, `import_taobao`): lowercase ASCII
    /// letters, digits and `_`.
    Before(String),
}

impl Kind {
    /// The kind as it is written in a file name: `daily`, `before-restore`.
    pub fn code(&self) -> String {
        match self {
            Kind::Daily => "daily".into(),
            Kind::Closing => "closing".into(),
            Kind::Manual => "manual".into(),
            Kind::Before(step) => format!("before-{step}"),
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        match code {
            "daily" => Some(Kind::Daily),
            "closing" => Some(Kind::Closing),
            "manual" => Some(Kind::Manual),
            _ => code
                .strip_prefix("before-")
                .filter(|s| valid_step(s))
                .map(|s| Kind::Before(s.to_string())),
        }
    }

    /// A step's name made safe for a file name (anything else becomes `_`).
    pub fn before(step: &str) -> Kind {
        let clean: String = step
            .chars()
            .take(40)
            .map(|c| {
                let c = c.to_ascii_lowercase();
                if c.is_ascii_lowercase() || c.is_ascii_digit() {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        Kind::Before(if clean.is_empty() {
            "step".into()
        } else {
            clean
        })
    }

    /// Scheduled copies share the daily/weekly/monthly slots; the others are kept by age.
    fn rotates_by_period(&self) -> bool {
        matches!(self, Kind::Daily | Kind::Closing)
    }
}

fn valid_step(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A backup's name taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    pub taken_at: DateTime<Utc>,
    pub kind: Kind,
}

/// `farmstall-20261207T130500Z-daily.db` (or `….2.db`) → when and why; anything else → None.
pub fn parse_name(file_name: &str) -> Option<Name> {
    let rest = file_name.strip_prefix(NAME_PREFIX)?.strip_suffix(".db")?;
    let (stamp, kind) = rest.split_once('-')?;
    // An optional `.N` after the kind.
    let kind = match kind.rsplit_once('.') {
        Some((k, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => k,
        _ => kind,
    };
    let taken_at = NaiveDateTime::parse_from_str(stamp, "%Y%m%dT%H%M%SZ")
        .ok()?
        .and_utc();
    Some(Name {
        taken_at,
        kind: Kind::parse(kind)?,
    })
}

fn file_name(at: DateTime<Utc>, kind: &Kind, n: u32) -> String {
    let stamp = at.format("%Y%m%dT%H%M%SZ");
    let kind = kind.code();
    if n <= 1 {
        format!("{NAME_PREFIX}{stamp}-{kind}.db")
    } else {
        format!("{NAME_PREFIX}{stamp}-{kind}.{n}.db")
    }
}

/// What a backup holds, as recorded beside it (the sidecar) or read from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Facts {
    pub orders: i64,
    pub lots: i64,
    pub farmers: i64,
    /// The newest order's date (YYYY-MM-DD), if any.
    pub last_order_date: Option<String>,
    pub schema_version: i64,
    /// The change log's last entry: a copy with the same number holds the same shop.
    pub change_seq: i64,
}

/// The sidecar beside a backup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Sidecar {
    facts: Facts,
    size: u64,
    /// Modification time in nanoseconds since 1970 when verified.
    modified_ns: Option<u128>,
    /// When a copy of this backup was verified in a folder outside the data folder.
    outside_at: Option<DateTime<Utc>>,
    outside_folder: Option<String>,
}

/// Why a file cannot be restored from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    Missing,
    NotAFile,
    /// Not an SQLite database at all (a text file, a photo), or an empty file.
    NotSqlite,
    /// An SQLite database of another program.
    NotFarmstall,
    Damaged(String),
    NewerVersion {
        found: i64,
        supported: i64,
    },
    UnknownMigration {
        version: i64,
        name: String,
    },
    Unreadable(String),
}

impl Unusable {
    /// A code the UI translates.
    pub fn code(&self) -> &'static str {
        match self {
            Unusable::Missing => "missing",
            Unusable::NotAFile => "not_a_file",
            Unusable::NotSqlite | Unusable::NotFarmstall => "not_farmstall",
            Unusable::Damaged(_) => "damaged",
            Unusable::NewerVersion { .. } => "newer_version",
            Unusable::UnknownMigration { .. } => "unknown_migration",
            Unusable::Unreadable(_) => "unreadable",
        }
    }
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::Missing => write!(f, "there is no such file"),
            Unusable::NotAFile => write!(f, "it is a folder, not a file"),
            Unusable::NotSqlite => write!(f, "it is not a database (not an SQLite file)"),
            Unusable::NotFarmstall => write!(f, "it is the database of another program"),
            Unusable::Damaged(detail) => write!(f, "it is damaged ({detail})"),
            Unusable::NewerVersion { found, supported } => write!(
                f,
                "it was written by a newer Farmstall (database version {found}; this one knows up to {supported})"
            ),
            Unusable::UnknownMigration { version, name } => write!(
                f,
                "it has a database change ({version} {name}) this Farmstall does not know"
            ),
            Unusable::Unreadable(detail) => write!(f, "it cannot be read ({detail})"),
        }
    }
}

/// A backup just written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub path: PathBuf,
    pub taken_at: DateTime<Utc>,
    pub kind: Kind,
    pub size: u64,
    pub facts: Facts,
}

/// One file of a backups folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    /// From the name; None for a file not named as our backups.
    pub name: Option<Name>,
    pub size: u64,
    /// The facts, or why the file cannot be restored from.
    pub facts: std::result::Result<Facts, Unusable>,
    /// Verified when it was written and unchanged since (else checked in full just now).
    pub outside_at: Option<DateTime<Utc>>,
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::BackupWrite {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// Holds a folder's lock while alive: one backup (or cleanup) at a time writes into a folder,
/// across processes. The lock is the OS's (released when the process dies, even by SIGKILL).
pub struct FolderLock {
    _file: File,
}

/// Waits for and takes `dir`'s lock, creating the folder and the lock file if needed.
pub fn lock(dir: &Path) -> Result<FolderLock> {
    fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    lock_file(&dir.join(LOCK_NAME))
}

/// Waits for and takes the lock of the file at `path` (created if needed).
pub fn lock_file(path: &Path) -> Result<FolderLock> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| write_error(path, e))?;
    file.lock().map_err(|e| write_error(path, e))?;
    Ok(FolderLock { _file: file })
}

/// Waits for and takes the lock of the file at `path` shared: any number of readers hold it
/// together, and [`lock_file`] waits until they all let go (a restore waits for backups that are
/// reading the shop file, and a backup waits while the file is being replaced).
pub fn lock_file_shared(path: &Path) -> Result<FolderLock> {
    let file = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| write_error(path, e))?;
    file.lock_shared().map_err(|e| write_error(path, e))?;
    Ok(FolderLock { _file: file })
}

/// Removes what killed backups left in `dir` (temp files, sidecars without their backup). Only
/// call while holding `dir`'s lock: then no temp file there is still being written.
fn clean(dir: &Path, _lock: &FolderLock) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let orphan_sidecar = name
            .strip_suffix(".json")
            .is_some_and(|stem| parse_name(&format!("{stem}.db")).is_some())
            && !dir.join(name.replace(".json", ".db")).exists();
        if name.starts_with(TEMP_PREFIX) || orphan_sidecar {
            let _ = fs::remove_file(entry.path());
        }
    }
}

fn temp_path(dir: &Path) -> PathBuf {
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    dir.join(format!("{TEMP_PREFIX}{}-{nanos}.db", std::process::id()))
}

/// Makes a directory's entries (a rename) durable; not possible (nor needed) on Windows.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

pub fn sync_file(path: &Path) -> std::io::Result<()> {
    fs::OpenOptions::new().write(true).open(path)?.sync_all()
}

fn modified_ns(path: &Path) -> Option<u128> {
    let modified = fs::metadata(path).ok()?.modified().ok()?;
    Some(
        modified
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos(),
    )
}

/// Takes a backup of the database `source` is connected to into `dir` (created if needed):
/// a temp file, fsynced, verified, renamed into place. `source` should be a connection of its
/// own (a read-only one is enough) so that the window's connection stays free.
pub fn take(source: &Connection, dir: &Path, kind: &Kind, now: DateTime<Utc>) -> Result<Taken> {
    let lock = lock(dir)?;
    clean(dir, &lock);
    let temp = temp_path(dir);
    let result = write_verified(source, &temp).and_then(|facts| {
        let (path, size) = place(dir, &temp, now, kind)?;
        write_sidecar(&path, &facts, size, None)?;
        Ok(Taken {
            path,
            taken_at: now,
            kind: kind.clone(),
            size,
            facts,
        })
    });
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// How often a copy that finds the shop busy (a checkpoint, a recovery) tries again, and how
/// long it waits between tries.
const COPY_TRIES: u32 = 200;
const COPY_RETRY: std::time::Duration = std::time::Duration::from_millis(50);

/// Copies the shop page by page with SQLite's online backup, all pages in one step: one read
/// transaction on the source, so the copy is one moment of the shop while the window goes on
/// writing (WAL). It copies pages as they are, where `VACUUM INTO` rebuilt every table and index:
/// on the 2.8 GB five-year shop 4.9 s against 58 s. The copy is then made a plain file (no WAL
/// beside it), so it opens read-only anywhere, a USB stick included.
pub fn copy_pages(source: &Connection, temp: &Path) -> Result<()> {
    let mut dest = Connection::open(temp).map_err(|e| write_error(temp, e))?;
    {
        let backup =
            rusqlite::backup::Backup::new(source, &mut dest).map_err(|e| write_error(temp, e))?;
        let mut tries = 0;
        loop {
            match backup.step(-1).map_err(|e| write_error(temp, e))? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                _ if tries < COPY_TRIES => {
                    tries += 1;
                    std::thread::sleep(COPY_RETRY);
                }
                _ => return Err(write_error(temp, "the shop stayed busy; try again")),
            }
        }
    }
    dest.pragma_update(None, "journal_mode", "DELETE")
        .map_err(|e| write_error(temp, e))?;
    dest.close().map_err(|(_, e)| write_error(temp, e))
}

fn write_verified(source: &Connection, temp: &Path) -> Result<Facts> {
    copy_pages(source, temp)?;
    sync_file(temp).map_err(|e| write_error(temp, e))?;
    check(temp).map_err(|why| write_error(temp, format!("the copy failed its check: {why}")))
}

/// Renames the verified temp file to a free backup name in `dir` (under `dir`'s lock).
fn place(dir: &Path, temp: &Path, at: DateTime<Utc>, kind: &Kind) -> Result<(PathBuf, u64)> {
    for n in 1..=100 {
        let path = dir.join(file_name(at, kind, n));
        if path.exists() {
            continue;
        }
        fs::rename(temp, &path).map_err(|e| write_error(&path, e))?;
        sync_dir(dir).map_err(|e| write_error(dir, e))?;
        let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        return Ok((path, size));
    }
    Err(write_error(
        dir,
        "a hundred backups of this second already exist",
    ))
}

fn sidecar_path(backup: &Path) -> PathBuf {
    backup.with_extension("json")
}

fn write_sidecar(
    backup: &Path,
    facts: &Facts,
    size: u64,
    outside: Option<(DateTime<Utc>, &Path)>,
) -> Result<()> {
    let sidecar = Sidecar {
        facts: facts.clone(),
        size,
        modified_ns: modified_ns(backup),
        outside_at: outside.map(|(at, _)| at),
        outside_folder: outside.map(|(_, p)| p.display().to_string()),
    };
    let text = serde_json::to_vec_pretty(&sidecar).map_err(|e| write_error(backup, e))?;
    let dir = backup.parent().unwrap_or(Path::new("."));
    let temp = temp_path(dir).with_extension("json");
    let path = sidecar_path(backup);
    fs::write(&temp, text)
        .and_then(|()| sync_file(&temp))
        .and_then(|()| fs::rename(&temp, &path))
        .map_err(|e| {
            let _ = fs::remove_file(&temp);
            write_error(&path, e)
        })
}

fn read_sidecar(backup: &Path) -> Option<Sidecar> {
    let text = fs::read(sidecar_path(backup)).ok()?;
    serde_json::from_slice(&text).ok()
}

/// Records that `backup` (in the data folder) also has a verified copy outside, at `at`.
pub fn mark_outside(backup: &Path, at: DateTime<Utc>, folder: &Path) -> Result<()> {
    let Some(sidecar) = read_sidecar(backup) else {
        return Ok(());
    };
    write_sidecar(backup, &sidecar.facts, sidecar.size, Some((at, folder)))
}

/// Copies a verified backup into another folder (a USB stick): temp file, fsync, verified there
/// too, renamed. Returns the copy's path.
pub fn copy_to(backup: &Path, dir: &Path) -> Result<PathBuf> {
    let name = backup
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(parse_name)
        .ok_or_else(|| write_error(backup, "not a backup's name"))?;
    let lock = lock(dir)?;
    clean(dir, &lock);
    let temp = temp_path(dir);
    let result = (|| {
        fs::copy(backup, &temp).map_err(|e| write_error(&temp, e))?;
        sync_file(&temp).map_err(|e| write_error(&temp, e))?;
        let facts = check(&temp)
            .map_err(|why| write_error(&temp, format!("the copy failed its check: {why}")))?;
        let (path, size) = place(dir, &temp, name.taken_at, &name.kind)?;
        write_sidecar(&path, &facts, size, None)?;
        Ok(path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Verifies a file in full: an SQLite file, `integrity_check` ok, Farmstall's application id,
/// a schema version and migrations this build knows. Reads only (a backup in rollback mode is
/// opened without creating anything beside it).
pub fn check(path: &Path) -> std::result::Result<Facts, Unusable> {
    let conn = open_checked(path)?;
    let integrity: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")
        .and_then(|mut s| {
            s.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(|e| Unusable::Damaged(e.to_string()))?;
    if integrity != ["ok"] {
        return Err(Unusable::Damaged(integrity.join("; ")));
    }
    facts_of(&conn, path)
}

/// Opens a file read-only after checking its header, id and version (no integrity check).
fn open_checked(path: &Path) -> std::result::Result<Connection, Unusable> {
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) => return Err(Unusable::Unreadable(e.to_string())),
    };
    if meta.is_dir() {
        return Err(Unusable::NotAFile);
    }
    let mut header = Vec::with_capacity(16);
    File::open(path)
        .and_then(|f| f.take(16).read_to_end(&mut header))
        .map_err(|e| Unusable::Unreadable(e.to_string()))?;
    if header.as_slice() != SQLITE_HEADER {
        return Err(Unusable::NotSqlite);
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| Unusable::Unreadable(e.to_string()))?;
    let probe = crate::migrate::probe(&conn).map_err(|e| Unusable::Damaged(e.to_string()))?;
    if probe.application_id != APPLICATION_ID {
        return Err(Unusable::NotFarmstall);
    }
    if probe.user_version > latest_version() {
        return Err(Unusable::NewerVersion {
            found: probe.user_version,
            supported: latest_version(),
        });
    }
    match crate::migrate::check_applied(&conn, path) {
        Ok(()) => {}
        Err(StoreError::UnknownMigration { version, name, .. }) => {
            return Err(Unusable::UnknownMigration { version, name })
        }
        Err(e) => return Err(Unusable::Damaged(e.to_string())),
    }
    Ok(conn)
}

fn count(conn: &Connection, table: &str, sql: &str) -> rusqlite::Result<i64> {
    let exists: bool = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [table],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !exists {
        return Ok(0);
    }
    conn.query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
        .map(Option::unwrap_or_default)
}

/// What a Farmstall database holds (read from it, any schema version).
pub fn facts(conn: &Connection) -> rusqlite::Result<Facts> {
    let last_order_date = if count(conn, "orders", "SELECT 1")? == 1 {
        conn.query_row("SELECT max(ordered_on) FROM orders", [], |r| {
            r.get::<_, Option<String>>(0)
        })?
    } else {
        None
    };
    Ok(Facts {
        orders: count(conn, "orders", "SELECT count(*) FROM orders")?,
        lots: count(conn, "lots", "SELECT count(*) FROM lots")?,
        farmers: count(conn, "farmers", "SELECT count(*) FROM farmers")?,
        last_order_date,
        schema_version: conn.query_row("PRAGMA user_version", [], |r| r.get(0))?,
        change_seq: count(conn, "change_log", "SELECT max(seq) FROM change_log")?,
    })
}

fn facts_of(conn: &Connection, _path: &Path) -> std::result::Result<Facts, Unusable> {
    facts(conn).map_err(|e| Unusable::Damaged(e.to_string()))
}

/// Every file of a backups folder but our temp, lock and sidecar files, newest first (by name
/// time, then by file name; files not named as backups last). A folder that is not there lists
/// nothing. A file whose size and time match its sidecar is not opened; any other is checked
/// in full, so a damaged or foreign file is listed with the reason.
pub fn list(dir: &Path) -> Vec<Listed> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut listed: Vec<Listed> = entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let lower = name.to_ascii_lowercase();
            let side_file = name.starts_with('.')
                || lower.ends_with("-wal")
                || lower.ends_with("-shm")
                || lower.ends_with("-journal")
                || (lower.ends_with(".json")
                    && dir.join(format!("{}.db", &name[..name.len() - 5])).exists());
            if side_file {
                return None;
            }
            let path = entry.path();
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            let parsed = parse_name(&name);
            let sidecar = parsed.as_ref().and_then(|_| read_sidecar(&path));
            let (facts, outside_at) = match sidecar {
                Some(s) if s.size == size && s.modified_ns == modified_ns(&path) => {
                    (Ok(s.facts), s.outside_at)
                }
                other => (check(&path), other.and_then(|s| s.outside_at)),
            };
            Some(Listed {
                path,
                name: parsed,
                size,
                facts,
                outside_at,
            })
        })
        .collect();
    listed.sort_by(|a, b| {
        let at = |l: &Listed| l.name.as_ref().map(|n| n.taken_at);
        at(b).cmp(&at(a)).then_with(|| b.path.cmp(&a.path))
    });
    listed
}

/// Which of `backups` (when and why each was taken) rotation deletes, as indexes into the slice.
///
/// Daily and closing copies share the slots, as restic's `--keep-daily/weekly/monthly` do: the
/// newest copy of each of the last [`KEEP_DAILY`] business days that have one, of the last
/// [`KEEP_WEEKLY`] ISO weeks, of the last [`KEEP_MONTHLY`] months (so days without a backup never
/// push good copies out). Before-step and manual copies are kept [`KEEP_STEP_DAYS`] days. The
/// newest copy of all is always kept, and a copy dated in the future (a clock set wrong) too.
pub fn to_delete(backups: &[Name], now: DateTime<Utc>) -> Vec<usize> {
    use std::collections::HashSet;
    let mut keep: HashSet<usize> = HashSet::new();
    // Newest first; equal times by index so duplicates are decided the same way every time.
    let mut order: Vec<usize> = (0..backups.len()).collect();
    order.sort_by(|&a, &b| {
        backups[b]
            .taken_at
            .cmp(&backups[a].taken_at)
            .then(a.cmp(&b))
    });
    if let Some(&newest) = order.first() {
        keep.insert(newest);
    }
    for (slots, period) in [(KEEP_DAILY, 0), (KEEP_WEEKLY, 1), (KEEP_MONTHLY, 2)] {
        let mut seen: Vec<(i32, u32)> = Vec::new();
        for &i in order
            .iter()
            .filter(|&&i| backups[i].kind.rotates_by_period())
        {
            let p = period_of(backups[i].taken_at, period);
            if seen.contains(&p) {
                continue;
            }
            if seen.len() == slots {
                break;
            }
            seen.push(p);
            keep.insert(i);
        }
    }
    for (i, b) in backups.iter().enumerate() {
        let age = now - b.taken_at;
        if b.taken_at > now
            || (!b.kind.rotates_by_period() && age <= chrono::Duration::days(KEEP_STEP_DAYS))
            // The demo as it was when the shop left it: whatever was typed into it stays.
            || matches!(&b.kind, Kind::Before(step) if step == LEAVE_DEMO_STEP)
        {
            keep.insert(i);
        }
    }
    (0..backups.len()).filter(|i| !keep.contains(i)).collect()
}

/// The backups in `dir` by name only (nothing opened): for deciding whether one is due.
pub fn names(dir: &Path) -> Vec<(PathBuf, Name)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| Some((e.path(), parse_name(&e.file_name().to_string_lossy())?)))
        .collect()
}

/// The business day (0), ISO week (1) or month (2) an instant falls in.
fn period_of(at: DateTime<Utc>, period: u8) -> (i32, u32) {
    let day = farmstall_domain::clock::business_date(at);
    match period {
        0 => (day.year(), day.ordinal()),
        1 => (day.iso_week().year(), day.iso_week().week()),
        _ => (day.year(), day.month()),
    }
}

/// Deletes from `dir` the backups (and sidecars) rotation no longer keeps; files not named as
/// our backups are never touched. Returns what was deleted.
pub fn rotate(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>> {
    let _lock = lock(dir)?;
    let ours = names(dir);
    let names: Vec<Name> = ours.iter().map(|(_, n)| n.clone()).collect();
    let mut deleted = Vec::new();
    for i in to_delete(&names, now) {
        let path = &ours[i].0;
        if fs::remove_file(path).is_ok() {
            let _ = fs::remove_file(sidecar_path(path));
            deleted.push(path.clone());
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn daily(t: DateTime<Utc>) -> Name {
        Name {
            taken_at: t,
            kind: Kind::Daily,
        }
    }

    fn kept(backups: &[Name], now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let gone = to_delete(backups, now);
        let mut kept: Vec<DateTime<Utc>> = (0..backups.len())
            .filter(|i| !gone.contains(i))
            .map(|i| backups[i].taken_at)
            .collect();
        kept.sort();
        kept
    }

    #[test]
    fn names_round_trip_and_foreign_names_do_not_parse() {
        let t = at(2026, 12, 7, 13);
        for kind in [
            Kind::Daily,
            Kind::Closing,
            Kind::Manual,
            Kind::before("migration_v11"),
            Kind::before("Import Taobao"),
        ] {
            for n in [1, 2, 17] {
                let name = file_name(t, &kind, n);
                assert_eq!(
                    parse_name(&name),
                    Some(Name {
                        taken_at: t,
                        kind: kind.clone()
                    }),
                    "{name}"
                );
            }
        }
        assert_eq!(
            file_name(t, &Kind::before("import taobao"), 1),
            "farmstall-20261207T130000Z-before-import_taobao.db"
        );
        for foreign in [
            "farmstall.db",
            "photo.jpg",
            "farmstall-20261207T130000Z-weird.db",
            "farmstall-2026-12-07-daily.db",
            "farmstall-20261207T130000Z-daily.json",
            "farmstall.backup-v11-20261207T130000Z.db",
            "farmstall-20261207T130000Z-before-.db",
        ] {
            assert_eq!(parse_name(foreign), None, "{foreign}");
        }
    }

    #[test]
    fn thirty_days_in_a_row_keep_seven_days_five_weeks_and_the_months() {
        // One daily backup each morning from 1 November to 7 December 2026 (Shanghai 09:00).
        let backups: Vec<Name> = (0..37)
            .map(|d| daily(at(2026, 11, 1, 1) + chrono::Duration::days(d)))
            .collect();
        let now = at(2026, 12, 7, 2);
        let kept = kept(&backups, now);
        let days: Vec<String> = kept
            .iter()
            .map(|t| farmstall_domain::clock::business_date(*t).to_string())
            .collect();
        // Days: 1–7 Dec; weeks (7 Dec is a Monday): 7 Dec, 6 Dec, 29 Nov, 22 Nov, 15 Nov;
        // months: 7 Dec, 30 Nov.
        assert_eq!(
            days,
            [
                "2026-11-15",
                "2026-11-22",
                "2026-11-29",
                "2026-11-30",
                "2026-12-01",
                "2026-12-02",
                "2026-12-03",
                "2026-12-04",
                "2026-12-05",
                "2026-12-06",
                "2026-12-07"
            ]
        );
    }

    #[test]
    fn a_year_boundary_keeps_the_newest_of_each_month_across_it() {
        // The first of every month for two years, and the last day of December 2025.
        let mut backups: Vec<Name> = (0..24)
            .map(|m| daily(at(2025 + m / 12, (m % 12) as u32 + 1, 1, 1)))
            .collect();
        backups.push(daily(at(2025, 12, 31, 1)));
        let kept = kept(&backups, at(2026, 12, 2, 1));
        // Twelve months back from December 2026: the firsts of 2026, nothing of 2025.
        let firsts: Vec<DateTime<Utc>> = (1..=12).map(|m| at(2026, m, 1, 1)).collect();
        assert_eq!(kept, firsts);
    }

    #[test]
    fn an_iso_week_across_new_year_is_one_week() {
        // Daily from Saturday 20 Dec 2025 to Saturday 3 Jan 2026; 29 Dec–4 Jan is 2026-W01.
        let backups: Vec<Name> = (0..15)
            .map(|d| daily(at(2025, 12, 20, 1) + chrono::Duration::days(d)))
            .collect();
        let kept = kept(&backups, at(2026, 1, 3, 2));
        let days: Vec<String> = kept
            .iter()
            .map(|t| farmstall_domain::clock::business_date(*t).to_string())
            .collect();
        // Days 28 Dec–3 Jan; weeks: 3 Jan (W01), 28 Dec (2025-W52), 21 Dec (W51); months: 3 Jan,
        // 31 Dec.
        assert_eq!(
            days,
            [
                "2025-12-21",
                "2025-12-28",
                "2025-12-29",
                "2025-12-30",
                "2025-12-31",
                "2026-01-01",
                "2026-01-02",
                "2026-01-03"
            ]
        );
    }

    #[test]
    fn the_business_day_decides_not_the_utc_day() {
        // 16:30 UTC on 28 Nov is 00:30 on 29 Nov in Shanghai: two different business days.
        let a = daily(
            Utc.with_ymd_and_hms(2026, 11, 28, 15, 0, 0)
                .single()
                .unwrap_or_default(),
        );
        let b = daily(
            Utc.with_ymd_and_hms(2026, 11, 28, 16, 30, 0)
                .single()
                .unwrap_or_default(),
        );
        assert_eq!(to_delete(&[a, b], at(2026, 11, 29, 3)), Vec::<usize>::new());
    }

    #[test]
    fn gaps_of_days_keep_the_last_seven_days_that_had_a_backup() {
        // A backup every tenth day for a year: each is alone in its day and week.
        let backups: Vec<Name> = (0..37)
            .map(|d| daily(at(2026, 1, 1, 1) + chrono::Duration::days(d * 10)))
            .collect();
        let now = at(2027, 1, 10, 1);
        let kept = kept(&backups, now);
        let newest: Vec<DateTime<Utc>> = backups.iter().rev().take(7).map(|b| b.taken_at).collect();
        for t in newest {
            assert!(kept.contains(&t), "{t}");
        }
        assert!(kept.len() <= KEEP_DAILY + KEEP_WEEKLY + KEEP_MONTHLY);
        assert!(
            kept.len() >= 12,
            "the months of the year are kept: {kept:?}"
        );
    }

    #[test]
    fn duplicates_and_same_day_copies_keep_one_per_day() {
        let t = at(2026, 12, 7, 1);
        let backups = vec![
            daily(t),
            daily(t),
            Name {
                taken_at: t + chrono::Duration::hours(8),
                kind: Kind::Closing,
            },
            daily(t - chrono::Duration::days(1)),
        ];
        let gone = to_delete(&backups, t + chrono::Duration::hours(9));
        assert_eq!(gone, vec![0, 1], "the day's closing copy is its newest");
        // Exact duplicates: one of the two goes, always the same one.
        let dup = vec![daily(t), daily(t)];
        assert_eq!(to_delete(&dup, t), vec![1]);
    }

    #[test]
    fn before_step_and_manual_copies_last_thirty_days_and_the_newest_is_always_kept() {
        let now = at(2026, 12, 7, 1);
        let step = |days: i64, kind: Kind| Name {
            taken_at: now - chrono::Duration::days(days),
            kind,
        };
        let backups = vec![
            step(29, Kind::before("import_taobao")),
            step(31, Kind::before("migration_v11")),
            step(40, Kind::Manual),
            step(2, Kind::Manual),
            step(-3, Kind::before("restore")), // a clock set wrong
        ];
        assert_eq!(to_delete(&backups, now), vec![1, 2]);
        // Alone and old: still kept, it is the only copy.
        let only = vec![step(400, Kind::before("migration_v3"))];
        assert_eq!(to_delete(&only, now), Vec::<usize>::new());
    }

    /// Whatever the family typed into the demo before starting their own shop stays findable.
    #[test]
    fn the_demo_kept_when_leaving_it_is_never_rotated_away() {
        let now = at(2026, 12, 7, 1);
        let backups = vec![
            Name {
                taken_at: now,
                kind: Kind::Daily,
            },
            Name {
                taken_at: now - chrono::Duration::days(400),
                kind: Kind::before(LEAVE_DEMO_STEP),
            },
            Name {
                taken_at: now - chrono::Duration::days(400),
                kind: Kind::before("restore"),
            },
        ];
        assert_eq!(to_delete(&backups, now), vec![2]);
    }
}
