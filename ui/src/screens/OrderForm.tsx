// Enter one order by hand: where it came from, who gets it, what they bought. Everything is sent as
// typed (strings); Rust checks and names every wrong field (`recipient.phone`, `lines.1.discount`) and
// each message is shown next to its field. The buyer's WeChat message can be pasted at the top and is
// split into the recipient fields (addressParse.ts) for the owner to check: a field the owner typed
// is only replaced when they say so, and what was not found is named. A repeat buyer's earlier
// addresses are offered under the fields (KnownRecipients.tsx). The running total is worked out here
// exactly as Rust will (orderText.ts).
import { useEffect, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Order, OrderInput, OrderLineInput, Product, RecipientInput } from "../bindings";
import { parseRecipient } from "../addressParse";
import { ComboboxField } from "../components/Combobox";
import { FormActions, FormError, SelectField, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { toText } from "../decimal";
import { countUnitLabel, formatMoney, formatQuantity, todayInShanghai } from "../format";
import { textSetter, useSaveForm } from "../hooks";
import { isMessageKey } from "../i18n";
import { useI18n } from "../i18nContext";
import { KnownRecipients } from "./KnownRecipients";
import { ListError } from "./ListToolbar";
import { lineAmount, ORDER_SOURCES, orderSums, PLATFORM_SOURCES, sourceKey } from "./orderText";
import { productOption } from "./pickerOptions";
import { withoutLine } from "./PurchaseForm";

type TopField = "source" | "platformOrderId" | "buyer" | "state" | "orderedOn" | "shippingFee" | "buyerNote" | "sellerNote";
type RecipientField = keyof RecipientInput;
type LineField = keyof OrderLineInput;

const RECIPIENT_FIELDS: readonly RecipientField[] = ["name", "phone", "province", "city", "district", "street", "postcode"];
const LINE_FIELDS: readonly LineField[] = ["productId", "quantity", "unitPrice", "discount"];

/** What recognising a pasted message did: the fields it filled, those it found nothing for, and
 * those the owner had typed differently, which wait for their word. */
type PasteResult = {
  nothing: boolean;
  filled: RecipientField[];
  missing: RecipientField[];
  conflicts: { field: RecipientField; typed: string; found: string }[];
};

/** The states a new order can start in; the first is the default. */
export const NEW_ORDER_STATES = ["paid", "waiting_payment"] as const;

/** Rust's path of a line's field: `lines.1.discount`. */
function linePath(index: number, field: LineField): string {
  return `lines.${index}.${field}`;
}

const LINE_PATH = /^lines\.(\d+)\.(.+)$/;

/** Every field path the form shows, in screen order; the platform's order id only for marketplace orders. */
function shownFields(lineCount: number, marketplace: boolean): string[] {
  const lines = Array.from({ length: lineCount }, (_, i) => LINE_FIELDS.map((f) => linePath(i, f))).flat();
  return [
    "source",
    ...(marketplace ? ["platformOrderId"] : []),
    "buyer",
    "state",
    "orderedOn",
    ...RECIPIENT_FIELDS.map((f) => `recipient.${f}`),
    ...lines,
    "lines",
    "shippingFee",
    "buyerNote",
    "sellerNote",
  ];
}

function emptyLine(): OrderLineInput {
  return { productId: "", quantity: "", unitPrice: "", discount: "" };
}

function emptyRecipient(): RecipientInput {
  return { name: "", phone: "", province: "", city: "", district: "", street: "", postcode: "" };
}

export function newOrder(): OrderInput {
  return {
    source: "wechat",
    platformOrderId: "",
    buyer: "",
    recipient: emptyRecipient(),
    lines: [emptyLine()],
    shippingFee: "",
    buyerNote: "",
    sellerNote: "",
    orderedOn: todayInShanghai(),
    state: NEW_ORDER_STATES[0],
  };
}

/** The active goods the line selects offer (not ingredients or packaging). */
function useGoods(): { products: Product[] | null; error: api.ApiError | null } {
  const [state, setState] = useState<{ products: Product[] | null; error: api.ApiError | null }>({ products: null, error: null });
  useEffect(() => {
    let current = true;
    api.listProducts({ search: "", includeArchived: false, limit: 500, offset: 0, kind: "goods" }).then(
      (page) => {
        if (current) setState({ products: page.items, error: null });
      },
      (reason: unknown) => {
        if (current) setState({ products: [], error: api.toApiError(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

export function OrderForm({ onSaved, onCancel }: { onSaved: (order: Order) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const [input, setInput] = useState<OrderInput>(newOrder);
  const [paste, setPaste] = useState("");
  const [pasteResult, setPasteResult] = useState<PasteResult | null>(null);
  // The recipient fields the owner typed (not filled from a paste or an earlier order): a paste
  // replaces them only when the owner agrees.
  const typed = useRef(new Set<RecipientField>());
  const pasting = useRef(false);
  // Stable keys of the lines (not saved), so that removing one keeps the others' inputs.
  const nextKey = useRef(1);
  const [lineKeys, setLineKeys] = useState<number[]>([0]);
  const goods = useGoods();
  const marketplace = PLATFORM_SOURCES.includes(input.source);

  const label = (path: string): string => {
    const name = LINE_PATH.exec(path)?.[2] ?? (path.startsWith("recipient.") ? path.slice("recipient.".length) : path);
    const key = `order.field.${name}`;
    return isMessageKey(key) ? t(key) : path;
  };
  const form = useSaveForm<string, OrderInput>(label, input);
  const { clearError } = form;

  /** A field's message; a discount larger than its line says how much the line is. */
  const error = (path: string): string | undefined => {
    const issue = form.errors.fields[path];
    const owed = issue?.params?.owed;
    if (issue?.rule === "more_than_owed" && path.endsWith(".discount") && owed !== undefined) {
      return t("order.discountTooBig", { amount: formatMoney(owed) });
    }
    return form.error(path);
  };

  const productOf = (id: string): Product | undefined => goods.products?.find((p) => p.id === id);
  const setTop = textSetter<OrderInput, TopField>(setInput, clearError);

  function setRecipient(field: RecipientField, value: string) {
    setInput((prev) => ({ ...prev, recipient: { ...prev.recipient, [field]: value } }));
    if (value.trim() === "") typed.current.delete(field);
    else typed.current.add(field);
    clearError(`recipient.${field}`);
  }

  /** Fills recipient fields from a paste or an earlier order; they count as not typed. */
  function fillRecipient(values: Partial<RecipientInput>) {
    const fields = RECIPIENT_FIELDS.filter((f) => values[f] !== undefined);
    setInput((prev) => ({ ...prev, recipient: { ...prev.recipient, ...values } }));
    for (const f of fields) typed.current.delete(f);
    clearError(...fields.map((f) => `recipient.${f}`));
  }

  /**
   * Splits the pasted message into the recipient fields. Empty fields, and fields an earlier paste
   * or an earlier order filled, take what was found; a field the owner typed keeps its value until
   * they choose to replace it.
   */
  function recognise(text: string) {
    if (text.trim() === "") {
      setPasteResult(null);
      return;
    }
    const parsed = parseRecipient(text);
    // Chatter ("好的谢谢") reads as a name: without a phone or an address nothing was recognised.
    if ([parsed.phone, parsed.province, parsed.city, parsed.district, parsed.street].every((v) => v === "")) {
      setPasteResult({ nothing: true, filled: [], missing: [], conflicts: [] });
      return;
    }
    const current = input.recipient;
    const fill: Partial<RecipientInput> = {};
    const result: PasteResult = { nothing: false, filled: [], missing: [], conflicts: [] };
    for (const f of RECIPIENT_FIELDS) {
      const found = parsed[f];
      const now = current[f];
      if (found === "") {
        if (now.trim() === "") result.missing.push(f);
      } else if (now.trim() === "" || now.trim() === found || !typed.current.has(f)) {
        fill[f] = found;
        result.filled.push(f);
      } else {
        result.conflicts.push({ field: f, typed: now, found });
      }
    }
    fillRecipient(fill);
    setPasteResult(result);
  }

  function resolveConflicts(replace: boolean) {
    if (!pasteResult) return;
    if (replace) fillRecipient(Object.fromEntries(pasteResult.conflicts.map((c) => [c.field, c.found])));
    setPasteResult({ ...pasteResult, filled: replace ? [...pasteResult.filled, ...pasteResult.conflicts.map((c) => c.field)] : pasteResult.filled, conflicts: [] });
  }

  const fieldList = (fields: readonly RecipientField[]) => fields.map((f) => label(f)).join(t("order.pasteSeparator"));

  function setLine(index: number, field: LineField, value: string) {
    setInput((prev) => ({ ...prev, lines: prev.lines.map((line, i) => (i === index ? { ...line, [field]: value } : line)) }));
    // The discount is checked against price × quantity: a change of any of them may settle it.
    clearError(linePath(index, field), ...(field === "discount" ? [] : [linePath(index, "discount")]));
  }

  function addLine() {
    setInput((prev) => ({ ...prev, lines: [...prev.lines, emptyLine()] }));
    setLineKeys((keys) => [...keys, nextKey.current++]);
    clearError("lines");
  }

  function removeLine(index: number) {
    setInput((prev) => ({ ...prev, lines: prev.lines.filter((_, i) => i !== index) }));
    setLineKeys((keys) => keys.filter((_, i) => i !== index));
    form.setErrors(withoutLine(form.errors, index));
  }

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: shownFields(input.lines.length, marketplace),
      // A platform id typed before the source was changed away from the marketplace is not sent.
      save: () => api.createOrder(marketplace ? input : { ...input, platformOrderId: "" }),
      onSaved,
    });

  const sums = orderSums(input.lines, input.shippingFee, productOf);
  const products = goods.products;
  // Only goods are sold: ingredients and packaging never reach an order line.
  const productOptions = (products ?? []).filter((p) => p.kind === "goods").map((p) => productOption(p, language, t, { price: true }));
  const recipientField = (name: RecipientField, extra: { required?: boolean; className?: string; placeholder?: string; inputMode?: "tel" | "numeric" } = {}) => (
    <TextField
      form="order"
      name={`recipient-${name}`}
      label={label(name)}
      value={input.recipient[name]}
      onChange={(value) => setRecipient(name, value)}
      error={error(`recipient.${name}`)}
      {...extra}
    />
  );

  return (
    <Modal title={t("order.formTitle")} dirty={form.dirty} onClose={onCancel} wide>
      <form data-testid="order-form" className="form order-form" onSubmit={submit} noValidate ref={form.ref}>
        {goods.error ? <ListError text={t("order.productsFailed")} detail={t("error.detail", { message: goods.error.message })} /> : null}
        <div className="field field-wide order-paste">
          <label className="field-label" htmlFor="order-paste">
            {t("order.pasteLabel")}
          </label>
          <div className="order-paste-row">
            <textarea
              id="order-paste"
              data-testid="order-paste"
              rows={3}
              value={paste}
              placeholder={t("order.pastePlaceholder")}
              aria-describedby={pasteResult === null ? undefined : "hint-order-paste"}
              onPaste={() => {
                pasting.current = true;
              }}
              onChange={(e) => {
                setPaste(e.target.value);
                if (e.target.value.trim() === "") setPasteResult(null);
                else if (pasting.current) recognise(e.target.value);
                pasting.current = false;
              }}
            />
            <button type="button" className="btn btn-secondary order-paste-button" data-testid="order-paste-recognise" disabled={paste.trim() === ""} onClick={() => recognise(paste)}>
              {t("order.pasteRecognise")}
            </button>
          </div>
          {pasteResult === null ? null : (
            <div className="order-paste-result" id="hint-order-paste" data-testid="hint-order-paste" aria-live="polite">
              {pasteResult.nothing ? (
                <div className="field-hint">{t("order.pasteNothing")}</div>
              ) : (
                <>
                  {pasteResult.filled.length > 0 ? (
                    <div className="field-hint order-paste-found" data-testid="order-paste-filled">
                      {t("order.pasteFilled", { fields: fieldList(pasteResult.filled) })}
                    </div>
                  ) : null}
                  {pasteResult.missing.length > 0 ? (
                    <div className="field-hint order-paste-missing" data-testid="order-paste-missing">
                      {t("order.pasteMissing", { fields: fieldList(pasteResult.missing) })}
                    </div>
                  ) : null}
                </>
              )}
              {pasteResult.conflicts.length > 0 ? (
                <div className="order-paste-conflicts" data-testid="order-paste-conflicts" role="group" aria-label={t("order.pasteConflicts")}>
                  <p>{t("order.pasteConflicts")}</p>
                  <ul>
                    {pasteResult.conflicts.map((c) => (
                      <li key={c.field}>{t("order.pasteConflict", { field: label(c.field), typed: c.typed, found: c.found })}</li>
                    ))}
                  </ul>
                  <div className="order-paste-conflict-actions">
                    <button type="button" className="btn btn-primary" data-testid="order-paste-replace" onClick={() => resolveConflicts(true)}>
                      {t("order.pasteReplace")}
                    </button>
                    <button type="button" className="btn btn-secondary" data-testid="order-paste-keep" onClick={() => resolveConflicts(false)}>
                      {t("order.pasteKeep")}
                    </button>
                  </div>
                </div>
              ) : null}
            </div>
          )}
        </div>
        <fieldset className="form-section">
          <legend>{t("order.sectionOrder")}</legend>
          <div className="form-grid order-head">
            <SelectField form="order" name="source" label={label("source")} required value={input.source} onChange={setTop("source")} error={error("source")}>
              {ORDER_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(sourceKey(source))}
                </option>
              ))}
            </SelectField>
            {marketplace ? (
              <TextField
                form="order"
                name="platformOrderId"
                label={label("platformOrderId")}
                placeholder={t("order.platformPlaceholder")}
                value={input.platformOrderId}
                onChange={setTop("platformOrderId")}
                error={error("platformOrderId")}
              />
            ) : null}
            <TextField form="order" name="buyer" label={label("buyer")} placeholder={t("order.buyerPlaceholder")} value={input.buyer} onChange={setTop("buyer")} error={error("buyer")} />
            <SelectField form="order" name="state" label={label("state")} required value={input.state} onChange={setTop("state")} error={error("state")} hint={input.state === "paid" ? t("order.stateHint") : undefined}>
              {NEW_ORDER_STATES.map((state) => (
                <option key={state} value={state}>
                  {t(`order.state.${state}`)}
                </option>
              ))}
            </SelectField>
            <TextField form="order" name="orderedOn" type="date" label={label("orderedOn")} value={input.orderedOn} onChange={setTop("orderedOn")} error={error("orderedOn")} />
          </div>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t("order.sectionRecipient")}</legend>
          <div className="form-grid form-grid-4 order-recipient">
            {recipientField("name", { required: true })}
            {recipientField("phone", { required: true, inputMode: "tel" })}
            {recipientField("province", { required: true })}
            {recipientField("city")}
            {recipientField("district")}
            {recipientField("street", { required: true, className: "order-street", placeholder: t("order.streetPlaceholder") })}
            {recipientField("postcode", { inputMode: "numeric" })}
          </div>
          <KnownRecipients phone={input.recipient.phone} name={input.recipient.name} current={input.recipient} onUse={fillRecipient} />
        </fieldset>

        {/* With no lines, Rust's message is about the lines as a whole: the group is marked and focused. */}
        <fieldset
          className="form-section order-lines"
          tabIndex={-1}
          aria-invalid={error("lines") ? true : undefined}
          aria-describedby={error("lines") ? "error-order-lines" : undefined}
        >
          <legend>{t("order.sectionLines")}</legend>
          {input.lines.length === 0 ? <p className="muted">{t("order.noLines")}</p> : null}
          {input.lines.map((line, i) => {
            const product = productOf(line.productId);
            const unit = product ? countUnitLabel(product.saleUnit, language) : t("order.unitFallback");
            const box = product && product.saleUnit.startsWith("box:") ? /^box:([^:]+):(.+)$/.exec(product.saleUnit) : null;
            const amount = lineAmount(line, product);
            const tooMuch = amount !== null && amount.total.units < 0n;
            const field = (name: LineField) => ({
              form: "order",
              name: `line-${i}-${name}`,
              errorName: `lines-${i}-${name}`,
              label: label(name),
              error: error(linePath(i, name)),
            });
            return (
              <div className="order-line" key={lineKeys[i] ?? i} role="group" aria-label={t("order.line", { n: i + 1 })}>
                <ComboboxField
                  {...field("productId")}
                  required
                  value={line.productId}
                  onChange={(id) => setLine(i, "productId", id)}
                  hint={products !== null && products.length === 0 && !goods.error ? t("order.noProducts") : undefined}
                  placeholder={products === null ? t("common.loading") : t("order.chooseProduct")}
                  options={productOptions}
                />
                <TextField
                  {...field("quantity")}
                  required
                  inputMode="decimal"
                  suffix={unit}
                  value={line.quantity}
                  onChange={(value) => setLine(i, "quantity", value)}
                  hint={box ? t("order.boxHint", { size: formatQuantity(box[1] ?? "", box[2] ?? "", language) }) : undefined}
                />
                <TextField
                  {...field("unitPrice")}
                  inputMode="decimal"
                  suffix={t("order.priceSuffix", { unit })}
                  placeholder={product ? trimMoney(product.price) : undefined}
                  value={line.unitPrice}
                  onChange={(value) => setLine(i, "unitPrice", value)}
                />
                <TextField
                  {...field("discount")}
                  inputMode="decimal"
                  suffix={t("order.yuan")}
                  placeholder="0"
                  value={line.discount}
                  onChange={(value) => setLine(i, "discount", value)}
                  hint={tooMuch && amount ? t("order.discountTooBig", { amount: formatMoney(toText(amount.gross)) }) : undefined}
                />
                <div className="order-line-amount">
                  <span className="field-label">{t("order.lineAmount")}</span>
                  <span className={tooMuch ? "order-line-value order-line-negative" : "order-line-value"} data-testid={`order-line-${i}-amount`}>
                    {amount ? formatMoney(toText(amount.total)) : t("common.none")}
                  </span>
                </div>
                <button
                  type="button"
                  className="btn btn-small btn-quiet order-line-remove"
                  data-testid={`order-line-${i}-remove`}
                  aria-label={t("order.removeLineN", { n: i + 1 })}
                  onClick={() => removeLine(i)}
                >
                  {t("order.removeLine")}
                </button>
              </div>
            );
          })}
          {error("lines") ? (
            <div className="field-error" id="error-order-lines" data-testid="error-order-lines" role="alert">
              {error("lines")}
            </div>
          ) : null}
          <button type="button" className="btn btn-secondary" data-testid="order-add-line" onClick={addLine}>
            <span aria-hidden="true" className="btn-plus">
              +
            </span>
            {t("order.addLine")}
          </button>
        </fieldset>

        <fieldset className="form-section">
          <legend>{t("order.sectionMore")}</legend>
          <div className="form-grid order-more">
            <TextField
              form="order"
              name="shippingFee"
              label={label("shippingFee")}
              inputMode="decimal"
              suffix={t("order.yuan")}
              placeholder="0"
              value={input.shippingFee}
              onChange={setTop("shippingFee")}
              error={error("shippingFee")}
            />
            <TextField form="order" name="buyerNote" label={label("buyerNote")} placeholder={t("order.buyerNotePlaceholder")} value={input.buyerNote} onChange={setTop("buyerNote")} error={error("buyerNote")} />
            <TextField form="order" name="sellerNote" label={label("sellerNote")} placeholder={t("order.sellerNotePlaceholder")} value={input.sellerNote} onChange={setTop("sellerNote")} error={error("sellerNote")} />
          </div>
        </fieldset>

        <div className="purchase-total order-total" data-testid="order-total" aria-live="polite">
          <span className="field-hint order-total-breakdown">
            {t("order.totalBreakdown", { goods: formatMoney(toText(sums.goods)), shipping: formatMoney(toText(sums.shipping)) })}
          </span>
          <span>{t("order.total")}</span>
          <strong className="purchase-total-amount" data-testid="order-total-amount">
            {formatMoney(toText(sums.total))}
          </strong>
          {sums.missing > 0 ? <span className="field-hint">{t("order.totalMissing", { count: sums.missing })}</span> : null}
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="order" saving={form.saving} cancelTestId="order-cancel-edit" />
      </form>
    </Modal>
  );
}

/** A product's price as a placeholder, as it would be typed: "48.8" -> "48.80", "3.2750" -> "3.275". */
function trimMoney(price: string): string {
  return formatMoney(price).replace("¥", "");
}
