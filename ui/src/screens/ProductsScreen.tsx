// Products: a searchable, database-paged table with add/edit, archive (with undo) and restore.
// Prices, weights and unit codes come from Rust as strings/codes and are only formatted here.
import { useState } from "react";
import * as api from "../api";
import type { Product } from "../bindings";
import { Pager } from "../components/Pager";
import { useToast } from "../components/Toast";
import { formatMoney, formatShelfLife, formatWeightKg, unitLabel } from "../format";
import { errorPhrases } from "../formErrors";
import { phrase } from "../i18n";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue, usePagedList } from "../hooks";
import { useI18n } from "../i18nContext";
import { ProductForm } from "./ProductForm";
import { ArchivedBadge, ListError, ListToolbar } from "./ListToolbar";

type Editing = { product: Product | null } | null;

export function ProductsScreen() {
  const { t, language } = useI18n();
  const toast = useToast();
  const [search, setSearch] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const list = usePagedList(api.listProducts, term, showArchived);

  function reportFailure(reason: unknown) {
    toast.show({ message: errorPhrases(reason), error: true });
  }

  async function restore(product: Product) {
    try {
      await api.restoreProduct(product.id);
      list.reload();
      toast.show({ message: phrase("products.restoredToast", { name: product.nameZh }) });
    } catch (reason) {
      reportFailure(reason);
    }
  }

  async function archive(product: Product) {
    try {
      await api.archiveProduct(product.id);
      list.reload();
      toast.show({
        message: phrase("products.archivedToast", { name: product.nameZh }),
        undo: () => void restore(product),
      });
    } catch (reason) {
      reportFailure(reason);
    }
  }

  return (
    <section className="screen" data-testid="products-screen" aria-labelledby="products-title">
      <header className="screen-header">
        <h1 id="products-title">{t("products.title")}</h1>
        <p className="screen-intro">{t("products.intro")}</p>
      </header>
      <ListToolbar
        prefix="products"
        search={search}
        onSearch={setSearch}
        searchPlaceholder={t("products.searchPlaceholder")}
        showArchived={showArchived}
        onShowArchived={setShowArchived}
        addLabel={t("products.add")}
        onAdd={() => setEditing({ product: null })}
      />
      {list.error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: list.error.message })} /> : null}
      {list.loading ? (
        <p className="muted">{t("common.loading")}</p>
      ) : list.items.length === 0 ? (
        <p className="empty" data-testid="products-empty">
          {term ? t("products.emptySearch", { search: term }) : t("products.empty")}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t("products.colName")}</th>
                <th>{t("products.colSaleUnit")}</th>
                <th>{t("products.colStockUnit")}</th>
                <th className="col-num">{t("products.colPrice")}</th>
                <th className="col-num">{t("products.colWeight")}</th>
                <th>{t("products.colShelfLife")}</th>
                <th className="col-actions">{t("common.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((product) => (
                <tr key={product.id} data-testid="product-row" data-id={product.id} className={product.archived ? "row-archived" : undefined}>
                  <td className="cell-name">
                    <div>
                      <span className="cell-strong">{product.nameZh}</span>
                      {product.archived ? <ArchivedBadge /> : null}
                    </div>
                    {product.nameEn ? <div className="cell-sub">{product.nameEn}</div> : null}
                  </td>
                  <td className="cell-nowrap">{unitLabel(product.saleUnit, language)}</td>
                  <td className="cell-nowrap">{unitLabel(product.stockUnit, language)}</td>
                  <td className="col-num cell-nowrap">{formatMoney(product.price)}</td>
                  <td className="col-num cell-nowrap">{formatWeightKg(product.weightKg, language) ?? t("common.none")}</td>
                  <td className="cell-nowrap">
                    {!product.perishable ? (
                      <span className="cell-muted">{t("product.notPerishable")}</span>
                    ) : product.shelfLifeDays !== null ? (
                      formatShelfLife(product.shelfLifeDays, language)
                    ) : (
                      t("common.none")
                    )}
                  </td>
                  <td className="col-actions">
                    <div className="row-actions">
                      <button type="button" className="btn btn-small btn-secondary" data-testid="product-edit" onClick={() => setEditing({ product })}>
                        {t("common.edit")}
                      </button>
                      {product.archived ? (
                        <button type="button" className="btn btn-small btn-secondary" data-testid="product-restore" onClick={() => void restore(product)}>
                          {t("common.restore")}
                        </button>
                      ) : (
                        <button type="button" className="btn btn-small btn-quiet" data-testid="product-archive" onClick={() => void archive(product)}>
                          {t("common.archive")}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager offset={list.offset} limit={list.limit} total={list.total} onOffset={list.setOffset} />
      {editing ? (
        <ProductForm
          product={editing.product}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
            toast.show({ message: phrase("common.saved") });
          }}
        />
      ) : null}
    </section>
  );
}
