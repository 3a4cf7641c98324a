//! The crash record: a panic anywhere writes a report into the data folder's `logs/`
//! (`crash-YYYYMMDD-HHMMSS.txt`, UTC), and the next start says so ([`unseen_crash`]) until the
//! person has seen it ([`acknowledge`]).
//!
//! A report holds the time, the version, the command being run (its name only: the desktop's IPC
//! command, the CLI's subcommand words, never their arguments), the thread, the panic's message
//! and place, and a backtrace. Architecture Invariant: the message goes through [`redact`] first,
//! so that no phone number, secret-looking token or `secret=`/`session=`/`pin=` value reaches the
//! file; a person may send the report to whoever helps them.
//!
//! The hook ([`install`]) runs before the panic unwinds, so a panic that the desktop's `Shell::run`
//! catches (the window goes on) is recorded too. It chains to the hook that was installed before
//! it, so stderr still gets the usual message.

use std::cell::Cell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::logging::logs_dir;
use crate::Result;

/// Crash reports kept in `logs/`; older ones are removed when a new one is written.
pub const KEEP_REPORTS: usize = 20;
/// The file in `logs/` naming the newest report the person has seen.
pub const SEEN_MARKER: &str = "crash-seen";
const PREFIX: &str = "crash-";
const SUFFIX: &str = ".txt";
const STAMP: &str = "%Y%m%d-%H%M%S";

thread_local! {
    /// The desktop command this thread is running (set by the shell around each command).
    static COMMAND: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// What the hook needs: where to write, and the process's command (the CLI's subcommand).
struct HookState {
    data_dir: PathBuf,
    process_command: OnceLock<String>,
}

static HOOK: OnceLock<HookState> = OnceLock::new();

/// Marks the command this thread runs until the returned guard is dropped; a panic on this
/// thread meanwhile names it in its report. Nested scopes restore the outer command.
pub fn command_scope(command: &'static str) -> CommandScope {
    let outer = COMMAND.with(|c| c.replace(Some(command)));
    CommandScope { outer }
}

/// See [`command_scope`].
#[must_use = "the command is marked only while the scope lives"]
pub struct CommandScope {
    outer: Option<&'static str>,
}

impl Drop for CommandScope {
    fn drop(&mut self) {
        COMMAND.with(|c| c.set(self.outer));
    }
}

/// The command of the whole process (the CLI's subcommand words, e.g. `order add`), used when
/// the panicking thread has no command of its own. Set once; later calls are ignored.
pub fn set_process_command(command: &str) {
    if let Some(state) = HOOK.get() {
        let _ = state.process_command.set(command.to_string());
    }
}

/// Installs the panic hook writing reports into `data_dir/logs/`, chained before the hook that
/// was there (stderr's message). Only the first call in a process installs it.
pub fn install(data_dir: &Path) {
    let state = HookState {
        data_dir: data_dir.to_path_buf(),
        process_command: OnceLock::new(),
    };
    if HOOK.set(state).is_err() {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if let Some(state) = HOOK.get() {
            let command = COMMAND
                .with(Cell::get)
                .map(str::to_string)
                .or_else(|| state.process_command.get().cloned());
            let message = payload_text(info.payload());
            let location = info
                .location()
                .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                .unwrap_or_else(|| "unknown".to_string());
            let thread = std::thread::current();
            let report = Report {
                at: Utc::now(),
                version: crate::VERSION,
                command: command.as_deref(),
                thread: thread.name().unwrap_or("unnamed"),
                message: &message,
                location: &location,
                backtrace: &std::backtrace::Backtrace::force_capture().to_string(),
            };
            match write_report(&state.data_dir, &report) {
                Ok(path) => tracing::error!(
                    command = command.as_deref().unwrap_or("-"),
                    report = %path.display(),
                    "panicked; crash report written"
                ),
                Err(e) => eprintln!("farmstall: the crash report could not be written: {e}"),
            }
        }
        previous(info);
    }));
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no details".to_string())
}

/// One crash as written to its file.
pub struct Report<'a> {
    pub at: DateTime<Utc>,
    pub version: &'a str,
    pub command: Option<&'a str>,
    pub thread: &'a str,
    /// The panic's message as it was; [`Report::text`] redacts it.
    pub message: &'a str,
    pub location: &'a str,
    pub backtrace: &'a str,
}

impl Report<'_> {
    /// The report's text, the message redacted.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Farmstall crash report / 农家小店意外关闭记录");
        let _ = writeln!(out, "time: {}", self.at.to_rfc3339());
        let _ = writeln!(out, "version: {}", self.version);
        let _ = writeln!(out, "command: {}", self.command.unwrap_or("(none)"));
        let _ = writeln!(out, "thread: {}", self.thread);
        let _ = writeln!(out, "panicked at {}", self.location);
        let _ = writeln!(out, "message: {}", redact(self.message));
        let _ = writeln!(out, "\nbacktrace:\n{}", self.backtrace);
        out
    }
}

