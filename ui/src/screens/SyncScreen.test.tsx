// The marketplace sync screen against a mocked Rust side: how sync stands in words for every kind of
// last error, "sync now" (never twice while a round runs), connecting the demo marketplace (then a
// round, and how many listings were mapped), the real marketplace's form (Rust's field errors, the
// secret never shown back), the owner's PIN asked for and the command run again, parked items
// retried or discarded, listings mapped and removed, alerts dismissed, held orders, and English.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, ListingInput, MarketplaceSettings } from "../bindings";
import { offered, pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { translator } from "../i18n";
import { I18nProvider } from "../i18nContext";
import type { HeldOrderDto, ListingDto, OutboxItemDto, SyncAlertDto, SyncStatus } from "../bindings";
import { backend, callsOf, invokeMock, kiwi, chilli, lockedRefusal, product, rejection, type Handler } from "./orderTestData";
import { SyncScreen } from "./SyncScreen";
import { heldSummary, relativeTime, syncState } from "./syncText";

const CJK = /[\u4e00-\u9fff]/;

function ago(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

function status(extra: Partial<SyncStatus> = {}): SyncStatus {
  const at = ago(3 * 60_000 + 5_000);
  return {
    lastSuccessAt: at,
    lastAttemptAt: at,
    cursor: at,
    lastError: "",
    lastErrorKind: "",
    pending: 2,
    parked: 0,
    held: 0,
    alerts: 0,
    syncing: false,
    ...extra,
  };
}

const NOT_CONNECTED: MarketplaceSettings = { connected: false, baseUrl: "", appKey: "", signMethod: "", hasSecret: false, hasSession: false, demo: false };
const DEMO: MarketplaceSettings = { connected: true, baseUrl: "http://127.0.0.1:40123", appKey: "12345678", signMethod: "hmac-sha256", hasSecret: true, hasSession: true, demo: true };
const REAL: MarketplaceSettings = { connected: true, baseUrl: "https://eco.taobao.com", appKey: "23456789", signMethod: "md5", hasSecret: true, hasSession: true, demo: false };

function listing(id: string, extra: Partial<ListingDto> = {}): ListingDto {
  return {
    id,
    numIid: "600001",
    skuId: "",
    outerId: "6958012300011",
    title: "秦岭红心猕猴桃 5斤装",
    productId: kiwi.id,
    productName: "红心猕猴桃",
    saleQuantity: "1.000",
    buffer: 2,
    offer: 18,
    ...extra,
  };
}

function item(id: number, extra: Partial<OutboxItemDto> = {}): OutboxItemDto {
  return { id, kind: "ship", label: "20251128-0042", state: "parked", tries: 8, nextAt: ago(-5 * 60_000 - 5_000), lastError: "isp.remote-service-error: the waybill was refused", ...extra };
}

function alert(id: number, extra: Partial<SyncAlertDto> = {}): SyncAlertDto {
  return { id, orderId: `o${id}`, number: `20251128-00${id}`, kind: "closed_after_packing", platformOrderId: `40010${id}`, at: ago(10 * 60_000), ...extra };
}

const HELD: HeldOrderDto = {
  platformOrderId: "4001999",
  reason: "listing 600077 is not mapped to a product",
  data: {
    tid: "4001999",
    status: "WAIT_SELLER_SEND_GOODS",
    buyer: "t**1",
    recipient: "王芳",
    payment: "58.8",
    lines: [{ numIid: "600077", skuId: "", outerId: "", title: "油泼辣子 250g", quantity: 2, price: "29.40" }],
  },
};

type State = {
  status: SyncStatus;
  settings: MarketplaceSettings;
  listings: ListingDto[];
  parked: OutboxItemDto[];
  pending: OutboxItemDto[];
  alerts: SyncAlertDto[];
  held: HeldOrderDto[];
};

function state(extra: Partial<State> = {}): State {
  return { status: status(), settings: DEMO, listings: [], parked: [], pending: [], alerts: [], held: [], ...extra };
}

function handlers(s: State, extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    sync_status: () => s.status,
    sync_now: () => null,
    marketplace_settings: () => s.settings,
    list_listings: () => s.listings,
    sync_items: (args) => (args?.state === "parked" ? s.parked : s.pending),
    sync_alerts: () => s.alerts,
    held_orders: () => s.held,
    list_products: () => ({ items: [kiwi, chilli], total: 2 }),
    ...extra,
  };
}

function renderScreen(language: Language = "zh-CN", onStatus?: (s: SyncStatus) => void) {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <SyncScreen onStatus={onStatus} />
      </ToastProvider>
    </I18nProvider>,
  );
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

function text(testId: string): string {
  return screen.getByTestId(testId).textContent ?? "";
}

/** The screen once the status and the lists are in. */
async function opened() {
  await waitFor(() => expect(screen.getByTestId("sync-status").getAttribute("data-state")).not.toBe("loading"));
  await waitFor(() => expect(callsOf("held_orders").length).toBeGreaterThan(0));
  await waitFor(() => expect(screen.getByTestId("sync-connection").getAttribute("data-connected")).not.toBeNull());
}

beforeEach(() => {
  invokeMock.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("sync words", () => {
  const t = translator("zh-CN");
  const now = Date.parse("2025-11-28T10:00:00Z");

  it("says when something happened, in the past and to come", () => {
    expect(relativeTime(t, "2025-11-28T09:59:30Z", now)).toBe("刚刚");
    expect(relativeTime(t, "2025-11-28T09:57:00Z", now)).toBe("3 分钟前");
    expect(relativeTime(t, "2025-11-28T07:00:00Z", now)).toBe("3 小时前");
    expect(relativeTime(t, "2025-11-26T09:00:00Z", now)).toBe("2 天前");
    expect(relativeTime(t, "2025-11-28T10:05:00Z", now)).toBe("5 分钟后");
    expect(relativeTime(t, "2025-11-28T10:00:20Z", now)).toBe("马上");
    const en = translator("en");
    expect(relativeTime(en, "2025-11-28T09:59:00Z", now)).toBe("1 minute ago");
    expect(relativeTime(en, "2025-11-28T08:00:00Z", now)).toBe("2 hours ago");
    expect(relativeTime(en, "2025-11-28T11:00:00Z", now)).toBe("in 1 hour");
    expect(relativeTime(en, "not a date", now)).toBe("not a date");
  });

  it("reads the state from the last error's kind, and a marketplace not connected first", () => {
    expect(syncState(status())).toBe("online");
    expect(syncState(status({ lastSuccessAt: null }))).toBe("never");
    expect(syncState(status({ lastErrorKind: "offline" }))).toBe("offline");
    expect(syncState(status({ lastErrorKind: "something_new" }))).toBe("unknown");
    expect(syncState(status({ lastErrorKind: "offline" }), false)).toBe("not_connected");
  });

  it("reads what a held order's data tells, and nothing from what it does not", () => {
    expect(heldSummary(HELD.data)).toEqual({
      buyer: "t**1",
      recipient: "王芳",
      payment: "58.8",
      lines: [{ numIid: "600077", skuId: "", outerId: "", title: "油泼辣子 250g", quantity: "2" }],
    });
    expect(heldSummary({ tid: "4001" })).toEqual({ buyer: "", recipient: "", payment: "", lines: [] });
    expect(heldSummary(null).lines).toEqual([]);
  });
});

describe("the status panel", () => {
  const words: [string, string][] = [
    ["offline", "离线，网络恢复后自动继续"],
    ["credentials", "网店账号信息不对：请检查 App Key、密钥和授权码"],
    ["clock", "电脑时间不对：请把这台电脑的日期和时间调准"],
    ["busy", "网店让我们慢一点，稍后自动继续"],
    ["refused", "网店拒绝了这次同步，原因见下面的详细信息"],
    ["unreadable", "看不懂网店的回答：农家小店可能需要更新"],
  ];

  it("says online with the last success as a relative time, and the counts", async () => {
    backend(handlers(state({ status: status({ pending: 4, parked: 1, held: 2, alerts: 3 }) })));
    renderScreen();
    await opened();
    expect(screen.getByTestId("sync-status").getAttribute("data-state")).toBe("online");
    expect(text("sync-state")).toBe("在线");
    expect(text("sync-last-success")).toBe("上次成功：3 分钟前");
    expect(text("sync-pending")).toBe("4");
    expect(text("sync-parked")).toBe("1");
    expect(text("sync-held-count")).toBe("2");
    expect(text("sync-alerts-count")).toBe("3");
    expect(screen.queryByTestId("sync-error-detail")).toBeNull();
  });

  it.each(words)("says %s in words, with Rust's detail and when it last worked", async (kind, expected) => {
    const message = `the ${kind} error as Rust says it`;
    backend(handlers(state({ status: status({ lastErrorKind: kind, lastError: message, lastAttemptAt: ago(30_000) }) })));
    renderScreen();
    await opened();
    expect(screen.getByTestId("sync-status").getAttribute("data-state")).toBe(kind);
    expect(text("sync-state")).toBe(expected);
    expect(text("sync-error-detail")).toBe(`详细信息：${message}`);
    expect(text("sync-last-success")).toBe("上次成功：3 分钟前 · 上次尝试：刚刚");
  });

  it("says it has never synced, and that no marketplace is connected", async () => {
    const s = state({ status: status({ lastSuccessAt: null, lastAttemptAt: null, pending: 0 }) });
    backend(handlers(s));
    renderScreen();
    await opened();
    expect(text("sync-state")).toBe("已连接，还没有同步过");
    expect(text("sync-last-success")).toBe("还没有成功同步过");
    expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(false);
  });

  it("says no marketplace is connected, and offers no sync", async () => {
    backend(handlers(state({ settings: NOT_CONNECTED, status: status({ lastSuccessAt: null, lastAttemptAt: null }) })));
    renderScreen();
    await opened();
    expect(text("sync-state")).toBe("还没有连接网店");
    expect((screen.getByTestId("sync-now") as HTMLButtonElement).disabled).toBe(true);
  });

  it("asks again every few seconds while open; sync now is disabled while a round runs, and asks for one otherwise", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const s = state();
    const seen: SyncStatus[] = [];
    backend(handlers(s));
    renderScreen("zh-CN", (st) => seen.push(st));
    await act(() => vi.advanceTimersByTimeAsync(0));
    const button = screen.getByTestId("sync-now") as HTMLButtonElement;
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("立即同步");
    expect(callsOf("sync_status")).toHaveLength(1);

    // A round starts in the background: the next question sees it.
    s.status = status({ syncing: true });
    await act(() => vi.advanceTimersByTimeAsync(3000));
    expect(callsOf("sync_status")).toHaveLength(2);
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("正在同步…");
    fireEvent.click(button);
    expect(callsOf("sync_now")).toHaveLength(0);
    // The rest of the screen still works while it runs.
    expect((screen.getByTestId("listing-save") as HTMLButtonElement).disabled).toBe(false);

    // While it runs the status is asked for more often; the round ends and the lists are read again.
    const listsBefore = callsOf("sync_items").length;
    s.status = status({ syncing: false, pending: 0, lastSuccessAt: ago(1000), lastAttemptAt: ago(1000) });
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(callsOf("sync_status")).toHaveLength(3);
    expect(button.disabled).toBe(false);
    expect(text("sync-last-success")).toBe("上次成功：刚刚");
    expect(callsOf("sync_items").length).toBeGreaterThan(listsBefore);

    fireEvent.click(button);
    expect(button.disabled).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(callsOf("sync_now")).toEqual([{}]);
    // Asked again at once rather than at the next tick.
    expect(callsOf("sync_status")).toHaveLength(4);
    expect(seen).toHaveLength(4);
  });
});

describe("connecting", () => {
  it("connects the demo marketplace, then asks for a round, and says how many listings were mapped", async () => {
    const s = state({ settings: NOT_CONNECTED, status: status({ lastSuccessAt: null, lastAttemptAt: null, pending: 0 }) });
    backend(
      handlers(s, {
        connect_demo_marketplace: () => {
          s.settings = DEMO;
          s.listings = [listing("l1"), listing("l2", { numIid: "600002", title: "油泼辣子", productId: chilli.id, productName: "油泼辣椒" })];
          return 2;
        },
      }),
    );
    renderScreen();
    await opened();
    expect(screen.getByTestId("sync-connection").getAttribute("data-connected")).toBe("false");
    expect(screen.getByTestId("marketplace-form")).toBeTruthy();
    fireEvent.click(screen.getByTestId("sync-connect-demo"));

    await waitFor(() => expect(text("sync-demo-mapped")).toBe("演示网店已连接，2 个网店商品对上了店里的商品。订单很快就会来。"));
    const order = invokeMock.mock.calls.map(([c]) => c).filter((c) => c === "connect_demo_marketplace" || c === "sync_now");
    expect(order).toEqual(["connect_demo_marketplace", "sync_now"]);
    // Connected now: where to, marked as the demo, and the listings it mapped.
    await waitFor(() => expect(screen.getByTestId("sync-connection").getAttribute("data-connected")).toBe("true"));
    expect(text("sync-demo-badge")).toBe("演示网店");
    expect(text("sync-baseUrl")).toBe("http://127.0.0.1:40123");
    expect(screen.queryByTestId("marketplace-form")).toBeNull();
    await waitFor(() => expect(screen.getAllByTestId("listing-row")).toHaveLength(2));
  });

  it("says when the demo marketplace matched nothing", async () => {
    const s = state({ settings: NOT_CONNECTED });
    backend(handlers(s, { connect_demo_marketplace: () => ((s.settings = DEMO), 0) }));
    renderScreen();
    await opened();
    fireEvent.click(screen.getByTestId("sync-connect-demo"));
    expect((await screen.findByTestId("sync-demo-mapped")).textContent).toContain("没有网店商品对上店里的商品");
  });

  it("asks for the owner's PIN when connecting is locked, and connects once unlocked", async () => {
    const s = state({ settings: NOT_CONNECTED });
    let unlocked = false;
    backend(
      handlers(s, {
        connect_demo_marketplace: () => {
          if (!unlocked) throw lockedRefusal;
          s.settings = DEMO;
          return 3;
        },
        unlock: (args) => {
          if ((args as { pin: string }).pin !== "2580") throw rejection([{ field: "pin", rule: "wrong_pin", params: { left: "4" } }]);
          unlocked = true;
          return { set: true, unlocked: true, blockedUntil: null };
        },
      }),
    );
    renderScreen();
    await opened();
    fireEvent.click(screen.getByTestId("sync-connect-demo"));
    await screen.findByTestId("unlock-dialog");
    type("unlock-pin", "1111");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    expect((await screen.findByTestId("error-unlock-pin")).textContent).toBe("密码不对，还可以试 4 次。");
    type("unlock-pin", "2580");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(text("sync-demo-mapped")).toContain("3 个网店商品"));
    expect(screen.queryByTestId("unlock-dialog")).toBeNull();
    expect(callsOf("connect_demo_marketplace")).toHaveLength(2);
    expect(callsOf("sync_now")).toHaveLength(1);
  });

  it("says it is locked when the PIN prompt is cancelled", async () => {
    backend(
      handlers(state({ settings: NOT_CONNECTED }), {
        connect_demo_marketplace: () => {
          throw lockedRefusal;
        },
      }),
    );
    renderScreen();
    await opened();
    fireEvent.click(screen.getByTestId("sync-connect-demo"));
    fireEvent.click(await screen.findByTestId("unlock-cancel"));
    expect((await screen.findByTestId("sync-demo-error")).textContent).toBe("工资和店铺信息锁着，请先输入店主密码。");
    expect(callsOf("sync_now")).toHaveLength(0);
  });

  it("puts Rust's field errors on the real marketplace's form, sends the secret once and never shows it", async () => {
    const secret = "s3cr3t-kiwi-9f2c";
    const session = "6100e2f7-session";
    const s = state({ settings: NOT_CONNECTED });
    const answers: unknown[] = [
      rejection([
        { field: "baseUrl", rule: "not_allowed", message: "baseUrl is the marketplace's https:// address (plain http only to this computer)" },
        { field: "appKey", rule: "required" },
        { field: "signMethod", rule: "unknown_kind" },
      ]),
    ];
    backend(
      handlers(s, {
        save_marketplace: () => {
          const answer = answers.shift();
          if (answer) throw answer;
          s.settings = REAL;
          return REAL;
        },
      }),
    );
    renderScreen();
    await opened();
    expect(screen.getByTestId("marketplace-secret").getAttribute("type")).toBe("password");
    expect(screen.getByTestId("marketplace-session").getAttribute("type")).toBe("password");
    expect(valueOf("marketplace-signMethod")).toBe("hmac-sha256");
    type("marketplace-baseUrl", "http://eco.taobao.com");
    type("marketplace-secret", secret);
    type("marketplace-session", session);
    fireEvent.click(screen.getByTestId("marketplace-save"));

    expect((await screen.findByTestId("error-marketplace-baseUrl")).textContent).toBe("请填写网店的 https:// 地址（只有这台电脑上的地址可以用 http://）。");
    expect(text("error-marketplace-appKey")).toBe("请填写App Key。");
    expect(text("error-marketplace-signMethod")).toBe("不认识这个签名方式，请从列表里选。");
    expect(screen.queryByTestId("error-marketplace-secret")).toBeNull();
    expect(screen.getByTestId("sync-screen").textContent).not.toContain(secret);

    type("marketplace-baseUrl", " https://eco.taobao.com ");
    expect(screen.queryByTestId("error-marketplace-baseUrl")).toBeNull();
    type("marketplace-appKey", "23456789");
    type("marketplace-signMethod", "md5");
    fireEvent.click(screen.getByTestId("marketplace-save"));
    await waitFor(() => expect(screen.getByTestId("sync-connection").getAttribute("data-connected")).toBe("true"));
    expect(callsOf("save_marketplace")).toEqual([
      { input: { baseUrl: "http://eco.taobao.com", appKey: "", secret, session, signMethod: "hmac-sha256" } },
      { input: { baseUrl: "https://eco.taobao.com", appKey: "23456789", secret, session, signMethod: "md5" } },
    ]);
    expect(text("toast")).toBe("网店设置已保存，开始同步。");
    expect(callsOf("sync_now")).toHaveLength(1);
    // Nothing on the screen, not even an input's value, holds the secret or the session any more.
    expect(screen.queryByTestId("sync-demo-badge")).toBeNull();
    expect(document.body.innerHTML).not.toContain(secret);
    expect(document.body.innerHTML).not.toContain(session);
    for (const input of document.querySelectorAll("input")) expect(input.value).not.toContain(secret);
  });

  it("keeps the stored secret and session when they are left empty, and says so", async () => {
    const s = state({ settings: REAL });
    backend(handlers(s, { save_marketplace: () => REAL }));
    renderScreen();
    await opened();
    expect(text("sync-appKey")).toBe("23456789");
    expect(screen.queryByTestId("sync-demo-badge")).toBeNull();
    fireEvent.click(screen.getByTestId("sync-edit"));
    expect(valueOf("marketplace-baseUrl")).toBe("https://eco.taobao.com");
    expect(valueOf("marketplace-secret")).toBe("");
    expect(valueOf("marketplace-signMethod")).toBe("md5");
    expect(text("hint-marketplace-secret")).toBe("已经保存过了；留空就继续用保存的");
    expect(text("hint-marketplace-session")).toBe("已经保存过了；留空就继续用保存的");
    type("marketplace-appKey", "23456780");
    fireEvent.click(screen.getByTestId("marketplace-save"));
    await waitFor(() => expect(screen.queryByTestId("marketplace-form")).toBeNull());
    expect(callsOf("save_marketplace")).toEqual([{ input: { baseUrl: "https://eco.taobao.com", appKey: "23456780", secret: "", session: "", signMethod: "md5" } }]);
  });

  it("disconnects after asking, behind the PIN", async () => {
    const s = state({ settings: DEMO });
    let unlocked = false;
    backend(
      handlers(s, {
        forget_marketplace: () => {
          if (!unlocked) throw lockedRefusal;
          s.settings = NOT_CONNECTED;
          return null;
        },
        unlock: () => {
          unlocked = true;
          return { set: true, unlocked: true, blockedUntil: null };
        },
      }),
    );
    renderScreen();
    await opened();
    fireEvent.click(screen.getByTestId("sync-disconnect"));
    expect(text("sync-disconnect-confirm")).toContain("断开后就不再同步了");
    fireEvent.click(screen.getByTestId("sync-disconnect-no"));
    expect(callsOf("forget_marketplace")).toHaveLength(0);
    fireEvent.click(screen.getByTestId("sync-disconnect"));
    fireEvent.click(screen.getByTestId("sync-disconnect-yes"));
    await screen.findByTestId("unlock-dialog");
    type("unlock-pin", "2580");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(screen.getByTestId("sync-connection").getAttribute("data-connected")).toBe("false"));
    expect(callsOf("forget_marketplace")).toHaveLength(2);
    expect(screen.getByTestId("sync-connect-demo")).toBeTruthy();
  });
});

