//! FEFO allocation: which lots a quantity leaves from, and what it costs.
//!
//! First expiry first; among equal expiry, first received; lots that keep (no best-before) come
//! after every perishable lot. Expired lots are skipped unless the caller says otherwise, and the
//! plan says which were skipped. The cost that leaves a lot is its own: [`cost_out`] takes a share
//! of the lot's remaining cost so that, when the last of a lot leaves, exactly its whole cost has
//! left, to the fen.

use chrono::NaiveDate;

use crate::id::Id;

/// What FEFO needs to know about one lot with stock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LotStock {
    pub lot: Id,
    /// `None` for lots that keep.
    pub best_before: Option<NaiveDate>,
    pub received_on: NaiveDate,
    /// What can still be taken, in thousandths of the product's stock unit.
    pub available_milli: i64,
}

/// Take `milli` from `lot`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Take {
    pub lot: Id,
    pub milli: i64,
}

/// A FEFO plan.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    pub takes: Vec<Take>,
    /// Expired lots with stock that were passed over.
    pub skipped_expired: Vec<Id>,
}

/// Whether expired lots may be used (for waste of expired stock, say) or must be skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expired {
    Skip,
    Use,
}

/// There is not enough stock.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("only {available_milli} thousandths available of {requested_milli} requested ({expired_milli} more in expired lots)")]
pub struct Shortage {
    pub requested_milli: i64,
    pub available_milli: i64,
    /// Stock in expired lots that was not counted as available.
    pub expired_milli: i64,
}

/// The FEFO order of two lots.
fn fefo_key(lot: &LotStock) -> (bool, Option<NaiveDate>, NaiveDate, Id) {
    // `false` sorts first: lots with a best-before come before lots that keep.
    (
        lot.best_before.is_none(),
        lot.best_before,
        lot.received_on,
        lot.lot,
    )
}

/// Plans taking `requested_milli` (> 0) from `lots` first-expiry-first-out on `today`.
pub fn allocate(
    lots: &[LotStock],
    requested_milli: i64,
    today: NaiveDate,
    expired: Expired,
) -> Result<Plan, Shortage> {
    let mut order: Vec<&LotStock> = lots.iter().filter(|l| l.available_milli > 0).collect();
    order.sort_by_key(|l| fefo_key(l));
    let mut plan = Plan::default();
    let mut left = requested_milli.max(0);
    let mut expired_milli = 0;
    for lot in order {
        let is_expired = lot.best_before.is_some_and(|d| d < today);
        if is_expired && expired == Expired::Skip {
            plan.skipped_expired.push(lot.lot);
            expired_milli += lot.available_milli;
            continue;
        }
        if left == 0 {
            continue;
        }
        let milli = left.min(lot.available_milli);
        plan.takes.push(Take {
            lot: lot.lot,
            milli,
        });
        left -= milli;
    }
    if left > 0 {
        return Err(Shortage {
            requested_milli,
            available_milli: requested_milli - left,
            expired_milli,
        });
    }
    Ok(plan)
}

/// The cost (fen) that leaves a lot holding `remaining_milli` worth `remaining_fen` when `take_milli`
/// of it leaves: a proportional share rounded half away from zero, and all of what remains when the
/// rest of the lot leaves, so the lot's cost is used up exactly.
pub fn cost_out(remaining_fen: i64, remaining_milli: i64, take_milli: i64) -> i64 {
    if take_milli >= remaining_milli || remaining_milli <= 0 {
        return remaining_fen;
    }
    share(remaining_fen, remaining_milli, take_milli)
}

