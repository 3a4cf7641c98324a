//! The week of work as a grid: what is recorded in a week (a cell per member, day and kind of
//! work: days, hours or pieces of one kind), and saving the grid's cells in one transaction, each
//! cell on its own. A cell that cannot be saved (bad value, unknown member, a day outside the
//! week, an approved month, a cell someone else changed since the grid read it) is answered as a
//! problem of that cell, never as a refusal of the week; the other cells are saved.
//!
//! A cell holds the sum of its day's records of that kind, so a day entered twice through
//! `record_work` reads as one cell. Saving sets the cell to its new total: a cell with no record
//! gets one, a recorded one is changed (its first record takes the total, the others go), an
//! emptied one is deleted, and one whose total is what is stored is left untouched.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use farmstall_domain::validate::{optional_date, positive_quantity, MAX_QUANTITY};
use farmstall_domain::{FieldError, Id, Rule};
use farmstall_store::payroll::{self, EmployeeRow, NewWork, WorkRow};
use farmstall_store::rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::month_key;
use crate::farmers::parse_id;
use crate::stock::milli_text;
use crate::{App, AppError, FieldIssue, Result};

/// The rule of a cell someone else changed since the grid read it (`params.recorded`: what it holds now).
pub const CHANGED: &str = "changed";

/// The kinds of work a grid cell holds (money goes through `record_work`).
const CELL_KINDS: [&str; 3] = ["days", "hours", "pieces"];

/// The most one day can hold, in thousandths: a whole day, 24 hours.
const MOST_DAYS_MILLI: i64 = 1000;
const MOST_HOURS_MILLI: i64 = 24_000;

/// One cell of the grid as the UI sends it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkCellInput {
    pub member_id: String,
    pub date: String,
    /// days, hours or pieces.
    pub kind: String,
    /// For pieces: the kind of work.
    pub work: String,
    /// The cell's new total (days, hours or pieces; at most 3 decimals); "" empties a recorded cell.
    pub quantity: String,
    /// What the grid showed when it read the week ("" for nothing): when the stored total is no
    /// longer that, someone else changed the cell and it is not overwritten.
    pub was: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct WorkWeekInput {
    /// The first day of the week (any weekday); the week is it and the six days after it.
    pub week_start: String,
    pub cells: Vec<WorkCellInput>,
}

/// A recorded cell: the sum of the member's records of that kind on that day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkCell {
    pub member_id: String,
    pub date: String,
    #[ts(type = "\"days\" | \"hours\" | \"pieces\"")]
    pub kind: String,
    pub work: String,
    pub quantity: String,
    /// How many records make it (more than one when the day was entered twice).
    pub records: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkWeekDay {
    pub date: String,
    /// Its month is approved: its cells can no longer change.
    pub locked: bool,
}

/// A week's recorded work of every employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkWeek {
    pub week_start: String,
    /// The seven days, in order.
    pub days: Vec<WorkWeekDay>,
    /// Recorded cells by date, member, kind and work.
    pub cells: Vec<WorkCell>,
}

/// A cell that was not saved, and why (`field`, `rule` and `params` as in an `IpcError`'s
/// `errors`; `rule` may also be `changed`: someone else changed the cell, `params.recorded`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkCellProblem {
    pub member_id: String,
    pub date: String,
    pub kind: String,
    pub work: String,
    pub issue: FieldIssue,
}

/// What saving a week did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WorkWeekSaved {
    /// Cells written: new, changed or emptied.
    pub saved: u32,
    /// Cells sent whose total was already stored: not rewritten.
    pub unchanged: u32,
    pub problems: Vec<WorkCellProblem>,
    /// The week as it is now.
    pub week: WorkWeek,
}

fn week_days(week_start: &str) -> Result<Vec<NaiveDate>> {
    let start = optional_date("weekStart", week_start)?
        .ok_or_else(|| FieldError::new("weekStart", Rule::Required, "weekStart is required"))?;
    let days: Vec<NaiveDate> = start.iter_days().take(7).collect();
    if days.len() < 7 {
        return Err(FieldError::new("weekStart", Rule::BadDate, "weekStart: no such week").into());
    }
    Ok(days)
}

fn cell_key(row: &WorkRow) -> (Id, NaiveDate, String, String) {
    let w = &row.work;
    (w.member, w.date, w.kind.clone(), w.work.clone())
}

