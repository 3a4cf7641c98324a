//! When backups are due (first open of a day, closing after a change), the second place and its
//! "more than a week" warning, and the list of both places, on real files in temp folders.

use std::path::Path;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use farmstall_app::backup::{self, Due};
use farmstall_app::dto::FarmerInput;
use farmstall_app::{App, Origin};
use farmstall_domain::FixedClock;

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

fn open(db: &Path, clock: &Arc<FixedClock>) -> App {
    ok(App::open_with_clock(db, Origin::Desktop, clock.clone()))
}

fn farmer(name: &str) -> FarmerInput {
    FarmerInput {
        name: name.into(),
        ..FarmerInput::default()
    }
}

#[test]
fn a_daily_backup_once_a_business_day_and_a_closing_one_only_after_a_change() {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    // 07:00 in Shanghai on 7 December.
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 6, 23, 0, 0)
            .single()
            .unwrap_or_default(),
    ));
    let mut app = open(&db, &clock);
    // Nothing in the shop yet (the first start): nothing worth a copy.
    assert!(ok(app.backup_if_due(Due::Daily)).is_none());
    ok(app.create_farmer(&farmer("王德贵")));
    let first = ok(app.backup_if_due(Due::Daily)).unwrap_or_else(|| panic!("none taken"));
    assert_eq!(first.backup.kind, "daily");
    assert_eq!(first.backup.farmers, Some(1));
    assert!(ok(app.backup_if_due(Due::Daily)).is_none(), "one a day");
    // Closing without a change since: nothing to do.
    assert!(ok(app.backup_if_due(Due::Closing)).is_none());
    ok(app.create_farmer(&farmer("李桂芬")));
    clock.set(
        Utc.with_ymd_and_hms(2026, 12, 7, 10, 0, 0)
            .single()
            .unwrap_or_default(),
    );
    let closing = ok(app.backup_if_due(Due::Closing)).unwrap_or_else(|| panic!("none taken"));
    assert_eq!(closing.backup.farmers, Some(2));
    // 16:30 UTC is already the next day in Shanghai.
    clock.set(
        Utc.with_ymd_and_hms(2026, 12, 7, 16, 30, 0)
            .single()
            .unwrap_or_default(),
    );
    assert!(ok(app.backup_if_due(Due::Daily)).is_some());
    // Rotation keeps the newest copy of each day: the closing one of the 7th, the 8th's daily.
    let list = ok(app.list_backups());
    let kinds: Vec<&str> = list.backups.iter().map(|b| b.kind.as_str()).collect();
    assert_eq!(kinds, ["daily", "closing"]);
    assert!(list.backups.iter().all(|b| b.usable));
    assert!(
        !Path::new(&first.backup.path).exists(),
        "the morning's copy was rotated away"
    );
}

#[test]
fn the_second_place_gets_a_verified_copy_and_warns_after_a_week() {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("data").join("farmstall.db");
    let usb = dir.path().join("usb");
    ok(std::fs::create_dir(&usb));
    let now = Utc
        .with_ymd_and_hms(2026, 12, 7, 2, 0, 0)
        .single()
        .unwrap_or_default();
    let clock = Arc::new(FixedClock::new(now));
    let mut app = open(&db, &clock);
    assert!(app.set_backup_place(Some("/no/such/folder")).is_err());
    ok(app.set_backup_place(Some(&usb.to_string_lossy())));
    let done = ok(app.backup_now(None));
    let copy = done
        .copied_to
        .unwrap_or_else(|| panic!("not copied: {:?}", done.outside_problem));
    assert!(Path::new(&copy).starts_with(usb.join("farmstall-backups")));
    let list = ok(app.list_backups());
    assert_eq!(list.backups.len(), 2, "both places");
    assert!(list
        .backups
        .iter()
        .any(|b| b.place == "outside" && b.usable));
    assert!(!list.outside_stale);
    assert!(list.last_outside_backup.is_some());
    // The stick unplugged: the backup is made here, the reason given, nothing fails.
    ok(std::fs::rename(&usb, dir.path().join("usb-away")));
    clock.set(now + Duration::days(8));
    let done = ok(app.backup_now(None));
    assert!(done.copied_to.is_none());
    assert!(done.outside_problem.is_some());
    let list = ok(app.list_backups());
    assert!(!list.second_place_present);
    assert!(list.outside_stale, "the last copy outside is 8 days old");
    // The list without an open app (the database-error screen) reads the same folder.
    drop(app);
    assert_eq!(backup::list(&db).backups.len(), 2);
}

#[test]
fn restore_refuses_while_the_shop_is_open_here() {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let mut app = open(&db, &clock);
    let done = ok(app.backup_now(None));
    let error = backup::restore(&db, Path::new(&done.backup.path));
    assert!(error.is_err(), "the open shop must be closed first");
    drop(app);
    let report = ok(backup::restore(&db, Path::new(&done.backup.path)));
    assert_eq!(report.after.farmers, 0);
}

/// The second place's choices: the sticks under the mount folders, never a mount folder itself
/// (`/media/<user>`), each once.
#[test]
fn plugged_in_sticks_are_offered_and_the_mount_folders_are_not() {
    let dir = ok(tempfile::tempdir());
    let media = dir.path().join("media");
    let user = media.join("mama");
    ok(std::fs::create_dir_all(user.join("KINGSTON")));
    ok(std::fs::create_dir_all(user.join("U盘")));
    ok(std::fs::write(
        user.join("readme.txt"),
        "a file, not a place",
    ));
    let mnt = dir.path().join("mnt");
    ok(std::fs::create_dir_all(mnt.join("backupdisk")));
    let offered = backup::offered_in(&[user.clone(), media, mnt, dir.path().join("gone")]);
    let labels: Vec<&str> = offered.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels, ["KINGSTON", "U盘", "backupdisk"]);
    assert_eq!(offered[0].path, user.join("KINGSTON").display().to_string());
}

/// The about view names where everything is, also for a shop that does not open.
#[test]
fn about_names_the_folders_and_the_second_place() {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    let stick = dir.path().join("stick");
    ok(std::fs::create_dir(&stick));
    let clock = Arc::new(FixedClock::new(
        Utc.with_ymd_and_hms(2026, 12, 7, 2, 0, 0)
            .single()
            .unwrap_or_default(),
    ));
    {
        let mut app = open(&db, &clock);
        ok(app.set_backup_place(Some(&stick.display().to_string())));
    }
    let about = backup::about(&db);
    assert_eq!(about.version, farmstall_app::VERSION);
    assert_eq!(about.data_folder, dir.path().display().to_string());
    assert_eq!(
        about.backups_folder,
        dir.path().join("backups").display().to_string()
    );
    assert_eq!(
        about.logs_folder,
        dir.path().join("logs").display().to_string()
    );
    assert_eq!(about.second_place, Some(stick.display().to_string()));

    // A shop that no longer opens still knows its stick (remembered beside the file), so its
    // rescue lists the backups there.
    ok(std::fs::write(&db, "damaged"));
    assert_eq!(
        backup::about(&db).second_place,
        Some(stick.display().to_string())
    );
    assert_eq!(
        backup::list(&db).second_place,
        Some(stick.display().to_string())
    );
}
