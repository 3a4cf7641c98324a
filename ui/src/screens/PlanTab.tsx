// What to buy (进货计划): for each product bought from farmers, how much to buy this week — the forecast
// over its shelf life (at most a week), less what is free in stock, plus a safety margin — with how sure
// the forecast is, the farmers who delivered it lately and their prices. A product opens its forecast
// (the last weeks sold and the next eight with their range); 做成进货单 opens the purchase form filled
// in, saved only when the delivery comes.
import { useEffect, useMemo, useState } from "react";
import * as api from "../api";
import { toApiError, type ApiError } from "../api";
import type { Language, PlanRow, ProductForecast, PurchaseInput, PurchasePlan } from "../bindings";
import { Chart, type ChartOption } from "../components/Chart";
import { formatMoney, formatQuantity, trimDecimal, unitLabel } from "../format";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue } from "../hooks";
import { say, type MessageKey, type Translate } from "../i18n";
import { useExport } from "../components/savedDocument";
import { errorPhrases } from "../formErrors";
import { useI18n } from "../i18nContext";
import { todayInShanghai } from "../format";

/** The purchase form's draft for a row of the plan: its latest farmer, grade and price, owed. */
export function draftOf(row: PlanRow): PurchaseInput {
  const from = row.suppliers[0];
  return {
    farmerId: from?.farmerId ?? "",
    receivedOn: todayInShanghai(),
    payment: "owed",
    note: "",
    lines: [
      {
        productId: row.productId,
        grade: from?.grade ?? "",
        // Nothing suggested: the person says how much.
        quantity: row.suggested === "0" ? "" : row.suggested,
        unit: row.stockUnit,
        unitPrice: from?.unitPrice ?? "",
        lineTotal: "",
        harvestedOn: "",
        bestBefore: "",
      },
    ],
  };
}

function plot(text: string): number {
  const n = Number(text);
  return Number.isFinite(n) ? n : 0;
}

/** The methods' technical names, shown only as a tooltip for whoever wants them. */
const METHOD_TECH: Readonly<Record<string, string>> = {
  naive: "naive",
  seasonal_naive: "seasonal naive",
  croston: "Croston",
  tsb: "TSB",
  mstl_ets: "MSTL + ETS",
};

/** A method in plain words ("按季节规律"); an unknown code is shown as it is. */
export function methodWords(method: string, t: Translate): string {
  return METHOD_TECH[method] === undefined ? method : t(`plan.method.${method}` as MessageKey);
}

/** A point of the chart as a quantity in the product's unit ("12.5 斤"); a gap as a dash. */
export function chartValue(value: unknown, unitCode: string, language: Language): string {
  if (typeof value !== "number" || !Number.isFinite(value)) return "—";
  // Two decimals at most: the forecast is a guess, not a weighing.
  return formatQuantity(String(Math.round(value * 100) / 100), unitCode, language);
}

/** The forecast chart: bars of the weeks sold, the forecast line and its range, the y-axis in the product's unit. */
export function forecastOption(forecast: ProductForecast, t: Translate, language: Language): ChartOption {
  const weeks = [...forecast.recent.map((w) => w.week), ...forecast.weeks.map((w) => w.week)];
  const pad = (n: number) => Array<null>(n).fill(null);
  const unit = forecast.stockUnit;
  return {
    tooltip: { trigger: "axis", valueFormatter: (value: unknown) => chartValue(value, unit, language) },
    legend: { top: 0 },
    // The grid holds its axis labels (ECharts 6's containLabel), so none is cut at the edge.
    grid: { left: 8, right: 16, top: 48, bottom: 8, outerBoundsMode: "same", outerBoundsContain: "axisLabel" },
    xAxis: { type: "category", data: weeks.map((w) => w.slice(5)) },
    yAxis: { type: "value", name: t("plan.chart.unit", { unit: unitLabel(unit, language) }), nameTextStyle: { align: "left" } },
    series: [
      { name: t("plan.chart.sold"), type: "bar", data: [...forecast.recent.map((w) => plot(w.units)), ...pad(forecast.weeks.length)], itemStyle: { color: "#8fc19e" } },
      { name: t("plan.chart.forecast"), type: "line", data: [...pad(forecast.recent.length), ...forecast.weeks.map((w) => plot(w.units))], itemStyle: { color: "#d9822b" } },
      { name: t("plan.chart.low"), type: "line", lineStyle: { type: "dashed" }, data: [...pad(forecast.recent.length), ...forecast.weeks.map((w) => plot(w.low))], itemStyle: { color: "#b9c3b4" } },
      { name: t("plan.chart.high"), type: "line", lineStyle: { type: "dashed" }, data: [...pad(forecast.recent.length), ...forecast.weeks.map((w) => plot(w.high))], itemStyle: { color: "#b9c3b4" } },
    ],
  };
}

