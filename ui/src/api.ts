// The one module that talks to the Rust side. Screens call these typed functions and never `invoke`
// directly, so that the command names and argument shapes of docs/ipc.md live in one place.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type {
  AppStatus,
  CrashNotice,
  About,
  BackupList,
  BackupOutcome,
  OfferedPlace,
  RestoreReport,
  ForecastReport,
  ProfitStatement,
  PurchasePlan,
  RepeatBuyer,
  SalesQuery,
  SalesReport,
  StartDto,
  TodayDto,
  HeldImportDto,
  ImportFile,
  ImportMapping,
  ImportMappingInput,
  ImportOptions,
  ImportReport,
  MappingSaved,
  ShipmentExport,
  ShipmentExportInput,
  SplitInput,
  AssignedWaybills,
  AssignWaybillsInput,
  ScanShipped,
  Courier,
  BalancePage,
  CountInput,
  CountResult,
  DemoSummary,
  LeftDemo,
  Employee,
  EmployeeInput,
  Expense,
  ExpenseInput,
  ExpensePage,
  ExpenseQuery,
  Farmer,
  FarmerBalance,
  FarmerHabits,
  FarmerInput,
  FarmerPage,
  FieldIssue,
  IpcError,
  KnownRecipient,
  Language,
  LabelRequest,
  ListQuery,
  Lot,
  LotPage,
  LotQuery,
  LowStockPage,
  Member,
  MonthRange,
  Order,
  OrderInput,
  OrderPage,
  OrderQuery,
  PackagingRule,
  PackagingRuleInput,
  PackagingSuggestion,
  PackInput,
  PayInput,
  PayrollPreview,
  PayYear,
  PayslipRequest,
  PaymentInput,
  PickList,
  PickListQuery,
  PinStatus,
  PrintJob,
  Printer,
  PrintSetup,
  Product,
  ProductInput,
  ProductPage,
  ProductionInput,
  ProductionPlan,
  ProductionRun,
  ProductionRunPage,
  Purchase,
  PurchaseInput,
  PurchasePage,
  PurchaseReportPage,
  PurchaseReportQuery,
  Recipe,
  RecipeInput,
  RecipePage,
  ReturnInput,
  ReversalInput,
  SavedDocument,
  ShipInput,
  ShopProfile,
  ShopProfileInput,
  SpoilageReport,
  StatementDto,
  StatementQuery,
  StockByProductPage,
  WasteInput,
  WaybillRange,
  WaybillRangeInput,
  WorkInput,
  WorkRecord,
  WorkWeek,
  WorkWeekInput,
  WorkWeekSaved,
  HeldOrderDto,
  ListingDto,
  ListingInput,
  MarketplaceInput,
  MarketplaceSettings,
  OutboxItemDto,
  SyncAlertDto,
  SyncStatus,
} from "./bindings";

/**
 * `locked`: pay and the shop's settings are behind the owner's PIN and this window is not unlocked
 * (docs/ipc.md, "The owner's PIN"); the UI asks for the PIN and tries again.
 */
export type ErrorKind = IpcError["kind"];

const KINDS: ReadonlySet<string> = new Set<ErrorKind>([
  "validation",
  "not_found",
  "conflict",
  "database",
  "unavailable",
  "locked",
]);

/**
 * A rejected command. Always has a kind and a message; `field` and `rule` when Rust named them.
 * `errors` lists every wrong field of a rejected form (kind "validation"), in form order; it is
 * empty for other kinds, and for an older Rust side that named only one field.
 */
export class ApiError extends Error {
  readonly kind: ErrorKind;
  readonly field: string | null;
  readonly rule: string | null;
  readonly errors: readonly FieldIssue[];

  constructor(
    kind: ErrorKind,
    message: string,
    field: string | null = null,
    rule: string | null = null,
    errors: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.field = field;
    this.rule = rule;
    this.errors = errors;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** A FieldIssue's `params` as a string map; anything else (an older Rust side sends none) is empty. */
function stringParams(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, v] of Object.entries(value)) if (typeof v === "string") out[key] = v;
  return out;
}

