//! Leaving the demo ("清除演示数据，开始我的小店"), on real files in temp folders: the demo is
//! kept as a verified backup and the next open finds an empty shop; a real shop is never cleared.

use std::path::{Path, PathBuf};

use farmstall_app::backup;
use farmstall_app::credentials::MarketplaceInput;
use farmstall_app::demo::{self, LEAVE_STEP};
use farmstall_app::dto::{FarmerInput, ListQuery};
use farmstall_app::statement::StatementQuery;
use farmstall_app::{App, Origin};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

struct Shop {
    dir: tempfile::TempDir,
    db: PathBuf,
    keys: PathBuf,
}

fn folder() -> Shop {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("data").join("farmstall.db");
    let keys = dir.path().join("keys");
    Shop { dir, db, keys }
}

fn open(shop: &Shop) -> App {
    ok(App::open(&shop.db, Origin::Desktop)).with_key_dir(&shop.keys)
}

fn all() -> ListQuery {
    ListQuery {
        include_archived: true,
        limit: 500,
        ..ListQuery::default()
    }
}

/// Farmers, products and orders a person would see in the lists.
fn seen(app: &mut App) -> (u32, u32, u32) {
    let farmers = ok(app.list_farmers(&all())).total;
    let products = ok(app.list_products(&all())).total;
    let orders = ok(app.list_orders(&farmstall_app::orders::OrderQuery {
        limit: 500,
        ..Default::default()
    }))
    .total;
    (farmers, products, orders)
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn leaving_the_demo_keeps_it_as_a_backup_and_the_next_open_is_an_empty_shop() {
    let shop = folder();
    let data = shop.db.parent().map(Path::to_path_buf).unwrap_or_default();
    let (demo_seen, demo_lots, statement) = {
        let mut app = open(&shop);
        assert!(!ok(app.status()).is_demo, "an empty shop is no demo");
        ok(app.load_demo());
        let status = ok(app.status());
        assert!(status.is_demo && status.has_shop);
        // The owner looked at it in English, printed a statement and connected a marketplace.
        ok(app.set_language("en"));
        let farmer = ok(app.list_farmers(&all())).items[0].id.clone();
        let statement = ok(app.save_farmer_statement(&StatementQuery {
            farmer_id: farmer,
            ..StatementQuery::default()
        }));
        ok(app.save_marketplace(&MarketplaceInput {
            base_url: "http://127.0.0.1:9".into(),
            app_key: "demo-key".into(),
            secret: "demo-secret".into(),
            session: "demo-session".into(),
            sign_method: String::new(),
        }));
        assert!(data.join("marketplace.sealed").is_file());
        let lots = backup::check(&shop.db).map(|c| c.lots);
        (seen(&mut app), lots, PathBuf::from(statement.path))
    };
    assert!(demo_seen.0 > 0 && demo_seen.1 > 0 && demo_seen.2 > 0);

    let left = ok(demo::leave(&shop.db));

    // The demo is kept: a backup named for the step, verified, holding what the demo held.
    let kept = PathBuf::from(&left.backup);
    assert!(kept.starts_with(data.join("backups")), "{}", left.backup);
    assert!(kept.to_string_lossy().contains(LEAVE_STEP));
    let counts = ok(backup::check(&kept));
    assert_eq!(counts, left.demo);
    assert_eq!(i64::from(demo_seen.0), counts.farmers);
    assert_eq!(i64::from(demo_seen.2), counts.orders);
    assert_eq!(demo_lots.ok(), Some(counts.lots));
    let listed = backup::list(&shop.db);
    assert!(listed
        .backups
        .iter()
        .any(|b| b.path == left.backup && b.step.as_deref() == Some(LEAVE_STEP) && b.usable));
    // A copy of the kept backup opens as the demo shop again, with its farmers and products.
    let reopened = shop.dir.path().join("look").join("demo.db");
    ok(std::fs::create_dir_all(
        reopened.parent().unwrap_or(Path::new(".")),
    ));
    ok(std::fs::copy(&kept, &reopened));
    {
        let mut demo_again = ok(App::open(&reopened, Origin::Cli));
        assert_eq!(seen(&mut demo_again), demo_seen);
        assert!(ok(demo_again.status()).is_demo);
    }

    // The demo's printed documents and its marketplace connection went into the dated folder.
    let kept_folder = PathBuf::from(left.kept_folder.unwrap_or_else(|| panic!("nothing kept")));
    assert!(kept_folder.starts_with(&data));
    let file = statement
        .strip_prefix(data.join("documents"))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(kept_folder.join("documents").join(file).is_file());
    assert!(kept_folder.join("marketplace.sealed").is_file());
    assert!(!data.join("documents").exists());
    assert!(!data.join("marketplace.sealed").exists());

    // The next open is a new, empty shop: nothing of the demo, no marketplace, in English still.
    let mut app = open(&shop);
    let status = ok(app.status());
    assert!(!status.has_shop && !status.is_demo);
    assert_eq!(status.language, "en");
    assert_eq!(seen(&mut app), (0, 0, 0));
    assert!(ok(app.shop_profile()).is_none());
    assert!(!ok(app.marketplace_settings()).connected);
    assert_eq!(ok(app.sync_status()).last_error, "");
    // And the demo may be tried again there.
    ok(app.load_demo());
    assert_eq!(seen(&mut app), demo_seen);
}

#[test]
fn a_real_shop_is_never_cleared() {
    let shop = folder();
    {
        let mut app = open(&shop);
        ok(app.create_farmer(&FarmerInput {
            name: "王德贵".into(),
            ..FarmerInput::default()
        }));
    }
    let before = ok(std::fs::read(&shop.db));
    let data = shop.db.parent().map(Path::to_path_buf).unwrap_or_default();
    let files_before = files_in(&data);

    let refused = demo::leave(&shop.db);
    let error = refused
        .err()
        .unwrap_or_else(|| panic!("a real shop was cleared"));
    let ipc = farmstall_app::IpcError::from(&error);
    assert_eq!(ipc.kind, "conflict");
    assert!(ipc.message.contains("not the demo"), "{}", ipc.message);

    // Unchanged: the same file, no backup taken, nothing moved.
    assert_eq!(ok(std::fs::read(&shop.db)), before);
    assert_eq!(files_in(&data), files_before);
    let mut app = open(&shop);
    assert_eq!(seen(&mut app), (1, 0, 0));

    // Not a shop at all, or no file there: refused too.
    let notes = data.join("notes.db");
    ok(std::fs::write(&notes, "not a shop"));
    assert!(demo::leave(&notes).is_err());
    assert_eq!(ok(std::fs::read_to_string(&notes)), "not a shop");
    let missing = data.join("nothing-here.db");
    let error = demo::leave(&missing)
        .err()
        .map(|e| farmstall_app::IpcError::from(&e).kind);
    assert_eq!(error.as_deref(), Some("not_found"));
    assert!(!missing.exists());
}

#[test]
fn a_demo_open_in_this_program_is_refused_until_closed() {
    let shop = folder();
    let mut app = open(&shop);
    ok(app.load_demo());
    let error = demo::leave(&shop.db)
        .err()
        .unwrap_or_else(|| panic!("cleared under an open App"));
    assert_eq!(farmstall_app::IpcError::from(&error).kind, "conflict");
    // Still the demo, whole, under the open app; no backup was taken.
    assert!(ok(app.status()).is_demo);
    assert!(ok(app.list_products(&all())).total > 0);
    assert!(backup::list(&shop.db)
        .backups
        .iter()
        .all(|b| b.step.as_deref() != Some(LEAVE_STEP)));
    drop(app);
    let left = ok(demo::leave(&shop.db));
    assert!(Path::new(&left.backup).is_file());
    // A demo that printed nothing and had no marketplace leaves no extra folder behind.
    assert!(left.kept_folder.is_none());
}

/// Another program (a second Farmstall, the CLI) with the demo open: removing the file under it
/// would lose its writes into a deleted file, so nothing is removed.
#[test]
fn a_demo_another_program_has_open_is_not_removed() {
    let shop = folder();
    let demo_seen = {
        let mut app = open(&shop);
        ok(app.load_demo());
        seen(&mut app)
    };
    // A connection that is not this process's `App` stands for the other program.
    let other = ok(farmstall_store::rusqlite::Connection::open(&shop.db));
    let products: i64 = ok(other.query_row("SELECT count(*) FROM products", [], |r| r.get(0)));
    assert!(products > 0);

    let error = demo::leave(&shop.db)
        .err()
        .unwrap_or_else(|| panic!("removed under another program"));
    let ipc = farmstall_app::IpcError::from(&error);
    assert_eq!(ipc.kind, "conflict");
    assert!(ipc.message.contains("another copy"), "{}", ipc.message);
    drop(other);

    let mut app = open(&shop);
    assert!(ok(app.status()).is_demo);
    assert_eq!(seen(&mut app), demo_seen);
}
