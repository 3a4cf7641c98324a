//! Made-up Taobao export pairs for benchmarks and tests: GBK, with the quirks of the real files
//! (`="..."` ids, a header with a trailing space, phones with a `'`, lines without a code, several
//! lines for about 40% of orders). Deterministic: a tiny LCG, the same seed gives the same bytes.

use crate::InputFile;

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

pub(crate) const ORDER_HEADERS: &[&str] = &[
    "订单编号",
    "买家会员名",
    "买家应付货款",
    "买家应付邮费",
    "总金额",
    "买家实际支付金额",
    "订单状态",
    "买家留言",
    "收货人姓名",
    "收货地址 ",
    "运送方式",
    "联系电话 ",
    "联系手机",
    "订单创建时间",
    "订单付款时间 ",
    "宝贝标题 ",
    "宝贝种类 ",
    "物流单号 ",
    "物流公司",
    "订单备注",
    "宝贝总数量",
    "店铺名称",
    "订单关闭原因",
    "修改后的收货地址",
    "退款金额",
];

pub(crate) const DETAIL_HEADERS: &[&str] = &[
    "订单编号",
    "标题",
    "价格",
    "购买数量",
    "外部系统编号",
    "商品属性",
    "套餐信息",
    "备注",
    "订单状态",
    "商家编码",
];

/// One CSV field, quoted when it must be; Taobao writes its `="..."` ids bare.
pub(crate) fn field(text: &str) -> String {
    let bare_formula = text.starts_with("=\"") && !text.contains(',');
    if !bare_formula && text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub(crate) fn line(cells: &[String]) -> String {
    let mut s = cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(",");
    s.push_str("\r\n");
    s
}

/// A Taobao order list and its line details for `orders` made-up orders, GBK encoded; lines take
/// their 商家编码 from `codes` (every seventh line has none).
pub fn synth_taobao_pair(orders: usize, codes: &[&str], seed: u64) -> (InputFile, InputFile) {
    let mut rng = Lcg(seed ^ 0x9E37_79B9_7F4A_7C15);
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    let given = ["芳", "伟", "秀英", "敏", "静", "磊", "洋", "艳", "勇", "军"];
    let places = [
        "浙江省 杭州市 西湖区 文三路",
        "江苏省 南京市 鼓楼区 中山北路",
        "广东省 深圳市 南山区 科技园路",
        "上海 上海市 浦东新区 张江路",
        "四川省 成都市 武侯区 人民南路",
        "北京 北京市 朝阳区 望京街",
    ];
    let titles = [
        ("修文猕猴桃 特级大果 5斤装 新鲜现摘", "68.00"),
        ("修文猕猴桃 一级中果 10斤装", "88.00"),
        ("农家手工石磨豆腐 现做", "8.00"),
        ("手工油泼辣椒 250克 香辣", "25.00"),
        ("糍粑辣椒 500克", "32.00"),
    ];
    let statuses = [
        "买家已付款，等待卖家发货",
        "买家已付款，等待卖家发货",
        "买家已付款，等待卖家发货",
        "卖家已发货，等待买家确认",
        "交易成功",
        "等待买家付款",
        "交易关闭",
    ];
    let mut list = line(
        &ORDER_HEADERS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    let mut details = line(
        &DETAIL_HEADERS
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    );
    let mut line_no = 0usize;
    for n in 0..orders {
        let id = format!(
            "{}",
            3_100_000_000_000_000_000u64 + seed % 1000 * 1_000_000 + n as u64
        );
        let count = if rng.below(10) < 4 {
            2 + rng.below(2)
        } else {
            1
        };
        let status = rng.pick(&statuses);
        let mut goods_fen = 0u64;
        let mut total_qty = 0u64;
        let mut first_title = String::new();
        for _ in 0..count {
            let (title, price) = titles[rng.below(titles.len() as u64) as usize];
            let qty = 1 + rng.below(3);
            let price_fen: u64 = price.replace('.', "").parse().unwrap_or(0);
            goods_fen += price_fen * qty;
            total_qty += qty;
            if first_title.is_empty() {
                first_title = title.to_string();
            }
            let code = if codes.is_empty() || line_no % 7 == 6 {
                String::new()
            } else {
                codes[line_no % codes.len()].to_string()
            };
            line_no += 1;
            details.push_str(&line(&[
                format!("=\"{id}\""),
                title.to_string(),
                price.to_string(),
                qty.to_string(),
                String::new(),
                "颜色分类：默认".to_string(),
                String::new(),
                String::new(),
                status.to_string(),
                code,
            ]));
        }
        let post_fen = if rng.below(3) == 0 { 1000 } else { 0 };
        let unpaid = status == "等待买家付款" || (status == "交易关闭" && rng.below(2) == 0);
        let yuan = |fen: u64| format!("{}.{:02}", fen / 100, fen % 100);
        let paid_fen = if unpaid { 0 } else { goods_fen + post_fen };
        let day = 25 + rng.below(12);
        let (month, day) = if day > 30 { (12, day - 30) } else { (11, day) };
        let created = format!(
            "2026-{month:02}-{day:02} {:02}:{:02}:{:02}",
            8 + rng.below(14),
            rng.below(60),
            rng.below(60)
        );
        let paid_at = if unpaid {
            String::new()
        } else {
            created.clone()
        };
        let name = format!("{}{}", rng.pick(&surnames), rng.pick(&given));
        let phone = format!("'1{}{:08}", 3 + rng.below(7), rng.below(100_000_000));
        let address = format!(
            "{} {}号({}0{})",
            rng.pick(&places),
            1 + rng.below(300),
            100 + rng.below(800),
            10 + rng.below(89)
        );
        let shipped = matches!(status, "卖家已发货，等待买家确认" | "交易成功");
        list.push_str(&line(&[
            format!("=\"{id}\""),
            format!("buyer_{:04}", rng.below(10_000)),
            yuan(goods_fen),
            yuan(post_fen),
            yuan(goods_fen + post_fen),
            yuan(paid_fen),
            status.to_string(),
            if rng.below(5) == 0 {
                "请挑大一点的".to_string()
            } else {
                String::new()
            },
            name,
            address,
            "快递".to_string(),
            String::new(),
            phone,
            created,
            paid_at,
            first_title,
            count.to_string(),
            if shipped {
                format!("=\"7531{:08}\"", rng.below(100_000_000))
            } else {
                String::new()
            },
            if shipped { "中通快递" } else { "" }.to_string(),
            String::new(),
            total_qty.to_string(),
            "黔山果园农家小店".to_string(),
            if status == "交易关闭" {
                "买家不想买了"
            } else {
                ""
            }
            .to_string(),
            String::new(),
            "0.00".to_string(),
        ]));
    }
    let stamp = 202_612_061_030u64 + seed % 10;
    (
        InputFile {
            name: format!("ExportOrderList{stamp}.csv"),
            bytes: encoding_rs::GBK.encode(&list).0.into_owned(),
        },
        InputFile {
            name: format!("ExportOrderDetailList{stamp}.csv"),
            bytes: encoding_rs::GBK.encode(&details).0.into_owned(),
        },
    )
}
