//! Use cases: the reports as spreadsheets (XLSX) for the shop's accountant or its own records: the
//! sales report, the month's profit and loss, the purchase plan and the cost book. Each sheet has
//! a title line that says what it is and for which days, headings in the shop's language, money
//! and quantities as numbers a spreadsheet adds up, and is saved under `documents/reports/` with a
//! name in the shop's language.

use farmstall_documents::{render_workbook, Cell, Sheet};
use farmstall_domain::quantity::Unit;
use rust_decimal::Decimal;

use crate::expenses::ExpenseQuery;
use crate::sales::{channel_words, SalesFigures, SalesQuery};
use crate::statement::SavedDocument;
use crate::{App, AppError, Result};

/// Chinese or English words.
#[derive(Clone, Copy)]
struct Words {
    zh: bool,
}

impl Words {
    fn w(self, zh: &str, en: &str) -> String {
        if self.zh { zh } else { en }.to_string()
    }

    fn unit(self, code: &str) -> String {
        Unit::parse(code).map_or_else(|_| code.to_string(), |u| u.label(self.zh))
    }

    fn expense(self, category: &str) -> String {
        let (zh, en) = match category {
            "platform_fees" => ("平台费用与佣金", "Platform fees and commissions"),
            "advertising" => ("推广", "Advertising"),
            "electricity" => ("电费", "Electricity"),
            "vehicle" => ("车辆", "Vehicle"),
            "equipment" => ("设备", "Equipment"),
            "other" => ("其他费用", "Other expenses"),
            other => (other, other),
        };
        self.w(zh, en)
    }

    fn profit_line(self, code: &str) -> String {
        if let Some(category) = code.strip_prefix("expense:") {
            return self.expense(category);
        }
        let (zh, en) = match code {
            "revenue" => ("销售额", "Revenue"),
            "refunds" => ("退款", "Refunds"),
            "goods_cost" => ("货品成本", "Goods cost"),
            "packaging" => ("包材", "Packaging"),
            "shipping" => ("运费", "Shipping"),
            "spoilage" => ("损耗", "Spoilage"),
            "wages" => ("工资（已审批）", "Wages (approved)"),
            other => (other, other),
        };
        self.w(zh, en)
    }
}

fn save_workbook(app: &App, sheet: Sheet, stem: &str) -> Result<SavedDocument> {
    let bytes = render_workbook(&[sheet])
        .map_err(|e| AppError::Conflict(format!("the spreadsheet could not be made: {e}")))?;
    app.save_document("reports", stem, "xlsx", &bytes)
}

impl App {
    fn report_words(&mut self) -> Result<Words> {
        self.store.read(|tx| -> Result<Words> {
            Ok(Words {
                zh: farmstall_store::shop::language(tx)? == farmstall_domain::Language::ZhCn,
            })
        })
    }

