// The demo shop's note on Today and its way out: shown only on the demo, a confirmation that says what
// happens, progress while the demo is backed up and removed, the reload after, and a refusal shown
// with the dialog kept open.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, LeftDemo, SalesFigures, TodayDto } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { takeLeftDemo } from "../leftDemo";
import { DemoBanner } from "./DemoBanner";
import { TodayScreen } from "./TodayScreen";

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
  workMissing: [],
  salesToday: zero,
  salesMonth: zero,
  monthWithoutGoodsCost: 0,
  sync: { lastSuccessAt: null, lastAttemptAt: null, cursor: null, lastError: "", lastErrorKind: "", pending: 0, parked: 0, held: 0, alerts: 0, syncing: false },
};

const left: LeftDemo = {
  backup: "/home/li/.local/share/farmstall/backups/farmstall-20261207T130500Z-before-leave_demo.db",
  keptFolder: null,
  demo: { orders: 120, lots: 40, farmers: 6 },
};

type Handler = () => unknown;

function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (cmd: string) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler();
  });
}

function calls(cmd: string): number {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).length;
}

function renderBanner(reload: () => void, language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <DemoBanner reload={reload} />
    </I18nProvider>,
  );
}

beforeEach(() => {
  invokeMock.mockReset();
  sessionStorage.clear();
});

describe("the demo note on Today", () => {
  it("shows on the demo shop above the cards, and not on a real shop, without asking for the status", async () => {
    backend({ today: () => today });
    const { unmount } = render(
      <I18nProvider language="zh-CN">
        <TodayScreen isDemo onOpen={() => undefined} />
      </I18nProvider>,
    );
    const banner = await screen.findByTestId("demo-banner");
    expect(banner.textContent).toContain("这是演示店铺");
    expect(within(banner).getByTestId("demo-leave").textContent).toBe("清除演示数据，开始我的小店");
    unmount();

    render(
      <I18nProvider language="zh-CN">
        <TodayScreen isDemo={false} onOpen={() => undefined} />
      </I18nProvider>,
    );
    await screen.findByTestId("today-card-work");
    expect(screen.queryByTestId("demo-banner")).toBeNull();
    // Whether the shop is the demo came with the start's status: the note asks nothing itself.
    expect(invokeMock.mock.calls.map(([c]) => c)).toEqual(["today", "today"]);
  });

  it("asks first, saying what is removed, what is kept and what comes next; cancel changes nothing", async () => {
    backend({ leave_demo: () => left });
    const reload = vi.fn();
    renderBanner(reload);
    fireEvent.click(await screen.findByTestId("demo-leave"));
    const dialog = screen.getByRole("dialog");
    expect(within(dialog).getByText("清除演示数据？")).toBeTruthy();
    const text = dialog.textContent ?? "";
    expect(text).toContain("农户、商品、订单");
    expect(text).toContain("备份");
    expect(text).toContain("填写您自己店铺");
    // The safe choice has the focus.
    expect(document.activeElement).toBe(screen.getByTestId("leave-demo-cancel"));
    fireEvent.click(screen.getByTestId("leave-demo-cancel"));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(calls("leave_demo")).toBe(0);
    expect(reload).not.toHaveBeenCalled();
  });

  it("shows progress while the demo is backed up and removed, then reloads to set up the owner's shop", async () => {
    let finish: (value: LeftDemo) => void = () => undefined;
    invokeMock.mockImplementation(async (cmd: string) => {
      if (cmd === "leave_demo") return new Promise<LeftDemo>((resolve) => (finish = resolve));
      throw `Command ${cmd} not found`;
    });
    const reload = vi.fn();
    renderBanner(reload);
    fireEvent.click(await screen.findByTestId("demo-leave"));
    fireEvent.click(screen.getByTestId("leave-demo-confirm"));
    await waitFor(() => expect(calls("leave_demo")).toBe(1));
    // Working: both buttons wait, Escape does not close, the person is told what is going on.
    expect(screen.getByTestId("leave-demo-confirm")).toHaveProperty("disabled", true);
    expect(screen.getByTestId("leave-demo-cancel")).toHaveProperty("disabled", true);
    expect(screen.getByRole("status").textContent).toContain("正在备份并清除演示数据");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.getByRole("dialog")).toBeTruthy();
    expect(reload).not.toHaveBeenCalled();

    await act(async () => finish(left));
    expect(reload).toHaveBeenCalledTimes(1);
    // The start after the reload learns, once, where the demo was kept.
    expect(takeLeftDemo()).toEqual({ backup: left.backup });
    expect(takeLeftDemo()).toBeNull();
  });

  it("keeps the dialog open with the reason when the demo could not be cleared", async () => {
    backend({
      leave_demo: () => {
        throw { kind: "conflict", field: null, rule: null, message: "another copy of Farmstall has the shop open", errors: [] };
      },
    });
    const reload = vi.fn();
    renderBanner(reload, "en");
    fireEvent.click(await screen.findByTestId("demo-leave"));
    expect(screen.getByTestId("demo-leave").textContent).toBe("Clear the demo data and start my shop");
    fireEvent.click(screen.getByTestId("leave-demo-confirm"));
    const error = await screen.findByTestId("leave-demo-error");
    expect(error.textContent).toContain("nothing in the shop changed");
    expect(error.textContent).toContain("another copy of Farmstall has the shop open");
    expect(screen.getByTestId("leave-demo-confirm")).toHaveProperty("disabled", false);
    expect(reload).not.toHaveBeenCalled();
    expect(takeLeftDemo()).toBeNull();
  });
});
