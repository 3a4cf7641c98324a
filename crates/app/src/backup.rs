//! Backups of the shop and restoring one: when a backup is due, taking it on a connection of its
//! own (so the window never waits), copying it to the second place (a USB stick) when that is
//! plugged in, rotation, the list of both places, and restore.
//!
//! The engine is `farmstall_store::backup`; this module decides when and where. A backup that
//! must not hold the window's lock is a [`BackupJob`]: `App::backup_job` reads what it needs in a
//! moment, `BackupJob::run` does the work on any thread without the `App`. A restore replaces the
//! file under an open shop, so it is a free function on paths ([`restore`]) that the caller runs
//! with no `App` open on that file, and then opens the shop again.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, Utc};
use farmstall_domain::clock::business_date;
pub use farmstall_store::backup::Kind;
use farmstall_store::backup::{self as engine, Facts, Listed};
use farmstall_store::rusqlite::{Connection, OpenFlags, OptionalExtension};
use farmstall_store::{changes, Store, StoreError, BUSY_TIMEOUT};
use serde::Serialize;
use ts_rs::TS;

use crate::{App, AppError, Result};

/// The setting holding the second place's folder.
pub const PLACE_SETTING: &str = "backup_second_place";
/// The same folder, also written beside the shop file: when the shop no longer opens (the
/// moment its backups matter most), the stick it used is still known.
const PLACE_FILE: &str = ".farmstall-backup-place";

fn place_file(db: &Path) -> PathBuf {
    db.parent().unwrap_or(Path::new(".")).join(PLACE_FILE)
}

/// The second place as the file beside the shop remembers it.
fn remembered_place(db: &Path) -> Option<PathBuf> {
    std::fs::read_to_string(place_file(db))
        .ok()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .map(PathBuf::from)
}

/// Forgets the second place remembered beside the shop file (leaving the demo).
pub(crate) fn forget_place(db: &Path) {
    let _ = std::fs::remove_file(place_file(db));
}

/// The second place of the shop at `db`: its setting when the shop can be read, else the file.
fn place_of(db: &Path) -> Option<PathBuf> {
    let _reading = reading(db);
    match reader(db) {
        Ok(conn)
            if conn
                .query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
                .is_ok_and(|id| id == farmstall_store::APPLICATION_ID) =>
        {
            place_setting(&conn).or_else(|| remembered_place(db))
        }
        _ => remembered_place(db),
    }
}
/// The folder made inside the second place for our copies (the stick's root stays tidy).
pub const OUTSIDE_FOLDER: &str = "farmstall-backups";
/// The lock file in the data folder that lets one restore (or leaving the demo) at a time
/// replace the shop file.
pub(crate) const REPLACE_LOCK: &str = ".farmstall-restore.lock";
/// A copy outside the PC older than this is worth a warning.
pub const OUTSIDE_STALE_DAYS: i64 = 7;

/// One backup file as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupDto {
    pub path: String,
    pub file_name: String,
    /// `data` (the data folder's `backups/`) or `outside` (the second place).
    pub place: String,
    /// RFC 3339, from the name; None for a file not named as our backups.
    pub taken_at: Option<String>,
    /// `daily`, `closing`, `manual`, `before-step`, or `unknown`.
    pub kind: String,
    /// For a before-step backup: the step (`migration_v11`, `restore`, `import_taobao`).
    pub step: Option<String>,
    #[ts(type = "number")]
    pub size: u64,
    pub usable: bool,
    /// Why it cannot be restored from: `not_farmstall`, `damaged`, `newer_version`, ….
    pub problem: Option<String>,
    pub problem_message: Option<String>,
    #[ts(type = "number | null")]
    pub orders: Option<i64>,
    #[ts(type = "number | null")]
    pub lots: Option<i64>,
    #[ts(type = "number | null")]
    pub farmers: Option<i64>,
    pub last_order_date: Option<String>,
    #[ts(type = "number | null")]
    pub schema_version: Option<i64>,
}

