// Entering a week of work (记工) for one employee: a row per day with the inputs their pay schemes
// need (days for a daily wage, hours for an hourly one, a count per kind of piece work; boxes packed
// are counted from packing), and bonuses, advances and deductions added below. The grid shows what
// is already recorded (`work_week`: a tinted cell, 已记录), editable while its month is a draft and
// read-only with a lock once the month is approved. Saving sends the cells that differ from what was
// read, with what was read (`save_work_week`, one transaction): each cell is saved or comes back as a
// problem of its own, outlined in red and listed under the grid, and the rest is saved. Bonuses,
// advances and deductions are then sent one `record_work` at a time, stopping at a refusal.
// Enter moves to the next cell, and saves from the last one.
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from "react";
import * as api from "../api";
import type { Employee, WorkCell, WorkCellInput, WorkInput, WorkWeek as WeekData } from "../bindings";
import { useBlockLeave, useDiscardGuard } from "../components/DiscardGuard";
import { useToast } from "../components/Toast";
import { useUnlock } from "../components/Unlock";
import { problemOf, problemPhrases, ruleMessage, type FormProblem, type Issue } from "../formErrors";
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

/** One bonus, advance or deduction to send, where it is, and how it reads in the summary of what was saved. */
type Pending = { cell: string; input: WorkInput; text: string };

/** A cell the last save could not save, and why in words. */
type CellProblem = { key: string; memberId: string; date: string; column: string; message: string };

function cellKey(day: number, column: DayColumn): string {
  return `day-${day}-${columnId(column)}`;
}

function columnLabel(t: Translate, column: DayColumn): string {
  if (column.kind === "days") return t("work.col.days");
  if (column.kind === "hours") return t("work.col.hours");
  return t("work.col.pieces", { work: workLabel(t, column.work), unit: pieceUnit(t, column.work) });
}

function sameColumn(column: DayColumn, kind: string, work: string): boolean {
  return column.kind === kind && (column.kind !== "pieces" || column.work === work);
}

/** The recorded cell of a member's day and column, if there is one. */
function recordedCell(week: WeekData | null, memberId: string, date: string, column: DayColumn): WorkCell | undefined {
  return week?.cells.find((c) => c.memberId === memberId && c.date === date && sameColumn(column, c.kind, c.work));
}

