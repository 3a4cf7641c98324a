//! Backups, restore and the about view. None needs the shop open: the database-error and welcome
//! screens list and restore backups too (a damaged shop is when a backup matters most).

use std::path::PathBuf;

use farmstall_app::backup::{
    self, About, BackupList, BackupOutcome, Kind, OfferedPlace, RestoreReport,
};
use farmstall_app::IpcError;
use tauri::State;

use crate::shell::{blocking, Reply, Shell};

/// Both places' backups, newest first, with how the copy outside the PC stands.
#[tauri::command]
pub async fn list_backups(shell: State<'_, Shell>) -> Reply<BackupList> {
    let db = shell.db_path().to_path_buf();
    shell
        .run_state("list_backups", move |state| match state {
            Ok(app) => app.list_backups().map_err(IpcError::from),
            Err(_) => Ok(backup::list(&db)),
        })
        .await
}

/// A backup now, here and in the second place (or in `to`, a folder chosen for this one). The
/// shop is held only to prepare it: the copy runs without it, so other commands go on.
#[tauri::command]
pub async fn backup_now(shell: State<'_, Shell>, to: Option<String>) -> Reply<BackupOutcome> {
    let to = to.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    let job = shell
        .run("backup_now", move |app| {
            app.backup_job(Kind::Manual, to.as_deref().map(std::path::Path::new))
        })
        .await?;
    blocking("backup_now", move || job.run().map_err(IpcError::from)).await
}

/// Replaces the shop with the backup at `path`; the replaced file is kept aside and a
/// before-restore backup is taken. A file that cannot be restored from is refused, nothing changed.
#[tauri::command]
pub async fn restore_backup(
    shell: State<'_, Shell>,
    sync: State<'_, crate::sync::Sync>,
    path: String,
) -> Reply<RestoreReport> {
    let from = PathBuf::from(path.trim());
    shell
        .replace_shop("restore_backup", sync.runner.pauser(), move |db| {
            backup::restore(db, &from)
        })
        .await
}

/// Sets (a folder) or clears (`null`) the second place for backups.
#[tauri::command]
pub async fn set_backup_place(
    shell: State<'_, Shell>,
    folder: Option<String>,
) -> Reply<Option<String>> {
    shell
        .run("set_backup_place", move |app| {
            app.set_backup_place(folder.as_deref())
        })
        .await
}

/// USB sticks and other disks plugged in now, offered as the second place.
#[tauri::command]
pub async fn offered_backup_places() -> Reply<Vec<OfferedPlace>> {
    blocking("offered_backup_places", || Ok(backup::offered_places())).await
}

/// The version, the data folder, the backups' places.
#[tauri::command]
pub async fn about(shell: State<'_, Shell>) -> Reply<About> {
    let db = shell.db_path().to_path_buf();
    blocking("about", move || Ok(backup::about(&db))).await
}
