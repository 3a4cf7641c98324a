//! Orders from the platforms' export files on a real SQLite file: a preview that writes nothing,
//! an import that adds each order once however often the file comes, later exports moving orders
//! along the state machine (never back, never their money), lines mapped to products once, joined
//! orders held for the person to split, sales history that moves no stock, masked recipients, and
//! the bulk-shipping file read back by an independent reader.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::imports::{
    ImportMappingInput, ImportOptions, ImportReport, InputFile, ShipmentExportInput, SplitInput,
};
use farmstall_app::orders::{OrderLineInput, OrderQuery, PackInput, ShipInput};
use farmstall_app::shipping::LabelRequest;
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    kiwi: String,
    oil: String,
}

/// A shop with 100 jin of kiwis sold in 5-jin boxes and chilli oil by the bottle, on 2026-12-06.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 2026-12-06 10:00 in Shanghai.
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 6, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    ok(
        app.save_shop_profile(&farmstall_app::dto::ShopProfileInput {
            shop_name: "山里红猕猴桃".into(),
            owner_name: "李秀英".into(),
            sender_name: "李秀英".into(),
            language: "zh-CN".into(),
            phone: "13800000000".into(),
            address: farmstall_app::dto::Address {
                province: "贵州省".into(),
                city: "六盘水市".into(),
                district: "水城区".into(),
                street: "米箩镇".into(),
            },
            ..Default::default()
        }),
    );
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "红心猕猴桃 5斤装".into(),
        sale_unit: "箱(5斤)".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "49.90".into(),
        ..ProductInput::default()
    }))
    .id;
    let oil = ok(app.create_product(&ProductInput {
        name_zh: "油泼辣椒".into(),
        sale_unit: "瓶".into(),
        stock_unit: "瓶".into(),
        price: "25".into(),
        ..ProductInput::default()
    }))
    .id;
    for (product, qty) in [(&kiwi, "100"), (&oil, "30")] {
        ok(app.receive_purchase(&PurchaseInput {
            farmer_id: farmer.clone(),
            received_on: "2026-12-01".into(),
            payment: "owed".into(),
            lines: vec![PurchaseLineInput {
                product_id: product.clone(),
                quantity: qty.into(),
                unit_price: "4".into(),
                best_before: "2026-12-20".into(),
                ..PurchaseLineInput::default()
            }],
            ..PurchaseInput::default()
        }));
    }
    for code in ["KIWI-5", "OIL-1"] {
        ok(app.save_import_mapping(&ImportMappingInput {
            key: code.into(),
            product_id: if code == "KIWI-5" {
                kiwi.clone()
            } else {
                oil.clone()
            },
            per: "1".into(),
        }));
    }
    Shop {
        dir,
        app,
        kiwi,
        oil,
    }
}

fn gbk(text: &str) -> Vec<u8> {
    encoding_rs::GBK.encode(text).0.into_owned()
}

const ORDER_HEADER: &str = "订单编号,买家会员名,买家应付货款,买家应付邮费,总金额,买家实际支付金额,订单状态,买家留言,收货人姓名,收货地址 ,运送方式,联系电话 ,联系手机,订单创建时间,订单付款时间 ,宝贝标题 ,宝贝种类,物流单号 ,物流公司,订单备注,宝贝总数量,店铺名称,订单关闭原因";
const LINE_HEADER: &str =
    "订单编号,标题,价格,购买数量,外部系统编号,商品属性,套餐信息,备注,订单状态,商家编码";

/// One Taobao order row: id, status, amounts, recipient, lines (title, price, quantity, code).
struct Tb<'a> {
    id: &'a str,
    status: &'a str,
    goods: &'a str,
    post: &'a str,
    paid: &'a str,
    name: &'a str,
    address: &'a str,
    lines: Vec<(&'a str, &'a str, &'a str, &'a str)>,
}

