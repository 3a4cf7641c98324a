//! Use cases: products.

use farmstall_domain::product::MAX_SHELF_LIFE_DAYS;
use farmstall_domain::validate::{
    milli, money_not_negative, optional_positive_decimal, optional_text, positive_whole,
    required_text, unit, MAX_QUANTITY, SHORT_TEXT,
};
use farmstall_domain::{Checker, FieldError, ProductDetails, ProductKind, Rule};
use farmstall_store::products;

use crate::dto::{ListQuery, ProductDto, ProductInput, ProductPage};
use crate::farmers::parse_id;
use crate::{App, AppError, Result};

/// Checks a product as typed: every wrong field is reported in form order; the rules between
/// fields (units that convert, shelf life range) are checked once every field reads.
pub(crate) fn validate(input: &ProductInput) -> Result<ProductDetails, Vec<FieldError>> {
    let mut c = Checker::new();
    let name_zh = c.check(required_text("nameZh", &input.name_zh, SHORT_TEXT));
    let name_en = c.check(optional_text("nameEn", &input.name_en, SHORT_TEXT));
    let sale_unit = c.check(unit("saleUnit", &input.sale_unit));
    let stock_unit = c.check(unit("stockUnit", &input.stock_unit));
    let price = c.check(money_not_negative("price", &input.price));
    let weight_grams = c.check(weight_grams(&input.weight_kg));
    let kind = c.check(kind(&input.kind));
    let reorder_point_milli = c.check(reorder_point(&input.reorder_point));
    let barcode = c.check(barcode(&input.barcode));
    let shelf_life_days = if input.perishable {
        c.check(shelf_life(&input.shelf_life_days)).map(Some)
    } else {
        Some(None)
    };
    let (
        Some(name_zh),
        Some(name_en),
        Some(sale_unit),
        Some(stock_unit),
        Some(price),
        Some(weight_grams),
        Some(shelf_life_days),
        Some(kind),
        Some(reorder_point_milli),
        Some(barcode),
    ) = (
        name_zh,
        name_en,
        sale_unit,
        stock_unit,
        price,
        weight_grams,
        shelf_life_days,
        kind,
        reorder_point_milli,
        barcode,
    )
    else {
        return Err(c.finish().err().unwrap_or_default());
    };
    ProductDetails {
        name_zh,
        name_en: (!name_en.is_empty()).then_some(name_en),
        sale_unit,
        stock_unit,
        shelf_life_days,
        price,
        weight_grams,
        kind,
        reorder_point_milli,
        barcode,
    }
    .check()
    .map_err(|e| vec![e])
}

/// A barcode as printed: letters, digits and dashes, up to 32; spaces a scanner or a person put
/// in are dropped. Empty for none.
fn barcode(text: &str) -> Result<Option<String>, FieldError> {
    let code: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if code.is_empty() {
        return Ok(None);
    }
    if code.len() > 32 || !code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(FieldError::new(
            "barcode",
            Rule::BadBarcode,
            "barcode: letters, digits and dashes only, at most 32 (as printed under the bars)",
        ));
    }
    Ok(Some(code))
}

fn barcode_taken(
    tx: &farmstall_store::rusqlite::Connection,
    details: &ProductDetails,
    except: Option<farmstall_domain::Id>,
) -> Result<()> {
    let Some(code) = &details.barcode else {
        return Ok(());
    };
    if let Some(other) = products::find_by_barcode(tx, code, except)? {
        return Err(AppError::from(
            FieldError::new(
                "barcode",
                Rule::Duplicate,
                format!(
                    "barcode {code} is already on {}: each product needs its own code",
                    other.details.name_zh
                ),
            )
            .with("product", other.details.name_zh.clone()),
        ));
    }
    Ok(())
}

