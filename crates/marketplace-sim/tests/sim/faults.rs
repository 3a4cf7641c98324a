//! Injected faults: each kind does what it says (and a 5xx or isp answer does nothing, a dropped one
//! did it all), they are the same for the same seed and calls, bans last their seconds, and `/sim/*`
//! never sees a fault.

use std::time::{Duration, Instant};

use farmstall_marketplace_sim::{Fault, Faults, NewOrder, OrderStatus, Running, Simulator};

use crate::client::*;

fn with_faults(seed: u64, faults: Faults) -> Running {
    let mut cfg = config(seed);
    cfg.faults = faults;
    Simulator::start(cfg)
}

#[test]
fn a_5xx_answer_is_not_json_and_changes_nothing() {
    let sim = with_faults(
        1,
        Faults {
            server_error_share: 1.0,
            ..Faults::none()
        },
    );
    let reply = call(&sim, QUANTITY, &[("num_iid", "1001"), ("quantity", "3")]);
    match reply {
        Reply::Http(status, body) => {
            assert!([500, 502, 503].contains(&status), "{status}");
            assert!(serde_json::from_str::<serde_json::Value>(&body).is_err());
        }
        other => panic!("expected a 5xx, got {other:?}"),
    }
    assert_eq!(sim.stock(1001, None), Some(10));
    assert_eq!(sim.requests()[0].faults, vec![Fault::ServerError]);
}

#[test]
fn an_isp_answer_is_code_15_and_changes_nothing() {
    let sim = with_faults(
        1,
        Faults {
            isp_share: 1.0,
            ..Faults::none()
        },
    );
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..20 {
        let reply = call(&sim, QUANTITY, &[("num_iid", "1001"), ("quantity", "3")]);
        assert_eq!(reply.code(), 15);
        assert_eq!(reply.error()["msg"], "Remote service error");
        seen.insert(reply.sub_code());
    }
    let seen: Vec<String> = seen.into_iter().collect();
    assert_eq!(
        seen,
        vec![
            "isp.remote-service-error",
            "isp.top-remote-connection-timeout"
        ]
    );
    assert_eq!(sim.stock(1001, None), Some(10));
}

#[test]
fn a_dropped_answer_was_carried_out() {
    let sim = with_faults(
        1,
        Faults {
            drop_share: 1.0,
            ..Faults::none()
        },
    );
    let tid = sim
        .create_order(
            APP_KEY,
            NewOrder::new(
                OrderStatus::WaitSellerSendGoods,
                vec![NewOrder::line(1001, 1)],
            ),
        )
        .unwrap_or_else(|e| panic!("{e}"));
    let reply = call(
        &sim,
        SEND,
        &[
            ("tid", &tid.to_string()),
            ("out_sid", "SF100"),
            ("company_code", "SF"),
        ],
    );
    match reply {
        Reply::Dropped {
            status,
            got,
            expected,
        } => {
            assert_eq!(status, 200);
            assert!(got < expected && got > 0, "{got} of {expected}");
        }
        other => panic!("expected a dropped answer, got {other:?}"),
    }
    assert_eq!(
        sim.order_status(tid),
        Some(OrderStatus::WaitBuyerConfirmGoods),
        "the send was done"
    );
    // The client retries with the same waybill: a success.
    sim.set_faults(Faults::none())
        .unwrap_or_else(|e| panic!("{e}"));
    call(
        &sim,
        SEND,
        &[
            ("tid", &tid.to_string()),
            ("out_sid", "SF100"),
            ("company_code", "SF"),
        ],
    )
    .ok("logistics_offline_send_response");
    let faults: Vec<Vec<Fault>> = sim.requests().into_iter().map(|r| r.faults).collect();
    assert_eq!(faults, vec![vec![Fault::Drop], vec![]]);
}

#[test]
fn latency_is_in_its_range() {
    let sim = with_faults(
        1,
        Faults {
            latency_min_ms: 60,
            latency_max_ms: 80,
            ..Faults::none()
        },
    );
    let started = Instant::now();
    call(&sim, FULLINFO, &[("tid", "1")]);
    assert!(started.elapsed() >= Duration::from_millis(60));
    let latency = sim.requests()[0].latency_ms;
    assert!((60..=80).contains(&latency), "{latency}");
}

