// What to buy against a mocked Rust side: each product's suggestion in its unit with how sure it is and
// why, the farmers who delivered lately, a refused safety margin explained, and 做成进货单 handing the
// purchase form a draft with the latest farmer, grade and price, owed.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { PlanRow, PurchaseInput } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { draftOf, PlanTab } from "./PlanTab";

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
      return { safetyPercent: 10, rows: [kiwi, { ...kiwi, productId: "p2", productName: "蜂蜜", suggested: "", notEnough: "a forecast needs at least 24 weeks", suppliers: [] }] };
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
