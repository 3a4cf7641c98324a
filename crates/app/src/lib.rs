//! Farmstall's application layer: one method per use case, each one transaction.
//!
//! The desktop shell and the CLI are thin adapters over [`App`]: they pass plain inputs
//! ([`dto`]), get plain outputs back, and show [`AppError`] messages as they are. Every write is
//! tagged with the [`Origin`] the app was opened with and recorded in the change log by the store.
//!
//! Architecture Invariant: no use case writes outside [`farmstall_store::Store::write`], so a
//! failed use case leaves nothing behind.

pub mod backup;
pub mod crash;
pub mod credentials;
pub mod demo;
pub mod dto;
mod error;
pub mod expenses;
mod farmers;
pub mod forecast;
pub mod generate;
pub mod imports;
pub mod logging;
pub mod members;
pub mod orders;
pub mod packaging;
pub mod paths;
pub mod payroll;
pub mod pin;
pub mod printing;
pub mod production;
mod products;
pub mod recipients;
pub mod report_exports;
pub mod reports;
pub mod returns;
pub mod sales;
pub mod scan;
pub mod shipping;
mod shop;
pub mod start;
pub mod statement;
pub mod stock;
pub mod sync;
pub mod waybills;

use std::path::Path;
use std::sync::Arc;

pub use farmstall_domain::Origin;
use farmstall_domain::{Clock, SystemClock};
use farmstall_store::{ListFilter, OpenReport, Store};

pub use error::{AppError, FieldIssue, IpcError, Result};

/// The version of this Farmstall build.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// An open shop: the database, the clock, and where this session's writes come from.
pub struct App {
    store: Store,
    clock: Arc<dyn Clock>,
    origin: Origin,
    open_report: OpenReport,
    /// Pay and settings opened with the owner's PIN in this copy of the app (see `pin`).
    unlocked: bool,
    /// Where the key sealing the marketplace credentials lives (see `credentials`).
    key_dir: std::path::PathBuf,
    /// Each product's last forecast and the weekly history it came from (see `forecast`).
    forecasts: forecast::Cache,
    /// Where `lp`, `lpstat` and the viewer launcher are found (see `printing`).
    programs: printing::Programs,
}

/// When and from where a use case runs: read once from the clock so that one use case sees one
/// instant and one business date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct At {
    pub now: chrono::DateTime<chrono::Utc>,
    pub today: chrono::NaiveDate,
    pub origin: Origin,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("db", &self.store.path())
            .field("origin", &self.origin)
            .finish()
    }
}

impl App {
    /// Opens the shop database at `path` (creating it if needed) with the PC's clock.
    pub fn open(path: &Path, origin: Origin) -> Result<App> {
        App::open_with_clock(path, origin, Arc::new(SystemClock))
    }

    /// Opens the shop database at `path` only if a file is there: a path where none is gives
    /// `StoreError::NoShop` and is left as it was (no file, no folder). For reads, which must
    /// never turn a mistyped path into a new empty shop.
    pub fn open_existing(path: &Path, origin: Origin) -> Result<App> {
        let (store, open_report) = Store::open_existing(path)?;
        Ok(App::with_store(
            store,
            open_report,
            origin,
            Arc::new(SystemClock),
        ))
    }

    /// Opens with a given clock (tests, generated history).
    pub fn open_with_clock(path: &Path, origin: Origin, clock: Arc<dyn Clock>) -> Result<App> {
        let (store, open_report) = Store::open_with_report(path)?;
        Ok(App::with_store(store, open_report, origin, clock))
    }

    fn with_store(
        store: Store,
        open_report: OpenReport,
        origin: Origin,
        clock: Arc<dyn Clock>,
    ) -> App {
        App {
            store,
            clock,
            origin,
            open_report,
            unlocked: false,
            key_dir: credentials::key_dir(),
            forecasts: forecast::Cache::default(),
            programs: printing::Programs::default(),
        }
    }

    /// The same app with the credentials key in `dir` instead of the user's config folder
    /// (tests; a portable install sets `$FARMSTALL_KEY_DIR` instead).
    pub fn with_key_dir(mut self, dir: &Path) -> App {
        self.key_dir = dir.to_path_buf();
        self
    }

    /// The file this app works on.
    pub fn db_path(&self) -> &Path {
        self.store.path()
    }

    /// What opening did (migration, backup).
    pub fn open_report(&self) -> &OpenReport {
        &self.open_report
    }

    /// A connection to the shop that can only read, for tests and benchmarks that check what was
    /// written; every write goes through a use case.
    pub fn reader(&self) -> Result<farmstall_store::ReadOnly<'_>> {
        Ok(self.store.reader()?)
    }

    pub(crate) fn at(&self) -> At {
        At {
            now: self.clock.now(),
            today: self.clock.today(),
            origin: self.origin,
        }
    }

    fn filter(query: &dto::ListQuery) -> ListFilter {
        ListFilter {
            search: query.search.trim().chars().take(100).collect(),
            include_archived: query.include_archived,
            // A page is 1 to 500 rows: big enough for any screen, small enough to stay quick.
            limit: i64::from(query.limit.clamp(1, 500)),
            offset: i64::from(query.offset),
            kind: (!query.kind.trim().is_empty()).then(|| query.kind.trim().to_string()),
        }
    }
}

/// The `next` of a page of `limit` rows paged by key: the last row's id when the page is full
/// (there may be more), none when it is not.
pub(crate) fn next_after<T>(
    items: &[T],
    limit: i64,
    id: impl Fn(&T) -> farmstall_domain::Id,
) -> Option<String> {
    let full = i64::try_from(items.len()).is_ok_and(|n| n >= limit);
    items
        .last()
        .filter(|_| full)
        .map(|last| id(last).to_string())
}
