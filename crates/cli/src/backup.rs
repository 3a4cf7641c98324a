//! `backup [--to DIR]`, `backups`, `restore FILE`: copies of the shop and bringing one back.

use std::path::{Path, PathBuf};

use clap::Args;
use farmstall_app::backup::{self, BackupDto, BackupList};
use farmstall_app::{App, AppError};

use crate::output::Output;
use crate::Outcome;

#[derive(Args, Debug)]
pub struct BackupArgs {
    /// Also copy the backup into DIR (a USB stick) instead of the second place set in the app;
    /// exit 1 if that copy fails (the backup in the data folder is kept)
    #[arg(long, value_name = "DIR")]
    to: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct RestoreArgs {
    /// The backup to restore from: one `farmstall backups` lists, or any Farmstall file
    file: PathBuf,
}

fn size(bytes: u64) -> String {
    if bytes >= 1_048_576 {
        format!("{:.1} MB", bytes as f64 / 1_048_576.0)
    } else {
        format!("{:.0} KB", bytes as f64 / 1024.0)
    }
}

fn line(b: &BackupDto) -> String {
    let kind = match &b.step {
        Some(step) => format!("before {step}"),
        None => b.kind.clone(),
    };
    let what = if b.usable {
        format!(
            "{} orders, {} lots, {} farmers, last order {}",
            b.orders.unwrap_or_default(),
            b.lots.unwrap_or_default(),
            b.farmers.unwrap_or_default(),
            b.last_order_date.as_deref().unwrap_or("-")
        )
    } else {
        format!(
            "UNUSABLE: {}",
            b.problem_message.as_deref().unwrap_or("unknown")
        )
    };
    format!(
        "{}  {:<7} {:<22} {:>9}  {}  {}",
        b.taken_at.as_deref().unwrap_or("-"),
        b.place,
        kind,
        size(b.size),
        what,
        b.path
    )
}

fn list_text(l: &BackupList) -> String {
    let mut text = Vec::new();
    if l.backups.is_empty() {
        text.push(format!("no backups yet in {}", l.folder));
    }
    text.extend(l.backups.iter().map(line));
    text.push(match (&l.second_place, l.second_place_present) {
        (None, _) => "second place: none set".to_string(),
        (Some(p), true) => format!("second place: {p}"),
        (Some(p), false) => format!("second place: {p} (not there now)"),
    });
    text.push(format!(
        "last copy outside this PC: {}{}",
        l.last_outside_backup.as_deref().unwrap_or("never"),
        if l.outside_stale {
            " (more than 7 days ago: make one with `farmstall backup --to DIR`)"
        } else {
            ""
        }
    ));
    text.join("\n")
}

/// `farmstall backup [--to DIR]`.
pub fn backup(app: &mut App, out: &Output, a: BackupArgs) -> Result<Outcome, AppError> {
    let done = app.backup_now(a.to.as_deref())?;
    out.print(&done, || {
        let mut text = format!(
            "backed up to {} ({}, {} orders) in {} ms",
            done.backup.path,
            size(done.backup.size),
            done.backup.orders.unwrap_or_default(),
            done.millis
        );
        if let Some(copy) = &done.copied_to {
            text.push_str(&format!("\ncopied to {copy}"));
        }
        if done.deleted > 0 {
            text.push_str(&format!("\nrotation removed {} old backups", done.deleted));
        }
        text
    });
    Ok(match (&a.to, &done.outside_problem) {
        (Some(_), Some(problem)) => Outcome::Stopped(format!(
            "the backup in the data folder was made, but not the copy: {problem}"
        )),
        (None, Some(problem)) => {
            crate::output::warn(&format!("no copy in the second place: {problem}"));
            Outcome::Done
        }
        _ => Outcome::Done,
    })
}

/// `farmstall backups`: works without opening the shop, so a damaged shop can still be
/// restored.
pub fn backups(db: &Path, out: &Output) {
    let list = backup::list(db);
    out.print(&list, || list_text(&list));
}

/// `farmstall restore FILE`: run with no shop open.
pub fn restore(db: &Path, out: &Output, a: RestoreArgs) -> Result<Outcome, AppError> {
    let report = backup::restore(db, &a.file)?;
    out.print(&report, || {
        let before = report
            .before
            .map_or("unknown (unreadable or missing)".into(), |c| {
                format!(
                    "{} orders, {} lots, {} farmers",
                    c.orders, c.lots, c.farmers
                )
            });
        let mut text = format!(
            "restored {} from {}\nbefore: {before}\nafter:  {} orders, {} lots, {} farmers",
            db.display(),
            report.restored_from,
            report.after.orders,
            report.after.lots,
            report.after.farmers
        );
        if let Some(kept) = &report.replaced_kept_at {
            text.push_str(&format!("\nthe replaced file is kept at {kept}"));
        }
        if let Some(b) = &report.before_backup {
            text.push_str(&format!("\na backup of it: {b}"));
        }
        if let Some(v) = report.migrated_from {
            text.push_str(&format!("\nupgraded from database version {v}"));
        }
        text
    });
    Ok(Outcome::Done)
}
