//! The shop itself: status, language, profile, the demo shop (and leaving it), and the owner's PIN.

use farmstall_app::demo::LeftDemo;
use farmstall_app::dto::{AppStatus, DemoSummary, ShopProfileDto, ShopProfileInput};
use farmstall_app::pin::PinStatus;
use farmstall_app::{IpcError, VERSION};
use tauri::State;

use crate::shell::{Reply, Shell};

/// The version, the database and its language; a shop that could not be opened still answers, with
/// why, so the window can start and show only that.
#[tauri::command]
pub async fn get_status(shell: State<'_, Shell>) -> Reply<AppStatus> {
    let db_path = shell.db_path().display().to_string();
    shell
        .run_state("get_status", move |state| match state {
            Ok(app) => app.status().map_err(IpcError::from),
            Err(failure) => Ok(AppStatus {
                version: VERSION.to_string(),
                db_path,
                language: "zh-CN".into(),
                has_shop: false,
                is_demo: false,
                open_error: Some(failure.message.clone()),
                open_error_kind: Some(failure.kind.to_string()),
            }),
        })
        .await
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
