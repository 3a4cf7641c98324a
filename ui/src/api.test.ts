// api.ts: command names and argument objects per docs/ipc.md, and rejections turned into ApiError.
import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

import { invoke } from "@tauri-apps/api/core";
import * as api from "./api";
import { ApiError, createProduct, getStatus, listFarmers, saveShopProfile, setLanguage, toApiError, updateFarmer } from "./api";

const invokeMock = vi.mocked(invoke);

beforeEach(() => {
  invokeMock.mockReset();
});

describe("toApiError", () => {
  it("keeps a locked refusal as locked (pay and settings behind the owner's PIN)", () => {
    const reason = { kind: "locked", field: null, rule: null, message: "pay and settings are locked", errors: [] };
    expect(toApiError(reason).kind).toBe("locked");
    expect(api.isLocked(reason)).toBe(true);
    expect(api.isLocked({ kind: "validation", field: "pin", rule: "wrong_pin", message: "x", errors: [] })).toBe(false);
  });

  it("keeps every part of an IpcError", () => {
    const err = toApiError({ kind: "validation", field: "address.province", rule: "required", message: "Province is required" });
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(Error);
    expect(err.kind).toBe("validation");
    expect(err.field).toBe("address.province");
    expect(err.rule).toBe("required");
    expect(err.message).toBe("Province is required");
  });

  it("carries every wrong field in `errors`, and an empty list when Rust sent none", () => {
    const errors = [
      { field: "nameZh", rule: "required", message: "nameZh is required", params: {} },
      { field: "quantity", rule: "not_enough_stock", message: "only 2 jin", params: { available: "2" } },
    ];
    const err = toApiError({ kind: "validation", field: "nameZh", rule: "required", message: "a; b", errors });
    expect(err.errors).toEqual(errors);
    // An older Rust side sent no params: they count as none; values that are not text are dropped.
    const old = toApiError({
      kind: "validation",
      field: "price",
      rule: "negative",
      message: "x",
      errors: [{ field: "price", rule: "negative", message: "x", params: { n: 3, ok: "y" } }, { field: "a", rule: "required", message: "y" }],
    });
    expect(old.errors.map((e) => e.params)).toEqual([{ ok: "y" }, {}]);

    expect(toApiError({ kind: "validation", field: "price", rule: "negative", message: "x" }).errors).toEqual([]);
    expect(toApiError({ kind: "database", field: null, rule: null, message: "x", errors: null }).errors).toEqual([]);
    expect(toApiError("Command not found").errors).toEqual([]);
    expect(new ApiError("conflict", "x").errors).toEqual([]);
  });

  it("drops entries of `errors` that are not field issues", () => {
    const err = toApiError({
      kind: "validation",
      field: "price",
      rule: "negative",
      message: "x",
      errors: [{ field: "price", rule: "negative", message: "x" }, { field: 3 }, "nonsense", null],
    });
    expect(err.errors).toEqual([{ field: "price", rule: "negative", message: "x", params: {} }]);
  });

  it("accepts an IpcError with null field and rule", () => {
    const err = toApiError({ kind: "not_found", field: null, rule: null, message: "No such farmer" });
    expect([err.kind, err.field, err.rule, err.message]).toEqual(["not_found", null, null, "No such farmer"]);
  });

  it("turns a string rejection into an unavailable error with that message", () => {
    const err = toApiError("Command list_farmers not found");
    expect([err.kind, err.field, err.rule, err.message]).toEqual(["unavailable", null, null, "Command list_farmers not found"]);
  });

  it("turns a thrown Error into unavailable", () => {
    const err = toApiError(new TypeError("window.__TAURI_INTERNALS__ is undefined"));
    expect(err.kind).toBe("unavailable");
    expect(err.message).toBe("window.__TAURI_INTERNALS__ is undefined");
  });

  it("does not trust an object with an unknown kind", () => {
    const err = toApiError({ kind: "boom", field: "price", rule: "negative", message: "nope" });
    expect(err.kind).toBe("unavailable");
    expect(err.field).toBeNull();
    expect(err.message).toBe("nope");
  });

  it("describes other values as text", () => {
    expect(toApiError({ code: 7 }).message).toBe('{"code":7}');
    expect(toApiError(undefined).message).toBe("undefined");
  });
});

