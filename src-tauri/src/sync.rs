//! Marketplace sync in the window: the background round runner, the built-in demo marketplace,
//! and the commands of the sync screen. Rounds run on the runner's own thread and connection, so a
//! slow or absent marketplace never holds the window's lock.

use std::sync::Mutex;
use std::time::Duration;

use farmstall_app::credentials::{MarketplaceInput, MarketplaceSettings};
use farmstall_app::sync::{
    HeldOrderDto, ListingDto, ListingInput, OutboxItemDto, Runner, SyncAlertDto, SyncStatus,
};
use farmstall_app::IpcError;
use tauri::{AppHandle, Manager, State};

use crate::shell::{blocking, Reply, Shell};

/// A round every this long while the window is open.
pub const EVERY: Duration = Duration::from_secs(60);

/// The demo marketplace while it runs; a build without the `demo-marketplace` feature has none.
#[cfg(feature = "demo-marketplace")]
type DemoServer = farmstall_marketplace_sim::Running;
#[cfg(not(feature = "demo-marketplace"))]
type DemoServer = std::convert::Infallible;

/// The background sync and the demo marketplace, when one runs.
pub struct Sync {
    pub runner: Runner,
    pub demo: Mutex<Option<DemoServer>>,
}

fn unavailable(message: &str) -> IpcError {
    IpcError::new("unavailable", message)
}

/// What `connect_demo_marketplace` answers in a build without the demo marketplace.
#[cfg(not(feature = "demo-marketplace"))]
pub const NO_DEMO: &str = "this build has no demo marketplace; connect a real marketplace instead";

#[cfg(not(feature = "demo-marketplace"))]
fn start_demo(_shell: &Shell, _sync: &Sync) -> Reply<u32> {
    Err(unavailable(NO_DEMO))
}

/// Starts the demo marketplace (its order numbers start above any it gave out before) and
/// connects the shop to it.
#[cfg(feature = "demo-marketplace")]
fn start_demo(shell: &Shell, sync: &Sync) -> Reply<u32> {
    use farmstall_app::sync::DemoListing;
    use farmstall_marketplace_sim::{Config, Simulator, DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION};
    let config = Config {
        // Seconds since 2020 × 100: a restarted demo never reuses an order number.
        first_tid: chrono::Utc::now()
            .timestamp()
            .saturating_sub(1_577_836_800)
            .max(1) as u64
            * 100,
        seed: chrono::Utc::now().timestamp() as u64,
        ..Config::demo()
    };
    let listings: Vec<DemoListing> = config
        .shops
        .iter()
        .flat_map(|s| s.listings.iter())
        .map(|l| DemoListing {
            num_iid: l.num_iid.to_string(),
            sku_id: l.sku_id.clone().unwrap_or_default(),
            outer_id: l.outer_id.clone(),
            title: l.title.clone(),
        })
        .collect();
    let running = Simulator::try_start(config)
        .map_err(|e| unavailable(&format!("the demo marketplace could not start: {e}")))?;
    let url = running.url();
    let mapped = shell.call("connect_demo_marketplace", |app| {
        app.connect_demo_marketplace(&url, (DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION), &listings)
    })?;
    if let Ok(mut demo) = sync.demo.lock() {
        *demo = Some(running);
    }
    sync.runner.sync_now();
    Ok(mapped)
}

/// At start: a shop connected to the demo marketplace gets it started again.
pub fn resume_demo(shell: &Shell, sync: &Sync) {
    let demo = shell
        .call("marketplace_settings", |app| app.marketplace_settings())
        .map(|s| s.demo)
        .unwrap_or(false);
    if demo {
        if let Err(e) = start_demo(shell, sync) {
            tracing::warn!(kind = %e.kind, "the demo marketplace could not start again");
            eprintln!("farmstall: {}", e.message);
        }
    }
}

#[tauri::command]
pub async fn sync_status(shell: State<'_, Shell>, sync: State<'_, Sync>) -> Reply<SyncStatus> {
    let mut status = shell.run("sync_status", |app| app.sync_status()).await?;
    status.syncing = sync.runner.busy();
    Ok(status)
}

#[tauri::command]
pub async fn sync_now(sync: State<'_, Sync>) -> Reply<()> {
    sync.runner.sync_now();
    Ok(())
}

#[tauri::command]
pub async fn marketplace_settings(shell: State<'_, Shell>) -> Reply<MarketplaceSettings> {
    shell
        .run("marketplace_settings", |app| app.marketplace_settings())
        .await
}

#[tauri::command]
pub async fn save_marketplace(
    shell: State<'_, Shell>,
    sync: State<'_, Sync>,
    input: MarketplaceInput,
) -> Reply<MarketplaceSettings> {
    let settings = shell
        .run("save_marketplace", move |app| app.save_marketplace(&input))
        .await?;
    if let Ok(mut demo) = sync.demo.lock() {
        *demo = None;
    }
    sync.runner.sync_now();
    Ok(settings)
}

