//! Marketplace sync in the window: the background round runner, the built-in demo marketplace,
//! and the commands of the sync screen. Rounds run on the runner's own thread and connection, so a
//! slow or absent marketplace never holds the window's lock.

use std::sync::Mutex;
use std::time::Duration;

use farmstall_app::credentials::{MarketplaceInput, MarketplaceSettings};
use farmstall_app::sync::{
    DemoListing, HeldOrderDto, ListingDto, ListingInput, OutboxItemDto, Runner, SyncAlertDto,
    SyncStatus,
};
use farmstall_app::IpcError;
use farmstall_marketplace_sim::{
    Config, Running, Simulator, DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION,
};
use tauri::State;

use crate::{Reply, Shell};

/// A round every this long while the window is open.
pub const EVERY: Duration = Duration::from_secs(60);

/// The background sync and the demo marketplace, when one runs.
pub struct Sync {
    pub runner: Runner,
    pub demo: Mutex<Option<Running>>,
}

fn unavailable(message: &str) -> IpcError {
    IpcError::new("unavailable", message)
}

/// Starts the demo marketplace (its order numbers start above any it gave out before) and
/// connects the shop to it.
fn start_demo(shell: &Shell, sync: &Sync) -> Reply<u32> {
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
    let mapped = shell.with(|app| {
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
        .with(|app| app.marketplace_settings())
        .map(|s| s.demo)
        .unwrap_or(false);
    if demo {
        if let Err(e) = start_demo(shell, sync) {
            eprintln!("farmstall: {}", e.message);
        }
    }
}

#[tauri::command]
pub async fn sync_status(shell: State<'_, Shell>, sync: State<'_, Sync>) -> Reply<SyncStatus> {
    let mut status = shell.with(|app| app.sync_status())?;
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
    shell.with(|app| app.marketplace_settings())
}

#[tauri::command]
pub async fn save_marketplace(
    shell: State<'_, Shell>,
    sync: State<'_, Sync>,
    input: MarketplaceInput,
) -> Reply<MarketplaceSettings> {
    let settings = shell.with(|app| app.save_marketplace(&input))?;
    if let Ok(mut demo) = sync.demo.lock() {
        *demo = None;
    }
    sync.runner.sync_now();
    Ok(settings)
}

#[tauri::command]
pub async fn forget_marketplace(shell: State<'_, Shell>, sync: State<'_, Sync>) -> Reply<()> {
    shell.with(|app| app.forget_marketplace())?;
    if let Ok(mut demo) = sync.demo.lock() {
        *demo = None;
    }
    Ok(())
}

#[tauri::command]
pub async fn connect_demo_marketplace(
    shell: State<'_, Shell>,
    sync: State<'_, Sync>,
) -> Reply<u32> {
    // The PIN guards connecting, as it guards the other settings.
    shell.with(|app| app.require_unlocked())?;
    start_demo(&shell, &sync)
}

#[tauri::command]
pub async fn list_listings(shell: State<'_, Shell>) -> Reply<Vec<ListingDto>> {
    shell.with(|app| app.list_listings())
}

#[tauri::command]
pub async fn save_listing(
    shell: State<'_, Shell>,
    sync: State<'_, Sync>,
    input: ListingInput,
) -> Reply<ListingDto> {
    let listing = shell.with(|app| app.save_listing(&input))?;
    sync.runner.sync_now();
    Ok(listing)
}

#[tauri::command]
pub async fn delete_listing(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell.with(|app| app.delete_listing(&id))
}

#[tauri::command]
pub async fn sync_items(shell: State<'_, Shell>, state: String) -> Reply<Vec<OutboxItemDto>> {
    shell.with(|app| app.sync_items(&state))
}

#[tauri::command]
pub async fn retry_sync_item(shell: State<'_, Shell>, sync: State<'_, Sync>, id: i64) -> Reply<()> {
    shell.with(|app| app.retry_sync_item(id))?;
    sync.runner.sync_now();
    Ok(())
}

#[tauri::command]
pub async fn discard_sync_item(shell: State<'_, Shell>, id: i64) -> Reply<()> {
    shell.with(|app| app.discard_sync_item(id))
}

#[tauri::command]
pub async fn sync_alerts(shell: State<'_, Shell>) -> Reply<Vec<SyncAlertDto>> {
    shell.with(|app| app.sync_alerts())
}

#[tauri::command]
pub async fn dismiss_sync_alert(shell: State<'_, Shell>, id: i64) -> Reply<()> {
    shell.with(|app| app.dismiss_sync_alert(id))
}

#[tauri::command]
pub async fn held_orders(shell: State<'_, Shell>) -> Reply<Vec<HeldOrderDto>> {
    shell.with(|app| app.held_orders())
}
