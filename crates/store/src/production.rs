//! Recipes and production runs.
//!
//! A recipe is a plain record that can be edited (its inputs are replaced as a whole); a run is
//! history: it is written once, and what it consumed is in the stock ledger (`produce_out` rows with
//! the run's id as `ref`), so editing a recipe never changes a past run.

use chrono::{DateTime, NaiveDate, Utc};
use farmstall_domain::{text, Id, Origin};
use rusqlite::{Connection, OptionalExtension, Row};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{
    self, contains_pattern, id_from_text, instant_from_text, instant_to_text, pinyin_pattern,
    Archivable, ListFilter, Page,
};
use crate::stock::date_text;
use crate::{Result, StoreError};

/// A recipe as a person wrote it, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeDetails {
    pub name: String,
    pub output_product: Id,
    /// Thousandths of the output product's stock unit made by one batch of the inputs.
    pub output_milli: i64,
    pub shelf_life_days: Option<u32>,
    pub note: String,
    /// (product, thousandths of its stock unit) per batch, in the order written.
    pub inputs: Vec<(Id, i64)>,
}

/// One input of a stored recipe, with its product's name and unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeInputRow {
    pub product: Id,
    pub product_name: String,
    pub stock_unit: String,
    pub quantity_milli: i64,
}

/// A stored recipe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecipeRow {
    pub id: Id,
    pub name: String,
    pub output_product: Id,
    pub output_product_name: String,
    pub output_unit: String,
    pub output_milli: i64,
    pub shelf_life_days: Option<u32>,
    /// The output product's own shelf life, used when the recipe sets none.
    pub product_shelf_life_days: Option<u32>,
    pub note: String,
    pub inputs: Vec<RecipeInputRow>,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const RECIPE_SELECT: &str =
    "SELECT r.id, r.name, r.output_product_id, p.name_zh, p.stock_unit, r.output_milli, r.shelf_life_days,
            p.shelf_life_days, r.note, r.archived_at, r.created_at, r.updated_at
     FROM recipes r JOIN products p ON p.id = r.output_product_id";

type RawRecipe = (
    [String; 5],
    i64,
    [Option<u32>; 2],
    String,
    Option<String>,
    [String; 2],
);

fn raw_recipe(r: &Row<'_>) -> rusqlite::Result<RawRecipe> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
        r.get(5)?,
        [r.get(6)?, r.get(7)?],
        r.get(8)?,
        r.get(9)?,
        [r.get(10)?, r.get(11)?],
    ))
}

fn cook_recipe(raw: RawRecipe) -> Result<RecipeRow> {
    let (
        [id, name, output, output_name, output_unit],
        output_milli,
        [shelf, product_shelf],
        note,
        archived,
        [created, updated],
    ) = raw;
    Ok(RecipeRow {
        id: id_from_text(&id)?,
        name,
        output_product: id_from_text(&output)?,
        output_product_name: output_name,
        output_unit,
        output_milli,
        shelf_life_days: shelf,
        product_shelf_life_days: product_shelf,
        note,
        inputs: Vec::new(),
        archived_at: archived.as_deref().map(instant_from_text).transpose()?,
        created_at: instant_from_text(&created)?,
        updated_at: instant_from_text(&updated)?,
    })
}

/// Fills in the inputs of `recipes` with one query.
fn with_inputs(conn: &Connection, mut recipes: Vec<RecipeRow>) -> Result<Vec<RecipeRow>> {
    sql::fill_children(
        conn,
        &mut recipes,
        |r| r.id,
        "SELECT i.recipe_id, i.product_id, p.name_zh, p.stock_unit, i.quantity_milli
         FROM recipe_inputs i JOIN products p ON p.id = i.product_id
         WHERE i.recipe_id IN (SELECT value FROM json_each(?1))
         ORDER BY i.recipe_id, i.line_no",
        |r| {
            Ok((
                [r.get::<_, String>(1)?, r.get(2)?, r.get(3)?],
                r.get::<_, i64>(4)?,
            ))
        },
        |recipe, ([product, product_name, stock_unit], quantity_milli)| {
            recipe.inputs.push(RecipeInputRow {
                product: id_from_text(&product)?,
                product_name,
                stock_unit,
                quantity_milli,
            });
            Ok(())
        },
    )?;
    Ok(recipes)
}

