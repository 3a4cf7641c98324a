// The order form's WeChat paste and repeat buyers against a mocked Rust side: a pasted message fills
// the recipient fields and names what it did not find, a field the owner typed is replaced only
// when they say so, and an earlier recipient found by phone is offered and filled in with one click.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { KnownRecipient, Language } from "../bindings";
import { offered, offeredOptions, pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { lookupKey, phoneDigits } from "./KnownRecipients";
import { OrderForm } from "./OrderForm";
import { backend, box, callsOf, chilli, invokeMock, kiwi } from "./orderTestData";

function renderForm(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <OrderForm onSaved={() => {}} onCancel={() => {}} />
      </ToastProvider>
    </I18nProvider>,
  );
}

function field(name: string): HTMLInputElement {
  return screen.getByTestId(`order-recipient-${name}`) as HTMLInputElement;
}

function recipientValues(): Record<string, string> {
  return Object.fromEntries(["name", "phone", "province", "city", "district", "street", "postcode"].map((f) => [f, field(f).value]));
}

/** What a person does: paste into the box (the browser fires paste, then the change). */
function paste(text: string) {
  const box = screen.getByTestId("order-paste");
  fireEvent.paste(box);
  fireEvent.change(box, { target: { value: text } });
}

const zhang: KnownRecipient = {
  name: "张三",
  phone: "138 0013 8000",
  province: "贵州省",
  city: "贵阳市",
  district: "云岩区",
  street: "中华北路88号3单元",
  postcode: "550001",
  orders: 3,
  lastOrderedOn: "2026-11-02",
};

function handlers(known: (key: string) => KnownRecipient[] = () => []) {
  return {
    list_products: () => ({ items: [kiwi], total: 1 }),
    recent_recipients: (args: Record<string, unknown> | undefined) => known(String(args?.phoneOrName ?? "")),
  };
}

