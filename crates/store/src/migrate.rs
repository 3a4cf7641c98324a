//! Schema migrations: numbered `.sql` files embedded in the binary, applied in order, each in one
//! IMMEDIATE transaction, recorded in `schema_migrations` with a checksum.
//!
//! Architecture Invariant: a shipped migration is never edited, only followed by a new one; the
//! checksum test in this module fails if one is.

use std::path::{Path, PathBuf};

use chrono::Utc;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

use crate::{OpenReport, Result, StoreError};

/// One schema change.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration this Farmstall knows, in order; versions are 1, 2, 3, ...
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "0001_initial",
        sql: include_str!("../migrations/0001_initial.sql"),
    },
    Migration {
        version: 2,
        name: "0002_stock",
        sql: include_str!("../migrations/0002_stock.sql"),
    },
    Migration {
        version: 3,
        name: "0003_payables",
        sql: include_str!("../migrations/0003_payables.sql"),
    },
    Migration {
        version: 4,
        name: "0004_production",
        sql: include_str!("../migrations/0004_production.sql"),
    },
    Migration {
        version: 5,
        name: "0005_orders",
        sql: include_str!("../migrations/0005_orders.sql"),
    },
    Migration {
        version: 6,
        name: "0006_payroll",
        sql: include_str!("../migrations/0006_payroll.sql"),
    },
    Migration {
        version: 7,
        name: "0007_work_locked",
        sql: include_str!("../migrations/0007_work_locked.sql"),
    },
    Migration {
        version: 8,
        name: "0008_sync",
        sql: include_str!("../migrations/0008_sync.sql"),
    },
    Migration {
        version: 9,
        name: "0009_platform_files",
        sql: include_str!("../migrations/0009_platform_files.sql"),
    },
    Migration {
        version: 10,
        name: "0010_search_on_change",
        sql: include_str!("../migrations/0010_search_on_change.sql"),
    },
    Migration {
        version: 11,
        name: "0011_expenses",
        sql: include_str!("../migrations/0011_expenses.sql"),
    },
    Migration {
        version: 12,
        name: "0012_sales_summary",
        sql: include_str!("../migrations/0012_sales_summary.sql"),
    },
    Migration {
        version: 13,
        name: "0013_list_counts",
        sql: include_str!("../migrations/0013_list_counts.sql"),
    },
    Migration {
        version: 14,
        name: "0014_list_indexes",
        sql: include_str!("../migrations/0014_list_indexes.sql"),
    },
];

/// The schema version this build writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// FNV-1a 64 of the migration text with its line endings made `\n`: stable across Rust versions,
/// enough to notice an edit, and the same for a checkout that turned the files into CRLF
/// (`.gitattributes` pins them to LF; this keeps a Windows build with `core.autocrlf` honest too).
pub fn checksum(sql: &str) -> String {
    raw_checksum(&sql.replace("\r\n", "\n"))
}

