// What the shop owes farmers: one row per farmer who sold on credit (every farmer with the switch),
// the largest balance first, the database filtering by farmer name and paging. A farmer who is still
// owed something can be paid from the row; any farmer's statement for a period can be seen and saved
// as a PDF from it.
import { useState } from "react";
import * as api from "../api";
import type { FarmerBalance, ListQuery } from "../bindings";
import { formatMoney } from "../format";
import type { Page } from "../hooks";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { PagedListView } from "./ListScreen";
import { owes, PaymentForm } from "./PaymentForm";
import { StatementForm } from "./StatementForm";
import { usePagedScreen, type Row } from "./useListScreen";

/** A balance as a list row: its id is the farmer's. */
type BalanceRow = FarmerBalance & Row;

async function listBalances(query: ListQuery): Promise<Page<BalanceRow>> {
  const page = await api.farmerBalances(query);
  return { items: page.items.map((b) => ({ ...b, id: b.farmerId })), total: page.total };
}

export function PayablesScreen() {
  const { t } = useI18n();
  const screen = usePagedScreen({ prefix: "payables", list: listBalances });
  const [statementFor, setStatementFor] = useState<BalanceRow | null>(null);

  return (
    <>
      <PagedListView
        screen={screen}
        row="balance"
        filter={{ name: "show-all", label: t("payables.showAll") }}
        columns={
          <>
            <th>{t("payables.colFarmer")}</th>
            <th className="col-num">{t("payables.colOwed")}</th>
            <th className="col-num">{t("payables.colPaid")}</th>
            <th className="col-num">{t("payables.colBalance")}</th>
          </>
        }
        cells={(b) => (
          <>
            <td className="cell-name">
              <span className="cell-strong">{b.farmerName}</span>
              {b.village ? <div className="cell-sub">{b.village}</div> : null}
            </td>
            <td className="col-num cell-nowrap">{formatMoney(b.owed)}</td>
            <td className="col-num cell-nowrap">{formatMoney(b.paid)}</td>
            <td className="col-num cell-nowrap">
              {owes(b) ? <span className="cell-strong">{formatMoney(b.balance)}</span> : <span className="cell-muted">{t("payables.settled")}</span>}
            </td>
          </>
        )}
        actions={(b) => (
          <>
            <button type="button" className="btn btn-small btn-secondary" data-testid="balance-statement" onClick={() => setStatementFor(b)}>
              {t("payables.statement")}
            </button>
            <button type="button" className="btn btn-small btn-secondary" data-testid="balance-pay" disabled={!owes(b)} onClick={() => screen.openForm(b)}>
              {t("payables.pay")}
            </button>
          </>
        )}
        form={(b) =>
          b ? (
            <PaymentForm
              balance={b}
              onCancel={screen.closeForm}
              onSaved={(after, paid) =>
                screen.saved(
                  owes(after)
                    ? phrase("pay.savedToast", { name: after.farmerName, amount: formatMoney(paid), balance: formatMoney(after.balance) })
                    : phrase("pay.settledToast", { name: after.farmerName, amount: formatMoney(paid) }),
                )
              }
            />
          ) : null
        }
      />
      {statementFor ? <StatementForm balance={statementFor} onClose={() => setStatementFor(null)} /> : null}
    </>
  );
}
