//! The packing slip (装箱单): what goes in the box and which lots it comes from, on
//! 100 × 150 mm pages, with a box per line for the packer to tick.
//!
//! Lines that do not fit on one page go on to the next, under the same header marked (续).

use qrcode::{Color, EcLevel, QrCode};

use super::layout::{Device, Element};
use super::pdf::{document, save, Canvas, PdfDevice};
use super::{check_controls, clean, PackingSlip};
use crate::font;
use crate::wrap::wrap_by;
use crate::{DocumentError, Result};

const PT: f32 = 25.4 / 72.0;
const W: f32 = 100.0;
const H: f32 = 150.0;
const MARGIN: f32 = 5.0;
const LEFT: f32 = MARGIN;
const RIGHT: f32 = W - MARGIN;

const TITLE: &str = "装箱单";
const CONTINUED: &str = "（续）";
const ORDER: &str = "订单";
const RECIPIENT: &str = "收件人";
const DATE: &str = "日期";
const PRODUCT: &str = "商品";
const QUANTITY: &str = "数量";
const LOTS: &str = "批次";
const NOTE: &str = "备注：";
const PACKED_BY: &str = "打包人";
const CHECKED_BY: &str = "核对人";
const NO_LINES: &str = "（没有商品）";

// Sizes in mm.
const SHOP_SIZE: f32 = 12.0 * PT;
const TITLE_SIZE: f32 = 15.0 * PT;
const INFO_SIZE: f32 = 9.5 * PT;
const HEAD_SIZE: f32 = 8.5 * PT;
const CELL_SIZE: f32 = 9.5 * PT;
const LOTS_SIZE: f32 = 8.0 * PT;
const FOOT_SIZE: f32 = 8.0 * PT;

/// Table columns: tick box, product, quantity, lots; left edges and the right edge.
const COLS: [f32; 5] = [LEFT, LEFT + 7.0, LEFT + 44.0, LEFT + 56.0, RIGHT];
const CELL_PAD: f32 = 1.0;
const ROW_PAD: f32 = 1.2;
const QR_SIDE: f32 = 19.0;
/// Room kept at the bottom of every page for the signatures and page number.
const FOOTER_H: f32 = 13.0;

struct Row {
    product: Vec<String>,
    quantity: Vec<String>,
    lots: Vec<String>,
    height: f32,
}

pub(crate) fn render(slip: &PackingSlip) -> Result<Vec<u8>> {
    render_many(std::slice::from_ref(slip))
}

/// Several slips in one PDF, each starting on its own page with its own page numbers.
pub(crate) fn render_many(slips: &[PackingSlip]) -> Result<Vec<u8>> {
    let fonts = font::fonts()?;
    let dev = PdfDevice { fonts };
    let Some(first) = slips.first() else {
        return Err(DocumentError::MissingField {
            field: "packing slips",
        });
    };
    for slip in slips {
        check(&dev, slip)?;
    }
    let title = if slips.len() == 1 {
        format!("{TITLE} {}", clean(&first.order_ref))
    } else {
        format!("{TITLE} ×{}", slips.len())
    };
    let (doc, ids) = document(&title, fonts);
    let mut pdf_pages = Vec::new();
    for slip in slips {
        pdf_pages.extend(slip_pages(&dev, &ids, slip)?);
    }
    save(doc, pdf_pages)
}

