//! The orders of a generated shop: buyers all over China on six channels, demand that follows
//! the kiwi season, the shopping festivals, the weekday and the shop's growth, and each order's
//! whole life (paid, packed from its lots FEFO with their cost, shipped with a courier's cost,
//! finished, cancelled or refunded) as the app would have recorded it. Then the month's
//! expenses that go with those sales.

use std::collections::VecDeque;

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use farmstall_domain::clock::business_date;
use farmstall_domain::fefo::cost_out;
use farmstall_domain::{BaseUnit, Id, Money, Origin, ProductDetails, ProductKind, Unit};
use farmstall_store::orders::{self, NewOrder, NewOrderLine, NewReturn, Packed, Recipient};
use farmstall_store::rusqlite::Connection;
use farmstall_store::stock::{self, Movement, NewLot, NewPurchase};
use farmstall_store::{changes, products};

use super::{GeneratedShop, Rng};
use crate::{AppError, Result};

const ORIGIN: Origin = Origin::System;

/// Province as a Chinese address writes it, its weight in a shop's orders (out of ~1,000: the
/// rich coastal provinces buy most online), its courier zone from Guizhou (0 near .. 3 remote),
/// and a few of its cities with a district each.
type Province = (
    &'static str,
    u32,
    usize,
    &'static [(&'static str, &'static str)],
);

pub const PROVINCES: &[Province] = &[
    (
        "广东省",
        120,
        1,
        &[
            ("广州市", "天河区"),
            ("深圳市", "南山区"),
            ("东莞市", "东城街道"),
            ("佛山市", "禅城区"),
        ],
    ),
    (
        "浙江省",
        85,
        1,
        &[
            ("杭州市", "西湖区"),
            ("宁波市", "鄞州区"),
            ("温州市", "鹿城区"),
        ],
    ),
    (
        "江苏省",
        85,
        1,
        &[
            ("南京市", "鼓楼区"),
            ("苏州市", "姑苏区"),
            ("无锡市", "滨湖区"),
        ],
    ),
    (
        "上海市",
        70,
        1,
        &[
            ("上海市", "浦东新区"),
            ("上海市", "闵行区"),
            ("上海市", "徐汇区"),
        ],
    ),
    (
        "北京市",
        60,
        2,
        &[
            ("北京市", "朝阳区"),
            ("北京市", "海淀区"),
            ("北京市", "丰台区"),
        ],
    ),
    (
        "山东省",
        55,
        2,
        &[
            ("济南市", "历下区"),
            ("青岛市", "市南区"),
            ("烟台市", "芝罘区"),
        ],
    ),
    (
        "四川省",
        45,
        0,
        &[
            ("成都市", "武侯区"),
            ("绵阳市", "涪城区"),
            ("宜宾市", "翠屏区"),
        ],
    ),
    (
        "河南省",
        40,
        1,
        &[("郑州市", "金水区"), ("洛阳市", "洛龙区")],
    ),
    (
        "湖北省",
        38,
        1,
        &[("武汉市", "洪山区"), ("宜昌市", "西陵区")],
    ),
    (
        "福建省",
        38,
        1,
        &[
            ("福州市", "鼓楼区"),
            ("厦门市", "思明区"),
            ("泉州市", "丰泽区"),
        ],
    ),
    (
        "湖南省",
        35,
        0,
        &[("长沙市", "岳麓区"), ("株洲市", "天元区")],
    ),
    (
        "河北省",
        32,
        2,
        &[("石家庄市", "长安区"), ("保定市", "竞秀区")],
    ),
    (
        "安徽省",
        30,
        1,
        &[("合肥市", "蜀山区"), ("芜湖市", "镜湖区")],
    ),
    (
        "贵州省",
        28,
        0,
        &[
            ("贵阳市", "南明区"),
            ("遵义市", "汇川区"),
            ("六盘水市", "钟山区"),
        ],
    ),
    (
        "重庆市",
        28,
        0,
        &[("重庆市", "渝北区"), ("重庆市", "九龙坡区")],
    ),
    (
        "广西壮族自治区",
        22,
        0,
        &[("南宁市", "青秀区"), ("桂林市", "七星区")],
    ),
    (
        "天津市",
        22,
        2,
        &[("天津市", "南开区"), ("天津市", "河西区")],
    ),
    (
        "陕西省",
        22,
        1,
        &[("西安市", "雁塔区"), ("咸阳市", "秦都区")],
    ),
    (
        "云南省",
        20,
        0,
        &[("昆明市", "五华区"), ("大理白族自治州", "大理市")],
    ),
    (
        "江西省",
        20,
        1,
        &[("南昌市", "红谷滩区"), ("赣州市", "章贡区")],
    ),
    (
        "辽宁省",
        18,
        2,
        &[("沈阳市", "和平区"), ("大连市", "沙河口区")],
    ),
    (
        "山西省",
        12,
        2,
        &[("太原市", "小店区"), ("大同市", "平城区")],
    ),
    (
        "黑龙江省",
        10,
        3,
        &[("哈尔滨市", "南岗区"), ("大庆市", "萨尔图区")],
    ),
    (
        "吉林省",
        9,
        2,
        &[("长春市", "朝阳区"), ("吉林市", "船营区")],
    ),
    (
        "内蒙古自治区",
        7,
        3,
        &[("呼和浩特市", "赛罕区"), ("包头市", "昆都仑区")],
    ),
    (
        "海南省",
        7,
        2,
        &[("海口市", "龙华区"), ("三亚市", "吉阳区")],
    ),
    (
        "甘肃省",
        6,
        3,
        &[("兰州市", "城关区"), ("天水市", "秦州区")],
    ),
    (
        "新疆维吾尔自治区",
        5,
        3,
        &[("乌鲁木齐市", "天山区"), ("伊犁哈萨克自治州", "伊宁市")],
    ),
    (
        "宁夏回族自治区",
        3,
        3,
        &[("银川市", "兴庆区"), ("石嘴山市", "大武口区")],
    ),
    (
        "青海省",
        2,
        3,
        &[("西宁市", "城西区"), ("海东市", "乐都区")],
    ),
    (
        "西藏自治区",
        2,
        3,
        &[("拉萨市", "城关区"), ("林芝市", "巴宜区")],
    ),
];

