// What to buy against a mocked Rust side: each product's suggestion in its unit with how sure it is and
// why, the farmers who delivered lately, a refused safety margin explained, and 做成进货单 handing the
// purchase form a draft with the latest farmer, grade and price, owed.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, PlanRow, ProductForecast, PurchaseInput } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { interpolate, messagesOf, type MessageKey } from "../i18n";
import { I18nProvider } from "../i18nContext";
import { chartValue, draftOf, forecastOption, PlanTab } from "./PlanTab";

const invokeMock = vi.mocked(invoke);

const kiwi: PlanRow = {
  productId: "p1",
  productName: "修文猕猴桃 特级大果 5斤装",
  productNameEn: "",
  stockUnit: "jin",
  days: 7,
  demand: "70.0",
  onHand: "40",
  promised: "15",
  safety: "7.0",
  suggested: "52",
  confidence: "rough",
  suppliers: [
    { farmerId: "f1", farmerName: "王德贵", lastOn: "2026-12-05", grade: "特级", unitPrice: "4.2" },
    { farmerId: "f2", farmerName: "李桂芬", lastOn: "2026-12-01", grade: "特级", unitPrice: "4.5" },
  ],
  notEnough: "",
  coverDays: 2,
  shelfLifeDays: 20,
};

beforeEach(() => {
  invokeMock.mockReset();
});

describe("what to buy", () => {
  it("shows each suggestion with why and from whom, and makes a draft of it", async () => {
    invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
      if (cmd !== "purchase_plan") throw `Command ${cmd} not found`;
      const safety = (args as { safetyPercent: string }).safetyPercent;
      if (safety === "abc") throw { kind: "validation", message: "invalid", errors: [{ field: "safetyPercent", rule: "not_a_whole_number", message: "safetyPercent: give a whole percentage", params: {} }] };
      return { safetyPercent: 10, rows: [kiwi, { ...kiwi, productId: "p2", productName: "蜂蜜", suggested: "", notEnough: "a forecast needs at least 24 weeks", suppliers: [], coverDays: null, shelfLifeDays: null }] };
    });
    const drafts: PurchaseInput[] = [];
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <PlanTab onDraft={(d) => drafts.push(d)} />
        </ToastProvider>
      </I18nProvider>,
    );
    const rows = await screen.findAllByTestId("plan-row");
    expect(rows[0]!.textContent).toContain("进 52 斤");
    expect(rows[0]!.textContent).toContain("大致估计");
    expect(rows[0]!.textContent).toContain("7 天内预计卖 70 斤");
    expect(rows[0]!.textContent).toContain("王德贵（2026-12-05，特级，¥4.20/斤）");
    // 25 jin free at 10 a day: how long it lasts, beside what to buy.
    expect(rows[0]!.textContent).toContain("现有库存够卖约 2 天");
    // Two days' stock keeps within a 20-day shelf life: no warning.
    expect(rows[0]!.querySelector("[data-testid='plan-spoils']")).toBeNull();
    expect(rows[1]!.textContent).toContain("销售记录还太少");
    expect(rows[1]!.querySelector("[data-testid='plan-draft']")).toBeNull();
    fireEvent.click(screen.getByTestId("plan-draft"));
    expect(drafts).toEqual([draftOf(kiwi)]);

    fireEvent.change(screen.getByTestId("plan-safety"), { target: { value: "abc" } });
    await waitFor(() => expect(screen.getByTestId("plan-error").textContent).toContain("0 到 200"));
  });

  it("drafts an owed purchase from the latest farmer at the latest price", () => {
    const d = draftOf(kiwi);
    expect(d.farmerId).toBe("f1");
    expect(d.payment).toBe("owed");
    expect(d.lines).toHaveLength(1);
    expect(d.lines[0]).toMatchObject({ productId: "p1", quantity: "52", unit: "jin", unitPrice: "4.2", grade: "特级" });
  });
});

const kiwiForecast: ProductForecast = {
  productId: "p1",
  productName: "修文猕猴桃 特级大果 5斤装",
  productNameEn: "",
  stockUnit: "jin",
  historyWeeks: 60,
  recent: [{ week: "2026-11-23", units: "64", low: "", high: "" }],
  weeks: [{ week: "2026-12-07", units: "70.0", low: "55.5", high: "84.5" }],
  method: "tsb",
  confidence: "rough",
  backtest: { chosen: { mase: 0.8, wmape: 0.23 }, seasonalNaive: { mase: 1.1, wmape: 0.31 }, naive: { mase: 1.0, wmape: 0.3 }, beatsSeasonalNaive: true },
  notEnough: "",
};

function planWith(forecast: ProductForecast) {
  invokeMock.mockImplementation(async (cmd: string) => {
    if (cmd === "purchase_plan") return { safetyPercent: 10, rows: [kiwi] };
    if (cmd === "forecast") return { firstWeek: "2026-12-07", products: [forecast] };
    throw `Command ${cmd} not found`;
  });
}

async function openDetail(language: Language) {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <PlanTab onDraft={() => undefined} />
      </ToastProvider>
    </I18nProvider>,
  );
  fireEvent.click(await screen.findByText("修文猕猴桃 特级大果 5斤装"));
  return screen.findByTestId("plan-detail");
}

