//! Where each block of a shipping label goes, in millimetres from the label's top-left
//! corner, for any [`Device`] that can measure its own text.
//!
//! A label is a stack of boxes, top to bottom: courier band, waybill barcode, recipient
//! (收), sender (寄), then items, weight and note beside the order's QR code. Each box has a
//! fixed height for a label size; the text in it is wrapped and, if need be, shrunk (all its
//! paragraphs together, each no smaller than its minimum) until it fits. Text that cannot fit
//! even then is [`DocumentError::TextTooLong`] naming the field: never cut off, never drawn
//! over the next box.

use qrcode::EcLevel;

use super::{clean, qr, Checked, LabelSize};
use crate::code128::{Code128, QUIET_ZONE};
use crate::wrap::wrap_by;
use crate::{DocumentError, Result};

/// What a printing device must tell the layout about itself.
pub(crate) trait Device {
    /// Width of `text` set at `size` (the em height, mm), in mm.
    fn width(&self, text: &str, size: f32) -> f32;
    /// Distance between the tops of two lines at `size`, in mm; one line's box is this high.
    fn line_height(&self, size: f32) -> f32;
    /// The size the device really prints when asked for `size`: the nearest one it has, and
    /// never below its smallest legible size.
    fn snap(&self, size: f32) -> f32;
    /// The device's grid, in mm: barcode modules are whole multiples of it.
    fn dot(&self) -> f32;
    /// Fails when the device cannot print some character of `text` (already cleaned).
    fn check(&self, field: &'static str, text: &str) -> Result<()>;
}

/// One thing drawn on a label. Coordinates in mm from the top-left corner of the label.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Element {
    /// One line of text whose line box starts at `top` (see [`Device::line_height`]).
    Text {
        x: f32,
        top: f32,
        size: f32,
        bold: bool,
        text: String,
    },
    /// A filled black rectangle: a rule between boxes.
    Bar { x: f32, y: f32, w: f32, h: f32 },
    /// An outlined rectangle whose outer edge is `x, y, w, h`.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        thickness: f32,
    },
    /// A Code 128 symbol whose first bar starts at `x`; quiet zones are left clear around it.
    Barcode {
        x: f32,
        y: f32,
        module: f32,
        height: f32,
        code: Code128,
        /// The encoded text, for printers that encode it themselves.
        text: String,
    },
    /// A QR code, `width` × `width` modules, dark ones `true`, row by row.
    Qr {
        x: f32,
        y: f32,
        module: f32,
        width: usize,
        dark: Vec<bool>,
        /// The encoded text, for printers that encode it themselves.
        text: String,
    },
}

const PT: f32 = 25.4 / 72.0;

/// Smallest text on a label, as the issue asks: 6 pt.
pub(crate) const MIN_TEXT: f32 = 6.0 * PT;
/// Barcode modules: at least 0.25 mm (two dots at 203 dpi) so that scanners read them;
/// at most 0.5 mm, wide enough for any scanner at arm's length.
const MIN_MODULE: f32 = 0.25;
const MAX_MODULE: f32 = 0.5;
/// QR modules: at least 0.33 mm, the usual floor for phone cameras and thermal print.
const MIN_QR_MODULE: f32 = 0.33;
/// Light modules around a QR code (ISO/IEC 18004).
const QR_QUIET: usize = 4;

/// Fixed words printed on every label.
pub(crate) const RECIPIENT_TAG: &str = "收";
pub(crate) const SENDER_TAG: &str = "寄";
pub(crate) const ITEMS: &str = "物品：";
pub(crate) const WEIGHT: &str = "重量：";
pub(crate) const NOTE: &str = "备注：";
pub(crate) const POSTCODE: &str = "邮编";
pub(crate) const SIGNATURE: &str = "签收人：";

/// Heights of a label's boxes, in mm, and its size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Spec {
    pub(crate) size: LabelSize,
    pub(crate) w: f32,
    pub(crate) h: f32,
    courier: f32,
    barcode: f32,
    recipient: f32,
    sender: f32,
    /// Width of the QR column in the bottom box.
    qr_col: f32,
    /// Width of the 收 / 寄 column.
    tag_col: f32,
    /// Font sizes are the 100 mm label's times this.
    scale: f32,
}

/// Outer margin: thermal printers cannot print to the very edge.
const MARGIN: f32 = 2.0;
const FRAME: f32 = 0.35;
const RULE: f32 = 0.3;
const PAD: f32 = 1.2;

