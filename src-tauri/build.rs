//! Makes everything that names the desktop commands from the one list, `commands.txt`:
//! tauri-build's command list (one permission per command), `capabilities/default.json` (granting
//! exactly those and nothing else; rewritten when the list changed, and committed), and
//! `$OUT_DIR/handler.rs`, the `tauri::generate_handler![...]` main.rs includes.

use std::path::{Path, PathBuf};

#[path = "src/command_list.rs"]
mod command_list;

const LIST: &str = "commands.txt";
const CAPABILITY: &str = "capabilities/default.json";

fn main() {
    if let Err(error) = generate() {
        println!("cargo:warning={error}");
        std::process::exit(1);
    }
}

fn generate() -> Result<(), String> {
    // tauri-build prints rerun-if-changed lines of its own, after which Cargo watches only the
    // files named; so name ours.
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-changed=src/command_list.rs");
    let text = std::fs::read_to_string(LIST).map_err(|e| format!("{LIST}: {e}"))?;
    let commands = command_list::parse(&text)?;

    let capability = command_list::capability(&commands);
    write_if_changed(Path::new(CAPABILITY), &capability)?;

    let out_dir = std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?;
    let handler = PathBuf::from(out_dir).join("handler.rs");
    write_if_changed(&handler, &command_list::handler(&commands))?;

    // tauri-build wants the names for the life of the build script.
    let names: Vec<&'static str> = commands
        .iter()
        .map(|c| &*String::leak(c.name.to_string()))
        .collect();
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(names.leak()));
    tauri_build::try_build(attributes).map_err(|e| format!("tauri build failed: {e:#}"))
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if std::fs::read_to_string(path).ok().as_deref() == Some(text) {
        return Ok(());
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
