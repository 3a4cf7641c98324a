//! Validation of what people type, field by field, with messages that say what to fix.
//!
//! Every boundary (IPC, CLI, importers) hands user text to these functions; a failure names the
//! field (camelCase, as in the API) and a [`Rule`] code that the UI translates, plus an English
//! sentence for the CLI and as a fallback.

use std::fmt;
use std::str::FromStr;

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
/// Longest free text in a notes field.
pub const LONG_TEXT: usize = 2000;

/// Trimmed text that must not be empty.
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

/// Trimmed text that may be empty.
pub fn optional_text(field: &str, value: &str, max_chars: usize) -> Result<String, FieldError> {
    let text = value.trim();
    if text.chars().count() > max_chars {
        return Err(FieldError::new(
            field,
            Rule::TooLong,
            format!("{field} is too long: at most {max_chars} characters"),
        ));
    }
    Ok(text.to_string())
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

/// An amount of money that must be zero or more, at most two decimal places.
pub fn money_not_negative(field: &str, value: &str) -> Result<Money, FieldError> {
    if value.trim().is_empty() {
        return Err(FieldError::new(
            field,
            Rule::Required,
            format!("{field} is required"),
        ));
    }
    let money = Money::parse(value).map_err(|e| match e {
        MoneyError::NotANumber(_) | MoneyError::OutOfRange(_) => FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field} must be an amount of yuan such as 12.50"),
        ),
        MoneyError::TooManyDecimals(_) => FieldError::new(
            field,
            Rule::TooManyDecimals,
            format!("{field} has at most 2 decimal places (fen)"),
        )
        .with("max", "2"),
    })?;
    if money.is_negative() {
        return Err(FieldError::new(
            field,
            Rule::Negative,
            format!("{field} cannot be negative"),
        ));
    }
    Ok(money)
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
    let number = Decimal::from_str(text).map_err(|_| {
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
    let number = Decimal::from_str(text).map_err(|_| {
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

/// A date typed as `YYYY-MM-DD` (also `YYYY/MM/DD`); `None` if empty.
pub fn optional_date(field: &str, value: &str) -> Result<Option<chrono::NaiveDate>, FieldError> {
    let text = value.trim();
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(&text.replace('/', "-"), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| {
            FieldError::new(
                field,
                Rule::BadDate,
                format!("{field} must be a date such as 2026-09-15"),
            )
        })
}

/// A quantity greater than zero with at most three decimal places.
pub fn positive_quantity(field: &str, value: &str) -> Result<Decimal, FieldError> {
    optional_positive_decimal(field, value, 3)?
        .ok_or_else(|| FieldError::new(field, Rule::Required, format!("{field} is required")))
}

/// A unit price in yuan: zero or more, at most four decimal places (3.2750 yuan per jin); `None` if
/// empty.
pub fn optional_unit_price(field: &str, value: &str) -> Result<Option<Decimal>, FieldError> {
    let text = value
        .trim()
        .trim_start_matches(['¥', '￥'])
        .trim_end_matches('元')
        .trim();
    if text.is_empty() {
        return Ok(None);
    }
    let number = Decimal::from_str(text).map_err(|_| {
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
        UnitError::FractionalCount(_) => {
            FieldError::new(field, Rule::NotAWholeNumber, e.to_string())
        }
        _ => FieldError::new(field, Rule::UnknownUnit, format!("{field}: {e}")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
