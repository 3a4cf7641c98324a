//! Products the shop sells.

use chrono::{DateTime, Utc};

use crate::id::Id;
use crate::money::Money;
use crate::quantity::Unit;
use crate::validate::{FieldError, Rule};

/// Longest shelf life accepted, in days (ten years: pepper oil keeps, nothing keeps longer).
pub const MAX_SHELF_LIFE_DAYS: u32 = 3650;

/// What a product is to the shop. All kinds are bought, stocked and counted alike; the kind
/// decides which pickers offer it (packaging at packing, ingredients in recipes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ProductKind {
    /// Sold to customers (kiwis, tofu, pepper oil).
    #[default]
    Goods,
    /// Made into other products (soybeans, chillies, rapeseed oil).
    Ingredient,
    /// Consumed when packing orders (boxes, foam nets, ice packs, tape).
    Packaging,
}

impl ProductKind {
    pub const ALL: [ProductKind; 3] = [
        ProductKind::Goods,
        ProductKind::Ingredient,
        ProductKind::Packaging,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProductKind::Goods => "goods",
            ProductKind::Ingredient => "ingredient",
            ProductKind::Packaging => "packaging",
        }
    }

    pub fn parse(code: &str) -> Option<ProductKind> {
        ProductKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What a person records about a product, already checked against the product rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductDetails {
    pub name_zh: String,
    pub name_en: Option<String>,
    /// The unit a customer buys (a box of 5 jin).
    pub sale_unit: Unit,
    /// The unit stock is counted in (jin). A sale unit always converts into it.
    pub stock_unit: Unit,
    /// `Some(days)` for perishable products, `None` for those that keep.
    pub shelf_life_days: Option<u32>,
    /// Price of one sale unit.
    pub price: Money,
    /// Shipping weight of one sale unit in grams, packaging included, if known.
    pub weight_grams: Option<i64>,
    pub kind: ProductKind,
    /// Warn when available stock falls to this, in thousandths of the stock unit.
    pub reorder_point_milli: Option<i64>,
    /// The code on the product's label (EAN-13 or the shop's own), scanned when packing.
    pub barcode: Option<String>,
}

impl ProductDetails {
    /// Checks the rules that tie fields together; single fields are checked where they are parsed.
    pub fn check(self) -> Result<ProductDetails, FieldError> {
        if !self.sale_unit.converts_to(&self.stock_unit) {
            return Err(FieldError::new(
                "stockUnit",
                Rule::UnitsIncompatible,
                format!(
                    "stockUnit: a {} cannot be counted in {}; choose units that are both weights or both counts",
                    self.sale_unit, self.stock_unit
                ),
            ));
        }
        if let Some(days) = self.shelf_life_days {
            if days == 0 || days > MAX_SHELF_LIFE_DAYS {
                return Err(FieldError::new(
                    "shelfLifeDays",
                    Rule::MustBePositive,
                    format!("shelfLifeDays must be between 1 and {MAX_SHELF_LIFE_DAYS}"),
                ));
            }
        }
        if self.price.is_negative() {
            return Err(FieldError::new(
                "price",
                Rule::Negative,
                "price cannot be negative",
            ));
        }
        if matches!(self.reorder_point_milli, Some(m) if m < 0) {
            return Err(FieldError::new(
                "reorderPoint",
                Rule::Negative,
                "reorderPoint cannot be negative",
            ));
        }
        if matches!(self.weight_grams, Some(g) if g <= 0) {
            return Err(FieldError::new(
                "weightKg",
                Rule::MustBePositive,
                "weightKg must be more than zero",
            ));
        }
        Ok(self)
    }

    pub fn perishable(&self) -> bool {
        self.shelf_life_days.is_some()
    }
}

/// A stored product. Archived products leave the pickers but stay in history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: Id,
    pub details: ProductDetails,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kiwi() -> ProductDetails {
        ProductDetails {
            name_zh: "猕猴桃".into(),
            name_en: None,
            sale_unit: Unit::parse("箱(5斤)").unwrap_or(Unit::JIN),
            stock_unit: Unit::JIN,
            shelf_life_days: Some(20),
            price: Money::from_fen(3880),
            weight_grams: Some(2800),
            kind: ProductKind::Goods,
            reorder_point_milli: None,
            barcode: None,
        }
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for kind in ProductKind::ALL {
            assert_eq!(ProductKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(ProductKind::parse("box"), None);
    }

    #[test]
    fn a_box_of_jin_is_stocked_in_jin() {
        assert!(kiwi().check().is_ok());
    }

    #[test]
    fn bottles_cannot_be_stocked_by_weight() {
        let oil = ProductDetails {
            sale_unit: Unit::BOTTLE,
            ..kiwi()
        };
        assert_eq!(
            oil.check().map_err(|e| e.rule),
            Err(Rule::UnitsIncompatible)
        );
    }

    #[test]
    fn shelf_life_must_be_sensible() {
        for days in [0, MAX_SHELF_LIFE_DAYS + 1] {
            let p = ProductDetails {
                shelf_life_days: Some(days),
                ..kiwi()
            };
            assert_eq!(
                p.check().map_err(|e| e.field),
                Err("shelfLifeDays".to_string())
            );
        }
    }
}
