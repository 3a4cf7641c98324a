//! Buyers from the seed: the simulator never oversells whatever they and the seller do, stock leaves
//! at order creation and comes back on cancel and refund, and the same seed makes the same buyers.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use farmstall_marketplace_sim::{
    BuyerEvent, Config, Listing, NewLine, NewOrder, OrderStatus, Running, ShopConfig, Simulator,
};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

use crate::client::*;

type Key = (u64, Option<String>);

fn held(sim: &Running) -> BTreeMap<Key, i64> {
    let mut held = BTreeMap::new();
    let shops = sim.shops();
    for o in shops
        .iter()
        .flat_map(|s| s.orders.iter())
        .filter(|o| o.status.holds_stock())
    {
        for l in &o.lines {
            *held.entry((l.num_iid, l.sku_id.clone())).or_default() += i64::from(l.num);
        }
    }
    held
}

fn stocks(sim: &Running) -> BTreeMap<Key, i64> {
    sim.shops()
        .iter()
        .flat_map(|s| s.listings.iter())
        .map(|l| ((l.num_iid, l.sku_id.clone()), l.stock))
        .collect()
}

/// Property over seeds: after every buyer step and seller change, every listing's stock is at least
/// zero and equals what the seller last set minus what open orders hold; a refused order wanted more
/// than the stock. Small stocks so that refusals happen often.
#[test]
fn the_simulator_never_oversells() {
    for seed in 0..40u64 {
        let shop = ShopConfig::new(APP_KEY, SECRET, SESSION)
            .listing(Listing::new(
                1,
                "A",
                "猕猴桃 5斤装",
                Decimal::new(5980, 2),
                3,
            ))
            .listing(Listing::new(2, "B", "猕猴桃 10斤装", Decimal::new(9800, 2), 1).with_sku("21"))
            .listing(
                Listing::new(2, "C", "猕猴桃 10斤装 礼盒", Decimal::new(12800, 2), 2)
                    .with_sku("22"),
            )
            .listing(Listing::new(3, "D", "红油辣子", Decimal::new(2580, 2), 0));
        let sim = Simulator::start(Config::with_shop(seed, shop));
        let mut seller = SmallRng::seed_from_u64(seed + 1000);
        // What the seller last set, plus what orders held at that moment.
        let mut base = stocks(&sim);
        let mut refused = 0;
        for step in 0..300 {
            let before = stocks(&sim);
            for event in sim.step_buyers(1) {
                if let BuyerEvent::Refused {
                    num_iid,
                    sku_id,
                    wanted,
                    stock,
                } = event
                {
                    refused += 1;
                    assert!(i64::from(wanted) > stock, "seed {seed} step {step}");
                    assert_eq!(before[&(num_iid, sku_id)], stock);
                }
            }
            // The seller ships some paid orders and restocks now and then.
            if seller.gen_bool(0.3) {
                let paid: Vec<u64> = sim
                    .snapshot()
                    .orders()
                    .filter(|o| o.status == OrderStatus::WaitSellerSendGoods)
                    .map(|o| o.tid)
                    .collect();
                if let Some(tid) = paid.first() {
                    let r = call(
                        &sim,
                        SEND,
                        &[
                            ("tid", &tid.to_string()),
                            ("out_sid", &format!("ZTO{tid}")),
                            ("company_code", "ZTO"),
                        ],
                    );
                    r.ok("logistics_offline_send_response");
                }
            }
            if seller.gen_bool(0.05) {
                let keys: Vec<Key> = base.keys().cloned().collect();
                let key = &keys[seller.gen_range(0..keys.len())];
                let value = seller.gen_range(0..4);
                sim.set_stock(key.0, key.1.as_deref(), value)
                    .unwrap_or_else(|e| panic!("{e}"));
                let held_now = held(&sim);
                base.insert(key.clone(), value + held_now.get(key).copied().unwrap_or(0));
            }
            let now = stocks(&sim);
            let held_now = held(&sim);
            for (key, stock) in &now {
                assert!(
                    *stock >= 0,
                    "seed {seed} step {step}: {key:?} oversold: {stock}"
                );
                let expected = base[key] - held_now.get(key).copied().unwrap_or(0);
                assert_eq!(*stock, expected, "seed {seed} step {step}: {key:?}");
            }
        }
        assert!(
            refused > 0,
            "seed {seed}: small stocks must refuse some orders"
        );
    }
}

