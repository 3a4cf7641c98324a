// The run form and the production screen against a mocked Rust side: the live plan follows what is
// typed (older answers dropped), shows the lots each input takes and what is short, an edited input
// quantity switches to explicit inputs, save waits for a plan that is not short, and a saved run is
// announced and listed.
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, ListQuery, ProductionInput, ProductionPlan, ProductionRun, Recipe } from "../bindings";
import { ToastProvider } from "../components/Toast";
import { todayInShanghai } from "../format";
import { I18nProvider } from "../i18nContext";
import { ProductionForm } from "./ProductionForm";
import { ProductionScreen } from "./ProductionScreen";
import {
  backend,
  callsOf,
  deferred,
  invokeMock,
  madeLot,
  plannedInput,
  tofuPlan,
  tofuRecipe,
  tofuRun,
  type,
  valueOf,
} from "./productionTestData";

function renderForm(recipe: Recipe = tofuRecipe, language: Language = "zh-CN") {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nProvider language={language}>
      <ProductionForm recipe={recipe} onSaved={onSaved} onCancel={onCancel} />
    </I18nProvider>,
  );
  return { onSaved, onCancel };
}

function planInputsOf(call: unknown): ProductionInput {
  return (call as { input: ProductionInput }).input;
}

function saveButton(): HTMLButtonElement {
  return screen.getByTestId("production-save") as HTMLButtonElement;
}

