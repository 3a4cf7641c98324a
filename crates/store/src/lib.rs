//! Farmstall's local store: one SQLite file, the source of truth for the shop.
//!
//! [`Store::open`] refuses files that are not Farmstall databases, are damaged, or were written by a
//! newer Farmstall, without writing a byte to them; otherwise it sets WAL, foreign keys and a busy
//! timeout, copies the file aside before a migration changes it, and applies the embedded
//! migrations each in one IMMEDIATE transaction. Query functions in the submodules take a
//! `&Connection` so that one use case can compose several of them inside one transaction
//! ([`Store::write`]), and every write records itself in the change log ([`changes`]).

pub mod backup;
pub mod changes;
pub mod expenses;
pub mod farmers;
pub mod imports;
pub mod members;
mod migrate;
pub mod orders;
pub mod packaging;
pub mod payroll;
pub mod production;
pub mod products;
pub mod reports;
pub mod sales;
pub mod scan;
pub mod shop;
pub mod sql;
pub mod statement;
pub mod stock;
pub mod sync;
pub mod waybills;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, Transaction, TransactionBehavior};

pub use migrate::{latest_version, MIGRATIONS};
pub use rusqlite;
pub use sql::{ListFilter, Page};

/// `PRAGMA application_id` of a Farmstall database ('FRMS').
pub const APPLICATION_ID: i32 = 0x4652_4D53;

/// How long a write waits for another program (a second Farmstall, the CLI) to finish its own.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Everything that can go wrong in the store, each with a message that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path} is not a Farmstall database. It was left untouched; choose another file, or move it away to start a new shop.")]
    NotFarmstall { path: PathBuf },
    #[error("{path} is damaged and cannot be read ({detail}). It was left untouched; restore it from a backup copy (in the backups folder beside it: `farmstall backups` lists them, `farmstall restore FILE` brings one back).")]
    Corrupt { path: PathBuf, detail: String },
    #[error("{path} was written by a newer Farmstall (database version {found}; this Farmstall knows up to {supported}). It was left untouched; install the newer Farmstall to open it.")]
    NewerVersion {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("{path} was changed by another version of Farmstall: its database change {version} ({name}) is not this version's. It was left untouched; open it with the Farmstall that wrote it.")]
    UnknownMigration {
        path: PathBuf,
        version: i64,
        name: String,
    },
    #[error("cannot open {path}: {detail}. Check that the folder exists and you may write to it.")]
    CannotOpen { path: PathBuf, detail: String },
    /// The file, or the folder SQLite writes its journal files into, cannot be written: a
    /// permission or attribute problem, not damage.
    #[error("{path} is read-only ({detail}). It was left untouched; make the file and its folder writable (or copy the shop to a folder you may write to) and try again.")]
    ReadOnly { path: PathBuf, detail: String },
    /// Raised only by [`Store::open_existing`]: nothing is at the path.
    #[error("no shop at {path}: run `farmstall demo` or `farmstall shop set ...`")]
    NoShop { path: PathBuf },
    #[error("could not copy the database to {path} before upgrading it: {detail}. Nothing was changed; free some disk space and try again.")]
    Backup { path: PathBuf, detail: String },
    #[error("{path} could not be upgraded: step {version} ({name}) failed: {detail}. That step was undone and the file is at database version {at}, as before it; nothing was restored or deleted.{}", .backup.as_ref().map(|b| format!(" A copy from before the upgrade is at {}.", b.display())).unwrap_or_default())]
    MigrationFailed {
        path: PathBuf,
        version: i64,
        name: String,
        /// The version the file is at: the last step that succeeded.
        at: i64,
        backup: Option<PathBuf>,
        detail: String,
    },
    /// A backup could not be written or verified; earlier backups were not touched.
    #[error("could not write a backup to {path}: {detail}. The earlier backups are untouched; check that the folder exists, may be written and has free space.")]
    BackupWrite { path: PathBuf, detail: String },
    /// A file a restore was asked to use cannot be used; nothing was changed.
    #[error(
        "{path} cannot be restored from: {reason}. Nothing was changed; choose another backup."
    )]
    Unusable {
        path: PathBuf,
        reason: backup::Unusable,
    },
    #[error("the database is busy: another copy of Farmstall is saving to it. Nothing was changed; try again in a moment.")]
    Busy,
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: String },
    #[error("{0}")]
    Conflict(String),
    #[error("stored data could not be read: {0}")]
    BadData(String),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sqlite(error),
        }
    }
}