/// Both places' backups, newest first, and how the copy outside the PC stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupList {
    pub folder: String,
    pub second_place: Option<String>,
    /// The second place's folder is there now (the stick is plugged in).
    pub second_place_present: bool,
    /// When a verified copy was last made outside the PC.
    pub last_outside_backup: Option<String>,
    /// No copy outside the PC in the last [`OUTSIDE_STALE_DAYS`] days (or never).
    pub outside_stale: bool,
    /// What the shop holds now (none when it cannot be read): beside a backup's counts, what a
    /// restore would change.
    pub current: Option<Counts>,
    pub backups: Vec<BackupDto>,
}

/// What a backup did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupOutcome {
    pub backup: BackupDto,
    /// Where the copy outside the PC went, when one was made.
    pub copied_to: Option<String>,
    /// Why no copy outside was made although a place was set (not plugged in, not writable).
    pub outside_problem: Option<String>,
    /// Old backups rotation deleted.
    pub deleted: u32,
    #[ts(type = "number")]
    pub millis: u64,
}

/// Orders, lots and farmers in a shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    #[ts(type = "number")]
    pub orders: i64,
    #[ts(type = "number")]
    pub lots: i64,
    #[ts(type = "number")]
    pub farmers: i64,
}

impl From<&Facts> for Counts {
    fn from(f: &Facts) -> Counts {
        Counts {
            orders: f.orders,
            lots: f.lots,
            farmers: f.farmers,
        }
    }
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreReport {
    pub restored_from: String,
    /// The file that was replaced, kept aside (`farmstall.replaced-YYYYMMDD-HHMMSS.db`, UTC).
    pub replaced_kept_at: Option<String>,
    /// The before-restore backup of the replaced file (none when it could not be read).
    pub before_backup: Option<String>,
    /// The replaced shop's counts (none when it could not be read or was not there).
    pub before: Option<Counts>,
    pub after: Counts,
    /// The restored file was older and was upgraded from this version when reopened.
    #[ts(type = "number | null")]
    pub migrated_from: Option<i64>,
}

/// Where the shop lives, for the about view: what a person needs to find their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct About {
    pub version: String,
    pub data_folder: String,
    pub db_file: String,
    pub backups_folder: String,
    pub logs_folder: String,
    /// The second place for backups, when one is set (read from the shop when it can be read).
    pub second_place: Option<String>,
}

/// The about view's facts for the shop at `db` (works when the shop cannot be opened too).
pub fn about(db: &Path) -> About {
    let data = db.parent().unwrap_or(Path::new(".")).to_path_buf();
    let second_place = place_of(db);
    About {
        version: crate::VERSION.to_string(),
        data_folder: data.display().to_string(),
        db_file: db.display().to_string(),
        backups_folder: engine::backups_dir(db).display().to_string(),
        logs_folder: crate::logging::logs_dir(&data).display().to_string(),
        second_place: second_place.map(|p| p.display().to_string()),
    }
}

/// A folder that looks like a USB stick or another disk, offered as the second place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OfferedPlace {
    pub path: String,
    /// The stick's or disk's name as the system mounted it (`KINGSTON`, `E:`).
    pub label: String,
}

/// Where plugged-in sticks and other disks show up on this PC: on Windows the drive letters
/// D: to Z:, elsewhere the folders desktops mount them under.
fn mount_roots() -> Vec<PathBuf> {
    if cfg!(windows) {
        return Vec::new();
    }
    let mut roots = vec![
        PathBuf::from("/media"),
        PathBuf::from("/run/media"),
        PathBuf::from("/mnt"),
        PathBuf::from("/Volumes"),
    ];
    if let Some(user) = std::env::var_os("USER").or_else(|| std::env::var_os("LOGNAME")) {
        roots.insert(0, Path::new("/media").join(&user));
        roots.insert(1, Path::new("/run/media").join(&user));
    }
    roots
}

/// The folders offered as the second place: sticks and disks plugged in now.
pub fn offered_places() -> Vec<OfferedPlace> {
    if cfg!(windows) {
        return (b'D'..=b'Z')
            .map(|letter| format!("{}:\\", letter as char))
            .filter(|drive| Path::new(drive).is_dir())
            .map(|drive| OfferedPlace {
                label: drive.trim_end_matches('\\').to_string(),
                path: drive,
            })
            .collect();
    }
    offered_in(&mount_roots())
}

