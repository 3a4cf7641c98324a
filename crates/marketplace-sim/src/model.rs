//! What the simulated platform holds (listings, orders) and what it shows of itself (snapshot, request
//! log, buyer events). All of it serialises to the JSON of `GET /sim/state`, times as platform text.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::config::Faults;

/// One thing a shop sells on the platform: an item (`num_iid`), or one SKU of it (`sku_id`).
///
/// `stock` is what the platform offers buyers; it is never negative: a buyer order that would take it
/// below zero is not created, and a seller update that would is refused.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listing {
    pub num_iid: u64,
    /// `None` for an item without SKUs.
    pub sku_id: Option<String>,
    /// The seller's own code for the listing (answered as `outer_iid` on order lines).
    pub outer_id: String,
    pub title: String,
    /// Yuan, two decimals.
    pub price: Decimal,
    pub stock: i64,
}

impl Listing {
    /// An item without SKUs. `price` is rounded to fen.
    pub fn new(num_iid: u64, outer_id: &str, title: &str, price: Decimal, stock: i64) -> Listing {
        Listing {
            num_iid,
            sku_id: None,
            outer_id: outer_id.to_string(),
            title: title.to_string(),
            price: fen(price),
            stock,
        }
    }

    /// The same listing as one SKU (`sku_id`) of its item.
    pub fn with_sku(mut self, sku_id: &str) -> Listing {
        self.sku_id = Some(sku_id.to_string());
        self
    }

    pub(crate) fn is(&self, num_iid: u64, sku_id: Option<&str>) -> bool {
        self.num_iid == num_iid && self.sku_id.as_deref() == sku_id
    }
}

/// A money amount rounded to fen, always shown with two decimals.
pub(crate) fn fen(amount: Decimal) -> Decimal {
    let mut d = amount.round_dp(2);
    d.rescale(2);
    d
}

/// The platform's order statuses (docs/marketplace.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OrderStatus {
    WaitBuyerPay,
    /// Paid.
    WaitSellerSendGoods,
    /// Shipped.
    WaitBuyerConfirmGoods,
    TradeFinished,
    /// Paid, then refunded in full.
    TradeClosed,
    /// Closed before payment (cancelled).
    TradeClosedByTaobao,
}

impl OrderStatus {
    pub const ALL: [OrderStatus; 6] = [
        OrderStatus::WaitBuyerPay,
        OrderStatus::WaitSellerSendGoods,
        OrderStatus::WaitBuyerConfirmGoods,
        OrderStatus::TradeFinished,
        OrderStatus::TradeClosed,
        OrderStatus::TradeClosedByTaobao,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::WaitBuyerPay => "WAIT_BUYER_PAY",
            OrderStatus::WaitSellerSendGoods => "WAIT_SELLER_SEND_GOODS",
            OrderStatus::WaitBuyerConfirmGoods => "WAIT_BUYER_CONFIRM_GOODS",
            OrderStatus::TradeFinished => "TRADE_FINISHED",
            OrderStatus::TradeClosed => "TRADE_CLOSED",
            OrderStatus::TradeClosedByTaobao => "TRADE_CLOSED_BY_TAOBAO",
        }
    }

    pub fn parse(text: &str) -> Option<OrderStatus> {
        OrderStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Whether an order in this status keeps its goods out of the listings' stock. Closed orders gave
    /// them back.
    pub fn holds_stock(self) -> bool {
        !matches!(
            self,
            OrderStatus::TradeClosed | OrderStatus::TradeClosedByTaobao
        )
    }

    pub(crate) fn is_paid(self) -> bool {
        !matches!(
            self,
            OrderStatus::WaitBuyerPay | OrderStatus::TradeClosedByTaobao
        )
    }

    pub(crate) fn is_shipped(self) -> bool {
        matches!(
            self,
            OrderStatus::WaitBuyerConfirmGoods | OrderStatus::TradeFinished
        )
    }

    pub(crate) fn is_final(self) -> bool {
        matches!(
            self,
            OrderStatus::TradeFinished
                | OrderStatus::TradeClosed
                | OrderStatus::TradeClosedByTaobao
        )
    }
}

/// Refund status of one order line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RefundStatus {
    NoRefund,
    WaitSellerAgree,
    Success,
    Closed,
}

impl RefundStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RefundStatus::NoRefund => "NO_REFUND",
            RefundStatus::WaitSellerAgree => "WAIT_SELLER_AGREE",
            RefundStatus::Success => "SUCCESS",
            RefundStatus::Closed => "CLOSED",
        }
    }
}

/// Where an order goes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receiver {
    pub name: String,
    pub mobile: String,
    /// Province (`receiver_state`).
    pub state: String,
    pub city: String,
    pub district: String,
    /// Street and house.
    pub address: String,
    pub zip: String,
}

/// The courier and waybill an order was sent with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waybill {
    pub company_code: String,
    pub out_sid: String,
}

/// One line of an order: one listing, `num` of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderLine {
    pub oid: u64,
    pub num_iid: u64,
    pub sku_id: Option<String>,
    pub outer_iid: String,
    pub title: String,
    pub num: u32,
    pub price: Decimal,
    pub payment: Decimal,
    pub refund_status: RefundStatus,
}

