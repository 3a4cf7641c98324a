//! Regressions of issue 10 at sync's edges, on a real SQLite file and, where the marketplace
//! matters, the real simulator over 127.0.0.1: money from the platform exact to the fen and
//! bounded, the cursor of a round that outlived its settings, rounds that cannot start showing in
//! the status, sync's stock movements credited to no one, and the credentials' key and address.

use std::sync::{Arc, Barrier};

use farmstall_app::credentials::MarketplaceInput;
use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{PackInput, ShipInput};
use farmstall_app::returns::ReturnInput;
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::sync::{FirstRound, ListingInput, Runner};
use farmstall_app::{App, Origin};
use farmstall_marketplace::{SignMethod, Top, TopConfig};
use farmstall_marketplace_sim::{
    Config, Faults, Listing, NewOrder, OrderStatus, Receiver, Running, ShopConfig, Simulator,
};
use rust_decimal::Decimal;

const APP_KEY: &str = "12345678";
const SECRET: &str = "the-secret";
const SESSION: &str = "the-session";

fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    keys: tempfile::TempDir,
    app: App,
    kiwi: String,
}

impl Shop {
    fn db_path(&self) -> std::path::PathBuf {
        self.dir.path().join("farmstall.db")
    }

    fn db(&self) -> farmstall_store::rusqlite::Connection {
        ok(farmstall_store::rusqlite::Connection::open(self.db_path()))
    }

    fn text(&self, sql: &str) -> Option<String> {
        ok(self.db().query_row(sql, [], |r| r.get(0)))
    }

    fn count(&self, sql: &str) -> i64 {
        ok(self.db().query_row(sql, [], |r| r.get(0)))
    }

    /// The same shop opened again (real time: the simulator stamps orders with the real clock).
    fn again(&self) -> App {
        ok(App::open(&self.db_path(), Origin::Desktop)).with_key_dir(self.keys.path())
    }
}