pub fn get_recipe(conn: &Connection, id: Id) -> Result<RecipeRow> {
    let sql = format!("{RECIPE_SELECT} WHERE r.id = ?1");
    let head = sql::get_one(conn, &sql, "recipe", id, raw_recipe, cook_recipe)?;
    Ok(with_inputs(conn, vec![head])?.remove(0))
}

fn snapshot(r: &RecipeRow) -> serde_json::Value {
    json!({
        "name": r.name,
        "outputProductId": r.output_product.to_string(),
        "outputMilli": r.output_milli,
        "shelfLifeDays": r.shelf_life_days,
        "inputs": r.inputs.iter().map(|i| json!([i.product.to_string(), i.quantity_milli])).collect::<Vec<_>>(),
        "archivedAt": r.archived_at.map(instant_to_text),
    })
}

fn write_inputs(conn: &Connection, id: Id, inputs: &[(Id, i64)]) -> Result<()> {
    crate::sql::run(
        conn,
        "DELETE FROM recipe_inputs WHERE recipe_id = ?1",
        [id.to_string()],
    )?;
    for (line_no, (product, milli)) in inputs.iter().enumerate() {
        crate::sql::run(conn,
            "INSERT INTO recipe_inputs (recipe_id, line_no, product_id, quantity_milli) VALUES (?1, ?2, ?3, ?4)",
            rusqlite::params![
                id.to_string(),
                i64::try_from(line_no).unwrap_or(i64::MAX),
                product.to_string(),
                milli
            ],
        )?;
    }
    Ok(())
}

pub fn insert_recipe(
    conn: &Connection,
    d: &RecipeDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<RecipeRow> {
    let id = Id::generate();
    let stamp = instant_to_text(at);
    crate::sql::run(conn,
        "INSERT INTO recipes (id, name, output_product_id, output_milli, shelf_life_days, note, sort_key,
                              search_key, archived_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, ?9, ?9)",
        rusqlite::params![
            id.to_string(),
            d.name,
            d.output_product.to_string(),
            d.output_milli,
            d.shelf_life_days,
            d.note,
            text::sort_key(&d.name),
            text::search_key(&d.name),
            stamp,
        ],
    )?;
    write_inputs(conn, id, &d.inputs)?;
    let recipe = get_recipe(conn, id)?;
    changes::record(
        conn,
        at,
        origin,
        "recipe",
        &id.to_string(),
        Action::Create,
        &snapshot(&recipe),
    )?;
    Ok(recipe)
}

