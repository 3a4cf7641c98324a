//! Products: insert, edit, archive and restore, find, list with search and paging.

use chrono::{DateTime, Utc};
use farmstall_domain::{text, Id, Money, Origin, Product, ProductDetails, ProductKind, Unit};
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{
    self, contains_pattern, id_from_text, instant_from_text, instant_to_text, pinyin_pattern,
    Archivable, ListFilter, Page,
};
use crate::{Result, StoreError};

const ENTITY: &str = "product";
const COLUMNS: &str =
    "id, name_zh, name_en, sale_unit, stock_unit, shelf_life_days, price_fen, weight_grams,
                       archived_at, created_at, updated_at, kind, reorder_point_milli, barcode";

fn snapshot(product: &Product) -> serde_json::Value {
    let d = &product.details;
    json!({
        "nameZh": d.name_zh,
        "nameEn": d.name_en,
        "saleUnit": d.sale_unit.code(),
        "stockUnit": d.stock_unit.code(),
        "shelfLifeDays": d.shelf_life_days,
        "priceFen": d.price.fen(),
        "weightGrams": d.weight_grams,
        "kind": d.kind.code(),
        "reorderPointMilli": d.reorder_point_milli,
        "barcode": d.barcode,
        "archivedAt": product.archived_at.map(instant_to_text),
    })
}

struct RawProduct {
    id: String,
    name_zh: String,
    name_en: Option<String>,
    sale_unit: String,
    stock_unit: String,
    shelf_life_days: Option<u32>,
    price_fen: i64,
    weight_grams: Option<i64>,
    archived_at: Option<String>,
    created_at: String,
    updated_at: String,
    kind: String,
    reorder_point_milli: Option<i64>,
    barcode: Option<String>,
}

fn raw(r: &Row<'_>) -> rusqlite::Result<RawProduct> {
    Ok(RawProduct {
        id: r.get(0)?,
        name_zh: r.get(1)?,
        name_en: r.get(2)?,
        sale_unit: r.get(3)?,
        stock_unit: r.get(4)?,
        shelf_life_days: r.get(5)?,
        price_fen: r.get(6)?,
        weight_grams: r.get(7)?,
        archived_at: r.get(8)?,
        created_at: r.get(9)?,
        updated_at: r.get(10)?,
        kind: r.get(11)?,
        reorder_point_milli: r.get(12)?,
        barcode: r.get(13)?,
    })
}

fn unit(code: &str) -> Result<Unit> {
    Unit::parse(code).map_err(|e| StoreError::BadData(e.to_string()))
}

fn cook(raw: RawProduct) -> Result<Product> {
    Ok(Product {
        id: id_from_text(&raw.id)?,
        details: ProductDetails {
            name_zh: raw.name_zh,
            name_en: raw.name_en,
            sale_unit: unit(&raw.sale_unit)?,
            stock_unit: unit(&raw.stock_unit)?,
            shelf_life_days: raw.shelf_life_days,
            price: Money::from_fen(raw.price_fen),
            weight_grams: raw.weight_grams,
            kind: ProductKind::parse(&raw.kind).ok_or_else(|| {
                StoreError::BadData(format!("unknown product kind {:?}", raw.kind))
            })?,
            reorder_point_milli: raw.reorder_point_milli,
            barcode: raw.barcode,
        },
        archived_at: raw
            .archived_at
            .as_deref()
            .map(instant_from_text)
            .transpose()?,
        created_at: instant_from_text(&raw.created_at)?,
        updated_at: instant_from_text(&raw.updated_at)?,
    })
}

/// Adds a new product.
pub fn insert(
    conn: &Connection,
    details: &ProductDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Product> {
    let product = Product {
        id: Id::generate(),
        details: details.clone(),
        archived_at: None,
        created_at: at,
        updated_at: at,
    };
    crate::sql::run(conn,
        "INSERT INTO products (id, name_zh, name_en, sale_unit, stock_unit, shelf_life_days, price_fen,
                               weight_grams, sort_key, search_key, archived_at, created_at, updated_at,
                               kind, reorder_point_milli, barcode)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?10, ?11, NULL, ?9, ?9, ?12, ?13, ?14)",
        rusqlite::params![
            product.id.to_string(),
            details.name_zh,
            details.name_en,
            details.sale_unit.code(),
            details.stock_unit.code(),
            details.shelf_life_days,
            details.price.fen(),
            details.weight_grams,
            instant_to_text(at),
            text::sort_key(&details.name_zh),
            text::search_key(&details.name_zh),
            details.kind.code(),
            details.reorder_point_milli,
            details.barcode,
        ],
    )?;
    changes::record(
        conn,
        at,
        origin,
        ENTITY,
        &product.id.to_string(),
        Action::Create,
        &snapshot(&product),
    )?;
    Ok(product)
}