fn slip_pages(
    dev: &PdfDevice,
    ids: &super::pdf::FontIds,
    slip: &PackingSlip,
) -> Result<Vec<printpdf::PdfPage>> {
    let fonts = dev.fonts;
    let lh = |size: f32| dev.line_height(size);
    let wrap = |text: &str, size: f32, width: f32| -> Vec<String> {
        wrap_by(&clean(text), width, |t| dev.width(t, size))
    };
    let cell_w = |col: usize| COLS[col + 1] - COLS[col] - 2.0 * CELL_PAD;
    let rows: Vec<Row> = slip
        .lines
        .iter()
        .map(|line| {
            let product = wrap(&line.product, CELL_SIZE, cell_w(1));
            let quantity = wrap(&line.quantity, CELL_SIZE, cell_w(2));
            let lots = wrap(&line.lots, LOTS_SIZE, cell_w(3));
            let height = (product.len().max(quantity.len()) as f32 * lh(CELL_SIZE))
                .max(lots.len() as f32 * lh(LOTS_SIZE))
                + 2.0 * ROW_PAD;
            Row {
                product,
                quantity,
                lots,
                height,
            }
        })
        .collect();
    let note = if slip.note.trim().is_empty() {
        Vec::new()
    } else {
        wrap(
            &format!("{NOTE}{}", slip.note),
            INFO_SIZE,
            RIGHT - LEFT - 2.0 * CELL_PAD,
        )
    };
    let note_h = if note.is_empty() {
        0.0
    } else {
        note.len() as f32 * lh(INFO_SIZE) + 2.0 * ROW_PAD + 2.0
    };

    // Pages: rows in order, a new page when the next row would run into the footer.
    let bottom = H - MARGIN - FOOTER_H;
    let mut pages: Vec<Vec<&Row>> = vec![Vec::new()];
    let mut first_row_top = header_bottom(dev, slip, true)?;
    let mut y = first_row_top;
    for row in &rows {
        if y + row.height > bottom {
            if pages.last().is_some_and(|p| !p.is_empty()) {
                pages.push(Vec::new());
                first_row_top = header_bottom(dev, slip, false)?;
                y = first_row_top;
            }
            if y + row.height > bottom {
                return Err(DocumentError::TextTooLong {
                    field: "packing slip line",
                    size: super::LabelSize::Mm100x150,
                });
            }
        }
        if let Some(page) = pages.last_mut() {
            page.push(row);
        }
        y += row.height;
    }
    if y + note_h > bottom {
        pages.push(Vec::new());
        if header_bottom(dev, slip, false)? + note_h > bottom {
            return Err(DocumentError::TextTooLong {
                field: "note",
                size: super::LabelSize::Mm100x150,
            });
        }
    }

    let count = pages.len();
    let mut pdf_pages = Vec::with_capacity(count);
    for (i, rows) in pages.iter().enumerate() {
        let mut page = Canvas::new(fonts, ids, H);
        let top = draw_header(dev, &mut page, slip, i == 0)?;
        let mut y = table_head(dev, &mut page, top);
        if rows.is_empty() && slip.lines.is_empty() {
            let text_top = y + ROW_PAD;
            page.text(COLS[1] + CELL_PAD, text_top, CELL_SIZE, false, NO_LINES);
            y += lh(CELL_SIZE) + 2.0 * ROW_PAD;
        }
        for row in rows {
            draw_row(dev, &mut page, row, y);
            y += row.height;
        }
        page.fill(LEFT, y - 0.15, RIGHT - LEFT, 0.3);
        if i + 1 == count && !note.is_empty() {
            y += 2.0;
            page.frame(LEFT, y, RIGHT - LEFT, note_h - 2.0, 0.25);
            let mut t = y + ROW_PAD;
            for line in &note {
                page.text(LEFT + CELL_PAD, t, INFO_SIZE, false, line);
                t += lh(INFO_SIZE);
            }
        }
        footer(dev, &mut page, i + 1, count);
        pdf_pages.push(printpdf::PdfPage::new(
            printpdf::Mm(W),
            printpdf::Mm(H),
            page.ops,
        ));
    }
    Ok(pdf_pages)
}

fn check(dev: &PdfDevice, slip: &PackingSlip) -> Result<()> {
    let mut fields: Vec<(&'static str, &str)> = vec![
        ("shop name", &slip.shop_name),
        ("order reference", &slip.order_ref),
        ("recipient name", &slip.recipient_name),
        ("date", &slip.date),
        ("note", &slip.note),
    ];
    for line in &slip.lines {
        fields.extend([
            ("product", line.product.as_str()),
            ("quantity", &line.quantity),
            ("lots", &line.lots),
        ]);
    }
    for (field, text) in fields {
        check_controls(field, text)?;
        dev.check(field, &clean(text))?;
    }
    for fixed in [
        TITLE, CONTINUED, ORDER, RECIPIENT, DATE, PRODUCT, QUANTITY, LOTS, NOTE, PACKED_BY,
        CHECKED_BY, NO_LINES,
    ] {
        dev.check("packing slip heading", fixed)?;
    }
    dev.check("page number", &page_of(10, 10))?;
    if clean(&slip.order_ref).is_empty() {
        return Err(DocumentError::MissingField {
            field: "order reference",
        });
    }
    Ok(())
}

fn page_of(page: usize, pages: usize) -> String {
    format!("第 {page} / {pages} 页")
}

/// The three lines beside the QR code.
fn info_lines(slip: &PackingSlip) -> [String; 3] {
    [
        format!("{ORDER}  {}", clean(&slip.order_ref)),
        format!("{RECIPIENT}  {}", clean(&slip.recipient_name)),
        format!("{DATE}  {}", clean(&slip.date)),
    ]
}

fn info_width() -> f32 {
    RIGHT - LEFT - QR_SIDE - 3.0
}

/// Where the table starts below the header, without drawing it.
fn header_bottom(dev: &PdfDevice, slip: &PackingSlip, first: bool) -> Result<f32> {
    let mut canvas_free = Vec::new();
    header_layout(dev, slip, first, &mut canvas_free)
}

fn draw_header(
    dev: &PdfDevice,
    page: &mut Canvas<'_>,
    slip: &PackingSlip,
    first: bool,
) -> Result<f32> {
    let mut elements = Vec::new();
    let bottom = header_layout(dev, slip, first, &mut elements)?;
    page.elements(&elements, 0.0, 0.0);
    Ok(bottom)
}

