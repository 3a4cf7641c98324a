//! Pick lists rendered to real PDFs and read back with poppler's tools (pdftotext, pdffonts,
//! pdfinfo), the way a viewer or printer would see them.

use farmstall_documents::{
    render_pick_list, DocumentError, Language, PickListDoc, PickListLot, PickListProduct,
};

// ---- test data ----

/// A product whose name, quantities and lot labels each fit on one line of their column, so
/// that pdftotext gives each back whole. The number makes every name unique, and no name a
/// part of another.
fn product(language: Language, i: usize) -> PickListProduct {
    let zh = language == Language::Zh;
    let names_zh = ["修文猕猴桃 特级 5斤装", "土鸡蛋 30 枚", "野生蜂蜜 500 g"];
    let names_en = [
        "Kiwifruit, premium, 5 jin box",
        "Free-range eggs, 30",
        "Wild honey",
    ];
    let names = if zh { names_zh } else { names_en };
    let unit = |n: usize| {
        if zh {
            format!("{n} 斤")
        } else {
            format!("{n} jin")
        }
    };
    let lots = (0..i % 3)
        .map(|j| PickListLot {
            label: if zh {
                format!(
                    "批次 2026-11-{:02} 王德贵 · 保质期至 2026-12-{:02} 〔{i}-{j}〕",
                    10 + j,
                    1 + j
                )
            } else {
                format!(
                    "Lot 2026-11-{:02} Wang Degui · best before 2026-12-{:02} [{i}-{j}]",
                    10 + j,
                    1 + j
                )
            },
            quantity: unit(100 * (i + 1) + j),
        })
        .collect();
    PickListProduct {
        name: format!("{} No.{:03}.", names[i % names.len()], i + 1),
        quantity: unit(1000 + i),
        orders: (i % 7 + 1) as u32,
        lots,
        short: (i % 4 == 1).then(|| unit(2 + i % 3)),
    }
}

fn pick_list(language: Language, products: usize) -> PickListDoc {
    PickListDoc {
        language,
        shop_name: "修文山里人家猕猴桃".into(),
        printed_at: "2026-11-28 09:30".into(),
        order_numbers: (0..12)
            .map(|i| format!("FS-20261128-{:04}", 42 + i))
            .collect(),
        products: (0..products).map(|i| product(language, i)).collect(),
    }
}

fn render(p: &PickListDoc) -> Vec<u8> {
    render_pick_list(p).unwrap_or_else(|e| panic!("render: {e}"))
}

// ---- poppler ----

mod common;
use common::{
    assert_nothing_overlaps_or_is_cut_off, count, has, info, page_text, pages, path_str, poppler,
    temp, write,
};

// ---- tests ----

#[test]
fn every_product_quantity_lot_and_shortage_is_printed() {
    let dir = temp();
    let p = pick_list(Language::Zh, 6);
    let path = write(dir.path(), "pick.pdf", &render(&p));
    assert_eq!(pages(&path), 1);
    let info = info(&path);
    assert!(info.contains("595.276 x 841.89 pts"), "not A4:\n{info}");

    let text = page_text(&path, 1);
    for expected in [
        "拣货单",
        "修文山里人家猕猴桃",
        "打印于 2026-11-28 09:30",
        "12 个订单",
        "商品",
        "总数量",
        "订单数",
        "第 1 / 1 页",
    ] {
        assert!(has(&text, expected), "{expected} not in:\n{text}");
    }
    for order in &p.order_numbers {
        assert!(has(&text, order), "{order} not in:\n{text}");
    }
    for product in &p.products {
        assert!(
            has(&text, &product.name),
            "{} not in:\n{text}",
            product.name
        );
        assert!(has(&text, &product.quantity), "{}", product.quantity);
        for lot in &product.lots {
            assert!(has(&text, &lot.label), "{} not in:\n{text}", lot.label);
            assert!(has(&text, &lot.quantity), "{}", lot.quantity);
        }
        if let Some(short) = &product.short {
            assert!(
                has(&text, &format!("缺 {short}")),
                "缺 {short} not in:\n{text}"
            );
        }
    }
    // Products 2 and 6 are short, the others not.
    assert_eq!(count(&text, "缺"), 2, "{text}");
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let dir = temp();
    let bytes = render(&pick_list(Language::Zh, 6));
    let path = write(dir.path(), "pick.pdf", &bytes);
    let fonts = poppler("pdffonts", &[path_str(&path)]);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 2, "the Chinese and the Latin face:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        let name = cols[0];
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "no subset prefix: {row}"
        );
        assert_eq!(
            (cols[n - 5], cols[n - 4], cols[n - 3]),
            ("yes", "yes", "yes"),
            "embedded, subset, copyable: {row}"
        );
    }
    // A subset of a 4 MB Chinese font.
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
}

