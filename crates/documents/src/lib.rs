//! Printable Farmstall documents: the farmer statement (对账单) as PDF, and shipping labels
//! (快递面单) and packing slips as PDF or as TSPL / ZPL programs for thermal printers
//! ([`label`]).
//!
//! A statement tells one farmer what the shop bought from them in a period, what it paid and
//! what it still owes. The application layer computes every amount (as yuan strings) and
//! passes text already in the statement's language; this crate only lays it out on A4 pages
//! with embedded fonts (Chinese and Latin), subset to the glyphs used.
//!
//! **Invariant:** a character the font cannot draw is an error
//! ([`DocumentError::MissingGlyph`]), never a box on paper. The check runs over every string
//! before anything is laid out.

mod a4;
mod canvas;
mod code128;
mod font;
pub mod label;
mod labels;
mod layout;
mod payslip;
mod pick_list;
mod workbook;
mod wrap;

pub use label::{
    render_labels, render_packing_slip, render_packing_slips, render_tspl, render_zpl, Label,
    LabelSize, PackingSlip, PackingSlipLine, Party,
};
pub use payslip::{render_payslips, PayslipDoc, PayslipLine};
pub use pick_list::{render_pick_list, PickListDoc, PickListLot, PickListProduct};
pub use workbook::{render_workbook, Cell, Sheet};

use printpdf::{PdfDocument, PdfParseErrorSeverity, PdfSaveOptions};

/// The language of a statement's headings. The data in it is already in this language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Zh,
    En,
}

/// What a line of a statement records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Purchase,
    Payment,
    Reversal,
}

/// One line of a statement's table, amounts already formatted as yuan ("420.00").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementLine {
    /// Business date, "2026-11-03".
    pub date: String,
    pub kind: LineKind,
    /// In the statement's language, e.g. "猕猴桃 一级 120斤 × ¥3.5" or "微信支付".
    pub description: String,
    /// Yuan bought, "420.00"; "-420.00" for a reversal.
    pub purchased: Option<String>,
    /// Yuan paid, "420.00". A purchase paid at once has both `purchased` and `paid`.
    pub paid: Option<String>,
    /// Running balance owed to the farmer after this line, yuan.
    pub balance: String,
}

/// Everything printed on one farmer's statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    pub language: Language,
    pub shop_name: String,
    pub shop_phone: String,
    pub shop_address: String,
    pub farmer_name: String,
    pub farmer_village: String,
    pub farmer_phone: String,
    /// First day of the period, "2026-11-01".
    pub from: String,
    /// Last day of the period, "2026-11-30".
    pub to: String,
    /// Owed to the farmer at the start of the period, yuan.
    pub opening_balance: String,
    pub lines: Vec<StatementLine>,
    pub total_purchased: String,
    pub total_paid: String,
    /// Owed to the farmer at the end of the period, yuan.
    pub closing_balance: String,
    /// When the statement was printed, "2026-11-28 17:30".
    pub generated_at: String,
}

