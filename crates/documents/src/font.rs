//! The fonts every Farmstall document is printed in, and how text is measured with them.
//!
//! Two faces, both Apache-2.0 and embedded in the binary (`assets/fonts/`), so a PC without
//! Chinese fonts still prints: Droid Sans Fallback for Chinese, and Open Sans (by the
//! designer of Droid Sans) for the Latin letters, digits and symbols (¥, ×) that Droid Sans
//! Fallback does not have at all. printpdf subsets both on save, so a statement carries only
//! the glyphs it uses.
//!
//! **Invariant:** each character is drawn in exactly one face, chosen by [`Fonts::face_for`];
//! measuring, checking and drawing all go through that one choice.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::DocumentError;

/// Chinese (and other CJK) characters, deflated by `build.rs` (4.0 MB of TrueType in 2.1 MB of
/// the binary). Licence: `assets/fonts/LICENSE-DroidSansFallback.txt`.
static CJK_PACKED: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/DroidSansFallbackFull.ttf.zlib"));
/// The size of the inflated Chinese face, with room: a bound for inflating it.
const CJK_MAX: u64 = 8 << 20;
/// Latin letters, digits, symbols. Licence: `assets/fonts/LICENSE-OpenSans.txt`.
static LATIN_BYTES: &[u8] = include_bytes!("../../../assets/fonts/OpenSans-Regular.ttf");

/// Parsing the 4 MB Chinese face takes long enough to notice, so it happens once per process.
static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();

impl Metric {
    const NONE: Metric = Metric {
        which: None,
        advance: 0.0,
    };
}

/// Which of the two faces draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Which {
    Latin,
    Cjk,
}

/// One parsed face and its metrics.
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
}

/// Both faces, and metrics for a line that mixes them.
pub(crate) struct Fonts {
    pub(crate) latin: Face,
    pub(crate) cjk: Face,
    /// Height above the baseline of the taller face, as a fraction of the font size.
    pub(crate) ascent: f32,
    /// Depth below the baseline of the deeper face, as a positive fraction of the font size.
    pub(crate) descent: f32,
    /// [`Metric`]s of the Basic Multilingual Plane, 256 characters a block, each block worked
    /// out the first time one of its characters is measured: looking a character up in a
    /// face's `cmap` costs hundreds of instructions, and a batch of labels measures the same
    /// few hundred characters hundreds of thousands of times.
    metrics: Box<[OnceLock<Box<[Metric; 256]>>]>,
}

/// What the layout needs of a character: the face that draws it and its advance width there.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Metric {
    /// `None` when neither face can draw it.
    which: Option<Which>,
    /// In ems; 0 when no face has it.
    advance: f32,
}

/// A face deflated by `build.rs`, inflated (once, the first time a document is printed: the
/// parsed face keeps its own copy).
fn inflated(packed: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let mut bytes = Vec::with_capacity(4 << 20);
    flate2::read::ZlibDecoder::new(packed)
        .take(CJK_MAX)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("the embedded Chinese font could not be unpacked: {e}"))?;
    Ok(bytes)
}

/// The document fonts, parsed on first use.
pub(crate) fn fonts() -> Result<&'static Fonts, DocumentError> {
    FONTS
        .get_or_init(Fonts::parse)
        .as_ref()
        .map_err(|e| DocumentError::Font(e.clone()))
}

impl Face {
    fn parse(bytes: &[u8], file: &str) -> Result<Face, String> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
            .ok_or_else(|| format!("the embedded font {file} could not be read: {warnings:?}"))?;
        if parsed.pdf_font_metrics.units_per_em == 0 {
            return Err(format!("the embedded font {file} has no units per em"));
        }
        let units_per_em = f32::from(parsed.pdf_font_metrics.units_per_em);
        Ok(Face {
            parsed,
            units_per_em,
        })
    }

    /// The glyph drawn for `c`, or `None` when the face would draw `.notdef` (a box).
    fn glyph(&self, c: char) -> Option<u16> {
        self.parsed
            .lookup_glyph_index(u32::from(c))
            .filter(|&gid| gid != 0)
    }

    fn has(&self, c: char) -> bool {
        self.glyph(c).is_some()
    }

    /// Advance width of `c` in ems (the `hmtx` advance, the same one printpdf writes to `/W`).
    fn advance(&self, c: char) -> f32 {
        self.glyph(c).map_or(0.0, |gid| {
            f32::from(self.parsed.get_horizontal_advance(gid)) / self.units_per_em
        })
    }

    fn ascent(&self) -> f32 {
        f32::from(self.parsed.pdf_font_metrics.ascender) / self.units_per_em
    }

    fn descent(&self) -> f32 {
        -f32::from(self.parsed.pdf_font_metrics.descender) / self.units_per_em
    }
}

impl Fonts {
    fn parse() -> Result<Fonts, String> {
        let latin = Face::parse(LATIN_BYTES, "OpenSans-Regular.ttf")?;
        let cjk = Face::parse(&inflated(CJK_PACKED)?, "DroidSansFallbackFull.ttf")?;
        Ok(Fonts {
            ascent: latin.ascent().max(cjk.ascent()),
            descent: latin.descent().max(cjk.descent()),
            latin,
            cjk,
            metrics: (0..=0xFF).map(|_| OnceLock::new()).collect(),
        })
    }

    /// The face that draws `c`: Chinese characters and full-width punctuation in the Chinese
    /// face, everything else in the Latin face when it has the glyph, or `None` when neither
    /// face can draw it.
    pub(crate) fn face_for(&self, c: char) -> Option<Which> {
        self.metric(c).which
    }

