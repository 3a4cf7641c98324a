//! Writes sample shipping labels (every size, as PDF, TSPL and ZPL) and a packing slip to a
//! folder, to look at or send to a printer.
//!
//! `cargo run -p farmstall-documents --example labels -- /tmp/labels`

use std::path::PathBuf;

use farmstall_documents::{
    render_labels, render_packing_slip, render_tspl, render_zpl, Label, LabelSize, PackingSlip,
    PackingSlipLine, Party,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    let labels: Vec<Label> = (0..5).map(sample).collect();
    let write = |name: String, bytes: &[u8]| -> std::io::Result<()> {
        let path = dir.join(name);
        std::fs::write(&path, bytes)?;
        println!("{} ({} bytes)", path.display(), bytes.len());
        Ok(())
    };
    for (name, size) in [
        ("100x150", LabelSize::Mm100x150),
        ("100x180", LabelSize::Mm100x180),
        ("76x130", LabelSize::Mm76x130),
        ("a4", LabelSize::A4),
    ] {
        write(format!("label-{name}.pdf"), &render_labels(&labels, size)?)?;
        if size != LabelSize::A4 {
            write(
                format!("label-{name}-203.tspl"),
                &render_tspl(&labels, size, 203)?,
            )?;
            write(
                format!("label-{name}-203.zpl"),
                render_zpl(&labels, size, 203)?.as_bytes(),
            )?;
        }
    }
    write("packing-slip.pdf".into(), &render_packing_slip(&slip())?)?;
    Ok(())
}

fn sample(i: usize) -> Label {
    let streets = [
        "文三路 478 号 华星时代广场 A 座 1203 室",
        "中山东一路 18 号 外滩源 3 号楼 5 层 前台代收，工作日 9:00–18:00 送达",
        "建国路 88 号",
        "科技园南区 高新南一道 9 号 中国科技开发院 2 号楼 16 层",
        "人民路 1 号",
    ];
    let names = ["王小明", "欧阳晓燕", "李娜", "Chen Jie", "张伟"];
    Label {
        recipient: Party {
            name: names[i % names.len()].into(),
            phone: format!("138****{:04}", 5678 + i),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            street: streets[i % streets.len()].into(),
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
        waybill: format!("SF{}", 1_402_837_465_120 + i as u64),
        order_ref: format!("FS-20261128-{:04}", 42 + i),
        items: "修文猕猴桃 特级 5斤装 ×2；冰袋 ×1".into(),
        weight: "5.8 kg".into(),
        date: "2026-11-28".into(),
        note: if i.is_multiple_of(2) {
            "请放门卫，谢谢！不要电话".into()
        } else {
            String::new()
        },
    }
}

fn slip() -> PackingSlip {
    PackingSlip {
        shop_name: "修文山里人家猕猴桃".into(),
        order_ref: "FS-20261128-0042".into(),
        recipient_name: "王小明".into(),
        date: "2026-11-28".into(),
        lines: vec![
            PackingSlipLine {
                product: "修文猕猴桃 特级 5斤装".into(),
                quantity: "2 箱".into(),
                lots: "批次 2026-11-13 王德贵".into(),
            },
            PackingSlipLine {
                product: "冰袋".into(),
                quantity: "1 个".into(),
                lots: String::new(),
            },
            PackingSlipLine {
                product: "手工辣椒油 250 g 玻璃瓶（易碎，单独泡沫网套）".into(),
                quantity: "3 瓶".into(),
                lots: "批次 2026-11-20 自制 第 12 锅".into(),
            },
        ],
        note: "买家备注：送人的，不要放价格单。".into(),
    }
}
