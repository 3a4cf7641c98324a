// Reversing a receipt from the purchases screen against a mocked Rust side: the dialog explains what
// happens, sends the purchase id and the reason, shows `lot_used` under the refused line (which line,
// how much already left, in the stock unit), and after success the row is marked reversed and offers
// no reversal any more.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, ListQuery, Purchase } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { PurchasesScreen } from "./PurchasesScreen";

const invokeMock = vi.mocked(invoke);

const receipt: Purchase = {
  id: "u1",
  farmerId: "f1",
  farmerName: "王大叔",
  receivedOn: "2025-09-20",
  payment: "owed",
  total: "136.96",
  note: "",
  lines: [
    { lotId: "l1", productId: "p1", productName: "红心猕猴桃", grade: "特级", quantity: "23.5", unit: "jin", unitPrice: "3.2750", lineTotal: "76.96", bestBefore: "2025-10-04" },
    { lotId: "l2", productId: "p2", productName: "黄豆", grade: "", quantity: "20", unit: "jin", unitPrice: "3.00", lineTotal: "60.00", bestBefore: null },
  ],
  createdAt: "2025-09-20T02:00:00Z",
  reversedOn: null,
  reversalReason: null,
};

const other: Purchase = { ...receipt, id: "u2", farmerName: "李阿姨", payment: "cash", total: "10.00", lines: [] };

