// Stock: one row per lot (a line of a purchase), the database filtering by product name and paging.
// A lot's best-before shows in words and colour: expired (red), within 3 days (amber), later, or
// keeping (muted); `data-expiry` says which. A lot with stock can have waste recorded against it.
import * as api from "../api";
import type { ListQuery, Lot, LotPage } from "../bindings";
import { isZero, parseDecimal } from "../decimal";
import { expiryOf, formatExpiry, formatMoney, formatQuantity } from "../format";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { PagedListView } from "./ListScreen";
import { usePagedScreen } from "./useListScreen";
import { WasteForm } from "./WasteForm";

/** The list screens' query as `list_lots` takes it: the switch shows the used-up lots too. */
function listLots(query: ListQuery): Promise<LotPage> {
  return api.listLots({ search: query.search, productId: null, includeEmpty: query.includeArchived, limit: query.limit, offset: query.offset });
}

function isEmpty(quantity: string): boolean {
  const d = parseDecimal(quantity);
  return d !== null && isZero(d);
}

export function StockScreen() {
  const { t, language } = useI18n();
  const screen = usePagedScreen({ prefix: "stock", list: listLots });
  const quantity = (lot: Lot, value: string) => formatQuantity(value, lot.stockUnit, language);

  return (
    <PagedListView
      screen={screen}
      row="lot"
      filter={{ name: "show-empty", label: t("stock.showEmpty") }}
      columns={
        <>
          <th>{t("stock.colProduct")}</th>
          <th>{t("stock.colReceived")}</th>
          <th>{t("stock.colBestBefore")}</th>
          <th className="col-num">{t("stock.colOnHand")}</th>
          <th className="col-num">{t("stock.colReserved")}</th>
          <th className="col-num">{t("stock.colAvailable")}</th>
          <th className="col-num">{t("stock.colCost")}</th>
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
          <td className="cell-received">
            <div className="cell-nowrap">{lot.receivedOn}</div>
            <div className="cell-sub">{lot.farmerName ?? t("stock.noFarmer")}</div>
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
          <td className="col-num cell-nowrap">{formatMoney(lot.costOnHand)}</td>
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
