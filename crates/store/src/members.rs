//! Family members who work in the shop, and which one is working now.

use chrono::{DateTime, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_to_text};
use crate::{Result, StoreError};

/// A member as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub id: Id,
    pub name: String,
    pub active: bool,
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<(String, String, bool)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
}

fn member((id, name, active): (String, String, bool)) -> Result<MemberRow> {
    Ok(MemberRow {
        id: id_from_text(&id)?,
        name,
        active,
    })
}

/// Active members first, then by name.
pub fn list(conn: &Connection) -> Result<Vec<MemberRow>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, name, active FROM members ORDER BY active DESC, name")?;
    let rows = stmt
        .query_map([], row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter().map(member).collect()
}

pub fn get(conn: &Connection, id: Id) -> Result<MemberRow> {
    let found = conn
        .query_row(
            "SELECT id, name, active FROM members WHERE id = ?1",
            [id.to_string()],
            row,
        )
        .optional()?;
    match found {
        Some(r) => member(r),
        None => Err(StoreError::NotFound {
            entity: "member",
            id: id.to_string(),
        }),
    }
}

/// The member with this name (exactly, after trimming), if any.
pub fn find_by_name(conn: &Connection, name: &str) -> Result<Option<MemberRow>> {
    crate::sql::one(
        conn,
        "SELECT id, name, active FROM members WHERE name = ?1",
        [name],
        row,
    )
    .optional()?
    .map(member)
    .transpose()
}

pub fn insert(
    conn: &Connection,
    name: &str,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<MemberRow> {
    let id = Id::generate();
    crate::sql::run(
        conn,
        "INSERT INTO members (id, name, active, created_at) VALUES (?1, ?2, 1, ?3)",
        (id.to_string(), name, instant_to_text(now)),
    )?;
    changes::record(
        conn,
        now,
        origin,
        "member",
        &id.to_string(),
        Action::Create,
        &json!({ "name": name }),
    )?;
    get(conn, id)
}

/// Marks a member active or not; one who leaves stops being the one working.
pub fn set_active(
    conn: &Connection,
    id: Id,
    active: bool,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<MemberRow> {
    get(conn, id)?;
    crate::sql::run(
        conn,
        "UPDATE members SET active = ?2 WHERE id = ?1",
        (id.to_string(), active),
    )?;
    changes::record(
        conn,
        now,
        origin,
        "member",
        &id.to_string(),
        if active {
            Action::Restore
        } else {
            Action::Archive
        },
        &json!({ "active": active }),
    )?;
    if !active {
        crate::sql::run(
            conn,
            "DELETE FROM settings WHERE key = 'current_member' AND value = ?1",
            [id.to_string()],
        )?;
    }
    get(conn, id)
}

/// The member working now, if one is set.
pub fn current(conn: &Connection) -> Result<Option<MemberRow>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'current_member'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match id {
        Some(id) => Ok(Some(get(conn, id_from_text(&id)?)?)),
        None => Ok(None),
    }
}

/// Sets who is working now; `None` = nobody.
pub fn set_current(
    conn: &Connection,
    id: Option<Id>,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    changes::record(
        conn,
        now,
        origin,
        "setting",
        "current_member",
        Action::Update,
        &json!({ "memberId": id.map(|i| i.to_string()) }),
    )?;
    match id {
        Some(id) => crate::sql::run(
            conn,
            "INSERT INTO settings (key, value) VALUES ('current_member', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [id.to_string()],
        )?,
        None => crate::sql::run(
            conn,
            "DELETE FROM settings WHERE key = 'current_member'",
            [],
        )?,
    };
    Ok(())
}
