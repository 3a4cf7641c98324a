// What the report tabs share: a table with its loading, empty and failure states and the pager; a
// month field for a report's range (with the message under it when Rust refuses the range); and the
// range as typed and as asked for, a pause after the last change.
import { useState, type ReactNode } from "react";
import type { ApiError } from "../api";
import { Pager } from "../components/Pager";
import { isMonth, monthsBetween } from "../dates";
import { explainError, fieldMessage, noErrors, type FormErrors } from "../formErrors";
import { formatMonth, todayInShanghai } from "../format";
import { SEARCH_DEBOUNCE_MS, useDebouncedValue, type PagedList } from "../hooks";
import type { Language } from "../bindings";
import type { Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError } from "./ListToolbar";
import type { RowAttributes } from "./ListScreen";
import { MonthField as MonthPicker } from "../components/DateField";

/** The longest range a monthly report covers (docs/ipc.md: more than 120 months is `bad_date`). */
export const MAX_REPORT_MONTHS = 120;

export type MonthName = "from" | "to";

const MONTH_FIELDS: readonly MonthName[] = ["from", "to"];

export type MonthRangeState = {
  /** As typed ("" = Rust's default: the last 12 months). */
  range: { from: string; to: string };
  setFrom: (from: string) => void;
  setTo: (to: string) => void;
  /** Back to the last 12 months. */
  reset: () => void;
  /** What the report asks for: the typed range a pause after the last change. */
  from: string;
  to: string;
};

/** `initial`: the range to open on ("YYYY-MM" both ends), e.g. one month opened from the profit. */
export function useMonthRange(initial?: { from: string; to: string }): MonthRangeState {
  const [range, setRange] = useState(initial ?? { from: "", to: "" });
  // One timer for both ends: two would let a report be asked for with a new start and an old end.
  const { from, to } = useDebouncedValue(range, SEARCH_DEBOUNCE_MS);
  return {
    range,
    setFrom: (value) => setRange((r) => ({ ...r, from: value })),
    setTo: (value) => setRange((r) => ({ ...r, to: value })),
    reset: () => setRange((r) => (r.from === "" && r.to === "" ? r : { from: "", to: "" })),
    from,
    to,
  };
}

/** A refusal of a report split between its month fields and the rest. */
export function monthErrors(error: ApiError | null): FormErrors<MonthName> {
  return error ? explainError(error, MONTH_FIELDS) : noErrors();
}

export function hasMonthError(errors: FormErrors<MonthName>): boolean {
  return errors.fields.from !== undefined || errors.fields.to !== undefined;
}

/**
 * The message under a month. Rust says `bad_date` for three things: a month that is not one, a last
 * month before the first (on `to`), and a range over 120 months (on `from`); each gets its own words.
 * `range` is what the report was asked for.
 */
export function monthMessage(
  t: Translate,
  errors: FormErrors<MonthName>,
  name: MonthName,
  label: string,
  range: { from: string; to: string },
  thisMonth: string = todayInShanghai().slice(0, 7),
): string | undefined {
  const issue = errors.fields[name];
  if (!issue) return undefined;
  if (issue.rule !== "bad_date") return fieldMessage(t, issue, label);
  const to = range.to === "" ? thisMonth : range.to;
  const months = monthsBetween(range.from, to);
  if (name === "to" && months !== null && months < 0) return t("report.toBeforeFrom");
  if (name === "from" && months !== null && months + 1 > MAX_REPORT_MONTHS) {
    return t("report.rangeTooLong", { months: MAX_REPORT_MONTHS });
  }
  if (!isMonth(range[name])) return t("report.badMonth");
  return fieldMessage(t, issue, label);
}

