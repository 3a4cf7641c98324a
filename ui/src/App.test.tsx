// The whole app against a fake Rust side (mocked invoke): startup, language, paging, search, archive/undo, shop setup.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import { App, prefetchScreens } from "./App";
import { todayInShanghai } from "./format";
import { rememberLeftDemo, takeLeftDemo } from "./leftDemo";
import type { AppStatus, CrashNotice, Farmer, ListQuery, Member, Product, ShopProfile, StartDto, TodayDto } from "./bindings";

const invokeMock = vi.mocked(invoke);

const baseStatus: AppStatus = {
  version: "0.1.0",
  dbPath: "/home/li/.local/share/farmstall/farmstall.db",
  language: "zh-CN",
  hasShop: true,
  isDemo: false,
  openError: null,
  openErrorKind: null,
};

function farmer(n: number, archived = false): Farmer {
  return {
    id: `f${n}`,
    name: `农户${n}`,
    village: "周至县",
    phone: "13800138000",
    paymentNotes: "微信",
    remarks: "",
    archived,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    searchKey: "",
  };
}

type Handler = (args: Record<string, unknown> | undefined) => unknown;

/**
 * The `start` of a fake Rust side that has the older commands: what its `get_status`,
 * `get_shop_profile`, `current_member`, `today`, `marketplace_settings` and `last_crash` answer,
 * put together as the Rust side's `App::start` does (a Rust test holds it to that); a part whose
 * command fails or is missing is left out, as Rust leaves out a part it cannot read.
 */
async function startOf(handlers: Record<string, Handler>): Promise<StartDto> {
  const part = async <T,>(cmd: string): Promise<T | null> => {
    const handler = handlers[cmd];
    if (!handler) return null;
    try {
      return (await handler(undefined)) as T;
    } catch {
      return null;
    }
  };
  const getStatus = handlers.get_status;
  if (!getStatus) throw "Command start not found";
  const status = (await getStatus(undefined)) as AppStatus;
  const opened = status.openError === null;
  const member = opened && handlers.current_member ? await part<Member>("current_member") : null;
  return {
    status,
    shop: opened ? await part<ShopProfile>("get_shop_profile") : null,
    currentMember: member,
    memberKnown: opened && handlers.current_member !== undefined,
    today: opened && status.hasShop ? await part<TodayDto>("today") : null,
    marketplaceConnected: opened ? ((await part<{ connected: boolean }>("marketplace_settings"))?.connected ?? null) : null,
    crash: await part<CrashNotice>("last_crash"),
  };
}

/** A fake Rust side: each command answers from `handlers`; an unknown command rejects like Tauri does. */
function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    if (cmd === "start" && !handlers.start) return startOf(handlers);
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

// The later screens' chunks loaded up front, as the window does once idle after the start: a
// test's wait for a screen is not spent compiling its module.
beforeAll(async () => {
  await prefetchScreens();
});

beforeEach(() => {
  invokeMock.mockReset();
});

/** A Today screen with nothing to do, for tests that start on an existing shop. */
const quietToday = {
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
  salesToday: { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "", unpacked: 0 },
  salesMonth: { orders: 0, units: "0", revenue: "0.00", refunds: "0.00", goodsCost: "0.00", packaging: "0.00", shipping: "0.00", grossProfit: "0.00", margin: "", unpacked: 0 },
  monthWithoutGoodsCost: 0,
  sync: { lastSuccessAt: null, lastAttemptAt: null, cursor: null, lastError: "", lastErrorKind: "", pending: 0, parked: 0, held: 0, alerts: 0, syncing: false },
};

