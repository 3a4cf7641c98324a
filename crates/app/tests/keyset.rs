//! Keyset paging: walking a long list page by page with `after` (each page's `next`) gives
//! exactly the rows, in the order, that one big page gives, for every sort that pages this way;
//! a row that is gone falls back to the offset; an `after` that is no id is a clear error.

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use farmstall_app::dto::ListQuery;
use farmstall_app::orders::OrderQuery;
use farmstall_app::stock::LotQuery;
use farmstall_app::{App, AppError, IpcError, Origin};
use farmstall_domain::{FixedClock, Id};

fn ok<T>(result: Result<T, AppError>) -> T {
    result.unwrap_or_else(|e| panic!("{e}"))
}

/// A generated year of a shop: about 150 lots (many used up), their purchases, 400 orders.
fn shop() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let end = Utc
        .with_ymd_and_hms(2021, 11, 1, 2, 0, 0)
        .single()
        .unwrap_or_default();
    let mut app = ok(App::open_with_clock(
        &dir.path().join("farmstall.db"),
        Origin::System,
        Arc::new(FixedClock::new(end)),
    ));
    ok(farmstall_app::generate::generate_sized(
        &mut app, 1, 7, 150, 400,
    ));
    (dir, app)
}

const PAGE: u32 = 5;

/// Every row's id, page after page: each page asks `after` the `next` of the one before, and
/// its offset goes up as the screen's would (it must not matter). Checks that no page but the
/// last is short.
fn walk(mut page: impl FnMut(u32, Option<String>) -> (Vec<String>, Option<String>)) -> Vec<String> {
    let mut ids = Vec::new();
    let mut after = None;
    let mut offset = 0;
    loop {
        let (items, next) = page(offset, after.take());
        let n = items.len();
        ids.extend(items);
        match next {
            Some(next) => {
                assert_eq!(n, PAGE as usize, "a page with a next is full");
                after = Some(next);
                offset += PAGE;
            }
            None => {
                assert!(n <= PAGE as usize);
                return ids;
            }
        }
        assert!(ids.len() < 10_000, "the walk never ends");
    }
}

#[test]
fn walking_every_list_by_key_gives_the_same_rows_as_one_big_page() {
    let (_dir, mut app) = shop();

    for include_empty in [true, false] {
        let query = |limit: u32, after: Option<String>| LotQuery {
            include_empty,
            limit,
            after,
            ..LotQuery::default()
        };
        let all = ok(app.list_lots(&query(500, None)));
        assert!(all.next.is_none() && all.items.len() < 500);
        assert!(
            all.items.len() > 3 * PAGE as usize,
            "too few lots to page: {} (include_empty: {include_empty})",
            all.items.len()
        );
        let walked = walk(|offset, after| {
            let p = ok(app.list_lots(&LotQuery {
                offset,
                ..query(PAGE, after)
            }));
            assert_eq!(p.total, all.total);
            (p.items.into_iter().map(|l| l.id).collect(), p.next)
        });
        let expected: Vec<String> = all.items.into_iter().map(|l| l.id).collect();
        assert_eq!(walked, expected, "lots (include_empty: {include_empty})");
    }

    let all = ok(app.list_purchases(&ListQuery {
        limit: 500,
        ..ListQuery::default()
    }));
    assert!(
        all.items.len() > 3 * PAGE as usize,
        "too few purchases to page"
    );
    let walked = walk(|offset, after| {
        let p = ok(app.list_purchases(&ListQuery {
            limit: PAGE,
            offset,
            after,
            ..ListQuery::default()
        }));
        (p.items.into_iter().map(|p| p.id).collect(), p.next)
    });
    let expected: Vec<String> = all.items.into_iter().map(|p| p.id).collect();
    assert_eq!(walked, expected, "purchases");

    for sort in ["newest", "oldest", "total", "due"] {
        for states in [
            vec![],
            vec!["finished".to_string(), "cancelled".to_string()],
        ] {
            let query = |limit: u32, after: Option<String>| OrderQuery {
                sort: sort.into(),
                states: states.clone(),
                limit,
                after,
                ..OrderQuery::default()
            };
            let all = ok(app.list_orders(&query(500, None)));
            assert!(
                all.items.len() > 3 * PAGE as usize,
                "too few orders to page"
            );
            let walked = walk(|offset, after| {
                let p = ok(app.list_orders(&OrderQuery {
                    offset,
                    ..query(PAGE, after)
                }));
                (p.items.into_iter().map(|o| o.id).collect(), p.next)
            });
            let expected: Vec<String> = all.items.into_iter().map(|o| o.id).collect();
            assert_eq!(walked, expected, "orders sorted {sort}, states {states:?}");
        }
    }
}

