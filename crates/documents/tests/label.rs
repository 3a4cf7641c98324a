//! Shipping labels and packing slips rendered to real PDFs and read back the way a viewer, a
//! printer or a scanner would: poppler's tools for text, fonts and page size; the pages
//! rasterised and their QR codes (rqrr) and Code 128 barcodes (a scanline reader here)
//! decoded; the TSPL and ZPL programs parsed command by command.

use std::path::Path;
use std::process::Command;

use farmstall_documents::{
    render_labels, render_packing_slip, render_tspl, render_zpl, DocumentError, Label, LabelSize,
    PackingSlip, PackingSlipLine, Party,
};

// ---- test data ----

fn label(i: usize) -> Label {
    let names = ["欧阳晓燕", "王小明", "李娜", "Chen Jie", "张伟"];
    Label {
        recipient: Party {
            name: names[i % names.len()].into(),
            phone: format!("138****{:04}", 5678 + i),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            street: format!("文三路 {} 号 华星时代广场 A 座 1203 室", 478 + i),
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
        waybill: format!("SF{}", 1_402_837_465_120_u64 + i as u64),
        order_ref: format!("FS-20261128-{:04}", 42 + i),
        items: "修文猕猴桃 特级 5斤装 ×2；冰袋 ×1".into(),
        weight: "5.8 kg".into(),
        date: "2026-11-28".into(),
        note: "请放门卫，谢谢！".into(),
    }
}

const SIZES: [(LabelSize, f32, f32); 4] = [
    (LabelSize::Mm100x150, 100.0, 150.0),
    (LabelSize::Mm100x180, 100.0, 180.0),
    (LabelSize::Mm76x130, 76.0, 130.0),
    (LabelSize::A4, 210.0, 297.0),
];

const THERMAL: [LabelSize; 3] = [
    LabelSize::Mm100x150,
    LabelSize::Mm100x180,
    LabelSize::Mm76x130,
];

fn pdf(labels: &[Label], size: LabelSize) -> Vec<u8> {
    render_labels(labels, size).unwrap_or_else(|e| panic!("render {size}: {e}"))
}

// ---- poppler ----

mod common;
use common::{info, page_text, pages, path_str, poppler, temp, write};

/// Page size in points, from pdfinfo's "Page size: 283.465 x 425.197 pts".
fn page_size(pdf: &Path) -> (f32, f32) {
    let info = info(pdf);
    let line = info
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap_or_else(|| panic!("no page size in:\n{info}"));
    let nums: Vec<f32> = line
        .split_whitespace()
        .filter_map(|t| t.parse().ok())
        .collect();
    (nums[0], nums[1])
}

/// Whether `text` contains `expected`, ignoring white space: a wrapped address comes back
/// over several lines, and pdftotext guesses spaces from gaps.
fn has(text: &str, expected: &str) -> bool {
    let squash = |s: &str| s.split_whitespace().collect::<String>();
    squash(text).contains(&squash(expected))
}

/// A page as grey pixels (0 black, 255 white) at `dpi`.
struct Raster {
    w: usize,
    h: usize,
    px: Vec<u8>,
}

fn raster(pdf: &Path, page: usize, dpi: u32) -> Raster {
    let dir = pdf.parent().unwrap_or_else(|| Path::new("."));
    let out = dir.join(format!("raster-{page}"));
    let p = page.to_string();
    let r = dpi.to_string();
    poppler(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &r,
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            path_str(pdf),
            path_str(&out),
        ],
    );
    let bytes = std::fs::read(out.with_extension("pgm")).unwrap_or_else(|e| panic!("pgm: {e}"));
    // "P5", width, height, max value, then one byte per pixel after a single white space.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().unwrap_or(0);
    let h: usize = fields[2].parse().unwrap_or(0);
    let px = bytes[i + 1..].to_vec();
    assert_eq!(px.len(), w * h, "pgm size");
    Raster { w, h, px }
}

/// Every QR code on the raster, decoded.
fn qr_codes(r: &Raster) -> Vec<String> {
    let mut img = rqrr::PreparedImage::prepare_from_greyscale(r.w, r.h, |x, y| r.px[y * r.w + x]);
    img.detect_grids()
        .into_iter()
        .filter_map(|g| g.decode().ok().map(|(_, text)| text))
        .collect()
}

