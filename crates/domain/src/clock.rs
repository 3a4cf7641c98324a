//! The clock, injected so that rules about dates can be tested and never depend on the PC's zone.
//!
//! Instants are UTC. Business dates (the day a purchase was received, the pay month) are dates in
//! Asia/Shanghai. China has kept UTC+8 without daylight saving since 1991, so a fixed +08:00 offset
//! gives the Asia/Shanghai date for every instant this software will see, without a tz database.

use std::sync::Mutex;

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc};

/// Asia/Shanghai as a fixed offset (see the module docs for why this is exact).
pub fn shanghai() -> FixedOffset {
    // 8 hours is always a valid offset; the fallback is unreachable but avoids a panic path.
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| Utc.fix())
}

/// The business date (in Asia/Shanghai) of an instant.
pub fn business_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&shanghai()).date_naive()
}

/// Where "now" comes from.
pub trait Clock: Send + Sync {
    /// The current instant, UTC.
    fn now(&self) -> DateTime<Utc>;

    /// Today's business date in Asia/Shanghai.
    fn today(&self) -> NaiveDate {
        business_date(self.now())
    }
}

/// The PC's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that says what it is told, for tests and generated history.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    pub fn new(now: DateTime<Utc>) -> FixedClock {
        FixedClock(Mutex::new(now))
    }

    pub fn set(&self, now: DateTime<Utc>) {
        if let Ok(mut guard) = self.0.lock() {
            *guard = now;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        match self.0.lock() {
            Ok(guard) => *guard,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn business_date_is_shanghai_whatever_the_utc_date() {
        // 2026-11-28 16:30 UTC is already 2026-11-29 00:30 in Shanghai.
        let late = Utc.with_ymd_and_hms(2026, 11, 28, 16, 30, 0).single();
        let clock = FixedClock::new(late.unwrap_or_default());
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2026, 11, 29).unwrap_or_default()
        );
        // 15:59 UTC is still the same day in Shanghai.
        let early = Utc.with_ymd_and_hms(2026, 11, 28, 15, 59, 0).single();
        clock.set(early.unwrap_or_default());
        assert_eq!(
            clock.today(),
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap_or_default()
        );
    }
}