describe("parked items", () => {
  it("lists them in words, retries one and discards another after asking, reading the list again", async () => {
    const s = state({
      status: status({ parked: 2 }),
      parked: [item(7), item(8, { kind: "stock", label: "秦岭红心猕猴桃 5斤装", tries: 1, lastError: "" })],
    });
    backend(
      handlers(s, {
        retry_sync_item: (args) => {
          s.parked = s.parked.filter((p) => p.id !== args?.id);
          return null;
        },
        discard_sync_item: (args) => {
          s.parked = s.parked.filter((p) => p.id !== args?.id);
          return null;
        },
      }),
    );
    renderScreen();
    await opened();
    const rows = await screen.findAllByTestId("parked-row");
    expect(rows.map((r) => r.getAttribute("data-id"))).toEqual(["7", "8"]);
    const [ship, stock] = rows as [HTMLElement, HTMLElement];
    expect(within(ship).getByTestId("parked-kind").textContent).toBe("发货");
    expect(within(ship).getByTestId("parked-label").textContent).toBe("20251128-0042");
    expect(within(ship).getByTestId("parked-tries").textContent).toBe("试了 8 次");
    expect(within(ship).getByTestId("parked-error").textContent).toBe("详细信息：isp.remote-service-error: the waybill was refused");
    expect(within(stock).getByTestId("parked-kind").textContent).toBe("库存");
    expect(within(stock).getByTestId("parked-tries").textContent).toBe("试了 1 次");

    const statusAsks = callsOf("sync_status").length;
    fireEvent.click(within(ship).getByTestId("parked-retry"));
    await waitFor(() => expect(screen.getAllByTestId("parked-row")).toHaveLength(1));
    expect(callsOf("retry_sync_item")).toEqual([{ id: 7 }]);
    expect(text("toast")).toBe("20251128-0042：下次同步时再试。");
    expect(callsOf("sync_status").length).toBeGreaterThan(statusAsks);

    const left = screen.getByTestId("parked-row");
    fireEvent.click(within(left).getByTestId("parked-discard"));
    expect(within(left).getByTestId("parked-discard-confirm").textContent).toContain("不再发送这一条？");
    fireEvent.click(within(left).getByTestId("parked-discard-no"));
    expect(callsOf("discard_sync_item")).toHaveLength(0);
    fireEvent.click(within(left).getByTestId("parked-discard"));
    fireEvent.click(within(left).getByTestId("parked-discard-yes"));
    expect(await screen.findByTestId("parked-empty")).toBeTruthy();
    expect(callsOf("discard_sync_item")).toEqual([{ id: 8 }]);
  });

  it("says so when an item is no longer parked, and reads the list again", async () => {
    const s = state({ parked: [item(7)] });
    backend(
      handlers(s, {
        retry_sync_item: () => {
          s.parked = [];
          throw rejection([{ field: "id", rule: "unknown_record", message: "nothing parked has the number 7" }]);
        },
      }),
    );
    renderScreen();
    await opened();
    fireEvent.click(await screen.findByTestId("parked-retry"));
    expect(await screen.findByTestId("parked-empty")).toBeTruthy();
    expect(text("toast")).toContain("nothing parked has the number 7");
  });

  it("folds away what waits to be sent, with when it goes next", async () => {
    backend(handlers(state({ pending: [item(3, { state: "pending", kind: "stock", label: "油泼辣子", tries: 0, lastError: "" })] })));
    renderScreen();
    await opened();
    const list = screen.getByTestId("sync-pending-list");
    expect(list.tagName).toBe("DETAILS");
    expect(list.hasAttribute("open")).toBe(false);
    expect(text("sync-pending-toggle")).toBe("等待发送（2）");
    const row = await within(list).findByTestId("pending-row");
    expect(row.textContent).toContain("库存");
    expect(row.textContent).toContain("下次：5 分钟后");
  });
});

