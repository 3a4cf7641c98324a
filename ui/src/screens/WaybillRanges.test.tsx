// Pre-bought waybill numbers against a mocked Rust side: the ranges dialog (list, add, Rust's messages
// at their fields) and, in a packed order's ship form, taking the chosen courier's next number.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, Order, WaybillRange, WaybillRangeInput } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { OrdersScreen } from "./OrdersScreen";
import { backend, callsOf, invokeMock, order, orderHandlers, packed, rejection, type Handler } from "./orderTestData";
import { numbersLeft } from "./WaybillRanges";

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <OrdersScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function range(id: string, extra: Partial<WaybillRange> = {}): WaybillRange {
  return {
    id,
    courier: "ZTO",
    first: "75120000000000",
    last: "75120000000999",
    next: "75120000000042",
    left: 958,
    note: "",
    createdAt: "2025-11-01T00:00:00Z",
    ...extra,
  };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

async function openRanges(): Promise<HTMLElement> {
  await screen.findByTestId("order-row");
  fireEvent.click(screen.getByTestId("orders-waybill-ranges"));
  return screen.findByTestId("waybill-ranges");
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
});

describe("numbersLeft", () => {
  it("adds up the courier's ranges", () => {
    const ranges = [range("a", { left: 3 }), range("b", { courier: "SF", left: 5 }), range("c", { left: 0, next: null }), range("d", { left: 2 })];
    expect(numbersLeft(ranges, "ZTO")).toBe(5);
    expect(numbersLeft(ranges, "SF")).toBe(5);
    expect(numbersLeft(ranges, "JD")).toBe(0);
    expect(numbersLeft(ranges, "")).toBe(0);
    expect(numbersLeft(null, "ZTO")).toBe(0);
  });
});

