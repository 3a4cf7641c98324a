//! Plain inputs and outputs of the use cases, as they cross the IPC and CLI boundaries.
//!
//! Inputs carry what the user typed, as text, so that the use case can name the wrong field.
//! Outputs carry money and decimals as strings ("12.50") and instants as RFC 3339 UTC.
//! `ui/src/bindings.ts` is generated from these types (see `tests/bindings.rs`).

use chrono::SecondsFormat;
use farmstall_domain::{text, Farmer, Product, ShopProfile};
use farmstall_store::shop::StoredShop;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) fn instant(t: chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// What the UI needs to know at start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AppStatus {
    pub version: String,
    pub db_path: String,
    #[ts(type = "Language")]
    pub language: String,
    pub has_shop: bool,
    /// The shop is the demo (loaded by `load_demo`): the owner may clear it to start their own.
    pub is_demo: bool,
    /// Why the database could not be opened (English); when set, nothing else works.
    pub open_error: Option<String>,
    /// The same as a code for the UI to explain in the user's language.
    #[ts(
        type = "\"not_farmstall\" | \"corrupt\" | \"newer_version\" | \"unknown_migration\" | \"cannot_open\" | \"backup_failed\" | \"busy\" | \"read_only\" | \"no_shop\" | \"migration_failed\" | \"other\" | null"
    )]
    pub open_error_kind: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Address {
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ShopProfileInput {
    pub shop_name: String,
    pub owner_name: String,
    pub sender_name: String,
    pub phone: String,
    pub address: Address,
    #[ts(type = "Courier | null")]
    pub default_courier: Option<String>,
    #[ts(type = "Language")]
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "ShopProfile")]
pub struct ShopProfileDto {
    pub shop_name: String,
    pub owner_name: String,
    pub sender_name: String,
    pub phone: String,
    pub address: Address,
    #[ts(type = "Courier | null")]
    pub default_courier: Option<String>,
    #[ts(type = "Language")]
    pub language: String,
    pub updated_at: String,
}

impl From<&ShopProfile> for ShopProfileInput {
    fn from(p: &ShopProfile) -> ShopProfileInput {
        ShopProfileInput {
            shop_name: p.shop_name.clone(),
            owner_name: p.owner_name.clone(),
            sender_name: p.sender_name.clone(),
            phone: p.phone.clone(),
            address: Address {
                province: p.address.province.clone(),
                city: p.address.city.clone(),
                district: p.address.district.clone(),
                street: p.address.street.clone(),
            },
            default_courier: p.default_courier.map(|c| c.code().to_string()),
            language: p.language.code().to_string(),
        }
    }
}

impl From<ShopProfileDto> for ShopProfileInput {
    /// The stored profile as a form to edit.
    fn from(p: ShopProfileDto) -> ShopProfileInput {
        ShopProfileInput {
            shop_name: p.shop_name,
            owner_name: p.owner_name,
            sender_name: p.sender_name,
            phone: p.phone,
            address: p.address,
            default_courier: p.default_courier,
            language: p.language,
        }
    }
}

