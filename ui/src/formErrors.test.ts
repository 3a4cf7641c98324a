// How a rejected save is split into field-level and form-level messages.
import { describe, expect, it } from "vitest";
import { explainError, fieldKey } from "./formErrors";
import { translator } from "./i18n";

const t = translator("zh-CN");

describe("explainError", () => {
  it("maps a nested field to the form's own field name", () => {
    expect(fieldKey("address.province")).toBe("province");
    const out = explainError({ kind: "validation", field: "address.province", rule: "required", message: "x" }, t, { province: "省", city: "市" });
    expect(out.fields).toEqual({ province: "请填写省。" });
    expect(out.form).toBeNull();
  });

  it("falls back to Rust's message for a rule the locale does not know", () => {
    const out = explainError({ kind: "validation", field: "price", rule: "brand_new_rule", message: "Price is odd" }, t, { price: "售价" });
    expect(out.fields).toEqual({ price: "Price is odd" });
  });

  it("puts errors without a known field on the form", () => {
    const out = explainError({ kind: "database", field: null, rule: null, message: "disk I/O error" }, t, { price: "售价" });
    expect(out.fields).toEqual({});
    expect(out.form).toEqual({ text: "保存数据时出错了，请再试一次。", detail: "详细信息：disk I/O error" });

    const unknownField = explainError({ kind: "validation", field: "colour", rule: "required", message: "Colour is required" }, t, { price: "售价" });
    expect(unknownField.fields).toEqual({});
    expect(unknownField.form?.detail).toContain("Colour is required");
  });
});
