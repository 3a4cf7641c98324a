//! `POST /router/rest`: the checks every call goes through (app key, ban, injected faults, signature,
//! session, timestamp, method) in that order, and the four methods, answering the JSON shapes of
//! docs/marketplace.md. Runs with the state's lock held; the HTTP side (latency, 5xx, dropped
//! connections) is in `server`.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use crate::model::{Fault, Order, OrderStatus};
use crate::sign::{self, SignMethod};
use crate::state::{CallFault, ListingLookup, Plan, State};
use crate::time;

/// How far a caller's timestamp may be from the simulator's clock.
const MAX_SKEW_SECONDS: i64 = 10 * 60;
/// Courier codes `taobao.logistics.offline.send` knows.
pub const COMPANY_CODES: [&str; 7] = ["SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS"];

/// An `error_response`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub code: i64,
    pub msg: String,
    pub sub_code: Option<String>,
    pub sub_msg: Option<String>,
}

impl ApiError {
    fn new(code: i64, msg: &str) -> ApiError {
        ApiError {
            code,
            msg: msg.to_string(),
            sub_code: None,
            sub_msg: None,
        }
    }

    fn sub(mut self, sub_code: &str, sub_msg: String) -> ApiError {
        self.sub_code = Some(sub_code.to_string());
        self.sub_msg = Some(sub_msg);
        self
    }

    fn missing(name: &str) -> ApiError {
        ApiError::new(40, &format!("Missing required arguments: {name}"))
            .sub("isv.missing-parameter", format!("缺少必填参数 {name}"))
    }

    fn invalid(name: &str, why: String) -> ApiError {
        ApiError::new(41, &format!("Invalid arguments: {name}")).sub("isv.invalid-parameter", why)
    }

    /// Code 15: `isv.*` (the request is wrong as it stands) or `isp.*` (the server failed).
    fn remote(sub_code: &str, sub_msg: String) -> ApiError {
        ApiError::new(15, "Remote service error").sub(sub_code, sub_msg)
    }

    fn banned(seconds: u64) -> ApiError {
        ApiError::new(7, "App Call Limited").sub(
            "accesscontrol.limited-by-app-access-count",
            format!("This ban will last for {seconds} more seconds"),
        )
    }

    fn to_json(&self, request_id: &str) -> Value {
        let mut body = Map::new();
        body.insert("code".into(), json!(self.code));
        body.insert("msg".into(), json!(self.msg));
        if let Some(sub_code) = &self.sub_code {
            body.insert("sub_code".into(), json!(sub_code));
        }
        if let Some(sub_msg) = &self.sub_msg {
            body.insert("sub_msg".into(), json!(sub_msg));
        }
        body.insert("request_id".into(), json!(request_id));
        json!({ "error_response": body })
    }
}

/// What a call was answered, for the HTTP side and the request log.
pub(crate) struct Answer {
    pub body: Value,
    pub code: Option<i64>,
    pub sub_code: Option<String>,
    pub faults: Vec<Fault>,
    pub touched: Vec<u64>,
}

/// Side effects of answering worth recording.
#[derive(Default)]
struct Notes {
    faults: Vec<Fault>,
    touched: Vec<u64>,
}

pub(crate) fn request_id(seq: u64) -> String {
    format!("sim-{seq}")
}

/// Answers one call (everything but latency, 5xx and dropping, which the HTTP side does).
pub(crate) fn answer(
    state: &mut State,
    params: &BTreeMap<String, String>,
    plan: &Plan,
    seq: u64,
) -> Answer {
    let mut notes = Notes::default();
    let id = request_id(seq);
    match run(state, params, plan, &mut notes) {
        Ok(body) => {
            let mut body = body;
            if let Some(inner) = body.as_object_mut().and_then(|o| o.values_mut().next()) {
                if let Some(inner) = inner.as_object_mut() {
                    inner.insert("request_id".into(), json!(id));
                }
            }
            Answer {
                body,
                code: None,
                sub_code: None,
                faults: notes.faults,
                touched: notes.touched,
            }
        }
        Err(e) => Answer {
            body: e.to_json(&id),
            code: Some(e.code),
            sub_code: e.sub_code,
            faults: notes.faults,
            touched: notes.touched,
        },
    }
}

fn param<'a>(params: &'a BTreeMap<String, String>, name: &str) -> Option<&'a str> {
    params
        .get(name)
        .map(String::as_str)
        .filter(|v| !v.is_empty())
}

