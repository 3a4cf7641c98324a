//! `farmer ...`, and what the shop owes farmers: `owed`, `pay`, `statement`.

use clap::{Args, Subcommand};
use farmstall_app::dto::{FarmerDto, FarmerInput, FarmerPage, ListQuery};
use farmstall_app::statement::StatementQuery;
use farmstall_app::stock::{FarmerBalance, PaymentInput};
use farmstall_app::{App, AppError};

use crate::output::{archived, or_dash, page_text, Output};
use crate::ListArgs;

#[derive(Subcommand, Debug)]
pub enum FarmerCommand {
    List(ListArgs),
    Show {
        id: String,
    },
    Add(FarmerArgs),
    /// Change a farmer; fields not given keep their current values
    Edit {
        id: String,
        #[command(flatten)]
        fields: FarmerArgs,
    },
    Archive {
        id: String,
    },
    Restore {
        id: String,
    },
}

impl FarmerCommand {
    pub fn writes(&self) -> bool {
        !matches!(self, FarmerCommand::List(_) | FarmerCommand::Show { .. })
    }
}

#[derive(Args, Debug)]
pub struct FarmerArgs {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    village: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    payment_notes: Option<String>,
    #[arg(long)]
    remarks: Option<String>,
}

impl FarmerArgs {
    fn over(self, base: FarmerInput) -> FarmerInput {
        FarmerInput {
            name: self.name.unwrap_or(base.name),
            village: self.village.unwrap_or(base.village),
            phone: self.phone.unwrap_or(base.phone),
            payment_notes: self.payment_notes.unwrap_or(base.payment_notes),
            remarks: self.remarks.unwrap_or(base.remarks),
        }
    }
}

#[derive(Args, Debug)]
pub struct PayArgs {
    farmer: String,
    /// Yuan
    #[arg(long)]
    amount: String,
    /// cash, wechat, alipay or bank
    #[arg(long, default_value = "wechat")]
    method: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args, Debug)]
pub struct StatementArgs {
    #[arg(long)]
    farmer: String,
    /// YYYY-MM-DD (default: the first of this month)
    #[arg(long, default_value = "")]
    from: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    to: String,
    /// zh-CN (default) or en
    #[arg(long, default_value = "")]
    language: String,
    #[arg(long)]
    pub pdf: bool,
}

fn farmer_line(f: &FarmerDto) -> String {
    format!(
        "{}  {}  {}  {}  {}  {}",
        f.id,
        f.name,
        or_dash(&f.village),
        or_dash(&f.phone),
        or_dash(&f.payment_notes),
        archived(f.archived)
    )
}

pub fn run(app: &mut App, out: &Output, cmd: FarmerCommand) -> Result<(), AppError> {
    match cmd {
        FarmerCommand::List(args) => {
            let page: FarmerPage = app.list_farmers(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(farmer_line), page.total, args.offset)
            });
        }
        FarmerCommand::Show { id } => {
            let f = app.get_farmer(&id)?;
            out.print(&f, || {
                format!("{}\nremarks: {}", farmer_line(&f), or_dash(&f.remarks))
            });
        }
        FarmerCommand::Add(fields) => {
            let f = app.create_farmer(&fields.over(FarmerInput::default()))?;
            out.print(&f, || format!("added {}", farmer_line(&f)));
        }
        FarmerCommand::Edit { id, fields } => {
            let base = FarmerInput::from(&app.get_farmer(&id)?);
            let f = app.update_farmer(&id, &fields.over(base))?;
            out.print(&f, || format!("saved {}", farmer_line(&f)));
        }
        FarmerCommand::Archive { id } => {
            let f = app.archive_farmer(&id)?;
            out.print(&f, || format!("archived {}", farmer_line(&f)));
        }
        FarmerCommand::Restore { id } => {
            let f = app.restore_farmer(&id)?;
            out.print(&f, || format!("restored {}", farmer_line(&f)));
        }
    }
    Ok(())
}

fn balance_line(b: &FarmerBalance) -> String {
    format!(
        "{}  {} ({})  owed ¥{}  paid ¥{}  still owed ¥{}",
        b.farmer_id,
        b.farmer_name,
        or_dash(&b.village),
        b.owed,
        b.paid,
        b.balance
    )
}

/// `owed`: what the shop owes each farmer.
pub fn owed(app: &mut App, out: &Output, args: ListArgs) -> Result<(), AppError> {
    let page = app.farmer_balances(&ListQuery::from(&args))?;
    out.print(&page, || {
        page_text(page.items.iter().map(balance_line), page.total, args.offset)
    });
    Ok(())
}

/// `pay FARMER --amount`: a payment to a farmer.
pub fn pay(app: &mut App, out: &Output, a: PayArgs) -> Result<(), AppError> {
    let b = app.record_payment(&PaymentInput {
        farmer_id: a.farmer,
        amount: a.amount,
        method: a.method,
        paid_on: a.date,
        note: a.note,
    })?;
    out.print(&b, || format!("paid; {}", balance_line(&b)));
    Ok(())
}

/// `statement --farmer`: the period's statement, as text or a saved PDF.
pub fn statement(app: &mut App, out: &Output, a: StatementArgs) -> Result<(), AppError> {
    let query = StatementQuery {
        farmer_id: a.farmer,
        from: a.from,
        to: a.to,
        language: a.language,
    };
    if a.pdf {
        let saved = app.save_farmer_statement(&query)?;
        out.print(&saved, || format!("saved {}", saved.path));
        return Ok(());
    }
    let st = app.farmer_statement(&query)?;
    out.print(&st, || {
        let mut text = vec![format!(
            "{} from {} to {}: owed at the start ¥{}",
            st.farmer_name, st.from, st.to, st.opening_balance
        )];
        for l in &st.lines {
            text.push(format!(
                "  {}  {:<50}  bought {:>10}  paid {:>10}  owed {:>10}",
                l.date,
                l.description,
                l.purchased.as_deref().unwrap_or("-"),
                l.paid.as_deref().unwrap_or("-"),
                l.balance
            ));
        }
        text.push(format!(
            "bought ¥{}, paid ¥{}, owed at the end ¥{}",
            st.total_purchased, st.total_paid, st.closing_balance
        ));
        text.join("\n")
    });
    Ok(())
}
