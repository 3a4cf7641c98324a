//! Use cases: the shop's cost book (费用), what it spends besides goods, packaging, shipping and
//! wages, for the month's profit and loss. An expense entered by mistake is voided (and can be
//! restored: the window's undo), never edited or deleted.

use chrono::{Datelike, NaiveDate};
use farmstall_domain::validate::{fen, optional_date, optional_text};
use farmstall_domain::{Checker, FieldError, Money, Rule};
use farmstall_store::expenses::{self, ExpenseFilter, ExpenseRow, NewExpense};
use farmstall_store::rusqlite::Connection;
use farmstall_store::StoreError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::stock::one_of;
use crate::{App, AppError, At, Result};

/// The categories of an expense, in the order the window lists them.
pub const CATEGORIES: [&str; 6] = expenses::CATEGORIES;
/// Largest single expense, in yuan: a million (a family shop's van, with room to spare).
pub const MAX_EXPENSE_YUAN: i64 = 1_000_000;
/// Longest note on an expense, in characters.
pub const NOTE_CHARS: usize = 200;
/// Most expenses on one page of a list.
pub(crate) const MAX_PAGE: u32 = 500;

/// An expense as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpenseInput {
    /// `YYYY-MM-DD`, not after today.
    pub spent_on: String,
    #[ts(type = "ExpenseCategory | \"\"")]
    pub category: String,
    /// Yuan, more than zero, at most 2 decimals and at most ¥1,000,000.
    pub amount: String,
    /// At most 200 characters; may be empty.
    pub note: String,
}

/// Which expenses to list: a month, or a range of days; empty everything = this month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ExpenseQuery {
    /// `YYYY-MM`; when given, `from` and `to` are ignored.
    pub month: String,
    /// `YYYY-MM-DD`; empty = the first day of `to`'s month.
    pub from: String,
    /// `YYYY-MM-DD`; empty = today.
    pub to: String,
    /// One category, or "" for all.
    #[ts(type = "ExpenseCategory | \"\"")]
    pub category: String,
    pub include_voided: bool,
    pub limit: u32,
    pub offset: u32,
}

impl Default for ExpenseQuery {
    fn default() -> ExpenseQuery {
        ExpenseQuery {
            month: String::new(),
            from: String::new(),
            to: String::new(),
            category: String::new(),
            include_voided: false,
            limit: 200,
            offset: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Expense")]
pub struct ExpenseDto {
    pub id: String,
    pub spent_on: String,
    #[ts(type = "ExpenseCategory")]
    pub category: String,
    /// Yuan, "12.50".
    pub amount: String,
    pub note: String,
    /// Entered by mistake: kept, not counted.
    pub voided: bool,
    pub created_at: String,
}

/// One category's sum over the listed days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpenseCategoryTotal {
    #[ts(type = "ExpenseCategory")]
    pub category: String,
    pub amount: String,
}

/// A page of expenses, and what was spent over the same days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ExpensePage {
    /// Newest first.
    pub items: Vec<ExpenseDto>,
    /// How many match the query in all.
    pub total: u32,
    /// The days listed, `YYYY-MM-DD`, inclusive.
    pub from: String,
    pub to: String,
    /// Every category with spending from `from` to `to`, in the order of [`CATEGORIES`]:
    /// voided expenses not counted, and not narrowed by the query's category.
    pub totals: Vec<ExpenseCategoryTotal>,
    /// The sum of `totals`.
    pub sum: String,
}

fn dto(row: ExpenseRow) -> ExpenseDto {
    ExpenseDto {
        id: row.id.to_string(),
        spent_on: row.spent_on.format("%Y-%m-%d").to_string(),
        category: row.category,
        amount: Money::from_fen(row.amount_fen).to_string(),
        note: row.note,
        voided: row.voided_at.is_some(),
        created_at: crate::dto::instant(row.created_at),
    }
}

fn category(field: &str, value: &str) -> Result<String, FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required: one of {}", CATEGORIES.join(", ")),
        ));
    }
    one_of(
        field,
        value,
        &CATEGORIES,
        Rule::UnknownKind,
        &format!("{field} must be one of {}", CATEGORIES.join(", ")),
    )
}

/// An amount of yuan more than zero, at most two decimals and at most [`MAX_EXPENSE_YUAN`]
/// (bounded before it becomes fen, so no text can overflow).
fn amount(field: &str, value: &str) -> Result<Money, FieldError> {
    let text = farmstall_domain::money::strip_yuan(value);
    if text.is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    let yuan = farmstall_domain::number::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field} must be an amount of yuan such as 12.50"),
        )
    })?;
    if yuan <= Decimal::ZERO {
        return Err(FieldError::new(
            field,
            Rule::MustBePositive,
            format!("{field} must be more than zero"),
        ));
    }
    let money = fen(field, yuan, MAX_EXPENSE_YUAN)?;
    if money.fen() <= 0 {
        return Err(FieldError::new(
            field,
            Rule::MustBePositive,
            format!("{field} must be more than zero"),
        ));
    }
    Ok(money)
}

