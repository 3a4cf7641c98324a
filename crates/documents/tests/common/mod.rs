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

/// White space removed: a wrapped line comes back over several lines, and pdftotext guesses
/// spaces from gaps.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Whether `text` contains `expected`, ignoring white space.
pub fn has(text: &str, expected: &str) -> bool {
    squash(text).contains(&squash(expected))
}

pub fn count(text: &str, expected: &str) -> usize {
    squash(text).matches(&squash(expected)).count()
}

/// A word pdftotext found, with its box in points from the top-left corner.
#[derive(Debug)]
pub struct Word {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub text: String,
}

/// Every word of every page, from `pdftotext -bbox`: (page width, page height, words).
pub fn words(pdf: &Path) -> Vec<(f32, f32, Vec<Word>)> {
    let html = poppler("pdftotext", &["-bbox", "-enc", "UTF-8", path_str(pdf), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {tag}"))
            + name.len()
            + 2;
        let end = start + tag[start..].find('"').unwrap_or(0);
        tag[start..end]
            .parse()
            .unwrap_or_else(|e| panic!("{name} in {tag}: {e}"))
    };
    let mut pages = Vec::new();
    for page in html.split("<page ").skip(1) {
        let (w, h) = (attr(page, "width"), attr(page, "height"));
        let mut words = Vec::new();
        for part in page.split("<word ").skip(1) {
            let (tag, rest) = part.split_once('>').unwrap_or((part, ""));
            let text = rest.split("</word>").next().unwrap_or("").to_string();
            words.push(Word {
                x0: attr(tag, "xMin"),
                y0: attr(tag, "yMin"),
                x1: attr(tag, "xMax"),
                y1: attr(tag, "yMax"),
                text,
            });
        }
        pages.push((w, h, words));
    }
    pages
}

/// No word leaves the page's 15 mm margins (less a little for the glyphs' own margins), and
/// no two words overlap. Word boxes span the font's whole ascent and descent, a little
/// more than the tightest line pitch, so they are trimmed by 1 pt top and bottom.
pub fn assert_nothing_overlaps_or_is_cut_off(pdf: &Path) {
    let margin = 15.0 * 72.0 / 25.4 - 6.0;
    for (n, (w, h, words)) in words(pdf).iter().enumerate() {
        assert!(
            words.iter().any(|w| !w.text.is_empty()),
            "page {}: pdftotext found no words",
            n + 1
        );
        for (i, a) in words.iter().enumerate() {
            assert!(
                a.x0 >= margin && a.y0 >= margin && a.x1 <= w - margin && a.y1 <= h - margin,
                "page {}: {a:?} is off the page",
                n + 1
            );
            for b in &words[i + 1..] {
                let apart = a.x1 <= b.x0 + 0.5
                    || b.x1 <= a.x0 + 0.5
                    || a.y1 - 1.0 <= b.y0 + 1.0
                    || b.y1 - 1.0 <= a.y0 + 1.0;
                assert!(apart, "page {}: {a:?} overlaps {b:?}", n + 1);
            }
        }
    }
}