pub(super) fn work_week_in(conn: &Connection, week_start: &str) -> Result<WorkWeek> {
    let days = week_days(week_start)?;
    let (first, last) = (days[0], days[6]);
    let mut locked_months: HashMap<String, bool> = HashMap::new();
    let mut out_days = Vec::new();
    for d in &days {
        let key = month_key(*d);
        let locked = match locked_months.get(&key) {
            Some(l) => *l,
            None => {
                let l = payroll::approved(conn, &key)?;
                locked_months.insert(key, l);
                l
            }
        };
        out_days.push(WorkWeekDay {
            date: d.to_string(),
            locked,
        });
    }
    // By date, then member (stable by name through the query's order), kind and work.
    let mut cells: Vec<WorkCell> = Vec::new();
    let mut index: HashMap<(Id, NaiveDate, String, String), (usize, i64)> = HashMap::new();
    for named in payroll::work_of_everyone(conn, first, last)? {
        let row = named.row;
        if !CELL_KINDS.contains(&row.work.kind.as_str()) {
            continue;
        }
        let milli = row.work.quantity_milli.unwrap_or(0);
        let key = cell_key(&row);
        if let Some((at, sum)) = index.get_mut(&key) {
            *sum += milli;
            if let Some(cell) = cells.get_mut(*at) {
                cell.quantity = milli_text(*sum);
                cell.records += 1;
            }
            continue;
        }
        index.insert(key, (cells.len(), milli));
        let w = row.work;
        cells.push(WorkCell {
            member_id: w.member.to_string(),
            date: w.date.to_string(),
            kind: w.kind,
            work: w.work,
            quantity: milli_text(milli),
            records: 1,
        });
    }
    Ok(WorkWeek {
        week_start: first.to_string(),
        days: out_days,
        cells,
    })
}

/// A cell whose checks passed: what to write, and over what.
struct Checked {
    member: EmployeeRow,
    date: NaiveDate,
    kind: String,
    work: String,
    target: Option<i64>,
    rows: Vec<WorkRow>,
}

/// A total typed as text: "" is nothing.
fn total(field: &str, text: &str) -> Result<Option<i64>, FieldError> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    positive_quantity(field, text)
        .and_then(|q| farmstall_domain::validate::milli(field, q, MAX_QUANTITY))
        .map(Some)
}

enum Outcome {
    Unchanged,
    Write(Box<Checked>),
}

/// Why a cell is not saved: a problem of the cell, or a failure of the database (which fails the
/// whole save, as any use case's).
enum Refusal {
    Field(FieldError),
    /// The stored total is no longer what the grid read.
    Changed {
        stored: i64,
    },
    Failed(AppError),
}

impl From<FieldError> for Refusal {
    fn from(e: FieldError) -> Refusal {
        Refusal::Field(e)
    }
}

impl Refusal {
    fn issue(self) -> Result<FieldIssue> {
        match self {
            Refusal::Field(e) => Ok(FieldIssue::from(&e)),
            Refusal::Changed { stored } => Ok(FieldIssue {
                field: "quantity".into(),
                rule: CHANGED.into(),
                message: format!(
                    "quantity: this cell was changed to {} since the week was read; look at it again before changing it",
                    milli_text(stored)
                ),
                params: [("recorded".to_string(), milli_text(stored))].into(),
            }),
            Refusal::Failed(e) => Err(e),
        }
    }
}

