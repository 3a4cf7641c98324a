//! The shop itself: status, language, profile, the demo shop (and leaving it), and the owner's PIN.

use std::path::Path;

use farmstall_app::demo::LeftDemo;
use farmstall_app::dto::{AppStatus, DemoSummary, ShopProfileDto, ShopProfileInput};
use farmstall_app::pin::PinStatus;
use farmstall_app::start::StartDto;
use farmstall_app::{App, IpcError, VERSION};
use tauri::State;

use crate::later::FirstScreen;
use crate::shell::{OpenFailure, Reply, Shell};

/// The status of a shop that could not be opened: why, so the window can start and show only that.
fn unopened_status(db_path: &Path, failure: &OpenFailure) -> AppStatus {
    AppStatus {
        version: VERSION.to_string(),
        db_path: db_path.display().to_string(),
        language: "zh-CN".into(),
        has_shop: false,
        is_demo: false,
        open_error: Some(failure.message.clone()),
        open_error_kind: Some(failure.kind.to_string()),
    }
}

/// The version, the database and its language; a shop that could not be opened still answers, with
/// why, so the window can start and show only that.
#[tauri::command]
pub async fn get_status(shell: State<'_, Shell>) -> Reply<AppStatus> {
    let db_path = shell.db_path().to_path_buf();
    shell
        .run_state("get_status", move |state| match state {
            Ok(app) => app.status().map_err(IpcError::from),
            Err(failure) => Ok(unopened_status(&db_path, failure)),
        })
        .await
}

/// The first screen's data, `App::start`, or for a shop that could not be opened its status
/// (why) and a crash report (which needs no shop).
fn start_state(
    state: &mut Result<App, OpenFailure>,
    db_path: &Path,
    syncing: bool,
) -> Reply<StartDto> {
    match state {
        Ok(app) => {
            let mut start = app.start().map_err(IpcError::from)?;
            if let Some(today) = start.today.as_mut() {
                today.sync.syncing = syncing;
            }
            Ok(start)
        }
        Err(failure) => Ok(StartDto::unopened(
            unopened_status(db_path, failure),
            db_path.parent().unwrap_or(Path::new(".")),
        )),
    }
}

/// Everything the window's first screen needs in one call (one turn of the shell's lock instead
/// of a chain of calls). Answering it tells the later work (the first sync round, the day's
/// backup) that the window is about to draw.
#[tauri::command]
pub async fn start(
    shell: State<'_, Shell>,
    sync: State<'_, crate::sync::Sync>,
    first_screen: State<'_, FirstScreen>,
) -> Reply<StartDto> {
    let db_path = shell.db_path().to_path_buf();
    let syncing = sync.runner.busy();
    let reply = shell
        .run_state("start", move |state| start_state(state, &db_path, syncing))
        .await;
    first_screen.shown();
    reply
}

#[tauri::command]
pub async fn set_language(shell: State<'_, Shell>, language: String) -> Reply<AppStatus> {
    shell
        .run("set_language", move |app| app.set_language(&language))
        .await
}

#[tauri::command]
pub async fn get_shop_profile(shell: State<'_, Shell>) -> Reply<Option<ShopProfileDto>> {
    shell
        .run("get_shop_profile", move |app| app.shop_profile())
        .await
}

#[tauri::command]
pub async fn save_shop_profile(
    shell: State<'_, Shell>,
    input: ShopProfileInput,
) -> Reply<ShopProfileDto> {
    shell
        .run("save_shop_profile", move |app| {
            app.save_shop_profile(&input)
        })
        .await
}

#[tauri::command]
pub async fn load_demo(shell: State<'_, Shell>) -> Reply<DemoSummary> {
    shell.run("load_demo", move |app| app.load_demo()).await
}

/// Clears the demo shop to start the owner's own: sync lets go of the file, the window's shop is
/// closed, the demo is backed up and removed (`demo::leave`), and the shop opened again, now
/// new and empty. A shop that is not the demo is refused, nothing changed. The demo marketplace,
/// if it runs, stops: its connection went with the demo.
#[tauri::command]
pub async fn leave_demo(
    shell: State<'_, Shell>,
    sync: State<'_, crate::sync::Sync>,
) -> Reply<LeftDemo> {
    let left = shell
        .replace_shop("leave_demo", sync.runner.pauser(), |db| {
            farmstall_app::demo::leave(db)
        })
        .await?;
    if let Ok(mut demo) = sync.demo.lock() {
        *demo = None;
    }
    Ok(left)
}

#[tauri::command]
pub async fn pin_status(shell: State<'_, Shell>) -> Reply<PinStatus> {
    shell.run("pin_status", move |app| app.pin_status()).await
}

#[tauri::command]
pub async fn set_pin(shell: State<'_, Shell>, current: String, new: String) -> Reply<PinStatus> {
    shell
        .run("set_pin", move |app| app.set_pin(&current, &new))
        .await
}

#[tauri::command]
pub async fn unlock(shell: State<'_, Shell>, pin: String) -> Reply<PinStatus> {
    shell.run("unlock", move |app| app.unlock(&pin)).await
}

#[tauri::command]
pub async fn lock(shell: State<'_, Shell>) -> Reply<PinStatus> {
    shell.run("lock", move |app| app.lock()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window's one start call: the status, and on the demo shop its Today figures with the
    /// runner's word on whether a round runs; on a shop that could not be opened, why, with the
    /// crash report Farmstall left behind.
    #[test]
    fn the_start_answers_for_an_open_shop_and_for_one_that_did_not_open() -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let db_path = dir.path().join("farmstall.db");
        let mut opened = crate::shell::open_shop(&db_path);
        let start = start_state(&mut opened, &db_path, false).map_err(|e| e.message)?;
        assert!(!start.status.has_shop && start.status.open_error.is_none());
        assert_eq!(start.today, None);
        assert_eq!(start.crash, None);

        if let Ok(app) = opened.as_mut() {
            app.load_demo().map_err(|e| e.to_string())?;
        }
        let start = start_state(&mut opened, &db_path, true).map_err(|e| e.message)?;
        assert!(start.status.is_demo);
        let today = start.today.ok_or("no Today figures on the demo shop")?;
        assert!(today.sync.syncing, "the runner's round is not told");

        let logs = dir.path().join("logs");
        std::fs::create_dir_all(&logs).map_err(|e| e.to_string())?;
        std::fs::write(logs.join("crash-20260901-015500.txt"), "panicked")
            .map_err(|e| e.to_string())?;
        let mut broken: Result<App, OpenFailure> = Err(OpenFailure {
            kind: "corrupt",
            message: "the file is damaged".to_string(),
        });
        let start = start_state(&mut broken, &db_path, false).map_err(|e| e.message)?;
        assert_eq!(
            start.status.open_error.as_deref(),
            Some("the file is damaged")
        );
        assert_eq!(start.status.open_error_kind.as_deref(), Some("corrupt"));
        assert!(start.crash.is_some(), "the crash report is not told");
        Ok(())
    }
}
