//! The owner's PIN: pay and settings ask for it once it is set, other screens stay open; it is
//! kept only as a salted slow hash; wrong tries are counted across restarts and then slowed down.

use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use farmstall_app::dto::ListQuery;
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::FixedClock;

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

fn refused<T: std::fmt::Debug>(result: Result<T, AppError>) -> IpcError {
    match result {
        Err(e) => IpcError::from(&e),
        Ok(v) => panic!("expected a refusal, got {v:?}"),
    }
}

#[test]
fn pay_and_settings_ask_for_the_pin_and_wrong_tries_slow_down() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("farmstall.db");
    let start = Utc
        .with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
        .single()
        .unwrap_or_default();
    let clock = Arc::new(FixedClock::new(start));
    let open = |clock: &Arc<FixedClock>| {
        App::open_with_clock(&path, Origin::Desktop, clock.clone())
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let mut owner = open(&clock);
    // No PIN: everything is open.
    ok(owner.preview_payroll("2026-11"));
    let bad = refused(owner.set_pin("", "12a4"));
    assert_eq!(bad.errors[0].field, "new");
    let status = ok(owner.set_pin("", "2580"));
    assert!(status.set && status.unlocked, "the one who set it stays in");
    let stored: String = owner
        .reader()
        .unwrap_or_else(|e| panic!("{e}"))
        .query_row(
            "SELECT value FROM settings WHERE key = 'pin_hash'",
            [],
            |r| r.get(0),
        )
        .unwrap_or_default();
    assert!(
        stored.starts_with("$argon2id$") && !stored.contains("2580"),
        "{stored}"
    );

    // Another copy of the app (the family's): pay and settings are locked, the shop is not.
    let mut family = open(&clock);
    assert!(!ok(family.pin_status()).unlocked);
    assert_eq!(refused(family.preview_payroll("2026-11")).kind, "locked");
    assert_eq!(
        refused(family.save_shop_profile(&Default::default())).kind,
        "locked"
    );
    ok(family.list_products(&ListQuery::default()));

    // Four wrong tries say how many are left; the fifth blocks even the right PIN for a while.
    for left in (1..=4).rev() {
        let e = refused(family.unlock("0000"));
        assert_eq!(
            (
                e.errors[0].rule.as_str(),
                e.errors[0].params.get("left").cloned()
            ),
            ("wrong_pin", Some(left.to_string()))
        );
    }
    let e = refused(family.unlock("0000"));
    assert_eq!(
        e.errors[0].params.get("seconds").map(String::as_str),
        Some("30")
    );
    // A restart does not forget.
    let mut family = open(&clock);
    assert_eq!(
        refused(family.unlock("2580")).errors[0].rule,
        "too_many_tries"
    );
    clock.set(start + Duration::seconds(31));
    assert!(ok(family.unlock("2580")).unlocked);
    ok(family.preview_payroll("2026-11"));
    ok(family.lock());
    assert_eq!(refused(family.preview_payroll("2026-11")).kind, "locked");

    // Changing it needs the current one; removing it opens everything again.
    assert_eq!(
        refused(owner.set_pin("1111", "3690")).errors[0].rule,
        "wrong_pin"
    );
    ok(owner.set_pin("2580", ""));
    let mut anyone = open(&clock);
    ok(anyone.preview_payroll("2026-11"));
}
