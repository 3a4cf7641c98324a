// Products: a searchable, database-paged table with add/edit, archive (with undo) and restore, and a
// filter by kind (goods, ingredients, packaging) that the database applies.
// Prices, weights and unit codes come from Rust as strings/codes and are only formatted here.
import { useCallback, useState } from "react";
import * as api from "../api";
import type { ListQuery, Product, ProductKind } from "../bindings";
import { formatMoney, formatShelfLife, formatWeightKg, unitLabel } from "../format";
import { useI18n } from "../i18nContext";
import { ListScreenView } from "./ListScreen";
import { ArchivedBadge, ToolbarSelect } from "./ListToolbar";
import { PRODUCT_KINDS, ProductForm } from "./ProductForm";
import { useListScreen } from "./useListScreen";

const nameOf = (product: Product) => product.nameZh;

function isKind(value: string): value is ProductKind {
  return (PRODUCT_KINDS as readonly string[]).includes(value);
}

export function ProductsScreen() {
  const { t, language } = useI18n();
  const [kind, setKind] = useState<ProductKind | "">("");
  const list = useCallback((query: ListQuery) => api.listProducts({ ...query, kind }), [kind]);
  const screen = useListScreen({
    prefix: "products",
    list,
    archive: api.archiveProduct,
    restore: api.restoreProduct,
    nameOf,
    filter: kind,
  });

  return (
    <ListScreenView
      screen={screen}
      row="product"
      toolbar={
        <ToolbarSelect
          testId="products-kind"
          label={t("products.kindFilter")}
          value={kind}
          onChange={(value) => setKind(isKind(value) ? value : "")}
          options={[
            { value: "", label: t("productKind.all") },
            ...PRODUCT_KINDS.map((k) => ({ value: k, label: t(`productKind.${k}`) })),
          ]}
        />
      }
      columns={
        <>
          <th>{t("products.colName")}</th>
          <th>{t("products.colKind")}</th>
          <th>{t("products.colSaleUnit")}</th>
          <th>{t("products.colStockUnit")}</th>
          <th className="col-num">{t("products.colPrice")}</th>
          <th className="col-num">{t("products.colWeight")}</th>
          <th>{t("products.colShelfLife")}</th>
        </>
      }
      cells={(product) => (
        <>
          <td className="cell-name">
            {/* The Chinese interface shows the Chinese name only; the English one leads with the
                English name and keeps the Chinese under it (the name on the box and the platform). */}
            <div>
              <span className="cell-strong">{language === "en" && product.nameEn ? product.nameEn : product.nameZh}</span>
              {product.archived ? <ArchivedBadge /> : null}
            </div>
            {language === "en" && product.nameEn ? <div className="cell-sub">{product.nameZh}</div> : null}
          </td>
          <td className="cell-nowrap" data-testid="product-kind-cell">
            <span className={`badge badge-kind badge-kind-${product.kind}`}>{t(`productKind.${product.kind}`)}</span>
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
        </>
      )}
      form={(product) => <ProductForm product={product} onCancel={screen.closeForm} onSaved={() => screen.saved()} />}
    />
  );
}
