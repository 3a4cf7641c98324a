//! Listings: which product each marketplace listing sells, how much of it one piece is, and what
//! it can offer now; the demo marketplace's listings mapped by barcode.

use farmstall_domain::sync as rules;
use farmstall_domain::Quantity;
use farmstall_store::rusqlite::Connection;
use farmstall_store::sync as store;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, At, Result};

/// The pieces a listing can offer now: its share of the product's sellable stock in the listing's
/// pieces, less the buffer, never below zero. A product sold on several listings has its stock
/// split evenly between them: each offering all of it would let the marketplace sell it twice.
pub(crate) fn offer_of(tx: &Connection, at: At, listing: &store::ListingRow) -> Result<u32> {
    let product = farmstall_store::products::get(tx, listing.product)?;
    let sharing = store::listings_of_product(tx, listing.product)?.max(1);
    let milli = store::sellable_milli(tx, listing.product, at.today)? / sharing;
    let d = &product.details;
    let in_stock_unit = Quantity::new(Decimal::new(milli.max(0), 3), d.stock_unit);
    let in_sale_unit = in_stock_unit
        .to(d.sale_unit)
        .map(|q| q.amount)
        .unwrap_or(Decimal::ZERO);
    let pieces = (in_sale_unit * Decimal::from(1000) / Decimal::from(listing.sale_milli)).floor();
    let pieces = pieces.to_i64().unwrap_or(0) - listing.buffer;
    Ok(u32::try_from(pieces.max(0)).unwrap_or(u32::MAX))
}

/// A listing on the marketplace and the product it sells, as the owner sets it up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ListingInput {
    /// The listing id on the marketplace (num_iid).
    pub num_iid: String,
    /// The SKU within it, "" for the listing as a whole.
    pub sku_id: String,
    /// The seller's code of the listing or SKU, "" for none.
    pub outer_id: String,
    pub title: String,
    pub product_id: String,
    /// How much of the product (in its sale unit) one piece sold on the listing is; "" = 1.
    pub sale_quantity: String,
    /// Pieces held back from the marketplace; "" = 0.
    pub buffer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListingDto {
    pub id: String,
    pub num_iid: String,
    pub sku_id: String,
    pub outer_id: String,
    pub title: String,
    pub product_id: String,
    pub product_name: String,
    pub sale_quantity: String,
    pub buffer: u32,
    /// What the marketplace is offered now: sellable stock in pieces, less the buffer.
    pub offer: u32,
}

fn listing_dto(tx: &Connection, at: At, l: store::ListingRow) -> Result<ListingDto> {
    let offer = offer_of(tx, at, &l)?;
    Ok(ListingDto {
        id: l.id.to_string(),
        num_iid: l.num_iid,
        sku_id: l.sku_id,
        outer_id: l.outer_id,
        title: l.title,
        product_id: l.product.to_string(),
        product_name: l.product_name,
        sale_quantity: crate::stock::milli_text(l.sale_milli),
        buffer: u32::try_from(l.buffer).unwrap_or(0),
        offer,
    })
}

