//! Sales, the month's profit and loss, and the Today screen on a real SQLite file: each figure is
//! the sum of the orders and records behind it, an order's gross profit in the report is the
//! margin the order itself shows, and bad input is refused with a field error.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderInput, OrderLineInput, PackInput, RecipientInput, ShipInput};
use farmstall_app::production::InputLine;
use farmstall_app::reports::MonthRange;
use farmstall_app::returns::{ReturnInput, ReturnLineInput};
use farmstall_app::sales::SalesQuery;
use farmstall_app::stock::{
    CountInput, CountLineInput, PurchaseInput, PurchaseLineInput, WasteInput,
};
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;
use rust_decimal::Decimal;
use std::str::FromStr;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn refusal<T: std::fmt::Debug>(result: Result<T, AppError>) -> Vec<String> {
    match result {
        Err(e) => IpcError::from(&e)
            .errors
            .into_iter()
            .map(|i| i.field)
            .collect(),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

struct Shop {
    _dir: tempfile::TempDir,
    app: App,
    kiwi: String,
    foam: String,
    farmer: String,
}

/// 2026-11-28 10:00 in Shanghai: 23 jin of kiwis owed to 王德贵 (¥4 a jin) and foam boxes.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "猕猴桃 5斤装".into(),
        sale_unit: "箱(5斤)".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "48.80".into(),
        ..ProductInput::default()
    }))
    .id;
    let foam = ok(app.create_product(&ProductInput {
        name_zh: "泡沫箱 5斤装".into(),
        sale_unit: "个".into(),
        stock_unit: "个".into(),
        price: "0".into(),
        kind: "packaging".into(),
        ..ProductInput::default()
    }))
    .id;
    for (product, qty, price, best_before, on, payment) in [
        (&kiwi, "15", "4", "2026-12-10", "2026-11-20", "owed"),
        (&kiwi, "8", "4", "2026-11-30", "2026-11-25", "owed"),
        (&foam, "5", "2", "", "2026-11-25", "cash"),
    ] {
        ok(app.receive_purchase(&PurchaseInput {
            farmer_id: farmer.clone(),
            received_on: on.into(),
            payment: payment.into(),
            lines: vec![PurchaseLineInput {
                product_id: product.clone(),
                quantity: qty.into(),
                unit_price: price.into(),
                best_before: best_before.into(),
                ..PurchaseLineInput::default()
            }],
            ..PurchaseInput::default()
        }));
    }
    Shop {
        _dir: dir,
        app,
        kiwi,
        foam,
        farmer,
    }
}

fn order(s: &Shop, boxes: &str, name: &str, province: &str, state: &str) -> OrderInput {
    OrderInput {
        source: "wechat".into(),
        buyer: String::new(),
        recipient: RecipientInput {
            name: name.into(),
            phone: "13912345678".into(),
            province: province.into(),
            city: "广州市".into(),
            district: "天河区".into(),
            street: "体育西路 191 号".into(),
            postcode: String::new(),
        },
        lines: vec![OrderLineInput {
            product_id: s.kiwi.clone(),
            quantity: boxes.into(),
            ..OrderLineInput::default()
        }],
        shipping_fee: "12".into(),
        state: state.into(),
        ..OrderInput::default()
    }
}

/// One order shipped and partly returned (its margin ¥44.40), one paid and waiting (¥60.80, no
/// costs yet), one cancelled and one unpaid (neither is a sale).
fn sell(s: &mut Shop) -> String {
    let shipped = ok(s
        .app
        .create_order(&order(s, "3", "欧阳娜娜", "广东省", "paid")));
    ok(s.app.pack_order(&PackInput {
        order_id: shipped.id.clone(),
        packaging: vec![InputLine {
            product_id: s.foam.clone(),
            quantity: "1".into(),
        }],
        weight_kg: "5.8".into(),
        packed_by: "秀英".into(),
    }));
    ok(s.app.ship_order(&ShipInput {
        order_id: shipped.id.clone(),
        courier: "顺丰".into(),
        waybill: "SF1234567890123".into(),
        shipping_cost: "12".into(),
    }));
    let line = |qty: &str, disposition: &str| ReturnLineInput {
        product_id: s.kiwi.clone(),
        quantity: qty.into(),
        disposition: disposition.into(),
        reason: String::new(),
    };
    let returned = ok(s.app.return_order(&ReturnInput {
        order_id: shipped.id.clone(),
        lines: vec![line("5", "restock"), line("5", "waste")],
        refund: "60".into(),
        note: "一箱压坏".into(),
    }));
    assert_eq!(returned.margin.as_deref(), Some("44.40"));
    ok(s.app.create_order(&order(s, "1", "王芳", "浙江省", "paid")));
    let cancelled = ok(s.app.create_order(&order(s, "2", "李四", "广东省", "paid")));
    ok(s.app.cancel_order(&cancelled.id, "买家不要了"));
    ok(s.app
        .create_order(&order(s, "1", "张三", "江苏省", "waiting_payment")));
    shipped.id
}

