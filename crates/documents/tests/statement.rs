//! Farmer statements rendered to real PDFs and read back with poppler's tools (pdftotext,
//! pdffonts, pdfinfo), the way a viewer or printer would see them.

use std::path::{Path, PathBuf};
use std::process::Command;

use farmstall_documents::{
    render_statement, render_statements, DocumentError, Language, LineKind, Statement,
    StatementLine,
};

// ---- test data ----

/// "1234.5" yuan from fen, the way the application formats amounts.
fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

/// A statement whose totals and running balances add up, built from (kind, description,
/// purchased fen, paid fen) lines.
fn statement(
    language: Language,
    farmer: &str,
    opening_fen: i64,
    lines: &[(LineKind, String, Option<i64>, Option<i64>)],
) -> Statement {
    let mut balance = opening_fen;
    let (mut bought, mut paid) = (0, 0);
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, (kind, description, p, q))| {
            balance += p.unwrap_or(0) - q.unwrap_or(0);
            bought += p.unwrap_or(0);
            paid += q.unwrap_or(0);
            StatementLine {
                date: format!("2026-11-{:02}", 1 + i % 30),
                kind: *kind,
                description: description.clone(),
                purchased: p.map(yuan),
                paid: q.map(yuan),
                balance: yuan(balance),
            }
        })
        .collect();
    Statement {
        language,
        shop_name: "秦岭山里人家农产品店".into(),
        shop_phone: "0917-8812345".into(),
        shop_address: "陕西省西安市周至县马召镇东街 18 号".into(),
        farmer_name: farmer.into(),
        farmer_village: "马召镇群力村三组".into(),
        farmer_phone: "139 1234 5678".into(),
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        opening_balance: yuan(opening_fen),
        lines,
        total_purchased: yuan(bought),
        total_paid: yuan(paid),
        closing_balance: yuan(balance),
        generated_at: "2026-11-28 17:30".into(),
    }
}

fn chinese_five_lines() -> Statement {
    statement(
        Language::Zh,
        "王建国",
        120_000,
        &[
            (
                LineKind::Purchase,
                "猕猴桃 一级 120斤 × ¥3.5".into(),
                Some(42_000),
                None,
            ),
            (
                LineKind::Purchase,
                "猕猴桃 二级 80斤 × ¥2.6".into(),
                Some(20_800),
                Some(20_800),
            ),
            (LineKind::Payment, "微信支付".into(), None, Some(100_000)),
            (
                LineKind::Reversal,
                "冲销：11 月 1 日重复录入".into(),
                Some(-4_200),
                None,
            ),
            (
                LineKind::Purchase,
                "黄豆 50斤 × ¥3.1".into(),
                Some(15_500),
                None,
            ),
        ],
    )
}

/// `n` lines whose amounts are all different from each other, so each can be counted.
fn many_lines(language: Language, farmer: &str, n: usize) -> Statement {
    let lines: Vec<_> = (0..n as i64)
        .map(|i| {
            if i % 5 == 4 {
                (
                    LineKind::Payment,
                    format!("现金付款 第 {i} 笔"),
                    None,
                    Some(50_000 + i),
                )
            } else {
                let jin = 100 + i;
                (
                    LineKind::Purchase,
                    format!("猕猴桃 一级 {jin}斤 × ¥3.5"),
                    Some(jin * 350 + 7),
                    None,
                )
            }
        })
        .collect();
    let s = statement(language, farmer, 300_000, &lines);
    let amounts: Vec<&String> = s.lines.iter().flat_map(amounts_of).collect();
    let distinct: std::collections::HashSet<_> = amounts.iter().collect();
    assert_eq!(
        distinct.len(),
        amounts.len(),
        "test data: amounts must be distinct"
    );
    s
}

fn amounts_of(line: &StatementLine) -> Vec<&String> {
    [
        line.purchased.as_ref(),
        line.paid.as_ref(),
        Some(&line.balance),
    ]
    .into_iter()
    .flatten()
    .collect()
}

