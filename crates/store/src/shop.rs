//! The shop profile (one row) and settings.

use chrono::{DateTime, Utc};
use farmstall_domain::{Address, Courier, Language, Origin, ShopProfile};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::changes::{self, Action};
use crate::sql::{instant_from_text, instant_to_text};
use crate::{Result, StoreError};

/// The stored profile with its last change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredShop {
    pub profile: ShopProfile,
    pub updated_at: DateTime<Utc>,
}

/// The app's language, kept apart from the profile so the welcome screen can switch it.
pub fn language(conn: &Connection) -> Result<Language> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'language'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or_default())
}

pub fn set_language(
    conn: &Connection,
    language: Language,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<()> {
    crate::sql::run(
        conn,
        "INSERT INTO settings (key, value) VALUES ('language', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [language.code()],
    )?;
    changes::record(
        conn,
        at,
        origin,
        "setting",
        "language",
        Action::Update,
        &json!({ "value": language.code() }),
    )
}

pub fn get(conn: &Connection) -> Result<Option<StoredShop>> {
    let row = conn
        .query_row(
            "SELECT shop_name, owner_name, sender_name, phone, province, city, district, street,
                    default_courier, updated_at
             FROM shop_profile WHERE id = 1",
            [],
            |r| {
                Ok((
                    [
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, String>(7)?,
                    ],
                    r.get::<_, Option<String>>(8)?,
                    r.get::<_, String>(9)?,
                ))
            },
        )
        .optional()?;
    let Some((
        [shop_name, owner_name, sender_name, phone, province, city, district, street],
        courier,
        updated,
    )) = row
    else {
        return Ok(None);
    };
    let default_courier = match courier {
        None => None,
        Some(code) => Some(
            Courier::parse(&code)
                .ok_or_else(|| StoreError::BadData(format!("unknown courier {code:?}")))?,
        ),
    };
    Ok(Some(StoredShop {
        profile: ShopProfile {
            shop_name,
            owner_name,
            sender_name,
            phone,
            address: Address {
                province,
                city,
                district,
                street,
            },
            default_courier,
            language: language(conn)?,
        },
        updated_at: instant_from_text(&updated)?,
    }))
}

/// Creates or replaces the profile and sets the language.
pub fn save(
    conn: &Connection,
    profile: &ShopProfile,
    at: DateTime<Utc>,
    origin: Origin,
) -> Result<StoredShop> {
    let existed = get(conn)?.is_some();
    let now = instant_to_text(at);
    crate::sql::run(conn,
        "INSERT INTO shop_profile (id, shop_name, owner_name, sender_name, phone, province, city, district,
                                   street, default_courier, created_at, updated_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
         ON CONFLICT (id) DO UPDATE SET
            shop_name = excluded.shop_name, owner_name = excluded.owner_name,
            sender_name = excluded.sender_name, phone = excluded.phone, province = excluded.province,
            city = excluded.city, district = excluded.district, street = excluded.street,
            default_courier = excluded.default_courier, updated_at = excluded.updated_at",
        rusqlite::params![
            profile.shop_name,
            profile.owner_name,
            profile.sender_name,
            profile.phone,
            profile.address.province,
            profile.address.city,
            profile.address.district,
            profile.address.street,
            profile.default_courier.map(Courier::code),
            now,
        ],
    )?;
    set_language(conn, profile.language, at, origin)?;
    changes::record(
        conn,
        at,
        origin,
        "shop_profile",
        "1",
        if existed {
            Action::Update
        } else {
            Action::Create
        },
        &json!({
            "shopName": profile.shop_name,
            "ownerName": profile.owner_name,
            "senderName": profile.sender_name,
            "phone": profile.phone,
            "address": profile.address,
            "defaultCourier": profile.default_courier,
            "language": profile.language,
        }),
    )?;
    get(conn)?.ok_or_else(|| StoreError::BadData("the shop profile vanished while saving".into()))
}
