// Orders in words and the order form's sums: exact, rounded half away from zero to the fen per line,
// as Rust does it.
import { describe, expect, it } from "vitest";
import type { OrderLineInput, Product } from "../bindings";
import { toText } from "../decimal";
import { canCancel, canPay, itemsSummary, lineAmount, moneyOf, orderSums, scannedLine } from "./orderText";

function line(productId: string, quantity: string, unitPrice = "", discount = ""): OrderLineInput {
  return { productId, quantity, unitPrice, discount };
}

const prices: Record<string, { price: string }> = { kiwi: { price: "48.80" }, oil: { price: "10.01" }, egg: { price: "0.05" } };
const productOf = (id: string) => prices[id];

describe("itemsSummary", () => {
  const lines = [
    { productName: "红心猕猴桃 5斤装", quantity: "2.000", saleUnit: "box:5:jin" },
    { productName: "油泼辣椒", quantity: "1", saleUnit: "bottle" },
    { productName: "土蜂蜜", quantity: "2.500", saleUnit: "jin" },
  ];

  it("names each product with its count and sale unit", () => {
    expect(itemsSummary(lines, "zh-CN")).toBe("红心猕猴桃 5斤装 ×2箱、油泼辣椒 ×1瓶、土蜂蜜 ×2.5斤");
    expect(itemsSummary(lines, "en")).toBe("红心猕猴桃 5斤装 ×2 box, 油泼辣椒 ×1 bottle, 土蜂蜜 ×2.5 jin");
    expect(itemsSummary([], "zh-CN")).toBe("");
  });
});

describe("lineAmount", () => {
  it("is price × quantity rounded to the fen, less the discount", () => {
    const a = lineAmount(line("kiwi", "3", "48.80", "5"), prices.kiwi);
    expect(a && toText(a.gross)).toBe("146.40");
    expect(a && toText(a.total)).toBe("141.40");
  });

  it("rounds a fraction of a box half away from zero", () => {
    // 0.333 × 10.01 = 3.33333
    expect(toText(lineAmount(line("oil", "0.333"), prices.oil)?.total ?? { units: 0n, scale: 0 })).toBe("3.33");
    // 0.5 × 0.05 = 0.025 -> 0.03
    expect(toText(lineAmount(line("egg", "0.5"), prices.egg)?.total ?? { units: 0n, scale: 0 })).toBe("0.03");
    // 1.005 × 1 = 1.005 -> 1.01 (a binary float would say 1.00)
    expect(toText(lineAmount(line("x", "1.005", "1"), { price: "9" })?.total ?? { units: 0n, scale: 0 })).toBe("1.01");
  });

  it("uses the product's price when none is typed, and reads ¥ and 元 as Rust does", () => {
    expect(toText(lineAmount(line("kiwi", "2"), prices.kiwi)?.total ?? { units: 0n, scale: 0 })).toBe("97.60");
    expect(toText(lineAmount(line("kiwi", "2", "¥45", "5元"), prices.kiwi)?.total ?? { units: 0n, scale: 0 })).toBe("85.00");
    expect(moneyOf("￥12.5")).toEqual({ units: 125n, scale: 1 });
    expect(moneyOf("-1")).toBeNull();
  });

  it("is unknown without a product or a quantity, or with text that is not a number", () => {
    expect(lineAmount(line("kiwi", "2"), undefined)).toBeNull();
    expect(lineAmount(line("kiwi", ""), prices.kiwi)).toBeNull();
    expect(lineAmount(line("kiwi", "0"), prices.kiwi)).toBeNull();
    expect(lineAmount(line("kiwi", "two"), prices.kiwi)).toBeNull();
    expect(lineAmount(line("kiwi", "2", "abc"), prices.kiwi)).toBeNull();
    expect(lineAmount(line("kiwi", "2", "", "lots"), prices.kiwi)).toBeNull();
  });

  it("goes below zero when the discount is more than the line (Rust refuses it)", () => {
    expect(toText(lineAmount(line("oil", "1", "", "12"), prices.oil)?.total ?? { units: 0n, scale: 0 })).toBe("-1.99");
  });
});