impl From<&StoredShop> for ShopProfileDto {
    fn from(s: &StoredShop) -> ShopProfileDto {
        let p = ShopProfileInput::from(&s.profile);
        ShopProfileDto {
            shop_name: p.shop_name,
            owner_name: p.owner_name,
            sender_name: p.sender_name,
            phone: p.phone,
            address: p.address,
            default_courier: p.default_courier,
            language: p.language,
            updated_at: instant(s.updated_at),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DemoSummary {
    pub farmers: u32,
    pub products: u32,
}

/// The row id a list query's `after` names, if any: a field error naming `after` for anything
/// else.
pub(crate) fn after_id(
    after: Option<&String>,
) -> std::result::Result<Option<farmstall_domain::Id>, farmstall_domain::FieldError> {
    match after.map(|a| a.trim()) {
        None | Some("") => Ok(None),
        Some(id) => farmstall_domain::Id::parse(id).map(Some).map_err(|_| {
            farmstall_domain::FieldError::new(
                "after",
                farmstall_domain::Rule::NotANumber,
                format!("after: {id:?} is not a record id; start again from the first page"),
            )
        }),
    }
}

/// A list request: filtering and paging happen in the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ListQuery {
    pub search: String,
    pub include_archived: bool,
    pub limit: u32,
    pub offset: u32,
    /// Products only: `goods`, `ingredient` or `packaging`; empty for every kind.
    #[ts(type = "ProductKind | \"\"")]
    pub kind: String,
    /// The id of the last row of the page before, to start after it: keyset paging, as quick
    /// deep in a long list as at its top. Absent or empty: start at `offset`. Lists that page
    /// this way answer with `next`.
    #[ts(optional)]
    pub after: Option<String>,
}

impl Default for ListQuery {
    fn default() -> ListQuery {
        ListQuery {
            search: String::new(),
            include_archived: false,
            limit: 50,
            offset: 0,
            kind: String::new(),
            after: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct FarmerInput {
    pub name: String,
    pub village: String,
    pub phone: String,
    pub payment_notes: String,
    pub remarks: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Farmer")]
pub struct FarmerDto {
    pub id: String,
    pub name: String,
    pub village: String,
    pub phone: String,
    pub payment_notes: String,
    pub remarks: String,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    /// What a picker's typing is matched against besides the name: full pinyin and initials
    /// ("wangdegui wdg"), from `farmstall_domain::text::search_key`.
    pub search_key: String,
}

impl From<&Farmer> for FarmerDto {
    fn from(f: &Farmer) -> FarmerDto {
        FarmerDto {
            id: f.id.to_string(),
            name: f.details.name.clone(),
            village: f.details.village.clone(),
            phone: f.details.phone.clone(),
            payment_notes: f.details.payment_notes.clone(),
            remarks: f.details.remarks.clone(),
            archived: f.archived_at.is_some(),
            created_at: instant(f.created_at),
            updated_at: instant(f.updated_at),
            search_key: text::search_key(&f.details.name),
        }
    }
}

impl From<&FarmerDto> for FarmerInput {
    /// The stored farmer as a form to edit.
    fn from(f: &FarmerDto) -> FarmerInput {
        FarmerInput {
            name: f.name.clone(),
            village: f.village.clone(),
            phone: f.phone.clone(),
            payment_notes: f.payment_notes.clone(),
            remarks: f.remarks.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FarmerPage {
    pub items: Vec<FarmerDto>,
    pub total: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct ProductInput {
    pub name_zh: String,
    pub name_en: String,
    /// A unit code or what the user typed (斤, 箱(5斤), box of 5 jin).
    pub sale_unit: String,
    pub stock_unit: String,
    pub perishable: bool,
    /// Whole days; required when perishable, ignored otherwise.
    pub shelf_life_days: String,
    /// Yuan per sale unit, at most 2 decimals.
    pub price: String,
    /// Shipping weight of one sale unit in kg, at most 3 decimals; may be empty.
    pub weight_kg: String,
    /// `goods` (default when empty), `ingredient` or `packaging`.
    #[ts(type = "ProductKind | \"\"")]
    pub kind: String,
    /// Warn when available stock falls to this many stock units (≥ 0, at most 3 decimals); may be empty.
    pub reorder_point: String,
    /// The code on the product's label (letters, digits, dashes; up to 32); may be empty.
    pub barcode: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Product")]
pub struct ProductDto {
    pub id: String,
    pub name_zh: String,
    pub name_en: Option<String>,
    pub sale_unit: String,
    pub stock_unit: String,
    pub perishable: bool,
    pub shelf_life_days: Option<u32>,
    pub price: String,
    pub weight_kg: Option<String>,
    #[ts(type = "ProductKind")]
    pub kind: String,
    /// In stock units; `null` when the shop set none.
    pub reorder_point: Option<String>,
    pub barcode: Option<String>,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
    /// What a picker's typing is matched against besides the names: the Chinese name's full pinyin
    /// and initials ("mihoutao mht"), then the English name lowercased when there is one.
    pub search_key: String,
}

/// A product's search key: the pinyin key of its Chinese name and, after it, its English name.
pub fn product_search_key(name_zh: &str, name_en: Option<&str>) -> String {
    let key = text::search_key(name_zh);
    match name_en.map(str::trim).filter(|n| !n.is_empty()) {
        Some(en) => format!("{key} {}", en.to_lowercase()),
        None => key,
    }
}

impl From<&Product> for ProductDto {
    fn from(p: &Product) -> ProductDto {
        let d = &p.details;
        ProductDto {
            id: p.id.to_string(),
            name_zh: d.name_zh.clone(),
            name_en: d.name_en.clone(),
            sale_unit: d.sale_unit.code(),
            stock_unit: d.stock_unit.code(),
            perishable: d.perishable(),
            shelf_life_days: d.shelf_life_days,
            price: d.price.to_string(),
            weight_kg: d
                .weight_grams
                .map(|g| Decimal::new(g, 3).normalize().to_string()),
            kind: d.kind.code().to_string(),
            reorder_point: d
                .reorder_point_milli
                .map(|m| Decimal::new(m, 3).normalize().to_string()),
            barcode: d.barcode.clone(),
            archived: p.archived_at.is_some(),
            created_at: instant(p.created_at),
            updated_at: instant(p.updated_at),
            search_key: product_search_key(&d.name_zh, d.name_en.as_deref()),
        }
    }
}

impl From<ProductDto> for ProductInput {
    /// The stored product as a form to edit.
    fn from(dto: ProductDto) -> ProductInput {
        ProductInput {
            name_zh: dto.name_zh,
            name_en: dto.name_en.unwrap_or_default(),
            sale_unit: dto.sale_unit,
            stock_unit: dto.stock_unit,
            perishable: dto.perishable,
            shelf_life_days: dto
                .shelf_life_days
                .map(|d| d.to_string())
                .unwrap_or_default(),
            price: dto.price,
            weight_kg: dto.weight_kg.unwrap_or_default(),
            kind: dto.kind,
            reorder_point: dto.reorder_point.unwrap_or_default(),
            barcode: dto.barcode.unwrap_or_default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ProductPage {
    pub items: Vec<ProductDto>,
    pub total: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use farmstall_domain::{FarmerDetails, Id, Money, ProductDetails, ProductKind, Unit};

    #[test]
    fn pickers_find_products_and_farmers_by_pinyin_and_initials() {
        let now = Utc::now();
        let product = Product {
            id: Id::generate(),
            details: ProductDetails {
                name_zh: "猕猴桃".into(),
                name_en: Some("Kiwi Fruit".into()),
                sale_unit: Unit::JIN,
                stock_unit: Unit::JIN,
                shelf_life_days: Some(20),
                price: Money::from_fen(1280),
                weight_grams: None,
                kind: ProductKind::Goods,
                reorder_point_milli: None,
                barcode: None,
            },
            archived_at: None,
            created_at: now,
            updated_at: now,
        };
        let dto = ProductDto::from(&product);
        assert_eq!(dto.search_key, "mihoutao mht kiwi fruit");
        let without_english = product_search_key("猕猴桃", Some("  "));
        assert_eq!(without_english, "mihoutao mht");

        let farmer = Farmer {
            id: Id::generate(),
            details: FarmerDetails {
                name: "王德贵".into(),
                ..FarmerDetails::default()
            },
            archived_at: None,
            created_at: now,
            updated_at: now,
        };
        assert_eq!(FarmerDto::from(&farmer).search_key, "wangdegui wdg");
    }
}
