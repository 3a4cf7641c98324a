//! The order's QR code: encoded with the `qrcode` crate, module for module the symbol
//! `QrCode::with_error_correction_level` makes, and cut into rectangles for drawing.
//!
//! `qrcode` picks the mask with the lowest ISO/IEC 18004 penalty score, scoring each of the
//! eight candidates through a boxed closure per module; that was a fifth of the time of a
//! batch of labels. [`encode`] builds the same canvas with the crate's own steps and scores
//! the candidates itself, by the same rules on a plain grid, so it chooses the same mask
//! (the tests compare the two module for module).

use qrcode::canvas::{Canvas, MaskPattern};
use qrcode::types::{Color, QrResult};
use qrcode::{bits, ec, EcLevel};

/// The masks in the order `qrcode` tries them: on a tie the first one wins.
const MASKS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// A QR code symbol: `width` × `width` modules, dark ones `true`, row by row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Symbol {
    pub(crate) width: usize,
    pub(crate) dark: Vec<bool>,
}

/// The smallest QR code (normal, not micro) for `data` at `ec_level`, as `qrcode` would make
/// it.
pub(crate) fn encode(data: &[u8], ec_level: EcLevel) -> QrResult<Symbol> {
    let bits = bits::encode_auto(data, ec_level)?;
    let version = bits.version();
    let width = version.width().unsigned_abs() as usize;
    let (data_codewords, ec_codewords) =
        ec::construct_codewords(&bits.into_bytes(), version, ec_level)?;
    let mut canvas = Canvas::new(version, ec_level);
    canvas.draw_all_functional_patterns();
    canvas.draw_data(&data_codewords, &ec_codewords);
    let mut best: Option<(u16, Vec<bool>)> = None;
    for mask in MASKS {
        let mut masked = canvas.clone();
        masked.apply_mask(mask);
        let dark: Vec<bool> = masked
            .into_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect();
        let score = penalty(&dark, width);
        if best.as_ref().is_none_or(|(lowest, _)| score < *lowest) {
            best = Some((score, dark));
        }
    }
    let dark = best.map_or_else(Vec::new, |(_, dark)| dark);
    Ok(Symbol { width, dark })
}

/// The penalty score of a masked symbol, as `qrcode` computes it for normal QR codes, in
/// the same 16-bit arithmetic: runs of five or more modules of one colour, 2 × 2 blocks of
/// one colour, finder-like patterns (less the nine rows of the real finder patterns in each
/// direction) and the dark/light balance.
fn penalty(dark: &[bool], width: usize) -> u16 {
    let mut columns = vec![false; dark.len()];
    for (i, &d) in dark.iter().enumerate() {
        columns[(i % width) * width + i / width] = d;
    }
    let mut runs = 0_u16;
    let mut finders = [0_u16; 2];
    for (row, column) in dark.chunks(width).zip(columns.chunks(width)) {
        runs = runs
            .wrapping_add(runs_score(row))
            .wrapping_add(runs_score(column));
        finders[0] = finders[0].wrapping_add(finder_score(row));
        finders[1] = finders[1].wrapping_add(finder_score(column));
    }
    let mut blocks = 0_u16;
    for (top, bottom) in dark.chunks(width).zip(dark.chunks(width).skip(1)) {
        for x in 0..width - 1 {
            let c = top[x];
            if top[x + 1] == c && bottom[x] == c && bottom[x + 1] == c {
                blocks = blocks.wrapping_add(3);
            }
        }
    }
    let dark_count = dark.iter().filter(|&&d| d).count();
    let ratio = dark_count * 200 / dark.len().max(1);
    let balance = ratio.abs_diff(100) as u16;
    // Each direction crosses the real finder patterns in nine lines.
    runs.wrapping_add(blocks)
        .wrapping_add(finders[0].wrapping_sub(360))
        .wrapping_add(finders[1].wrapping_sub(360))
        .wrapping_add(balance)
}

/// Every run of 5 + n modules of one colour scores 3 + n.
fn runs_score(line: &[bool]) -> u16 {
    let mut score = 0_u16;
    let mut start = 0;
    for i in 1..=line.len() {
        if i == line.len() || line[i] != line[start] {
            let len = (i - start) as u16;
            if len >= 5 {
                score = score.wrapping_add(len - 2);
            }
            start = i;
        }
    }
    score
}