fn raw_checksum(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// Whether `sum`, read from a shop's `schema_migrations`, is `sql`'s: today's checksum, or the one
/// an earlier build took over the same text checked out with CRLF line endings.
fn same_migration(sql: &str, sum: &str) -> bool {
    let lf = sql.replace("\r\n", "\n");
    raw_checksum(&lf) == sum || raw_checksum(&lf.replace('\n', "\r\n")) == sum
}

pub(crate) struct Probe {
    pub application_id: i32,
    pub user_version: i64,
    pub objects: i64,
}

/// Reads what the file says about itself without writing anything.
pub(crate) fn probe(conn: &Connection) -> rusqlite::Result<Probe> {
    let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let user_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let objects = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    Ok(Probe {
        application_id,
        user_version,
        objects,
    })
}

/// Refuses a database whose applied migrations disagree with the ones this build knows.
pub(crate) fn check_applied(conn: &Connection, path: &Path) -> Result<()> {
    check_applied_against(conn, path, MIGRATIONS)
}

fn check_applied_against(conn: &Connection, path: &Path, known: &[Migration]) -> Result<()> {
    let has_table: bool = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            [],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !has_table {
        return Ok(());
    }
    let mut stmt =
        conn.prepare("SELECT version, name, checksum FROM schema_migrations ORDER BY version")?;
    let applied = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (version, name, sum) in applied {
        let matches = known
            .iter()
            .any(|m| m.version == version && m.name == name && same_migration(m.sql, &sum));
        if !matches {
            return Err(StoreError::UnknownMigration {
                path: path.to_path_buf(),
                version,
                name,
            });
        }
    }
    Ok(())
}

pub(crate) fn migrate(conn: &mut Connection, path: &Path, from: i64) -> Result<OpenReport> {
    migrate_with(conn, path, from, MIGRATIONS)
}

fn migrate_with(
    conn: &mut Connection,
    path: &Path,
    from: i64,
    migrations: &[Migration],
) -> Result<OpenReport> {
    let latest = migrations.last().map_or(0, |m| m.version);
    let mut report = OpenReport {
        from_version: from,
        to_version: from,
        backup: None,
    };
    if from >= latest {
        return Ok(report);
    }
    if from > 0 {
        report.backup = Some(backup(conn, path, from)?);
    }
    for migration in migrations.iter().filter(|m| m.version > from) {
        let at = report.to_version;
        apply(conn, migration).map_err(|error| match error {
            StoreError::Busy => StoreError::Busy,
            other => StoreError::MigrationFailed {
                path: path.to_path_buf(),
                version: migration.version,
                name: migration.name.to_string(),
                at,
                backup: report.backup.clone(),
                detail: other.to_string(),
            },
        })?;
        report.to_version = migration.version;
    }
    Ok(report)
}

/// One migration in its own IMMEDIATE transaction: all of it, or none of it.
///
/// A migration may rebuild a table that others refer to (SQLite cannot alter a CHECK): as SQLite's
/// own procedure for that asks, foreign keys are off while it runs (the pragma cannot change
/// inside a transaction) and renames leave other tables' triggers alone; before it commits,
/// `foreign_key_check` must find nothing, so a migration cannot leave a dangling reference.
fn apply(conn: &mut Connection, migration: &Migration) -> Result<()> {
    let fk: i64 = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "legacy_alter_table", "ON")?;
    let result = apply_in_transaction(conn, migration);
    conn.pragma_update(None, "legacy_alter_table", "OFF")?;
    conn.pragma_update(None, "foreign_keys", if fk == 1 { "ON" } else { "OFF" })?;
    result
}

fn apply_in_transaction(conn: &mut Connection, migration: &Migration) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another copy of Farmstall may have migrated while we waited for the lock.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current < migration.version {
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY NOT NULL,
                name       TEXT NOT NULL,
                checksum   TEXT NOT NULL,
                applied_at TEXT NOT NULL
            ) STRICT;",
        )?;
        tx.execute_batch(migration.sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?1, ?2, ?3, ?4)",
            (
                migration.version,
                migration.name,
                checksum(migration.sql),
                crate::sql::instant_to_text(Utc::now()),
            ),
        )?;
        tx.pragma_update(None, "user_version", migration.version)?;
        let dangling: i64 =
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })?;
        if dangling > 0 {
            return Err(StoreError::Conflict(format!(
                "migration {} would leave {dangling} rows referring to rows that are not there",
                migration.name
            )));
        }
    }
    tx.commit()?;
    Ok(())
}

