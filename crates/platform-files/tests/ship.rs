//! Bulk-shipping upload files read back as the platforms (and a spreadsheet) would.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use farmstall_platform_files::{
    courier_name, shipments_csv, shipments_xlsx, Platform, ShipmentRow,
};

fn rows() -> Vec<ShipmentRow> {
    vec![
        ShipmentRow {
            order_id: "3123456789012345601".into(),
            courier: "ZTO".into(),
            waybill: "75312345678901".into(),
        },
        ShipmentRow {
            order_id: "261128-123456789012345".into(),
            courier: "sf".into(),
            waybill: "SF1234567890123".into(),
        },
        ShipmentRow {
            order_id: "=HYPERLINK(\"http://x\")".into(),
            courier: "某某快递, \"特快\"".into(),
            waybill: "-1+2".into(),
        },
    ]
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| match r {
            Ok(r) => r.iter().map(str::to_string).collect(),
            Err(e) => panic!("{e}"),
        })
        .collect()
}

#[test]
fn taobao_and_pinduoduo_csv_are_gbk_with_their_columns() {
    for (platform, header) in [
        (Platform::Taobao, ["订单编号", "物流公司", "运单号"]),
        (Platform::Pinduoduo, ["订单号", "快递公司", "快递单号"]),
    ] {
        let bytes = shipments_csv(platform, &rows());
        assert!(std::str::from_utf8(&bytes).is_err(), "GBK, not UTF-8");
        let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
        assert!(!bad);
        let table = csv_rows(&text);
        assert_eq!(table[0], header);
        assert_eq!(
            table[1],
            ["3123456789012345601", "中通快递", "75312345678901"]
        );
        assert_eq!(
            table[2],
            ["261128-123456789012345", "顺丰速运", "SF1234567890123"]
        );
        assert_eq!(
            table[3],
            ["'=HYPERLINK(\"http://x\")", "某某快递, \"特快\"", "'-1+2"],
            "formulas defused, quoting kept"
        );
    }
}

#[test]
fn douyin_csv_is_utf8_with_bom() {
    let bytes = shipments_csv(Platform::Douyin, &rows());
    let text = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => std::str::from_utf8(rest).unwrap_or_else(|e| panic!("{e}")),
        None => panic!("no BOM"),
    };
    let table = csv_rows(text);
    assert_eq!(table[0], ["订单编号", "物流公司", "运单号"]);
    assert_eq!(table[1][1], "中通快递");
    assert_eq!(table.len(), 4);
}

#[test]
fn xlsx_cells_are_strings_never_formulas() {
    for platform in Platform::ALL {
        let bytes = shipments_xlsx(platform, &rows()).unwrap_or_else(|e| panic!("{e}"));
        let mut book = Xlsx::new(Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
        let range = match book.worksheet_range_at(0) {
            Some(Ok(r)) => r,
            _ => panic!("no sheet"),
        };
        let formulas = match book.worksheet_formula(&book.sheet_names()[0]) {
            Ok(f) => f,
            Err(e) => panic!("{e}"),
        };
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
        let cells: Vec<Vec<String>> = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        Data::String(s) => s.clone(),
                        other => panic!("not a string: {other:?}"),
                    })
                    .collect()
            })
            .collect();
        assert_eq!(cells.len(), 4);
        assert_eq!(
            cells[1],
            ["3123456789012345601", "中通快递", "75312345678901"]
        );
        assert_eq!(cells[3][0], "=HYPERLINK(\"http://x\")", "kept as text");
        let header = if platform == Platform::Pinduoduo {
            "订单号"
        } else {
            "订单编号"
        };
        assert_eq!(cells[0][0], header);
    }
}

#[test]
fn courier_names_as_the_platforms_write_them() {
    let expect = [
        ("SF", "顺丰速运"),
        ("ZTO", "中通快递"),
        ("YTO", "圆通速递"),
        ("STO", "申通快递"),
        ("YUNDA", "韵达快递"),
        ("JT", "极兔速递"),
        ("EMS", "EMS"),
        ("POST", "邮政快递包裹"),
        ("JDL", "京东快递"),
        ("JD", "京东快递"),
    ];
    for platform in Platform::ALL {
        for (code, name) in expect {
            assert_eq!(courier_name(platform, code), Some(name), "{code}");
        }
        assert_eq!(courier_name(platform, "DHL"), None);
        assert_eq!(courier_name(platform, "中通"), Some("中通快递"));
        assert_eq!(courier_name(platform, "韵达快递"), Some("韵达快递"));
        assert_eq!(courier_name(platform, " yunda "), Some("韵达快递"));
    }
    // Every courier Farmstall knows has a name on every platform.
    for c in farmstall_domain::courier::Courier::ALL {
        assert!(courier_name(Platform::Taobao, c.code()).is_some(), "{c:?}");
    }
}

#[test]
fn platform_codes_round_trip() {
    for p in Platform::ALL {
        assert_eq!(Platform::parse(p.code()), Some(p));
    }
    assert_eq!(Platform::parse("TAOBAO"), Some(Platform::Taobao));
    assert_eq!(Platform::parse("jd"), None);
}
