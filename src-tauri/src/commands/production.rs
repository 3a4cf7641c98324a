//! Recipes and production runs.

use farmstall_app::dto::ListQuery;
use farmstall_app::production::{
    ProductionInput, ProductionPlan, ProductionRunDto, ProductionRunPage, RecipeDto, RecipeInput,
    RecipePage,
};
use tauri::State;

use crate::shell::{Reply, Shell};

#[tauri::command]
pub async fn list_recipes(shell: State<'_, Shell>, query: ListQuery) -> Reply<RecipePage> {
    shell
        .run("list_recipes", move |app| app.list_recipes(&query))
        .await
}

#[tauri::command]
pub async fn get_recipe(shell: State<'_, Shell>, id: String) -> Reply<RecipeDto> {
    shell
        .run("get_recipe", move |app| app.get_recipe(&id))
        .await
}

#[tauri::command]
pub async fn create_recipe(shell: State<'_, Shell>, input: RecipeInput) -> Reply<RecipeDto> {
    shell
        .run("create_recipe", move |app| app.create_recipe(&input))
        .await
}

#[tauri::command]
pub async fn update_recipe(
    shell: State<'_, Shell>,
    id: String,
    input: RecipeInput,
) -> Reply<RecipeDto> {
    shell
        .run("update_recipe", move |app| app.update_recipe(&id, &input))
        .await
}

#[tauri::command]
pub async fn archive_recipe(shell: State<'_, Shell>, id: String) -> Reply<RecipeDto> {
    shell
        .run("archive_recipe", move |app| app.archive_recipe(&id))
        .await
}

#[tauri::command]
pub async fn restore_recipe(shell: State<'_, Shell>, id: String) -> Reply<RecipeDto> {
    shell
        .run("restore_recipe", move |app| app.restore_recipe(&id))
        .await
}

#[tauri::command]
pub async fn plan_production(
    shell: State<'_, Shell>,
    input: ProductionInput,
) -> Reply<ProductionPlan> {
    shell
        .run("plan_production", move |app| app.plan_production(&input))
        .await
}

#[tauri::command]
pub async fn record_production(
    shell: State<'_, Shell>,
    input: ProductionInput,
) -> Reply<ProductionRunDto> {
    shell
        .run("record_production", move |app| {
            app.record_production(&input)
        })
        .await
}

#[tauri::command]
pub async fn list_production_runs(
    shell: State<'_, Shell>,
    query: ListQuery,
) -> Reply<ProductionRunPage> {
    shell
        .run("list_production_runs", move |app| {
            app.list_production_runs(&query)
        })
        .await
}
