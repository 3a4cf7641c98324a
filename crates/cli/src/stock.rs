//! Stock: `receive`, `purchases`, `lots`, `waste`, `stock`, `reverse`, `count`.

use clap::Args;
use farmstall_app::dto::ListQuery;
use farmstall_app::stock::{
    CountInput, CountLineInput, LotDto, LotQuery, PurchaseInput, PurchaseLineInput, ReversalInput,
    WasteInput,
};
use farmstall_app::{App, AppError};

use crate::lines;
use crate::output::{page_text, Output};
use crate::ListArgs;

#[derive(Args, Debug)]
pub struct ReceiveArgs {
    /// The farmer's id
    #[arg(long)]
    farmer: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
    /// owed, cash, wechat, alipay or bank
    #[arg(long, default_value = "owed")]
    payment: String,
    #[arg(long, default_value = "")]
    note: String,
    /// product=ID,quantity=23.5[,unit=斤][,price=3.275 | ,total=76.96][,grade=特级][,harvested=DATE][,best-before=DATE]
    #[arg(long = "line", required = true, value_parser = lines::purchase_line)]
    lines: Vec<PurchaseLineInput>,
}

#[derive(Args, Debug)]
pub struct LotArgs {
    #[arg(long, default_value = "")]
    search: String,
    /// Only this product's lots
    #[arg(long)]
    product: Option<String>,
    /// Include used-up lots
    #[arg(long)]
    all: bool,
    /// Only lots expiring within DAYS (expired included)
    #[arg(long, value_name = "DAYS")]
    expiring: Option<u32>,
    #[arg(long, default_value_t = 50)]
    limit: u32,
    #[arg(long, default_value_t = 0)]
    offset: u32,
    /// Start after the row with this id (the `next` of the page before in --json output):
    /// as quick deep in a long list as at its top. Purchases, lots and orders page this way.
    #[arg(long)]
    after: Option<String>,
}

#[derive(Args, Debug)]
pub struct WasteArgs {
    lot: String,
    /// In the lot's stock unit
    #[arg(long)]
    quantity: String,
    /// spoiled, damaged, sample or own_use
    #[arg(long)]
    reason: String,
    #[arg(long, default_value = "")]
    note: String,
}

#[derive(Args, Debug)]
pub struct StockArgs {
    #[arg(long)]
    product: Option<String>,
}

#[derive(Args, Debug)]
pub struct ReverseArgs {
    /// The purchase's id
    purchase: String,
    /// Why (required)
    #[arg(long)]
    reason: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
}

#[derive(Args, Debug)]
pub struct CountArgs {
    /// lot=ID,counted=18.5 (in the lot's stock unit)
    #[arg(long = "line", required = true, value_parser = lines::count_line)]
    lines: Vec<CountLineInput>,
    #[arg(long, default_value = "")]
    note: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
}

pub fn lot_line(l: &LotDto) -> String {
    format!(
        "{}  {} {}  {} {} on hand ({} available)  ¥{}  best before {}{}",
        l.id,
        l.product_name,
        l.grade,
        l.on_hand,
        l.stock_unit,
        l.available,
        l.cost_on_hand,
        l.best_before.as_deref().unwrap_or("-"),
        match l.days_to_expiry {
            Some(-1) => " (expired yesterday)".to_string(),
            Some(d) if d < 0 => format!(" (expired {} days ago)", d.unsigned_abs()),
            Some(0) => " (last day)".to_string(),
            Some(1) => " (1 day left)".to_string(),
            Some(d) => format!(" ({d} days left)"),
            None => String::new(),
        }
    )
}

