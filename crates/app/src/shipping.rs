//! Use cases: the pick list for a batch of orders, and shipping labels (PDF in four sizes, TSPL
//! and ZPL for thermal printers), saved in the data folder so nothing printed is lost.

use std::collections::BTreeMap;

use farmstall_documents as documents;
use farmstall_domain::fefo::{allocate, Expired};
use farmstall_domain::order::OrderState;
use farmstall_domain::{Checker, Courier, FieldError, Id, Rule, Unit};
use farmstall_store::orders::{self, OrderRow};
use farmstall_store::{shop, stock};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::statement::SavedDocument;
use crate::stock::milli_text;
use crate::{App, AppError, Result};

/// Which orders, and how to print their labels.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelRequest {
    pub order_ids: Vec<String>,
    /// `100x150` (default), `100x180`, `76x130`, `a4`, `tspl` or `zpl`.
    pub format: String,
    /// Label size for `tspl`/`zpl` (`100x150` default); ignored for PDFs.
    pub size: String,
    /// Printer resolution for `tspl`/`zpl`: 203 (default) or 300.
    pub dpi: u32,
    /// Print the recipient's phone as 138****5678.
    pub mask_phone: bool,
    /// `pick`: the labels come out in the pick list's order (see `pick_order`); empty: in the
    /// order of `order_ids`.
    #[ts(type = "\"\" | \"pick\"")]
    pub sort: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PickListQuery {
    pub order_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PickLot {
    pub lot_id: String,
    pub quantity: String,
    pub best_before: Option<String>,
    pub received_on: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PickProduct {
    pub product_id: String,
    pub product_name: String,
    pub stock_unit: String,
    /// In all the orders, in the stock unit.
    pub quantity: String,
    pub orders: u32,
    /// Which lots to take it from, first expiry first (expired lots skipped).
    pub lots: Vec<PickLot>,
    /// How much is missing, in the stock unit; "0" when there is enough.
    pub short: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PickList {
    pub orders: u32,
    pub products: Vec<PickProduct>,
}

/// 13812345678 → 138****5678; other lengths keep their first 3 and last 4 where they can.
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() < 8 {
        return phone.to_string();
    }
    let head: String = chars[..3].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}

pub(crate) fn orders_named(
    conn: &farmstall_store::rusqlite::Connection,
    ids: &[String],
) -> Result<Vec<OrderRow>> {
    let mut c = Checker::new();
    if ids.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "orderIds",
            Rule::Required,
            "choose at least one order",
        )));
    }
    let mut found = Vec::new();
    for (i, id) in ids.iter().enumerate() {
        let field = format!("orderIds.{i}");
        match Id::parse(id) {
            Ok(id) => match orders::get_order(conn, id) {
                Ok(order) => found.push(order),
                Err(farmstall_store::StoreError::NotFound { .. }) => {
                    c.check::<()>(Err(crate::stock::unknown(&field, "order")));
                }
                Err(e) => return Err(e.into()),
            },
            Err(_) => {
                c.check::<()>(Err(crate::stock::unknown(&field, "order")));
            }
        }
    }
    c.finish()?;
    Ok(found)
}

fn items_summary(order: &OrderRow) -> String {
    order
        .lines
        .iter()
        .map(|l| {
            let unit = Unit::parse(&l.sale_unit)
                .map(|u| u.label(true))
                .unwrap_or_default();
            format!("{} ×{}{unit}", l.product_name, milli_text(l.quantity_milli))
        })
        .collect::<Vec<_>>()
        .join("；")
}

/// Sorts orders as the pick list reads: the pick list names products by name (then id), so an
/// order comes under the first of its products in that order, and orders under one product by
/// their number. Whoever walks the pick list's products finds the labels in the same order.
pub(crate) fn pick_order(orders: &mut [OrderRow]) {
    orders.sort_by_cached_key(|o| {
        let first = o
            .lines
            .iter()
            .map(|l| (l.product_name.clone(), l.product))
            .min();
        (first, o.number.clone())
    });
}

/// What a batch of orders needs of one product.
struct Need {
    product: Id,
    name: String,
    unit: String,
    /// In thousandths of the stock unit.
    milli: i64,
    /// How many of the orders want it.
    orders: u32,
}