/// A shop selling kiwis by the jin (30 jin in stock) on listing 3001, 3 jin a piece.
fn shop() -> Shop {
    let dir = ok(tempfile::tempdir());
    let keys = ok(tempfile::tempdir());
    let mut app =
        ok(App::open(&dir.path().join("farmstall.db"), Origin::Desktop)).with_key_dir(keys.path());
    let farmer = ok(app.create_farmer(&FarmerInput {
        name: "王德贵".into(),
        ..FarmerInput::default()
    }))
    .id;
    let kiwi = ok(app.create_product(&ProductInput {
        name_zh: "猕猴桃".into(),
        sale_unit: "斤".into(),
        stock_unit: "斤".into(),
        perishable: true,
        shelf_life_days: "20".into(),
        price: "3.50".into(),
        ..ProductInput::default()
    }))
    .id;
    let today = chrono::Utc::now()
        .with_timezone(&farmstall_domain::clock::shanghai())
        .date_naive();
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer,
        received_on: today.to_string(),
        payment: "owed".into(),
        lines: vec![PurchaseLineInput {
            product_id: kiwi.clone(),
            quantity: "30".into(),
            unit: "斤".into(),
            unit_price: "2".into(),
            best_before: (today + chrono::Duration::days(20)).to_string(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
    ok(app.save_listing(&ListingInput {
        num_iid: "3001".into(),
        title: "猕猴桃 3斤装".into(),
        product_id: kiwi.clone(),
        sale_quantity: "3".into(),
        ..ListingInput::default()
    }));
    Shop {
        dir,
        keys,
        app,
        kiwi,
    }
}

/// The simulator with listing 3001: 3 jin of kiwis for ¥10.00.
fn simulator() -> Running {
    Simulator::start(Config::with_shop(
        7,
        ShopConfig::new(APP_KEY, SECRET, SESSION).listing(Listing::new(
            3001,
            "KIWI-3J",
            "猕猴桃 3斤装",
            Decimal::new(1000, 2),
            10,
        )),
    ))
}

fn top(base_url: &str) -> Top {
    ok(Top::new(TopConfig {
        base_url: base_url.into(),
        app_key: APP_KEY.into(),
        secret: SECRET.into(),
        session: SESSION.into(),
        sign_method: SignMethod::HmacSha256,
        timeout: std::time::Duration::from_secs(10),
    }))
}

fn settings(base_url: &str, app_key: &str) -> MarketplaceInput {
    MarketplaceInput {
        base_url: base_url.into(),
        app_key: app_key.into(),
        secret: SECRET.into(),
        session: SESSION.into(),
        sign_method: String::new(),
    }
}

/// Regression (issue 10): ¥10.00 for a 3-jin listing was stored as 3 jin at 3.33, ¥9.99, and
/// the platform's full refund of ¥10.00 was refused as more than the order's total.
#[test]
fn ten_yuan_for_a_three_jin_listing_is_ten_yuan_and_its_full_refund_is_accepted() {
    let mut s = shop();
    let sim = simulator();
    let tid = ok(sim.create_order(
        APP_KEY,
        NewOrder::new(
            OrderStatus::WaitSellerSendGoods,
            vec![NewOrder::line(3001, 1)],
        ),
    ));
    let round = ok(s.app.sync_now(&top(&sim.url())));
    assert_eq!((round.created, round.error.as_str()), (1, ""), "{round:?}");
    let id = s
        .text(&format!(
            "SELECT id FROM orders WHERE platform_order_id = '{tid}'"
        ))
        .unwrap_or_default();
    let order = ok(s.app.get_order(&id));
    assert_eq!(order.total, "10.00", "{order:?}");
    let prices: Vec<&str> = order.lines.iter().map(|l| l.unit_price.as_str()).collect();
    assert_eq!(prices, vec!["3.33", "3.34"], "{order:?}");
    assert_eq!(
        s.count(&format!(
            "SELECT sum(quantity_milli) FROM order_lines WHERE order_id = '{id}'"
        )),
        3000,
        "3 jin in all"
    );
    // Shipped, then the buyer is refunded in full on the platform; the owner records the same.
    ok(s.app.pack_order(&PackInput {
        order_id: id.clone(),
        packed_by: "妈妈".into(),
        ..PackInput::default()
    }));
    ok(s.app.ship_order(&ShipInput {
        order_id: id.clone(),
        courier: "SF".into(),
        waybill: "SF1234567890301".into(),
        ..ShipInput::default()
    }));
    let refunded = ok(s.app.return_order(&ReturnInput {
        order_id: id,
        refund: "10.00".into(),
        note: "全额退款".into(),
        ..ReturnInput::default()
    }));
    assert_eq!(refunded.refunded, "10.00");
    assert_eq!(refunded.state, "refunded");
}

/// Regression (issue 10): an amount near `Decimal::MAX` overflowed a multiplication inside the
/// round (a panic, so the round never finished and started again, for ever).
#[test]
fn an_absurd_platform_amount_holds_the_order_and_the_round_goes_on() {
    let mut s = shop();
    let sim = Simulator::start(Config::with_shop(
        7,
        ShopConfig::new(APP_KEY, SECRET, SESSION)
            .listing(Listing::new(
                3001,
                "KIWI-3J",
                "猕猴桃 3斤装",
                Decimal::new(1000, 2),
                10,
            ))
            .listing(Listing::new(
                3002,
                "KIWI-GOLD",
                "金猕猴桃",
                // 10^27 yuan: a hundred times it no longer fits a Decimal.
                Decimal::from_i128_with_scale(10_i128.pow(27), 0),
                10,
            )),
    ));
    ok(s.app.save_listing(&ListingInput {
        num_iid: "3002".into(),
        product_id: s.kiwi.clone(),
        ..ListingInput::default()
    }));
    let absurd = ok(sim.create_order(
        APP_KEY,
        NewOrder::new(
            OrderStatus::WaitSellerSendGoods,
            vec![NewOrder::line(3002, 1)],
        ),
    ));
    let fine = ok(sim.create_order(
        APP_KEY,
        NewOrder::new(
            OrderStatus::WaitSellerSendGoods,
            vec![NewOrder::line(3001, 1)],
        ),
    ));
    let market = top(&sim.url());
    let round = ok(s.app.sync_now(&market));
    assert_eq!(
        (round.created, round.held, round.error.as_str()),
        (1, 1, ""),
        "{round:?}"
    );
    let held = ok(s.app.held_orders());
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].platform_order_id, absurd.to_string());
    assert!(held[0].reason.contains("amounts"), "{held:?}");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM orders WHERE platform_order_id = '{fine}'"
        )),
        1
    );
    assert!(ok(s.app.sync_status()).cursor.is_some(), "the round ended");
    // Not asked for again every round: it waits until the platform changes it.
    let asked = |sim: &Running| {
        sim.snapshot()
            .requests
            .iter()
            .filter(|r| {
                r.method.as_deref() == Some("taobao.trade.fullinfo.get")
                    && r.params.get("tid") == Some(&absurd.to_string())
            })
            .count()
    };
    let before = asked(&sim);
    let round = ok(s.app.sync_now(&market));
    assert_eq!(round.error, "", "{round:?}");
    assert!(
        asked(&sim) - before <= 1,
        "read again only as part of the window's overlap, not also from the held list"
    );
}

