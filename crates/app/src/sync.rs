//! Use cases: marketplace sync (issue 6). A round pulls the orders changed since the cursor and
//! applies each in its own transaction (upserted by platform order id, so a replayed page changes
//! nothing), then sends what waits in the outbox, each item on its own: a failure backs off that
//! item only, a rate-limit ban or a lost connection ends the round, an item that keeps failing is
//! parked for the owner. Nothing here blocks the window: the desktop shell runs rounds on its own
//! thread.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use farmstall_domain::order::OrderState;
use farmstall_domain::sync::{self as rules, Alert, PlatformStatus};
use farmstall_domain::{Courier, Origin, Quantity};
use farmstall_marketplace::{ListingRef, MarketError, Marketplace, PlatformOrder, TradeStatus};
use farmstall_store::rusqlite::Connection;
use farmstall_store::sync as store;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::orders::{change_state_in, create_order_in, OrderInput, OrderLineInput, RecipientInput};
use crate::{App, AppError, At, Result};

/// How far back a pull reads again before its cursor, so an order modified at the edge is not missed
/// (longer than the clock skew the platform allows, so a fast PC clock cannot eat it up).
pub const OVERLAP_MINUTES: i64 = 30;
/// How far back the first pull reads.
pub const FIRST_PULL_DAYS: i64 = 3;
const PAGE_SIZE: u32 = 100;
/// Whole extra passes over a window's pages when the last pass found orders the one before had not.
const MAX_PASSES: usize = 4;
/// Items sent per round, so that a long queue does not hold the round for ever.
const PUSH_BATCH: u32 = 200;
/// A push the platform refuses as it is gets this many tries before it is parked.
const REJECTED_TRIES: u32 = 3;
/// Connection or platform failures in a row that end a round's pushes.
const OUTAGE_RUN: u32 = 3;

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Platform orders read in full.
    pub pulled: u32,
    pub created: u32,
    /// Local orders that changed state because the platform said so.
    pub updated: u32,
    /// Platform orders kept aside (a listing sells no product here, or the order cannot be stored).
    pub held: u32,
    pub pushed: u32,
    /// Pushes that failed this round (they wait and try again, or were parked).
    pub failed: u32,
    /// In words when the round stopped early; "" when it ran to the end.
    pub error: String,
    /// `offline`, `credentials`, `clock`, `busy` (rate limited), `refused`, `unreadable`; "" none.
    pub error_kind: String,
}

/// The kind of trouble a marketplace error is, for the status the window shows.
pub fn error_kind(e: &MarketError) -> &'static str {
    match e {
        MarketError::Transport { .. } => "offline",
        MarketError::Credentials { .. } => "credentials",
        MarketError::Clock { .. } => "clock",
        MarketError::RateLimited { .. } => "busy",
        MarketError::ServerFault { .. } => "offline",
        MarketError::Rejected { .. } => "refused",
        MarketError::Decode { .. } => "unreadable",
    }
}

fn platform_status(s: TradeStatus) -> PlatformStatus {
    match s {
        TradeStatus::WaitBuyerPay => PlatformStatus::WaitBuyerPay,
        TradeStatus::WaitSellerSendGoods => PlatformStatus::WaitSellerSendGoods,
        TradeStatus::WaitBuyerConfirmGoods => PlatformStatus::WaitBuyerConfirmGoods,
        TradeStatus::Finished => PlatformStatus::Finished,
        TradeStatus::Closed => PlatformStatus::Closed,
        TradeStatus::ClosedByTaobao => PlatformStatus::ClosedByPlatform,
    }
}

fn alert_code(a: Alert) -> &'static str {
    match a {
        Alert::ClosedAfterPacking => "closed_after_packing",
        Alert::RefundedAfterShipping => "refunded_after_shipping",
        Alert::ShippedElsewhere => "shipped_elsewhere",
    }
}

/// What applying one platform order did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    Created,
    Updated,
    Unchanged,
    Held,
}

/// A platform order as kept aside: enough for the owner to see what it is.
fn held_data(o: &PlatformOrder) -> serde_json::Value {
    serde_json::json!({
        "tid": o.tid,
        "status": o.status.as_wire(),
        "buyer": o.buyer,
        "recipient": o.recipient.name,
        "payment": o.payment.to_string(),
        "lines": o.lines.iter().map(|l| serde_json::json!({
            "numIid": l.num_iid, "skuId": l.sku_id, "outerId": l.outer_id,
            "title": l.title, "quantity": l.quantity, "price": l.price.to_string(),
        })).collect::<Vec<_>>(),
    })
}

