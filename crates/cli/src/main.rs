//! `farmstall`: the shop's use cases from a terminal or a script, on the same database as the
//! desktop app. Human-readable output by default, `--json` for scripts; on error, a one-line
//! reason on stderr and exit status 1 (2 for bad arguments), plus the error as JSON on stdout
//! (`{kind, field, rule, message, errors}`) when `--json` was given.
//!
//! This file is glue only: every rule lives in `farmstall-app`.

mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use farmstall_app::dto::{
    Address, FarmerDto, FarmerInput, FarmerPage, ListQuery, ProductDto, ProductInput, ProductPage,
    ShopProfileDto, ShopProfileInput,
};
use farmstall_app::orders::{
    OrderDto, OrderInput, OrderLineInput, OrderQuery, PackInput, RecipientInput, ShipInput,
};
use farmstall_app::payroll::{EmployeeInput, PayInput, PayslipRequest, SchemeInput, WorkInput};
use farmstall_app::production::{
    InputLine, ProductionInput, ProductionRunDto, RecipeDto, RecipeInput,
};
use farmstall_app::returns::{ReturnInput, ReturnLineInput};
use farmstall_app::shipping::{LabelRequest, PickListQuery};
use farmstall_app::statement::{SavedDocument, StatementQuery};
use farmstall_app::stock::{
    CountInput, CountLineInput, FarmerBalance, LotDto, LotQuery, PaymentInput, PurchaseInput,
    PurchaseLineInput, ReversalInput, WasteInput,
};
use farmstall_app::waybills::WaybillRangeInput;
use farmstall_app::{paths, App, AppError, IpcError, Origin};
use serde::Serialize;

