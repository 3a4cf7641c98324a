//! Contract tests (issue 6): `Top` against the simulator over real HTTP on 127.0.0.1, for each method
//! and each error shape of docs/marketplace.md. The two crates share no code, so a signing, encoding
//! or decoding mistake on either side fails here.

use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeDelta, TimeZone, Utc};
use farmstall_marketplace::{
    ListingRef, MarketError, Marketplace, RefundStatus, SignMethod, Top, TopConfig, TradeStatus,
};
use farmstall_marketplace_sim::{
    Config, Faults, Listing, NewLine, NewOrder, OrderStatus, Running, ShopConfig, Simulator,
    Waybill,
};
use rust_decimal::Decimal;

const APP_KEY: &str = "21000001";
const SECRET: &str = "contract-secret-5f2a";
const SESSION: &str = "contract-session-77";

/// A shop with a kiwi listing without SKUs (1001) and an item with two SKUs (1002).
fn shop() -> ShopConfig {
    ShopConfig::new(APP_KEY, SECRET, SESSION)
        .listing(Listing::new(
            1001,
            "KIWI-5J",
            "猕猴桃 5斤装",
            Decimal::new(5980, 2),
            1000,
        ))
        .listing(
            Listing::new(
                1002,
                "KIWI-10J-A",
                "猕猴桃 10斤 特级",
                Decimal::new(12800, 2),
                30,
            )
            .with_sku("20021"),
        )
        .listing(
            Listing::new(
                1002,
                "KIWI-10J-B",
                "猕猴桃 10斤 一级",
                Decimal::new(8800, 2),
                40,
            )
            .with_sku("20022"),
        )
}

fn start() -> Running {
    Simulator::start(Config::with_shop(6, shop()))
}

fn config(sim: &Running, method: SignMethod) -> TopConfig {
    TopConfig {
        base_url: sim.url(),
        app_key: APP_KEY.to_string(),
        secret: SECRET.to_string(),
        session: SESSION.to_string(),
        sign_method: method,
        timeout: Duration::from_secs(10),
    }
}

fn top(config: TopConfig) -> Top {
    Top::new(config).unwrap_or_else(|e| panic!("{e}"))
}

fn client(sim: &Running) -> Top {
    top(config(sim, SignMethod::HmacSha256))
}

fn ok<T>(result: Result<T, MarketError>) -> T {
    result.unwrap_or_else(|e| panic!("{e} ({e:?})"))
}

