//! Where a change came from, recorded with every write for audit and sync.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The source of a write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A person at the desktop app.
    Desktop,
    /// The `farmstall` command.
    Cli,
    /// A file import (including the demo shop).
    Import,
    /// Marketplace sync.
    Sync,
    /// Farmstall itself (migrations, housekeeping).
    System,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::Desktop => "desktop",
            Origin::Cli => "cli",
            Origin::Import => "import",
            Origin::Sync => "sync",
            Origin::System => "system",
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
