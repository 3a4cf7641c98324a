// The daily shipping round against a mocked Rust side: scanning parcels out (counts, the last scans,
// a wrong scan's red flash and beep, a repeated scan, undo), scan-to-pack on the orders screen, and
// waybills assigned to the ticked orders.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Order, ScanShipped } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { OrdersScreen } from "./OrdersScreen";
import { backend, callsOf, invokeMock, order, orderHandlers, packed, rejection } from "./orderTestData";
import { ScanShipScreen } from "./ScanShipScreen";

/** A fake WebAudio: counts the beeps. */
let beeps = 0;
class FakeAudio {
  currentTime = 0;
  destination = {};
  createOscillator() {
    return {
      type: "",
      frequency: { value: 0 },
      connect: () => undefined,
      start: () => {
        beeps += 1;
      },
      stop: () => undefined,
      onended: null,
    };
  }
  createGain() {
    return { gain: { value: 0 }, connect: () => undefined };
  }
  close() {
    return Promise.resolve();
  }
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
  beeps = 0;
  vi.stubGlobal("AudioContext", FakeAudio);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

function renderScan() {
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <ScanShipScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function scan(code: string) {
  const input = screen.getByTestId("scan-ship-input");
  fireEvent.change(input, { target: { value: code } });
  fireEvent.keyDown(input, { key: "Enter" });
}

/** Rust as far as scanning goes: packed orders by waybill; a second scan is refused. */
function shippingBackend(orders: Order[]) {
  const shipped = new Set<string>();
  let today = 4;
  backend({
    shipped_today: () => today,
    ship_scanned: (args) => {
      const code = String(args?.code);
      const found = orders.find((o) => o.waybill === code || o.number === code);
      if (!found) throw rejection([{ field: "code", rule: "unknown_record", params: { code } }]);
      if (shipped.has(found.id)) throw rejection([{ field: "code", rule: "already_shipped", params: { number: found.number, from: "shipped", to: "shipped" } }]);
      if (found.state !== "packed") throw rejection([{ field: "code", rule: "not_allowed", params: { number: found.number, from: found.state, to: "shipped" } }]);
      shipped.add(found.id);
      today += 1;
      const answer: ScanShipped = { order: { ...found, state: "shipped" }, shippedToday: today };
      return answer;
    },
    unship_order: (args) => {
      const found = orders.find((o) => o.id === args?.id);
      if (!found) throw rejection([{ field: "id", rule: "unknown_record" }]);
      shipped.delete(found.id);
      today -= 1;
      return { ...found, state: "packed" };
    },
  });
}

const a = packed({ id: "a", number: "20261207-0001", courier: "ZTO", waybill: "75120000000001" });
const b = packed({ id: "b", number: "20261207-0002", courier: "ZTO", waybill: "75120000000002" });
const unpacked = order({ id: "c", number: "20261207-0003", state: "paid", courier: "ZTO", waybill: "75120000000003" });

describe("scan to ship", () => {
  it("ships each scanned parcel, counts the session and the day, lists the scans and keeps the input focused", async () => {
    shippingBackend([a, b]);
    renderScan();
    const input = screen.getByTestId("scan-ship-input");
    expect(document.activeElement).toBe(input);
    expect(screen.getByTestId("scan-ship-session").textContent).toBe("0");
    await waitFor(() => expect(screen.getByTestId("scan-ship-today").textContent).toBe("4"));
    scan("75120000000001");
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("1"));
    scan(" 20261207-0002 ");
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("2"));
    expect(screen.getByTestId("scan-ship-today").textContent).toBe("6");
    expect(callsOf("ship_scanned")).toEqual([{ code: "75120000000001" }, { code: "20261207-0002" }]);
    const rows = screen.getAllByTestId("scan-ship-row");
    expect(rows.map((r) => r.getAttribute("data-number"))).toEqual(["20261207-0002", "20261207-0001"]);
    expect(screen.queryByTestId("scan-ship-error")).toBeNull();
    expect(beeps).toBe(0);
    expect((input as HTMLInputElement).value).toBe("");
    expect(document.activeElement).toBe(input);
  });

  it("flashes red and beeps for a code of no order and for an order not packed, counting nothing", async () => {
    shippingBackend([a, unpacked]);
    renderScan();
    scan("SF0000000000");
    const error = await screen.findByTestId("scan-ship-error");
    expect(error.textContent).toBe("“SF0000000000”不是任何订单的单号。");
    expect(error.getAttribute("data-rule")).toBe("unknown_record");
    expect(beeps).toBe(1);
    scan("75120000000003");
    await waitFor(() => expect(screen.getByTestId("scan-ship-error").textContent).toBe("订单 20261207-0003 还没打包，先打包再发货。"));
    expect(beeps).toBe(2);
    expect(screen.getByTestId("scan-ship-session").textContent).toBe("0");
    expect(screen.getAllByTestId("scan-ship-row").every((r) => r.getAttribute("data-ok") === "false")).toBe(true);
    expect(document.activeElement).toBe(screen.getByTestId("scan-ship-input"));
  });

  it("refuses a repeated scan aloud: 这单已经发货了, and the count stays", async () => {
    shippingBackend([a]);
    renderScan();
    scan("75120000000001");
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("1"));
    scan("75120000000001");
    const error = await screen.findByTestId("scan-ship-error");
    expect(error.textContent).toContain("这单已经发货了");
    expect(error.getAttribute("data-rule")).toBe("already_shipped");
    expect(beeps).toBe(1);
    expect(screen.getByTestId("scan-ship-session").textContent).toBe("1");
    expect(screen.getByTestId("scan-ship-today").textContent).toBe("5");
  });

