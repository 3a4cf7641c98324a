//! Labels as PDF: the embedded fonts as a layout [`Device`], and layout elements as printpdf
//! operations.
//!
//! Barcodes and QR codes are one filled path each, drawn in module units under a scaling
//! matrix, so that a label costs a few hundred bytes of drawing rather than one operation per
//! module; 1000 labels stay a small file.

use printpdf::{
    Color, CurTransMat, FontId, Greyscale, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon,
    PolygonRing, Pt, Rect, TextItem, TextRenderingMode, WindingOrder,
};

use super::layout::{self, Device, Element, Spec, MIN_TEXT};
use super::{check_label, Label, LabelSize};
use crate::font::{self, Fonts, Which};
use crate::{DocumentError, Result};

const PT_PER_MM: f32 = 72.0 / 25.4;

/// Top-left corners (mm) of the four 100 × 140 mm labels on an A4 sheet, 5 mm apart.
pub(crate) const A4_SLOTS: [(f32, f32); 4] =
    [(2.5, 6.0), (107.5, 6.0), (2.5, 151.0), (107.5, 151.0)];
/// Dashed cut lines on an A4 sheet: halfway between the labels.
const A4_CUT_X: f32 = 105.0;
const A4_CUT_Y: f32 = 148.5;

/// Lines are 1.25 em apart; the baseline sits 0.96 em below the top of the line box, which
/// leaves room for Chinese characters above and Latin descenders below.
const LINE_HEIGHT: f32 = 1.25;
const BASELINE: f32 = 0.96;

/// The embedded fonts, measured in millimetres.
pub(crate) struct PdfDevice {
    pub(crate) fonts: &'static Fonts,
}

impl Device for PdfDevice {
    fn width(&self, text: &str, size: f32) -> f32 {
        // Advance widths scale with the size, so a size in mm gives a width in mm.
        self.fonts.width(text, size)
    }

    fn line_height(&self, size: f32) -> f32 {
        size * LINE_HEIGHT
    }

    fn snap(&self, size: f32) -> f32 {
        size.max(MIN_TEXT)
    }

    /// One dot of a 203 dpi printer: a PDF printed to a thermal printer keeps even bars.
    fn dot(&self) -> f32 {
        0.125
    }

    fn check(&self, _field: &'static str, text: &str) -> Result<()> {
        self.fonts.check(text)
    }
}

/// The PDF resources of the two faces.
pub(crate) struct FontIds {
    latin: FontId,
    cjk: FontId,
}

impl FontIds {
    fn get(&self, which: Which) -> &FontId {
        match which {
            Which::Latin => &self.latin,
            Which::Cjk => &self.cjk,
        }
    }
}

/// A document with both faces added.
pub(crate) fn document(title: &str, fonts: &Fonts) -> (PdfDocument, FontIds) {
    let mut doc = PdfDocument::new(title);
    let ids = FontIds {
        latin: doc.add_font(&fonts.latin.parsed),
        cjk: doc.add_font(&fonts.cjk.parsed),
    };
    (doc, ids)
}

/// Saves with the fonts subset to the glyphs used.
pub(crate) fn save(mut doc: PdfDocument, pages: Vec<PdfPage>) -> Result<Vec<u8>> {
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

pub(crate) fn render_labels(labels: &[Label], size: LabelSize) -> Result<Vec<u8>> {
    let fonts = font::fonts()?;
    let device = PdfDevice { fonts };
    let spec = Spec::of(size);
    if labels.is_empty() {
        return Err(DocumentError::Pdf(
            "there is no label to print: choose at least one order".into(),
        ));
    }
    let mut laid_out = Vec::with_capacity(labels.len());
    for (i, label) in labels.iter().enumerate() {
        let elements = check_label(label)
            .and_then(|checked| layout::label(&device, &checked, spec))
            .map_err(|e| e.in_label(i, label))?;
        laid_out.push(elements);
    }

    let title = match labels {
        [one] => format!("快递面单 {}", one.waybill.trim()),
        _ => format!("快递面单 ×{}", labels.len()),
    };
    let (doc, ids) = document(&title, fonts);
    let (page_w, page_h) = size.page_mm();
    let pages = laid_out
        .chunks(size.labels_per_page())
        .map(|chunk| {
            let mut page = Canvas::new(fonts, &ids, page_h);
            for (elements, &(dx, dy)) in chunk.iter().zip(slots(size)) {
                page.elements(elements, dx, dy);
            }
            if size == LabelSize::A4 {
                page.cut_lines(page_w, page_h);
            }
            PdfPage::new(Mm(page_w), Mm(page_h), page.ops)
        })
        .collect();
    save(doc, pages)
}

/// Where each label of a page goes.
fn slots(size: LabelSize) -> &'static [(f32, f32)] {
    match size {
        LabelSize::A4 => &A4_SLOTS,
        _ => &[(0.0, 0.0)],
    }
}

/// One page's operations, placed in mm from the top-left corner.
pub(crate) struct Canvas<'a> {
    fonts: &'a Fonts,
    ids: &'a FontIds,
    page_h: f32,
    pub(crate) ops: Vec<Op>,
}

fn pt(mm: f32) -> Pt {
    Pt(mm * PT_PER_MM)
}

fn black() -> Color {
    Color::Greyscale(Greyscale::new(0.0, None))
}

