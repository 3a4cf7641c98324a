// Unit tests of the pure display formatting: money, weight, shelf life and unit labels.
import { describe, expect, it } from "vitest";
import {
  expiryOf,
  formatExpiry,
  formatMonth,
  formatMoney,
  formatQuantity,
  formatShelfLife,
  formatWeightKg,
  todayInShanghai,
  trimDecimal,
  unitLabel,
  unitSuggestions,
} from "./format";

describe("formatMoney", () => {
  it.each([
    ["12.50", "¥12.50"],
    ["12.5", "¥12.50"],
    ["12", "¥12.00"],
    ["0", "¥0.00"],
    ["0.05", "¥0.05"],
    ["3.2750", "¥3.275"],
    ["3.2751", "¥3.2751"],
    ["1280.00", "¥1280.00"],
    ["007.10", "¥7.10"],
    ["-1.5", "-¥1.50"],
    ["-0.00", "¥0.00"],
  ])("%s -> %s", (input, expected) => {
    expect(formatMoney(input)).toBe(expected);
  });

  it("keeps digits a float would lose", () => {
    expect(formatMoney("12345678901234567.89")).toBe("¥12345678901234567.89");
  });

  it("shows text that is not a decimal unchanged", () => {
    expect(formatMoney("abc")).toBe("¥abc");
  });
});

describe("weight", () => {
  it.each([
    ["2.600", "2.6 公斤", "2.6 kg"],
    ["2", "2 公斤", "2 kg"],
    ["2.000", "2 公斤", "2 kg"],
    ["0.050", "0.05 公斤", "0.05 kg"],
    ["0.500", "0.5 公斤", "0.5 kg"],
  ])("%s -> %s / %s", (input, zh, en) => {
    expect(formatWeightKg(input, "zh-CN")).toBe(zh);
    expect(formatWeightKg(input, "en")).toBe(en);
  });

  it("has nothing to show without a weight", () => {
    expect(formatWeightKg(null, "zh-CN")).toBeNull();
    expect(formatWeightKg("", "en")).toBeNull();
  });

  it("trims only trailing zeros of the fraction", () => {
    expect(trimDecimal("100")).toBe("100");
    expect(trimDecimal("10.10")).toBe("10.1");
  });
});

describe("shelf life", () => {
  it("shows only the days, in the user's language", () => {
    expect(formatShelfLife(14, "zh-CN")).toBe("14 天");
    expect(formatShelfLife(14, "en")).toBe("14 days");
    expect(formatShelfLife(1, "zh-CN")).toBe("1 天");
    expect(formatShelfLife(1, "en")).toBe("1 day");
  });
});

describe("unitLabel", () => {
  it.each([
    ["jin", "斤", "jin"],
    ["kg", "公斤", "kg"],
    ["g", "克", "g"],
    ["piece", "个", "piece"],
    ["bottle", "瓶", "bottle"],
    ["box:5:jin", "箱(5斤)", "box of 5 jin"],
    ["box:10:jin", "箱(10斤)", "box of 10 jin"],
    ["box:12:bottle", "箱(12瓶)", "box of 12 bottle"],
    ["box:2.5:kg", "箱(2.5公斤)", "box of 2.5 kg"],
  ])("%s -> %s / %s", (code, zh, en) => {
    expect(unitLabel(code, "zh-CN")).toBe(zh);
    expect(unitLabel(code, "en")).toBe(en);
  });

  it("shows an unknown code as it is rather than guessing", () => {
    expect(unitLabel("crate", "zh-CN")).toBe("crate");
    expect(unitLabel("box:5:crate", "en")).toBe("box:5:crate");
    expect(unitLabel("box:x:jin", "zh-CN")).toBe("box:x:jin");
  });

  it("offers localised suggestions", () => {
    expect(unitSuggestions("zh-CN")).toEqual(["斤", "公斤", "克", "个", "瓶", "箱(5斤)", "箱(10斤)"]);
    expect(unitSuggestions("en")).toEqual(["jin", "kg", "g", "piece", "bottle", "box of 5 jin", "box of 10 jin"]);
  });
});

describe("stock display", () => {
  it("shows a quantity with its unit in the user's language", () => {
    expect(formatQuantity("12.500", "jin", "zh-CN")).toBe("12.5 斤");
    expect(formatQuantity("3", "box:5:jin", "zh-CN")).toBe("3 箱(5斤)");
    expect(formatQuantity("0.250", "kg", "en")).toBe("0.25 kg");
  });

  it.each([
    [-2, "expired", "已过期 2 天", "Expired 2 days ago"],
    [-1, "expired", "已过期 1 天", "Expired 1 day ago"],
    [0, "soon", "今天到期", "Expires today"],
    [1, "soon", "还剩 1 天", "1 day left"],
    [3, "soon", "还剩 3 天", "3 days left"],
    [4, "ok", "还剩 4 天", "4 days left"],
    [null, "keeps", "不过期", "Does not expire"],
  ] as const)("%s days to expiry: %s, %s", (days, expiry, zh, en) => {
    expect(expiryOf(days)).toBe(expiry);
    expect(formatExpiry(days, "zh-CN")).toBe(zh);
    expect(formatExpiry(days, "en")).toBe(en);
  });

  it("knows today's date in Asia/Shanghai", () => {
    expect(todayInShanghai(new Date("2025-09-20T15:59:59Z"))).toBe("2025-09-20");
    expect(todayInShanghai(new Date("2025-09-20T16:00:00Z"))).toBe("2025-09-21");
  });
});

describe("formatMonth", () => {
  it("names a month in each language", () => {
    expect(formatMonth("2025-09", "zh-CN")).toBe("2025年9月");
    expect(formatMonth("2025-09", "en")).toBe("Sep 2025");
    expect(formatMonth("2025-12", "en")).toBe("Dec 2025");
    expect(formatMonth("2025-13", "en")).toBe("2025-13");
  });
});
