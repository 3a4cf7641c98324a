import { describe, expect, it } from "vitest";
import { daysBetween, firstOfMonth, isDate, isMonth, monthParts, monthsBetween, previousMonth } from "./dates";

describe("dates", () => {
  it("knows real days and months", () => {
    expect(isDate("2024-02-29")).toBe(true);
    expect(isDate("2025-02-29")).toBe(false);
    expect(isDate("2025-9-1")).toBe(false);
    expect(isDate("")).toBe(false);
    expect(isMonth("2025-09")).toBe(true);
    expect(isMonth("2025-13")).toBe(false);
    expect(isMonth("2025-9")).toBe(false);
  });

  it("finds the first of a month and the whole month before", () => {
    expect(firstOfMonth("2025-09-20")).toBe("2025-09-01");
    expect(previousMonth("2025-03-10")).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(previousMonth("2024-03-31")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(previousMonth("2025-01-01")).toEqual({ from: "2024-12-01", to: "2024-12-31" });
  });

  it("counts days and months between", () => {
    expect(daysBetween("2025-09-20", "2025-09-23")).toBe(3);
    expect(daysBetween("2025-09-20", "2025-09-18")).toBe(-2);
    expect(daysBetween("2025-02-28", "2025-03-01")).toBe(1);
    expect(daysBetween("2025-12-31", "2026-01-01")).toBe(1);
    expect(daysBetween("x", "2025-01-01")).toBeNull();
    expect(monthsBetween("2024-10", "2025-09")).toBe(11);
    expect(monthsBetween("2025-09", "2025-03")).toBe(-6);
    expect(monthsBetween("", "2025-03")).toBeNull();
    expect(monthParts("2025-09")).toEqual({ year: 2025, month: 9 });
  });
});
