//! The harness itself: Xvfb and tauri-driver start, answer, and are gone after drop. Needs no app
//! binary, so it tells a broken machine apart from a broken app.

use std::path::PathBuf;

use farmstall_e2e::harness::{log_dir, Desktop};

#[test]
fn display_and_driver_start_answer_and_stop() {
    let root = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    std::fs::create_dir_all(log_dir()).unwrap_or_else(|e| panic!("log dir: {e}"));
    let log = log_dir().join("harness.log");
    let _ = std::fs::remove_file(&log);

    let desktop = Desktop::start(&log, root.path());
    let display = desktop.display();
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
    assert!(
        socket.exists(),
        "Xvfb socket {} missing while running",
        socket.display()
    );
    let status = desktop
        .client()
        .status()
        .unwrap_or_else(|e| panic!("/status: {e}"));
    assert!(status.is_object(), "/status answered {status}");

    drop(desktop);
    assert!(
        !socket.exists(),
        "Xvfb socket {} left behind after drop",
        socket.display()
    );
    let lock = PathBuf::from(format!("/tmp/.X{display}-lock"));
    assert!(
        !lock.exists(),
        "Xvfb lock {} left behind after drop",
        lock.display()
    );
}
