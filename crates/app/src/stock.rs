//! Use cases: receiving purchases from farmers, listing lots, recording waste.

use chrono::{Duration, NaiveDate};
use farmstall_domain::fefo::cost_out;
use farmstall_domain::validate::{
    money_not_negative, optional_date, optional_text, optional_unit_price, positive_quantity,
    required_text, unit, LONG_TEXT,
};
use farmstall_domain::{Checker, FieldError, Id, Money, Quantity, Rule, Unit};
use farmstall_store::stock::{self, LotFilter, LotRow, Movement, NewLot, NewPurchase, PurchaseRow};
use farmstall_store::{farmers, products, rusqlite::Connection};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, Result};

/// How a purchase was paid; `owed` means the shop owes the farmer.
pub const PAYMENTS: [&str; 5] = ["owed", "cash", "wechat", "alipay", "bank"];
/// Why stock was thrown away or taken out.
pub const WASTE_REASONS: [&str; 4] = ["spoiled", "damaged", "sample", "own_use"];

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PurchaseLineInput {
    pub product_id: String,
    pub grade: String,
    pub quantity: String,
    /// Empty = the product's stock unit.
    pub unit: String,
    /// Yuan per `unit`, at most 4 decimals; give this or `lineTotal`.
    pub unit_price: String,
    /// Yuan, at most 2 decimals.
    pub line_total: String,
    pub harvested_on: String,
    /// Empty = (harvest or receive date) + the product's shelf life.
    pub best_before: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PurchaseInput {
    pub farmer_id: String,
    /// `YYYY-MM-DD`; empty = today.
    pub received_on: String,
    #[ts(type = "Payment")]
    pub payment: String,
    pub note: String,
    pub lines: Vec<PurchaseLineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "PurchaseLine")]
