// Generated from the Rust IPC types (crates/app/src/dto.rs, stock.rs, error.rs) by
// `UPDATE_BINDINGS=1 cargo test -p farmstall-app --test bindings`. Do not edit by hand.

export type Language = "zh-CN" | "en";

export type Courier = "SF" | "ZTO" | "YTO" | "STO" | "YUNDA" | "JD" | "EMS";

export type Payment = "owed" | "cash" | "wechat" | "alipay" | "bank";

export type WasteReason = "spoiled" | "damaged" | "sample" | "own_use";

export type PayMethod = "cash" | "wechat" | "alipay" | "bank";

export type ExpenseCategory = "platform_fees" | "advertising" | "electricity" | "vehicle" | "equipment" | "other";

export type OrderSource = "taobao" | "pinduoduo" | "douyin" | "wechat" | "phone" | "market";

export type OrderState = "waiting_payment" | "paid" | "packing" | "packed" | "shipped" | "finished" | "cancelled" | "refunded";

export type ProductKind = "goods" | "ingredient" | "packaging";

export type AppStatus = { version: string, dbPath: string, language: Language, hasShop: boolean, 
/**
 * The shop is the demo (loaded by `load_demo`): the owner may clear it to start their own.
 */
isDemo: boolean, 
/**
 * Why the database could not be opened (English); when set, nothing else works.
 */
openError: string | null, 
/**
 * The same as a code for the UI to explain in the user's language.
 */
openErrorKind: "not_farmstall" | "corrupt" | "newer_version" | "unknown_migration" | "cannot_open" | "backup_failed" | "busy" | "read_only" | "no_shop" | "migration_failed" | "other" | null, };

export type CrashNotice = { 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * The report file.
 */
path: string, 
/**
 * The folder holding it (`logs/`).
 */
folder: string, };

export type Counts = { orders: number, lots: number, farmers: number, };

export type BackupDto = { path: string, fileName: string, 
/**
 * `data` (the data folder's `backups/`) or `outside` (the second place).
 */
place: string, 
/**
 * RFC 3339, from the name; None for a file not named as our backups.
 */
takenAt: string | null, 
/**
 * `daily`, `closing`, `manual`, `before-step`, or `unknown`.
 */
kind: string, 
/**
 * For a before-step backup: the step (`migration_v11`, `restore`, `import_taobao`).
 */
step: string | null, size: number, usable: boolean, 
/**
 * Why it cannot be restored from: `not_farmstall`, `damaged`, `newer_version`, ….
 */
problem: string | null, problemMessage: string | null, orders: number | null, lots: number | null, farmers: number | null, lastOrderDate: string | null, schemaVersion: number | null, };

export type BackupList = { folder: string, secondPlace: string | null, 
/**
 * The second place's folder is there now (the stick is plugged in).
 */
secondPlacePresent: boolean, 
/**
 * When a verified copy was last made outside the PC.
 */
lastOutsideBackup: string | null, 
/**
 * No copy outside the PC in the last [`OUTSIDE_STALE_DAYS`] days (or never).
 */
outsideStale: boolean, 
/**
 * What the shop holds now (none when it cannot be read): beside a backup's counts, what a
 * restore would change.
 */
current: Counts | null, backups: Array<BackupDto>, };

export type BackupOutcome = { backup: BackupDto, 
/**
 * Where the copy outside the PC went, when one was made.
 */
copiedTo: string | null, 
/**
 * Why no copy outside was made although a place was set (not plugged in, not writable).
 */
outsideProblem: string | null, 
/**
 * Old backups rotation deleted.
 */
deleted: number, millis: number, };

export type RestoreReport = { restoredFrom: string, 
/**
 * The file that was replaced, kept aside (`farmstall.replaced-YYYYMMDD-HHMMSS.db`, UTC).
 */
replacedKeptAt: string | null, 
/**
 * The before-restore backup of the replaced file (none when it could not be read).
 */
beforeBackup: string | null, 
/**
 * The replaced shop's counts (none when it could not be read or was not there).
 */
before: Counts | null, after: Counts, 
/**
 * The restored file was older and was upgraded from this version when reopened.
 */
migratedFrom: number | null, };

export type OfferedPlace = { path: string, 
/**
 * The stick's or disk's name as the system mounted it (`KINGSTON`, `E:`).
 */
label: string, };

export type About = { version: string, dataFolder: string, dbFile: string, backupsFolder: string, logsFolder: string, 
/**
 * The second place for backups, when one is set (read from the shop when it can be read).
 */
secondPlace: string | null, };

export type Address = { province: string, city: string, district: string, street: string, };

export type ShopProfileInput = { shopName: string, ownerName: string, senderName: string, phone: string, address: Address, defaultCourier: Courier | null, language: Language, };

export type ShopProfile = { shopName: string, ownerName: string, senderName: string, phone: string, address: Address, defaultCourier: Courier | null, language: Language, updatedAt: string, };

export type DemoSummary = { farmers: number, products: number, };

export type LeftDemo = { 
/**
 * The verified backup of the demo shop in the data folder's `backups/`.
 */
backup: string, 
/**
 * The folder the demo's printed documents and its marketplace connection were moved to
 * (`demo-kept-YYYYMMDD-HHMMSS` in the data folder, UTC); None when it had neither.
 */
keptFolder: string | null, 
/**
 * What the demo held, as its backup holds it.
 */
demo: Counts, };

export type ListQuery = { search: string, includeArchived: boolean, limit: number, offset: number, 
/**
 * Products only: `goods`, `ingredient` or `packaging`; empty for every kind.
 */
kind: ProductKind | "", 
/**
 * The id of the last row of the page before, to start after it: keyset paging, as quick
 * deep in a long list as at its top. Absent or empty: start at `offset`. Lists that page
 * this way answer with `next`.
 */
after?: string, };

export type FarmerInput = { name: string, village: string, phone: string, paymentNotes: string, remarks: string, };

export type Farmer = { id: string, name: string, village: string, phone: string, paymentNotes: string, remarks: string, archived: boolean, createdAt: string, updatedAt: string, 
/**
 * What a picker's typing is matched against besides the name: full pinyin and initials
 * ("wangdegui wdg"), from `farmstall_domain::text::search_key`.
 */
searchKey: string, };

export type FarmerPage = { items: Array<Farmer>, total: number, };

