//! The demo shop: a kiwi shop in a Guizhou village, loaded from `assets/demo/shop.json` through the
//! same validation as anything a person types.

use std::collections::HashMap;

use chrono::Duration;
use farmstall_domain::{Id, Money, Origin};
use farmstall_store::rusqlite::Connection;
use farmstall_store::{farmers, products, shop, stock as stock_store};
use serde::Deserialize;

use crate::dto::{DemoSummary, FarmerInput, ProductInput, ShopProfileInput};
use crate::production::{InputLine, ProductionInput, RecipeInput};
use crate::stock::{PaymentInput, PurchaseInput, PurchaseLineInput, ReversalInput, WasteInput};
use crate::{App, AppError, At, Result};

/// The demo shop, embedded in the binary.
pub const DEMO_JSON: &str = include_str!("../../../assets/demo/shop.json");

#[derive(Debug, Deserialize)]
struct DemoShop {
    shop: ShopProfileInput,
    farmers: Vec<FarmerInput>,
    products: Vec<ProductInput>,
    /// Recipes name their products by Chinese name in `outputProductId` and `inputs[].productId`.
    #[serde(default)]
    recipes: Vec<RecipeInput>,
    /// A season of what happened, oldest first, each `daysAgo` before today.
    #[serde(default)]
    season: Vec<SeasonEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SeasonEvent {
    days_ago: i64,
    #[serde(flatten)]
    what: SeasonWhat,
}

/// Farmers and products are named by name; the loader turns names into ids.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
enum SeasonWhat {
    Receive {
        farmer: String,
        payment: String,
        note: String,
        lines: Vec<DemoLine>,
    },
    /// From the lot of `product` that expires first.
    Waste {
        product: String,
        quantity: String,
        reason: String,
        note: String,
    },
    /// `amount` "all" pays the whole balance.
    Pay {
        farmer: String,
        amount: String,
        method: String,
        note: String,
    },
    Produce {
        recipe: String,
        output_quantity: String,
        labour: String,
    },
    /// The farmer's latest receipt.
    Reverse { farmer: String, reason: String },
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoLine {
    product: String,
    grade: String,
    quantity: String,
    unit_price: String,
}

/// Names to ids for the season.
struct Names {
    farmers: HashMap<String, Id>,
    products: HashMap<String, Id>,
    recipes: HashMap<String, Id>,
}

fn named(map: &HashMap<String, Id>, what: &str, name: &str) -> Result<String> {
    map.get(name).map(|id| id.to_string()).ok_or_else(|| {
        AppError::Conflict(format!("the demo season names an unknown {what} {name:?}"))
    })
}

/// Plays one season event through the same use cases a person would, dated `days_ago`.
fn play(tx: &Connection, names: &Names, at: At, event: &SeasonEvent) -> Result<()> {
    let at = At {
        now: at.now - Duration::days(event.days_ago),
        today: at.today - Duration::days(event.days_ago),
        origin: at.origin,
    };
    match &event.what {
        SeasonWhat::Receive {
            farmer,
            payment,
            note,
            lines,
        } => {
            let lines = lines
                .iter()
                .map(|l| {
                    Ok(PurchaseLineInput {
                        product_id: named(&names.products, "product", &l.product)?,
                        grade: l.grade.clone(),
                        quantity: l.quantity.clone(),
                        unit_price: l.unit_price.clone(),
                        ..PurchaseLineInput::default()
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            crate::stock::receive_purchase_in(
                tx,
                at,
                &PurchaseInput {
                    farmer_id: named(&names.farmers, "farmer", farmer)?,
                    received_on: String::new(),
                    payment: payment.clone(),
                    note: note.clone(),
                    lines,
                },
            )?;
        }
        SeasonWhat::Waste {
            product,
            quantity,
            reason,
            note,
        } => {
            let id =
                names.products.get(product).copied().ok_or_else(|| {
                    AppError::Conflict(format!("unknown demo product {product:?}"))
                })?;
            let lot = stock_store::fefo_lots(tx, id)?
                .first()
                .map(|l| l.stock.lot.to_string())
                .ok_or_else(|| {
                    AppError::Conflict(format!("the demo wastes {product} before any was bought"))
                })?;
            crate::stock::record_waste_in(
                tx,
                at,
                &WasteInput {
                    lot_id: lot,
                    quantity: quantity.clone(),
                    reason: reason.clone(),
                    note: note.clone(),
                },
            )?;
        }
        SeasonWhat::Pay {
            farmer,
            amount,
            method,
            note,
        } => {
            let farmer = named(&names.farmers, "farmer", farmer)?;
            let amount = if amount == "all" {
                let id = names
                    .farmers
                    .values()
                    .find(|id| id.to_string() == farmer)
                    .copied();
                let balance = match id {
                    Some(id) => stock_store::farmer_balance(tx, id)?.balance_fen(),
                    None => 0,
                };
                Money::from_fen(balance).to_string()
            } else {
                amount.clone()
            };
            crate::stock::record_payment_in(
                tx,
                at,
                &PaymentInput {
                    farmer_id: farmer,
                    amount,
                    method: method.clone(),
                    paid_on: String::new(),
                    note: note.clone(),
                },
            )?;
        }
        SeasonWhat::Produce {
            recipe,
            output_quantity,
            labour,
        } => {
            crate::production::record_production_in(
                tx,
                at,
                &ProductionInput {
                    recipe_id: named(&names.recipes, "recipe", recipe)?,
                    output_quantity: output_quantity.clone(),
                    labour: labour.clone(),
                    ..ProductionInput::default()
                },
            )?;
        }
        SeasonWhat::Reverse { farmer, reason } => {
            let farmer = named(&names.farmers, "farmer", farmer)?;
            let purchase: String = tx
                .query_row(
                    "SELECT id FROM purchases WHERE farmer_id = ?1 ORDER BY received_on DESC, created_at DESC LIMIT 1",
                    [&farmer],
                    |r| r.get(0),
                )
                .map_err(|_| AppError::Conflict("the demo reverses a receipt that is not there".into()))?;
            crate::stock::reverse_purchase_in(
                tx,
                at,
                &ReversalInput {
                    purchase_id: purchase,
                    reason: reason.clone(),
                    reversed_on: String::new(),
                },
            )?;
        }
    }
    Ok(())
}

impl App {
    /// Writes the demo shop into an empty database, all of it or nothing.
    pub fn load_demo(&mut self) -> Result<DemoSummary> {
        let demo: DemoShop = serde_json::from_str(DEMO_JSON).map_err(|e| {
            AppError::Conflict(format!("the built-in demo shop is unreadable: {e}"))
        })?;
        let profile = crate::shop::validate(&demo.shop)?;
        let farmer_details = demo
            .farmers
            .iter()
            .map(crate::farmers::validate)
            .collect::<Result<Vec<_>, _>>()?;
        let product_details = demo
            .products
            .iter()
            .map(crate::products::validate)
            .collect::<Result<Vec<_>, _>>()?;
        let now = self.clock.now();
        // The demo is an import whichever shell asked for it.
        let origin = Origin::Import;
        let at = At {
            origin,
            ..self.at()
        };
        self.store.write(|tx| {
            if !App::is_empty_shop(tx)? {
                return Err(AppError::Conflict(
                    "this database already has a shop: the demo shop can only be loaded into an empty one. \
                     Use another data folder (or --db file) to try the demo."
                        .into(),
                ));
            }
            // Everything starts before the season does.
            let start = now - Duration::days(60);
            shop::save(tx, &profile, start, origin)?;
            let mut names = Names {
                farmers: HashMap::new(),
                products: HashMap::new(),
                recipes: HashMap::new(),
            };
            for details in &farmer_details {
                let f = farmers::insert(tx, details, start, origin)?;
                names.farmers.insert(f.details.name.clone(), f.id);
            }
            for details in &product_details {
                let p = products::insert(tx, details, start, origin)?;
                names.products.insert(p.details.name_zh.clone(), p.id);
            }
            let start_at = At {
                now: start,
                today: at.today - Duration::days(60),
                origin,
            };
            for recipe in &demo.recipes {
                let by_name = RecipeInput {
                    output_product_id: named(&names.products, "product", &recipe.output_product_id)?,
                    inputs: recipe
                        .inputs
                        .iter()
                        .map(|i| {
                            Ok(InputLine {
                                product_id: named(&names.products, "product", &i.product_id)?,
                                quantity: i.quantity.clone(),
                            })
                        })
                        .collect::<Result<Vec<_>>>()?,
                    ..recipe.clone()
                };
                let r = crate::production::create_recipe_in(tx, start_at, &by_name)?;
                names.recipes.insert(r.name.clone(), Id::parse(&r.id).map_err(|e| AppError::Conflict(e.to_string()))?);
            }
            for event in &demo.season {
                play(tx, &names, at, event)?;
            }
            Ok(DemoSummary {
                farmers: u32::try_from(farmer_details.len()).unwrap_or(u32::MAX),
                products: u32::try_from(product_details.len()).unwrap_or(u32::MAX),
            })
        })
    }
}
