// Our date and month fields: what a person types or picks reaches the screen as ISO text, the
// calendar speaks the app's language with weeks from Monday, and today is the shop's today.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { useState } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Language } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { DateField, MonthField } from "./DateField";

function Harness({ kind, initial, onChange }: { kind: "date" | "month"; initial: string; onChange: (v: string) => void }) {
  const [value, setValue] = useState(initial);
  const Field = kind === "date" ? DateField : MonthField;
  return (
    <form
      data-testid="form"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(`submit:${value}`);
      }}
    >
      <Field
        data-testid="field"
        value={value}
        onChange={(v) => {
          setValue(v);
          onChange(v);
        }}
      />
      <button type="button" data-testid="elsewhere">
        x
      </button>
    </form>
  );
}

function setup(kind: "date" | "month", initial = "", language: Language = "zh-CN") {
  const onChange = vi.fn<(v: string) => void>();
  render(
    <I18nProvider language={language}>
      <Harness kind={kind} initial={initial} onChange={onChange} />
    </I18nProvider>,
  );
  return { onChange, input: screen.getByTestId("field") as HTMLInputElement };
}

function openPopup() {
  fireEvent.click(screen.getByTestId("field-open"));
  return screen.getByTestId("field-popup");
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  // 17:00 UTC on the 6th is already 01:00 on the 7th in the village.
  vi.setSystemTime(new Date("2026-12-06T17:00:00Z"));
});

afterEach(() => {
  vi.useRealTimers();
});

