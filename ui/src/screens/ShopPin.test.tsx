// The owner's PIN on the shop screen against a mocked Rust side: setting one (two entries that differ
// are caught without asking Rust), changing and removing it (the current PIN; removing asks first),
// Rust's refusals in words (tries left, how long to wait, not 4 to 8 digits), and a save of the shop
// refused as locked: the PIN prompt, a wrong PIN, the right one, and the save done again.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, PinStatus, ShopProfile } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { backend, callsOf, invokeMock, lockedRefusal, rejection, type Handler } from "./orderTestData";
import { ShopScreen } from "./ShopScreen";

const profile: ShopProfile = {
  shopName: "秦岭果园",
  ownerName: "李明",
  senderName: "李明",
  phone: "13800138000",
  address: { province: "陕西省", city: "西安市", district: "周至县", street: "马召镇1号" },
  defaultCourier: "SF",
  language: "zh-CN",
  updatedAt: "2025-01-01T00:00:00Z",
};

const NO_PIN: PinStatus = { set: false, unlocked: true, blockedUntil: null };
const OPEN: PinStatus = { set: true, unlocked: true, blockedUntil: null };
const LOCKED: PinStatus = { set: true, unlocked: false, blockedUntil: null };

function handlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    get_shop_profile: () => profile,
    pin_status: () => NO_PIN,
    save_shop_profile: (args) => ({ ...(args as { input: object }).input, updatedAt: "2025-01-02T00:00:00Z" }),
    ...extra,
  };
}

