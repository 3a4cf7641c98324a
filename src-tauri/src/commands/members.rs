//! The family members and who is working now.

use farmstall_app::members::MemberDto;
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn list_members(shell: State<'_, Shell>) -> Reply<Vec<MemberDto>> {
    shell
        .run("list_members", move |app| app.list_members())
        .await
}

#[tauri::command]
pub async fn add_member(shell: State<'_, Shell>, name: String) -> Reply<MemberDto> {
    shell
        .run("add_member", move |app| app.add_member(&name))
        .await
}

#[tauri::command]
pub async fn set_member_active(
    shell: State<'_, Shell>,
    id: String,
    active: bool,
) -> Reply<MemberDto> {
    shell
        .run("set_member_active", move |app| {
            app.set_member_active(&id, active)
        })
        .await
}

#[tauri::command]
pub async fn set_current_member(shell: State<'_, Shell>, id: String) -> Reply<Option<MemberDto>> {
    shell
        .run("set_current_member", move |app| app.set_current_member(&id))
        .await
}

#[tauri::command]
pub async fn current_member(shell: State<'_, Shell>) -> Reply<Option<MemberDto>> {
    shell
        .run("current_member", move |app| app.current_member())
        .await
}
