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
    conn.execute(
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
    conn.execute(
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
    conn.execute(
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

/// A member's work records from `from` to `to` (inclusive), by date.
pub fn work_between(
    conn: &Connection,
    member: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<WorkRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, work_date, kind, work, quantity_milli, amount_fen, note FROM work_records
         WHERE member_id = ?1 AND work_date BETWEEN ?2 AND ?3 ORDER BY work_date, created_at",
    )?;
    let raws = stmt
        .query_map((member.to_string(), date_text(from), date_text(to)), |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<i64>>(4)?,
                r.get::<_, Option<i64>>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raws.into_iter()
        .map(|(id, date, kind, work, quantity_milli, amount_fen, note)| {
            Ok(WorkRow {
                id: id_from_text(&id)?,
                work: NewWork {
                    member,
                    date: parse_date(&date)?,
                    kind,
                    work,
                    quantity_milli,
                    amount_fen,
                    note,
                },
            })
        })
        .collect()
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
