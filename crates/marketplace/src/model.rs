//! What the marketplace tells us about orders and what we tell it about listings, in Farmstall's
//! terms (ids as text, times in UTC, money as `Decimal` yuan).

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

/// One page of changed orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedPage {
    /// Newest modified first.
    pub orders: Vec<ChangedOrder>,
    /// Whether a page after this one exists (at the time this one was read).
    pub has_next: bool,
    /// How many orders the window held when this page was read.
    pub total: u64,
}

/// An order that changed in the window: enough to decide to fetch it in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangedOrder {
    /// The platform's order id (a number on the wire).
    pub tid: String,
    /// `None`: a status Farmstall does not know (the order is read in full and judged there).
    pub status: Option<TradeStatus>,
    pub modified: DateTime<Utc>,
}

/// An order (trade) as the platform holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformOrder {
    pub tid: String,
    pub status: TradeStatus,
    pub created: DateTime<Utc>,
    /// `None` until the buyer pays.
    pub paid_at: Option<DateTime<Utc>>,
    pub modified: DateTime<Utc>,
    /// The buyer's nickname (masked by the platform, e.g. `t**1`).
    pub buyer: String,
    pub recipient: Recipient,
    /// Yuan.
    pub post_fee: Decimal,
    /// What the buyer pays for the whole order, yuan.
    pub payment: Decimal,
    /// `""` when none.
    pub buyer_message: String,
    /// `""` when none.
    pub seller_memo: String,
    /// The waybill it was shipped with, `""` before shipping.
    pub waybill: String,
    /// The courier code it was shipped with (`SF`, `ZTO`, ...), `""` before shipping.
    pub courier_code: String,
    pub lines: Vec<PlatformLine>,
}

/// Where an order goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub mobile: String,
    pub province: String,
    pub city: String,
    /// `""` when the platform has none.
    pub district: String,
    pub address: String,
    /// `""` when the platform has none.
    pub postcode: String,
}

/// One line (sub-order) of an order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlatformLine {
    /// The sub-order id (a number on the wire).
    pub oid: String,
    /// The listing (a number on the wire).
    pub num_iid: String,
    /// `""` when the listing has no SKUs.
    pub sku_id: String,
    /// The seller's own code for the listing, `""` when none.
    pub outer_id: String,
    pub title: String,
    pub quantity: u32,
    /// Unit price, yuan.
    pub price: Decimal,
    /// What the buyer pays for this line, yuan.
    pub payment: Decimal,
    pub refund_status: RefundStatus,
}

/// An order's status on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TradeStatus {
    /// `WAIT_BUYER_PAY`: placed, not paid.
    WaitBuyerPay,
    /// `WAIT_SELLER_SEND_GOODS`: paid, waiting to be shipped.
    WaitSellerSendGoods,
    /// `WAIT_BUYER_CONFIRM_GOODS`: shipped.
    WaitBuyerConfirmGoods,
    /// `TRADE_FINISHED`: the buyer confirmed receipt.
    Finished,
    /// `TRADE_CLOSED`: paid, then refunded in full.
    Closed,
    /// `TRADE_CLOSED_BY_TAOBAO`: closed before payment (cancelled).
    ClosedByTaobao,
}

impl TradeStatus {
    pub const ALL: [TradeStatus; 6] = [
        TradeStatus::WaitBuyerPay,
        TradeStatus::WaitSellerSendGoods,
        TradeStatus::WaitBuyerConfirmGoods,
        TradeStatus::Finished,
        TradeStatus::Closed,
        TradeStatus::ClosedByTaobao,
    ];

    /// The platform's spelling.
    pub fn as_wire(self) -> &'static str {
        match self {
            TradeStatus::WaitBuyerPay => "WAIT_BUYER_PAY",
            TradeStatus::WaitSellerSendGoods => "WAIT_SELLER_SEND_GOODS",
            TradeStatus::WaitBuyerConfirmGoods => "WAIT_BUYER_CONFIRM_GOODS",
            TradeStatus::Finished => "TRADE_FINISHED",
            TradeStatus::Closed => "TRADE_CLOSED",
            TradeStatus::ClosedByTaobao => "TRADE_CLOSED_BY_TAOBAO",
        }
    }

    /// The status the platform spells `wire`, if it is one of the six Farmstall knows.
    pub fn from_wire(wire: &str) -> Option<TradeStatus> {
        TradeStatus::ALL.into_iter().find(|s| s.as_wire() == wire)
    }
}

/// A line's refund status on the platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefundStatus {
    /// `NO_REFUND`
    NoRefund,
    /// `WAIT_SELLER_AGREE`: the buyer asked for a refund.
    WaitSellerAgree,
    /// `SUCCESS`: refunded.
    Success,
    /// `CLOSED`: the refund request was closed without a refund.
    Closed,
}

impl RefundStatus {
    pub const ALL: [RefundStatus; 4] = [
        RefundStatus::NoRefund,
        RefundStatus::WaitSellerAgree,
        RefundStatus::Success,
        RefundStatus::Closed,
    ];

    /// The platform's spelling.
    pub fn as_wire(self) -> &'static str {
        match self {
            RefundStatus::NoRefund => "NO_REFUND",
            RefundStatus::WaitSellerAgree => "WAIT_SELLER_AGREE",
            RefundStatus::Success => "SUCCESS",
            RefundStatus::Closed => "CLOSED",
        }
    }

    /// The refund status the platform spells `wire`, if Farmstall knows it.
    pub fn from_wire(wire: &str) -> Option<RefundStatus> {
        RefundStatus::ALL.into_iter().find(|s| s.as_wire() == wire)
    }
}

/// Which listing's stock to set: the listing, and within it a SKU by id or by the seller's code.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListingRef {
    /// The listing id (`num_iid`).
    pub num_iid: String,
    /// `""` for none. When set, it names the SKU and `outer_id` is not sent.
    pub sku_id: String,
    /// `""` for none. The seller's code of the SKU, used when `sku_id` is empty.
    pub outer_id: String,
}

impl ListingRef {
    /// A listing without SKUs.
    pub fn listing(num_iid: impl Into<String>) -> ListingRef {
        ListingRef {
            num_iid: num_iid.into(),
            sku_id: String::new(),
            outer_id: String::new(),
        }
    }
}