fn check_cell(
    conn: &Connection,
    days: &[NaiveDate],
    employees: &mut HashMap<Id, Option<EmployeeRow>>,
    seen: &mut HashSet<(Id, NaiveDate, String, String)>,
    cell: &WorkCellInput,
) -> std::result::Result<Outcome, Refusal> {
    let Ok(member_id) = parse_id(&cell.member_id) else {
        return Err(not_an_employee().into());
    };
    let employee = match employees.get(&member_id) {
        Some(found) => found.clone(),
        None => {
            let found = payroll::get(conn, member_id).map_err(|e| Refusal::Failed(e.into()))?;
            employees.insert(member_id, found.clone());
            found
        }
    };
    let Some(e) = employee else {
        return Err(not_an_employee().into());
    };
    let date = optional_date("date", &cell.date)?
        .ok_or_else(|| FieldError::new("date", Rule::Required, "date is required"))?;
    let (first, last) = (days[0], days[6]);
    if date < first || date > last {
        return Err(Refusal::Field(
            FieldError::new(
                "date",
                Rule::BadDate,
                format!("date: {date} is not in the week of {first} to {last}"),
            )
            .with("from", first.to_string())
            .with("to", last.to_string()),
        ));
    }
    let kind = cell.kind.trim().to_string();
    if !CELL_KINDS.contains(&kind.as_str()) {
        return Err(Refusal::Field(FieldError::new(
            "kind",
            Rule::UnknownKind,
            "kind is days, hours or pieces",
        )));
    }
    let work = if kind == "pieces" {
        cell.work.trim().to_string()
    } else {
        String::new()
    };
    if !seen.insert((member_id, date, kind.clone(), work.clone())) {
        return Err(Refusal::Field(FieldError::new(
            "quantity",
            Rule::Duplicate,
            format!("quantity: the cell of {date} is sent twice"),
        )));
    }
    let target = total("quantity", &cell.quantity)?;
    let limit = match kind.as_str() {
        "days" => Some((MOST_DAYS_MILLI, "a day has at most 1 day of work")),
        "hours" => Some((MOST_HOURS_MILLI, "a day has at most 24 hours")),
        _ => None,
    };
    if let (Some((most, why)), Some(t)) = (limit, target) {
        if t > most {
            return Err(Refusal::Field(
                FieldError::new("quantity", Rule::TooLarge, format!("quantity: {why}"))
                    .with("max", milli_text(most)),
            ));
        }
    }
    let rows: Vec<WorkRow> = payroll::work_between(conn, member_id, date, date)
        .map_err(|e| Refusal::Failed(e.into()))?
        .into_iter()
        .filter(|r| r.work.kind == kind && r.work.work == work)
        .collect();
    let stored: i64 = rows.iter().filter_map(|r| r.work.quantity_milli).sum();
    if target.unwrap_or(0) == stored {
        return Ok(Outcome::Unchanged);
    }
    if total("was", &cell.was)?.unwrap_or(0) != stored {
        return Err(Refusal::Changed { stored });
    }
    let key = month_key(date);
    if payroll::approved(conn, &key).map_err(|e| Refusal::Failed(e.into()))? {
        return Err(Refusal::Field(FieldError::new(
            "date",
            Rule::NotAllowed,
            format!(
                "date: the pay of {key} is approved and locked; record the correction dated in the next month, with a note"
            ),
        )
        .with("month", key)));
    }
    if target.is_some()
        && (date < e.details.start_on || e.details.end_on.is_some_and(|end| date > end))
    {
        return Err(Refusal::Field(FieldError::new(
            "date",
            Rule::BadDate,
            format!("date: {} did not work here on {date}", e.name),
        )));
    }
    if target.is_some() {
        if kind == "pieces" {
            let has_rate = e
                .details
                .schemes
                .iter()
                .any(|s| s.kind == "piece" && s.work == work);
            if work.is_empty() || !has_rate {
                return Err(Refusal::Field(FieldError::new(
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
                return Err(Refusal::Field(FieldError::new(
                    "kind",
                    Rule::UnknownKind,
                    format!("kind: {} is not paid that way", e.name),
                )));
            }
        }
    }
    Ok(Outcome::Write(Box::new(Checked {
        member: e,
        date,
        kind,
        work,
        target,
        rows,
    })))
}

fn not_an_employee() -> FieldError {
    FieldError::new(
        "memberId",
        Rule::UnknownRecord,
        "memberId: not an employee; set up how they are paid first",
    )
}

fn write_cell(tx: &Connection, at: crate::At, c: Checked) -> Result<()> {
    let mut rows = c.rows.into_iter();
    match (c.target, rows.next()) {
        (Some(milli), None) => {
            payroll::insert_work(
                tx,
                &NewWork {
                    member: c.member.member,
                    date: c.date,
                    kind: c.kind,
                    work: c.work,
                    quantity_milli: Some(milli),
                    amount_fen: None,
                    note: String::new(),
                },
                at.now,
                at.origin,
            )?;
        }
        (Some(milli), Some(first)) => {
            payroll::set_work_quantity(tx, &first, milli, at.now, at.origin)?;
            for rest in rows {
                payroll::delete_work(tx, &rest, at.now, at.origin)?;
            }
        }
        (None, first) => {
            for row in first.into_iter().chain(rows) {
                payroll::delete_work(tx, &row, at.now, at.origin)?;
            }
        }
    }
    Ok(())
}

pub(super) fn save_work_week_in(
    tx: &Connection,
    at: crate::At,
    input: &WorkWeekInput,
) -> Result<WorkWeekSaved> {
    let days = week_days(&input.week_start)?;
    let mut employees = HashMap::new();
    let mut seen = HashSet::new();
    let (mut saved, mut unchanged) = (0u32, 0u32);
    let mut problems = Vec::new();
    for cell in &input.cells {
        match check_cell(tx, &days, &mut employees, &mut seen, cell) {
            Ok(Outcome::Unchanged) => unchanged += 1,
            Ok(Outcome::Write(checked)) => {
                write_cell(tx, at, *checked)?;
                saved += 1;
            }
            Err(refusal) => problems.push(WorkCellProblem {
                member_id: cell.member_id.clone(),
                date: cell.date.clone(),
                kind: cell.kind.clone(),
                work: cell.work.clone(),
                issue: refusal.issue()?,
            }),
        }
    }
    let week = work_week_in(tx, &input.week_start)?;
    Ok(WorkWeekSaved {
        saved,
        unchanged,
        problems,
        week,
    })
}

impl App {
    /// The week's recorded days, hours and pieces of every employee, and which days are locked.
    pub fn work_week(&mut self, week_start: &str) -> Result<WorkWeek> {
        self.require_unlocked()?;
        self.store.read(|tx| work_week_in(tx, week_start))
    }

    /// Saves the grid's cells in one transaction: each cell is saved or answered as a problem of
    /// its own; a cell whose total is stored already is not rewritten.
    pub fn save_work_week(&mut self, input: &WorkWeekInput) -> Result<WorkWeekSaved> {
        self.require_unlocked()?;
        let at = self.at();
        self.store.write(|tx| save_work_week_in(tx, at, input))
    }
}
