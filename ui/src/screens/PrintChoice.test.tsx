// A saved document on a computer without a viewer or a print service: the person is told at once
// what is missing and where the file is, and every button that fails says why (never nothing).
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { ToastProvider } from "../components/Toast";
import { I18nProvider } from "../i18nContext";
import { backend, callsOf, invokeMock, rejection } from "./orderTestData";
import { PrintChoice } from "./PrintChoice";

const path = "/data/documents/labels/labels-3-20261207.pdf";
const doc = { path, bytes: 1000 };

function renderChoice() {
  render(
    <I18nProvider language="zh-CN">
      <ToastProvider>
        <PrintChoice doc={doc} title="面单已保存" />
      </ToastProvider>
    </I18nProvider>,
  );
}

const noViewer = () => {
  throw rejection([{ field: "path", rule: "no_viewer", message: `path: no program to open PDF files was found; the file is saved at ${path}`, params: { path } }]);
};

beforeEach(() => {
  invokeMock.mockReset();
});

describe("a saved document with nothing to print or open it", () => {
  it("says at once that there is no print service and no viewer, naming the file's place, and offers the folder", async () => {
    backend({
      print_setup: () => ({ printers: [], cannotPrint: "no_cups", viewer: false }),
      open_document: noViewer,
      show_document_folder: noViewer,
    });
    renderChoice();
    const lacking = await screen.findByTestId("print-setup-problem");
    expect(lacking.textContent).toContain(`没有安装打印服务（CUPS）`);
    expect(lacking.textContent).toContain(`没有找到能打开 PDF 的程序。文件在 ${path}，可以用 U 盘拷到别的电脑打印。`);
    expect(screen.queryByTestId("print-send")).toBeNull();

    // The saved notice where the person is looking: no printer to offer, the folder is there.
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("已保存 labels-3-20261207.pdf");
    expect(within(toast).queryByTestId("toast-print")).toBeNull();
    expect(within(toast).getByTestId("toast-folder").textContent).toBe("打开文件夹");

    // 打开 in the notice: the viewer is missing, said with the file's place, and the folder still offered.
    fireEvent.click(within(toast).getByTestId("toast-open"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain(`没有找到能打开 PDF 的程序。文件在 ${path}`));
    const failure = screen.getByTestId("toast");
    expect(failure.className).toContain("toast-error");
    expect(within(failure).queryByTestId("toast-open")).toBeNull();
    expect(within(failure).getByTestId("toast-folder").textContent).toBe("打开文件夹");
    fireEvent.click(within(failure).getByTestId("toast-folder"));
    await waitFor(() => expect(callsOf("show_document_folder")).toEqual([{ path }]));

    // The panel's own 打开查看 says the same, not a generic failure.
    fireEvent.click(screen.getByTestId("print-open"));
    expect((await screen.findByTestId("print-error")).textContent).toBe(`没有找到能打开 PDF 的程序。文件在 ${path}，可以用 U 盘拷到别的电脑打印。`);
  });

  it("names the printer that is off, and 再打印 sends the same file again once it is on", async () => {
    let on = false;
    backend({
      print_setup: () => ({ printers: [{ name: "Deli-886", isDefault: true }], cannotPrint: null, viewer: true }),
      print_document: (args) => {
        if (!on) throw rejection([{ field: "printer", rule: "printer_offline", params: { path, printer: String(args?.printer) } }]);
        return { printer: String(args?.printer), job: "Deli-886-5" };
      },
    });
    renderChoice();
    const toast = await screen.findByTestId("toast");
    await act(async () => undefined);
    expect(within(toast).getByTestId("toast-print").textContent).toBe("打印");
    fireEvent.click(within(toast).getByTestId("toast-print"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain("打印机 Deli-886 没有连接或已关机，请检查电源和数据线，然后点“再打印”。"));
    const off = screen.getByTestId("toast");
    expect(off.textContent).toContain(path);
    on = true;
    fireEvent.click(within(off).getByTestId("toast-print"));
    await waitFor(() => expect(screen.getByTestId("toast").textContent).toContain("已经发送到打印机 Deli-886（任务 Deli-886-5）"));
    expect(within(screen.getByTestId("toast")).getByTestId("toast-print").textContent).toBe("再打印");
    expect(callsOf("print_document")).toEqual([
      { path, printer: "Deli-886" },
      { path, printer: "Deli-886" },
    ]);
  });
});
