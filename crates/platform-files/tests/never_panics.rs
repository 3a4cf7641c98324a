//! No bytes and no cell text can panic the reader: it answers orders, row problems or a refusal.

mod common;

use farmstall_platform_files::{read_orders, InputFile, Platform};
use proptest::prelude::*;

const HEADERS: &[&str] = &[
    "订单编号,买家会员名,买家应付货款,买家应付邮费,买家实际支付金额,订单状态,收货人姓名,收货地址 ,联系手机,订单创建时间,订单付款时间,宝贝标题,宝贝种类,宝贝总数量,物流单号,退款金额",
    "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,商家编码",
    "商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),用户实付金额(元),商家实收金额(元),商品数量(件),收货人,手机,省,市,区,街道,售后状态,商家编码-规格维度,订单成交时间",
    "主订单编号,子订单编号,选购商品,商品规格,商品数量,商家编码,订单应付金额,运费,收件人,收件人手机号,详细地址,订单提交时间,订单状态,售后状态,支付完成时间",
];

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[0-9]{1,20}",
        "-?[0-9]{0,12}\\.?[0-9]{0,4}",
        "=\"[0-9]{5,19}\"",
        "20[0-9]{2}[-/][0-9]{1,2}[-/][0-9]{1,2}( [0-9]{1,2}:[0-9]{2}(:[0-9]{2})?)?",
        "[0-9]\\.[0-9]{5}E\\+[0-9]{2}",
        Just("交易成功".to_string()),
        Just("待发货".to_string()),
        Just("已完成".to_string()),
        Just("退款成功".to_string()),
        Just("浙江省 杭州市 西湖区 文三路(310012)".to_string()),
        "\\PC{0,12}",
        any::<String>(),
    ]
}

fn file(name: &str, bytes: Vec<u8>) -> InputFile {
    InputFile {
        name: name.into(),
        bytes,
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600), zip in any::<bool>()) {
        let mut bytes = bytes;
        if zip {
            let mut z = b"PK\x03\x04".to_vec();
            z.extend(bytes);
            bytes = z;
        }
        for platform in [None, Some(Platform::Taobao), Some(Platform::Douyin)] {
            let _ = read_orders(&[file("x.csv", bytes.clone())], platform);
        }
    }

    #[test]
    fn real_headers_with_random_cells_never_panic(
        which in 0..HEADERS.len(),
        rows in proptest::collection::vec(proptest::collection::vec(cell(), 0..22), 0..6),
        gbk in any::<bool>(),
    ) {
        let mut text = String::from(HEADERS[which]);
        text.push('\n');
        for row in &rows {
            let cells: Vec<String> = row
                .iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect();
            text.push_str(&cells.join(","));
            text.push('\n');
        }
        let bytes = if gbk { encoding_rs::GBK.encode(&text).0.into_owned() } else { text.into_bytes() };
        let result = read_orders(&[file("orders.csv", bytes.clone())], None);
        if let Ok(parsed) = &result {
            for p in &parsed.problems {
                prop_assert!(p.row >= 2);
            }
        }
        // The Taobao details file beside an order file of the same random rows.
        if which == 1 {
            let _ = read_orders(&[file("d.csv", bytes)], Some(Platform::Taobao));
        }
    }
}

/// A damaged spreadsheet (cut anywhere, a byte changed anywhere) is refused or read, never a
/// panic: calamine's own errors are the file's.
#[test]
fn damaged_xlsx_never_panics() {
    let whole = common::desensitised_xlsx();
    for cut in (0..whole.len()).step_by(97) {
        let _ = read_orders(&[file("cut.xlsx", whole[..cut].to_vec())], None);
    }
    for at in (0..whole.len()).step_by(61) {
        let mut bytes = whole.clone();
        bytes[at] = bytes[at].wrapping_add(0x55);
        let _ = read_orders(&[file("flipped.xlsx", bytes)], None);
    }
}

/// A spreadsheet cell of a random XLSX: text, a number (an id Excel made a number, an amount, a
/// serial date) or nothing.
#[derive(Debug, Clone)]
enum XCell {
    Text(String),
    Number(f64),
    Empty,
}

fn xcell() -> impl Strategy<Value = XCell> {
    prop_oneof![
        cell().prop_map(XCell::Text),
        any::<f64>().prop_map(XCell::Number),
        (30000.0f64..80000.0).prop_map(XCell::Number),
        Just(XCell::Empty),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn real_headers_with_random_xlsx_cells_never_panic(
        which in 0..HEADERS.len(),
        rows in proptest::collection::vec(proptest::collection::vec(xcell(), 0..20), 0..5),
    ) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in HEADERS[which].split(',').enumerate() {
            prop_assert!(sheet.write_string(0, c as u16, h).is_ok());
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match cell {
                    XCell::Text(t) => {
                        let _ = sheet.write_string(r, c, t);
                    }
                    XCell::Number(n) => {
                        let _ = sheet.write_number(r, c, *n);
                    }
                    XCell::Empty => {}
                }
            }
        }
        let bytes = match book.save_to_buffer() {
            Ok(b) => b,
            Err(e) => return Err(TestCaseError::fail(e.to_string())),
        };
        let _ = read_orders(&[file("orders.xlsx", bytes)], None);
    }
}
