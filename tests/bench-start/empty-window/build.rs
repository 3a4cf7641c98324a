//! tauri-build for the empty window: its context (config, the page in `dist/`), as for the app.

fn main() {
    tauri_build::build()
}