describe("waybill ranges dialog", () => {
  it("lists each range with its courier, first–last, next and what is left", async () => {
    backend({
      ...orderHandlers([order()]),
      list_waybill_ranges: () => [range("w1", { note: "11月网点买的" }), range("w2", { courier: "SF", first: "SF1000000000001", last: "SF1000000000100", next: null, left: 0 })],
    });
    renderScreen();
    const dialog = await openRanges();
    const rows = await within(dialog).findAllByTestId("waybill-range-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["w1", "w2"]);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first.textContent).toContain("中通");
    expect(first.textContent).toContain("75120000000000 – 75120000000999");
    expect(within(first).getByTestId("range-next").textContent).toBe("75120000000042");
    expect(within(first).getByTestId("range-left").textContent).toBe("958 个");
    expect(first.textContent).toContain("11月网点买的");
    expect(second.textContent).toContain("顺丰");
    expect(within(second).getByTestId("range-next").textContent).toBe("已用完");
    expect(within(second).getByTestId("range-left").textContent).toBe("0 个");
  });

  it("adds a range with the shop's default courier and lists it", async () => {
    let ranges: WaybillRange[] = [];
    backend({
      ...orderHandlers([order()]),
      get_shop_profile: () => ({ defaultCourier: "YTO" }),
      list_waybill_ranges: () => ranges,
      add_waybill_range: (args) => {
        const input = args?.input as WaybillRangeInput;
        const added = range("w9", { ...input, next: input.first, left: 500 });
        ranges = [added];
        return added;
      },
    });
    renderScreen();
    const dialog = await openRanges();
    expect(await within(dialog).findByTestId("waybill-ranges-empty")).toBeTruthy();
    await waitFor(() => expect(valueOf("range-courier")).toBe("YTO"));
    type("range-first", " YT7000000000000 ");
    type("range-last", "YT7000000000499");
    type("range-note", "网点买的");
    fireEvent.click(screen.getByTestId("range-save"));
    await within(dialog).findByTestId("waybill-range-row");
    expect(callsOf("add_waybill_range")).toEqual([{ input: { courier: "YTO", first: "YT7000000000000", last: "YT7000000000499", note: "网点买的" } }]);
    expect(screen.getByTestId("toast").textContent).toBe("已添加圆通号段，共 500 个单号。");
    // The form is ready for the next range of the same courier.
    expect(valueOf("range-first")).toBe("");
    expect(valueOf("range-courier")).toBe("YTO");
  });

  it("asks for a courier before sending anything", async () => {
    backend({ ...orderHandlers([order()]), list_waybill_ranges: () => [] });
    renderScreen("en");
    await openRanges();
    type("range-first", "75120000000000");
    fireEvent.click(screen.getByTestId("range-save"));
    expect((await screen.findByTestId("error-range-courier")).textContent).toBe("Courier is required.");
    expect(callsOf("add_waybill_range")).toEqual([]);
  });

  it("puts Rust's messages at their fields: the courier's format, a range that does not hold together, an overlap", async () => {
    const answers: unknown[] = [
      rejection([
        { field: "first", rule: "bad_waybill", params: { example: "75120000000000" } },
        { field: "last", rule: "not_allowed" },
      ]),
      rejection([{ field: "first", rule: "duplicate" }]),
    ];
    backend({
      ...orderHandlers([order()]),
      list_waybill_ranges: () => [],
      add_waybill_range: () => {
        throw answers.shift();
      },
    });
    renderScreen();
    await openRanges();
    type("range-courier", "ZTO");
    type("range-first", "SF123");
    type("range-last", "12");
    fireEvent.click(screen.getByTestId("range-save"));
    expect((await screen.findByTestId("error-range-first")).textContent).toBe("这不像中通的快递单号，他家的单号像这样：75120000000000");
    expect(screen.getByTestId("error-range-last").textContent).toContain("一段最多 10 万个号");
    // A change of the first number may settle the last's message too.
    type("range-first", "75120000000000");
    expect(screen.queryByTestId("error-range-first")).toBeNull();
    expect(screen.queryByTestId("error-range-last")).toBeNull();
    type("range-last", "75120000000999");
    fireEvent.click(screen.getByTestId("range-save"));
    expect((await screen.findByTestId("error-range-first")).textContent).toBe("这段号和已有的中通号段重叠了。");
  });

  it("asks before closing with a range half typed", async () => {
    backend({ ...orderHandlers([order()]), list_waybill_ranges: () => [] });
    renderScreen();
    await openRanges();
    type("range-first", "7512");
    fireEvent.click(screen.getByTestId("modal-close"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(screen.queryByTestId("waybill-ranges")).toBeNull();
  });
});

describe("taking a pre-bought waybill in the ship form", () => {
  function packedHandlers(state: { order: Order }, ranges: () => WaybillRange[], extra: Record<string, Handler> = {}): Record<string, Handler> {
    return {
      ...orderHandlers([state.order]),
      get_order: () => state.order,
      get_shop_profile: () => ({ defaultCourier: "ZTO" }),
      list_waybill_ranges: ranges,
      ...extra,
    };
  }

  async function openPacked(): Promise<HTMLElement> {
    const row = await screen.findByTestId("order-row");
    fireEvent.click(within(row).getByTestId("order-number"));
    return screen.findByTestId("ship-form");
  }

  it("is offered for a courier with numbers left, says how many, and gives the order the next number", async () => {
    const state = { order: packed() };
    let left = 958;
    backend(
      packedHandlers(state, () => [range("w1", { left: 700 }), range("w0", { left: left - 700 }), range("w2", { courier: "SF", left: 0, next: null })], {
        take_waybill: () => {
          left -= 1;
          state.order = packed({ courier: "ZTO", waybill: "75120000000042", updatedAt: "2025-11-28T04:00:00Z" });
          return state.order;
        },
      }),
    );
    renderScreen();
    await openPacked();
    const take = await screen.findByTestId("ship-take-waybill");
    expect(take.textContent).toBe("用预购单号（还剩 958 个）");
    // Not for a courier with none left.
    type("ship-courier", "SF");
    expect(screen.queryByTestId("ship-take-waybill")).toBeNull();
    type("ship-courier", "ZTO");
    fireEvent.click(screen.getByTestId("ship-take-waybill"));

    await waitFor(() => expect(valueOf("ship-waybill")).toBe("75120000000042"));
    expect(callsOf("take_waybill")).toEqual([{ orderId: "o1", courier: "ZTO" }]);
    // Still packed, the waybill saved: the label can print.
    expect(screen.getByTestId("order-detail").getAttribute("data-state")).toBe("packed");
    expect(screen.getByTestId("hint-ship-waybill").textContent).toBe("单号已保存，可以打印面单。");
    expect(screen.getByTestId("toast").textContent).toBe("订单 20251128-0042 用上了单号 75120000000042，可以打印面单了。");
    // It already has this courier's number: no second one is offered.
    expect(screen.queryByTestId("ship-take-waybill")).toBeNull();
    expect(screen.getByTestId("order-print-label")).toBeTruthy();
  });

  it("is not offered without ranges", async () => {
    const state = { order: packed() };
    backend(packedHandlers(state, () => []));
    renderScreen();
    await openPacked();
    await waitFor(() => expect(callsOf("list_waybill_ranges")).toHaveLength(1));
    expect(screen.queryByTestId("ship-take-waybill")).toBeNull();
  });

  it("leaves the ship form working when the ranges cannot be read", async () => {
    const state = { order: packed() };
    const handlers = packedHandlers(state, () => []);
    delete handlers.list_waybill_ranges;
    backend(handlers);
    renderScreen();
    await openPacked();
    await waitFor(() => expect(callsOf("list_waybill_ranges")).toHaveLength(1));
    expect(screen.queryByTestId("ship-take-waybill")).toBeNull();
    expect(screen.queryByTestId("form-error")).toBeNull();
    expect(screen.getByTestId("ship-save-waybill")).toBeTruthy();
  });

  it("says where to add numbers when the courier has none left after all, and shows other refusals on the form", async () => {
    const state = { order: packed() };
    const answers: unknown[] = [
      rejection([{ field: "courier", rule: "no_numbers_left", message: "no ZTO waybill range has numbers left; add one" }]),
      rejection([{ field: "state", rule: "not_allowed", message: "the order is shipped", params: { from: "shipped", to: "packed" } }]),
    ];
    backend(
      packedHandlers(state, () => [range("w1", { left: 1 })], {
        take_waybill: () => {
          throw answers.shift();
        },
      }),
    );
    renderScreen("en");
    await openPacked();
    fireEvent.click(await screen.findByTestId("ship-take-waybill"));
    expect((await screen.findByTestId("error-ship-courier")).textContent).toBe("No pre-bought ZTO Express numbers are left; add a range under “Waybill ranges” first.");
    fireEvent.click(screen.getByTestId("ship-take-waybill"));
    expect((await screen.findByTestId("form-error")).textContent).toContain("the order is shipped");
    expect(screen.queryByTestId("error-ship-courier")).toBeNull();
  });
});
