//! Payslips rendered to real PDFs and read back with poppler's tools (pdftotext, pdffonts,
//! pdfinfo), the way a viewer or printer would see them.

use std::path::Path;

use farmstall_documents::{render_payslips, DocumentError, Language, PayslipDoc, PayslipLine};

// ---- test data ----

fn line(label: &str, explanation: &str, amount: &str) -> PayslipLine {
    PayslipLine {
        label: label.into(),
        explanation: explanation.into(),
        amount: amount.into(),
    }
}

/// A slip whose every text fits on one line of its column, so pdftotext gives each back whole.
fn slip(employee: &str) -> PayslipDoc {
    PayslipDoc {
        language: Language::Zh,
        shop_name: "修文山里人家猕猴桃".into(),
        month: "2026-11".into(),
        employee: employee.into(),
        relation: "妻子".into(),
        printed_at: "2026-11-30 17:30".into(),
        lines: vec![
            line("日工资", "出勤 2.5 天 × ¥150/天 = ¥375.00", "375.00"),
            line("提成", "直播销售额 ¥4,820.00 × 2%", "96.40"),
            line("奖金", "双十一打包", "300.00"),
        ],
        gross: "771.40".into(),
        tax: "0.00".into(),
        tax_explanation: "本年累计收入未超过累计减除费用".into(),
        advances: "300.00".into(),
        deductions: "20.00".into(),
        net: "451.40".into(),
        gross_year_to_date: "8,765.40".into(),
        tax_year_to_date: "12.34".into(),
        paid: Some("¥451.40 微信 2026-12-01".into()),
    }
}

fn english(employee: &str) -> PayslipDoc {
    PayslipDoc {
        language: Language::En,
        shop_name: "Xiuwen Mountain Family Kiwi".into(),
        relation: "wife".into(),
        lines: vec![
            line("Daily wage", "2.5 days × ¥150/day = ¥375.00", "375.00"),
            line("Bonus", "Singles' Day packing", "300.00"),
        ],
        gross: "675.00".into(),
        tax_explanation: String::new(),
        net: "355.00".into(),
        paid: Some("¥355.00 WeChat Pay 2026-12-01".into()),
        ..slip(employee)
    }
}

fn render(slips: &[PayslipDoc]) -> Vec<u8> {
    render_payslips(slips).unwrap_or_else(|e| panic!("render: {e}"))
}

// ---- poppler ----

mod common;
use common::{
    assert_nothing_overlaps_or_is_cut_off, count, has, info, page_text, pages, path_str, poppler,
    temp, write,
};

/// The text of the top (`half` 0) or bottom (`half` 1) half of an A4 page.
fn half_text(pdf: &Path, page: usize, half: usize) -> String {
    let p = page.to_string();
    let y = (half * 421).to_string();
    poppler(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-f",
            &p,
            "-l",
            &p,
            "-x",
            "0",
            "-y",
            &y,
            "-W",
            "596",
            "-H",
            "421",
            path_str(pdf),
            "-",
        ],
    )
}

// ---- tests ----

