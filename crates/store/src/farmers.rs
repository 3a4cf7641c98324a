//! Farmers: insert, edit, archive and restore, find, list with search and paging.

use chrono::{DateTime, Utc};
use farmstall_domain::{text, Farmer, FarmerDetails, Id, Origin};
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{
    self, contains_pattern, id_from_text, instant_from_text, instant_to_text, pinyin_pattern,
    Archivable, ListFilter, Page,
};
use crate::{Result, StoreError};

const ENTITY: &str = "farmer";
const COLUMNS: &str =
    "id, name, village, phone, payment_notes, remarks, archived_at, created_at, updated_at";

fn snapshot(farmer: &Farmer) -> serde_json::Value {
    json!({
        "name": farmer.details.name,
        "village": farmer.details.village,
        "phone": farmer.details.phone,
        "paymentNotes": farmer.details.payment_notes,
        "remarks": farmer.details.remarks,
        "archivedAt": farmer.archived_at.map(instant_to_text),
    })
}

type RawFarmer = (String, [String; 5], Option<String>, String, String);

fn raw(r: &Row<'_>) -> rusqlite::Result<RawFarmer> {
    Ok((
        r.get(0)?,
        [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?],
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn cook(
    (id, [name, village, phone, payment_notes, remarks], archived, created, updated): RawFarmer,
) -> Result<Farmer> {
    Ok(Farmer {
        id: id_from_text(&id)?,
        details: FarmerDetails {
            name,
            village,
            phone,
            payment_notes,
            remarks,
        },
        archived_at: archived.as_deref().map(instant_from_text).transpose()?,
        created_at: instant_from_text(&created)?,
        updated_at: instant_from_text(&updated)?,
    })
}

/// Adds a new farmer.
pub fn insert(
    conn: &Connection,
    details: &FarmerDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Farmer> {
    let farmer = Farmer {
        id: Id::generate(),
        details: details.clone(),
        archived_at: None,
        created_at: at,
        updated_at: at,
    };
    crate::sql::run(conn,
        "INSERT INTO farmers (id, name, village, phone, payment_notes, remarks, sort_key, search_key,
                              archived_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?8, ?9, NULL, ?7, ?7)",
        (
            farmer.id.to_string(),
            &details.name,
            &details.village,
            &details.phone,
            &details.payment_notes,
            &details.remarks,
            instant_to_text(at),
            text::sort_key(&details.name),
            text::search_key(&details.name),
        ),
    )?;
    changes::record(
        conn,
        at,
        origin,
        ENTITY,
        &farmer.id.to_string(),
        Action::Create,
        &snapshot(&farmer),
    )?;
    Ok(farmer)
}

/// Replaces a farmer's details.
pub fn update(
    conn: &Connection,
    id: Id,
    details: &FarmerDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Farmer> {
    let changed = crate::sql::run(conn,
        "UPDATE farmers SET name = ?2, village = ?3, phone = ?4, payment_notes = ?5, remarks = ?6, updated_at = ?7,
                            sort_key = ?8, search_key = ?9
         WHERE id = ?1",
        (
            id.to_string(),
            &details.name,
            &details.village,
            &details.phone,
            &details.payment_notes,
            &details.remarks,
            instant_to_text(at),
            text::sort_key(&details.name),
            text::search_key(&details.name),
        ),
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    let farmer = get(conn, id)?;
    changes::record(
        conn,
        at,
        origin,
        ENTITY,
        &id.to_string(),
        Action::Update,
        &snapshot(&farmer),
    )?;
    Ok(farmer)
}

const ARCHIVABLE: Archivable<Farmer> = Archivable {
    table: "farmers",
    entity: ENTITY,
    get,
    archived_at: |r| r.archived_at,
    snapshot,
};

/// Archives (`archived` true) or restores a farmer. Doing it twice changes nothing.
pub fn set_archived(
    conn: &Connection,
    id: Id,
    archived: bool,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Farmer> {
    sql::set_archived(conn, &ARCHIVABLE, id, archived, at, origin)
}

fn not_found(id: Id) -> StoreError {
    StoreError::NotFound {
        entity: ENTITY,
        id: id.to_string(),
    }
}

pub fn get(conn: &Connection, id: Id) -> Result<Farmer> {
    let sql = format!("SELECT {COLUMNS} FROM farmers WHERE id = ?1");
    sql::get_one(conn, &sql, ENTITY, id, raw, cook)
}

/// An active farmer with this name in this village, other than `except`.
pub fn find_active_namesake(
    conn: &Connection,
    name: &str,
    village: &str,
    except: Option<Id>,
) -> Result<Option<Id>> {
    let found: Option<String> = conn
        .query_row(
            "SELECT id FROM farmers WHERE name = ?1 AND village = ?2 AND archived_at IS NULL AND id IS NOT ?3",
            (name, village, except.map(|id| id.to_string())),
            |r| r.get(0),
        )
        .optional()?;
    found.map(|id| id_from_text(&id)).transpose()
}

/// Farmers matching the filter: active ones first, then in pinyin order of the name. Search looks
/// at name (also as pinyin or its initials: "wdg" finds 王德贵), village, phone and remarks.
pub fn list(conn: &Connection, filter: &ListFilter) -> Result<Page<Farmer>> {
    let pattern = contains_pattern(filter.search.trim());
    let pinyin = pinyin_pattern(&filter.search);
    // No `LIKE '%%'` on every row when there is nothing to find.
    let searching = !filter.search.trim().is_empty();
    let search = if searching {
        "(name LIKE :pattern ESCAPE '\\' OR village LIKE :pattern ESCAPE '\\'
          OR phone LIKE :pattern ESCAPE '\\' OR remarks LIKE :pattern ESCAPE '\\'
          OR search_key LIKE :pinyin ESCAPE '\\')"
    } else {
        "1"
    };
    let condition = format!("(:all OR archived_at IS NULL) AND {search}");
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":all", &filter.include_archived)];
    if searching {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    let total: i64 = crate::sql::one(
        conn,
        &format!("SELECT count(*) FROM farmers WHERE {condition}"),
        params.as_slice(),
        |r| r.get(0),
    )?;
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM farmers WHERE {condition}
         ORDER BY archived_at IS NOT NULL, sort_key, id LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(params.as_slice(), raw)?;
    let mut items = Vec::new();
    for row in rows {
        items.push(cook(row?)?);
    }
    Ok(Page { items, total })
}
