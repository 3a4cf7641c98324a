// What stock lost each month cost, by reason (spoiled, damaged, samples, eaten at home, and stock-count
// differences), for a range of months (the last 12 by default). A bar per month, as long as its loss
// is against the worst month's, shows at a glance which month lost most. Counts that found more than
// the books said are negative and shown as such.
import { useEffect, useState } from "react";
import * as api from "../api";
import { toApiError, type ApiError } from "../api";
import type { SpoilageMonth, SpoilageReport } from "../bindings";
import { add, divide, isZero, multiply, parseDecimal, subtract, toText, type Decimal } from "../decimal";
import { formatMoney, formatMonth } from "../format";
import { useI18n } from "../i18nContext";
import { hasMonthError, monthErrors, MonthRangeFields, monthSpan, ReportTable, useMonthRange } from "./reportParts";

/** The money columns of a month, in the order of the table. */
export const SPOILAGE_COLUMNS = ["spoiled", "damaged", "sample", "ownUse", "count"] as const;

type Column = (typeof SPOILAGE_COLUMNS)[number];

const ZERO: Decimal = { units: 0n, scale: 0 };

function amount(text: string): Decimal {
  return parseDecimal(text) ?? ZERO;
}

function sign(text: string): number {
  const d = amount(text);
  return d.units === 0n ? 0 : d.units < 0n ? -1 : 1;
}

/**
 * Each month's bar as a percentage of the month that lost most ("62.5"); "0" for a month that lost
 * nothing or found more than it lost. Exact, like everything else with money.
 */
export function barWidths(months: readonly Pick<SpoilageMonth, "total">[]): string[] {
  const totals = months.map((m) => amount(m.total));
  const most = totals.reduce<Decimal>((max, d) => (compare(d, max) > 0 ? d : max), ZERO);
  return totals.map((d) => {
    if (isZero(most) || d.units <= 0n) return "0";
    const pct = divide(multiply(d, { units: 100n, scale: 0 }), most, 1);
    return pct ? trimZeros(toText(pct)) : "0";
  });
}

function compare(a: Decimal, b: Decimal): number {
  const diff = subtract(a, b);
  return diff.units === 0n ? 0 : diff.units < 0n ? -1 : 1;
}

function trimZeros(text: string): string {
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** A column's sum over the months, exactly. */
function columnSum(months: readonly SpoilageMonth[], column: Column): string {
  return toText(months.reduce<Decimal>((sum, m) => add(sum, amount(m[column])), ZERO));
}

function Money({ value, column }: { value: string; column: Column | "total" }) {
  const { t } = useI18n();
  const s = sign(value);
  if (s === 0) return <span className="cell-muted">{t("common.none")}</span>;
  if (s < 0) {
    return (
      <span className="diff-plus" title={column === "count" ? t("report.spoilage.foundTitle") : undefined}>
        {formatMoney(value)}
      </span>
    );
  }
  return <>{formatMoney(value)}</>;
}

/** `initialMonth` ("YYYY-MM"): open on that one month (the month's profit leads here). */
export function SpoilageTab({ initialMonth }: { initialMonth?: string } = {}) {
  const { t, language } = useI18n();
  const months = useMonthRange(initialMonth ? { from: initialMonth, to: initialMonth } : undefined);
  const { from, to } = months;
  const [state, setState] = useState<{ report: SpoilageReport | null; error: ApiError | null; loading: boolean }>({
    report: null,
    error: null,
    loading: true,
  });

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.spoilageByMonth({ from, to }).then(
      (report) => {
        if (current) setState({ report, error: null, loading: false });
      },
      (reason: unknown) => {
        if (current) setState({ report: null, error: toApiError(reason), loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [from, to]);

  const errors = monthErrors(state.error);
  const report = state.report;
  const rows = report?.months ?? [];
  const widths = barWidths(rows);
  const worst = widths.indexOf("100");
  const nothingLost = rows.every((m) => sign(m.total) === 0 && SPOILAGE_COLUMNS.every((c) => sign(m[c]) === 0));
  const found = rows.some((m) => sign(m.count) < 0);
  const first = rows[0];
  const last = rows[rows.length - 1];

  const columnLabel: Record<Column, string> = {
    spoiled: t("report.spoilage.spoiled"),
    damaged: t("report.spoilage.damaged"),
    sample: t("report.spoilage.sample"),
    ownUse: t("report.spoilage.ownUse"),
    count: t("report.spoilage.count"),
  };

  return (
    <>
      <div className="toolbar report-toolbar">
        <MonthRangeFields form="spoilage" months={months} errors={errors} />
      </div>
      {report && first && last ? (
        <div className="report-figures">
          <div className="report-figure" data-testid="spoilage-total">
            <span className="report-figure-label">{t("report.spoilage.lostIn", { span: monthSpan(first.month, last.month, language) })}</span>
            <span className="report-figure-value">{formatMoney(report.total)}</span>
          </div>
        </div>
      ) : null}
      {report && nothingLost ? (
        <p className="empty" data-testid="spoilage-empty">
          <span className="empty-title">{t("report.spoilage.empty")}</span>
        </p>
      ) : (
        <ReportTable
          list={{
            items: rows,
            total: rows.length,
            offset: 0,
            limit: Math.max(rows.length, 1),
            loading: state.loading && report === null,
            error: hasMonthError(errors) ? null : state.error,
            setOffset: () => undefined,
          }}
          hideRows={hasMonthError(errors)}
          row="spoilage-row"
          rowKey={(m) => m.month}
          rowAttributes={(m) => {
            const i = rows.indexOf(m);
            return { "data-month": m.month, className: i === worst ? "spoilage-worst" : undefined };
          }}
          columns={
            <>
              <th>{t("report.colMonth")}</th>
              <th className="spoilage-bar-col">
                <span className="sr-only">{t("report.spoilage.bar")}</span>
              </th>
              {SPOILAGE_COLUMNS.map((c) => (
                <th key={c} className="col-num">
                  {columnLabel[c]}
                </th>
              ))}
              <th className="col-num">{t("report.spoilage.total")}</th>
            </>
          }
          cells={(m) => {
            const width = widths[rows.indexOf(m)] ?? "0";
            return (
              <>
                <td className="cell-nowrap">{formatMonth(m.month, language)}</td>
                <td className="spoilage-bar-col" aria-hidden="true">
                  <div className="spoilage-bar-track">
                    <div className="spoilage-bar" data-testid="spoilage-bar" style={{ width: `${width}%` }} />
                  </div>
                </td>
                {SPOILAGE_COLUMNS.map((c) => (
                  <td key={c} className="col-num cell-nowrap" data-column={c}>
                    <Money value={m[c]} column={c} />
                  </td>
                ))}
                <td className="col-num cell-nowrap cell-strong" data-column="total">
                  <Money value={m.total} column="total" />
                </td>
              </>
            );
          }}
          footer={
            report ? (
              <tr>
                <th colSpan={2}>{t("report.spoilage.sum")}</th>
                {SPOILAGE_COLUMNS.map((c) => (
                  <td key={c} className="col-num cell-nowrap">
                    <Money value={columnSum(rows, c)} column={c} />
                  </td>
                ))}
                <td className="col-num cell-nowrap cell-strong" data-testid="spoilage-sum">
                  {formatMoney(report.total)}
                </td>
              </tr>
            ) : null
          }
          empty={t("report.spoilage.empty")}
          emptyTestId="spoilage-no-months"
        />
      )}
      {report && !nothingLost && found ? <p className="report-note muted">{t("report.spoilage.foundNote")}</p> : null}
    </>
  );
}