export type ProductInput = { nameZh: string, nameEn: string, 
/**
 * A unit code or what the user typed (斤, 箱(5斤), box of 5 jin).
 */
saleUnit: string, stockUnit: string, perishable: boolean, 
/**
 * Whole days; required when perishable, ignored otherwise.
 */
shelfLifeDays: string, 
/**
 * Yuan per sale unit, at most 2 decimals.
 */
price: string, 
/**
 * Shipping weight of one sale unit in kg, at most 3 decimals; may be empty.
 */
weightKg: string, 
/**
 * `goods` (default when empty), `ingredient` or `packaging`.
 */
kind: ProductKind | "", 
/**
 * Warn when available stock falls to this many stock units (≥ 0, at most 3 decimals); may be empty.
 */
reorderPoint: string, 
/**
 * The code on the product's label (letters, digits, dashes; up to 32); may be empty.
 */
barcode: string, };

export type Product = { id: string, nameZh: string, nameEn: string | null, saleUnit: string, stockUnit: string, perishable: boolean, shelfLifeDays: number | null, price: string, weightKg: string | null, kind: ProductKind, 
/**
 * In stock units; `null` when the shop set none.
 */
reorderPoint: string | null, barcode: string | null, archived: boolean, createdAt: string, updatedAt: string, 
/**
 * What a picker's typing is matched against besides the names: the Chinese name's full pinyin
 * and initials ("mihoutao mht"), then the English name lowercased when there is one.
 */
searchKey: string, };

export type ProductPage = { items: Array<Product>, total: number, };

export type PurchaseLineInput = { productId: string, grade: string, quantity: string, 
/**
 * Empty = the product's stock unit.
 */
unit: string, 
/**
 * Yuan per `unit`, at most 4 decimals; give this or `lineTotal`.
 */
unitPrice: string, 
/**
 * Yuan, at most 2 decimals.
 */
lineTotal: string, harvestedOn: string, 
/**
 * Empty = (harvest or receive date) + the product's shelf life.
 */
bestBefore: string, };

export type PurchaseInput = { farmerId: string, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
receivedOn: string, payment: Payment, note: string, lines: Array<PurchaseLineInput>, };

export type PurchaseLine = { lotId: string, productId: string, productName: string, grade: string, quantity: string, unit: string, unitPrice: string, lineTotal: string, bestBefore: string | null, };

export type Purchase = { id: string, farmerId: string, farmerName: string, receivedOn: string, payment: Payment, total: string, note: string, lines: Array<PurchaseLine>, createdAt: string, 
/**
 * Set when the receipt was reversed: its lots were emptied and it is no longer owed.
 */
reversedOn: string | null, reversalReason: string | null, };

export type PurchasePage = { items: Array<Purchase>, total: number, 
/**
 * The id to pass as `after` for the page after this one; absent on the last page.
 */
next?: string | null, };

export type LotQuery = { search: string, productId: string | null, includeEmpty: boolean, 
/**
 * Only lots in stock that expire within this many days from today (expired ones included).
 */
expiringWithinDays: number | null, limit: number, offset: number, 
/**
 * The id of the last row of the page before, to start after it: keyset paging, as quick
 * deep in a long list as at its top. Absent or empty: start at `offset`. Lists that page
 * this way answer with `next`.
 */
after?: string, };

export type Lot = { id: string, productId: string, productName: string, grade: string, farmerName: string | null, 
/**
 * Made here by a production run (no farmer).
 */
madeHere: boolean, receivedOn: string, bestBefore: string | null, 
/**
 * Days from today to the best-before date; negative when expired; null for lots that keep.
 */
daysToExpiry: number | null, onHand: string, reserved: string, available: string, stockUnit: string, costOnHand: string, 
/**
 * Yuan per stock unit, 4 decimals at most.
 */
unitCost: string, };

export type LotPage = { items: Array<Lot>, total: number, 
/**
 * The id to pass as `after` for the page after this one; absent on the last page.
 */
next?: string | null, };

export type WasteInput = { lotId: string, 
/**
 * In the lot's stock unit.
 */
quantity: string, reason: WasteReason, note: string, };

export type PaymentInput = { farmerId: string, 
/**
 * Yuan, at most 2 decimals, more than zero and at most what is owed.
 */
amount: string, method: PayMethod, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
paidOn: string, note: string, };

export type FarmerBalance = { farmerId: string, farmerName: string, village: string, 
/**
 * Purchases left owed, in all.
 */
owed: string, paid: string, 
/**
 * What the shop still owes.
 */
balance: string, };

export type FarmerHabits = { farmerId: string, 
/**
 * The payment of their most recently entered purchase (not reversed); `null` when never
 * bought from (the form then keeps `owed`).
 */
purchasePayment: Payment | null, 
/**
 * The method of their most recently entered payment; `null` when never paid.
 */
payMethod: PayMethod | null, };

export type BalancePage = { items: Array<FarmerBalance>, total: number, };

export type ReversalInput = { purchaseId: string, 
/**
 * Why (wrong farmer, wrong quantity, entered twice); required.
 */
reason: string, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
reversedOn: string, };

export type CountLineInput = { lotId: string, 
/**
 * What is really there, in the lot's stock unit; zero or more.
 */
counted: string, };

export type CountInput = { 
/**
 * `YYYY-MM-DD`; empty = today.
 */
countedOn: string, note: string, lines: Array<CountLineInput>, };

export type CountLineResult = { lotId: string, productName: string, stockUnit: string, 
/**
 * On hand before the count.
 */
expected: string, counted: string, 
/**
 * Counted minus expected: negative = missing.
 */
difference: string, 
/**
 * Cost of the difference, signed like it.
 */
cost: string, };

export type CountResult = { id: string, countedOn: string, lines: Array<CountLineResult>, 
/**
 * Lots whose count differed.
 */
adjusted: number, 
/**
 * Net cost lost (positive) or found (negative) in all.
 */
lost: string, };

export type InputLine = { productId: string, quantity: string, };

export type RecipeInput = { name: string, outputProductId: string, 
/**
 * What one batch of the inputs makes, in the output product's stock unit.
 */
outputQuantity: string, 
/**
 * Whole days; empty = the output product's shelf life.
 */
shelfLifeDays: string, note: string, 
/**
 * Per batch, each in its product's stock unit.
 */
inputs: Array<InputLine>, };

