//! Use cases: marketplace sync (issue 6), split by concern. A round (`round`) pulls the orders
//! changed since the cursor and applies each (`apply`: upserted by platform order id, so a replayed
//! page changes nothing; priced to what the buyer paid), then sends what waits in the outbox, each
//! item on its own: a failure backs off that item only, a rate-limit ban or a lost connection ends
//! the round, an item that keeps failing is parked for the owner. `listings` maps listings to
//! products and says what each offers; `runner` runs rounds on a thread of their own so nothing
//! here blocks the window. This module holds the status, the outbox, alerts and held orders as the
//! owner sees them, and the types the shells share.

pub(crate) mod apply;
mod listings;
mod round;
mod runner;

use chrono::{DateTime, Utc};
use farmstall_domain::Origin;
use farmstall_marketplace::MarketError;
use farmstall_store::sync as store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, At, Result};

pub use apply::Applied;
use listings::offer_of;
pub use listings::{DemoListing, ListingDto, ListingInput};
pub(crate) use runner::forget_local_failure;
pub use runner::{FirstRound, Paused, Pauser, Runner};

/// How far back a pull reads again before its cursor, so an order modified at the edge is not missed
/// (longer than the clock skew the platform allows, so a fast PC clock cannot eat it up).
pub const OVERLAP_MINUTES: i64 = 30;
/// How far back the first pull reads.
pub const FIRST_PULL_DAYS: i64 = 3;

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Platform orders read in full.
    pub pulled: u32,
    pub created: u32,
    /// Local orders that changed state because the platform said so.
    pub updated: u32,
    /// Platform orders kept aside (a listing sells no product here, or the order cannot be stored).
    pub held: u32,
    pub pushed: u32,
    /// Pushes that failed this round (they wait and try again, or were parked).
    pub failed: u32,
    /// In words when the round stopped early; "" when it ran to the end.
    pub error: String,
    /// `offline`, `credentials`, `clock`, `busy` (rate limited), `refused`, `unreadable`; "" none.
    pub error_kind: String,
}

/// The kind of trouble a marketplace error is, for the status the window shows.
pub fn error_kind(e: &MarketError) -> &'static str {
    match e {
        MarketError::Transport { .. } => "offline",
        MarketError::Credentials { .. } => "credentials",
        MarketError::Clock { .. } => "clock",
        MarketError::RateLimited { .. } => "busy",
        MarketError::ServerFault { .. } => "offline",
        MarketError::Rejected { .. } => "refused",
        MarketError::Decode { .. } => "unreadable",
    }
}

/// The kind of a round that failed here rather than at the marketplace (the database busy or not
/// opening, the settings unreadable).
pub const LOCAL_ERROR_KIND: &str = "local";

impl App {
    fn sync_at(&self) -> At {
        At {
            origin: Origin::Sync,
            ..self.at()
        }
    }
}

/// How sync stands, for the status line and the sync screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    /// RFC 3339 instants, or null.
    pub last_success_at: Option<String>,
    pub last_attempt_at: Option<String>,
    /// Everything modified up to here has been read.
    pub cursor: Option<String>,
    /// In words; "" when the last round worked.
    pub last_error: String,
    /// `offline`, `credentials`, `clock`, `busy`, `refused`, `unreadable`, `local` (a round that
    /// could not start on this PC: the database busy or the key unreadable); "" none.
    pub last_error_kind: String,
    #[ts(type = "number")]
    pub pending: i64,
    #[ts(type = "number")]
    pub parked: i64,
    #[ts(type = "number")]
    pub held: i64,
    #[ts(type = "number")]
    pub alerts: i64,
    /// A round is running now (the desktop's background sync says; false elsewhere).
    pub syncing: bool,
}

