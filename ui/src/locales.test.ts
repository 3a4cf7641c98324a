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
  "not_enough_stock",
  "unknown_record",
  "bad_date",
  "best_before_before_harvest",
  "price_or_total_required",
  "price_and_total_disagree",
  "unknown_payment",
  "unknown_reason",
  "more_than_owed",
  "unknown_kind",
  "already_reversed",
  "lot_used",
  "recipe_uses_its_output",
  "not_allowed",
  "bad_waybill",
  "more_than_sent",
  "no_printer",
  "not_positive",
  "not_found",
  "bad_barcode",
  "too_large",
  "bad_character",
  "already_shipped",
  "already_sent",
  "no_viewer",
  "no_cups",
  "printer_offline",
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

  // Rules whose message carries values from Rust (FieldIssue.params) besides the field's label; the
  // printing ones name the saved file's place (and the printer) instead of a field.
  const RULE_PARAMS: Readonly<Record<string, readonly string[]>> = {
    not_enough_stock: ["available", "field"],
    more_than_owed: ["field", "owed"],
    already_reversed: ["field", "reversedOn"],
    lot_used: ["field", "line", "used"],
    not_allowed: ["field", "from", "to"],
    bad_waybill: ["example", "field"],
    more_than_sent: ["field", "sent"],
    too_large: ["field", "max"],
    no_viewer: ["path"],
    no_cups: ["path"],
    printer_offline: ["path", "printer"],
  };

  it("translate every validation rule, naming the field", () => {
    for (const [name, dict] of Object.entries(locales)) {
      for (const rule of RULES) {
        const text = dict[`validation.${rule}`];
        expect(typeof text, `${name} validation.${rule}`).toBe("string");
        const expected = RULE_PARAMS[rule] ?? ["field"];
        expect(placeholders(text as string), `${name} validation.${rule}`).toEqual(expected);
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

  it("name every payment, waste reason and pay method", () => {
    for (const dict of Object.values(locales)) {
      for (const p of ["owed", "cash", "wechat", "alipay", "bank"]) expect(dict[`payment.${p}`]).toBeTruthy();
      for (const r of ["spoiled", "damaged", "sample", "own_use"]) expect(dict[`waste.reason.${r}`]).toBeTruthy();
      for (const m of ["cash", "wechat", "alipay", "bank"]) expect(dict[`payMethod.${m}`]).toBeTruthy();
    }
    expect(zhCN["payment.owed"]).toBe("欠款");
  });

  it("name every order state and source", () => {
    const states = ["waiting_payment", "paid", "packing", "packed", "shipped", "finished", "cancelled", "refunded"];
    for (const dict of Object.values(locales)) {
      for (const s of states) expect(dict[`orderState.${s}`], s).toBeTruthy();
      for (const s of ["taobao", "pinduoduo", "douyin", "wechat", "phone", "market"]) expect(dict[`orderSource.${s}`], s).toBeTruthy();
    }
    expect(states.map((s) => (zhCN as Record<string, string>)[`orderState.${s}`])).toEqual([
      "待付款", "待发货", "打包中", "已打包", "已发货", "已完成", "已取消", "已退款",
    ]);
    expect(zhCN["waste.reason.own_use"]).toBe("自家吃了");
  });
});

describe("t", () => {
  it("fills placeholders and leaves unknown ones alone", () => {
    expect(translate("zh-CN", "validation.negative", { field: "售价" })).toBe("售价不能是负数。");
    expect(translate("en", "validation.negative", { field: "Price" })).toBe("Price cannot be negative.");
    expect(interpolate("{a} and {b}", { a: 1 })).toBe("1 and {b}");
  });
});

/**
 * The Chinese interface has no English words (issue 13): the Latin-alphabet words allowed in it
 * are units and codes, file kinds, keys on the keyboard, the marketplace's own terms beside their
 * Chinese label, and the names of other programs. A handful of strings are about English itself.
 */
const LATIN_ALLOWED = new Set([
  // units, paper and couriers' codes
  "kg", "g", "ml", "cm", "mm", "a", "ems", "sf", "jd", "yto", "zto", "sto", "yd",
  // file kinds and file names
  "pdf", "csv", "xlsx", "db", "backup", "backups", "before", "migration",
  // keys, the USB stick, web addresses
  "ctrl", "u", "http", "https",
  // the marketplace's terms, beside their Chinese label
  "app", "key", "secret", "session", "id", "sku", "hmac", "sha", "md", "pin",
  // the print service, beside 打印服务
  "cups",
  // other programs
  "excel", "wps",
]);
const ABOUT_ENGLISH = new Set(["lang.switchTo", "lang.switchTitle", "language.en", "product.nameEnPlaceholder"]);

describe("the Chinese interface", () => {
  it("has no English words outside the allow-list", () => {
    const found: string[] = [];
    for (const [key, value] of Object.entries(zhCN as Record<string, string>)) {
      if (ABOUT_ENGLISH.has(key)) continue;
      for (const word of value.replace(/\{[A-Za-z]+\}/g, "").match(/[A-Za-z]+/g) ?? []) {
        if (!LATIN_ALLOWED.has(word.toLowerCase())) found.push(`${key}: ${word} in “${value}”`);
      }
    }
    expect(found).toEqual([]);
  });
});