export type RecipeIngredient = { productId: string, productName: string, stockUnit: string, quantity: string, };

export type Recipe = { id: string, name: string, outputProductId: string, outputProductName: string, outputUnit: string, outputQuantity: string, 
/**
 * As set on the recipe; `null` = the product's.
 */
shelfLifeDays: number | null, 
/**
 * What a run's best-before is computed from; `null` when the output keeps.
 */
effectiveShelfLifeDays: number | null, note: string, inputs: Array<RecipeIngredient>, archived: boolean, createdAt: string, updatedAt: string, };

export type RecipePage = { items: Array<Recipe>, total: number, };

export type ProductionInput = { recipeId: string, 
/**
 * How much was made, in the output product's stock unit.
 */
outputQuantity: string, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
producedOn: string, 
/**
 * Yuan, at most 2 decimals; empty = none.
 */
labour: string, note: string, 
/**
 * What was really used, each in its product's stock unit; empty = the recipe scaled to the
 * output quantity.
 */
inputs: Array<InputLine>, };

export type PlannedTake = { lotId: string, quantity: string, bestBefore: string | null, cost: string, };

export type PlannedInput = { productId: string, productName: string, stockUnit: string, quantity: string, 
/**
 * Available in lots that are not expired on the run's date.
 */
available: string, 
/**
 * In lots that expired before the run's date: not used.
 */
expired: string, 
/**
 * Not enough stock for this input.
 */
short: boolean, takes: Array<PlannedTake>, cost: string, };

export type ProductionPlan = { recipeId: string, recipeName: string, outputProductName: string, outputUnit: string, outputQuantity: string, producedOn: string, bestBefore: string | null, inputs: Array<PlannedInput>, inputsCost: string, labour: string, totalCost: string, 
/**
 * Yuan per output unit, at most 4 decimals.
 */
unitCost: string, 
/**
 * Some input is short: the run cannot be recorded as it stands.
 */
short: boolean, };

export type RunTakeDto = { lotId: string, productId: string, productName: string, stockUnit: string, quantity: string, cost: string, };

export type ProductionRun = { id: string, recipeId: string, recipeName: string, producedOn: string, 
/**
 * What the run made, in the output's stock unit (the lot's on hand goes down as it sells).
 */
outputQuantity: string, outputLot: Lot, takes: Array<RunTakeDto>, inputsCost: string, labour: string, totalCost: string, note: string, };

export type ProductionRunPage = { items: Array<ProductionRun>, total: number, };

export type MonthRange = { 
/**
 * Empty = 11 months before `to` (a year of months in all).
 */
from: string, 
/**
 * Empty = this month.
 */
to: string, };

export type ProductStockRow = { productId: string, productName: string, kind: ProductKind, stockUnit: string, 
/**
 * Listed only when the query includes archived products.
 */
archived: boolean, 
/**
 * Stock units, exact decimals.
 */
onHand: string, reserved: string, available: string, 
/**
 * Yuan, at each lot's own cost.
 */
costOnHand: string, 
/**
 * Lots with stock.
 */
lots: number, 
/**
 * The earliest best-before date among the lots in stock; `null` when none has one.
 */
nextBestBefore: string | null, 
/**
 * In stock units; `null` when the shop set none.
 */
reorderPoint: string | null, 
/**
 * An active product with a reorder point whose available stock is at or below it (the
 * products the low-stock list shows).
 */
low: boolean, };

export type StockByProductPage = { items: Array<ProductStockRow>, 
/**
 * Products matching the query, on every page.
 */
total: number, 
/**
 * Yuan at cost of all stock of the products matching the query, not only this page.
 */
value: string, };

export type LowStockPage = { items: Array<ProductStockRow>, total: number, };

export type SpoilageMonth = { 
/**
 * `YYYY-MM`.
 */
month: string, spoiled: string, damaged: string, sample: string, ownUse: string, 
/**
 * Net of stock-count adjustments: positive = stock lost, negative = stock found.
 */
count: string, total: string, };

export type SpoilageReport = { 
/**
 * Every month of the range, oldest first, zeros where nothing was lost.
 */
months: Array<SpoilageMonth>, 
/**
 * Yuan lost over the whole range.
 */
total: string, };

export type PurchaseReportQuery = { 
/**
 * `YYYY-MM`; empty = 11 months before `to`.
 */
from: string, 
/**
 * `YYYY-MM`; empty = this month.
 */
to: string, 
/**
 * Farmer name, pinyin (full or initials) or village.
 */
search: string, limit: number, offset: number, };

export type FarmerMonthRow = { farmerId: string, farmerName: string, village: string, 
/**
 * `YYYY-MM`.
 */
month: string, purchases: number, 
/**
 * Yuan.
 */
total: string, 
/**
 * The part of `total` bought on credit (owed to the farmer when bought).
 */
owed: string, };

export type PurchaseReportPage = { items: Array<FarmerMonthRow>, 
/**
 * Farmer-months matching the query, on every page.
 */
total: number, 
/**
 * Yuan bought in all the matching rows, not only this page.
 */
sum: string, };

export type SalesFigures = { orders: number, units: string, revenue: string, refunds: string, goodsCost: string, packaging: string, shipping: string, grossProfit: string, 
/**
 * Gross profit over revenue less refunds, in percent with one decimal; "" without revenue.
 */
margin: string, 
/**
 * Of `orders`, those not packed yet: their goods cost is not in, so the gross profit and
 * margin are higher than they will be.
 */
unpacked: number, };

export type SalesQuery = { 
/**
 * `day`, `week`, `month`, `year`, `product`, `channel`, `province` or `city`.
 */
by: string, 
/**
 * `YYYY-MM-DD`, both included. Empty `to`: today; empty `from`: a year before `to`.
 */
from: string, to: string, };

export type SalesRow = { 
/**
 * The day, week's Monday, month (`YYYY-MM`), year, channel code, province, city or
 * product id.
 */
key: string, 
/**
 * A city's province; a product's Chinese name.
 */
parent: string, 
/**
 * A product's English name, if it has one.
 */
nameEn: string, figures: SalesFigures, };

export type RepeatBuyer = { source: string, buyer: string, province: string, orders: number, revenue: string, lastOn: string, };

export type SalesReport = { by: string, from: string, to: string, rows: Array<SalesRow>, total: SalesFigures, };