beforeEach(() => {
  invokeMock.mockReset();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("pasting a WeChat message", () => {
  it("fills every recipient field on paste and names what it did not find", async () => {
    backend(handlers());
    renderForm();
    expect(screen.getByText("粘贴微信消息")).toBeTruthy();
    paste("收货人：李四\n手机：139-0013-9000\n地址：四川省 成都市 武侯区 人民南路四段27号");
    expect(recipientValues()).toEqual({
      name: "李四",
      phone: "13900139000",
      province: "四川省",
      city: "成都市",
      district: "武侯区",
      street: "人民南路四段27号",
      postcode: "",
    });
    expect(screen.getByTestId("order-paste-filled").textContent).toBe("已经填好：收货人、手机、省、市、区/县、详细地址。请核对一下。");
    expect(screen.getByTestId("order-paste-missing").textContent).toBe("没找到：邮编。有的话请在下面自己填。");
    await waitFor(() => expect(callsOf("list_products")).toHaveLength(1));
  });

  it("typing into the box waits for the 识别 button", () => {
    backend(handlers());
    renderForm();
    const box = screen.getByTestId("order-paste");
    const button = screen.getByTestId("order-paste-recognise") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(box, { target: { value: "王芳，86-13712345678，广东省 广州市 天河区 天河路385号太古汇，510620" } });
    expect(field("name").value).toBe("");
    expect(button.disabled).toBe(false);
    fireEvent.click(button);
    expect(recipientValues()).toEqual({
      name: "王芳",
      phone: "13712345678",
      province: "广东省",
      city: "广州市",
      district: "天河区",
      street: "天河路385号太古汇",
      postcode: "510620",
    });
    expect(screen.queryByTestId("order-paste-missing")).toBeNull();
  });

  it("keeps a field the owner typed unless they choose the message's", () => {
    backend(handlers());
    renderForm();
    fireEvent.change(field("phone"), { target: { value: "13500000000" } });
    fireEvent.change(field("name"), { target: { value: "李四" } });
    paste("李四 13900139000 四川省成都市武侯区人民南路四段27号");
    // The same name is no conflict; the different phone waits for the owner.
    expect(field("phone").value).toBe("13500000000");
    expect(field("street").value).toBe("人民南路四段27号");
    expect(screen.getByTestId("order-paste-conflicts").textContent).toContain("手机：您填的是“13500000000”，消息里是“13900139000”");

    fireEvent.click(screen.getByTestId("order-paste-keep"));
    expect(field("phone").value).toBe("13500000000");
    expect(screen.queryByTestId("order-paste-conflicts")).toBeNull();

    fireEvent.click(screen.getByTestId("order-paste-recognise"));
    fireEvent.click(screen.getByTestId("order-paste-replace"));
    expect(field("phone").value).toBe("13900139000");
    expect(screen.queryByTestId("order-paste-conflicts")).toBeNull();
  });

  it("a second paste replaces what the first one filled without asking", () => {
    backend(handlers());
    renderForm();
    paste("张三 13800138000 贵州省贵阳市云岩区中华北路88号3单元");
    paste("李四 13900139000 四川省成都市武侯区人民南路四段27号");
    expect(field("name").value).toBe("李四");
    expect(field("district").value).toBe("武侯区");
    expect(screen.queryByTestId("order-paste-conflicts")).toBeNull();
  });

  it("says so when nothing was recognised", () => {
    backend(handlers());
    renderForm();
    paste("好的谢谢");
    expect(screen.getByTestId("hint-order-paste").textContent).toContain("没认出来");
  });

  it("speaks English in the English window", () => {
    backend(handlers());
    renderForm("en");
    paste("张三 13800138000 贵州省贵阳市云岩区中华北路88号3单元");
    expect(screen.getByTestId("order-paste-missing").textContent).toBe("Not found: Postcode. Fill them in below if you have them.");
  });
});

describe("repeat buyers", () => {
  it("offers the earlier recipient once the phone is whole, and fills it in with one click", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    backend(handlers((key) => (key === "13800138000" ? [zhang] : [])));
    renderForm();
    fireEvent.change(field("phone"), { target: { value: "1380013800" } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(400);
    });
    // Ten digits are not a number yet: the shop is not asked.
    expect(callsOf("recent_recipients")).toEqual([]);

    fireEvent.change(field("phone"), { target: { value: "13800138000" } });
    const offer = await screen.findByTestId("known-recipient");
    expect(offer.textContent).toContain("老顾客：张三，上次 2026-11-02 下单，共 3 单");
    expect(offer.textContent).toContain("贵州省贵阳市云岩区中华北路88号3单元");
    expect(callsOf("recent_recipients")).toEqual([{ phoneOrName: "13800138000" }]);

    fireEvent.click(screen.getByTestId("known-recipient-use-0"));
    expect(recipientValues()).toEqual({
      name: "张三",
      phone: "138 0013 8000",
      province: "贵州省",
      city: "贵阳市",
      district: "云岩区",
      street: "中华北路88号3单元",
      postcode: "550001",
    });
    // The one used is marked; the shop is not asked again for the same number.
    expect((await screen.findByTestId("known-recipient-applied")).textContent).toBe("✓ 已填在上面");
    expect(screen.queryByTestId("known-recipient-use-0")).toBeNull();
    expect(callsOf("recent_recipients")).toHaveLength(1);
  });

  it("a pasted message's phone finds the buyer too, and a failed lookup offers nothing", async () => {
    backend({
      ...handlers(),
      recent_recipients: (args) => {
        if (args?.phoneOrName === "13800138000") return [zhang];
        throw { kind: "database", field: null, rule: null, message: "busy", errors: [] };
      },
    });
    renderForm();
    paste("张三 13800138000 贵州省贵阳市南明区花果园大街18号");
    expect(await screen.findByTestId("known-recipient")).toBeTruthy();
    fireEvent.change(field("phone"), { target: { value: "13900139000" } });
    await waitFor(() => expect(callsOf("recent_recipients")).toContainEqual({ phoneOrName: "13900139000" }));
    await waitFor(() => expect(screen.queryByTestId("known-recipients")).toBeNull());
  });

  it("asks by name while no number is typed", () => {
    expect(lookupKey("", "张三")).toBe("张三");
    expect(lookupKey("", "张")).toBe("");
    expect(lookupKey("138", "张三")).toBe("");
    expect(lookupKey("+86 138-0013-8000", "")).toBe("13800138000");
    expect(phoneDigits("０086 １３８ ００１３ ８０００")).toBe("13800138000");
  });
});

describe("the product picker", () => {
  it("offers only goods, with their price, and finds them by pinyin or initials", async () => {
    // Even if a packaging product reached the list, an order line never offers it.
    backend({ ...handlers(), list_products: () => ({ items: [kiwi, chilli, box], total: 3 }) });
    renderForm();
    await waitFor(() => expect(offered("order-line-0-productId")).toEqual(["红心猕猴桃", "油泼辣椒"]));
    expect(callsOf("list_products")).toEqual([{ query: { search: "", includeArchived: false, limit: 500, offset: 0, kind: "goods" } }]);
    expect(offeredOptions("order-line-0-productId")[0]).toEqual({ value: kiwi.id, label: "红心猕猴桃", detail: "¥48.80/箱" });

    expect(pick("order-line-0-productId", "mihoutao", "红心猕猴桃")).toBe(kiwi.id);
    // The chosen product's sale unit and price follow on the line.
    expect(screen.getByTestId("order-line-0-unitPrice").getAttribute("placeholder")).toBe("48.80");
    expect(pick("order-line-0-productId", "yplj", "油泼辣椒")).toBe(chilli.id);
    expect((screen.getByTestId("order-line-0-productId") as HTMLInputElement).value).toBe("油泼辣椒");
  });
});
