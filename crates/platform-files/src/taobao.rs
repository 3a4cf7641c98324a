//! Taobao: the classic pair (ExportOrderList, a row per order; ExportOrderDetailList, a row per
//! line) joined by order id, and the newer desensitised XLSX (a row per order, no name or phone,
//! several products as comma-joined titles).

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::cell::{recipient, RowReader};
use crate::status::{read_after_sale, read_status, AfterSale};
use crate::table::{Kind, Table};
use crate::{FileError, FileErrorCode, FileLine, FileOrder, FileRecipient, Parsed, Platform};

pub(crate) fn read(tables: &[Table], parsed: &mut Parsed) -> Result<(), FileError> {
    let order_tables: Vec<&Table> = tables
        .iter()
        .filter(|t| t.kind != Kind::TaobaoDetails)
        .collect();
    let detail_tables: Vec<&Table> = tables
        .iter()
        .filter(|t| t.kind == Kind::TaobaoDetails)
        .collect();
    if order_tables.is_empty() {
        let file = detail_tables.first().map(|t| t.file.as_str()).unwrap_or("");
        return Err(FileError::new(
            file,
            FileErrorCode::DetailsWithoutOrders,
            "this is Taobao's line-details file (ExportOrderDetailList) alone. Add the order list file \
             exported with it (ExportOrderList...csv) and import both together.",
        ));
    }
    let mut orders = Vec::new();
    for t in &order_tables {
        read_orders(t, &mut orders, parsed)?;
    }
    // Lines by order id, in file order.
    let ids: HashSet<&str> = orders.iter().map(|o| o.order_id.as_str()).collect();
    let known_elsewhere: HashSet<String> = parsed
        .problems
        .iter()
        .filter_map(|p| p.order_id.clone())
        .collect();
    // When an order row's id could not be read, a detail row of no known order is that order's,
    // not a sign of files from two exports.
    let ids_lost = parsed
        .problems
        .iter()
        .any(|p| p.order_id.is_none() && p.column == "订单编号");
    let mut lines: HashMap<String, Vec<FileLine>> = HashMap::new();
    for t in &detail_tables {
        read_details(t, &ids, &known_elsewhere, ids_lost, &mut lines, parsed)?;
    }
    for mut order in orders {
        if let Some(found) = lines.remove(&order.order_id) {
            order.lines = found;
            order.joined_titles = false;
        }
        parsed.orders.push(order);
    }
    Ok(())
}

/// An order file: one order per row. Without its details file, an order becomes one line from
/// the order's title and total quantity.
fn read_orders(
    t: &Table,
    orders: &mut Vec<FileOrder>,
    parsed: &mut Parsed,
) -> Result<(), FileError> {
    let id_col = t.require(&["订单编号"])?;
    let status_col = t.require(&["订单状态"])?;
    let created_col = t.require(&["订单创建时间"])?;
    let payment_col = t.require(&["买家实际支付金额", "买家实付金额"])?;
    let title_col = t.require(&["宝贝标题", "商品标题"])?;
    let quantity_col = t.require(&["宝贝总数量"])?;
    let goods_col = t.col(&["买家应付货款"]);
    let post_col = t.col(&["买家应付邮费"]);
    let kinds_col = t.col(&["宝贝种类"]);
    let buyer_col = t.col(&["买家会员名"]);
    let name_col = t.col(&["收货人姓名"]);
    let address_col = t.col(&["收货地址"]);
    let changed_address_col = t.col(&["修改后的收货地址"]);
    let mobile_col = t.col(&["联系手机"]);
    let tel_col = t.col(&["联系电话"]);
    let paid_col = t.col(&["订单付款时间"]);
    let shipped_col = t.col(&["发货时间"]);
    let finished_col = t.col(&["确认收货时间", "交易成功时间", "交易结束时间"]);
    let buyer_note_col = t.col(&["买家留言"]);
    let seller_note_col = t.col(&["订单备注", "商家备注"]);
    let courier_col = t.col(&["物流公司"]);
    let waybill_col = t.col(&["物流单号"]);
    let sku_col = t.col(&["商品属性SKU"]);
    let refund_amount_col = t.col(&["退款金额"]);
    let refund_status_col = t.col(&["退款状态"]);
    let desensitised = t.kind == Kind::TaobaoDesensitised;

    for row in &t.rows {
        let mut r = RowReader::new(t, row);
        let id = r.order_id(id_col);
        r.order_id = id.clone();
        let payment = r.amount(Some(payment_col), true);
        let post_fee = r.amount(post_col, false);
        let goods = r.amount(goods_col, false);
        let created = r.date(Some(created_col), true).flatten();
        let paid = r.date(paid_col, false);
        let shipped = r.date(shipped_col, false);
        let finished = r.date(finished_col, false);
        let quantity = r.quantity(quantity_col);
        let refund_amount = r.amount(refund_amount_col, false);
        let after = read_after_sale(&mut r, refund_status_col);
        let was_paid = matches!(paid, Some(Some(_))) || payment.is_some_and(|p| p > Decimal::ZERO);
        let status = read_status(&mut r, Platform::Taobao, status_col, was_paid);
        let kinds = r.text(kinds_col);
        let problems = std::mem::take(&mut r.problems);
        let (
            Some(id),
            Some(payment),
            Some(goods),
            Some(post_fee),
            Some(created),
            Some(paid),
            Some(shipped),
            Some(finished),
            Some(quantity),
            Some(refund_amount),
            Some(after),
            Some((mut status, status_text)),
        ) = (
            id,
            payment,
            goods,
            post_fee,
            created,
            paid,
            shipped,
            finished,
            quantity,
            refund_amount,
            after,
            status,
        )
        else {
            parsed.problems.extend(problems);
            continue;
        };
        // Without 买家应付货款 the goods are what was paid less the post.
        let goods = if goods_col.is_some() {
            goods
        } else {
            (payment - post_fee).max(Decimal::ZERO)
        };
        let refund = refund_amount > Decimal::ZERO
            || after != AfterSale::None
            || status == farmstall_domain::sync::PlatformStatus::Closed;
        if after == AfterSale::Refunded {
            status = farmstall_domain::sync::PlatformStatus::Closed;
        }
        let title = r.text(Some(title_col));
        let kinds: u32 = kinds.parse().unwrap_or(0);
        let joined_titles =
            kinds > 1 || (kinds == 0 && title.contains([',', '，']) && desensitised);
        let changed = r.text(changed_address_col);
        let address = if changed.is_empty() {
            r.text(address_col)
        } else {
            changed
        };
        let mut phone = r.text(mobile_col);
        if phone.is_empty() {
            phone = r.text(tel_col);
        }
        let mut rec: FileRecipient = recipient(r.text(name_col), phone, &address);
        if desensitised || name_col.is_none() {
            rec.masked = true;
        }
        let mut waybill = r.text(waybill_col);
        if let Some(rest) = waybill.strip_prefix("No:") {
            waybill = rest.trim().to_string();
        }
        orders.push(FileOrder {
            file: t.file.clone(),
            row: row.line,
            order_id: id,
            status,
            status_text,
            refund,
            buyer: r.text(buyer_col),
            recipient: rec,
            goods,
            post_fee,
            payment,
            created,
            paid,
            shipped,
            finished,
            buyer_note: r.text(buyer_note_col),
            seller_note: r.text(seller_note_col),
            courier: r.text(courier_col),
            waybill,
            lines: vec![FileLine {
                title,
                sku: r.text(sku_col),
                code: String::new(),
                quantity,
                unit_price: None,
                paid: Some(goods),
            }],
            joined_titles,
        });
    }
    Ok(())
}