export type ProfitLine = { 
/**
 * `revenue`, `refunds`, `goods_cost`, `packaging`, `shipping`, `spoilage`, `wages`, or
 * `expense:<category>`.
 */
code: string, 
/**
 * Positive; revenue adds, every other line takes away.
 */
amount: string, 
/**
 * How many records it sums (orders, write-offs, payslips, expenses).
 */
records: number, };

export type ProfitStatement = { 
/**
 * `YYYY-MM`.
 */
month: string, from: string, to: string, lines: Array<ProfitLine>, profit: string, 
/**
 * The month's pay is approved, so wages are in; false: the profit leaves them out.
 */
wagesApproved: boolean, 
/**
 * The month has not ended: its figures will still grow.
 */
partial: boolean, 
/**
 * Sales not yet packed: their goods cost comes in when packing takes the goods from stock,
 * so until then the profit is too high by what they will cost.
 */
withoutGoodsCost: number, };

export type ExpiringLot = { lotId: string, productId: string, productName: string, productNameEn: string, grade: string, stockUnit: string, bestBefore: string, 
/**
 * Days from today (negative: past).
 */
daysLeft: number, 
/**
 * Not promised to orders.
 */
available: string, 
/**
 * Promised to orders not yet packed.
 */
reserved: string, 
/**
 * `write_off` (past its date), `pack_first` (all of it is promised to orders: pack those
 * first), `make_product` (a recipe takes it), `sell_first`.
 */
suggestion: string, };

export type LongestOwed = { farmerId: string, farmerName: string, 
/**
 * The day of the oldest purchase not yet paid for.
 */
since: string, days: number, balance: string, };

export type TodayDto = { today: string, toShip: number, 
/**
 * Hours since the order waiting longest was paid; null when none waits.
 */
oldestToShipHours: number | null, overdue: number, expiring: Array<ExpiringLot>, expiringCount: number, lowStock: number, owed: string, owedFarmers: number, longestOwed: LongestOwed | null, 
/**
 * Employees with no work recorded this week (Monday to today).
 */
workMissing: Array<string>, salesToday: SalesFigures, salesMonth: SalesFigures, 
/**
 * This month's sales not yet packed: their goods cost is not in the gross profit yet.
 */
monthWithoutGoodsCost: number, sync: SyncStatus, };

export type MetricsDto = { mase: number, wmape: number, };

export type BacktestDto = { chosen: MetricsDto, seasonalNaive: MetricsDto, naive: MetricsDto, beatsSeasonalNaive: boolean, };

export type OverallDto = { products: number, chosen: MetricsDto, seasonalNaive: MetricsDto, naive: MetricsDto, };

export type WeekFigure = { week: string, units: string, 
/**
 * The forecast's ~80% range; empty for weeks already sold.
 */
low: string, high: string, };

export type ProductForecast = { productId: string, productName: string, productNameEn: string, stockUnit: string, 
/**
 * Weeks of history read (from its first sale).
 */
historyWeeks: number, 
/**
 * The last weeks sold, oldest first.
 */
recent: Array<WeekFigure>, 
/**
 * The next eight weeks; empty when there is not enough history.
 */
weeks: Array<WeekFigure>, 
/**
 * `naive`, `seasonal_naive`, `croston`, `tsb`, `mstl_ets`; empty without a forecast.
 */
method: string, 
/**
 * `good`, `rough`, `unsure`; empty without a forecast.
 */
confidence: string, backtest: BacktestDto | null, 
/**
 * Why there is no forecast, and what it would need; empty when there is one.
 */
notEnough: string, };

export type ForecastReport = { 
/**
 * The Monday of the first week forecast.
 */
firstWeek: string, products: Array<ProductForecast>, 
/**
 * Over the products with a forecast; null when none has one.
 */
overall: OverallDto | null, };

export type SupplierDto = { farmerId: string, farmerName: string, lastOn: string, grade: string, 
/**
 * Yuan per stock unit.
 */
unitPrice: string, };

export type PlanRow = { productId: string, productName: string, productNameEn: string, stockUnit: string, 
/**
 * Days the suggestion buys for: the shelf life, at most a week.
 */
days: number, 
/**
 * Forecast sales over those days.
 */
demand: string, onHand: string, 
/**
 * Already promised to orders.
 */
promised: string, safety: string, 
/**
 * To buy: demand − (on hand − promised) + safety, rounded up to whole units, never below 0.
 */
suggested: string, confidence: string, suppliers: Array<SupplierDto>, notEnough: string, 
/**
 * How many days the free stock (on hand − promised) lasts at the forecast's pace; none when
 * there is no forecast or it sells nothing. At most 365.
 */
coverDays: number | null, 
/**
 * The product's shelf life in days, if it spoils: free stock that lasts longer than this
 * will not all sell before it goes bad.
 */
shelfLifeDays: number | null, };

export type PurchasePlan = { safetyPercent: number, rows: Array<PlanRow>, };

export type RecipientInput = { name: string, phone: string, province: string, city: string, district: string, street: string, postcode: string, };

export type OrderLineInput = { productId: string, 
/**
 * In the product's sale unit (boxes of 5 jin), at most 3 decimals.
 */
quantity: string, 
/**
 * Yuan per sale unit; empty = the product's price.
 */
unitPrice: string, 
/**
 * Yuan off this line; empty = none.
 */
discount: string, };

export type OrderInput = { source: OrderSource, 
/**
 * The platform's order id, if there is one; unique per source.
 */
platformOrderId: string, buyer: string, recipient: RecipientInput, lines: Array<OrderLineInput>, 
/**
 * Yuan the buyer paid for shipping; empty = 0.
 */
shippingFee: string, buyerNote: string, sellerNote: string, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
orderedOn: string, 
/**
 * `paid` (default: phone and WeChat orders are usually paid first) or `waiting_payment`.
 */
state: string, };

export type OrderLine = { productId: string, productName: string, saleUnit: string, quantity: string, 
/**
 * The same quantity in the product's stock unit (what leaves stock, what can come back).
 */
stockUnit: string, stockQuantity: string, 
/**
 * The product's barcode, to tick the line off by scanning when packing.
 */
barcode: string | null, 
/**
 * The product name's full pinyin and initials ("mihoutao mht"), to tick the line off by
 * typing them when packing.
 */
searchKey: string, unitPrice: string, discount: string, lineTotal: string, };

