//! Marketplace sync rules as pure functions: what a platform order's status means for the local
//! order, how its lines are priced so that the order comes to what the buyer paid, the windows a
//! pull reads, and how long a failed push waits before its next try.

use chrono::{DateTime, Duration, Utc};
use rust_decimal::Decimal;

use crate::money::Money;
use crate::order::OrderState;

/// An order's status on the marketplace (Taobao's trade statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlatformStatus {
    /// Placed, not paid.
    WaitBuyerPay,
    /// Paid, waiting for the seller to ship.
    WaitSellerSendGoods,
    /// Shipped, waiting for the buyer to confirm.
    WaitBuyerConfirmGoods,
    Finished,
    /// Paid, then closed: refunded in full.
    Closed,
    /// Closed before payment: cancelled.
    ClosedByPlatform,
}

impl PlatformStatus {
    pub const ALL: [PlatformStatus; 6] = [
        PlatformStatus::WaitBuyerPay,
        PlatformStatus::WaitSellerSendGoods,
        PlatformStatus::WaitBuyerConfirmGoods,
        PlatformStatus::Finished,
        PlatformStatus::Closed,
        PlatformStatus::ClosedByPlatform,
    ];
}

/// Why the owner should look at an order the marketplace changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Alert {
    /// Cancelled or refunded on the marketplace after it was packed: unpack it (its goods went
    /// back to their lots).
    ClosedAfterPacking,
    /// Refunded on the marketplace after it shipped: record what comes back as a return.
    RefundedAfterShipping,
    /// The marketplace says it shipped, but it was not shipped from here.
    ShippedElsewhere,
}

/// What to do locally about a platform order: create it (in which state) or not, the steps to
/// take from its local state (each one allowed by `order::step`), and an alert for the owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconcile {
    pub create_as: Option<OrderState>,
    pub steps: Vec<OrderState>,
    pub alert: Option<Alert>,
}

impl Reconcile {
    fn steps(steps: &[OrderState]) -> Reconcile {
        Reconcile {
            create_as: None,
            steps: steps.to_vec(),
            alert: None,
        }
    }

    fn alert(mut self, alert: Alert) -> Reconcile {
        self.alert = Some(alert);
        self
    }
}

/// How the local order (None: not stored yet) follows the platform's status. Never moves an
/// order backwards: a platform page read late (an older status) changes nothing.
pub fn reconcile(local: Option<OrderState>, platform: PlatformStatus) -> Reconcile {
    use OrderState as L;
    use PlatformStatus as P;
    let Some(local) = local else {
        // A new order: stored as the platform has it, where that has a local meaning without
        // goods having left; one shipped elsewhere waits as paid with an alert.
        let (create_as, steps, alert) = match platform {
            P::WaitBuyerPay => (L::WaitingPayment, vec![], None),
            P::WaitSellerSendGoods => (L::Paid, vec![], None),
            P::WaitBuyerConfirmGoods | P::Finished => {
                (L::Paid, vec![], Some(Alert::ShippedElsewhere))
            }
            P::Closed | P::ClosedByPlatform => (L::WaitingPayment, vec![L::Cancelled], None),
        };
        return Reconcile {
            create_as: Some(create_as),
            steps,
            alert,
        };
    };
    match (local, platform) {
        (L::WaitingPayment, P::WaitSellerSendGoods) => Reconcile::steps(&[L::Paid]),
        (L::WaitingPayment, P::Closed | P::ClosedByPlatform) => Reconcile::steps(&[L::Cancelled]),
        (L::WaitingPayment, P::WaitBuyerConfirmGoods | P::Finished) => {
            Reconcile::steps(&[L::Paid]).alert(Alert::ShippedElsewhere)
        }
        (L::Paid | L::Packing, P::Closed | P::ClosedByPlatform) => Reconcile::steps(&[L::Refunded]),
        (L::Paid | L::Packing | L::Packed, P::WaitBuyerConfirmGoods | P::Finished) => {
            Reconcile::steps(&[]).alert(Alert::ShippedElsewhere)
        }
        (L::Packed, P::Closed | P::ClosedByPlatform) => {
            Reconcile::steps(&[L::Refunded]).alert(Alert::ClosedAfterPacking)
        }
        (L::Shipped, P::Finished) => Reconcile::steps(&[L::Finished]),
        (L::Shipped | L::Finished, P::Closed | P::ClosedByPlatform) => {
            Reconcile::steps(&[L::Refunded]).alert(Alert::RefundedAfterShipping)
        }
        // Everything else is the same news again, or older news: nothing changes.
        _ => Reconcile::steps(&[]),
    }
}

