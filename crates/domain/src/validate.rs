//! Validation of what people type, field by field, with messages that say what to fix.
//!
//! Every boundary (IPC, CLI, importers) hands user text to these functions; a failure names the
//! field (camelCase, as in the API) and a [`Rule`] code that the UI translates, plus an English
//! sentence for the CLI and as a fallback.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::money::{Money, MoneyError};
use crate::quantity::{Unit, UnitError};

/// Which rule a value broke; the UI has a translation for each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    Required,
    TooLong,
    Negative,
    NotANumber,
    TooManyDecimals,
    UnknownUnit,
    UnitsIncompatible,
    ShelfLifeRequired,
    NotAWholeNumber,
    MustBePositive,
    Duplicate,
    InvalidPhone,
    UnknownCourier,
    UnknownLanguage,
    NotEnoughStock,
    UnknownRecord,
    BadDate,
    BestBeforeBeforeHarvest,
    PriceOrTotalRequired,
    PriceAndTotalDisagree,
    UnknownPayment,
    UnknownReason,
    MoreThanOwed,
    UnknownKind,
    AlreadyReversed,
    LotUsed,
    RecipeUsesItsOutput,
    NotAllowed,
    BadWaybill,
    MoreThanSent,
    NoPrinter,
    BadBarcode,
    NoNumbersLeft,
    WrongPin,
    TooManyTries,
    /// Beyond what a family shop ever has; `params.max` says the largest allowed.
    TooLarge,
    /// A control character (or, in a name, a line break) that cannot be shown or printed.
    BadCharacter,
    /// The order was shipped already: scanning it again changes nothing.
    AlreadyShipped,
    /// The marketplace has been told already, so it can no longer be taken back here.
    AlreadySent,
    /// No program opens a PDF on this computer (`params.path`: where the file is).
    NoViewer,
    /// The print service (CUPS, `lp`) is not installed or not running (`params.path`).
    NoCups,
    /// The printer is not connected, switched off or not taking jobs (`params.printer`,
    /// `params.path`): print again once it is on.
    PrinterOffline,
}

impl Rule {
    pub fn code(self) -> &'static str {
        match self {
            Rule::Required => "required",
            Rule::TooLong => "too_long",
            Rule::Negative => "negative",
            Rule::NotANumber => "not_a_number",
            Rule::TooManyDecimals => "too_many_decimals",
            Rule::UnknownUnit => "unknown_unit",
            Rule::UnitsIncompatible => "units_incompatible",
            Rule::ShelfLifeRequired => "shelf_life_required",
            Rule::NotAWholeNumber => "not_a_whole_number",
            Rule::MustBePositive => "must_be_positive",
            Rule::Duplicate => "duplicate",
            Rule::InvalidPhone => "invalid_phone",
            Rule::UnknownCourier => "unknown_courier",
            Rule::UnknownLanguage => "unknown_language",
            Rule::NotEnoughStock => "not_enough_stock",
            Rule::UnknownRecord => "unknown_record",
            Rule::BadDate => "bad_date",
            Rule::BestBeforeBeforeHarvest => "best_before_before_harvest",
            Rule::PriceOrTotalRequired => "price_or_total_required",
            Rule::PriceAndTotalDisagree => "price_and_total_disagree",
            Rule::UnknownPayment => "unknown_payment",
            Rule::UnknownReason => "unknown_reason",
            Rule::MoreThanOwed => "more_than_owed",
            Rule::UnknownKind => "unknown_kind",
            Rule::AlreadyReversed => "already_reversed",
            Rule::LotUsed => "lot_used",
            Rule::RecipeUsesItsOutput => "recipe_uses_its_output",
            Rule::NotAllowed => "not_allowed",
            Rule::BadWaybill => "bad_waybill",
            Rule::MoreThanSent => "more_than_sent",
            Rule::NoPrinter => "no_printer",
            Rule::BadBarcode => "bad_barcode",
            Rule::NoNumbersLeft => "no_numbers_left",
            Rule::WrongPin => "wrong_pin",
            Rule::TooManyTries => "too_many_tries",
            Rule::TooLarge => "too_large",
            Rule::BadCharacter => "bad_character",
            Rule::AlreadyShipped => "already_shipped",
            Rule::AlreadySent => "already_sent",
            Rule::NoViewer => "no_viewer",
            Rule::NoCups => "no_cups",
            Rule::PrinterOffline => "printer_offline",
        }
    }
}