fn taobao_pair(orders: &[Tb<'_>]) -> Vec<InputFile> {
    let mut list = vec![ORDER_HEADER.to_string()];
    let mut details = vec![LINE_HEADER.to_string()];
    for o in orders {
        let count: u32 = o
            .lines
            .iter()
            .map(|l| l.2.parse::<u32>().unwrap_or(0))
            .sum();
        list.push(format!(
            "=\"{id}\",buyer_{id},{goods},{post},{paid},{paid},{status},,{name},\"{address}\",快递,,'13812345678,2026-12-05 09:12:00,2026-12-05 09:13:00,{title},{kinds},,,,{count},山里红,",
            id = o.id,
            goods = o.goods,
            post = o.post,
            paid = o.paid,
            status = o.status,
            name = o.name,
            address = o.address,
            title = o.lines.first().map_or("", |l| l.0),
            kinds = o.lines.len(),
        ));
        for (title, price, qty, code) in &o.lines {
            details.push(format!(
                "=\"{}\",{title},{price},{qty},,,,,{},{code}",
                o.id, o.status
            ));
        }
    }
    vec![
        InputFile {
            name: "ExportOrderList202612061030.csv".into(),
            bytes: gbk(&(list.join("\r\n") + "\r\n")),
        },
        InputFile {
            name: "ExportOrderDetailList202612061030.csv".into(),
            bytes: gbk(&(details.join("\r\n") + "\r\n")),
        },
    ]
}

const PAID: &str = "买家已付款，等待卖家发货";
const SHIPPED: &str = "卖家已发货，等待买家确认";
const DONE: &str = "交易成功";
const CLOSED: &str = "交易关闭";

fn first_two(status_a: &'static str, status_b: &'static str) -> Vec<Tb<'static>> {
    vec![
        Tb {
            id: "3391000000000001",
            status: status_a,
            goods: "99.80",
            post: "0.00",
            paid: "99.80",
            name: "张三",
            address: "广东省 广州市 天河区 体育西路191号(510620)",
            lines: vec![("红心猕猴桃5斤装", "49.90", "2", "KIWI-5")],
        },
        Tb {
            id: "3391000000000002",
            status: status_b,
            goods: "74.90",
            post: "8.00",
            paid: "82.90",
            name: "李四",
            address: "四川省 成都市 武侯区 人民南路四段12号(610041)",
            lines: vec![
                ("红心猕猴桃5斤装", "49.90", "1", "KIWI-5"),
                ("油泼辣椒", "25.00", "1", "OIL-1"),
            ],
        },
    ]
}

fn options() -> ImportOptions {
    ImportOptions {
        platform: "auto".into(),
        history_before: String::new(),
    }
}

fn import(app: &mut App, files: &[InputFile]) -> ImportReport {
    ok(app.import_orders(files, &options(), &mut |_, _| {}))
}

