//! Getting orders out: the pick list, packaging rules, waybill numbers.

use farmstall_app::orders::OrderDto;
use farmstall_app::packaging::{PackagingRule, PackagingRuleInput, PackagingSuggestion};
use farmstall_app::scan::{AssignWaybillsInput, AssignedWaybills, ScanShipped};
use farmstall_app::shipping::{PickList, PickListQuery};
use farmstall_app::waybills::{WaybillRange, WaybillRangeInput};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn pick_list(shell: State<'_, Shell>, query: PickListQuery) -> Reply<PickList> {
    shell
        .run("pick_list", move |app| app.pick_list(&query))
        .await
}

#[tauri::command]
pub async fn list_packaging_rules(shell: State<'_, Shell>) -> Reply<Vec<PackagingRule>> {
    shell
        .run("list_packaging_rules", move |app| {
            app.list_packaging_rules()
        })
        .await
}

#[tauri::command]
pub async fn save_packaging_rule(
    shell: State<'_, Shell>,
    input: PackagingRuleInput,
) -> Reply<PackagingRule> {
    shell
        .run("save_packaging_rule", move |app| {
            app.save_packaging_rule(&input)
        })
        .await
}

#[tauri::command]
pub async fn delete_packaging_rule(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell
        .run("delete_packaging_rule", move |app| {
            app.delete_packaging_rule(&id)
        })
        .await
}

#[tauri::command]
pub async fn suggest_packaging(
    shell: State<'_, Shell>,
    order_id: String,
) -> Reply<PackagingSuggestion> {
    shell
        .run("suggest_packaging", move |app| {
            app.suggest_packaging(&order_id)
        })
        .await
}

#[tauri::command]
pub async fn list_waybill_ranges(shell: State<'_, Shell>) -> Reply<Vec<WaybillRange>> {
    shell
        .run("list_waybill_ranges", move |app| app.list_waybill_ranges())
        .await
}

#[tauri::command]
pub async fn add_waybill_range(
    shell: State<'_, Shell>,
    input: WaybillRangeInput,
) -> Reply<WaybillRange> {
    shell
        .run("add_waybill_range", move |app| {
            app.add_waybill_range(&input)
        })
        .await
}

#[tauri::command]
pub async fn take_waybill(
    shell: State<'_, Shell>,
    order_id: String,
    courier: String,
) -> Reply<OrderDto> {
    shell
        .run("take_waybill", move |app| {
            app.take_waybill(&order_id, &courier)
        })
        .await
}

#[tauri::command]
pub async fn assign_waybills(
    shell: State<'_, Shell>,
    input: AssignWaybillsInput,
) -> Reply<AssignedWaybills> {
    shell
        .run("assign_waybills", move |app| app.assign_waybills(&input))
        .await
}

#[tauri::command]
pub async fn find_order_by_code(shell: State<'_, Shell>, code: String) -> Reply<OrderDto> {
    shell
        .run("find_order_by_code", move |app| {
            app.find_order_by_code(&code)
        })
        .await
}

#[tauri::command]
pub async fn ship_scanned(shell: State<'_, Shell>, code: String) -> Reply<ScanShipped> {
    shell
        .run("ship_scanned", move |app| app.ship_scanned(&code))
        .await
}

#[tauri::command]
pub async fn unship_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell
        .run("unship_order", move |app| app.unship_order(&id))
        .await
}

#[tauri::command]
pub async fn shipped_today(shell: State<'_, Shell>) -> Reply<u32> {
    shell
        .run("shipped_today", move |app| app.shipped_today())
        .await
}
