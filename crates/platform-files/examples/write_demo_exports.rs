//! Writes the demo kiwi shop's platform export files (made-up buyers, 2026-11-25..2026-12-06)
//! into `assets/demo/exports/`, in the encodings and with the quirks of the real exports, and
//! `mappings.json` (商家编码 → demo product). Run again after changing a row:
//! `cargo run --example write_demo_exports -p farmstall-platform-files`.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

/// 商家编码 → (exact demo product name_zh, platform pieces per sale unit, unit price).
const PRODUCTS: &[(&str, &str, &str, &str)] = &[
    ("KIWI-T5", "修文猕猴桃 特级大果 5斤装", "1", "68.00"),
    ("KIWI-T10", "修文猕猴桃 特级大果 10斤装", "1", "128.00"),
    ("KIWI-Y5", "修文猕猴桃 一级中果 5斤装", "1", "48.80"),
    ("KIWI-Y10", "修文猕猴桃 一级中果 10斤装", "1", "88.00"),
    ("KIWI-J5", "修文猕猴桃 家庭装小果 5斤装", "1", "29.90"),
    ("KIWI-J10", "修文猕猴桃 家庭装小果 10斤装", "1", "52.00"),
    ("DF-01", "农家手工石磨豆腐", "1", "8.00"),
    ("DFG-500", "农家烟熏豆腐干 500克", "1", "26.00"),
    ("LJ-YP250", "手工油泼辣椒 250克", "1", "25.00"),
    ("LJ-YP250-2", "手工油泼辣椒 250克", "2", "48.00"),
    ("LJ-CB500", "糍粑辣椒 500克", "1", "32.00"),
];

/// The listing title a platform shows for a code.
fn title(code: &str) -> String {
    match code {
        "KIWI-T5" => "贵州修文猕猴桃 特级大果 5斤装 新鲜现摘 顺丰包邮".into(),
        "KIWI-T10" => "贵州修文猕猴桃 特级大果 10斤整箱 当季现摘".into(),
        "KIWI-Y5" => "修文猕猴桃 一级中果 5斤装 绿心奇异果".into(),
        "KIWI-Y10" => "修文猕猴桃 一级中果 10斤装 家庭分享".into(),
        "KIWI-J5" => "修文猕猴桃 家庭装小果 5斤 自家吃实惠".into(),
        "KIWI-J10" => "修文猕猴桃 家庭装小果 10斤 实惠装".into(),
        "DF-01" => "农家手工石磨豆腐 现做现发".into(),
        "DFG-500" => "贵州农家烟熏豆腐干 500克 柴火熏制".into(),
        "LJ-YP250" => "手工油泼辣椒 250克 贵州香辣".into(),
        "LJ-YP250-2" => "手工油泼辣椒 250克×2瓶 组合装".into(),
        "LJ-CB500" => "贵州糍粑辣椒 500克 农家手工".into(),
        other => other.into(),
    }
}

fn sku(code: &str) -> &'static str {
    match code {
        c if c.ends_with("T5") || c.ends_with("Y5") || c.ends_with("J5") => "重量：5斤装",
        c if c.ends_with("10") => "重量：10斤装",
        "LJ-YP250-2" => "规格：250克×2瓶",
        "LJ-YP250" => "规格：250克",
        "LJ-CB500" | "DFG-500" => "规格：500克",
        _ => "",
    }
}

fn price_fen(code: &str) -> u64 {
    PRODUCTS
        .iter()
        .find(|p| p.0 == code)
        .map(|p| p.3.replace('.', "").parse().unwrap_or(0))
        .unwrap_or(0)
}

fn yuan(fen: u64) -> String {
    format!("{}.{:02}", fen / 100, fen % 100)
}

struct Buyer {
    nick: &'static str,
    name: &'static str,
    phone: &'static str,
    address: &'static str,
    postcode: &'static str,
}

