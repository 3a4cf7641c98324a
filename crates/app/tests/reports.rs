//! The owner's reports on a real SQLite file, over a small shop built through the use cases:
//! stock by product, low stock, losses by month and purchases by farmer and month. Every figure
//! below is worked out by hand from the purchases and waste in [`shop`].

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ListQuery, ProductInput};
use farmstall_app::reports::{
    FarmerMonthRow, MonthRange, ProductStockRow, PurchaseReportQuery, SpoilageMonth,
};
use farmstall_app::stock::{
    CountInput, CountLineInput, LotQuery, PaymentInput, PurchaseInput, PurchaseLineInput,
    ReversalInput, WasteInput,
};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// 10:00 in Shanghai on that day.
fn set_day(clock: &FixedClock, year: i32, month: u32, day: u32) {
    clock.set(
        Utc.with_ymd_and_hms(year, month, day, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
}

struct Shop {
    _dir: tempfile::TempDir,
    app: App,
    wang: String,
    li: String,
    kiwi: String,
    oil: String,
    chili: String,
    tofu: String,
    boxes: String,
    old_boxes: String,
}

fn product(
    app: &mut App,
    name: &str,
    unit: &str,
    kind: &str,
    shelf_life: &str,
    reorder: &str,
) -> String {
    ok(app.create_product(&ProductInput {
        name_zh: name.into(),
        sale_unit: unit.into(),
        stock_unit: unit.into(),
        perishable: !shelf_life.is_empty(),
        shelf_life_days: shelf_life.into(),
        price: "10".into(),
        kind: kind.into(),
        reorder_point: reorder.into(),
        ..ProductInput::default()
    }))
    .id
}

fn line(product: &str, quantity: &str, price: &str, total: &str) -> PurchaseLineInput {
    PurchaseLineInput {
        product_id: product.into(),
        quantity: quantity.into(),
        unit_price: price.into(),
        line_total: total.into(),
        ..PurchaseLineInput::default()
    }
}

/// Receives a purchase and gives its lots' ids, line by line.
fn buy(
    app: &mut App,
    farmer: &str,
    on: &str,
    payment: &str,
    lines: Vec<PurchaseLineInput>,
) -> Vec<String> {
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer.into(),
        received_on: on.into(),
        payment: payment.into(),
        note: String::new(),
        lines,
    }))
    .lines
    .into_iter()
    .map(|l| l.lot_id)
    .collect()
}

fn waste(app: &mut App, lot: &str, quantity: &str, reason: &str) {
    ok(app.record_waste(&WasteInput {
        lot_id: lot.into(),
        quantity: quantity.into(),
        reason: reason.into(),
        note: String::new(),
    }));
}