impl Spec {
    /// The geometry of one label of `size`; an A4 sheet holds labels of 100 × 140 mm.
    pub(crate) fn of(size: LabelSize) -> Spec {
        let wide = |h, courier, barcode, recipient, sender| Spec {
            size,
            w: 100.0,
            h,
            courier,
            barcode,
            recipient,
            sender,
            qr_col: 28.0,
            tag_col: 9.0,
            scale: 1.0,
        };
        match size {
            LabelSize::Mm100x150 => wide(150.0, 12.0, 27.0, 42.0, 17.0),
            LabelSize::Mm100x180 => Spec {
                scale: 1.1,
                ..wide(180.0, 14.0, 32.0, 52.0, 21.0)
            },
            LabelSize::A4 => wide(140.0, 11.0, 25.0, 39.0, 16.0),
            LabelSize::Mm76x130 => Spec {
                size,
                w: 76.0,
                h: 130.0,
                courier: 10.0,
                barcode: 23.0,
                recipient: 36.0,
                sender: 15.0,
                qr_col: 27.0,
                tag_col: 7.5,
                scale: 0.85,
            },
        }
    }
}

/// A paragraph to fit into a box.
struct Para {
    field: &'static str,
    text: String,
    /// Preferred and smallest size, mm.
    max: f32,
    min: f32,
    bold: bool,
    /// Shrink rather than wrap: a code broken over two lines reads as two codes.
    one_line: bool,
}

impl Para {
    fn new(field: &'static str, text: String, max_pt: f32, min_pt: f32) -> Para {
        Para {
            field,
            text,
            max: max_pt * PT,
            min: (min_pt * PT).max(MIN_TEXT),
            bold: false,
            one_line: false,
        }
    }

    fn one_line(mut self) -> Para {
        self.one_line = true;
        self
    }

    fn bold(mut self) -> Para {
        self.bold = true;
        self
    }
}

/// A paragraph laid out: its size and lines.
struct Fitted {
    size: f32,
    bold: bool,
    lines: Vec<String>,
}

/// Space between two paragraphs of a box, as a fraction of the smaller one's size.
const PARA_GAP: f32 = 0.35;

/// Sizes and lines for `paras` (empty ones dropped) that fit `width` × `height`: every
/// paragraph at its preferred size times one common factor, but none below its minimum.
fn fit(
    dev: &dyn Device,
    size: LabelSize,
    paras: Vec<Para>,
    width: f32,
    height: f32,
) -> Result<Vec<Fitted>> {
    let paras: Vec<Para> = paras.into_iter().filter(|p| !p.text.is_empty()).collect();
    let mut factor = 1.0_f32;
    loop {
        let fitted: Vec<Fitted> = paras
            .iter()
            .map(|p| {
                let size = dev.snap((p.max * factor).max(p.min));
                let lines = if p.one_line {
                    vec![p.text.clone()]
                } else {
                    wrap_by(&p.text, width, |t| dev.width(t, size))
                };
                Fitted {
                    size,
                    bold: p.bold,
                    lines,
                }
            })
            .collect();
        let too_wide = |f: &Fitted| f.lines.iter().any(|l| dev.width(l, f.size) > width + 1e-3);
        let fits = !fitted.iter().any(too_wide) && stack_height(dev, &fitted) <= height + 1e-3;
        if fits {
            return Ok(fitted);
        }
        if paras.iter().all(|p| p.max * factor <= p.min) {
            // The field that takes the most room is the one to shorten.
            let culprit = paras
                .iter()
                .zip(&fitted)
                .max_by(|(_, a), (_, b)| {
                    let h = |f: &Fitted| {
                        f.lines.len() as f32 * dev.line_height(f.size)
                            + if too_wide(f) { 1e6 } else { 0.0 }
                    };
                    h(a).total_cmp(&h(b))
                })
                .map_or("text", |(p, _)| p.field);
            return Err(DocumentError::TextTooLong {
                field: culprit,
                size,
            });
        }
        factor -= 0.025;
    }
}

fn stack_height(dev: &dyn Device, fitted: &[Fitted]) -> f32 {
    let lines: f32 = fitted
        .iter()
        .map(|f| f.lines.len() as f32 * dev.line_height(f.size))
        .sum();
    let gaps: f32 = fitted
        .windows(2)
        .map(|w| PARA_GAP * w[0].size.min(w[1].size))
        .sum();
    lines + gaps
}

/// Where fitted paragraphs are drawn.
#[derive(Clone, Copy)]
enum Align {
    Left,
    Centre,
    Right,
}

/// Builds the elements of one label.
struct Builder<'a> {
    dev: &'a dyn Device,
    spec: Spec,
    out: Vec<Element>,
}

