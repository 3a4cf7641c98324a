//! Use cases: orders — entering one by hand, listing and finding them, paying and cancelling.
//!
//! Stock follows `domain::order::step`: a paid order reserves its goods in their lots, first
//! expiry first (as much as is there: an order for more than is available is still taken, and
//! packing refuses it with what is short); cancelling before packing releases the reservation.

use chrono::NaiveDate;
use farmstall_domain::fefo::{allocate, Expired};
use farmstall_domain::order::{step, OrderState, StockEffect};
use farmstall_domain::validate::{
    money_not_negative, optional_date, optional_text, phone, positive_quantity, required_text,
    LONG_TEXT, SHORT_TEXT,
};
use farmstall_domain::{Checker, FieldError, Id, Money, Quantity, Rule};
use farmstall_store::orders::{self, NewOrder, NewOrderLine, OrderFilter, OrderRow, Recipient};
use farmstall_store::products;
use farmstall_store::rusqlite::Connection;
use farmstall_store::stock::{self, Movement};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::stock::{lookup_required, milli_text, one_of};
use crate::{App, AppError, At, Result};

/// Where an order came from.
pub const SOURCES: [&str; 6] = ["taobao", "pinduoduo", "douyin", "wechat", "phone", "market"];

/// The sources that are platforms: their orders carry the platform's order id and come in by sync
/// or by export file.
pub const PLATFORM_SOURCES: [&str; 3] = ["taobao", "pinduoduo", "douyin"];

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct RecipientInput {
    pub name: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub postcode: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderLineInput {
    pub product_id: String,
    /// In the product's sale unit (boxes of 5 jin), at most 3 decimals.
    pub quantity: String,
    /// Yuan per sale unit; empty = the product's price.
    pub unit_price: String,
    /// Yuan off this line; empty = none.
    pub discount: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderInput {
    #[ts(type = "OrderSource")]
    pub source: String,
    /// The platform's order id, if there is one; unique per source.
    pub platform_order_id: String,
    pub buyer: String,
    pub recipient: RecipientInput,
    pub lines: Vec<OrderLineInput>,
    /// Yuan the buyer paid for shipping; empty = 0.
    pub shipping_fee: String,
    pub buyer_note: String,
    pub seller_note: String,
    /// `YYYY-MM-DD`; empty = today.
    pub ordered_on: String,
    /// `paid` (default: phone and WeChat orders are usually paid first) or `waiting_payment`.
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OrderLine")]
pub struct OrderLineDto {
    pub product_id: String,
    pub product_name: String,
    pub sale_unit: String,
    pub quantity: String,
    /// The same quantity in the product's stock unit (what leaves stock, what can come back).
    pub stock_unit: String,
    pub stock_quantity: String,
    /// The product's barcode, to tick the line off by scanning when packing.
    pub barcode: Option<String>,
    /// The product name's full pinyin and initials ("mihoutao mht"), to tick the line off by
    /// typing them when packing.
    pub search_key: String,
    pub unit_price: String,
    pub discount: String,
    pub line_total: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Order")]
pub struct OrderDto {
    pub id: String,
    pub number: String,
    #[ts(type = "OrderSource")]
    pub source: String,
    pub platform_order_id: Option<String>,
    #[ts(type = "OrderState")]
    pub state: String,
    pub buyer: String,
    pub recipient: RecipientInput,
    pub lines: Vec<OrderLineDto>,
    pub goods: String,
    pub shipping_fee: String,
    /// Goods + shipping fee: what the buyer paid.
    pub total: String,
    pub buyer_note: String,
    pub seller_note: String,
    pub ordered_on: String,
    pub courier: Option<String>,
    pub waybill: Option<String>,
    /// Who packed it; set once packed.
    pub packed_by: Option<String>,
    pub weight_kg: Option<String>,
    /// What the goods and the packaging cost (each lot's own cost); set once packed.
    pub goods_cost: Option<String>,
    pub packaging_cost: Option<String>,
    pub shipping_cost: Option<String>,
    /// Total − refunded − (goods cost − cost of goods back in stock) − packaging cost − shipping
    /// cost; once packed (shipping cost 0 until shipped).
    pub margin: Option<String>,
    /// Money given back over all returns.
    pub refunded: String,
    /// Goods that came back and money given back, oldest first.
    pub returns: Vec<OrderReturnDto>,
    pub created_at: String,
    pub updated_at: String,
    /// The platform gave the recipient masked or encrypted: only the platform's own electronic
    /// waybill can be printed for it (the packing slip and pick list still work).
    pub masked: bool,
    /// Sales history from before the shop kept stock here: counts in reports, moved no stock.
    pub history: bool,
    /// When it is due to ship (RFC 3339): the platform's ship-by time, else 48 hours after payment.
    pub due_at: Option<String>,
    /// When its waybill went to the platform in a bulk-shipping file.
    pub shipment_exported_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReturnedLine {
    pub product_name: String,
    pub quantity: String,
    pub stock_unit: String,
    #[ts(type = "\"restock\" | \"waste\"")]
    pub disposition: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "OrderReturn")]
pub struct OrderReturnDto {
    pub at: String,
    pub refund: String,
    pub restocked_cost: String,
    pub written_off_cost: String,
    pub note: String,
    pub lines: Vec<ReturnedLine>,
}

/// Packing one order: the goods leave their lots first expiry first, and the packaging used.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PackInput {
    pub order_id: String,
    /// Boxes, ice packs, nets, tape: each a product and a quantity in its stock unit.
    pub packaging: Vec<crate::production::InputLine>,
    /// Parcel weight in kg, at most 3 decimals; may be empty.
    pub weight_kg: String,
    /// Who packed it (the family member working).
    pub packed_by: String,
}

/// Handing a packed order to the courier.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ShipInput {
    pub order_id: String,
    #[ts(type = "Courier")]
    pub courier: String,
    pub waybill: String,
    /// Yuan the courier charges; empty = 0.
    pub shipping_cost: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct OrderQuery {
    /// Any of these states; empty = all.
    #[ts(type = "OrderState[]")]
    pub states: Vec<String>,
    /// `YYYY-MM-DD`, both included; empty = open.
    pub from: String,
    pub to: String,
    pub product_id: String,
    pub province: String,
    #[ts(type = "OrderSource | \"\"")]
    pub source: String,
    /// Order number, platform id, buyer, recipient, phone, address or waybill; Chinese works.
    pub search: String,
    /// `newest` (default), `oldest`, `total` (largest first) or `due` (due to ship soonest first).
    pub sort: String,
    pub limit: u32,
    pub offset: u32,
    /// The id of the last row of the page before, to start after it: keyset paging, as quick
    /// deep in a long list as at its top. Absent or empty: start at `offset`. Lists that page
    /// this way answer with `next`.
    #[ts(optional)]
    pub after: Option<String>,
}

impl Default for OrderQuery {
    fn default() -> OrderQuery {
        OrderQuery {
            states: Vec::new(),
            from: String::new(),
            to: String::new(),
            product_id: String::new(),
            province: String::new(),
            source: String::new(),
            search: String::new(),
            sort: String::new(),
            limit: 50,
            offset: 0,
            after: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OrderPage {
    pub items: Vec<OrderDto>,
    pub total: u32,
    /// The id to pass as `after` for the page after this one; absent on the last page.
    #[ts(optional = nullable)]
    pub next: Option<String>,
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

fn order_dto(conn: &Connection, o: &OrderRow) -> Result<OrderDto> {
    let r = &o.recipient;
    let chinese = farmstall_store::shop::language(conn)? == farmstall_domain::Language::ZhCn;
    let returns = orders::returns_of(conn, o.id)?
        .into_iter()
        .map(|ret| OrderReturnDto {
            at: ret.at,
            refund: yuan(ret.refund_fen),
            restocked_cost: yuan(ret.restocked_cost_fen),
            written_off_cost: yuan(ret.written_off_cost_fen),
            note: ret.note,
            lines: ret
                .lines
                .into_iter()
                .map(|(name, unit, milli, disposition)| ReturnedLine {
                    product_name: name,
                    stock_unit: farmstall_domain::Unit::parse(&unit)
                        .map_or(unit, |u| u.label(chinese)),
                    quantity: milli_text(milli),
                    disposition,
                })
                .collect(),
        })
        .collect();
    Ok(OrderDto {
        id: o.id.to_string(),
        number: o.number.clone(),
        source: o.source.clone(),
        platform_order_id: o.platform_order_id.clone(),
        state: o.state.clone(),
        buyer: o.buyer.clone(),
        recipient: RecipientInput {
            name: r.name.clone(),
            phone: r.phone.clone(),
            province: r.province.clone(),
            city: r.city.clone(),
            district: r.district.clone(),
            street: r.street.clone(),
            postcode: r.postcode.clone(),
        },
        lines: o
            .lines
            .iter()
            .map(|l| OrderLineDto {
                product_id: l.product.to_string(),
                product_name: l.product_name.clone(),
                sale_unit: l.sale_unit.clone(),
                quantity: milli_text(l.quantity_milli),
                stock_unit: l.stock_unit.clone(),
                stock_quantity: milli_text(l.stock_milli),
                barcode: l.barcode.clone(),
                search_key: farmstall_domain::text::search_key(&l.product_name),
                unit_price: yuan(l.unit_price_fen),
                discount: yuan(l.discount_fen),
                line_total: yuan(l.line_fen),
            })
            .collect(),
        goods: yuan(o.goods_fen),
        shipping_fee: yuan(o.shipping_fee_fen),
        total: yuan(o.goods_fen + o.shipping_fee_fen),
        buyer_note: o.buyer_note.clone(),
        seller_note: o.seller_note.clone(),
        ordered_on: stock::date_text(o.ordered_on),
        courier: o.courier.clone(),
        waybill: o.waybill.clone(),
        packed_by: o.packed_by.clone(),
        weight_kg: o
            .weight_grams
            .map(|g| rust_decimal::Decimal::new(g, 3).normalize().to_string()),
        goods_cost: o.goods_cost_fen.map(yuan),
        packaging_cost: o.packaging_cost_fen.map(yuan),
        shipping_cost: o.shipping_cost_fen.map(yuan),
        margin: o.goods_cost_fen.map(|goods| {
            yuan(
                o.goods_fen + o.shipping_fee_fen
                    - o.refunded_fen
                    - (goods - o.restocked_cost_fen)
                    - o.packaging_cost_fen.unwrap_or(0)
                    - o.shipping_cost_fen.unwrap_or(0),
            )
        }),
        refunded: yuan(o.refunded_fen),
        returns,
        created_at: o.created_at.clone(),
        updated_at: o.updated_at.clone(),
        masked: o.masked,
        history: o.history,
        due_at: o.due_at.clone(),
        shipment_exported_at: o.shipment_exported_at.clone(),
    })
}

/// A postcode: empty or six digits.
fn postcode(text: &str) -> Result<String, FieldError> {
    let text = text.trim();
    if text.is_empty() || (text.len() == 6 && text.chars().all(|c| c.is_ascii_digit())) {
        Ok(text.to_string())
    } else {
        Err(FieldError::new(
            "recipient.postcode",
            Rule::NotANumber,
            "recipient.postcode is six digits, e.g. 550200, or empty",
        ))
    }
}

fn check_line(
    conn: &Connection,
    c: &mut Checker,
    i: usize,
    line: &OrderLineInput,
) -> Result<Option<NewOrderLine>> {
    let f = |name: &str| format!("lines.{i}.{name}");
    let product = lookup_required(
        conn,
        c,
        &f("productId"),
        "product",
        &line.product_id,
        products::get,
        |p| p.archived_at.is_none(),
    )?;
    let quantity = c.check(positive_quantity(&f("quantity"), &line.quantity));
    let price = if line.unit_price.trim().is_empty() {
        Some(None)
    } else {
        c.check(money_not_negative(&f("unitPrice"), &line.unit_price))
            .map(Some)
    };
    let discount = if line.discount.trim().is_empty() {
        Some(Money::from_fen(0))
    } else {
        c.check(money_not_negative(&f("discount"), &line.discount))
    };
    let (Some(product), Some(quantity), Some(price), Some(discount)) =
        (product, quantity, price, discount)
    else {
        return Ok(None);
    };
    let d = &product.details;
    let sale = Quantity::new(quantity, d.sale_unit);
    let (Ok(quantity_milli), Ok(stock_milli)) = (
        sale.to_milli(),
        sale.to(d.stock_unit).and_then(|q| q.to_milli()),
    ) else {
        c.check::<()>(Err(FieldError::new(
            &f("quantity"),
            Rule::TooManyDecimals,
            format!("{} is finer than a thousandth", f("quantity")),
        )
        .with("max", "3")));
        return Ok(None);
    };
    let price = price.unwrap_or(d.price);
    let gross = Money::line_total(price.yuan(), quantity).map_err(|e| {
        AppError::from(FieldError::new(
            &f("quantity"),
            Rule::NotANumber,
            format!("{}: {e}", f("quantity")),
        ))
    })?;
    if discount.fen() > gross.fen() {
        c.check::<()>(Err(FieldError::new(
            &f("discount"),
            Rule::MoreThanOwed,
            format!(
                "{}: the discount is more than the line's ¥{gross}",
                f("discount")
            ),
        )
        .with("owed", gross.to_string())));
        return Ok(None);
    }
    Ok(Some(NewOrderLine {
        product: product.id,
        quantity_milli,
        stock_milli,
        unit_price_fen: price.fen(),
        discount_fen: discount.fen(),
        line_fen: gross.fen() - discount.fen(),
    }))
}

fn check_order(conn: &Connection, input: &OrderInput, today: NaiveDate) -> Result<NewOrder> {
    check_order_as(conn, input, today, false)
}

/// Checks an order; `masked`: the platform gave the recipient masked or encrypted, so the name,
/// phone and street may be empty or hidden and are kept as given.
pub(crate) fn check_order_as(
    conn: &Connection,
    input: &OrderInput,
    today: NaiveDate,
    masked: bool,
) -> Result<NewOrder> {
    let mut c = Checker::new();
    let source = c.check(one_of(
        "source",
        &input.source,
        &SOURCES,
        Rule::UnknownRecord,
        "source must be taobao, pinduoduo, douyin, wechat, phone or market",
    ));
    let platform_order_id = c.check(optional_text(
        "platformOrderId",
        &input.platform_order_id,
        SHORT_TEXT,
    ));
    let buyer = c.check(optional_text("buyer", &input.buyer, SHORT_TEXT));
    let r = &input.recipient;
    let (name, phone, street) = if masked {
        (
            c.check(optional_text("recipient.name", &r.name, SHORT_TEXT)),
            c.check(optional_text("recipient.phone", &r.phone, SHORT_TEXT)),
            c.check(optional_text("recipient.street", &r.street, 200)),
        )
    } else {
        (
            c.check(required_text("recipient.name", &r.name, SHORT_TEXT)),
            c.check(phone("recipient.phone", &r.phone, true)),
            c.check(required_text("recipient.street", &r.street, 200)),
        )
    };
    let province = c.check(required_text("recipient.province", &r.province, SHORT_TEXT));
    let city = c.check(optional_text("recipient.city", &r.city, SHORT_TEXT));
    let district = c.check(optional_text("recipient.district", &r.district, SHORT_TEXT));
    let postcode = c.check(postcode(&r.postcode));
    if input.lines.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "lines",
            Rule::Required,
            "an order needs at least one line",
        )));
    }
    let mut lines = Vec::with_capacity(input.lines.len());
    for (i, line) in input.lines.iter().enumerate() {
        if let Some(line) = check_line(conn, &mut c, i, line)? {
            lines.push(line);
        }
    }
    let shipping_fee = if input.shipping_fee.trim().is_empty() {
        Some(Money::from_fen(0))
    } else {
        c.check(money_not_negative("shippingFee", &input.shipping_fee))
    };
    let buyer_note = c.check(optional_text("buyerNote", &input.buyer_note, LONG_TEXT));
    let seller_note = c.check(optional_text("sellerNote", &input.seller_note, LONG_TEXT));
    let ordered_on = c
        .check(optional_date("orderedOn", &input.ordered_on))
        .map(|d| d.unwrap_or(today));
    let state = match input.state.trim() {
        "" | "paid" => Some(OrderState::Paid),
        "waiting_payment" => Some(OrderState::WaitingPayment),
        _ => c.check(Err(FieldError::new(
            "state",
            Rule::UnknownRecord,
            "a new order is paid or waiting_payment",
        ))),
    };
    c.finish()?;
    let (
        Some(source),
        Some(platform_order_id),
        Some(buyer),
        Some(name),
        Some(phone),
        Some(province),
        Some(city),
        Some(district),
        Some(street),
        Some(postcode),
        Some(shipping_fee),
        Some(buyer_note),
        Some(seller_note),
        Some(ordered_on),
        Some(state),
    ) = (
        source,
        platform_order_id,
        buyer,
        name,
        phone,
        province,
        city,
        district,
        street,
        postcode,
        shipping_fee,
        buyer_note,
        seller_note,
        ordered_on,
        state,
    )
    else {
        return Err(AppError::Conflict("the order could not be checked".into()));
    };
    Ok(NewOrder {
        id: Id::generate(),
        source,
        platform_order_id: (!platform_order_id.is_empty()).then_some(platform_order_id),
        state: state.code().to_string(),
        buyer,
        recipient: Recipient {
            name,
            phone,
            province,
            city,
            district,
            street,
            postcode,
        },
        shipping_fee_fen: shipping_fee.fen(),
        buyer_note,
        seller_note,
        ordered_on,
        lines,
        masked,
        history: false,
        paid_at: None,
        ship_by: None,
    })
}

/// Reserves each line's stock in its lots, first expiry first, as much as there is.
fn reserve(conn: &Connection, order: &OrderRow, at: At) -> Result<()> {
    for line in &order.lines {
        let lots = stock::fefo_lots(conn, line.product)?;
        let stocks: Vec<_> = lots.iter().map(|l| l.stock.clone()).collect();
        let usable: i64 = stocks
            .iter()
            .filter(|s| s.best_before.is_none_or(|d| d >= at.today))
            .map(|s| s.available_milli)
            .sum();
        let want = line.stock_milli.min(usable);
        if want <= 0 {
            continue;
        }
        let Ok(plan) = allocate(&stocks, want, at.today, Expired::Skip) else {
            continue;
        };
        for take in plan.takes {
            post_for(
                conn,
                at,
                Movement {
                    reserved_milli: take.milli,
                    ..movement(order, at, take.lot, "reserve")
                },
            )?;
        }
    }
    Ok(())
}

/// A movement of `order`'s stock that changes nothing yet: noted with the order's number and
/// referenced by its id, so `stock::reserved_by` and `stock::taken_by` find it.
pub(crate) fn movement<'a>(order: &'a OrderRow, at: At, lot: Id, kind: &'a str) -> Movement<'a> {
    Movement {
        lot,
        kind,
        on_hand_milli: 0,
        reserved_milli: 0,
        cost_fen: 0,
        reason: None,
        note: &order.number,
        reference: Some(order.id.to_string()),
        business_date: at.today,
    }
}

pub(crate) fn post_for(conn: &Connection, at: At, m: Movement<'_>) -> Result<()> {
    Ok(stock::post(conn, &m, at.now, at.origin)?)
}

/// Gives back whatever the order still holds reserved in each lot.
fn release(conn: &Connection, order: &OrderRow, at: At) -> Result<()> {
    let held = stock::reserved_by(conn, &order.id.to_string())?;
    for (lot, milli) in held {
        post_for(
            conn,
            at,
            Movement {
                reserved_milli: -milli,
                ..movement(order, at, lot, "release")
            },
        )?;
    }
    Ok(())
}

/// Moves an order to `to`, applying what the step does to stock. Packing is its own use case.
fn move_to(conn: &Connection, order: &OrderRow, to: OrderState, note: &str, at: At) -> Result<()> {
    let from = OrderState::parse(&order.state)
        .ok_or_else(|| AppError::Conflict(format!("unknown order state {:?}", order.state)))?;
    let effect = step(from, to).map_err(|e| {
        AppError::from(
            FieldError::new("state", Rule::NotAllowed, format!("state: {e}"))
                .with("from", from.code())
                .with("to", to.code()),
        )
    })?;
    match effect {
        StockEffect::None => {}
        StockEffect::Reserve => reserve(conn, order, at)?,
        StockEffect::Release => release(conn, order, at)?,
        StockEffect::PutBack => put_back(conn, order, at)?,
        StockEffect::Allocate => {
            return Err(AppError::Conflict(
                "an order is packed with pack_order, which says what packaging was used".into(),
            ))
        }
    }
    orders::set_state(
        conn,
        order.id,
        from.code(),
        to.code(),
        note,
        at.now,
        at.origin,
    )?;
    let given_before_packing = effect == StockEffect::Release && order.waybill.is_some();
    if (effect == StockEffect::PutBack || given_before_packing) && to.is_final() {
        // Cancelled or refunded before it left (packed, or given its waybill before packing):
        // its waybill is free for another parcel.
        orders::clear_waybill(conn, order.id, at.now, at.origin)?;
    }
    if to.holds_reservation() && effect == StockEffect::PutBack {
        // Unpacked: it waits to be packed again, so its goods are reserved again.
        reserve(conn, order, at)?;
    }
    Ok(())
}

/// Puts everything packing took back into the lots it came from, at the cost it left with.
fn put_back(conn: &Connection, order: &OrderRow, at: At) -> Result<()> {
    for (lot, milli, fen) in stock::taken_by(conn, &order.id.to_string())? {
        post_for(
            conn,
            at,
            Movement {
                on_hand_milli: milli,
                cost_fen: fen,
                ..movement(order, at, lot, "return")
            },
        )?;
    }
    orders::set_packed(conn, order.id, None, at.now, at.origin)?;
    Ok(())
}

/// What to take from stock for packing: a field to report a shortage on, and the product.
struct Need<'a> {
    field: String,
    product: Id,
    product_name: &'a str,
    unit: String,
    milli: i64,
}

/// Takes what `need` says from its lots first expiry first (expired lots skipped) and returns
/// the cost that left, or notes at `need.field` how much there is.
fn take_fefo(
    conn: &Connection,
    c: &mut Checker,
    need: &Need<'_>,
    order: &OrderRow,
    at: At,
) -> Result<i64> {
    let lots = stock::fefo_lots(conn, need.product)?;
    let stocks: Vec<_> = lots.iter().map(|l| l.stock.clone()).collect();
    let unit = &need.unit;
    match allocate(&stocks, need.milli, at.today, Expired::Skip) {
        Ok(plan) => {
            let mut cost = 0;
            for take in plan.takes {
                let Some(lot) = lots.iter().find(|l| l.stock.lot == take.lot) else {
                    continue;
                };
                let fen = farmstall_domain::fefo::cost_out(
                    lot.cost_on_hand_fen,
                    lot.on_hand_milli,
                    take.milli,
                );
                post_for(
                    conn,
                    at,
                    Movement {
                        on_hand_milli: -take.milli,
                        cost_fen: -fen,
                        ..movement(order, at, take.lot, "allocate")
                    },
                )?;
                cost += fen;
            }
            Ok(cost)
        }
        Err(short) => {
            let expired = if short.expired_milli > 0 {
                format!(
                    " ({} {unit} more in expired lots)",
                    milli_text(short.expired_milli)
                )
            } else {
                String::new()
            };
            let field = &need.field;
            c.check::<()>(Err(FieldError::new(
                field,
                Rule::NotEnoughStock,
                format!(
                    "{field}: {} {unit} of {} are needed, only {} {unit} can be packed{expired}",
                    milli_text(need.milli),
                    need.product_name,
                    milli_text(short.available_milli),
                ),
            )
            .with("available", milli_text(short.available_milli))
            .with("unit", need.unit.clone())));
            Ok(0)
        }
    }
}

pub(crate) fn pack_order_in(conn: &Connection, at: At, input: &PackInput) -> Result<OrderDto> {
    let id = parse_id(&input.order_id)?;
    let order = orders::get_order(conn, id)?;
    let from = OrderState::parse(&order.state)
        .ok_or_else(|| AppError::Conflict(format!("unknown order state {:?}", order.state)))?;
    step(from, OrderState::Packed).map_err(|e| {
        AppError::from(
            FieldError::new("orderId", Rule::NotAllowed, format!("orderId: {e}"))
                .with("from", from.code())
                .with("to", OrderState::Packed.code()),
        )
    })?;
    let mut c = Checker::new();
    // Nobody named: the family member working now packed it.
    let named = if input.packed_by.trim().is_empty() {
        farmstall_store::members::current(conn)?.map_or_else(String::new, |m| m.name)
    } else {
        input.packed_by.clone()
    };
    let packed_by = c.check(required_text("packedBy", &named, SHORT_TEXT));
    let weight_grams = c.check(
        farmstall_domain::validate::optional_positive_decimal("weightKg", &input.weight_kg, 3)
            .and_then(|kg| {
                kg.map(|kg| {
                    farmstall_domain::validate::milli(
                        "weightKg",
                        kg,
                        farmstall_domain::validate::MAX_QUANTITY,
                    )
                })
                .transpose()
            }),
    );
    let mut packaging = Vec::new();
    for (i, line) in input.packaging.iter().enumerate() {
        let f = |name: &str| format!("packaging.{i}.{name}");
        let product = lookup_required(
            conn,
            &mut c,
            &f("productId"),
            "product",
            &line.product_id,
            products::get,
            |p| p.archived_at.is_none(),
        )?;
        let quantity = c.check(positive_quantity(&f("quantity"), &line.quantity));
        if let (Some(product), Some(quantity)) = (product, quantity) {
            match Quantity::new(quantity, product.details.stock_unit).to_milli() {
                Ok(milli) => packaging.push((f("quantity"), product, milli)),
                Err(_) => {
                    c.check::<()>(Err(FieldError::new(
                        &f("quantity"),
                        Rule::TooManyDecimals,
                        format!("{} has at most 3 decimal places", f("quantity")),
                    )
                    .with("max", "3")));
                }
            }
        }
    }
    c.finish()?;
    let (Some(packed_by), Some(weight_grams)) = (packed_by, weight_grams) else {
        return Err(AppError::Conflict(
            "the packing could not be checked".into(),
        ));
    };
    // The reservation becomes the allocation: give it back, then take FEFO on the packing day.
    release(conn, &order, at)?;
    let mut c = Checker::new();
    let mut goods_cost = 0;
    for (i, line) in order.lines.iter().enumerate() {
        let need = Need {
            field: format!("lines.{i}"),
            product: line.product,
            product_name: &line.product_name,
            unit: line.stock_unit.clone(),
            milli: line.stock_milli,
        };
        goods_cost += take_fefo(conn, &mut c, &need, &order, at)?;
    }
    let mut packaging_cost = 0;
    for (field, product, milli) in &packaging {
        let need = Need {
            field: field.clone(),
            product: product.id,
            product_name: &product.details.name_zh,
            unit: product.details.stock_unit.code(),
            milli: *milli,
        };
        packaging_cost += take_fefo(conn, &mut c, &need, &order, at)?;
    }
    // Anything short refuses the whole packing; the transaction leaves stock as it was.
    c.finish()?;
    orders::set_packed(
        conn,
        order.id,
        Some(&orders::Packed {
            packed_by: packed_by.clone(),
            weight_grams,
            goods_cost_fen: goods_cost,
            packaging_cost_fen: packaging_cost,
        }),
        at.now,
        at.origin,
    )?;
    orders::set_state(
        conn,
        order.id,
        from.code(),
        OrderState::Packed.code(),
        &packed_by,
        at.now,
        at.origin,
    )?;
    get_in(conn, order.id)
}

/// Checks a courier, waybill and shipping cost as typed.
/// A checked courier, waybill and shipping cost.
struct Shipment {
    courier: farmstall_domain::Courier,
    waybill: String,
    cost: Money,
}

fn check_shipment(input: &ShipInput) -> Result<Shipment> {
    let mut c = Checker::new();
    let courier = match farmstall_domain::Courier::parse(&input.courier) {
        Some(courier) => Some(courier),
        None => c.check(Err(FieldError::new(
            "courier",
            Rule::UnknownCourier,
            "courier must be SF, ZTO, YTO, STO, YUNDA, JD or EMS",
        ))),
    };
    let waybill = match courier {
        Some(courier) if !input.waybill.trim().is_empty() => {
            c.check(courier.check_waybill(&input.waybill).map_err(|e| {
                FieldError::new("waybill", Rule::BadWaybill, format!("waybill: {e}"))
                    .with("example", e.example)
            }))
        }
        _ => c.check(required_text("waybill", &input.waybill, SHORT_TEXT)),
    };
    let cost = if input.shipping_cost.trim().is_empty() {
        Some(Money::from_fen(0))
    } else {
        c.check(money_not_negative("shippingCost", &input.shipping_cost))
    };
    c.finish()?;
    match (courier, waybill, cost) {
        (Some(courier), Some(waybill), Some(cost)) => Ok(Shipment {
            courier,
            waybill,
            cost,
        }),
        _ => Err(AppError::Conflict(
            "the shipment could not be checked".into(),
        )),
    }
}

fn store_waybill(conn: &Connection, order: &OrderRow, shipment: &Shipment, at: At) -> Result<()> {
    orders::set_shipped(
        conn,
        order.id,
        (
            shipment.courier.code(),
            &shipment.waybill,
            shipment.cost.fen(),
        ),
        at.now,
        at.origin,
    )
    .map_err(|e| match e {
        farmstall_store::StoreError::Conflict(message) => AppError::from(FieldError::new(
            "waybill",
            Rule::Duplicate,
            format!("waybill: {message}"),
        )),
        other => other.into(),
    })
}

/// Gives a paid, packing or packed order its courier and waybill (typed, scanned or from a
/// bought range) so its label can be printed, before packing on a busy day; it ships later.
pub(crate) fn set_waybill_in(conn: &Connection, at: At, input: &ShipInput) -> Result<OrderDto> {
    let id = parse_id(&input.order_id)?;
    let order = orders::get_order(conn, id)?;
    let state = OrderState::parse(&order.state);
    if !matches!(
        state,
        Some(OrderState::Paid | OrderState::Packing | OrderState::Packed)
    ) {
        return Err(FieldError::new(
            "orderId",
            Rule::NotAllowed,
            format!(
                "orderId: an order that is {} cannot get a waybill: only paid orders not shipped yet do",
                order.state
            ),
        )
        .with("from", order.state.clone())
        .with("to", OrderState::Shipped.code())
        .into());
    }
    let shipment = check_shipment(input)?;
    store_waybill(conn, &order, &shipment, at)?;
    get_in(conn, order.id)
}

/// Ships a packed order: with the courier and waybill given, or the ones it was given already
/// (then a shipping cost typed now is kept, and a different courier is refused).
pub(crate) fn ship_order_in(conn: &Connection, at: At, input: &ShipInput) -> Result<OrderDto> {
    let id = parse_id(&input.order_id)?;
    let order = orders::get_order(conn, id)?;
    if order.state != OrderState::Packed.code() {
        // Whatever was typed, an order that is not packed cannot ship: say that first.
        move_to(conn, &order, OrderState::Shipped, "", at)?;
    }
    let shipment = match (&order.courier, &order.waybill) {
        (Some(courier), Some(waybill)) if input.waybill.trim().is_empty() => {
            let kept = farmstall_domain::Courier::parse(courier)
                .ok_or_else(|| AppError::Conflict(format!("unknown courier {courier:?}")))?;
            if !input.courier.trim().is_empty()
                && farmstall_domain::Courier::parse(&input.courier) != Some(kept)
            {
                return Err(AppError::from(FieldError::new(
                    "courier",
                    Rule::NotAllowed,
                    format!(
                        "courier: waybill {waybill} is {}'s; give a new waybill to change the courier",
                        kept.name_zh()
                    ),
                )));
            }
            let cost = if input.shipping_cost.trim().is_empty() {
                Money::from_fen(order.shipping_cost_fen.unwrap_or(0))
            } else {
                money_not_negative("shippingCost", &input.shipping_cost)?
            };
            Shipment {
                courier: kept,
                waybill: waybill.clone(),
                cost,
            }
        }
        _ => check_shipment(input)?,
    };
    move_to(conn, &order, OrderState::Shipped, &shipment.waybill, at)?;
    store_waybill(conn, &order, &shipment, at)?;
    get_in(conn, order.id)
}

pub(crate) fn create_order_in(conn: &Connection, at: At, input: &OrderInput) -> Result<OrderDto> {
    let order = check_order(conn, input, at.today)?;
    insert_checked(conn, at, order)
}

/// Records a checked order; a paid one reserves its goods (sales history never does).
pub(crate) fn insert_checked(conn: &Connection, at: At, order: NewOrder) -> Result<OrderDto> {
    let (id, _) = record_checked(conn, at, &order)?;
    get_in(conn, id)
}

/// [`insert_checked`] without reading the order back as the window shows it (an import of
/// thousands of orders needs only its number); returns the order's id and number.
pub(crate) fn record_checked(conn: &Connection, at: At, order: &NewOrder) -> Result<(Id, String)> {
    let number = orders::insert_order(conn, order, at.now, at.origin).map_err(|e| match e {
        farmstall_store::StoreError::Conflict(message) => AppError::from(FieldError::new(
            "platformOrderId",
            Rule::Duplicate,
            format!("platformOrderId: {message}"),
        )),
        other => other.into(),
    })?;
    if order.state == OrderState::Paid.code() && !order.history {
        let stored = orders::get_order(conn, order.id)?;
        reserve(conn, &stored, at)?;
    }
    Ok((order.id, number))
}

impl App {
    /// Enters an order by hand (WeChat, phone, market stall) or from a marketplace. A paid order
    /// reserves its goods at once.
    pub fn create_order(&mut self, input: &OrderInput) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| create_order_in(tx, at, input))
    }

    pub fn get_order(&mut self, id: &str) -> Result<OrderDto> {
        let id = parse_id(id)?;
        self.store.read(|tx| get_in(tx, id))
    }

    /// Orders by state, dates, product, province, source and text, one page, sorted in SQLite.
    pub fn list_orders(&mut self, query: &OrderQuery) -> Result<OrderPage> {
        let mut c = Checker::new();
        let from = c.check(optional_date("from", &query.from));
        let to = c.check(optional_date("to", &query.to));
        let product = match query.product_id.trim() {
            "" => None,
            id => Some(parse_id(id)?),
        };
        for (i, state) in query.states.iter().enumerate() {
            if OrderState::parse(state).is_none() {
                c.check::<()>(Err(FieldError::new(
                    &format!("states.{i}"),
                    Rule::UnknownRecord,
                    format!("states.{i}: no order state {state:?}"),
                )));
            }
        }
        let after = c.check(crate::dto::after_id(query.after.as_ref()));
        c.finish()?;
        let filter = OrderFilter {
            states: query.states.clone(),
            from: from.flatten(),
            to: to.flatten(),
            product,
            province: (!query.province.trim().is_empty()).then(|| query.province.trim().into()),
            source: (!query.source.trim().is_empty()).then(|| query.source.trim().into()),
            search: query.search.trim().chars().take(100).collect(),
            sort: query.sort.clone(),
            limit: i64::from(query.limit.clamp(1, 500)),
            offset: i64::from(query.offset),
            after: after.flatten(),
        };
        self.store.read(|tx| {
            let page = orders::list_orders(tx, &filter)?;
            Ok(OrderPage {
                next: crate::next_after(&page.items, filter.limit, |o| o.id),
                items: page
                    .items
                    .iter()
                    .map(|o| order_dto(tx, o))
                    .collect::<Result<_>>()?,
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    /// The buyer paid: the order's goods are reserved.
    pub fn mark_order_paid(&mut self, id: &str) -> Result<OrderDto> {
        self.change_state_from(id, OrderState::WaitingPayment, OrderState::Paid, "")
    }

    /// Cancels an order that has not been packed; what it reserved is released.
    pub fn cancel_order(&mut self, id: &str, note: &str) -> Result<OrderDto> {
        self.change_state(id, OrderState::Cancelled, note)
    }

    /// Packs an order: its goods leave their lots first expiry first (refused with what is short),
    /// the packaging used leaves stock too, and the order knows its cost of goods and margin.
    pub fn pack_order(&mut self, input: &PackInput) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| pack_order_in(tx, at, input))
    }

    /// Takes a packed order out of its box: everything goes back into the lots it came from and
    /// the goods are reserved again.
    pub fn unpack_order(&mut self, id: &str) -> Result<OrderDto> {
        self.change_state_from(id, OrderState::Packed, OrderState::Paid, "unpacked")
    }

    /// Hands a packed order to the courier with its waybill.
    pub fn ship_order(&mut self, input: &ShipInput) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| ship_order_in(tx, at, input))
    }

    /// Gives a packed order its courier and waybill, so that its label can be printed.
    pub fn set_waybill(&mut self, input: &ShipInput) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| set_waybill_in(tx, at, input))
    }

    /// The buyer received it.
    pub fn finish_order(&mut self, id: &str) -> Result<OrderDto> {
        self.change_state(id, OrderState::Finished, "")
    }

    fn change_state(&mut self, id: &str, to: OrderState, note: &str) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| change_state_in(tx, at, id, to, note))
    }

    /// Like `change_state`, for a step that only makes sense from one state: paying an order
    /// that waits for payment, unpacking a packed one (both end in `paid`).
    fn change_state_from(
        &mut self,
        id: &str,
        from: OrderState,
        to: OrderState,
        note: &str,
    ) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| {
            let order = orders::get_order(tx, parse_id(id)?)?;
            if order.state != from.code() {
                return Err(AppError::from(
                    FieldError::new(
                        "state",
                        Rule::NotAllowed,
                        format!(
                            "state: order {} is {}, not {}",
                            order.number,
                            order.state,
                            from.code()
                        ),
                    )
                    .with("from", order.state.clone())
                    .with("to", to.code()),
                ));
            }
            change_state_in(tx, at, id, to, note)
        })
    }
}

/// Moves an order to `to` (paid, cancelled, finished, unpacked), applying what that does to stock.
pub(crate) fn change_state_in(
    tx: &Connection,
    at: At,
    id: &str,
    to: OrderState,
    note: &str,
) -> Result<OrderDto> {
    let id = parse_id(id)?;
    let order = orders::get_order(tx, id)?;
    move_to(tx, &order, to, note, at)?;
    get_in(tx, id)
}

/// One order as the UI shows it, read inside a use case's transaction.
pub(crate) fn get_in(conn: &Connection, id: Id) -> Result<OrderDto> {
    order_dto(conn, &orders::get_order(conn, id)?)
}