/// Writes `report` as `logs/crash-YYYYMMDD-HHMMSS.txt` (a `-2`, `-3`… before `.txt` when that
/// second has one already), then keeps only the newest [`KEEP_REPORTS`]. Answers the file.
pub fn write_report(data_dir: &Path, report: &Report<'_>) -> std::io::Result<PathBuf> {
    let dir = logs_dir(data_dir);
    std::fs::create_dir_all(&dir)?;
    let stamp = report.at.format(STAMP).to_string();
    let text = report.text();
    let mut n = 1u32;
    let path = loop {
        let name = if n == 1 {
            format!("{PREFIX}{stamp}{SUFFIX}")
        } else {
            format!("{PREFIX}{stamp}-{n}{SUFFIX}")
        };
        let path = dir.join(name);
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(mut file) => {
                std::io::Write::write_all(&mut file, text.as_bytes())?;
                break path;
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 1000 => n += 1,
            Err(e) => return Err(e),
        }
    };
    rotate(&dir, KEEP_REPORTS)?;
    Ok(path)
}

/// The crash reports in `dir`, oldest first (their names sort by time).
fn reports(dir: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(names),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let name = entry?.file_name();
        if let Some(name) = name.to_str() {
            if report_time(name).is_some() {
                names.push(name.to_string());
            }
        }
    }
    names.sort_by_key(|name| sort_key(name));
    Ok(names)
}

/// `crash-20261207-130501-2.txt` → (time, 2): the same second's reports in the order written.
fn sort_key(name: &str) -> (Option<NaiveDateTime>, u32) {
    let serial = name
        .strip_suffix(SUFFIX)
        .and_then(|s| s.strip_prefix(PREFIX))
        .and_then(|s| s.get(15..))
        .and_then(|s| s.strip_prefix('-'))
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    (report_time(name), serial)
}

/// The time in a report's name, `None` for a file that is not a report.
fn report_time(name: &str) -> Option<NaiveDateTime> {
    let stem = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let stamp = stem.get(..15)?;
    let rest = &stem[15..];
    if !(rest.is_empty()
        || rest
            .strip_prefix('-')
            .is_some_and(|n| n.parse::<u32>().is_ok()))
    {
        return None;
    }
    NaiveDateTime::parse_from_str(stamp, STAMP).ok()
}

