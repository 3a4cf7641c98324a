//! Use cases: a farmer's statement for a period ("what have I sold you this month"), as data and
//! as a printable PDF saved in the shop's data folder.
//!
//! The running balance is what the shop owes the farmer: a purchase on credit adds to it, a
//! payment takes from it, a purchase paid at once appears as bought and paid on the same line, and
//! a reversed receipt appears again, negated, on the day it was reversed.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use farmstall_documents as documents;
use farmstall_domain::validate::optional_date;
use farmstall_domain::{Checker, FieldError, Money, Rule, Unit};
use farmstall_store::statement::{self, Entry};
use farmstall_store::{farmers, shop, stock};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stock::{e4_text, lookup_required};
use crate::{App, AppError, Result};

/// Which farmer and period; the language of the printed statement.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct StatementQuery {
    pub farmer_id: String,
    /// `YYYY-MM-DD`; empty = the first day of this month.
    pub from: String,
    /// `YYYY-MM-DD`; empty = today.
    pub to: String,
    /// `zh-CN` (default, what farmers read) or `en`.
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementLineDto {
    pub date: String,
    /// `purchase`, `payment` or `reversal`.
    pub kind: String,
    pub description: String,
    pub purchased: Option<String>,
    pub paid: Option<String>,
    /// Still owed after this line.
    pub balance: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StatementDto {
    pub farmer_id: String,
    pub farmer_name: String,
    pub from: String,
    pub to: String,
    pub opening_balance: String,
    pub lines: Vec<StatementLineDto>,
    pub total_purchased: String,
    pub total_paid: String,
    pub closing_balance: String,
}

/// A document written to the data folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedDocument {
    pub path: String,
    pub bytes: u32,
}

fn chinese(language: &str) -> bool {
    language != "en"
}

pub(crate) fn method_words(method: &str, zh: bool) -> &str {
    match (method, zh) {
        ("cash", true) => "现金",
        ("wechat", true) => "微信",
        ("alipay", true) => "支付宝",
        ("bank", true) => "银行转账",
        ("owed", true) => "赊账",
        ("cash", false) => "cash",
        ("wechat", false) => "WeChat Pay",
        ("alipay", false) => "Alipay",
        ("bank", false) => "bank transfer",
        ("owed", false) => "on credit",
        (other, _) => other,
    }
}

fn yuan(fen: i64) -> String {
    Money::from_fen(fen).to_string()
}

/// The facts of a statement, checked and computed.
struct Computed {
    dto: StatementDto,
    farmer_village: String,
    farmer_phone: String,
}

fn compute_statement(
    tx: &farmstall_store::rusqlite::Connection,
    query: &StatementQuery,
    today: NaiveDate,
) -> Result<Computed> {
    let mut c = Checker::new();
    let farmer = lookup_required(
        tx,
        &mut c,
        "farmerId",
        "farmer",
        &query.farmer_id,
        farmers::get,
        |_| true,
    )?;
    let from = c
        .check(optional_date("from", &query.from))
        .map(|d| d.unwrap_or_else(|| today.with_day(1).unwrap_or(today)));
    let to = c
        .check(optional_date("to", &query.to))
        .map(|d| d.unwrap_or(today));
    let language = query.language.trim();
    if !matches!(language, "" | "zh-CN" | "en") {
        c.check::<()>(Err(FieldError::new(
            "language",
            Rule::UnknownLanguage,
            "language must be zh-CN or en",
        )));
    }
    c.finish()?;
    let (Some(farmer), Some(from), Some(to)) = (farmer, from, to) else {
        return Err(AppError::Conflict(
            "the statement could not be checked".into(),
        ));
    };
    if to < from {
        return Err(FieldError::new(
            "to",
            Rule::BadDate,
            format!("to: the period ends ({to}) before it starts ({from})"),
        )
        .into());
    }
    let zh = chinese(language);
    let opening = statement::balance_before(tx, farmer.id, from)?;
    let mut balance = opening;
    let (mut bought, mut paid_total) = (0i64, 0i64);
    let mut lines = Vec::new();
    for entry in statement::entries(tx, farmer.id, from, to)? {
        let (kind, description, purchased, paid) = match &entry {
            Entry::Purchase {
                payment,
                total_fen,
                lines: items,
                ..
            } => {
                let items: Vec<String> = items
                    .iter()
                    .map(|(name, grade, quantity, unit, price)| {
                        let unit = Unit::parse(unit)
                            .map(|u| u.label(zh))
                            .unwrap_or_else(|_| unit.clone());
                        let grade = if grade.is_empty() {
                            String::new()
                        } else {
                            format!(" {grade}")
                        };
                        format!(
                            "{name}{grade} {quantity}{}{unit} × ¥{}",
                            if zh { "" } else { " " },
                            e4_text(*price)
                        )
                    })
                    .collect();
                let mut text = items.join(if zh { "；" } else { "; " });
                if payment != "owed" {
                    text.push_str(&if zh {
                        format!("（{}付清）", method_words(payment, zh))
                    } else {
                        format!(" (paid by {})", method_words(payment, zh))
                    });
                }
                let paid_now = (payment != "owed").then_some(*total_fen);
                ("purchase", text, Some(*total_fen), paid_now)
            }
            Entry::Reversal {
                purchased_on,
                payment,
                total_fen,
                reason,
                ..
            } => {
                let text = if zh {
                    format!("冲销 {purchased_on} 的进货：{reason}")
                } else {
                    format!("Reversal of the receipt of {purchased_on}: {reason}")
                };
                let paid_back = (payment != "owed").then_some(-*total_fen);
                ("reversal", text, Some(-*total_fen), paid_back)
            }
            Entry::Payment {
                method,
                amount_fen,
                note,
                ..
            } => {
                let mut text = if zh {
                    format!("付款（{}）", method_words(method, zh))
                } else {
                    format!("Payment ({})", method_words(method, zh))
                };
                if !note.trim().is_empty() {
                    text.push_str(&format!(" {}", note.trim()));
                }
                ("payment", text, None, Some(*amount_fen))
            }
        };
        bought += purchased.unwrap_or(0);
        paid_total += paid.unwrap_or(0);
        balance += purchased.unwrap_or(0) - paid.unwrap_or(0);
        lines.push(StatementLineDto {
            date: stock::date_text(entry.date()),
            kind: kind.to_string(),
            description,
            purchased: purchased.map(yuan),
            paid: paid.map(yuan),
            balance: yuan(balance),
        });
    }
    Ok(Computed {
        dto: StatementDto {
            farmer_id: farmer.id.to_string(),
            farmer_name: farmer.details.name.clone(),
            from: stock::date_text(from),
            to: stock::date_text(to),
            opening_balance: yuan(opening),
            lines,
            total_purchased: yuan(bought),
            total_paid: yuan(paid_total),
            closing_balance: yuan(balance),
        },
        farmer_village: farmer.details.village.clone(),
        farmer_phone: farmer.details.phone.clone(),
    })
}