function isFieldIssue(value: unknown): value is Omit<FieldIssue, "params"> & { params?: unknown } {
  return (
    isRecord(value) &&
    typeof value.field === "string" &&
    typeof value.rule === "string" &&
    typeof value.message === "string"
  );
}

/** The IpcError shape; `errors` may be missing (an older Rust side) and then counts as empty. */
function isIpcError(value: unknown): value is Omit<IpcError, "errors"> & { errors?: unknown } {
  return (
    isRecord(value) &&
    typeof value.kind === "string" &&
    KINDS.has(value.kind) &&
    typeof value.message === "string" &&
    (value.field === null || value.field === undefined || typeof value.field === "string") &&
    (value.rule === null || value.rule === undefined || typeof value.rule === "string")
  );
}

function describe(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Error) return value.message;
  if (isRecord(value) && typeof value.message === "string") return value.message;
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json;
  } catch {
    // fall through to String()
  }
  return String(value);
}

/**
 * Turns whatever a command rejected with into an ApiError. Anything that is not the IpcError shape
 * (a plain string from Tauri itself, a missing command, no Tauri at all) counts as "unavailable".
 */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isIpcError(reason)) {
    // Entries that are not FieldIssues are dropped rather than trusted.
    const errors = Array.isArray(reason.errors)
      ? reason.errors.filter(isFieldIssue).map((e) => ({ ...e, params: stringParams(e.params) }))
      : [];
    return new ApiError(reason.kind, reason.message, reason.field ?? null, reason.rule ?? null, errors);
  }
  return new ApiError("unavailable", describe(reason));
}