describe("the forecast in plain words", () => {
  it("names the method and how sure in Chinese, with no statistician's jargon on the page", async () => {
    planWith(kiwiForecast);
    const detail = await openDetail("zh-CN");
    const text = detail.textContent ?? "";
    expect(screen.getByTestId("plan-method").textContent).toContain("零星销售估算");
    expect(text).toContain("有多大把握：大致估计");
    expect(screen.getByTestId("plan-backtest").textContent).toContain("用过去几周检验：平均差约 23%");
    expect(screen.getByTestId("plan-backtest").textContent).toContain("照搬平均差约 31%");
    for (const jargon of ["TSB", "Croston", "MSTL", "ETS", "tsb", "wmape", "naive", "误差"]) expect(text).not.toContain(jargon);
    // The technical name is there for whoever hovers, not in the sentence.
    expect(screen.getByTitle("技术名称：TSB")).toBeTruthy();
  });

  it("says the seasonal model and the accuracy in English too", async () => {
    planWith({ ...kiwiForecast, method: "mstl_ets", confidence: "good" });
    await openDetail("en");
    expect(screen.getByTestId("plan-method").textContent).toBe("How it is worked out: by the seasonal pattern · How sure: fairly sure");
    expect(screen.getByTestId("plan-backtest").textContent).toContain("Checked on past weeks: off by about 23% on average.");
  });

  it("says nothing of accuracy rather than NaN% when the past weeks had no sales to check against", async () => {
    planWith({ ...kiwiForecast, backtest: { ...kiwiForecast.backtest!, chosen: { mase: Number.NaN, wmape: Number.NaN } } });
    const detail = await openDetail("zh-CN");
    expect(detail.textContent).not.toContain("NaN");
    expect(screen.queryByTestId("plan-backtest")).toBeNull();
    expect(screen.getByTestId("plan-method").textContent).toContain("零星销售估算");
  });

  it("has a plain word for every method the forecast can choose", () => {
    for (const method of ["naive", "seasonal_naive", "croston", "tsb", "mstl_ets"]) {
      for (const language of ["zh-CN", "en"] as const) {
        const words = messagesOf(language)[`plan.method.${method}` as MessageKey];
        expect(words).not.toMatch(/naive|croston|tsb|mstl|ets/i);
      }
    }
  });

  it("labels the chart's axis and its tooltip with the product's unit", () => {
    const zh = (key: MessageKey, params?: Record<string, string | number>) => interpolate(messagesOf("zh-CN")[key], params ?? {});
    const option = forecastOption(kiwiForecast, zh, "zh-CN") as { yAxis: { name: string }; tooltip: { valueFormatter: (v: unknown) => string } };
    expect(option.yAxis.name).toBe("单位：斤");
    expect(option.tooltip.valueFormatter(70)).toBe("70 斤");
    expect(chartValue(55.5, "box:5:jin", "zh-CN")).toBe("55.5 箱(5斤)");
    expect(chartValue(12.3456, "jin", "en")).toBe("12.35 jin");
    // The weeks before the forecast have no forecast point: a dash, not "null 斤".
    expect(chartValue(null, "jin", "zh-CN")).toBe("—");
  });
});

describe("the plan as a spreadsheet", () => {
  it("exports the plan with the safety margin shown, and opens it on 打开", async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "purchase_plan") return { safetyPercent: 10, rows: [kiwi] };
      if (cmd === "export_plan_xlsx") return { path: "/data/documents/reports/采购建议-2026-12-07.xlsx" };
      if (cmd === "open_document") return null;
      throw `Command ${cmd} not found`;
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <PlanTab onDraft={() => undefined} />
        </ToastProvider>
      </I18nProvider>,
    );
    await screen.findAllByTestId("plan-row");
    fireEvent.click(screen.getByTestId("plan-export"));
    fireEvent.click(await screen.findByTestId("toast-open"));
    await waitFor(() => expect(invokeMock.mock.calls.filter(([c]) => c === "open_document")).toHaveLength(1));
    expect(invokeMock.mock.calls.filter(([c]) => c === "export_plan_xlsx").map(([, a]) => a)).toEqual([{ safetyPercent: "10" }]);
  });
});

describe("stock that outlasts its shelf life", () => {
  it("warns that it will not all sell before it spoils", async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "purchase_plan") return { safetyPercent: 10, rows: [{ ...kiwi, suggested: "0", coverDays: 112, shelfLifeDays: 20 }] };
      throw `Command ${cmd} not found`;
    });
    render(
      <I18nProvider language="zh-CN">
        <ToastProvider>
          <PlanTab onDraft={() => undefined} />
        </ToastProvider>
      </I18nProvider>,
    );
    const row = (await screen.findAllByTestId("plan-row"))[0]!;
    expect(row.textContent).toContain("这周不用进");
    expect(row.querySelector("[data-testid='plan-spoils']")?.textContent).toBe("保质期 20 天内卖不完：先卖、打折或做成加工品");
  });
});
