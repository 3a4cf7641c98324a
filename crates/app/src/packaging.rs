//! Use cases: packaging rules and the packaging suggested when packing an order.
//!
//! A rule says what a parcel of up to so many of a product takes ("kiwis, up to 2 boxes: one
//! large carton, two foam nets, two ice packs"). For each goods line of an order the rule of that
//! product with the smallest size that holds the line is taken; a product without rules of its
//! own takes the "any goods" rules; a line larger than every rule takes the largest rule as many
//! times as needed. Perishable goods get their ice packs from their own rules.

use farmstall_domain::validate::{optional_text, positive_quantity, LONG_TEXT};
use farmstall_domain::Product;
use farmstall_domain::{Checker, FieldError, Id, Language, ProductKind, Quantity, Rule};
use farmstall_store::orders;
use farmstall_store::packaging::{self, RuleDetails, RuleRow};
use farmstall_store::products;
use farmstall_store::rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::production::InputLine;
use crate::stock::{lookup, lookup_required, milli_text};
use crate::{App, AppError, Result};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct PackagingRuleInput {
    /// "" = new.
    pub id: String,
    /// A goods product; "" = any goods without rules of their own.
    pub product_id: String,
    /// Sale units: the rule is for a parcel of up to this many.
    pub up_to: String,
    /// Packaging products in their stock unit, per parcel.
    pub packaging: Vec<InputLine>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackagingItem {
    pub product_id: String,
    pub product_name: String,
    pub stock_unit: String,
    pub quantity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackagingRule {
    pub id: String,
    pub product_id: String,
    /// "" for any goods.
    pub product_name: String,
    pub up_to: String,
    pub packaging: Vec<PackagingItem>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackagingSuggestion {
    /// Packaging products in their stock unit, for the whole order.
    pub packaging: Vec<InputLine>,
    /// One line per goods line: which rule, in the shop's language.
    pub reasons: Vec<String>,
    /// Goods with no rule at all.
    pub unmatched: Vec<String>,
    /// The parcel's weight from the products' shipping weights, kg; "" when one is unknown.
    pub weight_kg: String,
}

fn name_in(p: &Product, language: Language) -> String {
    match (language, &p.details.name_en) {
        (Language::En, Some(en)) if !en.is_empty() => en.clone(),
        _ => p.details.name_zh.clone(),
    }
}

fn rule_dto(conn: &Connection, rule: RuleRow, language: Language) -> Result<PackagingRule> {
    let product_name = match rule.details.product {
        Some(id) => name_in(&products::get(conn, id)?, language),
        None => String::new(),
    };
    let mut packaging = Vec::with_capacity(rule.details.items.len());
    for (id, milli) in &rule.details.items {
        let p = products::get(conn, *id)?;
        packaging.push(PackagingItem {
            product_id: id.to_string(),
            product_name: name_in(&p, language),
            stock_unit: p.details.stock_unit.label(language == Language::ZhCn),
            quantity: milli_text(*milli),
        });
    }
    Ok(PackagingRule {
        id: rule.id.to_string(),
        product_id: rule
            .details
            .product
            .map_or_else(String::new, |p| p.to_string()),
        product_name,
        up_to: milli_text(rule.details.up_to_milli),
        packaging,
        note: rule.details.note,
    })
}

fn check_rule(conn: &Connection, input: &PackagingRuleInput) -> Result<RuleDetails> {
    let mut c = Checker::new();
    let product = if input.product_id.trim().is_empty() {
        None
    } else {
        let found = lookup(
            conn,
            &mut c,
            "productId",
            "product",
            input.product_id.trim(),
            products::get,
            |p| p.archived_at.is_none(),
        )?;
        if let Some(p) = &found {
            if p.details.kind != ProductKind::Goods {
                c.check::<()>(Err(FieldError::new(
                    "productId",
                    Rule::NotAllowed,
                    format!(
                        "productId: {} is not sold; a rule is for goods that are packed",
                        p.details.name_zh
                    ),
                )));
            }
        }
        found
    };
    let up_to = c
        .check(positive_quantity("upTo", &input.up_to))
        .and_then(|q| {
            c.check(farmstall_domain::validate::milli(
                "upTo",
                q,
                farmstall_domain::validate::MAX_QUANTITY,
            ))
        });
    if input.packaging.is_empty() {
        c.check::<()>(Err(FieldError::new(
            "packaging",
            Rule::Required,
            "packaging: add at least one box, net or ice pack",
        )));
    }
    let mut items = Vec::new();
    for (i, line) in input.packaging.iter().enumerate() {
        let f = |name: &str| format!("packaging.{i}.{name}");
        let found = lookup_required(
            conn,
            &mut c,
            &f("productId"),
            "product",
            &line.product_id,
            products::get,
            |p| p.archived_at.is_none(),
        )?;
        if let Some(p) = &found {
            if p.details.kind != ProductKind::Packaging {
                c.check::<()>(Err(FieldError::new(
                    &f("productId"),
                    Rule::NotAllowed,
                    format!(
                        "{}: {} is not packaging; mark it as packaging in Products first",
                        f("productId"),
                        p.details.name_zh
                    ),
                )));
            }
        }
        let quantity = c.check(positive_quantity(&f("quantity"), &line.quantity));
        if let (Some(p), Some(q)) = (found, quantity) {
            match Quantity::new(q, p.details.stock_unit).to_milli() {
                Ok(milli) => items.push((p.id, milli)),
                Err(_) => {
                    c.check::<()>(Err(FieldError::new(
                        &f("quantity"),
                        Rule::TooManyDecimals,
                        format!("{} has at most 3 decimal places", f("quantity")),
                    )
                    .with("max", "3")));
                }
            }
        }
    }
    let note = c.check(optional_text("note", &input.note, LONG_TEXT));
    c.finish()?;
    let (Some(up_to_milli), Some(note)) = (up_to, note) else {
        return Err(AppError::Conflict("the rule could not be checked".into()));
    };
    Ok(RuleDetails {
        product: product.map(|p| p.id),
        up_to_milli,
        note,
        items,
    })
}

/// The rule for `milli` of a product among `rules` (sorted by size) and how many times it applies.
fn pick(rules: &[&RuleRow], milli: i64) -> Option<(RuleRow, i64)> {
    if let Some(fits) = rules.iter().find(|r| r.details.up_to_milli >= milli) {
        return Some(((*fits).clone(), 1));
    }
    let largest = rules.last()?;
    let size = largest.details.up_to_milli;
    Some(((*largest).clone(), (milli + size - 1) / size))
}

/// One product of an order, all its lines together: packed as one parcel.
struct Parcel {
    product: Id,
    name: String,
    /// In words, in the app's language.
    sale_unit: String,
    milli: i64,
}

/// A packaging item the suggestion adds up, in thousandths of its stock unit.
struct Item {
    product: Id,
    milli: i64,
}

pub(crate) fn suggest_in(conn: &Connection, order: Id) -> Result<PackagingSuggestion> {
    let language = farmstall_store::shop::language(conn)?;
    let zh = language == Language::ZhCn;
    let order = orders::get_order(conn, order)?;
    let mut rules = packaging::list(conn)?;
    rules.sort_by_key(|r| r.details.up_to_milli);
    // One parcel per product: the same product on two lines is packed together.
    let mut goods: Vec<Parcel> = Vec::new();
    for line in &order.lines {
        match goods.iter_mut().find(|g| g.product == line.product) {
            Some(g) => g.milli += line.quantity_milli,
            None => goods.push(Parcel {
                product: line.product,
                name: line.product_name.clone(),
                sale_unit: farmstall_domain::Unit::parse(&line.sale_unit)
                    .map_or_else(|_| line.sale_unit.clone(), |u| u.label(zh)),
                milli: line.quantity_milli,
            }),
        }
    }
    let mut totals: Vec<Item> = Vec::new();
    let (mut reasons, mut unmatched) = (Vec::new(), Vec::new());
    let mut weight_grams = Some(0_i64);
    for Parcel {
        product,
        name,
        sale_unit,
        milli,
    } in goods
    {
        let p = products::get(conn, product)?;
        // No weight when one is unknown, or too large to add up (then it is typed at packing).
        weight_grams = match (weight_grams, p.details.weight_grams) {
            (Some(sum), Some(each)) => each
                .checked_mul(milli)
                .and_then(|grams| sum.checked_add(grams / 1000)),
            _ => None,
        };
        let own: Vec<&RuleRow> = rules
            .iter()
            .filter(|r| r.details.product == Some(product))
            .collect();
        let any: Vec<&RuleRow> = rules
            .iter()
            .filter(|r| r.details.product.is_none())
            .collect();
        let Some((rule, times)) = pick(if own.is_empty() { &any } else { &own }, milli) else {
            unmatched.push(name);
            continue;
        };
        for (item, each) in &rule.details.items {
            let milli = each.saturating_mul(times);
            match totals.iter_mut().find(|t| t.product == *item) {
                Some(t) => t.milli = t.milli.saturating_add(milli),
                None => totals.push(Item {
                    product: *item,
                    milli,
                }),
            }
        }
        let quantity = milli_text(milli);
        let up_to = milli_text(rule.details.up_to_milli);
        let whose = if own.is_empty() {
            if zh {
                "通用规则"
            } else {
                "rule for any goods"
            }
        } else if zh {
            "规则"
        } else {
            "rule"
        };
        let mut reason = if zh {
            format!("{name} ×{quantity} {sale_unit} → {whose}「至多 {up_to} {sale_unit}」")
        } else {
            format!("{name} ×{quantity} {sale_unit} → {whose} \"up to {up_to} {sale_unit}\"")
        };
        if times > 1 {
            reason.push_str(&if zh {
                format!(" ×{times} 份")
            } else {
                format!(" ×{times} parcels")
            });
        }
        if !rule.details.note.is_empty() {
            reason.push_str(&format!(" ({})", rule.details.note));
        }
        reasons.push(reason);
    }
    Ok(PackagingSuggestion {
        packaging: totals
            .into_iter()
            .map(|t| InputLine {
                product_id: t.product.to_string(),
                quantity: milli_text(t.milli),
            })
            .collect(),
        reasons,
        unmatched,
        weight_kg: weight_grams
            .filter(|g| *g > 0)
            .map_or_else(String::new, milli_text),
    })
}

impl App {
    pub fn list_packaging_rules(&mut self) -> Result<Vec<PackagingRule>> {
        self.store.read(|tx| {
            let language = farmstall_store::shop::language(tx)?;
            packaging::list(tx)?
                .into_iter()
                .map(|r| rule_dto(tx, r, language))
                .collect()
        })
    }

    /// Adds a rule (`id` empty) or replaces one.
    pub fn save_packaging_rule(&mut self, input: &PackagingRuleInput) -> Result<PackagingRule> {
        let (now, origin) = (self.clock.now(), self.origin);
        let existing = match input.id.trim() {
            "" => None,
            id => Some(parse_id(id)?),
        };
        self.store.write(|tx| {
            let details = check_rule(tx, input)?;
            let id = match existing {
                Some(id) => {
                    packaging::update(tx, id, &details, now, origin)?;
                    id
                }
                None => packaging::insert(tx, &details, now, origin)?,
            };
            let language = farmstall_store::shop::language(tx)?;
            rule_dto(tx, packaging::get(tx, id)?, language)
        })
    }

    pub fn delete_packaging_rule(&mut self, id: &str) -> Result<()> {
        let id = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store
            .write(|tx| Ok(packaging::archive(tx, id, now, origin)?))
    }

    /// The packaging the rules suggest for an order; writes nothing.
    pub fn suggest_packaging(&mut self, order_id: &str) -> Result<PackagingSuggestion> {
        let id = parse_id(order_id)?;
        self.store.read(|tx| suggest_in(tx, id))
    }
}