/// One field's problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The input field, camelCase as in the API (`price`, `address.province`).
    pub field: String,
    pub rule: Rule,
    /// An English sentence saying what to fix.
    pub message: String,
    /// Values the translated message needs ("available" for `not_enough_stock`).
    pub params: Vec<(&'static str, String)>,
}

impl FieldError {
    pub fn new(field: &str, rule: Rule, message: impl Into<String>) -> FieldError {
        FieldError {
            field: field.to_string(),
            rule,
            message: message.into(),
            params: Vec::new(),
        }
    }

    /// Adds a value for the translated message.
    pub fn with(mut self, key: &'static str, value: impl Into<String>) -> FieldError {
        self.params.push((key, value.into()));
        self
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

/// Longest free text we keep in a short field (names, phone, address parts).
pub const SHORT_TEXT: usize = 100;
/// Longest free text in a notes field. A field allowed this long is a note: it may keep line
/// breaks and tabs; shorter fields are one line.
pub const LONG_TEXT: usize = 2000;

/// Largest quantity in one field, in its unit: a million (500 tonnes of kiwis in jin). Far beyond
/// a family shop; small enough that thousandths, sums and unit conversions stay exact in `i64`.
pub const MAX_QUANTITY: i64 = 1_000_000;
/// Largest amount of money in one field, in yuan: a hundred million.
pub const MAX_YUAN: i64 = 100_000_000;
/// First and last business dates accepted anywhere (a date outside is a typing mistake).
pub const FIRST_DATE: (i32, u32, u32) = (2000, 1, 1);
pub const LAST_DATE: (i32, u32, u32) = (2099, 12, 31);

/// Characters that draw nothing: a name of only these looks empty on every screen and label.
const INVISIBLE: [char; 5] = ['\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{2060}'];

fn blank(c: char) -> bool {
    c.is_whitespace() || INVISIBLE.contains(&c)
}

/// Trimmed text that must not be empty (nor only spaces or invisible characters).
pub fn required_text(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    let text = optional_text(field, value, max_chars)?;
    if text.is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    Ok(text)
}

/// Trimmed text that may be empty. Spaces and invisible characters (zero-width space, joiners,
/// byte-order mark, word joiner) at either end are dropped, so text of only those is empty.
/// Control characters are refused; a note (a field allowed [`LONG_TEXT`] characters) may keep
/// line breaks (a Windows line break becomes `\n`) and tabs.
pub fn optional_text(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    let note = max_chars >= LONG_TEXT;
    let unified;
    let value = if note && value.contains("\r\n") {
        unified = value.replace("\r\n", "\n");
        unified.as_str()
    } else {
        value
    };
    let text = value.trim_matches(blank);
    if let Some(bad) = text
        .chars()
        .find(|&c| c.is_control() && !(note && matches!(c, '\n' | '\t')))
    {
        return Err(FieldError::new(
            field,
            Rule::BadCharacter,
            format!(
                "{field} contains a control character (U+{:04X}): type it again without it",
                u32::from(bad)
            ),
        ));
    }
    if text.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            Rule::TooLong,
            format!("{field} is too long: at most {max_chars} characters"),
        ));
    }
    Ok(text.to_string())
}

fn too_large(field: &str, max: i64) -> FieldError {
    FieldError::new(
        field,
        Rule::TooLarge,
        format!("{field} is too large: at most {max}"),
    )
    .with("max", max.to_string())
}

/// `value` in thousandths (milli units), as quantities and weights are stored: at most `max`
/// whole units either way and at most three decimal places. The one conversion from a decimal
/// quantity to thousandths; it never overflows.
pub fn milli(field: &str, value: Decimal, max: i64) -> Result<i64, FieldError> {
    if value.abs() > Decimal::from(max) {
        return Err(too_large(field, max));
    }
    crate::quantity::thousandths(value).map_err(|e| match e {
        crate::quantity::Thousandths::Inexact => FieldError::new(
            field,
            Rule::TooManyDecimals,
            format!("{field} has at most 3 decimal places"),
        )
        .with("max", "3"),
        crate::quantity::Thousandths::Overflow => too_large(field, max),
    })
}

