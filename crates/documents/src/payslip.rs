//! Payslips (工资条): what one employee (often a family member) earned in a month, what was
//! held back, and what they are paid, on A4.
//!
//! The application computes and formats every amount; this module only lays the slips out.
//! A slip short enough for half a sheet shares its A4 page with the next one, the two
//! separated by a dashed line to cut along; a taller slip gets whole pages of its own, its
//! table going on over the next page under a continuation header and the table's headings.
//!
//! A slip is a stack of blocks (the header, the table's headings, one row per pay line, the
//! totals, the year-to-date and payment lines, the signature line). Coordinates run from the
//! top-left corner of the page, in points, and each block's items from the block's top.
//!
//! **Invariant:** every string is checked against the fonts before anything is laid out (a
//! missing glyph is [`DocumentError::MissingGlyph`]), and every text is wrapped to the width
//! of its column, so nothing runs into the next column or off the page.

use printpdf::{
    LineDashPattern, Mm, Op, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions,
};

use crate::a4::{
    mm, CONTENT_BOTTOM, CONTENT_W, FOOTER_BASELINE, LEFT, MARGIN, PAGE_H, PAGE_H_MM, PAGE_W_MM,
    RIGHT,
};
use crate::canvas::{Canvas, Style};
use crate::font::{self, Fonts};
use crate::label::{check_controls, clean};
use crate::layout::FontIds;
use crate::wrap::wrap;
use crate::{DocumentError, Language, Result};

/// Everything printed on one employee's payslip for one month. Amounts come formatted as
/// yuan ("375.00", "-50.00"); the slip adds the "¥" and prints a leading minus as "−".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayslipDoc {
    /// The language of the headings; the data is already in it.
    pub language: Language,
    pub shop_name: String,
    /// The month paid for, "2026-11".
    pub month: String,
    pub employee: String,
    /// How the employee is related to the shop, "妻子" or "雇工"; may be empty.
    pub relation: String,
    /// When the slip was printed, "2026-11-30 17:30".
    pub printed_at: String,
    /// What makes up the gross pay; may be empty.
    pub lines: Vec<PayslipLine>,
    /// 应发合计.
    pub gross: String,
    /// 个人所得税 withheld.
    pub tax: String,
    /// How the tax was worked out, printed small beside it; empty when no tax is withheld.
    pub tax_explanation: String,
    /// 预支: paid out ahead during the month.
    pub advances: String,
    /// 其他扣款.
    pub deductions: String,
    /// 实发; negative when the advances exceed the pay.
    pub net: String,
    /// 本年累计 gross pay.
    pub gross_year_to_date: String,
    /// 本年累计 income tax.
    pub tax_year_to_date: String,
    /// How and when the net was paid, "¥300.00 微信 2026-11-01"; `None` when not paid yet.
    pub paid: Option<String>,
}

/// One part of the gross pay.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PayslipLine {
    /// "日工资".
    pub label: String,
    /// "出勤 2.5 天 × ¥150/天 = ¥375.00"; may be empty.
    pub explanation: String,
    /// Yuan, "375.00".
    pub amount: String,
}

/// Payslips as one PDF (A4 portrait), in the order given. Two slips share a page, one above
/// the other with a dashed line to cut along, when both fit half a page; a longer slip starts
/// on a new page and takes as many pages as it needs. An empty slice is an error: a PDF needs
/// at least one page.
pub fn render_payslips(slips: &[PayslipDoc]) -> Result<Vec<u8>> {
    let fonts = font::fonts()?;
    let Some(first) = slips.first() else {
        return Err(DocumentError::Pdf(
            "there is no payslip to print: choose at least one employee".into(),
        ));
    };
    for slip in slips {
        check(fonts, Words::for_language(slip.language), slip)?;
    }

    let words = Words::for_language(first.language);
    let title = match slips {
        [one] => format!(
            "{} {} {}",
            words.title,
            clean(&one.employee),
            clean(&one.month)
        ),
        _ => format!("{} {}", words.title, clean(&first.month)),
    };
    let mut doc = PdfDocument::new(&title);
    let ids = FontIds {
        latin: doc.add_font(&fonts.latin.parsed),
        cjk: doc.add_font(&fonts.cjk.parsed),
    };
    let pages = layout(fonts, &ids, slips);
    doc.with_pages(pages);

    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let bytes = doc.save(&options, &mut warnings);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if !errors.is_empty() {
        return Err(DocumentError::Pdf(errors.join("; ")));
    }
    Ok(bytes)
}

// ---- words ----

/// Every fixed word of a payslip in one language.
#[derive(Debug, Clone, Copy)]
struct Words {
    title: &'static str,
    continued: &'static str,
    employee: &'static str,
    month: &'static str,
    item: &'static str,
    details: &'static str,
    amount: &'static str,
    gross: &'static str,
    tax: &'static str,
    not_withheld: &'static str,
    advances: &'static str,
    deductions: &'static str,
    net: &'static str,
    negative: &'static str,
    signature: &'static str,
    date: &'static str,
    cut_here: &'static str,
    language: Language,
}

const ZH: Words = Words {
    title: "工资条",
    continued: "（续）",
    employee: "员工",
    month: "月份",
    item: "项目",
    details: "说明",
    amount: "金额",
    gross: "应发合计",
    tax: "个人所得税",
    not_withheld: "未代扣个人所得税",
    advances: "预支",
    deductions: "其他扣款",
    net: "实发",
    negative: "负数：本月扣款多于应发",
    signature: "员工签收",
    date: "日期",
    cut_here: "沿虚线剪开",
    language: Language::Zh,
};

