//! Where everything goes on the A4 pages of a farmer statement, as printpdf operations.
//!
//! Coordinates here run from the top-left corner of the page, in points, like reading
//! order; [`Canvas`] flips them to PDF's bottom-left origin. Every text width comes from
//! [`Fonts::width`], so a cell's text is measured, wrapped or shrunk to stay inside its cell.

use std::collections::VecDeque;

use printpdf::{
    Color, FontId, Greyscale, Line, LinePoint, Mm, Op, PaintMode, PdfFontHandle, PdfPage, Point,
    Pt, Rect, TextItem,
};

use crate::a4::{
    mm, CONTENT_BOTTOM, CONTENT_W, FOOTER_BASELINE, LEFT, MARGIN, PAGE_H, PAGE_H_MM, PAGE_W_MM,
    RIGHT,
};
use crate::font::{Fonts, Which};
use crate::labels::Labels;
use crate::wrap::wrap;
use crate::{DocumentError, Statement, StatementLine};

// Font sizes, in points. The smallest text a farmer has to read is 9 pt.
const SHOP_NAME_SIZE: f32 = 18.0;
const TITLE_SIZE: f32 = 20.0;
const SMALL_SIZE: f32 = 9.0;
const INFO_LABEL_SIZE: f32 = 9.0;
const INFO_VALUE_SIZE: f32 = 10.5;
const FARMER_NAME_SIZE: f32 = 12.5;
const TABLE_SIZE: f32 = 9.5;
const CLOSING_LABEL_SIZE: f32 = 11.0;
const CLOSING_AMOUNT_SIZE: f32 = 15.0;
const SIGNATURE_SIZE: f32 = 10.0;
const FOOTER_SIZE: f32 = 8.0;

// Greys: 0 is black, 1 is white.
const INK: f32 = 0.0;
const MUTED: f32 = 0.35;
const RULE_DARK: f32 = 0.2;
const RULE_LIGHT: f32 = 0.7;
const HEADER_SHADE: f32 = 0.88;
const TOTALS_SHADE: f32 = 0.94;

// The table.
const CELL_PAD_X: f32 = mm(1.8);
const TABLE_LINE_H: f32 = 11.5;
const ROW_PAD_Y: f32 = 2.25;
const HEAD_H: f32 = 18.0;
const TOTALS_H: f32 = 18.0;
/// Column widths in points; the description takes what the others leave.
const DATE_W: f32 = mm(22.0);
const AMOUNT_W: f32 = mm(25.0);
const BALANCE_W: f32 = mm(27.0);

// Below the table on the last page.
const CLOSING_GAP: f32 = 10.0;
const CLOSING_H: f32 = 26.0;
const SIGNATURE_GAP: f32 = 4.0;
/// Room to sign above the first line, and a clear gap below the second.
const SIGNATURE_H: f32 = 56.0;
/// Room the end of a statement needs below its last line: totals, closing balance, signatures.
const TAIL_H: f32 = TOTALS_H + CLOSING_GAP + CLOSING_H + SIGNATURE_GAP + SIGNATURE_H;

/// Left edges of the five columns, and the table's right edge.
const COLUMNS: [f32; 6] = {
    let desc_w = CONTENT_W - DATE_W - 2.0 * AMOUNT_W - BALANCE_W;
    [
        LEFT,
        LEFT + DATE_W,
        LEFT + DATE_W + desc_w,
        LEFT + DATE_W + desc_w + AMOUNT_W,
        LEFT + DATE_W + desc_w + 2.0 * AMOUNT_W,
        RIGHT,
    ]
};
const DATE: usize = 0;
const DESCRIPTION: usize = 1;
const PURCHASED: usize = 2;
const PAID: usize = 3;
const BALANCE: usize = 4;

/// The PDF resources of the two faces.
pub(crate) struct FontIds {
    pub(crate) latin: FontId,
    pub(crate) cjk: FontId,
}

impl FontIds {
    fn get(&self, which: Which) -> &FontId {
        match which {
            Which::Latin => &self.latin,
            Which::Cjk => &self.cjk,
        }
    }
}

