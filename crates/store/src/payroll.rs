//! Employees (family members who are paid), their pay schemes, and work records.

use chrono::{DateTime, NaiveDate, Utc};
use farmstall_domain::{Id, Origin};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{id_from_text, instant_to_text};
use crate::stock::date_text;
use crate::{Result, StoreError};

/// One pay scheme as stored: kind, the kind of work for piece rates, the rate in 1/10000 yuan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemeRow {
    pub kind: String,
    pub work: String,
    pub rate_e4: i64,
}

/// An employee's details, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeDetails {
    pub relation: String,
    pub phone: String,
    pub start_on: NaiveDate,
    pub end_on: Option<NaiveDate>,
    pub withhold_tax: bool,
    pub special_deduction_fen: i64,
    pub additional_deduction_fen: i64,
    pub account_note: String,
    pub schemes: Vec<SchemeRow>,
}

/// An employee as stored, with the member's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmployeeRow {
    pub member: Id,
    pub name: String,
    pub details: EmployeeDetails,
}

fn parse_date(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| StoreError::BadData(format!("date {text:?}: {e}")))
}

/// Adds or replaces the employee facts of a member, schemes included.
pub fn save(
    conn: &Connection,
    member: Id,
    d: &EmployeeDetails,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    let known = get(conn, member)?.is_some();
    let now = instant_to_text(at);
    crate::sql::run(
        conn,
        "INSERT INTO employees (member_id, relation, phone, start_on, end_on, withhold_tax,
                                special_deduction_fen, additional_deduction_fen, account_note,
                                created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (member_id) DO UPDATE SET
             relation = excluded.relation, phone = excluded.phone, start_on = excluded.start_on,
             end_on = excluded.end_on, withhold_tax = excluded.withhold_tax,
             special_deduction_fen = excluded.special_deduction_fen,
             additional_deduction_fen = excluded.additional_deduction_fen,
             account_note = excluded.account_note, updated_at = excluded.updated_at",
        rusqlite::params![
            member.to_string(),
            d.relation,
            d.phone,
            date_text(d.start_on),
            d.end_on.map(date_text),
            d.withhold_tax,
            d.special_deduction_fen,
            d.additional_deduction_fen,
            d.account_note,
            now
        ],
    )?;
    crate::sql::run(
        conn,
        "DELETE FROM pay_schemes WHERE member_id = ?1",
        [member.to_string()],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO pay_schemes (member_id, line_no, kind, work, rate_e4) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (no, s) in d.schemes.iter().enumerate() {
        stmt.execute(rusqlite::params![
            member.to_string(),
            no as i64,
            s.kind,
            s.work,
            s.rate_e4
        ])?;
    }
    changes::record(
        conn,
        at,
        origin,
        "employee",
        &member.to_string(),
        if known {
            Action::Update
        } else {
            Action::Create
        },
        &json!({
            "relation": d.relation,
            "startOn": date_text(d.start_on),
            "endOn": d.end_on.map(date_text),
            "withholdTax": d.withhold_tax,
            "specialDeductionFen": d.special_deduction_fen,
            "additionalDeductionFen": d.additional_deduction_fen,
            "schemes": d.schemes.iter().map(|s| json!({ "kind": s.kind, "work": s.work, "rateE4": s.rate_e4 })).collect::<Vec<_>>(),
        }),
    )?;
    Ok(())
}

fn schemes_of(conn: &Connection, member: &str) -> Result<Vec<SchemeRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, work, rate_e4 FROM pay_schemes WHERE member_id = ?1 ORDER BY line_no",
    )?;
    let rows = stmt
        .query_map([member], |r| {
            Ok(SchemeRow {
                kind: r.get(0)?,
                work: r.get(1)?,
                rate_e4: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

type RawEmployee = (
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    bool,
    i64,
    i64,
    String,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawEmployee> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
    ))
}

const SELECT: &str = "SELECT e.member_id, m.name, e.relation, e.phone, e.start_on, e.end_on,
        e.withhold_tax, e.special_deduction_fen, e.additional_deduction_fen, e.account_note
    FROM employees e JOIN members m ON m.id = e.member_id";

fn cook(conn: &Connection, raw: RawEmployee) -> Result<EmployeeRow> {
    let (member, name, relation, phone, start, end, withhold_tax, special, additional, note) = raw;
    Ok(EmployeeRow {
        member: id_from_text(&member)?,
        name,
        details: EmployeeDetails {
            relation,
            phone,
            start_on: parse_date(&start)?,
            end_on: end.as_deref().map(parse_date).transpose()?,
            withhold_tax,
            special_deduction_fen: special,
            additional_deduction_fen: additional,
            account_note: note,
            schemes: schemes_of(conn, &member)?,
        },
    })
}

/// Every employee, by name.
pub fn list(conn: &Connection) -> Result<Vec<EmployeeRow>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY m.name"))?;
    let raws = stmt
        .query_map([], raw)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(|r| cook(conn, r)).collect()
}

pub fn get(conn: &Connection, member: Id) -> Result<Option<EmployeeRow>> {
    let found = conn
        .query_row(
            &format!("{SELECT} WHERE e.member_id = ?1"),
            [member.to_string()],
            raw,
        )
        .optional()?;
    found.map(|r| cook(conn, r)).transpose()
}

/// A work record to store, already checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWork {
    pub member: Id,
    pub date: NaiveDate,
    pub kind: String,
    pub work: String,
    pub quantity_milli: Option<i64>,
    pub amount_fen: Option<i64>,
    pub note: String,
}

