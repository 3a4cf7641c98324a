//! The simulator from outside, over HTTP, as a client following docs/marketplace.md sees it: every
//! error shape, the four methods and their state, buyers that never oversell, faults reproducible by
//! seed, bans that last, and the control endpoints. One test binary (modules) to keep builds short.

mod buyers;
mod client;
mod control;
mod errors;
mod faults;
mod methods;