fn count(app: &App, sql: &str) -> i64 {
    let reader = app.reader().unwrap_or_else(|e| panic!("{e}"));
    reader
        .query_row(sql, [], |r| r.get(0))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn order_state(app: &App, platform_id: &str) -> String {
    let reader = app.reader().unwrap_or_else(|e| panic!("{e}"));
    reader
        .query_row(
            "SELECT state FROM orders WHERE platform_order_id = ?1",
            [platform_id],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{platform_id}: {e}"))
}

fn order_id(app: &App, platform_id: &str) -> String {
    let reader = app.reader().unwrap_or_else(|e| panic!("{e}"));
    reader
        .query_row(
            "SELECT id FROM orders WHERE platform_order_id = ?1",
            [platform_id],
            |r| r.get(0),
        )
        .unwrap_or_else(|e| panic!("{platform_id}: {e}"))
}

#[test]
fn a_preview_writes_nothing_and_the_import_adds_each_order_once() {
    let mut s = shop();
    let files = taobao_pair(&first_two(PAID, PAID));
    let preview = ok(s.app.preview_import(&files, &options()));
    assert!(!preview.applied);
    assert_eq!((preview.platform.as_str(), preview.new), ("taobao", 2));
    assert_eq!(count(&s.app, "SELECT count(*) FROM orders"), 0);

    let first = import(&mut s.app, &files);
    assert_eq!((first.new, first.unchanged, first.held), (2, 0, 0));
    let orders = ok(s.app.list_orders(&OrderQuery::default()));
    assert_eq!(orders.total, 2);
    for o in &orders.items {
        assert_eq!(o.source, "taobao");
        assert_eq!(o.state, "paid");
        assert!(o.due_at.is_some(), "a paid order knows when it is due");
    }
    // What the buyers paid, to the fen, and the recipient split from the address.
    let zhang = orders
        .items
        .iter()
        .find(|o| o.recipient.name == "张三")
        .unwrap_or_else(|| panic!("张三"));
    assert_eq!(zhang.total, "99.80");
    assert_eq!(
        (
            zhang.recipient.province.as_str(),
            zhang.recipient.district.as_str(),
            zhang.recipient.postcode.as_str()
        ),
        ("广东省", "天河区", "510620")
    );
    let li = orders
        .items
        .iter()
        .find(|o| o.recipient.name == "李四")
        .unwrap_or_else(|| panic!("李四"));
    assert_eq!(
        (li.total.as_str(), li.shipping_fee.as_str()),
        ("82.90", "8.00")
    );
    assert_eq!(li.lines.len(), 2);
    // Paid orders reserve their goods: 3 boxes of 5 jin of kiwis and a bottle of oil.
    let reserved = |product: &str| {
        count(
            &s.app,
            &format!(
                "SELECT sum(g.reserved_milli) FROM stock_ledger g JOIN lots l ON l.id = g.lot_id
                 WHERE g.kind = 'reserve' AND l.product_id = '{product}'"
            ),
        )
    };
    assert_eq!((reserved(&s.kiwi), reserved(&s.oil)), (15_000, 1_000));

    let again = import(&mut s.app, &files);
    assert_eq!((again.new, again.changed, again.unchanged), (0, 0, 2));
    assert_eq!(count(&s.app, "SELECT count(*) FROM orders"), 2);
}

#[test]
fn a_later_export_moves_orders_along_and_alerts_when_a_packed_one_closed() {
    let mut s = shop();
    import(&mut s.app, &taobao_pair(&first_two(PAID, PAID)));
    // Order 2 is packed here; then the platform closes it (refunded), and order 1 shipped elsewhere.
    let two = order_id(&s.app, "3391000000000002");
    ok(s.app.pack_order(&PackInput {
        order_id: two.clone(),
        packed_by: "李秀英".into(),
        ..PackInput::default()
    }));
    let later = import(&mut s.app, &taobao_pair(&first_two(SHIPPED, CLOSED)));
    assert_eq!(later.changed, 1, "{later:?}");
    assert_eq!(later.alerts, 2, "{later:?}");
    assert_eq!(order_state(&s.app, "3391000000000002"), "refunded");
    // Shipped elsewhere: it stays paid here with an alert, it is not marked shipped unseen.
    assert_eq!(order_state(&s.app, "3391000000000001"), "paid");
    assert_eq!(
        count(
            &s.app,
            "SELECT count(*) FROM sync_alerts WHERE seen_at IS NULL"
        ),
        2
    );
    // An older export read late changes nothing back.
    let old = import(&mut s.app, &taobao_pair(&first_two(PAID, PAID)));
    assert_eq!(old.changed, 0);
    assert_eq!(order_state(&s.app, "3391000000000002"), "refunded");
}

#[test]
fn an_import_never_changes_the_money_of_a_packed_order_and_shows_the_difference() {
    let mut s = shop();
    import(&mut s.app, &taobao_pair(&first_two(PAID, PAID)));
    let one = order_id(&s.app, "3391000000000001");
    ok(s.app.pack_order(&PackInput {
        order_id: one.clone(),
        packed_by: "李秀英".into(),
        ..PackInput::default()
    }));
    let mut changed = first_two(PAID, PAID);
    changed[0].paid = "89.80";
    changed[0].goods = "89.80";
    let preview = ok(s.app.preview_import(&taobao_pair(&changed), &options()));
    let row = preview
        .rows
        .iter()
        .find(|r| r.platform_order_id == "3391000000000001")
        .unwrap_or_else(|| panic!("row"));
    assert!(
        row.note.contains("89.80") && row.note.contains("99.80"),
        "{row:?}"
    );
    assert_eq!(
        (row.total.as_str(), row.total_here.as_str()),
        ("89.80", "99.80")
    );
    import(&mut s.app, &taobao_pair(&changed));
    assert_eq!(ok(s.app.get_order(&one)).total, "99.80");
}

#[test]
fn a_line_without_a_known_code_waits_for_its_product_then_comes_in() {
    let mut s = shop();
    let mut orders = first_two(PAID, PAID);
    orders[0].lines = vec![("高山猕猴桃 10斤礼盒", "99.80", "1", "")];
    let report = import(&mut s.app, &taobao_pair(&orders));
    assert_eq!((report.new, report.held), (1, 1), "{report:?}");
    assert_eq!(report.unmapped.len(), 1);
    let key = report.unmapped[0].key.clone();
    assert_eq!(key, "高山猕猴桃 10斤礼盒");
    assert_eq!(ok(s.app.held_imports()).len(), 1);
    // One platform piece is two 5-jin boxes.
    let saved = ok(s.app.save_import_mapping(&ImportMappingInput {
        key,
        product_id: s.kiwi.clone(),
        per: "2".into(),
    }));
    assert_eq!(saved.released, 1);
    assert!(ok(s.app.held_imports()).is_empty());
    let order = ok(s.app.get_order(&order_id(&s.app, "3391000000000001")));
    assert_eq!(order.lines[0].quantity, "2");
    assert_eq!(order.total, "99.80");
    // A mapping to nothing real, or a silly quantity, is refused and nothing changes.
    for (product, per) in [
        ("not-an-id", "1"),
        (s.kiwi.as_str(), "0"),
        (s.kiwi.as_str(), "1e3"),
    ] {
        let refused = s.app.save_import_mapping(&ImportMappingInput {
            key: "X".into(),
            product_id: product.into(),
            per: per.into(),
        });
        assert!(refused.is_err(), "{product} {per}");
    }
    assert_eq!(ok(s.app.import_mappings()).len(), 3);
}

#[test]
fn finished_orders_before_the_start_are_history_and_move_no_stock() {
    let mut s = shop();
    let mut orders = first_two(DONE, DONE);
    orders[1].status = CLOSED;
    let files = taobao_pair(&orders);
    let ledger_before = count(&s.app, "SELECT count(*) FROM stock_ledger");
    let report = ok(s.app.import_orders(
        &files,
        &ImportOptions {
            platform: "taobao".into(),
            history_before: "2026-12-06".into(),
        },
        &mut |_, _| {},
    ));
    assert_eq!(
        (report.history, report.ignored, report.new),
        (1, 1, 0),
        "{report:?}"
    );
    let order = ok(s.app.get_order(&order_id(&s.app, "3391000000000001")));
    assert!(order.history);
    assert_eq!(order.state, "finished");
    assert_eq!(
        count(&s.app, "SELECT count(*) FROM stock_ledger"),
        ledger_before
    );
}

#[test]
fn a_masked_recipient_is_kept_as_such_and_gets_no_farmstall_label() {
    let mut s = shop();
    let mut orders = first_two(PAID, PAID);
    orders.truncate(1);
    orders[0].name = "张**";
    orders[0].address = "广东省 广州市 天河区 体育西路****";
    import(&mut s.app, &taobao_pair(&orders));
    let id = order_id(&s.app, "3391000000000001");
    let order = ok(s.app.get_order(&id));
    assert!(order.masked, "{order:?}");
    assert_eq!(order.recipient.province, "广东省");
    ok(s.app.pack_order(&PackInput {
        order_id: id.clone(),
        packed_by: "李秀英".into(),
        ..PackInput::default()
    }));
    ok(s.app.set_waybill(&ShipInput {
        order_id: id.clone(),
        courier: "ZTO".into(),
        waybill: "78912345678901".into(),
        ..ShipInput::default()
    }));
    let refused = s.app.print_labels(&LabelRequest {
        order_ids: vec![id.clone()],
        format: "100x150".into(),
        ..LabelRequest::default()
    });
    let error = match refused {
        Err(e) => IpcError::from(&e),
        Ok(saved) => panic!("a masked order has no Farmstall label, got {saved:?}"),
    };
    assert_eq!(
        error.errors[0].params.get("masked").map(String::as_str),
        Some("true")
    );
    assert!(
        error.message.contains("electronic waybill"),
        "{}",
        error.message
    );
}

#[test]
fn a_file_that_is_not_an_export_is_refused_whole_and_nothing_is_written() {
    let mut s = shop();
    let bad = [
        InputFile {
            name: "photo.csv".into(),
            bytes: vec![0x89, b'P', b'N', b'G', 13, 10, 26, 10, 0, 0, 0, 13],
        },
        InputFile {
            name: "empty.csv".into(),
            bytes: vec![],
        },
        InputFile {
            name: "notes.csv".into(),
            bytes: gbk("姓名,年龄\n张三,30\n"),
        },
    ];
    for file in bad {
        let name = file.name.clone();
        let refused = s.app.import_orders(&[file], &options(), &mut |_, _| {});
        let error = match refused {
            Err(e) => IpcError::from(&e),
            Ok(report) => panic!("{name} was taken: {report:?}"),
        };
        assert_eq!(error.errors[0].field, "files", "{name}");
        assert!(error.message.contains(&name), "{name}: {}", error.message);
    }
    // Line details without their order list.
    let pair = taobao_pair(&first_two(PAID, PAID));
    let refused = s.app.import_orders(&pair[1..], &options(), &mut |_, _| {});
    assert!(refused.is_err());
    assert_eq!(count(&s.app, "SELECT count(*) FROM orders"), 0);
}

#[test]
fn the_same_id_on_two_platforms_is_two_orders() {
    let mut s = shop();
    import(&mut s.app, &taobao_pair(&first_two(PAID, PAID)));
    let pdd = "商品,订单号,订单状态,商品总价(元),邮费(元),店铺优惠折扣(元),平台优惠折扣(元),用户实付金额(元),商家实收金额(元),商品数量(件),发货时间,确认收货时间,商品id,商品规格,商家编码-规格维度,商家编码-商品维度,商家备注,售后状态,快递单号,快递公司,订单成交时间,收货人,手机,省,市,区,街道\n\
红心猕猴桃5斤装,3391000000000001,待发货,49.90,0.00,0.00,0.00,49.90,49.90,1,,,1001,5斤装,KIWI-5,,,无售后或售后取消,,,2026-12-05 10:00:00,王五,13912345678,湖南省,长沙市,岳麓区,麓山南路2号\n";
    let report = import(
        &mut s.app,
        &[InputFile {
            name: "pdd_orders.csv".into(),
            bytes: gbk(pdd),
        }],
    );
    assert_eq!(
        (report.platform.as_str(), report.new),
        ("pinduoduo", 1),
        "{report:?}"
    );
    assert_eq!(
        count(
            &s.app,
            "SELECT count(*) FROM orders WHERE platform_order_id = '3391000000000001'"
        ),
        2
    );
}

#[test]
fn the_bulk_shipping_file_holds_what_shipped_here_and_an_import_closes_the_loop() {
    let mut s = shop();
    import(&mut s.app, &taobao_pair(&first_two(PAID, PAID)));
    for (platform_id, waybill) in [
        ("3391000000000001", "78912345678901"),
        ("3391000000000002", "78912345678902"),
    ] {
        let id = order_id(&s.app, platform_id);
        ok(s.app.pack_order(&PackInput {
            order_id: id.clone(),
            packed_by: "李秀英".into(),
            ..PackInput::default()
        }));
        ok(s.app.ship_order(&ShipInput {
            order_id: id,
            courier: "ZTO".into(),
            waybill: waybill.into(),
            ..ShipInput::default()
        }));
    }
    let out = s.dir.path().join("shipments.csv");
    let written = ok(s.app.export_shipments_with(
        &ShipmentExportInput {
            platform: "taobao".into(),
            format: "csv".into(),
        },
        &mut |bytes, _| {
            std::fs::write(&out, bytes).map_err(|e| AppError::Conflict(e.to_string()))?;
            Ok(out.display().to_string())
        },
    ));
    assert_eq!(written.orders, 2);
    let text = encoding_rs::GBK
        .decode(&std::fs::read(&out).unwrap_or_default())
        .0
        .into_owned();
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|l| {
            l.split(',')
                .map(|c| c.trim_matches('"').to_string())
                .collect()
        })
        .collect();
    assert_eq!(rows[0], vec!["订单编号", "物流公司", "运单号"]);
    assert!(rows[1..]
        .iter()
        .any(|r| r[0] == "3391000000000001" && r[1] == "中通快递" && r[2] == "78912345678901"));
    // Exported once: the next file has nothing.
    let again = s.app.export_shipments(&ShipmentExportInput {
        platform: "taobao".into(),
        format: "csv".into(),
    });
    assert!(again.is_err());
    // A file that could not be written marks nothing.
    let mut s2 = shop();
    import(&mut s2.app, &taobao_pair(&first_two(PAID, PAID)));
    let id = order_id(&s2.app, "3391000000000001");
    ok(s2.app.pack_order(&PackInput {
        order_id: id.clone(),
        packed_by: "李秀英".into(),
        ..PackInput::default()
    }));
    ok(s2.app.ship_order(&ShipInput {
        order_id: id.clone(),
        courier: "ZTO".into(),
        waybill: "78912345678903".into(),
        ..ShipInput::default()
    }));
    let failed = s2.app.export_shipments_with(
        &ShipmentExportInput {
            platform: "taobao".into(),
            format: "xlsx".into(),
        },
        &mut |_, _| Err(AppError::Conflict("disk full".into())),
    );
    assert!(failed.is_err());
    assert!(ok(s2.app.get_order(&id)).shipment_exported_at.is_none());
    // The platform's next export shows it shipped: taken as told, nothing to export any more.
    let report = import(&mut s2.app, &taobao_pair(&first_two(SHIPPED, PAID)));
    assert_eq!(report.confirmed, 1, "{report:?}");
    assert!(ok(s2.app.get_order(&id)).shipment_exported_at.is_some());
}

#[test]
fn a_joined_order_is_held_until_the_person_splits_it() {
    let mut s = shop();
    let mut orders = first_two(PAID, PAID);
    orders.truncate(1);
    // Only the order list: two products as one comma-joined title, kinds 2.
    orders[0].lines = vec![
        ("红心猕猴桃5斤装，油泼辣椒", "74.90", "2", ""),
        ("", "0", "0", ""),
    ];
    orders[0].paid = "74.90";
    orders[0].goods = "74.90";
    let pair = taobao_pair(&orders);
    let report = import(&mut s.app, &pair[..1]);
    assert_eq!(report.held, 1, "{report:?}");
    let held = ok(s.app.held_imports());
    assert_eq!(held[0].waits_for, "split");
    let order = ok(s.app.split_held_import(&SplitInput {
        source: "taobao".into(),
        platform_order_id: "3391000000000001".into(),
        lines: vec![
            OrderLineInput {
                product_id: s.kiwi.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            },
            OrderLineInput {
                product_id: s.oil.clone(),
                quantity: "1".into(),
                ..OrderLineInput::default()
            },
        ],
    }));
    assert_eq!(order.total, "74.90");
    assert_eq!(order.state, "paid");
    assert!(ok(s.app.held_imports()).is_empty());
}

/// The demo shop's own export files, as a person tries them from the import window: each
/// platform's files read with no problems, the lines without a code wait for the person, and a
/// second import adds nothing.
#[test]
fn the_demo_shops_export_files_import_on_the_demo_shop() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 6, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    ok(app.load_demo());
    let files = farmstall_app::imports::decode_files(farmstall_app::imports::demo_files())
        .unwrap_or_else(|e| panic!("{e}"));
    let set = |prefix: &str, ext: &str| -> Vec<InputFile> {
        files
            .iter()
            .filter(|f| f.name.starts_with(prefix) && f.name.ends_with(ext))
            .cloned()
            .collect()
    };
    let mut held = 0;
    for (prefix, ext, platform) in [
        ("taobao/", ".csv", "taobao"),
        ("taobao/", ".xlsx", "taobao"),
        ("pinduoduo/", ".csv", "pinduoduo"),
        ("douyin/", ".csv", "douyin"),
    ] {
        let chosen = set(prefix, ext);
        assert!(!chosen.is_empty(), "{prefix}*{ext}");
        let report = import(&mut app, &chosen);
        assert_eq!(report.platform, platform);
        assert!(
            report.problems.is_empty(),
            "{prefix}{ext}: {:?}",
            report.problems
        );
        assert!(report.new + report.history > 0, "{prefix}{ext}: {report:?}");
        assert_eq!(report.refused, 0, "{prefix}{ext}: {report:?}");
        held += report.held;
        let again = import(&mut app, &chosen);
        assert_eq!(again.new, 0, "{prefix}{ext} twice");
    }
    assert!(
        held >= 2,
        "lines without a code and the joined order wait: {held}"
    );
    let waiting = ok(app.held_imports());
    assert!(
        waiting.iter().any(|h| h.waits_for == "split"),
        "{waiting:?}"
    );
    assert!(
        waiting.iter().any(|h| h.waits_for == "mapping"),
        "{waiting:?}"
    );
}

