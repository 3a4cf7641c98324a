//! Platform order files: reads the order exports a family shop downloads from the Taobao,
//! Pinduoduo and Douyin seller centres (bytes in, typed orders out) and writes the bulk-shipping
//! files it uploads back. No IO: the caller reads and writes the files.
//!
//! A file that cannot be read as an export is refused whole ([`FileError`]); a row that cannot be
//! read is reported ([`RowProblem`]) and left out, the rest of the file is taken.

mod cell;
mod douyin;
mod pinduoduo;
mod ship;
mod status;
mod synth;
mod table;
mod taobao;

use std::fmt;

use chrono::NaiveDateTime;
use farmstall_domain::sync::PlatformStatus;
use rust_decimal::Decimal;

pub use ship::{courier_name, shipments_csv, shipments_xlsx, ShipmentRow};
pub use status::{after_sale_texts, status_texts};
pub use synth::synth_taobao_pair;

use table::{Kind, Table};

/// The marketplaces whose files are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Taobao,
    Pinduoduo,
    Douyin,
}

impl Platform {
    pub const ALL: [Platform; 3] = [Platform::Taobao, Platform::Pinduoduo, Platform::Douyin];

    pub fn code(self) -> &'static str {
        match self {
            Platform::Taobao => "taobao",
            Platform::Pinduoduo => "pinduoduo",
            Platform::Douyin => "douyin",
        }
    }

    pub fn parse(code: &str) -> Option<Platform> {
        let code = code.trim();
        Platform::ALL
            .into_iter()
            .find(|p| p.code().eq_ignore_ascii_case(code))
    }

    fn name_en(self) -> &'static str {
        match self {
            Platform::Taobao => "Taobao",
            Platform::Pinduoduo => "Pinduoduo",
            Platform::Douyin => "Douyin",
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name_en())
    }
}

/// One file as the person picked it: its name (for messages) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// What an import read: the orders it can take and the rows it could not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub platform: Platform,
    pub orders: Vec<FileOrder>,
    pub problems: Vec<RowProblem>,
}

/// Why a whole file is refused: nothing of the import may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileErrorCode {
    Empty,
    /// A random CSV, a picture renamed, headers of no known export.
    NotAnExport,
    /// A truncated XLSX, a binary file.
    Unreadable,
    WrongEncoding,
    MissingColumn,
    /// A Taobao line-details file whose order ids are not in the order file, or the details file
    /// alone.
    DetailsWithoutOrders,
    /// The person said one platform, the file is another's.
    WrongPlatform,
    MixedPlatforms,
}

impl FileErrorCode {
    pub fn code(&self) -> &'static str {
        match self {
            FileErrorCode::Empty => "empty",
            FileErrorCode::NotAnExport => "not_an_export",
            FileErrorCode::Unreadable => "unreadable",
            FileErrorCode::WrongEncoding => "wrong_encoding",
            FileErrorCode::MissingColumn => "missing_column",
            FileErrorCode::DetailsWithoutOrders => "details_without_orders",
            FileErrorCode::WrongPlatform => "wrong_platform",
            FileErrorCode::MixedPlatforms => "mixed_platforms",
        }
    }
}

/// A whole file refused. Its `Display` is an English sentence naming the file (and the row and
/// column when known) and what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct FileError {
    pub file: String,
    pub row: Option<usize>,
    pub column: Option<String>,
    pub code: FileErrorCode,
    /// What is wrong and what to do, one or two English sentences.
    pub detail: String,
}

impl FileError {
    pub(crate) fn new(file: &str, code: FileErrorCode, detail: impl Into<String>) -> FileError {
        FileError {
            file: file.to_string(),
            row: None,
            column: None,
            code,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "File \"{}\"", self.file)?;
        if let Some(row) = self.row {
            write!(f, ", row {row}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column \"{column}\"")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// One row that cannot be taken; the rest of the file can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    pub file: String,
    /// 1-based line number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    /// The header text as in the file, trimmed.
    pub column: String,
    pub order_id: Option<String>,
    /// `not_a_number`, `negative`, `too_large`, `too_many_decimals`, `must_be_positive` (the
    /// domain's rule codes), `bad_date`, `missing`, `bad_status`, `id_precision_lost`,
    /// `duplicate`, `incomplete` (another row of the same Douyin order could not be read).
    pub code: &'static str,
    pub detail: String,
}

impl fmt::Display for RowProblem {
    /// "File "x.csv", row 3, column "买家实际支付金额": ..." — for logs and the CLI.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "File \"{}\", row {}", self.file, self.row)?;
        if !self.column.is_empty() {
            write!(f, ", column \"{}\"", self.column)?;
        }
        if let Some(id) = &self.order_id {
            write!(f, " (order {id})")?;
        }
        write!(f, ": {}", self.detail)
    }
}

/// An order as the platform's file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOrder {
    pub file: String,
    /// The spreadsheet row of the order (its first row when the file has a row per line).
    pub row: usize,
    /// Cleaned: `="..."` unwrapped, a tab or quote prefix removed, trimmed.
    pub order_id: String,
    pub status: PlatformStatus,
    /// As the file says it, e.g. 买家已付款，等待卖家发货.
    pub status_text: String,
    /// An after-sale or refund is open or done.
    pub refund: bool,
    /// 买家会员名, or "" when the file has none.
    pub buyer: String,
    pub recipient: FileRecipient,
    /// Goods amount the buyer owes (after the shop's own discounts), yuan.
    pub goods: Decimal,
    /// Shipping the buyer paid, yuan.
    pub post_fee: Decimal,
    /// What the buyer actually paid, yuan.
    pub payment: Decimal,
    /// Beijing time as in the file.
    pub created: NaiveDateTime,
    pub paid: Option<NaiveDateTime>,
    pub shipped: Option<NaiveDateTime>,
    pub finished: Option<NaiveDateTime>,
    pub buyer_note: String,
    pub seller_note: String,
    /// As in the file ("" if none).
    pub courier: String,
    pub waybill: String,
    pub lines: Vec<FileLine>,
    /// Several products given as comma-joined titles with only a total quantity (Taobao's
    /// desensitised export, or an order file without its details): a person must split it, it is
    /// never guessed.
    pub joined_titles: bool,
}