pub(crate) fn save_listing_in(tx: &Connection, at: At, input: &ListingInput) -> Result<ListingDto> {
    use farmstall_domain::validate::{optional_text, required_text, SHORT_TEXT};
    use farmstall_domain::{Checker, FieldError, Rule};
    let mut c = Checker::default();
    let num_iid = c.check(required_text("numIid", &input.num_iid, 40).and_then(|t| {
        if t.chars().all(|ch| ch.is_ascii_digit()) {
            Ok(t)
        } else {
            Err(FieldError::new(
                "numIid",
                Rule::NotANumber,
                "numIid is the listing's number on the marketplace (digits only)",
            ))
        }
    }));
    let sku_id = c.check(optional_text("skuId", &input.sku_id, 40));
    let outer_id = c.check(optional_text("outerId", &input.outer_id, 64));
    let title = c.check(optional_text("title", &input.title, SHORT_TEXT));
    let product = crate::stock::lookup_required(
        tx,
        &mut c,
        "productId",
        "product",
        &input.product_id,
        farmstall_store::products::get,
        |p| p.archived_at.is_none(),
    )?;
    let sale_milli = if input.sale_quantity.trim().is_empty() {
        Some(1000)
    } else {
        c.check(
            farmstall_domain::validate::positive_quantity("saleQuantity", &input.sale_quantity)
                .and_then(|d| {
                    farmstall_domain::validate::milli(
                        "saleQuantity",
                        d,
                        rules::PLATFORM_MAX_QUANTITY,
                    )
                }),
        )
    };
    let buffer = if input.buffer.trim().is_empty() {
        Some(0)
    } else {
        c.check(input.buffer.trim().parse::<u32>().map_err(|_| {
            FieldError::new(
                "buffer",
                Rule::NotAWholeNumber,
                "buffer is a whole number of pieces (0 or more)",
            )
        }))
        .map(i64::from)
    };
    c.finish()?;
    let (
        Some(num_iid),
        Some(sku_id),
        Some(outer_id),
        Some(title),
        Some(product),
        Some(sale_milli),
        Some(buffer),
    ) = (
        num_iid, sku_id, outer_id, title, product, sale_milli, buffer,
    )
    else {
        return Err(AppError::Conflict(
            "the listing could not be checked".into(),
        ));
    };
    let id = store::save_listing(
        tx,
        &store::NewListing {
            num_iid,
            sku_id,
            outer_id,
            title,
            product: product.id,
            sale_milli,
            buffer,
        },
        at.now,
        at.origin,
    )?;
    let row = store::listing(tx, id)?
        .ok_or_else(|| AppError::Conflict("the listing was not stored".into()))?;
    listing_dto(tx, at, row)
}

impl App {
    /// Adds a listing (or replaces the one with the same listing and SKU ids); its stock is sent
    /// at the next round.
    pub fn save_listing(&mut self, input: &ListingInput) -> Result<ListingDto> {
        let at = self.at();
        self.store.write(|tx| save_listing_in(tx, at, input))
    }

    pub fn list_listings(&mut self) -> Result<Vec<ListingDto>> {
        let at = self.at();
        self.store.read(|tx| {
            store::listings(tx)?
                .into_iter()
                .map(|l| listing_dto(tx, at, l))
                .collect()
        })
    }

    pub fn delete_listing(&mut self, id: &str) -> Result<()> {
        let at = self.at();
        let parsed = crate::farmers::parse_id(id)?;
        self.store.write(|tx| {
            if store::delete_listing(tx, parsed, at.now, at.origin)? {
                Ok(())
            } else {
                Err(AppError::from(farmstall_domain::FieldError::new(
                    "id",
                    farmstall_domain::Rule::UnknownRecord,
                    format!("there is no listing with id {id}"),
                )))
            }
        })
    }
}

/// A listing of the demo marketplace, to be mapped to the demo shop's product with that barcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoListing {
    pub num_iid: String,
    pub sku_id: String,
    /// The demo product's barcode.
    pub outer_id: String,
    pub title: String,
}

impl App {
    /// Connects the demo marketplace running at `base_url` and maps each of its listings to the
    /// product whose barcode is the listing's outer id (the demo shop's products have them).
    /// Returns how many listings were mapped.
    pub fn connect_demo_marketplace(
        &mut self,
        base_url: &str,
        credentials: (&str, &str, &str),
        listings: &[DemoListing],
    ) -> Result<u32> {
        let (app_key, secret, session) = credentials;
        self.save_marketplace_as(
            &crate::credentials::MarketplaceInput {
                base_url: base_url.to_string(),
                app_key: app_key.to_string(),
                secret: secret.to_string(),
                session: session.to_string(),
                sign_method: "hmac-sha256".into(),
            },
            true,
        )?;
        let at = self.at();
        self.store.write(|tx| -> Result<u32> {
            let mut mapped = 0;
            for l in listings {
                let product: Option<String> = tx
                    .query_row(
                        "SELECT id FROM products WHERE barcode = ?1 AND archived_at IS NULL",
                        [&l.outer_id],
                        |r| r.get(0),
                    )
                    .ok();
                let Some(product) = product else {
                    continue;
                };
                save_listing_in(
                    tx,
                    at,
                    &ListingInput {
                        num_iid: l.num_iid.clone(),
                        sku_id: l.sku_id.clone(),
                        outer_id: l.outer_id.clone(),
                        title: l.title.clone(),
                        product_id: product,
                        ..ListingInput::default()
                    },
                )?;
                mapped += 1;
            }
            Ok(mapped)
        })
    }
}