// ---- a Code 128 reader, independent of the encoder ----

/// Bar and space widths of symbol values 0..=105 (ISO/IEC 15417).
#[rustfmt::skip]
const C128: [&str; 106] = [
    "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212",
    "221213", "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221",
    "223211", "221132", "221231", "213212", "223112", "312131", "311222", "321122", "321221",
    "312212", "322112", "322211", "212123", "212321", "232121", "111323", "131123", "131321",
    "112313", "132113", "132311", "211313", "231113", "231311", "112133", "112331", "132131",
    "113123", "113321", "133121", "313121", "211331", "231131", "213113", "213311", "213131",
    "311123", "311321", "331121", "312113", "312311", "332111", "314111", "221411", "431111",
    "111224", "111422", "121124", "121421", "141122", "141221", "112214", "112412", "122114",
    "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111", "111242",
    "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
    "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311",
    "113141", "114131", "311141", "411131", "211412", "211214", "211232",
];

/// Reads one symbol from six runs: widths in modules, each symbol being 11 modules wide.
fn symbol(runs: &[usize]) -> Option<usize> {
    let total: usize = runs.iter().sum();
    let widths: String = runs
        .iter()
        .map(|&r| {
            let m = (r as f32 * 11.0 / total as f32).round() as u8;
            char::from(b'0' + m.clamp(1, 4))
        })
        .collect();
    C128.iter().position(|p| *p == widths)
}

/// Every Code 128 symbol crossed by a row of pixels, decoded (checksum verified).
fn barcodes_in_row(row: &[u8]) -> Vec<String> {
    // Runs of dark and light pixels, starting with a dark one.
    let mut runs: Vec<(bool, usize)> = Vec::new();
    for &p in row {
        let dark = p < 128;
        match runs.last_mut() {
            Some((d, n)) if *d == dark => *n += 1,
            _ => runs.push((dark, 1)),
        }
    }
    let lens: Vec<usize> = runs.iter().map(|r| r.1).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + 6 <= runs.len() {
        if !runs[i].0 {
            i += 1;
            continue;
        }
        let start = symbol(&lens[i..i + 6]);
        if !matches!(start, Some(104) | Some(105)) {
            i += 1;
            continue;
        }
        let mut values = vec![start.unwrap_or(0)];
        let mut j = i + 6;
        let mut ok = false;
        while j + 7 <= runs.len() {
            // The stop symbol: 2331112 over 13 modules.
            let total: usize = lens[j..j + 7].iter().sum();
            let stop: String = lens[j..j + 7]
                .iter()
                .map(|&r| char::from(b'0' + (r as f32 * 13.0 / total as f32).round() as u8))
                .collect();
            if stop == "2331112" {
                ok = true;
                break;
            }
            match symbol(&lens[j..j + 6]) {
                Some(v) => values.push(v),
                None => break,
            }
            j += 6;
        }
        if ok && values.len() >= 2 {
            let (data, check) = values.split_at(values.len() - 1);
            let sum: usize = data.iter().enumerate().map(|(k, v)| k.max(1) * v).sum();
            if sum % 103 == check[0] {
                let mut text = String::new();
                let mut set_c = data[0] == 105;
                for &v in &data[1..] {
                    match (set_c, v) {
                        (false, 99) => set_c = true,
                        (true, 100) => set_c = false,
                        (true, v) => text.push_str(&format!("{v:02}")),
                        (false, v) => text.push(char::from(v as u8 + b' ')),
                    }
                }
                found.push(text);
                i = j + 7;
                continue;
            }
        }
        i += 1;
    }
    found
}

/// Every distinct barcode on a raster, scanning every tenth row.
fn barcodes(r: &Raster) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for y in (0..r.h).step_by(10) {
        for text in barcodes_in_row(&r.px[y * r.w..(y + 1) * r.w]) {
            if !all.contains(&text) {
                all.push(text);
            }
        }
    }
    all
}

// ---- PDF labels ----

