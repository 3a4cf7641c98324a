//! The rotating log: `tracing` events written to the data folder's `logs/farmstall.YYYY-MM-DD.log`,
//! a new file each day (UTC) and the last [`KEEP_DAYS`] kept, by `tracing-appender`.
//!
//! Both shells start it: the desktop logs from `info` up (its start, errors answered by commands,
//! sync rounds), the CLI only warnings and errors, and never on stdout (its `--json` output is a
//! script's). Architecture Invariant: no event carries a secret (App Secret, session, PIN) or a
//! buyer's name, phone or address: events carry ids, counts, kinds and command names; free text
//! that may hold user data goes through [`crate::crash::redact`] first, or is left out.

use std::path::{Path, PathBuf};

use tracing::level_filters::LevelFilter;
use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// The folder under the data folder holding logs and crash reports.
pub const LOGS_DIR: &str = "logs";
/// Daily log files kept.
pub const KEEP_DAYS: usize = 14;
const FILE_PREFIX: &str = "farmstall";
const FILE_SUFFIX: &str = "log";

/// `data_dir/logs`.
pub fn logs_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOGS_DIR)
}

/// Which shell logs, and so from which level up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    Desktop,
    Cli,
}

impl Shell {
    /// The lowest level written: the desktop's day (`info`); for the CLI, only what went wrong.
    pub fn level(self) -> LevelFilter {
        match self {
            Shell::Desktop => LevelFilter::INFO,
            Shell::Cli => LevelFilter::WARN,
        }
    }
}

/// The daily file appender over `data_dir/logs/` (created when missing), keeping [`KEEP_DAYS`].
pub fn appender(data_dir: &Path) -> std::io::Result<RollingFileAppender> {
    let dir = logs_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(FILE_PREFIX)
        .filename_suffix(FILE_SUFFIX)
        .max_log_files(KEEP_DAYS)
        .build(&dir)
        .map_err(std::io::Error::other)
}

/// Starts the rotating log for `shell` as the process's subscriber. A log that cannot be opened
/// (a read-only data folder) is said on stderr and Farmstall goes on without one; a second call
/// changes nothing.
pub fn init(data_dir: &Path, shell: Shell) {
    let appender = match appender(data_dir) {
        Ok(appender) => appender,
        Err(e) => {
            eprintln!("farmstall: no log in {}: {e}", logs_dir(data_dir).display());
            return;
        }
    };
    // Writes go straight to the file (no worker thread): a line is on disk before a crash.
    let _ = tracing_subscriber::fmt()
        .with_writer(appender)
        .with_ansi(false)
        .with_max_level(shell.level())
        .with_thread_names(true)
        .try_init();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_logs_only_what_went_wrong() {
        assert_eq!(Shell::Desktop.level(), LevelFilter::INFO);
        assert_eq!(Shell::Cli.level(), LevelFilter::WARN);
    }

    /// The appender writes a dated file under logs/ and, on opening, removes the oldest logs
    /// beyond the fourteen (by creation time), never a crash report.
    #[test]
    fn the_log_is_a_dated_file_in_logs_and_old_days_go() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let logs = logs_dir(dir.path());
        std::fs::create_dir_all(&logs)?;
        // Twenty old days, and a crash report that is not a log.
        for day in 1..=20 {
            let name = format!("{FILE_PREFIX}.2020-01-{day:02}.{FILE_SUFFIX}");
            std::fs::write(logs.join(&name), "old")?;
        }
        std::fs::write(logs.join("crash-20200101-000000.txt"), "report")?;

        let mut appender = appender(dir.path())?;
        std::io::Write::write_all(&mut appender, b"started\n")?;
        std::io::Write::flush(&mut appender)?;

        let today = chrono::Utc::now().format("%Y-%m-%d");
        let current = logs.join(format!("{FILE_PREFIX}.{today}.{FILE_SUFFIX}"));
        assert_eq!(std::fs::read_to_string(&current)?, "started\n");
        let logs_kept = std::fs::read_dir(&logs)?
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".log"))
            .count();
        assert!(logs_kept <= KEEP_DAYS, "{logs_kept} logs kept");
        assert!(logs.join("crash-20200101-000000.txt").exists());
        Ok(())
    }
}