/// The largest amount of money taken from the platform, in yuan (for an order or one of its
/// lines): the bound every amount a person types has, far beyond a family shop's order, so a
/// larger one is a mistake to hold for the owner, not a number to compute with.
pub const PLATFORM_MAX_YUAN: i64 = crate::validate::MAX_YUAN;

/// The largest quantity of a product's sale unit one platform line may come to: the bound every
/// typed quantity has.
pub const PLATFORM_MAX_QUANTITY: i64 = crate::validate::MAX_QUANTITY;

/// Why a platform order's amounts cannot become an order here.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PriceError {
    #[error(
        "{field} is {value} yuan: not an amount of yuan and fen between 0 and {PLATFORM_MAX_YUAN}"
    )]
    Amount { field: String, value: String },
    #[error("{field} comes to {value} of the product: not a quantity between 0 and {PLATFORM_MAX_QUANTITY}")]
    Quantity { field: String, value: String },
    #[error("the shipping fee {post_fee} is more than the {payment} the buyer paid")]
    ShippingOverPaid { post_fee: Money, payment: Money },
}

/// An amount the platform sent, as `Money`: whole fen, between 0 and [`PLATFORM_MAX_YUAN`].
pub fn platform_money(field: &str, yuan: Decimal) -> Result<Money, PriceError> {
    let refused = || PriceError::Amount {
        field: field.to_string(),
        value: yuan.to_string(),
    };
    if yuan.is_sign_negative() {
        return Err(refused());
    }
    crate::validate::fen(field, yuan, PLATFORM_MAX_YUAN).map_err(|_| refused())
}

/// One platform line as the shop sells it: how much of the product it is, what the listing
/// asked for it, and what the buyer paid for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlatformAmounts {
    /// In the product's sale unit; more than zero.
    pub quantity: Decimal,
    /// The listing's price times the pieces bought.
    pub listed: Money,
    /// What the buyer paid for the line.
    pub paid: Money,
}

/// One order line to store: a quantity at a unit price, less a discount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PricedLine {
    pub quantity: Decimal,
    pub unit_price: Money,
    pub discount: Money,
}

impl PricedLine {
    /// The line's total as an order stores it: unit price times quantity rounded once to the
    /// fen ([`Money::line_total`]), less the discount.
    pub fn total(&self) -> Option<Money> {
        Money::line_total(self.unit_price.yuan(), self.quantity)
            .ok()?
            .checked_sub(self.discount)
    }
}