#[test]
fn a_row_that_is_gone_pages_by_offset_and_a_bad_after_is_named() {
    let (_dir, mut app) = shop();
    let query = |after: Option<String>| OrderQuery {
        limit: PAGE,
        offset: 2 * PAGE,
        after,
        ..OrderQuery::default()
    };
    let by_offset = ok(app.list_orders(&query(None)));
    let gone = ok(app.list_orders(&query(Some(Id::generate().to_string()))));
    assert_eq!(gone.items, by_offset.items);
    assert_eq!(gone.next, by_offset.next);

    for bad in ["not an id", "42", "'; DROP TABLE orders; --"] {
        let refused = app.list_orders(&query(Some(bad.into())));
        let fields: Vec<String> = match refused {
            Err(e) => IpcError::from(&e)
                .errors
                .into_iter()
                .map(|i| i.field)
                .collect(),
            Ok(p) => panic!("after {bad:?} answered {} orders", p.items.len()),
        };
        assert_eq!(fields, ["after"]);
        let refused = app.list_lots(&LotQuery {
            after: Some(bad.into()),
            ..LotQuery::default()
        });
        assert!(refused.is_err(), "lots after {bad:?}");
        let refused = app.list_purchases(&ListQuery {
            after: Some(bad.into()),
            ..ListQuery::default()
        });
        assert!(refused.is_err(), "purchases after {bad:?}");
    }
}

#[test]
fn a_search_with_filters_finds_what_the_search_alone_finds_in_those_filters() {
    // With a state or province beside a search, the search's index drives the query when it
    // finds few orders; the answer must be the same as filtering the search's orders.
    let (_dir, mut app) = shop();
    let everything = ok(app.list_orders(&OrderQuery {
        limit: 500,
        ..OrderQuery::default()
    }));
    let some = &everything.items[everything.items.len() / 2];
    let name: String = some.recipient.name.chars().collect();
    let mut terms = vec![
        name.chars().take(2).collect::<String>(),
        some.recipient.street.chars().take(4).collect::<String>(),
    ];
    if name.chars().count() >= 3 {
        terms.push(name.clone());
    }
    for search in terms {
        let found = ok(app.list_orders(&OrderQuery {
            search: search.clone(),
            limit: 500,
            ..OrderQuery::default()
        }));
        assert!(!found.items.is_empty(), "{search:?} finds its own order");
        for (states, province) in [
            (vec![some.state.clone()], String::new()),
            (vec![], some.recipient.province.clone()),
            (
                vec!["finished".to_string(), some.state.clone()],
                some.recipient.province.clone(),
            ),
        ] {
            let filtered = ok(app.list_orders(&OrderQuery {
                search: search.clone(),
                states: states.clone(),
                province: province.clone(),
                limit: 500,
                ..OrderQuery::default()
            }));
            let expected: Vec<&String> = found
                .items
                .iter()
                .filter(|o| states.is_empty() || states.contains(&o.state))
                .filter(|o| province.is_empty() || o.recipient.province == province)
                .map(|o| &o.id)
                .collect();
            let got: Vec<&String> = filtered.items.iter().map(|o| &o.id).collect();
            assert_eq!(got, expected, "{search:?} in {states:?} {province:?}");
            assert_eq!(filtered.total as usize, expected.len());
            assert!(
                got.contains(&&some.id),
                "{search:?} in {states:?} {province:?}"
            );
        }
    }
}

#[test]
fn the_payables_count_kept_by_triggers_is_the_count_of_open_accounts() {
    let (_dir, mut app) = shop();
    let everyone = ok(app.farmer_balances(&ListQuery {
        include_archived: true,
        limit: 500,
        ..ListQuery::default()
    }));
    let open = everyone
        .items
        .iter()
        .filter(|b| b.owed != "0.00" || b.paid != "0.00")
        .count();
    assert!(open > 0 && open < 500);
    let page = ok(app.farmer_balances(&ListQuery {
        limit: 5,
        ..ListQuery::default()
    }));
    assert_eq!(page.total as usize, open);
    assert_eq!(page.items.len(), 5.min(open));
    // Largest balance first.
    let balances: Vec<f64> = page
        .items
        .iter()
        .map(|b| b.balance.parse().unwrap_or(f64::NAN))
        .collect();
    assert!(balances.windows(2).all(|w| w[0] >= w[1]), "{balances:?}");
}