/// Applies one platform order in the caller's transaction: creates it, moves it along, raises an
/// alert, or holds it. Applying the same order twice changes nothing the second time.
pub(crate) fn apply_order_in(tx: &Connection, at: At, o: &PlatformOrder) -> Result<Applied> {
    let local = store::order_of(tx, &o.tid)?;
    let local_state = match &local {
        Some((_, state)) => Some(OrderState::parse(state).ok_or_else(|| {
            AppError::Conflict(format!("order {} has an unknown state {state}", o.tid))
        })?),
        None => None,
    };
    let plan = rules::reconcile(local_state, platform_status(o.status));
    let (id, applied) = match (local, plan.create_as) {
        (Some((id, _)), _) => (
            id.to_string(),
            if plan.steps.is_empty() {
                Applied::Unchanged
            } else {
                Applied::Updated
            },
        ),
        (None, Some(create_as)) => {
            let Some(input) = order_input(tx, at, o, create_as)? else {
                return Ok(Applied::Held);
            };
            match create_order_in(tx, at, &input) {
                Ok(dto) => (dto.id, Applied::Created),
                Err(e @ AppError::Invalid(_)) => {
                    hold_as(
                        tx,
                        at,
                        o,
                        WaitsFor::Nothing,
                        &format!("the order cannot be stored as it is: {e}"),
                    )?;
                    return Ok(Applied::Held);
                }
                Err(other) => return Err(other),
            }
        }
        (None, None) => return Ok(Applied::Unchanged),
    };
    for next in &plan.steps {
        change_state_in(tx, at, &id, *next, "marketplace")?;
    }
    if let Some(alert) = plan.alert {
        let order = crate::farmers::parse_id(&id)?;
        store::raise_alert(tx, order, alert_code(alert), &o.tid, at.now)?;
    }
    store::release_held(tx, &o.tid)?;
    Ok(applied)
}

/// Applies one platform order inside a savepoint of the caller's transaction: when it cannot be
/// stored (a database refusal, a rule it breaks), what it wrote is undone and it is held whole, so
/// the orders around it still go in.
fn apply_in_savepoint(tx: &Connection, at: At, o: &PlatformOrder) -> Result<Applied> {
    tx.execute_batch("SAVEPOINT platform_order")
        .map_err(farmstall_store::StoreError::from)?;
    match apply_order_in(tx, at, o) {
        Ok(applied) => {
            tx.execute_batch("RELEASE platform_order")
                .map_err(farmstall_store::StoreError::from)?;
            Ok(applied)
        }
        Err(e) => {
            tx.execute_batch("ROLLBACK TO platform_order; RELEASE platform_order")
                .map_err(farmstall_store::StoreError::from)?;
            hold_as(
                tx,
                at,
                o,
                WaitsFor::Nothing,
                &format!("the order could not be stored: {e}"),
            )?;
            Ok(Applied::Held)
        }
    }
}

/// Why an order is held: what it waits for decides whether a round asks the platform for it
/// again. One that waits for a listing to be mapped, or for the platform to answer, is asked
/// for every round; one that cannot be stored as it is (amounts out of bounds, a rule it breaks)
/// is not, until the platform changes it (then it is in a pull's window again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WaitsFor {
    Listing,
    Platform,
    Nothing,
}

impl WaitsFor {
    fn code(self) -> &'static str {
        match self {
            WaitsFor::Listing => "listing",
            WaitsFor::Platform => "platform",
            WaitsFor::Nothing => "",
        }
    }

    /// Whether a held order's data says it is worth asking for again.
    fn asks_again(data: &serde_json::Value) -> bool {
        matches!(
            data.get("waitsFor").and_then(|w| w.as_str()),
            Some("listing" | "platform")
        )
    }
}

fn hold_as(
    tx: &Connection,
    at: At,
    o: &PlatformOrder,
    waits_for: WaitsFor,
    reason: &str,
) -> Result<()> {
    let mut data = held_data(o);
    data["waitsFor"] = waits_for.code().into();
    store::hold(tx, &o.tid, &data, reason, at.now)?;
    Ok(())
}

/// A platform line and the listing it sold.
struct MappedLine<'a> {
    line: &'a farmstall_marketplace::PlatformLine,
    listing: store::ListingRow,
}

