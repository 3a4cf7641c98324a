// The searching picker: a person finds 猕猴桃 by its characters, its pinyin or its initials, picks
// with the keyboard or the mouse, and Escape closes only the list, never the dialog around it.
import { fireEvent, render, screen, within } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import type { Language } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { ComboboxField, matches, type ComboOption } from "./Combobox";
import { Modal } from "./Modal";

const OPTIONS: ComboOption[] = [
  { value: "p-kiwi", label: "修文猕猴桃 特级大果", detail: "特级 · 箱(5斤)", searchKey: "xiuwenmihoutaotejidaguo xwmhttjdg kiwi" },
  { value: "p-chilli", label: "糍粑辣椒 500克", detail: "瓶", searchKey: "cibalajiao500ke cblj500k" },
  { value: "p-tofu", label: "豆腐", detail: "块", searchKey: "doufu df" },
];

function Harness({ onChange, onClose, initial = "" }: { onChange: (v: string) => void; onClose: () => void; initial?: string }) {
  const [value, setValue] = useState(initial);
  return (
    <Modal title="进货" dirty={false} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onChange(`submit:${value}`);
        }}
      >
        <ComboboxField
          form="purchase"
          name="line-0-productId"
          label="商品"
          required
          value={value}
          placeholder="请选择商品"
          options={OPTIONS}
          onChange={(v) => {
            setValue(v);
            onChange(v);
          }}
        />
        <button type="button" data-testid="elsewhere">
          x
        </button>
      </form>
    </Modal>
  );
}

function setup(initial = "", language: Language = "zh-CN") {
  const onChange = vi.fn<(v: string) => void>();
  const onClose = vi.fn<() => void>();
  render(
    <I18nProvider language={language}>
      <Harness onChange={onChange} onClose={onClose} initial={initial} />
    </I18nProvider>,
  );
  const input = screen.getByTestId("purchase-line-0-productId") as HTMLInputElement;
  return { input, onChange, onClose };
}

function shownLabels(): string[] {
  return screen.queryAllByRole("option").map((o) => o.getAttribute("data-label") ?? "");
}