/// Channels and their share of orders (out of 100).
const CHANNELS: &[(&str, u32)] = &[
    ("taobao", 36),
    ("pinduoduo", 24),
    ("douyin", 18),
    ("wechat", 14),
    ("phone", 4),
    ("market", 4),
];

const BUYER_SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "高", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳",
];
const BUYER_GIVEN: &[&str] = &[
    "芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀兰", "霞", "平", "刚", "桂英", "晓燕", "志伟", "婷婷", "浩然", "子涵", "雨萱", "建华",
    "海燕", "文杰", "欣怡", "俊杰", "佳琪", "梓轩",
];
const ROADS: &[&str] = &[
    "人民路",
    "解放路",
    "中山路",
    "建设路",
    "和平路",
    "新华路",
    "朝阳路",
    "文化路",
    "长江路",
    "黄河路",
    "学府路",
    "滨江路",
    "光明街",
    "幸福里",
    "花园路",
    "南京路",
];
const PACKERS: &[&str] = &["杨秀英", "罗德明", "罗小芳", "杨桂兰"];

/// A product every year's shop sells: its listing, demand and supply.
struct Staple {
    name: &'static str,
    name_en: &'static str,
    /// Sale unit: a box of `size` of `base`, or one `base` (size 1).
    size: u32,
    base: BaseUnit,
    price_fen: i64,
    weight_grams: i64,
    shelf_days: u32,
    /// Orders a day in its first year at season factor 1.
    rate: f64,
    /// Demand by month, January first.
    season: [f64; 12],
    /// What a stock unit costs from the farmer (or to make), ten-thousandths of a yuan, lowest.
    cost_e4: i64,
    /// The smallest purchase (production batch) in thousandths of a stock unit.
    batch_milli: i64,
    /// Quantities an order line asks for, in sale units, as a list to pick from.
    quantities: &'static [i64],
}

const KIWI: [f64; 12] = [
    1.3, 1.0, 0.6, 0.35, 0.2, 0.15, 0.12, 0.15, 0.8, 2.6, 3.0, 2.0,
];

const STAPLES: &[Staple] = &[
    Staple {
        name: "猕猴桃 5斤装",
        name_en: "Kiwis, 5 jin box",
        size: 5,
        base: BaseUnit::Jin,
        price_fen: 3990,
        weight_grams: 2900,
        shelf_days: 30,
        rate: 30.0,
        season: KIWI,
        cost_e4: 35_000,
        batch_milli: 50_000,
        quantities: &[1, 1, 1, 1, 1, 1, 1, 2, 2, 3],
    },
    Staple {
        name: "猕猴桃 10斤装",
        name_en: "Kiwis, 10 jin box",
        size: 10,
        base: BaseUnit::Jin,
        price_fen: 6990,
        weight_grams: 5600,
        shelf_days: 30,
        rate: 12.0,
        season: KIWI,
        cost_e4: 33_000,
        batch_milli: 100_000,
        quantities: &[1, 1, 1, 1, 1, 1, 2],
    },
    Staple {
        name: "红心猕猴桃 5斤装",
        name_en: "Red-heart kiwis, 5 jin box",
        size: 5,
        base: BaseUnit::Jin,
        price_fen: 5990,
        weight_grams: 2900,
        shelf_days: 20,
        rate: 14.0,
        season: [
            0.8, 0.5, 0.3, 0.15, 0.1, 0.08, 0.08, 0.3, 2.8, 2.2, 1.5, 1.1,
        ],
        cost_e4: 72_000,
        batch_milli: 50_000,
        quantities: &[1, 1, 1, 1, 1, 2],
    },
    Staple {
        name: "黄金果 5斤装",
        name_en: "Golden kiwis, 5 jin box",
        size: 5,
        base: BaseUnit::Jin,
        price_fen: 6990,
        weight_grams: 2900,
        shelf_days: 25,
        rate: 10.0,
        season: [
            1.0, 0.7, 0.4, 0.2, 0.1, 0.08, 0.08, 0.15, 1.2, 2.6, 2.4, 1.6,
        ],
        cost_e4: 82_000,
        batch_milli: 50_000,
        quantities: &[1, 1, 1, 1, 2],
    },
    Staple {
        name: "刺梨 5斤装",
        name_en: "Cili fruit, 5 jin box",
        size: 5,
        base: BaseUnit::Jin,
        price_fen: 2990,
        weight_grams: 2900,
        shelf_days: 15,
        rate: 6.0,
        season: [0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 1.5, 3.0, 2.5, 0.8, 0.4],
        cost_e4: 22_000,
        batch_milli: 50_000,
        quantities: &[1, 1, 1, 2],
    },
    Staple {
        name: "油泼辣椒",
        name_en: "Pepper oil, bottle",
        size: 1,
        base: BaseUnit::Bottle,
        price_fen: 1990,
        weight_grams: 400,
        shelf_days: 180,
        rate: 12.0,
        season: [1.3, 1.1, 0.9, 0.9, 0.9, 0.8, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3],
        cost_e4: 68_000,
        batch_milli: 200_000,
        quantities: &[1, 1, 2, 2, 3, 4],
    },
    Staple {
        name: "豆腐乳",
        name_en: "Fermented tofu, bottle",
        size: 1,
        base: BaseUnit::Bottle,
        price_fen: 1590,
        weight_grams: 450,
        shelf_days: 120,
        rate: 8.0,
        season: [1.4, 1.2, 0.9, 0.8, 0.7, 0.6, 0.6, 0.7, 0.9, 1.1, 1.3, 1.5],
        cost_e4: 45_000,
        batch_milli: 150_000,
        quantities: &[1, 1, 2, 2, 3],
    },
    Staple {
        name: "蜂蜜 500克",
        name_en: "Honey, 500 g jar",
        size: 1,
        base: BaseUnit::Bottle,
        price_fen: 6800,
        weight_grams: 650,
        shelf_days: 730,
        // A slow seller: most days none.
        rate: 0.35,
        season: [1.0; 12],
        cost_e4: 320_000,
        batch_milli: 60_000,
        quantities: &[1, 1, 1, 1, 2],
    },
    Staple {
        name: "猕猴桃干 250克",
        name_en: "Dried kiwi, 250 g bag",
        size: 1,
        base: BaseUnit::Piece,
        price_fen: 2590,
        weight_grams: 300,
        shelf_days: 270,
        rate: 5.0,
        season: [1.5, 1.2, 0.8, 0.7, 0.6, 0.6, 0.6, 0.7, 0.9, 1.0, 1.3, 1.5],
        cost_e4: 98_000,
        batch_milli: 100_000,
        quantities: &[1, 1, 2, 3],
    },
    Staple {
        name: "腊肉",
        name_en: "Cured pork, by the jin",
        size: 1,
        base: BaseUnit::Jin,
        price_fen: 6800,
        weight_grams: 550,
        shelf_days: 180,
        rate: 5.0,
        season: [
            2.5, 1.2, 0.2, 0.05, 0.02, 0.02, 0.02, 0.02, 0.1, 0.3, 1.2, 3.0,
        ],
        cost_e4: 380_000,
        batch_milli: 20_000,
        quantities: &[2, 2, 3, 3, 5],
    },
    Staple {
        name: "蓝莓 125克×4盒",
        name_en: "Blueberries, 4 boxes of 125 g",
        size: 4,
        base: BaseUnit::Piece,
        price_fen: 4990,
        weight_grams: 700,
        shelf_days: 10,
        rate: 8.0,
        season: [0.0, 0.0, 0.0, 0.0, 0.5, 3.0, 2.5, 0.5, 0.0, 0.0, 0.0, 0.0],
        cost_e4: 65_000,
        batch_milli: 40_000,
        quantities: &[1, 1, 1, 2],
    },
    Staple {
        name: "李子 5斤装",
        name_en: "Plums, 5 jin box",
        size: 5,
        base: BaseUnit::Jin,
        price_fen: 3590,
        weight_grams: 2900,
        shelf_days: 10,
        rate: 6.0,
        season: [0.0, 0.0, 0.0, 0.0, 0.0, 0.8, 3.0, 1.5, 0.0, 0.0, 0.0, 0.0],
        cost_e4: 30_000,
        batch_milli: 50_000,
        quantities: &[1, 1, 1, 2],
    },
];

