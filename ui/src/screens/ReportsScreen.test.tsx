// The reports screen against a mocked Rust side: each tab asks for its report when opened, with the
// search, kind, month range and page typed; rows, sums and states are drawn from the answers; low rows
// are flagged; how much is short is exact; spoilage bars are as long as their month's loss; Rust's
// refusal of a month range shows at the month it is about.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { FarmerMonthRow, Language, ListQuery, ProductStockRow, PurchaseReportQuery, SpoilageMonth } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { todayInShanghai } from "../format";
import { I18nProvider } from "../i18nContext";
import { ReportsScreen, type ReportTab } from "./ReportsScreen";
import { barWidths } from "./SpoilageTab";
import { shortOf } from "./StockReports";

const invokeMock = vi.mocked(invoke);

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

function renderScreen(language: Language = "zh-CN", initialTab?: ReportTab) {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <ReportsScreen initialTab={initialTab ?? "stock"} />
      </ToastProvider>
    </I18nProvider>,
  );
}

/** Today where the shop is, moved by `days`. */
function inDays(days: number): string {
  const t = todayInShanghai();
  const d = new Date(Date.UTC(Number(t.slice(0, 4)), Number(t.slice(5, 7)) - 1, Number(t.slice(8, 10)) + days));
  return d.toISOString().slice(0, 10);
}

function stockRow(id: string, extra: Partial<ProductStockRow> = {}): ProductStockRow {
  return {
    productId: id,
    productName: "红心猕猴桃",
    kind: "goods",
    stockUnit: "jin",
    archived: false,
    onHand: "120.5",
    reserved: "10",
    available: "110.5",
    costOnHand: "385.60",
    lots: 3,
    nextBestBefore: inDays(10),
    reorderPoint: "50",
    low: false,
    ...extra,
  };
}