/// An order as the platform keeps it. `modified` changes with every change of the order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Order {
    pub tid: u64,
    /// The shop (by app key) the order belongs to.
    pub app_key: String,
    pub status: OrderStatus,
    #[serde(with = "crate::time::text")]
    pub created: NaiveDateTime,
    #[serde(with = "crate::time::text_opt")]
    pub pay_time: Option<NaiveDateTime>,
    #[serde(with = "crate::time::text_opt")]
    pub consign_time: Option<NaiveDateTime>,
    #[serde(with = "crate::time::text_opt")]
    pub end_time: Option<NaiveDateTime>,
    #[serde(with = "crate::time::text")]
    pub modified: NaiveDateTime,
    pub buyer_nick: String,
    pub receiver: Receiver,
    pub post_fee: Decimal,
    pub payment: Decimal,
    pub buyer_message: String,
    pub seller_memo: String,
    pub waybill: Option<Waybill>,
    pub lines: Vec<OrderLine>,
}

/// An order made directly by a test (`Running::create_order`), in any status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewOrder {
    pub status: OrderStatus,
    pub lines: Vec<NewLine>,
    /// Creation (and payment, shipping, closing, modification) time; now when `None`.
    pub at: Option<NaiveDateTime>,
    /// A recipient drawn from the seed and the order number when `None`.
    pub receiver: Option<Receiver>,
    /// For shipped or finished orders; a made-up SF waybill when `None`.
    pub waybill: Option<Waybill>,
    pub buyer_message: String,
}

impl NewOrder {
    pub fn new(status: OrderStatus, lines: Vec<NewLine>) -> NewOrder {
        NewOrder {
            status,
            lines,
            at: None,
            receiver: None,
            waybill: None,
            buyer_message: String::new(),
        }
    }

    /// One line of `num` of an item without SKUs.
    pub fn line(num_iid: u64, num: u32) -> NewLine {
        NewLine {
            num_iid,
            sku_id: None,
            num,
        }
    }

    pub fn at(mut self, at: NaiveDateTime) -> NewOrder {
        self.at = Some(at);
        self
    }
}

/// One line of a [`NewOrder`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewLine {
    pub num_iid: u64,
    pub sku_id: Option<String>,
    pub num: u32,
}

/// What one buyer step did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum BuyerEvent {
    /// A new unpaid order.
    Ordered {
        tid: u64,
    },
    /// A buyer wanted more than the listing's stock: no order was created.
    Refused {
        num_iid: u64,
        sku_id: Option<String>,
        wanted: u32,
        stock: i64,
    },
    Paid {
        tid: u64,
    },
    Cancelled {
        tid: u64,
    },
    Refunded {
        tid: u64,
    },
    /// A buyer confirmed receipt of a shipped order (finished).
    Confirmed {
        tid: u64,
    },
    /// Nothing to do (no listings, no orders).
    Idle,
}

/// A fault the simulator injected into one gateway call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// Answered with HTTP 5xx and a body that is not JSON; nothing was done.
    ServerError,
    /// Answered code 15 with an `isp.*` sub-code; nothing was done.
    Isp,
    /// Answered code 7 and a ban of the app key began; nothing was done.
    Ban,
    /// The call was carried out, then the connection closed half way through the answer.
    Drop,
    /// Before this page was read, some orders of the window were modified (moved to the front).
    PageShift,
}

/// One call received on `/router/rest`. The secret is never sent, so never recorded.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// Arrival order, from 0.
    pub seq: u64,
    #[serde(with = "crate::time::text")]
    pub at: NaiveDateTime,
    /// The `method` parameter.
    pub method: Option<String>,
    /// Every parameter as received (form body and query string).
    pub params: BTreeMap<String, String>,
    /// `None` while the call is still being answered, or if the caller left during injected latency.
    pub http_status: Option<u16>,
    /// The `error_response` code; `None` for a success (or a 5xx).
    pub code: Option<i64>,
    pub sub_code: Option<String>,
    /// The faults injected into this call (a page shift and a drop can meet).
    pub faults: Vec<Fault>,
    pub latency_ms: u64,
    /// Orders a page-shift fault modified before answering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub touched: Vec<u64>,
}

/// One shop as the platform holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShopSnapshot {
    pub app_key: String,
    pub session: String,
    pub listings: Vec<Listing>,
    /// By `tid`, ascending.
    pub orders: Vec<Order>,
}

/// Everything the simulator holds, as `GET /sim/state` answers it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// The simulator's clock (UTC+8, with `clock_offset_seconds`).
    #[serde(with = "crate::time::text")]
    pub now: NaiveDateTime,
    pub shops: Vec<ShopSnapshot>,
    /// The last requests received (all kept ones from `Running::snapshot`; over HTTP the last
    /// `?requests=N`, default 200), oldest first.
    pub requests: Vec<RequestRecord>,
    /// How many requests were received in all.
    pub requests_total: u64,
    pub faults: Faults,
    /// Orders `reject_always` poisoned.
    pub rejected_tids: Vec<u64>,
}

impl Snapshot {
    pub fn order(&self, tid: u64) -> Option<&Order> {
        self.shops
            .iter()
            .flat_map(|s| s.orders.iter())
            .find(|o| o.tid == tid)
    }

    pub fn orders(&self) -> impl Iterator<Item = &Order> {
        self.shops.iter().flat_map(|s| s.orders.iter())
    }

    pub fn listing(&self, num_iid: u64, sku_id: Option<&str>) -> Option<&Listing> {
        self.shops
            .iter()
            .flat_map(|s| s.listings.iter())
            .find(|l| l.is(num_iid, sku_id))
    }
}