/// Share of a generated shop's orders that are for the staples; the rest are the yearly
/// products' (sold from the lots `History` writes).
const STAPLE_SHARE: f64 = 0.8;

/// Spring Festival (the first day of the lunar year), 2021–2027.
const SPRING_FESTIVAL: &[(i32, u32, u32)] = &[
    (2021, 2, 12),
    (2022, 2, 1),
    (2023, 1, 22),
    (2024, 2, 10),
    (2025, 1, 29),
    (2026, 2, 17),
    (2027, 2, 6),
];

/// How much more (or less) is bought on `day` than on an ordinary one: the shopping festivals,
/// the gift weeks before Spring Festival and the courier holiday after it, and the weekday.
pub fn day_factor(day: NaiveDate) -> f64 {
    let (m, d) = (day.month(), day.day());
    let mut f = match (m, d) {
        (6, 16..=18) => 2.2,
        (6, 1..=15) => 1.3,
        (11, 10..=11) => 3.5,
        (10, 31) | (11, 1..=9) | (11, 12) => 1.5,
        (12, 10..=12) => 1.8,
        _ => 1.0,
    };
    for &(y, fm, fd) in SPRING_FESTIVAL {
        let Some(festival) = NaiveDate::from_ymd_opt(y, fm, fd) else {
            continue;
        };
        let before = (festival - day).num_days();
        if (4..=16).contains(&before) {
            f *= 1.8;
        } else if (-6..=3).contains(&before) {
            // Couriers stop and the family celebrates.
            f *= 0.25;
        }
    }
    f * [1.05, 1.0, 1.0, 0.98, 0.95, 0.9, 1.1][day.weekday().num_days_from_monday() as usize]
}

impl Rng {
    /// A uniform number in [0, 1).
    pub(super) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub(super) fn between(&mut self, low: i64, high: i64) -> i64 {
        low + i64::try_from(self.below(usize::try_from(high - low + 1).unwrap_or(1))).unwrap_or(0)
    }

    pub(super) fn chance(&mut self, per_mille: u32) -> bool {
        self.below(1000) < per_mille as usize
    }

    /// A Poisson-distributed count with mean `lambda`.
    pub(super) fn poisson(&mut self, lambda: f64) -> u32 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda < 30.0 {
            let limit = (-lambda).exp();
            let (mut k, mut p) = (0u32, 1.0);
            loop {
                p *= self.unit();
                if p <= limit {
                    return k;
                }
                k += 1;
            }
        }
        // Box–Muller: a normal with the same mean and variance.
        let (u1, u2) = (self.unit().max(1e-12), self.unit());
        let z = (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos();
        (lambda + lambda.sqrt() * z).round().max(0.0) as u32
    }

    pub(super) fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u32 = items.iter().map(|(_, w)| w).sum();
        let mut n = self.below(total as usize) as u32;
        for &(item, w) in items {
            if n < w {
                return item;
            }
            n -= w;
        }
        items[0].0
    }
}

/// Midnight of a business day in Asia/Shanghai, as an instant.
fn midnight(day: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_time(chrono::NaiveTime::MIN)) - Duration::hours(8)
}

/// A product that can be put on an order line: its id, sale unit size, price and weight.
#[derive(Debug, Clone, Copy)]
pub struct Listed {
    pub id: Id,
    /// Thousandths of a stock unit in one sale unit.
    pub stock_per_unit: i64,
    pub price_fen: i64,
    pub weight_grams: i64,
}

/// A lot as the generator tracks it while selling from it.
struct HeldLot {
    id: Id,
    best_before: NaiveDate,
    on_hand: i64,
    available: i64,
    cost: i64,
}

/// One line to record and what it takes from its lots.
struct Line {
    item: Listed,
    quantity: i64,
    discount_fen: i64,
}

/// A buyer with an address; repeat buyers come back with the same one.
#[derive(Clone)]
struct Buyer {
    name: String,
    recipient: Recipient,
    zone: usize,
}

/// Buyers, numbering and counters shared by every order of a generated shop.
pub struct Sales {
    pub last_day: DateTime<Utc>,
    buyers: Vec<Buyer>,
    orders: u64,
    /// Permille of the yearly products' box sales that are orders of their own.
    pub history_share: u32,
    /// The orders are sales history (they move no stock).
    pub history: bool,
    /// Who packs.
    pub packers: &'static [&'static str],
}

/// Takes (or, when the flag says so, only reserves) an order's line `n` at an instant, under
/// the order's id and number: returns the cost that left and the ledger rows written.
type TakeLine<'a> =
    dyn FnMut(&Connection, &str, &str, usize, DateTime<Utc>, bool) -> Result<(i64, u32)> + 'a;

