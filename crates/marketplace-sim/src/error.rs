//! The simulator's error: what a caller of the Rust API did wrong, or why it could not start.

/// Errors of the simulator's Rust API (the HTTP side answers the platform's error shapes instead).
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("the simulator could not listen on 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("the simulator could not start its runtime: {0}")]
    Runtime(std::io::Error),
    #[error("invalid simulator config: {0}")]
    Config(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// The platform would refuse it too (stock too short, an order in the wrong status).
    #[error("refused: {0}")]
    Refused(String),
}

pub type Result<T> = std::result::Result<T, SimError>;
