//! Use cases: employees (family members who are paid), their work records, the month's pay as a
//! draft computed on demand, approving a month (which locks it) and paying its payslips. The
//! payslip PDFs are in `payslips`, the pay year and its CSV and XLSX files in `exports`.
//!
//! The pay of a month is `domain::payroll::compute` over the employee's schemes and records; boxes
//! they packed come from the packing records of orders (`store::payroll::boxes_packed`) when they
//! have a "box_packed" piece rate. The tax of a month needs the year before it, which is computed
//! the same way month by month from January, so a draft is always consistent with the records.

use chrono::{Datelike, NaiveDate};
use farmstall_domain::payroll::{compute, LineKind, MonthInput, PayError, Record, Scheme, Work};
use farmstall_domain::tax::YearToDate;
use farmstall_domain::text;
use farmstall_domain::validate::{
    money_not_negative, optional_date, optional_text, optional_unit_price, positive_quantity,
    required_text, LONG_TEXT, MAX_QUANTITY, SHORT_TEXT,
};
use farmstall_domain::{Checker, FieldError, Language, Money, Rule};
use farmstall_store::members;
use farmstall_store::payroll::{
    self, EmployeeDetails, EmployeeRow, NewWork, SchemeRow, StoredSlip,
};
use farmstall_store::rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

mod exports;
mod payslips;
mod week;

pub use exports::{PayMonthCost, PayYear, PayYearEmployee, PayYearSlip};
pub use payslips::PayslipRequest;
pub use week::{
    WorkCell, WorkCellInput, WorkCellProblem, WorkWeek, WorkWeekDay, WorkWeekInput, WorkWeekSaved,
    CHANGED,
};

use crate::farmers::parse_id;
use crate::stock::{e4_text, milli_text, one_of, round_e4};
use crate::{App, AppError, Result};

/// The kind of piece work that packing records count: one per order packed.
pub const BOX_PACKED: &str = "box_packed";