describe("startup", () => {
  it("shows only db-error, with the message and the data path, when the database cannot be opened", async () => {
    backend({ get_status: () => ({ ...baseStatus, hasShop: false, openError: "database disk image is malformed", openErrorKind: "corrupt" }) });
    render(<App />);
    const err = await screen.findByTestId("db-error");
    expect(err.textContent).toContain("database disk image is malformed");
    expect(err.textContent).toContain(baseStatus.dbPath);
    // The kind is explained in the user's language, not only in Rust's English.
    expect(err.textContent).toContain("数据文件坏了");
    expect(screen.queryByTestId("app-shell")).toBeNull();
    expect(screen.queryByTestId("welcome")).toBeNull();
  });

  it("welcomes a first start and loads the demo shop into the Today screen", async () => {
    let demoLoaded = false;
    backend({
      get_status: () => ({ ...baseStatus, hasShop: demoLoaded }),
      load_demo: () => {
        demoLoaded = true;
        return { farmers: 3, products: 5 };
      },
      get_shop_profile: () => (demoLoaded ? { shopName: "秦岭果园", updatedAt: "x" } : null),
      today: () => ({ ...quietToday, toShip: 3, oldestToShipHours: 50, overdue: 1 }),
    });
    render(<App />);
    await screen.findByTestId("welcome");
    expect(screen.queryByTestId("nav-products")).toBeNull();
    fireEvent.click(screen.getByTestId("welcome-demo"));
    await screen.findByTestId("today-screen");
    expect(callsOf("load_demo")).toHaveLength(1);
    // The cards come once the screen has asked (an effect): wait for them rather than race it.
    const toShip = await screen.findByTestId("today-card-to-ship");
    expect(toShip.textContent).toContain("3");
    expect(toShip.textContent).toContain("2 天");
    expect(toShip.textContent).toContain("1 单已过发货期限");
    expect(screen.getByTestId("nav-today").getAttribute("aria-current")).toBe("page");
    // The sidebar says how many orders wait beside 订单.
    await waitFor(() => expect(screen.getByTestId("nav-badge-orders").textContent).toBe("3"));
    expect(screen.getByTestId("toast").textContent).toContain("3 位农户");
    await waitFor(() => expect(screen.getByTestId("app-shell").textContent).toContain("秦岭果园"));
  });

  it("opens the demo shop on the order import when that is what the person chose", async () => {
    let demoLoaded = false;
    backend({
      get_status: () => ({ ...baseStatus, hasShop: demoLoaded }),
      load_demo: () => {
        demoLoaded = true;
        return { farmers: 3, products: 5 };
      },
      get_shop_profile: () => (demoLoaded ? { shopName: "秦岭果园", updatedAt: "x" } : null),
      list_products: () => ({ items: [], total: 0 }),
      list_orders: () => ({ items: [], total: 0 }),
      held_imports: () => [],
      shipped_today: () => 0,
    });
    render(<App />);
    await screen.findByTestId("welcome");
    fireEvent.click(screen.getByTestId("welcome-demo-import"));
    await screen.findByTestId("import-dialog");
    expect(callsOf("load_demo")).toHaveLength(1);
    expect(screen.getByTestId("nav-orders").getAttribute("aria-current")).toBe("page");
  });

  it("goes straight to setting up the owner's shop after the demo was cleared, saying where the demo was kept", async () => {
    backend({ get_status: () => ({ ...baseStatus, hasShop: false }) });
    // What the demo's note leaves for the start after the window reloads (ui/src/leftDemo.ts).
    rememberLeftDemo({ backup: "/data/backups/farmstall-20261207T130500Z-before-leave_demo.db", keptFolder: null, demo: { orders: 1, lots: 1, farmers: 1 } });
    render(<App />);
    await screen.findByTestId("shop-form");
    expect(screen.queryByTestId("welcome")).toBeNull();
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("不会被自动删除");
    // Told once: the next start is the ordinary welcome.
    expect(takeLeftDemo()).toBeNull();
  });

  it("starts in the language Rust remembers", async () => {
    backend({ get_status: () => ({ ...baseStatus, hasShop: false, language: "en" }) });
    render(<App />);
    expect((await screen.findByTestId("welcome-setup")).textContent).toContain("Set up my shop");
  });
});

describe("language switch", () => {
  it("switches at once and persists through set_language", async () => {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      list_products: () => ({ items: [], total: 0 }),
      set_language: (args) => ({ ...baseStatus, language: (args as { language: string }).language }),
    });
    render(<App />);
    expect((await screen.findByTestId("nav-shop")).textContent).toBe("店铺");
    fireEvent.click(screen.getByTestId("nav-products"));
    await screen.findByTestId("products-empty"); // the list has been loaded, so the switch is all that changes it
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("nav-shop").textContent).toBe("Shop");
    expect(screen.getByTestId("products-empty").textContent).toContain("No products yet");
    expect(callsOf("set_language")).toEqual([{ language: "en" }]);
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("nav-farmers").textContent).toBe("农户");
    expect(callsOf("set_language")).toEqual([{ language: "en" }, { language: "zh-CN" }]);
  });
});

