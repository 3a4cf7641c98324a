//! The reports: stock by product, low stock, spoilage, purchases by farmer.

use farmstall_app::dto::ListQuery;
use farmstall_app::reports::{
    LowStockPage, MonthRange, PurchaseReportPage, PurchaseReportQuery, SpoilageReport,
    StockByProductPage,
};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn stock_by_product(
    shell: State<'_, Shell>,
    query: ListQuery,
) -> Reply<StockByProductPage> {
    shell
        .run("stock_by_product", move |app| app.stock_by_product(&query))
        .await
}

#[tauri::command]
pub async fn low_stock(shell: State<'_, Shell>, query: ListQuery) -> Reply<LowStockPage> {
    shell
        .run("low_stock", move |app| app.low_stock(&query))
        .await
}

#[tauri::command]
pub async fn spoilage_by_month(
    shell: State<'_, Shell>,
    range: MonthRange,
) -> Reply<SpoilageReport> {
    shell
        .run("spoilage_by_month", move |app| {
            app.spoilage_by_month(&range)
        })
        .await
}

#[tauri::command]
pub async fn purchases_by_farmer_month(
    shell: State<'_, Shell>,
    query: PurchaseReportQuery,
) -> Reply<PurchaseReportPage> {
    shell
        .run("purchases_by_farmer_month", move |app| {
            app.purchases_by_farmer_month(&query)
        })
        .await
}

#[tauri::command]
pub async fn sales_report(
    shell: State<'_, Shell>,
    query: farmstall_app::sales::SalesQuery,
) -> Reply<farmstall_app::sales::SalesReport> {
    shell
        .run("sales_report", move |app| app.sales_report(&query))
        .await
}

#[tauri::command]
pub async fn profit_statement(
    shell: State<'_, Shell>,
    month: String,
) -> Reply<farmstall_app::sales::ProfitStatement> {
    shell
        .run("profit_statement", move |app| app.profit_statement(&month))
        .await
}

#[tauri::command]
pub async fn today(shell: State<'_, Shell>) -> Reply<farmstall_app::sales::TodayDto> {
    shell.run("today", move |app| app.today()).await
}

#[tauri::command]
pub async fn export_sales_xlsx(
    shell: State<'_, Shell>,
    query: farmstall_app::sales::SalesQuery,
) -> Reply<farmstall_app::statement::SavedDocument> {
    shell
        .run("export_sales_xlsx", move |app| {
            app.export_sales_xlsx(&query)
        })
        .await
}

#[tauri::command]
pub async fn repeat_buyers(
    shell: State<'_, Shell>,
    query: farmstall_app::sales::SalesQuery,
) -> Reply<Vec<farmstall_app::sales::RepeatBuyer>> {
    shell
        .run("repeat_buyers", move |app| app.repeat_buyers(&query))
        .await
}

#[tauri::command]
pub async fn export_profit_xlsx(
    shell: State<'_, Shell>,
    month: String,
) -> Reply<farmstall_app::statement::SavedDocument> {
    shell
        .run("export_profit_xlsx", move |app| {
            app.export_profit_xlsx(&month)
        })
        .await
}

#[tauri::command]
pub async fn export_plan_xlsx(
    shell: State<'_, Shell>,
    safety_percent: String,
) -> Reply<farmstall_app::statement::SavedDocument> {
    shell
        .run("export_plan_xlsx", move |app| {
            app.export_plan_xlsx(&safety_percent)
        })
        .await
}

#[tauri::command]
pub async fn forecast(
    shell: State<'_, Shell>,
    product_id: String,
) -> Reply<farmstall_app::forecast::ForecastReport> {
    shell
        .run("forecast", move |app| app.forecast(&product_id))
        .await
}

#[tauri::command]
pub async fn purchase_plan(
    shell: State<'_, Shell>,
    safety_percent: String,
) -> Reply<farmstall_app::forecast::PurchasePlan> {
    shell
        .run("purchase_plan", move |app| {
            app.purchase_plan(&safety_percent)
        })
        .await
}