/// Something waiting to be sent, or parked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutboxItemDto {
    #[ts(type = "number")]
    pub id: i64,
    /// `ship` or `stock`.
    pub kind: String,
    /// The order's number (ship) or the listing's title (stock).
    pub label: String,
    pub state: String,
    pub tries: u32,
    pub next_at: String,
    pub last_error: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncAlertDto {
    #[ts(type = "number")]
    pub id: i64,
    pub order_id: String,
    pub number: String,
    /// `closed_after_packing`, `refunded_after_shipping`, `shipped_elsewhere`.
    pub kind: String,
    pub platform_order_id: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct HeldOrderDto {
    pub platform_order_id: String,
    pub reason: String,
    #[ts(type = "unknown")]
    pub data: serde_json::Value,
}

fn unknown_item(id: i64) -> AppError {
    AppError::from(farmstall_domain::FieldError::new(
        "id",
        farmstall_domain::Rule::UnknownRecord,
        format!("nothing parked has the number {id}"),
    ))
}

impl App {
    pub fn sync_status(&mut self) -> Result<SyncStatus> {
        let db = self.db_path().to_path_buf();
        self.store.read(|tx| -> Result<SyncStatus> {
            let s = store::state(tx)?;
            let (pending, parked, held, alerts) = store::counts(tx)?;
            let text = |t: Option<DateTime<Utc>>| t.map(|t| t.to_rfc3339());
            // A background round that failed where it could not write (the database busy or
            // not opening) is newer news than what the shop holds.
            let (last_attempt_at, last_error, last_error_kind) = match runner::local_failure(&db) {
                Some(f) if s.last_attempt_at.is_none_or(|t| t <= f.at) => {
                    (Some(f.at), f.message, LOCAL_ERROR_KIND.to_string())
                }
                _ => (s.last_attempt_at, s.last_error, s.last_error_kind),
            };
            Ok(SyncStatus {
                last_success_at: text(s.last_success_at),
                last_attempt_at: text(last_attempt_at),
                cursor: text(s.cursor),
                last_error,
                last_error_kind,
                pending,
                parked,
                held,
                alerts,
                syncing: false,
            })
        })
    }

    /// What waits (`pending`) or was parked (`parked`), oldest first.
    pub fn sync_items(&mut self, state: &str) -> Result<Vec<OutboxItemDto>> {
        let state = if state == "parked" {
            "parked"
        } else {
            "pending"
        };
        self.store.read(|tx| -> Result<Vec<OutboxItemDto>> {
            let mut out = Vec::new();
            for item in store::items(tx, state, 500)? {
                let label = match item.kind.as_str() {
                    "ship" => crate::farmers::parse_id(&item.subject)
                        .ok()
                        .and_then(|id| farmstall_store::orders::get_order(tx, id).ok())
                        .map(|o| o.number)
                        .unwrap_or_else(|| item.subject.clone()),
                    _ => crate::farmers::parse_id(&item.subject)
                        .ok()
                        .and_then(|id| store::listing(tx, id).ok().flatten())
                        .map(|l| {
                            if l.title.is_empty() {
                                l.num_iid
                            } else {
                                l.title
                            }
                        })
                        .unwrap_or_else(|| item.subject.clone()),
                };
                out.push(OutboxItemDto {
                    id: item.id,
                    kind: item.kind,
                    label,
                    state: item.state,
                    tries: item.tries,
                    next_at: item.next_at.to_rfc3339(),
                    last_error: item.last_error,
                });
            }
            Ok(out)
        })
    }

    /// Tries a parked item again at the next round.
    pub fn retry_sync_item(&mut self, id: i64) -> Result<()> {
        let now = self.at().now;
        self.store.write(|tx| {
            if store::retry(tx, id, now)? {
                Ok(())
            } else {
                Err(unknown_item(id))
            }
        })
    }

    /// Gives up on a parked item: it is never sent.
    pub fn discard_sync_item(&mut self, id: i64) -> Result<()> {
        let now = self.at().now;
        self.store.write(|tx| {
            if store::discard(tx, id, now)? {
                Ok(())
            } else {
                Err(unknown_item(id))
            }
        })
    }

    pub fn sync_alerts(&mut self) -> Result<Vec<SyncAlertDto>> {
        self.store.read(|tx| -> Result<Vec<SyncAlertDto>> {
            Ok(store::open_alerts(tx)?
                .into_iter()
                .map(|a| SyncAlertDto {
                    id: a.id,
                    order_id: a.order.to_string(),
                    number: a.number,
                    kind: a.kind,
                    platform_order_id: a.note,
                    at: a.at.to_rfc3339(),
                })
                .collect())
        })
    }

    pub fn dismiss_sync_alert(&mut self, id: i64) -> Result<()> {
        let now = self.at().now;
        self.store.write(|tx| {
            store::dismiss_alert(tx, id, now)?;
            Ok(())
        })
    }

    pub fn held_orders(&mut self) -> Result<Vec<HeldOrderDto>> {
        self.store.read(|tx| -> Result<Vec<HeldOrderDto>> {
            Ok(store::held(tx)?
                .into_iter()
                .map(|h| HeldOrderDto {
                    platform_order_id: h.platform_order_id,
                    reason: h.reason,
                    data: h.data,
                })
                .collect())
        })
    }
}
