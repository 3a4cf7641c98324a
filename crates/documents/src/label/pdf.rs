//! Labels as PDF: the embedded fonts as a layout [`Device`], and layout elements as printpdf
//! operations.
//!
//! Barcodes and QR codes are one filled path each, drawn in module units under a scaling
//! matrix: whole numbers, one `re` per bar or per block of dark modules ([`qr::blocks`]).
//! Their matrices keep full precision, so that the codes stay on the dot grid the layout put
//! them on (rounding those to 0.01 pt already made a raster decoder miss QR codes). Other
//! positions are written to 0.01 pt (under 0.004 mm) and font sizes to 0.001 pt, a font is
//! only selected when it changes, and the two fonts have short resource names, so that a
//! label costs about a kilobyte and 1000 labels stay a small file that deflates quickly.

use std::collections::BTreeMap;

use flate2::{Compress, Compression, FlushCompress, Status};

use printpdf::{
    Color, DictItem, ExternalStream, ExternalXObject, FontId, Greyscale, Line, LineDashPattern,
    LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Pt, Rect, TextItem, TextRenderingMode, XObject,
    XObjectId, XObjectTransform,
};

use super::layout::{self, Device, Element, Spec, MIN_TEXT};
use super::{check_label, qr, Label, LabelSize};
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
    let latin = add_font(&mut doc, &fonts.latin.parsed);
    let mut cjk = add_font(&mut doc, &fonts.cjk.parsed);
    while cjk == latin {
        doc.resources.fonts.map.remove(&cjk);
        cjk = add_font(&mut doc, &fonts.cjk.parsed);
    }
    (doc, FontIds { latin, cjk })
}

/// Adds a face under a resource name of six random capitals. printpdf's own names are 32
/// letters long and written before every run of text; its subset tag (the `ABCDEF+` before
/// the font's name) is their first six letters, which these names keep.
fn add_font(doc: &mut PdfDocument, font: &ParsedFont) -> FontId {
    let id = FontId(FontId::new().0.chars().take(6).collect());
    doc.resources
        .fonts
        .map
        .insert(id.clone(), PdfFont::new(font.clone()));
    id
}

/// Deflate level for the saved streams, chosen by measurement on 1000 labels: printpdf's level 9
/// cost 7% more instructions for a file 0.3% smaller; level 3 made it 1.53 MB against 1.47.
const DEFLATE_LEVEL: u32 = 6;

/// Saves with the fonts subset to the glyphs used.
///
/// Through lopdf rather than `PdfDocument::save`: printpdf's operations are dropped as soon as
/// they are written as content streams, so the two never sit in memory beside the compressed
/// streams, and every stream is deflated by one reused compressor at [`DEFLATE_LEVEL`].
pub(crate) fn save(mut doc: PdfDocument, pages: Vec<PdfPage>) -> Result<Vec<u8>> {
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let options = PdfSaveOptions {
        subset_fonts: true,
        // Writes the operators printpdf has no type for (the paths of bars and QR modules,
        // one [`Op::Unknown`] each); [`Canvas`] makes no others, and nothing here reads
        // foreign content.
        secure: false,
        ..PdfSaveOptions::default()
    };
    let mut lo = doc.to_lopdf_document(&options, &mut warnings);
    drop(doc);
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if !errors.is_empty() {
        return Err(DocumentError::Pdf(errors.join("; ")));
    }
    let mut deflate = Compress::new(Compression::new(DEFLATE_LEVEL), true);
    for object in lo.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            if stream.allows_compression && stream.dict.get(b"Filter").is_err() {
                let packed = deflated(&mut deflate, &stream.content)?;
                // As lopdf does: keep the plain bytes when deflating does not pay.
                if packed.len() + 19 < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(packed);
                }
            }
        }
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| DocumentError::Pdf(format!("could not write the PDF: {e}")))?;
    Ok(bytes)
}

