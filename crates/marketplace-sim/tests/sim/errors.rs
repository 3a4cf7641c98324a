//! Every error code of docs/marketplace.md, its shape (HTTP 200, `error_response` with code, msg,
//! sub_code/sub_msg where the page gives them, request_id), and the known-answer signatures accepted.

use chrono::{NaiveDate, TimeDelta, Utc};
use farmstall_marketplace_sim::{NewOrder, OrderStatus, Simulator};

use crate::client::*;

fn assert_shape(reply: &Reply, code: i64, msg: &str) {
    let e = reply.error();
    assert_eq!(e["code"], code, "{e}");
    assert_eq!(e["msg"], msg, "{e}");
    assert!(
        e["request_id"].as_str().is_some_and(|id| !id.is_empty()),
        "{e}"
    );
}

#[test]
fn unknown_or_missing_app_key_is_29() {
    let sim = Simulator::start(config(1));
    let mut params = system(FULLINFO, "md5");
    set(&mut params, "app_key", "99999999");
    set(&mut params, "tid", "4001");
    let reply = post_signed(&sim, params.clone(), SECRET);
    assert_shape(&reply, 29, "Invalid app Key");
    assert!(reply.error().get("sub_code").is_none());
    unset(&mut params, "app_key");
    assert_eq!(post_signed(&sim, params, SECRET).code(), 29);
}

#[test]
fn a_wrong_signature_is_25() {
    let sim = Simulator::start(config(1));
    let mut params = system(FULLINFO, "md5");
    set(&mut params, "tid", "4001");
    // Signed with another secret.
    assert_shape(
        &post_signed(&sim, params.clone(), "wrongsecret"),
        25,
        "Invalid signature",
    );
    // A parameter changed after signing.
    let mut signed = params.clone();
    let s = sign(&signed, SECRET, "md5");
    signed.push(("sign".into(), s.clone()));
    set(&mut signed, "tid", "4002");
    assert_eq!(post_raw(&sim, &signed).code(), 25);
    // Lowercase hex is not the documented form.
    let mut lower = params.clone();
    lower.push(("sign".into(), s.to_lowercase()));
    assert_eq!(post_raw(&sim, &lower).code(), 25);
    // Signed with md5 but announced as hmac.
    let mut mislabelled = params;
    mislabelled.push(("sign".into(), s));
    set(&mut mislabelled, "sign_method", "hmac");
    assert_eq!(post_raw(&sim, &mislabelled).code(), 25);
}

#[test]
fn an_unknown_session_is_27() {
    let sim = Simulator::start(config(1));
    let mut params = system(FULLINFO, "hmac");
    set(&mut params, "session", "someone-elses-session");
    set(&mut params, "tid", "4001");
    assert_shape(
        &post_signed(&sim, params.clone(), SECRET),
        27,
        "Invalid session",
    );
    unset(&mut params, "session");
    assert_eq!(post_signed(&sim, params, SECRET).code(), 27);
}