const EN: Words = Words {
    title: "Payslip",
    continued: " (continued)",
    employee: "Employee",
    month: "Month",
    item: "Item",
    details: "Details",
    amount: "Amount",
    gross: "Gross pay",
    tax: "Income tax",
    not_withheld: "No income tax withheld",
    advances: "Advances",
    deductions: "Other deductions",
    net: "Net pay",
    negative: "Negative: deductions exceed this month's pay",
    signature: "Received by",
    date: "Date",
    cut_here: "cut here",
    language: Language::En,
};

impl Words {
    fn for_language(language: Language) -> &'static Words {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    /// "张秀兰（妻子）" / "Zhang Xiulan (wife)".
    fn person(&self, name: &str, relation: &str) -> String {
        match (self.language, relation.is_empty()) {
            (_, true) => name.to_string(),
            (Language::Zh, false) => format!("{name}（{relation}）"),
            (Language::En, false) => format!("{name} ({relation})"),
        }
    }

    fn year_to_date(&self, gross: &str, tax: &str) -> String {
        match self.language {
            Language::Zh => format!("本年累计：应发 {gross}，个人所得税 {tax}"),
            Language::En => format!("Year to date: gross pay {gross}, income tax {tax}"),
        }
    }

    fn paid(&self, paid: &str) -> String {
        match self.language {
            Language::Zh => format!("已支付：{paid}"),
            Language::En => format!("Paid: {paid}"),
        }
    }

    fn printed_at(&self, at: &str) -> String {
        match self.language {
            Language::Zh => format!("打印于 {at}"),
            Language::En => format!("Printed {at}"),
        }
    }

    fn page_of(&self, page: usize, pages: usize) -> String {
        match self.language {
            Language::Zh => format!("第 {page} / {pages} 页"),
            Language::En => format!("Page {page} / {pages}"),
        }
    }

    /// Every fixed text a payslip can print, for the glyph check.
    fn all(&self) -> Vec<String> {
        let mut all: Vec<String> = [
            self.title,
            self.continued,
            self.employee,
            self.month,
            self.item,
            self.details,
            self.amount,
            self.gross,
            self.tax,
            self.not_withheld,
            self.advances,
            self.deductions,
            self.net,
            self.negative,
            self.signature,
            self.date,
            self.cut_here,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        all.extend([
            self.person("", "x"),
            self.year_to_date("", ""),
            self.paid(""),
            self.printed_at(""),
            self.page_of(1234567890, 1234567890),
            money("-1234567890.00"),
            " · ".to_string(),
        ]);
        all
    }
}

/// A pre-formatted amount as printed: "¥375.00", and "−¥50.00" for "-50.00" (a true minus
/// sign, which reads more clearly than a hyphen). Text that is not a number is left as it is.
fn money(amount: &str) -> String {
    let amount = clean(amount);
    let (negative, rest) = match amount
        .strip_prefix('-')
        .or_else(|| amount.strip_prefix('−'))
    {
        Some(rest) => (true, rest.trim_start()),
        None => (false, amount.as_str()),
    };
    let digits = rest.trim_start_matches(['¥', '￥']).trim_start();
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return amount;
    }
    let sign = if negative { "−" } else { "" };
    format!("{sign}¥{digits}")
}

fn is_negative(amount: &str) -> bool {
    clean(amount).starts_with(['-', '−'])
}

/// Fails with the first string the fonts cannot draw (named as the caller gave it), or the
/// first invisible control character.
fn check(fonts: &Fonts, words: &Words, s: &PayslipDoc) -> Result<()> {
    for text in words.all() {
        fonts.check(&text)?;
    }
    let mut fields: Vec<(&'static str, &str)> = vec![
        ("shop name", &s.shop_name),
        ("month", &s.month),
        ("employee", &s.employee),
        ("relation", &s.relation),
        ("printing time", &s.printed_at),
    ];
    for line in &s.lines {
        fields.push(("pay line", &line.label));
        fields.push(("pay line explanation", &line.explanation));
        fields.push(("pay line amount", &line.amount));
    }
    fields.extend([
        ("gross pay", s.gross.as_str()),
        ("income tax", &s.tax),
        ("tax explanation", &s.tax_explanation),
        ("advances", &s.advances),
        ("deductions", &s.deductions),
        ("net pay", &s.net),
        ("gross pay this year", &s.gross_year_to_date),
        ("income tax this year", &s.tax_year_to_date),
    ]);
    if let Some(paid) = &s.paid {
        fields.push(("payment", paid));
    }
    for (field, text) in fields {
        check_controls(field, text)?;
        fonts.check(text)?;
    }
    Ok(())
}

// ---- geometry ----

// Font sizes.
const SHOP_SIZE: f32 = 13.0;
const TITLE_SIZE: f32 = 18.0;
const CONT_TITLE_SIZE: f32 = 12.0;
const LABEL_SIZE: f32 = 9.0;
const NAME_SIZE: f32 = 12.0;
const HEAD_SIZE: f32 = 9.0;
const LINE_SIZE: f32 = 9.5;
const DETAILS_SIZE: f32 = 9.0;
const SMALL_SIZE: f32 = 8.0;
const NET_LABEL_SIZE: f32 = 11.0;
const NET_SIZE: f32 = 12.5;
const NOTE_SIZE: f32 = 9.0;
const SIGN_SIZE: f32 = 10.0;
const FOOTER_SIZE: f32 = 8.0;

