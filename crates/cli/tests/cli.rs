//! The real `farmstall` binary on a temp database: every use case round-trips with `--json`,
//! and every error is a non-zero exit with one line on stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

struct Db {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

/// A new, empty shop file (no profile yet), as the desktop's first start leaves it: only
/// `demo`, `generate` and `shop set` create a shop where there is none.
fn db() -> Db {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("shop.db");
    drop(farmstall_store::Store::open(&path).unwrap_or_else(|e| panic!("new shop: {e}")));
    Db { _dir: dir, path }
}

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_farmstall"))
        .arg("--db")
        .arg(db)
        .args(args)
        // Never fall back to the user's real shop.
        .env(
            "FARMSTALL_DATA_DIR",
            db.parent().unwrap_or(Path::new("/nonexistent")),
        )
        .output()
        .unwrap_or_else(|e| panic!("cannot run farmstall: {e}"))
}

/// Runs with `--json`, expects success, returns the parsed output.
fn json(db: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(db, &all);
    assert!(
        out.status.success(),
        "farmstall {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "farmstall {args:?} printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    })
}

/// Expects failure; returns stderr, which must be exactly one line.
fn fails(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        !out.status.success(),
        "farmstall {args:?} should have failed"
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line on stderr, got {err:?}"
    );
    err
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

#[test]
fn shop_profile_and_language_round_trip() {
    let db = db();
    assert_eq!(json(&db.path, &["status"])["hasShop"], false);
    assert_eq!(json(&db.path, &["shop", "show"]), Value::Null);
    let shop = json(
        &db.path,
        &[
            "shop",
            "set",
            "--shop-name",
            "黔山果园",
            "--sender-name",
            "杨秀英",
            "--phone",
            "13985012345",
            "--province",
            "贵州省",
            "--city",
            "贵阳市",
            "--district",
            "修文县",
            "--street",
            "六屯镇大木村",
            "--courier",
            "韵达",
        ],
    );
    assert_eq!(shop["shopName"], "黔山果园");
    assert_eq!(shop["defaultCourier"], "YUNDA");
    // A partial edit keeps the other fields.
    let edited = json(
        &db.path,
        &["shop", "set", "--owner-name", "杨秀英", "--courier", "none"],
    );
    assert_eq!(edited["address"]["street"], "六屯镇大木村");
    assert_eq!(edited["defaultCourier"], Value::Null);
    assert_eq!(json(&db.path, &["shop", "show"])["ownerName"], "杨秀英");
    assert_eq!(json(&db.path, &["language", "en"])["language"], "en");
    assert_eq!(json(&db.path, &["status"])["hasShop"], true);
}

#[test]
fn farmers_round_trip() {
    let db = db();
    let added = json(
        &db.path,
        &[
            "farmer",
            "add",
            "--name",
            "王德贵",
            "--village",
            "大木村",
            "--phone",
            "13908510001",
        ],
    );
    let id = s(&added["id"]).to_string();
    assert_eq!(json(&db.path, &["farmer", "show", &id])["name"], "王德贵");
    let edited = json(
        &db.path,
        &["farmer", "edit", &id, "--remarks", "果园在半坡"],
    );
    assert_eq!(
        (edited["remarks"].clone(), edited["village"].clone()),
        ("果园在半坡".into(), "大木村".into())
    );
    assert_eq!(
        json(&db.path, &["farmer", "list", "--search", "半坡"])["total"],
        1
    );
    assert_eq!(
        json(&db.path, &["farmer", "archive", &id])["archived"],
        true
    );
    assert_eq!(json(&db.path, &["farmer", "list"])["total"], 0);
    assert_eq!(json(&db.path, &["farmer", "list", "--all"])["total"], 1);
    assert_eq!(
        json(&db.path, &["farmer", "restore", &id])["archived"],
        false
    );
}

