//! A kiwi-season evening: 1000 full shipping labels (Chinese text, Code 128, QR code) into one
//! 100 × 150 mm PDF. Target: under 0.3 s and under 1.5 MB.
//!
//! `cargo bench -p farmstall-documents --bench labels`

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use farmstall_documents::{render_labels, render_tspl, Label, LabelSize, Party};

/// Label `i` of a batch: every label different, as in a real day's orders.
fn label(i: usize) -> Label {
    let names = ["欧阳晓燕", "王小明", "李娜", "张伟", "刘建华", "陈静"];
    let cities = [
        ("浙江省", "杭州市", "西湖区"),
        ("广东省", "深圳市", "南山区"),
        ("北京市", "北京市", "朝阳区"),
        ("四川省", "成都市", "武侯区"),
    ];
    let (province, city, district) = cities[i % cities.len()];
    Label {
        recipient: Party {
            name: names[i % names.len()].into(),
            phone: format!("13{}****{:04}", i % 10, i % 10_000),
            province: province.into(),
            city: city.into(),
            district: district.into(),
            street: format!(
                "文三路 {} 号 华星时代广场 A 座 {} 室",
                i % 500,
                1000 + i % 900
            ),
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
        order_ref: format!("FS-20261128-{i:04}"),
        items: format!("修文猕猴桃 特级 5斤装 ×{}；冰袋 ×1", 1 + i % 3),
        weight: format!("{}.{} kg", 3 + i % 5, i % 10),
        date: "2026-11-28".into(),
        note: if i.is_multiple_of(3) {
            "请放门卫，谢谢！".into()
        } else {
            String::new()
        },
    }
}

fn labels(c: &mut Criterion) {
    let batch: Vec<Label> = (0..1000).map(label).collect();
    let pdf = render_labels(&batch, LabelSize::Mm100x150).unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "1000 labels, 100x150 mm: {} bytes ({:.2} MB)",
        pdf.len(),
        pdf.len() as f64 / 1_000_000.0
    );
    let mut group = c.benchmark_group("labels");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("1000 labels 100x150 PDF", |b| {
        b.iter(|| render_labels(&batch, LabelSize::Mm100x150).map(|pdf| pdf.len()))
    });
    group.bench_function("1000 labels TSPL 203 dpi", |b| {
        b.iter(|| render_tspl(&batch, LabelSize::Mm100x150, 203).map(|p| p.len()))
    });
    group.finish();
}

criterion_group!(benches, labels);
criterion_main!(benches);