impl Builder<'_> {
    /// Draws fitted paragraphs from `top`, aligned in `x..x + width`; returns the bottom.
    fn stack(&mut self, fitted: Vec<Fitted>, x: f32, top: f32, width: f32, align: Align) -> f32 {
        let mut y = top;
        let mut previous: Option<f32> = None;
        for f in fitted {
            if let Some(prev) = previous {
                y += PARA_GAP * prev.min(f.size);
            }
            let lh = self.dev.line_height(f.size);
            for line in f.lines {
                let w = self.dev.width(&line, f.size);
                let left = match align {
                    Align::Left => x,
                    Align::Centre => x + (width - w) / 2.0,
                    Align::Right => x + width - w,
                };
                if !line.is_empty() {
                    self.out.push(Element::Text {
                        x: left,
                        top: y,
                        size: f.size,
                        bold: f.bold,
                        text: line,
                    });
                }
                y += lh;
            }
            previous = Some(f.size);
        }
        y
    }

    /// Fits paragraphs into a box and draws them, vertically centred when `centre` is set.
    #[allow(clippy::too_many_arguments)]
    fn text_box(
        &mut self,
        paras: Vec<Para>,
        x: f32,
        top: f32,
        width: f32,
        height: f32,
        align: Align,
        centre: bool,
    ) -> Result<f32> {
        let fitted = fit(self.dev, self.spec.size, paras, width, height)?;
        let used = stack_height(self.dev, &fitted);
        let top = if centre {
            top + (height - used) / 2.0
        } else {
            top
        };
        Ok(self.stack(fitted, x, top, width, align))
    }

    fn hrule(&mut self, x0: f32, x1: f32, y: f32) {
        self.out.push(Element::Bar {
            x: x0,
            y: y - RULE / 2.0,
            w: x1 - x0,
            h: RULE,
        });
    }

    fn vrule(&mut self, x: f32, y0: f32, y1: f32) {
        self.out.push(Element::Bar {
            x: x - RULE / 2.0,
            y: y0,
            w: RULE,
            h: y1 - y0,
        });
    }

    /// The largest multiple of the device's dot not above `mm`.
    fn floor_dot(&self, mm: f32) -> f32 {
        let dot = self.dev.dot();
        (mm / dot + 1e-4).floor() * dot
    }

    /// The smallest multiple of the device's dot not below `mm`.
    fn ceil_dot(&self, mm: f32) -> f32 {
        let dot = self.dev.dot();
        (mm / dot - 1e-4).ceil() * dot
    }

    /// A box with a tag character (收 or 寄) in a column of its own, then paragraphs.
    fn party_box(
        &mut self,
        tag: &str,
        tag_pt: f32,
        paras: Vec<Para>,
        top: f32,
        height: f32,
    ) -> Result<()> {
        let (x0, x1) = (MARGIN, self.spec.w - MARGIN);
        let split = x0 + self.spec.tag_col;
        self.vrule(split, top, top + height);
        let tag_size = self.dev.snap(tag_pt * PT * self.spec.scale);
        let tag_w = self.dev.width(tag, tag_size);
        self.out.push(Element::Text {
            x: x0 + (self.spec.tag_col - tag_w) / 2.0,
            top: top + PAD,
            size: tag_size,
            bold: true,
            text: tag.to_string(),
        });
        let x = split + PAD + 0.5;
        self.text_box(
            paras,
            x,
            top + PAD,
            x1 - PAD - x,
            height - 2.0 * PAD,
            Align::Left,
            false,
        )?;
        Ok(())
    }
}