impl App {
    /// A farmer's purchases, reversals and payments in a period with the running balance owed.
    pub fn farmer_statement(&mut self, query: &StatementQuery) -> Result<StatementDto> {
        let today = self.clock.today();
        self.store
            .read(|tx| Ok(compute_statement(tx, query, today)?.dto))
    }

    /// Renders the statement as a PDF and saves it under `documents/statements/` in the data
    /// folder, so that what was printed is kept.
    pub fn save_farmer_statement(&mut self, query: &StatementQuery) -> Result<SavedDocument> {
        let (now, today) = (self.clock.now(), self.clock.today());
        let (computed, shop) = self.store.read(|tx| -> Result<_> {
            Ok((
                compute_statement(tx, query, today)?,
                shop::get(tx)?.map(|s| s.profile),
            ))
        })?;
        let zh = chinese(query.language.trim());
        let s = &computed.dto;
        let local = now.with_timezone(&farmstall_domain::clock::shanghai());
        let doc = documents::Statement {
            language: if zh {
                documents::Language::Zh
            } else {
                documents::Language::En
            },
            shop_name: shop
                .as_ref()
                .map(|p| p.shop_name.clone())
                .unwrap_or_default(),
            shop_phone: shop.as_ref().map(|p| p.phone.clone()).unwrap_or_default(),
            shop_address: shop
                .as_ref()
                .map(|p| {
                    let a = &p.address;
                    format!("{}{}{}{}", a.province, a.city, a.district, a.street)
                })
                .unwrap_or_default(),
            farmer_name: s.farmer_name.clone(),
            farmer_village: computed.farmer_village.clone(),
            farmer_phone: computed.farmer_phone.clone(),
            from: s.from.clone(),
            to: s.to.clone(),
            opening_balance: s.opening_balance.clone(),
            lines: s
                .lines
                .iter()
                .map(|l| documents::StatementLine {
                    date: l.date.clone(),
                    kind: match l.kind.as_str() {
                        "payment" => documents::LineKind::Payment,
                        "reversal" => documents::LineKind::Reversal,
                        _ => documents::LineKind::Purchase,
                    },
                    description: l.description.clone(),
                    purchased: l.purchased.clone(),
                    paid: l.paid.clone(),
                    balance: l.balance.clone(),
                })
                .collect(),
            total_purchased: s.total_purchased.clone(),
            total_paid: s.total_paid.clone(),
            closing_balance: s.closing_balance.clone(),
            generated_at: local.format("%Y-%m-%d %H:%M").to_string(),
        };
        let pdf = documents::render_statement(&doc).map_err(|e| match e {
            documents::DocumentError::MissingGlyph { ch, text } => AppError::Conflict(format!(
                "the statement cannot be printed: the font has no character {ch:?} (in {text:?}); \
                 change that name or note and try again"
            )),
            other => AppError::Conflict(format!("the statement could not be made: {other}")),
        })?;
        let stem = format!(
            "{}-{}-{}-{}",
            if zh { "对账单" } else { "statement" },
            // The name is cut so that the period still fits in the file name.
            s.farmer_name.chars().take(20).collect::<String>(),
            s.from,
            s.to,
        );
        self.save_document("statements", &stem, "pdf", &pdf)
    }

    /// Where printed documents are kept: `documents/` next to the database.
    pub fn documents_dir(&self) -> PathBuf {
        self.db_path()
            .parent()
            .map(|p| p.join("documents"))
            .unwrap_or_else(|| PathBuf::from("documents"))
    }
}
