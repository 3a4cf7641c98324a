//! Code 128 barcodes (ISO/IEC 15417) as symbol values and bar widths: pure, no drawing.
//!
//! Only code sets B (printable ASCII) and C (pairs of digits) are used: a waybill number is
//! letters and digits, and set A only adds control characters. Runs of digits switch to set C
//! where that makes the symbol shorter (the rules of ISO/IEC 15417 Annex E, which give the
//! shortest symbol for B and C): at the start of data beginning with 4 or more digits (or
//! made only of an even number of digits), for 4 or more digits at the end, and for 6 or
//! more digits in the middle. An odd run keeps its first digit in set B.
//!
//! **Invariant:** [`Code128::values`] always holds a start value, the data, the mod-103
//! checksum and the stop value; [`Code128::bars`] draws exactly those, nothing else.

use std::fmt;

/// Bar and space widths, in modules, of symbol values 0..=105 (three bars and three spaces,
/// bar first, 11 modules each), from the table of ISO/IEC 15417.
#[rustfmt::skip]
const PATTERNS: [&[u8; 6]; 106] = [
    b"212222", b"222122", b"222221", b"121223", b"121322", b"131222", b"122213", b"122312",
    b"132212", b"221213", b"221312", b"231212", b"112232", b"122132", b"122231", b"113222",
    b"123122", b"123221", b"223211", b"221132", b"221231", b"213212", b"223112", b"312131",
    b"311222", b"321122", b"321221", b"312212", b"322112", b"322211", b"212123", b"212321",
    b"232121", b"111323", b"131123", b"131321", b"112313", b"132113", b"132311", b"211313",
    b"231113", b"231311", b"112133", b"112331", b"132131", b"113123", b"113321", b"133121",
    b"313121", b"211331", b"231131", b"213113", b"213311", b"213131", b"311123", b"311321",
    b"331121", b"312113", b"312311", b"332111", b"314111", b"221411", b"431111", b"111224",
    b"111422", b"121124", b"121421", b"141122", b"141221", b"112214", b"112412", b"122114",
    b"122411", b"142112", b"142211", b"241211", b"221114", b"413111", b"241112", b"134111",
    b"111242", b"121142", b"121241", b"114212", b"124112", b"124211", b"411212", b"421112",
    b"421211", b"212141", b"214121", b"412121", b"111143", b"111341", b"131141", b"114113",
    b"114311", b"411113", b"411311", b"113141", b"114131", b"311141", b"411131", b"211412",
    b"211214", b"211232",
];
/// The stop pattern: four bars and three spaces, 13 modules including the final bar.
const STOP_PATTERN: &[u8; 7] = b"2331112";

/// Switch from set B to set C (in set B), and from set C to set B (in set C).
pub(crate) const CODE_C: u8 = 99;
pub(crate) const CODE_B: u8 = 100;
pub(crate) const START_B: u8 = 104;
pub(crate) const START_C: u8 = 105;
pub(crate) const STOP: u8 = 106;

/// Light modules required on each side of the symbol.
pub(crate) const QUIET_ZONE: usize = 10;

/// Why text cannot be a Code 128 symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code128Error {
    Empty,
    /// Outside printable ASCII (space to `~`).
    Unsupported(char),
}

impl fmt::Display for Code128Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Code128Error::Empty => write!(f, "it is empty"),
            Code128Error::Unsupported(c) => write!(
                f,
                "it contains '{c}', and a barcode can only hold letters, digits and ASCII signs"
            ),
        }
    }
}

/// One encoded symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Code128 {
    values: Vec<u8>,
}

/// The code set a value is read in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Set {
    B,
    C,
}

