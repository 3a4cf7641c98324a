//! Writes are all-or-nothing and always leave a trace in the change log.

use chrono::{TimeZone, Utc};
use farmstall_domain::{FarmerDetails, Origin};
use farmstall_store::{changes, farmers, ListFilter, Store, StoreError};

fn details(name: &str) -> FarmerDetails {
    FarmerDetails {
        name: name.into(),
        village: "大木村".into(),
        ..FarmerDetails::default()
    }
}

#[test]
fn a_use_case_that_fails_halfway_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("shop.db")).unwrap_or_else(|e| panic!("{e}"));
    let at = Utc
        .with_ymd_and_hms(2026, 9, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let result: Result<(), StoreError> = store.write(|tx| {
        farmers::insert(tx, &details("王德贵"), at, Origin::Desktop)?;
        farmers::insert(tx, &details("李桂芬"), at, Origin::Desktop)?;
        Err(StoreError::Conflict(
            "the second half of the use case failed".into(),
        ))
    });
    assert!(result.is_err());
    let all = ListFilter {
        include_archived: true,
        ..ListFilter::default()
    };
    let page = farmers::list(store.conn(), &all).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(page.total, 0, "no farmer from the failed use case");
    assert_eq!(
        changes::count(store.conn()).unwrap_or(-1),
        0,
        "no change logged either"
    );
}

#[test]
fn every_write_is_logged_with_its_origin_and_the_log_cannot_be_rewritten() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("shop.db")).unwrap_or_else(|e| panic!("{e}"));
    let at = Utc
        .with_ymd_and_hms(2026, 9, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let farmer = store
        .write(|tx| farmers::insert(tx, &details("王德贵"), at, Origin::Sync))
        .unwrap_or_else(|e| panic!("{e}"));
    store
        .write(|tx| farmers::set_archived(tx, farmer.id, true, at, Origin::Cli))
        .unwrap_or_else(|e| panic!("{e}"));
    let log =
        changes::for_entity(store.conn(), "farmer", &farmer.id.to_string()).unwrap_or_default();
    let seen: Vec<(&str, &str)> = log
        .iter()
        .map(|c| (c.action.as_str(), c.origin.as_str()))
        .collect();
    assert_eq!(seen, [("create", "sync"), ("archive", "cli")]);
    for sql in [
        "UPDATE change_log SET origin = 'desktop'",
        "DELETE FROM change_log",
    ] {
        let refused = store.conn().execute(sql, []);
        assert!(refused.is_err(), "{sql} must be refused");
    }
    assert_eq!(changes::count(store.conn()).unwrap_or(-1), 2);
}

/// A change that joins an outbox item while it is being sent is not lost: the send marks the item
/// done only if no change joined it since it was read, else it stays pending and due at once.
#[test]
fn a_change_made_while_an_item_is_sent_keeps_it_waiting() {
    use farmstall_store::sync;
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut store = Store::open(&dir.path().join("shop.db")).unwrap_or_else(|e| panic!("{e}"));
    let at = Utc
        .with_ymd_and_hms(2026, 11, 28, 2, 0, 0)
        .single()
        .unwrap_or_default();
    let later = at + chrono::Duration::seconds(5);
    let read = store
        .write(|tx| {
            sync::queue(tx, "stock", "listing-1", at)?;
            sync::due(tx, at, 10)
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read.len(), 1);
    // While it is on the wire, stock moves again: the change joins the same item.
    store
        .write(|tx| sync::queue(tx, "stock", "listing-1", later))
        .unwrap_or_else(|e| panic!("{e}"));
    let done = store
        .write(|tx| sync::sent(tx, &read[0], later))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(!done, "the newer stock has not been sent yet");
    let again = store
        .write(|tx| sync::due(tx, later, 10))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.len(), 1, "still waiting, and due now");
    let done = store
        .write(|tx| sync::sent(tx, &again[0], later))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(done);
    let (pending, parked, _, _) = store
        .write(|tx| sync::counts(tx))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((pending, parked), (0, 0));
}