/// Two farmers, six products of three kinds, purchases in 2025-08, 2026-08 and 2026-09, waste in
/// 2026-05, -08, -09 and -10. Today is 2026-09-15.
///
/// | product          | kind       | reorder | on hand | cost on hand |
/// |------------------|------------|---------|---------|--------------|
/// | 菜籽油 oil        | ingredient | 5       | 3.5     | 45.50        |
/// | 豆腐 tofu         | goods      | —       | 0       | 0.00         |
/// | 旧纸箱 (archived) | packaging  | 500     | 90      | 89.10        |
/// | 辣椒 chili        | ingredient | 10      | 10      | 45.00        |
/// | 猕猴桃 kiwi       | goods      | 50      | 107     | 374.50       |
/// | 纸箱 boxes        | packaging  | 100     | 0       | 0.00         |
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = Arc::new(FixedClock::new(Utc::now()));
    set_day(&clock, 2026, 9, 15);
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        clock.clone(),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    let wang = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        village: "大木村".into(),
        ..FarmerInput::default()
    }))
    .id;
    let li = ok(app.create_farmer(&FarmerInput {
        name: "李秀兰".into(),
        village: "石门村".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = product(&mut app, "猕猴桃", "斤", "goods", "20", "50");
    let oil = product(&mut app, "菜籽油", "斤", "ingredient", "", "5");
    let chili = product(&mut app, "辣椒", "斤", "ingredient", "", "10");
    let tofu = product(&mut app, "豆腐", "斤", "goods", "3", "");
    let boxes = product(&mut app, "纸箱", "个", "packaging", "", "100");
    let old_boxes = product(&mut app, "旧纸箱", "个", "packaging", "", "500");

    // Last year: 100 old boxes for 99.00 cash.
    let old = buy(
        &mut app,
        &wang,
        "2025-08-01",
        "cash",
        vec![line(&old_boxes, "100", "", "99")],
    );
    // 王德贵 on credit: 23.5 jin kiwis at 3.2750 = 76.96 (best before 08-30) and 4 jin oil for 52.
    let p1 = buy(
        &mut app,
        &wang,
        "2026-08-10",
        "owed",
        vec![line(&kiwi, "23.5", "3.2750", ""), line(&oil, "4", "", "52")],
    );
    // 李秀兰, cash: 40 jin kiwis at 3.00 = 120.00.
    let p2 = buy(
        &mut app,
        &li,
        "2026-09-02",
        "cash",
        vec![line(&kiwi, "40", "3", "")],
    );
    // 王德贵 on credit: 10 jin kiwis for 33.33.
    let p3 = buy(
        &mut app,
        &wang,
        "2026-09-05",
        "owed",
        vec![line(&kiwi, "10", "", "33.33")],
    );
    // 李秀兰 on credit: 10 jin chili for 45.00.
    buy(
        &mut app,
        &li,
        "2026-09-10",
        "owed",
        vec![line(&chili, "10", "", "45")],
    );
    // 王德贵 by WeChat: 50 jin kiwis at 4.00 = 200.00.
    let p5 = buy(
        &mut app,
        &wang,
        "2026-09-12",
        "wechat",
        vec![line(&kiwi, "50", "4", "")],
    );

    // May: 10 of the 100 old boxes damaged: 9.90.
    set_day(&clock, 2026, 5, 20);
    waste(&mut app, &old[0], "10", "damaged");
    // August: 3.5 of 23.5 jin kiwis (76.96) spoiled: 11.46; 0.5 of 4 jin oil (52.00) eaten: 6.50.
    set_day(&clock, 2026, 8, 20);
    waste(&mut app, &p1[0], "3.5", "spoiled");
    waste(&mut app, &p1[1], "0.5", "own_use");
    // September: kiwis at 3.00 a jin, 5 spoiled (15.00) and 2 damaged (6.00); 1 of 10 jin (33.33)
    // given as a sample: 3.33.
    set_day(&clock, 2026, 9, 14);
    waste(&mut app, &p2[0], "5", "spoiled");
    waste(&mut app, &p2[0], "2", "damaged");
    waste(&mut app, &p3[0], "1", "sample");
    // October: 5 of the 50 jin at 4.00 spoiled: 20.00.
    set_day(&clock, 2026, 10, 3);
    waste(&mut app, &p5[0], "5", "spoiled");

    ok(app.archive_product(&old_boxes));
    set_day(&clock, 2026, 9, 15);
    Shop {
        _dir: dir,
        app,
        wang,
        li,
        kiwi,
        oil,
        chili,
        tofu,
        boxes,
        old_boxes,
    }
}

fn names(rows: &[ProductStockRow]) -> Vec<&str> {
    rows.iter().map(|r| r.product_name.as_str()).collect()
}

fn row<'a>(rows: &'a [ProductStockRow], id: &str) -> &'a ProductStockRow {
    rows.iter()
        .find(|r| r.product_id == id)
        .unwrap_or_else(|| panic!("product {id} is not listed"))
}

