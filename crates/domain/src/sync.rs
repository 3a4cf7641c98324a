//! Marketplace sync rules as pure functions: what a platform order's status means for the local
//! order, the windows a pull reads, and how long a failed push waits before its next try.

use chrono::{DateTime, Duration, Utc};

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
