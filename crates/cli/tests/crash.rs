//! kill -9 during every kind of write. The real `farmstall` binary receives, wastes, counts,
//! pays farmers, reverses receipts, enters, pays, packs, ships, finishes, cancels and returns
//! orders, records work, approves a month's pay, produces, and adds farmers and products on the
//! demo shop, and is killed with SIGKILL after a random 0–30 ms (some writes are left to finish
//! so that orders move on). Afterwards, and every few rounds: `PRAGMA integrity_check` is ok,
//! every lot's balances equal its ledger, and every order's state is the last of its events.
//!
//! `make test` runs a short round; the long one by hand:
//! `FARMSTALL_CRASH_ROUNDS=2000 cargo test -p farmstall-cli --test crash -- --nocapture`
//! (`FARMSTALL_CRASH_SEED=N` for another sequence; it prints how many writes were killed).
//! The kills land inside the writes: a write on the demo shop takes about 25 ms here.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use farmstall_store::rusqlite::{Connection, OptionalExtension};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};

fn ok<T, E: std::fmt::Display>(r: Result<T, E>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

struct Crash {
    _dir: tempfile::TempDir,
    db: PathBuf,
    rng: SmallRng,
    serial: u64,
    /// Approve the month (the end of the run).
    approve: bool,
}

impl Crash {
    fn command(&self, args: &[String]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_farmstall"));
        cmd.arg("--db")
            .arg(&self.db)
            .args(args)
            .env(
                "FARMSTALL_DATA_DIR",
                self.db.parent().unwrap_or(Path::new("/nonexistent")),
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        cmd
    }

    /// One value from the shop, or None (then this kind of write waits for a later round).
    fn pick(&self, sql: &str) -> Option<String> {
        let conn = ok(Connection::open(&self.db));
        ok(conn
            .query_row(sql, [], |r| r.get::<_, Option<String>>(0))
            .optional())
        .flatten()
    }

    /// The arguments of a random kind of write, with ids from the shop as it is now.
    fn write(&mut self) -> Option<(&'static str, Vec<String>)> {
        self.serial += 1;
        let n = self.serial;
        let goods = "SELECT p.id FROM products p JOIN lots l ON l.product_id = p.id \
                     WHERE p.archived_at IS NULL AND p.kind = 'goods' GROUP BY p.id \
                     HAVING sum(l.on_hand_milli - l.reserved_milli) > 20000 ORDER BY random() LIMIT 1";
        let order_in = |state: &str| {
            format!("SELECT id FROM orders WHERE state = '{state}' ORDER BY random() LIMIT 1")
        };
        let kind = if self.approve {
            14
        } else {
            self.rng.gen_range(0..17)
        };
        if kind == 14 && !self.approve {
            return None;
        }
        let args: Vec<String> = match kind {
            0 => {
                let farmer = self.pick(
                    "SELECT id FROM farmers WHERE archived_at IS NULL ORDER BY random() LIMIT 1",
                )?;
                let product = self.pick("SELECT id FROM products WHERE archived_at IS NULL AND kind = 'goods' ORDER BY random() LIMIT 1")?;
                vec![
                    "receive".into(),
                    "--farmer".into(),
                    farmer,
                    "--line".into(),
                    format!("product={product},quantity=30,price=3.5"),
                ]
            }
            1 => {
                let lot = self.pick("SELECT id FROM lots WHERE on_hand_milli - reserved_milli >= 1000 ORDER BY random() LIMIT 1")?;
                vec![
                    "waste".into(),
                    lot,
                    "--quantity".into(),
                    "1".into(),
                    "--reason".into(),
                    "spoiled".into(),
                ]
            }
            2 => {
                let line = self.pick("SELECT 'lot=' || id || ',counted=' || (on_hand_milli / 1000) FROM lots \
                                      WHERE on_hand_milli / 1000 * 1000 >= reserved_milli AND on_hand_milli > 0 ORDER BY random() LIMIT 1")?;
                vec!["count".into(), "--line".into(), line]
            }
            3 => {
                let farmer = self.pick("SELECT farmer_id FROM purchases WHERE payment = 'owed' ORDER BY random() LIMIT 1")?;
                vec![
                    "pay".into(),
                    farmer,
                    "--amount".into(),
                    "1".into(),
                    "--method".into(),
                    "cash".into(),
                ]
            }
            4 => {
                let purchase = self.pick("SELECT p.id FROM purchases p WHERE NOT EXISTS (SELECT 1 FROM purchase_reversals r WHERE r.purchase_id = p.id) \
                                          AND NOT EXISTS (SELECT 1 FROM lots l WHERE l.purchase_id = p.id AND (l.on_hand_milli <> l.quantity_milli OR l.reserved_milli > 0)) \
                                          ORDER BY p.created_at DESC LIMIT 1")?;
                vec![
                    "reverse".into(),
                    purchase,
                    "--reason".into(),
                    "录错了".into(),
                ]
            }
            5 | 6 => {
                let product = self.pick(goods)?;
                let mut args: Vec<String> = [
                    "order",
                    "add",
                    "--name",
                    "张三",
                    "--phone",
                    "13800000000",
                    "--province",
                    "贵州省",
                    "--city",
                    "贵阳市",
                    "--street",
                    "六屯镇大木村",
                ]
                .map(String::from)
                .to_vec();
                args.extend(["--line".into(), format!("product={product},quantity=1")]);
                if kind == 6 {
                    args.extend(["--state".into(), "waiting_payment".into()]);
                }
                args
            }
            7 => vec![
                "order".into(),
                "pay".into(),
                self.pick(&order_in("waiting_payment"))?,
            ],
            8 => vec!["order".into(), "pack".into(), self.pick(&order_in("paid"))?],
            9 => vec![
                "order".into(),
                "ship".into(),
                self.pick(&order_in("packed"))?,
                "--courier".into(),
                "SF".into(),
                "--waybill".into(),
                format!(
                    "SF{:013}",
                    1_000_000_000_000 + u64::from(self.rng.gen::<u32>()) * 100 + n % 100
                ),
            ],
            10 => vec![
                "order".into(),
                "finish".into(),
                self.pick(&order_in("shipped"))?,
            ],
            11 => {
                let order = self.pick("SELECT id FROM orders WHERE state IN ('paid', 'waiting_payment') ORDER BY random() LIMIT 1")?;
                vec!["order".into(), "cancel".into(), order]
            }
            12 => {
                let line = self.pick("SELECT o.id || ' ' || l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id \
                                      WHERE o.state IN ('shipped', 'finished') ORDER BY random() LIMIT 1")?;
                let (order, product) = line.split_once(' ')?;
                vec![
                    "order".into(),
                    "return".into(),
                    order.into(),
                    "--line".into(),
                    format!("product={product},quantity=1,disposition=restock"),
                    "--refund".into(),
                    "1".into(),
                ]
            }
            13 => {
                let who = self.pick("SELECT member_id FROM employees ORDER BY random() LIMIT 1")?;
                let today = self.pick("SELECT date('now', '+8 hours')")?;
                vec![
                    "work".into(),
                    who,
                    "--date".into(),
                    today,
                    "--kind".into(),
                    "days".into(),
                    "--quantity".into(),
                    "1".into(),
                ]
            }
            14 => {
                // The next month to approve: the demo approved every month before the current
                // one, and approving that would lock today's work, so only at the end.
                let month = self.pick("SELECT m FROM (SELECT CASE WHEN (SELECT count(*) FROM payroll_runs) = 0 \
                                         THEN (SELECT min(substr(work_date, 1, 7)) FROM work_records) \
                                         ELSE strftime('%Y-%m', (SELECT max(month) FROM payroll_runs) || '-01', '+1 month') END AS m) \
                                       WHERE m <= strftime('%Y-%m', 'now', '+8 hours')")?;
                vec!["payroll".into(), "approve".into(), "--month".into(), month]
            }
            15 => {
                let recipe = self.pick(
                    "SELECT id FROM recipes WHERE archived_at IS NULL ORDER BY random() LIMIT 1",
                )?;
                vec![
                    "produce".into(),
                    "--recipe".into(),
                    recipe,
                    "--quantity".into(),
                    "2".into(),
                ]
            }
            _ => {
                if self.rng.gen_bool(0.5) {
                    vec![
                        "farmer".into(),
                        "add".into(),
                        "--name".into(),
                        format!("农户{n}"),
                    ]
                } else {
                    [
                        "product",
                        "add",
                        "--name-zh",
                        &format!("新品{n}"),
                        "--sale-unit",
                        "斤",
                        "--price",
                        "9.9",
                    ]
                    .map(String::from)
                    .to_vec()
                }
            }
        };
        const KINDS: [&str; 17] = [
            "receive",
            "waste",
            "count",
            "pay farmer",
            "reverse",
            "order add",
            "order add unpaid",
            "order pay",
            "order pack",
            "order ship",
            "order finish",
            "order cancel",
            "order return",
            "work",
            "payroll approve",
            "produce",
            "farmer or product add",
        ];
        Some((KINDS[kind], args))
    }

    /// Runs one write, killed with SIGKILL after `kill_after` unless it ended first.
    fn run(&self, args: &[String], kill_after: Option<Duration>) -> bool {
        let mut child = ok(self.command(args).spawn());
        let Some(after) = kill_after else {
            return ok(child.wait()).success();
        };
        std::thread::sleep(after);
        // SIGKILL; an error only means it had already ended.
        let _ = child.kill();
        let status = ok(child.wait());
        status.success()
    }
}

fn check(db: &Path, after: &str) {
    let conn = ok(Connection::open(db));
    let integrity: String = ok(conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)));
    assert_eq!(integrity, "ok", "after {after}");
    let mismatches = ok(farmstall_store::stock::check_balances(&conn));
    assert!(mismatches.is_empty(), "after {after}: {mismatches:#?}");
    let mut stmt = ok(conn.prepare(
        "SELECT o.id, o.state, (SELECT e.to_state FROM order_events e WHERE e.order_id = o.id ORDER BY e.seq DESC LIMIT 1)
         FROM orders o",
    ));
    let orders: Vec<(String, String, Option<String>)> = ok(ok(
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
    )
    .collect::<Result<Vec<_>, _>>());
    for (id, state, last) in &orders {
        assert_eq!(
            Some(state),
            last.as_ref(),
            "after {after}: order {id} is {state} but its last event says {last:?}"
        );
    }
}