fn refusal_fields<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<(String, String)> {
    match result {
        Err(e) => IpcError::from(&e)
            .errors
            .into_iter()
            .map(|i| (i.field, i.rule))
            .collect(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

fn fields(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(f, r)| (f.to_string(), r.to_string()))
        .collect()
}

#[test]
fn stock_by_product_sums_each_products_lots_and_lists_what_is_out() {
    let mut s = shop();
    let page = ok(s.app.stock_by_product(&ListQuery::default()));
    assert_eq!(
        names(&page.items),
        ["菜籽油", "豆腐", "辣椒", "猕猴桃", "纸箱"],
        "active products in pinyin order; the archived one left out"
    );
    assert_eq!(page.total, 5);
    assert_eq!(page.value, "465.00", "374.50 + 45.50 + 45.00");

    let kiwi = row(&page.items, &s.kiwi);
    assert_eq!(
        (
            kiwi.on_hand.as_str(),
            kiwi.available.as_str(),
            kiwi.reserved.as_str()
        ),
        ("107", "107", "0"),
        "123.5 jin bought, 16.5 wasted"
    );
    assert_eq!(kiwi.cost_on_hand, "374.50", "430.29 bought − 55.79 wasted");
    assert_eq!(kiwi.lots, 4);
    assert_eq!(
        kiwi.next_best_before.as_deref(),
        Some("2026-08-30"),
        "the oldest lot, received 08-10 + 20 days"
    );
    assert_eq!(kiwi.reorder_point.as_deref(), Some("50"));
    assert!(!kiwi.low, "107 jin is above the reorder point of 50");
    assert_eq!(
        (kiwi.kind.as_str(), kiwi.stock_unit.as_str()),
        ("goods", "jin")
    );

    let oil = row(&page.items, &s.oil);
    assert_eq!(
        (oil.on_hand.as_str(), oil.cost_on_hand.as_str(), oil.lots),
        ("3.5", "45.50", 1)
    );
    assert_eq!(oil.next_best_before, None, "oil keeps");
    assert!(oil.low, "3.5 jin is below the reorder point of 5");

    let tofu = row(&page.items, &s.tofu);
    assert_eq!(
        (
            tofu.on_hand.as_str(),
            tofu.available.as_str(),
            tofu.cost_on_hand.as_str(),
            tofu.lots
        ),
        ("0", "0", "0.00", 0),
        "never bought: listed with zeros"
    );
    assert_eq!(
        (tofu.next_best_before.clone(), tofu.reorder_point.clone()),
        (None, None)
    );
    assert!(!tofu.low, "no reorder point, no warning");

    let boxes = row(&page.items, &s.boxes);
    assert_eq!((boxes.on_hand.as_str(), boxes.lots), ("0", 0));
    assert!(boxes.low, "out of boxes with a reorder point of 100");
    assert!(
        row(&page.items, &s.chili).low,
        "exactly at the reorder point"
    );
}

#[test]
fn stock_by_product_filters_pages_and_values_in_the_database() {
    let mut s = shop();
    let all = ok(s.app.stock_by_product(&ListQuery {
        include_archived: true,
        ..ListQuery::default()
    }));
    assert_eq!(
        names(&all.items),
        ["菜籽油", "豆腐", "旧纸箱", "辣椒", "猕猴桃", "纸箱"]
    );
    assert_eq!(all.value, "554.10", "465.00 + 89.10 of old boxes");
    assert_eq!(
        all.value,
        ok(s.app.inventory_value()).value,
        "with archived products the report values all stock"
    );
    let old = row(&all.items, &s.old_boxes);
    assert!(old.archived);
    assert_eq!(
        (old.on_hand.as_str(), old.cost_on_hand.as_str()),
        ("90", "89.10")
    );
    assert!(!old.low, "an archived product is not reordered");

    let ingredients = ok(s.app.stock_by_product(&ListQuery {
        kind: "ingredient".into(),
        ..ListQuery::default()
    }));
    assert_eq!(names(&ingredients.items), ["菜籽油", "辣椒"]);
    assert_eq!(
        (ingredients.total, ingredients.value.as_str()),
        (2, "90.50")
    );

    let second = ok(s.app.stock_by_product(&ListQuery {
        limit: 2,
        offset: 2,
        ..ListQuery::default()
    }));
    assert_eq!(names(&second.items), ["辣椒", "猕猴桃"]);
    assert_eq!(
        (second.total, second.value.as_str()),
        (5, "465.00"),
        "total and value cover every page"
    );

    let found = ok(s.app.stock_by_product(&ListQuery {
        search: "mht".into(),
        ..ListQuery::default()
    }));
    assert_eq!(names(&found.items), ["猕猴桃"]);
    assert_eq!((found.total, found.value.as_str()), (1, "374.50"));
    let by_name = ok(s.app.stock_by_product(&ListQuery {
        search: "纸箱".into(),
        include_archived: true,
        ..ListQuery::default()
    }));
    assert_eq!(names(&by_name.items), ["旧纸箱", "纸箱"]);
}

#[test]
fn low_stock_lists_active_products_at_or_below_their_reorder_point_most_short_first() {
    let mut s = shop();
    let low = ok(s.app.low_stock(&ListQuery::default()));
    assert_eq!(
        names(&low.items),
        ["纸箱", "菜籽油", "辣椒"],
        "100 short, 1.5 short, exactly at the point; kiwis above theirs, tofu without one and \
         the archived old boxes are not listed"
    );
    assert_eq!(low.total, 3);
    assert!(low.items.iter().all(|r| r.low));
    assert_eq!(low.items[1].available, "3.5");
    assert_eq!(low.items[1].reorder_point.as_deref(), Some("5"));

    let packaging = ok(s.app.low_stock(&ListQuery {
        kind: "packaging".into(),
        include_archived: true,
        ..ListQuery::default()
    }));
    assert_eq!(
        names(&packaging.items),
        ["纸箱"],
        "archived products never need reordering"
    );

    let second = ok(s.app.low_stock(&ListQuery {
        limit: 1,
        offset: 1,
        ..ListQuery::default()
    }));
    assert_eq!((names(&second.items), second.total), (vec!["菜籽油"], 3));

    let found = ok(s.app.low_stock(&ListQuery {
        search: "lajiao".into(),
        ..ListQuery::default()
    }));
    assert_eq!(names(&found.items), ["辣椒"]);
    assert_eq!(found.items[0].product_id, s.chili);
}

fn month(
    m: &str,
    spoiled: &str,
    damaged: &str,
    sample: &str,
    own_use: &str,
    total: &str,
) -> SpoilageMonth {
    SpoilageMonth {
        month: m.into(),
        spoiled: spoiled.into(),
        damaged: damaged.into(),
        sample: sample.into(),
        own_use: own_use.into(),
        count: "0.00".into(),
        total: total.into(),
    }
}

#[test]
fn spoilage_by_month_splits_reasons_and_lists_every_month() {
    let mut s = shop();
    let report = ok(s.app.spoilage_by_month(&MonthRange {
        from: "2026-06".into(),
        to: "2026-09".into(),
    }));
    let zero = |m: &str| month(m, "0.00", "0.00", "0.00", "0.00", "0.00");
    assert_eq!(
        report.months,
        [
            zero("2026-06"),
            zero("2026-07"),
            month("2026-08", "11.46", "0.00", "0.00", "6.50", "17.96"),
            month("2026-09", "15.00", "6.00", "3.33", "0.00", "24.33"),
        ],
        "May's and October's losses are outside the range"
    );
    assert_eq!(report.total, "42.29");

    // Empty = the twelve months up to this month (2025-10 to 2026-09).
    let year = ok(s.app.spoilage_by_month(&MonthRange::default()));
    assert_eq!(year.months.len(), 12);
    assert_eq!(year.months[0].month, "2025-10");
    assert_eq!(year.months[11].month, "2026-09");
    assert_eq!(
        year.months[7],
        month("2026-05", "0.00", "9.90", "0.00", "0.00", "9.90")
    );
    assert_eq!(year.total, "52.19", "9.90 + 17.96 + 24.33");

    let october = ok(s.app.spoilage_by_month(&MonthRange {
        from: "2026-10".into(),
        to: "2026-10".into(),
    }));
    assert_eq!(
        october.months,
        [month("2026-10", "20.00", "0.00", "0.00", "0.00", "20.00")]
    );
    let from_only = ok(s.app.spoilage_by_month(&MonthRange {
        from: "2026/9".into(),
        to: String::new(),
    }));
    assert_eq!(
        (from_only.months.len(), from_only.total.as_str()),
        (1, "24.33"),
        "from September to this month"
    );
}

#[test]
fn a_bad_month_range_names_the_field() {
    let mut s = shop();
    let range = |from: &str, to: &str| MonthRange {
        from: from.into(),
        to: to.into(),
    };
    assert_eq!(
        refusal_fields(s.app.spoilage_by_month(&range("2026-13", ""))),
        fields(&[("from", "bad_date")])
    );
    assert_eq!(
        refusal_fields(s.app.spoilage_by_month(&range("2026-01", "九月"))),
        fields(&[("to", "bad_date")])
    );
    assert_eq!(
        refusal_fields(s.app.spoilage_by_month(&range("26-1", "2026-09-01"))),
        fields(&[("from", "bad_date"), ("to", "bad_date")]),
        "every wrong field at once"
    );
    assert_eq!(
        refusal_fields(s.app.spoilage_by_month(&range("2026-09", "2026-08"))),
        fields(&[("to", "bad_date")]),
        "the last month before the first"
    );
    assert_eq!(
        refusal_fields(s.app.spoilage_by_month(&range("2016-09", "2026-09"))),
        fields(&[("from", "bad_date")]),
        "121 months"
    );
    assert_eq!(
        ok(s.app.spoilage_by_month(&range("2016-10", "2026-09")))
            .months
            .len(),
        120
    );
    assert_eq!(
        refusal_fields(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
            to: "2026-00".into(),
            ..PurchaseReportQuery::default()
        })),
        fields(&[("to", "bad_date")])
    );
}

