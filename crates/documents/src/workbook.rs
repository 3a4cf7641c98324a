//! Spreadsheets (XLSX) of tables: headings, rows, an optional totals row. Money is written as a
//! number with two decimals so a spreadsheet program can add it up; text as text.

use rust_xlsxwriter::{Format, FormatAlign, Workbook, XlsxError};

use crate::DocumentError;

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// Yuan, already exact to the fen ("1234.50"); written as a number shown with two decimals.
    Money(String),
    /// A count (months, days).
    Count(u32),
    /// A percentage as text ("25.3" for 25.3 %); written as a fraction shown as a percentage,
    /// empty text as an empty cell.
    Percent(String),
    /// A quantity as text ("12.5"); written as a number, empty text as an empty cell.
    Number(String),
}

/// One sheet: an optional title line (what the table is, for which days), a row of headings, the
/// rows, and a totals row in bold when there is one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// At most 31 characters; none of `[]:*?/\`.
    pub name: String,
    /// Above the headings, in bold: "销售报表（按月）2026-01-01 至 2026-12-31".
    pub title: Option<String>,
    pub headings: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub totals: Option<Vec<Cell>>,
}

fn xlsx(e: XlsxError) -> DocumentError {
    DocumentError::Spreadsheet(e.to_string())
}

fn column(i: usize) -> Result<u16, DocumentError> {
    u16::try_from(i).map_err(|_| DocumentError::Spreadsheet("too many columns".into()))
}

fn money(text: &str) -> Result<f64, DocumentError> {
    text.parse::<f64>()
        .map_err(|_| DocumentError::Spreadsheet(format!("{text:?} is not an amount of yuan")))
}

fn number(text: &str) -> Result<f64, DocumentError> {
    text.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| DocumentError::Spreadsheet(format!("{text:?} is not a number")))
}

/// The workbook as XLSX bytes.
pub fn render_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, DocumentError> {
    let mut book = Workbook::new();
    let heading = Format::new().set_bold().set_align(FormatAlign::Center);
    let yuan = Format::new().set_num_format("#,##0.00");
    let bold_text = Format::new().set_bold();
    let bold_yuan = Format::new().set_bold().set_num_format("#,##0.00");
    let percent = Format::new().set_num_format("0.0%");
    let bold_percent = Format::new().set_bold().set_num_format("0.0%");
    let title_format = Format::new().set_bold().set_font_size(13);
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).map_err(xlsx)?;
        // The title, when there is one, takes the first row; the headings come under it.
        let top = u32::from(sheet.title.is_some());
        if let Some(title) = &sheet.title {
            ws.write_string_with_format(0, 0, title, &title_format)
                .map_err(xlsx)?;
        }
        for (col, title) in sheet.headings.iter().enumerate() {
            let col = column(col)?;
            ws.write_string_with_format(top, col, title, &heading)
                .map_err(xlsx)?;
            // Wide enough for the heading (Chinese characters count double) and for ¥ 99,999.00.
            let width = title
                .chars()
                .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
                .sum::<f64>();
            ws.set_column_width(col, (width + 2.0).max(12.0))
                .map_err(xlsx)?;
        }
        let totals = sheet.totals.iter().map(|t| (t, true));
        let rows = sheet.rows.iter().map(|r| (r, false)).chain(totals);
        for (i, (cells, bold)) in rows.enumerate() {
            let row = u32::try_from(i + 1)
                .ok()
                .and_then(|r| r.checked_add(top))
                .ok_or_else(|| DocumentError::Spreadsheet("too many rows".into()))?;
            for (col, cell) in cells.iter().enumerate() {
                let col = column(col)?;
                match (cell, bold) {
                    (Cell::Text(t), false) => ws.write_string(row, col, t),
                    (Cell::Text(t), true) => ws.write_string_with_format(row, col, t, &bold_text),
                    (Cell::Money(m), false) => {
                        ws.write_number_with_format(row, col, money(m)?, &yuan)
                    }
                    (Cell::Money(m), true) => {
                        ws.write_number_with_format(row, col, money(m)?, &bold_yuan)
                    }
                    (Cell::Count(n), false) => ws.write_number(row, col, f64::from(*n)),
                    (Cell::Count(n), true) => {
                        ws.write_number_with_format(row, col, f64::from(*n), &bold_text)
                    }
                    (Cell::Percent(t) | Cell::Number(t), _) if t.trim().is_empty() => continue,
                    (Cell::Percent(p), bold) => ws.write_number_with_format(
                        row,
                        col,
                        number(p)? / 100.0,
                        if bold { &bold_percent } else { &percent },
                    ),
                    (Cell::Number(n), false) => ws.write_number(row, col, number(n)?),
                    (Cell::Number(n), true) => {
                        ws.write_number_with_format(row, col, number(n)?, &bold_text)
                    }
                }
                .map_err(xlsx)?;
            }
        }
        ws.set_freeze_panes(top + 1, 0).map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}
