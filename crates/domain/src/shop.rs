//! The shop profile: who sends the parcels and from where.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::courier::Courier;

/// The language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhCn => "zh-CN",
            Language::En => "en",
        }
    }

    pub fn parse(text: &str) -> Option<Language> {
        match text.trim().to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" | "中文" => Some(Language::ZhCn),
            "en" | "english" => Some(Language::En),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A Chinese postal address: province, city, district, street (with house number).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Address {
    pub province: String,
    pub city: String,
    /// Empty for the few cities without districts (e.g. 东莞市, where towns come next).
    pub district: String,
    pub street: String,
}

/// The shop's own details, printed as the sender on every label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopProfile {
    pub shop_name: String,
    pub owner_name: String,
    pub sender_name: String,
    pub phone: String,
    pub address: Address,
    pub default_courier: Option<Courier>,
    pub language: Language,
}
