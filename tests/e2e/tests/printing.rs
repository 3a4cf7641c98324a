//! Printing on a computer with neither a print service nor a PDF viewer: the app runs with a `PATH`
//! that has every program of the real one except `lp`, `lpstat` and `xdg-open`. After 打印面单 the
//! labels are saved and the window says at once that there is no print service and nothing to open a
//! PDF with, and where the file is; 打开查看 says the same instead of doing nothing.

use std::ffi::OsString;
use std::path::Path;

use farmstall_e2e::App;

/// The programs printing and opening need, left out of the app's `PATH`.
const LEFT_OUT: [&str; 4] = ["lp", "lpstat", "xdg-open", "open"];

/// A folder of links to every program on this process's `PATH` except [`LEFT_OUT`] (the first of
/// each name wins, as a `PATH` search would).
fn path_without_printing(into: &Path) -> OsString {
    let path = std::env::var_os("PATH").unwrap_or_else(|| panic!("no PATH"));
    for dir in std::env::split_paths(&path) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            if LEFT_OUT.iter().any(|l| name == *l) {
                continue;
            }
            let link = into.join(&name);
            if !link.exists() {
                // A name that cannot be linked is not needed by the window.
                let _ = std::os::unix::fs::symlink(entry.path(), link);
            }
        }
    }
    into.as_os_str().to_os_string()
}

#[test]
fn printing_labels_with_no_printer_and_no_viewer_says_so_and_where_the_file_is() {
    let bin = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = path_without_printing(bin.path());
    for program in LEFT_OUT {
        assert!(!bin.path().join(program).exists(), "{program} is left out");
    }
    let app = App::launch_with_env("printing-nothing-installed", &[("PATH", path)]);
    app.click("welcome-demo");
    app.wait_for("today-screen");
    app.click("nav-orders");
    app.wait_for("orders-screen");

    // Numbers for the day's paid orders, so that they have labels to print.
    app.click("orders-waybill-ranges");
    app.wait_for("range-form");
    app.fill("range-courier", "ZTO");
    app.fill("range-first", "75129990000000");
    app.fill("range-last", "75129990000049");
    app.click("range-save");
    app.wait_rows("waybill-range-row", "the new range", |r| r.len() == 1);
    app.click("modal-close");
    app.wait_gone("waybill-ranges");
    app.fill("orders-state", "paid");
    app.wait_rows("order-row", "paid orders", |r| r.len() >= 3);
    app.set_checked("orders-select-all", true);
    app.click("orders-assign-waybills");
    app.wait_for("assign-waybills");
    app.fill("assign-courier", "ZTO");
    app.click("assign-save");
    app.wait_for("assign-result");
    app.click("assign-close");
    app.wait_gone("assign-waybills");

    // 打印面单: saved, and the window says what is missing, naming the file.
    app.click("orders-print-labels");
    app.wait_for("labels-dialog");
    app.wait_for("print-choice");
    let saved = app.text("print-path");
    assert!(
        saved.contains("documents") && saved.ends_with(".pdf"),
        "{saved}"
    );
    let said = app.wait_text_contains("print-setup-problem", "没有安装打印服务");
    assert!(said.contains("没有找到能打开 PDF 的程序"), "{said}");
    assert!(said.contains(&saved), "the message names {saved}: {said}");
    assert!(!app.is_visible("print-send"), "no printer to send to");
    app.wait_for("toast-folder");
    app.screenshot("printing-nothing-installed");

    // 打开查看 does not do nothing: it says there is no viewer, and where the file is.
    app.click("print-open");
    let error = app.wait_text_contains("print-error", "没有找到能打开 PDF 的程序");
    assert!(error.contains(&saved), "{error}");
    assert!(
        Path::new(&saved).is_file(),
        "the labels are saved at {saved}"
    );
}
