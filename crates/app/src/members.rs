//! Use cases: the family members who work in the shop, and the quick switch of who is working.
//!
//! No passwords: the switch only says who did the packing, counting and spoilage that follow.
//! The one working now is kept in the database, so a restart or the CLI sees the same person,
//! and every stock movement written meanwhile records them (see `farmstall_store::stock::post`).

use farmstall_domain::text;
use farmstall_domain::validate::required_text;
use farmstall_domain::{FieldError, Rule};
use farmstall_store::members::{self, MemberRow};
use farmstall_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::farmers::parse_id;
use crate::{App, AppError, Result};

/// Longest member name, in characters.
const NAME_CHARS: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "Member")]
pub struct MemberDto {
    pub id: String,
    pub name: String,
    pub active: bool,
    /// Full pinyin and initials of the name, for the pickers' typing (`text::search_key`).
    pub search_key: String,
}

fn dto(m: MemberRow) -> MemberDto {
    MemberDto {
        id: m.id.to_string(),
        search_key: text::search_key(&m.name),
        name: m.name,
        active: m.active,
    }
}

fn unknown(id: &str) -> AppError {
    AppError::from(FieldError::new(
        "id",
        Rule::UnknownRecord,
        format!("there is no family member with id {id}"),
    ))
}

fn known(e: StoreError, id: &str) -> AppError {
    match e {
        StoreError::NotFound { .. } => unknown(id),
        other => other.into(),
    }
}

impl App {
    /// Active members first, then by name.
    pub fn list_members(&mut self) -> Result<Vec<MemberDto>> {
        self.store
            .read(|tx| Ok(members::list(tx)?.into_iter().map(dto).collect()))
    }

    pub fn add_member(&mut self, name: &str) -> Result<MemberDto> {
        let name = required_text("name", name, NAME_CHARS)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            if members::find_by_name(tx, &name)?.is_some() {
                return Err(AppError::from(FieldError::new(
                    "name",
                    Rule::Duplicate,
                    format!("{name} is already in the list: pick them from it"),
                )));
            }
            Ok(dto(members::insert(tx, &name, now, origin)?))
        })
    }

    /// A member who no longer works here is hidden from the switch and kept in the records.
    pub fn set_member_active(&mut self, id: &str, active: bool) -> Result<MemberDto> {
        let member = parse_id(id)?;
        let (now, origin) = (self.clock.now(), self.origin);
        self.store.write(|tx| {
            members::set_active(tx, member, active, now, origin)
                .map(dto)
                .map_err(|e| known(e, id))
        })
    }

    /// Who is working now; `""` = nobody.
    pub fn set_current_member(&mut self, id: &str) -> Result<Option<MemberDto>> {
        let id = id.trim();
        let (now, origin) = (self.clock.now(), self.origin);
        if id.is_empty() {
            return self.store.write(|tx| {
                members::set_current(tx, None, now, origin)?;
                Ok(None)
            });
        }
        let member = parse_id(id)?;
        self.store.write(|tx| {
            let found = members::get(tx, member).map_err(|e| known(e, id))?;
            if !found.active {
                return Err(AppError::from(FieldError::new(
                    "id",
                    Rule::NotAllowed,
                    format!(
                        "{} no longer works here: mark them active again first",
                        found.name
                    ),
                )));
            }
            members::set_current(tx, Some(member), now, origin)?;
            Ok(Some(dto(found)))
        })
    }

    pub fn current_member(&mut self) -> Result<Option<MemberDto>> {
        self.store.read(|tx| Ok(members::current(tx)?.map(dto)))
    }
}