export type Order = { id: string, number: string, source: OrderSource, platformOrderId: string | null, state: OrderState, buyer: string, recipient: RecipientInput, lines: Array<OrderLine>, goods: string, shippingFee: string, 
/**
 * Goods + shipping fee: what the buyer paid.
 */
total: string, buyerNote: string, sellerNote: string, orderedOn: string, courier: string | null, waybill: string | null, 
/**
 * Who packed it; set once packed.
 */
packedBy: string | null, weightKg: string | null, 
/**
 * What the goods and the packaging cost (each lot's own cost); set once packed.
 */
goodsCost: string | null, packagingCost: string | null, shippingCost: string | null, 
/**
 * Total − refunded − (goods cost − cost of goods back in stock) − packaging cost − shipping
 * cost; once packed (shipping cost 0 until shipped).
 */
margin: string | null, 
/**
 * Money given back over all returns.
 */
refunded: string, 
/**
 * Goods that came back and money given back, oldest first.
 */
returns: Array<OrderReturn>, createdAt: string, updatedAt: string, 
/**
 * The platform gave the recipient masked or encrypted: only the platform's own electronic
 * waybill can be printed for it (the packing slip and pick list still work).
 */
masked: boolean, 
/**
 * Sales history from before the shop kept stock here: counts in reports, moved no stock.
 */
history: boolean, 
/**
 * When it is due to ship (RFC 3339): the platform's ship-by time, else 48 hours after payment.
 */
dueAt: string | null, 
/**
 * When its waybill went to the platform in a bulk-shipping file.
 */
shipmentExportedAt: string | null, };

export type OrderQuery = { 
/**
 * Any of these states; empty = all.
 */
states: OrderState[], 
/**
 * `YYYY-MM-DD`, both included; empty = open.
 */
from: string, to: string, productId: string, province: string, source: OrderSource | "", 
/**
 * Order number, platform id, buyer, recipient, phone, address or waybill; Chinese works.
 */
search: string, 
/**
 * `newest` (default), `oldest`, `total` (largest first) or `due` (due to ship soonest first).
 */
sort: string, limit: number, offset: number, 
/**
 * The id of the last row of the page before, to start after it: keyset paging, as quick
 * deep in a long list as at its top. Absent or empty: start at `offset`. Lists that page
 * this way answer with `next`.
 */
after?: string, };

export type OrderPage = { items: Array<Order>, total: number, 
/**
 * The id to pass as `after` for the page after this one; absent on the last page.
 */
next?: string | null, };

export type KnownRecipient = { name: string, 
/**
 * As written on the latest order to this address.
 */
phone: string, province: string, city: string, district: string, street: string, postcode: string, 
/**
 * How many orders went to this recipient at this address.
 */
orders: number, 
/**
 * `YYYY-MM-DD` of the latest of them.
 */
lastOrderedOn: string, };

export type PackInput = { orderId: string, 
/**
 * Boxes, ice packs, nets, tape: each a product and a quantity in its stock unit.
 */
packaging: Array<InputLine>, 
/**
 * Parcel weight in kg, at most 3 decimals; may be empty.
 */
weightKg: string, 
/**
 * Who packed it (the family member working).
 */
packedBy: string, };

export type ShipInput = { orderId: string, courier: Courier, waybill: string, 
/**
 * Yuan the courier charges; empty = 0.
 */
shippingCost: string, };

export type ReturnedLine = { productName: string, quantity: string, stockUnit: string, disposition: "restock" | "waste", };

export type OrderReturn = { at: string, refund: string, restockedCost: string, writtenOffCost: string, note: string, lines: Array<ReturnedLine>, };

export type ReturnLineInput = { productId: string, 
/**
 * In the product's stock unit.
 */
quantity: string, disposition: "restock" | "waste", 
/**
 * For waste: spoiled, damaged, sample, own_use; "" = damaged.
 */
reason: WasteReason | "", };

export type ReturnInput = { orderId: string, 
/**
 * Empty: money only.
 */
lines: Array<ReturnLineInput>, 
/**
 * Yuan given back; "" = 0.
 */
refund: string, note: string, };

export type Member = { id: string, name: string, active: boolean, 
/**
 * Full pinyin and initials of the name, for the pickers' typing (`text::search_key`).
 */
searchKey: string, };

export type ExpenseInput = { 
/**
 * `YYYY-MM-DD`, not after today.
 */
spentOn: string, category: ExpenseCategory | "", 
/**
 * Yuan, more than zero, at most 2 decimals and at most ¥1,000,000.
 */
amount: string, 
/**
 * At most 200 characters; may be empty.
 */
note: string, };

export type ExpenseQuery = { 
/**
 * `YYYY-MM`; when given, `from` and `to` are ignored.
 */
month: string, 
/**
 * `YYYY-MM-DD`; empty = the first day of `to`'s month.
 */
from: string, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
to: string, 
/**
 * One category, or "" for all.
 */
category: ExpenseCategory | "", includeVoided: boolean, limit: number, offset: number, };

export type Expense = { id: string, spentOn: string, category: ExpenseCategory, 
/**
 * Yuan, "12.50".
 */
amount: string, note: string, 
/**
 * Entered by mistake: kept, not counted.
 */
voided: boolean, createdAt: string, };

export type ExpenseCategoryTotal = { category: ExpenseCategory, amount: string, };

export type ExpensePage = { 
/**
 * Newest first.
 */
items: Array<Expense>, 
/**
 * How many match the query in all.
 */
total: number, 
/**
 * The days listed, `YYYY-MM-DD`, inclusive.
 */
from: string, to: string, 
/**
 * Every category with spending from `from` to `to`, in the order of [`CATEGORIES`]:
 * voided expenses not counted, and not narrowed by the query's category.
 */
totals: Array<ExpenseCategoryTotal>, 
/**
 * The sum of `totals`.
 */
sum: string, };

export type PackagingRuleInput = { 
/**
 * "" = new.
 */
id: string, 
/**
 * A goods product; "" = any goods without rules of their own.
 */
productId: string, 
/**
 * Sale units: the rule is for a parcel of up to this many.
 */
upTo: string, 
/**
 * Packaging products in their stock unit, per parcel.
 */
packaging: Array<InputLine>, note: string, };

export type PackagingItem = { productId: string, productName: string, stockUnit: string, quantity: string, };

