//! Every fixed word printed on a statement, in Chinese and English.
//!
//! The application passes data already in the statement's language; only the document's
//! own headings live here, so that one table shows everything a translator has to check.

use crate::Language;

/// The headings of a farmer statement in one language.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Labels {
    pub(crate) title: &'static str,
    pub(crate) continued: &'static str,
    pub(crate) farmer: &'static str,
    pub(crate) village: &'static str,
    pub(crate) phone: &'static str,
    pub(crate) address: &'static str,
    pub(crate) period: &'static str,
    pub(crate) period_to: &'static str,
    pub(crate) opening_balance: &'static str,
    pub(crate) amounts_in: &'static str,
    pub(crate) date: &'static str,
    pub(crate) description: &'static str,
    pub(crate) purchased: &'static str,
    pub(crate) paid: &'static str,
    pub(crate) balance: &'static str,
    pub(crate) totals: &'static str,
    pub(crate) closing_balance: &'static str,
    pub(crate) farmer_signature: &'static str,
    pub(crate) shop_signature: &'static str,
    pub(crate) signed_on: &'static str,
    pub(crate) no_lines: &'static str,
    /// Separates the parts of one line of small print (phone · address).
    pub(crate) separator: &'static str,
    language: Language,
}

const ZH: Labels = Labels {
    title: "对账单",
    continued: "（续）",
    farmer: "农户",
    village: "村",
    phone: "电话",
    address: "地址",
    period: "期间",
    period_to: "至",
    opening_balance: "期初欠款",
    amounts_in: "金额单位：元",
    date: "日期",
    description: "摘要",
    purchased: "进货金额",
    paid: "付款金额",
    balance: "欠款余额",
    totals: "合计",
    closing_balance: "期末欠款",
    farmer_signature: "农户签字：",
    shop_signature: "店主签字：",
    signed_on: "日期：",
    no_lines: "本期没有往来",
    separator: "　",
    language: Language::Zh,
};

const EN: Labels = Labels {
    title: "Statement",
    continued: "(continued)",
    farmer: "Farmer",
    village: "Village",
    phone: "Phone",
    address: "Address",
    period: "Period",
    period_to: "to",
    opening_balance: "Opening balance owed",
    amounts_in: "Amounts in yuan (CNY)",
    date: "Date",
    description: "Description",
    purchased: "Purchased",
    paid: "Paid",
    balance: "Balance owed",
    totals: "Totals",
    closing_balance: "Closing balance owed",
    farmer_signature: "Farmer's signature:",
    shop_signature: "Shop's signature:",
    signed_on: "Date:",
    no_lines: "No purchases or payments in this period",
    separator: "  ·  ",
    language: Language::En,
};

impl Labels {
    pub(crate) fn for_language(language: &Language) -> &'static Labels {
        match language {
            Language::Zh => &ZH,
            Language::En => &EN,
        }
    }

    /// "第 1 / 2 页": page numbers count the pages of one farmer's statement.
    pub(crate) fn page_of(&self, page: usize, pages: usize) -> String {
        match self.language {
            Language::Zh => format!("第 {page} / {pages} 页"),
            Language::En => format!("Page {page} / {pages}"),
        }
    }

    pub(crate) fn printed_at(&self, at: &str) -> String {
        match self.language {
            Language::Zh => format!("打印于 {at}"),
            Language::En => format!("Printed {at}"),
        }
    }

    /// Every fixed string this table can print, so they can all be checked against the font.
    pub(crate) fn all(&self) -> Vec<String> {
        let mut all: Vec<String> = [
            self.title,
            self.continued,
            self.farmer,
            self.village,
            self.phone,
            self.address,
            self.period,
            self.period_to,
            self.opening_balance,
            self.amounts_in,
            self.date,
            self.description,
            self.purchased,
            self.paid,
            self.balance,
            self.totals,
            self.closing_balance,
            self.farmer_signature,
            self.shop_signature,
            self.signed_on,
            self.no_lines,
            self.separator,
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        all.push(self.page_of(1234567890, 1234567890));
        all.push(self.printed_at("2026-11-28 17:30"));
        all
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A heading the font cannot draw would make every statement in that language fail.
    #[test]
    fn every_label_is_in_the_font() {
        let font = crate::font::fonts().unwrap_or_else(|e| panic!("{e}"));
        for labels in [&ZH, &EN] {
            for text in labels.all() {
                if let Err(e) = font.check(&text) {
                    panic!("{e}");
                }
            }
        }
    }
}
