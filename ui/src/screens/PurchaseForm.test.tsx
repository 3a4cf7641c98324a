// The purchase form and screen against a mocked Rust side: lines go out as typed strings, every line
// error lands next to its field, the price/total hint is exact, and a saved purchase closes the form.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Farmer, Language, ListQuery, Product, Purchase, PurchaseInput } from "../bindings";
import { offered, pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { lineSums, PurchaseForm, withoutLine } from "./PurchaseForm";
import { PurchasesScreen } from "./PurchasesScreen";

const invokeMock = vi.mocked(invoke);

const farmer: Farmer = {
  id: "f1",
  name: "王大叔",
  village: "修文县",
  phone: "",
  paymentNotes: "",
  remarks: "",
  archived: false,
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
  searchKey: "wangdashu wds",
};

function product(id: string, nameZh: string, stockUnit: string, searchKey: string): Product {
  return {
    id,
    nameZh,
    nameEn: null,
    saleUnit: "box:5:jin",
    stockUnit,
    perishable: true,
    shelfLifeDays: 14,
    price: "68.00",
    weightKg: "2.6",
    kind: "goods",
    reorderPoint: null,
    barcode: null,
    archived: false,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    searchKey,
  };
}

const kiwi = product("p1", "红心猕猴桃", "jin", "hongxinmihoutao hxmht");
const eggs = product("p2", "土鸡蛋", "piece", "tujidan tjd");

type Handler = (args: Record<string, unknown> | undefined) => unknown;

/** A fake Rust side: farmers and products for the selects, and whatever else the test gives. */
function backend(handlers: Record<string, Handler> = {}) {
  const all: Record<string, Handler> = {
    list_farmers: () => ({ items: [farmer], total: 1 }),
    list_products: () => ({ items: [kiwi, eggs], total: 2 }),
    ...handlers,
  };
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = all[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

function renderForm(language: Language = "zh-CN") {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nProvider language={language}>
      <PurchaseForm onSaved={onSaved} onCancel={onCancel} />
    </I18nProvider>,
  );
  return { onSaved, onCancel };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

/** Waits until the pickers offer the farmers and products. */
async function choicesLoaded() {
  await waitFor(() => expect(offered("purchase-line-0-productId")).toContain("红心猕猴桃"));
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("PurchaseForm", () => {
  it("offers the active farmers and products and defaults the unit to the product's stock unit", async () => {
    backend();
    renderForm();
    await choicesLoaded();
    expect(callsOf("list_farmers")).toEqual([{ query: { search: "", includeArchived: false, limit: 500, offset: 0, kind: "" } }]);
    expect(callsOf("list_products")).toEqual([{ query: { search: "", includeArchived: false, limit: 500, offset: 0, kind: "" } }]);
    expect(offered("purchase-farmerId")).toEqual(["王大叔"]);
    expect(offered("purchase-line-0-productId")).toEqual(["红心猕猴桃", "土鸡蛋"]);
    expect(valueOf("purchase-receivedOn")).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Owed unless someone says it was paid: a forgotten change never loses a debt to a farmer.
    expect(valueOf("purchase-payment")).toBe("owed");

    pick("purchase-line-0-productId", "hxmht", "红心猕猴桃");
    expect(valueOf("purchase-line-0-unit")).toBe("斤");
    // The unit follows another product while it is still the product's own.
    pick("purchase-line-0-productId", "jidan", "土鸡蛋");
    expect(valueOf("purchase-line-0-unit")).toBe("个");
    // A unit typed by hand stays.
    type("purchase-line-0-unit", "公斤");
    pick("purchase-line-0-productId", "hxmht", "红心猕猴桃");
    expect(valueOf("purchase-line-0-unit")).toBe("公斤");
  });

  it("sends the typed lines as strings and shows three line errors next to their fields", async () => {
    backend({
      receive_purchase: () => {
        throw {
          kind: "validation",
          field: "lines.0.quantity",
          rule: "must_be_positive",
          message: "lines.0.quantity must be positive; ...",
          errors: [
            { field: "lines.0.quantity", rule: "must_be_positive", message: "lines.0.quantity must be positive" },
            { field: "lines.1.lineTotal", rule: "price_and_total_disagree", message: "lines.1.lineTotal: 23.5 × 3.2750 = 76.96, not 80.00" },
            { field: "lines.1.bestBefore", rule: "best_before_before_harvest", message: "best before is before the harvest" },
          ],
        };
      },
    });
    const { onSaved } = renderForm();
    await choicesLoaded();

    pick("purchase-farmerId", "wds", "王大叔");
    type("purchase-receivedOn", "2025-09-20");
    type("purchase-payment", "owed");
    type("purchase-note", "雨后摘的");
    pick("purchase-line-0-productId", "hxmht", "红心猕猴桃");
    type("purchase-line-0-grade", "特级");
    type("purchase-line-0-quantity", "0");
    type("purchase-line-0-unitPrice", "4.5");
    fireEvent.click(screen.getByTestId("purchase-add-line"));
    pick("purchase-line-1-productId", "hxmht", "红心猕猴桃");
    type("purchase-line-1-grade", "小果");
    type("purchase-line-1-quantity", "23.5");
    type("purchase-line-1-unitPrice", "3.2750");
    type("purchase-line-1-lineTotal", "80.00");
    type("purchase-line-1-harvestedOn", "2025-09-18");
    type("purchase-line-1-bestBefore", "2025-09-01");
    fireEvent.click(screen.getByTestId("purchase-save"));

    expect((await screen.findByTestId("error-purchase-lines-0-quantity")).textContent).toBe("数量要大于 0。");
    expect(screen.getByTestId("error-purchase-lines-1-lineTotal").textContent).toBe("金额和单价 × 数量对不上，只填其中一个就行。");
    expect(screen.getByTestId("error-purchase-lines-1-bestBefore").textContent).toBe("保质期到不能早于采摘日期。");
    expect(document.querySelectorAll("[data-testid^='error-purchase-']")).toHaveLength(3);
    expect(screen.queryByTestId("form-error")).toBeNull();
    // Each message is next to its own field, which is marked and described by it.
    for (const [input, error] of [
      ["purchase-line-0-quantity", "error-purchase-lines-0-quantity"],
      ["purchase-line-1-lineTotal", "error-purchase-lines-1-lineTotal"],
      ["purchase-line-1-bestBefore", "error-purchase-lines-1-bestBefore"],
    ] as const) {
      const field = screen.getByTestId(input);
      expect(field.getAttribute("aria-invalid"), input).toBe("true");
      expect(field.getAttribute("aria-describedby"), input).toContain(error);
      expect(field.closest(".field")?.contains(screen.getByTestId(error)), input).toBe(true);
    }
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("purchase-line-0-quantity")));

    // Everything went to Rust as typed, as strings, and is still on screen.
    expect(callsOf("receive_purchase")).toEqual([
      {
        input: {
          farmerId: "f1",
          receivedOn: "2025-09-20",
          payment: "owed",
          note: "雨后摘的",
          lines: [
            { productId: "p1", grade: "特级", quantity: "0", unit: "斤", unitPrice: "4.5", lineTotal: "", harvestedOn: "", bestBefore: "" },
            { productId: "p1", grade: "小果", quantity: "23.5", unit: "斤", unitPrice: "3.2750", lineTotal: "80.00", harvestedOn: "2025-09-18", bestBefore: "2025-09-01" },
          ],
        },
      },
    ]);
    expect(valueOf("purchase-line-1-lineTotal")).toBe("80.00");
    expect(valueOf("purchase-note")).toBe("雨后摘的");
    expect(onSaved).not.toHaveBeenCalled();

    // Removing the first line takes its message with it; the second line's move up with it.
    fireEvent.click(screen.getByTestId("purchase-line-0-remove"));
    expect(screen.queryByTestId("purchase-line-1-quantity")).toBeNull();
    expect(valueOf("purchase-line-0-quantity")).toBe("23.5");
    expect(screen.queryByTestId("error-purchase-lines-0-quantity")).toBeNull();
    expect(screen.getByTestId("error-purchase-lines-0-lineTotal")).toBeTruthy();
    expect(screen.getByTestId("error-purchase-lines-0-bestBefore")).toBeTruthy();

    // Correcting the price clears the price/total message.
    type("purchase-line-0-unitPrice", "");
    expect(screen.queryByTestId("error-purchase-lines-0-lineTotal")).toBeNull();
  });

  it("works out the line total from the unit price exactly, and the unit price from the total", async () => {
    backend();
    renderForm();
    await choicesLoaded();
    pick("purchase-line-0-productId", "hxmht", "红心猕猴桃");
    type("purchase-line-0-quantity", "23.5");
    type("purchase-line-0-unitPrice", "3.2750");
    // 3.2750 元/斤 × 23.5 斤 = 76.9625, rounded half away from zero: ¥76.96
    expect(screen.getByTestId("hint-purchase-line-0-lineTotal").textContent).toBe("算出来是 ¥76.96");
    expect(screen.getByTestId("purchase-total").textContent).toContain("¥76.96");
    expect(valueOf("purchase-line-0-lineTotal")).toBe("");

    type("purchase-line-0-quantity", "0.5");
    type("purchase-line-0-unitPrice", "0.25");
    // 0.125 -> 0.13 (away from zero, not to even)
    expect(screen.getByTestId("hint-purchase-line-0-lineTotal").textContent).toBe("算出来是 ¥0.13");

    type("purchase-line-0-unitPrice", "");
    type("purchase-line-0-quantity", "3");
    type("purchase-line-0-lineTotal", "100");
    expect(screen.getByTestId("hint-purchase-line-0-unitPrice").textContent).toBe("算出来是 ¥33.3333/斤");
    expect(screen.queryByTestId("hint-purchase-line-0-lineTotal")).toBeNull();

    fireEvent.click(screen.getByTestId("purchase-add-line"));
    type("purchase-line-1-quantity", "3");
    type("purchase-line-1-unitPrice", "0.1");
    expect(screen.getByTestId("purchase-total").textContent).toContain("¥100.30");
  });

  it("says when price and total typed together disagree", () => {
    expect(lineSums({ productId: "", grade: "", quantity: "23.5", unit: "", unitPrice: "3.2750", lineTotal: "80", harvestedOn: "", bestBefore: "" })).toMatchObject({
      disagree: true,
      unitPrice: null,
    });
    const agree = lineSums({ productId: "", grade: "", quantity: "23.5", unit: "", unitPrice: "3.2750", lineTotal: "76.96", harvestedOn: "", bestBefore: "" });
    expect(agree.disagree).toBe(false);
    expect(agree.computedTotal).toBeNull();
  });

  it("moves line messages up when a line is removed", () => {
    const issue = (field: string) => ({ field, rule: "required", message: field });
    const errors = {
      fields: { farmerId: issue("farmerId"), "lines.0.quantity": issue("a"), "lines.1.grade": issue("b"), "lines.2.unit": issue("c") },
      form: null,
    };
    expect(Object.keys(withoutLine(errors, 1).fields)).toEqual(["farmerId", "lines.0.quantity", "lines.1.unit"]);
  });

  it("shows a missing line error under the lines and an unknown farmer under its select", async () => {
    backend({
      receive_purchase: () => {
        throw {
          kind: "validation",
          field: "farmerId",
          rule: "unknown_record",
          message: "x",
          errors: [
            { field: "farmerId", rule: "unknown_record", message: "farmer not found" },
            { field: "lines", rule: "required", message: "no lines" },
          ],
        };
      },
    });
    renderForm("en");
    await waitFor(() => expect(offered("purchase-farmerId")).toEqual(["王大叔"]));
    pick("purchase-farmerId", "wds", "王大叔");
    fireEvent.click(screen.getByTestId("purchase-line-0-remove"));
    fireEvent.click(screen.getByTestId("purchase-save"));
    expect((await screen.findByTestId("error-purchase-farmerId")).textContent).toContain("Farmer no longer exists");
    expect(screen.getByTestId("error-purchase-lines").textContent).toBe("Lines is required.");
    // The farmer comes first on screen, so it has the focus.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("purchase-farmerId")));
    expect(screen.queryByTestId("form-error")).toBeNull();
    expect(callsOf("receive_purchase")).toEqual([{ input: expect.objectContaining({ farmerId: "f1", lines: [] }) }]);
  });

  it("starts the payment as the chosen farmer's usual one, back to owed for one with none, and never over the person's choice", async () => {
    const zhang: Farmer = { ...farmer, id: "f2", name: "张阿姨", searchKey: "zhangayi zay" };
    const habits: Record<string, unknown> = {
      f1: { farmerId: "f1", purchasePayment: "wechat", payMethod: "cash" },
      f2: { farmerId: "f2", purchasePayment: null, payMethod: null },
    };
    backend({
      list_farmers: () => ({ items: [farmer, zhang], total: 2 }),
      farmer_habits: (args) => habits[String(args?.farmerId)],
    });
    renderForm();
    await choicesLoaded();
    expect(valueOf("purchase-payment")).toBe("owed");
    expect(callsOf("farmer_habits")).toEqual([]);

    pick("purchase-farmerId", "wds", "王大叔");
    await waitFor(() => expect(valueOf("purchase-payment")).toBe("wechat"));
    expect(callsOf("farmer_habits")).toEqual([{ farmerId: "f1" }]);
    expect(screen.getByTestId("purchase-form").textContent).toContain("按这位农户上次的付款方式");

    // Another farmer, never bought from: owed again, not the first one's way.
    pick("purchase-farmerId", "zay", "张阿姨");
    await waitFor(() => expect(valueOf("purchase-payment")).toBe("owed"));
    expect(screen.getByTestId("purchase-form").textContent).not.toContain("按这位农户上次的付款方式");

    // Once the person picks the payment, choosing a farmer leaves it alone.
    type("purchase-payment", "cash");
    pick("purchase-farmerId", "wds", "王大叔");
    await waitFor(() => expect(callsOf("farmer_habits")).toHaveLength(3));
    await act(async () => undefined);
    expect(valueOf("purchase-payment")).toBe("cash");
  });

  it("asks before Cancel throws away a typed line", async () => {
    backend();
    const { onCancel } = renderForm();
    await choicesLoaded();
    type("purchase-line-0-quantity", "10");
    fireEvent.click(screen.getByTestId("purchase-cancel"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect(valueOf("purchase-line-0-quantity")).toBe("10");
    fireEvent.click(screen.getByTestId("purchase-cancel"));
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

describe("PurchaseForm opened on the plan's draft", () => {
  // The plan hands over unit codes ("jin", "box:5:jin"); the trial saw "jin" and "元/jin" in the Chinese form.
  const draft: PurchaseInput = {
    farmerId: "f1",
    receivedOn: "2026-12-07",
    payment: "owed",
    note: "",
    lines: [
      { productId: "p1", grade: "特级", quantity: "52", unit: "jin", unitPrice: "4.2", lineTotal: "", harvestedOn: "", bestBefore: "" },
      { productId: "p2", grade: "", quantity: "3", unit: "box:5:jin", unitPrice: "", lineTotal: "", harvestedOn: "", bestBefore: "" },
    ],
  };

  function renderDraft(language: Language) {
    render(
      <I18nProvider language={language}>
        <PurchaseForm onSaved={vi.fn()} onCancel={vi.fn()} draft={draft} />
      </I18nProvider>,
    );
  }

  it("names every unit in Chinese: 斤 and 元/斤, never jin", async () => {
    backend();
    renderDraft("zh-CN");
    await choicesLoaded();
    expect(valueOf("purchase-line-0-unit")).toBe("斤");
    expect(valueOf("purchase-line-1-unit")).toBe("箱(5斤)");
    const form = screen.getByTestId("purchase-form");
    expect(form.textContent).toContain("元/斤");
    const values = Array.from(form.querySelectorAll("input, select")).map((el) => (el as HTMLInputElement).value);
    for (const text of [form.textContent ?? "", ...values]) expect(text).not.toMatch(/jin|box/i);
    // The draft's figures are kept as the plan gave them.
    expect(valueOf("purchase-line-0-quantity")).toBe("52");
    expect(valueOf("purchase-line-0-unitPrice")).toBe("4.2");
  });

  it("says jin in English", async () => {
    backend();
    renderDraft("en");
    await choicesLoaded();
    expect(valueOf("purchase-line-0-unit")).toBe("jin");
    expect(valueOf("purchase-line-1-unit")).toBe("box of 5 jin");
  });
});

describe("PurchasesScreen", () => {
  const saved: Purchase = {
    id: "u1",
    farmerId: "f1",
    farmerName: "王大叔",
    receivedOn: "2025-09-20",
    payment: "owed",
    total: "76.96",
    note: "",
    lines: [{ lotId: "l1", productId: "p1", productName: "红心猕猴桃", grade: "特级", quantity: "23.5", unit: "jin", unitPrice: "3.2750", lineTotal: "76.96", bestBefore: "2025-10-04" }],
    createdAt: "2025-09-20T02:00:00Z",
    reversedOn: null,
    reversalReason: null,
  };

  it("lists purchases from the database, receives one, says so and reloads", async () => {
    let purchases: Purchase[] = [];
    backend({
      list_purchases: (args) => {
        const q = (args as { query: ListQuery }).query;
        return { items: purchases.slice(q.offset, q.offset + q.limit), total: purchases.length };
      },
      receive_purchase: () => {
        purchases = [saved];
        return saved;
      },
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <PurchasesScreen />
        </ToastProvider>
      </I18nProvider>,
    );
    expect(await screen.findByTestId("purchases-empty")).toBeTruthy();
    expect(callsOf("list_purchases")).toEqual([{ query: { search: "", includeArchived: false, limit: 50, offset: 0, kind: "" } }]);

    fireEvent.click(screen.getByTestId("purchases-add"));
    await choicesLoaded();
    pick("purchase-farmerId", "wds", "王大叔");
    pick("purchase-line-0-productId", "hxmht", "红心猕猴桃");
    type("purchase-line-0-quantity", "23.5");
    type("purchase-line-0-unitPrice", "3.2750");
    fireEvent.click(screen.getByTestId("purchase-save"));

    expect((await screen.findByTestId("toast")).textContent).toContain("进货已保存：王大叔，合计 ¥76.96");
    expect(screen.queryByTestId("purchase-form")).toBeNull();
    const row = await screen.findByTestId("purchase-row");
    expect(row.getAttribute("data-id")).toBe("u1");
    expect(row.textContent).toContain("2025-09-20");
    expect(row.textContent).toContain("王大叔");
    expect(row.textContent).toContain("欠款");
    expect(row.textContent).toContain("¥76.96");
    expect(row.textContent).toContain("1 项");
    expect(row.textContent).toContain("红心猕猴桃");
  });
});
