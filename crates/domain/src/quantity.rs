//! Quantities with units, and exact conversions between them.
//!
//! Farmers sell by the jin (斤, exactly 0.5 kg); shops sell by the box ("a box of 5 jin"), the
//! bottle or the piece. Masses convert exactly among jin, kg and g; a box of N converts to N of its
//! inner unit. Counts (piece, bottle) never convert to masses. A conversion whose result would not
//! be exact (1 jin into boxes of 3 jin) is an error rather than a rounded number.
//!
//! Units have a canonical code (`jin`, `kg`, `g`, `piece`, `bottle`, `box:5:jin`) used in storage
//! and at the API; [`Unit::parse`] also accepts what a person types in Chinese or English.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Why a text is not a unit or a conversion cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UnitError {
    #[error("unknown unit {0:?}: use 斤/jin, 公斤/kg, 克/g, 个/piece, 瓶/bottle or a box such as 箱(5斤)")]
    Unknown(String),
    #[error("a box must hold more than zero: {0:?}")]
    EmptyBox(String),
    #[error("a box holds at most {MAX_BOX_SIZE} of its unit: {0:?}")]
    BoxTooLarge(String),
    #[error("a box of pieces or bottles must hold a whole number: {0:?}")]
    FractionalCount(String),
    #[error("cannot convert {from} into {to}: one is a weight and the other a count")]
    Incompatible { from: Unit, to: Unit },
    #[error("{amount} {from} is not a whole or exact number of {to}")]
    Inexact {
        amount: Decimal,
        from: Unit,
        to: Unit,
    },
    #[error("quantity too large")]
    Overflow,
}

/// Most a box may hold of its inner unit (ten thousand jin, pieces or bottles), with at most
/// three decimal places: a box converts exactly into thousandths of its unit.
pub const MAX_BOX_SIZE: i64 = 10_000;

/// What a unit measures; only units of the same dimension convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dimension {
    Mass,
    Pieces,
    Bottles,
}

/// A unit that is not a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum BaseUnit {
    /// 斤, exactly 500 g.
    Jin,
    Kg,
    G,
    Piece,
    Bottle,
}

impl BaseUnit {
    pub const ALL: [BaseUnit; 5] = [
        BaseUnit::Jin,
        BaseUnit::Kg,
        BaseUnit::G,
        BaseUnit::Piece,
        BaseUnit::Bottle,
    ];

    pub fn code(self) -> &'static str {
        match self {
            BaseUnit::Jin => "jin",
            BaseUnit::Kg => "kg",
            BaseUnit::G => "g",
            BaseUnit::Piece => "piece",
            BaseUnit::Bottle => "bottle",
        }
    }

    pub fn dimension(self) -> Dimension {
        match self {
            BaseUnit::Jin | BaseUnit::Kg | BaseUnit::G => Dimension::Mass,
            BaseUnit::Piece => Dimension::Pieces,
            BaseUnit::Bottle => Dimension::Bottles,
        }
    }

    /// How many of the dimension's smallest unit (grams, pieces, bottles) one of this is.
    fn factor(self) -> Decimal {
        match self {
            BaseUnit::Jin => Decimal::from(500),
            BaseUnit::Kg => Decimal::from(1000),
            BaseUnit::G | BaseUnit::Piece | BaseUnit::Bottle => Decimal::ONE,
        }
    }

    fn from_alias(text: &str) -> Option<BaseUnit> {
        let lower = text.trim().to_lowercase();
        Some(match lower.as_str() {
            "jin" | "斤" | "市斤" => BaseUnit::Jin,
            "kg" | "公斤" | "千克" | "kilogram" | "kilograms" => BaseUnit::Kg,
            "g" | "克" | "gram" | "grams" => BaseUnit::G,
            "piece" | "pieces" | "pc" | "pcs" | "个" | "件" | "块" | "只" | "份" => {
                BaseUnit::Piece
            }
            "bottle" | "bottles" | "瓶" => BaseUnit::Bottle,
            _ => return None,
        })
    }
}

/// A unit of measure: a base unit or a box of N of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Base(BaseUnit),
    /// A box (箱) holding `size` of `of`; `size` is positive, normalised, and whole for counts.
    Box {
        size: Decimal,
        of: BaseUnit,
    },
}

impl Unit {
    pub const JIN: Unit = Unit::Base(BaseUnit::Jin);
    pub const KG: Unit = Unit::Base(BaseUnit::Kg);
    pub const G: Unit = Unit::Base(BaseUnit::G);
    pub const PIECE: Unit = Unit::Base(BaseUnit::Piece);
    pub const BOTTLE: Unit = Unit::Base(BaseUnit::Bottle);

