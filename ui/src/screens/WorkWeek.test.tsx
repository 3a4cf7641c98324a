// The week grid against a mocked Rust side: days already recorded appear in their cells (tinted,
// 已记录), read-only with a lock in an approved month; saving sends only what changed, with what
// was read, and a cell Rust could not save is outlined and listed under the grid while the rest is
// saved; Enter walks the cells and saves from the last one.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Employee, WorkCell, WorkWeek as WeekData, WorkWeekSaved } from "../bindings";
import { chosen } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { backend, callsOf, invokeMock, type Handler } from "./orderTestData";
import { addDays } from "./payrollText";
import { WorkWeek } from "./WorkWeek";

const sister: Employee = {
  memberId: "m1",
  name: "李小妹",
  relation: "妹妹",
  phone: "",
  startOn: "2025-03-01",
  endOn: null,
  withholdTax: false,
  specialDeduction: "0.00",
  additionalDeduction: "0.00",
  accountNote: "",
  schemes: [
    { kind: "daily", work: "", rate: "150.0000" },
    { kind: "piece", work: "jin_sorted", rate: "0.3000" },
  ],
  searchKey: "lixiaomei lxm",
};

const START = "2025-08-28";

function cell(date: string, kind: WorkCell["kind"], quantity: string, extra: Partial<WorkCell> = {}): WorkCell {
  return { memberId: "m1", date, kind, work: kind === "pieces" ? "jin_sorted" : "", quantity, records: 1, ...extra };
}

/** Thursday 28 August to Wednesday 3 September 2025: August is approved, September a draft. */
function week(cells: WorkCell[]): WeekData {
  return {
    weekStart: START,
    days: Array.from({ length: 7 }, (_, i) => {
      const date = addDays(START, i);
      return { date, locked: date < "2025-09-01" };
    }),
    cells,
  };
}

const recorded = [
  cell("2025-08-28", "days", "1"),
  cell("2025-09-01", "days", "1"),
  cell("2025-09-01", "pieces", "30"),
  // Someone else's day: not in this employee's grid.
  cell("2025-09-02", "days", "1", { memberId: "m2" }),
];

function renderWeek(handlers: Record<string, Handler>) {
  const onSaved = vi.fn();
  backend({ work_week: () => week(recorded), ...handlers });
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <WorkWeek employees={[sister]} onSaved={onSaved} />
      </ToastProvider>
    </I18nProvider>,
  );
  return onSaved;
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function input(testId: string): HTMLInputElement {
  return screen.getByTestId(testId) as HTMLInputElement;
}

async function openWeek() {
  await waitFor(() => expect(chosen("work-member")).toBe("m1"));
  type("work-week-start", START);
  await waitFor(() => expect(input("work-day-0-days").value).toBe("1"));
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
});