/// Every element of one label, from a label that passed [`super::check_label`].
pub(crate) fn label(dev: &dyn Device, checked: &Checked<'_>, spec: Spec) -> Result<Vec<Element>> {
    let l = checked.label;
    let s = spec.scale;
    let (x0, x1) = (MARGIN, spec.w - MARGIN);
    let inner_w = x1 - x0;

    // Every text the label prints, checked before anything is laid out.
    let recipient_line = party_line(&l.recipient.name, &l.recipient.phone);
    let sender_line = party_line(&l.sender.name, &l.sender.phone);
    let mut address = clean(&l.recipient.address());
    if !l.postcode.trim().is_empty() {
        address = format!("{address}  {POSTCODE} {}", clean(&l.postcode));
    }
    let fields: [(&'static str, &str); 13] = [
        ("recipient name", &l.recipient.name),
        ("recipient phone", &l.recipient.phone),
        ("recipient address", &l.recipient.address()),
        ("postcode", &l.postcode),
        ("sender name", &l.sender.name),
        ("sender phone", &l.sender.phone),
        ("sender address", &l.sender.address()),
        ("courier", &l.courier),
        ("order reference", &l.order_ref),
        ("items", &l.items),
        ("weight", &l.weight),
        ("date", &l.date),
        ("note", &l.note),
    ];
    for (field, text) in fields {
        super::check_controls(field, text)?;
        dev.check(field, &clean(text))?;
    }
    for fixed in [
        RECIPIENT_TAG,
        SENDER_TAG,
        ITEMS,
        WEIGHT,
        NOTE,
        POSTCODE,
        SIGNATURE,
    ] {
        dev.check("label heading", fixed)?;
    }

    let mut b = Builder {
        dev,
        spec,
        out: Vec::new(),
    };
    b.out.push(Element::Frame {
        x: x0,
        y: MARGIN,
        w: inner_w,
        h: spec.h - 2.0 * MARGIN,
        thickness: FRAME,
    });

    // Courier band: the courier's name large on the left, the date on the right.
    let mut y = MARGIN;
    let band = spec.courier;
    let date_w = inner_w * 0.34;
    b.text_box(
        vec![Para::new("courier", clean(&l.courier), 17.0 * s, 8.0).bold()],
        x0 + PAD + 0.5,
        y,
        inner_w - date_w - 2.0 * PAD,
        band,
        Align::Left,
        true,
    )?;
    b.text_box(
        vec![Para::new("date", clean(&l.date), 9.0 * s, 6.0)],
        x1 - date_w,
        y,
        date_w - PAD - 0.5,
        band,
        Align::Right,
        true,
    )?;
    y += band;
    b.hrule(x0, x1, y);

    // Waybill: Code 128 centred, its characters under it.
    let band = spec.barcode;
    let code = &checked.barcode;
    let waybill = l.waybill.trim().to_string();
    let text_size = dev.snap(12.0 * PT * s);
    let text_h = dev.line_height(text_size);
    let bars_h = band - 2.0 * PAD - text_h - 0.6;
    let available = inner_w - 2.0 * PAD;
    let span = (code.modules() + 2 * QUIET_ZONE) as f32;
    let module = b.floor_dot((available / span).min(MAX_MODULE));
    if module < b.ceil_dot(MIN_MODULE) {
        return Err(DocumentError::WaybillTooLong {
            waybill: l.waybill.clone(),
            size: spec.size,
        });
    }
    let bars_w = code.modules() as f32 * module;
    let bars_x = b.floor_dot(x0 + (inner_w - bars_w) / 2.0);
    b.out.push(Element::Barcode {
        x: bars_x,
        y: y + PAD,
        module,
        height: bars_h,
        code: code.clone(),
        text: waybill.clone(),
    });
    b.text_box(
        vec![Para::new("waybill number", waybill, 12.0 * s, 7.0).bold()],
        x0 + PAD,
        y + PAD + bars_h + 0.6,
        available,
        text_h,
        Align::Centre,
        false,
    )?;
    y += band;
    b.hrule(x0, x1, y);

    // Recipient: name and phone largest, the full address under them.
    let height = spec.recipient;
    b.party_box(
        RECIPIENT_TAG,
        17.0,
        vec![
            Para::new("recipient name", recipient_line, 18.0 * s, 9.0).bold(),
            Para::new("recipient address", address, 14.0 * s, 6.0),
        ],
        y,
        height,
    )?;
    y += height;
    b.hrule(x0, x1, y);

    // Sender: smaller.
    let height = spec.sender;
    b.party_box(
        SENDER_TAG,
        13.0,
        vec![
            Para::new("sender name", sender_line, 9.5 * s, 6.0),
            Para::new("sender address", clean(&l.sender.address()), 8.5 * s, 6.0),
        ],
        y,
        height,
    )?;
    y += height;
    b.hrule(x0, x1, y);

    // Bottom: items, weight and note; the order's QR code on the right.
    let bottom = spec.h - MARGIN;
    let split = x1 - spec.qr_col;
    b.vrule(split, y, bottom);
    let mut paras = vec![
        Para::new(
            "items",
            format!("{ITEMS}{}", clean(&l.items)),
            10.0 * s,
            6.0,
        ),
        Para::new(
            "weight",
            format!("{WEIGHT}{}", clean(&l.weight)),
            10.0 * s,
            6.0,
        ),
    ];
    if !l.note.trim().is_empty() {
        paras.push(Para::new(
            "note",
            format!("{NOTE}{}", clean(&l.note)),
            10.0 * s,
            6.0,
        ));
    }
    // The recipient signs for the parcel on the last line.
    let x = x0 + PAD + 0.5;
    let sign_size = dev.snap(9.0 * PT * s);
    let sign_h = dev.line_height(sign_size);
    let sign_top = bottom - PAD - sign_h;
    b.text_box(
        paras,
        x,
        y + PAD,
        split - PAD - x,
        sign_top - 1.0 - (y + PAD),
        Align::Left,
        false,
    )?;
    b.out.push(Element::Text {
        x,
        top: sign_top,
        size: sign_size,
        bold: false,
        text: SIGNATURE.to_string(),
    });
    let line_x = x + dev.width(SIGNATURE, sign_size) + 0.5;
    b.out.push(Element::Bar {
        x: line_x,
        y: sign_top + sign_h - 0.6,
        w: (split - PAD - line_x).max(0.0),
        h: 0.2,
    });

    let order_ref = clean(&l.order_ref);
    let qr =
        qr::encode(order_ref.as_bytes(), EcLevel::M).map_err(|_| DocumentError::TextTooLong {
            field: "order reference",
            size: spec.size,
        })?;
    let width = qr.width;
    let side = spec.qr_col - 2.0;
    let module = b.floor_dot(side / (width + 2 * QR_QUIET) as f32);
    if module < b.ceil_dot(MIN_QR_MODULE) {
        return Err(DocumentError::TextTooLong {
            field: "order reference",
            size: spec.size,
        });
    }
    let qr_side = width as f32 * module;
    let qr_x = b.floor_dot(split + (spec.qr_col - qr_side) / 2.0);
    let qr_y = b.ceil_dot(y + RULE / 2.0 + QR_QUIET as f32 * module);
    b.out.push(Element::Qr {
        x: qr_x,
        y: qr_y,
        module,
        width,
        dark: qr.dark,
        text: order_ref.clone(),
    });
    let text_top = qr_y + qr_side + QR_QUIET as f32 * module;
    b.text_box(
        vec![Para::new("order reference", order_ref, 8.0 * s, 6.0).one_line()],
        split + PAD,
        text_top,
        spec.qr_col - 2.0 * PAD,
        bottom - PAD - text_top,
        Align::Centre,
        false,
    )?;
    Ok(b.out)
}

/// "王小明  138****5678": name and phone on one line when they fit.
fn party_line(name: &str, phone: &str) -> String {
    let (name, phone) = (clean(name), clean(phone));
    match (name.is_empty(), phone.is_empty()) {
        (_, true) => name,
        (true, false) => phone,
        (false, false) => format!("{name}  {phone}"),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A device whose every character is `em` wide: enough to test the fitting rules.
    pub(crate) struct Mono;

    impl Device for Mono {
        fn width(&self, text: &str, size: f32) -> f32 {
            text.chars().count() as f32 * size
        }
        fn line_height(&self, size: f32) -> f32 {
            size * 1.2
        }
        fn snap(&self, size: f32) -> f32 {
            size.max(MIN_TEXT)
        }
        fn dot(&self) -> f32 {
            0.125
        }
        fn check(&self, _: &'static str, _: &str) -> Result<()> {
            Ok(())
        }
    }

    #[test]
    fn text_that_fits_keeps_its_size_and_long_text_shrinks() {
        let paras = || {
            vec![
                Para::new("a", "短".into(), 10.0, 6.0),
                Para::new("b", "长".repeat(40), 10.0, 6.0),
            ]
        };
        let roomy = fit(&Mono, LabelSize::Mm100x150, paras(), 200.0, 100.0)
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(roomy.iter().all(|f| (f.size - 10.0 * PT).abs() < 1e-4));
        let tight =
            fit(&Mono, LabelSize::Mm100x150, paras(), 50.0, 15.0).unwrap_or_else(|e| panic!("{e}"));
        assert!(tight[1].size < 10.0 * PT && tight[1].size >= MIN_TEXT);
        assert!(stack_height(&Mono, &tight) <= 15.0 + 1e-3);
    }

    #[test]
    fn text_that_cannot_fit_names_its_field() {
        let paras = vec![
            Para::new("recipient name", "王小明".into(), 16.0, 9.0),
            Para::new("recipient address", "长".repeat(2000), 12.0, 6.0),
        ];
        assert_eq!(
            fit(&Mono, LabelSize::Mm76x130, paras, 60.0, 30.0).err(),
            Some(DocumentError::TextTooLong {
                field: "recipient address",
                size: LabelSize::Mm76x130
            })
        );
    }
}