/// A work record as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkRow {
    pub id: Id,
    pub work: NewWork,
}

pub fn insert_work(
    conn: &Connection,
    w: &NewWork,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<Id> {
    let id = Id::generate();
    crate::sql::run(conn,
        "INSERT INTO work_records (id, member_id, work_date, kind, work, quantity_milli, amount_fen,
                                   note, created_at, origin)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        rusqlite::params![
            id.to_string(),
            w.member.to_string(),
            date_text(w.date),
            w.kind,
            w.work,
            w.quantity_milli,
            w.amount_fen,
            w.note,
            instant_to_text(now),
            origin.code()
        ],
    )?;
    changes::record(
        conn,
        now,
        origin,
        "work_record",
        &id.to_string(),
        Action::Create,
        &json!({
            "memberId": w.member.to_string(),
            "date": date_text(w.date),
            "kind": w.kind,
            "work": w.work,
            "quantityMilli": w.quantity_milli,
            "amountFen": w.amount_fen,
        }),
    )?;
    Ok(id)
}

const WORK_COLUMNS: &str =
    "w.id, w.member_id, m.name, w.work_date, w.kind, w.work, w.quantity_milli, w.amount_fen, w.note";

type RawWork = (
    String,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    String,
);

fn raw_work(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawWork> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn named_work(raw: RawWork) -> Result<NamedWork> {
    let (id, member, name, date, kind, work, quantity_milli, amount_fen, note) = raw;
    Ok(NamedWork {
        name,
        row: WorkRow {
            id: id_from_text(&id)?,
            work: NewWork {
                member: id_from_text(&member)?,
                date: parse_date(&date)?,
                kind,
                work,
                quantity_milli,
                amount_fen,
                note,
            },
        },
    })
}

/// A work record with the name of who did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedWork {
    pub name: String,
    pub row: WorkRow,
}

/// A member's work records from `from` to `to` (inclusive), by date.
pub fn work_between(
    conn: &Connection,
    member: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<WorkRow>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {WORK_COLUMNS} FROM work_records w JOIN members m ON m.id = w.member_id
         WHERE w.member_id = ?1 AND w.work_date BETWEEN ?2 AND ?3 ORDER BY w.work_date, w.created_at"
    ))?;
    let raws = stmt
        .query_map(
            (member.to_string(), date_text(from), date_text(to)),
            raw_work,
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter()
        .map(|raw| named_work(raw).map(|n| n.row))
        .collect()
}

/// Everyone's work records from `from` to `to` (inclusive), by date, then name, then entry.
pub fn work_of_everyone(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NamedWork>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {WORK_COLUMNS} FROM work_records w JOIN members m ON m.id = w.member_id
         WHERE w.work_date BETWEEN ?1 AND ?2 ORDER BY w.work_date, m.name, w.created_at"
    ))?;
    let raws = stmt
        .query_map((date_text(from), date_text(to)), raw_work)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter().map(named_work).collect()
}

