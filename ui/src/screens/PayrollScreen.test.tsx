// The pay screen against a mocked Rust side: the employees and how they are paid in words, the
// employee form (the EmployeeInput it sends, a scheme's error at its row), the week of work (the
// cells in one save_work_week, then one record_work per bonus, advance or deduction, stopping at a
// refusal and saying what was saved; what the grid shows is tested in WorkWeek.test.tsx), and the
// month (payslip lines, approving after asking, refusals, paying, the payslips' language), the owner's
// PIN (the locked panel, unlocking, locking, an action refused as locked done again after unlocking)
// and the year's pay (figures, CSV and Excel saved and opened).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Employee, Language, PayrollPreview, PayslipDto, PayYear, PinStatus, WorkCellInput, WorkInput, WorkRecord, WorkWeek, WorkWeekInput } from "../bindings";
import { chosen, pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { backend, callsOf, invokeMock, lockedRefusal, rejection, type Handler } from "./orderTestData";
import { PayrollScreen } from "./PayrollScreen";
import { addDays, dayColumns, mondayOf, restToPay, workCode } from "./payrollText";
import { translator } from "../i18n";

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <PayrollScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

const sister: Employee = {
  memberId: "m1",
  name: "李小妹",
  relation: "妹妹",
  phone: "13812345678",
  startOn: "2025-03-01",
  endOn: null,
  withholdTax: true,
  specialDeduction: "0.00",
  additionalDeduction: "1000.00",
  accountNote: "微信",
  schemes: [
    { kind: "daily", work: "", rate: "150.0000" },
    { kind: "piece", work: "box_packed", rate: "1.2000" },
    { kind: "piece", work: "jin_sorted", rate: "0.3000" },
  ],
  searchKey: "lixiaomei lxm",
};

const mother: Employee = {
  memberId: "m2",
  name: "王妈妈",
  relation: "母亲",
  phone: "",
  startOn: "2025-01-01",
  endOn: null,
  withholdTax: false,
  specialDeduction: "0.00",
  additionalDeduction: "0.00",
  accountNote: "",
  schemes: [{ kind: "monthly", work: "", rate: "3000.0000" }],
  searchKey: "wangmama wmm",
};

function slip(extra: Partial<PayslipDto> = {}): PayslipDto {
  return {
    memberId: "m1",
    name: "李小妹",
    lines: [
      { kind: "daily", work: "", quantity: "22", rate: "150", amount: "3300.00", explanation: "出勤 22 天 × ¥150/天 = ¥3300.00" },
      { kind: "piece", work: "box_packed", quantity: "400", rate: "1.2", amount: "480.00", explanation: "打包 400 × ¥1.2 = ¥480.00" },
    ],
    gross: "3780.00",
    tax: "0.00",
    taxExplanation: "累计收入 ¥22680.00 − 累计减除 ¥30000.00 ≤ 0，不扣税",
    advances: "500.00",
    deductions: "0.00",
    net: "3280.00",
    grossYearToDate: "22680.00",
    taxYearToDate: "0.00",
    paid: "0.00",
    paidOn: null,
    paidMethod: null,
    ...extra,
  };
}

const motherSlip = slip({
  memberId: "m2",
  name: "王妈妈",
  lines: [{ kind: "salary", work: "", quantity: "1", rate: "3000", amount: "3000.00", explanation: "月薪 ¥3000.00" }],
  gross: "3000.00",
  taxExplanation: "",
  advances: "3200.00",
  net: "-200.00",
  grossYearToDate: "27000.00",
});

function preview(extra: Partial<PayrollPreview> = {}): PayrollPreview {
  return { month: "2025-09", approved: false, payslips: [slip(), motherSlip], gross: "6780.00", tax: "0.00", net: "3080.00", ...extra };
}

const NO_PIN: PinStatus = { set: false, unlocked: true, blockedUntil: null };
const OPEN: PinStatus = { set: true, unlocked: true, blockedUntil: null };
const LOCKED: PinStatus = { set: true, unlocked: false, blockedUntil: null };

function emptyYear(year: number): PayYear {
  return { year, employees: [], months: [], payslips: [], gross: "0.00", tax: "0.00", net: "0.00", paid: "0.00" };
}

function handlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    pin_status: () => NO_PIN,
    list_employees: () => [sister, mother],
    preview_payroll: (args) => preview({ month: String(args?.month) }),
    pay_year: (args) => emptyYear(Number(args?.year)),
    list_work: () => [],
    work_week: (args) => emptyWeek(String(args?.weekStart)),
    ...extra,
  };
}

/** A week with nothing recorded and nothing locked. */
function emptyWeek(weekStart: string): WorkWeek {
  return { weekStart, days: Array.from({ length: 7 }, (_, i) => ({ date: addDays(weekStart, i), locked: false })), cells: [] };
}

