//! `farmstall sync`: one round (or rounds in a loop), the status, the connection, listings, and
//! what waits or was parked.

use clap::{Args, Subcommand};
use farmstall_app::credentials::MarketplaceInput;
use farmstall_app::sync::{ListingInput, SyncReport};
use farmstall_app::{App, AppError};

use crate::Output;

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

pub fn run(app: &mut App, out: &Output, args: SyncArgs) -> Result<(), AppError> {
    let Some(command) = args.command else {
        match args.every {
            None => {
                round(app, out, args.now)?;
            }
            Some(seconds) => loop {
                round(app, out, args.now)?;
                std::thread::sleep(std::time::Duration::from_secs(seconds.max(1)));
            },
        }
        return Ok(());
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
            let settings = app.save_marketplace(&MarketplaceInput {
                base_url: url,
                app_key,
                secret: std::env::var(SECRET_ENV).unwrap_or_default(),
                session: std::env::var(SESSION_ENV).unwrap_or_default(),
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
    Ok(())
}