#[test]
fn sales_are_the_sums_of_the_paid_orders_and_gross_profit_is_their_margins() {
    let mut s = shop();
    sell(&mut s);
    // Paid, packed, shipped, returned, cancelled, unpaid: the daily sums kept up with each step.
    sums_equal_the_orders(&s.app, "2026-11-01", "2026-11-30");
    let report = |app: &mut App, by: &str| {
        ok(app.sales_report(&SalesQuery {
            by: by.into(),
            from: "2026-11-01".into(),
            to: "2026-11-30".into(),
        }))
    };
    let month = report(&mut s.app, "month");
    assert_eq!(month.rows.len(), 1);
    let t = &month.total;
    assert_eq!(month.rows[0].figures, *t);
    assert_eq!(t.orders, 2, "cancelled and unpaid orders are not sales");
    assert_eq!(t.unpacked, 1, "the waiting order has no goods cost yet");
    assert_eq!(t.units, "4");
    // 3 boxes + 1 box at 48.80, ¥12 shipping each.
    assert_eq!(t.revenue, "219.20");
    assert_eq!(t.refunds, "60.00");
    // 15 jin at ¥4 left stock, 5 jin went back on the shelf; the crushed box stays a cost.
    assert_eq!(t.goods_cost, "40.00");
    assert_eq!(t.packaging, "2.00");
    assert_eq!(t.shipping, "12.00");
    // The shipped order's margin (44.40) and the waiting one's takings (60.80).
    assert_eq!(t.gross_profit, "105.20");
    assert_eq!(t.margin, "66.1", "105.20 / (219.20 − 60) = 66.08 %");

    let provinces = report(&mut s.app, "province");
    let keys: Vec<(&str, &str)> = provinces
        .rows
        .iter()
        .map(|r| (r.key.as_str(), r.figures.revenue.as_str()))
        .collect();
    assert_eq!(keys, [("广东省", "158.40"), ("浙江省", "60.80")]);
    let channels = report(&mut s.app, "channel");
    assert_eq!(channels.rows.len(), 1);
    assert_eq!(channels.rows[0].key, "wechat");
    let products = report(&mut s.app, "product");
    assert_eq!(products.rows.len(), 1);
    assert_eq!(products.rows[0].key, s.kiwi);
    assert_eq!(products.rows[0].parent, "猕猴桃 5斤装");
    // A product's revenue is its lines' (the shipping fee is the order's).
    assert_eq!(products.rows[0].figures.revenue, "195.20");
    assert_eq!(products.rows[0].figures.units, "4");
    let days = report(&mut s.app, "day");
    assert_eq!(days.rows.len(), 1);
    assert_eq!(days.rows[0].key, "2026-11-28");
    let weeks = report(&mut s.app, "week");
    assert_eq!(
        weeks.rows[0].key, "2026-11-23",
        "weeks are named by their Monday"
    );
    // The same buyer's phone ordered twice (the shipped and the waiting order).
    let repeat = ok(s.app.repeat_buyers(&SalesQuery {
        by: String::new(),
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
    }));
    assert_eq!(repeat.len(), 1);
    assert_eq!(repeat[0].orders, 2);
    assert_eq!(repeat[0].revenue, "219.20");

    // Another year has nothing: an empty report, not zeros that look like sales.
    let empty = ok(s.app.sales_report(&SalesQuery {
        by: "month".into(),
        from: "2025-01-01".into(),
        to: "2025-12-31".into(),
    }));
    assert!(empty.rows.is_empty());
    assert_eq!(empty.total.orders, 0);
    assert_eq!(empty.total.margin, "");
}