fn required<'a>(params: &'a BTreeMap<String, String>, name: &str) -> Result<&'a str, ApiError> {
    param(params, name).ok_or_else(|| ApiError::missing(name))
}

fn number<T: std::str::FromStr>(text: &str, name: &str) -> Result<T, ApiError> {
    text.trim()
        .parse()
        .map_err(|_| ApiError::invalid(name, format!("{name} 应为整数，收到 {text}")))
}

fn run(
    state: &mut State,
    params: &BTreeMap<String, String>,
    plan: &Plan,
    notes: &mut Notes,
) -> Result<Value, ApiError> {
    let app_key = param(params, "app_key").unwrap_or("");
    let shop = state
        .shop_index(app_key)
        .ok_or_else(|| ApiError::new(29, "Invalid app Key"))?;
    if let Some(left) = state.ban_left(app_key) {
        return Err(ApiError::banned(left));
    }
    match plan.call {
        Some(CallFault::Isp(sub_code)) => {
            notes.faults.push(Fault::Isp);
            let why = if sub_code == "isp.remote-service-error" {
                "服务暂时不可用，请稍后重试"
            } else {
                "远程服务调用超时"
            };
            return Err(ApiError::remote(sub_code, why.to_string()));
        }
        Some(CallFault::Ban) => {
            notes.faults.push(Fault::Ban);
            let seconds = state.faults.ban_seconds.max(1);
            state.ban(app_key, seconds);
            return Err(ApiError::banned(seconds));
        }
        _ => {}
    }

    let sign_method = required(params, "sign_method")?;
    let sign_method = SignMethod::parse(sign_method).ok_or_else(|| {
        ApiError::invalid(
            "sign_method",
            format!("sign_method 只能是 md5、hmac 或 hmac-sha256，收到 {sign_method}"),
        )
    })?;
    let sign = required(params, "sign")?;
    let secret = &state.shops[shop].secret;
    if sign != sign::sign(params, secret, sign_method) {
        return Err(ApiError::new(25, "Invalid signature"));
    }
    if param(params, "session") != Some(state.shops[shop].session.as_str()) {
        return Err(ApiError::new(27, "Invalid session"));
    }
    let timestamp = required(params, "timestamp")?;
    let now = state.now();
    match time::parse(timestamp) {
        Some(t) if (t - now).num_seconds().abs() <= MAX_SKEW_SECONDS => {}
        _ => return Err(ApiError::new(31, "Invalid timestamp")),
    }
    match required(params, "v")? {
        "2.0" => {}
        v => return Err(ApiError::invalid("v", format!("v 只能是 2.0，收到 {v}"))),
    }
    match required(params, "format")? {
        "json" => {}
        f => {
            return Err(ApiError::invalid(
                "format",
                format!("只支持 json，收到 {f}"),
            ))
        }
    }
    match required(params, "method")? {
        "taobao.trades.sold.increment.get" => increment_get(state, shop, params, notes),
        "taobao.trade.fullinfo.get" => fullinfo_get(state, shop, params),
        "taobao.logistics.offline.send" => offline_send(state, shop, params),
        "taobao.item.quantity.update" => quantity_update(state, shop, params),
        _ => Err(ApiError::new(22, "Invalid method")),
    }
}

fn money(amount: Decimal) -> String {
    format!("{amount:.2}")
}

fn time_param(
    params: &BTreeMap<String, String>,
    name: &str,
) -> Result<chrono::NaiveDateTime, ApiError> {
    let text = required(params, name)?;
    time::parse(text).ok_or_else(|| {
        ApiError::invalid(
            name,
            format!("{name} 应为 yyyy-MM-dd HH:mm:ss，收到 {text}"),
        )
    })
}