const SCHEME_KINDS: [&str; 4] = ["monthly", "daily", "hourly", "piece"];
const WORK_KINDS: [&str; 6] = ["days", "hours", "pieces", "bonus", "advance", "deduction"];

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct SchemeInput {
    /// monthly, daily, hourly or piece.
    pub kind: String,
    /// For piece rates: the kind of work ("box_packed", "jin_sorted", "tofu_made").
    pub work: String,
    /// Yuan per month, day, hour or piece; at most 4 decimals.
    pub rate: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct EmployeeInput {
    /// A family member's name; a new name adds the member.
    pub name: String,
    pub relation: String,
    pub phone: String,
    pub start_on: String,
    /// "" while they still work here.
    pub end_on: String,
    pub withhold_tax: bool,
    /// Monthly social insurance and housing fund (专项扣除), yuan.
    pub special_deduction: String,
    /// Monthly special additional deductions (专项附加扣除), yuan.
    pub additional_deduction: String,
    pub account_note: String,
    pub schemes: Vec<SchemeInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Employee")]
pub struct EmployeeDto {
    pub member_id: String,
    pub name: String,
    pub relation: String,
    pub phone: String,
    pub start_on: String,
    pub end_on: Option<String>,
    pub withhold_tax: bool,
    pub special_deduction: String,
    pub additional_deduction: String,
    pub account_note: String,
    pub schemes: Vec<SchemeInput>,
    /// Full pinyin and initials of the name, for the pickers' typing (`text::search_key`).
    pub search_key: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkInput {
    pub member_id: String,
    pub date: String,
    /// days, hours, pieces, bonus, advance or deduction.
    pub kind: String,
    /// For pieces: the kind of work.
    pub work: String,
    /// Days, hours or pieces (at most 3 decimals).
    pub quantity: String,
    /// Yuan, for a bonus, advance or deduction.
    pub amount: String,
    pub note: String,
}

/// A recorded piece of work, advance, bonus or deduction, for the month's list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkRecord {
    pub id: String,
    pub member_id: String,
    pub name: String,
    pub date: String,
    #[ts(type = "\"days\" | \"hours\" | \"pieces\" | \"bonus\" | \"advance\" | \"deduction\"")]
    pub kind: String,
    pub work: String,
    /// Days, hours or pieces; "" for money.
    pub quantity: String,
    /// Yuan; "" for days, hours and pieces.
    pub amount: String,
    pub note: String,
    /// Its month is approved: it can no longer be deleted.
    pub locked: bool,
}

/// One line of a payslip, with how it was computed in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayLine {
    /// salary, daily, hourly, piece or bonus.
    pub kind: String,
    pub work: String,
    pub quantity: String,
    pub rate: String,
    pub amount: String,
    pub explanation: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayslipDto {
    pub member_id: String,
    pub name: String,
    pub lines: Vec<PayLine>,
    pub gross: String,
    /// Tax withheld this month ("0.00" when none is withheld for them).
    pub tax: String,
    /// How the tax was computed, in words; "" when none is withheld.
    pub tax_explanation: String,
    pub advances: String,
    pub deductions: String,
    /// Negative when advances were more than the pay.
    pub net: String,
    pub gross_year_to_date: String,
    pub tax_year_to_date: String,
    /// Paid out so far (approved months only), when and how.
    pub paid: String,
    pub paid_on: Option<String>,
    pub paid_method: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayrollPreview {
    /// YYYY-MM.
    pub month: String,
    /// Approved months are locked and their payslips kept; others are drafts.
    pub approved: bool,
    pub payslips: Vec<PayslipDto>,
    pub gross: String,
    pub tax: String,
    pub net: String,
}

pub(super) fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

/// A rate in yuan: more than zero, at most 4 decimals, as ten-thousandths of a yuan.
fn rate(field: &str, text: &str) -> Result<i64, FieldError> {
    let value = optional_unit_price(field, text)?
        .ok_or_else(|| FieldError::new(field, Rule::Required, format!("{field} is required")))?;
    if value <= Decimal::ZERO {
        return Err(FieldError::new(
            field,
            Rule::MustBePositive,
            format!("{field} must be more than zero"),
        ));
    }
    round_e4(value)
        .ok_or_else(|| FieldError::new(field, Rule::NotANumber, format!("{field} is too large")))
}

fn money_or_zero(field: &str, text: &str) -> Result<i64, FieldError> {
    if text.trim().is_empty() {
        return Ok(0);
    }
    money_not_negative(field, text).map(Money::fen)
}

fn employee_dto(e: EmployeeRow) -> EmployeeDto {
    let d = e.details;
    EmployeeDto {
        member_id: e.member.to_string(),
        search_key: text::search_key(&e.name),
        name: e.name,
        relation: d.relation,
        phone: d.phone,
        start_on: d.start_on.to_string(),
        end_on: d.end_on.map(|d| d.to_string()),
        withhold_tax: d.withhold_tax,
        special_deduction: yuan(d.special_deduction_fen),
        additional_deduction: yuan(d.additional_deduction_fen),
        account_note: d.account_note,
        schemes: d
            .schemes
            .into_iter()
            .map(|s| SchemeInput {
                kind: s.kind,
                work: s.work,
                rate: e4_text(s.rate_e4),
            })
            .collect(),
    }
}

fn check_employee(input: &EmployeeInput) -> Result<(String, EmployeeDetails)> {
    let mut c = Checker::new();
    let name = c.check(required_text("name", &input.name, 40));
    let relation = c.check(optional_text("relation", &input.relation, SHORT_TEXT));
    let phone = c.check(optional_text("phone", &input.phone, SHORT_TEXT));
    let start_on = c.check(optional_date("startOn", &input.start_on).and_then(|d| {
        d.ok_or_else(|| FieldError::new("startOn", Rule::Required, "startOn is required"))
    }));
    let end_on = c.check(optional_date("endOn", &input.end_on));
    if let (Some(start), Some(Some(end))) = (start_on, end_on) {
        if end < start {
            c.check::<()>(Err(FieldError::new(
                "endOn",
                Rule::BadDate,
                "endOn: the last day cannot come before the first",
            )));
        }
    }
    let special = c.check(money_or_zero("specialDeduction", &input.special_deduction));
    let additional = c.check(money_or_zero(
        "additionalDeduction",
        &input.additional_deduction,
    ));
    let note = c.check(optional_text("accountNote", &input.account_note, LONG_TEXT));
    if input.schemes.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "schemes",
            Rule::Required,
            "schemes: say how they are paid (a salary, a daily or hourly wage, or piece rates)",
        )));
    }
    let mut schemes = Vec::new();
    for (i, s) in input.schemes.iter().enumerate() {
        let f = |name: &str| format!("schemes.{i}.{name}");
        let kind = c.check(one_of(
            &f("kind"),
            &s.kind,
            &SCHEME_KINDS,
            Rule::UnknownKind,
            "kind is monthly, daily, hourly or piece",
        ));
        let work = c
            .check(optional_text(&f("work"), &s.work, SHORT_TEXT))
            .unwrap_or_default();
        if kind.as_deref() == Some("piece") && work.is_empty() {
            c.check::<()>(Err(FieldError::new(
                &f("work"),
                Rule::Required,
                format!(
                    "{}: which work this rate pays for (e.g. box_packed)",
                    f("work")
                ),
            )));
        }
        let same = |other: &SchemeInput| {
            other.kind.trim() == s.kind.trim()
                && (s.kind.trim() != "piece" || other.work.trim() == work)
        };
        if input.schemes[..i].iter().any(same) {
            c.check::<()>(Err(FieldError::new(
                &f("kind"),
                Rule::Duplicate,
                format!("{}: this scheme is listed twice", f("kind")),
            )));
        }
        let rate_e4 = c.check(rate(&f("rate"), &s.rate));
        if let (Some(kind), Some(rate_e4)) = (kind, rate_e4) {
            schemes.push(SchemeRow {
                work: if kind == "piece" { work } else { String::new() },
                kind,
                rate_e4,
            });
        }
    }
    c.finish()?;
    match (
        name, relation, phone, start_on, end_on, special, additional, note,
    ) {
        (
            Some(name),
            Some(relation),
            Some(phone),
            Some(start_on),
            Some(end_on),
            Some(special),
            Some(additional),
            Some(note),
        ) => Ok((
            name,
            EmployeeDetails {
                relation,
                phone,
                start_on,
                end_on,
                withhold_tax: input.withhold_tax,
                special_deduction_fen: special,
                additional_deduction_fen: additional,
                account_note: note,
                schemes,
            },
        )),
        _ => Err(AppError::Conflict(
            "the employee could not be checked".into(),
        )),
    }
}

