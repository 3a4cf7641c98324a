// The notice's timing: plain notices go after 3 s, undo offers and failures after 8 s unless the
// pointer rests on them.
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { phrase } from "../i18n";
import { I18nProvider } from "../i18nContext";
import { LONG_MS, PLAIN_MS, ToastProvider, useToast, type ToastRequest } from "./Toast";

function Trigger({ request }: { request: ToastRequest }) {
  const toast = useToast();
  return (
    <button type="button" data-testid="show" onClick={() => toast.show(request)}>
      show
    </button>
  );
}

function renderWith(request: ToastRequest) {
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <Trigger request={request} />
      </ToastProvider>
    </I18nProvider>,
  );
  fireEvent.click(screen.getByTestId("show"));
}

function advance(ms: number) {
  act(() => {
    vi.advanceTimersByTime(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("toast timing", () => {
  it("dismisses a plain notice after about 3 s, even under the pointer", () => {
    renderWith({ message: phrase("common.saved") });
    expect(screen.getByTestId("toast").textContent).toBe("已保存");
    fireEvent.mouseEnter(screen.getByTestId("toast"));
    advance(PLAIN_MS - 100);
    expect(screen.queryByTestId("toast")).not.toBeNull();
    advance(200);
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(PLAIN_MS).toBeLessThanOrEqual(3500);
  });

  it("keeps an undo offer about 8 s, and waits while the pointer is on it", () => {
    const undo = vi.fn();
    renderWith({ message: phrase("farmers.archivedToast", { name: "老王" }), undo });
    advance(PLAIN_MS + 500);
    expect(screen.getByTestId("toast-undo")).toBeTruthy();

    fireEvent.mouseEnter(screen.getByTestId("toast"));
    advance(LONG_MS * 3);
    expect(screen.getByTestId("toast-undo")).toBeTruthy();

    fireEvent.mouseLeave(screen.getByTestId("toast"));
    advance(LONG_MS - PLAIN_MS - 500 - 100);
    expect(screen.queryByTestId("toast")).not.toBeNull();
    advance(200);
    expect(screen.queryByTestId("toast")).toBeNull();
    expect(undo).not.toHaveBeenCalled();
  });

  it("runs the undo once and closes", () => {
    const undo = vi.fn();
    renderWith({ message: phrase("farmers.archivedToast", { name: "老王" }), undo });
    fireEvent.click(screen.getByTestId("toast-undo"));
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("gives a failure the longer time", () => {
    renderWith({ message: [phrase("error.database"), phrase("error.detail", { message: "disk full" })], error: true });
    expect(screen.getByTestId("toast").textContent).toBe("保存数据时出错了，请再试一次。 详细信息：disk full");
    advance(PLAIN_MS + 500);
    expect(screen.queryByTestId("toast")).not.toBeNull();
    advance(LONG_MS);
    expect(screen.queryByTestId("toast")).toBeNull();
  });

  it("starts the time again for a new notice", () => {
    renderWith({ message: phrase("common.saved") });
    advance(PLAIN_MS - 500);
    fireEvent.click(screen.getByTestId("show"));
    advance(PLAIN_MS - 500);
    expect(screen.queryByTestId("toast")).not.toBeNull();
    advance(600);
    expect(screen.queryByTestId("toast")).toBeNull();
  });
});