const BUYERS: &[Buyer] = &[
    Buyer {
        nick: "tb_lin_mei",
        name: "林小美",
        phone: "13800001101",
        address: "浙江省 杭州市 西湖区 文三路 188号 2幢 501室",
        postcode: "310012",
    },
    Buyer {
        nick: "周先生88",
        name: "周建国",
        phone: "13900002202",
        address: "江苏省 南京市 鼓楼区 中山北路 8号",
        postcode: "210009",
    },
    Buyer {
        nick: "小雨点2026",
        name: "赵雨",
        phone: "13700003303",
        address: "广东省 深圳市 南山区 科技园路 1号 A座",
        postcode: "518057",
    },
    Buyer {
        nick: "chen_home",
        name: "陈静",
        phone: "13600004404",
        address: "上海 上海市 浦东新区 张江路 99弄 5号 1202室",
        postcode: "201203",
    },
    Buyer {
        nick: "吃货阿强",
        name: "黄强",
        phone: "15800005505",
        address: "四川省 成都市 武侯区 人民南路四段 12号",
        postcode: "610041",
    },
    Buyer {
        nick: "hm_wu",
        name: "吴海燕",
        phone: "18600006606",
        address: "北京 北京市 朝阳区 望京街 10号院 3号楼",
        postcode: "100102",
    },
    Buyer {
        nick: "山水间",
        name: "刘芳",
        phone: "13500007707",
        address: "湖南省 长沙市 岳麓区 麓山南路 2号",
        postcode: "410082",
    },
    Buyer {
        nick: "老杨家",
        name: "杨国庆",
        phone: "13300008808",
        address: "贵州省 贵阳市 云岩区 中华北路 200号",
        postcode: "550001",
    },
    Buyer {
        nick: "kiwi_lover",
        name: "孙丽",
        phone: "15900009909",
        address: "重庆 重庆市 渝中区 民族路 1号",
        postcode: "400010",
    },
    Buyer {
        nick: "郑大姐",
        name: "郑桂兰",
        phone: "13100001010",
        address: "河南省 郑州市 金水区 花园路 66号",
        postcode: "450003",
    },
    Buyer {
        nick: "morning_tea",
        name: "何晓东",
        phone: "17700001111",
        address: "广东省 广州市 天河区 天河北路 233号",
        postcode: "510620",
    },
    Buyer {
        nick: "阿珍爱水果",
        name: "马珍",
        phone: "15000001212",
        address: "湖北省 武汉市 洪山区 珞喻路 129号",
        postcode: "430079",
    },
];

/// CSV as the seller centres write it: a field quoted only when it holds a comma, quote or line
/// break, except Taobao's `="..."` ids, which are written bare.
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let bare_formula = c.starts_with("=\"") && !c.contains(',');
                if !bare_formula && c.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable, "a character GBK cannot hold");
    bytes.into_owned()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("wrote {}", path.display());
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// One demo order: lines (code, quantity; "" code = a listing without 商家编码), status, day in
/// the 12-day window (0 = 2026-11-25), hour, buyer index.
struct Spec {
    lines: &'static [(&'static str, u64)],
    status: &'static str,
    day: u32,
    hour: u32,
    buyer: usize,
    post_fen: u64,
}

fn at(day: u32, hour: u32, minute: u32) -> String {
    let (month, d) = if day < 6 {
        (11, 25 + day)
    } else {
        (12, day - 5)
    };
    format!(
        "2026-{month:02}-{d:02} {hour:02}:{minute:02}:{:02}",
        (day * 7 + hour) % 60
    )
}