describe("orderSums", () => {
  it("adds the lines and the shipping fee: 3 × 48.80 − 5 + 12 = 153.40", () => {
    const sums = orderSums([line("kiwi", "3", "48.80", "5")], "12", productOf);
    expect([toText(sums.goods), toText(sums.shipping), toText(sums.total), sums.missing]).toEqual(["141.40", "12.00", "153.40", 0]);
  });

  it("leaves out the lines it cannot work out yet and counts them", () => {
    const sums = orderSums([line("kiwi", "1"), line("", "2"), line("oil", "")], "", productOf);
    expect([toText(sums.total), sums.missing]).toEqual(["48.80", 2]);
  });
});

describe("what a row offers", () => {
  it("pays only a waiting order and cancels only what is not packed", () => {
    expect(canPay("waiting_payment")).toBe(true);
    expect(canPay("paid")).toBe(false);
    expect(["waiting_payment", "paid", "packing", "packed", "shipped", "finished", "cancelled", "refunded"].filter((s) => canCancel(s as never))).toEqual([
      "waiting_payment",
      "paid",
      "packing",
    ]);
  });
});

describe("scannedLine", () => {
  const lines = [
    { productId: "p-kiwi", productName: "红心猕猴桃", barcode: "6958012300011" },
    { productId: "p-oil", productName: "油泼辣椒", barcode: null },
    // A product named like another's code: the code wins.
    { productId: "p-odd", productName: "6958012300011", barcode: "AB-12" },
    { productId: "p-kiwi", productName: "红心猕猴桃", barcode: "6958012300011" },
  ];
  const none = () => undefined;
  const open = [false, false, false, false];

  it("ticks the line whose barcode it is, exactly, spaces ignored", () => {
    expect(scannedLine("6958012300011", lines, open, none)).toBe(0);
    expect(scannedLine(" 6958 0123 00011\t", lines, open, none)).toBe(0);
    expect(scannedLine("AB-12", lines, open, none)).toBe(2);
    expect(scannedLine("ab-12", lines, open, none)).toBeNull();
    expect(scannedLine("695801230001", lines, open, none)).toBeNull();
    expect(scannedLine("", lines, open, none)).toBeNull();
  });

  it("takes the next line not ticked yet, else the first", () => {
    expect(scannedLine("6958012300011", lines, [true, false, false, false], none)).toBe(3);
    expect(scannedLine("6958012300011", lines, [true, false, false, true], none)).toBe(0);
  });

  it("falls back to the product's id and names, then to the product's own barcode", () => {
    expect(scannedLine(" 油泼辣椒 ", lines, open, none)).toBe(1);
    expect(scannedLine("p-oil", lines, open, none)).toBe(1);
    const oil = { id: "p-oil", nameZh: "油泼辣椒", nameEn: "Chilli oil", barcode: "6958012300028" } as Product;
    const productOf = (id: string) => (id === "p-oil" ? oil : undefined);
    expect(scannedLine("chilli OIL", lines, open, productOf)).toBe(1);
    expect(scannedLine("6958012300028", lines, open, productOf)).toBe(1);
  });

  it("then to a part of the name, or the pinyin's initials or a part of the full pinyin", () => {
    const keyed = [
      { productId: "p-kiwi", productName: "红心猕猴桃", barcode: null, searchKey: "hongxinmihoutao hxmht" },
      { productId: "p-oil", productName: "油泼辣椒", barcode: null, searchKey: "youpolajiao yplj" },
    ];
    const two = [false, false];
    expect(scannedLine("猕猴", keyed, two, none)).toBe(0);
    expect(scannedLine("辣椒", keyed, two, none)).toBe(1);
    expect(scannedLine("hxmht", keyed, two, none)).toBe(0);
    expect(scannedLine("YPL", keyed, two, none)).toBe(1);
    expect(scannedLine("mihou", keyed, two, none)).toBe(0);
    expect(scannedLine("la jiao", keyed, two, none)).toBe(1);
    expect(scannedLine("苹果", keyed, two, none)).toBeNull();
  });
});
