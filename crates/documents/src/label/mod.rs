//! Shipping labels (快递面单) and packing slips: one layout, printed as PDF, TSPL or ZPL.
//!
//! [`layout`] places every block of a label (courier band, waybill barcode, recipient,
//! sender, items and the order QR code) on a [`layout::Device`] that knows how wide its text
//! is: the PDF fonts, a TSPL printer's built-in `TSS24.BF2` font or a Zebra's SimSun. The
//! three outputs draw the same elements, so a label that fits on paper also fits on the
//! thermal printer, and text that cannot fit is an error naming the field, never cut off.
//!
//! **Invariant:** every text on a label is checked against the device (font glyphs for PDF,
//! GBK for thermal printers, no control characters) before anything is drawn, and every
//! text is drawn inside the box the layout gave it.

mod layout;
mod pdf;
mod printer;
mod qr;
mod slip;
mod tspl;
mod zpl;

use std::fmt;

use crate::code128::{Code128, Code128Error};
use crate::{DocumentError, Result};

/// The label stock to print on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelSize {
    /// 100 × 150 mm (4 × 6 in), the common thermal label.
    Mm100x150,
    /// 100 × 180 mm, the common Chinese e-waybill (电子面单).
    Mm100x180,
    /// 76 × 130 mm, the small e-waybill.
    Mm76x130,
    /// An A4 sheet for an ordinary printer: four 100 × 140 mm labels (2 × 2) with dashed cut
    /// lines between them. PDF only.
    A4,
}

impl LabelSize {
    /// Every size, for pickers and tests.
    pub const ALL: [LabelSize; 4] = [
        LabelSize::Mm100x150,
        LabelSize::Mm100x180,
        LabelSize::Mm76x130,
        LabelSize::A4,
    ];

    /// Page size in millimetres (width, height): the label, or the A4 sheet.
    pub fn page_mm(self) -> (f32, f32) {
        match self {
            LabelSize::Mm100x150 => (100.0, 150.0),
            LabelSize::Mm100x180 => (100.0, 180.0),
            LabelSize::Mm76x130 => (76.0, 130.0),
            LabelSize::A4 => (210.0, 297.0),
        }
    }

    /// How many labels one page holds.
    pub fn labels_per_page(self) -> usize {
        match self {
            LabelSize::A4 => pdf::A4_SLOTS.len(),
            _ => 1,
        }
    }
}

impl fmt::Display for LabelSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabelSize::Mm100x150 => write!(f, "100×150 mm"),
            LabelSize::Mm100x180 => write!(f, "100×180 mm"),
            LabelSize::Mm76x130 => write!(f, "76×130 mm"),
            LabelSize::A4 => write!(f, "A4 sheet"),
        }
    }
}

/// A sender or recipient, as it should be printed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Party {
    pub name: String,
    /// Printed as given: the application masks it ("138****5678") when the shop chooses.
    pub phone: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub street: String,
}

impl Party {
    /// Province, city, district and street on one line, separated by spaces; a city that
    /// repeats its province (北京市 北京市) is printed once.
    pub fn address(&self) -> String {
        let mut parts: Vec<&str> = Vec::new();
        for part in [&self.province, &self.city, &self.district, &self.street] {
            let part = part.trim();
            if !part.is_empty() && parts.last() != Some(&part) {
                parts.push(part);
            }
        }
        parts.join(" ")
    }
}

/// Everything printed on one shipping label.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    pub recipient: Party,
    pub postcode: String,
    pub sender: Party,
    /// Display name, e.g. "顺丰速运" or "SF Express".
    pub courier: String,
    /// Printed as a Code 128 barcode with its characters under it: letters, digits and '-'.
    pub waybill: String,
    /// Encoded as a QR code and printed under it, e.g. "FS-20261128-0042".
    pub order_ref: String,
    /// Item summary, e.g. "修文猕猴桃 特级 5斤装 ×2；冰袋 ×1".
    pub items: String,
    /// "5.8 kg".
    pub weight: String,
    /// "2026-11-28".
    pub date: String,
    /// The buyer's note; may be empty.
    pub note: String,
}