describe("navigation", () => {
  // Opens three screens one after another: about 3 s alone, and over vitest's 5 s when the CI
  // machine runs the other test files beside it; the assertions are unchanged.
  it("offers purchases, stock and what is owed to farmers after products, and opens them", async () => {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      list_products: () => ({ items: [], total: 0 }),
      list_purchases: () => ({ items: [], total: 0 }),
      list_lots: () => ({ items: [], total: 0 }),
      farmer_balances: () => ({ items: [], total: 0 }),
      list_recipes: () => ({ items: [], total: 0 }),
      list_production_runs: () => ({ items: [], total: 0 }),
      stock_by_product: () => ({ items: [], total: 0, value: "0.00" }),
      sales_report: () => ({ by: "month", from: "2025-12-08", to: "2026-12-07", rows: [], total: quietToday.salesToday }),
      list_orders: () => ({ items: [], total: 0 }),
      list_employees: () => [],
      preview_payroll: (args) => ({ month: String(args?.month), approved: false, payslips: [], gross: "0.00", tax: "0.00", net: "0.00" }),
    });
    render(<App />);
    await screen.findByTestId("nav-shop");
    const order = [...document.querySelectorAll("[data-testid^='nav-']")].map((e) => e.getAttribute("data-testid"));
    expect(order).toEqual(["nav-today", "nav-shop", "nav-farmers", "nav-products", "nav-orders", "nav-scan-ship", "nav-sync", "nav-purchases", "nav-stock", "nav-count", "nav-payables", "nav-payroll", "nav-production", "nav-reports", "nav-backup"]);
    expect(screen.getByTestId("nav-purchases").textContent).toBe("进货");
    expect(screen.getByTestId("nav-stock").textContent).toBe("库存");
    expect(screen.getByTestId("nav-orders").textContent).toBe("订单");
    fireEvent.click(screen.getByTestId("nav-orders"));
    expect((await screen.findByTestId("orders-empty")).closest("[data-testid='orders-screen']")).not.toBeNull();

    fireEvent.click(screen.getByTestId("nav-purchases"));
    expect((await screen.findByTestId("purchases-empty")).closest("[data-testid='purchases-screen']")).not.toBeNull();
    fireEvent.click(screen.getByTestId("nav-stock"));
    expect((await screen.findByTestId("stock-empty")).closest("[data-testid='stock-screen']")).not.toBeNull();
    expect(screen.getByTestId("nav-stock").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-count").textContent).toBe("盘点");
    fireEvent.click(screen.getByTestId("nav-count"));
    expect((await screen.findByTestId("count-empty")).closest("[data-testid='count-screen']")).not.toBeNull();
    expect(screen.getByTestId("nav-payables").textContent).toBe("应付农户");
    fireEvent.click(screen.getByTestId("nav-payables"));
    expect((await screen.findByTestId("payables-empty")).closest("[data-testid='payables-screen']")).not.toBeNull();
    expect(screen.getByTestId("nav-payroll").textContent).toBe("工资");
    fireEvent.click(screen.getByTestId("nav-payroll"));
    expect((await screen.findByTestId("employees-empty")).closest("[data-testid='payroll-screen']")).not.toBeNull();
    expect(await screen.findByTestId("payroll-empty")).toBeTruthy();
    expect(screen.getByTestId("nav-production").textContent).toBe("生产");
    fireEvent.click(screen.getByTestId("nav-production"));
    expect((await screen.findByTestId("recipes-empty")).closest("[data-testid='production-screen']")).not.toBeNull();
    expect((await screen.findByTestId("runs-empty")).closest("[data-testid='production-screen']")).not.toBeNull();
    expect(screen.getByTestId("nav-reports").textContent).toBe("报表");
    fireEvent.click(screen.getByTestId("nav-reports"));
    // Reports open on sales; an empty shop says there is nothing, not zeros that look like sales.
    // The sales tab loads with its charting library (a separate chunk): give it time.
    expect((await screen.findByTestId("sales-empty", {}, { timeout: 8000 })).closest("[data-testid='reports-screen']")).not.toBeNull();
    fireEvent.click(screen.getByTestId("reports-tab-stock"));
    expect((await screen.findByTestId("report-stock-empty")).closest("[data-testid='reports-screen']")).not.toBeNull();
    expect(screen.getByTestId("nav-reports").getAttribute("aria-current")).toBe("page");
  }, 20_000);
});

describe("moving between screens", () => {
  function payBackend() {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      today: () => ({ ...quietToday, workMissing: ["嫂子"] }),
      list_products: () => ({ items: [], total: 0 }),
      list_employees: () => [],
      list_work: () => [],
      preview_payroll: (args) => ({ month: String(args?.month), approved: false, payslips: [], gross: "0.00", tax: "0.00", net: "0.00" }),
    });
  }

  it("opens a new screen at its top, not where the last one was scrolled to", async () => {
    payBackend();
    render(<App />);
    await screen.findByTestId("today-card-work");
    const main = screen.getByTestId("main-pane");
    main.scrollTop = 900;
    fireEvent.click(screen.getByTestId("nav-products"));
    await screen.findByTestId("products-screen");
    expect(main.scrollTop).toBe(0);
    main.scrollTop = 400;
    fireEvent.click(screen.getByTestId("nav-payroll"));
    await screen.findByTestId("payroll-screen");
    expect(main.scrollTop).toBe(0);
  });

  it("opens pay at the week of work from Today's work card", async () => {
    const scrolled: Element[] = [];
    const original = Element.prototype.scrollIntoView;
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    try {
      payBackend();
      render(<App />);
      fireEvent.click(await screen.findByTestId("today-card-work"));
      await screen.findByTestId("employees-empty");
      await waitFor(() => expect(scrolled.map((e) => e.getAttribute("data-testid"))).toEqual(["payroll-work"]));
      // From the sidebar, pay opens at its top again.
      fireEvent.click(screen.getByTestId("nav-products"));
      await screen.findByTestId("products-screen");
      fireEvent.click(screen.getByTestId("nav-payroll"));
      await screen.findByTestId("employees-empty");
      expect(scrolled).toHaveLength(1);
    } finally {
      Element.prototype.scrollIntoView = original;
    }
  });
});

describe("the keyboard", () => {
  it("puts the cursor in the screen's search box on /, but not while typing in a field", async () => {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      today: () => quietToday,
      list_products: () => ({ items: [], total: 0 }),
    });
    render(<App />);
    await screen.findByTestId("today-screen");
    fireEvent.click(screen.getByTestId("nav-products"));
    const search = await screen.findByTestId("products-search");
    fireEvent.keyDown(document.body, { key: "/" });
    expect(document.activeElement).toBe(search);
    // Typed into the search box itself, "/" is a character like any other.
    const event = new KeyboardEvent("keydown", { key: "/", bubbles: true, cancelable: true });
    search.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(false);
  });
});