describe("listings", () => {
  it("shows each listing with its product, what a piece is, what is held back and offered", async () => {
    backend(handlers(state({ listings: [listing("l1", { skuId: "700001", saleQuantity: "2.000" })] })));
    renderScreen();
    await opened();
    const row = await screen.findByTestId("listing-row");
    expect(within(row).getByTestId("listing-row-title").textContent).toBe("秦岭红心猕猴桃 5斤装");
    expect(within(row).getByTestId("listing-row-ids").textContent).toBe("商品 ID 600001 · SKU 700001 · 商家编码 6958012300011");
    expect(within(row).getByTestId("listing-row-product").textContent).toBe("红心猕猴桃");
    await waitFor(() => expect(within(row).getByTestId("listing-row-per-piece").textContent).toBe("1 件 = 2 箱(5斤)"));
    expect(within(row).getByTestId("listing-row-buffer").textContent).toBe("2 件");
    expect(within(row).getByTestId("listing-row-offer").textContent).toBe("18 件");
  });

  it("maps a listing to a product, with Rust's messages at their fields, and lists it", async () => {
    const s = state();
    const answers: unknown[] = [
      rejection([
        { field: "numIid", rule: "not_a_number" },
        { field: "productId", rule: "required" },
        { field: "buffer", rule: "not_a_whole_number" },
      ]),
    ];
    backend(
      handlers(s, {
        save_listing: (args) => {
          const answer = answers.shift();
          if (answer) throw answer;
          const input = args?.input as ListingInput;
          const saved = listing("l9", { ...input, productName: "油泼辣椒", saleQuantity: "2.000", buffer: 1, offer: 9 });
          s.listings = [saved];
          return saved;
        },
      }),
    );
    renderScreen();
    await opened();
    expect(await screen.findByTestId("listings-empty")).toBeTruthy();
    type("listing-numIid", "60000A");
    type("listing-buffer", "1.5");
    fireEvent.click(screen.getByTestId("listing-save"));
    expect((await screen.findByTestId("error-listing-numIid")).textContent).toBe("网店商品 ID 只能是数字。");
    expect(text("error-listing-productId")).toBe("请填写店里的商品。");
    expect(text("error-listing-buffer")).toBe("留着不卖（件）要填整数。");

    type("listing-numIid", " 600002 ");
    type("listing-title", "油泼辣子 两瓶装");
    await waitFor(() => expect(offered("listing-productId")).toEqual(["红心猕猴桃", "油泼辣椒"]));
    pick("listing-productId", "lajiao", "油泼辣椒");
    type("listing-saleQuantity", "2");
    type("listing-buffer", "1");
    fireEvent.click(screen.getByTestId("listing-save"));
    await screen.findByTestId("listing-row");
    expect(callsOf("save_listing")[1]).toEqual({
      input: { numIid: "600002", skuId: "", outerId: "", title: "油泼辣子 两瓶装", productId: chilli.id, saleQuantity: "2", buffer: "1" },
    });
    expect(text("toast")).toBe("已保存：油泼辣子 两瓶装");
    expect(valueOf("listing-numIid")).toBe("");
    expect(text("listing-row-per-piece")).toBe("1 件 = 2 瓶");
  });

  it("changes a mapping from its row and removes one after asking", async () => {
    const s = state({ listings: [listing("l1"), listing("l2", { numIid: "600002", title: "油泼辣子", productId: chilli.id, productName: "油泼辣椒" })] });
    backend(
      handlers(s, {
        delete_listing: (args) => {
          s.listings = s.listings.filter((l) => l.id !== args?.id);
          return null;
        },
      }),
    );
    renderScreen();
    await opened();
    const rows = await screen.findAllByTestId("listing-row");
    fireEvent.click(within(rows[0] as HTMLElement).getByTestId("listing-edit"));
    expect(valueOf("listing-numIid")).toBe("600001");
    expect(valueOf("listing-buffer")).toBe("2");
    expect(valueOf("listing-saleQuantity")).toBe("1");

    const second = rows[1] as HTMLElement;
    fireEvent.click(within(second).getByTestId("listing-delete"));
    expect(within(second).getByTestId("confirm-delete").textContent).toContain("删除这个对应？");
    fireEvent.click(within(second).getByTestId("confirm-delete-no"));
    expect(callsOf("delete_listing")).toHaveLength(0);
    fireEvent.click(within(second).getByTestId("listing-delete"));
    fireEvent.click(within(second).getByTestId("confirm-delete-yes"));
    await waitFor(() => expect(screen.getAllByTestId("listing-row")).toHaveLength(1));
    expect(callsOf("delete_listing")).toEqual([{ id: "l2" }]);
    expect(text("toast")).toBe("已删除这个对应。");
  });
});

