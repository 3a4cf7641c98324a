// The recipe form against a mocked Rust side: the recipe goes out exactly as typed (inputs in screen
// order, quantities as strings), every nested error lands at its own input, and edits are not lost.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import type { Language, Recipe } from "../bindings";
import { chosen, offered, pick } from "../components/comboboxTesting";
import { I18nProvider } from "../i18nContext";
import { RecipeForm, withoutInput } from "./RecipeForm";
import { backend, callsOf, invokeMock, tofuRecipe, type, valueOf } from "./productionTestData";

function renderForm(recipe: Recipe | null = null, language: Language = "zh-CN") {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nProvider language={language}>
      <RecipeForm recipe={recipe} onSaved={onSaved} onCancel={onCancel} />
    </I18nProvider>,
  );
  return { onSaved, onCancel };
}

/** Waits until the pickers offer the products. */
async function productsLoaded() {
  await waitFor(() => expect(offered("recipe-outputProductId")).toContain("豆腐"));
}

function suffixOf(testId: string): string | null {
  return screen.getByTestId(testId).closest(".input-with-suffix")?.querySelector(".input-suffix")?.textContent ?? null;
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("RecipeForm", () => {
  it("sends the exact RecipeInput, inputs in screen order and quantities as typed", async () => {
    const saved = { ...tofuRecipe, id: "r9" };
    backend({ create_recipe: () => saved });
    const { onSaved } = renderForm();
    await productsLoaded();
    expect(callsOf("list_products")).toEqual([{ query: { search: "", includeArchived: false, limit: 500, offset: 0, kind: "" } }]);
    // Every active product is offered as an input, ingredients and packaging included, ingredients
    // first; a recipe makes goods or ingredients, never packaging.
    expect(offered("recipe-input-0-productId")).toEqual(["黄豆", "山泉水", "玻璃瓶", "豆腐"]);
    expect(offered("recipe-outputProductId")).toEqual(["黄豆", "山泉水", "豆腐"]);

    type("recipe-name", "卤水豆腐");
    pick("recipe-outputProductId", "df", "豆腐");
    // The output's stock unit is next to the quantity; an empty shelf life says what it falls back to.
    expect(suffixOf("recipe-outputQuantity")).toBe("个");
    expect(screen.getByTestId("recipe-shelfLifeDays").getAttribute("placeholder")).toBe("留空按商品的 3 天");
    type("recipe-outputQuantity", "2.0");
    type("recipe-note", "点卤要慢");
    pick("recipe-input-0-productId", "sqs", "山泉水");
    type("recipe-input-0-quantity", "5");
    expect(suffixOf("recipe-input-0-quantity")).toBe("公斤");
    fireEvent.click(screen.getByTestId("recipe-add-input"));
    pick("recipe-input-1-productId", "huangdou", "黄豆");
    type("recipe-input-1-quantity", "1.50");
    expect(suffixOf("recipe-input-1-quantity")).toBe("斤");
    fireEvent.click(screen.getByTestId("recipe-add-input"));
    pick("recipe-input-2-productId", "玻璃", "玻璃瓶");
    type("recipe-input-2-quantity", "1");
    // The middle one goes; the others keep what was typed in them.
    fireEvent.click(screen.getByTestId("recipe-add-input"));
    pick("recipe-input-3-productId", "huangdou", "黄豆");
    fireEvent.click(screen.getByTestId("recipe-input-3-remove"));
    fireEvent.click(screen.getByTestId("recipe-save"));

    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(saved));
    expect(callsOf("create_recipe")).toEqual([
      {
        input: {
          name: "卤水豆腐",
          outputProductId: "p-tofu",
          outputQuantity: "2.0",
          shelfLifeDays: "",
          note: "点卤要慢",
          inputs: [
            { productId: "p-water", quantity: "5" },
            { productId: "p-soy", quantity: "1.50" },
            { productId: "p-jar", quantity: "1" },
          ],
        },
      },
    ]);
  });

  it("shows every nested error at its own input, including recipe_uses_its_output and duplicate", async () => {
    backend({
      create_recipe: () => {
        throw {
          kind: "validation",
          field: "name",
          rule: "duplicate",
          message: "a recipe named 卤水豆腐 already exists",
          errors: [
            { field: "name", rule: "duplicate", message: "a recipe named 卤水豆腐 already exists", params: {} },
            { field: "inputs.0.productId", rule: "recipe_uses_its_output", message: "inputs.0.productId: 豆腐 is what the recipe makes", params: {} },
            { field: "inputs.1.quantity", rule: "too_many_decimals", message: "inputs.1.quantity has at most 3 decimal places", params: {} },
            { field: "inputs.2.productId", rule: "duplicate", message: "inputs.2.productId: 黄豆 is already an input", params: {} },
          ],
        };
      },
    });
    const { onSaved } = renderForm();
    await productsLoaded();
    type("recipe-name", "卤水豆腐");
    pick("recipe-outputProductId", "df", "豆腐");
    type("recipe-outputQuantity", "2");
    pick("recipe-input-0-productId", "df", "豆腐");
    type("recipe-input-0-quantity", "1");
    fireEvent.click(screen.getByTestId("recipe-add-input"));
    pick("recipe-input-1-productId", "huangdou", "黄豆");
    type("recipe-input-1-quantity", "1.2345");
    fireEvent.click(screen.getByTestId("recipe-add-input"));
    pick("recipe-input-2-productId", "huangdou", "黄豆");
    type("recipe-input-2-quantity", "1");
    fireEvent.click(screen.getByTestId("recipe-save"));

    expect((await screen.findByTestId("error-recipe-name")).textContent).toBe("已经有相同的配方名称了。");
    expect(screen.getByTestId("error-recipe-inputs-0-productId").textContent).toBe("用料不能是这个配方做出来的东西本身。");
    expect(screen.getByTestId("error-recipe-inputs-1-quantity").textContent).toBe("用量的小数位太多了。");
    expect(screen.getByTestId("error-recipe-inputs-2-productId").textContent).toBe("已经有相同的用料了。");
    expect(document.querySelectorAll("[data-testid^='error-recipe-']")).toHaveLength(4);
    expect(screen.queryByTestId("form-error")).toBeNull();
    // Each message sits with its own field, which is marked and described by it.
    for (const [input, error] of [
      ["recipe-input-0-productId", "error-recipe-inputs-0-productId"],
      ["recipe-input-1-quantity", "error-recipe-inputs-1-quantity"],
      ["recipe-input-2-productId", "error-recipe-inputs-2-productId"],
    ] as const) {
      const field = screen.getByTestId(input);
      expect(field.getAttribute("aria-invalid"), input).toBe("true");
      expect(field.getAttribute("aria-describedby"), input).toContain(error);
      expect(field.closest(".field")?.contains(screen.getByTestId(error)), input).toBe(true);
    }
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("recipe-name")));
    expect(onSaved).not.toHaveBeenCalled();

    // Removing the first input takes its message away and moves the others' up with their inputs.
    fireEvent.click(screen.getByTestId("recipe-input-0-remove"));
    expect(valueOf("recipe-input-0-quantity")).toBe("1.2345");
    expect(screen.queryByTestId("error-recipe-inputs-0-productId")).toBeNull();
    expect(screen.getByTestId("error-recipe-inputs-0-quantity")).toBeTruthy();
    expect(screen.getByTestId("error-recipe-inputs-1-productId")).toBeTruthy();
    // Correcting a quantity clears its message.
    type("recipe-input-0-quantity", "1.5");
    expect(screen.queryByTestId("error-recipe-inputs-0-quantity")).toBeNull();
  });

  it("says a recipe needs inputs under the inputs", async () => {
    backend({
      create_recipe: () => {
        throw { kind: "validation", field: "inputs", rule: "required", message: "a recipe needs at least one input", errors: [] };
      },
    });
    renderForm(null, "en");
    await productsLoaded();
    fireEvent.click(screen.getByTestId("recipe-input-0-remove"));
    fireEvent.click(screen.getByTestId("recipe-save"));
    expect((await screen.findByTestId("error-recipe-inputs")).textContent).toBe("Ingredients per batch is required.");
    expect(callsOf("create_recipe")).toEqual([{ input: expect.objectContaining({ inputs: [] }) }]);
  });

  it("edits an existing recipe as it is and updates it by id", async () => {
    backend({ update_recipe: (args) => ({ ...tofuRecipe, name: (args as { input: { name: string } }).input.name }) });
    const { onSaved } = renderForm(tofuRecipe);
    await productsLoaded();
    expect(valueOf("recipe-name")).toBe("卤水豆腐");
    expect(chosen("recipe-outputProductId")).toBe("p-tofu");
    expect(valueOf("recipe-outputProductId")).toBe("豆腐");
    expect(valueOf("recipe-outputQuantity")).toBe("2");
    expect(chosen("recipe-input-0-productId")).toBe("p-soy");
    expect(valueOf("recipe-input-0-productId")).toBe("黄豆");
    expect(valueOf("recipe-input-0-quantity")).toBe("1");
    expect(chosen("recipe-input-1-productId")).toBe("p-water");
    expect(valueOf("recipe-input-1-productId")).toBe("山泉水");
    type("recipe-shelfLifeDays", "2");
    fireEvent.click(screen.getByTestId("recipe-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(callsOf("update_recipe")).toEqual([
      {
        id: "r1",
        input: {
          name: "卤水豆腐",
          outputProductId: "p-tofu",
          outputQuantity: "2",
          shelfLifeDays: "2",
          note: "",
          inputs: [
            { productId: "p-soy", quantity: "1" },
            { productId: "p-water", quantity: "5" },
          ],
        },
      },
    ]);
  });

  it("asks before Cancel throws away typed edits", async () => {
    backend();
    const { onCancel } = renderForm(tofuRecipe);
    await productsLoaded();
    // Nothing changed: closes at once.
    fireEvent.click(screen.getByTestId("recipe-cancel"));
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId("confirm-discard")).toBeNull();

    type("recipe-input-1-quantity", "6");
    fireEvent.click(screen.getByTestId("modal-close"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect(valueOf("recipe-input-1-quantity")).toBe("6");
    expect(onCancel).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId("recipe-cancel"));
    fireEvent.click(screen.getByTestId("confirm-discard-yes"));
    expect(onCancel).toHaveBeenCalledTimes(2);
  });

  it("moves input messages up when an input is removed", () => {
    const issue = (field: string) => ({ field, rule: "required", message: field });
    const errors = {
      fields: { name: issue("name"), "inputs.0.quantity": issue("a"), "inputs.1.productId": issue("b"), "inputs.2.quantity": issue("c") },
      form: null,
    };
    expect(Object.keys(withoutInput(errors, 1).fields)).toEqual(["name", "inputs.0.quantity", "inputs.1.quantity"]);
  });
});