describe("大字", () => {
  it("makes the text larger from the sidebar or with Ctrl+= / Ctrl+- / Ctrl+0, and keeps it for the next start", async () => {
    window.localStorage.clear();
    backend({ get_status: () => baseStatus, get_shop_profile: () => null, today: () => quietToday });
    const { unmount } = render(<App />);
    await screen.findByTestId("today-screen");
    expect(screen.getByTestId("text-size-100").getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByTestId("text-size-125"));
    expect(document.documentElement.style.fontSize).toBe("125%");
    fireEvent.keyDown(window, { key: "=", ctrlKey: true });
    expect(document.documentElement.style.fontSize).toBe("150%");
    fireEvent.keyDown(window, { key: "=", ctrlKey: true });
    expect(document.documentElement.style.fontSize).toBe("150%");
    fireEvent.keyDown(window, { key: "-", ctrlKey: true });
    expect(screen.getByTestId("text-size-125").getAttribute("aria-pressed")).toBe("true");
    unmount();

    // The next start on this PC opens at the size chosen.
    render(<App />);
    await screen.findByTestId("today-screen");
    expect(document.documentElement.style.fontSize).toBe("125%");
    fireEvent.keyDown(window, { key: "0", ctrlKey: true });
    expect(document.documentElement.style.fontSize).toBe("");
    window.localStorage.clear();
  });
});

describe("the sidebar on a narrow window", () => {
  it("folds to icons with their names as tooltips at large text, and unfolds from its button", async () => {
    window.localStorage.clear();
    const width = window.innerWidth;
    Object.defineProperty(window, "innerWidth", { configurable: true, value: 1024 });
    try {
      backend({ get_status: () => baseStatus, get_shop_profile: () => null, today: () => quietToday });
      render(<App />);
      await screen.findByTestId("today-screen");
      const sidebar = screen.getByTestId("sidebar");
      expect(sidebar.dataset.folded).toBe("false");
      expect(screen.getByTestId("nav-orders").getAttribute("title")).toBeNull();

      fireEvent.click(screen.getByTestId("text-size-150"));
      expect(sidebar.dataset.folded).toBe("true");
      expect(screen.getByTestId("app-shell").className).toContain("cramped");
      expect(screen.getByTestId("nav-orders").getAttribute("title")).toBe("订单");
      expect(screen.getByTestId("nav-orders").getAttribute("aria-label")).toBe("订单");

      fireEvent.click(screen.getByTestId("sidebar-toggle"));
      expect(sidebar.dataset.folded).toBe("false");
      expect(window.localStorage.getItem("farmstall.sidebar")).toBe("open");
      fireEvent.click(screen.getByTestId("sidebar-toggle"));
      expect(sidebar.dataset.folded).toBe("true");
      // Folded is what this window does by itself: back to automatic.
      expect(window.localStorage.getItem("farmstall.sidebar")).toBeNull();
    } finally {
      Object.defineProperty(window, "innerWidth", { configurable: true, value: width });
      window.localStorage.clear();
      document.documentElement.style.fontSize = "";
    }
  });
});

describe("Today's sales card", () => {
  it("opens this month's sales day by day", async () => {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      today: () => quietToday,
      sales_report: (args) => ({ ...(args?.query as object), rows: [], total: quietToday.salesToday }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("today-card-sales"));
    await screen.findByTestId("sales-empty", {}, { timeout: 8000 });
    const today = todayInShanghai();
    expect(callsOf("sales_report")[0]).toEqual({ query: { by: "day", from: `${today.slice(0, 8)}01`, to: today } });
  });
});

describe("marketplace sync in the sidebar", () => {
  const syncStatus = {
    lastSuccessAt: "2025-11-28T02:00:00Z",
    lastAttemptAt: "2025-11-28T02:05:00Z",
    cursor: null,
    lastError: "error sending request: connection refused",
    lastErrorKind: "offline",
    pending: 3,
    parked: 1,
    held: 0,
    alerts: 2,
    syncing: false,
  };
  const connected = { connected: true, baseUrl: "http://127.0.0.1:40123", appKey: "12345678", signMethod: "hmac-sha256", hasSecret: true, hasSession: true, demo: true };

  function syncBackend(settings: typeof connected, status: typeof syncStatus) {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      list_products: () => ({ items: [], total: 0 }),
      // A new object each time, as each answer of Rust is.
      sync_status: () => ({ ...status }),
      marketplace_settings: () => settings,
      list_listings: () => [],
      sync_items: () => [],
      sync_alerts: () => [],
      held_orders: () => [],
      sync_now: () => null,
    });
  }

  it("shows how sync stands next to 网店同步 and opens the sync screen", async () => {
    const status = { ...syncStatus };
    syncBackend(connected, status);
    render(<App />);
    const indicator = await screen.findByTestId("sync-indicator");
    expect(indicator.getAttribute("data-state")).toBe("offline");
    // Parked items and alerts to see to.
    expect(indicator.getAttribute("data-count")).toBe("3");
    expect(indicator.getAttribute("title")).toBe("离线，网络恢复后自动继续 · 3 条要处理");
    expect(within(screen.getByTestId("nav-sync")).getByText("网店同步")).toBeTruthy();

    fireEvent.click(screen.getByTestId("nav-sync"));
    expect(await screen.findByTestId("sync-screen")).toBeTruthy();
    expect(screen.getByTestId("nav-sync").getAttribute("aria-current")).toBe("page");
    // The screen's own answers keep the sidebar up to date.
    status.lastErrorKind = "credentials";
    status.parked = 0;
    status.alerts = 0;
    await waitFor(() => expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId("sync-now"));
    await waitFor(() => expect(screen.getByTestId("sync-indicator").getAttribute("data-state")).toBe("problem"));
    expect(screen.getByTestId("sync-indicator").getAttribute("data-count")).toBe("0");
  });

  it("shows nothing while no marketplace is connected, or when Rust cannot say", async () => {
    syncBackend({ ...connected, connected: false }, syncStatus);
    render(<App />);
    await screen.findByTestId("nav-sync");
    await waitFor(() => expect(callsOf("marketplace_settings")).toHaveLength(1));
    expect(screen.queryByTestId("sync-indicator")).toBeNull();
  });
});

