// Ticking orders in the list and what is done with them at once: the pick list (products, lots,
// shortages, printing it) and the labels of those that can have one.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { PickList } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { OrdersScreen } from "./OrdersScreen";
import { backend, callsOf, invokeMock, order, orderHandlers, packed } from "./orderTestData";

const orders = [
  order({ id: "o1", number: "20251128-0001" }),
  packed({ id: "o2", number: "20251128-0002", courier: "SF", waybill: "SF1234567890123" }),
  packed({ id: "o3", number: "20251128-0003" }),
];

const list: PickList = {
  orders: 2,
  products: [
    {
      productId: "p-kiwi",
      productName: "红心猕猴桃",
      stockUnit: "jin",
      quantity: "15.000",
      orders: 2,
      lots: [
        { lotId: "l1", quantity: "10", bestBefore: "2025-12-01", receivedOn: "2025-11-20" },
        { lotId: "l2", quantity: "3", bestBefore: "2025-12-05", receivedOn: "2025-11-25" },
      ],
      short: "2.000",
    },
    { productId: "p-chilli", productName: "油泼辣椒", stockUnit: "bottle", quantity: "1", orders: 1, lots: [{ lotId: "l3", quantity: "1", bestBefore: null, receivedOn: "2025-10-01" }], short: "0" },
  ],
};

function renderScreen() {
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <OrdersScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function tick(id: string) {
  const row = screen.getAllByTestId("order-row").find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no row ${id}`);
  fireEvent.click(within(row).getByTestId("order-select"));
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
});

describe("batch actions", () => {
  it("are off until orders are ticked; select-all ticks the page", async () => {
    backend(orderHandlers(orders));
    renderScreen();
    await screen.findAllByTestId("order-row");
    expect((screen.getByTestId("orders-pick-list") as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId("orders-print-labels") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("orders-select-all"));
    expect(screen.getByTestId("orders-selected").textContent).toBe("已选 3 单");
    expect((screen.getByTestId("orders-pick-list") as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(screen.getByTestId("orders-select-clear"));
    expect(screen.getByTestId("orders-selected").textContent).toBe("已选 0 单");
  });

  it("shows the pick list of the ticked orders with lots and shortages, and prints it", async () => {
    backend({
      ...orderHandlers(orders),
      pick_list: () => list,
      print_pick_list: () => ({ path: "/data/documents/picklists/p.pdf", bytes: 10 }),
      print_setup: () => ({ printers: [], cannotPrint: "no_cups", viewer: true }),
      open_document: () => null,
    });
    renderScreen();
    await screen.findAllByTestId("order-row");
    tick("o1");
    tick("o2");
    fireEvent.click(screen.getByTestId("orders-pick-list"));
    const dialog = await screen.findByTestId("pick-list");
    const rows = await within(dialog).findAllByTestId("pick-product");
    expect(callsOf("pick_list")).toEqual([{ query: { orderIds: ["o1", "o2"] } }]);
    expect(within(dialog).getByTestId("pick-list-summary").textContent).toContain("2 个订单");
    expect(rows).toHaveLength(2);
    expect(rows[0]?.getAttribute("data-short")).toBe("true");
    expect(rows[1]?.getAttribute("data-short")).toBeNull();
    expect(within(rows[0] as HTMLElement).getByTestId("pick-quantity").textContent).toBe("15 斤");
    const lots = within(rows[0] as HTMLElement).getAllByTestId("pick-lot");
    expect(lots[0]?.textContent).toContain("10 斤");
    expect(lots[0]?.textContent).toContain("2025-12-01");
    expect(within(rows[0] as HTMLElement).getByTestId("pick-short").textContent).toBe("还缺 2 斤");
    expect(within(rows[1] as HTMLElement).queryByTestId("pick-short")).toBeNull();
    expect(within(dialog).getByTestId("pick-list-short").textContent).toContain("1 样");

    fireEvent.click(within(dialog).getByTestId("pick-list-print"));
    await within(dialog).findByTestId("print-choice");
    expect(callsOf("print_pick_list")).toEqual([{ query: { orderIds: ["o1", "o2"] } }]);
    fireEvent.click(within(dialog).getByTestId("print-open"));
    await waitFor(() => expect(callsOf("open_document")).toEqual([{ path: "/data/documents/picklists/p.pdf" }]));
  });

  it("prints the labels of the ticked orders that have a waybill and names the others", async () => {
    backend({
      ...orderHandlers(orders),
      print_labels: () => ({ path: "/data/documents/labels/batch.pdf", bytes: 10 }),
      print_setup: () => ({ printers: [{ name: "Deli-886", isDefault: true }], cannotPrint: null, viewer: true }),
    });
    renderScreen();
    await screen.findAllByTestId("order-row");
    fireEvent.click(screen.getByTestId("orders-select-all"));
    fireEvent.click(screen.getByTestId("orders-print-labels"));
    const dialog = await screen.findByTestId("labels-dialog");
    await within(dialog).findByTestId("print-choice");
    expect(callsOf("print_labels")).toEqual([{ request: { orderIds: ["o2"], format: "100x150", size: "", dpi: 0, maskPhone: false, sort: "pick" } }]);
    const skipped = within(dialog).getByTestId("labels-skipped").textContent ?? "";
    // Paid: a waybill is all its label needs (given before packing on a busy day).
    expect(skipped).toContain("20251128-0001：还没有快递单号");
    expect(skipped).toContain("20251128-0003：还没有快递单号");
    // Another size makes them again.
    fireEvent.change(within(dialog).getByTestId("label-format"), { target: { value: "a4" } });
    await waitFor(() => expect(callsOf("print_labels")).toHaveLength(2));
    expect(callsOf("print_labels")[1]).toEqual({ request: { orderIds: ["o2"], format: "a4", size: "", dpi: 0, maskPhone: false, sort: "pick" } });
    expect(await within(dialog).findByTestId("print-send")).toBeTruthy();
  });
});
