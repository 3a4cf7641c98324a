// Today's cards say where they lead: the work card leads to entering this week's work, not just "打开".
import { fireEvent, render, screen } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, SalesFigures, TodayDto } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { TodayScreen, type TodayTarget } from "./TodayScreen";

const invokeMock = vi.mocked(invoke);

const zero: SalesFigures = { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "" };

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
      <TodayScreen onOpen={(t) => opened.push(t)} />
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
    // The other cards keep the plain 打开.
    expect(screen.getByTestId("today-card-owed").textContent).toContain("打开 ›");
  });

  it("says it in English", async () => {
    const card = await renderToday("en", []);
    expect(card.textContent).toContain("Enter this week's work ›");
  });
});
