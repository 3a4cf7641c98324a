//! `farmstall`: the shop's use cases from a terminal or a script, on the same database as the
//! desktop app. Human-readable output by default, `--json` for scripts; on error, a one-line
//! reason on stderr and exit status 1 (2 for bad arguments), plus the error as JSON on stdout
//! (`{kind, field, rule, message, errors}`) when `--json` was given.
//!
//! The exit status tells the truth: 0 when the command did what it was asked, even if its result
//! could not be printed afterwards (a closed pipe ends quietly; a full disk is said on stderr), so
//! a script never repeats a payment that was saved; non-zero when it did not, a sync round that
//! stopped early included.
//!
//! This file is parsing, opening and dispatch only: each noun's commands, and how their results
//! read, live in its module; every rule lives in `farmstall-app`.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod backup;
mod expense;
mod farmer;
mod import;
mod lines;
mod member;
mod order;
mod output;
mod pay;
mod product;
mod production;
mod report;
mod shipping;
mod shop;
mod stock;
mod sync;

use std::io::ErrorKind;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand};
use farmstall_app::dto::ListQuery;
use farmstall_app::{crash, logging, paths, App, AppError, IpcError, Origin};

use crate::output::{warn, Output};

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
    Shop(shop::ShopCommand),
    /// Switch the app's language: zh-CN or en
    Language { language: String },
    /// Farmers the shop buys from
    #[command(subcommand)]
    Farmer(farmer::FarmerCommand),
    /// Products the shop sells
    #[command(subcommand)]
    Product(product::ProductCommand),
    /// Receive a purchase from a farmer: each --line becomes a lot
    Receive(stock::ReceiveArgs),
    /// Purchases, newest first
    Purchases(ListArgs),
    /// Lots in stock, first expiry first
    Lots(stock::LotArgs),
    /// Take spoiled, damaged, sampled or eaten stock out of a lot
    Waste(stock::WasteArgs),
    /// Stock of one product (--product), or the value at cost of everything in stock
    Stock(stock::StockArgs),
    /// Reverse a purchase receipt entered wrongly (its lots are emptied; nothing is edited)
    Reverse(stock::ReverseArgs),
    /// Record a stock count: each --line says what is really in a lot
    Count(stock::CountArgs),
    /// Recipes for homemade products
    #[command(subcommand)]
    Recipe(production::RecipeCommand),
    /// Record a production run (or, with --plan, show what it would take without recording)
    Produce(production::ProduceArgs),
    /// Production runs, newest first
    Runs(ListArgs),
    /// A farmer's statement for a period; --pdf saves it as a printable PDF in the data folder
    Statement(farmer::StatementArgs),
    /// Orders: add, list, search, show, pay, pack, ship, label, return, cancel
    #[command(subcommand)]
    Order(order::OrderCommand),
    /// Family members, and who is working now (recorded on packing, counts and spoilage)
    #[command(subcommand)]
    Member(member::MemberCommand),
    /// The cost book: `expense add --date --category --amount`, `expense list --month`, `expense void ID`
    #[command(subcommand)]
    Expense(expense::ExpenseCommand),
    /// Send a saved document (label, pick list, slip, statement) to a CUPS printer
    Print(shipping::PrintArgs),
    /// Printers CUPS knows
    Printers,
    /// Waybill numbers bought from a courier in advance
    #[command(subcommand)]
    WaybillRange(shipping::RangeCommand),
    /// Ship the packed order whose waybill (or label QR code) was scanned
    ShipScan(shipping::ShipScanArgs),
    /// Family members who are paid, and how
    #[command(subcommand)]
    Employee(pay::EmployeeCommand),
    /// Record work: --kind days|hours|pieces|bonus|advance|deduction
    Work(pay::WorkArgs),
    /// Pay for a month
    #[command(subcommand)]
    Payroll(pay::PayrollCommand),
    /// The owner's PIN for pay and settings: `pin set NEW` (with --pin CURRENT when one is set;
    /// NEW "" removes it), `pin status`
    Pin(shop::PinArgs),
    /// What the shop owes each farmer (--all: every farmer)
    Owed(ListArgs),
    /// Pay a farmer all or part of what is owed
    Pay(farmer::PayArgs),
    /// Orders from the platforms' export files: `import orders FILE...`, `import map`, `import mappings`
    #[command(subcommand)]
    Import(import::ImportCommand),
    /// Files for the platforms: `export shipments --platform taobao --out FILE`
    #[command(subcommand)]
    Export(import::ExportCommand),
    /// What needs doing this morning and how the shop is doing
    Today,
    /// Sales (`report sales --by month`) and the month's profit and loss (`report profit`)
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Sales per week for the next eight weeks, per product; --backtest prints how each method did
    Forecast(report::ForecastArgs),
    /// How much of each product to buy from the farmers this week
    Plan {
        /// Safety margin in percent of the forecast (default 10)
        #[arg(long, default_value = "")]
        safety: String,
    },
    /// Back up the shop now into the data folder's backups/ (and the second place or --to DIR)
    Backup(backup::BackupArgs),
    /// The backups of the data folder and the second place, newest first, with what each holds
    Backups,
    /// Replace the shop with a backup (the current file is kept aside and backed up first)
    Restore(backup::RestoreArgs),
    /// Write the demo kiwi shop into an empty database
    Demo,
    /// Clear the demo shop to start your own: the demo is kept as a backup first, then removed
    /// (a shop that is not the demo is refused, nothing changed)
    LeaveDemo,
    /// Write a generated shop with YEARS of history into an empty database (benchmarks, tests)
    Generate(shop::GenerateArgs),
}

