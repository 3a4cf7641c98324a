//! The platform's state and every change to it: listings and their stock, orders and their statuses,
//! buyers, bans, the fault stream and the request log. One `State` sits behind one mutex; every
//! function here runs with it held, so a change is never seen half made.

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};

use chrono::NaiveDateTime;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use rust_decimal::Decimal;

use crate::config::{Config, Faults, ShopConfig};
use crate::error::{Result, SimError};
use crate::model::{
    fen, BuyerEvent, Listing, NewOrder, Order, OrderLine, OrderStatus, Receiver, RefundStatus,
    RequestRecord, ShopSnapshot, Snapshot, Waybill,
};
use crate::{people, time};

const MAX_LINES: usize = 9;
/// Statuses a buyer can still act on; kept as sets so that a buyer step does not scan every order.
const OPEN: [OrderStatus; 3] = [
    OrderStatus::WaitBuyerPay,
    OrderStatus::WaitSellerSendGoods,
    OrderStatus::WaitBuyerConfirmGoods,
];
/// The fault stream is the seed's second stream, so buyers do not depend on how many calls came in.
const FAULT_STREAM: u64 = 0x5eed_fa17_0000_0001;

pub(crate) struct Shop {
    pub app_key: String,
    pub secret: String,
    pub session: String,
    pub listings: Vec<Listing>,
}

