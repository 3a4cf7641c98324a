//! The shop itself: `status`, `shop ...`, `language`, `pin`, and setting one up: `demo`,
//! `generate`, and `leave-demo` (which clears the demo for a real shop).

use std::path::Path;

use clap::{Args, Subcommand};
use farmstall_app::dto::{Address, AppStatus, ShopProfileDto, ShopProfileInput};
use farmstall_app::{App, AppError};

use crate::output::Output;

#[derive(Subcommand, Debug)]
pub enum ShopCommand {
    /// Show the profile
    Show,
    /// Set up or change the profile; fields not given keep their current values
    Set(Box<ShopArgs>),
}

#[derive(Args, Debug, Default)]
pub struct ShopArgs {
    #[arg(long)]
    shop_name: Option<String>,
    #[arg(long)]
    owner_name: Option<String>,
    #[arg(long)]
    sender_name: Option<String>,
    #[arg(long)]
    phone: Option<String>,
    #[arg(long)]
    province: Option<String>,
    #[arg(long)]
    city: Option<String>,
    #[arg(long)]
    district: Option<String>,
    #[arg(long)]
    street: Option<String>,
    /// SF, ZTO, YTO, STO, YUNDA, JD, EMS, or "none"
    #[arg(long)]
    courier: Option<String>,
    /// zh-CN or en
    #[arg(long)]
    language: Option<String>,
}

#[derive(Args, Debug)]
pub struct PinArgs {
    /// set or status
    action: String,
    #[arg(default_value = "")]
    new: String,
}

impl PinArgs {
    pub fn writes(&self) -> bool {
        self.action == "set"
    }
}

#[derive(Args, Debug)]
pub struct GenerateArgs {
    #[arg(long, default_value_t = 5)]
    years: u32,
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

fn shop_text(p: &ShopProfileDto) -> String {
    format!(
        "shop: {}\nowner: {}\nsender: {} {}\naddress: {} {} {} {}\ncourier: {}\nlanguage: {}",
        p.shop_name,
        p.owner_name,
        p.sender_name,
        p.phone,
        p.address.province,
        p.address.city,
        p.address.district,
        p.address.street,
        p.default_courier.as_deref().unwrap_or("-"),
        p.language
    )
}

const NOT_SET_UP: &str =
    "the shop is not set up yet: run `farmstall shop set --shop-name ...` or `farmstall demo`";

fn status_text(s: &AppStatus) -> String {
    format!(
        "database: {}\nshop set up: {}{}\nlanguage: {}\nversion: {}",
        s.db_path,
        if s.has_shop { "yes" } else { "no" },
        if s.is_demo {
            " (the demo shop: `farmstall leave-demo` clears it to start your own)"
        } else {
            ""
        },
        s.language,
        s.version
    )
}

pub fn status(app: &mut App, out: &Output) -> Result<(), AppError> {
    let s = app.status()?;
    out.print(&s, || status_text(&s));
    Ok(())
}

/// `status` where no file is: no shop, and nothing created to say so.
pub fn status_without_file(db: &Path, out: &Output) {
    let s = AppStatus {
        version: farmstall_app::VERSION.to_string(),
        db_path: db.display().to_string(),
        language: farmstall_domain::Language::default().code().to_string(),
        has_shop: false,
        is_demo: false,
        open_error: None,
        open_error_kind: None,
    };
    out.print(&s, || status_text(&s));
}

/// `shop show` where no file is: not set up.
pub fn show_without_file(out: &Output) {
    out.print(&None::<ShopProfileDto>, || NOT_SET_UP.into());
}

pub fn language(app: &mut App, out: &Output, language: &str) -> Result<(), AppError> {
    let s = app.set_language(language)?;
    out.print(&s, || format!("language: {}", s.language));
    Ok(())
}

pub fn shop(app: &mut App, out: &Output, command: ShopCommand) -> Result<(), AppError> {
    match command {
        ShopCommand::Show => {
            let shop = app.shop_profile()?;
            out.print(&shop, || match &shop {
                Some(p) => shop_text(p),
                None => NOT_SET_UP.into(),
            });
        }
        ShopCommand::Set(args) => {
            let args = *args;
            let base = app
                .shop_profile()?
                .map(ShopProfileInput::from)
                .unwrap_or_else(|| ShopProfileInput {
                    language: app.status().map(|s| s.language).unwrap_or_default(),
                    ..ShopProfileInput::default()
                });
            let input = ShopProfileInput {
                shop_name: args.shop_name.unwrap_or(base.shop_name),
                owner_name: args.owner_name.unwrap_or(base.owner_name),
                sender_name: args.sender_name.unwrap_or(base.sender_name),
                phone: args.phone.unwrap_or(base.phone),
                address: Address {
                    province: args.province.unwrap_or(base.address.province),
                    city: args.city.unwrap_or(base.address.city),
                    district: args.district.unwrap_or(base.address.district),
                    street: args.street.unwrap_or(base.address.street),
                },
                default_courier: match args.courier {
                    Some(c) if c.eq_ignore_ascii_case("none") || c.is_empty() => None,
                    Some(c) => Some(c),
                    None => base.default_courier,
                },
                language: args.language.unwrap_or(base.language),
            };
            let saved = app.save_shop_profile(&input)?;
            out.print(&saved, || format!("saved\n{}", shop_text(&saved)));
        }
    }
    Ok(())
}

/// `pin set NEW` (with `--pin CURRENT` when one is set) or `pin status`.
pub fn pin(app: &mut App, out: &Output, a: PinArgs, current: Option<&str>) -> Result<(), AppError> {
    let status = if a.action == "set" {
        app.set_pin(current.unwrap_or(""), &a.new)?
    } else {
        app.pin_status()?
    };
    out.print(&status, || {
        if status.set {
            "a PIN is set for pay and settings".to_string()
        } else {
            "no PIN is set".to_string()
        }
    });
    Ok(())
}

pub fn demo(app: &mut App, out: &Output) -> Result<(), AppError> {
    let summary = app.load_demo()?;
    out.print(&summary, || {
        format!(
            "demo shop written to {}: {} farmers, {} products",
            app.db_path().display(),
            summary.farmers,
            summary.products
        )
    });
    Ok(())
}

/// `farmstall leave-demo`: run with no shop open (it removes the file).
pub fn leave_demo(db: &Path, out: &Output) -> Result<(), AppError> {
    let left = farmstall_app::demo::leave(db)?;
    out.print(&left, || {
        let mut text = format!(
            "the demo shop is cleared from {}; the next `farmstall shop set` (or the desktop app) \
             starts your own shop there\nthe demo is kept in {} ({} orders, {} lots, {} farmers; \
             rotation never deletes it)",
            db.display(),
            left.backup,
            left.demo.orders,
            left.demo.lots,
            left.demo.farmers,
        );
        if let Some(folder) = &left.kept_folder {
            text.push_str(&format!(
                "\nits printed documents and marketplace connection were moved to {folder}"
            ));
        }
        text
    });
    Ok(())
}

pub fn generate(app: &mut App, out: &Output, a: GenerateArgs) -> Result<(), AppError> {
    let summary = farmstall_app::generate::generate(app, a.years, a.seed)?;
    out.print(&summary, || {
        format!(
            "generated a {}-year shop: {} farmers, {} products ({} archived), {} purchases, {} lots, \
             {} stock movements, {} orders, {} expenses",
            summary.years,
            summary.farmers,
            summary.products,
            summary.archived_products,
            summary.purchases,
            summary.lots,
            summary.ledger_entries,
            summary.orders,
            summary.expenses
        )
    });
    Ok(())
}
