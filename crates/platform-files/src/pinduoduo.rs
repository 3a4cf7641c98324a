//! Pinduoduo's order export: one row per order (one product per order, the way Pinduoduo sells).

use farmstall_domain::sync::PlatformStatus;
use rust_decimal::Decimal;

use crate::cell::{recipient, RowReader};
use crate::status::{read_after_sale, read_status, AfterSale};
use crate::table::Table;
use crate::{FileError, FileLine, FileOrder, Parsed, Platform};

pub(crate) fn read(t: &Table, parsed: &mut Parsed) -> Result<(), FileError> {
    let id_col = t.require(&["订单号"])?;
    let status_col = t.require(&["订单状态"])?;
    let title_col = t.require(&["商品", "商品名称"])?;
    let quantity_col = t.require(&["商品数量(件)", "商品数量"])?;
    let payment_col = t.require(&["用户实付金额(元)", "用户实付金额"])?;
    let created_col = t.require(&["订单成交时间", "订单创建时间", "下单时间"])?;
    let total_col = t.col(&["商品总价(元)", "商品总价"]);
    let post_col = t.col(&["邮费(元)", "邮费"]);
    let shop_discount_col = t.col(&["店铺优惠折扣(元)", "店铺优惠折扣"]);
    let paid_col = t.col(&["支付时间", "付款时间"]);
    let shipped_col = t.col(&["发货时间"]);
    let finished_col = t.col(&["确认收货时间"]);
    let sku_col = t.col(&["商品规格"]);
    let sku_code_col = t.col(&["商家编码-规格维度", "规格编码"]);
    let product_code_col = t.col(&["商家编码-商品维度", "商品编码"]);
    let seller_note_col = t.col(&["商家备注"]);
    let buyer_note_col = t.col(&["买家留言"]);
    let after_col = t.col(&["售后状态"]);
    let waybill_col = t.col(&["快递单号"]);
    let courier_col = t.col(&["快递公司"]);
    let name_col = t.col(&["收货人", "收货人姓名"]);
    let phone_col = t.col(&["手机", "收货人电话", "联系电话"]);
    let province_col = t.col(&["省"]);
    let city_col = t.col(&["市"]);
    let district_col = t.col(&["区"]);
    let street_col = t.col(&["街道", "详细地址"]);
    let address_col = t.col(&["收货地址"]);
    let buyer_col = t.col(&["用户昵称", "买家昵称"]);

    for row in &t.rows {
        let mut r = RowReader::new(t, row);
        let id = r.order_id(id_col);
        r.order_id = id.clone();
        let payment = r.amount(Some(payment_col), true);
        let total = r.amount(total_col, false);
        let post_fee = r.amount(post_col, false);
        let shop_discount = r.amount(shop_discount_col, false);
        let created = r.date(Some(created_col), true).flatten();
        let paid = r.date(paid_col, false);
        let shipped = r.date(shipped_col, false);
        let finished = r.date(finished_col, false);
        let quantity = r.quantity(quantity_col);
        let after = read_after_sale(&mut r, after_col);
        let status = read_status(&mut r, Platform::Pinduoduo, status_col, false);
        let (
            Some(id),
            Some(payment),
            Some(total),
            Some(post_fee),
            Some(shop_discount),
            Some(created),
            Some(paid),
            Some(shipped),
            Some(finished),
            Some(quantity),
            Some(after),
            Some((mut status, status_text)),
        ) = (
            id,
            payment,
            total,
            post_fee,
            shop_discount,
            created,
            paid,
            shipped,
            finished,
            quantity,
            after,
            status,
        )
        else {
            parsed.problems.append(&mut r.problems);
            continue;
        };
        // Pinduoduo cancels an unpaid order after a while; a paid one that is closed was refunded.
        if after == AfterSale::Refunded {
            status = PlatformStatus::Closed;
        }
        // 订单成交时间 is when the buyer paid (Pinduoduo lists an order once it is paid); without
        // a payment time column it is the payment time of every order not waiting for payment.
        let paid = paid.or_else(|| {
            (!matches!(
                status,
                PlatformStatus::WaitBuyerPay | PlatformStatus::ClosedByPlatform
            ))
            .then_some(created)
        });
        // The buyer's payment is 用户实付金额; the shop receives 商家实收金额 (the platform pays its
        // own 平台优惠折扣 to the shop). Farmstall records what the buyer paid, like the other
        // platforms; the goods amount is the list price less the shop's own discount.
        let goods = if total_col.is_some() {
            (total - shop_discount).max(Decimal::ZERO)
        } else {
            (payment - post_fee).max(Decimal::ZERO)
        };
        let mut code = r.text(sku_code_col);
        if code.is_empty() {
            code = r.text(product_code_col);
        }
        let rec = if province_col.is_some() || city_col.is_some() {
            let mut rec = recipient(r.text(name_col), r.text(phone_col), "");
            rec.province = r.text(province_col);
            rec.city = r.text(city_col);
            rec.district = r.text(district_col);
            rec.street = r.text(street_col);
            rec.masked = rec.masked || crate::cell::is_hidden(&rec.street);
            rec
        } else {
            recipient(
                r.text(name_col),
                r.text(phone_col),
                &r.text(address_col.or(street_col)),
            )
        };
        let mut rec = rec;
        if name_col.is_none() && phone_col.is_none() {
            rec.masked = true;
        }
        parsed.orders.push(FileOrder {
            file: t.file.clone(),
            row: row.line,
            order_id: id,
            status,
            status_text,
            refund: after != AfterSale::None,
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
            waybill: r.text(waybill_col),
            lines: vec![FileLine {
                title: r.text(Some(title_col)),
                sku: r.text(sku_col),
                code,
                quantity,
                unit_price: None,
                paid: Some(goods),
            }],
            joined_titles: false,
        });
    }
    Ok(())
}
