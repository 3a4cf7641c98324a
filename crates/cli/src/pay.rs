//! Pay: `employee ...`, `work`, `payroll ...` (`payroll week` reads and sets the week grid).

use std::path::PathBuf;

use clap::{Args, Subcommand};
use farmstall_app::payroll::{
    EmployeeInput, PayInput, PayslipRequest, SchemeInput, WorkCellInput, WorkInput, WorkWeekInput,
};
use farmstall_app::{App, AppError};

use crate::lines;
use crate::member::member_id;
use crate::output::{print_saved, Output};
use crate::Outcome;

#[derive(Subcommand, Debug)]
pub enum EmployeeCommand {
    /// Employees by name
    List,
    /// Add (or replace) an employee; each --scheme is kind=daily|hourly|monthly|piece[,work=box_packed],rate=150
    Add(Box<EmployeeArgs>),
}

#[derive(Args, Debug)]
pub struct EmployeeArgs {
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    relation: String,
    #[arg(long, default_value = "")]
    phone: String,
    /// YYYY-MM-DD
    #[arg(long)]
    start: String,
    #[arg(long, default_value = "")]
    end: String,
    /// Withhold income tax (cumulative method)
    #[arg(long)]
    withhold_tax: bool,
    /// Monthly social insurance and housing fund, yuan
    #[arg(long, default_value = "")]
    special_deduction: String,
    /// Monthly special additional deductions, yuan
    #[arg(long, default_value = "")]
    additional_deduction: String,
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long = "scheme", required = true, value_parser = lines::scheme)]
    schemes: Vec<SchemeInput>,
}

#[derive(Args, Debug)]
pub struct WorkArgs {
    /// The employee's name or id
    who: String,
    #[arg(long)]
    date: String,
    #[arg(long)]
    kind: String,
    /// For pieces: the kind of work (box_packed, jin_sorted, ...)
    #[arg(long, default_value = "")]
    work: String,
    /// Days, hours or pieces
    #[arg(long, default_value = "")]
    quantity: String,
    /// Yuan, for a bonus, advance or deduction
    #[arg(long, default_value = "")]
    amount: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args, Debug)]
pub struct WeekArgs {
    /// The week's first day, YYYY-MM-DD (the week is it and the six days after it)
    #[arg(long)]
    week: String,
    /// Whose cells --cell sets: the employee's name or id
    #[arg(long)]
    who: Option<String>,
    /// Set a cell to its total: date=2026-11-17,kind=days|hours|pieces[,work=jin_sorted],quantity=1
    /// (quantity= empties it); each cell is saved or reported on its own
    #[arg(long = "cell", value_parser = lines::work_cell, requires = "who")]
    cells: Vec<WorkCellInput>,
}

