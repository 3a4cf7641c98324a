// Exact decimal arithmetic for the purchase form's hints: no binary floating point anywhere.
import { describe, expect, it } from "vitest";
import { add, divide, equals, multiply, parseDecimal, round, subtract, toText } from "./decimal";

function d(text: string) {
  const value = parseDecimal(text);
  if (!value) throw new Error(`not a decimal: ${text}`);
  return value;
}

describe("parseDecimal", () => {
  it.each([
    ["23.5", "23.5"],
    [" 3.2750 ", "3.2750"],
    ["0", "0"],
    [".5", "0.5"],
    ["12.", "12"],
    ["-1.25", "-1.25"],
    ["007", "7"],
    // What a Chinese input method types in full-width mode; Rust reads it the same.
    ["１２．５", "12.5"],
    ["－３", "-3"],
  ])("%j -> %s", (input, expected) => {
    expect(toText(d(input))).toBe(expected);
  });

  it.each(["", " ", ".", "abc", "1e3", "1,5", "1.2.3", "+1", "¥3"])("refuses %j", (input) => {
    expect(parseDecimal(input)).toBeNull();
  });
});

describe("arithmetic", () => {
  it("multiplies exactly and rounds half away from zero to fen", () => {
    // 3.2750 × 23.5 = 76.9625 -> 76.96
    expect(toText(multiply(d("3.2750"), d("23.5")))).toBe("76.96250");
    expect(toText(round(multiply(d("3.2750"), d("23.5")), 2))).toBe("76.96");
    // 0.1 × 3 is 0.3, not 0.30000000000000004
    expect(toText(round(multiply(d("0.1"), d("3")), 2))).toBe("0.30");
    expect(toText(round(d("0.125"), 2))).toBe("0.13");
    expect(toText(round(d("0.135"), 2))).toBe("0.14");
    expect(toText(round(d("-0.125"), 2))).toBe("-0.13");
    expect(toText(round(d("-0.001"), 2))).toBe("0.00");
    expect(toText(round(d("2.5"), 0))).toBe("3");
    expect(toText(round(d("1.5"), 4))).toBe("1.5000");
  });

  it("keeps digits a float would lose", () => {
    expect(toText(multiply(d("12345678901234567.89"), d("1")))).toBe("12345678901234567.89");
    expect(toText(add(d("0.1"), d("0.2")))).toBe("0.3");
    expect(toText(subtract(d("70.50"), d("30.5")))).toBe("40.00");
    expect(toText(subtract(d("1"), d("1.25")))).toBe("-0.25");
  });

  it("divides to a number of places, rounding half away from zero", () => {
    expect(toText(divide(d("100"), d("3"), 4)!)).toBe("33.3333");
    expect(toText(divide(d("200"), d("3"), 4)!)).toBe("66.6667");
    expect(toText(divide(d("76.96"), d("23.5"), 4)!)).toBe("3.2749");
    expect(toText(divide(d("5"), d("0.5"), 4)!)).toBe("10.0000");
    expect(divide(d("5"), d("0"), 4)).toBeNull();
  });

  it("compares values whatever their scale", () => {
    expect(equals(d("1.50"), d("1.5"))).toBe(true);
    expect(equals(d("1.51"), d("1.5"))).toBe(false);
  });
});
