//! Use cases: recipes and production runs (tofu from soybeans, pepper oil from chillies and oil).
//!
//! A run takes each input from its lots first-expiry-first-out (each lot's own cost leaves with
//! it) and makes one new lot whose cost is the inputs' cost plus labour; its best-before is the
//! run's date plus the recipe's shelf life (or the product's). Planning a run is the same
//! computation without writing, so the form can show what will be taken before anything is.

use chrono::{Duration, NaiveDate};
use farmstall_domain::fefo::{allocate, cost_out, Expired};
use farmstall_domain::production::{scale, unit_cost_e4};
use farmstall_domain::validate::{
    money_not_negative, optional_date, optional_text, positive_quantity, positive_whole,
    required_text, LONG_TEXT, SHORT_TEXT,
};
use farmstall_domain::{Checker, FieldError, Id, Money, Quantity, Rule, Unit};
use farmstall_store::production::{self, NewRun, RecipeDetails, RecipeRow, RunRow};
use farmstall_store::products;
use farmstall_store::rusqlite::Connection;
use farmstall_store::stock::{self, MadeLot, Movement};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::{instant, ListQuery};
use crate::farmers::parse_id;
use crate::stock::{e4_text, lookup_required, lot_dto, milli_text, LotDto};
use crate::{App, AppError, Result};

