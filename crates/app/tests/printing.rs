//! Printing and opening a saved document on a computer that lacks the programs for it: the real
//! code runs with a `PATH` of the test's own (given to the app's `Programs`, not set on the
//! process), and every failure is a refusal that says what happened and where the file is.
#![cfg(unix)]

use std::path::Path;

use farmstall_app::dto::FarmerInput;
use farmstall_app::printing::Programs;
use farmstall_app::statement::{SavedDocument, StatementQuery};
use farmstall_app::{App, AppError, FieldIssue, IpcError, Origin};

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// The one issue of a refusal.
fn issue<T: std::fmt::Debug>(result: Result<T, AppError>) -> FieldIssue {
    match result {
        Err(e) => {
            let mut errors = IpcError::from(&e).errors;
            assert_eq!(errors.len(), 1, "{errors:?}");
            errors.remove(0)
        }
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

/// A shop with one farmer's statement saved as a PDF.
fn shop() -> (tempfile::TempDir, App, SavedDocument) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::open(&dir.path().join("farmstall.db"), Origin::Desktop)
        .unwrap_or_else(|e| panic!("open: {e}"));
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let doc = ok(app.save_farmer_statement(&StatementQuery {
        farmer_id: farmer,
        from: String::new(),
        to: String::new(),
        language: "zh-CN".into(),
    }));
    assert!(Path::new(&doc.path).is_file(), "{}", doc.path);
    (dir, app, doc)
}

fn script(dir: &Path, name: &str, body: &str) {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
        .unwrap_or_else(|e| panic!("{e}"));
}

/// What the person is told names the saved file, in the message and in the parameters the UI
/// translates.
fn names_the_file(issue: &FieldIssue, doc: &SavedDocument) {
    assert_eq!(
        issue.params.get("path").map(String::as_str),
        Some(doc.path.as_str()),
        "{issue:?}"
    );
    assert!(issue.message.contains(&doc.path), "{issue:?}");
}

#[test]
fn with_no_printer_and_no_viewer_on_the_path_printing_and_opening_say_so_and_where_the_file_is() {
    let (_dir, app, doc) = shop();
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let app = app.with_programs(Programs::on_path(empty.path()));

    let setup = app.print_setup();
    assert!(setup.printers.is_empty() && !setup.viewer, "{setup:?}");
    assert_eq!(setup.cannot_print.as_deref(), Some("no_cups"));

    let printing = issue(app.print_document(&doc.path, ""));
    assert_eq!(
        (printing.field.as_str(), printing.rule.as_str()),
        ("printer", "no_cups")
    );
    names_the_file(&printing, &doc);

    let opening = issue(app.open_document(&doc.path));
    assert_eq!(
        (opening.field.as_str(), opening.rule.as_str()),
        ("path", "no_viewer")
    );
    names_the_file(&opening, &doc);

    let folder = issue(app.show_document_folder(&doc.path));
    assert_eq!(folder.rule, "no_viewer");
    names_the_file(&folder, &doc);

    // The file is still there to be copied.
    assert!(Path::new(&doc.path).is_file());
}

#[test]
fn a_viewer_that_finds_no_program_for_pdf_is_no_viewer_and_one_that_works_opens_the_file() {
    let (_dir, app, doc) = shop();
    let bin = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // xdg-open's own answer when no program handles the file's kind.
    script(bin.path(), "xdg-open", "exit 3");
    script(bin.path(), "open", "exit 3");
    let app = app.with_programs(Programs::on_path(bin.path()));
    let refused = issue(app.open_document(&doc.path));
    assert_eq!(refused.rule, "no_viewer");
    names_the_file(&refused, &doc);

    let log = bin.path().join("opened.log");
    for name in ["xdg-open", "open"] {
        script(
            bin.path(),
            name,
            &format!("echo \"$1\" >> {}", log.display()),
        );
    }
    ok(app.open_document(&doc.path));
    ok(app.show_document_folder(&doc.path));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let opened = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.lines().count() >= 2 || std::time::Instant::now() > deadline {
            break text;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    let folder = Path::new(&doc.path)
        .parent()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let lines: Vec<&str> = opened.lines().collect();
    assert_eq!(lines.len(), 2, "{opened}");
    assert!(
        lines[0].ends_with(doc.path.rsplit('/').next().unwrap_or("?")),
        "{opened}"
    );
    assert!(
        lines[1].ends_with(folder.rsplit('/').next().unwrap_or("?")),
        "{opened}"
    );
    // Only what Farmstall saved is opened.
    assert_eq!(issue(app.open_document("/etc/passwd")).rule, "not_allowed");
}

#[test]
fn a_printer_that_is_off_or_refuses_jobs_is_printer_offline_naming_it_and_the_file() {
    let (_dir, app, doc) = shop();
    let bin = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let log = bin.path().join("lp.log");
    let lpstat = |state: &str| {
        format!(
            "case \"$1\" in -e) echo Label-TSC;; -d) echo 'system default destination: Label-TSC';; \
             -p) printf '{state}\\n';; esac"
        )
    };
    script(
        bin.path(),
        "lpstat",
        &lpstat("printer Label-TSC disabled since Mon 07 Dec 2026 -\\n\\tPaused"),
    );
    script(
        bin.path(),
        "lp",
        &format!(
            "echo \"$@\" >> {}\necho 'request id is Label-TSC-3 (1 file(s))'",
            log.display()
        ),
    );
    let app = app.with_programs(Programs::on_path(bin.path()));
    let setup = app.print_setup();
    assert!(
        setup.cannot_print.is_none() && setup.printers.len() == 1,
        "{setup:?}"
    );

    // Disabled: nothing is queued to wait for a printer that will not print it.
    let off = issue(app.print_document(&doc.path, ""));
    assert_eq!(
        (off.field.as_str(), off.rule.as_str()),
        ("printer", "printer_offline")
    );
    assert_eq!(
        off.params.get("printer").map(String::as_str),
        Some("Label-TSC")
    );
    names_the_file(&off, &doc);
    assert!(!log.exists(), "nothing was sent to a printer that is off");

    // CUPS says it is fine, but lp is refused: the destination takes no jobs.
    script(
        bin.path(),
        "lpstat",
        &lpstat("printer Label-TSC is idle.  enabled since Mon 07 Dec 2026"),
    );
    script(
        bin.path(),
        "lp",
        "echo 'lp: Destination \"Label-TSC\" is not accepting jobs.' >&2; exit 1",
    );
    let refused = issue(app.print_document(&doc.path, "Label-TSC"));
    assert_eq!(refused.rule, "printer_offline");
    names_the_file(&refused, &doc);

    // Switched back on: the same file prints again.
    script(
        bin.path(),
        "lp",
        &format!(
            "echo \"$@\" >> {}\necho 'request id is Label-TSC-4 (1 file(s))'",
            log.display()
        ),
    );
    let job = ok(app.print_document(&doc.path, ""));
    assert_eq!(
        (job.printer.as_str(), job.job.as_str()),
        ("Label-TSC", "Label-TSC-4")
    );
    let asked = std::fs::read_to_string(&log).unwrap_or_else(|e| panic!("{e}"));
    assert!(asked.trim_end().ends_with(&doc.path), "{asked}");

    // CUPS installed, its scheduler stopped.
    script(
        bin.path(),
        "lp",
        "echo 'lp: Error - scheduler not responding.' >&2; exit 1",
    );
    assert_eq!(issue(app.print_document(&doc.path, "")).rule, "no_cups");
}