/// A read-only view of an open store's connection; writing through it fails with "attempt to
/// write a readonly database". The connection may write again once this is dropped.
#[derive(Debug)]
pub struct ReadOnly<'a> {
    conn: &'a Connection,
}

impl std::ops::Deref for ReadOnly<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn
    }
}

impl Drop for ReadOnly<'_> {
    fn drop(&mut self) {
        // If this fails the connection stays read-only: every later write fails loudly instead
        // of silently, which is the safe side.
        let _ = self.conn.pragma_update(None, "query_only", false);
    }
}

/// An open Farmstall database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// The file as registered in [`OPEN_FILES`] while this store is open.
    registered: Option<PathBuf>,
}

/// Database files this process has open through a `Store`, with how many times. Closing any file
/// descriptor of a file drops every POSIX lock the process holds on it, including the shared lock
/// that tells other processes a SQLite connection still uses the WAL; a second `Store::open` of an
/// open file must therefore not read the header through a file of its own (seen: another process
/// then checkpointed and removed the WAL, and the window's writes went into the removed file).
static OPEN_FILES: std::sync::Mutex<Vec<(PathBuf, usize)>> = std::sync::Mutex::new(Vec::new());

fn register(path: &Path) -> Option<PathBuf> {
    let key = fs::canonicalize(path).ok()?;
    let mut open = OPEN_FILES.lock().ok()?;
    match open.iter_mut().find(|(p, _)| *p == key) {
        Some((_, n)) => *n += 1,
        None => open.push((key.clone(), 1)),
    }
    Some(key)
}

/// Whether this process has the shop file at `path` open through a [`Store`] (a restore must
/// not replace it under an open store).
pub fn is_open_here(path: &Path) -> bool {
    already_open(path)
}

fn already_open(path: &Path) -> bool {
    let Ok(key) = fs::canonicalize(path) else {
        return false;
    };
    OPEN_FILES
        .lock()
        .map(|open| open.iter().any(|(p, n)| *p == key && *n > 0))
        .unwrap_or(false)
}

impl Drop for Store {
    fn drop(&mut self) {
        let Some(key) = self.registered.take() else {
            return;
        };
        if let Ok(mut open) = OPEN_FILES.lock() {
            if let Some(i) = open.iter().position(|(p, _)| *p == key) {
                open[i].1 -= 1;
                if open[i].1 == 0 {
                    open.remove(i);
                }
            }
        }
    }
}