function renderShop(language: Language = "zh-CN", onSaved: (p: ShopProfile) => void = () => undefined) {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <ShopScreen mode="edit" onSaved={onSaved} />
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

beforeEach(() => {
  invokeMock.mockReset();
});

describe("setting the owner's PIN", () => {
  it("catches two entries that differ without asking Rust, then sets the PIN", async () => {
    backend(handlers({ set_pin: () => OPEN }));
    renderShop();
    expect((await screen.findByTestId("pin-state")).textContent).toContain("还没有设置店主密码");
    expect(screen.queryByTestId("pin-current")).toBeNull();
    expect(screen.queryByTestId("pin-remove")).toBeNull();
    expect(screen.getByTestId("pin-new").getAttribute("type")).toBe("password");

    type("pin-new", "2580");
    type("pin-repeat", "2581");
    fireEvent.click(screen.getByTestId("pin-save"));
    expect(screen.getByTestId("error-pin-repeat").textContent).toBe("两次输入的密码不一样，请再输一次。");
    // Nothing typed at all is caught too: an empty new PIN would remove it.
    type("pin-new", "");
    fireEvent.click(screen.getByTestId("pin-save"));
    expect(screen.getByTestId("error-pin-new").textContent).toBe("请输入新密码。");
    expect(callsOf("set_pin")).toHaveLength(0);

    type("pin-new", "2580");
    type("pin-repeat", "2580");
    expect(screen.queryByTestId("error-pin-repeat")).toBeNull();
    fireEvent.click(screen.getByTestId("pin-save"));
    await waitFor(() => expect(screen.getByTestId("pin-state").textContent).toContain("已经设置了店主密码"));
    expect(callsOf("set_pin")).toEqual([{ current: "", new: "2580" }]);
    expect(screen.getByTestId("toast").textContent).toBe("店主密码已设置。");
    expect(valueOf("pin-new")).toBe("");
    expect(screen.getByTestId("pin-current")).toBeTruthy();
  });

  it("shows Rust's refusals at their fields: not 4 to 8 digits, tries left, how long to wait", async () => {
    let refusal: unknown = rejection([{ field: "new", rule: "not_a_number" }]);
    backend(
      handlers({
        pin_status: () => OPEN,
        set_pin: () => {
          throw refusal;
        },
      }),
    );
    renderShop();
    await screen.findByTestId("pin-current");
    type("pin-current", "2580");
    type("pin-new", "12ab");
    type("pin-repeat", "12ab");
    fireEvent.click(screen.getByTestId("pin-save"));
    expect((await screen.findByTestId("error-pin-new")).textContent).toBe("密码要是 4 到 8 位数字。");
    expect(callsOf("set_pin")).toEqual([{ current: "2580", new: "12ab" }]);

    refusal = rejection([{ field: "current", rule: "wrong_pin", params: { left: "3" } }]);
    type("pin-new", "1357");
    type("pin-repeat", "1357");
    fireEvent.click(screen.getByTestId("pin-save"));
    expect((await screen.findByTestId("error-pin-current")).textContent).toBe("密码不对，还可以试 3 次。");
    expect(screen.queryByTestId("error-pin-new")).toBeNull();
    // A wrong PIN is typed again from the start.
    expect(valueOf("pin-current")).toBe("");

    refusal = rejection([{ field: "current", rule: "too_many_tries", params: { seconds: "30" } }]);
    type("pin-current", "1111");
    fireEvent.click(screen.getByTestId("pin-save"));
    await waitFor(() => expect(screen.getByTestId("error-pin-current").textContent).toBe("试错太多次，请 30 秒后再试。"));

    refusal = rejection([{ field: "current", rule: "wrong_pin", params: { seconds: "120" } }]);
    type("pin-current", "1111");
    fireEvent.click(screen.getByTestId("pin-save"));
    await waitFor(() => expect(screen.getByTestId("error-pin-current").textContent).toBe("密码不对。试错太多次，请 2 分钟后再试。"));
  });

  it("says it in English too", async () => {
    backend(
      handlers({
        pin_status: () => OPEN,
        set_pin: () => {
          throw rejection([{ field: "current", rule: "wrong_pin", params: { left: "2" } }]);
        },
      }),
    );
    renderShop("en");
    await screen.findByTestId("pin-current");
    expect(screen.getByTestId("pin-section").textContent).toContain("Owner's PIN");
    type("pin-current", "0000");
    type("pin-new", "1357");
    type("pin-repeat", "1357");
    fireEvent.click(screen.getByTestId("pin-save"));
    expect((await screen.findByTestId("error-pin-current")).textContent).toBe("That is not the PIN. 2 tries left.");
  });

  it("removes the PIN with the current one, after asking", async () => {
    backend(handlers({ pin_status: () => OPEN, set_pin: () => NO_PIN }));
    renderShop();
    await screen.findByTestId("pin-current");
    fireEvent.click(screen.getByTestId("pin-remove"));
    expect(screen.getByTestId("error-pin-current").textContent).toBe("请输入当前密码。");
    expect(screen.queryByTestId("pin-remove-confirm")).toBeNull();

    type("pin-current", "2580");
    fireEvent.click(screen.getByTestId("pin-remove"));
    expect(screen.getByTestId("pin-remove-confirm").textContent).toContain("不用输入密码就能看工资");
    fireEvent.click(screen.getByTestId("pin-remove-no"));
    expect(callsOf("set_pin")).toHaveLength(0);

    fireEvent.click(screen.getByTestId("pin-remove"));
    fireEvent.click(screen.getByTestId("pin-remove-yes"));
    await waitFor(() => expect(screen.getByTestId("pin-state").textContent).toContain("还没有设置店主密码"));
    expect(callsOf("set_pin")).toEqual([{ current: "2580", new: "" }]);
    expect(screen.getByTestId("toast").textContent).toBe("店主密码已取消。");
  });
});

describe("saving the shop while locked", () => {
  it("asks for the PIN, says how many tries are left, and saves again once unlocked", async () => {
    let unlocked = false;
    const saved = vi.fn();
    backend(
      handlers({
        pin_status: () => (unlocked ? OPEN : LOCKED),
        save_shop_profile: (args) => {
          if (!unlocked) throw lockedRefusal;
          return { ...(args as { input: object }).input, updatedAt: "2025-01-02T00:00:00Z" };
        },
        unlock: (args) => {
          if ((args as { pin: string }).pin !== "2580") throw rejection([{ field: "pin", rule: "wrong_pin", params: { left: "3" } }]);
          unlocked = true;
          return OPEN;
        },
      }),
    );
    renderShop("zh-CN", saved);
    await screen.findByTestId("shop-form");
    type("shop-phone", "13912345678");
    fireEvent.click(screen.getByTestId("shop-save"));

    await screen.findByTestId("unlock-dialog");
    // The PIN input has the focus: the owner types at once.
    expect(document.activeElement).toBe(screen.getByTestId("unlock-pin"));
    expect(screen.getByTestId("unlock-pin").getAttribute("type")).toBe("password");
    type("unlock-pin", "1111");
    // Enter in the input submits the dialog's form.
    fireEvent.submit(screen.getByTestId("unlock-dialog"));
    expect((await screen.findByTestId("error-unlock-pin")).textContent).toBe("密码不对，还可以试 3 次。");
    expect(valueOf("unlock-pin")).toBe("");
    expect(saved).not.toHaveBeenCalled();

    type("unlock-pin", "2580");
    fireEvent.click(screen.getByTestId("unlock-submit"));
    await waitFor(() => expect(saved).toHaveBeenCalledTimes(1));
    expect(screen.queryByTestId("unlock-dialog")).toBeNull();
    expect(callsOf("unlock")).toEqual([{ pin: "1111" }, { pin: "2580" }]);
    const sends = callsOf("save_shop_profile") as { input: { phone: string } }[];
    expect(sends.map((s) => s.input.phone)).toEqual(["13912345678", "13912345678"]);
    expect(screen.queryByTestId("form-error")).toBeNull();
  });

  it("keeps the form as it was when the prompt is cancelled, saying it is locked", async () => {
    backend(
      handlers({
        pin_status: () => LOCKED,
        save_shop_profile: () => {
          throw lockedRefusal;
        },
      }),
    );
    renderShop();
    await screen.findByTestId("shop-form");
    fireEvent.click(screen.getByTestId("shop-save"));
    await screen.findByTestId("unlock-dialog");
    fireEvent.click(screen.getByTestId("unlock-cancel"));
    expect((await screen.findByTestId("form-error")).textContent).toBe("工资和店铺信息锁着，请先输入店主密码。");
    expect(callsOf("save_shop_profile")).toHaveLength(1);
    expect(callsOf("unlock")).toHaveLength(0);
  });
});