pub fn update_recipe(
    conn: &Connection,
    id: Id,
    d: &RecipeDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<RecipeRow> {
    let changed = crate::sql::run(conn,
        "UPDATE recipes SET name = ?2, output_product_id = ?3, output_milli = ?4, shelf_life_days = ?5,
                            note = ?6, sort_key = ?7, search_key = ?8, updated_at = ?9
         WHERE id = ?1",
        rusqlite::params![
            id.to_string(),
            d.name,
            d.output_product.to_string(),
            d.output_milli,
            d.shelf_life_days,
            d.note,
            text::sort_key(&d.name),
            text::search_key(&d.name),
            instant_to_text(at),
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::NotFound {
            entity: "recipe",
            id: id.to_string(),
        });
    }
    write_inputs(conn, id, &d.inputs)?;
    let recipe = get_recipe(conn, id)?;
    changes::record(
        conn,
        at,
        origin,
        "recipe",
        &id.to_string(),
        Action::Update,
        &snapshot(&recipe),
    )?;
    Ok(recipe)
}

const ARCHIVABLE: Archivable<RecipeRow> = Archivable {
    table: "recipes",
    entity: "recipe",
    get: get_recipe,
    archived_at: |r| r.archived_at,
    snapshot,
};

/// Archives (`archived` true) or restores a recipe. Doing it twice changes nothing.
pub fn set_recipe_archived(
    conn: &Connection,
    id: Id,
    archived: bool,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<RecipeRow> {
    sql::set_archived(conn, &ARCHIVABLE, id, archived, at, origin)
}

/// Another active recipe with this name, if there is one.
pub fn find_active_recipe_namesake(
    conn: &Connection,
    name: &str,
    except: Option<Id>,
) -> Result<Option<Id>> {
    let id: Option<String> = conn
        .query_row(
            "SELECT id FROM recipes WHERE name = ?1 AND archived_at IS NULL AND id IS NOT ?2",
            (name, except.map(|e| e.to_string())),
            |r| r.get(0),
        )
        .optional()?;
    id.as_deref().map(id_from_text).transpose()
}

/// Recipes by pinyin; search by recipe name or the output product's name.
pub fn list_recipes(conn: &Connection, filter: &ListFilter) -> Result<Page<RecipeRow>> {
    // No `LIKE '%%'` on every row when there is nothing to find.
    let searching = !filter.search.trim().is_empty();
    let search = if searching {
        "(r.name LIKE :pattern ESCAPE '\\' OR r.search_key LIKE :pinyin ESCAPE '\\'
          OR p.name_zh LIKE :pattern ESCAPE '\\')"
    } else {
        "1"
    };
    let condition = format!("(:all OR r.archived_at IS NULL) AND {search}");
    let (pattern, pinyin) = (
        contains_pattern(filter.search.trim()),
        pinyin_pattern(&filter.search),
    );
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = vec![(":all", &filter.include_archived)];
    if searching {
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
    }
    let total: i64 = crate::sql::one(conn,
        &format!("SELECT count(*) FROM recipes r JOIN products p ON p.id = r.output_product_id WHERE {condition}"),
        params.as_slice(),
        |r| r.get(0),
    )?;
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let mut stmt = conn.prepare_cached(&format!(
        "{RECIPE_SELECT} WHERE {condition}
         ORDER BY r.archived_at IS NOT NULL, r.sort_key, r.id LIMIT :limit OFFSET :offset"
    ))?;
    let heads = stmt
        .query_map(params.as_slice(), raw_recipe)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = heads
        .into_iter()
        .map(cook_recipe)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page {
        items: with_inputs(conn, items)?,
        total,
    })
}

/// A production run to record (its movements are posted by the caller, in the same transaction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRun {
    pub id: Id,
    pub recipe: Id,
    pub produced_on: NaiveDate,
    pub output_lot: Id,
    pub inputs_cost_fen: i64,
    pub labour_fen: i64,
    pub note: String,
}

pub fn insert_run(
    conn: &Connection,
    run: &NewRun,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(conn,
        "INSERT INTO production_runs (id, recipe_id, produced_on, output_lot_id, inputs_cost_fen, labour_fen,
                                      note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        rusqlite::params![
            run.id.to_string(),
            run.recipe.to_string(),
            date_text(run.produced_on),
            run.output_lot.to_string(),
            run.inputs_cost_fen,
            run.labour_fen,
            run.note,
            instant_to_text(at),
        ],
    )?;
    changes::record(
        conn,
        at,
        origin,
        "production_run",
        &run.id.to_string(),
        Action::Create,
        &json!({
            "recipeId": run.recipe.to_string(),
            "producedOn": date_text(run.produced_on),
            "outputLotId": run.output_lot.to_string(),
            "inputsCostFen": run.inputs_cost_fen,
            "labourFen": run.labour_fen,
        }),
    )?;
    Ok(())
}

/// What a run took from one lot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunTake {
    pub lot: Id,
    pub product: Id,
    pub product_name: String,
    pub stock_unit: String,
    pub milli: i64,
    pub cost_fen: i64,
}

/// A recorded run, with what it took (from the ledger) and the lot it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub id: Id,
    pub recipe: Id,
    pub recipe_name: String,
    pub produced_on: NaiveDate,
    pub output_lot: Id,
    pub inputs_cost_fen: i64,
    pub labour_fen: i64,
    pub note: String,
    pub takes: Vec<RunTake>,
}

const RUN_SELECT: &str =
    "SELECT pr.id, pr.recipe_id, r.name, pr.produced_on, pr.output_lot_id, pr.inputs_cost_fen, pr.labour_fen, pr.note
     FROM production_runs pr JOIN recipes r ON r.id = pr.recipe_id";

