//! The one table of order status and after-sale texts each platform's export writes, and what
//! each means. A text not in it is a row problem naming the column, never a guess.

use farmstall_domain::sync::PlatformStatus;

use crate::Platform;

/// What a status text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Meaning {
    Is(PlatformStatus),
    /// Closed: [`PlatformStatus::Closed`] when the buyer had paid (refunded), else
    /// [`PlatformStatus::ClosedByPlatform`] (cancelled before payment).
    ClosedPaidOrNot,
}

use Meaning::{ClosedPaidOrNot, Is};
use PlatformStatus::*;

const STATUSES: &[(Platform, &str, Meaning)] = &[
    (Platform::Taobao, "等待买家付款", Is(WaitBuyerPay)),
    (
        Platform::Taobao,
        "买家已付款，等待卖家发货",
        Is(WaitSellerSendGoods),
    ),
    (Platform::Taobao, "等待卖家发货", Is(WaitSellerSendGoods)),
    (Platform::Taobao, "卖家部分发货", Is(WaitSellerSendGoods)),
    (
        Platform::Taobao,
        "卖家已发货，等待买家确认",
        Is(WaitBuyerConfirmGoods),
    ),
    (
        Platform::Taobao,
        "等待买家确认收货",
        Is(WaitBuyerConfirmGoods),
    ),
    (Platform::Taobao, "卖家已发货", Is(WaitBuyerConfirmGoods)),
    (Platform::Taobao, "交易成功", Is(Finished)),
    (Platform::Taobao, "交易关闭", ClosedPaidOrNot),
    (
        Platform::Taobao,
        "付款以后用户退款成功，交易自动关闭",
        Is(Closed),
    ),
    (
        Platform::Taobao,
        "付款以前，卖家或买家主动关闭交易",
        Is(ClosedByPlatform),
    ),
    (Platform::Pinduoduo, "待支付", Is(WaitBuyerPay)),
    (Platform::Pinduoduo, "未支付", Is(WaitBuyerPay)),
    (Platform::Pinduoduo, "待发货", Is(WaitSellerSendGoods)),
    (Platform::Pinduoduo, "已支付待发货", Is(WaitSellerSendGoods)),
    (
        Platform::Pinduoduo,
        "已发货待签收",
        Is(WaitBuyerConfirmGoods),
    ),
    (
        Platform::Pinduoduo,
        "已发货，待收货",
        Is(WaitBuyerConfirmGoods),
    ),
    (Platform::Pinduoduo, "已发货", Is(WaitBuyerConfirmGoods)),
    (Platform::Pinduoduo, "已签收", Is(Finished)),
    (Platform::Pinduoduo, "已收货", Is(Finished)),
    (Platform::Pinduoduo, "交易成功", Is(Finished)),
    (Platform::Pinduoduo, "已取消", ClosedPaidOrNot),
    (Platform::Pinduoduo, "交易已取消", ClosedPaidOrNot),
    (Platform::Pinduoduo, "已关闭", ClosedPaidOrNot),
    (Platform::Douyin, "待支付", Is(WaitBuyerPay)),
    (Platform::Douyin, "待发货", Is(WaitSellerSendGoods)),
    (Platform::Douyin, "备货中", Is(WaitSellerSendGoods)),
    (Platform::Douyin, "部分发货", Is(WaitSellerSendGoods)),
    (Platform::Douyin, "已发货", Is(WaitBuyerConfirmGoods)),
    (Platform::Douyin, "已完成", Is(Finished)),
    (Platform::Douyin, "已关闭", ClosedPaidOrNot),
    (Platform::Douyin, "已取消", ClosedPaidOrNot),
];

/// What an after-sale (售后状态 / 退款状态) text says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AfterSale {
    None,
    /// Asked for or under way: the order is flagged, its status kept.
    Open,
    /// Refunded: the order is closed.
    Refunded,
}