describe("ComboboxField", () => {
  it("is a combobox that controls a listbox of options", () => {
    const { input } = setup();
    expect(input.getAttribute("role")).toBe("combobox");
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByRole("listbox")).toBeNull();
    fireEvent.click(input);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    const list = screen.getByRole("listbox");
    expect(input.getAttribute("aria-controls")).toBe(list.id);
    expect(within(list).getAllByRole("option")).toHaveLength(3);
  });

  it.each([
    ["mht", "initials"],
    ["mihoutao", "full pinyin"],
    ["MiHouTao", "pinyin in capitals"],
    ["猕猴", "characters"],
    ["kiwi", "the English name"],
    ["5斤", "the pack size"],
  ])("finds 猕猴桃 by %s (%s)", (typed) => {
    const { input } = setup();
    fireEvent.change(input, { target: { value: typed } });
    expect(shownLabels()).toEqual(["修文猕猴桃 特级大果"]);
  });

  it("says when nothing matches", () => {
    const { input } = setup();
    fireEvent.change(input, { target: { value: "zzz" } });
    expect(screen.queryAllByRole("option")).toHaveLength(0);
    expect(screen.getByTestId("purchase-line-0-productId-empty").textContent).toContain("没有找到");
  });

  it("picks with the arrow keys and Enter, without sending the form", () => {
    const { input, onChange } = setup();
    fireEvent.keyDown(input, { key: "ArrowDown" });
    expect(input.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(input, { key: "ArrowDown" });
    const active = document.getElementById(input.getAttribute("aria-activedescendant") ?? "");
    expect(active?.getAttribute("data-value")).toBe("p-chilli");
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onChange.mock.calls).toEqual([["p-chilli"]]);
    expect(input.getAttribute("data-value")).toBe("p-chilli");
    expect(input.value).toBe("糍粑辣椒 500克");
    expect(input.getAttribute("aria-expanded")).toBe("false");
  });

  it("picks what a search found with Enter", () => {
    const { input, onChange } = setup();
    fireEvent.change(input, { target: { value: "mht" } });
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onChange.mock.calls).toEqual([["p-kiwi"]]);
    expect(input.value).toBe("修文猕猴桃 特级大果");
    expect(input.getAttribute("data-value")).toBe("p-kiwi");
  });

  it("picks with the mouse", () => {
    const { input, onChange } = setup();
    fireEvent.click(input);
    fireEvent.click(screen.getAllByRole("option")[2]!);
    expect(onChange.mock.calls).toEqual([["p-tofu"]]);
    expect(input.value).toBe("豆腐");
  });

  it("closes the list on Escape and leaves the dialog open", () => {
    const { input, onChange, onClose } = setup("p-tofu");
    fireEvent.change(input, { target: { value: "cb" } });
    expect(screen.getByRole("listbox")).toBeTruthy();
    fireEvent.keyDown(input, { key: "Escape" });
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
    expect(onChange).not.toHaveBeenCalled();
    // What was typed is gone: the field shows the chosen product again.
    expect(input.value).toBe("豆腐");
    // With the list closed, Escape is the dialog's again.
    fireEvent.keyDown(input, { key: "Escape" });
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("restores the chosen option when the text is cleared and the field left", () => {
    const { input, onChange } = setup("p-kiwi");
    expect(input.value).toBe("修文猕猴桃 特级大果");
    expect(input.getAttribute("data-value")).toBe("p-kiwi");
    fireEvent.change(input, { target: { value: "" } });
    fireEvent.blur(input, { relatedTarget: screen.getByTestId("elsewhere") });
    expect(input.value).toBe("修文猕猴桃 特级大果");
    expect(onChange).not.toHaveBeenCalled();
  });

  it("selects the chosen name when clicked into, so typing searches afresh instead of adding to it", () => {
    const { input } = setup("p-kiwi");
    fireEvent.focus(input);
    const mouseUpKept = fireEvent.mouseUp(input);
    expect(mouseUpKept).toBe(false); // the click's mouse-up does not put the caret back
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, "修文猕猴桃 特级大果".length]);
    // A second click places the caret as usual.
    expect(fireEvent.mouseUp(input)).toBe(true);
  });

  it("does not take the first name when the text is cleared and Enter pressed", () => {
    const { input, onChange } = setup("p-tofu");
    fireEvent.change(input, { target: { value: "" } });
    expect(shownLabels()).toHaveLength(3);
    fireEvent.keyDown(input, { key: "Enter" });
    expect(onChange).not.toHaveBeenCalled();
    expect(input.getAttribute("data-value")).toBe("p-tofu");
    expect(input.value).toBe("豆腐");
  });

  it("takes the highlighted answer of a search on Tab", () => {
    const { input, onChange } = setup();
    fireEvent.change(input, { target: { value: "df" } });
    fireEvent.keyDown(input, { key: "Tab" });
    expect(onChange.mock.calls).toEqual([["p-tofu"]]);
  });

  it("shows the whole name with the grade and pack size on a second line", () => {
    const { input } = setup();
    fireEvent.click(input);
    const kiwi = screen.getAllByRole("option")[0]!;
    expect(kiwi.querySelector(".combo-label")?.textContent).toBe("修文猕猴桃 特级大果");
    expect(kiwi.querySelector(".combo-detail")?.textContent).toBe("特级 · 箱(5斤)");
    expect(kiwi.getAttribute("aria-selected")).toBe("false");
  });

  it("speaks English when the app does", () => {
    const { input } = setup("", "en");
    fireEvent.change(input, { target: { value: "zzz" } });
    expect(screen.getByTestId("purchase-line-0-productId-empty").textContent).toContain("Nothing found");
  });
});

describe("matches", () => {
  it("ignores spaces and case, and does not match across unrelated words", () => {
    const kiwi = OPTIONS[0]!;
    expect(matches(kiwi, " Mi Hou ")).toBe(true);
    expect(matches(kiwi, "")).toBe(true);
    expect(matches(kiwi, "doufu")).toBe(false);
  });

  it("matches words typed apart each on their own: full pinyin then initials, or two parts of the name", () => {
    const kiwi = OPTIONS[0]!;
    expect(matches(kiwi, "mihoutao tj")).toBe(true);
    expect(matches(kiwi, "猕猴桃 特级")).toBe(true);
    expect(matches(kiwi, "mihoutao df")).toBe(false);
    expect(matches(OPTIONS[2]!, "mihoutao tj")).toBe(false);
  });
});