impl App {
    /// For a batch of paid orders: how much of each product to pick, and from which lots, first
    /// expiry first. Orders of the batch that are not waiting to be packed are left out.
    /// Writes nothing.
    pub fn pick_list(&mut self, query: &PickListQuery) -> Result<PickList> {
        let today = self.clock.today();
        self.store.read(|tx| {
            // Only orders still to pick: packed ones took their goods already, others have none.
            let orders: Vec<OrderRow> = orders_named(tx, &query.order_ids)?
                .into_iter()
                .filter(|o| OrderState::parse(&o.state).is_some_and(OrderState::holds_reservation))
                .collect();
            // By name, then product: what the batch needs of it.
            let mut need: BTreeMap<(String, Id), Need> = BTreeMap::new();
            for order in &orders {
                let mut counted = Vec::new();
                for line in &order.lines {
                    let entry = need
                        .entry((line.product_name.clone(), line.product))
                        .or_insert(Need {
                            product: line.product,
                            name: line.product_name.clone(),
                            unit: line.stock_unit.clone(),
                            milli: 0,
                            orders: 0,
                        });
                    entry.milli += line.stock_milli;
                    if !counted.contains(&line.product) {
                        counted.push(line.product);
                        entry.orders += 1;
                    }
                }
            }
            let mut products = Vec::new();
            for Need {
                product,
                name,
                unit,
                milli,
                orders: count,
            } in need.into_values()
            {
                let lots = stock::fefo_lots(tx, product)?;
                // What these orders reserved counts as theirs to pick.
                let mut stocks: Vec<_> = lots.iter().map(|l| l.stock.clone()).collect();
                for s in &mut stocks {
                    for order in &orders {
                        for (lot, held) in stock::reserved_by(tx, &order.id.to_string())? {
                            if lot == s.lot {
                                s.available_milli += held;
                            }
                        }
                    }
                }
                let usable: i64 = stocks
                    .iter()
                    .filter(|s| s.best_before.is_none_or(|d| d >= today))
                    .map(|s| s.available_milli)
                    .sum();
                let take = milli.min(usable);
                let plan = if take > 0 {
                    allocate(&stocks, take, today, Expired::Skip).unwrap_or_default()
                } else {
                    Default::default()
                };
                products.push(PickProduct {
                    product_id: product.to_string(),
                    product_name: name,
                    stock_unit: unit,
                    quantity: milli_text(milli),
                    orders: count,
                    lots: plan
                        .takes
                        .iter()
                        .filter_map(|t| {
                            let lot = stocks.iter().find(|s| s.lot == t.lot)?;
                            Some(PickLot {
                                lot_id: t.lot.to_string(),
                                quantity: milli_text(t.milli),
                                best_before: lot.best_before.map(stock::date_text),
                                received_on: stock::date_text(lot.received_on),
                            })
                        })
                        .collect(),
                    short: milli_text(milli - take),
                });
            }
            Ok(PickList {
                orders: u32::try_from(orders.len()).unwrap_or(u32::MAX),
                products,
            })
        })
    }

