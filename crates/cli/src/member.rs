//! `member ...`: the family members, and who is working now.

use clap::Subcommand;
use farmstall_app::{App, AppError};

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum MemberCommand {
    /// Family members, active first
    List,
    Add {
        name: String,
    },
    /// Say who is working now (by name or id); `member use ""` = nobody
    Use {
        who: String,
    },
    /// Who is working now
    Current,
    /// Someone who no longer works here (kept in the records)
    Leave {
        who: String,
    },
}

impl MemberCommand {
    pub fn writes(&self) -> bool {
        !matches!(self, MemberCommand::List | MemberCommand::Current)
    }
}

/// A member named by id or by name.
pub fn member_id(app: &mut App, who: &str) -> Result<String, AppError> {
    let who = who.trim();
    if who.is_empty() {
        return Ok(String::new());
    }
    let members = app.list_members()?;
    Ok(members
        .iter()
        .find(|m| m.id == who || m.name == who)
        .map_or_else(|| who.to_string(), |m| m.id.clone()))
}

pub fn run(app: &mut App, out: &Output, command: MemberCommand) -> Result<(), AppError> {
    let line = |m: &farmstall_app::members::MemberDto| {
        format!(
            "{}  {}{}",
            m.id,
            m.name,
            if m.active { "" } else { " (left)" }
        )
    };
    match command {
        MemberCommand::List => {
            let members = app.list_members()?;
            out.print(&members, || {
                members.iter().map(line).collect::<Vec<_>>().join("\n")
            });
        }
        MemberCommand::Add { name } => {
            let m = app.add_member(&name)?;
            out.print(&m, || format!("added {}", line(&m)));
        }
        MemberCommand::Use { who } => {
            let id = member_id(app, &who)?;
            let m = app.set_current_member(&id)?;
            out.print(&m, || match &m {
                Some(m) => format!("{} is working", m.name),
                None => "nobody is working".to_string(),
            });
        }
        MemberCommand::Current => {
            let m = app.current_member()?;
            out.print(&m, || match &m {
                Some(m) => format!("{} is working", m.name),
                None => "nobody is working".to_string(),
            });
        }
        MemberCommand::Leave { who } => {
            let id = member_id(app, &who)?;
            let m = app.set_member_active(&id, false)?;
            out.print(&m, || format!("left: {}", line(&m)));
        }
    }
    Ok(())
}
