//! Test helpers: fixture files by path, and XLSX exports made with rust_xlsxwriter the way the
//! platforms (and Excel re-saves) write them.
#![allow(dead_code)]

use std::path::PathBuf;
use std::str::FromStr;

use farmstall_platform_files::{read_orders, FileOrder, InputFile, Parsed, Platform};
use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

pub fn fixture(path: &str) -> InputFile {
    let full = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path);
    let bytes = std::fs::read(&full)
        .unwrap_or_else(|e| panic!("fixture {} cannot be read: {e}", full.display()));
    InputFile {
        name: full
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        bytes,
    }
}

pub fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap_or_else(|_| panic!("{s} is not a decimal"))
}

pub fn read_ok(files: &[InputFile], platform: Option<Platform>) -> Parsed {
    match read_orders(files, platform) {
        Ok(p) => p,
        Err(e) => panic!("refused: {e}"),
    }
}

pub fn order<'a>(parsed: &'a Parsed, id: &str) -> &'a FileOrder {
    parsed
        .orders
        .iter()
        .find(|o| o.order_id == id)
        .unwrap_or_else(|| panic!("order {id} not read; problems: {:?}", parsed.problems))
}

/// A cell of a made-up XLSX.
pub enum X {
    S(&'static str),
    N(f64),
    /// A date cell: "2026-11-28 10:31:05".
    D(&'static str),
}

pub fn xlsx(headers: &[&str], rows: &[Vec<X>]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date_format = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string(0, c as u16, *h)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                X::S(s) => sheet.write_string(r, c, *s).map(|_| ()),
                X::N(n) => sheet.write_number(r, c, *n).map(|_| ()),
                X::D(s) => {
                    let dt = ExcelDateTime::parse_from_str(s).unwrap_or_else(|e| panic!("{e}"));
                    sheet
                        .write_datetime_with_format(r, c, &dt, &date_format)
                        .map(|_| ())
                }
            }
            .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"))
}

pub const DESENSITISED_HEADERS: &[&str] = &[
    "订单编号",
    "支付单号",
    "买家应付货款",
    "买家应付邮费",
    "总金额",
    "买家实付金额",
    "订单状态",
    "收货地址",
    "运送方式",
    "订单创建时间",
    "商品标题",
    "宝贝种类",
    "物流单号",
    "物流公司",
    "备注标签",
    "商家备注",
    "宝贝总数量",
    "开票信息",
    "手机订单",
    "商品属性SKU",
    "发货时间",
];

/// Taobao's desensitised export: one order with one product, one with two products whose titles
/// are joined by a comma.
pub fn desensitised_xlsx() -> Vec<u8> {
    use X::*;
    xlsx(
        DESENSITISED_HEADERS,
        &[
            vec![
                S("3200000000000000001"),
                S("2026112822001100000001"),
                S("136.00"),
                S("0.00"),
                S("136.00"),
                S("136.00"),
                S("买家已付款，等待卖家发货"),
                S("江苏省 南京市 建邺区 沙洲街道****"),
                S("快递"),
                D("2026-11-28 10:31:05"),
                S("修文猕猴桃 特级大果 5斤装"),
                N(1.0),
                S(""),
                S(""),
                S(""),
                S(""),
                N(2.0),
                S(""),
                S("手机订单"),
                S("重量：5斤装"),
                S(""),
            ],
            vec![
                S("3200000000000000002"),
                S("2026112922001100000002"),
                S("93.00"),
                S("10.00"),
                S("103.00"),
                S("103.00"),
                S("卖家已发货，等待买家确认"),
                S("广东省 广州市 天河区 ****"),
                S("快递"),
                D("2026-11-29 08:00:00"),
                S("修文猕猴桃 特级大果 5斤装,手工油泼辣椒 250克"),
                N(2.0),
                S("SF1234567890123"),
                S("顺丰速运"),
                S(""),
                S("送礼"),
                N(2.0),
                S(""),
                S("手机订单"),
                S(""),
                D("2026-11-29 15:00:00"),
            ],
        ],
    )
}