impl Command {
    /// `demo`, `generate` and `shop set`: the commands that may create a shop where none is.
    fn sets_up_shop(&self) -> bool {
        matches!(
            self,
            Command::Demo | Command::Generate(_) | Command::Shop(shop::ShopCommand::Set(_))
        )
    }

    /// Whether the command changes something: the shop, a saved document, a printer's queue.
    /// Such a command, once it succeeded, exits 0 even when its result cannot be printed.
    fn writes(&self) -> bool {
        match self {
            Command::Status
            | Command::Today
            | Command::Report(_)
            | Command::Forecast(_)
            | Command::Plan { .. }
            | Command::Purchases(_)
            | Command::Lots(_)
            | Command::Stock(_)
            | Command::Runs(_)
            | Command::Printers
            | Command::Backups
            | Command::Owed(_) => false,
            Command::Sync(args) => args.writes(),
            Command::Shop(command) => matches!(command, shop::ShopCommand::Set(_)),
            Command::Farmer(command) => command.writes(),
            Command::Product(command) => command.writes(),
            Command::Recipe(command) => command.writes(),
            Command::Produce(args) => !args.plan,
            Command::Statement(args) => args.pdf,
            Command::Order(command) => command.writes(),
            Command::Member(command) => command.writes(),
            Command::Expense(command) => command.writes(),
            Command::WaybillRange(command) => {
                matches!(command, shipping::RangeCommand::Add { .. })
            }
            Command::Employee(command) => matches!(command, pay::EmployeeCommand::Add(_)),
            Command::Payroll(command) => command.writes(),
            Command::Pin(args) => args.writes(),
            Command::Import(command) => command.writes(),
            Command::Export(_) => true,
            Command::Language { .. }
            | Command::Receive(_)
            | Command::Waste(_)
            | Command::Reverse(_)
            | Command::Count(_)
            | Command::Print(_)
            | Command::ShipScan(_)
            | Command::Work(_)
            | Command::Pay(_)
            | Command::Demo
            | Command::LeaveDemo
            | Command::Backup(_)
            | Command::Restore(_)
            | Command::Generate(_) => true,
        }
    }
}

// The common flags of a list (a plain comment: a doc comment would become the about of `farmer list`).
#[derive(Args, Debug)]
pub struct ListArgs {
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
    /// Start after the row with this id (the `next` of the page before in --json output):
    /// as quick deep in a long list as at its top. Purchases, lots and orders page this way.
    #[arg(long)]
    after: Option<String>,
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
            after: a.after.clone(),
        }
    }
}

/// How a command that did not fail ended.
pub enum Outcome {
    Done,
    /// It ran but did not get to the end (a sync round that stopped): exit status 1.
    Stopped(String),
}

/// The subcommand's words (`order add`), never its arguments' values: what a crash report and
/// the log name.
fn command_words(matches: &ArgMatches) -> String {
    let mut words = Vec::new();
    let mut at = matches;
    while let Some((name, sub)) = at.subcommand() {
        words.push(name);
        at = sub;
    }
    words.join(" ")
}