/// One line of a packing slip.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PackingSlipLine {
    pub product: String,
    /// With its unit, e.g. "2 箱".
    pub quantity: String,
    /// The lots picked, e.g. "批次 2026-11-13 王德贵".
    pub lots: String,
}

/// What goes in the box, for the packer to check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PackingSlip {
    pub shop_name: String,
    pub order_ref: String,
    pub recipient_name: String,
    pub date: String,
    pub lines: Vec<PackingSlipLine>,
    pub note: String,
}

/// Labels as a PDF: one label per page, or four per A4 sheet. An empty slice is an error.
pub fn render_labels(labels: &[Label], size: LabelSize) -> Result<Vec<u8>> {
    pdf::render_labels(labels, size)
}

/// Labels as a TSPL program for TSC-compatible printers (most cheap Chinese label printers)
/// at `dpi` (203 or 300): text in the built-in `TSS24.BF2` font, GBK-encoded. A4 is an error.
pub fn render_tspl(labels: &[Label], size: LabelSize, dpi: u32) -> Result<Vec<u8>> {
    tspl::render(labels, size, dpi)
}

/// Labels as a ZPL program for Zebra printers at `dpi` (203 or 300), UTF-8 (`^CI28`), text in
/// the printer's `E:SIMSUN.FNT` (installed on Zebras sold in China). A4 is an error.
pub fn render_zpl(labels: &[Label], size: LabelSize, dpi: u32) -> Result<String> {
    zpl::render(labels, size, dpi)
}

/// A packing slip as a PDF of 100 × 150 mm pages (as many as its lines need).
pub fn render_packing_slip(slip: &PackingSlip) -> Result<Vec<u8>> {
    slip::render(slip)
}

/// Several packing slips in one PDF, each starting on a new page. An empty slice is an error.
pub fn render_packing_slips(slips: &[PackingSlip]) -> Result<Vec<u8>> {
    slip::render_many(slips)
}

// ---- checks shared by every output ----

/// A label whose required fields are filled and whose waybill can be a barcode.
pub(crate) struct Checked<'a> {
    pub(crate) label: &'a Label,
    pub(crate) barcode: Code128,
}

/// Refuses a label that could not be delivered or scanned: no recipient name or address, no
/// order reference, or a waybill number that is not letters, digits and '-'.
pub(crate) fn check_label(label: &Label) -> Result<Checked<'_>> {
    for (field, value) in [
        ("recipient name", label.recipient.name.as_str()),
        ("recipient address", &label.recipient.address()),
        ("waybill number", &label.waybill),
        ("order reference", &label.order_ref),
    ] {
        if value.trim().is_empty() {
            return Err(DocumentError::MissingField { field });
        }
    }
    // Every courier's numbers are letters and digits (SF…, JD…, digits only for ZTO, YTO,
    // STO, Yunda, EMS). Other ASCII signs would need escaping in each printer language and
    // can only be a typing mistake.
    let waybill = label.waybill.trim();
    if let Some(c) = waybill
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Err(DocumentError::InvalidWaybill {
            waybill: label.waybill.clone(),
            reason: format!(
                "it contains '{c}', and a waybill number is only letters, digits and '-'"
            ),
        });
    }
    let barcode =
        Code128::encode(waybill).map_err(|e: Code128Error| DocumentError::InvalidWaybill {
            waybill: label.waybill.clone(),
            reason: e.to_string(),
        })?;
    Ok(Checked { label, barcode })
}

