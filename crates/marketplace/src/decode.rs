//! Reading the platform's JSON answers (`docs/marketplace.md`, "Errors" and "Methods"): unknown fields
//! are ignored, a missing or malformed field is reported by its full path
//! (`trade_fullinfo_get_response.trade.tid is missing`), and an `error_response` becomes the
//! [`MarketError`] its code and sub-code mean.

use std::str::FromStr;

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::error::{MarketError, Result};
use crate::model::{
    ChangedOrder, ChangedPage, PlatformLine, PlatformOrder, Recipient, RefundStatus, TradeStatus,
};

/// A rate limit whose `sub_msg` does not say how long the ban lasts is waited out for this long;
/// a call inside a longer ban is refused again and says so.
const DEFAULT_BAN_SECONDS: u64 = 1;

/// The answer to `taobao.trades.sold.increment.get`.
pub(crate) fn changed_page(body: &[u8]) -> Result<ChangedPage> {
    let root = parse(body)?;
    let response = response(&root, "trades_sold_increment_get_response")?;
    let has_next = response.get("has_next")?.boolean()?;
    // Counted only when asked without `use_has_next`; 0 otherwise.
    let total = match response.opt("total_results") {
        Some(n) => u64::try_from(n.integer()?).unwrap_or(0),
        None => 0,
    };
    let orders = match response.opt("trades") {
        None => Vec::new(),
        Some(trades) => trades
            .get("trade")?
            .list()?
            .into_iter()
            .map(|trade| {
                Ok(ChangedOrder {
                    tid: trade.get("tid")?.id()?,
                    // A status Farmstall does not know must not cost the rest of the page:
                    // the order is read in full on its own, where it can be set aside alone.
                    status: trade.get("status")?.trade_status().ok(),
                    modified: trade.get("modified")?.time()?,
                })
            })
            .collect::<Result<Vec<_>>>()?,
    };
    Ok(ChangedPage {
        orders,
        has_next,
        total,
    })
}

/// The answer to `taobao.trade.fullinfo.get`.
pub(crate) fn order(body: &[u8]) -> Result<PlatformOrder> {
    let root = parse(body)?;
    let trade = response(&root, "trade_fullinfo_get_response")?.get("trade")?;
    let lines = trade
        .get("orders")?
        .get("order")?
        .list()?
        .into_iter()
        .map(|line| {
            Ok(PlatformLine {
                oid: line.get("oid")?.id()?,
                num_iid: line.get("num_iid")?.id()?,
                sku_id: line.opt_text("sku_id")?,
                outer_id: line.opt_text("outer_iid")?,
                title: line.get("title")?.text()?,
                quantity: line.get("num")?.count()?,
                price: line.get("price")?.money()?,
                payment: line.get("payment")?.money()?,
                refund_status: line.get("refund_status")?.refund_status()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PlatformOrder {
        tid: trade.get("tid")?.id()?,
        status: trade.get("status")?.trade_status()?,
        created: trade.get("created")?.time()?,
        paid_at: match trade.opt("pay_time") {
            Some(t) if t.value.as_str() != Some("") => Some(t.time()?),
            _ => None,
        },
        modified: trade.get("modified")?.time()?,
        buyer: trade.get("buyer_nick")?.text()?,
        recipient: Recipient {
            name: trade.get("receiver_name")?.text()?,
            mobile: trade.get("receiver_mobile")?.text()?,
            province: trade.get("receiver_state")?.text()?,
            city: trade.get("receiver_city")?.text()?,
            district: trade.opt_text("receiver_district")?,
            address: trade.get("receiver_address")?.text()?,
            postcode: trade.opt_text("receiver_zip")?,
        },
        post_fee: trade.get("post_fee")?.money()?,
        payment: trade.get("payment")?.money()?,
        buyer_message: trade.opt_text("buyer_message")?,
        seller_memo: trade.opt_text("seller_memo")?,
        waybill: trade.opt_text("out_sid")?,
        courier_code: trade.opt_text("company_code")?,
        lines,
    })
}

/// The answer to `taobao.logistics.offline.send`; `tid` only words the refusal.
pub(crate) fn shipped(body: &[u8], tid: &str) -> Result<()> {
    let root = parse(body)?;
    let shipping = response(&root, "logistics_offline_send_response")?.get("shipping")?;
    if shipping.get("is_success")?.boolean()? {
        Ok(())
    } else {
        Err(MarketError::Rejected {
            code: 0,
            sub_code: String::new(),
            message: format!("order {tid} was not marked shipped (is_success is false)"),
        })
    }
}

/// The answer to `taobao.item.quantity.update`.
pub(crate) fn stock_set(body: &[u8]) -> Result<()> {
    let root = parse(body)?;
    // `item.num` is the listing's total over its SKUs, not necessarily the quantity just set, so
    // only the shape is checked.
    response(&root, "item_quantity_update_response")?
        .get("item")?
        .get("num_iid")?
        .id()?;
    Ok(())
}

/// A body that is not JSON is a broken answer (cut off, a proxy's error page): worth retrying.
fn parse(body: &[u8]) -> Result<Value> {
    serde_json::from_slice(body).map_err(|e| {
        MarketError::transport(format!(
            "the answer was cut off or is not JSON ({e}; {} bytes)",
            body.len()
        ))
    })
}

/// The method's response object, or the error the platform answered instead.
fn response<'a>(root: &'a Value, key: &str) -> Result<Node<'a>> {
    let root = Node {
        value: root,
        path: String::new(),
    };
    if let Some(error) = root.opt("error_response") {
        return Err(classify(&error)?);
    }
    root.get(key)
}

/// What an `error_response` means (the table in docs/marketplace.md, "Errors").
fn classify(error: &Node<'_>) -> Result<MarketError> {
    let code = error.get("code")?.integer()?;
    let msg = error.opt_text("msg")?;
    let sub_code = error.opt_text("sub_code")?;
    let sub_msg = error.opt_text("sub_msg")?;
    // The most specific words the platform gave.
    let message = match (sub_msg.is_empty(), msg.is_empty()) {
        (false, _) => sub_msg.clone(),
        (true, false) => msg.clone(),
        (true, true) => format!("error code {code}"),
    };
    Ok(match code {
        7 => MarketError::RateLimited {
            seconds: first_number(&sub_msg)
                .or_else(|| first_number(&msg))
                .unwrap_or(DEFAULT_BAN_SECONDS),
        },
        25..=29 => MarketError::Credentials { code, message },
        31 => MarketError::Clock { message },
        _ if sub_code.starts_with("isv.") => MarketError::Rejected {
            code,
            sub_code,
            message,
        },
        _ if sub_code.starts_with("isp.") => MarketError::ServerFault {
            code,
            sub_code,
            message,
        },
        // "Remote service error" without an isv.* sub-code is the platform's own trouble.
        15 => MarketError::ServerFault {
            code,
            sub_code,
            message,
        },
        _ => MarketError::Rejected {
            code,
            sub_code,
            message,
        },
    })
}

/// The first run of digits in `text` ("This ban will last for 12 more seconds" → 12).
fn first_number(text: &str) -> Option<u64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// A JSON value and where it is in the answer, so that a problem names its field.
struct Node<'a> {
    value: &'a Value,
    path: String,
}

