//! Small helpers shared by the query modules: instants as text, LIKE patterns, paging.

use chrono::{DateTime, SecondsFormat, Utc};

use crate::StoreError;

/// Instants are stored as RFC 3339 UTC text with microseconds, which sorts as time does.
pub fn instant_to_text(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Micros, true)
}

pub fn instant_from_text(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::BadData(format!("not an instant: {text:?}")))
}

/// A `LIKE ... ESCAPE '\'` pattern matching `needle` anywhere.
pub fn contains_pattern(needle: &str) -> String {
    let mut pattern = String::with_capacity(needle.len() + 2);
    pattern.push('%');
    for c in needle.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

/// A pattern for the pinyin `search_key` columns: lowercase, spaces removed, so "Wang De" and
/// "wangde" both find 王德贵. Empty search matches everything.
pub fn pinyin_pattern(search: &str) -> String {
    let squeezed: String = search
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    contains_pattern(&squeezed)
}

/// One page of a filtered list, and how many rows match the filter in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: i64,
}

/// A list filter, applied in the database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListFilter {
    /// Text to find anywhere in the searchable columns; empty matches everything.
    pub search: String,
    pub include_archived: bool,
    pub limit: i64,
    pub offset: i64,
}

impl Default for ListFilter {
    fn default() -> ListFilter {
        ListFilter {
            search: String::new(),
            include_archived: false,
            limit: 50,
            offset: 0,
        }
    }
}
