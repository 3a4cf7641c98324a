//! Use cases: packing slips for packed orders, and sending saved documents to a printer.
//!
//! Every printed document is first saved under `documents/` in the data folder (so nothing
//! printed is lost and any of it can be printed again); printing hands that file to CUPS (`lp`),
//! where CUPS is installed. Without CUPS the documents open in the system viewer instead. Every
//! program started here is found through [`Programs`]; one that is missing, or a printer that is
//! off, is a refusal that says what to do and where the file is, never silence or a panic.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

/// Where the programs that print and open documents are found: `lp` and `lpstat` (CUPS, on
/// Linux and macOS), and the viewer launcher (`xdg-open` on Linux, `open` on macOS, `explorer` on
/// Windows). By default the process's `PATH` (and, for the CUPS programs, the folder
/// `$FARMSTALL_CUPS_BIN` when set); a test gives its own search path instead of changing the
/// process's environment, and the programs started then see that `PATH` too.
#[derive(Debug, Clone, Default)]
pub struct Programs {
    search_path: Option<OsString>,
}

/// Why a program could not be started or did not do its work.
#[derive(Debug)]
enum Ran {
    /// Not found on the search path.
    Missing,
    /// Found, but starting it failed (not executable, out of resources).
    Failed(String),
}

impl Programs {
    /// Programs looked up on `search_path` (a `PATH`-style list of folders) and nowhere else.
    pub fn on_path(search_path: impl Into<OsString>) -> Programs {
        Programs {
            search_path: Some(search_path.into()),
        }
    }

    /// `name` as a file on the search path, `None` when no folder holds it.
    fn find(&self, name: &str, cups: bool) -> Option<PathBuf> {
        let path = match &self.search_path {
            Some(path) => path.clone(),
            None => match std::env::var_os("FARMSTALL_CUPS_BIN").filter(|_| cups) {
                Some(dir) => dir,
                None => std::env::var_os("PATH")?,
            },
        };
        std::env::split_paths(&path).find_map(|dir| executable_in(&dir, name))
    }

    fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        if let Some(path) = &self.search_path {
            command.env("PATH", path);
        }
        command
    }

    /// Runs a CUPS program to its end; `Missing` when CUPS is not installed.
    fn cups(&self, name: &str, args: &[&OsStr]) -> std::result::Result<Output, Ran> {
        let program = self.find(name, true).ok_or(Ran::Missing)?;
        self.command(&program)
            .args(args)
            // CUPS translates its messages; the ones read here ("disabled", "not accepting",
            // "request id is") are read in English, UTF-8 kept for the printers' names.
            .env("LC_ALL", "C.UTF-8")
            .stdin(Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => Ran::Missing,
                _ => Ran::Failed(format!("{}: {e}", program.display())),
            })
    }

    /// Whether CUPS's `lp` is there to print with.
    pub fn has_cups(&self) -> bool {
        !cfg!(windows) && self.find("lp", true).is_some()
    }

    /// Whether there is a program that opens documents in their viewer.
    pub fn has_viewer(&self) -> bool {
        self.find(VIEWER, false).is_some()
    }

    /// Printers CUPS knows, the default first; empty when CUPS is not installed (and always on
    /// Windows, which has no CUPS: there a document is printed from its viewer).
    pub fn printers(&self) -> Vec<Printer> {
        if cfg!(windows) {
            return Vec::new();
        }
        let Ok(out) = self.cups("lpstat", &[OsStr::new("-e")]) else {
            return Vec::new();
        };
        if !out.status.success() {
            return Vec::new();
        }
        let default = self
            .cups("lpstat", &[OsStr::new("-d")])
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

    /// Opens `target` (a saved document, or its folder) in the system's viewer or file manager.
    /// A missing launcher, one that cannot start, or one that says at once that it found nothing
    /// to open the file with, is a `no_viewer` refusal naming where `file` is: never silence.
    pub fn open(&self, target: &Path, file: &Path) -> Result<()> {
        let refuse = |detail: String| no_viewer(file, &detail);
        let Some(program) = self.find(VIEWER, false) else {
            return Err(refuse(format!("{VIEWER} was not found")));
        };
        let mut command = self.command(&program);
        command
            .arg(target)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        let mut child = command.spawn().map_err(|e| {
            refuse(match e.kind() {
                std::io::ErrorKind::NotFound => format!("{VIEWER} was not found"),
                _ => format!("{} could not be started: {e}", program.display()),
            })
        })?;
        // xdg-open may wait for the viewer to close, so only a quick failure is an answer: exit
        // 3 is "no program for this kind of file", 4 "the action failed". Windows' explorer
        // answers 1 even when it opened the file, so its status says nothing.
        let started = std::time::Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) => {
                    return if status.success() || cfg!(windows) {
                        Ok(())
                    } else {
                        Err(refuse(format!(
                            "{VIEWER} found no program for it ({status})"
                        )))
                    };
                }
                Ok(None) if started.elapsed() < VIEWER_ANSWER => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                }
                Ok(None) | Err(_) => break,
            }
        }
        // Still running: the viewer is up. Its end is collected on a thread of its own, so no
        // zombie is left behind.
        std::thread::spawn(move || {
            let _ = child.wait();
        });
        Ok(())
    }

    /// Sends `file` to the CUPS printer `printer`, checking first that the printer is there to
    /// print it (a printer CUPS has disabled, or that its backend found unplugged, would only
    /// queue the job and print nothing).
    fn send(&self, file: &Path, printer: &str) -> Result<PrintJob> {
        if let Ok(out) = self.cups("lpstat", &[OsStr::new("-p"), OsStr::new(printer)]) {
            let said = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            if let Some(LpFailure::Offline) = lp_failure(&said) {
                return Err(printer_offline(file, printer, said.trim()));
            }
        }
        let out = self
            .cups(
                "lp",
                &[OsStr::new("-d"), OsStr::new(printer), file.as_os_str()],
            )
            .map_err(|ran| match ran {
                Ran::Missing => no_cups(file, "the print program lp was not found"),
                Ran::Failed(e) => no_cups(file, &format!("the print program could not start: {e}")),
            })?;
        if !out.status.success() {
            let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
            return Err(match lp_failure(&said) {
                Some(LpFailure::Offline) => printer_offline(file, printer, &said),
                Some(LpFailure::NoService) => no_cups(file, &said),
                Some(LpFailure::Unknown) => unknown_printer(printer),
                None => AppError::Conflict(format!(
                    "the printer {printer} refused the document: {said}; the file is saved at {}",
                    file.display()
                )),
            });
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
}

/// The program that hands a file to its viewer (a folder to the file manager).
#[cfg(target_os = "macos")]
const VIEWER: &str = "open";
#[cfg(windows)]
const VIEWER: &str = "explorer";
#[cfg(not(any(target_os = "macos", windows)))]
const VIEWER: &str = "xdg-open";

/// How long a launcher that fails at once is waited for.
const VIEWER_ANSWER: std::time::Duration = std::time::Duration::from_millis(800);

/// `dir/name` when it is a program file (on Windows, with one of `PATHEXT`'s endings).
fn executable_in(dir: &Path, name: &str) -> Option<PathBuf> {
    #[cfg(windows)]
    {
        let exts = std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".to_string());
        exts.split(';')
            .filter(|e| !e.is_empty())
            .map(|e| dir.join(format!("{name}{e}")))
            .find(|p| p.is_file())
    }
    #[cfg(not(windows))]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = dir.join(name);
        let meta = std::fs::metadata(&path).ok()?;
        (meta.is_file() && meta.permissions().mode() & 0o111 != 0).then_some(path)
    }
}

