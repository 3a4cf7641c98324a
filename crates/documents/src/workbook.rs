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
}

/// One sheet: a title row of headings, the rows, and a totals row in bold when there is one.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// At most 31 characters; none of `[]:*?/\`.
    pub name: String,
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

/// The workbook as XLSX bytes.
pub fn render_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, DocumentError> {
    let mut book = Workbook::new();
    let heading = Format::new().set_bold().set_align(FormatAlign::Center);
    let yuan = Format::new().set_num_format("#,##0.00");
    let bold_text = Format::new().set_bold();
    let bold_yuan = Format::new().set_bold().set_num_format("#,##0.00");
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).map_err(xlsx)?;
        for (col, title) in sheet.headings.iter().enumerate() {
            let col = column(col)?;
            ws.write_string_with_format(0, col, title, &heading)
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
                .map_err(|_| DocumentError::Spreadsheet("too many rows".into()))?;
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
                }
                .map_err(xlsx)?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(xlsx)?;
    }
    book.save_to_buffer().map_err(xlsx)
}
