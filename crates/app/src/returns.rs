//! Use case: goods that come back after shipping, and money given back.
//!
//! Returned goods go back into the lots the order took them from (the latest expiry first, since
//! the earliest were most likely eaten), each at that lot's own cost, so the order's cost of
//! goods falls by exactly what is back on the shelf. Goods not fit to sell again come back and are
//! written off at once as waste: the loss stays in the order's cost. Money given back lowers
//! what the order earned; once it reaches the order's total the order is refunded.

use farmstall_domain::fefo::share;
use farmstall_domain::order::{step, OrderState};
use farmstall_domain::validate::{money_not_negative, optional_text, positive_quantity, LONG_TEXT};
use farmstall_domain::{Checker, FieldError, Id, Quantity, Rule};
use farmstall_store::orders::{self, NewReturn, ReturnLine};
use farmstall_store::rusqlite::Connection;
use farmstall_store::stock::{self, Movement};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::orders::{change_state_in, movement, post_for, OrderDto};
use crate::stock::{milli_text, one_of, WASTE_REASONS};
use crate::{App, AppError, At, Result};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReturnLineInput {
    pub product_id: String,
    /// In the product's stock unit.
    pub quantity: String,
    #[ts(type = "\"restock\" | \"waste\"")]
    pub disposition: String,
    /// For waste: spoiled, damaged, sample, own_use; "" = damaged.
    #[ts(type = "WasteReason | \"\"")]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReturnInput {
    pub order_id: String,
    /// Empty: money only.
    pub lines: Vec<ReturnLineInput>,
    /// Yuan given back; "" = 0.
    pub refund: String,
    pub note: String,
}

/// A lot the order still holds goods from.
struct Held {
    lot: Id,
    product: Id,
    best_before: Option<chrono::NaiveDate>,
    milli: i64,
    fen: i64,
}

/// A quantity of a product asked back by a line of a return.
struct Asked {
    product: Id,
    milli: i64,
}