impl Code128 {
    /// The shortest B/C encoding of `text`.
    pub(crate) fn encode(text: &str) -> Result<Code128, Code128Error> {
        if text.is_empty() {
            return Err(Code128Error::Empty);
        }
        if let Some(c) = text.chars().find(|c| !(' '..='~').contains(c)) {
            return Err(Code128Error::Unsupported(c));
        }
        let bytes = text.as_bytes();
        let digits_from = |i: usize| bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();

        let leading = digits_from(0);
        let all_even_digits = leading == bytes.len() && leading >= 2 && leading % 2 == 0;
        let (mut set, start) = if all_even_digits || leading >= 4 {
            (Set::C, START_C)
        } else {
            (Set::B, START_B)
        };
        let mut values = vec![start];
        let mut i = 0;
        while i < bytes.len() {
            let run = digits_from(i);
            match set {
                Set::C if run >= 2 => {
                    values.push((bytes[i] - b'0') * 10 + (bytes[i + 1] - b'0'));
                    i += 2;
                }
                Set::C => {
                    values.push(CODE_B);
                    set = Set::B;
                }
                Set::B => {
                    let at_end = i + run == bytes.len();
                    if (at_end && run >= 4) || run >= 6 {
                        if run % 2 == 1 {
                            values.push(bytes[i] - b' ');
                            i += 1;
                        }
                        values.push(CODE_C);
                        set = Set::C;
                    } else {
                        values.push(bytes[i] - b' ');
                        i += 1;
                    }
                }
            }
        }
        values.push(checksum(&values));
        values.push(STOP);
        Ok(Code128 { values })
    }

    /// Start value, data values, checksum, stop value.
    pub(crate) fn values(&self) -> &[u8] {
        &self.values
    }

    /// Width of the symbol in modules, from the first bar to the end of the last one
    /// (quiet zones not included).
    pub(crate) fn modules(&self) -> usize {
        (self.values.len() - 1) * 11 + 13
    }

    /// The dark bars as (first module, width in modules), counted from the first bar.
    pub(crate) fn bars(&self) -> Vec<(usize, usize)> {
        let mut bars = Vec::with_capacity(self.values.len() * 3 + 1);
        let mut x = 0;
        for &value in &self.values {
            let widths: &[u8] = match PATTERNS.get(usize::from(value)) {
                Some(p) => &p[..],
                None => &STOP_PATTERN[..],
            };
            for (k, w) in widths.iter().enumerate() {
                let w = usize::from(w - b'0');
                if k % 2 == 0 {
                    bars.push((x, w));
                }
                x += w;
            }
        }
        bars
    }
}