/** A month input with its label in front, for a report's toolbar: `<form>-<name>`, `error-<form>-<name>`. */
export function MonthField({
  form,
  name,
  label,
  value,
  onChange,
  error,
}: {
  form: string;
  name: MonthName;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
}) {
  const id = `${form}-${name}`;
  const errorId = `error-${id}`;
  return (
    <div className="month-field">
      <div className="toolbar-select">
        <label htmlFor={id}>{label}</label>
        <MonthPicker
          id={id}
          data-testid={id}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          onChange={onChange}
        />
      </div>
      {error ? (
        <div className="field-error" id={errorId} data-testid={errorId} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}

/** The from and to months of a report with its "last 12 months" button, for the toolbar. */
export function MonthRangeFields({
  form,
  months,
  errors,
}: {
  form: string;
  months: MonthRangeState;
  errors: FormErrors<MonthName>;
}) {
  const { t } = useI18n();
  const asked = { from: months.from, to: months.to };
  const label = (name: MonthName) => (name === "from" ? t("report.fromMonth") : t("report.toMonth"));
  return (
    <div className="month-range" role="group" aria-label={t("report.range")}>
      <MonthField
        form={form}
        name="from"
        label={label("from")}
        value={months.range.from}
        onChange={months.setFrom}
        error={monthMessage(t, errors, "from", label("from"), asked)}
      />
      <MonthField
        form={form}
        name="to"
        label={label("to")}
        value={months.range.to}
        onChange={months.setTo}
        error={monthMessage(t, errors, "to", label("to"), asked)}
      />
      {months.range.from !== "" || months.range.to !== "" ? (
        <button type="button" className="btn btn-small btn-quiet" data-testid={`${form}-last-year`} onClick={months.reset}>
          {t("report.lastYear")}
        </button>
      ) : null}
    </div>
  );
}

/** "2024年10月 – 2025年9月" / "Oct 2024 – Sep 2025"; one month alone when they are the same. */
export function monthSpan(from: string, to: string, language: Language): string {
  return from === to ? formatMonth(from, language) : `${formatMonth(from, language)} – ${formatMonth(to, language)}`;
}

/**
 * One report's table: loading, a failure (not the month fields' own messages, which show at the
 * fields), the empty state, the rows and the pager. `list` is the page the database answered.
 */
export function ReportTable<T>({
  list,
  row,
  rowKey,
  rowAttributes,
  columns,
  cells,
  footer,
  empty,
  emptyTestId,
  hideRows = false,
}: {
  list: Pick<PagedList<T>, "items" | "total" | "offset" | "limit" | "loading" | "error" | "setOffset">;
  /** The rows' test id: `product-stock-row`. */
  row: string;
  rowKey: (item: T) => string;
  rowAttributes?: (item: T) => RowAttributes;
  columns: ReactNode;
  cells: (item: T) => ReactNode;
  /** A `<tfoot>` row or rows. */
  footer?: ReactNode;
  empty: ReactNode;
  emptyTestId: string;
  /** The query was refused for a field shown elsewhere (a month): no rows, no other notice. */
  hideRows?: boolean;
}) {
  const { t } = useI18n();
  if (hideRows) return null;
  return (
    <>
      {list.error ? <ListError text={t("report.failed")} detail={t("error.detail", { message: list.error.message })} /> : null}
      {list.loading ? (
        <p className="muted">{t("common.loading")}</p>
      ) : list.error && list.items.length === 0 ? null : list.items.length === 0 ? (
        <p className="empty" data-testid={emptyTestId}>
          {empty}
        </p>
      ) : (
        <div className="table-wrap">
          <table className="table report-table">
            <thead>
              <tr>{columns}</tr>
            </thead>
            <tbody>
              {list.items.map((item) => (
                <tr key={rowKey(item)} data-testid={row} {...rowAttributes?.(item)}>
                  {cells(item)}
                </tr>
              ))}
            </tbody>
            {footer ? <tfoot>{footer}</tfoot> : null}
          </table>
        </div>
      )}
      <Pager offset={list.offset} limit={list.limit} total={list.total} onOffset={list.setOffset} />
    </>
  );
}
