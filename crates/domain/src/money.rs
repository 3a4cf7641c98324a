//! Money: Chinese yuan exact to the fen, with one documented rounding rule.
//!
//! Amounts are held as a whole number of fen (1 yuan = 100 fen) so that sums in Rust and in SQL
//! (where they are stored as the same integers) agree to the fen. At the API, amounts are
//! `rust_decimal::Decimal` yuan; binary floating point never touches money.
//!
//! **Rounding rule.** When a computation produces more precision than a fen (a unit price of
//! 3.2750 yuan per jin times 2.3 jin), the result is rounded to the fen *half away from zero*
//! (四舍五入: 0.005 → 0.01, -0.005 → -0.01), once per line, by [`Money::round_from_yuan`] or
//! [`Money::line_total`]. Totals are sums of already-rounded lines and are never rounded again.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a value is not an amount of money.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("not a number of yuan: {0:?}")]
    NotANumber(String),
    #[error("an amount of money has at most 2 decimal places (fen): {0}")]
    TooManyDecimals(Decimal),
    #[error("amount out of range: {0}")]
    OutOfRange(Decimal),
}

/// An exact amount of yuan, stored as whole fen. May be negative (refunds, corrections).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Debug)]
pub struct Money {
    fen: i64,
}

/// Largest amount accepted: a trillion yuan, far beyond any family shop, small enough that sums of
/// millions of lines cannot overflow an `i64` of fen.
const MAX_FEN: i64 = 100_000_000_000_000;

impl Money {
    pub const ZERO: Money = Money { fen: 0 };

    /// Money from whole fen, as stored in the database.
    pub const fn from_fen(fen: i64) -> Money {
        Money { fen }
    }

    /// The amount in whole fen, as stored in the database.
    pub const fn fen(self) -> i64 {
        self.fen
    }

    /// The amount in yuan with exactly two decimal places.
    pub fn yuan(self) -> Decimal {
        Decimal::new(self.fen, 2)
    }

    /// Money from a yuan amount that must already be exact to the fen ("12.5" is fine,
    /// "12.345" is an error, never silently rounded).
    pub fn from_yuan_exact(yuan: Decimal) -> Result<Money, MoneyError> {
        let normalized = yuan.normalize();
        if normalized.scale() > 2 {
            return Err(MoneyError::TooManyDecimals(yuan));
        }
        let fen = yuan
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::OutOfRange(yuan))?;
        Self::from_exact_fen_decimal(fen, yuan)
    }

    /// Money from any yuan amount, rounded to the fen half away from zero (四舍五入).
    pub fn round_from_yuan(yuan: Decimal) -> Result<Money, MoneyError> {
        let rounded = yuan.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        let fen = rounded
            .checked_mul(Decimal::ONE_HUNDRED)
            .ok_or(MoneyError::OutOfRange(yuan))?;
        Self::from_exact_fen_decimal(fen, yuan)
    }

    /// The money for one line: unit price times quantity, rounded once to the fen.
    pub fn line_total(unit_price_yuan: Decimal, quantity: Decimal) -> Result<Money, MoneyError> {
        let product = unit_price_yuan
            .checked_mul(quantity)
            .ok_or(MoneyError::OutOfRange(unit_price_yuan))?;
        Self::round_from_yuan(product)
    }

    fn from_exact_fen_decimal(fen: Decimal, original: Decimal) -> Result<Money, MoneyError> {
        let fen = fen.trunc();
        let fen: i64 = fen
            .try_into()
            .map_err(|_| MoneyError::OutOfRange(original))?;
        if fen.abs() > MAX_FEN {
            return Err(MoneyError::OutOfRange(original));
        }
        Ok(Money { fen })
    }

    /// Parses what a person types: "12", "12.5", "¥12.50", "12.50元", " 3 ".
    /// More than two decimal places is an error, not a rounding.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let cleaned = strip_yuan(text);
        let value = crate::number::parse(cleaned)
            .ok_or_else(|| MoneyError::NotANumber(text.trim().to_string()))?;
        Self::from_yuan_exact(value)
    }

    pub fn is_negative(self) -> bool {
        self.fen < 0
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.fen.checked_add(other.fen).map(Money::from_fen)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.fen.checked_sub(other.fen).map(Money::from_fen)
    }
}