fn err<T: std::fmt::Debug>(result: Result<T, MarketError>) -> MarketError {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

/// The simulator's times are UTC+8 wall clock; the client's are UTC instants.
fn instant(cn: NaiveDateTime) -> DateTime<Utc> {
    Utc.from_utc_datetime(&(cn - TimeDelta::hours(8)))
}

fn paid_order(sim: &Running, lines: Vec<NewLine>) -> u64 {
    sim.create_order(
        APP_KEY,
        NewOrder::new(OrderStatus::WaitSellerSendGoods, lines),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

fn kiwis(num: u32) -> Vec<NewLine> {
    vec![NewOrder::line(1001, num)]
}

fn rejected_sub_code(e: &MarketError) -> &str {
    match e {
        MarketError::Rejected { sub_code, .. } => sub_code,
        other => panic!("expected Rejected, got {other:?}"),
    }
}

// ----- signing and the system parameters -----

#[test]
fn every_sign_method_is_accepted() {
    let sim = start();
    let tid = paid_order(&sim, kiwis(1));
    for method in [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256] {
        let order = ok(top(config(&sim, method)).order(&tid.to_string()));
        assert_eq!(order.tid, tid.to_string(), "{method}");
    }
    let requests = sim.requests();
    assert_eq!(requests.len(), 3);
    for (request, method) in requests.iter().zip(["md5", "hmac", "hmac-sha256"]) {
        assert_eq!(request.code, None, "{method}: {request:?}");
        assert_eq!(
            request.params.get("sign_method").map(String::as_str),
            Some(method)
        );
    }
}

#[test]
fn the_secret_never_goes_on_the_wire() {
    let sim = start();
    let tid = paid_order(&sim, kiwis(1));
    let market = client(&sim);
    ok(market.order(&tid.to_string()));
    ok(market.ship(&tid.to_string(), "SF100200300", "SF"));
    ok(market.set_stock(&ListingRef::listing("1001"), 5));
    let now = instant(sim.now());
    ok(market.changed_orders(now - TimeDelta::hours(1), now, 1, 10));
    for request in sim.requests() {
        for (name, value) in &request.params {
            assert!(!value.contains(SECRET), "{name} carries the secret");
        }
    }
}

// ----- taobao.trade.fullinfo.get -----

#[test]
fn an_order_reads_back_as_the_platform_holds_it() {
    let sim = start();
    let tid = sim
        .create_order(
            APP_KEY,
            NewOrder {
                buyer_message: "请轻放，谢谢".to_string(),
                ..NewOrder::new(
                    OrderStatus::WaitSellerSendGoods,
                    vec![
                        NewOrder::line(1001, 2),
                        NewLine {
                            num_iid: 1002,
                            sku_id: Some("20022".to_string()),
                            num: 1,
                        },
                    ],
                )
            },
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let want = sim
        .order(tid)
        .unwrap_or_else(|| panic!("order {tid} not kept"));
    let got = ok(client(&sim).order(&tid.to_string()));

    assert_eq!(got.tid, tid.to_string());
    assert_eq!(got.status, TradeStatus::WaitSellerSendGoods);
    assert_eq!(got.created, instant(want.created));
    assert_eq!(got.paid_at, want.pay_time.map(instant));
    assert!(got.paid_at.is_some());
    assert_eq!(got.modified, instant(want.modified));
    assert_eq!(got.buyer, want.buyer_nick);
    let r = &got.recipient;
    let w = &want.receiver;
    assert_eq!(
        (
            &r.name,
            &r.mobile,
            &r.province,
            &r.city,
            &r.district,
            &r.address,
            &r.postcode
        ),
        (
            &w.name,
            &w.mobile,
            &w.state,
            &w.city,
            &w.district,
            &w.address,
            &w.zip
        )
    );
    assert_eq!(got.post_fee, want.post_fee);
    assert_eq!(got.payment, want.payment);
    assert_eq!(got.buyer_message, "请轻放，谢谢");
    assert_eq!(got.seller_memo, want.seller_memo);
    assert_eq!((got.waybill.as_str(), got.courier_code.as_str()), ("", ""));
    assert_eq!(got.lines.len(), 2);
    for (line, w) in got.lines.iter().zip(&want.lines) {
        assert_eq!(line.oid, w.oid.to_string());
        assert_eq!(line.num_iid, w.num_iid.to_string());
        assert_eq!(line.sku_id, w.sku_id.clone().unwrap_or_default());
        assert_eq!(line.outer_id, w.outer_iid);
        assert_eq!(line.title, w.title);
        assert_eq!(line.quantity, w.num);
        assert_eq!(line.price, w.price);
        assert_eq!(line.payment, w.payment);
        assert_eq!(line.refund_status, RefundStatus::NoRefund);
    }
    assert_eq!(got.lines[0].outer_id, "KIWI-5J");
    assert_eq!(got.lines[1].sku_id, "20022");
    assert_eq!(got.lines[1].outer_id, "KIWI-10J-B");
}

#[test]
fn each_status_the_platform_moves_an_order_through_reads_back() {
    let sim = start();
    let market = client(&sim);
    let read = |tid: u64| ok(market.order(&tid.to_string()));

    let unpaid = sim
        .create_order(APP_KEY, NewOrder::new(OrderStatus::WaitBuyerPay, kiwis(1)))
        .unwrap_or_else(|e| panic!("{e}"));
    let order = read(unpaid);
    assert_eq!(order.status, TradeStatus::WaitBuyerPay);
    assert_eq!(order.paid_at, None);

    sim.cancel(unpaid).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(unpaid).status, TradeStatus::ClosedByTaobao);

    let refunded = paid_order(&sim, kiwis(1));
    sim.refund(refunded).unwrap_or_else(|e| panic!("{e}"));
    let order = read(refunded);
    assert_eq!(order.status, TradeStatus::Closed);
    assert!(order.paid_at.is_some());

    let finished = paid_order(&sim, kiwis(1));
    ok(market.ship(&finished.to_string(), "YT9988776655", "YTO"));
    assert_eq!(read(finished).status, TradeStatus::WaitBuyerConfirmGoods);
    sim.confirm(finished).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(finished).status, TradeStatus::Finished);
}

#[test]
fn an_unknown_tid_is_rejected_as_trade_not_exist() {
    let sim = start();
    let e = err(client(&sim).order("999999999"));
    assert_eq!(rejected_sub_code(&e), "isv.trade-not-exist");
    assert!(!e.retryable());
    assert_eq!(e.retry_after(), None);
}

// ----- credentials and clock -----

fn credentials_code(e: &MarketError) -> i64 {
    match e {
        MarketError::Credentials { code, .. } => *code,
        other => panic!("expected Credentials, got {other:?}"),
    }
}

#[test]
fn a_wrong_secret_is_a_credentials_error() {
    let sim = start();
    for method in [SignMethod::Md5, SignMethod::Hmac, SignMethod::HmacSha256] {
        let e = err(top(TopConfig {
            secret: "not-the-secret".to_string(),
            ..config(&sim, method)
        })
        .order("1"));
        assert_eq!(credentials_code(&e), 25, "{method}");
        assert!(!e.retryable());
        let text = e.to_string();
        assert!(text.contains("sync settings"), "{text}");
        assert!(!text.contains("not-the-secret"), "{text}");
    }
}

#[test]
fn a_wrong_session_is_a_credentials_error() {
    let sim = start();
    let e = err(top(TopConfig {
        session: "expired-session".to_string(),
        ..config(&sim, SignMethod::Md5)
    })
    .order("1"));
    assert_eq!(credentials_code(&e), 27);
    assert!(!e.retryable());
    assert!(e.to_string().contains("authorise the shop again"), "{e}");
}

#[test]
fn a_wrong_app_key_is_a_credentials_error() {
    let sim = start();
    let e = err(top(TopConfig {
        app_key: "99999999".to_string(),
        ..config(&sim, SignMethod::Md5)
    })
    .order("1"));
    assert_eq!(credentials_code(&e), 29);
    assert!(!e.retryable());
    assert!(e.to_string().contains("app key"), "{e}");
}

#[test]
fn a_clock_more_than_ten_minutes_off_is_a_clock_error() {
    for offset in [11 * 60, -3600] {
        let sim = Simulator::start(Config {
            clock_offset_seconds: offset,
            ..Config::with_shop(6, shop())
        });
        let e = err(client(&sim).order("1"));
        assert!(matches!(e, MarketError::Clock { .. }), "{offset}: {e:?}");
        assert!(!e.retryable());
        assert!(e.to_string().contains("clock"), "{e}");
    }
    // A few minutes of skew is allowed: the tid is checked, not the clock.
    let sim = Simulator::start(Config {
        clock_offset_seconds: -5 * 60,
        ..Config::with_shop(6, shop())
    });
    let e = err(client(&sim).order("1"));
    assert_eq!(rejected_sub_code(&e), "isv.trade-not-exist");
}

// ----- taobao.logistics.offline.send -----

#[test]
fn shipping_marks_the_order_shipped_and_the_same_waybill_again_succeeds() {
    let sim = start();
    let tid = paid_order(&sim, kiwis(2));
    let market = client(&sim);
    ok(market.ship(&tid.to_string(), "SF1234567890", "SF"));
    let shipped = Some(Waybill {
        company_code: "SF".to_string(),
        out_sid: "SF1234567890".to_string(),
    });
    assert_eq!(sim.waybill(tid), shipped);
    assert_eq!(
        sim.order_status(tid),
        Some(OrderStatus::WaitBuyerConfirmGoods)
    );

    let order = ok(market.order(&tid.to_string()));
    assert_eq!(order.status, TradeStatus::WaitBuyerConfirmGoods);
    assert_eq!(order.waybill, "SF1234567890");
    assert_eq!(order.courier_code, "SF");

    // A retry after a lost answer sends the same again: a success, nothing changes.
    ok(market.ship(&tid.to_string(), "SF1234567890", "SF"));
    assert_eq!(sim.waybill(tid), shipped);
}

#[test]
fn shipping_again_with_another_waybill_is_rejected() {
    let sim = start();
    let tid = paid_order(&sim, kiwis(1));
    let market = client(&sim);
    ok(market.ship(&tid.to_string(), "ZT55550001", "ZTO"));
    let e = err(market.ship(&tid.to_string(), "ZT55550002", "ZTO"));
    assert_eq!(rejected_sub_code(&e), "isv.logistics-offline-send-failed");
    assert!(!e.retryable());
    // The simulator says why (in Chinese); the owner sees it.
    assert!(e.to_string().contains("ZT55550001"), "{e}");
    assert_eq!(
        sim.waybill(tid).map(|w| w.out_sid),
        Some("ZT55550001".to_string())
    );
}

#[test]
fn an_order_not_waiting_to_be_sent_cannot_be_shipped() {
    let sim = start();
    let unpaid = sim
        .create_order(APP_KEY, NewOrder::new(OrderStatus::WaitBuyerPay, kiwis(1)))
        .unwrap_or_else(|e| panic!("{e}"));
    let e = err(client(&sim).ship(&unpaid.to_string(), "SF777", "SF"));
    assert_eq!(rejected_sub_code(&e), "isv.logistics-offline-send-failed");
    assert_eq!(sim.order_status(unpaid), Some(OrderStatus::WaitBuyerPay));
}

#[test]
fn a_poisoned_order_is_rejected_every_time() {
    let sim = start();
    let tid = paid_order(&sim, kiwis(1));
    sim.reject_always(tid);
    let market = client(&sim);
    for _ in 0..3 {
        let e = err(market.ship(&tid.to_string(), "SF42", "SF"));
        assert_eq!(rejected_sub_code(&e), "isv.logistics-offline-send-failed");
        assert!(!e.retryable());
    }
    assert_eq!(sim.waybill(tid), None);
    // Other orders still ship.
    let other = paid_order(&sim, kiwis(1));
    ok(market.ship(&other.to_string(), "SF43", "SF"));
}

#[test]
fn bad_arguments_are_rejected() {
    let sim = start();
    let tid = paid_order(&sim, kiwis(1));
    let e = err(client(&sim).ship(&tid.to_string(), "SF100", "NOSUCHCOURIER"));
    match &e {
        MarketError::Rejected { code, .. } => assert_eq!(*code, 41),
        other => panic!("expected Rejected, got {other:?}"),
    }
    assert!(!e.retryable());
    let e = err(client(&sim).ship("not-a-number", "SF100", "SF"));
    assert!(matches!(e, MarketError::Rejected { code: 41, .. }), "{e:?}");
}

// ----- taobao.item.quantity.update -----

#[test]
fn stock_is_set_to_the_full_quantity_not_changed_by_it() {
    let sim = start();
    let market = client(&sim);
    ok(market.set_stock(&ListingRef::listing("1001"), 42));
    assert_eq!(sim.stock(1001, None), Some(42));
    // The same push again (a retry) leaves the same stock.
    ok(market.set_stock(&ListingRef::listing("1001"), 42));
    assert_eq!(sim.stock(1001, None), Some(42));
    ok(market.set_stock(&ListingRef::listing("1001"), 0));
    assert_eq!(sim.stock(1001, None), Some(0));
    let request = sim.requests().pop().unwrap_or_else(|| panic!("no request"));
    assert_eq!(request.params.get("type").map(String::as_str), Some("1"));
}

#[test]
fn a_sku_is_named_by_its_id_or_by_the_sellers_code() {
    let sim = start();
    let market = client(&sim);
    ok(market.set_stock(
        &ListingRef {
            num_iid: "1002".into(),
            sku_id: "20021".into(),
            outer_id: String::new(),
        },
        7,
    ));
    ok(market.set_stock(
        &ListingRef {
            num_iid: "1002".into(),
            sku_id: String::new(),
            outer_id: "KIWI-10J-B".into(),
        },
        9,
    ));
    assert_eq!(sim.stock(1002, Some("20021")), Some(7));
    assert_eq!(sim.stock(1002, Some("20022")), Some(9));
}

#[test]
fn stock_of_a_listing_the_platform_does_not_have_is_rejected() {
    let sim = start();
    let market = client(&sim);
    let e = err(market.set_stock(&ListingRef::listing("4242"), 1));
    assert!(rejected_sub_code(&e).starts_with("isv."), "{e:?}");
    let e = err(market.set_stock(
        &ListingRef {
            num_iid: "1002".into(),
            sku_id: "99999".into(),
            outer_id: String::new(),
        },
        1,
    ));
    assert!(rejected_sub_code(&e).starts_with("isv."), "{e:?}");
    // An item with SKUs needs one named.
    let e = err(market.set_stock(&ListingRef::listing("1002"), 1));
    assert!(matches!(e, MarketError::Rejected { .. }), "{e:?}");
    assert_eq!(sim.stock(1002, Some("20021")), Some(30));
}

// ----- taobao.trades.sold.increment.get -----

#[test]
fn paging_through_many_orders_sees_each_once_newest_first() {
    let sim = start();
    let now = sim.now();
    let count = 250u32;
    let mut made = Vec::new();
    for k in 0..count {
        let at = now - TimeDelta::seconds(i64::from(10 + k * 7));
        let tid = sim
            .create_order(
                APP_KEY,
                NewOrder::new(OrderStatus::WaitSellerSendGoods, kiwis(1)).at(at),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        made.push(tid.to_string());
    }
    // One order outside the window is not listed.
    let old = sim
        .create_order(
            APP_KEY,
            NewOrder::new(OrderStatus::WaitBuyerPay, kiwis(1)).at(now - TimeDelta::hours(30)),
        )
        .unwrap_or_else(|e| panic!("{e}"));

    let market = client(&sim);
    let to = instant(now);
    let from = to - TimeDelta::days(1);
    let mut seen = Vec::new();
    let mut has_next = Vec::new();
    for page_no in 1.. {
        let page = ok(market.changed_orders(from, to, page_no, 100));
        has_next.push(page.has_next);
        for o in &page.orders {
            assert!(o.modified >= from && o.modified <= to, "{o:?}");
            assert_eq!(o.status, Some(TradeStatus::WaitSellerSendGoods));
        }
        seen.extend(page.orders);
        if !has_next[has_next.len() - 1] || page_no > 10 {
            break;
        }
    }
    assert_eq!(has_next, vec![true, true, false]);
    let tids: Vec<String> = seen.iter().map(|o| o.tid.clone()).collect();
    // Made newest first, so the platform's order is the order they were made in.
    assert_eq!(tids, made);
    assert!(seen.windows(2).all(|w| w[0].modified >= w[1].modified));
    assert!(!tids.contains(&old.to_string()));

    let calls = sim.requests();
    let last = calls.last().unwrap_or_else(|| panic!("no request"));
    let param = |name: &str| last.params.get(name).map(String::as_str);
    assert_eq!(param("page_no"), Some("3"));
    assert_eq!(param("page_size"), Some("100"));
    assert_eq!(param("use_has_next"), Some("false"));
    assert_eq!(
        param("end_modified"),
        Some(now.format("%Y-%m-%d %H:%M:%S").to_string().as_str())
    );
}

#[test]
fn a_window_without_orders_is_an_empty_last_page() {
    let sim = start();
    paid_order(&sim, kiwis(1));
    let to = instant(sim.now()) - TimeDelta::days(2);
    let page = ok(client(&sim).changed_orders(to - TimeDelta::hours(1), to, 1, 50));
    assert!(page.orders.is_empty());
    assert!(!page.has_next);
}

#[test]
fn an_order_changed_on_the_platform_moves_to_the_front() {
    let sim = start();
    let now = sim.now();
    let first = paid_order_at(&sim, now - TimeDelta::minutes(5));
    let second = paid_order_at(&sim, now - TimeDelta::minutes(4));
    let market = client(&sim);
    let to = instant(now) + TimeDelta::minutes(1);
    let from = to - TimeDelta::hours(1);
    let tids = |page: farmstall_marketplace::ChangedPage| {
        page.orders.into_iter().map(|o| o.tid).collect::<Vec<_>>()
    };
    assert_eq!(
        tids(ok(market.changed_orders(from, to, 1, 10))),
        vec![second.to_string(), first.to_string()]
    );
    sim.refund(first).unwrap_or_else(|e| panic!("{e}"));
    let page = ok(market.changed_orders(from, to, 1, 10));
    assert_eq!(page.orders[0].status, Some(TradeStatus::Closed));
    assert_eq!(tids(page), vec![first.to_string(), second.to_string()]);
}

fn paid_order_at(sim: &Running, at: NaiveDateTime) -> u64 {
    sim.create_order(
        APP_KEY,
        NewOrder::new(OrderStatus::WaitSellerSendGoods, kiwis(1)).at(at),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_window_longer_than_a_day_is_rejected() {
    let sim = start();
    let to = instant(sim.now());
    let e = err(client(&sim).changed_orders(
        to - TimeDelta::days(1) - TimeDelta::seconds(1),
        to,
        1,
        100,
    ));
    assert!(matches!(e, MarketError::Rejected { code: 41, .. }), "{e:?}");
    assert!(!e.retryable());
    // Exactly one day is allowed.
    ok(client(&sim).changed_orders(to - TimeDelta::days(1), to, 1, 100));
}

// ----- faults -----

fn faulty(faults: Faults) -> Running {
    Simulator::start(Config {
        faults,
        ..Config::with_shop(6, shop())
    })
}

#[test]
fn a_rate_limit_is_rate_limited_with_the_seconds_of_the_ban() {
    let sim = faulty(Faults {
        ban_share: 1.0,
        ban_seconds: 7,
        ..Faults::none()
    });
    let market = client(&sim);
    let e = err(market.order("1"));
    assert_eq!(e, MarketError::RateLimited { seconds: 7 });
    assert!(e.retryable());
    assert_eq!(e.retry_after(), Some(Duration::from_secs(7)));

    // The ban is real: with the faults gone, calls inside it are refused too, with what is left.
    sim.set_faults(Faults::none())
        .unwrap_or_else(|e| panic!("{e}"));
    match err(market.order("1")) {
        MarketError::RateLimited { seconds } => assert!((1..=7).contains(&seconds), "{seconds}"),
        other => panic!("expected RateLimited, got {other:?}"),
    }

    sim.ban(APP_KEY, 300);
    match err(market.ship("1", "SF1", "SF")) {
        MarketError::RateLimited { seconds } => {
            assert!((299..=300).contains(&seconds), "{seconds}")
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

#[test]
fn a_platform_fault_is_a_retryable_server_fault() {
    let sim = faulty(Faults {
        isp_share: 1.0,
        ..Faults::none()
    });
    let market = client(&sim);
    for _ in 0..6 {
        let e = err(market.order("1"));
        match &e {
            MarketError::ServerFault { code, sub_code, .. } => {
                assert_eq!(*code, 15);
                assert!(sub_code.starts_with("isp."), "{sub_code}");
            }
            other => panic!("expected ServerFault, got {other:?}"),
        }
        assert!(e.retryable());
        assert_eq!(e.retry_after(), None);
    }
}

#[test]
fn an_http_5xx_is_a_retryable_transport_failure() {
    let sim = faulty(Faults {
        server_error_share: 1.0,
        ..Faults::none()
    });
    let market = client(&sim);
    for _ in 0..5 {
        let e = err(market.set_stock(&ListingRef::listing("1001"), 3));
        assert!(matches!(e, MarketError::Transport { .. }), "{e:?}");
        assert!(e.retryable());
        assert!(e.to_string().contains("HTTP 5"), "{e}");
    }
    // Nothing was done.
    assert_eq!(sim.stock(1001, None), Some(1000));
}

#[test]
fn a_connection_dropped_mid_answer_is_transport_and_a_retry_is_safe() {
    let sim = faulty(Faults {
        drop_share: 1.0,
        ..Faults::none()
    });
    let tid = paid_order(&sim, kiwis(1));
    let market = client(&sim);
    let e = err(market.ship(&tid.to_string(), "SF20261128", "SF"));
    assert!(matches!(e, MarketError::Transport { .. }), "{e:?}");
    assert!(e.retryable());
    // The platform did ship it before the answer was lost; the retry with the same waybill succeeds.
    assert_eq!(
        sim.order_status(tid),
        Some(OrderStatus::WaitBuyerConfirmGoods)
    );
    let e = err(market.order(&tid.to_string()));
    assert!(matches!(e, MarketError::Transport { .. }), "{e:?}");

    sim.set_faults(Faults::none())
        .unwrap_or_else(|e| panic!("{e}"));
    ok(market.ship(&tid.to_string(), "SF20261128", "SF"));
    assert_eq!(ok(market.order(&tid.to_string())).waybill, "SF20261128");
}

#[test]
fn an_answer_slower_than_the_timeout_is_transport() {
    let sim = faulty(Faults {
        latency_min_ms: 2_000,
        latency_max_ms: 2_000,
        ..Faults::none()
    });
    let market = top(TopConfig {
        timeout: Duration::from_millis(300),
        ..config(&sim, SignMethod::Md5)
    });
    let started = std::time::Instant::now();
    let e = err(market.order("1"));
    assert!(matches!(e, MarketError::Transport { .. }), "{e:?}");
    assert!(e.retryable());
    assert!(
        started.elapsed() < Duration::from_millis(1_500),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_stopped_marketplace_is_transport() {
    let sim = start();
    let market = client(&sim);
    sim.stop();
    let e = err(market.order("1"));
    assert!(matches!(e, MarketError::Transport { .. }), "{e:?}");
    assert!(e.retryable());
    assert!(
        e.to_string().contains("check the internet connection"),
        "{e}"
    );
}

#[test]
fn random_faults_are_always_classified_and_never_undecodable() {
    // Every call under a mix of faults either succeeds or fails with a retryable error: the client
    // never mistakes a fault for a refusal, bad settings or an unreadable answer.
    let sim = faulty(Faults {
        latency_min_ms: 0,
        latency_max_ms: 5,
        server_error_share: 0.15,
        isp_share: 0.15,
        drop_share: 0.15,
        page_shift_share: 0.5,
        ..Faults::none()
    });
    for k in 0..30 {
        let at = sim.now() - TimeDelta::seconds(i64::from(5 + k));
        sim.create_order(
            APP_KEY,
            NewOrder::new(OrderStatus::WaitSellerSendGoods, kiwis(1)).at(at),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }
    let market = client(&sim);
    let to = instant(sim.now()) + TimeDelta::minutes(1);
    let (mut successes, mut failures) = (0, 0);
    for page_no in (1..=4).cycle().take(60) {
        match market.changed_orders(to - TimeDelta::hours(1), to, page_no, 10) {
            Ok(page) => {
                successes += 1;
                assert!(page.orders.iter().all(|o| o.tid.parse::<u64>().is_ok()));
            }
            Err(e) => {
                failures += 1;
                assert!(e.retryable(), "{e:?}");
                assert!(
                    matches!(
                        e,
                        MarketError::ServerFault { .. } | MarketError::Transport { .. }
                    ),
                    "{e:?}"
                );
            }
        }
    }
    assert!(successes > 0 && failures > 0, "{successes} / {failures}");
}