export type PackagingRule = { id: string, productId: string, 
/**
 * "" for any goods.
 */
productName: string, upTo: string, packaging: Array<PackagingItem>, note: string, };

export type PackagingSuggestion = { 
/**
 * Packaging products in their stock unit, for the whole order.
 */
packaging: Array<InputLine>, 
/**
 * One line per goods line: which rule, in the shop's language.
 */
reasons: Array<string>, 
/**
 * Goods with no rule at all.
 */
unmatched: Array<string>, 
/**
 * The parcel's weight from the products' shipping weights, kg; "" when one is unknown.
 */
weightKg: string, };

export type Printer = { name: string, isDefault: boolean, };

export type PrintJob = { printer: string, 
/**
 * What CUPS calls the job, e.g. `HP-1020-17`.
 */
job: string, };

export type PrintSetup = { printers: Array<Printer>, 
/**
 * The rule [`App::print_document`] would refuse with before trying a printer: `no_cups`
 * (CUPS not installed), `no_printer` (none set up, and always on Windows), or `None`.
 */
cannotPrint: string | null, 
/**
 * Whether a program to open documents in their viewer is there.
 */
viewer: boolean, };

export type WaybillRangeInput = { courier: Courier, first: string, last: string, note: string, };

export type WaybillRange = { id: string, courier: Courier, first: string, last: string, 
/**
 * The next number to give out; `null` when used up.
 */
next: string | null, 
/**
 * Numbers not given out yet.
 */
left: number, note: string, createdAt: string, };

export type AssignWaybillsInput = { orderIds: Array<string>, courier: Courier, };

export type AssignedWaybill = { orderId: string, number: string, courier: Courier, waybill: string, 
/**
 * It had a waybill already and keeps it.
 */
kept: boolean, };

export type AssignedWaybills = { 
/**
 * In the order asked.
 */
orders: Array<AssignedWaybill>, 
/**
 * New numbers given out.
 */
given: number, 
/**
 * Orders that kept the waybill they had.
 */
kept: number, };

export type ScanShipped = { order: Order, 
/**
 * Orders shipped today (Asia/Shanghai), this one included, less scans undone.
 */
shippedToday: number, };

export type SchemeInput = { 
/**
 * monthly, daily, hourly or piece.
 */
kind: string, 
/**
 * For piece rates: the kind of work ("box_packed", "jin_sorted", "tofu_made").
 */
work: string, 
/**
 * Yuan per month, day, hour or piece; at most 4 decimals.
 */
rate: string, };

export type EmployeeInput = { 
/**
 * A family member's name; a new name adds the member.
 */
name: string, relation: string, phone: string, startOn: string, 
/**
 * "" while they still work here.
 */
endOn: string, withholdTax: boolean, 
/**
 * Monthly social insurance and housing fund (专项扣除), yuan.
 */
specialDeduction: string, 
/**
 * Monthly special additional deductions (专项附加扣除), yuan.
 */
additionalDeduction: string, accountNote: string, schemes: Array<SchemeInput>, };

export type Employee = { memberId: string, name: string, relation: string, phone: string, startOn: string, endOn: string | null, withholdTax: boolean, specialDeduction: string, additionalDeduction: string, accountNote: string, schemes: Array<SchemeInput>, 
/**
 * Full pinyin and initials of the name, for the pickers' typing (`text::search_key`).
 */
searchKey: string, };

export type WorkInput = { memberId: string, date: string, 
/**
 * days, hours, pieces, bonus, advance or deduction.
 */
kind: string, 
/**
 * For pieces: the kind of work.
 */
work: string, 
/**
 * Days, hours or pieces (at most 3 decimals).
 */
quantity: string, 
/**
 * Yuan, for a bonus, advance or deduction.
 */
amount: string, note: string, };

export type PayLine = { 
/**
 * salary, daily, hourly, piece or bonus.
 */
kind: string, work: string, quantity: string, rate: string, amount: string, explanation: string, };

export type PayslipDto = { memberId: string, name: string, lines: Array<PayLine>, gross: string, 
/**
 * Tax withheld this month ("0.00" when none is withheld for them).
 */
tax: string, 
/**
 * How the tax was computed, in words; "" when none is withheld.
 */
taxExplanation: string, advances: string, deductions: string, 
/**
 * Negative when advances were more than the pay.
 */
net: string, grossYearToDate: string, taxYearToDate: string, 
/**
 * Paid out so far (approved months only), when and how.
 */
paid: string, paidOn: string | null, paidMethod: string | null, };

export type PayrollPreview = { 
/**
 * YYYY-MM.
 */
month: string, 
/**
 * Approved months are locked and their payslips kept; others are drafts.
 */
approved: boolean, payslips: Array<PayslipDto>, gross: string, tax: string, net: string, };

export type PayInput = { month: string, memberId: string, 
/**
 * Yuan; at most what is left of the net.
 */
amount: string, 
/**
 * cash, wechat, alipay or bank.
 */
method: PayMethod, 
/**
 * "" = today.
 */
paidOn: string, };

export type PayslipRequest = { month: string, 
/**
 * Empty = everyone paid that month.
 */
memberIds: Array<string>, 
/**
 * "zh-CN" or "en"; "" = the app's language. The lines keep the language they were approved in.
 */
language: string, };

export type PayYearEmployee = { memberId: string, name: string, months: number, gross: string, tax: string, net: string, paid: string, };

export type PayMonthCost = { month: string, gross: string, tax: string, net: string, };

export type PayYearSlip = { month: string, memberId: string, name: string, gross: string, tax: string, net: string, paid: string, };

export type WorkRecord = { id: string, memberId: string, name: string, date: string, kind: "days" | "hours" | "pieces" | "bonus" | "advance" | "deduction", work: string, 
/**
 * Days, hours or pieces; "" for money.
 */
quantity: string, 
/**
 * Yuan; "" for days, hours and pieces.
 */
amount: string, note: string, 
/**
 * Its month is approved: it can no longer be deleted.
 */
locked: boolean, };

export type WorkCellInput = { memberId: string, date: string, 
/**
 * days, hours or pieces.
 */
kind: string, 
/**
 * For pieces: the kind of work.
 */
work: string, 
/**
 * The cell's new total (days, hours or pieces; at most 3 decimals); "" empties a recorded cell.
 */
quantity: string, 
/**
 * What the grid showed when it read the week ("" for nothing): when the stored total is no
 * longer that, someone else changed the cell and it is not overwritten.
 */
was: string, };