/// 40 for every dark-light-dark-dark-dark-light-dark that has no dark module within four
/// modules on at least one side.
fn finder_score(line: &[bool]) -> u16 {
    const PATTERN: [bool; 7] = [true, false, true, true, true, false, true];
    let dark_in = |from: usize, to: usize| line[from..to.min(line.len())].contains(&true);
    let mut score = 0_u16;
    for (j, window) in line.windows(7).enumerate() {
        if !window.iter().zip(PATTERN).all(|(&a, b)| a == b) {
            continue;
        }
        if !dark_in(j.saturating_sub(4), j) || !dark_in(j + 7, j + 11) {
            score = score.wrapping_add(40);
        }
    }
    score
}

/// A rectangle of modules: column, row, width and height.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Block {
    pub(crate) x: usize,
    pub(crate) y: usize,
    pub(crate) w: usize,
    pub(crate) h: usize,
}

/// The dark modules of a `width`-wide grid as few non-overlapping rectangles: each row's runs
/// of dark modules, a run joined to the one right above it when both span the same columns.
pub(crate) fn blocks(dark: &[bool], width: usize) -> Vec<Block> {
    let mut done: Vec<Block> = Vec::new();
    // Blocks that reach the row above, still growing.
    let mut open: Vec<Block> = Vec::new();
    for (y, cells) in dark.chunks(width).enumerate() {
        let mut next = Vec::new();
        let mut x = 0;
        while x < cells.len() {
            if !cells[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < cells.len() && cells[x] {
                x += 1;
            }
            let w = x - start;
            match open.iter().position(|b| b.x == start && b.w == w) {
                Some(i) => {
                    let mut b = open.swap_remove(i);
                    b.h += 1;
                    next.push(b);
                }
                None => next.push(Block {
                    x: start,
                    y,
                    w,
                    h: 1,
                }),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use qrcode::QrCode;

    fn reference(data: &[u8], ec_level: EcLevel) -> Symbol {
        let code =
            QrCode::with_error_correction_level(data, ec_level).unwrap_or_else(|e| panic!("{e:?}"));
        Symbol {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        }
    }

    /// Order references as the shop makes them, and other texts of every mode and of many
    /// versions: the symbol is the one `qrcode` makes, module for module.
    #[test]
    fn the_same_symbol_as_qrcode() {
        let mut inputs: Vec<String> = (0..400)
            .map(|i| format!("FS-20261128-{:04}", i * 7 + 3))
            .collect();
        inputs.extend((0..60).map(|i| "0123456789".repeat(20)[..i * 3 + 1].to_string()));
        inputs.extend((1..40).map(|i| "修文猕猴桃 order #".repeat(i)));
        inputs.extend(["", "a", "HELLO WORLD", "https://example.com/o/FS-1"].map(String::from));
        for (i, text) in inputs.iter().enumerate() {
            let ec_level = [EcLevel::L, EcLevel::M, EcLevel::Q, EcLevel::H][i % 4];
            let ours = encode(text.as_bytes(), ec_level).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(ours, reference(text.as_bytes(), ec_level), "{text:?}");
        }
    }

    /// Every dark module is in exactly one block, and no light one in any.
    #[test]
    fn blocks_cover_exactly_the_dark_modules() {
        let mut grids: Vec<(usize, Vec<bool>)> = ["FS-20261128-0042", "FS-1", &"x".repeat(90)]
            .iter()
            .map(|t| {
                let s = encode(t.as_bytes(), EcLevel::M).unwrap_or_else(|e| panic!("{e:?}"));
                (s.width, s.dark)
            })
            .collect();
        grids.push((3, vec![true; 9]));
        grids.push((4, vec![false; 16]));
        grids.push((
            4,
            [1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1, 0, 1, 1]
                .map(|b| b == 1)
                .to_vec(),
        ));
        for (width, dark) in grids {
            let mut covered = vec![0; dark.len()];
            let found = blocks(&dark, width);
            for b in &found {
                for y in b.y..b.y + b.h {
                    for x in b.x..b.x + b.w {
                        covered[y * width + x] += 1;
                    }
                }
            }
            for (i, (&d, &n)) in dark.iter().zip(&covered).enumerate() {
                assert_eq!(n, usize::from(d), "module {i} of a {width}-wide grid");
            }
            let runs: usize = dark
                .chunks(width)
                .map(|row| {
                    row.iter()
                        .zip(row.iter().skip(1).chain([&false]))
                        .filter(|(a, b)| **a && !**b)
                        .count()
                })
                .sum();
            assert!(found.len() <= runs);
        }
    }

    #[test]
    fn a_full_square_is_one_block() {
        assert_eq!(
            blocks(&[true; 9], 3),
            vec![Block {
                x: 0,
                y: 0,
                w: 3,
                h: 3
            }]
        );
    }
}
