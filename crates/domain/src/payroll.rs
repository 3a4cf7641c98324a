//! One employee's pay for one month, line by line, from their pay schemes and the month's work
//! records: what each line is, how it was computed, the tax withheld, advances and deductions, and
//! what is paid out.
//!
//! Work is added up per scheme before anything is multiplied or rounded (22 days × 150.00, not
//! 22 × (1 day × 150.00) rounded each time), so how a month's work was split into entries never
//! changes the pay. Each line is rounded once to the fen; totals are sums of lines.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::money::Money;
use crate::tax::{withholding, Withholding, YearToDate};

/// How an employee is paid; one employee may have several (a daily wage and piece rates).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scheme {
    /// A fixed salary for a full month, pro-rated by calendar days employed in a partial month.
    Monthly { salary: Money },
    /// Per day worked (half days allowed); the rate in yuan, at most 4 decimals.
    Daily { rate: Decimal },
    /// Per hour worked.
    Hourly { rate: Decimal },
    /// Per unit of a kind of work ("box_packed", "jin_sorted", "tofu_made").
    Piece { work: String, rate: Decimal },
}

/// What a work record says happened; amounts of money are positive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Work {
    Days(Decimal),
    Hours(Decimal),
    Pieces {
        work: String,
        quantity: Decimal,
    },
    Bonus(Money),
    /// Money paid out during the month, taken back on pay day.
    Advance(Money),
    /// Anything else taken off the pay (a broken scale, a meal card).
    Deduction(Money),
}

/// One dated work record of the month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub date: NaiveDate,
    pub work: Work,
}

/// What a pay line is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LineKind {
    Salary {
        /// Calendar days employed in the month, and the month's days.
        days_employed: u32,
        days_in_month: u32,
    },
    Daily,
    Hourly,
    Piece {
        work: String,
    },
    Bonus,
}

/// One line of gross pay: `quantity × rate = amount` (for a salary: the salary × days employed /
/// days in the month; for bonuses: their sum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    pub quantity: Decimal,
    pub rate: Decimal,
    pub amount: Money,
}

/// Why a month's pay cannot be computed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PayError {
    #[error("a record dated {date} is outside the month {month}")]
    OutsideMonth { date: NaiveDate, month: String },
    #[error("a record dated {date} is outside their employment")]
    OutsideEmployment { date: NaiveDate },
    #[error("{work} is recorded on {date} but they have no pay scheme for it")]
    NoScheme { work: String, date: NaiveDate },
    #[error("the amounts are too large to compute")]
    Overflow,
}

/// Everything about one employee's month that the computation needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthInput {
    /// Any day of the month being paid.
    pub month: NaiveDate,
    pub start: NaiveDate,
    /// Last day employed, if they left.
    pub end: Option<NaiveDate>,
    pub schemes: Vec<Scheme>,
    pub records: Vec<Record>,
    /// Whether income tax is withheld for them.
    pub withhold_tax: bool,
    /// This year before this month: taxed pay, months employed, deductions and tax withheld.
    pub year_before: YearToDate,
    /// This month's special deductions (social insurance, housing fund) and special additional
    /// deductions (children, elderly parents, rent, ...), as the employee declared them.
    pub special_deductions: Money,
    pub additional_deductions: Money,
}

/// One employee's month, computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payslip {
    pub lines: Vec<Line>,
    pub gross: Money,
    /// `None` when tax is not withheld for them.
    pub tax: Option<Withholding>,
    pub advances: Money,
    pub deductions: Money,
    /// Gross − tax − advances − deductions; negative when advances were more than the pay (the
    /// difference is owed back).
    pub net: Money,
    /// The year through this month, for the next month's tax and the year summary.
    pub year_to_date: YearToDate,
}