#[test]
fn the_months_profit_is_sales_less_spoilage_wages_and_expenses() {
    let mut s = shop();
    // 2 jin spoiled from the lot that expires first: 2 × ¥4.
    let lot = ok(s.app.list_lots(&Default::default()))
        .items
        .into_iter()
        .find(|l| l.best_before.as_deref() == Some("2026-11-30"))
        .unwrap_or_else(|| panic!("the lot expiring 11-30"));
    ok(s.app.record_waste(&WasteInput {
        lot_id: lot.id,
        quantity: "2".into(),
        reason: "spoiled".into(),
        ..WasteInput::default()
    }));
    sell(&mut s);
    let p = ok(s.app.profit_statement("2026-11"));
    let line = |code: &str| {
        p.lines
            .iter()
            .find(|l| l.code == code)
            .map(|l| l.amount.clone())
            .unwrap_or_else(|| panic!("{code}"))
    };
    assert_eq!(line("revenue"), "219.20");
    assert_eq!(line("refunds"), "60.00");
    assert_eq!(line("goods_cost"), "40.00");
    // The crushed returned box is in goods cost, not counted again as spoilage.
    assert_eq!(line("spoilage"), "8.00");
    assert_eq!(line("wages"), "0.00");
    assert!(!p.wages_approved, "no pay approved for November");
    assert!(p.partial, "November is not over on the 28th");
    // 219.20 − 60 − 40 − 2 − 12 − 8
    assert_eq!(p.profit, "97.20");

    // An electricity bill comes off the month's profit; voided, it no longer does.
    let bill = ok(s.app.add_expense(&farmstall_app::expenses::ExpenseInput {
        spent_on: "2026-11-20".into(),
        category: "electricity".into(),
        amount: "120".into(),
        note: "十一月电费".into(),
    }));
    let p = ok(s.app.profit_statement("2026-11"));
    let electricity = p.lines.iter().find(|l| l.code == "expense:electricity");
    assert_eq!(
        electricity.map(|l| (l.amount.as_str(), l.records)),
        Some(("120.00", 1))
    );
    assert_eq!(p.profit, "-22.80");
    ok(s.app.void_expense(&bill.id));
    assert_eq!(ok(s.app.profit_statement("2026-11")).profit, "97.20");

    // A stock count that finds a jin missing is a loss too: ¥4 more spoilage. The month's
    // spoilage is the spoilage report's total for it (the crushed box is not in either).
    let lot = ok(s.app.list_lots(&Default::default()))
        .items
        .into_iter()
        .find(|l| {
            l.product_id == s.kiwi
                && Decimal::from_str(&l.on_hand).unwrap_or_default() >= Decimal::ONE
        })
        .unwrap_or_else(|| panic!("a lot of kiwis"));
    let counted = (Decimal::from_str(&lot.on_hand).unwrap_or_default() - Decimal::ONE).to_string();
    ok(s.app.record_count(&CountInput {
        lines: vec![CountLineInput {
            lot_id: lot.id,
            counted,
        }],
        ..CountInput::default()
    }));
    let p = ok(s.app.profit_statement("2026-11"));
    let spoilage = p.lines.iter().find(|l| l.code == "spoilage");
    assert_eq!(
        spoilage.map(|l| (l.amount.as_str(), l.records)),
        Some(("12.00", 2))
    );
    assert_eq!(p.profit, "93.20");
    let report = ok(s.app.spoilage_by_month(&MonthRange {
        from: "2026-11".into(),
        to: "2026-11".into(),
    }));
    assert_eq!(report.total, "12.00");

    // The paid order not yet packed is in the revenue without a cost, and the statement says
    // so; another one makes two.
    assert_eq!(p.without_goods_cost, 1);
    ok(s.app
        .create_order(&order(&s, "1", "司马相如", "四川省", "paid")));
    let p = ok(s.app.profit_statement("2026-11"));
    assert_eq!(p.without_goods_cost, 2);

    assert_eq!(refusal(s.app.profit_statement("2026-13")), ["month"]);
}