fn farmer_month(
    farmer: &str,
    month: &str,
    purchases: u32,
    total: &str,
    owed: &str,
) -> (String, String, u32, String, String) {
    (
        farmer.into(),
        month.into(),
        purchases,
        total.into(),
        owed.into(),
    )
}

fn summary(rows: &[FarmerMonthRow]) -> Vec<(String, String, u32, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r.farmer_name.clone(),
                r.month.clone(),
                r.purchases,
                r.total.clone(),
                r.owed.clone(),
            )
        })
        .collect()
}

#[test]
fn purchases_by_farmer_month_sum_what_was_bought_and_on_credit() {
    let mut s = shop();
    // Paying a farmer settles a debt; it does not change what was bought on credit.
    ok(s.app.record_payment(&PaymentInput {
        farmer_id: s.wang.clone(),
        amount: "50".into(),
        method: "cash".into(),
        ..PaymentInput::default()
    }));
    let year = ok(s
        .app
        .purchases_by_farmer_month(&PurchaseReportQuery::default()));
    assert_eq!(
        summary(&year.items),
        [
            farmer_month("王德贵", "2026-09", 2, "233.33", "33.33"),
            farmer_month("李秀兰", "2026-09", 2, "165.00", "45.00"),
            farmer_month("王德贵", "2026-08", 1, "128.96", "128.96"),
        ],
        "newest month first, biggest supplier first; last year's purchase is out of range"
    );
    assert_eq!((year.total, year.sum.as_str()), (3, "527.29"));
    assert_eq!(year.items[0].farmer_id, s.wang);
    assert_eq!(year.items[1].farmer_id, s.li);
    assert_eq!(year.items[1].village, "石门村");

    let second = ok(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
        limit: 1,
        offset: 1,
        ..PurchaseReportQuery::default()
    }));
    assert_eq!(
        summary(&second.items),
        [farmer_month("李秀兰", "2026-09", 2, "165.00", "45.00")]
    );
    assert_eq!(
        (second.total, second.sum.as_str()),
        (3, "527.29"),
        "total and sum cover every page"
    );

    let longer = ok(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
        from: "2025-08".into(),
        to: "2026-09".into(),
        ..PurchaseReportQuery::default()
    }));
    assert_eq!(longer.total, 4);
    assert_eq!(
        summary(&longer.items[3..]),
        [farmer_month("王德贵", "2025-08", 1, "99.00", "0.00")]
    );
    assert_eq!(longer.sum, "626.29");
}