/// The folders directly under `roots` (a root itself is never offered, nor a folder that is
/// itself one of the roots, such as `/media/<user>`).
pub fn offered_in(roots: &[PathBuf]) -> Vec<OfferedPlace> {
    let mut offered: Vec<OfferedPlace> = Vec::new();
    for root in roots {
        let Ok(entries) = std::fs::read_dir(root) else {
            continue;
        };
        let mut here: Vec<OfferedPlace> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir() && !roots.contains(p))
            .filter(|p| !offered.iter().any(|o| Path::new(&o.path) == p.as_path()))
            .map(|p| OfferedPlace {
                label: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path: p.display().to_string(),
            })
            .collect();
        here.sort_by(|a, b| a.path.cmp(&b.path));
        offered.extend(here);
    }
    offered
}

/// When a backup is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The first open of a business day: due when no daily or closing backup was taken today.
    Daily,
    /// Closing the app: due when the shop changed since the newest backup.
    Closing,
}

/// A backup ready to run without the `App` (on a thread of its own).
#[derive(Debug, Clone)]
pub struct BackupJob {
    db: PathBuf,
    kind: Kind,
    /// The second place, and whether a failure there is the job's failure (`backup --to`).
    outside: Option<(PathBuf, bool)>,
    now: DateTime<Utc>,
}

fn dto(l: &Listed, place: &str) -> BackupDto {
    let file_name = l
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (kind, step) = match l.name.as_ref().map(|n| &n.kind) {
        Some(Kind::Before(step)) => ("before-step".to_string(), Some(step.clone())),
        Some(k) => (k.code(), None),
        None => ("unknown".to_string(), None),
    };
    let facts = l.facts.as_ref().ok();
    let problem = l.facts.as_ref().err();
    BackupDto {
        path: l.path.display().to_string(),
        file_name,
        place: place.into(),
        taken_at: l.name.as_ref().map(|n| n.taken_at.to_rfc3339()),
        kind,
        step,
        size: l.size,
        usable: facts.is_some(),
        problem: problem.map(|p| p.code().to_string()),
        problem_message: problem.map(ToString::to_string),
        orders: facts.map(|f| f.orders),
        lots: facts.map(|f| f.lots),
        farmers: facts.map(|f| f.farmers),
        last_order_date: facts.and_then(|f| f.last_order_date.clone()),
        schema_version: facts.map(|f| f.schema_version),
    }
}

fn outside_dir(place: &Path) -> PathBuf {
    place.join(OUTSIDE_FOLDER)
}

/// The shared side of the lock restore and leaving the demo take exclusively
/// ([`REPLACE_LOCK`] beside the shop file): held while a connection of ours reads the file, so
/// the file is never replaced under it (a reader closing last on a replaced file would remove
/// the new file's WAL by name). Nothing in the data folder yet: nothing can be replaced either.
fn reading(db: &Path) -> Result<Option<engine::FolderLock>> {
    match db.parent().filter(|d| d.is_dir()) {
        Some(data) => Ok(Some(engine::lock_file_shared(&data.join(REPLACE_LOCK))?)),
        None => Ok(None),
    }
}

/// A connection of its own that only reads the shop.
fn reader(db: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| {
        AppError::Store(StoreError::CannotOpen {
            path: db.to_path_buf(),
            detail: e.to_string(),
        })
    })?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(StoreError::from)?;
    Ok(conn)
}

fn place_setting(conn: &Connection) -> Option<PathBuf> {
    conn.query_row(
        "SELECT value FROM settings WHERE key = ?1",
        [PLACE_SETTING],
        |r| r.get::<_, String>(0),
    )
    .optional()
    .ok()
    .flatten()
    .filter(|v| !v.trim().is_empty())
    .map(PathBuf::from)
}

