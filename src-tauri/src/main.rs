//! Farmstall's desktop shell: a Tauri 2 window over the application layer.
//!
//! Each command is a thin adapter: lock the open [`App`], call one use case, return its output or
//! an [`IpcError`]. Commands are `async` so that they run off the window's thread and never freeze
//! it. The data folder is `--data-dir DIR`, else `$FARMSTALL_DATA_DIR`, else the user's data folder.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod sync;

use std::path::PathBuf;
use std::sync::Mutex;

use farmstall_app::dto::{
    AppStatus, DemoSummary, FarmerDto, FarmerInput, FarmerPage, ListQuery, ProductDto,
    ProductInput, ProductPage, ShopProfileDto, ShopProfileInput,
};
use farmstall_app::members::MemberDto;
use farmstall_app::orders::{OrderDto, OrderInput, OrderPage, OrderQuery, PackInput, ShipInput};
use farmstall_app::packaging::{PackagingRule, PackagingRuleInput, PackagingSuggestion};
use farmstall_app::payroll::{
    EmployeeDto, EmployeeInput, PayInput, PayYear, PayrollPreview, PayslipRequest, WorkInput,
    WorkRecord,
};
use farmstall_app::pin::PinStatus;
use farmstall_app::printing::{PrintJob, Printer};
use farmstall_app::production::{
    ProductionInput, ProductionPlan, ProductionRunDto, ProductionRunPage, RecipeDto, RecipeInput,
    RecipePage,
};
use farmstall_app::reports::{
    LowStockPage, MonthRange, PurchaseReportPage, PurchaseReportQuery, SpoilageReport,
    StockByProductPage,
};
use farmstall_app::returns::ReturnInput;
use farmstall_app::shipping::{LabelRequest, PickList, PickListQuery};
use farmstall_app::statement::{SavedDocument, StatementDto, StatementQuery};
use farmstall_app::stock::{
    BalancePage, CountInput, CountResult, FarmerBalance, LotDto, LotPage, LotQuery, PaymentInput,
    PurchaseDto, PurchaseInput, PurchasePage, ReversalInput, WasteInput,
};
use farmstall_app::waybills::{WaybillRange, WaybillRangeInput};
use farmstall_app::{paths, App, IpcError, Origin, VERSION};
use tauri::{LogicalSize, Manager, State, WebviewUrl, WebviewWindowBuilder};

/// Why the shop's database could not be opened: a code for the UI and the full message.
struct OpenFailure {
    kind: &'static str,
    message: String,
}

/// The shell's state: the open shop, or why it could not be opened.
struct Shell {
    app: Mutex<Result<App, OpenFailure>>,
    db_path: PathBuf,
}

type Reply<T> = Result<T, IpcError>;

impl Shell {
    fn with<T>(&self, work: impl FnOnce(&mut App) -> farmstall_app::Result<T>) -> Reply<T> {
        let mut guard = self.app.lock().map_err(|_| {
            IpcError::new(
                "unavailable",
                "Farmstall hit an internal error; please restart it",
            )
        })?;
        match guard.as_mut() {
            Ok(app) => work(app).map_err(IpcError::from),
            Err(failure) => Err(IpcError::new("unavailable", failure.message.clone())),
        }
    }
}

#[tauri::command]
async fn get_status(shell: State<'_, Shell>) -> Reply<AppStatus> {
    let opened = shell
        .app
        .lock()
        .map(|guard| guard.as_ref().err().map(|f| (f.kind, f.message.clone())))
        .map_err(|_| {
            IpcError::new(
                "unavailable",
                "Farmstall hit an internal error; please restart it",
            )
        })?;
    match opened {
        None => shell.with(|app| app.status()),
        Some((kind, message)) => Ok(AppStatus {
            version: VERSION.to_string(),
            db_path: shell.db_path.display().to_string(),
            language: "zh-CN".into(),
            has_shop: false,
            open_error: Some(message),
            open_error_kind: Some(kind.to_string()),
        }),
    }
}

#[tauri::command]
async fn set_language(shell: State<'_, Shell>, language: String) -> Reply<AppStatus> {
    shell.with(|app| app.set_language(&language))
}