/// `yuan` as money, exact to the fen: at most `max_yuan` either way and at most two decimal
/// places. The one conversion from a decimal amount of yuan to fen; it never overflows.
pub fn fen(field: &str, yuan: Decimal, max_yuan: i64) -> Result<Money, FieldError> {
    if yuan.abs() > Decimal::from(max_yuan) {
        return Err(too_large(field, max_yuan));
    }
    Money::from_yuan_exact(yuan).map_err(|e| match e {
        MoneyError::TooManyDecimals(_) => FieldError::new(
            field,
            Rule::TooManyDecimals,
            format!("{field} has at most 2 decimal places (fen)"),
        )
        .with("max", "2"),
        MoneyError::NotANumber(_) | MoneyError::OutOfRange(_) => too_large(field, max_yuan),
    })
}

/// A phone number as people write it: digits with optional spaces, dashes, parentheses and a
/// leading +, 5 to 20 digits. Empty is allowed unless `required`.
pub fn phone(field: &str, value: &str, required: bool) -> Result<String, FieldError> {
    let text = optional_text(field, value, 30)?;
    if text.is_empty() {
        if required {
            return Err(FieldError::new(
                field,
                Rule::Required,
                format!("{field} is required"),
            ));
        }
        return Ok(text);
    }
    let allowed = text.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')') || (c == '+' && i == 0)
    });
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !allowed || !(5..=20).contains(&digits) {
        return Err(FieldError::new(
            field,
            Rule::InvalidPhone,
            format!("{field} is not a phone number: use digits, e.g. 13800138000 or 0851-12345678"),
        ));
    }
    Ok(text)
}

/// An amount of money that must be zero or more, at most two decimal places and at most
/// [`MAX_YUAN`].
pub fn money_not_negative(field: &str, value: &str) -> Result<Money, FieldError> {
    let text = crate::money::strip_yuan(value);
    if text.is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    let yuan = crate::number::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field} must be an amount of yuan such as 12.50"),
        )
    })?;
    if yuan.is_sign_negative() && !yuan.is_zero() {
        return Err(FieldError::new(
            field,
            Rule::Negative,
            format!("{field} cannot be negative"),
        ));
    }
    fen(field, yuan, MAX_YUAN)
}

/// A decimal greater than zero with at most `max_dp` decimal places; `None` if empty.
pub fn optional_positive_decimal(
    field: &str,
    value: &str,
    max_dp: u32,
) -> Result<Option<Decimal>, FieldError> {
    let text = value.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = crate::number::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field} must be a number such as 2.5"),
        )
    })?;
    if number.normalize().scale() > max_dp {
        return Err(FieldError::new(
            field,
            Rule::TooManyDecimals,
            format!("{field} has at most {max_dp} decimal places"),
        )
        .with("max", max_dp.to_string()));
    }
    if number <= Decimal::ZERO {
        return Err(FieldError::new(
            field,
            Rule::MustBePositive,
            format!("{field} must be more than zero"),
        ));
    }
    if number > Decimal::from(MAX_QUANTITY) {
        return Err(too_large(field, MAX_QUANTITY));
    }
    Ok(Some(number.normalize()))
}

/// A whole number greater than zero and at most `max`.
pub fn positive_whole(field: &str, value: &str, max: u32) -> Result<u32, FieldError> {
    let text = value.trim();
    if text.is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    let number = crate::number::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::NotAWholeNumber,
            format!("{field} must be a whole number"),
        )
    })?;
    if !number.fract().is_zero() {
        return Err(FieldError::new(
            field,
            Rule::NotAWholeNumber,
            format!("{field} must be a whole number"),
        ));
    }
    if number <= Decimal::ZERO || number > Decimal::from(max) {
        return Err(FieldError::new(
            field,
            Rule::MustBePositive,
            format!("{field} must be between 1 and {max}"),
        ));
    }
    u32::try_from(number.trunc()).map_err(|_| {
        FieldError::new(
            field,
            Rule::NotAWholeNumber,
            format!("{field} must be a whole number"),
        )
    })
}

