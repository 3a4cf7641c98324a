// The window's start (issue 15): one call to Rust before Today is drawn, Today and the frame
// drawn from its answer, and only the shop's language loaded (the other on switching).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import { App } from "./App";
import { I18nProvider, useI18n } from "./i18nContext";
import type { AppStatus, StartDto, TodayDto } from "./bindings";
import { forgetLocales, localeLoaded, provideLocale } from "./i18n";
import zhCN from "./locales/zh-CN.json";
import en from "./locales/en.json";

const invokeMock = vi.mocked(invoke);

const status: AppStatus = {
  version: "0.1.0",
  dbPath: "/home/li/.local/share/farmstall/farmstall.db",
  language: "zh-CN",
  hasShop: true,
  isDemo: true,
  openError: null,
  openErrorKind: null,
};

const zero = { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "", unpacked: 0 };

const today: TodayDto = {
  today: "2026-12-07",
  toShip: 7,
  oldestToShipHours: 5,
  overdue: 0,
  expiring: [],
  expiringCount: 2,
  lowStock: 1,
  owed: "1280.00",
  owedFarmers: 2,
  longestOwed: null,
  workMissing: [],
  salesToday: zero,
  salesMonth: zero,
  monthWithoutGoodsCost: 0,
  sync: { lastSuccessAt: "2026-12-07T01:00:00+00:00", lastAttemptAt: "2026-12-07T01:00:00+00:00", cursor: null, lastError: "", lastErrorKind: "", pending: 0, parked: 0, held: 0, alerts: 0, syncing: false },
};

const started: StartDto = {
  status,
  shop: {
    shopName: "黔山果园",
    ownerName: "杨秀英",
    senderName: "杨秀英",
    phone: "13985012345",
    address: { province: "贵州省", city: "贵阳市", district: "修文县", street: "六屯镇大木村三组12号" },
    defaultCourier: "SF",
    language: "zh-CN",
    updatedAt: "2026-12-01T00:00:00Z",
  },
  currentMember: { id: "m1", name: "杨小妹", active: true, searchKey: "yangxiaomei yxm" },
  memberKnown: true,
  today,
  marketplaceConnected: true,
  crash: null,
};

/** The commands the window sent, in order. */
function sent(): string[] {
  return invokeMock.mock.calls.map(([cmd]) => cmd);
}

function backend(start: StartDto) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    if (cmd === "start") return start;
    if (cmd === "set_language") return { ...start.status, language: (args as { language: AppStatus["language"] }).language };
    throw `Command ${cmd} not found`;
  });
}

beforeEach(() => {
  invokeMock.mockReset();
  window.localStorage.clear();
  // As in the window: no language's messages until the start loads one.
  forgetLocales();
});

afterEach(() => {
  provideLocale("zh-CN", zhCN);
  provideLocale("en", en);
  window.localStorage.clear();
});

describe("the start", () => {
  it("draws Today and the frame from one call, with only the shop's language loaded", async () => {
    backend(started);
    render(<App />);
    const toShip = await screen.findByTestId("today-card-to-ship");
    expect(toShip.textContent).toContain("7");
    // The frame: the shop's name, who is working, the demo's note, how sync stands, the counts.
    expect(screen.getByTestId("sidebar").textContent).toContain("黔山果园");
    expect(screen.getByTestId("member-switch").textContent).toBe("杨小妹");
    expect(screen.getByTestId("demo-banner")).toBeTruthy();
    expect(within(screen.getByTestId("nav-sync")).getByTestId("sync-indicator").getAttribute("data-state")).toBe("online");
    await waitFor(() => expect(screen.getByTestId("nav-badge-orders").textContent).toBe("7"));
    // One round trip, and nothing asked again right after.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent()).toEqual(["start"]);
    expect(localeLoaded("zh-CN")).toBe(true);
    expect(localeLoaded("en")).toBe(false);

    // The other language's file comes when the person switches to it.
    fireEvent.click(screen.getByTestId("lang-toggle"));
    await waitFor(() => expect(screen.getByTestId("nav-today").textContent).toBe("Today"));
    expect(localeLoaded("en")).toBe(true);
    expect(sent()).toEqual(["start", "set_language"]);
  });

  it("loads only English for an English shop on a PC that last showed English", async () => {
    window.localStorage.setItem("farmstall.language", "en");
    backend({ ...started, status: { ...status, language: "en" } });
    render(<App />);
    expect((await screen.findByTestId("today-card-to-ship")).textContent).toContain("7");
    expect(screen.getByTestId("nav-today").textContent).toBe("Today");
    expect(localeLoaded("en")).toBe(true);
    expect(localeLoaded("zh-CN")).toBe(false);
    expect(sent()).toEqual(["start"]);
  });

  it("shows only why when the shop could not be opened, from the same one call", async () => {
    backend({
      ...started,
      status: { ...status, hasShop: false, isDemo: false, openError: "database disk image is malformed", openErrorKind: "corrupt" },
      shop: null,
      currentMember: null,
      memberKnown: false,
      today: null,
      marketplaceConnected: null,
    });
    render(<App />);
    expect((await screen.findByTestId("db-error")).textContent).toContain("数据文件坏了");
    // The start's one call, then what the error screen itself looks up (the backups to offer).
    expect(sent()[0]).toBe("start");
    expect(sent()).not.toContain("get_status");
  });
});

/** Puts the Chinese file in place while it renders: a locale that arrives mid-start. */
function Arrives() {
  provideLocale("zh-CN", zhCN);
  return null;
}

function Title() {
  const { t } = useI18n();
  return <h1 data-testid="title">{t("app.name")}</h1>;
}

describe("the language's file", () => {
  // Regression: the window stayed blank on a loaded machine. The file asked for before React
  // rendered arrived after the provider's first render (nothing to show) but before its effect,
  // which then saw it loaded, changed no state, and so never drew the app.
  it("draws the app when it arrives between the provider's first render and its effect", async () => {
    render(
      <>
        <I18nProvider language="zh-CN">
          <Title />
        </I18nProvider>
        <Arrives />
      </>,
    );
    expect((await screen.findByTestId("title")).textContent).toBe("农家小店");
  });
});
