// What the shop owes farmers, against a mocked Rust side: balances from the database, pay disabled when
// nothing is owed, a payment sent as typed, and Rust's more-than-owed refusal under the amount.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { FarmerBalance, Language } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { todayInShanghai } from "../format";
import { I18nProvider } from "../i18nContext";
import { PayablesScreen } from "./PayablesScreen";

const invokeMock = vi.mocked(invoke);

function balance(farmerId: string, farmerName: string, owed: string, paid: string, left: string): FarmerBalance {
  return { farmerId, farmerName, village: "修文县谷堡乡", owed, paid, balance: left };
}

const wang = balance("f1", "王德贵", "76.96", "11.96", "65.00");
const li = balance("f2", "李秀英", "30.00", "30.00", "0.00");

type Handler = (args: Record<string, unknown> | undefined) => unknown;

function backend(handlers: Record<string, Handler>) {
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
        <PayablesScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function rowOf(id: string): HTMLElement {
  const row = screen.getAllByTestId("balance-row").find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

function payButton(id: string): HTMLButtonElement {
  const button = rowOf(id).querySelector<HTMLButtonElement>("[data-testid='balance-pay']");
  if (!button) throw new Error(`no pay button in row ${id}`);
  return button;
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("PayablesScreen", () => {
  it("lists what is owed, paid and still owed, and offers no payment when settled", async () => {
    backend({ farmer_balances: () => ({ items: [wang, li], total: 2 }) });
    renderScreen();
    await screen.findAllByTestId("balance-row");
    expect(screen.getByTestId("payables-screen").textContent).toContain("进货时选了欠款的，记在这里；付了钱就记一笔。");
    expect(callsOf("farmer_balances")).toEqual([{ query: { search: "", includeArchived: false, limit: 50, offset: 0, kind: "" } }]);

    const owed = rowOf("f1").textContent ?? "";
    for (const text of ["王德贵", "修文县谷堡乡", "¥76.96", "¥11.96", "¥65.00"]) expect(owed).toContain(text);
    // Still owed is the fourth column, in bold.
    expect(rowOf("f1").querySelectorAll("td")[3]?.querySelector(".cell-strong")?.textContent).toBe("¥65.00");
    expect(payButton("f1").disabled).toBe(false);

    const settled = rowOf("f2");
    expect(settled.textContent).toContain("已结清");
    expect(settled.querySelector(".cell-muted")?.textContent).toBe("已结清");
    expect(settled.textContent).not.toContain("¥0.00");
    expect(payButton("f2").disabled).toBe(true);
  });

  it("asks the database for every farmer and for a name", async () => {
    vi.useFakeTimers();
    try {
      backend({ farmer_balances: () => ({ items: [], total: 0 }) });
      renderScreen("en");
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(screen.getByTestId("payables-empty").textContent).toContain("owes no farmer");
      fireEvent.click(screen.getByTestId("payables-show-all"));
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(callsOf("farmer_balances").at(-1)).toEqual({ query: { search: "", includeArchived: true, limit: 50, offset: 0, kind: "" } });
      fireEvent.change(screen.getByTestId("payables-search"), { target: { value: " 王 " } });
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(callsOf("farmer_balances").at(-1)).toEqual({ query: { search: "王", includeArchived: true, limit: 50, offset: 0, kind: "" } });
      expect(screen.getByTestId("payables-empty").textContent).toContain("王");
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts the method as the farmer was last paid, unless the person already picked one", async () => {
    let answer: (h: unknown) => void = () => undefined;
    backend({
      farmer_balances: () => ({ items: [wang, li], total: 2 }),
      farmer_habits: () => new Promise((resolve) => (answer = resolve)),
    });
    renderScreen();
    await screen.findAllByTestId("balance-row");
    fireEvent.click(payButton("f1"));
    expect(callsOf("farmer_habits")).toEqual([{ farmerId: "f1" }]);
    await act(async () => answer({ farmerId: "f1", purchasePayment: "owed", payMethod: "wechat" }));
    expect(valueOf("payment-method")).toBe("wechat");
    expect(screen.getByTestId("payment-form").textContent).toContain("按上次给这位农户付钱的方式");
    // Only the habit changed: closing asks nothing.
    fireEvent.click(screen.getByTestId("payment-cancel"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    await waitFor(() => expect(screen.queryByTestId("payment-form")).toBeNull());

    // Picked before the answer came: the person's choice stays.
    fireEvent.click(payButton("f1"));
    type("payment-method", "bank");
    await act(async () => answer({ farmerId: "f1", purchasePayment: "owed", payMethod: "wechat" }));
    expect(valueOf("payment-method")).toBe("bank");
    expect(screen.getByTestId("payment-form").textContent).not.toContain("按上次给这位农户付钱的方式");
  });

  it("starts with cash for a farmer never paid", async () => {
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_habits: () => ({ farmerId: "f1", purchasePayment: null, payMethod: null }),
    });
    renderScreen();
    await screen.findAllByTestId("balance-row");
    fireEvent.click(payButton("f1"));
    await waitFor(() => expect(callsOf("farmer_habits")).toHaveLength(1));
    await act(async () => undefined);
    expect(valueOf("payment-method")).toBe("cash");
  });

  it("pays as typed, says how much is still owed and reloads", async () => {
    let rows = [wang, li];
    backend({
      farmer_balances: () => ({ items: rows, total: rows.length }),
      record_payment: () => {
        const after = { ...wang, paid: "51.96", balance: "25.00" };
        rows = [after, li];
        return after;
      },
    });
    renderScreen();
    await screen.findAllByTestId("balance-row");
    fireEvent.click(payButton("f1"));

    expect(screen.getByTestId("payment-form").textContent).toContain("现在还欠 ¥65.00");
    expect(valueOf("payment-amount")).toBe("65.00");
    expect(valueOf("payment-method")).toBe("cash");
    expect(valueOf("payment-paidOn")).toBe(todayInShanghai());
    expect(valueOf("payment-note")).toBe("");

    type("payment-amount", "40");
    type("payment-method", "wechat");
    type("payment-paidOn", "2025-09-21");
    type("payment-note", "先付一部分");
    fireEvent.click(screen.getByTestId("payment-save"));

    expect((await screen.findByTestId("toast")).textContent).toContain("已付王德贵 ¥40.00，还欠 ¥25.00");
    expect(callsOf("record_payment")).toEqual([
      { input: { farmerId: "f1", amount: "40", method: "wechat", paidOn: "2025-09-21", note: "先付一部分" } },
    ]);
    expect(screen.queryByTestId("payment-form")).toBeNull();
    await waitFor(() => expect(rowOf("f1").textContent).toContain("¥25.00"));
    expect(callsOf("farmer_balances")).toHaveLength(2);
  });

  it("shows more_than_owed under the amount with what is owed", async () => {
    backend({
      farmer_balances: () => ({ items: [balance("f1", "王德贵", "100.00", "30.50", "69.50")], total: 1 }),
      record_payment: () => {
        throw {
          kind: "validation",
          field: "amount",
          rule: "more_than_owed",
          message: "amount: the shop owes 王德贵 only ¥69.50",
          errors: [{ field: "amount", rule: "more_than_owed", message: "amount: the shop owes 王德贵 only ¥69.50", params: { owed: "69.50" } }],
        };
      },
    });
    renderScreen();
    fireEvent.click(await screen.findByTestId("balance-pay"));
    type("payment-amount", "70");
    fireEvent.click(screen.getByTestId("payment-save"));

    const error = await screen.findByTestId("error-payment-amount");
    expect(error.textContent).toBe("付款金额比还欠的多：现在只欠 ¥69.50。");
    const amount = screen.getByTestId("payment-amount");
    expect(amount.getAttribute("aria-invalid")).toBe("true");
    expect(amount.closest(".field")?.contains(error)).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(amount));
    expect(screen.queryByTestId("form-error")).toBeNull();
    expect(valueOf("payment-amount")).toBe("70");
    expect(screen.getByTestId("payment-form")).toBeTruthy();

    // Correcting the amount clears the message.
    type("payment-amount", "69.5");
    expect(screen.queryByTestId("error-payment-amount")).toBeNull();
  });

  it("says the same in English, and asks before Cancel throws away an edited amount", async () => {
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      record_payment: () => {
        throw {
          kind: "validation",
          field: "amount",
          rule: "more_than_owed",
          message: "x",
          errors: [{ field: "amount", rule: "more_than_owed", message: "x", params: { owed: "65.00" } }],
        };
      },
    });
    renderScreen("en");
    fireEvent.click(await screen.findByTestId("balance-pay"));
    type("payment-amount", "100");
    fireEvent.click(screen.getByTestId("payment-save"));
    expect((await screen.findByTestId("error-payment-amount")).textContent).toBe("Amount is more than is owed: only ¥65.00 is still owed.");

    fireEvent.click(screen.getByTestId("payment-cancel"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(screen.queryByTestId("payment-form")).toBeNull();
  });
});
