//! The marketplace client (issue 6): see docs/marketplace.md.