#[test]
fn bad_report_input_is_a_field_error() {
    let mut s = shop();
    let bad = |app: &mut App, by: &str, from: &str, to: &str| {
        refusal(app.sales_report(&SalesQuery {
            by: by.into(),
            from: from.into(),
            to: to.into(),
        }))
    };
    assert_eq!(bad(&mut s.app, "weekly", "", ""), ["by"]);
    assert_eq!(bad(&mut s.app, "day", "2026-12-01", "2026-11-01"), ["to"]);
    assert_eq!(bad(&mut s.app, "day", "2000-01-01", "2026-11-01"), ["from"]);
    assert_eq!(bad(&mut s.app, "day", "yesterday", ""), ["from"]);
}

#[test]
fn today_shows_what_waits_expires_and_is_owed() {
    let mut s = shop();
    let t = ok(s.app.today());
    assert_eq!((t.to_ship, t.overdue), (0, 0));
    assert_eq!(t.oldest_to_ship_hours, None);
    // 23 jin at ¥4 owed to one farmer since the first delivery.
    assert_eq!((t.owed.as_str(), t.owed_farmers), ("92.00", 1));
    let longest = t.longest_owed.unwrap_or_else(|| panic!("a farmer waits"));
    assert_eq!(longest.farmer_id, s.farmer);
    assert_eq!((longest.since.as_str(), longest.days), ("2026-11-20", 8));
    // The lot best before 11-30 is within three days: sell it first.
    assert_eq!(t.expiring_count, 1);
    assert_eq!(t.expiring[0].best_before, "2026-11-30");
    assert_eq!(t.expiring[0].days_left, 2);
    assert_eq!(t.expiring[0].suggestion, "sell_first");
    assert_eq!(t.expiring[0].available, "8");

    sell(&mut s);
    let t = ok(s.app.today());
    assert_eq!(t.to_ship, 1, "the paid order waiting");
    assert_eq!(
        t.month_without_goods_cost, 1,
        "the waiting order's cost is not in yet"
    );
    assert_eq!(t.oldest_to_ship_hours, Some(0));
    assert_eq!(t.sales_today.orders, 2);
    assert_eq!(t.sales_today.gross_profit, "105.20");
    assert_eq!(t.sales_month, t.sales_today);
}

#[test]
fn an_expiring_lot_promised_to_orders_says_pack_those_first() {
    let mut s = shop();
    // Orders that take all that is left of the expiring lot: it is still listed, as the lot
    // whose orders to pack first, with nothing left to sell.
    let t = ok(s.app.today());
    let lot = &t.expiring[0];
    let available = Decimal::from_str(&lot.available).unwrap_or_default();
    let reserved = Decimal::from_str(&lot.reserved).unwrap_or_default();
    assert!(available > Decimal::ZERO, "{lot:?}");
    let boxes = (available / Decimal::from(5)).ceil().to_string();
    ok(s.app
        .create_order(&order(&s, &boxes, "诸葛亮", "湖北省", "paid")));
    let t = ok(s.app.today());
    assert_eq!(t.expiring_count, 1);
    let lot = &t.expiring[0];
    assert_eq!(lot.suggestion, "pack_first");
    assert_eq!(lot.available, "0");
    assert_eq!(
        Decimal::from_str(&lot.reserved).unwrap_or_default(),
        reserved + available
    );
}

#[test]
fn a_sales_report_exports_to_a_spreadsheet_in_the_shops_language() {
    let mut s = shop();
    sell(&mut s);
    let doc = ok(s.app.export_sales_xlsx(&SalesQuery {
        by: "province".into(),
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
    }));
    assert!(doc.path.ends_with(".xlsx"), "{}", doc.path);
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&doc.path)
        .unwrap_or_else(|e| panic!("the XLSX does not open: {e}"));
    assert_eq!(book.sheet_names(), vec!["销售"]);
    let range = book
        .worksheet_range("销售")
        .unwrap_or_else(|e| panic!("{e}"));
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // A title that says what and when, a name in the shop's language, then the headings.
    assert_eq!(rows[0][0], "销售报表（按省份） 2026-11-01 至 2026-11-30");
    assert!(
        doc.path.contains("销售-按省份-2026-11-01至2026-11-30"),
        "{}",
        doc.path
    );
    assert_eq!(rows[1][0], "省份");
    assert_eq!(rows[1][3], "销售额");
    // Margins are numbers a spreadsheet can average: 44.40 of 98.40 (158.40 less 60 given
    // back) is 45.1 %.
    assert!(
        matches!(range.get_value((2, 9)), Some(calamine::Data::Float(m)) if (m - 0.451).abs() < 0.0006),
        "{:?}",
        range.get_value((2, 9))
    );
    // Province, orders, units, revenue: the same figures as the screen's.
    let firsts: Vec<(&str, &str, &str)> = rows
        .iter()
        .skip(2)
        .map(|r| (r[0].as_str(), r[1].as_str(), r[3].as_str()))
        .collect();
    assert_eq!(
        firsts,
        [
            ("广东省", "1", "158.4"),
            ("浙江省", "1", "60.8"),
            ("合计", "2", "219.2")
        ]
    );
}

