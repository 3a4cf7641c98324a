//! Helpers shared by the integration tests (and, by path, the bench).

#![allow(dead_code)] // each test binary uses its own part

pub mod synth;

/// The value, or the test fails with the error's message (a test's inputs fail loudly).
pub fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}
