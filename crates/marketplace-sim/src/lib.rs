//! The marketplace simulator (issue 6): the Taobao Open Platform subset of `docs/marketplace.md`,
//! served over HTTP on 127.0.0.1, with shops, listings and stock, orders, seeded buyers, injected
//! faults and a record of every call. Tests, the fault soak and the desktop app's demo marketplace
//! start it in-process; the binary runs it on its own.
//!
//! It shares no code with the client (`crates/marketplace`): both follow the page, so a signing or
//! decoding mistake on one side shows up as a failure on the other.
//!
//! # Running the binary
//!
//! ```text
//! cargo run -p farmstall-marketplace-sim -- --demo --port 8787
//! ```
//!
//! prints the demo shop's app key, secret and session and the gateway URL
//! (`http://127.0.0.1:8787/router/rest`), then serves until killed (Ctrl-C). Options:
//!
//! - `--port N` (default 8787; 0 = any free port), `--seed N` (default 1; with `--demo`, the demo's)
//! - `--demo`: the demo kiwi shop ([`Config::demo`]) with a dozen buyer steps at start; without it,
//!   `--app-key`, `--secret` and `--session` name the shop (same listings, no orders at start)
//! - `--orders-per-minute N`: background buyers (default 3 with `--demo`, else 0)
//! - faults: `--latency-ms MIN-MAX`, `--server-error-share S`, `--isp-share S`, `--ban-share S`,
//!   `--ban-seconds N`, `--drop-share S`, `--page-shift-share S` (shares between 0 and 1; see
//!   [`Faults`])
//!
//! While it runs: `GET /sim/state?requests=N` shows the shops, listings with stock, orders with
//! status and waybill and the last N calls; `POST /sim/buyers {"steps": n}` makes n buyer actions;
//! `GET`/`POST /sim/faults` reads or replaces the faults (JSON as in [`Faults`]). Faults never apply to
//! `/sim/*`, and `/sim/*` calls are not recorded.
//!
//! # In Rust
//!
//! ```no_run
//! use farmstall_marketplace_sim::{Config, Simulator};
//! let sim = Simulator::start(Config::demo());
//! let gateway = format!("{}/router/rest", sim.url());
//! sim.step_buyers(20);
//! let orders = sim.snapshot().orders().count();
//! # let _ = (gateway, orders);
//! ```

mod config;
mod error;
mod gateway;
mod model;
mod people;
mod server;
mod sign;
mod state;
pub mod time;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::thread::JoinHandle;

use chrono::NaiveDateTime;
use tokio::sync::oneshot;

pub use config::{Config, Faults, ShopConfig, DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION};
pub use error::{Result, SimError};
pub use gateway::COMPANY_CODES;
pub use model::{
    BuyerEvent, Fault, Listing, NewLine, NewOrder, Order, OrderLine, OrderStatus, Receiver,
    RefundStatus, RequestRecord, ShopSnapshot, Snapshot, Waybill,
};

use server::Shared;
use state::State;

/// Starts simulators.
pub struct Simulator;

impl Simulator {
    /// Starts a simulator on 127.0.0.1 (`config.port`, or any free port), on its own thread and tokio
    /// runtime, so synchronous code can use it.
    ///
    /// # Panics
    ///
    /// When it cannot start (the port is taken, the config is invalid): this is for tests, where that
    /// is a broken test. Code that must carry on uses [`Simulator::try_start`].
    pub fn start(config: Config) -> Running {
        match Simulator::try_start(config) {
            Ok(running) => running,
            Err(e) => panic!("the marketplace simulator did not start: {e}"),
        }
    }

    /// Starts a simulator, or says why it could not.
    pub fn try_start(config: Config) -> Result<Running> {
        let mut state = State::new(&config)?;
        state.buyer_steps(config.warmup_steps);
        let port = config.port.unwrap_or(0);
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|source| SimError::Bind { port, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SimError::Bind { port, source })?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(SimError::Runtime)?;
        let listener = {
            let _entered = runtime.enter();
            tokio::net::TcpListener::from_std(listener)
                .map_err(|source| SimError::Bind { port, source })?
        };
        let shared = Arc::new(Shared::new(state, config.orders_per_minute));
        let app = server::router(Arc::clone(&shared));
        let timer_shared = Arc::clone(&shared);
        let (stop, stopped) = oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name(format!("marketplace-sim-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(async move {
                    tokio::spawn(server::buyer_timer(timer_shared));
                    tokio::select! {
                        _ = axum::serve(listener, app).into_future() => {}
                        _ = stopped => {}
                    }
                });
                // Dropping the runtime here ends every connection still open.
            })
            .map_err(SimError::Runtime)?;
        Ok(Running {
            shared,
            addr,
            stop: Some(stop),
            thread: Some(thread),
        })
    }
}

/// A simulator serving on 127.0.0.1. Stops when dropped (or [`Running::stop`]): the port is closed
/// and calls are refused.
///
/// The Rust methods act at once on the same state the HTTP side uses.
pub struct Running {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Running {
    /// The base URL, `http://127.0.0.1:PORT` (no trailing slash); the gateway is `{url}/router/rest`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Everything the simulator holds, with every request the log keeps.
    pub fn snapshot(&self) -> Snapshot {
        self.shared.lock().snapshot(None)
    }