#[derive(Parser, Debug)]
#[command(
    name = "farmstall",
    version,
    about = "农家小店 Farmstall: the shop manager without a window"
)]
struct Cli {
    /// The shop database (default: the desktop app's, in the user's data folder or $FARMSTALL_DATA_DIR)
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// Print JSON instead of text
    #[arg(long, global = true)]
    json: bool,
    /// The owner's PIN, for pay and settings when one is set
    #[arg(long, global = true, env = "FARMSTALL_PIN", hide_env_values = true)]
    pin: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Where the database is and whether the shop is set up
    Status,
    /// Sync with the marketplace: one round, or `--every N` seconds; status, connect, listings, queue
    Sync(sync::SyncArgs),
    /// The shop profile
    #[command(subcommand)]
    Shop(ShopCommand),
    /// Switch the app's language: zh-CN or en
    Language { language: String },
    /// Farmers the shop buys from
    #[command(subcommand)]
    Farmer(FarmerCommand),
    /// Products the shop sells
    #[command(subcommand)]
    Product(ProductCommand),
    /// Receive a purchase from a farmer: each --line becomes a lot
    Receive(ReceiveArgs),
    /// Purchases, newest first
    Purchases(ListArgs),
    /// Lots in stock, first expiry first
    Lots(LotArgs),
    /// Take spoiled, damaged, sampled or eaten stock out of a lot
    Waste {
        lot: String,
        /// In the lot's stock unit
        #[arg(long)]
        quantity: String,
        /// spoiled, damaged, sample or own_use
        #[arg(long)]
        reason: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Stock of one product (--product), or the value at cost of everything in stock
    Stock {
        #[arg(long)]
        product: Option<String>,
    },
    /// Reverse a purchase receipt entered wrongly (its lots are emptied; nothing is edited)
    Reverse {
        /// The purchase's id
        purchase: String,
        /// Why (required)
        #[arg(long)]
        reason: String,
        /// YYYY-MM-DD (default today)
        #[arg(long, default_value = "")]
        date: String,
    },
    /// Record a stock count: each --line says what is really in a lot
    Count {
        /// lot=ID,counted=18.5 (in the lot's stock unit)
        #[arg(long = "line", required = true, value_parser = parse_count_line)]
        lines: Vec<CountLineInput>,
        #[arg(long, default_value = "")]
        note: String,
        /// YYYY-MM-DD (default today)
        #[arg(long, default_value = "")]
        date: String,
    },
    /// Recipes for homemade products
    #[command(subcommand)]
    Recipe(RecipeCommand),
    /// Record a production run (or, with --plan, show what it would take without recording)
    Produce {
        #[arg(long)]
        recipe: String,
        /// How much was made, in the output's stock unit
        #[arg(long)]
        quantity: String,
        /// YYYY-MM-DD (default today)
        #[arg(long, default_value = "")]
        date: String,
        /// Labour cost in yuan
        #[arg(long, default_value = "")]
        labour: String,
        #[arg(long, default_value = "")]
        note: String,
        /// What was really used: product=ID,quantity=Q (default: the recipe scaled)
        #[arg(long = "input", value_parser = parse_input_line)]
        inputs: Vec<InputLine>,
        /// Only show the plan
        #[arg(long)]
        plan: bool,
    },
    /// Production runs, newest first
    Runs(ListArgs),
    /// A farmer's statement for a period; --pdf saves it as a printable PDF in the data folder
    Statement {
        #[arg(long)]
        farmer: String,
        /// YYYY-MM-DD (default: the first of this month)
        #[arg(long, default_value = "")]
        from: String,
        /// YYYY-MM-DD (default today)
        #[arg(long, default_value = "")]
        to: String,
        /// zh-CN (default) or en
        #[arg(long, default_value = "")]
        language: String,
        #[arg(long)]
        pdf: bool,
    },
    /// Orders: add, list, search, show, pay, pack, ship, label, return, cancel
    #[command(subcommand)]
    Order(OrderCommand),
    /// Family members, and who is working now (recorded on packing, counts and spoilage)
    #[command(subcommand)]
    Member(MemberCommand),
    /// Send a saved document (label, pick list, slip, statement) to a CUPS printer
    Print {
        path: String,
        /// Printer name (default: the system's default printer)
        #[arg(long, default_value = "")]
        printer: String,
    },
    /// Printers CUPS knows
    Printers,
    /// Waybill numbers bought from a courier in advance
    #[command(subcommand)]
    WaybillRange(RangeCommand),
    /// Family members who are paid, and how
    #[command(subcommand)]
    Employee(EmployeeCommand),
    /// Record work: --kind days|hours|pieces|bonus|advance|deduction
    Work(WorkArgs),
    /// Pay for a month
    #[command(subcommand)]
    Payroll(PayrollCommand),
    /// The owner's PIN for pay and settings: `pin set NEW` (with --pin CURRENT when one is set;
    /// NEW "" removes it), `pin status`
    Pin {
        /// set or status
        action: String,
        #[arg(default_value = "")]
        new: String,
    },
    /// What the shop owes each farmer (--all: every farmer)
    Owed(ListArgs),
    /// Pay a farmer all or part of what is owed
    Pay {
        farmer: String,
        /// Yuan
        #[arg(long)]
        amount: String,
        /// cash, wechat, alipay or bank
        #[arg(long, default_value = "wechat")]
        method: String,
        /// YYYY-MM-DD (default today)
        #[arg(long, default_value = "")]
        date: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Write the demo kiwi shop into an empty database
    Demo,
    /// Write a generated shop with YEARS of history into an empty database (benchmarks, tests)
    Generate {
        #[arg(long, default_value_t = 5)]
        years: u32,
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

#[derive(Subcommand, Debug)]
enum ShopCommand {
    /// Show the profile
    Show,
    /// Set up or change the profile; fields not given keep their current values
    Set(Box<ShopArgs>),
}

#[derive(Args, Debug, Default)]
struct ShopArgs {
    #[arg(long)]
    shop_name: Option<String>,
    #[arg(long)]
    owner_name: Option<String>,
    #[arg(long)]
    sender_name: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    province: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    district: Option<String>,
    #[arg(long)]
    street: Option<String>,
    /// SF, ZTO, YTO, STO, YUNDA, JD, EMS, or "none"
    #[arg(long)]
    courier: Option<String>,
    /// zh-CN or en
    #[arg(long)]
    language: Option<String>,
}

#[derive(Args, Debug)]
struct ListArgs {
    /// Text to find in names (and village, phone, remarks for farmers)
    #[arg(long, default_value = "")]
    search: String,
    /// Include archived records
    #[arg(long)]
    all: bool,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// Products only: goods, ingredient or packaging
    #[arg(long, default_value = "")]
    kind: String,
}

impl From<&ListArgs> for ListQuery {
    fn from(a: &ListArgs) -> ListQuery {
        ListQuery {
            search: a.search.clone(),
            include_archived: a.all,
            limit: a.limit,
            offset: a.offset,
            kind: a.kind.clone(),
        }
    }
}

#[derive(Args, Debug)]
struct ReceiveArgs {
    /// The farmer's id
    #[arg(long)]
    farmer: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
    /// owed, cash, wechat, alipay or bank
    #[arg(long, default_value = "owed")]
    payment: String,
    #[arg(long, default_value = "")]
    note: String,
    /// product=ID,quantity=23.5[,unit=斤][,price=3.275 | ,total=76.96][,grade=特级][,harvested=DATE][,best-before=DATE]
    #[arg(long = "line", required = true, value_parser = parse_line)]
    lines: Vec<PurchaseLineInput>,
}

#[derive(Subcommand, Debug)]
enum EmployeeCommand {
    /// Employees by name
    List,
    /// Add (or replace) an employee; each --scheme is kind=daily|hourly|monthly|piece[,work=box_packed],rate=150
    Add(Box<EmployeeArgs>),
}

#[derive(Args, Debug)]
struct EmployeeArgs {
    #[arg(long)]
    name: String,
    #[arg(long, default_value = "")]
    relation: String,
    #[arg(long, default_value = "")]
    phone: String,
    /// YYYY-MM-DD
    #[arg(long)]
    start: String,
    #[arg(long, default_value = "")]
    end: String,
    /// Withhold income tax (cumulative method)
    #[arg(long)]
    withhold_tax: bool,
    /// Monthly social insurance and housing fund, yuan
    #[arg(long, default_value = "")]
    special_deduction: String,
    /// Monthly special additional deductions, yuan
    #[arg(long, default_value = "")]
    additional_deduction: String,
    #[arg(long, default_value = "")]
    note: String,
    #[arg(long = "scheme", required = true, value_parser = parse_scheme)]
    schemes: Vec<SchemeInput>,
}

#[derive(Args, Debug)]
struct WorkArgs {
    /// The employee's name or id
    who: String,
    #[arg(long)]
    date: String,
    #[arg(long)]
    kind: String,
    /// For pieces: the kind of work (box_packed, jin_sorted, ...)
    #[arg(long, default_value = "")]
    work: String,
    /// Days, hours or pieces
    #[arg(long, default_value = "")]
    quantity: String,
    /// Yuan, for a bonus, advance or deduction
    #[arg(long, default_value = "")]
    amount: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Subcommand, Debug)]
enum PayrollCommand {
    /// The month's payslips as they stand now (a draft; as kept once approved)
    #[command(visible_alias = "run")]
    Preview {
        /// YYYY-MM
        #[arg(long)]
        month: String,
    },
    /// Pay per employee and per month over a year (approved months); --csv FILE writes the
    /// summary, --xlsx FILE a spreadsheet (per employee, per month, every payslip)
    Year {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        csv: Option<PathBuf>,
        #[arg(long, conflicts_with = "csv")]
        xlsx: Option<PathBuf>,
    },
    /// The month's recorded work of everyone (ids for delete-record)
    Records {
        #[arg(long)]
        month: String,
    },
    /// Delete a work record entered by mistake (not in an approved month)
    DeleteRecord { id: String },
    /// Approve a month: its payslips are kept and its work records locked
    Approve {
        #[arg(long)]
        month: String,
    },
    /// The approved payslips of a month as one PDF (saved in the data folder, copied to --out)
    Payslip {
        #[arg(long)]
        month: String,
        /// zh-CN or en (default: the app's language)
        #[arg(long, default_value = "")]
        language: String,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Pay an approved payslip (all or part)
    Pay {
        /// The employee's name or id
        who: String,
        #[arg(long)]
        month: String,
        #[arg(long)]
        amount: String,
        /// cash, wechat, alipay or bank
        #[arg(long, default_value = "wechat")]
        method: String,
        #[arg(long, default_value = "")]
        date: String,
    },
}

fn parse_scheme(spec: &str) -> Result<SchemeInput, String> {
    let mut scheme = SchemeInput::default();
    for (key, value) in key_values(spec)? {
        match key.as_str() {
            "kind" => scheme.kind = value,
            "work" => scheme.work = value,
            "rate" => scheme.rate = value,
            other => return Err(format!("unknown key {other:?} (use kind, work, rate)")),
        }
    }
    Ok(scheme)
}

#[derive(Subcommand, Debug)]
enum RangeCommand {
    /// Ranges with how many numbers are left
    List,
    /// Numbers FIRST to LAST of a courier (same letters in front, same length)
    Add {
        #[arg(long)]
        courier: String,
        #[arg(long)]
        first: String,
        #[arg(long)]
        last: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Subcommand, Debug)]
enum MemberCommand {
    /// Family members, active first
    List,
    Add {
        name: String,
    },
    /// Say who is working now (by name or id); `member use ""` = nobody
    Use {
        who: String,
    },
    /// Who is working now
    Current,
    /// Someone who no longer works here (kept in the records)
    Leave {
        who: String,
    },
}

#[derive(Subcommand, Debug)]
enum OrderCommand {
    /// Enter an order; each --line is product=ID,quantity=N[,price=P][,discount=D] (quantity in sale units)
    Add(Box<OrderArgs>),
    /// Orders, newest first
    List {
        /// Order number, buyer, recipient, phone, address, waybill (Chinese works)
        #[arg(long, default_value = "")]
        search: String,
        /// waiting_payment, paid, packing, packed, shipped, finished, cancelled, refunded (repeat)
        #[arg(long = "state")]
        states: Vec<String>,
        #[arg(long, default_value = "")]
        source: String,
        #[arg(long, default_value = "")]
        province: String,
        #[arg(long, default_value = "")]
        product: String,
        /// YYYY-MM-DD
        #[arg(long, default_value = "")]
        from: String,
        #[arg(long, default_value = "")]
        to: String,
        /// newest, oldest or total
        #[arg(long, default_value = "")]
        sort: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
    },
    Show {
        id: String,
    },
    /// The buyer paid: reserve the goods
    Pay {
        id: String,
    },
    /// Pack: goods leave their lots FEFO; --packaging product=ID,quantity=N (repeat)
    Pack {
        id: String,
        #[arg(long = "packaging", value_parser = parse_input_line)]
        packaging: Vec<InputLine>,
        /// Parcel weight in kg
        #[arg(long, default_value = "")]
        weight_kg: String,
        /// Who packed it (default: the family member working, see `member use`)
        #[arg(long, default_value = "")]
        by: String,
        /// Take the packaging the rules suggest (added to any --packaging)
        #[arg(long)]
        suggested: bool,
    },
    /// Put a packed order's goods back into their lots (it waits to be packed again)
    Unpack {
        id: String,
    },
    /// Hand a packed order to the courier
    Ship {
        id: String,
        /// SF, ZTO, YTO, STO, YUNDA, JD or EMS (or 顺丰, 中通, ...)
        #[arg(long)]
        courier: String,
        #[arg(long)]
        waybill: String,
        /// What the courier charges, yuan
        #[arg(long, default_value = "")]
        cost: String,
    },
    /// Give a packed order its courier and waybill (to print its label before it ships);
    /// --next takes the next number of a range bought from the courier (see `waybill-range`)
    Waybill {
        id: String,
        #[arg(long)]
        courier: String,
        #[arg(long, default_value = "", required_unless_present = "next")]
        waybill: String,
        #[arg(long)]
        next: bool,
        #[arg(long, default_value = "")]
        cost: String,
    },
    /// What to pick for these orders, and from which lots (first expiry first)
    Pick {
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Print labels: --format 100x150|100x180|76x130|a4|tspl|zpl; saved in the data folder, and copied to --out
    Label {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long, default_value = "100x150")]
        format: String,
        /// Label size for tspl/zpl
        #[arg(long, default_value = "100x150")]
        size: String,
        #[arg(long, default_value_t = 203)]
        dpi: u32,
        /// Print phones as 138****5678
        #[arg(long)]
        mask_phone: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The buyer received it
    Finish {
        id: String,
    },
    /// Orders whose number, buyer, recipient, phone, address or waybill contain TEXT
    Search {
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// The packaging the rules suggest for an order
    Suggest {
        id: String,
    },
    /// The pick list of these orders as an A4 PDF (saved in the data folder, copied to --out)
    PickPdf {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Packing slips of packed orders as one PDF (saved in the data folder, copied to --out)
    Slip {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Goods back after shipping; each --line is product=ID,quantity=N,disposition=restock|waste[,reason=spoiled]
    Return {
        id: String,
        #[arg(long = "line", value_parser = parse_return_line)]
        lines: Vec<ReturnLineInput>,
        /// Yuan given back
        #[arg(long, default_value = "")]
        refund: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Cancel before packing: release what was reserved
    Cancel {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Args, Debug)]
struct OrderArgs {
    /// marketplace, wechat, phone or market
    #[arg(long, default_value = "wechat")]
    source: String,
    #[arg(long, default_value = "")]
    platform_id: String,
    #[arg(long, default_value = "")]
    buyer: String,
    #[arg(long)]
    name: String,
    #[arg(long)]
    phone: String,
    #[arg(long)]
    province: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    district: String,
    #[arg(long)]
    street: String,
    #[arg(long, default_value = "")]
    postcode: String,
    #[arg(long = "line", required = true, value_parser = parse_order_line)]
    lines: Vec<OrderLineInput>,
    /// Yuan
    #[arg(long, default_value = "")]
    shipping_fee: String,
    #[arg(long, default_value = "")]
    buyer_note: String,
    #[arg(long, default_value = "")]
    seller_note: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
    /// paid (default) or waiting_payment
    #[arg(long, default_value = "")]
    state: String,
}

/// Parses `product=ID,quantity=N[,price=P][,discount=D]`.
fn parse_order_line(spec: &str) -> Result<OrderLineInput, String> {
    let mut line = OrderLineInput::default();
    for (key, value) in key_values(spec)? {
        match key.as_str() {
            "product" => line.product_id = value,
            "quantity" | "qty" => line.quantity = value,
            "price" => line.unit_price = value,
            "discount" => line.discount = value,
            other => {
                return Err(format!(
                    "unknown key {other:?} (use product, quantity, price, discount)"
                ))
            }
        }
    }
    Ok(line)
}

#[derive(Subcommand, Debug)]
enum RecipeCommand {
    List(ListArgs),
    Show { id: String },
    Add(RecipeArgs),
    Archive { id: String },
    Restore { id: String },
}

#[derive(Args, Debug)]
struct RecipeArgs {
    #[arg(long)]
    name: String,
    /// The product the recipe makes
    #[arg(long)]
    output: String,
    /// What one batch makes, in the output's stock unit
    #[arg(long)]
    makes: String,
    /// Default: the output product's shelf life
    #[arg(long, default_value = "")]
    shelf_life_days: String,
    #[arg(long, default_value = "")]
    note: String,
    /// product=ID,quantity=Q per batch (repeat)
    #[arg(long = "input", required = true, value_parser = parse_input_line)]
    inputs: Vec<InputLine>,
}

/// Parses `lot=ID,counted=Q`.
fn parse_count_line(spec: &str) -> Result<CountLineInput, String> {
    let mut line = CountLineInput::default();
    for (key, value) in key_values(spec)? {
        match key.as_str() {
            "lot" => line.lot_id = value,
            "counted" => line.counted = value,
            other => return Err(format!("unknown key {other:?} (use lot, counted)")),
        }
    }
    Ok(line)
}

/// Parses `product=ID,quantity=Q`.
fn parse_input_line(spec: &str) -> Result<InputLine, String> {
    let mut line = InputLine::default();
    for (key, value) in key_values(spec)? {
        match key.as_str() {
            "product" => line.product_id = value,
            "quantity" | "qty" => line.quantity = value,
            other => return Err(format!("unknown key {other:?} (use product, quantity)")),
        }
    }
    Ok(line)
}

fn key_values(spec: &str) -> Result<Vec<(String, String)>, String> {
    spec.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            part.split_once('=')
                .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                .ok_or_else(|| format!("{part:?} is not key=value"))
        })
        .collect()
}

#[derive(Args, Debug)]
struct LotArgs {
    #[arg(long, default_value = "")]
    search: String,
    /// Only this product's lots
    #[arg(long)]
    product: Option<String>,
    /// Include used-up lots
    #[arg(long)]
    all: bool,
    /// Only lots expiring within DAYS (expired included)
    #[arg(long, value_name = "DAYS")]
    expiring: Option<u32>,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long, default_value_t = 0)]
    offset: u32,
}

/// Parses `key=value,key=value` into a purchase line; unknown keys are an error (clap reports it).
fn parse_line(spec: &str) -> Result<PurchaseLineInput, String> {
    let mut line = PurchaseLineInput::default();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?} is not key=value"))?;
        let value = value.trim().to_string();
        match key.trim() {
            "product" => line.product_id = value,
            "quantity" | "qty" => line.quantity = value,
            "unit" => line.unit = value,
            "price" => line.unit_price = value,
            "total" => line.line_total = value,
            "grade" => line.grade = value,
            "harvested" => line.harvested_on = value,
            "best-before" => line.best_before = value,
            other => {
                return Err(format!(
                    "unknown key {other:?} (use product, quantity, unit, price, total, grade, harvested, best-before)"
                ))
            }
        }
    }
    Ok(line)
}

#[derive(Subcommand, Debug)]
enum FarmerCommand {
    List(ListArgs),
    Show {
        id: String,
    },
    Add(FarmerArgs),
    /// Change a farmer; fields not given keep their current values
    Edit {
        id: String,
        #[command(flatten)]
        fields: FarmerArgs,
    },
    Archive {
        id: String,
    },
    Restore {
        id: String,
    },
}

#[derive(Args, Debug)]
struct FarmerArgs {
    #[arg(long)]
    name: Option<String>,
    #[arg(long)]
    village: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    payment_notes: Option<String>,
    #[arg(long)]
    remarks: Option<String>,
}

impl FarmerArgs {
    fn over(self, base: FarmerInput) -> FarmerInput {
        FarmerInput {
            name: self.name.unwrap_or(base.name),
            village: self.village.unwrap_or(base.village),
            phone: self.phone.unwrap_or(base.phone),
            payment_notes: self.payment_notes.unwrap_or(base.payment_notes),
            remarks: self.remarks.unwrap_or(base.remarks),
        }
    }
}

#[derive(Subcommand, Debug)]
enum ProductCommand {
    List(ListArgs),
    Show {
        id: String,
    },
    Add(ProductArgs),
    /// Change a product; fields not given keep their current values
    Edit {
        id: String,
        #[command(flatten)]
        fields: ProductArgs,
    },
    Archive {
        id: String,
    },
    Restore {
        id: String,
    },
}

#[derive(Args, Debug)]
struct ProductArgs {
    /// Chinese name
    #[arg(long)]
    name_zh: Option<String>,
    /// English name ("" to remove)
    #[arg(long)]
    name_en: Option<String>,
    /// e.g. 斤, kg, 个, 瓶, "箱(5斤)", box:5:jin
    #[arg(long)]
    sale_unit: Option<String>,
    #[arg(long)]
    stock_unit: Option<String>,
    /// Shelf life in days; makes the product perishable
    #[arg(long)]
    shelf_life_days: Option<String>,
    /// Mark the product as keeping (not perishable)
    #[arg(long, conflicts_with = "shelf_life_days")]
    not_perishable: bool,
    /// Price of one sale unit in yuan
    #[arg(long, allow_hyphen_values = true)]
    price: Option<String>,
    /// Shipping weight of one sale unit in kg ("" to remove)
    #[arg(long)]
    weight_kg: Option<String>,
    /// goods, ingredient or packaging
    #[arg(long)]
    kind: Option<String>,
    /// Warn when available stock falls to this many stock units ("" to remove)
    #[arg(long)]
    reorder_point: Option<String>,
    /// The code on the product's label, scanned when packing ("" to remove)
    #[arg(long)]
    barcode: Option<String>,
}

impl ProductArgs {
    fn over(self, base: ProductInput) -> ProductInput {
        let (perishable, shelf_life_days) = match (self.shelf_life_days, self.not_perishable) {
            (Some(days), _) => (true, days),
            (None, true) => (false, String::new()),
            (None, false) => (base.perishable, base.shelf_life_days),
        };
        ProductInput {
            name_zh: self.name_zh.unwrap_or(base.name_zh),
            name_en: self.name_en.unwrap_or(base.name_en),
            sale_unit: self.sale_unit.unwrap_or(base.sale_unit),
            stock_unit: self.stock_unit.unwrap_or(base.stock_unit),
            perishable,
            shelf_life_days,
            price: self.price.unwrap_or(base.price),
            weight_kg: self.weight_kg.unwrap_or(base.weight_kg),
            kind: self.kind.unwrap_or(base.kind),
            reorder_point: self.reorder_point.unwrap_or(base.reorder_point),
            barcode: self.barcode.unwrap_or(base.barcode),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let json = cli.json;
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // Scripts asked for JSON get the error as JSON too: kind, field, rule, every wrong field.
            if json {
                if let Ok(text) = serde_json::to_string_pretty(&IpcError::from(&error)) {
                    println!("{text}");
                }
            }
            // One line, whatever the message held.
            let line = error.to_string().replace('\n', " ");
            eprintln!("farmstall: {line}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), AppError> {
    let db = cli.db.unwrap_or_else(paths::default_db_path);
    let mut app = App::open(&db, Origin::Cli)?;
    if let Some(pin) = cli.pin.as_deref().filter(|p| !p.is_empty()) {
        app.unlock(pin)?;
    }
    let out = Output { json: cli.json };
    match cli.command {
        Command::Sync(args) => sync::run(&mut app, &out, args)?,
        Command::Status => {
            let s = app.status()?;
            out.print(&s, || {
                format!(
                    "database: {}\nshop set up: {}\nlanguage: {}\nversion: {}",
                    s.db_path,
                    if s.has_shop { "yes" } else { "no" },
                    s.language,
                    s.version
                )
            });
        }
        Command::Language { language } => {
            let s = app.set_language(&language)?;
            out.print(&s, || format!("language: {}", s.language));
        }
        Command::Shop(ShopCommand::Show) => {
            let shop = app.shop_profile()?;
            out.print(&shop, || match &shop {
                Some(p) => shop_text(p),
                None => "the shop is not set up yet: run `farmstall shop set --shop-name ...` or `farmstall demo`".into(),
            });
        }
        Command::Shop(ShopCommand::Set(args)) => {
            let args = *args;
            let base = app
                .shop_profile()?
                .map(ShopProfileInput::from)
                .unwrap_or_else(|| ShopProfileInput {
                    language: app.status().map(|s| s.language).unwrap_or_default(),
                    ..ShopProfileInput::default()
                });
            let input = ShopProfileInput {
                shop_name: args.shop_name.unwrap_or(base.shop_name),
                owner_name: args.owner_name.unwrap_or(base.owner_name),
                sender_name: args.sender_name.unwrap_or(base.sender_name),
                phone: args.phone.unwrap_or(base.phone),
                address: Address {
                    province: args.province.unwrap_or(base.address.province),
                    city: args.city.unwrap_or(base.address.city),
                    district: args.district.unwrap_or(base.address.district),
                    street: args.street.unwrap_or(base.address.street),
                },
                default_courier: match args.courier {
                    Some(c) if c.eq_ignore_ascii_case("none") || c.is_empty() => None,
                    Some(c) => Some(c),
                    None => base.default_courier,
                },
                language: args.language.unwrap_or(base.language),
            };
            let saved = app.save_shop_profile(&input)?;
            out.print(&saved, || format!("saved\n{}", shop_text(&saved)));
        }
        Command::Farmer(cmd) => farmer(&mut app, &out, cmd)?,
        Command::Product(cmd) => product(&mut app, &out, cmd)?,
        Command::Receive(args) => {
            let p = app.receive_purchase(&PurchaseInput {
                farmer_id: args.farmer,
                received_on: args.date,
                payment: args.payment,
                note: args.note,
                lines: args.lines,
            })?;
            out.print(&p, || {
                let lines: Vec<String> = p
                    .lines
                    .iter()
                    .map(|l| {
                        format!(
                            "  lot {}  {} {}  {} {} × ¥{} = ¥{}  best before {}",
                            l.lot_id,
                            l.product_name,
                            l.grade,
                            l.quantity,
                            l.unit,
                            l.unit_price,
                            l.line_total,
                            l.best_before.as_deref().unwrap_or("-")
                        )
                    })
                    .collect();
                format!(
                    "received {} from {} on {}: ¥{} ({})\n{}",
                    p.id,
                    p.farmer_name,
                    p.received_on,
                    p.total,
                    p.payment,
                    lines.join("\n")
                )
            });
        }
        Command::Purchases(args) => {
            let page = app.list_purchases(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(
                    page.items.iter().map(|p| {
                        format!(
                            "{}  {}  {}  ¥{}  {}  {} lines",
                            p.id,
                            p.received_on,
                            p.farmer_name,
                            p.total,
                            p.payment,
                            p.lines.len()
                        )
                    }),
                    page.total,
                    args.offset,
                )
            });
        }
        Command::Lots(args) => {
            let page = app.list_lots(&LotQuery {
                search: args.search.clone(),
                product_id: args.product.clone(),
                include_empty: args.all,
                expiring_within_days: args.expiring,
                limit: args.limit,
                offset: args.offset,
            })?;
            out.print(&page, || {
                page_text(page.items.iter().map(lot_line), page.total, args.offset)
            });
        }
        Command::Waste {
            lot,
            quantity,
            reason,
            note,
        } => {
            let l = app.record_waste(&WasteInput {
                lot_id: lot,
                quantity,
                reason,
                note,
            })?;
            out.print(&l, || format!("recorded; now {}", lot_line(&l)));
        }
        Command::Stock { product: Some(id) } => {
            let st = app.product_stock(&id)?;
            out.print(&st, || {
                format!(
                    "{}: {} {} on hand, {} reserved, {} available, in {} lots, cost ¥{}",
                    st.product_name,
                    st.on_hand,
                    st.stock_unit,
                    st.reserved,
                    st.available,
                    st.lots,
                    st.cost_on_hand
                )
            });
        }
        Command::Stock { product: None } => {
            let v = app.inventory_value()?;
            out.print(&v, || {
                format!("stock on hand cost ¥{} in {} lots", v.value, v.lots)
            });
        }
        Command::Reverse {
            purchase,
            reason,
            date,
        } => {
            let p = app.reverse_purchase(&ReversalInput {
                purchase_id: purchase,
                reason,
                reversed_on: date,
            })?;
            out.print(&p, || {
                format!(
                    "purchase {} from {} (¥{}) reversed on {}; its lots are empty",
                    p.id,
                    p.farmer_name,
                    p.total,
                    p.reversed_on.as_deref().unwrap_or("-")
                )
            });
        }
        Command::Count { lines, note, date } => {
            let r = app.record_count(&CountInput {
                counted_on: date,
                note,
                lines,
            })?;
            out.print(&r, || {
                let mut text: Vec<String> = r
                    .lines
                    .iter()
                    .map(|l| {
                        format!(
                            "  {} {}: expected {} {unit}, counted {} {unit}, difference {} (¥{})",
                            l.lot_id,
                            l.product_name,
                            l.expected,
                            l.counted,
                            l.difference,
                            l.cost,
                            unit = l.stock_unit
                        )
                    })
                    .collect();
                text.push(format!(
                    "count {} on {}: {} lots adjusted, net cost lost ¥{}",
                    r.id, r.counted_on, r.adjusted, r.lost
                ));
                text.join("\n")
            });
        }
        Command::Recipe(command) => run_recipe(&mut app, &out, command)?,
        Command::Order(command) => run_order(&mut app, &out, command)?,
        Command::Member(command) => run_member(&mut app, &out, command)?,
        Command::Pin { action, new } => {
            let status = if action == "set" {
                app.set_pin(cli.pin.as_deref().unwrap_or(""), &new)?
            } else {
                app.pin_status()?
            };
            out.print(&status, || {
                if status.set {
                    "a PIN is set for pay and settings".to_string()
                } else {
                    "no PIN is set".to_string()
                }
            });
        }
        Command::Employee(EmployeeCommand::List) => {
            let all = app.list_employees()?;
            out.print(&all, || {
                all.iter()
                    .map(|e| {
                        let schemes: Vec<String> = e
                            .schemes
                            .iter()
                            .map(|s| {
                                format!(
                                    "{}{} ¥{}",
                                    s.kind,
                                    if s.work.is_empty() {
                                        String::new()
                                    } else {
                                        format!(" {}", s.work)
                                    },
                                    s.rate
                                )
                            })
                            .collect();
                        format!(
                            "{}  {} ({}) from {}: {}",
                            e.member_id,
                            e.name,
                            e.relation,
                            e.start_on,
                            schemes.join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Employee(EmployeeCommand::Add(a)) => {
            let EmployeeArgs {
                name,
                relation,
                phone,
                start,
                end,
                withhold_tax,
                special_deduction,
                additional_deduction,
                note,
                schemes,
            } = *a;
            let e = app.save_employee(&EmployeeInput {
                name,
                relation,
                phone,
                start_on: start,
                end_on: end,
                withhold_tax,
                special_deduction,
                additional_deduction,
                account_note: note,
                schemes,
            })?;
            out.print(&e, || format!("saved {} ({})", e.name, e.member_id));
        }
        Command::Work(w) => {
            let member_id = member_id(&mut app, &w.who)?;
            let id = app.record_work(&WorkInput {
                member_id,
                date: w.date,
                kind: w.kind,
                work: w.work,
                quantity: w.quantity,
                amount: w.amount,
                note: w.note,
            })?;
            out.print(&id, || format!("recorded {id}"));
        }
        Command::Payroll(PayrollCommand::Payslip {
            month,
            language,
            out: copy_to,
        }) => {
            let saved = app.print_payslips(&PayslipRequest {
                month,
                member_ids: Vec::new(),
                language,
            })?;
            print_saved(&out, &saved, copy_to.as_deref())?;
        }
        Command::Payroll(PayrollCommand::Records { month }) => {
            let records = app.list_work(&month)?;
            out.print(&records, || {
                if records.is_empty() {
                    return format!("no work recorded in {month}");
                }
                records
                    .iter()
                    .map(|w| {
                        let what = match (w.quantity.as_str(), w.work.as_str()) {
                            ("", _) => format!("{} ¥{}", w.kind, w.amount),
                            (q, "") => format!("{q} {}", w.kind),
                            (q, work) => format!("{q} {work}"),
                        };
                        let lock = if w.locked { " (approved)" } else { "" };
                        format!("{} {} {}: {what} {}{lock}", w.id, w.date, w.name, w.note)
                            .trim_end()
                            .to_string()
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Payroll(PayrollCommand::DeleteRecord { id }) => {
            app.delete_work(&id)?;
            out.print(&id, || format!("deleted {id}"));
        }
        Command::Payroll(PayrollCommand::Year {
            year,
            xlsx: Some(target),
            ..
        }) => {
            let saved = app.export_pay_year_xlsx(year)?;
            print_saved(&out, &saved, Some(&target))?;
        }
        Command::Payroll(PayrollCommand::Year {
            year,
            csv,
            xlsx: None,
        }) => match csv {
            Some(target) => {
                let saved = app.export_pay_year_csv(year)?;
                print_saved(&out, &saved, Some(&target))?;
            }
            None => {
                let y = app.pay_year(year)?;
                out.print(&y, || {
                    let mut text: Vec<String> = y
                        .employees
                        .iter()
                        .map(|e| {
                            format!(
                                "{}: {} months, gross ¥{}, tax ¥{}, net ¥{}, paid ¥{}",
                                e.name, e.months, e.gross, e.tax, e.net, e.paid
                            )
                        })
                        .collect();
                    text.push(format!(
                        "{}: gross ¥{}, tax ¥{}, net ¥{}",
                        y.year, y.gross, y.tax, y.net
                    ));
                    text.join("\n")
                });
            }
        },
        Command::Payroll(PayrollCommand::Approve { month }) => {
            let p = app.approve_payroll(&month)?;
            out.print(&p, || {
                format!(
                    "approved {}: {} payslips, net ¥{}",
                    p.month,
                    p.payslips.len(),
                    p.net
                )
            });
        }
        Command::Payroll(PayrollCommand::Pay {
            who,
            month,
            amount,
            method,
            date,
        }) => {
            let member_id = member_id(&mut app, &who)?;
            let p = app.pay_payslip(&PayInput {
                month,
                member_id,
                amount,
                method,
                paid_on: date,
            })?;
            out.print(&p, || format!("paid; {} net ¥{}", p.month, p.net));
        }
        Command::Payroll(PayrollCommand::Preview { month }) => {
            let p = app.preview_payroll(&month)?;
            out.print(&p, || {
                let mut text = vec![format!(
                    "{} ({})",
                    p.month,
                    if p.approved { "approved" } else { "draft" }
                )];
                for slip in &p.payslips {
                    text.push(format!(
                        "{}: gross ¥{}, tax ¥{}, advances ¥{}, deductions ¥{}, net ¥{}",
                        slip.name, slip.gross, slip.tax, slip.advances, slip.deductions, slip.net
                    ));
                    for l in &slip.lines {
                        text.push(format!("  {}", l.explanation));
                    }
                    if !slip.tax_explanation.is_empty() {
                        text.push(format!("  {}", slip.tax_explanation));
                    }
                }
                text.push(format!(
                    "total gross ¥{}, tax ¥{}, net ¥{}",
                    p.gross, p.tax, p.net
                ));
                text.join("\n")
            });
        }
        Command::WaybillRange(RangeCommand::List) => {
            let ranges = app.list_waybill_ranges()?;
            out.print(&ranges, || {
                ranges
                    .iter()
                    .map(|r| {
                        format!(
                            "{} {} – {}: {} left{}",
                            r.courier,
                            r.first,
                            r.last,
                            r.left,
                            r.next
                                .as_deref()
                                .map(|n| format!(", next {n}"))
                                .unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::WaybillRange(RangeCommand::Add {
            courier,
            first,
            last,
            note,
        }) => {
            let r = app.add_waybill_range(&WaybillRangeInput {
                courier,
                first,
                last,
                note,
            })?;
            out.print(&r, || {
                format!(
                    "added {} {} – {}: {} numbers",
                    r.courier, r.first, r.last, r.left
                )
            });
        }
        Command::Print { path, printer } => {
            let job = app.print_document(&path, &printer)?;
            out.print(&job, || format!("sent to {}: job {}", job.printer, job.job));
        }
        Command::Printers => {
            let printers = farmstall_app::printing::list_printers();
            out.print(&printers, || {
                if printers.is_empty() {
                    return "no printers (is CUPS installed and a printer set up?)".to_string();
                }
                printers
                    .iter()
                    .map(|p| format!("{}{}", p.name, if p.is_default { " (default)" } else { "" }))
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        Command::Produce {
            recipe,
            quantity,
            date,
            labour,
            note,
            inputs,
            plan,
        } => {
            let input = ProductionInput {
                recipe_id: recipe,
                output_quantity: quantity,
                produced_on: date,
                labour,
                note,
                inputs,
            };
            if plan {
                let p = app.plan_production(&input)?;
                out.print(&p, || {
                    let mut text: Vec<String> = p
                        .inputs
                        .iter()
                        .map(|i| {
                            format!(
                                "  {} {} {unit} (available {} {unit}){}  ¥{}",
                                i.product_name,
                                i.quantity,
                                i.available,
                                if i.short { "  SHORT" } else { "" },
                                i.cost,
                                unit = i.stock_unit
                            )
                        })
                        .collect();
                    text.push(format!(
                        "{} {} {} would cost ¥{} (¥{} a unit), best before {}",
                        p.recipe_name,
                        p.output_quantity,
                        p.output_unit,
                        p.total_cost,
                        if p.unit_cost.is_empty() {
                            "-"
                        } else {
                            &p.unit_cost
                        },
                        p.best_before.as_deref().unwrap_or("-")
                    ));
                    text.join("\n")
                });
            } else {
                let r = app.record_production(&input)?;
                out.print(&r, || run_text(&r));
            }
        }
        Command::Runs(args) => {
            let page = app.list_production_runs(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(run_text), page.total, args.offset)
            });
        }
        Command::Statement {
            farmer,
            from,
            to,
            language,
            pdf,
        } => {
            let query = StatementQuery {
                farmer_id: farmer,
                from,
                to,
                language,
            };
            if pdf {
                let saved = app.save_farmer_statement(&query)?;
                out.print(&saved, || format!("saved {}", saved.path));
            } else {
                let st = app.farmer_statement(&query)?;
                out.print(&st, || {
                    let mut text = vec![format!(
                        "{} from {} to {}: owed at the start ¥{}",
                        st.farmer_name, st.from, st.to, st.opening_balance
                    )];
                    for l in &st.lines {
                        text.push(format!(
                            "  {}  {:<50}  bought {:>10}  paid {:>10}  owed {:>10}",
                            l.date,
                            l.description,
                            l.purchased.as_deref().unwrap_or("-"),
                            l.paid.as_deref().unwrap_or("-"),
                            l.balance
                        ));
                    }
                    text.push(format!(
                        "bought ¥{}, paid ¥{}, owed at the end ¥{}",
                        st.total_purchased, st.total_paid, st.closing_balance
                    ));
                    text.join("\n")
                });
            }
        }
        Command::Owed(args) => {
            let page = app.farmer_balances(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(balance_line), page.total, args.offset)
            });
        }
        Command::Pay {
            farmer,
            amount,
            method,
            date,
            note,
        } => {
            let b = app.record_payment(&PaymentInput {
                farmer_id: farmer,
                amount,
                method,
                paid_on: date,
                note,
            })?;
            out.print(&b, || format!("paid; {}", balance_line(&b)));
        }
        Command::Demo => {
            let summary = app.load_demo()?;
            out.print(&summary, || {
                format!(
                    "demo shop written to {}: {} farmers, {} products",
                    app.db_path().display(),
                    summary.farmers,
                    summary.products
                )
            });
        }
        Command::Generate { years, seed } => {
            let summary = farmstall_app::generate::generate(&mut app, years, seed)?;
            out.print(&summary, || {
                format!(
                    "generated a {}-year shop: {} farmers, {} products ({} archived)",
                    summary.years, summary.farmers, summary.products, summary.archived_products
                )
            });
        }
    }
    Ok(())
}

struct Output {
    json: bool,
}

impl Output {
    fn print<T: Serialize>(&self, value: &T, text: impl FnOnce() -> String) {
        if self.json {
            match serde_json::to_string_pretty(value) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("farmstall: cannot write JSON: {e}"),
            }
        } else {
            println!("{}", text());
        }
    }
}

fn shop_text(p: &ShopProfileDto) -> String {
    format!(
        "shop: {}\nowner: {}\nsender: {} {}\naddress: {} {} {} {}\ncourier: {}\nlanguage: {}",
        p.shop_name,
        p.owner_name,
        p.sender_name,
        p.phone,
        p.address.province,
        p.address.city,
        p.address.district,
        p.address.street,
        p.default_courier.as_deref().unwrap_or("-"),
        p.language
    )
}

fn archived(flag: bool) -> &'static str {
    if flag {
        "archived"
    } else {
        "active"
    }
}

fn farmer_line(f: &FarmerDto) -> String {
    format!(
        "{}  {}  {}  {}  {}  {}",
        f.id,
        f.name,
        or_dash(&f.village),
        or_dash(&f.phone),
        or_dash(&f.payment_notes),
        archived(f.archived)
    )
}

fn or_dash(s: &str) -> &str {
    if s.is_empty() {
        "-"
    } else {
        s
    }
}

fn farmer(app: &mut App, out: &Output, cmd: FarmerCommand) -> Result<(), AppError> {
    let one = |f: &FarmerDto| farmer_line(f);
    match cmd {
        FarmerCommand::List(args) => {
            let page: FarmerPage = app.list_farmers(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(farmer_line), page.total, args.offset)
            });
        }
        FarmerCommand::Show { id } => {
            let f = app.get_farmer(&id)?;
            out.print(&f, || {
                format!("{}\nremarks: {}", one(&f), or_dash(&f.remarks))
            });
        }
        FarmerCommand::Add(fields) => {
            let f = app.create_farmer(&fields.over(FarmerInput::default()))?;
            out.print(&f, || format!("added {}", one(&f)));
        }
        FarmerCommand::Edit { id, fields } => {
            let base = FarmerInput::from(&app.get_farmer(&id)?);
            let f = app.update_farmer(&id, &fields.over(base))?;
            out.print(&f, || format!("saved {}", one(&f)));
        }
        FarmerCommand::Archive { id } => {
            let f = app.archive_farmer(&id)?;
            out.print(&f, || format!("archived {}", one(&f)));
        }
        FarmerCommand::Restore { id } => {
            let f = app.restore_farmer(&id)?;
            out.print(&f, || format!("restored {}", one(&f)));
        }
    }
    Ok(())
}

fn product_line(p: &ProductDto) -> String {
    format!(
        "{}  {}  ¥{}/{}  stock in {}  {}  {}  {}",
        p.id,
        p.name_zh,
        p.price,
        p.sale_unit,
        p.stock_unit,
        p.shelf_life_days
            .map(|d| format!("keeps {d} days"))
            .unwrap_or_else(|| "not perishable".into()),
        p.weight_kg
            .as_deref()
            .map(|w| format!("{w} kg"))
            .unwrap_or_else(|| "-".into()),
        archived(p.archived)
    )
}

fn product(app: &mut App, out: &Output, cmd: ProductCommand) -> Result<(), AppError> {
    match cmd {
        ProductCommand::List(args) => {
            let page: ProductPage = app.list_products(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(product_line), page.total, args.offset)
            });
        }
        ProductCommand::Show { id } => {
            let p = app.get_product(&id)?;
            out.print(&p, || {
                format!(
                    "{}\nEnglish name: {}",
                    product_line(&p),
                    p.name_en.as_deref().unwrap_or("-")
                )
            });
        }
        ProductCommand::Add(fields) => {
            let base = ProductInput {
                stock_unit: fields.sale_unit.clone().unwrap_or_default(),
                ..ProductInput::default()
            };
            let p = app.create_product(&fields.over(base))?;
            out.print(&p, || format!("added {}", product_line(&p)));
        }
        ProductCommand::Edit { id, fields } => {
            let base = ProductInput::from(app.get_product(&id)?);
            let p = app.update_product(&id, &fields.over(base))?;
            out.print(&p, || format!("saved {}", product_line(&p)));
        }
        ProductCommand::Archive { id } => {
            let p = app.archive_product(&id)?;
            out.print(&p, || format!("archived {}", product_line(&p)));
        }
        ProductCommand::Restore { id } => {
            let p = app.restore_product(&id)?;
            out.print(&p, || format!("restored {}", product_line(&p)));
        }
    }
    Ok(())
}

fn run_recipe(app: &mut App, out: &Output, command: RecipeCommand) -> Result<(), AppError> {
    match command {
        RecipeCommand::List(args) => {
            let page = app.list_recipes(&ListQuery::from(&args))?;
            out.print(&page, || {
                page_text(page.items.iter().map(recipe_line), page.total, args.offset)
            });
        }
        RecipeCommand::Show { id } => {
            let r = app.get_recipe(&id)?;
            out.print(&r, || recipe_line(&r));
        }
        RecipeCommand::Add(a) => {
            let r = app.create_recipe(&RecipeInput {
                name: a.name,
                output_product_id: a.output,
                output_quantity: a.makes,
                shelf_life_days: a.shelf_life_days,
                note: a.note,
                inputs: a.inputs,
            })?;
            out.print(&r, || format!("added {}", recipe_line(&r)));
        }
        RecipeCommand::Archive { id } => {
            let r = app.archive_recipe(&id)?;
            out.print(&r, || format!("archived {}", recipe_line(&r)));
        }
        RecipeCommand::Restore { id } => {
            let r = app.restore_recipe(&id)?;
            out.print(&r, || format!("restored {}", recipe_line(&r)));
        }
    }
    Ok(())
}

/// A member named by id or by name.
fn member_id(app: &mut App, who: &str) -> Result<String, AppError> {
    let who = who.trim();
    if who.is_empty() {
        return Ok(String::new());
    }
    let members = app.list_members()?;
    Ok(members
        .iter()
        .find(|m| m.id == who || m.name == who)
        .map_or_else(|| who.to_string(), |m| m.id.clone()))
}

fn run_member(app: &mut App, out: &Output, command: MemberCommand) -> Result<(), AppError> {
    let line = |m: &farmstall_app::members::MemberDto| {
        format!(
            "{}  {}{}",
            m.id,
            m.name,
            if m.active { "" } else { " (left)" }
        )
    };
    match command {
        MemberCommand::List => {
            let members = app.list_members()?;
            out.print(&members, || {
                members.iter().map(line).collect::<Vec<_>>().join("\n")
            });
        }
        MemberCommand::Add { name } => {
            let m = app.add_member(&name)?;
            out.print(&m, || format!("added {}", line(&m)));
        }
        MemberCommand::Use { who } => {
            let id = member_id(app, &who)?;
            let m = app.set_current_member(&id)?;
            out.print(&m, || match &m {
                Some(m) => format!("{} is working", m.name),
                None => "nobody is working".to_string(),
            });
        }
        MemberCommand::Current => {
            let m = app.current_member()?;
            out.print(&m, || match &m {
                Some(m) => format!("{} is working", m.name),
                None => "nobody is working".to_string(),
            });
        }
        MemberCommand::Leave { who } => {
            let id = member_id(app, &who)?;
            let m = app.set_member_active(&id, false)?;
            out.print(&m, || format!("left: {}", line(&m)));
        }
    }
    Ok(())
}

fn run_order(app: &mut App, out: &Output, command: OrderCommand) -> Result<(), AppError> {
    match command {
        OrderCommand::Add(a) => {
            let a = *a;
            let o = app.create_order(&OrderInput {
                source: a.source,
                platform_order_id: a.platform_id,
                buyer: a.buyer,
                recipient: RecipientInput {
                    name: a.name,
                    phone: a.phone,
                    province: a.province,
                    city: a.city,
                    district: a.district,
                    street: a.street,
                    postcode: a.postcode,
                },
                lines: a.lines,
                shipping_fee: a.shipping_fee,
                buyer_note: a.buyer_note,
                seller_note: a.seller_note,
                ordered_on: a.date,
                state: a.state,
            })?;
            out.print(&o, || format!("added {}", order_line(&o)));
        }
        OrderCommand::List {
            search,
            states,
            source,
            province,
            product,
            from,
            to,
            sort,
            limit,
            offset,
        } => {
            let page = app.list_orders(&OrderQuery {
                states,
                from,
                to,
                product_id: product,
                province,
                source,
                search,
                sort,
                limit,
                offset,
            })?;
            out.print(&page, || {
                page_text(page.items.iter().map(order_line), page.total, offset)
            });
        }
        OrderCommand::Show { id } => {
            let o = app.get_order(&id)?;
            out.print(&o, || order_line(&o));
        }
        OrderCommand::Pay { id } => {
            let o = app.mark_order_paid(&id)?;
            out.print(&o, || format!("paid: {}", order_line(&o)));
        }
        OrderCommand::Pack {
            id,
            mut packaging,
            mut weight_kg,
            by,
            suggested,
        } => {
            if suggested {
                let s = app.suggest_packaging(&id)?;
                packaging.extend(s.packaging);
                if weight_kg.is_empty() {
                    weight_kg = s.weight_kg;
                }
            }
            let o = app.pack_order(&PackInput {
                order_id: id,
                packaging,
                weight_kg,
                packed_by: by,
            })?;
            out.print(&o, || {
                format!(
                    "packed: {}  goods cost ¥{}, packaging ¥{}, margin ¥{}",
                    order_line(&o),
                    o.goods_cost.as_deref().unwrap_or("-"),
                    o.packaging_cost.as_deref().unwrap_or("-"),
                    o.margin.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Unpack { id } => {
            let o = app.unpack_order(&id)?;
            out.print(&o, || format!("unpacked: {}", order_line(&o)));
        }
        OrderCommand::Ship {
            id,
            courier,
            waybill,
            cost,
        } => {
            let o = app.ship_order(&ShipInput {
                order_id: id,
                courier,
                waybill,
                shipping_cost: cost,
            })?;
            out.print(&o, || {
                format!(
                    "shipped: {}  {} {}, margin ¥{}",
                    order_line(&o),
                    o.courier.as_deref().unwrap_or("-"),
                    o.waybill.as_deref().unwrap_or("-"),
                    o.margin.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Waybill {
            id,
            courier,
            waybill,
            next,
            cost,
        } => {
            let o = if next {
                app.take_waybill(&id, &courier)?
            } else {
                app.set_waybill(&ShipInput {
                    order_id: id,
                    courier,
                    waybill,
                    shipping_cost: cost,
                })?
            };
            out.print(&o, || {
                format!(
                    "{}: {} {}",
                    o.number,
                    o.courier.as_deref().unwrap_or("-"),
                    o.waybill.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Pick { ids } => {
            let p = app.pick_list(&PickListQuery { order_ids: ids })?;
            out.print(&p, || {
                let mut text = vec![format!("{} orders", p.orders)];
                for product in &p.products {
                    let lots: Vec<String> = product
                        .lots
                        .iter()
                        .map(|l| {
                            format!(
                                "{} from lot {} (best before {})",
                                l.quantity,
                                l.lot_id,
                                l.best_before.as_deref().unwrap_or("-")
                            )
                        })
                        .collect();
                    text.push(format!(
                        "  {} {} {} for {} orders: {}{}",
                        product.product_name,
                        product.quantity,
                        product.stock_unit,
                        product.orders,
                        lots.join("; "),
                        if product.short == "0" {
                            String::new()
                        } else {
                            format!("  SHORT {}", product.short)
                        }
                    ));
                }
                text.join("\n")
            });
        }
        OrderCommand::Label {
            ids,
            format,
            size,
            dpi,
            mask_phone,
            out: copy_to,
        } => {
            let saved = app.print_labels(&LabelRequest {
                order_ids: ids,
                format,
                size,
                dpi,
                mask_phone,
            })?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        OrderCommand::Search { text, limit } => {
            let page = app.list_orders(&OrderQuery {
                search: text,
                limit,
                ..OrderQuery::default()
            })?;
            out.print(&page, || {
                let mut lines: Vec<String> = page.items.iter().map(order_line).collect();
                lines.push(format!("{} found", page.total));
                lines.join("\n")
            });
        }
        OrderCommand::Suggest { id } => {
            let s = app.suggest_packaging(&id)?;
            out.print(&s, || {
                let mut lines = s.reasons.clone();
                for l in &s.packaging {
                    lines.push(format!("  {} × {}", l.product_id, l.quantity));
                }
                for name in &s.unmatched {
                    lines.push(format!("  no rule for {name}"));
                }
                lines.join("\n")
            });
        }
        OrderCommand::PickPdf { ids, out: copy_to } => {
            let saved = app.print_pick_list(&PickListQuery { order_ids: ids })?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        OrderCommand::Slip { ids, out: copy_to } => {
            let saved = app.print_packing_slips(&ids)?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        OrderCommand::Return {
            id,
            lines,
            refund,
            note,
        } => {
            let o = app.return_order(&ReturnInput {
                order_id: id,
                lines,
                refund,
                note,
            })?;
            out.print(&o, || {
                format!(
                    "returned: {}  refunded ¥{}, margin ¥{}",
                    order_line(&o),
                    o.refunded,
                    o.margin.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Finish { id } => {
            let o = app.finish_order(&id)?;
            out.print(&o, || format!("finished: {}", order_line(&o)));
        }
        OrderCommand::Cancel { id, note } => {
            let o = app.cancel_order(&id, &note)?;
            out.print(&o, || format!("cancelled: {}", order_line(&o)));
        }
    }
    Ok(())
}

/// Says where a saved document is, after copying it to `copy_to` when asked.
fn print_saved(
    out: &Output,
    saved: &SavedDocument,
    copy_to: Option<&std::path::Path>,
) -> Result<(), AppError> {
    if let Some(target) = copy_to {
        std::fs::copy(&saved.path, target)
            .map_err(|e| AppError::Conflict(format!("cannot write {}: {e}", target.display())))?;
    }
    out.print(saved, || match copy_to {
        Some(target) => format!("saved {} and {}", saved.path, target.display()),
        None => format!("saved {}", saved.path),
    });
    Ok(())
}

fn parse_return_line(spec: &str) -> Result<ReturnLineInput, String> {
    let mut line = ReturnLineInput::default();
    for (key, value) in key_values(spec)? {
        match key.as_str() {
            "product" => line.product_id = value,
            "quantity" | "qty" => line.quantity = value,
            "disposition" => line.disposition = value,
            "reason" => line.reason = value,
            other => {
                return Err(format!(
                    "unknown key {other:?} (use product, quantity, disposition, reason)"
                ))
            }
        }
    }
    Ok(line)
}

fn order_line(o: &OrderDto) -> String {
    let items: Vec<String> = o
        .lines
        .iter()
        .map(|l| format!("{} ×{}", l.product_name, l.quantity))
        .collect();
    format!(
        "{}  {}  {}  {} {} {}{}  {}  ¥{}  {}",
        o.id,
        o.number,
        o.ordered_on,
        o.recipient.name,
        o.recipient.phone,
        o.recipient.province,
        o.recipient.city,
        items.join(", "),
        o.total,
        o.state
    )
}

fn recipe_line(r: &RecipeDto) -> String {
    let inputs: Vec<String> = r
        .inputs
        .iter()
        .map(|i| format!("{} {} {}", i.product_name, i.quantity, i.stock_unit))
        .collect();
    format!(
        "{}  {}: {} -> {} {} {}{}",
        r.id,
        r.name,
        inputs.join(" + "),
        r.output_product_name,
        r.output_quantity,
        r.output_unit,
        if r.archived { "  (archived)" } else { "" }
    )
}

fn run_text(r: &ProductionRunDto) -> String {
    let takes: Vec<String> = r
        .takes
        .iter()
        .map(|t| {
            format!(
                "{} {} {} (¥{})",
                t.product_name, t.quantity, t.stock_unit, t.cost
            )
        })
        .collect();
    format!(
        "{} {}  {}: made {} {} in lot {} for ¥{} (¥{} a unit), best before {}; took {}",
        r.id,
        r.produced_on,
        r.recipe_name,
        r.output_lot.on_hand,
        r.output_lot.stock_unit,
        r.output_lot.id,
        r.total_cost,
        r.output_lot.unit_cost,
        r.output_lot.best_before.as_deref().unwrap_or("-"),
        takes.join(", ")
    )
}

fn balance_line(b: &FarmerBalance) -> String {
    format!(
        "{}  {} ({})  owed ¥{}  paid ¥{}  still owed ¥{}",
        b.farmer_id,
        b.farmer_name,
        or_dash(&b.village),
        b.owed,
        b.paid,
        b.balance
    )
}

fn lot_line(l: &LotDto) -> String {
    format!(
        "{}  {} {}  {} {} on hand ({} available)  ¥{}  best before {}{}",
        l.id,
        l.product_name,
        l.grade,
        l.on_hand,
        l.stock_unit,
        l.available,
        l.cost_on_hand,
        l.best_before.as_deref().unwrap_or("-"),
        match l.days_to_expiry {
            Some(-1) => " (expired yesterday)".to_string(),
            Some(d) if d < 0 => format!(" (expired {} days ago)", -d),
            Some(0) => " (last day)".to_string(),
            Some(1) => " (1 day left)".to_string(),
            Some(d) => format!(" ({d} days left)"),
            None => String::new(),
        }
    )
}

fn page_text(lines: impl Iterator<Item = String>, total: u32, offset: u32) -> String {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return format!("nothing found ({total} in all)");
    }
    let shown = u32::try_from(lines.len()).unwrap_or(u32::MAX);
    format!(
        "{}\n({}–{} of {total})",
        lines.join("\n"),
        offset + 1,
        offset + shown
    )
}
