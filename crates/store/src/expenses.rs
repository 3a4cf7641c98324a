//! The shop's cost book: what it spends besides goods, packaging, shipping and wages (platform
//! fees, advertising, electricity, the vehicle, equipment). A row entered by mistake is voided,
//! never deleted, so the change log and the month's history keep what it was.

use chrono::{DateTime, NaiveDate, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::Connection;
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_from_text, instant_to_text, Page};
use crate::stock::date_text;
use crate::{Result, StoreError};

/// The categories the schema allows, in the order screens list them.
pub const CATEGORIES: [&str; 6] = [
    "platform_fees",
    "advertising",
    "electricity",
    "vehicle",
    "equipment",
    "other",
];

/// An expense as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseRow {
    pub id: Id,
    pub spent_on: NaiveDate,
    pub category: String,
    pub amount_fen: i64,
    pub note: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set when it was voided: kept, no longer counted.
    pub voided_at: Option<DateTime<Utc>>,
}

/// A new expense, checked by the caller (the schema's CHECKs back the category and amount up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExpense<'a> {
    pub spent_on: NaiveDate,
    pub category: &'a str,
    pub amount_fen: i64,
    pub note: &'a str,
}

/// Which expenses a list shows; dates inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpenseFilter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// One category, or `None` for all.
    pub category: Option<String>,
    pub include_voided: bool,
    pub limit: i64,
    pub offset: i64,
}

/// One category's sum in a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryTotal {
    pub category: String,
    pub fen: i64,
}

const SELECT: &str =
    "SELECT id, spent_on, category, amount_fen, note, created_at, updated_at, voided_at
     FROM expenses";

type Raw = (
    String,
    String,
    String,
    i64,
    String,
    String,
    String,
    Option<String>,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<Raw> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn cook(
    (id, spent_on, category, amount_fen, note, created_at, updated_at, voided_at): Raw,
) -> Result<ExpenseRow> {
    Ok(ExpenseRow {
        id: id_from_text(&id)?,
        spent_on: NaiveDate::parse_from_str(&spent_on, "%Y-%m-%d")
            .map_err(|_| StoreError::BadData(format!("not a date: {spent_on:?}")))?,
        category,
        amount_fen,
        note,
        created_at: instant_from_text(&created_at)?,
        updated_at: instant_from_text(&updated_at)?,
        voided_at: voided_at.as_deref().map(instant_from_text).transpose()?,
    })
}

fn snapshot(e: &ExpenseRow) -> serde_json::Value {
    json!({
        "spentOn": date_text(e.spent_on),
        "category": e.category,
        "amountFen": e.amount_fen,
        "note": e.note,
        "voided": e.voided_at.is_some(),
    })
}

/// One expense by id, voided or not.
pub fn get(conn: &Connection, id: Id) -> Result<ExpenseRow> {
    crate::sql::get_one(
        conn,
        &format!("{SELECT} WHERE id = ?1"),
        "expense",
        id,
        raw,
        cook,
    )
}

pub fn insert(
    conn: &Connection,
    e: &NewExpense<'_>,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<ExpenseRow> {
    let id = Id::generate();
    let stamp = instant_to_text(now);
    crate::sql::run(
        conn,
        "INSERT INTO expenses (id, spent_on, category, amount_fen, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        (
            id.to_string(),
            date_text(e.spent_on),
            e.category,
            e.amount_fen,
            e.note,
            &stamp,
        ),
    )?;
    let row = get(conn, id)?;
    changes::record(
        conn,
        now,
        origin,
        "expense",
        &id.to_string(),
        Action::Create,
        &snapshot(&row),
    )?;
    Ok(row)
}