/// One input of a recipe or a run as typed: a product and a quantity in its stock unit.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct InputLine {
    pub product_id: String,
    pub quantity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RecipeInput {
    pub name: String,
    pub output_product_id: String,
    /// What one batch of the inputs makes, in the output product's stock unit.
    pub output_quantity: String,
    /// Whole days; empty = the output product's shelf life.
    pub shelf_life_days: String,
    pub note: String,
    /// Per batch, each in its product's stock unit.
    pub inputs: Vec<InputLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecipeIngredient {
    pub product_id: String,
    pub product_name: String,
    pub stock_unit: String,
    pub quantity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Recipe")]
pub struct RecipeDto {
    pub id: String,
    pub name: String,
    pub output_product_id: String,
    pub output_product_name: String,
    pub output_unit: String,
    pub output_quantity: String,
    /// As set on the recipe; `null` = the product's.
    pub shelf_life_days: Option<u32>,
    /// What a run's best-before is computed from; `null` when the output keeps.
    pub effective_shelf_life_days: Option<u32>,
    pub note: String,
    pub inputs: Vec<RecipeIngredient>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RecipePage {
    pub items: Vec<RecipeDto>,
    pub total: u32,
}

fn recipe_dto(r: &RecipeRow) -> RecipeDto {
    RecipeDto {
        id: r.id.to_string(),
        name: r.name.clone(),
        output_product_id: r.output_product.to_string(),
        output_product_name: r.output_product_name.clone(),
        output_unit: r.output_unit.clone(),
        output_quantity: milli_text(r.output_milli),
        shelf_life_days: r.shelf_life_days,
        effective_shelf_life_days: r.shelf_life_days.or(r.product_shelf_life_days),
        note: r.note.clone(),
        inputs: r
            .inputs
            .iter()
            .map(|i| RecipeIngredient {
                product_id: i.product.to_string(),
                product_name: i.product_name.clone(),
                stock_unit: i.stock_unit.clone(),
                quantity: milli_text(i.quantity_milli),
            })
            .collect(),
        archived: r.archived_at.is_some(),
        created_at: instant(r.created_at),
        updated_at: instant(r.updated_at),
    }
}

/// A run as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductionInput {
    pub recipe_id: String,
    /// How much was made, in the output product's stock unit.
    pub output_quantity: String,
    /// `YYYY-MM-DD`; empty = today.
    pub produced_on: String,
    /// Yuan, at most 2 decimals; empty = none.
    pub labour: String,
    pub note: String,
    /// What was really used, each in its product's stock unit; empty = the recipe scaled to the
    /// output quantity.
    pub inputs: Vec<InputLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedTake {
    pub lot_id: String,
    pub quantity: String,
    pub best_before: Option<String>,
    pub cost: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlannedInput {
    pub product_id: String,
    pub product_name: String,
    pub stock_unit: String,
    pub quantity: String,
    /// Available in lots that are not expired on the run's date.
    pub available: String,
    /// In lots that expired before the run's date: not used.
    pub expired: String,
    /// Not enough stock for this input.
    pub short: bool,
    pub takes: Vec<PlannedTake>,
    pub cost: String,
}

/// What a run would take and make, computed without writing anything.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductionPlan {
    pub recipe_id: String,
    pub recipe_name: String,
    pub output_product_name: String,
    pub output_unit: String,
    pub output_quantity: String,
    pub produced_on: String,
    pub best_before: Option<String>,
    pub inputs: Vec<PlannedInput>,
    pub inputs_cost: String,
    pub labour: String,
    pub total_cost: String,
    /// Yuan per output unit, at most 4 decimals.
    pub unit_cost: String,
    /// Some input is short: the run cannot be recorded as it stands.
    pub short: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RunTakeDto {
    pub lot_id: String,
    pub product_id: String,
    pub product_name: String,
    pub stock_unit: String,
    pub quantity: String,
    pub cost: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ProductionRun")]
pub struct ProductionRunDto {
    pub id: String,
    pub recipe_id: String,
    pub recipe_name: String,
    pub produced_on: String,
    /// What the run made, in the output's stock unit (the lot's on hand goes down as it sells).
    pub output_quantity: String,
    pub output_lot: LotDto,
    pub takes: Vec<RunTakeDto>,
    pub inputs_cost: String,
    pub labour: String,
    pub total_cost: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductionRunPage {
    pub items: Vec<ProductionRunDto>,
    pub total: u32,
}

/// A checked quantity of `unit`, in thousandths.
fn milli_of(field: &str, text: &str, unit: Unit) -> Result<i64, FieldError> {
    let quantity = positive_quantity(field, text)?;
    Quantity::new(quantity, unit).to_milli().map_err(|_| {
        FieldError::new(
            field,
            Rule::TooManyDecimals,
            format!("{field} has at most 3 decimal places"),
        )
        .with("max", "3")
    })
}

fn stock_unit_of(code: &str) -> Result<Unit> {
    Unit::parse(code).map_err(|e| AppError::Conflict(e.to_string()))
}

/// Checks a recipe as typed; every wrong field is reported at once.
fn check_recipe(conn: &Connection, input: &RecipeInput) -> Result<RecipeDetails> {
    let mut c = Checker::new();
    let name = c.check(required_text("name", &input.name, SHORT_TEXT));
    let output = lookup_required(
        conn,
        &mut c,
        "outputProductId",
        "product",
        &input.output_product_id,
        products::get,
        |p| p.archived_at.is_none(),
    )?;
    let output_milli = match &output {
        Some(p) => c.check(milli_of(
            "outputQuantity",
            &input.output_quantity,
            p.details.stock_unit,
        )),
        None => c.check(positive_quantity("outputQuantity", &input.output_quantity).map(|_| 0)),
    };
    let shelf_life_days = if input.shelf_life_days.trim().is_empty() {
        Some(None)
    } else {
        c.check(positive_whole(
            "shelfLifeDays",
            &input.shelf_life_days,
            farmstall_domain::product::MAX_SHELF_LIFE_DAYS,
        ))
        .map(Some)
    };
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    if input.inputs.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "inputs",
            Rule::Required,
            "a recipe needs at least one input",
        )));
    }
    let mut inputs = Vec::with_capacity(input.inputs.len());
    for (i, line) in input.inputs.iter().enumerate() {
        let field = |name: &str| format!("inputs.{i}.{name}");
        let product = lookup_required(
            conn,
            &mut c,
            &field("productId"),
            "product",
            &line.product_id,
            products::get,
            |p| p.archived_at.is_none(),
        )?;
        let Some(product) = product else {
            c.check(positive_quantity(&field("quantity"), &line.quantity));
            continue;
        };
        if output.as_ref().is_some_and(|o| o.id == product.id) {
            c.check::<()>(Err(FieldError::new(
                &field("productId"),
                Rule::RecipeUsesItsOutput,
                format!(
                    "{}: {} is what the recipe makes; it cannot also be an input",
                    field("productId"),
                    product.details.name_zh
                ),
            )));
        } else if inputs.iter().any(|(id, _)| *id == product.id) {
            c.check::<()>(Err(FieldError::new(
                &field("productId"),
                Rule::Duplicate,
                format!(
                    "{}: {} is already an input; put the whole quantity on one line",
                    field("productId"),
                    product.details.name_zh
                ),
            )));
        }
        if let Some(milli) = c.check(milli_of(
            &field("quantity"),
            &line.quantity,
            product.details.stock_unit,
        )) {
            inputs.push((product.id, milli));
        }
    }
    c.finish()?;
    let (Some(name), Some(output), Some(output_milli), Some(shelf_life_days), Some(note)) =
        (name, output, output_milli, shelf_life_days, note)
    else {
        return Err(AppError::Conflict("the recipe could not be checked".into()));
    };
    Ok(RecipeDetails {
        name,
        output_product: output.id,
        output_milli,
        shelf_life_days,
        note,
        inputs,
    })
}

fn duplicate_recipe(name: &str) -> AppError {
    AppError::from(FieldError::new(
        "name",
        Rule::Duplicate,
        format!(
            "a recipe named {name} already exists: edit that one, or give this one another name"
        ),
    ))
}

/// One input of a checked run: what to take from which lots.
struct InputPlan {
    product: Id,
    product_name: String,
    stock_unit: String,
    milli: i64,
    available_milli: i64,
    expired_milli: i64,
    /// Empty when short.
    takes: Vec<Take>,
}

/// What a run takes from one lot.
struct Take {
    lot: Id,
    best_before: Option<NaiveDate>,
    milli: i64,
    cost_fen: i64,
}

/// An input a run needs, before its lots are chosen.
struct Wanted {
    product: Id,
    product_name: String,
    stock_unit: String,
    milli: i64,
}

impl InputPlan {
    fn cost_fen(&self) -> i64 {
        self.takes.iter().map(|t| t.cost_fen).sum()
    }

    fn short(&self) -> bool {
        self.takes.is_empty()
    }
}

struct RunPlan {
    recipe: RecipeRow,
    produced_on: NaiveDate,
    output_milli: i64,
    labour_fen: i64,
    note: String,
    best_before: Option<NaiveDate>,
    inputs: Vec<InputPlan>,
}

impl RunPlan {
    fn inputs_cost_fen(&self) -> i64 {
        self.inputs.iter().map(InputPlan::cost_fen).sum()
    }
}

/// Checks a run as typed and plans each input FEFO on the run's date (expired lots are skipped).
fn plan_run(conn: &Connection, input: &ProductionInput, today: NaiveDate) -> Result<RunPlan> {
    let mut c = Checker::new();
    let recipe = lookup_required(
        conn,
        &mut c,
        "recipeId",
        "recipe",
        &input.recipe_id,
        production::get_recipe,
        |r| r.archived_at.is_none(),
    )?;
    let output_milli = match &recipe {
        Some(r) => c.check(milli_of(
            "outputQuantity",
            &input.output_quantity,
            stock_unit_of(&r.output_unit)?,
        )),
        None => c.check(positive_quantity("outputQuantity", &input.output_quantity).map(|_| 0)),
    };
    let produced_on = c
        .check(optional_date("producedOn", &input.produced_on))
        .map(|d| d.unwrap_or(today));
    let labour_fen = if input.labour.trim().is_empty() {
        Some(0)
    } else {
        c.check(money_not_negative("labour", &input.labour).map(|m| m.fen()))
    };
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    // The inputs as typed, or the recipe's scaled to what was made.
    let mut wanted: Vec<Wanted> = Vec::new();
    if let (Some(recipe), Some(output_milli)) = (&recipe, output_milli) {
        if input.inputs.is_empty() {
            for ing in &recipe.inputs {
                wanted.push(Wanted {
                    product: ing.product,
                    product_name: ing.product_name.clone(),
                    stock_unit: ing.stock_unit.clone(),
                    milli: scale(ing.quantity_milli, recipe.output_milli, output_milli),
                });
            }
        }
    }
    for (i, line) in input.inputs.iter().enumerate() {
        let field = |name: &str| format!("inputs.{i}.{name}");
        let Some(product) = lookup_required(
            conn,
            &mut c,
            &field("productId"),
            "product",
            &line.product_id,
            products::get,
            |_| true,
        )?
        else {
            continue;
        };
        if wanted.iter().any(|w| w.product == product.id) {
            c.check::<()>(Err(FieldError::new(
                &field("productId"),
                Rule::Duplicate,
                format!(
                    "{}: {} is already an input; put the whole quantity on one line",
                    field("productId"),
                    product.details.name_zh
                ),
            )));
            continue;
        }
        if recipe
            .as_ref()
            .is_some_and(|r| r.output_product == product.id)
        {
            c.check::<()>(Err(FieldError::new(
                &field("productId"),
                Rule::RecipeUsesItsOutput,
                format!(
                    "{}: {} is what the run makes; it cannot also be an input",
                    field("productId"),
                    product.details.name_zh
                ),
            )));
            continue;
        }
        if let Some(milli) = c.check(milli_of(
            &field("quantity"),
            &line.quantity,
            product.details.stock_unit,
        )) {
            wanted.push(Wanted {
                product: product.id,
                product_name: product.details.name_zh.clone(),
                stock_unit: product.details.stock_unit.code(),
                milli,
            });
        }
    }
    c.finish()?;
    let (Some(recipe), Some(output_milli), Some(produced_on), Some(labour_fen), Some(note)) =
        (recipe, output_milli, produced_on, labour_fen, note)
    else {
        return Err(AppError::Conflict("the run could not be checked".into()));
    };
    let mut inputs = Vec::with_capacity(wanted.len());
    for Wanted {
        product,
        product_name,
        stock_unit,
        milli,
    } in wanted
    {
        let lots = stock::fefo_lots(conn, product)?;
        let stocks: Vec<_> = lots.iter().map(|l| l.stock.clone()).collect();
        let (takes, available_milli, expired_milli) =
            match allocate(&stocks, milli, produced_on, Expired::Skip) {
                Ok(plan) => {
                    let expired: i64 = stocks
                        .iter()
                        .filter(|s| s.best_before.is_some_and(|d| d < produced_on))
                        .map(|s| s.available_milli)
                        .sum();
                    let available = stocks.iter().map(|s| s.available_milli).sum::<i64>() - expired;
                    let takes = plan
                        .takes
                        .iter()
                        .filter_map(|t| {
                            let lot = lots.iter().find(|l| l.stock.lot == t.lot)?;
                            Some(Take {
                                lot: t.lot,
                                best_before: lot.stock.best_before,
                                milli: t.milli,
                                cost_fen: cost_out(
                                    lot.cost_on_hand_fen,
                                    lot.on_hand_milli,
                                    t.milli,
                                ),
                            })
                        })
                        .collect();
                    (takes, available, expired)
                }
                Err(short) => (Vec::new(), short.available_milli, short.expired_milli),
            };
        inputs.push(InputPlan {
            product,
            product_name,
            stock_unit,
            milli,
            available_milli,
            expired_milli,
            takes,
        });
    }
    let best_before = recipe
        .shelf_life_days
        .or(recipe.product_shelf_life_days)
        .map(|days| produced_on + Duration::days(i64::from(days)));
    Ok(RunPlan {
        recipe,
        produced_on,
        output_milli,
        labour_fen,
        note,
        best_before,
        inputs,
    })
}

fn run_dto(run: &RunRow, lot: &stock::LotRow, today: NaiveDate) -> ProductionRunDto {
    ProductionRunDto {
        output_quantity: milli_text(lot.quantity_milli),
        id: run.id.to_string(),
        recipe_id: run.recipe.to_string(),
        recipe_name: run.recipe_name.clone(),
        produced_on: stock::date_text(run.produced_on),
        output_lot: lot_dto(lot, today),
        takes: run
            .takes
            .iter()
            .map(|t| RunTakeDto {
                lot_id: t.lot.to_string(),
                product_id: t.product.to_string(),
                product_name: t.product_name.clone(),
                stock_unit: t.stock_unit.clone(),
                quantity: milli_text(t.milli),
                cost: Money::from_fen(t.cost_fen).to_string(),
            })
            .collect(),
        inputs_cost: Money::from_fen(run.inputs_cost_fen).to_string(),
        labour: Money::from_fen(run.labour_fen).to_string(),
        total_cost: Money::from_fen(run.inputs_cost_fen + run.labour_fen).to_string(),
        note: run.note.clone(),
    }
}

impl App {
    pub fn list_recipes(&mut self, query: &ListQuery) -> Result<RecipePage> {
        let filter = App::filter(query);
        self.store.read(|tx| {
            let page = production::list_recipes(tx, &filter)?;
            Ok(RecipePage {
                items: page.items.iter().map(recipe_dto).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    pub fn get_recipe(&mut self, id: &str) -> Result<RecipeDto> {
        let id = parse_id(id)?;
        self.store
            .read(|tx| Ok(recipe_dto(&production::get_recipe(tx, id)?)))
    }

    pub fn create_recipe(&mut self, input: &RecipeInput) -> Result<RecipeDto> {
        let at = self.at();
        self.store.write(|tx| create_recipe_in(tx, at, input))
    }

    /// Replaces a recipe. Runs already recorded keep what they took.
    pub fn update_recipe(&mut self, id: &str, input: &RecipeInput) -> Result<RecipeDto> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            let current = production::get_recipe(tx, id)?;
            let details = check_recipe(tx, input)?;
            if current.archived_at.is_none()
                && production::find_active_recipe_namesake(tx, &details.name, Some(id))?.is_some()
            {
                return Err(duplicate_recipe(&details.name));
            }
            Ok(recipe_dto(&production::update_recipe(
                tx, id, &details, now, origin,
            )?))
        })
    }

    pub fn archive_recipe(&mut self, id: &str) -> Result<RecipeDto> {
        self.set_recipe_archived(id, true)
    }

    pub fn restore_recipe(&mut self, id: &str) -> Result<RecipeDto> {
        self.set_recipe_archived(id, false)
    }

    fn set_recipe_archived(&mut self, id: &str, archived: bool) -> Result<RecipeDto> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            let current = production::get_recipe(tx, id)?;
            if !archived
                && production::find_active_recipe_namesake(tx, &current.name, Some(id))?.is_some()
            {
                return Err(duplicate_recipe(&current.name));
            }
            Ok(recipe_dto(&production::set_recipe_archived(
                tx, id, archived, now, origin,
            )?))
        })
    }

    /// What a run would take from which lots and what its output would cost; writes nothing.
    pub fn plan_production(&mut self, input: &ProductionInput) -> Result<ProductionPlan> {
        let today = self.clock.today();
        self.store.read(|tx| {
            let plan = plan_run(tx, input, today)?;
            let inputs_cost = plan.inputs_cost_fen();
            let total = inputs_cost + plan.labour_fen;
            let short = plan.inputs.iter().any(InputPlan::short);
            Ok(ProductionPlan {
                recipe_id: plan.recipe.id.to_string(),
                recipe_name: plan.recipe.name.clone(),
                output_product_name: plan.recipe.output_product_name.clone(),
                output_unit: plan.recipe.output_unit.clone(),
                output_quantity: milli_text(plan.output_milli),
                produced_on: stock::date_text(plan.produced_on),
                best_before: plan.best_before.map(stock::date_text),
                inputs: plan
                    .inputs
                    .iter()
                    .map(|i| PlannedInput {
                        product_id: i.product.to_string(),
                        product_name: i.product_name.clone(),
                        stock_unit: i.stock_unit.clone(),
                        quantity: milli_text(i.milli),
                        available: milli_text(i.available_milli),
                        expired: milli_text(i.expired_milli),
                        short: i.short(),
                        takes: i
                            .takes
                            .iter()
                            .map(|t| PlannedTake {
                                lot_id: t.lot.to_string(),
                                quantity: milli_text(t.milli),
                                best_before: t.best_before.map(stock::date_text),
                                cost: Money::from_fen(t.cost_fen).to_string(),
                            })
                            .collect(),
                        cost: Money::from_fen(i.cost_fen()).to_string(),
                    })
                    .collect(),
                inputs_cost: Money::from_fen(inputs_cost).to_string(),
                labour: Money::from_fen(plan.labour_fen).to_string(),
                total_cost: Money::from_fen(total).to_string(),
                unit_cost: if short {
                    String::new()
                } else {
                    e4_text(unit_cost_e4(total, plan.output_milli))
                },
                short,
            })
        })
    }

    /// Records a production run: inputs leave their lots FEFO, the output becomes a new lot.
    pub fn record_production(&mut self, input: &ProductionInput) -> Result<ProductionRunDto> {
        let at = self.at();
        self.store.write(|tx| record_production_in(tx, at, input))
    }

    /// Production runs, newest first.
    pub fn list_production_runs(&mut self, query: &ListQuery) -> Result<ProductionRunPage> {
        let filter = App::filter(query);
        let today = self.clock.today();
        self.store.read(|tx| {
            let page = production::list_runs(tx, &filter)?;
            let mut items = Vec::with_capacity(page.items.len());
            for run in &page.items {
                items.push(run_dto(run, &stock::get_lot(tx, run.output_lot)?, today));
            }
            Ok(ProductionRunPage {
                items,
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }
}

pub(crate) fn create_recipe_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &RecipeInput,
) -> Result<RecipeDto> {
    let crate::At { now, origin, .. } = at;
    let details = check_recipe(tx, input)?;
    if production::find_active_recipe_namesake(tx, &details.name, None)?.is_some() {
        return Err(duplicate_recipe(&details.name));
    }
    Ok(recipe_dto(&production::insert_recipe(
        tx, &details, now, origin,
    )?))
}

pub(crate) fn record_production_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &ProductionInput,
) -> Result<ProductionRunDto> {
    let crate::At { now, today, origin } = at;
    let plan = plan_run(tx, input, today)?;
    let mut c = Checker::new();
    for (i, p) in plan.inputs.iter().enumerate().filter(|(_, p)| p.short()) {
        let field = format!("inputs.{i}.quantity");
        let expired = if p.expired_milli > 0 {
            format!(
                " ({} {} more in expired lots)",
                milli_text(p.expired_milli),
                p.stock_unit
            )
        } else {
            String::new()
        };
        c.check::<()>(Err(FieldError::new(
            &field,
            Rule::NotEnoughStock,
            format!(
                "{field}: the run needs {} {unit} of {}, only {} {unit} is in stock{expired}",
                milli_text(p.milli),
                p.product_name,
                milli_text(p.available_milli),
                unit = p.stock_unit,
            ),
        )
        .with("available", milli_text(p.available_milli))));
    }
    c.finish()?;
    let run_id = Id::generate();
    let reference = Some(run_id.to_string());
    for p in &plan.inputs {
        for take in &p.takes {
            stock::post(
                tx,
                &Movement {
                    lot: take.lot,
                    kind: "produce_out",
                    on_hand_milli: -take.milli,
                    reserved_milli: 0,
                    cost_fen: -take.cost_fen,
                    reason: None,
                    note: &plan.recipe.name,
                    reference: reference.clone(),
                    business_date: plan.produced_on,
                },
                now,
                origin,
            )?;
        }
    }
    let inputs_cost = plan.inputs_cost_fen();
    let total = inputs_cost + plan.labour_fen;
    let lot = MadeLot {
        id: Id::generate(),
        product: plan.recipe.output_product,
        made_on: plan.produced_on,
        best_before: plan.best_before,
        quantity_milli: plan.output_milli,
        entered_quantity: milli_text(plan.output_milli),
        entered_unit: plan.recipe.output_unit.clone(),
        unit_price_e4: unit_cost_e4(total, plan.output_milli),
        cost_fen: total,
    };
    stock::insert_made_lot(tx, &lot, now)?;
    stock::post(
        tx,
        &Movement {
            lot: lot.id,
            kind: "produce_in",
            on_hand_milli: plan.output_milli,
            reserved_milli: 0,
            cost_fen: total,
            reason: None,
            note: &plan.recipe.name,
            reference,
            business_date: plan.produced_on,
        },
        now,
        origin,
    )?;
    production::insert_run(
        tx,
        &NewRun {
            id: run_id,
            recipe: plan.recipe.id,
            produced_on: plan.produced_on,
            output_lot: lot.id,
            inputs_cost_fen: inputs_cost,
            labour_fen: plan.labour_fen,
            note: plan.note.clone(),
        },
        now,
        origin,
    )?;
    let run = production::get_run(tx, run_id)?;
    Ok(run_dto(&run, &stock::get_lot(tx, lot.id)?, today))
}