/// Where an order goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileRecipient {
    pub name: String,
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub postcode: String,
    /// Name, phone or address masked (`****`) or ciphertext (Douyin `##...`, `$$...`), or absent in
    /// a desensitised export: stored as such; province, city and district are kept.
    pub masked: bool,
}

/// One product line of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileLine {
    pub title: String,
    /// 商品属性 / 商品规格 text.
    pub sku: String,
    /// 商家编码: the SKU's first, else the product's; "" if none.
    pub code: String,
    /// Pieces bought.
    pub quantity: Decimal,
    pub unit_price: Option<Decimal>,
    /// What was paid for this line, when the file says.
    pub paid: Option<Decimal>,
}

/// Reads one import: a platform's export file, or several (the Taobao pair of order list and
/// line details, in any order). `platform` None = recognised from the header rows.
///
/// Every file is checked before any order is returned: a file that cannot be read is refused
/// whole with the reason; a row that cannot be read is a [`RowProblem`] and is left out. A file
/// with a header and no rows is an import of no orders (`Ok`, empty); a file with nothing at all
/// is [`FileErrorCode::Empty`].
pub fn read_orders(files: &[InputFile], platform: Option<Platform>) -> Result<Parsed, FileError> {
    if files.is_empty() {
        return Err(FileError::new(
            "",
            FileErrorCode::Empty,
            "no file was given. Choose the order file exported from the seller centre.",
        ));
    }
    // Each file is decoded and split into cells on its own thread (a Taobao export is a pair of
    // files of some megabytes each); the first file that cannot be read, in the given order, is
    // the one reported.
    let read: Vec<Result<Table, FileError>> = if files.len() > 1 {
        std::thread::scope(|scope| {
            let threads: Vec<_> = files
                .iter()
                .map(|file| scope.spawn(move || table::read(file)))
                .collect();
            threads
                .into_iter()
                .map(|t| {
                    t.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        })
    } else {
        files.iter().map(table::read).collect()
    };
    let mut tables: Vec<Table> = Vec::with_capacity(files.len());
    for (file, table) in files.iter().zip(read) {
        let table = table?;
        if let Some(wanted) = platform {
            let found = table.kind.platform();
            if found != wanted {
                return Err(FileError::new(
                    &file.name,
                    FileErrorCode::WrongPlatform,
                    format!(
                        "this is a {found} export, not a {wanted} one. Import it as {found} orders, \
                         or choose the file exported from the {wanted} seller centre."
                    ),
                ));
            }
        }
        tables.push(table);
    }
    let first = tables[0].kind.platform();
    if let Some(other) = tables.iter().find(|t| t.kind.platform() != first) {
        return Err(FileError::new(
            &other.file,
            FileErrorCode::MixedPlatforms,
            format!(
                "this is a {} export but \"{}\" is a {first} one. Import one platform's files at a time.",
                other.kind.platform(),
                tables[0].file
            ),
        ));
    }
    let mut parsed = Parsed {
        platform: first,
        orders: Vec::new(),
        problems: Vec::new(),
    };
    match first {
        Platform::Taobao => taobao::read(&tables, &mut parsed)?,
        Platform::Pinduoduo => {
            for t in &tables {
                pinduoduo::read(t, &mut parsed)?;
            }
        }
        Platform::Douyin => {
            for t in &tables {
                douyin::read(t, &mut parsed)?;
            }
        }
    }
    drop_duplicates(&mut parsed);
    Ok(parsed)
}

/// The same order twice in one import (two overlapping exports) is taken once; the later row is
/// reported so the person knows why it is not counted.
fn drop_duplicates(parsed: &mut Parsed) {
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(parsed.orders.len());
    for order in std::mem::take(&mut parsed.orders) {
        if seen.insert(order.order_id.clone()) {
            kept.push(order);
        } else {
            parsed.problems.push(RowProblem {
                file: order.file.clone(),
                row: order.row,
                column: String::new(),
                order_id: Some(order.order_id.clone()),
                code: "duplicate",
                detail: format!(
                    "order {} is in this import twice; it is taken once.",
                    order.order_id
                ),
            });
        }
    }
    parsed.orders = kept;
}

impl Kind {
    pub(crate) fn platform(self) -> Platform {
        match self {
            Kind::TaobaoOrders | Kind::TaobaoDetails | Kind::TaobaoDesensitised => Platform::Taobao,
            Kind::Pinduoduo => Platform::Pinduoduo,
            Kind::Douyin => Platform::Douyin,
        }
    }
}
