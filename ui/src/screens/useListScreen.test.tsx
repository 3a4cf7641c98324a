// useListScreen on its own, with fake list/archive/restore commands: debounced search from the
// first page, paging by offset, the archived switch, archive with undo, failures and the form.
import { act, fireEvent, renderHook, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ListQuery } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { PAGE_SIZE, SEARCH_DEBOUNCE_MS, type Page } from "../hooks";
import { I18nProvider } from "../i18nContext";
import { useListScreen } from "./useListScreen";

type Row = { id: string; name: string; archived: boolean };

const rows: Row[] = Array.from({ length: 120 }, (_, i) => ({ id: `r${i}`, name: `农户${i}`, archived: false }));

function setup() {
  const list = vi.fn(async (q: ListQuery): Promise<Page<Row>> => ({ items: rows.slice(q.offset, q.offset + q.limit), total: rows.length }));
  const archive = vi.fn(async (id: string) => ({ id }));
  const restore = vi.fn(async (id: string) => ({ id }));
  const wrapper = ({ children }: { children: ReactNode }) => (
    <I18nProvider language="zh-CN">
      <ToastProvider>{children}</ToastProvider>
    </I18nProvider>
  );
  const hook = renderHook(() => useListScreen({ prefix: "farmers", list, archive, restore, nameOf: (r: Row) => r.name }), { wrapper });
  return { list, archive, restore, hook };
}

/** Lets timers run for `ms` and every answer that follows arrive. */
async function wait(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

function lastQuery(list: ReturnType<typeof setup>["list"]): ListQuery | undefined {
  return list.mock.calls.at(-1)?.[0];
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("useListScreen", () => {
  it("loads the first page, then pages by offset", async () => {
    const { list, hook } = setup();
    expect(hook.result.current.list.loading).toBe(true);
    await wait();
    expect(list).toHaveBeenCalledTimes(1);
    expect(lastQuery(list)).toEqual({ search: "", includeArchived: false, limit: PAGE_SIZE, offset: 0, kind: "" });
    expect(hook.result.current.list.loading).toBe(false);
    expect(hook.result.current.list.items.map((r) => r.id).slice(0, 2)).toEqual(["r0", "r1"]);
    expect(hook.result.current.list.total).toBe(120);

    act(() => hook.result.current.list.setOffset(PAGE_SIZE));
    await wait();
    expect(lastQuery(list)).toEqual({ search: "", includeArchived: false, limit: PAGE_SIZE, offset: PAGE_SIZE, kind: "" });
    expect(hook.result.current.list.offset).toBe(PAGE_SIZE);
    expect(hook.result.current.list.items[0]?.id).toBe("r50");
  });

  it("searches for the trimmed term only after the pause, from the first page", async () => {
    const { list, hook } = setup();
    await wait();
    act(() => hook.result.current.list.setOffset(100));
    await wait();
    expect(lastQuery(list)?.offset).toBe(100);
    const before = list.mock.calls.length;

    act(() => hook.result.current.setSearch("  农户1 "));
    await wait(SEARCH_DEBOUNCE_MS - 1);
    // Still typing: the box shows it, the list has not been asked.
    expect(hook.result.current.search).toBe("  农户1 ");
    expect(hook.result.current.term).toBe("");
    expect(list.mock.calls.length).toBe(before);

    await wait(1);
    expect(hook.result.current.term).toBe("农户1");
    expect(lastQuery(list)).toEqual({ search: "农户1", includeArchived: false, limit: PAGE_SIZE, offset: 0, kind: "" });
    expect(hook.result.current.list.offset).toBe(0);
  });

  it("asks for archived rows too when they are shown, from the first page", async () => {
    const { list, hook } = setup();
    await wait();
    act(() => hook.result.current.list.setOffset(PAGE_SIZE));
    await wait();
    act(() => hook.result.current.setShowHidden(true));
    await wait();
    expect(lastQuery(list)).toEqual({ search: "", includeArchived: true, limit: PAGE_SIZE, offset: 0, kind: "" });
  });

  it("archives with an undo notice; undo restores and reloads", async () => {
    const { list, archive, restore, hook } = setup();
    await wait();
    const row = rows[3]!;

    await act(() => hook.result.current.archive(row));
    await wait();
    expect(archive).toHaveBeenCalledWith("r3");
    expect(list).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId("toast").textContent).toContain("已归档农户“农户3”");

    fireEvent.click(screen.getByTestId("toast-undo"));
    await wait();
    expect(restore).toHaveBeenCalledWith("r3");
    expect(list).toHaveBeenCalledTimes(3);
    expect(screen.getByTestId("toast").textContent).toContain("已恢复农户“农户3”");
    expect(screen.queryByTestId("toast-undo")).toBeNull();
  });

  it("reports a failed archive as an error notice and keeps the page", async () => {
    const { list, archive, hook } = setup();
    await wait();
    archive.mockRejectedValueOnce({ kind: "conflict", message: "already archived", field: null, rule: null });

    await act(() => hook.result.current.archive(rows[0]!));
    await wait();
    expect(list).toHaveBeenCalledTimes(1);
    const toast = screen.getByTestId("toast");
    expect(toast.className).toContain("toast-error");
    expect(toast.textContent).toContain("already archived");
    expect(screen.queryByTestId("toast-undo")).toBeNull();
  });

  it("opens the form for a new or an existing row; a save closes it and reloads", async () => {
    const { list, hook } = setup();
    await wait();
    expect(hook.result.current.editing).toBeNull();

    act(() => hook.result.current.openForm(rows[1]!));
    expect(hook.result.current.editing).toEqual({ item: rows[1] });
    act(() => hook.result.current.closeForm());
    expect(hook.result.current.editing).toBeNull();

    act(() => hook.result.current.openForm(null));
    expect(hook.result.current.editing).toEqual({ item: null });
    act(() => hook.result.current.saved());
    await wait();
    expect(hook.result.current.editing).toBeNull();
    expect(list).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId("toast").textContent).toContain("已保存");
  });
});