impl BackupJob {
    /// Takes the backup: its own read-only connection, the engine's temp-verify-rename, the copy
    /// to the second place when it is there, rotation in both places.
    pub fn run(&self) -> Result<BackupOutcome> {
        let started = Instant::now();
        let dir = engine::backups_dir(&self.db);
        let taken = {
            // Shared with other readers; a restore or leaving the demo waits until the copy is
            // made, and the copy waits while they replace the file.
            let _reading = reading(&self.db)?;
            let conn = reader(&self.db)?;
            engine::take(&conn, &dir, &self.kind, self.now)?
        };
        let mut copied_to = None;
        let mut outside_problem = None;
        if let Some((place, _)) = &self.outside {
            let result = if place.is_dir() {
                let target = outside_dir(place);
                engine::copy_to(&taken.path, &target).and_then(|copy| {
                    engine::mark_outside(&taken.path, self.now, &target)?;
                    let _ = engine::rotate(&target, self.now);
                    Ok(copy)
                })
            } else {
                Err(StoreError::BackupWrite {
                    path: place.clone(),
                    detail: "the folder is not there (is the USB stick plugged in?)".into(),
                })
            };
            match result {
                Ok(copy) => copied_to = Some(copy.display().to_string()),
                Err(e) => outside_problem = Some(e.to_string()),
            }
        }
        let deleted = engine::rotate(&dir, self.now).map(|d| d.len()).unwrap_or(0);
        let listed = Listed {
            path: taken.path.clone(),
            name: Some(engine::Name {
                taken_at: taken.taken_at,
                kind: taken.kind.clone(),
            }),
            size: taken.size,
            facts: Ok(taken.facts.clone()),
            outside_at: None,
        };
        Ok(BackupOutcome {
            backup: dto(&listed, "data"),
            copied_to,
            outside_problem,
            deleted: u32::try_from(deleted).unwrap_or(u32::MAX),
            millis: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        })
    }

    /// Whether the copy outside was asked for explicitly and failed.
    pub fn outside_required(&self) -> bool {
        self.outside.as_ref().is_some_and(|(_, r)| *r)
    }
}

impl App {
    /// A backup of kind `kind` ready to [`BackupJob::run`] on another thread; `to` replaces the
    /// second place for this backup (and a failure there is then reported as a problem).
    pub fn backup_job(&mut self, kind: Kind, to: Option<&Path>) -> Result<BackupJob> {
        let outside = match to {
            Some(dir) => Some((dir.to_path_buf(), true)),
            None => place_setting(self.store.conn()).map(|p| (p, false)),
        };
        Ok(BackupJob {
            db: self.db_path().to_path_buf(),
            kind,
            outside,
            now: self.clock.now(),
        })
    }

    /// `farmstall backup`, the "back up now" button: a manual backup, here and outside.
    pub fn backup_now(&mut self, to: Option<&Path>) -> Result<BackupOutcome> {
        self.backup_job(Kind::Manual, to)?.run()
    }

    /// A before-step backup (`step`: `import_taobao`, …) before a risky step.
    pub fn backup_before(&mut self, step: &str) -> Result<BackupOutcome> {
        self.backup_job(Kind::before(step), None)?.run()
    }

    /// A before-step backup unless one of this step was already taken today (imports: a copy of a
    /// big shop takes seconds, and the day's first one already guards the day's files). Returns
    /// whether one was taken.
    pub fn backup_before_once_a_day(&mut self, step: &str) -> Result<bool> {
        let kind = Kind::before(step);
        let today = self.clock.today();
        let dir = engine::backups_dir(self.db_path());
        if engine::names(&dir)
            .iter()
            .any(|(_, n)| n.kind == kind && business_date(n.taken_at) == today)
        {
            return Ok(false);
        }
        self.backup_job(kind, None)?.run().map(|_| true)
    }