    /// The shops with their listings and orders, without the request log (cheaper than a snapshot
    /// when only the platform's state matters).
    pub fn shops(&self) -> Vec<ShopSnapshot> {
        self.shared.lock().snapshot(Some(0)).shops
    }

    /// The requests the log keeps (the last `Config::request_log_limit`), oldest first.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.lock().requests()
    }

    /// The simulator's clock: UTC+8 plus the clock offset, whole seconds.
    pub fn now(&self) -> NaiveDateTime {
        self.shared.lock().now()
    }

    /// `n` buyer actions drawn from the seed: a new order (not created when a listing's stock is
    /// short), a payment, a cancellation of an unpaid order, a refund of a paid or shipped order, or a
    /// confirmation of a shipped one.
    pub fn step_buyers(&self, n: usize) -> Vec<BuyerEvent> {
        self.shared.lock().buyer_steps(n)
    }

    /// Changes the background buyers' rate (0 stops them).
    pub fn set_orders_per_minute(&self, per_minute: u32) {
        self.shared
            .orders_per_minute
            .store(per_minute, Ordering::Relaxed);
    }

    /// Every later `taobao.logistics.offline.send` of `tid` fails with
    /// `isv.logistics-offline-send-failed` (a poison item).
    pub fn reject_always(&self, tid: u64) {
        self.shared.lock().rejected.insert(tid);
    }

    /// Replaces the faults; refused when [`Faults::validate`] refuses them.
    pub fn set_faults(&self, faults: Faults) -> Result<()> {
        faults.validate().map_err(SimError::Config)?;
        self.shared.lock().faults = faults;
        Ok(())
    }

    pub fn faults(&self) -> Faults {
        self.shared.lock().faults.clone()
    }

    /// Moves the simulator's clock (seconds added to the real one).
    pub fn set_clock_offset(&self, seconds: i64) {
        self.shared.lock().clock_offset = seconds;
    }

    /// Bans `app_key` for `seconds` now: its calls get code 7 until then.
    pub fn ban(&self, app_key: &str, seconds: u64) {
        self.shared.lock().ban(app_key, seconds);
    }

    /// Adds a listing to the shop of `app_key`.
    pub fn add_listing(&self, app_key: &str, listing: Listing) -> Result<()> {
        let mut state = self.shared.lock();
        let shop = state
            .shop_index(app_key)
            .ok_or_else(|| SimError::NotFound(format!("shop {app_key}")))?;
        state.add_listing(shop, listing)
    }

    /// Sets a listing's stock as the seller would (refused below 0).
    pub fn set_stock(&self, num_iid: u64, sku_id: Option<&str>, stock: i64) -> Result<()> {
        self.shared.lock().set_stock(num_iid, sku_id, stock)
    }

    /// A listing's stock, `None` if there is no such listing.
    pub fn stock(&self, num_iid: u64, sku_id: Option<&str>) -> Option<i64> {
        self.shared.lock().listing(num_iid, sku_id).map(|l| l.stock)
    }

    pub fn listing(&self, num_iid: u64, sku_id: Option<&str>) -> Option<Listing> {
        self.shared.lock().listing(num_iid, sku_id).cloned()
    }

    /// Makes an order directly, in any status, for a test; returns its `tid`. Orders that are not
    /// closed take their stock; refused, with nothing changed, when a listing is short.
    pub fn create_order(&self, app_key: &str, order: NewOrder) -> Result<u64> {
        self.shared.lock().create_order(app_key, order)
    }

    pub fn order(&self, tid: u64) -> Option<Order> {
        self.shared.lock().order(tid).cloned()
    }

    pub fn order_status(&self, tid: u64) -> Option<OrderStatus> {
        self.shared.lock().order(tid).map(|o| o.status)
    }

    /// The courier and waybill `tid` was sent with, if it was.
    pub fn waybill(&self, tid: u64) -> Option<Waybill> {
        self.shared
            .lock()
            .order(tid)
            .and_then(|o| o.waybill.clone())
    }

    /// The buyer pays an unpaid order.
    pub fn pay(&self, tid: u64) -> Result<()> {
        self.shared.lock().pay(tid)
    }

    /// The buyer cancels an unpaid order (`TRADE_CLOSED_BY_TAOBAO`); its stock comes back.
    pub fn cancel(&self, tid: u64) -> Result<()> {
        self.shared.lock().cancel(tid)
    }

    /// A paid or shipped order is refunded in full (`TRADE_CLOSED`); its stock comes back.
    pub fn refund(&self, tid: u64) -> Result<()> {
        self.shared.lock().refund(tid)
    }

    /// The buyer confirms a shipped order (`TRADE_FINISHED`).
    pub fn confirm(&self, tid: u64) -> Result<()> {
        self.shared.lock().confirm(tid)
    }

    /// The order's `modified` becomes now (it moves to the front of `increment.get`).
    pub fn touch(&self, tid: u64) -> Result<()> {
        self.shared.lock().touch(tid)
    }

    /// Stops serving and waits for the server thread to end.
    pub fn stop(self) {
        drop(self);
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            // The server may have ended already; then there is no one to tell.
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread has been reported there already.
            let _ = thread.join();
        }
    }
}
