//! Marketplace sync on a real SQLite file, against a marketplace in memory that can be told to
//! fail: orders pulled once however often a round is replayed, held when their listing is unknown,
//! shipping and stock told to the marketplace from the outbox, a poison item parked while the rest
//! goes on, a rate-limit ban waited out, and the status saying what happened.

use std::collections::{BTreeMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, TimeZone, Utc};
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{PackInput, ShipInput};
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::sync::ListingInput;
use farmstall_app::{App, Origin};
use farmstall_domain::FixedClock;
use farmstall_marketplace::{
    ChangedOrder, ChangedPage, ListingRef, MarketError, Marketplace, PlatformLine, PlatformOrder,
    Recipient, RefundStatus, TradeStatus,
};
use rust_decimal::Decimal;

fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn now() -> DateTime<Utc> {
    // 2026-11-28 10:00 in Shanghai.
    Utc.with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
        .single()
        .unwrap_or_default()
}

#[derive(Default)]
struct Market {
    orders: BTreeMap<String, PlatformOrder>,
    shipped: Vec<(String, String, String)>,
    stock: Vec<(String, u32)>,
    /// Every ship of these orders is refused.
    poison: HashSet<String>,
    /// The next calls fail with these, in order.
    failures: VecDeque<MarketError>,
    calls: u32,
    /// When page 2 is first read, this order is changed (its modified time moves past every
    /// window), shifting the orders after it to earlier pages.
    shift_on_page_two: Option<(String, DateTime<Utc>)>,
}

#[derive(Clone, Default)]
struct Fake(Arc<Mutex<Market>>);

impl Fake {
    fn with<T>(&self, f: impl FnOnce(&mut Market) -> T) -> T {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut m)
    }

    fn fail_next(&self, m: &mut Market) -> Result<(), MarketError> {
        m.calls += 1;
        match m.failures.pop_front() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    fn put(&self, order: PlatformOrder) {
        self.with(|m| m.orders.insert(order.tid.clone(), order));
    }

    fn set_status(&self, tid: &str, status: TradeStatus, at: DateTime<Utc>) {
        self.with(|m| {
            if let Some(o) = m.orders.get_mut(tid) {
                o.status = status;
                o.modified = at;
            }
        });
    }
}

impl Marketplace for Fake {
    fn changed_orders(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        page_no: u32,
        page_size: u32,
    ) -> Result<ChangedPage, MarketError> {
        self.with(|m| {
            self.fail_next(m)?;
            if page_no == 2 {
                if let Some((tid, at)) = m.shift_on_page_two.take() {
                    if let Some(o) = m.orders.get_mut(&tid) {
                        o.modified = at;
                    }
                }
            }
            let mut matching: Vec<&PlatformOrder> = m
                .orders
                .values()
                .filter(|o| o.modified >= from && o.modified <= to)
                .collect();
            matching.sort_by_key(|o| std::cmp::Reverse(o.modified));
            let start = ((page_no - 1) * page_size) as usize;
            let page: Vec<ChangedOrder> = matching
                .iter()
                .skip(start)
                .take(page_size as usize)
                .map(|o| ChangedOrder {
                    tid: o.tid.clone(),
                    status: Some(o.status),
                    modified: o.modified,
                })
                .collect();
            Ok(ChangedPage {
                has_next: start + page.len() < matching.len(),
                total: matching.len() as u64,
                orders: page,
            })
        })
    }

    fn order(&self, tid: &str) -> Result<PlatformOrder, MarketError> {
        self.with(|m| {
            self.fail_next(m)?;
            m.orders.get(tid).cloned().ok_or(MarketError::Rejected {
                code: 15,
                sub_code: "isv.trade-not-exist".into(),
                message: "no such trade".into(),
            })
        })
    }