#[derive(Subcommand, Debug)]
pub enum PayrollCommand {
    /// The week's recorded days, hours and pieces of everyone; with --who and --cell, sets cells
    Week(WeekArgs),
    /// The month's payslips as they stand now (a draft; as kept once approved)
    #[command(visible_alias = "run")]
    Preview {
        /// YYYY-MM
        #[arg(long)]
        month: String,
    },
    /// Pay per employee and per month over a year (approved months); --csv FILE writes the
    /// summary, --xlsx FILE a spreadsheet (per employee, per month, every payslip)
    Year {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        csv: Option<PathBuf>,
        #[arg(long, conflicts_with = "csv")]
        xlsx: Option<PathBuf>,
    },
    /// The month's recorded work of everyone (ids for delete-record)
    Records {
        #[arg(long)]
        month: String,
    },
    /// Delete a work record entered by mistake (not in an approved month)
    DeleteRecord { id: String },
    /// Approve a month: its payslips are kept and its work records locked
    Approve {
        #[arg(long)]
        month: String,
    },
    /// The approved payslips of a month as one PDF (saved in the data folder, copied to --out)
    Payslip {
        #[arg(long)]
        month: String,
        /// zh-CN or en (default: the app's language)
        #[arg(long, default_value = "")]
        language: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Pay an approved payslip (all or part)
    Pay {
        /// The employee's name or id
        who: String,
        #[arg(long)]
        month: String,
        #[arg(long)]
        amount: String,
        /// cash, wechat, alipay or bank
        #[arg(long, default_value = "wechat")]
        method: String,
        #[arg(long, default_value = "")]
        date: String,
    },
}

impl PayrollCommand {
    pub fn writes(&self) -> bool {
        match self {
            PayrollCommand::Preview { .. } | PayrollCommand::Records { .. } => false,
            PayrollCommand::Week(args) => !args.cells.is_empty(),
            // Without --csv or --xlsx the year is only shown.
            PayrollCommand::Year { csv, xlsx, .. } => csv.is_some() || xlsx.is_some(),
            PayrollCommand::DeleteRecord { .. }
            | PayrollCommand::Approve { .. }
            | PayrollCommand::Payslip { .. }
            | PayrollCommand::Pay { .. } => true,
        }
    }
}

pub fn employee(app: &mut App, out: &Output, command: EmployeeCommand) -> Result<(), AppError> {
    match command {
        EmployeeCommand::List => {
            let all = app.list_employees()?;
            out.print(&all, || {
                all.iter()
                    .map(|e| {
                        let schemes: Vec<String> = e
                            .schemes
                            .iter()
                            .map(|s| {
                                format!(
                                    "{}{} ¥{}",
                                    s.kind,
                                    if s.work.is_empty() {
                                        String::new()
                                    } else {
                                        format!(" {}", s.work)
                                    },
                                    s.rate
                                )
                            })
                            .collect();
                        format!(
                            "{}  {} ({}) from {}: {}",
                            e.member_id,
                            e.name,
                            e.relation,
                            e.start_on,
                            schemes.join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        EmployeeCommand::Add(a) => {
            let EmployeeArgs {
                name,
                relation,
                phone,
                start,
                end,
                withhold_tax,
                special_deduction,
                additional_deduction,
                note,
                schemes,
            } = *a;
            let e = app.save_employee(&EmployeeInput {
                name,
                relation,
                phone,
                start_on: start,
                end_on: end,
                withhold_tax,
                special_deduction,
                additional_deduction,
                account_note: note,
                schemes,
            })?;
            out.print(&e, || format!("saved {} ({})", e.name, e.member_id));
        }
    }
    Ok(())
}

pub fn work(app: &mut App, out: &Output, w: WorkArgs) -> Result<(), AppError> {
    let member_id = member_id(app, &w.who)?;
    let id = app.record_work(&WorkInput {
        member_id,
        date: w.date,
        kind: w.kind,
        work: w.work,
        quantity: w.quantity,
        amount: w.amount,
        note: w.note,
    })?;
    out.print(&id, || format!("recorded {id}"));
    Ok(())
}

/// The week's cells as lines: `2026-11-17 杨秀梅: 1 days` (a lock on an approved month's days).
fn week_text(week: &farmstall_app::payroll::WorkWeek, names: &[(String, String)]) -> String {
    let name = |id: &str| {
        names
            .iter()
            .find(|(m, _)| m == id)
            .map_or(id.to_string(), |(_, n)| n.clone())
    };
    let mut lines: Vec<String> = week
        .cells
        .iter()
        .map(|c| {
            let locked = week.days.iter().any(|d| d.date == c.date && d.locked);
            let what = if c.work.is_empty() {
                c.kind.clone()
            } else {
                c.work.clone()
            };
            format!(
                "{} {}: {} {what}{}",
                c.date,
                name(&c.member_id),
                c.quantity,
                if locked { " (approved)" } else { "" }
            )
        })
        .collect();
    if lines.is_empty() {
        lines.push(format!(
            "no work recorded in the week of {}",
            week.week_start
        ));
    }
    lines.join("\n")
}

/// `payroll week`: shows the week, or sets the cells given. A cell compares with the week as it
/// is read here, just before saving; cells that could not be saved are listed and the command
/// exits 1, the others saved.
pub fn week(app: &mut App, out: &Output, args: WeekArgs) -> Result<Outcome, AppError> {
    let names: Vec<(String, String)> = app
        .list_employees()?
        .into_iter()
        .map(|e| (e.member_id, e.name))
        .collect();
    let now = app.work_week(&args.week)?;
    if args.cells.is_empty() {
        out.print(&now, || week_text(&now, &names));
        return Ok(Outcome::Done);
    }
    let member = member_id(app, args.who.as_deref().unwrap_or_default())?;
    let cells: Vec<WorkCellInput> = args
        .cells
        .into_iter()
        .map(|c| {
            let was = now
                .cells
                .iter()
                .find(|w| {
                    w.member_id == member
                        && w.date == c.date.trim()
                        && w.kind == c.kind.trim()
                        && (c.kind.trim() != "pieces" || w.work == c.work.trim())
                })
                .map(|w| w.quantity.clone())
                .unwrap_or_default();
            WorkCellInput {
                member_id: member.clone(),
                was,
                ..c
            }
        })
        .collect();
    let saved = app.save_work_week(&WorkWeekInput {
        week_start: args.week,
        cells,
    })?;
    out.print(&saved, || {
        let mut text = vec![format!(
            "saved {} cells, {} unchanged",
            saved.saved, saved.unchanged
        )];
        for p in &saved.problems {
            text.push(format!(
                "not saved: {} {}{}: {}",
                p.date,
                p.kind,
                if p.work.is_empty() {
                    String::new()
                } else {
                    format!(" {}", p.work)
                },
                p.issue.message
            ));
        }
        text.join("\n")
    });
    Ok(if saved.problems.is_empty() {
        Outcome::Done
    } else {
        Outcome::Stopped(format!(
            "{} of the cells were not saved; the others were",
            saved.problems.len()
        ))
    })
}

pub fn payroll(app: &mut App, out: &Output, command: PayrollCommand) -> Result<(), AppError> {
    match command {
        // main dispatches `week` itself for its exit status; this arm keeps the match whole.
        PayrollCommand::Week(args) => {
            week(app, out, args)?;
        }
        PayrollCommand::Payslip {
            month,
            language,
            out: copy_to,
        } => {
            let saved = app.print_payslips(&PayslipRequest {
                month,
                member_ids: Vec::new(),
                language,
            })?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        PayrollCommand::Records { month } => {
            let records = app.list_work(&month)?;
            out.print(&records, || {
                if records.is_empty() {
                    return format!("no work recorded in {month}");
                }
                records
                    .iter()
                    .map(|w| {
                        let what = match (w.quantity.as_str(), w.work.as_str()) {
                            ("", _) => format!("{} ¥{}", w.kind, w.amount),
                            (q, "") => format!("{q} {}", w.kind),
                            (q, work) => format!("{q} {work}"),
                        };
                        let lock = if w.locked { " (approved)" } else { "" };
                        format!("{} {} {}: {what} {}{lock}", w.id, w.date, w.name, w.note)
                            .trim_end()
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        PayrollCommand::DeleteRecord { id } => {
            app.delete_work(&id)?;
            out.print(&id, || format!("deleted {id}"));
        }
        PayrollCommand::Year {
            year,
            xlsx: Some(target),
            ..
        } => {
            let saved = app.export_pay_year_xlsx(year)?;
            print_saved(out, &saved, Some(&target))?;
        }
        PayrollCommand::Year {
            year,
            csv: Some(target),
            xlsx: None,
        } => {
            let saved = app.export_pay_year_csv(year)?;
            print_saved(out, &saved, Some(&target))?;
        }
        PayrollCommand::Year {
            year,
            csv: None,
            xlsx: None,
        } => {
            let y = app.pay_year(year)?;
            out.print(&y, || {
                let mut text: Vec<String> = y
                    .employees
                    .iter()
                    .map(|e| {
                        format!(
                            "{}: {} months, gross ¥{}, tax ¥{}, net ¥{}, paid ¥{}",
                            e.name, e.months, e.gross, e.tax, e.net, e.paid
                        )
                    })
                    .collect();
                text.push(format!(
                    "{}: gross ¥{}, tax ¥{}, net ¥{}",
                    y.year, y.gross, y.tax, y.net
                ));
                text.join("\n")
            });
        }
        PayrollCommand::Approve { month } => {
            let p = app.approve_payroll(&month)?;
            out.print(&p, || {
                format!(
                    "approved {}: {} payslips, net ¥{}",
                    p.month,
                    p.payslips.len(),
                    p.net
                )
            });
        }
        PayrollCommand::Pay {
            who,
            month,
            amount,
            method,
            date,
        } => {
            let member_id = member_id(app, &who)?;
            let p = app.pay_payslip(&PayInput {
                month,
                member_id,
                amount,
                method,
                paid_on: date,
            })?;
            out.print(&p, || format!("paid; {} net ¥{}", p.month, p.net));
        }
        PayrollCommand::Preview { month } => {
            let p = app.preview_payroll(&month)?;
            out.print(&p, || {
                let mut text = vec![format!(
                    "{} ({})",
                    p.month,
                    if p.approved { "approved" } else { "draft" }
                )];
                for slip in &p.payslips {
                    text.push(format!(
                        "{}: gross ¥{}, tax ¥{}, advances ¥{}, deductions ¥{}, net ¥{}",
                        slip.name, slip.gross, slip.tax, slip.advances, slip.deductions, slip.net
                    ));
                    for l in &slip.lines {
                        text.push(format!("  {}", l.explanation));
                    }
                    if !slip.tax_explanation.is_empty() {
                        text.push(format!("  {}", slip.tax_explanation));
                    }
                }
                text.push(format!(
                    "total gross ¥{}, tax ¥{}, net ¥{}",
                    p.gross, p.tax, p.net
                ));
                text.join("\n")
            });
        }
    }
    Ok(())
}
