//! Products.

use farmstall_app::dto::{ListQuery, ProductDto, ProductInput, ProductPage};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn list_products(shell: State<'_, Shell>, query: ListQuery) -> Reply<ProductPage> {
    shell
        .run("list_products", move |app| app.list_products(&query))
        .await
}

#[tauri::command]
pub async fn get_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell
        .run("get_product", move |app| app.get_product(&id))
        .await
}

#[tauri::command]
pub async fn create_product(shell: State<'_, Shell>, input: ProductInput) -> Reply<ProductDto> {
    shell
        .run("create_product", move |app| app.create_product(&input))
        .await
}

#[tauri::command]
pub async fn update_product(
    shell: State<'_, Shell>,
    id: String,
    input: ProductInput,
) -> Reply<ProductDto> {
    shell
        .run("update_product", move |app| app.update_product(&id, &input))
        .await
}

#[tauri::command]
pub async fn archive_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell
        .run("archive_product", move |app| app.archive_product(&id))
        .await
}

#[tauri::command]
pub async fn restore_product(shell: State<'_, Shell>, id: String) -> Reply<ProductDto> {
    shell
        .run("restore_product", move |app| app.restore_product(&id))
        .await
}