    fn ship(&self, tid: &str, waybill: &str, courier_code: &str) -> Result<(), MarketError> {
        self.with(|m| {
            self.fail_next(m)?;
            if m.poison.contains(tid) {
                return Err(MarketError::Rejected {
                    code: 15,
                    sub_code: "isv.logistics-offline-send-failed".into(),
                    message: "the platform will not ship this order".into(),
                });
            }
            m.shipped.push((
                tid.to_string(),
                waybill.to_string(),
                courier_code.to_string(),
            ));
            if let Some(o) = m.orders.get_mut(tid) {
                o.status = TradeStatus::WaitBuyerConfirmGoods;
                o.waybill = waybill.to_string();
                o.courier_code = courier_code.to_string();
            }
            Ok(())
        })
    }

    fn set_stock(&self, listing: &ListingRef, quantity: u32) -> Result<(), MarketError> {
        self.with(|m| {
            self.fail_next(m)?;
            m.stock.push((listing.num_iid.clone(), quantity));
            Ok(())
        })
    }
}

fn platform_order(tid: &str, num_iid: &str, boxes: u32, status: TradeStatus) -> PlatformOrder {
    PlatformOrder {
        tid: tid.into(),
        status,
        created: now() - Duration::hours(2),
        paid_at: None,
        modified: now() - Duration::hours(1),
        buyer: "t**1".into(),
        recipient: Recipient {
            name: "王芳".into(),
            mobile: "13800001234".into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            address: "文三路 90 号".into(),
            postcode: "310000".into(),
        },
        post_fee: Decimal::ZERO,
        payment: Decimal::new(5980, 2) * Decimal::from(boxes),
        buyer_message: "请尽快发货".into(),
        seller_memo: String::new(),
        waybill: String::new(),
        courier_code: String::new(),
        lines: vec![PlatformLine {
            oid: format!("{tid}1"),
            num_iid: num_iid.into(),
            sku_id: String::new(),
            outer_id: String::new(),
            title: "猕猴桃 5斤装".into(),
            quantity: boxes,
            price: Decimal::new(5980, 2),
            payment: Decimal::new(5980, 2) * Decimal::from(boxes),
            refund_status: RefundStatus::NoRefund,
        }],
    }
}

struct Shop {
    dir: tempfile::TempDir,
    app: App,
    kiwi: String,
    market: Fake,
}

