// The sales tab at a 1024-wide screen against a mocked Rust side: the table fits without scrolling
// sideways (the costs in one exact column, every column on request), the grouping offers time and
// category apart, the chart speaks money with ¥ and keeps long names short, and the tab opens where
// it is told (Today's sales card: this month by day).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, SalesFigures, SalesReport } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { interpolate, messagesOf, type MessageKey } from "../i18n";
import { I18nProvider } from "../i18nContext";
import { ApiError } from "../api";
import { allCosts, channelName, chartMoney, salesChartOption, salesErrorText, SalesTab, shortName } from "./SalesTab";

const invokeMock = vi.mocked(invoke);

const kiwi: SalesFigures = {
  orders: 3,
  units: "15",
  revenue: "204.00",
  refunds: "0.00",
  goodsCost: "60.10",
  packaging: "5.20",
  shipping: "12.35",
  grossProfit: "126.35",
  margin: "61.9",
  unpacked: 0,
};

const report: SalesReport = {
  by: "product",
  from: "2026-12-01",
  to: "2026-12-07",
  rows: [{ key: "p1", parent: "修文猕猴桃 特级大果 5斤装", nameEn: "", figures: kiwi }],
  total: kiwi,
};

function queries(): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === "sales_report").map(([, args]) => args);
}

function renderTab(node: React.ReactNode, language: Language = "zh-CN") {
  invokeMock.mockImplementation(async (cmd: string) => {
    if (cmd === "sales_report") return report;
    throw `Command ${cmd} not found`;
  });
  return render(
    <I18nProvider language={language}>
      <ToastProvider>{node}</ToastProvider>
    </I18nProvider>,
  );
}

function headers(): string[] {
  return within(screen.getByTestId("sales-table"))
    .getAllByRole("columnheader")
    .map((th) => th.textContent ?? "");
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("the sales table on a small screen", () => {
  it("keeps name, revenue, gross profit and margin, folds the costs into one exact column, and shows every column on request", async () => {
    renderTab(<SalesTab />);
    await screen.findByTestId("sales-table");
    const narrow = headers().slice(0, 7);
    expect(narrow).toEqual(["商品", "订单数", "销售额", "退款", "成本", "毛利", "毛利率"]);
    expect(headers()).not.toContain("包材");
    expect(headers()).not.toContain("运费");
    // 60.10 + 5.20 + 12.35, exactly.
    const row = screen.getAllByTestId("sales-row")[0]!;
    expect(within(row).getByTestId("sales-costs").textContent).toBe("¥77.65");
    expect(row.textContent).toContain("¥126.35");
    expect(row.textContent).toContain("61.9%");

    fireEvent.click(screen.getByTestId("sales-all-columns"));
    expect(headers().slice(0, 10)).toEqual(["商品", "订单数", "件数", "销售额", "退款", "货品成本", "包材", "运费", "毛利", "毛利率"]);
    expect(screen.getByTestId("sales-all-columns").textContent).toBe("只显示主要列");
    fireEvent.click(screen.getByTestId("sales-all-columns"));
    expect(headers()).not.toContain("包材");
  });

  it("sums the costs exactly, and shows none rather than a wrong sum when a figure is not a number", () => {
    expect(allCosts({ ...kiwi, goodsCost: "0.10", packaging: "0.20", shipping: "0" })).toBe("0.30");
    expect(allCosts({ ...kiwi, shipping: "" })).toBe("");
  });
});

describe("grouping", () => {
  it("offers time and category as two separate groups", async () => {
    renderTab(<SalesTab />);
    await screen.findByTestId("sales-table");
    const options = (testId: string) => Array.from(screen.getByTestId(testId).querySelectorAll("option")).map((o) => o.textContent);
    expect(screen.getByTestId("sales-by-time").getAttribute("label")).toBe("按时间");
    expect(options("sales-by-time")).toEqual(["日", "周", "月", "年"]);
    expect(screen.getByTestId("sales-by-kind").getAttribute("label")).toBe("按类别");
    expect(options("sales-by-kind")).toEqual(["商品", "渠道", "省份", "城市"]);
  });

  it("opens where it is told: this month by day", async () => {
    renderTab(<SalesTab by="day" from="2026-12-01" to="2026-12-07" />);
    await screen.findByTestId("sales-table");
    expect(queries()[0]).toEqual({ query: { by: "day", from: "2026-12-01", to: "2026-12-07" } });
    expect((screen.getByTestId("sales-by") as HTMLSelectElement).value).toBe("day");
    expect((screen.getByTestId("sales-from") as HTMLInputElement).value).toBe("2026-12-01");
  });
});

describe("the sales chart", () => {
  const zh = (key: MessageKey) => interpolate(messagesOf("zh-CN")[key], {});
  type Axis = { axisLabel: { formatter: (v: string | number) => string } };
  type Option = { tooltip: { valueFormatter: (v: unknown) => string }; xAxis: Axis; yAxis: Axis };

  it("shows money with ¥ in the tooltip and on the axis", () => {
    const option = salesChartOption([{ key: "2026-12-01", parent: "", nameEn: "", figures: kiwi }], "day", "zh-CN", zh) as Option;
    expect(option.tooltip.valueFormatter(204)).toBe("¥204.00");
    expect(option.tooltip.valueFormatter(126.35)).toBe("¥126.35");
    expect(option.yAxis.axisLabel.formatter(1500)).toBe("¥1500");
    // A day without its year, so the dates under the chart fit.
    expect(option.xAxis.axisLabel.formatter("2026-12-01")).toBe("12-01");
    expect(chartMoney(null)).toBe("—");
  });

  it("shortens a long product name beside its bar (the tooltip keeps it whole)", () => {
    const option = salesChartOption(report.rows, "product", "zh-CN", zh) as Option & { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(["修文猕猴桃 特级大果 5斤装"]);
    expect(option.yAxis.axisLabel.formatter("修文猕猴桃 特级大果 5斤装")).toBe("修文猕猴桃 特级…");
    expect(shortName("蜂蜜")).toBe("蜂蜜");
  });

  it("draws no chart by place (the tiles show those)", () => {
    expect(salesChartOption(report.rows, "province", "zh-CN", zh)).toBeNull();
  });
});

describe("in English", () => {
  it("names the narrow table's columns and the toggle", async () => {
    renderTab(<SalesTab />, "en");
    await screen.findByTestId("sales-table");
    expect(headers()).toContain("Costs");
    expect(screen.getByTestId("sales-all-columns").textContent).toBe("All columns");
    await waitFor(() => expect(queries()).toHaveLength(1));
  });
});

describe("the province map's legend", () => {
  it("says what the colour means, from the smallest to the largest sales", async () => {
    const place = (key: string, revenue: string, orders: number) => ({ key, parent: "", nameEn: "", figures: { ...kiwi, revenue, orders } });
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "sales_report") return { ...report, by: "province", rows: [place("广东省", "158.40", 2), place("广西壮族自治区", "60.80", 1), place("上海市", "0.00", 0)] };
      throw `Command ${cmd} not found`;
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <SalesTab by="province" />
        </ToastProvider>
      </I18nProvider>,
    );
    const legend = await screen.findByTestId("province-legend");
    expect(legend.textContent).toContain("颜色越深，销售额越高");
    expect(within(legend).getByTestId("province-legend-low").textContent).toBe("¥60.80");
    expect(within(legend).getByTestId("province-legend-high").textContent).toBe("¥158.40");
    expect(legend.textContent).toContain("没有销售");
    expect(legend.textContent).toContain("格子里的数字是订单数");
  });
});

