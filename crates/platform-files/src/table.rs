//! A file's bytes as a table of text cells with its header, and which export it is: decoding
//! (UTF-8 with or without BOM, else GBK; XLSX by its zip magic whatever the name says) and
//! recognition by the distinctive column names of each export.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use crate::{FileError, FileErrorCode, InputFile};

/// Which export a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Taobao classic ExportOrderList: a row per order.
    TaobaoOrders,
    /// Taobao classic ExportOrderDetailList: a row per line.
    TaobaoDetails,
    /// Taobao's newer desensitised XLSX: a row per order, no name or phone.
    TaobaoDesensitised,
    Pinduoduo,
    Douyin,
}

/// Column names only one export has; a file is the export whose names it has most of.
const DISTINCTIVE: &[(Kind, &[&str])] = &[
    (
        Kind::TaobaoOrders,
        &[
            "买家会员名",
            "买家实际支付金额",
            "宝贝标题",
            "收货人姓名",
            "联系手机",
            "订单付款时间",
            "买家留言",
            "修改后的收货地址",
        ],
    ),
    (
        Kind::TaobaoDetails,
        &[
            "标题",
            "价格",
            "购买数量",
            "套餐信息",
            "外部系统编号",
            "商品属性",
        ],
    ),
    (
        Kind::TaobaoDesensitised,
        &[
            "支付单号",
            "买家实付金额",
            "商品标题",
            "商品属性SKU",
            "备注标签",
            "开票信息",
            "手机订单",
        ],
    ),
    (
        Kind::Pinduoduo,
        &[
            "订单号",
            "商品总价(元)",
            "用户实付金额(元)",
            "商家实收金额(元)",
            "店铺优惠折扣(元)",
            "商家编码-规格维度",
            "商家编码-商品维度",
            "订单成交时间",
            "商品数量(件)",
        ],
    ),
    (
        Kind::Douyin,
        &[
            "主订单编号",
            "子订单编号",
            "选购商品",
            "订单应付金额",
            "收件人手机号",
            "订单提交时间",
        ],
    ),
];

/// A file read into rows of text.
#[derive(Debug)]
pub(crate) struct Table {
    pub file: String,
    pub kind: Kind,
    /// Header cells as compared (see [`header_text`]).
    pub headers: Vec<String>,
    /// Header cells as the file writes them, trimmed: what messages name.
    pub shown_headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Read from an XLSX: a number in a date column is an Excel serial date.
    pub xlsx: bool,
}

#[derive(Debug)]
pub(crate) struct Row {
    /// Spreadsheet row number (header = 1 when the header is the first row).
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// Index of the first of `names` that is a header of this file.
    pub fn col(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.headers.iter().position(|h| h == n))
    }

    /// As [`Table::col`], or the file refused naming the column.
    pub fn require(&self, names: &[&str]) -> Result<usize, FileError> {
        self.col(names).ok_or_else(|| {
            let mut e = FileError::new(
                &self.file,
                FileErrorCode::MissingColumn,
                format!(
                    "the column \"{}\" is missing. Export the orders again from the seller centre with all columns, \
                     without removing any.",
                    names[0]
                ),
            );
            e.row = Some(1);
            e.column = Some(names[0].to_string());
            e
        })
    }
}

const MAGIC_ZIP: &[u8] = b"PK\x03\x04";

/// Reads a file into a recognised table, or refuses it whole.
pub(crate) fn read(file: &InputFile) -> Result<Table, FileError> {
    let name = &file.name;
    let bytes = &file.bytes[..];
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::new(
            name,
            FileErrorCode::Empty,
            "the file is empty. Export the orders again from the seller centre.",
        ));
    }
    let (grid, xlsx) = if bytes.starts_with(MAGIC_ZIP) {
        (xlsx_grid(name, bytes)?, true)
    } else {
        refuse_binary(name, bytes)?;
        let text = decode(name, bytes)?;
        (csv_grid(name, &text)?, false)
    };
    recognise(name, grid, xlsx)
}

fn refuse_binary(name: &str, bytes: &[u8]) -> Result<(), FileError> {
    let known: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG picture"),
        (b"\xFF\xD8\xFF", "a JPEG picture"),
        (b"GIF8", "a GIF picture"),
        (b"%PDF", "a PDF document"),
        (b"\xD0\xCF\x11\xE0", "an old Excel (.xls) or Word file"),
        (b"Rar!", "a RAR archive"),
        (b"\x1F\x8B", "a gzip archive"),
    ];
    for (magic, what) in known {
        if bytes.starts_with(magic) {
            let hint = if what.contains(".xls") {
                "Save it in Excel as .xlsx or CSV, or export it again from the seller centre."
            } else {
                "Choose the order file (CSV or XLSX) exported from the seller centre."
            };
            return Err(FileError::new(
                name,
                FileErrorCode::NotAnExport,
                format!("this is {what}, not an order export. {hint}"),
            ));
        }
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(FileError::new(
            name,
            FileErrorCode::WrongEncoding,
            "the file is in UTF-16, which the seller centres do not export. Save it as \"CSV UTF-8\" or as .xlsx, \
             or export it again from the seller centre.",
        ));
    }
    if bytes.contains(&0) {
        // UTF-16 text has its zero bytes (the high byte of ASCII characters) all on one parity.
        let even = bytes.iter().step_by(2).filter(|b| **b == 0).count();
        let odd = bytes.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let utf16 = even.min(odd) * 20 <= even.max(odd) && even.max(odd) * 40 >= bytes.len();
        let (code, detail) = if utf16 {
            (
                FileErrorCode::WrongEncoding,
                "the file looks like UTF-16 text, which the seller centres do not export. Save it as \"CSV UTF-8\" \
                 or as .xlsx, or export it again from the seller centre.",
            )
        } else {
            (
                FileErrorCode::Unreadable,
                "the file is not text or a spreadsheet. Choose the order file (CSV or XLSX) exported from the \
                 seller centre.",
            )
        };
        return Err(FileError::new(name, code, detail));
    }
    Ok(())
}

