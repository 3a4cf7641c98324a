// The stock screen against a mocked Rust side: lots paged and searched by the database, best-before in
// colour and words (`data-expiry`), and the waste form with Rust's not-enough-stock error in place.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, Lot, LotQuery } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { StockScreen } from "./StockScreen";

const invokeMock = vi.mocked(invoke);

function lot(id: string, daysToExpiry: number | null, extra: Partial<Lot> = {}): Lot {
  return {
    id,
    productId: "p1",
    productName: "红心猕猴桃",
    grade: "特级",
    farmerName: "王大叔",
    madeHere: false,
    receivedOn: "2025-09-20",
    bestBefore: daysToExpiry === null ? null : "2025-10-04",
    daysToExpiry,
    onHand: "12.500",
    reserved: "2.000",
    available: "10.500",
    stockUnit: "jin",
    costOnHand: "40.94",
    unitCost: "3.2750",
    ...extra,
  };
}

const lots: Lot[] = [
  lot("l1", -2),
  lot("l2", 0),
  lot("l3", 3),
  lot("l4", 4),
  lot("l5", null, { productName: "辣椒油", grade: "", stockUnit: "bottle", onHand: "24", reserved: "0", available: "24", farmerName: null }),
];

function backend(handlers: Record<string, (args: Record<string, unknown> | undefined) => unknown>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function listLots() {
  return (args: Record<string, unknown> | undefined) => {
    const q = (args as { query: LotQuery }).query;
    return { items: lots.slice(q.offset, q.offset + q.limit), total: lots.length };
  };
}

function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <StockScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function rowOf(id: string): HTMLElement {
  const row = screen.getAllByTestId("lot-row").find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("StockScreen", () => {
  it("marks every lot by its best-before, in colour and in words", async () => {
    backend({ list_lots: listLots() });
    renderScreen();
    await screen.findAllByTestId("lot-row");
    expect(callsOf("list_lots")).toEqual([{ query: { search: "", productId: null, includeEmpty: false, expiringWithinDays: null, limit: 50, offset: 0 } }]);

    const expected: [string, string, string, string][] = [
      ["l1", "expired", "lot-expired", "已过期 2 天"],
      ["l2", "soon", "lot-soon", "今天到期"],
      ["l3", "soon", "lot-soon", "还剩 3 天"],
      ["l4", "ok", "lot-ok", "还剩 4 天"],
      ["l5", "keeps", "lot-keeps", "不过期"],
    ];
    for (const [id, expiry, className, words] of expected) {
      const row = rowOf(id);
      expect(row.getAttribute("data-expiry"), id).toBe(expiry);
      expect(row.classList.contains(className), id).toBe(true);
      expect(row.textContent, id).toContain(words);
    }
    const kiwi = rowOf("l1").textContent ?? "";
    expect(kiwi).toContain("红心猕猴桃");
    expect(kiwi).toContain("特级");
    expect(kiwi).toContain("王大叔");
    expect(kiwi).toContain("12.5 斤");
    expect(kiwi).toContain("2 斤");
    expect(kiwi).toContain("10.5 斤");
    expect(kiwi).toContain("¥40.94");
    expect(rowOf("l5").textContent).toContain("24 瓶");
  });

  it("asks the database for used-up lots and for a product name", async () => {
    vi.useFakeTimers();
    try {
      backend({ list_lots: listLots() });
      renderScreen();
      await act(() => vi.advanceTimersByTimeAsync(0));
      fireEvent.click(screen.getByTestId("stock-show-empty"));
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(callsOf("list_lots").at(-1)).toEqual({ query: { search: "", productId: null, includeEmpty: true, expiringWithinDays: null, limit: 50, offset: 0 } });
      fireEvent.change(screen.getByTestId("stock-search"), { target: { value: " 猕猴桃 " } });
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(callsOf("list_lots").at(-1)).toEqual({ query: { search: "猕猴桃", productId: null, includeEmpty: true, expiringWithinDays: null, limit: 50, offset: 0 } });
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes a barcode scanner in the search box: the code ending in Enter is searched and selected, so the next scan replaces it", async () => {
    vi.useFakeTimers();
    try {
      backend({ list_lots: listLots() });
      renderScreen();
      await act(() => vi.advanceTimersByTimeAsync(0));
      const box = screen.getByTestId("stock-search") as HTMLInputElement;
      box.focus();
      fireEvent.change(box, { target: { value: "6901234567892" } });
      const notPrevented = fireEvent.keyDown(box, { key: "Enter" });
      expect(notPrevented).toBe(false); // Enter submits nothing around the box
      expect([box.selectionStart, box.selectionEnd]).toEqual([0, 13]);
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(callsOf("list_lots").at(-1)).toMatchObject({ query: { search: "6901234567892" } });
    } finally {
      vi.useRealTimers();
    }
  });

  it("records waste, and shows not_enough_stock under the quantity", async () => {
    let onHand = "12.500";
    backend({
      list_lots: () => ({ items: [lot("l1", 2, { onHand })], total: 1 }),
      record_waste: (args) => {
        const input = (args as { input: { quantity: string } }).input;
        if (input.quantity === "20") {
          throw {
            kind: "validation",
            field: "quantity",
            rule: "not_enough_stock",
            message: "only 12.5 jin on hand",
            errors: [
              { field: "quantity", rule: "not_enough_stock", message: "only 10.5 jin on hand", params: { available: "10.5" } },
            ],
          };
        }
        onHand = "10.500";
        return lot("l1", 2, { onHand });
      },
    });
    renderScreen();
    fireEvent.click(await screen.findByTestId("lot-waste"));
    const form = screen.getByTestId("waste-form");
    expect(form.textContent).toContain("现有 12.5 斤，其中 2 斤已留给订单");
    expect((screen.getByTestId("waste-reason") as HTMLSelectElement).value).toBe("spoiled");

    fireEvent.change(screen.getByTestId("waste-quantity"), { target: { value: "20" } });
    fireEvent.change(screen.getByTestId("waste-reason"), { target: { value: "damaged" } });
    fireEvent.change(screen.getByTestId("waste-note"), { target: { value: "压坏了" } });
    fireEvent.click(screen.getByTestId("waste-save"));

    const error = await screen.findByTestId("error-waste-quantity");
    expect(error.textContent).toBe("损耗数量超过了这批货现在能用的数量（最多 10.5）。");
    expect(screen.getByTestId("waste-quantity").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("waste-quantity").closest(".field")?.contains(error)).toBe(true);
    expect(screen.queryByTestId("form-error")).toBeNull();
    expect(callsOf("record_waste")).toEqual([{ input: { lotId: "l1", quantity: "20", reason: "damaged", note: "压坏了" } }]);
    expect((screen.getByTestId("waste-quantity") as HTMLInputElement).value).toBe("20");

    fireEvent.change(screen.getByTestId("waste-quantity"), { target: { value: "2" } });
    expect(screen.queryByTestId("error-waste-quantity")).toBeNull();
    fireEvent.click(screen.getByTestId("waste-save"));
    expect((await screen.findByTestId("toast")).textContent).toContain("已记录损耗：红心猕猴桃 现有 10.5 斤");
    expect(screen.queryByTestId("waste-form")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("lot-row").textContent).toContain("10.5 斤"));
    expect(callsOf("list_lots")).toHaveLength(2);
  });

  it("offers no waste for a used-up lot", async () => {
    backend({ list_lots: () => ({ items: [lot("l1", 5, { onHand: "0", reserved: "0", available: "0", costOnHand: "0.00" })], total: 1 }) });
    renderScreen("en");
    const button = (await screen.findByTestId("lot-waste")) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByTestId("lot-row").textContent).toContain("Used up");
  });
});

describe("StockScreen expiry filter and made-here lots", () => {
  it("asks the database for the lots expiring within 3, 7 or 30 days, from the first page", async () => {
    vi.useFakeTimers();
    try {
      const many = Array.from({ length: 70 }, (_, i) => lot(`m${i}`, i));
      backend({
        list_lots: (args) => {
          const q = (args as { query: LotQuery }).query;
          const matching = many.filter((l) => q.expiringWithinDays === null || (l.daysToExpiry ?? 999) <= q.expiringWithinDays);
          return { items: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
        },
      });
      renderScreen();
      await act(() => vi.advanceTimersByTimeAsync(0));
      const select = screen.getByTestId("stock-expiring") as HTMLSelectElement;
      expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
        ["", "全部"],
        ["3", "3 天内到期"],
        ["7", "7 天内到期"],
        ["30", "30 天内到期"],
      ]);
      fireEvent.click(screen.getByTestId("pager-next"));
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(callsOf("list_lots").at(-1)).toEqual({ query: { search: "", productId: null, includeEmpty: false, expiringWithinDays: null, limit: 50, offset: 50 } });

      fireEvent.change(select, { target: { value: "7" } });
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(callsOf("list_lots").at(-1)).toEqual({ query: { search: "", productId: null, includeEmpty: false, expiringWithinDays: 7, limit: 50, offset: 0 } });
      expect(screen.getAllByTestId("lot-row")).toHaveLength(8);

      fireEvent.change(select, { target: { value: "30" } });
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(callsOf("list_lots").at(-1)).toEqual({ query: { search: "", productId: null, includeEmpty: false, expiringWithinDays: 30, limit: 50, offset: 0 } });

      fireEvent.change(select, { target: { value: "" } });
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect((callsOf("list_lots").at(-1) as { query: LotQuery }).query.expiringWithinDays).toBeNull();
      expect(screen.getAllByTestId("lot-row")).toHaveLength(50);
    } finally {
      vi.useRealTimers();
    }
  });

  it("shows Made here where a made lot's farmer would be", async () => {
    backend({
      list_lots: () => ({
        items: [lot("made", 2, { productName: "豆腐", farmerName: null, madeHere: true }), lot("bought", 2), lot("unknown", 2, { farmerName: null })],
        total: 3,
      }),
    });
    renderScreen("en");
    await screen.findAllByTestId("lot-row");
    expect(within(rowOf("made")).getByTestId("lot-source").textContent).toBe("Made here");
    expect(within(rowOf("bought")).getByTestId("lot-source").textContent).toBe("王大叔");
    expect(within(rowOf("unknown")).getByTestId("lot-source").textContent).not.toBe("Made here");
  });

  it("shows 自制 in Chinese, also in the waste form", async () => {
    backend({ list_lots: () => ({ items: [lot("made", 2, { productName: "豆腐", farmerName: null, madeHere: true })], total: 1 }) });
    renderScreen();
    await screen.findAllByTestId("lot-row");
    expect(within(rowOf("made")).getByTestId("lot-source").textContent).toBe("自制");
    fireEvent.click(screen.getByTestId("lot-waste"));
    expect(screen.getByTestId("waste-form").textContent).toContain("自制");
  });
});

describe("StockScreen opened from Today's expiring card", () => {
  it("lists only the lots expiring within three days, and says so in its filter", async () => {
    backend({ list_lots: listLots() });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <StockScreen expiringWithinDays={3} />
        </ToastProvider>
      </I18nProvider>,
    );
    await screen.findAllByTestId("lot-row");
    expect(callsOf("list_lots")[0]).toEqual({ query: { search: "", productId: null, includeEmpty: false, expiringWithinDays: 3, limit: 50, offset: 0 } });
    expect((screen.getByTestId("stock-expiring") as HTMLSelectElement).value).toBe("3");
  });
});
