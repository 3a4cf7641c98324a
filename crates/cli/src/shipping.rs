//! Shipping and printing outside an order: `waybill-range ...`, `ship-scan`, `print`, `printers`.

use clap::{Args, Subcommand};
use farmstall_app::waybills::WaybillRangeInput;
use farmstall_app::{App, AppError};

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum RangeCommand {
    /// Ranges with how many numbers are left
    List,
    /// Numbers FIRST to LAST of a courier (same letters in front, same length)
    Add {
        #[arg(long)]
        courier: String,
        #[arg(long)]
        first: String,
        #[arg(long)]
        last: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Args, Debug)]
pub struct ShipScanArgs {
    /// A waybill, or the order number the label's QR code holds
    code: String,
}

/// Ships the packed order a scanned code names, and says how many shipped today.
pub fn ship_scan(app: &mut App, out: &Output, a: ShipScanArgs) -> Result<(), AppError> {
    let s = app.ship_scanned(&a.code)?;
    out.print(&s, || {
        format!(
            "shipped: {}  {} {}  ({} today)",
            s.order.number,
            s.order.courier.as_deref().unwrap_or("-"),
            s.order.waybill.as_deref().unwrap_or("-"),
            s.shipped_today
        )
    });
    Ok(())
}

#[derive(Args, Debug)]
pub struct PrintArgs {
    path: String,
    /// Printer name (default: the system's default printer)
    #[arg(long, default_value = "")]
    printer: String,
}

pub fn waybill_range(app: &mut App, out: &Output, command: RangeCommand) -> Result<(), AppError> {
    match command {
        RangeCommand::List => {
            let ranges = app.list_waybill_ranges()?;
            out.print(&ranges, || {
                ranges
                    .iter()
                    .map(|r| {
                        format!(
                            "{} {} – {}: {} left{}",
                            r.courier,
                            r.first,
                            r.last,
                            r.left,
                            r.next
                                .as_deref()
                                .map(|n| format!(", next {n}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        RangeCommand::Add {
            courier,
            first,
            last,
            note,
        } => {
            let r = app.add_waybill_range(&WaybillRangeInput {
                courier,
                first,
                last,
                note,
            })?;
            out.print(&r, || {
                format!(
                    "added {} {} – {}: {} numbers",
                    r.courier, r.first, r.last, r.left
                )
            });
        }
    }
    Ok(())
}

pub fn print(app: &mut App, out: &Output, a: PrintArgs) -> Result<(), AppError> {
    let job = app.print_document(&a.path, &a.printer)?;
    out.print(&job, || format!("sent to {}: job {}", job.printer, job.job));
    Ok(())
}

pub fn printers(out: &Output) {
    let printers = farmstall_app::printing::list_printers();
    out.print(&printers, || {
        if printers.is_empty() {
            return "no printers (is CUPS installed and a printer set up?)".to_string();
        }
        printers
            .iter()
            .map(|p| format!("{}{}", p.name, if p.is_default { " (default)" } else { "" }))
            .collect::<Vec<_>>()
            .join("\n")
    });
}