/// `data` as a zlib stream, by `deflate`, which is left reset for the next one.
fn deflated(deflate: &mut Compress, data: &[u8]) -> Result<Vec<u8>> {
    deflate.reset();
    // Deflate grows incompressible data by a few bytes per 16 KiB block.
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    loop {
        let read = usize::try_from(deflate.total_in()).unwrap_or(usize::MAX);
        let rest = data.get(read..).unwrap_or_default();
        if out.capacity() - out.len() < 64 {
            out.reserve(out.capacity().max(1024));
        }
        let status = deflate
            .compress_vec(rest, &mut out, FlushCompress::Finish)
            .map_err(|e| DocumentError::Pdf(format!("could not compress the PDF: {e}")))?;
        if status == Status::StreamEnd {
            return Ok(out);
        }
    }
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
    let title = match labels {
        [one] => format!("快递面单 {}", one.waybill.trim()),
        _ => format!("快递面单 ×{}", labels.len()),
    };
    let (mut doc, ids) = document(&title, fonts);
    let (page_w, page_h) = size.page_mm();
    let per_page = size.labels_per_page().max(1);
    let mut pages = Vec::with_capacity(labels.len().div_ceil(per_page));
    // Each label is laid out, drawn and dropped in turn: a batch never holds every label's
    // layout at once.
    let mut shared = Vec::new();
    let mut form = None;
    let mut page: Option<Canvas> = None;
    for (i, label) in labels.iter().enumerate() {
        let elements = check_label(label)
            .and_then(|checked| layout::label(&device, &checked, spec))
            .map_err(|e| e.in_label(i, label))?;
        if i == 0 && labels.len() > 1 {
            shared = shared_graphics(&elements);
            if !shared.is_empty() {
                form = Some(add_form(&mut doc, &shared, page_w, page_h));
            }
        }
        let canvas = page.get_or_insert_with(|| Canvas::new(fonts, &ids, page_h));
        let (dx, dy) = slots(size).get(i % per_page).copied().unwrap_or_default();
        draw_label(canvas, &elements, &shared, form.as_ref(), dx, dy);
        if (i + 1) % per_page == 0 || i + 1 == labels.len() {
            if let Some(mut done) = page.take() {
                if size == LabelSize::A4 {
                    done.cut_lines(page_w, page_h);
                }
                pages.push(PdfPage::new(Mm(page_w), Mm(page_h), done.ops));
            }
        }
    }
    save(doc, pages)
}

/// One label's `elements` at `dx, dy` on `canvas`: the rules of `shared` by showing `form`, if
/// the label draws every one of them, and the rest itself. A label laid out otherwise (one
/// lacking any of the shared rules) draws all its own.
fn draw_label(
    canvas: &mut Canvas,
    elements: &[Element],
    shared: &[Element],
    form: Option<&XObjectId>,
    dx: f32,
    dy: f32,
) {
    match form {
        Some(form) if shared.iter().all(|s| elements.contains(s)) => {
            canvas.ops.push(Op::UseXobject {
                id: form.clone(),
                transform: XObjectTransform {
                    translate_x: Some(pt(dx)),
                    translate_y: Some(Pt(-pt(dy).0)),
                    ..XObjectTransform::default()
                },
            });
            canvas.elements(elements.iter().filter(|e| !shared.contains(e)), dx, dy);
        }
        _ => canvas.elements(elements, dx, dy),
    }
}

/// The rules and frames of a batch's first label. They go into one form XObject that each
/// label drawing them all shows, rather than into every page: a page's content is compressed
/// on its own and cannot refer to the last one's. (Text stays on the pages, where printpdf
/// sees which glyphs to keep in the font subsets.)
fn shared_graphics(first: &[Element]) -> Vec<Element> {
    first
        .iter()
        .filter(|e| matches!(e, Element::Bar { .. } | Element::Frame { .. }))
        .cloned()
        .collect()
}