    /// The job of a backup when one is due (`None` when not): the desktop calls this at the first
    /// open of a day and on closing, and runs the job on a thread.
    pub fn backup_job_if_due(&mut self, due: Due) -> Result<Option<BackupJob>> {
        // A shop with nothing in it yet (the first start, before the welcome screen's choice)
        // has nothing to keep: its copy would only crowd the list.
        if App::is_empty_shop(self.store.conn())? {
            return Ok(None);
        }
        let dir = engine::backups_dir(self.db_path());
        let is_due = match due {
            Due::Daily => {
                let today = self.clock.today();
                !engine::names(&dir).iter().any(|(_, n)| {
                    matches!(n.kind, Kind::Daily | Kind::Closing)
                        && business_date(n.taken_at) == today
                })
            }
            Due::Closing => {
                let seq: i64 = self
                    .store
                    .conn()
                    .query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                        r.get(0)
                    })
                    .map_err(StoreError::from)?;
                // The newest copy of this shop's own days: a before-step copy may be of another
                // shop (the demo before leaving it, the shop a restore replaced), whose changes
                // count differently. Any difference (not only more) is a change to keep.
                let newest = engine::list(&dir)
                    .into_iter()
                    .filter(|l| !matches!(l.name.as_ref().map(|n| &n.kind), Some(Kind::Before(_))))
                    .find_map(|l| l.facts.ok().map(|f| f.change_seq));
                newest.is_none_or(|backed_up| seq != backed_up)
            }
        };
        if !is_due {
            return Ok(None);
        }
        let kind = match due {
            Due::Daily => Kind::Daily,
            Due::Closing => Kind::Closing,
        };
        self.backup_job(kind, None).map(Some)
    }

    /// Takes a backup now when one is due (on this thread).
    pub fn backup_if_due(&mut self, due: Due) -> Result<Option<BackupOutcome>> {
        match self.backup_job_if_due(due)? {
            Some(job) => job.run().map(Some),
            None => Ok(None),
        }
    }

    /// Both places' backups, newest first.
    pub fn list_backups(&mut self) -> Result<BackupList> {
        let place = place_setting(self.store.conn());
        Ok(list_places(self.db_path(), place, self.clock.now()))
    }

    /// The second place's folder, if one is set.
    pub fn backup_place(&mut self) -> Result<Option<String>> {
        Ok(place_setting(self.store.conn()).map(|p| p.display().to_string()))
    }

    /// Sets (or with `None`/"" clears) the second place: a folder that must exist now. Behind the
    /// owner's PIN like the other settings.
    pub fn set_backup_place(&mut self, folder: Option<&str>) -> Result<Option<String>> {
        self.require_unlocked()?;
        let folder = folder.map(str::trim).filter(|f| !f.is_empty());
        if let Some(f) = folder {
            if !Path::new(f).is_dir() {
                return Err(AppError::from(farmstall_domain::FieldError::new(
                    "folder",
                    farmstall_domain::Rule::UnknownRecord,
                    format!("{f} is not a folder that is there now"),
                )));
            }
        }
        let at = self.at();
        self.store.write(|tx| {
            match folder {
                Some(f) => tx.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [PLACE_SETTING, f],
                ),
                None => tx.execute("DELETE FROM settings WHERE key = ?1", [PLACE_SETTING]),
            }
            .map_err(StoreError::from)?;
            changes::record(
                tx,
                at.now,
                at.origin,
                "setting",
                PLACE_SETTING,
                changes::Action::Update,
                &serde_json::json!({ "value": folder }),
            )?;
            Ok::<_, AppError>(())
        })?;
        // The copy beside the shop file is a fallback only: failing to write it is logged.
        let file = place_file(self.db_path());
        let written = match folder {
            Some(f) => std::fs::write(&file, f),
            None => std::fs::remove_file(&file).or_else(|e| {
                if e.kind() == std::io::ErrorKind::NotFound {
                    Ok(())
                } else {
                    Err(e)
                }
            }),
        };
        if let Err(e) = written {
            tracing::warn!("the second place could not be remembered beside the shop: {e}");
        }
        self.backup_place()
    }
}

/// The list of both places for the shop at `db` without an open `App` (the database-error
/// screen, `farmstall backups` on a damaged shop): the second place is read from the shop when
/// it can be read.
pub fn list(db: &Path) -> BackupList {
    let place = place_of(db);
    list_places(db, place, Utc::now())
}

fn list_places(db: &Path, place: Option<PathBuf>, now: DateTime<Utc>) -> BackupList {
    list_in(db, place, &offered_places(), now)
}

