// Pure display formatting of the decimal strings, unit codes and day counts Rust returns. No floating point:
// money and quantities arrive as decimal strings and are reshaped as text.
import type { Language } from "./bindings";
import { monthParts } from "./dates";
import { interpolate, messagesOf, type MessageKey } from "./i18n";

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * "12.5" -> "¥12.50", "3.2750" -> "¥3.275" (unit prices may carry up to 4 places),
 * "-1" -> "-¥1.00". Shows at least 2 decimals and drops trailing zeros beyond them.
 * A string that is not a decimal is shown as it is, after the ¥.
 */
export function formatMoney(amount: string): string {
  const m = DECIMAL.exec(amount.trim());
  if (!m) return `¥${amount}`;
  const [, sign = "", intPart = "0", fraction = ""] = m;
  const integer = intPart.replace(/^0+(?=\d)/, "");
  let decimals = fraction.replace(/0+$/, "");
  if (decimals.length < 2) decimals = decimals.padEnd(2, "0");
  const isZero = /^0+$/.test(integer) && /^0+$/.test(decimals);
  return `${sign && !isZero ? "-" : ""}¥${integer}.${decimals}`;
}

/** Drops trailing zeros: "2.600" -> "2.6", "2.000" -> "2", "0.050" -> "0.05". */
export function trimDecimal(value: string): string {
  const m = DECIMAL.exec(value.trim());
  if (!m) return value;
  const [, sign = "", intPart = "0", fraction = ""] = m;
  const integer = intPart.replace(/^0+(?=\d)/, "");
  const decimals = fraction.replace(/0+$/, "");
  return `${sign}${integer}${decimals ? `.${decimals}` : ""}`;
}

/** "2.600" -> "2.6 公斤" / "2.6 kg"; null (no weight recorded) -> null. */
export function formatWeightKg(weightKg: string | null, language: Language): string | null {
  if (weightKg === null || weightKg.trim() === "") return null;
  return interpolate(messagesOf(language)["format.weightKg"], { kg: trimDecimal(weightKg) });
}

/** A shelf life in whole days: "14 天" / "14 days", "1 day". */
export function formatShelfLife(days: number, language: Language): string {
  const dict = messagesOf(language);
  return days === 1 ? dict["products.shelfLifeOneDay"] : interpolate(dict["products.shelfLifeDays"], { days });
}

const BASE_UNITS = {
  jin: "unit.jin",
  kg: "unit.kg",
  g: "unit.g",
  piece: "unit.piece",
  bottle: "unit.bottle",
} as const satisfies Record<string, MessageKey>;

type BaseUnit = keyof typeof BASE_UNITS;

function isBaseUnit(code: string): code is BaseUnit {
  return Object.prototype.hasOwnProperty.call(BASE_UNITS, code);
}

const BOX = /^box:(\d+(?:\.\d+)?):(.+)$/;

/**
 * Shows a canonical unit code in the user's language: "jin" -> 斤 / jin,
 * "box:5:jin" -> 箱(5斤) / box of 5 jin. An unknown code is shown as it is.
 * The labels are also accepted back as input by the Rust side (see docs/ipc.md, Units).
 */
export function unitLabel(code: string, language: Language): string {
  const dict = messagesOf(language);
  if (isBaseUnit(code)) return dict[BASE_UNITS[code]];
  const box = BOX.exec(code);
  if (box) {
    const [, count = "", base = ""] = box;
    if (isBaseUnit(base)) {
      return interpolate(dict["unit.box"], { count: trimDecimal(count), unit: dict[BASE_UNITS[base]] });
    }
  }
  return code;
}

/**
 * What one of a sale unit is called where a count goes in front of it: "box:5:jin" -> 箱 / box,
 * "bottle" -> 瓶 / bottle (the order form's quantity, "3 箱"). An unknown code is shown as it is.
 */
export function countUnitLabel(code: string, language: Language): string {
  return BOX.test(code) ? messagesOf(language)["unit.boxShort"] : unitLabel(code, language);
}

/** Units offered in the product form's suggestion lists, as codes. */
export const SUGGESTED_UNITS: readonly string[] = ["jin", "kg", "g", "piece", "bottle", "box:5:jin", "box:10:jin"];

export function unitSuggestions(language: Language): string[] {
  return SUGGESTED_UNITS.map((code) => unitLabel(code, language));
}

/** "12.500" of "jin" -> "12.5 斤" / "12.5 jin"; "3" of "box:5:jin" -> "3 箱(5斤)". */
export function formatQuantity(quantity: string, unitCode: string, language: Language): string {
  return interpolate(messagesOf(language)["format.quantity"], {
    quantity: trimDecimal(quantity),
    unit: unitLabel(unitCode, language),
  });
}

/** How close a lot is to its best-before date; a row shows it in colour and in words. */
export type Expiry = "expired" | "soon" | "ok" | "keeps";

/** A lot this many days or fewer from its best-before date is sold first. */
export const SOON_DAYS = 3;

/** From Rust's `daysToExpiry` (negative: expired; null: keeps). */
export function expiryOf(daysToExpiry: number | null): Expiry {
  if (daysToExpiry === null) return "keeps";
  if (daysToExpiry < 0) return "expired";
  return daysToExpiry <= SOON_DAYS ? "soon" : "ok";
}

/** "还剩 3 天", "今天到期", "已过期 2 天", "不过期" / "3 days left", "Expires today", … */
export function formatExpiry(daysToExpiry: number | null, language: Language): string {
  const dict = messagesOf(language);
  if (daysToExpiry === null) return dict["expiry.keeps"];
  if (daysToExpiry < 0) {
    const days = -daysToExpiry;
    return days === 1 ? dict["expiry.expiredOne"] : interpolate(dict["expiry.expired"], { days });
  }
  if (daysToExpiry === 0) return dict["expiry.today"];
  return daysToExpiry === 1 ? dict["expiry.leftOne"] : interpolate(dict["expiry.left"], { days: daysToExpiry });
}

/** "2025-09" -> "2025年9月" / "Sep 2025"; anything else is shown as it is. */
export function formatMonth(month: string, language: Language): string {
  const parts = monthParts(month);
  if (!parts) return month;
  const dict = messagesOf(language);
  const name = dict["format.monthNames"].split(",")[parts.month - 1]?.trim() ?? String(parts.month);
  return interpolate(dict["format.month"], { year: parts.year, name });
}

/** Today's date where the shop is (Asia/Shanghai, UTC+8 without summer time) as "YYYY-MM-DD". */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