/// Fails with the first character, in any string the statement would print, that neither
/// font can draw. The error names the string as the caller gave it.
pub(crate) fn check_glyphs(font: &Fonts, s: &Statement) -> Result<(), DocumentError> {
    let labels = Labels::for_language(&s.language);
    for text in labels.all() {
        font.check(&text)?;
    }
    let fields = [
        &s.shop_name,
        &s.shop_phone,
        &s.shop_address,
        &s.farmer_name,
        &s.farmer_village,
        &s.farmer_phone,
        &s.from,
        &s.to,
        &s.opening_balance,
        &s.total_purchased,
        &s.total_paid,
        &s.closing_balance,
        &s.generated_at,
    ];
    for text in fields {
        font.check(text)?;
    }
    for line in &s.lines {
        let amounts = [&line.purchased, &line.paid].into_iter().flatten();
        for text in [&line.date, &line.description, &line.balance]
            .into_iter()
            .chain(amounts)
        {
            font.check(text)?;
        }
    }
    // The currency sign added to the boxed balances.
    font.check(&yuan("-0.00"))
}

/// Line breaks and tabs in data print as one space: a statement line is laid out by us.
fn clean(text: &str) -> String {
    text.split(|c: char| c.is_ascii_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "1200.00" as "¥1200.00", "-30.00" as "-¥30.00".
fn yuan(amount: &str) -> String {
    let amount = clean(amount);
    match amount.strip_prefix('-') {
        Some(rest) => format!("-¥{rest}"),
        None => format!("¥{amount}"),
    }
}

/// One row of the table, measured.
enum Row {
    Line {
        date: String,
        description: Vec<String>,
        purchased: String,
        paid: String,
        balance: String,
        height: f32,
    },
    /// A statement with no lines says so in its one row.
    Nothing { text: String, height: f32 },
}

impl Row {
    fn new(font: &Fonts, line: &StatementLine) -> Row {
        let width = COLUMNS[DESCRIPTION + 1] - COLUMNS[DESCRIPTION] - 2.0 * CELL_PAD_X;
        let description = wrap(font, &clean(&line.description), TABLE_SIZE, width);
        let height = line_rows_height(description.len());
        Row::Line {
            date: clean(&line.date),
            description,
            purchased: line.purchased.as_deref().map(clean).unwrap_or_default(),
            paid: line.paid.as_deref().map(clean).unwrap_or_default(),
            balance: clean(&line.balance),
            height,
        }
    }

    fn height(&self) -> f32 {
        match self {
            Row::Line { height, .. } | Row::Nothing { height, .. } => *height,
        }
    }

    /// Keeps the description lines that fit in `room` points and returns the others as a row
    /// of their own (no date, no amounts), or `None` when nothing has to move.
    fn split_off(&mut self, room: f32) -> Option<Row> {
        let Row::Line {
            description,
            height,
            ..
        } = self
        else {
            return None;
        };
        let fit = (((room - 2.0 * ROW_PAD_Y) / TABLE_LINE_H).floor() as usize).max(1);
        if fit >= description.len() {
            return None;
        }
        let rest = description.split_off(fit);
        *height = line_rows_height(description.len());
        Some(Row::Line {
            date: String::new(),
            height: line_rows_height(rest.len()),
            description: rest,
            purchased: String::new(),
            paid: String::new(),
            balance: String::new(),
        })
    }
}

/// Height of a table row with `lines` lines of text.
fn line_rows_height(lines: usize) -> f32 {
    lines as f32 * TABLE_LINE_H + 2.0 * ROW_PAD_Y
}

/// All pages of one statement.
pub(crate) fn statement_pages(font: &Fonts, font_ids: &FontIds, s: &Statement) -> Vec<PdfPage> {
    let labels = Labels::for_language(&s.language);
    let rows: Vec<Row> = if s.lines.is_empty() {
        vec![Row::Nothing {
            text: labels.no_lines.to_string(),
            height: line_rows_height(1),
        }]
    } else {
        s.lines.iter().map(|line| Row::new(font, line)).collect()
    };

    let mut pages = Vec::new();
    let mut page = Canvas::new(font, font_ids);
    let mut table_top = page.first_header(s, labels);
    let mut y = page.table_header(labels, table_top);
    let mut rows_on_page = 0;
    let mut queue: VecDeque<Row> = rows.into();
    while let Some(mut row) = queue.pop_front() {
        // The last line goes with the totals, so the totals never stand alone on a page.
        let needed = row.height() + if queue.is_empty() { TAIL_H } else { 0.0 };
        if y + needed > CONTENT_BOTTOM && rows_on_page > 0 {
            page.table_frame(table_top, y);
            pages.push(page);
            page = Canvas::new(font, font_ids);
            table_top = page.continuation_header(s, labels);
            y = page.table_header(labels, table_top);
            rows_on_page = 0;
        }
        // A description longer than a whole page goes on over the next page.
        if y + row.height() > CONTENT_BOTTOM {
            if let Some(rest) = row.split_off(CONTENT_BOTTOM - y) {
                queue.push_front(rest);
            }
        }
        page.row(&row, y);
        y += row.height();
        rows_on_page += 1;
    }
    // The last line fits but the totals and signatures do not: they go on a page of their own.
    if y + TAIL_H > CONTENT_BOTTOM {
        page.table_frame(table_top, y);
        pages.push(page);
        page = Canvas::new(font, font_ids);
        table_top = page.continuation_header(s, labels);
        y = page.table_header(labels, table_top);
    }
    page.totals(s, labels, y);
    y += TOTALS_H;
    page.table_frame(table_top, y);
    page.closing_balance(s, labels, y + CLOSING_GAP);
    page.signatures(labels);
    pages.push(page);

    let count = pages.len();
    pages
        .into_iter()
        .enumerate()
        .map(|(i, mut page)| {
            page.footer(s, labels, i + 1, count);
            PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), page.ops)
        })
        .collect()
}

