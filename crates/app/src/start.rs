//! What the window needs to draw its first screen, in one answer: the status, the shop's name,
//! who is working, a crash not yet told about, whether a marketplace is connected and, when there
//! is a shop, the Today screen's figures. One round trip instead of a chain of calls, each
//! waiting for the shell's lock in turn (issue 15).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::crash::{self, CrashNotice};
use crate::dto::{AppStatus, ShopProfileDto};
use crate::members::MemberDto;
use crate::sales::TodayDto;
use crate::{App, Result};

/// The first screen's data. Everything but `status` is what the start can do without: a part
/// that could not be read is `null`, and the screen that needs it asks for it itself (and shows
/// why it failed), as it does when it opens later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct StartDto {
    pub status: AppStatus,
    /// The shop profile (its name heads the sidebar); null before the shop is set up.
    pub shop: Option<ShopProfileDto>,
    /// Who is working now, if anybody; null also when it could not be read.
    pub current_member: Option<MemberDto>,
    /// Whether who is working could be read (a null member then means nobody is working).
    pub member_known: bool,
    /// The Today screen's figures when there is a shop; null before one is set up, or when
    /// they could not be read (the screen then asks and says why).
    pub today: Option<TodayDto>,
    /// Whether a marketplace is connected; null when its settings cannot be read.
    pub marketplace_connected: Option<bool>,
    /// The newest crash report not yet told about, if any.
    pub crash: Option<CrashNotice>,
}

impl StartDto {
    /// The start of a window whose shop could not be opened: only the status (with why) and a
    /// crash report, which needs no shop (a database error is when the logs matter most).
    pub fn unopened(status: AppStatus, data_dir: &std::path::Path) -> StartDto {
        StartDto {
            status,
            shop: None,
            current_member: None,
            member_known: false,
            today: None,
            marketplace_connected: None,
            crash: crash::unseen_crash(data_dir),
        }
    }
}

impl App {
    /// The first screen's data in one call. Only the status is needed to start at all: a failure
    /// there is the answer; the other parts are left out when they cannot be read (logged), so
    /// that the window still starts and the screen concerned reports the failure itself.
    pub fn start(&mut self) -> Result<StartDto> {
        let status = self.status()?;
        let shop = self.shop_profile().unwrap_or_else(|e| {
            tracing::warn!(kind = %crate::IpcError::from(&e).kind, "start: no shop profile");
            None
        });
        let member = self.current_member();
        if let Err(e) = &member {
            tracing::warn!(kind = %crate::IpcError::from(e).kind, "start: no current member");
        }
        let today = if status.has_shop {
            self.today()
                .map_err(|e| {
                    tracing::warn!(kind = %crate::IpcError::from(&e).kind, "start: no Today figures");
                })
                .ok()
        } else {
            None
        };
        let marketplace_connected = self.marketplace_settings().ok().map(|s| s.connected);
        let data_dir = self
            .db_path()
            .parent()
            .unwrap_or(std::path::Path::new("."))
            .to_path_buf();
        Ok(StartDto {
            status,
            shop,
            member_known: member.is_ok(),
            current_member: member.ok().flatten(),
            today,
            marketplace_connected,
            crash: crash::unseen_crash(&data_dir),
        })
    }
}