/// The local order for a platform order, or None (and the order held) when a line's listing
/// sells no product here or its amounts cannot be stored.
fn order_input(
    tx: &Connection,
    at: At,
    o: &PlatformOrder,
    state: OrderState,
) -> Result<Option<OrderInput>> {
    let mut mapped = Vec::with_capacity(o.lines.len());
    for l in &o.lines {
        let Some(listing) = store::listing_for_line(tx, &l.num_iid, &l.sku_id, &l.outer_id)? else {
            hold_as(
                tx,
                at,
                o,
                WaitsFor::Listing,
                &format!(
                    "listing {} ({}) sells no product here: say which product it is in the sync settings",
                    l.num_iid, l.title
                ),
            )?;
            return Ok(None);
        };
        mapped.push(MappedLine { line: l, listing });
    }
    let lines = match price_lines(o, &mapped) {
        Ok(lines) => lines,
        Err(e) => {
            hold_as(
                tx,
                at,
                o,
                WaitsFor::Nothing,
                &format!("the order's amounts cannot be stored: {e}"),
            )?;
            return Ok(None);
        }
    };
    let post_fee = rules::platform_money("post_fee", o.post_fee);
    let r = &o.recipient;
    Ok(Some(OrderInput {
        source: "marketplace".into(),
        platform_order_id: o.tid.clone(),
        buyer: o.buyer.clone(),
        recipient: RecipientInput {
            name: r.name.clone(),
            phone: r.mobile.clone(),
            province: r.province.clone(),
            city: r.city.clone(),
            district: r.district.clone(),
            street: r.address.clone(),
            postcode: r.postcode.clone(),
        },
        lines,
        shipping_fee: post_fee.map(|m| m.to_string()).unwrap_or_default(),
        buyer_note: o.buyer_message.clone(),
        seller_note: o.seller_memo.clone(),
        ordered_on: o
            .created
            .with_timezone(&farmstall_domain::clock::shanghai())
            .date_naive()
            .to_string(),
        state: state.code().to_string(),
    }))
}