fn rounds(default: usize) -> usize {
    std::env::var("FARMSTALL_CRASH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(default)
}

#[test]
fn no_kill_during_any_write_breaks_the_books() {
    let dir = ok(tempfile::tempdir());
    let db = dir.path().join("shop.db");
    let mut crash = Crash {
        _dir: dir,
        db,
        rng: SmallRng::seed_from_u64(
            std::env::var("FARMSTALL_CRASH_SEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(20261206),
        ),
        serial: 0,
        approve: false,
    };
    assert!(crash.run(&["demo".into()], None), "the demo shop");
    check(&crash.db, "the demo");
    let (mut finished, mut killed) = (0, 0);
    let mut kinds = std::collections::BTreeSet::new();
    let total = rounds(120);
    for round in 0..total {
        let Some((kind, args)) = crash.write() else {
            continue;
        };
        // A third run to the end, so that orders move through their states.
        let kill = (!crash.rng.gen_bool(1.0 / 3.0))
            .then(|| Duration::from_millis(crash.rng.gen_range(0..=30)));
        let done = crash.run(&args, kill);
        if kill.is_some() {
            killed += 1;
            kinds.insert(kind);
        } else if done {
            finished += 1;
        }
        if round % 20 == 19 {
            check(&crash.db, &format!("round {round} ({kind}: {args:?})"));
        }
    }
    // Last, the month's pay: approvals killed until one is left to finish.
    crash.approve = true;
    for attempt in 0..12 {
        let Some((kind, args)) = crash.write() else {
            break;
        };
        let kill = (attempt < 11).then(|| Duration::from_millis(crash.rng.gen_range(0..=30)));
        crash.run(&args, kill);
        if kill.is_some() {
            killed += 1;
            kinds.insert(kind);
        }
    }
    check(&crash.db, "the last round");
    eprintln!("{total} rounds: {killed} killed, {finished} finished; killed during {kinds:?}");
    assert!(
        killed > total / 3 && finished > 0,
        "killed {killed}, finished {finished}"
    );
    assert!(
        kinds.len() >= 14,
        "only these kinds of write were killed: {kinds:?}"
    );
}
