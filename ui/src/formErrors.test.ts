// How a rejected save is split into field-level and form-level messages.
import { describe, expect, it } from "vitest";
import { explainError, fieldKey, fieldMessage, problemPhrases, ruleMessage, withoutField } from "./formErrors";
import { say, translator } from "./i18n";

const t = translator("zh-CN");
const en = translator("en");

describe("explainError", () => {
  it("maps a nested field to the form's own field name", () => {
    expect(fieldKey("address.province")).toBe("province");
    const out = explainError({ kind: "validation", field: "address.province", rule: "required", message: "x", errors: [] }, ["province", "city"]);
    expect(Object.keys(out.fields)).toEqual(["province"]);
    expect(fieldMessage(t, out.fields.province, "省")).toBe("请填写省。");
    expect(out.form).toBeNull();
  });

  it("finds a field of a repeated part by its whole path", () => {
    const out = explainError(
      {
        kind: "validation",
        field: "lines.1.quantity",
        rule: "required",
        message: "x",
        errors: [
          { field: "lines.1.quantity", rule: "required", message: "x" },
          { field: "lines.5.quantity", rule: "required", message: "line 5 is not on screen" },
        ],
      },
      ["farmerId", "lines.0.quantity", "lines.1.quantity"],
    );
    expect(Object.keys(out.fields)).toEqual(["lines.1.quantity"]);
    expect(out.form).toMatchObject({ message: "line 5 is not on screen" });
  });

  it("places every wrong field, and reads an older error without `errors`", () => {
    const out = explainError(
      {
        kind: "validation",
        field: "nameZh",
        rule: "required",
        message: "nameZh is required; price cannot be negative; colour is odd",
        errors: [
          { field: "nameZh", rule: "required", message: "nameZh is required" },
          { field: "price", rule: "negative", message: "price cannot be negative" },
          { field: "price", rule: "too_many_decimals", message: "second price issue" },
          { field: "colour", rule: "required", message: "colour is odd" },
        ],
      },
      ["nameZh", "price", "weightKg"],
    );
    expect(Object.keys(out.fields)).toEqual(["nameZh", "price"]);
    // The first issue of a field wins.
    expect(fieldMessage(t, out.fields.price, "售价")).toBe("售价不能是负数。");
    // A field the form does not show goes to the form, with Rust's sentence as the detail.
    expect(out.form).toMatchObject({ kind: "validation", message: "colour is odd" });
    expect(say(t, problemPhrases(out.form!))).toBe("有内容填得不对，请检查后再保存。 详细信息：colour is odd");

    const old = explainError({ kind: "validation", field: "price", rule: "negative", message: "x" }, ["price"]);
    expect(Object.keys(old.fields)).toEqual(["price"]);
    expect(old.form).toBeNull();
  });

  it("translates when shown, so a language switch changes the messages on screen", () => {
    const out = explainError({ kind: "validation", field: "price", rule: "negative", message: "x", errors: [] }, ["price"]);
    expect(fieldMessage(t, out.fields.price, "售价")).toBe("售价不能是负数。");
    expect(fieldMessage(en, out.fields.price, "Price")).toBe("Price cannot be negative.");
  });

  it("says how many decimals are allowed when Rust names the limit", () => {
    const issue = { field: "schemes.0.rate", rule: "too_many_decimals", message: "x", params: { max: "4" } };
    expect(fieldMessage(t, issue, "单价")).toBe("单价最多 4 位小数。");
    expect(fieldMessage(en, issue, "Rate")).toBe("Rate has at most 4 decimal places.");
    expect(fieldMessage(t, { ...issue, params: {} }, "单价")).toBe("单价的小数位太多了。");
  });

  it("falls back to Rust's message for a rule the locale does not know", () => {
    const out = explainError({ kind: "validation", field: "price", rule: "brand_new_rule", message: "Price is odd", errors: [] }, ["price"]);
    expect(fieldMessage(t, out.fields.price, "售价")).toBe("Price is odd");
  });

  it("puts errors without a known field on the form", () => {
    const out = explainError({ kind: "database", field: null, rule: null, message: "disk I/O error", errors: [] }, ["price"]);
    expect(out.fields).toEqual({});
    expect(problemPhrases(out.form!).map((p) => t(p.key, p.params))).toEqual(["保存数据时出错了，请再试一次。", "详细信息：disk I/O error"]);

    const unknownField = explainError({ kind: "validation", field: "colour", rule: "required", message: "Colour is required", errors: [] }, ["price"]);
    expect(unknownField.fields).toEqual({});
    expect(unknownField.form?.message).toBe("Colour is required");
  });

  it("drops one field's error while the others stay", () => {
    const out = explainError(
      {
        kind: "validation",
        field: "nameZh",
        rule: "required",
        message: "x",
        errors: [
          { field: "nameZh", rule: "required", message: "a" },
          { field: "price", rule: "negative", message: "b" },
        ],
      },
      ["nameZh", "price"],
    );
    const after = withoutField(out, "nameZh");
    expect(Object.keys(after.fields)).toEqual(["price"]);
    expect(withoutField(after, "nameZh")).toBe(after);
  });
});

describe("limits", () => {
  it("writes a too-large limit with digit groups", () => {
    expect(ruleMessage(t, "too_large", "售价", "x", { max: "100000000" })).toBe("售价太大了，最多 100,000,000。");
    expect(ruleMessage(en, "too_large", "Price", "x", { max: "1000000" })).toBe("Price is too large: at most 1,000,000.");
  });

  it("says which dates are allowed when Rust names the range", () => {
    expect(ruleMessage(t, "bad_date", "进货日期", "x", { min: "2000-01-01", max: "2099-12-31" })).toBe(
      "进货日期要填 2000-01-01 到 2099-12-31 之间真实存在的日期，例如 2025-09-20。",
    );
    expect(ruleMessage(t, "bad_date", "月份", "x")).toBe("月份不是有效的日期，请按 2025-09-20 这样填写。");
  });
});

describe("not_allowed", () => {
  const issue = { field: "state", rule: "not_allowed", message: "state: an order that is cancelled cannot become paid", params: { from: "cancelled", to: "paid" } };

  it("names the order's states in the reader's language", () => {
    expect(fieldMessage(t, issue, "订单状态")).toBe("订单状态：订单现在是“已取消”，不能改成“待发货”。");
    expect(fieldMessage(en, issue, "Order state")).toBe('Order state: the order is "Cancelled" now and cannot become "Paid, to ship".');
  });

  it("shows a state it does not know as Rust named it", () => {
    expect(ruleMessage(t, "not_allowed", "状态", "x", { from: "lost", to: "paid" })).toBe("状态：订单现在是“lost”，不能改成“待发货”。");
  });

  it("translates message parameters of a notice only when it is shown", () => {
    const notice = { key: "orders.notAllowedToast", params: { number: "20261128-0042" }, named: { from: "orderState.shipped", action: "orders.action.cancelled" } } as const;
    expect(say(t, notice)).toBe("订单 20261128-0042 现在是“已发货”，不能取消了。列表已经刷新。");
    expect(say(en, notice)).toBe('Order 20261128-0042 is "Shipped" now and can no longer be cancelled. The list has been refreshed.');
  });
});
