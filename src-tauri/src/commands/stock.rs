//! Stock: receipts, lots, waste, reversals and counts.

use farmstall_app::dto::ListQuery;
use farmstall_app::stock::{
    CountInput, CountResult, LotDto, LotPage, LotQuery, PurchaseDto, PurchaseInput, PurchasePage,
    ReversalInput, WasteInput,
};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn receive_purchase(shell: State<'_, Shell>, input: PurchaseInput) -> Reply<PurchaseDto> {
    shell
        .run("receive_purchase", move |app| app.receive_purchase(&input))
        .await
}

#[tauri::command]
pub async fn list_purchases(shell: State<'_, Shell>, query: ListQuery) -> Reply<PurchasePage> {
    shell
        .run("list_purchases", move |app| app.list_purchases(&query))
        .await
}

#[tauri::command]
pub async fn list_lots(shell: State<'_, Shell>, query: LotQuery) -> Reply<LotPage> {
    shell
        .run("list_lots", move |app| app.list_lots(&query))
        .await
}

#[tauri::command]
pub async fn record_waste(shell: State<'_, Shell>, input: WasteInput) -> Reply<LotDto> {
    shell
        .run("record_waste", move |app| app.record_waste(&input))
        .await
}

#[tauri::command]
pub async fn reverse_purchase(shell: State<'_, Shell>, input: ReversalInput) -> Reply<PurchaseDto> {
    shell
        .run("reverse_purchase", move |app| app.reverse_purchase(&input))
        .await
}

#[tauri::command]
pub async fn record_count(shell: State<'_, Shell>, input: CountInput) -> Reply<CountResult> {
    shell
        .run("record_count", move |app| app.record_count(&input))
        .await
}
