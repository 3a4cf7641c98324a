//! The whole shop's forecasts: 300 products × 260 weeks (two thirds seasonal kiwi lines of
//! different sizes, one third slow products), forecast and backtest each, on one thread.
//! Prints the median of 5 runs; the goal is under 2 s in release.

#[path = "../tests/common/synth.rs"]
mod synth;

use std::time::{Duration, Instant};

use farmstall_forecast::{forecast, overall, Method};

const PRODUCTS: u64 = 300;
const WEEKS: usize = 260;
const RUNS: usize = 5;

fn main() {
    let shop: Vec<Vec<f64>> = (0..PRODUCTS)
        .map(|i| {
            if i % 3 == 2 {
                synth::intermittent(WEEKS, i, 0.05 + 0.4 * (i % 10) as f64 / 10.0)
            } else {
                synth::kiwi(WEEKS, i, 5.0 + (i % 40) as f64 * 5.0)
            }
        })
        .collect();

    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut backtests = Vec::new();
    for _ in 0..RUNS {
        let start = Instant::now();
        backtests = shop
            .iter()
            .filter_map(|weekly| forecast(weekly).ok().map(|(_, b)| b))
            .collect();
        times.push(start.elapsed());
    }
    times.sort();
    let median = times[RUNS / 2];

    let chosen = |m: Method| backtests.iter().filter(|b| b.chosen == m).count();
    let all = overall(&backtests);
    println!(
        "forecast+backtest of {} products x {WEEKS} weeks: median {:.3} s over {RUNS} runs \
         ({:.2} ms a product; runs {:?})",
        backtests.len(),
        median.as_secs_f64(),
        median.as_secs_f64() * 1000.0 / backtests.len().max(1) as f64,
        times
            .iter()
            .map(|t| format!("{:.3}", t.as_secs_f64()))
            .collect::<Vec<_>>(),
    );
    println!(
        "chosen: {} mstl_ets, {} croston, {} tsb, {} seasonal_naive, {} naive",
        chosen(Method::Ets),
        chosen(Method::Croston),
        chosen(Method::Tsb),
        chosen(Method::SeasonalNaive),
        chosen(Method::Naive),
    );
    println!(
        "test weeks, whole shop: chosen MASE {:.3} wMAPE {:.3}; seasonal naive MASE {:.3} \
         wMAPE {:.3}; naive MASE {:.3} wMAPE {:.3}",
        all.chosen.mase,
        all.chosen.wmape,
        all.seasonal_naive.mase,
        all.seasonal_naive.wmape,
        all.naive.mase,
        all.naive.wmape,
    );
}
