//! Individual income tax withheld from wages by the cumulative method (累计预扣法).
//!
//! Each month the year so far is taxed as a whole: cumulative taxable income = cumulative pay −
//! 5,000 yuan × months employed this year − cumulative special deductions − cumulative special
//! additional deductions − other deductions (never below zero); the tax due to date comes from
//! the annual table (rate × taxable − quick deduction); this month's withholding is the tax due to
//! date less what was already withheld this year, never below zero. A month whose result would be
//! negative withholds nothing, and the next month catches up, because it starts again from the
//! year's totals. All amounts are whole fen; the tax is rounded half away from zero to the fen.

use crate::money::Money;

/// The basic deduction per month employed: 5,000 yuan.
pub const MONTHLY_BASIC_DEDUCTION_FEN: i64 = 500_000;

/// One row of the annual table: cumulative taxable income up to `up_to_fen` (inclusive; `None` for
/// the top bracket) is taxed at `rate_percent` less `quick_deduction_fen`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bracket {
    pub up_to_fen: Option<i64>,
    pub rate_percent: i64,
    pub quick_deduction_fen: i64,
}

/// The annual withholding table for wages (综合所得预扣率表).
pub const BRACKETS: [Bracket; 7] = [
    Bracket {
        up_to_fen: Some(3_600_000),
        rate_percent: 3,
        quick_deduction_fen: 0,
    },
    Bracket {
        up_to_fen: Some(14_400_000),
        rate_percent: 10,
        quick_deduction_fen: 252_000,
    },
    Bracket {
        up_to_fen: Some(30_000_000),
        rate_percent: 20,
        quick_deduction_fen: 1_692_000,
    },
    Bracket {
        up_to_fen: Some(42_000_000),
        rate_percent: 25,
        quick_deduction_fen: 3_192_000,
    },
    Bracket {
        up_to_fen: Some(66_000_000),
        rate_percent: 30,
        quick_deduction_fen: 5_292_000,
    },
    Bracket {
        up_to_fen: Some(96_000_000),
        rate_percent: 35,
        quick_deduction_fen: 8_592_000,
    },
    Bracket {
        up_to_fen: None,
        rate_percent: 45,
        quick_deduction_fen: 18_192_000,
    },
];

/// The year so far for one employee, up to and including the month being paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct YearToDate {
    /// Gross pay that is taxed, this year through this month.
    pub pay: Money,
    /// Months employed this year through this month (a mid-year start counts from its month).
    pub months: u32,
    /// Social insurance and housing fund paid by the employee (专项扣除), cumulative.
    pub special_deductions: Money,
    /// Children, elderly parents, housing loan interest or rent, ... (专项附加扣除), cumulative.
    pub additional_deductions: Money,
    /// Other deductions allowed by law, cumulative.
    pub other_deductions: Money,
    /// Tax already withheld this year, before this month.
    pub withheld: Money,
}

/// How this month's withholding was computed, every step kept so a payslip can explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withholding {
    /// 5,000 yuan × months employed.
    pub basic_deduction: Money,
    /// Cumulative taxable income (never below zero).
    pub taxable: Money,
    pub bracket: Bracket,
    /// Tax due on the year so far.
    pub due_to_date: Money,
    /// What to withhold this month: due to date − already withheld, never below zero.
    pub this_month: Money,
}

/// The bracket cumulative taxable income falls into.
pub fn bracket_for(taxable_fen: i64) -> Bracket {
    BRACKETS
        .into_iter()
        .find(|b| b.up_to_fen.is_none_or(|up_to| taxable_fen <= up_to))
        .unwrap_or(BRACKETS[BRACKETS.len() - 1])
}

/// Tax due on a cumulative taxable income: rate × income − quick deduction, to the fen (half away
/// from zero), never below zero.
pub fn tax_due(taxable: Money) -> Money {
    let fen = taxable.fen().max(0);
    let b = bracket_for(fen);
    // fen × percent is in hundredths of a fen; round to whole fen.
    let hundredths = i128::from(fen) * i128::from(b.rate_percent);
    let rounded = (hundredths + 50) / 100;
    let due = i64::try_from(rounded).unwrap_or(i64::MAX) - b.quick_deduction_fen;
    Money::from_fen(due.max(0))
}