/// Regression (issue 10): new settings saved while a round read the old marketplace reset the
/// cursor, and then the round wrote the old marketplace's cursor back.
#[test]
fn settings_saved_during_a_round_leave_no_old_cursor() {
    let mut s = shop();
    let sim = simulator();
    ok(s.app.save_marketplace(&settings(&sim.url(), APP_KEY)));
    // Every call takes a while, so the new settings land while the round waits for the first.
    ok(sim.set_faults(Faults {
        latency_min_ms: 700,
        latency_max_ms: 800,
        ..Faults::default()
    }));
    let market = ok(s.app.marketplace_client()).unwrap_or_else(|| panic!("no client"));
    let start = Arc::new(Barrier::new(2));
    let saver = {
        let start = Arc::clone(&start);
        let mut other = s.again();
        let url = sim.url();
        std::thread::spawn(move || {
            start.wait();
            std::thread::sleep(std::time::Duration::from_millis(200));
            ok(other.save_marketplace(&settings(&url, "87654321")));
        })
    };
    start.wait();
    let round = ok(s.app.sync_now(&market));
    ok(saver.join().map_err(|_| "the saver panicked"));
    assert!(round.error.contains("settings changed"), "{round:?}");
    assert_eq!(
        ok(s.app.sync_status()).cursor,
        None,
        "the old marketplace's cursor was left for the new one"
    );
    assert_eq!(ok(s.app.marketplace_settings()).app_key, "87654321");
}

/// Regression (issue 10): stock that sync reserved was credited to whoever was "working now".
#[test]
fn a_sync_ledger_row_has_no_member() {
    let mut s = shop();
    let sim = simulator();
    let mum = ok(s.app.add_member("妈妈")).id;
    ok(s.app.set_current_member(&mum));
    ok(sim.create_order(
        APP_KEY,
        NewOrder::new(
            OrderStatus::WaitSellerSendGoods,
            vec![NewOrder::line(3001, 1)],
        ),
    ));
    let round = ok(s.app.sync_now(&top(&sim.url())));
    assert_eq!((round.created, round.error.as_str()), (1, ""), "{round:?}");
    assert!(s.count("SELECT count(*) FROM stock_ledger WHERE origin = 'sync'") > 0);
    assert_eq!(
        s.count(
            "SELECT count(*) FROM stock_ledger WHERE origin = 'sync' AND member_id IS NOT NULL"
        ),
        0,
        "sync's movements are sync's"
    );
}

fn wait_for(runner: &Runner) {
    runner.sync_now();
    assert!(
        runner.wait_idle(std::time::Duration::from_secs(60)),
        "the round never ended"
    );
}

/// Regression (issue 10): the runner dropped the error of a round that could not start, so the
/// status went on saying all was well.
#[test]
fn a_round_that_cannot_read_the_key_shows_in_the_status() {
    let mut s = shop();
    let sim = simulator();
    ok(s.app.save_marketplace(&settings(&sim.url(), APP_KEY)));
    ok(std::fs::write(
        s.keys.path().join("credentials.key"),
        b"short",
    ));
    let runner = Runner::start_with_key_dir(
        s.db_path(),
        std::time::Duration::from_secs(3600),
        s.keys.path().to_path_buf(),
        FirstRound::AtOnce,
    );
    wait_for(&runner);
    let status = ok(s.app.sync_status());
    assert_eq!(status.last_error_kind, "local", "{status:?}");
    assert!(status.last_error.contains("key"), "{status:?}");
    assert!(status.last_attempt_at.is_some());
}

