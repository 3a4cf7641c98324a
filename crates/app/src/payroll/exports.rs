//! The pay year: per employee, per month and every payslip of the approved months, as data and
//! as CSV and XLSX files for the annual tax reconciliation.

use farmstall_domain::{FieldError, Language, Rule};
use farmstall_store::payroll;
use farmstall_store::rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::yuan;
use crate::{App, AppError, Result};

/// One employee's year (approved months only), for the annual tax reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayYearEmployee {
    pub member_id: String,
    pub name: String,
    pub months: u32,
    pub gross: String,
    pub tax: String,
    pub net: String,
    pub paid: String,
}

/// What pay cost in one approved month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayMonthCost {
    pub month: String,
    pub gross: String,
    pub tax: String,
    pub net: String,
}

/// One approved payslip of the year, as it adds up in the year's totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayYearSlip {
    pub month: String,
    pub member_id: String,
    pub name: String,
    pub gross: String,
    pub tax: String,
    pub net: String,
    pub paid: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PayYear {
    pub year: i32,
    pub employees: Vec<PayYearEmployee>,
    pub months: Vec<PayMonthCost>,
    /// Every approved payslip of the year, by month then name.
    pub payslips: Vec<PayYearSlip>,
    pub gross: String,
    pub tax: String,
    pub net: String,
    pub paid: String,
}

/// Fen that add up over a year: gross, income tax, net and paid.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    gross: i64,
    tax: i64,
    net: i64,
    paid: i64,
}

impl Sums {
    fn add(&mut self, other: Sums) {
        self.gross += other.gross;
        self.tax += other.tax;
        self.net += other.net;
        self.paid += other.paid;
    }
}

/// One employee's approved months so far.
struct EmployeeYear {
    member_id: String,
    name: String,
    months: u32,
    sums: Sums,
}

/// One approved month's payslips so far.
struct MonthYear {
    month: String,
    sums: Sums,
}

/// One approved payslip as read from the store.
struct Slip<'a> {
    month: &'a str,
    member_id: String,
    name: &'a str,
    sums: Sums,
}

fn pay_year_in(conn: &Connection, year: i32) -> Result<PayYear> {
    let rows = payroll::approved_in_year(conn, year)?;
    let slips: Vec<Slip<'_>> = rows
        .iter()
        .map(|row| Slip {
            month: &row.month,
            member_id: row.member.to_string(),
            name: &row.name,
            sums: Sums {
                gross: row.gross_fen,
                tax: row.tax_fen,
                net: row.net_fen,
                paid: row.paid_fen,
            },
        })
        .collect();
    let mut employees: Vec<EmployeeYear> = Vec::new();
    let mut months: Vec<MonthYear> = Vec::new();
    let mut year_sums = Sums::default();
    for slip in &slips {
        year_sums.add(slip.sums);
        match employees.iter_mut().find(|e| e.member_id == slip.member_id) {
            Some(e) => {
                e.months += 1;
                e.sums.add(slip.sums);
            }
            None => employees.push(EmployeeYear {
                member_id: slip.member_id.clone(),
                name: slip.name.to_string(),
                months: 1,
                sums: slip.sums,
            }),
        }
        match months.iter_mut().find(|m| m.month == slip.month) {
            Some(m) => m.sums.add(slip.sums),
            None => months.push(MonthYear {
                month: slip.month.to_string(),
                sums: slip.sums,
            }),
        }
    }
    employees.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(PayYear {
        year,
        payslips: slips
            .iter()
            .map(|s| PayYearSlip {
                month: s.month.to_string(),
                member_id: s.member_id.clone(),
                name: s.name.to_string(),
                gross: yuan(s.sums.gross),
                tax: yuan(s.sums.tax),
                net: yuan(s.sums.net),
                paid: yuan(s.sums.paid),
            })
            .collect(),
        gross: yuan(year_sums.gross),
        tax: yuan(year_sums.tax),
        net: yuan(year_sums.net),
        paid: yuan(year_sums.paid),
        employees: employees
            .into_iter()
            .map(|e| PayYearEmployee {
                member_id: e.member_id,
                name: e.name,
                months: e.months,
                gross: yuan(e.sums.gross),
                tax: yuan(e.sums.tax),
                net: yuan(e.sums.net),
                paid: yuan(e.sums.paid),
            })
            .collect(),
        months: months
            .into_iter()
            .map(|m| PayMonthCost {
                month: m.month,
                gross: yuan(m.sums.gross),
                tax: yuan(m.sums.tax),
                net: yuan(m.sums.net),
            })
            .collect(),
    })
}

/// A CSV field: a text that a spreadsheet would read as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading `'` so it stays text; quoted when it holds a
/// comma, a quote or a line break (RFC 4180).
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