    /// Prints labels for orders that have a waybill (paid and given one before packing, packed or
    /// shipped), as a PDF (four sizes) or a TSPL/ZPL program, saved under `documents/labels/` in
    /// the data folder.
    pub fn print_labels(&mut self, request: &LabelRequest) -> Result<SavedDocument> {
        let today = self.clock.today();
        let (mut orders, profile) = self.store.read(|tx| -> Result<_> {
            Ok((
                orders_named(tx, &request.order_ids)?,
                shop::get(tx)?.map(|s| s.profile),
            ))
        })?;
        if request.sort.trim() == "pick" {
            pick_order(&mut orders);
        }
        let size_of = |text: &str| match text {
            "" | "100x150" => Some(documents::LabelSize::Mm100x150),
            "100x180" => Some(documents::LabelSize::Mm100x180),
            "76x130" => Some(documents::LabelSize::Mm76x130),
            "a4" => Some(documents::LabelSize::A4),
            _ => None,
        };
        let mut c = Checker::new();
        let format = request.format.trim();
        let (size, program) = match format {
            "tspl" | "zpl" => (size_of(request.size.trim()), true),
            other => (size_of(other), false),
        };
        if size.is_none() {
            c.check::<()>(Err(FieldError::new(
                if program { "size" } else { "format" },
                Rule::UnknownRecord,
                "format is 100x150, 100x180, 76x130, a4, tspl or zpl",
            )));
        }
        let Some(profile) = profile else {
            return Err(AppError::Conflict(
                "set up the shop first: the sender on a label is the shop".into(),
            ));
        };
        let mut labels = Vec::new();
        for (i, order) in orders.iter().enumerate() {
            let field = format!("orderIds.{i}");
            let state = OrderState::parse(&order.state);
            if !matches!(
                state,
                Some(
                    OrderState::Paid
                        | OrderState::Packing
                        | OrderState::Packed
                        | OrderState::Shipped
                )
            ) {
                c.check::<()>(Err(FieldError::new(
                    &field,
                    Rule::NotAllowed,
                    format!(
                        "{field}: order {} is {}; only a paid order's label is printed",
                        order.number, order.state
                    ),
                )
                .with("from", order.state.clone())
                .with("to", "packed")));
                continue;
            }
            if order.masked {
                c.check::<()>(Err(FieldError::new(
                    &field,
                    Rule::NotAllowed,
                    format!(
                        "{field}: order {} came from {} with the buyer's address hidden; print the platform's electronic waybill for it in the seller centre",
                        order.number, order.source
                    ),
                )
                .with("masked", "true")));
                continue;
            }
            let (Some(courier), Some(waybill)) = (&order.courier, &order.waybill) else {
                c.check::<()>(Err(FieldError::new(
                    &field,
                    Rule::Required,
                    format!(
                        "{field}: order {} has no waybill yet; give it one first",
                        order.number
                    ),
                )));
                continue;
            };
            let r = &order.recipient;
            let sender = &profile;
            labels.push(documents::Label {
                recipient: documents::Party {
                    name: r.name.clone(),
                    phone: if request.mask_phone {
                        mask_phone(&r.phone)
                    } else {
                        r.phone.clone()
                    },
                    province: r.province.clone(),
                    city: r.city.clone(),
                    district: r.district.clone(),
                    street: r.street.clone(),
                },
                postcode: r.postcode.clone(),
                sender: documents::Party {
                    name: format!("{} {}", sender.shop_name, sender.sender_name),
                    phone: sender.phone.clone(),
                    province: sender.address.province.clone(),
                    city: sender.address.city.clone(),
                    district: sender.address.district.clone(),
                    street: sender.address.street.clone(),
                },
                courier: Courier::parse(courier)
                    .map(|c| c.name_zh().to_string())
                    .unwrap_or_else(|| courier.clone()),
                waybill: waybill.clone(),
                order_ref: order.number.clone(),
                items: items_summary(order),
                weight: order
                    .weight_grams
                    .map(|g| format!("{} kg", rust_decimal::Decimal::new(g, 3).normalize()))
                    .unwrap_or_default(),
                date: stock::date_text(today),
                note: order.buyer_note.clone(),
            });
        }
        c.finish()?;
        let Some(size) = size else {
            return Err(AppError::Conflict("unknown label size".into()));
        };
        let dpi = if request.dpi == 0 { 203 } else { request.dpi };
        let refuse = |e: documents::DocumentError| {
            AppError::Conflict(format!("the labels cannot be printed: {e}"))
        };
        let (bytes, extension) = match format {
            "tspl" => (
                documents::render_tspl(&labels, size, dpi).map_err(refuse)?,
                "tspl",
            ),
            "zpl" => (
                documents::render_zpl(&labels, size, dpi)
                    .map_err(refuse)?
                    .into_bytes(),
                "zpl",
            ),
            _ => (
                documents::render_labels(&labels, size).map_err(refuse)?,
                "pdf",
            ),
        };
        let first = orders
            .first()
            .map(|o| o.number.as_str())
            .unwrap_or("labels");
        let stem = format!(
            "labels-{first}-{}x{}",
            labels.len(),
            if format.is_empty() { "100x150" } else { format },
        );
        self.save_document("labels", &stem, extension, &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::mask_phone;

    #[test]
    fn phones_are_masked_in_the_middle() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("0851-12345678"), "085****5678");
        assert_eq!(mask_phone("12345"), "12345");
    }
}