// Line pitches.
const SHOP_LINE_H: f32 = SHOP_SIZE * 1.25;
const NAME_LINE_H: f32 = NAME_SIZE * 1.3;
const LINE_H: f32 = 13.0;
const DETAILS_LINE_H: f32 = 12.5;
const SMALL_LINE_H: f32 = 10.5;
const NET_LINE_H: f32 = 17.0;
const NOTE_LINE_H: f32 = 12.5;

// Greys: 0 is black, 1 is white.
const INK: f32 = 0.0;
const DETAILS_INK: f32 = 0.2;
const MUTED: f32 = 0.35;
const RULE_DARK: f32 = 0.2;
const RULE_LIGHT: f32 = 0.7;
const HEADER_SHADE: f32 = 0.88;
const NET_SHADE: f32 = 0.92;

// The table.
const CELL_PAD_X: f32 = mm(1.8);
const ROW_PAD_Y: f32 = 3.5;
const HEAD_H: f32 = 17.0;
const ITEM_W: f32 = mm(34.0);
const AMOUNT_W: f32 = mm(36.0);
/// Left edges of the three columns (item, details, amount) and the right edge.
const COLUMNS: [f32; 4] = [LEFT, LEFT + ITEM_W, RIGHT - AMOUNT_W, RIGHT];
const ITEM: usize = 0;
const DETAILS: usize = 1;
const AMOUNT: usize = 2;
/// A longer explanation goes on in a row of its own, so that no row is taller than a page.
const MAX_ROW_LINES: usize = 25;

/// The middle of the page, where the cut line runs between two slips.
const CUT_Y: f32 = PAGE_H / 2.0;
/// Room between the cut line and either slip.
const CUT_GAP: f32 = mm(8.0);
/// Where a slip may go on a shared page: the top half, then the bottom half.
const HALVES: [(f32, f32); 2] = [
    (MARGIN, CUT_Y - CUT_GAP),
    (CUT_Y + CUT_GAP, PAGE_H - MARGIN),
];
/// The tallest slip that shares a page.
const HALF_H: f32 = CUT_Y - CUT_GAP - MARGIN;

/// The room for text in a column.
fn cell_w(column: usize) -> f32 {
    COLUMNS[column + 1] - COLUMNS[column] - 2.0 * CELL_PAD_X
}

/// `size`, or smaller so that `text` fits `width`: for amounts, which must stay on one line.
fn fit(fonts: &Fonts, text: &str, size: f32, width: f32) -> f32 {
    let natural = fonts.width(text, size);
    if natural <= width {
        size
    } else {
        size * width / natural
    }
}

// ---- slips as blocks ----

/// How a piece of text is printed.
const fn style(size: f32, grey: f32, bold: bool) -> Style {
    Style { size, grey, bold }
}

/// One thing drawn in a block, placed from the block's top.
#[derive(Debug, Clone)]
enum Item {
    /// Text starting at `x`, on the baseline `dy` below the block's top.
    Left {
        x: f32,
        dy: f32,
        style: Style,
        text: String,
    },
    /// Text ending at `right`.
    Right {
        right: f32,
        dy: f32,
        style: Style,
        text: String,
    },
    /// A horizontal rule.
    Rule {
        from: f32,
        to: f32,
        dy: f32,
        width: f32,
        grey: f32,
    },
    /// A filled band.
    Fill {
        x: f32,
        dy: f32,
        width: f32,
        height: f32,
        grey: f32,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Outside the table.
    Free,
    /// The table's headings: kept with the row after them.
    TableHead,
    /// A row of the table.
    Row,
}

/// A piece of a slip that is never split between pages.
#[derive(Debug, Clone)]
struct Block {
    height: f32,
    kind: Kind,
    items: Vec<Item>,
    /// Moves to the next page with the block after it rather than end a page.
    keep_with_next: bool,
}

/// One column of a table row: its lines, printed in one style at one pitch.
struct Cell {
    column: usize,
    lines: Vec<String>,
    style: Style,
    pitch: f32,
    right: bool,
}

impl Cell {
    /// `text` wrapped to its column.
    fn wrapped(fonts: &Fonts, column: usize, text: &str, style: Style, pitch: f32) -> Cell {
        let text = clean(text);
        let lines = if text.is_empty() {
            Vec::new()
        } else {
            wrap(fonts, &text, style.size, cell_w(column))
        };
        Cell {
            column,
            lines,
            style,
            pitch,
            right: false,
        }
    }