fn taobao(dir: &Path) {
    let specs: &[Spec] = &[
        Spec {
            lines: &[("KIWI-T5", 1)],
            status: "交易成功",
            day: 0,
            hour: 9,
            buyer: 0,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-T10", 1), ("LJ-YP250", 2)],
            status: "交易成功",
            day: 1,
            hour: 20,
            buyer: 1,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-Y5", 2)],
            status: "卖家已发货，等待买家确认",
            day: 4,
            hour: 11,
            buyer: 2,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-J10", 1), ("", 1)],
            status: "卖家已发货，等待买家确认",
            day: 5,
            hour: 15,
            buyer: 3,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-T5", 2)],
            status: "买家已付款，等待卖家发货",
            day: 9,
            hour: 8,
            buyer: 4,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-Y10", 1), ("DFG-500", 2), ("LJ-CB500", 1)],
            status: "买家已付款，等待卖家发货",
            day: 10,
            hour: 10,
            buyer: 5,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-J5", 3)],
            status: "买家已付款，等待卖家发货",
            day: 10,
            hour: 21,
            buyer: 6,
            post_fen: 0,
        },
        Spec {
            lines: &[("LJ-YP250-2", 1)],
            status: "买家已付款，等待卖家发货",
            day: 11,
            hour: 7,
            buyer: 7,
            post_fen: 800,
        },
        Spec {
            lines: &[("KIWI-T10", 1)],
            status: "买家已付款，等待卖家发货",
            day: 11,
            hour: 9,
            buyer: 8,
            post_fen: 0,
        },
        Spec {
            lines: &[("", 2)],
            status: "买家已付款，等待卖家发货",
            day: 11,
            hour: 9,
            buyer: 9,
            post_fen: 0,
        },
        Spec {
            lines: &[("KIWI-Y5", 1)],
            status: "等待买家付款",
            day: 11,
            hour: 10,
            buyer: 10,
            post_fen: 0,
        },
        Spec {
            lines: &[("DF-01", 4)],
            status: "交易关闭",
            day: 7,
            hour: 18,
            buyer: 11,
            post_fen: 1000,
        },
    ];
    let order_headers = [
        "订单编号",
        "买家会员名",
        "买家支付宝账号",
        "买家应付货款",
        "买家应付邮费",
        "买家支付积分",
        "总金额",
        "返点积分",
        "买家实际支付金额",
        "买家实际支付积分",
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
        "店铺Id",
        "店铺名称",
        "订单关闭原因",
        "卖家服务费",
        "买家服务费",
        "发票抬头",
        "是否手机订单",
        "修改后的sku",
        "修改后的收货地址",
        "异常信息",
        "退款金额",
    ];
    let detail_headers = [
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
    let mut orders = vec![strings(&order_headers)];
    let mut details = vec![strings(&detail_headers)];
    for (n, s) in specs.iter().enumerate() {
        let id = format!(
            "41873{:02}{:02}2900{:06}",
            s.day + 10,
            s.hour,
            318_417 + n * 7919
        );
        let b = &BUYERS[s.buyer];
        let mut goods = 0;
        let mut pieces = 0;
        for (code, qty) in s.lines {
            // A listing without 商家编码: the family's honey-pomelo-style odd listing, here a
            // kiwi gift box nobody gave a code.
            let (line_title, price) = if code.is_empty() {
                ("修文猕猴桃 礼盒装 5斤 送长辈".to_string(), 7800)
            } else {
                (title(code), price_fen(code))
            };
            goods += price * qty;
            pieces += qty;
            details.push(vec![
                format!("=\"{id}\""),
                line_title,
                yuan(price),
                qty.to_string(),
                String::new(),
                if code.is_empty() {
                    "规格：礼盒装".into()
                } else {
                    sku(code).to_string()
                },
                String::new(),
                String::new(),
                s.status.to_string(),
                code.to_string(),
            ]);
        }
        let unpaid = matches!(s.status, "等待买家付款" | "交易关闭");
        let created = at(s.day, s.hour, 12 + n as u32);
        let paid_at = if unpaid {
            String::new()
        } else {
            at(s.day, s.hour, 14 + n as u32)
        };
        let shipped = matches!(s.status, "交易成功" | "卖家已发货，等待买家确认");
        let first = s.lines[0].0;
        let first_title = if first.is_empty() {
            "修文猕猴桃 礼盒装 5斤 送长辈".to_string()
        } else {
            title(first)
        };
        orders.push(vec![
            format!("=\"{id}\""),
            b.nick.into(),
            String::new(),
            yuan(goods),
            yuan(s.post_fen),
            "0".into(),
            yuan(goods + s.post_fen),
            "0".into(),
            yuan(if unpaid { 0 } else { goods + s.post_fen }),
            "0".into(),
            s.status.into(),
            if n == 4 {
                "要大果，送人的，谢谢！".into()
            } else {
                String::new()
            },
            b.name.into(),
            format!("{}({})", b.address, b.postcode),
            "快递".into(),
            String::new(),
            format!("'{}", b.phone),
            created,
            paid_at,
            first_title,
            s.lines.len().to_string(),
            if shipped {
                format!("=\"SF14{:011}\"", 20_261_125 + n * 3)
            } else {
                String::new()
            },
            if shipped {
                "顺丰速运".into()
            } else {
                String::new()
            },
            if n == 5 {
                "老客户，多送一包辣椒".into()
            } else {
                String::new()
            },
            pieces.to_string(),
            "80012345".into(),
            "黔山果园农家小店".into(),
            if s.status == "交易关闭" {
                "买家不想买了".into()
            } else {
                String::new()
            },
            "0".into(),
            "0.00元".into(),
            String::new(),
            "手机订单".into(),
            String::new(),
            String::new(),
            String::new(),
            "0.00".into(),
        ]);
    }
    write(
        dir,
        "taobao/ExportOrderList202612061030.csv",
        &gbk(&csv_text(&orders)),
    );
    write(
        dir,
        "taobao/ExportOrderDetailList202612061030.csv",
        &gbk(&csv_text(&details)),
    );
}

fn taobao_desensitised(dir: &Path) {
    let headers = [
        "订单编号",
        "支付单号",
        "买家应付货款",
        "买家应付邮费",
        "总金额",
        "买家实付金额",
        "订单状态",
        "收货地址",
        "运送方式",
        "订单创建时间",
        "商品标题",
        "宝贝种类",
        "物流单号",
        "物流公司",
        "备注标签",
        "商家备注",
        "宝贝总数量",
        "开票信息",
        "手机订单",
        "商品属性SKU",
        "发货时间",
    ];
    // (codes, total pieces, status, day, address)
    let specs: &[(&[&str], u64, &str, u32, &str)] = &[
        (
            &["KIWI-T5"],
            1,
            "买家已付款，等待卖家发货",
            10,
            "江苏省 南京市 建邺区 沙洲街道****",
        ),
        (
            &["KIWI-Y10"],
            1,
            "买家已付款，等待卖家发货",
            10,
            "浙江省 宁波市 鄞州区 钟公庙街道****",
        ),
        (
            &["KIWI-T5", "LJ-CB500"],
            2,
            "买家已付款，等待卖家发货",
            11,
            "山东省 青岛市 市南区 八大关街道****",
        ),
        (
            &["KIWI-J10"],
            2,
            "卖家已发货，等待买家确认",
            8,
            "福建省 厦门市 思明区 鹭江街道****",
        ),
        (
            &["DFG-500"],
            3,
            "交易成功",
            2,
            "安徽省 合肥市 蜀山区 三里庵街道****",
        ),
        (
            &["KIWI-T10"],
            1,
            "等待买家付款",
            11,
            "陕西省 西安市 雁塔区 小寨路街道****",
        ),
    ];
    let mut book = Workbook::new();
    // A fixed creation time: the same rows give the same bytes, so a re-run changes nothing.
    let created = rust_xlsxwriter::ExcelDateTime::parse_from_str("2026-12-06T10:30:00")
        .unwrap_or_else(|e| panic!("{e}"));
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let sheet = book.add_worksheet();
    for (c, h) in headers.iter().enumerate() {
        sheet
            .write_string(0, c as u16, *h)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (n, (codes, pieces, status, day, address)) in specs.iter().enumerate() {
        // A joined order: the titles with commas, the total quantity; each product once.
        let goods: u64 = codes.iter().map(|c| price_fen(c)).sum::<u64>()
            + if codes.len() == 1 {
                price_fen(codes[0]) * (pieces - 1)
            } else {
                0
            };
        let unpaid = *status == "等待买家付款";
        let shipped = matches!(*status, "交易成功" | "卖家已发货，等待买家确认");
        let row = n as u32 + 1;
        let cells: Vec<String> = vec![
            format!(
                "42015{:02}{:02}3100{:06}",
                day + 10,
                n + 8,
                521_003 + n * 104_729
            ),
            format!(
                "202612{:02}22001{:011}",
                (day + 25) % 30 + 1,
                88_000_000 + n
            ),
            yuan(goods),
            "0.00".into(),
            yuan(goods),
            yuan(if unpaid { 0 } else { goods }),
            status.to_string(),
            address.to_string(),
            "快递".into(),
            at(*day, 9 + n as u32, 5 * n as u32),
            codes.iter().map(|c| title(c)).collect::<Vec<_>>().join(","),
            codes.len().to_string(),
            if shipped {
                format!("SF14{:011}", 30_261_125 + n)
            } else {
                String::new()
            },
            if shipped {
                "顺丰速运".into()
            } else {
                String::new()
            },
            String::new(),
            if codes.len() > 1 {
                "两样东西，一起发".into()
            } else {
                String::new()
            },
            pieces.to_string(),
            String::new(),
            "手机订单".into(),
            if codes.len() == 1 {
                sku(codes[0]).to_string()
            } else {
                String::new()
            },
            if shipped {
                at(*day + 1, 14, 0)
            } else {
                String::new()
            },
        ];
        for (c, v) in cells.iter().enumerate() {
            let numeric = matches!(c, 11 | 16);
            let result = if numeric {
                sheet
                    .write_number(row, c as u16, v.parse::<f64>().unwrap_or(0.0))
                    .map(|_| ())
            } else {
                sheet.write_string(row, c as u16, v).map(|_| ())
            };
            result.unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let bytes = book.save_to_buffer().unwrap_or_else(|e| panic!("{e}"));
    write(dir, "taobao/淘宝订单导出_脱敏_20261206.xlsx", &bytes);
}

/// (SKU code, product code, pieces, status, after-sale, day, shop discount fen, platform
/// discount fen)
type PddSpec = (
    &'static str,
    &'static str,
    u64,
    &'static str,
    &'static str,
    u32,
    u64,
    u64,
);

/// (lines (code, pieces), status, day, encrypted recipient, freight fen)
type DouyinSpec = (&'static [(&'static str, u64)], &'static str, u32, bool, u64);

fn pinduoduo(dir: &Path) {
    let headers = [
        "商品",
        "订单号",
        "订单状态",
        "商品总价(元)",
        "邮费(元)",
        "店铺优惠折扣(元)",
        "平台优惠折扣(元)",
        "用户实付金额(元)",
        "商家实收金额(元)",
        "商品数量(件)",
        "收货人",
        "手机",
        "省",
        "市",
        "区",
        "街道",
        "发货时间",
        "确认收货时间",
        "商品id",
        "商品规格",
        "商家编码-规格维度",
        "商家编码-商品维度",
        "商家备注",
        "售后状态",
        "快递单号",
        "快递公司",
        "订单成交时间",
    ];
    // (sku code, product code, pieces, status, after-sale, day, shop discount fen, platform discount fen)
    let specs: &[PddSpec] = &[
        (
            "KIWI-J5",
            "KIWI-J",
            1,
            "已签收",
            "无售后或售后取消",
            1,
            0,
            200,
        ),
        (
            "KIWI-J10",
            "KIWI-J",
            1,
            "已发货，待收货",
            "无售后或售后取消",
            6,
            300,
            0,
        ),
        (
            "",
            "KIWI-Y5",
            2,
            "已发货，待收货",
            "无售后或售后取消",
            7,
            0,
            0,
        ),
        (
            "KIWI-J5",
            "KIWI-J",
            2,
            "待发货",
            "无售后或售后取消",
            9,
            500,
            300,
        ),
        ("LJ-CB500", "", 1, "待发货", "无售后或售后取消", 10, 0, 0),
        (
            "KIWI-J10",
            "KIWI-J",
            1,
            "待发货",
            "无售后或售后取消",
            10,
            0,
            0,
        ),
        ("DFG-500", "", 2, "待发货", "无售后或售后取消", 11, 200, 0),
        (
            "KIWI-Y10",
            "KIWI-Y",
            1,
            "待发货",
            "无售后或售后取消",
            11,
            0,
            500,
        ),
        (
            "KIWI-J5",
            "KIWI-J",
            1,
            "待发货",
            "无售后或售后取消",
            11,
            0,
            0,
        ),
        ("LJ-YP250", "", 2, "已取消", "退款成功", 3, 0, 0),
    ];
    let places = [
        ("河北省", "石家庄市", "长安区", "中山东路****"),
        ("山西省", "太原市", "小店区", "长治路****"),
        ("辽宁省", "沈阳市", "和平区", "南京北街****"),
        ("吉林省", "长春市", "朝阳区", "红旗街****"),
        ("江西省", "南昌市", "东湖区", "八一大道****"),
        ("广西壮族自治区", "南宁市", "青秀区", "民族大道****"),
        ("云南省", "昆明市", "盘龙区", "北京路****"),
        ("甘肃省", "兰州市", "城关区", "张掖路****"),
        ("天津", "天津市", "南开区", "鞍山西道****"),
        ("海南省", "海口市", "美兰区", "海甸岛****"),
    ];
    let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    let mut rows = vec![strings(&headers)];
    for (n, (sku_code, product_code, pieces, status, after, day, shop_fen, platform_fen)) in
        specs.iter().enumerate()
    {
        let code = if sku_code.is_empty() {
            *product_code
        } else {
            *sku_code
        };
        let total = price_fen(code) * pieces;
        let paid = total - shop_fen - platform_fen;
        let received = total - shop_fen;
        let (province, city, district, street) = places[n];
        let shipped = matches!(*status, "已签收" | "已发货，待收货");
        rows.push(vec![
            title(code),
            format!(
                "2612{:02}-{:015}",
                day % 30 + 1,
                480_000_000_000_000u64 + n as u64 * 7_654_321
            ),
            status.to_string(),
            yuan(total),
            "0.00".into(),
            yuan(*shop_fen),
            yuan(*platform_fen),
            yuan(paid),
            yuan(received),
            pieces.to_string(),
            format!("{}**", surnames[n]),
            format!("1{}{}****{:04}", 3 + n % 6, n, 1000 + n * 37),
            province.into(),
            city.into(),
            district.into(),
            street.into(),
            if shipped {
                at(day + 1, 10, 0)
            } else {
                String::new()
            },
            if *status == "已签收" {
                at(day + 4, 18, 0)
            } else {
                String::new()
            },
            format!("{}", 600_000_000 + n),
            sku(code)
                .trim_start_matches("重量：")
                .trim_start_matches("规格：")
                .to_string(),
            sku_code.to_string(),
            product_code.to_string(),
            if n == 3 {
                "送人的，别放发票".into()
            } else {
                String::new()
            },
            after.to_string(),
            if shipped {
                format!("YT75{:011}", 1_206_000 + n)
            } else {
                String::new()
            },
            if shipped {
                "圆通快递".into()
            } else {
                String::new()
            },
            at(*day, 12, n as u32 * 3),
        ]);
    }
    write(
        dir,
        "pinduoduo/pdd_orders_20261206.csv",
        &gbk(&csv_text(&rows)),
    );
}

fn douyin(dir: &Path) {
    let headers = [
        "主订单编号",
        "子订单编号",
        "选购商品",
        "商品规格",
        "商品数量",
        "商家编码",
        "订单应付金额",
        "运费",
        "收件人",
        "收件人手机号",
        "省",
        "市",
        "区",
        "街道",
        "详细地址",
        "订单提交时间",
        "支付完成时间",
        "商家备注",
        "订单完成时间",
        "订单状态",
        "售后状态",
        "取消原因",
        "发货时间",
    ];
    // (lines, status, day, encrypted recipient, freight fen)
    let specs: &[DouyinSpec] = &[
        (&[("KIWI-T5", 1)], "已完成", 0, false, 0),
        (&[("KIWI-Y5", 1), ("LJ-YP250", 1)], "已发货", 7, false, 0),
        (&[("KIWI-T10", 1)], "待发货", 10, true, 0),
        (&[("KIWI-J10", 2)], "待发货", 10, false, 0),
        (&[("LJ-CB500", 2)], "待发货", 11, true, 1000),
        (&[("KIWI-Y10", 1)], "待发货", 11, false, 0),
        (&[("DF-01", 5), ("DFG-500", 1)], "备货中", 11, false, 1000),
        (&[("KIWI-J5", 1)], "已关闭", 9, false, 0),
    ];
    let people = [
        (
            "罗文",
            "13808511001",
            "贵州省",
            "遵义市",
            "红花岗区",
            "中华路",
            "中华路 120号",
        ),
        (
            "钱晓梅",
            "13908512002",
            "广东省",
            "佛山市",
            "禅城区",
            "祖庙街道",
            "祖庙路 33号 2栋 801",
        ),
        ("", "", "江苏省", "苏州市", "姑苏区", "平江街道", ""),
        (
            "冯磊",
            "13608514004",
            "浙江省",
            "温州市",
            "鹿城区",
            "五马街道",
            "五马街 8号",
        ),
        ("", "", "四川省", "绵阳市", "涪城区", "城厢街道", ""),
        (
            "蒋红",
            "18908516006",
            "湖南省",
            "株洲市",
            "天元区",
            "嵩山路街道",
            "嵩山路 16号",
        ),
        (
            "沈建平",
            "13508517007",
            "上海",
            "上海市",
            "徐汇区",
            "田林街道",
            "田林路 200号 6号楼",
        ),
        (
            "韩雪",
            "15208518008",
            "北京",
            "北京市",
            "海淀区",
            "中关村街道",
            "中关村大街 27号",
        ),
    ];
    let ciphers = [
        (
            "#1Fq7ZkR2mLx9Vp4Wc8Tn3Hb6Jd5##",
            "$$Yt2Lx9Vp4Rk7Ny1Hb6Jc3Qm8Z$$",
            "##Kp3Ws8Xe1Rb7Tn4Yc9Uf2Vm6Lh0##",
        ),
        (
            "#9Wd4Hn7Pq2Lx6Zt1Rb8Vc3Jk5##",
            "$$Mn6Qr1Tz8Wx3Yb5Lc7Kd2Pf9H$$",
            "##Rb2Yt8Lm4Kp7Xw1Nc6Vz3Hq9Sf5##",
        ),
    ];
    let mut rows = vec![strings(&headers)];
    let mut cipher = 0;
    for (n, (lines, status, day, encrypted, freight)) in specs.iter().enumerate() {
        let main = format!(
            "69{:02}{:015}",
            day + 10,
            123_456_789_000u64 + n as u64 * 97_531
        );
        let p = people[n];
        let (name, phone, address) = if *encrypted {
            let c = ciphers[cipher % ciphers.len()];
            cipher += 1;
            (c.0.to_string(), c.1.to_string(), c.2.to_string())
        } else {
            (p.0.to_string(), p.1.to_string(), p.6.to_string())
        };
        let unpaid = *status == "已关闭";
        let shipped = matches!(*status, "已完成" | "已发货");
        for (i, (code, qty)) in lines.iter().enumerate() {
            // The freight is owed once: it is in the first sub-order's 订单应付金额.
            let owed = price_fen(code) * qty + if i == 0 { *freight } else { 0 };
            rows.push(vec![
                format!("\t{main}"),
                format!("\t{main}{i}"),
                title(code),
                sku(code)
                    .trim_start_matches("重量：")
                    .trim_start_matches("规格：")
                    .to_string(),
                qty.to_string(),
                code.to_string(),
                yuan(owed),
                yuan(*freight),
                name.clone(),
                phone.clone(),
                p.2.into(),
                p.3.into(),
                p.4.into(),
                p.5.into(),
                address.clone(),
                at(*day, 19, n as u32),
                if unpaid {
                    String::new()
                } else {
                    at(*day, 19, n as u32 + 1)
                },
                if n == 6 {
                    "豆腐要当天做的".into()
                } else {
                    String::new()
                },
                if *status == "已完成" {
                    at(day + 5, 10, 0)
                } else {
                    String::new()
                },
                status.to_string(),
                "无".into(),
                if unpaid {
                    "超时未支付".into()
                } else {
                    String::new()
                },
                if shipped {
                    at(day + 1, 16, 0)
                } else {
                    String::new()
                },
            ]);
        }
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(csv_text(&rows).as_bytes());
    write(dir, "douyin/douyin_orders_20261206.csv", &bytes);
}

/// The desensitised export has no 商家编码: the demo says its titles once (title / SKU, the key the
/// import shows), so trying that file shows orders rather than only lines to match.
const TITLE_MAPPINGS: [(&str, &str); 5] = [
    (
        "贵州修文猕猴桃 特级大果 5斤装 新鲜现摘 顺丰包邮 / 重量：5斤装",
        "修文猕猴桃 特级大果 5斤装",
    ),
    (
        "贵州修文猕猴桃 特级大果 10斤整箱 当季现摘 / 重量：10斤装",
        "修文猕猴桃 特级大果 10斤装",
    ),
    (
        "修文猕猴桃 一级中果 10斤装 家庭分享 / 重量：10斤装",
        "修文猕猴桃 一级中果 10斤装",
    ),
    (
        "修文猕猴桃 家庭装小果 10斤 实惠装 / 重量：10斤装",
        "修文猕猴桃 家庭装小果 10斤装",
    ),
    (
        "贵州农家烟熏豆腐干 500克 柴火熏制 / 规格：500克",
        "农家烟熏豆腐干 500克",
    ),
];

fn mappings(dir: &Path) {
    let list: Vec<serde_json::Value> = PRODUCTS
        .iter()
        .map(|(code, product, per, _)| {
            serde_json::json!({"code": code, "product": product, "per": per})
        })
        .chain(TITLE_MAPPINGS.iter().map(|(key, product)| {
            serde_json::json!({"code": key, "product": product, "per": "1"})
        }))
        .collect();
    let mut text = serde_json::to_string_pretty(&list).unwrap_or_else(|e| panic!("{e}"));
    text.push('\n');
    write(dir, "mappings.json", text.as_bytes());
}

fn main() {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/exports");
    taobao(&dir);
    taobao_desensitised(&dir);
    pinduoduo(&dir);
    douyin(&dir);
    mappings(&dir);
}
