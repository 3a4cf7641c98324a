//! How a simulator starts: its seed, shops, listings, faults and clock; and the demo shop.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::Listing;

/// The demo shop's app key, secret and session token (also printed by the binary with `--demo`).
pub const DEMO_APP_KEY: &str = "23456789";
pub const DEMO_SECRET: &str = "farmstall-demo-secret";
pub const DEMO_SESSION: &str = "demo-session-qianshan-kiwi";

/// Everything a simulator starts from. Same config, same seed, same calls: same orders and faults.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Seeds the buyers and the faults (two separate streams, so the buyers do not depend on how
    /// many calls a client made).
    pub seed: u64,
    pub shops: Vec<ShopConfig>,
    pub faults: Faults,
    /// Added to the real clock (seconds); the simulator's orders and its timestamp check use it.
    pub clock_offset_seconds: i64,
    /// `None` binds 127.0.0.1 on any free port.
    pub port: Option<u16>,
    /// Background buyers: this many new orders (attempts) a minute, with the payments, cancellations,
    /// refunds and confirmations the seed makes in between. 0 = buyers act only on `step_buyers`.
    pub orders_per_minute: u32,
    /// Buyer steps made at start, so that a demo shop has orders at once.
    pub warmup_steps: usize,
    /// The request log keeps the last this many calls.
    pub request_log_limit: usize,
    /// The first order's number. A simulator started again (the desktop's demo marketplace after a
    /// restart) starts higher, so its new orders never reuse a number a shop has already synced.
    pub first_tid: u64,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            seed: 0,
            shops: Vec::new(),
            faults: Faults::default(),
            clock_offset_seconds: 0,
            port: None,
            orders_per_minute: 0,
            warmup_steps: 0,
            request_log_limit: 20_000,
            first_tid: 4001,
        }
    }
}

impl Config {
    /// A config with one shop and no faults: the usual start of a test.
    pub fn with_shop(seed: u64, shop: ShopConfig) -> Config {
        Config {
            seed,
            shops: vec![shop],
            ..Config::default()
        }
    }

    /// The demo kiwi shop (黔山果园农家小店, as in `assets/demo`): [`DEMO_APP_KEY`], [`DEMO_SECRET`],
    /// [`DEMO_SESSION`]; kiwis in four SKUs of one item and as a family box, tofu and chili; a dozen
    /// buyer steps at start and three orders a minute after that.
    pub fn demo() -> Config {
        Config {
            seed: 20_261_128,
            shops: vec![ShopConfig::demo()],
            orders_per_minute: 3,
            warmup_steps: 12,
            ..Config::default()
        }
    }
}

/// One shop: its credentials on the platform and its listings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShopConfig {
    pub app_key: String,
    pub secret: String,
    pub session: String,
    pub listings: Vec<Listing>,
}

impl ShopConfig {
    pub fn new(app_key: &str, secret: &str, session: &str) -> ShopConfig {
        ShopConfig {
            app_key: app_key.to_string(),
            secret: secret.to_string(),
            session: session.to_string(),
            listings: Vec::new(),
        }
    }

    pub fn listing(mut self, listing: Listing) -> ShopConfig {
        self.listings.push(listing);
        self
    }

