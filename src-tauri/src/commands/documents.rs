//! Everything printed: statements, labels, pick lists, slips; opening and printing a saved one.

use farmstall_app::printing::{PrintJob, PrintSetup, Printer};
use farmstall_app::shipping::{LabelRequest, PickListQuery};
use farmstall_app::statement::{SavedDocument, StatementDto, StatementQuery};
use tauri::State;

use crate::shell::{blocking, Reply, Shell};

#[tauri::command]
pub async fn farmer_statement(
    shell: State<'_, Shell>,
    query: StatementQuery,
) -> Reply<StatementDto> {
    shell
        .run("farmer_statement", move |app| app.farmer_statement(&query))
        .await
}

#[tauri::command]
pub async fn save_farmer_statement(
    shell: State<'_, Shell>,
    query: StatementQuery,
) -> Reply<SavedDocument> {
    shell
        .run("save_farmer_statement", move |app| {
            app.save_farmer_statement(&query)
        })
        .await
}

/// Opens a document Farmstall saved in the system's viewer (`xdg-open` on Linux, `open` on macOS,
/// `explorer` on Windows, found by `App::open_document`). Only a file under the shop's
/// `documents` folder is opened (`App::saved_document`); no viewer is a `no_viewer` refusal that
/// names where the file is.
#[tauri::command]
pub async fn open_document(shell: State<'_, Shell>, path: String) -> Reply<()> {
    shell
        .run("open_document", move |app| app.open_document(&path))
        .await
}

/// Opens the folder holding a document Farmstall saved, in the system's file manager (the same
/// launcher as [`open_document`], given the folder), so a person can find, copy or mail the file.
#[tauri::command]
pub async fn show_document_folder(shell: State<'_, Shell>, path: String) -> Reply<()> {
    shell
        .run("show_document_folder", move |app| {
            app.show_document_folder(&path)
        })
        .await
}

/// The printers, and whether the print service and a viewer are there (`lpstat` runs on a
/// blocking thread).
#[tauri::command]
pub async fn print_setup(shell: State<'_, Shell>) -> Reply<PrintSetup> {
    shell
        .run("print_setup", move |app| Ok(app.print_setup()))
        .await
}

#[tauri::command]
pub async fn print_labels(shell: State<'_, Shell>, request: LabelRequest) -> Reply<SavedDocument> {
    shell
        .run("print_labels", move |app| app.print_labels(&request))
        .await
}

#[tauri::command]
pub async fn print_pick_list(
    shell: State<'_, Shell>,
    query: PickListQuery,
) -> Reply<SavedDocument> {
    shell
        .run("print_pick_list", move |app| app.print_pick_list(&query))
        .await
}

#[tauri::command]
pub async fn print_packing_slips(
    shell: State<'_, Shell>,
    order_ids: Vec<String>,
) -> Reply<SavedDocument> {
    shell
        .run("print_packing_slips", move |app| {
            app.print_packing_slips(&order_ids)
        })
        .await
}

/// The CUPS printers (`lpstat` runs on a blocking thread).
#[tauri::command]
pub async fn list_printers() -> Reply<Vec<Printer>> {
    blocking("list_printers", || {
        Ok(farmstall_app::printing::list_printers())
    })
    .await
}

#[tauri::command]
pub async fn print_document(
    shell: State<'_, Shell>,
    path: String,
    printer: String,
) -> Reply<PrintJob> {
    shell
        .run("print_document", move |app| {
            app.print_document(&path, &printer)
        })
        .await
}
