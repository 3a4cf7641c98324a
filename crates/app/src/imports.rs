//! Orders from the platforms' export files, and bulk-shipping files back.
//!
//! A file is read by `farmstall_platform_files` (headers, not positions; a file it cannot read is
//! refused whole, a row it cannot read is a problem named by file, row and column). Each order is
//! then planned against what is stored, by the same rule the API sync follows
//! (`domain::sync::reconcile`): new orders are created in the state the platform gives, known ones
//! move along through the order state machine, and nothing is ever edited back or moved
//! backwards. The preview is that plan, read without writing; the import carries it out in one
//! transaction. A line is matched to a product by its 商家编码, else by its title and SKU text,
//! through a mapping the person gives once; an order with a line nobody mapped, or several
//! products given only as comma-joined titles, is held whole until the person says.

use std::collections::{BTreeMap, HashSet};

use chrono::{NaiveDate, NaiveDateTime, TimeZone, Utc};
use farmstall_domain::order::OrderState;
use farmstall_domain::sync::{self as rules, Alert, PlatformStatus};
use farmstall_domain::validate::{self, FieldError, Rule};
use farmstall_domain::Money;
pub use farmstall_platform_files::InputFile;
use farmstall_platform_files::{self as files, FileOrder, Platform};
use farmstall_store::imports as store;
use farmstall_store::rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::orders::{
    change_state_in, check_order_as, insert_checked, record_checked, OrderInput, OrderLineInput,
    RecipientInput,
};
use crate::sync::apply::{alert_code, one_line};
use crate::{App, AppError, At, Result};

/// A file as the window sends it: read by the window itself (chosen or dropped), so no path
/// leaves it and none is opened here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportFile {
    pub name: String,
    /// The file's bytes, base64.
    pub data: String,
}

/// The largest file taken: a year of a busy shop's exports is a few tens of megabytes.
const MAX_FILE_BYTES: usize = 200 * 1024 * 1024;

/// The window's files as bytes; one that is too large or did not arrive whole is a field error.
pub fn decode_files(files: Vec<ImportFile>) -> Result<Vec<InputFile>> {
    use base64::Engine;
    files
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let field = format!("files.{i}");
            if f.data.len() / 4 * 3 > MAX_FILE_BYTES {
                return Err(FieldError::new(
                    &field,
                    Rule::TooLarge,
                    format!("{field}: {} is larger than 200 MB", f.name),
                )
                .with("max", "200 MB")
                .into());
            }
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(f.data.trim().as_bytes())
                .map_err(|e| {
                    FieldError::new(
                        &field,
                        Rule::NotAllowed,
                        format!(
                            "{field}: {} did not arrive whole ({e}); choose it again",
                            f.name
                        ),
                    )
                })?;
            Ok(InputFile {
                name: f.name,
                bytes,
            })
        })
        .collect()
}

/// The demo shop's export files (written by the project, with made-up buyers), as the window
/// sends files, so a person can try the import without a seller centre.
pub fn demo_files() -> Vec<ImportFile> {
    use base64::Engine;
    crate::demo::EXPORT_FILES
        .iter()
        .map(|(name, bytes)| ImportFile {
            name: (*name).to_string(),
            data: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
        .collect()
}

/// How to read the files.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportOptions {
    /// `auto` or empty (recognised from the header row), `taobao`, `pinduoduo` or `douyin`.
    pub platform: String,
    /// `YYYY-MM-DD` or empty: orders closed or never paid before this day (the shop's start here)
    /// are skipped. Orders the platform already shows shipped or finished, and not here, are
    /// sales history whatever their day (they count in reports and move no stock).
    pub history_before: String,
}

/// A row of a file that cannot be taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    pub file: String,
    pub row: u32,
    pub column: String,
    pub order_id: String,
    /// A code the window words: `not_a_number`, `bad_date`, `missing`, `too_large`, `invalid`, ...
    pub code: String,
    pub detail: String,
}

/// A platform line no mapping names a product for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UnmappedLine {
    /// What a mapping is given for: the 商家编码, or the title and SKU text.
    pub key: String,
    pub title: String,
    pub sku: String,
    pub code: String,
    /// Orders in the files that wait for it.
    pub orders: u32,
}

/// One order of the files and what the import does with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportRow {
    pub platform_order_id: String,
    /// `new`, `history`, `changed`, `unchanged`, `held` (waits for a mapping or a split),
    /// `refused` (cannot be stored as it is), `ignored` (closed before the shop's start).
    pub outcome: String,
    /// The shop's order number, once stored.
    pub number: String,
    /// The state here before and after (`from` empty for a new order).
    pub from: String,
    pub to: String,
    pub status_text: String,
    pub recipient: String,
    pub masked: bool,
    pub total: String,
    pub lines: String,
    /// Why it is held or refused, or what the owner should look at (a money difference, an alert),
    /// in English for the CLI; the window words `alert`, `total_here` and `waits_for` itself.
    pub note: String,
    /// `closed_after_packing`, `refunded_after_shipping`, `shipped_elsewhere` or empty.
    pub alert: String,
    /// What the order here comes to, when the file says otherwise (its money is kept); else empty.
    pub total_here: String,
    /// `mapping` or `split` for a held order; else empty.
    pub waits_for: String,
}