#[test]
fn stock_leaves_at_creation_and_returns_on_cancel_and_refund() {
    let sim = Simulator::start(config(1));
    let tofu = |sim: &Running| sim.stock(1003, None).unwrap_or(-1);
    let order = |status| {
        sim.create_order(
            APP_KEY,
            NewOrder::new(status, vec![NewOrder::line(1003, 2)]),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_eq!(tofu(&sim), 20);
    let unpaid = order(OrderStatus::WaitBuyerPay);
    assert_eq!(tofu(&sim), 18);
    sim.cancel(unpaid).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tofu(&sim), 20);
    assert_eq!(
        sim.order_status(unpaid),
        Some(OrderStatus::TradeClosedByTaobao)
    );

    let p = order(OrderStatus::WaitBuyerPay);
    sim.pay(p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tofu(&sim), 18, "paying takes nothing more");
    sim.refund(p).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tofu(&sim), 20);
    let refunded = sim.order(p).unwrap_or_else(|| panic!("order"));
    assert_eq!(refunded.status, OrderStatus::TradeClosed);
    assert!(refunded
        .lines
        .iter()
        .all(|l| l.refund_status == farmstall_marketplace_sim::RefundStatus::Success));

    let shipped = order(OrderStatus::WaitBuyerConfirmGoods);
    assert!(
        sim.waybill(shipped).is_some(),
        "a shipped order made for a test has a waybill"
    );
    sim.refund(shipped).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tofu(&sim), 20);

    let finished = order(OrderStatus::TradeFinished);
    assert!(sim.refund(finished).is_err());
    assert!(sim.cancel(finished).is_err());
    assert_eq!(tofu(&sim), 18);
    // Closed orders made for a test never took stock.
    order(OrderStatus::TradeClosed);
    assert_eq!(tofu(&sim), 18);
    // More than the stock: refused, nothing changed.
    let too_many = NewOrder::new(
        OrderStatus::WaitBuyerPay,
        vec![NewLine {
            num_iid: 1003,
            sku_id: None,
            num: 19,
        }],
    );
    assert!(sim.create_order(APP_KEY, too_many).is_err());
    assert_eq!(tofu(&sim), 18);
}

fn buyer_history(seed: u64) -> (Vec<BuyerEvent>, Vec<String>) {
    let sim = Simulator::start(config(seed));
    let events = sim.step_buyers(150);
    let orders = sim
        .snapshot()
        .orders()
        .map(|o| {
            let lines: Vec<String> = o
                .lines
                .iter()
                .map(|l| format!("{}:{:?}x{}", l.num_iid, l.sku_id, l.num))
                .collect();
            format!(
                "{} {:?} {} {} {:?} {} {}",
                o.tid,
                o.status,
                o.buyer_nick,
                o.payment,
                o.receiver,
                o.buyer_message,
                lines.join(",")
            )
        })
        .collect();
    (events, orders)
}

#[test]
fn the_same_seed_makes_the_same_buyers() {
    let a = buyer_history(9);
    assert_eq!(a, buyer_history(9));
    assert_ne!(a, buyer_history(10));
    let kinds = |events: &[BuyerEvent]| {
        let mut k: Vec<&str> = events
            .iter()
            .map(|e| match e {
                BuyerEvent::Ordered { .. } => "ordered",
                BuyerEvent::Refused { .. } => "refused",
                BuyerEvent::Paid { .. } => "paid",
                BuyerEvent::Cancelled { .. } => "cancelled",
                BuyerEvent::Refunded { .. } => "refunded",
                BuyerEvent::Confirmed { .. } => "confirmed",
                BuyerEvent::Idle => "idle",
            })
            .collect();
        k.sort_unstable();
        k.dedup();
        k
    };
    // Without a seller shipping, buyers order, pay, cancel, refund (and run out of stock).
    assert_eq!(
        kinds(&a.0),
        vec!["cancelled", "ordered", "paid", "refunded", "refused"]
    );
}

#[test]
fn buyers_confirm_shipped_orders() {
    let sim = Simulator::start(config(3));
    let mut shipped = Vec::new();
    for _ in 0..6 {
        let tid = sim
            .create_order(
                APP_KEY,
                NewOrder::new(
                    OrderStatus::WaitBuyerConfirmGoods,
                    vec![NewOrder::line(1003, 1)],
                ),
            )
            .unwrap_or_else(|e| panic!("{e}"));
        shipped.push(tid);
    }
    let events = sim.step_buyers(60);
    let confirmed: Vec<u64> = events
        .iter()
        .filter_map(|e| match e {
            BuyerEvent::Confirmed { tid } => Some(*tid),
            _ => None,
        })
        .collect();
    assert!(!confirmed.is_empty(), "{events:?}");
    for tid in confirmed {
        assert_eq!(sim.order_status(tid), Some(OrderStatus::TradeFinished));
        assert!(sim.order(tid).and_then(|o| o.end_time).is_some());
    }
}

#[test]
fn buyers_are_chinese_with_real_places_and_mobiles() {
    let sim = Simulator::start(Config::demo());
    sim.step_buyers(100);
    let snapshot = sim.snapshot();
    let orders: Vec<_> = snapshot.orders().collect();
    assert!(orders.len() > 20);
    for o in orders {
        let r = &o.receiver;
        assert!(
            r.name
                .chars()
                .all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            r.name
        );
        assert!(
            r.mobile.len() == 11 && r.mobile.starts_with('1'),
            "{}",
            r.mobile
        );
        assert!(r.city.ends_with('市'), "{}", r.city);
        assert!(
            r.district.ends_with('区') || r.district.ends_with('县'),
            "{}",
            r.district
        );
        assert!(!r.address.is_empty() && r.zip.len() == 6);
        assert!(o.buyer_nick.contains("**"));
        let sum: Decimal = o.lines.iter().map(|l| l.payment).sum::<Decimal>() + o.post_fee;
        assert_eq!(o.payment, sum);
    }
}

#[test]
fn background_buyers_order_on_a_timer() {
    let mut cfg = config(4);
    cfg.orders_per_minute = 600;
    let sim = Simulator::start(cfg);
    let deadline = Instant::now() + Duration::from_secs(10);
    while sim.snapshot().orders().count() < 2 {
        assert!(
            Instant::now() < deadline,
            "no orders from the background buyers"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    sim.set_orders_per_minute(0);
}
