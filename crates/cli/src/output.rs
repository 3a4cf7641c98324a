//! What the CLI prints: text or JSON on stdout, and one-line reasons on stderr. Printing never
//! panics (a closed pipe or a full disk is recorded for `main` to judge, not a crash after a
//! committed write), and text that came from the database or a file reaches the terminal with
//! its control characters escaped.

use std::cell::RefCell;
use std::io::{self, Write};
use std::path::Path;

use farmstall_app::statement::SavedDocument;
use farmstall_app::AppError;
use serde::Serialize;

/// Where results go: `--json` or text.
pub struct Output {
    json: bool,
    /// The first failure to write to stdout; later prints are still tried.
    failure: RefCell<Option<io::Error>>,
}

impl Output {
    pub fn new(json: bool) -> Output {
        Output {
            json,
            failure: RefCell::new(None),
        }
    }

    pub fn json(&self) -> bool {
        self.json
    }

    /// Prints `value` as JSON with `--json`, else the text `text` makes (sanitized).
    pub fn print<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        let body = if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(json) => json,
                Err(e) => {
                    warn(&format!("cannot write JSON: {e}"));
                    return;
                }
            }
        } else {
            sanitize(&text())
        };
        self.line(&body);
    }

    /// Writes one line to stdout as it is (JSON escapes control characters itself).
    pub fn line(&self, text: &str) {
        if let Err(e) = write_line(text) {
            let mut failure = self.failure.borrow_mut();
            if failure.is_none() {
                *failure = Some(e);
            }
        }
    }

    /// The first failure to print, if any.
    pub fn failure(&self) -> Option<io::Error> {
        self.failure.borrow_mut().take()
    }
}

fn write_line(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")?;
    out.flush()
}

/// One line on stderr, `farmstall: ...`, sanitized and joined into one line; a stderr that
/// cannot be written is ignored (there is nowhere left to say it).
pub fn warn(message: &str) {
    let line = sanitize(&message.replace('\n', " "));
    let _ = writeln!(io::stderr().lock(), "farmstall: {line}");
}

/// Text for a terminal: every control character but the newline (ESC, CR, BEL, DEL, the C1
/// controls) and every bidirectional override becomes its `\u{..}` escape, so a name typed or
/// imported with an escape sequence can neither restyle the terminal nor hide what follows it.
pub fn sanitize(text: &str) -> String {
    if !text.chars().any(needs_escape) {
        return text.to_string();
    }
    let mut clean = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            clean.extend(c.escape_unicode());
        } else {
            clean.push(c);
        }
    }
    clean
}

fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Says where a saved document is, after copying it to `copy_to` when asked.
pub fn print_saved(
    out: &Output,
    saved: &SavedDocument,
    copy_to: Option<&Path>,
) -> Result<(), AppError> {
    if let Some(target) = copy_to {
        std::fs::copy(&saved.path, target)
            .map_err(|e| AppError::Conflict(format!("cannot write {}: {e}", target.display())))?;
    }
    out.print(saved, || match copy_to {
        Some(target) => format!("saved {} and {}", saved.path, target.display()),
        None => format!("saved {}", saved.path),
    });
    Ok(())
}

/// A page of a list: its lines and where they sit in the whole.
pub fn page_text(lines: impl Iterator<Item = String>, total: u32, offset: u32) -> String {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return format!("nothing found ({total} in all)");
    }
    let shown = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    format!(
        "{}\n({}–{} of {total})",
        lines.join("\n"),
        offset.saturating_add(1),
        offset.saturating_add(shown)
    )
}

pub fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

pub fn archived(flag: bool) -> &'static str {
    if flag {
        "archived"
    } else {
        "active"
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize;

    #[test]
    fn escapes_leave_no_control_character_but_the_newline() {
        assert_eq!(sanitize("王\u{1b}[31m德贵"), "王\\u{1b}[31m德贵");
        assert_eq!(sanitize("a\nb\r\u{7}"), "a\nb\\u{d}\\u{7}");
        assert_eq!(sanitize("猕猴桃 5斤装 ¥48.80"), "猕猴桃 5斤装 ¥48.80");
        assert_eq!(sanitize("\u{202E}abc"), "\\u{202e}abc");
    }
}
