// Purchases: the deliveries received from farmers, newest first, the database searching by farmer name
// and paging; "receive goods" opens the purchase form.
import * as api from "../api";
import type { Purchase } from "../bindings";
import { formatMoney } from "../format";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { PagedListView } from "./ListScreen";
import { paymentKey, PurchaseForm } from "./PurchaseForm";
import { usePagedScreen } from "./useListScreen";

/** The products of a purchase, each once, in line order. */
function productNames(purchase: Purchase): string {
  return [...new Set(purchase.lines.map((line) => line.productName))].join("、");
}

export function PurchasesScreen() {
  const { t } = useI18n();
  const screen = usePagedScreen({ prefix: "purchases", list: api.listPurchases });

  return (
    <PagedListView
      screen={screen}
      row="purchase"
      addLabel={t("purchases.add")}
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
      form={() => (
        <PurchaseForm
          onCancel={screen.closeForm}
          onSaved={(purchase) =>
            screen.saved(phrase("purchases.savedToast", { farmer: purchase.farmerName, total: formatMoney(purchase.total) }))
          }
        />
      )}
    />
  );
}