/// A details file: one line per row, joined to the orders by id. A row whose order is in no
/// order file refuses the file: the person picked files of two different exports.
fn read_details(
    t: &Table,
    ids: &HashSet<&str>,
    left_out: &HashSet<String>,
    ids_lost: bool,
    lines: &mut HashMap<String, Vec<FileLine>>,
    parsed: &mut Parsed,
) -> Result<(), FileError> {
    let id_col = t.require(&["订单编号"])?;
    let title_col = t.require(&["标题", "宝贝标题"])?;
    let quantity_col = t.require(&["购买数量"])?;
    let price_col = t.col(&["价格"]);
    let code_col = t.col(&["商家编码"]);
    let outer_col = t.col(&["外部系统编号"]);
    let sku_col = t.col(&["商品属性"]);
    let package_col = t.col(&["套餐信息"]);
    let paid_col = t.col(&["实付金额", "买家实付金额", "买家实际支付金额"]);
    for row in &t.rows {
        let mut r = RowReader::new(t, row);
        let Some(id) = r.order_id(id_col) else {
            parsed.problems.append(&mut r.problems);
            continue;
        };
        r.order_id = Some(id.clone());
        if !ids.contains(id.as_str()) {
            if left_out.contains(&id) {
                continue; // its order row was reported already
            }
            if ids_lost {
                let h = r.header(id_col);
                r.problem(
                    id_col,
                    "missing",
                    format!("\"{h}\" {id} is not in the order list file, whose order numbers could not all be read."),
                );
                parsed.problems.append(&mut r.problems);
                continue;
            }
            let mut e = FileError::new(
                &t.file,
                FileErrorCode::DetailsWithoutOrders,
                format!(
                    "order {id} is in this line-details file but not in the order list file. Import the \
                     ExportOrderList and ExportOrderDetailList files of the same export together."
                ),
            );
            e.row = Some(row.line);
            e.column = Some(r.header(id_col));
            return Err(e);
        }
        let quantity = r.quantity(quantity_col);
        let price = r.amount_opt(price_col);
        let paid = r.amount_opt(paid_col);
        let (Some(quantity), Some(unit_price), Some(paid)) = (quantity, price, paid) else {
            parsed.problems.append(&mut r.problems);
            continue;
        };
        let mut code = r.text(code_col);
        if code.is_empty() {
            code = r.text(outer_col);
        }
        let mut sku = r.text(sku_col);
        let package = r.text(package_col);
        if !package.is_empty() {
            if !sku.is_empty() {
                sku.push(' ');
            }
            sku.push_str(&package);
        }
        lines.entry(id).or_default().push(FileLine {
            title: r.text(Some(title_col)),
            sku,
            code,
            quantity,
            unit_price,
            paid,
        });
    }
    Ok(())
}
