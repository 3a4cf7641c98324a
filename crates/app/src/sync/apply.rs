//! Applying one platform order: created, moved along, alerted or held, with its lines priced so
//! that the order comes to what the buyer paid (`domain::sync::price_line`).

use farmstall_domain::order::OrderState;
use farmstall_domain::sync::{self as rules, Alert, PlatformStatus};
use farmstall_marketplace::{PlatformOrder, TradeStatus};
use farmstall_store::rusqlite::Connection;
use farmstall_store::sync as store;
use rust_decimal::Decimal;

use crate::orders::{change_state_in, create_order_in, OrderInput, OrderLineInput, RecipientInput};
use crate::{AppError, At, Result};

fn platform_status(s: TradeStatus) -> PlatformStatus {
    match s {
        TradeStatus::WaitBuyerPay => PlatformStatus::WaitBuyerPay,
        TradeStatus::WaitSellerSendGoods => PlatformStatus::WaitSellerSendGoods,
        TradeStatus::WaitBuyerConfirmGoods => PlatformStatus::WaitBuyerConfirmGoods,
        TradeStatus::Finished => PlatformStatus::Finished,
        TradeStatus::Closed => PlatformStatus::Closed,
        TradeStatus::ClosedByTaobao => PlatformStatus::ClosedByPlatform,
    }
}

pub(crate) fn alert_code(a: Alert) -> &'static str {
    match a {
        Alert::ClosedAfterPacking => "closed_after_packing",
        Alert::RefundedAfterShipping => "refunded_after_shipping",
        Alert::ShippedElsewhere => "shipped_elsewhere",
    }
}

/// What applying one platform order did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created,
    Updated,
    Unchanged,
    Held,
}

/// A platform order as kept aside: enough for the owner to see what it is.
fn held_data(o: &PlatformOrder) -> serde_json::Value {
    serde_json::json!({
        "tid": o.tid,
        "status": o.status.as_wire(),
        "buyer": o.buyer,
        "recipient": o.recipient.name,
        "payment": o.payment.to_string(),
        "lines": o.lines.iter().map(|l| serde_json::json!({
            "numIid": l.num_iid, "skuId": l.sku_id, "outerId": l.outer_id,
            "title": l.title, "quantity": l.quantity, "price": l.price.to_string(),
        })).collect::<Vec<_>>(),
    })
}

/// Applies one platform order in the caller's transaction: creates it, moves it along, raises an
/// alert, or holds it. Applying the same order twice changes nothing the second time.
pub(crate) fn apply_order_in(tx: &Connection, at: At, o: &PlatformOrder) -> Result<Applied> {
    let local = store::order_of(tx, &o.tid)?;
    let local_state = match &local {
        Some(found) => Some(OrderState::parse(&found.state).ok_or_else(|| {
            AppError::Conflict(format!(
                "order {} has an unknown state {}",
                o.tid, found.state
            ))
        })?),
        None => None,
    };
    let plan = rules::reconcile(local_state, platform_status(o.status));
    let (id, applied) = match (local, plan.create_as) {
        (Some(found), _) => (
            found.id.to_string(),
            if plan.steps.is_empty() {
                Applied::Unchanged
            } else {
                Applied::Updated
            },
        ),
        (None, Some(create_as)) => {
            let Some(input) = order_input(tx, at, o, create_as)? else {
                return Ok(Applied::Held);
            };
            match create_order_in(tx, at, &input) {
                Ok(dto) => (dto.id, Applied::Created),
                Err(e @ AppError::Invalid(_)) => {
                    hold_as(
                        tx,
                        at,
                        o,
                        WaitsFor::Nothing,
                        &format!("the order cannot be stored as it is: {e}"),
                    )?;
                    return Ok(Applied::Held);
                }
                Err(other) => return Err(other),
            }
        }
        (None, None) => return Ok(Applied::Unchanged),
    };
    for next in &plan.steps {
        change_state_in(tx, at, &id, *next, "marketplace")?;
    }
    if let Some(alert) = plan.alert {
        let order = crate::farmers::parse_id(&id)?;
        store::raise_alert(tx, order, alert_code(alert), &o.tid, at.now)?;
    }
    store::release_held(tx, &o.tid)?;
    Ok(applied)
}

/// Applies one platform order inside a savepoint of the caller's transaction: when it cannot be
/// stored (a database refusal, a rule it breaks), what it wrote is undone and it is held whole, so
/// the orders around it still go in.
pub(super) fn apply_in_savepoint(tx: &Connection, at: At, o: &PlatformOrder) -> Result<Applied> {
    tx.execute_batch("SAVEPOINT platform_order")
        .map_err(farmstall_store::StoreError::from)?;
    match apply_order_in(tx, at, o) {
        Ok(applied) => {
            tx.execute_batch("RELEASE platform_order")
                .map_err(farmstall_store::StoreError::from)?;
            Ok(applied)
        }
        Err(e) => {
            tx.execute_batch("ROLLBACK TO platform_order; RELEASE platform_order")
                .map_err(farmstall_store::StoreError::from)?;
            hold_as(
                tx,
                at,
                o,
                WaitsFor::Nothing,
                &format!("the order could not be stored: {e}"),
            )?;
            Ok(Applied::Held)
        }
    }
}

/// Why an order is held: what it waits for decides whether a round asks the platform for it
/// again. One that waits for a listing to be mapped, or for the platform to answer, is asked
/// for every round; one that cannot be stored as it is (amounts out of bounds, a rule it breaks)
/// is not, until the platform changes it (then it is in a pull's window again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum WaitsFor {
    Listing,
    Platform,
    Nothing,
}