    /// The sales report as a spreadsheet, saved under `documents/reports/`.
    pub fn export_sales_xlsx(&mut self, query: &SalesQuery) -> Result<SavedDocument> {
        let report = self.sales_report(query)?;
        let words = self.report_words()?;
        let w = |z: &str, e: &str| words.w(z, e);
        let figures = |f: &SalesFigures| {
            vec![
                Cell::Count(f.orders),
                Cell::Number(f.units.clone()),
                Cell::Money(f.revenue.clone()),
                Cell::Money(f.refunds.clone()),
                Cell::Money(f.goods_cost.clone()),
                Cell::Money(f.packaging.clone()),
                Cell::Money(f.shipping.clone()),
                Cell::Money(f.gross_profit.clone()),
                Cell::Percent(f.margin.clone()),
            ]
        };
        let (first, grouping) = match report.by.as_str() {
            "day" => (w("日期", "Day"), w("按日", "by day")),
            "week" => (w("周（周一）", "Week (Monday)"), w("按周", "by week")),
            "month" => (w("月份", "Month"), w("按月", "by month")),
            "year" => (w("年份", "Year"), w("按年", "by year")),
            "product" => (w("商品", "Product"), w("按商品", "by product")),
            "channel" => (w("渠道", "Channel"), w("按渠道", "by channel")),
            "province" => (w("省份", "Province"), w("按省份", "by province")),
            _ => (w("城市", "City"), w("按城市", "by city")),
        };
        let mut headings = vec![first];
        headings.extend([
            w("订单数", "Orders"),
            w("件数", "Units"),
            w("销售额", "Revenue"),
            w("退款", "Refunds"),
            w("货品成本", "Goods cost"),
            w("包材", "Packaging"),
            w("运费", "Shipping"),
            w("毛利", "Gross profit"),
            w("毛利率", "Margin"),
        ]);
        let rows = report
            .rows
            .iter()
            .map(|r| {
                let name = match report.by.as_str() {
                    "product" if !words.zh && !r.name_en.is_empty() => r.name_en.clone(),
                    "product" => r.parent.clone(),
                    "city" => format!("{} {}", r.parent, r.key),
                    "channel" => channel_words(&r.key, words.zh),
                    _ => r.key.clone(),
                };
                let mut row = vec![Cell::Text(name)];
                row.extend(figures(&r.figures));
                row
            })
            .collect();
        let mut totals = vec![Cell::Text(w("合计", "Total"))];
        totals.extend(figures(&report.total));
        let title = if words.zh {
            format!("销售报表（{grouping}） {} 至 {}", report.from, report.to)
        } else {
            format!("Sales {grouping}, {} to {}", report.from, report.to)
        };
        let stem = if words.zh {
            format!("销售-{grouping}-{}至{}", report.from, report.to)
        } else {
            format!("sales-{}-{}-{}", report.by, report.from, report.to)
        };
        save_workbook(
            self,
            Sheet {
                name: w("销售", "Sales"),
                title: Some(title),
                headings,
                rows,
                totals: Some(totals),
            },
            &stem,
        )
    }

    /// The month's profit and loss as a spreadsheet: each line with its sign and how many records
    /// it sums, and the profit.
    pub fn export_profit_xlsx(&mut self, month: &str) -> Result<SavedDocument> {
        let p = self.profit_statement(month)?;
        let words = self.report_words()?;
        let w = |z: &str, e: &str| words.w(z, e);
        let rows = p
            .lines
            .iter()
            .map(|l| {
                let signed = if l.code == "revenue" {
                    l.amount.clone()
                } else {
                    format!("-{}", l.amount)
                };
                vec![
                    Cell::Text(words.profit_line(&l.code)),
                    Cell::Money(signed),
                    Cell::Count(l.records),
                ]
            })
            .collect();
        let mut notes = Vec::new();
        if !p.wages_approved {
            notes.push(w("工资未审批，未计入", "wages not approved, not included"));
        }
        if p.without_goods_cost > 0 {
            notes.push(if words.zh {
                format!("{} 笔订单未打包，货品成本未计入", p.without_goods_cost)
            } else {
                format!(
                    "{} orders not packed: their goods cost is not in",
                    p.without_goods_cost
                )
            });
        }
        if p.partial {
            notes.push(w("本月未结束", "the month is not over"));
        }
        let title = if words.zh {
            format!("{} 利润表 {} 至 {}", p.month, p.from, p.to)
        } else {
            format!("Profit and loss {}, {} to {}", p.month, p.from, p.to)
        };
        let title = if notes.is_empty() {
            title
        } else {
            format!("{title} ({})", notes.join(w("；", "; ").as_str()))
        };
        save_workbook(
            self,
            Sheet {
                name: w("利润", "Profit"),
                title: Some(title),
                headings: vec![
                    w("项目", "Line"),
                    w("金额", "Amount"),
                    w("记录数", "Records"),
                ],
                rows,
                totals: Some(vec![
                    Cell::Text(w("利润", "Profit")),
                    Cell::Money(p.profit.clone()),
                    Cell::Text(String::new()),
                ]),
            },
            &if words.zh {
                format!("利润-{}", p.month)
            } else {
                format!("profit-{}", p.month)
            },
        )
    }