fn increment_get(
    state: &mut State,
    shop: usize,
    params: &BTreeMap<String, String>,
    notes: &mut Notes,
) -> Result<Value, ApiError> {
    let start = time_param(params, "start_modified")?;
    let end = time_param(params, "end_modified")?;
    if end < start {
        return Err(ApiError::invalid(
            "end_modified",
            "end_modified 早于 start_modified".to_string(),
        ));
    }
    if end - start > TimeDelta::days(1) {
        return Err(ApiError::invalid(
            "end_modified",
            "start_modified 与 end_modified 相差不能超过一天".to_string(),
        ));
    }
    let page_no: u64 = match param(params, "page_no") {
        Some(text) => number(text, "page_no")?,
        None => 1,
    };
    if page_no < 1 {
        return Err(ApiError::invalid(
            "page_no",
            "page_no 从 1 开始".to_string(),
        ));
    }
    let page_size: u64 = match param(params, "page_size") {
        Some(text) => number(text, "page_size")?,
        None => 40,
    };
    if !(1..=100).contains(&page_size) {
        return Err(ApiError::invalid(
            "page_size",
            format!("page_size 应在 1 到 100 之间，收到 {page_size}"),
        ));
    }
    let use_has_next = match param(params, "use_has_next") {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(ApiError::invalid(
                "use_has_next",
                format!("use_has_next 应为 true 或 false，收到 {other}"),
            ))
        }
    };
    let status = match param(params, "status") {
        None => None,
        Some(text) => Some(
            OrderStatus::parse(text)
                .ok_or_else(|| ApiError::invalid("status", format!("未知的订单状态 {text}")))?,
        ),
    };
    let app_key = state.shops[shop].app_key.clone();

    // Orders modified between two page reads move to the front (or out of the window): a reader that
    // simply walks pages 1, 2, 3 misses some.
    if page_no >= 2 && state.draw_page_shift() {
        let in_window = state.window(&app_key, start, end, status);
        let shifted = state.draw_shifted(&in_window);
        for tid in &shifted {
            // The order exists: it was just found in the window.
            let _ = state.touch(*tid);
        }
        notes.faults.push(Fault::PageShift);
        notes.touched = shifted;
    }

    let hits = state.window(&app_key, start, end, status);
    let total = hits.len() as u64;
    let from = (page_no - 1).saturating_mul(page_size);
    let trades: Vec<Value> = hits
        .iter()
        .skip(usize::try_from(from).unwrap_or(usize::MAX))
        .take(usize::try_from(page_size).unwrap_or(100))
        .filter_map(|tid| state.order(*tid))
        .map(|o| {
            json!({
                "tid": o.tid,
                "status": o.status.as_str(),
                "modified": time::format(o.modified),
            })
        })
        .collect();
    let has_next = page_no.saturating_mul(page_size) < total;
    let mut response = Map::new();
    response.insert("has_next".into(), json!(has_next));
    // With use_has_next the platform does not count (docs/marketplace.md shows 0).
    response.insert(
        "total_results".into(),
        json!(if use_has_next { 0 } else { total }),
    );
    if !trades.is_empty() {
        response.insert("trades".into(), json!({ "trade": trades }));
    }
    Ok(json!({ "trades_sold_increment_get_response": response }))
}

fn trade_of_shop<'a>(
    state: &'a State,
    shop: usize,
    params: &BTreeMap<String, String>,
) -> Result<&'a Order, ApiError> {
    let tid: u64 = number(required(params, "tid")?, "tid")?;
    state
        .order(tid)
        .filter(|o| o.app_key == state.shops[shop].app_key)
        .ok_or_else(|| ApiError::remote("isv.trade-not-exist", format!("交易 {tid} 不存在")))
}

/// An order as `taobao.trade.fullinfo.get` answers it.
pub(crate) fn trade_json(o: &Order) -> Value {
    let lines: Vec<Value> = o
        .lines
        .iter()
        .map(|l| {
            json!({
                "oid": l.oid,
                "num_iid": l.num_iid,
                "sku_id": l.sku_id.clone().unwrap_or_default(),
                "outer_iid": l.outer_iid,
                "title": l.title,
                "num": l.num,
                "price": money(l.price),
                "payment": money(l.payment),
                "refund_status": l.refund_status.as_str(),
            })
        })
        .collect();
    let mut t = json!({
        "tid": o.tid,
        "status": o.status.as_str(),
        "created": time::format(o.created),
        "modified": time::format(o.modified),
        "buyer_nick": o.buyer_nick,
        "receiver_name": o.receiver.name,
        "receiver_mobile": o.receiver.mobile,
        "receiver_state": o.receiver.state,
        "receiver_city": o.receiver.city,
        "receiver_district": o.receiver.district,
        "receiver_address": o.receiver.address,
        "receiver_zip": o.receiver.zip,
        "post_fee": money(o.post_fee),
        "payment": money(o.payment),
        "buyer_message": o.buyer_message,
        "seller_memo": o.seller_memo,
        "out_sid": o.waybill.as_ref().map(|w| w.out_sid.as_str()).unwrap_or(""),
        "company_code": o.waybill.as_ref().map(|w| w.company_code.as_str()).unwrap_or(""),
        "orders": { "order": lines },
    });
    // Times that have not happened are missing, as on the platform.
    for (name, value) in [
        ("pay_time", o.pay_time),
        ("consign_time", o.consign_time),
        ("end_time", o.end_time),
    ] {
        if let (Some(value), Some(map)) = (value, t.as_object_mut()) {
            map.insert(name.into(), json!(time::format(value)));
        }
    }
    t
}

