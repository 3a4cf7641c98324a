// The product form against a mocked Rust side: field errors are shown in place and nothing typed is lost.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import type { Language, Product } from "../bindings";
import { I18nProvider } from "../i18nContext";
import { ProductForm } from "./ProductForm";

const invokeMock = vi.mocked(invoke);

function renderForm(product: Product | null = null, language: Language = "zh-CN") {
  const onSaved = vi.fn();
  const onCancel = vi.fn();
  render(
    <I18nProvider language={language}>
      <ProductForm product={product} onSaved={onSaved} onCancel={onCancel} />
    </I18nProvider>,
  );
  return { onSaved, onCancel };
}

function type(testId: string, value: string) {
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
}

function inputValue(testId: string): string {
  return (screen.getByTestId(testId) as HTMLInputElement).value;
}

beforeEach(() => {
  invokeMock.mockReset();
});

describe("ProductForm", () => {
  it("shows the translated rule under the price field and keeps what was typed", async () => {
    invokeMock.mockRejectedValueOnce({
      kind: "validation",
      field: "price",
      rule: "negative",
      message: "Price cannot be negative",
    });
    const { onSaved } = renderForm();

    type("product-nameZh", "红心猕猴桃");
    type("product-nameEn", "Red kiwi");
    type("product-saleUnit", "箱(5斤)");
    type("product-stockUnit", "斤");
    type("product-price", "-1");
    type("product-weightKg", "2.6");
    fireEvent.click(screen.getByTestId("product-save"));

    const error = await screen.findByTestId("error-product-price");
    expect(error.textContent).toBe("售价不能是负数。");
    expect(screen.getByTestId("product-price").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByTestId("product-price").getAttribute("aria-describedby")).toContain("error-product-price");
    // Nothing else is marked wrong, and there is no form-level error.
    expect(screen.getByTestId("product-nameZh").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByTestId("form-error")).toBeNull();

    // What the user typed is still there; the form stays open and nothing counts as saved.
    expect(inputValue("product-nameZh")).toBe("红心猕猴桃");
    expect(inputValue("product-nameEn")).toBe("Red kiwi");
    expect(inputValue("product-saleUnit")).toBe("箱(5斤)");
    expect(inputValue("product-stockUnit")).toBe("斤");
    expect(inputValue("product-price")).toBe("-1");
    expect(inputValue("product-weightKg")).toBe("2.6");
    expect(screen.getByTestId("product-form")).toBeTruthy();
    expect(onSaved).not.toHaveBeenCalled();

    // Everything went to Rust as typed, as strings.
    expect(invokeMock).toHaveBeenCalledTimes(1);
    expect(invokeMock).toHaveBeenCalledWith("create_product", {
      input: {
        nameZh: "红心猕猴桃",
        nameEn: "Red kiwi",
        saleUnit: "箱(5斤)",
        stockUnit: "斤",
        perishable: false,
        shelfLifeDays: "",
        price: "-1",
        weightKg: "2.6",
        kind: "goods",
        reorderPoint: "",
        barcode: "",
      },
    });

    // Correcting the field clears its message.
    type("product-price", "1");
    expect(screen.queryByTestId("error-product-price")).toBeNull();
  });

  it("shows every wrong field at once, focuses the first, and after a fix shows only what is still wrong", async () => {
    invokeMock.mockRejectedValueOnce({
      kind: "validation",
      field: "nameZh",
      rule: "required",
      message: "nameZh is required; saleUnit: unknown unit 筐; price cannot be negative",
      errors: [
        { field: "nameZh", rule: "required", message: "nameZh is required" },
        { field: "saleUnit", rule: "unknown_unit", message: "saleUnit: unknown unit 筐" },
        { field: "price", rule: "negative", message: "price cannot be negative" },
      ],
    });
    renderForm();
    type("product-saleUnit", "筐");
    type("product-stockUnit", "斤");
    type("product-price", "-3");
    fireEvent.click(screen.getByTestId("product-save"));

    expect((await screen.findByTestId("error-product-nameZh")).textContent).toBe("请填写中文名称。");
    expect(screen.getByTestId("error-product-saleUnit").textContent).toContain("销售单位不认识");
    expect(screen.getByTestId("error-product-price").textContent).toBe("售价不能是负数。");
    expect(document.querySelectorAll("[data-testid^='error-product-']")).toHaveLength(3);
    for (const id of ["product-nameZh", "product-saleUnit", "product-price"]) {
      expect(screen.getByTestId(id).getAttribute("aria-invalid"), id).toBe("true");
    }
    expect(screen.getByTestId("product-stockUnit").getAttribute("aria-invalid")).toBeNull();
    expect(screen.queryByTestId("form-error")).toBeNull();
    // The first wrong field (in screen order) has the focus.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("product-nameZh")));
    expect(inputValue("product-saleUnit")).toBe("筐");
    expect(inputValue("product-price")).toBe("-3");

    // Fixing the name clears its message at once; the others stay.
    type("product-nameZh", "土鸡蛋");
    expect(screen.queryByTestId("error-product-nameZh")).toBeNull();
    expect(screen.getByTestId("error-product-saleUnit")).toBeTruthy();
    expect(screen.getByTestId("error-product-price")).toBeTruthy();

    invokeMock.mockRejectedValueOnce({
      kind: "validation",
      field: "saleUnit",
      rule: "unknown_unit",
      message: "saleUnit: unknown unit 筐; price cannot be negative",
      errors: [
        { field: "saleUnit", rule: "unknown_unit", message: "saleUnit: unknown unit 筐" },
        { field: "price", rule: "negative", message: "price cannot be negative" },
      ],
    });
    fireEvent.click(screen.getByTestId("product-save"));
    await waitFor(() => expect(invokeMock).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("product-saleUnit")));
    const shown = [...document.querySelectorAll("[data-testid^='error-product-']")].map((e) => e.getAttribute("data-testid"));
    expect(shown).toEqual(["error-product-saleUnit", "error-product-price"]);
    expect(screen.getByTestId("product-nameZh").getAttribute("aria-invalid")).toBeNull();
    expect(inputValue("product-nameZh")).toBe("土鸡蛋");
    expect(invokeMock).toHaveBeenLastCalledWith("create_product", {
      input: expect.objectContaining({ nameZh: "土鸡蛋", saleUnit: "筐", price: "-3" }),
    });
  });

  it("puts an error for a field the form does not show into form-error", async () => {
    invokeMock.mockRejectedValueOnce({
      kind: "validation",
      field: "price",
      rule: "negative",
      message: "price cannot be negative; colour is required",
      errors: [
        { field: "price", rule: "negative", message: "price cannot be negative" },
        { field: "colour", rule: "required", message: "colour is required" },
        // Shelf life is not on screen while the product is not perishable.
        { field: "shelfLifeDays", rule: "shelf_life_required", message: "shelf life is required" },
      ],
    });
    renderForm();
    fireEvent.click(screen.getByTestId("product-save"));
    expect((await screen.findByTestId("error-product-price")).textContent).toBe("售价不能是负数。");
    const formError = screen.getByTestId("form-error");
    expect(formError.textContent).toContain("有内容填得不对");
    expect(formError.textContent).toContain("colour is required");
    expect(formError.textContent).toContain("shelf life is required");
    expect(screen.queryByTestId("error-product-shelfLifeDays")).toBeNull();
  });

  it("translates into English with the English field label", async () => {
    invokeMock.mockRejectedValueOnce({ kind: "validation", field: "price", rule: "negative", message: "x" });
    renderForm(null, "en");
    type("product-price", "-3");
    fireEvent.click(screen.getByTestId("product-save"));
    expect((await screen.findByTestId("error-product-price")).textContent).toBe("Price cannot be negative.");
  });

  it("shows the shelf-life field only for perishable products and sends it then", async () => {
    invokeMock.mockRejectedValueOnce({ kind: "validation", field: "shelfLifeDays", rule: "not_a_whole_number", message: "x" });
    renderForm();
    expect(screen.queryByTestId("product-shelfLifeDays")).toBeNull();
    fireEvent.click(screen.getByTestId("product-perishable"));
    type("product-shelfLifeDays", "1.5");
    fireEvent.click(screen.getByTestId("product-save"));
    expect((await screen.findByTestId("error-product-shelfLifeDays")).textContent).toBe("保质期要填整数。");
    expect(invokeMock).toHaveBeenCalledWith("create_product", {
      input: expect.objectContaining({ perishable: true, shelfLifeDays: "1.5" }),
    });
  });

  it("shows an error without a field in form-error", async () => {
    invokeMock.mockRejectedValueOnce({ kind: "database", field: null, rule: null, message: "database is locked" });
    renderForm();
    type("product-nameZh", "豆腐");
    fireEvent.click(screen.getByTestId("product-save"));
    const formError = await screen.findByTestId("form-error");
    expect(formError.textContent).toContain("保存数据时出错了");
    expect(formError.textContent).toContain("database is locked");
    expect(inputValue("product-nameZh")).toBe("豆腐");
  });

  it("edits an existing product with localised units and calls update_product", async () => {
    const product: Product = {
      id: "p1",
      nameZh: "辣椒油",
      nameEn: null,
      saleUnit: "bottle",
      stockUnit: "box:12:bottle",
      perishable: true,
      shelfLifeDays: 180,
      price: "25.00",
      weightKg: "0.500",
      kind: "goods",
      reorderPoint: "6.000",
      barcode: "6958012300028",
      archived: false,
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
      searchKey: "",
    };
    invokeMock.mockResolvedValueOnce({ ...product, price: "26.00" });
    const { onSaved } = renderForm(product);
    expect(inputValue("product-saleUnit")).toBe("瓶");
    expect(inputValue("product-stockUnit")).toBe("箱(12瓶)");
    expect(inputValue("product-shelfLifeDays")).toBe("180");
    expect(inputValue("product-weightKg")).toBe("0.5");
    type("product-price", "26");
    fireEvent.click(screen.getByTestId("product-save"));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(invokeMock).toHaveBeenCalledWith("update_product", {
      id: "p1",
      input: {
        nameZh: "辣椒油",
        nameEn: "",
        saleUnit: "瓶",
        stockUnit: "箱(12瓶)",
        perishable: true,
        shelfLifeDays: "180",
        price: "26",
        weightKg: "0.5",
        kind: "goods",
        reorderPoint: "6",
        barcode: "6958012300028",
      },
    });
  });

  it("asks before Cancel throws away a ticked box, and not once it is unticked again", () => {
    const { onCancel } = renderForm();
    fireEvent.click(screen.getByTestId("product-perishable"));
    fireEvent.click(screen.getByTestId("product-cancel"));
    expect(screen.getByTestId("confirm-discard")).toBeTruthy();
    fireEvent.click(screen.getByTestId("confirm-keep"));
    expect((screen.getByTestId("product-perishable") as HTMLInputElement).checked).toBe(true);
    fireEvent.click(screen.getByTestId("product-perishable"));
    fireEvent.click(screen.getByTestId("product-cancel"));
    expect(screen.queryByTestId("confirm-discard")).toBeNull();
    expect(onCancel).toHaveBeenCalledTimes(1);
  });
});

