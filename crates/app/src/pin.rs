//! The owner's PIN: once set, pay and the shop's settings ask for it; the other screens stay
//! open for the family.
//!
//! The PIN is kept only as an Argon2id hash with its own random salt (setting `pin_hash`). Wrong
//! tries are counted in the database (so a restart does not reset them): after five, each further
//! wrong try blocks the next for 30 seconds, doubling up to an hour. Unlocking lasts for this copy
//! of the app until it locks again or closes.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use farmstall_domain::{FieldError, Rule};
use farmstall_store::changes::{self, Action};
use farmstall_store::rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, Result};

/// Wrong tries allowed before each try has to wait.
const FREE_TRIES: i64 = 5;
/// The first wait, doubled after each further wrong try, up to `MAX_WAIT_SECONDS`.
const FIRST_WAIT_SECONDS: i64 = 30;
const MAX_WAIT_SECONDS: i64 = 3600;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PinStatus {
    /// Whether the owner has set a PIN.
    pub set: bool,
    /// Whether pay and settings are open in this copy of the app.
    pub unlocked: bool,
    /// When the next try is allowed, after too many wrong ones (RFC 3339), if later than now.
    pub blocked_until: Option<String>,
}

fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()
        .map_err(farmstall_store::StoreError::from)?)
}

fn put(conn: &Connection, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, v),
        ),
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key]),
    }
    .map_err(farmstall_store::StoreError::from)?;
    Ok(())
}

/// Four to eight digits.
fn check_format(field: &str, pin: &str) -> Result<String, FieldError> {
    let pin = pin.trim();
    if (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(pin.to_string())
    } else {
        Err(FieldError::new(
            field,
            Rule::NotANumber,
            format!("{field}: a PIN is 4 to 8 digits"),
        ))
    }
}

fn hash(pin: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(pin.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Conflict(format!("the PIN could not be stored: {e}")))
}

fn blocked_until(conn: &Connection, now: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
    Ok(setting(conn, "pin_blocked_until")?
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc))
        .filter(|t| *t > now))
}

/// Checks `pin` against the stored hash, counting wrong tries. The outer result is the
/// database's; the inner one is the answer, so that the transaction keeps the count of a wrong
/// try (a refused use case would roll it back).
fn verify(
    conn: &Connection,
    field: &str,
    pin: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), AppError>> {
    let Some(stored) = setting(conn, "pin_hash")? else {
        return Ok(Ok(()));
    };
    if let Some(until) = blocked_until(conn, now)? {
        let wait = (until - now).num_seconds().max(1);
        return Ok(Err(AppError::from(
            FieldError::new(
                field,
                Rule::TooManyTries,
                format!("{field}: too many wrong tries; try again in {wait} seconds"),
            )
            .with("seconds", wait.to_string()),
        )));
    }
    let parsed = PasswordHash::new(&stored)
        .map_err(|e| AppError::Conflict(format!("the stored PIN is unreadable: {e}")))?;
    if Argon2::default()
        .verify_password(pin.trim().as_bytes(), &parsed)
        .is_ok()
    {
        put(conn, "pin_failures", None)?;
        put(conn, "pin_blocked_until", None)?;
        return Ok(Ok(()));
    }
    let failures = setting(conn, "pin_failures")?
        .and_then(|n| n.parse::<i64>().ok())
        .unwrap_or(0)
        + 1;
    put(conn, "pin_failures", Some(&failures.to_string()))?;
    let mut error = FieldError::new(
        field,
        Rule::WrongPin,
        format!("{field}: that is not the PIN"),
    );
    if failures >= FREE_TRIES {
        let doublings = u32::try_from(failures - FREE_TRIES)
            .unwrap_or(u32::MAX)
            .min(12);
        let wait = (FIRST_WAIT_SECONDS << doublings).min(MAX_WAIT_SECONDS);
        put(
            conn,
            "pin_blocked_until",
            Some(&(now + Duration::seconds(wait)).to_rfc3339()),
        )?;
        error = error.with("seconds", wait.to_string());
    } else {
        error = error.with("left", (FREE_TRIES - failures).to_string());
    }
    Ok(Err(AppError::from(error)))
}

impl App {
    pub fn pin_status(&mut self) -> Result<PinStatus> {
        let now = self.clock.now();
        let unlocked = self.unlocked;
        self.store.read(|tx| {
            let set = setting(tx, "pin_hash")?.is_some();
            Ok(PinStatus {
                set,
                unlocked: !set || unlocked,
                blocked_until: blocked_until(tx, now)?.map(|t| t.to_rfc3339()),
            })
        })
    }

    /// Sets, changes (`current` must be the PIN) or removes (`new` empty) the PIN.
    pub fn set_pin(&mut self, current: &str, new: &str) -> Result<PinStatus> {
        let now = self.clock.now();
        let new = if new.trim().is_empty() {
            None
        } else {
            Some(check_format("new", new)?)
        };
        self.store
            .write(|tx| verify(tx, "current", current, now))??;
        let hashed = new.as_deref().map(hash).transpose()?;
        let origin = self.origin;
        self.store.write(|tx| {
            let had = setting(tx, "pin_hash")?.is_some();
            put(tx, "pin_hash", hashed.as_deref())?;
            // Who set, changed or removed the PIN, and when; never the hash itself.
            let action = match (had, hashed.is_some()) {
                (false, true) => Action::Create,
                (true, true) => Action::Update,
                (_, false) => Action::Delete,
            };
            changes::record(
                tx,
                now,
                origin,
                "owner_pin",
                "owner",
                action,
                &serde_json::json!({ "set": hashed.is_some() }),
            )?;
            Ok::<_, AppError>(())
        })?;
        self.unlocked = hashed.is_some();
        self.pin_status()
    }

    /// Opens pay and settings in this copy of the app.
    pub fn unlock(&mut self, pin: &str) -> Result<PinStatus> {
        let now = self.clock.now();
        self.store.write(|tx| verify(tx, "pin", pin, now))??;
        self.unlocked = true;
        self.pin_status()
    }

    /// Closes pay and settings again.
    pub fn lock(&mut self) -> Result<PinStatus> {
        self.unlocked = false;
        self.pin_status()
    }

    /// Refuses when a PIN is set and this copy of the app is not unlocked.
    pub fn require_unlocked(&mut self) -> Result<()> {
        if self.unlocked {
            return Ok(());
        }
        let set = self
            .store
            .read(|tx| Ok::<_, AppError>(setting(tx, "pin_hash")?.is_some()))?;
        if set {
            return Err(AppError::Locked(
                "pay and settings are locked: enter the owner's PIN first".into(),
            ));
        }
        Ok(())
    }
}
