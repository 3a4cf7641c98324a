// Sales (销售): what sold, by day, week, month or year, by product, channel, province or city, with
// revenue, refunds, costs and gross profit; a chart over time, a tile map of China's provinces, the
// repeat buyers, and the table as a spreadsheet.
import { useEffect, useMemo, useState } from "react";
import * as api from "../api";
import { toApiError, type ApiError } from "../api";
import type { SalesQuery, SalesReport, SalesRow } from "../bindings";
import { Chart, type ChartOption } from "../components/Chart";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { formatMoney, trimDecimal } from "../format";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue } from "../hooks";
import { phrase, type MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { ProvinceTiles } from "./ProvinceTiles";

export const SALES_BY = ["day", "week", "month", "year", "product", "channel", "province", "city"] as const;
type By = (typeof SALES_BY)[number];

const TIME: readonly By[] = ["day", "week", "month", "year"];

/** A decimal string as a number for drawing only (the figures shown stay the exact strings). */
function plot(text: string): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

export function channelKey(code: string): MessageKey {
  return `sales.channel.${code}` as MessageKey;
}

function rowName(row: SalesRow, by: By, language: string, t: (k: MessageKey) => string): string {
  if (by === "product") return language === "en" && row.nameEn !== "" ? row.nameEn : row.parent;
  if (by === "channel") return t(channelKey(row.key));
  if (by === "city") return `${row.parent} ${row.key}`;
  return row.key;
}

export function SalesTab() {
  const { t, language } = useI18n();
  const toast = useToast();
  const [typed, setTyped] = useState<SalesQuery>({ by: "month", from: "", to: "" });
  const query = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  const [state, setState] = useState<{ report: SalesReport | null; error: ApiError | null; loading: boolean }>({ report: null, error: null, loading: true });
  const [exporting, setExporting] = useState(false);
  const report = state.report;
  // The grouping the figures on screen were made by (a new one is drawn once its report is in).
  const shownBy = report ? report.by : query.by;
  const by = (SALES_BY as readonly string[]).includes(shownBy) ? (shownBy as By) : "month";

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.salesReport(query).then(
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
  }, [query]);

  const option = useMemo<ChartOption | null>(() => {
    if (!report || report.rows.length === 0 || by === "province" || by === "city") return null;
    const time = TIME.includes(by);
    const rows = time ? report.rows : report.rows.slice(0, 10).reverse();
    const names = rows.map((r) => rowName(r, by, language, t));
    const revenue = rows.map((r) => plot(r.figures.revenue));
    const gross = rows.map((r) => plot(r.figures.grossProfit));
    const series = [
      { name: t("sales.col.revenue"), type: "bar", data: revenue, itemStyle: { color: "#5b8c3a" } },
      { name: t("sales.col.gross"), type: time ? "line" : "bar", data: gross, itemStyle: { color: "#d9822b" } },
    ];
    return time
      ? {
          tooltip: { trigger: "axis" },
          legend: { top: 0 },
          grid: { left: 60, right: 16, top: 32, bottom: 28 },
          xAxis: { type: "category", data: names },
          yAxis: { type: "value", axisLabel: { formatter: "¥{value}" } },
          series,
        }
      : {
          tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
          legend: { top: 0 },
          grid: { left: 150, right: 16, top: 32, bottom: 20 },
          xAxis: { type: "value", axisLabel: { formatter: "¥{value}" } },
          yAxis: { type: "category", data: names, axisLabel: { width: 140, overflow: "truncate" } },
          series,
        };
  }, [report, by, language, t]);

  async function exportXlsx() {
    setExporting(true);
    try {
      const doc = await api.exportSalesXlsx(query);
      toast.show({ message: phrase("sales.exported", { path: doc.path }) });
      await api.openDocument(doc.path).catch(() => undefined);
    } catch (reason) {
      toast.show({ message: [phrase("sales.exportFailed"), ...errorPhrases(reason)], error: true });
    } finally {
      setExporting(false);
    }
  }

  const fieldError = (name: string) => state.error?.errors.find((e) => e.field === name)?.message;

  return (
    <div className="sales" data-testid="sales-tab">
      <div className="report-controls">
        <label className="field-inline">
          <span>{t("sales.by")}</span>
          <select data-testid="sales-by" value={typed.by} onChange={(e) => setTyped((q) => ({ ...q, by: e.target.value }))}>
            {SALES_BY.map((b) => (
              <option key={b} value={b}>
                {t(`sales.by.${b}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label className="field-inline">
          <span>{t("sales.from")}</span>
          <input type="date" data-testid="sales-from" value={typed.from} onChange={(e) => setTyped((q) => ({ ...q, from: e.target.value }))} aria-invalid={fieldError("from") ? true : undefined} />
        </label>
        <label className="field-inline">
          <span>{t("sales.to")}</span>
          <input type="date" data-testid="sales-to" value={typed.to} onChange={(e) => setTyped((q) => ({ ...q, to: e.target.value }))} aria-invalid={fieldError("to") ? true : undefined} />
        </label>
        <button type="button" className="btn btn-secondary" data-testid="sales-export" disabled={exporting || !report || report.rows.length === 0} onClick={() => void exportXlsx()}>
          {exporting ? t("sales.exporting") : t("sales.export")}
        </button>
      </div>
      {state.error ? (
        <p className="form-error" role="alert" data-testid="sales-error">
          {fieldError("from") ?? fieldError("to") ?? state.error.message}
        </p>
      ) : null}
      {report ? (
        <p className="cell-muted" data-testid="sales-range">
          {t("sales.range", { from: report.from, to: report.to })}
        </p>
      ) : null}
      {state.loading && !report ? <p className="cell-muted">{t("app.loading")}</p> : null}
      {report && report.rows.length === 0 ? (
        <p className="empty-state" data-testid="sales-empty">
          {t("sales.empty")}
        </p>
      ) : null}
      {report && report.rows.length > 0 ? (
        <>
          <div className="sales-summary" data-testid="sales-summary">
            <div>
              <span className="cell-muted">{t("sales.col.revenue")}</span>
              <strong>{formatMoney(report.total.revenue)}</strong>
            </div>
            <div>
              <span className="cell-muted">{t("sales.col.refunds")}</span>
              <strong>{formatMoney(report.total.refunds)}</strong>
            </div>
            <div>
              <span className="cell-muted">{t("sales.col.gross")}</span>
              <strong>{formatMoney(report.total.grossProfit)}</strong>
            </div>
            <div>
              <span className="cell-muted">{t("sales.col.margin")}</span>
              <strong>{report.total.margin === "" ? "—" : `${report.total.margin}%`}</strong>
            </div>
            <div>
              <span className="cell-muted">{t("sales.col.orders")}</span>
              <strong>{report.total.orders}</strong>
            </div>
          </div>
          <p className="cell-muted sales-note">{t("today.sales.costsNote")}</p>
          {option ? <Chart option={option} label={t("sales.chartLabel")} testId="sales-chart" /> : null}
          {by === "province" ? <ProvinceTiles rows={report.rows} /> : null}
          <div className="table-wrap">
            <table className="table sales-table" data-testid="sales-table">
              <thead>
                <tr>
                  <th>{t(`sales.by.${by}` as MessageKey)}</th>
                  <th className="num">{t("sales.col.orders")}</th>
                  <th className="num">{t("sales.col.units")}</th>
                  <th className="num">{t("sales.col.revenue")}</th>
                  <th className="num">{t("sales.col.refunds")}</th>
                  <th className="num">{t("sales.col.goodsCost")}</th>
                  <th className="num">{t("sales.col.packaging")}</th>
                  <th className="num">{t("sales.col.shipping")}</th>
                  <th className="num">{t("sales.col.gross")}</th>
                  <th className="num">{t("sales.col.margin")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={`${r.parent}/${r.key}`} data-testid="sales-row">
                    <td>{rowName(r, by, language, t)}</td>
                    <td className="num">{r.figures.orders}</td>
                    <td className="num">{trimDecimal(r.figures.units)}</td>
                    <td className="num">{formatMoney(r.figures.revenue)}</td>
                    <td className="num">{formatMoney(r.figures.refunds)}</td>
                    <td className="num">{formatMoney(r.figures.goodsCost)}</td>
                    <td className="num">{formatMoney(r.figures.packaging)}</td>
                    <td className="num">{formatMoney(r.figures.shipping)}</td>
                    <td className="num">{formatMoney(r.figures.grossProfit)}</td>
                    <td className="num">{r.figures.margin === "" ? "—" : `${r.figures.margin}%`}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th>{t("sales.total")}</th>
                  <th className="num">{report.total.orders}</th>
                  <th className="num">{trimDecimal(report.total.units)}</th>
                  <th className="num">{formatMoney(report.total.revenue)}</th>
                  <th className="num">{formatMoney(report.total.refunds)}</th>
                  <th className="num">{formatMoney(report.total.goodsCost)}</th>
                  <th className="num">{formatMoney(report.total.packaging)}</th>
                  <th className="num">{formatMoney(report.total.shipping)}</th>
                  <th className="num">{formatMoney(report.total.grossProfit)}</th>
                  <th className="num">{report.total.margin === "" ? "—" : `${report.total.margin}%`}</th>
                </tr>
              </tfoot>
            </table>
          </div>
          {report.repeatBuyers.length > 0 ? (
            <section className="sales-repeat" data-testid="sales-repeat">
              <h2>{t("sales.repeat.title")}</h2>
              <ul>
                {report.repeatBuyers.map((b) => (
                  <li key={`${b.source}/${b.buyer}/${b.lastOn}`}>
                    {b.buyer} <span className="cell-muted">({t(channelKey(b.source))} · {b.province})</span> {t("sales.repeat.orders", { count: b.orders })} · {formatMoney(b.revenue)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
