// Words and dates of the pay screen (工资): how an employee is paid ("日薪 ¥150/天", "计件 打包 ¥1.2/个"),
// the kinds of piece work by name, and the days of a week of work records. Rust keeps piece work as a
// code ("box_packed"); the screen shows and accepts its name in either language.
import type { PayMethod, SchemeInput } from "../bindings";
import { parseDecimal, subtract, toText } from "../decimal";
import { trimDecimal } from "../format";
import { isMessageKey, type MessageKey, type Translate } from "../i18n";

/** Piece work packing records count by themselves (one per order packed). */
export const BOX_PACKED = "box_packed";

/** Kinds of piece work the app names; any other is shown as typed. */
export const KNOWN_WORK = ["box_packed", "jin_sorted", "tofu_made"] as const;

export const SCHEME_KINDS = ["daily", "hourly", "piece", "monthly"] as const;

export type SchemeKind = (typeof SCHEME_KINDS)[number];

export const EXTRA_KINDS = ["bonus", "advance", "deduction"] as const;

export type ExtraKind = (typeof EXTRA_KINDS)[number];

function workKey(work: string): MessageKey | null {
  const key = `payroll.work.${work}`;
  return isMessageKey(key) ? key : null;
}

/** "box_packed" -> 打包 / boxes packed; an unknown kind as it is. */
export function workLabel(t: Translate, work: string): string {
  const key = workKey(work);
  return key ? t(key) : work;
}

/** What one piece of the work is counted in: 个 for boxes, 斤 for sorting, 件 for anything else. */
export function pieceUnit(t: Translate, work: string): string {
  const key = `payroll.unit.${work}`;
  return isMessageKey(key) ? t(key) : t("payroll.unit.other");
}

/**
 * The code Rust keeps for what was typed as a kind of piece work: the name of a known kind in
 * either language ("打包", "Boxes packed") is its code; anything else is kept as typed.
 */
export function workCode(text: string, translators: readonly Translate[]): string {
  const typed = text.trim();
  const lower = typed.toLowerCase();
  for (const code of KNOWN_WORK) {
    if (lower === code) return code;
    const key = workKey(code);
    if (key && translators.some((t) => t(key).toLowerCase() === lower)) return code;
  }
  return typed;
}

/** "¥150", "¥1.2": a rate without trailing zeros. */
export function rateText(rate: string): string {
  return `¥${trimDecimal(rate)}`;
}

/** How one scheme pays, in words: 日薪 ¥150/天, 计件 打包 ¥1.2/个. */
export function schemeText(t: Translate, scheme: SchemeInput): string {
  const rate = trimDecimal(scheme.rate);
  switch (scheme.kind) {
    case "monthly":
      return t("payroll.scheme.monthly", { rate });
    case "daily":
      return t("payroll.scheme.daily", { rate });
    case "hourly":
      return t("payroll.scheme.hourly", { rate });
    case "piece":
      return t("payroll.scheme.piece", { rate, work: workLabel(t, scheme.work), unit: pieceUnit(t, scheme.work) });
    default:
      return `${scheme.kind} ${rateText(scheme.rate)}`;
  }
}

/** The inputs a day of the week grid has for an employee: days and/or hours, then each piece work but boxes packed. */
export type DayColumn = { kind: "days" } | { kind: "hours" } | { kind: "pieces"; work: string };

export function dayColumns(schemes: readonly SchemeInput[]): DayColumn[] {
  const out: DayColumn[] = [];
  if (schemes.some((s) => s.kind === "daily")) out.push({ kind: "days" });
  if (schemes.some((s) => s.kind === "hourly")) out.push({ kind: "hours" });
  for (const s of schemes) {
    if (s.kind === "piece" && s.work !== BOX_PACKED && !out.some((c) => c.kind === "pieces" && c.work === s.work)) {
      out.push({ kind: "pieces", work: s.work });
    }
  }
  return out;
}

/** The test id suffix of a column's input: `days`, `hours`, `pieces-jin_sorted`. */
export function columnId(column: DayColumn): string {
  return column.kind === "pieces" ? `pieces-${column.work}` : column.kind;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function utcOf(date: string): Date | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === date ? d : null;
}

/** "2025-09-29" + 3 days -> "2025-10-02"; anything not a date is given back as it is. */
export function addDays(date: string, days: number): string {
  const d = utcOf(date);
  if (!d) return date;
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week of `date` (the week starts on Monday where the shop is). */
export function mondayOf(date: string): string {
  const d = utcOf(date);
  if (!d) return date;
  const back = (d.getUTCDay() + 6) % 7;
  return addDays(date, -back);
}

/** "2025-09-29" -> 9月29日 周一 / Mon 9/29. */
export function dayLabel(t: Translate, date: string): string {
  const d = utcOf(date);
  if (!d) return date;
  const weekday = t("payroll.weekdays").split(",")[d.getUTCDay()]?.trim() ?? "";
  return t("payroll.dayLabel", { month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday });
}

/** What is left to pay of a payslip: net less paid, "0.00" when nothing (or less than nothing). */
export function restToPay(net: string, paid: string): string {
  const n = parseDecimal(net);
  const p = parseDecimal(paid);
  if (!n || !p) return "0.00";
  const rest = subtract(n, p);
  return rest.units > 0n ? toText(rest) : "0.00";
}

/** A decimal text below zero ("-120.00"). */
export function isNegative(amount: string): boolean {
  const d = parseDecimal(amount);
  return d !== null && d.units < 0n;
}

/** A decimal text above zero. */
export function isPositive(amount: string): boolean {
  const d = parseDecimal(amount);
  return d !== null && d.units > 0n;
}

export function isPayMethod(method: string | null): method is PayMethod {
  return method === "cash" || method === "wechat" || method === "alipay" || method === "bank";
}