/// One work record, if there is one with that id.
pub fn work_by_id(conn: &Connection, id: Id) -> Result<Option<NamedWork>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {WORK_COLUMNS} FROM work_records w JOIN members m ON m.id = w.member_id WHERE w.id = ?1"
    ))?;
    let raw = stmt.query_row([id.to_string()], raw_work).optional()?;
    raw.map(named_work).transpose()
}

/// Sets a day's work record to another quantity (the schema refuses it in an approved month) and
/// logs the old and the new quantity.
pub fn set_work_quantity(
    conn: &Connection,
    w: &WorkRow,
    quantity_milli: i64,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "UPDATE work_records SET quantity_milli = ?2 WHERE id = ?1",
        rusqlite::params![w.id.to_string(), quantity_milli],
    )?;
    changes::record(
        conn,
        now,
        origin,
        "work_record",
        &w.id.to_string(),
        Action::Update,
        &json!({
            "memberId": w.work.member.to_string(),
            "date": date_text(w.work.date),
            "kind": w.work.kind,
            "work": w.work.work,
            "quantityMilli": quantity_milli,
            "wasQuantityMilli": w.work.quantity_milli,
        }),
    )
}

/// Removes a work record (the schema refuses it in an approved month) and logs what it was.
pub fn delete_work(
    conn: &Connection,
    w: &WorkRow,
    now: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "DELETE FROM work_records WHERE id = ?1",
        [w.id.to_string()],
    )?;
    changes::record(
        conn,
        now,
        origin,
        "work_record",
        &w.id.to_string(),
        Action::Delete,
        &json!({
            "memberId": w.work.member.to_string(),
            "date": date_text(w.work.date),
            "kind": w.work.kind,
            "work": w.work.work,
            "quantityMilli": w.work.quantity_milli,
            "amountFen": w.work.amount_fen,
            "note": w.work.note,
        }),
    )
}

/// The days (in Asia/Shanghai) on which a member packed orders, one entry per order, for orders
/// whose packing was last recorded between `from` and `to` and was not undone since (an unpacked
/// or cancelled-after-packing order no longer names its packer).
pub fn boxes_packed(
    conn: &Connection,
    name: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<NaiveDate>> {
    let mut stmt = conn.prepare_cached(
        "SELECT date(max(e.at), '+8 hours') FROM orders o JOIN order_events e ON e.order_id = o.id
         WHERE o.packed_by = ?1 AND e.to_state = 'packed'
         GROUP BY o.id
         HAVING date(max(e.at), '+8 hours') BETWEEN ?2 AND ?3",
    )?;
    let days = stmt
        .query_map((name, date_text(from), date_text(to)), |r| {
            r.get::<_, String>(0)
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    days.iter().map(|d| parse_date(d)).collect()
}

/// A payslip as approved and kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredSlip {
    pub month: String,
    pub member: Id,
    pub gross_fen: i64,
    pub tax_fen: i64,
    pub advances_fen: i64,
    pub deductions_fen: i64,
    pub net_fen: i64,
    /// (pay, months, special, additional, withheld) through this month.
    pub ytd: (i64, u32, i64, i64, i64),
    pub data: serde_json::Value,
    pub paid_fen: i64,
    pub paid_on: Option<String>,
    pub paid_method: Option<String>,
}

/// Whether a month (YYYY-MM) is approved.
pub fn approved(conn: &Connection, month: &str) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM payroll_runs WHERE month = ?1",
            [month],
            |r| r.get::<_, i64>(0),
        )
        .optional()?
        .is_some())
}