describe("the week grid", () => {
  it("shows the days already recorded in their cells, read-only with a lock in an approved month", async () => {
    renderWeek({});
    await openWeek();
    expect(callsOf("work_week")).toContainEqual({ weekStart: START });
    // 28 August, approved: shown, marked and locked.
    const august = input("work-day-0-days");
    expect(august.getAttribute("data-recorded")).toBe("true");
    expect(august.readOnly).toBe(true);
    expect(august.className).toContain("work-cell-locked");
    expect(august.title).toContain("已经审核");
    expect(screen.getAllByTestId("work-day-locked")).toHaveLength(4);
    expect(screen.getAllByTestId("work-day")[0]?.getAttribute("data-locked")).toBe("true");
    expect(screen.getByTestId("work-locked-hint").textContent).toContain("只能看不能改");
    type("work-day-0-days", "0.5");
    expect(august.value).toBe("1");
    // 1 September, a draft: shown, marked 已记录 and editable.
    const monday = input("work-day-4-days");
    expect(monday.value).toBe("1");
    expect(monday.getAttribute("data-recorded")).toBe("true");
    expect(monday.className).toContain("work-cell-recorded");
    expect(monday.title).toBe("已记录");
    expect(monday.readOnly).toBe(false);
    expect(input("work-day-4-pieces-jin_sorted").value).toBe("30");
    // Another employee's day is not hers; an empty day is empty and not marked.
    expect(input("work-day-5-days").value).toBe("");
    expect(input("work-day-5-days").getAttribute("data-recorded")).toBeNull();
  });

  it("saves only the changed cells with what was read, and shows a cell's problem on that cell", async () => {
    const answer: WorkWeekSaved = {
      saved: 1,
      unchanged: 0,
      problems: [
        {
          memberId: "m1",
          date: "2025-09-01",
          kind: "days",
          work: "",
          issue: { field: "quantity", rule: "changed", message: "changed", params: { recorded: "0.5" } },
        },
        {
          memberId: "m1",
          date: "2025-09-03",
          kind: "pieces",
          work: "jin_sorted",
          issue: { field: "quantity", rule: "not_a_number", message: "quantity must be a number", params: {} },
        },
      ],
      week: week([...recorded, cell("2025-09-02", "days", "1")].map((c) => (c.date === "2025-09-01" && c.kind === "days" ? { ...c, quantity: "0.5" } : c))),
    };
    const onSaved = renderWeek({ save_work_week: () => answer });
    await openWeek();
    // The recorded Monday changed, Tuesday added, Wednesday typed wrong; the sorting of Monday untouched.
    type("work-day-4-days", "0.5");
    type("work-day-5-days", "1");
    type("work-day-6-pieces-jin_sorted", "三十");
    type("work-day-4-pieces-jin_sorted", "30");
    fireEvent.click(screen.getByTestId("work-save"));

    await waitFor(() => expect(callsOf("save_work_week")).toHaveLength(1));
    expect(callsOf("save_work_week")[0]).toEqual({
      input: {
        weekStart: START,
        cells: [
          { memberId: "m1", date: "2025-09-01", kind: "days", work: "", quantity: "0.5", was: "1" },
          { memberId: "m1", date: "2025-09-02", kind: "days", work: "", quantity: "1", was: "" },
          { memberId: "m1", date: "2025-09-03", kind: "pieces", work: "jin_sorted", quantity: "三十", was: "" },
        ],
      },
    });
    // The problems: outlined on their cells and listed under the grid by who, day and column.
    const changed = await screen.findByTestId("error-work-day-4-days");
    expect(changed.textContent).toBe("李小妹 9月1日 周一 出勤（天）：这一格刚被别人改成了 0.5，现在格子里显示的是你填的；确认无误后再点保存，就会改成你填的数。");
    expect(input("work-day-4-days").getAttribute("aria-invalid")).toBe("true");
    expect(input("work-day-4-days").getAttribute("aria-describedby")).toBe("error-work-day-4-days");
    expect(screen.getByTestId("error-work-day-6-pieces-jin_sorted").textContent).toContain("要填数字");
    expect(input("work-day-6-pieces-jin_sorted").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("work-problems").textContent).toContain("2 格没有保存");
    // A refused cell keeps what was typed; the saved one shows what is recorded now.
    expect(input("work-day-6-pieces-jin_sorted").value).toBe("三十");
    expect(input("work-day-5-days").value).toBe("1");
    expect(input("work-day-5-days").getAttribute("data-recorded")).toBe("true");
    expect(input("work-day-5-days").getAttribute("aria-invalid")).toBeNull();
    expect((await screen.findByTestId("toast")).textContent).toContain("已保存 1 项，2 格没有保存");
    expect(onSaved).toHaveBeenCalledTimes(1);
    // Correcting a cell drops its message.
    type("work-day-6-pieces-jin_sorted", "30");
    expect(screen.queryByTestId("error-work-day-6-pieces-jin_sorted")).toBeNull();
    expect(screen.getByTestId("error-work-day-4-days")).toBeTruthy();
  });

  it("says there is nothing to save when the cells hold what is recorded", async () => {
    renderWeek({});
    await openWeek();
    type("work-day-4-days", "1");
    fireEvent.click(screen.getByTestId("work-save"));
    expect((await screen.findByTestId("toast")).textContent).toContain("格子里没有新填或改动的记录");
    expect(callsOf("save_work_week")).toHaveLength(0);
  });

  it("moves to the next open cell on Enter, and saves from the last one", async () => {
    renderWeek({ save_work_week: () => ({ saved: 1, unchanged: 0, problems: [], week: week(recorded) }) });
    await openWeek();
    // The locked August days are skipped: from Monday's days to Monday's sorting, then Tuesday.
    const monday = input("work-day-4-days");
    monday.focus();
    fireEvent.keyDown(monday, { key: "Enter" });
    expect(document.activeElement).toBe(input("work-day-4-pieces-jin_sorted"));
    fireEvent.keyDown(input("work-day-4-pieces-jin_sorted"), { key: "Enter" });
    expect(document.activeElement).toBe(input("work-day-5-days"));
    type("work-day-6-pieces-jin_sorted", "12");
    fireEvent.keyDown(input("work-day-6-pieces-jin_sorted"), { key: "Enter" });
    await waitFor(() => expect(callsOf("save_work_week")).toHaveLength(1));
  });
});
