//! `product ...`: what the shop sells, uses and packs with.

use clap::{Args, Subcommand};
use farmstall_app::dto::{ListQuery, ProductDto, ProductInput, ProductPage};
use farmstall_app::{App, AppError};

use crate::output::{archived, page_text, Output};
use crate::ListArgs;

#[derive(Subcommand, Debug)]
pub enum ProductCommand {
    List(ListArgs),
    Show {
        id: String,
    },
    Add(ProductArgs),
    /// Change a product; fields not given keep their current values
    Edit {
        id: String,
        #[command(flatten)]
        fields: ProductArgs,
    },
    Archive {
        id: String,
    },
    Restore {
        id: String,
    },
}

impl ProductCommand {
    pub fn writes(&self) -> bool {
        !matches!(self, ProductCommand::List(_) | ProductCommand::Show { .. })
    }
}

#[derive(Args, Debug)]
pub struct ProductArgs {
    /// Chinese name
    #[arg(long)]
    name_zh: Option<String>,
    /// English name ("" to remove)
    #[arg(long)]
    name_en: Option<String>,
    /// e.g. 斤, kg, 个, 瓶, "箱(5斤)", box:5:jin
    #[arg(long)]
    sale_unit: Option<String>,
    #[arg(long)]
    stock_unit: Option<String>,
    /// Shelf life in days; makes the product perishable
    #[arg(long)]
    shelf_life_days: Option<String>,
    /// Mark the product as keeping (not perishable)
    #[arg(long, conflicts_with = "shelf_life_days")]
    not_perishable: bool,
    /// Price of one sale unit in yuan
    #[arg(long, allow_hyphen_values = true)]
    price: Option<String>,
    /// Shipping weight of one sale unit in kg ("" to remove)
    #[arg(long)]
    weight_kg: Option<String>,
    /// goods, ingredient or packaging
    #[arg(long)]
    kind: Option<String>,
    /// Warn when available stock falls to this many stock units ("" to remove)
    #[arg(long)]
    reorder_point: Option<String>,
    /// The code on the product's label, scanned when packing ("" to remove)
    #[arg(long)]
    barcode: Option<String>,
}

impl ProductArgs {
    fn over(self, base: ProductInput) -> ProductInput {
        let (perishable, shelf_life_days) = match (self.shelf_life_days, self.not_perishable) {
            (Some(days), _) => (true, days),
            (None, true) => (false, String::new()),
            (None, false) => (base.perishable, base.shelf_life_days),
        };
        ProductInput {
            name_zh: self.name_zh.unwrap_or(base.name_zh),
            name_en: self.name_en.unwrap_or(base.name_en),
            sale_unit: self.sale_unit.unwrap_or(base.sale_unit),
            stock_unit: self.stock_unit.unwrap_or(base.stock_unit),
            perishable,
            shelf_life_days,
            price: self.price.unwrap_or(base.price),
            weight_kg: self.weight_kg.unwrap_or(base.weight_kg),
            kind: self.kind.unwrap_or(base.kind),
            reorder_point: self.reorder_point.unwrap_or(base.reorder_point),
            barcode: self.barcode.unwrap_or(base.barcode),
        }
    }
}

fn product_line(p: &ProductDto) -> String {
    format!(
        "{}  {}  ¥{}/{}  stock in {}  {}  {}  {}",
        p.id,
        p.name_zh,
        p.price,
        p.sale_unit,
        p.stock_unit,
        p.shelf_life_days
            .map(|d| format!("keeps {d} days"))
            .unwrap_or_else(|| "not perishable".into()),
        p.weight_kg
            .as_deref()
            .map(|w| format!("{w} kg"))
            .unwrap_or_else(|| "-".into()),
        archived(p.archived)
    )
}

pub fn run(app: &mut App, out: &Output, cmd: ProductCommand) -> Result<(), AppError> {
    match cmd {
        ProductCommand::List(args) => {
            let page: ProductPage = app.list_products(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(product_line), page.total, args.offset)
            });
        }
        ProductCommand::Show { id } => {
            let p = app.get_product(&id)?;
            out.print(&p, || {
                format!(
                    "{}\nEnglish name: {}",
                    product_line(&p),
                    p.name_en.as_deref().unwrap_or("-")
                )
            });
        }
        ProductCommand::Add(fields) => {
            let base = ProductInput {
                stock_unit: fields.sale_unit.clone().unwrap_or_default(),
                ..ProductInput::default()
            };
            let p = app.create_product(&fields.over(base))?;
            out.print(&p, || format!("added {}", product_line(&p)));
        }
        ProductCommand::Edit { id, fields } => {
            let base = ProductInput::from(app.get_product(&id)?);
            let p = app.update_product(&id, &fields.over(base))?;
            out.print(&p, || format!("saved {}", product_line(&p)));
        }
        ProductCommand::Archive { id } => {
            let p = app.archive_product(&id)?;
            out.print(&p, || format!("archived {}", product_line(&p)));
        }
        ProductCommand::Restore { id } => {
            let p = app.restore_product(&id)?;
            out.print(&p, || format!("restored {}", product_line(&p)));
        }
    }
    Ok(())
}
