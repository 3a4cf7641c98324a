//! The pick list (拣货单): what to take off the shelves for a batch of orders, product by
//! product, with the lots to take it from and what is short, on A4 portrait pages.
//!
//! The application adds up the orders and formats every quantity; this module lays the list
//! out. Coordinates run from the top-left corner of the page, in points. A product is a stack
//! of lines (its name and total, a shortage tag, then one or more lines per lot); a product
//! moves whole to the next page when it does not fit, and only a product taller than a whole
//! page is split between its lines, continued under its name marked (续). Every page after
//! the first repeats the table's headings.
//!
//! **Invariant:** every string is checked against the fonts before anything is laid out (a
//! missing glyph is [`DocumentError::MissingGlyph`]), and every text is wrapped to the width
//! of its column, so nothing runs into the next column or off the page.

use printpdf::{Mm, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions};

use crate::a4::{
    mm, CONTENT_BOTTOM, CONTENT_W, FOOTER_BASELINE, LEFT, MARGIN, PAGE_H_MM, PAGE_W_MM, RIGHT,
};
use crate::canvas::{Canvas, Style};
use crate::font::{self, Fonts};
use crate::label::{check_controls, clean};
use crate::layout::FontIds;
use crate::wrap::wrap;
use crate::{DocumentError, Language, Result};

/// Everything printed on a pick list. Quantities come formatted with their unit ("12 斤").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickListDoc {
    /// The language of the headings; the data is already in it.
    pub language: Language,
    pub shop_name: String,
    /// When the list was printed, "2026-11-28 09:30".
    pub printed_at: String,
    /// The orders the list covers, e.g. "FS-20261128-0042".
    pub order_numbers: Vec<String>,
    /// At least one; an empty list is an error.
    pub products: Vec<PickListProduct>,
}

/// One product to pick, summed over the orders.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PickListProduct {
    pub name: String,
    /// The total to pick, with its unit: "12 斤".
    pub quantity: String,
    /// How many of the orders contain the product.
    pub orders: u32,
    /// Where to take it from; may be empty.
    pub lots: Vec<PickListLot>,
    /// How much is missing when stock is short, with its unit: "2 斤".
    pub short: Option<String>,
}

/// A lot to pick part of a product from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PickListLot {
    /// "批次 2026-11-13 王德贵 · 保质期至 2026-12-01".
    pub label: String,
    /// "8 斤".
    pub quantity: String,
}

