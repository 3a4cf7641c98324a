// A farmer's statement from the payables screen, against a mocked Rust side: the default period and
// the query it sends, a new query when the period changes (an older answer arriving late is dropped),
// the preview, saving the PDF and opening it, and Rust's refusals at the date fields.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { FarmerBalance, Language, StatementDto, StatementQuery } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { firstOfMonth, previousMonth } from "../dates";
import { todayInShanghai } from "../format";
import { I18nProvider } from "../i18nContext";
import { PayablesScreen } from "./PayablesScreen";
import { STATEMENT_DEBOUNCE_MS } from "./StatementForm";

const invokeMock = vi.mocked(invoke);

const wang: FarmerBalance = { farmerId: "f1", farmerName: "王德贵", village: "修文县谷堡乡", owed: "76.96", paid: "11.96", balance: "65.00" };

function statement(from: string, to: string, extra: Partial<StatementDto> = {}): StatementDto {
  return {
    farmerId: "f1",
    farmerName: "王德贵",
    from,
    to,
    openingBalance: "20.00",
    lines: [
      { date: "2025-09-03", kind: "purchase", description: "红心猕猴桃 特级 20斤 × ¥3.2", purchased: "64.00", paid: null, balance: "84.00" },
      { date: "2025-09-05", kind: "reversal", description: "冲销 2025-09-03 的进货：称错了", purchased: "-64.00", paid: null, balance: "20.00" },
      { date: "2025-09-10", kind: "payment", description: "付款（微信）", purchased: null, paid: "5.00", balance: "15.00" },
    ],
    totalPurchased: "0.00",
    totalPaid: "5.00",
    closingBalance: "15.00",
    ...extra,
  };
}

type Handler = (args: Record<string, unknown> | undefined) => unknown;

function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