fn first_date() -> chrono::NaiveDate {
    let (y, m, d) = FIRST_DATE;
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or(chrono::NaiveDate::MIN)
}

fn last_date() -> chrono::NaiveDate {
    let (y, m, d) = LAST_DATE;
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap_or(chrono::NaiveDate::MAX)
}

fn bad_date(field: &str, example: &str) -> FieldError {
    FieldError::new(
        field,
        Rule::BadDate,
        format!("{field} must be a date between 2000 and 2099 such as {example}"),
    )
    .with("min", first_date().to_string())
    .with("max", last_date().to_string())
}

/// A date typed as `YYYY-MM-DD` (also `YYYY/MM/DD`, `YYYY-M-D`) from 2000-01-01 to 2099-12-31;
/// `None` if empty. Only a four-digit year: chrono alone would also read "+10000" or "-0001".
pub fn optional_date(field: &str, value: &str) -> Result<Option<chrono::NaiveDate>, FieldError> {
    let text = value.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let parts: Vec<&str> = text.split(['-', '/']).collect();
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let date = match parts.as_slice() {
        [y, m, d] if digits(y, 4..=4) && digits(m, 1..=2) && digits(d, 1..=2) => {
            match (y.parse(), m.parse(), d.parse()) {
                (Ok(y), Ok(m), Ok(d)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
                _ => None,
            }
        }
        _ => None,
    };
    date.filter(|d| (first_date()..=last_date()).contains(d))
        .map(Some)
        .ok_or_else(|| bad_date(field, "2026-09-15"))
}

/// A month typed as `YYYY-MM` (also `YYYY/MM` or `YYYY-M`) from 2000-01 to 2099-12, as its
/// first day.
pub fn month(field: &str, value: &str) -> Result<chrono::NaiveDate, FieldError> {
    let parsed = value
        .trim()
        .split_once(['-', '/'])
        .and_then(|(year, month)| {
            let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
                len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
            };
            if !digits(year, 4..=4) || !digits(month, 1..=2) {
                return None;
            }
            chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, 1)
        });
    parsed
        .filter(|d| (first_date()..=last_date()).contains(d))
        .ok_or_else(|| bad_date(field, "2026-09"))
}

/// A quantity greater than zero with at most three decimal places.
pub fn positive_quantity(field: &str, value: &str) -> Result<Decimal, FieldError> {
    optional_positive_decimal(field, value, 3)?
        .ok_or_else(|| FieldError::new(field, Rule::Required, format!("{field} is required")))
}

/// A unit price in yuan: zero or more, at most four decimal places (3.2750 yuan per jin); `None` if
/// empty.
pub fn optional_unit_price(field: &str, value: &str) -> Result<Option<Decimal>, FieldError> {
    let text = crate::money::strip_yuan(value);
    if text.is_empty() {
        return Ok(None);
    }
    let number = crate::number::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field} must be an amount of yuan such as 3.275"),
        )
    })?;
    if number.normalize().scale() > 4 {
        return Err(FieldError::new(
            field,
            Rule::TooManyDecimals,
            format!("{field} has at most 4 decimal places"),
        )
        .with("max", "4"));
    }
    if number < Decimal::ZERO {
        return Err(FieldError::new(
            field,
            Rule::Negative,
            format!("{field} cannot be negative"),
        ));
    }
    if number > Decimal::from(MAX_YUAN) {
        return Err(too_large(field, MAX_YUAN));
    }
    Ok(Some(number.normalize()))
}

