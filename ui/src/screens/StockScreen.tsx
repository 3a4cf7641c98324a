// Stock: one row per lot (a line of a purchase), the database filtering by product name and paging.
// A lot's best-before shows in words and colour: expired (red), within 3 days (amber), later, or
// keeping (muted); `data-expiry` says which. A lot with stock can have waste recorded against it.
// A filter shows only the lots in stock expiring within 3, 7 or 30 days (expired ones included).
import { useCallback, useState } from "react";
import * as api from "../api";
import type { ListQuery, Lot, LotPage } from "../bindings";
import { isZero, parseDecimal } from "../decimal";
import { expiryOf, formatExpiry, formatMoney, formatQuantity } from "../format";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { PagedListView } from "./ListScreen";
import { ToolbarSelect } from "./ListToolbar";
import { usePagedScreen } from "./useListScreen";
import { WasteForm } from "./WasteForm";

/** The list screens' query as `list_lots` takes it: the switch shows the used-up lots too. */
function listLots(query: ListQuery, expiringWithinDays: number | null): Promise<LotPage> {
  return api.listLots({
    search: query.search,
    productId: null,
    includeEmpty: query.includeArchived,
    expiringWithinDays,
    limit: query.limit,
    offset: query.offset,
    ...(query.after === undefined ? {} : { after: query.after }),
  });
}

/** The choices of the expiry filter, in days; "" (the first choice) shows every lot. */
export const EXPIRING_DAYS: readonly number[] = [3, 7, 30];

/** Where a lot came from: its farmer, or "made here" for the output of a production run. */
export function lotSource(lot: Lot, t: (key: "lot.madeHere" | "stock.noFarmer") => string): string {
  if (lot.madeHere) return t("lot.madeHere");
  return lot.farmerName ?? t("stock.noFarmer");
}

function isEmpty(quantity: string): boolean {
  const d = parseDecimal(quantity);
  return d !== null && isZero(d);
}

/** `expiringWithinDays`: open filtered to the lots expiring that soon (Today's expiring card: 3). */
export function StockScreen({ expiringWithinDays = null }: { expiringWithinDays?: number | null } = {}) {
  const { t, language } = useI18n();
  const [expiring, setExpiring] = useState<number | null>(expiringWithinDays);
  const list = useCallback((query: ListQuery) => listLots(query, expiring), [expiring]);
  const screen = usePagedScreen({ prefix: "stock", list, filter: expiring === null ? "" : String(expiring) });
  const quantity = (lot: Lot, value: string) => formatQuantity(value, lot.stockUnit, language);

  return (
    <PagedListView
      screen={screen}
      row="lot"
      filter={{ name: "show-empty", label: t("stock.showEmpty") }}
      toolbar={
        <ToolbarSelect
          testId="stock-expiring"
          label={t("stock.expiringFilter")}
          value={expiring === null ? "" : String(expiring)}
          onChange={(value) => {
            const days = Number.parseInt(value, 10);
            setExpiring(EXPIRING_DAYS.includes(days) ? days : null);
          }}
          options={[
            { value: "", label: t("stock.expiringAll") },
            ...EXPIRING_DAYS.map((days) => ({ value: String(days), label: t("stock.expiringWithin", { days }) })),
          ]}
        />
      }
      columns={
        <>
          <th>{t("stock.colProduct")}</th>
          <th className="col-optional">{t("stock.colReceived")}</th>
          <th>{t("stock.colBestBefore")}</th>
          <th className="col-num">{t("stock.colOnHand")}</th>
          <th className="col-num">{t("stock.colReserved")}</th>
          <th className="col-num">{t("stock.colAvailable")}</th>
          <th className="col-num col-optional">{t("stock.colCost")}</th>
        </>
      }
      rowAttributes={(lot) => {
        const expiry = expiryOf(lot.daysToExpiry);
        return { className: `lot-${expiry}`, "data-expiry": expiry };
      }}
      cells={(lot) => (
        <>
          <td className="cell-name">
            <span className="cell-strong">{lot.productName}</span>
            {lot.grade ? <span className="badge badge-grade">{lot.grade}</span> : null}
          </td>
          <td className="cell-received col-optional">
            <div className="cell-nowrap">{lot.receivedOn}</div>
            <div className={lot.madeHere ? "cell-sub cell-made-here" : "cell-sub"} data-testid="lot-source">
              {lotSource(lot, t)}
            </div>
          </td>
          <td className="cell-nowrap">
            {lot.bestBefore ? <div>{lot.bestBefore}</div> : null}
            <span className={`expiry expiry-${expiryOf(lot.daysToExpiry)}`} data-testid="lot-expiry">
              {formatExpiry(lot.daysToExpiry, language)}
            </span>
          </td>
          <td className="col-num cell-nowrap">{isEmpty(lot.onHand) ? <span className="cell-muted">{t("stock.used")}</span> : quantity(lot, lot.onHand)}</td>
          <td className="col-num cell-nowrap">{isEmpty(lot.reserved) ? <span className="cell-muted">{t("common.none")}</span> : quantity(lot, lot.reserved)}</td>
          <td className="col-num cell-nowrap cell-strong">{quantity(lot, lot.available)}</td>
          <td className="col-num cell-nowrap col-optional">{formatMoney(lot.costOnHand)}</td>
        </>
      )}
      actions={(lot) => (
        <button
          type="button"
          className="btn btn-small btn-secondary"
          data-testid="lot-waste"
          disabled={isEmpty(lot.onHand)}
          onClick={() => screen.openForm(lot)}
        >
          {t("stock.waste")}
        </button>
      )}
      form={(lot) =>
        lot ? (
          <WasteForm
            lot={lot}
            onCancel={screen.closeForm}
            onSaved={(after) =>
              screen.saved(phrase("waste.savedToast", { product: after.productName, quantity: quantity(after, after.onHand) }))
            }
          />
        ) : null
      }
    />
  );
}