function backend(handlers: Record<string, (args: Record<string, unknown> | undefined) => unknown>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <PurchasesScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function rowOf(id: string): HTMLElement {
  const row = screen.getAllByTestId("purchase-row").find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("reversing a receipt", () => {
  it("explains, sends the id and reason, shows lot_used under the line, then marks the row reversed", async () => {
    let purchases: Purchase[] = [receipt, other];
    let refuse = true;
    backend({
      list_purchases: (args) => {
        const q = (args as { query: ListQuery }).query;
        return { items: purchases.slice(q.offset, q.offset + q.limit), total: purchases.length };
      },
      get_product: () => ({ stockUnit: "jin" }),
      reverse_purchase: (args) => {
        const input = (args as { input: { reason: string } }).input;
        if (input.reason === "") {
          throw {
            kind: "validation",
            field: "reason",
            rule: "required",
            message: "reason is required",
            errors: [{ field: "reason", rule: "required", message: "reason is required", params: {} }],
          };
        }
        if (refuse) {
          refuse = false;
          throw {
            kind: "validation",
            field: "lines.1",
            rule: "lot_used",
            message: "lines.1: 1.5 jin of 黄豆 from this receipt has already left the lot or is reserved",
            errors: [
              {
                field: "lines.1",
                rule: "lot_used",
                message: "lines.1: 1.5 jin of 黄豆 from this receipt has already left the lot or is reserved",
                params: { used: "1.5", line: "2" },
              },
            ],
          };
        }
        const reversed = { ...receipt, reversedOn: "2025-09-21", reversalReason: "记错了农户" };
        purchases = [reversed, other];
        return reversed;
      },
    });
    renderScreen();
    await screen.findAllByTestId("purchase-row");
    expect(within(rowOf("u1")).queryByTestId("purchase-reversed")).toBeNull();
    fireEvent.click(within(rowOf("u1")).getByTestId("purchase-reverse"));

    const dialog = screen.getByTestId("reversal-form");
    // Plain words: the lots are emptied, the farmer is no longer owed, nothing is deleted, re-enter it.
    expect(dialog.textContent).toContain("从库存里清掉");
    expect(dialog.textContent).toContain("不再欠王大叔这 ¥136.96");
    expect(dialog.textContent).toContain("什么都不会删掉");
    expect(dialog.textContent).toContain("重新登记一张正确的进货单");
    expect(dialog.textContent).toContain("第 2 行：黄豆 20 斤");

    // The reason is required (Rust says so).
    fireEvent.click(screen.getByTestId("reversal-save"));
    expect((await screen.findByTestId("error-reversal-reason")).textContent).toBe("请填写撤销原因。");

    fireEvent.change(screen.getByTestId("reversal-reason"), { target: { value: "记错了农户" } });
    expect(screen.queryByTestId("error-reversal-reason")).toBeNull();
    fireEvent.click(screen.getByTestId("reversal-save"));

    // lot_used goes under the second line, saying which line and how much already left, with its unit.
    const refused = await screen.findByTestId("error-reversal-lines-1");
    expect(screen.queryByTestId("error-reversal-lines-0")).toBeNull();
    const lines = within(dialog).getAllByTestId("reversal-line");
    expect(lines[1]?.contains(refused)).toBe(true);
    expect(refused.textContent).toContain("第 2 行（黄豆）");
    await waitFor(() => expect(refused.textContent).toContain("1.5 斤"));
    expect(refused.textContent).toContain("盘点");
    expect(screen.queryByTestId("form-error")).toBeNull();
    expect(callsOf("get_product")).toEqual([{ id: "p2" }]);

    // The stock was put back (say): now it goes through.
    fireEvent.click(screen.getByTestId("reversal-save"));
    expect((await screen.findByTestId("toast")).textContent).toContain("已撤销王大叔 2025-09-20 的进货单");
    expect(screen.queryByTestId("reversal-form")).toBeNull();
    expect(callsOf("reverse_purchase").at(-1)).toEqual({ input: { purchaseId: "u1", reason: "记错了农户", reversedOn: "" } });

    await waitFor(() => expect(within(rowOf("u1")).queryByTestId("purchase-reversed")).not.toBeNull());
    const badge = within(rowOf("u1")).getByTestId("purchase-reversed");
    expect(badge.textContent).toContain("已撤销 2025-09-21");
    expect(badge.textContent).toContain("记错了农户");
    expect(within(rowOf("u1")).queryByTestId("purchase-reverse")).toBeNull();
    expect(rowOf("u1").getAttribute("data-reversed")).toBe("true");
    // The other receipt is untouched and can still be reversed.
    expect(within(rowOf("u2")).getByTestId("purchase-reverse")).toBeTruthy();
  });

  it("says a paid receipt is not refunded automatically, and shows already_reversed in English", async () => {
    backend({
      list_purchases: () => ({ items: [other], total: 1 }),
      reverse_purchase: () => {
        throw {
          kind: "validation",
          field: "purchaseId",
          rule: "already_reversed",
          message: "purchaseId: this receipt was already reversed on 2025-09-21",
          errors: [{ field: "purchaseId", rule: "already_reversed", message: "x", params: { reversedOn: "2025-09-21" } }],
        };
      },
    });
    renderScreen("en");
    fireEvent.click(await screen.findByTestId("purchase-reverse"));
    expect(screen.getByTestId("reversal-form").textContent).toContain("It was paid at the time (Cash)");
    fireEvent.change(screen.getByTestId("reversal-reason"), { target: { value: "twice" } });
    fireEvent.click(screen.getByTestId("reversal-save"));
    expect((await screen.findByTestId("error-reversal-purchaseId")).textContent).toBe("This receipt was already reversed on 2025-09-21.");
  });

  it("asks before throwing away a typed reason", () => {
    backend({ list_purchases: () => ({ items: [receipt], total: 1 }) });
    renderScreen();
    return screen.findByTestId("purchase-reverse").then((button) => {
      fireEvent.click(button);
      fireEvent.change(screen.getByTestId("reversal-reason"), { target: { value: "记错了" } });
      fireEvent.click(screen.getByTestId("reversal-cancel"));
      expect(screen.getByTestId("confirm-discard")).toBeTruthy();
      fireEvent.click(screen.getByTestId("confirm-discard-yes"));
      expect(screen.queryByTestId("reversal-form")).toBeNull();
      expect(callsOf("reverse_purchase")).toHaveLength(0);
    });
  });
});