    /// An amount on one line at the right of the amount column, smaller if it is very long.
    fn amount(fonts: &Fonts, amount: &str, style: Style, pitch: f32) -> Cell {
        let text = money(amount);
        let size = fit(fonts, &text, style.size, cell_w(AMOUNT));
        Cell {
            column: AMOUNT,
            lines: vec![text],
            style: Style { size, ..style },
            pitch,
            right: true,
        }
    }
}

/// A table row of `cells`, their first lines on one baseline; `shade` fills it, `rule_above`
/// sets it off from the rows before. Rows over [`MAX_ROW_LINES`] are cut into several.
fn rows(fonts: &Fonts, cells: Vec<Cell>, shade: Option<f32>, rule_above: bool) -> Vec<Block> {
    let longest = cells.iter().map(|c| c.lines.len()).max().unwrap_or(0);
    if longest > MAX_ROW_LINES {
        // The first row keeps every column's first lines; the rest go on below.
        let mut first = Vec::new();
        let mut rest = Vec::new();
        for mut cell in cells {
            let tail = cell.lines.split_off(cell.lines.len().min(MAX_ROW_LINES));
            if !tail.is_empty() {
                rest.push(Cell {
                    lines: tail,
                    ..cell
                });
            }
            first.push(cell);
        }
        let mut blocks = rows(fonts, first, shade, rule_above);
        blocks.extend(rows(fonts, rest, shade, false));
        return blocks;
    }

    let (asc, desc) = (fonts.ascent, fonts.descent);
    let size = cells.iter().map(|c| c.style.size).fold(0.0, f32::max);
    let pitch = cells.iter().map(|c| c.pitch).fold(LINE_H, f32::max);
    // Centres the first line in its pitch, and leaves as much below the last.
    let lead = ((pitch - (asc + desc) * size) / 2.0).max(0.0);
    let first_baseline = ROW_PAD_Y + lead + asc * size;
    let bottom = cells
        .iter()
        .filter(|c| !c.lines.is_empty())
        .map(|c| first_baseline + (c.lines.len() - 1) as f32 * c.pitch + desc * c.style.size)
        .fold(first_baseline + desc * size, f32::max);
    let height = bottom + lead + ROW_PAD_Y;

    let mut items = Vec::new();
    if let Some(grey) = shade {
        items.push(Item::Fill {
            x: LEFT,
            dy: 0.0,
            width: CONTENT_W,
            height,
            grey,
        });
    }
    for cell in cells {
        for (i, text) in cell.lines.into_iter().enumerate() {
            let dy = first_baseline + i as f32 * cell.pitch;
            items.push(if cell.right {
                Item::Right {
                    right: COLUMNS[cell.column + 1] - CELL_PAD_X,
                    dy,
                    style: cell.style,
                    text,
                }
            } else {
                Item::Left {
                    x: COLUMNS[cell.column] + CELL_PAD_X,
                    dy,
                    style: cell.style,
                    text,
                }
            });
        }
    }
    if rule_above {
        items.push(Item::Rule {
            from: LEFT,
            to: RIGHT,
            dy: 0.0,
            width: 0.8,
            grey: RULE_DARK,
        });
    }
    items.push(Item::Rule {
        from: LEFT,
        to: RIGHT,
        dy: height,
        width: 0.5,
        grey: RULE_LIGHT,
    });
    vec![Block {
        height,
        kind: Kind::Row,
        items,
        keep_with_next: false,
    }]
}

/// Lines of free text across the page, `gap` below what comes before.
fn paragraph(fonts: &Fonts, text: &str, style: Style, pitch: f32, gap: f32) -> Block {
    let lines = wrap(fonts, &clean(text), style.size, CONTENT_W);
    let first = gap + fonts.ascent * style.size;
    let items = lines
        .iter()
        .enumerate()
        .map(|(i, line)| Item::Left {
            x: LEFT,
            dy: first + i as f32 * pitch,
            style,
            text: line.clone(),
        })
        .collect();
    Block {
        height: first + (lines.len() - 1) as f32 * pitch + fonts.descent * style.size,
        kind: Kind::Free,
        items,
        keep_with_next: false,
    }
}

/// The top of a slip: shop and title, a rule, then the employee and the month.
fn header(fonts: &Fonts, words: &Words, s: &PayslipDoc) -> Block {
    let (asc, desc) = (fonts.ascent, fonts.descent);
    let mut items = Vec::new();
    let title_baseline = asc * TITLE_SIZE;
    items.push(Item::Right {
        right: RIGHT,
        dy: title_baseline,
        style: style(TITLE_SIZE, INK, true),
        text: words.title.to_string(),
    });
    let title_w = fonts.width(words.title, TITLE_SIZE);
    let shop = wrap(
        fonts,
        &clean(&s.shop_name),
        SHOP_SIZE,
        CONTENT_W - title_w - mm(10.0),
    );
    for (i, line) in shop.iter().enumerate() {
        items.push(Item::Left {
            x: LEFT,
            dy: title_baseline + i as f32 * SHOP_LINE_H,
            style: style(SHOP_SIZE, INK, true),
            text: line.clone(),
        });
    }
    let mut y = (title_baseline + desc * TITLE_SIZE)
        .max(title_baseline + (shop.len() - 1) as f32 * SHOP_LINE_H + desc * SHOP_SIZE)
        + 3.0;
    items.push(Item::Rule {
        from: LEFT,
        to: RIGHT,
        dy: y,
        width: 1.0,
        grey: RULE_DARK,
    });
    y += 7.0;

    // The month at the right, its label before it; the employee takes the rest of the line.
    let label = style(LABEL_SIZE, MUTED, false);
    let value = style(NAME_SIZE, INK, true);
    let baseline = y + asc * NAME_SIZE;
    let month = clean(&s.month);
    let month_w = fonts.width(&month, NAME_SIZE);
    items.push(Item::Right {
        right: RIGHT,
        dy: baseline,
        style: value,
        text: month.clone(),
    });
    let month_label_right = RIGHT - month_w - 5.0;
    items.push(Item::Right {
        right: month_label_right,
        dy: baseline,
        style: label,
        text: words.month.to_string(),
    });
    let month_left = month_label_right - fonts.width(words.month, LABEL_SIZE);
    items.push(Item::Left {
        x: LEFT,
        dy: baseline,
        style: label,
        text: words.employee.to_string(),
    });
    let name_x = LEFT + fonts.width(words.employee, LABEL_SIZE) + 5.0;
    let person = words.person(&clean(&s.employee), &clean(&s.relation));
    let name = wrap(fonts, &person, NAME_SIZE, month_left - mm(8.0) - name_x);
    for (i, line) in name.iter().enumerate() {
        items.push(Item::Left {
            x: name_x,
            dy: baseline + i as f32 * NAME_LINE_H,
            style: value,
            text: line.clone(),
        });
    }
    let bottom = baseline + (name.len() - 1) as f32 * NAME_LINE_H + desc * NAME_SIZE;
    Block {
        height: bottom + 9.0,
        kind: Kind::Free,
        items,
        keep_with_next: false,
    }
}

/// The top of a slip's second and later pages: the shop, the employee and the month, and
/// the title marked (续).
fn continuation_header(fonts: &Fonts, words: &Words, s: &PayslipDoc) -> Block {
    let title = format!("{}{}", words.title, words.continued);
    let title_w = fonts.width(&title, CONT_TITLE_SIZE);
    let baseline = fonts.ascent * CONT_TITLE_SIZE;
    let mut items = vec![Item::Right {
        right: RIGHT,
        dy: baseline,
        style: style(CONT_TITLE_SIZE, INK, true),
        text: title,
    }];
    let who = format!(
        "{} · {} · {}",
        clean(&s.shop_name),
        words.person(&clean(&s.employee), &clean(&s.relation)),
        clean(&s.month)
    );
    let lines = wrap(fonts, &who, LABEL_SIZE, CONTENT_W - title_w - mm(8.0));
    let pitch = LABEL_SIZE * 1.3;
    for (i, line) in lines.iter().enumerate() {
        items.push(Item::Left {
            x: LEFT,
            dy: baseline + i as f32 * pitch,
            style: style(LABEL_SIZE, MUTED, false),
            text: line.clone(),
        });
    }
    let rule = (baseline + fonts.descent * CONT_TITLE_SIZE)
        .max(baseline + (lines.len() - 1) as f32 * pitch + fonts.descent * LABEL_SIZE)
        + 5.0;
    items.push(Item::Rule {
        from: LEFT,
        to: RIGHT,
        dy: rule,
        width: 1.0,
        grey: RULE_DARK,
    });
    Block {
        height: rule + 10.0,
        kind: Kind::Free,
        items,
        keep_with_next: false,
    }
}

/// The shaded row of column headings.
fn table_head(fonts: &Fonts, words: &Words) -> Block {
    let glyphs = (fonts.ascent + fonts.descent) * HEAD_SIZE;
    let dy = (HEAD_H - glyphs) / 2.0 + fonts.ascent * HEAD_SIZE;
    let head = style(HEAD_SIZE, INK, true);
    Block {
        height: HEAD_H,
        kind: Kind::TableHead,
        keep_with_next: true,
        items: vec![
            Item::Fill {
                x: LEFT,
                dy: 0.0,
                width: CONTENT_W,
                height: HEAD_H,
                grey: HEADER_SHADE,
            },
            Item::Left {
                x: COLUMNS[ITEM] + CELL_PAD_X,
                dy,
                style: head,
                text: words.item.to_string(),
            },
            Item::Left {
                x: COLUMNS[DETAILS] + CELL_PAD_X,
                dy,
                style: head,
                text: words.details.to_string(),
            },
            Item::Right {
                right: COLUMNS[AMOUNT + 1] - CELL_PAD_X,
                dy,
                style: head,
                text: words.amount.to_string(),
            },
            Item::Rule {
                from: LEFT,
                to: RIGHT,
                dy: HEAD_H,
                width: 0.8,
                grey: RULE_DARK,
            },
        ],
    }
}

/// "员工签收 ______  日期 ______", and when the slip was printed at the right (or under them
/// when there is no room beside them).
fn signature(fonts: &Fonts, words: &Words, s: &PayslipDoc) -> Block {
    let gap = 22.0;
    let baseline = gap + fonts.ascent * SIGN_SIZE;
    let text = style(SIGN_SIZE, INK, false);
    let mut items = Vec::new();
    let mut x = LEFT;
    for (label, line_w) in [(words.signature, mm(50.0)), (words.date, mm(32.0))] {
        items.push(Item::Left {
            x,
            dy: baseline,
            style: text,
            text: label.to_string(),
        });
        x += fonts.width(label, SIGN_SIZE) + 4.0;
        items.push(Item::Rule {
            from: x,
            to: x + line_w,
            dy: baseline + 2.0,
            width: 0.6,
            grey: INK,
        });
        x += line_w + mm(8.0);
    }
    let printed = words.printed_at(&clean(&s.printed_at));
    let printed_style = style(SMALL_SIZE, MUTED, false);
    let printed_w = fonts.width(&printed, SMALL_SIZE);
    let mut bottom = baseline + fonts.descent * SIGN_SIZE;
    if x + printed_w <= RIGHT {
        items.push(Item::Right {
            right: RIGHT,
            dy: baseline,
            style: printed_style,
            text: printed,
        });
    } else {
        let lines = wrap(fonts, &printed, SMALL_SIZE, CONTENT_W);
        for line in lines {
            let dy = bottom + 4.0 + fonts.ascent * SMALL_SIZE;
            items.push(Item::Left {
                x: LEFT,
                dy,
                style: printed_style,
                text: line,
            });
            bottom = dy + fonts.descent * SMALL_SIZE;
        }
    }
    Block {
        height: bottom,
        kind: Kind::Free,
        items,
        keep_with_next: false,
    }
}

/// A whole slip, top to bottom (without the continuation header its later pages get).
fn slip_blocks(fonts: &Fonts, words: &Words, s: &PayslipDoc) -> Vec<Block> {
    let line = style(LINE_SIZE, INK, false);
    let details = style(DETAILS_SIZE, DETAILS_INK, false);
    let small = style(SMALL_SIZE, MUTED, false);
    let bold = style(LINE_SIZE, INK, true);
    let label = |text: &str, st: Style| Cell::wrapped(fonts, ITEM, text, st, LINE_H);

    let mut blocks = vec![header(fonts, words, s), table_head(fonts, words)];
    for l in &s.lines {
        blocks.extend(rows(
            fonts,
            vec![
                label(&l.label, line),
                Cell::wrapped(fonts, DETAILS, &l.explanation, details, DETAILS_LINE_H),
                Cell::amount(fonts, &l.amount, line, LINE_H),
            ],
            None,
            false,
        ));
    }
    // The totals, the year to date and the signature stay together.
    let totals = blocks.len();
    blocks.extend(rows(
        fonts,
        vec![
            label(words.gross, bold),
            Cell::amount(fonts, &s.gross, bold, LINE_H),
        ],
        None,
        true,
    ));
    let tax_explanation = match clean(&s.tax_explanation) {
        e if e.is_empty() => words.not_withheld.to_string(),
        e => e,
    };
    blocks.extend(rows(
        fonts,
        vec![
            label(words.tax, line),
            Cell::wrapped(fonts, DETAILS, &tax_explanation, small, SMALL_LINE_H),
            Cell::amount(fonts, &s.tax, line, LINE_H),
        ],
        None,
        false,
    ));
    for (name, amount) in [
        (words.advances, &s.advances),
        (words.deductions, &s.deductions),
    ] {
        blocks.extend(rows(
            fonts,
            vec![label(name, line), Cell::amount(fonts, amount, line, LINE_H)],
            None,
            false,
        ));
    }
    let mut net = vec![
        Cell::wrapped(
            fonts,
            ITEM,
            words.net,
            style(NET_LABEL_SIZE, INK, true),
            NET_LINE_H,
        ),
        Cell::amount(fonts, &s.net, style(NET_SIZE, INK, true), NET_LINE_H),
    ];
    if is_negative(&s.net) {
        net.push(Cell::wrapped(
            fonts,
            DETAILS,
            words.negative,
            style(NOTE_SIZE, INK, false),
            NOTE_LINE_H,
        ));
    }
    blocks.extend(rows(fonts, net, Some(NET_SHADE), true));

    let info = style(DETAILS_SIZE, INK, false);
    let ytd = words.year_to_date(&money(&s.gross_year_to_date), &money(&s.tax_year_to_date));
    blocks.push(paragraph(fonts, &ytd, info, DETAILS_LINE_H, 8.0));
    if let Some(paid) = &s.paid {
        let paid = words.paid(&clean(paid));
        blocks.push(paragraph(fonts, &paid, info, DETAILS_LINE_H, 4.0));
    }
    blocks.push(signature(fonts, words, s));
    let last = blocks.len() - 1;
    for block in &mut blocks[totals..last] {
        block.keep_with_next = true;
    }
    blocks
}

fn total_height(blocks: &[Block]) -> f32 {
    blocks.iter().map(|b| b.height).sum()
}

// ---- pages ----

fn layout(fonts: &Fonts, ids: &FontIds, slips: &[PayslipDoc]) -> Vec<PdfPage> {
    let slips: Vec<(&PayslipDoc, Vec<Block>)> = slips
        .iter()
        .map(|s| (s, slip_blocks(fonts, Words::for_language(s.language), s)))
        .collect();
    let fits_half = |blocks: &[Block]| total_height(blocks) <= HALF_H;
    let mut pages = Vec::new();
    let mut i = 0;
    while i < slips.len() {
        let (slip, blocks) = &slips[i];
        if fits_half(blocks) {
            let mut page = Canvas::new(fonts, ids);
            page.blocks(blocks, HALVES[0].0);
            page.cut_line(Words::for_language(slip.language));
            i += 1;
            if let Some((_, next)) = slips.get(i).filter(|(_, b)| fits_half(b)) {
                page.blocks(next, HALVES[1].0);
                i += 1;
            }
            pages.push(page.ops);
        } else {
            pages.extend(whole_pages(fonts, ids, slip, blocks));
            i += 1;
        }
    }
    pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), ops))
        .collect()
}

