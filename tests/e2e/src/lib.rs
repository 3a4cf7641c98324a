//! End-to-end tests of the Farmstall desktop app: the real binary in a virtual display, driven
//! through tauri-driver and WebKitWebDriver, found by the `data-testid`s listed in `docs/ipc.md`.
//!
//! `webdriver` is a minimal W3C WebDriver client, `harness` starts Xvfb + tauri-driver + the app and
//! waits for things, `flows` holds the user journeys several tests share.

pub mod flows;
pub mod harness;
pub mod webdriver;

pub use harness::App;
