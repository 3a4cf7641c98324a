//! An empty Tauri 2 window for `make bench-start`: the window Farmstall opens (the same size,
//! position and options as `open_main_window` in `src-tauri/src/main.rs`, and the same CSP in
//! `tauri.conf.json`) over a page of one card and no script, so that Farmstall's start can be set
//! against the least a Tauri window costs on the same machine. Keep the two windows alike.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use tauri::{LogicalSize, WebviewUrl, WebviewWindowBuilder};

/// As Farmstall's main window: 1280x800, or smaller to fit the screen, at the top left.
fn open_window(app: &tauri::App) -> tauri::Result<()> {
    let (mut width, mut height) = (1280.0_f64, 800.0_f64);
    if let Ok(Some(monitor)) = app.primary_monitor() {
        let screen: LogicalSize<f64> = monitor.size().to_logical(monitor.scale_factor());
        width = width.min(screen.width);
        height = height.min(screen.height);
    }
    WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("农家小店 empty window")
        .inner_size(width, height)
        .min_inner_size(width.min(960.0), height.min(640.0))
        .position(0.0, 0.0)
        .resizable(true)
        .disable_drag_drop_handler()
        .build()?;
    Ok(())
}

fn main() {
    let result = tauri::Builder::default()
        .setup(|app| Ok(open_window(app)?))
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("empty window: the window could not start: {error}");
        std::process::exit(1);
    }
}
