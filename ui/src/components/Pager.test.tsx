// The pager under a long list: it moves by a page, and brings the list's top into view, so that the
// new page is read from its first row rather than from where the old one ended.
import { fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18nContext";
import { Pager } from "./Pager";

const original = Element.prototype.scrollIntoView;

afterEach(() => {
  Element.prototype.scrollIntoView = original;
});

describe("Pager", () => {
  it("moves a page and scrolls the list's section to its top", () => {
    const scrolled: { element: Element; options: unknown }[] = [];
    Element.prototype.scrollIntoView = function (this: Element, options?: unknown) {
      scrolled.push({ element: this, options });
    };
    const onOffset = vi.fn();
    render(
      <I18nProvider language="zh-CN">
        <section data-testid="list">
          <Pager offset={50} limit={50} total={180} onOffset={onOffset} />
        </section>
      </I18nProvider>,
    );
    expect(screen.getByTestId("pager-info").textContent).toContain("51");
    fireEvent.click(screen.getByTestId("pager-next"));
    expect(onOffset).toHaveBeenLastCalledWith(100);
    expect(scrolled).toEqual([{ element: screen.getByTestId("list"), options: { block: "start" } }]);
    fireEvent.click(screen.getByTestId("pager-prev"));
    expect(onOffset).toHaveBeenLastCalledWith(0);
    expect(scrolled).toHaveLength(2);
  });
});
