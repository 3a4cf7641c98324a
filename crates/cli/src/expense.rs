//! `expense ...`: the shop's cost book (platform fees, advertising, electricity, the vehicle,
//! equipment, other).

use clap::{Args, Subcommand};
use farmstall_app::expenses::{ExpenseDto, ExpenseInput, ExpensePage, ExpenseQuery};
use farmstall_app::{App, AppError};

use crate::output::{page_text, Output};

#[derive(Subcommand, Debug)]
pub enum ExpenseCommand {
    /// Record an expense
    Add(AddArgs),
    /// A month's expenses, newest first, and what was spent by category
    List(ListArgs),
    /// Void an expense entered by mistake (kept, no longer counted)
    Void { id: String },
    /// Count a voided expense again
    Restore { id: String },
}

impl ExpenseCommand {
    pub fn writes(&self) -> bool {
        !matches!(self, ExpenseCommand::List(_))
    }
}

#[derive(Args, Debug)]
pub struct AddArgs {
    /// The day it was spent, YYYY-MM-DD (not after today)
    #[arg(long)]
    date: String,
    /// platform_fees, advertising, electricity, vehicle, equipment or other
    #[arg(long)]
    category: String,
    /// Yuan, at most 2 decimals
    #[arg(long)]
    amount: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// YYYY-MM (default this month)
    #[arg(long, default_value = "")]
    month: String,
    /// Only this category
    #[arg(long, default_value = "")]
    category: String,
    /// Include voided expenses
    #[arg(long)]
    all: bool,
    #[arg(long, default_value_t = 200)]
    limit: u32,
    #[arg(long, default_value_t = 0)]
    offset: u32,
}

fn line(e: &ExpenseDto) -> String {
    format!(
        "{}  {}  {:<13} ¥{}{}{}",
        e.id,
        e.spent_on,
        e.category,
        e.amount,
        if e.note.is_empty() {
            String::new()
        } else {
            format!("  {}", e.note)
        },
        if e.voided { "  (voided)" } else { "" }
    )
}

fn page_lines(page: &ExpensePage, offset: u32) -> String {
    let mut text = vec![page_text(page.items.iter().map(line), page.total, offset)];
    text.push(format!("spent from {} to {}:", page.from, page.to));
    for t in &page.totals {
        text.push(format!("  {:<13} ¥{}", t.category, t.amount));
    }
    text.push(format!("  {:<13} ¥{}", "total", page.sum));
    text.join("\n")
}

pub fn run(app: &mut App, out: &Output, command: ExpenseCommand) -> Result<(), AppError> {
    match command {
        ExpenseCommand::Add(a) => {
            let e = app.add_expense(&ExpenseInput {
                spent_on: a.date,
                category: a.category,
                amount: a.amount,
                note: a.note,
            })?;
            out.print(&e, || format!("added {}", line(&e)));
        }
        ExpenseCommand::List(a) => {
            let page = app.list_expenses(&ExpenseQuery {
                month: a.month,
                category: a.category,
                include_voided: a.all,
                limit: a.limit,
                offset: a.offset,
                ..ExpenseQuery::default()
            })?;
            out.print(&page, || page_lines(&page, a.offset));
        }
        ExpenseCommand::Void { id } => {
            let e = app.void_expense(&id)?;
            out.print(&e, || format!("voided {}", line(&e)));
        }
        ExpenseCommand::Restore { id } => {
            let e = app.restore_expense(&id)?;
            out.print(&e, || format!("restored {}", line(&e)));
        }
    }
    Ok(())
}
