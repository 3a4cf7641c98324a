// The stock count screen against a mocked Rust side: only typed lots are sent, by lot id; typed values
// survive paging; an error at index i of the lines sent lands at that lot's row; the saved count shows
// its differences and the net loss, and the list is read again; leaving with typed values asks first.
import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import { useState } from "react";
import type { CountInput, CountResult, Language, Lot, LotQuery } from "../bindings";
import { LeaveGuardProvider, useGuardedLeave } from "../components/DiscardGuard";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { CountScreen } from "./CountScreen";

const invokeMock = vi.mocked(invoke);

function lot(n: number, extra: Partial<Lot> = {}): Lot {
  return {
    id: `l${n}`,
    productId: "p1",
    productName: `商品${n}`,
    grade: n === 2 ? "特级" : "",
    farmerName: "王大叔",
    madeHere: false,
    receivedOn: "2025-09-20",
    bestBefore: "2025-10-04",
    daysToExpiry: 10,
    onHand: "10.000",
    reserved: "0",
    available: "10.000",
    stockUnit: "jin",
    costOnHand: "30.00",
    unitCost: "3.0000",
    ...extra,
  };
}

// 60 lots: two pages of 50. Lot 4 was made here (a production run).
const lots: Lot[] = Array.from({ length: 60 }, (_, i) =>
  i + 1 === 4 ? lot(4, { farmerName: null, madeHere: true, productName: "豆腐", stockUnit: "piece", onHand: "12" }) : lot(i + 1),
);

