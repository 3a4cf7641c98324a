// Paging by key (issue 15): a list that answers `next` is asked for the next page `after` that
// row, going back a page asks by the kept key too, and a new filter starts over without one.
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import type { ListQuery } from "./bindings";
import { usePagedList, type Page } from "./hooks";

type Row = { id: string };

/** 120 rows r0..r119 paged like the database: by `after` when given, else by offset. */
function keyedList(keyed: boolean) {
  const rows: Row[] = Array.from({ length: 120 }, (_, i) => ({ id: `r${i}` }));
  return vi.fn(async (q: ListQuery): Promise<Page<Row>> => {
    const start = q.after !== undefined ? rows.findIndex((r) => r.id === q.after) + 1 : q.offset;
    const items = rows.slice(start, start + q.limit);
    const full = items.length === q.limit;
    return keyed ? { items, total: rows.length, next: full ? (items[items.length - 1]?.id ?? null) : null } : { items, total: rows.length };
  });
}

describe("usePagedList", () => {
  it("asks a keyed list for each next page after the last row, and back by the kept key", async () => {
    const list = keyedList(true);
    const hook = renderHook(({ search }) => usePagedList<Row>(list, search, false, 50), { initialProps: { search: "" } });
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r0"));
    expect(list.mock.calls[0]?.[0].after).toBeUndefined();

    act(() => hook.result.current.setOffset(50));
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r50"));
    expect(list.mock.lastCall?.[0]).toMatchObject({ offset: 50, after: "r49" });

    act(() => hook.result.current.setOffset(100));
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r100"));
    expect(list.mock.lastCall?.[0]).toMatchObject({ offset: 100, after: "r99" });
    expect(hook.result.current.items).toHaveLength(20);

    act(() => hook.result.current.setOffset(50));
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r50"));
    expect(list.mock.lastCall?.[0]).toMatchObject({ offset: 50, after: "r49" });

    act(() => hook.result.current.setOffset(0));
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r0"));
    expect(list.mock.lastCall?.[0].after).toBeUndefined();

    // A new search starts at the first page with no key of the old one.
    hook.rerender({ search: "王" });
    await waitFor(() => expect(list.mock.lastCall?.[0].search).toBe("王"));
    expect(list.mock.lastCall?.[0]).toMatchObject({ offset: 0 });
    expect(list.mock.lastCall?.[0].after).toBeUndefined();
    act(() => hook.result.current.setOffset(50));
    await waitFor(() => expect(list.mock.lastCall?.[0].offset).toBe(50));
    expect(list.mock.lastCall?.[0].after).toBe("r49");
  });

  it("pages a list that answers no next by offset", async () => {
    const list = keyedList(false);
    const hook = renderHook(() => usePagedList<Row>(list, "", false, 50));
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r0"));
    act(() => hook.result.current.setOffset(50));
    await waitFor(() => expect(hook.result.current.items[0]?.id).toBe("r50"));
    expect(list.mock.lastCall?.[0].after).toBeUndefined();
  });
});
