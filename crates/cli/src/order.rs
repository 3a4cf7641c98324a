//! `order ...`: enter, find, pay, pack, ship, label, return, cancel.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use farmstall_app::orders::{
    OrderDto, OrderInput, OrderLineInput, OrderQuery, PackInput, RecipientInput, ShipInput,
};
use farmstall_app::production::InputLine;
use farmstall_app::returns::{ReturnInput, ReturnLineInput};
use farmstall_app::scan::AssignWaybillsInput;
use farmstall_app::shipping::{LabelRequest, PickListQuery};
use farmstall_app::{App, AppError};

use crate::lines;
use crate::output::{page_text, print_saved, Output};

#[derive(Subcommand, Debug)]
pub enum OrderCommand {
    /// Enter an order; each --line is product=ID,quantity=N[,price=P][,discount=D] (quantity in sale units)
    Add(Box<OrderArgs>),
    /// Orders, newest first
    List {
        /// Order number, buyer, recipient, phone, address, waybill (Chinese works)
        #[arg(long, default_value = "")]
        search: String,
        /// waiting_payment, paid, packing, packed, shipped, finished, cancelled, refunded (repeat)
        #[arg(long = "state")]
        states: Vec<String>,
        #[arg(long, default_value = "")]
        source: String,
        #[arg(long, default_value = "")]
        province: String,
        #[arg(long, default_value = "")]
        product: String,
        /// YYYY-MM-DD
        #[arg(long, default_value = "")]
        from: String,
        #[arg(long, default_value = "")]
        to: String,
        /// newest, oldest or total
        #[arg(long, default_value = "")]
        sort: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        /// Start after the row with this id (the `next` of the page before in --json output):
        /// as quick deep in a long list as at its top. Purchases, lots and orders page this way.
        #[arg(long)]
        after: Option<String>,
    },
    Show {
        id: String,
    },
    /// The buyer paid: reserve the goods
    Pay {
        id: String,
    },
    /// Pack: goods leave their lots FEFO; --packaging product=ID,quantity=N (repeat)
    Pack {
        id: String,
        #[arg(long = "packaging", value_parser = lines::input_line)]
        packaging: Vec<InputLine>,
        /// Parcel weight in kg
        #[arg(long, default_value = "")]
        weight_kg: String,
        /// Who packed it (default: the family member working, see `member use`)
        #[arg(long, default_value = "")]
        by: String,
        /// Take the packaging the rules suggest (added to any --packaging)
        #[arg(long)]
        suggested: bool,
    },
    /// Put a packed order's goods back into their lots (it waits to be packed again)
    Unpack {
        id: String,
    },
    /// Hand a packed order to the courier
    Ship {
        id: String,
        /// SF, ZTO, YTO, STO, YUNDA, JD or EMS (or 顺丰, 中通, ...)
        #[arg(long)]
        courier: String,
        #[arg(long)]
        waybill: String,
        /// What the courier charges, yuan
        #[arg(long, default_value = "")]
        cost: String,
    },
    /// Give a packed order its courier and waybill (to print its label before it ships);
    /// --next takes the next number of a range bought from the courier (see `waybill-range`)
    Waybill {
        id: String,
        #[arg(long)]
        courier: String,
        #[arg(long, default_value = "", required_unless_present = "next")]
        waybill: String,
        #[arg(long)]
        next: bool,
        #[arg(long, default_value = "")]
        cost: String,
    },
    /// Undo a ship scan: a shipped order is packed again (refused once the marketplace was told)
    Unship {
        id: String,
    },
    /// Give each order without a waybill the next number of the courier's bought ranges, all or
    /// none (orders with a waybill keep it)
    AssignWaybills {
        /// SF, ZTO, YTO, STO, YUNDA, JD or EMS (or 顺丰, 中通, ...)
        #[arg(long)]
        courier: String,
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// What to pick for these orders, and from which lots (first expiry first)
    Pick {
        #[arg(required = true)]
        ids: Vec<String>,
    },
    /// Print labels: --format 100x150|100x180|76x130|a4|tspl|zpl; saved in the data folder, and copied to --out
    Label {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long, default_value = "100x150")]
        format: String,
        /// Label size for tspl/zpl
        #[arg(long, default_value = "100x150")]
        size: String,
        #[arg(long, default_value_t = 203)]
        dpi: u32,
        /// Print phones as 138****5678
        #[arg(long)]
        mask_phone: bool,
        /// In the pick list's order (by each order's first product by name, then order number)
        #[arg(long)]
        pick_order: bool,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The buyer received it
    Finish {
        id: String,
    },
    /// Orders whose number, buyer, recipient, phone, address or waybill contain TEXT
    Search {
        text: String,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// The packaging the rules suggest for an order
    Suggest {
        id: String,
    },
    /// The pick list of these orders as an A4 PDF (saved in the data folder, copied to --out)
    PickPdf {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Packing slips of packed orders as one PDF (saved in the data folder, copied to --out)
    Slip {
        #[arg(required = true)]
        ids: Vec<String>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Goods back after shipping; each --line is product=ID,quantity=N,disposition=restock|waste[,reason=spoiled]
    Return {
        id: String,
        #[arg(long = "line", value_parser = lines::return_line)]
        lines: Vec<ReturnLineInput>,
        /// Yuan given back
        #[arg(long, default_value = "")]
        refund: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Cancel before packing: release what was reserved
    Cancel {
        id: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

impl OrderCommand {
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            OrderCommand::List { .. }
                | OrderCommand::Show { .. }
                | OrderCommand::Pick { .. }
                | OrderCommand::Search { .. }
                | OrderCommand::Suggest { .. }
        )
    }
}

#[derive(Args, Debug)]
pub struct OrderArgs {
    /// marketplace, wechat, phone or market
    #[arg(long, default_value = "wechat")]
    source: String,
    #[arg(long, default_value = "")]
    platform_id: String,
    #[arg(long, default_value = "")]
    buyer: String,
    #[arg(long)]
    name: String,
    #[arg(long)]
    phone: String,
    #[arg(long)]
    province: String,
    #[arg(long, default_value = "")]
    city: String,
    #[arg(long, default_value = "")]
    district: String,
    #[arg(long)]
    street: String,
    #[arg(long, default_value = "")]
    postcode: String,
    #[arg(long = "line", required = true, value_parser = lines::order_line)]
    lines: Vec<OrderLineInput>,
    /// Yuan
    #[arg(long, default_value = "")]
    shipping_fee: String,
    #[arg(long, default_value = "")]
    buyer_note: String,
    #[arg(long, default_value = "")]
    seller_note: String,
    /// YYYY-MM-DD (default today)
    #[arg(long, default_value = "")]
    date: String,
    /// paid (default) or waiting_payment
    #[arg(long, default_value = "")]
    state: String,
}

fn order_line(o: &OrderDto) -> String {
    let items: Vec<String> = o
        .lines
        .iter()
        .map(|l| format!("{} ×{}", l.product_name, l.quantity))
        .collect();
    format!(
        "{}  {}  {}  {} {} {}{}  {}  ¥{}  {}",
        o.id,
        o.number,
        o.ordered_on,
        o.recipient.name,
        o.recipient.phone,
        o.recipient.province,
        o.recipient.city,
        items.join(", "),
        o.total,
        o.state
    )
}

pub fn run(app: &mut App, out: &Output, command: OrderCommand) -> Result<(), AppError> {
    match command {
        OrderCommand::Add(a) => {
            let a = *a;
            let o = app.create_order(&OrderInput {
                source: a.source,
                platform_order_id: a.platform_id,
                buyer: a.buyer,
                recipient: RecipientInput {
                    name: a.name,
                    phone: a.phone,
                    province: a.province,
                    city: a.city,
                    district: a.district,
                    street: a.street,
                    postcode: a.postcode,
                },
                lines: a.lines,
                shipping_fee: a.shipping_fee,
                buyer_note: a.buyer_note,
                seller_note: a.seller_note,
                ordered_on: a.date,
                state: a.state,
            })?;
            out.print(&o, || format!("added {}", order_line(&o)));
        }
        OrderCommand::List {
            search,
            states,
            source,
            province,
            product,
            from,
            to,
            sort,
            limit,
            offset,
            after,
        } => {
            let page = app.list_orders(&OrderQuery {
                states,
                from,
                to,
                product_id: product,
                province,
                source,
                search,
                sort,
                limit,
                offset,
                after,
            })?;
            out.print(&page, || {
                page_text(page.items.iter().map(order_line), page.total, offset)
            });
        }
        OrderCommand::Show { id } => {
            let o = app.get_order(&id)?;
            out.print(&o, || order_line(&o));
        }
        OrderCommand::Pay { id } => {
            let o = app.mark_order_paid(&id)?;
            out.print(&o, || format!("paid: {}", order_line(&o)));
        }
        OrderCommand::Pack {
            id,
            mut packaging,
            mut weight_kg,
            by,
            suggested,
        } => {
            if suggested {
                let s = app.suggest_packaging(&id)?;
                packaging.extend(s.packaging);
                if weight_kg.is_empty() {
                    weight_kg = s.weight_kg;
                }
            }
            let o = app.pack_order(&PackInput {
                order_id: id,
                packaging,
                weight_kg,
                packed_by: by,
            })?;
            out.print(&o, || {
                format!(
                    "packed: {}  goods cost ¥{}, packaging ¥{}, margin ¥{}",
                    order_line(&o),
                    o.goods_cost.as_deref().unwrap_or("-"),
                    o.packaging_cost.as_deref().unwrap_or("-"),
                    o.margin.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Unship { id } => {
            let o = app.unship_order(&id)?;
            out.print(&o, || format!("back to packed: {}", order_line(&o)));
        }
        OrderCommand::AssignWaybills { courier, ids } => {
            let a = app.assign_waybills(&AssignWaybillsInput {
                order_ids: ids,
                courier,
            })?;
            out.print(&a, || {
                let mut text = vec![format!("{} given, {} kept", a.given, a.kept)];
                for o in &a.orders {
                    text.push(format!(
                        "{}  {} {}{}",
                        o.number,
                        o.courier,
                        o.waybill,
                        if o.kept { "  (kept)" } else { "" }
                    ));
                }
                text.join("\n")
            });
        }
        OrderCommand::Unpack { id } => {
            let o = app.unpack_order(&id)?;
            out.print(&o, || format!("unpacked: {}", order_line(&o)));
        }
        OrderCommand::Ship {
            id,
            courier,
            waybill,
            cost,
        } => {
            let o = app.ship_order(&ShipInput {
                order_id: id,
                courier,
                waybill,
                shipping_cost: cost,
            })?;
            out.print(&o, || {
                format!(
                    "shipped: {}  {} {}, margin ¥{}",
                    order_line(&o),
                    o.courier.as_deref().unwrap_or("-"),
                    o.waybill.as_deref().unwrap_or("-"),
                    o.margin.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Waybill {
            id,
            courier,
            waybill,
            next,
            cost,
        } => {
            let o = if next {
                app.take_waybill(&id, &courier)?
            } else {
                app.set_waybill(&ShipInput {
                    order_id: id,
                    courier,
                    waybill,
                    shipping_cost: cost,
                })?
            };
            out.print(&o, || {
                format!(
                    "{}: {} {}",
                    o.number,
                    o.courier.as_deref().unwrap_or("-"),
                    o.waybill.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Pick { ids } => {
            let p = app.pick_list(&PickListQuery { order_ids: ids })?;
            out.print(&p, || {
                let mut text = vec![format!("{} orders", p.orders)];
                for product in &p.products {
                    let lots: Vec<String> = product
                        .lots
                        .iter()
                        .map(|l| {
                            format!(
                                "{} from lot {} (best before {})",
                                l.quantity,
                                l.lot_id,
                                l.best_before.as_deref().unwrap_or("-")
                            )
                        })
                        .collect();
                    text.push(format!(
                        "  {} {} {} for {} orders: {}{}",
                        product.product_name,
                        product.quantity,
                        product.stock_unit,
                        product.orders,
                        lots.join("; "),
                        if product.short == "0" {
                            String::new()
                        } else {
                            format!("  SHORT {}", product.short)
                        }
                    ));
                }
                text.join("\n")
            });
        }
        OrderCommand::Label {
            ids,
            format,
            size,
            dpi,
            mask_phone,
            pick_order,
            out: copy_to,
        } => {
            let saved = app.print_labels(&LabelRequest {
                order_ids: ids,
                format,
                size,
                dpi,
                mask_phone,
                sort: if pick_order {
                    "pick".into()
                } else {
                    String::new()
                },
            })?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        OrderCommand::Search { text, limit } => {
            let page = app.list_orders(&OrderQuery {
                search: text,
                limit,
                ..OrderQuery::default()
            })?;
            out.print(&page, || {
                let mut lines: Vec<String> = page.items.iter().map(order_line).collect();
                lines.push(format!("{} found", page.total));
                lines.join("\n")
            });
        }
        OrderCommand::Suggest { id } => {
            let s = app.suggest_packaging(&id)?;
            out.print(&s, || {
                let mut lines = s.reasons.clone();
                for l in &s.packaging {
                    lines.push(format!("  {} × {}", l.product_id, l.quantity));
                }
                for name in &s.unmatched {
                    lines.push(format!("  no rule for {name}"));
                }
                lines.join("\n")
            });
        }
        OrderCommand::PickPdf { ids, out: copy_to } => {
            let saved = app.print_pick_list(&PickListQuery { order_ids: ids })?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        OrderCommand::Slip { ids, out: copy_to } => {
            let saved = app.print_packing_slips(&ids)?;
            print_saved(out, &saved, copy_to.as_deref())?;
        }
        OrderCommand::Return {
            id,
            lines,
            refund,
            note,
        } => {
            let o = app.return_order(&ReturnInput {
                order_id: id,
                lines,
                refund,
                note,
            })?;
            out.print(&o, || {
                format!(
                    "returned: {}  refunded ¥{}, margin ¥{}",
                    order_line(&o),
                    o.refunded,
                    o.margin.as_deref().unwrap_or("-")
                )
            });
        }
        OrderCommand::Finish { id } => {
            let o = app.finish_order(&id)?;
            out.print(&o, || format!("finished: {}", order_line(&o)));
        }
        OrderCommand::Cancel { id, note } => {
            let o = app.cancel_order(&id, &note)?;
            out.print(&o, || format!("cancelled: {}", order_line(&o)));
        }
    }
    Ok(())
}
