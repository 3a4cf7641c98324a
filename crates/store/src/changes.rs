//! The change log: every write records what changed, when, and where it came from, in the same
//! transaction as the write itself. Rows are only appended (triggers refuse UPDATE and DELETE).
//!
//! Architecture Invariant: every function in this crate that writes a business table calls
//! [`record`] before returning.

use chrono::{DateTime, Utc};
use farmstall_domain::Origin;
use rusqlite::Connection;
use serde::Serialize;

use crate::sql::{instant_from_text, instant_to_text};
use crate::Result;

/// What kind of change was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Create,
    Update,
    Archive,
    Restore,
    /// A row removed (only where a use case allows it, e.g. a work record of a draft month); the
    /// change's data keeps what it was.
    Delete,
}

impl Action {
    fn code(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Archive => "archive",
            Action::Restore => "restore",
            Action::Delete => "delete",
        }
    }
}

/// Appends one change.
pub fn record(
    conn: &Connection,
    at: DateTime<Utc>,
    origin: Origin,
    entity: &str,
    entity_id: &str,
    action: Action,
    data: &serde_json::Value,
) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO change_log (at, origin, entity, entity_id, action, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        (
            instant_to_text(at),
            origin.code(),
            entity,
            entity_id,
            action.code(),
            data.to_string(),
        ),
    )?;
    Ok(())
}

/// One recorded change, as read back.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub origin: String,
    pub entity: String,
    pub entity_id: String,
    pub action: String,
    pub data: serde_json::Value,
}

/// The changes to one record, oldest first.
pub fn for_entity(conn: &Connection, entity: &str, entity_id: &str) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, origin, entity, entity_id, action, data FROM change_log
         WHERE entity = ?1 AND entity_id = ?2 ORDER BY seq",
    )?;
    let rows = stmt.query_map((entity, entity_id), |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut changes = Vec::new();
    for row in rows {
        let (seq, at, origin, entity, entity_id, action, data) = row?;
        changes.push(Change {
            seq,
            at: instant_from_text(&at)?,
            origin,
            entity,
            entity_id,
            action,
            data: serde_json::from_str(&data).unwrap_or(serde_json::Value::Null),
        });
    }
    Ok(changes)
}

/// How many changes are recorded in all.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(crate::sql::one(
        conn,
        "SELECT count(*) FROM change_log",
        [],
        |r| r.get(0),
    )?)
}