/// The order's lines, priced so that they and the shipping fee come to what the buyer paid, to
/// the fen (`domain::sync::price_line`). Every amount is bounded before it is computed with.
fn price_lines(
    o: &PlatformOrder,
    mapped: &[MappedLine<'_>],
) -> std::result::Result<Vec<OrderLineInput>, rules::PriceError> {
    let quantity_refused = |l: &farmstall_marketplace::PlatformLine| rules::PriceError::Quantity {
        field: format!("line {} quantity", l.oid),
        value: l.quantity.to_string(),
    };
    let mut amounts = Vec::with_capacity(mapped.len());
    let mut paid = Vec::with_capacity(mapped.len());
    for m in mapped {
        let l = m.line;
        // The listing's pieces in the product's sale unit.
        let quantity = Decimal::new(m.listing.sale_milli, 3)
            .checked_mul(Decimal::from(l.quantity))
            .ok_or_else(|| quantity_refused(l))?;
        let listed = l
            .price
            .checked_mul(Decimal::from(l.quantity))
            .ok_or_else(|| rules::PriceError::Amount {
                field: format!("line {} price", l.oid),
                value: l.price.to_string(),
            })?;
        amounts.push((
            quantity,
            rules::platform_money(&format!("line {} price", l.oid), listed)?,
        ));
        paid.push(rules::platform_money(
            &format!("line {} payment", l.oid),
            l.payment,
        )?);
    }
    let post_fee = rules::platform_money("post_fee", o.post_fee)?;
    let payment = rules::platform_money("payment", o.payment)?;
    let paid = rules::paid_per_line(&paid, post_fee, payment)?;
    let mut lines = Vec::with_capacity(mapped.len());
    for ((m, (quantity, listed)), paid) in mapped.iter().zip(amounts).zip(paid) {
        for priced in rules::price_line(rules::PlatformAmounts {
            quantity,
            listed,
            paid,
        })? {
            lines.push(OrderLineInput {
                product_id: m.listing.product.to_string(),
                quantity: priced.quantity.normalize().to_string(),
                unit_price: priced.unit_price.to_string(),
                discount: priced.discount.to_string(),
            });
        }
    }
    Ok(lines)
}

/// The pieces a listing can offer now: its share of the product's sellable stock in the listing's
/// pieces, less the buffer, never below zero. A product sold on several listings has its stock
/// split evenly between them: each offering all of it would let the marketplace sell it twice.
pub(crate) fn offer_of(tx: &Connection, at: At, listing: &store::ListingRow) -> Result<u32> {
    let product = farmstall_store::products::get(tx, listing.product)?;
    let sharing = store::listings_of_product(tx, listing.product)?.max(1);
    let milli = store::sellable_milli(tx, listing.product, at.today)? / sharing;
    let d = &product.details;
    let in_stock_unit = Quantity::new(Decimal::new(milli.max(0), 3), d.stock_unit);
    let in_sale_unit = in_stock_unit
        .to(d.sale_unit)
        .map(|q| q.amount)
        .unwrap_or(Decimal::ZERO);
    let pieces = (in_sale_unit * Decimal::from(1000) / Decimal::from(listing.sale_milli)).floor();
    let pieces = pieces.to_i64().unwrap_or(0) - listing.buffer;
    Ok(u32::try_from(pieces.max(0)).unwrap_or(u32::MAX))
}

impl App {
    fn sync_at(&self) -> At {
        At {
            origin: Origin::Sync,
            ..self.at()
        }
    }

    /// One round of sync with `market`: pull, then push.
    pub fn sync_once(&mut self, market: &dyn Marketplace) -> Result<SyncReport> {
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
            Err(Stop::App(e)) => return Err(e),
            // Nothing to record about the old account; the next round starts on the new one.
            Err(Stop::SettingsChanged) => {
                report.error =
                    "the marketplace settings changed during the round: the next round reads the new marketplace"
                        .into();
            }
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

/// A listing on the marketplace and the product it sells, as the owner sets it up.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ListingInput {
    /// The listing id on the marketplace (num_iid).
    pub num_iid: String,
    /// The SKU within it, "" for the listing as a whole.
    pub sku_id: String,
    /// The seller's code of the listing or SKU, "" for none.
    pub outer_id: String,
    pub title: String,
    pub product_id: String,
    /// How much of the product (in its sale unit) one piece sold on the listing is; "" = 1.
    pub sale_quantity: String,
    /// Pieces held back from the marketplace; "" = 0.
    pub buffer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListingDto {
    pub id: String,
    pub num_iid: String,
    pub sku_id: String,
    pub outer_id: String,
    pub title: String,
    pub product_id: String,
    pub product_name: String,
    pub sale_quantity: String,
    pub buffer: u32,
    /// What the marketplace is offered now: sellable stock in pieces, less the buffer.
    pub offer: u32,
}

/// How sync stands, for the status line and the sync screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// RFC 3339 instants, or null.
    pub last_success_at: Option<String>,
    pub last_attempt_at: Option<String>,
    /// Everything modified up to here has been read.
    pub cursor: Option<String>,
    /// In words; "" when the last round worked.
    pub last_error: String,
    /// `offline`, `credentials`, `clock`, `busy`, `refused`, `unreadable`; "" none.
    pub last_error_kind: String,
    #[ts(type = "number")]
    pub pending: i64,
    #[ts(type = "number")]
    pub parked: i64,
    #[ts(type = "number")]
    pub held: i64,
    #[ts(type = "number")]
    pub alerts: i64,
    /// A round is running now (the desktop's background sync says; false elsewhere).
    pub syncing: bool,
}

/// Something waiting to be sent, or parked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxItemDto {
    #[ts(type = "number")]
    pub id: i64,
    /// `ship` or `stock`.
    pub kind: String,
    /// The order's number (ship) or the listing's title (stock).
    pub label: String,
    pub state: String,
    pub tries: u32,
    pub next_at: String,
    pub last_error: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncAlertDto {
    #[ts(type = "number")]
    pub id: i64,
    pub order_id: String,
    pub number: String,
    /// `closed_after_packing`, `refunded_after_shipping`, `shipped_elsewhere`.
    pub kind: String,
    pub platform_order_id: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldOrderDto {
    pub platform_order_id: String,
    pub reason: String,
    #[ts(type = "unknown")]
    pub data: serde_json::Value,
}

fn listing_dto(tx: &Connection, at: At, l: store::ListingRow) -> Result<ListingDto> {
    let offer = offer_of(tx, at, &l)?;
    Ok(ListingDto {
        id: l.id.to_string(),
        num_iid: l.num_iid,
        sku_id: l.sku_id,
        outer_id: l.outer_id,
        title: l.title,
        product_id: l.product.to_string(),
        product_name: l.product_name,
        sale_quantity: crate::stock::milli_text(l.sale_milli),
        buffer: u32::try_from(l.buffer).unwrap_or(0),
        offer,
    })
}

pub(crate) fn save_listing_in(tx: &Connection, at: At, input: &ListingInput) -> Result<ListingDto> {
    use farmstall_domain::validate::{optional_text, required_text, SHORT_TEXT};
    use farmstall_domain::{Checker, FieldError, Rule};
    let mut c = Checker::default();
    let num_iid = c.check(required_text("numIid", &input.num_iid, 40).and_then(|t| {
        if t.chars().all(|ch| ch.is_ascii_digit()) {
            Ok(t)
        } else {
            Err(FieldError::new(
                "numIid",
                Rule::NotANumber,
                "numIid is the listing's number on the marketplace (digits only)",
            ))
        }
    }));
    let sku_id = c.check(optional_text("skuId", &input.sku_id, 40));
    let outer_id = c.check(optional_text("outerId", &input.outer_id, 64));
    let title = c.check(optional_text("title", &input.title, SHORT_TEXT));
    let product = crate::stock::lookup_required(
        tx,
        &mut c,
        "productId",
        "product",
        &input.product_id,
        farmstall_store::products::get,
        |p| p.archived_at.is_none(),
    )?;
    let sale_milli = if input.sale_quantity.trim().is_empty() {
        Some(1000)
    } else {
        c.check(
            farmstall_domain::validate::positive_quantity("saleQuantity", &input.sale_quantity)
                .and_then(|d| sale_milli("saleQuantity", d)),
        )
    };
    let buffer = if input.buffer.trim().is_empty() {
        Some(0)
    } else {
        c.check(input.buffer.trim().parse::<u32>().map_err(|_| {
            FieldError::new(
                "buffer",
                Rule::NotAWholeNumber,
                "buffer is a whole number of pieces (0 or more)",
            )
        }))
        .map(i64::from)
    };
    c.finish()?;
    let (
        Some(num_iid),
        Some(sku_id),
        Some(outer_id),
        Some(title),
        Some(product),
        Some(sale_milli),
        Some(buffer),
    ) = (
        num_iid, sku_id, outer_id, title, product, sale_milli, buffer,
    )
    else {
        return Err(AppError::Conflict(
            "the listing could not be checked".into(),
        ));
    };
    let id = store::save_listing(
        tx,
        &store::NewListing {
            num_iid,
            sku_id,
            outer_id,
            title,
            product: product.id,
            sale_milli,
            buffer,
        },
        at.now,
        at.origin,
    )?;
    let row = store::listing(tx, id)?
        .ok_or_else(|| AppError::Conflict("the listing was not stored".into()))?;
    listing_dto(tx, at, row)
}

/// Thousandths of the product's sale unit in one piece of a listing, at most
/// `domain::sync::PLATFORM_MAX_QUANTITY` units: checked, so no typed number can overflow. (A local
/// conversion with its own bound; the domain's shared thousandths conversion replaces it when
/// both are on one branch.)
fn sale_milli(
    field: &str,
    quantity: Decimal,
) -> std::result::Result<i64, farmstall_domain::FieldError> {
    use farmstall_domain::{FieldError, Rule};
    let max = rules::PLATFORM_MAX_QUANTITY;
    quantity
        .checked_mul(Decimal::from(1000))
        .filter(|m| *m <= Decimal::from(max.saturating_mul(1000)))
        .and_then(|m| m.trunc().to_i64())
        .ok_or_else(|| {
            FieldError::new(
                field,
                Rule::NotAllowed,
                format!("{field} is at most {max} of the product's sale unit"),
            )
            .with("max", max.to_string())
        })
}

fn unknown_item(id: i64) -> AppError {
    AppError::from(farmstall_domain::FieldError::new(
        "id",
        farmstall_domain::Rule::UnknownRecord,
        format!("nothing parked has the number {id}"),
    ))
}

impl App {
    /// Adds a listing (or replaces the one with the same listing and SKU ids); its stock is sent
    /// at the next round.
    pub fn save_listing(&mut self, input: &ListingInput) -> Result<ListingDto> {
        let at = self.at();
        self.store.write(|tx| save_listing_in(tx, at, input))
    }

    pub fn list_listings(&mut self) -> Result<Vec<ListingDto>> {
        let at = self.at();
        self.store.read(|tx| {
            store::listings(tx)?
                .into_iter()
                .map(|l| listing_dto(tx, at, l))
                .collect()
        })
    }

    pub fn delete_listing(&mut self, id: &str) -> Result<()> {
        let at = self.at();
        let parsed = crate::farmers::parse_id(id)?;
        self.store.write(|tx| {
            if store::delete_listing(tx, parsed, at.now, at.origin)? {
                Ok(())
            } else {
                Err(AppError::from(farmstall_domain::FieldError::new(
                    "id",
                    farmstall_domain::Rule::UnknownRecord,
                    format!("there is no listing with id {id}"),
                )))
            }
        })
    }

    pub fn sync_status(&mut self) -> Result<SyncStatus> {
        let db = self.db_path().to_path_buf();
        self.store.read(|tx| -> Result<SyncStatus> {
            let s = store::state(tx)?;
            let (pending, parked, held, alerts) = store::counts(tx)?;
            let text = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339());
            // A background round that failed where it could not write (the database busy or
            // not opening) is newer news than what the shop holds.
            let (last_attempt_at, last_error, last_error_kind) = match local_failure(&db) {
                Some(f) if s.last_attempt_at.is_none_or(|t| t <= f.at) => {
                    (Some(f.at), f.message, LOCAL_ERROR_KIND.to_string())
                }
                _ => (s.last_attempt_at, s.last_error, s.last_error_kind),
            };
            Ok(SyncStatus {
                last_success_at: text(s.last_success_at),
                last_attempt_at: text(last_attempt_at),
                cursor: text(s.cursor),
                last_error,
                last_error_kind,
                pending,
                parked,
                held,
                alerts,
                syncing: false,
            })
        })
    }

    /// What waits (`pending`) or was parked (`parked`), oldest first.
    pub fn sync_items(&mut self, state: &str) -> Result<Vec<OutboxItemDto>> {
        let state = if state == "parked" {
            "parked"
        } else {
            "pending"
        };
        self.store.read(|tx| -> Result<Vec<OutboxItemDto>> {
            let mut out = Vec::new();
            for item in store::items(tx, state, 500)? {
                let label = match item.kind.as_str() {
                    "ship" => crate::farmers::parse_id(&item.subject)
                        .ok()
                        .and_then(|id| farmstall_store::orders::get_order(tx, id).ok())
                        .map(|o| o.number)
                        .unwrap_or_else(|| item.subject.clone()),
                    _ => crate::farmers::parse_id(&item.subject)
                        .ok()
                        .and_then(|id| store::listing(tx, id).ok().flatten())
                        .map(|l| {
                            if l.title.is_empty() {
                                l.num_iid
                            } else {
                                l.title
                            }
                        })
                        .unwrap_or_else(|| item.subject.clone()),
                };
                out.push(OutboxItemDto {
                    id: item.id,
                    kind: item.kind,
                    label,
                    state: item.state,
                    tries: item.tries,
                    next_at: item.next_at.to_rfc3339(),
                    last_error: item.last_error,
                });
            }
            Ok(out)
        })
    }

    /// Tries a parked item again at the next round.
    pub fn retry_sync_item(&mut self, id: i64) -> Result<()> {
        let now = self.at().now;
        self.store.write(|tx| {
            if store::retry(tx, id, now)? {
                Ok(())
            } else {
                Err(unknown_item(id))
            }
        })
    }

    /// Gives up on a parked item: it is never sent.
    pub fn discard_sync_item(&mut self, id: i64) -> Result<()> {
        let now = self.at().now;
        self.store.write(|tx| {
            if store::discard(tx, id, now)? {
                Ok(())
            } else {
                Err(unknown_item(id))
            }
        })
    }

    pub fn sync_alerts(&mut self) -> Result<Vec<SyncAlertDto>> {
        self.store.read(|tx| -> Result<Vec<SyncAlertDto>> {
            Ok(store::open_alerts(tx)?
                .into_iter()
                .map(|a| SyncAlertDto {
                    id: a.id,
                    order_id: a.order.to_string(),
                    number: a.number,
                    kind: a.kind,
                    platform_order_id: a.note,
                    at: a.at.to_rfc3339(),
                })
                .collect())
        })
    }

    pub fn dismiss_sync_alert(&mut self, id: i64) -> Result<()> {
        let now = self.at().now;
        self.store.write(|tx| {
            store::dismiss_alert(tx, id, now)?;
            Ok(())
        })
    }

    pub fn held_orders(&mut self) -> Result<Vec<HeldOrderDto>> {
        self.store.read(|tx| -> Result<Vec<HeldOrderDto>> {
            Ok(store::held(tx)?
                .into_iter()
                .map(|h| HeldOrderDto {
                    platform_order_id: h.platform_order_id,
                    reason: h.reason,
                    data: h.data,
                })
                .collect())
        })
    }
}

/// A listing of the demo marketplace, to be mapped to the demo shop's product with that barcode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoListing {
    pub num_iid: String,
    pub sku_id: String,
    /// The demo product's barcode.
    pub outer_id: String,
    pub title: String,
}

impl App {
    /// Connects the demo marketplace running at `base_url` and maps each of its listings to the
    /// product whose barcode is the listing's outer id (the demo shop's products have them).
    /// Returns how many listings were mapped.
    pub fn connect_demo_marketplace(
        &mut self,
        base_url: &str,
        credentials: (&str, &str, &str),
        listings: &[DemoListing],
    ) -> Result<u32> {
        let (app_key, secret, session) = credentials;
        self.save_marketplace_as(
            &crate::credentials::MarketplaceInput {
                base_url: base_url.to_string(),
                app_key: app_key.to_string(),
                secret: secret.to_string(),
                session: session.to_string(),
                sign_method: "hmac-sha256".into(),
            },
            true,
        )?;
        let at = self.at();
        self.store.write(|tx| -> Result<u32> {
            let mut mapped = 0;
            for l in listings {
                let product: Option<String> = tx
                    .query_row(
                        "SELECT id FROM products WHERE barcode = ?1 AND archived_at IS NULL",
                        [&l.outer_id],
                        |r| r.get(0),
                    )
                    .ok();
                let Some(product) = product else {
                    continue;
                };
                save_listing_in(
                    tx,
                    at,
                    &ListingInput {
                        num_iid: l.num_iid.clone(),
                        sku_id: l.sku_id.clone(),
                        outer_id: l.outer_id.clone(),
                        title: l.title.clone(),
                        product_id: product,
                        ..ListingInput::default()
                    },
                )?;
                mapped += 1;
            }
            Ok(mapped)
        })
    }
}

/// Sync in the background: a thread with its own connection to the shop runs a round every
/// `every`, or at once when asked, so the window never waits for the marketplace. A round that
/// cannot start or stops on a local failure (the database busy or unopenable, the settings
/// unreadable) is in the sync status as kind `local`, never silently skipped.
pub struct Runner {
    shared: std::sync::Arc<(std::sync::Mutex<RunnerState>, std::sync::Condvar)>,
    thread: Option<std::thread::JoinHandle<()>>,
}

#[derive(Default)]
struct RunnerState {
    wake: bool,
    /// The wake came from the owner (not the timer): back-offs are cut short.
    asked: bool,
    stop: bool,
    busy: bool,
}

/// The kind of a round that failed here rather than at the marketplace.
pub const LOCAL_ERROR_KIND: &str = "local";

/// A round that could not start or stopped on a local failure, as the status shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LocalFailure {
    at: DateTime<Utc>,
    message: String,
}