    /// A box of `size` `of`, checked.
    pub fn boxed(size: Decimal, of: BaseUnit) -> Result<Unit, UnitError> {
        let text = format!("box:{size}:{}", of.code());
        if size <= Decimal::ZERO {
            return Err(UnitError::EmptyBox(text));
        }
        if size > Decimal::from(MAX_BOX_SIZE) {
            return Err(UnitError::BoxTooLarge(text));
        }
        if size.normalize().scale() > 3 {
            return Err(UnitError::Unknown(text));
        }
        if of.dimension() != Dimension::Mass && !size.fract().is_zero() {
            return Err(UnitError::FractionalCount(text));
        }
        Ok(Unit::Box {
            size: size.normalize(),
            of,
        })
    }

    pub fn dimension(&self) -> Dimension {
        match self {
            Unit::Base(b) | Unit::Box { of: b, .. } => b.dimension(),
        }
    }

    fn factor(&self) -> Decimal {
        match self {
            Unit::Base(b) => b.factor(),
            Unit::Box { size, of } => *size * of.factor(),
        }
    }

    /// How a person reads the unit: `斤`, `箱(5斤)` in Chinese; `jin`, `box of 5 jin` in English.
    pub fn label(&self, chinese: bool) -> String {
        let base = |b: BaseUnit| match (b, chinese) {
            (BaseUnit::Jin, true) => "斤",
            (BaseUnit::Kg, true) => "公斤",
            (BaseUnit::G, true) => "克",
            (BaseUnit::Piece, true) => "个",
            (BaseUnit::Bottle, true) => "瓶",
            (b, false) => b.code(),
        };
        match self {
            Unit::Base(b) => base(*b).to_string(),
            Unit::Box { size, of } if chinese => format!("箱({}{})", size.normalize(), base(*of)),
            Unit::Box { size, of } => format!("box of {} {}", size.normalize(), base(*of)),
        }
    }

    /// The canonical code, as stored: `jin`, `box:5:jin`.
    pub fn code(&self) -> String {
        match self {
            Unit::Base(b) => b.code().to_string(),
            Unit::Box { size, of } => format!("box:{}:{}", size.normalize(), of.code()),
        }
    }

    /// Parses a canonical code or what a person types: 斤, 公斤, 克, 个, 瓶, 箱(5斤), 箱（5斤）,
    /// 5斤箱, 5斤/箱, 5斤装, "box of 5 jin", "box(5 jin)".
    pub fn parse(text: &str) -> Result<Unit, UnitError> {
        let trimmed = text.trim();
        let unknown = || UnitError::Unknown(trimmed.to_string());
        if let Some(base) = BaseUnit::from_alias(trimmed) {
            return Ok(Unit::Base(base));
        }
        let lower = trimmed.to_lowercase();
        if let Some(rest) = lower.strip_prefix("box:") {
            let (size, of) = rest.split_once(':').ok_or_else(unknown)?;
            let size = crate::number::parse(size).ok_or_else(unknown)?;
            let of = BaseUnit::from_alias(of).ok_or_else(unknown)?;
            return Unit::boxed(size, of);
        }
        let inner = if let Some(rest) = lower.strip_prefix("box of ") {
            Some(rest.to_string())
        } else if let Some(rest) = lower
            .strip_prefix("box")
            .or_else(|| lower.strip_prefix('箱'))
            .or_else(|| lower.strip_prefix('盒'))
        {
            let rest = rest.trim();
            let opened = rest
                .strip_prefix('(')
                .or_else(|| rest.strip_prefix('（'))
                .ok_or_else(unknown)?;
            let closed = opened
                .strip_suffix(')')
                .or_else(|| opened.strip_suffix('）'))
                .ok_or_else(unknown)?;
            Some(closed.to_string())
        } else {
            ["/箱", "箱", "装", "/盒", "盒"]
                .iter()
                .find_map(|suffix| lower.strip_suffix(suffix))
                .map(str::to_string)
        };
        let inner = inner.ok_or_else(unknown)?;
        let inner = inner.trim();
        let split = inner
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .ok_or_else(unknown)?;
        let (number, unit) = inner.split_at(split);
        let size = crate::number::parse(number).ok_or_else(unknown)?;
        let of = BaseUnit::from_alias(unit).ok_or_else(unknown)?;
        Unit::boxed(size, of)
    }