/// What `lp` or `lpstat` said went wrong, read from CUPS's messages (in English: the programs
/// run with `LC_ALL=C.UTF-8`; other wording is shown as it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LpFailure {
    /// Disabled, not accepting jobs, unplugged, not answering.
    Offline,
    /// The CUPS scheduler is not running or cannot be reached.
    NoService,
    /// CUPS has no printer of that name.
    Unknown,
}

fn lp_failure(said: &str) -> Option<LpFailure> {
    let said = said.to_lowercase();
    let any = |needles: &[&str]| needles.iter().any(|n| said.contains(n));
    if any(&[
        "does not exist",
        "unknown destination",
        "invalid destination",
    ]) {
        Some(LpFailure::Unknown)
    } else if any(&[
        "scheduler not responding",
        "unable to connect to server",
        "connection refused",
        "no default destination",
    ]) {
        Some(LpFailure::NoService)
    } else if any(&[
        " disabled",
        "not accepting",
        "not connected",
        "not responding",
        "unable to locate printer",
        "is unavailable",
        "offline",
        "waiting for printer to become available",
        "paused",
    ]) {
        Some(LpFailure::Offline)
    } else {
        None
    }
}

fn place(file: &Path) -> String {
    file.display().to_string()
}

fn no_printer(file: &Path, detail: &str) -> AppError {
    AppError::from(
        FieldError::new(
            "printer",
            Rule::NoPrinter,
            format!(
                "printer: {detail}; open the document in the viewer and print from there, or set \
                 up a printer in the system's printer settings; the file is saved at {}",
                place(file)
            ),
        )
        .with("path", place(file)),
    )
}

fn no_cups(file: &Path, detail: &str) -> AppError {
    AppError::from(
        FieldError::new(
            "printer",
            Rule::NoCups,
            format!(
                "printer: the print service (CUPS) is not installed or not running ({detail}); \
                 install CUPS, or open the document and print it from the viewer; the file is \
                 saved at {}",
                place(file)
            ),
        )
        .with("path", place(file)),
    )
}

fn printer_offline(file: &Path, printer: &str, detail: &str) -> AppError {
    AppError::from(
        FieldError::new(
            "printer",
            Rule::PrinterOffline,
            format!(
                "printer: the printer {printer} is not connected or switched off ({detail}); check \
                 its power and cable, then print again; the file is saved at {}",
                place(file)
            ),
        )
        .with("printer", printer)
        .with("path", place(file)),
    )
}

