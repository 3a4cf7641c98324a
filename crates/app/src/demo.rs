//! The demo shop: a kiwi shop in a Guizhou village, loaded from `assets/demo/shop.json` through the
//! same validation as anything a person types, marked as the demo ([`DEMO_SETTING`]), and cleared
//! again by [`leave`] when the owner starts their own shop (the demo kept as a backup).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::Duration;
use farmstall_domain::{Id, Language, Money, Origin};
use farmstall_store::backup::{self as engine, Kind};
use farmstall_store::rusqlite::{Connection, OpenFlags};
use farmstall_store::{farmers, products, shop, stock as stock_store, StoreError, BUSY_TIMEOUT};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::backup::Counts;
use crate::dto::{DemoSummary, FarmerInput, ProductInput, ShopProfileInput};
use crate::production::{InputLine, ProductionInput, RecipeInput};
use crate::stock::{PaymentInput, PurchaseInput, PurchaseLineInput, ReversalInput, WasteInput};
use crate::{App, AppError, At, Result};

/// The demo shop, embedded in the binary.
pub const DEMO_JSON: &str = include_str!("../../../assets/demo/shop.json");

/// The demo shop's order export files, written by the project with made-up buyers
/// (`cargo run -p farmstall-platform-files --example write_demo_exports`), by platform/name.
pub const EXPORT_FILES: [(&str, &[u8]); 5] = [
    (
        "taobao/ExportOrderList202612061030.csv",
        include_bytes!("../../../assets/demo/exports/taobao/ExportOrderList202612061030.csv"),
    ),
    (
        "taobao/ExportOrderDetailList202612061030.csv",
        include_bytes!("../../../assets/demo/exports/taobao/ExportOrderDetailList202612061030.csv"),
    ),
    (
        "taobao/淘宝订单导出_脱敏_20261206.xlsx",
        include_bytes!("../../../assets/demo/exports/taobao/淘宝订单导出_脱敏_20261206.xlsx"),
    ),
    (
        "pinduoduo/pdd_orders_20261206.csv",
        include_bytes!("../../../assets/demo/exports/pinduoduo/pdd_orders_20261206.csv"),
    ),
    (
        "douyin/douyin_orders_20261206.csv",
        include_bytes!("../../../assets/demo/exports/douyin/douyin_orders_20261206.csv"),
    ),
];

/// Which demo product each 商家编码 in the demo export files sells.
const EXPORT_MAPPINGS: &str = include_str!("../../../assets/demo/exports/mappings.json");

#[derive(serde::Deserialize)]
struct DemoMapping {
    code: String,
    product: String,
    per: String,
}

