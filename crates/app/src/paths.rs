//! Where the shop's data lives by default, shared by the desktop app and the CLI so that both
//! open the same file.

use std::path::PathBuf;

/// Environment variable that moves the data folder (tests, portable installs).
pub const DATA_DIR_ENV: &str = "FARMSTALL_DATA_DIR";

/// The database file's name inside the data folder.
pub const DB_FILE: &str = "farmstall.db";

/// The data folder: `$FARMSTALL_DATA_DIR` if set, else the user's data folder
/// (`~/.local/share/farmstall` on Linux, `%APPDATA%\farmstall` on Windows,
/// `~/Library/Application Support/farmstall` on macOS).
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("farmstall")
}

/// The default database file.
pub fn default_db_path() -> PathBuf {
    default_data_dir().join(DB_FILE)
}
