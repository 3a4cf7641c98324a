//! The one parser of `key=value,key=value` arguments (`--line`, `--input`, `--packaging`,
//! `--scheme`): each command names its keys and where each value goes; splitting, trimming and
//! the error messages live here once.

use farmstall_app::orders::OrderLineInput;
use farmstall_app::payroll::{SchemeInput, WorkCellInput};
use farmstall_app::production::InputLine;
use farmstall_app::returns::ReturnLineInput;
use farmstall_app::stock::{CountLineInput, PurchaseLineInput};

/// Puts a value where it belongs in `T`.
type Setter<T> = fn(&mut T, String);

/// Parses `spec` into a `T`: parts are split at commas, empty parts skipped, keys and values
/// trimmed. `keys` names each key (`quantity|qty`: a key and its aliases; the first is the one
/// an error suggests). An unknown key or a part without `=` is an error clap reports.
pub fn parse<T: Default>(spec: &str, keys: &[(&str, Setter<T>)]) -> Result<T, String> {
    let mut value = T::default();
    for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (key, text) = part
            .split_once('=')
            .ok_or_else(|| format!("{part:?} is not key=value"))?;
        let key = key.trim();
        let Some((_, set)) = keys
            .iter()
            .find(|(names, _)| names.split('|').any(|n| n == key))
        else {
            let names: Vec<&str> = keys
                .iter()
                .map(|(names, _)| names.split('|').next().unwrap_or(names))
                .collect();
            return Err(format!("unknown key {key:?} (use {})", names.join(", ")));
        };
        set(&mut value, text.trim().to_string());
    }
    Ok(value)
}

/// `product=ID,quantity=23.5[,unit=斤][,price=3.275 | ,total=76.96][,grade=特级][,harvested=DATE][,best-before=DATE]`
pub fn purchase_line(spec: &str) -> Result<PurchaseLineInput, String> {
    parse::<PurchaseLineInput>(
        spec,
        &[
            ("product", |l, v| l.product_id = v),
            ("quantity|qty", |l, v| l.quantity = v),
            ("unit", |l, v| l.unit = v),
            ("price", |l, v| l.unit_price = v),
            ("total", |l, v| l.line_total = v),
            ("grade", |l, v| l.grade = v),
            ("harvested", |l, v| l.harvested_on = v),
            ("best-before", |l, v| l.best_before = v),
        ],
    )
}

/// `lot=ID,counted=Q`
pub fn count_line(spec: &str) -> Result<CountLineInput, String> {
    parse::<CountLineInput>(
        spec,
        &[
            ("lot", |l, v| l.lot_id = v),
            ("counted", |l, v| l.counted = v),
        ],
    )
}

/// `product=ID,quantity=Q`
pub fn input_line(spec: &str) -> Result<InputLine, String> {
    parse::<InputLine>(
        spec,
        &[
            ("product", |l, v| l.product_id = v),
            ("quantity|qty", |l, v| l.quantity = v),
        ],
    )
}

/// `product=ID,quantity=N[,price=P][,discount=D]`
pub fn order_line(spec: &str) -> Result<OrderLineInput, String> {
    parse::<OrderLineInput>(
        spec,
        &[
            ("product", |l, v| l.product_id = v),
            ("quantity|qty", |l, v| l.quantity = v),
            ("price", |l, v| l.unit_price = v),
            ("discount", |l, v| l.discount = v),
        ],
    )
}

/// `product=ID,quantity=N,disposition=restock|waste[,reason=spoiled]`
pub fn return_line(spec: &str) -> Result<ReturnLineInput, String> {
    parse::<ReturnLineInput>(
        spec,
        &[
            ("product", |l, v| l.product_id = v),
            ("quantity|qty", |l, v| l.quantity = v),
            ("disposition", |l, v| l.disposition = v),
            ("reason", |l, v| l.reason = v),
        ],
    )
}

/// `kind=daily|hourly|monthly|piece[,work=box_packed],rate=150`
pub fn scheme(spec: &str) -> Result<SchemeInput, String> {
    parse::<SchemeInput>(
        spec,
        &[
            ("kind", |s, v| s.kind = v),
            ("work", |s, v| s.work = v),
            ("rate", |s, v| s.rate = v),
        ],
    )
}

/// `date=2026-11-17,kind=days|hours|pieces[,work=jin_sorted],quantity=1` (`quantity=` empties the cell)
pub fn work_cell(spec: &str) -> Result<WorkCellInput, String> {
    parse::<WorkCellInput>(
        spec,
        &[
            ("date", |c, v| c.date = v),
            ("kind", |c, v| c.kind = v),
            ("work", |c, v| c.work = v),
            ("quantity|qty", |c, v| c.quantity = v),
        ],
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn keys_aliases_and_errors_read_as_before() {
        let line = purchase_line(" product = P1 , qty=23.5,, best-before=2026-12-01 ")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (
                line.product_id.as_str(),
                line.quantity.as_str(),
                line.best_before.as_str()
            ),
            ("P1", "23.5", "2026-12-01")
        );
        assert_eq!(
            count_line("lot=L,weight=3").err().as_deref(),
            Some("unknown key \"weight\" (use lot, counted)")
        );
        assert_eq!(
            order_line("product").err().as_deref(),
            Some("\"product\" is not key=value")
        );
        assert_eq!(
            input_line("price=3").err().as_deref(),
            Some("unknown key \"price\" (use product, quantity)")
        );
        let cell = work_cell("date=2026-11-17, kind=pieces,work=jin_sorted,qty=30")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (
                cell.date.as_str(),
                cell.kind.as_str(),
                cell.work.as_str(),
                cell.quantity.as_str()
            ),
            ("2026-11-17", "pieces", "jin_sorted", "30")
        );
    }

    proptest! {
        /// Whatever a script passes, a line parser answers Ok or a message, never a panic.
        #[test]
        fn no_line_parser_panics(spec in any::<String>(), keyed in "[a-z=, -]{0,40}(=[^,]{0,10})?") {
            for spec in [spec.as_str(), keyed.as_str()] {
                let _ = purchase_line(spec);
                let _ = count_line(spec);
                let _ = input_line(spec);
                let _ = order_line(spec);
                let _ = return_line(spec);
                let _ = scheme(spec);
                let _ = work_cell(spec);
            }
        }
    }
}