/// A slip too tall for half a page, on pages of its own with page numbers. Its table goes on
/// over the next page under a continuation header and the table's headings.
fn whole_pages(fonts: &Fonts, ids: &FontIds, s: &PayslipDoc, blocks: &[Block]) -> Vec<Vec<Op>> {
    let words = Words::for_language(s.language);
    let head = table_head(fonts, words);
    let cont = continuation_header(fonts, words, s);
    let mut pages = Vec::new();
    let mut page = Canvas::new(fonts, ids);
    let mut y = MARGIN;
    let mut fresh = true;
    let mut table_top: Option<f32> = None;
    for (i, block) in blocks.iter().enumerate() {
        // A block kept with the next moves with it (and so with a chain of them), unless the
        // chain is too tall for a fresh page.
        let chain = blocks[i..]
            .iter()
            .position(|b| !b.keep_with_next)
            .map_or(blocks.len(), |n| i + n + 1);
        let mut need: f32 = total_height(&blocks[i..chain]);
        if need > CONTENT_BOTTOM - MARGIN - cont.height - head.height {
            need = block.height;
        }
        if !fresh && y + need > CONTENT_BOTTOM {
            if let Some(top) = table_top.take() {
                page.slip_table_frame(top, y);
            }
            pages.push(std::mem::replace(&mut page, Canvas::new(fonts, ids)));
            y = MARGIN;
            page.block(&cont, y);
            y += cont.height;
            if block.kind == Kind::Row {
                table_top = Some(y);
                page.block(&head, y);
                y += head.height;
            }
        }
        fresh = false;
        match block.kind {
            Kind::TableHead => table_top = Some(y),
            Kind::Free => {
                if let Some(top) = table_top.take() {
                    page.slip_table_frame(top, y);
                }
            }
            Kind::Row => {}
        }
        page.block(block, y);
        y += block.height;
    }
    if let Some(top) = table_top {
        page.slip_table_frame(top, y);
    }
    pages.push(page);

    let count = pages.len();
    let left = format!(
        "{} · {} · {}",
        words.title,
        clean(&s.employee),
        clean(&s.month)
    );
    pages
        .into_iter()
        .enumerate()
        .map(|(i, mut page)| {
            page.slip_footer(&left, &words.page_of(i + 1, count));
            page.ops
        })
        .collect()
}