/// [`list_places`] with the sticks plugged in now given: besides the chosen place, any stick
/// holding a `farmstall-backups` folder is listed too (a new PC, or a shop whose file no longer
/// says which stick it used).
fn list_in(
    db: &Path,
    place: Option<PathBuf>,
    sticks: &[OfferedPlace],
    now: DateTime<Utc>,
) -> BackupList {
    let dir = engine::backups_dir(db);
    let here = engine::list(&dir);
    let last_outside = here.iter().filter_map(|l| l.outside_at).max();
    let mut backups: Vec<BackupDto> = here.iter().map(|l| dto(l, "data")).collect();
    let present = place.as_ref().is_some_and(|p| p.is_dir());
    let mut outside: Vec<PathBuf> = Vec::new();
    if let Some(p) = place.as_ref().filter(|_| present) {
        outside.push(outside_dir(p));
    }
    for stick in sticks {
        let found = outside_dir(Path::new(&stick.path));
        let known = outside.iter().any(|o| {
            o == &found || std::fs::canonicalize(o).ok() == std::fs::canonicalize(&found).ok()
        });
        if found.is_dir() && !known {
            outside.push(found);
        }
    }
    for folder in &outside {
        backups.extend(engine::list(folder).iter().map(|l| dto(l, "outside")));
    }
    backups.sort_by(|a, b| b.taken_at.cmp(&a.taken_at));
    BackupList {
        folder: dir.display().to_string(),
        second_place: place.map(|p| p.display().to_string()),
        second_place_present: present,
        last_outside_backup: last_outside.map(|t| t.to_rfc3339()),
        outside_stale: last_outside
            .is_none_or(|t| now - t > chrono::Duration::days(OUTSIDE_STALE_DAYS)),
        current: {
            let _reading = reading(db);
            reader(db)
                .ok()
                .and_then(|c| engine::facts(&c).ok())
                .map(|f| Counts::from(&f))
        },
        backups,
    }
}

/// Checks a file as a restore would (no change anywhere): its facts, or why it cannot be used.
pub fn check(from: &Path) -> Result<Counts> {
    engine::check(from)
        .map(|f| Counts::from(&f))
        .map_err(|reason| {
            AppError::Store(StoreError::Unusable {
                path: from.to_path_buf(),
                reason,
            })
        })
}

fn conflict(message: String) -> AppError {
    AppError::Conflict(message)
}

pub(crate) fn io(path: &Path, e: std::io::Error) -> AppError {
    AppError::Store(StoreError::CannotOpen {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })
}

