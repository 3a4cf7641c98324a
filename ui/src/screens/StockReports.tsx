// Two report tabs over the stock of each product: all products with what is on hand, reserved and
// available, the lots, the next best-before and the cost (with the value of all the stock at cost),
// searched, filtered by kind and paged by the database; and the products that have fallen to their
// reorder point, with how much is missing to get back to it.
import { useCallback, useState } from "react";
import * as api from "../api";
import type { ListQuery, LowStockPage, ProductKind, ProductStockRow, StockByProductPage } from "../bindings";
import { daysBetween } from "../dates";
import { isZero, parseDecimal, subtract, toText } from "../decimal";
import { expiryOf, formatExpiry, formatMoney, formatQuantity, todayInShanghai } from "../format";
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS, useDebouncedValue, usePagedList } from "../hooks";
import { useI18n } from "../i18nContext";
import { ArchivedBadge, ListToolbar, ToolbarSelect } from "./ListToolbar";
import { PRODUCT_KINDS } from "./ProductForm";
import { ReportTable } from "./reportParts";

function isKind(value: string): value is ProductKind {
  return (PRODUCT_KINDS as readonly string[]).includes(value);
}

function isNothing(quantity: string): boolean {
  const d = parseDecimal(quantity);
  return d !== null && isZero(d);
}

/** How much is missing to reach the reorder point: reorder point − available, exactly ("62.5"); null without one. */
export function shortOf(row: Pick<ProductStockRow, "reorderPoint" | "available">): string | null {
  if (row.reorderPoint === null) return null;
  const reorder = parseDecimal(row.reorderPoint);
  const available = parseDecimal(row.available);
  if (reorder === null || available === null) return null;
  return toText(subtract(reorder, available));
}

function LowTag() {
  const { t } = useI18n();
  return (
    <span className="badge badge-low" data-testid="low-tag">
      {t("report.lowTag")}
    </span>
  );
}

function KindBadge({ kind }: { kind: ProductKind }) {
  const { t } = useI18n();
  return <span className={`badge badge-kind badge-kind-${kind}`}>{t(`productKind.${kind}`)}</span>;
}

/** The earliest best-before of a product's lots, in words and colour like the stock screen's. */
function NextBestBefore({ row, today }: { row: ProductStockRow; today: string }) {
  const { t, language } = useI18n();
  if (row.nextBestBefore === null) {
    return row.lots > 0 ? <span className="expiry expiry-keeps">{t("expiry.keeps")}</span> : <span className="cell-muted">{t("common.none")}</span>;
  }
  const days = daysBetween(today, row.nextBestBefore);
  const expiry = expiryOf(days);
  return (
    <>
      <div>{row.nextBestBefore}</div>
      <span className={`expiry expiry-${expiry}`} data-testid="next-expiry" data-expiry={expiry}>
        {formatExpiry(days, language)}
      </span>
    </>
  );
}

