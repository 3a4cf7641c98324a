// The products screen against a mocked Rust side: the kind of each product is shown, and the kind
// filter is sent to the database (`ListQuery.kind`), starting again at the first page.
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { ListQuery, Product, ProductKind } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { ProductsScreen } from "./ProductsScreen";

const invokeMock = vi.mocked(invoke);

function product(i: number, kind: ProductKind): Product {
  return {
    id: `p${i}`,
    nameZh: `商品${i}`,
    nameEn: null,
    saleUnit: "jin",
    stockUnit: "jin",
    perishable: false,
    shelfLifeDays: null,
    price: "1.00",
    weightKg: null,
    kind,
    reorderPoint: null,
    barcode: null,
    archived: false,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    searchKey: "",
  };
}

const kinds: ProductKind[] = ["goods", "ingredient", "packaging"];
// 120 products, the kinds in turn: 40 of each.
const all = Array.from({ length: 120 }, (_, i) => product(i + 1, kinds[i % 3] ?? "goods"));

function queries(): ListQuery[] {
  return invokeMock.mock.calls.filter(([c]) => c === "list_products").map(([, args]) => (args as { query: ListQuery }).query);
}

beforeEach(() => {
  vi.useFakeTimers();
  invokeMock.mockReset();
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    if (cmd !== "list_products") throw `Command ${cmd} not found`;
    const q = (args as { query: ListQuery }).query;
    const matching = all.filter((p) => q.kind === "" || p.kind === q.kind);
    return { items: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
  });
});

afterEach(() => {
  vi.useRealTimers();
});

async function settle() {
  await act(() => vi.advanceTimersByTimeAsync(0));
}

describe("ProductsScreen kind filter", () => {
  it("shows each product's kind and asks the database for one kind, from the first page", async () => {
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <ProductsScreen />
        </ToastProvider>
      </I18nProvider>,
    );
    await settle();
    expect(queries().at(-1)).toEqual({ search: "", includeArchived: false, limit: 50, offset: 0, kind: "" });
    const select = screen.getByTestId("products-kind") as HTMLSelectElement;
    expect([...select.options].map((o) => [o.value, o.textContent])).toEqual([
      ["", "全部类别"],
      ["goods", "商品"],
      ["ingredient", "原料"],
      ["packaging", "包装材料"],
    ]);
    const rows = screen.getAllByTestId("product-row");
    expect(rows[1]?.textContent).toContain("原料");
    expect(rows[2]?.textContent).toContain("包装材料");

    fireEvent.click(screen.getByTestId("pager-next"));
    await settle();
    expect(queries().at(-1)?.offset).toBe(50);

    fireEvent.change(select, { target: { value: "ingredient" } });
    await settle();
    expect(queries().at(-1)).toEqual({ search: "", includeArchived: false, limit: 50, offset: 0, kind: "ingredient" });
    const shown = screen.getAllByTestId("product-row");
    expect(shown).toHaveLength(40);
    expect(shown.every((r) => r.textContent?.includes("原料"))).toBe(true);
    // One page only: 40 ingredients.
    expect(screen.queryByTestId("pager-next")).toBeNull();

    fireEvent.change(select, { target: { value: "" } });
    await settle();
    expect(queries().at(-1)?.kind).toBe("");
    expect(screen.getAllByTestId("product-row")).toHaveLength(50);
  });
});

describe("ProductsScreen names", () => {
  it("shows only the Chinese name in the Chinese interface, and the English one first in English", async () => {
    const kiwi: Product = { ...product(1, "goods"), nameZh: "修文猕猴桃 特级大果 5斤装", nameEn: "Xiuwen kiwi, extra large, 5 jin" };
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd !== "list_products") throw `Command ${cmd} not found`;
      return { items: [kiwi], total: 1 };
    });
    const { unmount } = render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <ProductsScreen />
        </ToastProvider>
      </I18nProvider>,
    );
    await settle();
    const row = screen.getAllByTestId("product-row")[0]!;
    expect(row.textContent).toContain("修文猕猴桃 特级大果 5斤装");
    expect(row.textContent).not.toContain("Xiuwen");
    unmount();

    render(
      <I18nProvider language="en">
        <ToastProvider>
          <ProductsScreen />
        </ToastProvider>
      </I18nProvider>,
    );
    await settle();
    const cell = screen.getAllByTestId("product-row")[0]!.querySelector(".cell-name")!;
    expect(cell.querySelector(".cell-strong")?.textContent).toBe("Xiuwen kiwi, extra large, 5 jin");
    expect(cell.querySelector(".cell-sub")?.textContent).toBe("修文猕猴桃 特级大果 5斤装");
  });
});
