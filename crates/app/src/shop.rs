//! Use cases: the shop profile, the language, the start-up status.

use farmstall_domain::validate::{optional_text, phone, required_text, SHORT_TEXT};
use farmstall_domain::{Address, Checker, Courier, FieldError, Language, Rule, ShopProfile};
use farmstall_store::{farmers, products, shop, ListFilter};

use crate::dto::{AppStatus, ShopProfileDto, ShopProfileInput};
use crate::{App, Result, VERSION};

pub(crate) fn parse_language(field: &str, text: &str) -> Result<Language, FieldError> {
    Language::parse(text).ok_or_else(|| {
        FieldError::new(
            field,
            Rule::UnknownLanguage,
            format!("{field} must be zh-CN or en"),
        )
    })
}

/// Checks a profile as typed; every wrong field is reported, in form order.
pub(crate) fn validate(input: &ShopProfileInput) -> Result<ShopProfile, Vec<FieldError>> {
    let mut c = Checker::new();
    let shop_name = c.check(required_text("shopName", &input.shop_name, SHORT_TEXT));
    let owner_name = c.check(optional_text("ownerName", &input.owner_name, SHORT_TEXT));
    let sender_name = c.check(required_text("senderName", &input.sender_name, SHORT_TEXT));
    let phone_number = c.check(phone("phone", &input.phone, true));
    let province = c.check(required_text(
        "address.province",
        &input.address.province,
        SHORT_TEXT,
    ));
    let city = c.check(required_text(
        "address.city",
        &input.address.city,
        SHORT_TEXT,
    ));
    let district = c.check(optional_text(
        "address.district",
        &input.address.district,
        SHORT_TEXT,
    ));
    let street = c.check(required_text("address.street", &input.address.street, 200));
    let courier = c.check(courier(input.default_courier.as_deref()));
    let language = c.check(if input.language.trim().is_empty() {
        Ok(Language::default())
    } else {
        parse_language("language", &input.language)
    });
    c.finish()?;
    Ok(ShopProfile {
        shop_name: shop_name.unwrap_or_default(),
        owner_name: owner_name.unwrap_or_default(),
        sender_name: sender_name.unwrap_or_default(),
        phone: phone_number.unwrap_or_default(),
        address: Address {
            province: province.unwrap_or_default(),
            city: city.unwrap_or_default(),
            district: district.unwrap_or_default(),
            street: street.unwrap_or_default(),
        },
        default_courier: courier.flatten(),
        language: language.unwrap_or_default(),
    })
}

fn courier(code: Option<&str>) -> Result<Option<Courier>, FieldError> {
    match code.map(str::trim) {
        None | Some("") => Ok(None),
        Some(code) => Courier::parse(code).map(Some).ok_or_else(|| {
            FieldError::new(
                "defaultCourier",
                Rule::UnknownCourier,
                format!(
                    "defaultCourier {code:?} is not known: use SF, ZTO, YTO, STO, YUNDA, JD or EMS"
                ),
            )
        }),
    }
}

impl App {
    /// What the UI needs at start: language, whether a shop is set up, where the file is.
    pub fn status(&mut self) -> Result<AppStatus> {
        let db_path = self.db_path().display().to_string();
        self.store.read(|tx| {
            Ok(AppStatus {
                version: VERSION.to_string(),
                db_path,
                language: shop::language(tx)?.code().to_string(),
                has_shop: shop::get(tx)?.is_some(),
                is_demo: crate::demo::is_demo(tx),
                open_error: None,
                open_error_kind: None,
            })
        })
    }

    /// Switches the app's language (before or after the shop is set up).
    pub fn set_language(&mut self, language: &str) -> Result<AppStatus> {
        let language = parse_language("language", language)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store
            .write(|tx| Ok::<_, crate::AppError>(shop::set_language(tx, language, now, origin)?))?;
        self.status()
    }

    /// The shop profile, or `None` before the shop is set up.
    pub fn shop_profile(&mut self) -> Result<Option<ShopProfileDto>> {
        self.store
            .read(|tx| Ok(shop::get(tx)?.as_ref().map(ShopProfileDto::from)))
    }

    /// Sets up or edits the shop profile.
    pub fn save_shop_profile(&mut self, input: &ShopProfileInput) -> Result<ShopProfileDto> {
        self.require_unlocked()?;
        let profile = validate(input)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            Ok(ShopProfileDto::from(&shop::save(
                tx, &profile, now, origin,
            )?))
        })
    }

    /// Whether the database holds nothing a person entered (no shop, farmers or products).
    pub(crate) fn is_empty_shop(tx: &farmstall_store::rusqlite::Connection) -> Result<bool> {
        let one = ListFilter {
            include_archived: true,
            limit: 1,
            ..ListFilter::default()
        };
        Ok(shop::get(tx)?.is_none()
            && farmers::list(tx, &one)?.total == 0
            && products::list(tx, &one)?.total == 0)
    }
}