    /// Converts `amount` of `self` into `to`, exactly, or says why it cannot.
    pub fn convert(&self, amount: Decimal, to: &Unit) -> Result<Decimal, UnitError> {
        if self.dimension() != to.dimension() {
            return Err(UnitError::Incompatible {
                from: *self,
                to: *to,
            });
        }
        let smallest = amount
            .checked_mul(self.factor())
            .ok_or(UnitError::Overflow)?;
        let result = smallest
            .checked_div(to.factor())
            .ok_or(UnitError::Overflow)?;
        // Division may have been cut at 28 digits: only an exact round trip counts.
        if result.checked_mul(to.factor()) != Some(smallest) {
            return Err(UnitError::Inexact {
                amount,
                from: *self,
                to: *to,
            });
        }
        Ok(result.normalize())
    }

    /// Whether quantities of `self` can be expressed in `to`.
    pub fn converts_to(&self, to: &Unit) -> bool {
        self.dimension() == to.dimension()
    }
}

#[cfg(test)]
mod label_tests {
    use super::*;

    #[test]
    fn labels_read_as_people_say_them() {
        let five_jin = Unit::parse("box:5:jin").unwrap_or(Unit::JIN);
        assert_eq!(five_jin.label(true), "箱(5斤)");
        assert_eq!(five_jin.label(false), "box of 5 jin");
        assert_eq!(Unit::BOTTLE.label(true), "瓶");
        assert_eq!(Unit::KG.label(false), "kg");
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

impl FromStr for Unit {
    type Err = UnitError;
    fn from_str(s: &str) -> Result<Unit, UnitError> {
        Unit::parse(s)
    }
}

impl Serialize for Unit {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for Unit {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Unit, D::Error> {
        let text = String::deserialize(deserializer)?;
        Unit::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// Why a decimal has no exact number of thousandths in an `i64`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thousandths {
    Inexact,
    Overflow,
}

/// `value` × 1000, exactly, checked: the arithmetic under every conversion of a quantity to the
/// thousandths it is stored in ([`Quantity::to_milli`], [`crate::validate::milli`]).
pub fn thousandths(value: Decimal) -> Result<i64, Thousandths> {
    let milli = value
        .checked_mul(Decimal::from(1000))
        .ok_or(Thousandths::Overflow)?;
    if !milli.fract().is_zero() {
        return Err(Thousandths::Inexact);
    }
    i64::try_from(milli.trunc()).map_err(|_| Thousandths::Overflow)
}

/// An exact amount of a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub amount: Decimal,
    pub unit: Unit,
}

impl Quantity {
    pub fn new(amount: Decimal, unit: Unit) -> Quantity {
        Quantity { amount, unit }
    }

    /// The same quantity in another unit, exactly.
    pub fn to(&self, unit: Unit) -> Result<Quantity, UnitError> {
        Ok(Quantity {
            amount: self.unit.convert(self.amount, &unit)?,
            unit,
        })
    }

    /// The amount in thousandths of its unit, as stored in the database. Quantities are kept to
    /// at most three decimal places of their unit (a gram of a kilogram, half a gram of a jin).
    pub fn to_milli(&self) -> Result<i64, UnitError> {
        thousandths(self.amount).map_err(|e| match e {
            Thousandths::Inexact => UnitError::Inexact {
                amount: self.amount,
                from: self.unit,
                to: self.unit,
            },
            Thousandths::Overflow => UnitError::Overflow,
        })
    }

    pub fn from_milli(milli: i64, unit: Unit) -> Quantity {
        Quantity {
            amount: Decimal::new(milli, 3).normalize(),
            unit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn a_jin_is_exactly_half_a_kilogram() {
        assert_eq!(Unit::JIN.convert(d("1"), &Unit::KG), Ok(d("0.5")));
        assert_eq!(Unit::KG.convert(d("2.5"), &Unit::JIN), Ok(d("5")));
        assert_eq!(Unit::JIN.convert(d("3.3"), &Unit::G), Ok(d("1650")));
        assert_eq!(Unit::G.convert(d("1"), &Unit::JIN), Ok(d("0.002")));
    }

    #[test]
    fn boxes_convert_to_their_contents() {
        let box5 = Unit::parse("箱(5斤)").unwrap_or(Unit::JIN);
        assert_eq!(box5.code(), "box:5:jin");
        assert_eq!(box5.convert(d("3"), &Unit::JIN), Ok(d("15")));
        assert_eq!(box5.convert(d("1"), &Unit::KG), Ok(d("2.5")));
        assert_eq!(Unit::JIN.convert(d("10"), &box5), Ok(d("2")));
        let box3 = Unit::parse("box:3:jin").unwrap_or(Unit::JIN);
        assert!(matches!(
            Unit::JIN.convert(d("1"), &box3),
            Err(UnitError::Inexact { .. })
        ));
    }

    #[test]
    fn counts_and_weights_do_not_mix() {
        assert!(matches!(
            Unit::BOTTLE.convert(d("1"), &Unit::KG),
            Err(UnitError::Incompatible { .. })
        ));
        assert!(matches!(
            Unit::PIECE.convert(d("1"), &Unit::BOTTLE),
            Err(UnitError::Incompatible { .. })
        ));
        let box12 = Unit::parse("12瓶/箱").unwrap_or(Unit::JIN);
        assert_eq!(box12.convert(d("2"), &Unit::BOTTLE), Ok(d("24")));
    }

    #[test]
    fn parses_what_people_type() {
        let cases = [
            ("斤", "jin"),
            (" jin ", "jin"),
            ("公斤", "kg"),
            ("千克", "kg"),
            ("KG", "kg"),
            ("克", "g"),
            ("个", "piece"),
            ("块", "piece"),
            ("瓶", "bottle"),
            ("箱(5斤)", "box:5:jin"),
            ("箱（10斤）", "box:10:jin"),
            ("5斤箱", "box:5:jin"),
            ("5斤装", "box:5:jin"),
            ("2.5kg/箱", "box:2.5:kg"),
            ("box of 12 bottle", "box:12:bottle"),
            ("box(5 jin)", "box:5:jin"),
            ("box:5.0:jin", "box:5:jin"),
        ];
        for (text, code) in cases {
            assert_eq!(
                Unit::parse(text).map(|u| u.code()),
                Ok(code.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn refuses_unknown_and_impossible_units() {
        for text in [
            "筐",
            "",
            "box",
            "箱()",
            "箱(0斤)",
            "box:-1:jin",
            "箱(斤)",
            "5筐箱",
        ] {
            assert!(Unit::parse(text).is_err(), "{text:?} should be refused");
        }
        assert!(matches!(
            Unit::parse("箱(1.5个)"),
            Err(UnitError::FractionalCount(_))
        ));
    }

    #[test]
    fn quantities_store_as_thousandths() {
        let q = Quantity::new(d("2.345"), Unit::JIN);
        assert_eq!(q.to_milli(), Ok(2345));
        assert_eq!(Quantity::from_milli(2345, Unit::JIN), q);
        assert!(Quantity::new(d("0.0001"), Unit::KG).to_milli().is_err());
    }

    fn mass_unit() -> impl Strategy<Value = Unit> {
        prop_oneof![
            Just(Unit::JIN),
            Just(Unit::KG),
            Just(Unit::G),
            (1u32..=50).prop_map(|n| Unit::Box {
                size: Decimal::from(n),
                of: BaseUnit::Jin
            }),
        ]
    }

    proptest! {
        #[test]
        fn mass_conversions_round_trip_exactly(milli in 0i64..1_000_000_000, from in mass_unit(), to in mass_unit()) {
            let amount = Decimal::new(milli, 3);
            if let Ok(converted) = from.convert(amount, &to) {
                prop_assert_eq!(to.convert(converted, &from), Ok(amount.normalize()));
            } else {
                // only a box target can be inexact
                let target_is_box = matches!(to, Unit::Box { .. });
                prop_assert!(target_is_box);
            }
        }

        #[test]
        fn jin_kg_g_always_convert(milli in -1_000_000_000i64..1_000_000_000) {
            let amount = Decimal::new(milli, 3);
            for from in [Unit::JIN, Unit::KG, Unit::G] {
                for to in [Unit::JIN, Unit::KG, Unit::G] {
                    let converted = from.convert(amount, &to);
                    prop_assert!(converted.is_ok());
                }
            }
            prop_assert_eq!(Unit::JIN.convert(amount, &Unit::G), Ok((amount * Decimal::from(500)).normalize()));
        }

        #[test]
        fn codes_parse_back(n in 1u32..1000, base in proptest::sample::select(BaseUnit::ALL.to_vec())) {
            for unit in [Unit::Base(base), Unit::Box { size: Decimal::from(n), of: base }] {
                prop_assert_eq!(Unit::parse(&unit.code()), Ok(unit));
            }
        }
    }
}