/// What an import of these files does (the preview) or did.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub platform: String,
    pub files: Vec<String>,
    /// False for a preview: nothing was written.
    pub applied: bool,
    pub orders: u32,
    pub new: u32,
    pub history: u32,
    pub changed: u32,
    pub unchanged: u32,
    pub held: u32,
    pub refused: u32,
    pub ignored: u32,
    /// Orders the platform now shows shipped whose bulk-shipping file is taken as delivered.
    pub confirmed: u32,
    /// Alerts raised for the owner (closed after packing, refunded after shipping, shipped elsewhere).
    pub alerts: u32,
    pub problems: Vec<ImportProblem>,
    pub unmapped: Vec<UnmappedLine>,
    /// The orders one by one (the first 500).
    pub rows: Vec<ImportRow>,
}

/// The most orders a report lists one by one.
const ROWS_SHOWN: usize = 500;

/// A mapping: which product a platform line sells.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ImportMappingInput {
    /// The 商家编码, or the title (and SKU text, as the import shows the key).
    pub key: String,
    pub product_id: String,
    /// How many of the product's sale units one platform piece holds (e.g. 5 for "5斤装" of a
    /// product sold by the jin); empty = 1.
    pub per: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportMapping {
    pub key: String,
    pub product_id: String,
    pub product_name: String,
    pub sale_unit: String,
    pub per: String,
    pub updated_at: String,
}

/// What saving a mapping did: the held orders it let in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MappingSaved {
    pub mapping: ImportMapping,
    pub released: u32,
}

/// An order from a file held until the person maps a line or splits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldImportDto {
    #[ts(type = "OrderSource")]
    pub source: String,
    pub platform_order_id: String,
    /// `mapping` or `split`.
    pub waits_for: String,
    pub reason: String,
    pub title: String,
    /// Platform pieces in the order (for a joined order, the total of all its products).
    pub quantity: String,
    pub payment: String,
    pub recipient: String,
    pub at: String,
}

/// The products of a joined order, said by the person.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SplitInput {
    #[ts(type = "OrderSource")]
    pub source: String,
    pub platform_order_id: String,
    /// Product and quantity in its sale unit; prices follow the products' prices, scaled so the
    /// order comes to what the buyer paid.
    pub lines: Vec<OrderLineInput>,
}

/// A bulk-shipping file for one platform.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ShipmentExportInput {
    #[ts(type = "OrderSource")]
    pub platform: String,
    /// `csv` (default) or `xlsx`.
    pub format: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShipmentExport {
    pub path: String,
    pub bytes: u32,
    /// Orders in the file (now remembered as exported).
    pub orders: u32,
}

/// An order of a file as the import keeps it (also the held data): the platform's facts, checked
/// by the reader, in plain serde form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Imported {
    source: String,
    order_id: String,
    status: String,
    status_text: String,
    buyer: String,
    name: String,
    phone: String,
    province: String,
    city: String,
    district: String,
    street: String,
    postcode: String,
    masked: bool,
    /// What the goods come to (before the buyer paid, the only amount an export has).
    goods: Decimal,
    post_fee: Decimal,
    payment: Decimal,
    created: NaiveDateTime,
    paid: Option<NaiveDateTime>,
    buyer_note: String,
    seller_note: String,
    lines: Vec<ImportedLine>,
    joined_titles: bool,
    file: String,
    row: usize,
    /// The import's history day, so a held order let in later is judged as the import would have.
    #[serde(default)]
    history_before: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportedLine {
    title: String,
    sku: String,
    code: String,
    quantity: Decimal,
    unit_price: Option<Decimal>,
    paid: Option<Decimal>,
}

impl ImportedLine {
    /// What a mapping is given for: the seller's code, else the title and the SKU text.
    fn key(&self) -> String {
        line_key(&self.code, &self.title, &self.sku)
    }
}

fn line_key(code: &str, title: &str, sku: &str) -> String {
    let (code, title, sku) = (code.trim(), title.trim(), sku.trim());
    if !code.is_empty() {
        code.to_string()
    } else if sku.is_empty() {
        title.to_string()
    } else {
        format!("{title} / {sku}")
    }
}

fn status_code(s: PlatformStatus) -> &'static str {
    match s {
        PlatformStatus::WaitBuyerPay => "wait_buyer_pay",
        PlatformStatus::WaitSellerSendGoods => "wait_seller_send_goods",
        PlatformStatus::WaitBuyerConfirmGoods => "wait_buyer_confirm_goods",
        PlatformStatus::Finished => "finished",
        PlatformStatus::Closed => "closed",
        PlatformStatus::ClosedByPlatform => "closed_by_platform",
    }
}

fn status_of(code: &str) -> Option<PlatformStatus> {
    PlatformStatus::ALL
        .into_iter()
        .find(|s| status_code(*s) == code)
}

fn imported(platform: Platform, o: FileOrder) -> Imported {
    let r = o.recipient;
    Imported {
        source: platform.code().to_string(),
        order_id: o.order_id,
        status: status_code(o.status).to_string(),
        status_text: o.status_text,
        buyer: one_line(&o.buyer),
        name: one_line(&r.name),
        phone: one_line(&r.phone),
        province: one_line(&r.province),
        city: one_line(&r.city),
        district: one_line(&r.district),
        street: one_line(&r.street),
        postcode: r.postcode.trim().to_string(),
        masked: r.masked,
        goods: o.goods,
        post_fee: o.post_fee,
        payment: o.payment,
        created: o.created,
        paid: o.paid,
        buyer_note: o.buyer_note,
        seller_note: o.seller_note,
        lines: o
            .lines
            .into_iter()
            .map(|l| ImportedLine {
                title: one_line(&l.title),
                sku: one_line(&l.sku),
                code: one_line(&l.code),
                quantity: l.quantity,
                unit_price: l.unit_price,
                paid: l.paid,
            })
            .collect(),
        joined_titles: o.joined_titles,
        file: o.file,
        row: o.row,
        history_before: None,
    }
}

