//! Writes sample pick lists (Chinese, English, a long one over several pages, and one with
//! hundreds of orders and a product split over pages) to a folder, to look at or print.
//!
//! `cargo run -p farmstall-documents --example pick_list -- /tmp/pick-list`

use std::path::PathBuf;

use farmstall_documents::{render_pick_list, Language, PickListDoc, PickListLot, PickListProduct};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    for (name, doc) in [
        ("pick-list-zh.pdf", sample(Language::Zh, 6)),
        ("pick-list-en.pdf", sample(Language::En, 6)),
        ("pick-list-zh-long.pdf", sample(Language::Zh, 80)),
        ("pick-list-zh-extreme.pdf", extreme()),
    ] {
        let pdf = render_pick_list(&doc)?;
        let path = dir.join(name);
        std::fs::write(&path, &pdf)?;
        println!("{} ({} bytes)", path.display(), pdf.len());
    }
    Ok(())
}

/// Hundreds of orders, and a product with more lots than a page holds.
fn extreme() -> PickListDoc {
    let mut doc = sample(Language::Zh, 4);
    doc.order_numbers = (0..400).map(|i| format!("FS-20261128-{i:04}")).collect();
    doc.products[1].lots = (0..90)
        .map(|j| PickListLot {
            label: format!("批次 2026-11-13 第 {j:03} 筐 王德贵 · 保质期至 2026-12-01"),
            quantity: format!("{} 斤", 10 + j),
        })
        .collect();
    doc
}

fn sample(language: Language, products: usize) -> PickListDoc {
    let zh = language == Language::Zh;
    let names_zh = [
        "修文猕猴桃 特级 5斤装",
        "土鸡蛋 30 枚",
        "手工辣椒油 250 g 玻璃瓶（易碎，单独泡沫网套，请与冰袋分开放置，避免受潮）",
        "高山红薯 一级",
        "野生蜂蜜 500 g",
        "农家腊肉",
    ];
    let names_en = [
        "Xiuwen kiwifruit, premium, 5 jin box",
        "Free-range eggs, 30",
        "Handmade chilli oil 250 g glass jar (fragile: wrap separately in foam netting, keep away from ice packs)",
        "Mountain sweet potatoes, grade 1",
        "Wild honey 500 g",
        "Farmhouse cured pork",
    ];
    let farmers = ["王德贵", "李秀英", "张建国"];
    let unit = |n: usize| {
        if zh {
            format!("{n} 斤")
        } else {
            format!("{n} jin")
        }
    };
    let products = (0..products)
        .map(|i| {
            let k = i % names_zh.len();
            let name = if zh { names_zh[k] } else { names_en[k] };
            let name = if i < names_zh.len() {
                name.to_string()
            } else {
                format!("{name} #{}", i + 1)
            };
            let lots = (0..(i % 3 + usize::from(k == 2)))
                .map(|j| PickListLot {
                    label: if zh {
                        format!(
                            "批次 2026-11-{:02} {} · 保质期至 2026-12-{:02}",
                            13 + j,
                            farmers[(i + j) % farmers.len()],
                            1 + j
                        )
                    } else {
                        format!(
                            "Lot 2026-11-{:02} {} · best before 2026-12-{:02}",
                            13 + j,
                            farmers[(i + j) % farmers.len()],
                            1 + j
                        )
                    },
                    quantity: unit(4 + 2 * j),
                })
                .collect();
            PickListProduct {
                name,
                quantity: unit(12 + i),
                orders: (i % 5 + 1) as u32,
                lots,
                short: (i % 4 == 1).then(|| unit(2 + i % 3)),
            }
        })
        .collect();
    PickListDoc {
        language,
        shop_name: if zh {
            "修文山里人家猕猴桃".into()
        } else {
            "Xiuwen Mountain Family Kiwi".into()
        },
        printed_at: "2026-11-28 09:30".into(),
        order_numbers: (0..23)
            .map(|i| format!("FS-20261128-{:04}", 42 + i))
            .collect(),
        products,
    }
}
