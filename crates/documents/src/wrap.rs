//! Breaking text into lines that fit a width, for mixed Chinese and Latin text.
//!
//! Chinese may break between any two characters; Latin words break only at spaces, unless a
//! single word is wider than the whole line. Closing punctuation (，。）…) never starts a line
//! and opening punctuation (（《¥…) never ends one.

use crate::font::{is_cjk, Fonts};

/// A piece of text that is never broken (unless it alone is wider than a line).
struct Unit {
    text: String,
    space_before: bool,
}

/// Lines of `text` at `size` points, each at most `max_width` points wide. Never empty.
pub(crate) fn wrap(font: &Fonts, text: &str, size: f32, max_width: f32) -> Vec<String> {
    wrap_by(text, max_width, |t| font.width(t, size))
}

/// Lines of `text`, each at most `max_width` wide as measured by `width` (in any unit, the
/// same as `max_width`): for devices other than the PDF fonts, such as a printer's own font.
pub(crate) fn wrap_by(text: &str, max_width: f32, width: impl Fn(&str) -> f32) -> Vec<String> {
    let space = width(" ");
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_width = 0.0;
    for unit in units(text) {
        let unit_width = width(&unit.text);
        let gap = if line.is_empty() || !unit.space_before {
            0.0
        } else {
            space
        };
        if line_width + gap + unit_width <= max_width {
            if gap > 0.0 {
                line.push(' ');
            }
            line.push_str(&unit.text);
            line_width += gap + unit_width;
        } else if unit_width <= max_width {
            lines.push(std::mem::take(&mut line));
            line.push_str(&unit.text);
            line_width = unit_width;
        } else {
            // One word wider than the column (a long number, a URL): cut it by character.
            if gap > 0.0 && line_width + gap < max_width {
                line.push(' ');
                line_width += gap;
            }
            for c in unit.text.chars() {
                let w = width(c.encode_utf8(&mut [0; 4]));
                if line_width + w > max_width && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_width = 0.0;
                }
                line.push(c);
                line_width += w;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn units(text: &str) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut cur = String::new();
    let mut cur_space = false;
    let mut pending_space = false;
    let mut glue_next = false;
    for c in text.chars() {
        if c == ' ' {
            if !cur.is_empty() {
                units.push(Unit {
                    text: std::mem::take(&mut cur),
                    space_before: cur_space,
                });
            }
            pending_space = true;
            glue_next = false;
            continue;
        }
        let starts_new = match cur.chars().last() {
            None => true,
            Some(_) if glue_next || is_closing(c) => false,
            Some(_) if is_cjk(c) || is_opening(c) => true,
            Some(last) => is_cjk(last) || (is_closing(last) && !c.is_ascii_alphanumeric()),
        };
        if starts_new {
            if !cur.is_empty() {
                units.push(Unit {
                    text: std::mem::take(&mut cur),
                    space_before: cur_space,
                });
            }
            cur_space = pending_space;
            pending_space = false;
        }
        cur.push(c);
        glue_next = is_opening(c);
    }
    if !cur.is_empty() {
        units.push(Unit {
            text: cur,
            space_before: cur_space,
        });
    }
    units
}

fn is_closing(c: char) -> bool {
    "，。、；：！？）》」』】〉”’,.;:!?)]}%".contains(c)
}

fn is_opening(c: char) -> bool {
    "（《「『【〈“‘([{¥￥$".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn font() -> &'static Fonts {
        crate::font::fonts().unwrap_or_else(|e| panic!("{e}"))
    }

    fn unit_texts(text: &str) -> Vec<String> {
        units(text).into_iter().map(|u| u.text).collect()
    }

    #[test]
    fn chinese_breaks_between_characters_but_punctuation_stays_attached() {
        assert_eq!(
            unit_texts("猕猴桃，一级（大果）120斤"),
            ["猕", "猴", "桃，", "一", "级", "（大", "果）", "120", "斤"].map(String::from)
        );
    }

    #[test]
    fn latin_words_and_amounts_stay_whole() {
        assert_eq!(
            unit_texts("Kiwi grade 1, 120 jin × ¥3.5"),
            ["Kiwi", "grade", "1,", "120", "jin", "×", "¥3.5"].map(String::from)
        );
    }

    #[test]
    fn every_line_fits_and_nothing_is_lost() {
        let text = "猕猴桃 一级 120斤 × ¥3.5，另加运费与包装费用，由农户自行承担，Extra-long-word-without-any-space-at-all-123456789 end";
        for width in [20.0_f32, 60.0, 150.0, 400.0] {
            let lines = wrap(font(), text, 9.0, width);
            for line in &lines {
                let w = font().width(line, 9.0);
                let one_char = line.chars().count() == 1;
                assert!(
                    w <= width + 0.01 || one_char,
                    "{line:?} is {w} wide, max {width}"
                );
            }
            let joined: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let want: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(joined, want, "width {width}");
        }
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(wrap(font(), "", 9.0, 100.0), vec![String::new()]);
    }
}