/// What [`Store::open`] did to the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OpenReport {
    /// Schema version before opening (0 for a new file).
    pub from_version: i64,
    /// Schema version now.
    pub to_version: i64,
    /// The copy taken before migrating an existing shop, if one was needed.
    pub backup: Option<PathBuf>,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with_report(path).map(|(store, _)| store)
    }

    /// Like [`Store::open`], and says whether it migrated and where the backup went.
    pub fn open_with_report(path: &Path) -> Result<(Store, OpenReport)> {
        Self::open_inner(path, true)
    }

    /// Like [`Store::open_with_report`], but a path where no file is stays so: [`StoreError::NoShop`],
    /// and neither the file nor its folder is created (a mistyped path must not become an empty shop).
    pub fn open_existing(path: &Path) -> Result<(Store, OpenReport)> {
        Self::open_inner(path, false)
    }

    fn open_inner(path: &Path, create: bool) -> Result<(Store, OpenReport)> {
        let path = path.to_path_buf();
        if !create && !path.try_exists().unwrap_or(true) {
            return Err(StoreError::NoShop { path });
        }
        // Checked when this process first opened it; reading it again through a file of our own
        // would drop SQLite's locks (see OPEN_FILES).
        if !already_open(&path) {
            check_header(&path)?;
        }
        if let Some(parent) = path
            .parent()
            .filter(|p| create && !p.as_os_str().is_empty())
        {
            fs::create_dir_all(parent).map_err(|e| StoreError::CannotOpen {
                path: path.clone(),
                detail: e.to_string(),
            })?;
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| {
            if !create && !path.exists() {
                // Removed between the check above and the open.
                StoreError::NoShop { path: path.clone() }
            } else {
                StoreError::CannotOpen {
                    path: path.clone(),
                    detail: e.to_string(),
                }
            }
        })?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Read-only checks first: nothing is written until we know the file is ours.
        let probe = migrate::probe(&conn).map_err(|e| damaged(&path, e))?;
        let is_new = probe.application_id == 0 && probe.user_version == 0 && probe.objects == 0;
        if !is_new && probe.application_id != APPLICATION_ID {
            return Err(StoreError::NotFarmstall { path });
        }
        if probe.user_version > latest_version() {
            return Err(StoreError::NewerVersion {
                path,
                found: probe.user_version,
                supported: latest_version(),
            });
        }
        if !is_new {
            migrate::check_applied(&conn, &path)?;
        }
        // SQLite quietly opens a file it may not write read-only; the first save would then fail
        // as a database error. Say so now, before anything is written.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly {
                path,
                detail: "the file cannot be written".into(),
            });
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(|e| damaged(&path, e))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A statement inside a use case's transaction keeps its undo pages (the statement
        // journal) in memory instead of a temporary file written page by page, and a large use
        // case (an import of thousands of orders) keeps its pages in a 32 MiB cache instead of
        // spilling them to the WAL half-way.
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "cache_size", -32768)?;
        // Writes reuse their prepared statements (`sql::run`); a use case touches dozens.
        conn.set_prepared_statement_cache_capacity(256);
        let registered = register(&path);
        let mut store = Store {
            conn,
            path,
            registered,
        };
        let report = migrate::migrate(&mut store.conn, &store.path, probe.user_version)?;
        Ok((store, report))
    }

    /// The file this store reads and writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A connection that can only read (`PRAGMA query_only` until it is dropped): for checks and
    /// benchmarks over the shop, never a way around [`Store::write`].
    pub fn reader(&self) -> Result<ReadOnly<'_>> {
        self.conn.pragma_update(None, "query_only", true)?;
        Ok(ReadOnly { conn: &self.conn })
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `work` in one IMMEDIATE transaction: all of it is saved, or none of it.
    pub fn write<T, E>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(TransactionBehavior::Immediate, true, work)
    }

    /// Runs `work` against a consistent snapshot (a deferred transaction that is never committed).
    pub fn read<T, E>(
        &mut self,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        self.transaction(TransactionBehavior::Deferred, false, work)
    }

    fn transaction<T, E>(
        &mut self,
        behavior: TransactionBehavior,
        commit: bool,
        work: impl FnOnce(&Transaction<'_>) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<StoreError>,
    {
        let tx = self
            .conn
            .transaction_with_behavior(behavior)
            .map_err(StoreError::from)?;
        let value = work(&tx)?;
        if commit {
            tx.commit().map_err(StoreError::from)?;
        } else {
            tx.finish().map_err(StoreError::from)?;
        }
        Ok(value)
    }
}

fn damaged(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => StoreError::NotFarmstall {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Busy,
        Some(ErrorCode::ReadOnly) => StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
        // The file itself opened (SQLite opens it in `open`), so what could not be opened is a
        // file SQLite keeps beside it (`-wal`, `-shm`): its folder cannot be written.
        Some(ErrorCode::CannotOpen) => StoreError::ReadOnly {
            path: path.to_path_buf(),
            detail: format!(
                "{error}: its folder does not let SQLite create the files it keeps beside it"
            ),
        },
        _ => StoreError::Corrupt {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
    }
}

/// Refuses a non-empty file that does not start with the SQLite header, before SQLite sees it.
fn check_header(path: &Path) -> Result<()> {
    let mut file = match fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => {
            return Err(StoreError::CannotOpen {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })
        }
    };
    if file.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(StoreError::CannotOpen {
            path: path.to_path_buf(),
            detail: "it is a folder, not a file".into(),
        });
    }
    let mut header = Vec::with_capacity(16);
    file.by_ref()
        .take(16)
        .read_to_end(&mut header)
        .map_err(|e| StoreError::CannotOpen {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    if header.is_empty() || header.as_slice() == SQLITE_HEADER {
        Ok(())
    } else {
        Err(StoreError::NotFarmstall {
            path: path.to_path_buf(),
        })
    }
}
