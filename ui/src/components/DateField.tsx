//! Our own date and month fields: a text box that reads 2026-12-01, 2026/12/1, 20261201 or
//! 2026年12月1日, and a calendar beside it whose weeks start on Monday and whose words follow the
//! app's language, not the computer's (the native picker showed 12/07/2026 and "December" inside the
//! Chinese screens). Values in and out are the ISO texts Rust exchanges: "YYYY-MM-DD" / "YYYY-MM", "" for none.
import {
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from "react";
import {
  addDays,
  addMonths,
  addMonthsToDate,
  isCompleteDateText,
  isCompleteMonthText,
  monthWeeks,
  parseTypedDate,
  parseTypedMonth,
  weekdayFromMonday,
  weekEnd,
  weekStart,
} from "../calendar";
import { formatMonth, todayInShanghai } from "../format";
import type { Translate } from "../i18n";
import { useI18n } from "../i18nContext";

export type DateFieldProps = {
  /** "YYYY-MM-DD" (DateField) or "YYYY-MM" (MonthField); "" when empty. */
  value: string;
  /** Called with a real ISO date/month or "" — never with half-typed text. */
  onChange: (iso: string) => void;
  id?: string;
  name?: string;
  /** Put on the text box, where tests and the end-to-end harness type. */
  "data-testid"?: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
  "aria-label"?: string;
  disabled?: boolean;
  placeholder?: string;
};

type Kind = "date" | "month";

function list(t: Translate, key: Parameters<Translate>[0]): string[] {
  return t(key).split(",").map((s) => s.trim());
}

/** "2026-12-07" → "2026年12月7日 星期一" / "Monday 7 December 2026", with "今天"/"today" for the shop's today. */
function dayLabel(t: Translate, date: string, today: string): string {
  const label = t("calendar.day", {
    year: Number(date.slice(0, 4)),
    name: list(t, "calendar.monthFullNames")[Number(date.slice(5, 7)) - 1] ?? "",
    day: Number(date.slice(8, 10)),
    weekday: list(t, "calendar.weekdayNames")[weekdayFromMonday(date)] ?? "",
  });
  return date === today ? t("calendar.today", { label }) : label;
}

function monthTitle(t: Translate, month: string): string {
  return t("calendar.title", {
    year: Number(month.slice(0, 4)),
    name: list(t, "calendar.monthFullNames")[Number(month.slice(5, 7)) - 1] ?? "",
  });
}

function CalendarIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
      <rect x="3" y="4.5" width="14" height="12.5" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M3 8.5h14M7 2.5v4M13 2.5v4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}

/** Keeps the popup inside the window: below the field, above it when there is no room below. */
function usePopupPosition(open: boolean, anchor: RefObject<HTMLElement | null>, popup: RefObject<HTMLElement | null>) {
  const [style, setStyle] = useState<CSSProperties>({});
  const place = useCallback(() => {
    const a = anchor.current;
    const p = popup.current;
    if (!a || !p) return;
    const rect = a.getBoundingClientRect();
    const width = p.offsetWidth;
    const height = p.offsetHeight;
    const margin = 8;
    const left = Math.max(margin, Math.min(rect.left, window.innerWidth - width - margin));
    let top = rect.bottom + 4;
    if (top + height > window.innerHeight - margin && rect.top - height - 4 >= margin) top = rect.top - height - 4;
    setStyle({ left, top });
  }, [anchor, popup]);
  useLayoutEffect(() => {
    if (!open) return;
    place();
    // The field may sit in a scrolling dialog: the popup follows it (position: fixed escapes the
    // dialog's overflow, which would otherwise cut the calendar off).
    window.addEventListener("resize", place);
    window.addEventListener("scroll", place, true);
    return () => {
      window.removeEventListener("resize", place);
      window.removeEventListener("scroll", place, true);
    };
  }, [open, place]);
  return style;
}

