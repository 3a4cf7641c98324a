// The shop's packaging rules (包装规则), opened from the orders screen (`packaging-rules`): which boxes,
// ice packs… a parcel of up to N of a product takes, which the pack step then suggests. A rule is for
// one goods product, or for any goods without rules of their own (通用（其他商品）). The list and the
// form share the dialog: adding or editing swaps the list for the form, saving or cancelling swaps back.
// Rust checks everything (docs/ipc.md, "Packaging rules"); its messages go next to their fields.
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { InputLine, PackagingRule, PackagingRuleInput, Product } from "../bindings";
import { useDiscardGuard } from "../components/DiscardGuard";
import { ComboboxField, type ComboOption } from "../components/Combobox";
import { FormError, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { useToast } from "../components/Toast";
import { errorPhrases } from "../formErrors";
import { countUnitLabel, formatQuantity, trimDecimal, unitLabel } from "../format";
import { useSaveForm } from "../hooks";
import { phrase } from "../i18n";
import { useI18n } from "../i18nContext";
import { ListError } from "./ListToolbar";
import { productOption } from "./pickerOptions";
import { useProductsOfKind } from "./useProducts";

const ITEM_PATH = /^packaging\.(\d+)\.(productId|quantity)$/;

function emptyRule(): PackagingRuleInput {
  return { id: "", productId: "", upTo: "", packaging: [{ productId: "", quantity: "1" }], note: "" };
}

/** A saved rule as the form edits it. */
export function ruleInput(rule: PackagingRule): PackagingRuleInput {
  return {
    id: rule.id,
    productId: rule.productId,
    upTo: trimDecimal(rule.upTo),
    packaging: rule.packaging.map((p) => ({ productId: p.productId, quantity: trimDecimal(p.quantity) })),
    note: rule.note,
  };
}

/** The rules as Rust has them now; `reload` reads them again. */
function useRules(): { rules: PackagingRule[] | null; error: api.ApiError | null; reload: () => void } {
  const [state, setState] = useState<{ rules: PackagingRule[] | null; error: api.ApiError | null }>({ rules: null, error: null });
  const [token, setToken] = useState(0);
  useEffect(() => {
    let current = true;
    api.listPackagingRules().then(
      (rules) => {
        if (current) setState({ rules, error: null });
      },
      (reason: unknown) => {
        if (current) setState((s) => ({ rules: s.rules ?? [], error: api.toApiError(reason) }));
      },
    );
    return () => {
      current = false;
    };
  }, [token]);
  const reload = useCallback(() => setToken((n) => n + 1), []);
  return { ...state, reload };
}

export function PackagingRulesDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const { rules, error, reload } = useRules();
  const goods = useProductsOfKind("goods");
  const packaging = useProductsOfKind("packaging");
  // The rule being edited: null = the list, "" id = a new rule.
  const [editing, setEditing] = useState<PackagingRuleInput | null>(null);
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);

  const backToList = useCallback(() => {
    setEditing(null);
    setDirty(false);
  }, []);

  async function remove(rule: PackagingRule) {
    setDeleting(true);
    try {
      await api.deletePackagingRule(rule.id);
      toast.show({ message: phrase("rules.deletedToast") });
    } catch (reason) {
      toast.show({ message: errorPhrases(reason), error: true });
    } finally {
      setDeleting(false);
      setConfirming(null);
      reload();
    }
  }

  const title = editing === null ? t("rules.title") : editing.id === "" ? t("rules.addTitle") : t("rules.editTitle");

  return (
    <Modal title={title} dirty={dirty} onClose={onClose} wide>
      <div className="packaging-rules" data-testid="packaging-rules">
        {editing !== null ? (
          <RuleForm
            initial={editing}
            goods={goods.products}
            packaging={packaging.products}
            onDirty={setDirty}
            onBack={backToList}
            onSaved={() => {
              backToList();
              reload();
              toast.show({ message: phrase("rules.savedToast") });
            }}
          />
        ) : (
          <>
            <p className="form-lead">{t("rules.intro")}</p>
            {error ? <ListError text={t("error.listFailed")} detail={t("error.detail", { message: error.message })} /> : null}
            {rules === null ? (
              <p className="muted">{t("common.loading")}</p>
            ) : rules.length === 0 ? (
              <div className="empty" data-testid="packaging-rules-empty">
                {t("rules.empty")}
              </div>
            ) : (
              <RuleTable
                rules={rules}
                goods={goods.products}
                confirming={confirming}
                deleting={deleting}
                onEdit={(rule) => setEditing(ruleInput(rule))}
                onDelete={(rule) => setConfirming(rule.id)}
                onConfirm={(rule) => void remove(rule)}
                onKeep={() => setConfirming(null)}
              />
            )}
            <div className="detail-actions">
              <button type="button" className="btn btn-primary" data-testid="rule-add" onClick={() => setEditing(emptyRule())}>
                <span aria-hidden="true" className="btn-plus">
                  +
                </span>
                {t("rules.add")}
              </button>
            </div>
          </>
        )}
      </div>
    </Modal>
  );
}