#[tauri::command]
async fn get_shop_profile(shell: State<'_, Shell>) -> Reply<Option<ShopProfileDto>> {
    shell.with(|app| app.shop_profile())
}

#[tauri::command]
async fn save_shop_profile(
    shell: State<'_, Shell>,
    input: ShopProfileInput,
) -> Reply<ShopProfileDto> {
    shell.with(|app| app.save_shop_profile(&input))
}

#[tauri::command]
async fn load_demo(shell: State<'_, Shell>) -> Reply<DemoSummary> {
    shell.with(|app| app.load_demo())
}

#[tauri::command]
async fn list_farmers(shell: State<'_, Shell>, query: ListQuery) -> Reply<FarmerPage> {
    shell.with(|app| app.list_farmers(&query))
}

#[tauri::command]
async fn get_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell.with(|app| app.get_farmer(&id))
}

#[tauri::command]
async fn create_farmer(shell: State<'_, Shell>, input: FarmerInput) -> Reply<FarmerDto> {
    shell.with(|app| app.create_farmer(&input))
}

#[tauri::command]
async fn update_farmer(
    shell: State<'_, Shell>,
    id: String,
    input: FarmerInput,
) -> Reply<FarmerDto> {
    shell.with(|app| app.update_farmer(&id, &input))
}

#[tauri::command]
async fn archive_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell.with(|app| app.archive_farmer(&id))
}

#[tauri::command]
async fn restore_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell.with(|app| app.restore_farmer(&id))
}

#[tauri::command]
async fn list_products(shell: State<'_, Shell>, query: ListQuery) -> Reply<ProductPage> {
    shell.with(|app| app.list_products(&query))
}

#[tauri::command]
async fn get_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell.with(|app| app.get_product(&id))
}

#[tauri::command]
async fn create_product(shell: State<'_, Shell>, input: ProductInput) -> Reply<ProductDto> {
    shell.with(|app| app.create_product(&input))
}

#[tauri::command]
async fn update_product(
    shell: State<'_, Shell>,
    id: String,
    input: ProductInput,
) -> Reply<ProductDto> {
    shell.with(|app| app.update_product(&id, &input))
}

#[tauri::command]
async fn archive_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell.with(|app| app.archive_product(&id))
}

#[tauri::command]
async fn restore_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell.with(|app| app.restore_product(&id))
}

#[tauri::command]
async fn receive_purchase(shell: State<'_, Shell>, input: PurchaseInput) -> Reply<PurchaseDto> {
    shell.with(|app| app.receive_purchase(&input))
}

#[tauri::command]
async fn list_purchases(shell: State<'_, Shell>, query: ListQuery) -> Reply<PurchasePage> {
    shell.with(|app| app.list_purchases(&query))
}

#[tauri::command]
async fn list_lots(shell: State<'_, Shell>, query: LotQuery) -> Reply<LotPage> {
    shell.with(|app| app.list_lots(&query))
}

#[tauri::command]
async fn record_waste(shell: State<'_, Shell>, input: WasteInput) -> Reply<LotDto> {
    shell.with(|app| app.record_waste(&input))
}

#[tauri::command]
async fn farmer_balances(shell: State<'_, Shell>, query: ListQuery) -> Reply<BalancePage> {
    shell.with(|app| app.farmer_balances(&query))
}

#[tauri::command]
async fn record_payment(shell: State<'_, Shell>, input: PaymentInput) -> Reply<FarmerBalance> {
    shell.with(|app| app.record_payment(&input))
}

#[tauri::command]
async fn reverse_purchase(shell: State<'_, Shell>, input: ReversalInput) -> Reply<PurchaseDto> {
    shell.with(|app| app.reverse_purchase(&input))
}

#[tauri::command]
async fn record_count(shell: State<'_, Shell>, input: CountInput) -> Reply<CountResult> {
    shell.with(|app| app.record_count(&input))
}

#[tauri::command]
async fn list_recipes(shell: State<'_, Shell>, query: ListQuery) -> Reply<RecipePage> {
    shell.with(|app| app.list_recipes(&query))
}