/** A plan for a typed output quantity: scaled like the recipe (5 jin soybeans and 25 kg water per 10 pieces). */
function scaledPlan(input: ProductionInput): ProductionPlan {
  return tofuPlan(input.outputQuantity);
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("ProductionForm", () => {
  it("plans one batch at once, then plans the typed output quantity and shows the lots each input takes", async () => {
    backend({ plan_production: (args) => scaledPlan(planInputsOf(args)) });
    renderForm();
    // One batch is pre-filled, made today, and planned at once with the recipe's own quantities.
    expect(valueOf("production-outputQuantity")).toBe("2");
    expect(valueOf("production-producedOn")).toBe(todayInShanghai());
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(1));
    expect(callsOf("plan_production")[0]).toEqual({
      input: { recipeId: "r1", outputQuantity: "2", producedOn: todayInShanghai(), labour: "", note: "", inputs: [] },
    });

    type("production-outputQuantity", "20");
    type("production-producedOn", "2025-09-20");
    type("production-labour", "10");
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(2));
    // The keystrokes within the pause made one call, with what was typed last.
    expect(callsOf("plan_production")[1]).toEqual({
      input: { recipeId: "r1", outputQuantity: "20", producedOn: "2025-09-20", labour: "10", note: "", inputs: [] },
    });

    const rows = await screen.findAllByTestId("plan-input");
    expect(rows).toHaveLength(2);
    const [soy, water] = rows as [HTMLElement, HTMLElement];
    expect(soy.getAttribute("data-short")).toBe("false");
    expect(soy.textContent).toContain("要用 10 斤，库存能用 30 斤");
    const takes = within(soy).getAllByTestId("plan-take").map((li) => li.textContent);
    expect(takes).toEqual(["保质期至 2025-10-01的那批：8 斤，¥28.00", "保质期至 2025-12-01的那批：2 斤，¥7.00"]);
    expect(within(water).getByTestId("plan-take").textContent).toBe("不过期的那批：50 公斤，¥0.00");
    // The inputs' quantities are the plan's, scaled by Rust.
    expect(valueOf("production-input-0-quantity")).toBe("10");
    expect(valueOf("production-input-1-quantity")).toBe("50");
    expect(screen.getByTestId("plan-total").textContent).toContain("¥35.00");
    expect(screen.getByTestId("plan-unit-cost").textContent).toContain("¥1.75/个");
    expect(screen.getByTestId("plan-best-before").textContent).toContain("2025-09-23");
    expect(saveButton().disabled).toBe(false);
  });

  it("marks a short input in red with how much is missing, and keeps save disabled while short", async () => {
    let short = true;
    backend({
      plan_production: (args) => {
        const input = planInputsOf(args);
        if (!short) return tofuPlan(input.outputQuantity);
        return tofuPlan(input.outputQuantity, {
          short: true,
          unitCost: "",
          inputs: [
            plannedInput({ productId: "p-soy", productName: "黄豆", stockUnit: "jin", quantity: "10", available: "7.5", expired: "3", short: true }),
            plannedInput({ productId: "p-water", productName: "山泉水", stockUnit: "kg", quantity: "50", available: "200" }),
          ],
        });
      },
    });
    renderForm();
    const rows = await screen.findAllByTestId("plan-input");
    await waitFor(() => expect(rows[0]?.getAttribute("data-short")).toBe("true"));
    expect(rows[0]?.className).toContain("plan-input-short");
    expect(within(rows[0] as HTMLElement).getByTestId("plan-short").textContent).toContain("黄豆不够，还差 2.5 斤");
    expect(within(rows[0] as HTMLElement).getByTestId("plan-expired").textContent).toBe("另有 3 斤 已过期，不能用");
    expect(within(rows[1] as HTMLElement).queryByTestId("plan-expired")).toBeNull();
    expect(rows[1]?.getAttribute("data-short")).toBe("false");
    expect(screen.getByTestId("plan-unit-cost").textContent).toContain("—");
    expect(saveButton().disabled).toBe(true);
    // Submitting anyway (Enter in a field) records nothing.
    fireEvent.submit(screen.getByTestId("production-form"));
    expect(callsOf("record_production")).toEqual([]);

    // Making less: the new plan is not short and save is allowed again.
    short = false;
    type("production-outputQuantity", "1");
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    expect(screen.getAllByTestId("plan-input")[0]?.getAttribute("data-short")).toBe("false");
  });

  it("switches to explicit inputs once an input quantity is edited, for the plan and the save", async () => {
    backend({
      plan_production: (args) => scaledPlan(planInputsOf(args)),
      record_production: () => tofuRun,
    });
    const { onSaved } = renderForm();
    await waitFor(() => expect(valueOf("production-input-0-quantity")).toBe("10"));

    type("production-input-0-quantity", "11.5");
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(2));
    // Every input is sent, the untouched one with the plan's quantity.
    expect(planInputsOf(callsOf("plan_production")[1]).inputs).toEqual([
      { productId: "p-soy", quantity: "11.5" },
      { productId: "p-water", quantity: "50" },
    ]);
    // A new output quantity no longer rescales what was typed.
    type("production-outputQuantity", "30");
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(3));
    expect(planInputsOf(callsOf("plan_production")[2])).toMatchObject({
      outputQuantity: "30",
      inputs: [
        { productId: "p-soy", quantity: "11.5" },
        { productId: "p-water", quantity: "50" },
      ],
    });
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    fireEvent.click(saveButton());
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(tofuRun));
    expect(callsOf("record_production")).toEqual([
      {
        input: {
          recipeId: "r1",
          outputQuantity: "30",
          producedOn: todayInShanghai(),
          labour: "",
          note: "",
          inputs: [
            { productId: "p-soy", quantity: "11.5" },
            { productId: "p-water", quantity: "50" },
          ],
        },
      },
    ]);
  });

  it("goes back to the recipe's quantities on request", async () => {
    backend({ plan_production: (args) => scaledPlan(planInputsOf(args)) });
    renderForm();
    await waitFor(() => expect(valueOf("production-input-1-quantity")).toBe("50"));
    expect(screen.queryByTestId("production-inputs-reset")).toBeNull();
    type("production-input-1-quantity", "40");
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(2));
    expect(planInputsOf(callsOf("plan_production")[1]).inputs).toHaveLength(2);
    fireEvent.click(screen.getByTestId("production-inputs-reset"));
    expect(valueOf("production-input-1-quantity")).toBe("50");
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(3));
    expect(planInputsOf(callsOf("plan_production")[2]).inputs).toEqual([]);
    expect(screen.queryByTestId("production-inputs-reset")).toBeNull();
  });

  it("drops a plan answered after a newer one", async () => {
    const first = deferred<ProductionPlan>();
    const second = deferred<ProductionPlan>();
    const answers = [first, second];
    backend({ plan_production: () => answers[callsOf("plan_production").length - 1]?.promise });
    renderForm();
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(1));
    type("production-outputQuantity", "40");
    await waitFor(() => expect(callsOf("plan_production")).toHaveLength(2));

    // The newer answer arrives first, then the older one: the newer stays on screen.
    await act(async () => {
      second.resolve(tofuPlan("40", { totalCost: "70.00", unitCost: "1.75" }));
      await second.promise;
    });
    expect(screen.getByTestId("plan-total").textContent).toContain("¥70.00");
    await act(async () => {
      first.resolve(tofuPlan("2", { totalCost: "3.50", unitCost: "1.75" }));
      await first.promise;
    });
    expect(screen.getByTestId("plan-total").textContent).toContain("¥70.00");
    expect(screen.getByTestId("plan-total").textContent).not.toContain("¥3.50");
  });

  it("shows the plan's validation errors at their fields and disables save", async () => {
    backend({
      plan_production: (args) => {
        const input = planInputsOf(args);
        if (input.outputQuantity === "abc" || input.labour === "1.234") {
          throw {
            kind: "validation",
            field: "outputQuantity",
            rule: "not_a_number",
            message: "outputQuantity is not a number",
            errors: [
              ...(input.outputQuantity === "abc" ? [{ field: "outputQuantity", rule: "not_a_number", message: "outputQuantity is not a number", params: {} }] : []),
              ...(input.labour === "1.234" ? [{ field: "labour", rule: "too_many_decimals", message: "labour has at most 2 decimals", params: {} }] : []),
            ],
          };
        }
        return tofuPlan(input.outputQuantity);
      },
    });
    renderForm();
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    type("production-outputQuantity", "abc");
    type("production-labour", "1.234");
    expect((await screen.findByTestId("error-production-outputQuantity")).textContent).toBe("做出多少要填数字，例如 12.50。");
    expect(screen.getByTestId("error-production-labour").textContent).toBe("人工费的小数位太多了。");
    expect(saveButton().disabled).toBe(true);
    type("production-outputQuantity", "4");
    type("production-labour", "1.5");
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    expect(screen.queryByTestId("error-production-outputQuantity")).toBeNull();
    expect(screen.queryByTestId("error-production-labour")).toBeNull();
  });

  it("shows not_enough_stock from the save at the input, with what is available", async () => {
    backend({
      plan_production: (args) => scaledPlan(planInputsOf(args)),
      record_production: () => {
        throw {
          kind: "validation",
          field: "inputs.1.quantity",
          rule: "not_enough_stock",
          message: "inputs.1.quantity: the run needs 50 kg of 山泉水, only 12.5 kg is in stock",
          errors: [
            { field: "inputs.1.quantity", rule: "not_enough_stock", message: "inputs.1.quantity: the run needs 50 kg", params: { available: "12.5" } },
          ],
        };
      },
    });
    const { onSaved } = renderForm();
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    fireEvent.click(saveButton());
    const error = await screen.findByTestId("error-production-inputs-1-quantity");
    expect(error.textContent).toBe("山泉水不够：没过期的库存只有 12.5 公斤。");
    expect(screen.getByTestId("production-input-1-quantity").getAttribute("aria-invalid")).toBe("true");
    expect(screen.queryByTestId("form-error")).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
  });
});