#[test]
fn every_line_total_and_the_year_to_date_are_printed() {
    let dir = temp();
    let s = slip("张秀兰");
    let path = write(dir.path(), "payslip.pdf", &render(std::slice::from_ref(&s)));
    assert_eq!(pages(&path), 1);
    let info = info(&path);
    assert!(info.contains("595.276 x 841.89 pts"), "not A4:\n{info}");
    assert!(info.contains("工资条 张秀兰 2026-11"), "title:\n{info}");

    let text = page_text(&path, 1);
    for expected in [
        "修文山里人家猕猴桃",
        "工资条",
        "员工",
        "张秀兰（妻子）",
        "月份",
        "2026-11",
        "项目",
        "说明",
        "金额",
        "应发合计",
        "¥771.40",
        "个人所得税",
        "本年累计收入未超过累计减除费用",
        "预支",
        "¥300.00",
        "其他扣款",
        "¥20.00",
        "实发",
        "¥451.40",
        "本年累计：应发 ¥8,765.40，个人所得税 ¥12.34",
        "已支付：¥451.40 微信 2026-12-01",
        "员工签收",
        "日期",
        "打印于 2026-11-30 17:30",
    ] {
        assert!(has(&text, expected), "{expected} not in:\n{text}");
    }
    for l in &s.lines {
        for expected in [&l.label, &l.explanation, &format!("¥{}", l.amount)] {
            assert!(has(&text, expected), "{expected} not in:\n{text}");
        }
    }
    // A payslip that is positive carries no warning.
    assert!(!has(&text, "负数"), "{text}");
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let dir = temp();
    let bytes = render(&[slip("张秀兰"), english("Li Xiaojun")]);
    let path = write(dir.path(), "payslip.pdf", &bytes);
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
fn several_payslips_share_one_pdf_two_to_a_page() {
    let dir = temp();
    let names = ["张秀兰", "李小军", "王德贵"];
    let slips: Vec<PayslipDoc> = names.iter().map(|n| slip(n)).collect();
    let path = write(dir.path(), "payslips.pdf", &render(&slips));
    assert_eq!(pages(&path), 2);
    let halves = [
        half_text(&path, 1, 0),
        half_text(&path, 1, 1),
        half_text(&path, 2, 0),
    ];
    for (i, (name, half)) in names.iter().zip(&halves).enumerate() {
        for (j, other) in names.iter().enumerate() {
            assert_eq!(
                count(half, other),
                usize::from(i == j),
                "{other} in:\n{half}"
            );
        }
        for expected in ["工资条", "实发", "¥451.40", "员工签收"] {
            assert!(has(half, expected), "{name}: {expected} not in:\n{half}");
        }
    }
    let empty = half_text(&path, 2, 1);
    assert!(!has(&empty, "工资条") && !has(&empty, "实发"), "{empty}");
    // The cut line between the two on the first page.
    assert!(has(&page_text(&path, 1), "沿虚线剪开"));
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn a_slip_too_long_for_half_a_page_gets_pages_of_its_own() {
    let dir = temp();
    let mut long = slip("王德贵");
    long.lines = (1..=45)
        .map(|d| {
            line(
                "日工资",
                &format!("11 月 {d} 日 出勤 1 天 × ¥150/天"),
                "150.00",
            )
        })
        .collect();
    let slips = [slip("张秀兰"), long.clone(), slip("李小军")];
    let path = write(dir.path(), "payslips.pdf", &render(&slips));
    let n = pages(&path);
    assert_eq!(n, 4, "one page for 张秀兰, two for 王德贵, one for 李小军");
    let texts: Vec<String> = (1..=n).map(|i| page_text(&path, i)).collect();
    assert!(has(&texts[0], "张秀兰") && !has(&texts[0], "王德贵"));
    assert!(has(&texts[3], "李小军") && !has(&texts[3], "王德贵"));
    for (i, text) in texts[1..3].iter().enumerate() {
        assert!(has(text, "王德贵"), "{text}");
        for heading in ["项目", "说明", "金额"] {
            assert!(has(text, heading), "page {}: no {heading}", i + 2);
        }
        let number = format!("第 {} / 2 页", i + 1);
        assert!(has(text, &number), "no {number} in:\n{text}");
    }
    assert!(has(&texts[2], "工资条（续）"), "{}", texts[2]);
    let both = format!("{}{}", texts[1], texts[2]);
    for l in &long.lines {
        assert_eq!(count(&both, &l.explanation), 1, "{}", l.explanation);
    }
    // The totals are not torn apart.
    for expected in [
        "应发合计",
        "个人所得税",
        "预支",
        "其他扣款",
        "实发",
        "员工签收",
    ] {
        assert!(has(&texts[2], expected), "{expected} not in:\n{}", texts[2]);
    }
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn a_negative_net_prints_with_a_minus_and_a_note() {
    let dir = temp();
    let mut s = slip("李小军");
    s.advances = "821.40".into();
    s.net = "-50.00".into();
    s.tax_explanation = String::new();
    s.paid = None;
    let path = write(dir.path(), "payslip.pdf", &render(&[s]));
    let text = page_text(&path, 1);
    for expected in ["−¥50.00", "负数：本月扣款多于应发", "未代扣个人所得税"]
    {
        assert!(has(&text, expected), "{expected} not in:\n{text}");
    }
    assert!(!has(&text, "已支付"), "{text}");
}

#[test]
fn long_texts_wrap_inside_their_columns() {
    let dir = temp();
    let mut s = slip("欧阳晓燕");
    s.lines[0].explanation = "出勤 22 天 × ¥150/天，其中 11 月 11 日至 13 日夜班打包另计，\
                              11 月 20 日请假半天按半天计，月底盘点加班两小时按小时计"
        .repeat(2);
    s.tax_explanation = "累计预扣法：累计收入 ¥66,764.00 − 累计减除费用 ¥55,000.00 − \
                         专项扣除 ¥0.00，预扣率 3%，减已预扣 ¥300.00"
        .into();
    s.shop_name = "修文山里人家猕猴桃农民专业合作社直营店".repeat(2);
    let path = write(dir.path(), "payslip.pdf", &render(&[s.clone(), s.clone()]));
    let all: String = (1..=pages(&path)).map(|i| page_text(&path, i)).collect();
    for expected in [&s.lines[0].explanation, &s.tax_explanation, &s.shop_name] {
        assert_eq!(count(&all, expected), 2, "{expected} not in:\n{all}");
    }
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn english_headings() {
    let dir = temp();
    let path = write(
        dir.path(),
        "payslip.pdf",
        &render(&[english("Zhang Xiulan"), english("Li Xiaojun")]),
    );
    assert_eq!(pages(&path), 1);
    let text = page_text(&path, 1);
    for expected in [
        "Xiuwen Mountain Family Kiwi",
        "Payslip",
        "Employee",
        "Zhang Xiulan (wife)",
        "Li Xiaojun (wife)",
        "Month",
        "Item",
        "Details",
        "Amount",
        "2.5 days × ¥150/day = ¥375.00",
        "Gross pay",
        "¥675.00",
        "Income tax",
        "No income tax withheld",
        "Advances",
        "Other deductions",
        "Net pay",
        "¥355.00",
        "Year to date: gross pay ¥8,765.40, income tax ¥12.34",
        "Paid: ¥355.00 WeChat Pay 2026-12-01",
        "Received by",
        "Date",
        "Printed 2026-11-30 17:30",
        "cut here",
    ] {
        assert!(has(&text, expected), "{expected} not in:\n{text}");
    }
    assert!(
        !text
            .chars()
            .any(|c| ('\u{2E80}'..='\u{9FFF}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)),
        "Chinese in:\n{text}"
    );
    assert_nothing_overlaps_or_is_cut_off(&path);
}

#[test]
fn a_character_the_fonts_lack_is_reported_not_printed_as_a_box() {
    let mut s = slip("张秀兰");
    s.lines[1].explanation = "直播销售额 🥝 ¥4,820.00".into();
    assert_eq!(
        render_payslips(&[slip("李小军"), s]).err(),
        Some(DocumentError::MissingGlyph {
            ch: '🥝',
            text: "直播销售额 🥝 ¥4,820.00".into()
        })
    );
    let mut s = english("Zhang Xiulan 😀");
    s.paid = None;
    assert!(matches!(
        render_payslips(&[s]),
        Err(DocumentError::MissingGlyph { ch: '😀', .. })
    ));
    let mut s = slip("张秀兰");
    s.net = "451\u{7}.40".into();
    assert_eq!(
        render_payslips(&[s]).err(),
        Some(DocumentError::ControlCharacter {
            field: "net pay",
            ch: '\u{7}'
        })
    );
}

#[test]
fn no_payslip_is_an_error_not_an_empty_pdf() {
    let err = render_payslips(&[])
        .err()
        .unwrap_or_else(|| panic!("printed an empty PDF"));
    assert!(matches!(err, DocumentError::Pdf(_)), "{err:?}");
    assert!(err.to_string().contains("no payslip"), "{err}");
}
