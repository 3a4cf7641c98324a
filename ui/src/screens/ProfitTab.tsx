// The month's profit (利润): revenue less refunds, goods cost, packaging, shipping, spoilage, approved
// wages and expenses, each line with how many records it sums and a way to the records behind it.
import { useEffect, useState } from "react";
import * as api from "../api";
import { toApiError, type ApiError } from "../api";
import type { ProfitStatement } from "../bindings";
import { useExport } from "../components/savedDocument";
import { formatMoney, formatMonth, todayInShanghai } from "../format";
import type { MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";

/** Where a line's records are. */
export type ProfitTarget =
  | { kind: "orders"; month: string; from: string; to: string }
  | { kind: "spoilage"; month: string }
  | { kind: "wages"; month: string }
  | { kind: "expenses"; month: string };

/** The 24 months up to this one, newest first, as "YYYY-MM". */
export function recentMonths(today: string = todayInShanghai(), count = 24): string[] {
  const [y, m] = today.split("-").map(Number);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = (y ?? 2026) * 12 + ((m ?? 1) - 1) - i;
    out.push(`${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`);
  }
  return out;
}

function lineLabel(code: string, t: (k: MessageKey) => string): string {
  if (code.startsWith("expense:")) return t(`profit.expense.${code.slice("expense:".length)}` as MessageKey);
  return t(`profit.line.${code}` as MessageKey);
}

export function ProfitTab({ onOpen, initialMonth, onMonth }: { onOpen: (target: ProfitTarget) => void; initialMonth?: string; onMonth?: (month: string) => void }) {
  const { t, language } = useI18n();
  const months = recentMonths();
  const [month, setMonthShown] = useState(initialMonth && months.includes(initialMonth) ? initialMonth : (months[0] ?? ""));
  function setMonth(next: string) {
    setMonthShown(next);
    onMonth?.(next);
  }
  const [state, setState] = useState<{ statement: ProfitStatement | null; error: ApiError | null }>({ statement: null, error: null });
  const { exporting, run: exportXlsx } = useExport(() => api.exportProfitXlsx(month));


  useEffect(() => {
    let current = true;
    api.profitStatement(month).then(
      (statement) => {
        if (current) setState({ statement, error: null });
      },
      (reason: unknown) => {
        if (current) setState({ statement: null, error: toApiError(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, [month]);

  const p = state.statement;
  function target(code: string): ProfitTarget | null {
    if (!p) return null;
    if (code === "spoilage") return { kind: "spoilage", month: p.month };
    if (code === "wages") return { kind: "wages", month: p.month };
    if (code.startsWith("expense:")) return { kind: "expenses", month: p.month };
    return { kind: "orders", month: p.month, from: p.from, to: p.to };
  }

  return (
    <div className="profit" data-testid="profit-tab">
      <div className="report-controls">
        <label className="field-inline">
          <span>{t("profit.month")}</span>
          <select data-testid="profit-month" value={month} onChange={(e) => setMonth(e.target.value)}>
            {months.map((m) => (
              <option key={m} value={m}>
                {formatMonth(m, language)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-secondary" data-testid="profit-export" disabled={exporting || !state.statement} onClick={exportXlsx}>
          {exporting ? t("sales.exporting") : t("sales.export")}
        </button>
      </div>
      {state.error ? (
        <p className="form-error" role="alert">
          {state.error.message}
        </p>
      ) : null}
      {p && (p.lines.find((l) => l.code === "revenue")?.records ?? 0) === 0 ? (
        <p className="empty-state" data-testid="profit-empty">
          {t("profit.empty")}
        </p>
      ) : null}
      {p ? (
        <>
          <table className="table profit-table" data-testid="profit-table">
            <tbody>
              {p.lines.map((l) => {
                const to = target(l.code);
                return (
                  <tr key={l.code} data-testid={`profit-line-${l.code.replace(":", "-")}`}>
                    <th scope="row">{lineLabel(l.code, t)}</th>
                    <td className="num">{l.code === "revenue" ? formatMoney(l.amount) : `− ${formatMoney(l.amount)}`}</td>
                    <td className="cell-muted">{t("profit.records", { count: l.records })}</td>
                    <td>
                      {to && l.records > 0 ? (
                        <button type="button" className="btn-link" onClick={() => onOpen(to)}>
                          {t("profit.open")}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t("profit.line.profit")}</th>
                <td className={p.profit.trim().startsWith("-") ? "num profit-loss" : "num"} data-testid="profit-total">
                  {/* A loss in the same sign as the lines above it, and in the colour of a loss. */}
                  <strong>{formatMoney(p.profit).replace(/^-/, "− ")}</strong>
                </td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
          {!p.wagesApproved ? <p className="cell-muted">{t("profit.wagesNotApproved")}</p> : null}
          {p.partial ? <p className="cell-muted">{t("profit.partial")}</p> : null}
          {p.withoutGoodsCost > 0 ? (
            <p className="form-warning" data-testid="profit-without-cost">
              {t("profit.withoutGoodsCost", { count: p.withoutGoodsCost })}
            </p>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