/// The desktop's runner waits for the window's first screen (issue 15): started so, it runs no
/// round and says it is not syncing until woken; woken, it runs the round the timer would.
#[test]
fn a_runner_started_for_later_runs_its_first_round_when_woken() {
    let mut s = shop();
    let sim = simulator();
    ok(s.app.save_marketplace(&settings(&sim.url(), APP_KEY)));
    let runner = Runner::start_with_key_dir(
        s.db_path(),
        std::time::Duration::from_secs(3600),
        s.keys.path().to_path_buf(),
        FirstRound::WhenWoken,
    );
    assert!(
        !runner.busy(),
        "a runner started for later says it is syncing"
    );
    assert_eq!(ok(s.app.sync_status()).last_attempt_at, None);
    runner.wake();
    assert!(
        runner.wait_idle(std::time::Duration::from_secs(60)),
        "the round never ended"
    );
    let status = ok(s.app.sync_status());
    assert!(status.last_success_at.is_some(), "{status:?}");
    assert_eq!(status.last_error_kind, "", "{status:?}");
}

/// Regression (issue 10): a round that found the database busy vanished without a word.
#[test]
fn a_round_that_finds_the_database_busy_shows_in_the_status() {
    let mut s = shop();
    let sim = simulator();
    ok(s.app.save_marketplace(&settings(&sim.url(), APP_KEY)));
    let runner = Runner::start_with_key_dir(
        s.db_path(),
        std::time::Duration::from_secs(3600),
        s.keys.path().to_path_buf(),
        FirstRound::AtOnce,
    );
    wait_for(&runner);
    assert_eq!(ok(s.app.sync_status()).last_error_kind, "");
    // Another program holds the write lock for longer than the busy timeout.
    let other = s.db();
    ok(other.execute_batch("BEGIN IMMEDIATE"));
    wait_for(&runner);
    ok(other.execute_batch("ROLLBACK"));
    let status = ok(s.app.sync_status());
    assert_eq!(status.last_error_kind, "local", "{status:?}");
    assert!(status.last_error.contains("busy"), "{status:?}");
    // Once the database is free again, the next round clears it.
    wait_for(&runner);
    let status = ok(s.app.sync_status());
    assert_eq!(status.last_error_kind, "", "{status:?}");
}

/// Regression (issue 10): a prefix check let plain http go to `127.0.0.1.evil.example`.
#[test]
fn plain_http_settings_are_kept_only_for_this_computer() {
    let mut s = shop();
    for bad in [
        "http://127.0.0.1.evil.example",
        "http://localhost.evil.example",
        "http://127.0.0.1@evil.example",
        "http://192.168.1.5:8080",
    ] {
        let refused = s.app.save_marketplace(&settings(bad, APP_KEY));
        let fields: Vec<String> = match refused {
            Err(e) => farmstall_app::IpcError::from(&e)
                .errors
                .into_iter()
                .map(|i| i.field)
                .collect(),
            Ok(v) => panic!("{bad} was kept: {v:?}"),
        };
        assert_eq!(fields, vec!["baseUrl"], "{bad}");
    }
    for good in [
        "http://127.0.0.1:8080",
        "http://[::1]:1234",
        "http://localhost:8080",
        "https://eco.taobao.com",
    ] {
        let kept = ok(s.app.save_marketplace(&settings(good, APP_KEY)));
        assert_eq!(kept.base_url, good);
    }
}