describe("products screen", () => {
  function product(overrides: Partial<Product>): Product {
    return {
      id: "p1",
      nameZh: "红心猕猴桃",
      nameEn: "Red kiwi",
      saleUnit: "jin",
      stockUnit: "jin",
      perishable: true,
      shelfLifeDays: 14,
      price: "12.50",
      weightKg: "0.500",
      kind: "goods",
      reorderPoint: null,
      barcode: null,
      archived: false,
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
      searchKey: "",
      ...overrides,
    };
  }

  it("shows weight and shelf life in the user's language, without repeating the column name", async () => {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      set_language: (args) => ({ ...baseStatus, language: (args as { language: string }).language }),
      list_products: () => ({
        items: [product({}), product({ id: "p2", nameZh: "黄豆", perishable: false, shelfLifeDays: null, weightKg: null })],
        total: 2,
      }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-products"));
    await waitFor(() => expect(screen.getAllByTestId("product-row")).toHaveLength(2));
    const [kiwi, beans] = screen.getAllByTestId("product-row");
    const cells = (row: HTMLElement) => [...row.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells(kiwi!)).toContain("0.5 公斤");
    expect(cells(kiwi!)).toContain("14 天");
    expect(kiwi!.textContent).not.toContain("保质期");
    expect(cells(beans!)).toContain("不易腐");
    expect(beans!.querySelector(".cell-muted")?.textContent).toBe("不易腐");

    fireEvent.click(screen.getByTestId("lang-toggle"));
    const [kiwiEn] = screen.getAllByTestId("product-row");
    expect(cells(kiwiEn!)).toContain("0.5 kg");
    expect(cells(kiwiEn!)).toContain("14 days");
  });
});

describe("farmers screen", () => {
  function farmersBackend(all: Farmer[]) {
    const state = { all };
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      list_products: () => ({ items: [], total: 0 }),
      list_farmers: (args) => {
        const q = (args as { query: ListQuery }).query;
        const matching = state.all.filter((f) => (q.includeArchived || !f.archived) && f.name.includes(q.search));
        return { items: matching.slice(q.offset, q.offset + q.limit), total: matching.length };
      },
      archive_farmer: (args) => {
        const id = (args as { id: string }).id;
        state.all = state.all.map((f) => (f.id === id ? { ...f, archived: true } : f));
        return state.all.find((f) => f.id === id);
      },
      restore_farmer: (args) => {
        const id = (args as { id: string }).id;
        state.all = state.all.map((f) => (f.id === id ? { ...f, archived: false } : f));
        return state.all.find((f) => f.id === id);
      },
    });
  }

  async function openFarmers() {
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-farmers"));
    await screen.findByTestId("farmers-screen");
  }

  it("pages in the database, 50 at a time", async () => {
    farmersBackend(Array.from({ length: 120 }, (_, i) => farmer(i + 1)));
    await openFarmers();
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(50));
    expect(screen.getByTestId("pager-info").textContent).toBe("第 1–50 条，共 120 条");
    expect((screen.getByTestId("pager-prev") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId("pager-next"));
    await waitFor(() => expect(screen.getByTestId("pager-info").textContent).toBe("第 51–100 条，共 120 条"));
    expect(callsOf("list_farmers").at(-1)).toEqual({ query: { search: "", includeArchived: false, limit: 50, offset: 50, kind: "" } });
    fireEvent.click(screen.getByTestId("pager-next"));
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(20));
    expect((screen.getByTestId("pager-next") as HTMLButtonElement).disabled).toBe(true);
  });

  it("searches after a pause in typing, from the first page", async () => {
    farmersBackend([farmer(1), farmer(2), farmer(12)]);
    await openFarmers();
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(3));
    const before = callsOf("list_farmers").length;
    fireEvent.change(screen.getByTestId("farmers-search"), { target: { value: "农户1" } });
    fireEvent.change(screen.getByTestId("farmers-search"), { target: { value: "农户12" } });
    // Not yet: the search waits for typing to pause.
    expect(callsOf("list_farmers")).toHaveLength(before);
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(1));
    const searches = callsOf("list_farmers").slice(before);
    expect(searches).toEqual([{ query: { search: "农户12", includeArchived: false, limit: 50, offset: 0, kind: "" } }]);

    fireEvent.change(screen.getByTestId("farmers-search"), { target: { value: "没有这个人" } });
    expect((await screen.findByTestId("farmers-empty")).textContent).toContain("没有这个人");
  });

  it("archives with an undo, and shows archived rows muted with a restore button", async () => {
    farmersBackend([farmer(1), farmer(2)]);
    await openFarmers();
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(2));
    const first = screen.getAllByTestId("farmer-row")[0]!;
    fireEvent.click(within(first).getByTestId("farmer-archive"));
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(1));
    expect(callsOf("archive_farmer")).toEqual([{ id: "f1" }]);
    expect(screen.getByTestId("toast").textContent).toContain("农户1");

    fireEvent.click(screen.getByTestId("toast-undo"));
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(2));
    expect(callsOf("restore_farmer")).toEqual([{ id: "f1" }]);

    fireEvent.click(within(screen.getAllByTestId("farmer-row")[1]!).getByTestId("farmer-archive"));
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(1));
    fireEvent.click(screen.getByTestId("farmers-show-archived"));
    await waitFor(() => expect(screen.getAllByTestId("farmer-row")).toHaveLength(2));
    const archivedRow = screen.getAllByTestId("farmer-row").find((r) => r.getAttribute("data-id") === "f2")!;
    expect(archivedRow.className).toContain("row-archived");
    expect(archivedRow.textContent).toContain("已归档");
    expect(within(archivedRow).queryByTestId("farmer-archive")).toBeNull();
    fireEvent.click(within(archivedRow).getByTestId("farmer-restore"));
    await waitFor(() => expect(callsOf("restore_farmer")).toHaveLength(2));
  });
});

