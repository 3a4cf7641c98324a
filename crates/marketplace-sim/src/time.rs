//! The simulator's clock and the platform's time text (`yyyy-MM-dd HH:mm:ss`, UTC+8).

use chrono::{NaiveDateTime, TimeDelta, Timelike, Utc};

/// How the platform writes a time: local time in China (UTC+8), whole seconds.
pub const TIME_FORMAT: &str = "%Y-%m-%d %H:%M:%S";

/// Now in UTC+8, shifted by `offset_seconds`, to the whole second (the platform has no finer times).
pub(crate) fn now_cn(offset_seconds: i64) -> NaiveDateTime {
    let t = Utc::now().naive_utc() + TimeDelta::hours(8) + TimeDelta::seconds(offset_seconds);
    t.with_nanosecond(0).unwrap_or(t)
}

pub(crate) fn format(t: NaiveDateTime) -> String {
    t.format(TIME_FORMAT).to_string()
}

/// Parses the platform's time text; anything else (ISO `T`, missing seconds) is `None`.
pub fn parse(text: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(text, TIME_FORMAT).ok()
}

/// Serde for a time as the platform's text.
pub(crate) mod text {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::format(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = String::deserialize(d)?;
        super::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a time: {text}")))
    }
}

/// Serde for an optional time as the platform's text (`null` when absent).
pub(crate) mod text_opt {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::format(*t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDateTime>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::parse(&text)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("not a time: {text}"))),
        }
    }
}