/// Sells a box under an order's id and number at an instant: its cost and the ledger rows.
type SellBox<'a> = dyn FnMut(&Connection, &str, &str, DateTime<Utc>) -> Result<(i64, u32)> + 'a;

/// When an order's steps happen (or `None`: not yet by the shop's last day).
struct Timeline {
    paid: Option<DateTime<Utc>>,
    packed: Option<DateTime<Utc>>,
    shipped: Option<DateTime<Utc>>,
    finished: Option<DateTime<Utc>>,
}

impl Sales {
    pub fn new(last_day: DateTime<Utc>) -> Sales {
        Sales {
            last_day,
            buyers: Vec::new(),
            orders: 0,
            history_share: 0,
            history: false,
            packers: PACKERS,
        }
    }

    fn buyer(&mut self, rng: &mut Rng, source: &str) -> Buyer {
        // About one order in five is from someone who bought before.
        if self.buyers.len() > 20 && source != "market" && rng.chance(200) {
            let n = self.buyers.len();
            return self.buyers[rng.below(n)].clone();
        }
        let name = format!("{}{}", rng.pick(BUYER_SURNAMES), rng.pick(BUYER_GIVEN));
        let phone = format!(
            "1{}{:09}",
            [3, 5, 7, 8, 9][rng.below(5)],
            rng.next() % 1_000_000_000
        );
        let buyer = if source == "market" {
            Buyer {
                name: name.clone(),
                recipient: Recipient {
                    name,
                    phone,
                    province: "贵州省".into(),
                    city: "贵阳市".into(),
                    district: "修文县".into(),
                    street: "六屯镇赶集摊位".into(),
                    postcode: String::new(),
                },
                zone: 0,
            }
        } else {
            let weights: Vec<(usize, u32)> = PROVINCES
                .iter()
                .enumerate()
                .map(|(i, p)| (i, p.1))
                .collect();
            let (province, _, zone, cities) = PROVINCES[rng.weighted(&weights)];
            let (city, district) = cities[rng.below(cities.len())];
            Buyer {
                name: name.clone(),
                recipient: Recipient {
                    name,
                    phone,
                    province: province.into(),
                    city: city.into(),
                    district: district.into(),
                    street: format!(
                        "{}{}号{}栋{}单元{}",
                        rng.pick(ROADS),
                        rng.between(1, 899),
                        rng.between(1, 30),
                        rng.between(1, 4),
                        rng.between(101, 2806)
                    ),
                    postcode: String::new(),
                },
                zone,
            }
        };
        if source != "market" && rng.chance(300) {
            if self.buyers.len() < 30_000 {
                self.buyers.push(buyer.clone());
            } else {
                let n = self.buyers.len();
                self.buyers[rng.below(n)] = buyer.clone();
            }
        }
        buyer
    }

    fn platform_id(&mut self, rng: &mut Rng, source: &str, day: NaiveDate) -> Option<String> {
        let n = self.orders;
        match source {
            "taobao" => Some(format!("{:06}{:013}", 100_000 + rng.next() % 900_000, n)),
            "pinduoduo" => Some(format!(
                "{}-{:06}{:09}",
                day.format("%y%m%d"),
                rng.next() % 1_000_000,
                n
            )),
            "douyin" => Some(format!("69{:05}{:012}", rng.next() % 100_000, n)),
            _ => None,
        }
    }

    /// When each step happens for an order placed at `at` (`packed_at` where the lot sale
    /// already says when it was packed).
    fn timeline(
        &self,
        rng: &mut Rng,
        at: DateTime<Utc>,
        market: bool,
        packed_at: Option<DateTime<Utc>>,
    ) -> Timeline {
        let within = |t: DateTime<Utc>| (t <= self.last_day).then_some(t);
        let paid = at + Duration::minutes(rng.between(1, 25));
        let packed = packed_at.unwrap_or_else(|| {
            if market {
                paid
            } else {
                paid + Duration::minutes(rng.between(180, 1800))
            }
        });
        let shipped = packed + Duration::minutes(if market { 1 } else { rng.between(30, 300) });
        let finished = shipped
            + if market {
                Duration::minutes(1)
            } else {
                Duration::hours(rng.between(60, 240))
            };
        Timeline {
            paid: within(paid),
            packed: within(packed),
            shipped: within(shipped),
            finished: within(finished),
        }
    }

