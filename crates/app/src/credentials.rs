//! The marketplace credentials (app key, secret, session), kept out of the database and out of
//! logs: sealed with ChaCha20-Poly1305 in `marketplace.sealed` next to the database, under a
//! random 256-bit key in `credentials.key` in the key folder (`$FARMSTALL_KEY_DIR`, else the
//! user's config folder, `~/.config/farmstall`), readable by the user only (folder 0700, file 0600,
//! created new so that two processes starting at once keep one key). A copy of the data
//! folder (a backup, a shared disk) therefore carries no usable secret; the key stays on this
//! account. An OS keyring is not used: Linux desktops without a Secret Service would lose sync.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use farmstall_domain::{FieldError, Rule};
use farmstall_marketplace::{SignMethod, Top, TopConfig};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{App, AppError, Result};

/// Environment variable that moves the key folder (tests, portable installs).
pub const KEY_DIR_ENV: &str = "FARMSTALL_KEY_DIR";
const KEY_FILE: &str = "credentials.key";
/// The sealed settings' file in the data folder.
pub(crate) const SEALED_FILE: &str = "marketplace.sealed";

/// How to reach the marketplace, as the owner types it. `secret` and `session` left empty keep
/// what is stored.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default)]
pub struct MarketplaceInput {
    /// The gateway's address, e.g. `https://eco.taobao.com` (`/router/rest` is added).
    pub base_url: String,
    pub app_key: String,
    pub secret: String,
    pub session: String,
    /// `md5`, `hmac` or `hmac-sha256`; "" = `hmac-sha256`.
    pub sign_method: String,
}

impl std::fmt::Debug for MarketplaceInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MarketplaceInput")
            .field("base_url", &self.base_url)
            .field("app_key", &self.app_key)
            .field("secret", &"<hidden>")
            .field("session", &"<hidden>")
            .field("sign_method", &self.sign_method)
            .finish()
    }
}

/// The connection as the window shows it: never the secret or the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MarketplaceSettings {
    pub connected: bool,
    pub base_url: String,
    pub app_key: String,
    pub sign_method: String,
    pub has_secret: bool,
    pub has_session: bool,
    /// Connected to the demo marketplace built into the app.
    pub demo: bool,
}

#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
struct Stored {
    base_url: String,
    app_key: String,
    secret: String,
    session: String,
    sign_method: String,
    #[serde(default)]
    demo: bool,
}

#[derive(Serialize, Deserialize)]
struct Sealed {
    v: u32,
    nonce: String,
    data: String,
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect()
}

/// The key folder: `$FARMSTALL_KEY_DIR`, else `~/.config/farmstall`.
pub fn key_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os(KEY_DIR_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::config_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("farmstall")
}

fn trouble(what: &str, path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::Conflict(format!("{what} {}: {e}", path.display()))
}

/// Creates the key folder readable by the user only (0700), and tightens one that exists open to
/// others: the key in it opens the sealed settings.
fn private_dir(dir: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        builder.mode(0o700);
        builder
            .create(dir)
            .map_err(|e| trouble("cannot create the folder", dir, e))?;
        let mode = fs::metadata(dir)
            .map_err(|e| trouble("cannot read", dir, e))?
            .permissions()
            .mode();
        if mode & 0o077 != 0 {
            fs::set_permissions(dir, fs::Permissions::from_mode(mode & 0o700 | 0o700)).map_err(
                |e| {
                    trouble(
                        "cannot make private (readable by this user only) the folder",
                        dir,
                        e,
                    )
                },
            )?;
        }
    }
    #[cfg(not(unix))]
    builder
        .create(dir)
        .map_err(|e| trouble("cannot create the folder", dir, e))?;
    Ok(())
}

/// A new file readable by the user only (0600), refused when the name is taken.
fn create_new_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes).and_then(|()| file.sync_all())
}

/// A name no other writer uses at the same time: the process, and random bytes.
fn unique_tmp(path: &Path) -> PathBuf {
    let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        hex(&nonce[..8])
    ))
}

/// Replaces `path` with `bytes` whole (written beside it, then renamed over it), readable by the
/// user only.
fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| trouble("cannot create the folder", dir, e))?;
    }
    let tmp = unique_tmp(path);
    create_new_private(&tmp, bytes).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        trouble("cannot write", &tmp, e)
    })?;
    fs::rename(&tmp, path).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        trouble("cannot write", path, e)
    })
}

const KEY_LEN: usize = 32;

/// Reads the key; None when there is none. A short key may be one another process is writing
/// (only where hard links are not available): it is read again for a moment before it is called
/// damaged.
fn read_key(path: &Path) -> Result<Option<Key>> {
    for attempt in 0..20 {
        match fs::read(path) {
            Ok(bytes) if bytes.len() == KEY_LEN => return Ok(Some(*Key::from_slice(&bytes))),
            Ok(bytes) if bytes.len() < KEY_LEN && attempt < 19 => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Ok(_) => break,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(trouble("cannot read", path, e)),
        }
    }
    Err(AppError::Conflict(format!(
        "the credentials key {} is damaged: delete it and enter the marketplace settings again",
        path.display()
    )))
}

