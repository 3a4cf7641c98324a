// The order import against a mocked Rust side: the demo files previewed (nothing imported before the
// person presses 导入), an unmatched line matched once and the preview read again, the import run
// with the counts shown, a refused file's reason shown; and how late a paid order is.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn(async () => () => undefined) }));

import type { ImportFile, ImportReport } from "../bindings";
import { pick } from "../components/comboboxTesting";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { ImportOrdersDialog } from "./ImportOrders";
import { dueIn } from "./orderText";
import { backend, callsOf, invokeMock, kiwi, rejection } from "./orderTestData";

const demoFiles: ImportFile[] = [
  { name: "taobao/ExportOrderList202612061030.csv", data: "YQ==" },
  { name: "taobao/ExportOrderDetailList202612061030.csv", data: "Yg==" },
  { name: "taobao/淘宝订单导出_脱敏_20261206.xlsx", data: "Yw==" },
  { name: "pinduoduo/pdd_orders_20261206.csv", data: "ZA==" },
];

function report(extra: Partial<ImportReport> = {}): ImportReport {
  return {
    platform: "taobao",
    files: ["ExportOrderList202612061030.csv", "ExportOrderDetailList202612061030.csv"],
    applied: false,
    orders: 3,
    new: 2,
    history: 0,
    changed: 0,
    unchanged: 0,
    held: 1,
    refused: 0,
    ignored: 0,
    confirmed: 0,
    alerts: 0,
    problems: [{ file: "ExportOrderList202612061030.csv", row: 4, column: "买家实际支付金额", orderId: "339", code: "not_a_number", detail: "not an amount: abc" }],
    unmapped: [{ key: "猕猴桃礼盒 / 规格：礼盒装", title: "猕猴桃礼盒", sku: "规格：礼盒装", code: "", orders: 1 }],
    rows: [
      { platformOrderId: "3391", outcome: "new", number: "", from: "", to: "paid", statusText: "买家已付款，等待卖家发货", recipient: "张三", masked: false, total: "99.80", lines: "红心猕猴桃 ×2", note: "", alert: "shipped_elsewhere", totalHere: "", waitsFor: "" },
      { platformOrderId: "3392", outcome: "held", number: "", from: "", to: "", statusText: "买家已付款，等待卖家发货", recipient: "江苏省南京市建邺区", masked: true, total: "68.00", lines: "猕猴桃礼盒 ×1", note: "no product is named for 猕猴桃礼盒", alert: "", totalHere: "", waitsFor: "mapping" },
    ],
    ...extra,
  };
}

function renderDialog(onImported = vi.fn()) {
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <ImportOrdersDialog onClose={() => undefined} onImported={onImported} />
      </ToastProvider>
    </I18nProvider>,
  );
  return onImported;
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("ImportOrdersDialog", () => {
  it("previews the demo Taobao pair, matches a line once, then imports", async () => {
    let mapped = false;
    backend({
      demo_import_files: () => demoFiles,
      list_products: () => ({ items: [kiwi], total: 1 }),
      held_imports: () => [],
      preview_import: () => (mapped ? report({ held: 0, new: 3, unmapped: [] }) : report()),
      save_import_mapping: () => {
        mapped = true;
        return { mapping: { key: "猕猴桃礼盒 / 规格：礼盒装", productId: kiwi.id, productName: kiwi.nameZh, saleUnit: kiwi.saleUnit, per: "2", updatedAt: "" }, released: 0 };
      },
      import_orders: () => report({ applied: true, held: 0, new: 3, unmapped: [] }),
    });
    const onImported = renderDialog();
    fireEvent.click(screen.getByTestId("import-demo-taobao"));
    const preview = await screen.findByTestId("import-preview");
    // Only the pair went to the preview, and nothing was imported yet.
    const sent = callsOf("preview_import")[0] as { files: ImportFile[] };
    expect(sent.files.map((f) => f.name)).toEqual(["taobao/ExportOrderList202612061030.csv", "taobao/ExportOrderDetailList202612061030.csv"]);
    expect(callsOf("import_orders")).toHaveLength(0);
    expect(within(preview).getByTestId("import-count-new").textContent).toContain("2");
    expect(within(preview).getByTestId("import-count-held").textContent).toContain("待处理");
    expect(screen.getByTestId("import-problems").textContent).toContain("第 4 行");
    expect(screen.getByTestId("import-problems").textContent).toContain("买家实际支付金额");
    expect(preview.textContent).toContain("平台已加密");
    // Notes in the window's language, not the codes or the CLI's English.
    expect(preview.textContent).toContain("别处发货");
    expect(preview.textContent).toContain("等你说明是哪个产品");
    expect(preview.textContent).not.toContain("shipped_elsewhere");
    expect(preview.textContent).not.toContain("no product is named");

    const line = screen.getByTestId("import-unmapped");
    expect(pick("import-map-product", "mihoutao", "红心猕猴桃")).toBe(kiwi.id);
    fireEvent.change(within(line).getByTestId("import-map-per"), { target: { value: "2" } });
    fireEvent.click(within(line).getByTestId("import-map-save"));
    await waitFor(() => expect(callsOf("preview_import")).toHaveLength(2));
    expect(callsOf("save_import_mapping")[0]).toEqual({ input: { key: "猕猴桃礼盒 / 规格：礼盒装", productId: kiwi.id, per: "2" } });
    await waitFor(() => expect(screen.queryByTestId("import-unmapped")).toBeNull());

    fireEvent.click(screen.getByTestId("import-run"));
    const done = await screen.findByTestId("import-done");
    expect(done.textContent).toContain("新订单 3 单");
    expect(onImported).toHaveBeenCalled();
  });

  it("says why a file is refused and offers no import", async () => {
    backend({
      demo_import_files: () => demoFiles,
      list_products: () => ({ items: [kiwi], total: 1 }),
      held_imports: () => [],
      preview_import: () => {
        throw rejection([{ field: "files", rule: "not_allowed", message: "files: photo.csv is not an order export", params: { file: "photo.csv", reason: "not_an_export" } }]);
      },
    });
    renderDialog();
    fireEvent.click(screen.getByTestId("import-demo-pinduoduo"));
    const error = await screen.findByTestId("form-error");
    expect(error.textContent).toContain("photo.csv");
    expect(screen.queryByTestId("import-run")).toBeNull();
  });
});

describe("dueIn", () => {
  const now = Date.parse("2026-12-06T02:00:00Z");
  it("counts the hours left, or how late a waiting order is", () => {
    expect(dueIn({ state: "paid", dueAt: "2026-12-07T02:00:00Z" }, now)).toEqual({ hours: 24, late: false });
    expect(dueIn({ state: "packed", dueAt: "2026-12-05T20:00:00Z" }, now)).toEqual({ hours: 6, late: true });
  });
  it("says nothing for an order not waiting to ship", () => {
    expect(dueIn({ state: "shipped", dueAt: "2026-12-05T20:00:00Z" }, now)).toBeNull();
    expect(dueIn({ state: "paid", dueAt: null }, now)).toBeNull();
  });
});
