//! Small helpers shared by the query modules: instants as text, LIKE patterns, paging.

use chrono::{DateTime, SecondsFormat, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::Connection;

use crate::changes::{self, Action};
use crate::StoreError;

/// Instants are stored as RFC 3339 UTC text with microseconds, which sorts as time does.
pub fn instant_to_text(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn instant_from_text(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::BadData(format!("not an instant: {text:?}")))
}

/// An id read back from the database; a malformed one is damaged data, not user error.
pub(crate) fn id_from_text(text: &str) -> Result<Id, StoreError> {
    Id::parse(text).map_err(|e| StoreError::BadData(e.to_string()))
}

/// A `LIKE ... ESCAPE '\'` pattern matching `needle` anywhere.
pub fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A pattern for the pinyin `search_key` columns: lowercase, spaces removed, so "Wang De" and
/// "wangde" both find 王德贵. Empty search matches everything.
pub fn pinyin_pattern(search: &str) -> String {
    let squeezed: String = search
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    contains_pattern(&squeezed)
}

/// A count kept by the triggers of migration 0013 (`row_counts`): the rows of a table, or
/// `orders:<state>`; 0 for a state no order has had.
pub(crate) fn kept_count(conn: &Connection, name: &str) -> Result<i64, StoreError> {
    use rusqlite::OptionalExtension;
    let n = conn
        .prepare_cached("SELECT n FROM row_counts WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?;
    Ok(n.unwrap_or(0))
}

/// Where a page of a list sorted by `key` starts: after the row `after` of `table` (keyset
/// paging), or at `offset`.
///
/// `key` holds columns and expressions of alias `alias`, all sorted in one direction and the
/// last one unique. With a row to start after, `condition` gains a row-value comparison with
/// that row's key (parameter `:after`, the returned id), so SQLite seeks in the index of that
/// order instead of stepping over every earlier row as `OFFSET` does, and the offset is 0. A row
/// that is not there (deleted since the page before was shown) pages by `offset`.
pub(crate) fn page_start(
    conn: &Connection,
    (table, alias): (&str, &str),
    key: &[&str],
    descending: bool,
    after: Option<Id>,
    (condition, offset): (&str, i64),
) -> Result<(String, Option<String>, i64), StoreError> {
    let Some(after) = after.map(|id| id.to_string()) else {
        return Ok((condition.to_string(), None, offset));
    };
    let there: bool = conn
        .prepare_cached(&format!(
            "SELECT EXISTS(SELECT 1 FROM {table} WHERE id = ?1)"
        ))?
        .query_row([&after], |r| r.get(0))?;
    if !there {
        return Ok((condition.to_string(), None, offset));
    }
    let ours = key.join(", ");
    let theirs = key
        .iter()
        .map(|k| k.replace(&format!("{alias}."), "a."))
        .collect::<Vec<_>>()
        .join(", ");
    let op = if descending { "<" } else { ">" };
    Ok((
        format!(
            "{condition} AND ({ours}) {op} (SELECT {theirs} FROM {table} a WHERE a.id = :after)"
        ),
        Some(after),
        0,
    ))
}

/// One page of a filtered list, and how many rows match the filter in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// A list filter, applied in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// Text to find anywhere in the searchable columns; empty matches everything.
    pub search: String,
    pub include_archived: bool,
    pub limit: i64,
    pub offset: i64,
    /// Products only: one kind (`goods`, `ingredient`, `packaging`); `None` for all.
    pub kind: Option<String>,
}

impl Default for ListFilter {
    fn default() -> ListFilter {
        ListFilter {
            search: String::new(),
            include_archived: false,
            kind: None,
            limit: 50,
            offset: 0,
        }
    }
}

/// How one kind of archivable record is read back and logged.
pub(crate) struct Archivable<T> {
    pub table: &'static str,
    pub entity: &'static str,
    pub get: fn(&Connection, Id) -> Result<T, StoreError>,
    pub archived_at: fn(&T) -> Option<DateTime<Utc>>,
    pub snapshot: fn(&T) -> serde_json::Value,
}

/// Archives (`archived` true) or restores a record and logs it; doing it twice changes nothing.
pub(crate) fn set_archived<T>(
    conn: &Connection,
    kind: &Archivable<T>,
    id: Id,
    archived: bool,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<T, StoreError> {
    let before = (kind.get)(conn, id)?;
    if (kind.archived_at)(&before).is_some() == archived {
        return Ok(before);
    }
    let stamp = instant_to_text(at);
    conn.execute(
        &format!(
            "UPDATE {} SET archived_at = ?2, updated_at = ?3 WHERE id = ?1",
            kind.table
        ),
        (id.to_string(), archived.then(|| stamp.clone()), &stamp),
    )?;
    let after = (kind.get)(conn, id)?;
    let action = if archived {
        Action::Archive
    } else {
        Action::Restore
    };
    changes::record(
        conn,
        at,
        origin,
        kind.entity,
        &id.to_string(),
        action,
        &(kind.snapshot)(&after),
    )?;
    Ok(after)
}

/// Reads one record by id with `sql` (which has `?1` for the id), or `NotFound` naming `entity`.
pub(crate) fn get_one<R, T>(
    conn: &Connection,
    sql: &str,
    entity: &'static str,
    id: Id,
    raw: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<R>,
    cook: impl FnOnce(R) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    use rusqlite::OptionalExtension;
    // Through the statement cache: a use case reads the same kinds of record many times
    // (an import reads a product per line and an order per state change).
    let row = conn
        .prepare_cached(sql)?
        .query_row([id.to_string()], raw)
        .optional()?;
    cook(row.ok_or_else(|| StoreError::NotFound {
        entity,
        id: id.to_string(),
    })?)
}

/// Reads the children of many parents (lines of purchases, inputs of recipes) in one query, not one
/// per parent. `sql` has `?1` for a JSON array of the parents' ids (`... IN (SELECT value FROM
/// json_each(?1))`) and selects the parent's id first; `read` reads the rest of a row and `attach`
/// gives it to its parent.
pub(crate) fn fill_children<P, R>(
    conn: &Connection,
    parents: &mut [P],
    id_of: impl Fn(&P) -> Id,
    sql: &str,
    mut read: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<R>,
    mut attach: impl FnMut(&mut P, R) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if parents.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = parents.iter().map(|p| id_of(p).to_string()).collect();
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map([serde_json::Value::from(ids).to_string()], |r| {
            Ok((r.get::<_, String>(0)?, read(r)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (parent, row) in rows {
        let parent = id_from_text(&parent)?;
        if let Some(p) = parents.iter_mut().find(|p| id_of(p) == parent) {
            attach(p, row)?;
        }
    }
    Ok(())
}

/// Runs one statement through the connection's statement cache (parsed once per connection).
pub(crate) fn run<P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: P,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

/// Reads one row through the connection's statement cache.
pub(crate) fn one<T, P: rusqlite::Params>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: P,
    f: impl FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    conn.prepare_cached(sql)?.query_row(params, f)
}
