// Calendar arithmetic on the "YYYY-MM-DD" and "YYYY-MM" texts Rust exchanges: the periods of a
// farmer's statement, the months of a report, the days until a best-before date. Dates are civil
// dates where the shop is (no time, no time zone); the arithmetic is done in UTC so that no summer
// time of the computer's own zone can shift a day.

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;

const DAY_MS = 24 * 3600 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A "YYYY-MM-DD" that is a real day (not 2025-02-30); else null. */
function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const utc = new Date(Date.UTC(year, month - 1, day));
  if (utc.getUTCFullYear() !== year || utc.getUTCMonth() !== month - 1 || utc.getUTCDate() !== day) return null;
  return { year, month, day };
}

export function isDate(text: string): boolean {
  return parseDate(text) !== null;
}

/** A "YYYY-MM" with a month 01–12. */
export function isMonth(text: string): boolean {
  const m = MONTH.exec(text);
  if (!m) return false;
  const month = Number(m[2]);
  return month >= 1 && month <= 12;
}

/** "2025-09-20" -> "2025-09-01". */
export function firstOfMonth(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** The first and last day of the month before the one of `date`: "2025-03-10" -> 2025-02-01 … 2025-02-28. */
export function previousMonth(date: string): { from: string; to: string } {
  const d = parseDate(date);
  if (!d) return { from: date, to: date };
  // Day 0 of this month is the last day of the one before.
  const last = new Date(Date.UTC(d.year, d.month - 1, 0));
  const to = `${last.getUTCFullYear()}-${pad(last.getUTCMonth() + 1)}-${pad(last.getUTCDate())}`;
  return { from: firstOfMonth(to), to };
}

/** Whole days from `from` to `to` ("2025-09-20" to "2025-09-23" is 3; earlier is negative); null if either is not a date. */
export function daysBetween(from: string, to: string): number | null {
  const a = parseDate(from);
  const b = parseDate(to);
  if (!a || !b) return null;
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** Months from `from` to `to` ("2025-01" to "2025-12" is 11); null if either is not a month. */
export function monthsBetween(from: string, to: string): number | null {
  if (!isMonth(from) || !isMonth(to)) return null;
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  return index(to) - index(from);
}

/** "2025-09" -> { year: 2025, month: 9 }; null if it is not a month. */
export function monthParts(month: string): { year: number; month: number } | null {
  if (!isMonth(month)) return null;
  return { year: Number(month.slice(0, 4)), month: Number(month.slice(5, 7)) };
}
