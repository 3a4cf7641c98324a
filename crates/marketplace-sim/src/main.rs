//! The simulator as a program: parses its options, starts the simulator, prints how to reach it and
//! serves until killed. See the crate docs for the options.

use std::process::ExitCode;

use farmstall_marketplace_sim::{Config, Faults, ShopConfig, Simulator};

const USAGE: &str = "\
farmstall-marketplace-sim: a Taobao Open Platform simulator on 127.0.0.1

Usage: farmstall-marketplace-sim [--demo | --app-key K --secret S --session T] [options]

  --demo                    the demo kiwi shop, with orders at start
  --app-key K --secret S --session T
                            the shop's credentials (without --demo)
  --port N                  port on 127.0.0.1 (default 8787; 0 = any free port)
  --seed N                  seed of buyers and faults (default 1; the demo's own with --demo)
  --orders-per-minute N     background buyers (default 3 with --demo, else 0)
  --latency-ms MIN-MAX      latency of every call, drawn in this range
  --server-error-share S    share of calls answered HTTP 5xx (0..1)
  --isp-share S             share of calls answered code 15 isp.*
  --ban-share S             share of calls answered code 7, starting a ban
  --ban-seconds N           length of those bans (default 5)
  --drop-share S            share of calls whose connection drops mid-answer
  --page-shift-share S      share of later-page reads that shift the pages first
  --help                    this text
";

struct Options {
    config: Config,
}

fn value<'a>(args: &'a [String], i: &mut usize, name: &str) -> Result<&'a str, String> {
    *i += 1;
    args.get(*i)
        .map(String::as_str)
        .ok_or_else(|| format!("{name} needs a value"))
}

fn number<T: std::str::FromStr>(text: &str, name: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{name}: {text} is not a valid number"))
}

fn parse(args: &[String]) -> Result<Option<Options>, String> {
    let mut demo = false;
    let (mut app_key, mut secret, mut session) = (None, None, None);
    let mut port: u16 = 8787;
    let mut seed: Option<u64> = None;
    let mut per_minute: Option<u32> = None;
    let mut faults = Faults {
        ban_seconds: 5,
        ..Faults::none()
    };
    let mut i = 0;
    while i < args.len() {
        let name = args[i].as_str();
        match name {
            "--help" | "-h" => return Ok(None),
            "--demo" => demo = true,
            "--app-key" => app_key = Some(value(args, &mut i, name)?.to_string()),
            "--secret" => secret = Some(value(args, &mut i, name)?.to_string()),
            "--session" => session = Some(value(args, &mut i, name)?.to_string()),
            "--port" => port = number(value(args, &mut i, name)?, name)?,
            "--seed" => seed = Some(number(value(args, &mut i, name)?, name)?),
            "--orders-per-minute" => per_minute = Some(number(value(args, &mut i, name)?, name)?),
            "--latency-ms" => {
                let text = value(args, &mut i, name)?;
                let (min, max) = text.split_once('-').unwrap_or((text, text));
                faults.latency_min_ms = number(min, name)?;
                faults.latency_max_ms = number(max, name)?;
            }
            "--server-error-share" => {
                faults.server_error_share = number(value(args, &mut i, name)?, name)?
            }
            "--isp-share" => faults.isp_share = number(value(args, &mut i, name)?, name)?,
            "--ban-share" => faults.ban_share = number(value(args, &mut i, name)?, name)?,
            "--ban-seconds" => faults.ban_seconds = number(value(args, &mut i, name)?, name)?,
            "--drop-share" => faults.drop_share = number(value(args, &mut i, name)?, name)?,
            "--page-shift-share" => {
                faults.page_shift_share = number(value(args, &mut i, name)?, name)?
            }
            other => return Err(format!("unknown option {other}")),
        }
        i += 1;
    }
    faults.validate()?;
    let mut config = if demo {
        Config::demo()
    } else {
        let (Some(app_key), Some(secret), Some(session)) = (app_key, secret, session) else {
            return Err("give --demo, or --app-key, --secret and --session".to_string());
        };
        let mut shop = ShopConfig::demo();
        shop.app_key = app_key;
        shop.secret = secret;
        shop.session = session;
        Config {
            shops: vec![shop],
            ..Config::default()
        }
    };
    config.port = Some(port);
    config.faults = faults;
    config.seed = seed.unwrap_or(if demo { config.seed } else { 1 });
    if let Some(per_minute) = per_minute {
        config.orders_per_minute = per_minute;
    }
    Ok(Some(Options { config }))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("{e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let shops = options.config.shops.clone();
    let per_minute = options.config.orders_per_minute;
    let running = match Simulator::try_start(options.config) {
        Ok(running) => running,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    println!("marketplace simulator on {}", running.url());
    println!("gateway:    {}/router/rest", running.url());
    println!("state:      {}/sim/state", running.url());
    for shop in &shops {
        println!(
            "shop:       app key {}  secret {}  session {}  ({} listings)",
            shop.app_key,
            shop.secret,
            shop.session,
            shop.listings.len()
        );
    }
    println!("buyers:     {per_minute} new orders a minute");
    // Serve until the process is killed; `running` stops the server when dropped.
    loop {
        std::thread::park();
    }
}