// ---- drawing ----

impl<'a> Canvas<'a> {
    /// Blocks one under the other from `top`, with the table's frame around its rows.
    fn blocks(&mut self, blocks: &[Block], top: f32) {
        let mut y = top;
        let mut table_top = None;
        for block in blocks {
            match block.kind {
                Kind::TableHead => table_top = Some(y),
                Kind::Free => {
                    if let Some(t) = table_top.take() {
                        self.slip_table_frame(t, y);
                    }
                }
                Kind::Row => {}
            }
            self.block(block, y);
            y += block.height;
        }
        if let Some(t) = table_top {
            self.slip_table_frame(t, y);
        }
    }

    fn block(&mut self, block: &Block, top: f32) {
        // Fills first, so that no band covers the text or rules of its own block.
        for item in &block.items {
            if let Item::Fill {
                x,
                dy,
                width,
                height,
                grey: g,
            } = item
            {
                self.fill(*x, top + dy, *width, *height, *g);
            }
        }
        for item in &block.items {
            match item {
                Item::Left { x, dy, style, text } => self.styled(*x, top + dy, *style, text),
                Item::Right {
                    right,
                    dy,
                    style,
                    text,
                } => {
                    let w = self.fonts.width(text, style.size);
                    self.styled(right - w, top + dy, *style, text);
                }
                Item::Rule {
                    from,
                    to,
                    dy,
                    width,
                    grey: g,
                } => self.line((*from, top + dy), (*to, top + dy), *width, *g),
                Item::Fill { .. } => {}
            }
        }
    }