function queryOf(args: unknown): StatementQuery {
  return (args as { query: StatementQuery }).query;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderScreen(language: Language = "zh-CN") {
  render(
    <I18nProvider language={language}>
      <ToastProvider>
        <PayablesScreen />
      </ToastProvider>
    </I18nProvider>,
  );
}

async function openStatement() {
  fireEvent.click(await screen.findByTestId("balance-statement"));
  return screen.getByTestId("statement-form");
}

function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

const today = todayInShanghai();

beforeEach(() => {
  invokeMock.mockReset();
});

describe("farmer statement", () => {
  it("opens on this month, asks for the farmer's statement and shows it", async () => {
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
    });
    renderScreen();
    await openStatement();

    expect(valueOf("statement-from")).toBe(firstOfMonth(today));
    expect(valueOf("statement-to")).toBe(today);
    // Our own date field with its calendar (the native one showed 12/07/2026 in the Chinese UI).
    expect(screen.getByTestId("statement-from-open").getAttribute("aria-label")).toBe("选择日期");
    expect(screen.getByTestId("statement-this-month").getAttribute("aria-pressed")).toBe("true");
    expect(valueOf("statement-language")).toBe("");

    const lines = await screen.findAllByTestId("statement-line");
    expect(callsOf("farmer_statement")).toEqual([{ query: { farmerId: "f1", from: firstOfMonth(today), to: today, language: "" } }]);

    const preview = screen.getByTestId("statement-preview");
    expect(within(preview).getByTestId("statement-opening").textContent).toBe(`${firstOfMonth(today)} 以前还欠¥20.00`);
    expect(lines).toHaveLength(3);
    expect(lines[0]?.textContent).toContain("红心猕猴桃 特级 20斤 × ¥3.2");
    expect(lines[0]?.textContent).toContain("¥64.00");
    expect(lines[0]?.textContent).toContain("¥84.00");
    // The reversal is marked, in words and by its row.
    expect(lines[1]?.getAttribute("data-kind")).toBe("reversal");
    expect(lines[1]?.className).toContain("statement-reversal");
    expect(lines[1]?.textContent).toContain("更正");
    expect(lines[1]?.textContent).toContain("冲销 2025-09-03 的进货：称错了");
    expect(lines[1]?.textContent).toContain("-¥64.00");
    expect(lines[0]?.className).not.toContain("statement-reversal");
    expect(lines[2]?.textContent).toContain("¥5.00");
    expect(screen.getByTestId("statement-totals").textContent).toContain("¥0.00");
    expect(screen.getByTestId("statement-totals").textContent).toContain("¥5.00");
    const closing = screen.getByTestId("statement-closing");
    expect(closing.textContent).toBe(`到 ${today} 为止，还欠王德贵¥15.00`);
    expect(closing.className).toContain("statement-closing-owed");
  });

  it("takes a start picked on the calendar or typed as 2025/1/1, and Escape closes only the calendar", async () => {
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");

    fireEvent.click(screen.getByTestId("statement-from-open"));
    const popup = screen.getByTestId("statement-from-popup");
    // Escape leaves the calendar, not the statement dialog around it.
    fireEvent.keyDown(document.activeElement!, { key: "Escape" });
    expect(screen.queryByTestId("statement-from-popup")).toBeNull();
    expect(screen.getByTestId("statement-form")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByTestId("statement-from"));

    fireEvent.click(screen.getByTestId("statement-from-open"));
    const second = `${today.slice(0, 7)}-02`;
    fireEvent.click(screen.getByTestId("statement-from-popup").querySelector(`[data-cell="${second}"]`)!);
    expect(popup.isConnected).toBe(false);
    expect(valueOf("statement-from")).toBe(second);
    await waitFor(() => expect(callsOf("farmer_statement").map((a) => queryOf(a).from)).toContain(second));

    type("statement-from", "2025/1/1");
    fireEvent.blur(screen.getByTestId("statement-from"));
    expect(valueOf("statement-from")).toBe("2025-01-01");
    await waitFor(() => expect(callsOf("farmer_statement").map((a) => queryOf(a).from)).toContain("2025-01-01"));
  });

  it("asks again when the period changes and drops an answer that arrives too late", async () => {
    const last = previousMonth(today);
    const slow = deferred<StatementDto>();
    const fast = deferred<StatementDto>();
    let call = 0;
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => {
        call += 1;
        const q = queryOf(args);
        if (call === 1) return statement(q.from, q.to);
        return call === 2 ? slow.promise : fast.promise;
      },
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");

    fireEvent.click(screen.getByTestId("statement-last-month"));
    expect(valueOf("statement-from")).toBe(last.from);
    expect(valueOf("statement-to")).toBe(last.to);
    expect(screen.getByTestId("statement-last-month").getAttribute("aria-pressed")).toBe("true");
    await waitFor(() => expect(callsOf("farmer_statement")).toHaveLength(2));
    expect(queryOf(callsOf("farmer_statement")[1])).toEqual({ farmerId: "f1", from: last.from, to: last.to, language: "" });

    type("statement-from", "2025-01-01");
    await waitFor(() => expect(callsOf("farmer_statement")).toHaveLength(3));
    expect(queryOf(callsOf("farmer_statement")[2])).toEqual({ farmerId: "f1", from: "2025-01-01", to: last.to, language: "" });

    // The newer answer first, then the older one: the newer one stays.
    fast.resolve(statement("2025-01-01", last.to, { openingBalance: "0.00", lines: [], closingBalance: "0.00" }));
    expect(await screen.findByTestId("statement-no-lines")).toBeTruthy();
    slow.resolve(statement(last.from, last.to, { openingBalance: "99.00" }));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryAllByTestId("statement-line")).toHaveLength(0);
    expect(screen.getByTestId("statement-opening").textContent).toContain("¥0.00");
    expect(screen.getByTestId("statement-closing").textContent).toBe(`到 ${last.to} 为止，已经结清¥0.00`);
  });

  it("never asks for a period made of a new start and an old end", async () => {
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");

    // The end is typed a moment after the start, before the start's pause is over.
    type("statement-from", "2025-03-01");
    await new Promise((r) => setTimeout(r, STATEMENT_DEBOUNCE_MS / 2));
    type("statement-to", "2025-03-31");
    await waitFor(() => expect(callsOf("farmer_statement")).toHaveLength(2));
    await new Promise((r) => setTimeout(r, STATEMENT_DEBOUNCE_MS * 2));
    expect(callsOf("farmer_statement").map((c) => queryOf(c))).toEqual([
      { farmerId: "f1", from: firstOfMonth(today), to: today, language: "" },
      { farmerId: "f1", from: "2025-03-01", to: "2025-03-31", language: "" },
    ]);
  });

  it("saves the PDF, says where, and opens it", async () => {
    const saving = deferred<{ path: string; bytes: number }>();
    const path = "/home/li/.local/share/farmstall/documents/statements/对账单-王德贵-2025-09-01-2025-09-20-20250920101500.pdf";
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
      save_farmer_statement: () => saving.promise,
      open_document: () => null,
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");

    fireEvent.click(screen.getByTestId("statement-save"));
    const button = screen.getByTestId("statement-save") as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.textContent).toBe("正在生成…");
    expect(callsOf("save_farmer_statement")).toEqual([{ query: { farmerId: "f1", from: firstOfMonth(today), to: today, language: "" } }]);

    saving.resolve({ path, bytes: 5120 });
    const saved = await screen.findByTestId("statement-saved");
    expect(saved.textContent).toContain(path);
    expect(button.disabled).toBe(false);
    expect(button.textContent).toBe("生成 PDF");

    fireEvent.click(screen.getByTestId("statement-open"));
    await waitFor(() => expect(callsOf("open_document")).toEqual([{ path }]));
    expect(screen.queryByTestId("statement-open-error")).toBeNull();
  });

  it("says the statement is saved where the person is looking, and names the file's place when nothing opens a PDF", async () => {
    const path = "/data/documents/statements/statement-w.pdf";
    const noViewer = () => {
      throw {
        kind: "validation",
        field: "path",
        rule: "no_viewer",
        message: `path: no program to open PDF files was found; the file is saved at ${path}`,
        errors: [{ field: "path", rule: "no_viewer", message: "x", params: { path } }],
      };
    };
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
      save_farmer_statement: () => ({ path, bytes: 100 }),
      print_setup: () => ({ printers: [], cannotPrint: "no_cups", viewer: false }),
      open_document: noViewer,
      show_document_folder: () => null,
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");
    fireEvent.click(screen.getByTestId("statement-save"));
    await screen.findByTestId("statement-saved");
    const toast = await screen.findByTestId("toast");
    expect(toast.textContent).toContain("已保存 statement-w.pdf");
    expect(within(toast).queryByTestId("toast-print")).toBeNull();

    fireEvent.click(screen.getByTestId("statement-open"));
    expect((await screen.findByTestId("statement-open-error")).textContent).toBe(`没有找到能打开 PDF 的程序。文件在 ${path}，可以用 U 盘拷到别的电脑打印。`);
    fireEvent.click(screen.getByTestId("statement-folder"));
    await waitFor(() => expect(callsOf("show_document_folder")).toEqual([{ path }]));
  });

  it("makes a Chinese PDF from the English screen when asked, and says plainly when no viewer opens it", async () => {
    const path = "/data/documents/statements/statement-x.pdf";
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
      save_farmer_statement: () => ({ path, bytes: 100 }),
      open_document: () => {
        throw { kind: "unavailable", field: null, rule: null, message: `no PDF viewer could be started (not found); the file is saved at ${path}`, errors: [] };
      },
    });
    renderScreen("en");
    await openStatement();
    await screen.findAllByTestId("statement-line");
    // On the English screen the preview and the PDF start in English.
    expect(valueOf("statement-language")).toBe("en");
    expect(queryOf(callsOf("farmer_statement")[0]).language).toBe("en");

    // The farmer reads Chinese: the owner picks it, and the preview follows what will be printed.
    type("statement-language", "");
    await waitFor(() => expect(callsOf("farmer_statement")).toHaveLength(2));
    expect(queryOf(callsOf("farmer_statement")[1]).language).toBe("");
    fireEvent.click(screen.getByTestId("statement-save"));
    await screen.findByTestId("statement-saved");
    expect(queryOf(callsOf("save_farmer_statement")[0]).language).toBe("");

    fireEvent.click(screen.getByTestId("statement-open"));
    const error = await screen.findByTestId("statement-open-error");
    expect(error.textContent).toContain("this computer may have no PDF viewer");
    // Rust's own words, with the path, and the path in the saved notice just above.
    expect(error.textContent).toContain(`no PDF viewer could be started (not found); the file is saved at ${path}`);
    expect(screen.getByTestId("statement-saved-path").textContent).toBe(path);
  });

  it("shows Rust's bad_date at the date it is about", async () => {
    const refuse = (field: string, message: string) => {
      throw { kind: "validation", field, rule: "bad_date", message, errors: [{ field, rule: "bad_date", message, params: {} }] };
    };
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => {
        const q = queryOf(args);
        if (q.to === "2025-08-01") refuse("to", "to: the period ends (2025-08-01) before it starts");
        if (q.from === "1900-01-01") refuse("from", "from must be a date such as 2025-09-20");
        return statement(q.from, q.to);
      },
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");

    type("statement-from", "2025-09-01");
    type("statement-to", "2025-08-01");
    const error = await screen.findByTestId("error-statement-to");
    expect(error.textContent).toBe("结束日期不能早于开始日期。");
    expect(screen.getByTestId("statement-to").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("statement-to").closest(".field")?.contains(error)).toBe(true);
    expect(screen.queryByTestId("error-statement-from")).toBeNull();
    expect(screen.queryAllByTestId("statement-line")).toHaveLength(0);
    expect((screen.getByTestId("statement-save") as HTMLButtonElement).disabled).toBe(true);

    // Correcting it asks again and clears the message.
    type("statement-to", "2025-09-20");
    await screen.findAllByTestId("statement-line");
    expect(screen.queryByTestId("error-statement-to")).toBeNull();
    expect((screen.getByTestId("statement-save") as HTMLButtonElement).disabled).toBe(false);

    // Any other bad_date names the field in the general words.
    type("statement-from", "1900-01-01");
    expect((await screen.findByTestId("error-statement-from")).textContent).toBe("开始日期不是有效的日期，请按 2025-09-20 这样填写。");
    expect(screen.queryByTestId("error-statement-to")).toBeNull();
  });

  it("closes with the close button", async () => {
    backend({
      farmer_balances: () => ({ items: [wang], total: 1 }),
      farmer_statement: (args) => statement(queryOf(args).from, queryOf(args).to),
    });
    renderScreen();
    await openStatement();
    await screen.findAllByTestId("statement-line");
    fireEvent.click(screen.getByTestId("statement-cancel"));
    expect(screen.queryByTestId("statement-form")).toBeNull();
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
  });
});