#[test]
fn products_round_trip() {
    let db = db();
    let added = json(
        &db.path,
        &[
            "product",
            "add",
            "--name-zh",
            "猕猴桃 5斤装",
            "--sale-unit",
            "箱(5斤)",
            "--stock-unit",
            "斤",
            "--shelf-life-days",
            "20",
            "--price",
            "48.8",
            "--weight-kg",
            "2.9",
        ],
    );
    assert_eq!(added["saleUnit"], "box:5:jin");
    assert_eq!(added["price"], "48.80");
    let id = s(&added["id"]).to_string();
    let edited = json(
        &db.path,
        &[
            "product",
            "edit",
            &id,
            "--price",
            "45",
            "--name-en",
            "Kiwi, 5 jin",
        ],
    );
    assert_eq!(
        (edited["price"].clone(), edited["shelfLifeDays"].clone()),
        ("45.00".into(), 20.into())
    );
    let keeps = json(&db.path, &["product", "edit", &id, "--not-perishable"]);
    assert_eq!(keeps["perishable"], false);
    assert_eq!(
        json(&db.path, &["product", "show", &id])["nameEn"],
        "Kiwi, 5 jin"
    );
    assert_eq!(
        json(&db.path, &["product", "list", "--search", "kiwi"])["total"],
        1
    );
    assert_eq!(
        json(&db.path, &["product", "archive", &id])["archived"],
        true
    );
    assert_eq!(json(&db.path, &["product", "list"])["total"], 0);
    assert_eq!(
        json(&db.path, &["product", "restore", &id])["archived"],
        false
    );
}

#[test]
fn bad_input_is_one_clear_line_and_saves_nothing() {
    let db = db();
    let err = fails(
        &db.path,
        &[
            "product",
            "add",
            "--name-zh",
            "豆腐",
            "--sale-unit",
            "筐",
            "--price",
            "8",
        ],
    );
    assert!(err.contains("unknown unit"), "{err}");
    let err = fails(
        &db.path,
        &[
            "product",
            "add",
            "--name-zh",
            "豆腐",
            "--sale-unit",
            "个",
            "--price",
            "-8",
        ],
    );
    assert!(err.contains("price cannot be negative"), "{err}");
    let err = fails(&db.path, &["farmer", "add", "--village", "大木村"]);
    assert!(err.contains("name is required"), "{err}");
    let err = fails(&db.path, &["farmer", "show", "not-an-id"]);
    assert!(err.contains("not a record id"), "{err}");
    assert_eq!(json(&db.path, &["product", "list", "--all"])["total"], 0);
    assert_eq!(json(&db.path, &["farmer", "list", "--all"])["total"], 0);
}

#[test]
fn a_file_that_is_not_a_shop_is_refused_untouched() {
    let db = db();
    std::fs::write(&db.path, "not a database").unwrap_or_else(|e| panic!("{e}"));
    let err = fails(&db.path, &["status"]);
    assert!(err.contains("not a Farmstall database"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&db.path).unwrap_or_default(),
        "not a database"
    );
}