#[test]
fn purchases_by_farmer_month_find_a_farmer_by_pinyin_initials_or_village() {
    let mut s = shop();
    let wang = ok(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
        search: "wdg".into(),
        ..PurchaseReportQuery::default()
    }));
    assert_eq!(
        summary(&wang.items),
        [
            farmer_month("王德贵", "2026-09", 2, "233.33", "33.33"),
            farmer_month("王德贵", "2026-08", 1, "128.96", "128.96"),
        ]
    );
    assert_eq!((wang.total, wang.sum.as_str()), (2, "362.29"));

    let village = ok(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
        search: "石门".into(),
        ..PurchaseReportQuery::default()
    }));
    assert_eq!((village.total, village.sum.as_str()), (1, "165.00"));
    assert_eq!(village.items[0].farmer_name, "李秀兰");

    let nobody = ok(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
        search: "zhang".into(),
        ..PurchaseReportQuery::default()
    }));
    assert_eq!(
        (nobody.total, nobody.sum.as_str(), nobody.items.len()),
        (0, "0.00", 0)
    );
}

fn lot_received(app: &mut App, product: &str, received_on: &str) -> String {
    ok(app.list_lots(&LotQuery {
        product_id: Some(product.into()),
        ..LotQuery::default()
    }))
    .items
    .into_iter()
    .find(|l| l.received_on == received_on)
    .map(|l| l.id)
    .unwrap_or_else(|| panic!("no lot received on {received_on}"))
}