function ForecastChart({ forecast }: { forecast: ProductForecast }) {
  const { t, language } = useI18n();
  const option = useMemo<ChartOption>(() => forecastOption(forecast, t, language), [forecast, t, language]);
  return <Chart option={option} label={t("plan.chart.label")} testId="plan-chart" />;
}

function ForecastDetail({ productId }: { productId: string }) {
  const { t, language } = useI18n();
  const [state, setState] = useState<{ forecast: ProductForecast | null; error: ApiError | null }>({ forecast: null, error: null });
  useEffect(() => {
    let current = true;
    api.forecast(productId).then(
      (r) => {
        if (current) setState({ forecast: r.products[0] ?? null, error: null });
      },
      (reason: unknown) => {
        if (current) setState({ forecast: null, error: toApiError(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, [productId]);
  const f = state.forecast;
  if (state.error) return <p className="form-error">{say(t, errorPhrases(state.error))}</p>;
  if (!f) return <p className="cell-muted">{t("app.loading")}</p>;
  if (f.notEnough !== "") return <p className="cell-muted">{t("plan.notEnough", { weeks: f.historyWeeks })}</p>;
  const b = f.backtest;
  return (
    <div className="plan-detail" data-testid="plan-detail">
      <ForecastChart forecast={f} />
      <p className="cell-muted">
        {t("plan.weeksAhead", {
          weeks: f.weeks.map((w) => trimDecimal(w.units)).join(" / "),
          unit: unitLabel(f.stockUnit, language),
        })}
      </p>
      <p className="cell-muted" data-testid="plan-method">
        <span title={METHOD_TECH[f.method] === undefined ? undefined : t("plan.methodTech", { name: METHOD_TECH[f.method] ?? "" })}>
          {t("plan.methodLine", { method: methodWords(f.method, t) })}
        </span>
        {f.confidence !== "" ? <> · {t("plan.sureLine", { sure: t(`plan.sure.${f.confidence}` as MessageKey) })}</> : null}
      </p>
      {/* An error rate over weeks with no sales has no meaning (NaN, which JSON carries as null): then nothing is said. */}
      {b && Number.isFinite(b.chosen.wmape) ? (
        <p className="cell-muted" data-testid="plan-backtest">
          {t("plan.accuracy", { error: Math.round(b.chosen.wmape * 100) })}
          {f.method === "seasonal_naive" || !Number.isFinite(b.seasonalNaive.wmape) ? null : (
            <>
              {" "}
              {t(b.beatsSeasonalNaive ? "plan.accuracyBetter" : "plan.accuracyNotBetter", { naive: Math.round(b.seasonalNaive.wmape * 100) })}
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}

export function PlanTab({ onDraft }: { onDraft: (draft: PurchaseInput) => void }) {
  const { t, language } = useI18n();
  const [safety, setSafety] = useState("10");
  const asked = useDebouncedValue(safety, SEARCH_DEBOUNCE_MS);
  const [state, setState] = useState<{ plan: PurchasePlan | null; error: ApiError | null; loading: boolean }>({ plan: null, error: null, loading: true });
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.purchasePlan(asked).then(
      (plan) => {
        if (current) setState({ plan, error: null, loading: false });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ plan: s.plan, error: toApiError(reason), loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [asked]);

  const plan = state.plan;
  const { exporting, run: exportXlsx } = useExport(() => api.exportPlanXlsx(asked));

  const safetyError = state.error?.errors.find((e) => e.field === "safetyPercent");
  return (
    <div className="plan" data-testid="plan-tab">
      <div className="report-controls">
        <label className="field-inline">
          <span>{t("plan.safety")}</span>
          <input
            className="input-narrow"
            inputMode="numeric"
            data-testid="plan-safety"
            value={safety}
            onChange={(e) => setSafety(e.target.value)}
            aria-invalid={safetyError ? true : undefined}
          />
          <span>%</span>
        </label>
        {state.loading ? <span className="cell-muted">{t("plan.working")}</span> : null}
        <button type="button" className="btn btn-secondary" data-testid="plan-export" disabled={exporting || !plan || plan.rows.length === 0} onClick={exportXlsx}>
          {exporting ? t("sales.exporting") : t("sales.export")}
        </button>
      </div>
      {safetyError ? (
        <p className="form-error" role="alert" data-testid="plan-error">
          {t("plan.safetyError")}
        </p>
      ) : state.error ? (
        <p className="form-error" role="alert">
          {say(t, errorPhrases(state.error))}
        </p>
      ) : null}
      {plan && plan.rows.length === 0 ? (
        <p className="empty-state" data-testid="plan-empty">
          {t("plan.empty")}
        </p>
      ) : null}
      {plan && plan.rows.length > 0 ? (
        <ul className="plan-rows">
          {plan.rows.map((r) => {
            const unit = unitLabel(r.stockUnit, language);
            const name = language === "en" && r.productNameEn ? r.productNameEn : r.productName;
            return (
              <li key={r.productId} className="plan-row" data-testid="plan-row">
                <div className="plan-head">
                  <button type="button" className="btn-link plan-name" aria-expanded={open === r.productId} onClick={() => setOpen(open === r.productId ? null : r.productId)}>
                    {name}
                  </button>
                  {r.notEnough === "" ? (
                    <>
                      <span className="plan-buy" data-testid="plan-suggested">
                        {r.suggested === "0" ? t("plan.noNeed") : t("plan.buy", { quantity: r.suggested, unit })}
                      </span>
                      {r.coverDays !== null ? (
                        <span className="cell-muted" data-testid="plan-cover">
                          {r.coverDays >= 365 ? t("plan.coverYear") : t("plan.cover", { days: r.coverDays })}
                        </span>
                      ) : null}
                      {r.coverDays !== null && r.shelfLifeDays !== null && r.coverDays > r.shelfLifeDays ? (
                        <span className="badge plan-spoils" data-testid="plan-spoils">
                          {t("plan.spoils", { days: r.shelfLifeDays })}
                        </span>
                      ) : null}
                      <span className={`badge plan-sure plan-sure-${r.confidence}`}>{t(`plan.sure.${r.confidence}` as MessageKey)}</span>
                    </>
                  ) : (
                    <span className="cell-muted">{t("plan.notEnoughShort")}</span>
                  )}
                </div>
                {r.notEnough === "" ? (
                  <div className="cell-muted">
                    {t("plan.why", {
                      demand: trimDecimal(r.demand),
                      days: r.days,
                      onHand: trimDecimal(r.onHand),
                      promised: trimDecimal(r.promised),
                      safety: trimDecimal(r.safety),
                      unit,
                    })}
                  </div>
                ) : null}
                {r.suppliers.length > 0 ? (
                  <div className="plan-suppliers">
                    {t("plan.from")}{" "}
                    {r.suppliers
                      .map((s) => t("plan.supplier", { name: s.farmerName, date: s.lastOn, grade: s.grade || "—", price: formatMoney(s.unitPrice), unit }))
                      .join("；")}
                  </div>
                ) : null}
                {r.notEnough === "" ? (
                  <button type="button" className="btn btn-secondary btn-small" data-testid="plan-draft" onClick={() => onDraft(draftOf(r))}>
                    {t("plan.draft")}
                  </button>
                ) : null}
                {open === r.productId ? <ForecastDetail productId={r.productId} /> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </div>
  );
}