fn fullinfo_get(
    state: &mut State,
    shop: usize,
    params: &BTreeMap<String, String>,
) -> Result<Value, ApiError> {
    let order = trade_of_shop(state, shop, params)?;
    Ok(json!({ "trade_fullinfo_get_response": { "trade": trade_json(order) } }))
}

fn offline_send(
    state: &mut State,
    shop: usize,
    params: &BTreeMap<String, String>,
) -> Result<Value, ApiError> {
    number::<u64>(required(params, "tid")?, "tid")?;
    let out_sid = required(params, "out_sid")?;
    let company_code = required(params, "company_code")?;
    if !COMPANY_CODES.contains(&company_code) {
        return Err(ApiError::invalid(
            "company_code",
            format!(
                "未知的物流公司 {company_code}，可用：{}",
                COMPANY_CODES.join("、")
            ),
        ));
    }
    let waybill_ok = out_sid.len() <= 40
        && out_sid
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if !waybill_ok {
        return Err(ApiError::invalid(
            "out_sid",
            format!("运单号只能是字母、数字和 -，最长 40 位，收到 {out_sid}"),
        ));
    }
    let tid = trade_of_shop(state, shop, params)?.tid;
    match state.ship(tid, company_code, out_sid) {
        Ok(_) => {
            Ok(json!({ "logistics_offline_send_response": { "shipping": { "is_success": true } } }))
        }
        Err(why) => Err(ApiError::remote("isv.logistics-offline-send-failed", why)),
    }
}

fn quantity_update(
    state: &mut State,
    shop: usize,
    params: &BTreeMap<String, String>,
) -> Result<Value, ApiError> {
    let num_iid: u64 = number(required(params, "num_iid")?, "num_iid")?;
    let quantity: i64 = number(required(params, "quantity")?, "quantity")?;
    let delta = match param(params, "type") {
        None | Some("1") => false,
        Some("2") => true,
        Some(other) => {
            return Err(ApiError::invalid(
                "type",
                format!("type 只能是 1（全量）或 2（增量），收到 {other}"),
            ))
        }
    };
    let sku_id = param(params, "sku_id");
    let outer_id = param(params, "outer_id");
    let index = match state.find_listing(shop, num_iid, sku_id, outer_id) {
        Ok(index) => index,
        Err(ListingLookup::NoItem) => {
            return Err(ApiError::remote(
                "isv.item-not-exist",
                format!("商品 {num_iid} 不存在"),
            ))
        }
        Err(ListingLookup::NoSku) => {
            return Err(ApiError::remote(
                "isv.item-sku-not-exist",
                format!(
                    "商品 {num_iid} 没有 SKU {}",
                    sku_id.or(outer_id).unwrap_or("")
                ),
            ))
        }
        Err(ListingLookup::NeedsSku) => {
            return Err(ApiError::invalid(
                "sku_id",
                format!("商品 {num_iid} 有多个 SKU，请给出 sku_id 或 outer_id"),
            ))
        }
    };
    let now = state.now();
    let listing = state.listing_at_mut(shop, index);
    let new = if delta {
        listing.stock.checked_add(quantity)
    } else {
        Some(quantity)
    };
    let new = match new {
        Some(n) if n >= 0 => n,
        _ => {
            return Err(ApiError::remote(
                "isv.item-quantity-invalid",
                format!(
                    "库存不能小于 0：现有 {}，{} {quantity}",
                    listing.stock,
                    if delta { "增减" } else { "设为" }
                ),
            ))
        }
    };
    listing.stock = new;
    let sku_id = listing.sku_id.clone();
    // As on the platform, `num` is the item's total over its SKUs; a SKU's own quantity is in `skus`.
    let total: i64 = state.shops[shop]
        .listings
        .iter()
        .filter(|l| l.num_iid == num_iid)
        .map(|l| l.stock)
        .sum();
    let mut item = json!({
        "num_iid": num_iid,
        "num": total,
        "modified": time::format(now),
    });
    if let (Some(sku_id), Some(map)) = (sku_id, item.as_object_mut()) {
        map.insert(
            "skus".into(),
            json!({ "sku": [{ "sku_id": sku_id, "quantity": new, "modified": time::format(now) }] }),
        );
    }
    Ok(json!({ "item_quantity_update_response": { "item": item } }))
}