/// The key in `dir`, made when there is none and `create`. Two processes making it at once end
/// with one key: each writes a whole key to a file of its own, then links it to the key's name,
/// which only one link can take (never replacing a key another process already sealed with); the
/// other reads the winner's key.
fn key(dir: &Path, create: bool) -> Result<Option<Key>> {
    let path = dir.join(KEY_FILE);
    if create {
        // Settings are being sealed: the folder is made private first, also when an older
        // version left it open to others.
        private_dir(dir)?;
    }
    if let Some(key) = read_key(&path)? {
        return Ok(Some(key));
    }
    if !create {
        return Ok(None);
    }
    let key = ChaCha20Poly1305::generate_key(&mut OsRng);
    let tmp = unique_tmp(&path);
    create_new_private(&tmp, key.as_slice()).map_err(|e| {
        let _ = fs::remove_file(&tmp);
        trouble("cannot write", &tmp, e)
    })?;
    let linked = fs::hard_link(&tmp, &path);
    let _ = fs::remove_file(&tmp);
    match linked {
        Ok(()) => Ok(Some(key)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key(&path),
        // A file system without hard links: the key's own name, created new.
        Err(_) => match create_new_private(&path, key.as_slice()) {
            Ok(()) => Ok(Some(key)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => read_key(&path),
            Err(e) => Err(trouble("cannot write", &path, e)),
        },
    }
}

impl App {
    fn sealed_path(&self) -> PathBuf {
        self.db_path()
            .parent()
            .map(|p| p.join(SEALED_FILE))
            .unwrap_or_else(|| PathBuf::from(SEALED_FILE))
    }

    fn read_credentials(&self) -> Result<Option<Stored>> {
        let path = self.sealed_path();
        let text = match fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(trouble("cannot read", &path, e)),
        };
        let unreadable = || {
            AppError::Conflict(format!(
                "the marketplace settings in {} cannot be opened with this computer's key: enter them again",
                path.display()
            ))
        };
        let sealed: Sealed = serde_json::from_str(&text).map_err(|_| unreadable())?;
        let Some(key) = key(&self.key_dir, false)? else {
            return Err(unreadable());
        };
        let (Some(nonce), Some(data)) = (unhex(&sealed.nonce), unhex(&sealed.data)) else {
            return Err(unreadable());
        };
        if nonce.len() != 12 {
            return Err(unreadable());
        }
        let plain = ChaCha20Poly1305::new(&key)
            .decrypt(Nonce::from_slice(&nonce), data.as_slice())
            .map_err(|_| unreadable())?;
        serde_json::from_slice(&plain)
            .map(Some)
            .map_err(|_| unreadable())
    }

    fn write_credentials(&self, stored: &Stored) -> Result<()> {
        let Some(key) = key(&self.key_dir, true)? else {
            return Err(AppError::Conflict(
                "no credentials key could be made".into(),
            ));
        };
        let nonce = ChaCha20Poly1305::generate_nonce(&mut OsRng);
        let plain = serde_json::to_vec(stored)
            .map_err(|e| AppError::Conflict(format!("the settings cannot be kept: {e}")))?;
        let data = ChaCha20Poly1305::new(&key)
            .encrypt(&nonce, plain.as_slice())
            .map_err(|_| AppError::Conflict("the settings cannot be sealed".into()))?;
        let sealed = Sealed {
            v: 1,
            nonce: hex(nonce.as_slice()),
            data: hex(&data),
        };
        let text = serde_json::to_string(&sealed)
            .map_err(|e| AppError::Conflict(format!("the settings cannot be kept: {e}")))?;
        write_private(&self.sealed_path(), text.as_bytes())
    }

    /// Where the marketplace is and who the shop is there (secret and session never shown).
    pub fn marketplace_settings(&mut self) -> Result<MarketplaceSettings> {
        let stored = self.read_credentials()?.unwrap_or_default();
        Ok(MarketplaceSettings {
            connected: !stored.base_url.is_empty(),
            base_url: stored.base_url,
            app_key: stored.app_key,
            sign_method: stored.sign_method,
            has_secret: !stored.secret.is_empty(),
            has_session: !stored.session.is_empty(),
            demo: stored.demo,
        })
    }

    /// Checks and keeps the marketplace settings (sealed, outside the database). Empty secret or
    /// session keep the stored ones. Behind the owner's PIN when one is set.
    pub fn save_marketplace(&mut self, input: &MarketplaceInput) -> Result<MarketplaceSettings> {
        self.require_unlocked()?;
        self.save_marketplace_as(input, false)
    }

    pub(crate) fn save_marketplace_as(
        &mut self,
        input: &MarketplaceInput,
        demo: bool,
    ) -> Result<MarketplaceSettings> {
        let before = self.read_credentials().ok().flatten().unwrap_or_default();
        let mut errors = Vec::new();
        let base_url = input.base_url.trim().trim_end_matches('/').to_string();
        // Judged on the parsed host: `http://127.0.0.1.evil.example` is another computer.
        if farmstall_marketplace::check_base_url(&base_url).is_err() {
            errors.push(FieldError::new(
                "baseUrl",
                Rule::NotAllowed,
                "baseUrl is the marketplace's https:// address (plain http only to this computer)",
            ));
        }
        let app_key = input.app_key.trim().to_string();
        if app_key.is_empty() {
            errors.push(FieldError::new(
                "appKey",
                Rule::Required,
                "appKey is required",
            ));
        }
        let secret = match input.secret.trim() {
            "" => before.secret.clone(),
            s => s.to_string(),
        };
        if secret.is_empty() {
            errors.push(FieldError::new(
                "secret",
                Rule::Required,
                "secret is required",
            ));
        }
        let session = match input.session.trim() {
            "" => before.session.clone(),
            s => s.to_string(),
        };
        if session.is_empty() {
            errors.push(FieldError::new(
                "session",
                Rule::Required,
                "session is required",
            ));
        }
        let sign_method = match input.sign_method.trim() {
            "" => "hmac-sha256".to_string(),
            m if SignMethod::ALL.iter().any(|s| s.as_str() == m) => m.to_string(),
            _ => {
                errors.push(FieldError::new(
                    "signMethod",
                    Rule::UnknownKind,
                    "signMethod is md5, hmac or hmac-sha256",
                ));
                String::new()
            }
        };
        if !errors.is_empty() {
            return Err(AppError::Invalid(errors));
        }
        // Another marketplace or shop: how far the last one was read says nothing here. The
        // account is named in the same transaction, so a round still reading the old one cannot
        // write its cursor afterwards (`store::sync::set_cursor`).
        let changed = before.base_url != base_url || before.app_key != app_key;
        let account = farmstall_marketplace::account(&base_url, &app_key);
        let at = self.at();
        self.store.write(|tx| -> Result<()> {
            if changed {
                farmstall_store::sync::reset_cursor(tx)?;
            }
            farmstall_store::sync::set_account(tx, &account, at.now, at.origin)?;
            Ok(())
        })?;
        self.write_credentials(&Stored {
            base_url,
            app_key,
            secret,
            session,
            sign_method,
            demo,
        })?;
        self.marketplace_settings()
    }

    /// Forgets the marketplace settings: sync stops until they are entered again.
    pub fn forget_marketplace(&mut self) -> Result<()> {
        self.require_unlocked()?;
        let path = self.sealed_path();
        match fs::remove_file(&path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(trouble("cannot remove", &path, e)),
        }
    }

    /// A client for the stored marketplace, or None when none is set up.
    pub fn marketplace_client(&mut self) -> Result<Option<Top>> {
        let Some(stored) = self.read_credentials()? else {
            return Ok(None);
        };
        if stored.base_url.is_empty() {
            return Ok(None);
        }
        let top = Top::new(TopConfig {
            base_url: stored.base_url,
            app_key: stored.app_key,
            secret: stored.secret,
            session: stored.session,
            sign_method: SignMethod::ALL
                .into_iter()
                .find(|m| m.as_str() == stored.sign_method)
                .unwrap_or(SignMethod::HmacSha256),
            timeout: std::time::Duration::from_secs(20),
        })
        .map_err(|e| AppError::Conflict(e.to_string()))?;
        Ok(Some(top))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression (issue 10): each process wrote its own key over the other's (one `.tmp` name,
    /// then a rename that replaces), so settings sealed by the first could no longer be opened.
    #[test]
    fn keys_made_at_once_are_one_key() {
        for _ in 0..20 {
            let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
            let keys = dir.path().join("keys");
            let start = std::sync::Arc::new(std::sync::Barrier::new(8));
            let made: Vec<Option<Vec<u8>>> = (0..8)
                .map(|_| {
                    let (keys, start) = (keys.clone(), std::sync::Arc::clone(&start));
                    std::thread::spawn(move || {
                        start.wait();
                        key(&keys, true)
                            .unwrap_or_else(|e| panic!("{e}"))
                            .map(|k| k.to_vec())
                    })
                })
                .collect::<Vec<_>>()
                .into_iter()
                .map(|t| t.join().unwrap_or_else(|_| panic!("a thread panicked")))
                .collect();
            let on_disk = fs::read(keys.join(KEY_FILE)).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(on_disk.len(), KEY_LEN);
            assert!(made
                .iter()
                .all(|k| k.as_deref() == Some(on_disk.as_slice())));
            let left: Vec<_> = fs::read_dir(&keys)
                .unwrap_or_else(|e| panic!("{e}"))
                .filter_map(|e| e.ok())
                .map(|e| e.file_name())
                .collect();
            assert_eq!(left.len(), 1, "no temporary file left: {left:?}");
        }
    }
}