#[tauri::command]
pub async fn forget_marketplace(shell: State<'_, Shell>, sync: State<'_, Sync>) -> Reply<()> {
    shell
        .run("forget_marketplace", |app| app.forget_marketplace())
        .await?;
    if let Ok(mut demo) = sync.demo.lock() {
        *demo = None;
    }
    Ok(())
}

/// Starts the demo marketplace and connects the shop to it; a build without the
/// `demo-marketplace` feature answers that it has none (the command exists in every build, since
/// the UI offers it).
#[tauri::command]
pub async fn connect_demo_marketplace(handle: AppHandle) -> Reply<u32> {
    blocking("connect_demo_marketplace", move || {
        let shell = handle.state::<Shell>();
        let sync = handle.state::<Sync>();
        if cfg!(feature = "demo-marketplace") {
            // The PIN guards connecting, as it guards the other settings.
            shell.call("connect_demo_marketplace", |app| app.require_unlocked())?;
        }
        start_demo(&shell, &sync)
    })
    .await
}

#[tauri::command]
pub async fn list_listings(shell: State<'_, Shell>) -> Reply<Vec<ListingDto>> {
    shell.run("list_listings", |app| app.list_listings()).await
}

#[tauri::command]
pub async fn save_listing(
    shell: State<'_, Shell>,
    sync: State<'_, Sync>,
    input: ListingInput,
) -> Reply<ListingDto> {
    let listing = shell
        .run("save_listing", move |app| app.save_listing(&input))
        .await?;
    sync.runner.sync_now();
    Ok(listing)
}

#[tauri::command]
pub async fn delete_listing(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell
        .run("delete_listing", move |app| app.delete_listing(&id))
        .await
}

#[tauri::command]
pub async fn sync_items(shell: State<'_, Shell>, state: String) -> Reply<Vec<OutboxItemDto>> {
    shell
        .run("sync_items", move |app| app.sync_items(&state))
        .await
}

#[tauri::command]
pub async fn retry_sync_item(shell: State<'_, Shell>, sync: State<'_, Sync>, id: i64) -> Reply<()> {
    shell
        .run("retry_sync_item", move |app| app.retry_sync_item(id))
        .await?;
    sync.runner.sync_now();
    Ok(())
}

#[tauri::command]
pub async fn discard_sync_item(shell: State<'_, Shell>, id: i64) -> Reply<()> {
    shell
        .run("discard_sync_item", move |app| app.discard_sync_item(id))
        .await
}

#[tauri::command]
pub async fn sync_alerts(shell: State<'_, Shell>) -> Reply<Vec<SyncAlertDto>> {
    shell.run("sync_alerts", |app| app.sync_alerts()).await
}

#[tauri::command]
pub async fn dismiss_sync_alert(shell: State<'_, Shell>, id: i64) -> Reply<()> {
    shell
        .run("dismiss_sync_alert", move |app| app.dismiss_sync_alert(id))
        .await
}

#[tauri::command]
pub async fn held_orders(shell: State<'_, Shell>) -> Reply<Vec<HeldOrderDto>> {
    shell.run("held_orders", |app| app.held_orders()).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use farmstall_app::{App, Origin};

    fn shop() -> Result<(tempfile::TempDir, Shell, Sync), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let db_path = dir.path().join("shop.db");
        // The credentials key in the test's folder, never the user's config folder.
        let app = App::open(&db_path, Origin::Desktop)
            .map_err(|e| e.to_string())?
            .with_key_dir(dir.path());
        let sync = Sync {
            // A round far off: the test drives the demo, not the runner.
            runner: Runner::start(db_path.clone(), Duration::from_secs(3600)),
            demo: Mutex::new(None),
        };
        Ok((dir, Shell::new(Ok(app), db_path), sync))
    }

    /// With the feature (dev and demo builds, `make test`): the demo marketplace starts and the
    /// shop is connected to it.
    #[cfg(feature = "demo-marketplace")]
    #[test]
    fn the_demo_marketplace_connects() -> Result<(), String> {
        let (_dir, shell, sync) = shop()?;
        start_demo(&shell, &sync).map_err(|e| e.message)?;
        let settings = shell
            .call("marketplace_settings", |app| app.marketplace_settings())
            .map_err(|e| e.message)?;
        assert!(settings.demo && settings.connected, "{settings:?}");
        assert!(sync.demo.lock().map(|d| d.is_some()).unwrap_or(false));
        Ok(())
    }

    /// Without the feature (a plain `cargo build`/`cargo test -p farmstall-desktop`): the command is still there and says why it
    /// cannot connect; the shop is not connected to anything.
    #[cfg(not(feature = "demo-marketplace"))]
    #[test]
    fn a_build_without_the_demo_marketplace_says_so() -> Result<(), String> {
        let (_dir, shell, sync) = shop()?;
        let error = start_demo(&shell, &sync)
            .err()
            .ok_or("the demo connected")?;
        assert_eq!(error.kind, "unavailable");
        assert!(
            error.message.contains("this build has no demo marketplace"),
            "{}",
            error.message
        );
        let settings = shell
            .call("marketplace_settings", |app| app.marketplace_settings())
            .map_err(|e| e.message)?;
        assert!(!settings.connected, "{settings:?}");
        Ok(())
    }
}