fn first_of(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

fn last_of(d: NaiveDate) -> NaiveDate {
    let next = if d.month() == 12 {
        NaiveDate::from_ymd_opt(d.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(d.year(), d.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(d)
}

fn amount(quantity: Decimal, rate: Decimal) -> Result<Money, PayError> {
    Money::line_total(rate, quantity).map_err(|_| PayError::Overflow)
}

/// Computes one employee's pay for the month of `input.month`.
pub fn compute(input: &MonthInput) -> Result<Payslip, PayError> {
    let (first, last) = (first_of(input.month), last_of(input.month));
    let month = format!("{:04}-{:02}", first.year(), first.month());
    let employed_from = input.start.max(first);
    let employed_to = input.end.map_or(last, |e| e.min(last));
    for r in &input.records {
        if r.date < first || r.date > last {
            return Err(PayError::OutsideMonth {
                date: r.date,
                month: month.clone(),
            });
        }
        if r.date < input.start || input.end.is_some_and(|e| r.date > e) {
            return Err(PayError::OutsideEmployment { date: r.date });
        }
    }

    let sum = |pick: &dyn Fn(&Work) -> Option<Decimal>| -> Decimal {
        input.records.iter().filter_map(|r| pick(&r.work)).sum()
    };
    let money_sum = |pick: &dyn Fn(&Work) -> Option<Money>| -> Money {
        input.records.iter().filter_map(|r| pick(&r.work)).sum()
    };
    let mut lines = Vec::new();
    for scheme in &input.schemes {
        match scheme {
            Scheme::Monthly { salary } => {
                if employed_from > employed_to {
                    continue;
                }
                let days_employed =
                    u32::try_from((employed_to - employed_from).num_days() + 1).unwrap_or(0);
                let days_in_month = last.day();
                let share = Decimal::from(days_employed) / Decimal::from(days_in_month);
                lines.push(Line {
                    kind: LineKind::Salary {
                        days_employed,
                        days_in_month,
                    },
                    quantity: share,
                    rate: salary.yuan(),
                    amount: if days_employed == days_in_month {
                        *salary
                    } else {
                        Money::round_from_yuan(
                            salary.yuan() * Decimal::from(days_employed)
                                / Decimal::from(days_in_month),
                        )
                        .map_err(|_| PayError::Overflow)?
                    },
                });
            }
            Scheme::Daily { rate } => {
                let days = sum(&|w| match w {
                    Work::Days(d) => Some(*d),
                    _ => None,
                });
                if !days.is_zero() {
                    lines.push(Line {
                        kind: LineKind::Daily,
                        quantity: days,
                        rate: *rate,
                        amount: amount(days, *rate)?,
                    });
                }
            }
            Scheme::Hourly { rate } => {
                let hours = sum(&|w| match w {
                    Work::Hours(h) => Some(*h),
                    _ => None,
                });
                if !hours.is_zero() {
                    lines.push(Line {
                        kind: LineKind::Hourly,
                        quantity: hours,
                        rate: *rate,
                        amount: amount(hours, *rate)?,
                    });
                }
            }
            Scheme::Piece { work, rate } => {
                let quantity = sum(&|w| match w {
                    Work::Pieces {
                        work: done,
                        quantity,
                    } if done == work => Some(*quantity),
                    _ => None,
                });
                if !quantity.is_zero() {
                    lines.push(Line {
                        kind: LineKind::Piece { work: work.clone() },
                        quantity,
                        rate: *rate,
                        amount: amount(quantity, *rate)?,
                    });
                }
            }
        }
    }
    // Work that no scheme pays for is a mistake to fix, not money to drop silently.
    for r in &input.records {
        let paid = match &r.work {
            Work::Days(_) => input
                .schemes
                .iter()
                .any(|s| matches!(s, Scheme::Daily { .. })),
            Work::Hours(_) => input
                .schemes
                .iter()
                .any(|s| matches!(s, Scheme::Hourly { .. })),
            Work::Pieces { work, .. } => input
                .schemes
                .iter()
                .any(|s| matches!(s, Scheme::Piece { work: w, .. } if w == work)),
            _ => true,
        };
        if !paid {
            let work = match &r.work {
                Work::Days(_) => "daily work".to_string(),
                Work::Hours(_) => "hourly work".to_string(),
                Work::Pieces { work, .. } => work.clone(),
                _ => String::new(),
            };
            return Err(PayError::NoScheme { work, date: r.date });
        }
    }
    let bonus = money_sum(&|w| match w {
        Work::Bonus(m) => Some(*m),
        _ => None,
    });
    if bonus != Money::ZERO {
        lines.push(Line {
            kind: LineKind::Bonus,
            quantity: Decimal::ONE,
            rate: bonus.yuan(),
            amount: bonus,
        });
    }
    let gross: Money = lines.iter().map(|l| l.amount).sum();
    let advances = money_sum(&|w| match w {
        Work::Advance(m) => Some(*m),
        _ => None,
    });
    let deductions = money_sum(&|w| match w {
        Work::Deduction(m) => Some(*m),
        _ => None,
    });

    let before = &input.year_before;
    let year_to_date = YearToDate {
        pay: Money::from_fen(before.pay.fen() + gross.fen()),
        months: before.months + u32::from(employed_from <= employed_to),
        special_deductions: Money::from_fen(
            before.special_deductions.fen() + input.special_deductions.fen(),
        ),
        additional_deductions: Money::from_fen(
            before.additional_deductions.fen() + input.additional_deductions.fen(),
        ),
        other_deductions: before.other_deductions,
        withheld: before.withheld,
    };
    let tax = input.withhold_tax.then(|| withholding(&year_to_date));
    let tax_fen = tax.map_or(0, |t| t.this_month.fen());
    Ok(Payslip {
        net: Money::from_fen(gross.fen() - tax_fen - advances.fen() - deductions.fen()),
        year_to_date: YearToDate {
            withheld: Money::from_fen(before.withheld.fen() + tax_fen),
            ..year_to_date
        },
        lines,
        gross,
        tax,
        advances,
        deductions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    fn day(n: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, n).unwrap_or_default()
    }

    fn yuan(y: i64) -> Money {
        Money::from_fen(y * 100)
    }

    fn sister(records: Vec<Record>) -> MonthInput {
        MonthInput {
            month: day(1),
            start: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap_or_default(),
            end: None,
            schemes: vec![
                Scheme::Daily { rate: d("150") },
                Scheme::Piece {
                    work: "box_packed".into(),
                    rate: d("1.2"),
                },
                Scheme::Piece {
                    work: "jin_sorted".into(),
                    rate: d("0.085"),
                },
            ],
            records,
            withhold_tax: false,
            year_before: YearToDate::default(),
            special_deductions: Money::ZERO,
            additional_deductions: Money::ZERO,
        }
    }

    fn rec(n: u32, work: Work) -> Record {
        Record { date: day(n), work }
    }

    #[test]
    fn days_pieces_bonus_advance_and_deduction_make_the_net() {
        let slip = compute(&sister(vec![
            rec(2, Work::Days(d("1"))),
            rec(3, Work::Days(d("0.5"))),
            rec(
                3,
                Work::Pieces {
                    work: "box_packed".into(),
                    quantity: d("120"),
                },
            ),
            rec(
                4,
                Work::Pieces {
                    work: "jin_sorted".into(),
                    quantity: d("300"),
                },
            ),
            rec(10, Work::Bonus(yuan(100))),
            rec(12, Work::Advance(yuan(50))),
            rec(20, Work::Deduction(yuan(5))),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        let amounts: Vec<Money> = slip.lines.iter().map(|l| l.amount).collect();
        // 1.5 days × 150; 120 boxes × 1.20; 300 jin × 0.085 = 25.50; bonus.
        assert_eq!(
            amounts,
            vec![yuan(225), yuan(144), Money::from_fen(2550), yuan(100)]
        );
        assert_eq!(slip.gross, Money::from_fen(49_450));
        assert_eq!(slip.net, Money::from_fen(49_450 - 5_000 - 500));
        assert_eq!(slip.tax, None);
    }

    #[test]
    fn a_salary_is_pro_rated_by_calendar_days_in_a_partial_month() {
        let input = MonthInput {
            start: day(16),
            schemes: vec![Scheme::Monthly { salary: yuan(3000) }],
            ..sister(Vec::new())
        };
        let slip = compute(&input).unwrap_or_else(|e| panic!("{e}"));
        // November has 30 days; 15 employed: 1,500.00.
        assert_eq!(slip.gross, yuan(1500));
        assert_eq!(
            slip.lines[0].kind,
            LineKind::Salary {
                days_employed: 15,
                days_in_month: 30
            }
        );
        let full = compute(&MonthInput {
            start: day(1),
            ..input
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(full.gross, yuan(3000));
    }

    #[test]
    fn work_outside_the_month_or_employment_or_any_scheme_is_refused() {
        let late = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
        assert!(matches!(
            compute(&sister(vec![Record {
                date: late,
                work: Work::Days(d("1"))
            }])),
            Err(PayError::OutsideMonth { .. })
        ));
        let left = MonthInput {
            end: Some(day(10)),
            ..sister(vec![rec(11, Work::Days(d("1")))])
        };
        assert!(matches!(
            compute(&left),
            Err(PayError::OutsideEmployment { .. })
        ));
        assert!(matches!(
            compute(&sister(vec![rec(
                5,
                Work::Pieces {
                    work: "tofu_made".into(),
                    quantity: d("40")
                }
            )])),
            Err(PayError::NoScheme { .. })
        ));
    }

    #[test]
    fn tax_is_withheld_on_the_year_and_carried_in_the_year_to_date() {
        // 12,000 a month since January: through October 70,000 taxable, 4,480 withheld.
        let mother = MonthInput {
            start: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
            schemes: vec![Scheme::Monthly {
                salary: yuan(12_000),
            }],
            withhold_tax: true,
            year_before: YearToDate {
                pay: yuan(120_000),
                months: 10,
                withheld: yuan(4_480),
                ..YearToDate::default()
            },
            ..sister(Vec::new())
        };
        let slip = compute(&mother).unwrap_or_else(|e| panic!("{e}"));
        // Through November: 132,000 − 55,000 = 77,000 taxable → 7,700 − 2,520 = 5,180 due.
        let tax = slip.tax.unwrap_or_else(|| panic!("tax is withheld"));
        assert_eq!(tax.due_to_date, yuan(5_180));
        assert_eq!(tax.this_month, yuan(700));
        assert_eq!(slip.net, yuan(11_300));
        assert_eq!(slip.year_to_date.withheld, yuan(5_180));
        assert_eq!(slip.year_to_date.months, 11);
    }

    #[test]
    fn advances_larger_than_the_pay_leave_a_negative_net() {
        let slip = compute(&sister(vec![
            rec(2, Work::Days(d("1"))),
            rec(3, Work::Advance(yuan(200))),
        ]))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(slip.net, yuan(-50));
    }

    proptest! {
        /// However a month's days and pieces are split into entries, the pay is the same.
        #[test]
        fn splitting_work_never_changes_the_pay(
            halves in proptest::collection::vec(1u32..=4, 1..20),
            jin in proptest::collection::vec(1u32..=500, 1..20),
            cut in 1usize..10,
        ) {
            // Days in half-day steps and jin sorted, first as one entry each...
            let days: Decimal = halves.iter().map(|h| Decimal::from(*h) / Decimal::from(2)).sum();
            let total_jin: u32 = jin.iter().sum();
            let whole = compute(&sister(vec![
                rec(1, Work::Days(days)),
                rec(1, Work::Pieces { work: "jin_sorted".into(), quantity: Decimal::from(total_jin) }),
            ])).map_err(|e| TestCaseError::fail(e.to_string()))?;
            // ...then as many entries over the month.
            let mut records = Vec::new();
            for (i, h) in halves.iter().enumerate() {
                records.push(rec(1 + (i as u32 * 3 + cut as u32) % 28, Work::Days(Decimal::from(*h) / Decimal::from(2))));
            }
            for (i, j) in jin.iter().enumerate() {
                records.push(rec(1 + (i as u32 * 5) % 28, Work::Pieces { work: "jin_sorted".into(), quantity: Decimal::from(*j) }));
            }
            let split = compute(&sister(records)).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(whole.gross, split.gross);
            prop_assert_eq!(whole.net, split.net);
            // And the total is the sum of its lines, to the fen.
            prop_assert_eq!(split.gross, split.lines.iter().map(|l| l.amount).sum::<Money>());
        }
    }
}