#[test]
fn every_size_prints_name_phone_address_and_waybill_on_a_page_of_that_size() {
    let dir = temp();
    for (size, w_mm, h_mm) in SIZES {
        let l = label(0);
        let path = write(
            dir.path(),
            "label.pdf",
            &pdf(std::slice::from_ref(&l), size),
        );
        let text = page_text(&path, 1);
        for expected in [
            l.recipient.name.as_str(),
            &l.recipient.phone,
            &l.recipient.address(),
            &l.waybill,
            &l.order_ref,
            &l.sender.name,
            &l.items,
            &l.weight,
            &l.date,
            &l.note,
            &l.courier,
        ] {
            assert!(has(&text, expected), "{size}: {expected:?} not in:\n{text}");
        }
        let (w, h) = page_size(&path);
        let pt = |mm: f32| mm * 72.0 / 25.4;
        assert!(
            (w - pt(w_mm)).abs() < 0.5 && (h - pt(h_mm)).abs() < 0.5,
            "{size}: page is {w} x {h} pt"
        );
        assert_eq!(pages(&path), 1, "{size}");
    }
}

#[test]
fn one_label_per_page_and_four_per_a4_sheet() {
    let dir = temp();
    let labels: Vec<Label> = (0..5).map(label).collect();
    let path = write(dir.path(), "a4.pdf", &pdf(&labels, LabelSize::A4));
    assert_eq!(pages(&path), 2);
    let first = page_text(&path, 1);
    let second = page_text(&path, 2);
    for l in &labels[..4] {
        assert!(has(&first, &l.waybill), "{} not on sheet 1", l.waybill);
    }
    assert!(has(&second, &labels[4].waybill));
    assert!(!has(&second, &labels[0].waybill));

    let path = write(dir.path(), "rolls.pdf", &pdf(&labels, LabelSize::Mm100x150));
    assert_eq!(pages(&path), 5);
    for (i, l) in labels.iter().enumerate() {
        assert!(has(&page_text(&path, i + 1), &l.waybill));
    }
}

/// How many times a page's content shows a form XObject (`Do`), read with lopdf.
fn forms_shown(pdf: &[u8], page: u32) -> usize {
    let doc = lopdf::Document::load_mem(pdf).unwrap_or_else(|e| panic!("lopdf: {e}"));
    let id = doc.get_pages()[&page];
    let content = doc
        .get_and_decode_page_content(id)
        .unwrap_or_else(|e| panic!("page {page} content: {e}"));
    content
        .operations
        .iter()
        .filter(|op| op.operator == "Do")
        .count()
}

#[test]
fn a_label_prints_the_same_in_a_batch_as_alone() {
    // A batch draws the rules and frames once, as a form XObject every label shows; each
    // page must still look exactly like that label printed by itself.
    let first = label(0);
    let mut different = label(1);
    different.note = String::new();
    different.items = "修文猕猴桃 特级 5斤装 ×2；红心猕猴桃 ×1；冰袋 ×2；手提袋 ×1".into();
    let same = label(2);
    let batch = pdf(
        &[first.clone(), different.clone(), same.clone()],
        LabelSize::Mm100x150,
    );
    for page in 1..=3 {
        assert_eq!(
            forms_shown(&batch, page),
            1,
            "label {page} shows the rules' form"
        );
    }

    let dir = temp();
    let batch_path = write(dir.path(), "batch.pdf", &batch);
    for (page, alone) in [(1, first), (2, different), (3, same)] {
        let alone_path = write(
            dir.path(),
            &format!("alone-{page}.pdf"),
            &pdf(&[alone], LabelSize::Mm100x150),
        );
        let in_batch = raster(&batch_path, page, 150);
        let by_itself = raster(&alone_path, 1, 150);
        assert_eq!((in_batch.w, in_batch.h), (by_itself.w, by_itself.h));
        let differing = in_batch
            .px
            .iter()
            .zip(&by_itself.px)
            .filter(|(a, b)| a.abs_diff(**b) > 64)
            .count();
        assert_eq!(
            differing, 0,
            "label {page} of the batch differs from the same label printed alone"
        );
    }
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let dir = temp();
    let path = write(
        dir.path(),
        "label.pdf",
        &pdf(&[label(3)], LabelSize::Mm100x150),
    );
    let fonts = poppler("pdffonts", &[path_str(&path)]);
    let rows: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert_eq!(rows.len(), 2, "the Chinese and the Latin face:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        let name = cols[0];
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "no subset prefix: {row}"
        );
        assert_eq!(
            (cols[n - 5], cols[n - 4], cols[n - 3]),
            ("yes", "yes", "yes"),
            "embedded, subset, copyable: {row}"
        );
    }
    // A subset of a 4 MB Chinese font: the whole label is small.
    let bytes = pdf(&[label(3)], LabelSize::Mm100x150);
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
}

