//! Farmstall's domain: the rules of a family farm shop as pure types and functions.
//!
//! Architecture Invariant: this crate does no IO. It knows nothing of SQLite, Tauri, HTTP or files,
//! and reads the time only through an injected [`clock::Clock`].

pub mod clock;
pub mod courier;
pub mod farmer;
pub mod fefo;
pub mod id;
pub mod money;
pub mod number;
pub mod order;
pub mod origin;
pub mod payroll;
pub mod product;
pub mod production;
pub mod quantity;
pub mod shop;
pub mod sync;
pub mod tax;
pub mod text;
pub mod validate;

pub use clock::{Clock, FixedClock, SystemClock};
pub use courier::Courier;
pub use farmer::{Farmer, FarmerDetails};
pub use id::Id;
pub use money::{Money, MoneyError};
pub use origin::Origin;
pub use product::{Product, ProductDetails, ProductKind};
pub use quantity::{BaseUnit, Quantity, Unit, UnitError};
pub use shop::{Address, Language, ShopProfile};
pub use validate::{Checker, FieldError, Rule};
