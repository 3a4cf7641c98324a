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

/// Why a waybill number cannot be one of a courier's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{courier} waybill numbers look like {example}")]
pub struct BadWaybill {
    pub courier: &'static str,
    pub example: &'static str,
}

impl Courier {
    /// Checks a waybill number against the courier's format and returns it normalised (spaces
    /// and dashes removed, letters upper case). The formats are deliberately loose (couriers add
    /// series now and then) but catch what a slip of the finger or a wrong courier produces.
    pub fn check_waybill(self, text: &str) -> Result<String, BadWaybill> {
        let w: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_uppercase)
            .collect();
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
        let (ok, example) = match self {
            // SF: 12 digits, or "SF" + 13 digits.
            Courier::Sf => (
                (w.len() == 12 && digits(&w))
                    || (w.len() == 15 && w.starts_with("SF") && digits(&w[2..])),
                "SF1234567890123",
            ),
            // ZTO: 12 to 15 digits.
            Courier::Zto => ((12..=15).contains(&w.len()) && digits(&w), "75123456789012"),
            // YTO: "YT" + 13 digits (older series: 10 to 12 digits).
            Courier::Yto => (
                (w.len() == 15 && w.starts_with("YT") && digits(&w[2..]))
                    || ((10..=12).contains(&w.len()) && digits(&w)),
                "YT1234567890123",
            ),
            // STO: 12 to 15 digits.
            Courier::Sto => (
                (12..=15).contains(&w.len()) && digits(&w),
                "773123456789012",
            ),
            // Yunda: 13 to 15 digits.
            Courier::Yunda => ((13..=15).contains(&w.len()) && digits(&w), "4312345678901"),
            // JD: "JD" or "JDV" + 12 to 15 digits.
            Courier::Jd => (
                (w.starts_with("JDV") && (12..=15).contains(&(w.len() - 3)) && digits(&w[3..]))
                    || (w.starts_with("JD")
                        && !w.starts_with("JDV")
                        && (12..=15).contains(&(w.len() - 2))
                        && digits(&w[2..])),
                "JD0012345678901",
            ),
            // EMS / China Post: 13 digits, or 2 letters + 9 digits + 2 letters (international).
            Courier::Ems => (
                (w.len() == 13 && digits(&w))
                    || (w.len() == 13
                        && w.is_ascii()
                        && w[..2].chars().all(|c| c.is_ascii_uppercase())
                        && digits(&w[2..11])
                        && w[11..].chars().all(|c| c.is_ascii_uppercase())),
                "1123456789012",
            ),
        };
        if ok {
            Ok(w)
        } else {
            Err(BadWaybill {
                courier: self.name_zh(),
                example,
            })
        }
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
    fn waybills_are_checked_per_courier_and_normalised() {
        assert_eq!(
            Courier::Sf.check_waybill("sf 1234 5678 90123").as_deref(),
            Ok("SF1234567890123")
        );
        assert_eq!(
            Courier::Zto.check_waybill("7512-3456-7890-12").as_deref(),
            Ok("75123456789012")
        );
        assert!(Courier::Yto.check_waybill("YT1234567890123").is_ok());
        assert!(Courier::Jd.check_waybill("JDV012345678901").is_ok());
        assert!(Courier::Ems.check_waybill("RI476394652CH").is_ok());
        // A ZTO number typed as SF, letters in digits, too short.
        assert!(Courier::Sf.check_waybill("75123456789012").is_err());
        assert!(Courier::Zto.check_waybill("7512345678901O").is_err());
        assert!(Courier::Yunda.check_waybill("1234").is_err());
        assert!(Courier::Jd.check_waybill("JD").is_err());
        // Every courier's own example passes its check.
        for c in Courier::ALL {
            let example = c.check_waybill("x").err().map(|e| e.example).unwrap_or("");
            assert!(c.check_waybill(example).is_ok(), "{c}: {example}");
        }
    }

    #[test]
    fn parses_codes_and_chinese_names() {
        assert_eq!(Courier::parse("sf"), Some(Courier::Sf));
        assert_eq!(Courier::parse("韵达"), Some(Courier::Yunda));
        assert_eq!(Courier::parse("DHL"), None);
        for c in Courier::ALL {
            assert_eq!(Courier::parse(c.code()), Some(c));
        }
    }

    #[test]
    fn text_that_is_not_ascii_is_refused_by_every_courier_without_a_panic() {
        for courier in Courier::ALL {
            for text in [
                "单1234567890",
                "AB12345678中",
                "顺丰一二三四五六七八九十",
                "SF１２３",
            ] {
                assert!(
                    courier.check_waybill(text).is_err(),
                    "{courier:?} took {text}"
                );
            }
        }
    }
}
