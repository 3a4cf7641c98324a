//! Orders: where an order is in its life and what each step does to stock.
//!
//! The platform is the authority on payment, cancellation and refund; the shop on packing and
//! shipping. Stock is reserved when an order is paid, released if it is cancelled before packing,
//! allocated to lots (first expiry first) when it is packed, and put back into its lots if a packed
//! order is unpacked or cancelled before it leaves. Goods that come back after shipping are a
//! return, decided item by item (back into the lot or written off), not a state change.

use std::fmt;

/// Where an order is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OrderState {
    /// Placed, not paid yet: nothing is reserved.
    WaitingPayment,
    /// Paid: its goods are reserved and it waits to be packed.
    Paid,
    /// Someone is packing it.
    Packing,
    /// In its box: lots and packaging have left stock.
    Packed,
    /// Handed to the courier with a waybill.
    Shipped,
    /// The buyer received it (or the platform closed it as done).
    Finished,
    /// Cancelled before it shipped.
    Cancelled,
    /// Money given back to the buyer.
    Refunded,
}

/// What a step does to stock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StockEffect {
    None,
    /// Reserve the order's goods (paid).
    Reserve,
    /// Give the reservation back (cancelled or refunded before packing).
    Release,
    /// Take the goods from their lots, first expiry first, and the packaging (packed).
    Allocate,
    /// Put what packing took back into the lots it came from (unpacked, or cancelled in the box).
    PutBack,
}

/// A step an order cannot take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an order that is {from} cannot become {to}")]
pub struct NotAllowed {
    pub from: OrderState,
    pub to: OrderState,
}

impl OrderState {
    pub const ALL: [OrderState; 8] = [
        OrderState::WaitingPayment,
        OrderState::Paid,
        OrderState::Packing,
        OrderState::Packed,
        OrderState::Shipped,
        OrderState::Finished,
        OrderState::Cancelled,
        OrderState::Refunded,
    ];

    pub fn code(self) -> &'static str {
        match self {
            OrderState::WaitingPayment => "waiting_payment",
            OrderState::Paid => "paid",
            OrderState::Packing => "packing",
            OrderState::Packed => "packed",
            OrderState::Shipped => "shipped",
            OrderState::Finished => "finished",
            OrderState::Cancelled => "cancelled",
            OrderState::Refunded => "refunded",
        }
    }

    pub fn parse(code: &str) -> Option<OrderState> {
        OrderState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the order's goods are reserved (paid, waiting to be packed or being packed).
    pub fn holds_reservation(self) -> bool {
        matches!(self, OrderState::Paid | OrderState::Packing)
    }

    /// Whether the order's goods are out of their lots (packed or later, until a refund or return).
    pub fn has_left_stock(self) -> bool {
        matches!(
            self,
            OrderState::Packed | OrderState::Shipped | OrderState::Finished
        )
    }

    /// No step leads on from here.
    pub fn is_final(self) -> bool {
        matches!(self, OrderState::Cancelled | OrderState::Refunded)
    }
}

impl fmt::Display for OrderState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Whether an order may go from `from` to `to`, and what that does to stock.
pub fn step(from: OrderState, to: OrderState) -> Result<StockEffect, NotAllowed> {
    use OrderState::*;
    use StockEffect as E;
    let effect = match (from, to) {
        (WaitingPayment, Paid) => E::Reserve,
        (WaitingPayment, Cancelled) => E::None,
        (Paid, Packing) | (Packing, Paid) => E::None,
        (Paid | Packing, Packed) => E::Allocate,
        (Paid | Packing, Cancelled | Refunded) => E::Release,
        // Unpacking: the goods go back to their lots and the order waits to be packed again.
        (Packed, Paid) => E::PutBack,
        (Packed, Cancelled | Refunded) => E::PutBack,
        (Packed, Shipped) => E::None,
        // Undoing a wrong scan at the courier's table: the parcel is still here, in its box; its
        // goods stay out of their lots.
        (Shipped, Packed) => E::None,
        (Shipped, Finished) => E::None,
        // After shipping, goods that come back are a return, recorded item by item.
        (Shipped | Finished, Refunded) => E::None,
        _ => return Err(NotAllowed { from, to }),
    };
    Ok(effect)
}

