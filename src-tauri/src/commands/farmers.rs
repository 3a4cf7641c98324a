//! Farmers, and what the shop owes them.

use farmstall_app::dto::{FarmerDto, FarmerInput, FarmerPage, ListQuery};
use farmstall_app::stock::{BalancePage, FarmerBalance, FarmerHabits, PaymentInput};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn list_farmers(shell: State<'_, Shell>, query: ListQuery) -> Reply<FarmerPage> {
    shell
        .run("list_farmers", move |app| app.list_farmers(&query))
        .await
}

#[tauri::command]
pub async fn get_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell
        .run("get_farmer", move |app| app.get_farmer(&id))
        .await
}

#[tauri::command]
pub async fn create_farmer(shell: State<'_, Shell>, input: FarmerInput) -> Reply<FarmerDto> {
    shell
        .run("create_farmer", move |app| app.create_farmer(&input))
        .await
}

#[tauri::command]
pub async fn update_farmer(
    shell: State<'_, Shell>,
    id: String,
    input: FarmerInput,
) -> Reply<FarmerDto> {
    shell
        .run("update_farmer", move |app| app.update_farmer(&id, &input))
        .await
}

#[tauri::command]
pub async fn archive_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell
        .run("archive_farmer", move |app| app.archive_farmer(&id))
        .await
}

#[tauri::command]
pub async fn restore_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell
        .run("restore_farmer", move |app| app.restore_farmer(&id))
        .await
}

#[tauri::command]
pub async fn farmer_balances(shell: State<'_, Shell>, query: ListQuery) -> Reply<BalancePage> {
    shell
        .run("farmer_balances", move |app| app.farmer_balances(&query))
        .await
}

#[tauri::command]
pub async fn record_payment(shell: State<'_, Shell>, input: PaymentInput) -> Reply<FarmerBalance> {
    shell
        .run("record_payment", move |app| app.record_payment(&input))
        .await
}

/// How the shop usually settles with a farmer: the purchase and payment forms' defaults.
#[tauri::command]
pub async fn farmer_habits(shell: State<'_, Shell>, farmer_id: String) -> Reply<FarmerHabits> {
    shell
        .run("farmer_habits", move |app| app.farmer_habits(&farmer_id))
        .await
}
