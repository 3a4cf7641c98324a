//! Use cases: packing slips for packed orders, and sending saved documents to a printer.
//!
//! Every printed document is first saved under `documents/` in the data folder (so nothing
//! printed is lost and any of it can be printed again); printing hands that file to CUPS (`lp`),
//! where CUPS is installed. Without CUPS the documents open in the system viewer instead.

use std::path::{Path, PathBuf};
use std::process::Command;

use farmstall_documents as documents;
use farmstall_domain::order::OrderState;
use farmstall_domain::{FieldError, Rule, Unit};
use farmstall_store::{shop, stock};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::shipping::orders_named;
use crate::statement::SavedDocument;
use crate::stock::milli_text;
use crate::{App, AppError, Result};

/// A CUPS printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Printer {
    pub name: String,
    pub is_default: bool,
}

/// A document handed to a printer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintJob {
    pub printer: String,
    /// What CUPS calls the job, e.g. `HP-1020-17`.
    pub job: String,
}

/// Where the CUPS programs are: `FARMSTALL_CUPS_BIN` when set (tests), else the `PATH`.
fn cups(program: &str) -> Command {
    match std::env::var_os("FARMSTALL_CUPS_BIN") {
        Some(dir) => Command::new(PathBuf::from(dir).join(program)),
        None => Command::new(program),
    }
}

fn no_printer(detail: &str) -> AppError {
    AppError::from(FieldError::new(
        "printer",
        Rule::NoPrinter,
        format!(
            "printer: {detail}; open the document in the viewer and print from there, or set up \
             a printer in the system's printer settings (CUPS)"
        ),
    ))
}

/// `path` as a canonical path when it lies inside `root` (links followed), else `None`.
fn inside(path: &Path, root: &Path) -> Option<PathBuf> {
    let path = std::fs::canonicalize(path).ok()?;
    let root = std::fs::canonicalize(root).ok()?;
    path.starts_with(root).then_some(path)
}

/// A part of a file name made from text that came from a person or a platform (a member's
/// name, an order number): letters and digits of any script, `-`, `_` and `.` between them are
/// kept, everything else (path separators, control characters, spaces) becomes `_`; at most 60
/// characters, never empty, never only dots.
pub(crate) fn file_part(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    // No leading dot (hidden files, `..`), no trailing dot (Windows drops it).
    while out.starts_with('.') {
        out.replace_range(0..1, "_");
    }
    while out.ends_with('.') {
        out.pop();
        out.push('_');
    }
    if out.is_empty() {
        out.push('_');
    }
    out
}

/// Printers CUPS knows, the default first; empty when CUPS is not installed.
pub fn list_printers() -> Vec<Printer> {
    let Ok(out) = cups("lpstat").args(["-e"]).output() else {
        return Vec::new();
    };
    if !out.status.success() {
        return Vec::new();
    }
    let default = cups("lpstat")
        .arg("-d")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .and_then(|text| {
            // "system default destination: HP-1020"
            text.lines()
                .find_map(|l| l.split_once(": ").map(|(_, name)| name.trim().to_string()))
        });
    let mut printers: Vec<Printer> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|name| Printer {
            name: name.to_string(),
            is_default: default.as_deref() == Some(name),
        })
        .collect();
    printers.sort_by_key(|p| !p.is_default);
    printers
}

impl App {
    /// Saves `bytes` as `documents/<folder>/<stem>-<local time>.<extension>`, never over an
    /// existing file: a second document of the same name in the same instant gets `-2`, `-3`, …
    /// The stem is made safe for a file name first ([`file_part`]: names typed by people and
    /// order numbers from platforms end up in it), and the path is proven to lie inside
    /// `documents/` before anything is written.
    pub(crate) fn save_document(
        &self,
        folder: &'static str,
        stem: &str,
        extension: &'static str,
        bytes: &[u8],
    ) -> Result<SavedDocument> {
        save_document_at(
            &self.documents_dir(),
            self.clock.now(),
            folder,
            stem,
            extension,
            bytes,
        )
    }
}

