// The year's pay (年度汇总): what each employee was paid over the approved months of a year (gross, tax
// withheld, net, paid out) and what each month cost, for the annual tax reconciliation; saved as a CSV
// or an Excel file to hand on, then opened. Rust counts approved months only (docs/ipc.md, "Payroll").
import { useEffect, useState } from "react";
import * as api from "../api";
import type { PayYear, SavedDocument } from "../bindings";
import { useUnlock } from "../components/Unlock";
import { problemOf, problemPhrases, type FormProblem } from "../formErrors";
import { formatMoney, formatMonth, todayInShanghai } from "../format";
import { documentProblem } from "../components/savedDocument";
import { phrase, say, type Phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { isNegative } from "./payrollText";

const YEAR = /^\d{4}$/;

type Saved = { kind: "csv" | "xlsx"; doc: SavedDocument };

export function PayYearReport({ refresh, onLocked }: { refresh: number; onLocked: () => void }) {
  const { t, language } = useI18n();
  const unlock = useUnlock();
  const [yearText, setYearText] = useState(() => todayInShanghai().slice(0, 4));
  const year = YEAR.test(yearText.trim()) ? Number(yearText.trim()) : null;
  const [data, setData] = useState<PayYear | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [loading, setLoading] = useState(false);
  const [exporting, setExporting] = useState<Saved["kind"] | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [exportProblem, setExportProblem] = useState<FormProblem | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<Phrase[] | null>(null);

  useEffect(() => {
    if (year === null) {
      setData(null);
      setProblem(null);
      return;
    }
    let current = true;
    setLoading(true);
    api.payYear(year).then(
      (answer) => {
        if (!current) return;
        setData(answer);
        setProblem(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setData(null);
        setLoading(false);
        if (api.isLocked(reason)) onLocked();
        else setProblem(problemOf(reason));
      },
    );
    return () => {
      current = false;
    };
  }, [year, refresh, onLocked]);

  function changeYear(text: string) {
    setYearText(text);
    // What was saved is of the other year.
    setSaved(null);
    setExportProblem(null);
    setOpenError(null);
  }

  async function save(kind: Saved["kind"]) {
    if (year === null || exporting) return;
    setExporting(kind);
    setSaved(null);
    setExportProblem(null);
    setOpenError(null);
    try {
      const doc = await unlock.retry(() => (kind === "csv" ? api.exportPayYearCsv(year) : api.exportPayYearXlsx(year)));
      setSaved({ kind, doc });
    } catch (reason) {
      setExportProblem(problemOf(reason));
    } finally {
      setExporting(null);
    }
  }

  async function open(doc: SavedDocument) {
    setOpening(true);
    setOpenError(null);
    try {
      await api.openDocument(doc.path);
    } catch (reason) {
      setOpenError(documentProblem(reason, doc, phrase("payYear.openFailed")).message);
    } finally {
      setOpening(false);
    }
  }

  const hasMonths = data !== null && data.months.length > 0;

  return (
    <section className="payroll-section" data-testid="pay-year" aria-labelledby="pay-year-title">
      <h2 id="pay-year-title">{t("payYear.title")}</h2>
      <p className="muted">{t("payYear.intro")}</p>
      <div className="toolbar">
        <div className="field pay-year-field">
          <label className="field-label" htmlFor="pay-year-input">
            {t("payYear.year")}
          </label>
          <input
            id="pay-year-input"
            data-testid="pay-year-input"
            type="number"
            inputMode="numeric"
            min={2000}
            max={2100}
            step={1}
            value={yearText}
            aria-invalid={year === null ? true : undefined}
            aria-describedby={year === null ? "error-pay-year" : undefined}
            onChange={(e) => changeYear(e.target.value)}
          />
          {year === null ? (
            <div className="field-error" id="error-pay-year" data-testid="error-pay-year" role="alert">
              {t("payYear.badYear")}
            </div>
          ) : null}
        </div>
        <div className="toolbar-spacer" />
        {hasMonths ? (
          <>
            <button type="button" className="btn btn-secondary" data-testid="pay-year-csv" disabled={exporting !== null} onClick={() => void save("csv")}>
              {exporting === "csv" ? t("payYear.saving") : t("payYear.csv")}
            </button>
            <button type="button" className="btn btn-secondary" data-testid="pay-year-xlsx" disabled={exporting !== null} onClick={() => void save("xlsx")}>
              {exporting === "xlsx" ? t("payYear.saving") : t("payYear.xlsx")}
            </button>
          </>
        ) : null}
      </div>
      {saved ? (
        <div className="statement-saved" data-testid="pay-year-saved" role="status">
          <div className="statement-saved-text">
            <div className="cell-strong">{saved.kind === "csv" ? t("payYear.savedCsv") : t("payYear.savedXlsx")}</div>
            <code className="statement-path" data-testid="pay-year-saved-path">
              {saved.doc.path}
            </code>
          </div>
          <button type="button" className="btn btn-secondary" data-testid="pay-year-open" disabled={opening} onClick={() => void open(saved.doc)}>
            {t("payYear.open")}
          </button>
          {openError ? (
            <div className="form-error statement-open-error" data-testid="pay-year-open-error" role="alert">
              {openError.map((p, i) => (
                <div key={i} className={i === 0 ? undefined : "form-error-detail"}>
                  {say(t, p)}
                </div>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
      {exportProblem ? (
        <div className="form-error" data-testid="pay-year-export-error" role="alert">
          {t("payYear.exportFailed")} {say(t, problemPhrases(exportProblem))}
        </div>
      ) : null}
      {problem ? (
        <div className="form-error" data-testid="pay-year-error" role="alert">
          {say(t, problemPhrases(problem))}
        </div>
      ) : null}
      {loading && !data ? <p className="muted">{t("common.loading")}</p> : null}
      {data && year !== null ? (
        !hasMonths ? (
          <div className="empty" data-testid="pay-year-empty">
            {t("payYear.empty", { year: data.year })}
          </div>
        ) : (
          <>
            <div className="report-figures" data-testid="pay-year-totals">
              <div className="report-figure">
                <span className="report-figure-label">{t("payYear.totalGross")}</span>
                <span className="report-figure-value" data-testid="pay-year-total-gross">
                  {formatMoney(data.gross)}
                </span>
              </div>
              <div className="report-figure report-figure-quiet">
                <span className="report-figure-label">{t("payYear.totalTax")}</span>
                <span className="report-figure-value" data-testid="pay-year-total-tax">
                  {formatMoney(data.tax)}
                </span>
              </div>
              <div className="report-figure">
                <span className="report-figure-label">{t("payYear.totalNet")}</span>
                <span className={`report-figure-value${isNegative(data.net) ? " amount-negative" : ""}`} data-testid="pay-year-total-net">
                  {formatMoney(data.net)}
                </span>
              </div>
              <div className="report-figure report-figure-quiet">
                <span className="report-figure-label">{t("payYear.totalPaid")}</span>
                <span className="report-figure-value" data-testid="pay-year-total-paid">
                  {formatMoney(data.paid)}
                </span>
              </div>
            </div>
            <h3 className="pay-year-subtitle">{t("payYear.byEmployee")}</h3>
            <div className="table-wrap">
              <table className="table report-table">
                <thead>
                  <tr>
                    <th>{t("payYear.colName")}</th>
                    <th className="col-num">{t("payYear.colMonths")}</th>
                    <th className="col-num">{t("payYear.colGross")}</th>
                    <th className="col-num">{t("payYear.colTax")}</th>
                    <th className="col-num">{t("payYear.colNet")}</th>
                    <th className="col-num">{t("payYear.colPaid")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.employees.map((e) => (
                    <tr key={e.memberId} data-testid="pay-year-employee-row" data-id={e.memberId}>
                      <td className="cell-strong">{e.name}</td>
                      <td className="col-num" data-testid="pay-year-cell-months">
                        {e.months}
                      </td>
                      <td className="col-num cell-nowrap" data-testid="pay-year-cell-gross">
                        {formatMoney(e.gross)}
                      </td>
                      <td className="col-num cell-nowrap" data-testid="pay-year-cell-tax">
                        {formatMoney(e.tax)}
                      </td>
                      <td className={`col-num cell-nowrap${isNegative(e.net) ? " amount-negative" : ""}`} data-testid="pay-year-cell-net">
                        {formatMoney(e.net)}
                      </td>
                      <td className="col-num cell-nowrap" data-testid="pay-year-cell-paid">
                        {formatMoney(e.paid)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th colSpan={2}>{t("payYear.total")}</th>
                    <td className="col-num cell-nowrap">{formatMoney(data.gross)}</td>
                    <td className="col-num cell-nowrap">{formatMoney(data.tax)}</td>
                    <td className="col-num cell-nowrap">{formatMoney(data.net)}</td>
                    <td className="col-num cell-nowrap">{formatMoney(data.paid)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <h3 className="pay-year-subtitle">{t("payYear.byMonth")}</h3>
            <div className="table-wrap">
              <table className="table report-table">
                <thead>
                  <tr>
                    <th>{t("payYear.colMonth")}</th>
                    <th className="col-num">{t("payYear.colGross")}</th>
                    <th className="col-num">{t("payYear.colTax")}</th>
                    <th className="col-num">{t("payYear.colNet")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.months.map((m) => (
                    <tr key={m.month} data-testid="pay-year-month-row" data-month={m.month}>
                      <td className="cell-nowrap">{formatMonth(m.month, language)}</td>
                      <td className="col-num cell-nowrap" data-testid="pay-year-cell-gross">
                        {formatMoney(m.gross)}
                      </td>
                      <td className="col-num cell-nowrap" data-testid="pay-year-cell-tax">
                        {formatMoney(m.tax)}
                      </td>
                      <td className={`col-num cell-nowrap${isNegative(m.net) ? " amount-negative" : ""}`} data-testid="pay-year-cell-net">
                        {formatMoney(m.net)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th>{t("payYear.total")}</th>
                    <td className="col-num cell-nowrap">{formatMoney(data.gross)}</td>
                    <td className="col-num cell-nowrap">{formatMoney(data.tax)}</td>
                    <td className="col-num cell-nowrap">{formatMoney(data.net)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
          </>
        )
      ) : null}
    </section>
  );
}