/// The crash record and the log, in the shop's data folder (the `--db` file's folder). The log
/// starts only where a shop file is: a mistyped `--db` must leave no folder behind.
fn start_records(db: &std::path::Path, words: &str) {
    let data_dir = match db.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => std::path::Path::new("."),
    };
    crash::install(data_dir);
    crash::set_process_command(words);
    if db.is_file() {
        logging::init(data_dir, logging::Shell::Cli);
    }
}

/// Debug builds only: `FARMSTALL_CRASH_TEST=1` makes the command panic with a buyer's phone and a
/// secret in the message, so a test can check the crash report leaves both out.
#[cfg(debug_assertions)]
fn crash_test() {
    if std::env::var_os("FARMSTALL_CRASH_TEST").is_some_and(|v| v == "1") {
        panic!("crash test: buyer 13812345678, app_secret=CrashTestSecret0123456789");
    }
}

fn main() -> ExitCode {
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|matches| Cli::from_arg_matches(&matches).map(|cli| (cli, matches)));
    let (cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            // --help and --version are "errors" that exit 0; a stdout gone is no reason to panic.
            let _ = e.print();
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    let words = command_words(&matches);
    let db = cli.db.clone().unwrap_or_else(paths::default_db_path);
    start_records(&db, &words);
    let out = Output::new(cli.json);
    let writes = cli.command.writes();
    let result = run(cli, &db, &out);
    let print_failure = out.failure();
    let code = match result {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Stopped(why)) => {
            tracing::warn!(command = %words, "command stopped before its end");
            warn(&why);
            ExitCode::FAILURE
        }
        Err(error) => {
            // The kind only: the error's words may quote what was typed.
            let ipc = IpcError::from(&error);
            tracing::warn!(
                command = %words,
                kind = %ipc.kind,
                rule = ipc.rule.as_deref().unwrap_or("-"),
                field = ipc.field.as_deref().unwrap_or("-"),
                "command failed"
            );
            // Scripts asked for JSON get the error as JSON too: kind, field, rule, every wrong field.
            if out.json() {
                if let Ok(text) = serde_json::to_string_pretty(&ipc) {
                    out.line(&text);
                }
            }
            warn(&error.to_string());
            return ExitCode::FAILURE;
        }
    };
    match print_failure {
        // The reader stopped reading (`| head -1`): it has what it wanted.
        Some(e) if e.kind() == ErrorKind::BrokenPipe => code,
        // Saved, and only the telling failed: success, or a retry would do it twice.
        Some(e) if writes => {
            warn(&format!("done, but the result could not be printed: {e}"));
            code
        }
        Some(e) => {
            warn(&format!("cannot print the result: {e}"));
            ExitCode::FAILURE
        }
        None => code,
    }
}

