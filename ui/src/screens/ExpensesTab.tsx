// The cost book (费用): what the shop spent in a month besides goods and wages (platform fees,
// advertising, electricity, the vehicle, equipment), the month's sums by category, a form to add
// one, and 作废 for one entered by mistake, with an undo in the notice. The list pages and the sums
// come from the database; Rust checks what is typed and names the wrong fields.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import { toApiError, type ApiError } from "../api";
import type { Expense, ExpenseCategory, ExpenseInput, ExpensePage } from "../bindings";
import { FormError, SelectField, TextField } from "../components/Field";
import { useExport } from "../components/savedDocument";
import { useToast } from "../components/Toast";
import { errorPhrases, explainError, fieldMessage, noErrors, type FormErrors } from "../formErrors";
import { formatMoney, formatMonth, todayInShanghai } from "../format";
import { textSetter, useSaveForm } from "../hooks";
import { phrase, type MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { ReportTable } from "./reportParts";
import { MonthField } from "../components/DateField";

/** The categories in the order the select and the sums show them (as Rust lists them). */
export const EXPENSE_CATEGORIES: readonly ExpenseCategory[] = [
  "platform_fees",
  "advertising",
  "electricity",
  "vehicle",
  "equipment",
  "other",
];

/** Rows on one page of the month's list. */
export const EXPENSE_PAGE = 50;

/** How long 作废's undo stays offered: long enough to notice the wrong row was voided (the trial's 8 s was not). */
export const VOID_UNDO_MS = 20_000;

export function categoryKey(category: ExpenseCategory): MessageKey {
  return `expense.category.${category}`;
}

type FieldName = keyof ExpenseInput;

const FIELDS: readonly FieldName[] = ["spentOn", "category", "amount", "note"];

function emptyInput(spentOn: string): ExpenseInput {
  return { spentOn, category: "", amount: "", note: "" };
}

type ListState = { page: ExpensePage | null; error: ApiError | null; loading: boolean };

export function ExpensesTab({ initialMonth }: { initialMonth?: string } = {}) {
  const { t, language } = useI18n();
  const toast = useToast();
  const { exporting, run: exportXlsx } = useExport(() => api.exportExpensesXlsx({ month, from: "", to: "", category: "", includeVoided: showVoided, limit: EXPENSE_PAGE, offset: 0 }));
  // Opened from a line of the month's profit: that month.
  const [month, setMonth] = useState(() => initialMonth ?? todayInShanghai().slice(0, 7));
  const [offset, setOffset] = useState(0);
  const [serial, setSerial] = useState(0);
  // Voided expenses are kept; shown greyed with 恢复 when asked for.
  const [showVoided, setShowVoided] = useState(false);
  const [state, setState] = useState<ListState>({ page: null, error: null, loading: true });
  const reload = useCallback(() => setSerial((n) => n + 1), []);

  useEffect(() => {
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    api.listExpenses({ month, from: "", to: "", category: "", includeVoided: showVoided, limit: EXPENSE_PAGE, offset }).then(
      (page) => {
        if (current) setState({ page, error: null, loading: false });
      },
      (reason: unknown) => {
        if (current) setState({ page: null, error: toApiError(reason), loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [month, offset, serial, showVoided]);

  const monthError: FormErrors<"month"> = state.error ? explainError(state.error, ["month"]) : noErrors();
  const monthMessage = fieldMessage(t, monthError.fields.month, t("expense.month"));

  function chooseMonth(value: string) {
    setMonth(value);
    setOffset(0);
  }

  async function restore(expense: Expense) {
    try {
      await api.restoreExpense(expense.id);
      reload();
      toast.show({ message: phrase("expense.restoredToast", { amount: formatMoney(expense.amount) }) });
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    }
  }

  async function voidOne(expense: Expense) {
    try {
      await api.voidExpense(expense.id);
      reload();
      toast.show({
        message: phrase("expense.voidedToast", {
          amount: formatMoney(expense.amount),
          category: t(categoryKey(expense.category)),
        }),
        undo: () => void restore(expense),
        ms: VOID_UNDO_MS,
      });
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    }
  }

  function onAdded(expense: Expense) {
    toast.show({ message: phrase("expense.addedToast", { amount: formatMoney(expense.amount) }) });
    // Show the month the expense went into, so it can be seen in the list.
    const into = expense.spentOn.slice(0, 7);
    if (into !== month) chooseMonth(into);
    else reload();
  }

  const page = state.page;


  return (
    <>
      <div className="toolbar report-toolbar">
        <div className="month-field">
          <div className="toolbar-select">
            <label htmlFor="expenses-month">{t("expense.month")}</label>
            <MonthField
              id="expenses-month"
              data-testid="expenses-month"
              value={month}
              aria-invalid={monthMessage ? true : undefined}
              aria-describedby={monthMessage ? "error-expenses-month" : undefined}
              onChange={chooseMonth}
            />
          </div>
          {monthMessage ? (
            <div className="field-error" id="error-expenses-month" data-testid="error-expenses-month" role="alert">
              {monthMessage}
            </div>
          ) : null}
        </div>
        <label className="checkbox toolbar-check">
          <input
            type="checkbox"
            data-testid="expenses-show-voided"
            checked={showVoided}
            onChange={(e) => {
              setShowVoided(e.target.checked);
              setOffset(0);
            }}
          />
          <span>{t("expense.showVoided")}</span>
        </label>
        <button type="button" className="btn btn-secondary" data-testid="expenses-export" disabled={exporting || !page || page.items.length === 0} onClick={exportXlsx}>
          {exporting ? t("sales.exporting") : t("sales.export")}
        </button>
      </div>
      <ExpenseForm onAdded={onAdded} />
      {page ? (
        <div className="report-figures expense-totals" aria-label={t("expense.totalsLabel", { month: formatMonth(month, language) })}>
          {page.totals.map((total) => (
            <div key={total.category} className="report-figure report-figure-quiet" data-testid="expense-total" data-category={total.category}>
              <span className="report-figure-label">{t(categoryKey(total.category))}</span>
              <span className="report-figure-value">{formatMoney(total.amount)}</span>
            </div>
          ))}
          <div className="report-figure" data-testid="expense-sum">
            <span className="report-figure-label">{t("expense.sum", { month: formatMonth(month, language) })}</span>
            <span className="report-figure-value">{formatMoney(page.sum)}</span>
          </div>
        </div>
      ) : null}
      <ReportTable
        list={{
          items: page?.items ?? [],
          total: page?.total ?? 0,
          offset,
          limit: EXPENSE_PAGE,
          loading: state.loading && page === null,
          error: monthMessage ? null : state.error,
          setOffset,
        }}
        hideRows={monthMessage !== undefined}
        row="expense-row"
        rowKey={(e) => e.id}
        rowAttributes={(e) => ({ "data-id": e.id, "data-category": e.category, "data-voided": e.voided ? "true" : undefined, className: e.voided ? "row-voided" : undefined })}
        columns={
          <>
            <th>{t("expense.field.spentOn")}</th>
            <th>{t("expense.field.category")}</th>
            <th className="col-num">{t("expense.field.amount")}</th>
            <th>{t("expense.field.note")}</th>
            <th className="col-actions">
              <span className="sr-only">{t("common.actions")}</span>
            </th>
          </>
        }
        cells={(e) => (
          <>
            <td className="cell-nowrap">{e.spentOn}</td>
            <td className="cell-nowrap">
              {t(categoryKey(e.category))}
              {e.voided ? <span className="badge badge-voided">{t("expense.voided")}</span> : null}
            </td>
            <td className="col-num cell-nowrap expense-amount">{formatMoney(e.amount)}</td>
            <td>{e.note || <span className="cell-muted">{t("common.none")}</span>}</td>
            <td className="col-actions">
              {e.voided ? (
                <button type="button" className="btn btn-small btn-secondary" data-testid="expense-restore" onClick={() => void restore(e)}>
                  {t("expense.restore")}
                </button>
              ) : (
                <button type="button" className="btn btn-small btn-quiet" data-testid="expense-void" onClick={() => void voidOne(e)}>
                  {t("expense.void")}
                </button>
              )}
            </td>
          </>
        )}
        empty={<span className="empty-title">{t("expense.empty")}</span>}
        emptyTestId="expenses-empty"
      />
    </>
  );
}

/** The add form: date (today), category, amount and note in one row; the errors under the fields, the form's own below the row. */
function ExpenseForm({ onAdded }: { onAdded: (expense: Expense) => void }) {
  const { t } = useI18n();
  const [input, setInput] = useState<ExpenseInput>(() => emptyInput(todayInShanghai()));
  const labels: Record<FieldName, string> = {
    spentOn: t("expense.field.spentOn"),
    category: t("expense.field.category"),
    amount: t("expense.field.amount"),
    note: t("expense.field.note"),
  };
  const form = useSaveForm(labels, input);
  const { error } = form;
  const set = textSetter<ExpenseInput, FieldName>(setInput, form.clearError);

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: FIELDS,
      save: () => api.addExpense(input),
      onSaved: (expense) => {
        // The next expense is often of the same day and kind: keep those, clear the rest.
        const next = { ...input, amount: "", note: "" };
        setInput(next);
        form.setBaseline(() => next);
        onAdded(expense);
      },
    });

  return (
    <form data-testid="expense-form" className="form expense-form" onSubmit={submit} noValidate ref={form.ref} aria-label={t("expense.add")}>
      <div className="expense-form-row">
        <div className="form-grid form-grid-4">
          <TextField
            form="expense"
            name="spentOn"
            type="date"
            label={labels.spentOn}
            required
            value={input.spentOn}
            onChange={set("spentOn")}
            error={error("spentOn")}
          />
          <SelectField form="expense" name="category" label={labels.category} required value={input.category} onChange={set("category")} error={error("category")}>
            <option value="">{t("expense.chooseCategory")}</option>
            {EXPENSE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(categoryKey(c))}
              </option>
            ))}
          </SelectField>
          <TextField
            form="expense"
            name="amount"
            label={labels.amount}
            required
            inputMode="decimal"
            suffix={t("expense.amountSuffix")}
            value={input.amount}
            onChange={set("amount")}
            error={error("amount")}
          />
          <TextField
            form="expense"
            name="note"
            label={labels.note}
            maxLength={200}
            placeholder={t("expense.notePlaceholder")}
            value={input.note}
            onChange={set("note")}
            error={error("note")}
          />
        </div>
        {/* Laid out as a field (an empty label above it), aligned to the top: a message under a field
            makes that field taller, not the button move. */}
        <div className="field expense-form-submit">
          <span className="field-label" aria-hidden="true">
            {"\u00a0"}
          </span>
          <button type="submit" className="btn btn-primary" data-testid="expense-save" disabled={form.saving}>
            {form.saving ? t("common.saving") : t("expense.add")}
          </button>
        </div>
      </div>
      <FormError problem={form.errors.form} />
    </form>
  );
}