function rowOf(testId: string, id: string): HTMLElement {
  const row = screen.getAllByTestId(testId).find((r) => r.getAttribute("data-id") === id);
  if (!row) throw new Error(`no ${testId} ${id}`);
  return row;
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function badDate(field: string, message: string) {
  return { kind: "validation", field, rule: "bad_date", message, errors: [{ field, rule: "bad_date", message, params: {} }] };
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("reports: stock by product", () => {
  const rows = [
    stockRow("p1"),
    stockRow("p2", { productName: "黄豆", kind: "ingredient", onHand: "8", reserved: "0", available: "8", reorderPoint: "20", low: true, nextBestBefore: inDays(2), costOnHand: "36.00" }),
    stockRow("p3", { productName: "老豆腐", onHand: "5", reserved: "0", available: "5", stockUnit: "piece", nextBestBefore: inDays(-1), reorderPoint: null, lots: 1 }),
    stockRow("p4", { productName: "辣椒油", stockUnit: "bottle", onHand: "24", reserved: "0", available: "24", nextBestBefore: null, reorderPoint: null, lots: 2 }),
  ];

  it("asks when opened and shows each product's stock, the value, and the low ones flagged", async () => {
    backend({ stock_by_product: () => ({ items: rows, total: 4, value: "1234.56" }) });
    renderScreen();
    await screen.findAllByTestId("product-stock-row");
    expect(callsOf("stock_by_product")).toEqual([{ query: { search: "", includeArchived: false, limit: 50, offset: 0, kind: "" } }]);
    expect(screen.getByTestId("reports-tab-stock").getAttribute("aria-selected")).toBe("true");
    expect(screen.getByTestId("stock-value").textContent).toContain("¥1234.56");

    const kiwi = rowOf("product-stock-row", "p1");
    expect(kiwi.getAttribute("data-low")).toBe("false");
    for (const text of ["红心猕猴桃", "商品", "120.5 斤", "10 斤", "110.5 斤", "¥385.60", "50 斤", "还剩 10 天"]) expect(kiwi.textContent).toContain(text);
    expect(within(kiwi).queryByTestId("low-tag")).toBeNull();

    const soy = rowOf("product-stock-row", "p2");
    expect(soy.getAttribute("data-low")).toBe("true");
    expect(soy.className).toContain("row-low");
    expect(within(soy).getByTestId("low-tag").textContent).toBe("该补货了");
    expect(soy.textContent).toContain("原料");
    expect(within(soy).getByTestId("next-expiry").getAttribute("data-expiry")).toBe("soon");
    expect(within(soy).getByTestId("next-expiry").className).toContain("expiry-soon");

    const tofu = rowOf("product-stock-row", "p3");
    expect(within(tofu).getByTestId("next-expiry").className).toContain("expiry-expired");
    expect(within(tofu).getByTestId("next-expiry").textContent).toBe("已过期 1 天");
    expect(tofu.textContent).toContain("5 个");
    expect(tofu.textContent).toContain("没设");

    expect(rowOf("product-stock-row", "p4").textContent).toContain("不过期");
  });

  it("searches, filters by kind and pages in the database", async () => {
    const many = Array.from({ length: 50 }, (_, i) => stockRow(`p${i}`));
    backend({
      stock_by_product: (args) => {
        const q = (args as { query: ListQuery }).query;
        return { items: q.offset === 0 ? many : [stockRow("last", { productName: "最后一个" })], total: 51, value: "9.99" };
      },
    });
    renderScreen("en");
    await screen.findAllByTestId("product-stock-row");
    expect(screen.getByTestId("stock-value").textContent).toContain("Stock value at cost");

    fireEvent.click(screen.getByTestId("pager-next"));
    expect(await screen.findByText("最后一个")).toBeTruthy();
    expect(callsOf("stock_by_product").at(-1)).toEqual({ query: { search: "", includeArchived: false, limit: 50, offset: 50, kind: "" } });

    // A new kind starts again at the first page.
    type("report-stock-kind", "ingredient");
    await waitFor(() =>
      expect(callsOf("stock_by_product").at(-1)).toEqual({ query: { search: "", includeArchived: false, limit: 50, offset: 0, kind: "ingredient" } }),
    );
    type("report-stock-search", " huangdou ");
    await waitFor(() =>
      expect(callsOf("stock_by_product").at(-1)).toEqual({ query: { search: "huangdou", includeArchived: false, limit: 50, offset: 0, kind: "ingredient" } }),
    );
    fireEvent.click(screen.getByTestId("report-stock-show-archived"));
    await waitFor(() =>
      expect(callsOf("stock_by_product").at(-1)).toEqual({ query: { search: "huangdou", includeArchived: true, limit: 50, offset: 0, kind: "ingredient" } }),
    );
    expect(screen.getByTestId("stock-value").textContent).toContain("Value at cost of the products shown");
  });

  it("says so when there is nothing", async () => {
    backend({ stock_by_product: () => ({ items: [], total: 0, value: "0.00" }) });
    renderScreen();
    expect((await screen.findByTestId("report-stock-empty")).textContent).toContain("还没有商品");
    expect(screen.getByTestId("stock-value").textContent).toContain("¥0.00");
  });

  it("says plainly when the report cannot be loaded", async () => {
    backend({
      stock_by_product: () => {
        throw { kind: "database", field: null, rule: null, message: "disk I/O error", errors: [] };
      },
    });
    renderScreen();
    const error = await screen.findByTestId("list-error");
    expect(error.textContent).toContain("报表没能加载");
    expect(error.textContent).toContain("disk I/O error");
    expect(screen.queryByTestId("report-stock-empty")).toBeNull();
  });
});

describe("reports: low stock", () => {
  it("asks when its tab opens and says exactly how much is short", async () => {
    backend({
      stock_by_product: () => ({ items: [], total: 0, value: "0.00" }),
      low_stock: () => ({
        items: [
          stockRow("p1", { productName: "红心猕猴桃", reorderPoint: "100", available: "37.5", onHand: "40", low: true }),
          stockRow("p2", { productName: "玻璃瓶", kind: "packaging", stockUnit: "piece", reorderPoint: "10", available: "0.001", onHand: "0.001", low: true }),
          stockRow("p3", { productName: "黄豆", reorderPoint: "20", available: "20", onHand: "20", low: true }),
        ],
        total: 3,
      }),
    });
    renderScreen();
    await screen.findByTestId("report-stock-empty");
    expect(callsOf("low_stock")).toHaveLength(0);

    fireEvent.click(screen.getByTestId("reports-tab-low"));
    await screen.findAllByTestId("low-stock-row");
    expect(screen.getByTestId("reports-tab-low").getAttribute("aria-selected")).toBe("true");
    expect(callsOf("low_stock")).toEqual([{ query: { search: "", includeArchived: false, limit: 50, offset: 0, kind: "" } }]);

    const short = (id: string) => within(rowOf("low-stock-row", id)).getByTestId("low-stock-short").textContent;
    expect(short("p1")).toBe("62.5 斤");
    expect(short("p2")).toBe("9.999 个");
    expect(short("p3")).toBe("刚到补货点");
    expect(rowOf("low-stock-row", "p1").textContent).toContain("37.5 斤");
    expect(rowOf("low-stock-row", "p1").textContent).toContain("100 斤");
    expect(rowOf("low-stock-row", "p2").textContent).toContain("包装材料");

    // Opening the stock tab again asks again.
    fireEvent.click(screen.getByTestId("reports-tab-stock"));
    await waitFor(() => expect(callsOf("stock_by_product")).toHaveLength(2));
  });

  it("says in friendly words when nothing is low", async () => {
    backend({ low_stock: () => ({ items: [], total: 0 }) });
    renderScreen("zh-CN", "low");
    const empty = await screen.findByTestId("low-stock-empty");
    expect(empty.textContent).toContain("货都够，暂时不用补货。");
    expect(empty.textContent).toContain("补货点");
  });

  it("computes the shortfall exactly", () => {
    expect(shortOf({ reorderPoint: "100", available: "37.5" })).toBe("62.5");
    expect(shortOf({ reorderPoint: "0.3", available: "0.1" })).toBe("0.2");
    expect(shortOf({ reorderPoint: null, available: "1" })).toBeNull();
  });
});

function month(m: string, total: string, extra: Partial<SpoilageMonth> = {}): SpoilageMonth {
  return { month: m, spoiled: total, damaged: "0.00", sample: "0.00", ownUse: "0.00", count: "0.00", total, ...extra };
}

describe("reports: spoilage by month", () => {
  const months = [
    month("2025-06", "50.00"),
    month("2025-07", "100.00", { spoiled: "60.00", damaged: "20.00", sample: "8.00", ownUse: "12.00" }),
    month("2025-08", "25.00"),
    month("2025-09", "0.00"),
    month("2025-10", "-5.00", { spoiled: "0.00", count: "-5.00" }),
  ];

  it("shows every month with its reasons, a bar as long as its loss against the worst month, and the total", async () => {
    backend({ spoilage_by_month: () => ({ months, total: "170.00" }) });
    renderScreen("zh-CN", "spoilage");
    const rows = await screen.findAllByTestId("spoilage-row");
    expect(callsOf("spoilage_by_month")).toEqual([{ range: { from: "", to: "" } }]);
    expect(rows.map((r) => r.getAttribute("data-month"))).toEqual(["2025-06", "2025-07", "2025-08", "2025-09", "2025-10"]);

    const widths = screen.getAllByTestId("spoilage-bar").map((b) => (b as HTMLElement).style.width);
    expect(widths).toEqual(["50%", "100%", "25%", "0%", "0%"]);
    expect(rows[1]?.className).toContain("spoilage-worst");

    const july = rows[1];
    if (!july) throw new Error("no July");
    expect(july.textContent).toContain("2025年7月");
    const cell = (row: HTMLElement, column: string) => row.querySelector(`[data-column='${column}']`)?.textContent;
    expect(cell(july, "spoiled")).toBe("¥60.00");
    expect(cell(july, "damaged")).toBe("¥20.00");
    expect(cell(july, "sample")).toBe("¥8.00");
    expect(cell(july, "ownUse")).toBe("¥12.00");
    expect(cell(july, "total")).toBe("¥100.00");
    // Found stock is a negative loss and shows as such.
    const october = rows[4];
    if (!october) throw new Error("no October");
    expect(cell(october, "count")).toBe("-¥5.00");
    expect(cell(october, "total")).toBe("-¥5.00");

    expect(screen.getByTestId("spoilage-total").textContent).toContain("¥170.00");
    expect(screen.getByTestId("spoilage-total").textContent).toContain("2025年6月 – 2025年10月");
    expect(screen.getByTestId("spoilage-sum").textContent).toBe("¥170.00");
  });

  it("bars are proportional, exactly", () => {
    expect(barWidths([{ total: "30.00" }, { total: "90.00" }, { total: "10.00" }])).toEqual(["33.3", "100", "11.1"]);
    expect(barWidths([{ total: "0.00" }, { total: "-1.00" }])).toEqual(["0", "0"]);
  });

  it("asks for the months typed and shows Rust's refusal at the month", async () => {
    backend({
      spoilage_by_month: (args) => {
        const range = (args as { range: { from: string; to: string } }).range;
        if (range.from === "2025-09" && range.to === "2025-03") throw badDate("to", "to: the last month 2025-03 is before the first month 2025-09");
        if (range.from === "2010-01") throw badDate("from", "from: a report covers at most 120 months");
        return { months, total: "170.00" };
      },
    });
    renderScreen("zh-CN", "spoilage");
    await screen.findAllByTestId("spoilage-row");
    // Our own month field (the native one followed the OS locale: "Dec 2026" in the Chinese UI).
    expect((screen.getByTestId("spoilage-from") as HTMLInputElement).placeholder).toBe("例如 2026-12");
    expect(screen.getByTestId("spoilage-from-open").getAttribute("aria-label")).toBe("选择月份");

    type("spoilage-from", "2025-09");
    type("spoilage-to", "2025-03");
    const error = await screen.findByTestId("error-spoilage-to");
    expect(callsOf("spoilage_by_month").at(-1)).toEqual({ range: { from: "2025-09", to: "2025-03" } });
    expect(error.textContent).toBe("结束的月份不能早于开始的月份。");
    expect(screen.getByTestId("spoilage-to").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryAllByTestId("spoilage-row")).toHaveLength(0);
    expect(screen.queryByTestId("list-error")).toBeNull();

    type("spoilage-from", "2010-01");
    type("spoilage-to", "2025-09");
    expect((await screen.findByTestId("error-spoilage-from")).textContent).toBe("一次最多只能看 120 个月，请把开始的月份往后挪一挪。");
    expect(screen.queryByTestId("error-spoilage-to")).toBeNull();

    // Back to the last 12 months.
    fireEvent.click(screen.getByTestId("spoilage-last-year"));
    await screen.findAllByTestId("spoilage-row");
    expect(callsOf("spoilage_by_month").at(-1)).toEqual({ range: { from: "", to: "" } });
    expect(screen.queryByTestId("error-spoilage-from")).toBeNull();
  });

  it("says so when nothing was lost", async () => {
    backend({ spoilage_by_month: () => ({ months: [month("2025-09", "0.00")], total: "0.00" }) });
    renderScreen("en", "spoilage");
    expect((await screen.findByTestId("spoilage-empty")).textContent).toBe("Nothing was lost in these months.");
    expect(screen.getByTestId("spoilage-total").textContent).toContain("Lost in Sep 2025");
  });
});

describe("reports: purchases by farmer and month", () => {
  function fm(farmerId: string, farmerName: string, m: string, total: string, owed: string): FarmerMonthRow {
    return { farmerId, farmerName, village: "修文县谷堡乡", month: m, purchases: 3, total, owed };
  }

  it("asks for the range, search and page, and shows the rows and the sum", async () => {
    const rows = [fm("f1", "王德贵", "2025-09", "640.00", "320.00"), fm("f2", "李秀英", "2025-09", "88.50", "0.00"), fm("f1", "王德贵", "2025-08", "120.00", "0.00")];
    backend({
      purchases_by_farmer_month: (args) => {
        const q = (args as { query: PurchaseReportQuery }).query;
        if (q.from === "2025-10" && q.to === "2025-01") throw badDate("to", "to: the last month is before the first");
        if (q.offset === 50) return { items: [fm("f9", "最后一位", "2024-10", "1.00", "0.00")], total: 51, sum: "849.50" };
        return { items: rows, total: 51, sum: "849.50" };
      },
    });
    renderScreen("zh-CN", "purchases");
    await screen.findAllByTestId("farmer-month-row");
    expect(callsOf("purchases_by_farmer_month")).toEqual([{ query: { from: "", to: "", search: "", limit: 50, offset: 0 } }]);
    expect(screen.getByTestId("purchases-report-sum").textContent).toBe("最近 12 个月 一共进货¥849.50");

    const first = screen.getAllByTestId("farmer-month-row")[0];
    if (!first) throw new Error("no row");
    for (const text of ["2025年9月", "王德贵", "修文县谷堡乡", "3", "¥640.00", "¥320.00"]) expect(first.textContent).toContain(text);
    expect(first.getAttribute("data-id")).toBe("f1");
    expect(screen.getAllByTestId("farmer-month-row")[1]?.textContent).not.toContain("¥0.00");

    fireEvent.click(screen.getByTestId("pager-next"));
    expect(await screen.findByText("最后一位")).toBeTruthy();
    expect(callsOf("purchases_by_farmer_month").at(-1)).toEqual({ query: { from: "", to: "", search: "", limit: 50, offset: 50 } });

    type("purchases-report-search", " wdg ");
    type("purchases-report-from", "2025-01");
    type("purchases-report-to", "2025-09");
    await waitFor(() =>
      expect(callsOf("purchases_by_farmer_month").at(-1)).toEqual({ query: { from: "2025-01", to: "2025-09", search: "wdg", limit: 50, offset: 0 } }),
    );
    await waitFor(() => expect(screen.getByTestId("purchases-report-sum").textContent).toContain("2025年1月 – 2025年9月 从“wdg”一共进货"));

    type("purchases-report-from", "2025-10");
    type("purchases-report-to", "2025-01");
    expect((await screen.findByTestId("error-purchases-report-to")).textContent).toBe("结束的月份不能早于开始的月份。");
    expect(screen.queryAllByTestId("farmer-month-row")).toHaveLength(0);
    expect(screen.queryByTestId("purchases-report-sum")).toBeNull();
  });

  it("has an empty state", async () => {
    vi.useFakeTimers();
    try {
      backend({ purchases_by_farmer_month: () => ({ items: [], total: 0, sum: "0.00" }) });
      renderScreen("en", "purchases");
      await act(() => vi.advanceTimersByTimeAsync(0));
      expect(screen.getByTestId("purchases-report-empty").textContent).toBe("Nothing was bought in these months.");
      type("purchases-report-search", "zhang");
      await act(() => vi.advanceTimersByTimeAsync(1000));
      expect(screen.getByTestId("purchases-report-empty").textContent).toContain('"zhang"');
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("reports: the month's profit opens the records behind it", () => {
  const month = todayInShanghai().slice(0, 7);
  const statement = {
    month,
    from: `${month}-01`,
    to: `${month}-28`,
    lines: [
      { code: "revenue", amount: "500.00", records: 5 },
      { code: "spoilage", amount: "12.00", records: 2 },
    ],
    profit: "488.00",
    wagesApproved: true,
    partial: false,
    withoutGoodsCost: 0,
  };

  it("opens the spoilage of that month, and comes back to the profit of that month from the orders", async () => {
    backend({ profit_statement: () => statement, spoilage_by_month: () => ({ months: [], total: "12.00" }) });
    const links: unknown[] = [];
    const { unmount } = render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <ReportsScreen initialTab="profit" onLink={(l) => links.push(l)} />
        </ToastProvider>
      </I18nProvider>,
    );
    const spoilage = await screen.findByTestId("profit-line-spoilage");
    fireEvent.click(within(spoilage).getByRole("button"));
    await waitFor(() => expect(callsOf("spoilage_by_month").at(-1)).toEqual({ range: { from: month, to: month } }));

    fireEvent.click(screen.getByTestId("reports-tab-profit"));
    const revenue = await screen.findByTestId("profit-line-revenue");
    fireEvent.click(within(revenue).getByRole("button"));
    // The sold orders of the month, not every order placed in it.
    expect(links).toEqual([{ screen: "orders", from: statement.from, to: statement.to, sold: true }]);
    unmount();

    // Back in the reports: the profit tab, on the same month.
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <ReportsScreen />
        </ToastProvider>
      </I18nProvider>,
    );
    expect((await screen.findByTestId("reports-tab-profit")).getAttribute("aria-selected")).toBe("true");
    expect((await screen.findByTestId("profit-month") as HTMLSelectElement).value).toBe(month);
  });
});

describe("reports: a tab opened again shows what it was set to", () => {
  it("keeps the profit's month and the sales grouping across other tabs, and asks for their reports afresh", async () => {
    const months = (() => {
      const [y, m] = todayInShanghai().split("-").map(Number);
      const prev = (y ?? 2026) * 12 + ((m ?? 1) - 1) - 1;
      return { last: `${Math.floor(prev / 12)}-${String((prev % 12) + 1).padStart(2, "0")}` };
    })();
    backend({
      profit_statement: (args) => ({
        month: String(args?.month),
        from: `${String(args?.month)}-01`,
        to: `${String(args?.month)}-28`,
        lines: [{ code: "revenue", amount: "1.00", records: 1 }],
        profit: "1.00",
        wagesApproved: true,
        partial: false,
        withoutGoodsCost: 0,
      }),
      spoilage_by_month: () => ({ months: [], total: "0.00" }),
      sales_report: (args) => ({ ...(args?.query as object), rows: [], total: { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "", unpacked: 0 } }),
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <ReportsScreen initialTab="profit" />
        </ToastProvider>
      </I18nProvider>,
    );
    fireEvent.change(await screen.findByTestId("profit-month"), { target: { value: months.last } });
    await waitFor(() => expect(callsOf("profit_statement").at(-1)).toEqual({ month: months.last }));
    fireEvent.click(screen.getByTestId("reports-tab-spoilage"));
    fireEvent.click(screen.getByTestId("reports-tab-profit"));
    expect(((await screen.findByTestId("profit-month")) as HTMLSelectElement).value).toBe(months.last);
    const asked = callsOf("profit_statement").length;

    fireEvent.click(screen.getByTestId("reports-tab-sales"));
    fireEvent.change(await screen.findByTestId("sales-by", {}, { timeout: 8000 }), { target: { value: "product" } });
    await waitFor(() => expect((callsOf("sales_report").at(-1) as { query: { by: string } }).query.by).toBe("product"));
    fireEvent.click(screen.getByTestId("reports-tab-profit"));
    await screen.findByTestId("profit-month");
    expect(callsOf("profit_statement").length).toBeGreaterThan(asked);
    fireEvent.click(screen.getByTestId("reports-tab-sales"));
    expect(((await screen.findByTestId("sales-by")) as HTMLSelectElement).value).toBe("product");
  });
});