/// Copies the whole database into the backups folder beside it (`backups/`) before a migration
/// changes it, as a verified before-step backup (`…-before-migration_vN.db`) through the backup
/// engine; two upgrades in the same second get two names.
fn backup(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let dir = crate::backup::backups_dir(path);
    let kind = crate::backup::Kind::before(&format!("migration_v{version}"));
    crate::backup::take(conn, &dir, &kind, Utc::now())
        .map(|taken| taken.path)
        .map_err(|e| StoreError::Backup {
            path: dir,
            detail: match e {
                StoreError::BackupWrite { detail, .. } => detail,
                other => other.to_string(),
            },
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    /// The checksums of shipped migrations. A failure here means a shipped migration was edited:
    /// put the change in a new migration instead.
    #[test]
    fn shipped_migrations_are_never_edited() {
        // (version, name, checksum) of every migration that has shipped; append, never change.
        let shipped = [
            (1, "0001_initial", "7da93ad226fd4eb8"),
            (2, "0002_stock", "0171e6ad860d0321"),
            (3, "0003_payables", "d9c9d6a484e1c5d1"),
            (4, "0004_production", "c436cc1ac63645db"),
            (5, "0005_orders", "1ef3966ddb184059"),
            (6, "0006_payroll", "ddf4b7d74724d8ab"),
            (7, "0007_work_locked", "da525ca529a1d617"),
            (8, "0008_sync", "bcbf23944059347d"),
            (9, "0009_platform_files", "b4fde4cc6431968e"),
            (10, "0010_search_on_change", "aa6ea0156632c459"),
            (11, "0011_expenses", "5cea2862c5f0defe"),
            (12, "0012_sales_summary", "80ec3b068a249adb"),
            (13, "0013_list_counts", "f70f7efa5b125a15"),
            (14, "0014_list_indexes", "bcaa82b384adbec6"),
        ];
        for (version, name, sum) in shipped {
            let m = MIGRATIONS.iter().find(|m| m.version == version);
            assert_eq!(
                m.map(|m| (m.name, checksum(m.sql))),
                Some((name, sum.to_string())),
                "migration {version} was edited after it shipped"
            );
        }
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version, i as i64 + 1, "versions are 1, 2, 3, ...");
        }
    }

    fn temp_shop() -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("shop.db");
        (dir, path)
    }

    fn user_version(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap_or(-1)
    }

    /// Today's migrations plus one more, as the next Farmstall would ship them.
    fn with_next(sql: &'static str) -> Vec<Migration> {
        let next = Migration {
            version: latest_version() + 1,
            name: "9999_next",
            sql,
        };
        MIGRATIONS.iter().copied().chain([next]).collect()
    }

    #[test]
    fn upgrade_copies_the_file_first_and_keeps_the_data() {
        let (_dir, path) = temp_shop();
        {
            let store = Store::open(&path).unwrap_or_else(|e| panic!("{e}"));
            store
                .conn()
                .execute(
                    "INSERT INTO settings (key, value) VALUES ('language', 'en')",
                    [],
                )
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let latest = latest_version();
        let migrations = with_next("ALTER TABLE settings ADD COLUMN note TEXT;");
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let report =
            migrate_with(&mut conn, &path, latest, &migrations).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (report.from_version, report.to_version),
            (latest, latest + 1)
        );
        let backup = report.backup.unwrap_or_else(|| panic!("no backup taken"));
        // A verified before-step backup in the backups folder, named for the step.
        assert_eq!(
            backup.parent(),
            Some(crate::backup::backups_dir(&path).as_path())
        );
        let name = backup
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        assert_eq!(
            crate::backup::parse_name(&name).map(|n| n.kind),
            Some(crate::backup::Kind::before(&format!("migration_v{latest}"))),
            "{name}"
        );
        assert!(crate::backup::check(&backup).is_ok());
        // The backup is the old schema with the data.
        let old = Connection::open(&backup).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(user_version(&old), latest);
        let lang: String = old
            .query_row(
                "SELECT value FROM settings WHERE key = 'language'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_default();
        assert_eq!(lang, "en");
        // The upgraded file has the new column and the old data.
        let note: Option<String> = conn
            .query_row(
                "SELECT note FROM settings WHERE key = 'language'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(note, None);
        assert_eq!(user_version(&conn), latest + 1);
        // This build, which does not know the new migration, refuses the upgraded file.
        assert!(matches!(
            check_applied_against(&conn, &path, MIGRATIONS),
            Err(StoreError::UnknownMigration { version, .. }) if version == latest + 1
        ));
    }

    #[test]
    fn a_failing_migration_leaves_the_previous_version_intact() {
        let (_dir, path) = temp_shop();
        drop(Store::open(&path).unwrap_or_else(|e| panic!("{e}")));
        let latest = latest_version();
        let migrations =
            with_next("ALTER TABLE settings ADD COLUMN note TEXT; SELECT * FROM no_such_table;");
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let error = migrate_with(&mut conn, &path, latest, &migrations)
            .err()
            .unwrap_or_else(|| panic!("the broken migration was applied"));
        // The error names the step that failed, the version the file is left at, and the copy.
        match &error {
            StoreError::MigrationFailed {
                version,
                name,
                at,
                backup,
                ..
            } => {
                assert_eq!(
                    (*version, name.as_str(), *at),
                    (latest + 1, "9999_next", latest)
                );
                let backup = backup.as_ref().unwrap_or_else(|| panic!("no backup named"));
                assert!(backup.exists(), "{}", backup.display());
            }
            other => panic!("expected MigrationFailed, got {other:?}"),
        }
        let message = error.to_string();
        assert!(
            message.contains("9999_next") && message.contains("no_such_table"),
            "{message}"
        );
        assert_eq!(user_version(&conn), latest);
        let has_note = conn.prepare("SELECT note FROM settings").is_ok();
        assert!(!has_note, "half of a failed migration must not stay");
    }

    /// Regression: backups were named to the second, so a second upgrade (or a retry) in the
    /// same second failed with "output file already exists" and the shop would not open.
    #[test]
    fn two_backups_in_the_same_second_are_two_files() {
        let (_dir, path) = temp_shop();
        drop(Store::open(&path).unwrap_or_else(|e| panic!("{e}")));
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let copies: Vec<PathBuf> = (0..3)
            .map(|_| backup(&conn, &path, 7).unwrap_or_else(|e| panic!("{e}")))
            .collect();
        assert_ne!(copies[0], copies[1]);
        assert_ne!(copies[1], copies[2]);
        assert_ne!(copies[0], copies[2]);
        for copy in &copies {
            let opened = Connection::open(copy).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(
                user_version(&opened),
                latest_version(),
                "{}",
                copy.display()
            );
        }
    }

    /// A checkout that turned the migrations into CRLF (Windows, `core.autocrlf`) must neither
    /// look like an edited migration nor refuse a shop such a build migrated.
    #[test]
    fn line_endings_do_not_change_a_migration() {
        for m in MIGRATIONS {
            assert_eq!(
                checksum(&m.sql.replace('\n', "\r\n")),
                checksum(m.sql),
                "{}",
                m.name
            );
        }
        let (_dir, path) = temp_shop();
        drop(Store::open(&path).unwrap_or_else(|e| panic!("{e}")));
        let conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        // What a build that hashed the CRLF text stored.
        let first = MIGRATIONS[0];
        conn.execute(
            "UPDATE schema_migrations SET checksum = ?1 WHERE version = ?2",
            (
                raw_checksum(&first.sql.replace('\n', "\r\n")),
                first.version,
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        check_applied(&conn, &path).unwrap_or_else(|e| panic!("{e}"));
        // A real edit is still refused.
        conn.execute(
            "UPDATE schema_migrations SET checksum = '0000000000000000' WHERE version = ?1",
            [first.version],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(matches!(
            check_applied(&conn, &path),
            Err(StoreError::UnknownMigration { .. })
        ));
    }

    #[test]
    fn the_change_log_rebuilt_by_migration_7_keeps_its_rows_numbers_and_guards() {
        let (_dir, path) = temp_shop();
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        migrate_with(&mut conn, &path, 0, &MIGRATIONS[..6]).unwrap_or_else(|e| panic!("{e}"));
        for (at, id) in [("2026-01-01T00:00:00Z", "a"), ("2026-01-02T00:00:00Z", "b")] {
            conn.execute(
                "INSERT INTO change_log (at, origin, entity, entity_id, action, data)
                 VALUES (?1, 'desktop', 'farmer', ?2, 'create', '{}')",
                [at, id],
            )
            .unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(
            conn.execute(
                "INSERT INTO change_log (at, origin, entity, entity_id, action, data)
                 VALUES ('2026-01-03T00:00:00Z', 'desktop', 'work_record', 'c', 'delete', '{}')",
                [],
            )
            .is_err(),
            "version 6 does not know 'delete'"
        );
        migrate_with(&mut conn, &path, 6, MIGRATIONS).unwrap_or_else(|e| panic!("{e}"));
        conn.execute(
            "INSERT INTO change_log (at, origin, entity, entity_id, action, data)
             VALUES ('2026-01-03T00:00:00Z', 'desktop', 'work_record', 'c', 'delete', '{}')",
            [],
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let rows: Vec<(i64, String)> = conn
            .prepare("SELECT seq, entity_id FROM change_log ORDER BY seq")
            .and_then(|mut s| {
                s.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            rows,
            vec![
                (1, "a".to_string()),
                (2, "b".to_string()),
                (3, "c".to_string())
            ]
        );
        assert!(
            conn.execute("DELETE FROM change_log", []).is_err(),
            "still append-only"
        );
        assert!(
            conn.execute("UPDATE change_log SET data = '[]'", [])
                .is_err(),
            "still append-only"
        );
        let indexed: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'change_log_entity'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_default();
        assert_eq!(indexed, 1);
    }

    #[test]
    fn a_version_one_shop_is_upgraded_to_the_latest_with_its_data() {
        let (_dir, path) = temp_shop();
        {
            let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
            migrate_with(&mut conn, &path, 0, &MIGRATIONS[..1]).unwrap_or_else(|e| panic!("{e}"));
            conn.execute(
                "INSERT INTO farmers (id, name, village, phone, payment_notes, remarks, sort_key, search_key,
                                      created_at, updated_at)
                 VALUES ('01900000-0000-7000-8000-000000000001', '王德贵', '大木村', '', '', '', 'wang de gui',
                         'wangdegui wdg', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                [],
            )
            .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(user_version(&conn), 1);
        }
        let (store, report) = Store::open_with_report(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (report.from_version, report.to_version),
            (1, latest_version())
        );
        assert!(report.backup.is_some_and(|b| b.is_file()));
        let name: String = store
            .conn()
            .query_row("SELECT name FROM farmers", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(name, "王德贵");
    }

    /// Migration 12 sums the sales already there into the daily sums, and its triggers keep them
    /// equal to the orders as an order is paid and a new one comes with its lines.
    #[test]
    fn migration_12_sums_the_sales_already_there_and_keeps_up() {
        use crate::sales::{sales, sales_from_orders, By};
        let (_dir, path) = temp_shop();
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        migrate_with(&mut conn, &path, 0, &MIGRATIONS[..11]).unwrap_or_else(|e| panic!("{e}"));
        let run = |conn: &Connection, sql: &str| {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        };
        let order = |id: &str, state: &str, province: &str, goods: i64| {
            format!(
                "INSERT INTO orders (id, number, source, state, buyer, recipient_name, recipient_phone,
                                     province, city, district, street, postcode, goods_fen,
                                     shipping_fee_fen, buyer_note, seller_note, ordered_on,
                                     created_at, updated_at)
                 VALUES ('{id}', 'n{id}', 'wechat', '{state}', '', '张三', '13812345678',
                         '{province}', '成都市', '武侯区', '人民南路1号', '', {goods}, 1000, '', '',
                         '2026-12-01', '2026-12-01T03:00:00Z', '2026-12-01T03:00:00Z');
                 INSERT INTO order_lines (order_id, line_no, product_id, quantity_milli, stock_milli,
                                          unit_price_fen, discount_fen, line_fen)
                 VALUES ('{id}', 0, 'p1', 1000, 5000, {goods}, 0, {goods});"
            )
        };
        run(
            &conn,
            "INSERT INTO products (id, name_zh, sale_unit, stock_unit, price_fen, sort_key, search_key,
                                   created_at, updated_at)
             VALUES ('p1', '猕猴桃', 'box:5:jin', 'jin', 4990, 'mi', 'mht', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z');",
        );
        run(&conn, &order("o1", "paid", "四川省", 4990));
        run(&conn, &order("o2", "waiting_payment", "广东省", 2500));
        migrate_with(&mut conn, &path, 11, MIGRATIONS).unwrap_or_else(|e| panic!("{e}"));
        let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        let same = |conn: &Connection| {
            for by in [By::Province, By::Product, By::Month] {
                let summed = sales(conn, day, day, by).unwrap_or_else(|e| panic!("{e}"));
                let counted =
                    sales_from_orders(conn, day, day, by).unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(summed, counted, "{by:?}");
            }
            sales(conn, day, day, By::Month).unwrap_or_else(|e| panic!("{e}"))
        };
        let month = same(&conn);
        assert_eq!(month.len(), 1);
        assert_eq!(
            (
                month[0].figures.orders,
                month[0].figures.units_milli,
                month[0].figures.revenue_fen
            ),
            (1, 1000, 5990),
            "the paid order, not the unpaid one"
        );
        run(&conn, "UPDATE orders SET state = 'paid' WHERE id = 'o2';");
        run(&conn, &order("o3", "paid", "四川省", 1000));
        let month = same(&conn);
        assert_eq!(
            (
                month[0].figures.orders,
                month[0].figures.units_milli,
                month[0].figures.revenue_fen
            ),
            (3, 3000, 5990 + 3500 + 2000)
        );
    }

    /// Migration 13 counts the rows already there (lists that grow with the years read these
    /// counts for their first page) and sums each farmer's account; its triggers keep both equal
    /// to counting and summing the rows through inserts, state changes, reversals and payments.
    #[test]
    fn migration_13_counts_and_sums_what_is_there_and_keeps_up() {
        let (_dir, path) = temp_shop();
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        migrate_with(&mut conn, &path, 0, &MIGRATIONS[..12]).unwrap_or_else(|e| panic!("{e}"));
        let run = |conn: &Connection, sql: &str| {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        };
        let farmer = |id: &str| {
            format!(
                "INSERT INTO farmers (id, name, village, phone, payment_notes, remarks, sort_key,
                                      search_key, created_at, updated_at)
                 VALUES ('{id}', '王{id}', '龙场', '', '', '', 'wang', 'wang', '2026-01-01T00:00:00Z',
                         '2026-01-01T00:00:00Z');"
            )
        };
        let purchase = |id: &str, farmer: &str, payment: &str, total: i64| {
            format!(
                "INSERT INTO purchases (id, farmer_id, received_on, payment, total_fen, note, created_at)
                 VALUES ('{id}', '{farmer}', '2026-11-01', '{payment}', {total}, '', '2026-11-01T01:00:00Z');
                 INSERT INTO lots (id, product_id, purchase_id, line_no, grade, received_on,
                                   quantity_milli, entered_quantity, entered_unit, unit_price_e4,
                                   cost_fen, on_hand_milli, cost_on_hand_fen, created_at)
                 VALUES ('l{id}', 'p1', '{id}', 0, '', '2026-11-01', 1000, '1', 'jin', 0, {total},
                         1000, {total}, '2026-11-01T01:00:00Z');"
            )
        };
        let payment = |id: &str, farmer: &str, amount: i64| {
            format!(
                "INSERT INTO farmer_payments (id, farmer_id, paid_on, amount_fen, method, note, created_at)
                 VALUES ('{id}', '{farmer}', '2026-11-02', {amount}, 'cash', '', '2026-11-02T01:00:00Z');"
            )
        };
        let order = |id: &str, state: &str| {
            format!(
                "INSERT INTO orders (id, number, source, state, buyer, recipient_name, recipient_phone,
                                     province, city, district, street, postcode, goods_fen,
                                     shipping_fee_fen, buyer_note, seller_note, ordered_on,
                                     created_at, updated_at)
                 VALUES ('{id}', 'n{id}', 'wechat', '{state}', '', '张三', '13812345678',
                         '四川省', '成都市', '武侯区', '人民南路1号', '', 100, 0, '', '',
                         '2026-12-01', '2026-12-01T03:00:00Z', '2026-12-01T03:00:00Z');"
            )
        };
        run(
            &conn,
            "INSERT INTO products (id, name_zh, sale_unit, stock_unit, price_fen, sort_key, search_key,
                                   created_at, updated_at)
             VALUES ('p1', '猕猴桃', 'box:5:jin', 'jin', 4990, 'mi', 'mht', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z');",
        );
        run(&conn, &(farmer("f1") + &farmer("f2")));
        run(&conn, &purchase("u1", "f1", "owed", 5000));
        run(&conn, &purchase("u2", "f1", "cash", 700));
        run(&conn, &purchase("u3", "f2", "owed", 900));
        run(&conn, &payment("m1", "f1", 2000));
        run(
            &conn,
            &(order("o1", "paid") + &order("o2", "paid") + &order("o3", "finished")),
        );
        migrate_with(&mut conn, &path, 12, MIGRATIONS).unwrap_or_else(|e| panic!("{e}"));

        let kept = |conn: &Connection, name: &str| crate::sql::kept_count(conn, name).unwrap_or(-1);
        let counted = |conn: &Connection, sql: &str| -> i64 {
            conn.query_row(sql, [], |r| r.get(0))
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
        };
        let same = |conn: &Connection| {
            for table in ["purchases", "lots", "production_runs", "orders"] {
                assert_eq!(
                    kept(conn, table),
                    counted(conn, &format!("SELECT count(*) FROM {table}")),
                    "{table}"
                );
            }
            for state in [
                "waiting_payment",
                "paid",
                "packed",
                "shipped",
                "finished",
                "cancelled",
            ] {
                assert_eq!(
                    kept(conn, &format!("orders:{state}")),
                    counted(
                        conn,
                        &format!("SELECT count(*) FROM orders WHERE state = '{state}'")
                    ),
                    "{state}"
                );
            }
            let accounts: Vec<(String, i64, i64)> = conn
                .prepare(
                    "SELECT farmer_id, owed_fen, paid_fen FROM farmer_accounts ORDER BY farmer_id",
                )
                .and_then(|mut s| {
                    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .unwrap_or_else(|e| panic!("{e}"));
            let summed: Vec<(String, i64, i64)> = conn
                .prepare(
                    "SELECT f.id,
                        coalesce((SELECT sum(total_fen) FROM purchases pu WHERE pu.farmer_id = f.id
                                  AND pu.payment = 'owed' AND NOT EXISTS
                                  (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = pu.id)), 0),
                        coalesce((SELECT sum(amount_fen) FROM farmer_payments p WHERE p.farmer_id = f.id), 0)
                     FROM farmers f ORDER BY f.id",
                )
                .and_then(|mut s| {
                    s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                        .collect()
                })
                .unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(accounts, summed);
            assert_eq!(
                kept(conn, "farmer_accounts:open"),
                counted(
                    conn,
                    "SELECT count(*) FROM farmer_accounts WHERE owed_fen <> 0 OR paid_fen <> 0"
                ),
                "farmers with an open account (migration 14)"
            );
            accounts
        };
        assert_eq!(
            same(&conn),
            vec![("f1".into(), 5000, 2000), ("f2".into(), 900, 0)]
        );
        assert_eq!((kept(&conn, "orders:paid"), kept(&conn, "orders")), (2, 3));

        run(&conn, &farmer("f3"));
        run(&conn, &purchase("u4", "f3", "owed", 300));
        run(
            &conn,
            "INSERT INTO purchase_reversals (purchase_id, reversed_on, reason, created_at)
             VALUES ('u1', '2026-11-03', '录错了', '2026-11-03T01:00:00Z'),
                    ('u2', '2026-11-03', '录错了', '2026-11-03T01:00:00Z');",
        );
        run(&conn, &payment("m2", "f2", 900));
        run(&conn, "UPDATE orders SET state = 'packed' WHERE id = 'o1';");
        run(&conn, "UPDATE orders SET state = 'packed' WHERE id = 'o1';");
        run(&conn, &order("o4", "waiting_payment"));
        run(&conn, "DELETE FROM orders WHERE id = 'o2';");
        assert_eq!(
            same(&conn),
            vec![
                ("f1".into(), 0, 2000),
                ("f2".into(), 900, 900),
                ("f3".into(), 300, 0)
            ],
            "the reversed owed purchase leaves the balance, the reversed cash one changes nothing"
        );
        assert_eq!(kept(&conn, "farmer_accounts:open"), 3);
        run(&conn, &farmer("f4"));
        run(
            &conn,
            "INSERT INTO purchase_reversals (purchase_id, reversed_on, reason, created_at)
             VALUES ('u4', '2026-11-04', '退货', '2026-11-04T01:00:00Z');",
        );
        assert_eq!(same(&conn)[2], ("f3".into(), 0, 0));
        assert_eq!(
            kept(&conn, "farmer_accounts:open"),
            2,
            "f3 settled to nothing, f4 never bought"
        );
        assert_eq!(
            (
                kept(&conn, "orders:paid"),
                kept(&conn, "orders:packed"),
                kept(&conn, "orders")
            ),
            (0, 1, 3)
        );
    }

    /// Migration 9 rebuilds `orders` (each platform its own source): the rows keep their ids,
    /// rowids (the search indexes' keys), lines, history and references; a Taobao API order becomes
    /// `taobao`; a paid order learns when it was paid and when it is due; the triggers still fire.
    #[test]
    fn the_orders_rebuilt_by_migration_9_keep_their_rows_search_and_triggers() {
        let (_dir, path) = temp_shop();
        let mut conn = Connection::open(&path).unwrap_or_else(|e| panic!("{e}"));
        migrate_with(&mut conn, &path, 0, &MIGRATIONS[..8]).unwrap_or_else(|e| panic!("{e}"));
        conn.pragma_update(None, "foreign_keys", "ON")
            .unwrap_or_else(|e| panic!("{e}"));
        let run = |conn: &Connection, sql: &str| {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{sql}: {e}"));
        };
        run(
            &conn,
            "INSERT INTO products (id, name_zh, sale_unit, stock_unit, price_fen, sort_key, search_key,
                                   created_at, updated_at)
             VALUES ('p1', '猕猴桃', 'box:5:jin', 'jin', 4990, 'mi', 'mht', '2026-01-01T00:00:00Z',
                     '2026-01-01T00:00:00Z');
             INSERT INTO orders (id, number, source, platform_order_id, state, buyer, recipient_name,
                                 recipient_phone, province, city, district, street, postcode, goods_fen,
                                 shipping_fee_fen, buyer_note, seller_note, ordered_on, created_at, updated_at)
             VALUES ('o1', '20261201-0001', 'marketplace', '339100', 'paid', '欧阳娜娜', '欧阳娜娜',
                     '13912345678', '广东省', '广州市', '天河区', '体育西路1号', '', 4990, 0, '', '',
                     '2026-12-01', '2026-12-01T02:00:00Z', '2026-12-01T02:00:00Z'),
                    ('o2', '20261201-0002', 'wechat', NULL, 'waiting_payment', '张三', '张三',
                     '13812345678', '四川省', '成都市', '武侯区', '人民南路1号', '', 2500, 0, '', '',
                     '2026-12-01', '2026-12-01T03:00:00Z', '2026-12-01T03:00:00Z');
             INSERT INTO orders_pairs (rowid, text) SELECT rowid, '欧阳 阳娜 娜娜' FROM orders WHERE id = 'o1';
             INSERT INTO order_lines (order_id, line_no, product_id, quantity_milli, stock_milli,
                                      unit_price_fen, discount_fen, line_fen)
             VALUES ('o1', 0, 'p1', 1000, 5000, 4990, 0, 4990);
             INSERT INTO order_events (order_id, from_state, to_state, note, at, origin)
             VALUES ('o1', NULL, 'paid', '', '2026-12-01T02:00:00.000000Z', 'sync');",
        );
        migrate_with(&mut conn, &path, 8, MIGRATIONS).unwrap_or_else(|e| panic!("{e}"));
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap_or_default();
        assert_eq!(fk, 1, "foreign keys are on again after the migration");
        let (source, paid_at, due_at): (String, Option<String>, Option<String>) = conn
            .query_row(
                "SELECT source, paid_at, due_at FROM orders WHERE id = 'o1'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(source, "taobao");
        assert_eq!(paid_at.as_deref(), Some("2026-12-01T02:00:00.000000Z"));
        assert_eq!(due_at.as_deref(), Some("2026-12-03T02:00:00.000Z"));
        // Search by trigram and by pair still finds the same row.
        let found: String = conn
            .query_row(
                "SELECT o.id FROM orders o JOIN orders_fts f ON f.rowid = o.rowid
                 WHERE orders_fts MATCH '\"体育西\"'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found, "o1");
        let found: String = conn
            .query_row(
                "SELECT o.id FROM orders o JOIN orders_pairs p ON p.rowid = o.rowid
                 WHERE orders_pairs MATCH '\"娜娜\"'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(found, "o1");
        // The lines still refer to their order; an order cannot be removed under them.
        assert!(conn
            .execute("DELETE FROM orders WHERE id = 'o1'", [])
            .is_err());
        // Becoming paid sets the due time; shipping a Taobao order queues telling the platform.
        run(
            &conn,
            "UPDATE orders SET state = 'paid', updated_at = '2026-12-02T00:00:00.000000Z' WHERE id = 'o2';
             UPDATE orders SET state = 'shipped', courier = 'ZTO', waybill = '7891',
                               updated_at = '2026-12-02T01:00:00.000000Z' WHERE id = 'o1';",
        );
        let due: Option<String> = conn
            .query_row("SELECT due_at FROM orders WHERE id = 'o2'", [], |r| {
                r.get(0)
            })
            .unwrap_or_default();
        assert_eq!(due.as_deref(), Some("2026-12-04T00:00:00.000Z"));
        let queued: i64 = conn
            .query_row(
                "SELECT count(*) FROM sync_outbox WHERE kind = 'ship' AND subject = 'o1'",
                [],
                |r| r.get(0),
            )
            .unwrap_or_default();
        assert_eq!(queued, 1);
        // A plain-text recipient still needs a name; a masked one may have none.
        assert!(conn
            .execute(
                "INSERT INTO orders (id, number, source, state, buyer, recipient_name, recipient_phone,
                                     province, city, district, street, postcode, goods_fen,
                                     shipping_fee_fen, buyer_note, seller_note, ordered_on, created_at,
                                     updated_at)
                 VALUES ('o3', 'n3', 'douyin', 'paid', '', '', '', '江苏省', '', '', '', '', 0, 0, '', '',
                         '2026-12-01', 'x', 'x')",
                [],
            )
            .is_err());
        run(
            &conn,
            "INSERT INTO orders (id, number, source, state, buyer, recipient_name, recipient_phone,
                                 province, city, district, street, postcode, goods_fen, shipping_fee_fen,
                                 buyer_note, seller_note, ordered_on, created_at, updated_at, masked)
             VALUES ('o3', 'n3', 'douyin', 'paid', '', '', '', '江苏省', '', '', '', '', 0, 0, '', '',
                     '2026-12-01', 'x', 'x', 1)",
        );
    }
}