/// Local failures by shop file, for failures that cannot be written into the shop itself (its
/// database busy or not opening). Process-wide so the window's own connection reads what the
/// runner's thread saw, whatever shell holds the runner.
static LOCAL_FAILURES: std::sync::Mutex<
    std::collections::BTreeMap<std::path::PathBuf, LocalFailure>,
> = std::sync::Mutex::new(std::collections::BTreeMap::new());

fn failure_key(db: &std::path::Path) -> std::path::PathBuf {
    // realpath, which opens nothing: the same file named two ways is one key.
    std::fs::canonicalize(db).unwrap_or_else(|_| db.to_path_buf())
}

fn note_local_failure(db: &std::path::Path, failure: Option<LocalFailure>) {
    let key = failure_key(db);
    let mut map = LOCAL_FAILURES.lock().unwrap_or_else(|e| e.into_inner());
    match failure {
        Some(f) => {
            map.insert(key, f);
        }
        None => {
            map.remove(&key);
        }
    }
}

fn local_failure(db: &std::path::Path) -> Option<LocalFailure> {
    let map = LOCAL_FAILURES.lock().unwrap_or_else(|e| e.into_inner());
    map.get(&failure_key(db)).cloned()
}

impl App {
    /// Records a round that failed here: in the shop's sync status when the database takes the
    /// write, and in the process's note for the shop file either way.
    fn record_local_failure(&mut self, message: String) {
        let now = self.sync_at().now;
        let written = self
            .store
            .write(|tx| store::record_attempt(tx, now, LOCAL_ERROR_KIND, &message));
        let failure = LocalFailure { at: now, message };
        note_local_failure(self.db_path(), written.is_err().then_some(failure));
    }

