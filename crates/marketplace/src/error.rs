//! What can go wrong talking to a marketplace, classified for the sync engine (retry or not, and when)
//! and worded for the shop owner.

use std::time::Duration;

/// The crate's result type.
pub type Result<T, E = MarketError> = std::result::Result<T, E>;

/// A failed marketplace call. `Display` is a sentence a shop owner can act on; the variants tell the
/// sync engine whether to try the same call again ([`MarketError::retryable`]) and how long to wait
/// ([`MarketError::retry_after`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarketError {
    /// Code 7: too many calls; the platform bans calls for `seconds` (calls inside the ban fail too).
    #[error("the marketplace is refusing calls for {seconds} seconds because too many were made: sync will carry on after that")]
    RateLimited { seconds: u64 },

    /// An `isp.*` fault on the platform's side (code 15 or other): the same call may succeed later.
    #[error("the marketplace had a problem of its own ({message}): sync will try again")]
    ServerFault {
        code: i64,
        sub_code: String,
        message: String,
    },

    /// The platform refused this request as it is (`isv.*`, unknown method, bad arguments): sending it
    /// again unchanged will fail again.
    #[error("the marketplace refused the request: {message}")]
    Rejected {
        code: i64,
        sub_code: String,
        message: String,
    },

    /// Codes 25, 27, 29 (or settings that cannot work): the owner must fix the sync settings.
    #[error("{}", credentials_sentence(*code, message))]
    Credentials { code: i64, message: String },

    /// Code 31: the request's time stamp is too far from the platform's clock.
    #[error("the marketplace says this computer's clock is wrong ({message}): set the right date and time, then sync again")]
    Clock { message: String },

    /// The platform could not be reached, answered HTTP 5xx, dropped the connection, timed out, or sent
    /// something that is not JSON.
    #[error("could not get an answer from the marketplace ({message}): sync will try again; if this goes on, check the internet connection")]
    Transport { message: String },

    /// The platform answered JSON that does not have the shape `docs/marketplace.md` promises.
    #[error(
        "the marketplace's answer could not be read ({message}): Farmstall may need an update"
    )]
    Decode { message: String },
}

fn credentials_sentence(code: i64, message: &str) -> String {
    let what = match code {
        25 => "the marketplace refused the signature: check the app secret in the sync settings",
        26 | 27 => {
            "the marketplace does not accept the session (it may have expired): authorise the shop again and enter the new session in the sync settings"
        }
        28 | 29 => "the marketplace does not know the app key: check it in the sync settings",
        _ => "the marketplace refused the app key, secret or session: check them in the sync settings",
    };
    if message.is_empty() {
        what.to_string()
    } else {
        format!("{what} ({message})")
    }
}

impl MarketError {
    /// Whether the same call may succeed if made again later: rate limits, platform faults and
    /// transport failures. Everything else needs a change (settings, clock, the request, the code).
    pub fn retryable(&self) -> bool {
        matches!(
            self,
            MarketError::RateLimited { .. }
                | MarketError::ServerFault { .. }
                | MarketError::Transport { .. }
        )
    }

    /// How long the platform asked us to wait before calling again (only a rate limit says).
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            MarketError::RateLimited { seconds } => Some(Duration::from_secs(*seconds)),
            _ => None,
        }
    }

    pub(crate) fn decode(message: impl Into<String>) -> MarketError {
        MarketError::Decode {
            message: message.into(),
        }
    }

    pub(crate) fn transport(message: impl Into<String>) -> MarketError {
        MarketError::Transport {
            message: message.into(),
        }
    }
}