#[tauri::command]
async fn get_recipe(shell: State<'_, Shell>, id: String) -> Reply<RecipeDto> {
    shell.with(|app| app.get_recipe(&id))
}

#[tauri::command]
async fn create_recipe(shell: State<'_, Shell>, input: RecipeInput) -> Reply<RecipeDto> {
    shell.with(|app| app.create_recipe(&input))
}

#[tauri::command]
async fn update_recipe(
    shell: State<'_, Shell>,
    id: String,
    input: RecipeInput,
) -> Reply<RecipeDto> {
    shell.with(|app| app.update_recipe(&id, &input))
}

#[tauri::command]
async fn archive_recipe(shell: State<'_, Shell>, id: String) -> Reply<RecipeDto> {
    shell.with(|app| app.archive_recipe(&id))
}

#[tauri::command]
async fn restore_recipe(shell: State<'_, Shell>, id: String) -> Reply<RecipeDto> {
    shell.with(|app| app.restore_recipe(&id))
}

#[tauri::command]
async fn plan_production(shell: State<'_, Shell>, input: ProductionInput) -> Reply<ProductionPlan> {
    shell.with(|app| app.plan_production(&input))
}

#[tauri::command]
async fn record_production(
    shell: State<'_, Shell>,
    input: ProductionInput,
) -> Reply<ProductionRunDto> {
    shell.with(|app| app.record_production(&input))
}

#[tauri::command]
async fn list_production_runs(
    shell: State<'_, Shell>,
    query: ListQuery,
) -> Reply<ProductionRunPage> {
    shell.with(|app| app.list_production_runs(&query))
}

#[tauri::command]
async fn farmer_statement(shell: State<'_, Shell>, query: StatementQuery) -> Reply<StatementDto> {
    shell.with(|app| app.farmer_statement(&query))
}

#[tauri::command]
async fn save_farmer_statement(
    shell: State<'_, Shell>,
    query: StatementQuery,
) -> Reply<SavedDocument> {
    shell.with(|app| app.save_farmer_statement(&query))
}

/// Opens a document Farmstall saved (a statement PDF) in the system's viewer. Only files inside the
/// shop's `documents` folder can be opened this way.
#[tauri::command]
async fn open_document(shell: State<'_, Shell>, path: String) -> Reply<()> {
    let dir = shell.with(|app| Ok(app.documents_dir()))?;
    let refuse = || IpcError::new("validation", "only documents Farmstall saved can be opened");
    let file = std::fs::canonicalize(&path).map_err(|_| refuse())?;
    let dir = std::fs::canonicalize(&dir).map_err(|_| refuse())?;
    if !file.starts_with(&dir) || !file.is_file() {
        return Err(refuse());
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else {
        std::process::Command::new(opener)
    };
    let mut child = command.arg(&file).spawn().map_err(|e| {
        IpcError::new(
            "unavailable",
            format!(
                "no PDF viewer could be started ({e}); the file is saved at {}",
                file.display()
            ),
        )
    })?;
    // Reap the opener when it exits so it does not linger as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[tauri::command]
async fn stock_by_product(shell: State<'_, Shell>, query: ListQuery) -> Reply<StockByProductPage> {
    shell.with(|app| app.stock_by_product(&query))
}

#[tauri::command]
async fn low_stock(shell: State<'_, Shell>, query: ListQuery) -> Reply<LowStockPage> {
    shell.with(|app| app.low_stock(&query))
}

#[tauri::command]
async fn spoilage_by_month(shell: State<'_, Shell>, range: MonthRange) -> Reply<SpoilageReport> {
    shell.with(|app| app.spoilage_by_month(&range))
}

#[tauri::command]
async fn purchases_by_farmer_month(
    shell: State<'_, Shell>,
    query: PurchaseReportQuery,
) -> Reply<PurchaseReportPage> {
    shell.with(|app| app.purchases_by_farmer_month(&query))
}

#[tauri::command]
async fn create_order(shell: State<'_, Shell>, input: OrderInput) -> Reply<OrderDto> {
    shell.with(|app| app.create_order(&input))
}

#[tauri::command]
async fn get_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell.with(|app| app.get_order(&id))
}

#[tauri::command]
async fn list_orders(shell: State<'_, Shell>, query: OrderQuery) -> Reply<OrderPage> {
    shell.with(|app| app.list_orders(&query))
}

#[tauri::command]
async fn mark_order_paid(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell.with(|app| app.mark_order_paid(&id))
}

#[tauri::command]
async fn cancel_order(shell: State<'_, Shell>, id: String, note: String) -> Reply<OrderDto> {
    shell.with(|app| app.cancel_order(&id, &note))
}

#[tauri::command]
async fn pack_order(shell: State<'_, Shell>, input: PackInput) -> Reply<OrderDto> {
    shell.with(|app| app.pack_order(&input))
}

#[tauri::command]
async fn unpack_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell.with(|app| app.unpack_order(&id))
}