impl Imported {
    /// What the order comes to: what the buyer paid, or, for an order not paid (or closed before
    /// payment; an export says 0 paid), the goods and the shipping it asks for.
    fn amount(&self) -> Decimal {
        if self.payment.is_zero() {
            self.goods
                .checked_add(self.post_fee)
                .unwrap_or(self.payment)
        } else {
            self.payment
        }
    }
}

/// Beijing time in a file, as an instant.
fn instant(local: NaiveDateTime) -> chrono::DateTime<Utc> {
    farmstall_domain::clock::shanghai()
        .from_local_datetime(&local)
        .single()
        .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc))
}

/// What the import does with one order.
#[derive(Debug, Clone, PartialEq)]
enum Plan {
    Create {
        state: OrderState,
        history: bool,
        steps: Vec<OrderState>,
        alert: Option<Alert>,
        order: Box<farmstall_store::orders::NewOrder>,
    },
    Update {
        id: farmstall_domain::Id,
        number: String,
        from: String,
        steps: Vec<OrderState>,
        alert: Option<Alert>,
        difference: Option<String>,
        total_fen: i64,
        confirm: bool,
    },
    Unchanged {
        number: String,
        state: String,
        difference: Option<String>,
        total_fen: i64,
        confirm: bool,
        id: farmstall_domain::Id,
    },
    Hold {
        waits_for: &'static str,
        reason: String,
        keys: Vec<ImportedLine>,
    },
    Refuse(String),
    Ignore,
}

/// The mappings an import has looked up so far, by line key (`None`: no product named): the
/// same few keys come on thousands of lines, and nothing changes them during one import.
type Mappings = std::collections::HashMap<String, Option<store::MappingRow>>;

/// What the import would do with `o`, read in `conn` (a reader for the preview, the import's own
/// transaction when it runs).
fn plan(
    conn: &Connection,
    at: At,
    o: &Imported,
    history_before: Option<NaiveDate>,
    mappings: &mut Mappings,
) -> Result<Plan> {
    let Some(status) = status_of(&o.status) else {
        return Ok(Plan::Refuse(format!("unknown status {}", o.status_text)));
    };
    let payment = rules::platform_money("payment", o.amount()).ok();
    let difference = |total_fen: i64| {
        payment.filter(|p| p.fen() != total_fen).map(|p| {
            format!(
                "the file says ¥{p}, the order here ¥{}",
                Money::from_fen(total_fen)
            )
        })
    };
    if let Some(stored) = store::stored_order(conn, &o.source, &o.order_id)? {
        let local = OrderState::parse(&stored.state).ok_or_else(|| {
            AppError::Conflict(format!(
                "order {} has an unknown state {}",
                stored.number, stored.state
            ))
        })?;
        let shipped_there = matches!(
            status,
            PlatformStatus::WaitBuyerConfirmGoods | PlatformStatus::Finished
        );
        let confirm = shipped_there
            && !stored.exported
            && matches!(local, OrderState::Shipped | OrderState::Finished);
        // Sales history stays as it was recorded: it never moved stock, so no step applies.
        let r = if stored.history {
            rules::Reconcile {
                create_as: None,
                steps: vec![],
                alert: None,
            }
        } else {
            rules::reconcile(Some(local), status)
        };
        let difference = difference(stored.total_fen);
        if r.steps.is_empty() && r.alert.is_none() {
            return Ok(Plan::Unchanged {
                number: stored.number,
                state: stored.state,
                difference,
                total_fen: stored.total_fen,
                confirm,
                id: stored.id,
            });
        }
        return Ok(Plan::Update {
            id: stored.id,
            number: stored.number,
            from: stored.state,
            steps: r.steps,
            alert: r.alert,
            difference,
            total_fen: stored.total_fen,
            confirm,
        });
    }
    let placed = o.created.date();
    let before_start = history_before.is_some_and(|start| placed < start);
    if before_start
        && matches!(
            status,
            PlatformStatus::Closed
                | PlatformStatus::ClosedByPlatform
                | PlatformStatus::WaitBuyerPay
        )
    {
        return Ok(Plan::Ignore);
    }
    // Shipped or finished on the platform and not here: it left before the shop recorded it, so
    // it is sales history (moves no stock), not an order waiting to ship (the sync's "shipped
    // elsewhere" is for an order that was here, paid, when the platform shipped it).
    let history = matches!(
        status,
        PlatformStatus::Finished | PlatformStatus::WaitBuyerConfirmGoods
    );
    if o.joined_titles {
        return Ok(Plan::Hold {
            waits_for: "split",
            reason: format!(
                "several products in one line ({}): say which products and how many",
                o.lines.first().map_or("", |l| l.title.as_str())
            ),
            keys: vec![],
        });
    }
    let mut mapped = Vec::with_capacity(o.lines.len());
    let mut missing = Vec::new();
    for l in &o.lines {
        let key = l.key();
        let found = match mappings.get(&key) {
            Some(known) => known.clone(),
            None => {
                let found = store::mapping(conn, &key)?;
                mappings.insert(key, found.clone());
                found
            }
        };
        match found {
            Some(m) => mapped.push((l, m)),
            None => missing.push(l.clone()),
        }
    }
    if !missing.is_empty() {
        let keys: Vec<String> = missing.iter().map(ImportedLine::key).collect();
        return Ok(Plan::Hold {
            waits_for: "mapping",
            reason: format!("no product is named for {}", keys.join("; ")),
            keys: missing,
        });
    }
    let r = rules::reconcile(None, status);
    let (state, steps, alert) = if history {
        (OrderState::Finished, vec![], None)
    } else {
        match r.create_as {
            Some(create_as) => (create_as, r.steps, r.alert),
            None => return Ok(Plan::Ignore),
        }
    };
    let lines = match price_lines(o, &mapped) {
        Ok(lines) => lines,
        Err(e) => return Ok(Plan::Refuse(format!("its amounts cannot be stored: {e}"))),
    };
    let input = OrderInput {
        source: o.source.clone(),
        platform_order_id: o.order_id.clone(),
        buyer: o.buyer.clone(),
        recipient: RecipientInput {
            name: o.name.clone(),
            phone: o.phone.clone(),
            province: o.province.clone(),
            city: o.city.clone(),
            district: o.district.clone(),
            street: o.street.clone(),
            postcode: o.postcode.clone(),
        },
        lines,
        shipping_fee: rules::platform_money("post_fee", o.post_fee)
            .map(|m| m.to_string())
            .unwrap_or_default(),
        buyer_note: one_line(&o.buyer_note),
        seller_note: one_line(&o.seller_note),
        ordered_on: placed.to_string(),
        state: if state == OrderState::Paid {
            "paid".into()
        } else {
            "waiting_payment".into()
        },
    };
    let mut order = match check_order_as(conn, &input, at.today, o.masked) {
        Ok(order) => order,
        Err(AppError::Invalid(issues)) => {
            return Ok(Plan::Refuse(
                issues
                    .iter()
                    .map(|i| i.message.clone())
                    .collect::<Vec<_>>()
                    .join("; "),
            ))
        }
        Err(other) => return Err(other),
    };
    order.history = history;
    if history {
        order.state = OrderState::Finished.code().to_string();
    }
    order.paid_at = o.paid.map(instant);
    Ok(Plan::Create {
        state,
        history,
        steps,
        alert,
        order: Box::new(order),
    })
}

