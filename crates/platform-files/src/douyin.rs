//! Douyin shop's order export: a row per sub-order (子订单编号), grouped into orders by
//! 主订单编号. The order's payment is the sum of its rows' 订单应付金额; its freight (运费) is
//! repeated on every row and taken once.

use std::collections::HashMap;

use farmstall_domain::sync::PlatformStatus;
use rust_decimal::Decimal;

use crate::cell::{recipient, RowReader};
use crate::status::{read_after_sale, read_status, AfterSale};
use crate::table::Table;
use crate::{FileError, FileLine, FileOrder, Parsed, Platform};

pub(crate) fn read(t: &Table, parsed: &mut Parsed) -> Result<(), FileError> {
    let id_col = t.require(&["主订单编号"])?;
    let title_col = t.require(&["选购商品", "商品名称"])?;
    let quantity_col = t.require(&["商品数量"])?;
    let payment_col = t.require(&["订单应付金额"])?;
    let status_col = t.require(&["订单状态"])?;
    let created_col = t.require(&["订单提交时间", "下单时间"])?;
    let post_col = t.col(&["运费"]);
    let goods_col = t.col(&["商品金额"]);
    let unit_price_col = t.col(&["商品单价"]);
    let sku_col = t.col(&["商品规格"]);
    let code_col = t.col(&["商家编码"]);
    let name_col = t.col(&["收件人"]);
    let phone_col = t.col(&["收件人手机号"]);
    let province_col = t.col(&["省"]);
    let city_col = t.col(&["市"]);
    let district_col = t.col(&["区"]);
    let street_col = t.col(&["街道"]);
    let address_col = t.col(&["详细地址", "收货地址"]);
    let paid_col = t.col(&["支付完成时间", "支付时间"]);
    let shipped_col = t.col(&["发货时间"]);
    let finished_col = t.col(&["订单完成时间"]);
    let seller_note_col = t.col(&["商家备注"]);
    let buyer_note_col = t.col(&["买家留言"]);
    let after_col = t.col(&["售后状态"]);
    let courier_col = t.col(&["快递公司", "物流公司"]);
    let waybill_col = t.col(&["快递单号", "物流单号", "运单号"]);
    let buyer_col = t.col(&["买家昵称"]);

    // Index of each main order in `parsed.orders` as it is built, with its sub-orders' after-sale.
    let mut index: HashMap<String, (usize, Vec<AfterSale>)> = HashMap::new();
    let start = parsed.orders.len();
    let mut dropped: std::collections::HashSet<String> = Default::default();
    for row in &t.rows {
        let mut r = RowReader::new(t, row);
        let id = r.order_id(id_col);
        r.order_id = id.clone();
        let payment = r.amount(Some(payment_col), true);
        let post_fee = r.amount(post_col, false);
        let goods = r.amount_opt(goods_col);
        let unit_price = r.amount_opt(unit_price_col);
        let created = r.date(Some(created_col), true).flatten();
        let paid = r.date(paid_col, false);
        let shipped = r.date(shipped_col, false);
        let finished = r.date(finished_col, false);
        let quantity = r.quantity(quantity_col);
        let after = read_after_sale(&mut r, after_col);
        let was_paid = match (paid_col, &paid) {
            (Some(_), Some(p)) => p.is_some(),
            // Without a payment time column, a closed order with a shipment or an after-sale was
            // paid.
            _ => {
                shipped.as_ref().is_some_and(Option::is_some)
                    || after.is_some_and(|a| a != AfterSale::None)
            }
        };
        let status = read_status(&mut r, Platform::Douyin, status_col, was_paid);
        let (
            Some(id),
            Some(payment),
            Some(post_fee),
            Some(goods),
            Some(unit_price),
            Some(created),
            Some(paid),
            Some(shipped),
            Some(finished),
            Some(quantity),
            Some(after),
            Some((status, status_text)),
        ) = (
            id, payment, post_fee, goods, unit_price, created, paid, shipped, finished, quantity,
            after, status,
        )
        else {
            if let Some(id) = &r.order_id {
                dropped.insert(id.clone());
            }
            parsed.problems.append(&mut r.problems);
            continue;
        };
        let line = FileLine {
            title: r.text(Some(title_col)),
            sku: r.text(sku_col),
            code: r.text(code_col),
            quantity,
            unit_price,
            paid: Some(payment),
        };
        if let Some((i, afters)) = index.get_mut(&id) {
            let order = &mut parsed.orders[*i];
            order.payment += payment;
            order.goods += goods.unwrap_or(payment);
            order.lines.push(line);
            afters.push(after);
            continue;
        }
        let rec = if province_col.is_some() && street_col.is_some() {
            let mut rec = recipient(r.text(name_col), r.text(phone_col), "");
            rec.province = r.text(province_col);
            rec.city = r.text(city_col);
            rec.district = r.text(district_col);
            rec.street = [r.text(street_col), r.text(address_col)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            rec.masked = rec.masked || crate::cell::is_hidden(&rec.street);
            rec
        } else {
            recipient(r.text(name_col), r.text(phone_col), &r.text(address_col))
        };
        let mut rec = rec;
        // The desensitised export has no recipient columns at all.
        if name_col.is_none() || phone_col.is_none() {
            rec.masked = true;
        }
        index.insert(id.clone(), (parsed.orders.len(), vec![after]));
        parsed.orders.push(FileOrder {
            file: t.file.clone(),
            row: row.line,
            order_id: id,
            status,
            status_text,
            refund: false,
            buyer: r.text(buyer_col),
            recipient: rec,
            goods: goods.unwrap_or(payment),
            post_fee,
            payment,
            created,
            paid,
            shipped,
            finished,
            buyer_note: r.text(buyer_note_col),
            seller_note: r.text(seller_note_col),
            courier: r.text(courier_col),
            waybill: r.text(waybill_col),
            lines: vec![line],
            joined_titles: false,
        });
    }
    // 订单应付金额 includes the freight (Douyin puts it on the order's rows); when the file has
    // no 商品金额 the goods are what was owed less the freight, taken once per order.
    for (i, afters) in index.values() {
        let order = &mut parsed.orders[*i];
        if goods_col.is_none() {
            order.goods = (order.goods - order.post_fee).max(Decimal::ZERO);
        }
        order.refund = afters.iter().any(|a| *a != AfterSale::None);
        if afters.iter().all(|a| *a == AfterSale::Refunded) {
            order.status = PlatformStatus::Closed;
        }
    }
    // A main order one of whose rows could not be read is left out whole: half an order would
    // pack the wrong goods.
    if !dropped.is_empty() {
        let mut i = start;
        while i < parsed.orders.len() {
            if dropped.contains(&parsed.orders[i].order_id) {
                let o = parsed.orders.remove(i);
                parsed.problems.push(crate::RowProblem {
                    file: o.file,
                    row: o.row,
                    column: String::new(),
                    order_id: Some(o.order_id),
                    code: "incomplete",
                    detail: "another row of this order could not be read, so the whole order is left out."
                        .into(),
                });
            } else {
                i += 1;
            }
        }
    }
    Ok(())
}