/// UTF-8 (with or without BOM), else GBK (read as GB18030, its superset).
fn decode(name: &str, bytes: &[u8]) -> Result<String, FileError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).map(str::to_string).map_err(|_| {
            FileError::new(
                name,
                FileErrorCode::WrongEncoding,
                "the file says it is UTF-8 but is not. Export it again from the seller centre.",
            )
        });
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|t| t.into_owned())
        .ok_or_else(|| {
            FileError::new(
                name,
                FileErrorCode::WrongEncoding,
                "the file is neither UTF-8 nor GBK text (the encodings the seller centres export). Export it \
                 again from the seller centre, or save it in Excel as \"CSV UTF-8\".",
            )
        })
}

type Grid = Vec<(usize, Vec<String>)>;

fn csv_grid(name: &str, text: &str) -> Result<Grid, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut grid = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let mut err = FileError::new(
                name,
                FileErrorCode::Unreadable,
                format!(
                    "the file cannot be read as CSV ({e}). Export it again from the seller centre."
                ),
            );
            err.row = Some(i + 1);
            err
        })?;
        grid.push((i + 1, record.iter().map(str::to_string).collect()));
    }
    Ok(grid)
}

fn xlsx_grid(name: &str, bytes: &[u8]) -> Result<Grid, FileError> {
    let unreadable = |what: String| {
        FileError::new(
            name,
            FileErrorCode::Unreadable,
            format!(
                "the spreadsheet cannot be read ({what}); it may be cut short or damaged. Export it again \
                 from the seller centre, or open and save it again in Excel."
            ),
        )
    };
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(unreadable(e.to_string())),
        None => {
            return Err(FileError::new(
                name,
                FileErrorCode::Empty,
                "the spreadsheet has no sheet. Export the orders again from the seller centre.",
            ))
        }
    };
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut grid = Vec::new();
    for (i, row) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); left as usize];
        cells.extend(row.iter().map(xlsx_text));
        grid.push((top as usize + i + 1, cells));
    }
    Ok(grid)
}

/// A spreadsheet cell as the text a person sees: whole numbers without a point; a number too big
/// for a double to keep exact (an order id Excel turned into a number) in the `E+` form Excel
/// shows, so it is recognised as precision lost; dates as their serial number.
fn xlsx_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => float_text(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => float_text(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.replace('T', " "),
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    if f.abs() >= 1e15 {
        return format!("{f:E}").replace("E", "E+");
    }
    if f.fract() == 0.0 {
        return format!("{}", f as i64);
    }
    format!("{f}")
}

/// Finds the header among the first rows and names the export.
fn recognise(name: &str, grid: Grid, xlsx: bool) -> Result<Table, FileError> {
    if grid
        .iter()
        .all(|(_, cells)| cells.iter().all(|c| crate::cell::clean(c).is_empty()))
    {
        return Err(FileError::new(
            name,
            FileErrorCode::Empty,
            "the file is empty. Export the orders again from the seller centre.",
        ));
    }
    let mut best: Option<(usize, Kind, usize)> = None; // (row index, kind, score)
    let mut tie = false;
    for (index, (_, cells)) in grid.iter().enumerate().take(5) {
        let headers: Vec<String> = cells.iter().map(|c| header_text(c)).collect();
        for (kind, names) in DISTINCTIVE {
            let score = names
                .iter()
                .filter(|n| headers.iter().any(|h| h == *n))
                .count();
            if score < 2 {
                continue;
            }
            match best {
                Some((_, _, s)) if s > score => {}
                // The same export's header again lower down: the first one is the header.
                Some((_, k, s)) if s == score && k == *kind => {}
                Some((_, _, s)) if s == score => tie = true,
                _ => {
                    best = Some((index, *kind, score));
                    tie = false;
                }
            }
        }
    }
    let seen = || {
        grid.first()
            .map(|(_, cells)| {
                cells
                    .iter()
                    .take(6)
                    .map(|c| header_text(c))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    let Some((index, kind, _)) = best.filter(|_| !tie) else {
        let first: String = seen().chars().take(200).collect();
        return Err(FileError::new(
            name,
            FileErrorCode::NotAnExport,
            format!(
                "this is not an order export from Taobao, Pinduoduo or Douyin (its first columns are: {first}). \
                 Choose the order file exported from the seller centre."
            ),
        ));
    };
    let mut rows = grid.into_iter().skip(index);
    let header_cells = rows.next().map(|(_, cells)| cells).unwrap_or_default();
    let headers: Vec<String> = header_cells.iter().map(|c| header_text(c)).collect();
    let shown_headers: Vec<String> = header_cells
        .iter()
        .map(|c| {
            c.trim_start_matches('\u{feff}')
                .trim()
                .trim_matches('"')
                .trim()
                .to_string()
        })
        .collect();
    let rows = rows
        .filter(|(_, cells)| cells.iter().any(|c| !crate::cell::clean(c).is_empty()))
        .map(|(line, cells)| Row { line, cells })
        .collect();
    Ok(Table {
        file: name.to_string(),
        kind,
        headers,
        shown_headers,
        rows,
        xlsx,
    })
}

/// A header cell as compared: BOM, quotes and spaces around it removed; full-width brackets as
/// half-width (re-saved files and newer exports differ).
pub(crate) fn header_text(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}')
        .trim()
        .trim_matches('"')
        .trim()
        .replace('（', "(")
        .replace('）', ")")
}
