//! `farmstall sync`: one round (or rounds in a loop), the status, the connection, listings, and
//! what waits or was parked.

use clap::{Args, Subcommand};
use farmstall_app::credentials::MarketplaceInput;
use farmstall_app::sync::{ListingInput, SyncReport};
use farmstall_app::{App, AppError};

use crate::output::Output;
use crate::Outcome;

/// The secret and the session come from the environment, never the command line (other users
/// of the computer can read command lines).
pub const SECRET_ENV: &str = "FARMSTALL_MARKETPLACE_SECRET";
pub const SESSION_ENV: &str = "FARMSTALL_MARKETPLACE_SESSION";

#[derive(Args, Debug)]
pub struct SyncArgs {
    #[command(subcommand)]
    command: Option<SyncCommand>,
    /// Keep syncing, a round every this many seconds, until stopped
    #[arg(long)]
    every: Option<u64>,
    /// Send what waits out a back-off now too (as the window's "sync now" does)
    #[arg(long)]
    now: bool,
}

impl SyncArgs {
    /// A round, `connect`, `disconnect`, `listing`, `retry` and `discard` change the shop.
    pub fn writes(&self) -> bool {
        !matches!(
            self.command,
            Some(
                SyncCommand::Status
                    | SyncCommand::Listings
                    | SyncCommand::Queue { .. }
                    | SyncCommand::Alerts
            )
        )
    }
}

#[derive(Subcommand, Debug)]
enum SyncCommand {
    /// Online or not, the last success, what waits and what was parked
    Status,
    /// Where the marketplace is: --url, --app-key, --sign-method; the secret and the session
    /// are read from $FARMSTALL_MARKETPLACE_SECRET and $FARMSTALL_MARKETPLACE_SESSION
    Connect {
        #[arg(long)]
        url: String,
        #[arg(long)]
        app_key: String,
        #[arg(long, default_value = "hmac-sha256")]
        sign_method: String,
    },
    /// Forget the marketplace settings
    Disconnect,
    /// Listings and the products they sell
    Listings,
    /// Say which product a listing sells
    Listing {
        /// The listing's number on the marketplace
        #[arg(long)]
        num_iid: String,
        /// The product's id
        #[arg(long)]
        product: String,
        #[arg(long, default_value = "")]
        sku_id: String,
        #[arg(long, default_value = "")]
        outer_id: String,
        #[arg(long, default_value = "")]
        title: String,
        /// How much of the product (in its sale unit) one piece of the listing is
        #[arg(long, default_value = "")]
        per: String,
        /// Pieces held back from the marketplace
        #[arg(long, default_value = "")]
        buffer: String,
    },
    /// What waits to be sent (--parked: what was parked)
    Queue {
        #[arg(long)]
        parked: bool,
    },
    /// Try a parked item again at the next round
    Retry { id: i64 },
    /// Give up on a parked item
    Discard { id: i64 },
    /// Orders the marketplace changed in a way to look at, and orders held back
    Alerts,
}

fn report_text(r: &SyncReport) -> String {
    let mut text = format!(
        "pulled {} (new {}, changed {}, held {}), sent {}, failed {}",
        r.pulled, r.created, r.updated, r.held, r.pushed, r.failed
    );
    if !r.error.is_empty() {
        text.push_str(&format!("\nstopped: {}", r.error));
    }
    text
}

fn round(app: &mut App, out: &Output, now: bool) -> Result<SyncReport, AppError> {
    let Some(market) = app.marketplace_client()? else {
        return Err(AppError::Conflict(
            "no marketplace is set up: run `farmstall sync connect` first".into(),
        ));
    };
    let report = if now {
        app.sync_now(&market)?
    } else {
        app.sync_once(&market)?
    };
    out.print(&report, || report_text(&report));
    Ok(report)
}

/// Reads a credential from the environment; missing, empty or not text is a refusal naming the
/// variable, so that `connect` never replaces working credentials with empty ones.
fn from_env(name: &str) -> Result<String, AppError> {
    match std::env::var(name) {
        Ok(value) if !value.trim().is_empty() => Ok(value),
        _ => Err(AppError::Conflict(format!(
            "${name} is not set: `sync connect` reads the marketplace secret and session from ${SECRET_ENV} and ${SESSION_ENV}; nothing was changed"
        ))),
    }
}