  it("scans made quickly one after another reach Rust in order", async () => {
    shippingBackend([a, b]);
    renderScan();
    scan("75120000000002");
    scan("75120000000001");
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("2"));
    expect(callsOf("ship_scanned")).toEqual([{ code: "75120000000002" }, { code: "75120000000001" }]);
  });

  it("undoes the last scan: the order is packed again and both counts go down", async () => {
    shippingBackend([a, b]);
    renderScan();
    scan("75120000000001");
    scan("75120000000002");
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("2"));
    const undo = screen.getByTestId("scan-ship-undo");
    expect(undo.textContent).toContain("20261207-0002");
    fireEvent.click(undo);
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("1"));
    expect(callsOf("unship_order")).toEqual([{ id: "b" }]);
    expect(screen.getByTestId("scan-ship-today").textContent).toBe("5");
    const rows = screen.getAllByTestId("scan-ship-row");
    expect(rows[0]?.getAttribute("data-ok")).toBe("false");
    // Only the newest scan is undone: no second undo reaches back to an older one.
    expect(screen.queryByTestId("scan-ship-undo")).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId("scan-ship-input"));
  });

  it("says so when the marketplace has been told and the undo is refused", async () => {
    shippingBackend([a]);
    renderScan();
    scan("75120000000001");
    await waitFor(() => expect(screen.getByTestId("scan-ship-session").textContent).toBe("1"));
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "unship_order") throw rejection([{ field: "id", rule: "already_sent", params: { number: a.number } }]);
      throw `Command ${cmd} not found`;
    });
    fireEvent.click(screen.getByTestId("scan-ship-undo"));
    await waitFor(() => expect(screen.getByTestId("scan-ship-error").textContent).toBe("网店已经收到订单 20261207-0001 的发货通知，不能撤销了。"));
    expect(screen.getByTestId("scan-ship-session").textContent).toBe("1");
  });
});