type RawRun = ([String; 5], i64, i64, String);

fn raw_run(r: &Row<'_>) -> rusqlite::Result<RawRun> {
    Ok((
        [r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
    ))
}

fn cook_run(raw: RawRun) -> Result<RunRow> {
    let ([id, recipe, recipe_name, produced_on, lot], inputs_cost_fen, labour_fen, note) = raw;
    Ok(RunRow {
        id: id_from_text(&id)?,
        recipe: id_from_text(&recipe)?,
        recipe_name,
        produced_on: chrono::NaiveDate::parse_from_str(&produced_on, "%Y-%m-%d")
            .map_err(|_| StoreError::BadData(format!("not a date: {produced_on:?}")))?,
        output_lot: id_from_text(&lot)?,
        inputs_cost_fen,
        labour_fen,
        note,
        takes: Vec::new(),
    })
}

/// Fills in what each run took, from its `produce_out` ledger rows.
fn with_takes(conn: &Connection, mut runs: Vec<RunRow>) -> Result<Vec<RunRow>> {
    sql::fill_children(
        conn,
        &mut runs,
        |r| r.id,
        "SELECT s.ref, s.lot_id, l.product_id, p.name_zh, p.stock_unit, -s.on_hand_milli, -s.cost_fen
         FROM stock_ledger s JOIN lots l ON l.id = s.lot_id JOIN products p ON p.id = l.product_id
         WHERE s.ref IN (SELECT value FROM json_each(?1)) AND s.kind = 'produce_out'
         ORDER BY s.ref, s.seq",
        |r| {
            Ok((
                [r.get::<_, String>(1)?, r.get(2)?, r.get(3)?, r.get(4)?],
                [r.get::<_, i64>(5)?, r.get(6)?],
            ))
        },
        |run, ([lot, product, product_name, stock_unit], [milli, cost_fen])| {
            run.takes.push(RunTake {
                lot: id_from_text(&lot)?,
                product: id_from_text(&product)?,
                product_name,
                stock_unit,
                milli,
                cost_fen,
            });
            Ok(())
        },
    )?;
    Ok(runs)
}

pub fn get_run(conn: &Connection, id: Id) -> Result<RunRow> {
    let sql = format!("{RUN_SELECT} WHERE pr.id = ?1");
    let head = sql::get_one(conn, &sql, "production run", id, raw_run, cook_run)?;
    Ok(with_takes(conn, vec![head])?.remove(0))
}

/// Runs, newest first; search by recipe name.
pub fn list_runs(conn: &Connection, filter: &ListFilter) -> Result<Page<RunRow>> {
    let (pattern, pinyin) = (
        contains_pattern(filter.search.trim()),
        pinyin_pattern(&filter.search),
    );
    let mut params: Vec<(&str, &dyn rusqlite::ToSql)> = Vec::new();
    // Without a search: every run, counted by the trigger-kept count (migration 0013), and no
    // `LIKE '%%'` on every row; the first page then costs the same after years of runs.
    let (condition, total) = if filter.search.trim().is_empty() {
        ("1", crate::sql::kept_count(conn, "production_runs")?)
    } else {
        let condition =
            "(r.name LIKE :pattern ESCAPE '\\' OR r.search_key LIKE :pinyin ESCAPE '\\')";
        params.push((":pattern", &pattern));
        params.push((":pinyin", &pinyin));
        let total = crate::sql::one(conn,
            &format!("SELECT count(*) FROM production_runs pr JOIN recipes r ON r.id = pr.recipe_id WHERE {condition}"),
            params.as_slice(),
            |r| r.get(0),
        )?;
        (condition, total)
    };
    params.push((":limit", &filter.limit));
    params.push((":offset", &filter.offset));
    let mut stmt = conn.prepare_cached(&format!(
        "{RUN_SELECT} WHERE {condition} ORDER BY pr.produced_on DESC, pr.id DESC LIMIT :limit OFFSET :offset"
    ))?;
    let heads = stmt
        .query_map(params.as_slice(), raw_run)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let items = heads
        .into_iter()
        .map(cook_run)
        .collect::<Result<Vec<_>>>()?;
    Ok(Page {
        items: with_takes(conn, items)?,
        total,
    })
}
