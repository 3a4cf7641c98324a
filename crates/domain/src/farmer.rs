//! Farmers the shop buys from.

use chrono::{DateTime, Utc};

use crate::id::Id;

/// What a person records about a farmer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FarmerDetails {
    pub name: String,
    pub village: String,
    pub phone: String,
    /// How the farmer likes to be paid: WeChat, Alipay, bank account, cash.
    pub payment_notes: String,
    pub remarks: String,
}

/// A stored farmer. Archived farmers leave the pickers but stay in history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Farmer {
    pub id: Id,
    pub details: FarmerDetails,
    pub archived_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}