#[cfg(test)]
mod tests {
    use super::*;
    use OrderState::*;

    #[test]
    fn codes_round_trip() {
        for s in OrderState::ALL {
            assert_eq!(OrderState::parse(s.code()), Some(s));
        }
        assert_eq!(OrderState::parse("lost"), None);
    }

    #[test]
    fn the_happy_path_reserves_allocates_and_ships() {
        assert_eq!(step(WaitingPayment, Paid), Ok(StockEffect::Reserve));
        assert_eq!(step(Paid, Packing), Ok(StockEffect::None));
        assert_eq!(step(Packing, Packed), Ok(StockEffect::Allocate));
        assert_eq!(step(Packed, Shipped), Ok(StockEffect::None));
        assert_eq!(step(Shipped, Finished), Ok(StockEffect::None));
    }

    #[test]
    fn cancelling_gives_back_what_the_order_held() {
        assert_eq!(step(WaitingPayment, Cancelled), Ok(StockEffect::None));
        assert_eq!(step(Paid, Cancelled), Ok(StockEffect::Release));
        assert_eq!(step(Packing, Refunded), Ok(StockEffect::Release));
        assert_eq!(step(Packed, Cancelled), Ok(StockEffect::PutBack));
        assert_eq!(step(Packed, Paid), Ok(StockEffect::PutBack));
    }

    #[test]
    fn what_has_shipped_cannot_be_cancelled_or_unpacked() {
        for to in [Cancelled, Paid, Packing, WaitingPayment] {
            assert!(step(Shipped, to).is_err(), "shipped -> {to}");
        }
        assert_eq!(step(Shipped, Refunded), Ok(StockEffect::None));
    }

    #[test]
    fn a_wrong_ship_scan_is_undone_back_to_packed_without_touching_stock() {
        assert_eq!(step(Shipped, Packed), Ok(StockEffect::None));
        assert!(
            step(Finished, Packed).is_err(),
            "a received parcel stays shipped"
        );
    }

    #[test]
    fn final_states_lead_nowhere_and_no_state_steps_to_itself() {
        for from in OrderState::ALL {
            assert!(step(from, from).is_err(), "{from} -> {from}");
            if from.is_final() {
                for to in OrderState::ALL {
                    assert!(step(from, to).is_err(), "{from} -> {to}");
                }
            }
        }
    }

    /// Every allowed step keeps the stock story straight: a reservation is only made by an order
    /// that holds none and ends up holding one, goods only leave stock from a reservation, and what
    /// left comes back only to an order that no longer has it out.
    #[test]
    fn every_allowed_step_keeps_reservations_and_lots_consistent() {
        for from in OrderState::ALL {
            for to in OrderState::ALL {
                let Ok(effect) = step(from, to) else { continue };
                let held = (from.holds_reservation(), to.holds_reservation());
                let out = (from.has_left_stock(), to.has_left_stock());
                match effect {
                    StockEffect::Reserve => assert_eq!(held, (false, true), "{from}->{to}"),
                    StockEffect::Release => {
                        assert_eq!(held, (true, false), "{from}->{to}");
                        assert_eq!(out, (false, false), "{from}->{to}");
                    }
                    StockEffect::Allocate => {
                        assert_eq!(held, (true, false), "{from}->{to}");
                        assert_eq!(out, (false, true), "{from}->{to}");
                    }
                    StockEffect::PutBack => assert_eq!(out, (true, false), "{from}->{to}"),
                    StockEffect::None => {
                        assert_eq!(
                            held.0, held.1,
                            "{from}->{to} changes the reservation silently"
                        );
                        // Refunds after shipping: what came back is a return, item by item.
                        if to != Refunded {
                            assert_eq!(out.0, out.1, "{from}->{to} moves goods silently");
                        }
                    }
                }
            }
        }
    }
}