describe("shop form", () => {
  it("shows a nested address error next to the province and saves nothing else", async () => {
    backend({
      get_status: () => ({ ...baseStatus, hasShop: false }),
      get_shop_profile: () => null,
      save_shop_profile: () => {
        throw { kind: "validation", field: "address.province", rule: "required", message: "Province is required" };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("welcome-setup"));
    await screen.findByTestId("shop-form");
    fireEvent.change(screen.getByTestId("shop-shopName"), { target: { value: "老李家果园" } });
    fireEvent.change(screen.getByTestId("shop-defaultCourier"), { target: { value: "SF" } });
    fireEvent.click(screen.getByTestId("shop-save"));
    expect((await screen.findByTestId("error-shop-province")).textContent).toBe("请填写省。");
    expect(screen.getByTestId("shop-province").getAttribute("aria-invalid")).toBe("true");
    expect((screen.getByTestId("shop-shopName") as HTMLInputElement).value).toBe("老李家果园");
    expect(callsOf("save_shop_profile")[0]).toEqual({
      input: {
        shopName: "老李家果园",
        ownerName: "",
        senderName: "",
        phone: "",
        address: { province: "", city: "", district: "", street: "" },
        defaultCourier: "SF",
        language: "zh-CN",
      },
    });
    expect(screen.queryByTestId("nav-farmers")).toBeNull();
  });

  it("after the first save shows the navigation and the farmers screen", async () => {
    backend({
      get_status: () => ({ ...baseStatus, hasShop: false }),
      get_shop_profile: () => null,
      save_shop_profile: (args) => ({ ...(args as { input: object }).input, updatedAt: "2025-01-01T00:00:00Z" }),
      list_farmers: () => ({ items: [], total: 0 }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("welcome-setup"));
    await screen.findByTestId("shop-form");
    fireEvent.change(screen.getByTestId("shop-shopName"), { target: { value: "老李家果园" } });
    fireEvent.click(screen.getByTestId("shop-save"));
    await screen.findByTestId("farmers-screen");
    expect(screen.getByTestId("toast").textContent).toBe("已保存");
    expect(screen.getByTestId("nav-shop")).toBeTruthy();
    expect(screen.getByTestId("app-shell").textContent).toContain("老李家果园");
  });

  it("shows every wrong field of the shop at once and focuses the first", async () => {
    backend({
      get_status: () => ({ ...baseStatus, hasShop: false }),
      get_shop_profile: () => null,
      save_shop_profile: () => {
        throw {
          kind: "validation",
          field: "ownerName",
          rule: "required",
          message: "ownerName is required; phone is invalid; address.city is required",
          errors: [
            { field: "ownerName", rule: "required", message: "ownerName is required" },
            { field: "phone", rule: "invalid_phone", message: "phone is invalid" },
            { field: "address.city", rule: "required", message: "address.city is required" },
          ],
        };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("welcome-setup"));
    await screen.findByTestId("shop-form");
    fireEvent.change(screen.getByTestId("shop-shopName"), { target: { value: "老李家果园" } });
    fireEvent.change(screen.getByTestId("shop-phone"), { target: { value: "123" } });
    fireEvent.click(screen.getByTestId("shop-save"));
    expect((await screen.findByTestId("error-shop-ownerName")).textContent).toBe("请填写店主姓名。");
    expect(screen.getByTestId("error-shop-phone").textContent).toContain("联系电话的格式不对");
    expect(screen.getByTestId("error-shop-city").textContent).toBe("请填写市。");
    expect(screen.getByTestId("shop-city").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("shop-shopName").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByTestId("form-error")).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("shop-ownerName")));
    expect((screen.getByTestId("shop-phone") as HTMLInputElement).value).toBe("123");
  });
});

describe("toasts", () => {
  it("are translated when shown, so a switch of language changes an open toast", async () => {
    backend({
      get_status: () => ({ ...baseStatus, hasShop: false }),
      get_shop_profile: () => null,
      save_shop_profile: (args) => ({ ...(args as { input: object }).input, updatedAt: "2025-01-01T00:00:00Z" }),
      list_farmers: () => ({ items: [], total: 0 }),
      set_language: (args) => ({ ...baseStatus, language: (args as { language: string }).language }),
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("welcome-setup"));
    await screen.findByTestId("shop-form");
    fireEvent.click(screen.getByTestId("shop-save"));
    await screen.findByTestId("farmers-screen");
    expect(screen.getByTestId("toast").textContent).toBe("已保存");
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("toast").textContent).toBe("Saved");
  });

  it("keep the undo toast's name and offer in the new language", async () => {
    const state = { all: [farmer(1)] };
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      list_products: () => ({ items: [], total: 0 }),
      set_language: (args) => ({ ...baseStatus, language: (args as { language: string }).language }),
      list_farmers: () => ({ items: state.all.filter((f) => !f.archived), total: state.all.filter((f) => !f.archived).length }),
      archive_farmer: () => {
        state.all = [farmer(1, true)];
        return state.all[0];
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-farmers"));
    fireEvent.click(await screen.findByTestId("farmer-archive"));
    await screen.findByTestId("toast-undo");
    expect(screen.getByTestId("toast").textContent).toContain("已归档农户“农户1”");
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("toast").textContent).toContain('Archived farmer "农户1"');
    expect(screen.getByTestId("toast-undo").textContent).toBe("Undo");
  });

  it("explain a failed archive in the current language with Rust's detail", async () => {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => null,
      list_products: () => ({ items: [], total: 0 }),
      set_language: (args) => ({ ...baseStatus, language: (args as { language: string }).language }),
      list_farmers: () => ({ items: [farmer(1)], total: 1 }),
      archive_farmer: () => {
        throw { kind: "database", field: null, rule: null, message: "database is locked", errors: [] };
      },
    });
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-farmers"));
    fireEvent.click(await screen.findByTestId("farmer-archive"));
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toBe("保存数据时出错了，请再试一次。 详细信息：database is locked");
    expect(toast.className).toContain("toast-error");
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect(screen.getByTestId("toast").textContent).toBe("Something went wrong while saving. Please try again. Details: database is locked");
  });
});

describe("unsaved edits", () => {
  const profile = {
    shopName: "秦岭果园",
    ownerName: "李明",
    senderName: "李明",
    phone: "13800138000",
    address: { province: "陕西省", city: "西安市", district: "周至县", street: "马召镇1号" },
    defaultCourier: "SF",
    language: "zh-CN",
    updatedAt: "2025-01-01T00:00:00Z",
  };

  function shopBackend() {
    backend({
      get_status: () => baseStatus,
      get_shop_profile: () => profile,
      save_shop_profile: (args) => ({ ...(args as { input: object }).input, updatedAt: "2025-01-02T00:00:00Z" }),
      set_language: (args) => ({ ...baseStatus, language: (args as { language: string }).language }),
      list_products: () => ({ items: [], total: 0 }),
      list_farmers: () => ({ items: [farmer(1)], total: 1 }),
    });
  }

  async function openShop() {
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-shop"));
    await screen.findByTestId("shop-form");
  }

  it("asks before leaving a changed shop form through the navigation", async () => {
    shopBackend();
    await openShop();
    fireEvent.change(screen.getByTestId("shop-phone"), { target: { value: "13912345678" } });
    fireEvent.click(screen.getByTestId("nav-farmers"));

    expect(screen.getByTestId("confirm-discard").textContent).toContain("放弃未保存的修改？");
    expect(document.activeElement).toBe(screen.getByTestId("confirm-keep"));
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(screen.queryByTestId("farmers-screen")).toBeNull();
    expect((screen.getByTestId("shop-phone") as HTMLInputElement).value).toBe("13912345678");

    fireEvent.click(screen.getByTestId("nav-products"));
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    await screen.findByTestId("products-screen");
    expect(screen.queryByTestId("shop-form")).toBeNull();
    expect(screen.getByTestId("nav-products").getAttribute("aria-current")).toBe("page");
    expect(callsOf("save_shop_profile")).toHaveLength(0);
  });

  it("leaves an unchanged shop form at once, also after the sidebar switched the language", async () => {
    shopBackend();
    await openShop();
    fireEvent.click(screen.getByTestId("lang-toggle"));
    expect((screen.getByTestId("shop-language") as HTMLSelectElement).value).toBe("en");
    fireEvent.click(screen.getByTestId("nav-farmers"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    await screen.findByTestId("farmers-screen");
  });

  it("leaves a saved shop form without asking", async () => {
    shopBackend();
    await openShop();
    fireEvent.change(screen.getByTestId("shop-shopName"), { target: { value: "秦岭果园二店" } });
    fireEvent.click(screen.getByTestId("shop-save"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toBe("已保存"));
    fireEvent.click(screen.getByTestId("nav-farmers"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    await screen.findByTestId("farmers-screen");
  });

  it("asks before Back throws away a started shop setup", async () => {
    backend({ get_status: () => ({ ...baseStatus, hasShop: false }), get_shop_profile: () => null });
    render(<App />);
    fireEvent.click(await screen.findByTestId("welcome-setup"));
    await screen.findByTestId("shop-form");
    fireEvent.change(screen.getByTestId("shop-shopName"), { target: { value: "老李家果园" } });
    fireEvent.click(screen.getByTestId("shop-back"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    await screen.findByTestId("welcome");
  });

  it("closes the farmer dialog only after Discard, and a clean one at once", async () => {
    shopBackend();
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-farmers"));
    fireEvent.click(await screen.findByTestId("farmers-add"));
    fireEvent.change(screen.getByTestId("farmer-name"), { target: { value: "李四" } });
    fireEvent.keyDown(screen.getByTestId("farmer-name"), { key: "Escape" });
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect((screen.getByTestId("farmer-name") as HTMLInputElement).value).toBe("李四");
    fireEvent.click(screen.getByTestId("farmer-cancel"));
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(screen.queryByTestId("farmer-form")).toBeNull();
    expect(screen.queryByTestId("confirm-discard")).toBeNull();

    fireEvent.click(await screen.findByTestId("farmer-edit"));
    fireEvent.keyDown(screen.getByTestId("farmer-name"), { key: "Escape" });
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(screen.queryByTestId("farmer-form")).toBeNull();
  });

  it("asks before the navigation leaves a changed dialog behind", async () => {
    shopBackend();
    render(<App />);
    fireEvent.click(await screen.findByTestId("nav-farmers"));
    fireEvent.click(await screen.findByTestId("farmers-add"));
    fireEvent.change(screen.getByTestId("farmer-name"), { target: { value: "李四" } });
    // The sidebar is behind the dialog, but reachable by keyboard.
    fireEvent.click(screen.getByTestId("nav-products"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect((screen.getByTestId("farmer-name") as HTMLInputElement).value).toBe("李四");
  });
});

describe("the notice of last time's crash", () => {
  const notice = {
    at: "2026-12-07T05:01:02+00:00",
    path: "/home/li/.local/share/farmstall/logs/crash-20261207-050102.txt",
    folder: "/home/li/.local/share/farmstall/logs",
  };

  function crashBackend(language: "zh-CN" | "en", crash: typeof notice | null, folder: () => unknown = () => null) {
    backend({
      get_status: () => ({ ...baseStatus, language }),
      get_shop_profile: () => ({ shopName: "秦岭果园", updatedAt: "x" }),
      today: () => quietToday,
      last_crash: () => crash,
      acknowledge_crash: () => null,
      show_logs_folder: folder,
    });
  }

  it("says the app closed unexpectedly, where the record is, opens its folder, and is told once", async () => {
    crashBackend("zh-CN", notice);
    render(<App />);
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("农家小店上次意外关闭了");
    expect(toast.textContent).toContain(notice.path);
    await waitFor(() => expect(callsOf("acknowledge_crash")).toHaveLength(1));
    fireEvent.click(within(toast).getByTestId("crash-notice-folder"));
    await waitFor(() => expect(callsOf("show_logs_folder")).toHaveLength(1));
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("says it in English too", async () => {
    crashBackend("en", notice);
    render(<App />);
    const toast = await screen.findByTestId("toast");
    await waitFor(() => expect(toast.textContent).toContain("Farmstall closed unexpectedly last time"));
    expect(toast.textContent).toContain(notice.path);
    expect(within(toast).getByTestId("crash-notice-folder").textContent).toBe("Open folder");
  });

  it("says where the folder is when it cannot be opened", async () => {
    crashBackend("zh-CN", notice, () => {
      throw { kind: "unavailable", field: "path", rule: "no_viewer", message: "no file manager", errors: [] };
    });
    render(<App />);
    fireEvent.click(within(await screen.findByTestId("toast")).getByTestId("crash-notice-folder"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain(notice.folder));
    expect(screen.getByTestId("toast").className).toContain("toast-error");
  });

  it("says nothing after a clean close", async () => {
    crashBackend("zh-CN", null);
    render(<App />);
    await screen.findByTestId("app-shell");
    // The crash record came with the start's answer, which has been handled: the shell is drawn.
    expect(callsOf("start")).toHaveLength(1);
    expect(callsOf("last_crash")).toHaveLength(0);
    expect(screen.queryByTestId("toast")?.textContent ?? "").not.toContain("意外关闭");
    expect(callsOf("acknowledge_crash")).toHaveLength(0);
  });
});