/// A form XObject of the label at the page's top-left corner drawing `elements` (rules and
/// frames only), for [`Op::UseXobject`].
fn add_form(doc: &mut PdfDocument, elements: &[Element], page_w: f32, page_h: f32) -> XObjectId {
    let mut content = String::new();
    for element in elements {
        match *element {
            Element::Bar { x, y, w, h } => {
                let r = fill_rect(page_h, x, y, w, h);
                content += &format!("{} {} {} {} re f\n", r.x.0, r.y.0, r.width.0, r.height.0);
            }
            Element::Frame {
                x,
                y,
                w,
                h,
                thickness,
            } => {
                let r = frame_rect(page_h, x, y, w, h, thickness);
                content += &format!(
                    "{} w {} {} {} {} re S\n",
                    pt(thickness).0,
                    r.x.0,
                    r.y.0,
                    r.width.0,
                    r.height.0
                );
            }
            _ => {}
        }
    }
    let number = |mm: f32| DictItem::Real(pt(mm).0);
    let dict = BTreeMap::from([
        ("Type".to_string(), DictItem::Name(b"XObject".to_vec())),
        ("Subtype".to_string(), DictItem::Name(b"Form".to_vec())),
        (
            "BBox".to_string(),
            DictItem::Array(vec![
                number(0.0),
                number(0.0),
                number(page_w),
                number(page_h),
            ]),
        ),
        (
            "Resources".to_string(),
            DictItem::Dict {
                map: BTreeMap::new(),
            },
        ),
    ]);
    let id = XObjectId("Rules".into());
    doc.resources.xobjects.map.insert(
        id.clone(),
        XObject::External(ExternalXObject {
            stream: ExternalStream {
                dict,
                content: content.into_bytes(),
                compress: true,
            },
            width: None,
            height: None,
            dpi: None,
        }),
    );
    id
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
    /// The face and size (pt) the text state has, when known: a run in the same face and
    /// size needs no `Tf`.
    font: Option<(Which, f32)>,
    pub(crate) ops: Vec<Op>,
}

/// `mm` in points, to 0.01 pt: shorter numbers in the file, moved by at most 0.002 mm.
fn pt(mm: f32) -> Pt {
    Pt(round_to(mm * PT_PER_MM, 100.0))
}

/// `v` rounded to a multiple of `1 / per`.
fn round_to(v: f32, per: f32) -> f32 {
    (v * per).round() / per
}

/// The filled rectangle `x, y, w, h` (mm from the top-left corner of a page `page_h` high).
fn fill_rect(page_h: f32, x: f32, y: f32, w: f32, h: f32) -> Rect {
    Rect {
        x: pt(x),
        y: pt(page_h - y - h),
        width: pt(w),
        height: pt(h),
        mode: Some(PaintMode::Fill),
        winding_order: None,
    }
}

/// The stroked path of an outline `thickness` wide whose outer edge is `x, y, w, h`.
fn frame_rect(page_h: f32, x: f32, y: f32, w: f32, h: f32, thickness: f32) -> Rect {
    let half = thickness / 2.0;
    Rect {
        x: pt(x + half),
        y: pt(page_h - y - h + half),
        width: pt(w - thickness),
        height: pt(h - thickness),
        mode: Some(PaintMode::Stroke),
        winding_order: None,
    }
}