#[test]
fn demo_writes_the_kiwi_shop_once() {
    let db = db();
    let summary = json(&db.path, &["demo"]);
    assert_eq!(
        (summary["farmers"].clone(), summary["products"].clone()),
        (12.into(), 18.into())
    );
    assert_eq!(
        json(&db.path, &["shop", "show"])["address"]["province"],
        "贵州省"
    );
    assert_eq!(
        json(&db.path, &["product", "list", "--search", "猕猴桃"])["total"],
        6
    );
    let err = fails(&db.path, &["demo"]);
    assert!(err.contains("already has a shop"), "{err}");
    // Human-readable output works too.
    let out = run(&db.path, &["farmer", "list", "--search", "田老三"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("田老三"));
}

#[test]
fn with_json_an_error_is_also_json_naming_every_wrong_field() {
    let db = db();
    let out = run(
        &db.path,
        &[
            "--json",
            "product",
            "add",
            "--name-zh",
            "",
            "--sale-unit",
            "筐",
            "--stock-unit",
            "斤",
            "--price",
            "-1",
        ],
    );
    assert!(!out.status.success());
    let error: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON error on stdout ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    assert_eq!(error["kind"], "validation");
    let fields: Vec<&str> = error["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| e["field"].as_str().unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(fields, ["nameZh", "saleUnit", "price"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr)
            .trim_end()
            .lines()
            .count(),
        1
    );
}

#[test]
fn receive_list_lots_and_waste_round_trip() {
    let db = db();
    let farmer = json(
        &db.path,
        &["farmer", "add", "--name", "王德贵", "--village", "大木村"],
    );
    let kiwi = json(
        &db.path,
        &[
            "product",
            "add",
            "--name-zh",
            "猕猴桃",
            "--sale-unit",
            "箱(5斤)",
            "--stock-unit",
            "斤",
            "--shelf-life-days",
            "20",
            "--price",
            "48.8",
        ],
    );
    let line = format!(
        "product={},quantity=10,unit=公斤,price=6.5,grade=特级",
        s(&kiwi["id"])
    );
    let p = json(
        &db.path,
        &[
            "receive",
            "--farmer",
            s(&farmer["id"]),
            "--date",
            "2026-09-14",
            "--line",
            &line,
        ],
    );
    assert_eq!(
        (p["total"].clone(), p["lines"][0]["lineTotal"].clone()),
        ("65.00".into(), "65.00".into())
    );
    assert_eq!(json(&db.path, &["purchases"])["total"], 1);
    let lots = json(&db.path, &["lots"]);
    assert_eq!(lots["items"][0]["onHand"], "20", "10 kg is 20 jin");
    let lot = s(&lots["items"][0]["id"]).to_string();
    let after = json(
        &db.path,
        &["waste", &lot, "--quantity", "2", "--reason", "spoiled"],
    );
    assert_eq!(
        (after["onHand"].clone(), after["costOnHand"].clone()),
        ("18".into(), "58.50".into())
    );
    let err = fails(
        &db.path,
        &["waste", &lot, "--quantity", "19", "--reason", "spoiled"],
    );
    assert!(err.contains("only 18 jin"), "{err}");
    let bad = run(
        &db.path,
        &["receive", "--farmer", "x", "--line", "product=1,colour=red"],
    );
    assert_eq!(
        bad.status.code(),
        Some(2),
        "a malformed --line is an argument error"
    );
}

#[test]
fn recipe_produce_count_and_reverse_round_trip() {
    let db = db();
    let farmer = json(&db.path, &["farmer", "add", "--name", "李秀英"]);
    let product = |name: &str, unit: &str, shelf: &str, kind: &str| {
        let mut args = vec![
            "product",
            "add",
            "--name-zh",
            name,
            "--sale-unit",
            unit,
            "--stock-unit",
            unit,
            "--price",
            "1",
            "--kind",
            kind,
        ];
        if !shelf.is_empty() {
            args.extend(["--shelf-life-days", shelf]);
        }
        s(&json(&db.path, &args)["id"]).to_string()
    };
    let beans = product("黄豆", "斤", "180", "ingredient");
    let tofu = product("豆腐", "个", "3", "goods");
    assert_eq!(
        json(&db.path, &["product", "list", "--kind", "ingredient"])["total"],
        1
    );
    let receipt = json(
        &db.path,
        &[
            "receive",
            "--farmer",
            s(&farmer["id"]),
            "--line",
            &format!("product={beans},quantity=30,price=3"),
        ],
    );
    let recipe = json(
        &db.path,
        &[
            "recipe",
            "add",
            "--name",
            "豆腐",
            "--output",
            &tofu,
            "--makes",
            "2",
            "--input",
            &format!("product={beans},quantity=1"),
        ],
    );
    let recipe = s(&recipe["id"]).to_string();
    let plan = json(
        &db.path,
        &["produce", "--recipe", &recipe, "--quantity", "40", "--plan"],
    );
    assert_eq!(plan["totalCost"], "60.00", "20 jin at ¥3");
    assert_eq!(
        json(&db.path, &["runs"])["total"],
        0,
        "a plan writes nothing"
    );
    let run = json(
        &db.path,
        &[
            "produce",
            "--recipe",
            &recipe,
            "--quantity",
            "40",
            "--labour",
            "10",
        ],
    );
    assert_eq!(run["outputLot"]["onHand"], "40");
    assert_eq!(run["outputLot"]["unitCost"], "1.75", "(60 + 10) / 40");
    let err = fails(
        &db.path,
        &["produce", "--recipe", &recipe, "--quantity", "40"],
    );
    assert!(err.contains("only 10 jin"), "{err}");
    // The bean lot was used, so its receipt cannot be reversed; count it instead.
    let err = fails(
        &db.path,
        &["reverse", s(&receipt["id"]), "--reason", "wrong"],
    );
    assert!(err.contains("already left"), "{err}");
    let bean_lot = s(&receipt["lines"][0]["lotId"]).to_string();
    let count = json(
        &db.path,
        &["count", "--line", &format!("lot={bean_lot},counted=9.5")],
    );
    assert_eq!(
        (count["adjusted"].clone(), count["lost"].clone()),
        (1.into(), "1.50".into())
    );
    // A fresh receipt entered by mistake is reversed.
    let mistake = json(
        &db.path,
        &[
            "receive",
            "--farmer",
            s(&farmer["id"]),
            "--line",
            &format!("product={beans},quantity=5,price=3"),
        ],
    );
    let reversed = json(
        &db.path,
        &["reverse", s(&mistake["id"]), "--reason", "entered twice"],
    );
    assert_eq!(reversed["reversalReason"], "entered twice");
    assert_eq!(json(&db.path, &["owed"])["items"][0]["balance"], "90.00");
    let st = json(&db.path, &["statement", "--farmer", s(&farmer["id"])]);
    assert_eq!(st["closingBalance"], "90.00");
    assert_eq!(
        st["lines"].as_array().map(Vec::len),
        Some(3),
        "two receipts and a reversal"
    );
    let saved = json(
        &db.path,
        &["statement", "--farmer", s(&farmer["id"]), "--pdf"],
    );
    let pdf = std::fs::read(s(&saved["path"])).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF"), "a PDF at {}", saved["path"]);
}

#[test]
fn order_add_find_pack_and_ship_round_trip() {
    let db = db();
    let farmer = json(&db.path, &["farmer", "add", "--name", "王德贵"]);
    let kiwi = json(
        &db.path,
        &[
            "product",
            "add",
            "--name-zh",
            "猕猴桃 5斤装",
            "--sale-unit",
            "箱(5斤)",
            "--stock-unit",
            "斤",
            "--shelf-life-days",
            "20",
            "--price",
            "48.8",
        ],
    );
    let kiwi = s(&kiwi["id"]).to_string();
    json(
        &db.path,
        &[
            "receive",
            "--farmer",
            s(&farmer["id"]),
            "--line",
            &format!("product={kiwi},quantity=23,price=4"),
        ],
    );
    let order = json(
        &db.path,
        &[
            "order",
            "add",
            "--name",
            "欧阳娜娜",
            "--phone",
            "13912345678",
            "--province",
            "广东省",
            "--city",
            "广州市",
            "--street",
            "体育西路 191 号",
            "--line",
            &format!("product={kiwi},quantity=2"),
            "--shipping-fee",
            "12",
        ],
    );
    assert_eq!(order["total"], "109.60");
    let id = s(&order["id"]).to_string();
    let found = json(&db.path, &["order", "list", "--search", "欧阳娜"]);
    assert_eq!(found["total"], 1);
    let err = fails(
        &db.path,
        &[
            "order",
            "ship",
            &id,
            "--courier",
            "SF",
            "--waybill",
            "SF1234567890123",
        ],
    );
    assert!(err.contains("cannot become shipped"), "{err}");
    let packed = json(
        &db.path,
        &["order", "pack", &id, "--by", "秀英", "--weight-kg", "5.8"],
    );
    assert_eq!(packed["goodsCost"], "40.00", "10 jin at ¥4");
    let shipped = json(
        &db.path,
        &[
            "order",
            "ship",
            &id,
            "--courier",
            "顺丰",
            "--waybill",
            "SF1234567890123",
            "--cost",
            "12",
        ],
    );
    assert_eq!(
        (shipped["state"].clone(), shipped["margin"].clone()),
        ("shipped".into(), "57.60".into())
    );

    // Who is working packs the next one; half of a box comes back crushed and ¥20 is refunded.
    json(&db.path, &["member", "add", "杨小妹"]);
    let working = json(&db.path, &["member", "use", "杨小妹"]);
    assert_eq!(working["name"], "杨小妹");
    let second = json(
        &db.path,
        &[
            "order",
            "add",
            "--name",
            "王芳",
            "--phone",
            "13812345678",
            "--province",
            "浙江省",
            "--street",
            "文三路 478 号",
            "--line",
            &format!("product={kiwi},quantity=1"),
        ],
    );
    let second = s(&second["id"]).to_string();
    let packed = json(&db.path, &["order", "pack", &second]);
    assert_eq!(packed["packedBy"], "杨小妹");
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let slip = dir.path().join("slip.pdf");
    let slip_arg = slip.display().to_string();
    json(&db.path, &["order", "slip", &second, "--out", &slip_arg]);
    assert!(std::fs::read(&slip)
        .unwrap_or_default()
        .starts_with(b"%PDF"));
    json(
        &db.path,
        &[
            "waybill-range",
            "add",
            "--courier",
            "ZTO",
            "--first",
            "75120000000100",
            "--last",
            "75120000000101",
        ],
    );
    let given = json(
        &db.path,
        &["order", "waybill", &second, "--courier", "ZTO", "--next"],
    );
    assert_eq!(given["waybill"], "75120000000100");
    let ranges = json(&db.path, &["waybill-range", "list"]);
    assert_eq!(ranges[0]["left"], 1);
    let returned = json(
        &db.path,
        &[
            "order",
            "return",
            &id,
            "--line",
            &format!("product={kiwi},quantity=2.5,disposition=waste,reason=damaged"),
            "--refund",
            "20",
        ],
    );
    assert_eq!(
        (returned["refunded"].clone(), returned["margin"].clone()),
        ("20.00".into(), "37.60".into()),
        "57.60 − 20; the crushed kiwis stay a cost"
    );
    let found = json(&db.path, &["order", "search", "王芳"]);
    assert_eq!(found["total"], 1);
    let bad = fails(
        &db.path,
        &[
            "order",
            "add",
            "--name",
            "x",
            "--phone",
            "abc",
            "--province",
            "",
            "--street",
            "y",
            "--line",
            &format!("product={kiwi},quantity=1"),
        ],
    );
    assert!(bad.contains("phone"), "{bad}");
}

#[test]
fn employees_work_and_the_months_pay() {
    let db = db();
    json(
        &db.path,
        &[
            "employee",
            "add",
            "--name",
            "杨秀梅",
            "--relation",
            "妹妹",
            "--start",
            "2026-03-01",
            "--scheme",
            "kind=daily,rate=150",
            "--scheme",
            "kind=piece,work=jin_sorted,rate=0.085",
        ],
    );
    json(
        &db.path,
        &[
            "work",
            "杨秀梅",
            "--date",
            "2026-11-02",
            "--kind",
            "days",
            "--quantity",
            "1",
        ],
    );
    json(
        &db.path,
        &[
            "work",
            "杨秀梅",
            "--date",
            "2026-11-02",
            "--kind",
            "pieces",
            "--work",
            "jin_sorted",
            "--quantity",
            "300",
        ],
    );
    let err = fails(
        &db.path,
        &[
            "work",
            "杨秀梅",
            "--date",
            "2026-11-02",
            "--kind",
            "days",
            "--quantity",
            "0.5",
        ],
    );
    assert!(err.contains("at most 1 day"), "{err}");
    let month = json(&db.path, &["payroll", "run", "--month", "2026-11"]);
    assert_eq!(month["payslips"][0]["gross"], "175.50", "150 + 300 × 0.085");

    // A mistake found in the list is deleted; the draft follows.
    let records = json(&db.path, &["payroll", "records", "--month", "2026-11"]);
    let sorted = records
        .as_array()
        .and_then(|r| r.iter().find(|w| w["kind"] == "pieces"))
        .unwrap_or_else(|| panic!("the sorting is not listed: {records}"));
    let id = sorted["id"].as_str().unwrap_or_default().to_string();
    json(&db.path, &["payroll", "delete-record", &id]);
    let month = json(&db.path, &["payroll", "run", "--month", "2026-11"]);
    assert_eq!(month["payslips"][0]["gross"], "150.00");
    let again = fails(&db.path, &["payroll", "delete-record", &id]);
    assert!(again.contains("no work record"), "{again}");
}

#[test]
fn with_a_pin_set_pay_needs_it() {
    let db = db();
    json(&db.path, &["pin", "set", "2580"]);
    let locked = fails(&db.path, &["payroll", "preview", "--month", "2026-11"]);
    assert!(locked.contains("PIN"), "{locked}");
    let wrong = fails(
        &db.path,
        &["--pin", "1111", "payroll", "preview", "--month", "2026-11"],
    );
    assert!(wrong.contains("not the PIN"), "{wrong}");
    let month = json(
        &db.path,
        &["--pin", "2580", "payroll", "preview", "--month", "2026-11"],
    );
    assert_eq!(month["approved"], false);
}

/// The shipping round from a script: waybills for a batch, a ship scan, a repeated scan refused,
/// the scan undone.
#[test]
fn assign_waybills_ship_scan_and_unship_round_trip() {
    let db = db();
    let farmer = json(&db.path, &["farmer", "add", "--name", "王德贵"]);
    let kiwi = json(
        &db.path,
        &[
            "product",
            "add",
            "--name-zh",
            "猕猴桃 5斤装",
            "--sale-unit",
            "箱(5斤)",
            "--stock-unit",
            "斤",
            "--price",
            "48.8",
        ],
    );
    let kiwi = s(&kiwi["id"]).to_string();
    json(
        &db.path,
        &[
            "receive",
            "--farmer",
            s(&farmer["id"]),
            "--line",
            &format!("product={kiwi},quantity=20,price=4"),
        ],
    );
    let ids: Vec<String> = ["欧阳娜娜", "王芳"]
        .iter()
        .map(|name| {
            let o = json(
                &db.path,
                &[
                    "order",
                    "add",
                    "--name",
                    name,
                    "--phone",
                    "13912345678",
                    "--province",
                    "广东省",
                    "--street",
                    "体育西路 191 号",
                    "--line",
                    &format!("product={kiwi},quantity=1"),
                ],
            );
            s(&o["id"]).to_string()
        })
        .collect();
    json(
        &db.path,
        &[
            "waybill-range",
            "add",
            "--courier",
            "ZTO",
            "--first",
            "75120000000100",
            "--last",
            "75120000000100",
        ],
    );
    let err = fails(
        &db.path,
        &[
            "order",
            "assign-waybills",
            "--courier",
            "ZTO",
            &ids[0],
            &ids[1],
        ],
    );
    assert!(
        err.contains("1 numbers") && err.contains("2 are needed"),
        "{err}"
    );
    let given = json(
        &db.path,
        &["order", "assign-waybills", "--courier", "中通", &ids[0]],
    );
    assert_eq!(
        (
            given["given"].clone(),
            given["orders"][0]["waybill"].clone()
        ),
        (1.into(), "75120000000100".into())
    );
    let err = fails(&db.path, &["ship-scan", "75120000000100"]);
    assert!(err.contains("not packed"), "{err}");
    json(&db.path, &["order", "pack", &ids[0], "--by", "秀英"]);
    let shipped = json(&db.path, &["ship-scan", "75120000000100"]);
    assert_eq!(
        (
            shipped["order"]["state"].clone(),
            shipped["shippedToday"].clone()
        ),
        ("shipped".into(), 1.into())
    );
    let err = fails(&db.path, &["ship-scan", "75120000000100"]);
    assert!(err.contains("shipped already"), "{err}");
    let err = fails(&db.path, &["ship-scan", "SF9999999999"]);
    assert!(err.contains("belongs to no order"), "{err}");
    let back = json(&db.path, &["order", "unship", &ids[0]]);
    assert_eq!(
        (back["state"].clone(), back["waybill"].clone()),
        ("packed".into(), "75120000000100".into())
    );
}

/// Yuan text to fen, for sums in the tests.
fn fen(v: &Value) -> i64 {
    let text = s(v);
    let (whole, part) = text.split_once('.').unwrap_or((text, "0"));
    let sign = if whole.starts_with('-') { -1 } else { 1 };
    let whole: i64 = whole
        .trim_start_matches('-')
        .parse()
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    let part: i64 = format!("{part:0<2}")[..2]
        .parse()
        .unwrap_or_else(|e| panic!("{text}: {e}"));
    sign * (whole * 100 + part)
}

#[test]
fn today_sales_and_profit_agree_with_the_orders() {
    let db = db();
    json(&db.path, &["demo"]);
    let today = json(&db.path, &["today"]);
    let waiting = json(
        &db.path,
        &[
            "order", "list", "--state", "paid", "--state", "packing", "--state", "packed",
            "--limit", "1",
        ],
    );
    assert_eq!(today["toShip"], waiting["total"]);
    assert!(
        today["toShip"].as_u64().unwrap_or(0) > 0,
        "the demo has orders to ship"
    );

    let by_channel = json(&db.path, &["report", "sales", "--by", "channel"]);
    let rows = by_channel["rows"].as_array().cloned().unwrap_or_default();
    assert!(rows.len() >= 2, "the demo sells on several channels");
    let sum: i64 = rows.iter().map(|r| fen(&r["figures"]["revenue"])).sum();
    assert_eq!(sum, fen(&by_channel["total"]["revenue"]));

    let profit = json(&db.path, &["report", "profit"]);
    let lines = profit["lines"].as_array().cloned().unwrap_or_default();
    let net: i64 = lines
        .iter()
        .map(|l| {
            let amount = fen(&l["amount"]);
            if s(&l["code"]) == "revenue" {
                amount
            } else {
                -amount
            }
        })
        .sum();
    assert_eq!(net, fen(&profit["profit"]));

    let err = fails(&db.path, &["report", "sales", "--by", "weekly"]);
    assert!(err.contains("by"), "{err}");
    let err = fails(&db.path, &["report", "profit", "--month", "2026-13"]);
    assert!(err.contains("month"), "{err}");
    // Text output for a person.
    let out = run(&db.path, &["today"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("to ship"));
}

#[test]
fn lists_page_on_after_the_next_of_the_page_before() {
    let db = db();
    json(&db.path, &["demo"]);
    for list in [
        vec!["order", "list"],
        vec!["lots", "--all"],
        vec!["purchases"],
    ] {
        let mut first = list.clone();
        first.extend(["--limit", "2"]);
        let page = json(&db.path, &first);
        let next = s(&page["next"]).to_string();
        assert!(!next.is_empty(), "{list:?} has more than two rows: {page}");
        let mut by_key = first.clone();
        by_key.extend(["--after", next.as_str()]);
        let mut by_offset = first.clone();
        by_offset.extend(["--offset", "2"]);
        let (by_key, by_offset) = (json(&db.path, &by_key), json(&db.path, &by_offset));
        assert_eq!(by_key["items"], by_offset["items"], "{list:?}");
        assert_ne!(by_key["items"], page["items"], "{list:?}");

        let mut bad = first.clone();
        bad.extend(["--after", "page-2"]);
        let err = fails(&db.path, &bad);
        assert!(err.contains("after"), "{list:?}: {err}");
    }
}
