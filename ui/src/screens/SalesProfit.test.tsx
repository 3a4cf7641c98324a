// Today, sales and profit against a mocked Rust side: the Today cards say what waits and open the list
// behind them; the sales tab asks for the grouping and dates chosen, draws the chart, the province
// tiles and the exact figures Rust gave, and says so when there were no sales; a refused date shows
// Rust's message; the profit statement shows every line with its sign and opens its records.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, ProfitStatement, SalesFigures, SalesReport, TodayDto } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { ProfitTab, recentMonths, type ProfitTarget } from "./ProfitTab";
import { shortProvince } from "./ProvinceTiles";
import { SalesTab } from "./SalesTab";
import { TodayScreen, type TodayTarget } from "./TodayScreen";

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

function wrap(node: React.ReactNode, language: Language = "zh-CN") {
  return render(
    <I18nProvider language={language}>
      <ToastProvider>{node}</ToastProvider>
    </I18nProvider>,
  );
}

const zero: SalesFigures = { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "", unpacked: 0 };

function figures(revenue: string, gross: string, orders: number): SalesFigures {
  return { ...zero, orders, units: String(orders), revenue, grossProfit: gross, margin: "50.0" };
}

const today: TodayDto = {
  today: "2026-12-07",
  toShip: 12,
  oldestToShipHours: 7,
  overdue: 2,
  expiring: [
    { lotId: "l1", productId: "p1", productName: "红心猕猴桃 5斤装", productNameEn: "Red kiwi", grade: "一级", stockUnit: "jin", bestBefore: "2026-12-09", daysLeft: 2, available: "35.000", reserved: "0", suggestion: "sell_first" },
    { lotId: "l2", productId: "p2", productName: "辣椒", productNameEn: "", grade: "", stockUnit: "jin", bestBefore: "2026-12-06", daysLeft: -1, available: "4", reserved: "0", suggestion: "write_off" },
  ],
  expiringCount: 2,
  lowStock: 1,
  owed: "4400.00",
  owedFarmers: 3,
  longestOwed: { farmerId: "f1", farmerName: "王德贵", since: "2026-11-20", days: 17, balance: "1200.00" },
  workMissing: ["嫂子"],
  salesToday: figures("797.50", "420.00", 9),
  salesMonth: figures("5354.20", "2600.00", 74),
  monthWithoutGoodsCost: 5,
  sync: { lastSuccessAt: null, lastAttemptAt: null, cursor: null, lastError: "", lastErrorKind: "", pending: 0, parked: 0, held: 0, alerts: 0, syncing: false },
};

beforeEach(() => {
  invokeMock.mockReset();
});

describe("today", () => {
  it("shows what waits and opens the list behind each card", async () => {
    backend({ today: () => today });
    const opened: TodayTarget[] = [];
    wrap(<TodayScreen isDemo={false} onOpen={(t) => opened.push(t)} />);
    const ship = await screen.findByTestId("today-card-to-ship");
    expect(ship.textContent).toContain("12");
    expect(ship.textContent).toContain("7 小时");
    expect(ship.textContent).toContain("2 单已过发货期限");
    const lots = screen.getAllByTestId("today-expiring-lot");
    expect(lots[0]!.textContent).toContain("红心猕猴桃 5斤装 · 一级");
    expect(lots[0]!.textContent).toContain("还剩 2 天");
    expect(lots[0]!.textContent).toContain("35 斤");
    expect(lots[0]!.textContent).toContain("先卖这批");
    expect(lots[1]!.textContent).toContain("已过期");
    expect(lots[1]!.textContent).toContain("记损耗");
    expect(screen.getByTestId("today-card-owed").textContent).toContain("¥4400.00");
    expect(screen.getByTestId("today-card-owed").textContent).toContain("王德贵 等得最久：17 天，¥1200.00");
    expect(screen.getByTestId("today-card-work").textContent).toContain("嫂子");
    expect(screen.getByTestId("today-card-sales").textContent).toContain("¥797.50");
    // Five of the month's sales have no cost yet: the gross profit says so.
    expect(screen.getByTestId("today-without-cost").textContent).toBe("本月有 5 单还没打包，它们的成本打包后才计入毛利。");
    fireEvent.click(ship);
    fireEvent.click(screen.getByTestId("today-card-expiring"));
    fireEvent.click(screen.getByTestId("today-card-sales"));
    expect(opened).toEqual(["to-ship", "expiring", "sales"]);
  });

  it("speaks English on request, with the English product name", async () => {
    backend({ today: () => today });
    wrap(<TodayScreen isDemo={false} onOpen={() => undefined} />, "en");
    const lot = (await screen.findAllByTestId("today-expiring-lot"))[0]!;
    expect(lot.textContent).toContain("Red kiwi");
    expect(lot.textContent).toContain("sell first");
    expect(screen.getByTestId("today-card-to-ship").textContent).toContain("2 past their ship-by time");
  });

  it("says plainly when the picture cannot be read", async () => {
    backend({ today: () => Promise.reject({ kind: "database", message: "disk I/O error", errors: [] }) });
    wrap(<TodayScreen isDemo={false} onOpen={() => undefined} />);
    expect((await screen.findByRole("alert")).textContent).toContain("disk I/O error");
  });
});