#[tauri::command]
async fn ship_order(shell: State<'_, Shell>, input: ShipInput) -> Reply<OrderDto> {
    shell.with(|app| app.ship_order(&input))
}

#[tauri::command]
async fn finish_order(shell: State<'_, Shell>, id: String) -> Reply<OrderDto> {
    shell.with(|app| app.finish_order(&id))
}

#[tauri::command]
async fn set_waybill(shell: State<'_, Shell>, input: ShipInput) -> Reply<OrderDto> {
    shell.with(|app| app.set_waybill(&input))
}

#[tauri::command]
async fn pick_list(shell: State<'_, Shell>, query: PickListQuery) -> Reply<PickList> {
    shell.with(|app| app.pick_list(&query))
}

#[tauri::command]
async fn print_labels(shell: State<'_, Shell>, request: LabelRequest) -> Reply<SavedDocument> {
    shell.with(|app| app.print_labels(&request))
}

#[tauri::command]
async fn list_members(shell: State<'_, Shell>) -> Reply<Vec<MemberDto>> {
    shell.with(|app| app.list_members())
}

#[tauri::command]
async fn add_member(shell: State<'_, Shell>, name: String) -> Reply<MemberDto> {
    shell.with(|app| app.add_member(&name))
}

#[tauri::command]
async fn set_member_active(shell: State<'_, Shell>, id: String, active: bool) -> Reply<MemberDto> {
    shell.with(|app| app.set_member_active(&id, active))
}

#[tauri::command]
async fn set_current_member(shell: State<'_, Shell>, id: String) -> Reply<Option<MemberDto>> {
    shell.with(|app| app.set_current_member(&id))
}

#[tauri::command]
async fn current_member(shell: State<'_, Shell>) -> Reply<Option<MemberDto>> {
    shell.with(|app| app.current_member())
}

#[tauri::command]
async fn list_packaging_rules(shell: State<'_, Shell>) -> Reply<Vec<PackagingRule>> {
    shell.with(|app| app.list_packaging_rules())
}

#[tauri::command]
async fn save_packaging_rule(
    shell: State<'_, Shell>,
    input: PackagingRuleInput,
) -> Reply<PackagingRule> {
    shell.with(|app| app.save_packaging_rule(&input))
}

#[tauri::command]
async fn delete_packaging_rule(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell.with(|app| app.delete_packaging_rule(&id))
}

#[tauri::command]
async fn suggest_packaging(
    shell: State<'_, Shell>,
    order_id: String,
) -> Reply<PackagingSuggestion> {
    shell.with(|app| app.suggest_packaging(&order_id))
}

#[tauri::command]
async fn print_pick_list(shell: State<'_, Shell>, query: PickListQuery) -> Reply<SavedDocument> {
    shell.with(|app| app.print_pick_list(&query))
}

#[tauri::command]
async fn print_packing_slips(
    shell: State<'_, Shell>,
    order_ids: Vec<String>,
) -> Reply<SavedDocument> {
    shell.with(|app| app.print_packing_slips(&order_ids))
}

#[tauri::command]
async fn list_printers() -> Reply<Vec<Printer>> {
    Ok(farmstall_app::printing::list_printers())
}