/// Found by trying it as a new user: orders a first export shows shipped or finished came in as
/// paid orders "shipped elsewhere", reserving stock and listed hundreds of hours overdue at the top
/// of the orders to ship. An order the platform shipped before it was ever here is sales history.
#[test]
fn orders_the_platform_already_shipped_are_history_not_orders_to_ship() {
    let mut s = shop();
    let ledger_before = count(&s.app, "SELECT count(*) FROM stock_ledger");
    let report = import(&mut s.app, &taobao_pair(&first_two(SHIPPED, DONE)));
    assert_eq!(
        (report.history, report.new, report.alerts),
        (2, 0, 0),
        "{report:?}"
    );
    assert_eq!(
        count(&s.app, "SELECT count(*) FROM stock_ledger"),
        ledger_before
    );
    let waiting = ok(s.app.list_orders(&OrderQuery {
        states: vec!["paid".into(), "packing".into(), "packed".into()],
        ..OrderQuery::default()
    }));
    assert_eq!(waiting.total, 0);
}

/// Found by trying it as a new user: "due to ship first" over all states listed finished and
/// cancelled orders (paid long ago) before the ones waiting to ship.
#[test]
fn due_first_lists_the_orders_waiting_to_ship_before_the_rest() {
    let mut s = shop();
    let mut orders = first_two(DONE, PAID);
    orders[0].id = "3391000000000009";
    import(&mut s.app, &taobao_pair(&orders));
    let page = ok(s.app.list_orders(&OrderQuery {
        sort: "due".into(),
        ..OrderQuery::default()
    }));
    let states: Vec<&str> = page.items.iter().map(|o| o.state.as_str()).collect();
    assert_eq!(states, vec!["paid", "finished"]);
}

