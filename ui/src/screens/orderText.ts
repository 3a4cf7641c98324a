// Orders in words and numbers: the names of states and sources, what an order holds in one line
// ("红心猕猴桃 ×2箱、油泼辣椒 ×1瓶"), and the order form's running sums, worked out exactly the way
// Rust will (price × quantity rounded half away from zero to the fen, less the discount, plus shipping).
import type { Courier, Language, Order, OrderLine, OrderLineInput, OrderSource, OrderState, Product } from "../bindings";
import { add, parseDecimal, round, subtract, multiply, type Decimal } from "../decimal";
import { countUnitLabel, trimDecimal } from "../format";
import { interpolate, messagesOf, type MessageKey } from "../i18n";

/** Every state, in the order an order goes through them: the state filter offers them so. */
export const ORDER_STATES: readonly OrderState[] = ["waiting_payment", "paid", "packing", "packed", "shipped", "finished", "cancelled", "refunded"];

/** The sources, in the order the form and filter offer them. */
export const ORDER_SOURCES: readonly OrderSource[] = ["wechat", "phone", "market", "taobao", "pinduoduo", "douyin"];

/** The sources that are platforms: their orders carry the platform's order id. */
export const PLATFORM_SOURCES: readonly OrderSource[] = ["taobao", "pinduoduo", "douyin"];

export function stateKey(state: OrderState): MessageKey {
  return `orderState.${state}`;
}

export function sourceKey(source: OrderSource): MessageKey {
  return `orderSource.${source}`;
}

export function isOrderState(value: string): value is OrderState {
  return (ORDER_STATES as readonly string[]).includes(value);
}

export function isOrderSource(value: string): value is OrderSource {
  return (ORDER_SOURCES as readonly string[]).includes(value);
}

/** The buyer can still pay: only an order waiting for payment. */
export function canPay(state: OrderState): boolean {
  return state === "waiting_payment";
}

/** Cancelling is for orders not packed yet. */
export function canCancel(state: OrderState): boolean {
  return state === "waiting_payment" || state === "paid" || state === "packing";
}

/** The goods an order holds reserved in stock (paid, being packed), which a cancel gives back. */
export function holdsStock(state: OrderState): boolean {
  return state === "paid" || state === "packing";
}

/** "红心猕猴桃 ×2箱、油泼辣椒 ×1瓶" / "Red kiwi ×2 box, Chilli oil ×1 bottle". */
export function itemsSummary(lines: readonly Pick<OrderLine, "productName" | "quantity" | "saleUnit">[], language: Language): string {
  const dict = messagesOf(language);
  return lines
    .map((line) =>
      interpolate(dict["orders.item"], {
        name: line.productName,
        quantity: trimDecimal(line.quantity),
        unit: countUnitLabel(line.saleUnit, language),
      }),
    )
    .join(dict["orders.itemSeparator"]);
}

/**
 * Money as a person types it, the way Rust reads it: "12", "12.5", "¥12.50", "12.50元"; null when it
 * is not a non-negative amount.
 */
export function moneyOf(text: string): Decimal | null {
  const cleaned = text.trim().replace(/^[¥￥]/, "").replace(/元$/, "").trim();
  const d = parseDecimal(cleaned);
  return d !== null && d.units >= 0n ? d : null;
}

const ZERO: Decimal = { units: 0n, scale: 2 };

/** What a line of the form works out to; null parts while it is not filled in enough to know. */
export type LineAmount = {
  /** Unit price × quantity, rounded half away from zero to the fen. */
  gross: Decimal;
  /** The gross less the discount: what the line adds to the order. */
  total: Decimal;
};

/**
 * A line's amount: the typed unit price (or the product's price when none is typed) × the quantity,
 * rounded to the fen, less the discount. Null without a product, or with a quantity, price or discount
 * that is not a number.
 */
export function lineAmount(line: OrderLineInput, product: Pick<Product, "price"> | undefined): LineAmount | null {
  if (!product) return null;
  const quantity = parseDecimal(line.quantity);
  if (quantity === null || quantity.units <= 0n) return null;
  const price = line.unitPrice.trim() === "" ? parseDecimal(product.price) : moneyOf(line.unitPrice);
  const discount = line.discount.trim() === "" ? ZERO : moneyOf(line.discount);
  if (price === null || discount === null) return null;
  const gross = round(multiply(price, quantity), 2);
  return { gross, total: round(subtract(gross, discount), 2) };
}

export type OrderSums = {
  /** The lines that are known, less their discounts. */
  goods: Decimal;
  shipping: Decimal;
  /** Goods + shipping: what the buyer pays. */
  total: Decimal;
  /** Lines that could not be worked out yet (no product or quantity), left out of the sums. */
  missing: number;
};

/** The running total of the order form. A shipping fee that is not a number counts as none. */
export function orderSums(lines: readonly OrderLineInput[], shippingFee: string, productOf: (id: string) => Pick<Product, "price"> | undefined): OrderSums {
  const amounts = lines.map((line) => lineAmount(line, productOf(line.productId)));
  const goods = amounts.reduce<Decimal>((sum, a) => (a ? add(sum, a.total) : sum), ZERO);
  const shipping = shippingFee.trim() === "" ? ZERO : (moneyOf(shippingFee) ?? ZERO);
  return {
    goods: round(goods, 2),
    shipping: round(shipping, 2),
    total: round(add(goods, shipping), 2),
    missing: amounts.filter((a) => a === null).length,
  };
}

// Packing and shipping.

/** The couriers a waybill can be with, in the order the select offers them. */
export const COURIERS: readonly Courier[] = ["SF", "ZTO", "YTO", "STO", "YUNDA", "JD", "EMS"];

