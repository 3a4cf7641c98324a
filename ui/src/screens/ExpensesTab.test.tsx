// The cost book tab against a mocked Rust side: it asks for this month's expenses, shows each with its
// category in words and the month's sums, sends the add form as typed and shows Rust's field errors under
// the fields, voids with an undo in the notice, and asks again for a month chosen.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Expense, ExpensePage, Language } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { todayInShanghai } from "../format";
import { I18nProvider } from "../i18nContext";
import { ExpensesTab, VOID_UNDO_MS } from "./ExpensesTab";
import { ReportsScreen } from "./ReportsScreen";

const invokeMock = vi.mocked(invoke);

type Handler = (args: Record<string, unknown> | undefined) => unknown;

function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function callsOf(cmd: string): Record<string, unknown>[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args as Record<string, unknown>);
}

function renderTab(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <ExpensesTab />
      </ToastProvider>
    </I18nProvider>,
  );
}

const thisMonth = todayInShanghai().slice(0, 7);

function expense(id: string, extra: Partial<Expense> = {}): Expense {
  return {
    id,
    spentOn: `${thisMonth}-01`,
    category: "electricity",
    amount: "312.40",
    note: "冷库电费",
    voided: false,
    createdAt: "2026-09-01T02:00:00.000000Z",
    ...extra,
  };
}