const AFTER_SALES: &[(&str, AfterSale)] = &[
    ("", AfterSale::None),
    ("-", AfterSale::None),
    ("无", AfterSale::None),
    ("无售后", AfterSale::None),
    ("无售后或售后取消", AfterSale::None),
    ("售后取消", AfterSale::None),
    ("售后关闭", AfterSale::None),
    ("退款关闭", AfterSale::None),
    ("退款取消", AfterSale::None),
    ("没有申请退款", AfterSale::None),
    ("退款中", AfterSale::Open),
    ("售后中", AfterSale::Open),
    ("售后处理中", AfterSale::Open),
    ("待商家处理", AfterSale::Open),
    ("待卖家处理", AfterSale::Open),
    ("买家已经申请退款，等待卖家同意", AfterSale::Open),
    ("待买家退货", AfterSale::Open),
    ("待商家收货", AfterSale::Open),
    ("买家已退货，待商家确认收货", AfterSale::Open),
    ("退货退款中", AfterSale::Open),
    ("仅退款处理中", AfterSale::Open),
    ("退款成功", AfterSale::Refunded),
    ("退货退款成功", AfterSale::Refunded),
    ("仅退款成功", AfterSale::Refunded),
    ("售后完成", AfterSale::Refunded),
    ("已退款", AfterSale::Refunded),
    ("退款完成", AfterSale::Refunded),
];

/// The same text written with an ASCII comma or spaces reads the same.
fn normal(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '，' } else { c })
        .collect()
}

pub(crate) fn status(platform: Platform, text: &str) -> Option<Meaning> {
    let text = normal(text);
    STATUSES
        .iter()
        .find(|(p, t, _)| *p == platform && *t == text)
        .map(|(_, _, m)| *m)
}

pub(crate) fn after_sale(text: &str) -> Option<AfterSale> {
    let text = normal(text);
    AFTER_SALES
        .iter()
        .find(|(t, _)| *t == text)
        .map(|(_, a)| *a)
}

/// Every status text read for `platform` (for documentation and the UI's help).
pub fn status_texts(platform: Platform) -> Vec<&'static str> {
    STATUSES
        .iter()
        .filter(|(p, _, _)| *p == platform)
        .map(|(_, t, _)| *t)
        .collect()
}

/// Every after-sale text read (Pinduoduo's and Douyin's 售后状态, Taobao's 退款状态).
pub fn after_sale_texts() -> Vec<&'static str> {
    AFTER_SALES
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| !t.is_empty())
        .collect()
}

/// Status column → status, or a row problem. `paid` decides what a closed order was.
pub(crate) fn read_status(
    r: &mut crate::cell::RowReader<'_>,
    platform: Platform,
    col: usize,
    paid: bool,
) -> Option<(PlatformStatus, String)> {
    let text = r.text(Some(col));
    match status(platform, &text) {
        Some(Is(s)) => Some((s, text)),
        Some(ClosedPaidOrNot) => Some((if paid { Closed } else { ClosedByPlatform }, text)),
        None => {
            let h = r.header(col);
            r.problem(
                col,
                "bad_status",
                format!(
                    "\"{h}\" reads \"{text}\", a status Farmstall does not know; this order is left out. \
                     Tell the Farmstall makers the text."
                ),
            );
            None
        }
    }
}

/// After-sale column → what it says, or a row problem.
pub(crate) fn read_after_sale(
    r: &mut crate::cell::RowReader<'_>,
    col: Option<usize>,
) -> Option<AfterSale> {
    let Some(c) = col else {
        return Some(AfterSale::None);
    };
    let text = r.text(Some(c));
    if let Some(a) = after_sale(&text) {
        return Some(a);
    }
    let h = r.header(c);
    r.problem(
        c,
        "bad_status",
        format!(
            "\"{h}\" reads \"{text}\", an after-sale state Farmstall does not know; this order is left out. \
             Tell the Farmstall makers the text."
        ),
    );
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_platform_reads_its_own_texts_only() {
        assert_eq!(
            status(Platform::Taobao, "买家已付款,等待卖家发货"),
            Some(Is(WaitSellerSendGoods))
        );
        assert_eq!(status(Platform::Taobao, "待发货"), None);
        assert_eq!(
            status(Platform::Douyin, "备货中"),
            Some(Is(WaitSellerSendGoods))
        );
        for p in Platform::ALL {
            assert!(!status_texts(p).is_empty());
        }
    }
}