pub fn receive(app: &mut App, out: &Output, args: ReceiveArgs) -> Result<(), AppError> {
    let p = app.receive_purchase(&PurchaseInput {
        farmer_id: args.farmer,
        received_on: args.date,
        payment: args.payment,
        note: args.note,
        lines: args.lines,
    })?;
    out.print(&p, || {
        let lines: Vec<String> = p
            .lines
            .iter()
            .map(|l| {
                format!(
                    "  lot {}  {} {}  {} {} × ¥{} = ¥{}  best before {}",
                    l.lot_id,
                    l.product_name,
                    l.grade,
                    l.quantity,
                    l.unit,
                    l.unit_price,
                    l.line_total,
                    l.best_before.as_deref().unwrap_or("-")
                )
            })
            .collect();
        format!(
            "received {} from {} on {}: ¥{} ({})\n{}",
            p.id,
            p.farmer_name,
            p.received_on,
            p.total,
            p.payment,
            lines.join("\n")
        )
    });
    Ok(())
}

pub fn purchases(app: &mut App, out: &Output, args: ListArgs) -> Result<(), AppError> {
    let page = app.list_purchases(&ListQuery::from(&args))?;
    out.print(&page, || {
        page_text(
            page.items.iter().map(|p| {
                format!(
                    "{}  {}  {}  ¥{}  {}  {} lines",
                    p.id,
                    p.received_on,
                    p.farmer_name,
                    p.total,
                    p.payment,
                    p.lines.len()
                )
            }),
            page.total,
            args.offset,
        )
    });
    Ok(())
}

pub fn lots(app: &mut App, out: &Output, args: LotArgs) -> Result<(), AppError> {
    let page = app.list_lots(&LotQuery {
        search: args.search.clone(),
        product_id: args.product.clone(),
        include_empty: args.all,
        expiring_within_days: args.expiring,
        limit: args.limit,
        offset: args.offset,
        after: args.after.clone(),
    })?;
    out.print(&page, || {
        page_text(page.items.iter().map(lot_line), page.total, args.offset)
    });
    Ok(())
}

pub fn waste(app: &mut App, out: &Output, a: WasteArgs) -> Result<(), AppError> {
    let l = app.record_waste(&WasteInput {
        lot_id: a.lot,
        quantity: a.quantity,
        reason: a.reason,
        note: a.note,
    })?;
    out.print(&l, || format!("recorded; now {}", lot_line(&l)));
    Ok(())
}

pub fn stock(app: &mut App, out: &Output, a: StockArgs) -> Result<(), AppError> {
    match a.product {
        Some(id) => {
            let st = app.product_stock(&id)?;
            out.print(&st, || {
                format!(
                    "{}: {} {} on hand, {} reserved, {} available, in {} lots, cost ¥{}",
                    st.product_name,
                    st.on_hand,
                    st.stock_unit,
                    st.reserved,
                    st.available,
                    st.lots,
                    st.cost_on_hand
                )
            });
        }
        None => {
            let v = app.inventory_value()?;
            out.print(&v, || {
                format!("stock on hand cost ¥{} in {} lots", v.value, v.lots)
            });
        }
    }
    Ok(())
}

pub fn reverse(app: &mut App, out: &Output, a: ReverseArgs) -> Result<(), AppError> {
    let p = app.reverse_purchase(&ReversalInput {
        purchase_id: a.purchase,
        reason: a.reason,
        reversed_on: a.date,
    })?;
    out.print(&p, || {
        format!(
            "purchase {} from {} (¥{}) reversed on {}; its lots are empty",
            p.id,
            p.farmer_name,
            p.total,
            p.reversed_on.as_deref().unwrap_or("-")
        )
    });
    Ok(())
}

pub fn count(app: &mut App, out: &Output, a: CountArgs) -> Result<(), AppError> {
    let r = app.record_count(&CountInput {
        counted_on: a.date,
        note: a.note,
        lines: a.lines,
    })?;
    out.print(&r, || {
        let mut text: Vec<String> = r
            .lines
            .iter()
            .map(|l| {
                format!(
                    "  {} {}: expected {} {unit}, counted {} {unit}, difference {} (¥{})",
                    l.lot_id,
                    l.product_name,
                    l.expected,
                    l.counted,
                    l.difference,
                    l.cost,
                    unit = l.stock_unit
                )
            })
            .collect();
        text.push(format!(
            "count {} on {}: {} lots adjusted, net cost lost ¥{}",
            r.id, r.counted_on, r.adjusted, r.lost
        ));
        text.join("\n")
    });
    Ok(())
}