/// The order's lines, priced so that they and the shipping fee come to what the buyer paid, to
/// the fen, by the rules the API sync uses (`domain::sync::price_line`).
fn price_lines(
    o: &Imported,
    mapped: &[(&ImportedLine, store::MappingRow)],
) -> std::result::Result<Vec<OrderLineInput>, rules::PriceError> {
    let post_fee = rules::platform_money("post_fee", o.post_fee)?;
    let payment = rules::platform_money("payment", o.amount())?;
    let goods = payment
        .checked_sub(post_fee)
        .filter(|g| !g.is_negative())
        .ok_or(rules::PriceError::ShippingOverPaid { post_fee, payment })?;
    let mut amounts = Vec::with_capacity(mapped.len());
    for (l, m) in mapped {
        let quantity = Decimal::new(m.per_milli, 3)
            .checked_mul(l.quantity)
            .ok_or_else(|| rules::PriceError::Quantity {
                field: "quantity".into(),
                value: l.quantity.to_string(),
            })?;
        let listed = match (l.unit_price, l.paid) {
            (Some(price), _) => price.checked_mul(l.quantity),
            (None, Some(paid)) => Some(paid),
            // One line with no amounts of its own: it is the order's goods.
            (None, None) if mapped.len() == 1 => Some(goods.yuan()),
            (None, None) => Some(Decimal::ZERO),
        }
        .ok_or_else(|| rules::PriceError::Amount {
            field: "price".into(),
            value: l.unit_price.unwrap_or_default().to_string(),
        })?;
        let listed = rules::platform_money("price", listed)?;
        let paid = match l.paid {
            Some(paid) => rules::platform_money("payment", paid)?,
            None => listed,
        };
        amounts.push(rules::PlatformAmounts {
            quantity,
            listed,
            paid,
        });
    }
    let paid_each: Vec<_> = amounts.iter().map(|a| a.paid).collect();
    let paid_each = rules::paid_per_line(&paid_each, post_fee, payment)?;
    let mut lines = Vec::with_capacity(mapped.len());
    for (((_, m), amount), paid) in mapped.iter().zip(amounts).zip(paid_each) {
        for priced in rules::price_line(rules::PlatformAmounts { paid, ..amount })? {
            lines.push(OrderLineInput {
                product_id: m.product.to_string(),
                quantity: priced.quantity.normalize().to_string(),
                unit_price: priced.unit_price.to_string(),
                discount: priced.discount.to_string(),
            });
        }
    }
    Ok(lines)
}

/// Carries out one order's plan in the import's transaction; returns the order's number.
fn carry_out(tx: &Connection, at: At, o: &Imported, plan: &Plan) -> Result<(String, u32)> {
    let mut alerts = 0;
    let number = match plan {
        Plan::Create {
            steps,
            alert,
            order,
            ..
        } => {
            let (id, number) = record_checked(tx, at, order)?;
            for next in steps {
                change_state_in(tx, at, &id.to_string(), *next, "platform export file")?;
            }
            if let Some(alert) = alert {
                farmstall_store::sync::raise_alert(
                    tx,
                    id,
                    alert_code(*alert),
                    &o.order_id,
                    at.now,
                )?;
                alerts += 1;
            }
            store::release(tx, &o.source, &o.order_id)?;
            number
        }
        Plan::Update {
            id,
            number,
            steps,
            alert,
            confirm,
            ..
        } => {
            for next in steps {
                change_state_in(tx, at, &id.to_string(), *next, "platform export file")?;
            }
            if let Some(alert) = alert {
                farmstall_store::sync::raise_alert(
                    tx,
                    *id,
                    alert_code(*alert),
                    &o.order_id,
                    at.now,
                )?;
                alerts += 1;
            }
            if *confirm {
                store::mark_exported(tx, &[*id], &o.file, at.now, at.origin)?;
            }
            number.clone()
        }
        Plan::Unchanged {
            number,
            confirm,
            id,
            ..
        } => {
            if *confirm {
                store::mark_exported(tx, &[*id], &o.file, at.now, at.origin)?;
            }
            number.clone()
        }
        Plan::Hold {
            waits_for, reason, ..
        } => {
            let data = serde_json::to_value(o)
                .map_err(|e| AppError::Conflict(format!("cannot keep the order aside: {e}")))?;
            store::hold(tx, &o.source, &o.order_id, waits_for, &data, reason, at.now)?;
            String::new()
        }
        Plan::Refuse(_) | Plan::Ignore => String::new(),
    };
    Ok((number, alerts))
}

