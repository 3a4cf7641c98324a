//! Decoding fixtures: the shapes of docs/marketplace.md, with the variations the platform is allowed.

use chrono::TimeZone;
use rust_decimal::Decimal;
use serde_json::{json, Value};

use super::*;

fn bytes(value: &Value) -> Vec<u8> {
    value.to_string().into_bytes()
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s)
        .single()
        .unwrap_or_else(|| panic!("bad test time"))
}

fn yuan(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap_or_else(|e| panic!("{e}"))
}

fn ok<T>(result: Result<T>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn err<T: std::fmt::Debug>(result: Result<T>) -> MarketError {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

fn decode_message(e: MarketError) -> String {
    match e {
        MarketError::Decode { message } => message,
        other => panic!("expected Decode, got {other:?}"),
    }
}

/// The full order of docs/marketplace.md, verbatim.
fn full_order() -> Value {
    json!({"trade_fullinfo_get_response":{"trade":{
      "tid":4001,"status":"WAIT_SELLER_SEND_GOODS","created":"2026-11-28 09:58:00","pay_time":"2026-11-28 10:00:00",
      "modified":"2026-11-28 10:03:00","buyer_nick":"t**1","receiver_name":"王芳","receiver_mobile":"13800001234",
      "receiver_state":"浙江省","receiver_city":"杭州市","receiver_district":"西湖区","receiver_address":"文三路 90 号",
      "receiver_zip":"310000","post_fee":"0.00","payment":"59.80","buyer_message":"","seller_memo":"",
      "out_sid":"","company_code":"",
      "orders":{"order":[{"oid":40011,"num_iid":1001,"sku_id":"","outer_iid":"KIWI-5J","title":"猕猴桃 5斤装",
        "num":1,"price":"59.80","payment":"59.80","refund_status":"NO_REFUND"}]}}}})
}

fn trade_mut(value: &mut Value) -> &mut serde_json::Map<String, Value> {
    value["trade_fullinfo_get_response"]["trade"]
        .as_object_mut()
        .unwrap_or_else(|| panic!("fixture has no trade"))
}

#[test]
fn the_documented_full_order_decodes() {
    let order = ok(order(&bytes(&full_order())));
    assert_eq!(
        order,
        PlatformOrder {
            tid: "4001".into(),
            status: TradeStatus::WaitSellerSendGoods,
            created: utc(2026, 11, 28, 1, 58, 0),
            paid_at: Some(utc(2026, 11, 28, 2, 0, 0)),
            modified: utc(2026, 11, 28, 2, 3, 0),
            buyer: "t**1".into(),
            recipient: Recipient {
                name: "王芳".into(),
                mobile: "13800001234".into(),
                province: "浙江省".into(),
                city: "杭州市".into(),
                district: "西湖区".into(),
                address: "文三路 90 号".into(),
                postcode: "310000".into(),
            },
            post_fee: yuan("0.00"),
            payment: yuan("59.80"),
            buyer_message: String::new(),
            seller_memo: String::new(),
            waybill: String::new(),
            courier_code: String::new(),
            lines: vec![PlatformLine {
                oid: "40011".into(),
                num_iid: "1001".into(),
                sku_id: String::new(),
                outer_id: "KIWI-5J".into(),
                title: "猕猴桃 5斤装".into(),
                quantity: 1,
                price: yuan("59.80"),
                payment: yuan("59.80"),
                refund_status: RefundStatus::NoRefund,
            }],
        }
    );
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    let mut value = full_order();
    value["trade_fullinfo_get_response"]["request_id"] = json!("abc");
    let trade = trade_mut(&mut value);
    trade.insert("alipay_no".into(), json!("2026112822001"));
    trade.insert("promotion_details".into(), json!({"promotion_detail": []}));
    value["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]["sku_properties_name"] =
        json!("重量:5斤");
    value["extra_top_level"] = json!(1);
    assert_eq!(ok(order(&bytes(&value))), ok(order(&bytes(&full_order()))));
}

#[test]
fn a_missing_required_field_is_named_by_its_path() {
    let mut value = full_order();
    trade_mut(&mut value).remove("tid");
    assert_eq!(
        decode_message(err(order(&bytes(&value)))),
        "trade_fullinfo_get_response.trade.tid is missing"
    );

    let mut value = full_order();
    value["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]
        .as_object_mut()
        .unwrap_or_else(|| panic!("no line"))
        .remove("price");
    assert_eq!(
        decode_message(err(order(&bytes(&value)))),
        "trade_fullinfo_get_response.trade.orders.order[0].price is missing"
    );

    // A null counts as missing.
    let mut value = full_order();
    trade_mut(&mut value).insert("payment".into(), Value::Null);
    assert_eq!(
        decode_message(err(order(&bytes(&value)))),
        "trade_fullinfo_get_response.trade.payment is missing"
    );

    assert_eq!(
        decode_message(err(order(br#"{"something_else":{}}"#))),
        "trade_fullinfo_get_response is missing"
    );
}

#[test]
fn fields_the_platform_leaves_out_when_empty_default_to_empty() {
    let mut value = full_order();
    let trade = trade_mut(&mut value);
    for name in [
        "pay_time",
        "receiver_district",
        "receiver_zip",
        "buyer_message",
        "seller_memo",
        "out_sid",
        "company_code",
    ] {
        trade.remove(name);
    }
    value["trade_fullinfo_get_response"]["trade"]["status"] = json!("WAIT_BUYER_PAY");
    let line = value["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]
        .as_object_mut()
        .unwrap_or_else(|| panic!("no line"));
    line.remove("sku_id");
    line.remove("outer_iid");
    let order = ok(order(&bytes(&value)));
    assert_eq!(order.status, TradeStatus::WaitBuyerPay);
    assert_eq!(order.paid_at, None);
    assert_eq!(order.recipient.district, "");
    assert_eq!(order.recipient.postcode, "");
    assert_eq!(order.waybill, "");
    assert_eq!(order.lines[0].sku_id, "");
    assert_eq!(order.lines[0].outer_id, "");
}

#[test]
fn an_empty_pay_time_means_not_paid() {
    let mut value = full_order();
    trade_mut(&mut value).insert("pay_time".into(), json!(""));
    assert_eq!(ok(order(&bytes(&value))).paid_at, None);
}

#[test]
fn a_shipped_order_carries_its_waybill_and_ids_may_come_as_text() {
    let mut value = full_order();
    let trade = trade_mut(&mut value);
    trade.insert("status".into(), json!("WAIT_BUYER_CONFIRM_GOODS"));
    trade.insert("out_sid".into(), json!("SF1234567890123"));
    trade.insert("company_code".into(), json!("SF"));
    trade.insert("tid".into(), json!("4001"));
    value["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]["sku_id"] =
        json!(5001234567u64);
    let order = ok(order(&bytes(&value)));
    assert_eq!(order.tid, "4001");
    assert_eq!(order.waybill, "SF1234567890123");
    assert_eq!(order.courier_code, "SF");
    assert_eq!(order.lines[0].sku_id, "5001234567");
}

#[test]
fn ids_larger_than_32_bits_keep_every_digit() {
    let mut value = full_order();
    trade_mut(&mut value).insert("tid".into(), json!(3_987_654_321_012_345_678u64));
    assert_eq!(ok(order(&bytes(&value))).tid, "3987654321012345678");
}

#[test]
fn malformed_values_are_named_with_what_is_wrong() {
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "status",
            json!("TRADE_NO_CREATE_PAY"),
            "trade_fullinfo_get_response.trade.status is not an order status Farmstall knows: \"TRADE_NO_CREATE_PAY\"",
        ),
        (
            "created",
            json!("2026-11-28T09:58:00Z"),
            "trade_fullinfo_get_response.trade.created is not a time as yyyy-MM-dd HH:mm:ss: \"2026-11-28T09:58:00Z\"",
        ),
        (
            "payment",
            json!(59.8),
            "trade_fullinfo_get_response.trade.payment is not an amount of yuan: 59.8",
        ),
        (
            "tid",
            json!(-1),
            "trade_fullinfo_get_response.trade.tid is not an id: -1",
        ),
        (
            "tid",
            json!("T4001"),
            "trade_fullinfo_get_response.trade.tid is not an id: \"T4001\"",
        ),
        (
            "buyer_nick",
            json!(12),
            "trade_fullinfo_get_response.trade.buyer_nick is not text",
        ),
        (
            "orders",
            json!({"order": {}}),
            "trade_fullinfo_get_response.trade.orders.order is not a list",
        ),
    ];
    for (field, bad, expected) in cases {
        let mut value = full_order();
        trade_mut(&mut value).insert(field.into(), bad);
        assert_eq!(decode_message(err(order(&bytes(&value)))), expected);
    }
}

#[test]
fn every_status_and_refund_status_decodes() {
    for status in TradeStatus::ALL {
        for refund in RefundStatus::ALL {
            let mut value = full_order();
            trade_mut(&mut value).insert("status".into(), json!(status.as_wire()));
            value["trade_fullinfo_get_response"]["trade"]["orders"]["order"][0]["refund_status"] =
                json!(refund.as_wire());
            let order = ok(order(&bytes(&value)));
            assert_eq!(order.status, status);
            assert_eq!(order.lines[0].refund_status, refund);
        }
    }
}

#[test]
fn a_page_of_changed_orders_decodes_in_the_order_given() {
    let value = json!({"trades_sold_increment_get_response":{"has_next":true,"total_results":0,
      "trades":{"trade":[
        {"tid":4002,"status":"TRADE_CLOSED_BY_TAOBAO","modified":"2026-11-28 10:04:00","seller_nick":"x"},
        {"tid":4001,"status":"WAIT_SELLER_SEND_GOODS","modified":"2026-11-28 10:03:00"}]}}});
    assert_eq!(
        ok(changed_page(&bytes(&value))),
        ChangedPage {
            orders: vec![
                ChangedOrder {
                    tid: "4002".into(),
                    status: Some(TradeStatus::ClosedByTaobao),
                    modified: utc(2026, 11, 28, 2, 4, 0),
                },
                ChangedOrder {
                    tid: "4001".into(),
                    status: Some(TradeStatus::WaitSellerSendGoods),
                    modified: utc(2026, 11, 28, 2, 3, 0),
                },
            ],
            has_next: true,
            total: 0,
        }
    );
}

#[test]
fn an_order_in_a_status_farmstall_does_not_know_does_not_cost_the_page() {
    let value = json!({"trades_sold_increment_get_response":{"has_next":false,
      "trades":{"trade":[
        {"tid":4003,"status":"TRADE_BUYER_SIGNED","modified":"2026-11-28 10:05:00"},
        {"tid":4001,"status":"WAIT_SELLER_SEND_GOODS","modified":"2026-11-28 10:03:00"}]}}});
    let page = ok(changed_page(&bytes(&value)));
    let read: Vec<(&str, Option<TradeStatus>)> = page
        .orders
        .iter()
        .map(|o| (o.tid.as_str(), o.status))
        .collect();
    assert_eq!(
        read,
        vec![
            ("4003", None),
            ("4001", Some(TradeStatus::WaitSellerSendGoods))
        ]
    );
}

#[test]
fn an_empty_page_has_no_trades_field() {
    let value = json!({"trades_sold_increment_get_response":{"has_next":false,"total_results":0}});
    assert_eq!(
        ok(changed_page(&bytes(&value))),
        ChangedPage {
            orders: vec![],
            has_next: false,
            total: 0,
        }
    );
}

#[test]
fn a_page_names_the_trade_with_a_missing_field() {
    let value = json!({"trades_sold_increment_get_response":{"has_next":false,
      "trades":{"trade":[
        {"tid":4002,"status":"WAIT_BUYER_PAY","modified":"2026-11-28 10:04:00"},
        {"tid":4001,"status":"WAIT_BUYER_PAY"}]}}});
    assert_eq!(
        decode_message(err(changed_page(&bytes(&value)))),
        "trades_sold_increment_get_response.trades.trade[1].modified is missing"
    );
    let value = json!({"trades_sold_increment_get_response":{"total_results":0}});
    assert_eq!(
        decode_message(err(changed_page(&bytes(&value)))),
        "trades_sold_increment_get_response.has_next is missing"
    );
}

#[test]
fn shipping_and_stock_answers_decode() {
    ok(shipped(
        br#"{"logistics_offline_send_response":{"shipping":{"is_success":true}}}"#,
        "4001",
    ));
    let refused = err(shipped(
        br#"{"logistics_offline_send_response":{"shipping":{"is_success":false}}}"#,
        "4001",
    ));
    assert!(
        matches!(refused, MarketError::Rejected { .. }),
        "{refused:?}"
    );
    assert!(refused.to_string().contains("4001"), "{refused}");
    assert_eq!(
        decode_message(err(shipped(
            br#"{"logistics_offline_send_response":{"shipping":{}}}"#,
            "4001"
        ))),
        "logistics_offline_send_response.shipping.is_success is missing"
    );

    ok(stock_set(
        br#"{"item_quantity_update_response":{"item":{"num_iid":1001,"num":42,"modified":"2026-11-28 10:05:00"}}}"#,
    ));
    assert_eq!(
        decode_message(err(stock_set(br#"{"item_quantity_update_response":{}}"#))),
        "item_quantity_update_response.item is missing"
    );
}

fn error_response(code: i64, msg: &str, sub_code: Option<&str>, sub_msg: Option<&str>) -> Vec<u8> {
    let mut e = json!({"code": code, "msg": msg, "request_id": "r1"});
    if let Some(s) = sub_code {
        e["sub_code"] = json!(s);
    }
    if let Some(s) = sub_msg {
        e["sub_msg"] = json!(s);
    }
    bytes(&json!({ "error_response": e }))
}

#[test]
fn each_error_code_maps_to_what_the_client_should_do() {
    let rejected = |code: i64, sub_code: &str, message: &str| MarketError::Rejected {
        code,
        sub_code: sub_code.into(),
        message: message.into(),
    };
    let fault = |sub_code: &str, message: &str| MarketError::ServerFault {
        code: 15,
        sub_code: sub_code.into(),
        message: message.into(),
    };
    let cases = vec![
        (
            error_response(
                7,
                "App Call Limited",
                Some("accesscontrol.limited-by-app-access-count"),
                Some("This ban will last for 17 more seconds"),
            ),
            MarketError::RateLimited { seconds: 17 },
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isp.remote-service-error"),
                Some("backend down"),
            ),
            fault("isp.remote-service-error", "backend down"),
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isp.top-remote-connection-timeout"),
                None,
            ),
            fault("isp.top-remote-connection-timeout", "Remote service error"),
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isv.trade-not-exist"),
                Some("trade 9 does not exist"),
            ),
            rejected(15, "isv.trade-not-exist", "trade 9 does not exist"),
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isv.logistics-offline-send-failed"),
                Some("already shipped with another waybill"),
            ),
            rejected(
                15,
                "isv.logistics-offline-send-failed",
                "already shipped with another waybill",
            ),
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isv.item-quantity-invalid"),
                Some("quantity below 0"),
            ),
            rejected(15, "isv.item-quantity-invalid", "quantity below 0"),
        ),
        (
            error_response(25, "Invalid signature", None, None),
            MarketError::Credentials {
                code: 25,
                message: "Invalid signature".into(),
            },
        ),
        (
            error_response(27, "Invalid session", None, None),
            MarketError::Credentials {
                code: 27,
                message: "Invalid session".into(),
            },
        ),
        (
            error_response(29, "Invalid app Key", None, None),
            MarketError::Credentials {
                code: 29,
                message: "Invalid app Key".into(),
            },
        ),
        (
            error_response(31, "Invalid timestamp", None, None),
            MarketError::Clock {
                message: "Invalid timestamp".into(),
            },
        ),
        (
            error_response(22, "Invalid method", None, None),
            rejected(22, "", "Invalid method"),
        ),
        (
            error_response(40, "Missing required arguments: tid", None, None),
            rejected(40, "", "Missing required arguments: tid"),
        ),
        (
            error_response(41, "Invalid arguments: end_modified", None, None),
            rejected(41, "", "Invalid arguments: end_modified"),
        ),
        // Code 15 with no sub-code at all is the platform's own trouble.
        (
            error_response(15, "Remote service error", None, None),
            fault("", "Remote service error"),
        ),
    ];
    for (body, expected) in cases {
        // The same error whichever method was called.
        assert_eq!(err(order(&body)), expected);
        assert_eq!(err(changed_page(&body)), expected);
        assert_eq!(err(shipped(&body, "1")), expected);
        assert_eq!(err(stock_set(&body)), expected);
    }
}

#[test]
fn only_rate_limits_faults_and_transport_are_retryable() {
    let cases = [
        (
            error_response(
                7,
                "App Call Limited",
                None,
                Some("This ban will last for 3 more seconds"),
            ),
            true,
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isp.remote-service-error"),
                None,
            ),
            true,
        ),
        (
            error_response(
                15,
                "Remote service error",
                Some("isv.trade-not-exist"),
                None,
            ),
            false,
        ),
        (error_response(25, "Invalid signature", None, None), false),
        (error_response(27, "Invalid session", None, None), false),
        (error_response(29, "Invalid app Key", None, None), false),
        (error_response(31, "Invalid timestamp", None, None), false),
        (
            error_response(41, "Invalid arguments: x", None, None),
            false,
        ),
        (b"<html>502 Bad Gateway</html>".to_vec(), true),
        (br#"{"trade_fullinfo_get_response":{}}"#.to_vec(), false),
    ];
    for (body, retryable) in cases {
        let e = err(order(&body));
        assert_eq!(e.retryable(), retryable, "{e:?}");
    }
}

#[test]
fn a_rate_limit_says_how_long_to_wait() {
    let e = err(order(&error_response(
        7,
        "App Call Limited",
        Some("accesscontrol.limited-by-app-access-count"),
        Some("This ban will last for 42 more seconds"),
    )));
    assert_eq!(e.retry_after(), Some(std::time::Duration::from_secs(42)));
    assert!(e.to_string().contains("42 seconds"), "{e}");

    // No number given: wait the minimum; a call inside a longer ban will say how long.
    let e = err(order(&error_response(7, "App Call Limited", None, None)));
    assert_eq!(e, MarketError::RateLimited { seconds: 1 });

    // Nothing but a rate limit has a wait.
    let e = err(order(&error_response(
        15,
        "Remote service error",
        Some("isp.x"),
        None,
    )));
    assert_eq!(e.retry_after(), None);
}

#[test]
fn a_body_that_is_not_json_is_a_transport_failure() {
    for body in [
        &b""[..],
        b"<html>502 Bad Gateway</html>",
        br#"{"trade_fullinfo_get_response":{"trade":{"tid":40"#,
    ] {
        let e = err(order(body));
        assert!(matches!(e, MarketError::Transport { .. }), "{e:?}");
        assert!(e.retryable());
    }
}

#[test]
fn an_error_response_without_a_code_is_named() {
    assert_eq!(
        decode_message(err(order(br#"{"error_response":{"msg":"?"}}"#))),
        "error_response.code is missing"
    );
}

#[test]
fn messages_speak_to_the_shop_owner() {
    let cases = [
        (
            MarketError::Credentials {
                code: 25,
                message: "Invalid signature".into(),
            },
            "check the app secret in the sync settings",
        ),
        (
            MarketError::Credentials {
                code: 27,
                message: "Invalid session".into(),
            },
            "authorise the shop again",
        ),
        (
            MarketError::Credentials {
                code: 29,
                message: "Invalid app Key".into(),
            },
            "app key: check it in the sync settings",
        ),
        (
            MarketError::Clock {
                message: "Invalid timestamp".into(),
            },
            "set the right date and time",
        ),
        (
            MarketError::Transport {
                message: "connection refused".into(),
            },
            "check the internet connection",
        ),
        (
            MarketError::Rejected {
                code: 15,
                sub_code: "isv.trade-not-exist".into(),
                message: "no such trade".into(),
            },
            "the marketplace refused the request: no such trade",
        ),
    ];
    for (e, words) in cases {
        assert!(e.to_string().contains(words), "{e}");
    }
}
