//! Starting, inspecting and stopping: `/sim/state` and the request log, the demo shop, bad configs,
//! and a stopped simulator refusing connections.

use farmstall_marketplace_sim::{
    Config, Listing, NewOrder, OrderStatus, Running, ShopConfig, SimError, Simulator, Snapshot,
    DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION,
};
use rust_decimal::Decimal;

use crate::client::*;

#[test]
fn state_over_http_shows_listings_orders_and_the_request_log() {
    let sim = Simulator::start(config(1));
    let tid = sim
        .create_order(
            APP_KEY,
            NewOrder::new(
                OrderStatus::WaitSellerSendGoods,
                vec![NewOrder::line(1001, 2)],
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    call(
        &sim,
        SEND,
        &[
            ("tid", &tid.to_string()),
            ("out_sid", "JD0001"),
            ("company_code", "JD"),
        ],
    )
    .ok("logistics_offline_send_response");
    call(&sim, FULLINFO, &[("tid", "1")]);
    let Reply::Json(json) = get(&sim, "/sim/state") else {
        panic!("no state");
    };
    assert!(
        !json.to_string().contains(SECRET),
        "the secret is never shown"
    );
    let state: Snapshot =
        serde_json::from_value(json.clone()).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(
        state.shops,
        sim.snapshot().shops,
        "HTTP and Rust show the same state"
    );
    assert_eq!(state.shops[0].app_key, APP_KEY);
    assert_eq!(state.listing(1001, None).map(|l| l.stock), Some(8));
    let order = state.order(tid).unwrap_or_else(|| panic!("order"));
    assert_eq!(order.status, OrderStatus::WaitBuyerConfirmGoods);
    assert_eq!(
        order
            .waybill
            .as_ref()
            .map(|w| (w.company_code.as_str(), w.out_sid.as_str())),
        Some(("JD", "JD0001"))
    );
    assert_eq!(
        json["shops"][0]["orders"][0]["status"],
        "WAIT_BUYER_CONFIRM_GOODS"
    );
    assert_eq!(json["shops"][0]["listings"][0]["price"], "59.80");

    assert_eq!(state.requests_total, 2);
    let send = &state.requests[0];
    assert_eq!(send.method.as_deref(), Some(SEND));
    assert_eq!(send.params["out_sid"], "JD0001");
    assert!(send.params.contains_key("sign"));
    assert_eq!((send.http_status, send.code), (Some(200), None));
    let wrong = &state.requests[1];
    assert_eq!(
        (wrong.code, wrong.sub_code.as_deref()),
        (Some(15), Some("isv.trade-not-exist"))
    );

    let Reply::Json(last) = get(&sim, "/sim/state?requests=1") else {
        panic!("no state");
    };
    assert_eq!(last["requests"].as_array().map(Vec::len), Some(1));
    assert_eq!(last["requests"][0]["seq"], 1);
    assert_eq!(last["requests_total"], 2);
}

#[test]
fn buyers_step_over_http() {
    let sim = Simulator::start(config(2));
    let Reply::Json(events) = post_json(&sim, "/sim/buyers", r#"{"steps": 5}"#) else {
        panic!("no events");
    };
    let events = events.as_array().cloned().unwrap_or_default();
    assert_eq!(events.len(), 5);
    assert_eq!(
        events[0]["event"], "ordered",
        "the first step can only be an order: {events:?}"
    );
    assert!(sim.snapshot().orders().count() >= 1);
}

#[test]
fn the_demo_shop_starts_with_orders_and_its_printed_credentials_work() {
    let sim = Simulator::start(Config::demo());
    let snapshot = sim.snapshot();
    let shop = &snapshot.shops[0];
    assert_eq!(
        (shop.app_key.as_str(), shop.session.as_str()),
        (DEMO_APP_KEY, DEMO_SESSION)
    );
    let titles: Vec<&str> = shop.listings.iter().map(|l| l.title.as_str()).collect();
    assert!(titles
        .iter()
        .any(|t| t.contains("猕猴桃") && t.contains("5斤装")));
    assert!(titles.iter().any(|t| t.contains("10斤装")));
    assert!(titles.iter().any(|t| t.contains("豆腐")));
    assert!(titles.iter().any(|t| t.contains("辣")));
    assert!(!shop.orders.is_empty(), "warm-up orders");
    let tid = shop.orders[0].tid.to_string();
    let mut params = system(FULLINFO, "hmac-sha256");
    set(&mut params, "app_key", DEMO_APP_KEY);
    set(&mut params, "session", DEMO_SESSION);
    set(&mut params, "tid", &tid);
    post_signed(&sim, params, DEMO_SECRET).ok("trade_fullinfo_get_response");
}

#[test]
fn a_stopped_simulator_refuses_connections() {
    let sim = Simulator::start(config(1));
    let addr = sim.addr();
    assert!(sim.url().starts_with("http://127.0.0.1:"));
    assert!(matches!(
        call(&sim, FULLINFO, &[("tid", "1")]),
        Reply::Json(_)
    ));
    sim.stop();
    assert_eq!(
        send(addr, "GET", "/sim/state", "text/plain", ""),
        Reply::Refused
    );
}

#[test]
fn a_given_port_is_used_and_a_taken_one_is_an_error() {
    let first = Simulator::start(config(1));
    let mut cfg = config(1);
    cfg.port = Some(first.addr().port());
    assert!(matches!(
        Simulator::try_start(cfg),
        Err(SimError::Bind { .. })
    ));
}

#[test]
fn bad_configs_are_refused() {
    let mut two = config(1);
    two.shops.push(ShopConfig::new(APP_KEY, "x", "y"));
    assert!(matches!(
        Simulator::try_start(two),
        Err(SimError::Config(_))
    ));
    let negative = Config::with_shop(
        1,
        ShopConfig::new("a", "b", "c").listing(Listing::new(1, "A", "a", Decimal::ONE, -1)),
    );
    assert!(matches!(
        Simulator::try_start(negative),
        Err(SimError::Config(_))
    ));
    let mut faults = config(1);
    faults.faults.drop_share = 1.5;
    assert!(matches!(
        Simulator::try_start(faults),
        Err(SimError::Config(_))
    ));
}

#[test]
fn listings_can_be_added_and_stock_set_while_running() {
    let sim = Simulator::start(config(1));
    sim.add_listing(
        APP_KEY,
        Listing::new(2001, "CHILI", "红油辣子", Decimal::new(2580, 2), 4),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sim.stock(2001, None), Some(4));
    sim.set_stock(2001, None, 9)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(sim.listing(2001, None).map(|l| l.stock), Some(9));
    assert!(sim.set_stock(2001, None, -1).is_err());
    assert!(sim.set_stock(9999, None, 1).is_err());
    assert!(sim
        .add_listing("nobody", Listing::new(3001, "X", "x", Decimal::ONE, 1))
        .is_err());
}

#[test]
fn running_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Running>();
}