/// Voids (`voided` true) or restores an expense and logs it; doing it twice changes nothing.
fn set_voided(
    conn: &Connection,
    id: Id,
    voided: bool,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<ExpenseRow> {
    let before = get(conn, id)?;
    if before.voided_at.is_some() == voided {
        return Ok(before);
    }
    let stamp = instant_to_text(now);
    crate::sql::run(
        conn,
        "UPDATE expenses SET voided_at = ?2, updated_at = ?3 WHERE id = ?1",
        (id.to_string(), voided.then(|| stamp.clone()), &stamp),
    )?;
    let after = get(conn, id)?;
    changes::record(
        conn,
        now,
        origin,
        "expense",
        &id.to_string(),
        if voided {
            Action::Archive
        } else {
            Action::Restore
        },
        &snapshot(&after),
    )?;
    Ok(after)
}

/// Marks an expense entered by mistake: kept, no longer counted.
pub fn void(conn: &Connection, id: Id, now: DateTime<Utc>, origin: Origin) -> Result<ExpenseRow> {
    set_voided(conn, id, true, now, origin)
}

/// Counts a voided expense again (the undo of [`void`]).
pub fn restore(
    conn: &Connection,
    id: Id,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<ExpenseRow> {
    set_voided(conn, id, false, now, origin)
}

/// Expenses spent from `from` to `to` (inclusive), newest first, and how many match in all.
pub fn list(conn: &Connection, filter: &ExpenseFilter) -> Result<Page<ExpenseRow>> {
    // Without voided ones, `voided_at IS NULL` written out, so that SQLite may read the month
    // from the partial index `expenses_spent` rather than every expense of every year.
    let condition = if filter.include_voided {
        "spent_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR category = ?3) AND ?4"
    } else {
        "spent_on BETWEEN ?1 AND ?2 AND (?3 IS NULL OR category = ?3)
         AND NOT ?4 AND voided_at IS NULL"
    };
    let params = (
        date_text(filter.from),
        date_text(filter.to),
        filter.category.as_deref(),
        filter.include_voided,
    );
    let total: i64 = crate::sql::one(
        conn,
        &format!("SELECT count(*) FROM expenses WHERE {condition}"),
        params.clone(),
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE {condition} ORDER BY spent_on DESC, id DESC LIMIT ?5 OFFSET ?6"
    ))?;
    let rows = stmt
        .query_map(
            (
                params.0,
                params.1,
                params.2,
                params.3,
                filter.limit,
                filter.offset,
            ),
            raw,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Page {
        items: rows.into_iter().map(cook).collect::<Result<Vec<_>>>()?,
        total,
    })
}

/// What was spent from `from` to `to` (inclusive) by category, voided expenses left out; only
/// the categories with spending, in the order of [`CATEGORIES`].
pub fn totals(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<CategoryTotal>> {
    let mut stmt = conn.prepare_cached(
        "SELECT category, sum(amount_fen) FROM expenses
         WHERE spent_on BETWEEN ?1 AND ?2 AND voided_at IS NULL
         GROUP BY category",
    )?;
    let mut totals = stmt
        .query_map((date_text(from), date_text(to)), |r| {
            Ok(CategoryTotal {
                category: r.get(0)?,
                fen: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    totals.sort_by_key(|t| {
        CATEGORIES
            .iter()
            .position(|c| *c == t.category)
            .unwrap_or(CATEGORIES.len())
    });
    Ok(totals)
}

/// [`totals`] over one month, `YYYY-MM`; a month that is not one is `BadData` (the caller
/// checks what people type).
pub fn month_totals(conn: &Connection, month: &str) -> Result<Vec<CategoryTotal>> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d")
        .map_err(|_| StoreError::BadData(format!("not a month: {month:?}")))?;
    let last = first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first);
    totals(conn, first, last)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, crate::Store) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
        let store =
            crate::Store::open(&dir.path().join("shop.db")).unwrap_or_else(|e| panic!("open: {e}"));
        (dir, store)
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("date: {e}"))
    }

    fn add(conn: &Connection, on: &str, category: &str, fen: i64) -> ExpenseRow {
        insert(
            conn,
            &NewExpense {
                spent_on: day(on),
                category,
                amount_fen: fen,
                note: "",
            },
            Utc::now(),
            Origin::Cli,
        )
        .unwrap_or_else(|e| panic!("insert: {e}"))
    }

    #[test]
    fn a_month_sums_by_category_without_voided_ones_and_logs_each_write() {
        let (_dir, mut store) = store();
        store
            .write(|tx| {
                add(tx, "2026-03-01", "electricity", 12_000);
                add(tx, "2026-03-31", "electricity", 3_050);
                let wrong = add(tx, "2026-03-15", "advertising", 99_900);
                add(tx, "2026-04-01", "electricity", 1);
                add(tx, "2026-03-10", "platform_fees", 500);
                void(tx, wrong.id, Utc::now(), Origin::Cli)?;
                let totals = month_totals(tx, "2026-03")?;
                assert_eq!(
                    totals,
                    vec![
                        CategoryTotal {
                            category: "platform_fees".into(),
                            fen: 500
                        },
                        CategoryTotal {
                            category: "electricity".into(),
                            fen: 15_050
                        },
                    ]
                );
                let filter = ExpenseFilter {
                    from: day("2026-03-01"),
                    to: day("2026-03-31"),
                    category: None,
                    include_voided: false,
                    limit: 50,
                    offset: 0,
                };
                let page = list(tx, &filter)?;
                assert_eq!(page.total, 3);
                assert_eq!(page.items[0].spent_on, day("2026-03-31"));
                let all = list(
                    tx,
                    &ExpenseFilter {
                        include_voided: true,
                        ..filter.clone()
                    },
                )?;
                assert_eq!(all.total, 4);
                restore(tx, wrong.id, Utc::now(), Origin::Cli)?;
                assert_eq!(month_totals(tx, "2026-03")?.len(), 3);
                let log = changes::for_entity(tx, "expense", &wrong.id.to_string())?;
                let actions: Vec<&str> = log.iter().map(|c| c.action.as_str()).collect();
                assert_eq!(actions, ["create", "archive", "restore"]);
                Ok::<_, StoreError>(())
            })
            .unwrap_or_else(|e| panic!("write: {e}"));
    }
}
