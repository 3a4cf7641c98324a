//! The desktop commands, one module per noun. Each command is a thin adapter: it hands one use
//! case to [`crate::shell::Shell::run`] and returns its output or an `IpcError`. Which commands
//! exist is declared once, in `commands.txt` (see `build.rs`).

pub mod backup;
pub mod crash;
pub mod documents;
pub mod expenses;
pub mod farmers;
pub mod imports;
pub mod members;
pub mod orders;
pub mod pay;
pub mod production;
pub mod products;
pub mod reports;
pub mod shipping;
pub mod shop;
pub mod stock;