/** The Rust side of save_work_week for a week that had nothing: every cell sent is saved. */
function savesEverything(args: Record<string, unknown> | undefined) {
  const input = args?.input as WorkWeekInput;
  const cells = input.cells.map((c) => ({ memberId: c.memberId, date: c.date, kind: c.kind as "days" | "hours" | "pieces", work: c.work, quantity: c.quantity, records: 1 }));
  return { saved: cells.length, unchanged: 0, problems: [], week: { ...emptyWeek(input.weekStart), cells } };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

function rowOf(testId: string, id: string): HTMLElement {
  const row = screen.getAllByTestId(testId).find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no ${testId} ${id}`);
  return row;
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
});

describe("payroll text", () => {
  it("finds the weeks, the columns, the rest to pay and piece work by name", () => {
    expect(mondayOf("2025-09-03")).toBe("2025-09-01");
    expect(mondayOf("2025-09-07")).toBe("2025-09-01");
    expect(addDays("2025-09-29", 3)).toBe("2025-10-02");
    expect(dayColumns(sister.schemes)).toEqual([{ kind: "days" }, { kind: "pieces", work: "jin_sorted" }]);
    expect(restToPay("3280.00", "1000.00")).toBe("2280.00");
    expect(restToPay("-200.00", "0.00")).toBe("0.00");
    const both = [translator("zh-CN"), translator("en")];
    expect(workCode(" 打包 ", both)).toBe("box_packed");
    expect(workCode("Boxes packed", both)).toBe("box_packed");
    expect(workCode("摘花椒", both)).toBe("摘花椒");
  });
});

describe("employees", () => {
  it("lists who is paid, how in words, and whether tax is withheld", async () => {
    backend(handlers());
    renderScreen();
    const rows = await screen.findAllByTestId("employee-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["m1", "m2"]);
    const first = rowOf("employee-row", "m1");
    expect(first.textContent).toContain("李小妹");
    expect(within(first).getByTestId("employee-cell-relation").textContent).toBe("妹妹");
    expect(within(first).getByTestId("employee-cell-start").textContent).toBe("2025-03-01");
    expect(within(first).getByTestId("employee-cell-pay").textContent).toBe("日薪 ¥150/天、计件 打包 ¥1.2/个、计件 分拣 ¥0.3/斤");
    expect(within(first).getByTestId("employee-cell-tax").textContent).toBe("是");
    const second = rowOf("employee-row", "m2");
    expect(within(second).getByTestId("employee-cell-pay").textContent).toBe("月薪 ¥3000/月");
    expect(within(second).getByTestId("employee-cell-tax").textContent).toBe("否");
  });

  it("names the piece work in English too", async () => {
    backend(handlers());
    renderScreen("en");
    const first = await screen.findAllByTestId("employee-row");
    expect(within(first[0] as HTMLElement).getByTestId("employee-cell-pay").textContent).toBe(
      "Daily ¥150/day; Piece rate boxes packed ¥1.2/box; Piece rate sorting ¥0.3/jin",
    );
  });

  it("adds an employee: the EmployeeInput it sends, piece work by its code", async () => {
    let list: Employee[] = [mother];
    backend(
      handlers({
        list_employees: () => list,
        save_employee: () => {
          list = [sister, mother];
          return sister;
        },
      }),
    );
    renderScreen();
    await screen.findByTestId("employee-row");
    fireEvent.click(screen.getByTestId("employee-add"));
    expect(screen.getByTestId("employee-form")).toBeTruthy();
    type("employee-name", "李小妹");
    type("employee-relation", "妹妹");
    type("employee-phone", "13812345678");
    type("employee-startOn", "2025-03-01");
    fireEvent.click(screen.getByTestId("employee-withholdTax"));
    type("employee-additionalDeduction", "1000");
    type("employee-accountNote", "微信");
    // The first scheme is a daily wage to start with.
    expect(valueOf("scheme-0-kind")).toBe("daily");
    expect(screen.queryByTestId("scheme-0-work")).toBeNull();
    type("scheme-0-rate", "150");
    fireEvent.click(screen.getByTestId("scheme-add"));
    type("scheme-1-kind", "piece");
    type("scheme-1-work", "打包");
    expect(screen.getByTestId("hint-scheme-1-work").textContent).toContain("自动计算");
    type("scheme-1-rate", "1.2");
    fireEvent.click(screen.getByTestId("scheme-add"));
    type("scheme-2-rate", "9");
    fireEvent.click(screen.getByTestId("scheme-2-remove"));
    fireEvent.click(screen.getByTestId("employee-save"));

    await waitFor(() => expect(screen.queryByTestId("employee-form")).toBeNull());
    expect(callsOf("save_employee")).toEqual([
      {
        input: {
          name: "李小妹",
          relation: "妹妹",
          phone: "13812345678",
          startOn: "2025-03-01",
          endOn: "",
          withholdTax: true,
          specialDeduction: "",
          additionalDeduction: "1000",
          accountNote: "微信",
          schemes: [
            { kind: "daily", work: "", rate: "150" },
            { kind: "piece", work: "box_packed", rate: "1.2" },
          ],
        },
      },
    ]);
    await waitFor(() => expect(screen.getAllByTestId("employee-row")).toHaveLength(2));
    expect(screen.getByTestId("toast").textContent).toContain("李小妹 的员工资料已保存");
  });

  it("edits an employee as saved and shows a scheme's error at its row", async () => {
    backend(
      handlers({
        save_employee: () => {
          throw rejection([
            { field: "schemes.2.rate", rule: "must_be_positive" },
            { field: "schemes.1.kind", rule: "duplicate" },
            { field: "endOn", rule: "bad_date" },
          ]);
        },
      }),
    );
    renderScreen();
    fireEvent.click(within(await screen.findAllByTestId("employee-row").then((r) => r[0] as HTMLElement)).getByTestId("employee-edit"));
    expect(valueOf("employee-name")).toBe("李小妹");
    expect((screen.getByTestId("employee-withholdTax") as HTMLInputElement).checked).toBe(true);
    expect(valueOf("employee-specialDeduction")).toBe("");
    expect(valueOf("employee-additionalDeduction")).toBe("1000");
    expect(valueOf("scheme-1-work")).toBe("打包");
    expect(valueOf("scheme-2-work")).toBe("分拣");
    expect(valueOf("scheme-2-rate")).toBe("0.3");
    type("scheme-2-rate", "0");
    type("employee-endOn", "2025-01-01");
    fireEvent.click(screen.getByTestId("employee-save"));

    expect((await screen.findByTestId("error-employee-schemes-2-rate")).textContent).toBe("单价要大于 0。");
    expect(screen.getByTestId("error-employee-schemes-1-kind").textContent).toBe("这种算工资的方式写了两次。");
    expect(screen.getByTestId("error-employee-endOn").textContent).toContain("不能早于入职日期");
    expect(screen.queryByTestId("form-error")).toBeNull();
    const sent = callsOf("save_employee")[0] as { input: { schemes: unknown[]; endOn: string } };
    expect(sent.input.schemes).toEqual([
      { kind: "daily", work: "", rate: "150" },
      { kind: "piece", work: "box_packed", rate: "1.2" },
      { kind: "piece", work: "jin_sorted", rate: "0" },
    ]);
    expect(sent.input.endOn).toBe("2025-01-01");
    // Correcting the rate drops its message; the form stays open.
    type("scheme-2-rate", "0.3");
    expect(screen.queryByTestId("error-employee-schemes-2-rate")).toBeNull();
    expect(screen.getByTestId("employee-form")).toBeTruthy();
  });
});

describe("a week of work", () => {
  async function openWeek() {
    await screen.findAllByTestId("employee-row");
    await waitFor(() => expect(chosen("work-member")).toBe("m1"));
    expect(valueOf("work-member")).toBe("李小妹");
    type("work-week-start", "2025-09-01");
    await waitFor(() => expect(screen.getByTestId("work-grid").getAttribute("data-loaded")).toBe("true"));
  }

  it("switches to another family member found by the initials of their name", async () => {
    backend(handlers());
    renderScreen();
    await openWeek();
    expect(screen.getByTestId("work-day-0-pieces-jin_sorted")).toBeTruthy();
    expect(pick("work-member", "wmm", "王妈妈")).toBe("m2");
    expect(valueOf("work-member")).toBe("王妈妈");
    // Her pay is monthly: no pieces to count.
    await waitFor(() => expect(screen.queryByTestId("work-day-0-pieces-jin_sorted")).toBeNull());
  });

  // Changed on purpose (issue 13): the grid's cells go in one save_work_week, which saves each cell
  // on its own, instead of one record_work per cell; bonuses, advances and deductions still go one
  // record_work each.
  it("has the inputs the schemes need and saves the cells in one call, then the extras", async () => {
    let n = 0;
    backend(handlers({ save_work_week: savesEverything, record_work: () => `w${++n}` }));
    renderScreen();
    await openWeek();
    expect(screen.getByTestId("work-hint").textContent).toContain("自动计算");
    expect(screen.getByTestId("work-boxes-hint")).toBeTruthy();
    expect(screen.getAllByTestId("work-day").map((d) => d.getAttribute("data-date"))).toEqual([
      "2025-09-01", "2025-09-02", "2025-09-03", "2025-09-04", "2025-09-05", "2025-09-06", "2025-09-07",
    ]);
    expect(screen.getAllByTestId("work-day")[0]?.textContent).toContain("9月1日 周一");
    expect(screen.getByTestId("work-day-6-days")).toBeTruthy();
    expect(screen.getByTestId("work-day-0-pieces-jin_sorted")).toBeTruthy();
    expect(screen.queryByTestId("work-day-0-pieces-box_packed")).toBeNull();
    expect(screen.queryByTestId("work-day-0-hours")).toBeNull();
    expect(callsOf("work_week")).toContainEqual({ weekStart: "2025-09-01" });

    type("work-day-0-days", "1");
    type("work-day-1-days", "0.5");
    type("work-day-1-pieces-jin_sorted", "30");
    type("work-extra-kind", "advance");
    type("work-extra-date", "2025-09-03");
    type("work-extra-amount", "200");
    type("work-extra-note", "买化肥");
    fireEvent.click(screen.getByTestId("work-extra-add"));
    expect(screen.getByTestId("work-extra-row").textContent).toContain("预支 ¥200.00");
    fireEvent.click(screen.getByTestId("work-save"));

    await waitFor(() => expect(callsOf("record_work")).toHaveLength(1));
    const cell = { memberId: "m1", work: "", was: "" };
    expect(callsOf("save_work_week")).toEqual([
      {
        input: {
          weekStart: "2025-09-01",
          cells: [
            { ...cell, date: "2025-09-01", kind: "days", quantity: "1" },
            { ...cell, date: "2025-09-02", kind: "days", quantity: "0.5" },
            { ...cell, date: "2025-09-02", kind: "pieces", work: "jin_sorted", quantity: "30" },
          ] satisfies WorkCellInput[],
        },
      },
    ]);
    const base = { memberId: "m1", work: "", quantity: "", amount: "", note: "" };
    expect(callsOf("record_work")).toEqual([
      { input: { ...base, date: "2025-09-03", kind: "advance", amount: "200", note: "买化肥" } },
    ] satisfies { input: WorkInput }[]);
    expect((await screen.findByTestId("toast")).textContent).toContain("已记下 4 条记录");
    // The saved cells now show what is recorded.
    expect(valueOf("work-day-0-days")).toBe("1");
    expect(screen.getByTestId("work-day-0-days").getAttribute("data-recorded")).toBe("true");
    expect(screen.queryByTestId("work-extra-row")).toBeNull();
    // The month's payslips are computed again.
    await waitFor(() => expect(callsOf("preview_payroll").length).toBeGreaterThanOrEqual(2));
  });

  it("stops the extras at a refusal, shows it at its row and says what was already saved", async () => {
    let n = 0;
    backend(
      handlers({
        record_work: () => {
          n += 1;
          if (n === 2) throw rejection([{ field: "amount", rule: "must_be_positive" }]);
          return `w${n}`;
        },
      }),
    );
    renderScreen();
    await openWeek();
    for (const amount of ["100", "50", "20"]) {
      type("work-extra-date", "2025-09-02");
      type("work-extra-amount", amount);
      fireEvent.click(screen.getByTestId("work-extra-add"));
    }
    fireEvent.click(screen.getByTestId("work-save"));

    expect((await screen.findByTestId("error-work-extra-0")).textContent).toContain("大于 0");
    expect(callsOf("record_work")).toHaveLength(2);
    expect(callsOf("save_work_week")).toHaveLength(0);
    const result = screen.getByTestId("work-save-result").textContent ?? "";
    expect(result).toContain("“9月2日 周二 奖金 ¥50.00”没有保存");
    expect(result).toContain("已经保存了 1 条");
    // The saved one leaves the list; the refused one and the rest stay.
    expect(screen.getAllByTestId("work-extra-row")).toHaveLength(2);
  });

  it("asks before another week throws away what was typed", async () => {
    backend(handlers());
    renderScreen();
    await openWeek();
    type("work-day-0-days", "1");
    fireEvent.click(screen.getByTestId("work-week-next"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(valueOf("work-week-start")).toBe("2025-09-08");
    await waitFor(() => expect(callsOf("work_week")).toContainEqual({ weekStart: "2025-09-08" }));
    expect(valueOf("work-day-0-days")).toBe("");
    fireEvent.click(screen.getByTestId("work-week-prev"));
    expect(valueOf("work-week-start")).toBe("2025-09-01");
  });
});

describe("the month", () => {
  it("shows each payslip's lines and sums, approves after asking, and pays", async () => {
    let state = preview();
    backend(
      handlers({
        preview_payroll: (args) => ({ ...state, month: String(args?.month) }),
        approve_payroll: () => {
          state = { ...state, approved: true };
          return state;
        },
        pay_payslip: () => {
          state = { ...state, payslips: [slip({ paid: "3000.00", paidOn: "2025-10-05", paidMethod: "wechat" }), motherSlip] };
          return state;
        },
      }),
    );
    renderScreen();
    await screen.findAllByTestId("payslip");
    type("payroll-month", "2025-09");
    await waitFor(() => expect(callsOf("preview_payroll")).toContainEqual({ month: "2025-09" }));

    const first = rowOf("payslip", "m1");
    const lines = within(first).getAllByTestId("payslip-line");
    expect(lines.map((l) => l.textContent)).toEqual(["出勤 22 天 × ¥150/天 = ¥3300.00¥3300.00", "打包 400 × ¥1.2 = ¥480.00¥480.00"]);
    expect(within(first).getByTestId("payslip-gross").textContent).toBe("¥3780.00");
    expect(within(first).getByTestId("payslip-tax").textContent).toBe("¥0.00");
    expect(within(first).getByTestId("payslip-tax-explanation").textContent).toContain("不扣税");
    expect(within(first).getByTestId("payslip-advances").textContent).toBe("¥500.00");
    expect(within(first).getByTestId("payslip-net").textContent).toBe("¥3280.00");
    expect(within(first).getByTestId("payslip-ytd").textContent).toBe("本年累计：应发 ¥22680.00，个税 ¥0.00");
    const second = rowOf("payslip", "m2");
    expect(within(second).getByTestId("payslip-net").className).toContain("amount-negative");
    expect(within(second).getByTestId("payslip-net").textContent).toContain("-¥200.00");
    expect(screen.getByTestId("payroll-state").textContent).toBe("草稿（未审核）");
    expect(screen.queryByTestId("payslip-pay")).toBeNull();

    // Approving asks first; saying no does nothing.
    fireEvent.click(screen.getByTestId("payroll-approve"));
    expect(screen.getByTestId("approve-confirm").textContent).toContain("记工记录也会锁定");
    fireEvent.click(screen.getByTestId("approve-confirm-no"));
    expect(callsOf("approve_payroll")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("payroll-approve"));
    fireEvent.click(screen.getByTestId("approve-confirm-yes"));
    await waitFor(() => expect(screen.getByTestId("payroll-state").textContent).toBe("已审核"));
    expect(callsOf("approve_payroll")).toEqual([{ month: "2025-09" }]);
    expect(screen.queryByTestId("payroll-approve")).toBeNull();
    expect(screen.queryByTestId("approve-confirm")).toBeNull();

    // Only a payslip with something to pay can be paid; the amount starts as the rest of the net.
    expect(within(rowOf("payslip", "m2")).queryByTestId("payslip-pay")).toBeNull();
    expect(within(rowOf("payslip", "m1")).getByTestId("payslip-paid").textContent).toBe("还没发放");
    fireEvent.click(within(rowOf("payslip", "m1")).getByTestId("payslip-pay"));
    expect(valueOf("pay-amount")).toBe("3280.00");
    expect(valueOf("pay-method")).toBe("cash");
    type("pay-amount", "3000");
    type("pay-method", "wechat");
    type("pay-date", "2025-10-05");
    fireEvent.click(screen.getByTestId("pay-save"));
    await waitFor(() => expect(screen.queryByTestId("pay-form")).toBeNull());
    expect(callsOf("pay_payslip")).toEqual([{ input: { month: "2025-09", memberId: "m1", amount: "3000", method: "wechat", paidOn: "2025-10-05" } }]);
    expect(within(rowOf("payslip", "m1")).getByTestId("payslip-paid").textContent).toBe("已发放 ¥3000.00 · 微信 · 2025-10-05");
    expect(screen.getByTestId("toast").textContent).toContain("已给 李小妹 发放 ¥3000.00");
  });

  it("shows why the month cannot be approved: an earlier month first, or someone without work", async () => {
    let refusal = rejection([{ field: "month", rule: "not_allowed", params: { first: "2025-08" } }]);
    backend(
      handlers({
        approve_payroll: () => {
          throw refusal;
        },
      }),
    );
    renderScreen();
    await screen.findAllByTestId("payslip");
    type("payroll-month", "2025-09");
    await waitFor(() => expect(callsOf("preview_payroll")).toContainEqual({ month: "2025-09" }));
    fireEvent.click(screen.getByTestId("payroll-approve"));
    fireEvent.click(screen.getByTestId("approve-confirm-yes"));
    expect((await screen.findByTestId("payroll-approve-error")).textContent).toBe("要先审核 2025年8月 的工资，才能审核这个月。");
    expect(screen.getByTestId("payroll-state").textContent).toBe("草稿（未审核）");

    refusal = rejection([{ field: "month", rule: "required", params: { names: "王妈妈、李小妹" } }]);
    fireEvent.click(screen.getByTestId("payroll-approve"));
    fireEvent.click(screen.getByTestId("approve-confirm-yes"));
    await waitFor(() => expect(screen.getByTestId("payroll-approve-error").textContent).toBe("王妈妈、李小妹 这个月还没有记工，请先记上再审核。"));
  });

  it("refuses paying more than is left at the amount", async () => {
    backend(
      handlers({
        preview_payroll: () => preview({ approved: true, payslips: [slip({ paid: "3000.00", paidOn: "2025-10-05", paidMethod: "cash" })] }),
        pay_payslip: () => {
          throw rejection([{ field: "amount", rule: "more_than_owed", params: { owed: "280.00" } }]);
        },
      }),
    );
    renderScreen("en");
    const card = await screen.findByTestId("payslip");
    expect(screen.getByTestId("payroll-state").textContent).toBe("Approved");
    expect(within(card).getByTestId("payslip-paid").textContent).toBe("Paid ¥3000.00 · Cash · 2025-10-05");
    fireEvent.click(within(card).getByTestId("payslip-pay"));
    expect(valueOf("pay-amount")).toBe("280.00");
    type("pay-amount", "500");
    fireEvent.click(screen.getByTestId("pay-save"));
    expect((await screen.findByTestId("error-pay-amount")).textContent).toBe("That is more than is left to pay: at most ¥280.00.");
    expect(screen.getByTestId("pay-form")).toBeTruthy();
  });
});

describe("the payslips' language", () => {
  it("prints the payslips in the language chosen", async () => {
    backend(
      handlers({
        preview_payroll: () => preview({ approved: true }),
        print_payslips: () => ({ path: "/data/documents/payslips/2025-09.pdf", bytes: 2048 }),
        print_setup: () => ({ printers: [], cannotPrint: "no_cups", viewer: true }),
      }),
    );
    renderScreen();
    await screen.findAllByTestId("payslip");
    type("payroll-month", "2025-09");
    // The UI's language to start with.
    expect(valueOf("payslip-language")).toBe("zh-CN");
    fireEvent.click(screen.getByTestId("payroll-print"));
    await screen.findByTestId("print-choice");
    type("payslip-language", "en");
    // What was saved is in the other language: it goes.
    expect(screen.queryByTestId("print-choice")).toBeNull();
    fireEvent.click(screen.getByTestId("payroll-print"));
    await screen.findByTestId("print-choice");
    expect(callsOf("print_payslips")).toEqual([
      { request: { month: "2025-09", memberIds: [], language: "zh-CN" } },
      { request: { month: "2025-09", memberIds: [], language: "en" } },
    ]);
    expect(screen.getByTestId("print-path").textContent).toBe("/data/documents/payslips/2025-09.pdf");
  });
});

describe("the owner's PIN on the pay screen", () => {
  it("shows a calm locked panel until unlocked, then the pay; the lock button locks it again", async () => {
    let status = LOCKED;
    backend(
      handlers({
        pin_status: () => status,
        unlock: (args) => {
          if ((args as { pin: string }).pin !== "2580") throw rejection([{ field: "pin", rule: "too_many_tries", params: { seconds: "30" } }]);
          status = OPEN;
          return status;
        },
        lock: () => {
          status = LOCKED;
          return status;
        },
      }),
    );
    renderScreen();
    const panel = await screen.findByTestId("payroll-locked");
    expect(panel.textContent).toContain("工资已锁定");
    expect(panel.getAttribute("role")).toBeNull();
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("payroll-lock")).toBeNull();
    // Nothing of the pay is asked for while locked.
    expect(callsOf("list_employees")).toHaveLength(0);
    expect(callsOf("preview_payroll")).toHaveLength(0);

    fireEvent.click(screen.getByTestId("payroll-unlock"));
    await screen.findByTestId("unlock-dialog");
    expect(document.activeElement).toBe(screen.getByTestId("unlock-pin"));
    type("unlock-pin", "1111");
    fireEvent.submit(screen.getByTestId("unlock-dialog"));
    expect((await screen.findByTestId("error-unlock-pin")).textContent).toBe("试错太多次，请 30 秒后再试。");
    type("unlock-pin", "2580");
    fireEvent.submit(screen.getByTestId("unlock-dialog"));

    await screen.findAllByTestId("employee-row");
    expect(screen.queryByTestId("unlock-dialog")).toBeNull();
    expect(screen.queryByTestId("payroll-locked")).toBeNull();
    await screen.findAllByTestId("payslip");

    fireEvent.click(screen.getByTestId("payroll-lock"));
    await screen.findByTestId("payroll-locked");
    expect(callsOf("lock")).toEqual([{}]);
    expect(screen.queryByTestId("employee-row")).toBeNull();
    expect(screen.queryByTestId("payslip")).toBeNull();
    expect(screen.queryByTestId("payroll-lock")).toBeNull();
  });

  it("shows no lock button when no PIN is set", async () => {
    backend(handlers());
    renderScreen();
    await screen.findAllByTestId("employee-row");
    expect(screen.queryByTestId("payroll-lock")).toBeNull();
    expect(screen.queryByTestId("payroll-locked")).toBeNull();
  });

  it("asks for the PIN when an action is refused as locked, and does it again once unlocked", async () => {
    let unlocked = true;
    let state = preview();
    backend(
      handlers({
        pin_status: () => (unlocked ? OPEN : LOCKED),
        preview_payroll: () => state,
        approve_payroll: () => {
          if (!unlocked) throw lockedRefusal;
          state = { ...state, approved: true };
          return state;
        },
        unlock: () => {
          unlocked = true;
          return OPEN;
        },
      }),
    );
    renderScreen();
    await screen.findAllByTestId("payslip");
    // Locked elsewhere (the window's state changed behind the screen's back).
    unlocked = false;
    fireEvent.click(screen.getByTestId("payroll-approve"));
    fireEvent.click(screen.getByTestId("approve-confirm-yes"));
    await screen.findByTestId("unlock-dialog");
    type("unlock-pin", "2580");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(screen.getByTestId("payroll-state").textContent).toBe("已审核"));
    expect(callsOf("approve_payroll")).toHaveLength(2);
    expect(callsOf("unlock")).toEqual([{ pin: "2580" }]);
    expect(screen.queryByTestId("payroll-approve-error")).toBeNull();
    expect(screen.getByTestId("payroll-lock")).toBeTruthy();
  });

  it("shows the locked panel, not an error, when the pay is refused as locked", async () => {
    backend(
      handlers({
        pin_status: () => OPEN,
        list_employees: () => {
          throw lockedRefusal;
        },
      }),
    );
    renderScreen();
    await screen.findByTestId("payroll-locked");
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByTestId("payroll-lock")).toBeNull();
  });
});

describe("the year's pay", () => {
  const year2025: PayYear = {
    year: 2025,
    employees: [
      { memberId: "m1", name: "李小妹", months: 2, gross: "7560.00", tax: "12.00", net: "6548.00", paid: "6000.00" },
      { memberId: "m2", name: "王妈妈", months: 2, gross: "6000.00", tax: "0.00", net: "2600.00", paid: "2600.00" },
    ],
    months: [
      { month: "2025-08", gross: "6780.00", tax: "6.00", net: "4574.00" },
      { month: "2025-09", gross: "6780.00", tax: "6.00", net: "4574.00" },
    ],
    payslips: [],
    gross: "13560.00",
    tax: "12.00",
    net: "9148.00",
    paid: "8600.00",
  };

  it("shows each employee, each month and the totals, and saves a CSV and an Excel file to open", async () => {
    backend(
      handlers({
        pay_year: (args) => (Number(args?.year) === 2025 ? year2025 : emptyYear(Number(args?.year))),
        export_pay_year_csv: (args) => ({ path: `/data/documents/reports/pay-${String(args?.year)}.csv`, bytes: 512 }),
        export_pay_year_xlsx: (args) => ({ path: `/data/documents/reports/pay-${String(args?.year)}.xlsx`, bytes: 4096 }),
        open_document: () => null,
      }),
    );
    renderScreen();
    const section = await screen.findByTestId("pay-year");
    expect(section.textContent).toContain("年度汇总");
    type("pay-year-input", "2025");
    await waitFor(() => expect(screen.getAllByTestId("pay-year-employee-row")).toHaveLength(2));
    expect(callsOf("pay_year")).toContainEqual({ year: 2025 });

    const sister = rowOf("pay-year-employee-row", "m1");
    expect(sister.textContent).toContain("李小妹");
    expect(within(sister).getByTestId("pay-year-cell-months").textContent).toBe("2");
    expect(within(sister).getByTestId("pay-year-cell-gross").textContent).toBe("¥7560.00");
    expect(within(sister).getByTestId("pay-year-cell-tax").textContent).toBe("¥12.00");
    expect(within(sister).getByTestId("pay-year-cell-net").textContent).toBe("¥6548.00");
    expect(within(sister).getByTestId("pay-year-cell-paid").textContent).toBe("¥6000.00");
    const months = screen.getAllByTestId("pay-year-month-row");
    expect(months.map((m) => m.getAttribute("data-month"))).toEqual(["2025-08", "2025-09"]);
    expect(months[0]?.textContent).toContain("2025年8月");
    expect(within(months[1] as HTMLElement).getByTestId("pay-year-cell-net").textContent).toBe("¥4574.00");
    expect(screen.getByTestId("pay-year-total-gross").textContent).toBe("¥13560.00");
    expect(screen.getByTestId("pay-year-total-tax").textContent).toBe("¥12.00");
    expect(screen.getByTestId("pay-year-total-net").textContent).toBe("¥9148.00");
    expect(screen.getByTestId("pay-year-total-paid").textContent).toBe("¥8600.00");
    expect(screen.queryByTestId("pay-year-empty")).toBeNull();

    fireEvent.click(screen.getByTestId("pay-year-csv"));
    expect((await screen.findByTestId("pay-year-saved-path")).textContent).toBe("/data/documents/reports/pay-2025.csv");
    expect(screen.getByTestId("pay-year-saved").textContent).toContain("CSV 文件已经保存好了");
    fireEvent.click(screen.getByTestId("pay-year-xlsx"));
    await waitFor(() => expect(screen.getByTestId("pay-year-saved-path").textContent).toBe("/data/documents/reports/pay-2025.xlsx"));
    expect(screen.getByTestId("pay-year-saved").textContent).toContain("Excel 文件已经保存好了");
    fireEvent.click(screen.getByTestId("pay-year-open"));
    await waitFor(() => expect(callsOf("open_document")).toEqual([{ path: "/data/documents/reports/pay-2025.xlsx" }]));
    expect(callsOf("export_pay_year_csv")).toEqual([{ year: 2025 }]);
    expect(callsOf("export_pay_year_xlsx")).toEqual([{ year: 2025 }]);

    // Another year without an approved month: nothing to export, and the saved file goes.
    type("pay-year-input", "2024");
    expect((await screen.findByTestId("pay-year-empty")).textContent).toContain("2024 年还没有审核过的月份");
    expect(screen.queryByTestId("pay-year-saved")).toBeNull();
    expect(screen.queryByTestId("pay-year-csv")).toBeNull();
    expect(screen.queryByTestId("pay-year-employee-row")).toBeNull();
  });

  it("asks for the year again after a month is approved", async () => {
    let approved = false;
    backend(
      handlers({
        preview_payroll: () => preview({ approved }),
        approve_payroll: () => {
          approved = true;
          return preview({ approved });
        },
        pay_year: (args) => (approved ? year2025 : emptyYear(Number(args?.year))),
      }),
    );
    renderScreen();
    await screen.findByTestId("pay-year");
    type("pay-year-input", "2025");
    await screen.findByTestId("pay-year-empty");
    fireEvent.click(await screen.findByTestId("payroll-approve"));
    fireEvent.click(screen.getByTestId("approve-confirm-yes"));
    await waitFor(() => expect(screen.getAllByTestId("pay-year-employee-row")).toHaveLength(2));
  });
});

describe("the month's work records", () => {
  function record(extra: Partial<WorkRecord> = {}): WorkRecord {
    return { id: "w1", memberId: "m1", name: "李小妹", date: "2025-09-01", kind: "days", work: "", quantity: "1.000", amount: "", note: "", locked: false, ...extra };
  }

  const september: WorkRecord[] = [
    record(),
    record({ id: "w2", date: "2025-09-02", kind: "pieces", work: "jin_sorted", quantity: "30.000" }),
    record({ id: "w3", date: "2025-09-03", memberId: "m2", name: "王妈妈", kind: "advance", quantity: "", amount: "200.00", note: "买化肥" }),
  ];

  async function openSeptember() {
    await screen.findAllByTestId("payslip");
    type("payroll-month", "2025-09");
    await waitFor(() => expect(callsOf("list_work")).toContainEqual({ month: "2025-09" }));
  }

  it("lists who did what on which day, and deletes a mistake after asking; the payslips are computed again", async () => {
    let records = september;
    backend(
      handlers({
        list_work: () => records,
        delete_work: (args) => {
          records = records.filter((r) => r.id !== (args as { id: string }).id);
          return null;
        },
      }),
    );
    renderScreen();
    await openSeptember();
    await waitFor(() => expect(screen.getAllByTestId("work-row")).toHaveLength(3));
    expect(screen.getByTestId("work-list").textContent).toContain("2025年9月 的记工记录");
    const days = rowOf("work-row", "w1");
    expect(days.textContent).toContain("9月1日 周一");
    expect(days.textContent).toContain("李小妹");
    expect(within(days).getByTestId("work-row-what").textContent).toBe("出勤");
    expect(within(days).getByTestId("work-row-amount").textContent).toBe("1 天");
    const sorted = rowOf("work-row", "w2");
    expect(within(sorted).getByTestId("work-row-what").textContent).toBe("计件 分拣");
    expect(within(sorted).getByTestId("work-row-amount").textContent).toBe("30 斤");
    const advance = rowOf("work-row", "w3");
    expect(advance.textContent).toContain("王妈妈");
    expect(within(advance).getByTestId("work-row-what").textContent).toBe("预支");
    expect(within(advance).getByTestId("work-row-amount").textContent).toBe("¥200.00");
    expect(advance.textContent).toContain("买化肥");

    // Asking first; keeping it deletes nothing.
    fireEvent.click(within(rowOf("work-row", "w2")).getByTestId("work-delete"));
    expect(within(rowOf("work-row", "w2")).getByTestId("confirm-delete").textContent).toContain("删除这条记录？");
    fireEvent.click(screen.getByTestId("confirm-delete-no"));
    expect(screen.queryByTestId("confirm-delete")).toBeNull();
    expect(callsOf("delete_work")).toHaveLength(0);

    const previews = callsOf("preview_payroll").length;
    fireEvent.click(within(rowOf("work-row", "w2")).getByTestId("work-delete"));
    fireEvent.click(screen.getByTestId("confirm-delete-yes"));
    await waitFor(() => expect(screen.getAllByTestId("work-row")).toHaveLength(2));
    expect(callsOf("delete_work")).toEqual([{ id: "w2" }]);
    expect(screen.getByTestId("toast").textContent).toContain("已删除：9月2日 周二 李小妹 计件 分拣 30 斤");
    await waitFor(() => expect(callsOf("preview_payroll").length).toBeGreaterThan(previews));
    expect(callsOf("preview_payroll").at(-1)).toEqual({ month: "2025-09" });
  });

  it("shows no delete on the locked records of an approved month", async () => {
    backend(
      handlers({
        preview_payroll: () => preview({ approved: true }),
        list_work: () => september.map((r) => ({ ...r, locked: true })),
      }),
    );
    renderScreen();
    await openSeptember();
    await waitFor(() => expect(screen.getAllByTestId("work-row")).toHaveLength(3));
    expect(screen.queryByTestId("work-delete")).toBeNull();
    expect(screen.getAllByTestId("work-row-locked")).toHaveLength(3);
    expect(screen.getAllByTestId("work-row").map((r) => r.getAttribute("data-locked"))).toEqual(["true", "true", "true"]);
  });

  it("says why a record cannot be deleted once its month is approved", async () => {
    backend(
      handlers({
        list_work: () => september,
        delete_work: () => {
          throw rejection([{ field: "id", rule: "not_allowed", params: { month: "2025-09" } }]);
        },
      }),
    );
    renderScreen();
    await openSeptember();
    fireEvent.click(within(await waitFor(() => rowOf("work-row", "w1"))).getByTestId("work-delete"));
    fireEvent.click(screen.getByTestId("confirm-delete-yes"));
    expect((await screen.findByTestId("work-delete-error")).textContent).toBe(
      "2025年9月 的工资已经审核，记工锁定了，不能删除；请把更正记在以后的月份里。",
    );
  });

  it("shows an empty month, and asks again after work is recorded in the week grid", async () => {
    backend(handlers({ save_work_week: savesEverything }));
    renderScreen();
    await openSeptember();
    expect((await screen.findByTestId("work-empty")).textContent).toContain("还没有记工记录");
    const asked = callsOf("list_work").length;
    await waitFor(() => expect(chosen("work-member")).toBe("m1"));
    type("work-week-start", "2025-09-01");
    await waitFor(() => expect(screen.getByTestId("work-grid").getAttribute("data-loaded")).toBe("true"));
    type("work-day-0-days", "1");
    fireEvent.click(screen.getByTestId("work-save"));
    await waitFor(() => expect(callsOf("list_work").length).toBeGreaterThan(asked));
  });

  it("reads in English", async () => {
    backend(handlers({ list_work: () => september }));
    renderScreen("en");
    await openSeptember();
    await waitFor(() => expect(screen.getAllByTestId("work-row")).toHaveLength(3));
    expect(within(rowOf("work-row", "w2")).getByTestId("work-row-what").textContent).toBe("Piece work: sorting");
    expect(within(rowOf("work-row", "w3")).getByTestId("work-row-what").textContent).toBe("Advance");
    // Apart from what was typed (names, the note), nothing in the list is Chinese.
    const text = (screen.getByTestId("work-list").textContent ?? "").replace(/王妈妈|李小妹|买化肥/g, "");
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("in English", () => {
  const CJK = /[\u4e00-\u9fff]/;

  it("has nothing Chinese in the locked panel, the PIN prompt and the year's pay", async () => {
    let status = LOCKED;
    backend(
      handlers({
        pin_status: () => status,
        unlock: () => {
          status = OPEN;
          return status;
        },
        list_employees: () => [],
        preview_payroll: (args) => preview({ month: String(args?.month), payslips: [], gross: "0.00", net: "0.00" }),
        pay_year: (args) => ({
          ...emptyYear(Number(args?.year)),
          employees: [{ memberId: "m9", name: "Lee Mei", months: 1, gross: "3000.00", tax: "0.00", net: "3000.00", paid: "0.00" }],
          months: [{ month: `${String(args?.year)}-01`, gross: "3000.00", tax: "0.00", net: "3000.00" }],
          gross: "3000.00",
          net: "3000.00",
        }),
        export_pay_year_csv: () => ({ path: "/data/documents/reports/pay.csv", bytes: 10 }),
      }),
    );
    renderScreen("en");
    expect((await screen.findByTestId("payroll-locked")).textContent).toContain("Pay is locked");
    expect(screen.getByTestId("payroll-screen").textContent).not.toMatch(CJK);
    fireEvent.click(screen.getByTestId("payroll-unlock"));
    type("unlock-pin", "2580");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    await screen.findByTestId("pay-year-employee-row");
    expect(screen.getByTestId("payroll-lock").textContent).toBe("Lock");
    fireEvent.click(screen.getByTestId("pay-year-csv"));
    await screen.findByTestId("pay-year-saved");
    expect(screen.getByTestId("pay-year").textContent).not.toMatch(CJK);
    expect(screen.getByTestId("work-list").textContent).not.toMatch(CJK);
  });
});

describe("opened from Today's work card", () => {
  it("brings the week of work into view once the employees above it are listed, and only then", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      let answer: (employees: Employee[]) => void = () => undefined;
      backend(handlers({ list_employees: () => new Promise<Employee[]>((resolve) => (answer = resolve)) }));
      render(
        <I18nProvider language="zh-CN">
          <ToastProvider>
            <PayrollScreen initialView="work" />
          </ToastProvider>
        </I18nProvider>,
      );
      await screen.findByTestId("work-week");
      // Scrolling before the employees' table is drawn would leave the week pushed down out of view.
      expect(scrolled).toEqual([]);
      answer([sister, mother]);
      await screen.findAllByTestId("employee-row");
      await waitFor(() => expect(scrolled).toHaveLength(1));
      expect(scrolled[0]).toBe(screen.getByTestId("payroll-work"));
      expect(within(scrolled[0] as HTMLElement).getByTestId("work-week")).toBeTruthy();
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });

  it("opens at the top from the sidebar", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      backend(handlers());
      renderScreen();
      await screen.findAllByTestId("employee-row");
      expect(scrolled).toEqual([]);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});
