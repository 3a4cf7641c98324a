//! A round of sync: pull the orders changed since the cursor, window by window and page by page,
//! then push what waits in the outbox, item by item with back-off, bans and parking.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use farmstall_domain::sync as rules;
use farmstall_domain::Courier;
use farmstall_marketplace::{ListingRef, MarketError, Marketplace, PlatformOrder};
use farmstall_store::sync as store;

use super::apply::{apply_in_savepoint, WaitsFor};
use super::{error_kind, offer_of, Applied, SyncReport, FIRST_PULL_DAYS, OVERLAP_MINUTES};
use crate::{App, AppError, Result};

const PAGE_SIZE: u32 = 100;
/// Whole extra passes over a window's pages when the last pass found orders the one before had not.
const MAX_PASSES: usize = 4;
/// Items sent per round, so that a long queue does not hold the round for ever.
const PUSH_BATCH: u32 = 200;
/// A push the platform refuses as it is gets this many tries before it is parked.
const REJECTED_TRIES: u32 = 3;
/// Connection or platform failures in a row that end a round's pushes.
const OUTAGE_RUN: u32 = 3;

impl App {
    /// One round of sync with `market`: pull, then push.
    pub fn sync_once(&mut self, market: &dyn Marketplace) -> Result<SyncReport> {
        // Logged with counts and kinds only: an error's words may quote a buyer or a request.
        tracing::info!(origin = ?self.origin, "sync round started");
        let mut report = SyncReport::default();
        let outcome = self
            .pull(market, &mut report)
            .and_then(|()| self.push(market, &mut report));
        let at = self.sync_at();
        match outcome {
            Ok(()) => self
                .store
                .write(|tx| store::record_attempt(tx, at.now, "", ""))?,
            Err(Stop::Market(e)) => {
                report.error = e.to_string();
                report.error_kind = error_kind(&e).to_string();
                let (kind, text) = (report.error_kind.clone(), report.error.clone());
                self.store
                    .write(|tx| store::record_attempt(tx, at.now, &kind, &text))?;
            }
            Err(Stop::App(e)) => {
                tracing::warn!(
                    kind = %crate::IpcError::from(&e).kind,
                    "sync round stopped on a local failure"
                );
                return Err(e);
            }
            // Nothing to record about the old account; the next round starts on the new one.
            Err(Stop::SettingsChanged) => {
                report.error =
                    "the marketplace settings changed during the round: the next round reads the new marketplace"
                        .into();
            }
        }
        let r = &report;
        if r.error.is_empty() {
            tracing::info!(
                pulled = r.pulled,
                created = r.created,
                updated = r.updated,
                held = r.held,
                pushed = r.pushed,
                failed = r.failed,
                "sync round ended"
            );
        } else {
            tracing::warn!(
                pulled = r.pulled,
                created = r.created,
                updated = r.updated,
                held = r.held,
                pushed = r.pushed,
                failed = r.failed,
                error_kind = %r.error_kind,
                "sync round stopped early"
            );
        }
        Ok(report)
    }

    /// Applies a page of platform orders read in full (or, for one that could not be read, why)
    /// in one transaction, each order in its own savepoint.
    pub fn apply_page(
        &mut self,
        page: &[std::result::Result<PlatformOrder, (String, MarketError)>],
    ) -> Result<Vec<Applied>> {
        let at = self.sync_at();
        self.store.write(|tx| -> Result<Vec<Applied>> {
            let mut out = Vec::with_capacity(page.len());
            for item in page {
                match item {
                    Ok(order) => out.push(apply_in_savepoint(tx, at, order)?),
                    Err((tid, e)) => {
                        // Refused or unreadable now: asked for again next round.
                        let data = serde_json::json!({
                            "tid": tid,
                            "waitsFor": WaitsFor::Platform.code(),
                        });
                        store::hold(tx, tid, &data, &e.to_string(), at.now)?;
                        out.push(Applied::Held);
                    }
                }
            }
            Ok(out)
        })
    }