/// `part_milli / whole_milli` of `whole_fen`, rounded half away from zero (not capped: found stock
/// comes back at the lot's price per unit even past what the lot first held).
pub fn share(whole_fen: i64, whole_milli: i64, part_milli: i64) -> i64 {
    if whole_milli <= 0 {
        return 0;
    }
    let numerator = i128::from(whole_fen) * i128::from(part_milli);
    let denominator = i128::from(whole_milli);
    // Round half away from zero on integers.
    let doubled = 2 * numerator.abs() + denominator;
    let magnitude = doubled / (2 * denominator);
    let value = if numerator < 0 { -magnitude } else { magnitude };
    i64::try_from(value).unwrap_or(if numerator < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 9, d).unwrap_or_default()
    }

    fn lot(best_before: Option<u32>, received: u32, milli: i64) -> LotStock {
        LotStock {
            lot: Id::generate(),
            best_before: best_before.map(day),
            received_on: day(received),
            available_milli: milli,
        }
    }

    #[test]
    fn first_expiry_first_then_first_received_then_lots_that_keep() {
        let keeps = lot(None, 1, 10_000);
        let late = lot(Some(20), 2, 10_000);
        let early_second = lot(Some(10), 5, 10_000);
        let early_first = lot(Some(10), 3, 10_000);
        let lots = [
            keeps.clone(),
            late.clone(),
            early_second.clone(),
            early_first.clone(),
        ];
        let plan = allocate(&lots, 35_000, day(4), Expired::Skip).unwrap_or_default();
        let order: Vec<(Id, i64)> = plan.takes.iter().map(|t| (t.lot, t.milli)).collect();
        assert_eq!(
            order,
            [
                (early_first.lot, 10_000),
                (early_second.lot, 10_000),
                (late.lot, 10_000),
                (keeps.lot, 5_000)
            ]
        );
    }

    #[test]
    fn expired_lots_are_skipped_and_named_unless_allowed() {
        let expired = lot(Some(3), 1, 10_000);
        let fresh = lot(Some(20), 2, 10_000);
        let lots = [expired.clone(), fresh.clone()];
        let plan = allocate(&lots, 5_000, day(4), Expired::Skip).unwrap_or_default();
        assert_eq!(
            plan.takes,
            [Take {
                lot: fresh.lot,
                milli: 5_000
            }]
        );
        assert_eq!(plan.skipped_expired, [expired.lot]);
        let plan = allocate(&lots, 5_000, day(4), Expired::Use).unwrap_or_default();
        assert_eq!(
            plan.takes,
            [Take {
                lot: expired.lot,
                milli: 5_000
            }]
        );
        let short = allocate(&lots, 15_000, day(4), Expired::Skip);
        assert_eq!(
            short,
            Err(Shortage {
                requested_milli: 15_000,
                available_milli: 10_000,
                expired_milli: 10_000
            })
        );
    }

    #[test]
    fn cost_leaves_in_shares_and_the_last_take_empties_the_lot_exactly() {
        // 3 jin for 10.00 yuan, taken one jin at a time: 3.33 + 3.34 (of 6.67 for 2) + 3.33.
        let (mut fen, mut milli) = (1000, 3000);
        let mut out = Vec::new();
        for _ in 0..3 {
            let c = cost_out(fen, milli, 1000);
            out.push(c);
            fen -= c;
            milli -= 1000;
        }
        assert_eq!(out, [333, 334, 333]);
        assert_eq!(out.iter().sum::<i64>(), 1000);
        assert_eq!(cost_out(1000, 3000, 1500), 500);
        assert_eq!(
            cost_out(5, 2000, 1000),
            3,
            "half a fen rounds away from zero"
        );
    }

    fn lots_strategy() -> impl Strategy<Value = Vec<LotStock>> {
        proptest::collection::vec(
            (proptest::option::of(1u32..28), 1u32..28, 0i64..50_000),
            0..12,
        )
        .prop_map(|raw| {
            raw.into_iter()
                .map(|(bb, rec, milli)| lot(bb, rec, milli))
                .collect()
        })
    }

    proptest! {
        #[test]
        fn a_plan_never_overdraws_a_lot_and_sums_to_the_request(
            lots in lots_strategy(),
            requested in 1i64..200_000,
            today in 1u32..28,
            use_expired in any::<bool>(),
        ) {
            let expired = if use_expired { Expired::Use } else { Expired::Skip };
            match allocate(&lots, requested, day(today), expired) {
                Ok(plan) => {
                    prop_assert_eq!(plan.takes.iter().map(|t| t.milli).sum::<i64>(), requested);
                    for take in &plan.takes {
                        let lot = lots.iter().find(|l| l.lot == take.lot);
                        prop_assert!(lot.is_some_and(|l| take.milli > 0 && take.milli <= l.available_milli));
                        let lot_is_expired = lot.is_some_and(|l| l.best_before.is_some_and(|d| d < day(today)));
                        prop_assert!(use_expired || !lot_is_expired);
                    }
                    // Never a later expiry while an earlier usable lot still has stock left.
                    for take in &plan.takes {
                        let taken = lots.iter().find(|l| l.lot == take.lot).map(fefo_key);
                        for other in &lots {
                            let usable = other.available_milli > 0
                                && (use_expired || other.best_before.is_none_or(|d| d >= day(today)));
                            let taken_from_other: i64 = plan.takes.iter().filter(|t| t.lot == other.lot).map(|t| t.milli).sum();
                            let earlier = Some(fefo_key(other)) < taken;
                            prop_assert!(!(usable && earlier && taken_from_other < other.available_milli));
                        }
                    }
                }
                Err(short) => {
                    let usable: i64 = lots
                        .iter()
                        .filter(|l| use_expired || l.best_before.is_none_or(|d| d >= day(today)))
                        .map(|l| l.available_milli)
                        .sum();
                    prop_assert!(usable < requested);
                    prop_assert_eq!(short.available_milli, usable);
                }
            }
        }

        #[test]
        fn a_lot_taken_piece_by_piece_gives_up_exactly_its_cost(
            fen in 0i64..10_000_000,
            takes in proptest::collection::vec(1i64..5_000, 1..20),
        ) {
            let total_milli: i64 = takes.iter().sum();
            let (mut left_fen, mut left_milli, mut out) = (fen, total_milli, 0);
            for take in takes {
                let c = cost_out(left_fen, left_milli, take);
                prop_assert!(c >= 0 && c <= left_fen);
                out += c;
                left_fen -= c;
                left_milli -= take;
            }
            prop_assert_eq!(out, fen);
            prop_assert_eq!(left_fen, 0);
        }
    }
}