/// A business date, required, not after `today`.
fn spent_on(field: &str, value: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let date = optional_date(field, value)?.ok_or_else(|| {
        FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required: the day it was spent, such as {today}"),
        )
    })?;
    if date > today {
        return Err(FieldError::new(
            field,
            Rule::BadDate,
            format!("{field} {date} is after today ({today}): enter the day it was spent"),
        )
        .with("min", "2000-01-01")
        .with("max", today.to_string()));
    }
    Ok(date)
}

fn unknown(id: &str) -> AppError {
    AppError::from(FieldError::new(
        "id",
        Rule::UnknownRecord,
        format!("there is no expense with id {id}"),
    ))
}

fn known(e: StoreError, id: &str) -> AppError {
    match e {
        StoreError::NotFound { .. } => unknown(id),
        other => other.into(),
    }
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// The days a query covers, inclusive.
fn days(query: &ExpenseQuery, today: NaiveDate) -> Result<(NaiveDate, NaiveDate)> {
    if !query.month.trim().is_empty() {
        let first = farmstall_domain::validate::month("month", &query.month)?;
        return Ok((first, last_of_month(first)));
    }
    let mut c = Checker::new();
    let from = c.check(optional_date("from", &query.from));
    let to = c.check(optional_date("to", &query.to));
    c.finish()?;
    let to = to.flatten().unwrap_or(today);
    let from = from.flatten().unwrap_or_else(|| first_of_month(to));
    if from > to {
        return Err(FieldError::new(
            "to",
            Rule::BadDate,
            format!("to: the last day {to} is before the first day {from}"),
        )
        .into());
    }
    Ok((from, to))
}

/// Checks `input` and records it as a new expense.
pub(crate) fn add_expense_in(tx: &Connection, at: At, input: &ExpenseInput) -> Result<ExpenseDto> {
    let mut c = Checker::new();
    let spent = c.check(spent_on("spentOn", &input.spent_on, at.today));
    let category = c.check(category("category", &input.category));
    let amount = c.check(amount("amount", &input.amount));
    let note = c.check(optional_text("note", &input.note, NOTE_CHARS));
    c.finish()?;
    let (Some(spent_on), Some(category), Some(amount), Some(note)) =
        (spent, category, amount, note)
    else {
        return Err(AppError::Conflict(
            "the expense could not be checked".into(),
        ));
    };
    let row = expenses::insert(
        tx,
        &NewExpense {
            spent_on,
            category: &category,
            amount_fen: amount.fen(),
            note: &note,
        },
        at.now,
        at.origin,
    )?;
    Ok(dto(row))
}

impl App {
    /// Records an expense; every wrong field is named at once and nothing is written.
    pub fn add_expense(&mut self, input: &ExpenseInput) -> Result<ExpenseDto> {
        let at = self.at();
        self.store.write(|tx| add_expense_in(tx, at, input))
    }

    /// Expenses of a month (or a range of days), newest first, with the sums by category.
    pub fn list_expenses(&mut self, query: &ExpenseQuery) -> Result<ExpensePage> {
        let (from, to) = days(query, self.clock.today())?;
        let wanted = query.category.trim();
        let category = if wanted.is_empty() {
            None
        } else {
            Some(category("category", wanted)?)
        };
        let filter = ExpenseFilter {
            from,
            to,
            category,
            include_voided: query.include_voided,
            limit: i64::from(query.limit.clamp(1, MAX_PAGE)),
            offset: i64::from(query.offset),
        };
        self.store.read(|tx| {
            let page = expenses::list(tx, &filter)?;
            let totals = expenses::totals(tx, from, to)?;
            let sum: i64 = totals.iter().map(|t| t.fen).sum();
            Ok(ExpensePage {
                items: page.items.into_iter().map(dto).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
                from: from.format("%Y-%m-%d").to_string(),
                to: to.format("%Y-%m-%d").to_string(),
                totals: totals
                    .into_iter()
                    .map(|t| ExpenseCategoryTotal {
                        category: t.category,
                        amount: Money::from_fen(t.fen).to_string(),
                    })
                    .collect(),
                sum: Money::from_fen(sum).to_string(),
            })
        })
    }

    /// Voids an expense entered by mistake: kept, no longer counted. Voiding it again changes
    /// nothing.
    pub fn void_expense(&mut self, id: &str) -> Result<ExpenseDto> {
        let expense = parse_id(id)?;
        let at = self.at();
        self.store.write(|tx| {
            expenses::void(tx, expense, at.now, at.origin)
                .map(dto)
                .map_err(|e| known(e, id))
        })
    }

    /// Counts a voided expense again (the undo of [`App::void_expense`]).
    pub fn restore_expense(&mut self, id: &str) -> Result<ExpenseDto> {
        let expense = parse_id(id)?;
        let at = self.at();
        self.store.write(|tx| {
            expenses::restore(tx, expense, at.now, at.origin)
                .map(dto)
                .map_err(|e| known(e, id))
        })
    }
}
