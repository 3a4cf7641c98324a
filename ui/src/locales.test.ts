// The two locale files must stay in step: same keys, no empty strings, same placeholders, every rule.
import { describe, expect, it } from "vitest";
import zhCN from "./locales/zh-CN.json";
import en from "./locales/en.json";
import { interpolate, translate } from "./i18n";

const locales: Record<string, Record<string, unknown>> = { "zh-CN": zhCN, en };

/** The rules of docs/ipc.md; each needs a message in both languages. */
const RULES = [
  "required",
  "too_long",
  "negative",
  "not_a_number",
  "too_many_decimals",
  "unknown_unit",
  "units_incompatible",
  "shelf_life_required",
  "not_a_whole_number",
  "must_be_positive",
  "duplicate",
  "invalid_phone",
  "unknown_courier",
  "unknown_language",
];

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();
}

describe("locale files", () => {
  it("have identical key sets", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });

  it.each(Object.keys(locales))("%s has no empty or non-string values", (name) => {
    for (const [key, value] of Object.entries(locales[name] ?? {})) {
      expect(typeof value, key).toBe("string");
      expect((value as string).trim(), key).not.toBe("");
    }
  });

  it("use the same placeholders in both languages", () => {
    for (const [key, value] of Object.entries(zhCN)) {
      const other = (en as Record<string, string>)[key] ?? "";
      expect(placeholders(other), key).toEqual(placeholders(value));
    }
  });

  it("translate every validation rule, naming the field", () => {
    for (const [name, dict] of Object.entries(locales)) {
      for (const rule of RULES) {
        const text = dict[`validation.${rule}`];
        expect(typeof text, `${name} validation.${rule}`).toBe("string");
        expect(placeholders(text as string), `${name} validation.${rule}`).toEqual(["field"]);
      }
    }
  });

  it("name every courier", () => {
    for (const dict of Object.values(locales)) {
      for (const c of ["SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS"]) {
        expect(dict[`courier.${c}`]).toBeTruthy();
      }
    }
    expect(zhCN["courier.SF"]).toBe("顺丰");
  });
});

describe("t", () => {
  it("fills placeholders and leaves unknown ones alone", () => {
    expect(translate("zh-CN", "validation.negative", { field: "售价" })).toBe("售价不能是负数。");
    expect(translate("en", "validation.negative", { field: "Price" })).toBe("Price cannot be negative.");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});