/// An amount as typed without its currency marks: "¥12.50", "12.50元", " ￥3 " → "12.50", "3".
pub fn strip_yuan(text: &str) -> &str {
    text.trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim()
}

impl fmt::Display for Money {
    /// "12.50": two decimals, no currency sign (the UI adds "¥").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.yuan())
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        Money::from_fen(iter.map(|m| m.fen).sum())
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Money, D::Error> {
        let text = String::deserialize(deserializer)?;
        Money::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn rounds_half_away_from_zero_to_the_fen() {
        let cases = [
            ("0.005", 1),
            ("0.004", 0),
            ("-0.005", -1),
            ("-0.004", 0),
            ("2.675", 268),
            ("2.665", 267),
            ("1.9949", 199),
            ("-1.995", -200),
        ];
        for (yuan, fen) in cases {
            assert_eq!(
                Money::round_from_yuan(d(yuan)),
                Ok(Money::from_fen(fen)),
                "{yuan}"
            );
        }
    }

    #[test]
    fn a_line_is_rounded_once() {
        // 3.2750 yuan per jin × 2.3 jin = 7.5325 → 7.53
        assert_eq!(
            Money::line_total(d("3.2750"), d("2.3")),
            Ok(Money::from_fen(753))
        );
        // 0.125 × 3 = 0.375 → 0.38 (not 0.13 × 3 = 0.39)
        assert_eq!(
            Money::line_total(d("0.125"), d("3")),
            Ok(Money::from_fen(38))
        );
    }

    #[test]
    fn parse_accepts_what_people_type_and_refuses_fractions_of_a_fen() {
        assert_eq!(Money::parse("12"), Ok(Money::from_fen(1200)));
        assert_eq!(Money::parse(" ¥12.5 "), Ok(Money::from_fen(1250)));
        assert_eq!(Money::parse("￥0.01"), Ok(Money::from_fen(1)));
        assert_eq!(Money::parse("38.80元"), Ok(Money::from_fen(3880)));
        assert_eq!(Money::parse("12.500"), Ok(Money::from_fen(1250)));
        assert_eq!(Money::parse("-3"), Ok(Money::from_fen(-300)));
        assert!(matches!(
            Money::parse("12.345"),
            Err(MoneyError::TooManyDecimals(_))
        ));
        assert!(matches!(
            Money::parse("abc"),
            Err(MoneyError::NotANumber(_))
        ));
        assert!(matches!(Money::parse(""), Err(MoneyError::NotANumber(_))));
        assert!(matches!(
            Money::parse("99999999999999999999"),
            Err(MoneyError::OutOfRange(_))
        ));
    }

    #[test]
    fn displays_and_serialises_with_two_decimals() {
        assert_eq!(Money::from_fen(1250).to_string(), "12.50");
        assert_eq!(Money::from_fen(-5).to_string(), "-0.05");
        assert_eq!(
            serde_json::to_string(&Money::from_fen(100)).unwrap_or_default(),
            "\"1.00\""
        );
    }

    proptest! {
        #[test]
        fn fen_round_trip_through_text(fen in -MAX_FEN..=MAX_FEN) {
            let money = Money::from_fen(fen);
            prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
            prop_assert_eq!(Money::from_yuan_exact(money.yuan()), Ok(money));
        }

        #[test]
        fn rounding_is_within_half_a_fen_and_symmetric(mills in -10_000_000_000i64..10_000_000_000i64) {
            // mills = thousandths of a yuan
            let yuan = Decimal::new(mills, 3);
            let rounded = Money::round_from_yuan(yuan).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let error = (rounded.yuan() - yuan).abs();
            prop_assert!(error <= Decimal::new(5, 3));
            // half away from zero is symmetric around zero
            let negated = Money::round_from_yuan(-yuan).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(negated.fen(), -rounded.fen());
            // an exact half always moves away from zero
            if mills % 10 == 5 || mills % 10 == -5 {
                prop_assert!(rounded.yuan().abs() > yuan.abs());
            }
        }

        #[test]
        fn sum_of_lines_equals_sum_of_fen(lines in proptest::collection::vec(-1_000_000i64..1_000_000, 0..50)) {
            let total: Money = lines.iter().copied().map(Money::from_fen).sum();
            prop_assert_eq!(total.fen(), lines.iter().sum::<i64>());
        }
    }
}