/// [`App::save_document`] with the documents folder and the instant given, for a use case that
/// writes its document inside its transaction (the document first, then what it marks).
pub(crate) fn save_document_at(
    root: &std::path::Path,
    now: chrono::DateTime<chrono::Utc>,
    folder: &'static str,
    stem: &str,
    extension: &'static str,
    bytes: &[u8],
) -> Result<SavedDocument> {
    {
        let root = root.to_path_buf();
        let dir = root.join(folder);
        std::fs::create_dir_all(&dir).map_err(|e| {
            AppError::Conflict(format!("cannot create the folder {}: {e}", dir.display()))
        })?;
        // The folder is named in code, but may be a link someone made to elsewhere.
        if inside(&dir, &root).is_none() {
            return Err(AppError::Conflict(format!(
                "the folder {} is not inside {}: nothing was saved",
                dir.display(),
                root.display()
            )));
        }
        let local = now.with_timezone(&farmstall_domain::clock::shanghai());
        let base = format!("{}-{}", file_part(stem), local.format("%Y%m%d%H%M%S%3f"));
        for n in 1..=1000 {
            let name = if n == 1 {
                format!("{base}.{extension}")
            } else {
                format!("{base}-{n}.{extension}")
            };
            let path = dir.join(name);
            let created = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path);
            let mut file = match created {
                Ok(file) => file,
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => {
                    return Err(AppError::Conflict(format!(
                        "cannot write {}: {e}",
                        path.display()
                    )))
                }
            };
            let written =
                std::io::Write::write_all(&mut file, bytes).and_then(|()| file.sync_all());
            if let Err(e) = written {
                drop(file);
                // A half-written document is worse than none: it would print garbage later.
                let _ = std::fs::remove_file(&path);
                return Err(AppError::Conflict(format!(
                    "cannot write {}: {e}",
                    path.display()
                )));
            }
            return Ok(SavedDocument {
                path: path.display().to_string(),
                bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            });
        }
        Err(AppError::Conflict(format!(
            "too many documents named {base} in {}: nothing was saved",
            dir.display()
        )))
    }
}

impl App {
    /// A file inside the data folder's `documents/`, or a `path` error.
    pub fn saved_document(&self, path: &str) -> Result<PathBuf> {
        let refuse = || {
            AppError::from(FieldError::new(
                "path",
                Rule::NotAllowed,
                "path: only documents Farmstall saved can be printed or opened",
            ))
        };
        inside(Path::new(path), &self.documents_dir())
            .filter(|file| file.is_file())
            .ok_or_else(refuse)
    }

    /// Sends a saved document to a CUPS printer (`""` = the default one).
    pub fn print_document(&self, path: &str, printer: &str) -> Result<PrintJob> {
        let file = self.saved_document(path)?;
        let printers = list_printers();
        if printers.is_empty() {
            return Err(no_printer(
                "no printer is set up (CUPS has none, or is not installed)",
            ));
        }
        let printer = printer.trim();
        let chosen = if printer.is_empty() {
            printers.iter().find(|p| p.is_default).or(printers.first())
        } else {
            printers.iter().find(|p| p.name == printer)
        };
        let Some(chosen) = chosen else {
            return Err(AppError::from(FieldError::new(
                "printer",
                Rule::UnknownRecord,
                format!("printer: there is no printer called {printer}; choose one from the list"),
            )));
        };
        send(&file, &chosen.name)
    }

    /// One packing slip per packed or shipped order (what is in the box, and from which lots),
    /// in one PDF saved under `documents/slips/`.
    pub fn print_packing_slips(&mut self, order_ids: &[String]) -> Result<SavedDocument> {
        let today = self.clock.today();
        let slips = self.store.read(|tx| -> Result<_> {
            let orders = orders_named(tx, order_ids)?;
            let shop_name = shop::get(tx)?
                .map(|s| s.profile.shop_name)
                .unwrap_or_default();
            let mut c = farmstall_domain::Checker::new();
            let mut slips = Vec::new();
            for (i, order) in orders.iter().enumerate() {
                let state = OrderState::parse(&order.state);
                if !matches!(
                    state,
                    Some(OrderState::Packed | OrderState::Shipped | OrderState::Finished)
                ) {
                    let field = format!("orderIds.{i}");
                    c.check::<()>(Err(FieldError::new(
                        &field,
                        Rule::NotAllowed,
                        format!(
                            "{field}: order {} is {}; a packing slip lists what was packed, \
                             so pack it first",
                            order.number, order.state
                        ),
                    )
                    .with("from", order.state.clone())
                    .with("to", "packed")));
                    continue;
                }
                let taken = stock::taken_by(tx, &order.id.to_string())?;
                let mut lots = Vec::new();
                for (lot, milli, _) in taken {
                    lots.push((stock::get_lot(tx, lot)?, milli));
                }
                let lines = order
                    .lines
                    .iter()
                    .map(|l| {
                        let sale = Unit::parse(&l.sale_unit)
                            .map(|u| u.label(true))
                            .unwrap_or_default();
                        let stock_unit = Unit::parse(&l.stock_unit)
                            .map(|u| u.label(true))
                            .unwrap_or_default();
                        let from: Vec<String> = lots
                            .iter()
                            .filter(|(lot, _)| lot.product == l.product)
                            .map(|(lot, milli)| {
                                let who = lot
                                    .farmer_name
                                    .clone()
                                    .unwrap_or_else(|| "自制".to_string());
                                format!(
                                    "批次 {} {who} {}{stock_unit}",
                                    stock::date_text(lot.received_on),
                                    milli_text(*milli)
                                )
                            })
                            .collect();
                        documents::PackingSlipLine {
                            product: l.product_name.clone(),
                            quantity: format!("{} {sale}", milli_text(l.quantity_milli)),
                            lots: from.join("；"),
                        }
                    })
                    .collect();
                let mut note = order.buyer_note.clone();
                if !order.seller_note.is_empty() {
                    if !note.is_empty() {
                        note.push('；');
                    }
                    note.push_str(&order.seller_note);
                }
                slips.push(documents::PackingSlip {
                    shop_name: shop_name.clone(),
                    order_ref: order.number.clone(),
                    recipient_name: order.recipient.name.clone(),
                    date: stock::date_text(today),
                    lines,
                    note,
                });
            }
            c.finish()?;
            Ok(slips)
        })?;
        let bytes = documents::render_packing_slips(&slips)
            .map_err(|e| AppError::Conflict(format!("the packing slips cannot be printed: {e}")))?;
        let stem = match slips.as_slice() {
            [one] => format!("slip-{}", one.order_ref),
            many => format!("slips-{}", many.len()),
        };
        self.save_document("slips", &stem, "pdf", &bytes)
    }
}