/// What a run of calls saw, call by call: the reply's kind and code, the faults, the latency.
fn fault_trace(seed: u64) -> Vec<String> {
    let sim = with_faults(
        seed,
        Faults {
            latency_min_ms: 0,
            latency_max_ms: 3,
            server_error_share: 0.15,
            isp_share: 0.15,
            drop_share: 0.15,
            page_shift_share: 0.5,
            ..Faults::none()
        },
    );
    let t0 = sim.now() - chrono::TimeDelta::hours(1);
    for i in 0..12 {
        let order = NewOrder::new(
            OrderStatus::WaitSellerSendGoods,
            vec![NewOrder::line(1003, 1)],
        )
        .at(t0 + chrono::TimeDelta::minutes(i));
        sim.create_order(APP_KEY, order)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    let (start, end) = (fmt(t0), fmt(sim.now() + chrono::TimeDelta::minutes(1)));
    let mut seen = Vec::new();
    for i in 0..60u64 {
        let reply = match i % 3 {
            0 => call(
                &sim,
                INCREMENT,
                &[
                    ("start_modified", &start),
                    ("end_modified", &end),
                    ("page_no", "2"),
                    ("page_size", "5"),
                ],
            ),
            1 => call(&sim, FULLINFO, &[("tid", &(4001 + i % 12).to_string())]),
            _ => call(
                &sim,
                QUANTITY,
                &[("num_iid", "1001"), ("quantity", "1"), ("type", "2")],
            ),
        };
        let kind = match &reply {
            Reply::Json(v) if v.get("error_response").is_some() => {
                format!("error {} {}", reply.code(), reply.sub_code())
            }
            Reply::Json(_) => "ok".to_string(),
            Reply::Http(status, _) => format!("http {status}"),
            Reply::Dropped { .. } => "dropped".to_string(),
            Reply::Refused => "refused".to_string(),
        };
        seen.push(kind);
    }
    let records = sim.requests();
    seen.iter()
        .zip(records)
        .map(|(kind, r)| {
            format!(
                "{kind} {:?} {}ms touched {:?}",
                r.faults, r.latency_ms, r.touched
            )
        })
        .collect()
}

#[test]
fn faults_are_reproducible_by_seed() {
    let a = fault_trace(42);
    assert_eq!(a, fault_trace(42));
    assert_ne!(a, fault_trace(43));
    for kind in ["http 5", "error 15 isp.", "dropped", "PageShift", "ok"] {
        assert!(
            a.iter().any(|line| line.contains(kind)),
            "no {kind} in {a:#?}"
        );
    }
}

/// The ban is real: every call inside it gets code 7 with the seconds left; the first success comes
/// only once it is over.
#[test]
fn a_ban_is_honoured_for_its_duration() {
    let sim = with_faults(
        1,
        Faults {
            ban_share: 1.0,
            ban_seconds: 2,
            ..Faults::none()
        },
    );
    let began = Instant::now();
    let first = call(&sim, FULLINFO, &[("tid", "1")]);
    assert_eq!(first.code(), 7);
    assert_eq!(
        first.error()["sub_msg"],
        "This ban will last for 2 more seconds"
    );
    // The ban began between `began` and now, so it is over by 2 s from now at the latest.
    let ban_over_by = Instant::now() + Duration::from_secs(2);
    sim.set_faults(Faults::none())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut banned_calls = 0;
    loop {
        let asked = Instant::now();
        let reply = call(&sim, FULLINFO, &[("tid", "1")]);
        if reply.code() == 7 {
            assert!(asked < ban_over_by, "still banned after 2 s");
            let sub_msg = reply.error()["sub_msg"].as_str().unwrap_or("").to_string();
            assert!(
                sub_msg == "This ban will last for 2 more seconds"
                    || sub_msg == "This ban will last for 1 more seconds",
                "{sub_msg}"
            );
            banned_calls += 1;
            std::thread::sleep(Duration::from_millis(100));
            continue;
        }
        assert!(
            began.elapsed() >= Duration::from_secs(2),
            "answered inside the ban: {reply:?}"
        );
        assert_eq!(reply.sub_code(), "isv.trade-not-exist");
        break;
    }
    assert!(banned_calls >= 5, "{banned_calls}");
    let records = sim.requests();
    assert_eq!(records[0].faults, vec![Fault::Ban]);
    assert!(records[1..records.len() - 1]
        .iter()
        .all(|r| r.code == Some(7) && r.faults.is_empty()));
}

#[test]
fn sim_endpoints_never_see_faults() {
    let sim = with_faults(
        1,
        Faults {
            server_error_share: 1.0,
            latency_min_ms: 0,
            latency_max_ms: 0,
            ..Faults::none()
        },
    );
    for _ in 0..5 {
        assert!(matches!(get(&sim, "/sim/state"), Reply::Json(_)));
        assert!(matches!(
            post_json(&sim, "/sim/buyers", r#"{"steps": 1}"#),
            Reply::Json(_)
        ));
        assert!(matches!(get(&sim, "/sim/faults"), Reply::Json(_)));
    }
    assert_eq!(
        sim.snapshot().requests_total,
        0,
        "/sim/* calls are not recorded"
    );
}

#[test]
fn faults_are_set_over_http_and_checked() {
    let sim = with_faults(1, Faults::none());
    let set = post_json(
        &sim,
        "/sim/faults",
        r#"{"isp_share": 0.5, "latency_max_ms": 5}"#,
    );
    assert_eq!(
        set,
        Reply::Json(serde_json::json!({
            "latency_min_ms": 0, "latency_max_ms": 5, "server_error_share": 0.0, "isp_share": 0.5,
            "ban_share": 0.0, "ban_seconds": 0, "drop_share": 0.0, "page_shift_share": 0.0
        }))
    );
    assert_eq!(sim.faults().isp_share, 0.5);
    for bad in [
        r#"{"isp_share": 0.7, "drop_share": 0.7}"#,
        r#"{"isp_share": -0.1}"#,
        r#"{"ban_share": 0.1}"#,
        r#"{"latency_min_ms": 9, "latency_max_ms": 1}"#,
        r#"{"isp": 0.1}"#,
    ] {
        match post_json(&sim, "/sim/faults", bad) {
            Reply::Http(status, _) => assert!((400..500).contains(&status), "{bad}: {status}"),
            other => panic!("{bad} accepted: {other:?}"),
        }
    }
    assert_eq!(sim.faults().isp_share, 0.5, "refused faults change nothing");
    assert!(sim
        .set_faults(Faults {
            drop_share: 2.0,
            ..Faults::none()
        })
        .is_err());
}