    /// The purchase plan as a spreadsheet: what to buy of each product this week, from whom.
    pub fn export_plan_xlsx(&mut self, safety_percent: &str) -> Result<SavedDocument> {
        let plan = self.purchase_plan(safety_percent)?;
        let words = self.report_words()?;
        let w = |z: &str, e: &str| words.w(z, e);
        let today = self.clock.today();
        let rows = plan
            .rows
            .iter()
            .map(|r| {
                let name = if !words.zh && !r.product_name_en.is_empty() {
                    r.product_name_en.clone()
                } else {
                    r.product_name.clone()
                };
                let farmers = r
                    .suppliers
                    .iter()
                    .map(|s| {
                        let grade = if s.grade.is_empty() {
                            String::new()
                        } else {
                            format!(" {}", s.grade)
                        };
                        format!(
                            "{}{grade} ¥{}/{} ({})",
                            s.farmer_name,
                            s.unit_price,
                            words.unit(&r.stock_unit),
                            s.last_on
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(if words.zh { "；" } else { "; " });
                vec![
                    Cell::Text(name),
                    Cell::Number(r.suggested.clone()),
                    Cell::Text(words.unit(&r.stock_unit)),
                    Cell::Count(u32::try_from(r.days).unwrap_or(0)),
                    Cell::Number(r.demand.clone()),
                    Cell::Number(r.on_hand.clone()),
                    Cell::Number(r.promised.clone()),
                    Cell::Number(r.safety.clone()),
                    Cell::Text(farmers),
                ]
            })
            .collect();
        let title = if words.zh {
            format!("{today} 采购建议（安全余量 {}%）", plan.safety_percent)
        } else {
            format!(
                "What to buy, {today} (safety margin {}%)",
                plan.safety_percent
            )
        };
        save_workbook(
            self,
            Sheet {
                name: w("采购建议", "Purchase plan"),
                title: Some(title),
                headings: vec![
                    w("商品", "Product"),
                    w("建议采购", "To buy"),
                    w("单位", "Unit"),
                    w("按几天算", "Days covered"),
                    w("预计卖出", "Expected sales"),
                    w("现有库存", "On hand"),
                    w("已被订单占用", "Promised to orders"),
                    w("安全余量", "Safety margin"),
                    w(
                        "最近供货的农户（价格、日期）",
                        "Recent farmers (price, date)",
                    ),
                ],
                rows,
                totals: None,
            },
            &if words.zh {
                format!("采购建议-{today}")
            } else {
                format!("purchase-plan-{today}")
            },
        )
    }

    /// The cost book for the query's days as a spreadsheet (voided expenses left out unless
    /// asked for, and marked), with the total.
    pub fn export_expenses_xlsx(&mut self, query: &ExpenseQuery) -> Result<SavedDocument> {
        let mut all = ExpenseQuery {
            offset: 0,
            limit: crate::expenses::MAX_PAGE,
            ..query.clone()
        };
        let mut page = self.list_expenses(&all)?;
        let (from, to) = (page.from.clone(), page.to.clone());
        let mut items = std::mem::take(&mut page.items);
        while items.len() < usize::try_from(page.total).unwrap_or(usize::MAX) {
            all.offset = u32::try_from(items.len()).unwrap_or(u32::MAX);
            let next = self.list_expenses(&all)?;
            if next.items.is_empty() {
                break;
            }
            items.extend(next.items);
        }
        let words = self.report_words()?;
        let w = |z: &str, e: &str| words.w(z, e);
        let mut total = Decimal::ZERO;
        let rows = items
            .iter()
            .map(|e| {
                if !e.voided {
                    total += e.amount.parse::<Decimal>().unwrap_or_default();
                }
                vec![
                    Cell::Text(e.spent_on.clone()),
                    Cell::Text(words.expense(&e.category)),
                    Cell::Money(e.amount.clone()),
                    Cell::Text(e.note.clone()),
                    Cell::Text(if e.voided {
                        w("已作废（不计入）", "voided (not counted)")
                    } else {
                        String::new()
                    }),
                ]
            })
            .collect();
        let title = if words.zh {
            format!("费用 {from} 至 {to}")
        } else {
            format!("Expenses, {from} to {to}")
        };
        save_workbook(
            self,
            Sheet {
                name: w("费用", "Expenses"),
                title: Some(title),
                headings: vec![
                    w("日期", "Date"),
                    w("类别", "Category"),
                    w("金额", "Amount"),
                    w("备注", "Note"),
                    w("状态", "Status"),
                ],
                rows,
                totals: Some(vec![
                    Cell::Text(w("合计", "Total")),
                    Cell::Text(String::new()),
                    Cell::Money(format!("{:.2}", total)),
                    Cell::Text(String::new()),
                    Cell::Text(String::new()),
                ]),
            },
            &if words.zh {
                format!("费用-{from}至{to}")
            } else {
                format!("expenses-{from}-{to}")
            },
        )
    }
}
