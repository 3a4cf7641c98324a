// The orders screen's product filter against a mocked Rust side: it offers the active goods, sends
// `OrderQuery.productId`, and "clear filters" clears it.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { OrderQuery } from "../bindings";
import { chosen, offered, pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { OrdersScreen } from "./OrdersScreen";
import { backend, box, callsOf, chilli, ice, invokeMock, kiwi, order, orderHandlers } from "./orderTestData";

function renderScreen() {
  return render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <OrdersScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

/** The products of a kind, as `list_products` with `kind` answers. */
function productsOfKind(args: Record<string, unknown> | undefined) {
  const kind = (args?.query as { kind?: string } | undefined)?.kind ?? "";
  const items = [kiwi, chilli, box, ice].filter((p) => kind === "" || p.kind === kind);
  return { items, total: items.length };
}

function lastQuery(): OrderQuery {
  const calls = callsOf("list_orders") as { query: OrderQuery }[];
  const last = calls[calls.length - 1];
  if (!last) throw new Error("list_orders was not called");
  return last.query;
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
});

describe("orders product filter", () => {
  it("offers all and each active goods product, and sends the chosen one as productId", async () => {
    backend({ ...orderHandlers([order()]), list_products: productsOfKind });
    renderScreen();
    await screen.findByTestId("order-row");
    fireEvent.click(screen.getByTestId("orders-more-filters"));
    expect(lastQuery().productId).toBe("");
    await waitFor(() => expect(offered("orders-product")).toEqual(["全部", "红心猕猴桃", "油泼辣椒"]));
    // The goods are asked for by kind, active only.
    expect(callsOf("list_products")).toContainEqual({ query: { search: "", includeArchived: false, limit: 500, offset: 0, kind: "goods" } });

    expect(pick("orders-product", "mht", "红心猕猴桃")).toBe(kiwi.id);
    await waitFor(() => expect(lastQuery().productId).toBe(kiwi.id));
    expect(lastQuery().offset).toBe(0);

    // Clearing the filters clears the product too.
    fireEvent.click(screen.getByTestId("orders-clear-filters"));
    await waitFor(() => expect(lastQuery().productId).toBe(""));
    expect(chosen("orders-product")).toBe("");
    expect((screen.getByTestId("orders-product") as HTMLInputElement).value).toBe("全部");
    expect(screen.queryByTestId("orders-clear-filters")).toBeNull();
  });

  it("with nothing found for a product, the empty state offers to clear the filters", async () => {
    backend({
      ...orderHandlers([order()]),
      list_products: productsOfKind,
      list_orders: (args) => {
        const query = (args?.query ?? {}) as OrderQuery;
        const items = query.productId === chilli.id ? [] : [order()];
        return { items, total: items.length };
      },
    });
    renderScreen();
    await screen.findByTestId("order-row");
    fireEvent.click(screen.getByTestId("orders-more-filters"));
    await waitFor(() => expect(offered("orders-product")).toHaveLength(3));
    pick("orders-product", "lajiao", "油泼辣椒");
    const empty = await screen.findByTestId("orders-empty");
    expect(empty.textContent).toContain("没有符合这些条件的订单");
    fireEvent.click(within(empty).getByRole("button"));
    await screen.findByTestId("order-row");
    expect(lastQuery().productId).toBe("");
  });

  it("still lists the orders when the products cannot be read", async () => {
    backend({
      ...orderHandlers([order()]),
      list_products: () => {
        throw { kind: "database", field: null, rule: null, message: "disk full", errors: [] };
      },
    });
    renderScreen();
    await screen.findByTestId("order-row");
    fireEvent.click(screen.getByTestId("orders-more-filters"));
    expect(offered("orders-product")).toEqual(["全部"]);
  });

  it("folds source, product, place, dates and order under 更多筛选, open by themselves when one is set", async () => {
    backend({ ...orderHandlers([order()]), list_products: productsOfKind });
    const { unmount } = renderScreen();
    await screen.findByTestId("order-row");
    expect(screen.getByTestId("orders-state")).toBeTruthy();
    expect(screen.queryByTestId("orders-product")).toBeNull();
    expect(screen.getByTestId("orders-more-filters").getAttribute("aria-expanded")).toBe("false");
    fireEvent.click(screen.getByTestId("orders-more-filters"));
    expect(screen.getByTestId("orders-product")).toBeTruthy();
    unmount();

    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <OrdersScreen initialFilters={{ from: "2026-11-01", to: "2026-11-30" }} />
        </ToastProvider>
      </I18nProvider>,
    );
    await screen.findByTestId("order-row");
    expect(screen.getByTestId("orders-from")).toBeTruthy();
    expect(screen.getByTestId("orders-more-filters").textContent).toContain("已设 1 项");
  });
});

describe("orders opened from the month's profit", () => {
  it("lists the sold orders of those days: every state from paid on, and says so in the state filter", async () => {
    backend({ ...orderHandlers([order()]), list_products: productsOfKind });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <OrdersScreen initialFilters={{ state: "sold", from: "2026-11-01", to: "2026-11-30" }} />
        </ToastProvider>
      </I18nProvider>,
    );
    await screen.findByTestId("order-row");
    const q = lastQuery();
    expect(q.states).toEqual(["paid", "packing", "packed", "shipped", "finished", "refunded"]);
    expect([q.from, q.to]).toEqual(["2026-11-01", "2026-11-30"]);
    const state = screen.getByTestId("orders-state") as HTMLSelectElement;
    expect(state.selectedOptions[0]?.textContent).toBe("已售出（已付款及之后）");
  });
});