export function isCourier(value: string | null | undefined): value is Courier {
  return value !== null && value !== undefined && (COURIERS as readonly string[]).includes(value);
}

/** A courier as the locale files name it (顺丰); a name Rust stored that is not a code is shown as it is. */
export function courierName(courier: string | null, t: (key: MessageKey) => string): string {
  if (courier === null) return "";
  return isCourier(courier) ? t(`courier.${courier}`) : courier;
}

/** The PDF label sizes the owner picks from (thermal printer formats are for the CLI). */
export const LABEL_FORMATS = ["100x150", "100x180", "76x130", "a4"] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

export function isLabelFormat(value: string): value is LabelFormat {
  return (LABEL_FORMATS as readonly string[]).includes(value);
}

/** Goods can be packed: paid, or being packed. */
export function canPack(state: OrderState): boolean {
  return state === "paid" || state === "packing";
}

/** The order has left (or arrived): its label can be printed again and goods can come back. */
export function hasShipped(state: OrderState): boolean {
  return state === "shipped" || state === "finished";
}

/** A label can be printed for it (with a waybill): packed, shipped or finished. */
export function canPrintLabel(order: Pick<Order, "state" | "waybill">): boolean {
  const state = order.state;
  const ready = state === "paid" || state === "packing" || state === "packed" || hasShipped(state);
  return ready && order.waybill !== null && order.waybill !== "";
}

/** A waybill can be given before packing: to a paid, packing or packed order. */
export function canTakeWaybill(state: OrderState): boolean {
  return state === "paid" || state === "packing" || state === "packed";
}

/** A packing slip lists the lots a packed parcel holds: packed, shipped or finished orders. */
export function canPrintSlip(state: OrderState): boolean {
  return state === "packed" || hasShipped(state);
}

/** A code as a scanner or a person gives it, with every space dropped (Rust stores barcodes so). */
function compactCode(code: string): string {
  return code.replace(/\s+/g, "");
}

/**
 * Whether what was typed or scanned into the pack step is this line's barcode: exactly, spaces
 * ignored. The line carries the product's barcode; the product's own is the fallback.
 */
export function barcodeMatches(code: string, line: Pick<OrderLine, "barcode">, product: Product | undefined): boolean {
  const typed = compactCode(code);
  const barcode = compactCode(line.barcode ?? product?.barcode ?? "");
  return typed !== "" && barcode === typed;
}

/**
 * Whether what was typed into the pack step names this line's product: its id, or its name in either
 * language. Case and spaces around are ignored.
 */
export function scanMatches(code: string, line: Pick<OrderLine, "productId" | "productName">, product: Product | undefined): boolean {
  const typed = code.trim().toLowerCase();
  if (typed === "") return false;
  const names = [line.productId, line.productName, product?.nameZh, product?.nameEn];
  return names.some((n) => n !== undefined && n !== null && n.trim() !== "" && n.trim().toLowerCase() === typed);
}

/**
 * Whether what was typed is a part of the line's product name (either language), or of its pinyin:
 * the full pinyin or the initials Rust sends as `searchKey` ("mht" and "mihou" find 猕猴桃).
 */
export function scanPartlyMatches(code: string, line: Pick<OrderLine, "productName"> & { searchKey?: string }, product: Product | undefined): boolean {
  const typed = code.trim().toLowerCase();
  // A misread barcode (digits only) must not tick a line whose name happens to hold those digits.
  if (typed === "" || /^[\d\s-]{6,}$/.test(typed)) return false;
  const names = [line.productName, product?.nameZh, product?.nameEn];
  if (names.some((n) => n !== undefined && n !== null && n.toLowerCase().includes(typed))) return true;
  const compact = typed.replace(/\s+/g, "");
  return compact !== "" && (line.searchKey ?? "").split(" ").some((key) => key.includes(compact));
}

/**
 * The line a scanned or typed code ticks: the lines whose barcode it is, else the lines whose product
 * it names, else those whose name or pinyin holds it; of those the first not ticked yet (else the
 * first at all). Null for none.
 */
export function scannedLine(
  code: string,
  lines: readonly (Pick<OrderLine, "productId" | "productName" | "barcode"> & { searchKey?: string })[],
  ticked: readonly boolean[],
  productOf: (id: string) => Product | undefined,
): number | null {
  const indices = (matches: (line: (typeof lines)[number], product: Product | undefined) => boolean) =>
    lines.map((line, i) => (matches(line, productOf(line.productId)) ? i : -1)).filter((i) => i >= 0);
  const byBarcode = indices((line, product) => barcodeMatches(code, line, product));
  const byName = byBarcode.length > 0 ? byBarcode : indices((line, product) => scanMatches(code, line, product));
  const matching = byName.length > 0 ? byName : indices((line, product) => scanPartlyMatches(code, line, product));
  const open = matching.find((i) => !ticked[i]);
  return open ?? matching[0] ?? null;
}

/** Hours until a waiting order is due to ship (its platform ship-by time, else 48 h after payment), or
 * how many hours late it is; null for an order not waiting to ship. */
export function dueIn(order: Pick<Order, "state" | "dueAt">, now: number): { hours: number; late: boolean } | null {
  if (!order.dueAt || !["paid", "packing", "packed"].includes(order.state)) return null;
  const due = Date.parse(order.dueAt);
  if (Number.isNaN(due)) return null;
  const hours = Math.round((due - now) / 3_600_000);
  return hours < 0 ? { hours: -hours, late: true } : { hours, late: false };
}
