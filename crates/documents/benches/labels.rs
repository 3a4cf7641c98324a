//! A kiwi-season evening: 1000 full shipping labels (Chinese text, Code 128, QR code) into one
//! 100 × 150 mm PDF, and the same labels as TSPL and ZPL programs. Issue 15's targets: the PDF
//! in under 0.3 s, under 60 MiB of heap and under 1.5 MB; TSPL and ZPL under 0.3 s.
//!
//! Besides criterion's times it prints the PDF's size and the heap one render takes, counted by
//! a global allocator that keeps the bytes in use and their peak (`peak_alloc`: the workspace
//! forbids `unsafe`, which an allocator of our own would need): the peak of the whole process
//! during the first render, which parses the fonts, and the rise over what was in use before
//! a later render.
//!
//! `cargo bench -p farmstall-documents --bench labels`

use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use farmstall_documents::{render_labels, render_tspl, render_zpl, Label, LabelSize, Party};
use peak_alloc::PeakAlloc;

#[global_allocator]
static HEAP: PeakAlloc = PeakAlloc;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1_048_576.0
}

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
    let render = || render_labels(&batch, LabelSize::Mm100x150).unwrap_or_else(|e| panic!("{e}"));

    // The first render parses the fonts, which then stay for the life of the process.
    HEAP.reset_peak_usage();
    let before = HEAP.current_usage();
    let pdf = render();
    let first_peak = HEAP.peak_usage();
    drop(pdf);
    HEAP.reset_peak_usage();
    let warm_base = HEAP.current_usage();
    let pdf = render();
    let warm_peak = HEAP.peak_usage();
    eprintln!(
        "1000 labels, 100x150 mm PDF: {} bytes ({:.2} MB); heap peak {:.1} MiB in the first \
         render (fonts parsed; {:.1} MiB in use before it), a later render {:.1} MiB over the \
         {:.1} MiB in use before it",
        pdf.len(),
        pdf.len() as f64 / 1_000_000.0,
        mib(first_peak),
        mib(before),
        mib(warm_peak - warm_base),
        mib(warm_base),
    );
    drop(pdf);

    let mut group = c.benchmark_group("labels");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("1000 labels 100x150 PDF", |b| {
        b.iter(|| render_labels(&batch, LabelSize::Mm100x150).map(|pdf| pdf.len()))
    });
    group.bench_function("1000 labels TSPL 203 dpi", |b| {
        b.iter(|| render_tspl(&batch, LabelSize::Mm100x150, 203).map(|p| p.len()))
    });
    group.bench_function("1000 labels ZPL 203 dpi", |b| {
        b.iter(|| render_zpl(&batch, LabelSize::Mm100x150, 203).map(|p| p.len()))
    });
    group.finish();
}

criterion_group!(benches, labels);
criterion_main!(benches);