/// What the fault stream decided for one call before it is looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Plan {
    pub latency_ms: u64,
    pub call: Option<CallFault>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CallFault {
    ServerError(u16),
    Isp(&'static str),
    Ban,
    Drop,
}

#[derive(Clone, Copy)]
enum BuyerAction {
    Order,
    Pay,
    Cancel,
    Refund,
    Confirm,
}

pub(crate) struct State {
    seed: u64,
    pub clock_offset: i64,
    pub shops: Vec<Shop>,
    orders: BTreeMap<u64, Order>,
    /// When each order was last modified in the order of modifications: breaks ties between orders
    /// modified in the same second (the platform's times have no finer grain).
    touched_at: HashMap<u64, u64>,
    open: BTreeMap<OrderStatus, BTreeSet<u64>>,
    next_tid: u64,
    touch_seq: u64,
    buyer_rng: SmallRng,
    pub fault_rng: SmallRng,
    pub faults: Faults,
    bans: HashMap<String, Instant>,
    pub rejected: BTreeSet<u64>,
    log: VecDeque<RequestRecord>,
    log_limit: usize,
    requests_total: u64,
}

impl State {
    pub fn new(config: &Config) -> Result<State> {
        config.faults.validate().map_err(SimError::Config)?;
        let mut state = State {
            seed: config.seed,
            clock_offset: config.clock_offset_seconds,
            shops: Vec::new(),
            orders: BTreeMap::new(),
            touched_at: HashMap::new(),
            open: OPEN.iter().map(|s| (*s, BTreeSet::new())).collect(),
            next_tid: config.first_tid.max(1),
            touch_seq: 0,
            buyer_rng: SmallRng::seed_from_u64(config.seed),
            fault_rng: SmallRng::seed_from_u64(config.seed ^ FAULT_STREAM),
            faults: config.faults.clone(),
            bans: HashMap::new(),
            rejected: BTreeSet::new(),
            log: VecDeque::new(),
            log_limit: config.request_log_limit,
            requests_total: 0,
        };
        for shop in &config.shops {
            state.add_shop(shop)?;
        }
        Ok(state)
    }

    fn add_shop(&mut self, shop: &ShopConfig) -> Result<()> {
        for (what, value) in [
            ("app_key", &shop.app_key),
            ("secret", &shop.secret),
            ("session", &shop.session),
        ] {
            if value.is_empty() {
                return Err(SimError::Config(format!("a shop's {what} is empty")));
            }
        }
        if self.shops.iter().any(|s| s.app_key == shop.app_key) {
            return Err(SimError::Config(format!(
                "two shops have app key {}",
                shop.app_key
            )));
        }
        if self.shops.iter().any(|s| s.session == shop.session) {
            return Err(SimError::Config(format!(
                "two shops have session {}",
                shop.session
            )));
        }
        self.shops.push(Shop {
            app_key: shop.app_key.clone(),
            secret: shop.secret.clone(),
            session: shop.session.clone(),
            listings: Vec::new(),
        });
        let index = self.shops.len() - 1;
        for listing in &shop.listings {
            self.add_listing(index, listing.clone())?;
        }
        Ok(())
    }

    pub fn now(&self) -> NaiveDateTime {
        time::now_cn(self.clock_offset)
    }

    pub fn shop_index(&self, app_key: &str) -> Option<usize> {
        self.shops.iter().position(|s| s.app_key == app_key)
    }

    // ----- listings -----

    /// Adds a listing to a shop. An item (`num_iid`) belongs to one shop and either has no SKUs (one
    /// listing) or only SKU listings; outer ids are unique within an item (they address listings).
    pub fn add_listing(&mut self, shop: usize, listing: Listing) -> Result<()> {
        let refuse = |why: String| Err(SimError::Config(why));
        if listing.stock < 0 {
            return refuse(format!("listing {} has negative stock", listing.num_iid));
        }
        if listing.sku_id.as_deref() == Some("") {
            return refuse(format!("listing {} has an empty SKU id", listing.num_iid));
        }
        if listing.price < Decimal::ZERO {
            return refuse(format!("listing {} has a negative price", listing.num_iid));
        }
        for (i, other_shop) in self.shops.iter().enumerate() {
            for other in other_shop
                .listings
                .iter()
                .filter(|l| l.num_iid == listing.num_iid)
            {
                if i != shop {
                    return refuse(format!("item {} belongs to another shop", listing.num_iid));
                }
                if other.sku_id.is_none() || listing.sku_id.is_none() {
                    return refuse(format!(
                        "item {} would mix a listing without SKU and others",
                        listing.num_iid
                    ));
                }
                if other.sku_id == listing.sku_id {
                    return refuse(format!(
                        "item {} already has SKU {:?}",
                        listing.num_iid, listing.sku_id
                    ));
                }
                if !listing.outer_id.is_empty() && other.outer_id == listing.outer_id {
                    return refuse(format!(
                        "item {} already has outer id {}",
                        listing.num_iid, listing.outer_id
                    ));
                }
            }
        }
        let Some(target) = self.shops.get_mut(shop) else {
            return refuse(format!("no shop number {shop}"));
        };
        let mut listing = listing;
        listing.price = fen(listing.price);
        target.listings.push(listing);
        Ok(())
    }

    pub fn listing(&self, num_iid: u64, sku_id: Option<&str>) -> Option<&Listing> {
        self.shops
            .iter()
            .flat_map(|s| s.listings.iter())
            .find(|l| l.is(num_iid, sku_id))
    }

    fn listing_mut(&mut self, num_iid: u64, sku_id: Option<&str>) -> Option<&mut Listing> {
        self.shops
            .iter_mut()
            .flat_map(|s| s.listings.iter_mut())
            .find(|l| l.is(num_iid, sku_id))
    }

    pub fn set_stock(&mut self, num_iid: u64, sku_id: Option<&str>, stock: i64) -> Result<()> {
        if stock < 0 {
            return Err(SimError::Refused(format!("stock {stock} is below 0")));
        }
        let listing = self
            .listing_mut(num_iid, sku_id)
            .ok_or_else(|| SimError::NotFound(format!("listing {num_iid} {sku_id:?}")))?;
        listing.stock = stock;
        Ok(())
    }

    /// Finds a shop's listing the way `taobao.item.quantity.update` addresses it: by SKU id, else by
    /// outer id, else the item's only listing. `Err` says why not, for the caller to word.
    pub fn find_listing(
        &self,
        shop: usize,
        num_iid: u64,
        sku_id: Option<&str>,
        outer_id: Option<&str>,
    ) -> std::result::Result<usize, ListingLookup> {
        let listings = &self.shops[shop].listings;
        let of_item: Vec<usize> = (0..listings.len())
            .filter(|i| listings[*i].num_iid == num_iid)
            .collect();
        if of_item.is_empty() {
            return Err(ListingLookup::NoItem);
        }
        let found = if let Some(sku) = sku_id {
            of_item
                .iter()
                .copied()
                .find(|i| listings[*i].sku_id.as_deref() == Some(sku))
        } else if let Some(outer) = outer_id {
            of_item
                .iter()
                .copied()
                .find(|i| listings[*i].outer_id == outer)
        } else if of_item.len() == 1 {
            Some(of_item[0])
        } else {
            return Err(ListingLookup::NeedsSku);
        };
        found.ok_or(ListingLookup::NoSku)
    }

    pub fn listing_at_mut(&mut self, shop: usize, index: usize) -> &mut Listing {
        &mut self.shops[shop].listings[index]
    }

    // ----- orders -----

    pub fn order(&self, tid: u64) -> Option<&Order> {
        self.orders.get(&tid)
    }

    fn next_touch(&mut self) -> u64 {
        self.touch_seq += 1;
        self.touch_seq
    }

    /// The order's `modified` becomes now: it moves to the front of `increment.get`.
    pub fn touch(&mut self, tid: u64) -> Result<()> {
        let now = self.now();
        let seq = self.next_touch();
        let order = self
            .orders
            .get_mut(&tid)
            .ok_or_else(|| SimError::NotFound(format!("order {tid}")))?;
        order.modified = now;
        self.touched_at.insert(tid, seq);
        Ok(())
    }

    fn set_status(&mut self, tid: u64, status: OrderStatus) -> Result<&mut Order> {
        let now = self.now();
        let seq = self.next_touch();
        let order = self
            .orders
            .get_mut(&tid)
            .ok_or_else(|| SimError::NotFound(format!("order {tid}")))?;
        if let Some(set) = self.open.get_mut(&order.status) {
            set.remove(&tid);
        }
        if let Some(set) = self.open.get_mut(&status) {
            set.insert(tid);
        }
        order.status = status;
        order.modified = now;
        if status.is_final() {
            order.end_time = Some(now);
        }
        self.touched_at.insert(tid, seq);
        Ok(order)
    }

    fn expect_status(&self, tid: u64, allowed: &[OrderStatus], doing: &str) -> Result<()> {
        let order = self
            .orders
            .get(&tid)
            .ok_or_else(|| SimError::NotFound(format!("order {tid}")))?;
        if allowed.contains(&order.status) {
            Ok(())
        } else {
            Err(SimError::Refused(format!(
                "cannot {doing} order {tid}: it is {}",
                order.status.as_str()
            )))
        }
    }

    /// Gives an order's goods back to their listings (closed unpaid, or refunded).
    fn return_stock(&mut self, tid: u64) {
        let lines: Vec<(u64, Option<String>, u32)> = match self.orders.get(&tid) {
            Some(o) => o
                .lines
                .iter()
                .map(|l| (l.num_iid, l.sku_id.clone(), l.num))
                .collect(),
            None => return,
        };
        for (num_iid, sku_id, num) in lines {
            if let Some(listing) = self.listing_mut(num_iid, sku_id.as_deref()) {
                listing.stock += i64::from(num);
            }
        }
    }

    pub fn pay(&mut self, tid: u64) -> Result<()> {
        self.expect_status(tid, &[OrderStatus::WaitBuyerPay], "pay")?;
        let now = self.now();
        self.set_status(tid, OrderStatus::WaitSellerSendGoods)?
            .pay_time = Some(now);
        Ok(())
    }

    pub fn cancel(&mut self, tid: u64) -> Result<()> {
        self.expect_status(tid, &[OrderStatus::WaitBuyerPay], "cancel")?;
        self.set_status(tid, OrderStatus::TradeClosedByTaobao)?;
        self.return_stock(tid);
        Ok(())
    }

    pub fn refund(&mut self, tid: u64) -> Result<()> {
        self.expect_status(
            tid,
            &[
                OrderStatus::WaitSellerSendGoods,
                OrderStatus::WaitBuyerConfirmGoods,
            ],
            "refund",
        )?;
        let order = self.set_status(tid, OrderStatus::TradeClosed)?;
        for line in &mut order.lines {
            line.refund_status = RefundStatus::Success;
        }
        self.return_stock(tid);
        Ok(())
    }

    pub fn confirm(&mut self, tid: u64) -> Result<()> {
        self.expect_status(tid, &[OrderStatus::WaitBuyerConfirmGoods], "confirm")?;
        self.set_status(tid, OrderStatus::TradeFinished)?;
        Ok(())
    }

    /// `taobao.logistics.offline.send` on an existing order. `Ok(true)`: shipped now; `Ok(false)`:
    /// already shipped with this very waybill (idempotent); `Err`: why not, in the platform's words.
    pub fn ship(
        &mut self,
        tid: u64,
        company_code: &str,
        out_sid: &str,
    ) -> std::result::Result<bool, String> {
        let Some(order) = self.orders.get(&tid) else {
            return Err(format!("订单 {tid} 不存在"));
        };
        if self.rejected.contains(&tid) {
            return Err(format!("订单 {tid} 暂时无法发货，请稍后再试"));
        }
        if let Some(w) = &order.waybill {
            return if w.out_sid == out_sid && w.company_code == company_code {
                Ok(false)
            } else {
                Err(format!(
                    "订单 {tid} 已用 {} {} 发货，不能再用 {company_code} {out_sid} 发货",
                    w.company_code, w.out_sid
                ))
            };
        }
        if order.status != OrderStatus::WaitSellerSendGoods {
            return Err(format!(
                "订单 {tid} 的状态是 {}，只有 WAIT_SELLER_SEND_GOODS 的订单可以发货",
                order.status.as_str()
            ));
        }
        let now = self.now();
        let order = self
            .set_status(tid, OrderStatus::WaitBuyerConfirmGoods)
            .map_err(|e| e.to_string())?;
        order.waybill = Some(Waybill {
            company_code: company_code.to_string(),
            out_sid: out_sid.to_string(),
        });
        order.consign_time = Some(now);
        Ok(true)
    }

    /// Makes an order of `lines` (listing index in `shop`, count), taking stock first when the status
    /// holds it; the caller has checked that the stock is there.
    #[allow(clippy::too_many_arguments)]
    fn insert_order(
        &mut self,
        shop: usize,
        lines: &[(usize, u32)],
        status: OrderStatus,
        at: NaiveDateTime,
        receiver: Receiver,
        buyer_nick: String,
        buyer_message: String,
        post_fee: Decimal,
        waybill: Option<Waybill>,
    ) -> u64 {
        let tid = self.next_tid;
        self.next_tid += 1;
        let mut order_lines = Vec::with_capacity(lines.len());
        let mut payment = post_fee;
        for (n, (index, num)) in (1u64..).zip(lines.iter().copied()) {
            let listing = &mut self.shops[shop].listings[index];
            if status.holds_stock() {
                listing.stock -= i64::from(num);
            }
            let line_payment = fen(listing.price * Decimal::from(num));
            payment += line_payment;
            order_lines.push(OrderLine {
                oid: tid * 10 + n,
                num_iid: listing.num_iid,
                sku_id: listing.sku_id.clone(),
                outer_iid: listing.outer_id.clone(),
                title: listing.title.clone(),
                num,
                price: listing.price,
                payment: line_payment,
                refund_status: if status == OrderStatus::TradeClosed {
                    RefundStatus::Success
                } else {
                    RefundStatus::NoRefund
                },
            });
        }
        let touch_seq = self.next_touch();
        let order = Order {
            tid,
            app_key: self.shops[shop].app_key.clone(),
            status,
            created: at,
            pay_time: status.is_paid().then_some(at),
            consign_time: waybill.as_ref().map(|_| at),
            end_time: status.is_final().then_some(at),
            modified: at,
            buyer_nick,
            receiver,
            post_fee: fen(post_fee),
            payment: fen(payment),
            buyer_message,
            seller_memo: String::new(),
            waybill,
            lines: order_lines,
        };
        self.touched_at.insert(tid, touch_seq);
        if let Some(set) = self.open.get_mut(&status) {
            set.insert(tid);
        }
        self.orders.insert(tid, order);
        tid
    }

    /// A test's order, in any status (see [`NewOrder`]). Refused, with nothing changed, when a listing
    /// is unknown or its stock is short: the simulator never oversells, even for a test.
    pub fn create_order(&mut self, app_key: &str, new: NewOrder) -> Result<u64> {
        let shop = self
            .shop_index(app_key)
            .ok_or_else(|| SimError::NotFound(format!("shop {app_key}")))?;
        if new.lines.is_empty() || new.lines.len() > MAX_LINES {
            return Err(SimError::Refused(format!(
                "an order has 1 to {MAX_LINES} lines, not {}",
                new.lines.len()
            )));
        }
        let mut lines = Vec::with_capacity(new.lines.len());
        let mut wanted: BTreeMap<usize, i64> = BTreeMap::new();
        for line in &new.lines {
            let listings = &self.shops[shop].listings;
            let index = listings
                .iter()
                .position(|l| l.is(line.num_iid, line.sku_id.as_deref()))
                .ok_or_else(|| {
                    SimError::NotFound(format!(
                        "listing {} {:?} in shop {app_key}",
                        line.num_iid, line.sku_id
                    ))
                })?;
            if line.num == 0 {
                return Err(SimError::Refused("a line of 0".to_string()));
            }
            *wanted.entry(index).or_default() += i64::from(line.num);
            lines.push((index, line.num));
        }
        if new.status.holds_stock() {
            for (index, want) in &wanted {
                let listing = &self.shops[shop].listings[*index];
                if listing.stock < *want {
                    return Err(SimError::Refused(format!(
                        "listing {} {:?} has {} in stock, the order wants {want}",
                        listing.num_iid, listing.sku_id, listing.stock
                    )));
                }
            }
        }
        // A recipient from the seed and the order number: stable, and the buyers' stream untouched.
        let mut rng = SmallRng::seed_from_u64(self.seed ^ self.next_tid.rotate_left(32));
        let receiver = new.receiver.unwrap_or_else(|| people::receiver(&mut rng));
        let nick = people::buyer_nick(&mut rng);
        let tid_to_be = self.next_tid;
        let waybill = new.waybill.or_else(|| {
            new.status.is_shipped().then(|| Waybill {
                company_code: "SF".to_string(),
                out_sid: format!("SF{:013}", 1_400_000_000_000u64 + tid_to_be),
            })
        });
        let at = new.at.unwrap_or_else(|| self.now());
        Ok(self.insert_order(
            shop,
            &lines,
            new.status,
            at,
            receiver,
            nick,
            new.buyer_message,
            Decimal::ZERO,
            waybill,
        ))
    }

    /// Orders of `app_key` modified in `[start, end]` (optionally of one status), newest modified
    /// first; ties in the same second by the order of modification, newest first.
    pub fn window(
        &self,
        app_key: &str,
        start: NaiveDateTime,
        end: NaiveDateTime,
        status: Option<OrderStatus>,
    ) -> Vec<u64> {
        let mut hits: Vec<(NaiveDateTime, u64, u64)> = self
            .orders
            .values()
            .filter(|o| o.app_key == app_key && o.modified >= start && o.modified <= end)
            .filter(|o| status.is_none_or(|s| o.status == s))
            .map(|o| {
                let seq = self.touched_at.get(&o.tid).copied().unwrap_or(0);
                (o.modified, seq, o.tid)
            })
            .collect();
        hits.sort_unstable_by(|a, b| b.cmp(a));
        hits.into_iter().map(|(_, _, tid)| tid).collect()
    }

    // ----- buyers -----

    fn open_count(&self, status: OrderStatus) -> usize {
        self.open.get(&status).map_or(0, BTreeSet::len)
    }

    /// A random open order in one of `statuses` (there is one: the caller counted).
    fn pick_open(&mut self, statuses: &[OrderStatus]) -> Option<u64> {
        let total: usize = statuses.iter().map(|s| self.open_count(*s)).sum();
        if total == 0 {
            return None;
        }
        let mut k = self.buyer_rng.gen_range(0..total);
        for status in statuses {
            let set = self.open.get(status)?;
            if k < set.len() {
                return set.iter().nth(k).copied();
            }
            k -= set.len();
        }
        None
    }

    /// One buyer action drawn from the seed.
    pub fn buyer_step(&mut self) -> BuyerEvent {
        let unpaid = self.open_count(OrderStatus::WaitBuyerPay);
        let paid = self.open_count(OrderStatus::WaitSellerSendGoods);
        let shipped = self.open_count(OrderStatus::WaitBuyerConfirmGoods);
        let can_order = self.shops.iter().any(|s| !s.listings.is_empty());
        let weights = [
            (BuyerAction::Order, if can_order { 40 } else { 0 }),
            (BuyerAction::Pay, if unpaid > 0 { 25 } else { 0 }),
            (BuyerAction::Cancel, if unpaid > 0 { 8 } else { 0 }),
            (BuyerAction::Refund, if paid + shipped > 0 { 6 } else { 0 }),
            (BuyerAction::Confirm, if shipped > 0 { 20 } else { 0 }),
        ];
        let total: u32 = weights.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return BuyerEvent::Idle;
        }
        let mut roll = self.buyer_rng.gen_range(0..total);
        let mut action = BuyerAction::Order;
        for (a, w) in weights {
            if roll < w {
                action = a;
                break;
            }
            roll -= w;
        }
        let event = match action {
            BuyerAction::Order => return self.buyer_order(),
            BuyerAction::Pay => self
                .pick_open(&[OrderStatus::WaitBuyerPay])
                .filter(|tid| self.pay(*tid).is_ok())
                .map(|tid| BuyerEvent::Paid { tid }),
            BuyerAction::Cancel => self
                .pick_open(&[OrderStatus::WaitBuyerPay])
                .filter(|tid| self.cancel(*tid).is_ok())
                .map(|tid| BuyerEvent::Cancelled { tid }),
            BuyerAction::Refund => self
                .pick_open(&[
                    OrderStatus::WaitSellerSendGoods,
                    OrderStatus::WaitBuyerConfirmGoods,
                ])
                .filter(|tid| self.refund(*tid).is_ok())
                .map(|tid| BuyerEvent::Refunded { tid }),
            BuyerAction::Confirm => self
                .pick_open(&[OrderStatus::WaitBuyerConfirmGoods])
                .filter(|tid| self.confirm(*tid).is_ok())
                .map(|tid| BuyerEvent::Confirmed { tid }),
        };
        event.unwrap_or(BuyerEvent::Idle)
    }

    /// A buyer picks a shop, one to three of its listings and how many of each; the order is made
    /// only if every listing has the stock.
    fn buyer_order(&mut self) -> BuyerEvent {
        let shops: Vec<usize> = (0..self.shops.len())
            .filter(|i| !self.shops[*i].listings.is_empty())
            .collect();
        if shops.is_empty() {
            return BuyerEvent::Idle;
        }
        let rng = &mut self.buyer_rng;
        let shop = shops[rng.gen_range(0..shops.len())];
        let count = self.shops[shop].listings.len();
        let line_count = match rng.gen_range(0..100) {
            0..=79 => 1,
            80..=94 => 2,
            _ => 3,
        }
        .min(count);
        let chosen = rand::seq::index::sample(rng, count, line_count).into_vec();
        let lines: Vec<(usize, u32)> = chosen
            .into_iter()
            .map(|index| {
                let num = match rng.gen_range(0..10) {
                    0..=6 => 1,
                    7..=8 => 2,
                    _ => 3,
                };
                (index, num)
            })
            .collect();
        let receiver = people::receiver(rng);
        let nick = people::buyer_nick(rng);
        let message = people::buyer_message(rng);
        let post_fee = if rng.gen_bool(0.1) {
            Decimal::new(1000, 2)
        } else {
            Decimal::ZERO
        };
        for (index, num) in &lines {
            let listing = &self.shops[shop].listings[*index];
            if listing.stock < i64::from(*num) {
                return BuyerEvent::Refused {
                    num_iid: listing.num_iid,
                    sku_id: listing.sku_id.clone(),
                    wanted: *num,
                    stock: listing.stock,
                };
            }
        }
        let now = self.now();
        let tid = self.insert_order(
            shop,
            &lines,
            OrderStatus::WaitBuyerPay,
            now,
            receiver,
            nick,
            message,
            post_fee,
            None,
        );
        BuyerEvent::Ordered { tid }
    }

    pub fn buyer_steps(&mut self, n: usize) -> Vec<BuyerEvent> {
        (0..n).map(|_| self.buyer_step()).collect()
    }

    /// What the background buyers do on each timer tick: steps until one new order was tried.
    pub fn tick(&mut self) -> Vec<BuyerEvent> {
        let mut events = Vec::new();
        for _ in 0..50 {
            let event = self.buyer_step();
            let ordered = matches!(
                event,
                BuyerEvent::Ordered { .. } | BuyerEvent::Refused { .. } | BuyerEvent::Idle
            );
            events.push(event);
            if ordered {
                break;
            }
        }
        events
    }

    // ----- faults and bans -----

    /// Draws the latency and the call fault of one call (always the same draws for the same faults,
    /// so the same seed and the same calls give the same faults).
    pub fn draw_plan(&mut self) -> Plan {
        let f = &self.faults;
        let rng = &mut self.fault_rng;
        let latency_ms = if f.latency_max_ms > 0 {
            rng.gen_range(f.latency_min_ms..=f.latency_max_ms)
        } else {
            0
        };
        let roll: f64 = rng.gen();
        let shares = [f.server_error_share, f.isp_share, f.ban_share, f.drop_share];
        let mut edge = 0.0;
        let mut picked = None;
        for (i, share) in shares.into_iter().enumerate() {
            edge += share;
            if roll < edge {
                picked = Some(i);
                break;
            }
        }
        let call = match picked {
            Some(0) => Some(CallFault::ServerError([500, 502, 503][rng.gen_range(0..3)])),
            Some(1) => Some(CallFault::Isp(if rng.gen_bool(0.5) {
                "isp.remote-service-error"
            } else {
                "isp.top-remote-connection-timeout"
            })),
            Some(2) => Some(CallFault::Ban),
            Some(_) => Some(CallFault::Drop),
            None => None,
        };
        Plan { latency_ms, call }
    }

    /// Whether this read of a later page shifts the pages first (drawn only when the share is set).
    pub fn draw_page_shift(&mut self) -> bool {
        self.faults.page_shift_share > 0.0
            && self.fault_rng.gen::<f64>() < self.faults.page_shift_share
    }

    /// Picks one to three of `tids` to modify now.
    pub fn draw_shifted(&mut self, tids: &[u64]) -> Vec<u64> {
        if tids.is_empty() {
            return Vec::new();
        }
        let k = self.fault_rng.gen_range(1..=3).min(tids.len());
        let mut picked: Vec<u64> = rand::seq::index::sample(&mut self.fault_rng, tids.len(), k)
            .into_iter()
            .map(|i| tids[i])
            .collect();
        picked.sort_unstable();
        picked
    }

    pub fn ban(&mut self, app_key: &str, seconds: u64) {
        self.bans.insert(
            app_key.to_string(),
            Instant::now() + Duration::from_secs(seconds),
        );
    }

    /// Whole seconds left of a ban on `app_key` (rounded up), if one is running.
    pub fn ban_left(&mut self, app_key: &str) -> Option<u64> {
        let until = *self.bans.get(app_key)?;
        let now = Instant::now();
        if now >= until {
            self.bans.remove(app_key);
            return None;
        }
        let left = until - now;
        Some(left.as_secs() + u64::from(left.subsec_nanos() > 0))
    }

    // ----- request log -----

    /// Records a call as it arrives and draws its faults.
    pub fn arrive(&mut self, params: BTreeMap<String, String>) -> (u64, Plan) {
        let seq = self.requests_total;
        self.requests_total += 1;
        let plan = self.draw_plan();
        let record = RequestRecord {
            seq,
            at: self.now(),
            method: params.get("method").cloned(),
            params,
            http_status: None,
            code: None,
            sub_code: None,
            faults: Vec::new(),
            latency_ms: plan.latency_ms,
            touched: Vec::new(),
        };
        self.log.push_back(record);
        while self.log.len() > self.log_limit {
            self.log.pop_front();
        }
        (seq, plan)
    }

    /// The record of call `seq`, while the log still keeps it.
    pub fn record_mut(&mut self, seq: u64) -> Option<&mut RequestRecord> {
        let first = self.log.front()?.seq;
        let index = usize::try_from(seq.checked_sub(first)?).ok()?;
        self.log.get_mut(index)
    }

    pub fn requests(&self) -> Vec<RequestRecord> {
        self.log.iter().cloned().collect()
    }

    // ----- the whole -----

    pub fn snapshot(&self, last_requests: Option<usize>) -> Snapshot {
        let shops = self
            .shops
            .iter()
            .map(|shop| ShopSnapshot {
                app_key: shop.app_key.clone(),
                session: shop.session.clone(),
                listings: shop.listings.clone(),
                orders: self
                    .orders
                    .values()
                    .filter(|o| o.app_key == shop.app_key)
                    .cloned()
                    .collect(),
            })
            .collect();
        let skip = last_requests.map_or(0, |n| self.log.len().saturating_sub(n));
        Snapshot {
            now: self.now(),
            shops,
            requests: self.log.iter().skip(skip).cloned().collect(),
            requests_total: self.requests_total,
            faults: self.faults.clone(),
            rejected_tids: self.rejected.iter().copied().collect(),
        }
    }
}