function PickerField({ kind, props }: { kind: Kind; props: DateFieldProps }) {
  const { t, language } = useI18n();
  const { value, onChange } = props;
  const monthNames = list(t, "format.monthNames");
  const parse = (text: string) => (kind === "date" ? parseTypedDate(text) : parseTypedMonth(text, monthNames));
  const complete = (text: string) => (kind === "date" ? isCompleteDateText(text) : isCompleteMonthText(text, monthNames));
  const shown = kind === "month" && parseTypedMonth(value) !== null ? formatMonth(value, language) : value;

  // The text being typed, or null when the box shows the value.
  const [draft, setDraft] = useState<string | null>(null);
  // The text of an entry we could not read, quoted back in the message under the box.
  const [bad, setBad] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  // The day ("YYYY-MM-DD") or month ("YYYY-MM") that has the keyboard in the popup.
  const [cursor, setCursor] = useState("");
  const focusCursor = useRef(false);
  const wrapRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const popupRef = useRef<HTMLDivElement>(null);
  const popupStyle = usePopupPosition(open, wrapRef, popupRef);
  const messageId = useId();
  const popupId = useId();

  // A value changed from outside (a "this month" button) replaces what was typed.
  const [seenValue, setSeenValue] = useState(value);
  if (seenValue !== value) {
    setSeenValue(value);
    if (draft !== null && parse(draft) !== value) {
      setDraft(null);
      setBad(null);
    }
  }

  function emit(next: string) {
    if (next !== value) onChange(next);
  }

  function typed(text: string) {
    setDraft(text);
    setBad(null);
    if (text.trim() === "") emit("");
    else if (complete(text)) emit(parse(text) ?? value);
  }

  /**
   * Takes the typed text as the value; false when it is no date. Then the text stays in the box,
   * marked, with a message saying how to write it, and the form around cannot be saved (see the
   * submit guard below). Kept rather than put back: one wrong digit is fixed in place instead of
   * retyped, and nothing the person sees is swapped behind their back; blocking the save is what
   * keeps the old date from being saved silently while the box shows another.
   */
  function commit(): boolean {
    if (draft === null) return true;
    if (draft.trim() === "") {
      setDraft(null);
      emit("");
      return true;
    }
    const parsed = parse(draft);
    if (parsed === null) {
      setBad(draft.trim());
      return false;
    }
    setDraft(null);
    emit(parsed);
    return true;
  }

  // The form around the field is not saved while the box holds text that is no date.
  const unreadable = useRef<string | null>(null);
  useEffect(() => {
    unreadable.current = draft !== null && draft.trim() !== "" && parse(draft) === null ? draft.trim() : null;
  });
  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const guard = (e: Event) => {
      const text = unreadable.current;
      if (text === null) return;
      // Before React's onSubmit (which listens at the root, above the form): the save never starts.
      e.preventDefault();
      e.stopPropagation();
      setBad(text);
      inputRef.current?.focus();
    };
    form.addEventListener("submit", guard);
    return () => form.removeEventListener("submit", guard);
  }, []);

  const today = todayInShanghai();

  function openPopup() {
    const typedValue = draft !== null ? parse(draft) : null;
    commit();
    const base = typedValue ?? (parse(value) !== null ? value : "");
    setCursor(kind === "date" ? base || today : base || today.slice(0, 7));
    focusCursor.current = true;
    setOpen(true);
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) inputRef.current?.focus();
  }

  function pick(next: string) {
    setDraft(null);
    setBad(null);
    emit(next);
    close(true);
  }

  // A click anywhere outside closes the popup.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrapRef.current && e.target instanceof Node && !wrapRef.current.contains(e.target)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  // The keyboard's place in the popup follows the arrows.
  useEffect(() => {
    if (!open || !focusCursor.current) return;
    focusCursor.current = false;
    popupRef.current?.querySelector<HTMLButtonElement>(`[data-cell="${cursor}"]`)?.focus();
  }, [open, cursor]);

  function moveTo(next: string) {
    focusCursor.current = true;
    setCursor(next);
  }

  function onGridKey(e: KeyboardEvent) {
    const date = kind === "date";
    const moves: Record<string, () => string> = date
      ? {
          ArrowLeft: () => addDays(cursor, -1),
          ArrowRight: () => addDays(cursor, 1),
          ArrowUp: () => addDays(cursor, -7),
          ArrowDown: () => addDays(cursor, 7),
          PageUp: () => addMonthsToDate(cursor, e.shiftKey ? -12 : -1),
          PageDown: () => addMonthsToDate(cursor, e.shiftKey ? 12 : 1),
          Home: () => weekStart(cursor),
          End: () => weekEnd(cursor),
        }
      : {
          ArrowLeft: () => addMonths(cursor, -1),
          ArrowRight: () => addMonths(cursor, 1),
          ArrowUp: () => addMonths(cursor, -4),
          ArrowDown: () => addMonths(cursor, 4),
          PageUp: () => addMonths(cursor, -12),
          PageDown: () => addMonths(cursor, 12),
          Home: () => addMonths(cursor, -((Number(cursor.slice(5, 7)) - 1) % 4)),
          End: () => addMonths(cursor, 3 - ((Number(cursor.slice(5, 7)) - 1) % 4)),
        };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      moveTo(move());
    } else if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      pick(cursor);
    }
  }

  function onPopupKey(e: KeyboardEvent) {
    if (e.key === "Escape") {
      // Only the popup closes, not the dialog the field is in.
      e.preventDefault();
      e.stopPropagation();
      close(true);
    }
  }

  function onInputKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === "Enter") {
      // Enter takes the typed date and lets the form save; an unreadable one shows its message instead.
      if (!commit()) e.preventDefault();
    } else if (e.key === "ArrowDown" && e.altKey) {
      e.preventDefault();
      openPopup();
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  function onWrapBlur(e: FocusEvent) {
    if (!open || (e.relatedTarget instanceof Node && wrapRef.current?.contains(e.relatedTarget))) return;
    // Checked a moment later: turning the page to another month removes the focused day, which some
    // webviews report as a blur to nowhere just before the new day takes the focus.
    setTimeout(() => {
      if (wrapRef.current && !wrapRef.current.contains(document.activeElement)) setOpen(false);
    }, 0);
  }

  const describedBy = [props["aria-describedby"], bad !== null ? messageId : null].filter(Boolean).join(" ") || undefined;
  const placeholder = props.placeholder ?? t(kind === "date" ? "calendar.datePlaceholder" : "calendar.monthPlaceholder");
  const buttonLabel = t(kind === "date" ? "calendar.choose" : "calendar.chooseMonth");

  let popup: ReactNode = null;
  if (open && cursor) {
    popup =
      kind === "date" ? (
        <DayGrid t={t} cursor={cursor} value={value} today={today} onMove={moveTo} onPick={pick} onKey={onGridKey} />
      ) : (
        <MonthGrid t={t} cursor={cursor} value={value} thisMonth={today.slice(0, 7)} onMove={moveTo} onPick={pick} onKey={onGridKey} />
      );
  }

  return (
    <div className={`datefield datefield-${kind}`} ref={wrapRef} onBlur={onWrapBlur}>
      <div className="datefield-box">
        <input
          ref={inputRef}
          id={props.id}
          name={props.name}
          data-testid={props["data-testid"]}
          type="text"
          inputMode={kind === "date" ? "numeric" : "text"}
          autoComplete="off"
          spellCheck={false}
          value={draft ?? shown}
          placeholder={placeholder}
          disabled={props.disabled}
          aria-label={props["aria-label"]}
          aria-invalid={props["aria-invalid"] || bad !== null ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => typed(e.target.value)}
          onBlur={() => commit()}
          onKeyDown={onInputKey}
        />
        <button
          type="button"
          className="datefield-open"
          aria-label={buttonLabel}
          title={buttonLabel}
          aria-haspopup="dialog"
          aria-expanded={open}
          aria-controls={open ? popupId : undefined}
          disabled={props.disabled}
          data-testid={props["data-testid"] ? `${props["data-testid"]}-open` : undefined}
          // Keeps the focus in the box while the mouse is down, so the typed text is taken first.
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => (open ? close(true) : openPopup())}
        >
          <CalendarIcon />
        </button>
      </div>
      {bad !== null ? (
        <div className="datefield-message" id={messageId} role="alert" data-testid={props["data-testid"] ? `${props["data-testid"]}-message` : undefined}>
          {t(kind === "date" ? "calendar.badDate" : "calendar.badMonth", { text: bad })}
        </div>
      ) : null}
      {open ? (
        <div
          ref={popupRef}
          id={popupId}
          className="datefield-popup"
          role="dialog"
          aria-label={t(kind === "date" ? "calendar.dialog" : "calendar.monthDialog")}
          style={popupStyle}
          data-testid={props["data-testid"] ? `${props["data-testid"]}-popup` : undefined}
          onKeyDown={onPopupKey}
          // Clicks on the popup's words must not take the focus away (which would close it).
          onMouseDown={(e) => e.preventDefault()}
        >
          {popup}
        </div>
      ) : null}
    </div>
  );
}