/// One order's row in the report.
fn report_row(o: &Imported, plan: &Plan, number: String) -> ImportRow {
    let (outcome, from, to, note) = match plan {
        Plan::Create {
            state,
            history,
            steps,
            alert,
            ..
        } => (
            if *history { "history" } else { "new" },
            String::new(),
            steps.last().unwrap_or(state).code().to_string(),
            alert.map(alert_code).unwrap_or_default().to_string(),
        ),
        Plan::Update {
            from,
            steps,
            alert,
            difference,
            ..
        } => (
            if steps.is_empty() {
                "unchanged"
            } else {
                "changed"
            },
            from.clone(),
            steps.last().map_or(from.as_str(), |s| s.code()).to_string(),
            [
                alert.map(alert_code).map(str::to_string),
                difference.clone(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join("; "),
        ),
        Plan::Unchanged {
            state, difference, ..
        } => (
            "unchanged",
            state.clone(),
            state.clone(),
            difference.clone().unwrap_or_default(),
        ),
        Plan::Hold { reason, .. } => ("held", String::new(), String::new(), reason.clone()),
        Plan::Refuse(reason) => ("refused", String::new(), String::new(), reason.clone()),
        Plan::Ignore => (
            "ignored",
            String::new(),
            String::new(),
            "closed before the shop's start".to_string(),
        ),
    };
    let number = match plan {
        Plan::Update { number, .. } | Plan::Unchanged { number, .. } => number.clone(),
        _ => number,
    };
    let alert = match plan {
        Plan::Create { alert, .. } | Plan::Update { alert, .. } => {
            alert.map(alert_code).unwrap_or_default()
        }
        _ => "",
    };
    let total_here = match plan {
        Plan::Update {
            difference: Some(_),
            total_fen,
            ..
        }
        | Plan::Unchanged {
            difference: Some(_),
            total_fen,
            ..
        } => Money::from_fen(*total_fen).to_string(),
        _ => String::new(),
    };
    let waits_for = match plan {
        Plan::Hold { waits_for, .. } => waits_for,
        _ => "",
    };
    ImportRow {
        platform_order_id: o.order_id.clone(),
        outcome: outcome.to_string(),
        number,
        from,
        to,
        status_text: o.status_text.clone(),
        recipient: if o.masked {
            format!("{}{}{}", o.province, o.city, o.district)
        } else {
            o.name.clone()
        },
        masked: o.masked,
        total: rules::platform_money("payment", o.amount())
            .map(|m| m.to_string())
            .unwrap_or_else(|_| o.amount().to_string()),
        lines: o
            .lines
            .iter()
            .map(|l| {
                format!(
                    "{} ×{}",
                    line_key("", &l.title, &l.sku),
                    l.quantity.normalize()
                )
            })
            .collect::<Vec<_>>()
            .join("，"),
        note,
        alert: alert.to_string(),
        total_here,
        waits_for: waits_for.to_string(),
    }
}

fn count(report: &mut ImportReport, plan: &Plan) {
    let slot = match plan {
        Plan::Create { history: true, .. } => &mut report.history,
        Plan::Create { .. } => &mut report.new,
        Plan::Update { steps, .. } if steps.is_empty() => &mut report.unchanged,
        Plan::Update { .. } => &mut report.changed,
        Plan::Unchanged { .. } => &mut report.unchanged,
        Plan::Hold { .. } => &mut report.held,
        Plan::Refuse(_) => &mut report.refused,
        Plan::Ignore => &mut report.ignored,
    };
    *slot += 1;
    if matches!(
        plan,
        Plan::Update { confirm: true, .. } | Plan::Unchanged { confirm: true, .. }
    ) {
        report.confirmed += 1;
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// What the files hold: their platform, their orders, the rows that could not be read, and the day
/// before which finished orders are history.
struct Read {
    platform: Platform,
    orders: Vec<Imported>,
    problems: Vec<ImportProblem>,
    history_before: Option<NaiveDate>,
}

/// The files read, checked and made into imported orders; a file refused whole is the field
/// `files` with the reader's sentence.
fn read(inputs: &[InputFile], options: &ImportOptions) -> Result<Read> {
    let platform = match options.platform.trim() {
        "" | "auto" => None,
        code => Some(Platform::parse(code).ok_or_else(|| {
            AppError::from(FieldError::new(
                "platform",
                Rule::UnknownRecord,
                "platform is auto, taobao, pinduoduo or douyin",
            ))
        })?),
    };
    let history_before = validate::optional_date("historyBefore", &options.history_before)
        .map_err(AppError::from)?;
    if inputs.is_empty() {
        return Err(
            FieldError::new("files", Rule::Required, "choose at least one export file").into(),
        );
    }
    let parsed = files::read_orders(inputs, platform).map_err(|e| {
        AppError::from(
            FieldError::new("files", Rule::NotAllowed, format!("files: {e}"))
                .with("file", e.file.clone())
                .with("reason", e.code.code()),
        )
    })?;
    let problems = parsed
        .problems
        .into_iter()
        .map(|p| ImportProblem {
            file: p.file,
            row: to_u32(p.row),
            column: p.column,
            order_id: p.order_id.unwrap_or_default(),
            code: p.code.to_string(),
            detail: p.detail,
        })
        .collect();
    let platform = parsed.platform;
    let orders = parsed
        .orders
        .into_iter()
        .map(|o| Imported {
            history_before,
            ..imported(platform, o)
        })
        .collect();
    Ok(Read {
        platform,
        orders,
        problems,
        history_before,
    })
}

fn unmapped(plans: &[(Imported, Plan)]) -> Vec<UnmappedLine> {
    let mut seen: BTreeMap<String, UnmappedLine> = BTreeMap::new();
    for (_, plan) in plans {
        if let Plan::Hold { keys, .. } = plan {
            let mut counted = HashSet::new();
            for l in keys {
                let key = l.key();
                let entry = seen.entry(key.clone()).or_insert_with(|| UnmappedLine {
                    key: key.clone(),
                    title: l.title.clone(),
                    sku: l.sku.clone(),
                    code: l.code.clone(),
                    orders: 0,
                });
                if counted.insert(key) {
                    entry.orders += 1;
                }
            }
        }
    }
    seen.into_values().collect()
}

fn check_per(per: &str) -> std::result::Result<i64, FieldError> {
    if per.trim().is_empty() {
        return Ok(1000);
    }
    let value = validate::positive_quantity("per", per)?;
    validate::milli("per", value, validate::MAX_QUANTITY)
}

impl App {
    /// What importing these files would do, read without writing anything.
    pub fn preview_import(
        &mut self,
        inputs: &[InputFile],
        options: &ImportOptions,
    ) -> Result<ImportReport> {
        let Read {
            platform,
            orders,
            problems,
            history_before,
        } = read(inputs, options)?;
        let at = self.at();
        let reader = self.store.reader()?;
        let mut plans = Vec::with_capacity(orders.len());
        let mut mappings = Mappings::new();
        for o in orders {
            let p = plan(&reader, at, &o, history_before, &mut mappings)?;
            plans.push((o, p));
        }
        Ok(report(platform, inputs, problems, &plans, vec![], false))
    }

    /// Imports the orders of these files in one transaction: new ones created, known ones moved
    /// along, the rest held or refused with their reasons. `progress` hears (done, total) now
    /// and then.
    pub fn import_orders(
        &mut self,
        inputs: &[InputFile],
        options: &ImportOptions,
        progress: &mut dyn FnMut(u32, u32),
    ) -> Result<ImportReport> {
        let Read {
            platform,
            orders,
            problems,
            history_before,
        } = read(inputs, options)?;
        // A before-step backup, once a business day per platform: on a five-year shop a copy
        // takes seconds, too long to pay on every file (see `backup::App::backup_before_once_a_day`).
        if !orders.is_empty() {
            self.backup_before_once_a_day(&format!("import_{}", platform.code()))?;
        }
        let at = self.at();
        let total = to_u32(orders.len());
        self.store.write(|tx| {
            // The new orders are indexed for search at the end, in one go.
            let search = farmstall_store::orders::defer_search(tx)?;
            let mut plans = Vec::with_capacity(orders.len());
            let mut numbers = Vec::with_capacity(orders.len());
            let mut alerts = 0;
            let mut mappings = Mappings::new();
            for (i, o) in orders.into_iter().enumerate() {
                let p = plan(tx, at, &o, history_before, &mut mappings)?;
                let (number, raised) = carry_out(tx, at, &o, &p)?;
                alerts += raised;
                numbers.push(number);
                plans.push((o, p));
                if i % 500 == 499 {
                    progress(to_u32(i + 1), total);
                }
            }
            farmstall_store::orders::index_deferred(tx, search)?;
            progress(total, total);
            let mut report = report(platform, inputs, problems, &plans, numbers, true);
            report.alerts = alerts;
            Ok(report)
        })
    }

    /// Every mapping from a platform line to a product.
    pub fn import_mappings(&mut self) -> Result<Vec<ImportMapping>> {
        let rows = self.store.read(|tx| store::mappings(tx))?;
        Ok(rows.into_iter().map(mapping_dto).collect())
    }

    /// Says which product a platform line sells; held orders that waited only for it come in.
    pub fn save_import_mapping(&mut self, input: &ImportMappingInput) -> Result<MappingSaved> {
        let mut c = validate::Checker::new();
        let key = c.check(validate::required_text("key", &input.key, 200));
        let per = c.check(check_per(&input.per));
        let product = c.check(parse_id(&input.product_id).map_err(|_| {
            FieldError::new(
                "productId",
                Rule::UnknownRecord,
                "productId: choose a product",
            )
        }));
        c.finish()?;
        let (Some(key), Some(per), Some(product)) = (key, per, product) else {
            return Err(AppError::Conflict(
                "the mapping could not be checked".into(),
            ));
        };
        let at = self.at();
        self.store.write(|tx| {
            farmstall_store::products::get(tx, product).map_err(|_| {
                AppError::from(FieldError::new(
                    "productId",
                    Rule::UnknownRecord,
                    "productId: no such product",
                ))
            })?;
            store::save_mapping(tx, &key, product, per, at.now, at.origin)?;
            let mut released = 0;
            let mut mappings = Mappings::new();
            for held in store::held(tx, None)? {
                if held.waits_for != "mapping" {
                    continue;
                }
                let Ok(o) = serde_json::from_value::<Imported>(held.data.clone()) else {
                    continue;
                };
                let p = plan(tx, at, &o, o.history_before, &mut mappings)?;
                match p {
                    // Still waiting for another line: keep the newest reason.
                    Plan::Hold { .. } => {
                        carry_out(tx, at, &o, &p)?;
                        continue;
                    }
                    // Mapped, but it cannot be stored as it is: it stays held, not lost.
                    Plan::Refuse(_) => continue,
                    _ => {}
                }
                carry_out(tx, at, &o, &p)?;
                store::release(tx, &o.source, &o.order_id)?;
                released += 1;
            }
            let mapping = store::mapping(tx, &key)?
                .map(mapping_dto)
                .ok_or_else(|| AppError::Conflict("the mapping was not saved".into()))?;
            Ok(MappingSaved { mapping, released })
        })
    }

    /// Orders from files waiting for a mapping or a split.
    pub fn held_imports(&mut self) -> Result<Vec<HeldImportDto>> {
        let rows = self.store.read(|tx| store::held(tx, None))?;
        Ok(rows
            .into_iter()
            .map(|h| {
                let o: Option<Imported> = serde_json::from_value(h.data.clone()).ok();
                HeldImportDto {
                    source: h.source,
                    platform_order_id: h.platform_order_id,
                    waits_for: h.waits_for,
                    reason: h.reason,
                    title: o.as_ref().map_or_else(String::new, |o| {
                        o.lines
                            .iter()
                            .map(|l| line_key("", &l.title, &l.sku))
                            .collect::<Vec<_>>()
                            .join("，")
                    }),
                    quantity: o.as_ref().map_or_else(String::new, |o| {
                        o.lines
                            .iter()
                            .map(|l| l.quantity)
                            .sum::<Decimal>()
                            .normalize()
                            .to_string()
                    }),
                    payment: o
                        .as_ref()
                        .map_or_else(String::new, |o| o.amount().to_string()),
                    recipient: o.as_ref().map_or_else(String::new, |o| {
                        format!("{} {}{}{}", o.name, o.province, o.city, o.district)
                            .trim()
                            .to_string()
                    }),
                    at: h.at,
                }
            })
            .collect())
    }

    /// Makes a held joined order into an order with the products the person names; the lines
    /// are priced from the products' prices, scaled so the order comes to what the buyer paid.
    pub fn split_held_import(&mut self, input: &SplitInput) -> Result<crate::orders::OrderDto> {
        let at = self.at();
        self.store.write(|tx| {
            let held = store::held(tx, Some(input.source.trim()))?
                .into_iter()
                .find(|h| h.platform_order_id == input.platform_order_id.trim())
                .ok_or_else(|| {
                    AppError::from(FieldError::new(
                        "platformOrderId",
                        Rule::UnknownRecord,
                        format!(
                            "platformOrderId: no order {} from {} is waiting to be split",
                            input.platform_order_id, input.source
                        ),
                    ))
                })?;
            let o: Imported = serde_json::from_value(held.data)
                .map_err(|e| AppError::Conflict(format!("the held order cannot be read: {e}")))?;
            let mut priced = Vec::with_capacity(input.lines.len());
            let mut listed = Vec::with_capacity(input.lines.len());
            for (i, line) in input.lines.iter().enumerate() {
                let field = format!("lines.{i}.quantity");
                let quantity = validate::positive_quantity(&field, &line.quantity)?;
                validate::milli(&field, quantity, validate::MAX_QUANTITY)?;
                let product_field = format!("lines.{i}.productId");
                let product_id = parse_id(&line.product_id).map_err(|_| {
                    FieldError::new(
                        &product_field,
                        Rule::UnknownRecord,
                        format!("{product_field}: choose a product"),
                    )
                })?;
                let product = farmstall_store::products::get(tx, product_id).map_err(|_| {
                    AppError::from(FieldError::new(
                        &product_field,
                        Rule::UnknownRecord,
                        format!("{product_field}: no such product"),
                    ))
                })?;
                let price = product.details.price;
                let amount = Money::line_total(price.yuan(), quantity).map_err(|_| {
                    AppError::from(FieldError::new(
                        &field,
                        Rule::TooLarge,
                        format!("{field} is too large"),
                    ))
                })?;
                listed.push(amount);
                priced.push((line.product_id.clone(), quantity, amount));
            }
            if priced.is_empty() {
                return Err(FieldError::new(
                    "lines",
                    Rule::Required,
                    "an order needs at least one line",
                )
                .into());
            }
            let post_fee = rules::platform_money("post_fee", o.post_fee)
                .map_err(|e| AppError::Conflict(e.to_string()))?;
            let payment = rules::platform_money("payment", o.amount())
                .map_err(|e| AppError::Conflict(e.to_string()))?;
            let paid = rules::paid_per_line(&listed, post_fee, payment)
                .map_err(|e| AppError::Conflict(e.to_string()))?;
            let mut lines = Vec::new();
            for ((product_id, quantity, amount), paid) in priced.into_iter().zip(paid) {
                for p in rules::price_line(rules::PlatformAmounts {
                    quantity,
                    listed: amount,
                    paid,
                })
                .map_err(|e| AppError::Conflict(e.to_string()))?
                {
                    lines.push(OrderLineInput {
                        product_id: product_id.clone(),
                        quantity: p.quantity.normalize().to_string(),
                        unit_price: p.unit_price.to_string(),
                        discount: p.discount.to_string(),
                    });
                }
            }
            let status = status_of(&o.status).unwrap_or(PlatformStatus::WaitSellerSendGoods);
            let r = rules::reconcile(None, status);
            let state = r.create_as.unwrap_or(OrderState::Paid);
            let order_input = OrderInput {
                source: o.source.clone(),
                platform_order_id: o.order_id.clone(),
                buyer: o.buyer.clone(),
                recipient: RecipientInput {
                    name: o.name.clone(),
                    phone: o.phone.clone(),
                    province: o.province.clone(),
                    city: o.city.clone(),
                    district: o.district.clone(),
                    street: o.street.clone(),
                    postcode: o.postcode.clone(),
                },
                lines,
                shipping_fee: post_fee.to_string(),
                buyer_note: one_line(&o.buyer_note),
                seller_note: one_line(&o.seller_note),
                ordered_on: o.created.date().to_string(),
                state: if state == OrderState::Paid {
                    "paid".into()
                } else {
                    "waiting_payment".into()
                },
            };
            let mut order = check_order_as(tx, &order_input, at.today, o.masked)?;
            order.paid_at = o.paid.map(instant);
            let dto = insert_checked(tx, at, order)?;
            for next in &r.steps {
                change_state_in(tx, at, &dto.id, *next, "platform export file")?;
            }
            if let Some(alert) = r.alert {
                farmstall_store::sync::raise_alert(
                    tx,
                    parse_id(&dto.id)?,
                    alert_code(alert),
                    &o.order_id,
                    at.now,
                )?;
            }
            store::release(tx, &o.source, &o.order_id)?;
            crate::orders::get_in(tx, parse_id(&dto.id)?)
        })
    }

    /// The bulk-shipping file for one platform: its orders shipped here whose waybills it has
    /// not been given by file, as the platform's upload takes them. `deliver` gets the file's
    /// bytes and puts them where they go; only once it has do the orders remember they were
    /// exported (one transaction: a file that could not be written marks nothing).
    pub fn export_shipments_with(
        &mut self,
        input: &ShipmentExportInput,
        deliver: &mut dyn FnMut(&[u8], &str) -> Result<String>,
    ) -> Result<ShipmentExport> {
        let platform = Platform::parse(input.platform.trim()).ok_or_else(|| {
            AppError::from(FieldError::new(
                "platform",
                Rule::UnknownRecord,
                "platform is taobao, pinduoduo or douyin",
            ))
        })?;
        let format = match input.format.trim() {
            "" | "csv" => "csv",
            "xlsx" => "xlsx",
            _ => {
                return Err(
                    FieldError::new("format", Rule::UnknownRecord, "format is csv or xlsx").into(),
                )
            }
        };
        let at = self.at();
        self.store.write(|tx| {
            let due = store::unconfirmed_shipments(tx, platform.code())?;
            if due.is_empty() {
                return Err(AppError::Conflict(format!(
                    "no {} order is waiting to be told it shipped: nothing to export",
                    platform.code()
                )));
            }
            let rows: Vec<files::ShipmentRow> = due
                .iter()
                .map(|u| files::ShipmentRow {
                    order_id: u.platform_order_id.clone(),
                    courier: u.courier.clone(),
                    waybill: u.waybill.clone(),
                })
                .collect();
            let bytes = if format == "xlsx" {
                files::shipments_xlsx(platform, &rows).map_err(AppError::Conflict)?
            } else {
                files::shipments_csv(platform, &rows)
            };
            let path = deliver(&bytes, format)?;
            let ids: Vec<_> = due.iter().map(|u| u.id).collect();
            store::mark_exported(tx, &ids, &path, at.now, at.origin)?;
            Ok(ShipmentExport {
                path,
                bytes: to_u32(bytes.len()),
                orders: to_u32(ids.len()),
            })
        })
    }

    /// The bulk-shipping file saved under `documents/shipments/` in the data folder.
    pub fn export_shipments(&mut self, input: &ShipmentExportInput) -> Result<ShipmentExport> {
        let stem = format!("shipments-{}", input.platform.trim());
        let root = self.documents_dir();
        let now = self.clock.now();
        self.export_shipments_with(input, &mut |bytes, format| {
            let extension = if format == "xlsx" { "xlsx" } else { "csv" };
            crate::printing::save_document_at(&root, now, "shipments", &stem, extension, bytes)
                .map(|saved| saved.path)
        })
    }
}

fn mapping_dto(m: store::MappingRow) -> ImportMapping {
    ImportMapping {
        key: m.key,
        product_id: m.product.to_string(),
        product_name: m.product_name,
        sale_unit: m.sale_unit,
        per: Decimal::new(m.per_milli, 3).normalize().to_string(),
        updated_at: m.updated_at,
    }
}

fn report(
    platform: Platform,
    inputs: &[InputFile],
    problems: Vec<ImportProblem>,
    plans: &[(Imported, Plan)],
    numbers: Vec<String>,
    applied: bool,
) -> ImportReport {
    let mut r = ImportReport {
        platform: platform.code().to_string(),
        files: inputs.iter().map(|f| f.name.clone()).collect(),
        applied,
        orders: to_u32(plans.len()),
        problems,
        unmapped: unmapped(plans),
        ..ImportReport::default()
    };
    let mut numbers = numbers.into_iter();
    for (o, p) in plans {
        count(&mut r, p);
        let number = numbers.next().unwrap_or_default();
        if r.rows.len() < ROWS_SHOWN {
            r.rows.push(report_row(o, p, number));
        }
        if !applied {
            if let Plan::Create { alert: Some(_), .. } | Plan::Update { alert: Some(_), .. } = p {
                r.alerts += 1;
            }
        }
    }
    r
}