#[test]
fn a_reversed_receipt_is_not_a_purchase_and_a_stock_count_is_a_loss_or_a_find() {
    let mut s = shop();
    // Entered by mistake and reversed: 2 jin chili for 9.00 on credit.
    let wrong = ok(s.app.receive_purchase(&PurchaseInput {
        farmer_id: s.li.clone(),
        received_on: "2026-09-13".into(),
        payment: "owed".into(),
        note: String::new(),
        lines: vec![line(&s.chili, "2", "", "9")],
    }));
    ok(s.app.reverse_purchase(&ReversalInput {
        purchase_id: wrong.id,
        reason: "entered twice".into(),
        reversed_on: String::new(),
    }));
    let report = ok(s.app.purchases_by_farmer_month(&PurchaseReportQuery {
        search: "lxl".into(),
        ..PurchaseReportQuery::default()
    }));
    assert_eq!(
        summary(&report.items),
        [farmer_month("李秀兰", "2026-09", 2, "165.00", "45.00")],
        "the reversed 9.00 on credit is not counted"
    );
    assert_eq!(report.sum, "165.00");
    let chili = ok(s.app.stock_by_product(&ListQuery {
        search: "辣椒".into(),
        ..ListQuery::default()
    }));
    assert_eq!(
        (
            chili.items[0].on_hand.as_str(),
            chili.items[0].lots,
            chili.value.as_str()
        ),
        ("10", 1, "45.00"),
        "the reversed lot is empty"
    );

    // September's count: 0.5 jin oil missing (6.50 of 45.50 for 3.5 jin) and 1 jin kiwis found
    // in the lot bought at 33.33 for 10 jin (3.33 back).
    let oil = lot_received(&mut s.app, &s.oil, "2026-08-10");
    let kiwi = lot_received(&mut s.app, &s.kiwi, "2026-09-05");
    let count = ok(s.app.record_count(&CountInput {
        counted_on: "2026-09-14".into(),
        note: String::new(),
        lines: vec![
            CountLineInput {
                lot_id: oil,
                counted: "3".into(),
            },
            CountLineInput {
                lot_id: kiwi,
                counted: "10".into(),
            },
        ],
    }));
    assert_eq!(count.lost, "3.17");
    let september = ok(s.app.spoilage_by_month(&MonthRange {
        from: "2026-09".into(),
        to: "2026-09".into(),
    }));
    assert_eq!(
        september.months,
        [SpoilageMonth {
            count: "3.17".into(),
            ..month("2026-09", "15.00", "6.00", "3.33", "0.00", "27.50")
        }],
        "waste by reason as before, plus the count's net loss"
    );
    assert_eq!(september.total, "27.50");
}