/** Why Rust refused a cell or a record, in words. */
export function issueMessage(t: Translate, issue: Issue, fieldLabel: string): string {
  const params = issue.params ?? {};
  switch (`${issue.field}:${issue.rule ?? ""}`) {
    case "quantity:changed":
      return t("work.err.changed", { recorded: trimDecimal(params.recorded ?? "?") });
    case "quantity:not_allowed":
      return t("work.err.tooMuch", { recorded: trimDecimal(params.recorded ?? "?") });
    case "date:not_allowed":
      return t("work.err.approved", { month: params.month ?? "" });
    case "date:bad_date":
      return params.from !== undefined ? t("work.err.outsideWeek") : t("work.err.notEmployed");
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

/** Why Rust refused one record, in words, at its place. */
export function workRefusal(t: Translate, reason: unknown, fieldLabel: string): string {
  const problem = problemOf(reason);
  const issue = problem.issues[0];
  if (!issue) return say(t, problemPhrases(problem));
  return issueMessage(t, issue, fieldLabel);
}

export function WorkWeek({
  employees,
  refresh = 0,
  onSaved,
  onLocked,
}: {
  employees: Employee[];
  /** Bumped when work was changed elsewhere (a record deleted, a month approved): the week is read again. */
  refresh?: number;
  onSaved: () => void;
  onLocked?: () => void;
}) {
  const { t } = useI18n();
  const toast = useToast();
  const unlock = useUnlock();
  const [memberId, setMemberId] = useState("");
  const [weekStart, setWeekStart] = useState(() => mondayOf(todayInShanghai()));
  const [week, setWeek] = useState<WeekData | null>(null);
  const [loadProblem, setLoadProblem] = useState<FormProblem | null>(null);
  const [cells, setCells] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<CellProblem[]>([]);
  const [saveProblem, setSaveProblem] = useState<FormProblem | null>(null);
  const [extras, setExtras] = useState<Extra[]>([]);
  const [draft, setDraft] = useState<Extra>(() => ({ kind: "bonus", date: todayInShanghai(), amount: "", note: "" }));
  const [refused, setRefused] = useState<{ cell: string; message: string } | null>(null);
  const [result, setResult] = useState<{ saved: string[]; refusedAt: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const grid = useRef<HTMLDivElement>(null);

  // The first employee until one is chosen; another when the chosen one is gone.
  useEffect(() => {
    if (employees.length > 0 && !employees.some((e) => e.memberId === memberId)) setMemberId(employees[0]?.memberId ?? "");
  }, [employees, memberId]);

  // What is recorded in the week, read again when the week changes or work changed elsewhere.
  useEffect(() => {
    let current = true;
    setLoadProblem(null);
    api.workWeek(weekStart).then(
      (read) => {
        if (current) setWeek(read);
      },
      (reason: unknown) => {
        if (!current) return;
        if (api.isLocked(reason)) onLocked?.();
        else setLoadProblem(problemOf(reason));
      },
    );
    return () => {
      current = false;
    };
  }, [weekStart, refresh, onLocked]);

  const loaded = week !== null && week.weekStart === weekStart ? week : null;
  const employee = employees.find((e) => e.memberId === memberId) ?? null;
  const columns = useMemo(() => dayColumns(employee?.schemes ?? []), [employee]);
  const days = useMemo(() => Array.from({ length: 7 }, (_, i) => addDays(weekStart, i)), [weekStart]);
  const packsBoxes = employee?.schemes.some((s) => s.kind === "piece" && s.work === BOX_PACKED) ?? false;
  const anyLocked = loaded?.days.some((d) => d.locked) ?? false;

  /** What a cell shows when nothing was typed in it: its recorded total, or nothing. */
  function recordedText(date: string, column: DayColumn): string {
    const recorded = recordedCell(loaded, memberId, date, column);
    return recorded ? trimDecimal(recorded.quantity) : "";
  }

  /** The cells typed into that differ from what is recorded. */
  function changedCells(): { key: string; input: WorkCellInput }[] {
    const out: { key: string; input: WorkCellInput }[] = [];
    days.forEach((date, day) => {
      if (loaded?.days[day]?.locked) return;
      for (const column of columns) {
        const key = cellKey(day, column);
        const typed = cells[key];
        if (typed === undefined) continue;
        const was = recordedText(date, column);
        if (typed.trim() === was) continue;
        const work = column.kind === "pieces" ? column.work : "";
        out.push({ key, input: { memberId, date, kind: column.kind, work, quantity: typed.trim(), was } });
      }
    });
    return out;
  }

  const dirty = changedCells().length > 0 || extras.length > 0;
  useBlockLeave(dirty);
  const guard = useDiscardGuard(dirty);

  function reset() {
    setCells({});
    setExtras([]);
    setRefused(null);
    setResult(null);
    setProblems([]);
    setSaveProblem(null);
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
    setProblems((prev) => (prev.some((p) => p.key === key) ? prev.filter((p) => p.key !== key) : prev));
  }

  /** Enter goes on to the next cell that can be typed in; from the last one it saves. */
  function onCellKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== "Enter") return;
    event.preventDefault();
    const inputs = Array.from(grid.current?.querySelectorAll<HTMLInputElement>("input.work-cell:not([readonly]):not([disabled])") ?? []);
    const next = inputs[inputs.indexOf(event.currentTarget) + 1];
    if (next) {
      next.focus();
      next.select();
    } else {
      void save();
    }
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

  /** The bonuses, advances and deductions, as records. */
  function pendingExtras(): Pending[] {
    return extras.map((x, i) => ({
      cell: `extra-${i}`,
      input: { memberId, date: x.date, kind: x.kind, work: "", quantity: "", amount: x.amount, note: x.note },
      text: t("work.saved.extra", { date: dayLabel(t, x.date), kind: t(`work.extra.kind.${x.kind}`), amount: formatMoney(x.amount) }),
    }));
  }

  /** Where a cell Rust answered about is in the grid. */
  function problemOfCell(p: { memberId: string; date: string; kind: string; work: string; issue: Issue }): CellProblem {
    const day = days.indexOf(p.date);
    const column = columns.find((c) => sameColumn(c, p.kind, p.work));
    const label = column ? columnLabel(t, column) : t("work.quantity");
    return {
      key: column && day >= 0 ? cellKey(day, column) : `${p.date}-${p.kind}-${p.work}`,
      memberId: p.memberId,
      date: p.date,
      column: label,
      message: issueMessage(t, p.issue, label),
    };
  }

  /** The cells, in one call; false when the call itself failed (nothing of the grid was saved). */
  async function saveCells(changed: { key: string; input: WorkCellInput }[]): Promise<{ ok: boolean; saved: number; problems: number }> {
    if (changed.length === 0) return { ok: true, saved: 0, problems: 0 };
    try {
      const answer = await unlock.retry(() => api.saveWorkWeek({ weekStart, cells: changed.map((c) => c.input) }));
      setWeek(answer.week);
      const found = answer.problems.map(problemOfCell);
      setProblems(found);
      // Saved and unchanged cells now show what is stored; a refused one keeps what was typed.
      const keep = new Set(found.map((p) => p.key));
      setCells((prev) => Object.fromEntries(Object.entries(prev).filter(([key]) => keep.has(key))));
      return { ok: true, saved: answer.saved, problems: found.length };
    } catch (reason) {
      setSaveProblem(problemOf(reason));
      return { ok: false, saved: 0, problems: 0 };
    }
  }

  async function save() {
    if (saving || loaded === null) return;
    const changed = changedCells();
    const records = pendingExtras();
    if (changed.length === 0 && records.length === 0) {
      setProblems([]);
      setRefused(null);
      setResult(null);
      toast.show({ message: phrase("work.nothingToSave") });
      return;
    }
    setSaving(true);
    setProblems([]);
    setSaveProblem(null);
    setRefused(null);
    setResult(null);
    const answer = await saveCells(changed);
    if (!answer.ok) {
      setSaving(false);
      return;
    }
    const saved: Pending[] = [];
    for (const record of records) {
      try {
        await unlock.retry(() => api.recordWork(record.input));
        saved.push(record);
      } catch (reason) {
        setRefused({ cell: record.cell, message: workRefusal(t, reason, t("work.extra.amount")) });
        setResult({ saved: saved.map((s) => s.text), refusedAt: record.text });
        break;
      }
    }
    // What was saved leaves the list, so that saving again does not record it twice.
    const done = new Set(saved.map((s) => Number(s.cell.slice(6))));
    if (done.size > 0) {
      // The refused extra moves up to the place of the first kept one: its message goes with it.
      const kept = extras.map((_, i) => i).filter((i) => !done.has(i));
      setExtras((prev) => prev.filter((_, i) => !done.has(i)));
      setRefused((r) => (r && r.cell.startsWith("extra-") ? { ...r, cell: `extra-${kept.indexOf(Number(r.cell.slice(6)))}` } : r));
    }
    setSaving(false);
    const count = answer.saved + saved.length;
    if (answer.problems > 0) toast.show({ message: phrase("work.savedSome", { count, problems: answer.problems }) });
    else if (saved.length === records.length) toast.show({ message: phrase("work.savedToast", { count }) });
    if (count > 0) onSaved();
  }

  const cellProblem = (key: string) => problems.find((p) => p.key === key);
  const extraError = (key: string) => (refused?.cell === key ? refused.message : undefined);
  const nameOf = (id: string) => employees.find((e) => e.memberId === id)?.name ?? "";

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
          {anyLocked ? (
            <p className="field-hint" data-testid="work-locked-hint">
              {t("work.lockedHint")}
            </p>
          ) : null}
          {loadProblem ? (
            <div className="form-error" data-testid="work-week-error" role="alert">
              {say(t, problemPhrases(loadProblem))}
            </div>
          ) : null}
          {columns.length === 0 ? (
            <p className="muted" data-testid="work-no-columns">
              {t("work.noColumns")}
            </p>
          ) : (
            <div className="table-wrap work-grid-wrap" ref={grid} data-testid="work-grid" data-loaded={loaded ? "true" : "false"}>
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
                  {days.map((date, day) => {
                    const locked = loaded?.days[day]?.locked ?? false;
                    return (
                      <tr key={date} data-testid="work-day" data-date={date} data-locked={locked ? "true" : "false"}>
                        <td className="cell-nowrap cell-strong">
                          {dayLabel(t, date)}
                          {locked ? (
                            <span className="work-day-lock" data-testid="work-day-locked" title={t("work.lockedTip")}>
                              <span aria-hidden="true">🔒</span> {t("work.locked")}
                            </span>
                          ) : null}
                        </td>
                        {columns.map((c) => {
                          const key = cellKey(day, c);
                          const problem = cellProblem(key);
                          const recorded = recordedCell(loaded, memberId, date, c) !== undefined;
                          const classes = ["work-cell", recorded ? "work-cell-recorded" : "", locked ? "work-cell-locked" : ""].filter(Boolean).join(" ");
                          return (
                            <td key={key}>
                              <input
                                className={classes}
                                data-testid={`work-${key}`}
                                data-recorded={recorded ? "true" : undefined}
                                inputMode="decimal"
                                autoComplete="off"
                                aria-label={`${dayLabel(t, date)} ${columnLabel(t, c)}`}
                                aria-invalid={problem ? true : undefined}
                                aria-describedby={problem ? `error-work-${key}` : undefined}
                                title={problem?.message ?? (locked ? t("work.lockedTip") : recorded ? t("work.recordedTip") : undefined)}
                                readOnly={locked}
                                disabled={loaded === null}
                                value={locked ? recordedText(date, c) : (cells[key] ?? recordedText(date, c))}
                                onChange={(e) => setCell(key, e.target.value)}
                                onKeyDown={onCellKey}
                              />
                            </td>
                          );
                        })}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {problems.length > 0 ? (
            <div className="form-error work-problems" data-testid="work-problems" role="alert">
              <div>{t("work.problemsTitle", { count: problems.length })}</div>
              <ul>
                {problems.map((p) => (
                  <li key={p.key} id={`error-work-${p.key}`} data-testid={`error-work-${p.key}`}>
                    {t("work.problemLine", { name: nameOf(p.memberId), date: dayLabel(t, p.date), what: p.column, message: p.message })}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {saveProblem ? (
            <div className="form-error" data-testid="work-save-error" role="alert">
              {say(t, problemPhrases(saveProblem))}
            </div>
          ) : null}

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
                    {extraError(`extra-${i}`) ? (
                      <div className="field-error" data-testid={`error-work-extra-${i}`} role="alert">
                        {extraError(`extra-${i}`)}
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
            {extraError("extra") ? (
              <div className="field-error" data-testid="error-work-extra-amount" role="alert">
                {extraError("extra")}
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
            <button type="button" className="btn btn-primary" data-testid="work-save" disabled={saving || loaded === null} onClick={() => void save()}>
              {saving ? t("common.saving") : t("work.save")}
            </button>
          </div>
          {guard.prompt}
        </>
      )}
    </section>
  );
}
