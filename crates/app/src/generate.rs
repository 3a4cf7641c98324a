//! A generator of shops of any size, for benchmarks and large-data tests.
//!
//! `years` of history give a shop that has grown as a real one does: new farmers every season,
//! new products and grades every year, old ones archived. The output depends only on `years` and
//! `seed`. Later features (purchases, orders, pay) extend it.

use chrono::{Duration, TimeZone, Utc};
use farmstall_domain::{
    Address, Courier, FarmerDetails, Language, Money, Origin, ProductDetails, ShopProfile, Unit,
};
use farmstall_store::{farmers, products, shop};
use serde::Serialize;

use crate::{App, AppError, Result};

mod sales;

pub use sales::{day_factor, past_season, Listed, PastItem, PROVINCES};

/// How much a generated shop holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GeneratedShop {
    pub years: u32,
    pub farmers: u32,
    pub products: u32,
    pub archived_products: u32,
    pub purchases: u32,
    pub lots: u32,
    pub ledger_entries: u32,
    pub orders: u32,
    pub expenses: u32,
}

/// Farmers and products added per year of history.
pub const FARMERS_PER_YEAR: u32 = 40;
pub const PRODUCTS_PER_YEAR: u32 = 80;

/// A small deterministic generator (SplitMix64); no dependency, same output on every PC.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items
            .get(self.below(items.len()))
            .copied()
            .unwrap_or_default()
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "罗", "田", "龙", "石", "潘",
];
const GIVEN: &[&str] = &[
    "德贵", "桂芬", "志强", "光明", "玉兰", "永富", "春花", "家顺", "大勇", "秀珍", "明华", "老三",
    "金凤", "国平", "小红",
];
const VILLAGES: &[&str] = &[
    "大木村",
    "六屯村",
    "小箐村",
    "龙场村",
    "谷堡村",
    "扎佐村",
    "久长村",
    "洒坪村",
];
const FRUITS: &[(&str, &str)] = &[
    ("猕猴桃", "kiwi"),
    ("红心猕猴桃", "red kiwi"),
    ("黄金果", "golden kiwi"),
    ("刺梨", "cili fruit"),
    ("蓝莓", "blueberries"),
    ("李子", "plums"),
    ("杨梅", "bayberries"),
];
const GRADES: &[(&str, &str)] = &[
    ("特级大果", "extra large"),
    ("一级中果", "grade one"),
    ("家庭装小果", "family pack"),
];

/// Lots received per year of history: a busy kiwi season is hundreds of farmer deliveries a week.
pub const LOTS_PER_YEAR: u32 = 10_000;

/// Orders per year of history (on average: the shop grows year by year).
pub const ORDERS_PER_YEAR: u32 = 100_000;

/// Writes a generated shop of `years` years into an empty database, in one transaction.
pub fn generate(app: &mut App, years: u32, seed: u64) -> Result<GeneratedShop> {
    generate_with(app, years, seed, LOTS_PER_YEAR)
}

/// Like [`generate`] with a chosen number of lots per year (small for quick tests), and orders
/// in the same proportion.
pub fn generate_with(
    app: &mut App,
    years: u32,
    seed: u64,
    lots_per_year: u32,
) -> Result<GeneratedShop> {
    let orders = u32::try_from(
        u64::from(lots_per_year) * u64::from(ORDERS_PER_YEAR) / u64::from(LOTS_PER_YEAR),
    )
    .unwrap_or(u32::MAX);
    generate_sized(app, years, seed, lots_per_year, orders)
}