    /// Records one order through its life. `take` allocates a line's stock at packing (lots,
    /// ledger rows) and returns its cost; `reserve` holds it when the order is only paid.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        tx: &Connection,
        rng: &mut Rng,
        summary: &mut GeneratedShop,
        at: DateTime<Utc>,
        source: &'static str,
        lines: &[Line],
        cancelled: bool,
        packed_at: Option<DateTime<Utc>>,
        stock: &mut TakeLine<'_>,
    ) -> Result<()> {
        self.orders += 1;
        let day = business_date(at);
        let buyer = self.buyer(rng, source);
        let market = source == "market";
        let remote = buyer.zone == 3;
        let shipping_fee_fen = match source {
            "market" => 0,
            "wechat" | "phone" if lines.iter().all(|l| l.quantity == 1) => 800,
            _ if remote => 1000,
            _ => 0,
        };
        let id = Id::generate();
        let t = self.timeline(rng, at, market, packed_at);
        let order = NewOrder {
            id,
            source: source.into(),
            platform_order_id: self.platform_id(rng, source, day),
            state: if t.paid.is_some() && !cancelled {
                "paid"
            } else {
                "waiting_payment"
            }
            .into(),
            buyer: buyer.name.clone(),
            recipient: buyer.recipient.clone(),
            shipping_fee_fen,
            buyer_note: String::new(),
            seller_note: String::new(),
            ordered_on: day,
            lines: lines
                .iter()
                .map(|l| {
                    let gross = l.item.price_fen * l.quantity;
                    NewOrderLine {
                        product: l.item.id,
                        quantity_milli: l.quantity * 1000,
                        stock_milli: l.quantity * l.item.stock_per_unit,
                        unit_price_fen: l.item.price_fen,
                        discount_fen: l.discount_fen.min(gross),
                        line_fen: gross - l.discount_fen.min(gross),
                    }
                })
                .collect(),
            masked: false,
            history: self.history,
            paid_at: if cancelled { None } else { t.paid },
            ship_by: None,
        };
        let number = orders::insert_order(tx, &order, at, ORIGIN)?;
        summary.orders += 1;
        let reference = id.to_string();
        if cancelled {
            // Not paid in time, or the buyer changed their mind before paying: closed.
            let closed = at + Duration::minutes(rng.between(20, 2880));
            if closed <= self.last_day {
                orders::set_state(
                    tx,
                    id,
                    "waiting_payment",
                    "cancelled",
                    "买家未付款，交易关闭",
                    closed,
                    ORIGIN,
                )?;
            }
            return Ok(());
        }
        let Some(paid) = t.paid else {
            return Ok(());
        };
        let Some(packed) = t.packed else {
            // Paid, waiting to be packed: its stock is reserved.
            for n in 0..lines.len() {
                let (_, rows) = stock(tx, &reference, &number, n, paid, true)?;
                summary.ledger_entries += rows;
            }
            return Ok(());
        };
        let mut goods_cost = 0;
        for n in 0..lines.len() {
            let (cost, rows) = stock(tx, &reference, &number, n, packed, false)?;
            goods_cost += cost;
            summary.ledger_entries += rows;
        }
        let weight: i64 = lines
            .iter()
            .map(|l| l.item.weight_grams * l.quantity)
            .sum::<i64>()
            + 250;
        let packed_by = rng.pick(self.packers).to_string();
        orders::set_packed(
            tx,
            id,
            Some(&Packed {
                packed_by: packed_by.clone(),
                weight_grams: Some(weight),
                goods_cost_fen: goods_cost,
                packaging_cost_fen: if market { 30 } else { 120 + weight * 50 / 1000 },
            }),
            packed,
            ORIGIN,
        )?;
        orders::set_state(tx, id, "paid", "packed", &packed_by, packed, ORIGIN)?;
        let Some(shipped) = t.shipped else {
            return Ok(());
        };
        if !market {
            let courier = if remote && rng.chance(300) {
                "EMS"
            } else {
                rng.weighted(&[
                    ("ZTO", 35),
                    ("YTO", 20),
                    ("YUNDA", 15),
                    ("STO", 10),
                    ("SF", 12),
                    ("JD", 4),
                    ("EMS", 4),
                ])
            };
            let n = self.orders;
            let waybill = match courier {
                "SF" => format!("SF{:013}", 1_400_000_000_000 + n),
                "ZTO" => format!("7{:013}", 5_000_000_000_000 + n),
                "YTO" => format!("YT{:013}", 7_000_000_000_000 + n),
                "STO" => format!("77{:013}", 3_000_000_000_000 + n),
                "YUNDA" => format!("43{:011}", n),
                "JD" => format!("JD{:013}", 1_000_000_000 + n),
                _ => format!("11{:011}", n),
            };
            let zone = buyer.zone;
            let kg_over = ((weight + 999) / 1000 - 1).max(0);
            let mut cost = [750, 850, 950, 1300][zone] + [80, 100, 120, 250][zone] * kg_over;
            if courier == "SF" {
                cost = cost * 3 / 2;
            }
            orders::set_shipped(tx, id, (courier, &waybill, cost), shipped, ORIGIN)?;
        } else {
            // Handed over at the market stall: no courier, nothing to pay one.
            tx.execute(
                "UPDATE orders SET shipping_cost_fen = 0 WHERE id = ?1",
                [id.to_string()],
            )
            .map_err(farmstall_store::StoreError::from)?;
        }
        orders::set_state(tx, id, "packed", "shipped", "", shipped, ORIGIN)?;
        let total = order.goods_fen() + shipping_fee_fen;
        // A few parcels arrive spoiled or crushed: the platform refunds in full and the
        // buyer keeps (or throws away) the fruit.
        if !market && rng.chance(25) {
            let refunded = shipped + Duration::hours(rng.between(30, 120));
            if refunded <= self.last_day && total > 0 {
                self.refund(tx, id, total, "到货破损，仅退款", refunded)?;
                orders::set_state(
                    tx,
                    id,
                    "shipped",
                    "refunded",
                    "到货破损，仅退款",
                    refunded,
                    ORIGIN,
                )?;
                return Ok(());
            }
        }
        let Some(finished) = t.finished else {
            return Ok(());
        };
        orders::set_state(tx, id, "shipped", "finished", "", finished, ORIGIN)?;
        // Now and then a few fruits were bad: part of the money back, the order stays done.
        if !market && rng.chance(20) {
            let back = (order.goods_fen() * rng.between(10, 30) / 100)
                .max(100)
                .min(total);
            let at = finished + Duration::hours(rng.between(1, 48));
            if at <= self.last_day && back > 0 {
                self.refund(tx, id, back, "部分坏果，部分退款", at)?;
            }
        }
        Ok(())
    }

    /// Money given back with no goods returned, recorded as `App::return_order` records it.
    fn refund(
        &self,
        tx: &Connection,
        order: Id,
        fen: i64,
        note: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        orders::insert_return(
            tx,
            &NewReturn {
                id: Id::generate(),
                order,
                refund_fen: fen,
                restocked_cost_fen: 0,
                written_off_cost_fen: 0,
                note: note.into(),
                lines: Vec::new(),
            },
            at,
            ORIGIN,
        )?;
        Ok(())
    }

    /// A box sold from one of the yearly products' lots at `packed` (already reserved and
    /// allocated by the caller, with the ledger rows `rows` posted under `reference`), as an
    /// order of its own.
    pub fn lot_sale(
        &mut self,
        tx: &Connection,
        rng: &mut Rng,
        summary: &mut GeneratedShop,
        item: Listed,
        packed: DateTime<Utc>,
        sell: &mut SellBox<'_>,
    ) -> Result<()> {
        let at = packed - Duration::minutes(rng.between(200, 1800));
        let source = rng.weighted(CHANNELS);
        let source = if source == "market" { "wechat" } else { source };
        let discount_fen = if rng.chance(200) { 300 } else { 0 };
        let lines = [Line {
            item,
            quantity: 1,
            discount_fen,
        }];
        self.record(
            tx,
            rng,
            summary,
            at,
            source,
            &lines,
            false,
            Some(packed),
            &mut |tx, reference, number, _, when, _| sell(tx, reference, number, when),
        )
    }
}

