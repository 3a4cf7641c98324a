//! Farmstall's desktop shell: a Tauri 2 window over the application layer.
//!
//! This file is the window and the wiring. The commands live in [`commands`] (one module per noun)
//! and [`sync`]; which ones exist is declared once, in `commands.txt`, from which `build.rs` makes
//! the permissions, `capabilities/default.json` and the invoke handler included below. Every
//! command goes through [`shell::Shell`], which runs its use case off the async runtime and turns
//! a panic into an error. The data folder is `--data-dir DIR`, else `$FARMSTALL_DATA_DIR`, else
//! the user's data folder.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[cfg(test)]
mod command_list;
mod commands;
mod later;
mod shell;
mod sync;

use std::path::PathBuf;
use std::sync::Mutex;

use farmstall_app::backup::{BackupJob, Due};
use farmstall_app::paths;
use tauri::{LogicalSize, Manager, WebviewUrl, WebviewWindowBuilder};

use crate::shell::Shell;

/// Opens the main window at 1280x800, or smaller to fit a smaller screen (village PCs often have
/// 1024x768 or 1366x768 displays), so that nothing hangs off the edge.
fn open_main_window(app: &tauri::App) -> tauri::Result<()> {
    let (mut width, mut height) = (1280.0_f64, 800.0_f64);
    if let Ok(Some(monitor)) = app.primary_monitor() {
        let screen: LogicalSize<f64> = monitor.size().to_logical(monitor.scale_factor());
        width = width.min(screen.width);
        height = height.min(screen.height);
    }
    WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("农家小店 Farmstall")
        .inner_size(width, height)
        .min_inner_size(width.min(960.0), height.min(640.0))
        .position(0.0, 0.0)
        .resizable(true)
        // A file dropped on the window reaches the page as a browser drop (the order import reads
        // it there), not as Tauri's path event.
        .disable_drag_drop_handler()
        .build()?;
    Ok(())
}

/// The data folder from `--data-dir DIR` / `--data-dir=DIR`, else the default.
fn data_dir() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return PathBuf::from(dir);
        }
    }
    paths::default_data_dir()
}

/// Takes a backup job made while holding the shop (the copy runs without the lock, so commands go
/// on meanwhile). A failure is logged; it never stops the window (the next due time tries again).
fn take_backup(job: BackupJob, due: Due) {
    match job.run() {
        Ok(outcome) => tracing::info!(
            ?due,
            millis = outcome.millis,
            deleted = outcome.deleted,
            outside = outcome.copied_to.is_some(),
            outside_problem = outcome.outside_problem.as_deref().unwrap_or("-"),
            "backup taken"
        ),
        Err(error) => tracing::warn!(?due, "backup failed: {error}"),
    }
}

/// Takes the backup that is due (on closing after a change), holding the shop only to prepare it.
fn back_up_if_due(shell: &Shell, due: Due) {
    match shell.call("backup", |app| app.backup_job_if_due(due)) {
        Ok(Some(job)) => take_backup(job, due),
        Ok(None) => {}
        Err(error) => tracing::warn!(?due, kind = %error.kind, "no backup: {}", error.message),
    }
}

fn main() {
    let data_dir = data_dir();
    // The log and the crash record first, so that whatever follows can be found afterwards.
    farmstall_app::logging::init(&data_dir, farmstall_app::logging::Shell::Desktop);
    farmstall_app::crash::install(&data_dir);
    let db_path = data_dir.join(paths::DB_FILE);
    tracing::info!(
        version = farmstall_app::VERSION,
        data_dir = %data_dir.display(),
        db = %db_path.display(),
        "Farmstall started"
    );
    let mut app = shell::open_shop(&db_path);
    match &app {
        Ok(app) => {
            let report = app.open_report();
            tracing::info!(
                from_version = report.from_version,
                to_version = report.to_version,
                migrated = report.from_version != report.to_version,
                backup = ?report.backup,
                "shop opened"
            );
        }
        Err(failure) => {
            tracing::error!(kind = failure.kind, "the shop could not be opened");
            eprintln!("farmstall: {}", failure.message);
        }
    }
    // Whether the day's first backup is due is decided now, on the shop as it was opened (a shop
    // the window fills meanwhile, the demo loaded from the welcome screen, waits for the closing
    // one as before); the copy is taken after the window's first screen (below).
    let daily_backup = match app.as_mut() {
        Ok(app) => app.backup_job_if_due(Due::Daily).unwrap_or_else(|error| {
            tracing::warn!(kind = %farmstall_app::IpcError::from(&error).kind, "no backup today");
            None
        }),
        Err(_) => None,
    };
    // No round yet: the first comes after the window's first screen (below).
    let runner = farmstall_app::sync::Runner::start_later(db_path.clone(), sync::EVERY);
    let first_screen = later::FirstScreen::default();
    let result = tauri::Builder::default()
        .manage(Shell::new(app, db_path))
        .manage(sync::Sync {
            runner,
            demo: Mutex::new(None),
        })
        .manage(first_screen.clone())
        .setup(move |app| {
            open_main_window(app)?;
            // What can come later waits until the window has drawn its first screen, on a
            // thread of its own, so that neither the window nor its first calls wait for it: the
            // demo marketplace started again (before the first round, which would otherwise
            // find it not yet there), the first sync round, then the day's first backup.
            let handle = app.handle().clone();
            let spawned =
                later::after_first_screen(first_screen, later::SETTLE, later::AT_MOST, move || {
                    let shell = handle.state::<Shell>();
                    let background = handle.state::<sync::Sync>();
                    sync::resume_demo(&shell, &background);
                    background.runner.wake();
                    if let Some(job) = daily_backup {
                        take_backup(job, Due::Daily);
                    }
                });
            if let Err(error) = spawned {
                tracing::warn!("sync and the day's backup could not start: {error}");
                app.state::<sync::Sync>().runner.wake();
            }
            Ok(())
        })
        // `tauri::generate_handler![...]` over every command in `commands.txt`, written by build.rs.
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handler.rs")))
        .build(tauri::generate_context!())
        .map(|app| {
            app.run(|handle, event| {
                // Closing after a change leaves a copy of the day's work.
                if let tauri::RunEvent::Exit = event {
                    back_up_if_due(&handle.state::<Shell>(), Due::Closing);
                }
            })
        });
    if let Err(error) = result {
        tracing::error!("the window could not start: {error}");
        eprintln!("farmstall: the window could not start: {error}");
        std::process::exit(1);
    }
}
