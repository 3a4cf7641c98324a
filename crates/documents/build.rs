//! Deflates the embedded Chinese font into Cargo's output folder at build time: 4.0 MB of
//! TrueType become 2.1 MB in every binary that prints, and are inflated once, the first time a
//! document is printed (`font::fonts`).

use std::io::Write;
use std::path::PathBuf;

const CJK: &str = "../../assets/fonts/DroidSansFallbackFull.ttf";

fn main() {
    println!("cargo::rerun-if-changed={CJK}");
    let font = std::fs::read(CJK).unwrap_or_else(|e| panic!("cannot read {CJK}: {e}"));
    let mut deflate = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    let packed = deflate
        .write_all(&font)
        .and_then(|()| deflate.finish())
        .unwrap_or_else(|e| panic!("cannot deflate {CJK}: {e}"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let target = out.join("DroidSansFallbackFull.ttf.zlib");
    std::fs::write(&target, packed)
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", target.display()));
}
