//! Writes sample payslips to a folder, to look at or print: a batch of three family members
//! in Chinese (two share a page, cut along the dashed line), one in English, one whose
//! advances exceed the pay, and one with so many pay lines it takes pages of its own, and one with long texts.
//!
//! `cargo run -p farmstall-documents --example payslip -- /tmp/payslips`

use std::path::PathBuf;

use farmstall_documents::{render_payslips, Language, PayslipDoc, PayslipLine};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    let family = vec![wife(), son(), hired_hand()];
    for (name, slips) in [
        ("payslips-zh.pdf", family),
        ("payslip-en.pdf", vec![english()]),
        ("payslip-zh-negative.pdf", vec![negative()]),
        ("payslip-zh-long.pdf", vec![long(), son()]),
        ("payslip-zh-wrapping.pdf", vec![wrapping(), wrapping()]),
    ] {
        let pdf = render_payslips(&slips)?;
        let path = dir.join(name);
        std::fs::write(&path, &pdf)?;
        println!("{} ({} bytes)", path.display(), pdf.len());
    }
    Ok(())
}

fn line(label: &str, explanation: &str, amount: &str) -> PayslipLine {
    PayslipLine {
        label: label.into(),
        explanation: explanation.into(),
        amount: amount.into(),
    }
}

fn wife() -> PayslipDoc {
    PayslipDoc {
        language: Language::Zh,
        shop_name: "修文山里人家猕猴桃".into(),
        month: "2026-11".into(),
        employee: "张秀兰".into(),
        relation: "妻子".into(),
        printed_at: "2026-11-30 17:30".into(),
        lines: vec![
            line("月工资", "固定月薪", "5,500.00"),
            line(
                "提成",
                "直播销售额 ¥48,200.00 × 2%（11 月 1 日至 30 日，不含退款订单）",
                "964.00",
            ),
            line("奖金", "双十一打包", "300.00"),
        ],
        gross: "6,764.00".into(),
        tax: "52.92".into(),
        tax_explanation: "累计预扣法：累计收入 ¥66,764.00 − 累计减除费用 ¥55,000.00 − 专项扣除 \
                          ¥0.00，预扣率 3%，减已预扣 ¥300.00"
            .into(),
        advances: "500.00".into(),
        deductions: "0.00".into(),
        net: "6,211.08".into(),
        gross_year_to_date: "66,764.00".into(),
        tax_year_to_date: "352.92".into(),
        paid: Some("¥6,211.08 微信 2026-12-01".into()),
    }
}

fn son() -> PayslipDoc {
    PayslipDoc {
        employee: "李小军".into(),
        relation: "儿子".into(),
        lines: vec![line("日工资", "出勤 2.5 天 × ¥150/天 = ¥375.00", "375.00")],
        gross: "375.00".into(),
        tax: "0.00".into(),
        tax_explanation: String::new(),
        advances: "0.00".into(),
        deductions: "0.00".into(),
        net: "375.00".into(),
        gross_year_to_date: "3,150.00".into(),
        tax_year_to_date: "0.00".into(),
        paid: None,
        ..wife()
    }
}

fn hired_hand() -> PayslipDoc {
    PayslipDoc {
        employee: "王德贵".into(),
        relation: "雇工".into(),
        lines: vec![
            line("日工资", "出勤 22 天 × ¥150/天 = ¥3,300.00", "3,300.00"),
            line(
                "加班",
                "11 月 11 日至 13 日 夜班打包 3 晚 × ¥80/晚",
                "240.00",
            ),
        ],
        gross: "3,540.00".into(),
        tax: "0.00".into(),
        tax_explanation: "本年累计收入未超过累计减除费用，不预扣".into(),
        advances: "1,000.00".into(),
        deductions: "50.00".into(),
        net: "2,490.00".into(),
        gross_year_to_date: "38,940.00".into(),
        tax_year_to_date: "0.00".into(),
        paid: Some("¥2,490.00 现金 2026-11-30".into()),
        ..wife()
    }
}

fn negative() -> PayslipDoc {
    PayslipDoc {
        advances: "425.00".into(),
        net: "-50.00".into(),
        ..son()
    }
}

fn long() -> PayslipDoc {
    let lines = (1..=30)
        .map(|d| {
            line(
                "日工资",
                &format!("11 月 {d} 日 出勤 1 天 × ¥150/天"),
                "150.00",
            )
        })
        .collect();
    PayslipDoc {
        lines,
        gross: "4,500.00".into(),
        net: "3,500.00".into(),
        advances: "1,000.00".into(),
        ..hired_hand()
    }
}

/// Long names and explanations, wrapped in their columns.
fn wrapping() -> PayslipDoc {
    let mut slip = wife();
    slip.shop_name = "修文山里人家猕猴桃农民专业合作社直营店（贵阳市修文县六广镇）".into();
    slip.employee = "欧阳晓燕".into();
    slip.relation = "儿媳，负责直播与客服".into();
    slip.lines[0].label = "加班工资（节假日三倍）".into();
    slip.lines[0].explanation = "出勤 22 天 × ¥150/天，其中 11 月 11 日至 13 日夜班打包另计，\
                                 11 月 20 日请假半天按半天计，月底盘点加班两小时按小时计"
        .into();
    slip.lines[0].amount = "12,345,678.00".into();
    slip
}

fn english() -> PayslipDoc {
    PayslipDoc {
        language: Language::En,
        shop_name: "Xiuwen Mountain Family Kiwi".into(),
        month: "2026-11".into(),
        employee: "Zhang Xiulan".into(),
        relation: "wife".into(),
        printed_at: "2026-11-30 17:30".into(),
        lines: vec![
            line("Monthly wage", "Fixed monthly salary", "5,500.00"),
            line(
                "Commission",
                "Live-stream sales ¥48,200.00 × 2% (1–30 November, refunded orders excluded)",
                "964.00",
            ),
        ],
        gross: "6,464.00".into(),
        tax: "43.92".into(),
        tax_explanation: "Cumulative withholding: income this year less ¥5,000 a month, at 3%, \
                          less tax already withheld"
            .into(),
        advances: "500.00".into(),
        deductions: "20.00".into(),
        net: "5,900.08".into(),
        gross_year_to_date: "66,464.00".into(),
        tax_year_to_date: "343.92".into(),
        paid: Some("¥5,900.08 WeChat Pay 2026-12-01".into()),
    }
}
