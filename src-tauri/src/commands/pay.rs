//! Pay: employees, work records, the month's payslips, payments and the year's exports.

use farmstall_app::payroll::{
    EmployeeDto, EmployeeInput, PayInput, PayYear, PayrollPreview, PayslipRequest, WorkInput,
    WorkRecord, WorkWeek, WorkWeekInput, WorkWeekSaved,
};
use farmstall_app::statement::SavedDocument;
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn save_employee(shell: State<'_, Shell>, input: EmployeeInput) -> Reply<EmployeeDto> {
    shell
        .run("save_employee", move |app| app.save_employee(&input))
        .await
}

#[tauri::command]
pub async fn list_employees(shell: State<'_, Shell>) -> Reply<Vec<EmployeeDto>> {
    shell
        .run("list_employees", move |app| app.list_employees())
        .await
}

#[tauri::command]
pub async fn record_work(shell: State<'_, Shell>, input: WorkInput) -> Reply<String> {
    shell
        .run("record_work", move |app| app.record_work(&input))
        .await
}

#[tauri::command]
pub async fn work_week(shell: State<'_, Shell>, week_start: String) -> Reply<WorkWeek> {
    shell
        .run("work_week", move |app| app.work_week(&week_start))
        .await
}

#[tauri::command]
pub async fn save_work_week(shell: State<'_, Shell>, input: WorkWeekInput) -> Reply<WorkWeekSaved> {
    shell
        .run("save_work_week", move |app| app.save_work_week(&input))
        .await
}

#[tauri::command]
pub async fn preview_payroll(shell: State<'_, Shell>, month: String) -> Reply<PayrollPreview> {
    shell
        .run("preview_payroll", move |app| app.preview_payroll(&month))
        .await
}

#[tauri::command]
pub async fn approve_payroll(shell: State<'_, Shell>, month: String) -> Reply<PayrollPreview> {
    shell
        .run("approve_payroll", move |app| app.approve_payroll(&month))
        .await
}

#[tauri::command]
pub async fn pay_payslip(shell: State<'_, Shell>, input: PayInput) -> Reply<PayrollPreview> {
    shell
        .run("pay_payslip", move |app| app.pay_payslip(&input))
        .await
}

#[tauri::command]
pub async fn print_payslips(
    shell: State<'_, Shell>,
    request: PayslipRequest,
) -> Reply<SavedDocument> {
    shell
        .run("print_payslips", move |app| app.print_payslips(&request))
        .await
}

#[tauri::command]
pub async fn pay_year(shell: State<'_, Shell>, year: i32) -> Reply<PayYear> {
    shell.run("pay_year", move |app| app.pay_year(year)).await
}

#[tauri::command]
pub async fn export_pay_year_csv(shell: State<'_, Shell>, year: i32) -> Reply<SavedDocument> {
    shell
        .run("export_pay_year_csv", move |app| {
            app.export_pay_year_csv(year)
        })
        .await
}

#[tauri::command]
pub async fn export_pay_year_xlsx(shell: State<'_, Shell>, year: i32) -> Reply<SavedDocument> {
    shell
        .run("export_pay_year_xlsx", move |app| {
            app.export_pay_year_xlsx(year)
        })
        .await
}

#[tauri::command]
pub async fn list_work(shell: State<'_, Shell>, month: String) -> Reply<Vec<WorkRecord>> {
    shell
        .run("list_work", move |app| app.list_work(&month))
        .await
}

#[tauri::command]
pub async fn delete_work(shell: State<'_, Shell>, id: String) -> Reply<()> {
    shell
        .run("delete_work", move |app| app.delete_work(&id))
        .await
}
