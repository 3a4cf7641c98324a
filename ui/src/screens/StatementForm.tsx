// A farmer's statement (对账单): pick a period (this month by default, or last month in one click),
// see what Rust computes for it — the balance owed before it, every purchase, reversal and payment
// with the running balance, the totals and what is owed at its end — and save it as a PDF to give
// the farmer, then open it. The preview is asked for again a moment after the period or the PDF's
// language changes; an answer to an older period is dropped. The PDF starts in the UI's language
// (Chinese for most shops, and farmers read Chinese; an English-speaking owner can still pick
// Chinese for the farmer), and the preview is in the PDF's language too: it is what will be printed.
import { useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { FarmerBalance, SavedDocument, StatementDto, StatementLineDto } from "../bindings";
import { FormError, TextField } from "../components/Field";
import { announcePrintable, documentProblem } from "../components/savedDocument";
import { useToast } from "../components/Toast";
import { Modal } from "../components/Modal";
import { firstOfMonth, isDate, previousMonth } from "../dates";
import { parseDecimal } from "../decimal";
import { explainError, fieldMessage, noErrors, type FormErrors } from "../formErrors";
import { formatMoney, todayInShanghai } from "../format";
import { useDebouncedValue } from "../hooks";
import { phrase, say, type Phrase, type Translate } from "../i18n";
import { useI18n } from "../i18nContext";

type FieldName = "from" | "to";

const FIELDS: readonly FieldName[] = ["from", "to"];

/** What `language` of a StatementQuery the select offers: "" is Chinese (Rust's default). */
type PdfLanguage = "" | "en";

/** The preview waits this long after the last change of the period before asking Rust. */
export const STATEMENT_DEBOUNCE_MS = 300;

/** The first of this month to today, where the shop is. */
export function thisMonth(today: string = todayInShanghai()): { from: string; to: string } {
  return { from: firstOfMonth(today), to: today };
}

function sign(amount: string): number {
  const d = parseDecimal(amount);
  if (d === null || d.units === 0n) return 0;
  return d.units < 0n ? -1 : 1;
}

/**
 * The message under a date. Rust says `bad_date` both for a date that is not one and for an end
 * before the start (on `to`); the second gets its own words when both dates are real.
 */
export function periodMessage(
  t: Translate,
  errors: FormErrors<FieldName>,
  name: FieldName,
  label: string,
  period: { from: string; to: string },
): string | undefined {
  const issue = errors.fields[name];
  if (issue?.rule === "bad_date" && name === "to" && isDate(period.from) && isDate(period.to) && period.to < period.from) {
    return t("statement.toBeforeFrom");
  }
  return fieldMessage(t, issue, label);
}

function LineRow({ line }: { line: StatementLineDto }) {
  const { t } = useI18n();
  const reversal = line.kind === "reversal";
  return (
    <tr data-testid="statement-line" data-kind={line.kind} className={reversal ? "statement-reversal" : undefined}>
      <td className="cell-nowrap">{line.date}</td>
      <td className="statement-description">
        {/* Rust's description already says what the line is; a reversal is also marked as a correction. */}
        {reversal ? <span className="badge badge-reversed">{t("statement.reversal")}</span> : null}
        <span>{line.description}</span>
      </td>
      <td className="col-num cell-nowrap">{line.purchased === null ? <span className="cell-muted">{t("common.none")}</span> : formatMoney(line.purchased)}</td>
      <td className="col-num cell-nowrap">{line.paid === null ? <span className="cell-muted">{t("common.none")}</span> : formatMoney(line.paid)}</td>
      <td className="col-num cell-nowrap cell-strong">{formatMoney(line.balance)}</td>
    </tr>
  );
}

function Preview({ dto, updating }: { dto: StatementDto; updating: boolean }) {
  const { t } = useI18n();
  const closing = sign(dto.closingBalance);
  return (
    <div className={updating ? "statement-body is-updating" : "statement-body"}>
      <div className="statement-opening" data-testid="statement-opening">
        <span>{t("statement.opening", { date: dto.from })}</span>
        <span className="statement-amount">{formatMoney(dto.openingBalance)}</span>
      </div>
      {dto.lines.length === 0 ? (
        <p className="statement-no-lines muted" data-testid="statement-no-lines">
          {t("statement.noLines")}
        </p>
      ) : (
        <div className="table-wrap statement-table">
          <table className="table">
            <thead>
              <tr>
                <th>{t("statement.colDate")}</th>
                <th>{t("statement.colDescription")}</th>
                <th className="col-num">{t("statement.colPurchased")}</th>
                <th className="col-num">{t("statement.colPaid")}</th>
                <th className="col-num">{t("statement.colBalance")}</th>
              </tr>
            </thead>
            <tbody>
              {dto.lines.map((line, i) => (
                <LineRow key={i} line={line} />
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="statement-totals">
                <th colSpan={2}>{t("statement.totals")}</th>
                <td className="col-num cell-nowrap">{formatMoney(dto.totalPurchased)}</td>
                <td className="col-num cell-nowrap">{formatMoney(dto.totalPaid)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      <div className={closing > 0 ? "statement-closing statement-closing-owed" : "statement-closing"} data-testid="statement-closing">
        <span>
          {closing > 0
            ? t("statement.closingOwed", { date: dto.to, name: dto.farmerName })
            : closing < 0
              ? t("statement.closingOverpaid", { date: dto.to, name: dto.farmerName })
              : t("statement.closingSettled", { date: dto.to })}
        </span>
        <span className="statement-amount">{formatMoney(closing < 0 ? dto.closingBalance.replace(/^-/, "") : dto.closingBalance)}</span>
      </div>
    </div>
  );
}

export function StatementForm({ balance, onClose }: { balance: FarmerBalance; onClose: () => void }) {
  const { t, language } = useI18n();
  const { farmerId } = balance;
  const [today] = useState(() => todayInShanghai());
  const [period, setPeriodState] = useState(() => thisMonth(today));
  const [pdfLanguage, setPdfLanguageState] = useState<PdfLanguage>(language === "en" ? "en" : "");
  // One timer for both ends: two would ask for a statement with the new start and the old end.
  const { from, to } = useDebouncedValue(period, STATEMENT_DEBOUNCE_MS);

  const [preview, setPreview] = useState<{ dto: StatementDto | null; loading: boolean }>({ dto: null, loading: true });
  const [errors, setErrors] = useState<FormErrors<FieldName>>(noErrors);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<SavedDocument | null>(null);
  const [opening, setOpening] = useState(false);
  const [openError, setOpenError] = useState<Phrase[] | null>(null);
  const toast = useToast();
  const savedRef = useRef<HTMLDivElement>(null);

  // The dialog may scroll at 800 px high: bring the saved notice (and a failure to open it) into view.
  useEffect(() => {
    if (saved || openError) savedRef.current?.scrollIntoView?.({ block: "nearest" });
  }, [saved, openError]);

  useEffect(() => {
    let current = true;
    setPreview((p) => ({ dto: p.dto, loading: true }));
    api.farmerStatement({ farmerId, from, to, language: pdfLanguage }).then(
      (dto) => {
        if (!current) return;
        setPreview({ dto, loading: false });
        setErrors(noErrors());
      },
      (reason: unknown) => {
        if (!current) return;
        setPreview({ dto: null, loading: false });
        setErrors(explainError(reason, FIELDS));
      },
    );
    return () => {
      current = false;
    };
  }, [farmerId, from, to, pdfLanguage]);

  /** A new period or language: what was saved is of the old one. */
  function changed() {
    setSaved(null);
    setOpenError(null);
  }

  function setPeriod(next: { from: string; to: string }) {
    setPeriodState(next);
    changed();
  }

  function setPdfLanguage(next: PdfLanguage) {
    setPdfLanguageState(next);
    changed();
  }

  const labels: Record<FieldName, string> = { from: t("statement.field.from"), to: t("statement.field.to") };
  const error = (name: FieldName) => periodMessage(t, errors, name, labels[name], period);
  const hasFieldErrors = errors.fields.from !== undefined || errors.fields.to !== undefined;

  const current = thisMonth(today);
  const last = previousMonth(today);
  const isPeriod = (p: { from: string; to: string }) => period.from === p.from && period.to === p.to;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    changed();
    try {
      const doc = await api.saveFarmerStatement({ farmerId, from: period.from, to: period.to, language: pdfLanguage });
      setSaved(doc);
      void announcePrintable(toast, doc);
    } catch (reason) {
      setErrors(explainError(reason, FIELDS));
    } finally {
      setSaving(false);
    }
  }

  /** Opens the saved PDF (or its folder); a failure says what is missing and where the file is. */
  async function open(doc: SavedDocument, folder: boolean) {
    setOpening(true);
    setOpenError(null);
    try {
      await (folder ? api.showDocumentFolder(doc.path) : api.openDocument(doc.path));
    } catch (reason) {
      setOpenError(documentProblem(reason, doc, phrase("statement.openFailed")).message);
    } finally {
      setOpening(false);
    }
  }

  return (
    <Modal title={t("statement.title", { name: balance.farmerName })} dirty={false} onClose={onClose} wide>
      <form
        data-testid="statement-form"
        className={openError ? "form statement-form has-open-error" : "form statement-form"}
        onSubmit={(e) => void save(e)}
        noValidate
      >
        {balance.village ? <p className="form-lead muted">{balance.village}</p> : null}
        <div className="statement-period">
          <TextField
            form="statement"
            name="from"
            type="date"
            label={labels.from}
            value={period.from}
            onChange={(value) => setPeriod({ ...period, from: value })}
            error={error("from")}
          />
          <TextField
            form="statement"
            name="to"
            type="date"
            label={labels.to}
            value={period.to}
            onChange={(value) => setPeriod({ ...period, to: value })}
            error={error("to")}
          />
          <div className="statement-quick" role="group" aria-label={t("statement.quick")}>
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="statement-this-month"
              aria-pressed={isPeriod(current)}
              onClick={() => setPeriod(current)}
            >
              {t("statement.thisMonth")}
            </button>
            <button
              type="button"
              className="btn btn-secondary"
              data-testid="statement-last-month"
              aria-pressed={isPeriod(last)}
              onClick={() => setPeriod(last)}
            >
              {t("statement.lastMonth")}
            </button>
          </div>
        </div>
        <FormError problem={errors.form} />
        <section className="statement-preview" data-testid="statement-preview" aria-label={t("statement.previewLabel")} aria-busy={preview.loading}>
          {preview.dto ? (
            <Preview dto={preview.dto} updating={preview.loading} />
          ) : preview.loading ? (
            <p className="muted">{t("common.loading")}</p>
          ) : (
            <p className="muted">{t("statement.noPreview")}</p>
          )}
        </section>
        {saved ? (
          <div className="statement-saved" data-testid="statement-saved" role="status" ref={savedRef}>
            <div className="statement-saved-text">
              <div className="cell-strong">{t("statement.saved")}</div>
              <code className="statement-path" data-testid="statement-saved-path">
                {saved.path}
              </code>
            </div>
            <button type="button" className="btn btn-secondary" data-testid="statement-open" disabled={opening} onClick={() => void open(saved, false)}>
              {t("statement.open")}
            </button>
            <button type="button" className="btn btn-secondary" data-testid="statement-folder" disabled={opening} onClick={() => void open(saved, true)}>
              {t("saved.folder")}
            </button>
            {openError ? (
              <div className="form-error statement-open-error" data-testid="statement-open-error" role="alert">
                {openError.map((p, i) => (
                  <div key={i} className={i === 0 ? undefined : "form-error-detail"}>
                    {say(t, p)}
                  </div>
                ))}
              </div>
            ) : null}
          </div>
        ) : null}
        <div className="form-actions statement-actions">
          <label className="toolbar-select">
            <span>{t("statement.pdfLanguage")}</span>
            <span className="select-wrap">
              <select data-testid="statement-language" value={pdfLanguage} onChange={(e) => setPdfLanguage(e.target.value === "en" ? "en" : "")}>
                <option value="">{t("statement.pdfChinese")}</option>
                <option value="en">{t("statement.pdfEnglish")}</option>
              </select>
            </span>
          </label>
          <div className="toolbar-spacer" />
          <button type="button" className="btn btn-secondary" data-testid="statement-cancel" onClick={onClose}>
            {t("common.close")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="statement-save" disabled={saving || hasFieldErrors}>
            {saving ? t("statement.saving") : t("statement.save")}
          </button>
        </div>
      </form>
    </Modal>
  );
}
