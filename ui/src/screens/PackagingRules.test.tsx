// The packaging rules dialog against a mocked Rust side: the list (any goods, "up to N" in the
// product's sale unit, the items), adding and editing (the PackagingRuleInput it sends), Rust's field
// messages at their fields, and deleting after asking.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, PackagingRule, PackagingRuleInput } from "../bindings";
import { chosen, offered, offeredOptions, pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { OrdersScreen } from "./OrdersScreen";
import { backend, box, callsOf, chilli, ice, invokeMock, kiwi, order, orderHandlers, rejection, type Handler } from "./orderTestData";

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <OrdersScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

function productsOfKind(args: Record<string, unknown> | undefined) {
  const kind = (args?.query as { kind?: string } | undefined)?.kind ?? "";
  const items = [kiwi, chilli, box, ice].filter((p) => kind === "" || p.kind === kind);
  return { items, total: items.length };
}

const kiwiRule: PackagingRule = {
  id: "r1",
  productId: kiwi.id,
  productName: "红心猕猴桃",
  upTo: "2.000",
  packaging: [
    { productId: box.id, productName: "五斤装纸箱", stockUnit: "piece", quantity: "2.000" },
    { productId: ice.id, productName: "冰袋", stockUnit: "piece", quantity: "1.000" },
  ],
  note: "夏天多放冰袋",
};

const anyRule: PackagingRule = {
  id: "r2",
  productId: "",
  productName: "",
  upTo: "3",
  packaging: [{ productId: box.id, productName: "五斤装纸箱", stockUnit: "piece", quantity: "1" }],
  note: "",
};

function handlers(rules: PackagingRule[], extra: Record<string, Handler> = {}): Record<string, Handler> {
  return { ...orderHandlers([order()]), list_products: productsOfKind, list_packaging_rules: () => rules, ...extra };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

async function openRules(): Promise<HTMLElement> {
  await screen.findByTestId("order-row");
  fireEvent.click(screen.getByTestId("orders-packaging-rules"));
  return screen.findByTestId("packaging-rules");
}

/** Waits until the pickers have their products. */
async function productsLoaded() {
  await waitFor(() => expect(offered("rule-productId")).toHaveLength(3));
  await waitFor(() => expect(offered("rule-item-0-productId")).toHaveLength(2));
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
});

describe("packaging rules dialog", () => {
  it("lists the rules: the product or any goods, up to N sale units, the items and the note", async () => {
    backend(handlers([kiwiRule, anyRule]));
    renderScreen();
    const dialog = await openRules();
    const rows = await within(dialog).findAllByTestId("packaging-rule-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["r1", "r2"]);
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(first.textContent).toContain("红心猕猴桃");
    await waitFor(() => expect(within(first).getByTestId("rule-upto").textContent).toBe("至多 2 箱"));
    expect(within(first).getByTestId("rule-items").textContent).toBe("五斤装纸箱 ×2个、冰袋 ×1个");
    expect(first.textContent).toContain("夏天多放冰袋");
    expect(second.textContent).toContain("通用（其他商品）");
    expect(within(second).getByTestId("rule-upto").textContent).toBe("至多 3 件");
  });

  it("says so when there are no rules, in English too", async () => {
    backend(handlers([]));
    renderScreen("en");
    const dialog = await openRules();
    expect((await within(dialog).findByTestId("packaging-rules-empty")).textContent).toContain("No packaging rules yet");
  });

  it("adds a rule: product, up to in its sale unit, packaging items in their stock unit, note", async () => {
    let rules: PackagingRule[] = [];
    backend(
      handlers([], {
        list_packaging_rules: () => rules,
        save_packaging_rule: (args) => {
          const input = args?.input as PackagingRuleInput;
          rules = [{ ...kiwiRule, id: "r9", upTo: input.upTo, note: input.note }];
          return rules[0];
        },
      }),
    );
    renderScreen();
    await openRules();
    fireEvent.click(screen.getByTestId("rule-add"));
    expect(screen.getByTestId("rule-form")).toBeTruthy();
    await productsLoaded();
    // "Any goods" first, then each goods product; the items offer packaging only.
    expect(offeredOptions("rule-productId")).toEqual([
      { value: "", label: "通用（其他商品）", detail: "" },
      { value: kiwi.id, label: "红心猕猴桃", detail: "箱(5斤)" },
      { value: chilli.id, label: "油泼辣椒", detail: "瓶" },
    ]);
    expect(offeredOptions("rule-item-0-productId").map((o) => o.value)).toEqual([box.id, ice.id]);

    pick("rule-productId", "hxmht", "红心猕猴桃");
    type("rule-upTo", "2");
    expect(screen.getByTestId("hint-rule-upTo").textContent).toContain("一箱 5 斤");
    pick("rule-item-0-productId", "zhixiang", "五斤装纸箱");
    type("rule-item-0-quantity", "2");
    fireEvent.click(screen.getByTestId("rule-add-item"));
    pick("rule-item-1-productId", "冰", "冰袋");
    type("rule-item-1-quantity", "1");
    fireEvent.click(screen.getByTestId("rule-add-item"));
    fireEvent.click(screen.getByTestId("rule-item-2-remove"));
    type("rule-note", "夏天多放冰袋");
    fireEvent.click(screen.getByTestId("rule-save"));

    await screen.findByTestId("packaging-rule-row");
    expect(screen.queryByTestId("rule-form")).toBeNull();
    expect(callsOf("save_packaging_rule")).toEqual([
      {
        input: {
          id: "",
          productId: kiwi.id,
          upTo: "2",
          packaging: [
            { productId: box.id, quantity: "2" },
            { productId: ice.id, quantity: "1" },
          ],
          note: "夏天多放冰袋",
        },
      },
    ]);
    expect(screen.getByTestId("toast").textContent).toContain("包装规则已保存");
  });

  it("edits a rule with its id, the quantities as typed", async () => {
    backend(handlers([kiwiRule], { save_packaging_rule: () => kiwiRule }));
    renderScreen();
    const dialog = await openRules();
    fireEvent.click(await within(dialog).findByTestId("rule-edit"));
    await productsLoaded();
    expect(chosen("rule-productId")).toBe(kiwi.id);
    expect(valueOf("rule-productId")).toBe("红心猕猴桃");
    expect(valueOf("rule-upTo")).toBe("2");
    expect(chosen("rule-item-0-productId")).toBe(box.id);
    expect(valueOf("rule-item-0-quantity")).toBe("2");
    expect(valueOf("rule-item-1-quantity")).toBe("1");
    type("rule-upTo", "3");
    fireEvent.click(screen.getByTestId("rule-save"));
    await waitFor(() => expect(callsOf("save_packaging_rule")).toHaveLength(1));
    expect(callsOf("save_packaging_rule")[0]).toEqual({
      input: {
        id: "r1",
        productId: kiwi.id,
        upTo: "3",
        packaging: [
          { productId: box.id, quantity: "2" },
          { productId: ice.id, quantity: "1" },
        ],
        note: "夏天多放冰袋",
      },
    });
  });

  it("shows Rust's messages at their fields and keeps the form", async () => {
    backend(
      handlers([], {
        save_packaging_rule: () => {
          throw rejection([
            { field: "productId", rule: "not_allowed" },
            { field: "upTo", rule: "must_be_positive" },
            { field: "packaging.0.productId", rule: "not_allowed" },
            { field: "packaging.0.quantity", rule: "not_a_number" },
            { field: "note", rule: "too_long" },
          ]);
        },
      }),
    );
    renderScreen();
    await openRules();
    fireEvent.click(screen.getByTestId("rule-add"));
    await productsLoaded();
    type("rule-upTo", "0");
    pick("rule-item-0-productId", "wjzzx", "五斤装纸箱");
    type("rule-item-0-quantity", "x");
    fireEvent.click(screen.getByTestId("rule-save"));
    expect((await screen.findByTestId("error-rule-productId")).textContent).toContain("只能给卖的商品定");
    expect(screen.getByTestId("error-rule-upTo").textContent).toBe("一个包裹至多装要大于 0。");
    expect(screen.getByTestId("error-rule-packaging-0-productId").textContent).toContain("只能选包装材料");
    expect(screen.getByTestId("error-rule-packaging-0-quantity").textContent).toContain("数量");
    expect(screen.getByTestId("error-rule-note")).toBeTruthy();
    expect(screen.queryByTestId("form-error")).toBeNull();
    // Correcting a field drops its message.
    type("rule-upTo", "2");
    expect(screen.queryByTestId("error-rule-upTo")).toBeNull();
  });

  it("shows a rule with no items at the packaging section", async () => {
    backend(handlers([], { save_packaging_rule: () => { throw rejection([{ field: "packaging", rule: "required" }]); } }));
    renderScreen();
    await openRules();
    fireEvent.click(screen.getByTestId("rule-add"));
    await productsLoaded();
    fireEvent.click(screen.getByTestId("rule-item-0-remove"));
    type("rule-upTo", "1");
    fireEvent.click(screen.getByTestId("rule-save"));
    expect((await screen.findByTestId("error-rule-packaging")).textContent).toBe("请填写每个包裹用的包装。");
    expect(callsOf("save_packaging_rule")[0]).toEqual({ input: { id: "", productId: "", upTo: "1", packaging: [], note: "" } });
    fireEvent.click(screen.getByTestId("rule-add-item"));
    expect(screen.queryByTestId("error-rule-packaging")).toBeNull();
  });

  it("cancel goes back to the list, asking first when something was typed", async () => {
    backend(handlers([kiwiRule]));
    renderScreen();
    await openRules();
    fireEvent.click(screen.getByTestId("rule-add"));
    fireEvent.click(screen.getByTestId("rule-cancel"));
    expect(screen.queryByTestId("rule-form")).toBeNull();
    expect(await screen.findByTestId("packaging-rule-row")).toBeTruthy();

    fireEvent.click(screen.getByTestId("rule-add"));
    type("rule-upTo", "5");
    fireEvent.click(screen.getByTestId("rule-cancel"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect(valueOf("rule-upTo")).toBe("5");
    fireEvent.click(screen.getByTestId("rule-cancel"));
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(screen.queryByTestId("rule-form")).toBeNull();
    expect(screen.getByTestId("packaging-rules")).toBeTruthy();
  });

  it("deletes a rule only after asking", async () => {
    let rules = [kiwiRule, anyRule];
    backend(
      handlers([], {
        list_packaging_rules: () => rules,
        delete_packaging_rule: (args) => {
          rules = rules.filter((r) => r.id !== args?.id);
          return null;
        },
      }),
    );
    renderScreen();
    const dialog = await openRules();
    const first = (await within(dialog).findAllByTestId("packaging-rule-row"))[0] as HTMLElement;
    fireEvent.click(within(first).getByTestId("rule-delete"));
    fireEvent.click(within(first).getByTestId("confirm-delete-no"));
    expect(callsOf("delete_packaging_rule")).toEqual([]);
    expect(within(first).queryByTestId("confirm-delete")).toBeNull();

    fireEvent.click(within(first).getByTestId("rule-delete"));
    fireEvent.click(within(first).getByTestId("confirm-delete-yes"));
    await waitFor(() => expect(screen.getAllByTestId("packaging-rule-row")).toHaveLength(1));
    expect(callsOf("delete_packaging_rule")).toEqual([{ id: "r1" }]);
    expect(screen.getByTestId("toast").textContent).toContain("已删除");
  });

  it("says when a delete fails and keeps the rule", async () => {
    backend(
      handlers([kiwiRule], {
        delete_packaging_rule: () => {
          throw { kind: "not_found", field: null, rule: null, message: "no such rule", errors: [] };
        },
      }),
    );
    renderScreen();
    const dialog = await openRules();
    fireEvent.click(await within(dialog).findByTestId("rule-delete"));
    fireEvent.click(screen.getByTestId("confirm-delete-yes"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain("no such rule"));
    expect(screen.getAllByTestId("packaging-rule-row")).toHaveLength(1);
  });
});