/// This month's withholding for the year so far.
pub fn withholding(y: &YearToDate) -> Withholding {
    let basic = MONTHLY_BASIC_DEDUCTION_FEN.saturating_mul(i64::from(y.months));
    let taxable = (y.pay.fen()
        - basic
        - y.special_deductions.fen()
        - y.additional_deductions.fen()
        - y.other_deductions.fen())
    .max(0);
    let due = tax_due(Money::from_fen(taxable));
    Withholding {
        basic_deduction: Money::from_fen(basic),
        taxable: Money::from_fen(taxable),
        bracket: bracket_for(taxable),
        due_to_date: due,
        this_month: Money::from_fen((due.fen() - y.withheld.fen()).max(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    #[test]
    fn every_bracket_edge_is_taxed_by_the_table() {
        // (taxable yuan, tax due yuan): at each edge and one fen above it.
        let cases = [
            (0, 0),
            (36_000, 1_080),
            (144_000, 11_880),
            (300_000, 43_080),
            (420_000, 73_080),
            (660_000, 145_080),
            (960_000, 250_080),
        ];
        for (taxable, due) in cases {
            assert_eq!(tax_due(yuan(taxable)), yuan(due), "at {taxable}");
        }
        // One fen over an edge is taxed at the next rate: 36,000.01 × 10% − 2,520 = 1,080.001.
        assert_eq!(
            tax_due(Money::from_fen(3_600_001)),
            Money::from_fen(108_000)
        );
        assert_eq!(bracket_for(3_600_000).rate_percent, 3);
        assert_eq!(bracket_for(3_600_001).rate_percent, 10);
        assert_eq!(bracket_for(96_000_001).rate_percent, 45);
        // 1,000,000 × 45% − 181,920.
        assert_eq!(tax_due(yuan(1_000_000)), yuan(268_080));
    }

    #[test]
    fn the_table_is_continuous_at_every_edge() {
        for pair in BRACKETS.windows(2) {
            let Some(edge) = pair[0].up_to_fen else {
                continue;
            };
            let below = edge * pair[0].rate_percent / 100 - pair[0].quick_deduction_fen;
            let above = edge * pair[1].rate_percent / 100 - pair[1].quick_deduction_fen;
            assert_eq!(below, above, "the quick deduction at {edge} fen");
        }
    }

    #[test]
    fn tax_rounds_to_the_fen() {
        // 12,345.67 × 3% = 370.3701 → 370.37; 12,345.50 × 3% = 370.365 → 370.37.
        assert_eq!(tax_due(Money::from_fen(1_234_567)), Money::from_fen(37_037));
        assert_eq!(tax_due(Money::from_fen(1_234_550)), Money::from_fen(37_037));
    }

    /// Month by month at a fixed monthly pay, from the first month employed: what is withheld
    /// each month.
    fn months(pay_yuan: i64, count: u32) -> Vec<Money> {
        let mut withheld = Money::from_fen(0);
        let mut out = Vec::new();
        for m in 1..=count {
            let w = withholding(&YearToDate {
                pay: yuan(pay_yuan * i64::from(m)),
                months: m,
                withheld,
                ..YearToDate::default()
            });
            withheld = Money::from_fen(withheld.fen() + w.this_month.fen());
            out.push(w.this_month);
        }
        out
    }

    #[test]
    fn a_year_at_20000_a_month_steps_up_as_the_brackets_fill() {
        // Taxable 15,000 a month: 450 a month while the year stays under 36,000, then the
        // 10% bracket: month 3 due = 45,000 × 10% − 2,520 = 1,980, less 900 withheld = 1,080.
        let w = months(20_000, 12);
        assert_eq!(w[0], yuan(450));
        assert_eq!(w[1], yuan(450));
        assert_eq!(w[2], yuan(1_080));
        assert_eq!(w[3], yuan(1_500));
        // Over the year: 180,000 taxable → 180,000 × 20% − 16,920 = 19,080 in all.
        let total: i64 = w.iter().map(|m| m.fen()).sum();
        assert_eq!(total, yuan(19_080).fen());
    }

    #[test]
    fn a_mid_year_start_counts_only_the_months_employed() {
        // Starting in July at 8,000: 6 months, taxable 3,000 a month, 90 a month.
        let w = months(8_000, 6);
        assert!(w.iter().all(|m| *m == yuan(90)), "{w:?}");
        // Had the basic deduction counted from January, nothing would be withheld.
        let as_if_january = withholding(&YearToDate {
            pay: yuan(8_000),
            months: 7,
            ..YearToDate::default()
        });
        assert_eq!(as_if_january.this_month, Money::from_fen(0));
    }

    #[test]
    fn a_month_that_would_be_negative_withholds_nothing_and_the_year_stays_right() {
        // January 12,000 (withheld 210 on 7,000 taxable); February unpaid leave, 0.
        let jan = withholding(&YearToDate {
            pay: yuan(12_000),
            months: 1,
            ..YearToDate::default()
        });
        assert_eq!(jan.this_month, yuan(210));
        let feb = withholding(&YearToDate {
            pay: yuan(12_000),
            months: 2,
            withheld: jan.this_month,
            ..YearToDate::default()
        });
        assert_eq!(feb.due_to_date, yuan(60), "taxable 2,000");
        assert_eq!(feb.this_month, Money::from_fen(0), "never negative");
        // March 12,000 again: due on 24,000 − 15,000 = 9,000 is 270; 210 already withheld.
        let mar = withholding(&YearToDate {
            pay: yuan(24_000),
            months: 3,
            withheld: yuan(210),
            ..YearToDate::default()
        });
        assert_eq!(mar.this_month, yuan(60));
        assert_eq!(mar.due_to_date, yuan(270), "the year's total is right");
    }

    #[test]
    fn deductions_lower_the_taxable_income_and_never_below_zero() {
        let w = withholding(&YearToDate {
            pay: yuan(10_000),
            months: 1,
            special_deductions: yuan(1_000),
            additional_deductions: yuan(2_000),
            other_deductions: yuan(500),
            ..YearToDate::default()
        });
        assert_eq!(w.taxable, yuan(1_500));
        assert_eq!(w.this_month, yuan(45));
        let low = withholding(&YearToDate {
            pay: yuan(3_000),
            months: 1,
            ..YearToDate::default()
        });
        assert_eq!(
            (low.taxable, low.this_month),
            (Money::from_fen(0), Money::from_fen(0))
        );
    }

    proptest! {
        /// Withholding month by month always adds up to the tax due on the whole year, whatever
        /// the pay of each month (the cumulative method's promise), once no month went negative.
        #[test]
        fn month_by_month_adds_up_to_the_year(pays in proptest::collection::vec(5_000i64..60_000, 1..12)) {
            let mut withheld = 0i64;
            let mut cumulative = 0i64;
            for (i, pay) in pays.iter().enumerate() {
                cumulative += pay * 100;
                let w = withholding(&YearToDate {
                    pay: Money::from_fen(cumulative),
                    months: u32::try_from(i + 1).unwrap_or(1),
                    withheld: Money::from_fen(withheld),
                    ..YearToDate::default()
                });
                prop_assert!(w.this_month.fen() >= 0);
                withheld += w.this_month.fen();
                prop_assert!(withheld >= w.due_to_date.fen());
            }
            let year = withholding(&YearToDate {
                pay: Money::from_fen(cumulative),
                months: u32::try_from(pays.len()).unwrap_or(1),
                ..YearToDate::default()
            });
            // Never less than due; more only when a month's pay dropped (the tax is not refunded
            // until the annual reconciliation).
            prop_assert!(withheld >= year.due_to_date.fen());
        }

        /// More taxable income never means less tax.
        #[test]
        fn tax_never_falls_as_income_rises(a in 0i64..200_000_000, b in 0i64..200_000_000) {
            let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
            prop_assert!(tax_due(Money::from_fen(lo)).fen() <= tax_due(Money::from_fen(hi)).fen());
        }
    }
}
