//! Helpers the document tests share: a temp folder, and reading PDFs back with poppler.
#![allow(dead_code)] // each test file uses its own share of them

use std::path::{Path, PathBuf};
use std::process::Command;

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// Runs a poppler tool and returns its standard output.
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "cannot run `{tool}` ({e}): these tests read the PDFs back with poppler; \
             install poppler-utils (apt-get install poppler-utils)"
        )
    });
    assert!(
        output.status.success(),
        "{tool} {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().unwrap_or_else(|| panic!("non-UTF-8 path"))
}

pub fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &["-enc", "UTF-8", "-f", &p, "-l", &p, path_str(pdf), "-"],
    )
}

pub fn info(pdf: &Path) -> String {
    poppler("pdfinfo", &[path_str(pdf)])
}

pub fn pages(pdf: &Path) -> usize {
    let info = info(pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}
