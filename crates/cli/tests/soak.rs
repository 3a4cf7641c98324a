//! The fault soak: buyers on the simulated marketplace order, pay, cancel and get refunds while the
//! shop packs and ships and restocks, the marketplace injects faults (latency, 5xx, `isp.*`, rate
//! bans, dropped connections, shifting pages), and `farmstall sync` runs as a real process that is
//! killed at random points. Afterwards, with the faults off: every platform order is stored exactly
//! once and in the state the platform has it, every order shipped here is shipped there with its
//! waybill, every listing offers exactly what the shop can sell less the buffer, and no product has
//! more promised than it holds.
//!
//! `make test` runs a few rounds for a fixed list of seeds; the long version runs by hand:
//! `FARMSTALL_SOAK_ROUNDS=200 cargo test -p farmstall-cli --test soak -- --ignored`.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::orders::{OrderQuery, PackInput, ShipInput};
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::sync::ListingInput;
use farmstall_app::{App, Origin};
use farmstall_marketplace_sim::{
    Config, Faults, Listing, OrderStatus, Running, ShopConfig, Simulator,
};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

const APP_KEY: &str = "12345678";
const SECRET: &str = "soak-secret";
const SESSION: &str = "soak-session";

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

struct Soak {
    dir: tempfile::TempDir,
    sim: Running,
    rng: SmallRng,
    waybills: u64,
}

impl Soak {
    fn db(&self) -> PathBuf {
        self.dir.path().join("data").join("farmstall.db")
    }

    fn app(&self) -> App {
        ok(App::open(&self.db(), Origin::Desktop))
    }

    fn farmstall(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_farmstall"));
        cmd.arg("--db")
            .arg(self.db())
            .args(args)
            .env("FARMSTALL_KEY_DIR", self.dir.path().join("keys"))
            .env("FARMSTALL_MARKETPLACE_SECRET", SECRET)
            .env("FARMSTALL_MARKETPLACE_SESSION", SESSION)
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    }