function report(by: string, rows: SalesReport["rows"]): SalesReport {
  return { by, from: "2025-12-08", to: "2026-12-07", rows, total: figures("219.20", "105.20", 2) };
}

describe("sales", () => {
  it("asks for the grouping chosen and shows Rust's figures, the chart and the province tiles", async () => {
    backend({
      sales_report: (args) => {
        const q = args?.query as { by: string };
        return q.by === "province"
          ? report("province", [
              { key: "广东省", parent: "", nameEn: "", figures: figures("158.40", "44.40", 1) },
              { key: "广西壮族自治区", parent: "", nameEn: "", figures: figures("60.80", "60.80", 1) },
            ])
          : report("month", [{ key: "2026-11", parent: "", nameEn: "", figures: figures("219.20", "105.20", 2) }]);
      },
    });
    wrap(<SalesTab />);
    await screen.findByTestId("sales-table");
    expect(callsOf("sales_report")[0]).toEqual({ query: { by: "month", from: "", to: "" } });
    expect(screen.getByTestId("sales-chart")).toBeTruthy();
    const row = screen.getAllByTestId("sales-row")[0]!;
    expect(row.textContent).toContain("2026-11");
    expect(row.textContent).toContain("¥219.20");
    expect(row.textContent).toContain("¥105.20");

    fireEvent.change(screen.getByTestId("sales-by"), { target: { value: "province" } });
    await waitFor(() => expect(screen.getAllByTestId("province-tile").length).toBe(31));
    const tile = (name: string) => screen.getAllByTestId("province-tile").find((t) => t.getAttribute("data-province") === name)!;
    expect(tile("广东").getAttribute("data-level")).toBe("10");
    expect(tile("广西").getAttribute("data-level")).toBe("4");
    expect(tile("西藏").getAttribute("data-level")).toBe("0");
    expect(callsOf("sales_report").at(-1)).toEqual({ query: { by: "province", from: "", to: "" } });
  });

  it("says so when there were no sales, and shows a refused date's message", async () => {
    backend({
      sales_report: (args) => {
        const q = args?.query as { from: string };
        if (q.from === "2026-12-31") {
          return Promise.reject({ kind: "validation", message: "invalid", errors: [{ field: "to", rule: "bad_date", message: "to: the last day 2026-12-07 is before the first day 2026-12-31", params: {} }] });
        }
        return report("month", []);
      },
    });
    wrap(<SalesTab />);
    expect((await screen.findByTestId("sales-empty")).textContent).toContain("没有销售记录");
    expect((screen.getByTestId("sales-export") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId("sales-from"), { target: { value: "2026-12-31" } });
    // Said in Chinese, not Rust's English ("to: the last day … is before the first day …").
    const error = await screen.findByTestId("sales-error");
    expect(error.textContent).toContain("结束日期早于开始日期");
    expect(error.textContent).not.toContain("before the first day");
  });

  it("names provinces by their short names", () => {
    expect(shortProvince("广西壮族自治区")).toBe("广西");
    expect(shortProvince("北京市")).toBe("北京");
    expect(shortProvince("新疆维吾尔自治区")).toBe("新疆");
    expect(shortProvince("广东省")).toBe("广东");
  });
});

describe("profit", () => {
  const statement: ProfitStatement = {
    month: "2026-12",
    from: "2026-12-01",
    to: "2026-12-31",
    lines: [
      { code: "revenue", amount: "5354.20", records: 74 },
      { code: "refunds", amount: "0.00", records: 74 },
      { code: "goods_cost", amount: "558.85", records: 74 },
      { code: "spoilage", amount: "17.25", records: 2 },
      { code: "wages", amount: "0.00", records: 0 },
      { code: "expense:electricity", amount: "120.00", records: 1 },
    ],
    profit: "4658.10",
    wagesApproved: false,
    partial: true,
    withoutGoodsCost: 3,
  };

  it("shows each line with its sign and opens the records behind it", async () => {
    backend({ profit_statement: () => statement });
    const opened: ProfitTarget[] = [];
    wrap(<ProfitTab onOpen={(t) => opened.push(t)} />);
    const table = await screen.findByTestId("profit-table");
    expect(within(table).getByTestId("profit-line-revenue").textContent).toContain("¥5354.20");
    expect(within(table).getByTestId("profit-line-goods_cost").textContent).toContain("− ¥558.85");
    expect(within(table).getByTestId("profit-line-expense-electricity").textContent).toContain("电费");
    expect(screen.getByTestId("profit-total").textContent).toBe("¥4658.10");
    expect(screen.getByTestId("profit-tab").textContent).toContain("工资还没审批");
    fireEvent.click(within(within(table).getByTestId("profit-line-revenue")).getByRole("button"));
    fireEvent.click(within(within(table).getByTestId("profit-line-spoilage")).getByRole("button"));
    expect(opened).toEqual([
      { kind: "orders", month: "2026-12", from: "2026-12-01", to: "2026-12-31" },
      { kind: "spoilage", month: "2026-12" },
    ]);
    // Three sales are not packed yet: their cost is missing, and the statement says so.
    expect(screen.getByTestId("profit-without-cost").textContent).toContain("3 笔订单还没打包");
    // Nothing behind wages this month: nothing to open.
    expect(within(within(table).getByTestId("profit-line-wages")).queryByRole("button")).toBeNull();
  });

  it("exports the month shown to a spreadsheet, names the file and offers to open it or its folder", async () => {
    backend({
      profit_statement: () => statement,
      export_profit_xlsx: () => ({ path: "/data/documents/reports/利润-2026-12.xlsx" }),
      open_document: () => null,
      show_document_folder: () => null,
    });
    wrap(<ProfitTab onOpen={() => undefined} />);
    await screen.findByTestId("profit-table");
    fireEvent.click(screen.getByTestId("profit-export"));
    const toast = await screen.findByTestId("toast");
    // The month on screen: this one, the first offered.
    expect(callsOf("export_profit_xlsx")).toEqual([{ month: recentMonths()[0] }]);
    expect(toast.textContent).toContain("已导出 利润-2026-12.xlsx");
    expect(toast.textContent).not.toContain("/data/documents");
    fireEvent.click(screen.getByTestId("toast-folder"));
    await waitFor(() => expect(callsOf("show_document_folder")).toEqual([{ path: "/data/documents/reports/利润-2026-12.xlsx" }]));
    expect(callsOf("open_document")).toEqual([]);
  });

  it("says where the file is when it cannot be opened", async () => {
    backend({
      profit_statement: () => statement,
      export_profit_xlsx: () => ({ path: "/data/documents/reports/利润-2026-12.xlsx" }),
      open_document: () => {
        throw { kind: "unavailable", message: "no PDF viewer could be started", errors: [] };
      },
    });
    wrap(<ProfitTab onOpen={() => undefined} />);
    await screen.findByTestId("profit-table");
    fireEvent.click(screen.getByTestId("profit-export"));
    fireEvent.click(await screen.findByTestId("toast-open"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain("没能打开。文件在：/data/documents/reports/利润-2026-12.xlsx"));
  });

  it("offers the last 24 months, newest first", () => {
    const months = recentMonths("2026-02-15");
    expect(months.slice(0, 3)).toEqual(["2026-02", "2026-01", "2025-12"]);
    expect(months).toHaveLength(24);
  });
});

describe("a month that lost money", () => {
  it("shows the loss with the lines' minus sign, marked as a loss", async () => {
    backend({
      profit_statement: () => ({
        month: "2026-11",
        from: "2026-11-01",
        to: "2026-11-30",
        lines: [
          { code: "revenue", amount: "100.00", records: 2 },
          { code: "expense:vehicle", amount: "2880.57", records: 1 },
        ],
        profit: "-2780.57",
        wagesApproved: true,
        partial: false,
        withoutGoodsCost: 0,
      }),
    });
    wrap(<ProfitTab onOpen={() => undefined} />);
    const total = await screen.findByTestId("profit-total");
    expect(total.textContent).toBe("− ¥2780.57");
    expect(total.className).toContain("profit-loss");
  });
});