impl<'a> Canvas<'a> {
    pub(crate) fn new(fonts: &'a Fonts, ids: &'a FontIds, page_h: f32) -> Canvas<'a> {
        Canvas {
            fonts,
            ids,
            page_h,
            // Everything on a label is black.
            ops: vec![
                Op::SetFillColor { col: black() },
                Op::SetOutlineColor { col: black() },
            ],
        }
    }

    /// A point in mm from the top-left corner, in PDF coordinates.
    fn point(&self, x: f32, y: f32) -> Point {
        Point {
            x: pt(x),
            y: pt(self.page_h - y),
        }
    }

    pub(crate) fn elements(&mut self, elements: &[Element], dx: f32, dy: f32) {
        for element in elements {
            match element {
                Element::Text {
                    x,
                    top,
                    size,
                    bold,
                    text,
                } => self.text(x + dx, top + dy, *size, *bold, text),
                Element::Bar { x, y, w, h } => self.fill(x + dx, y + dy, *w, *h),
                Element::Frame {
                    x,
                    y,
                    w,
                    h,
                    thickness,
                } => self.frame(x + dx, y + dy, *w, *h, *thickness),
                Element::Barcode {
                    x,
                    y,
                    module,
                    height,
                    code,
                    ..
                } => {
                    let rings = code
                        .bars()
                        .into_iter()
                        .map(|(start, width)| ring(start as f32, 0.0, width as f32, 1.0))
                        .collect();
                    // Module units across, the bar height up, from the bars' bottom-left.
                    let matrix = [
                        module * PT_PER_MM,
                        0.0,
                        0.0,
                        height * PT_PER_MM,
                        (x + dx) * PT_PER_MM,
                        (self.page_h - (y + dy + height)) * PT_PER_MM,
                    ];
                    self.path_in(matrix, rings);
                }
                Element::Qr {
                    x,
                    y,
                    module,
                    width,
                    dark,
                    ..
                } => {
                    let mut rings = Vec::new();
                    for (row, cells) in dark.chunks(*width).enumerate() {
                        let mut col = 0;
                        while col < cells.len() {
                            if !cells[col] {
                                col += 1;
                                continue;
                            }
                            let start = col;
                            while col < cells.len() && cells[col] {
                                col += 1;
                            }
                            rings.push(ring(start as f32, row as f32, (col - start) as f32, 1.0));
                        }
                    }
                    // Module units, rows counted downwards from the code's top-left corner.
                    let m = module * PT_PER_MM;
                    let matrix = [
                        m,
                        0.0,
                        0.0,
                        -m,
                        (x + dx) * PT_PER_MM,
                        (self.page_h - (y + dy)) * PT_PER_MM,
                    ];
                    self.path_in(matrix, rings);
                }
            }
        }
    }

    /// One filled path of `rings`, drawn under `matrix`.
    fn path_in(&mut self, matrix: [f32; 6], rings: Vec<PolygonRing>) {
        if rings.is_empty() {
            return;
        }
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetTransformationMatrix {
                matrix: CurTransMat::Raw(matrix),
            },
            Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            },
            Op::RestoreGraphicsState,
        ]);
    }

    /// One line of text whose line box starts at `top`.
    pub(crate) fn text(&mut self, x: f32, top: f32, size: f32, bold: bool, text: &str) {
        if text.is_empty() {
            return;
        }
        if bold {
            // The fonts have no bold face: outline the glyphs as well as filling them.
            self.ops.extend([
                Op::SaveGraphicsState,
                Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                },
                Op::SetOutlineThickness {
                    pt: Pt(size * PT_PER_MM * 0.035),
                },
            ]);
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: self.point(x, top + BASELINE * size),
            },
        ]);
        for (which, run) in self.fonts.runs(text) {
            self.ops.extend([
                Op::SetFont {
                    font: PdfFontHandle::External(self.ids.get(which).clone()),
                    size: pt(size),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run.to_string())],
                },
            ]);
        }
        self.ops.push(Op::EndTextSection);
        if bold {
            self.ops.push(Op::RestoreGraphicsState);
        }
    }

    pub(crate) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: pt(x),
                y: pt(self.page_h - y - h),
                width: pt(w),
                height: pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: None,
            },
        });
    }

    /// A rectangle outline whose outer edge is `x, y, w, h`.
    pub(crate) fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32) {
        let half = thickness / 2.0;
        self.ops.extend([
            Op::SetOutlineThickness { pt: pt(thickness) },
            Op::DrawRectangle {
                rectangle: Rect {
                    x: pt(x + half),
                    y: pt(self.page_h - y - h + half),
                    width: pt(w - thickness),
                    height: pt(h - thickness),
                    mode: Some(PaintMode::Stroke),
                    winding_order: None,
                },
            },
        ]);
    }

    /// Dashed lines to cut an A4 sheet into its labels along.
    fn cut_lines(&mut self, page_w: f32, page_h: f32) {
        let line = |a: Point, b: Point| Op::DrawLine {
            line: Line {
                points: vec![
                    LinePoint {
                        p: a,
                        bezier: false,
                    },
                    LinePoint {
                        p: b,
                        bezier: false,
                    },
                ],
                is_closed: false,
            },
        };
        self.ops.extend([
            Op::SaveGraphicsState,
            Op::SetOutlineColor {
                col: Color::Greyscale(Greyscale::new(0.45, None)),
            },
            Op::SetOutlineThickness { pt: Pt(0.5) },
            Op::SetLineDashPattern {
                dash: LineDashPattern {
                    offset: 0.0,
                    pattern: [4.0, 3.0].into_iter().collect(),
                },
            },
            line(self.point(A4_CUT_X, 0.0), self.point(A4_CUT_X, page_h)),
            line(self.point(0.0, A4_CUT_Y), self.point(page_w, A4_CUT_Y)),
            Op::RestoreGraphicsState,
        ]);
    }
}

/// A rectangle as a path ring, in whatever units the current matrix gives.
fn ring(x: f32, y: f32, w: f32, h: f32) -> PolygonRing {
    let p = |x: f32, y: f32| LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    };
    PolygonRing {
        points: vec![p(x, y), p(x + w, y), p(x + w, y + h), p(x, y + h)],
    }
}