export type WorkWeekInput = { 
/**
 * The first day of the week (any weekday); the week is it and the six days after it.
 */
weekStart: string, cells: Array<WorkCellInput>, };

export type WorkCell = { memberId: string, date: string, kind: "days" | "hours" | "pieces", work: string, quantity: string, 
/**
 * How many records make it (more than one when the day was entered twice).
 */
records: number, };

export type WorkWeekDay = { date: string, 
/**
 * Its month is approved: its cells can no longer change.
 */
locked: boolean, };

export type WorkWeek = { weekStart: string, 
/**
 * The seven days, in order.
 */
days: Array<WorkWeekDay>, 
/**
 * Recorded cells by date, member, kind and work.
 */
cells: Array<WorkCell>, };

export type WorkCellProblem = { memberId: string, date: string, kind: string, work: string, issue: FieldIssue, };

export type WorkWeekSaved = { 
/**
 * Cells written: new, changed or emptied.
 */
saved: number, 
/**
 * Cells sent whose total was already stored: not rewritten.
 */
unchanged: number, problems: Array<WorkCellProblem>, 
/**
 * The week as it is now.
 */
week: WorkWeek, };

export type PayYear = { year: number, employees: Array<PayYearEmployee>, months: Array<PayMonthCost>, 
/**
 * Every approved payslip of the year, by month then name.
 */
payslips: Array<PayYearSlip>, gross: string, tax: string, net: string, paid: string, };

export type PinStatus = { 
/**
 * Whether the owner has set a PIN.
 */
set: boolean, 
/**
 * Whether pay and settings are open in this copy of the app.
 */
unlocked: boolean, 
/**
 * When the next try is allowed, after too many wrong ones (RFC 3339), if later than now.
 */
blockedUntil: string | null, };

export type ImportFile = { name: string, 
/**
 * The file's bytes, base64.
 */
data: string, };

export type ImportOptions = { 
/**
 * `auto` or empty (recognised from the header row), `taobao`, `pinduoduo` or `douyin`.
 */
platform: string, 
/**
 * `YYYY-MM-DD` or empty: orders closed or never paid before this day (the shop's start here)
 * are skipped. Orders the platform already shows shipped or finished, and not here, are
 * sales history whatever their day (they count in reports and move no stock).
 */
historyBefore: string, };

export type ImportProblem = { file: string, row: number, column: string, orderId: string, 
/**
 * A code the window words: `not_a_number`, `bad_date`, `missing`, `too_large`, `invalid`, ...
 */
code: string, detail: string, };

export type UnmappedLine = { 
/**
 * What a mapping is given for: the 商家编码, or the title and SKU text.
 */
key: string, title: string, sku: string, code: string, 
/**
 * Orders in the files that wait for it.
 */
orders: number, };

export type ImportRow = { platformOrderId: string, 
/**
 * `new`, `history`, `changed`, `unchanged`, `held` (waits for a mapping or a split),
 * `refused` (cannot be stored as it is), `ignored` (closed before the shop's start).
 */
outcome: string, 
/**
 * The shop's order number, once stored.
 */
number: string, 
/**
 * The state here before and after (`from` empty for a new order).
 */
from: string, to: string, statusText: string, recipient: string, masked: boolean, total: string, lines: string, 
/**
 * Why it is held or refused, or what the owner should look at (a money difference, an alert),
 * in English for the CLI; the window words `alert`, `total_here` and `waits_for` itself.
 */
note: string, 
/**
 * `closed_after_packing`, `refunded_after_shipping`, `shipped_elsewhere` or empty.
 */
alert: string, 
/**
 * What the order here comes to, when the file says otherwise (its money is kept); else empty.
 */
totalHere: string, 
/**
 * `mapping` or `split` for a held order; else empty.
 */
waitsFor: string, };

export type ImportReport = { platform: string, files: Array<string>, 
/**
 * False for a preview: nothing was written.
 */
applied: boolean, orders: number, new: number, history: number, changed: number, unchanged: number, held: number, refused: number, ignored: number, 
/**
 * Orders the platform now shows shipped whose bulk-shipping file is taken as delivered.
 */
confirmed: number, 
/**
 * Alerts raised for the owner (closed after packing, refunded after shipping, shipped elsewhere).
 */
alerts: number, problems: Array<ImportProblem>, unmapped: Array<UnmappedLine>, 
/**
 * The orders one by one (the first 500).
 */
rows: Array<ImportRow>, };

export type ImportMappingInput = { 
/**
 * The 商家编码, or the title (and SKU text, as the import shows the key).
 */
key: string, productId: string, 
/**
 * How many of the product's sale units one platform piece holds (e.g. 5 for "5斤装" of a
 * product sold by the jin); empty = 1.
 */
per: string, };

export type ImportMapping = { key: string, productId: string, productName: string, saleUnit: string, per: string, updatedAt: string, };

export type MappingSaved = { mapping: ImportMapping, released: number, };

export type HeldImportDto = { source: OrderSource, platformOrderId: string, 
/**
 * `mapping` or `split`.
 */
waitsFor: string, reason: string, title: string, 
/**
 * Platform pieces in the order (for a joined order, the total of all its products).
 */
quantity: string, payment: string, recipient: string, at: string, };

export type SplitInput = { source: OrderSource, platformOrderId: string, 
/**
 * Product and quantity in its sale unit; prices follow the products' prices, scaled so the
 * order comes to what the buyer paid.
 */
lines: Array<OrderLineInput>, };

export type ShipmentExportInput = { platform: OrderSource, 
/**
 * `csv` (default) or `xlsx`.
 */
format: string, };

export type ShipmentExport = { path: string, bytes: number, 
/**
 * Orders in the file (now remembered as exported).
 */
orders: number, };

export type SyncReport = { 
/**
 * Platform orders read in full.
 */
pulled: number, created: number, 
/**
 * Local orders that changed state because the platform said so.
 */
updated: number, 
/**
 * Platform orders kept aside (a listing sells no product here, or the order cannot be stored).
 */
held: number, pushed: number, 
/**
 * Pushes that failed this round (they wait and try again, or were parked).
 */
failed: number, 
/**
 * In words when the round stopped early; "" when it ran to the end.
 */
error: string, 
/**
 * `offline`, `credentials`, `clock`, `busy` (rate limited), `refused`, `unreadable`; "" none.
 */
errorKind: string, };