export function StockTab() {
  const { t, language } = useI18n();
  const [today] = useState(() => todayInShanghai());
  const [search, setSearch] = useState("");
  const [kind, setKind] = useState<ProductKind | "">("");
  const [showArchived, setShowArchived] = useState(false);
  const term = useDebouncedValue(search.trim(), SEARCH_DEBOUNCE_MS);
  const fetchPage = useCallback((query: ListQuery) => api.stockByProduct({ ...query, kind }), [kind]);
  const list = usePagedList<ProductStockRow, StockByProductPage>(fetchPage, term, showArchived, PAGE_SIZE, kind);
  const quantity = (row: ProductStockRow, value: string) => formatQuantity(value, row.stockUnit, language);
  const filtered = term !== "" || kind !== "";

  return (
    <>
      <ListToolbar
        prefix="report-stock"
        search={search}
        onSearch={setSearch}
        searchPlaceholder={t("report.stock.searchPlaceholder")}
        filter={{ name: "show-archived", label: t("common.showArchived"), checked: showArchived, onChange: setShowArchived }}
        extra={
          <ToolbarSelect
            testId="report-stock-kind"
            label={t("products.kindFilter")}
            value={kind}
            onChange={(value) => setKind(isKind(value) ? value : "")}
            options={[{ value: "", label: t("productKind.all") }, ...PRODUCT_KINDS.map((k) => ({ value: k, label: t(`productKind.${k}`) }))]}
          />
        }
      />
      {list.page ? (
        <div className="report-figures">
          <div className="report-figure" data-testid="stock-value">
            <span className="report-figure-label">{filtered ? t("report.stock.valueFiltered") : t("report.stock.value")}</span>
            <span className="report-figure-value">{formatMoney(list.page.value)}</span>
          </div>
          <div className="report-figure report-figure-quiet">
            <span className="report-figure-label">{t("report.stock.products")}</span>
            <span className="report-figure-value">{list.page.total}</span>
          </div>
        </div>
      ) : null}
      <ReportTable
        list={list}
        row="product-stock-row"
        rowKey={(row) => row.productId}
        rowAttributes={(row) => ({
          "data-id": row.productId,
          "data-low": row.low ? "true" : "false",
          className: [row.low ? "row-low" : "", row.archived ? "row-archived" : ""].join(" ").trim() || undefined,
        })}
        columns={
          <>
            <th>{t("report.colProduct")}</th>
            <th className="col-num">{t("stock.colOnHand")}</th>
            <th className="col-num">{t("stock.colReserved")}</th>
            <th className="col-num">{t("stock.colAvailable")}</th>
            <th className="col-num">{t("report.colLots")}</th>
            <th>{t("report.colNextBestBefore")}</th>
            <th className="col-num">{t("stock.colCost")}</th>
            <th className="col-num">{t("report.colReorderPoint")}</th>
          </>
        }
        cells={(row) => (
          <>
            <td className="cell-name">
              <div>
                <span className="cell-strong">{row.productName}</span>
                {row.archived ? <ArchivedBadge /> : null}
              </div>
              {/* The kind under the name, not in a column of its own: the table fits 1280 px in English too. */}
              <div className="cell-tags">
                <KindBadge kind={row.kind} />
                {row.low ? <LowTag /> : null}
              </div>
            </td>
            <td className="col-num cell-nowrap">{isNothing(row.onHand) ? <span className="cell-muted">{t("report.noStock")}</span> : quantity(row, row.onHand)}</td>
            <td className="col-num cell-nowrap">{isNothing(row.reserved) ? <span className="cell-muted">{t("common.none")}</span> : quantity(row, row.reserved)}</td>
            <td className="col-num cell-nowrap cell-strong">{quantity(row, row.available)}</td>
            <td className="col-num">{row.lots}</td>
            <td className="cell-nowrap">
              <NextBestBefore row={row} today={today} />
            </td>
            <td className="col-num cell-nowrap">{formatMoney(row.costOnHand)}</td>
            <td className="col-num cell-nowrap">
              {row.reorderPoint === null ? <span className="cell-muted">{t("report.noReorderPoint")}</span> : quantity(row, row.reorderPoint)}
            </td>
          </>
        )}
        empty={term ? t("report.stock.emptySearch", { search: term }) : kind ? t("report.stock.emptyKind") : t("report.stock.empty")}
        emptyTestId="report-stock-empty"
      />
    </>
  );
}

export function LowStockTab() {
  const { t, language } = useI18n();
  const list = usePagedList<ProductStockRow, LowStockPage>(api.lowStock, "", false);
  const quantity = (row: ProductStockRow, value: string) => formatQuantity(value, row.stockUnit, language);

  return (
    <ReportTable
      list={list}
      row="low-stock-row"
      rowKey={(row) => row.productId}
      rowAttributes={(row) => ({ "data-id": row.productId })}
      columns={
        <>
          <th>{t("report.colProduct")}</th>
          <th>{t("report.colKind")}</th>
          <th className="col-num">{t("stock.colOnHand")}</th>
          <th className="col-num">{t("stock.colAvailable")}</th>
          <th className="col-num">{t("report.colReorderPoint")}</th>
          <th className="col-num">{t("report.colShort")}</th>
        </>
      }
      cells={(row) => {
        const short = shortOf(row);
        return (
          <>
            <td className="cell-name">
              <span className="cell-strong">{row.productName}</span>
            </td>
            <td className="cell-nowrap">
              <KindBadge kind={row.kind} />
            </td>
            <td className="col-num cell-nowrap">{isNothing(row.onHand) ? <span className="cell-muted">{t("report.noStock")}</span> : quantity(row, row.onHand)}</td>
            <td className="col-num cell-nowrap cell-strong">{quantity(row, row.available)}</td>
            <td className="col-num cell-nowrap">{row.reorderPoint === null ? t("common.none") : quantity(row, row.reorderPoint)}</td>
            <td className="col-num cell-nowrap" data-testid="low-stock-short">
              {short === null ? (
                t("common.none")
              ) : isNothing(short) ? (
                <span className="cell-muted">{t("report.low.atPoint")}</span>
              ) : (
                <span className="short-amount">{quantity(row, short)}</span>
              )}
            </td>
          </>
        );
      }}
      empty={
        <>
          <span className="empty-title">{t("report.low.empty")}</span>
          <span className="empty-hint">{t("report.low.emptyHint")}</span>
        </>
      }
      emptyTestId="low-stock-empty"
    />
  );
}
