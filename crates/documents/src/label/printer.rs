//! What TSPL and ZPL have in common: a thermal printer's own Chinese font as a layout
//! [`Device`], positions in dots, and the checks and layout of a batch of labels.
//!
//! Both fonts are monospaced in the way Chinese printer fonts are: a character that GBK
//! encodes in one byte (ASCII) is half as wide as the font is high, any other is square.
//! TSPL's `TSS24.BF2` is a 24-dot bitmap font that scales only by whole multiples; ZPL's
//! `SIMSUN.FNT` scales to any height in dots.

use encoding_rs::GBK;

use super::layout::{self, Device, Element, Spec, MIN_TEXT};
use super::{check_label, dots_per_mm, Label, LabelSize};
use crate::{DocumentError, Result};

/// The two printer languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    Tspl,
    Zpl,
}

impl Language {
    fn name(self) -> &'static str {
        match self {
            Language::Tspl => "TSPL",
            Language::Zpl => "ZPL",
        }
    }
}

/// Height of a `TSS24.BF2` character cell, in dots, at magnification 1.
pub(crate) const TSS24_DOTS: f32 = 24.0;
/// Smallest text sent to a ZPL printer: 2.5 mm, below which SimSun's strokes merge.
const ZPL_MIN_TEXT: f32 = 2.5;

/// A thermal printer at a resolution, as a layout device. All sizes in mm.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Printer {
    pub(crate) language: Language,
    /// Dots per millimetre.
    pub(crate) dpm: f32,
}

impl Printer {
    /// `mm` in whole dots.
    pub(crate) fn dots(&self, mm: f32) -> i64 {
        (mm * self.dpm).round() as i64
    }

    /// TSPL magnification (1..=10) for a text size.
    pub(crate) fn magnification(&self, size: f32) -> i64 {
        ((size * self.dpm / TSS24_DOTS).round() as i64).clamp(1, 10)
    }
}

impl Device for Printer {
    fn width(&self, text: &str, size: f32) -> f32 {
        let half_widths: usize = text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
        half_widths as f32 * self.snap(size) / 2.0
    }

    fn line_height(&self, size: f32) -> f32 {
        self.snap(size) * 1.15
    }

    fn snap(&self, size: f32) -> f32 {
        match self.language {
            Language::Tspl => self.magnification(size) as f32 * TSS24_DOTS / self.dpm,
            Language::Zpl => {
                let smallest = ZPL_MIN_TEXT.max(MIN_TEXT);
                self.dots(size.max(smallest)) as f32 / self.dpm
            }
        }
    }

    fn dot(&self) -> f32 {
        1.0 / self.dpm
    }

    fn check(&self, field: &'static str, text: &str) -> Result<()> {
        check_gbk(field, text)
    }
}

/// Fails with the first character of `text` that GBK cannot encode.
pub(crate) fn check_gbk(field: &'static str, text: &str) -> Result<()> {
    let (_, _, unmappable) = GBK.encode(text);
    if !unmappable {
        return Ok(());
    }
    let mut buf = [0u8; 4];
    let ch = text
        .chars()
        .find(|c| GBK.encode(c.encode_utf8(&mut buf)).2)
        .unwrap_or('\u{FFFD}');
    Err(DocumentError::NotInPrinterFont { field, ch })
}

/// Checks and lays out every label of a batch for a printer; A4 is refused.
pub(crate) fn layout_all(
    labels: &[Label],
    size: LabelSize,
    dpi: u32,
    language: Language,
) -> Result<(Printer, Spec, Vec<Vec<Element>>)> {
    if size == LabelSize::A4 {
        return Err(DocumentError::UnsupportedSize {
            size,
            language: language.name(),
        });
    }
    let printer = Printer {
        language,
        dpm: dots_per_mm(dpi)?,
    };
    let spec = Spec::of(size);
    let laid_out = labels
        .iter()
        .enumerate()
        .map(|(i, label)| {
            check_label(label)
                .and_then(|checked| layout::label(&printer, &checked, spec))
                .map_err(|e| e.in_label(i, label))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((printer, spec, laid_out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tss24_sizes_are_whole_multiples_of_24_dots() {
        let p = Printer {
            language: Language::Tspl,
            dpm: 8.0,
        };
        assert_eq!(p.snap(1.0), 3.0, "never below one cell");
        assert_eq!(p.snap(5.6), 6.0);
        assert_eq!(p.width("王小明", 3.0), 9.0);
        assert_eq!(p.width("138****5678", 3.0), 16.5);
    }

    #[test]
    fn text_outside_gbk_is_refused_with_the_character() {
        assert!(check_gbk("items", "修文猕猴桃 特级 5斤装 ×2；冰袋 ×1").is_ok());
        assert_eq!(
            check_gbk("recipient name", "王🍑明"),
            Err(DocumentError::NotInPrinterFont {
                field: "recipient name",
                ch: '🍑'
            })
        );
    }
}
