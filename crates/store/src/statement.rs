//! What happened between the shop and one farmer in a period: the facts behind a statement.

use chrono::NaiveDate;
use farmstall_domain::Id;
use rusqlite::Connection;

use crate::stock::date_text;
use crate::Result;

/// One event on a farmer's account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A receipt; `owed` if it was bought on credit, else it was paid at once by `payment`.
    Purchase {
        id: Id,
        on: NaiveDate,
        payment: String,
        total_fen: i64,
        /// (product name, grade, entered quantity, entered unit code, unit price e4)
        lines: Vec<(String, String, String, String, i64)>,
    },
    /// A receipt reversed on `on`.
    Reversal {
        purchase: Id,
        purchased_on: NaiveDate,
        on: NaiveDate,
        payment: String,
        total_fen: i64,
        reason: String,
    },
    Payment {
        on: NaiveDate,
        method: String,
        amount_fen: i64,
        note: String,
    },
}

impl Entry {
    pub fn date(&self) -> NaiveDate {
        match self {
            Entry::Purchase { on, .. } | Entry::Reversal { on, .. } | Entry::Payment { on, .. } => {
                *on
            }
        }
    }
}

/// What the shop owed `farmer` at the start of `from` (fen): purchases on credit before it, minus
/// those reversed before it, minus payments before it.
pub fn balance_before(conn: &Connection, farmer: Id, from: NaiveDate) -> Result<i64> {
    let from = date_text(from);
    Ok(crate::sql::one(conn,
        "SELECT coalesce((SELECT sum(total_fen) FROM purchases
                          WHERE farmer_id = ?1 AND payment = 'owed' AND received_on < ?2), 0)
              - coalesce((SELECT sum(pu.total_fen) FROM purchase_reversals r JOIN purchases pu ON pu.id = r.purchase_id
                          WHERE pu.farmer_id = ?1 AND pu.payment = 'owed' AND r.reversed_on < ?2), 0)
              - coalesce((SELECT sum(amount_fen) FROM farmer_payments WHERE farmer_id = ?1 AND paid_on < ?2), 0)",
        (farmer.to_string(), from),
        |r| r.get(0),
    )?)
}

/// Every purchase, reversal and payment of `farmer` dated `from..=to`, by date, then as entered.
pub fn entries(
    conn: &Connection,
    farmer: Id,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<Entry>> {
    let (farmer_text, from_text, to_text) = (farmer.to_string(), date_text(from), date_text(to));
    let mut out: Vec<(NaiveDate, String, Entry)> = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT pu.id, pu.received_on, pu.payment, pu.total_fen, pu.created_at,
                p.name_zh, l.grade, l.entered_quantity, l.entered_unit, l.unit_price_e4
         FROM purchases pu JOIN lots l ON l.purchase_id = pu.id JOIN products p ON p.id = l.product_id
         WHERE pu.farmer_id = ?1 AND pu.received_on BETWEEN ?2 AND ?3
         ORDER BY pu.received_on, pu.created_at, pu.id, l.line_no",
    )?;
    let rows = stmt
        .query_map((&farmer_text, &from_text, &to_text), |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                ],
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for ([id, on, payment, created, name, grade, quantity, unit], total_fen, price) in rows {
        let id = crate::sql::id_from_text(&id)?;
        let line = (name, grade, quantity, unit, price);
        if let Some((
            _,
            _,
            Entry::Purchase {
                id: last, lines, ..
            },
        )) = out.last_mut()
        {
            if *last == id {
                lines.push(line);
                continue;
            }
        }
        let on = parse(&on)?;
        out.push((
            on,
            created,
            Entry::Purchase {
                id,
                on,
                payment,
                total_fen,
                lines: vec![line],
            },
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT pu.id, pu.received_on, r.reversed_on, pu.payment, pu.total_fen, r.reason, r.created_at
         FROM purchase_reversals r JOIN purchases pu ON pu.id = r.purchase_id
         WHERE pu.farmer_id = ?1 AND r.reversed_on BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt
        .query_map((&farmer_text, &from_text, &to_text), |r| {
            Ok((
                [
                    r.get::<_, String>(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(5)?,
                    r.get(6)?,
                ],
                r.get::<_, i64>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for ([id, purchased_on, on, payment, reason, created], total_fen) in rows {
        let on = parse(&on)?;
        out.push((
            on,
            created,
            Entry::Reversal {
                purchase: crate::sql::id_from_text(&id)?,
                purchased_on: parse(&purchased_on)?,
                on,
                payment,
                total_fen,
                reason,
            },
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT paid_on, method, amount_fen, note, created_at FROM farmer_payments
         WHERE farmer_id = ?1 AND paid_on BETWEEN ?2 AND ?3",
    )?;
    let rows = stmt
        .query_map((&farmer_text, &from_text, &to_text), |r| {
            Ok((
                [r.get::<_, String>(0)?, r.get(1)?, r.get(3)?, r.get(4)?],
                r.get::<_, i64>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for ([on, method, note, created], amount_fen) in rows {
        let on = parse(&on)?;
        out.push((
            on,
            created,
            Entry::Payment {
                on,
                method,
                amount_fen,
                note,
            },
        ));
    }
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    Ok(out.into_iter().map(|(_, _, e)| e).collect())
}

fn parse(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| crate::StoreError::BadData(format!("not a date: {text:?}")))
}
