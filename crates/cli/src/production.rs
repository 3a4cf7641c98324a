//! Homemade products: `recipe ...`, `produce`, `runs`.

use clap::{Args, Subcommand};
use farmstall_app::dto::ListQuery;
use farmstall_app::production::{
    InputLine, ProductionInput, ProductionRunDto, RecipeDto, RecipeInput,
};
use farmstall_app::{App, AppError};

use crate::lines;
use crate::output::{page_text, Output};
use crate::ListArgs;

#[derive(Subcommand, Debug)]
pub enum RecipeCommand {
    List(ListArgs),
    Show { id: String },
    Add(RecipeArgs),
    Archive { id: String },
    Restore { id: String },
}

impl RecipeCommand {
    pub fn writes(&self) -> bool {
        !matches!(self, RecipeCommand::List(_) | RecipeCommand::Show { .. })
    }
}

#[derive(Args, Debug)]
pub struct RecipeArgs {
    #[arg(long)]
    name: String,
    /// The product the recipe makes
    #[arg(long)]
    output: String,
    /// What one batch makes, in the output's stock unit
    #[arg(long)]
    makes: String,
    /// Default: the output product's shelf life
    #[arg(long, default_value = "")]
    shelf_life_days: String,
    #[arg(long, default_value = "")]
    note: String,
    /// product=ID,quantity=Q per batch (repeat)
    #[arg(long = "input", required = true, value_parser = lines::input_line)]
    inputs: Vec<InputLine>,
}

#[derive(Args, Debug)]
pub struct ProduceArgs {
    #[arg(long)]
    recipe: String,
    /// How much was made, in the output's stock unit
    #[arg(long)]
    quantity: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
    /// Labour cost in yuan
    #[arg(long, default_value = "")]
    labour: String,
    #[arg(long, default_value = "")]
    note: String,
    /// What was really used: product=ID,quantity=Q (default: the recipe scaled)
    #[arg(long = "input", value_parser = lines::input_line)]
    inputs: Vec<InputLine>,
    /// Only show the plan
    #[arg(long)]
    pub plan: bool,
}

fn recipe_line(r: &RecipeDto) -> String {
    let inputs: Vec<String> = r
        .inputs
        .iter()
        .map(|i| format!("{} {} {}", i.product_name, i.quantity, i.stock_unit))
        .collect();
    format!(
        "{}  {}: {} -> {} {} {}{}",
        r.id,
        r.name,
        inputs.join(" + "),
        r.output_product_name,
        r.output_quantity,
        r.output_unit,
        if r.archived { "  (archived)" } else { "" }
    )
}

fn run_text(r: &ProductionRunDto) -> String {
    let takes: Vec<String> = r
        .takes
        .iter()
        .map(|t| {
            format!(
                "{} {} {} (¥{})",
                t.product_name, t.quantity, t.stock_unit, t.cost
            )
        })
        .collect();
    format!(
        "{} {}  {}: made {} {} in lot {} for ¥{} (¥{} a unit), best before {}; took {}",
        r.id,
        r.produced_on,
        r.recipe_name,
        r.output_lot.on_hand,
        r.output_lot.stock_unit,
        r.output_lot.id,
        r.total_cost,
        r.output_lot.unit_cost,
        r.output_lot.best_before.as_deref().unwrap_or("-"),
        takes.join(", ")
    )
}

pub fn recipe(app: &mut App, out: &Output, command: RecipeCommand) -> Result<(), AppError> {
    match command {
        RecipeCommand::List(args) => {
            let page = app.list_recipes(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(recipe_line), page.total, args.offset)
            });
        }
        RecipeCommand::Show { id } => {
            let r = app.get_recipe(&id)?;
            out.print(&r, || recipe_line(&r));
        }
        RecipeCommand::Add(a) => {
            let r = app.create_recipe(&RecipeInput {
                name: a.name,
                output_product_id: a.output,
                output_quantity: a.makes,
                shelf_life_days: a.shelf_life_days,
                note: a.note,
                inputs: a.inputs,
            })?;
            out.print(&r, || format!("added {}", recipe_line(&r)));
        }
        RecipeCommand::Archive { id } => {
            let r = app.archive_recipe(&id)?;
            out.print(&r, || format!("archived {}", recipe_line(&r)));
        }
        RecipeCommand::Restore { id } => {
            let r = app.restore_recipe(&id)?;
            out.print(&r, || format!("restored {}", recipe_line(&r)));
        }
    }
    Ok(())
}

pub fn produce(app: &mut App, out: &Output, a: ProduceArgs) -> Result<(), AppError> {
    let input = ProductionInput {
        recipe_id: a.recipe,
        output_quantity: a.quantity,
        produced_on: a.date,
        labour: a.labour,
        note: a.note,
        inputs: a.inputs,
    };
    if !a.plan {
        let r = app.record_production(&input)?;
        out.print(&r, || run_text(&r));
        return Ok(());
    }
    let p = app.plan_production(&input)?;
    out.print(&p, || {
        let mut text: Vec<String> = p
            .inputs
            .iter()
            .map(|i| {
                format!(
                    "  {} {} {unit} (available {} {unit}){}  ¥{}",
                    i.product_name,
                    i.quantity,
                    i.available,
                    if i.short { "  SHORT" } else { "" },
                    i.cost,
                    unit = i.stock_unit
                )
            })
            .collect();
        text.push(format!(
            "{} {} {} would cost ¥{} (¥{} a unit), best before {}",
            p.recipe_name,
            p.output_quantity,
            p.output_unit,
            p.total_cost,
            if p.unit_cost.is_empty() {
                "-"
            } else {
                &p.unit_cost
            },
            p.best_before.as_deref().unwrap_or("-")
        ));
        text.join("\n")
    });
    Ok(())
}

pub fn runs(app: &mut App, out: &Output, args: ListArgs) -> Result<(), AppError> {
    let page = app.list_production_runs(&ListQuery::from(&args))?;
    out.print(&page, || {
        page_text(page.items.iter().map(run_text), page.total, args.offset)
    });
    Ok(())
}
