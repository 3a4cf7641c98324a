//! The application layer's one error type, and its form at the IPC boundary.

use farmstall_domain::FieldError;
use farmstall_store::rusqlite::ErrorCode;
use farmstall_store::StoreError;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything a use case can refuse or fail with. The message says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// What the user typed breaks rules (one entry per wrong field, never empty); nothing was
    /// written.
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    /// The request clashes with what is stored (e.g. the demo on a shop that has data).
    #[error("{0}")]
    Conflict(String),
    /// Pay and settings are behind the owner's PIN and this copy of the app is not unlocked.
    #[error("{0}")]
    Locked(String),
    #[error("{0}")]
    Store(#[from] StoreError),
}

impl From<FieldError> for AppError {
    fn from(error: FieldError) -> AppError {
        AppError::Invalid(vec![error])
    }
}

impl From<Vec<FieldError>> for AppError {
    fn from(errors: Vec<FieldError>) -> AppError {
        AppError::Invalid(errors)
    }
}

fn join_messages(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// One wrong field, as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldIssue {
    pub field: String,
    pub rule: String,
    pub message: String,
    /// Values for the translated message, e.g. `available` for `not_enough_stock`.
    #[ts(type = "Record<string, string>")]
    pub params: std::collections::BTreeMap<String, String>,
}

impl From<&FieldError> for FieldIssue {
    fn from(f: &FieldError) -> FieldIssue {
        FieldIssue {
            field: f.field.clone(),
            rule: f.rule.code().into(),
            message: f.message.clone(),
            params: f
                .params
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        }
    }
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    /// Why a database could not be opened, as a code the UI explains in the user's language.
    pub fn open_error_kind(&self) -> &'static str {
        match self {
            AppError::Store(StoreError::NotFarmstall { .. }) => "not_farmstall",
            AppError::Store(StoreError::Corrupt { .. }) => "corrupt",
            AppError::Store(StoreError::NewerVersion { .. }) => "newer_version",
            AppError::Store(StoreError::UnknownMigration { .. }) => "unknown_migration",
            AppError::Store(StoreError::CannotOpen { .. }) => "cannot_open",
            AppError::Store(StoreError::Backup { .. } | StoreError::BackupWrite { .. }) => {
                "backup_failed"
            }
            AppError::Store(StoreError::Busy) => "busy",
            AppError::Store(StoreError::ReadOnly { .. }) => "read_only",
            AppError::Store(StoreError::NoShop { .. }) => "no_shop",
            AppError::Store(StoreError::MigrationFailed { .. }) => "migration_failed",
            _ => "other",
        }
    }
}

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(rename = "IpcError")]
pub struct IpcError {
    #[ts(
        type = "\"validation\" | \"not_found\" | \"conflict\" | \"database\" | \"unavailable\" | \"locked\""
    )]
    pub kind: String,
    /// The input field at fault, camelCase (`price`, `address.province`).
    pub field: Option<String>,
    /// The rule broken, a code the UI translates.
    pub rule: Option<String>,
    /// An English sentence, shown when the UI has no translation.
    pub message: String,
    /// For `validation`: every wrong field in form order (the first is repeated above).
    pub errors: Vec<FieldIssue>,
}

impl IpcError {
    pub fn new(kind: &str, message: impl Into<String>) -> IpcError {
        IpcError {
            kind: kind.to_string(),
            field: None,
            rule: None,
            message: message.into(),
            errors: Vec::new(),
        }
    }
}

impl From<&AppError> for IpcError {
    fn from(error: &AppError) -> IpcError {
        let message = error.to_string();
        match error {
            AppError::Invalid(fields) => {
                let errors: Vec<FieldIssue> = fields.iter().map(FieldIssue::from).collect();
                IpcError {
                    kind: "validation".into(),
                    field: errors.first().map(|e| e.field.clone()),
                    rule: errors.first().map(|e| e.rule.clone()),
                    message,
                    errors,
                }
            }
            AppError::Conflict(_) => IpcError::new("conflict", message),
            AppError::Locked(_) => IpcError::new("locked", message),
            AppError::Store(store) => match store {
                StoreError::NotFound { .. } | StoreError::NoShop { .. } => {
                    IpcError::new("not_found", message)
                }
                StoreError::Busy => IpcError::new("unavailable", message),
                // A file a restore cannot use: the rule says why (`damaged`, `newer_version`, …).
                StoreError::Unusable { reason, .. } => IpcError {
                    rule: Some(reason.code().to_string()),
                    ..IpcError::new("conflict", message)
                },
                StoreError::Conflict(_) => IpcError::new("conflict", message),
                StoreError::Sqlite(e)
                    if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) =>
                {
                    IpcError::new(
                        "conflict",
                        format!(
                            "the change breaks a rule of the shop's data and was not saved ({e})"
                        ),
                    )
                }
                _ => IpcError::new("database", message),
            },
        }
    }
}

impl From<AppError> for IpcError {
    fn from(error: AppError) -> IpcError {
        IpcError::from(&error)
    }
}