impl App {
    /// Pay per employee and per month over a year, approved months only.
    pub fn pay_year(&mut self, year: i32) -> Result<PayYear> {
        self.require_unlocked()?;
        let (first, last) = (
            farmstall_domain::validate::FIRST_DATE.0,
            farmstall_domain::validate::LAST_DATE.0,
        );
        if !(first..=last).contains(&year) {
            return Err(FieldError::new(
                "year",
                Rule::BadDate,
                format!("year must be from {first} to {last}"),
            )
            .with("min", first.to_string())
            .with("max", last.to_string())
            .into());
        }
        self.store.read(|tx| pay_year_in(tx, year))
    }

    /// The year summary per employee as CSV (UTF-8 with a byte-order mark so spreadsheet programs
    /// read the Chinese names), saved under `documents/reports/`.
    pub fn export_pay_year_csv(&mut self, year: i32) -> Result<crate::statement::SavedDocument> {
        let summary = self.pay_year(year)?;
        let mut text = String::from("\u{feff}employee,months,gross,income_tax,net,paid\r\n");
        for e in &summary.employees {
            text.push_str(&format!(
                "{},{},{},{},{},{}\r\n",
                csv_field(&e.name),
                e.months,
                e.gross,
                e.tax,
                e.net,
                e.paid
            ));
        }
        self.save_document("reports", &format!("pay-{year}"), "csv", text.as_bytes())
    }

    /// The year as a spreadsheet: per employee (for the annual tax reconciliation), per month,
    /// and every payslip, money as numbers; headings in the app's language. Saved under
    /// `documents/reports/`.
    pub fn export_pay_year_xlsx(&mut self, year: i32) -> Result<crate::statement::SavedDocument> {
        use farmstall_documents::{render_workbook, Cell, Sheet};
        let summary = self.pay_year(year)?;
        let zh = self.store.read(|tx| -> Result<bool> {
            Ok(farmstall_store::shop::language(tx)? == Language::ZhCn)
        })?;
        let words = |zh_text: &str, en_text: &str| {
            if zh {
                zh_text.to_string()
            } else {
                en_text.to_string()
            }
        };
        let total = words("合计", "Total");
        let money = |m: &String| Cell::Money(m.clone());
        let sheets = [
            Sheet {
                name: words("按员工", "By employee"),
                title: None,
                headings: vec![
                    words("员工", "Employee"),
                    words("月数", "Months"),
                    words("应发工资", "Gross pay"),
                    words("代扣个税", "Income tax withheld"),
                    words("实发工资", "Net pay"),
                    words("已付", "Paid"),
                ],
                rows: summary
                    .employees
                    .iter()
                    .map(|e| {
                        vec![
                            Cell::Text(e.name.clone()),
                            Cell::Count(e.months),
                            money(&e.gross),
                            money(&e.tax),
                            money(&e.net),
                            money(&e.paid),
                        ]
                    })
                    .collect(),
                totals: Some(vec![
                    Cell::Text(total.clone()),
                    Cell::Text(String::new()),
                    money(&summary.gross),
                    money(&summary.tax),
                    money(&summary.net),
                    money(&summary.paid),
                ]),
            },
            Sheet {
                name: words("按月", "By month"),
                title: None,
                headings: vec![
                    words("月份", "Month"),
                    words("应发工资", "Gross pay"),
                    words("代扣个税", "Income tax withheld"),
                    words("实发工资", "Net pay"),
                ],
                rows: summary
                    .months
                    .iter()
                    .map(|m| {
                        vec![
                            Cell::Text(m.month.clone()),
                            money(&m.gross),
                            money(&m.tax),
                            money(&m.net),
                        ]
                    })
                    .collect(),
                totals: Some(vec![
                    Cell::Text(total),
                    money(&summary.gross),
                    money(&summary.tax),
                    money(&summary.net),
                ]),
            },
            Sheet {
                name: words("工资条", "Payslips"),
                title: None,
                headings: vec![
                    words("月份", "Month"),
                    words("员工", "Employee"),
                    words("应发工资", "Gross pay"),
                    words("代扣个税", "Income tax withheld"),
                    words("实发工资", "Net pay"),
                    words("已付", "Paid"),
                ],
                rows: summary
                    .payslips
                    .iter()
                    .map(|p| {
                        vec![
                            Cell::Text(p.month.clone()),
                            Cell::Text(p.name.clone()),
                            money(&p.gross),
                            money(&p.tax),
                            money(&p.net),
                            money(&p.paid),
                        ]
                    })
                    .collect(),
                totals: None,
            },
        ];
        let bytes = render_workbook(&sheets)
            .map_err(|e| AppError::Conflict(format!("the spreadsheet could not be made: {e}")))?;
        self.save_document("reports", &format!("pay-{year}"), "xlsx", &bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn a_cell_a_spreadsheet_would_run_as_a_formula_stays_text() {
        assert_eq!(csv_field("杨秀梅"), "杨秀梅");
        assert_eq!(csv_field("-2+3"), "'-2+3");
        assert_eq!(csv_field("+86"), "'+86");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }
}