/// One round (its report printed) or, with `--every`, rounds until stopped. A round that stopped
/// early (no connection, refused credentials, ...) is [`Outcome::Stopped`]: the exit status says
/// so; in a loop the next round tries again.
pub fn run(app: &mut App, out: &Output, args: SyncArgs) -> Result<Outcome, AppError> {
    let Some(command) = args.command else {
        match args.every {
            None => {
                let report = round(app, out, args.now)?;
                if !report.error.is_empty() {
                    return Ok(Outcome::Stopped(format!(
                        "the sync round stopped: {}",
                        report.error
                    )));
                }
            }
            Some(seconds) => loop {
                round(app, out, args.now)?;
                std::thread::sleep(std::time::Duration::from_secs(seconds.max(1)));
            },
        }
        return Ok(Outcome::Done);
    };
    match command {
        SyncCommand::Status => {
            let s = app.sync_status()?;
            out.print(&s, || {
                format!(
                    "last success: {}\nlast error: {}\nwaiting: {}, parked: {}, held: {}, alerts: {}",
                    s.last_success_at.as_deref().unwrap_or("never"),
                    if s.last_error.is_empty() { "none" } else { &s.last_error },
                    s.pending,
                    s.parked,
                    s.held,
                    s.alerts
                )
            });
        }
        SyncCommand::Connect {
            url,
            app_key,
            sign_method,
        } => {
            let secret = from_env(SECRET_ENV)?;
            let session = from_env(SESSION_ENV)?;
            let settings = app.save_marketplace(&MarketplaceInput {
                base_url: url,
                app_key,
                secret,
                session,
                sign_method,
            })?;
            out.print(&settings, || format!("connected to {}", settings.base_url));
        }
        SyncCommand::Disconnect => {
            app.forget_marketplace()?;
            out.print(&(), || "the marketplace settings are forgotten".into());
        }
        SyncCommand::Listings => {
            let listings = app.list_listings()?;
            out.print(&listings, || {
                listings
                    .iter()
                    .map(|l| {
                        format!(
                            "{}{} {} → {} × {} (offered {}, held back {})",
                            l.num_iid,
                            if l.sku_id.is_empty() {
                                String::new()
                            } else {
                                format!("/{}", l.sku_id)
                            },
                            l.title,
                            l.product_name,
                            l.sale_quantity,
                            l.offer,
                            l.buffer
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SyncCommand::Listing {
            num_iid,
            product,
            sku_id,
            outer_id,
            title,
            per,
            buffer,
        } => {
            let l = app.save_listing(&ListingInput {
                num_iid,
                sku_id,
                outer_id,
                title,
                product_id: product,
                sale_quantity: per,
                buffer,
            })?;
            out.print(&l, || {
                format!("listing {} sells {}", l.num_iid, l.product_name)
            });
        }
        SyncCommand::Queue { parked } => {
            let items = app.sync_items(if parked { "parked" } else { "pending" })?;
            out.print(&items, || {
                items
                    .iter()
                    .map(|i| {
                        format!(
                            "{} {} {} (tries {}) {}",
                            i.id, i.kind, i.label, i.tries, i.last_error
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
        SyncCommand::Retry { id } => {
            app.retry_sync_item(id)?;
            out.print(&id, || format!("{id} will be tried again"));
        }
        SyncCommand::Discard { id } => {
            app.discard_sync_item(id)?;
            out.print(&id, || format!("{id} discarded"));
        }
        SyncCommand::Alerts => {
            let alerts = app.sync_alerts()?;
            let held = app.held_orders()?;
            let both = serde_json::json!({ "alerts": alerts, "held": held });
            out.print(&both, || {
                alerts
                    .iter()
                    .map(|a| format!("{} order {}: {}", a.id, a.number, a.kind))
                    .chain(
                        held.iter()
                            .map(|h| format!("held {}: {}", h.platform_order_id, h.reason)),
                    )
                    .collect::<Vec<_>>()
                    .join("\n")
            });
        }
    }
    Ok(Outcome::Done)
}
