// Orders and products for the order dialog tests, and a fake Rust side that answers from handlers.
import { vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import type { Order, Product } from "../bindings";

export const invokeMock = vi.mocked(invoke);

export type Handler = (args: Record<string, unknown> | undefined) => unknown;

/** Each command answers from `handlers`; an unknown command rejects as Tauri does. */
export function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (cmd: string, args?: unknown) => {
    const handler = handlers[cmd];
    if (!handler) throw `Command ${cmd} not found`;
    return handler(args as Record<string, unknown> | undefined);
  });
}

export function callsOf(cmd: string): unknown[] {
  return invokeMock.mock.calls.filter(([c]) => c === cmd).map(([, args]) => args);
}

/** A validation rejection as Rust sends it. */
export function rejection(errors: { field: string; rule: string; message?: string; params?: Record<string, string> }[]) {
  const list = errors.map((e) => ({ field: e.field, rule: e.rule, message: e.message ?? `${e.field} ${e.rule}`, params: e.params ?? {} }));
  return { kind: "validation", field: list[0]?.field ?? null, rule: list[0]?.rule ?? null, message: list.map((e) => e.message).join("; "), errors: list };
}

/** The refusal of pay and settings while the owner's PIN is set and the window is not unlocked. */
export const lockedRefusal = { kind: "locked", field: null, rule: null, message: "pay and settings are locked: enter the owner's PIN first", errors: [] };

export function product(id: string, extra: Partial<Product> = {}): Product {
  return {
    id,
    nameZh: id,
    nameEn: null,
    saleUnit: "jin",
    stockUnit: "jin",
    perishable: false,
    shelfLifeDays: null,
    price: "10.00",
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

export const kiwi = product("p-kiwi", { nameZh: "红心猕猴桃", nameEn: "Red kiwi", saleUnit: "box:5:jin", stockUnit: "jin", price: "48.80", weightKg: "2.6", barcode: "6958012300011", searchKey: "hongxinmihoutao hxmht red kiwi" });
export const chilli = product("p-chilli", { nameZh: "油泼辣椒", nameEn: "Chilli oil", saleUnit: "bottle", stockUnit: "bottle", price: "18.00", weightKg: "0.4", searchKey: "youpolajiao yplj chilli oil" });
export const box = product("p-box", { nameZh: "五斤装纸箱", saleUnit: "piece", stockUnit: "piece", kind: "packaging", price: "0", searchKey: "wujinzhuangzhixiang wjzzx" });
export const ice = product("p-ice", { nameZh: "冰袋", saleUnit: "piece", stockUnit: "piece", kind: "packaging", price: "0", searchKey: "bingdai bd" });

export const PRODUCTS: Record<string, Product> = { [kiwi.id]: kiwi, [chilli.id]: chilli, [box.id]: box, [ice.id]: ice };

export function order(extra: Partial<Order> = {}): Order {
  return {
    id: "o1",
    number: "20251128-0042",
    source: "wechat",
    platformOrderId: null,
    state: "paid",
    buyer: "张阿姨",
    recipient: { name: "张三", phone: "13812345678", province: "广东省", city: "广州市", district: "天河区", street: "体育西路191号", postcode: "" },
    lines: [
      { productId: kiwi.id, productName: "红心猕猴桃", saleUnit: "box:5:jin", quantity: "2", stockUnit: "jin", stockQuantity: "10", barcode: "6958012300011", searchKey: "hongxinmihoutao hxmht", unitPrice: "48.80", discount: "0.00", lineTotal: "97.60" },
      { productId: chilli.id, productName: "油泼辣椒", saleUnit: "bottle", quantity: "1", stockUnit: "bottle", stockQuantity: "1", barcode: null, searchKey: "youpolajiao yplj", unitPrice: "18.00", discount: "0.00", lineTotal: "18.00" },
    ],
    goods: "115.60",
    shippingFee: "12.00",
    total: "127.60",
    buyerNote: "周末送到",
    sellerNote: "",
    orderedOn: "2025-11-28",
    courier: null,
    waybill: null,
    packedBy: null,
    weightKg: null,
    goodsCost: null,
    packagingCost: null,
    shippingCost: null,
    margin: null,
    refunded: "0.00",
    returns: [],
    createdAt: "2025-11-28T02:00:00Z",
    updatedAt: "2025-11-28T02:00:00Z",
    masked: false,
    history: false,
    dueAt: null,
    shipmentExportedAt: null,
    ...extra,
  };
}

export const packed = (extra: Partial<Order> = {}) =>
  order({ state: "packed", packedBy: "妈妈", weightKg: "5.6", goodsCost: "60.00", packagingCost: "4.50", shippingCost: "0.00", margin: "63.10", updatedAt: "2025-11-28T03:00:00Z", ...extra });

/** The handlers every order screen test needs: the list, the order, its products. */
export function orderHandlers(orders: Order[]): Record<string, Handler> {
  return {
    list_orders: () => ({ items: orders, total: orders.length }),
    get_order: (args) => orders.find((o) => o.id === args?.id) ?? orders[0],
    get_product: (args) => PRODUCTS[String(args?.id)],
    list_products: () => ({ items: [box, ice], total: 2 }),
    get_shop_profile: () => null,
  };
}