/// Removes the oldest reports in `dir` beyond `keep`.
pub fn rotate(dir: &Path, keep: usize) -> std::io::Result<()> {
    let names = reports(dir)?;
    let excess = names.len().saturating_sub(keep);
    for name in names.iter().take(excess) {
        match std::fs::remove_file(dir.join(name)) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A crash the person has not been told about: when, and the report's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CrashNotice {
    /// RFC 3339, UTC.
    pub at: String,
    /// The report file.
    pub path: String,
    /// The folder holding it (`logs/`).
    pub folder: String,
}

/// The newest crash report in `data_dir/logs/` newer than the last one acknowledged, if any.
pub fn unseen_crash(data_dir: &Path) -> Option<CrashNotice> {
    let dir = logs_dir(data_dir);
    let newest = reports(&dir).ok()?.pop()?;
    let seen = std::fs::read_to_string(dir.join(SEEN_MARKER)).unwrap_or_default();
    let seen = seen.trim();
    if !seen.is_empty() && sort_key(seen) >= sort_key(&newest) {
        return None;
    }
    let at = report_time(&newest)?.and_utc().to_rfc3339();
    Some(CrashNotice {
        at,
        path: dir.join(&newest).display().to_string(),
        folder: dir.display().to_string(),
    })
}

/// Records that the person has seen every crash report there is now.
pub fn acknowledge(data_dir: &Path) -> std::io::Result<()> {
    let dir = logs_dir(data_dir);
    let Some(newest) = reports(&dir)?.pop() else {
        return Ok(());
    };
    std::fs::write(dir.join(SEEN_MARKER), newest)
}

/// Opens `data_dir/logs/` (logs and crash reports) in the system's file manager; `no_viewer`
/// naming the folder when nothing can show it. Needs no open shop: a database that cannot be
/// opened is when a person most needs the logs.
pub fn show_logs_folder(data_dir: &Path) -> Result<()> {
    let dir = logs_dir(data_dir);
    // A folder that cannot be made is said by the viewer's refusal, which names it.
    let _ = std::fs::create_dir_all(&dir);
    crate::printing::Programs::default().open(&dir, &dir)
}

/// Words after which a value is a secret (`secret=…`, `session: …`, `pin=…`).
const SECRET_WORDS: [&str; 7] = [
    "secret", "session", "pin", "password", "token", "key", "sign",
];

/// The text with what may identify a buyer or open the shop taken out: Chinese mobile numbers
/// (11 digits starting with 1, with or without `+86`/`86`, spaces or dashes between groups),
/// values after `secret`, `session`, `pin`, `password`, `token`, `key` or `sign` and `=` or `:`,
/// and long tokens mixing letters and digits (keys and sessions look like that).
pub fn redact(text: &str) -> String {
    let text = redact_phones(text);
    let text = redact_assignments(&text);
    redact_tokens(&text)
}

fn redact_phones(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() || (c == '+' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            // A run of digits, with single spaces or dashes between groups.
            let start = i;
            let mut j = i + 1;
            while j < chars.len() {
                let digit = chars[j].is_ascii_digit();
                let separator = matches!(chars[j], ' ' | '-')
                    && chars.get(j + 1).is_some_and(char::is_ascii_digit);
                if !(digit || separator) {
                    break;
                }
                j += 1;
            }
            let run: String = chars[start..j].iter().collect();
            if contains_mobile(&run) {
                out.push_str("[phone]");
            } else {
                out.push_str(&run);
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// Whether a run of digits (groups split by spaces or dashes) holds a mobile number: the whole
/// run, or one of its groups, or consecutive groups, is `1` + 10 digits after an optional `86`.
fn contains_mobile(run: &str) -> bool {
    let groups: Vec<String> = run
        .split([' ', '-'])
        .map(|g| g.trim_start_matches('+').to_string())
        .collect();
    for start in 0..groups.len() {
        let mut digits = String::new();
        for group in &groups[start..] {
            digits.push_str(group);
            if is_mobile(&digits) {
                return true;
            }
            if digits.len() > 15 {
                break;
            }
        }
    }
    false
}

fn is_mobile(digits: &str) -> bool {
    let national = digits
        .strip_prefix("0086")
        .or_else(|| digits.strip_prefix("86").filter(|d| d.len() == 11))
        .unwrap_or(digits);
    national.len() == 11
        && national.starts_with('1')
        && national.chars().all(|c| c.is_ascii_digit())
}

fn redact_assignments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // The next word, as far as letters and underscores go.
        let Some(start) = rest.find(|c: char| c.is_ascii_alphabetic()) else {
            out.push_str(rest);
            break;
        };
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let word = &rest[..end];
        out.push_str(word);
        rest = &rest[end..];
        let lower = word.to_ascii_lowercase();
        let secret = SECRET_WORDS.iter().any(|w| {
            lower == *w || lower.ends_with(&format!("_{w}")) || (w.len() >= 6 && lower.ends_with(w))
        });
        if !secret {
            continue;
        }
        let after = rest.trim_start_matches([' ', '"', '\'']);
        let Some(value) = after
            .strip_prefix('=')
            .or_else(|| after.strip_prefix(':'))
            .or_else(|| after.strip_prefix('：'))
        else {
            continue;
        };
        let value_start = value.trim_start_matches([' ', '"', '\'']);
        let value_len = value_start
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '&' | '"' | '\'' | ')'))
            .unwrap_or(value_start.len());
        if value_len == 0 {
            continue;
        }
        let consumed = rest.len() - value_start.len();
        out.push_str(&rest[..consumed]);
        out.push_str("[redacted]");
        rest = &value_start[value_len..];
    }
    out
}

