//! Payslips as a PDF: an approved month's slips, two to an A4 page when they fit.

use farmstall_domain::{FieldError, Language, Rule};
use farmstall_store::payroll;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::preview_in_language;
use crate::{App, AppError, Result};

/// Which payslips to print, in which language.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PayslipRequest {
    pub month: String,
    /// Empty = everyone paid that month.
    pub member_ids: Vec<String>,
    /// "zh-CN" or "en"; "" = the app's language. The lines keep the language they were approved in.
    pub language: String,
}

fn line_label(kind: &str, zh: bool) -> &'static str {
    match (kind, zh) {
        ("salary", true) => "月薪",
        ("salary", false) => "Salary",
        ("daily", true) => "日工资",
        ("daily", false) => "Daily wage",
        ("hourly", true) => "计时工资",
        ("hourly", false) => "Hourly wage",
        ("piece", true) => "计件工资",
        ("piece", false) => "Piece work",
        (_, true) => "奖金",
        (_, false) => "Bonus",
    }
}

impl App {
    /// The approved payslips of a month as one PDF (two to an A4 page when they fit), saved
    /// under `documents/payslips/`.
    pub fn print_payslips(
        &mut self,
        request: &PayslipRequest,
    ) -> Result<crate::statement::SavedDocument> {
        self.require_unlocked()?;
        let printed_at = self
            .clock
            .now()
            .with_timezone(&farmstall_domain::clock::shanghai())
            .format("%Y-%m-%d %H:%M")
            .to_string();
        let (docs, key) = self.store.read(|tx| -> Result<_> {
            let zh = match request.language.trim() {
                "" => farmstall_store::shop::language(tx)? == Language::ZhCn,
                code => code != "en",
            };
            let preview = preview_in_language(tx, &request.month, zh)?;
            if !preview.approved {
                return Err(AppError::from(FieldError::new(
                    "month",
                    Rule::NotAllowed,
                    format!(
                        "month: approve {} before printing its payslips",
                        preview.month
                    ),
                )));
            }
            let shop_name = farmstall_store::shop::get(tx)?
                .map(|s| s.profile.shop_name)
                .unwrap_or_default();
            let employees = payroll::list(tx)?;
            let mut docs = Vec::new();
            for p in &preview.payslips {
                if !request.member_ids.is_empty() && !request.member_ids.contains(&p.member_id) {
                    continue;
                }
                let relation = employees
                    .iter()
                    .find(|e| e.member.to_string() == p.member_id)
                    .map(|e| e.details.relation.clone())
                    .unwrap_or_default();
                let paid = p.paid_on.as_ref().map(|on| {
                    let method = p
                        .paid_method
                        .as_deref()
                        .map_or("", |m| crate::statement::method_words(m, zh));
                    format!("¥{} {method} {on}", p.paid)
                });
                docs.push(farmstall_documents::PayslipDoc {
                    language: if zh {
                        farmstall_documents::Language::Zh
                    } else {
                        farmstall_documents::Language::En
                    },
                    shop_name: shop_name.clone(),
                    month: preview.month.clone(),
                    employee: p.name.clone(),
                    relation,
                    printed_at: printed_at.clone(),
                    lines: p
                        .lines
                        .iter()
                        .map(|l| farmstall_documents::PayslipLine {
                            label: line_label(&l.kind, zh).into(),
                            explanation: l.explanation.clone(),
                            amount: l.amount.clone(),
                        })
                        .collect(),
                    gross: p.gross.clone(),
                    tax: p.tax.clone(),
                    tax_explanation: p.tax_explanation.clone(),
                    advances: p.advances.clone(),
                    deductions: p.deductions.clone(),
                    net: p.net.clone(),
                    gross_year_to_date: p.gross_year_to_date.clone(),
                    tax_year_to_date: p.tax_year_to_date.clone(),
                    paid,
                });
            }
            if docs.is_empty() {
                return Err(AppError::from(FieldError::new(
                    "memberIds",
                    Rule::UnknownRecord,
                    "memberIds: none of them has a payslip that month",
                )));
            }
            Ok((docs, preview.month))
        })?;
        let bytes = farmstall_documents::render_payslips(&docs)
            .map_err(|e| AppError::Conflict(format!("the payslips cannot be printed: {e}")))?;
        let stem = match docs.as_slice() {
            [one] => format!("payslip-{key}-{}", one.employee),
            many => format!("payslips-{key}-{}", many.len()),
        };
        self.save_document("payslips", &stem, "pdf", &bytes)
    }
}
