// Purchases: the deliveries received from farmers, newest first, the database searching by farmer name
// and paging; "receive goods" opens the purchase form. A receipt entered wrongly is reversed from its
// row (never edited); a reversed receipt stays in the list, marked with the date and the reason.
import { useEffect } from "react";
import * as api from "../api";
import type { Purchase, PurchaseInput } from "../bindings";
import { formatMoney } from "../format";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { PagedListView } from "./ListScreen";
import { paymentKey, PurchaseForm } from "./PurchaseForm";
import { ReversalForm } from "./ReversalForm";
import { usePagedScreen } from "./useListScreen";

/** The products of a purchase, each once, in line order. */
function productNames(purchase: Purchase): string {
  return [...new Set(purchase.lines.map((line) => line.productName))].join("、");
}

export function PurchasesScreen({ draft }: { draft?: PurchaseInput } = {}) {
  const { t } = useI18n();
  const screen = usePagedScreen({ prefix: "purchases", list: api.listPurchases });
  // Opened with a draft from the purchase plan: the form is open on it at once.
  const { openForm } = screen;
  useEffect(() => {
    if (draft) openForm(null);
  }, [draft, openForm]);

  return (
    <PagedListView
      screen={screen}
      row="purchase"
      addLabel={t("purchases.add")}
      rowAttributes={(purchase) =>
        purchase.reversedOn ? { className: "row-reversed", "data-reversed": "true" } : {}
      }
      columns={
        <>
          <th>{t("purchases.colDate")}</th>
          <th>{t("purchases.colFarmer")}</th>
          <th>{t("purchases.colLines")}</th>
          <th>{t("purchases.colPayment")}</th>
          <th className="col-num">{t("purchases.colTotal")}</th>
        </>
      }
      cells={(purchase) => (
        <>
          <td className="cell-nowrap">{purchase.receivedOn}</td>
          <td className="cell-name">
            <span className="cell-strong">{purchase.farmerName}</span>
            {purchase.note ? <div className="cell-sub cell-text">{purchase.note}</div> : null}
            {purchase.reversedOn ? (
              <div className="reversed-note" data-testid="purchase-reversed">
                <span className="badge badge-reversed">{t("purchases.reversedBadge", { date: purchase.reversedOn })}</span>
                {purchase.reversalReason ? (
                  <div className="cell-sub cell-text">{t("purchases.reversedReason", { reason: purchase.reversalReason })}</div>
                ) : null}
              </div>
            ) : null}
          </td>
          <td className="cell-text">
            <div>{t("purchases.lineCount", { count: purchase.lines.length })}</div>
            <div className="cell-sub">{productNames(purchase)}</div>
          </td>
          <td className="cell-nowrap">
            <span className={purchase.payment === "owed" ? "badge badge-owed" : "badge badge-paid"}>{t(paymentKey(purchase.payment))}</span>
          </td>
          <td className="col-num cell-nowrap cell-strong">{formatMoney(purchase.total)}</td>
        </>
      )}
      actions={(purchase) =>
        purchase.reversedOn ? null : (
          <button type="button" className="btn btn-small btn-quiet" data-testid="purchase-reverse" onClick={() => screen.openForm(purchase)}>
            {t("purchases.reverse")}
          </button>
        )
      }
      form={(purchase) =>
        purchase ? (
          <ReversalForm
            purchase={purchase}
            onCancel={screen.closeForm}
            onSaved={(reversed) =>
              screen.saved(phrase("reversal.savedToast", { farmer: reversed.farmerName, date: reversed.receivedOn }))
            }
          />
        ) : (
          <PurchaseForm
            draft={draft}
            onCancel={screen.closeForm}
            onSaved={(saved) =>
              screen.saved(phrase("purchases.savedToast", { farmer: saved.farmerName, total: formatMoney(saved.total) }))
            }
          />
        )
      }
    />
  );
}