impl<'a> Node<'a> {
    fn child_path(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// The field `name`, absent (or null) is `None`.
    fn opt(&self, name: &str) -> Option<Node<'a>> {
        match self.value.get(name) {
            None | Some(Value::Null) => None,
            Some(value) => Some(Node {
                value,
                path: self.child_path(name),
            }),
        }
    }

    /// The field `name`, which must be there.
    fn get(&self, name: &str) -> Result<Node<'a>> {
        if !self.value.is_object() {
            return Err(self.problem("is not an object"));
        }
        self.opt(name)
            .ok_or_else(|| MarketError::decode(format!("{} is missing", self.child_path(name))))
    }

    /// A text field the platform leaves out when empty.
    fn opt_text(&self, name: &str) -> Result<String> {
        match self.opt(name) {
            None => Ok(String::new()),
            Some(node) => node.text_or_number(),
        }
    }

    fn problem(&self, what: &str) -> MarketError {
        let path = if self.path.is_empty() {
            "the answer"
        } else {
            &self.path
        };
        MarketError::decode(format!("{path} {what}"))
    }

    fn list(&self) -> Result<Vec<Node<'a>>> {
        let items = self
            .value
            .as_array()
            .ok_or_else(|| self.problem("is not a list"))?;
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| Node {
                value,
                path: format!("{}[{i}]", self.path),
            })
            .collect())
    }

    fn text(&self) -> Result<String> {
        self.value
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| self.problem("is not text"))
    }

    /// Text, or a number written as text (ids such as `sku_id` come either way).
    fn text_or_number(&self) -> Result<String> {
        match self.value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) if n.is_u64() || n.is_i64() => Ok(n.to_string()),
            _ => Err(self.problem("is not text")),
        }
    }

    /// A platform id: a whole number on the wire (digits in a string are accepted too).
    fn id(&self) -> Result<String> {
        match self.value {
            Value::Number(n) => n
                .as_u64()
                .map(|n| n.to_string())
                .ok_or_else(|| self.problem(&format!("is not an id: {n}"))),
            Value::String(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(s.clone())
            }
            Value::String(s) if s.is_empty() => Err(self.problem("is empty")),
            other => Err(self.problem(&format!("is not an id: {other}"))),
        }
    }

    fn integer(&self) -> Result<i64> {
        match self.value {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        }
        .ok_or_else(|| self.problem(&format!("is not a whole number: {}", self.value)))
    }

    fn count(&self) -> Result<u32> {
        self.value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| self.problem(&format!("is not a count: {}", self.value)))
    }

    fn boolean(&self) -> Result<bool> {
        self.value
            .as_bool()
            .ok_or_else(|| self.problem(&format!("is not true or false: {}", self.value)))
    }

    /// Yuan written as text (`"25.80"`); a JSON number is refused so no binary fraction sneaks in.
    fn money(&self) -> Result<Decimal> {
        self.value
            .as_str()
            .and_then(|s| Decimal::from_str(s.trim()).ok())
            .ok_or_else(|| self.problem(&format!("is not an amount of yuan: {}", self.value)))
    }

    fn time(&self) -> Result<DateTime<Utc>> {
        self.value
            .as_str()
            .and_then(crate::time::parse)
            .ok_or_else(|| {
                self.problem(&format!(
                    "is not a time as yyyy-MM-dd HH:mm:ss: {}",
                    self.value
                ))
            })
    }

    fn trade_status(&self) -> Result<TradeStatus> {
        self.value
            .as_str()
            .and_then(TradeStatus::from_wire)
            .ok_or_else(|| {
                self.problem(&format!(
                    "is not an order status Farmstall knows: {}",
                    self.value
                ))
            })
    }

    fn refund_status(&self) -> Result<RefundStatus> {
        self.value
            .as_str()
            .and_then(RefundStatus::from_wire)
            .ok_or_else(|| {
                self.problem(&format!(
                    "is not a refund status Farmstall knows: {}",
                    self.value
                ))
            })
    }
}

#[cfg(test)]
mod tests;