fn send(file: &Path, printer: &str) -> Result<PrintJob> {
    let out = cups("lp")
        .args(["-d", printer])
        .arg(file)
        .output()
        .map_err(|e| no_printer(&format!("the print program (lp) could not be started: {e}")))?;
    if !out.status.success() {
        let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
        return Err(AppError::Conflict(format!(
            "the printer {printer} refused the document: {said}"
        )));
    }
    // "request id is HP-1020-17 (1 file(s))"
    let said = String::from_utf8_lossy(&out.stdout);
    let job = said
        .split_whitespace()
        .skip_while(|w| *w != "is")
        .nth(1)
        .unwrap_or("")
        .to_string();
    Ok(PrintJob {
        printer: printer.to_string(),
        job,
    })
}

impl App {
    /// The pick list of a batch of orders as an A4 PDF (what to take from which lots, what is
    /// short), in the app's language, saved under `documents/picklists/`.
    pub fn print_pick_list(
        &mut self,
        query: &crate::shipping::PickListQuery,
    ) -> Result<SavedDocument> {
        let list = self.pick_list(query)?;
        let now = self
            .clock
            .now()
            .with_timezone(&farmstall_domain::clock::shanghai());
        let doc = self.store.read(|tx| -> Result<_> {
            let language = shop::language(tx)?;
            let zh = language == farmstall_domain::Language::ZhCn;
            let shop_name = shop::get(tx)?
                .map(|s| s.profile.shop_name)
                .unwrap_or_default();
            let order_numbers = orders_named(tx, &query.order_ids)?
                .into_iter()
                .map(|o| o.number)
                .collect();
            let mut products = Vec::with_capacity(list.products.len());
            for p in &list.products {
                let unit = Unit::parse(&p.stock_unit)
                    .map(|u| u.label(zh))
                    .unwrap_or_else(|_| p.stock_unit.clone());
                let with_unit = |q: &str| format!("{q} {unit}");
                let mut lots = Vec::with_capacity(p.lots.len());
                for l in &p.lots {
                    let lot = farmstall_domain::Id::parse(&l.lot_id)
                        .ok()
                        .map(|id| stock::get_lot(tx, id))
                        .transpose()?;
                    let who = lot
                        .and_then(|l| l.farmer_name)
                        .unwrap_or_else(|| if zh { "自制" } else { "made here" }.to_string());
                    let label = match (&l.best_before, zh) {
                        (Some(bb), true) => format!("批次 {} {who} · 保质期至 {bb}", l.received_on),
                        (None, true) => format!("批次 {} {who}", l.received_on),
                        (Some(bb), false) => {
                            format!("Lot {} {who} · best before {bb}", l.received_on)
                        }
                        (None, false) => format!("Lot {} {who}", l.received_on),
                    };
                    lots.push(documents::PickListLot {
                        label,
                        quantity: with_unit(&l.quantity),
                    });
                }
                products.push(documents::PickListProduct {
                    name: p.product_name.clone(),
                    quantity: with_unit(&p.quantity),
                    orders: p.orders,
                    lots,
                    short: (p.short != "0").then(|| with_unit(&p.short)),
                });
            }
            Ok(documents::PickListDoc {
                language: if zh {
                    documents::Language::Zh
                } else {
                    documents::Language::En
                },
                shop_name,
                printed_at: now.format("%Y-%m-%d %H:%M").to_string(),
                order_numbers,
                products,
            })
        })?;
        let bytes = documents::render_pick_list(&doc)
            .map_err(|e| AppError::Conflict(format!("the pick list cannot be printed: {e}")))?;
        let stem = format!("picklist-{}-orders", doc.order_numbers.len());
        self.save_document("picklists", &stem, "pdf", &bytes)
    }
}
