//! Record ids: UUIDv7, generated on the PC that makes the record.
//!
//! A UUIDv7 starts with its creation time in milliseconds, so ids sort by creation, and carries
//! 74 random bits, so records made offline on two PCs never clash and need no central counter.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A record id (UUIDv7), serialised as its hyphenated lowercase text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(Uuid);

/// The text is not an id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a record id: {0:?}")]
pub struct BadId(pub String);

impl Id {
    /// A new id, later than every id this process made before.
    pub fn generate() -> Id {
        Id(Uuid::now_v7())
    }

    pub fn parse(text: &str) -> Result<Id, BadId> {
        Uuid::parse_str(text.trim())
            .map(Id)
            .map_err(|_| BadId(text.to_string()))
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.hyphenated())
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({self})")
    }
}

impl FromStr for Id {
    type Err = BadId;
    fn from_str(s: &str) -> Result<Id, BadId> {
        Id::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_sort_by_creation_and_do_not_clash() {
        let ids: Vec<Id> = (0..1000).map(|_| Id::generate()).collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted);
        let text: Vec<String> = ids.iter().map(Id::to_string).collect();
        let mut text_sorted = text.clone();
        text_sorted.sort();
        assert_eq!(text, text_sorted, "text order is creation order too");
        sorted.dedup();
        assert_eq!(sorted.len(), 1000);
    }

    #[test]
    fn parses_its_own_text_only() {
        let id = Id::generate();
        assert_eq!(Id::parse(&id.to_string()), Ok(id));
        assert!(Id::parse("farmer-1").is_err());
    }
}