/// One page's drawing operations, placed from the top-left corner.
struct Canvas<'a> {
    font: &'a Fonts,
    font_ids: &'a FontIds,
    ops: Vec<Op>,
}

impl<'a> Canvas<'a> {
    fn new(font: &'a Fonts, font_ids: &'a FontIds) -> Self {
        Canvas {
            font,
            font_ids,
            ops: Vec::new(),
        }
    }

    // ---- primitives ----

    fn text(&mut self, x: f32, baseline: f32, size: f32, grey: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor {
                col: grey_col(grey),
            },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(PAGE_H - baseline),
                },
            },
        ]);
        // Each run continues where the previous one left the pen.
        for (which, run) in self.font.runs(text) {
            self.ops.extend([
                Op::SetFont {
                    font: PdfFontHandle::External(self.font_ids.get(which).clone()),
                    size: Pt(size),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run.to_string())],
                },
            ]);
        }
        self.ops.push(Op::EndTextSection);
    }

    fn text_right(&mut self, right: f32, baseline: f32, size: f32, grey: f32, text: &str) {
        let width = self.font.width(text, size);
        self.text(right - width, baseline, size, grey, text);
    }

    /// Text in a cell of `width`, shrunk (never below two thirds) rather than overflowing.
    fn fitted_size(&self, text: &str, size: f32, width: f32) -> f32 {
        let natural = self.font.width(text, size);
        if natural <= width {
            size
        } else {
            (size * width / natural).max(size * 2.0 / 3.0)
        }
    }

    /// The baseline that centres one line of text of `size` in a band `height` high.
    fn baseline_in(&self, top: f32, height: f32, size: f32) -> f32 {
        let glyphs = (self.font.ascent + self.font.descent) * size;
        top + (height - glyphs) / 2.0 + self.font.ascent * size
    }

    fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, grey: f32) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor {
                col: grey_col(grey),
            },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(from), point(to)],
                    is_closed: false,
                },
            },
        ]);
    }

    fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, mode: PaintMode) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(PAGE_H - top - height),
                width: Pt(width),
                height: Pt(height),
                mode: Some(mode),
                winding_order: None,
            },
        });
    }

    fn fill(&mut self, x: f32, top: f32, width: f32, height: f32, grey: f32) {
        self.ops.push(Op::SetFillColor {
            col: grey_col(grey),
        });
        self.rect(x, top, width, height, PaintMode::Fill);
    }

    // ---- parts of the page ----

    /// Shop, title, farmer, period and opening balance. Returns where the table starts.
    fn first_header(&mut self, s: &Statement, labels: &Labels) -> f32 {
        let mut y = MARGIN;
        let title_w = self.font.width(labels.title, TITLE_SIZE);
        let name_lines = wrap(
            self.font,
            &clean(&s.shop_name),
            SHOP_NAME_SIZE,
            CONTENT_W - title_w - mm(10.0),
        );
        let first_baseline = y + self.font.ascent * TITLE_SIZE;
        self.text_right(RIGHT, first_baseline, TITLE_SIZE, INK, labels.title);
        for (i, line) in name_lines.iter().enumerate() {
            let baseline = first_baseline + i as f32 * SHOP_NAME_SIZE * 1.25;
            self.text(LEFT, baseline, SHOP_NAME_SIZE, INK, line);
        }
        y = first_baseline + (name_lines.len() - 1) as f32 * SHOP_NAME_SIZE * 1.25;
        y += self.font.descent * SHOP_NAME_SIZE + 4.0;

        let mut small = Vec::new();
        if !s.shop_phone.trim().is_empty() {
            small.push(format!("{} {}", labels.phone, clean(&s.shop_phone)));
        }
        if !s.shop_address.trim().is_empty() {
            small.push(format!("{} {}", labels.address, clean(&s.shop_address)));
        }
        for line in wrap(
            self.font,
            &small.join(labels.separator),
            SMALL_SIZE,
            CONTENT_W,
        ) {
            if line.is_empty() {
                continue;
            }
            y += 12.0;
            self.text(LEFT, y, SMALL_SIZE, MUTED, &line);
        }
        y += 8.0;
        self.line((LEFT, y), (RIGHT, y), 1.0, RULE_DARK);
        y += 8.0;

        // Two columns of label / value pairs: who (left) and when, how much (right).
        let split = LEFT + CONTENT_W * 0.52;
        let farmer = [
            (labels.farmer, clean(&s.farmer_name), FARMER_NAME_SIZE),
            (labels.village, clean(&s.farmer_village), INFO_VALUE_SIZE),
            (labels.phone, clean(&s.farmer_phone), INFO_VALUE_SIZE),
        ];
        let period = format!("{} {} {}", clean(&s.from), labels.period_to, clean(&s.to));
        let money = [
            (labels.period, period, INFO_VALUE_SIZE),
            (
                labels.opening_balance,
                yuan(&s.opening_balance),
                INFO_VALUE_SIZE,
            ),
        ];
        let left_end = self.info_column(&farmer, LEFT, split - mm(6.0), y);
        let mut right_end = self.info_column(&money, split, RIGHT, y);
        right_end += 2.0;
        self.text_right(
            RIGHT,
            right_end + self.font.ascent * SMALL_SIZE,
            SMALL_SIZE,
            MUTED,
            labels.amounts_in,
        );
        right_end += SMALL_SIZE * 1.3;
        left_end.max(right_end) + 8.0
    }

    /// Label / value rows between `left` and `right` from `top`; empty values are left out.
    /// Returns the bottom of the last row.
    fn info_column(
        &mut self,
        rows: &[(&str, String, f32)],
        left: f32,
        right: f32,
        top: f32,
    ) -> f32 {
        let label_w = rows
            .iter()
            .map(|(label, _, _)| self.font.width(label, INFO_LABEL_SIZE))
            .fold(0.0, f32::max);
        let value_x = left + label_w + mm(4.0);
        let mut y = top;
        for (label, value, size) in rows {
            if value.is_empty() {
                continue;
            }
            let lines = wrap(self.font, value, *size, right - value_x);
            let line_h = size * 1.35;
            let baseline = y + self.font.ascent * size;
            self.text(left, baseline, INFO_LABEL_SIZE, MUTED, label);
            for (i, line) in lines.iter().enumerate() {
                self.text(value_x, baseline + i as f32 * line_h, *size, INK, line);
            }
            y += lines.len() as f32 * line_h + 3.0;
        }
        y
    }

    /// The top of every page after a statement's first. Returns where the table starts.
    fn continuation_header(&mut self, s: &Statement, labels: &Labels) -> f32 {
        let baseline = MARGIN + self.font.ascent * 12.0;
        let title = format!("{}{}", labels.title, labels.continued);
        let title_w = self.font.width(&title, 12.0);
        self.text_right(RIGHT, baseline, 12.0, INK, &title);
        let who = format!(
            "{}{}{}  {} {} {}",
            clean(&s.shop_name),
            labels.separator,
            clean(&s.farmer_name),
            clean(&s.from),
            labels.period_to,
            clean(&s.to),
        );
        let size = self.fitted_size(&who, 10.0, CONTENT_W - title_w - mm(8.0));
        self.text(LEFT, baseline, size, MUTED, &who);
        let y = baseline + self.font.descent * 12.0 + 6.0;
        self.line((LEFT, y), (RIGHT, y), 1.0, RULE_DARK);
        y + 10.0
    }

    /// The shaded row of column headings. Returns where the first row starts.
    fn table_header(&mut self, labels: &Labels, top: f32) -> f32 {
        self.fill(LEFT, top, CONTENT_W, HEAD_H, HEADER_SHADE);
        let baseline = self.baseline_in(top, HEAD_H, TABLE_SIZE);
        self.text(
            COLUMNS[DATE] + CELL_PAD_X,
            baseline,
            TABLE_SIZE,
            INK,
            labels.date,
        );
        self.text(
            COLUMNS[DESCRIPTION] + CELL_PAD_X,
            baseline,
            TABLE_SIZE,
            INK,
            labels.description,
        );
        for (column, label) in [
            (PURCHASED, labels.purchased),
            (PAID, labels.paid),
            (BALANCE, labels.balance),
        ] {
            self.amount(column, baseline, TABLE_SIZE, INK, label);
        }
        top + HEAD_H
    }

    /// Right-aligned text in `column`, shrunk if it would not fit.
    fn amount(&mut self, column: usize, baseline: f32, size: f32, grey: f32, text: &str) {
        let width = COLUMNS[column + 1] - COLUMNS[column] - 2.0 * CELL_PAD_X;
        let size = self.fitted_size(text, size, width);
        self.text_right(COLUMNS[column + 1] - CELL_PAD_X, baseline, size, grey, text);
    }

    fn row(&mut self, row: &Row, top: f32) {
        let first_baseline = self.baseline_in(top + ROW_PAD_Y, TABLE_LINE_H, TABLE_SIZE);
        match row {
            Row::Line {
                date,
                description,
                purchased,
                paid,
                balance,
                height,
            } => {
                let date_w = COLUMNS[DATE + 1] - COLUMNS[DATE] - 2.0 * CELL_PAD_X;
                let size = self.fitted_size(date, TABLE_SIZE, date_w);
                self.text(COLUMNS[DATE] + CELL_PAD_X, first_baseline, size, INK, date);
                for (i, line) in description.iter().enumerate() {
                    let baseline = first_baseline + i as f32 * TABLE_LINE_H;
                    let x = COLUMNS[DESCRIPTION] + CELL_PAD_X;
                    self.text(x, baseline, TABLE_SIZE, INK, line);
                }
                self.amount(PURCHASED, first_baseline, TABLE_SIZE, INK, purchased);
                self.amount(PAID, first_baseline, TABLE_SIZE, INK, paid);
                self.amount(BALANCE, first_baseline, TABLE_SIZE, INK, balance);
                let bottom = top + height;
                self.line((LEFT, bottom), (RIGHT, bottom), 0.4, RULE_LIGHT);
            }
            Row::Nothing { text, height } => {
                let x = COLUMNS[DESCRIPTION] + CELL_PAD_X;
                self.text(x, first_baseline, TABLE_SIZE, MUTED, text);
                let bottom = top + height;
                self.line((LEFT, bottom), (RIGHT, bottom), 0.4, RULE_LIGHT);
            }
        }
    }

    fn totals(&mut self, s: &Statement, labels: &Labels, top: f32) {
        self.fill(LEFT, top, CONTENT_W, TOTALS_H, TOTALS_SHADE);
        // A darker rule separates the sums from the lines they add up.
        self.line((LEFT, top), (RIGHT, top), 0.8, RULE_DARK);
        let baseline = self.baseline_in(top, TOTALS_H, TABLE_SIZE);
        self.text(
            COLUMNS[DESCRIPTION] + CELL_PAD_X,
            baseline,
            TABLE_SIZE,
            INK,
            labels.totals,
        );
        self.amount(
            PURCHASED,
            baseline,
            TABLE_SIZE,
            INK,
            &clean(&s.total_purchased),
        );
        self.amount(PAID, baseline, TABLE_SIZE, INK, &clean(&s.total_paid));
    }

    /// Outer border, the rule under the headings and the column rules, from `top` to `bottom`.
    fn table_frame(&mut self, top: f32, bottom: f32) {
        for x in &COLUMNS[1..5] {
            self.line((*x, top), (*x, bottom), 0.4, RULE_LIGHT);
        }
        self.line((LEFT, top + HEAD_H), (RIGHT, top + HEAD_H), 0.8, RULE_DARK);
        self.ops.extend([
            Op::SetOutlineColor {
                col: grey_col(RULE_DARK),
            },
            Op::SetOutlineThickness { pt: Pt(0.8) },
        ]);
        self.rect(LEFT, top, CONTENT_W, bottom - top, PaintMode::Stroke);
    }

    /// The amount still owed, boxed and large, right under the table.
    fn closing_balance(&mut self, s: &Statement, labels: &Labels, top: f32) {
        let amount = yuan(&s.closing_balance);
        let pad = mm(4.0);
        let label_w = self.font.width(labels.closing_balance, CLOSING_LABEL_SIZE);
        let amount_w = self.font.width(&amount, CLOSING_AMOUNT_SIZE);
        let width = (label_w + amount_w + 3.0 * pad).max(RIGHT - COLUMNS[PURCHASED]);
        let x = RIGHT - width;
        self.fill(x, top, width, CLOSING_H, TOTALS_SHADE);
        self.ops.extend([
            Op::SetOutlineColor {
                col: grey_col(RULE_DARK),
            },
            Op::SetOutlineThickness { pt: Pt(1.0) },
        ]);
        self.rect(x, top, width, CLOSING_H, PaintMode::Stroke);
        let baseline = self.baseline_in(top, CLOSING_H, CLOSING_AMOUNT_SIZE);
        self.text(
            x + pad,
            baseline,
            CLOSING_LABEL_SIZE,
            INK,
            labels.closing_balance,
        );
        self.text_right(RIGHT - pad, baseline, CLOSING_AMOUNT_SIZE, INK, &amount);
    }

    /// Farmer and shop sign at the bottom of the last page.
    fn signatures(&mut self, labels: &Labels) {
        let top = CONTENT_BOTTOM - SIGNATURE_H;
        let gap = mm(14.0);
        let half = (CONTENT_W - gap) / 2.0;
        for (i, who) in [labels.farmer_signature, labels.shop_signature]
            .into_iter()
            .enumerate()
        {
            let x = LEFT + i as f32 * (half + gap);
            for (baseline, label, end) in [
                (top + 20.0, who, x + half),
                (top + 44.0, labels.signed_on, x + half * 0.7),
            ] {
                self.text(x, baseline, SIGNATURE_SIZE, INK, label);
                let start = x + self.font.width(label, SIGNATURE_SIZE) + 4.0;
                self.line((start, baseline + 2.0), (end, baseline + 2.0), 0.6, INK);
            }
        }
    }

    fn footer(&mut self, s: &Statement, labels: &Labels, page: usize, pages: usize) {
        let rule = FOOTER_BASELINE - FOOTER_SIZE - 6.0;
        self.line((LEFT, rule), (RIGHT, rule), 0.4, RULE_LIGHT);
        self.text(
            LEFT,
            FOOTER_BASELINE,
            FOOTER_SIZE,
            MUTED,
            &labels.printed_at(&clean(&s.generated_at)),
        );
        self.text_right(
            RIGHT,
            FOOTER_BASELINE,
            FOOTER_SIZE,
            MUTED,
            &labels.page_of(page, pages),
        );
    }
}

fn grey_col(grey: f32) -> Color {
    Color::Greyscale(Greyscale::new(grey, None))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A translated heading wider than its column would run into the next one.
    #[test]
    fn every_column_heading_fits_its_column() {
        let font = crate::font::fonts().unwrap_or_else(|e| panic!("{e}"));
        for language in [crate::Language::Zh, crate::Language::En] {
            let labels = Labels::for_language(&language);
            for (column, label) in [
                (DATE, labels.date),
                (DESCRIPTION, labels.description),
                (PURCHASED, labels.purchased),
                (PAID, labels.paid),
                (BALANCE, labels.balance),
            ] {
                let room = COLUMNS[column + 1] - COLUMNS[column] - 2.0 * CELL_PAD_X;
                let width = font.width(label, TABLE_SIZE);
                assert!(
                    width <= room,
                    "{label:?} is {width} pt, column has {room} pt"
                );
            }
        }
    }
}