/// The staple products, listed in year one.
pub fn insert_staples(
    tx: &Connection,
    at: DateTime<Utc>,
    summary: &mut GeneratedShop,
) -> Result<Vec<Listed>> {
    let mut listed = Vec::new();
    for (n, s) in STAPLES.iter().enumerate() {
        let sale_unit = if s.size == 1 {
            Unit::Base(s.base)
        } else {
            Unit::boxed(s.size.into(), s.base).map_err(|e| AppError::Conflict(e.to_string()))?
        };
        let details = ProductDetails {
            name_zh: s.name.into(),
            name_en: Some(s.name_en.into()),
            sale_unit,
            stock_unit: Unit::Base(s.base),
            shelf_life_days: Some(s.shelf_days),
            price: Money::from_fen(s.price_fen),
            weight_grams: Some(s.weight_grams),
            kind: ProductKind::Goods,
            reorder_point_milli: None,
            barcode: Some(format!("6920000{:06}", n)),
        };
        let product = products::insert(tx, &details, at, ORIGIN)?;
        summary.products += 1;
        listed.push(Listed {
            id: product.id,
            stock_per_unit: i64::from(s.size) * 1000,
            price_fen: s.price_fen,
            weight_grams: s.weight_grams,
        });
    }
    Ok(listed)
}

/// An order planned for a day, before it is written.
struct Plan {
    at: DateTime<Utc>,
    source: &'static str,
    /// (staple index, quantity, discount)
    lines: Vec<(usize, i64, i64)>,
    cancelled: bool,
}

impl Sales {
    /// The staples' orders from `first` to the last day, a week at a time: the week's orders are
    /// planned, what they need is bought from the farmers the evening before (lots past their
    /// best-before are thrown away then), and the orders are written.
    #[allow(clippy::too_many_arguments)]
    pub fn staples(
        &mut self,
        tx: &Connection,
        rng: &mut Rng,
        summary: &mut GeneratedShop,
        listed: &[Listed],
        farmers_by_year: &[Vec<Id>],
        first: NaiveDate,
        orders_per_year: u32,
    ) -> Result<()> {
        let last = business_date(self.last_day);
        let days = (last - first).num_days().max(1);
        // Scale the products' rates so the whole run has the orders asked for.
        let mut raw = 0.0;
        for d in 0..=days {
            let day = first + Duration::days(d);
            let f = day_factor(day) * growth(first, day);
            for s in STAPLES {
                raw += s.rate * s.season[day.month0() as usize] * f;
            }
        }
        let wanted = f64::from(orders_per_year) * STAPLE_SHARE * (days as f64 + 1.0) / 365.0;
        let scale = if raw > 0.0 { wanted / raw } else { 0.0 };
        let mut held: Vec<VecDeque<HeldLot>> = STAPLES.iter().map(|_| VecDeque::new()).collect();
        let mut week = first;
        while week <= last {
            let mut plans = Vec::new();
            for d in 0..7 {
                let day = week + Duration::days(d);
                if day > last {
                    break;
                }
                let f = day_factor(day) * growth(first, day) * (0.85 + 0.3 * rng.unit());
                for (i, s) in STAPLES.iter().enumerate() {
                    let n = rng.poisson(s.rate * s.season[day.month0() as usize] * f * scale);
                    for _ in 0..n {
                        let hour = rng.weighted(&[
                            (0, 2),
                            (1, 1),
                            (6, 1),
                            (7, 2),
                            (8, 4),
                            (9, 5),
                            (10, 6),
                            (11, 6),
                            (12, 7),
                            (13, 6),
                            (14, 5),
                            (15, 5),
                            (16, 5),
                            (17, 5),
                            (18, 6),
                            (19, 8),
                            (20, 10),
                            (21, 11),
                            (22, 9),
                            (23, 5),
                        ]);
                        let at = midnight(day) + Duration::minutes(hour * 60 + rng.between(0, 59));
                        if at > self.last_day {
                            continue;
                        }
                        let source = rng.weighted(CHANNELS);
                        let platform = matches!(source, "taobao" | "pinduoduo" | "douyin");
                        let festival = day_factor(day) > 1.2;
                        let discount = |rng: &mut Rng| {
                            if platform && rng.chance(if festival { 600 } else { 200 }) {
                                rng.between(2, 10) * 100
                            } else {
                                0
                            }
                        };
                        let q = s.quantities[rng.below(s.quantities.len())];
                        let mut lines = vec![(i, q, discount(rng))];
                        // Pepper oil, tofu or dried kiwi added to the parcel now and then.
                        if rng.chance(120) {
                            let extra = [5, 6, 8][rng.below(3)];
                            if extra != i {
                                lines.push((extra, 1, 0));
                            }
                        }
                        plans.push(Plan {
                            at,
                            source,
                            lines,
                            cancelled: rng.chance(if platform { 70 } else { 15 }),
                        });
                    }
                }
            }
            plans.sort_by_key(|p| p.at);
            // Buy what the week needs the evening before it starts.
            let evening = midnight(week) - Duration::hours(2);
            let mut need = vec![0i64; STAPLES.len()];
            for p in plans.iter().filter(|p| !p.cancelled) {
                for &(i, q, _) in &p.lines {
                    need[i] += q * listed[i].stock_per_unit;
                }
            }
            let year = usize::try_from((week - first).num_days() / 365).unwrap_or(0);
            let farmers = &farmers_by_year[year.min(farmers_by_year.len() - 1)];
            for (i, s) in STAPLES.iter().enumerate() {
                let lots = &mut held[i];
                // What is past its best-before (and not promised to anyone) is thrown away.
                let today = business_date(evening);
                for lot in lots.iter_mut() {
                    if lot.best_before < today && lot.on_hand > 0 && lot.available == lot.on_hand {
                        stock::post(
                            tx,
                            &Movement {
                                lot: lot.id,
                                kind: "waste",
                                on_hand_milli: -lot.on_hand,
                                reserved_milli: 0,
                                cost_fen: -lot.cost,
                                reason: Some("spoiled"),
                                note: "",
                                reference: None,
                                business_date: today,
                            },
                            evening,
                            ORIGIN,
                        )?;
                        summary.ledger_entries += 1;
                        lot.on_hand = 0;
                        lot.available = 0;
                        lot.cost = 0;
                    }
                }
                lots.retain(|l| l.available > 0 || l.on_hand > 0);
                let have: i64 = lots.iter().map(|l| l.available).sum();
                if need[i] == 0 || have >= need[i] * 11 / 10 {
                    continue;
                }
                let unit = listed[i].stock_per_unit;
                let mut buy = (need[i] * 13 / 10 - have).max(s.batch_milli);
                buy = (buy + unit - 1) / unit * unit;
                let price_e4 = s.cost_e4 + s.cost_e4 * rng.between(0, 25) / 100;
                let cost_fen = (buy * price_e4 + 50_000) / 100_000;
                let fresh = s.shelf_days <= 30;
                // Kiwis out of season come out of cold storage: harvested last autumn.
                let harvested = if fresh && !(8..=11).contains(&week.month()) && s.season[9] > 1.0 {
                    let y = if week.month() >= 8 {
                        week.year()
                    } else {
                        week.year() - 1
                    };
                    NaiveDate::from_ymd_opt(y, 10, 15)
                } else {
                    Some(today)
                };
                let best_before = today + Duration::days(i64::from(s.shelf_days));
                let lot = NewLot {
                    id: Id::generate(),
                    product: listed[i].id,
                    line_no: 0,
                    grade: if fresh {
                        ["特级", "一级"][rng.below(2)]
                    } else {
                        ""
                    }
                    .to_string(),
                    harvested_on: harvested,
                    best_before: Some(best_before),
                    quantity_milli: buy,
                    entered_quantity: (buy / 1000).to_string(),
                    entered_unit: Unit::Base(s.base).code(),
                    unit_price_e4: price_e4,
                    cost_fen,
                };
                let purchase = NewPurchase {
                    id: Id::generate(),
                    farmer: farmers[rng.below(farmers.len())],
                    received_on: today,
                    payment: ["owed", "cash", "wechat", "alipay"][rng.below(4)].to_string(),
                    note: String::new(),
                    lots: vec![lot],
                };
                stock::insert_purchase(tx, &purchase, evening, ORIGIN)?;
                summary.purchases += 1;
                summary.lots += 1;
                summary.ledger_entries += 1;
                lots.push_back(HeldLot {
                    id: purchase.lots[0].id,
                    best_before,
                    on_hand: buy,
                    available: buy,
                    cost: cost_fen,
                });
            }
            for p in plans {
                let lines: Vec<Line> = p
                    .lines
                    .iter()
                    .map(|&(i, quantity, discount_fen)| Line {
                        item: listed[i],
                        quantity,
                        discount_fen,
                    })
                    .collect();
                let wanted: Vec<(usize, i64)> = p
                    .lines
                    .iter()
                    .map(|&(i, q, _)| (i, q * listed[i].stock_per_unit))
                    .collect();
                let held = &mut held;
                self.record(
                    tx,
                    rng,
                    summary,
                    p.at,
                    p.source,
                    &lines,
                    p.cancelled,
                    None,
                    &mut |tx, reference, number, n, when, reserve_only| {
                        let (i, milli) = wanted[n];
                        take(
                            tx,
                            &mut held[i],
                            reference,
                            number,
                            milli,
                            when,
                            reserve_only,
                        )
                    },
                )?;
            }
            week += Duration::days(7);
        }
        Ok(())
    }
}