impl WaitsFor {
    pub(super) fn code(self) -> &'static str {
        match self {
            WaitsFor::Listing => "listing",
            WaitsFor::Platform => "platform",
            WaitsFor::Nothing => "",
        }
    }

    /// Whether a held order's data says it is worth asking for again.
    pub(super) fn asks_again(data: &serde_json::Value) -> bool {
        matches!(
            data.get("waitsFor").and_then(|w| w.as_str()),
            Some("listing" | "platform")
        )
    }
}

fn hold_as(
    tx: &Connection,
    at: At,
    o: &PlatformOrder,
    waits_for: WaitsFor,
    reason: &str,
) -> Result<()> {
    let mut data = held_data(o);
    data["waitsFor"] = waits_for.code().into();
    store::hold(tx, &o.tid, &data, reason, at.now)?;
    Ok(())
}

/// A platform line and the listing it sold.
struct MappedLine<'a> {
    line: &'a farmstall_marketplace::PlatformLine,
    listing: store::ListingRow,
}

/// The local order for a platform order, or None (and the order held) when a line's listing
/// sells no product here or its amounts cannot be stored.
fn order_input(
    tx: &Connection,
    at: At,
    o: &PlatformOrder,
    state: OrderState,
) -> Result<Option<OrderInput>> {
    let mut mapped = Vec::with_capacity(o.lines.len());
    for l in &o.lines {
        let Some(listing) = store::listing_for_line(tx, &l.num_iid, &l.sku_id, &l.outer_id)? else {
            hold_as(
                tx,
                at,
                o,
                WaitsFor::Listing,
                &format!(
                    "listing {} ({}) sells no product here: say which product it is in the sync settings",
                    l.num_iid, l.title
                ),
            )?;
            return Ok(None);
        };
        mapped.push(MappedLine { line: l, listing });
    }
    let lines = match price_lines(o, &mapped) {
        Ok(lines) => lines,
        Err(e) => {
            hold_as(
                tx,
                at,
                o,
                WaitsFor::Nothing,
                &format!("the order's amounts cannot be stored: {e}"),
            )?;
            return Ok(None);
        }
    };
    let post_fee = rules::platform_money("post_fee", o.post_fee);
    let r = &o.recipient;
    Ok(Some(OrderInput {
        source: "taobao".into(),
        platform_order_id: o.tid.clone(),
        buyer: one_line(&o.buyer),
        recipient: RecipientInput {
            name: one_line(&r.name),
            phone: one_line(&r.mobile),
            province: one_line(&r.province),
            city: one_line(&r.city),
            district: one_line(&r.district),
            street: one_line(&r.address),
            postcode: one_line(&r.postcode),
        },
        lines,
        shipping_fee: post_fee.map(|m| m.to_string()).unwrap_or_default(),
        buyer_note: o.buyer_message.clone(),
        seller_note: o.seller_memo.clone(),
        ordered_on: o
            .created
            .with_timezone(&farmstall_domain::clock::shanghai())
            .date_naive()
            .to_string(),
        state: state.code().to_string(),
    }))
}

/// A name or address part as one line: buyers paste addresses with line breaks and tabs, which a
/// person's form would not let through (`bad_character`); from the platform they become one space
/// each, and other control characters go, so the order is stored instead of held.
pub(crate) fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The order's lines, priced so that they and the shipping fee come to what the buyer paid, to
/// the fen (`domain::sync::price_line`). Every amount is bounded before it is computed with.
fn price_lines(
    o: &PlatformOrder,
    mapped: &[MappedLine<'_>],
) -> std::result::Result<Vec<OrderLineInput>, rules::PriceError> {
    let quantity_refused = |l: &farmstall_marketplace::PlatformLine| rules::PriceError::Quantity {
        field: format!("line {} quantity", l.oid),
        value: l.quantity.to_string(),
    };
    let mut amounts = Vec::with_capacity(mapped.len());
    for m in mapped {
        let l = m.line;
        // The listing's pieces in the product's sale unit.
        let quantity = Decimal::new(m.listing.sale_milli, 3)
            .checked_mul(Decimal::from(l.quantity))
            .ok_or_else(|| quantity_refused(l))?;
        let listed = l
            .price
            .checked_mul(Decimal::from(l.quantity))
            .ok_or_else(|| rules::PriceError::Amount {
                field: format!("line {} price", l.oid),
                value: l.price.to_string(),
            })?;
        amounts.push(rules::PlatformAmounts {
            quantity,
            listed: rules::platform_money(&format!("line {} price", l.oid), listed)?,
            paid: rules::platform_money(&format!("line {} payment", l.oid), l.payment)?,
        });
    }
    let post_fee = rules::platform_money("post_fee", o.post_fee)?;
    let payment = rules::platform_money("payment", o.payment)?;
    // What each line was paid, so that the lines and the fee come to the order's payment.
    let paid_each: Vec<_> = amounts.iter().map(|a| a.paid).collect();
    let paid_each = rules::paid_per_line(&paid_each, post_fee, payment)?;
    let mut lines = Vec::with_capacity(mapped.len());
    for ((m, amount), paid) in mapped.iter().zip(amounts).zip(paid_each) {
        for priced in rules::price_line(rules::PlatformAmounts { paid, ..amount })? {
            lines.push(OrderLineInput {
                product_id: m.listing.product.to_string(),
                quantity: priced.quantity.normalize().to_string(),
                unit_price: priced.unit_price.to_string(),
                discount: priced.discount.to_string(),
            });
        }
    }
    Ok(lines)
}
