// How a recipe and a run read in one line: "黄豆 1 斤、水 3 斤 → 豆腐 2 个" / "soybeans 1 jin, … → tofu 2 piece".
import type { Language, ProductionRun, Recipe } from "../bindings";
import { add, parseDecimal, toText, type Decimal } from "../decimal";
import { formatQuantity, trimDecimal } from "../format";
import type { Translate } from "../i18n";

/** One product and its quantity: "黄豆 1 斤". */
export function productQuantity(t: Translate, product: string, quantity: string, unit: string, language: Language): string {
  return t("recipes.item", { product, quantity: formatQuantity(quantity, unit, language) });
}

/** What one batch uses and makes. */
export function recipeSummary(recipe: Recipe, language: Language, t: Translate): string {
  const inputs = recipe.inputs.map((i) => productQuantity(t, i.productName, i.quantity, i.stockUnit, language));
  const output = productQuantity(t, recipe.outputProductName, recipe.outputQuantity, recipe.outputUnit, language);
  return t("recipes.summary", { inputs: inputs.join(t("recipes.separator")), output });
}

/** What a run took, one entry per product in the order first taken, the lots of a product added up. */
export type RunInput = { productId: string; productName: string; stockUnit: string; quantity: string; cost: string };

export function runInputs(run: ProductionRun): RunInput[] {
  const byProduct = new Map<string, { productName: string; stockUnit: string; quantity: Decimal; cost: Decimal }>();
  for (const take of run.takes) {
    const quantity = parseDecimal(take.quantity) ?? { units: 0n, scale: 0 };
    const cost = parseDecimal(take.cost) ?? { units: 0n, scale: 2 };
    const seen = byProduct.get(take.productId);
    if (seen) {
      seen.quantity = add(seen.quantity, quantity);
      seen.cost = add(seen.cost, cost);
    } else {
      byProduct.set(take.productId, { productName: take.productName, stockUnit: take.stockUnit, quantity, cost });
    }
  }
  return [...byProduct.entries()].map(([productId, v]) => ({
    productId,
    productName: v.productName,
    stockUnit: v.stockUnit,
    quantity: trimDecimal(toText(v.quantity)),
    cost: toText(v.cost),
  }));
}
