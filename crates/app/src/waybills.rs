//! Use cases: waybill numbers bought from a courier in advance, and giving the next one to a
//! paid, packing or packed order so its label can print (`scan::assign_waybills` gives a batch).

use farmstall_domain::validate::{optional_text, LONG_TEXT};
use farmstall_domain::{Checker, Courier, FieldError, Rule};
use farmstall_store::orders;
use farmstall_store::waybills::{self, NewRange, RangeRow};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::orders::{set_waybill_in, OrderDto, ShipInput};
use crate::{App, AppError, Result};

/// Most numbers one range may hold.
const MAX_RANGE: i64 = 100_000;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WaybillRangeInput {
    #[ts(type = "Courier")]
    pub courier: String,
    pub first: String,
    pub last: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaybillRange {
    pub id: String,
    #[ts(type = "Courier")]
    pub courier: String,
    pub first: String,
    pub last: String,
    /// The next number to give out; `null` when used up.
    pub next: Option<String>,
    /// Numbers not given out yet.
    pub left: u32,
    pub note: String,
    pub created_at: String,
}

fn dto(r: RangeRow) -> WaybillRange {
    let left = (r.range.last_no - r.next_no + 1).max(0);
    WaybillRange {
        id: r.id.to_string(),
        courier: r.range.courier.clone(),
        first: r.range.waybill(r.range.first_no),
        last: r.range.waybill(r.range.last_no),
        next: (left > 0).then(|| r.range.waybill(r.next_no)),
        left: u32::try_from(left).unwrap_or(u32::MAX),
        note: r.range.note,
        created_at: r.created_at,
    }
}

/// "SF1402338870000" → ("SF", 1402338870000, 13): letters in front, then the number.
fn split(waybill: &str) -> Option<(String, i64, u32)> {
    let at = waybill.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = waybill.split_at(at);
    if digits.len() > 18 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((
        prefix.to_string(),
        digits.parse().ok()?,
        u32::try_from(digits.len()).ok()?,
    ))
}

fn check_range(input: &WaybillRangeInput) -> Result<NewRange> {
    let mut c = Checker::new();
    let courier = match Courier::parse(&input.courier) {
        Some(courier) => Some(courier),
        None => c.check(Err(FieldError::new(
            "courier",
            Rule::UnknownCourier,
            "courier must be SF, ZTO, YTO, STO, YUNDA, JD or EMS",
        ))),
    };
    let mut number = |field: &str, text: &str| -> Option<(String, i64, u32)> {
        let courier = courier?;
        let waybill = c.check(courier.check_waybill(text).map_err(|e| {
            FieldError::new(field, Rule::BadWaybill, format!("{field}: {e}"))
                .with("example", e.example)
        }))?;
        let parts = split(&waybill);
        if parts.is_none() {
            c.check::<()>(Err(FieldError::new(
                field,
                Rule::BadWaybill,
                format!("{field}: a range needs numbers that end in digits"),
            )));
        }
        parts
    };
    let first = number("first", &input.first);
    let last = number("last", &input.last);
    if let (Some((prefix, from, digits)), Some((prefix2, to, digits2))) = (&first, &last) {
        let why = if prefix != prefix2 || digits != digits2 {
            Some("the last number must look like the first: same letters in front, same length")
        } else if to < from {
            Some("the last number comes before the first")
        } else if to - from >= MAX_RANGE {
            Some("a range holds at most 100,000 numbers: enter it in parts")
        } else {
            None
        };
        if let Some(why) = why {
            c.check::<()>(Err(FieldError::new(
                "last",
                Rule::NotAllowed,
                format!("last: {why}"),
            )));
        }
    }
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    c.finish()?;
    match (courier, first, last, note) {
        (Some(courier), Some((prefix, first_no, digits)), Some((_, last_no, _)), Some(note)) => {
            Ok(NewRange {
                courier: courier.code().to_string(),
                prefix,
                digits,
                first_no,
                last_no,
                note,
            })
        }
        _ => Err(AppError::Conflict("the range could not be checked".into())),
    }
}

impl App {
    pub fn list_waybill_ranges(&mut self) -> Result<Vec<WaybillRange>> {
        self.store
            .read(|tx| Ok(waybills::list(tx)?.into_iter().map(dto).collect()))
    }

    /// Records numbers bought from a courier.
    pub fn add_waybill_range(&mut self, input: &WaybillRangeInput) -> Result<WaybillRange> {
        let range = check_range(input)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            if waybills::overlaps(tx, &range)? {
                return Err(AppError::from(FieldError::new(
                    "first",
                    Rule::Duplicate,
                    "first: these numbers overlap a range already entered for this courier",
                )));
            }
            let id = waybills::insert(tx, &range, now, origin)?;
            waybills::list(tx)?
                .into_iter()
                .find(|r| r.id == id)
                .map(dto)
                .ok_or_else(|| AppError::Conflict("the range was not stored".into()))
        })
    }

    /// Gives a paid, packing or packed order the next unused number of the courier's ranges.
    pub fn take_waybill(&mut self, order_id: &str, courier: &str) -> Result<OrderDto> {
        let id = parse_id(order_id)?;
        let Some(courier) = Courier::parse(courier) else {
            return Err(AppError::from(FieldError::new(
                "courier",
                Rule::UnknownCourier,
                "courier must be SF, ZTO, YTO, STO, YUNDA, JD or EMS",
            )));
        };
        let at = self.at();
        self.store.write(|tx| {
            let order = orders::get_order(tx, id)?;
            if order.courier.as_deref() == Some(courier.code()) && order.waybill.is_some() {
                // It has a number of this courier already: taking another would waste one.
                return crate::orders::get_in(tx, id);
            }
            let Some(waybill) = waybills::take_next(tx, courier.code(), at.now, at.origin)? else {
                return Err(AppError::from(FieldError::new(
                    "courier",
                    Rule::NoNumbersLeft,
                    format!(
                        "courier: no numbers of {} are left; add the range the courier sold you",
                        courier.name_zh()
                    ),
                )));
            };
            let cost = order
                .shipping_cost_fen
                .map(|fen| farmstall_domain::Money::from_fen(fen).to_string())
                .unwrap_or_default();
            set_waybill_in(
                tx,
                at,
                &ShipInput {
                    order_id: order_id.to_string(),
                    courier: courier.code().to_string(),
                    waybill,
                    shipping_cost: cost,
                },
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn waybills_split_into_letters_and_number() {
        assert_eq!(
            split("SF1402338870000"),
            Some(("SF".into(), 1_402_338_870_000, 13))
        );
        assert_eq!(
            split("75120000000000"),
            Some((String::new(), 75_120_000_000_000, 14))
        );
        assert_eq!(split("000123"), Some((String::new(), 123, 6)));
        assert_eq!(split("SF"), None);
    }
}
