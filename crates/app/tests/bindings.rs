//! `ui/src/bindings.ts` is generated from the IPC types; this test fails when it is stale.
//! Regenerate with `UPDATE_BINDINGS=1 cargo test -p farmstall-app --test bindings`.

use std::path::PathBuf;

use farmstall_app::dto::*;
use farmstall_app::{
    backup, crash, credentials, expenses, forecast, imports, members, orders, packaging, payroll,
    pin, printing, production, recipients, reports, returns, sales, scan, shipping, start,
    statement, stock, sync, waybills, FieldIssue, IpcError,
};
use farmstall_domain::Courier;
use ts_rs::TS;

/// `"a" | "b" | "c"`
fn union(codes: &[&str]) -> String {
    codes
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn generated() -> String {
    let couriers: Vec<&str> = Courier::ALL.iter().map(|c| c.code()).collect();
    let mut out = String::from(
        "// Generated from the Rust IPC types (crates/app/src/dto.rs, stock.rs, error.rs) by\n\
         // `UPDATE_BINDINGS=1 cargo test -p farmstall-app --test bindings`. Do not edit by hand.\n\n",
    );
    let unions = [
        ("Language", union(&["zh-CN", "en"])),
        ("Courier", union(&couriers)),
        ("Payment", union(&stock::PAYMENTS)),
        ("WasteReason", union(&stock::WASTE_REASONS)),
        ("PayMethod", union(&stock::PAY_METHODS)),
        ("ExpenseCategory", union(&expenses::CATEGORIES)),
        ("OrderSource", union(&orders::SOURCES)),
        (
            "OrderState",
            union(&farmstall_domain::order::OrderState::ALL.map(|s| s.code())),
        ),
        (
            "ProductKind",
            union(&farmstall_domain::ProductKind::ALL.map(|k| k.code())),
        ),
    ];
    for (name, members) in unions {
        out.push_str(&format!("export type {name} = {members};\n\n"));
    }
    let decls = [
        AppStatus::decl(),
        crash::CrashNotice::decl(),
        backup::Counts::decl(),
        backup::BackupDto::decl(),
        backup::BackupList::decl(),
        backup::BackupOutcome::decl(),
        backup::RestoreReport::decl(),
        backup::OfferedPlace::decl(),
        backup::About::decl(),
        Address::decl(),
        ShopProfileInput::decl(),
        ShopProfileDto::decl(),
        DemoSummary::decl(),
        farmstall_app::demo::LeftDemo::decl(),
        ListQuery::decl(),
        FarmerInput::decl(),
        FarmerDto::decl(),
        FarmerPage::decl(),
        ProductInput::decl(),
        ProductDto::decl(),
        ProductPage::decl(),
        stock::PurchaseLineInput::decl(),
        stock::PurchaseInput::decl(),
        stock::PurchaseLineDto::decl(),
        stock::PurchaseDto::decl(),
        stock::PurchasePage::decl(),
        stock::LotQuery::decl(),
        stock::LotDto::decl(),
        stock::LotPage::decl(),
        stock::WasteInput::decl(),
        stock::PaymentInput::decl(),
        stock::FarmerBalance::decl(),
        stock::FarmerHabits::decl(),
        stock::BalancePage::decl(),
        stock::ReversalInput::decl(),
        stock::CountLineInput::decl(),
        stock::CountInput::decl(),
        stock::CountLineResult::decl(),
        stock::CountResult::decl(),
        production::InputLine::decl(),
        production::RecipeInput::decl(),
        production::RecipeIngredient::decl(),
        production::RecipeDto::decl(),
        production::RecipePage::decl(),
        production::ProductionInput::decl(),
        production::PlannedTake::decl(),
        production::PlannedInput::decl(),
        production::ProductionPlan::decl(),
        production::RunTakeDto::decl(),
        production::ProductionRunDto::decl(),
        production::ProductionRunPage::decl(),
        reports::MonthRange::decl(),
        reports::ProductStockRow::decl(),
        reports::StockByProductPage::decl(),
        reports::LowStockPage::decl(),
        reports::SpoilageMonth::decl(),
        reports::SpoilageReport::decl(),
        reports::PurchaseReportQuery::decl(),
        reports::FarmerMonthRow::decl(),
        reports::PurchaseReportPage::decl(),
        sales::SalesFigures::decl(),
        sales::SalesQuery::decl(),
        sales::SalesRow::decl(),
        sales::RepeatBuyer::decl(),
        sales::SalesReport::decl(),
        sales::ProfitLine::decl(),
        sales::ProfitStatement::decl(),
        sales::ExpiringLot::decl(),
        sales::LongestOwed::decl(),
        sales::TodayDto::decl(),
        forecast::MetricsDto::decl(),
        forecast::BacktestDto::decl(),
        forecast::OverallDto::decl(),
        forecast::WeekFigure::decl(),
        forecast::ProductForecast::decl(),
        forecast::ForecastReport::decl(),
        forecast::SupplierDto::decl(),
        forecast::PlanRow::decl(),
        forecast::PurchasePlan::decl(),
        orders::RecipientInput::decl(),
        orders::OrderLineInput::decl(),
        orders::OrderInput::decl(),
        orders::OrderLineDto::decl(),
        orders::OrderDto::decl(),
        orders::OrderQuery::decl(),
        orders::OrderPage::decl(),
        recipients::KnownRecipient::decl(),
        orders::PackInput::decl(),
        orders::ShipInput::decl(),
        orders::ReturnedLine::decl(),
        orders::OrderReturnDto::decl(),
        returns::ReturnLineInput::decl(),
        returns::ReturnInput::decl(),
        members::MemberDto::decl(),
        expenses::ExpenseInput::decl(),
        expenses::ExpenseQuery::decl(),
        expenses::ExpenseDto::decl(),
        expenses::ExpenseCategoryTotal::decl(),
        expenses::ExpensePage::decl(),
        packaging::PackagingRuleInput::decl(),
        packaging::PackagingItem::decl(),
        packaging::PackagingRule::decl(),
        packaging::PackagingSuggestion::decl(),
        printing::Printer::decl(),
        printing::PrintJob::decl(),
        printing::PrintSetup::decl(),
        waybills::WaybillRangeInput::decl(),
        waybills::WaybillRange::decl(),
        scan::AssignWaybillsInput::decl(),
        scan::AssignedWaybill::decl(),
        scan::AssignedWaybills::decl(),
        scan::ScanShipped::decl(),
        payroll::SchemeInput::decl(),
        payroll::EmployeeInput::decl(),
        payroll::EmployeeDto::decl(),
        payroll::WorkInput::decl(),
        payroll::PayLine::decl(),
        payroll::PayslipDto::decl(),
        payroll::PayrollPreview::decl(),
        payroll::PayInput::decl(),
        payroll::PayslipRequest::decl(),
        payroll::PayYearEmployee::decl(),
        payroll::PayMonthCost::decl(),
        payroll::PayYearSlip::decl(),
        payroll::WorkRecord::decl(),
        payroll::WorkCellInput::decl(),
        payroll::WorkWeekInput::decl(),
        payroll::WorkCell::decl(),
        payroll::WorkWeekDay::decl(),
        payroll::WorkWeek::decl(),
        payroll::WorkCellProblem::decl(),
        payroll::WorkWeekSaved::decl(),
        payroll::PayYear::decl(),
        pin::PinStatus::decl(),
        imports::ImportFile::decl(),
        imports::ImportOptions::decl(),
        imports::ImportProblem::decl(),
        imports::UnmappedLine::decl(),
        imports::ImportRow::decl(),
        imports::ImportReport::decl(),
        imports::ImportMappingInput::decl(),
        imports::ImportMapping::decl(),
        imports::MappingSaved::decl(),
        imports::HeldImportDto::decl(),
        imports::SplitInput::decl(),
        imports::ShipmentExportInput::decl(),
        imports::ShipmentExport::decl(),
        sync::SyncReport::decl(),
        sync::ListingInput::decl(),
        sync::ListingDto::decl(),
        sync::SyncStatus::decl(),
        sync::OutboxItemDto::decl(),
        sync::SyncAlertDto::decl(),
        sync::HeldOrderDto::decl(),
        credentials::MarketplaceInput::decl(),
        credentials::MarketplaceSettings::decl(),
        start::StartDto::decl(),
        shipping::LabelRequest::decl(),
        shipping::PickListQuery::decl(),
        shipping::PickLot::decl(),
        shipping::PickProduct::decl(),
        shipping::PickList::decl(),
        statement::StatementQuery::decl(),
        statement::StatementLineDto::decl(),
        statement::StatementDto::decl(),
        statement::SavedDocument::decl(),
        FieldIssue::decl(),
        IpcError::decl(),
    ];
    for decl in decls {
        out.push_str("export ");
        out.push_str(decl.trim());
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[test]
fn ui_bindings_match_the_rust_types() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/bindings.ts");
    let fresh = generated();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p farmstall-app --test bindings` \
         and commit the result.\n--- generated ---\n{fresh}"
    );
}
