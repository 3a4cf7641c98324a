//! Bulk-shipping upload files: order id, courier as the platform names it, waybill number. CSV in
//! the encoding the platform reads (GBK for Taobao and Pinduoduo, UTF-8 with BOM for Douyin) and
//! XLSX, no cell of either ever a formula.

use crate::Platform;

/// One order shipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentRow {
    pub order_id: String,
    /// Farmstall's courier code (SF, ZTO, ... see `farmstall_domain::courier`), or the
    /// platform's own name, written as is when it is not a code.
    pub courier: String,
    pub waybill: String,
}

/// Courier codes (Farmstall's and the platforms' carrier codes) → the name the bulk-shipping
/// pages accept. The three platforms accept the same names for these couriers.
const COURIERS: &[(&[&str], &str)] = &[
    (&["SF"], "顺丰速运"),
    (&["ZTO"], "中通快递"),
    (&["YTO"], "圆通速递"),
    (&["STO"], "申通快递"),
    (&["YUNDA"], "韵达快递"),
    (&["JT", "JTSD"], "极兔速递"),
    (&["EMS"], "EMS"),
    (&["POST", "POSTB"], "邮政快递包裹"),
    (&["JD", "JDL", "JDLEX"], "京东快递"),
];

/// The courier's name on `platform`'s bulk-shipping page, from Farmstall's courier code (any
/// case), its Chinese short name, or the platform name itself; None for a courier not listed.
pub fn courier_name(platform: Platform, courier_code: &str) -> Option<&'static str> {
    let _ = platform; // one table serves all three today; the parameter keeps callers honest
    let text = courier_code.trim();
    // A Chinese short name (中通, 顺丰) is read as its code.
    let code = farmstall_domain::courier::Courier::parse(text)
        .map(|c| c.code())
        .unwrap_or(text);
    COURIERS
        .iter()
        .find(|(codes, _)| codes.iter().any(|c| c.eq_ignore_ascii_case(code)))
        .or_else(|| COURIERS.iter().find(|(_, name)| *name == text))
        .map(|(_, name)| *name)
}

fn headers(platform: Platform) -> [&'static str; 3] {
    match platform {
        Platform::Taobao => ["订单编号", "物流公司", "运单号"],
        Platform::Pinduoduo => ["订单号", "快递公司", "快递单号"],
        Platform::Douyin => ["订单编号", "物流公司", "运单号"],
    }
}

fn cells(platform: Platform, row: &ShipmentRow) -> [String; 3] {
    let courier = courier_name(platform, &row.courier)
        .map(str::to_string)
        .unwrap_or_else(|| row.courier.trim().to_string());
    [
        row.order_id.trim().to_string(),
        courier,
        row.waybill.trim().to_string(),
    ]
}

/// A cell a spreadsheet would run as a formula gets a leading `'`.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The upload file as CSV: a header row then a row per shipment. Taobao and Pinduoduo: GBK;
/// Douyin: UTF-8 with BOM.
pub fn shipments_csv(platform: Platform, rows: &[ShipmentRow]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut all: Vec<[String; 3]> = vec![headers(platform).map(str::to_string)];
    all.extend(rows.iter().map(|r| cells(platform, r).map(|c| defuse(&c))));
    for record in &all {
        // Writing to a Vec cannot fail.
        let _ = writer.write_record(record);
    }
    let text = writer.into_inner().unwrap_or_default();
    let text = String::from_utf8_lossy(&text).into_owned();
    match platform {
        Platform::Taobao | Platform::Pinduoduo => encoding_rs::GBK.encode(&text).0.into_owned(),
        Platform::Douyin => {
            let mut out = b"\xEF\xBB\xBF".to_vec();
            out.extend_from_slice(text.as_bytes());
            out
        }
    }
}

/// The upload file as XLSX: the same columns, every cell a string (never a formula).
pub fn shipments_xlsx(platform: Platform, rows: &[ShipmentRow]) -> Result<Vec<u8>, String> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let mut write = |r: u32, values: &[String; 3]| -> Result<(), String> {
        for (c, v) in values.iter().enumerate() {
            sheet
                .write_string(r, c as u16, v)
                .map_err(|e| e.to_string())?;
        }
        Ok(())
    };
    write(0, &headers(platform).map(str::to_string))?;
    for (i, row) in rows.iter().enumerate() {
        let r = u32::try_from(i + 1).map_err(|_| "too many rows".to_string())?;
        write(r, &cells(platform, row))?;
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}
