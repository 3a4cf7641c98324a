//! Packaging rules: which box, nets and ice packs a parcel of a product takes.

use chrono::{DateTime, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_to_text};
use crate::{Result, StoreError};

/// A rule to store, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleDetails {
    /// `None`: any goods without rules of their own.
    pub product: Option<Id>,
    /// A parcel of up to this many thousandths of the product's sale unit.
    pub up_to_milli: i64,
    pub note: String,
    /// Packaging products and thousandths of their stock unit, per parcel.
    pub items: Vec<(Id, i64)>,
}

/// A rule as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub id: Id,
    pub details: RuleDetails,
}

fn write_items(conn: &Connection, id: Id, items: &[(Id, i64)]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO packaging_rule_items (rule_id, line_no, product_id, quantity_milli)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (no, (product, milli)) in items.iter().enumerate() {
        stmt.execute((id.to_string(), no as i64, product.to_string(), milli))?;
    }
    Ok(())
}

fn snapshot(d: &RuleDetails) -> serde_json::Value {
    json!({
        "productId": d.product.map(|p| p.to_string()),
        "upToMilli": d.up_to_milli,
        "note": d.note,
        "items": d.items.iter().map(|(p, m)| json!({ "productId": p.to_string(), "quantityMilli": m })).collect::<Vec<_>>(),
    })
}

pub fn insert(
    conn: &Connection,
    details: &RuleDetails,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<Id> {
    let id = Id::generate();
    crate::sql::run(
        conn,
        "INSERT INTO packaging_rules (id, product_id, up_to_milli, note, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        (
            id.to_string(),
            details.product.map(|p| p.to_string()),
            details.up_to_milli,
            &details.note,
            instant_to_text(now),
        ),
    )?;
    write_items(conn, id, &details.items)?;
    changes::record(
        conn,
        now,
        origin,
        "packaging_rule",
        &id.to_string(),
        Action::Create,
        &snapshot(details),
    )?;
    Ok(id)
}

fn not_found(id: Id) -> StoreError {
    StoreError::NotFound {
        entity: "packaging rule",
        id: id.to_string(),
    }
}

pub fn update(
    conn: &Connection,
    id: Id,
    details: &RuleDetails,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let changed = crate::sql::run(
        conn,
        "UPDATE packaging_rules SET product_id = ?2, up_to_milli = ?3, note = ?4, updated_at = ?5
         WHERE id = ?1 AND archived_at IS NULL",
        (
            id.to_string(),
            details.product.map(|p| p.to_string()),
            details.up_to_milli,
            &details.note,
            instant_to_text(now),
        ),
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    crate::sql::run(
        conn,
        "DELETE FROM packaging_rule_items WHERE rule_id = ?1",
        [id.to_string()],
    )?;
    write_items(conn, id, &details.items)?;
    changes::record(
        conn,
        now,
        origin,
        "packaging_rule",
        &id.to_string(),
        Action::Update,
        &snapshot(details),
    )
}

/// Takes a rule out of use; its rows stay for history.
pub fn archive(conn: &Connection, id: Id, now: DateTime<Utc>, origin: Origin) -> Result<()> {
    let changed = crate::sql::run(conn,
        "UPDATE packaging_rules SET archived_at = ?2, updated_at = ?2 WHERE id = ?1 AND archived_at IS NULL",
        (id.to_string(), instant_to_text(now)),
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    changes::record(
        conn,
        now,
        origin,
        "packaging_rule",
        &id.to_string(),
        Action::Archive,
        &json!({}),
    )
}

/// Every rule in use (a shop has a handful), with its items in order: by product, then size.
pub fn list(conn: &Connection) -> Result<Vec<RuleRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.product_id, r.up_to_milli, r.note
         FROM packaging_rules r LEFT JOIN products p ON p.id = r.product_id
         WHERE r.archived_at IS NULL
         ORDER BY r.product_id IS NULL, p.name_zh, r.up_to_milli, r.created_at",
    )?;
    let raw = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut items = conn.prepare_cached(
        "SELECT product_id, quantity_milli FROM packaging_rule_items WHERE rule_id = ?1
         ORDER BY line_no",
    )?;
    let mut rules = Vec::with_capacity(raw.len());
    for (id, product, up_to_milli, note) in raw {
        let lines = items
            .query_map([&id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .map(|(p, m)| Ok((id_from_text(&p)?, m)))
            .collect::<Result<Vec<_>>>()?;
        rules.push(RuleRow {
            id: id_from_text(&id)?,
            details: RuleDetails {
                product: product.as_deref().map(id_from_text).transpose()?,
                up_to_milli,
                note,
                items: lines,
            },
        });
    }
    Ok(rules)
}

pub fn get(conn: &Connection, id: Id) -> Result<RuleRow> {
    let exists: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM packaging_rules WHERE id = ?1 AND archived_at IS NULL",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?;
    if exists.is_none() {
        return Err(not_found(id));
    }
    list(conn)?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| not_found(id))
}
