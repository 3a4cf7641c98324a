//! `today` and `report sales|profit`: what needs doing this morning, what the shop sold, and the
//! month's profit and loss.

use clap::{Args, Subcommand};
use farmstall_app::sales::{SalesFigures, SalesQuery, SalesReport};
use farmstall_app::{App, AppError};

use crate::output::{sanitize, Output};

#[derive(Subcommand, Debug)]
pub enum ReportCommand {
    /// Sales and gross profit --by day|week|month|year|product|channel|province|city
    Sales(SalesArgs),
    /// The month's profit and loss: revenue less refunds, costs, spoilage, wages and expenses
    Profit {
        /// YYYY-MM; default this month
        #[arg(long, default_value = "")]
        month: String,
    },
}

#[derive(Args, Debug)]
pub struct SalesArgs {
    #[arg(long, default_value = "month")]
    by: String,
    /// First day, YYYY-MM-DD (default: a year before --to)
    #[arg(long, default_value = "")]
    from: String,
    /// Last day, YYYY-MM-DD (default: today)
    #[arg(long, default_value = "")]
    to: String,
}

pub fn run(app: &mut App, out: &Output, command: ReportCommand) -> Result<(), AppError> {
    match command {
        ReportCommand::Sales(a) => {
            let report = app.sales_report(&SalesQuery {
                by: a.by,
                from: a.from,
                to: a.to,
            })?;
            out.print(&report, || sales_text(&report));
        }
        ReportCommand::Profit { month } => {
            let p = app.profit_statement(&month)?;
            out.print(&p, || {
                let mut text = format!("profit and loss {} ({} to {})\n", p.month, p.from, p.to);
                for l in &p.lines {
                    let sign = if l.code == "revenue" { " " } else { "-" };
                    text.push_str(&format!(
                        "  {:<24} {sign}{:>12}  ({} records)\n",
                        sanitize(&l.code),
                        l.amount,
                        l.records
                    ));
                }
                text.push_str(&format!("  {:<24}  {:>12}", "profit", p.profit));
                if !p.wages_approved {
                    text.push_str("\n  (the month's pay is not approved: wages are not in yet)");
                }
                if p.partial {
                    text.push_str("\n  (the month is not over)");
                }
                text
            });
        }
    }
    Ok(())
}

fn figures_text(f: &SalesFigures) -> String {
    format!(
        "{:>6} orders {:>10} units  revenue {:>12}  refunds {:>10}  gross profit {:>12}  margin {}",
        f.orders,
        f.units,
        f.revenue,
        f.refunds,
        f.gross_profit,
        if f.margin.is_empty() {
            "-".to_string()
        } else {
            format!("{}%", f.margin)
        }
    )
}

fn sales_text(r: &SalesReport) -> String {
    if r.rows.is_empty() {
        return format!("no sales from {} to {}", r.from, r.to);
    }
    let mut text = format!("sales by {} from {} to {}\n", r.by, r.from, r.to);
    for row in &r.rows {
        let name = match r.by.as_str() {
            "product" => row.parent.clone(),
            "city" => format!("{} {}", row.parent, row.key),
            _ => row.key.clone(),
        };
        text.push_str(&format!(
            "  {:<20} {}\n",
            sanitize(&name),
            figures_text(&row.figures)
        ));
    }
    text.push_str(&format!("  {:<20} {}", "total", figures_text(&r.total)));
    text
}

