//! The one reader of a number a person types: plain decimal digits with an optional sign and
//! point, as on a receipt. Full-width digits from a Chinese input method (`１２．５`) read as the
//! same number; what a person does not mean as a number is refused rather than guessed:
//! exponents (`1e3` is a slip for 13, not a thousand), digit separators (`1,000`, `1_000`) and
//! anything with more digits than a decimal can hold.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Longest run of characters read as a number: far beyond any amount, short enough that nothing
/// long is ever handed to the decimal parser.
const MAX_LEN: usize = 40;

/// `text` (already trimmed of currency signs and units by the caller) as a decimal, or `None`.
pub fn parse(text: &str) -> Option<Decimal> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            other => other,
        })
        .collect();
    if ascii.is_empty() || ascii.len() > MAX_LEN {
        return None;
    }
    let unsigned = ascii.strip_prefix(['+', '-']).unwrap_or(&ascii);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (unsigned, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shaped = digits(whole)
        && fraction.is_none_or(digits)
        && !(whole.is_empty() && fraction.is_none_or(str::is_empty));
    if !shaped {
        return None;
    }
    Decimal::from_str(&ascii).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Option<Decimal> {
        Decimal::from_str(s).ok()
    }

    #[test]
    fn what_people_type_reads_as_the_number_they_mean() {
        assert_eq!(parse("12.5"), d("12.5"));
        assert_eq!(parse(" 3 "), d("3"));
        assert_eq!(parse("-0.5"), d("-0.5"));
        assert_eq!(parse(".5"), d("0.5"));
        assert_eq!(parse("5."), d("5"));
        assert_eq!(
            parse("１２．５"),
            d("12.5"),
            "full-width digits from an input method"
        );
        assert_eq!(parse("－３"), d("-3"));
    }

    #[test]
    fn what_is_not_meant_as_a_number_is_refused() {
        for text in [
            "",
            ".",
            "-",
            "1e3",
            "1E3",
            "1,000",
            "1_000",
            "12.5.1",
            "+-1",
            "1 000",
            "0x10",
            "NaN",
            "inf",
            "一二",
            "1000000000000000000000000000000000000000000",
        ] {
            assert_eq!(parse(text), None, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_a_number_or_none_never_a_panic(text in "\\PC{0,50}") {
            let _ = parse(&text);
        }

        #[test]
        fn a_decimal_written_out_reads_back(fen in any::<i64>()) {
            let value = Decimal::new(fen, 2);
            prop_assert_eq!(parse(&value.to_string()), Some(value));
        }
    }
}