#[test]
fn the_qr_code_and_the_barcode_scan_back() {
    let dir = temp();
    for (size, _, _) in SIZES {
        let labels: Vec<Label> = (0..4).map(label).collect();
        let path = write(dir.path(), "label.pdf", &pdf(&labels, size));
        let r = raster(&path, 1, 300);
        let on_page = size.labels_per_page();
        let mut qrs = qr_codes(&r);
        qrs.sort();
        let mut want: Vec<String> = labels[..on_page]
            .iter()
            .map(|l| l.order_ref.clone())
            .collect();
        want.sort();
        assert_eq!(qrs, want, "{size}: QR codes");
        let mut bars = barcodes(&r);
        bars.sort();
        let mut want: Vec<String> = labels[..on_page]
            .iter()
            .map(|l| l.waybill.clone())
            .collect();
        want.sort();
        assert_eq!(bars, want, "{size}: barcodes");
    }
    // zbarimg, where installed, reads them too (it is not needed for the test above).
    if Command::new("zbarimg").arg("--version").output().is_err() {
        println!("note: zbarimg is not installed; the codes were checked with rqrr and the scanline reader only");
    }
}

/// Regression guard for the issue's "long addresses wrap or shrink to fit": a long street
/// still prints in full on the smallest label.
#[test]
fn a_long_street_wraps_or_shrinks_and_prints_in_full() {
    let dir = temp();
    let mut l = label(1);
    l.recipient.street = "中山东一路 18 号 外滩源 3 号楼 5 层 前台代收，工作日 9:00–18:00 送达，\
                          周末请放到一楼丰巢快递柜并短信告知取件码，谢谢配合"
        .into();
    for (size, _, _) in SIZES {
        let path = write(dir.path(), "long.pdf", &pdf(std::slice::from_ref(&l), size));
        let text = page_text(&path, 1);
        assert!(
            has(&text, &l.recipient.address()),
            "{size}: address cut:\n{text}"
        );
    }
}

#[test]
fn an_absurd_address_is_an_error_naming_the_field() {
    let mut l = label(1);
    l.recipient.street = "很长的地址".repeat(200);
    for (size, _, _) in SIZES {
        let err = render_labels(std::slice::from_ref(&l), size)
            .err()
            .unwrap_or_else(|| panic!("{size}: printed a 1000-character address"));
        assert_eq!(
            err.innermost(),
            &DocumentError::TextTooLong {
                field: "recipient address",
                size
            },
            "{size}"
        );
        assert!(err.to_string().contains("recipient address"), "{err}");
    }
}

