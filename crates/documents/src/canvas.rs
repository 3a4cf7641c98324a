//! Drawing an A4 page from its top-left corner: text in the two faces, lines, filled and
//! stroked rectangles. Shared by the documents laid out on A4 (the pick list, payslips).

use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PaintMode, PdfFontHandle, Point, Pt, Rect, TextItem,
    TextRenderingMode,
};

use crate::a4::PAGE_H;
use crate::font::{Fonts, Which};
use crate::layout::FontIds;

/// How a text is printed: size in points, grey level (0 black), and whether bold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub(crate) size: f32,
    pub(crate) grey: f32,
    pub(crate) bold: bool,
}

/// One page's drawing operations, placed from the top-left corner.
pub(crate) struct Canvas<'a> {
    pub(crate) fonts: &'a Fonts,
    pub(crate) ids: &'a FontIds,
    pub(crate) ops: Vec<Op>,
}

pub(crate) fn grey(g: f32) -> Color {
    Color::Greyscale(Greyscale::new(g, None))
}

impl<'a> Canvas<'a> {
    pub(crate) fn new(fonts: &'a Fonts, ids: &'a FontIds) -> Self {
        Canvas {
            fonts,
            ids,
            ops: Vec::new(),
        }
    }

    pub(crate) fn text(
        &mut self,
        x: f32,
        baseline: f32,
        size: f32,
        g: f32,
        bold: bool,
        text: &str,
    ) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::SaveGraphicsState);
        if bold {
            // The fonts have no bold face: outline the glyphs as well as filling them.
            self.ops.extend([
                Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                },
                Op::SetOutlineColor { col: grey(g) },
                Op::SetOutlineThickness {
                    pt: Pt(size * 0.035),
                },
            ]);
        }
        self.ops.extend([
            Op::StartTextSection,
            Op::SetFillColor { col: grey(g) },
            Op::SetTextCursor {
                pos: Point {
                    x: Pt(x),
                    y: Pt(PAGE_H - baseline),
                },
            },
        ]);
        for (which, run) in self.fonts.runs(text) {
            let id = match which {
                Which::Latin => &self.ids.latin,
                Which::Cjk => &self.ids.cjk,
            };
            self.ops.extend([
                Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(size),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(run.to_string())],
                },
            ]);
        }
        self.ops
            .extend([Op::EndTextSection, Op::RestoreGraphicsState]);
    }

    /// The baseline that centres one line of text of `size` in a band `height` high.
    pub(crate) fn baseline_in(&self, top: f32, height: f32, size: f32) -> f32 {
        let glyphs = (self.fonts.ascent + self.fonts.descent) * size;
        top + (height - glyphs) / 2.0 + self.fonts.ascent * size
    }

    pub(crate) fn line(&mut self, from: (f32, f32), to: (f32, f32), width: f32, g: f32) {
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(x),
                y: Pt(PAGE_H - y),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor { col: grey(g) },
            Op::SetOutlineThickness { pt: Pt(width) },
            Op::DrawLine {
                line: Line {
                    points: vec![point(from), point(to)],
                    is_closed: false,
                },
            },
        ]);
    }

    pub(crate) fn rect(&mut self, x: f32, top: f32, width: f32, height: f32, mode: PaintMode) {
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

    pub(crate) fn fill(&mut self, x: f32, top: f32, width: f32, height: f32, g: f32) {
        self.ops.push(Op::SetFillColor { col: grey(g) });
        self.rect(x, top, width, height, PaintMode::Fill);
    }

    pub(crate) fn frame(
        &mut self,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        thickness: f32,
        g: f32,
    ) {
        self.ops.extend([
            Op::SetOutlineColor { col: grey(g) },
            Op::SetOutlineThickness { pt: Pt(thickness) },
        ]);
        self.rect(x, top, width, height, PaintMode::Stroke);
    }

    pub(crate) fn styled(&mut self, x: f32, baseline: f32, style: Style, text: &str) {
        self.text(x, baseline, style.size, style.grey, style.bold, text);
    }
}