#[derive(Debug, Deserialize)]
struct DemoShop {
    shop: ShopProfileInput,
    farmers: Vec<FarmerInput>,
    products: Vec<ProductInput>,
    /// Recipes name their products by Chinese name in `outputProductId` and `inputs[].productId`.
    #[serde(default)]
    recipes: Vec<RecipeInput>,
    /// A season of what happened, oldest first, each `daysAgo` before today.
    #[serde(default)]
    season: Vec<SeasonEvent>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SeasonEvent {
    days_ago: i64,
    #[serde(flatten)]
    what: SeasonWhat,
}

/// Farmers and products are named by name; the loader turns names into ids.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase")]
enum SeasonWhat {
    Receive {
        farmer: String,
        payment: String,
        note: String,
        lines: Vec<DemoLine>,
    },
    /// From the lot of `product` that expires first.
    Waste {
        product: String,
        quantity: String,
        reason: String,
        note: String,
    },
    /// `amount` "all" pays the whole balance.
    Pay {
        farmer: String,
        amount: String,
        method: String,
        note: String,
    },
    Produce {
        recipe: String,
        output_quantity: String,
        labour: String,
    },
    /// The farmer's latest receipt.
    Reverse { farmer: String, reason: String },
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DemoLine {
    product: String,
    grade: String,
    quantity: String,
    unit_price: String,
}

/// Names to ids for the season.
struct Names {
    farmers: HashMap<String, Id>,
    products: HashMap<String, Id>,
    recipes: HashMap<String, Id>,
}

fn named(map: &HashMap<String, Id>, what: &str, name: &str) -> Result<String> {
    map.get(name).map(|id| id.to_string()).ok_or_else(|| {
        AppError::Conflict(format!("the demo season names an unknown {what} {name:?}"))
    })
}

/// Plays one season event through the same use cases a person would, dated `days_ago`.
fn play(tx: &Connection, names: &Names, at: At, event: &SeasonEvent) -> Result<()> {
    let at = At {
        now: at.now - Duration::days(event.days_ago),
        today: at.today - Duration::days(event.days_ago),
        origin: at.origin,
    };
    match &event.what {
        SeasonWhat::Receive {
            farmer,
            payment,
            note,
            lines,
        } => {
            let lines = lines
                .iter()
                .map(|l| {
                    Ok(PurchaseLineInput {
                        product_id: named(&names.products, "product", &l.product)?,
                        grade: l.grade.clone(),
                        quantity: l.quantity.clone(),
                        unit_price: l.unit_price.clone(),
                        ..PurchaseLineInput::default()
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            crate::stock::receive_purchase_in(
                tx,
                at,
                &PurchaseInput {
                    farmer_id: named(&names.farmers, "farmer", farmer)?,
                    received_on: String::new(),
                    payment: payment.clone(),
                    note: note.clone(),
                    lines,
                },
            )?;
        }
        SeasonWhat::Waste {
            product,
            quantity,
            reason,
            note,
        } => {
            let id =
                names.products.get(product).copied().ok_or_else(|| {
                    AppError::Conflict(format!("unknown demo product {product:?}"))
                })?;
            let lot = stock_store::fefo_lots(tx, id)?
                .first()
                .map(|l| l.stock.lot.to_string())
                .ok_or_else(|| {
                    AppError::Conflict(format!("the demo wastes {product} before any was bought"))
                })?;
            crate::stock::record_waste_in(
                tx,
                at,
                &WasteInput {
                    lot_id: lot,
                    quantity: quantity.clone(),
                    reason: reason.clone(),
                    note: note.clone(),
                },
            )?;
        }
        SeasonWhat::Pay {
            farmer,
            amount,
            method,
            note,
        } => {
            let farmer = named(&names.farmers, "farmer", farmer)?;
            let amount = if amount == "all" {
                let id = names
                    .farmers
                    .values()
                    .find(|id| id.to_string() == farmer)
                    .copied();
                let balance = match id {
                    Some(id) => stock_store::farmer_balance(tx, id)?.balance_fen(),
                    None => 0,
                };
                Money::from_fen(balance).to_string()
            } else {
                amount.clone()
            };
            crate::stock::record_payment_in(
                tx,
                at,
                &PaymentInput {
                    farmer_id: farmer,
                    amount,
                    method: method.clone(),
                    paid_on: String::new(),
                    note: note.clone(),
                },
            )?;
        }
        SeasonWhat::Produce {
            recipe,
            output_quantity,
            labour,
        } => {
            crate::production::record_production_in(
                tx,
                at,
                &ProductionInput {
                    recipe_id: named(&names.recipes, "recipe", recipe)?,
                    output_quantity: output_quantity.clone(),
                    labour: labour.clone(),
                    ..ProductionInput::default()
                },
            )?;
        }
        SeasonWhat::Reverse { farmer, reason } => {
            let farmer = named(&names.farmers, "farmer", farmer)?;
            let purchase: String = tx
                .query_row(
                    "SELECT id FROM purchases WHERE farmer_id = ?1 ORDER BY received_on DESC, created_at DESC LIMIT 1",
                    [&farmer],
                    |r| r.get(0),
                )
                .map_err(|_| AppError::Conflict("the demo reverses a receipt that is not there".into()))?;
            crate::stock::reverse_purchase_in(
                tx,
                at,
                &ReversalInput {
                    purchase_id: purchase,
                    reason: reason.clone(),
                    reversed_on: String::new(),
                },
            )?;
        }
    }
    Ok(())
}

impl App {
    /// Writes the demo shop into an empty database, all of it or nothing.
    pub fn load_demo(&mut self) -> Result<DemoSummary> {
        let demo: DemoShop = serde_json::from_str(DEMO_JSON).map_err(|e| {
            AppError::Conflict(format!("the built-in demo shop is unreadable: {e}"))
        })?;
        let profile = crate::shop::validate(&demo.shop)?;
        let farmer_details = demo
            .farmers
            .iter()
            .map(crate::farmers::validate)
            .collect::<Result<Vec<_>, _>>()?;
        let product_details = demo
            .products
            .iter()
            .map(crate::products::validate)
            .collect::<Result<Vec<_>, _>>()?;
        let now = self.clock.now();
        // The demo is an import whichever shell asked for it.
        let origin = Origin::Import;
        let at = At {
            origin,
            ..self.at()
        };
        self.store.write(|tx| {
            if !App::is_empty_shop(tx)? {
                return Err(AppError::Conflict(
                    "this database already has a shop: the demo shop can only be loaded into an empty one. \
                     Use another data folder (or --db file) to try the demo."
                        .into(),
                ));
            }
            // Everything starts before the season does.
            let start = now - Duration::days(60);
            shop::save(tx, &profile, start, origin)?;
            let mut names = Names {
                farmers: HashMap::new(),
                products: HashMap::new(),
                recipes: HashMap::new(),
            };
            for details in &farmer_details {
                let f = farmers::insert(tx, details, start, origin)?;
                names.farmers.insert(f.details.name.clone(), f.id);
            }
            for details in &product_details {
                let p = products::insert(tx, details, start, origin)?;
                names.products.insert(p.details.name_zh.clone(), p.id);
            }
            // The seller's codes of the demo export files, already said (two lines without one
            // are left for the person to match when trying the import).
            let mappings: Vec<DemoMapping> = serde_json::from_str(EXPORT_MAPPINGS).map_err(|e| {
                AppError::Conflict(format!("the demo export mappings are unreadable: {e}"))
            })?;
            for m in &mappings {
                let product = names.products.get(&m.product).copied().ok_or_else(|| {
                    AppError::Conflict(format!("the demo mapping names no product {}", m.product))
                })?;
                let per = farmstall_domain::validate::positive_quantity("per", &m.per)?;
                let per = farmstall_domain::validate::milli(
                    "per",
                    per,
                    farmstall_domain::validate::MAX_QUANTITY,
                )?;
                farmstall_store::imports::save_mapping(tx, &m.code, product, per, start, origin)?;
            }
            let start_at = At {
                now: start,
                today: at.today - Duration::days(60),
                origin,
            };
            for recipe in &demo.recipes {
                let by_name = RecipeInput {
                    output_product_id: named(&names.products, "product", &recipe.output_product_id)?,
                    inputs: recipe
                        .inputs
                        .iter()
                        .map(|i| {
                            Ok(InputLine {
                                product_id: named(&names.products, "product", &i.product_id)?,
                                quantity: i.quantity.clone(),
                            })
                        })
                        .collect::<Result<Vec<_>>>()?,
                    ..recipe.clone()
                };
                let r = crate::production::create_recipe_in(tx, start_at, &by_name)?;
                names.recipes.insert(r.name.clone(), Id::parse(&r.id).map_err(|e| AppError::Conflict(e.to_string()))?);
            }
            for event in &demo.season {
                play(tx, &names, at, event)?;
            }
            play_orders(tx, &names, at)?;
            play_payroll(tx, at)?;
            play_past_season(tx, &names, at)?;
            // The demo season's shipments are history the story's marketplace already has:
            // nothing of it waits to be told to a marketplace connected later.
            farmstall_store::sync::settle_outbox(tx, now)?;
            // Marked as the demo, so the owner can clear it (`leave`) and nothing else ever is.
            mark_demo(tx, at)?;
            Ok(DemoSummary {
                farmers: u32::try_from(farmer_details.len()).unwrap_or(u32::MAX),
                products: u32::try_from(product_details.len()).unwrap_or(u32::MAX),
            })
        })
    }
}

/// The setting that marks a shop as the demo: written with the demo, in its transaction; its
/// value is when the demo was loaded. Only a shop carrying it can be cleared by [`leave`].
pub const DEMO_SETTING: &str = "demo_shop";

/// The backup step name of the copy [`leave`] keeps (`farmstall-…-before-leave_demo.db`).
pub const LEAVE_STEP: &str = engine::LEAVE_DEMO_STEP;

fn mark_demo(tx: &Connection, at: At) -> Result<()> {
    let value = at.now.to_rfc3339();
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [DEMO_SETTING, value.as_str()],
    )
    .map_err(farmstall_store::StoreError::from)?;
    farmstall_store::changes::record(
        tx,
        at.now,
        at.origin,
        "setting",
        DEMO_SETTING,
        farmstall_store::changes::Action::Create,
        &serde_json::json!({ "value": value }),
    )?;
    Ok(())
}

/// Whether the shop `conn` reads is the demo (a database without settings is not).
pub(crate) fn is_demo(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT 1 FROM settings WHERE key = ?1",
        [DEMO_SETTING],
        |_| Ok(()),
    )
    .is_ok()
}

/// What leaving the demo did: where the demo was kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LeftDemo {
    /// The verified backup of the demo shop in the data folder's `backups/`.
    pub backup: String,
    /// The folder the demo's printed documents and its marketplace connection were moved to
    /// (`demo-kept-YYYYMMDD-HHMMSS` in the data folder, UTC); None when it had neither.
    pub kept_folder: Option<String>,
    /// What the demo held, as its backup holds it.
    pub demo: Counts,
}

/// Clears the demo shop at `db` so that a real shop starts empty there. No `App` may have `db`
/// open (in this process or another): the caller closes it first and opens it again afterwards,
/// which creates the new, empty shop.
///
/// Refuses, changing nothing, a shop that is not the demo (no [`DEMO_SETTING`]: a real shop is
/// never cleared), one open in this program or another, and a path where no shop is. Otherwise,
/// in this order, so that a stop at any point leaves the demo whole or the new shop empty, never
/// half a shop: a verified backup of the demo (`before-leave_demo`, kept like other before-step
/// backups); the demo's `documents/` and `marketplace.sealed` moved into a dated folder beside
/// them (moved back if what follows fails); the process's note of a failed sync round
/// forgotten; then the file's `-wal`/`-shm` and the file itself removed. The shop's language is
/// carried over into the new file. Nothing outside the data folder is touched.
pub fn leave(db: &Path) -> Result<LeftDemo> {
    let now = chrono::Utc::now();
    if farmstall_store::is_open_here(db) {
        return Err(AppError::Conflict(format!(
            "{} is open in this program; close it before clearing the demo",
            db.display()
        )));
    }
    if !db.try_exists().unwrap_or(true) {
        return Err(StoreError::NoShop {
            path: db.to_path_buf(),
        }
        .into());
    }
    let data = db
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let not_demo = || {
        AppError::Conflict(format!(
            "{} is not the demo shop: only the demo is cleared this way, and nothing was changed",
            db.display()
        ))
    };
    // A first look that only reads, so a real shop is refused with nothing written anywhere (a
    // read-write connection, because closing a read-only one would leave a WAL beside the file).
    let looks_like_demo = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .is_ok_and(|conn| {
        let _ = conn.busy_timeout(BUSY_TIMEOUT);
        conn.query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
            .is_ok_and(|id| id == farmstall_store::APPLICATION_ID)
            && is_demo(&conn)
    });
    if !looks_like_demo {
        return Err(not_demo());
    }
    // No restore replaces the file meanwhile (and no second leave); asked again below, under
    // the lock.
    let _lock = engine::lock_file(&data.join(crate::backup::REPLACE_LOCK))?;
    let (language, taken) = {
        let conn = Connection::open_with_flags(
            db,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::CannotOpen {
            path: db.to_path_buf(),
            detail: e.to_string(),
        })?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(StoreError::from)?;
        let ours = conn
            .query_row("PRAGMA application_id", [], |r| r.get::<_, i32>(0))
            .is_ok_and(|id| id == farmstall_store::APPLICATION_ID);
        if !ours || !is_demo(&conn) {
            return Err(not_demo());
        }
        let language = shop::language(&conn).unwrap_or_default();
        // Empty the WAL into the file, so the copy and the file agree and closing leaves no
        // WAL behind (unless another program has the shop open: see below).
        let busy = conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap_or(1);
        if busy != 0 {
            return Err(StoreError::Busy.into());
        }
        let taken = engine::take(
            &conn,
            &engine::backups_dir(db),
            &Kind::before(LEAVE_STEP),
            now,
        )?;
        (language, taken)
    };
    let wal = crate::backup::side_file(db, "-wal");
    let shm = crate::backup::side_file(db, "-shm");
    if wal.exists() || shm.exists() {
        // Our connection was not the last: another program has the shop open.
        return Err(AppError::Conflict(format!(
            "another copy of Farmstall has {} open; close it and try again (the demo was backed \
             up to {}, and nothing else was changed)",
            db.display(),
            taken.path.display()
        )));
    }
    let stamp = now.format("%Y%m%d-%H%M%S");
    let mut kept = data.join(format!("demo-kept-{stamp}"));
    let mut n = 2;
    while kept.exists() {
        kept = data.join(format!("demo-kept-{stamp}-{n}"));
        n += 1;
    }
    let moved = move_aside(&data, &kept)?;
    crate::sync::forget_local_failure(db);
    let removed = [&wal, &shm, &db.to_path_buf()]
        .into_iter()
        .try_for_each(|path| match std::fs::remove_file(path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(crate::backup::io(path, e)),
            _ => Ok(()),
        });
    if let Err(e) = removed {
        for (from, to) in moved.iter().rev() {
            let _ = std::fs::rename(to, from);
        }
        let _ = std::fs::remove_dir(&kept);
        return Err(e);
    }
    let _ = engine::sync_dir(&data);
    if language != Language::default() {
        // The new shop speaks the language the demo was looked at in (the welcome screen is the
        // next thing shown). The next open would create the file anyway; failing here only
        // means the language is chosen again.
        let carried = App::open(db, Origin::System).and_then(|mut app| {
            app.set_language(language.code())?;
            Ok(())
        });
        if let Err(e) = carried {
            tracing::warn!(
                kind = e.open_error_kind(),
                "the new shop did not keep the language"
            );
        }
    }
    // The demo's stick choice goes with the demo (the new shop chooses its own).
    crate::backup::forget_place(db);
    Ok(LeftDemo {
        backup: taken.path.display().to_string(),
        kept_folder: (!moved.is_empty()).then(|| kept.display().to_string()),
        demo: Counts::from(&taken.facts),
    })
}

/// Moves the demo's printed documents and marketplace connection from the data folder into
/// `kept` (created when there is something to move). Returns what moved (from, to); on a
/// failure, what had moved is moved back.
fn move_aside(data: &Path, kept: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut moved: Vec<(PathBuf, PathBuf)> = Vec::new();
    for name in ["documents", crate::credentials::SEALED_FILE] {
        let from = data.join(name);
        if !from.exists() {
            continue;
        }
        let to = kept.join(name);
        let done = std::fs::create_dir_all(kept).and_then(|()| std::fs::rename(&from, &to));
        if let Err(e) = done {
            for (back_from, back_to) in moved.iter().rev() {
                let _ = std::fs::rename(back_to, back_from);
            }
            let _ = std::fs::remove_dir(kept);
            return Err(crate::backup::io(&from, e));
        }
        moved.push((from, to));
    }
    Ok(moved)
}

/// Where the demo's buyers live: (province, city, district, street), real-looking, all over China.
const PLACES: &[(&str, &str, &str, &str)] = &[
    (
        "广东省",
        "广州市",
        "天河区",
        "体育西路191号中石化大厦B座2708",
    ),
    (
        "广东省",
        "深圳市",
        "南山区",
        "科技园南区高新南七道数字技术园B1栋",
    ),
    ("浙江省", "杭州市", "西湖区", "文三路90号东部软件园1号楼"),
    ("上海市", "上海市", "浦东新区", "张杨路500号时代广场18楼"),
    (
        "北京市",
        "北京市",
        "朝阳区",
        "建国路88号SOHO现代城5号楼1201",
    ),
    ("江苏省", "南京市", "鼓楼区", "中山北路200号"),
    ("四川省", "成都市", "武侯区", "人民南路四段27号"),
    ("湖北省", "武汉市", "洪山区", "珞喻路1037号"),
    ("贵州省", "贵阳市", "南明区", "中华南路45号"),
    ("重庆市", "重庆市", "渝中区", "解放碑民族路188号"),
    ("山东省", "青岛市", "市南区", "香港中路10号"),
    ("福建省", "厦门市", "思明区", "莲岳路1号磐基中心"),
    ("内蒙古自治区", "呼和浩特市", "赛罕区", "大学西街235号"),
    ("广西壮族自治区", "南宁市", "青秀区", "民族大道136号"),
];

const BUYERS: &[&str] = &[
    "欧阳娜娜",
    "王芳",
    "李建国",
    "张伟",
    "刘洋",
    "陈静",
    "杨帆",
    "赵丽",
    "黄磊",
    "周婷",
    "吴敏",
    "徐强",
    "孙悦",
    "马超",
    "朱琳",
    "胡军",
    "郭晓明",
    "何雪",
    "林小燕",
    "高峰",
];

/// What the demo's buyers order: (product name, boxes or pieces at most).
const GOODS: &[(&str, u32)] = &[
    ("修文猕猴桃 特级大果 5斤装", 2),
    ("修文猕猴桃 一级中果 5斤装", 3),
    ("修文猕猴桃 家庭装小果 5斤装", 2),
    ("农家手工石磨豆腐", 4),
    ("手工油泼辣椒 250克", 3),
];

/// A fortnight of orders through the same use cases a person would use: most shipped or finished,
/// the newest paid and waiting to be packed, a few unpaid, cancelled or refunded. Packing that
/// would be short is left as paid (inside a savepoint, so nothing of it stays).
fn play_orders(tx: &Connection, names: &Names, at: At) -> Result<u32> {
    use crate::orders::{
        change_state_in, create_order_in, pack_order_in, ship_order_in, OrderInput, OrderLineInput,
        PackInput, RecipientInput, ShipInput,
    };
    use crate::returns::{return_order_in, ReturnInput};
    use farmstall_domain::order::OrderState;
    let couriers = ["SF", "ZTO", "YTO", "YUNDA"];
    // The family: the owner, her sister and their mother.
    let mut members = Vec::new();
    for name in ["杨秀英", "杨秀梅", "妈妈"] {
        members.push(
            farmstall_store::members::insert(tx, name, at.now - Duration::days(60), at.origin)?.id,
        );
    }
    // Kiwis: one 5-jin box in a small foam box, two in a large one, nets and ice packs;
    // tofu with ice packs; anything else in a small box.
    let product = |name: &str| -> Result<Id> {
        Id::parse(&named(&names.products, "product", name)?)
            .map_err(|e| AppError::Conflict(e.to_string()))
    };
    let (small, large, ice, nets) = (
        product("快递泡沫箱 5斤装")?,
        product("快递泡沫箱 10斤装")?,
        product("冰袋")?,
        product("水果网套")?,
    );
    let rule = |product: Option<Id>, up_to: i64, items: Vec<(Id, i64)>, note: &str| {
        farmstall_store::packaging::insert(
            tx,
            &farmstall_store::packaging::RuleDetails {
                product,
                up_to_milli: up_to * 1000,
                note: note.into(),
                items,
            },
            at.now - Duration::days(60),
            at.origin,
        )
    };
    for (name, _) in GOODS.iter().filter(|(name, _)| name.contains("猕猴桃")) {
        let kiwi = Some(product(name)?);
        rule(
            kiwi,
            1,
            vec![(small, 1000), (nets, 12_000), (ice, 1000)],
            "",
        )?;
        rule(
            kiwi,
            2,
            vec![(large, 1000), (nets, 24_000), (ice, 2000)],
            "两箱装一个大箱",
        )?;
    }
    rule(
        Some(product("农家手工石磨豆腐")?),
        4,
        vec![(small, 1000), (ice, 2000)],
        "豆腐要冰袋",
    )?;
    rule(None, 3, vec![(small, 1000)], "")?;
    let mut made = 0;
    for n in 0u32..160 {
        let days_ago = i64::from(13 - (n * 14 / 160).min(13));
        let day = At {
            now: at.now - Duration::days(days_ago) + Duration::minutes(i64::from(n)),
            today: at.today - Duration::days(days_ago),
            origin: at.origin,
        };
        let (province, city, district, street) = PLACES[(n as usize * 7) % PLACES.len()];
        let buyer = BUYERS[(n as usize * 3) % BUYERS.len()];
        let (product, most) = GOODS[(n as usize * 5 + n as usize / 3) % GOODS.len()];
        let quantity = 1 + (n * 13) % most;
        let mut lines = vec![OrderLineInput {
            product_id: named(&names.products, "product", product)?,
            quantity: quantity.to_string(),
            ..OrderLineInput::default()
        }];
        if n % 5 == 0 {
            lines.push(OrderLineInput {
                product_id: named(&names.products, "product", "手工油泼辣椒 250克")?,
                quantity: "1".into(),
                discount: "3".into(),
                ..OrderLineInput::default()
            });
        }
        let source = ["taobao", "pinduoduo", "wechat", "phone", "taobao"][n as usize % 5];
        let order = create_order_in(
            tx,
            day,
            &OrderInput {
                source: source.into(),
                platform_order_id: if source == "taobao" || source == "pinduoduo" {
                    format!("33910{:08}", 28_837_461 + u64::from(n) * 7919)
                } else {
                    String::new()
                },
                buyer: buyer.into(),
                recipient: RecipientInput {
                    name: buyer.into(),
                    // Mobile numbers have 11 digits: 1, a network digit, then nine more.
                    phone: format!(
                        "1{}{}{:08}",
                        [3, 5, 8, 9][n as usize % 4],
                        n % 10,
                        12_345_678 + n * 104_729 % 80_000_000
                    ),
                    province: province.into(),
                    city: city.into(),
                    district: district.into(),
                    street: street.into(),
                    postcode: String::new(),
                },
                lines,
                shipping_fee: if n % 3 == 0 { "0".into() } else { "10".into() },
                buyer_note: if n % 7 == 0 {
                    "麻烦挑大个的，谢谢".into()
                } else {
                    String::new()
                },
                state: if days_ago == 0 && n % 4 == 0 {
                    "waiting_payment".into()
                } else {
                    String::new()
                },
                ..OrderInput::default()
            },
        )?;
        made += 1;
        if order.state != "paid" {
            continue;
        }
        if n % 17 == 3 {
            change_state_in(tx, day, &order.id, OrderState::Cancelled, "买家不要了")?;
            continue;
        }
        if days_ago <= 1 {
            if n % 9 == 0 {
                change_state_in(tx, day, &order.id, OrderState::Packing, "")?;
            }
            continue; // still to pack
        }
        // Whoever's turn it is packs, with the packaging the shop's rules suggest.
        farmstall_store::members::set_current(
            tx,
            Some(members[n as usize % members.len()]),
            day.now,
            day.origin,
        )?;
        let suggested = crate::packaging::suggest_in(
            tx,
            Id::parse(&order.id).map_err(|e| AppError::Conflict(e.to_string()))?,
        )?;
        tx.execute_batch("SAVEPOINT demo_pack")
            .map_err(farmstall_store::StoreError::from)?;
        let packed = pack_order_in(
            tx,
            day,
            &PackInput {
                order_id: order.id.clone(),
                packaging: suggested.packaging,
                weight_kg: format!("{}.{}", 2 + quantity * 3, n % 10),
                packed_by: String::new(),
            },
        );
        if packed.is_err() {
            tx.execute_batch("ROLLBACK TO demo_pack; RELEASE demo_pack")
                .map_err(farmstall_store::StoreError::from)?;
            continue;
        }
        tx.execute_batch("RELEASE demo_pack")
            .map_err(farmstall_store::StoreError::from)?;
        if days_ago <= 2 {
            continue; // packed, waiting for the courier
        }
        let courier = couriers[n as usize % couriers.len()];
        let waybill = match courier {
            "SF" => format!("SF{:013}", 1_402_338_870_000u64 + u64::from(n)),
            "YTO" => format!("YT{:013}", 7_700_412_300_000u64 + u64::from(n)),
            _ => format!("{:14}", 75_120_000_000_000u64 + u64::from(n) * 31),
        };
        ship_order_in(
            tx,
            day,
            &ShipInput {
                order_id: order.id.clone(),
                courier: courier.into(),
                waybill,
                shipping_cost: if courier == "SF" {
                    "14".into()
                } else {
                    "6.5".into()
                },
            },
        )?;
        if days_ago >= 8 {
            if n % 23 == 5 {
                // Crushed on the way: the buyer keeps the fruit and gets the money back.
                let total = crate::orders::get_in(
                    tx,
                    Id::parse(&order.id).map_err(|e| AppError::Conflict(e.to_string()))?,
                )?
                .total;
                return_order_in(
                    tx,
                    day,
                    &ReturnInput {
                        order_id: order.id.clone(),
                        lines: Vec::new(),
                        refund: total,
                        note: "果子压坏了，仅退款".into(),
                    },
                )?;
                continue;
            }
            change_state_in(tx, day, &order.id, OrderState::Finished, "")?;
            if n % 23 == 12 {
                return_order_in(
                    tx,
                    day,
                    &ReturnInput {
                        order_id: order.id.clone(),
                        lines: Vec::new(),
                        refund: "10".into(),
                        note: "少了两个果，补偿 10 元".into(),
                    },
                )?;
            }
        }
    }
    farmstall_store::members::set_current(tx, Some(members[0]), at.now, at.origin)?;
    Ok(made)
}

/// The season so far, before the fortnight `play_orders` plays: several hundred orders from
/// September up to a fortnight ago (from the September before, when the demo runs before
/// October), for reports, the Today screen's comparisons and forecasts. They are sales
/// history (`history`: they never reserved or took stock), so every lot, stock figure and
/// open order of the demo stays as it was; each carries its goods' cost at what the season's
/// lots of that product cost, its packaging and courier costs, and the states of orders long
/// done: finished, some cancelled before payment, some refunded.
fn play_past_season(tx: &Connection, names: &Names, at: At) -> Result<u32> {
    use crate::generate::{past_season, Listed, PastItem};
    use chrono::Datelike;
    const SOLD: &[(&str, f64)] = &[
        ("修文猕猴桃 特级大果 5斤装", 2.0),
        ("修文猕猴桃 特级大果 10斤装", 0.8),
        ("修文猕猴桃 一级中果 5斤装", 1.8),
        ("修文猕猴桃 一级中果 10斤装", 0.8),
        ("修文猕猴桃 家庭装小果 5斤装", 1.2),
        ("修文猕猴桃 家庭装小果 10斤装", 0.6),
        ("农家手工石磨豆腐", 0.4),
        // The last is also what is added to other parcels.
        ("手工油泼辣椒 250克", 0.6),
    ];
    let mut items = Vec::new();
    for (name, rate) in SOLD {
        let id = Id::parse(&named(&names.products, "product", name)?)
            .map_err(|e| AppError::Conflict(e.to_string()))?;
        let d = products::get(tx, id)?.details;
        let stock_per_unit =
            farmstall_domain::Quantity::new(rust_decimal::Decimal::ONE, d.sale_unit)
                .to(d.stock_unit)
                .and_then(|q| q.to_milli())
                .map_err(|e| AppError::Conflict(e.to_string()))?;
        let (fen, milli): (i64, i64) = tx
            .query_row(
                "SELECT coalesce(sum(cost_fen), 0), coalesce(sum(quantity_milli), 0)
                 FROM lots WHERE product_id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(farmstall_store::StoreError::from)?;
        let price_fen = d.price.fen();
        let cost_e4 = if milli > 0 {
            fen * 100_000 / milli
        } else {
            // No lot of it this season: about 40% of its price.
            price_fen * 40_000 / stock_per_unit.max(1)
        };
        items.push(PastItem {
            item: Listed {
                id,
                stock_per_unit,
                price_fen,
                weight_grams: d.weight_grams.unwrap_or(1000),
            },
            rate: *rate,
            cost_e4,
        });
    }
    let today = at.today;
    let year = if today >= chrono::NaiveDate::from_ymd_opt(today.year(), 10, 1).unwrap_or(today) {
        today.year()
    } else {
        today.year() - 1
    };
    // Last season too (the shop imported its history when it started): a forecast needs more
    // than one season's weeks to say anything.
    let from = chrono::NaiveDate::from_ymd_opt(year - 1, 9, 1).unwrap_or(today);
    // `play_orders` has the last fortnight.
    let to = today - Duration::days(15);
    past_season(tx, 2026, &items, from, to, at.now)
}

/// Three months of pay for four of the family, through the same use cases a person would use:
/// the mother on a daily wage with an advance each month, a sister by the day and by the jin
/// sorted plus boxes packed, a cousin by the hour for the harvest weeks, a sister-in-law on a
/// salary with income tax withheld. The months before this one are approved and paid.
fn play_payroll(tx: &Connection, at: At) -> Result<()> {
    use crate::payroll::{
        approve_in, pay_in, record_work_in, save_employee_in, EmployeeInput, PayInput, SchemeInput,
        WorkInput,
    };
    use chrono::{Datelike, Weekday};
    let this_month = at.today.with_day(1).unwrap_or(at.today);
    let months: Vec<chrono::NaiveDate> = (0..=3)
        .rev()
        .filter_map(|back| this_month.checked_sub_months(chrono::Months::new(back)))
        .collect();
    let Some(&start) = months.first() else {
        return Ok(());
    };
    let scheme = |kind: &str, work: &str, rate: &str| SchemeInput {
        kind: kind.into(),
        work: work.into(),
        rate: rate.into(),
    };
    let employee = |name: &str,
                    relation: &str,
                    from: chrono::NaiveDate,
                    to: Option<chrono::NaiveDate>,
                    tax: bool,
                    schemes: Vec<SchemeInput>| EmployeeInput {
        name: name.into(),
        relation: relation.into(),
        start_on: from.to_string(),
        end_on: to.map(|d| d.to_string()).unwrap_or_default(),
        withhold_tax: tax,
        special_deduction: if tax { "480".into() } else { String::new() },
        additional_deduction: if tax { "1000".into() } else { String::new() },
        account_note: if tax {
            "农商银行 6217 **** 0421".into()
        } else {
            "微信".into()
        },
        schemes,
        ..EmployeeInput::default()
    };
    let harvest_from = start + Duration::days(35);
    let harvest_to = start + Duration::days(55);
    let mother = save_employee_in(
        tx,
        at,
        &employee(
            "妈妈",
            "母亲",
            start,
            None,
            false,
            vec![scheme("daily", "", "120")],
        ),
    )?
    .member_id;
    let sister = save_employee_in(
        tx,
        at,
        &employee(
            "杨秀梅",
            "妹妹",
            start,
            None,
            false,
            vec![
                scheme("daily", "", "80"),
                scheme("piece", crate::payroll::BOX_PACKED, "1.5"),
                scheme("piece", "jin_sorted", "0.1"),
            ],
        ),
    )?
    .member_id;
    let cousin = save_employee_in(
        tx,
        at,
        &employee(
            "表哥",
            "表哥",
            harvest_from,
            Some(harvest_to),
            false,
            vec![scheme("hourly", "", "18")],
        ),
    )?
    .member_id;
    save_employee_in(
        tx,
        at,
        &employee(
            "嫂子",
            "嫂子",
            start,
            None,
            true,
            vec![scheme("monthly", "", "9000")],
        ),
    )?;
    let work = |member: &str,
                date: chrono::NaiveDate,
                kind: &str,
                what: &str,
                quantity: &str,
                amount: &str,
                note: &str| WorkInput {
        member_id: member.into(),
        date: date.to_string(),
        kind: kind.into(),
        work: what.into(),
        quantity: quantity.into(),
        amount: amount.into(),
        note: note.into(),
    };
    let mut day = start;
    while day <= at.today {
        if day.weekday() != Weekday::Sun {
            record_work_in(tx, at, &work(&mother, day, "days", "", "1", "", ""))?;
            record_work_in(tx, at, &work(&sister, day, "days", "", "0.5", "", ""))?;
            let jin = 120 + (day.ordinal() * 37) % 160;
            record_work_in(
                tx,
                at,
                &work(
                    &sister,
                    day,
                    "pieces",
                    "jin_sorted",
                    &jin.to_string(),
                    "",
                    "",
                ),
            )?;
            if day >= harvest_from && day <= harvest_to {
                let hours = 6 + day.ordinal() % 4;
                record_work_in(
                    tx,
                    at,
                    &work(&cousin, day, "hours", "", &hours.to_string(), "", "摘果"),
                )?;
            }
        }
        if day.day() == 12 {
            record_work_in(
                tx,
                at,
                &work(&mother, day, "advance", "", "", "300", "赶集预支"),
            )?;
        }
        if day.day() == 20 {
            record_work_in(
                tx,
                at,
                &work(&sister, day, "bonus", "", "", "100", "双十一加班"),
            )?;
        }
        day += Duration::days(1);
    }
    // The months before this one: approved, then paid on the 5th of the next month.
    for pair in months.windows(2) {
        let (month, next) = (pair[0], pair[1]);
        let key = format!("{:04}-{:02}", month.year(), month.month());
        let approved = approve_in(tx, at, &key)?;
        for slip in &approved.payslips {
            let net = farmstall_domain::Money::parse(&slip.net)
                .map(|m| m.fen())
                .unwrap_or(0);
            if net <= 0 {
                continue;
            }
            pay_in(
                tx,
                at,
                &PayInput {
                    month: key.clone(),
                    member_id: slip.member_id.clone(),
                    amount: slip.net.clone(),
                    method: if slip.name == "嫂子" {
                        "bank".into()
                    } else {
                        "wechat".into()
                    },
                    paid_on: (next + Duration::days(4)).to_string(),
                },
            )?;
        }
    }
    Ok(())
}
