//! The four methods and the state behind them: the full order's shape, paging newest-first with
//! has_next (and pages that shift), idempotent shipping, stock set and changed by delta.

use chrono::TimeDelta;
use farmstall_marketplace_sim::{
    Fault, Faults, NewLine, NewOrder, OrderStatus, Simulator, Waybill,
};

use crate::client::*;

fn paid(lines: Vec<NewLine>) -> NewOrder {
    NewOrder::new(OrderStatus::WaitSellerSendGoods, lines)
}

fn sku(num_iid: u64, sku_id: &str, num: u32) -> NewLine {
    NewLine {
        num_iid,
        sku_id: Some(sku_id.to_string()),
        num,
    }
}

#[test]
fn fullinfo_answers_the_documented_shape() {
    let sim = Simulator::start(config(1));
    let tid = sim
        .create_order(
            APP_KEY,
            paid(vec![NewOrder::line(1001, 2), sku(1002, "10022", 1)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let t = call(
        &sim,
        FULLINFO,
        &[("tid", &tid.to_string()), ("fields", "tid")],
    )
    .ok("trade_fullinfo_get_response")["trade"]
        .clone();
    assert_eq!(t["tid"], tid);
    assert_eq!(t["status"], "WAIT_SELLER_SEND_GOODS");
    for time in ["created", "pay_time", "modified"] {
        let text = t[time].as_str().unwrap_or_else(|| panic!("{time} in {t}"));
        assert!(
            farmstall_marketplace_sim::time::parse(text).is_some(),
            "{time}: {text}"
        );
    }
    for text in [
        "buyer_nick",
        "receiver_name",
        "receiver_mobile",
        "receiver_state",
        "receiver_city",
        "receiver_district",
        "receiver_address",
        "receiver_zip",
    ] {
        assert!(
            t[text].as_str().is_some_and(|s| !s.is_empty()),
            "{text} in {t}"
        );
    }
    for text in ["buyer_message", "seller_memo", "out_sid", "company_code"] {
        assert!(t[text].is_string(), "{text} in {t}");
    }
    assert_eq!(t["out_sid"], "");
    assert_eq!(t["post_fee"], "0.00");
    assert_eq!(t["payment"], "207.60", "2 x 59.80 + 88.00");
    let lines = t["orders"]["order"].as_array().cloned().unwrap_or_default();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["oid"], tid * 10 + 1);
    assert_eq!(lines[0]["num_iid"], 1001);
    assert_eq!(lines[0]["sku_id"], "");
    assert_eq!(lines[0]["outer_iid"], "KIWI-5J");
    assert_eq!(lines[0]["title"], "猕猴桃 5斤装");
    assert_eq!(lines[0]["num"], 2);
    assert_eq!(lines[0]["price"], "59.80");
    assert_eq!(lines[0]["payment"], "119.60");
    assert_eq!(lines[0]["refund_status"], "NO_REFUND");
    assert_eq!(lines[1]["sku_id"], "10022");
    assert_eq!(lines[1]["outer_iid"], "KIWI-10J-B");

    // Unpaid: no pay_time at all.
    let unpaid = sim
        .create_order(
            APP_KEY,
            NewOrder::new(OrderStatus::WaitBuyerPay, vec![NewOrder::line(1003, 1)]),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let t = call(&sim, FULLINFO, &[("tid", &unpaid.to_string())]).ok("trade_fullinfo_get_response");
    assert!(t["trade"].get("pay_time").is_none(), "{t}");
    assert_eq!(t["trade"]["status"], "WAIT_BUYER_PAY");
}

#[test]
fn another_shops_order_does_not_exist_for_this_one() {
    let mut cfg = config(1);
    cfg.shops.push(farmstall_marketplace_sim::ShopConfig::new(
        "other",
        "othersecret",
        "other-session",
    ));
    let sim = Simulator::start(cfg);
    let tid = sim
        .create_order(APP_KEY, paid(vec![NewOrder::line(1001, 1)]))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut params = system(FULLINFO, "md5");
    set(&mut params, "app_key", "other");
    set(&mut params, "session", "other-session");
    set(&mut params, "tid", &tid.to_string());
    assert_eq!(
        post_signed(&sim, params, "othersecret").sub_code(),
        "isv.trade-not-exist"
    );
}

fn page(
    sim: &farmstall_marketplace_sim::Running,
    start: &str,
    end: &str,
    no: u32,
    size: u32,
    extra: &[(&str, &str)],
) -> (Vec<u64>, bool, u64) {
    let (no, size) = (no.to_string(), size.to_string());
    let mut args = vec![
        ("start_modified", start),
        ("end_modified", end),
        ("page_no", no.as_str()),
        ("page_size", size.as_str()),
    ];
    args.extend_from_slice(extra);
    let r = call(sim, INCREMENT, &args).ok("trades_sold_increment_get_response");
    let tids = r["trades"]["trade"]
        .as_array()
        .map(|ts| ts.iter().filter_map(|t| t["tid"].as_u64()).collect())
        .unwrap_or_default();
    if r.get("trades").is_some() {
        for t in r["trades"]["trade"].as_array().cloned().unwrap_or_default() {
            assert!(t["status"].is_string() && t["modified"].is_string(), "{t}");
        }
    }
    (
        tids,
        r["has_next"]
            .as_bool()
            .unwrap_or_else(|| panic!("has_next in {r}")),
        r["total_results"].as_u64().unwrap_or(99),
    )
}

#[test]
fn increment_get_pages_newest_modified_first_with_has_next() {
    let sim = Simulator::start(config(1));
    let t0 = sim.now() - TimeDelta::hours(2);
    let mut tids = Vec::new();
    for i in 0..7 {
        let order = paid(vec![NewOrder::line(1003, 1)]).at(t0 + TimeDelta::minutes(i));
        tids.push(
            sim.create_order(APP_KEY, order)
                .unwrap_or_else(|e| panic!("{e}")),
        );
    }
    // Outside the window.
    let old = paid(vec![NewOrder::line(1003, 1)]).at(t0 - TimeDelta::hours(1));
    sim.create_order(APP_KEY, old)
        .unwrap_or_else(|e| panic!("{e}"));
    let (start, end) = (fmt(t0), fmt(t0 + TimeDelta::minutes(30)));
    let newest_first: Vec<u64> = tids.iter().rev().copied().collect();
    let has_next = [("use_has_next", "true")];

    assert_eq!(
        page(&sim, &start, &end, 1, 3, &has_next),
        (newest_first[0..3].to_vec(), true, 0)
    );
    assert_eq!(
        page(&sim, &start, &end, 2, 3, &has_next),
        (newest_first[3..6].to_vec(), true, 0)
    );
    assert_eq!(
        page(&sim, &start, &end, 3, 3, &has_next),
        (newest_first[6..7].to_vec(), false, 0)
    );
    assert_eq!(
        page(&sim, &start, &end, 4, 3, &has_next),
        (vec![], false, 0)
    );
    // Without use_has_next the platform counts.
    assert_eq!(
        page(&sim, &start, &end, 1, 100, &[]),
        (newest_first.clone(), false, 7)
    );
    // Both ends of the window are in it.
    let exact = page(
        &sim,
        &fmt(t0),
        &fmt(t0 + TimeDelta::minutes(6)),
        1,
        100,
        &[],
    );
    assert_eq!(exact.0, newest_first);
    // Exactly one day is allowed.
    let day = page(
        &sim,
        &fmt(t0 - TimeDelta::hours(23)),
        &fmt(t0 + TimeDelta::hours(1)),
        1,
        100,
        &[],
    );
    assert_eq!(day.0.len(), 8);

    // A change moves an order to the front.
    sim.refund(tids[0]).unwrap_or_else(|e| panic!("{e}"));
    let now_end = fmt(sim.now() + TimeDelta::minutes(1));
    let (first, _, _) = page(&sim, &start, &now_end, 1, 2, &[]);
    assert_eq!(first[0], tids[0]);
    // Status filter.
    let (closed, _, _) = page(
        &sim,
        &start,
        &now_end,
        1,
        100,
        &[("status", "TRADE_CLOSED")],
    );
    assert_eq!(closed, vec![tids[0]]);
    // An empty window has no `trades` at all.
    let r = call(
        &sim,
        INCREMENT,
        &[
            ("start_modified", &fmt(t0 - TimeDelta::hours(20))),
            ("end_modified", &fmt(t0 - TimeDelta::hours(19))),
        ],
    )
    .ok("trades_sold_increment_get_response");
    assert!(r.get("trades").is_none(), "{r}");
    assert_eq!(r["has_next"], false);
}

#[test]
fn pages_shift_between_reads_when_the_fault_is_on() {
    let mut cfg = config(5);
    cfg.faults = Faults {
        page_shift_share: 1.0,
        ..Faults::none()
    };
    let sim = Simulator::start(cfg);
    let t0 = sim.now() - TimeDelta::hours(3);
    for i in 0..9 {
        let order = paid(vec![NewOrder::line(1003, 1)]).at(t0 + TimeDelta::minutes(i));
        sim.create_order(APP_KEY, order)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let (start, end) = (fmt(t0), fmt(sim.now() + TimeDelta::minutes(5)));
    let (p1, _, _) = page(&sim, &start, &end, 1, 3, &[]);
    assert_eq!(p1, vec![4009, 4008, 4007], "page 1 is never shifted");
    page(&sim, &start, &end, 2, 3, &[]);
    let last = sim.requests().pop().unwrap_or_else(|| panic!("a request"));
    assert_eq!(last.faults, vec![Fault::PageShift]);
    assert!(
        !last.touched.is_empty() && last.touched.len() <= 3,
        "{:?}",
        last.touched
    );
    let now = sim.now();
    for tid in &last.touched {
        let modified = sim
            .order(*tid)
            .map(|o| o.modified)
            .unwrap_or_else(|| panic!("order {tid}"));
        assert!(
            (now - modified).num_seconds().abs() <= 2,
            "{tid} was modified now"
        );
    }
    // The touched orders are at the front now.
    let (front, _, _) = page(&sim, &start, &end, 1, 9, &[]);
    let mut front_set = front[..last.touched.len()].to_vec();
    front_set.sort_unstable();
    assert_eq!(front_set, last.touched);
}

#[test]
fn sending_is_idempotent_with_the_same_waybill_only() {
    let sim = Simulator::start(config(1));
    let tid = sim
        .create_order(APP_KEY, paid(vec![NewOrder::line(1001, 1)]))
        .unwrap_or_else(|e| panic!("{e}"));
    let t = tid.to_string();
    let send = |out_sid: &str, company: &str| {
        call(
            &sim,
            SEND,
            &[("tid", &t), ("out_sid", out_sid), ("company_code", company)],
        )
    };
    let ok = send("SF1234567890123", "SF").ok("logistics_offline_send_response");
    assert_eq!(ok["shipping"]["is_success"], true);
    assert_eq!(
        sim.order_status(tid),
        Some(OrderStatus::WaitBuyerConfirmGoods)
    );
    let waybill = Waybill {
        company_code: "SF".into(),
        out_sid: "SF1234567890123".into(),
    };
    assert_eq!(sim.waybill(tid), Some(waybill.clone()));
    let modified = sim.order(tid).map(|o| o.modified);

    // The same again: a success that changes nothing.
    send("SF1234567890123", "SF").ok("logistics_offline_send_response");
    assert_eq!(sim.order(tid).map(|o| o.modified), modified);

    // Another waybill, or the same number with another courier: refused, nothing changed.
    for (out_sid, company) in [("SF9999999999999", "SF"), ("SF1234567890123", "ZTO")] {
        let reply = send(out_sid, company);
        assert_eq!(reply.code(), 15);
        assert_eq!(reply.sub_code(), "isv.logistics-offline-send-failed");
        assert!(reply.error()["sub_msg"]
            .as_str()
            .is_some_and(|m| m.contains("SF1234567890123")));
    }
    assert_eq!(sim.waybill(tid), Some(waybill));

    // Still the same waybill after the buyer confirmed.
    sim.confirm(tid).unwrap_or_else(|e| panic!("{e}"));
    send("SF1234567890123", "SF").ok("logistics_offline_send_response");
    assert_eq!(sim.order_status(tid), Some(OrderStatus::TradeFinished));
}

#[test]
fn sending_an_order_in_another_state_or_poisoned_is_refused() {
    let sim = Simulator::start(config(1));
    let create = |status| {
        sim.create_order(
            APP_KEY,
            NewOrder::new(status, vec![NewOrder::line(1003, 1)]),
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    for status in [
        OrderStatus::WaitBuyerPay,
        OrderStatus::TradeClosedByTaobao,
        OrderStatus::TradeClosed,
    ] {
        let tid = create(status);
        let reply = call(
            &sim,
            SEND,
            &[
                ("tid", &tid.to_string()),
                ("out_sid", "YT100"),
                ("company_code", "YTO"),
            ],
        );
        assert_eq!(
            reply.sub_code(),
            "isv.logistics-offline-send-failed",
            "{status:?}"
        );
        assert!(reply.error()["sub_msg"]
            .as_str()
            .is_some_and(|m| m.contains(status.as_str())));
        assert_eq!(sim.order_status(tid), Some(status));
        assert_eq!(sim.waybill(tid), None);
    }
    let poisoned = create(OrderStatus::WaitSellerSendGoods);
    sim.reject_always(poisoned);
    for _ in 0..3 {
        let reply = call(
            &sim,
            SEND,
            &[
                ("tid", &poisoned.to_string()),
                ("out_sid", "YT100"),
                ("company_code", "YTO"),
            ],
        );
        assert_eq!(reply.sub_code(), "isv.logistics-offline-send-failed");
    }
    assert_eq!(
        sim.order_status(poisoned),
        Some(OrderStatus::WaitSellerSendGoods)
    );
    let reply = call(
        &sim,
        SEND,
        &[
            ("tid", "777"),
            ("out_sid", "YT100"),
            ("company_code", "YTO"),
        ],
    );
    assert_eq!(reply.sub_code(), "isv.trade-not-exist");
    let reply = call(
        &sim,
        SEND,
        &[
            ("tid", &poisoned.to_string()),
            ("out_sid", "YT 100"),
            ("company_code", "YTO"),
        ],
    );
    assert_eq!(reply.code(), 41);
    assert_eq!(sim.snapshot().rejected_tids, vec![poisoned]);
}

#[test]
fn quantity_is_set_or_changed_by_a_delta_never_below_zero() {
    let sim = Simulator::start(config(1));
    let item = |r: &Reply| r.ok("item_quantity_update_response")["item"].clone();
    let set = call(
        &sim,
        QUANTITY,
        &[("num_iid", "1001"), ("quantity", "42"), ("type", "1")],
    );
    let i = item(&set);
    assert_eq!(
        (i["num_iid"].as_u64(), i["num"].as_i64()),
        (Some(1001), Some(42))
    );
    assert!(i["modified"]
        .as_str()
        .and_then(farmstall_marketplace_sim::time::parse)
        .is_some());
    assert_eq!(sim.stock(1001, None), Some(42));
    // The default type is 1.
    item(&call(
        &sim,
        QUANTITY,
        &[("num_iid", "1001"), ("quantity", "40")],
    ));
    assert_eq!(sim.stock(1001, None), Some(40));
    assert_eq!(
        item(&call(
            &sim,
            QUANTITY,
            &[("num_iid", "1001"), ("quantity", "-15"), ("type", "2")]
        ))["num"],
        25
    );
    assert_eq!(
        item(&call(
            &sim,
            QUANTITY,
            &[("num_iid", "1001"), ("quantity", "5"), ("type", "2")]
        ))["num"],
        30
    );
    for (q, t) in [("-31", "2"), ("-1", "1")] {
        let reply = call(
            &sim,
            QUANTITY,
            &[("num_iid", "1001"), ("quantity", q), ("type", t)],
        );
        assert_eq!(reply.code(), 15);
        assert_eq!(reply.sub_code(), "isv.item-quantity-invalid");
    }
    assert_eq!(
        sim.stock(1001, None),
        Some(30),
        "refused changes change nothing"
    );
    item(&call(
        &sim,
        QUANTITY,
        &[("num_iid", "1001"), ("quantity", "0")],
    ));
    assert_eq!(sim.stock(1001, None), Some(0));
}

#[test]
fn quantity_finds_a_sku_by_sku_id_or_outer_id() {
    let sim = Simulator::start(config(1));
    let item = call(
        &sim,
        QUANTITY,
        &[("num_iid", "1002"), ("sku_id", "10021"), ("quantity", "7")],
    )
    .ok("item_quantity_update_response")["item"]
        .clone();
    // `num` is the item's total over its SKUs (7 + 5); the SKU's own quantity is in `skus`.
    assert_eq!(item["num"], 12, "{item}");
    assert_eq!(item["skus"]["sku"][0]["sku_id"], "10021", "{item}");
    assert_eq!(item["skus"]["sku"][0]["quantity"], 7, "{item}");
    call(
        &sim,
        QUANTITY,
        &[
            ("num_iid", "1002"),
            ("outer_id", "KIWI-10J-B"),
            ("quantity", "3"),
            ("type", "2"),
        ],
    )
    .ok("item_quantity_update_response");
    assert_eq!(sim.stock(1002, Some("10021")), Some(7));
    assert_eq!(sim.stock(1002, Some("10022")), Some(8));
    assert_eq!(
        call(&sim, QUANTITY, &[("num_iid", "1002"), ("quantity", "1")]).error()["msg"],
        "Invalid arguments: sku_id"
    );
    assert_eq!(
        call(
            &sim,
            QUANTITY,
            &[("num_iid", "1002"), ("sku_id", "999"), ("quantity", "1")]
        )
        .sub_code(),
        "isv.item-sku-not-exist"
    );
    assert_eq!(
        call(&sim, QUANTITY, &[("num_iid", "5555"), ("quantity", "1")]).sub_code(),
        "isv.item-not-exist"
    );
    // An item without SKUs answers to its outer id too.
    call(
        &sim,
        QUANTITY,
        &[("num_iid", "1003"), ("outer_id", "TOFU"), ("quantity", "9")],
    )
    .ok("item_quantity_update_response");
    assert_eq!(sim.stock(1003, None), Some(9));
}