/// Why a document could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// A spreadsheet could not be written (a bad sheet name, an amount that is not one).
    #[error("the spreadsheet could not be written: {0}")]
    Spreadsheet(String),
    /// A character neither document font has a glyph for; printing it would show a box.
    #[error(
        "cannot print the character '{ch}' (U+{code:04X}) in \"{text}\": the document fonts \
         have no picture for it. Change that text (for example remove an emoji) and print again.",
        code = u32::from(*.ch)
    )]
    MissingGlyph { ch: char, text: String },
    /// One label of several could not be rendered; `position` counts from 1.
    #[error("label {position} (order {order_ref}): {error}")]
    InLabel {
        position: usize,
        order_ref: String,
        #[source]
        error: Box<DocumentError>,
    },
    /// A text does not fit its box on the label even at the smallest print size (6 pt).
    #[error(
        "the {field} is too long to fit on a {size} label, even in the smallest print: \
         shorten it, or print on a larger label size"
    )]
    TextTooLong {
        field: &'static str,
        size: label::LabelSize,
    },
    /// A field a label cannot do without is empty.
    #[error("the {field} is empty: fill it in before printing the label")]
    MissingField { field: &'static str },
    /// The waybill number cannot be a Code 128 barcode.
    #[error(
        "the waybill number \"{waybill}\" cannot be printed as a barcode: {reason}. \
         Check the number the courier gave you and print again."
    )]
    InvalidWaybill { waybill: String, reason: String },
    /// The waybill's barcode would need bars thinner than scanners read on this label.
    #[error(
        "the waybill number \"{waybill}\" is too long for a readable barcode on a {size} label: \
         check the number, or print on a wider label"
    )]
    WaybillTooLong {
        waybill: String,
        size: label::LabelSize,
    },
    /// Thermal printer languages print on label stock, not on sheets.
    #[error(
        "{language} printers print on label stock, not on {size}s: choose 100×150, 100×180 or \
         76×130 mm, or print the A4 sheet as a PDF on an ordinary printer"
    )]
    UnsupportedSize {
        size: label::LabelSize,
        language: &'static str,
    },
    /// A printer resolution the label programs do not support.
    #[error(
        "a label printer of {dpi} dpi is not supported: choose 203 or 300 dpi (printed on the \
         printer's nameplate)"
    )]
    UnsupportedDpi { dpi: u32 },
    /// A character the thermal printer's built-in Chinese font (GBK) does not have.
    #[error(
        "the label printer cannot print the character '{ch}' (U+{code:04X}) in the {field}: its \
         built-in Chinese font (GBK) has no picture for it. Change that text, or print the label \
         as a PDF.",
        code = u32::from(*.ch)
    )]
    NotInPrinterFont { field: &'static str, ch: char },
    /// An invisible control character, which would print as nothing or end a printer command.
    #[error(
        "the {field} contains an invisible control character (U+{code:04X}), often copied along \
         with pasted text: remove it and print again",
        code = u32::from(*.ch)
    )]
    ControlCharacter { field: &'static str, ch: char },
    /// An embedded font could not be read. A broken build, not something a user can fix.
    #[error("a document font could not be loaded: {0}. Please reinstall Farmstall.")]
    Font(String),
    /// The PDF could not be produced.
    #[error("the PDF could not be produced: {0}")]
    Pdf(String),
}

/// The result of rendering a document.
pub type Result<T, E = DocumentError> = std::result::Result<T, E>;

impl DocumentError {
    /// The error itself, without the "label N" context of [`DocumentError::InLabel`].
    pub fn innermost(&self) -> &DocumentError {
        match self {
            DocumentError::InLabel { error, .. } => error.innermost(),
            other => other,
        }
    }

    /// This error as the error of the label at `index` (from 0) of a batch.
    pub(crate) fn in_label(self, index: usize, label: &Label) -> DocumentError {
        DocumentError::InLabel {
            position: index + 1,
            order_ref: label.order_ref.clone(),
            error: Box::new(self),
        }
    }
}

/// One farmer's statement as a PDF (A4 portrait), as many pages as its lines need.
pub fn render_statement(s: &Statement) -> Result<Vec<u8>> {
    render_statements(std::slice::from_ref(s))
}

/// Several statements in one PDF, in the order given; each farmer starts on a new page and
/// page numbers ("第 1 / 2 页") count the pages of that farmer's statement. An empty slice is
/// an error: a PDF needs at least one page.
pub fn render_statements(all: &[Statement]) -> Result<Vec<u8>> {
    let font = font::fonts()?;
    let Some(first) = all.first() else {
        return Err(DocumentError::Pdf(
            "there is no statement to print: choose at least one farmer".into(),
        ));
    };
    for s in all {
        layout::check_glyphs(font, s)?;
    }

    let title = match all {
        [one] => format!(
            "{} {} {}–{}",
            labels::Labels::for_language(&one.language).title,
            one.farmer_name,
            one.from,
            one.to
        ),
        _ => format!(
            "{} {}–{}",
            labels::Labels::for_language(&first.language).title,
            first.from,
            first.to
        ),
    };
    let mut doc = PdfDocument::new(&title);
    let font_ids = layout::FontIds {
        latin: doc.add_font(&font.latin.parsed),
        cjk: doc.add_font(&font.cjk.parsed),
    };
    let mut pages = Vec::new();
    for s in all {
        pages.extend(layout::statement_pages(font, &font_ids, s));
    }
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