function page(items: Expense[], extra: Partial<ExpensePage> = {}): ExpensePage {
  return {
    items,
    total: items.length,
    from: `${thisMonth}-01`,
    to: `${thisMonth}-28`,
    totals: [
      { category: "platform_fees", amount: "58.20" },
      { category: "electricity", amount: "312.40" },
    ],
    sum: "370.60",
    ...extra,
  };
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("ExpensesTab", () => {
  it("shows this month's expenses with their categories in words and the sums by category", async () => {
    backend({
      list_expenses: () => page([expense("e1"), expense("e2", { category: "platform_fees", amount: "58.20", note: "" })]),
    });
    renderTab();
    const rows = await screen.findAllByTestId("expense-row");
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText("电费")).toBeTruthy();
    expect(within(rows[0]!).getByText("冷库电费")).toBeTruthy();
    expect(within(rows[1]!).getByText("平台费用与佣金")).toBeTruthy();
    const query = callsOf("list_expenses")[0]?.query as Record<string, unknown>;
    expect(query.month).toBe(thisMonth);
    expect(query.includeVoided).toBe(false);
    const totals = screen.getAllByTestId("expense-total");
    expect(totals.map((t) => t.getAttribute("data-category"))).toEqual(["platform_fees", "electricity"]);
    expect(screen.getByTestId("expense-sum").textContent).toContain("370.60");
    expect((screen.getByTestId("expense-spentOn") as HTMLInputElement).value).toBe(todayInShanghai());
  });

  it("says when the month has no expenses, and asks again for a month chosen", async () => {
    backend({ list_expenses: () => page([], { totals: [], sum: "0.00" }) });
    renderTab("en");
    expect(await screen.findByTestId("expenses-empty")).toBeTruthy();
    fireEvent.change(screen.getByTestId("expenses-month"), { target: { value: "2025-03" } });
    await waitFor(() => expect(callsOf("list_expenses")).toHaveLength(2));
    expect((callsOf("list_expenses")[1]?.query as Record<string, unknown>).month).toBe("2025-03");
  });

  it("shows Rust's field errors under the fields, then adds as typed and lists again", async () => {
    let refuse = true;
    backend({
      list_expenses: () => page([]),
      add_expense: (args) => {
        if (refuse) {
          refuse = false;
          throw {
            kind: "validation",
            field: "category",
            rule: "required",
            message: "category is required",
            errors: [
              { field: "category", rule: "required", message: "category is required", params: {} },
              { field: "amount", rule: "too_large", message: "amount is too large: at most 1000000", params: { max: "1000000" } },
            ],
          };
        }
        const input = args?.input as Record<string, string>;
        return expense("new", { spentOn: input.spentOn ?? "", category: "vehicle", amount: "150.00" });
      },
    });
    renderTab();
    await screen.findByTestId("expenses-empty");
    fireEvent.change(screen.getByTestId("expense-amount"), { target: { value: "2000000" } });
    fireEvent.click(screen.getByTestId("expense-save"));
    expect((await screen.findByTestId("error-expense-category")).textContent).toContain("类别");
    expect(screen.getByTestId("error-expense-amount").textContent).toContain("1,000,000");

    fireEvent.change(screen.getByTestId("expense-category"), { target: { value: "vehicle" } });
    fireEvent.change(screen.getByTestId("expense-amount"), { target: { value: "150" } });
    fireEvent.change(screen.getByTestId("expense-note"), { target: { value: "加油" } });
    fireEvent.click(screen.getByTestId("expense-save"));
    await waitFor(() => expect(callsOf("add_expense")).toHaveLength(2));
    expect(callsOf("add_expense")[1]?.input).toEqual({
      spentOn: todayInShanghai(),
      category: "vehicle",
      amount: "150",
      note: "加油",
    });
    await waitFor(() => expect(callsOf("list_expenses")).toHaveLength(2));
    expect(screen.queryByTestId("error-expense-category")).toBeNull();
    expect((screen.getByTestId("expense-amount") as HTMLInputElement).value).toBe("");
    expect((screen.getByTestId("expense-category") as HTMLSelectElement).value).toBe("vehicle");
  });

  it("voids an expense and the notice's undo restores it", async () => {
    backend({
      list_expenses: () => page([expense("e1")]),
      void_expense: () => expense("e1", { voided: true }),
      restore_expense: () => expense("e1"),
    });
    renderTab();
    const row = await screen.findByTestId("expense-row");
    fireEvent.click(within(row).getByTestId("expense-void"));
    await waitFor(() => expect(callsOf("void_expense")).toEqual([{ id: "e1" }]));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("已作废");
    await act(async () => {
      fireEvent.click(within(toast).getByTestId("toast-undo"));
    });
    await waitFor(() => expect(callsOf("restore_expense")).toEqual([{ id: "e1" }]));
    await waitFor(() => expect(callsOf("list_expenses").length).toBeGreaterThanOrEqual(3));
  });

  it("keeps the undo of 作废 offered for at least 15 seconds", async () => {
    backend({
      list_expenses: () => page([expense("e1")]),
      void_expense: () => expense("e1", { voided: true }),
      restore_expense: () => expense("e1"),
    });
    renderTab();
    const row = await screen.findByTestId("expense-row");
    vi.useFakeTimers();
    try {
      await act(async () => {
        fireEvent.click(within(row).getByTestId("expense-void"));
      });
      expect(screen.getByTestId("toast-undo")).toBeTruthy();
      await act(async () => {
        vi.advanceTimersByTime(15_000);
      });
      // Still there after 15 s (it was 8): the person can still take it back.
      expect(screen.getByTestId("toast-undo")).toBeTruthy();
      await act(async () => {
        vi.advanceTimersByTime(VOID_UNDO_MS - 15_000 + 100);
      });
      expect(screen.queryByTestId("toast-undo")).toBeNull();
    } finally {
      vi.useRealTimers();
    }
    expect(VOID_UNDO_MS).toBeGreaterThanOrEqual(15_000);
  });

  it("shows voided expenses greyed with 恢复 when asked, and restores one", async () => {
    let voided = true;
    backend({
      list_expenses: (args) => {
        const q = args?.query as { includeVoided: boolean };
        return page(q.includeVoided ? [expense("e1"), expense("e2", { voided, amount: "99.00", note: "记错了" })] : [expense("e1")]);
      },
      restore_expense: () => {
        voided = false;
        return expense("e2", { amount: "99.00" });
      },
    });
    renderTab();
    await screen.findByTestId("expense-row");
    expect(screen.getAllByTestId("expense-row")).toHaveLength(1);
    fireEvent.click(screen.getByLabelText("显示已作废"));
    await waitFor(() => expect(screen.getAllByTestId("expense-row")).toHaveLength(2));
    expect((callsOf("list_expenses").at(-1)?.query as Record<string, unknown>).includeVoided).toBe(true);
    const gone = screen.getAllByTestId("expense-row")[1]!;
    expect(gone.className).toContain("row-voided");
    expect(gone.textContent).toContain("已作废");
    // A voided row offers 恢复, not 作废 again.
    expect(within(gone).queryByTestId("expense-void")).toBeNull();
    fireEvent.click(within(gone).getByTestId("expense-restore"));
    await waitFor(() => expect(callsOf("restore_expense")).toEqual([{ id: "e2" }]));
    expect((await screen.findByTestId("toast")).textContent).toContain("99.00");
    await waitFor(() => expect(screen.getAllByTestId("expense-row")[1]!.className).not.toContain("row-voided"));
  });

  it("keeps the add button where it was when a save is refused: the messages go under the fields and below the row", async () => {
    backend({
      list_expenses: () => page([]),
      add_expense: () => Promise.reject({ kind: "database", message: "disk I/O error", errors: [] }),
    });
    renderTab();
    await screen.findByTestId("expenses-empty");
    const button = screen.getByTestId("expense-save");
    const row = button.closest(".expense-form-row")!;
    const before = Array.from(row.children).indexOf(button.closest(".expense-form-submit")!);
    fireEvent.change(screen.getByTestId("expense-amount"), { target: { value: "12" } });
    fireEvent.click(button);
    const problem = await screen.findByTestId("form-error");
    expect(problem.textContent).toContain("disk I/O error");
    // The form's message is after the row, not inside it beside the button.
    expect(row.contains(problem)).toBe(false);
    expect(row.compareDocumentPosition(problem) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(Array.from(row.children).indexOf(screen.getByTestId("expense-save").closest(".expense-form-submit")!)).toBe(before);
  });

  it("is the reports screen's 费用 tab", async () => {
    backend({ list_expenses: () => page([]) });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <ReportsScreen initialTab="expenses" />
        </ToastProvider>
      </I18nProvider>,
    );
    expect(screen.getByTestId("reports-tab-expenses").textContent).toBe("费用");
    expect(await screen.findByTestId("expenses-empty")).toBeTruthy();
  });
});

describe("the cost book as a spreadsheet", () => {
  it("exports the month shown, voided ones too when they are shown, and opens it on 打开", async () => {
    backend({
      list_expenses: () => page([expense("e1")]),
      export_expenses_xlsx: () => ({ path: "/data/documents/reports/费用.xlsx" }),
      open_document: () => null,
    });
    renderTab();
    await screen.findAllByTestId("expense-row");
    fireEvent.click(screen.getByTestId("expenses-show-voided"));
    await waitFor(() => expect((callsOf("list_expenses").at(-1)?.query as Record<string, unknown>).includeVoided).toBe(true));
    await screen.findAllByTestId("expense-row");
    fireEvent.click(screen.getByTestId("expenses-export"));
    fireEvent.click(await screen.findByTestId("toast-open"));
    await waitFor(() => expect(callsOf("open_document")).toHaveLength(1));
    const query = callsOf("export_expenses_xlsx")[0]?.query as Record<string, unknown>;
    expect([query.month, query.includeVoided, query.offset]).toEqual([thisMonth, true, 0]);
  });
});
