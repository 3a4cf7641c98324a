//! Declares Farmstall's own commands so that Tauri generates one permission per command; the
//! capability in `capabilities/default.json` grants exactly these and nothing else.

const COMMANDS: &[&str] = &[
    "get_status",
    "set_language",
    "get_shop_profile",
    "save_shop_profile",
    "load_demo",
    "list_farmers",
    "get_farmer",
    "create_farmer",
    "update_farmer",
    "archive_farmer",
    "restore_farmer",
    "list_products",
    "get_product",
    "create_product",
    "update_product",
    "archive_product",
    "restore_product",
    "receive_purchase",
    "list_purchases",
    "list_lots",
    "record_waste",
    "farmer_balances",
    "record_payment",
    "reverse_purchase",
    "record_count",
    "list_recipes",
    "get_recipe",
    "create_recipe",
    "update_recipe",
    "archive_recipe",
    "restore_recipe",
    "plan_production",
    "record_production",
    "list_production_runs",
    "farmer_statement",
    "save_farmer_statement",
    "open_document",
    "stock_by_product",
    "low_stock",
    "spoilage_by_month",
    "purchases_by_farmer_month",
    "create_order",
    "get_order",
    "list_orders",
    "mark_order_paid",
    "cancel_order",
    "pack_order",
    "unpack_order",
    "ship_order",
    "finish_order",
    "set_waybill",
    "pick_list",
    "print_labels",
];

fn main() {
    let attributes = tauri_build::Attributes::new()
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        println!("cargo:warning=tauri build failed: {error:#}");
        std::process::exit(1);
    }
}
