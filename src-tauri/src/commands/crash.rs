//! The crash record: whether Farmstall stopped unexpectedly last time, acknowledging it, and
//! opening the folder of logs and crash reports. None needs the shop open (a database error is
//! when the logs matter most): they work on the data folder, the database file's folder.

use std::path::{Path, PathBuf};

use farmstall_app::crash::{self, CrashNotice};
use farmstall_app::IpcError;
use tauri::State;

use crate::shell::{blocking, Reply, Shell};

fn data_dir(shell: &Shell) -> PathBuf {
    shell
        .db_path()
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// The newest crash report not yet acknowledged (its time and file), or `null`.
#[tauri::command]
pub async fn last_crash(shell: State<'_, Shell>) -> Reply<Option<CrashNotice>> {
    let dir = data_dir(&shell);
    blocking("last_crash", move || Ok(crash::unseen_crash(&dir))).await
}

/// Marks every crash report there is as seen: the next start says nothing of them.
#[tauri::command]
pub async fn acknowledge_crash(shell: State<'_, Shell>) -> Reply<()> {
    let dir = data_dir(&shell);
    blocking("acknowledge_crash", move || {
        crash::acknowledge(&dir).map_err(|e| {
            IpcError::new(
                "unavailable",
                format!("the crash record could not be marked as seen: {e}"),
            )
        })
    })
    .await
}

/// Opens the data folder's `logs/` in the system's file manager; `no_viewer` naming the folder
/// when nothing can show it.
#[tauri::command]
pub async fn show_logs_folder(shell: State<'_, Shell>) -> Reply<()> {
    let dir = data_dir(&shell);
    blocking("show_logs_folder", move || {
        crash::show_logs_folder(&dir).map_err(IpcError::from)
    })
    .await
}
