//! Files refused whole: nothing of such an import may be written.

mod common;

use common::*;
use farmstall_platform_files::{read_orders, FileError, FileErrorCode, InputFile, Platform};

fn refused(files: &[InputFile], platform: Option<Platform>) -> FileError {
    match read_orders(files, platform) {
        Ok(p) => panic!("read {} orders", p.orders.len()),
        Err(e) => e,
    }
}

#[test]
fn a_random_csv_is_not_an_export_and_the_message_shows_its_headers() {
    let e = refused(&[fixture("bad/random.csv")], None);
    assert_eq!(e.code, FileErrorCode::NotAnExport);
    assert_eq!(e.code.code(), "not_an_export");
    let text = e.to_string();
    assert!(text.contains("random.csv"), "{text}");
    assert!(text.contains("name, age, city"), "{text}");
}

#[test]
fn a_picture_renamed_csv_is_not_an_export() {
    let e = refused(&[fixture("bad/picture.csv")], None);
    assert_eq!(e.code, FileErrorCode::NotAnExport);
    assert!(e.to_string().contains("PNG"), "{e}");
}

#[test]
fn an_empty_file_is_refused() {
    assert_eq!(
        refused(&[fixture("bad/empty.csv")], None).code,
        FileErrorCode::Empty
    );
    assert_eq!(refused(&[], None).code, FileErrorCode::Empty);
}

#[test]
fn a_truncated_xlsx_is_unreadable() {
    let mut bytes = desensitised_xlsx();
    bytes.truncate(bytes.len() / 2);
    let e = refused(
        &[InputFile {
            name: "orders.xlsx".into(),
            bytes,
        }],
        None,
    );
    assert_eq!(e.code, FileErrorCode::Unreadable);
    assert!(e.to_string().contains("orders.xlsx"));
}

#[test]
fn a_missing_required_column_is_named() {
    let e = refused(&[fixture("bad/missing_column.csv")], None);
    assert_eq!(e.code, FileErrorCode::MissingColumn);
    assert_eq!(e.column.as_deref(), Some("订单创建时间"));
    assert!(e.to_string().contains("订单创建时间"), "{e}");
}

#[test]
fn details_without_their_orders_are_refused() {
    let alone = refused(
        &[fixture("taobao/ExportOrderDetailList202611281030.csv")],
        None,
    );
    assert_eq!(alone.code, FileErrorCode::DetailsWithoutOrders);
    assert!(alone.to_string().contains("ExportOrderList"), "{alone}");

    let orphan = refused(
        &[
            fixture("taobao/ExportOrderList202611281030.csv"),
            fixture("bad/ExportOrderDetailList_orphan.csv"),
        ],
        None,
    );
    assert_eq!(orphan.code, FileErrorCode::DetailsWithoutOrders);
    assert_eq!(orphan.file, "ExportOrderDetailList_orphan.csv");
    assert_eq!(orphan.row, Some(7));
    assert!(orphan.to_string().contains("3999999999999999999"));
}

#[test]
fn text_in_neither_utf8_nor_gbk_is_the_wrong_encoding() {
    let latin1 = refused(&[fixture("bad/latin1.csv")], None);
    assert_eq!(latin1.code, FileErrorCode::WrongEncoding);
    let utf16 = refused(&[fixture("bad/utf16.csv")], None);
    assert_eq!(utf16.code, FileErrorCode::WrongEncoding);
    let mut no_bom = Vec::new();
    for unit in "订单编号,买家会员名\n".encode_utf16() {
        no_bom.extend_from_slice(&unit.to_le_bytes());
    }
    let e = refused(
        &[InputFile {
            name: "x.csv".into(),
            bytes: no_bom,
        }],
        None,
    );
    assert_eq!(e.code, FileErrorCode::WrongEncoding);
}

#[test]
fn another_platforms_file_is_the_wrong_platform() {
    let e = refused(
        &[fixture("taobao/ExportOrderList202611281030.csv")],
        Some(Platform::Pinduoduo),
    );
    assert_eq!(e.code, FileErrorCode::WrongPlatform);
    assert!(e.to_string().contains("Taobao"), "{e}");
}

#[test]
fn files_of_two_platforms_in_one_import_are_refused() {
    let e = refused(
        &[
            fixture("taobao/ExportOrderList202611281030.csv"),
            fixture("douyin/douyin_orders_20261128.csv"),
        ],
        None,
    );
    assert_eq!(e.code, FileErrorCode::MixedPlatforms);
}

#[test]
fn a_binary_file_is_unreadable() {
    let bytes: Vec<u8> = (0..2000u32).map(|i| (i * 37 % 251) as u8).collect();
    let e = refused(
        &[InputFile {
            name: "data.bin".into(),
            bytes,
        }],
        None,
    );
    assert!(
        matches!(
            e.code,
            FileErrorCode::Unreadable | FileErrorCode::WrongEncoding
        ),
        "{e}"
    );
}

#[test]
fn every_code_has_a_snake_case_name() {
    use FileErrorCode::*;
    let all = [
        Empty,
        NotAnExport,
        Unreadable,
        WrongEncoding,
        MissingColumn,
        DetailsWithoutOrders,
        WrongPlatform,
        MixedPlatforms,
    ];
    let names: std::collections::HashSet<_> = all.iter().map(|c| c.code()).collect();
    assert_eq!(names.len(), all.len());
    assert!(names
        .iter()
        .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '_')));
}

#[test]
fn a_file_of_only_a_bom_or_empty_cells_is_empty() {
    for bytes in [
        b"\xEF\xBB\xBF".to_vec(),
        b"\xEF\xBB\xBF\r\n,,,\r\n".to_vec(),
        b",,\n,\n".to_vec(),
    ] {
        let e = refused(
            &[InputFile {
                name: "x.csv".into(),
                bytes,
            }],
            None,
        );
        assert_eq!(e.code, FileErrorCode::Empty, "{e}");
    }
}