/// Like [`generate`] with a chosen number of lots and of orders per year.
pub fn generate_sized(
    app: &mut App,
    years: u32,
    seed: u64,
    lots_per_year: u32,
    orders_per_year: u32,
) -> Result<GeneratedShop> {
    let mut rng = Rng(seed);
    let start = Utc
        .with_ymd_and_hms(2021, 1, 4, 1, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let years = years.max(1);
    let origin = Origin::System;
    app.store.write(|tx| {
        if !App::is_empty_shop(tx)? {
            return Err(AppError::Conflict(
                "a shop can only be generated into an empty database".into(),
            ));
        }
        let profile = ShopProfile {
            shop_name: format!("{years}年老店 黔山果园"),
            owner_name: "杨秀英".into(),
            sender_name: "杨秀英".into(),
            phone: "13985012345".into(),
            address: Address {
                province: "贵州省".into(),
                city: "贵阳市".into(),
                district: "修文县".into(),
                street: "六屯镇大木村三组12号".into(),
            },
            default_courier: Some(Courier::Sf),
            language: Language::ZhCn,
        };
        shop::save(tx, &profile, start, origin)?;
        let mut summary = GeneratedShop {
            years,
            farmers: 0,
            products: 0,
            archived_products: 0,
            purchases: 0,
            lots: 0,
            ledger_entries: 0,
            orders: 0,
            expenses: 0,
        };
        // The generated history ends in the last year's season, 300 days in, with stock on hand.
        let last_day = start + Duration::days(i64::from(years - 1) * 365 + 300);
        // Orders are indexed for search all at once at the end, as a large import does.
        let deferred = farmstall_store::orders::defer_search(tx)?;
        let mut sales = sales::Sales::new(last_day);
        // The yearly products' lots sell about 17 boxes each; that many of them are orders.
        sales.history_share = u32::try_from(
            u64::from(orders_per_year) * 200 / (u64::from(lots_per_year.max(1)) * 17),
        )
        .unwrap_or(1000)
        .min(1000);
        let staples = sales::insert_staples(tx, start, &mut summary)?;
        let mut farmers_by_year = Vec::new();
        for year in 0..years {
            let year_start = start + Duration::days(i64::from(year) * 365);
            let mut year_farmers = Vec::new();
            let mut year_products = Vec::new();
            for n in 0..FARMERS_PER_YEAR {
                let at = year_start + Duration::hours(i64::from(n) * 7);
                let details = FarmerDetails {
                    name: format!(
                        "{}{}{}",
                        rng.pick(SURNAMES),
                        rng.pick(GIVEN),
                        year * FARMERS_PER_YEAR + n
                    ),
                    village: rng.pick(VILLAGES).to_string(),
                    phone: format!("139{:08}", rng.next() % 100_000_000),
                    payment_notes: rng
                        .pick(&["微信转账", "支付宝", "现金", "农商银行卡"])
                        .to_string(),
                    remarks: String::new(),
                };
                year_farmers.push(farmers::insert(tx, &details, at, origin)?.id);
                summary.farmers += 1;
            }
            for n in 0..PRODUCTS_PER_YEAR {
                let at = year_start + Duration::hours(i64::from(n) * 5);
                let (fruit, fruit_en) = FRUITS[rng.below(FRUITS.len())];
                let (grade, grade_en) = GRADES[rng.below(GRADES.len())];
                let jin = [3u32, 5, 8, 10][rng.below(4)];
                let details = ProductDetails {
                    name_zh: format!(
                        "{}{} {grade} {jin}斤装 #{}",
                        2021 + year,
                        fruit,
                        year * PRODUCTS_PER_YEAR + n
                    ),
                    name_en: Some(format!("{} {fruit_en}, {grade_en}, {jin} jin", 2021 + year)),
                    sale_unit: Unit::boxed(jin.into(), farmstall_domain::BaseUnit::Jin)
                        .map_err(|e| AppError::Conflict(e.to_string()))?,
                    stock_unit: Unit::JIN,
                    shelf_life_days: Some(10 + u32::try_from(rng.below(20)).unwrap_or(0)),
                    price: Money::from_fen(
                        i64::from(jin) * (500 + i64::try_from(rng.below(1500)).unwrap_or(0)),
                    ),
                    weight_grams: Some(i64::from(jin) * 500 + 400),
                    kind: farmstall_domain::ProductKind::Goods,
                    reorder_point_milli: None,
                    barcode: Some(format!("69{:011}", year * PRODUCTS_PER_YEAR + n)),
                };
                let product = products::insert(tx, &details, at, origin)?;
                year_products.push((
                    product.id,
                    details.shelf_life_days,
                    sales::Listed {
                        id: product.id,
                        stock_per_unit: i64::from(jin) * 1000,
                        price_fen: details.price.fen(),
                        weight_grams: i64::from(jin) * 500 + 400,
                    },
                ));
                summary.products += 1;
                // Last seasons' listings are archived; the current year's stay active.
                if year + 1 < years && rng.below(4) != 0 {
                    products::set_archived(
                        tx,
                        product.id,
                        true,
                        year_start + Duration::days(300),
                        origin,
                    )?;
                    summary.archived_products += 1;
                }
            }
            let history = History {
                year_start,
                last_day,
                farmers: &year_farmers,
                products: &year_products,
                lots: lots_per_year,
            };
            history.write(tx, &mut rng, &mut summary, &mut sales)?;
            farmers_by_year.push(year_farmers);
        }
        let first = farmstall_domain::clock::business_date(start);
        sales.staples(
            tx,
            &mut rng,
            &mut summary,
            &staples,
            &farmers_by_year,
            first,
            orders_per_year,
        )?;
        farmstall_store::orders::index_deferred(tx, deferred)?;
        summary.expenses = sales::expenses(tx, &mut rng, first, last_day)?;
        Ok(summary)
    })
}

/// One year of purchases and stock movements.
struct History<'a> {
    year_start: chrono::DateTime<Utc>,
    last_day: chrono::DateTime<Utc>,
    farmers: &'a [farmstall_domain::Id],
    products: &'a [(farmstall_domain::Id, Option<u32>, sales::Listed)],
    lots: u32,
}