#[test]
fn eighty_products_go_over_several_pages_each_with_the_table_header() {
    let dir = temp();
    let p = pick_list(Language::Zh, 80);
    let path = write(dir.path(), "pick.pdf", &render(&p));
    let n = pages(&path);
    assert!(n >= 3, "{n} pages");
    let texts: Vec<String> = (1..=n).map(|i| page_text(&path, i)).collect();
    for (i, text) in texts.iter().enumerate() {
        for heading in ["商品", "总数量", "订单数"] {
            assert!(has(text, heading), "page {}: no {heading}:\n{text}", i + 1);
        }
        let number = format!("第 {} / {n} 页", i + 1);
        assert!(has(text, &number), "page {}: no {number}:\n{text}", i + 1);
        if i > 0 {
            assert!(has(text, "拣货单（续）"), "page {}:\n{text}", i + 1);
            assert!(has(text, &p.shop_name), "page {}:\n{text}", i + 1);
        }
    }
    // Every product once, whole on one page, in order.
    let all: String = texts.concat();
    let mut last_page = 0;
    for product in &p.products {
        assert_eq!(count(&all, &product.name), 1, "{}", product.name);
        let page = texts
            .iter()
            .position(|t| has(t, &product.name))
            .unwrap_or_else(|| panic!("{} lost", product.name));
        assert!(page >= last_page, "{} out of order", product.name);
        last_page = page;
        for lot in &product.lots {
            assert!(
                has(&texts[page], &lot.label),
                "{} not with its product",
                lot.label
            );
        }
        if let Some(short) = &product.short {
            assert!(has(&texts[page], &format!("缺 {short}")));
        }
    }
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn a_product_with_more_lots_than_a_page_holds_goes_on_under_its_name() {
    let dir = temp();
    let mut p = pick_list(Language::Zh, 2);
    p.products[1].lots = (0..120)
        .map(|j| PickListLot {
            label: format!("批次 2026-11-13 第 {j:03} 筐 王德贵 · 保质期至 2026-12-01"),
            quantity: format!("{} 斤", 10 + j),
        })
        .collect();
    let path = write(dir.path(), "pick.pdf", &render(&p));
    let n = pages(&path);
    assert!(n >= 3, "{n} pages");
    let all: String = (1..=n).map(|i| page_text(&path, i)).collect();
    for lot in &p.products[1].lots {
        assert_eq!(count(&all, &lot.label), 1, "{}", lot.label);
        assert!(has(&all, &lot.quantity), "{}", lot.quantity);
    }
    let continued = format!("{}（续）", p.products[1].name);
    assert!(has(&page_text(&path, 2), &continued), "{continued}");
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn long_names_and_lot_labels_wrap_inside_their_column() {
    let dir = temp();
    let mut p = pick_list(Language::Zh, 3);
    p.products[0].name =
        "手工辣椒油 250 g 玻璃瓶（易碎，单独泡沫网套，请与冰袋分开放置，避免受潮，\
                          收到后请冷藏保存，开封后一个月内食用完毕）"
            .into();
    p.products[0].lots = vec![PickListLot {
        label: "批次 2026-11-20 自制 第 12 锅 · 保质期至 2027-05-20 · 冷库 3 号 第 2 排 \
                左侧货架 最上层 靠窗的纸箱里（贴红色标签）"
            .into(),
        quantity: "3 瓶".into(),
    }];
    p.products[0].short = Some("1 瓶".into());
    p.order_numbers = (0..400).map(|i| format!("FS-20261128-{i:04}")).collect();
    let path = write(dir.path(), "pick.pdf", &render(&p));
    let all: String = (1..=pages(&path)).map(|i| page_text(&path, i)).collect();
    for expected in [&p.products[0].name, &p.products[0].lots[0].label] {
        assert!(has(&all, expected), "{expected} not in:\n{all}");
    }
    assert!(has(&all, "400 个订单"));
    for order in &p.order_numbers {
        assert!(has(&all, order), "{order}");
    }
    assert!(has(&all, "缺 1 瓶"));
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn english_headings() {
    let dir = temp();
    let mut p = pick_list(Language::En, 6);
    p.shop_name = "Xiuwen Mountain Family Kiwi".into();
    p.order_numbers.truncate(1);
    let path = write(dir.path(), "pick.pdf", &render(&p));
    let text = page_text(&path, 1);
    for expected in [
        "Pick list",
        "Xiuwen Mountain Family Kiwi",
        "Printed 2026-11-28 09:30",
        "1 order",
        "Product",
        "Total quantity",
        "Orders",
        "short 3 jin",
        "Page 1 / 1",
    ] {
        assert!(has(&text, expected), "{expected} not in:\n{text}");
    }
    for product in &p.products {
        assert!(
            has(&text, &product.name),
            "{} not in:\n{text}",
            product.name
        );
        for lot in &product.lots {
            assert!(has(&text, &lot.label), "{} not in:\n{text}", lot.label);
        }
    }
    for chinese in ["拣货单", "商品", "订单", "缺", "页"] {
        assert!(!text.contains(chinese), "{chinese} in:\n{text}");
    }
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn a_character_the_fonts_lack_is_reported_not_printed_as_a_box() {
    let mut p = pick_list(Language::Zh, 3);
    p.products[2].lots[0].label = "批次 2026-11-13 王德贵 🍑".into();
    assert_eq!(
        render_pick_list(&p).err(),
        Some(DocumentError::MissingGlyph {
            ch: '🍑',
            text: "批次 2026-11-13 王德贵 🍑".into()
        })
    );
    let mut p = pick_list(Language::En, 3);
    p.products[0].name = "Kiwi 🥝".into();
    assert!(matches!(
        render_pick_list(&p),
        Err(DocumentError::MissingGlyph { ch: '🥝', .. })
    ));
    let mut p = pick_list(Language::Zh, 3);
    p.products[0].short = Some("2\u{7}斤".into());
    assert_eq!(
        render_pick_list(&p).err(),
        Some(DocumentError::ControlCharacter {
            field: "shortage",
            ch: '\u{7}'
        })
    );
}

#[test]
fn nothing_to_pick_is_an_error_not_an_empty_pdf() {
    let p = pick_list(Language::Zh, 0);
    let err = render_pick_list(&p)
        .err()
        .unwrap_or_else(|| panic!("printed an empty pick list"));
    assert!(matches!(err, DocumentError::Pdf(_)), "{err:?}");
    assert!(err.to_string().contains("no product"), "{err}");
}