/// The daily sums the reports read (migration 0012) equal the sums over the orders themselves, for
/// every grouping, from `from` to `to`.
fn sums_equal_the_orders(app: &App, from: &str, to: &str) {
    use farmstall_store::sales::{sales, sales_from_orders, total, total_from_orders, By};
    let day = |t: &str| {
        chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap_or_else(|e| panic!("{t}: {e}"))
    };
    let (from, to) = (day(from), day(to));
    let conn = app.reader().unwrap_or_else(|e| panic!("{e}"));
    for by in [
        By::Day,
        By::Week,
        By::Month,
        By::Year,
        By::Channel,
        By::Province,
        By::Product,
    ] {
        let summed = sales(&conn, from, to, by).unwrap_or_else(|e| panic!("{e}"));
        let counted = sales_from_orders(&conn, from, to, by).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(summed, counted, "{by:?}");
    }
    assert_eq!(
        total(&conn, from, to).unwrap_or_else(|e| panic!("{e}")),
        total_from_orders(&conn, from, to).unwrap_or_else(|e| panic!("{e}"))
    );
    // The forecast's weeks, in stock units.
    let mut weekly = farmstall_store::sales::weekly_sales(&conn, from, to, None)
        .unwrap_or_else(|e| panic!("{e}"));
    weekly.sort();
    let mut stmt = conn
        .prepare(
            "SELECT l.product_id, date(o.ordered_on, 'weekday 0', '-6 days') AS week,
                    sum(l.stock_milli)
             FROM orders o JOIN order_lines l ON l.order_id = o.id
             WHERE o.ordered_on BETWEEN ?1 AND ?2
               AND o.state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')
             GROUP BY l.product_id, week ORDER BY 1, 2",
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let counted: Vec<(String, String, i64)> = stmt
        .query_map((from.to_string(), to.to_string()), |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .and_then(|rows| rows.collect())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(weekly, counted, "weekly sales");
}

/// Yuan text to fen.
fn fen(text: &str) -> i64 {
    let (whole, part) = text.split_once('.').unwrap_or((text, "0"));
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    let whole: i64 = whole
        .trim_start_matches('-')
        .parse()
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    let part: i64 = format!("{part:0<2}")[..2]
        .parse()
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    sign * (whole * 100 + part)
}

/// On a generated shop, every grouping's rows add up to its total, the total is the raw sum of
/// the sold orders, and each month's profit statement is, to the fen, the raw sums of the orders,
/// write-offs, approved payslips and expenses behind it.
#[test]
fn on_a_generated_shop_reports_and_the_profit_statement_are_the_sums_of_the_records() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let clock = FixedClock::new(
        Utc.with_ymd_and_hms(2022, 11, 1, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::System,
        Arc::new(clock),
    )
    .unwrap_or_else(|e| panic!("open: {e}"));
    ok(farmstall_app::generate::generate_sized(
        &mut app, 2, 11, 200, 3_000,
    ));
    fn raw(app: &App, sql: &str) -> i64 {
        app.reader()
            .unwrap_or_else(|e| panic!("{e}"))
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }
    let sold = "state IN ('paid', 'packing', 'packed', 'shipped', 'finished', 'refunded')";
    let (from, to) = ("2021-01-01", "2022-10-31");
    sums_equal_the_orders(&app, from, to);
    let revenue = raw(&app, &format!(
        "SELECT sum(goods_fen + shipping_fee_fen) FROM orders WHERE {sold} AND ordered_on BETWEEN '{from}' AND '{to}'"
    ));
    assert!(revenue > 0);
    for by in [
        "day", "week", "month", "year", "channel", "province", "city", "product",
    ] {
        let r = ok(app.sales_report(&SalesQuery {
            by: by.into(),
            from: from.into(),
            to: to.into(),
        }));
        let rows: i64 = r.rows.iter().map(|row| fen(&row.figures.revenue)).sum();
        if by == "product" {
            // A product's revenue is its lines': the orders' goods.
            let goods = raw(&app, &format!(
                "SELECT sum(goods_fen) FROM orders WHERE {sold} AND ordered_on BETWEEN '{from}' AND '{to}'"
            ));
            assert_eq!(rows, goods, "{by}");
        } else {
            assert_eq!(rows, fen(&r.total.revenue), "{by}");
            let gross: i64 = r
                .rows
                .iter()
                .map(|row| fen(&row.figures.gross_profit))
                .sum();
            assert_eq!(gross, fen(&r.total.gross_profit), "{by}");
        }
        assert_eq!(fen(&r.total.revenue), revenue, "{by}");
    }
    for month in ["2021-11", "2022-06", "2022-10"] {
        let p = ok(app.profit_statement(month));
        let line = |code: &str| {
            p.lines
                .iter()
                .find(|l| l.code == code)
                .map_or(0, |l| fen(&l.amount))
        };
        let range = format!("ordered_on BETWEEN '{}' AND '{}'", p.from, p.to);
        let orders = |expr: &str| {
            raw(
                &app,
                &format!("SELECT coalesce(sum({expr}), 0) FROM orders WHERE {sold} AND {range}"),
            )
        };
        assert_eq!(
            line("revenue"),
            orders("goods_fen + shipping_fee_fen"),
            "{month}"
        );
        assert_eq!(line("refunds"), orders("refunded_fen"), "{month}");
        assert_eq!(
            line("goods_cost"),
            orders("coalesce(goods_cost_fen, 0) - restocked_cost_fen"),
            "{month}"
        );
        assert_eq!(
            line("packaging"),
            orders("coalesce(packaging_cost_fen, 0)"),
            "{month}"
        );
        assert_eq!(
            line("shipping"),
            orders("coalesce(shipping_cost_fen, 0)"),
            "{month}"
        );
        let spoiled = raw(&app, &format!(
            "SELECT coalesce(-sum(cost_fen), 0) FROM stock_ledger g
             WHERE (kind = 'waste' OR (kind = 'adjust' AND reason = 'count'))
             AND business_date BETWEEN '{}' AND '{}' AND (ref IS NULL OR ref NOT IN (SELECT id FROM orders))",
            p.from, p.to
        ));
        assert_eq!(line("spoilage"), spoiled, "{month}");
        let spent = raw(
            &app,
            &format!(
                "SELECT coalesce(sum(amount_fen), 0) FROM expenses WHERE voided_at IS NULL
             AND spent_on BETWEEN '{}' AND '{}'",
                p.from, p.to
            ),
        );
        let expenses: i64 = p
            .lines
            .iter()
            .filter(|l| l.code.starts_with("expense:"))
            .map(|l| fen(&l.amount))
            .sum();
        assert_eq!(expenses, spent, "{month}");
        assert!(spent > 0, "the generated shop spends every month ({month})");
        let lines: i64 = p
            .lines
            .iter()
            .map(|l| {
                if l.code == "revenue" {
                    fen(&l.amount)
                } else {
                    -fen(&l.amount)
                }
            })
            .sum();
        assert_eq!(
            lines,
            fen(&p.profit),
            "{month}: the lines add up to the profit"
        );
    }
}

/// The sheet's rows as text.
fn sheet_rows(path: &str, sheet: &str) -> Vec<Vec<String>> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(path).unwrap_or_else(|e| panic!("the XLSX does not open: {e}"));
    assert_eq!(book.sheet_names(), vec![sheet]);
    let range = book
        .worksheet_range(sheet)
        .unwrap_or_else(|e| panic!("{e}"));
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn the_profit_the_plan_and_the_cost_book_export_to_spreadsheets() {
    let mut s = shop();
    sell(&mut s);
    ok(s.app.add_expense(&farmstall_app::expenses::ExpenseInput {
        spent_on: "2026-11-20".into(),
        category: "electricity".into(),
        amount: "120".into(),
        note: "十一月电费".into(),
    }));
    let mistake = ok(s.app.add_expense(&farmstall_app::expenses::ExpenseInput {
        spent_on: "2026-11-21".into(),
        category: "vehicle".into(),
        amount: "999".into(),
        note: "记错了".into(),
    }));
    ok(s.app.void_expense(&mistake.id));

    // The profit: each line signed as on the screen, the profit the statement's.
    let p = ok(s.app.profit_statement("2026-11"));
    let doc = ok(s.app.export_profit_xlsx("2026-11"));
    assert!(doc.path.contains("利润-2026-11"), "{}", doc.path);
    let rows = sheet_rows(&doc.path, "利润");
    assert!(rows[0][0].starts_with("2026-11 利润表"), "{:?}", rows[0]);
    assert!(rows[0][0].contains("1 笔订单未打包"), "{:?}", rows[0]);
    assert_eq!(rows[1], ["项目", "金额", "记录数"]);
    let line = |name: &str| {
        rows.iter()
            .find(|r| r[0] == name)
            .map(|r| fen(&r[1]))
            .unwrap_or_else(|| panic!("no line {name}: {rows:?}"))
    };
    assert_eq!(line("销售额"), 21920);
    assert_eq!(line("退款"), -6000);
    assert_eq!(line("电费"), -12000);
    assert_eq!(line("利润"), fen(&p.profit));
    let signed: i64 = rows[2..rows.len() - 1].iter().map(|r| fen(&r[1])).sum();
    assert_eq!(signed, fen(&p.profit), "the lines add up to the profit");

    // The cost book: both expenses listed when asked, the voided one marked and not counted.
    let doc = ok(s
        .app
        .export_expenses_xlsx(&farmstall_app::expenses::ExpenseQuery {
            month: "2026-11".into(),
            include_voided: true,
            ..Default::default()
        }));
    let rows = sheet_rows(&doc.path, "费用");
    assert_eq!(rows[0][0], "费用 2026-11-01 至 2026-11-30");
    assert_eq!(
        rows.len(),
        2 + 2 + 1,
        "title, headings, two expenses, total"
    );
    assert!(rows
        .iter()
        .any(|r| r[1] == "车辆" && r[4].contains("已作废")));
    assert_eq!(
        rows.last().map(|r| (r[0].as_str(), fen(&r[2]))),
        Some(("合计", 12000))
    );

    // The plan, in English when the shop speaks English: units in words, not codes.
    ok(s.app.set_language("en"));
    let plan = ok(s.app.purchase_plan("20"));
    let doc = ok(s.app.export_plan_xlsx("20"));
    assert!(
        doc.path.contains("purchase-plan-2026-11-28"),
        "{}",
        doc.path
    );
    let rows = sheet_rows(&doc.path, "Purchase plan");
    assert!(rows[0][0].contains("safety margin 20%"), "{:?}", rows[0]);
    assert_eq!(rows[1][1], "To buy");
    assert_eq!(rows.len(), 2 + plan.rows.len());
    for (row, planned) in rows[2..].iter().zip(&plan.rows) {
        assert_eq!(
            row[1].parse::<f64>().ok(),
            planned.suggested.parse::<f64>().ok()
        );
        assert!(!row[2].contains(':'), "a unit in words: {row:?}");
    }
}

#[test]
fn today_asks_for_work_only_of_those_paid_by_their_work() {
    use farmstall_app::payroll::{EmployeeInput, SchemeInput, WorkInput};
    let mut s = shop();
    let employee = |name: &str, kind: &str, rate: &str| EmployeeInput {
        name: name.into(),
        relation: "家人".into(),
        start_on: "2026-10-01".into(),
        schemes: vec![SchemeInput {
            kind: kind.into(),
            work: String::new(),
            rate: rate.into(),
        }],
        ..EmployeeInput::default()
    };
    let mother = ok(s.app.save_employee(&employee("妈妈", "daily", "120"))).member_id;
    ok(s.app.save_employee(&employee("嫂子", "monthly", "3000")));
    ok(s.app.save_employee(&employee("小罗", "hourly", "15")));
    // The salaried sister-in-law is never asked for; the other two are until their work is in.
    assert_eq!(ok(s.app.today()).work_missing, ["妈妈", "小罗"]);
    ok(s.app.record_work(&WorkInput {
        member_id: mother,
        date: "2026-11-24".into(),
        kind: "days".into(),
        quantity: "1".into(),
        ..WorkInput::default()
    }));
    assert_eq!(ok(s.app.today()).work_missing, ["小罗"]);
}