impl History<'_> {
    /// Purchases of about five lines through the first 300 days; each lot is sold out box by box
    /// (a reserve and an allocate per box, about 36 ledger rows a lot) with a box now and then
    /// spoiled; the newest lots still have stock.
    fn write(
        &self,
        tx: &farmstall_store::rusqlite::Connection,
        rng: &mut Rng,
        summary: &mut GeneratedShop,
        sales: &mut sales::Sales,
    ) -> Result<()> {
        use farmstall_domain::fefo::cost_out;
        use farmstall_store::stock::{self, Movement, NewLot, NewPurchase};
        let origin = Origin::System;
        let mut made = 0;
        while made < self.lots {
            let day = u32::try_from(rng.below(300)).unwrap_or(0);
            let at = self.year_start
                + Duration::days(i64::from(day))
                + Duration::minutes(i64::from(made % 600));
            let received_on = farmstall_domain::clock::business_date(at);
            let lines = (self.lots - made).min(1 + u32::try_from(rng.below(9)).unwrap_or(0));
            let mut lots = Vec::new();
            let mut items = Vec::new();
            for n in 0..lines {
                let (product, shelf, item) = self.products[rng.below(self.products.len())];
                items.push(item);
                let milli = 1000 * (20 + i64::try_from(rng.below(180)).unwrap_or(0));
                let price_e4 = 25_000 + 100 * i64::try_from(rng.below(550)).unwrap_or(0);
                // thousandths of a jin × ten-thousandths of a yuan per jin = 1/100_000 fen
                let cost_fen = (milli * price_e4 + 50_000) / 100_000;
                lots.push(NewLot {
                    id: farmstall_domain::Id::generate(),
                    product,
                    line_no: i64::from(n),
                    grade: ["特级", "一级", "小果"][rng.below(3)].to_string(),
                    harvested_on: Some(received_on),
                    best_before: shelf.map(|d| received_on + Duration::days(i64::from(d))),
                    quantity_milli: milli,
                    entered_quantity: (milli / 1000).to_string(),
                    entered_unit: "jin".into(),
                    unit_price_e4: price_e4,
                    cost_fen,
                });
            }
            let purchase = NewPurchase {
                id: farmstall_domain::Id::generate(),
                farmer: self.farmers[rng.below(self.farmers.len())],
                received_on,
                payment: ["owed", "cash", "wechat", "alipay"][rng.below(4)].to_string(),
                note: String::new(),
                lots,
            };
            stock::insert_purchase(tx, &purchase, at, origin)?;
            summary.purchases += 1;
            summary.lots += lines;
            summary.ledger_entries += lines;
            for (lot, item) in purchase.lots.iter().zip(&items) {
                // Sold box by box over the following days (each order line reserves, then packing
                // allocates), now and then a box spoils; lots from the last days keep some stock.
                let (mut left, mut cost_left) = (lot.quantity_milli, lot.cost_fen);
                let mut k: i64 = 0;
                while left > 0 {
                    k += 1;
                    let when = at + Duration::hours(20 * k);
                    if when > self.last_day {
                        break;
                    }
                    let boxed = if rng.below(4) == 0 { 10_000 } else { 5_000 };
                    let wasted = rng.below(40) == 0;
                    // Some boxes are orders of their own (a box of the listing's size); the
                    // rest went out as market and wholesale sales, recorded as stock only.
                    let order =
                        !wasted && left >= item.stock_per_unit && rng.chance(sales.history_share);
                    let take = if order {
                        item.stock_per_unit
                    } else {
                        boxed.min(left)
                    };
                    let cost = cost_out(cost_left, left, take);
                    let business_date = farmstall_domain::clock::business_date(when);
                    let sale = |tx: &farmstall_store::rusqlite::Connection,
                                reference: Option<String>,
                                note: &str|
                     -> Result<()> {
                        let moved = |kind, reserved_milli, on_hand_milli, cost_fen| Movement {
                            lot: lot.id,
                            kind,
                            on_hand_milli,
                            reserved_milli,
                            cost_fen,
                            reason: None,
                            note,
                            reference: reference.clone(),
                            business_date,
                        };
                        stock::post(tx, &moved("reserve", take, 0, 0), when, origin)?;
                        stock::post(tx, &moved("allocate", -take, -take, -cost), when, origin)?;
                        Ok(())
                    };
                    if order {
                        sales.lot_sale(
                            tx,
                            rng,
                            summary,
                            *item,
                            when,
                            &mut |tx, reference, number, _| {
                                sale(tx, Some(reference.to_string()), number)?;
                                Ok((cost, 2))
                            },
                        )?;
                    } else if wasted {
                        stock::post(
                            tx,
                            &Movement {
                                lot: lot.id,
                                kind: "waste",
                                on_hand_milli: -take,
                                reserved_milli: 0,
                                cost_fen: -cost,
                                reason: Some("spoiled"),
                                note: "",
                                reference: None,
                                business_date,
                            },
                            when,
                            origin,
                        )?;
                        summary.ledger_entries += 1;
                    } else {
                        sale(tx, None, "")?;
                        summary.ledger_entries += 2;
                    }
                    left -= take;
                    cost_left -= cost;
                }
            }
            made += lines;
        }
        Ok(())
    }
}