    /// A round the owner asked for: what waits out a back-off goes now too.
    pub fn sync_now(&mut self, market: &dyn Marketplace) -> Result<SyncReport> {
        let now = self.sync_at().now;
        self.store.write(|tx| store::make_due(tx, now))?;
        self.sync_once(market)
    }

    fn pull(
        &mut self,
        market: &dyn Marketplace,
        report: &mut SyncReport,
    ) -> std::result::Result<(), Stop> {
        let at = self.sync_at();
        let state = self.store.read(|tx| store::state(tx))?;
        let cursor = state
            .cursor
            .unwrap_or(at.now - Duration::days(FIRST_PULL_DAYS));
        // Lots expire at midnight without a stock movement: the first round of a day sends every
        // listing's stock again.
        let shanghai = farmstall_domain::clock::shanghai();
        let new_day = state
            .last_success_at
            .is_none_or(|t| t.with_timezone(&shanghai).date_naive() != at.today);
        if new_day {
            self.store
                .write(|tx| store::queue_all_listings(tx, at.now))?;
        }
        // Orders held back last time for a listing or the platform are asked for again: their
        // listing may be known now. One that could not be stored as it was waits until the
        // platform changes it (it is then in a window again), not asked for every round.
        let held: Vec<String> = self
            .store
            .read(|tx| store::held(tx))?
            .into_iter()
            .filter(|h| WaitsFor::asks_again(&h.data))
            .map(|h| h.platform_order_id)
            .collect();
        for (from, to) in rules::windows(cursor, at.now, Duration::minutes(OVERLAP_MINUTES)) {
            let tids = read_window(market, from, to)?;
            self.pull_all(market, &tids, report)?;
            // Not kept when the settings changed to another account since the round began:
            // the round ends, and the next one reads the new marketplace from its start.
            let account = market.account();
            if !self.store.write(|tx| store::set_cursor(tx, to, &account))? {
                return Err(Stop::SettingsChanged);
            }
        }
        // After the windows, so that many held orders cannot use up the calls new ones need.
        self.pull_all(market, &held, report)?;
        Ok(())
    }

    /// Reads the orders in full, a page at a time, and applies each page in one transaction with
    /// each order in its own savepoint: one order that cannot be stored is held and undone alone.
    fn pull_all(
        &mut self,
        market: &dyn Marketplace,
        tids: &[String],
        report: &mut SyncReport,
    ) -> std::result::Result<(), Stop> {
        for chunk in tids.chunks(PAGE_SIZE as usize) {
            let mut fetched = Vec::with_capacity(chunk.len());
            let mut stopped = None;
            for tid in chunk {
                match market.order(tid) {
                    Ok(order) => fetched.push(Ok(order)),
                    // Gone from the platform: nothing to apply.
                    Err(MarketError::Rejected { sub_code, .. })
                        if sub_code == "isv.trade-not-exist" => {}
                    // Refused for another reason (permissions, a service down): kept aside and
                    // asked for again, never skipped.
                    Err(e @ MarketError::Rejected { .. }) => fetched.push(Err((tid.clone(), e))),
                    // One order this version cannot read is set aside alone; the rest goes on.
                    Err(e @ MarketError::Decode { .. }) => fetched.push(Err((tid.clone(), e))),
                    Err(e) => {
                        stopped = Some(e);
                        break;
                    }
                }
            }
            // What was read before a failure is applied all the same.
            let applied = self.apply_page(&fetched)?;
            for a in applied {
                match a {
                    Applied::Created => report.created += 1,
                    Applied::Updated => report.updated += 1,
                    Applied::Held => report.held += 1,
                    Applied::Unchanged => {}
                }
            }
            report.pulled += fetched.iter().filter(|f| f.is_ok()).count() as u32;
            if let Some(e) = stopped {
                return Err(Stop::Market(e));
            }
        }
        Ok(())
    }