    /// Outer border and the column rules, from `top` to `bottom`.
    fn slip_table_frame(&mut self, top: f32, bottom: f32) {
        for x in &COLUMNS[1..COLUMNS.len() - 1] {
            self.line((*x, top), (*x, bottom), 0.4, RULE_LIGHT);
        }
        self.frame(LEFT, top, CONTENT_W, bottom - top, 0.8, RULE_DARK);
    }

    /// The dashed line across the middle of the page, with "沿虚线剪开" in a gap in it.
    fn cut_line(&mut self, words: &Words) {
        let st = style(SMALL_SIZE, MUTED, false);
        let w = self.fonts.width(words.cut_here, SMALL_SIZE);
        let centre = (LEFT + RIGHT) / 2.0;
        let glyphs = (self.fonts.ascent + self.fonts.descent) * SMALL_SIZE;
        let baseline = CUT_Y - glyphs / 2.0 + self.fonts.ascent * SMALL_SIZE;
        self.styled(centre - w / 2.0, baseline, st, words.cut_here);
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetLineDashPattern {
                dash: LineDashPattern::new(0.0, &[4.0, 3.0]),
            },
        ]);
        let gap = w / 2.0 + 6.0;
        self.line((0.0, CUT_Y), (centre - gap, CUT_Y), 0.5, MUTED);
        self.line(
            (centre + gap, CUT_Y),
            (crate::a4::PAGE_W, CUT_Y),
            0.5,
            MUTED,
        );
        self.ops.push(Op::RestoreGraphicsState);
    }

    fn slip_footer(&mut self, left: &str, page: &str) {
        let rule = FOOTER_BASELINE - FOOTER_SIZE - 6.0;
        self.line((LEFT, rule), (RIGHT, rule), 0.4, RULE_LIGHT);
        let st = style(FOOTER_SIZE, MUTED, false);
        let page_w = self.fonts.width(page, FOOTER_SIZE);
        let lines = wrap(self.fonts, left, FOOTER_SIZE, CONTENT_W - page_w - mm(8.0));
        if let Some(first) = lines.first() {
            self.styled(LEFT, FOOTER_BASELINE, st, first);
        }
        self.styled(RIGHT - page_w, FOOTER_BASELINE, st, page);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        font::fonts().unwrap_or_else(|e| panic!("{e}"))
    }

    fn sample() -> PayslipDoc {
        PayslipDoc {
            language: Language::Zh,
            shop_name: "修文山里人家猕猴桃".into(),
            month: "2026-11".into(),
            employee: "张秀兰".into(),
            relation: "妻子".into(),
            printed_at: "2026-11-30 17:30".into(),
            lines: vec![PayslipLine {
                label: "日工资".into(),
                explanation: "出勤 2.5 天 × ¥150/天 = ¥375.00".into(),
                amount: "375.00".into(),
            }],
            gross: "375.00".into(),
            tax: "0.00".into(),
            tax_explanation: String::new(),
            advances: "0.00".into(),
            deductions: "0.00".into(),
            net: "375.00".into(),
            gross_year_to_date: "4,125.00".into(),
            tax_year_to_date: "0.00".into(),
            paid: None,
        }
    }

    #[test]
    fn every_word_is_in_the_font() {
        for words in [&ZH, &EN] {
            for text in words.all() {
                if let Err(e) = fonts().check(&text) {
                    panic!("{e}");
                }
            }
        }
    }

    #[test]
    fn amounts_get_a_yuan_sign_and_a_true_minus() {
        assert_eq!(money("375.00"), "¥375.00");
        assert_eq!(money("-50.00"), "−¥50.00");
        assert_eq!(money("−¥50.00"), "−¥50.00");
        assert_eq!(money("¥1,200.00"), "¥1,200.00");
        assert_eq!(money(""), "");
        assert_eq!(money("—"), "—");
        assert!(is_negative(" -0.50"));
        assert!(!is_negative("0.50"));
    }

    /// A translated heading or summary label wider than its column would run into the next.
    #[test]
    fn every_heading_and_label_fits_its_column() {
        for words in [&ZH, &EN] {
            for (column, text, size) in [
                (ITEM, words.item, HEAD_SIZE),
                (DETAILS, words.details, HEAD_SIZE),
                (AMOUNT, words.amount, HEAD_SIZE),
                (ITEM, words.gross, LINE_SIZE),
                (ITEM, words.tax, LINE_SIZE),
                (ITEM, words.advances, LINE_SIZE),
                (ITEM, words.deductions, LINE_SIZE),
                (ITEM, words.net, NET_LABEL_SIZE),
            ] {
                let width = fonts().width(text, size);
                assert!(width <= cell_w(column), "{text:?} is {width} pt");
            }
        }
    }

    /// An ordinary month's slip, even with a few pay lines, a long tax explanation and a
    /// payment, fits half a sheet.
    #[test]
    fn an_ordinary_slip_fits_half_a_page() {
        let mut s = sample();
        s.lines = (0..4).map(|_| s.lines[0].clone()).collect();
        s.tax_explanation = "累计预扣法：本年累计收入减去累计减除费用 ¥5,000/月，\
                             按 3% 预扣率计算，减去已预扣税额"
            .into();
        s.paid = Some("¥300.00 微信 2026-11-01".into());
        for language in [Language::Zh, Language::En] {
            s.language = language;
            let h = total_height(&slip_blocks(fonts(), Words::for_language(language), &s));
            assert!(h <= HALF_H, "{h} pt > {HALF_H} pt");
        }
    }

    /// Every text of every block stays inside its column or the page's margins.
    #[test]
    fn every_text_stays_inside_its_column() {
        let mut s = sample();
        s.employee = "欧阳晓燕".repeat(12);
        s.shop_name = "修文山里人家猕猴桃合作社".repeat(6);
        s.lines[0].label = "加班工资（节假日三倍）".repeat(3);
        s.lines[0].explanation = "出勤 2.5 天 × ¥150/天 = ¥375.00 ".repeat(40);
        s.lines[0].amount = "123456789012345.00".into();
        s.net = "-123456789012345.00".into();
        for language in [Language::Zh, Language::En] {
            s.language = language;
            let words = Words::for_language(language);
            let mut blocks = slip_blocks(fonts(), words, &s);
            blocks.push(continuation_header(fonts(), words, &s));
            for block in &blocks {
                assert!(block.height < CONTENT_BOTTOM - MARGIN, "{block:?}");
                for item in &block.items {
                    let (left, right, in_table) = match item {
                        Item::Left { x, style, text, .. } => (
                            *x,
                            x + fonts().width(text, style.size),
                            block.kind == Kind::Row,
                        ),
                        Item::Right {
                            right, style, text, ..
                        } => (
                            right - fonts().width(text, style.size),
                            *right,
                            block.kind == Kind::Row,
                        ),
                        _ => continue,
                    };
                    if in_table {
                        let column = (0..COLUMNS.len() - 1)
                            .rev()
                            .find(|&c| COLUMNS[c] <= left + 0.01)
                            .unwrap_or(0);
                        assert!(
                            right <= COLUMNS[column + 1] + 0.01,
                            "{item:?} leaves column {column}"
                        );
                    } else {
                        assert!(left >= LEFT - 0.01 && right <= RIGHT + 0.01, "{item:?}");
                    }
                }
            }
        }
    }
}
