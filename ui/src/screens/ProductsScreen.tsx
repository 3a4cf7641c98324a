// Products: a searchable, database-paged table with add/edit, archive (with undo) and restore.
// Prices, weights and unit codes come from Rust as strings/codes and are only formatted here.
import * as api from "../api";
import type { Product } from "../bindings";
import { formatMoney, formatShelfLife, formatWeightKg, unitLabel } from "../format";
import { useI18n } from "../i18nContext";
import { ListScreenView } from "./ListScreen";
import { ArchivedBadge } from "./ListToolbar";
import { ProductForm } from "./ProductForm";
import { useListScreen } from "./useListScreen";

const nameOf = (product: Product) => product.nameZh;

export function ProductsScreen() {
  const { t, language } = useI18n();
  const screen = useListScreen({
    prefix: "products",
    list: api.listProducts,
    archive: api.archiveProduct,
    restore: api.restoreProduct,
    nameOf,
  });

  return (
    <ListScreenView
      screen={screen}
      row="product"
      columns={
        <>
          <th>{t("products.colName")}</th>
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
        </>
      )}
      form={(product) => <ProductForm product={product} onCancel={screen.closeForm} onSaved={() => screen.saved()} />}
    />
  );
}