/// Regression (issue 10): the key folder was created with the default mode, and two programs
/// saving settings at once each wrote a key of their own over the other's, so one of them could
/// no longer open its sealed settings.
#[cfg(unix)]
#[test]
fn the_key_folder_is_private_and_shops_saving_at_once_share_one_key() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &std::path::Path| ok(std::fs::metadata(p)).permissions().mode() & 0o777;
    let keys = ok(tempfile::tempdir());
    // A folder someone made open to others is tightened.
    let open = keys.path().join("open");
    ok(std::fs::create_dir(&open));
    ok(std::fs::set_permissions(
        &open,
        std::fs::Permissions::from_mode(0o755),
    ));
    let fresh = keys.path().join("new").join("farmstall");
    for dir in [&open, &fresh] {
        let shops: Vec<tempfile::TempDir> = (0..6).map(|_| ok(tempfile::tempdir())).collect();
        let start = Arc::new(Barrier::new(shops.len()));
        let savers: Vec<_> = shops
            .iter()
            .map(|d| {
                let mut app = ok(App::open(&d.path().join("farmstall.db"), Origin::Desktop))
                    .with_key_dir(dir);
                let start = Arc::clone(&start);
                std::thread::spawn(move || {
                    start.wait();
                    ok(app.save_marketplace(&settings("https://eco.taobao.com", APP_KEY)));
                })
            })
            .collect();
        for saver in savers {
            ok(saver.join().map_err(|_| "a saver panicked"));
        }
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
        assert_eq!(mode(&dir.join("credentials.key")), 0o600);
        assert_eq!(ok(std::fs::read(dir.join("credentials.key"))).len(), 32);
        // Opened up again by hand (or by an older version): saving tightens it.
        ok(std::fs::set_permissions(
            dir,
            std::fs::Permissions::from_mode(0o755),
        ));
        let mut again = ok(App::open(
            &shops[0].path().join("farmstall.db"),
            Origin::Desktop,
        ))
        .with_key_dir(dir);
        ok(again.save_marketplace(&settings("https://eco.taobao.com", APP_KEY)));
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
        for d in &shops {
            let mut app =
                ok(App::open(&d.path().join("farmstall.db"), Origin::Desktop)).with_key_dir(dir);
            let settings = ok(app.marketplace_settings());
            assert!(settings.has_secret, "{}", d.path().display());
        }
    }
}

/// Regression (issue 10): a listing's sale quantity was multiplied by 1000 unchecked, so a huge
/// one panicked inside the use case.
#[test]
fn a_huge_listing_quantity_is_a_field_error() {
    let mut s = shop();
    for huge in ["79228162514264337593543950335", "1000000.001", "1000001"] {
        let refused = s.app.save_listing(&ListingInput {
            num_iid: "3009".into(),
            product_id: s.kiwi.clone(),
            sale_quantity: huge.into(),
            ..ListingInput::default()
        });
        let fields: Vec<String> = match refused {
            Err(e) => farmstall_app::IpcError::from(&e)
                .errors
                .into_iter()
                .map(|i| i.field)
                .collect(),
            Ok(v) => panic!("{huge} was kept: {v:?}"),
        };
        assert_eq!(fields, vec!["saleQuantity"], "{huge}");
    }
    let kept = ok(s.app.save_listing(&ListingInput {
        num_iid: "3009".into(),
        product_id: s.kiwi.clone(),
        sale_quantity: "1000000".into(),
        ..ListingInput::default()
    }));
    assert_eq!(kept.sale_quantity, "1000000");
}

/// Buyers paste addresses with line breaks; a form refuses those (`bad_character`), but an order
/// from the platform must be stored with them as spaces, not held for a person to retype.
#[test]
fn a_platform_address_with_line_breaks_is_stored_on_one_line() {
    let mut s = shop();
    let sim = simulator();
    let mut order = NewOrder::new(
        OrderStatus::WaitSellerSendGoods,
        vec![NewOrder::line(3001, 1)],
    );
    order.receiver = Some(Receiver {
        name: "李娜\t".into(),
        mobile: "13912345678".into(),
        state: "广东省".into(),
        city: "广州市".into(),
        district: "天河区".into(),
        address: "体育西路 191 号\r\n中石化大厦 B 座 2708".into(),
        zip: "510620".into(),
    });
    let tid = ok(sim.create_order(APP_KEY, order));
    let round = ok(s.app.sync_now(&top(&sim.url())));
    assert_eq!((round.created, round.held), (1, 0), "{round:?}");
    assert_eq!(
        s.count(&format!(
            "SELECT count(*) FROM orders WHERE platform_order_id = '{tid}' \
             AND street = '体育西路 191 号 中石化大厦 B 座 2708' AND recipient_name = '李娜'"
        )),
        1
    );
}
