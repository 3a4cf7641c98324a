// Reading typed dates and laying out the weeks of a month, Monday first.
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addMonthsToDate,
  daysInMonth,
  isCompleteDateText,
  isCompleteMonthText,
  monthWeeks,
  parseTypedDate,
  parseTypedMonth,
  weekEnd,
  weekStart,
} from "./calendar";

describe("typed dates", () => {
  it.each([
    ["2026-12-01", "2026-12-01"],
    ["2026-12-1", "2026-12-01"],
    ["2026/12/1", "2026-12-01"],
    ["2026.12.1", "2026-12-01"],
    ["20261201", "2026-12-01"],
    ["2026年12月1日", "2026-12-01"],
    ["2026年12月1", "2026-12-01"],
    [" 2026-3-9 ", "2026-03-09"],
    ["2028-02-29", "2028-02-29"],
    ["2000-02-29", "2000-02-29"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseTypedDate(text)).toBe(iso);
  });

  it.each(["2025-02-30", "2027-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-12-32", "2026-12", "12/07/2026", "2026-12-01x", "abc", ""])(
    "refuses %s",
    (text) => {
      expect(parseTypedDate(text)).toBeNull();
    },
  );

  it("follows a date as it is typed only once it cannot grow into another", () => {
    expect(isCompleteDateText("2026-12-01")).toBe(true);
    expect(isCompleteDateText("20261201")).toBe(true);
    expect(isCompleteDateText("2026年12月1日")).toBe(true);
    // The next key may make it the 15th.
    expect(isCompleteDateText("2026-12-1")).toBe(false);
    expect(isCompleteDateText("2026-12-")).toBe(false);
  });
});

describe("typed months", () => {
  const names = "Jan,Feb,Mar,Apr,May,Jun,Jul,Aug,Sep,Oct,Nov,Dec".split(",");
  it.each([
    ["2026-12", "2026-12"],
    ["2026/12", "2026-12"],
    ["2026-1", "2026-01"],
    ["202612", "2026-12"],
    ["2026年12月", "2026-12"],
    ["2026年1月", "2026-01"],
    ["Dec 2026", "2026-12"],
    ["December 2026", "2026-12"],
  ])("reads %s as %s", (text, iso) => {
    expect(parseTypedMonth(text, names)).toBe(iso);
  });

  it.each(["2026-13", "2026-00", "2026", "Foo 2026", "2026-12-01"])("refuses %s", (text) => {
    expect(parseTypedMonth(text, names)).toBeNull();
  });

  it("follows a month as it is typed only once complete", () => {
    expect(isCompleteMonthText("2026-12")).toBe(true);
    expect(isCompleteMonthText("2026年1月")).toBe(true);
    expect(isCompleteMonthText("2026-1")).toBe(false);
  });
});

describe("calendar arithmetic", () => {
  it("knows the leap years", () => {
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 12)).toBe(31);
  });

  it("crosses months and years by days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });

  it("keeps the day when moving by months, or the month's last day", () => {
    expect(addMonthsToDate("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonthsToDate("2028-01-31", 1)).toBe("2028-02-29");
    expect(addMonthsToDate("2026-12-07", 1)).toBe("2027-01-07");
    expect(addMonthsToDate("2026-01-07", -1)).toBe("2025-12-07");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
  });

  it("starts weeks on Monday", () => {
    // 2026-12-07 is a Monday, 2026-12-13 a Sunday.
    expect(weekStart("2026-12-10")).toBe("2026-12-07");
    expect(weekEnd("2026-12-10")).toBe("2026-12-13");
    expect(weekStart("2026-12-13")).toBe("2026-12-07");
    expect(weekStart("2026-12-07")).toBe("2026-12-07");
  });

  it("lays out a month starting on a Monday without an empty first week", () => {
    // June 2026 begins on a Monday.
    const weeks = monthWeeks("2026-06");
    expect(weeks[0]?.[0]).toEqual({ date: "2026-06-01", day: 1, inMonth: true });
    expect(weeks).toHaveLength(5);
    expect(weeks.at(-1)?.at(-1)).toEqual({ date: "2026-07-05", day: 5, inMonth: false });
  });

  it("puts the 1st of a month starting on a Sunday in the last column", () => {
    // November 2026 begins on a Sunday.
    const weeks = monthWeeks("2026-11");
    expect(weeks[0]?.map((d) => d.inMonth)).toEqual([false, false, false, false, false, false, true]);
    expect(weeks[0]?.[6]?.date).toBe("2026-11-01");
    expect(weeks).toHaveLength(6);
    expect(weeks.flat().filter((d) => d.inMonth)).toHaveLength(30);
  });

  it("lays out the Februaries of leap and common years", () => {
    expect(monthWeeks("2028-02").flat().filter((d) => d.inMonth).map((d) => d.day).at(-1)).toBe(29);
    expect(monthWeeks("2027-02").flat().filter((d) => d.inMonth).map((d) => d.day).at(-1)).toBe(28);
    // February 2027 starts on a Monday and has 28 days: exactly four weeks.
    expect(monthWeeks("2027-02")).toHaveLength(4);
  });
});