#[tauri::command]
async fn print_document(shell: State<'_, Shell>, path: String, printer: String) -> Reply<PrintJob> {
    shell.with(|app| app.print_document(&path, &printer))
}

#[tauri::command]
async fn list_waybill_ranges(shell: State<'_, Shell>) -> Reply<Vec<WaybillRange>> {
    shell.with(|app| app.list_waybill_ranges())
}

#[tauri::command]
async fn add_waybill_range(
    shell: State<'_, Shell>,
    input: WaybillRangeInput,
) -> Reply<WaybillRange> {
    shell.with(|app| app.add_waybill_range(&input))
}

#[tauri::command]
async fn take_waybill(
    shell: State<'_, Shell>,
    order_id: String,
    courier: String,
) -> Reply<OrderDto> {
    shell.with(|app| app.take_waybill(&order_id, &courier))
}

#[tauri::command]
async fn save_employee(shell: State<'_, Shell>, input: EmployeeInput) -> Reply<EmployeeDto> {
    shell.with(|app| app.save_employee(&input))
}

#[tauri::command]
async fn list_employees(shell: State<'_, Shell>) -> Reply<Vec<EmployeeDto>> {
    shell.with(|app| app.list_employees())
}

#[tauri::command]
async fn record_work(shell: State<'_, Shell>, input: WorkInput) -> Reply<String> {
    shell.with(|app| app.record_work(&input))
}

#[tauri::command]
async fn preview_payroll(shell: State<'_, Shell>, month: String) -> Reply<PayrollPreview> {
    shell.with(|app| app.preview_payroll(&month))
}

#[tauri::command]
async fn approve_payroll(shell: State<'_, Shell>, month: String) -> Reply<PayrollPreview> {
    shell.with(|app| app.approve_payroll(&month))
}

#[tauri::command]
async fn pay_payslip(shell: State<'_, Shell>, input: PayInput) -> Reply<PayrollPreview> {
    shell.with(|app| app.pay_payslip(&input))
}

#[tauri::command]
async fn print_payslips(shell: State<'_, Shell>, request: PayslipRequest) -> Reply<SavedDocument> {
    shell.with(|app| app.print_payslips(&request))
}

#[tauri::command]
async fn pay_year(shell: State<'_, Shell>, year: i32) -> Reply<PayYear> {
    shell.with(|app| app.pay_year(year))
}

#[tauri::command]
async fn export_pay_year_csv(shell: State<'_, Shell>, year: i32) -> Reply<SavedDocument> {
    shell.with(|app| app.export_pay_year_csv(year))
}

#[tauri::command]
async fn export_pay_year_xlsx(shell: State<'_, Shell>, year: i32) -> Reply<SavedDocument> {
    shell.with(|app| app.export_pay_year_xlsx(year))
}

#[tauri::command]
async fn list_work(shell: State<'_, Shell>, month: String) -> Reply<Vec<WorkRecord>> {
    shell.with(|app| app.list_work(&month))
}

#[tauri::command]
async fn delete_work(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell.with(|app| app.delete_work(&id))
}

#[tauri::command]
async fn pin_status(shell: State<'_, Shell>) -> Reply<PinStatus> {
    shell.with(|app| app.pin_status())
}

#[tauri::command]
async fn set_pin(shell: State<'_, Shell>, current: String, new: String) -> Reply<PinStatus> {
    shell.with(|app| app.set_pin(&current, &new))
}

#[tauri::command]
async fn unlock(shell: State<'_, Shell>, pin: String) -> Reply<PinStatus> {
    shell.with(|app| app.unlock(&pin))
}

#[tauri::command]
async fn lock(shell: State<'_, Shell>) -> Reply<PinStatus> {
    shell.with(|app| app.lock())
}

#[tauri::command]
async fn return_order(shell: State<'_, Shell>, input: ReturnInput) -> Reply<OrderDto> {
    shell.with(|app| app.return_order(&input))
}