fn kind(code: &str) -> Result<ProductKind, FieldError> {
    match code.trim() {
        "" => Ok(ProductKind::Goods),
        code => ProductKind::parse(code).ok_or_else(|| {
            FieldError::new(
                "kind",
                Rule::UnknownKind,
                "kind must be goods, ingredient or packaging",
            )
        }),
    }
}

/// A reorder point in stock units: empty for none, otherwise zero or more with at most 3 decimals.
fn reorder_point(text: &str) -> Result<Option<i64>, FieldError> {
    if text.trim() == "0" {
        return Ok(Some(0));
    }
    optional_positive_decimal("reorderPoint", text, 3)?
        .map(|q| milli("reorderPoint", q, MAX_QUANTITY))
        .transpose()
}

fn shelf_life(text: &str) -> Result<u32, FieldError> {
    if text.trim().is_empty() {
        return Err(FieldError::new(
            "shelfLifeDays",
            Rule::ShelfLifeRequired,
            "shelfLifeDays: a perishable product needs its shelf life in days",
        ));
    }
    positive_whole("shelfLifeDays", text, MAX_SHELF_LIFE_DAYS)
}

fn weight_grams(kg_text: &str) -> Result<Option<i64>, FieldError> {
    optional_positive_decimal("weightKg", kg_text, 3)?
        .map(|kg| milli("weightKg", kg, MAX_QUANTITY))
        .transpose()
}

fn duplicate(name: &str) -> AppError {
    AppError::from(FieldError::new(
        "nameZh",
        Rule::Duplicate,
        format!(
            "a product named {name} already exists: edit that one, or give this one another name"
        ),
    ))
}

impl App {
    pub fn list_products(&mut self, query: &ListQuery) -> Result<ProductPage> {
        let filter = App::filter(query);
        self.store.read(|tx| {
            let page = products::list(tx, &filter)?;
            Ok(ProductPage {
                items: page.items.iter().map(ProductDto::from).collect(),
                total: u32::try_from(page.total).unwrap_or(u32::MAX),
            })
        })
    }

    pub fn get_product(&mut self, id: &str) -> Result<ProductDto> {
        let id = parse_id(id)?;
        self.store
            .read(|tx| Ok(ProductDto::from(&products::get(tx, id)?)))
    }

    pub fn create_product(&mut self, input: &ProductInput) -> Result<ProductDto> {
        let details = validate(input)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            if products::find_active_namesake(tx, &details.name_zh, None)?.is_some() {
                return Err(duplicate(&details.name_zh));
            }
            barcode_taken(tx, &details, None)?;
            Ok(ProductDto::from(&products::insert(
                tx, &details, now, origin,
            )?))
        })
    }

    pub fn update_product(&mut self, id: &str, input: &ProductInput) -> Result<ProductDto> {
        let id = parse_id(id)?;
        let details = validate(input)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            let current = products::get(tx, id)?;
            if current.archived_at.is_none()
                && products::find_active_namesake(tx, &details.name_zh, Some(id))?.is_some()
            {
                return Err(duplicate(&details.name_zh));
            }
            barcode_taken(tx, &details, Some(id))?;
            Ok(ProductDto::from(&products::update(
                tx, id, &details, now, origin,
            )?))
        })
    }

    /// Takes a product out of the pickers; its history stays.
    pub fn archive_product(&mut self, id: &str) -> Result<ProductDto> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            Ok(ProductDto::from(&products::set_archived(
                tx, id, true, now, origin,
            )?))
        })
    }

    /// Brings an archived product back, unless an active product took its name meanwhile.
    pub fn restore_product(&mut self, id: &str) -> Result<ProductDto> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            let current = products::get(tx, id)?;
            if current.archived_at.is_some()
                && products::find_active_namesake(tx, &current.details.name_zh, Some(id))?.is_some()
            {
                return Err(duplicate(&current.details.name_zh));
            }
            Ok(ProductDto::from(&products::set_archived(
                tx, id, false, now, origin,
            )?))
        })
    }
}