/// A shop with 50 jin of kiwis (10 boxes of 5 jin) and listing 1001 selling them, 1 box held back.
fn shop() -> Shop {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::Desktop,
        Arc::new(FixedClock::new(now())),
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
        price: "59.80".into(),
        ..ProductInput::default()
    }))
    .id;
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer,
        received_on: "2026-11-27".into(),
        payment: "owed".into(),
        lines: vec![PurchaseLineInput {
            product_id: kiwi.clone(),
            quantity: "50".into(),
            unit: "斤".into(),
            unit_price: "4".into(),
            best_before: "2026-12-10".into(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
    ok(app.save_listing(&ListingInput {
        num_iid: "1001".into(),
        title: "猕猴桃 5斤装".into(),
        product_id: kiwi.clone(),
        buffer: "1".into(),
        ..ListingInput::default()
    }));
    Shop {
        dir,
        app,
        kiwi,
        market: Fake::default(),
    }
}

impl Shop {
    fn db(&self) -> farmstall_store::rusqlite::Connection {
        farmstall_store::rusqlite::Connection::open(self.dir.path().join("farmstall.db"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn count(&self, sql: &str) -> i64 {
        self.db()
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    fn text(&self, sql: &str) -> String {
        self.db()
            .query_row(sql, [], |r| r.get(0))
            .unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// The same shop opened again with the clock at `at`.
    fn at(&self, at: DateTime<Utc>) -> App {
        App::open_with_clock(
            &self.dir.path().join("farmstall.db"),
            Origin::Desktop,
            Arc::new(FixedClock::new(at)),
        )
        .unwrap_or_else(|e| panic!("open: {e}"))
    }
}

#[test]
fn orders_are_pulled_once_however_often_a_round_is_replayed() {
    let mut s = shop();
    s.market.put(platform_order(
        "4001",
        "1001",
        2,
        TradeStatus::WaitSellerSendGoods,
    ));
    s.market
        .put(platform_order("4002", "1001", 1, TradeStatus::WaitBuyerPay));
    let first = ok(s.app.sync_once(&s.market));
    assert_eq!((first.created, first.error.as_str()), (2, ""), "{first:?}");
    let reserved = s.count("SELECT sum(reserved_milli) FROM lots");
    assert_eq!(
        reserved, 10_000,
        "2 boxes of 5 jin reserved for the paid order"
    );

    for _ in 0..3 {
        let again = ok(s.app.sync_once(&s.market));
        assert_eq!((again.created, again.updated), (0, 0), "{again:?}");
    }
    assert_eq!(s.count("SELECT count(*) FROM orders"), 2);
    assert_eq!(s.count("SELECT sum(reserved_milli) FROM lots"), 10_000);

    // The buyer pays the second order; the next round moves it on and reserves its box.
    s.market.set_status(
        "4002",
        TradeStatus::WaitSellerSendGoods,
        now() - Duration::minutes(5),
    );
    let paid = ok(s.app.sync_once(&s.market));
    assert_eq!(paid.updated, 1, "{paid:?}");
    assert_eq!(s.count("SELECT sum(reserved_milli) FROM lots"), 15_000);
    let order = s.text("SELECT state FROM orders WHERE platform_order_id = '4002'");
    assert_eq!(order, "paid");
}

#[test]
fn an_order_for_a_listing_sold_here_under_no_product_is_kept_until_it_is_mapped() {
    let mut s = shop();
    s.market.put(platform_order(
        "4003",
        "2002",
        1,
        TradeStatus::WaitSellerSendGoods,
    ));
    let round = ok(s.app.sync_once(&s.market));
    assert_eq!((round.held, round.created), (1, 0), "{round:?}");
    let held = ok(s.app.held_orders());
    assert!(held[0].reason.contains("2002"), "{held:?}");
    assert_eq!(ok(s.app.sync_status()).held, 1);

    ok(s.app.save_listing(&ListingInput {
        num_iid: "2002".into(),
        product_id: s.kiwi.clone(),
        ..ListingInput::default()
    }));
    let round = ok(s.app.sync_once(&s.market));
    assert_eq!((round.created, round.held), (1, 0), "{round:?}");
    assert!(ok(s.app.held_orders()).is_empty());
}

#[test]
fn shipping_here_tells_the_marketplace_the_waybill_and_stock_follows_what_is_sellable() {
    let mut s = shop();
    // The listing's stock goes first: 10 boxes less the one held back.
    ok(s.app.sync_once(&s.market));
    assert_eq!(
        s.market.with(|m| m.stock.clone()),
        vec![("1001".to_string(), 9)]
    );

    // Paid after the last round (so modified now, after the cursor).
    s.market.put(PlatformOrder {
        modified: now() - Duration::minutes(2),
        ..platform_order("4001", "1001", 2, TradeStatus::WaitSellerSendGoods)
    });
    ok(s.app.sync_once(&s.market));
    // Reserving 2 boxes changed the offer once, however many ledger rows it took.
    assert_eq!(
        s.market.with(|m| m.stock.last().cloned()),
        Some(("1001".to_string(), 7))
    );
    let id = s.text("SELECT id FROM orders WHERE platform_order_id = '4001'");
    ok(s.app.pack_order(&PackInput {
        order_id: id.clone(),
        packed_by: "妈妈".into(),
        ..PackInput::default()
    }));
    ok(s.app.ship_order(&ShipInput {
        order_id: id,
        courier: "SF".into(),
        waybill: "SF1234567890123".into(),
        ..ShipInput::default()
    }));
    let round = ok(s.app.sync_once(&s.market));
    assert_eq!(round.error, "", "{round:?}");
    assert_eq!(
        s.market.with(|m| m.shipped.clone()),
        vec![(
            "4001".to_string(),
            "SF1234567890123".to_string(),
            "SF".to_string()
        )]
    );
    // Told once: the next round sends nothing more.
    ok(s.app.sync_once(&s.market));
    assert_eq!(s.market.with(|m| m.shipped.len()), 1);
    assert_eq!(ok(s.app.sync_status()).pending, 0);
}

#[test]
fn an_order_the_marketplace_keeps_refusing_is_parked_and_the_rest_goes_on() {
    let mut s = shop();
    let mut ids = Vec::new();
    for tid in ["4001", "4002"] {
        s.market.put(platform_order(
            tid,
            "1001",
            1,
            TradeStatus::WaitSellerSendGoods,
        ));
    }
    ok(s.app.sync_once(&s.market));
    for (tid, waybill) in [("4001", "SF1234567890123"), ("4002", "SF1234567890124")] {
        let id = s.text(&format!(
            "SELECT id FROM orders WHERE platform_order_id = '{tid}'"
        ));
        ok(s.app.pack_order(&PackInput {
            order_id: id.clone(),
            packed_by: "妈妈".into(),
            ..PackInput::default()
        }));
        ok(s.app.ship_order(&ShipInput {
            order_id: id.clone(),
            courier: "SF".into(),
            waybill: waybill.into(),
            ..ShipInput::default()
        }));
        ids.push(id);
    }
    s.market.with(|m| m.poison.insert("4001".into()));
    // Three rounds, each after the item's back-off has passed.
    let mut clock_offset = Duration::zero();
    for _ in 0..3 {
        let mut later = s.at(now() + clock_offset);
        ok(later.sync_once(&s.market));
        clock_offset += Duration::hours(2);
    }
    let shipped: Vec<String> = s
        .market
        .with(|m| m.shipped.iter().map(|s| s.0.clone()).collect());
    assert_eq!(
        shipped,
        vec!["4002".to_string()],
        "the good order went through"
    );
    let status = ok(s.app.sync_status());
    assert_eq!((status.parked, status.pending), (1, 0), "{status:?}");
    let parked = ok(s.app.sync_items("parked"));
    assert!(parked[0].last_error.contains("will not ship"), "{parked:?}");

    // The owner fixes it on the platform and retries: it goes.
    s.market.with(|m| m.poison.clear());
    ok(s.app.retry_sync_item(parked[0].id));
    let mut later = s.at(now() + clock_offset);
    ok(later.sync_once(&s.market));
    assert_eq!(s.market.with(|m| m.shipped.len()), 2);
    assert_eq!(ok(s.app.sync_status()).parked, 0);
}

#[test]
fn a_rate_limit_ends_the_round_and_the_status_says_so_in_words() {
    let mut s = shop();
    s.market.with(|m| {
        m.failures
            .push_back(MarketError::RateLimited { seconds: 30 });
    });
    let round = ok(s.app.sync_once(&s.market));
    assert_eq!(round.error_kind, "busy", "{round:?}");
    let status = ok(s.app.sync_status());
    assert_eq!(status.last_error_kind, "busy");
    assert!(status.last_error.contains("30 seconds"), "{status:?}");
    assert!(status.last_success_at.is_none());
    // Offline next: the shop still works and the status says offline.
    s.market.with(|m| {
        m.failures.push_back(MarketError::Transport {
            message: "connection refused".into(),
        })
    });
    let round = ok(s.app.sync_once(&s.market));
    assert_eq!(round.error_kind, "offline");
    // Then it works again.
    let round = ok(s.app.sync_once(&s.market));
    assert_eq!(round.error, "");
    assert!(ok(s.app.sync_status()).last_success_at.is_some());
}

#[test]
fn a_refund_after_packing_puts_the_goods_back_and_alerts_the_owner() {
    let mut s = shop();
    s.market.put(platform_order(
        "4001",
        "1001",
        2,
        TradeStatus::WaitSellerSendGoods,
    ));
    ok(s.app.sync_once(&s.market));
    let id = s.text("SELECT id FROM orders WHERE platform_order_id = '4001'");
    ok(s.app.pack_order(&PackInput {
        order_id: id,
        packed_by: "妈妈".into(),
        ..PackInput::default()
    }));
    assert_eq!(s.count("SELECT sum(on_hand_milli) FROM lots"), 40_000);
    s.market
        .set_status("4001", TradeStatus::Closed, now() - Duration::minutes(1));
    ok(s.app.sync_once(&s.market));
    assert_eq!(s.count("SELECT sum(on_hand_milli) FROM lots"), 50_000);
    let alerts = ok(s.app.sync_alerts());
    assert_eq!(alerts.len(), 1);
    assert_eq!(alerts[0].kind, "closed_after_packing");
    ok(s.app.dismiss_sync_alert(alerts[0].id));
    assert!(ok(s.app.sync_alerts()).is_empty());
}

#[test]
fn the_marketplace_secret_is_sealed_outside_the_database_and_never_shown() {
    let s = shop();
    let keys = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = s.at(now()).with_key_dir(keys.path());
    let refused = app.save_marketplace(&farmstall_app::credentials::MarketplaceInput {
        base_url: "http://example.com".into(),
        app_key: String::new(),
        ..Default::default()
    });
    let fields: Vec<String> = match refused {
        Err(e) => farmstall_app::IpcError::from(&e)
            .errors
            .into_iter()
            .map(|i| i.field)
            .collect(),
        Ok(v) => panic!("saved {v:?}"),
    };
    assert_eq!(fields, vec!["baseUrl", "appKey", "secret", "session"]);

    let secret = "s3cret-kiwi-7788";
    let session = "session-token-5566";
    let settings = ok(
        app.save_marketplace(&farmstall_app::credentials::MarketplaceInput {
            base_url: "http://127.0.0.1:9/".into(),
            app_key: "12345678".into(),
            secret: secret.into(),
            session: session.into(),
            sign_method: String::new(),
        }),
    );
    assert!(settings.connected && settings.has_secret && settings.has_session);
    assert_eq!(settings.sign_method, "hmac-sha256");
    let shown = format!("{settings:?}");
    assert!(
        !shown.contains(secret) && !shown.contains(session),
        "{shown}"
    );
    // Nowhere in the data folder in plain text: not the database, not the sealed file.
    for entry in std::fs::read_dir(s.dir.path()).unwrap_or_else(|e| panic!("{e}")) {
        let path = entry.map(|e| e.path()).unwrap_or_default();
        let bytes = std::fs::read(&path).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(secret),
            "the secret is readable in {}",
            path.display()
        );
        assert!(
            !text.contains(session),
            "the session is readable in {}",
            path.display()
        );
    }
    // Saving again without the secret keeps it; a client can be made.
    ok(
        app.save_marketplace(&farmstall_app::credentials::MarketplaceInput {
            base_url: "http://127.0.0.1:9".into(),
            app_key: "12345678".into(),
            ..Default::default()
        }),
    );
    assert!(ok(app.marketplace_client()).is_some());
    // Another computer's key (or none) cannot open it, and says what to do.
    let other = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut elsewhere = s.at(now()).with_key_dir(other.path());
    match elsewhere.marketplace_client() {
        Err(e) => assert!(e.to_string().contains("enter them again"), "{e}"),
        Ok(_) => panic!("opened with another key"),
    }
    ok(app.forget_marketplace());
    assert!(!ok(app.marketplace_settings()).connected);
}

#[test]
fn the_demo_shop_connects_to_the_demo_marketplace_and_ships_through_it() {
    use farmstall_marketplace_sim::{Config, Simulator, DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION};
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let keys = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut app = App::open(&dir.path().join("farmstall.db"), Origin::Desktop)
        .unwrap_or_else(|e| panic!("open: {e}"))
        .with_key_dir(keys.path());
    ok(app.load_demo());
    let config = Config {
        first_tid: 900_000_000_000,
        ..Config::demo()
    };
    let listings: Vec<farmstall_app::sync::DemoListing> = config
        .shops
        .iter()
        .flat_map(|s| s.listings.iter())
        .map(|l| farmstall_app::sync::DemoListing {
            num_iid: l.num_iid.to_string(),
            sku_id: l.sku_id.clone().unwrap_or_default(),
            outer_id: l.outer_id.clone(),
            title: l.title.clone(),
        })
        .collect();
    let sim = Simulator::start(Config {
        orders_per_minute: 0,
        ..config
    });
    let mapped = ok(app.connect_demo_marketplace(
        &sim.url(),
        (DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION),
        &listings,
    ));
    assert_eq!(
        mapped as usize,
        listings.len(),
        "every demo listing has its product"
    );
    let market = ok(app.marketplace_client()).unwrap_or_else(|| panic!("no client"));
    let round = ok(app.sync_now(&market));
    assert_eq!(round.error, "", "{round:?}");
    assert!(round.created > 0, "{round:?}");

    // A paid order whose goods are all reserved is packed and shipped here, and sent.
    let db = farmstall_store::rusqlite::Connection::open(dir.path().join("farmstall.db"))
        .unwrap_or_else(|e| panic!("{e}"));
    let (id, tid): (String, String) = db
        .query_row(
            "SELECT o.id, o.platform_order_id FROM orders o
             WHERE o.state = 'paid'
               AND EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.origin = 'sync')
               AND (SELECT sum(stock_milli) FROM order_lines WHERE order_id = o.id)
                 = (SELECT coalesce(sum(reserved_milli), 0) FROM stock_ledger WHERE ref = o.id)
             LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap_or_else(|e| panic!("no paid order in stock: {e}"));
    ok(app.pack_order(&PackInput {
        order_id: id.clone(),
        packed_by: "妈妈".into(),
        ..PackInput::default()
    }));
    ok(app.ship_order(&ShipInput {
        order_id: id,
        courier: "SF".into(),
        waybill: "SF1234567890128".into(),
        ..ShipInput::default()
    }));
    assert_eq!(
        db.query_row(
            "SELECT count(*) FROM sync_outbox WHERE kind = 'ship' AND state = 'pending'",
            [],
            |r| r.get::<_, i64>(0)
        )
        .unwrap_or_default(),
        1,
        "only the order shipped now waits (the demo's history is settled)"
    );
    let round = ok(app.sync_now(&market));
    assert_eq!(
        (round.pushed > 0, round.error.as_str()),
        (true, ""),
        "{round:?}"
    );
    let tid: u64 = tid.parse().unwrap_or_default();
    assert_eq!(
        sim.waybill(tid).map(|w| w.out_sid),
        Some("SF1234567890128".to_string())
    );
}

/// The status over real HTTP: a stopped marketplace is offline, a slow one (slower than the
/// client waits) is offline too, refused credentials say so, a poisoned order is parked while the
/// rest is sent, and a marketplace back to normal is online again.
#[test]
fn the_status_tells_the_truth_when_the_marketplace_is_stopped_slow_or_refusing() {
    use farmstall_marketplace::{SignMethod, Top, TopConfig};
    use farmstall_marketplace_sim::{
        Config, Faults, Listing, NewOrder, OrderStatus, ShopConfig, Simulator,
    };
    let s = shop();
    let shop_config = ShopConfig::new("12345678", "the-secret", "the-session").listing(
        Listing::new(1001, "KIWI-5J", "猕猴桃 5斤装", Decimal::new(5980, 2), 0),
    );
    let sim = Simulator::start(Config::with_shop(5, shop_config));
    let top = |secret: &str, timeout_ms: u64| {
        Top::new(TopConfig {
            base_url: sim.url(),
            app_key: "12345678".into(),
            secret: secret.into(),
            session: "the-session".into(),
            sign_method: SignMethod::HmacSha256,
            timeout: std::time::Duration::from_millis(timeout_ms),
        })
        .unwrap_or_else(|e| panic!("{e}"))
    };
    // Real time here: the simulator stamps its orders with the real clock.
    let mut app = App::open(&s.dir.path().join("farmstall.db"), Origin::Desktop)
        .unwrap_or_else(|e| panic!("{e}"));
    let kind = |app: &mut App| ok(app.sync_status()).last_error_kind;

    let round = ok(app.sync_now(&top("the-secret", 5_000)));
    assert_eq!(round.error, "", "{round:?}");
    assert_eq!(
        sim.stock(1001, None),
        Some(9),
        "10 boxes less the one held back"
    );

    ok(app.sync_now(&top("not-the-secret", 5_000)));
    assert_eq!(kind(&mut app), "credentials");
    assert!(ok(app.sync_status()).last_error.contains("secret"));

    ok(sim.set_faults(Faults {
        latency_min_ms: 400,
        latency_max_ms: 500,
        ..Faults::default()
    }));
    ok(app.sync_now(&top("the-secret", 150)));
    assert_eq!(kind(&mut app), "offline", "slower than the client waits");
    ok(sim.set_faults(Faults::default()));

    // Two paid orders; the marketplace refuses to ship one of them whatever is sent.
    let mut tids = Vec::new();
    for _ in 0..2 {
        tids.push(ok(sim.create_order(
            "12345678",
            NewOrder::new(
                OrderStatus::WaitSellerSendGoods,
                vec![NewOrder::line(1001, 1)],
            ),
        )));
    }
    sim.reject_always(tids[0]);
    ok(app.sync_now(&top("the-secret", 5_000)));
    for (tid, waybill) in tids.iter().zip(["SF1234567890201", "SF1234567890202"]) {
        let id = s.text(&format!(
            "SELECT id FROM orders WHERE platform_order_id = '{tid}'"
        ));
        ok(app.pack_order(&PackInput {
            order_id: id.clone(),
            packed_by: "妈妈".into(),
            ..PackInput::default()
        }));
        ok(app.ship_order(&ShipInput {
            order_id: id,
            courier: "SF".into(),
            waybill: waybill.into(),
            ..ShipInput::default()
        }));
    }
    for _ in 0..3 {
        ok(app.sync_now(&top("the-secret", 5_000)));
    }
    let status = ok(app.sync_status());
    assert_eq!((status.parked, status.pending), (1, 0), "{status:?}");
    assert_eq!(
        sim.waybill(tids[1]).map(|w| w.out_sid),
        Some("SF1234567890202".to_string()),
        "the good order went through"
    );
    assert_eq!(
        status.last_error_kind, "",
        "a parked item is not an outage: {status:?}"
    );

    let url = sim.url();
    sim.stop();
    let stopped = Top::new(TopConfig {
        base_url: url,
        app_key: "12345678".into(),
        secret: "the-secret".into(),
        session: "the-session".into(),
        sign_method: SignMethod::HmacSha256,
        timeout: std::time::Duration::from_millis(2_000),
    })
    .unwrap_or_else(|e| panic!("{e}"));
    ok(app.sync_now(&stopped));
    assert_eq!(kind(&mut app), "offline");
    // Nothing local stopped: the shop still records orders' steps while offline.
    assert!(ok(app.sync_status()).last_success_at.is_some());
}

#[test]
fn pages_that_shift_while_they_are_read_lose_no_order() {
    let mut s = shop();
    // 250 small orders over three pages, the newest first; the newest changes while page 2 is
    // read, so every order after it moves up one place. A reader going first to last misses the
    // order that slides from page 2 onto page 1.
    for i in 0..250u32 {
        s.market.put(PlatformOrder {
            modified: now() - Duration::minutes(100 - i64::from(i) / 10),
            ..platform_order(
                &format!("{}", 5000 + i),
                "1001",
                1,
                TradeStatus::WaitBuyerPay,
            )
        });
    }
    let newest = "5249".to_string();
    s.market
        .with(|m| m.shift_on_page_two = Some((newest.clone(), now() + Duration::minutes(1))));
    ok(s.app.sync_once(&s.market));
    let stored = s.count("SELECT count(*) FROM orders WHERE source = 'taobao'");
    assert_eq!(
        stored, 250,
        "every order came in (the changed one as it was first read)"
    );
    // The changed one is in the next window.
    let mut later = s.at(now() + Duration::minutes(3));
    ok(later.sync_once(&s.market));
    assert_eq!(
        s.count("SELECT count(*) FROM orders WHERE source = 'taobao'"),
        250
    );
}
