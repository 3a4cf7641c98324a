//! Use case: repeat buyers. While a WeChat or phone order is typed, the recipients earlier orders
//! went to under the same phone number (or the same name) are offered, to be filled in with one
//! click instead of typed again.

use farmstall_domain::validate::{optional_text, SHORT_TEXT};
use farmstall_store::orders::{self, PastRecipient, RecipientKey};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, Result};

/// At most this many earlier recipients are offered.
pub const MAX_KNOWN: i64 = 5;

/// A recipient the shop has sent to before, at one address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KnownRecipient {
    pub name: String,
    /// As written on the latest order to this address.
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
    pub postcode: String,
    /// How many orders went to this recipient at this address.
    pub orders: u32,
    /// `YYYY-MM-DD` of the latest of them.
    pub last_ordered_on: String,
}

impl From<PastRecipient> for KnownRecipient {
    fn from(p: PastRecipient) -> Self {
        let r = p.recipient;
        KnownRecipient {
            name: r.name,
            phone: r.phone,
            province: r.province,
            city: r.city,
            district: r.district,
            street: r.street,
            postcode: r.postcode,
            orders: u32::try_from(p.orders).unwrap_or(u32::MAX),
            last_ordered_on: p.last_ordered_on.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The digits of a phone number as people write it ("+86 138-0013-8000", full-width "１３８…"),
/// without the country code; `None` when `text` is not written like a phone number at all.
pub fn phone_digits(text: &str) -> Option<String> {
    let mut digits = String::new();
    for (i, c) in text.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '０'..='９' => digits.extend(char::from_digit(u32::from(c) - u32::from('０'), 10)),
            ' ' | '-' | '－' | '(' | ')' | '（' | '）' => {}
            '+' | '＋' if i == 0 => {}
            _ => return None,
        }
    }
    if digits.is_empty() {
        return None;
    }
    for country in ["0086", "86"] {
        if let Some(rest) = digits.strip_prefix(country) {
            if rest.len() == 11 && rest.starts_with('1') {
                return Some(rest.to_string());
            }
        }
    }
    Some(digits)
}

impl App {
    /// The recipients earlier orders went to under this phone number or name: at most five, one
    /// per address, the most recently used first. A mobile number counts only when all eleven
    /// digits are there; a landline needs at least seven. Masked recipients from a marketplace
    /// are never offered. Text with a control character or longer than a name is refused on
    /// `phoneOrName`; anything else that finds nobody is an empty list.
    pub fn recent_recipients(&mut self, phone_or_name: &str) -> Result<Vec<KnownRecipient>> {
        let text = optional_text("phoneOrName", phone_or_name, SHORT_TEXT)?;
        let digits = phone_digits(&text);
        let key = match &digits {
            Some(d) if d.len() == 11 && d.starts_with('1') => RecipientKey::Phone(d),
            Some(d) if d.starts_with('0') && d.len() >= 10 => RecipientKey::Phone(d),
            // A number not yet typed to its end, or too short to be one: nobody to offer yet.
            Some(_) => return Ok(Vec::new()),
            None if text.is_empty() => return Ok(Vec::new()),
            None => RecipientKey::Name(&text),
        };
        self.store.read(|tx| {
            Ok(orders::recent_recipients(tx, key, MAX_KNOWN)?
                .into_iter()
                .map(KnownRecipient::from)
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::phone_digits;

    #[test]
    fn phone_digits_drop_separators_and_the_country_code() {
        assert_eq!(phone_digits("13800138000").as_deref(), Some("13800138000"));
        assert_eq!(
            phone_digits("+86 138-0013-8000").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            phone_digits("０086 １３８ ００１３ ８０００").as_deref(),
            Some("13800138000")
        );
        assert_eq!(
            phone_digits("0851-86881234").as_deref(),
            Some("085186881234")
        );
        assert_eq!(phone_digits("张三"), None);
        assert_eq!(phone_digits("138****8000"), None);
        assert_eq!(phone_digits(" - "), None);
    }
}
