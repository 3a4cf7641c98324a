//! Use cases of the daily shipping round: waybills given to a batch of orders before packing,
//! an order found by a code scanned from its label, shipping by scanning the waybill, and undoing
//! a wrong scan while the marketplace has not been told.

use farmstall_domain::order::OrderState;
use farmstall_domain::{Checker, Courier, FieldError, Rule};
use farmstall_store::rusqlite::Connection;
use farmstall_store::{orders, scan, waybills};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::orders::{change_state_in, get_in, set_waybill_in, ship_order_in, OrderDto, ShipInput};
use crate::shipping::orders_named;
use crate::{App, AppError, At, Result};

/// Waybills for a batch of orders, from the numbers bought from one courier.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct AssignWaybillsInput {
    pub order_ids: Vec<String>,
    #[ts(type = "Courier")]
    pub courier: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignedWaybill {
    pub order_id: String,
    pub number: String,
    #[ts(type = "Courier")]
    pub courier: String,
    pub waybill: String,
    /// It had a waybill already and keeps it.
    pub kept: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AssignedWaybills {
    /// In the order asked.
    pub orders: Vec<AssignedWaybill>,
    /// New numbers given out.
    pub given: u32,
    /// Orders that kept the waybill they had.
    pub kept: u32,
}

/// A scan at the courier's table shipped this order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ScanShipped {
    pub order: OrderDto,
    /// Orders shipped today (Asia/Shanghai), this one included, less scans undone.
    pub shipped_today: u32,
}

/// A scanned code as typed: a scanner may add spaces or a line end around it.
fn clean_code(code: &str) -> String {
    code.trim_matches(|c: char| c.is_whitespace() || c.is_control())
        .to_string()
}

/// The order `code` names (waybill, order number as in the label's QR code, platform order id),
/// refused at field `code` when it names none.
fn order_by_code(conn: &Connection, code: &str) -> Result<orders::OrderRow> {
    let code = clean_code(code);
    let found = if code.is_empty() || code.chars().count() > 100 {
        None
    } else {
        scan::find_order(conn, &code, &crate::orders::SOURCES)?
    };
    match found {
        Some(id) => Ok(orders::get_order(conn, id)?),
        None => Err(FieldError::new(
            "code",
            if code.is_empty() {
                Rule::Required
            } else {
                Rule::UnknownRecord
            },
            format!("code: {code:?} belongs to no order (not a waybill, an order number or a platform order id)"),
        )
        .with("code", code)
        .into()),
    }
}

fn state_of(order: &orders::OrderRow) -> Result<OrderState> {
    OrderState::parse(&order.state)
        .ok_or_else(|| AppError::Conflict(format!("unknown order state {:?}", order.state)))
}

/// Start of today in Asia/Shanghai, as an instant.
fn start_of_today(at: At) -> chrono::DateTime<chrono::Utc> {
    at.today
        .and_hms_opt(0, 0, 0)
        .and_then(|t| {
            t.and_local_timezone(farmstall_domain::clock::shanghai())
                .single()
        })
        .map_or(at.now, |t| t.with_timezone(&chrono::Utc))
}

pub(crate) fn ship_scanned_in(conn: &Connection, at: At, code: &str) -> Result<ScanShipped> {
    let order = order_by_code(conn, code)?;
    let state = state_of(&order)?;
    let refuse = |rule: Rule, why: String| -> AppError {
        FieldError::new("code", rule, format!("code: order {} {why}", order.number))
            .with("number", order.number.clone())
            .with("from", order.state.clone())
            .with("to", OrderState::Shipped.code())
            .into()
    };
    match state {
        OrderState::Shipped | OrderState::Finished => {
            return Err(refuse(
                Rule::AlreadyShipped,
                "was shipped already; nothing changed".into(),
            ))
        }
        OrderState::Packed => {}
        OrderState::Paid | OrderState::Packing => {
            return Err(refuse(
                Rule::NotAllowed,
                "is not packed yet: pack it before it ships".into(),
            ))
        }
        other => {
            return Err(refuse(
                Rule::NotAllowed,
                format!("is {other} and cannot ship"),
            ))
        }
    }
    if order.waybill.is_none() {
        return Err(FieldError::new(
            "code",
            Rule::Required,
            format!(
                "code: order {} has no waybill yet; give it one first",
                order.number
            ),
        )
        .with("number", order.number.clone())
        .into());
    }
    let shipped = ship_order_in(
        conn,
        at,
        &ShipInput {
            order_id: order.id.to_string(),
            ..ShipInput::default()
        },
    )?;
    let today = scan::shipped_since(conn, start_of_today(at))?;
    Ok(ScanShipped {
        order: shipped,
        shipped_today: u32::try_from(today).unwrap_or(u32::MAX),
    })
}

pub(crate) fn unship_order_in(conn: &Connection, at: At, id: &str) -> Result<OrderDto> {
    let order = orders::get_order(conn, parse_id(id)?)?;
    if state_of(&order)? != OrderState::Shipped {
        return Err(FieldError::new(
            "id",
            Rule::NotAllowed,
            format!(
                "id: order {} is {}; only a shipped order's scan is undone",
                order.number, order.state
            ),
        )
        .with("from", order.state.clone())
        .with("to", OrderState::Packed.code())
        .into());
    }
    if scan::ship_told(conn, order.id)? {
        return Err(FieldError::new(
            "id",
            Rule::AlreadySent,
            format!(
                "id: the marketplace has been told order {} shipped with waybill {}; it stays shipped",
                order.number,
                order.waybill.as_deref().unwrap_or("-")
            ),
        )
        .with("number", order.number.clone())
        .into());
    }
    scan::discard_ship(conn, order.id, at.now)?;
    change_state_in(conn, at, id, OrderState::Packed, "ship scan undone")
}

