//! Waybill numbers bought from a courier in advance, given out one by one.

use chrono::{DateTime, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_to_text};
use crate::Result;

/// A range to store, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRange {
    pub courier: String,
    pub prefix: String,
    pub digits: u32,
    pub first_no: i64,
    pub last_no: i64,
    pub note: String,
}

/// A range as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeRow {
    pub id: Id,
    pub range: NewRange,
    pub next_no: i64,
    pub created_at: String,
}

impl NewRange {
    /// The waybill with number `n` of this range.
    pub fn waybill(&self, n: i64) -> String {
        format!("{}{:0width$}", self.prefix, n, width = self.digits as usize)
    }
}

pub fn insert(conn: &Connection, r: &NewRange, now: DateTime<Utc>, origin: Origin) -> Result<Id> {
    let id = Id::generate();
    crate::sql::run(conn,
        "INSERT INTO waybill_ranges (id, courier, prefix, digits, first_no, last_no, next_no, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?5, ?7, ?8)",
        rusqlite::params![
            id.to_string(),
            r.courier,
            r.prefix,
            r.digits,
            r.first_no,
            r.last_no,
            r.note,
            instant_to_text(now)
        ],
    )?;
    changes::record(
        conn,
        now,
        origin,
        "waybill_range",
        &id.to_string(),
        Action::Create,
        &json!({ "courier": r.courier, "first": r.waybill(r.first_no), "last": r.waybill(r.last_no), "note": r.note }),
    )?;
    Ok(id)
}

/// Whether a stored range of the same courier, prefix and length shares a number with `r`.
pub fn overlaps(conn: &Connection, r: &NewRange) -> Result<bool> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM waybill_ranges
             WHERE courier = ?1 AND prefix = ?2 AND digits = ?3 AND first_no <= ?5 AND last_no >= ?4",
            rusqlite::params![r.courier, r.prefix, r.digits, r.first_no, r.last_no],
            |row| row.get(0),
        )
        .optional()?;
    Ok(found.is_some())
}

/// Every range, by courier and newest first.
pub fn list(conn: &Connection) -> Result<Vec<RangeRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, courier, prefix, digits, first_no, last_no, next_no, note, created_at
         FROM waybill_ranges ORDER BY courier, created_at DESC",
    )?;
    let raw = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                NewRange {
                    courier: r.get(1)?,
                    prefix: r.get(2)?,
                    digits: r.get(3)?,
                    first_no: r.get(4)?,
                    last_no: r.get(5)?,
                    note: r.get(7)?,
                },
                r.get::<_, i64>(6)?,
                r.get::<_, String>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(id, range, next_no, created_at)| {
            Ok(RangeRow {
                id: id_from_text(&id)?,
                range,
                next_no,
                created_at,
            })
        })
        .collect()
}

/// Gives out the next number of `courier`'s oldest range with numbers left, skipping numbers
/// already on an order; `None` when every range is used up.
pub fn take_next(
    conn: &Connection,
    courier: &str,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Option<String>> {
    loop {
        let Some(row) = list(conn)?
            .into_iter()
            .filter(|r| r.range.courier == courier && r.next_no <= r.range.last_no)
            .min_by(|a, b| a.created_at.cmp(&b.created_at))
        else {
            return Ok(None);
        };
        let waybill = row.range.waybill(row.next_no);
        crate::sql::run(
            conn,
            "UPDATE waybill_ranges SET next_no = next_no + 1 WHERE id = ?1",
            [row.id.to_string()],
        )?;
        changes::record(
            conn,
            at,
            origin,
            "waybill_range",
            &row.id.to_string(),
            Action::Update,
            &json!({ "given": waybill }),
        )?;
        let used: Option<i64> = conn
            .query_row(
                "SELECT 1 FROM orders WHERE courier = ?1 AND waybill = ?2",
                (courier, &waybill),
                |r| r.get(0),
            )
            .optional()?;
        if used.is_none() {
            return Ok(Some(waybill));
        }
    }
}