/// The shop grows about a fifth a year.
fn growth(first: NaiveDate, day: NaiveDate) -> f64 {
    1.2f64.powf((day - first).num_days() as f64 / 365.0)
}

/// Takes `milli` from the lots first in, first out (they were bought a week apart with one
/// shelf life: first expiry first), as a reservation or as packing does; returns the cost that
/// left and the ledger rows written.
fn take(
    tx: &Connection,
    lots: &mut VecDeque<HeldLot>,
    reference: &str,
    number: &str,
    milli: i64,
    when: DateTime<Utc>,
    reserve_only: bool,
) -> Result<(i64, u32)> {
    let (mut left, mut cost, mut rows) = (milli, 0, 0);
    for lot in lots.iter_mut() {
        if left == 0 {
            break;
        }
        let piece = left.min(lot.available);
        if piece <= 0 {
            continue;
        }
        let fen = if reserve_only {
            0
        } else {
            cost_out(lot.cost, lot.on_hand, piece)
        };
        stock::post(
            tx,
            &Movement {
                lot: lot.id,
                kind: if reserve_only { "reserve" } else { "allocate" },
                on_hand_milli: if reserve_only { 0 } else { -piece },
                reserved_milli: if reserve_only { piece } else { 0 },
                cost_fen: -fen,
                reason: None,
                note: number,
                reference: Some(reference.to_string()),
                business_date: business_date(when),
            },
            when,
            ORIGIN,
        )?;
        rows += 1;
        lot.available -= piece;
        if !reserve_only {
            lot.on_hand -= piece;
            lot.cost -= fen;
        }
        cost += fen;
        left -= piece;
    }
    if left > 0 {
        return Err(AppError::Conflict(format!(
            "the generator bought too little for order {number}"
        )));
    }
    Ok((cost, rows))
}