pub fn today(app: &mut App, out: &Output) -> Result<(), AppError> {
    let t = app.today()?;
    out.print(&t, || {
        let mut lines = vec![format!("today {}", t.today)];
        lines.push(match t.oldest_to_ship_hours {
            Some(hours) => format!(
                "  to ship: {} orders, the oldest paid {hours} hours ago, {} past their ship-by time",
                t.to_ship, t.overdue
            ),
            None => "  to ship: nothing waits".to_string(),
        });
        lines.push(format!(
            "  expiring within 3 days: {} lots",
            t.expiring_count
        ));
        for l in &t.expiring {
            lines.push(format!(
                "    {} {} best before {} ({} days): {} {} left, {}",
                sanitize(&l.product_name),
                sanitize(&l.grade),
                l.best_before,
                l.days_left,
                l.available,
                sanitize(&l.stock_unit),
                l.suggestion.replace('_', " ")
            ));
        }
        lines.push(format!("  below reorder point: {} products", t.low_stock));
        lines.push(match &t.longest_owed {
            Some(o) => format!(
                "  owed to farmers: {} to {} farmers; {} has waited {} days (since {}) for {}",
                t.owed,
                t.owed_farmers,
                sanitize(&o.farmer_name),
                o.days,
                o.since,
                o.balance
            ),
            None => "  owed to farmers: nothing".to_string(),
        });
        if !t.work_missing.is_empty() {
            lines.push(format!(
                "  no work recorded this week for: {}",
                t.work_missing
                    .iter()
                    .map(|n| sanitize(n))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        lines.push(format!("  today:      {}", figures_text(&t.sales_today)));
        lines.push(format!("  this month: {}", figures_text(&t.sales_month)));
        lines.push(format!(
            "  sync: {} waiting, {} parked, {} alerts{}",
            t.sync.pending,
            t.sync.parked,
            t.sync.alerts,
            if t.sync.last_error.is_empty() {
                String::new()
            } else {
                format!("; last round failed: {}", sanitize(&t.sync.last_error))
            }
        ));
        lines.join("\n")
    });
    Ok(())
}

#[derive(Args, Debug)]
pub struct ForecastArgs {
    /// One product's id (default: every product that sold in the last year)
    #[arg(long, default_value = "")]
    product: String,
    /// Print, per product and overall, MASE and wMAPE on the held-back weeks for the chosen
    /// method, seasonal naive and naive
    #[arg(long)]
    backtest: bool,
}

pub fn forecast(app: &mut App, out: &Output, a: ForecastArgs) -> Result<(), AppError> {
    let report = app.forecast(&a.product)?;
    out.print(&report, || {
        let mut lines = Vec::new();
        if report.products.is_empty() {
            return "no product sold in the last year: there is nothing to forecast".to_string();
        }
        let m = |x: &farmstall_app::forecast::MetricsDto| format!("{:>7.3} {:>7.3}", x.mase, x.wmape);
        if a.backtest {
            lines.push(format!(
                "{:<34} {:<15} {:>15} {:>15} {:>15}",
                "product", "method", "chosen mase/wmape", "seasonal naive", "naive"
            ));
        } else {
            lines.push(format!("forecast from the week of {}", report.first_week));
        }
        for p in &report.products {
            let name = sanitize(&p.product_name);
            match (&p.backtest, a.backtest) {
                (Some(b), true) => lines.push(format!(
                    "{name:<34} {:<15} {} {} {}",
                    p.method,
                    m(&b.chosen),
                    m(&b.seasonal_naive),
                    m(&b.naive)
                )),
                (Some(_), false) => lines.push(format!(
                    "{name} ({}, {}, {}): {}",
                    p.method,
                    p.confidence,
                    sanitize(&p.stock_unit),
                    p.weeks
                        .iter()
                        .map(|w| format!("{} [{}-{}]", w.units, w.low, w.high))
                        .collect::<Vec<_>>()
                        .join("  ")
                )),
                (None, _) => lines.push(format!("{name}: {}", sanitize(&p.not_enough))),
            }
        }
        if let Some(o) = &report.overall {
            lines.push(format!(
                "overall ({} products): chosen mase {:.3} wmape {:.3}; seasonal naive mase {:.3} wmape {:.3}; naive mase {:.3} wmape {:.3}",
                o.products,
                o.chosen.mase,
                o.chosen.wmape,
                o.seasonal_naive.mase,
                o.seasonal_naive.wmape,
                o.naive.mase,
                o.naive.wmape
            ));
        }
        lines.join("\n")
    });
    Ok(())
}

pub fn plan(app: &mut App, out: &Output, safety: &str) -> Result<(), AppError> {
    let plan = app.purchase_plan(safety)?;
    out.print(&plan, || {
        if plan.rows.is_empty() {
            return "nothing bought from farmers sold in the last year: there is nothing to plan"
                .to_string();
        }
        let mut lines = vec![format!(
            "what to buy this week (safety margin {}%)",
            plan.safety_percent
        )];
        for r in &plan.rows {
            if !r.not_enough.is_empty() {
                lines.push(format!(
                    "  {}: {}",
                    sanitize(&r.product_name),
                    sanitize(&r.not_enough)
                ));
                continue;
            }
            let unit = sanitize(&r.stock_unit);
            let from = r
                .suppliers
                .iter()
                .map(|s| {
                    format!(
                        "{} ({} {} at {}/{unit})",
                        sanitize(&s.farmer_name),
                        s.last_on,
                        sanitize(&s.grade),
                        s.unit_price
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            lines.push(format!(
                "  {}: buy {} {unit} (sells {} in {} days, {} on hand, {} promised, +{} safety; {}{}){}",
                sanitize(&r.product_name),
                r.suggested,
                r.demand,
                r.days,
                r.on_hand,
                r.promised,
                r.safety,
                r.confidence,
                r.cover_days
                    .map(|d| format!("; the free stock lasts {d} days"))
                    .unwrap_or_default(),
                if from.is_empty() {
                    String::new()
                } else {
                    format!("; from {from}")
                }
            ));
        }
        lines.join("\n")
    });
    Ok(())
}