/// A font size (mm) in points, to 0.001 pt.
fn font_pt(size: f32) -> Pt {
    Pt(round_to(size * PT_PER_MM, 1000.0))
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
            font: None,
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

    pub(crate) fn elements<'e>(
        &mut self,
        elements: impl IntoIterator<Item = &'e Element>,
        dx: f32,
        dy: f32,
    ) {
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
                    // Module units across, the bar height up, from the bars' bottom-left.
                    let matrix = [
                        module * PT_PER_MM,
                        0.0,
                        0.0,
                        height * PT_PER_MM,
                        (x + dx) * PT_PER_MM,
                        (self.page_h - (y + dy + height)) * PT_PER_MM,
                    ];
                    let bars = code.bars().into_iter().map(|(start, width)| qr::Block {
                        x: start,
                        y: 0,
                        w: width,
                        h: 1,
                    });
                    self.blocks_in(matrix, bars);
                }
                Element::Qr {
                    x,
                    y,
                    module,
                    width,
                    dark,
                    ..
                } => {
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
                    self.blocks_in(matrix, qr::blocks(dark, *width));
                }
            }
        }
    }

    /// One filled path of rectangles given in whole units of `matrix`, written as one
    /// operation: a QR code has hundreds of rectangles, and an operation each cost more
    /// memory and time than the text they make.
    fn blocks_in(&mut self, matrix: [f32; 6], blocks: impl IntoIterator<Item = qr::Block>) {
        use std::fmt::Write as _;
        let [a, b, c, d, e, f] = matrix;
        let mut path = format!("q\n{a} {b} {c} {d} {e} {f} cm\n");
        let start = path.len();
        for r in blocks {
            // Writing to a String cannot fail.
            let _ = writeln!(path, "{} {} {} {} re", r.x, r.y, r.w, r.h);
        }
        if path.len() == start {
            return;
        }
        path.push_str("f\nQ");
        self.ops.push(Op::Unknown {
            key: path,
            value: Vec::new(),
        });
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
                    pt: font_pt(size * 0.035),
                },
            ]);
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetTextCursor {
                pos: self.point(x, top + BASELINE * size),
            },
        ]);
        let size_pt = font_pt(size);
        for (which, run) in self.fonts.runs(text) {
            if self.font != Some((which, size_pt.0)) {
                self.font = Some((which, size_pt.0));
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(self.ids.get(which).clone()),
                    size: size_pt,
                });
            }
            self.ops.push(Op::ShowText {
                items: vec![TextItem::Text(run.to_string())],
            });
        }
        self.ops.push(Op::EndTextSection);
        if bold {
            self.ops.push(Op::RestoreGraphicsState);
            // `Q` brings back the font from before `q`, which printpdf does not follow when
            // it maps text to glyphs: the next run selects its font again.
            self.font = None;
        }
    }

    pub(crate) fn fill(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.ops.push(Op::DrawRectangle {
            rectangle: fill_rect(self.page_h, x, y, w, h),
        });
    }

    /// A rectangle outline whose outer edge is `x, y, w, h`.
    pub(crate) fn frame(&mut self, x: f32, y: f32, w: f32, h: f32, thickness: f32) {
        self.ops.extend([
            Op::SetOutlineThickness { pt: pt(thickness) },
            Op::DrawRectangle {
                rectangle: frame_rect(self.page_h, x, y, w, h, thickness),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(y: f32) -> Element {
        Element::Bar {
            x: 2.0,
            y,
            w: 96.0,
            h: 0.3,
        }
    }

    fn rectangles(ops: &[Op]) -> usize {
        ops.iter()
            .filter(|op| matches!(op, Op::DrawRectangle { .. }))
            .count()
    }

    fn forms(ops: &[Op]) -> usize {
        ops.iter()
            .filter(|op| matches!(op, Op::UseXobject { .. }))
            .count()
    }

    #[test]
    fn a_label_without_every_shared_rule_draws_all_its_own() {
        let Ok(fonts) = font::fonts() else {
            panic!("the embedded fonts load");
        };
        let (_, ids) = document("test", fonts);
        let shared = vec![bar(10.0), bar(20.0)];
        let form = XObjectId("Rules".into());

        // Like the first label, and one more rule: the form, and the extra rule drawn.
        let mut canvas = Canvas::new(fonts, &ids, 150.0);
        let like_first = vec![bar(10.0), bar(20.0), bar(30.0)];
        draw_label(&mut canvas, &like_first, &shared, Some(&form), 0.0, 0.0);
        assert_eq!((forms(&canvas.ops), rectangles(&canvas.ops)), (1, 1));

        // Missing the rule at 20 mm: no form (it would draw that rule), its own two rules.
        let mut canvas = Canvas::new(fonts, &ids, 150.0);
        let other = vec![bar(10.0), bar(25.0)];
        draw_label(&mut canvas, &other, &shared, Some(&form), 0.0, 0.0);
        assert_eq!((forms(&canvas.ops), rectangles(&canvas.ops)), (0, 2));

        // A single label has no form: everything drawn.
        let mut canvas = Canvas::new(fonts, &ids, 150.0);
        draw_label(&mut canvas, &like_first, &[], None, 0.0, 0.0);
        assert_eq!((forms(&canvas.ops), rectangles(&canvas.ops)), (0, 3));
    }
}
