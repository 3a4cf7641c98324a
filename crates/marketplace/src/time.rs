//! The platform's times: `yyyy-MM-dd HH:mm:ss` in UTC+8 (China has no daylight saving, so a fixed
//! offset is exact), converted to and from UTC at this boundary only.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Offset, TimeZone, Utc};

const FORMAT: &str = "%Y-%m-%d %H:%M:%S";

fn utc8() -> FixedOffset {
    // 8 hours is a valid offset; the fallback is unreachable but keeps a panic path out.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// `instant` as the platform writes it (UTC+8, whole seconds; a fraction of a second is dropped).
pub fn format(instant: DateTime<Utc>) -> String {
    instant.with_timezone(&utc8()).format(FORMAT).to_string()
}

/// The instant the platform means by `text` (`yyyy-MM-dd HH:mm:ss`, UTC+8), or `None` if it is not
/// written that way.
pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    let naive = NaiveDateTime::parse_from_str(text, FORMAT).ok()?;
    utc8()
        .from_local_datetime(&naive)
        .single()
        .map(|t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn platform_times_are_utc_plus_8() {
        assert_eq!(
            parse("2026-11-28 10:03:00"),
            Some(utc(2026, 11, 28, 2, 3, 0))
        );
        // Just after midnight in China is the previous day in UTC.
        assert_eq!(
            parse("2026-01-01 00:30:00"),
            Some(utc(2025, 12, 31, 16, 30, 0))
        );
    }

    #[test]
    fn times_are_sent_in_utc_plus_8() {
        assert_eq!(format(utc(2026, 11, 28, 2, 0, 0)), "2026-11-28 10:00:00");
        assert_eq!(format(utc(2025, 12, 31, 16, 30, 5)), "2026-01-01 00:30:05");
    }

    #[test]
    fn summer_and_winter_have_the_same_offset() {
        assert_eq!(parse("2026-07-01 12:00:00"), Some(utc(2026, 7, 1, 4, 0, 0)));
        assert_eq!(parse("2026-01-01 12:00:00"), Some(utc(2026, 1, 1, 4, 0, 0)));
    }

    #[test]
    fn fractions_of_a_second_are_dropped_when_sending() {
        let t = utc(2026, 11, 28, 2, 0, 0) + chrono::Duration::milliseconds(999);
        assert_eq!(format(t), "2026-11-28 10:00:00");
    }

    #[test]
    fn other_spellings_are_refused() {
        for text in [
            "2026-11-28T10:00:00",
            "2026-11-28 10:00",
            "2026/11/28 10:00:00",
            "2026-11-28 10:00:00+08:00",
            "",
            "2026-02-30 10:00:00",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }

    #[test]
    fn a_round_trip_keeps_whole_seconds() {
        let t = utc(2026, 3, 4, 5, 6, 7);
        assert_eq!(parse(&format(t)), Some(t));
    }
}