/// A pick list as a PDF (A4 portrait), as many pages as its products need. A list without
/// products is an error: there is nothing to pick.
pub fn render_pick_list(p: &PickListDoc) -> Result<Vec<u8>> {
    let fonts = font::fonts()?;
    if p.products.is_empty() {
        return Err(DocumentError::Pdf(
            "there is no product to pick: choose at least one order with products".into(),
        ));
    }
    let words = Words::for_language(p.language);
    check(fonts, words, p)?;

    let mut doc = PdfDocument::new(&format!("{} {}", words.title, clean(&p.printed_at)));
    let ids = FontIds {
        latin: doc.add_font(&fonts.latin.parsed),
        cjk: doc.add_font(&fonts.cjk.parsed),
    };
    let pages = layout(fonts, &ids, words, p);
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

/// Every fixed word of a pick list in one language.
#[derive(Debug, Clone, Copy)]
struct Words {
    title: &'static str,
    continued: &'static str,
    product: &'static str,
    quantity: &'static str,
    orders: &'static str,
    /// Between order numbers.
    list_separator: &'static str,
    language: Language,
}

const ZH: Words = Words {
    title: "拣货单",
    continued: "（续）",
    product: "商品",
    quantity: "总数量",
    orders: "订单数",
    list_separator: "、",
    language: Language::Zh,
};

const EN: Words = Words {
    title: "Pick list",
    continued: " (continued)",
    product: "Product",
    quantity: "Total quantity",
    orders: "Orders",
    list_separator: ", ",
    language: Language::En,
};

impl Words {
    fn for_language(language: Language) -> &'static Words {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    /// "3 个订单" / "3 orders".
    fn order_count(&self, n: usize) -> String {
        match (self.language, n) {
            (Language::Zh, n) => format!("{n} 个订单"),
            (Language::En, 1) => "1 order".to_string(),
            (Language::En, n) => format!("{n} orders"),
        }
    }

    /// "缺 2 斤" / "short 2 jin".
    fn short(&self, amount: &str) -> String {
        match self.language {
            Language::Zh => format!("缺 {amount}"),
            Language::En => format!("short {amount}"),
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

    /// Every fixed text this table can print, for the glyph check.
    fn all(&self) -> Vec<String> {
        let mut all: Vec<String> = [
            self.title,
            self.continued,
            self.product,
            self.quantity,
            self.orders,
            self.list_separator,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        all.extend([
            self.order_count(1234567890),
            self.short(""),
            self.printed_at(""),
            self.page_of(1234567890, 1234567890),
        ]);
        all
    }
}

/// Fails with the first string the fonts cannot draw (named as the caller gave it), or the
/// first invisible control character.
fn check(fonts: &Fonts, words: &Words, p: &PickListDoc) -> Result<()> {
    for text in words.all() {
        fonts.check(&text)?;
    }
    let mut fields: Vec<(&'static str, &str)> = vec![
        ("shop name", &p.shop_name),
        ("printing time", &p.printed_at),
    ];
    fields.extend(p.order_numbers.iter().map(|o| ("order number", o.as_str())));
    for product in &p.products {
        fields.push(("product", &product.name));
        fields.push(("quantity", &product.quantity));
        if let Some(short) = &product.short {
            fields.push(("shortage", short));
        }
        for lot in &product.lots {
            fields.push(("lot", &lot.label));
            fields.push(("lot quantity", &lot.quantity));
        }
    }
    for (field, text) in fields {
        check_controls(field, text)?;
        fonts.check(text)?;
    }
    Ok(())
}

// Font sizes.
const SHOP_SIZE: f32 = 15.0;
const TITLE_SIZE: f32 = 20.0;
const CONT_TITLE_SIZE: f32 = 12.0;
const INFO_SIZE: f32 = 9.5;
const ORDERS_SIZE: f32 = 8.5;
const HEAD_SIZE: f32 = 9.5;
const NAME_SIZE: f32 = 10.5;
const LOT_SIZE: f32 = 9.0;
const TAG_SIZE: f32 = 9.5;
const FOOTER_SIZE: f32 = 8.0;

// Line pitches.
const SHOP_LINE_H: f32 = SHOP_SIZE * 1.25;
const ORDERS_LINE_H: f32 = ORDERS_SIZE * 1.45;
const NAME_LINE_H: f32 = 14.0;
const LOT_LINE_H: f32 = 11.5;

// Greys: 0 is black, 1 is white.
const INK: f32 = 0.0;
const LOT_INK: f32 = 0.2;
const MUTED: f32 = 0.35;
const WHITE: f32 = 1.0;
const RULE_DARK: f32 = 0.2;
const RULE_LIGHT: f32 = 0.7;
const HEADER_SHADE: f32 = 0.88;

// The table.
const CELL_PAD_X: f32 = mm(1.8);
const ROW_PAD_Y: f32 = 4.0;
/// Space above a product's first lot, and between lots.
const LOT_GAP: f32 = 1.5;
const HEAD_H: f32 = 18.0;
const LOT_INDENT: f32 = mm(5.0);
const CHECKBOX: f32 = 10.0;
const TAG_PAD_X: f32 = 3.0;
const CHECK_W: f32 = mm(9.0);
const QUANTITY_W: f32 = mm(34.0);
const ORDERS_W: f32 = mm(18.0);
/// Left edges of the four columns (tick box, product, quantity, orders) and the right edge.
const COLUMNS: [f32; 5] = [
    LEFT,
    LEFT + CHECK_W,
    RIGHT - ORDERS_W - QUANTITY_W,
    RIGHT - ORDERS_W,
    RIGHT,
];
const CHECK: usize = 0;
const PRODUCT: usize = 1;
const QUANTITY: usize = 2;
const ORDERS: usize = 3;

/// The room for text in a column.
fn cell_w(column: usize) -> f32 {
    COLUMNS[column + 1] - COLUMNS[column] - 2.0 * CELL_PAD_X
}

// ---- products as lines ----

/// How a piece of text is printed.
const NAME: Style = Style {
    size: NAME_SIZE,
    grey: INK,
    bold: true,
};
const TOTAL: Style = NAME;
const LOT: Style = Style {
    size: LOT_SIZE,
    grey: LOT_INK,
    bold: false,
};
const CONT: Style = Style {
    size: LOT_SIZE,
    grey: MUTED,
    bold: false,
};

/// One thing on one line of a product.
#[derive(Debug, Clone)]
enum Item {
    /// Text starting at `x`.
    Left { x: f32, style: Style, text: String },
    /// Text ending at `right`.
    Right {
        right: f32,
        style: Style,
        text: String,
    },
    /// A box to tick when the product is picked.
    Checkbox,
    /// One line of the white-on-black shortage tag, `width` wide, ending at `right`.
    Tag {
        right: f32,
        width: f32,
        first: bool,
        last: bool,
        text: String,
    },
}

/// One line of a product: the unit a product too tall for a page is split between.
#[derive(Debug, Clone)]
struct Slot {
    /// Space above the line, left out at the top of a page.
    gap: f32,
    height: f32,
    items: Vec<Item>,
}

/// A product laid out as lines, and its name for a continuation on the next page.
struct Product {
    slots: Vec<Slot>,
    name: Vec<String>,
}

fn product_slots(fonts: &Fonts, words: &Words, product: &PickListProduct) -> Product {
    let name = wrap(fonts, &clean(&product.name), NAME_SIZE, cell_w(PRODUCT));
    let total = wrap(
        fonts,
        &clean(&product.quantity),
        NAME_SIZE,
        cell_w(QUANTITY),
    );
    let tag: Vec<String> = product
        .short
        .as_deref()
        .map(|s| {
            let text = words.short(&clean(s));
            wrap(fonts, &text, TAG_SIZE, cell_w(QUANTITY) - 2.0 * TAG_PAD_X)
        })
        .unwrap_or_default();
    let tag_w = tag
        .iter()
        .map(|l| fonts.width(l, TAG_SIZE))
        .fold(0.0, f32::max)
        + 2.0 * TAG_PAD_X;
    let right = COLUMNS[QUANTITY + 1] - CELL_PAD_X;

    let head = name.len().max(total.len() + tag.len());
    let mut slots: Vec<Slot> = (0..head)
        .map(|_| Slot {
            gap: 0.0,
            height: NAME_LINE_H,
            items: Vec::new(),
        })
        .collect();
    for (slot, line) in slots.iter_mut().zip(&name) {
        slot.items.push(Item::Left {
            x: COLUMNS[PRODUCT] + CELL_PAD_X,
            style: NAME,
            text: line.clone(),
        });
    }
    for (slot, line) in slots.iter_mut().zip(&total) {
        slot.items.push(Item::Right {
            right,
            style: TOTAL,
            text: line.clone(),
        });
    }
    for (i, (slot, line)) in slots.iter_mut().skip(total.len()).zip(&tag).enumerate() {
        slot.items.push(Item::Tag {
            right: right + TAG_PAD_X,
            width: tag_w,
            first: i == 0,
            last: i + 1 == tag.len(),
            text: line.clone(),
        });
    }
    if let Some(first) = slots.first_mut() {
        first.items.push(Item::Checkbox);
        // Shrunk rather than run into the next column (only absurd counts are that wide).
        let orders = product.orders.to_string();
        let natural = fonts.width(&orders, NAME_SIZE);
        let size = NAME_SIZE.min(NAME_SIZE * cell_w(ORDERS) / natural);
        first.items.push(Item::Right {
            right: COLUMNS[ORDERS + 1] - CELL_PAD_X,
            style: Style { size, ..TOTAL },
            text: orders,
        });
    }

    for lot in &product.lots {
        let x = COLUMNS[PRODUCT] + CELL_PAD_X + LOT_INDENT;
        let label = wrap(
            fonts,
            &clean(&lot.label),
            LOT_SIZE,
            cell_w(PRODUCT) - LOT_INDENT,
        );
        let quantity = wrap(fonts, &clean(&lot.quantity), LOT_SIZE, cell_w(QUANTITY));
        for i in 0..label.len().max(quantity.len()) {
            let mut items = Vec::new();
            if let Some(text) = label.get(i) {
                items.push(Item::Left {
                    x,
                    style: LOT,
                    text: text.clone(),
                });
            }
            if let Some(text) = quantity.get(i) {
                items.push(Item::Right {
                    right,
                    style: LOT,
                    text: text.clone(),
                });
            }
            slots.push(Slot {
                gap: if i == 0 { LOT_GAP } else { 0.0 },
                height: LOT_LINE_H,
                items,
            });
        }
    }
    Product { slots, name }
}

/// The lines that say which product goes on at the top of a page.
fn continuation_slots(fonts: &Fonts, words: &Words, name: &[String]) -> Vec<Slot> {
    let text = format!("{}{}", name.join(" "), words.continued);
    wrap(fonts, &text, LOT_SIZE, cell_w(PRODUCT))
        .into_iter()
        .map(|line| Slot {
            gap: 0.0,
            height: LOT_LINE_H,
            items: vec![Item::Left {
                x: COLUMNS[PRODUCT] + CELL_PAD_X,
                style: CONT,
                text: line,
            }],
        })
        .collect()
}

/// Height of `slots` drawn as one row, padding included.
fn row_height(slots: &[Slot]) -> f32 {
    let gaps: f32 = slots.iter().skip(1).map(|s| s.gap).sum();
    slots.iter().map(|s| s.height).sum::<f32>() + gaps + 2.0 * ROW_PAD_Y
}

// ---- pages ----

fn layout(fonts: &Fonts, ids: &FontIds, words: &Words, p: &PickListDoc) -> Vec<PdfPage> {
    let mut pager = Pager {
        fonts,
        ids,
        words,
        doc: p,
        pages: Vec::new(),
        page: Canvas::new(fonts, ids),
        y: 0.0,
        table_top: None,
        rows_on_page: 0,
    };
    pager.y = pager.page.first_header(words, p);
    pager.order_numbers();

    // The table starts on this page only if its headings and a first line fit.
    let first = product_slots(fonts, words, &p.products[0]);
    let first_line = row_height(&first.slots[..1]);
    if pager.y + HEAD_H + first_line > CONTENT_BOTTOM {
        pager.new_page();
    }
    pager.start_table();
    pager.product(first);
    for product in &p.products[1..] {
        pager.product(product_slots(fonts, words, product));
    }
    pager.finish()
}

struct Pager<'a> {
    fonts: &'a Fonts,
    ids: &'a FontIds,
    words: &'a Words,
    doc: &'a PickListDoc,
    pages: Vec<Canvas<'a>>,
    page: Canvas<'a>,
    y: f32,
    /// Where the table starts on this page, once it has.
    table_top: Option<f32>,
    rows_on_page: usize,
}

impl<'a> Pager<'a> {
    /// The number of orders, and the order numbers beside it, wrapped; they go on over the
    /// next page when there are more than a page holds.
    fn order_numbers(&mut self) {
        let p = self.doc;
        let label = self.words.order_count(p.order_numbers.len());
        let label_w = self.fonts.width(&label, INFO_SIZE);
        let x = LEFT + label_w + mm(3.0);
        let list = p
            .order_numbers
            .iter()
            .map(|o| clean(o))
            .collect::<Vec<_>>()
            .join(self.words.list_separator);
        let lines = if list.is_empty() {
            Vec::new()
        } else {
            wrap(self.fonts, &list, ORDERS_SIZE, RIGHT - x)
        };
        let first_baseline = self.y + self.fonts.ascent * INFO_SIZE;
        self.page
            .text(LEFT, first_baseline, INFO_SIZE, INK, true, &label);
        // The order numbers share the label's baseline.
        let mut baseline = first_baseline;
        for line in lines {
            if baseline + self.fonts.descent * ORDERS_SIZE > CONTENT_BOTTOM {
                self.new_page();
                baseline = self.y + self.fonts.ascent * ORDERS_SIZE;
            }
            self.page
                .text(x, baseline, ORDERS_SIZE, MUTED, false, &line);
            self.y = baseline + self.fonts.descent * ORDERS_SIZE;
            baseline += ORDERS_LINE_H;
        }
        self.y = self.y.max(first_baseline + self.fonts.descent * INFO_SIZE) + 10.0;
    }

    fn start_table(&mut self) {
        self.table_top = Some(self.y);
        self.y = self.page.table_header(self.words, self.y);
        self.rows_on_page = 0;
    }

    /// Closes this page and starts the next under a continuation header (and the table's
    /// headings, once the table has begun).
    fn new_page(&mut self) {
        let in_table = self.table_top.is_some();
        self.close_page();
        self.y = self.page.continuation_header(self.words, self.doc);
        if in_table {
            self.start_table();
        }
    }

    fn close_page(&mut self) {
        if let Some(top) = self.table_top.take() {
            self.page.table_frame(top, self.y);
        }
        let done = std::mem::replace(&mut self.page, Canvas::new(self.fonts, self.ids));
        self.pages.push(done);
    }

    /// One product: whole on this page, whole on the next, or (taller than a page) split
    /// between its lines.
    fn product(&mut self, product: Product) {
        let mut slots = product.slots.as_slice();
        let mut continued = false;
        loop {
            let cont = if continued {
                continuation_slots(self.fonts, self.words, &product.name)
            } else {
                Vec::new()
            };
            let piece = |n: usize| -> Vec<Slot> {
                cont.iter().chain(&slots[..n]).cloned().collect::<Vec<_>>()
            };
            let whole = piece(slots.len());
            if self.y + row_height(&whole) <= CONTENT_BOTTOM {
                self.row(&whole);
                return;
            }
            let fresh_room = CONTENT_BOTTOM - self.fresh_table_y();
            if self.rows_on_page > 0 && row_height(&whole) <= fresh_room {
                self.new_page();
                continue;
            }
            // Taller than a page: as many lines as fit here, the rest on the next page.
            let fit = (1..=slots.len())
                .take_while(|&n| self.y + row_height(&piece(n)) <= CONTENT_BOTTOM)
                .last();
            match fit {
                Some(n) => {
                    self.row(&piece(n));
                    slots = &slots[n..];
                    continued = true;
                    self.new_page();
                }
                None if self.rows_on_page > 0 => self.new_page(),
                // Cannot happen: a fresh page holds far more than one line.
                None => {
                    self.row(&piece(1));
                    slots = &slots[1..];
                    continued = true;
                    if slots.is_empty() {
                        return;
                    }
                    self.new_page();
                }
            }
        }
    }

    /// Where the first row of the table starts on a continuation page.
    fn fresh_table_y(&self) -> f32 {
        let mut scratch = Canvas::new(self.fonts, self.ids);
        scratch.continuation_header(self.words, self.doc) + HEAD_H
    }

    fn row(&mut self, slots: &[Slot]) {
        let height = row_height(slots);
        self.page.row(slots, self.y);
        self.y += height;
        self.rows_on_page += 1;
    }

    fn finish(mut self) -> Vec<PdfPage> {
        self.close_page();
        let count = self.pages.len();
        let printed = self.words.printed_at(&clean(&self.doc.printed_at));
        let title = self.words.title;
        self.pages
            .into_iter()
            .enumerate()
            .map(|(i, mut page)| {
                page.footer(title, &printed, &self.words.page_of(i + 1, count));
                PdfPage::new(Mm(PAGE_W_MM), Mm(PAGE_H_MM), page.ops)
            })
            .collect()
    }
}

// ---- drawing ----

impl<'a> Canvas<'a> {
    fn text_right(&mut self, right: f32, baseline: f32, style: Style, text: &str) {
        let w = self.fonts.width(text, style.size);
        self.text(
            right - w,
            baseline,
            style.size,
            style.grey,
            style.bold,
            text,
        );
    }

    /// Shop name and title, and when the list was printed. Returns the bottom.
    fn first_header(&mut self, words: &Words, p: &PickListDoc) -> f32 {
        let title_w = self.fonts.width(words.title, TITLE_SIZE);
        let baseline = MARGIN + self.fonts.ascent * TITLE_SIZE;
        self.text_right(
            RIGHT,
            baseline,
            Style {
                size: TITLE_SIZE,
                grey: INK,
                bold: true,
            },
            words.title,
        );
        let shop = wrap(
            self.fonts,
            &clean(&p.shop_name),
            SHOP_SIZE,
            CONTENT_W - title_w - mm(10.0),
        );
        for (i, line) in shop.iter().enumerate() {
            let b = baseline + i as f32 * SHOP_LINE_H;
            self.text(LEFT, b, SHOP_SIZE, INK, true, line);
        }
        let mut y = baseline + (shop.len() - 1) as f32 * SHOP_LINE_H;
        y += self.fonts.descent * TITLE_SIZE + 2.0;
        y += self.fonts.ascent * INFO_SIZE;
        self.text(
            LEFT,
            y,
            INFO_SIZE,
            MUTED,
            false,
            &words.printed_at(&clean(&p.printed_at)),
        );
        y += self.fonts.descent * INFO_SIZE + 6.0;
        self.line((LEFT, y), (RIGHT, y), 1.0, RULE_DARK);
        y + 8.0
    }

    /// The top of every page after the first: the shop, and the title marked (续). Returns
    /// the bottom.
    fn continuation_header(&mut self, words: &Words, p: &PickListDoc) -> f32 {
        let title = format!("{}{}", words.title, words.continued);
        let title_w = self.fonts.width(&title, CONT_TITLE_SIZE);
        let baseline = MARGIN + self.fonts.ascent * CONT_TITLE_SIZE;
        let style = Style {
            size: CONT_TITLE_SIZE,
            grey: INK,
            bold: true,
        };
        self.text_right(RIGHT, baseline, style, &title);
        let shop = wrap(
            self.fonts,
            &clean(&p.shop_name),
            INFO_SIZE,
            CONTENT_W - title_w - mm(8.0),
        );
        for (i, line) in shop.iter().enumerate() {
            let b = baseline + i as f32 * INFO_SIZE * 1.3;
            self.text(LEFT, b, INFO_SIZE, MUTED, false, line);
        }
        let y = (baseline + (shop.len() - 1) as f32 * INFO_SIZE * 1.3)
            + self.fonts.descent * CONT_TITLE_SIZE
            + 5.0;
        self.line((LEFT, y), (RIGHT, y), 1.0, RULE_DARK);
        y + 10.0
    }

    /// The shaded row of column headings. Returns where the first row starts.
    fn table_header(&mut self, words: &Words, top: f32) -> f32 {
        self.fill(LEFT, top, CONTENT_W, HEAD_H, HEADER_SHADE);
        let baseline = self.baseline_in(top, HEAD_H, HEAD_SIZE);
        let style = Style {
            size: HEAD_SIZE,
            grey: INK,
            bold: true,
        };
        self.text(
            COLUMNS[PRODUCT] + CELL_PAD_X,
            baseline,
            HEAD_SIZE,
            INK,
            true,
            words.product,
        );
        self.text_right(
            COLUMNS[QUANTITY + 1] - CELL_PAD_X,
            baseline,
            style,
            words.quantity,
        );
        self.text_right(
            COLUMNS[ORDERS + 1] - CELL_PAD_X,
            baseline,
            style,
            words.orders,
        );
        top + HEAD_H
    }

    /// One product (or the part of it on this page) from `top`, with a rule under it.
    fn row(&mut self, slots: &[Slot], top: f32) {
        let mut y = top + ROW_PAD_Y;
        for (i, slot) in slots.iter().enumerate() {
            if i > 0 {
                y += slot.gap;
            }
            for item in &slot.items {
                self.item(item, y, slot.height);
            }
            y += slot.height;
        }
        let bottom = y + ROW_PAD_Y;
        self.line((LEFT, bottom), (RIGHT, bottom), 0.5, RULE_LIGHT);
    }

    fn item(&mut self, item: &Item, top: f32, height: f32) {
        match item {
            Item::Left { x, style, text } => {
                let b = self.baseline_in(top, height, style.size);
                self.text(*x, b, style.size, style.grey, style.bold, text);
            }
            Item::Right { right, style, text } => {
                let b = self.baseline_in(top, height, style.size);
                self.text_right(*right, b, *style, text);
            }
            Item::Checkbox => {
                let x = COLUMNS[CHECK] + (COLUMNS[CHECK + 1] - COLUMNS[CHECK] - CHECKBOX) / 2.0;
                let y = top + (height - CHECKBOX) / 2.0;
                self.frame(x, y, CHECKBOX, CHECKBOX, 0.8, INK);
            }
            Item::Tag {
                right,
                width,
                first,
                last,
                text,
            } => {
                let inset_top = if *first { 1.5 } else { 0.0 };
                let inset_bottom = if *last { 0.5 } else { 0.0 };
                self.fill(
                    right - width,
                    top + inset_top,
                    *width,
                    height - inset_top - inset_bottom,
                    INK,
                );
                let b =
                    self.baseline_in(top + inset_top, height - inset_top - inset_bottom, TAG_SIZE);
                let style = Style {
                    size: TAG_SIZE,
                    grey: WHITE,
                    bold: true,
                };
                self.text_right(right - TAG_PAD_X, b, style, text);
            }
        }
    }

    /// Outer border, the rule under the headings and the column rules, from `top` to `bottom`.
    fn table_frame(&mut self, top: f32, bottom: f32) {
        for x in &COLUMNS[1..COLUMNS.len() - 1] {
            self.line((*x, top), (*x, bottom), 0.4, RULE_LIGHT);
        }
        self.line((LEFT, top + HEAD_H), (RIGHT, top + HEAD_H), 0.8, RULE_DARK);
        self.frame(LEFT, top, CONTENT_W, bottom - top, 0.8, RULE_DARK);
    }

    fn footer(&mut self, title: &str, printed: &str, page: &str) {
        let rule = FOOTER_BASELINE - FOOTER_SIZE - 6.0;
        self.line((LEFT, rule), (RIGHT, rule), 0.4, RULE_LIGHT);
        let left = format!("{title}  {printed}");
        self.text(LEFT, FOOTER_BASELINE, FOOTER_SIZE, MUTED, false, &left);
        let style = Style {
            size: FOOTER_SIZE,
            grey: MUTED,
            bold: false,
        };
        self.text_right(RIGHT, FOOTER_BASELINE, style, page);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        font::fonts().unwrap_or_else(|e| panic!("{e}"))
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

    /// A translated heading wider than its column would run into the next one.
    #[test]
    fn every_column_heading_fits_its_column() {
        for words in [&ZH, &EN] {
            for (column, text) in [
                (PRODUCT, words.product),
                (QUANTITY, words.quantity),
                (ORDERS, words.orders),
            ] {
                let width = fonts().width(text, HEAD_SIZE);
                assert!(width <= cell_w(column), "{text:?} is {width} pt");
            }
        }
    }

    /// Every text of a product stays inside its column, and the tag inside the quantity
    /// column, however long the data.
    #[test]
    fn every_line_stays_inside_its_column() {
        let product = PickListProduct {
            name:
                "贵州修文猕猴桃 特级 大果 单果 120 g 以上 5 斤装 礼盒（含泡沫网套与冰袋，顺丰冷链）"
                    .repeat(3),
            quantity: "1234567890 斤（约 617 箱）".into(),
            orders: 4_000_000_000,
            lots: vec![PickListLot {
                label: "批次 2026-11-13 王德贵 · 保质期至 2026-12-01 · 冷库 3 号 第 2 排 左侧货架"
                    .repeat(2),
                quantity: "1234567 斤".into(),
            }],
            short: Some("1234567890 斤 1234567890 斤".into()),
        };
        for words in [&ZH, &EN] {
            let p = product_slots(fonts(), words, &product);
            for slot in &p.slots {
                for item in &slot.items {
                    let (left, right) = match item {
                        Item::Left { x, style, text } => (*x, x + fonts().width(text, style.size)),
                        Item::Right { right, style, text } => {
                            (right - fonts().width(text, style.size), *right)
                        }
                        Item::Tag { right, width, .. } => (right - width, *right),
                        Item::Checkbox => continue,
                    };
                    let column = (1..COLUMNS.len() - 1)
                        .rev()
                        .find(|&c| COLUMNS[c] <= left + 0.01)
                        .unwrap_or(0);
                    assert!(
                        right <= COLUMNS[column + 1] + 0.01 && left >= COLUMNS[column] - 0.01,
                        "{item:?} leaves column {column}"
                    );
                }
            }
        }
    }
}
