//! The cost book: expenses by day and category, a month's list with its sums, void and its undo.

use farmstall_app::expenses::{ExpenseDto, ExpenseInput, ExpensePage, ExpenseQuery};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn add_expense(shell: State<'_, Shell>, input: ExpenseInput) -> Reply<ExpenseDto> {
    shell
        .run("add_expense", move |app| app.add_expense(&input))
        .await
}

#[tauri::command]
pub async fn list_expenses(shell: State<'_, Shell>, query: ExpenseQuery) -> Reply<ExpensePage> {
    shell
        .run("list_expenses", move |app| app.list_expenses(&query))
        .await
}

#[tauri::command]
pub async fn export_expenses_xlsx(
    shell: State<'_, Shell>,
    query: ExpenseQuery,
) -> Reply<farmstall_app::statement::SavedDocument> {
    shell
        .run("export_expenses_xlsx", move |app| {
            app.export_expenses_xlsx(&query)
        })
        .await
}

#[tauri::command]
pub async fn void_expense(shell: State<'_, Shell>, id: String) -> Reply<ExpenseDto> {
    shell
        .run("void_expense", move |app| app.void_expense(&id))
        .await
}

#[tauri::command]
pub async fn restore_expense(shell: State<'_, Shell>, id: String) -> Reply<ExpenseDto> {
    shell
        .run("restore_expense", move |app| app.restore_expense(&id))
        .await
}
