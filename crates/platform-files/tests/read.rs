//! Reading the exports as the platforms (and Excel re-saves) write them.

mod common;

use common::*;
use farmstall_domain::sync::PlatformStatus;
use farmstall_platform_files::{read_orders, FileErrorCode, InputFile, Platform};

fn taobao_pair() -> [InputFile; 2] {
    [
        fixture("taobao/ExportOrderList202611281030.csv"),
        fixture("taobao/ExportOrderDetailList202611281030.csv"),
    ]
}

#[test]
fn taobao_pair_in_gbk_joins_lines_to_orders() {
    let parsed = read_ok(&taobao_pair(), None);
    assert_eq!(parsed.platform, Platform::Taobao);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.orders.len(), 4);

    let a = order(&parsed, "3123456789012345601");
    assert_eq!(a.status, PlatformStatus::WaitSellerSendGoods);
    assert_eq!(a.status_text, "买家已付款，等待卖家发货");
    assert_eq!(a.buyer, "tb_mei2026");
    assert_eq!(a.buyer_note, "请发顺丰,谢谢");
    assert_eq!(a.recipient.name, "林小美");
    assert_eq!(
        a.recipient.phone, "13800001111",
        "the ' before the phone is gone"
    );
    assert_eq!(a.recipient.province, "浙江省");
    assert_eq!(a.recipient.city, "杭州市");
    assert_eq!(a.recipient.district, "西湖区");
    assert_eq!(a.recipient.street, "文三路 100号 3幢");
    assert_eq!(a.recipient.postcode, "310012");
    assert!(!a.recipient.masked);
    assert_eq!(a.goods, d("161.80"));
    assert_eq!(a.payment, d("161.80"));
    assert_eq!(a.post_fee, d("0"));
    assert_eq!(a.created.to_string(), "2026-11-28 10:31:05");
    assert_eq!(
        a.paid.map(|p| p.to_string()).as_deref(),
        Some("2026-11-28 10:32:40")
    );
    assert_eq!(a.lines.len(), 2, "both detail rows, in file order");
    assert_eq!(a.lines[0].code, "KIWI-T5");
    assert_eq!(a.lines[0].quantity, d("2"));
    assert_eq!(a.lines[0].unit_price, Some(d("68.00")));
    assert_eq!(a.lines[0].sku, "重量：5斤装;果径：90-100g");
    assert_eq!(a.lines[1].code, "DF-01");
    assert_eq!(a.lines[1].quantity, d("3"));
    assert!(!a.joined_titles, "the details file gives each line");

    let b = order(&parsed, "3123456789012345602");
    assert_eq!(b.status, PlatformStatus::WaitBuyerConfirmGoods);
    assert_eq!(b.lines[0].code, "", "a line without 商家编码");
    assert_eq!(b.courier, "中通快递");
    assert_eq!(b.waybill, "75312345678901");
    assert_eq!(b.recipient.postcode, "210009", "full-width brackets");
    assert_eq!(b.recipient.phone, "13900002222", "mobile before landline");
    assert_eq!(b.created.to_string(), "2026-11-27 09:05:00");
    assert_eq!(b.post_fee, d("10.00"));
    assert_eq!(b.seller_note, "老客户");

    let c = order(&parsed, "3123456789012345603");
    assert_eq!(
        c.status,
        PlatformStatus::ClosedByPlatform,
        "closed before payment"
    );
    assert!(!c.refund);

    let e = order(&parsed, "3123456789012345604");
    assert_eq!(e.status, PlatformStatus::Finished);
    assert_eq!(
        e.lines[0].code, "LJ-CB500",
        "外部系统编号 when 商家编码 is empty"
    );
    assert_eq!(
        e.recipient.street, "张江路 100弄 6号",
        "the changed address wins"
    );
    assert_eq!(e.waybill, "YT7512345678901");
}

#[test]
fn the_pair_reads_the_same_in_either_order() {
    let [list, details] = taobao_pair();
    let a = read_ok(&[list.clone(), details.clone()], Some(Platform::Taobao));
    let b = read_ok(&[details, list], None);
    assert_eq!(a, b);
}

#[test]
fn an_order_file_alone_gives_one_line_per_order_and_flags_several_products() {
    let [list, _] = taobao_pair();
    let parsed = read_ok(&[list], None);
    let a = order(&parsed, "3123456789012345601");
    assert_eq!(a.lines.len(), 1);
    assert_eq!(a.lines[0].title, "修文猕猴桃 特级大果 5斤装");
    assert_eq!(a.lines[0].quantity, d("3"), "宝贝总数量");
    assert!(a.joined_titles, "宝贝种类 2: a person must split it");
    assert!(!order(&parsed, "3123456789012345602").joined_titles);
}

