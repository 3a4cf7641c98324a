//! Labels as a ZPL program for Zebra printers, UTF-8 (`^CI28`).
//!
//! Every text field goes through `^FH` (hex escapes introduced by `_`): `^` becomes `_5E`,
//! `~` `_7E` and `_` itself `_5F`, so field data can neither start a command nor end its
//! field. Line breaks never reach the printer (layout prints them as spaces). The waybill
//! barcode is sent with explicit code-set changes (`>:` start B, `>;` start C, `>5` to C,
//! `>6` to B), so the printer draws exactly the symbol the layout measured.

use std::fmt::Write as _;

use super::layout::{Device, Element};
use super::printer::{layout_all, Language, Printer};
use super::{Label, LabelSize};
use crate::code128::{Code128, CODE_B, CODE_C, START_C};
use crate::Result;

/// The scalable Chinese font of Zebra printers sold in China.
const FONT: &str = "E:SIMSUN.FNT";

pub(crate) fn render(labels: &[Label], size: LabelSize, dpi: u32) -> Result<String> {
    let (printer, spec, laid_out) = layout_all(labels, size, dpi, Language::Zpl)?;
    let mut out = String::with_capacity(labels.len() * 1500);
    for elements in &laid_out {
        out.push_str("^XA\n^CI28\n");
        let _ = writeln!(
            out,
            "^PW{}\n^LL{}\n^LH0,0",
            printer.dots(spec.w),
            printer.dots(spec.h)
        );
        for element in elements {
            field(&mut out, &printer, element);
            out.push('\n');
        }
        out.push_str("^PQ1\n^XZ\n");
    }
    Ok(out)
}

/// Field data with `^`, `~` and `_` as `^FH` hex escapes.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '^' => out.push_str("_5E"),
            '~' => out.push_str("_7E"),
            '_' => out.push_str("_5F"),
            c => out.push(c),
        }
    }
    out
}

/// The waybill as `^BC` field data in the code sets the layout measured. The printer adds
/// the checksum and stop itself.
fn barcode_data(code: &Code128) -> String {
    let values = code.values();
    let data = &values[1..values.len() - 2];
    let mut in_c = values[0] == START_C;
    let mut out = String::from(if in_c { ">;" } else { ">:" });
    for &v in data {
        match (in_c, v) {
            (false, CODE_C) => {
                out.push_str(">5");
                in_c = true;
            }
            (true, CODE_B) => {
                out.push_str(">6");
                in_c = false;
            }
            (true, v) => {
                let _ = write!(out, "{v:02}");
            }
            (false, v) => out.push(char::from(v + b' ')),
        }
    }
    out
}

fn field(out: &mut String, p: &Printer, element: &Element) {
    match element {
        Element::Text {
            x, top, size, text, ..
        } => {
            let h = p.dots(p.snap(*size));
            let y = top + (p.line_height(*size) - p.snap(*size)) / 2.0;
            let _ = write!(
                out,
                "^FO{},{}^A@N,{h},{h},{FONT}^FH_^FD{}^FS",
                p.dots(*x),
                p.dots(y),
                escape(text)
            );
        }
        Element::Bar { x, y, w, h } => {
            let (w, h) = (p.dots(*w).max(1), p.dots(*h).max(1));
            let _ = write!(
                out,
                "^FO{},{}^GB{w},{h},{}^FS",
                p.dots(*x),
                p.dots(*y),
                w.min(h)
            );
        }
        Element::Frame {
            x,
            y,
            w,
            h,
            thickness,
        } => {
            let _ = write!(
                out,
                "^FO{},{}^GB{},{},{}^FS",
                p.dots(*x),
                p.dots(*y),
                p.dots(*w),
                p.dots(*h),
                p.dots(*thickness).max(1)
            );
        }
        Element::Barcode {
            x,
            y,
            module,
            height,
            code,
            ..
        } => {
            let _ = write!(
                out,
                "^FO{},{}^BY{},3,{}^BCN,{},N,N,N,N^FD{}^FS",
                p.dots(*x),
                p.dots(*y),
                p.dots(*module).max(1),
                p.dots(*height),
                p.dots(*height),
                barcode_data(code)
            );
        }
        Element::Qr {
            x, y, module, text, ..
        } => {
            // Error correction M, automatic data mode; the data follows "MA,".
            let _ = write!(
                out,
                "^FO{},{}^BQN,2,{}^FH_^FDMA,{}^FS",
                p.dots(*x),
                p.dots(*y),
                p.dots(*module).clamp(1, 10),
                escape(text)
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> Code128 {
        Code128::encode(text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn carets_tildes_and_underscores_become_hex() {
        assert_eq!(escape("a^FS~JR_b"), "a_5EFS_7EJR_5Fb");
    }

    #[test]
    fn the_barcode_is_sent_in_the_measured_code_sets() {
        assert_eq!(barcode_data(&code("RI476394652CH")), ">:RI4>576394652>6CH");
        assert_eq!(barcode_data(&code("1234567890")), ">;1234567890");
        assert_eq!(
            barcode_data(&code("SF1234567890123")),
            ">:SF1>5234567890123"
        );
    }
}
