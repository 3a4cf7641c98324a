// Today's cards say where they lead: the work card leads to entering this week's work, not just "打开".
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, SalesFigures, TodayDto } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { TodayScreen, type TodayTarget } from "./TodayScreen";

const invokeMock = vi.mocked(invoke);

const zero: SalesFigures = { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "", unpacked: 0 };

const today: TodayDto = {
  today: "2026-12-07",
  toShip: 0,
  oldestToShipHours: null,
  overdue: 0,
  expiring: [],
  expiringCount: 0,
  lowStock: 0,
  owed: "0.00",
  owedFarmers: 0,
  longestOwed: null,
  workMissing: ["嫂子", "王妈妈"],
  salesToday: zero,
  salesMonth: zero,
  monthWithoutGoodsCost: 0,
  sync: { lastSuccessAt: null, lastAttemptAt: null, cursor: null, lastError: "", lastErrorKind: "", pending: 0, parked: 0, held: 0, alerts: 0, syncing: false },
};

beforeEach(() => {
  invokeMock.mockReset();
});

async function renderToday(language: Language, opened: TodayTarget[]) {
  invokeMock.mockImplementation(async (cmd: string) => {
    if (cmd === "today") return today;
    throw `Command ${cmd} not found`;
  });
  render(
    <I18nProvider language={language}>
      <TodayScreen isDemo={false} onOpen={(t) => opened.push(t)} />
    </I18nProvider>,
  );
  return screen.findByTestId("today-card-work");
}

describe("Today's work card", () => {
  it("names who has no work recorded and says it leads to entering this week's work", async () => {
    const opened: TodayTarget[] = [];
    const card = await renderToday("zh-CN", opened);
    expect(card.textContent).toContain("嫂子、王妈妈");
    expect(card.textContent).toContain("去记这周的工 ›");
    fireEvent.click(card);
    expect(opened).toEqual(["work"]);
    // Every sale of the month is packed: no note that costs are missing.
    expect(screen.queryByTestId("today-without-cost")).toBeNull();
    // The other cards keep the plain 打开.
    expect(screen.getByTestId("today-card-owed").textContent).toContain("打开 ›");
  });

  it("says it in English", async () => {
    const card = await renderToday("en", []);
    expect(card.textContent).toContain("Enter this week's work ›");
  });
});

describe("Today's expiring card", () => {
  it("lists a lot wholly promised to orders with how much is promised and says to pack those orders first", async () => {
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "today")
        return {
          ...today,
          expiringCount: 1,
          expiring: [
            { lotId: "l1", productId: "p1", productName: "修文猕猴桃 一级中果 5斤装", productNameEn: "", grade: "一级", stockUnit: "jin", bestBefore: "2026-12-09", daysLeft: 2, available: "0", reserved: "35", suggestion: "pack_first" },
          ],
        };
      throw `Command ${cmd} not found`;
    });
    render(
      <I18nProvider language="zh-CN">
        <TodayScreen isDemo={false} onOpen={() => undefined} />
      </I18nProvider>,
    );
    const lot = await screen.findByTestId("today-expiring-lot");
    expect(lot.textContent).toContain("35 斤 已被订单占用");
    expect(lot.textContent).toContain("先打包这些订单");
    expect(lot.textContent).not.toContain("0 斤");
  });
});

describe("Today from the start", () => {
  it("shows the figures the start brought at once and asks nothing", () => {
    const loaded = vi.fn();
    render(
      <I18nProvider language="zh-CN">
        <TodayScreen initial={today} isDemo={false} onOpen={() => undefined} onLoaded={loaded} />
      </I18nProvider>,
    );
    // Drawn in the first render, not after an answer.
    expect(screen.getByTestId("today-card-work").textContent).toContain("嫂子、王妈妈");
    expect(invokeMock).not.toHaveBeenCalled();
    // The sidebar's counts come from the same figures.
    expect(loaded).toHaveBeenCalledWith(today);
  });
});