/// Approves a month with its payslips; its work records are locked from now on.
pub fn approve(
    conn: &Connection,
    month: &str,
    slips: &[StoredSlip],
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT INTO payroll_runs (month, approved_at, origin) VALUES (?1, ?2, ?3)",
        (month, instant_to_text(at), origin.code()),
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO payslips (month, member_id, gross_fen, tax_fen, advances_fen, deductions_fen, net_fen,
                               ytd_pay_fen, ytd_months, ytd_special_fen, ytd_additional_fen,
                               ytd_withheld_fen, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for s in slips {
        stmt.execute(rusqlite::params![
            month,
            s.member.to_string(),
            s.gross_fen,
            s.tax_fen,
            s.advances_fen,
            s.deductions_fen,
            s.net_fen,
            s.ytd.0,
            s.ytd.1,
            s.ytd.2,
            s.ytd.3,
            s.ytd.4,
            s.data.to_string(),
        ])?;
    }
    changes::record(
        conn,
        at,
        origin,
        "payroll_run",
        month,
        Action::Create,
        &json!({ "payslips": slips.len(), "netFen": slips.iter().map(|s| s.net_fen).sum::<i64>() }),
    )?;
    Ok(())
}

/// The approved payslips of a month.
pub fn payslips_of(conn: &Connection, month: &str) -> Result<Vec<StoredSlip>> {
    let mut stmt = conn.prepare_cached(
        "SELECT member_id, gross_fen, tax_fen, advances_fen, deductions_fen, net_fen, ytd_pay_fen,
                ytd_months, ytd_special_fen, ytd_additional_fen, ytd_withheld_fen, data, paid_fen,
                paid_on, paid_method
         FROM payslips WHERE month = ?1",
    )?;
    let raws = stmt
        .query_map([month], |r| {
            Ok((
                r.get::<_, String>(0)?,
                [
                    r.get::<_, i64>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ],
                (
                    r.get::<_, i64>(6)?,
                    r.get::<_, u32>(7)?,
                    r.get::<_, i64>(8)?,
                    r.get::<_, i64>(9)?,
                    r.get::<_, i64>(10)?,
                ),
                r.get::<_, String>(11)?,
                r.get::<_, i64>(12)?,
                r.get::<_, Option<String>>(13)?,
                r.get::<_, Option<String>>(14)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter()
        .map(
            |(member, [gross, tax, advances, deductions, net], ytd, data, paid, on, method)| {
                Ok(StoredSlip {
                    month: month.to_string(),
                    member: id_from_text(&member)?,
                    gross_fen: gross,
                    tax_fen: tax,
                    advances_fen: advances,
                    deductions_fen: deductions,
                    net_fen: net,
                    ytd,
                    data: serde_json::from_str(&data)
                        .map_err(|e| StoreError::BadData(format!("payslip data: {e}")))?,
                    paid_fen: paid,
                    paid_on: on,
                    paid_method: method,
                })
            },
        )
        .collect()
}

/// Records money paid out on an approved payslip.
pub fn pay(
    conn: &Connection,
    month: &str,
    member: Id,
    (fen, on, method): (i64, NaiveDate, &str),
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "UPDATE payslips SET paid_fen = paid_fen + ?3, paid_on = ?4, paid_method = ?5
         WHERE month = ?1 AND member_id = ?2",
        rusqlite::params![month, member.to_string(), fen, date_text(on), method],
    )?;
    changes::record(
        conn,
        at,
        origin,
        "payslip",
        &format!("{month}/{member}"),
        Action::Update,
        &json!({ "paidFen": fen, "paidOn": date_text(on), "method": method }),
    )
}

/// One approved payslip of a year, as the pay year reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearRow {
    /// `YYYY-MM`.
    pub month: String,
    pub member: Id,
    pub name: String,
    pub gross_fen: i64,
    pub tax_fen: i64,
    pub net_fen: i64,
    pub paid_fen: i64,
}

/// Approved payslips of a year, by month then name.
pub fn approved_in_year(conn: &Connection, year: i32) -> Result<Vec<YearRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.month, p.member_id, m.name, p.gross_fen, p.tax_fen, p.net_fen, p.paid_fen
         FROM payslips p JOIN members m ON m.id = p.member_id
         WHERE substr(p.month, 1, 4) = ?1 ORDER BY p.month, m.name",
    )?;
    let raws = stmt
        .query_map([format!("{year:04}")], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter()
        .map(
            |(month, member, name, gross_fen, tax_fen, net_fen, paid_fen)| {
                Ok(YearRow {
                    month,
                    member: id_from_text(&member)?,
                    name,
                    gross_fen,
                    tax_fen,
                    net_fen,
                    paid_fen,
                })
            },
        )
        .collect()
}
