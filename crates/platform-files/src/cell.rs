//! Reading one cell: the text quirks of the exports (`="..."`, tab and quote prefixes), amounts,
//! quantities, dates, addresses and masked or encrypted recipient fields. Each reader notes a
//! [`RowProblem`] on the row it reads rather than failing the file.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use farmstall_domain::validate::{MAX_QUANTITY, MAX_YUAN};
use rust_decimal::Decimal;

use crate::table::{Row, Table};
use crate::{FileRecipient, RowProblem};

/// A cell as text: `="123"` unwrapped, a leading tab or `'` removed, trimmed.
pub(crate) fn clean(cell: &str) -> String {
    let mut s = cell.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if let Some(inner) = s.strip_prefix("=\"").and_then(|r| r.strip_suffix('"')) {
        s = inner;
    }
    s = s.trim_start_matches(['\t', '\'', '`']);
    s.trim().to_string()
}

/// Reads the cells of one row, collecting what cannot be read.
pub(crate) struct RowReader<'a> {
    pub table: &'a Table,
    pub row: &'a Row,
    pub order_id: Option<String>,
    pub problems: Vec<RowProblem>,
}

impl<'a> RowReader<'a> {
    pub fn new(table: &'a Table, row: &'a Row) -> RowReader<'a> {
        RowReader {
            table,
            row,
            order_id: None,
            problems: Vec::new(),
        }
    }

    pub fn problem(&mut self, col: usize, code: &'static str, detail: String) {
        self.problems.push(RowProblem {
            file: self.table.file.clone(),
            row: self.row.line,
            column: self.header(col),
            order_id: self.order_id.clone(),
            code,
            detail,
        });
    }

    fn raw(&self, col: usize) -> &str {
        self.row.cells.get(col).map(String::as_str).unwrap_or("")
    }

    pub fn header(&self, col: usize) -> String {
        self.table
            .shown_headers
            .get(col)
            .cloned()
            .unwrap_or_default()
    }

    /// Cleaned text; "" when the column is absent.
    pub fn text(&self, col: Option<usize>) -> String {
        col.map(|c| clean(self.raw(c))).unwrap_or_default()
    }

    /// The order id: cleaned; one Excel turned into a number (`3.12345E+18`) is refused, its
    /// digits are gone.
    pub fn order_id(&mut self, col: usize) -> Option<String> {
        let id = clean(self.raw(col));
        if id.is_empty() {
            self.problem(
                col,
                "missing",
                "the order number is empty; this row is left out.".into(),
            );
            return None;
        }
        let lost = id.contains(['E', 'e']) && id.contains('+') || id.contains('.');
        if lost {
            self.problem(
                col,
                "id_precision_lost",
                format!(
                    "the order number reads \"{id}\": the file was opened and saved in Excel, which cut the \
                     number's digits. Export the orders again and import that file without opening it in Excel."
                ),
            );
            return None;
        }
        Some(id)
    }

    /// A yuan amount; an empty optional cell is zero.
    pub fn amount(&mut self, col: Option<usize>, required: bool) -> Option<Decimal> {
        let Some(c) = col else {
            return Some(Decimal::ZERO);
        };
        let text = clean(self.raw(c));
        let text = farmstall_domain::money::strip_yuan(&text);
        if text.is_empty() || text == "-" {
            if required {
                let h = self.header(c);
                self.problem(c, "missing", format!("\"{h}\" is empty."));
                return None;
            }
            return Some(Decimal::ZERO);
        }
        let Some(value) = farmstall_domain::number::parse(text) else {
            let h = self.header(c);
            self.problem(
                c,
                "not_a_number",
                format!("\"{h}\" reads \"{text}\", which is not an amount."),
            );
            return None;
        };
        if value.is_sign_negative() && !value.is_zero() {
            let h = self.header(c);
            self.problem(c, "negative", format!("\"{h}\" is {value}, below zero."));
            return None;
        }
        // The one checked conversion to fen: its bound and its two decimals, its rule codes.
        if let Err(e) = farmstall_domain::validate::fen(&self.header(c), value, MAX_YUAN) {
            self.problem(c, e.rule.code(), format!("{}.", e.message));
            return None;
        }
        Some(value)
    }

    /// An amount from a column that may be absent; None when absent or empty.
    pub fn amount_opt(&mut self, col: Option<usize>) -> Option<Option<Decimal>> {
        match col {
            Some(c) if !clean(self.raw(c)).is_empty() => self.amount(Some(c), true).map(Some),
            _ => Some(None),
        }
    }

    /// A count of pieces: more than zero, at most [`MAX_QUANTITY`].
    pub fn quantity(&mut self, col: usize) -> Option<Decimal> {
        let text = clean(self.raw(col));
        let h = self.header(col);
        if text.is_empty() {
            self.problem(col, "missing", format!("\"{h}\" is empty."));
            return None;
        }
        let Some(value) = farmstall_domain::number::parse(&text) else {
            self.problem(
                col,
                "not_a_number",
                format!("\"{h}\" reads \"{text}\", which is not a quantity."),
            );
            return None;
        };
        if value <= Decimal::ZERO {
            self.problem(
                col,
                "must_be_positive",
                format!("\"{h}\" is {value}; a line has at least one piece."),
            );
            return None;
        }
        // The one checked conversion to thousandths: its bound and its decimals.
        if let Err(e) = farmstall_domain::validate::milli(&h, value, MAX_QUANTITY) {
            self.problem(col, e.rule.code(), format!("{}.", e.message));
            return None;
        }
        Some(value)
    }

    /// A date and time; Some(None) when the cell is empty and not required.
    pub fn date(&mut self, col: Option<usize>, required: bool) -> Option<Option<NaiveDateTime>> {
        let Some(c) = col else {
            return Some(None);
        };
        let text = clean(self.raw(c));
        let h = self.header(c);
        if is_no_date(&text) {
            if required {
                self.problem(c, "missing", format!("\"{h}\" is empty."));
                return None;
            }
            return Some(None);
        }
        match parse_date(&text, self.table.xlsx) {
            Some(d) => Some(Some(d)),
            None => {
                self.problem(
                    c,
                    "bad_date",
                    format!(
                        "\"{h}\" reads \"{text}\", which is not a date between 2000 and 2099 \
                         (like 2026-11-28 10:31:05)."
                    ),
                );
                None
            }
        }
    }
}

