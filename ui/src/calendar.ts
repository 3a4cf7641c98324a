//! The arithmetic behind our own date and month fields: reading what a person types, the weeks of a
//! month (from Monday, as a Chinese calendar on the wall), moving by days, weeks, months and years.
// Everything is on "YYYY-MM-DD" / "YYYY-MM" texts and computed in UTC, like dates.ts, so that neither
// the computer's time zone nor its locale can shift a day or start a week on Sunday.

const DAY_MS = 24 * 3600 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function iso(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days in a month (1–12) of a year: February 2028 and 2000 have 29, 2027 and 2100 have 28. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function realDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return iso(year, month, day);
}

// Year, month, day separated by - / . or written 2026年12月1日; the 日 may be left off.
const TYPED_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const TYPED_MONTH = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/;
const COMPACT_MONTH = /^(\d{4})(\d{2})$/;
// "Dec 2026" / "December 2026": how the English month field shows a month, so it reads back.
const NAMED_MONTH = /^([A-Za-z]+)\.?\s+(\d{4})$/;

/** What a person typed in a date field as "YYYY-MM-DD", or null when it is not a real day (2025-02-30). */
export function parseTypedDate(text: string): string | null {
  const t = text.trim();
  const m = TYPED_DATE.exec(t) ?? COMPACT_DATE.exec(t);
  if (!m) return null;
  return realDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/**
 * A typed date that cannot grow into another date by typing on: "2026-12-01" or "2026年12月1日" is
 * complete, "2026-12-1" is not (the next key may make it 2026-12-15). A filter follows a complete
 * date as it is typed; the rest waits for Enter or leaving the field, so no query runs for the 1st
 * on the way to the 15th.
 */
export function isCompleteDateText(text: string): boolean {
  const t = text.trim();
  const parsed = parseTypedDate(t);
  if (parsed === null) return false;
  return t.endsWith("日") || t.replace(/\D/g, "") === parsed.replace(/\D/g, "");
}

/**
 * What a person typed in a month field as "YYYY-MM", or null. `monthNames` are the short names the
 * field shows in English ("Jan,…,Dec"), so that a month shown as "Dec 2026" reads back.
 */
export function parseTypedMonth(text: string, monthNames: readonly string[] = []): string | null {
  const t = text.trim();
  const m = TYPED_MONTH.exec(t) ?? COMPACT_MONTH.exec(t);
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    return year >= 1000 && month >= 1 && month <= 12 ? `${m[1]}-${pad(month)}` : null;
  }
  const named = NAMED_MONTH.exec(t);
  if (!named) return null;
  const word = (named[1] ?? "").toLowerCase();
  const index = monthNames.findIndex((n) => n.length >= 3 && word.startsWith(n.toLowerCase().slice(0, 3)));
  return index < 0 ? null : `${named[2]}-${pad(index + 1)}`;
}

/** As isCompleteDateText, for months: "2026-12", "202612", "2026年1月" are complete, "2026-1" is not. */
export function isCompleteMonthText(text: string, monthNames: readonly string[] = []): boolean {
  const t = text.trim();
  const parsed = parseTypedMonth(t, monthNames);
  if (parsed === null) return false;
  return t.endsWith("月") || /[A-Za-z]/.test(t) || t.replace(/\D/g, "") === parsed.replace(/\D/g, "");
}

export type DateParts = { year: number; month: number; day: number };

export function dateParts(date: string): DateParts | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return realDate(parts.year, parts.month, parts.day) === null ? null : parts;
}

function fromUtc(ms: number): string {
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** `date` moved by whole days (negative goes back): 2026-01-31 + 1 is 2026-02-01. */
export function addDays(date: string, days: number): string {
  const p = dateParts(date);
  if (!p) return date;
  return fromUtc(Date.UTC(p.year, p.month - 1, p.day) + days * DAY_MS);
}

/**
 * `date` moved by whole months, keeping the day where the month has it and else its last day:
 * 2026-01-31 + 1 month is 2026-02-28 (the person wanted "next month", not 3 March).
 */
export function addMonthsToDate(date: string, months: number): string {
  const p = dateParts(date);
  if (!p) return date;
  const index = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return iso(year, month, Math.min(p.day, daysInMonth(year, month)));
}

/** "YYYY-MM" moved by whole months: 2026-12 + 1 is 2027-01. */
export function addMonths(month: string, months: number): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return month;
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + months;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1)}`;
}

/** 0 for Monday … 6 for Sunday. */
export function weekdayFromMonday(date: string): number {
  const p = dateParts(date);
  if (!p) return 0;
  return (new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay() + 6) % 7;
}

/** The Monday of the week of `date`. */
export function weekStart(date: string): string {
  return addDays(date, -weekdayFromMonday(date));
}

/** The Sunday of the week of `date`. */
export function weekEnd(date: string): string {
  return addDays(date, 6 - weekdayFromMonday(date));
}

export type CalendarDay = { date: string; day: number; inMonth: boolean };

/**
 * The weeks shown for a month ("YYYY-MM"), Monday first: whole weeks from the Monday on or before
 * the 1st to the Sunday on or after the last day; days of the months around are `inMonth: false`.
 */
export function monthWeeks(month: string): CalendarDay[][] {
  const first = `${month}-01`;
  const p = dateParts(first);
  if (!p) return [];
  const last = iso(p.year, p.month, daysInMonth(p.year, p.month));
  const weeks: CalendarDay[][] = [];
  for (let start = weekStart(first); start <= last; start = addDays(start, 7)) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(start, i);
      week.push({ date, day: Number(date.slice(8, 10)), inMonth: date.slice(0, 7) === month });
    }
    weeks.push(week);
  }
  return weeks;
}

/** Whether `value` lies within the optional bounds (ISO texts compare in calendar order). */
export function withinBounds(value: string, min?: string, max?: string): boolean {
  return (!min || value >= min) && (!max || value <= max);
}