/// Opens the main window at 1280x800, or smaller to fit a smaller screen (village PCs often have
/// 1024x768 or 1366x768 displays), so that nothing hangs off the edge.
fn open_main_window(app: &tauri::App) -> tauri::Result<()> {
    let (mut width, mut height) = (1280.0_f64, 800.0_f64);
    if let Ok(Some(monitor)) = app.primary_monitor() {
        let screen: LogicalSize<f64> = monitor.size().to_logical(monitor.scale_factor());
        width = width.min(screen.width);
        height = height.min(screen.height);
    }
    WebviewWindowBuilder::new(app, "main", WebviewUrl::default())
        .title("农家小店 Farmstall")
        .inner_size(width, height)
        .min_inner_size(width.min(960.0), height.min(640.0))
        .position(0.0, 0.0)
        .resizable(true)
        .build()?;
    Ok(())
}

/// The data folder from `--data-dir DIR` / `--data-dir=DIR`, else the default.
fn data_dir() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return PathBuf::from(dir);
        }
    }
    paths::default_data_dir()
}

fn main() {
    let db_path = data_dir().join(paths::DB_FILE);
    let app = App::open(&db_path, Origin::Desktop).map_err(|e| OpenFailure {
        kind: e.open_error_kind(),
        message: e.to_string(),
    });
    if let Err(failure) = &app {
        eprintln!("farmstall: {}", failure.message);
    }
    let runner = farmstall_app::sync::Runner::start(db_path.clone(), sync::EVERY);
    let result = tauri::Builder::default()
        .manage(Shell {
            app: Mutex::new(app),
            db_path,
        })
        .manage(sync::Sync {
            runner,
            demo: Mutex::new(None),
        })
        .setup(|app| {
            open_main_window(app)?;
            let shell = app.state::<Shell>();
            let background = app.state::<sync::Sync>();
            sync::resume_demo(&shell, &background);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            get_status,
            set_language,
            get_shop_profile,
            save_shop_profile,
            load_demo,
            list_farmers,
            get_farmer,
            create_farmer,
            update_farmer,
            archive_farmer,
            restore_farmer,
            list_products,
            get_product,
            create_product,
            update_product,
            archive_product,
            restore_product,
            receive_purchase,
            list_purchases,
            list_lots,
            record_waste,
            farmer_balances,
            record_payment,
            reverse_purchase,
            record_count,
            list_recipes,
            get_recipe,
            create_recipe,
            update_recipe,
            archive_recipe,
            restore_recipe,
            plan_production,
            record_production,
            list_production_runs,
            farmer_statement,
            save_farmer_statement,
            open_document,
            stock_by_product,
            low_stock,
            spoilage_by_month,
            purchases_by_farmer_month,
            create_order,
            get_order,
            list_orders,
            mark_order_paid,
            cancel_order,
            pack_order,
            unpack_order,
            ship_order,
            finish_order,
            set_waybill,
            pick_list,
            print_labels,
            list_members,
            add_member,
            set_member_active,
            set_current_member,
            current_member,
            list_packaging_rules,
            save_packaging_rule,
            delete_packaging_rule,
            suggest_packaging,
            print_pick_list,
            print_packing_slips,
            list_printers,
            print_document,
            return_order,
            list_waybill_ranges,
            add_waybill_range,
            take_waybill,
            save_employee,
            list_employees,
            record_work,
            preview_payroll,
            approve_payroll,
            pay_payslip,
            print_payslips,
            pay_year,
            export_pay_year_csv,
            export_pay_year_xlsx,
            list_work,
            delete_work,
            sync::sync_status,
            sync::sync_now,
            sync::marketplace_settings,
            sync::save_marketplace,
            sync::forget_marketplace,
            sync::connect_demo_marketplace,
            sync::list_listings,
            sync::save_listing,
            sync::delete_listing,
            sync::sync_items,
            sync::retry_sync_item,
            sync::discard_sync_item,
            sync::sync_alerts,
            sync::dismiss_sync_alert,
            sync::held_orders,
            pin_status,
            set_pin,
            unlock,
            lock,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("farmstall: the window could not start: {error}");
        std::process::exit(1);
    }
}
