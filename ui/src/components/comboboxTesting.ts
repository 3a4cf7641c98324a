// For the screen tests: use a searching picker (Combobox.tsx) the way a person does — type part of
// a name or its pinyin, click the answer in the list — and read what it offers.
import { fireEvent, screen, within } from "@testing-library/react";

function input(testId: string): HTMLInputElement {
  const element = screen.getByTestId(testId);
  if (!(element instanceof HTMLInputElement) || element.getAttribute("role") !== "combobox") {
    throw new Error(`[data-testid="${testId}"] is not a combobox input`);
  }
  return element;
}

function listOf(testId: string): HTMLElement {
  return screen.getByTestId(`${testId}-listbox`);
}

/**
 * Types `typed` into the picker and clicks the option labelled `label` (its whole name) in the
 * list it filtered; fails when the search does not offer it. Returns the chosen id.
 */
export function pick(testId: string, typed: string, label: string): string {
  const field = input(testId);
  field.focus();
  fireEvent.change(field, { target: { value: typed } });
  const options = within(listOf(testId)).queryAllByRole("option");
  const option = options.find((o) => o.getAttribute("data-label") === label);
  if (!option) {
    const seen = options.map((o) => o.getAttribute("data-label")).join(", ");
    throw new Error(`typing ${JSON.stringify(typed)} in [data-testid="${testId}"] does not offer ${JSON.stringify(label)}; it offers: ${seen}`);
  }
  fireEvent.click(option);
  return field.getAttribute("data-value") ?? "";
}

/** The labels a picker offers with nothing typed (opened and closed again, as a glance at it). */
export function offered(testId: string): string[] {
  const field = input(testId);
  fireEvent.keyDown(field, { key: "ArrowDown" });
  const labels = within(listOf(testId))
    .queryAllByRole("option")
    .map((o) => o.getAttribute("data-label") ?? "");
  fireEvent.keyDown(field, { key: "Escape" });
  return labels;
}

/** The options a picker offers with nothing typed, each as `{ value, label, detail }`. */
export function offeredOptions(testId: string): { value: string; label: string; detail: string }[] {
  const field = input(testId);
  fireEvent.keyDown(field, { key: "ArrowDown" });
  const options = within(listOf(testId))
    .queryAllByRole("option")
    .map((o) => ({
      value: o.getAttribute("data-value") ?? "",
      label: o.getAttribute("data-label") ?? "",
      detail: o.querySelector(".combo-detail")?.textContent ?? "",
    }));
  fireEvent.keyDown(field, { key: "Escape" });
  return options;
}

/** The id a picker holds. */
export function chosen(testId: string): string {
  return input(testId).getAttribute("data-value") ?? "";
}
