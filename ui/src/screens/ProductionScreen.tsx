// Production: the recipes (what one batch uses and makes; add, edit, archive with undo, restore, and
// "make a batch"), and below them the runs made, newest first. Both lists are searched and paged by the
// database. Making a batch opens the run form, which shows Rust's live plan of what it will take.
import { useState, type ReactNode } from "react";
import * as api from "../api";
import type { ProductionRun, Recipe } from "../bindings";
import { Pager } from "../components/Pager";
import { useToast } from "../components/Toast";
import { formatMoney, formatQuantity, formatShelfLife, unitLabel } from "../format";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { ProductionForm } from "./ProductionForm";
import { RecipeForm } from "./RecipeForm";
import { productQuantity, runInputs } from "./recipeText";
import { ArchivedBadge, ListError, ListToolbar } from "./ListToolbar";
import { screenKey, useListScreen, usePagedScreen, type PagedScreen } from "./useListScreen";

const nameOf = (recipe: Recipe) => recipe.name;

/** The quantity of a run's output lot as the list shows it (what is left of it in stock). */
export function runOutputQuantity(run: ProductionRun): string {
  return run.outputQuantity;
}

/** The title, the toolbar, the loading/empty/failure states, the table and the pager of one part. */
function Part<T extends { id: string }>({
  screen,
  row,
  title,
  intro,
  toolbar,
  columns,
  cells,
  rowClass,
}: {
  screen: PagedScreen<T>;
  row: string;
  title: string;
  intro: string;
  toolbar: ReactNode;
  columns: ReactNode;
  cells: (item: T) => ReactNode;
  rowClass?: (item: T) => string | undefined;
}) {
  const { t } = useI18n();
  const { prefix, list, term } = screen;
  return (
    <section className="screen-part" aria-labelledby={`${prefix}-title`}>
      <h2 className="screen-part-title" id={`${prefix}-title`}>
        {title}
      </h2>
      <p className="screen-intro">{intro}</p>
      {toolbar}
      {list.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: list.error.message })} /> : null}
      {list.loading ? (
        <p className="muted">{t("common.loading")}</p>
      ) : list.items.length === 0 ? (
        <p className="empty" data-testid={`${prefix}-empty`}>
          {term ? t(screenKey(prefix, "emptySearch"), { search: term }) : t(screenKey(prefix, "empty"))}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>{columns}</tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={item.id} data-testid={`${row}-row`} data-id={item.id} className={rowClass?.(item)}>
                  {cells(item)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={list.offset} limit={list.limit} total={list.total} onOffset={list.setOffset} />
    </section>
  );
}

export function ProductionScreen() {
  const { t, language } = useI18n();
  const toast = useToast();
  const recipes = useListScreen({
    prefix: "recipes",
    list: api.listRecipes,
    archive: api.archiveRecipe,
    restore: api.restoreRecipe,
    nameOf,
  });
  const runs = usePagedScreen({ prefix: "runs", list: api.listProductionRuns });
  const [producing, setProducing] = useState<Recipe | null>(null);
  const reloadRuns = runs.list.reload;

  function runSaved(run: ProductionRun) {
    setProducing(null);
    reloadRuns();
    const lot = run.outputLot;
    const params = {
      product: lot.productName,
      quantity: formatQuantity(lot.onHand, lot.stockUnit, language),
      unitCost: t("production.perUnit", { cost: formatMoney(lot.unitCost), unit: unitLabel(lot.stockUnit, language) }),
    };
    toast.show({
      message: lot.bestBefore
        ? phrase("production.savedToast", { ...params, bestBefore: lot.bestBefore })
        : phrase("production.savedToastKeeps", params),
    });
  }

  return (
    <section className="screen" data-testid="production-screen" aria-labelledby="production-title">
      <header className="screen-header">
        <h1 id="production-title">{t("production.title")}</h1>
        <p className="screen-intro">{t("production.intro")}</p>
      </header>

      <Part
        screen={recipes}
        row="recipe"
        title={t("recipes.title")}
        intro={t("recipes.intro")}
        toolbar={
          <ListToolbar
            prefix="recipes"
            search={recipes.search}
            onSearch={recipes.setSearch}
            searchPlaceholder={t("recipes.searchPlaceholder")}
            filter={{ name: "show-archived", label: t("common.showArchived"), checked: recipes.showHidden, onChange: recipes.setShowHidden }}
            add={{ label: t("recipes.add"), onAdd: () => recipes.openForm(null) }}
          />
        }
        columns={
          <>
            <th>{t("recipes.colName")}</th>
            <th>{t("recipes.colOutput")}</th>
            <th>{t("recipes.colInputs")}</th>
            <th>{t("recipes.colShelfLife")}</th>
            <th className="col-actions">{t("common.actions")}</th>
          </>
        }
        rowClass={(recipe) => (recipe.archived ? "row-archived" : undefined)}
        cells={(recipe) => (
          <>
            <td className="cell-name">
              <div>
                <span className="cell-strong">{recipe.name}</span>
                {recipe.archived ? <ArchivedBadge /> : null}
              </div>
              {recipe.note ? <div className="cell-sub cell-text">{recipe.note}</div> : null}
            </td>
            <td className="cell-nowrap">{productQuantity(t, recipe.outputProductName, recipe.outputQuantity, recipe.outputUnit, language)}</td>
            <td className="cell-text">
              {recipe.inputs.map((i) => productQuantity(t, i.productName, i.quantity, i.stockUnit, language)).join(t("recipes.separator"))}
            </td>
            <td className="cell-nowrap">
              {recipe.effectiveShelfLifeDays === null ? (
                <span className="cell-muted">{t("recipes.keeps")}</span>
              ) : (
                formatShelfLife(recipe.effectiveShelfLifeDays, language)
              )}
            </td>
            <td className="col-actions">
              <div className="row-actions">
                {recipe.archived ? null : (
                  <button type="button" className="btn btn-small btn-primary" data-testid="recipe-produce" onClick={() => setProducing(recipe)}>
                    {t("recipes.produce")}
                  </button>
                )}
                <button type="button" className="btn btn-small btn-secondary" data-testid="recipe-edit" onClick={() => recipes.openForm(recipe)}>
                  {t("common.edit")}
                </button>
                {recipe.archived ? (
                  <button type="button" className="btn btn-small btn-secondary" data-testid="recipe-restore" onClick={() => void recipes.restore(recipe)}>
                    {t("common.restore")}
                  </button>
                ) : (
                  <button type="button" className="btn btn-small btn-quiet" data-testid="recipe-archive" onClick={() => void recipes.archive(recipe)}>
                    {t("common.archive")}
                  </button>
                )}
              </div>
            </td>
          </>
        )}
      />

      <Part
        screen={runs}
        row="run"
        title={t("runs.title")}
        intro={t("runs.intro")}
        toolbar={<ListToolbar prefix="runs" search={runs.search} onSearch={runs.setSearch} searchPlaceholder={t("runs.searchPlaceholder")} />}
        columns={
          <>
            <th>{t("runs.colDate")}</th>
            <th>{t("runs.colRecipe")}</th>
            <th>{t("runs.colOutput")}</th>
            <th className="col-num">{t("runs.colCost")}</th>
            <th className="col-num">{t("runs.colUnitCost")}</th>
            <th>{t("runs.colInputs")}</th>
          </>
        }
        cells={(run) => {
          const lot = run.outputLot;
          return (
            <>
              <td className="cell-nowrap">{run.producedOn}</td>
              <td className="cell-name">
                <span className="cell-strong">{run.recipeName}</span>
                {run.note ? <div className="cell-sub cell-text">{run.note}</div> : null}
              </td>
              <td className="cell-nowrap">
                <div>{lot.productName}</div>
                <div className="cell-sub">{t("runs.made", { quantity: formatQuantity(runOutputQuantity(run), lot.stockUnit, language), left: formatQuantity(lot.onHand, lot.stockUnit, language) })}</div>
                <div className="cell-sub">{lot.bestBefore ? t("production.lotBestBefore", { date: lot.bestBefore }) : t("production.lotKeeps")}</div>
              </td>
              <td className="col-num cell-nowrap">
                <div className="cell-strong">{formatMoney(run.totalCost)}</div>
                <div className="cell-sub">{t("production.totalBreakdown", { inputs: formatMoney(run.inputsCost), labour: formatMoney(run.labour) })}</div>
              </td>
              <td className="col-num cell-nowrap">{t("production.perUnit", { cost: formatMoney(lot.unitCost), unit: unitLabel(lot.stockUnit, language) })}</td>
              <td className="cell-text">
                {runInputs(run).map((input) => (
                  <div key={input.productId}>
                    {productQuantity(t, input.productName, input.quantity, input.stockUnit, language)}
                    <span className="cell-sub"> {formatMoney(input.cost)}</span>
                  </div>
                ))}
              </td>
            </>
          );
        }}
      />

      {recipes.editing ? (
        <RecipeForm
          recipe={recipes.editing.item}
          onCancel={recipes.closeForm}
          onSaved={(recipe) => recipes.saved(phrase("recipes.savedToast", { name: recipe.name }))}
        />
      ) : null}
      {producing ? <ProductionForm recipe={producing} onCancel={() => setProducing(null)} onSaved={runSaved} /> : null}
    </section>
  );
}