#[test]
fn imported_orders_are_found_by_search_and_later_orders_are_indexed_as_before() {
    let mut s = shop();
    import(&mut s.app, &taobao_pair(&first_two(PAID, PAID)));
    let found = |app: &mut App, text: &str| -> Vec<String> {
        let page = ok(app.list_orders(&OrderQuery {
            search: text.into(),
            ..OrderQuery::default()
        }));
        let mut names: Vec<String> = page.items.into_iter().map(|o| o.recipient.name).collect();
        names.sort();
        names
    };
    // Two Chinese characters (the pairs index), a street (trigrams), the platform's id.
    assert_eq!(found(&mut s.app, "张三"), ["张三"]);
    assert_eq!(found(&mut s.app, "体育西路"), ["张三"]);
    assert_eq!(found(&mut s.app, "3391000000000002"), ["李四"]);
    assert_eq!(found(&mut s.app, "13812345678"), ["张三", "李四"]);

    // A step of the order keeps it findable, and a waybill given later is found.
    let id = order_id(&s.app, "3391000000000001");
    ok(s.app.pack_order(&PackInput {
        order_id: id.clone(),
        packed_by: "李秀英".into(),
        ..PackInput::default()
    }));
    ok(s.app.set_waybill(&ShipInput {
        order_id: id,
        courier: "ZTO".into(),
        waybill: "78912345678901".into(),
        ..ShipInput::default()
    }));
    assert_eq!(found(&mut s.app, "78912345678901"), ["张三"]);
    assert_eq!(found(&mut s.app, "张三"), ["张三"]);

    // An order typed in after the import is indexed on its own, as before.
    ok(s.app.create_order(&farmstall_app::orders::OrderInput {
        source: "wechat".into(),
        buyer: "老客户".into(),
        recipient: farmstall_app::orders::RecipientInput {
            name: "欧阳娜娜".into(),
            phone: "13912345678".into(),
            province: "陕西省".into(),
            city: "西安市".into(),
            district: "周至县".into(),
            street: "楼观镇 8 号".into(),
            postcode: String::new(),
        },
        lines: vec![OrderLineInput {
            product_id: s.oil.clone(),
            quantity: "1".into(),
            ..OrderLineInput::default()
        }],
        ..farmstall_app::orders::OrderInput::default()
    }));
    assert_eq!(found(&mut s.app, "娜娜"), ["欧阳娜娜"]);
    assert_eq!(found(&mut s.app, "楼观镇"), ["欧阳娜娜"]);
    assert_eq!(
        count(&s.app, "SELECT count(*) FROM orders_search_deferred"),
        0
    );
}