describe("commands", () => {
  it("calls the command with the contract's argument object", async () => {
    invokeMock.mockResolvedValueOnce({ items: [], total: 0 });
    await listFarmers({ search: "张", includeArchived: true, limit: 50, offset: 100, kind: "" });
    expect(invokeMock).toHaveBeenCalledWith("list_farmers", {
      query: { search: "张", includeArchived: true, limit: 50, offset: 100, kind: "" },
    });

    invokeMock.mockResolvedValueOnce({});
    await updateFarmer("id-1", { name: "a", village: "", phone: "", paymentNotes: "", remarks: "" });
    expect(invokeMock).toHaveBeenLastCalledWith("update_farmer", {
      id: "id-1",
      input: { name: "a", village: "", phone: "", paymentNotes: "", remarks: "" },
    });

    invokeMock.mockResolvedValueOnce({});
    await setLanguage("en");
    expect(invokeMock).toHaveBeenLastCalledWith("set_language", { language: "en" });

    invokeMock.mockResolvedValueOnce({});
    await getStatus();
    expect(invokeMock).toHaveBeenLastCalledWith("get_status", undefined);
  });

  it("rejects with an ApiError carrying the IpcError", async () => {
    invokeMock.mockRejectedValueOnce({ kind: "validation", field: "price", rule: "negative", message: "Price cannot be negative" });
    const failure = createProduct({
      nameZh: "猕猴桃",
      nameEn: "",
      saleUnit: "箱(5斤)",
      stockUnit: "斤",
      perishable: false,
      shelfLifeDays: "",
      price: "-1",
      weightKg: "",
      kind: "",
      reorderPoint: "",
      barcode: "",
    });
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ kind: "validation", field: "price", rule: "negative" });
  });

  it("rejects with kind unavailable when Tauri rejects with a string", async () => {
    invokeMock.mockRejectedValueOnce("invalid args `input` for command `save_shop_profile`");
    await expect(
      saveShopProfile({
        shopName: "",
        ownerName: "",
        senderName: "",
        phone: "",
        address: { province: "", city: "", district: "", street: "" },
        defaultCourier: null,
        language: "zh-CN",
      }),
    ).rejects.toMatchObject({ kind: "unavailable", message: "invalid args `input` for command `save_shop_profile`" });
  });
});