    fn push(
        &mut self,
        market: &dyn Marketplace,
        report: &mut SyncReport,
    ) -> std::result::Result<(), Stop> {
        let at = self.sync_at();
        let due = self.store.read(|tx| store::due(tx, at.now, PUSH_BATCH))?;
        // Failures of the connection or of the platform in a row: after a few, the trouble is
        // not this item's, and the round ends instead of spending every item's tries on it.
        let mut outage = 0;
        for item in due {
            let now = self.sync_at().now;
            let sent = match item.kind.as_str() {
                "ship" => self.send_ship(market, &item.subject),
                _ => self.send_stock(market, &item.subject),
            };
            let e = match sent {
                Ok(()) => {
                    outage = 0;
                    self.store.write(|tx| store::sent(tx, &item, now))?;
                    report.pushed += 1;
                    continue;
                }
                Err(Stop::Market(e)) => e,
                Err(other) => return Err(other),
            };
            report.failed += 1;
            let text = e.to_string();
            match &e {
                // A ban holds for every call: this item waits it out, the round ends.
                MarketError::RateLimited { seconds } => {
                    let next = now + Duration::seconds(i64::try_from(*seconds).unwrap_or(60));
                    self.store
                        .write(|tx| store::later(tx, item.id, next, &text))?;
                    return Err(Stop::Market(e));
                }
                // The settings are wrong: every item would fail alike, and none of them is at
                // fault, so none spends a try.
                MarketError::Credentials { .. } | MarketError::Clock { .. } => {
                    let next = now + rules::backoff(1, jitter(item.id));
                    self.store
                        .write(|tx| store::later(tx, item.id, next, &text))?;
                    return Err(Stop::Market(e));
                }
                // Refused as it is: a few tries (the platform may catch up), then parked.
                MarketError::Rejected { .. } | MarketError::Decode { .. } => {
                    outage = 0;
                    let next = (item.tries + 1 < REJECTED_TRIES)
                        .then(|| now + rules::backoff(item.tries + 1, jitter(item.id)));
                    self.store
                        .write(|tx| store::failed(tx, item.id, now, next, &text))?;
                }
                // Unreachable or a fault on the platform: backs off on its own, parked only after
                // many tries (hours); a run of them ends the round.
                MarketError::Transport { .. } | MarketError::ServerFault { .. } => {
                    outage += 1;
                    let next = (item.tries + 1 < rules::MAX_TRIES)
                        .then(|| now + rules::backoff(item.tries + 1, jitter(item.id)));
                    self.store
                        .write(|tx| store::failed(tx, item.id, now, next, &text))?;
                    if outage >= OUTAGE_RUN {
                        return Err(Stop::Market(e));
                    }
                }
            }
        }
        Ok(())
    }

    fn send_ship(
        &mut self,
        market: &dyn Marketplace,
        order_id: &str,
    ) -> std::result::Result<(), Stop> {
        let id = crate::farmers::parse_id(order_id)?;
        let order = self
            .store
            .read(|tx| farmstall_store::orders::get_order(tx, id))?;
        let (Some(tid), Some(waybill), Some(courier)) = (
            order.platform_order_id.clone(),
            order.waybill.clone(),
            order.courier.clone(),
        ) else {
            // Nothing to tell (unshipped since, or not a marketplace order): done.
            return Ok(());
        };
        if !matches!(order.state.as_str(), "shipped" | "finished") {
            // Refunded or cancelled on the marketplace meanwhile (the owner has an alert):
            // there is no shipment to report any more.
            return Ok(());
        }
        let code = Courier::parse(&courier).map_or(courier.clone(), |c| c.code().to_string());
        market.ship(&tid, &waybill, &code).map_err(Stop::Market)
    }