/// The month's costs beside goods, packaging and shipping: the platforms' commission on what
/// they sold, advertising in the kiwi season, electricity (the cold store), the van, and new
/// equipment now and then. Written as the cost book's rows; returns how many.
pub fn expenses(
    tx: &Connection,
    rng: &mut Rng,
    first: NaiveDate,
    last_day: DateTime<Utc>,
) -> Result<u32> {
    let last = business_date(last_day);
    // Platform sales by month and platform, what was not refunded.
    let mut stmt = tx
        .prepare(
            "SELECT substr(ordered_on, 1, 7), source,
                    sum(goods_fen + shipping_fee_fen - refunded_fen)
             FROM orders
             WHERE source IN ('taobao', 'pinduoduo', 'douyin') AND state IN ('shipped', 'finished', 'refunded')
             GROUP BY 1, 2 ORDER BY 1, 2",
        )
        .map_err(farmstall_store::StoreError::from)?;
    let sales: Vec<(String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .map_err(farmstall_store::StoreError::from)?
        .collect::<std::result::Result<_, _>>()
        .map_err(farmstall_store::StoreError::from)?;
    let mut rows: Vec<(NaiveDate, &'static str, i64, String)> = Vec::new();
    for (month, source, fen) in &sales {
        let Ok(start) = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d") else {
            continue;
        };
        let month_end =
            (start + Duration::days(32)).with_day(1).unwrap_or(start) - Duration::days(1);
        let (rate, name) = match source.as_str() {
            "taobao" => (50, "淘宝技术服务费"),
            "pinduoduo" => (40, "拼多多技术服务费"),
            _ => (60, "抖店佣金"),
        };
        let fee = fen * rate / 1000;
        if fee > 0 {
            rows.push((
                month_end.min(last),
                "platform_fees",
                fee,
                format!("{month} {name}"),
            ));
        }
        // Paid search and live-stream promotion in the season and before the festivals.
        let m = start.month();
        if matches!(m, 6 | 9 | 10 | 11 | 12 | 1) && fee > 0 {
            let ad = fen * rng.between(20, 45) / 1000;
            let ad_name = match source.as_str() {
                "taobao" => "直通车推广",
                "pinduoduo" => "多多搜索推广",
                _ => "巨量千川投放",
            };
            let day = start + Duration::days(rng.between(0, 20));
            if day <= last && ad > 0 {
                rows.push((day, "advertising", ad, format!("{month} {ad_name}")));
            }
        }
    }
    let mut month = first.with_day(1).unwrap_or(first);
    while month <= last {
        let m = month.month();
        let end = ((month + Duration::days(32)).with_day(1).unwrap_or(month) - Duration::days(1))
            .min(last);
        // The cold store runs from the harvest through the winter.
        let power = if matches!(m, 9..=12 | 1..=3) {
            rng.between(1800, 3200)
        } else {
            rng.between(400, 800)
        };
        rows.push((
            end,
            "electricity",
            power * 100,
            format!("{} 电费（冷库）", month.format("%Y-%m")),
        ));
        rows.push((
            month + Duration::days(rng.between(3, 25)).min(end - month),
            "vehicle",
            rng.between(500, 1100) * 100,
            "面包车加油、过路费".into(),
        ));
        if m == 3 {
            rows.push((
                month + Duration::days(9).min(end - month),
                "vehicle",
                386_000,
                "面包车年度保险".into(),
            ));
        }
        if rng.chance(250) {
            let (what, low, high) = [
                ("电子秤", 300, 900),
                ("热敏标签打印机", 400, 1200),
                ("封箱机", 800, 2600),
                ("冷库压缩机维修", 1500, 6000),
                ("周转筐一批", 500, 1500),
            ][rng.below(5)];
            rows.push((
                month + Duration::days(rng.between(0, 27)).min(end - month),
                "equipment",
                rng.between(low, high) * 100,
                what.into(),
            ));
        }
        month = (month + Duration::days(32))
            .with_day(1)
            .unwrap_or(last + Duration::days(1));
    }
    let mut insert = tx
        .prepare(
            "INSERT INTO expenses (id, spent_on, category, amount_fen, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        )
        .map_err(farmstall_store::StoreError::from)?;
    let mut count = 0;
    for (day, category, fen, note) in rows {
        let id = Id::generate();
        let at = (midnight(day) + Duration::hours(20)).min(last_day);
        let stamp = farmstall_store::sql::instant_to_text(at);
        insert
            .execute(farmstall_store::rusqlite::params![
                id.to_string(),
                day.format("%Y-%m-%d").to_string(),
                category,
                fen,
                note,
                stamp
            ])
            .map_err(farmstall_store::StoreError::from)?;
        changes::record(
            tx,
            at,
            ORIGIN,
            "expense",
            &id.to_string(),
            changes::Action::Create,
            &serde_json::json!({
                "spentOn": day.format("%Y-%m-%d").to_string(),
                "category": category,
                "amountFen": fen,
                "note": note,
            }),
        )?;
        count += 1;
    }
    Ok(count)
}

/// A product of the demo shop its past season's orders sell: what it is, how many orders a
/// day it gets at the season's height, and what a stock unit cost (ten-thousandths of a yuan).
#[derive(Debug, Clone, Copy)]
pub struct PastItem {
    pub item: Listed,
    pub rate: f64,
    pub cost_e4: i64,
}

/// Orders of a season already over: from `from` to `to`, sales history (they moved no stock:
/// their goods came from lots sold out before the shop's stock was kept here), each with its
/// lines, the cost of its goods at `cost_e4`, packaging and courier costs, and the states of
/// orders long done: finished, a few cancelled before payment, a few refunded. Returns how
/// many orders were written.
pub fn past_season(
    tx: &Connection,
    seed: u64,
    items: &[PastItem],
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> Result<u32> {
    let mut rng = Rng(seed);
    let mut sales = Sales::new(now);
    sales.history = true;
    // Helpers taken on for the harvest, not the family members on the payroll.
    sales.packers = &["帮工小罗", "帮工小田"];
    let mut summary = GeneratedShop::default();
    let mut day = from;
    while day <= to {
        let f = day_factor(day) * KIWI[day.month0() as usize] / 3.0;
        let mut plans = Vec::new();
        for (i, p) in items.iter().enumerate() {
            for _ in 0..rng.poisson(p.rate * f) {
                let at = midnight(day) + Duration::minutes(rng.between(7 * 60, 23 * 60 + 50));
                // Every past order went by courier: the market's are in the fortnight.
                let source = match rng.weighted(CHANNELS) {
                    "market" => "wechat",
                    other => other,
                };
                let mut lines = vec![(i, *[1, 1, 1, 2].get(rng.below(4)).unwrap_or(&1), 0)];
                if rng.chance(150) && i + 1 < items.len() {
                    lines.push((items.len() - 1, 1, 0));
                }
                let platform = matches!(source, "taobao" | "pinduoduo" | "douyin");
                plans.push((
                    at,
                    source,
                    lines,
                    rng.chance(if platform { 60 } else { 10 }),
                ));
            }
        }
        plans.sort_by_key(|p| p.0);
        for (at, source, lines, cancelled) in plans {
            let recorded: Vec<Line> = lines
                .iter()
                .map(|&(i, quantity, discount_fen)| Line {
                    item: items[i].item,
                    quantity,
                    discount_fen,
                })
                .collect();
            sales.record(
                tx,
                &mut rng,
                &mut summary,
                at,
                source,
                &recorded,
                cancelled,
                None,
                &mut |_, _, _, n, _, _| {
                    let (i, quantity, _) = lines[n];
                    let milli = quantity * items[i].item.stock_per_unit;
                    Ok(((milli * items[i].cost_e4 + 50_000) / 100_000, 0))
                },
            )?;
        }
        day += Duration::days(1);
    }
    Ok(summary.orders)
}