#[test]
fn a_timestamp_more_than_ten_minutes_off_is_31() {
    let sim = Simulator::start(config(1));
    let tid = sim
        .create_order(
            APP_KEY,
            NewOrder::new(
                OrderStatus::WaitSellerSendGoods,
                vec![NewOrder::line(1003, 1)],
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let tid = tid.to_string();
    let with_offset = |offset: i64| {
        let mut params = system(FULLINFO, "hmac-sha256");
        set(&mut params, "timestamp", &timestamp(offset));
        set(&mut params, "tid", &tid);
        post_signed(&sim, params, SECRET)
    };
    assert_shape(&with_offset(11 * 60), 31, "Invalid timestamp");
    assert_eq!(with_offset(-11 * 60).code(), 31);
    with_offset(9 * 60).ok("trade_fullinfo_get_response");
    with_offset(-9 * 60).ok("trade_fullinfo_get_response");

    // The simulator's clock moved instead (Config::clock_offset_seconds / set_clock_offset).
    sim.set_clock_offset(3600);
    assert_eq!(with_offset(0).code(), 31);
    sim.set_clock_offset(0);
    with_offset(0).ok("trade_fullinfo_get_response");

    let mut params = system(FULLINFO, "md5");
    set(&mut params, "timestamp", "2026-11-28T10:00:00");
    set(&mut params, "tid", &tid);
    assert_eq!(post_signed(&sim, params, SECRET).code(), 31);
}

#[test]
fn the_clock_offset_of_the_config_is_honoured() {
    let mut cfg = config(1);
    cfg.clock_offset_seconds = -3600;
    let sim = Simulator::start(cfg);
    let mut params = system(INCREMENT, "md5");
    set(&mut params, "start_modified", &timestamp(-4000));
    set(&mut params, "end_modified", &timestamp(-3600));
    assert_eq!(post_signed(&sim, params.clone(), SECRET).code(), 31);
    set(&mut params, "timestamp", &timestamp(-3600));
    post_signed(&sim, params, SECRET).ok("trades_sold_increment_get_response");
}

#[test]
fn an_unknown_method_is_22() {
    let sim = Simulator::start(config(1));
    assert_shape(
        &call(&sim, "taobao.trade.get.everything", &[]),
        22,
        "Invalid method",
    );
}

#[test]
fn missing_arguments_are_40() {
    let sim = Simulator::start(config(1));
    let reply = call(&sim, FULLINFO, &[]);
    assert_shape(&reply, 40, "Missing required arguments: tid");
    assert_eq!(reply.sub_code(), "isv.missing-parameter");
    assert_eq!(
        call(&sim, SEND, &[("tid", "4001"), ("company_code", "SF")]).error()["msg"],
        "Missing required arguments: out_sid"
    );
    assert_eq!(
        call(&sim, QUANTITY, &[("num_iid", "1001")]).error()["msg"],
        "Missing required arguments: quantity"
    );
    assert_eq!(
        call(&sim, INCREMENT, &[("end_modified", &timestamp(0))]).error()["msg"],
        "Missing required arguments: start_modified"
    );
    for system_param in ["method", "v", "format", "timestamp", "sign_method"] {
        let mut params = system(FULLINFO, "md5");
        set(&mut params, "tid", "4001");
        unset(&mut params, system_param);
        assert_eq!(
            post_signed(&sim, params, SECRET).error()["msg"],
            format!("Missing required arguments: {system_param}")
        );
    }
    let mut unsigned = system(FULLINFO, "md5");
    set(&mut unsigned, "tid", "4001");
    assert_eq!(
        post_raw(&sim, &unsigned).error()["msg"],
        "Missing required arguments: sign"
    );
}

#[test]
fn invalid_arguments_are_41() {
    let sim = Simulator::start(config(1));
    let reply = call(&sim, FULLINFO, &[("tid", "abc")]);
    assert_shape(&reply, 41, "Invalid arguments: tid");
    assert_eq!(reply.sub_code(), "isv.invalid-parameter");
    assert!(reply.error()["sub_msg"]
        .as_str()
        .is_some_and(|m| m.contains("abc")));

    let day_and_a_second = [
        ("start_modified", timestamp(-86_401)),
        ("end_modified", timestamp(0)),
    ];
    let args: Vec<(&str, &str)> = day_and_a_second
        .iter()
        .map(|(k, v)| (*k, v.as_str()))
        .collect();
    assert_eq!(
        call(&sim, INCREMENT, &args).error()["msg"],
        "Invalid arguments: end_modified"
    );
    let backwards = [
        ("start_modified", timestamp(0)),
        ("end_modified", timestamp(-60)),
    ];
    let args: Vec<(&str, &str)> = backwards.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(call(&sim, INCREMENT, &args).code(), 41);
    let (start, end) = (timestamp(-60), timestamp(0));
    for (name, bad) in [
        ("page_size", "101"),
        ("page_size", "0"),
        ("page_no", "0"),
        ("status", "PAID"),
    ] {
        let reply = call(
            &sim,
            INCREMENT,
            &[
                ("start_modified", &start),
                ("end_modified", &end),
                (name, bad),
            ],
        );
        assert_eq!(
            reply.error()["msg"],
            format!("Invalid arguments: {name}"),
            "{name}={bad}"
        );
    }
    assert_eq!(
        call(
            &sim,
            INCREMENT,
            &[("start_modified", "yesterday"), ("end_modified", &end)]
        )
        .code(),
        41
    );
    assert_eq!(
        call(
            &sim,
            QUANTITY,
            &[("num_iid", "1001"), ("quantity", "5"), ("type", "3")]
        )
        .error()["msg"],
        "Invalid arguments: type"
    );
    assert_eq!(
        call(
            &sim,
            SEND,
            &[("tid", "4001"), ("out_sid", "SF1"), ("company_code", "DHL")]
        )
        .error()["msg"],
        "Invalid arguments: company_code"
    );
    let mut params = system(FULLINFO, "sha1");
    set(&mut params, "tid", "4001");
    set(&mut params, "sign", "ABC");
    assert_eq!(
        post_raw(&sim, &params).error()["msg"],
        "Invalid arguments: sign_method"
    );
    let mut params = system(FULLINFO, "md5");
    set(&mut params, "tid", "4001");
    set(&mut params, "format", "xml");
    assert_eq!(
        post_signed(&sim, params, SECRET).error()["msg"],
        "Invalid arguments: format"
    );
}

#[test]
fn an_unknown_trade_is_15_isv_trade_not_exist() {
    let sim = Simulator::start(config(1));
    let reply = call(&sim, FULLINFO, &[("tid", "999999")]);
    assert_shape(&reply, 15, "Remote service error");
    assert_eq!(reply.sub_code(), "isv.trade-not-exist");
    assert!(reply.error()["sub_msg"].is_string());
}

#[test]
fn a_ban_is_code_7_with_its_seconds() {
    let sim = Simulator::start(config(1));
    sim.ban(APP_KEY, 30);
    let reply = call(&sim, FULLINFO, &[("tid", "4001")]);
    assert_shape(&reply, 7, "App Call Limited");
    assert_eq!(
        reply.sub_code(),
        "accesscontrol.limited-by-app-access-count"
    );
    let sub_msg = reply.error()["sub_msg"].as_str().unwrap_or("").to_string();
    assert!(
        sub_msg == "This ban will last for 30 more seconds"
            || sub_msg == "This ban will last for 29 more seconds",
        "{sub_msg}"
    );
}

/// The exact request of the page's known answer, with the signatures computed in Python (names
/// sorted in byte order, so `tid` before `timestamp`; see `sign.rs`), is accepted for each sign
/// method (the simulator's clock set to 2026-11-28 10:00:00).
#[test]
fn the_known_answer_requests_are_accepted() {
    let then = NaiveDate::from_ymd_opt(2026, 11, 28)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_else(|| panic!("a date"));
    let here = Utc::now().naive_utc() + TimeDelta::hours(8);
    let mut cfg = config(1);
    cfg.clock_offset_seconds = (then - here).num_seconds();
    let sim = Simulator::start(cfg);
    let tid = sim
        .create_order(
            APP_KEY,
            NewOrder::new(
                OrderStatus::WaitSellerSendGoods,
                vec![NewOrder::line(1001, 1)],
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tid, 4001, "the first order is 4001, as on the page");
    for (method, sign) in [
        ("md5", "C8CCCB44D69C6C8F77C39C1D65810381"),
        ("hmac", "9667E03070514AB1760628F36DFB970D"),
        (
            "hmac-sha256",
            "F86C1A70BDC0C0B1C99D67790CD27CF39684EF37C6C12859D1B309D783E147CB",
        ),
    ] {
        let params: Vec<(String, String)> = [
            ("app_key", "12345678"),
            ("method", "taobao.trade.fullinfo.get"),
            ("session", "test-session"),
            ("sign_method", method),
            ("timestamp", "2026-11-28 10:00:00"),
            ("v", "2.0"),
            ("format", "json"),
            ("tid", "4001"),
            ("sign", sign),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(
            sign_of(&params, method),
            sign,
            "this test's own signer agrees with Python"
        );
        let trade = post_raw(&sim, &params).ok("trade_fullinfo_get_response");
        assert_eq!(trade["trade"]["tid"], 4001, "{method}");
    }
}

fn sign_of(params: &[(String, String)], method: &str) -> String {
    sign(params, SECRET, method)
}

#[test]
fn every_sign_method_is_accepted_with_any_parameters() {
    let sim = Simulator::start(config(1));
    let tid = sim
        .create_order(
            APP_KEY,
            NewOrder::new(OrderStatus::WaitBuyerPay, vec![NewOrder::line(1001, 1)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    for method in ["md5", "hmac", "hmac-sha256"] {
        // Values with spaces, '+', '&', '=' and Chinese survive the form encoding and the signature.
        let reply = call_with(
            &sim,
            FULLINFO,
            method,
            &[
                ("tid", &tid.to_string()),
                ("fields", "tid,status, 猕猴桃+豆腐&x=1"),
            ],
        );
        assert_eq!(
            reply.ok("trade_fullinfo_get_response")["trade"]["tid"],
            tid,
            "{method}"
        );
    }
}
