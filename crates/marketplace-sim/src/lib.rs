//! The marketplace simulator (issue 6): see docs/marketplace.md.