/// Start value plus each following value times its position, modulo 103.
fn checksum(values: &[u8]) -> u8 {
    let sum: usize = values
        .iter()
        .enumerate()
        .map(|(i, &v)| i.max(1) * usize::from(v))
        .sum();
    (sum % 103) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<u8> {
        Code128::encode(text)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .values()
            .to_vec()
    }

    /// Decodes bars back to text, reading the code sets the way a scanner does, and checks
    /// the checksum: a round trip through an independent reading of the table.
    fn scan(code: &Code128) -> String {
        let mut modules = vec![false; code.modules()];
        for (x, w) in code.bars() {
            modules[x..x + w].iter_mut().for_each(|m| *m = true);
        }
        let widths_of = |chunk: &[bool]| -> Vec<u8> {
            let mut widths = Vec::new();
            let mut run = 1u8;
            for pair in chunk.windows(2) {
                if pair[0] == pair[1] {
                    run += 1;
                } else {
                    widths.push(b'0' + run);
                    run = 1;
                }
            }
            widths.push(b'0' + run);
            widths
        };
        let symbols: Vec<u8> = modules[..modules.len() - 13]
            .chunks(11)
            .map(|chunk| {
                let w = widths_of(chunk);
                PATTERNS
                    .iter()
                    .position(|p| p[..] == w[..])
                    .unwrap_or_else(|| panic!("no symbol has widths {w:?}")) as u8
            })
            .collect();
        assert_eq!(widths_of(&modules[modules.len() - 13..]), STOP_PATTERN);
        let (data, check) = symbols.split_at(symbols.len() - 1);
        assert_eq!(checksum(data), check[0], "checksum");
        let mut set = if data[0] == START_C { Set::C } else { Set::B };
        let mut text = String::new();
        for &v in &data[1..] {
            match (set, v) {
                (Set::B, CODE_C) => set = Set::C,
                (Set::C, CODE_B) => set = Set::B,
                (Set::B, v) => text.push(char::from(v + b' ')),
                (Set::C, v) => text.push_str(&format!("{v:02}")),
            }
        }
        text
    }

    #[test]
    fn the_pattern_table_is_well_formed() {
        for (value, p) in PATTERNS.iter().enumerate() {
            let widths: Vec<u8> = p.iter().map(|w| w - b'0').collect();
            assert_eq!(
                widths.iter().map(|&w| usize::from(w)).sum::<usize>(),
                11,
                "{value}"
            );
            // Code 128's parity: the bars of every symbol add up to an even number of modules.
            assert_eq!((widths[0] + widths[2] + widths[4]) % 2, 0, "{value}");
            assert!(widths.iter().all(|w| (1..=4).contains(w)), "{value}");
        }
        let mut sorted = PATTERNS.to_vec();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), PATTERNS.len(), "every symbol is distinct");
        // Well-known entries: value 0 (space in set B), Start B, Start C, Stop.
        assert_eq!(PATTERNS[0], b"212222");
        assert_eq!(PATTERNS[usize::from(START_B)], b"211214");
        assert_eq!(PATTERNS[usize::from(START_C)], b"211232");
        assert_eq!(STOP_PATTERN, b"2331112");
    }

    /// A UPU postal item number: letters in B, the 9-digit run goes to C after its first digit.
    #[test]
    fn upu_item_number_switches_to_c_for_the_digits() {
        let v = values("RI476394652CH");
        // Start B, R, I, '4' in B, Code C, 76 39 46 52, Code B, C, H.
        let data = [104, 50, 41, 20, 99, 76, 39, 46, 52, 100, 35, 40];
        let sum = 104
            + 50
            + 41 * 2
            + 20 * 3
            + 99 * 4
            + 76 * 5
            + 39 * 6
            + 46 * 7
            + 52 * 8
            + 100 * 9
            + 35 * 10
            + 40 * 11;
        assert_eq!(sum % 103, 26);
        let mut want = data.to_vec();
        want.extend([26, STOP]);
        assert_eq!(v, want);
        let code = Code128::encode("RI476394652CH").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(code.modules(), 13 * 11 + 13);
        assert_eq!(scan(&code), "RI476394652CH");
    }

    #[test]
    fn digits_only_are_all_set_c() {
        // (105 + 12·1 + 34·2 + 56·3 + 78·4 + 90·5) mod 103 = 1115 mod 103 = 85.
        assert_eq!(values("1234567890"), [105, 12, 34, 56, 78, 90, 85, STOP]);
        // SF and 13 digits: the first digit in set B, then six pairs in set C.
        let v = values("SF1234567890123");
        assert_eq!(v[..4], [104, 51, 38, 17], "S F '1' in set B");
        assert_eq!(v[4..11], [99, 23, 45, 67, 89, 1, 23], "then pairs in set C");
    }

    #[test]
    fn short_digit_runs_stay_in_set_b() {
        // Three digits, or four in the middle, are no shorter in set C.
        assert_eq!(values("123")[..4], [104, 17, 18, 19]);
        assert!(!values("AB1234CD").contains(&CODE_C));
        assert!(values("AB123456CD").contains(&CODE_C));
        assert!(values("AB1234").contains(&CODE_C), "4 digits at the end");
        assert_eq!(
            values("12345")[..4],
            [105, 12, 34, CODE_B],
            "odd leading run"
        );
    }

    #[test]
    fn every_printable_ascii_text_round_trips() {
        let samples = [
            " ",
            "~",
            "JDVA12345678901",
            "YT2345678901234",
            "75312345678901",
            "a1b22c333d4444e55555f666666",
            "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
            "0",
            "00",
            "000",
            "0000",
            "00000",
            "A000000",
            "A0000000",
        ];
        for text in samples {
            let code = Code128::encode(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(scan(&code), text);
        }
    }

    #[test]
    fn text_outside_ascii_is_refused() {
        assert_eq!(Code128::encode(""), Err(Code128Error::Empty));
        assert_eq!(
            Code128::encode("顺丰123"),
            Err(Code128Error::Unsupported('顺'))
        );
        assert_eq!(
            Code128::encode("A\nB"),
            Err(Code128Error::Unsupported('\n'))
        );
    }
}