    /// One `farmstall sync` (`--now`: back-offs cut short), killed after `kill_after` if given.
    fn sync_process(&mut self, now: bool, kill_after: Option<Duration>) {
        let args: &[&str] = if now { &["sync", "--now"] } else { &["sync"] };
        let mut child = ok(self.farmstall(args).spawn());
        let deadline = Instant::now() + kill_after.unwrap_or(Duration::from_secs(60));
        loop {
            if ok(child.try_wait()).is_some() {
                return;
            }
            if Instant::now() >= deadline {
                let _ = child.kill();
                let _ = child.wait();
                return;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// The shop packs and ships some of the paid marketplace orders.
    fn pack_and_ship(&mut self) {
        let mut app = self.app();
        let paid = ok(app.list_orders(&OrderQuery {
            states: vec!["paid".into()],
            limit: 200,
            ..OrderQuery::default()
        }));
        for order in paid.items {
            if !self.rng.gen_bool(0.5) {
                continue;
            }
            // An order whose reservation found too little stock waits for more.
            if app
                .pack_order(&PackInput {
                    order_id: order.id.clone(),
                    packed_by: "妈妈".into(),
                    ..PackInput::default()
                })
                .is_err()
            {
                continue;
            }
            self.waybills += 1;
            ok(app.ship_order(&ShipInput {
                order_id: order.id,
                courier: "SF".into(),
                waybill: format!("SF{:013}", 7_000_000_000_000 + self.waybills),
                ..ShipInput::default()
            }));
        }
    }

    fn restock(&mut self, product: &str, farmer: &str, jin: u32) {
        let mut app = self.app();
        ok(app.receive_purchase(&PurchaseInput {
            farmer_id: farmer.into(),
            payment: "owed".into(),
            lines: vec![PurchaseLineInput {
                product_id: product.into(),
                quantity: jin.to_string(),
                unit: "斤".into(),
                unit_price: "4".into(),
                ..PurchaseLineInput::default()
            }],
            ..PurchaseInput::default()
        }));
    }
}

fn faults(rng: &mut SmallRng) -> Faults {
    // Shares add up to at most 1; bans are short so the soak stays short.
    Faults {
        latency_min_ms: 0,
        latency_max_ms: rng.gen_range(0..30),
        server_error_share: rng.gen_range(0.0..0.08),
        isp_share: rng.gen_range(0.0..0.08),
        ban_share: rng.gen_range(0.0..0.03),
        ban_seconds: 1,
        drop_share: rng.gen_range(0.0..0.08),
        page_shift_share: rng.gen_range(0.0..0.3),
    }
}

fn soak(seed: u64, rounds: usize) {
    let dir = ok(tempfile::tempdir());
    std::fs::create_dir_all(dir.path().join("data")).unwrap_or_else(|e| panic!("{e}"));
    let shop = ShopConfig::new(APP_KEY, SECRET, SESSION)
        .listing(Listing::new(
            1001,
            "KIWI-5J",
            "猕猴桃 5斤装",
            Decimal::new(5980, 2),
            0,
        ))
        .listing(Listing::new(
            1002,
            "KIWI-10J",
            "猕猴桃 10斤装",
            Decimal::new(9980, 2),
            0,
        ));
    let sim = Simulator::start(Config::with_shop(seed, shop));
    let mut s = Soak {
        dir,
        sim,
        rng: SmallRng::seed_from_u64(seed),
        waybills: seed * 100_000,
    };

    // The shop: kiwis by the jin, sold in boxes of 5 jin on two listings (one box, two boxes).
    let (kiwi, farmer) = {
        let mut app = s.app();
        let farmer = ok(app.create_farmer(&FarmerInput {
            name: "王德贵".into(),
            ..FarmerInput::default()
        }))
        .id;
        let kiwi = ok(app.create_product(&ProductInput {
            name_zh: "猕猴桃".into(),
            sale_unit: "箱(5斤)".into(),
            stock_unit: "斤".into(),
            price: "59.80".into(),
            ..ProductInput::default()
        }))
        .id;
        for (num_iid, per, buffer) in [("1001", "1", "1"), ("1002", "2", "0")] {
            ok(app.save_listing(&ListingInput {
                num_iid: num_iid.into(),
                product_id: kiwi.clone(),
                sale_quantity: per.into(),
                buffer: buffer.into(),
                ..ListingInput::default()
            }));
        }
        (kiwi, farmer)
    };
    s.restock(&kiwi, &farmer, 200);
    let url = s.sim.url();
    let status = ok(s
        .farmstall(&["sync", "connect", "--url", &url, "--app-key", APP_KEY])
        .status());
    assert!(status.success(), "connect failed");
    // The first round without faults: the listings get the shop's stock.
    s.sync_process(false, None);

    for round in 0..rounds {
        let f = faults(&mut s.rng);
        ok(s.sim.set_faults(f));
        let steps = s.rng.gen_range(1..12);
        s.sim.step_buyers(steps);
        s.pack_and_ship();
        if round % 4 == 3 {
            let jin = s.rng.gen_range(10..60);
            s.restock(&kiwi, &farmer, jin);
        }
        let kill = s
            .rng
            .gen_bool(0.4)
            .then(|| Duration::from_millis(s.rng.gen_range(0..400)));
        let now = s.rng.gen_bool(0.5);
        s.sync_process(now, kill);
    }

    // Calm: no faults, no buyers, bans over; rounds until nothing is left to send.
    ok(s.sim.set_faults(Faults::default()));
    std::thread::sleep(Duration::from_millis(1100));
    for _ in 0..3 {
        s.sync_process(true, None);
    }
    check(&mut s, &kiwi);
}

fn local_state_fits(platform: OrderStatus, local: &str) -> bool {
    match platform {
        OrderStatus::WaitBuyerPay => local == "waiting_payment",
        OrderStatus::WaitSellerSendGoods => matches!(local, "paid" | "packing" | "packed"),
        OrderStatus::WaitBuyerConfirmGoods => local == "shipped",
        OrderStatus::TradeFinished => matches!(local, "finished" | "shipped"),
        OrderStatus::TradeClosed => matches!(local, "refunded" | "cancelled"),
        OrderStatus::TradeClosedByTaobao => matches!(local, "cancelled" | "refunded"),
    }
}

fn check(s: &mut Soak, kiwi: &str) {
    let db = ok(farmstall_store::rusqlite::Connection::open(s.db()));
    let platform = s
        .sim
        .shops()
        .into_iter()
        .find(|shop| shop.app_key == APP_KEY)
        .unwrap_or_else(|| panic!("the shop is gone from the simulator"));
    assert!(!platform.orders.is_empty(), "the buyers bought nothing");
    let status = ok(s.app().sync_status());
    let parked = ok(s.app().sync_items("parked"));
    assert_eq!(
        (status.parked, status.held),
        (0, 0),
        "{status:?}\n{parked:#?}"
    );
    assert_eq!(status.pending, 0, "something was never sent: {status:?}");
    assert_eq!(status.last_error, "", "{status:?}");

    for o in &platform.orders {
        let rows: Vec<(String, Option<String>, Option<String>)> = {
            let mut stmt = ok(db.prepare(
                "SELECT state, waybill, courier FROM orders WHERE source = 'taobao' AND platform_order_id = ?1",
            ));
            ok(ok(stmt.query_map([o.tid.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            }))
            .collect::<Result<Vec<_>, _>>())
        };
        assert_eq!(
            rows.len(),
            1,
            "order {} is stored {} times",
            o.tid,
            rows.len()
        );
        let (state, waybill, courier) = &rows[0];
        assert!(
            local_state_fits(o.status, state),
            "order {}: {:?} on the platform, {state} here",
            o.tid,
            o.status
        );
        // Shipped here and still shipped: the platform has the waybill. (One refunded on the
        // platform before its waybill got there is refunded here too, with an alert.)
        if let (Some(waybill), "shipped" | "finished") = (waybill, state.as_str()) {
            let sent = s.sim.waybill(o.tid);
            assert_eq!(
                sent.map(|w| (w.company_code, w.out_sid)),
                Some((courier.clone().unwrap_or_default(), waybill.clone())),
                "order {} shipped here with {waybill} but not there",
                o.tid
            );
        }
    }
    let local: i64 = ok(db.query_row(
        "SELECT count(*) FROM orders WHERE source = 'taobao'",
        [],
        |r| r.get(0),
    ));
    assert_eq!(
        local,
        platform.orders.len() as i64,
        "orders here the platform does not have"
    );

    let mut app = s.app();
    for listing in ok(app.list_listings()) {
        let num_iid: u64 = listing.num_iid.parse().unwrap_or_default();
        assert_eq!(
            s.sim.stock(num_iid, None),
            Some(i64::from(listing.offer)),
            "listing {} offers a different stock than the shop can sell",
            listing.num_iid
        );
    }
    // Never oversold: what open orders promise fits in what is on hand.
    let (on_hand, promised): (i64, i64) = ok(db.query_row(
        "SELECT (SELECT coalesce(sum(on_hand_milli), 0) FROM lots WHERE product_id = ?1),
                (SELECT coalesce(sum(ol.stock_milli), 0) FROM order_lines ol JOIN orders o ON o.id = ol.order_id
                 WHERE ol.product_id = ?1 AND o.state IN ('waiting_payment', 'paid', 'packing'))",
        [kiwi],
        |r| Ok((r.get(0)?, r.get(1)?)),
    ));
    assert!(promised <= on_hand, "promised {promised} of {on_hand}");
}

fn rounds(default: usize) -> usize {
    std::env::var("FARMSTALL_SOAK_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

#[test]
fn sync_loses_and_doubles_nothing_under_faults_and_kills() {
    for seed in [11, 29, 47] {
        soak(seed, rounds(15));
    }
}

#[test]
#[ignore = "the long soak, by hand: FARMSTALL_SOAK_ROUNDS=200 cargo test -p farmstall-cli --test soak -- --ignored"]
fn the_long_soak() {
    for seed in [3, 5, 7, 11, 13, 17, 19, 23] {
        soak(seed, rounds(200));
    }
}