function renderOrders() {
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <OrdersScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

describe("scan to pack", () => {
  it("is focused when the screen opens and opens the scanned order at its pack step", async () => {
    const paid = order({ id: "p", number: "20261207-0009", courier: "ZTO", waybill: "75120000000009" });
    backend({
      ...orderHandlers([paid]),
      find_order_by_code: (args) => {
        if (args?.code === "75120000000009") return paid;
        throw rejection([{ field: "code", rule: "unknown_record", params: { code: String(args?.code) } }]);
      },
      suggest_packaging: () => ({ packaging: [], weightKg: "", rule: null }),
      current_member: () => null,
    });
    renderOrders();
    const field = screen.getByTestId("scan-to-pack");
    expect(document.activeElement).toBe(field);
    fireEvent.change(field, { target: { value: "nothing-here" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect((await screen.findByTestId("scan-to-pack-error")).textContent).toBe("“nothing-here”不是任何订单的单号，请再看看。");
    fireEvent.change(field, { target: { value: "75120000000009" } });
    fireEvent.keyDown(field, { key: "Enter" });
    await screen.findByTestId("pack-form");
    expect(screen.getByTestId("order-detail").getAttribute("data-id")).toBe("p");
  });
});

describe("assign waybills", () => {
  it("gives the ticked orders numbers, then their labels print in the pick list's order", async () => {
    const one = order({ id: "o1", number: "20261207-0001" });
    const two = order({ id: "o2", number: "20261207-0002" });
    backend({
      ...orderHandlers([one, two]),
      list_waybill_ranges: () => [
        { id: "r", courier: "ZTO", first: "75120000000001", last: "75120000000010", next: "75120000000001", left: 10, note: "", createdAt: "" },
      ],
      assign_waybills: () => ({
        orders: [
          { orderId: "o1", number: one.number, courier: "ZTO", waybill: "75120000000001", kept: false },
          { orderId: "o2", number: two.number, courier: "ZTO", waybill: "75120000000002", kept: false },
        ],
        given: 2,
        kept: 0,
      }),
      print_labels: () => ({ path: "/data/documents/labels/l.pdf", name: "l.pdf", bytes: 1000 }),
      print_setup: () => ({ printers: [], cannotPrint: "no_cups", viewer: true }),
    });
    renderOrders();
    await screen.findAllByTestId("order-row");
    fireEvent.click(screen.getByTestId("orders-select-all"));
    fireEvent.click(screen.getByTestId("orders-assign-waybills"));
    const courier = (await screen.findByTestId("assign-courier")) as HTMLSelectElement;
    await waitFor(() => expect(courier.value).toBe("ZTO"));
    fireEvent.click(screen.getByTestId("assign-save"));
    const result = await screen.findByTestId("assign-result");
    expect(result.getAttribute("data-given")).toBe("2");
    expect(callsOf("assign_waybills")).toEqual([{ input: { orderIds: ["o1", "o2"], courier: "ZTO" } }]);
    fireEvent.click(screen.getByTestId("assign-close"));
    fireEvent.click(screen.getByTestId("orders-print-labels"));
    await waitFor(() => expect(callsOf("print_labels")).toHaveLength(1));
    expect(callsOf("print_labels")[0]).toEqual({ request: expect.objectContaining({ orderIds: ["o1", "o2"], sort: "pick" }) });
  });

  it("says how many numbers are left and how many are needed when the range is short", async () => {
    const one = order({ id: "o1", number: "20261207-0001" });
    backend({
      ...orderHandlers([one]),
      list_waybill_ranges: () => [],
      assign_waybills: () => {
        throw rejection([{ field: "courier", rule: "no_numbers_left", params: { left: "0", needed: "1", courier: "ZTO" } }]);
      },
    });
    renderOrders();
    await screen.findAllByTestId("order-row");
    fireEvent.click(screen.getByTestId("orders-select-all"));
    fireEvent.click(screen.getByTestId("orders-assign-waybills"));
    const courier = await screen.findByTestId("assign-courier");
    await act(async () => {
      fireEvent.change(courier, { target: { value: "ZTO" } });
    });
    fireEvent.click(screen.getByTestId("assign-save"));
    expect((await screen.findByTestId("assign-error")).textContent).toBe(
      "中通的预购单号只剩 0 个，这次需要 1 个，一个都没有分配。请先在“快递单号段”里添加新号段。",
    );
  });
});
