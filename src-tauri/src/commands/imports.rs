//! Orders from the platforms' export files, the mappings of their lines to products, held
//! orders, and the bulk-shipping file back. The window reads a chosen or dropped file itself and
//! sends its bytes as base64 (no path leaves the window, and none is opened here).

use farmstall_app::imports::{
    decode_files, HeldImportDto, ImportFile, ImportMapping, ImportMappingInput, ImportOptions,
    ImportReport, MappingSaved, ShipmentExport, ShipmentExportInput, SplitInput,
};
use farmstall_app::orders::OrderDto;
use tauri::{AppHandle, Emitter, State};

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn preview_import(
    shell: State<'_, Shell>,
    files: Vec<ImportFile>,
    options: ImportOptions,
) -> Reply<ImportReport> {
    shell
        .run("preview_import", move |app| {
            app.preview_import(&decode_files(files)?, &options)
        })
        .await
}

/// Imports in one transaction; the window hears `import-progress` events ({done, total}).
#[tauri::command]
pub async fn import_orders(
    shell: State<'_, Shell>,
    handle: AppHandle,
    files: Vec<ImportFile>,
    options: ImportOptions,
) -> Reply<ImportReport> {
    shell
        .run("import_orders", move |app| {
            let files = decode_files(files)?;
            app.import_orders(&files, &options, &mut |done, total| {
                let _ = handle.emit(
                    "import-progress",
                    serde_json::json!({ "done": done, "total": total }),
                );
            })
        })
        .await
}

/// The demo shop's export files, so a person can try the import without a seller centre.
#[tauri::command]
pub async fn demo_import_files(shell: State<'_, Shell>) -> Reply<Vec<ImportFile>> {
    shell
        .run("demo_import_files", move |_app| {
            Ok(farmstall_app::imports::demo_files())
        })
        .await
}

#[tauri::command]
pub async fn import_mappings(shell: State<'_, Shell>) -> Reply<Vec<ImportMapping>> {
    shell
        .run("import_mappings", move |app| app.import_mappings())
        .await
}

#[tauri::command]
pub async fn save_import_mapping(
    shell: State<'_, Shell>,
    input: ImportMappingInput,
) -> Reply<MappingSaved> {
    shell
        .run("save_import_mapping", move |app| {
            app.save_import_mapping(&input)
        })
        .await
}

#[tauri::command]
pub async fn held_imports(shell: State<'_, Shell>) -> Reply<Vec<HeldImportDto>> {
    shell
        .run("held_imports", move |app| app.held_imports())
        .await
}

#[tauri::command]
pub async fn split_held_import(shell: State<'_, Shell>, input: SplitInput) -> Reply<OrderDto> {
    shell
        .run("split_held_import", move |app| {
            app.split_held_import(&input)
        })
        .await
}

#[tauri::command]
pub async fn export_shipments(
    shell: State<'_, Shell>,
    input: ShipmentExportInput,
) -> Reply<ShipmentExport> {
    shell
        .run("export_shipments", move |app| app.export_shipments(&input))
        .await
}
