//! Production arithmetic: how much of each input a run needs, and what one unit of its output cost.

/// How much of an input a run that makes `made_milli` needs, when one batch of the recipe takes
/// `input_milli` and makes `batch_milli`: a proportional share rounded half away from zero, and
/// never less than one thousandth (a run always takes something of every input).
pub fn scale(input_milli: i64, batch_milli: i64, made_milli: i64) -> i64 {
    if batch_milli <= 0 || made_milli <= 0 || input_milli <= 0 {
        return input_milli.max(1);
    }
    let numerator = i128::from(input_milli) * i128::from(made_milli);
    let denominator = i128::from(batch_milli);
    let rounded = (2 * numerator + denominator) / (2 * denominator);
    i64::try_from(rounded).unwrap_or(i64::MAX).max(1)
}

/// The cost of one stock unit, in ten-thousandths of a yuan, of `milli` thousandths that cost
/// `cost_fen` fen in all, rounded half away from zero.
pub fn unit_cost_e4(cost_fen: i64, milli: i64) -> i64 {
    if milli <= 0 {
        return 0;
    }
    // fen / (milli / 1000) units = yuan * 100 per unit; × 100 more for ten-thousandths.
    let numerator = i128::from(cost_fen) * 100_000;
    let denominator = i128::from(milli);
    let doubled = 2 * numerator.abs() + denominator;
    let magnitude = doubled / (2 * denominator);
    let e4 = if numerator < 0 { -magnitude } else { magnitude };
    i64::try_from(e4).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tofu_from_soybeans() {
        // 1 jin of soybeans makes 2 pieces: 40 pieces take 20 jin.
        assert_eq!(scale(1_000, 2_000, 40_000), 20_000);
        // 3 pieces take 1.5 jin.
        assert_eq!(scale(1_000, 2_000, 3_000), 1_500);
        // A third of a batch rounds to the nearest thousandth.
        assert_eq!(scale(1_000, 3_000, 1_000), 333);
        assert_eq!(scale(2_000, 3_000, 1_000), 667);
    }

    #[test]
    fn a_tiny_run_still_takes_something() {
        assert_eq!(scale(1, 10_000, 1), 1);
    }

    #[test]
    fn unit_cost_of_forty_pieces() {
        // 40 pieces cost ¥96.50: ¥2.4125 each.
        assert_eq!(unit_cost_e4(9_650, 40_000), 24_125);
        assert_eq!(unit_cost_e4(100, 3_000), 3_333);
        assert_eq!(unit_cost_e4(0, 1_000), 0);
    }

    proptest! {
        #[test]
        fn whole_batches_scale_exactly(input in 1i64..1_000_000, batch in 1i64..100_000, n in 1i64..500) {
            prop_assert_eq!(scale(input, batch, batch * n), input * n);
        }

        #[test]
        fn scaling_is_within_half_a_thousandth(input in 1i64..1_000_000, batch in 1i64..100_000, made in 1i64..10_000_000) {
            let exact = input as f64 * made as f64 / batch as f64;
            let got = scale(input, batch, made) as f64;
            prop_assert!(got >= 1.0);
            prop_assert!(exact < 1.0 || (got - exact).abs() <= 0.5 + 1e-6);
        }
    }
}