/// Line breaks and tabs print as one space; runs of spaces as one.
pub(crate) fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Refuses invisible control characters (other than line breaks and tabs, which
/// [`clean`] turns into spaces): they would print as nothing, or end a printer command.
pub(crate) fn check_controls(field: &'static str, text: &str) -> Result<()> {
    match text.chars().find(|c| c.is_control() && !c.is_whitespace()) {
        Some(ch) => Err(DocumentError::ControlCharacter { field, ch }),
        None => Ok(()),
    }
}

/// Printer resolutions in dots per millimetre. 203 dpi printers have exactly 8 dots per mm.
pub(crate) fn dots_per_mm(dpi: u32) -> Result<f32> {
    match dpi {
        203 => Ok(8.0),
        150..=600 => Ok(dpi as f32 / 25.4),
        _ => Err(DocumentError::UnsupportedDpi { dpi }),
    }
}

#[cfg(test)]
mod tests {
    use super::layout::{Device, Element, Spec};
    use super::printer::{Language, Printer};
    use super::*;

    pub(crate) fn sample() -> Label {
        Label {
            recipient: Party {
                name: "欧阳晓燕".into(),
                phone: "138****5678".into(),
                province: "浙江省".into(),
                city: "杭州市".into(),
                district: "西湖区".into(),
                street: "文三路 478 号 华星时代广场 A 座 1203 室".into(),
            },
            postcode: "310012".into(),
            sender: Party {
                name: "修文果园 刘建国".into(),
                phone: "0851-8236 1234".into(),
                province: "贵州省".into(),
                city: "贵阳市".into(),
                district: "修文县".into(),
                street: "龙场镇 猕猴桃产业园 6 号".into(),
            },
            courier: "顺丰速运".into(),
            waybill: "SF1402837465120".into(),
            order_ref: "FS-20261128-0042".into(),
            items: "修文猕猴桃 特级 5斤装 ×2；冰袋 ×1".into(),
            weight: "5.8 kg".into(),
            date: "2026-11-28".into(),
            note: "请放门卫，谢谢！".into(),
        }
    }

    /// Every device a label is laid out for.
    fn devices() -> Vec<(String, Box<dyn Device>)> {
        let fonts = crate::font::fonts().unwrap_or_else(|e| panic!("{e}"));
        let mut all: Vec<(String, Box<dyn Device>)> =
            vec![("PDF".into(), Box::new(pdf::PdfDevice { fonts }))];
        for language in [Language::Tspl, Language::Zpl] {
            for dpi in [203, 300] {
                let dpm = dots_per_mm(dpi).unwrap_or_else(|e| panic!("{e}"));
                all.push((
                    format!("{language:?} {dpi} dpi"),
                    Box::new(Printer { language, dpm }),
                ));
            }
        }
        all
    }

    /// (x, y, w, h) of what an element covers, quiet zones included.
    fn area(dev: &dyn Device, e: &Element) -> (f32, f32, f32, f32) {
        match e {
            Element::Text {
                x, top, size, text, ..
            } => (*x, *top, dev.width(text, *size), dev.line_height(*size)),
            Element::Bar { x, y, w, h } | Element::Frame { x, y, w, h, .. } => (*x, *y, *w, *h),
            Element::Barcode {
                x,
                y,
                module,
                height,
                code,
                ..
            } => {
                let quiet = crate::code128::QUIET_ZONE as f32 * module;
                (
                    x - quiet,
                    *y,
                    code.modules() as f32 * module + 2.0 * quiet,
                    *height,
                )
            }
            Element::Qr {
                x,
                y,
                module,
                width,
                ..
            } => {
                let quiet = 4.0 * module;
                (
                    x - quiet,
                    y - quiet,
                    *width as f32 * module + 2.0 * quiet,
                    *width as f32 * module + 2.0 * quiet,
                )
            }
        }
    }

    /// An element for a failure message, without the QR modules.
    fn show(e: &Element) -> String {
        match e {
            Element::Qr {
                x,
                y,
                module,
                width,
                ..
            } => format!("QR at {x},{y} {width} × {module} mm"),
            other => format!("{other:?}"),
        }
    }

    fn overlap(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
        const E: f32 = 1e-3;
        a.0 + a.2 > b.0 + E && b.0 + b.2 > a.0 + E && a.1 + a.3 > b.1 + E && b.1 + b.3 > a.1 + E
    }

    /// The layout's promise: text, barcode and QR code (with its quiet zone) stay inside the
    /// label's frame and never touch each other or a rule, on every device and size, for
    /// ordinary and for long data.
    #[test]
    fn nothing_overlaps_and_everything_stays_inside_the_frame() {
        let mut long = sample();
        long.recipient.name = "欧阳晓燕 (收件)".into();
        long.recipient.street =
            "中山东一路 18 号 外滩源 3 号楼 5 层 前台代收，工作日 9:00–18:00 送达，\
                                 周末请放到一楼快递柜并短信告知取件码，谢谢"
                .into();
        long.items = "修文猕猴桃 特级 5斤装 ×2；冰袋 ×1；手工辣椒油 250 g ×3；豆腐乳 ×2".into();
        long.note = "送人的，不要放价格单；易碎请轻放".into();
        for (name, dev) in devices() {
            for size in [
                LabelSize::Mm100x150,
                LabelSize::Mm100x180,
                LabelSize::Mm76x130,
                LabelSize::A4,
            ] {
                for label in [sample(), long.clone()] {
                    let spec = Spec::of(size);
                    let checked = check_label(&label).unwrap_or_else(|e| panic!("{e}"));
                    let elements = layout::label(dev.as_ref(), &checked, spec)
                        .unwrap_or_else(|e| panic!("{name} {size}: {e}"));
                    let (frame, rest) = elements.split_first().unwrap_or_else(|| panic!("empty"));
                    let inside = area(dev.as_ref(), frame);
                    let things: Vec<_> = rest.iter().map(|e| (e, area(dev.as_ref(), e))).collect();
                    for (i, (a, box_a)) in things.iter().enumerate() {
                        let (x, y, w, h) = *box_a;
                        assert!(
                            x >= inside.0 - 1e-3
                                && y >= inside.1 - 1e-3
                                && x + w <= inside.0 + inside.2 + 1e-3
                                && y + h <= inside.1 + inside.3 + 1e-3,
                            "{name} {size}: {} leaves the label",
                            show(a)
                        );
                        for (b, box_b) in &things[i + 1..] {
                            let both_rules = matches!(a, Element::Bar { .. })
                                && matches!(b, Element::Bar { .. });
                            assert!(
                                both_rules || !overlap(*box_a, *box_b),
                                "{name} {size}: {} overlaps {}",
                                show(a),
                                show(b)
                            );
                        }
                    }
                }
            }
        }
    }

    /// A QR code under 15 mm is hard to scan with a phone; barcode bars under 0.25 mm too.
    #[test]
    fn codes_are_big_enough_to_scan() {
        for (name, dev) in devices() {
            for size in LabelSize::ALL {
                let label = sample();
                let checked = check_label(&label).unwrap_or_else(|e| panic!("{e}"));
                let elements = layout::label(dev.as_ref(), &checked, Spec::of(size))
                    .unwrap_or_else(|e| panic!("{name} {size}: {e}"));
                for e in elements {
                    match e {
                        Element::Qr { module, width, .. } => {
                            assert!(
                                width as f32 * module >= 15.0,
                                "{name} {size}: QR {width} × {module}"
                            );
                        }
                        Element::Barcode { module, .. } => {
                            assert!(module >= 0.25 - 1e-4, "{name} {size}: module {module}");
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    #[test]
    fn address_joins_the_parts_once() {
        let p = Party {
            province: "北京市".into(),
            city: "北京市".into(),
            district: " 朝阳区 ".into(),
            street: "建国路 88 号".into(),
            ..Party::default()
        };
        assert_eq!(p.address(), "北京市 朝阳区 建国路 88 号");
    }

    #[test]
    fn waybills_must_be_letters_digits_and_dashes() {
        let mut label = Label {
            recipient: Party {
                name: "王小明".into(),
                street: "文三路 1 号".into(),
                ..Party::default()
            },
            waybill: "SF1234567890123".into(),
            order_ref: "FS-1".into(),
            ..Label::default()
        };
        assert!(check_label(&label).is_ok());
        label.waybill = "SF123^456".into();
        assert!(matches!(
            check_label(&label),
            Err(DocumentError::InvalidWaybill { .. })
        ));
        label.waybill = "  ".into();
        assert_eq!(
            check_label(&label).err(),
            Some(DocumentError::MissingField {
                field: "waybill number"
            })
        );
    }
}