    /// The demo shop; outer ids are the products' barcodes in `assets/demo/shop.json`.
    pub fn demo() -> ShopConfig {
        let yuan = |fen: i64| Decimal::new(fen, 2);
        ShopConfig::new(DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION)
            .listing(
                Listing::new(
                    1001,
                    "6958012300011",
                    "修文猕猴桃 特级大果 5斤装",
                    yuan(6800),
                    60,
                )
                .with_sku("10011"),
            )
            .listing(
                Listing::new(
                    1001,
                    "6958012300028",
                    "修文猕猴桃 特级大果 10斤装",
                    yuan(12800),
                    30,
                )
                .with_sku("10012"),
            )
            .listing(
                Listing::new(
                    1001,
                    "6958012300035",
                    "修文猕猴桃 一级中果 5斤装",
                    yuan(4880),
                    80,
                )
                .with_sku("10013"),
            )
            .listing(
                Listing::new(
                    1001,
                    "6958012300042",
                    "修文猕猴桃 一级中果 10斤装",
                    yuan(8800),
                    40,
                )
                .with_sku("10014"),
            )
            .listing(Listing::new(
                1002,
                "6958012300059",
                "修文猕猴桃 家庭装小果 5斤装",
                yuan(2990),
                50,
            ))
            .listing(Listing::new(
                1003,
                "6958012300073",
                "农家手工石磨豆腐",
                yuan(800),
                30,
            ))
            .listing(Listing::new(
                1004,
                "6958012300097",
                "手工油泼辣椒 红油辣子 250克",
                yuan(2500),
                60,
            ))
            .listing(Listing::new(
                1005,
                "6958012300103",
                "糍粑辣椒 500克",
                yuan(3200),
                40,
            ))
    }
}

/// Faults injected into `/router/rest` calls (never into `/sim/*`), drawn from the seed.
///
/// Each call draws its latency, then one number that picks at most one of: a 5xx answer, an `isp.*`
/// answer, a ban, a dropped connection (the shares are of all calls and add up to at most 1). Reading
/// page 2 or later of `increment.get` may also shift pages first (`page_shift_share`).
///
/// As JSON (`POST /sim/faults`), every field is optional and defaults to 0:
/// `{"latency_min_ms":0,"latency_max_ms":50,"server_error_share":0.05,"isp_share":0.05,
///   "ban_share":0.01,"ban_seconds":3,"drop_share":0.05,"page_shift_share":0.3}`
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Every call waits a uniformly drawn time in this range (ms) before it is answered.
    pub latency_min_ms: u64,
    pub latency_max_ms: u64,
    /// Share of calls answered HTTP 500, 502 or 503 with an HTML body; nothing is done.
    pub server_error_share: f64,
    /// Share of calls answered code 15 `isp.remote-service-error` or
    /// `isp.top-remote-connection-timeout`; nothing is done.
    pub isp_share: f64,
    /// Share of calls answered code 7, starting a ban of `ban_seconds` on the caller's app key: every
    /// call of that app key within it gets code 7 too.
    pub ban_share: f64,
    pub ban_seconds: u64,
    /// Share of calls that are carried out, then answered with the headers and half the body before
    /// the connection is closed.
    pub drop_share: f64,
    /// Share of reads of page 2 or later that first modify one to three orders of the window (their
    /// `modified` becomes now, moving them to the front or out of the window).
    pub page_shift_share: f64,
}

impl Faults {
    /// No faults.
    pub fn none() -> Faults {
        Faults::default()
    }

    /// Refuses shares outside 0..=1, call shares adding up to more than 1, a latency range upside
    /// down, or bans of 0 seconds.
    pub fn validate(&self) -> Result<(), String> {
        let shares = [
            ("server_error_share", self.server_error_share),
            ("isp_share", self.isp_share),
            ("ban_share", self.ban_share),
            ("drop_share", self.drop_share),
            ("page_shift_share", self.page_shift_share),
        ];
        for (name, share) in shares {
            if !(0.0..=1.0).contains(&share) {
                return Err(format!("{name} must be between 0 and 1, not {share}"));
            }
        }
        let calls = self.server_error_share + self.isp_share + self.ban_share + self.drop_share;
        if calls > 1.0 + 1e-9 {
            return Err(format!(
                "server_error_share + isp_share + ban_share + drop_share must be at most 1, not {calls}"
            ));
        }
        if self.latency_min_ms > self.latency_max_ms {
            return Err(format!(
                "latency_min_ms ({}) is above latency_max_ms ({})",
                self.latency_min_ms, self.latency_max_ms
            ));
        }
        if self.ban_share > 0.0 && self.ban_seconds == 0 {
            return Err("ban_seconds must be at least 1 when ban_share is set".to_string());
        }
        Ok(())
    }
}