#[test]
fn a_closed_paid_order_is_a_refund() {
    let text = "订单编号,买家实际支付金额,订单状态,订单创建时间,订单付款时间,宝贝标题,宝贝总数量,买家会员名,收货人姓名\n\
                =\"1001\",30.00,交易关闭,2026-11-28 10:00:00,2026-11-28 10:01:00,辣椒,1,a,b\n";
    let parsed = read_ok(
        &[InputFile {
            name: "ExportOrderList.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    );
    let o = order(&parsed, "1001");
    assert_eq!(o.status, PlatformStatus::Closed);
    assert!(o.refund);
    assert_eq!(o.goods, d("30.00"), "without 买家应付货款: paid less post");
}

#[test]
fn taobao_desensitised_xlsx_is_masked_and_joined_titles_are_flagged() {
    let parsed = read_ok(
        &[InputFile {
            name: "淘宝订单导出_脱敏.xlsx".into(),
            bytes: desensitised_xlsx(),
        }],
        None,
    );
    assert_eq!(parsed.platform, Platform::Taobao);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let a = order(&parsed, "3200000000000000001");
    assert!(a.recipient.masked);
    assert_eq!(a.recipient.name, "");
    assert_eq!(a.recipient.province, "江苏省");
    assert_eq!(a.recipient.district, "建邺区");
    assert_eq!(a.recipient.street, "沙洲街道****");
    assert_eq!(
        a.created.to_string(),
        "2026-11-28 10:31:05",
        "an Excel date cell"
    );
    assert_eq!(a.lines[0].sku, "重量：5斤装");
    assert!(!a.joined_titles);
    let b = order(&parsed, "3200000000000000002");
    assert!(b.joined_titles);
    assert_eq!(b.lines.len(), 1);
    assert_eq!(b.lines[0].quantity, d("2"));
    assert_eq!(b.payment, d("103.00"));
    assert_eq!(b.courier, "顺丰速运");
    assert_eq!(
        b.shipped.map(|s| s.to_string()).as_deref(),
        Some("2026-11-29 15:00:00")
    );
}

#[test]
fn pinduoduo_csv_in_gbk() {
    let parsed = read_ok(&[fixture("pinduoduo/pdd_orders_20261128.csv")], None);
    assert_eq!(parsed.platform, Platform::Pinduoduo);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.orders.len(), 4);
    let a = order(&parsed, "261128-123456789012345");
    assert_eq!(a.status, PlatformStatus::WaitSellerSendGoods);
    assert_eq!(a.goods, d("54.80"), "商品总价 less the shop's discount");
    assert_eq!(a.payment, d("51.80"), "what the buyer paid");
    assert_eq!(a.lines[0].code, "KIWI-J5", "the SKU's code first");
    assert_eq!(a.lines[0].sku, "5斤装");
    assert_eq!(a.lines[0].quantity, d("2"));
    assert!(a.recipient.masked);
    assert_eq!(a.recipient.city, "成都市");
    assert!(a.paid.is_some(), "订单成交时间 is the payment");
    let b = order(&parsed, "261127-223456789012345");
    assert_eq!(
        b.lines[0].code, "KIWI-T10",
        "the product's code when the SKU has none"
    );
    assert_eq!(b.status, PlatformStatus::WaitBuyerConfirmGoods);
    assert_eq!(b.courier, "圆通快递");
    let c = order(&parsed, "261126-323456789012345");
    assert_eq!(c.status, PlatformStatus::Closed);
    assert!(c.refund);
    assert_eq!(c.post_fee, d("6.00"));
    let e = order(&parsed, "261125-423456789012345");
    assert_eq!(e.status, PlatformStatus::Finished);
    assert_eq!(
        e.finished.map(|f| f.to_string()).as_deref(),
        Some("2026-11-28 10:00:00")
    );
}

#[test]
fn douyin_csv_groups_sub_orders_and_takes_the_freight_once() {
    let parsed = read_ok(&[fixture("douyin/douyin_orders_20261128.csv")], None);
    assert_eq!(parsed.platform, Platform::Douyin);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.orders.len(), 3);
    let a = order(&parsed, "6918000000000000001");
    assert_eq!(a.lines.len(), 2);
    assert_eq!(a.payment, d("128.00"), "订单应付金额 summed");
    assert_eq!(a.post_fee, d("10.00"), "freight once, not per row");
    assert_eq!(a.goods, d("118.00"));
    assert!(a.recipient.masked, "ciphertext recipient");
    assert_eq!(a.recipient.province, "贵州省");
    assert_eq!(a.recipient.city, "贵阳市");
    assert_eq!(a.lines[1].code, "LJ-YP250");
    assert_eq!(a.lines[1].quantity, d("2"));
    assert_eq!(a.status, PlatformStatus::WaitSellerSendGoods);
    let b = order(&parsed, "6918000000000000002");
    assert!(!b.recipient.masked);
    assert_eq!(b.recipient.name, "刘德明");
    assert_eq!(b.recipient.phone, "13812345678");
    assert_eq!(b.status, PlatformStatus::Finished);
    let c = order(&parsed, "6918000000000000003");
    assert_eq!(c.status, PlatformStatus::ClosedByPlatform, "never paid");
}

#[test]
fn excel_resaved_utf8_csv_reads_and_a_cut_id_is_a_row_problem() {
    let parsed = read_ok(
        &[fixture("taobao/ExportOrderList_resaved_utf8bom.csv")],
        None,
    );
    assert_eq!(parsed.orders.len(), 3);
    assert_eq!(parsed.problems.len(), 1, "{:?}", parsed.problems);
    let p = &parsed.problems[0];
    assert_eq!(p.code, "id_precision_lost");
    assert_eq!(p.row, 4);
    assert_eq!(p.column, "订单编号");
    assert!(
        p.detail.contains("without opening it in Excel"),
        "{}",
        p.detail
    );
    let a = order(&parsed, "3123456789012345601");
    assert_eq!(a.created.to_string(), "2026-11-28 10:31:00");
    assert_eq!(a.recipient.phone, "13800001111");
    let e = order(&parsed, "3123456789012345604");
    assert_eq!(e.created.to_string(), "2026-11-25 08:00:00");
}

#[test]
fn a_csv_resaved_as_xlsx_reads_with_serial_dates_and_numbers() {
    use X::*;
    let headers = [
        "订单编号",
        "买家会员名",
        "买家应付货款",
        "买家应付邮费",
        "买家实际支付金额",
        "订单状态",
        "收货人姓名",
        "收货地址 ",
        "联系手机",
        "订单创建时间",
        "订单付款时间",
        "宝贝标题 ",
        "宝贝种类 ",
        "宝贝总数量",
    ];
    let bytes = xlsx(
        &headers,
        &[
            vec![
                S("3123456789012345601"),
                S("tb_mei2026"),
                N(161.8),
                N(0.0),
                N(161.8),
                S("买家已付款，等待卖家发货"),
                S("林小美"),
                S("浙江省 杭州市 西湖区 文三路 100号(310012)"),
                N(13800001111.0),
                D("2026-11-28 10:31:05"),
                D("2026-11-28 10:32:40"),
                S("修文猕猴桃 特级大果 5斤装"),
                N(1.0),
                N(2.0),
            ],
            vec![
                N(3123456789012345602.0),
                S("x"),
                N(88.0),
                N(0.0),
                N(88.0),
                S("交易成功"),
                S("周建国"),
                S("江苏省 南京市 鼓楼区 中山北路 8号"),
                N(13900002222.0),
                D("2026-11-27 09:05:00"),
                D("2026-11-27 09:06:00"),
                S("修文猕猴桃 一级中果 10斤装"),
                N(1.0),
                N(1.0),
            ],
        ],
    );
    // Saved with a .csv name: the content decides.
    let parsed = read_ok(
        &[InputFile {
            name: "ExportOrderList202611281030.csv".into(),
            bytes,
        }],
        None,
    );
    assert_eq!(parsed.orders.len(), 1);
    let a = order(&parsed, "3123456789012345601");
    assert_eq!(a.created.to_string(), "2026-11-28 10:31:05");
    assert_eq!(a.payment, d("161.8"));
    assert_eq!(a.recipient.phone, "13800001111");
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].code, "id_precision_lost");
    assert_eq!(parsed.problems[0].row, 3);
}