pub(crate) fn assign_waybills_in(
    conn: &Connection,
    at: At,
    input: &AssignWaybillsInput,
) -> Result<AssignedWaybills> {
    let mut c = Checker::new();
    let courier = match Courier::parse(&input.courier) {
        Some(courier) => Some(courier),
        None => c.check(Err(FieldError::new(
            "courier",
            Rule::UnknownCourier,
            "courier must be SF, ZTO, YTO, STO, YUNDA, JD or EMS",
        ))),
    };
    let found = orders_named(conn, &input.order_ids)?;
    for (i, order) in found.iter().enumerate() {
        let state = state_of(order)?;
        if order.waybill.is_none()
            && !matches!(
                state,
                OrderState::Paid | OrderState::Packing | OrderState::Packed
            )
        {
            let field = format!("orderIds.{i}");
            c.check::<()>(Err(FieldError::new(
                &field,
                Rule::NotAllowed,
                format!(
                    "{field}: order {} is {}: only paid orders not shipped yet get a waybill",
                    order.number, order.state
                ),
            )
            .with("number", order.number.clone())
            .with("from", order.state.clone())));
        }
    }
    c.finish()?;
    let Some(courier) = courier else {
        return Err(AppError::Conflict(
            "the courier could not be checked".into(),
        ));
    };
    let needed = found.iter().filter(|o| o.waybill.is_none()).count();
    let left: i64 = waybills::list(conn)?
        .iter()
        .filter(|r| r.range.courier == courier.code())
        .map(|r| (r.range.last_no - r.next_no + 1).max(0))
        .sum();
    let short = |left: i64| -> AppError {
        FieldError::new(
            "courier",
            Rule::NoNumbersLeft,
            format!(
                "courier: {left} numbers of {} are left and {needed} are needed; add the range the courier sold you",
                courier.name_zh()
            ),
        )
        .with("left", left.to_string())
        .with("needed", needed.to_string())
        .with("courier", courier.code())
        .into()
    };
    if left < i64::try_from(needed).unwrap_or(i64::MAX) {
        return Err(short(left));
    }
    let mut out = Vec::with_capacity(found.len());
    let (mut given, mut kept) = (0, 0);
    for order in &found {
        if let (Some(courier), Some(waybill)) = (&order.courier, &order.waybill) {
            kept += 1;
            out.push(AssignedWaybill {
                order_id: order.id.to_string(),
                number: order.number.clone(),
                courier: courier.clone(),
                waybill: waybill.clone(),
                kept: true,
            });
            continue;
        }
        // Numbers already typed on other orders are skipped, so a range can run out here
        // even though it counted enough: the transaction then gives out nothing.
        let Some(waybill) = waybills::take_next(conn, courier.code(), at.now, at.origin)? else {
            return Err(short(i64::from(given)));
        };
        let dto = set_waybill_in(
            conn,
            at,
            &ShipInput {
                order_id: order.id.to_string(),
                courier: courier.code().to_string(),
                waybill,
                shipping_cost: order
                    .shipping_cost_fen
                    .map(|fen| farmstall_domain::Money::from_fen(fen).to_string())
                    .unwrap_or_default(),
            },
        )?;
        given += 1;
        out.push(AssignedWaybill {
            order_id: dto.id,
            number: dto.number,
            courier: dto.courier.unwrap_or_default(),
            waybill: dto.waybill.unwrap_or_default(),
            kept: false,
        });
    }
    Ok(AssignedWaybills {
        orders: out,
        given,
        kept,
    })
}

impl App {
    /// Gives each chosen order that has no waybill the next number of the courier's bought
    /// ranges, all in one transaction: when the ranges hold too few, nothing is given and the
    /// refusal says how many are left and how many are needed. Orders with a waybill keep it.
    pub fn assign_waybills(&mut self, input: &AssignWaybillsInput) -> Result<AssignedWaybills> {
        let at = self.at();
        self.store.write(|tx| assign_waybills_in(tx, at, input))
    }

    /// The order a scanned or typed code names: its waybill, its order number (the label's QR
    /// code holds it), or its platform order id.
    pub fn find_order_by_code(&mut self, code: &str) -> Result<OrderDto> {
        self.store.read(|tx| {
            let order = order_by_code(tx, code)?;
            get_in(tx, order.id)
        })
    }

    /// Ships the packed order whose waybill (or label QR code) was scanned, and says how many
    /// shipped today. An order shipped already, not packed, or unknown is refused and nothing
    /// changes.
    pub fn ship_scanned(&mut self, code: &str) -> Result<ScanShipped> {
        let at = self.at();
        self.store.write(|tx| ship_scanned_in(tx, at, code))
    }

    /// Orders shipped today (Asia/Shanghai), less scans undone: what the scan screen shows when it
    /// opens, before its first scan.
    pub fn shipped_today(&mut self) -> Result<u32> {
        let at = self.at();
        self.store.read(|tx| {
            let count = scan::shipped_since(tx, start_of_today(at))?;
            Ok(u32::try_from(count).unwrap_or(u32::MAX))
        })
    }

    /// Undoes a ship scan: the order is packed again, and the marketplace's pending `ship` item
    /// for it is discarded. Refused once the marketplace has been told.
    pub fn unship_order(&mut self, id: &str) -> Result<OrderDto> {
        let at = self.at();
        self.store.write(|tx| unship_order_in(tx, at, id))
    }
}