describe("alerts and held orders", () => {
  it("says what happened to each order and what to do, and dismisses an alert", async () => {
    const s = state({
      status: status({ alerts: 3 }),
      alerts: [alert(1), alert(2, { kind: "refunded_after_shipping" }), alert(3, { kind: "shipped_elsewhere" })],
    });
    backend(
      handlers(s, {
        dismiss_sync_alert: (args) => {
          s.alerts = s.alerts.filter((a) => a.id !== args?.id);
          s.status = status({ alerts: s.alerts.length });
          return null;
        },
      }),
    );
    renderScreen();
    await opened();
    const rows = await screen.findAllByTestId("alert-row");
    expect(rows.map((r) => within(r).getByTestId("alert-what").textContent)).toEqual([
      "网店上已退款/取消，但这单已经打包了：拆包放回库存。",
      "发货后退款：货回来时记一笔退货。",
      "网店显示已发货，但不是在这里发的。",
    ]);
    expect(within(rows[0] as HTMLElement).getByTestId("alert-order").textContent).toBe("订单 20251128-001");
    expect(rows[0]?.textContent).toContain("网店订单号 400101 · 10 分钟前");
    fireEvent.click(within(rows[1] as HTMLElement).getByTestId("alert-dismiss"));
    await waitFor(() => expect(screen.getAllByTestId("alert-row")).toHaveLength(2));
    expect(callsOf("dismiss_sync_alert")).toEqual([{ id: 2 }]);
    await waitFor(() => expect(text("sync-alerts-count")).toBe("2"));
  });

  it("shows a held order's buyer, recipient and lines with the reason, and maps its listing", async () => {
    backend(handlers(state({ status: status({ held: 2 }), held: [HELD, { platformOrderId: "4002000", reason: "the order could not be read: missing field `receiver_name`", data: { tid: "4002000" } }] })));
    renderScreen();
    await opened();
    const rows = await screen.findAllByTestId("held-row");
    const [first, second] = rows as [HTMLElement, HTMLElement];
    expect(within(first).getByTestId("held-order").textContent).toBe("网店订单号 4001999");
    expect(within(first).getByTestId("held-who").textContent).toBe("买家 t**1 · 收件人 王芳 · 实付 ¥58.80");
    expect(within(first).getByTestId("held-line").textContent).toContain("油泼辣子 250g × 2");
    expect(within(first).getByTestId("held-reason").textContent).toBe("这单暂时放在一边：listing 600077 is not mapped to a product");
    expect(within(second).queryByTestId("held-who")).toBeNull();
    expect(within(second).queryByTestId("held-line")).toBeNull();

    fireEvent.click(within(first).getByTestId("held-map"));
    expect(valueOf("listing-numIid")).toBe("600077");
    expect(valueOf("listing-title")).toBe("油泼辣子 250g");
    expect(document.activeElement).toBe(screen.getByTestId("listing-productId"));
  });
});