function RuleTable({
  rules,
  goods,
  confirming,
  deleting,
  onEdit,
  onDelete,
  onConfirm,
  onKeep,
}: {
  rules: PackagingRule[];
  goods: Product[] | null;
  confirming: string | null;
  deleting: boolean;
  onEdit: (rule: PackagingRule) => void;
  onDelete: (rule: PackagingRule) => void;
  onConfirm: (rule: PackagingRule) => void;
  onKeep: () => void;
}) {
  const { t, language } = useI18n();
  const upTo = (rule: PackagingRule): string => {
    const product = goods?.find((p) => p.id === rule.productId);
    return product
      ? t("rules.upTo", { n: trimDecimal(rule.upTo), unit: countUnitLabel(product.saleUnit, language) })
      : t("rules.upToAny", { n: trimDecimal(rule.upTo) });
  };
  return (
    <div className="table-wrap">
      <table className="table">
        <thead>
          <tr>
            <th>{t("rules.colProduct")}</th>
            <th>{t("rules.colUpTo")}</th>
            <th>{t("rules.colItems")}</th>
            <th>{t("rules.colNote")}</th>
            <th className="col-actions">
              <span className="sr-only">{t("common.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr key={rule.id} data-testid="packaging-rule-row" data-id={rule.id}>
              <td className="cell-strong">{rule.productId === "" ? t("rules.anyGoods") : rule.productName}</td>
              <td className="cell-nowrap" data-testid="rule-upto">
                {upTo(rule)}
              </td>
              <td data-testid="rule-items">
                {rule.packaging
                  .map((p) => t("orders.item", { name: p.productName, quantity: trimDecimal(p.quantity), unit: countUnitLabel(p.stockUnit, language) }))
                  .join(t("orders.itemSeparator"))}
              </td>
              <td className="cell-sub">{rule.note}</td>
              <td className="col-actions cell-nowrap">
                {confirming === rule.id ? (
                  <span className="rule-confirm" data-testid="confirm-delete" role="alertdialog" aria-label={t("rules.deleteTitle")}>
                    <span>{t("rules.deleteTitle")}</span>{" "}
                    <button type="button" className="btn btn-small btn-secondary" data-testid="confirm-delete-no" autoFocus onClick={onKeep}>
                      {t("rules.deleteNo")}
                    </button>{" "}
                    <button type="button" className="btn btn-small btn-danger" data-testid="confirm-delete-yes" disabled={deleting} onClick={() => onConfirm(rule)}>
                      {t("rules.deleteYes")}
                    </button>
                  </span>
                ) : (
                  <>
                    <button type="button" className="btn btn-small btn-secondary" data-testid="rule-edit" onClick={() => onEdit(rule)}>
                      {t("common.edit")}
                    </button>{" "}
                    <button type="button" className="btn btn-small btn-quiet" data-testid="rule-delete" onClick={() => onDelete(rule)}>
                      {t("rules.delete")}
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RuleForm({
  initial,
  goods,
  packaging,
  onDirty,
  onBack,
  onSaved,
}: {
  initial: PackagingRuleInput;
  goods: Product[] | null;
  packaging: Product[] | null;
  onDirty: (dirty: boolean) => void;
  onBack: () => void;
  onSaved: (rule: PackagingRule) => void;
}) {
  const { t, language } = useI18n();
  const [input, setInput] = useState<PackagingRuleInput>(initial);
  // Stable keys of the item lines (not saved), so that removing one keeps the others' inputs.
  const nextKey = useRef(initial.packaging.length);
  const [keys, setKeys] = useState<number[]>(() => initial.packaging.map((_, i) => i));

  const label = (path: string): string => {
    const m = ITEM_PATH.exec(path);
    if (m) return m[2] === "productId" ? t("rules.field.item") : t("rules.field.quantity");
    if (path === "productId") return t("rules.field.productId");
    if (path === "upTo") return t("rules.field.upTo");
    if (path === "packaging") return t("rules.field.packaging");
    if (path === "note") return t("rules.field.note");
    return path;
  };
  const form = useSaveForm<string, PackagingRuleInput>(label, input);
  const { clearError, dirty } = form;
  const guard = useDiscardGuard(dirty);

  useEffect(() => onDirty(dirty), [dirty, onDirty]);

  /** A field's message; a product of the wrong kind says which kind belongs there. */
  const error = (path: string): string | undefined => {
    const issue = form.errors.fields[path];
    if (issue?.rule === "not_allowed") {
      if (path === "productId") return t("rules.notGoods");
      if (ITEM_PATH.test(path)) return t("rules.notPackaging");
    }
    return form.error(path);
  };

  function setTop(name: "productId" | "upTo" | "note", value: string) {
    setInput((prev) => ({ ...prev, [name]: value }));
    clearError(name);
  }

  function setItem(index: number, field: keyof InputLine, value: string) {
    setInput((prev) => ({ ...prev, packaging: prev.packaging.map((l, i) => (i === index ? { ...l, [field]: value } : l)) }));
    clearError(`packaging.${index}.${field}`, "packaging");
  }

  function addItem() {
    setInput((prev) => ({ ...prev, packaging: [...prev.packaging, { productId: "", quantity: "1" }] }));
    setKeys((k) => [...k, nextKey.current++]);
    clearError("packaging");
  }

  function removeItem(index: number) {
    setInput((prev) => ({ ...prev, packaging: prev.packaging.filter((_, i) => i !== index) }));
    setKeys((k) => k.filter((_, i) => i !== index));
    // The messages of later items would now sit on the wrong line: drop the items' messages.
    form.setErrors({
      ...form.errors,
      fields: Object.fromEntries(Object.entries(form.errors.fields).filter(([path]) => !path.startsWith("packaging"))),
    });
  }

  const shown = [
    "productId",
    "upTo",
    "packaging",
    ...input.packaging.flatMap((_, i) => [`packaging.${i}.productId`, `packaging.${i}.quantity`]),
    "note",
  ];

  const submit = (e: FormEvent) => form.submit(e, { shown, save: () => api.savePackagingRule(input), onSaved });

  const product = goods?.find((p) => p.id === input.productId);
  const box = product ? /^box:([^:]+):(.+)$/.exec(product.saleUnit) : null;
  const packagingOf = (id: string) => packaging?.find((p) => p.id === id);
  const goodsGone = input.productId !== "" && goods !== null && !product;
  // A rule is for one goods product or for any goods (""); its items are packaging only.
  const goodsOptions: ComboOption[] = [
    { value: "", label: t("rules.anyGoods") },
    ...(goods ?? []).map((p) => productOption(p, language, t)),
    ...(goodsGone ? [{ value: input.productId, label: t("orders.productGone") }] : []),
  ];
  const packagingOptions = (packaging ?? []).map((p) => productOption(p, language, t));

  return (
    <>
      <form data-testid="rule-form" className="form rule-form" onSubmit={submit} noValidate ref={form.ref}>
        <div className="form-grid">
          <ComboboxField
            form="rule"
            name="productId"
            label={label("productId")}
            value={input.productId}
            onChange={(v) => setTop("productId", v)}
            error={error("productId")}
            hint={input.productId === "" ? t("rules.anyHint") : undefined}
            placeholder={goods === null ? t("common.loading") : t("rules.anyGoods")}
            options={goodsOptions}
          />
          <TextField
            form="rule"
            name="upTo"
            label={label("upTo")}
            required
            inputMode="decimal"
            suffix={product ? countUnitLabel(product.saleUnit, language) : t("rules.anyUnit")}
            placeholder="2"
            value={input.upTo}
            onChange={(v) => setTop("upTo", v)}
            error={error("upTo")}
            hint={
              box
                ? t("rules.upToHintBox", { size: formatQuantity(box[1] ?? "", box[2] ?? "", language) })
                : product
                  ? t("rules.upToHint")
                  : t("rules.upToHintAny")
            }
          />
        </div>

        <fieldset
          className="form-section"
          tabIndex={-1}
          aria-invalid={error("packaging") ? true : undefined}
          aria-describedby={error("packaging") ? "error-rule-packaging" : undefined}
        >
          <legend>{label("packaging")}</legend>
          {input.packaging.length === 0 ? <p className="muted">{t("rules.noItems")}</p> : null}
          {input.packaging.map((line, i) => {
            const item = packagingOf(line.productId);
            return (
              <div className="pack-packaging" key={keys[i] ?? i} role="group" aria-label={t("pack.packagingLine", { n: i + 1 })}>
                <ComboboxField
                  form="rule"
                  name={`item-${i}-productId`}
                  errorName={`packaging-${i}-productId`}
                  label={label(`packaging.${i}.productId`)}
                  value={line.productId}
                  onChange={(v) => setItem(i, "productId", v)}
                  error={error(`packaging.${i}.productId`)}
                  hint={packaging !== null && packaging.length === 0 ? t("rules.noPackagingProducts") : undefined}
                  placeholder={packaging === null ? t("common.loading") : t("pack.choosePackaging")}
                  options={
                    line.productId !== "" && packaging !== null && !item
                      ? [...packagingOptions, { value: line.productId, label: t("orders.productGone") }]
                      : packagingOptions
                  }
                />
                <TextField
                  form="rule"
                  name={`item-${i}-quantity`}
                  errorName={`packaging-${i}-quantity`}
                  label={label(`packaging.${i}.quantity`)}
                  inputMode="decimal"
                  suffix={item ? unitLabel(item.stockUnit, language) : undefined}
                  value={line.quantity}
                  onChange={(v) => setItem(i, "quantity", v)}
                  error={error(`packaging.${i}.quantity`)}
                />
                <button
                  type="button"
                  className="btn btn-small btn-quiet pack-packaging-remove"
                  data-testid={`rule-item-${i}-remove`}
                  aria-label={t("rules.removeItemN", { n: i + 1 })}
                  onClick={() => removeItem(i)}
                >
                  {t("order.removeLine")}
                </button>
              </div>
            );
          })}
          {error("packaging") ? (
            <div className="field-error" id="error-rule-packaging" data-testid="error-rule-packaging" role="alert">
              {error("packaging")}
            </div>
          ) : null}
          <button type="button" className="btn btn-secondary" data-testid="rule-add-item" onClick={addItem}>
            <span aria-hidden="true" className="btn-plus">
              +
            </span>
            {t("pack.addPackaging")}
          </button>
        </fieldset>

        <div className="form-grid">
          <TextField
            form="rule"
            name="note"
            className="field-wide"
            label={label("note")}
            placeholder={t("rules.notePlaceholder")}
            value={input.note}
            onChange={(v) => setTop("note", v)}
            error={error("note")}
          />
        </div>
        <FormError problem={form.errors.form} />
        <div className="form-actions">
          <button type="button" className="btn btn-secondary" data-testid="rule-cancel" onClick={() => guard.leave(onBack)}>
            {t("common.cancel")}
          </button>
          <button type="submit" className="btn btn-primary" data-testid="rule-save" disabled={form.saving}>
            {form.saving ? t("common.saving") : t("common.save")}
          </button>
        </div>
      </form>
      {guard.prompt}
    </>
  );
}
