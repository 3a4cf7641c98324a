//! Farmstall's desktop shell: a Tauri 2 window over the application layer.
//!
//! Each command is a thin adapter: lock the open [`App`], call one use case, return its output or
//! an [`IpcError`]. Commands are `async` so that they run off the window's thread and never freeze
//! it. The data folder is `--data-dir DIR`, else `$FARMSTALL_DATA_DIR`, else the user's data folder.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::sync::Mutex;

use farmstall_app::dto::{
    AppStatus, DemoSummary, FarmerDto, FarmerInput, FarmerPage, ListQuery, ProductDto,
    ProductInput, ProductPage, ShopProfileDto, ShopProfileInput,
};
use farmstall_app::{paths, App, IpcError, Origin, VERSION};
use tauri::State;

/// The shell's state: the open shop, or why it could not be opened.
struct Shell {
    app: Mutex<Result<App, String>>,
    db_path: PathBuf,
}

type Reply<T> = Result<T, IpcError>;

impl Shell {
    fn with<T>(&self, work: impl FnOnce(&mut App) -> farmstall_app::Result<T>) -> Reply<T> {
        let mut guard = self.app.lock().map_err(|_| {
            IpcError::new(
                "unavailable",
                "Farmstall hit an internal error; please restart it",
            )
        })?;
        match guard.as_mut() {
            Ok(app) => work(app).map_err(IpcError::from),
            Err(reason) => Err(IpcError::new("unavailable", reason.clone())),
        }
    }
}

#[tauri::command]
async fn get_status(shell: State<'_, Shell>) -> Reply<AppStatus> {
    let failed = |reason: String| AppStatus {
        version: VERSION.to_string(),
        db_path: shell.db_path.display().to_string(),
        language: "zh-CN".into(),
        has_shop: false,
        open_error: Some(reason),
    };
    match shell.with(|app| app.status()) {
        Ok(status) => Ok(status),
        Err(e) if e.kind == "unavailable" => Ok(failed(e.message)),
        Err(e) => Err(e),
    }
}

#[tauri::command]
async fn set_language(shell: State<'_, Shell>, language: String) -> Reply<AppStatus> {
    shell.with(|app| app.set_language(&language))
}

#[tauri::command]
async fn get_shop_profile(shell: State<'_, Shell>) -> Reply<Option<ShopProfileDto>> {
    shell.with(|app| app.shop_profile())
}

#[tauri::command]
async fn save_shop_profile(
    shell: State<'_, Shell>,
    input: ShopProfileInput,
) -> Reply<ShopProfileDto> {
    shell.with(|app| app.save_shop_profile(&input))
}

#[tauri::command]
async fn load_demo(shell: State<'_, Shell>) -> Reply<DemoSummary> {
    shell.with(|app| app.load_demo())
}

#[tauri::command]
async fn list_farmers(shell: State<'_, Shell>, query: ListQuery) -> Reply<FarmerPage> {
    shell.with(|app| app.list_farmers(&query))
}

#[tauri::command]
async fn get_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell.with(|app| app.get_farmer(&id))
}

#[tauri::command]
async fn create_farmer(shell: State<'_, Shell>, input: FarmerInput) -> Reply<FarmerDto> {
    shell.with(|app| app.create_farmer(&input))
}

#[tauri::command]
async fn update_farmer(
    shell: State<'_, Shell>,
    id: String,
    input: FarmerInput,
) -> Reply<FarmerDto> {
    shell.with(|app| app.update_farmer(&id, &input))
}

#[tauri::command]
async fn archive_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell.with(|app| app.archive_farmer(&id))
}

#[tauri::command]
async fn restore_farmer(shell: State<'_, Shell>, id: String) -> Reply<FarmerDto> {
    shell.with(|app| app.restore_farmer(&id))
}

#[tauri::command]
async fn list_products(shell: State<'_, Shell>, query: ListQuery) -> Reply<ProductPage> {
    shell.with(|app| app.list_products(&query))
}

#[tauri::command]
async fn get_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell.with(|app| app.get_product(&id))
}

#[tauri::command]
async fn create_product(shell: State<'_, Shell>, input: ProductInput) -> Reply<ProductDto> {
    shell.with(|app| app.create_product(&input))
}

#[tauri::command]
async fn update_product(
    shell: State<'_, Shell>,
    id: String,
    input: ProductInput,
) -> Reply<ProductDto> {
    shell.with(|app| app.update_product(&id, &input))
}

#[tauri::command]
async fn archive_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell.with(|app| app.archive_product(&id))
}

#[tauri::command]
async fn restore_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell.with(|app| app.restore_product(&id))
}

/// The data folder from `--data-dir DIR` / `--data-dir=DIR`, else the default.
fn data_dir() -> PathBuf {
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            if let Some(dir) = args.next() {
                return PathBuf::from(dir);
            }
        } else if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return PathBuf::from(dir);
        }
    }
    paths::default_data_dir()
}

fn main() {
    let db_path = data_dir().join(paths::DB_FILE);
    let app = App::open(&db_path, Origin::Desktop).map_err(|e| e.to_string());
    if let Err(reason) = &app {
        eprintln!("farmstall: {reason}");
    }
    let result = tauri::Builder::default()
        .manage(Shell {
            app: Mutex::new(app),
            db_path,
        })
        .invoke_handler(tauri::generate_handler![
            get_status,
            set_language,
            get_shop_profile,
            save_shop_profile,
            load_demo,
            list_farmers,
            get_farmer,
            create_farmer,
            update_farmer,
            archive_farmer,
            restore_farmer,
            list_products,
            get_product,
            create_product,
            update_product,
            archive_product,
            restore_product,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("farmstall: the window could not start: {error}");
        std::process::exit(1);
    }
}