fn scheme(s: &SchemeRow) -> Scheme {
    let rate = Decimal::new(s.rate_e4, 4);
    match s.kind.as_str() {
        "monthly" => Scheme::Monthly {
            salary: Money::round_from_yuan(rate).unwrap_or(Money::ZERO),
        },
        "daily" => Scheme::Daily { rate },
        "hourly" => Scheme::Hourly { rate },
        _ => Scheme::Piece {
            work: s.work.clone(),
            rate,
        },
    }
}

fn first_of(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)
}

fn last_of(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

/// The month's input for one employee, records from the database and packing.
fn month_input(
    conn: &Connection,
    e: &EmployeeRow,
    first: NaiveDate,
    year_before: YearToDate,
) -> Result<MonthInput> {
    let last = last_of(first);
    let mut records = Vec::new();
    for row in payroll::work_between(conn, e.member, first, last)? {
        let w = row.work;
        let quantity = w
            .quantity_milli
            .map(|m| Decimal::new(m, 3))
            .unwrap_or_default();
        let amount = Money::from_fen(w.amount_fen.unwrap_or(0));
        let work = match w.kind.as_str() {
            "days" => Work::Days(quantity),
            "hours" => Work::Hours(quantity),
            "pieces" => Work::Pieces {
                work: w.work,
                quantity,
            },
            "bonus" => Work::Bonus(amount),
            "advance" => Work::Advance(amount),
            _ => Work::Deduction(amount),
        };
        records.push(Record { date: w.date, work });
    }
    let packs_boxes = e
        .details
        .schemes
        .iter()
        .any(|s| s.kind == "piece" && s.work == BOX_PACKED);
    if packs_boxes {
        for date in payroll::boxes_packed(conn, &e.name, first, last)? {
            records.push(Record {
                date,
                work: Work::Pieces {
                    work: BOX_PACKED.into(),
                    quantity: Decimal::ONE,
                },
            });
        }
    }
    Ok(MonthInput {
        month: first,
        start: e.details.start_on,
        end: e.details.end_on,
        schemes: e.details.schemes.iter().map(scheme).collect(),
        records,
        withhold_tax: e.details.withhold_tax,
        year_before,
        special_deductions: Money::from_fen(e.details.special_deduction_fen),
        additional_deductions: Money::from_fen(e.details.additional_deduction_fen),
    })
}

fn employed_in(e: &EmployeeRow, first: NaiveDate) -> bool {
    e.details.start_on <= last_of(first) && e.details.end_on.is_none_or(|end| end >= first)
}

fn refused(e: &EmployeeRow, first: NaiveDate, error: PayError) -> AppError {
    AppError::from(FieldError::new(
        "month",
        Rule::NotAllowed,
        format!(
            "month: {} in {:04}-{:02}: {error}; correct their work records or pay schemes",
            e.name,
            first.year(),
            first.month()
        ),
    ))
}

/// A kind of piece work in words; kinds the shop typed itself show as typed.
fn work_label(work: &str, zh: bool) -> String {
    match (work, zh) {
        (BOX_PACKED, true) => "打包（箱）".into(),
        (BOX_PACKED, false) => "boxes packed".into(),
        ("jin_sorted", true) => "分拣（斤）".into(),
        ("jin_sorted", false) => "jin sorted".into(),
        ("tofu_made", true) => "做豆腐（块）".into(),
        ("tofu_made", false) => "tofu made".into(),
        (other, _) => other.to_string(),
    }
}

fn payslip_dto(e: &EmployeeRow, slip: &farmstall_domain::payroll::Payslip, zh: bool) -> PayslipDto {
    let lines = slip
        .lines
        .iter()
        .map(|l| {
            let (kind, work, explanation) = match &l.kind {
                LineKind::Salary {
                    days_employed,
                    days_in_month,
                } => (
                    "salary",
                    String::new(),
                    if days_employed == days_in_month {
                        if zh {
                            format!("月薪 ¥{}", l.amount)
                        } else {
                            format!("monthly salary ¥{}", l.amount)
                        }
                    } else if zh {
                        format!(
                            "月薪 ¥{} × 在职 {days_employed}/{days_in_month} 天 = ¥{}",
                            e4_text(round_e4(l.rate).unwrap_or(0)),
                            l.amount
                        )
                    } else {
                        format!(
                            "salary ¥{} × {days_employed}/{days_in_month} days employed = ¥{}",
                            e4_text(round_e4(l.rate).unwrap_or(0)),
                            l.amount
                        )
                    },
                ),
                LineKind::Daily => (
                    "daily",
                    String::new(),
                    if zh {
                        format!(
                            "出勤 {} 天 × ¥{}/天 = ¥{}",
                            l.quantity.normalize(),
                            l.rate.normalize(),
                            l.amount
                        )
                    } else {
                        format!(
                            "{} days × ¥{} a day = ¥{}",
                            l.quantity.normalize(),
                            l.rate.normalize(),
                            l.amount
                        )
                    },
                ),
                LineKind::Hourly => (
                    "hourly",
                    String::new(),
                    if zh {
                        format!(
                            "{} 小时 × ¥{}/小时 = ¥{}",
                            l.quantity.normalize(),
                            l.rate.normalize(),
                            l.amount
                        )
                    } else {
                        format!(
                            "{} hours × ¥{} an hour = ¥{}",
                            l.quantity.normalize(),
                            l.rate.normalize(),
                            l.amount
                        )
                    },
                ),
                LineKind::Piece { work } => (
                    "piece",
                    work.clone(),
                    if zh {
                        format!(
                            "{} {} × ¥{} = ¥{}",
                            work_label(work, zh),
                            l.quantity.normalize(),
                            l.rate.normalize(),
                            l.amount
                        )
                    } else {
                        format!(
                            "{} {} × ¥{} = ¥{}",
                            l.quantity.normalize(),
                            work_label(work, zh),
                            l.rate.normalize(),
                            l.amount
                        )
                    },
                ),
                LineKind::Bonus => (
                    "bonus",
                    String::new(),
                    if zh {
                        format!("奖金 ¥{}", l.amount)
                    } else {
                        format!("bonus ¥{}", l.amount)
                    },
                ),
            };
            PayLine {
                kind: kind.into(),
                work,
                quantity: l.quantity.normalize().to_string(),
                rate: l.rate.normalize().to_string(),
                amount: l.amount.to_string(),
                explanation,
            }
        })
        .collect();
    let (tax, tax_explanation) = match &slip.tax {
        Some(t) => (
            t.this_month.to_string(),
            if zh {
                format!(
                    "本年累计应纳税所得额 ¥{} × {}% − 速算扣除数 ¥{} = 累计应纳税额 ¥{}，减去已预扣 ¥{}，本月预扣 ¥{}",
                    t.taxable,
                    t.bracket.rate_percent,
                    Money::from_fen(t.bracket.quick_deduction_fen),
                    t.due_to_date,
                    Money::from_fen(slip.year_to_date.withheld.fen() - t.this_month.fen()),
                    t.this_month
                )
            } else {
                format!(
                    "taxable income this year ¥{} × {}% − quick deduction ¥{} = tax due ¥{}, less ¥{} already withheld: ¥{} this month",
                    t.taxable,
                    t.bracket.rate_percent,
                    Money::from_fen(t.bracket.quick_deduction_fen),
                    t.due_to_date,
                    Money::from_fen(slip.year_to_date.withheld.fen() - t.this_month.fen()),
                    t.this_month
                )
            },
        ),
        None => (Money::ZERO.to_string(), String::new()),
    };
    PayslipDto {
        member_id: e.member.to_string(),
        name: e.name.clone(),
        lines,
        gross: slip.gross.to_string(),
        tax,
        tax_explanation,
        advances: slip.advances.to_string(),
        deductions: slip.deductions.to_string(),
        net: slip.net.to_string(),
        gross_year_to_date: slip.year_to_date.pay.to_string(),
        tax_year_to_date: slip.year_to_date.withheld.to_string(),
        paid: Money::ZERO.to_string(),
        paid_on: None,
        paid_method: None,
    }
}

/// A payslip as approved, in Chinese (`zh`) or English, with what was paid on it since. Payslips
/// are kept in both languages (`{"zh-CN": …, "en": …}`); those approved before that were kept in
/// the app's language only and are shown as kept.
fn stored_dto(s: &StoredSlip, zh: bool) -> Result<PayslipDto> {
    let data = match s.data.get(if zh { "zh-CN" } else { "en" }) {
        Some(words) => words.clone(),
        None => s.data.clone(),
    };
    let mut dto: PayslipDto = serde_json::from_value(data)
        .map_err(|e| AppError::Conflict(format!("a stored payslip is unreadable: {e}")))?;
    dto.paid = yuan(s.paid_fen);
    dto.paid_on.clone_from(&s.paid_on);
    dto.paid_method.clone_from(&s.paid_method);
    Ok(dto)
}

fn month_key(first: NaiveDate) -> String {
    format!("{:04}-{:02}", first.year(), first.month())
}

fn parse_month(month: &str) -> Result<NaiveDate> {
    Ok(farmstall_domain::validate::month("month", month)?)
}

/// One employee's payslip for a month: kept as approved, or computed with the year before it
/// (approved months as kept, drafts replayed) for the tax.
fn slip_for(
    conn: &Connection,
    e: &EmployeeRow,
    month: NaiveDate,
) -> Result<Option<(farmstall_domain::payroll::Payslip, YearToDate)>> {
    let mut year = YearToDate::default();
    for m in 1..=month.month() {
        let Some(first) = first_of(month.year(), m) else {
            continue;
        };
        if !employed_in(e, first) {
            continue;
        }
        let key = month_key(first);
        if m < month.month() && payroll::approved(conn, &key)? {
            if let Some(kept) = payroll::payslips_of(conn, &key)?
                .into_iter()
                .find(|s| s.member == e.member)
            {
                let (pay, months, special, additional, withheld) = kept.ytd;
                year = YearToDate {
                    pay: Money::from_fen(pay),
                    months,
                    special_deductions: Money::from_fen(special),
                    additional_deductions: Money::from_fen(additional),
                    other_deductions: Money::ZERO,
                    withheld: Money::from_fen(withheld),
                };
            }
            continue;
        }
        let input = month_input(conn, e, first, year)?;
        let computed = compute(&input).map_err(|err| refused(e, first, err))?;
        if m == month.month() {
            let before = year;
            return Ok(Some((computed, before)));
        }
        year = computed.year_to_date;
    }
    Ok(None)
}

/// The month's payslips: as approved, or drafts computed from the records as they are.
fn preview_in(conn: &Connection, month: &str) -> Result<PayrollPreview> {
    let zh = farmstall_store::shop::language(conn)? == Language::ZhCn;
    preview_in_language(conn, month, zh)
}

/// The month's payslips with their words in Chinese (`zh`) or English.
pub(super) fn preview_in_language(
    conn: &Connection,
    month: &str,
    zh: bool,
) -> Result<PayrollPreview> {
    let parsed = parse_month(month)?;
    let key = month_key(parsed);
    let approved = payroll::approved(conn, &key)?;
    let mut payslips = Vec::new();
    if approved {
        for kept in payroll::payslips_of(conn, &key)? {
            payslips.push(stored_dto(&kept, zh)?);
        }
        payslips.sort_by(|a, b| a.name.cmp(&b.name));
    } else {
        for e in payroll::list(conn)? {
            if !employed_in(&e, parsed) {
                continue;
            }
            if let Some((slip, _)) = slip_for(conn, &e, parsed)? {
                payslips.push(payslip_dto(&e, &slip, zh));
            }
        }
    }
    let sum = |pick: fn(&PayslipDto) -> &str| -> String {
        yuan(
            payslips
                .iter()
                .filter_map(|p| Money::parse(pick(p)).ok().map(Money::fen))
                .sum(),
        )
    };
    Ok(PayrollPreview {
        month: key,
        approved,
        gross: sum(|p| &p.gross),
        tax: sum(|p| &p.tax),
        net: sum(|p| &p.net),
        payslips,
    })
}

fn check_work(conn: &Connection, input: &WorkInput) -> Result<NewWork> {
    let member = parse_id(&input.member_id)?;
    let Some(e) = payroll::get(conn, member)? else {
        return Err(AppError::from(FieldError::new(
            "memberId",
            Rule::UnknownRecord,
            "memberId: not an employee; set up how they are paid first",
        )));
    };
    let mut c = Checker::new();
    let date = c.check(optional_date("date", &input.date).and_then(|d| {
        d.ok_or_else(|| FieldError::new("date", Rule::Required, "date is required"))
    }));
    if let Some(date) = date {
        let key = month_key(date);
        if payroll::approved(conn, &key)? {
            c.check::<()>(Err(FieldError::new(
                "date",
                Rule::NotAllowed,
                format!(
                    "date: the pay of {key} is approved and locked; record the correction dated in the next month, with a note"
                ),
            )
            .with("month", key)));
        } else if date < e.details.start_on || e.details.end_on.is_some_and(|end| date > end) {
            c.check::<()>(Err(FieldError::new(
                "date",
                Rule::BadDate,
                format!("date: {} did not work here on {date}", e.name),
            )));
        }
    }
    let kind = c.check(one_of(
        "kind",
        &input.kind,
        &WORK_KINDS,
        Rule::UnknownKind,
        "kind is days, hours, pieces, bonus, advance or deduction",
    ));
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    let work = c
        .check(optional_text("work", &input.work, SHORT_TEXT))
        .unwrap_or_default();
    let (mut quantity_milli, mut amount_fen) = (None, None);
    match kind.as_deref() {
        Some("days" | "hours" | "pieces") => {
            let kind = kind.as_deref().unwrap_or_default();
            if let Some(milli) = c.check(
                positive_quantity("quantity", &input.quantity)
                    .and_then(|q| farmstall_domain::validate::milli("quantity", q, MAX_QUANTITY)),
            ) {
                let limit = match kind {
                    "days" => Some((1000, "a day has at most 1 day of work")),
                    "hours" => Some((24_000, "a day has at most 24 hours")),
                    _ => None,
                };
                if let (Some((most, why)), Some(date)) = (limit, date) {
                    let before: i64 = payroll::work_between(conn, member, date, date)?
                        .iter()
                        .filter(|w| w.work.kind == kind)
                        .filter_map(|w| w.work.quantity_milli)
                        .sum();
                    if before + milli > most {
                        c.check::<()>(Err(FieldError::new(
                            "quantity",
                            Rule::NotAllowed,
                            format!(
                                "quantity: {why}; {} already recorded on {date}",
                                milli_text(before)
                            ),
                        )
                        .with("recorded", milli_text(before))));
                    }
                }
                quantity_milli = Some(milli);
            }
            if kind == "pieces" {
                let has_rate = e
                    .details
                    .schemes
                    .iter()
                    .any(|s| s.kind == "piece" && s.work == work);
                if work.is_empty() || !has_rate {
                    c.check::<()>(Err(FieldError::new(
                        "work",
                        Rule::UnknownKind,
                        format!(
                            "work: {} has no piece rate for {work:?}; add it to their pay first",
                            e.name
                        ),
                    )));
                }
            } else {
                let scheme = if kind == "days" { "daily" } else { "hourly" };
                if !e.details.schemes.iter().any(|s| s.kind == scheme) {
                    c.check::<()>(Err(FieldError::new(
                        "kind",
                        Rule::UnknownKind,
                        format!(
                            "kind: {} is not paid by the {}",
                            e.name,
                            if kind == "days" { "day" } else { "hour" }
                        ),
                    )));
                }
            }
        }
        Some(_) => {
            amount_fen = c.check(money_not_negative("amount", &input.amount).and_then(|m| {
                if m.fen() == 0 {
                    Err(FieldError::new(
                        "amount",
                        Rule::MustBePositive,
                        "amount must be more than zero",
                    ))
                } else {
                    Ok(m.fen())
                }
            }));
        }
        None => {}
    }
    c.finish()?;
    match (date, kind, note) {
        (Some(date), Some(kind), Some(note)) => Ok(NewWork {
            member,
            date,
            work: if kind == "pieces" {
                work
            } else {
                String::new()
            },
            kind,
            quantity_milli,
            amount_fen,
            note,
        }),
        _ => Err(AppError::Conflict(
            "the work record could not be checked".into(),
        )),
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PayInput {
    pub month: String,
    pub member_id: String,
    /// Yuan; at most what is left of the net.
    pub amount: String,
    /// cash, wechat, alipay or bank.
    #[ts(type = "PayMethod")]
    pub method: String,
    /// "" = today.
    pub paid_on: String,
}

pub(crate) fn save_employee_in(
    tx: &Connection,
    at: crate::At,
    input: &EmployeeInput,
) -> Result<EmployeeDto> {
    let (name, details) = check_employee(input)?;
    let member = match members::find_by_name(tx, &name)? {
        Some(m) => m.id,
        None => members::insert(tx, &name, at.now, at.origin)?.id,
    };
    payroll::save(tx, member, &details, at.now, at.origin)?;
    payroll::get(tx, member)?
        .map(employee_dto)
        .ok_or_else(|| AppError::Conflict("the employee was not stored".into()))
}

pub(crate) fn record_work_in(tx: &Connection, at: crate::At, input: &WorkInput) -> Result<String> {
    let work = check_work(tx, input)?;
    Ok(payroll::insert_work(tx, &work, at.now, at.origin)?.to_string())
}

pub(crate) fn approve_in(conn: &Connection, at: crate::At, month: &str) -> Result<PayrollPreview> {
    let parsed = parse_month(month)?;
    let key = month_key(parsed);
    if payroll::approved(conn, &key)? {
        return Err(AppError::from(FieldError::new(
            "month",
            Rule::NotAllowed,
            format!("month: {key} is approved already; corrections go into the next month"),
        )));
    }
    let employees = payroll::list(conn)?;
    // Months are approved in order: a month's tax stands on the months before it.
    for m in 1..parsed.month() {
        let Some(first) = first_of(parsed.year(), m) else {
            continue;
        };
        let earlier = month_key(first);
        if employees.iter().any(|e| employed_in(e, first)) && !payroll::approved(conn, &earlier)? {
            return Err(AppError::from(
                FieldError::new(
                    "month",
                    Rule::NotAllowed,
                    format!("month: approve {earlier} first; months are approved in order"),
                )
                .with("first", earlier),
            ));
        }
    }
    let mut slips = Vec::new();
    let mut empty = Vec::new();
    for e in employees.iter().filter(|e| employed_in(e, parsed)) {
        let Some((slip, _)) = slip_for(conn, e, parsed)? else {
            continue;
        };
        if slip.lines.is_empty() {
            empty.push(e.name.clone());
            continue;
        }
        let kept = serde_json::json!({
            "zh-CN": payslip_dto(e, &slip, true),
            "en": payslip_dto(e, &slip, false),
        });
        let y = slip.year_to_date;
        slips.push(StoredSlip {
            month: key.clone(),
            member: e.member,
            gross_fen: slip.gross.fen(),
            tax_fen: slip.tax.map_or(0, |t| t.this_month.fen()),
            advances_fen: slip.advances.fen(),
            deductions_fen: slip.deductions.fen(),
            net_fen: slip.net.fen(),
            ytd: (
                y.pay.fen(),
                y.months,
                y.special_deductions.fen(),
                y.additional_deductions.fen(),
                y.withheld.fen(),
            ),
            data: kept,
            paid_fen: 0,
            paid_on: None,
            paid_method: None,
        });
    }
    if !empty.is_empty() {
        return Err(AppError::from(
            FieldError::new(
                "month",
                Rule::Required,
                format!(
                    "month: no work is recorded in {key} for {}; record their days, hours or pieces (or their last day) first",
                    empty.join(", ")
                ),
            )
            .with("names", empty.join(", ")),
        ));
    }
    payroll::approve(conn, &key, &slips, at.now, at.origin)?;
    preview_in(conn, &key)
}

pub(crate) fn pay_in(conn: &Connection, at: crate::At, input: &PayInput) -> Result<PayrollPreview> {
    let parsed = parse_month(&input.month)?;
    let key = month_key(parsed);
    if !payroll::approved(conn, &key)? {
        return Err(AppError::from(FieldError::new(
            "month",
            Rule::NotAllowed,
            format!("month: approve {key} before paying it"),
        )));
    }
    let member = parse_id(&input.member_id)?;
    let Some(slip) = payroll::payslips_of(conn, &key)?
        .into_iter()
        .find(|s| s.member == member)
    else {
        return Err(AppError::from(FieldError::new(
            "memberId",
            Rule::UnknownRecord,
            format!("memberId: there is no payslip of theirs in {key}"),
        )));
    };
    let mut c = Checker::new();
    let left = (slip.net_fen - slip.paid_fen).max(0);
    let amount = c.check(money_not_negative("amount", &input.amount).and_then(|m| {
        if m.fen() == 0 {
            Err(FieldError::new(
                "amount",
                Rule::MustBePositive,
                "amount must be more than zero",
            ))
        } else if m.fen() > left {
            Err(FieldError::new(
                "amount",
                Rule::MoreThanOwed,
                format!(
                    "amount: only ¥{} is left to pay on this payslip",
                    yuan(left)
                ),
            )
            .with("owed", yuan(left)))
        } else {
            Ok(m.fen())
        }
    }));
    let method = c.check(one_of(
        "method",
        &input.method,
        &["cash", "wechat", "alipay", "bank"],
        Rule::UnknownPayment,
        "method is cash, wechat, alipay or bank",
    ));
    let on = c
        .check(optional_date("paidOn", &input.paid_on))
        .map(|d| d.unwrap_or(at.today));
    c.finish()?;
    let (Some(amount), Some(method), Some(on)) = (amount, method, on) else {
        return Err(AppError::Conflict(
            "the payment could not be checked".into(),
        ));
    };
    payroll::pay(conn, &key, member, (amount, on, &method), at.now, at.origin)?;
    preview_in(conn, &key)
}

fn work_record(n: payroll::NamedWork, locked: bool) -> WorkRecord {
    let w = n.row.work;
    WorkRecord {
        id: n.row.id.to_string(),
        member_id: w.member.to_string(),
        name: n.name,
        date: w.date.to_string(),
        kind: w.kind,
        work: w.work,
        quantity: w.quantity_milli.map(milli_text).unwrap_or_default(),
        amount: w.amount_fen.map(yuan).unwrap_or_default(),
        note: w.note,
        locked,
    }
}

fn list_work_in(conn: &Connection, month: &str) -> Result<Vec<WorkRecord>> {
    let first = parse_month(month)?;
    let locked = payroll::approved(conn, &month_key(first))?;
    Ok(payroll::work_of_everyone(conn, first, last_of(first))?
        .into_iter()
        .map(|n| work_record(n, locked))
        .collect())
}

pub(crate) fn delete_work_in(tx: &Connection, at: crate::At, id: &str) -> Result<()> {
    let unknown = || {
        AppError::from(FieldError::new(
            "id",
            Rule::UnknownRecord,
            format!("there is no work record with id {id}"),
        ))
    };
    let parsed = parse_id(id).map_err(|_| unknown())?;
    let found = payroll::work_by_id(tx, parsed)?.ok_or_else(unknown)?;
    let month = month_key(found.row.work.date);
    if payroll::approved(tx, &month)? {
        return Err(AppError::from(
            FieldError::new(
                "id",
                Rule::NotAllowed,
                format!(
                    "{month} is approved, so its work records stay as they are; record a correction in a later month"
                ),
            )
            .with("month", month),
        ));
    }
    payroll::delete_work(tx, &found.row, at.now, at.origin)?;
    Ok(())
}

impl App {
    /// Approves a month: its payslips are kept as they are now and its work records locked.
    pub fn approve_payroll(&mut self, month: &str) -> Result<PayrollPreview> {
        self.require_unlocked()?;
        let at = self.at();
        self.store.write(|tx| approve_in(tx, at, month))
    }

    /// Records money paid out on an approved payslip (all of it, or part).
    pub fn pay_payslip(&mut self, input: &PayInput) -> Result<PayrollPreview> {
        self.require_unlocked()?;
        let at = self.at();
        self.store.write(|tx| pay_in(tx, at, input))
    }

    /// Adds or replaces an employee (a family member and how they are paid).
    pub fn save_employee(&mut self, input: &EmployeeInput) -> Result<EmployeeDto> {
        self.require_unlocked()?;
        let at = self.at();
        self.store.write(|tx| save_employee_in(tx, at, input))
    }

    pub fn list_employees(&mut self) -> Result<Vec<EmployeeDto>> {
        self.require_unlocked()?;
        self.store
            .read(|tx| Ok(payroll::list(tx)?.into_iter().map(employee_dto).collect()))
    }

    /// Records a day's work, a bonus, an advance paid out or a deduction.
    pub fn record_work(&mut self, input: &WorkInput) -> Result<String> {
        self.require_unlocked()?;
        let at = self.at();
        self.store.write(|tx| record_work_in(tx, at, input))
    }

    /// The month's recorded work of every employee (not the boxes counted from packing).
    pub fn list_work(&mut self, month: &str) -> Result<Vec<WorkRecord>> {
        self.require_unlocked()?;
        self.store.read(|tx| list_work_in(tx, month))
    }

    /// Deletes a work record entered by mistake; refused once its month is approved.
    pub fn delete_work(&mut self, id: &str) -> Result<()> {
        self.require_unlocked()?;
        let at = self.at();
        self.store.write(|tx| delete_work_in(tx, at, id))
    }

    /// The month's pay of everyone employed in it, computed from the records as they are now.
    pub fn preview_payroll(&mut self, month: &str) -> Result<PayrollPreview> {
        self.require_unlocked()?;
        self.store.read(|tx| preview_in(tx, month))
    }
}