fn redact_tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut token = String::new();
    let flush = |token: &mut String, out: &mut String| {
        let letters = token.chars().any(|c| c.is_ascii_alphabetic());
        let digits = token.chars().any(|c| c.is_ascii_digit());
        if token.len() >= 16 && letters && digits {
            out.push_str("[redacted]");
        } else {
            out.push_str(token);
        }
        token.clear();
    };
    for c in text.chars() {
        // Not '-': the ids Farmstall writes (UUIDs) stay readable.
        if c.is_ascii_alphanumeric() || c == '_' {
            token.push(c);
        } else {
            flush(&mut token, &mut out);
            out.push(c);
        }
    }
    flush(&mut token, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(at: &str, message: &str) -> (DateTime<Utc>, String) {
        let at = DateTime::parse_from_rfc3339(at)
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default();
        (at, message.to_string())
    }

    fn write(dir: &Path, at: DateTime<Utc>, message: &str) -> PathBuf {
        let written = write_report(
            dir,
            &Report {
                at,
                version: "9.9.9",
                command: Some("pack_order"),
                thread: "main",
                message,
                location: "src/x.rs:1:1",
                backtrace: "   0: farmstall::x",
            },
        );
        match written {
            Ok(path) => path,
            Err(e) => panic!("report not written: {e}"),
        }
    }

    #[test]
    fn phones_are_taken_out_in_every_usual_spelling() {
        for phone in [
            "13812345678",
            "+8613812345678",
            "+86 138 1234 5678",
            "138-1234-5678",
            "8613812345678",
            "008613812345678",
        ] {
            let text = redact(&format!("收件人 张三 {phone}，地址"));
            assert!(!text.contains("1234"), "{phone}: {text}");
            assert!(text.contains("[phone]"), "{phone}: {text}");
        }
        // Money, dates and short ids stay readable.
        assert_eq!(
            redact("amount 1234.50 on 2026-12-07 order 42"),
            "amount 1234.50 on 2026-12-07 order 42"
        );
    }

    #[test]
    fn secrets_are_taken_out() {
        let text = redact("app_secret=abc; session: 6201a8f9e0c4ffde8b; pin=1234 done");
        assert!(!text.contains("abc"), "{text}");
        assert!(!text.contains("6201a8f9"), "{text}");
        assert!(!text.contains("1234"), "{text}");
        assert!(text.contains("done"), "{text}");
        let token = redact("signed with 9f8e7d6c5b4a39281716a5b4c3d2e1f0 today");
        assert_eq!(token, "signed with [redacted] today");
    }

    #[test]
    fn a_report_names_the_command_and_hides_the_phone() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (at, message) = report("2026-12-07T13:05:01Z", "bad order for 13812345678");
        let path = write(dir.path(), at, &message);
        assert_eq!(
            path.file_name().and_then(|n| n.to_str()),
            Some("crash-20261207-130501.txt")
        );
        let text = std::fs::read_to_string(&path)?;
        assert!(text.contains("version: 9.9.9"), "{text}");
        assert!(text.contains("command: pack_order"), "{text}");
        assert!(text.contains("farmstall::x"), "{text}");
        assert!(!text.contains("13812345678"), "{text}");
        // The same second again: a second file, not an overwrite.
        let again = write(dir.path(), at, "again");
        assert_eq!(
            again.file_name().and_then(|n| n.to_str()),
            Some("crash-20261207-130501-2.txt")
        );
        Ok(())
    }

    #[test]
    fn only_the_newest_reports_are_kept() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let logs = logs_dir(dir.path());
        std::fs::create_dir_all(&logs)?;
        // Not reports: never removed.
        std::fs::write(logs.join("farmstall.2026-12-07.log"), "log")?;
        std::fs::write(logs.join("crash-notes.txt"), "mine")?;
        let start = report("2026-01-01T00:00:00Z", "").0;
        for i in 0..(KEEP_REPORTS as i64 + 5) {
            write(dir.path(), start + chrono::Duration::hours(i), "x");
        }
        let kept = reports(&logs)?;
        assert_eq!(kept.len(), KEEP_REPORTS);
        assert_eq!(
            kept.first().map(String::as_str),
            Some("crash-20260101-050000.txt")
        );
        assert_eq!(
            kept.last().map(String::as_str),
            Some("crash-20260102-000000.txt")
        );
        assert!(logs.join("farmstall.2026-12-07.log").exists());
        assert!(logs.join("crash-notes.txt").exists());
        Ok(())
    }

    #[test]
    fn a_crash_is_told_once_until_a_newer_one() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        assert_eq!(unseen_crash(dir.path()), None);
        acknowledge(dir.path())?; // nothing to acknowledge: no error

        let (at, _) = report("2026-12-07T13:05:01Z", "");
        let first = write(dir.path(), at, "x");
        let notice = unseen_crash(dir.path());
        assert_eq!(
            notice.as_ref().map(|n| n.path.clone()),
            Some(first.display().to_string())
        );
        assert_eq!(
            notice.as_ref().map(|n| n.at.as_str()),
            Some("2026-12-07T13:05:01+00:00")
        );
        assert_eq!(
            notice.map(|n| n.folder),
            Some(logs_dir(dir.path()).display().to_string())
        );

        acknowledge(dir.path())?;
        assert_eq!(unseen_crash(dir.path()), None);

        // The same second's second report is newer than the acknowledged first.
        let second = write(dir.path(), at, "y");
        assert_eq!(
            unseen_crash(dir.path()).map(|n| n.path),
            Some(second.display().to_string())
        );
        acknowledge(dir.path())?;
        assert_eq!(unseen_crash(dir.path()), None);
        let third = write(dir.path(), at + chrono::Duration::days(1), "z");
        assert_eq!(
            unseen_crash(dir.path()).map(|n| n.path),
            Some(third.display().to_string())
        );
        Ok(())
    }

    #[test]
    fn the_command_scope_restores_the_outer_command() {
        assert_eq!(COMMAND.with(Cell::get), None);
        {
            let _outer = command_scope("sync_status");
            {
                let _inner = command_scope("pack_order");
                assert_eq!(COMMAND.with(Cell::get), Some("pack_order"));
            }
            assert_eq!(COMMAND.with(Cell::get), Some("sync_status"));
        }
        assert_eq!(COMMAND.with(Cell::get), None);
    }
}