fn is_no_date(text: &str) -> bool {
    matches!(
        text,
        "" | "-" | "--" | "null" | "NULL" | "0000-00-00 00:00:00"
    )
}

/// "2026-11-28 10:31:05", "2026/11/28 10:31", "2026-11-28", and in an XLSX an Excel serial
/// number; the year 2000–2099.
pub(crate) fn parse_date(text: &str, xlsx: bool) -> Option<NaiveDateTime> {
    let text = text.trim();
    let normal = text.replace('/', "-").replace('T', " ");
    let parsed = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&normal, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(&normal, "%Y-%m-%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN))
        })
        .or_else(|| if xlsx { excel_serial(text) } else { None })?;
    let year = chrono::Datelike::year(&parsed);
    (2000..=2099).contains(&year).then_some(parsed)
}

/// Excel's day count from 1899-12-30 (its 1900 leap-year bug is before 2000, so irrelevant).
fn excel_serial(text: &str) -> Option<NaiveDateTime> {
    let value: f64 = text.parse().ok()?;
    // 2000-01-01 .. 2100-01-01
    if !(36526.0..73051.0).contains(&value) {
        return None;
    }
    let days = value.trunc() as i64;
    let seconds = ((value - value.trunc()) * 86_400.0).round() as i64;
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?.and_time(NaiveTime::MIN);
    base.checked_add_signed(Duration::days(days))?
        .checked_add_signed(Duration::seconds(seconds))
}

/// Masked (`*`) or ciphertext (`##...`, `$$...`, a long base64-like string).
pub(crate) fn is_hidden(text: &str) -> bool {
    let t = text.trim();
    if t.contains('*') || t.contains("##") || t.contains("$$") || t.starts_with('~') {
        return true;
    }
    t.len() >= 24
        && t.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=' | '_' | '-' | '#' | '$')
        })
        && t.chars().any(|c| c.is_ascii_alphabetic())
        && t.chars().any(|c| c.is_ascii_digit())
}

