//! Couriers common in China, with the codes used at the marketplace.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A courier company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Courier {
    /// 顺丰速运 SF Express
    #[serde(rename = "SF")]
    Sf,
    /// 中通快递 ZTO
    #[serde(rename = "ZTO")]
    Zto,
    /// 圆通速递 YTO
    #[serde(rename = "YTO")]
    Yto,
    /// 申通快递 STO
    #[serde(rename = "STO")]
    Sto,
    /// 韵达快递 Yunda
    #[serde(rename = "YUNDA")]
    Yunda,
    /// 京东物流 JD Logistics
    #[serde(rename = "JD")]
    Jd,
    /// 中国邮政 EMS
    #[serde(rename = "EMS")]
    Ems,
}

impl Courier {
    pub const ALL: [Courier; 7] = [
        Courier::Sf,
        Courier::Zto,
        Courier::Yto,
        Courier::Sto,
        Courier::Yunda,
        Courier::Jd,
        Courier::Ems,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Courier::Sf => "SF",
            Courier::Zto => "ZTO",
            Courier::Yto => "YTO",
            Courier::Sto => "STO",
            Courier::Yunda => "YUNDA",
            Courier::Jd => "JD",
            Courier::Ems => "EMS",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Courier::Sf => "顺丰",
            Courier::Zto => "中通",
            Courier::Yto => "圆通",
            Courier::Sto => "申通",
            Courier::Yunda => "韵达",
            Courier::Jd => "京东",
            Courier::Ems => "EMS",
        }
    }

    /// From a code (any case) or the Chinese short name.
    pub fn parse(text: &str) -> Option<Courier> {
        let text = text.trim();
        Courier::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(text) || c.name_zh() == text)
    }
}

impl fmt::Display for Courier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_chinese_names() {
        assert_eq!(Courier::parse("sf"), Some(Courier::Sf));
        assert_eq!(Courier::parse("韵达"), Some(Courier::Yunda));
        assert_eq!(Courier::parse("DHL"), None);
        for c in Courier::ALL {
            assert_eq!(Courier::parse(c.code()), Some(c));
        }
    }
}