export type ListingInput = { 
/**
 * The listing id on the marketplace (num_iid).
 */
numIid: string, 
/**
 * The SKU within it, "" for the listing as a whole.
 */
skuId: string, 
/**
 * The seller's code of the listing or SKU, "" for none.
 */
outerId: string, title: string, productId: string, 
/**
 * How much of the product (in its sale unit) one piece sold on the listing is; "" = 1.
 */
saleQuantity: string, 
/**
 * Pieces held back from the marketplace; "" = 0.
 */
buffer: string, };

export type ListingDto = { id: string, numIid: string, skuId: string, outerId: string, title: string, productId: string, productName: string, saleQuantity: string, buffer: number, 
/**
 * What the marketplace is offered now: sellable stock in pieces, less the buffer.
 */
offer: number, };

export type SyncStatus = { 
/**
 * RFC 3339 instants, or null.
 */
lastSuccessAt: string | null, lastAttemptAt: string | null, 
/**
 * Everything modified up to here has been read.
 */
cursor: string | null, 
/**
 * In words; "" when the last round worked.
 */
lastError: string, 
/**
 * `offline`, `credentials`, `clock`, `busy`, `refused`, `unreadable`, `local` (a round that
 * could not start on this PC: the database busy or the key unreadable); "" none.
 */
lastErrorKind: string, pending: number, parked: number, held: number, alerts: number, 
/**
 * A round is running now (the desktop's background sync says; false elsewhere).
 */
syncing: boolean, };

export type OutboxItemDto = { id: number, 
/**
 * `ship` or `stock`.
 */
kind: string, 
/**
 * The order's number (ship) or the listing's title (stock).
 */
label: string, state: string, tries: number, nextAt: string, lastError: string, };

export type SyncAlertDto = { id: number, orderId: string, number: string, 
/**
 * `closed_after_packing`, `refunded_after_shipping`, `shipped_elsewhere`.
 */
kind: string, platformOrderId: string, at: string, };

export type HeldOrderDto = { platformOrderId: string, reason: string, data: unknown, };

export type MarketplaceInput = { 
/**
 * The gateway's address, e.g. `https://eco.taobao.com` (`/router/rest` is added).
 */
baseUrl: string, appKey: string, secret: string, session: string, 
/**
 * `md5`, `hmac` or `hmac-sha256`; "" = `hmac-sha256`.
 */
signMethod: string, };

export type MarketplaceSettings = { connected: boolean, baseUrl: string, appKey: string, signMethod: string, hasSecret: boolean, hasSession: boolean, 
/**
 * Connected to the demo marketplace built into the app.
 */
demo: boolean, };

export type StartDto = { status: AppStatus, 
/**
 * The shop profile (its name heads the sidebar); null before the shop is set up.
 */
shop: ShopProfile | null, 
/**
 * Who is working now, if anybody; null also when it could not be read.
 */
currentMember: Member | null, 
/**
 * Whether who is working could be read (a null member then means nobody is working).
 */
memberKnown: boolean, 
/**
 * The Today screen's figures when there is a shop; null before one is set up, or when
 * they could not be read (the screen then asks and says why).
 */
today: TodayDto | null, 
/**
 * Whether a marketplace is connected; null when its settings cannot be read.
 */
marketplaceConnected: boolean | null, 
/**
 * The newest crash report not yet told about, if any.
 */
crash: CrashNotice | null, };

export type LabelRequest = { orderIds: Array<string>, 
/**
 * `100x150` (default), `100x180`, `76x130`, `a4`, `tspl` or `zpl`.
 */
format: string, 
/**
 * Label size for `tspl`/`zpl` (`100x150` default); ignored for PDFs.
 */
size: string, 
/**
 * Printer resolution for `tspl`/`zpl`: 203 (default) or 300.
 */
dpi: number, 
/**
 * Print the recipient's phone as 138****5678.
 */
maskPhone: boolean, 
/**
 * `pick`: the labels come out in the pick list's order (see `pick_order`); empty: in the
 * order of `order_ids`.
 */
sort: "" | "pick", };

export type PickListQuery = { orderIds: Array<string>, };

export type PickLot = { lotId: string, quantity: string, bestBefore: string | null, receivedOn: string, };

export type PickProduct = { productId: string, productName: string, stockUnit: string, 
/**
 * In all the orders, in the stock unit.
 */
quantity: string, orders: number, 
/**
 * Which lots to take it from, first expiry first (expired lots skipped).
 */
lots: Array<PickLot>, 
/**
 * How much is missing, in the stock unit; "0" when there is enough.
 */
short: string, };

export type PickList = { orders: number, products: Array<PickProduct>, };

export type StatementQuery = { farmerId: string, 
/**
 * `YYYY-MM-DD`; empty = the first day of this month.
 */
from: string, 
/**
 * `YYYY-MM-DD`; empty = today.
 */
to: string, 
/**
 * `zh-CN` (default, what farmers read) or `en`.
 */
language: string, };

export type StatementLineDto = { date: string, 
/**
 * `purchase`, `payment` or `reversal`.
 */
kind: string, description: string, purchased: string | null, paid: string | null, 
/**
 * Still owed after this line.
 */
balance: string, };

export type StatementDto = { farmerId: string, farmerName: string, from: string, to: string, openingBalance: string, lines: Array<StatementLineDto>, totalPurchased: string, totalPaid: string, closingBalance: string, };

export type SavedDocument = { path: string, bytes: number, };

export type FieldIssue = { field: string, rule: string, message: string, 
/**
 * Values for the translated message, e.g. `available` for `not_enough_stock`.
 */
params: Record<string, string>, };

export type IpcError = { kind: "validation" | "not_found" | "conflict" | "database" | "unavailable" | "locked", 
/**
 * The input field at fault, camelCase (`price`, `address.province`).
 */
field: string | null, 
/**
 * The rule broken, a code the UI translates.
 */
rule: string | null, 
/**
 * An English sentence, shown when the UI has no translation.
 */
message: string, 
/**
 * For `validation`: every wrong field in form order (the first is repeated above).
 */
errors: Array<FieldIssue>, };