    /// One round as the background runner runs it: what stops it is recorded, never dropped.
    fn background_round(&mut self, asked: bool) {
        let market = match self.marketplace_client() {
            Ok(Some(market)) => market,
            Ok(None) => return,
            Err(e) => {
                self.record_local_failure(format!(
                    "sync could not start: the marketplace settings cannot be read ({e})"
                ));
                return;
            }
        };
        let round = if asked {
            self.sync_now(&market)
        } else {
            self.sync_once(&market)
        };
        match round {
            Ok(_) => note_local_failure(self.db_path(), None),
            Err(e) => self.record_local_failure(format!("sync stopped: {e}")),
        }
    }
}

impl Runner {
    /// Starts the background thread on the shop at `db`.
    pub fn start(db: std::path::PathBuf, every: std::time::Duration) -> Runner {
        Runner::start_in(db, every, None)
    }

    /// Starts the background thread on the shop at `db`, its credentials key in `key_dir`
    /// (tests, portable installs; see `credentials::key_dir`).
    pub fn start_with_key_dir(
        db: std::path::PathBuf,
        every: std::time::Duration,
        key_dir: std::path::PathBuf,
    ) -> Runner {
        Runner::start_in(db, every, Some(key_dir))
    }

    fn start_in(
        db: std::path::PathBuf,
        every: std::time::Duration,
        key_dir: Option<std::path::PathBuf>,
    ) -> Runner {
        let shared = std::sync::Arc::new((
            std::sync::Mutex::new(RunnerState {
                wake: true,
                ..RunnerState::default()
            }),
            std::sync::Condvar::new(),
        ));
        let theirs = std::sync::Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("farmstall-sync".into())
            .spawn(move || {
                let (lock, signal) = &*theirs;
                let mut asked;
                let mut app: Option<App> = None;
                loop {
                    {
                        let Ok(mut state) = lock.lock() else { return };
                        if !state.wake && !state.stop {
                            state = match signal.wait_timeout(state, every) {
                                Ok((s, _)) => s,
                                Err(_) => return,
                            };
                        }
                        if state.stop {
                            return;
                        }
                        state.wake = false;
                        asked = std::mem::take(&mut state.asked);
                        state.busy = true;
                    }
                    // One connection for the thread's life (opened again only after a failure),
                    // rather than one a round. A shop that cannot be opened is tried again next
                    // time, and the status says why meanwhile.
                    if app.is_none() {
                        match App::open(&db, Origin::Sync) {
                            Ok(opened) => {
                                app = Some(match &key_dir {
                                    Some(dir) => opened.with_key_dir(dir),
                                    None => opened,
                                });
                            }
                            Err(e) => note_local_failure(
                                &db,
                                Some(LocalFailure {
                                    at: Utc::now(),
                                    message: format!("sync could not open the shop: {e}"),
                                }),
                            ),
                        }
                    }
                    // A round that panics must not leave the window saying "syncing" for ever.
                    let ok = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        if let Some(app) = app.as_mut() {
                            app.background_round(asked);
                        }
                    }));
                    if ok.is_err() {
                        app = None;
                        note_local_failure(
                            &db,
                            Some(LocalFailure {
                                at: Utc::now(),
                                message: "a sync round failed unexpectedly; it is tried again at the next round".into(),
                            }),
                        );
                    }
                    if let Ok(mut state) = lock.lock() {
                        state.busy = false;
                    }
                    signal.notify_all();
                }
            })
            .ok();
        Runner { shared, thread }
    }

    /// Runs a round as soon as the current one (if any) ends.
    pub fn sync_now(&self) {
        let (lock, signal) = &*self.shared;
        if let Ok(mut state) = lock.lock() {
            state.wake = true;
            state.asked = true;
        }
        signal.notify_all();
    }

    /// Whether a round is running now.
    pub fn busy(&self) -> bool {
        self.shared
            .0
            .lock()
            .map(|s| s.busy || s.wake)
            .unwrap_or(false)
    }

    /// Waits until no round is running or asked for (tests), at most `timeout`.
    pub fn wait_idle(&self, timeout: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        let (lock, signal) = &*self.shared;
        let Ok(mut state) = lock.lock() else {
            return false;
        };
        while state.busy || state.wake {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            state = match signal.wait_timeout(state, left) {
                Ok((s, _)) => s,
                Err(_) => return false,
            };
        }
        true
    }
}

impl Drop for Runner {
    fn drop(&mut self) {
        {
            let (lock, signal) = &*self.shared;
            if let Ok(mut state) = lock.lock() {
                state.stop = true;
            }
            signal.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
