//! Orders through their states, and returns.

use farmstall_app::orders::{OrderDto, OrderInput, OrderPage, OrderQuery, PackInput, ShipInput};
use farmstall_app::recipients::KnownRecipient;
use farmstall_app::returns::ReturnInput;
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn create_order(shell: State<'_, Shell>, input: OrderInput) -> Reply<OrderDto> {
    shell
        .run("create_order", move |app| app.create_order(&input))
        .await
}

#[tauri::command]
pub async fn get_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell.run("get_order", move |app| app.get_order(&id)).await
}

#[tauri::command]
pub async fn list_orders(shell: State<'_, Shell>, query: OrderQuery) -> Reply<OrderPage> {
    shell
        .run("list_orders", move |app| app.list_orders(&query))
        .await
}

#[tauri::command]
pub async fn recent_recipients(
    shell: State<'_, Shell>,
    phone_or_name: String,
) -> Reply<Vec<KnownRecipient>> {
    shell
        .run("recent_recipients", move |app| {
            app.recent_recipients(&phone_or_name)
        })
        .await
}

#[tauri::command]
pub async fn mark_order_paid(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell
        .run("mark_order_paid", move |app| app.mark_order_paid(&id))
        .await
}

#[tauri::command]
pub async fn cancel_order(shell: State<'_, Shell>, id: String, note: String) -> Reply<OrderDto> {
    shell
        .run("cancel_order", move |app| app.cancel_order(&id, &note))
        .await
}

#[tauri::command]
pub async fn pack_order(shell: State<'_, Shell>, input: PackInput) -> Reply<OrderDto> {
    shell
        .run("pack_order", move |app| app.pack_order(&input))
        .await
}

#[tauri::command]
pub async fn unpack_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell
        .run("unpack_order", move |app| app.unpack_order(&id))
        .await
}

#[tauri::command]
pub async fn ship_order(shell: State<'_, Shell>, input: ShipInput) -> Reply<OrderDto> {
    shell
        .run("ship_order", move |app| app.ship_order(&input))
        .await
}

#[tauri::command]
pub async fn finish_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell
        .run("finish_order", move |app| app.finish_order(&id))
        .await
}

#[tauri::command]
pub async fn set_waybill(shell: State<'_, Shell>, input: ShipInput) -> Reply<OrderDto> {
    shell
        .run("set_waybill", move |app| app.set_waybill(&input))
        .await
}

#[tauri::command]
pub async fn return_order(shell: State<'_, Shell>, input: ReturnInput) -> Reply<OrderDto> {
    shell
        .run("return_order", move |app| app.return_order(&input))
        .await
}
