// Entering a week of work (记工) for one employee: a row per day with the inputs their pay schemes
// need (days for a daily wage, hours for an hourly one, a count per kind of piece work; boxes packed
// are counted from packing), and bonuses, advances and deductions added below. Saving sends one
// `record_work` per filled cell, one after the other; at a refusal it stops, shows why at that cell,
// and says what was already saved (those cells are emptied, so saving again does not repeat them).
// The grid only enters new records; the month's records are listed (and deleted) in WorkList.tsx.
import { useEffect, useMemo, useState } from "react";
import * as api from "../api";
import type { Employee, WorkInput } from "../bindings";
import { useBlockLeave, useDiscardGuard } from "../components/DiscardGuard";
import { useToast } from "../components/Toast";
import { useUnlock } from "../components/Unlock";
import { problemOf, problemPhrases, ruleMessage } from "../formErrors";
import { formatMoney, todayInShanghai, trimDecimal } from "../format";
import { phrase, say, type Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { employeeOption } from "./pickerOptions";
import {
  BOX_PACKED,
  EXTRA_KINDS,
  addDays,
  columnId,
  dayColumns,
  dayLabel,
  mondayOf,
  pieceUnit,
  workLabel,
  type DayColumn,
  type ExtraKind,
} from "./payrollText";
import { Combobox } from "../components/Combobox";
import { DateField } from "../components/DateField";

type Extra = { kind: ExtraKind; date: string; amount: string; note: string };

/** One record to send, where its cell is, and how it reads in the summary of what was saved. */
type Pending = { cell: string; input: WorkInput; text: string };

function cellKey(day: number, column: DayColumn): string {
  return `day-${day}-${columnId(column)}`;
}

function columnLabel(t: Translate, column: DayColumn): string {
  if (column.kind === "days") return t("work.col.days");
  if (column.kind === "hours") return t("work.col.hours");
  return t("work.col.pieces", { work: workLabel(t, column.work), unit: pieceUnit(t, column.work) });
}

/** Why Rust refused one record, in words, at its cell. */
export function workRefusal(t: Translate, reason: unknown, fieldLabel: string): string {
  const problem = problemOf(reason);
  const issue = problem.issues[0];
  if (!issue) return say(t, problemPhrases(problem));
  const params = issue.params ?? {};
  switch (`${issue.field}:${issue.rule ?? ""}`) {
    case "quantity:not_allowed":
      return t("work.err.tooMuch", { recorded: trimDecimal(params.recorded ?? "?") });
    case "date:not_allowed":
      return t("work.err.approved", { month: params.month ?? "" });
    case "date:bad_date":
      return t("work.err.notEmployed");
    case "kind:unknown_kind":
    case "kind:not_allowed":
      return t("work.err.notPaidThatWay");
    case "work:unknown_kind":
      return t("work.err.noPieceRate");
    case "memberId:unknown_record":
      return t("work.err.notEmployee");
    default:
      return issue.rule === "not_allowed" ? issue.message : ruleMessage(t, issue.rule, fieldLabel, issue.message, params);
  }
}

export function WorkWeek({ employees, onSaved }: { employees: Employee[]; onSaved: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const unlock = useUnlock();
  const [memberId, setMemberId] = useState("");
  const [weekStart, setWeekStart] = useState(() => mondayOf(todayInShanghai()));
  const [cells, setCells] = useState<Record<string, string>>({});
  const [extras, setExtras] = useState<Extra[]>([]);
  const [draft, setDraft] = useState<Extra>(() => ({ kind: "bonus", date: todayInShanghai(), amount: "", note: "" }));
  const [refused, setRefused] = useState<{ cell: string; message: string } | null>(null);
  const [result, setResult] = useState<{ saved: string[]; refusedAt: string } | null>(null);
  const [saving, setSaving] = useState(false);

  // The first employee until one is chosen; another when the chosen one is gone.
  useEffect(() => {
    if (employees.length > 0 && !employees.some((e) => e.memberId === memberId)) setMemberId(employees[0]?.memberId ?? "");
  }, [employees, memberId]);

  const employee = employees.find((e) => e.memberId === memberId) ?? null;
  const columns = useMemo(() => dayColumns(employee?.schemes ?? []), [employee]);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);
  const packsBoxes = employee?.schemes.some((s) => s.kind === "piece" && s.work === BOX_PACKED) ?? false;

  const dirty = Object.values(cells).some((v) => v.trim() !== "") || extras.length > 0;
  useBlockLeave(dirty);
  const guard = useDiscardGuard(dirty);

  function reset() {
    setCells({});
    setExtras([]);
    setRefused(null);
    setResult(null);
  }

  /** Another employee or week: what is typed is for this one, so it goes (after asking). */
  function switchTo(change: () => void) {
    guard.leave(() => {
      reset();
      change();
    });
  }

  function setCell(key: string, value: string) {
    setCells((prev) => ({ ...prev, [key]: value }));
    if (refused?.cell === key) setRefused(null);
  }

  function addExtra() {
    if (draft.amount.trim() === "") {
      setRefused({ cell: "extra", message: t("validation.required", { field: t("work.extra.amount") }) });
      return;
    }
    setExtras((prev) => [...prev, { ...draft, amount: draft.amount.trim(), note: draft.note.trim() }]);
    setDraft((d) => ({ ...d, amount: "", note: "" }));
    if (refused?.cell === "extra") setRefused(null);
  }

  function removeExtra(index: number) {
    setExtras((prev) => prev.filter((_, i) => i !== index));
    setRefused(null);
  }

  /** Every filled cell, day by day, then the extras, as records. */
  function pending(): Pending[] {
    const out: Pending[] = [];
    days.forEach((date, day) => {
      for (const column of columns) {
        const key = cellKey(day, column);
        const quantity = (cells[key] ?? "").trim();
        if (quantity === "") continue;
        const work = column.kind === "pieces" ? column.work : "";
        const text =
          column.kind === "days"
            ? t("work.saved.days", { date: dayLabel(t, date), n: quantity })
            : column.kind === "hours"
              ? t("work.saved.hours", { date: dayLabel(t, date), n: quantity })
              : t("work.saved.pieces", { date: dayLabel(t, date), n: quantity, work: workLabel(t, work), unit: pieceUnit(t, work) });
        out.push({ cell: key, input: { memberId, date, kind: column.kind, work, quantity, amount: "", note: "" }, text });
      }
    });
    extras.forEach((x, i) => {
      out.push({
        cell: `extra-${i}`,
        input: { memberId, date: x.date, kind: x.kind, work: "", quantity: "", amount: x.amount, note: x.note },
        text: t("work.saved.extra", { date: dayLabel(t, x.date), kind: t(`work.extra.kind.${x.kind}`), amount: formatMoney(x.amount) }),
      });
    });
    return out;
  }

  async function save() {
    if (saving) return;
    const records = pending();
    if (records.length === 0) {
      setRefused(null);
      setResult(null);
      toast.show({ message: phrase("work.nothingToSave") });
      return;
    }
    setSaving(true);
    setRefused(null);
    setResult(null);
    const saved: Pending[] = [];
    for (const record of records) {
      try {
        await unlock.retry(() => api.recordWork(record.input));
        saved.push(record);
      } catch (reason) {
        const label = record.cell.startsWith("extra") ? t("work.extra.amount") : t("work.quantity");
        setRefused({ cell: record.cell, message: workRefusal(t, reason, label) });
        setResult({ saved: saved.map((s) => s.text), refusedAt: record.text });
        break;
      }
    }
    // What was saved leaves the grid, so that saving again does not record it twice.
    const done = new Set(saved.map((s) => s.cell));
    setCells((prev) => Object.fromEntries(Object.entries(prev).filter(([key]) => !done.has(key))));
    const extrasDone = new Set(saved.filter((s) => s.cell.startsWith("extra-")).map((s) => Number(s.cell.slice(6))));
    if (extrasDone.size > 0) {
      // The refused extra moves up to the place of the first kept one: its message goes with it.
      const kept = extras.map((_, i) => i).filter((i) => !extrasDone.has(i));
      setExtras((prev) => prev.filter((_, i) => !extrasDone.has(i)));
      setRefused((r) => (r && r.cell.startsWith("extra-") ? { ...r, cell: `extra-${kept.indexOf(Number(r.cell.slice(6)))}` } : r));
    }
    setSaving(false);
    if (saved.length === records.length) toast.show({ message: phrase("work.savedToast", { count: saved.length }) });
    if (saved.length > 0) onSaved();
  }

  const cellError = (key: string) => (refused?.cell === key ? refused.message : undefined);

  return (
    <section className="payroll-section" data-testid="work-week" aria-labelledby="work-week-title">
      <h2 id="work-week-title">{t("work.title")}</h2>
      <p className="muted" data-testid="work-hint">
        {t("work.hint")}
      </p>
      {employees.length === 0 ? (
        <div className="empty" data-testid="work-no-employees">
          {t("work.noEmployees")}
        </div>
      ) : (
        <>
          <div className="toolbar work-toolbar">
            <div className="toolbar-select">
              <label htmlFor="work-member">{t("work.member")}</label>
              <Combobox
                id="work-member"
                value={memberId}
                listLabel={t("work.member")}
                options={employees.map(employeeOption)}
                onChange={(next) => switchTo(() => setMemberId(next))}
              />
            </div>
            <button type="button" className="btn btn-secondary btn-small" data-testid="work-week-prev" onClick={() => switchTo(() => setWeekStart((w) => addDays(w, -7)))}>
              {t("work.prevWeek")}
            </button>
            <div className="toolbar-select">
              <label htmlFor="work-week-start">{t("work.weekStart")}</label>
              <DateField
                id="work-week-start"
                data-testid="work-week-start"
                value={weekStart}
                onChange={(next) => {
                  if (next !== "") switchTo(() => setWeekStart(next));
                }}
              />
            </div>
            <button type="button" className="btn btn-secondary btn-small" data-testid="work-week-next" onClick={() => switchTo(() => setWeekStart((w) => addDays(w, 7)))}>
              {t("work.nextWeek")}
            </button>
          </div>
          {packsBoxes ? (
            <p className="field-hint" data-testid="work-boxes-hint">
              {t("work.boxesHint")}
            </p>
          ) : null}
          {columns.length === 0 ? (
            <p className="muted" data-testid="work-no-columns">
              {t("work.noColumns")}
            </p>
          ) : (
            <div className="table-wrap">
              <table className="table work-grid">
                <thead>
                  <tr>
                    <th>{t("work.col.date")}</th>
                    {columns.map((c) => (
                      <th key={columnId(c)}>{columnLabel(t, c)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {days.map((date, day) => (
                    <tr key={date} data-testid="work-day" data-date={date}>
                      <td className="cell-nowrap cell-strong">{dayLabel(t, date)}</td>
                      {columns.map((c) => {
                        const key = cellKey(day, c);
                        const message = cellError(key);
                        return (
                          <td key={key}>
                            <input
                              className="work-cell"
                              data-testid={`work-${key}`}
                              inputMode="decimal"
                              autoComplete="off"
                              aria-label={`${dayLabel(t, date)} ${columnLabel(t, c)}`}
                              aria-invalid={message ? true : undefined}
                              aria-describedby={message ? `error-work-${key}` : undefined}
                              value={cells[key] ?? ""}
                              onChange={(e) => setCell(key, e.target.value)}
                            />
                            {message ? (
                              <div className="field-error" id={`error-work-${key}`} data-testid={`error-work-${key}`} role="alert">
                                {message}
                              </div>
                            ) : null}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <fieldset className="form-section work-extras">
            <legend>{t("work.extra.title")}</legend>
            {extras.length > 0 ? (
              <ul className="work-extra-list">
                {extras.map((x, i) => (
                  <li key={`${i}-${x.date}-${x.kind}-${x.amount}`} data-testid="work-extra-row">
                    <span>
                      {t("work.saved.extra", { date: dayLabel(t, x.date), kind: t(`work.extra.kind.${x.kind}`), amount: formatMoney(x.amount) })}
                      {x.note ? <span className="muted"> · {x.note}</span> : null}
                    </span>{" "}
                    <button type="button" className="btn btn-small btn-quiet" data-testid={`work-extra-${i}-remove`} onClick={() => removeExtra(i)}>
                      {t("work.extra.remove")}
                    </button>
                    {cellError(`extra-${i}`) ? (
                      <div className="field-error" data-testid={`error-work-extra-${i}`} role="alert">
                        {cellError(`extra-${i}`)}
                      </div>
                    ) : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <div className="work-extra-draft">
              <label className="toolbar-select">
                <span>{t("work.extra.kind")}</span>
                <span className="select-wrap">
                  <select data-testid="work-extra-kind" value={draft.kind} onChange={(e) => setDraft((d) => ({ ...d, kind: e.target.value as ExtraKind }))}>
                    {EXTRA_KINDS.map((k) => (
                      <option key={k} value={k}>
                        {t(`work.extra.kind.${k}`)}
                      </option>
                    ))}
                  </select>
                </span>
              </label>
              <div className="toolbar-select">
                <label htmlFor="work-extra-date">{t("work.extra.date")}</label>
                <DateField id="work-extra-date" data-testid="work-extra-date" value={draft.date} onChange={(date) => setDraft((d) => ({ ...d, date }))} />
              </div>
              <label className="toolbar-select">
                <span>{t("work.extra.amount")}</span>
                <input
                  data-testid="work-extra-amount"
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="200"
                  value={draft.amount}
                  onChange={(e) => {
                    const v = e.target.value;
                    setDraft((d) => ({ ...d, amount: v }));
                    if (refused?.cell === "extra") setRefused(null);
                  }}
                />
              </label>
              <label className="toolbar-select work-extra-note">
                <span>{t("work.extra.note")}</span>
                <input
                  data-testid="work-extra-note"
                  autoComplete="off"
                  placeholder={t("work.extra.notePlaceholder")}
                  value={draft.note}
                  onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
                />
              </label>
              <button type="button" className="btn btn-secondary" data-testid="work-extra-add" onClick={addExtra}>
                <span aria-hidden="true" className="btn-plus">
                  +
                </span>
                {t("work.extra.add")}
              </button>
            </div>
            {cellError("extra") ? (
              <div className="field-error" data-testid="error-work-extra-amount" role="alert">
                {cellError("extra")}
              </div>
            ) : null}
          </fieldset>

          {result ? (
            <div className="form-error" data-testid="work-save-result" role="alert">
              <div>{t("work.stopped", { at: result.refusedAt })}</div>
              <div className="form-error-detail">
                {result.saved.length === 0 ? t("work.noneSaved") : t("work.someSaved", { count: result.saved.length, list: result.saved.join(t("work.listSeparator")) })}
              </div>
            </div>
          ) : null}
          <div className="form-actions">
            <button type="button" className="btn btn-primary" data-testid="work-save" disabled={saving} onClick={() => void save()}>
              {saving ? t("common.saving") : t("work.save")}
            </button>
          </div>
          {guard.prompt}
        </>
      )}
    </section>
  );
}