fn no_viewer(file: &Path, detail: &str) -> AppError {
    AppError::from(
        FieldError::new(
            "path",
            Rule::NoViewer,
            format!(
                "path: no program to open PDF files was found ({detail}); the file is saved at \
                 {}: copy it to a USB stick and print it on another computer",
                place(file)
            ),
        )
        .with("path", place(file)),
    )
}

fn unknown_printer(printer: &str) -> AppError {
    AppError::from(FieldError::new(
        "printer",
        Rule::UnknownRecord,
        format!("printer: there is no printer called {printer}; choose one from the list"),
    ))
}

/// What this computer offers for a saved document: the printers, and what is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PrintSetup {
    pub printers: Vec<Printer>,
    /// The rule [`App::print_document`] would refuse with before trying a printer: `no_cups`
    /// (CUPS not installed), `no_printer` (none set up, and always on Windows), or `None`.
    pub cannot_print: Option<String>,
    /// Whether a program to open documents in their viewer is there.
    pub viewer: bool,
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

/// Printers CUPS knows on the process's `PATH`, the default first; empty without CUPS.
pub fn list_printers() -> Vec<Printer> {
    Programs::default().printers()
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

    /// Sends a saved document to a CUPS printer (`""` = the default one). Every way it can fail
    /// says what to do and where the file is: no CUPS (`no_cups`), no printer (`no_printer`),
    /// a printer unplugged, off or not taking jobs (`printer_offline`).
    pub fn print_document(&self, path: &str, printer: &str) -> Result<PrintJob> {
        let file = self.saved_document(path)?;
        if cfg!(windows) {
            return Err(no_printer(
                &file,
                "Farmstall prints straight to a printer only through CUPS, which Windows has not",
            ));
        }
        if !self.programs.has_cups() {
            return Err(no_cups(&file, "the print program lp was not found"));
        }
        let printers = self.programs.printers();
        if printers.is_empty() {
            return Err(no_printer(&file, "no printer is set up in CUPS"));
        }
        let printer = printer.trim();
        let chosen = if printer.is_empty() {
            printers.iter().find(|p| p.is_default).or(printers.first())
        } else {
            printers.iter().find(|p| p.name == printer)
        };
        let Some(chosen) = chosen else {
            return Err(unknown_printer(printer));
        };
        self.programs.send(&file, &chosen.name)
    }

    /// Opens a saved document in the system's viewer; `no_viewer` (naming where the file is)
    /// when this computer has nothing to open it with.
    pub fn open_document(&self, path: &str) -> Result<()> {
        let file = self.saved_document(path)?;
        self.programs.open(&file, &file)
    }

    /// Opens the folder of a saved document in the system's file manager, so a person can find,
    /// copy or mail the file; `no_viewer` naming the file's place when nothing can show it.
    pub fn show_document_folder(&self, path: &str) -> Result<()> {
        let file = self.saved_document(path)?;
        let folder = file.parent().unwrap_or(&file);
        self.programs.open(folder, &file)
    }

    /// The printers and what is missing to print or open a document on this computer.
    pub fn print_setup(&self) -> PrintSetup {
        let printers = self.programs.printers();
        let cannot_print = if cfg!(windows) || (self.programs.has_cups() && printers.is_empty()) {
            Some(Rule::NoPrinter)
        } else if !self.programs.has_cups() {
            Some(Rule::NoCups)
        } else {
            None
        };
        PrintSetup {
            printers,
            cannot_print: cannot_print.map(|r| r.code().to_string()),
            viewer: self.programs.has_viewer(),
        }
    }

    /// Looks the printing and viewing programs up on `programs` (tests give a `PATH` of their own).
    pub fn with_programs(mut self, programs: Programs) -> App {
        self.programs = programs;
        self
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

#[cfg(test)]
mod tests {
    use super::{lp_failure, LpFailure};

    #[test]
    fn cups_messages_read_as_what_the_person_can_do() {
        for (said, expected) in [
            (
                "printer Label-TSC disabled since Mon 07 Dec 2026 -\n\treason unknown",
                Some(LpFailure::Offline),
            ),
            (
                "lp: Destination \"HP\" is not accepting jobs.",
                Some(LpFailure::Offline),
            ),
            (
                "printer HP is idle.  enabled since Mon\n\tWaiting for printer to become available.",
                Some(LpFailure::Offline),
            ),
            (
                "printer HP is idle.  enabled since Mon\n\tThe printer is not responding.",
                Some(LpFailure::Offline),
            ),
            (
                "lp: The printer or class does not exist.",
                Some(LpFailure::Unknown),
            ),
            (
                "lp: Error - scheduler not responding.",
                Some(LpFailure::NoService),
            ),
            ("printer HP is idle.  enabled since Mon 07 Dec 2026", None),
            ("printer HP now printing HP-12.  enabled since Mon", None),
        ] {
            assert_eq!(lp_failure(said), expected, "{said}");
        }
    }
}