/// A unit typed by a person.
pub fn unit(field: &str, value: &str) -> Result<Unit, FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    Unit::parse(value).map_err(|e| match e {
        UnitError::EmptyBox(_) => FieldError::new(field, Rule::MustBePositive, e.to_string()),
        UnitError::BoxTooLarge(_) => {
            FieldError::new(field, Rule::TooLarge, format!("{field}: {e}"))
                .with("max", crate::quantity::MAX_BOX_SIZE.to_string())
        }
        UnitError::FractionalCount(_) => {
            FieldError::new(field, Rule::NotAWholeNumber, e.to_string())
        }
        _ => FieldError::new(field, Rule::UnknownUnit, format!("{field}: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn thousandths_are_bounded_and_never_overflow() {
        assert_eq!(milli("weightKg", d("2.345"), MAX_QUANTITY), Ok(2345));
        assert_eq!(milli("counted", d("-1.5"), MAX_QUANTITY), Ok(-1500));
        assert_eq!(
            milli("counted", d("1000000"), MAX_QUANTITY),
            Ok(1_000_000_000)
        );
        // Regression: `value * 1000` panicked at 1e26 (rust_decimal's `*` panics on overflow).
        for huge in [
            "1000000.001",
            "1e27",
            "79228162514264337593543950335",
            "-1e27",
        ] {
            let e = milli("weightKg", d(huge), MAX_QUANTITY);
            assert_eq!(
                e.as_ref().map_err(|e| e.rule),
                Err(Rule::TooLarge),
                "{huge}"
            );
            assert_eq!(
                e.err().map(|e| e.params),
                Some(vec![("max", "1000000".to_string())])
            );
        }
        assert_eq!(
            milli("w", d("0.0005"), MAX_QUANTITY).map_err(|e| e.rule),
            Err(Rule::TooManyDecimals)
        );
    }

    #[test]
    fn fen_are_bounded_and_never_overflow() {
        assert_eq!(
            fen("refund", d("12.5"), MAX_YUAN),
            Ok(Money::from_fen(1250))
        );
        assert_eq!(
            fen("refund", d("100000000"), MAX_YUAN),
            Ok(Money::from_fen(10_000_000_000))
        );
        for huge in ["100000000.01", "1e27", "79228162514264337593543950335"] {
            assert_eq!(
                fen("refund", d(huge), MAX_YUAN).map_err(|e| (e.rule, e.params)),
                Err((Rule::TooLarge, vec![("max", "100000000".to_string())])),
                "{huge}"
            );
        }
        // Regression: 10^27 typed as a price panicked in `Money::parse` (yuan * 100). Typed
        // with an exponent it is no number at all: "1e3" is a slip for 13, not a thousand.
        assert_eq!(
            money_not_negative("price", "1e27").map_err(|e| e.rule),
            Err(Rule::NotANumber)
        );
        assert_eq!(
            money_not_negative("price", "1000000000000000000000000000").map_err(|e| e.rule),
            Err(Rule::TooLarge)
        );
        assert_eq!(
            money_not_negative("price", "79228162514264337593543950335元").map_err(|e| e.rule),
            Err(Rule::TooLarge)
        );
        assert_eq!(
            optional_unit_price("unitPrice", "1000000000000000000000000000").map_err(|e| e.rule),
            Err(Rule::TooLarge)
        );
        assert_eq!(
            positive_quantity("quantity", "1000000000000000000000000000").map_err(|e| e.rule),
            Err(Rule::TooLarge)
        );
        assert_eq!(money_not_negative("price", "-0"), Ok(Money::ZERO));
    }

    proptest::proptest! {
        /// Any decimal at all, of any scale and sign: thousandths and fen are a bounded value or
        /// a field error, never a panic.
        #[test]
        fn any_decimal_converts_or_is_refused(
            lo in proptest::prelude::any::<u32>(),
            mid in proptest::prelude::any::<u32>(),
            hi in proptest::prelude::any::<u32>(),
            negative in proptest::prelude::any::<bool>(),
            scale in 0u32..=28,
        ) {
            let value = Decimal::from_parts(lo, mid, hi, negative, scale);
            if let Ok(m) = milli("q", value, MAX_QUANTITY) {
                proptest::prop_assert!(m.abs() <= MAX_QUANTITY * 1000);
                proptest::prop_assert_eq!(Decimal::new(m, 3), value);
            }
            if let Ok(money) = fen("m", value, MAX_YUAN) {
                proptest::prop_assert!(money.fen().abs() <= MAX_YUAN * 100);
                proptest::prop_assert_eq!(money.yuan(), value);
            }
            let text = value.to_string();
            let _ = money_not_negative("m", &text);
            let _ = optional_unit_price("p", &text);
            let _ = positive_quantity("q", &text);
            let _ = unit("u", &format!("box:{text}:jin"));
        }
    }

    #[test]
    fn dates_and_months_stay_in_this_century() {
        let date = |v: &str| optional_date("paidOn", v).map_err(|e| e.rule);
        assert_eq!(
            date("2026/09/15"),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 9, 15))
        );
        assert!(date("2000-01-01").is_ok());
        assert_eq!(date("2026-9-1"), date("2026-09-01"));
        assert!(date("2099-12-31").is_ok());
        for bad in [
            "1999-12-31",
            "2100-01-01",
            "9999-12-31",
            "-0001-01-01",
            "+262143-12-31",
            "0001-01-01",
            "2026-9-",
            "26-09-01",
            "2026-02-30",
        ] {
            assert_eq!(date(bad), Err(Rule::BadDate), "{bad}");
        }
        assert_eq!(
            month("month", " 2026-11 "),
            Ok(chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default())
        );
        assert_eq!(month("month", "2026/9"), month("month", "2026-09"));
        for bad in [
            "9999-12",
            "1999-12",
            "2026-13",
            "2026-0",
            "2026-11-01",
            "",
            "+2026-01",
        ] {
            assert_eq!(
                month("month", bad).map_err(|e| e.rule),
                Err(Rule::BadDate),
                "{bad}"
            );
        }
    }

    #[test]
    fn names_refuse_control_and_invisible_characters() {
        let rule = |v: &str| required_text("name", v, SHORT_TEXT).map_err(|e| e.rule);
        assert_eq!(rule("\u{1b}[31m王强"), Err(Rule::BadCharacter));
        assert_eq!(rule("王\u{0}强"), Err(Rule::BadCharacter));
        assert_eq!(rule("王\n强"), Err(Rule::BadCharacter));
        assert_eq!(rule("\u{200B}"), Err(Rule::Required));
        assert_eq!(
            rule(" \u{200B}\u{200C}\u{200D}\u{FEFF}\u{2060} "),
            Err(Rule::Required)
        );
        assert_eq!(rule("\t \u{3000}"), Err(Rule::Required));
        assert_eq!(
            required_text("name", "\u{FEFF}王强\u{200B}", SHORT_TEXT),
            Ok("王强".to_string())
        );
        // A note keeps its lines and tabs, but no other control character.
        assert_eq!(
            optional_text("note", "第一行\n\t第二行", LONG_TEXT),
            Ok("第一行\n\t第二行".to_string())
        );
        assert_eq!(
            optional_text("note", "a\u{7}b", LONG_TEXT).map_err(|e| e.rule),
            Err(Rule::BadCharacter)
        );
        assert_eq!(
            optional_text("note", "a\rb", LONG_TEXT).map_err(|e| e.rule),
            Err(Rule::BadCharacter)
        );
        assert_eq!(
            optional_text("note", "周一\r\n周二\r\n", LONG_TEXT),
            Ok("周一\n周二".to_string())
        );
    }

    #[test]
    fn a_box_of_an_absurd_size_is_refused() {
        // Regression: `box:79228162514264337593543950335:jin` was stored and then panicked in
        // every conversion.
        for text in [
            "box:79228162514264337593543950335:jin",
            "box:99999999999999999999:jin",
            "箱(10001斤)",
        ] {
            assert_eq!(
                unit("saleUnit", text).map_err(|e| (e.rule, e.params)),
                Err((Rule::TooLarge, vec![("max", "10000".to_string())])),
                "{text}"
            );
        }
        assert_eq!(
            unit("saleUnit", "箱(10000斤)").map(|u| u.code()),
            Ok("box:10000:jin".to_string())
        );
        assert_eq!(
            unit("saleUnit", "box:0.0000000000000000000000000001:jin").map_err(|e| e.rule),
            Err(Rule::UnknownUnit)
        );
    }

    #[test]
    fn text_is_trimmed_and_required_text_must_not_be_blank() {
        assert_eq!(required_text("name", "  王强 ", 10), Ok("王强".to_string()));
        assert_eq!(
            required_text("name", "   ", 10).map_err(|e| e.rule),
            Err(Rule::Required)
        );
        assert_eq!(
            required_text("name", "一二三四五六七八九十一", 10).map_err(|e| e.rule),
            Err(Rule::TooLong)
        );
    }

    #[test]
    fn money_fields_say_what_is_wrong() {
        assert_eq!(
            money_not_negative("price", "38.8"),
            Ok(Money::from_fen(3880))
        );
        let rule = |v: &str| money_not_negative("price", v).map_err(|e| e.rule);
        assert_eq!(rule("-3"), Err(Rule::Negative));
        assert_eq!(rule("3.333"), Err(Rule::TooManyDecimals));
        assert_eq!(rule("three"), Err(Rule::NotANumber));
        assert_eq!(rule(""), Err(Rule::Required));
    }

    #[test]
    fn phones() {
        assert!(phone("phone", "13800138000", true).is_ok());
        assert!(phone("phone", "0851-8123 4567", true).is_ok());
        assert!(phone("phone", "+86 138 0013 8000", true).is_ok());
        assert_eq!(phone("phone", "", false), Ok(String::new()));
        assert_eq!(
            phone("phone", "", true).map_err(|e| e.rule),
            Err(Rule::Required)
        );
        assert_eq!(
            phone("phone", "abc", true).map_err(|e| e.rule),
            Err(Rule::InvalidPhone)
        );
        assert_eq!(
            phone("phone", "12", true).map_err(|e| e.rule),
            Err(Rule::InvalidPhone)
        );
    }

    #[test]
    fn whole_numbers_and_decimals() {
        assert_eq!(positive_whole("shelfLifeDays", "15", 3650), Ok(15));
        let rule = |v: &str| positive_whole("d", v, 3650).map_err(|e| e.rule);
        assert_eq!(rule("1.5"), Err(Rule::NotAWholeNumber));
        assert_eq!(rule("0"), Err(Rule::MustBePositive));
        assert_eq!(rule("x"), Err(Rule::NotAWholeNumber));
        assert_eq!(optional_positive_decimal("w", "", 3), Ok(None));
        assert_eq!(
            optional_positive_decimal("w", "2.50", 3),
            Ok(Some(Decimal::new(25, 1)))
        );
        assert_eq!(
            optional_positive_decimal("w", "2.0001", 3).map_err(|e| e.rule),
            Err(Rule::TooManyDecimals)
        );
        assert_eq!(
            optional_positive_decimal("w", "-1", 3).map_err(|e| e.rule),
            Err(Rule::MustBePositive)
        );
    }

    #[test]
    fn units() {
        assert_eq!(
            unit("saleUnit", "箱(5斤)").map(|u| u.code()),
            Ok("box:5:jin".into())
        );
        assert_eq!(
            unit("saleUnit", "筐").map_err(|e| e.rule),
            Err(Rule::UnknownUnit)
        );
        assert_eq!(
            unit("saleUnit", " ").map_err(|e| e.rule),
            Err(Rule::Required)
        );
    }
}

/// Collects the problems of every field of a form, so the person sees them all at once.
#[derive(Debug, Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Checker {
        Checker::default()
    }

    /// The value if the check passed; otherwise notes the problem and gives `None`.
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(error) => {
                self.errors.push(error);
                None
            }
        }
    }

    /// Every problem noted, in the order the fields were checked; `Ok` if there were none.
    pub fn finish(self) -> Result<(), Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(self.errors)
        }
    }
}

#[cfg(test)]
mod checker_tests {
    use super::*;

    #[test]
    fn a_checker_keeps_every_problem_in_order() {
        let mut c = Checker::new();
        let name = c.check(required_text("name", "", 10));
        let price = c.check(money_not_negative("price", "1.5"));
        let phone_number = c.check(phone("phone", "abc", true));
        assert_eq!(
            (name, price.map(Money::fen), phone_number),
            (None, Some(150), None)
        );
        let fields: Vec<String> = c
            .finish()
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "phone"]);
        assert!(Checker::new().finish().is_ok());
    }
}