describe("ProductionScreen", () => {
  function renderScreen(language: Language = "zh-CN") {
    render(
      <I18nProvider language={language}>
        <ToastProvider>
          <ProductionScreen />
        </ToastProvider>
      </I18nProvider>,
    );
  }

  it("lists the recipes with what one batch uses and makes, and a run with what it made and cost", async () => {
    backend({
      list_recipes: () => ({ items: [tofuRecipe], total: 1 }),
      list_production_runs: () => ({ items: [tofuRun], total: 1 }),
    });
    renderScreen();
    const recipe = await screen.findByTestId("recipe-row");
    expect(recipe.getAttribute("data-id")).toBe("r1");
    expect(recipe.textContent).toContain("卤水豆腐");
    expect(recipe.textContent).toContain("豆腐 2 个");
    expect(recipe.textContent).toContain("黄豆 1 斤、山泉水 5 公斤");
    expect(recipe.textContent).toContain("3 天");
    expect(callsOf("list_recipes")).toEqual([{ query: expect.objectContaining({ search: "", includeArchived: false, offset: 0 }) }]);

    const run = await screen.findByTestId("run-row");
    expect(run.getAttribute("data-id")).toBe("run1");
    const cells = [...run.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells[0]).toBe("2025-09-20");
    expect(cells[1]).toContain("卤水豆腐");
    expect(cells[1]).toContain("早上做的");
    expect(cells[2]).toContain("豆腐");
    // What the run made, not what is left of it.
    expect(cells[2]).toContain("做了 24 个，还剩 20 个");
    expect(cells[2]).toContain("保质期至 2025-09-23");
    expect(cells[3]).toContain("¥45.00");
    expect(cells[3]).toContain("用料 ¥35.00 + 人工费 ¥10.00");
    expect(cells[4]).toBe("¥2.25/个");
    // The two lots of soybeans are one line: 8 + 2 jin, ¥28.00 + ¥7.00.
    expect(cells[5]).toContain("黄豆 10 斤 ¥35.00");
    expect(cells[5]).toContain("山泉水 50 公斤 ¥0.00");
  });

  it("makes a batch from a recipe row, announces the new lot and reloads the runs", async () => {
    let runs: ProductionRun[] = [];
    backend({
      list_recipes: () => ({ items: [tofuRecipe], total: 1 }),
      list_production_runs: (args) => {
        const q = (args as { query: ListQuery }).query;
        return { items: runs.slice(q.offset, q.offset + q.limit), total: runs.length };
      },
      plan_production: (args) => scaledPlan(planInputsOf(args)),
      record_production: () => {
        runs = [tofuRun];
        return { ...tofuRun, outputLot: madeLot({ onHand: "20", unitCost: "2.25", bestBefore: "2025-09-23" }) };
      },
    });
    renderScreen();
    expect(await screen.findByTestId("runs-empty")).toBeTruthy();
    fireEvent.click(await screen.findByTestId("recipe-produce"));
    expect(screen.getByTestId("production-form")).toBeTruthy();
    type("production-outputQuantity", "20");
    type("production-labour", "10");
    await waitFor(() => expect(callsOf("plan_production").some((c) => planInputsOf(c).outputQuantity === "20")).toBe(true));
    await waitFor(() => expect(saveButton().disabled).toBe(false));
    fireEvent.click(saveButton());

    expect((await screen.findByTestId("toast")).textContent).toContain("做好了一批：豆腐 20 个，单位成本 ¥2.25/个，保质期至 2025-09-23");
    expect(screen.queryByTestId("production-form")).toBeNull();
    expect(await screen.findByTestId("run-row")).toBeTruthy();
    expect(callsOf("list_production_runs").length).toBeGreaterThanOrEqual(2);
    expect(callsOf("record_production")).toEqual([{ input: expect.objectContaining({ recipeId: "r1", outputQuantity: "20", labour: "10", inputs: [] }) }]);
  });

  it("archives a recipe with undo, and an archived recipe cannot be made", async () => {
    let archived = false;
    backend({
      list_recipes: () => ({ items: [{ ...tofuRecipe, archived }], total: 1 }),
      list_production_runs: () => ({ items: [], total: 0 }),
      archive_recipe: () => {
        archived = true;
        return { ...tofuRecipe, archived: true };
      },
      restore_recipe: () => {
        archived = false;
        return tofuRecipe;
      },
    });
    renderScreen("en");
    fireEvent.click(await screen.findByTestId("recipe-archive"));
    expect((await screen.findByTestId("toast")).textContent).toContain("Recipe archived: 卤水豆腐");
    expect(callsOf("archive_recipe")).toEqual([{ id: "r1" }]);
    fireEvent.click(screen.getByTestId("toast-undo"));
    await waitFor(() => expect(callsOf("restore_recipe")).toEqual([{ id: "r1" }]));
    expect(await screen.findByTestId("recipe-produce")).toBeTruthy();

    // Shown with the archived ones, it offers restore and no "make a batch".
    archived = true;
    fireEvent.click(screen.getByTestId("recipes-show-archived"));
    await waitFor(() => expect(screen.queryByTestId("recipe-restore")).not.toBeNull());
    expect(screen.queryByTestId("recipe-produce")).toBeNull();
  });
});
