//! The crash record and the log as a running Farmstall uses them: a panic caught on a command's
//! thread (as the desktop's shell catches one) still writes a report naming the command and not
//! the buyer's phone, and the program goes on; a sync round's log lines carry counts, never a
//! buyer's phone, name or address.

use std::io::Write;
use std::sync::{Arc, Mutex};

use farmstall_app::{crash, logging, App, Origin};

fn ok<T, E: std::fmt::Display>(result: Result<T, E>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_caught_panic_writes_a_report_and_the_program_goes_on() {
    let data = ok(tempfile::tempdir());
    crash::install(data.path());
    let caught = std::thread::Builder::new()
        .name("tokio-runtime-worker".into())
        .spawn(|| {
            let _scope = crash::command_scope("pack_order");
            std::panic::catch_unwind(|| {
                panic!("order for 王芳 at 13912345678 with app_secret=abc123 failed")
            })
            .is_err()
        });
    let caught = ok(ok(caught).join().map_err(|_| "the thread itself panicked"));
    assert!(caught, "the panic was not caught");

    let notice = crash::unseen_crash(data.path()).unwrap_or_else(|| panic!("no crash notice"));
    let text = ok(std::fs::read_to_string(&notice.path));
    assert!(
        text.contains(&format!("version: {}", farmstall_app::VERSION)),
        "{text}"
    );
    assert!(text.contains("command: pack_order"), "{text}");
    assert!(text.contains("thread: tokio-runtime-worker"), "{text}");
    assert!(text.contains("panicked at"), "{text}");
    assert!(
        text.contains("crash_log.rs"),
        "the place of the panic: {text}"
    );
    assert!(text.contains("backtrace:"), "{text}");
    assert!(!text.contains("13912345678"), "{text}");
    assert!(!text.contains("abc123"), "{text}");

    // Once seen, the next start says nothing.
    ok(crash::acknowledge(data.path()));
    assert_eq!(crash::unseen_crash(data.path()), None);
}

/// A writer into memory for a test's subscriber.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_sync_rounds_log_has_counts_and_no_buyer() {
    use farmstall_marketplace_sim::{Config, Simulator, DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION};
    let dir = ok(tempfile::tempdir());
    let keys = ok(tempfile::tempdir());
    let db = dir.path().join("farmstall.db");
    let mut app = ok(App::open(&db, Origin::Desktop)).with_key_dir(keys.path());
    ok(app.load_demo());
    let config = Config {
        first_tid: 900_000_000_000,
        ..Config::demo()
    };
    let listings: Vec<farmstall_app::sync::DemoListing> = config
        .shops
        .iter()
        .flat_map(|s| s.listings.iter())
        .map(|l| farmstall_app::sync::DemoListing {
            num_iid: l.num_iid.to_string(),
            sku_id: l.sku_id.clone().unwrap_or_default(),
            outer_id: l.outer_id.clone(),
            title: l.title.clone(),
        })
        .collect();
    let sim = Simulator::start(Config {
        orders_per_minute: 0,
        ..config
    });
    ok(app.connect_demo_marketplace(
        &sim.url(),
        (DEMO_APP_KEY, DEMO_SECRET, DEMO_SESSION),
        &listings,
    ));
    let market = ok(app.marketplace_client()).unwrap_or_else(|| panic!("no client"));

    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(logging::Shell::Desktop.level())
        .finish();
    let round = tracing::subscriber::with_default(subscriber, || ok(app.sync_now(&market)));
    assert!(round.created > 0, "{round:?}");
    let log =
        String::from_utf8_lossy(&captured.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned();
    assert!(log.contains("sync round started"), "{log}");
    assert!(log.contains("sync round ended"), "{log}");
    assert!(log.contains(&format!("created={}", round.created)), "{log}");

    let conn = ok(farmstall_store::rusqlite::Connection::open(&db));
    let mut stmt = ok(conn.prepare(
        "SELECT coalesce(recipient_name, ''), coalesce(recipient_phone, ''), coalesce(street, ''), coalesce(buyer, '') FROM orders
         WHERE platform_order_id IS NOT NULL",
    ));
    let people: Vec<[String; 4]> = ok(ok(
        stmt.query_map([], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?]))
    )
    .collect::<Result<_, _>>());
    assert!(!people.is_empty());
    for person in &people {
        for value in person.iter().filter(|v| v.chars().count() >= 2) {
            assert!(
                !log.contains(value.as_str()),
                "{value} is in the log:\n{log}"
            );
        }
    }
    for secret in [DEMO_SECRET, DEMO_SESSION] {
        assert!(!log.contains(secret), "a secret is in the log:\n{log}");
    }
}

/// The rotating log's file under logs/, as the shells start it.
#[test]
fn the_log_goes_to_the_data_folders_logs() {
    let data = ok(tempfile::tempdir());
    logging::init(data.path(), logging::Shell::Desktop);
    tracing::info!(version = farmstall_app::VERSION, "started");
    let logs = logging::logs_dir(data.path());
    let files: Vec<String> = ok(std::fs::read_dir(&logs))
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let log = files
        .iter()
        .find(|f| f.starts_with("farmstall.") && f.ends_with(".log"))
        .unwrap_or_else(|| panic!("no log in {files:?}"));
    let text = ok(std::fs::read_to_string(logs.join(log)));
    assert!(text.contains("started"), "{text}");
    assert!(text.contains(farmstall_app::VERSION), "{text}");
}