type GridProps = {
  t: Translate;
  cursor: string;
  value: string;
  onMove: (cursor: string) => void;
  onPick: (value: string) => void;
  onKey: (e: KeyboardEvent) => void;
};

function DayGrid({ t, cursor, value, today, onMove, onPick, onKey }: GridProps & { today: string }) {
  const month = cursor.slice(0, 7);
  const weekdays = list(t, "calendar.weekdays");
  const fullWeekdays = list(t, "calendar.weekdayNames");
  return (
    <>
      <div className="datefield-head">
        <button type="button" className="datefield-nav" aria-label={t("calendar.prevMonth")} onClick={() => onMove(addMonthsToDate(cursor, -1))}>
          ‹
        </button>
        <div className="datefield-title" aria-live="polite" data-testid="calendar-title">
          {monthTitle(t, month)}
        </div>
        <button type="button" className="datefield-nav" aria-label={t("calendar.nextMonth")} onClick={() => onMove(addMonthsToDate(cursor, 1))}>
          ›
        </button>
      </div>
      <table className="datefield-grid" role="grid" aria-label={monthTitle(t, month)} onKeyDown={onKey}>
        <thead>
          <tr>
            {weekdays.map((w, i) => (
              <th key={w} scope="col" abbr={fullWeekdays[i]} data-testid="calendar-weekday">
                {w}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week) => (
            <tr key={week[0]?.date}>
              {week.map((d) =>
                d.inMonth ? (
                  <td key={d.date}>
                    <button
                      type="button"
                      data-cell={d.date}
                      data-testid="calendar-day"
                      className={`datefield-day${d.date === today ? " is-today" : ""}${d.date === value ? " is-selected" : ""}`}
                      tabIndex={d.date === cursor ? 0 : -1}
                      aria-label={dayLabel(t, d.date, today)}
                      aria-pressed={d.date === value}
                      aria-current={d.date === today ? "date" : undefined}
                      onClick={() => onPick(d.date)}
                    >
                      {d.day}
                    </button>
                  </td>
                ) : (
                  // Days of the months around stay blank: a 30 beside a 1 reads as a typo.
                  <td key={d.date} aria-hidden="true" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function MonthGrid({ t, cursor, value, thisMonth, onMove, onPick, onKey }: GridProps & { thisMonth: string }) {
  const year = cursor.slice(0, 4);
  const names = list(t, "format.monthNames");
  const rows = [0, 1, 2].map((r) => [1, 2, 3, 4].map((c) => r * 4 + c));
  return (
    <>
      <div className="datefield-head">
        <button type="button" className="datefield-nav" aria-label={t("calendar.prevYear")} onClick={() => onMove(addMonths(cursor, -12))}>
          ‹
        </button>
        <div className="datefield-title" aria-live="polite" data-testid="calendar-title">
          {t("calendar.yearTitle", { year })}
        </div>
        <button type="button" className="datefield-nav" aria-label={t("calendar.nextYear")} onClick={() => onMove(addMonths(cursor, 12))}>
          ›
        </button>
      </div>
      <table className="datefield-grid datefield-months" role="grid" aria-label={t("calendar.yearTitle", { year })} onKeyDown={onKey}>
        <tbody>
          {rows.map((row) => (
            <tr key={row[0]}>
              {row.map((m) => {
                const month = `${year}-${String(m).padStart(2, "0")}`;
                const label = monthTitle(t, month);
                return (
                  <td key={month}>
                    <button
                      type="button"
                      data-cell={month}
                      data-testid="calendar-month"
                      className={`datefield-day${month === thisMonth ? " is-today" : ""}${month === value ? " is-selected" : ""}`}
                      tabIndex={month === cursor ? 0 : -1}
                      aria-label={month === thisMonth ? t("calendar.thisMonth", { label }) : label}
                      aria-pressed={month === value}
                      aria-current={month === thisMonth ? "date" : undefined}
                      onClick={() => onPick(month)}
                    >
                      {names[m - 1]}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A day as "YYYY-MM-DD": typed in several ways or picked on a Monday-first calendar. */
export function DateField(props: DateFieldProps) {
  return <PickerField kind="date" props={props} />;
}

/** A month as "YYYY-MM": typed or picked from the twelve months of a year. */
export function MonthField(props: DateFieldProps) {
  return <PickerField kind="month" props={props} />;
}