// ---- poppler ----

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn write(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// Runs a poppler tool and returns its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let output = Command::new(tool)
        .args(args)
        .arg(pdf)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{tool}` ({e}): these tests read the PDFs back with poppler; \
                 install poppler-utils (apt-get install poppler-utils, or `make deps`)"
            )
        });
    assert!(
        output.status.success(),
        "{tool} {args:?} {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap_or_else(|e| panic!("{tool} printed non-UTF-8: {e}"))
}

fn text(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", "-enc", "UTF-8"], pdf)
}

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    poppler(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", "-f", &p, "-l", &p],
        pdf,
    )
}

fn pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in pdfinfo output:\n{info}"))
}

/// Whether `text` contains `expected`, ignoring white space: pdftotext guesses spaces from
/// gaps between glyphs, and drops narrow ones ("第 1 / 1 页" comes back as "第1/1页").
fn has(text: &str, expected: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    squash(text).contains(&squash(expected))
}

/// How often `token` stands alone (between spaces or line ends) in `text`.
fn count_token(text: &str, token: &str) -> usize {
    text.split_whitespace().filter(|t| *t == token).count()
}

/// A word pdftotext found, with its box in points from the page's top-left corner.
#[derive(Debug)]
struct Word {
    x_min: f32,
    y_min: f32,
    x_max: f32,
    text: String,
}

/// The words of `page` with their positions (`pdftotext -bbox`).
fn words(pdf: &Path, page: usize) -> Vec<Word> {
    let p = page.to_string();
    let html = poppler("pdftotext", &["-bbox", "-f", &p, "-l", &p], pdf);
    let attr = |tag: &str, name: &str| -> f32 {
        let start = tag
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {tag}"))
            + name.len()
            + 2;
        let end = start + tag[start..].find('"').unwrap_or(0);
        tag[start..end]
            .parse()
            .unwrap_or_else(|e| panic!("{name} in {tag}: {e}"))
    };
    html.split("<word ")
        .skip(1)
        .map(|rest| {
            let (tag, after) = rest.split_once('>').unwrap_or((rest, ""));
            let text = after.split("</word>").next().unwrap_or("");
            Word {
                x_min: attr(tag, "xMin"),
                y_min: attr(tag, "yMin"),
                x_max: attr(tag, "xMax"),
                text: text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">"),
            }
        })
        .collect()
}

fn render(s: &Statement) -> Vec<u8> {
    render_statement(s).unwrap_or_else(|e| panic!("render: {e}"))
}

// ---- tests ----

#[test]
fn a_chinese_statement_shows_farmer_title_every_amount_and_embeds_a_subset_font() {
    let s = chinese_five_lines();
    let pdf = render(&s);
    let dir = temp();
    let path = write(dir.path(), "zh.pdf", &pdf);

    let text = text(&path);
    for expected in [
        "王建国",
        "对账单",
        "马召镇群力村三组",
        "秦岭山里人家农产品店",
        "猕猴桃 一级 120斤 × ¥3.5",
    ] {
        assert!(has(&text, expected), "{expected:?} missing from:\n{text}");
    }
    for line in &s.lines {
        for amount in amounts_of(line) {
            assert!(
                count_token(&text, amount) >= 1,
                "{amount} missing from:\n{text}"
            );
        }
    }
    for label in [
        "日期",
        "摘要",
        "进货金额",
        "付款金额",
        "欠款余额",
        "合计",
        "期末欠款",
        "期初欠款",
    ] {
        assert!(has(&text, label), "{label:?} missing from:\n{text}");
    }
    assert!(
        has(&text, &format!("¥{}", s.closing_balance)),
        "closing balance:\n{text}"
    );
    assert!(
        has(&text, &format!("¥{}", s.opening_balance)),
        "opening balance:\n{text}"
    );
    assert!(has(&text, "第 1 / 1 页"), "page number:\n{text}");
    assert!(
        has(&text, "打印于 2026-11-28 17:30"),
        "printing time:\n{text}"
    );
    assert!(
        has(&text, "农户签字") && has(&text, "店主签字"),
        "signatures:\n{text}"
    );

    // Every font is embedded and subset: the full Chinese font alone is 4 MB.
    let fonts = poppler("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!rows.is_empty(), "no fonts listed:\n{fonts}");
    assert!(
        rows.iter().any(|r| r.contains("DroidSansFallback")),
        "{fonts}"
    );
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        let (name, emb, sub, uni) = (cols[0], cols[n - 5], cols[n - 4], cols[n - 3]);
        assert_eq!(emb, "yes", "not embedded: {row}");
        let prefixed = name.len() > 7 && name.as_bytes()[6] == b'+';
        assert!(sub == "yes" || prefixed, "not subset: {row}");
        assert_eq!(
            uni, "yes",
            "no ToUnicode map, text could not be copied: {row}"
        );
    }
    assert!(
        pdf.len() < 100 * 1024,
        "{} bytes: subsetting did not work",
        pdf.len()
    );
}

#[test]
fn an_english_statement_has_english_headings() {
    let mut s = chinese_five_lines();
    s.language = Language::En;
    s.farmer_name = "Wang Jianguo".into();
    s.lines[2].description = "WeChat Pay".into();
    let dir = temp();
    let path = write(dir.path(), "en.pdf", &render(&s));
    let text = text(&path);
    for expected in [
        "Statement",
        "Wang Jianguo",
        "WeChat Pay",
        "Farmer",
        "Period",
        "2026-11-01 to 2026-11-30",
        "Opening balance owed",
        "Date",
        "Description",
        "Purchased",
        "Paid",
        "Balance owed",
        "Totals",
        "Closing balance owed",
        "Farmer's signature",
        "Shop's signature",
        "Page 1 / 1",
        "Printed 2026-11-28 17:30",
    ] {
        assert!(has(&text, expected), "{expected:?} missing from:\n{text}");
    }
    for chinese_label in ["对账单", "摘要", "期末欠款", "第 1"] {
        assert!(
            !has(&text, chinese_label),
            "{chinese_label:?} in English:\n{text}"
        );
    }
}

#[test]
fn seventy_lines_take_several_pages_each_with_the_table_header_and_every_amount_once() {
    let s = many_lines(Language::Zh, "王建国", 70);
    let dir = temp();
    let path = write(dir.path(), "long.pdf", &render(&s));
    let count = pages(&path);
    assert!(count > 1, "70 lines on {count} page");

    let mut all = String::new();
    for page in 1..=count {
        let text = page_text(&path, page);
        for heading in ["日期", "摘要", "进货金额", "付款金额", "欠款余额"] {
            assert!(
                has(&text, heading),
                "page {page} lacks {heading:?}:\n{text}"
            );
        }
        assert!(
            has(&text, &format!("第 {page} / {count} 页")),
            "page {page} footer:\n{text}"
        );
        all.push_str(&text);
    }
    for line in &s.lines {
        for amount in amounts_of(line) {
            assert_eq!(count_token(&all, amount), 1, "{amount} in:\n{all}");
        }
    }
    // Totals and signatures once, on the last page.
    let last = page_text(&path, count);
    assert!(has(&last, "合计") && has(&last, "农户签字"), "{last}");
    assert_eq!(all.matches("农户签字").count(), 1);
    assert_eq!(count_token(&all, &s.total_purchased), 1);
}

/// A month of daily purchases fits on one sheet, with totals and signatures.
#[test]
fn thirty_single_line_lines_fit_on_one_page() {
    let s = many_lines(Language::Zh, "王建国", 30);
    let dir = temp();
    let path = write(dir.path(), "thirty.pdf", &render(&s));
    assert_eq!(pages(&path), 1);
}

#[test]
fn a_long_description_wraps_inside_its_column_and_keeps_every_character() {
    let description =
        "猕猴桃 一级 120斤 × ¥3.5，其中 20斤 因运输途中挤压损坏，按双方约定折价收购，\
        剩余部分全部按一级果计价入库，另付包装箱 30 个 and a note in English that is long too";
    let mut s = chinese_five_lines();
    s.lines[0].description = description.into();
    let dir = temp();
    let path = write(dir.path(), "wrap.pdf", &render(&s));
    let words = words(&path, 1);

    // The row of the long description runs from its date down to the next line's date
    // (the lowest such word: the period in the heading shows a date too).
    let find = |text: &str| {
        words
            .iter()
            .filter(|w| w.text == text)
            .max_by(|a, b| a.y_min.total_cmp(&b.y_min))
            .unwrap_or_else(|| panic!("{text:?} not on page 1: {words:?}"))
    };
    let top = find(&s.lines[0].date).y_min;
    let bottom = find(&s.lines[1].date).y_min;
    let amounts: Vec<&String> = amounts_of(&s.lines[0]);
    let in_row: Vec<&Word> = words
        .iter()
        .filter(|w| w.y_min >= top - 1.0 && w.y_min < bottom - 1.0)
        .collect();
    let amount_left = in_row
        .iter()
        .filter(|w| amounts.contains(&&w.text))
        .map(|w| w.x_min)
        .fold(f32::MAX, f32::min);
    let mut description_words: Vec<&&Word> = in_row
        .iter()
        .filter(|w| w.text != s.lines[0].date && !amounts.contains(&&w.text))
        .collect();
    // Group into printed lines (Chinese and Latin words on one line have slightly different
    // boxes), then read each line left to right.
    description_words.sort_by(|a, b| a.y_min.total_cmp(&b.y_min));
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for word in description_words {
        match lines.last_mut() {
            Some(line) if word.y_min - line[0].y_min < 4.0 => line.push(word),
            _ => lines.push(vec![word]),
        }
    }
    assert!(lines.len() >= 3, "did not wrap: {lines:?}");
    for line in &mut lines {
        line.sort_by(|a, b| a.x_min.total_cmp(&b.x_min));
    }
    let joined: String = lines.iter().flatten().map(|w| w.text.as_str()).collect();
    let want: String = description.split_whitespace().collect();
    assert_eq!(joined, want);

    let rightmost = lines.iter().flatten().map(|w| w.x_max).fold(0.0, f32::max);
    assert!(
        rightmost < amount_left,
        "description reaches {rightmost} pt, the amount starts at {amount_left} pt"
    );
}

/// A description longer than a page continues on the next page, in order, above the footer.
#[test]
fn a_description_longer_than_a_page_continues_on_the_next_page() {
    let tokens: Vec<String> = (1..=900).map(|i| format!("w{i:03}")).collect();
    let mut s = chinese_five_lines();
    s.lines[1].description = tokens.join(" ");
    let dir = temp();
    let path = write(dir.path(), "huge.pdf", &render(&s));
    let count = pages(&path);
    assert!(count >= 2, "{count} page");

    let mut seen = Vec::new();
    for page in 1..=count {
        let words = words(&path, page);
        let footer_top = words
            .iter()
            .find(|w| w.text == "打印于")
            .map(|w| w.y_min)
            .unwrap_or_else(|| panic!("no footer on page {page}"));
        let mut on_page: Vec<&Word> = words.iter().filter(|w| tokens.contains(&w.text)).collect();
        on_page.sort_by(|a, b| {
            a.y_min
                .total_cmp(&b.y_min)
                .then(a.x_min.total_cmp(&b.x_min))
        });
        for w in on_page {
            assert!(
                w.y_min < footer_top - 10.0,
                "{w:?} runs into the footer on page {page}"
            );
            seen.push(w.text.clone());
        }
    }
    assert_eq!(seen, tokens, "every word once, in order");
    let last = page_text(&path, count);
    assert!(
        has(&last, "合计") && has(&last, "期末欠款") && has(&last, "农户签字"),
        "{last}"
    );
}

#[test]
fn a_character_missing_from_the_fonts_is_refused_with_its_text() {
    let mut s = chinese_five_lines();
    s.lines[1].description = "猕猴桃\n好吃 \u{1F600}".into();
    let err = render_statement(&s).err();
    assert_eq!(
        err,
        Some(DocumentError::MissingGlyph {
            ch: '\u{1F600}',
            text: "猕猴桃\n好吃 \u{1F600}".into()
        })
    );
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("U+1F600"), "{message}");

    let mut s = chinese_five_lines();
    s.farmer_name = "王\u{E000}国".into();
    assert_eq!(
        render_statement(&s).err(),
        Some(DocumentError::MissingGlyph {
            ch: '\u{E000}',
            text: "王\u{E000}国".into()
        })
    );
}

#[test]
fn several_statements_each_start_on_their_own_page_with_their_own_page_numbers() {
    let first = chinese_five_lines();
    let second = many_lines(Language::Zh, "李秀英", 70);
    let third = statement(Language::Zh, "张德福", 50_000, &[]);
    let pdf = render_statements(&[first.clone(), second.clone(), third.clone()])
        .unwrap_or_else(|e| panic!("{e}"));
    let dir = temp();
    let path = write(dir.path(), "all.pdf", &pdf);

    let second_pages = pages(&write(dir.path(), "second.pdf", &render(&second)));
    assert!(second_pages > 1);
    let count = pages(&path);
    assert_eq!(count, 1 + second_pages + 1);

    let owner = |page: usize| {
        let text = page_text(&path, page);
        let names: Vec<&str> = ["王建国", "李秀英", "张德福"]
            .into_iter()
            .filter(|n| has(&text, n))
            .collect();
        assert_eq!(names.len(), 1, "page {page} names {names:?}:\n{text}");
        (names[0], text)
    };
    let (name, text) = owner(1);
    assert_eq!(name, "王建国");
    assert!(has(&text, "对账单") && has(&text, "第 1 / 1 页"), "{text}");
    for i in 0..second_pages {
        let (name, text) = owner(2 + i);
        assert_eq!(name, "李秀英");
        assert!(
            has(&text, &format!("第 {} / {second_pages} 页", i + 1)),
            "{text}"
        );
    }
    let (name, text) = owner(count);
    assert_eq!(name, "张德福");
    assert!(
        has(&text, "本期没有往来") && has(&text, "第 1 / 1 页"),
        "{text}"
    );
    assert!(
        has(&text, "¥500.00"),
        "closing balance of an empty period:\n{text}"
    );
}

#[test]
fn no_statements_is_an_error_not_an_empty_pdf() {
    assert!(matches!(render_statements(&[]), Err(DocumentError::Pdf(_))));
}

/// Text data with line breaks still lays out as one line of the statement.
#[test]
fn line_breaks_in_data_print_as_spaces() {
    let mut s = chinese_five_lines();
    s.lines[2].description = "微信支付\n（转账）".into();
    let dir = temp();
    let text = text(&write(dir.path(), "nl.pdf", &render(&s)));
    assert!(
        text.lines().any(|line| has(line, "微信支付 （转账）")),
        "{text}"
    );
}

/// The amount counts above rely on whole tokens: "20.00" is not found inside "120.00".
#[test]
fn count_token_counts_whole_tokens_only() {
    assert_eq!(count_token("120.00  20.00\n", "20.00"), 1);
    assert_eq!(count_token("120.00  20.00\n", "120.00"), 1);
    assert_eq!(count_token("1120.00\n", "120.00"), 0);
}