describe("DateField typing", () => {
  it.each(["2026-12-01", "2026/12/1", "2026.12.1", "20261201", "2026年12月1日", "2026-12-1"])("takes %s as 2026-12-01 on leaving the field", (text) => {
    const { onChange, input } = setup("date");
    fireEvent.change(input, { target: { value: text } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith("2026-12-01");
    expect(input.value).toBe("2026-12-01");
  });

  it("gives a complete date at once, so filters follow without leaving the field", () => {
    const { onChange, input } = setup("date");
    fireEvent.change(input, { target: { value: "2026-12-15" } });
    expect(onChange).toHaveBeenCalledWith("2026-12-15");
  });

  it("never passes half-typed text on", () => {
    const { onChange, input } = setup("date", "2026-12-07");
    for (const text of ["2", "2026", "2026-1", "2026-12-", "2026-12-1"]) fireEvent.change(input, { target: { value: text } });
    expect(onChange).not.toHaveBeenCalled();
  });

  it("refuses a day that does not exist, keeps the text to fix and says how to write it", () => {
    const { onChange, input } = setup("date", "2026-12-07");
    fireEvent.change(input, { target: { value: "2025-02-30" } });
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toContain("2025-02-30");
    expect(screen.getByRole("alert").textContent).toContain("请按 2026-12-01 这样写日期");
    expect(input.value).toBe("2025-02-30");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(input.getAttribute("aria-describedby")).toBe(screen.getByRole("alert").id);

    fireEvent.change(input, { target: { value: "2025-02-28" } });
    expect(onChange).toHaveBeenLastCalledWith("2025-02-28");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(input.getAttribute("aria-invalid")).toBeNull();
  });

  it("does not let the form save the old date while the box holds one it cannot read", () => {
    const { onChange, input } = setup("date", "2026-12-07");
    fireEvent.change(input, { target: { value: "2026-12-32" } });
    fireEvent.blur(input);
    fireEvent.submit(screen.getByTestId("form"));
    expect(onChange).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole("alert").textContent).toContain("2026-12-32");

    fireEvent.change(input, { target: { value: "2026-12-31" } });
    fireEvent.submit(screen.getByTestId("form"));
    expect(onChange).toHaveBeenLastCalledWith("submit:2026-12-31");
  });

  it("takes 29 February only in a leap year", () => {
    const { onChange, input } = setup("date");
    fireEvent.change(input, { target: { value: "2028-02-29" } });
    expect(onChange).toHaveBeenLastCalledWith("2028-02-29");
    fireEvent.change(input, { target: { value: "2027-02-29" } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("alert")).toBeTruthy();
  });

  it("empties the date when the text is cleared", () => {
    const { onChange, input } = setup("date", "2026-12-07");
    fireEvent.change(input, { target: { value: "" } });
    expect(onChange).toHaveBeenCalledWith("");
  });

  it("lets Enter save the form with the typed date, but not with an unreadable one", () => {
    const { onChange, input } = setup("date", "2026-12-07");
    fireEvent.change(input, { target: { value: "2026/12/9" } });
    // A browser submits a form on Enter unless the key is cancelled.
    expect(fireEvent.keyDown(input, { key: "Enter" })).toBe(true);
    expect(onChange).toHaveBeenLastCalledWith("2026-12-09");

    fireEvent.change(input, { target: { value: "2026-99-99" } });
    expect(fireEvent.keyDown(input, { key: "Enter" })).toBe(false);
    expect(screen.getByRole("alert").textContent).toContain("2026-99-99");
  });

  it("shows a hint, not a grey date that looks like a filter, when empty", () => {
    const { input } = setup("date");
    expect(input.placeholder).toBe("例如 2026-12-07");
    expect(input.type).toBe("text");
  });

  it("speaks English when asked", () => {
    const { input } = setup("date", "", "en");
    expect(input.placeholder).toBe("e.g. 2026-12-07");
    fireEvent.change(input, { target: { value: "2026-13-01" } });
    fireEvent.blur(input);
    expect(screen.getByRole("alert").textContent).toContain("please write it like 2026-12-01");
    expect(screen.getByTestId("field-open").getAttribute("aria-label")).toBe("Choose a date");
  });
});

describe("DateField calendar", () => {
  it("shows the month in Chinese with weeks from Monday and marks the shop's today", () => {
    setup("date");
    expect(screen.getByTestId("field-open").getAttribute("aria-label")).toBe("选择日期");
    const popup = openPopup();
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2026年12月");
    expect(within(popup).getAllByTestId("calendar-weekday").map((w) => w.textContent)).toEqual(["一", "二", "三", "四", "五", "六", "日"]);
    // The computer's clock says the 6th (UTC); in the village it is already the 7th.
    const today = within(popup).getByRole("button", { name: /今天/ });
    expect(today.textContent).toBe("7");
    expect(today.getAttribute("aria-label")).toBe("2026年12月7日 星期一（今天）");
    expect(today.className).toContain("is-today");
    // 1 December 2026 is a Tuesday: the first row starts with one blank Monday.
    const firstRow = popup.querySelectorAll("tbody tr")[0]!;
    expect([...firstRow.querySelectorAll("td")].map((td) => td.textContent)).toEqual(["", "1", "2", "3", "4", "5", "6"]);
    expect(document.activeElement).toBe(today);
  });

  it("shows the month in English, Monday first", () => {
    setup("date", "", "en");
    const popup = openPopup();
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("December 2026");
    expect(within(popup).getAllByTestId("calendar-weekday").map((w) => w.textContent)).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(within(popup).getByRole("button", { name: /today/ }).textContent).toBe("7");
  });

  it("picks a clicked day as ISO text and closes", () => {
    const { onChange, input } = setup("date");
    const popup = openPopup();
    fireEvent.click(within(popup).getByRole("button", { name: "2026年12月25日 星期五" }));
    expect(onChange).toHaveBeenCalledWith("2026-12-25");
    expect(screen.queryByTestId("field-popup")).toBeNull();
    expect(input.value).toBe("2026-12-25");
    expect(document.activeElement).toBe(input);
  });

  it("opens on the chosen day, filled, and › goes from December to January of the next year", () => {
    setup("date", "2026-12-31");
    const popup = openPopup();
    const chosen = within(popup).getByRole("button", { pressed: true });
    expect(chosen.textContent).toBe("31");
    expect(chosen.className).toContain("is-selected");
    fireEvent.click(within(popup).getByRole("button", { name: "下个月" }));
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2027年1月");
    fireEvent.click(within(popup).getByRole("button", { name: "上个月" }));
    fireEvent.click(within(popup).getByRole("button", { name: "上个月" }));
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2026年11月");
  });

  it("moves from 31 January to February and shows the 29 days of February 2028", () => {
    setup("date", "2028-01-31");
    const popup = openPopup();
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2028年2月");
    expect(document.activeElement?.textContent).toBe("1");
    const days = within(popup).getAllByTestId("calendar-day").map((d) => d.textContent);
    expect(days.at(-1)).toBe("29");
    fireEvent.keyDown(document.activeElement!, { key: "PageDown" });
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2028年3月");
  });

  it("moves by day, week, month and to the week's ends with the keys, and Enter picks", () => {
    const { onChange } = setup("date", "2026-12-10");
    openPopup();
    const focused = () => document.activeElement?.getAttribute("data-cell");
    expect(focused()).toBe("2026-12-10");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowLeft" });
    expect(focused()).toBe("2026-12-09");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(focused()).toBe("2026-12-16");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowUp" });
    expect(focused()).toBe("2026-12-09");
    fireEvent.keyDown(document.activeElement!, { key: "Home" });
    expect(focused()).toBe("2026-12-07");
    fireEvent.keyDown(document.activeElement!, { key: "End" });
    expect(focused()).toBe("2026-12-13");
    fireEvent.keyDown(document.activeElement!, { key: "PageUp" });
    expect(focused()).toBe("2026-11-13");
    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    expect(onChange).toHaveBeenCalledWith("2026-11-13");
    expect(screen.queryByTestId("field-popup")).toBeNull();
  });

  it("closes on Escape without choosing, the focus back in the box, and Escape does not reach a dialog around it", () => {
    const { onChange, input } = setup("date", "2026-12-10");
    const outer = vi.fn();
    window.addEventListener("keydown", outer);
    openPopup();
    fireEvent.keyDown(document.activeElement!, { key: "ArrowRight" });
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    window.removeEventListener("keydown", outer);
    expect(screen.queryByTestId("field-popup")).toBeNull();
    expect(document.activeElement).toBe(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(outer.mock.calls.filter(([e]) => (e as KeyboardEvent).key === "Escape")).toHaveLength(0);
  });

  it("closes when clicking outside", () => {
    setup("date");
    openPopup();
    fireEvent.mouseDown(screen.getByTestId("elsewhere"));
    expect(screen.queryByTestId("field-popup")).toBeNull();
  });

  it("closes when the focus moves on (Tab) to the next control", async () => {
    setup("date");
    openPopup();
    screen.getByTestId("elsewhere").focus();
    await waitFor(() => expect(screen.queryByTestId("field-popup")).toBeNull());
  });

  it("opens on a typed date", () => {
    const { onChange, input } = setup("date");
    fireEvent.change(input, { target: { value: "2027/3/5" } });
    const popup = openPopup();
    expect(onChange).toHaveBeenCalledWith("2027-03-05");
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2027年3月");
  });
});

describe("MonthField", () => {
  it("takes each way of writing a month and shows it as 2026年12月, the value staying 2026-12", () => {
    for (const text of ["2026-12", "2026/12", "202612", "2026年12月"]) {
      const { onChange, input } = setup("month");
      fireEvent.change(input, { target: { value: text } });
      fireEvent.blur(input);
      expect(onChange, text).toHaveBeenLastCalledWith("2026-12");
      expect(input.value, text).toBe("2026年12月");
      cleanup();
    }
  });

  it("shows an English month as Dec 2026 and reads it back", () => {
    const { onChange, input } = setup("month", "2026-12", "en");
    expect(input.value).toBe("Dec 2026");
    fireEvent.change(input, { target: { value: "Nov 2026" } });
    fireEvent.blur(input);
    expect(onChange).toHaveBeenLastCalledWith("2026-11");
  });

  it("refuses a thirteenth month and says how to write one", () => {
    const { onChange, input } = setup("month", "2026-12");
    fireEvent.change(input, { target: { value: "2026-13" } });
    fireEvent.blur(input);
    expect(onChange).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toContain("请按 2026-12 这样写月份");
    expect(input.getAttribute("aria-invalid")).toBe("true");
  });

  it("picks from the twelve months of a year, this month marked, with the keys", () => {
    const { onChange } = setup("month", "2026-03");
    expect(screen.getByTestId("field-open").getAttribute("aria-label")).toBe("选择月份");
    const popup = openPopup();
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2026年");
    const months = within(popup).getAllByTestId("calendar-month");
    expect(months.map((m) => m.textContent)).toEqual(["1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"]);
    expect(popup.querySelectorAll("tbody tr")).toHaveLength(3);
    // Shanghai's today is 2026-12-07.
    expect(within(popup).getByRole("button", { name: /本月/ }).textContent).toBe("12月");
    expect(document.activeElement?.textContent).toBe("3月");
    fireEvent.keyDown(document.activeElement!, { key: "ArrowDown" });
    expect(document.activeElement?.textContent).toBe("7月");
    fireEvent.keyDown(document.activeElement!, { key: "PageDown" });
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2027年");
    fireEvent.keyDown(document.activeElement!, { key: "Enter" });
    expect(onChange).toHaveBeenCalledWith("2027-07");
  });

  it("goes to the next year with › and names the months in English", () => {
    const { onChange } = setup("month", "", "en");
    const popup = openPopup();
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2026");
    fireEvent.click(within(popup).getByRole("button", { name: "Next year" }));
    expect(within(popup).getByTestId("calendar-title").textContent).toBe("2027");
    fireEvent.click(within(popup).getByRole("button", { name: "January 2027" }));
    expect(onChange).toHaveBeenCalledWith("2027-01");
  });
});

describe("the calendar's place in a 1024×700 window", () => {
  function placeAt(rect: { left: number; top: number; bottom: number }) {
    vi.spyOn(HTMLElement.prototype, "offsetWidth", "get").mockReturnValue(316);
    vi.spyOn(HTMLElement.prototype, "offsetHeight", "get").mockReturnValue(330);
    vi.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockReturnValue({
      ...rect,
      right: rect.left + 200,
      width: 200,
      height: rect.bottom - rect.top,
      x: rect.left,
      y: rect.top,
      toJSON: () => ({}),
    } as DOMRect);
    Object.defineProperty(window, "innerWidth", { configurable: true, value: 1024 });
    Object.defineProperty(window, "innerHeight", { configurable: true, value: 700 });
  }

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("opens below the field and stays inside the window's width for a field near the right edge", () => {
    placeAt({ left: 900, top: 100, bottom: 142 });
    setup("date");
    const popup = openPopup();
    expect(popup.style.top).toBe("146px");
    // 1024 - 316 - 8: no horizontal scroll.
    expect(popup.style.left).toBe("700px");
  });

  it("opens above a field near the bottom", () => {
    placeAt({ left: 40, top: 600, bottom: 642 });
    setup("date");
    const popup = openPopup();
    expect(popup.style.top).toBe(`${600 - 330 - 4}px`);
    expect(popup.style.left).toBe("40px");
  });
});
