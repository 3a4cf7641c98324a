//! Sync figures (`make bench`): pulling 10,000 orders from the simulator over HTTP on 127.0.0.1
//! with no injected latency (target: under 10 s), and applying a page of 100 new orders locally
//! (target: under 20 ms). Prints medians of a few runs; the machine is shared, so read ratios.

use std::sync::Arc;
use std::time::{Duration, Instant};

use farmstall_app::dto::{FarmerInput, ProductInput};
use farmstall_app::stock::{PurchaseInput, PurchaseLineInput};
use farmstall_app::sync::{Applied, ListingInput};
use farmstall_app::{App, Origin};
use farmstall_domain::SystemClock;
use farmstall_marketplace::{
    ChangedOrder, ChangedPage, ListingRef, MarketError, Marketplace, PlatformLine, PlatformOrder,
    Recipient, RefundStatus, SignMethod, Top, TopConfig, TradeStatus,
};
use farmstall_marketplace_sim::{Config, Listing, NewOrder, OrderStatus, ShopConfig, Simulator};
use rust_decimal::Decimal;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// A shop with plenty of kiwis and listing 1001 selling them.
fn shop(dir: &std::path::Path) -> App {
    let mut app = ok(App::open_with_clock(
        &dir.join("farmstall.db"),
        Origin::System,
        Arc::new(SystemClock),
    ));
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
    ok(app.receive_purchase(&PurchaseInput {
        farmer_id: farmer,
        payment: "owed".into(),
        lines: vec![PurchaseLineInput {
            product_id: kiwi.clone(),
            quantity: "500000".into(),
            unit: "斤".into(),
            unit_price: "4".into(),
            ..PurchaseLineInput::default()
        }],
        ..PurchaseInput::default()
    }));
    ok(app.save_listing(&ListingInput {
        num_iid: "1001".into(),
        product_id: kiwi,
        ..ListingInput::default()
    }));
    app
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// A marketplace in memory holding `n` new paid orders, modified in the last hour.
struct Page(Vec<PlatformOrder>);

impl Marketplace for Page {
    fn changed_orders(
        &self,
        _: chrono::DateTime<chrono::Utc>,
        _: chrono::DateTime<chrono::Utc>,
        page_no: u32,
        page_size: u32,
    ) -> Result<ChangedPage, MarketError> {
        let start = ((page_no - 1) * page_size) as usize;
        let orders: Vec<ChangedOrder> = self
            .0
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
            has_next: start + orders.len() < self.0.len(),
            total: self.0.len() as u64,
            orders,
        })
    }
    fn order(&self, tid: &str) -> Result<PlatformOrder, MarketError> {
        self.0
            .iter()
            .find(|o| o.tid == tid)
            .cloned()
            .ok_or(MarketError::Decode {
                message: tid.into(),
            })
    }
    fn ship(&self, _: &str, _: &str, _: &str) -> Result<(), MarketError> {
        Ok(())
    }
    fn set_stock(&self, _: &ListingRef, _: u32) -> Result<(), MarketError> {
        Ok(())
    }
}

fn page_of(n: usize, base: usize) -> Page {
    let now = chrono::Utc::now();
    Page(
        (0..n)
            .map(|i| PlatformOrder {
                tid: (base + i).to_string(),
                status: TradeStatus::WaitSellerSendGoods,
                created: now - chrono::Duration::minutes(30),
                paid_at: None,
                modified: now - chrono::Duration::minutes(5),
                buyer: "t**1".into(),
                recipient: Recipient {
                    name: "王芳".into(),
                    mobile: "13800001234".into(),
                    province: "浙江省".into(),
                    city: "杭州市".into(),
                    district: "西湖区".into(),
                    address: format!("文三路 {i} 号"),
                    postcode: String::new(),
                },
                post_fee: Decimal::ZERO,
                payment: Decimal::new(5980, 2),
                buyer_message: String::new(),
                seller_memo: String::new(),
                waybill: String::new(),
                courier_code: String::new(),
                lines: vec![PlatformLine {
                    oid: format!("{}1", base + i),
                    num_iid: "1001".into(),
                    sku_id: String::new(),
                    outer_id: String::new(),
                    title: "猕猴桃 5斤装".into(),
                    quantity: 1,
                    price: Decimal::new(5980, 2),
                    payment: Decimal::new(5980, 2),
                    refund_status: RefundStatus::NoRefund,
                }],
            })
            .collect(),
    )
}

fn main() {
    // Applying a page of 100 new paid orders read in full: created, reserved, each in its own
    // savepoint of one transaction.
    let mut page_times = Vec::new();
    let mut round_times = Vec::new();
    for run in 0..15 {
        let dir = ok(tempfile::tempdir());
        let mut app = shop(dir.path());
        let page = page_of(100, 10_000 * (run + 1));
        let read: Vec<_> = page.0.iter().cloned().map(Ok).collect();
        let start = Instant::now();
        let applied = ok(app.apply_page(&read));
        page_times.push(start.elapsed());
        assert!(
            applied.iter().all(|a| *a == Applied::Created),
            "{applied:?}"
        );
        // The same news as a whole round (pull of the windows, apply, the stock push).
        let dir = ok(tempfile::tempdir());
        let mut app = shop(dir.path());
        let start = Instant::now();
        let report = ok(app.sync_once(&page));
        round_times.push(start.elapsed());
        assert_eq!(report.created, 100, "{report:?}");
    }
    println!(
        "apply a page of 100 new orders: median {:.1} ms (target < 20 ms); a whole round with them: median {:.1} ms",
        median(page_times).as_secs_f64() * 1000.0,
        median(round_times).as_secs_f64() * 1000.0
    );

    if std::env::var("FARMSTALL_BENCH_ONLY").as_deref() == Ok("apply") {
        return;
    }
    // Pulling 10,000 orders from the simulator over HTTP.
    let shop_config =
        ShopConfig::new("12345678", "bench-secret", "bench-session").listing(Listing::new(
            1001,
            "KIWI-5J",
            "猕猴桃 5斤装",
            Decimal::new(5980, 2),
            1_000_000,
        ));
    let sim = Simulator::start(Config::with_shop(7, shop_config));
    for _ in 0..10_000 {
        ok(sim.create_order(
            "12345678",
            NewOrder::new(
                OrderStatus::WaitSellerSendGoods,
                vec![NewOrder::line(1001, 1)],
            ),
        ));
    }
    let mut times = Vec::new();
    for _ in 0..3 {
        let dir = ok(tempfile::tempdir());
        let mut app = shop(dir.path());
        let top = ok(Top::new(TopConfig {
            base_url: sim.url(),
            app_key: "12345678".into(),
            secret: "bench-secret".into(),
            session: "bench-session".into(),
            sign_method: SignMethod::HmacSha256,
            timeout: Duration::from_secs(30),
        }));
        let start = Instant::now();
        let report = ok(app.sync_once(&top));
        times.push(start.elapsed());
        assert_eq!(
            (report.created, report.error.as_str()),
            (10_000, ""),
            "{report:?}"
        );
    }
    println!(
        "pull 10,000 orders from the simulator: median {:.2} s (target < 10 s)",
        median(times).as_secs_f64()
    );
}
