//! `import ...` and `export shipments`: orders from the platforms' export files, the mappings
//! from platform lines to products, and the bulk-shipping file back to a platform.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use farmstall_app::imports::InputFile;
use farmstall_app::imports::{
    ImportMappingInput, ImportOptions, ImportReport, ShipmentExportInput,
};
use farmstall_app::{App, AppError};

use crate::output::{sanitize, warn, Output};

#[derive(Subcommand, Debug)]
pub enum ImportCommand {
    /// Import orders from a platform's export files (the Taobao pair: both files at once).
    /// Shows what it does; --dry-run shows it without writing anything
    Orders(OrdersArgs),
    /// Say which product a platform line sells: by its 商家编码, or its title (as `import orders`
    /// shows the key); --per is how many of the product's sale units one platform piece holds
    Map {
        /// The 商家编码, or the title (and SKU text) as the import shows it
        key: String,
        #[arg(long, value_name = "ID")]
        product: String,
        #[arg(long, value_name = "QUANTITY", default_value = "1")]
        per: String,
    },
    /// The mappings from platform lines to products
    Mappings,
    /// Orders from files held until a line is mapped or a joined order is split
    Held,
}

#[derive(Args, Debug)]
pub struct OrdersArgs {
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// auto (recognised from the header row), taobao, pinduoduo or douyin
    #[arg(long, default_value = "auto")]
    platform: String,
    /// Show what the import would do without writing anything
    #[arg(long)]
    dry_run: bool,
    /// Orders closed or never paid before this day (YYYY-MM-DD) are skipped. Orders the platform
    /// already shows shipped or finished, and not here, are sales history (no stock) whatever the day
    #[arg(long, value_name = "DATE", default_value = "")]
    history_before: String,
}

impl ImportCommand {
    pub fn writes(&self) -> bool {
        match self {
            ImportCommand::Orders(args) => !args.dry_run,
            ImportCommand::Map { .. } => true,
            ImportCommand::Mappings | ImportCommand::Held => false,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum ExportCommand {
    /// The bulk-shipping file for a platform: its orders shipped here and not yet told to it
    /// (CSV in the platform's encoding, or XLSX when FILE ends in .xlsx)
    Shipments {
        #[arg(long)]
        platform: String,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Reads each file whole; one that cannot be read is named.
fn read_files(paths: &[PathBuf]) -> Result<Vec<InputFile>, AppError> {
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path)
                .map_err(|e| AppError::Conflict(format!("cannot read {}: {e}", path.display())))?;
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            Ok(InputFile { name, bytes })
        })
        .collect()
}

fn report_text(r: &ImportReport) -> String {
    let mut lines = vec![format!(
        "{} {} orders from {} ({}): {} new, {} history, {} changed, {} unchanged, {} held, {} refused, {} ignored{}{}",
        if r.applied { "imported" } else { "would import" },
        r.orders,
        r.platform,
        r.files.join(", "),
        r.new,
        r.history,
        r.changed,
        r.unchanged,
        r.held,
        r.refused,
        r.ignored,
        if r.confirmed > 0 { format!(", {} shipments confirmed", r.confirmed) } else { String::new() },
        if r.alerts > 0 { format!(", {} alerts", r.alerts) } else { String::new() },
    )];
    for row in &r.rows {
        if row.outcome == "unchanged" && row.note.is_empty() {
            continue;
        }
        lines.push(format!(
            "  {:<9} {}  {}{}  {}{}",
            row.outcome,
            row.platform_order_id,
            if row.number.is_empty() {
                String::new()
            } else {
                format!("{}  ", row.number)
            },
            if row.from.is_empty() || row.from == row.to {
                row.to.clone()
            } else {
                format!("{} -> {}", row.from, row.to)
            },
            row.lines,
            if row.note.is_empty() {
                String::new()
            } else {
                format!("  ({})", row.note)
            },
        ));
    }
    if r.rows.len() < r.orders as usize {
        lines.push(format!("  ... {} more", r.orders as usize - r.rows.len()));
    }
    for p in &r.problems {
        lines.push(format!(
            "  problem   {} row {} column {}: {}",
            p.file, p.row, p.column, p.detail
        ));
    }
    if !r.unmapped.is_empty() {
        lines.push("lines no product is named for (say it once: farmstall import map KEY --product ID --per N):".into());
        for u in &r.unmapped {
            lines.push(format!("  {}  ({} orders)", u.key, u.orders));
        }
    }
    sanitize(&lines.join("\n"))
}

pub fn run(app: &mut App, out: &Output, command: ImportCommand) -> Result<(), AppError> {
    match command {
        ImportCommand::Orders(args) => {
            let files = read_files(&args.files)?;
            let options = ImportOptions {
                platform: args.platform,
                history_before: args.history_before,
            };
            let report = if args.dry_run {
                app.preview_import(&files, &options)?
            } else {
                let mut last = 0;
                app.import_orders(&files, &options, &mut |done, total| {
                    // Progress on stderr, so stdout stays the report.
                    if total >= 1000 && (done == total || done >= last + 5000) {
                        last = done;
                        warn(&format!("imported {done} of {total} orders"));
                    }
                })?
            };
            out.print(&report, || report_text(&report));
        }
        ImportCommand::Map { key, product, per } => {
            let saved = app.save_import_mapping(&ImportMappingInput {
                key,
                product_id: product,
                per,
            })?;
            out.print(&saved, || {
                sanitize(&format!(
                    "{} = {} x {} {}{}",
                    saved.mapping.key,
                    saved.mapping.per,
                    saved.mapping.product_name,
                    saved.mapping.sale_unit,
                    if saved.released > 0 {
                        format!("; {} held orders came in", saved.released)
                    } else {
                        String::new()
                    }
                ))
            });
        }
        ImportCommand::Mappings => {
            let mappings = app.import_mappings()?;
            out.print(&mappings, || {
                sanitize(
                    &mappings
                        .iter()
                        .map(|m| {
                            format!(
                                "{}  = {} x {} ({})",
                                m.key, m.per, m.product_name, m.product_id
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            });
        }
        ImportCommand::Held => {
            let held = app.held_imports()?;
            out.print(&held, || {
                sanitize(
                    &held
                        .iter()
                        .map(|h| {
                            format!(
                                "{} {}  waits for a {}: {}",
                                h.source, h.platform_order_id, h.waits_for, h.reason
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            });
        }
    }
    Ok(())
}

pub fn export(app: &mut App, out: &Output, command: ExportCommand) -> Result<(), AppError> {
    match command {
        ExportCommand::Shipments {
            platform,
            out: path,
        } => {
            let format = if path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            {
                "xlsx"
            } else {
                "csv"
            };
            let input = ShipmentExportInput {
                platform,
                format: format.into(),
            };
            let written = app.export_shipments_with(&input, &mut |bytes, _| {
                std::fs::write(&path, bytes).map_err(|e| {
                    AppError::Conflict(format!("cannot write {}: {e}", path.display()))
                })?;
                Ok(path.display().to_string())
            })?;
            out.print(&written, || {
                sanitize(&format!(
                    "{} orders written to {} ({} bytes)",
                    written.orders, written.path, written.bytes
                ))
            });
        }
    }
    Ok(())
}