fn run(cli: Cli, db: &std::path::Path, out: &Output) -> Result<Outcome, AppError> {
    let db = db.to_path_buf();
    // These work on the file without opening the shop: a restore replaces it, leaving the demo
    // removes it, and the list must show even when the shop cannot be opened (to pick a backup
    // for a damaged one).
    match cli.command {
        Command::Restore(args) => return backup::restore(&db, out, args),
        Command::LeaveDemo => {
            shop::leave_demo(&db, out)?;
            return Ok(Outcome::Done);
        }
        Command::Backups => {
            backup::backups(&db, out);
            return Ok(Outcome::Done);
        }
        _ => {}
    }
    // Only the commands that set up a shop may create its file; any other command on a path
    // where no shop is (a typo, an unplugged USB stick) says so and creates nothing, except
    // `status` and `shop show`, whose answer that is.
    let opened = if cli.command.sets_up_shop() {
        App::open(&db, Origin::Cli)
    } else {
        App::open_existing(&db, Origin::Cli)
    };
    let mut app = match (opened, &cli.command) {
        (Ok(app), _) => app,
        (Err(e), Command::Status) if e.open_error_kind() == "no_shop" => {
            shop::status_without_file(&db, out);
            return Ok(Outcome::Done);
        }
        (Err(e), Command::Shop(shop::ShopCommand::Show)) if e.open_error_kind() == "no_shop" => {
            shop::show_without_file(out);
            return Ok(Outcome::Done);
        }
        (Err(error), _) => return Err(error),
    };
    if let Some(pin) = cli.pin.as_deref().filter(|p| !p.is_empty()) {
        app.unlock(pin)?;
    }
    let app = &mut app;
    #[cfg(debug_assertions)]
    crash_test();
    match cli.command {
        Command::Sync(args) => return sync::run(app, out, args),
        Command::Backup(args) => return backup::backup(app, out, args),
        Command::Restore(_) | Command::Backups | Command::LeaveDemo => {}
        Command::Status => shop::status(app, out)?,
        Command::Language { language } => shop::language(app, out, &language)?,
        Command::Shop(command) => shop::shop(app, out, command)?,
        Command::Pin(args) => shop::pin(app, out, args, cli.pin.as_deref())?,
        Command::Demo => shop::demo(app, out)?,
        Command::Today => report::today(app, out)?,
        Command::Report(command) => report::run(app, out, command)?,
        Command::Forecast(args) => report::forecast(app, out, args)?,
        Command::Plan { safety } => report::plan(app, out, &safety)?,
        Command::Generate(args) => shop::generate(app, out, args)?,
        Command::Farmer(command) => farmer::run(app, out, command)?,
        Command::Owed(args) => farmer::owed(app, out, args)?,
        Command::Pay(args) => farmer::pay(app, out, args)?,
        Command::Statement(args) => farmer::statement(app, out, args)?,
        Command::Product(command) => product::run(app, out, command)?,
        Command::Receive(args) => stock::receive(app, out, args)?,
        Command::Purchases(args) => stock::purchases(app, out, args)?,
        Command::Lots(args) => stock::lots(app, out, args)?,
        Command::Waste(args) => stock::waste(app, out, args)?,
        Command::Stock(args) => stock::stock(app, out, args)?,
        Command::Reverse(args) => stock::reverse(app, out, args)?,
        Command::Count(args) => stock::count(app, out, args)?,
        Command::Recipe(command) => production::recipe(app, out, command)?,
        Command::Produce(args) => production::produce(app, out, args)?,
        Command::Runs(args) => production::runs(app, out, args)?,
        Command::Order(command) => order::run(app, out, command)?,
        Command::Member(command) => member::run(app, out, command)?,
        Command::Expense(command) => expense::run(app, out, command)?,
        Command::Print(args) => shipping::print(app, out, args)?,
        Command::Printers => shipping::printers(out),
        Command::WaybillRange(command) => shipping::waybill_range(app, out, command)?,
        Command::ShipScan(args) => shipping::ship_scan(app, out, args)?,
        Command::Employee(command) => pay::employee(app, out, command)?,
        Command::Work(args) => pay::work(app, out, args)?,
        Command::Payroll(pay::PayrollCommand::Week(args)) => return pay::week(app, out, args),
        Command::Payroll(command) => pay::payroll(app, out, command)?,
        Command::Import(command) => import::run(app, out, command)?,
        Command::Export(command) => import::export(app, out, command)?,
    }
    Ok(Outcome::Done)
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser};
    use proptest::prelude::*;

    use super::Cli;

    #[test]
    fn the_command_definition_is_sound() {
        Cli::command().debug_assert();
    }

    fn word() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<String>(),
            // Real command and flag names, so that the search gets past the first word.
            prop::sample::select(vec![
                "order",
                "add",
                "pack",
                "--line",
                "product=1,quantity=2",
                "receive",
                "count",
                "--db",
                "--json",
                "sync",
                "connect",
                "payroll",
                "year",
                "--csv",
                "--xlsx",
                "employee",
                "--scheme",
                "kind=daily,rate=150",
                "lots",
                "--expiring",
                "-1",
                "4294967296",
                "--offset",
                "--limit",
                "=",
                ",",
                "--",
                "label",
                "--dpi",
                "produce",
                "--input",
                "return",
                "waybill",
                "--next",
                "product",
                "--price",
                "expense",
                "--amount",
                "--month",
            ])
            .prop_map(str::to_string),
        ]
    }

    proptest! {
        /// Whatever arguments a script passes, parsing answers a command or an error, never a panic.
        #[test]
        fn no_argument_list_panics(args in prop::collection::vec(word(), 0..8)) {
            let _ = Cli::try_parse_from(std::iter::once("farmstall".to_string()).chain(args));
        }
    }
}