    fn send_stock(
        &mut self,
        market: &dyn Marketplace,
        listing_id: &str,
    ) -> std::result::Result<(), Stop> {
        let id = crate::farmers::parse_id(listing_id)?;
        let at = self.sync_at();
        let found = self.store.read(|tx| -> Result<_> {
            let Some(listing) = store::listing(tx, id)? else {
                return Ok(None);
            };
            let offer = offer_of(tx, at, &listing)?;
            Ok(Some((listing, offer)))
        })?;
        let Some((listing, offer)) = found else {
            return Ok(());
        };
        market
            .set_stock(
                &ListingRef {
                    num_iid: listing.num_iid,
                    sku_id: listing.sku_id,
                    outer_id: listing.outer_id,
                },
                offer,
            )
            .map_err(Stop::Market)
    }
}

/// Spreads retries of different items: a number in 0..1 from the item's id.
fn jitter(id: i64) -> f64 {
    let mixed = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11;
    (mixed as f64) / ((1u64 << 53) as f64)
}

/// Every order id in a window, oldest modified first. Pages are read from the last to the first:
/// within a window that has ended, an order only leaves it (a change moves its modified time past
/// the window's end), which moves the orders after it to earlier pages, never past a page not
/// read yet. A pass whose count of orders changed meanwhile (an order came in: a PC clock ahead of
/// the platform's) is read again; when the pages never hold still, the round stops rather than
/// move the cursor past an order it may have missed.
fn read_window(
    market: &dyn Marketplace,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> std::result::Result<Vec<String>, Stop> {
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut found: Vec<(DateTime<Utc>, String)> = Vec::new();
    let mut keep = |orders: &[farmstall_marketplace::ChangedOrder]| {
        for o in orders {
            if seen.insert(o.tid.clone()) {
                found.push((o.modified, o.tid.clone()));
            }
        }
    };
    let mut held_still = false;
    for _ in 0..MAX_PASSES {
        let first = market
            .changed_orders(from, to, 1, PAGE_SIZE)
            .map_err(Stop::Market)?;
        keep(&first.orders);
        if !first.has_next {
            held_still = true;
            break;
        }
        if first.total == 0 {
            // A platform that does not count: forward passes until one finds nothing new.
            held_still = forward_passes(market, from, to, &mut keep)?;
            break;
        }
        let pages = first.total.div_ceil(u64::from(PAGE_SIZE)).max(1);
        let mut same = true;
        for page_no in (1..=pages).rev() {
            let page_no = u32::try_from(page_no).unwrap_or(u32::MAX);
            let page = market
                .changed_orders(from, to, page_no, PAGE_SIZE)
                .map_err(Stop::Market)?;
            same &= page.total == first.total;
            keep(&page.orders);
        }
        if same {
            held_still = true;
            break;
        }
    }
    if !held_still {
        return Err(Stop::Market(MarketError::Transport {
            message: "the list of changed orders kept changing while it was read; it is read again next time".into(),
        }));
    }
    found.sort();
    Ok(found.into_iter().map(|(_, tid)| tid).collect())
}

/// Reads a window's pages first to last until a whole pass finds nothing new; whether it did.
fn forward_passes(
    market: &dyn Marketplace,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    keep: &mut impl FnMut(&[farmstall_marketplace::ChangedOrder]),
) -> std::result::Result<bool, Stop> {
    let mut known = 0usize;
    for pass in 0..MAX_PASSES {
        let mut seen_now = 0usize;
        let mut page_no = 1;
        loop {
            let page = market
                .changed_orders(from, to, page_no, PAGE_SIZE)
                .map_err(Stop::Market)?;
            seen_now += page.orders.len();
            keep(&page.orders);
            if !page.has_next || page.orders.is_empty() {
                break;
            }
            page_no += 1;
        }
        if pass > 0 && seen_now == known {
            return Ok(true);
        }
        known = seen_now;
    }
    Ok(false)
}

/// Why a round stopped.
enum Stop {
    Market(MarketError),
    App(AppError),
    /// The marketplace settings were saved for another account while the round ran.
    SettingsChanged,
}

impl From<AppError> for Stop {
    fn from(e: AppError) -> Stop {
        Stop::App(e)
    }
}

impl From<farmstall_store::StoreError> for Stop {
    fn from(e: farmstall_store::StoreError) -> Stop {
        Stop::App(e.into())
    }
}