/// Shop name and title, then the order, recipient and date beside the order's QR code.
fn header_layout(
    dev: &PdfDevice,
    slip: &PackingSlip,
    first: bool,
    out: &mut Vec<Element>,
) -> Result<f32> {
    let text = |out: &mut Vec<Element>, x: f32, top: f32, size: f32, bold: bool, text: String| {
        out.push(Element::Text {
            x,
            top,
            size,
            bold,
            text,
        });
    };
    let title = if first {
        TITLE.to_string()
    } else {
        format!("{TITLE}{CONTINUED}")
    };
    let title_w = dev.width(&title, TITLE_SIZE);
    let mut y = MARGIN;
    text(out, RIGHT - title_w, y, TITLE_SIZE, true, title);
    let shop_w = RIGHT - LEFT - title_w - 4.0;
    let shop = wrap_by(&clean(&slip.shop_name), shop_w, |t| dev.width(t, SHOP_SIZE));
    let shop_top = y + (dev.line_height(TITLE_SIZE) - dev.line_height(SHOP_SIZE)) / 2.0;
    for (i, line) in shop.iter().enumerate() {
        let top = shop_top + i as f32 * dev.line_height(SHOP_SIZE);
        text(out, LEFT, top, SHOP_SIZE, true, line.clone());
    }
    y = (shop_top + shop.len() as f32 * dev.line_height(SHOP_SIZE))
        .max(y + dev.line_height(TITLE_SIZE))
        + 1.5;
    out.push(Element::Bar {
        x: LEFT,
        y,
        w: RIGHT - LEFT,
        h: 0.4,
    });
    y += 2.0;

    let qr = QrCode::with_error_correction_level(clean(&slip.order_ref).as_bytes(), EcLevel::M)
        .map_err(|_| DocumentError::TextTooLong {
            field: "order reference",
            size: super::LabelSize::Mm100x150,
        })?;
    let module = QR_SIDE / qr.width() as f32;
    out.push(Element::Qr {
        x: RIGHT - QR_SIDE,
        y,
        module,
        width: qr.width(),
        dark: qr
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
        text: clean(&slip.order_ref),
    });
    let mut t = y + 0.5;
    for line in info_lines(slip) {
        for part in wrap_by(&line, info_width(), |s| dev.width(s, INFO_SIZE)) {
            text(out, LEFT, t, INFO_SIZE, false, part);
            t += dev.line_height(INFO_SIZE) + 0.6;
        }
    }
    Ok(t.max(y + QR_SIDE) + 3.0)
}

/// Column headings; returns the top of the first row.
fn table_head(dev: &PdfDevice, page: &mut Canvas<'_>, top: f32) -> f32 {
    let h = dev.line_height(HEAD_SIZE) + 2.0 * ROW_PAD;
    page.fill(LEFT, top, RIGHT - LEFT, 0.4);
    for (col, label) in [(1, PRODUCT), (2, QUANTITY), (3, LOTS)] {
        page.text(COLS[col] + CELL_PAD, top + ROW_PAD, HEAD_SIZE, true, label);
    }
    page.fill(LEFT, top + h - 0.15, RIGHT - LEFT, 0.3);
    top + h
}

fn draw_row(dev: &PdfDevice, page: &mut Canvas<'_>, row: &Row, top: f32) {
    // A box to tick when the line is in the carton.
    let side = 3.2;
    page.frame(COLS[0] + 1.0, top + ROW_PAD + 0.3, side, side, 0.25);
    for (col, lines, size) in [
        (1, &row.product, CELL_SIZE),
        (2, &row.quantity, CELL_SIZE),
        (3, &row.lots, LOTS_SIZE),
    ] {
        for (i, line) in lines.iter().enumerate() {
            let t = top + ROW_PAD + i as f32 * dev.line_height(size);
            page.text(COLS[col] + CELL_PAD, t, size, false, line);
        }
    }
    page.fill(LEFT, top + row.height - 0.1, RIGHT - LEFT, 0.2);
}

/// Signature lines for the packer and checker, and the page number.
fn footer(dev: &PdfDevice, page: &mut Canvas<'_>, n: usize, count: usize) {
    let base = H - MARGIN - dev.line_height(FOOT_SIZE);
    let mut x = LEFT;
    for who in [PACKED_BY, CHECKED_BY] {
        page.text(x, base - 5.0, FOOT_SIZE, false, who);
        let start = x + dev.width(who, FOOT_SIZE) + 1.0;
        page.fill(
            start,
            base - 5.0 + dev.line_height(FOOT_SIZE) - 0.5,
            24.0,
            0.25,
        );
        x = start + 30.0;
    }
    let number = page_of(n, count);
    let w = dev.width(&number, FOOT_SIZE);
    page.text(RIGHT - w, base, FOOT_SIZE, false, &number);
}
