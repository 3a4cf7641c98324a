// Sales (销售): what sold, by day, week, month or year, by product, channel, province or city, with
// revenue, refunds, costs and gross profit; a chart over time, a tile map of China's provinces, the
// repeat buyers, and the table as a spreadsheet.
import { useEffect, useMemo, useState } from "react";
import * as api from "../api";
import { toApiError, type ApiError } from "../api";
import type { RepeatBuyer, SalesFigures, SalesQuery, SalesReport, SalesRow } from "../bindings";
import { Chart, type ChartOption } from "../components/Chart";
import { add, parseDecimal, toText, type Decimal } from "../decimal";
import { useExport } from "../components/savedDocument";
import { errorPhrases, ruleMessage } from "../formErrors";
import { formatMoney, trimDecimal } from "../format";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue } from "../hooks";
import { isMessageKey, say, type MessageKey, type Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { ProvinceTiles } from "./ProvinceTiles";
import { DateField } from "../components/DateField";

export const SALES_BY = ["day", "week", "month", "year", "product", "channel", "province", "city"] as const;
export type SalesBy = (typeof SALES_BY)[number];
type By = SalesBy;

const TIME: readonly By[] = ["day", "week", "month", "year"];
const KIND: readonly By[] = ["product", "channel", "province", "city"];

/** Characters of a category's name shown beside the chart's bars; the tooltip shows it whole. */
const CHART_NAME_CHARS = 8;

/** "修文猕猴桃 特级大果 5斤装" -> "修文猕猴桃 特级…": a long name does not push the bars off the chart. */
export function shortName(name: string, chars: number = CHART_NAME_CHARS): string {
  const letters = Array.from(name);
  return letters.length <= chars ? name : `${letters.slice(0, chars).join("").trimEnd()}…`;
}

/** A chart value as money, "¥219.20" (the figures in the table stay Rust's exact strings). */
export function chartMoney(value: unknown): string {
  return typeof value === "number" && Number.isFinite(value) ? formatMoney(value.toFixed(2)) : "—";
}

/** Goods, packaging and shipping together, exactly: the narrow table's one cost column. */
export function allCosts(f: SalesFigures): string {
  const parts = [f.goodsCost, f.packaging, f.shipping].map(parseDecimal);
  if (parts.some((d) => d === null)) return "";
  return toText(parts.reduce<Decimal>((sum, d) => add(sum, d ?? sum), { units: 0n, scale: 2 }));
}

/** A decimal string as a number for drawing only (the figures shown stay the exact strings). */
function plot(text: string): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

/** A channel in words ("淘宝"); a channel the locale files do not know yet shows its code rather than nothing. */
export function channelName(code: string, t: (k: MessageKey) => string): string {
  const key = `sales.channel.${code}`;
  return isMessageKey(key) ? t(key) : code;
}

function rowName(row: SalesRow, by: By, language: string, t: (k: MessageKey) => string): string {
  if (by === "product") return language === "en" && row.nameEn !== "" ? row.nameEn : row.parent;
  if (by === "channel") return channelName(row.key, t);
  if (by === "city") return `${row.parent} ${row.key}`;
  return row.key;
}

/** The chart of a report: revenue and gross profit over time, or the ten largest categories as bars; none by place (the tiles show those). */
export function salesChartOption(reportRows: readonly SalesRow[], by: SalesBy, language: string, t: (k: MessageKey) => string): ChartOption | null {
  if (reportRows.length === 0 || by === "province" || by === "city") return null;
  const time = TIME.includes(by);
  // Over time every period; by category the ten largest, the largest at the top.
  const rows = time ? reportRows : reportRows.slice(0, 10).reverse();
  const names = rows.map((r) => rowName(r, by, language, t));
  const revenue = rows.map((r) => plot(r.figures.revenue));
  const gross = rows.map((r) => plot(r.figures.grossProfit));
  const series = [
    { name: t("sales.col.revenue"), type: "bar", data: revenue, itemStyle: { color: "#5b8c3a" } },
    { name: t("sales.col.gross"), type: time ? "line" : "bar", data: gross, itemStyle: { color: "#d9822b" } },
  ];
  const tooltip = { trigger: "axis", valueFormatter: chartMoney };
  // The grid holds its axis labels (ECharts 6's containLabel), so none is cut at the edge.
  const grid = { left: 8, right: 16, top: 32, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" };
  const money = { formatter: (v: number) => chartMoney(v).replace(/\.00$/, "") };
  return time
    ? {
        tooltip,
        legend: { top: 0 },
        grid,
        // Days and weeks without their year ("11-30"); labels that would overlap are left out.
        xAxis: { type: "category", data: names, axisLabel: { hideOverlap: true, formatter: (v: string) => (by === "day" || by === "week" ? v.slice(5) : v) } },
        yAxis: { type: "value", axisLabel: money },
        series,
      }
    : {
        tooltip: { ...tooltip, axisPointer: { type: "shadow" } },
        legend: { top: 0 },
        grid,
        xAxis: { type: "value", axisLabel: { ...money, hideOverlap: true } },
        yAxis: { type: "category", data: names, axisLabel: { formatter: (v: string) => shortName(v) } },
        series,
      };
}

/**
 * The sales report. `by`, `from` and `to` are where it opens (Today's sales card: this month by day);
 * the person changes them from there.
 */
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A refused report in the person's language (Rust's own messages are English): an end before the
 * start said as such, a date's rule as the form fields say it, anything else as its kind.
 */
export function salesErrorText(error: ApiError, query: SalesQuery, t: Translate): string {
  const issue = error.errors.find((e) => e.field === "from" || e.field === "to");
  if (!issue) return say(t, errorPhrases(error));
  // A well-formed (or empty = today) end refused as a bad date is an end before the start.
  if (issue.field === "to" && issue.rule === "bad_date" && (query.to === "" || ISO_DAY.test(query.to))) return t("sales.rangeBackwards");
  return ruleMessage(t, issue.rule, t(issue.field === "from" ? "sales.field.from" : "sales.field.to"), issue.message, issue.params);
}

export function SalesTab({
  by: initialBy = "month",
  from: initialFrom = "",
  to: initialTo = "",
  onQuery,
}: { by?: SalesBy; from?: string; to?: string; onQuery?: (query: { by: SalesBy; from: string; to: string }) => void } = {}) {
  const { t, language } = useI18n();
  const [typed, setTyped] = useState<SalesQuery>({ by: initialBy, from: initialFrom, to: initialTo });
  // The narrow table (fits a 1024-wide screen beside the sidebar) unless every column is asked for.
  const [allColumns, setAllColumns] = useState(false);
  const query = useDebouncedValue(typed, SEARCH_DEBOUNCE_MS);
  // The reports keep what was asked, so coming back to this tab shows the same grouping and days.
  useEffect(() => {
    if ((SALES_BY as readonly string[]).includes(query.by)) onQuery?.({ by: query.by as SalesBy, from: query.from, to: query.to });
    // `onQuery` is the reports' setter; only a new query is news.
  }, [query]);
  const [state, setState] = useState<{ report: SalesReport | null; error: ApiError | null; loading: boolean }>({ report: null, error: null, loading: true });
  const { exporting, run: exportXlsx } = useExport(() => api.exportSalesXlsx(query));
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

  // Repeat buyers come apart from the table (they read every order of the days): the table does
  // not wait for them, and a failure to find them only leaves them out.
  const [repeat, setRepeat] = useState<RepeatBuyer[]>([]);
  const { from: daysFrom, to: daysTo } = query;
  useEffect(() => {
    let current = true;
    api.repeatBuyers({ by: "", from: daysFrom, to: daysTo }).then(
      (buyers) => {
        if (current) setRepeat(buyers);
      },
      () => {
        if (current) setRepeat([]);
      },
    );
    return () => {
      current = false;
    };
  }, [daysFrom, daysTo]);

  const option = useMemo<ChartOption | null>(() => (report ? salesChartOption(report.rows, by, language, t) : null), [report, by, language, t]);


  const fieldError = (name: "from" | "to") => state.error?.errors.find((e) => e.field === name);
  const errorText = state.error ? salesErrorText(state.error, query, t) : null;

  return (
    <div className="sales" data-testid="sales-tab">
      <div className="report-controls">
        <label className="field-inline">
          <span>{t("sales.by")}</span>
          <select data-testid="sales-by" value={typed.by} onChange={(e) => setTyped((q) => ({ ...q, by: e.target.value }))}>
            {/* Over time, or split by what sold and where: two kinds of grouping, shown apart. */}
            <optgroup label={t("sales.byTime")} data-testid="sales-by-time">
              {TIME.map((b) => (
                <option key={b} value={b}>
                  {t(`sales.by.${b}` as MessageKey)}
                </option>
              ))}
            </optgroup>
            <optgroup label={t("sales.byKind")} data-testid="sales-by-kind">
              {KIND.map((b) => (
                <option key={b} value={b}>
                  {t(`sales.by.${b}` as MessageKey)}
                </option>
              ))}
            </optgroup>
          </select>
        </label>
        <div className="field-inline">
          <label htmlFor="sales-from">{t("sales.from")}</label>
          <DateField id="sales-from" data-testid="sales-from" value={typed.from} onChange={(from) => setTyped((q) => ({ ...q, from }))} aria-invalid={fieldError("from") ? true : undefined} />
        </div>
        <div className="field-inline">
          <label htmlFor="sales-to">{t("sales.to")}</label>
          <DateField id="sales-to" data-testid="sales-to" value={typed.to} onChange={(to) => setTyped((q) => ({ ...q, to }))} aria-invalid={fieldError("to") ? true : undefined} />
        </div>
        <button type="button" className="btn btn-secondary" data-testid="sales-export" disabled={exporting || !report || report.rows.length === 0} onClick={exportXlsx}>
          {exporting ? t("sales.exporting") : t("sales.export")}
        </button>
      </div>
      {state.error ? (
        <p className="form-error" role="alert" data-testid="sales-error">
          {errorText}
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
          {report.total.unpacked > 0 ? (
            <p className="form-warning sales-note" data-testid="sales-unpacked-note">
              {t("sales.unpackedNote", { count: report.total.unpacked })}
            </p>
          ) : null}
          {option ? <Chart option={option} label={t("sales.chartLabel")} testId="sales-chart" /> : null}
          {by === "province" ? <ProvinceTiles rows={report.rows} /> : null}
          <div className="sales-columns">
            <button type="button" className="btn-link" data-testid="sales-all-columns" aria-pressed={allColumns} onClick={() => setAllColumns((a) => !a)}>
              {allColumns ? t("sales.fewerColumns") : t("sales.allColumns")}
            </button>
          </div>
          <div className="table-wrap">
            <table className={allColumns ? "table sales-table sales-table-all" : "table sales-table"} data-testid="sales-table">
              <thead>
                <tr>
                  <th>{t(`sales.by.${by}` as MessageKey)}</th>
                  <th className="num">{t("sales.col.orders")}</th>
                  {allColumns ? <th className="num">{t("sales.col.units")}</th> : null}
                  <th className="num">{t("sales.col.revenue")}</th>
                  <th className="num">{t("sales.col.refunds")}</th>
                  {allColumns ? (
                    <>
                      <th className="num">{t("sales.col.goodsCost")}</th>
                      <th className="num">{t("sales.col.packaging")}</th>
                      <th className="num">{t("sales.col.shipping")}</th>
                    </>
                  ) : (
                    <th className="num" title={t("sales.col.costsTitle")}>
                      {t("sales.col.costs")}
                    </th>
                  )}
                  <th className="num">{t("sales.col.gross")}</th>
                  <th className="num">{t("sales.col.margin")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((r) => (
                  <tr key={`${r.parent}/${r.key}`} data-testid="sales-row">
                    <FigureCells name={rowName(r, by, language, t)} f={r.figures} all={allColumns} />
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <FigureCells name={t("sales.total")} f={report.total} all={allColumns} head />
                </tr>
              </tfoot>
            </table>
          </div>
          {repeat.length > 0 ? (
            <section className="sales-repeat" data-testid="sales-repeat">
              <h2>{t("sales.repeat.title")}</h2>
              <ul>
                {repeat.map((b) => (
                  <li key={`${b.source}/${b.buyer}/${b.lastOn}`}>
                    {b.buyer} <span className="cell-muted">({channelName(b.source, t)} · {b.province})</span> {t("sales.repeat.orders", { count: b.orders })} · {formatMoney(b.revenue)}
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

/** One row's cells: every column, or the narrow set with the costs in one. */
function FigureCells({ name, f, all, head = false }: { name: string; f: SalesFigures; all: boolean; head?: boolean }) {
  const { t } = useI18n();
  const Cell = head ? "th" : "td";
  const costs = allCosts(f);
  // Orders not packed yet have no goods cost: their gross profit and margin are marked.
  const mark =
    f.unpacked > 0 ? (
      <span className="sales-unpacked" data-testid="sales-unpacked" title={t("sales.unpackedTitle", { count: f.unpacked })}>
        {" *"}
      </span>
    ) : null;
  return (
    <>
      <Cell className="sales-name">{name}</Cell>
      <Cell className="num">{f.orders}</Cell>
      {all ? <Cell className="num">{trimDecimal(f.units)}</Cell> : null}
      <Cell className="num">{formatMoney(f.revenue)}</Cell>
      <Cell className="num">{formatMoney(f.refunds)}</Cell>
      {all ? (
        <>
          <Cell className="num">{formatMoney(f.goodsCost)}</Cell>
          <Cell className="num">{formatMoney(f.packaging)}</Cell>
          <Cell className="num">{formatMoney(f.shipping)}</Cell>
        </>
      ) : (
        <Cell className="num" data-testid="sales-costs">
          {costs === "" ? "—" : formatMoney(costs)}
        </Cell>
      )}
      <Cell className="num">
        {formatMoney(f.grossProfit)}
        {mark}
      </Cell>
      <Cell className="num">
        {f.margin === "" ? "—" : `${f.margin}%`}
        {mark}
      </Cell>
    </>
  );
}