/// "省 市 区 street(邮编)": split on the first three spaces; a trailing "(123456)" or
/// "（123456）" is the postcode; fewer parts: province, city, rest.
pub(crate) fn split_address(text: &str) -> (String, String, String, String, String) {
    let mut text = text.trim().to_string();
    let mut postcode = String::new();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if text.ends_with(close) {
            if let Some(start) = text.rfind(open) {
                let inner = &text[start + open.len_utf8()..text.len() - close.len_utf8()];
                let inner = inner.trim();
                if inner.len() == 6 && inner.bytes().all(|b| b.is_ascii_digit()) {
                    postcode = inner.to_string();
                    text = text[..start].trim_end().to_string();
                } else if inner == "000000" || inner.is_empty() {
                    text = text[..start].trim_end().to_string();
                }
            }
        }
    }
    let parts: Vec<&str> = text
        .split([' ', '\u{3000}'])
        .filter(|p| !p.is_empty())
        .collect();
    let (province, city, district, street) = match parts.len() {
        0 => (String::new(), String::new(), String::new(), String::new()),
        1 => (
            String::new(),
            String::new(),
            String::new(),
            parts[0].to_string(),
        ),
        2 => (
            parts[0].to_string(),
            parts[1].to_string(),
            String::new(),
            String::new(),
        ),
        3 => {
            let third = parts[2];
            let is_district = third.chars().count() <= 8
                && ["区", "县", "市", "旗"].iter().any(|s| third.ends_with(s));
            if is_district {
                (
                    parts[0].into(),
                    parts[1].into(),
                    third.into(),
                    String::new(),
                )
            } else {
                (
                    parts[0].into(),
                    parts[1].into(),
                    String::new(),
                    third.into(),
                )
            }
        }
        _ => (
            parts[0].to_string(),
            parts[1].to_string(),
            parts[2].to_string(),
            parts[3..].join(" "),
        ),
    };
    (province, city, district, street, postcode)
}

/// A recipient from name, phone and one address cell.
pub(crate) fn recipient(name: String, phone: String, address: &str) -> FileRecipient {
    let (province, city, district, street, postcode) = split_address(address);
    let masked = is_hidden(&name) || is_hidden(&phone) || is_hidden(&street);
    FileRecipient {
        name,
        phone,
        province,
        city,
        district,
        street,
        postcode,
        masked,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_lose_their_excel_armour() {
        assert_eq!(clean("=\"3123456789012345678\""), "3123456789012345678");
        assert_eq!(clean("\t4001234567"), "4001234567");
        assert_eq!(clean("'13800001111"), "13800001111");
        assert_eq!(clean("  交易成功 "), "交易成功");
    }

    #[test]
    fn dates_in_the_shapes_the_exports_use() {
        let d = |s| parse_date(s, false).map(|d| d.to_string());
        assert_eq!(
            d("2026-11-28 10:31:05").as_deref(),
            Some("2026-11-28 10:31:05")
        );
        assert_eq!(
            d("2026/11/28 10:31").as_deref(),
            Some("2026-11-28 10:31:00")
        );
        assert_eq!(d("2026-11-28").as_deref(), Some("2026-11-28 00:00:00"));
        assert_eq!(d("2026/1/5 9:03").as_deref(), Some("2026-01-05 09:03:00"));
        assert_eq!(d("1999-12-31 10:00:00"), None);
        assert_eq!(d("2100-01-01"), None);
        assert_eq!(d("46353.5"), None, "a serial number only in an XLSX");
        assert_eq!(
            parse_date("46353.5", true)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-11-27 12:00:00")
        );
    }

    #[test]
    fn addresses_split_on_the_first_three_spaces() {
        assert_eq!(
            split_address("浙江省 杭州市 西湖区 文三路 100号 3幢(310012)"),
            (
                "浙江省".into(),
                "杭州市".into(),
                "西湖区".into(),
                "文三路 100号 3幢".into(),
                "310012".into()
            )
        );
        assert_eq!(
            split_address("上海 上海市 浦东新区 张江路1号（201203）").4,
            "201203"
        );
        assert_eq!(
            split_address("江苏省 南京市 建邺区"),
            (
                "江苏省".into(),
                "南京市".into(),
                "建邺区".into(),
                "".into(),
                "".into()
            )
        );
        assert_eq!(split_address("贵州省 贵阳市").1, "贵阳市");
    }

    #[test]
    fn masked_and_encrypted_fields_are_recognised() {
        assert!(is_hidden("138****1234"));
        assert!(is_hidden("王*"));
        assert!(is_hidden("##A1b2C3d4E5f6G7h8I9j0KLMN=="));
        assert!(is_hidden("$$x9Fk2LmQ8pZr3Tt5Yw1Vb7Nc4=="));
        assert!(is_hidden("AbCdEfGh1234567890IjKlMnOpQr"));
        assert!(!is_hidden("13800001111"));
        assert!(!is_hidden("张三"));
        assert!(!is_hidden("文三路100号"));
    }
}