function backend(handlers: Record<string, (args: Record<string, unknown> | undefined) => unknown>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function listLots(args: Record<string, unknown> | undefined) {
  const q = (args as { query: LotQuery }).query;
  const matching = lots.filter((l) => l.productName.includes(q.search));
  return { items: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
}

function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

function rowOf(id: string): HTMLElement {
  const row = screen.getAllByTestId("count-row").find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no row ${id}`);
  return row;
}

function boxOf(id: string): HTMLInputElement {
  return within(rowOf(id)).getByTestId("count-counted") as HTMLInputElement;
}

function count(id: string, value: string) {
  fireEvent.change(boxOf(id), { target: { value } });
}

async function settle() {
  await act(() => vi.advanceTimersByTimeAsync(0));
}

/** A stand-in for the sidebar: leaving goes through the guard. */
function Shell() {
  const leave = useGuardedLeave();
  const [away, setAway] = useState(false);
  return (
    <>
      <button type="button" data-testid="nav-away" onClick={() => leave(() => setAway(true))}>
        away
      </button>
      {away ? <p data-testid="away">away</p> : <CountScreen />}
    </>
  );
}

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <LeaveGuardProvider>
          <Shell />
        </LeaveGuardProvider>
      </ToastProvider>
    </I18nProvider>,
  );
}

const saveButton = () => screen.getByTestId("count-save") as HTMLButtonElement;

beforeEach(() => {
  vi.useFakeTimers();
  invokeMock.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("CountScreen", () => {
  it("lists the lots in stock with where they came from and what is on hand", async () => {
    backend({ list_lots: listLots });
    renderScreen();
    await settle();
    expect(callsOf("list_lots")).toEqual([
      { query: { search: "", productId: null, includeEmpty: false, expiringWithinDays: null, limit: 50, offset: 0 } },
    ]);
    const kiwi = rowOf("l2").textContent ?? "";
    for (const part of ["商品2", "特级", "王大叔", "2025-10-04", "10 斤"]) expect(kiwi).toContain(part);
    const tofu = rowOf("l4").textContent ?? "";
    expect(tofu).toContain("自制");
    expect(tofu).toContain("12 个");
    expect(tofu).not.toContain("农户不详");
    expect(saveButton().disabled).toBe(true);

    fireEvent.change(screen.getByTestId("count-search"), { target: { value: "豆腐" } });
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect((callsOf("list_lots").at(-1) as { query: LotQuery }).query.search).toBe("豆腐");
    expect(screen.getAllByTestId("count-row")).toHaveLength(1);
  });

  it("keeps typed values across pages and sends only the typed lots, by lot id", async () => {
    let sent: CountInput | null = null;
    backend({
      list_lots: listLots,
      record_count: (args) => {
        sent = (args as { input: CountInput }).input;
        return { id: "c1", countedOn: "2025-09-25", lines: [], adjusted: 0, lost: "0.00" } satisfies CountResult;
      },
    });
    renderScreen();
    await settle();
    count("l3", "9");
    count("l7", "5");
    count("l7", ""); // typed, then cleared: not counted
    expect(saveButton().disabled).toBe(false);
    expect(rowOf("l3").textContent).toContain("-1 斤");

    fireEvent.click(screen.getByTestId("pager-next"));
    await settle();
    expect((callsOf("list_lots").at(-1) as { query: LotQuery }).query.offset).toBe(50);
    count("l55", "10.5");
    fireEvent.click(screen.getByTestId("pager-prev"));
    await settle();
    expect(boxOf("l3").value).toBe("9");
    expect(boxOf("l7").value).toBe("");
    expect(screen.getByTestId("count-typed").textContent).toBe("已填 2 批");

    fireEvent.change(screen.getByTestId("count-note"), { target: { value: "月底盘点" } });
    fireEvent.click(saveButton());
    await settle();
    expect(sent).toEqual({
      countedOn: "",
      note: "月底盘点",
      lines: [
        { lotId: "l3", counted: "9" },
        { lotId: "l55", counted: "10.5" },
      ],
    });
  });

  it("puts an error at index i of the lines sent next to that lot's box", async () => {
    backend({
      list_lots: listLots,
      record_count: () => {
        throw {
          kind: "validation",
          field: "lines.1.counted",
          rule: "negative",
          message: "lines.1.counted cannot be negative",
          errors: [
            { field: "lines.1.counted", rule: "negative", message: "lines.1.counted cannot be negative", params: {} },
            { field: "lines.2.counted", rule: "not_enough_stock", message: "2 jin reserved", params: { available: "2" } },
          ],
        };
      },
    });
    renderScreen();
    await settle();
    // Typed in this order: l5 (line 0), l3 (line 1), l2 (line 2) — not the order of the rows
    // (l2 is the second row, l3 the third).
    count("l5", "10");
    count("l3", "-1");
    count("l2", "1");
    fireEvent.click(saveButton());
    await settle();

    const negative = screen.getByTestId("error-count-lines-1-counted");
    expect(rowOf("l3").contains(negative)).toBe(true);
    expect(negative.textContent).toBe("实际数量不能是负数。");
    expect(boxOf("l3").getAttribute("aria-invalid")).toBe("true");
    const reserved = screen.getByTestId("error-count-lines-2-counted");
    expect(rowOf("l2").contains(reserved)).toBe(true);
    expect(reserved.textContent).toContain("这批货有 2 斤已经留给订单了");
    expect(boxOf("l5").getAttribute("aria-invalid")).toBeNull();
    expect(within(rowOf("l5")).queryByRole("alert")).toBeNull();
    // Typed values are all still there.
    expect([boxOf("l5").value, boxOf("l3").value, boxOf("l2").value]).toEqual(["10", "-1", "1"]);

    // Correcting a box clears its message only.
    count("l3", "1");
    expect(screen.queryByTestId("error-count-lines-1-counted")).toBeNull();
    expect(screen.getByTestId("error-count-lines-2-counted")).toBeTruthy();
  });

  it("lists an error of a lot on another page under the save button", async () => {
    backend({
      list_lots: listLots,
      record_count: () => {
        throw {
          kind: "validation",
          field: "lines.0.counted",
          rule: "not_a_number",
          message: "x",
          errors: [{ field: "lines.0.counted", rule: "not_a_number", message: "x", params: {} }],
        };
      },
    });
    renderScreen();
    await settle();
    fireEvent.click(screen.getByTestId("pager-next"));
    await settle();
    count("l52", "abc");
    fireEvent.click(screen.getByTestId("pager-prev"));
    await settle();
    fireEvent.click(saveButton());
    await settle();
    const elsewhere = screen.getByTestId("count-errors-elsewhere");
    expect(within(elsewhere).getByTestId("error-count-lines-0-counted").textContent).toContain("商品52（王大叔）：实际数量要填数字");
  });

  it("shows the result of a saved count, the net loss, and reads the list again", async () => {
    backend({
      list_lots: listLots,
      record_count: () =>
        ({
          id: "c1",
          countedOn: "2025-09-25",
          lines: [
            { lotId: "l2", productName: "商品2", stockUnit: "jin", expected: "10", counted: "8.5", difference: "-1.5", cost: "-4.50" },
            { lotId: "l4", productName: "豆腐", stockUnit: "piece", expected: "12", counted: "13", difference: "1", cost: "1.20" },
            { lotId: "l6", productName: "商品6", stockUnit: "jin", expected: "10", counted: "10", difference: "0", cost: "0.00" },
          ],
          adjusted: 2,
          lost: "3.30",
        }) satisfies CountResult,
    });
    renderScreen();
    await settle();
    count("l2", "8.5");
    count("l4", "13");
    count("l6", "10");
    const before = callsOf("list_lots").length;
    fireEvent.click(saveButton());
    await settle();

    const result = screen.getByTestId("count-result");
    expect(result.textContent).toContain("2025-09-25");
    const rows = within(result).getAllByTestId("count-result-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["l2", "l4", "l6"]);
    const kiwi = rows[0]?.textContent ?? "";
    for (const part of ["商品2", "特级", "10 斤", "8.5 斤", "-1.5 斤", "-¥4.50"]) expect(kiwi).toContain(part);
    const tofu = rows[1]?.textContent ?? "";
    for (const part of ["豆腐", "自制", "+1 个", "+¥1.20"]) expect(tofu).toContain(part);
    expect(rows[2]?.textContent).toContain("对得上");
    expect(screen.getByTestId("count-lost").textContent).toBe("这次盘点一共少了 ¥3.30 的货。");

    // The list is read again, the boxes are empty and nothing counts as unsaved.
    expect(callsOf("list_lots").length).toBe(before + 1);
    expect(boxOf("l2").value).toBe("");
    expect(saveButton().disabled).toBe(true);
    fireEvent.click(screen.getByTestId("nav-away"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(screen.getByTestId("away")).toBeTruthy();
  });

  it("says found, not lost, when the count found more than the books said", async () => {
    backend({
      list_lots: listLots,
      record_count: () =>
        ({
          id: "c2",
          countedOn: "2025-09-25",
          lines: [{ lotId: "l2", productName: "商品2", stockUnit: "jin", expected: "10", counted: "12", difference: "2", cost: "6.00" }],
          adjusted: 1,
          lost: "-6.00",
        }) satisfies CountResult,
    });
    renderScreen("en");
    await settle();
    count("l2", "12");
    fireEvent.click(saveButton());
    await settle();
    expect(screen.getByTestId("count-lost").textContent).toBe("This count found ¥6.00 more stock than the books said.");
  });

  it("asks before leaving with typed values", async () => {
    backend({ list_lots: listLots });
    renderScreen();
    await settle();
    count("l2", "3");
    fireEvent.click(screen.getByTestId("nav-away"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect(boxOf("l2").value).toBe("3");
    fireEvent.click(screen.getByTestId("nav-away"));
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(screen.getByTestId("away")).toBeTruthy();
    expect(callsOf("record_count")).toHaveLength(0);
  });
});