pub struct PurchaseLineDto {
    pub lot_id: String,
    pub product_id: String,
    pub product_name: String,
    pub grade: String,
    pub quantity: String,
    pub unit: String,
    pub unit_price: String,
    pub line_total: String,
    pub best_before: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Purchase")]
pub struct PurchaseDto {
    pub id: String,
    pub farmer_id: String,
    pub farmer_name: String,
    pub received_on: String,
    #[ts(type = "Payment")]
    pub payment: String,
    pub total: String,
    pub note: String,
    pub lines: Vec<PurchaseLineDto>,
    pub created_at: String,
    /// Set when the receipt was reversed: its lots were emptied and it is no longer owed.
    pub reversed_on: Option<String>,
    pub reversal_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PurchasePage {
    pub items: Vec<PurchaseDto>,
    pub total: u32,
    /// The id to pass as `after` for the page after this one; absent on the last page.
    #[ts(optional = nullable)]
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct LotQuery {
    pub search: String,
    pub product_id: Option<String>,
    pub include_empty: bool,
    /// Only lots in stock that expire within this many days from today (expired ones included).
    pub expiring_within_days: Option<u32>,
    pub limit: u32,
    pub offset: u32,
    /// The id of the last row of the page before, to start after it: keyset paging, as quick
    /// deep in a long list as at its top. Absent or empty: start at `offset`. Lists that page
    /// this way answer with `next`.
    #[ts(optional)]
    pub after: Option<String>,
}

impl Default for LotQuery {
    fn default() -> LotQuery {
        LotQuery {
            search: String::new(),
            product_id: None,
            include_empty: false,
            expiring_within_days: None,
            limit: 50,
            offset: 0,
            after: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Lot")]
pub struct LotDto {
    pub id: String,
    pub product_id: String,
    pub product_name: String,
    pub grade: String,
    pub farmer_name: Option<String>,
    /// Made here by a production run (no farmer).
    pub made_here: bool,
    pub received_on: String,
    pub best_before: Option<String>,
    /// Days from today to the best-before date; negative when expired; null for lots that keep.
    pub days_to_expiry: Option<i32>,
    pub on_hand: String,
    pub reserved: String,
    pub available: String,
    pub stock_unit: String,
    pub cost_on_hand: String,
    /// Yuan per stock unit, 4 decimals at most.
    pub unit_cost: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LotPage {
    pub items: Vec<LotDto>,
    pub total: u32,
    /// The id to pass as `after` for the page after this one; absent on the last page.
    #[ts(optional = nullable)]
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WasteInput {
    pub lot_id: String,
    /// In the lot's stock unit.
    pub quantity: String,
    #[ts(type = "WasteReason")]
    pub reason: String,
    pub note: String,
}

pub(crate) fn milli_text(milli: i64) -> String {
    Decimal::new(milli, 3).normalize().to_string()
}

pub(crate) fn e4_text(e4: i64) -> String {
    Decimal::new(e4, 4).normalize().to_string()
}

pub(crate) fn round_e4(value: Decimal) -> Option<i64> {
    let scaled = value
        .checked_mul(Decimal::from(10_000))?
        .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    i64::try_from(scaled).ok()
}

pub(crate) fn lot_dto(row: &LotRow, today: NaiveDate) -> LotDto {
    let (cost, milli) = if row.on_hand_milli > 0 {
        (row.cost_on_hand_fen, row.on_hand_milli)
    } else {
        (row.cost_fen, row.quantity_milli)
    };
    // fen per milli-unit × 1000 milli per unit / 100 fen per yuan = yuan per unit.
    let unit_cost = Decimal::new(cost, 2) * Decimal::from(1000) / Decimal::from(milli.max(1));
    LotDto {
        id: row.id.to_string(),
        product_id: row.product.to_string(),
        product_name: row.product_name.clone(),
        grade: row.grade.clone(),
        farmer_name: row.farmer_name.clone(),
        made_here: row.purchase.is_none(),
        received_on: stock::date_text(row.received_on),
        best_before: row.best_before.map(stock::date_text),
        days_to_expiry: row
            .best_before
            .map(|d| i32::try_from((d - today).num_days()).unwrap_or(i32::MAX)),
        on_hand: milli_text(row.on_hand_milli),
        reserved: milli_text(row.reserved_milli),
        available: milli_text(row.on_hand_milli - row.reserved_milli),
        stock_unit: row.stock_unit.clone(),
        cost_on_hand: Money::from_fen(row.cost_on_hand_fen).to_string(),
        unit_cost: round_e4(unit_cost).map(e4_text).unwrap_or_default(),
    }
}

pub(crate) fn purchase_dto(row: &PurchaseRow) -> PurchaseDto {
    PurchaseDto {
        id: row.id.to_string(),
        farmer_id: row.farmer.to_string(),
        farmer_name: row.farmer_name.clone(),
        received_on: stock::date_text(row.received_on),
        payment: row.payment.clone(),
        reversed_on: row.reversed.as_ref().map(|(on, _)| stock::date_text(*on)),
        reversal_reason: row.reversed.as_ref().map(|(_, why)| why.clone()),
        total: Money::from_fen(row.total_fen).to_string(),
        note: row.note.clone(),
        created_at: row.created_at.clone(),
        lines: row
            .lines
            .iter()
            .map(|l| PurchaseLineDto {
                lot_id: l.lot.to_string(),
                product_id: l.product.to_string(),
                product_name: l.product_name.clone(),
                grade: l.grade.clone(),
                quantity: l.entered_quantity.clone(),
                unit: l.entered_unit.clone(),
                unit_price: e4_text(l.unit_price_e4),
                line_total: Money::from_fen(l.cost_fen).to_string(),
                best_before: l.best_before.map(stock::date_text),
            })
            .collect(),
    }
}

pub(crate) fn unknown(field: &str, what: &str) -> FieldError {
    FieldError::new(
        field,
        Rule::UnknownRecord,
        format!("{field}: no such {what}, or it is archived; choose one from the list"),
    )
}

/// Looks up the record a field names by its id. A malformed id, a record that does not exist and
/// one `usable` refuses (archived) are all noted as `unknown_record` on the field and give `None`;
/// a database failure is an error.
pub(crate) fn lookup<T>(
    conn: &Connection,
    c: &mut Checker,
    field: &str,
    what: &str,
    text: &str,
    get: impl FnOnce(&Connection, Id) -> farmstall_store::Result<T>,
    usable: impl FnOnce(&T) -> bool,
) -> Result<Option<T>> {
    if let Ok(id) = Id::parse(text) {
        match get(conn, id) {
            Ok(record) if usable(&record) => return Ok(Some(record)),
            Ok(_) | Err(farmstall_store::StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    c.check::<()>(Err(unknown(field, what)));
    Ok(None)
}

/// Like [`lookup`], but an empty field is `required` rather than unknown.
pub(crate) fn lookup_required<T>(
    conn: &Connection,
    c: &mut Checker,
    field: &str,
    what: &str,
    text: &str,
    get: impl FnOnce(&Connection, Id) -> farmstall_store::Result<T>,
    usable: impl FnOnce(&T) -> bool,
) -> Result<Option<T>> {
    match c.check(required_text(field, text, usize::MAX)) {
        Some(_) => lookup(conn, c, field, what, text, get, usable),
        None => Ok(None),
    }
}

/// A code from a fixed list (payment, waste reason, pay method), trimmed.
pub(crate) fn one_of(
    field: &str,
    value: &str,
    allowed: &[&str],
    rule: Rule,
    message: &str,
) -> Result<String, FieldError> {
    let value = value.trim();
    if allowed.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(FieldError::new(field, rule, message))
    }
}

/// Checks one purchase line against its product and turns it into a lot.
fn validate_line(
    conn: &Connection,
    c: &mut Checker,
    i: usize,
    line: &PurchaseLineInput,
    received_on: NaiveDate,
) -> Result<Option<NewLot>> {
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
    let grade = c.check(optional_text(&f("grade"), &line.grade, 50));
    let quantity = c.check(positive_quantity(&f("quantity"), &line.quantity));
    let entered_unit = match (&product, line.unit.trim().is_empty()) {
        (Some(p), true) => Some(p.details.stock_unit),
        (_, false) => c.check(unit(&f("unit"), &line.unit)),
        (None, true) => None,
    };
    let price = c.check(optional_unit_price(&f("unitPrice"), &line.unit_price));
    let total = if line.line_total.trim().is_empty() {
        Some(None)
    } else {
        c.check(money_not_negative(&f("lineTotal"), &line.line_total))
            .map(Some)
    };
    let harvested_on = c.check(optional_date(&f("harvestedOn"), &line.harvested_on));
    let best_before = c.check(optional_date(&f("bestBefore"), &line.best_before));
    let (
        Some(product),
        Some(grade),
        Some(quantity),
        Some(entered_unit),
        Some(price),
        Some(total),
        Some(harvested_on),
        Some(best_before),
    ) = (
        product,
        grade,
        quantity,
        entered_unit,
        price,
        total,
        harvested_on,
        best_before,
    )
    else {
        return Ok(None);
    };
    let stock_unit = product.details.stock_unit;
    if !entered_unit.converts_to(&stock_unit) {
        c.check::<()>(Err(FieldError::new(
            &f("unit"),
            Rule::UnitsIncompatible,
            format!(
                "{}: {} is counted in {stock_unit}; {entered_unit} does not convert to it",
                f("unit"),
                product.details.name_zh
            ),
        )));
        return Ok(None);
    }
    // The quantity is above zero, so only a remainder finer than a thousandth can fail here.
    let Ok(milli) = Quantity::new(quantity, entered_unit)
        .to(stock_unit)
        .and_then(|q| q.to_milli())
    else {
        c.check::<()>(Err(FieldError::new(
            &f("quantity"),
            Rule::TooManyDecimals,
            format!(
                "{} is finer than a thousandth of a {stock_unit}",
                f("quantity")
            ),
        )
        .with("max", "3")));
        return Ok(None);
    };
    let (line_total, unit_price) = match (price, total) {
        (None, None) => {
            c.check::<()>(Err(FieldError::new(
                &f("unitPrice"),
                Rule::PriceOrTotalRequired,
                format!(
                    "{}: give the price per {entered_unit} or the line total",
                    f("unitPrice")
                ),
            )));
            return Ok(None);
        }
        (Some(price), None) => (
            Money::line_total(price, quantity).map_err(|e| unknown_money(&f("unitPrice"), e))?,
            price,
        ),
        (None, Some(total)) => (total, total.yuan() / quantity),
        (Some(price), Some(total)) => {
            let computed = Money::line_total(price, quantity)
                .map_err(|e| unknown_money(&f("unitPrice"), e))?;
            if computed != total {
                c.check::<()>(Err(FieldError::new(
                    &f("lineTotal"),
                    Rule::PriceAndTotalDisagree,
                    format!(
                        "{}: {quantity} × {price} = {computed}, not {total}; give one of the two",
                        f("lineTotal")
                    ),
                )));
                return Ok(None);
            }
            (total, price)
        }
    };
    let best_before = best_before.or_else(|| {
        product
            .details
            .shelf_life_days
            .map(|days| harvested_on.unwrap_or(received_on) + Duration::days(i64::from(days)))
    });
    if let (Some(bb), Some(h)) = (best_before, harvested_on) {
        if bb < h {
            c.check::<()>(Err(FieldError::new(
                &f("bestBefore"),
                Rule::BestBeforeBeforeHarvest,
                format!(
                    "{}: best-before {bb} is before the harvest {h}",
                    f("bestBefore")
                ),
            )));
            return Ok(None);
        }
    }
    Ok(Some(NewLot {
        id: Id::generate(),
        product: product.id,
        line_no: i64::try_from(i).unwrap_or(i64::MAX),
        grade,
        harvested_on,
        best_before,
        quantity_milli: milli,
        entered_quantity: quantity.normalize().to_string(),
        entered_unit: entered_unit.code(),
        unit_price_e4: round_e4(unit_price).unwrap_or(0),
        cost_fen: line_total.fen(),
    }))
}

fn unknown_money(field: &str, e: farmstall_domain::MoneyError) -> AppError {
    AppError::from(FieldError::new(
        field,
        Rule::NotANumber,
        format!("{field}: {e}"),
    ))
}

impl App {
    /// Records a purchase from a farmer: one lot per line, each received into stock.
    pub fn receive_purchase(&mut self, input: &PurchaseInput) -> Result<PurchaseDto> {
        let at = self.at();
        self.store.write(|tx| receive_purchase_in(tx, at, input))
    }

    pub fn list_purchases(&mut self, query: &crate::dto::ListQuery) -> Result<PurchasePage> {
        let filter = App::filter(query);
        let after = crate::dto::after_id(query.after.as_ref()).map_err(AppError::from)?;
        self.store.read(|tx| {
            let page =
                stock::list_purchases(tx, &filter.search, filter.limit, filter.offset, after)?;
            Ok(PurchasePage {
                next: crate::next_after(&page.items, filter.limit, |p| p.id),
                items: page.items.iter().map(purchase_dto).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    /// Lots in FEFO order, with days to expiry counted from today (Asia/Shanghai).
    pub fn list_lots(&mut self, query: &LotQuery) -> Result<LotPage> {
        let today = self.clock.today();
        let product = match query.product_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => Some(crate::farmers::parse_id(id)?),
        };
        let filter = LotFilter {
            search: query.search.trim().chars().take(100).collect(),
            product,
            include_empty: query.include_empty,
            expiring_by: query.expiring_within_days.and_then(|days| {
                today.checked_add_signed(Duration::days(i64::from(days.min(3650))))
            }),
            limit: i64::from(query.limit.clamp(1, 500)),
            offset: i64::from(query.offset),
            after: crate::dto::after_id(query.after.as_ref()).map_err(AppError::from)?,
        };
        self.store.read(|tx| {
            let page = stock::list_lots(tx, &filter)?;
            Ok(LotPage {
                next: crate::next_after(&page.items, filter.limit, |l| l.id),
                items: page.items.iter().map(|l| lot_dto(l, today)).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    /// Takes spoiled, damaged, sampled or eaten stock out of a lot; its cost becomes a loss.
    pub fn record_waste(&mut self, input: &WasteInput) -> Result<LotDto> {
        let at = self.at();
        self.store.write(|tx| record_waste_in(tx, at, input))
    }
}

/// How a farmer was paid.
pub const PAY_METHODS: [&str; 4] = ["cash", "wechat", "alipay", "bank"];

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PaymentInput {
    pub farmer_id: String,
    /// Yuan, at most 2 decimals, more than zero and at most what is owed.
    pub amount: String,
    #[ts(type = "PayMethod")]
    pub method: String,
    /// `YYYY-MM-DD`; empty = today.
    pub paid_on: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarmerBalance {
    pub farmer_id: String,
    pub farmer_name: String,
    pub village: String,
    /// Purchases left owed, in all.
    pub owed: String,
    pub paid: String,
    /// What the shop still owes.
    pub balance: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BalancePage {
    pub items: Vec<FarmerBalance>,
    pub total: u32,
}

fn balance_dto(b: &stock::FarmerBalance) -> FarmerBalance {
    FarmerBalance {
        farmer_id: b.farmer.to_string(),
        farmer_name: b.farmer_name.clone(),
        village: b.village.clone(),
        owed: Money::from_fen(b.owed_fen).to_string(),
        paid: Money::from_fen(b.paid_fen).to_string(),
        balance: Money::from_fen(b.balance_fen()).to_string(),
    }
}

impl App {
    /// What the shop owes each farmer: purchases left owed minus payments, largest first. Farmers
    /// never bought from on credit are left out unless `includeArchived` asks for everyone.
    pub fn farmer_balances(&mut self, query: &crate::dto::ListQuery) -> Result<BalancePage> {
        let filter = App::filter(query);
        self.store.read(|tx| {
            let page = stock::farmer_balances(
                tx,
                &filter.search,
                filter.include_archived,
                filter.limit,
                filter.offset,
            )?;
            Ok(BalancePage {
                items: page.items.iter().map(balance_dto).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    /// Pays a farmer all or part of what is owed.
    pub fn record_payment(&mut self, input: &PaymentInput) -> Result<FarmerBalance> {
        let at = self.at();
        self.store.write(|tx| record_payment_in(tx, at, input))
    }
}

/// How the shop usually settles with one farmer: what the purchase and payment forms start from
/// once the farmer is chosen (the person can always change it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarmerHabits {
    pub farmer_id: String,
    /// The payment of their most recently entered purchase (not reversed); `null` when never
    /// bought from (the form then keeps `owed`).
    #[ts(type = "Payment | null")]
    pub purchase_payment: Option<String>,
    /// The method of their most recently entered payment; `null` when never paid.
    #[ts(type = "PayMethod | null")]
    pub pay_method: Option<String>,
}

impl App {
    /// How the shop usually settles with this farmer (see [`FarmerHabits`]); a farmer that does
    /// not exist is `not_found`.
    pub fn farmer_habits(&mut self, farmer_id: &str) -> Result<FarmerHabits> {
        let id = crate::farmers::parse_id(farmer_id)?;
        self.store.read(|tx| {
            farmstall_store::farmers::get(tx, id)?;
            let (purchase_payment, pay_method) = stock::farmer_habits(tx, id)?;
            Ok(FarmerHabits {
                farmer_id: id.to_string(),
                purchase_payment,
                pay_method,
            })
        })
    }
}

/// Stock of one product across its lots.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StockSummary {
    pub product_id: String,
    pub product_name: String,
    pub stock_unit: String,
    pub on_hand: String,
    pub reserved: String,
    pub available: String,
    pub cost_on_hand: String,
    pub lots: u32,
}

/// What all stock on hand cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InventoryValue {
    /// Yuan, at cost (each lot's own).
    pub value: String,
    pub lots: u32,
}

impl App {
    /// On hand, reserved and available stock of one product, and what it cost.
    pub fn product_stock(&mut self, product_id: &str) -> Result<StockSummary> {
        let id = crate::farmers::parse_id(product_id)?;
        self.store.read(|tx| {
            let product = products::get(tx, id)?;
            let s = stock::product_stock(tx, id)?;
            Ok(StockSummary {
                product_id: id.to_string(),
                product_name: product.details.name_zh,
                stock_unit: product.details.stock_unit.code(),
                on_hand: milli_text(s.on_hand_milli),
                reserved: milli_text(s.reserved_milli),
                available: milli_text(s.on_hand_milli - s.reserved_milli),
                cost_on_hand: Money::from_fen(s.cost_on_hand_fen).to_string(),
                lots: u32::try_from(s.lots).unwrap_or(u32::MAX),
            })
        })
    }

    /// The value at cost of everything in stock.
    pub fn inventory_value(&mut self) -> Result<InventoryValue> {
        self.store.read(|tx| {
            let (fen, lots) = stock::inventory_value(tx)?;
            Ok(InventoryValue {
                value: Money::from_fen(fen).to_string(),
                lots: u32::try_from(lots).unwrap_or(u32::MAX),
            })
        })
    }
}

/// Reverses a purchase receipt entered wrongly.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ReversalInput {
    pub purchase_id: String,
    /// Why (wrong farmer, wrong quantity, entered twice); required.
    pub reason: String,
    /// `YYYY-MM-DD`; empty = today.
    pub reversed_on: String,
}

/// What a stock count found in one lot.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CountLineInput {
    pub lot_id: String,
    /// What is really there, in the lot's stock unit; zero or more.
    pub counted: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct CountInput {
    /// `YYYY-MM-DD`; empty = today.
    pub counted_on: String,
    pub note: String,
    pub lines: Vec<CountLineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountLineResult {
    pub lot_id: String,
    pub product_name: String,
    pub stock_unit: String,
    /// On hand before the count.
    pub expected: String,
    pub counted: String,
    /// Counted minus expected: negative = missing.
    pub difference: String,
    /// Cost of the difference, signed like it.
    pub cost: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CountResult {
    pub id: String,
    pub counted_on: String,
    pub lines: Vec<CountLineResult>,
    /// Lots whose count differed.
    pub adjusted: u32,
    /// Net cost lost (positive) or found (negative) in all.
    pub lost: String,
}

impl App {
    /// Reverses a receipt entered wrongly: its lots are emptied by reversing entries and, if it was
    /// owed, the farmer is no longer owed for it. Nothing is edited. Refused when any of its stock
    /// has already left (sold, wasted, used in production): correct that with a count instead.
    pub fn reverse_purchase(&mut self, input: &ReversalInput) -> Result<PurchaseDto> {
        let at = self.at();
        self.store.write(|tx| reverse_purchase_in(tx, at, input))
    }

    /// Records a stock count: for each lot counted, the difference from what the books say becomes
    /// an adjustment entry (reason `count`). Lost stock leaves with its share of the lot's cost;
    /// found stock comes back at the lot's purchase price.
    pub fn record_count(&mut self, input: &CountInput) -> Result<CountResult> {
        let at = self.at();
        self.store.write(|tx| record_count_in(tx, at, input))
    }
}

/// A counted quantity: zero or more, at most 3 decimals.
fn counted_milli(field: &str, text: &str) -> Result<i64, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field}: type what is there (0 if nothing)"),
        ));
    }
    let value = farmstall_domain::number::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field} must be a number such as 12.5"),
        )
    })?;
    if value.is_sign_negative() && !value.is_zero() {
        return Err(FieldError::new(
            field,
            Rule::Negative,
            format!("{field} cannot be negative"),
        ));
    }
    // `milli` refuses more than 3 decimals and more than the bound, naming the field.
    farmstall_domain::validate::milli(field, value, farmstall_domain::validate::MAX_QUANTITY)
}

pub(crate) fn receive_purchase_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &PurchaseInput,
) -> Result<PurchaseDto> {
    let crate::At { now, today, origin } = at;
    let mut c = Checker::new();
    let farmer = lookup_required(
        tx,
        &mut c,
        "farmerId",
        "farmer",
        &input.farmer_id,
        farmers::get,
        |f| f.archived_at.is_none(),
    )?
    .map(|f| f.id);
    let received_on = c
        .check(optional_date("receivedOn", &input.received_on))
        .map(|d| d.unwrap_or(today));
    let payment = c.check(one_of(
        "payment",
        &input.payment,
        &PAYMENTS,
        Rule::UnknownPayment,
        "payment must be owed, cash, wechat, alipay or bank",
    ));
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    if input.lines.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "lines",
            Rule::Required,
            "a purchase needs at least one line",
        )));
    }
    let mut lots = Vec::with_capacity(input.lines.len());
    for (i, line) in input.lines.iter().enumerate() {
        if let Some(lot) = validate_line(tx, &mut c, i, line, received_on.unwrap_or(today))? {
            lots.push(lot);
        }
    }
    c.finish()?;
    let (Some(farmer), Some(received_on), Some(payment), Some(note)) =
        (farmer, received_on, payment, note)
    else {
        return Err(AppError::Conflict(
            "the purchase could not be checked".into(),
        ));
    };
    let purchase = NewPurchase {
        id: Id::generate(),
        farmer,
        received_on,
        payment,
        note,
        lots,
    };
    stock::insert_purchase(tx, &purchase, now, origin)?;
    Ok(purchase_dto(&stock::get_purchase(tx, purchase.id)?))
}

pub(crate) fn record_waste_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &WasteInput,
) -> Result<LotDto> {
    let crate::At { now, today, origin } = at;
    let mut c = Checker::new();
    let lot = lookup(
        tx,
        &mut c,
        "lotId",
        "lot",
        &input.lot_id,
        stock::get_lot,
        |_| true,
    )?;
    let quantity = c.check(positive_quantity("quantity", &input.quantity));
    let reason = c.check(one_of(
        "reason",
        &input.reason,
        &WASTE_REASONS,
        Rule::UnknownReason,
        "reason must be spoiled, damaged, sample or own_use",
    ));
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    c.finish()?;
    let (Some(lot), Some(quantity), Some(reason), Some(note)) = (lot, quantity, reason, note)
    else {
        return Err(AppError::Conflict("the waste could not be checked".into()));
    };
    let unit = Unit::parse(&lot.stock_unit).map_err(|e| AppError::Conflict(e.to_string()))?;
    let milli = Quantity::new(quantity, unit).to_milli().map_err(|_| {
        FieldError::new(
            "quantity",
            Rule::TooManyDecimals,
            "quantity has at most 3 decimal places",
        )
        .with("max", "3")
    })?;
    let available = lot.on_hand_milli - lot.reserved_milli;
    if milli > available {
        return Err(FieldError::new(
            "quantity",
            Rule::NotEnoughStock,
            format!(
                "quantity: only {} {unit} of this lot can be taken ({} on hand, {} reserved for orders)",
                milli_text(available),
                milli_text(lot.on_hand_milli),
                milli_text(lot.reserved_milli)
            ),
        )
        .with("available", milli_text(available))
        .into());
    }
    let cost = cost_out(lot.cost_on_hand_fen, lot.on_hand_milli, milli);
    stock::post(
        tx,
        &Movement {
            lot: lot.id,
            kind: "waste",
            on_hand_milli: -milli,
            reserved_milli: 0,
            cost_fen: -cost,
            reason: Some(&reason),
            note: &note,
            reference: None,
            business_date: today,
        },
        now,
        origin,
    )?;
    Ok(lot_dto(&stock::get_lot(tx, lot.id)?, today))
}

pub(crate) fn record_payment_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &PaymentInput,
) -> Result<FarmerBalance> {
    let crate::At { now, today, origin } = at;
    let mut c = Checker::new();
    let balance = lookup(
        tx,
        &mut c,
        "farmerId",
        "farmer",
        &input.farmer_id,
        stock::farmer_balance,
        |_| true,
    )?;
    let amount = c.check(money_not_negative("amount", &input.amount).and_then(|m| {
        if m.fen() == 0 {
            Err(FieldError::new(
                "amount",
                Rule::MustBePositive,
                "amount must be more than zero",
            ))
        } else {
            Ok(m)
        }
    }));
    let method = c.check(one_of(
        "method",
        &input.method,
        &PAY_METHODS,
        Rule::UnknownPayment,
        "method must be cash, wechat, alipay or bank",
    ));
    let paid_on = c
        .check(optional_date("paidOn", &input.paid_on))
        .map(|d| d.unwrap_or(today));
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    c.finish()?;
    let (Some(balance), Some(amount), Some(method), Some(paid_on), Some(note)) =
        (balance, amount, method, paid_on, note)
    else {
        return Err(AppError::Conflict(
            "the payment could not be checked".into(),
        ));
    };
    if amount.fen() > balance.balance_fen() {
        let owed = Money::from_fen(balance.balance_fen().max(0)).to_string();
        return Err(FieldError::new(
            "amount",
            Rule::MoreThanOwed,
            format!("amount: the shop owes {} only ¥{owed}", balance.farmer_name),
        )
        .with("owed", owed)
        .into());
    }
    stock::insert_payment(
        tx,
        &stock::NewPayment {
            id: Id::generate(),
            farmer: balance.farmer,
            paid_on,
            amount_fen: amount.fen(),
            method,
            note,
        },
        now,
        origin,
    )?;
    Ok(balance_dto(&stock::farmer_balance(tx, balance.farmer)?))
}

pub(crate) fn reverse_purchase_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &ReversalInput,
) -> Result<PurchaseDto> {
    let crate::At { now, today, origin } = at;
    let mut c = Checker::new();
    let purchase = lookup_required(
        tx,
        &mut c,
        "purchaseId",
        "purchase",
        &input.purchase_id,
        stock::get_purchase,
        |_| true,
    )?;
    let reason = c.check(required_text("reason", &input.reason, LONG_TEXT));
    let reversed_on = c
        .check(optional_date("reversedOn", &input.reversed_on))
        .map(|d| d.unwrap_or(today));
    c.finish()?;
    let (Some(purchase), Some(reason), Some(reversed_on)) = (purchase, reason, reversed_on) else {
        return Err(AppError::Conflict(
            "the reversal could not be checked".into(),
        ));
    };
    if let Some((on, _)) = &purchase.reversed {
        return Err(FieldError::new(
            "purchaseId",
            Rule::AlreadyReversed,
            format!("purchaseId: this receipt was already reversed on {on}"),
        )
        .with("reversedOn", stock::date_text(*on))
        .into());
    }
    let mut c = Checker::new();
    for (i, line) in purchase.lines.iter().enumerate() {
        let lot = stock::get_lot(tx, line.lot)?;
        let used = lot.quantity_milli - lot.on_hand_milli + lot.reserved_milli;
        if used != 0 {
            let field = format!("lines.{i}");
            c.check::<()>(Err(FieldError::new(
                &field,
                Rule::LotUsed,
                format!(
                    "{field}: {} {} of {} from this receipt has already left the lot or is reserved; \
                     a receipt can be reversed only while all its stock is there",
                    milli_text(used),
                    lot.stock_unit,
                    lot.product_name
                ),
            )
            .with("used", milli_text(used))
            .with("unit", lot.stock_unit.clone())
            .with("line", (i + 1).to_string())));
        }
    }
    c.finish()?;
    stock::insert_reversal(tx, &purchase, reversed_on, &reason, now, origin)?;
    Ok(purchase_dto(&stock::get_purchase(tx, purchase.id)?))
}

pub(crate) fn record_count_in(
    tx: &farmstall_store::rusqlite::Connection,
    at: crate::At,
    input: &CountInput,
) -> Result<CountResult> {
    let crate::At { now, today, origin } = at;
    let mut c = Checker::new();
    let counted_on = c
        .check(optional_date("countedOn", &input.counted_on))
        .map(|d| d.unwrap_or(today));
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    if input.lines.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "lines",
            Rule::Required,
            "count at least one lot",
        )));
    }
    let mut lines: Vec<(LotRow, i64)> = Vec::with_capacity(input.lines.len());
    for (i, line) in input.lines.iter().enumerate() {
        let field = |name: &str| format!("lines.{i}.{name}");
        let lot = lookup_required(
            tx,
            &mut c,
            &field("lotId"),
            "lot",
            &line.lot_id,
            stock::get_lot,
            |_| true,
        )?;
        let counted = c.check(counted_milli(&field("counted"), &line.counted));
        let (Some(lot), Some(counted)) = (lot, counted) else {
            continue;
        };
        if lines.iter().any(|(l, _)| l.id == lot.id) {
            c.check::<()>(Err(FieldError::new(
                &field("lotId"),
                Rule::Duplicate,
                format!("{}: this lot is counted twice", field("lotId")),
            )));
            continue;
        }
        if counted < lot.reserved_milli {
            c.check::<()>(Err(FieldError::new(
                &field("counted"),
                Rule::NotEnoughStock,
                format!(
                    "{}: {} {} of this lot are reserved for orders; the count cannot be less",
                    field("counted"),
                    milli_text(lot.reserved_milli),
                    lot.stock_unit
                ),
            )
            .with("available", milli_text(lot.reserved_milli))));
            continue;
        }
        lines.push((lot, counted));
    }
    c.finish()?;
    let (Some(counted_on), Some(note)) = (counted_on, note) else {
        return Err(AppError::Conflict("the count could not be checked".into()));
    };
    let mut out = Vec::with_capacity(lines.len());
    let mut store_lines = Vec::with_capacity(lines.len());
    for (lot, counted) in &lines {
        let difference = counted - lot.on_hand_milli;
        let cost = if difference < 0 {
            -cost_out(lot.cost_on_hand_fen, lot.on_hand_milli, -difference)
        } else {
            // Found stock comes back at what the lot cost per unit.
            farmstall_domain::fefo::share(lot.cost_fen, lot.quantity_milli, difference)
        };
        store_lines.push(stock::CountLine {
            lot: lot.id,
            difference_milli: difference,
            cost_fen: cost,
        });
        out.push(CountLineResult {
            lot_id: lot.id.to_string(),
            product_name: lot.product_name.clone(),
            stock_unit: lot.stock_unit.clone(),
            expected: milli_text(lot.on_hand_milli),
            counted: milli_text(*counted),
            difference: milli_text(difference),
            cost: Money::from_fen(cost).to_string(),
        });
    }
    let id = Id::generate();
    stock::insert_count(tx, id, counted_on, &note, &store_lines, now, origin)?;
    let adjusted = store_lines
        .iter()
        .filter(|l| l.difference_milli != 0)
        .count();
    let lost: i64 = -store_lines.iter().map(|l| l.cost_fen).sum::<i64>();
    Ok(CountResult {
        id: id.to_string(),
        counted_on: stock::date_text(counted_on),
        lines: out,
        adjusted: u32::try_from(adjusted).unwrap_or(u32::MAX),
        lost: Money::from_fen(lost).to_string(),
    })
}