describe("packing, shipping, members, printing, returns, packaging rules and waybill ranges", () => {
  const ship = { orderId: "o1", courier: "SF" as const, waybill: "SF1", shippingCost: "8" };
  const rule = { id: "", productId: "", upTo: "2", packaging: [{ productId: "p-box", quantity: "1" }], note: "" };
  const range = { courier: "ZTO" as const, first: "75120000000000", last: "75120000000999", note: "" };
  const cases: [string, () => Promise<unknown>, string, Record<string, unknown>][] = [
    ["packOrder", () => api.packOrder({ orderId: "o1", packaging: [], weightKg: "", packedBy: "" }), "pack_order", { input: { orderId: "o1", packaging: [], weightKg: "", packedBy: "" } }],
    ["unpackOrder", () => api.unpackOrder("o1"), "unpack_order", { id: "o1" }],
    ["shipOrder", () => api.shipOrder(ship), "ship_order", { input: ship }],
    ["setWaybill", () => api.setWaybill(ship), "set_waybill", { input: ship }],
    ["finishOrder", () => api.finishOrder("o1"), "finish_order", { id: "o1" }],
    ["pickList", () => api.pickList({ orderIds: ["o1"] }), "pick_list", { query: { orderIds: ["o1"] } }],
    ["printLabels", () => api.printLabels({ orderIds: ["o1"], format: "a4", size: "", dpi: 0, maskPhone: true, sort: "pick" }), "print_labels", { request: { orderIds: ["o1"], format: "a4", size: "", dpi: 0, maskPhone: true, sort: "pick" } }],
    ["listMembers", () => api.listMembers(), "list_members", {}],
    ["addMember", () => api.addMember("妈妈"), "add_member", { name: "妈妈" }],
    ["setMemberActive", () => api.setMemberActive("m1", false), "set_member_active", { id: "m1", active: false }],
    ["setCurrentMember", () => api.setCurrentMember(""), "set_current_member", { id: "" }],
    ["currentMember", () => api.currentMember(), "current_member", {}],
    ["suggestPackaging", () => api.suggestPackaging("o1"), "suggest_packaging", { orderId: "o1" }],
    ["printPickList", () => api.printPickList({ orderIds: ["o1"] }), "print_pick_list", { query: { orderIds: ["o1"] } }],
    ["printPackingSlips", () => api.printPackingSlips(["o1"]), "print_packing_slips", { orderIds: ["o1"] }],
    ["listPrinters", () => api.listPrinters(), "list_printers", {}],
    ["printSetup", () => api.printSetup(), "print_setup", {}],
    ["farmerHabits", () => api.farmerHabits("f1"), "farmer_habits", { farmerId: "f1" }],
    ["printDocument", () => api.printDocument("/d/documents/a.pdf", ""), "print_document", { path: "/d/documents/a.pdf", printer: "" }],
    ["returnOrder", () => api.returnOrder({ orderId: "o1", lines: [], refund: "5", note: "" }), "return_order", { input: { orderId: "o1", lines: [], refund: "5", note: "" } }],
    ["listPackagingRules", () => api.listPackagingRules(), "list_packaging_rules", {}],
    ["savePackagingRule", () => api.savePackagingRule(rule), "save_packaging_rule", { input: rule }],
    ["deletePackagingRule", () => api.deletePackagingRule("r1"), "delete_packaging_rule", { id: "r1" }],
    ["listWaybillRanges", () => api.listWaybillRanges(), "list_waybill_ranges", {}],
    ["addWaybillRange", () => api.addWaybillRange(range), "add_waybill_range", { input: range }],
    ["takeWaybill", () => api.takeWaybill("o1", "ZTO"), "take_waybill", { orderId: "o1", courier: "ZTO" }],
    ["assignWaybills", () => api.assignWaybills({ orderIds: ["o1"], courier: "ZTO" }), "assign_waybills", { input: { orderIds: ["o1"], courier: "ZTO" } }],
    ["findOrderByCode", () => api.findOrderByCode("75120000000001"), "find_order_by_code", { code: "75120000000001" }],
    ["shipScanned", () => api.shipScanned("75120000000001"), "ship_scanned", { code: "75120000000001" }],
    ["unshipOrder", () => api.unshipOrder("o1"), "unship_order", { id: "o1" }],
    ["shippedToday", () => api.shippedToday(), "shipped_today", {}],
    ["listWork", () => api.listWork("2025-09"), "list_work", { month: "2025-09" }],
    ["deleteWork", () => api.deleteWork("w1"), "delete_work", { id: "w1" }],
    ["payYear", () => api.payYear(2025), "pay_year", { year: 2025 }],
    ["exportPayYearCsv", () => api.exportPayYearCsv(2025), "export_pay_year_csv", { year: 2025 }],
    ["exportPayYearXlsx", () => api.exportPayYearXlsx(2025), "export_pay_year_xlsx", { year: 2025 }],
    ["pinStatus", () => api.pinStatus(), "pin_status", {}],
    ["setPin", () => api.setPin("1234", "5678"), "set_pin", { current: "1234", new: "5678" }],
    ["unlock", () => api.unlock("1234"), "unlock", { pin: "1234" }],
    ["lock", () => api.lock(), "lock", {}],
    ["recentRecipients", () => api.recentRecipients("13800138000"), "recent_recipients", { phoneOrName: "13800138000" }],
  ];

  it.each(cases)("%s calls its command with docs/ipc.md's arguments", async (_name, run, command, args) => {
    invokeMock.mockResolvedValueOnce(null);
    await run();
    expect(invokeMock).toHaveBeenCalledWith(command, args);
  });
});
