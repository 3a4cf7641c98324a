// The farmer dialog never throws typed text away without asking: Escape, the close button and Cancel
// ask "放弃未保存的修改？" when the form differs from what it opened with, and close at once when not.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Farmer, Language } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { FarmerForm } from "./FarmerForm";

const invokeMock = vi.mocked(invoke);

const existing: Farmer = {
  id: "f1",
  name: "王大姐",
  village: "周至县",
  phone: "13800138000",
  paymentNotes: "微信",
  remarks: "",
  archived: false,
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
  searchKey: "",
};

function renderForm(farmer: Farmer | null = null, language: Language = "zh-CN") {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nProvider language={language}>
      <FarmerForm farmer={farmer} onSaved={onSaved} onCancel={onCancel} />
    </I18nProvider>,
  );
  return { onSaved, onCancel };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function inputValue(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

function pressEscape(target: Element = document.activeElement ?? document.body) {
  fireEvent.keyDown(target, { key: "Escape" });
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("FarmerForm with unsaved edits", () => {
  it("asks on Escape; Keep editing returns to the form with everything as typed", () => {
    const { onCancel } = renderForm();
    type("farmer-name", "李四");
    type("farmer-remarks", "周三前送货");
    pressEscape(screen.getByTestId("farmer-name"));

    const question = screen.getByTestId("confirm-discard");
    expect(question.textContent).toContain("放弃未保存的修改？");
    expect(screen.getByTestId("confirm-keep").textContent).toBe("继续编辑");
    expect(screen.getByTestId("confirm-discard-yes").textContent).toBe("放弃修改");
    // Keep editing is the default: it has the focus.
    expect(document.activeElement).toBe(screen.getByTestId("confirm-keep"));
    expect(onCancel).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(screen.getByTestId("farmer-form")).toBeTruthy();
    expect(inputValue("farmer-name")).toBe("李四");
    expect(inputValue("farmer-remarks")).toBe("周三前送货");
    expect(onCancel).not.toHaveBeenCalled();
    // The focus is back in the form.
    expect(document.activeElement).toBe(screen.getByTestId("farmer-name"));
  });

  it("Escape while asking means keep editing, not close", () => {
    const { onCancel } = renderForm();
    type("farmer-name", "李四");
    pressEscape();
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    pressEscape(screen.getByTestId("confirm-keep"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(inputValue("farmer-name")).toBe("李四");
    expect(onCancel).not.toHaveBeenCalled();
  });

  it("Discard closes the dialog", () => {
    const { onCancel } = renderForm();
    type("farmer-village", "马召镇");
    pressEscape();
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
  });

  it.each(["farmer-cancel", "modal-close"])("asks when %s is clicked", (button) => {
    const { onCancel } = renderForm();
    type("farmer-phone", "13912345678");
    fireEvent.click(screen.getByTestId(button));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    expect(onCancel).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("asks in English", () => {
    renderForm(null, "en");
    type("farmer-name", "Li Si");
    pressEscape();
    expect(screen.getByTestId("confirm-discard").textContent).toContain("Discard unsaved changes?");
    expect(screen.getByTestId("confirm-keep").textContent).toBe("Keep editing");
    expect(screen.getByTestId("confirm-discard-yes").textContent).toBe("Discard");
  });

  it("asks when an existing farmer was changed", () => {
    const { onCancel } = renderForm(existing);
    type("farmer-phone", "13912345678");
    fireEvent.click(screen.getByTestId("farmer-cancel"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    expect(onCancel).not.toHaveBeenCalled();
  });
});

describe("FarmerForm without unsaved edits", () => {
  it.each(["escape", "farmer-cancel", "modal-close"])("a clean new form closes on %s without asking", (how) => {
    const { onCancel } = renderForm();
    if (how === "escape") pressEscape();
    else fireEvent.click(screen.getByTestId(how));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("an unchanged existing farmer closes without asking", () => {
    const { onCancel } = renderForm(existing);
    pressEscape();
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("typing something and taking it back again leaves nothing unsaved", () => {
    const { onCancel } = renderForm(existing);
    type("farmer-name", "王大姐姐");
    type("farmer-name", "王大姐");
    pressEscape();
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("does not ask after a successful save", async () => {
    invokeMock.mockResolvedValueOnce({ ...existing, phone: "13912345678" });
    const { onSaved, onCancel } = renderForm(existing);
    type("farmer-phone", "13912345678");
    fireEvent.click(screen.getByTestId("farmer-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    pressEscape();
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it("still asks after a rejected save: nothing was saved", async () => {
    invokeMock.mockRejectedValueOnce({ kind: "validation", field: "phone", rule: "invalid_phone", message: "x" });
    const { onCancel } = renderForm();
    type("farmer-name", "李四");
    type("farmer-phone", "123");
    fireEvent.click(screen.getByTestId("farmer-save"));
    await screen.findByTestId("error-farmer-phone");
    fireEvent.click(screen.getByTestId("farmer-cancel"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    expect(onCancel).not.toHaveBeenCalled();
  });
});