/// Replaces a product's details.
pub fn update(
    conn: &Connection,
    id: Id,
    details: &ProductDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Product> {
    let changed = crate::sql::run(conn,
        "UPDATE products SET name_zh = ?2, name_en = ?3, sale_unit = ?4, stock_unit = ?5, shelf_life_days = ?6,
                             price_fen = ?7, weight_grams = ?8, updated_at = ?9, sort_key = ?10, search_key = ?11,
                             kind = ?12, reorder_point_milli = ?13, barcode = ?14
         WHERE id = ?1",
        rusqlite::params![
            id.to_string(),
            details.name_zh,
            details.name_en,
            details.sale_unit.code(),
            details.stock_unit.code(),
            details.shelf_life_days,
            details.price.fen(),
            details.weight_grams,
            instant_to_text(at),
            text::sort_key(&details.name_zh),
            text::search_key(&details.name_zh),
            details.kind.code(),
            details.reorder_point_milli,
            details.barcode,
        ],
    )?;
    if changed == 0 {
        return Err(not_found(id));
    }
    let product = get(conn, id)?;
    changes::record(
        conn,
        at,
        origin,
        ENTITY,
        &id.to_string(),
        Action::Update,
        &snapshot(&product),
    )?;
    Ok(product)
}

const ARCHIVABLE: Archivable<Product> = Archivable {
    table: "products",
    entity: ENTITY,
    get,
    archived_at: |r| r.archived_at,
    snapshot,
};

/// Archives (`archived` true) or restores a product. Doing it twice changes nothing.
pub fn set_archived(
    conn: &Connection,
    id: Id,
    archived: bool,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<Product> {
    sql::set_archived(conn, &ARCHIVABLE, id, archived, at, origin)
}

fn not_found(id: Id) -> StoreError {
    StoreError::NotFound {
        entity: ENTITY,
        id: id.to_string(),
    }
}

pub fn get(conn: &Connection, id: Id) -> Result<Product> {
    let sql = format!("SELECT {COLUMNS} FROM products WHERE id = ?1");
    sql::get_one(conn, &sql, ENTITY, id, raw, cook)
}

/// An active product with this Chinese name, other than `except`.
pub fn find_active_namesake(
    conn: &Connection,
    name_zh: &str,
    except: Option<Id>,
) -> Result<Option<Id>> {
    let found: Option<String> = conn
        .query_row(
            "SELECT id FROM products WHERE name_zh = ?1 AND archived_at IS NULL AND id IS NOT ?2",
            (name_zh, except.map(|id| id.to_string())),
            |r| r.get(0),
        )
        .optional()?;
    found.map(|id| id_from_text(&id)).transpose()
}

/// Products matching the filter: active ones first, then in pinyin order of the Chinese name.
/// Search looks at both names (English case-insensitively) and the pinyin of the Chinese name.
pub fn list(conn: &Connection, filter: &ListFilter) -> Result<Page<Product>> {
    let pattern = contains_pattern(filter.search.trim());
    let pinyin = pinyin_pattern(&filter.search);
    // No `LIKE '%%'` on every row when there is nothing to find.
    let searching = !filter.search.trim().is_empty();
    let search = if searching {
        "(name_zh LIKE :pattern ESCAPE '\\' OR coalesce(name_en, '') LIKE :pattern ESCAPE '\\'
          OR search_key LIKE :pinyin ESCAPE '\\')"
    } else {
        "1"
    };
    let condition =
        format!("(:all OR archived_at IS NULL) AND {search} AND (:kind IS NULL OR kind = :kind)");
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> =
        vec![(":all", &filter.include_archived), (":kind", &filter.kind)];
    if searching {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    let total: i64 = crate::sql::one(
        conn,
        &format!("SELECT count(*) FROM products WHERE {condition}"),
        params.as_slice(),
        |r| r.get(0),
    )?;
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM products WHERE {condition}
         ORDER BY archived_at IS NOT NULL, sort_key, id LIMIT :limit OFFSET :offset"
    ))?;
    let rows = stmt.query_map(params.as_slice(), raw)?;
    let mut items = Vec::new();
    for row in rows {
        items.push(cook(row?)?);
    }
    Ok(Page { items, total })
}

/// The product with this barcode other than `except`, if any (archived ones too: a code is
/// printed on stock that may still be around).
pub fn find_by_barcode(
    conn: &Connection,
    barcode: &str,
    except: Option<Id>,
) -> Result<Option<Product>> {
    let sql = format!("SELECT {COLUMNS} FROM products WHERE barcode = ?1 AND id IS NOT ?2");
    let raw = conn
        .query_row(&sql, (barcode, except.map(|id| id.to_string())), raw)
        .optional()?;
    raw.map(cook).transpose()
}