#[test]
fn a_character_the_fonts_lack_is_reported_not_printed_as_a_box() {
    let mut labels: Vec<Label> = (0..3).map(label).collect();
    labels[1].recipient.name = "王🍑明".into();
    let err = render_labels(&labels, LabelSize::Mm100x150)
        .err()
        .unwrap_or_else(|| panic!("printed an emoji"));
    // The error says which label of the batch.
    let DocumentError::InLabel {
        position,
        order_ref,
        error,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!((*position, order_ref.as_str()), (2, "FS-20261128-0043"));
    assert!(matches!(
        **error,
        DocumentError::MissingGlyph { ch: '🍑', .. }
    ));
    // The thermal printers' font is GBK.
    let err = render_tspl(&labels, LabelSize::Mm100x150, 203)
        .err()
        .unwrap_or_else(|| panic!("sent an emoji to TSPL"));
    assert_eq!(
        err.innermost(),
        &DocumentError::NotInPrinterFont {
            field: "recipient name",
            ch: '🍑'
        }
    );
}

#[test]
fn labels_that_cannot_be_delivered_or_scanned_are_refused() {
    assert!(render_labels(&[], LabelSize::Mm100x150).is_err());
    let mut l = label(0);
    l.recipient.street.clear();
    l.recipient.province.clear();
    l.recipient.city.clear();
    l.recipient.district.clear();
    assert_eq!(
        render_labels(&[l], LabelSize::Mm100x150)
            .err()
            .map(|e| e.innermost().clone()),
        Some(DocumentError::MissingField {
            field: "recipient address"
        })
    );
    let mut l = label(0);
    l.waybill = "SF 1234".into();
    assert!(matches!(
        render_labels(&[l], LabelSize::Mm100x150)
            .err()
            .map(|e| e.innermost().clone()),
        Some(DocumentError::InvalidWaybill { .. })
    ));
    // 60 characters cannot make bars of 0.25 mm on a 76 mm label.
    let mut l = label(0);
    l.waybill = "JDVA".to_string() + &"AB12".repeat(14);
    assert!(matches!(
        render_labels(&[l], LabelSize::Mm76x130)
            .err()
            .map(|e| e.innermost().clone()),
        Some(DocumentError::WaybillTooLong { .. })
    ));
}

// ---- TSPL ----

/// One TSPL command: its name and its arguments, quoted strings unescaped and decoded.
#[derive(Debug)]
struct Tspl {
    name: String,
    args: Vec<String>,
}

/// Parses a TSPL program the way a printer does: one command per CR LF line, arguments
/// split at commas outside double quotes, `\["]` a quote inside them.
fn parse_tspl(program: &[u8]) -> Vec<Tspl> {
    let mut commands = Vec::new();
    assert!(program.ends_with(b"\r\n"), "the program ends its last line");
    for line in program[..program.len() - 1].split(|&b| b == b'\n') {
        let line = line
            .strip_suffix(b"\r")
            .unwrap_or_else(|| panic!("a line without CR: {:?}", String::from_utf8_lossy(line)));
        assert!(!line.contains(&b'\r'), "a bare CR inside a command");
        let space = line.iter().position(|&b| b == b' ').unwrap_or(line.len());
        let name = String::from_utf8_lossy(&line[..space]).into_owned();
        let mut args = Vec::new();
        let mut i = space + 1;
        while i < line.len() {
            if line[i] == b'"' {
                let mut bytes = Vec::new();
                i += 1;
                loop {
                    assert!(i < line.len(), "unterminated string in {name}");
                    if line[i..].starts_with(b"\\[\"]") {
                        bytes.push(b'"');
                        i += 4;
                    } else if line[i] == b'"' {
                        i += 1;
                        break;
                    } else {
                        bytes.push(line[i]);
                        i += 1;
                    }
                }
                let (text, _, bad) = encoding_rs::GBK.decode(&bytes);
                assert!(!bad, "not GBK: {bytes:?}");
                args.push(text.into_owned());
                assert!(
                    i == line.len() || line[i] == b',',
                    "{name}: text after a closing quote"
                );
                i += 1;
            } else {
                let end = line[i..]
                    .iter()
                    .position(|&b| b == b',')
                    .map_or(line.len(), |p| i + p);
                args.push(String::from_utf8_lossy(&line[i..end]).trim().to_string());
                i = end + 1;
            }
        }
        commands.push(Tspl { name, args });
    }
    commands
}

#[test]
fn tspl_draws_each_label_in_dots_of_the_printer() {
    let labels: Vec<Label> = (0..3).map(label).collect();
    for size in THERMAL {
        for (dpi, dots_per_mm) in [(203, 8.0_f32), (300, 300.0 / 25.4)] {
            let program =
                render_tspl(&labels, size, dpi).unwrap_or_else(|e| panic!("{size} {dpi}: {e}"));
            let commands = parse_tspl(&program);
            let (w, h) = size.page_mm();
            assert_eq!(commands[0].name, "SIZE");
            assert_eq!(
                commands[0].args,
                [format!("{w} mm"), format!("{h} mm")],
                "{size}"
            );
            let count = |name: &str| commands.iter().filter(|c| c.name == name).count();
            assert_eq!(count("CLS"), 3);
            assert_eq!(count("PRINT"), 3);
            assert_eq!(count("BARCODE"), 3);
            assert_eq!(count("QRCODE"), 3);
            assert_eq!(count("BOX"), 3);
            assert!(count("BAR") >= 3 * 4);
            let (max_x, max_y) = (w * dots_per_mm, h * dots_per_mm);
            for c in &commands {
                let known = [
                    "SIZE",
                    "GAP",
                    "DIRECTION",
                    "REFERENCE",
                    "CLS",
                    "TEXT",
                    "BAR",
                    "BOX",
                    "BARCODE",
                    "QRCODE",
                    "PRINT",
                ];
                assert!(known.contains(&c.name.as_str()), "{c:?}");
                if ["TEXT", "BAR", "BOX", "BARCODE", "QRCODE"].contains(&c.name.as_str()) {
                    let x: f32 = c.args[0].parse().unwrap_or(-1.0);
                    let y: f32 = c.args[1].parse().unwrap_or(-1.0);
                    assert!(
                        (0.0..max_x).contains(&x) && (0.0..max_y).contains(&y),
                        "{c:?}"
                    );
                }
                if c.name == "TEXT" {
                    assert_eq!(c.args[2], "TSS24.BF2");
                }
            }
            let texts: Vec<&str> = commands
                .iter()
                .filter(|c| c.name == "TEXT")
                .map(|c| c.args[6].as_str())
                .collect();
            let all = texts.join(" ");
            for l in &labels {
                for expected in [
                    &l.recipient.name,
                    &l.recipient.phone,
                    &l.recipient.address(),
                    &l.waybill,
                ] {
                    assert!(has(&all, expected), "{size} {dpi}: {expected}");
                }
            }
            let barcodes: Vec<&str> = commands
                .iter()
                .filter(|c| c.name == "BARCODE")
                .map(|c| c.args[8].as_str())
                .collect();
            assert_eq!(
                barcodes,
                labels
                    .iter()
                    .map(|l| l.waybill.as_str())
                    .collect::<Vec<_>>()
            );
            assert!(commands
                .iter()
                .filter(|c| c.name == "BARCODE")
                .all(|c| c.args[2] == "128"));
        }
    }
}

/// Text that would break the program if sent as is: quotes end TSPL strings, carets and
/// tildes start ZPL commands, a line break ends a TSPL command.
fn hostile() -> Label {
    let mut l = label(0);
    l.recipient.name = "王\"小明\"".into();
    l.recipient.street = "文三路 1 号\n^XZ~JR\"PRINT 99\"\\[\"] 2_楼".into();
    l.note = "放门口 \"快\" ^FS ~DG".into();
    l
}

#[test]
fn tspl_escapes_quotes_and_line_breaks_so_no_text_ends_its_command() {
    let l = hostile();
    let program = render_tspl(std::slice::from_ref(&l), LabelSize::Mm100x150, 203)
        .unwrap_or_else(|e| panic!("{e}"));
    let commands = parse_tspl(&program);
    // Exactly one label is printed, whatever the text says.
    assert_eq!(commands.iter().filter(|c| c.name == "PRINT").count(), 1);
    assert_eq!(commands.last().map(|c| c.name.as_str()), Some("PRINT"));
    let texts: Vec<&str> = commands
        .iter()
        .filter(|c| c.name == "TEXT")
        .map(|c| c.args[6].as_str())
        .collect();
    for c in commands.iter().filter(|c| c.name == "TEXT") {
        assert_eq!(c.args.len(), 7, "{c:?}");
    }
    let all = texts.join("");
    assert!(has(&all, "王\"小明\""), "{all}");
    // The line break prints as a space; the backslash as a full-width one, so that it can
    // never begin an escape.
    assert!(
        has(&all, "文三路 1 号 ^XZ~JR\"PRINT 99\"＼[\"] 2_楼"),
        "{all}"
    );
    assert!(has(&all, "放门口 \"快\" ^FS ~DG"), "{all}");

    let mut bell = label(0);
    bell.note = "请放门卫\u{7}".into();
    assert_eq!(
        render_tspl(&[bell], LabelSize::Mm100x150, 203)
            .err()
            .map(|e| e.innermost().clone()),
        Some(DocumentError::ControlCharacter {
            field: "note",
            ch: '\u{7}'
        })
    );
}

// ---- ZPL ----

/// A ZPL program as commands ("^FO" + its parameters); field data is the text after "^FD"
/// up to the next caret, with `^FH` hex escapes decoded.
fn parse_zpl(program: &str) -> Vec<(String, String)> {
    assert!(!program.contains('~'), "no control commands: {program}");
    program
        .split('^')
        .skip(1)
        .map(|cmd| {
            let cmd = cmd.trim_end_matches('\n');
            let name = if cmd.starts_with("A@") {
                "A@".to_string()
            } else {
                cmd.chars().take(2).collect()
            };
            let rest = cmd[name.len()..].to_string();
            (name, rest)
        })
        .collect()
}

fn unhex(data: &str) -> String {
    let bytes = data.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'_' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
            out.push(u8::from_str_radix(hex, 16).unwrap_or_else(|e| panic!("_{hex}: {e}")));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn zpl_draws_each_label_in_dots_of_the_printer() {
    let labels: Vec<Label> = (0..3).map(label).collect();
    for size in THERMAL {
        for (dpi, dots_per_mm) in [(203, 8.0_f32), (300, 300.0 / 25.4)] {
            let program = render_zpl(&labels, size, dpi).unwrap_or_else(|e| panic!("{e}"));
            let commands = parse_zpl(&program);
            let count = |name: &str| commands.iter().filter(|c| c.0 == name).count();
            assert_eq!(count("XA"), 3);
            assert_eq!(count("XZ"), 3);
            assert_eq!(count("CI"), 3);
            assert!(commands.iter().filter(|c| c.0 == "CI").all(|c| c.1 == "28"));
            assert_eq!(count("BC"), 3);
            assert_eq!(count("BQ"), 3);
            assert_eq!(count("FO"), count("FS"), "every field is closed");
            let (w, _) = size.page_mm();
            let pw = commands
                .iter()
                .find(|c| c.0 == "PW")
                .map(|c| c.1.parse::<f32>().unwrap_or(0.0))
                .unwrap_or(0.0);
            assert!((pw - w * dots_per_mm).abs() <= 1.0, "{size} {dpi}: ^PW{pw}");
            for c in &commands {
                let known = [
                    "XA", "CI", "PW", "LL", "LH", "FO", "A@", "FH", "FD", "FS", "GB", "BY", "BC",
                    "BQ", "PQ", "XZ",
                ];
                assert!(known.contains(&c.0.as_str()), "{c:?}");
            }
            let data: String = commands
                .iter()
                .filter(|c| c.0 == "FD")
                .map(|c| unhex(&c.1))
                .collect::<Vec<_>>()
                .join(" ");
            for l in &labels {
                for expected in [
                    &l.recipient.name,
                    &l.recipient.phone,
                    &l.recipient.address(),
                    &l.waybill,
                ] {
                    assert!(has(&data, expected), "{size} {dpi}: {expected}");
                }
                assert!(data.contains(&format!("MA,{}", l.order_ref)));
            }
        }
    }
}

#[test]
fn zpl_escapes_carets_tildes_and_underscores_so_no_text_ends_its_field() {
    let l = hostile();
    let program = render_zpl(std::slice::from_ref(&l), LabelSize::Mm100x150, 203)
        .unwrap_or_else(|e| panic!("{e}"));
    let commands = parse_zpl(&program);
    // One label, and every field is opened by ^FD and closed by ^FS right after it.
    assert_eq!(commands.iter().filter(|c| c.0 == "XZ").count(), 1);
    for pair in commands.windows(2) {
        if pair[0].0 == "FD" {
            assert_eq!(pair[1].0, "FS", "{pair:?}");
        }
    }
    let data: String = commands
        .iter()
        .filter(|c| c.0 == "FD")
        .map(|c| unhex(&c.1))
        .collect();
    assert!(has(&data, "王\"小明\""), "{data}");
    assert!(
        has(&data, "文三路 1 号 ^XZ~JR\"PRINT 99\"\\[\"] 2_楼"),
        "{data}"
    );
    assert!(has(&data, "放门口 \"快\" ^FS ~DG"), "{data}");
    assert!(program.contains("_5EXZ_7EJR"));
}

#[test]
fn thermal_programs_refuse_a4_and_unknown_resolutions() {
    let labels = [label(0)];
    for result in [
        render_tspl(&labels, LabelSize::A4, 203).map(|_| ()),
        render_zpl(&labels, LabelSize::A4, 203).map(|_| ()),
    ] {
        let err = result.err().unwrap_or_else(|| panic!("A4 accepted"));
        assert!(matches!(err, DocumentError::UnsupportedSize { .. }));
        assert!(err.to_string().contains("PDF"), "{err}");
    }
    assert_eq!(
        render_tspl(&labels, LabelSize::Mm100x150, 72).err(),
        Some(DocumentError::UnsupportedDpi { dpi: 72 })
    );
}

// ---- packing slip ----

/// A slip whose products each fit on one line of the product column, so that pdftotext,
/// which reads a table column by column, gives each back whole.
fn slip(lines: usize) -> PackingSlip {
    let products = ["猕猴桃 特级 5斤装", "冰袋", "手工辣椒油 250 g"];
    PackingSlip {
        shop_name: "修文山里人家猕猴桃".into(),
        order_ref: "FS-20261128-0042".into(),
        recipient_name: "王小明".into(),
        date: "2026-11-28".into(),
        lines: (0..lines)
            .map(|i| PackingSlipLine {
                product: format!("{} #{}", products[i % products.len()], i + 1),
                quantity: format!("{} 箱", i + 1),
                lots: format!("批次 2026-11-{:02} 王德贵", 1 + i % 28),
            })
            .collect(),
        note: "买家备注：送人的，不要放价格单。".into(),
    }
}

#[test]
fn packing_slip_lists_every_line_with_its_lots() {
    let dir = temp();
    let s = slip(3);
    let path = write(
        dir.path(),
        "slip.pdf",
        &render_packing_slip(&s).unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(pages(&path), 1);
    let (w, h) = page_size(&path);
    assert!(
        (w - 283.46).abs() < 0.5 && (h - 425.2).abs() < 0.5,
        "{w} x {h}"
    );
    let text = page_text(&path, 1);
    for expected in [
        &s.shop_name,
        &s.order_ref,
        &s.recipient_name,
        &s.date,
        &s.note,
    ] {
        assert!(has(&text, expected), "{expected} not in:\n{text}");
    }
    for line in &s.lines {
        for expected in [&line.product, &line.quantity, &line.lots] {
            assert!(has(&text, expected), "{expected} not in:\n{text}");
        }
    }
    assert_eq!(
        qr_codes(&raster(&path, 1, 300)),
        std::slice::from_ref(&s.order_ref)
    );
}

#[test]
fn a_long_packing_slip_goes_on_over_more_pages() {
    let dir = temp();
    let s = slip(30);
    let path = write(
        dir.path(),
        "slip.pdf",
        &render_packing_slip(&s).unwrap_or_else(|e| panic!("{e}")),
    );
    let n = pages(&path);
    assert!(n >= 3, "{n} pages");
    let all: String = (1..=n).map(|p| page_text(&path, p)).collect();
    for line in &s.lines {
        assert!(has(&all, &line.product), "{} lost", line.product);
    }
    assert!(has(&page_text(&path, 2), "装箱单（续）"));
    assert!(has(&page_text(&path, n), &format!("第 {n} / {n} 页")));
    assert!(has(&page_text(&path, n), &s.note));

    let mut bad = slip(1);
    bad.lines[0].product = "猕猴桃🥝".into();
    assert!(matches!(
        render_packing_slip(&bad),
        Err(DocumentError::MissingGlyph { ch: '🥝', .. })
    ));
}

#[test]
fn several_packing_slips_each_start_on_their_own_page() {
    let dir = temp();
    let first = slip(2);
    let second = PackingSlip {
        order_ref: "FS-20261128-0043".into(),
        recipient_name: "欧阳晓燕".into(),
        ..slip(1)
    };
    let path = write(
        dir.path(),
        "slips.pdf",
        &farmstall_documents::render_packing_slips(&[first, second])
            .unwrap_or_else(|e| panic!("{e}")),
    );
    assert_eq!(pages(&path), 2);
    assert!(has(&page_text(&path, 1), "王小明") && has(&page_text(&path, 1), "0042"));
    assert!(has(&page_text(&path, 2), "欧阳晓燕") && has(&page_text(&path, 2), "0043"));
    assert!(
        farmstall_documents::render_packing_slips(&[]).is_err(),
        "no slips, no PDF"
    );
}