#[test]
fn rows_that_cannot_be_read_are_problems_and_the_rest_is_taken() {
    let parsed = read_ok(&[fixture("bad/ExportOrderList_bad_rows.csv")], None);
    assert_eq!(parsed.orders.len(), 2, "rows 2 and 5");
    assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
    let amount = &parsed.problems[0];
    assert_eq!(
        (amount.row, amount.column.as_str(), amount.code),
        (3, "买家实际支付金额", "not_a_number")
    );
    assert_eq!(amount.order_id.as_deref(), Some("3123456789012345602"));
    let date = &parsed.problems[1];
    assert_eq!(
        (date.row, date.column.as_str(), date.code),
        (4, "订单创建时间", "bad_date")
    );
}

#[test]
fn an_unknown_status_is_a_row_problem_naming_the_column() {
    let text = "订单编号,买家实际支付金额,订单状态,订单创建时间,宝贝标题,宝贝总数量,买家会员名,收货人姓名\n\
                1001,30.00,火星已签收,2026-11-28 10:00:00,辣椒,1,a,b\n\
                1002,30.00,交易成功,2026-11-28 10:00:00,辣椒,1,a,b\n";
    let parsed = read_ok(
        &[InputFile {
            name: "o.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    );
    assert_eq!(parsed.orders.len(), 1);
    assert_eq!(parsed.problems[0].code, "bad_status");
    assert_eq!(parsed.problems[0].column, "订单状态");
    assert_eq!(parsed.problems[0].row, 2);
}

#[test]
fn amounts_and_quantities_beyond_the_bounds_are_refused() {
    let text = "订单编号,买家实际支付金额,订单状态,订单创建时间,宝贝标题,宝贝总数量,买家会员名,收货人姓名\n\
                1001,100000001,交易成功,2026-11-28 10:00:00,辣椒,1,a,b\n\
                1002,-3,交易成功,2026-11-28 10:00:00,辣椒,1,a,b\n\
                1003,¥30.00,交易成功,2026-11-28 10:00:00,辣椒,1000001,a,b\n\
                1004,¥30.00,交易成功,1999-11-28 10:00:00,辣椒,1,a,b\n\
                1005,￥30.00,交易成功,2026-11-28,辣椒,2,a,b\n";
    let parsed = read_ok(
        &[InputFile {
            name: "o.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    );
    let codes: Vec<(usize, &str)> = parsed.problems.iter().map(|p| (p.row, p.code)).collect();
    assert_eq!(
        codes,
        vec![
            (2, "too_large"),
            (3, "negative"),
            (4, "too_large"),
            (5, "bad_date")
        ]
    );
    assert_eq!(parsed.orders.len(), 1);
    assert_eq!(parsed.orders[0].payment, d("30.00"), "the ¥ is stripped");
}

#[test]
fn the_same_order_twice_is_taken_once() {
    let [list, details] = taobao_pair();
    let parsed = read_ok(&[list.clone(), details, list], None);
    assert_eq!(parsed.orders.len(), 4);
    assert!(parsed.problems.iter().all(|p| p.code == "duplicate"));
    assert_eq!(parsed.problems.len(), 4);
}

#[test]
fn a_header_only_file_is_an_import_of_no_orders() {
    let parsed = read_ok(&[fixture("bad/header_only.csv")], None);
    assert!(parsed.orders.is_empty());
    assert!(parsed.problems.is_empty());
}

#[test]
fn synthetic_pairs_are_deterministic_and_read_cleanly() {
    let codes = ["KIWI-T5", "KIWI-Y10", "DF-01"];
    let (a1, b1) = farmstall_platform_files::synth_taobao_pair(50, &codes, 7);
    let (a2, b2) = farmstall_platform_files::synth_taobao_pair(50, &codes, 7);
    assert_eq!((&a1, &b1), (&a2, &b2));
    let parsed = read_ok(&[a1, b1], None);
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    assert_eq!(parsed.orders.len(), 50);
    let multi = parsed.orders.iter().filter(|o| o.lines.len() > 1).count();
    assert!(
        (10..=35).contains(&multi),
        "{multi} orders with several lines"
    );
    assert!(parsed
        .orders
        .iter()
        .flat_map(|o| &o.lines)
        .any(|l| l.code.is_empty()));
    assert!(parsed
        .orders
        .iter()
        .all(|o| !o.recipient.phone.starts_with('\'')));
}

#[test]
fn wrong_platform_is_refused_when_the_person_named_one() {
    let e = read_orders(
        &[fixture("pinduoduo/pdd_orders_20261128.csv")],
        Some(Platform::Taobao),
    )
    .err();
    assert_eq!(e.map(|e| e.code), Some(FileErrorCode::WrongPlatform));
}

#[test]
fn full_width_brackets_in_headers_read_and_problems_name_the_header_as_written() {
    let text = "商品,订单号,订单状态,商品总价（元）,邮费（元）,用户实付金额（元）,商品数量（件）,订单成交时间\n\
                猕猴桃,261128-1,待发货,29.90,0,29.90,1,2026-11-28 10:00:00\n\
                猕猴桃,261128-2,待发货,29.90,0,abc,1,2026-11-28 10:00:00\n";
    let parsed = read_ok(
        &[InputFile {
            name: "pdd.csv".into(),
            bytes: encoding_rs::GBK.encode(text).0.into_owned(),
        }],
        None,
    );
    assert_eq!(parsed.platform, Platform::Pinduoduo);
    assert_eq!(parsed.orders.len(), 1);
    assert_eq!(parsed.orders[0].payment, d("29.90"));
    assert_eq!(parsed.problems[0].column, "用户实付金额（元）");
    assert_eq!(parsed.problems[0].order_id.as_deref(), Some("261128-2"));
}

/// Regression: an unreadable 买家应付货款 was noted but the row still taken, with the goods
/// silently computed from the payment.
#[test]
fn an_unreadable_goods_amount_leaves_the_row_out() {
    let text = "订单编号,买家应付货款,买家实际支付金额,订单状态,订单创建时间,宝贝标题,宝贝总数量,买家会员名,收货人姓名\n\
                1001,abc,30.00,交易成功,2026-11-28 10:00:00,辣椒,1,a,b\n";
    let parsed = read_ok(
        &[InputFile {
            name: "o.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    );
    assert!(parsed.orders.is_empty());
    assert_eq!(parsed.problems.len(), 1);
    assert_eq!(parsed.problems[0].column, "买家应付货款");
}

#[test]
fn douyin_desensitised_export_without_recipient_columns_is_masked() {
    let text = "\u{feff}主订单编号,子订单编号,选购商品,商品数量,商家编码,订单应付金额,运费,省,市,区,订单提交时间,订单状态,售后状态\n\
                \t6918000000000000009,\t69180000000000000091,猕猴桃,1,KIWI-T5,68.00,0.00,贵州省,贵阳市,云岩区,2026-11-28 12:00:00,已发货,退款中\n";
    let parsed = read_ok(
        &[InputFile {
            name: "douyin.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        Some(Platform::Douyin),
    );
    let o = order(&parsed, "6918000000000000009");
    assert!(o.recipient.masked);
    assert!(o.refund, "an open after-sale");
    assert_eq!(o.status, PlatformStatus::WaitBuyerConfirmGoods);
    let problem = read_ok(
        &[fixture("bad/ExportOrderList_bad_rows.csv")],
        Some(Platform::Taobao),
    )
    .problems[0]
        .to_string();
    assert!(
        problem.starts_with(
            "File \"ExportOrderList_bad_rows.csv\", row 3, column \"买家实际支付金额\""
        ),
        "{problem}"
    );
}

#[test]
fn amounts_with_more_than_two_decimals_and_zero_quantities_are_row_problems() {
    let text = "订单编号,买家实际支付金额,订单状态,订单创建时间,宝贝标题,宝贝总数量,买家会员名,收货人姓名\n\
                1001,30.001,交易成功,2026-11-28 10:00:00,辣椒,1,a,b\n\
                1002,30.00,交易成功,2026-11-28 10:00:00,辣椒,0,a,b\n";
    let parsed = read_ok(
        &[InputFile {
            name: "o.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    );
    let codes: Vec<&str> = parsed.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, ["too_many_decimals", "must_be_positive"]);
    assert!(parsed.orders.is_empty());
}

#[test]
fn a_title_row_above_the_header_is_skipped_and_rows_keep_their_spreadsheet_numbers() {
    let text = "拼多多订单导出 2026-12-06\n\
                商品,订单号,订单状态,商品总价(元),用户实付金额(元),商品数量(件),订单成交时间\n\
                猕猴桃,261128-1,待发货,29.90,29.90,1,2026-11-28 10:00:00\n\
                猕猴桃,261128-2,待发货,29.90,29.90,1,2026-13-28 10:00:00\n";
    let parsed = read_ok(
        &[InputFile {
            name: "pdd.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    );
    assert_eq!(parsed.orders.len(), 1);
    assert_eq!(parsed.orders[0].row, 3);
    assert_eq!(parsed.problems[0].row, 4);
}

#[test]
fn headers_of_two_exports_at_once_are_not_guessed() {
    let text = "订单号,商品总价(元),主订单编号,子订单编号\n1,2,3,4\n";
    let e = read_orders(
        &[InputFile {
            name: "odd.csv".into(),
            bytes: text.as_bytes().to_vec(),
        }],
        None,
    )
    .err();
    assert_eq!(e.map(|e| e.code), Some(FileErrorCode::NotAnExport));
}