describe("ProductForm kind and reorder point", () => {
  it("sends the chosen kind and the reorder point as typed, and shows Rust's message under the reorder point", async () => {
    invokeMock.mockRejectedValueOnce({
      kind: "validation",
      field: "reorderPoint",
      rule: "too_many_decimals",
      message: "reorderPoint has at most 3 decimal places",
      errors: [{ field: "reorderPoint", rule: "too_many_decimals", message: "reorderPoint has at most 3 decimal places", params: {} }],
    });
    renderForm();
    const kind = screen.getByTestId("product-kind") as HTMLSelectElement;
    expect(kind.value).toBe("goods");
    expect([...kind.options].map((o) => o.textContent)).toEqual(["商品", "原料", "包装材料"]);
    expect(screen.getByTestId("hint-product-reorderPoint").textContent).toContain("库存低于此数时提醒");

    type("product-nameZh", "黄豆");
    type("product-stockUnit", "斤");
    fireEvent.change(kind, { target: { value: "ingredient" } });
    type("product-reorderPoint", "2.5005");
    fireEvent.click(screen.getByTestId("product-save"));

    const error = await screen.findByTestId("error-product-reorderPoint");
    expect(error.textContent).toBe("补货提醒数量的小数位太多了。");
    expect(screen.getByTestId("product-reorderPoint").getAttribute("aria-invalid")).toBe("true");
    expect(invokeMock).toHaveBeenCalledWith("create_product", {
      input: expect.objectContaining({ nameZh: "黄豆", kind: "ingredient", reorderPoint: "2.5005" }),
    });
    // The reorder point is in the stock unit, which the field says.
    expect(screen.getByTestId("product-reorderPoint").closest(".field")?.textContent).toContain("斤");
    type("product-reorderPoint", "2.5");
    expect(screen.queryByTestId("error-product-reorderPoint")).toBeNull();
  });

  it("opens an existing product with its kind and reorder point, in English too", () => {
    renderForm(
      {
        id: "p2",
        nameZh: "快递箱",
        nameEn: "Shipping box",
        saleUnit: "piece",
        stockUnit: "piece",
        perishable: false,
        shelfLifeDays: null,
        price: "1.20",
        weightKg: null,
        kind: "packaging",
        reorderPoint: "50.000",
        barcode: null,
        archived: false,
        createdAt: "2025-01-01T00:00:00Z",
        updatedAt: "2025-01-01T00:00:00Z",
        searchKey: "",
      },
      "en",
    );
    const kind = screen.getByTestId("product-kind") as HTMLSelectElement;
    expect(kind.value).toBe("packaging");
    expect(kind.selectedOptions[0]?.textContent).toBe("Packaging");
    expect(inputValue("product-reorderPoint")).toBe("50");
    expect(screen.getByTestId("hint-product-reorderPoint").textContent).toContain("Warn when available stock falls to this");
  });

  it("says which kind was unknown", async () => {
    invokeMock.mockRejectedValueOnce({
      kind: "validation",
      field: "kind",
      rule: "unknown_kind",
      message: "unknown kind",
      errors: [{ field: "kind", rule: "unknown_kind", message: "unknown kind", params: {} }],
    });
    renderForm();
    fireEvent.click(screen.getByTestId("product-save"));
    expect((await screen.findByTestId("error-product-kind")).textContent).toBe("不认识这个类别，请从列表里选。");
  });
});