/// The order lines for one platform line, whose totals add up to exactly what the buyer paid.
///
/// The unit price is the listed amount (or what was paid, when that is more) per sale unit,
/// rounded to the fen half away from zero. When the line at that price comes to more than was
/// paid, the difference is its discount. When it comes to less (¥10.00 for 3 jin: 3 × 3.33 =
/// 9.99), the last sale unit becomes a line of its own carrying the remainder (2 jin at 3.33 and
/// 1 jin at 3.34), so no fen is lost and the owner sees the same unit price on both.
pub fn price_line(line: PlatformAmounts) -> Result<Vec<PricedLine>, PriceError> {
    let sale = line.quantity;
    let quantity_refused = || PriceError::Quantity {
        field: "quantity".into(),
        value: sale.to_string(),
    };
    if sale <= Decimal::ZERO || sale > Decimal::from(PLATFORM_MAX_QUANTITY) {
        return Err(quantity_refused());
    }
    let amount_refused = |what: &str, m: Money| PriceError::Amount {
        field: what.into(),
        value: m.to_string(),
    };
    let basis = line.listed.max(line.paid);
    let unit_price = Money::round_from_yuan(
        basis
            .yuan()
            .checked_div(sale)
            .ok_or_else(quantity_refused)?,
    )
    .map_err(|_| amount_refused("price", basis))?;
    let gross =
        Money::line_total(unit_price.yuan(), sale).map_err(|_| amount_refused("price", basis))?;
    if let Some(discount) = gross.checked_sub(line.paid).filter(|d| !d.is_negative()) {
        return Ok(vec![PricedLine {
            quantity: sale,
            unit_price,
            discount,
        }]);
    }
    // Short of what was paid by rounding down, which only a quantity over one sale unit can be
    // (at one unit or less the rounded price times the quantity rounds back to the amount).
    let rest = sale - Decimal::ONE;
    if rest <= Decimal::ZERO {
        return Err(amount_refused("payment", line.paid));
    }
    let rest_total =
        Money::line_total(unit_price.yuan(), rest).map_err(|_| amount_refused("price", basis))?;
    let last = line
        .paid
        .checked_sub(rest_total)
        .filter(|m| !m.is_negative())
        .ok_or_else(|| amount_refused("payment", line.paid))?;
    Ok(vec![
        PricedLine {
            quantity: rest,
            unit_price,
            discount: Money::ZERO,
        },
        PricedLine {
            quantity: Decimal::ONE,
            unit_price: last,
            discount: Money::ZERO,
        },
    ])
}

/// What each platform line's buyer paid, adjusted so that the lines and the shipping fee add up
/// to the order's `payment` (an order-wide discount the platform did not spread over its lines
/// comes off the last lines first; a surplus goes on the last line).
pub fn paid_per_line(
    lines: &[Money],
    post_fee: Money,
    payment: Money,
) -> Result<Vec<Money>, PriceError> {
    let goods = payment
        .checked_sub(post_fee)
        .filter(|g| !g.is_negative())
        .ok_or(PriceError::ShippingOverPaid { post_fee, payment })?;
    let sum = lines
        .iter()
        .try_fold(Money::ZERO, |acc, m| acc.checked_add(*m))
        .ok_or_else(|| PriceError::Amount {
            field: "payment".into(),
            value: payment.to_string(),
        })?;
    let mut out = lines.to_vec();
    let mut over = sum.fen() - goods.fen();
    if over < 0 {
        if let Some(last) = out.last_mut() {
            *last = Money::from_fen(last.fen() - over);
        }
        return Ok(out);
    }
    for m in out.iter_mut().rev() {
        let off = over.min(m.fen());
        *m = Money::from_fen(m.fen() - off);
        over -= off;
    }
    Ok(out)
}

/// The windows a pull reads from `cursor` to `now`: each at most one day long (the platform's
/// limit), the first reaching `overlap` back before the cursor so that an order modified at
/// the edge of the last pull is read again rather than missed.
pub fn windows(
    cursor: DateTime<Utc>,
    now: DateTime<Utc>,
    overlap: Duration,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let day = Duration::days(1);
    let mut from = cursor - overlap;
    let mut out = Vec::new();
    while from < now {
        let to = (from + day).min(now);
        out.push((from, to));
        from = to;
    }
    out
}

/// How long a push that failed `tries` times waits: doubling from 10 s up to an hour, with up to
/// a quarter more drawn from `jitter` (0.0..1.0) so that many items do not retry at once.
pub fn backoff(tries: u32, jitter: f64) -> Duration {
    let base = 10_i64.saturating_mul(1_i64 << tries.saturating_sub(1).min(20));
    let capped = base.min(3600);
    let extra = (capped as f64 * 0.25 * jitter.clamp(0.0, 1.0)) as i64;
    Duration::seconds(capped + extra)
}

