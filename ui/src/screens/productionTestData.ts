// Data and a fake Rust side shared by the recipe, run and production screen tests.
import { fireEvent, screen } from "@testing-library/react";
import { vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import type { Lot, PlannedInput, Product, ProductionPlan, ProductionRun, Recipe } from "../bindings";

export const invokeMock = vi.mocked(invoke);

export function product(id: string, nameZh: string, stockUnit: string, extra: Partial<Product> = {}): Product {
  return {
    id,
    nameZh,
    nameEn: null,
    saleUnit: stockUnit,
    stockUnit,
    perishable: true,
    shelfLifeDays: 3,
    price: "5.00",
    weightKg: null,
    kind: "goods",
    reorderPoint: null,
    barcode: null,
    archived: false,
    createdAt: "2025-01-01T00:00:00Z",
    updatedAt: "2025-01-01T00:00:00Z",
    searchKey: "",
    ...extra,
  };
}

export const soybeans = product("p-soy", "黄豆", "jin", { kind: "ingredient", shelfLifeDays: 180, searchKey: "huangdou hd" });
export const water = product("p-water", "山泉水", "kg", { kind: "ingredient", perishable: false, shelfLifeDays: null, searchKey: "shanquanshui sqs" });
export const tofu = product("p-tofu", "豆腐", "piece", { shelfLifeDays: 3, searchKey: "doufu df" });
export const jar = product("p-jar", "玻璃瓶", "bottle", { kind: "packaging", perishable: false, shelfLifeDays: null, searchKey: "boliping blp" });

export const tofuRecipe: Recipe = {
  id: "r1",
  name: "卤水豆腐",
  outputProductId: "p-tofu",
  outputProductName: "豆腐",
  outputUnit: "piece",
  outputQuantity: "2.000",
  shelfLifeDays: null,
  effectiveShelfLifeDays: 3,
  note: "",
  inputs: [
    { productId: "p-soy", productName: "黄豆", stockUnit: "jin", quantity: "1.000" },
    { productId: "p-water", productName: "山泉水", stockUnit: "kg", quantity: "5" },
  ],
  archived: false,
  createdAt: "2025-01-01T00:00:00Z",
  updatedAt: "2025-01-01T00:00:00Z",
};

export function plannedInput(over: Partial<PlannedInput> & Pick<PlannedInput, "productId" | "productName" | "stockUnit" | "quantity">): PlannedInput {
  return { available: "100", expired: "0", short: false, takes: [], cost: "0.00", ...over };
}

/** A plan for `outputQuantity` pieces of tofu: 0.5 jin soybeans and 2.5 kg water per piece. */
export function tofuPlan(outputQuantity: string, over: Partial<ProductionPlan> = {}): ProductionPlan {
  return {
    recipeId: "r1",
    recipeName: "卤水豆腐",
    outputProductName: "豆腐",
    outputUnit: "piece",
    outputQuantity,
    producedOn: "2025-09-20",
    bestBefore: "2025-09-23",
    inputs: [
      plannedInput({
        productId: "p-soy",
        productName: "黄豆",
        stockUnit: "jin",
        quantity: "10",
        available: "30",
        cost: "35.00",
        takes: [
          { lotId: "lot-a", quantity: "8", bestBefore: "2025-10-01", cost: "28.00" },
          { lotId: "lot-b", quantity: "2", bestBefore: "2025-12-01", cost: "7.00" },
        ],
      }),
      plannedInput({ productId: "p-water", productName: "山泉水", stockUnit: "kg", quantity: "50", available: "200", cost: "0.00", takes: [{ lotId: "lot-w", quantity: "50", bestBefore: null, cost: "0.00" }] }),
    ],
    inputsCost: "35.00",
    labour: "0.00",
    totalCost: "35.00",
    unitCost: "1.75",
    short: false,
    ...over,
  };
}

export function madeLot(over: Partial<Lot> = {}): Lot {
  return {
    id: "lot-new",
    productId: "p-tofu",
    productName: "豆腐",
    grade: "",
    farmerName: null,
    madeHere: true,
    receivedOn: "2025-09-20",
    bestBefore: "2025-09-23",
    daysToExpiry: 3,
    onHand: "20",
    reserved: "0",
    available: "20",
    stockUnit: "piece",
    costOnHand: "45.00",
    unitCost: "2.25",
    ...over,
  };
}

export const tofuRun: ProductionRun = {
  id: "run1",
  recipeId: "r1",
  recipeName: "卤水豆腐",
  producedOn: "2025-09-20",
  outputQuantity: "24",
  outputLot: madeLot(),
  takes: [
    { lotId: "lot-a", productId: "p-soy", productName: "黄豆", stockUnit: "jin", quantity: "8", cost: "28.00" },
    { lotId: "lot-w", productId: "p-water", productName: "山泉水", stockUnit: "kg", quantity: "50", cost: "0.00" },
    { lotId: "lot-b", productId: "p-soy", productName: "黄豆", stockUnit: "jin", quantity: "2", cost: "7.00" },
  ],
  inputsCost: "35.00",
  labour: "10.00",
  totalCost: "45.00",
  note: "早上做的",
};

export type Handler = (args: Record<string, unknown> | undefined) => unknown;

/** A fake Rust side: the active products for the selects, and whatever else the test gives. */
export function backend(handlers: Record<string, Handler> = {}) {
  const all: Record<string, Handler> = {
    list_products: () => ({ items: [soybeans, water, tofu, jar], total: 4 }),
    ...handlers,
  };
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = all[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

export function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

export function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

export function valueOf(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

/** A promise the test settles by hand, to answer calls out of order. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (reason: unknown) => void } {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: unknown) => void = () => undefined;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