describe("in English", () => {
  const english = { ...kiwi, nameZh: "Red kiwi" };
  const englishChilli = product("p-chilli", { nameZh: "Chilli oil", saleUnit: "bottle", stockUnit: "bottle" });

  function englishState(extra: Partial<State> = {}): State {
    return state({
      status: status({ lastErrorKind: "credentials", lastError: "isv.invalid-permission: session expired", parked: 1, held: 1, alerts: 1 }),
      listings: [listing("l1", { title: "Red kiwi 5 jin", productName: "Red kiwi" })],
      parked: [item(7)],
      pending: [item(3, { state: "pending", kind: "stock", label: "Red kiwi 5 jin", tries: 0 })],
      alerts: [alert(1)],
      held: [{ ...HELD, data: { ...(HELD.data as object), recipient: "Wang Fang", lines: [{ numIid: "600077", skuId: "", outerId: "", title: "Chilli oil 250g", quantity: 2 }] } }],
      ...extra,
    });
  }

  it("has nothing Chinese on the connected screen", async () => {
    backend({ ...handlers(englishState()), list_products: () => ({ items: [english, englishChilli], total: 2 }) });
    renderScreen("en");
    await opened();
    await screen.findByTestId("listing-row");
    await screen.findByTestId("held-row");
    expect(text("sync-state")).toBe("The marketplace refuses the account details: check the app key, secret and session");
    expect(text("sync-last-success")).toBe("Last success: 3 minutes ago");
    fireEvent.click(screen.getByTestId("sync-pending-toggle"));
    fireEvent.click(screen.getByTestId("parked-discard"));
    fireEvent.click(screen.getByTestId("listing-delete"));
    fireEvent.click(screen.getByTestId("sync-edit"));
    fireEvent.click(screen.getByTestId("listing-save"));
    await waitFor(() => expect(callsOf("save_listing")).toHaveLength(1));
    expect(screen.getByTestId("sync-screen").textContent).not.toMatch(CJK);
    expect(text("listing-row-per-piece")).toBe("1 piece = 1 box of 5 jin");
    expect(text("listing-row-offer")).toBe("18 pieces");
    expect(text("sync-demo-badge")).toBe("Demo");
  });

  it("has nothing Chinese when not connected, nor in the PIN prompt and the demo's note", async () => {
    const s = englishState({ settings: NOT_CONNECTED, status: status({ lastErrorKind: "offline", lastError: "connection refused" }) });
    let unlocked = false;
    backend({
      ...handlers(s, {
        connect_demo_marketplace: () => {
          if (!unlocked) throw lockedRefusal;
          s.settings = DEMO;
          return 1;
        },
        unlock: () => {
          unlocked = true;
          return { set: true, unlocked: true, blockedUntil: null };
        },
        save_marketplace: () => {
          throw rejection([{ field: "baseUrl", rule: "not_allowed" }, { field: "secret", rule: "required" }]);
        },
      }),
      list_products: () => ({ items: [english], total: 1 }),
    });
    renderScreen("en");
    await opened();
    fireEvent.click(screen.getByTestId("marketplace-save"));
    expect((await screen.findByTestId("error-marketplace-baseUrl")).textContent).toBe("Enter the marketplace's https:// address (plain http:// only to this computer).");
    expect(text("error-marketplace-secret")).toBe("App secret is required.");
    expect(screen.getByTestId("sync-screen").textContent).not.toMatch(CJK);
    fireEvent.click(screen.getByTestId("sync-connect-demo"));
    await screen.findByTestId("unlock-dialog");
    expect(screen.getByTestId("unlock-dialog").textContent).not.toMatch(CJK);
    type("unlock-pin", "2580");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    expect((await screen.findByTestId("sync-demo-mapped")).textContent).toBe(
      "The demo marketplace is connected: 1 of its listings matched products of the shop. Orders will arrive shortly.",
    );
    expect(screen.getByTestId("sync-screen").textContent).not.toMatch(CJK);
  });
});