/// Orders of a five-year shop: this many, spread over the years, in every state, to their
/// recipients all over China. Written straight through the store (no stock effects): the
/// benchmark is about finding orders, not packing them.
pub fn generate_orders(app: &mut App, orders: u32, seed: u64) -> Result<u32> {
    use farmstall_store::orders::{self as store_orders, NewOrder, NewOrderLine, Recipient};
    const SURNAMES2: &[&str] = &[
        "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "欧阳", "司马",
    ];
    const GIVEN2: &[&str] = &[
        "芳", "伟", "娜娜", "建国", "静", "磊", "秀英", "小燕", "志强", "丽", "明", "婷婷",
    ];
    const PLACES2: &[(&str, &str, &str)] = &[
        ("广东省", "广州市", "天河区"),
        ("浙江省", "杭州市", "西湖区"),
        ("上海市", "上海市", "浦东新区"),
        ("北京市", "北京市", "朝阳区"),
        ("四川省", "成都市", "武侯区"),
        ("江苏省", "南京市", "鼓楼区"),
        ("湖北省", "武汉市", "洪山区"),
        ("贵州省", "贵阳市", "南明区"),
    ];
    const STREETS: &[&str] = &[
        "体育西路",
        "文三路",
        "张杨路",
        "建国路",
        "人民南路",
        "中山北路",
        "珞喻路",
        "中华南路",
    ];
    let mut rng = Rng(seed);
    let start = Utc
        .with_ymd_and_hms(2021, 1, 4, 1, 0, 0)
        .single()
        .unwrap_or_else(Utc::now);
    let states = [
        "finished",
        "finished",
        "finished",
        "shipped",
        "cancelled",
        "refunded",
        "paid",
        "packed",
    ];
    app.store.write(|tx| {
        let products: Vec<farmstall_domain::Id> = {
            let mut stmt = tx
                .prepare("SELECT id FROM products ORDER BY id")
                .map_err(farmstall_store::StoreError::from)?;
            let ids = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(farmstall_store::StoreError::from)?
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(farmstall_store::StoreError::from)?;
            ids.iter()
                .filter_map(|id| farmstall_domain::Id::parse(id).ok())
                .collect()
        };
        if products.is_empty() {
            return Err(AppError::Conflict(
                "generate a shop before its orders".into(),
            ));
        }
        for n in 0..orders {
            let at = start
                + Duration::seconds(i64::from(n) * (5 * 365 * 86_400 / i64::from(orders.max(1))));
            let (province, city, district) = PLACES2[rng.below(PLACES2.len())];
            let name = format!("{}{}", rng.pick(SURNAMES2), rng.pick(GIVEN2));
            let boxes = 1 + i64::try_from(rng.below(3)).unwrap_or(0);
            let order = NewOrder {
                id: farmstall_domain::Id::generate(),
                source: ["taobao", "pinduoduo", "douyin", "wechat", "phone", "market"]
                    [rng.below(6)]
                .into(),
                platform_order_id: Some(format!("33{:012}", u64::from(n) * 7 + rng.next() % 7)),
                state: states[rng.below(states.len())].into(),
                buyer: name.clone(),
                recipient: Recipient {
                    name,
                    phone: format!(
                        "1{}{:09}",
                        [3, 5, 8, 9][rng.below(4)],
                        rng.next() % 1_000_000_000
                    ),
                    province: province.into(),
                    city: city.into(),
                    district: district.into(),
                    street: format!("{}{}号", rng.pick(STREETS), 1 + rng.below(400)),
                    postcode: String::new(),
                },
                shipping_fee_fen: 1000,
                buyer_note: String::new(),
                seller_note: String::new(),
                ordered_on: farmstall_domain::clock::business_date(at),
                lines: vec![NewOrderLine {
                    product: products[rng.below(products.len())],
                    quantity_milli: boxes * 1000,
                    stock_milli: boxes * 5000,
                    unit_price_fen: 4880,
                    discount_fen: 0,
                    line_fen: boxes * 4880,
                }],
                masked: false,
                history: false,
                paid_at: None,
                ship_by: None,
            };
            store_orders::insert_order(tx, &order, at, Origin::System)?;
        }
        Ok(orders)
    })
}
