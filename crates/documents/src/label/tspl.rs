//! Labels as a TSPL program (TSC and the many Chinese printers that copy it).
//!
//! One `SIZE`/`GAP` header, then per label `CLS`, the drawing commands and `PRINT 1,1`, each
//! line ending in CR LF. Text is GBK in the built-in `TSS24.BF2` font. Inside a quoted string
//! TSPL knows one escape, `\["]` for a double quote; a backslash is printed as the full-width
//! `＼` so that it can never start an escape, and line breaks never reach the printer
//! (layout prints them as spaces), so no text can end its command early.

use encoding_rs::GBK;

use super::layout::Element;
use super::printer::{layout_all, Language, Printer, TSS24_DOTS};
use super::{Label, LabelSize};
use crate::Result;

/// Gap between labels on the roll.
const GAP_MM: u32 = 2;

pub(crate) fn render(labels: &[Label], size: LabelSize, dpi: u32) -> Result<Vec<u8>> {
    let (printer, spec, laid_out) = layout_all(labels, size, dpi, Language::Tspl)?;
    let mut out = Vec::with_capacity(labels.len() * 1500);
    line(
        &mut out,
        &format!("SIZE {} mm,{} mm", spec.w as u32, spec.h as u32),
    );
    line(&mut out, &format!("GAP {GAP_MM} mm,0 mm"));
    line(&mut out, "DIRECTION 1,0");
    line(&mut out, "REFERENCE 0,0");
    for elements in &laid_out {
        line(&mut out, "CLS");
        for element in elements {
            command(&mut out, &printer, element);
        }
        line(&mut out, "PRINT 1,1");
    }
    Ok(out)
}

fn line(out: &mut Vec<u8>, text: &str) {
    out.extend_from_slice(text.as_bytes());
    out.extend_from_slice(b"\r\n");
}

/// `"…"` with the text GBK-encoded and escaped.
fn quoted(out: &mut Vec<u8>, text: &str) {
    let escaped = text.replace('\\', "＼").replace('"', "\\[\"]");
    out.push(b'"');
    out.extend_from_slice(&GBK.encode(&escaped).0);
    out.push(b'"');
}

fn command(out: &mut Vec<u8>, p: &Printer, element: &Element) {
    match element {
        Element::Text {
            x, top, size, text, ..
        } => {
            let k = p.magnification(*size);
            // Centre the 24-dot cell in the line box the layout gave the text.
            let cell = k as f32 * TSS24_DOTS / p.dpm;
            let y = top + (super::layout::Device::line_height(p, *size) - cell) / 2.0;
            out.extend_from_slice(
                format!("TEXT {},{},\"TSS24.BF2\",0,{k},{k},", p.dots(*x), p.dots(y)).as_bytes(),
            );
            quoted(out, text);
            out.extend_from_slice(b"\r\n");
        }
        Element::Bar { x, y, w, h } => line(
            out,
            &format!(
                "BAR {},{},{},{}",
                p.dots(*x),
                p.dots(*y),
                p.dots(*w).max(1),
                p.dots(*h).max(1)
            ),
        ),
        Element::Frame {
            x,
            y,
            w,
            h,
            thickness,
        } => line(
            out,
            &format!(
                "BOX {},{},{},{},{}",
                p.dots(*x),
                p.dots(*y),
                p.dots(x + w),
                p.dots(y + h),
                p.dots(*thickness).max(1)
            ),
        ),
        Element::Barcode {
            x,
            y,
            module,
            height,
            text,
            ..
        } => {
            let narrow = p.dots(*module).max(1);
            out.extend_from_slice(
                format!(
                    "BARCODE {},{},\"128\",{},0,0,{narrow},{narrow},",
                    p.dots(*x),
                    p.dots(*y),
                    p.dots(*height)
                )
                .as_bytes(),
            );
            quoted(out, text);
            out.extend_from_slice(b"\r\n");
        }
        Element::Qr {
            x, y, module, text, ..
        } => {
            let cell = p.dots(*module).clamp(1, 10);
            // Model 2 (M2): the QR code every phone reads; model 1 is the printers' default.
            out.extend_from_slice(
                format!("QRCODE {},{},M,{cell},A,0,M2,S7,", p.dots(*x), p.dots(*y)).as_bytes(),
            );
            quoted(out, text);
            out.extend_from_slice(b"\r\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_cannot_end_a_string() {
        let mut out = Vec::new();
        quoted(&mut out, r#"a "b" c\d \["]"#);
        let (text, _, _) = GBK.decode(&out);
        assert_eq!(text, r#""a \["]b\["] c＼d ＼[\["]]""#);
    }
}