/// Why a listing was not found by [`State::find_listing`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ListingLookup {
    NoItem,
    NoSku,
    NeedsSku,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn state(seed: u64, stock: i64) -> State {
        let shop = ShopConfig::new("k", "s", "x")
            .listing(Listing::new(1, "A", "a", Decimal::new(1000, 2), stock))
            .listing(Listing::new(2, "B", "b", Decimal::new(550, 2), stock).with_sku("21"))
            .listing(Listing::new(2, "C", "c", Decimal::new(650, 2), stock).with_sku("22"));
        match State::new(&Config::with_shop(seed, shop)) {
            Ok(s) => s,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn fault_plan_shares_are_respected() {
        let mut s = state(1, 0);
        s.faults = Faults {
            server_error_share: 0.25,
            isp_share: 0.25,
            ban_share: 0.25,
            ban_seconds: 1,
            drop_share: 0.25,
            ..Faults::none()
        };
        let mut counts = [0usize; 5];
        for _ in 0..4000 {
            let i = match s.draw_plan().call {
                Some(CallFault::ServerError(code)) => {
                    assert!([500, 502, 503].contains(&code));
                    0
                }
                Some(CallFault::Isp(sub)) => {
                    assert!(sub.starts_with("isp."));
                    1
                }
                Some(CallFault::Ban) => 2,
                Some(CallFault::Drop) => 3,
                None => 4,
            };
            counts[i] += 1;
        }
        for c in &counts[..4] {
            assert!((800..1200).contains(c), "{counts:?}");
        }
        assert_eq!(
            counts[4], 0,
            "the shares add up to 1: every call gets a fault"
        );
    }

    #[test]
    fn no_faults_means_no_plan() {
        let mut s = state(1, 0);
        for _ in 0..1000 {
            assert_eq!(
                s.draw_plan(),
                Plan {
                    latency_ms: 0,
                    call: None
                }
            );
        }
    }

    #[test]
    fn a_short_listing_refuses_the_whole_order() {
        let mut s = state(3, 1);
        let before = s.snapshot(None);
        let new = NewOrder::new(
            OrderStatus::WaitSellerSendGoods,
            vec![NewOrder::line(1, 1), NewOrder::line(1, 1)],
        );
        assert!(matches!(
            s.create_order("k", new),
            Err(SimError::Refused(_))
        ));
        assert_eq!(s.snapshot(None).shops, before.shops);
    }

    #[test]
    fn listings_are_found_by_sku_outer_id_or_alone() {
        let s = state(3, 1);
        assert_eq!(s.find_listing(0, 1, None, None), Ok(0));
        assert_eq!(s.find_listing(0, 2, Some("22"), None), Ok(2));
        assert_eq!(s.find_listing(0, 2, None, Some("B")), Ok(1));
        assert_eq!(
            s.find_listing(0, 2, None, None),
            Err(ListingLookup::NeedsSku)
        );
        assert_eq!(
            s.find_listing(0, 2, Some("99"), None),
            Err(ListingLookup::NoSku)
        );
        assert_eq!(s.find_listing(0, 3, None, None), Err(ListingLookup::NoItem));
    }

    #[test]
    fn mixing_sku_and_plain_listings_of_one_item_is_refused() {
        let mut s = state(3, 1);
        let plain = Listing::new(2, "Z", "z", Decimal::ONE, 1);
        assert!(matches!(s.add_listing(0, plain), Err(SimError::Config(_))));
        let dup = Listing::new(2, "D", "d", Decimal::ONE, 1).with_sku("21");
        assert!(matches!(s.add_listing(0, dup), Err(SimError::Config(_))));
    }

    #[test]
    fn the_request_log_keeps_the_last_n() {
        let mut s = state(3, 1);
        s.log_limit = 3;
        for i in 0..5 {
            let params = BTreeMap::from([("method".to_string(), format!("m{i}"))]);
            s.arrive(params);
        }
        let seqs: Vec<u64> = s.requests().iter().map(|r| r.seq).collect();
        assert_eq!(seqs, vec![2, 3, 4]);
        assert!(s.record_mut(1).is_none());
        assert!(s.record_mut(4).is_some());
        assert_eq!(s.snapshot(Some(2)).requests.len(), 2);
        assert_eq!(s.snapshot(None).requests_total, 5);
    }
}