describe("ProductForm barcode", () => {
  const refusal = (rule: string, message: string, params: Record<string, string> = {}) => ({
    kind: "validation",
    field: "barcode",
    rule,
    message,
    errors: [{ field: "barcode", rule, message, params }],
  });

  it("sends the scanned code and shows a code already on another product at the field, naming it", async () => {
    invokeMock.mockRejectedValueOnce(refusal("duplicate", "barcode 6958012300011 is already on 红心猕猴桃: each product needs its own code", { product: "红心猕猴桃" }));
    renderForm();
    const barcode = screen.getByTestId("product-barcode") as HTMLInputElement;
    expect(barcode.placeholder).toBe("扫一下商品上的条码，或手动输入");
    expect(barcode.closest(".field")?.textContent).toContain("条码");
    type("product-nameZh", "黄心猕猴桃");
    type("product-barcode", "6958 0123 00011");
    fireEvent.click(screen.getByTestId("product-save"));

    const error = await screen.findByTestId("error-product-barcode");
    expect(error.textContent).toBe("这个条码已经用在“红心猕猴桃”上了，一个条码只能对应一样商品。");
    expect(barcode.getAttribute("aria-invalid")).toBe("true");
    expect(invokeMock).toHaveBeenCalledWith("create_product", {
      input: expect.objectContaining({ nameZh: "黄心猕猴桃", barcode: "6958 0123 00011" }),
    });
    expect(screen.queryByTestId("form-error")).toBeNull();
    type("product-barcode", "6958012300035");
    expect(screen.queryByTestId("error-product-barcode")).toBeNull();
  });

  it("says what a barcode may hold, shows Rust's sentence for a duplicate it cannot read, and is there for every kind", async () => {
    invokeMock.mockRejectedValueOnce(refusal("bad_barcode", "barcode: letters, digits and dashes only"));
    renderForm(null, "en");
    expect((screen.getByTestId("product-barcode") as HTMLInputElement).placeholder).toBe("Scan the code on the label, or type it");
    type("product-barcode", "6958/0001");
    fireEvent.click(screen.getByTestId("product-save"));
    expect((await screen.findByTestId("error-product-barcode")).textContent).toBe("Barcode can only have letters, digits and dashes (-), at most 32.");

    invokeMock.mockRejectedValueOnce(refusal("duplicate", "that code is taken"));
    fireEvent.click(screen.getByTestId("product-save"));
    await waitFor(() => expect(screen.getByTestId("error-product-barcode").textContent).toBe("Barcode is already in use. Details: that code is taken"));

    for (const kind of ["ingredient", "packaging", "goods"]) {
      fireEvent.change(screen.getByTestId("product-kind"), { target: { value: kind } });
      expect(screen.getByTestId("product-barcode")).toBeTruthy();
    }
  });

  it("opens an existing product with its code", () => {
    renderForm({
      id: "p3",
      nameZh: "土蜂蜜",
      nameEn: null,
      saleUnit: "bottle",
      stockUnit: "bottle",
      perishable: false,
      shelfLifeDays: null,
      price: "58.00",
      weightKg: null,
      kind: "goods",
      reorderPoint: null,
      barcode: "FS-0042",
      archived: false,
      createdAt: "2025-01-01T00:00:00Z",
      updatedAt: "2025-01-01T00:00:00Z",
      searchKey: "",
    });
    expect(inputValue("product-barcode")).toBe("FS-0042");
  });
});