pub(crate) fn return_order_in(conn: &Connection, at: At, input: &ReturnInput) -> Result<OrderDto> {
    let id = parse_id(&input.order_id)?;
    let order = orders::get_order(conn, id)?;
    let from = OrderState::parse(&order.state)
        .ok_or_else(|| AppError::Conflict(format!("unknown order state {:?}", order.state)))?;
    // A refunded order can still get its goods back (the platform refunded before the parcel
    // returned); there is nothing left to refund, so only goods lines pass.
    if !matches!(
        from,
        OrderState::Shipped | OrderState::Finished | OrderState::Refunded
    ) {
        return Err(AppError::from(
            FieldError::new(
                "orderId",
                Rule::NotAllowed,
                format!(
                    "orderId: order {} is {}; only a shipped order can come back \
                     (cancel one that has not left yet)",
                    order.number,
                    from.code()
                ),
            )
            .with("from", from.code()),
        ));
    }
    let mut held = Vec::new();
    for (lot, milli, fen) in stock::taken_by(conn, &order.id.to_string())? {
        let row = stock::get_lot(conn, lot)?;
        held.push(Held {
            lot,
            product: row.product,
            best_before: row.best_before,
            milli,
            fen,
        });
    }
    // Latest expiry first; a lot that keeps counts as the latest.
    held.sort_by_key(|h| std::cmp::Reverse(h.best_before.unwrap_or(chrono::NaiveDate::MAX)));

    let mut c = Checker::new();
    let mut lines: Vec<(ReturnLine, String)> = Vec::new();
    // What the lines before asked back, per product, in thousandths of its stock unit.
    let mut asked: Vec<Asked> = Vec::new();
    for (i, line) in input.lines.iter().enumerate() {
        let f = |name: &str| format!("lines.{i}.{name}");
        let product = Id::parse(line.product_id.trim())
            .ok()
            .filter(|p| held.iter().any(|h| h.product == *p));
        let product = match product {
            Some(p) => Some(farmstall_store::products::get(conn, p)?),
            None => {
                c.check::<()>(Err(FieldError::new(
                    &f("productId"),
                    Rule::UnknownRecord,
                    format!(
                        "{}: this product did not leave in order {}",
                        f("productId"),
                        order.number
                    ),
                )));
                None
            }
        };
        let quantity = c.check(positive_quantity(&f("quantity"), &line.quantity));
        let disposition = c.check(one_of(
            &f("disposition"),
            &line.disposition,
            &["restock", "waste"],
            Rule::UnknownKind,
            "choose restock (back on the shelf) or waste (thrown away)",
        ));
        let reason = if line.reason.trim().is_empty() {
            Some("damaged".to_string())
        } else {
            c.check(one_of(
                &f("reason"),
                &line.reason,
                &WASTE_REASONS,
                Rule::UnknownReason,
                "choose spoiled, damaged, sample or own_use",
            ))
        };
        let (Some(product), Some(quantity), Some(disposition), Some(reason)) =
            (product, quantity, disposition, reason)
        else {
            continue;
        };
        let Ok(milli) = Quantity::new(quantity, product.details.stock_unit).to_milli() else {
            c.check::<()>(Err(FieldError::new(
                &f("quantity"),
                Rule::TooManyDecimals,
                format!("{} has at most 3 decimal places", f("quantity")),
            )
            .with("max", "3")));
            continue;
        };
        let before: i64 = asked
            .iter()
            .filter(|a| a.product == product.id)
            .map(|a| a.milli)
            .sum();
        let sent: i64 = held
            .iter()
            .filter(|h| h.product == product.id)
            .map(|h| h.milli)
            .sum();
        if before + milli > sent {
            c.check::<()>(Err(FieldError::new(
                &f("quantity"),
                Rule::MoreThanSent,
                format!(
                    "{}: only {} {} of {} left in this order and has not come back yet",
                    f("quantity"),
                    milli_text(sent - before),
                    product.details.stock_unit.label(false),
                    product.details.name_zh
                ),
            )
            .with("sent", milli_text((sent - before).max(0)))));
            continue;
        }
        asked.push(Asked {
            product: product.id,
            milli,
        });
        lines.push((
            ReturnLine {
                product: product.id,
                stock_milli: milli,
                disposition,
            },
            reason,
        ));
    }
    let total = order.goods_fen + order.shipping_fee_fen;
    let owed = total - order.refunded_fen;
    let refund = if input.refund.trim().is_empty() {
        Some(0)
    } else {
        c.check(money_not_negative("refund", &input.refund))
            .map(|m| m.fen())
    };
    if let Some(fen) = refund {
        if fen > owed {
            c.check::<()>(Err(FieldError::new(
                "refund",
                Rule::MoreThanOwed,
                format!(
                    "refund: at most {} is left to give back on this order",
                    farmstall_domain::Money::from_fen(owed)
                ),
            )
            .with("owed", farmstall_domain::Money::from_fen(owed).to_string())));
        }
    }
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    if input.lines.is_empty() && refund == Some(0) {
        c.check::<()>(Err(FieldError::new(
            "lines",
            Rule::Required,
            "lines: say what came back, or how much money is given back",
        )));
    }
    c.finish()?;
    let (Some(refund_fen), Some(note)) = (refund, note) else {
        return Err(AppError::Conflict("the return could not be checked".into()));
    };

    let return_id = Id::generate();
    let (mut restocked, mut written_off) = (0_i64, 0_i64);
    for (line, reason) in &lines {
        let mut left = line.stock_milli;
        for h in held.iter_mut().filter(|h| h.product == line.product) {
            if left == 0 {
                break;
            }
            let take = left.min(h.milli);
            if take == 0 {
                continue;
            }
            let cost = share(h.fen, h.milli, take);
            h.milli -= take;
            h.fen -= cost;
            left -= take;
            let moved = |kind: &'static str, sign: i64, reason: Option<&'static str>| Movement {
                on_hand_milli: sign * take,
                cost_fen: sign * cost,
                reason,
                ..movement(&order, at, h.lot, kind)
            };
            post_for(conn, at, moved("return", 1, None))?;
            if line.disposition == "waste" {
                let reason = WASTE_REASONS
                    .into_iter()
                    .find(|r| r == reason)
                    .unwrap_or("damaged");
                post_for(conn, at, moved("waste", -1, Some(reason)))?;
                written_off += cost;
            } else {
                restocked += cost;
            }
        }
    }
    orders::insert_return(
        conn,
        &NewReturn {
            id: return_id,
            order: order.id,
            refund_fen,
            restocked_cost_fen: restocked,
            written_off_cost_fen: written_off,
            note: note.clone(),
            lines: lines.into_iter().map(|(l, _)| l).collect(),
        },
        at.now,
        at.origin,
    )?;
    if refund_fen > 0 && refund_fen == owed && from != OrderState::Refunded {
        step(from, OrderState::Refunded).map_err(|e| AppError::Conflict(e.to_string()))?;
        return change_state_in(conn, at, &order.id.to_string(), OrderState::Refunded, &note);
    }
    crate::orders::get_in(conn, order.id)
}

impl App {
    /// Goods back after shipping (into their lots or written off) and money given back.
    pub fn return_order(&mut self, input: &ReturnInput) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| return_order_in(tx, at, input))
    }
}
