//! Writes sample farmer statements (Chinese, English, a long one) to a folder, to look at.
//!
//! `cargo run -p farmstall-documents --example statement -- /tmp/statements`

use std::path::PathBuf;

use farmstall_documents::{render_statement, Language, LineKind, Statement, StatementLine};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    for (name, statement) in [
        ("statement-zh.pdf", sample(Language::Zh, 6)),
        ("statement-en.pdf", sample(Language::En, 6)),
        ("statement-zh-long.pdf", sample(Language::Zh, 45)),
        ("statement-zh-empty.pdf", sample(Language::Zh, 0)),
    ] {
        let pdf = render_statement(&statement)?;
        let path = dir.join(name);
        std::fs::write(&path, &pdf)?;
        println!("{} ({} bytes)", path.display(), pdf.len());
    }
    Ok(())
}

fn sample(language: Language, lines: usize) -> Statement {
    let zh = language == Language::Zh;
    let mut balance: i64 = 120_000;
    let (mut bought, mut paid) = (0_i64, 0_i64);
    let opening = balance;
    let mut out = Vec::new();
    for i in 0..lines {
        let day = format!("2026-11-{:02}", 1 + i % 30);
        let (kind, description, p, q) = match i % 4 {
            0 | 1 => {
                let jin = 80 + 10 * i as i64;
                let cents = jin * 350;
                let d = if zh {
                    format!("猕猴桃 一级 {jin}斤 × ¥3.5")
                } else {
                    format!("Kiwi grade 1, {jin} jin × ¥3.5")
                };
                (LineKind::Purchase, d, Some(cents), None)
            }
            2 => {
                let d = if zh {
                    "微信支付，付 11 月上旬货款（含 11 月 3 日补交的包装箱押金与运费）".to_string()
                } else {
                    "WeChat Pay, early-November purchases including the box deposit".to_string()
                };
                (LineKind::Payment, d, None, Some(50_000))
            }
            _ => {
                let d = if zh {
                    "冲销：11 月 2 日重复录入".to_string()
                } else {
                    "Reversal: duplicate entry of 2 Nov".to_string()
                };
                (LineKind::Reversal, d, Some(-2_800), None)
            }
        };
        balance += p.unwrap_or(0) - q.unwrap_or(0);
        bought += p.unwrap_or(0);
        paid += q.unwrap_or(0);
        out.push(StatementLine {
            date: day,
            kind,
            description,
            purchased: p.map(money),
            paid: q.map(money),
            balance: money(balance),
        });
    }
    Statement {
        language,
        shop_name: if zh {
            "秦岭山里人家农产品店"
        } else {
            "Qinling Mountain Farm Shop"
        }
        .into(),
        shop_phone: "0917-8812345".into(),
        shop_address: if zh {
            "陕西省西安市周至县马召镇东街 18 号"
        } else {
            "18 East Street, Mazhao, Zhouzhi, Xi'an, Shaanxi"
        }
        .into(),
        farmer_name: if zh { "王建国" } else { "Wang Jianguo" }.into(),
        farmer_village: if zh {
            "马召镇群力村三组"
        } else {
            "Qunli Village, Mazhao"
        }
        .into(),
        farmer_phone: "139 1234 5678".into(),
        from: "2026-11-01".into(),
        to: "2026-11-30".into(),
        opening_balance: money(opening),
        lines: out,
        total_purchased: money(bought),
        total_paid: money(paid),
        closing_balance: money(balance),
        generated_at: "2026-11-28 17:30".into(),
    }
}

fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cents.abs() / 100, cents.abs() % 100)
}