/** Whether a command was refused because pay and settings are locked behind the owner's PIN. */
export function isLocked(reason: unknown): boolean {
  return toApiError(reason).kind === "locked";
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** What the first screen needs, in one call: status, shop, who is working, Today, crash notice. */
export function start(): Promise<StartDto> {
  return call<StartDto>("start");
}

export function getStatus(): Promise<AppStatus> {
  return call<AppStatus>("get_status");
}

export function setLanguage(language: Language): Promise<AppStatus> {
  return call<AppStatus>("set_language", { language });
}

export function getShopProfile(): Promise<ShopProfile | null> {
  return call<ShopProfile | null>("get_shop_profile");
}

export function saveShopProfile(input: ShopProfileInput): Promise<ShopProfile> {
  return call<ShopProfile>("save_shop_profile", { input });
}

export function loadDemo(): Promise<DemoSummary> {
  return call<DemoSummary>("load_demo");
}

/** Clears the demo shop (kept first as a backup) so the owner's own shop starts empty; the window reloads after. */
export function leaveDemo(): Promise<LeftDemo> {
  return call<LeftDemo>("leave_demo");
}

export function listFarmers(query: ListQuery): Promise<FarmerPage> {
  return call<FarmerPage>("list_farmers", { query });
}

export function getFarmer(id: string): Promise<Farmer> {
  return call<Farmer>("get_farmer", { id });
}

export function createFarmer(input: FarmerInput): Promise<Farmer> {
  return call<Farmer>("create_farmer", { input });
}

export function updateFarmer(id: string, input: FarmerInput): Promise<Farmer> {
  return call<Farmer>("update_farmer", { id, input });
}

export function archiveFarmer(id: string): Promise<Farmer> {
  return call<Farmer>("archive_farmer", { id });
}

export function restoreFarmer(id: string): Promise<Farmer> {
  return call<Farmer>("restore_farmer", { id });
}

export function listProducts(query: ListQuery): Promise<ProductPage> {
  return call<ProductPage>("list_products", { query });
}

export function getProduct(id: string): Promise<Product> {
  return call<Product>("get_product", { id });
}

export function createProduct(input: ProductInput): Promise<Product> {
  return call<Product>("create_product", { input });
}

export function updateProduct(id: string, input: ProductInput): Promise<Product> {
  return call<Product>("update_product", { id, input });
}

export function archiveProduct(id: string): Promise<Product> {
  return call<Product>("archive_product", { id });
}

export function restoreProduct(id: string): Promise<Product> {
  return call<Product>("restore_product", { id });
}

/** Receives one delivery from a farmer: a purchase with one stock lot per line. */
export function receivePurchase(input: PurchaseInput): Promise<Purchase> {
  return call<Purchase>("receive_purchase", { input });
}

/** Purchases, newest first; `search` matches the farmer's name. */
export function listPurchases(query: ListQuery): Promise<PurchasePage> {
  return call<PurchasePage>("list_purchases", { query });
}

/** Stock lots; `search` matches the product's name. */
export function listLots(query: LotQuery): Promise<LotPage> {
  return call<LotPage>("list_lots", { query });
}

/**
 * Reverses a receipt entered wrongly: its lots are emptied and, if it was owed, the farmer is no
 * longer owed for it. Answers the purchase with `reversedOn` set.
 */
export function reversePurchase(input: ReversalInput): Promise<Purchase> {
  return call<Purchase>("reverse_purchase", { input });
}

/** Records a stock count: each counted lot is set to what was counted; answers the differences. */
export function recordCount(input: CountInput): Promise<CountResult> {
  return call<CountResult>("record_count", { input });
}

/** Takes spoiled, damaged, sampled or eaten stock out of a lot; answers the lot as it is now. */
export function recordWaste(input: WasteInput): Promise<Lot> {
  return call<Lot>("record_waste", { input });
}

/**
 * What the shop owes each farmer, largest balance first; `search` matches the farmer's name.
 * `includeArchived` lists every farmer, not only those with credit dealings.
 */
export function farmerBalances(query: ListQuery): Promise<BalancePage> {
  return call<BalancePage>("farmer_balances", { query });
}

/** Pays a farmer all or part of what is owed; answers the farmer's balance as it is now. */
export function recordPayment(input: PaymentInput): Promise<FarmerBalance> {
  return call<FarmerBalance>("record_payment", { input });
}

/** How the shop usually settles with a farmer: the payment of their last purchase, the method of their last payment. */
export function farmerHabits(farmerId: string): Promise<FarmerHabits> {
  return call<FarmerHabits>("farmer_habits", { farmerId });
}

// Recipes and production runs (docs/ipc.md, "Recipes and production runs").

/** Recipes; `search` matches the recipe's name. */
export function listRecipes(query: ListQuery): Promise<RecipePage> {
  return call<RecipePage>("list_recipes", { query });
}

export function getRecipe(id: string): Promise<Recipe> {
  return call<Recipe>("get_recipe", { id });
}

export function createRecipe(input: RecipeInput): Promise<Recipe> {
  return call<Recipe>("create_recipe", { input });
}

export function updateRecipe(id: string, input: RecipeInput): Promise<Recipe> {
  return call<Recipe>("update_recipe", { id, input });
}

export function archiveRecipe(id: string): Promise<Recipe> {
  return call<Recipe>("archive_recipe", { id });
}

export function restoreRecipe(id: string): Promise<Recipe> {
  return call<Recipe>("restore_recipe", { id });
}

/** What a run would take from which lots and what it would cost; writes nothing. */
export function planProduction(input: ProductionInput): Promise<ProductionPlan> {
  return call<ProductionPlan>("plan_production", { input });
}

/** Records a run: the inputs leave their lots first-expiry-first-out, the output is a new lot. */
export function recordProduction(input: ProductionInput): Promise<ProductionRun> {
  return call<ProductionRun>("record_production", { input });
}

/** Production runs, newest first; `search` matches the recipe's name. */
export function listProductionRuns(query: ListQuery): Promise<ProductionRunPage> {
  return call<ProductionRunPage>("list_production_runs", { query });
}

// Farmer statements and reports (docs/ipc.md, "Farmer statement" and "Reports").

/** A farmer's purchases, reversals and payments in a period, with the running balance owed. */
export function farmerStatement(query: StatementQuery): Promise<StatementDto> {
  return call<StatementDto>("farmer_statement", { query });
}

/** Makes the statement's PDF and saves it in the data folder; answers where. */
export function saveFarmerStatement(query: StatementQuery): Promise<SavedDocument> {
  return call<SavedDocument>("save_farmer_statement", { query });
}

/** Opens a document Farmstall saved (a statement PDF) in the system's PDF viewer. */
export async function openDocument(path: string): Promise<void> {
  await call<null>("open_document", { path });
}

// The crash record (docs/ipc.md, "The crash record").

/** The newest crash report not yet acknowledged, or null: the window says so on start. */
export function lastCrash(): Promise<CrashNotice | null> {
  return call<CrashNotice | null>("last_crash");
}

/** Marks every crash report there is as seen. */
export async function acknowledgeCrash(): Promise<void> {
  await call<null>("acknowledge_crash");
}

/** Opens the data folder's logs/ (logs and crash reports) in the system's file manager. */
export async function showLogsFolder(): Promise<void> {
  await call<null>("show_logs_folder");
}

/** Opens the folder holding a document Farmstall saved, in the system's file manager. */
export async function showDocumentFolder(path: string): Promise<void> {
  await call<null>("show_document_folder", { path });
}

/** Stock of every product (by name, pinyin and kind; archived ones with `includeArchived`) and its value at cost. */
export function stockByProduct(query: ListQuery): Promise<StockByProductPage> {
  return call<StockByProductPage>("stock_by_product", { query });
}

/** Active products at or below their reorder point, most short first. */
export function lowStock(query: ListQuery): Promise<LowStockPage> {
  return call<LowStockPage>("low_stock", { query });
}

/** What stock lost each month of the range cost, by reason. */
export function spoilageByMonth(range: MonthRange): Promise<SpoilageReport> {
  return call<SpoilageReport>("spoilage_by_month", { range });
}

/** Records an expense in the cost book; Rust names every wrong field. */
export function addExpense(input: ExpenseInput): Promise<Expense> {
  return call<Expense>("add_expense", { input });
}

/** A month's expenses (or a range of days), newest first, with the sums by category. */
export function listExpenses(query: ExpenseQuery): Promise<ExpensePage> {
  return call<ExpensePage>("list_expenses", { query });
}

/** Voids an expense entered by mistake: kept, no longer counted. */
export function voidExpense(id: string): Promise<Expense> {
  return call<Expense>("void_expense", { id });
}

/** Counts a voided expense again (the undo of `voidExpense`). */
export function restoreExpense(id: string): Promise<Expense> {
  return call<Expense>("restore_expense", { id });
}

/** What was bought from each farmer each month, newest month first. */
export function purchasesByFarmerMonth(query: PurchaseReportQuery): Promise<PurchaseReportPage> {
  return call<PurchaseReportPage>("purchases_by_farmer_month", { query });
}

// Today, sales and the month's profit (docs/ipc.md, "Today, sales and the month's profit").

/** What needs doing this morning and how the shop is doing. */
export function today(): Promise<TodayDto> {
  return call<TodayDto>("today");
}

/** Sales grouped by day, week, month, year, product, channel, province or city. */
export function salesReport(query: SalesQuery): Promise<SalesReport> {
  return call<SalesReport>("sales_report", { query });
}

/** The sales report as a spreadsheet saved in the documents folder. */
export function exportSalesXlsx(query: SalesQuery): Promise<SavedDocument> {
  return call<SavedDocument>("export_sales_xlsx", { query });
}

/** Buyers with two or more sales in the query's days, most orders first (at most 20). */
export function repeatBuyers(query: SalesQuery): Promise<RepeatBuyer[]> {
  return call<RepeatBuyer[]>("repeat_buyers", { query });
}

/** The month's profit and loss as a spreadsheet under `documents/reports/`. */
export function exportProfitXlsx(month: string): Promise<SavedDocument> {
  return call<SavedDocument>("export_profit_xlsx", { month });
}

/** The purchase plan as a spreadsheet under `documents/reports/`. */
export function exportPlanXlsx(safetyPercent: string): Promise<SavedDocument> {
  return call<SavedDocument>("export_plan_xlsx", { safetyPercent });
}

/** The cost book's days (every page of the query) as a spreadsheet under `documents/reports/`. */
export function exportExpensesXlsx(query: ExpenseQuery): Promise<SavedDocument> {
  return call<SavedDocument>("export_expenses_xlsx", { query });
}

/** The next eight weeks of each product ("" = all that sold in the last year). */
export function forecast(productId: string): Promise<ForecastReport> {
  return call<ForecastReport>("forecast", { productId });
}

/** What to buy from the farmers this week ("" = a 10% safety margin). */
export function purchasePlan(safetyPercent: string): Promise<PurchasePlan> {
  return call<PurchasePlan>("purchase_plan", { safetyPercent });
}

/** The month's profit and loss ("YYYY-MM"; "" = this month). */
export function profitStatement(month: string): Promise<ProfitStatement> {
  return call<ProfitStatement>("profit_statement", { month });
}

// Orders (docs/ipc.md, "Orders").

/** Enters an order by hand; a paid order reserves its goods at once. */
export function createOrder(input: OrderInput): Promise<Order> {
  return call<Order>("create_order", { input });
}

export function getOrder(id: string): Promise<Order> {
  return call<Order>("get_order", { id });
}

/** Orders by states, dates, product, province, source and text, one page, sorted by the database. */
export function listOrders(query: OrderQuery): Promise<OrderPage> {
  return call<OrderPage>("list_orders", { query });
}

/** The recipients earlier orders went to under this phone number or name: at most five, latest first. */
export function recentRecipients(phoneOrName: string): Promise<KnownRecipient[]> {
  return call<KnownRecipient[]>("recent_recipients", { phoneOrName });
}

/** The buyer paid a waiting order: its goods are reserved. */
export function markOrderPaid(id: string): Promise<Order> {
  return call<Order>("mark_order_paid", { id });
}

/** Cancels an order that is not packed yet; what it reserved goes back to stock. */
export function cancelOrder(id: string, note: string): Promise<Order> {
  return call<Order>("cancel_order", { id, note });
}

// Packing and shipping (docs/ipc.md, "Packing and shipping" and "Waybills, pick list, labels").

/** Packs a paid order: its goods and packaging leave their lots first-expiry-first; costs and margin are set. */
export function packOrder(input: PackInput): Promise<Order> {
  return call<Order>("pack_order", { input });
}

/** Back from packed to paid: everything goes back into its lots, reserved again. */
export function unpackOrder(id: string): Promise<Order> {
  return call<Order>("unpack_order", { id });
}

/** A packed order leaves with its courier and waybill (an empty waybill keeps the one already set). */
export function shipOrder(input: ShipInput): Promise<Order> {
  return call<Order>("ship_order", { input });
}

/** A shipped order arrived: finished. */
export function finishOrder(id: string): Promise<Order> {
  return call<Order>("finish_order", { id });
}

/** Gives a paid, packing or packed order its courier and waybill (its state unchanged), so that its label can print. */
export function setWaybill(input: ShipInput): Promise<Order> {
  return call<Order>("set_waybill", { input });
}

/** What to take from which lots for these orders, with what is short; writes nothing. */
export function pickList(query: PickListQuery): Promise<PickList> {
  return call<PickList>("pick_list", { query });
}

/** Makes the shipping labels of orders with waybills (in the pick list's order with `sort: "pick"`); answers the saved file. */
export function printLabels(request: LabelRequest): Promise<SavedDocument> {
  return call<SavedDocument>("print_labels", { request });
}

// Who is working, packaging rules, documents and printers, returns (docs/ipc.md, "Who is working",
// "Packaging rules", "Pick list and packing slip documents, printers", "Returns and refunds").

export function listMembers(): Promise<Member[]> {
  return call<Member[]>("list_members", {});
}

export function addMember(name: string): Promise<Member> {
  return call<Member>("add_member", { name });
}

export function setMemberActive(id: string, active: boolean): Promise<Member> {
  return call<Member>("set_member_active", { id, active });
}

/** Who is working now; "" = nobody. */
export function setCurrentMember(id: string): Promise<Member | null> {
  return call<Member | null>("set_current_member", { id });
}

export function currentMember(): Promise<Member | null> {
  return call<Member | null>("current_member", {});
}

export function listPackagingRules(): Promise<PackagingRule[]> {
  return call<PackagingRule[]>("list_packaging_rules", {});
}

export function savePackagingRule(input: PackagingRuleInput): Promise<PackagingRule> {
  return call<PackagingRule>("save_packaging_rule", { input });
}

export async function deletePackagingRule(id: string): Promise<void> {
  await call<null>("delete_packaging_rule", { id });
}

/** The packaging the shop's rules give an order; writes nothing. */
export function suggestPackaging(orderId: string): Promise<PackagingSuggestion> {
  return call<PackagingSuggestion>("suggest_packaging", { orderId });
}

/** The pick list as an A4 PDF. */
export function printPickList(query: PickListQuery): Promise<SavedDocument> {
  return call<SavedDocument>("print_pick_list", { query });
}

/** One packing slip per packed or shipped order, as a PDF. */
/** The approved payslips of a month as one PDF, saved under documents/payslips/. */
export function printPayslips(request: PayslipRequest): Promise<SavedDocument> {
  return call<SavedDocument>("print_payslips", { request });
}

export function printPackingSlips(orderIds: string[]): Promise<SavedDocument> {
  return call<SavedDocument>("print_packing_slips", { orderIds });
}

/** The CUPS printers; [] when there is no CUPS. */
export function listPrinters(): Promise<Printer[]> {
  return call<Printer[]>("list_printers", {});
}

/** The printers, why printing cannot work on this computer (`no_cups`, `no_printer`) and whether a viewer is there. */
export function printSetup(): Promise<PrintSetup> {
  return call<PrintSetup>("print_setup", {});
}

/** Sends a saved document to a printer; "" = the default printer. */
export function printDocument(path: string, printer: string): Promise<PrintJob> {
  return call<PrintJob>("print_document", { path, printer });
}

/** Goods back (restocked or written off) and/or money back for a shipped or finished order. */
export function returnOrder(input: ReturnInput): Promise<Order> {
  return call<Order>("return_order", { input });
}

// Waybill ranges (docs/ipc.md, "Waybill ranges (pre-bought numbers)").

/** The shop's pre-bought waybill ranges, by courier, newest first. */
export function listWaybillRanges(): Promise<WaybillRange[]> {
  return call<WaybillRange[]>("list_waybill_ranges", {});
}

/** Records numbers a courier sold the shop, from `first` to `last`. */
export function addWaybillRange(input: WaybillRangeInput): Promise<WaybillRange> {
  return call<WaybillRange>("add_waybill_range", { input });
}

/** Gives a paid, packing or packed order the next unused number of that courier's ranges (its state unchanged). */
export function takeWaybill(orderId: string, courier: Courier): Promise<Order> {
  return call<Order>("take_waybill", { orderId, courier });
}

// The daily shipping round (docs/ipc.md, "The daily shipping round").

/** Gives every chosen order without a waybill the next number of the courier's ranges, all or none. */
export function assignWaybills(input: AssignWaybillsInput): Promise<AssignedWaybills> {
  return call<AssignedWaybills>("assign_waybills", { input });
}

/** The order a scanned code names: waybill, order number (the label's QR code), platform order id. */
export function findOrderByCode(code: string): Promise<Order> {
  return call<Order>("find_order_by_code", { code });
}

/** Ships the packed order whose waybill (or label QR code) was scanned; says how many shipped today. */
export function shipScanned(code: string): Promise<ScanShipped> {
  return call<ScanShipped>("ship_scanned", { code });
}

/** Orders shipped today (Shanghai), undone scans taken off: the scan screen's count before its first scan. */
export function shippedToday(): Promise<number> {
  return call<number>("shipped_today", {});
}

/** Undoes a ship scan: packed again, while the marketplace has not been told. */
export function unshipOrder(id: string): Promise<Order> {
  return call<Order>("unship_order", { id });
}

// Payroll (docs/ipc.md, "Payroll").

/** Adds or replaces an employee (a new name adds the family member). */
export function saveEmployee(input: EmployeeInput): Promise<Employee> {
  return call<Employee>("save_employee", { input });
}

/** Every employee, by name. */
export function listEmployees(): Promise<Employee[]> {
  return call<Employee[]>("list_employees", {});
}

/** Records one day's work, a bonus, an advance or a deduction; answers the record's id. */
export function recordWork(input: WorkInput): Promise<string> {
  return call<string>("record_work", { input });
}

/** The week's recorded days, hours and pieces of every employee from `weekStart`, and which days are locked. */
export function workWeek(weekStart: string): Promise<WorkWeek> {
  return call<WorkWeek>("work_week", { weekStart });
}

/** Saves the week grid's cells in one go: each cell is saved or comes back in `problems`. */
export function saveWorkWeek(input: WorkWeekInput): Promise<WorkWeekSaved> {
  return call<WorkWeekSaved>("save_work_week", { input });
}

/** The month's payslips ("YYYY-MM"): as kept when approved, else a draft from the records as they are. */
export function previewPayroll(month: string): Promise<PayrollPreview> {
  return call<PayrollPreview>("preview_payroll", { month });
}

/** Keeps the month's payslips and locks its work records. */
export function approvePayroll(month: string): Promise<PayrollPreview> {
  return call<PayrollPreview>("approve_payroll", { month });
}

/** Pays out all or part of an approved payslip. */
export function payPayslip(input: PayInput): Promise<PayrollPreview> {
  return call<PayrollPreview>("pay_payslip", { input });
}

/** The month's recorded work of every employee ("YYYY-MM"), by date then name. */
export function listWork(month: string): Promise<WorkRecord[]> {
  return call<WorkRecord[]>("list_work", { month });
}

/** Deletes a work record entered by mistake; refused once its month is approved. */
export async function deleteWork(id: string): Promise<void> {
  await call<null>("delete_work", { id });
}

/** Pay over a year (approved months only), per employee and per month. */
export function payYear(year: number): Promise<PayYear> {
  return call<PayYear>("pay_year", { year });
}

/** The year's pay as a CSV file under documents/reports/. */
export function exportPayYearCsv(year: number): Promise<SavedDocument> {
  return call<SavedDocument>("export_pay_year_csv", { year });
}

/** The year's pay as an Excel workbook under documents/reports/. */
export function exportPayYearXlsx(year: number): Promise<SavedDocument> {
  return call<SavedDocument>("export_pay_year_xlsx", { year });
}

// The owner's PIN (docs/ipc.md, "The owner's PIN").

/** Whether a PIN is set and whether this window is unlocked. */
export function pinStatus(): Promise<PinStatus> {
  return call<PinStatus>("pin_status", {});
}

/** Sets (`current` "" when none is set), changes or removes (`next` "") the owner's PIN. */
export function setPin(current: string, next: string): Promise<PinStatus> {
  return call<PinStatus>("set_pin", { current, new: next });
}

/** Opens pay and settings in this window until `lock` or the app closes. */
export function unlock(pin: string): Promise<PinStatus> {
  return call<PinStatus>("unlock", { pin });
}

/** Closes pay and settings again. */
export function lock(): Promise<PinStatus> {
  return call<PinStatus>("lock", {});
}

// Marketplace sync (docs/ipc.md, "Marketplace sync (issue 6)").

/** How sync stands: last success, the last error and its kind, what waits, and whether a round runs now. */
export function syncStatus(): Promise<SyncStatus> {
  return call<SyncStatus>("sync_status", {});
}

/** Asks the background sync for a round now; answers at once, never waiting for the round. */
export async function syncNow(): Promise<void> {
  await call<null>("sync_now", {});
}

/** The connection as stored: never the secret or the session. */
export function marketplaceSettings(): Promise<MarketplaceSettings> {
  return call<MarketplaceSettings>("marketplace_settings", {});
}

/** Connects a real marketplace (behind the owner's PIN); an empty secret or session keeps the stored one. */
export function saveMarketplace(input: MarketplaceInput): Promise<MarketplaceSettings> {
  return call<MarketplaceSettings>("save_marketplace", { input });
}

/** Forgets the marketplace (behind the PIN): sync stops until it is connected again. */
export async function forgetMarketplace(): Promise<void> {
  await call<null>("forget_marketplace", {});
}

/** Starts the built-in demo marketplace and connects it (behind the PIN); answers how many listings it mapped. */
export function connectDemoMarketplace(): Promise<number> {
  return call<number>("connect_demo_marketplace", {});
}

/** The marketplace listings and the products they sell. */
export function listListings(): Promise<ListingDto[]> {
  return call<ListingDto[]>("list_listings", {});
}

/** Maps a listing (or SKU) to a product; the same listing and SKU replace the mapping. */
export function saveListing(input: ListingInput): Promise<ListingDto> {
  return call<ListingDto>("save_listing", { input });
}

export async function deleteListing(id: string): Promise<void> {
  await call<null>("delete_listing", { id });
}

/** What waits to be sent (`pending`) or was parked after too many tries (`parked`), oldest first. */
export function syncItems(state: "pending" | "parked"): Promise<OutboxItemDto[]> {
  return call<OutboxItemDto[]>("sync_items", { state });
}

/** A parked item goes again at the next round. */
export async function retrySyncItem(id: number): Promise<void> {
  await call<null>("retry_sync_item", { id });
}

/** A parked item is never sent. */
export async function discardSyncItem(id: number): Promise<void> {
  await call<null>("discard_sync_item", { id });
}

/** Platform-side changes the owner must see to (refunded after packing…), newest first. */
export function syncAlerts(): Promise<SyncAlertDto[]> {
  return call<SyncAlertDto[]>("sync_alerts", {});
}

export async function dismissSyncAlert(id: number): Promise<void> {
  await call<null>("dismiss_sync_alert", { id });
}

/** Platform orders kept aside, with the reason in English; the next round applies them once fixed. */
export function heldOrders(): Promise<HeldOrderDto[]> {
  return call<HeldOrderDto[]>("held_orders", {});
}

/** What importing these export files would do; nothing is written. */
export function previewImport(files: ImportFile[], options: ImportOptions): Promise<ImportReport> {
  return call<ImportReport>("preview_import", { files, options });
}

/** Imports the files' orders in one transaction (progress: `onImportProgress`). */
export function importOrders(files: ImportFile[], options: ImportOptions): Promise<ImportReport> {
  return call<ImportReport>("import_orders", { files, options });
}

/** Hears the import's progress until the returned function is called. */
export async function onImportProgress(handler: (p: { done: number; total: number }) => void): Promise<() => void> {
  return listen<{ done: number; total: number }>("import-progress", (event) => handler(event.payload));
}

/** The demo shop's export files, to try the import with. */
export function demoImportFiles(): Promise<ImportFile[]> {
  return call<ImportFile[]>("demo_import_files");
}

export function importMappings(): Promise<ImportMapping[]> {
  return call<ImportMapping[]>("import_mappings");
}

/** Says which product a platform line sells; held orders waiting only for it come in. */
export function saveImportMapping(input: ImportMappingInput): Promise<MappingSaved> {
  return call<MappingSaved>("save_import_mapping", { input });
}

export function heldImports(): Promise<HeldImportDto[]> {
  return call<HeldImportDto[]>("held_imports");
}

export function splitHeldImport(input: SplitInput): Promise<Order> {
  return call<Order>("split_held_import", { input });
}

/** The bulk-shipping file for a platform, saved under documents/shipments/. */
export function exportShipments(input: ShipmentExportInput): Promise<ShipmentExport> {
  return call<ShipmentExport>("export_shipments", { input });
}

/** Both places' backups, newest first, and how the copy outside the PC stands (works without a shop). */
export function listBackups(): Promise<BackupList> {
  return call<BackupList>("list_backups");
}

/** A backup now, here and in the second place; with `to`, the copy goes there and must succeed. */
export function backupNow(to: string | null): Promise<BackupOutcome> {
  return call<BackupOutcome>("backup_now", { to });
}

/** Replaces the shop with a backup (the replaced file is kept aside); the window reloads after. */
export function restoreBackup(path: string): Promise<RestoreReport> {
  return call<RestoreReport>("restore_backup", { path });
}

/** Sets (a folder) or clears (null) the second place for backups. */
export function setBackupPlace(folder: string | null): Promise<string | null> {
  return call<string | null>("set_backup_place", { folder });
}

/** USB sticks and disks plugged in now. */
export function offeredBackupPlaces(): Promise<OfferedPlace[]> {
  return call<OfferedPlace[]>("offered_backup_places");
}

/** The version and where the data, backups and logs are. */
export function about(): Promise<About> {
  return call<About>("about");
}
