//! The demo shop: a kiwi shop in a Guizhou village, loaded from `assets/demo/shop.json` through the
//! same validation as anything a person types.

use farmstall_domain::Origin;
use farmstall_store::{farmers, products, shop};
use serde::Deserialize;

use crate::dto::{DemoSummary, FarmerInput, ProductInput, ShopProfileInput};
use crate::{App, AppError, Result};

/// The demo shop, embedded in the binary.
pub const DEMO_JSON: &str = include_str!("../../../assets/demo/shop.json");

#[derive(Debug, Deserialize)]
struct DemoShop {
    shop: ShopProfileInput,
    farmers: Vec<FarmerInput>,
    products: Vec<ProductInput>,
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
        self.store.write(|tx| {
            if !App::is_empty_shop(tx)? {
                return Err(AppError::Conflict(
                    "this database already has a shop: the demo shop can only be loaded into an empty one. \
                     Use another data folder (or --db file) to try the demo."
                        .into(),
                ));
            }
            shop::save(tx, &profile, now, origin)?;
            for details in &farmer_details {
                farmers::insert(tx, details, now, origin)?;
            }
            for details in &product_details {
                products::insert(tx, details, now, origin)?;
            }
            Ok(DemoSummary {
                farmers: u32::try_from(farmer_details.len()).unwrap_or(u32::MAX),
                products: u32::try_from(product_details.len()).unwrap_or(u32::MAX),
            })
        })
    }
}