pub(crate) fn side_file(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Restores the shop at `db` from the backup `from`. No `App` may have `db` open (in this
/// process or another): the caller closes it first and opens it again afterwards.
///
/// Refuses, changing nothing, a file that is not a Farmstall database, is damaged, comes from a
/// newer Farmstall or has a migration this one does not know (`StoreError::Unusable`), and a shop
/// another program has open (`busy`). Otherwise: a before-restore backup of the current file,
/// the current file kept aside as `farmstall.replaced-YYYYMMDD-HHMMSS.db` (a hard link, else a
/// copy), the backup copied to a temp file beside the db, fsynced, verified and renamed over the
/// db (atomic: a kill leaves the old shop or the new one), then reopened (and upgraded when
/// older).
pub fn restore(db: &Path, from: &Path) -> Result<RestoreReport> {
    let now = Utc::now();
    if farmstall_store::is_open_here(db) {
        return Err(conflict(format!(
            "{} is open in this program; close it before restoring",
            db.display()
        )));
    }
    if let (Ok(a), Ok(b)) = (std::fs::canonicalize(db), std::fs::canonicalize(from)) {
        if a == b {
            return Err(conflict(format!(
                "{} is the shop's own file, not a backup of it",
                from.display()
            )));
        }
    }
    let data = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    check(from)?;
    // One restore (or leaving the demo) at a time in this data folder.
    let _lock = engine::lock_file(&data.join(REPLACE_LOCK))?;
    for entry in std::fs::read_dir(&data).into_iter().flatten().flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with(".farmstall-restore-")
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    let wal = side_file(db, "-wal");
    let shm = side_file(db, "-shm");
    let mut before = None;
    let mut before_backup = None;
    if db.exists() {
        // Checkpoint and close: with no other connection the WAL is emptied into the file and
        // removed, so no stale WAL can be replayed onto the restored file.
        let current = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .ok();
        let mut failed_backup = None;
        if let Some(conn) = current {
            let _ = conn.busy_timeout(BUSY_TIMEOUT);
            let ours = conn
                .query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
                .is_ok_and(|id| id == farmstall_store::APPLICATION_ID);
            if ours {
                let busy = conn
                    .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                        r.get::<_, i64>(0)
                    })
                    .unwrap_or(1);
                if busy != 0 {
                    return Err(AppError::Store(StoreError::Busy));
                }
                if let Ok(f) = engine::facts(&conn) {
                    before = Some(Counts::from(&f));
                    let dir = engine::backups_dir(db);
                    match engine::take(&conn, &dir, &Kind::before("restore"), now) {
                        Ok(taken) => before_backup = Some(taken.path.display().to_string()),
                        Err(e) => failed_backup = Some(e),
                    }
                }
            }
        }
        // A current file too damaged to copy is kept aside below all the same; any other
        // reason the before-restore backup failed (a full disk) stops here, nothing changed.
        if let Some(e) = failed_backup {
            if !matches!(engine::check(db), Err(engine::Unusable::Damaged(_))) {
                return Err(e.into());
            }
        }
        if before.is_some() && (wal.exists() || shm.exists()) {
            // Our connection was not the last: another program has the shop open.
            return Err(conflict(format!(
                "another copy of Farmstall has {} open; close it and try again (nothing was changed)",
                db.display()
            )));
        }
    }
    let replaced = if db.exists() {
        let stamp = now.format("%Y%m%d-%H%M%S");
        let stem = db
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "farmstall".into());
        let mut target = data.join(format!("{stem}.replaced-{stamp}.db"));
        let mut n = 2;
        while target.exists() {
            target = data.join(format!("{stem}.replaced-{stamp}-{n}.db"));
            n += 1;
        }
        if std::fs::hard_link(db, &target).is_err() {
            std::fs::copy(db, &target).map_err(|e| io(&target, e))?;
            engine::sync_file(&target).map_err(|e| io(&target, e))?;
        }
        // A damaged file's WAL goes with it (it belongs to that file, never to the new one).
        for (side, suffix) in [(&wal, "-wal"), (&shm, "-shm")] {
            if side.exists() {
                let _ = std::fs::rename(side, side_file(&target, suffix));
            }
        }
        Some(target)
    } else {
        None
    };
    let nanos = now.timestamp_nanos_opt().unwrap_or_default();
    let temp = data.join(format!(
        ".farmstall-restore-{}-{nanos}.tmp",
        std::process::id()
    ));
    let copied = (|| {
        let source = reader(from)?;
        engine::copy_pages(&source, &temp)?;
        drop(source);
        engine::sync_file(&temp).map_err(|e| io(&temp, e))?;
        engine::check(&temp).map_err(|reason| {
            AppError::Store(StoreError::Unusable {
                path: from.to_path_buf(),
                reason,
            })
        })?;
        std::fs::rename(&temp, db).map_err(|e| io(db, e))?;
        engine::sync_dir(&data).map_err(|e| io(&data, e))
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    let (store, report) = Store::open_existing(db)?;
    let after = engine::facts(store.conn()).map_err(StoreError::from)?;
    drop(store);
    Ok(RestoreReport {
        restored_from: from.display().to_string(),
        replaced_kept_at: replaced.map(|p| p.display().to_string()),
        before_backup,
        before,
        after: Counts::from(&after),
        migrated_from: (report.from_version != report.to_version).then_some(report.from_version),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new PC, or a shop that forgot its stick: a stick holding our folder is listed anyway,
    /// once even when it is also the chosen place.
    #[test]
    fn a_plugged_in_stick_with_backups_is_listed_without_being_chosen() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("data").join("farmstall.db");
        std::fs::create_dir_all(dir.path().join("data"))?;
        let stick = dir.path().join("KINGSTON");
        std::fs::create_dir_all(stick.join(OUTSIDE_FOLDER))?;
        let name = "farmstall-20261201-020000-manual.db";
        std::fs::write(stick.join(OUTSIDE_FOLDER).join(name), "not checked here")?;
        let other = dir.path().join("CAMERA");
        std::fs::create_dir_all(&other)?;
        let sticks: Vec<OfferedPlace> = [&stick, &other]
            .iter()
            .map(|p| OfferedPlace {
                path: p.display().to_string(),
                label: String::new(),
            })
            .collect();
        let now = Utc::now();
        let found = list_in(&db, None, &sticks, now);
        let names: Vec<(&str, &str)> = found
            .backups
            .iter()
            .map(|b| (b.file_name.as_str(), b.place.as_str()))
            .collect();
        assert_eq!(names, [(name, "outside")]);
        let chosen = list_in(&db, Some(stick.clone()), &sticks, now);
        assert_eq!(chosen.backups.len(), 1, "the chosen stick was listed twice");
        assert!(chosen.second_place_present);
        Ok(())
    }
}