    /// `c`'s face and advance, from the table when `c` is in the Basic Multilingual Plane.
    fn metric(&self, c: char) -> Metric {
        let code = u32::from(c);
        let (block, index) = ((code >> 8) as usize, (code & 0xFF) as usize);
        match self.metrics.get(block) {
            Some(table) => table.get_or_init(|| {
                Box::new(std::array::from_fn(|i| {
                    // Surrogate code points are no `char`: nothing draws them.
                    char::from_u32(code & !0xFF | i as u32)
                        .map_or(Metric::NONE, |c| self.look_up(c))
                }))
            })[index],
            None => self.look_up(c),
        }
    }

    /// `c`'s face and advance, from the faces themselves.
    fn look_up(&self, c: char) -> Metric {
        let order = if is_cjk(c) {
            [Which::Cjk, Which::Latin]
        } else {
            [Which::Latin, Which::Cjk]
        };
        order
            .into_iter()
            .find(|&w| self.face(w).has(c))
            .map_or(Metric::NONE, |w| Metric {
                which: Some(w),
                advance: self.face(w).advance(c),
            })
    }

    pub(crate) fn face(&self, which: Which) -> &Face {
        match which {
            Which::Latin => &self.latin,
            Which::Cjk => &self.cjk,
        }
    }

    /// `text` cut into runs that each print in one face. Characters no face has are left
    /// out; [`Fonts::check`] refuses such text before anything is laid out.
    pub(crate) fn runs<'t>(&self, text: &'t str) -> Vec<(Which, &'t str)> {
        let mut runs: Vec<(Which, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current: Option<Which> = None;
        for (i, c) in text.char_indices() {
            let which = self.face_for(c);
            if which != current {
                if let Some(w) = current {
                    runs.push((w, &text[start..i]));
                }
                start = i;
                current = which;
            }
            if which.is_none() {
                start = i + c.len_utf8();
            }
        }
        if let Some(w) = current {
            runs.push((w, &text[start..]));
        }
        runs
    }

    /// Width of `text` set at `size` points, in points, from the advance widths of the face
    /// each character prints in. PDF viewers move the pen by the same advances, because
    /// printpdf writes `/W` from the same table and shows `Text` items without kerning.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.metric(c).advance).sum::<f32>() * size
    }

    /// Fails with the first character of `text` that neither face can draw. Line breaks and
    /// tabs pass: layout prints them as spaces.
    pub(crate) fn check(&self, text: &str) -> Result<(), DocumentError> {
        let missing = |c: char| !c.is_ascii_whitespace() && self.face_for(c).is_none();
        match text.chars().find(|&c| missing(c)) {
            Some(ch) => Err(DocumentError::MissingGlyph {
                ch,
                text: text.to_string(),
            }),
            None => Ok(()),
        }
    }
}

/// Scripts written without spaces (Chinese, Japanese, Korean) and full-width punctuation:
/// drawn in the Chinese face, and a line may break before or after any of them.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x2E80..=0x9FFF      // radicals, CJK symbols and punctuation, kana, CJK ideographs
        | 0xAC00..=0xD7AF    // Hangul
        | 0xF900..=0xFAFF    // compatibility ideographs
        | 0xFF00..=0xFFEF    // full-width forms
        | 0x20000..=0x3FFFF) // CJK extensions
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> &'static Fonts {
        super::fonts().unwrap_or_else(|e| panic!("{e}"))
    }

    /// Droid Sans Fallback has no ASCII letters or digits: amounts would not print at all
    /// without the Latin face.
    #[test]
    fn digits_and_latin_print_in_the_latin_face_and_chinese_in_the_chinese_face() {
        let f = fonts();
        assert!(
            !f.cjk.has('1'),
            "if Droid gains digits, reconsider the second face"
        );
        for c in "0123456789.-¥×AZaz,:()".chars() {
            assert_eq!(f.face_for(c), Some(Which::Latin), "{c:?}");
        }
        for c in "猕猴桃斤对账单，。：（）　".chars() {
            assert_eq!(f.face_for(c), Some(Which::Cjk), "{c:?}");
        }
        assert_eq!(f.face_for('\u{E000}'), None);
        assert_eq!(f.face_for('\u{1F600}'), None);
    }

    /// The table gives what the faces give, in and beyond the Basic Multilingual Plane.
    #[test]
    fn the_metric_table_agrees_with_the_faces() {
        let f = fonts();
        let samples =
            "猕猴桃 120斤 × ¥3.5，（）「」ÄéßΩ€—…\u{3000}\u{E000}\u{FFFD}\u{1F600}\u{20000}";
        for c in samples.chars().chain(('\0'..='\u{2FF}').step_by(7)) {
            assert_eq!(f.metric(c), f.look_up(c), "{c:?}");
        }
        assert_eq!(f.metric('\u{1F600}'), Metric::NONE);
    }

    #[test]
    fn runs_split_where_the_face_changes() {
        assert_eq!(
            fonts().runs("猕猴桃 120斤 × ¥3.5"),
            vec![
                (Which::Cjk, "猕猴桃"),
                (Which::Latin, " 120"),
                (Which::Cjk, "斤"),
                (Which::Latin, " × ¥3.5"),
            ]
        );
    }

    #[test]
    fn width_adds_up_over_runs() {
        let f = fonts();
        let whole = f.width("猕猴桃 120斤", 10.0);
        let parts = f.width("猕猴桃", 10.0) + f.width(" 120", 10.0) + f.width("斤", 10.0);
        assert!((whole - parts).abs() < 1e-3);
        assert!(
            (f.width("对", 10.0) - 10.0).abs() < 0.5,
            "a Chinese character is about 1 em"
        );
    }
}