/// After this many failed tries (back-offs adding up to hours) a push is parked: it waits for the
/// owner to retry or discard it.
pub const MAX_TRIES: u32 = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::order::step;
    use chrono::TimeZone;

    #[test]
    fn every_step_reconcile_asks_for_is_allowed() {
        for platform in PlatformStatus::ALL {
            for local in OrderState::ALL.into_iter().map(Some).chain([None]) {
                let r = reconcile(local, platform);
                let mut at = match (local, r.create_as) {
                    (Some(l), None) => l,
                    (None, Some(c)) => c,
                    other => panic!("{local:?} {platform:?}: create and local {other:?}"),
                };
                for next in &r.steps {
                    assert!(
                        step(at, *next).is_ok(),
                        "{local:?} {platform:?}: {at} -> {next}"
                    );
                    at = *next;
                }
            }
        }
    }

    #[test]
    fn the_same_news_twice_changes_nothing_the_second_time() {
        for platform in PlatformStatus::ALL {
            for local in OrderState::ALL.into_iter().map(Some).chain([None]) {
                let first = reconcile(local, platform);
                let after = first.steps.last().copied().or(first.create_as).or(local);
                let again = reconcile(after, platform);
                assert!(
                    again.steps.is_empty(),
                    "{local:?} {platform:?} twice: {again:?}"
                );
                assert!(again.create_as.is_none());
            }
        }
    }

    #[test]
    fn closing_after_packing_or_shipping_alerts_the_owner() {
        let r = reconcile(Some(OrderState::Packed), PlatformStatus::Closed);
        assert_eq!(
            (r.steps, r.alert),
            (vec![OrderState::Refunded], Some(Alert::ClosedAfterPacking))
        );
        let r = reconcile(Some(OrderState::Shipped), PlatformStatus::Closed);
        assert_eq!(r.alert, Some(Alert::RefundedAfterShipping));
        let r = reconcile(Some(OrderState::Paid), PlatformStatus::Closed);
        assert_eq!((r.steps, r.alert), (vec![OrderState::Refunded], None));
        // A late page with an older status does not undo what happened.
        let r = reconcile(
            Some(OrderState::Shipped),
            PlatformStatus::WaitSellerSendGoods,
        );
        assert!(r.steps.is_empty() && r.alert.is_none());
    }

    fn money(text: &str) -> Money {
        Money::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn sum(lines: &[PricedLine]) -> Money {
        lines
            .iter()
            .map(|l| l.total().unwrap_or_else(|| panic!("{l:?}")))
            .sum()
    }

    /// Regression (issue 10): ¥10.00 for a 3-jin listing was stored as 3 jin at 3.33, ¥9.99, so
    /// the platform's full refund of ¥10.00 was more than the order's total.
    #[test]
    fn ten_yuan_for_three_jin_comes_to_ten_yuan() {
        let lines = price_line(PlatformAmounts {
            quantity: Decimal::from(3),
            listed: money("10.00"),
            paid: money("10.00"),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sum(&lines), money("10.00"));
        let prices: Vec<String> = lines.iter().map(|l| l.unit_price.to_string()).collect();
        assert_eq!(prices, vec!["3.33", "3.34"]);
        assert_eq!(
            lines.iter().map(|l| l.quantity).sum::<Decimal>(),
            Decimal::from(3)
        );
        // Half away from zero: 20.00 for 3 is 6.67 a jin, 20.01 over what was paid.
        let lines = price_line(PlatformAmounts {
            quantity: Decimal::from(3),
            listed: money("20.00"),
            paid: money("20.00"),
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(lines.len(), 1);
        assert_eq!(
            (lines[0].unit_price, lines[0].discount),
            (money("6.67"), money("0.01"))
        );
    }

    #[test]
    fn absurd_platform_amounts_are_refused_not_computed() {
        for text in [
            "79228162514264337593543950335",
            "100000000.01",
            "-1",
            "1.001",
        ] {
            let d: Decimal = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert!(platform_money("payment", d).is_err(), "{text}");
        }
        let big = price_line(PlatformAmounts {
            quantity: Decimal::MAX,
            listed: money("1"),
            paid: money("1"),
        });
        assert!(big.is_err());
    }

    #[test]
    fn an_order_wide_discount_comes_off_the_last_lines() {
        let paid = paid_per_line(&[money("5"), money("3")], money("1"), money("7"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paid, vec![money("5"), money("1")]);
        let paid = paid_per_line(&[money("5"), money("3")], money("0"), money("9"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(paid, vec![money("5"), money("4")]);
        assert!(paid_per_line(&[money("5")], money("6"), money("5")).is_err());
    }

    proptest::proptest! {
        #[test]
        fn lines_and_fee_add_up_to_the_payment(
            lines in proptest::collection::vec(0i64..10_000_000, 0..6),
            post_fee in 0i64..10_000,
            payment in 0i64..60_000_000,
        ) {
            let lines: Vec<Money> = lines.into_iter().map(Money::from_fen).collect();
            let (post_fee, payment) = (Money::from_fen(post_fee), Money::from_fen(payment));
            match paid_per_line(&lines, post_fee, payment) {
                Err(_) => proptest::prop_assert!(post_fee > payment),
                Ok(paid) => {
                    proptest::prop_assert_eq!(paid.len(), lines.len());
                    proptest::prop_assert!(paid.iter().all(|m| !m.is_negative()));
                    if !lines.is_empty() {
                        let sum: Money = paid.iter().copied().sum();
                        proptest::prop_assert_eq!(sum.checked_add(post_fee), Some(payment));
                    }
                }
            }
        }

        #[test]
        fn priced_lines_add_up_to_what_was_paid(
            milli in 1i64..50_000_000,
            listed in 0i64..1_000_000_000,
            discount in 0i64..1_000_000,
        ) {
            let quantity = Decimal::new(milli, 3);
            let listed = Money::from_fen(listed);
            let paid = Money::from_fen((listed.fen() - discount).max(0));
            let lines = price_line(PlatformAmounts { quantity, listed, paid });
            proptest::prop_assert!(lines.is_ok(), "{:?}", lines);
            let lines = lines.unwrap_or_default();
            proptest::prop_assert_eq!(sum(&lines), paid);
            proptest::prop_assert_eq!(lines.iter().map(|l| l.quantity).sum::<Decimal>(), quantity);
            for l in &lines {
                proptest::prop_assert!(l.quantity > Decimal::ZERO && !l.discount.is_negative());
                proptest::prop_assert!(!l.unit_price.is_negative());
            }
        }
    }

    #[test]
    fn windows_cover_the_gap_in_days_with_an_overlap() {
        let t = |d: u32, h: u32| {
            Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
                .single()
                .unwrap_or_default()
        };
        let w = windows(t(25, 12), t(28, 6), Duration::minutes(10));
        assert_eq!(
            w.first().map(|w| w.0),
            Some(t(25, 12) - Duration::minutes(10))
        );
        assert_eq!(w.last().map(|w| w.1), Some(t(28, 6)));
        assert!(w.iter().all(|(a, b)| *b - *a <= Duration::days(1) && a < b));
        assert!(w.windows(2).all(|p| p[0].1 == p[1].0), "no gaps");
        assert!(windows(t(28, 6), t(28, 6), Duration::zero()).is_empty());
    }

    #[test]
    fn backoff_doubles_to_an_hour_with_bounded_jitter() {
        assert_eq!(backoff(1, 0.0), Duration::seconds(10));
        assert_eq!(backoff(2, 0.0), Duration::seconds(20));
        assert_eq!(backoff(4, 0.0), Duration::seconds(80));
        assert_eq!(backoff(30, 0.0), Duration::seconds(3600));
        assert_eq!(backoff(30, 1.0), Duration::seconds(4500));
        assert!(backoff(3, 0.5) > backoff(3, 0.0));
    }
}
