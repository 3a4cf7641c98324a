//! The marketplace client (issue 6): the [`Marketplace`] trait the sync engine calls, and [`Top`], its
//! implementation for the Taobao Open Platform over HTTP, as `docs/marketplace.md` defines the protocol.
//!
//! The client classifies failures ([`MarketError::retryable`], [`MarketError::retry_after`]) and never
//! retries by itself: the sync engine retries each item on its own, so one bad item cannot hold up the rest.
//!
//! Architecture Invariant: the app secret never leaves this crate except as a signature: it is not in
//! any request, error message or `Debug` output.

mod decode;
mod error;
mod model;
mod sign;
pub mod time;
mod top;

use chrono::{DateTime, Utc};

pub use error::{MarketError, Result};
pub use model::{
    ChangedOrder, ChangedPage, ListingRef, PlatformLine, PlatformOrder, Recipient, RefundStatus,
    TradeStatus,
};
pub use sign::{sign, string_to_sign, SignMethod};
pub use top::{check_base_url, Top, TopConfig};

/// The operations the sync engine needs from a marketplace. Another marketplace is added by
/// implementing this trait; every method is one call to the platform, never retried here.
pub trait Marketplace: Send + Sync {
    /// Orders modified in `[from, to]` (at most one day apart), one page (`page_no` from 1), newest
    /// modified first. Pages shift while they are read: an order modified meanwhile moves to the front.
    fn changed_orders(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        page_no: u32,
        page_size: u32,
    ) -> Result<ChangedPage>;

    /// One order in full.
    fn order(&self, tid: &str) -> Result<PlatformOrder>;

    /// Marks an order shipped with this waybill; the same waybill again is a success.
    fn ship(&self, tid: &str, waybill: &str, courier_code: &str) -> Result<()>;

    /// Sets the full quantity a listing offers (never a delta, so a repeated call is harmless).
    fn set_stock(&self, listing: &ListingRef, quantity: u32) -> Result<()>;

    /// Which marketplace and shop this client speaks to, as [`account`] names it; "" when it
    /// cannot say. The sync engine keeps a pull's cursor only while the stored settings still name
    /// the same account, so a round that began before the settings changed cannot leave its cursor.
    fn account(&self) -> String {
        String::new()
    }
}

/// A fingerprint of a marketplace account (its gateway and app key, never the secret or session):
/// the uppercase hex SHA-256 of the trimmed base URL without a trailing `/`, a newline, and the
/// trimmed app key.
pub fn account(base_url: &str, app_key: &str) -> String {
    use sha2::{Digest, Sha256};
    let base = base_url.trim().trim_end_matches('/');
    let digest = Sha256::digest(format!("{base}\n{}", app_key.trim()).as_bytes());
    digest.iter().map(|b| format!("{b:02X}")).collect()
}

macro_rules! forward_marketplace {
    ($($wrapper:ty),*) => {$(
        impl<M: Marketplace + ?Sized> Marketplace for $wrapper {
            fn changed_orders(
                &self,
                from: DateTime<Utc>,
                to: DateTime<Utc>,
                page_no: u32,
                page_size: u32,
            ) -> Result<ChangedPage> {
                (**self).changed_orders(from, to, page_no, page_size)
            }
            fn order(&self, tid: &str) -> Result<PlatformOrder> {
                (**self).order(tid)
            }
            fn ship(&self, tid: &str, waybill: &str, courier_code: &str) -> Result<()> {
                (**self).ship(tid, waybill, courier_code)
            }
            fn set_stock(&self, listing: &ListingRef, quantity: u32) -> Result<()> {
                (**self).set_stock(listing, quantity)
            }
            fn account(&self) -> String {
                (**self).account()
            }
        }
    )*};
}

forward_marketplace!(&M, Box<M>, std::sync::Arc<M>);