describe("a refused report", () => {
  const zh = (key: MessageKey, params?: Record<string, string | number>) => interpolate(messagesOf("zh-CN")[key], params ?? {});
  const issue = (field: string, rule: string) => ({ field, rule, message: `${field}: English detail`, params: {} });

  it("is said in Chinese, whatever Rust's English message was", () => {
    const query = { by: "month", from: "2026-12-31", to: "" };
    expect(salesErrorText(new ApiError("validation", "invalid", "to", "bad_date", [issue("to", "bad_date")]), query, zh)).toContain("结束日期早于开始日期");
    expect(salesErrorText(new ApiError("validation", "invalid", "from", "bad_date", [issue("from", "bad_date")]), { ...query, from: "2026-13-45" }, zh)).toContain("开始日期不是有效的日期");
    const broken = salesErrorText(new ApiError("database", "disk I/O error"), query, zh);
    expect(broken).not.toBe("disk I/O error");
    expect(broken).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("channels", () => {
  it("names a known channel in words and an unknown one by its code, never as nothing", () => {
    const zh = (key: MessageKey) => interpolate(messagesOf("zh-CN")[key], {});
    expect(channelName("taobao", zh)).toBe("淘宝");
    expect(channelName("xiaohongshu", zh)).toBe("xiaohongshu");
  });
});

describe("repeat buyers", () => {
  it("come apart from the table, for the same days, and the table does not wait for them", async () => {
    let answer: (buyers: unknown) => void = () => undefined;
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "sales_report") return report;
      if (cmd === "repeat_buyers") return new Promise((resolve) => (answer = resolve));
      throw `Command ${cmd} not found`;
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <SalesTab by="product" from="2026-12-01" to="2026-12-07" />
        </ToastProvider>
      </I18nProvider>,
    );
    await screen.findByTestId("sales-table");
    expect(screen.queryByTestId("sales-repeat")).toBeNull();
    const asked = invokeMock.mock.calls.filter(([c]) => c === "repeat_buyers").map(([, a]) => a);
    expect(asked).toEqual([{ query: { by: "", from: "2026-12-01", to: "2026-12-07" } }]);
    answer([{ source: "taobao", buyer: "欧阳娜娜", province: "广东省", orders: 3, revenue: "300.00", lastOn: "2026-12-06" }]);
    const repeat = await screen.findByTestId("sales-repeat");
    expect(repeat.textContent).toContain("欧阳娜娜");
    expect(repeat.textContent).toContain("¥300.00");
  });
});

describe("sales not packed yet", () => {
  it("marks the gross profit and margin of rows with unpacked orders and says how many have no cost yet", async () => {
    const tofu: SalesFigures = { ...kiwi, orders: 16, goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "204.00", margin: "100.0", unpacked: 16 };
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "sales_report")
        return {
          ...report,
          rows: [
            { key: "p1", parent: "修文猕猴桃 特级大果 5斤装", nameEn: "", figures: kiwi },
            { key: "p2", parent: "农家手工石磨豆腐", nameEn: "", figures: tofu },
          ],
          total: { ...kiwi, orders: 19, unpacked: 16 },
        };
      throw `Command ${cmd} not found`;
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <SalesTab />
        </ToastProvider>
      </I18nProvider>,
    );
    const rows = await screen.findAllByTestId("sales-row");
    expect(within(rows[0]!).queryByTestId("sales-unpacked")).toBeNull();
    const marks = within(rows[1]!).getAllByTestId("sales-unpacked");
    expect(marks).toHaveLength(2);
    expect(marks[0]!.getAttribute("title")).toBe("含 16 单还没打包，成本还没计入");
    expect(screen.getByTestId("sales-unpacked-note").textContent).toContain("其中 16 单还没打包");
  });
});
