// A month's pay (月工资): each employee's payslip as Rust computes it from the work records — the lines
// with how each was computed, 应发, 个税 (and how), 预支, 扣款, 实发 and the year so far — as a draft until
// the month is approved (审核, which locks its work records), then paid out (发放) in one or more goes;
// below them the month's work records (WorkList), where a mistake in a draft month is deleted;
// the payslips print as one PDF in Chinese or English. Actions refused as locked ask for the owner's
// PIN and run again (components/Unlock.tsx); a locked refusal of the month itself locks the screen.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Language, PayInput, PayMethod, PayrollPreview, PayslipDto, SavedDocument } from "../bindings";
import { FormActions, FormError, SelectField, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useToast } from "../components/Toast";
import { useUnlock } from "../components/Unlock";
import { isMonth } from "../dates";
import { problemOf, problemPhrases, type FormProblem } from "../formErrors";
import { formatMoney, formatMonth, todayInShanghai } from "../format";
import { useSaveForm } from "../hooks";
import { phrase, say, type Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { PAY_METHODS, payMethodKey } from "./PaymentForm";
import { PrintChoice } from "./PrintChoice";
import { WorkList } from "./WorkList";
import { isNegative, isPayMethod, isPositive, restToPay } from "./payrollText";
import { MonthField } from "../components/DateField";

/** Why the month cannot be shown, in words. */
function monthRefusal(t: Translate, problem: FormProblem): { text: string; detail: string | null } {
  const issue = problem.issues[0];
  if (issue?.field === "month" && issue.rule === "bad_date") return { text: t("payroll.badMonth"), detail: null };
  if (issue?.field === "month" && issue.rule === "not_allowed") return { text: t("payroll.cannotCompute"), detail: issue.message };
  return { text: say(t, problemPhrases(problem)), detail: null };
}

/** Why the month cannot be approved, in words. */
function approveRefusal(t: Translate, problem: FormProblem, language: "zh-CN" | "en"): string {
  const issue = problem.issues[0];
  const params = issue?.params ?? {};
  if (issue?.rule === "not_allowed" && params.first) return t("payroll.approve.earlierFirst", { first: formatMonth(params.first, language) });
  if (issue?.rule === "required" && params.names) return t("payroll.approve.noWork", { names: params.names });
  if (issue?.rule === "not_allowed") return t("payroll.approve.notAllowed", { detail: issue.message });
  return say(t, problemPhrases(problem));
}

export function PayrollMonth({
  refresh,
  onLocked,
  onChanged,
  onWorkChanged,
}: {
  refresh: number;
  /** The month was refused as locked: the screen shows its locked panel. */
  onLocked: () => void;
  /** A month was approved or paid: the year's figures changed. */
  onChanged: () => void;
  /** A work record was deleted or a month approved: the week of work reads what is recorded again. */
  onWorkChanged?: () => void;
}) {
  const { t, language } = useI18n();
  const toast = useToast();
  const unlock = useUnlock();
  const [month, setMonth] = useState(() => todayInShanghai().slice(0, 7));
  const [preview, setPreview] = useState<PayrollPreview | null>(null);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [loading, setLoading] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [approving, setApproving] = useState(false);
  const [approveError, setApproveError] = useState<string | null>(null);
  const [paying, setPaying] = useState<PayslipDto | null>(null);
  // Bumped when a work record is deleted: the draft is computed again.
  const [reloadToken, setReloadToken] = useState(0);
  // Bumped when the month is approved: its work records are locked now.
  const [approvals, setApprovals] = useState(0);

  const load = useCallback(
    (which: string) => {
      let current = true;
      setLoading(true);
      api.previewPayroll(which).then(
        (p) => {
          if (!current) return;
          setPreview(p);
          setProblem(null);
          setLoading(false);
        },
        (reason: unknown) => {
          if (!current) return;
          setPreview(null);
          setLoading(false);
          if (api.isLocked(reason)) onLocked();
          else setProblem(problemOf(reason));
        },
      );
      return () => {
        current = false;
      };
    },
    [onLocked],
  );

  useEffect(() => {
    setApproveError(null);
    if (!isMonth(month)) {
      setPreview(null);
      setProblem(null);
      return;
    }
    return load(month);
  }, [month, refresh, reloadToken, load]);

  async function approve() {
    setApproving(true);
    setApproveError(null);
    try {
      const p = await unlock.retry(() => api.approvePayroll(month));
      setPreview(p);
      setConfirming(false);
      setApprovals((n) => n + 1);
      onChanged();
      onWorkChanged?.();
      toast.show({ message: phrase("payroll.approvedToast", { month: formatMonth(month, language) }) });
    } catch (reason) {
      setConfirming(false);
      setApproveError(approveRefusal(t, problemOf(reason), language));
    } finally {
      setApproving(false);
    }
  }

  const [printing, setPrinting] = useState(false);
  const [printed, setPrinted] = useState<SavedDocument | null>(null);
  const [printError, setPrintError] = useState<string | null>(null);
  // The payslips' language: the UI's to start with; a family member may read the other one.
  const [pdfLanguage, setPdfLanguage] = useState<Language>(language);

  /** The month's payslips as one PDF in the chosen language, saved in the data folder. */
  async function printAll(key: string) {
    setPrinting(true);
    setPrintError(null);
    try {
      setPrinted(await unlock.retry(() => api.printPayslips({ month: key, memberIds: [], language: pdfLanguage })));
    } catch (reason) {
      setPrintError(say(t, problemPhrases(problemOf(reason))));
    } finally {
      setPrinting(false);
    }
  }

  const refusal = problem ? monthRefusal(t, problem) : null;
  const monthInvalid = month !== "" && !isMonth(month);

  return (
    <section className="payroll-section" data-testid="payroll-month-view" aria-labelledby="payroll-month-title">
      <h2 id="payroll-month-title">{t("payroll.monthTitle")}</h2>
      <div className="toolbar">
        <div className="field month-field">
          <label className="field-label" htmlFor="payroll-month">
            {t("payroll.month")}
          </label>
          <MonthField
            id="payroll-month"
            data-testid="payroll-month"
            value={month}
            aria-invalid={refusal || monthInvalid ? true : undefined}
            aria-describedby={refusal || monthInvalid ? "error-payroll-month" : undefined}
            onChange={setMonth}
          />
          {refusal || monthInvalid ? (
            <div className="field-error" id="error-payroll-month" data-testid="error-payroll-month" role="alert">
              <div>{refusal ? refusal.text : t("payroll.badMonth")}</div>
              {refusal?.detail ? <div className="form-error-detail">{refusal.detail}</div> : null}
            </div>
          ) : null}
        </div>
        {preview ? (
          <span className={`badge ${preview.approved ? "badge-approved" : "badge-draft"}`} data-testid="payroll-state" data-approved={preview.approved ? "true" : "false"}>
            {preview.approved ? t("payroll.state.approved") : t("payroll.state.draft")}
          </span>
        ) : null}
        <div className="toolbar-spacer" />
        {preview && !preview.approved && preview.payslips.length > 0 ? (
          <button type="button" className="btn btn-primary" data-testid="payroll-approve" disabled={approving} onClick={() => setConfirming(true)}>
            {t("payroll.approve")}
          </button>
        ) : null}
        {preview && preview.approved && preview.payslips.length > 0 ? (
          <>
            <label className="toolbar-select">
              <span>{t("payroll.pdfLanguage")}</span>
              <span className="select-wrap">
                <select
                  data-testid="payslip-language"
                  value={pdfLanguage}
                  onChange={(e) => {
                    setPdfLanguage(e.target.value === "en" ? "en" : "zh-CN");
                    // What was saved is in the other language.
                    setPrinted(null);
                  }}
                >
                  <option value="zh-CN">{t("statement.pdfChinese")}</option>
                  <option value="en">{t("statement.pdfEnglish")}</option>
                </select>
              </span>
            </label>
            <button type="button" className="btn btn-secondary" data-testid="payroll-print" disabled={printing} onClick={() => void printAll(preview.month)}>
              {t("payroll.print")}
            </button>
          </>
        ) : null}
      </div>
      {printed ? <PrintChoice key={printed.path} doc={printed} title={t("payroll.printed")} /> : null}
      {printError ? (
        <div className="form-error" data-testid="payroll-print-error" role="alert">
          {printError}
        </div>
      ) : null}
      {approveError ? (
        <div className="form-error" data-testid="payroll-approve-error" role="alert">
          {approveError}
        </div>
      ) : null}
      {loading && !preview ? <p className="muted">{t("common.loading")}</p> : null}
      {preview ? (
        preview.payslips.length === 0 ? (
          <div className="empty" data-testid="payroll-empty">
            {t("payroll.empty")}
          </div>
        ) : (
          <>
            <div className="report-figures" data-testid="payroll-totals">
              <div className="report-figure">
                <span className="report-figure-label">{t("payroll.totalGross")}</span>
                <span className="report-figure-value" data-testid="payroll-total-gross">
                  {formatMoney(preview.gross)}
                </span>
              </div>
              <div className="report-figure report-figure-quiet">
                <span className="report-figure-label">{t("payroll.totalTax")}</span>
                <span className="report-figure-value" data-testid="payroll-total-tax">
                  {formatMoney(preview.tax)}
                </span>
              </div>
              <div className="report-figure">
                <span className="report-figure-label">{t("payroll.totalNet")}</span>
                <span className={`report-figure-value${isNegative(preview.net) ? " amount-negative" : ""}`} data-testid="payroll-total-net">
                  {formatMoney(preview.net)}
                </span>
              </div>
            </div>
            <div className="payslips">
              {preview.payslips.map((slip) => (
                <Payslip key={slip.memberId} slip={slip} approved={preview.approved} onPay={() => setPaying(slip)} />
              ))}
            </div>
          </>
        )
      ) : null}
      {isMonth(month) ? <WorkList month={month} refresh={refresh + approvals} onLocked={onLocked} onDeleted={() => {
            setReloadToken((n) => n + 1);
            onWorkChanged?.();
          }} /> : null}
      {confirming ? (
        <Modal title={t("payroll.approveTitle", { month: formatMonth(month, language) })} dirty={false} onClose={() => setConfirming(false)}>
          <div data-testid="approve-confirm">
            <p>{t("payroll.approveQuestion")}</p>
            <div className="form-actions">
              <button type="button" className="btn btn-secondary" data-testid="approve-confirm-no" onClick={() => setConfirming(false)}>
                {t("common.cancel")}
              </button>
              <button type="button" className="btn btn-primary" data-testid="approve-confirm-yes" disabled={approving} onClick={() => void approve()}>
                {approving ? t("payroll.approving") : t("payroll.approveYes")}
              </button>
            </div>
          </div>
        </Modal>
      ) : null}
      {paying && preview ? (
        <PayForm
          month={preview.month}
          slip={paying}
          onCancel={() => setPaying(null)}
          onSaved={(after, amount) => {
            setPreview(after);
            setPaying(null);
            onChanged();
            toast.show({ message: phrase("payroll.paidToast", { name: paying.name, amount: formatMoney(amount) }) });
          }}
        />
      ) : null}
    </section>
  );
}

function Payslip({ slip, approved, onPay }: { slip: PayslipDto; approved: boolean; onPay: () => void }) {
  const { t } = useI18n();
  const rest = restToPay(slip.net, slip.paid);
  const paidSome = isPositive(slip.paid);
  const method = isPayMethod(slip.paidMethod) ? t(payMethodKey(slip.paidMethod)) : (slip.paidMethod ?? "");
  return (
    <article className="card payslip" data-testid="payslip" data-id={slip.memberId} aria-label={slip.name}>
      <header className="payslip-header">
        <h3>{slip.name}</h3>
        {approved ? (
          <div className="payslip-pay">
            <span className="cell-sub" data-testid="payslip-paid">
              {paidSome
                ? t("payroll.paidInfo", { amount: formatMoney(slip.paid), method: method || t("common.none"), date: slip.paidOn ?? t("common.none") })
                : t("payroll.notPaid")}
            </span>{" "}
            {isPositive(rest) ? (
              <button type="button" className="btn btn-small btn-primary" data-testid="payslip-pay" onClick={onPay}>
                {t("payroll.pay")}
              </button>
            ) : isPositive(slip.net) ? (
              <span className="badge badge-paid" data-testid="payslip-settled">
                {t("payroll.settled")}
              </span>
            ) : null}
          </div>
        ) : null}
      </header>
      <table className="table payslip-lines">
        <tbody>
          {slip.lines.length === 0 ? (
            <tr>
              <td className="muted" colSpan={2}>
                {t("payroll.noLines")}
              </td>
            </tr>
          ) : (
            slip.lines.map((line, i) => (
              <tr key={i} data-testid="payslip-line" data-kind={line.kind}>
                <td>{line.explanation}</td>
                <td className="col-num cell-nowrap">{formatMoney(line.amount)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      <dl className="payslip-sums">
        <div>
          <dt>{t("payroll.gross")}</dt>
          <dd data-testid="payslip-gross">{formatMoney(slip.gross)}</dd>
        </div>
        <div>
          <dt>{t("payroll.tax")}</dt>
          <dd>
            <span data-testid="payslip-tax">{formatMoney(slip.tax)}</span>
            {slip.taxExplanation ? (
              <small className="cell-sub payslip-tax-explanation" data-testid="payslip-tax-explanation">
                {slip.taxExplanation}
              </small>
            ) : null}
          </dd>
        </div>
        <div>
          <dt>{t("payroll.advances")}</dt>
          <dd data-testid="payslip-advances">{formatMoney(slip.advances)}</dd>
        </div>
        <div>
          <dt>{t("payroll.deductions")}</dt>
          <dd data-testid="payslip-deductions">{formatMoney(slip.deductions)}</dd>
        </div>
        <div className="payslip-net">
          <dt>{t("payroll.net")}</dt>
          <dd data-testid="payslip-net" className={isNegative(slip.net) ? "amount-negative" : undefined} data-negative={isNegative(slip.net) ? "true" : undefined}>
            {formatMoney(slip.net)}
            {isNegative(slip.net) ? <small className="payslip-owes-back"> {t("payroll.owesBack")}</small> : null}
          </dd>
        </div>
      </dl>
      <p className="cell-sub" data-testid="payslip-ytd">
        {t("payroll.yearToDate", { gross: formatMoney(slip.grossYearToDate), tax: formatMoney(slip.taxYearToDate) })}
      </p>
    </article>
  );
}

type PayField = "amount" | "method" | "paidOn";

function PayForm({
  month,
  slip,
  onSaved,
  onCancel,
}: {
  month: string;
  slip: PayslipDto;
  onSaved: (after: PayrollPreview, amount: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const unlock = useUnlock();
  const rest = restToPay(slip.net, slip.paid);
  const [input, setInput] = useState<{ amount: string; method: PayMethod; paidOn: string }>(() => ({
    amount: rest,
    method: PAY_METHODS[0] ?? "cash",
    paidOn: todayInShanghai(),
  }));
  const labels: Record<PayField, string> = {
    amount: t("payroll.payField.amount"),
    method: t("payroll.payField.method"),
    paidOn: t("payroll.payField.paidOn"),
  };
  const form = useSaveForm(labels, input);

  const error = (name: PayField): string | undefined => {
    const issue = form.errors.fields[name];
    if (name === "amount" && issue?.rule === "more_than_owed") return t("payroll.moreThanOwed", { owed: formatMoney(issue.params?.owed ?? rest) });
    return form.error(name);
  };

  function set(name: PayField, value: string) {
    setInput((prev) => ({ ...prev, [name]: value }));
    form.clearError(name);
  }

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: ["amount", "method", "paidOn"],
      save: () => {
        const payment: PayInput = { month, memberId: slip.memberId, amount: input.amount.trim(), method: input.method, paidOn: input.paidOn.trim() };
        return unlock.retry(() => api.payPayslip(payment));
      },
      onSaved: (after) => onSaved(after, input.amount.trim()),
    });

  return (
    <Modal title={t("payroll.payTitle", { name: slip.name })} dirty={form.dirty} onClose={onCancel}>
      <form data-testid="pay-form" className="form" onSubmit={submit} noValidate ref={form.ref}>
        <p className="form-lead">{t("payroll.payLead", { net: formatMoney(slip.net), paid: formatMoney(slip.paid), rest: formatMoney(rest) })}</p>
        <div className="form-grid">
          <TextField
            form="pay"
            name="amount"
            label={labels.amount}
            required
            inputMode="decimal"
            suffix={t("pay.amountSuffix")}
            value={input.amount}
            onChange={(v) => set("amount", v)}
            error={error("amount")}
          />
          <SelectField form="pay" name="method" label={labels.method} required value={input.method} onChange={(v) => set("method", v)} error={error("method")}>
            {PAY_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(payMethodKey(m))}
              </option>
            ))}
          </SelectField>
          <TextField
            form="pay"
            name="date"
            errorName="date"
            type="date"
            label={labels.paidOn}
            value={input.paidOn}
            onChange={(v) => set("paidOn", v)}
            error={error("paidOn")}
          />
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="pay" saving={form.saving} />
      </form>
    </Modal>
  );
}
