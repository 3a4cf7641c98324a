// Receive one delivery from a farmer: who, when, how it was paid, and one line per product and grade.
// Everything is sent as typed (strings); Rust parses dates, units and money, derives the unit price
// or the line total, and names every wrong field (`lines.0.quantity`); each message is shown next to
// its field. While the user types, the other of price and total is worked out here as a hint, exactly
// (decimal.ts), the way Rust will.
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Farmer, Language, Payment, Product, Purchase, PurchaseInput, PurchaseLineInput } from "../bindings";
import { ComboboxField } from "../components/Combobox";
import { FormActions, FormError, SelectField, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { add, divide, equals, multiply, parseDecimal, round, toText, type Decimal } from "../decimal";
import { formatMoney, todayInShanghai, unitLabel, unitSuggestions } from "../format";
import type { FormErrors } from "../formErrors";
import { useSaveForm, textSetter } from "../hooks";
import type { MessageKey, Translate } from "../i18n";
import { useI18n } from "../i18nContext";
import { useFarmerDefault } from "./farmerHabits";
import { ListError } from "./ListToolbar";
import { farmerOption, productOption } from "./pickerOptions";

/** The payments in the order the select offers them. */
export const PAYMENTS: readonly Payment[] = ["cash", "wechat", "alipay", "bank", "owed"];

/**
 * A new purchase is owed until someone says it was paid: forgetting to change "paid in cash" would
 * lose a debt to a farmer without a trace, while forgetting to change "owed" only shows a debt that
 * the next payment settles.
 */
export const DEFAULT_PAYMENT: Payment = "owed";

export function paymentKey(payment: Payment): MessageKey {
  return `payment.${payment}`;
}

/**
 * Grades suggested for a line. They are data (printed on labels, compared between lots), not UI
 * text, so they are the same in both languages; any other grade can be typed.
 */
export const GRADES: readonly string[] = ["特级", "一级", "二级", "小果"];

type TopField = "farmerId" | "receivedOn" | "payment" | "note";
type LineField = keyof PurchaseLineInput;

const TOP_FIELDS: readonly TopField[] = ["farmerId", "receivedOn", "payment", "note"];
const LINE_FIELDS: readonly LineField[] = ["productId", "grade", "quantity", "unit", "unitPrice", "lineTotal", "harvestedOn", "bestBefore"];

/** Rust's path of a line's field: `lines.2.unitPrice`. */
function linePath(index: number, field: LineField): string {
  return `lines.${index}.${field}`;
}

/** Every field path the form shows, in screen order. */
function shownFields(lineCount: number): string[] {
  const lines = Array.from({ length: lineCount }, (_, i) => LINE_FIELDS.map((f) => linePath(i, f))).flat();
  return [...TOP_FIELDS, ...lines, "lines"];
}

const LINE_PATH = /^lines\.(\d+)\.(.+)$/;

/** The messages after line `removed` is taken out: its own go, those of the lines after it move up. */
export function withoutLine(errors: FormErrors<string>, removed: number): FormErrors<string> {
  const fields: FormErrors<string>["fields"] = {};
  for (const [path, issue] of Object.entries(errors.fields)) {
    if (!issue) continue;
    const m = LINE_PATH.exec(path);
    const index = m ? Number(m[1]) : -1;
    if (index === removed) continue;
    fields[m && index > removed ? `lines.${index - 1}.${m[2] ?? ""}` : path] = issue;
  }
  return { ...errors, fields };
}

export function emptyLine(): PurchaseLineInput {
  return { productId: "", grade: "", quantity: "", unit: "", unitPrice: "", lineTotal: "", harvestedOn: "", bestBefore: "" };
}

export function newPurchase(): PurchaseInput {
  return { farmerId: "", receivedOn: todayInShanghai(), payment: DEFAULT_PAYMENT, note: "", lines: [emptyLine()] };
}

/** A quantity or amount as typed, when it is a plain non-negative decimal. */
function amount(text: string): Decimal | null {
  const d = parseDecimal(text);
  return d !== null && d.units >= 0n ? d : null;
}

/** What a line works out to as the user types, and the hints under its price and total. */
export type LineSums = {
  /** The line's total in yuan, rounded to fen, when it is known. */
  total: Decimal | null;
  /** The unit price worked out from the total (yuan per unit, 4 places). */
  unitPrice: Decimal | null;
  /** The total worked out from the price (or, when both are typed, what the price gives). */
  computedTotal: Decimal | null;
  /** Both typed, and price × quantity is not the total. */
  disagree: boolean;
};

/** The sums of one line: quantity × unit price, rounded half away from zero to fen, or total / quantity to 4 places. */
export function lineSums(line: PurchaseLineInput): LineSums {
  const quantity = amount(line.quantity);
  const price = line.unitPrice.trim() === "" ? null : amount(line.unitPrice);
  const total = line.lineTotal.trim() === "" ? null : amount(line.lineTotal);
  const fromPrice = quantity && price ? round(multiply(quantity, price), 2) : null;
  if (total) {
    const unitPrice = !price && line.unitPrice.trim() === "" && quantity ? divide(total, quantity, 4) : null;
    const disagree = fromPrice !== null && !equals(fromPrice, round(total, 2));
    return { total: round(total, 2), unitPrice, computedTotal: disagree ? fromPrice : null, disagree };
  }
  return { total: fromPrice, unitPrice: null, computedTotal: fromPrice, disagree: false };
}

/** The active farmers and products the pickers offer. */
function useChoices(): { farmers: Farmer[] | null; products: Product[] | null; error: api.ApiError | null } {
  const [state, setState] = useState<{ farmers: Farmer[] | null; products: Product[] | null; error: api.ApiError | null }>({
    farmers: null,
    products: null,
    error: null,
  });
  useEffect(() => {
    let current = true;
    const query = { search: "", includeArchived: false, limit: 500, offset: 0, kind: "" as const };
    Promise.all([api.listFarmers(query), api.listProducts(query)]).then(
      ([farmers, products]) => {
        if (current) setState({ farmers: farmers.items, products: products.items, error: null });
      },
      (reason: unknown) => {
        if (current) setState({ farmers: [], products: [], error: api.toApiError(reason) });
      },
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
}

function lineLabel(t: Translate, field: LineField): string {
  return t(`purchase.field.${field}`);
}

/** A draft's lines with their unit codes as the person's words: "jin" -> 斤 / jin, "box:5:jin" -> 箱(5斤). */
export function draftInLanguage(draft: PurchaseInput, language: Language): PurchaseInput {
  return { ...draft, lines: draft.lines.map((line) => ({ ...line, unit: line.unit.trim() === "" ? "" : unitLabel(line.unit, language) })) };
}

export function PurchaseForm({ onSaved, onCancel, draft }: { onSaved: (purchase: Purchase) => void; onCancel: () => void; draft?: PurchaseInput }) {
  const { t, language } = useI18n();
  // A draft from the purchase plan fills the form; nothing is saved until the delivery is recorded.
  // The plan's draft carries unit codes ("jin"); the form shows and takes units as the person says them (斤).
  const [input, setInput] = useState<PurchaseInput>(() => (draft ? draftInLanguage(draft, language) : newPurchase()));
  // Stable keys of the lines (not part of what is saved), so that removing one keeps the others' inputs.
  const nextKey = useRef(Math.max(1, draft?.lines.length ?? 1));
  const [lineKeys, setLineKeys] = useState<number[]>(() => (draft ? draft.lines.map((_, i) => i) : [0]));
  const choices = useChoices();
  const unitListId = useId();
  const gradeListId = useId();

  const label = (path: string): string => {
    const m = LINE_PATH.exec(path);
    if (m) return lineLabel(t, (m[2] ?? "") as LineField);
    return t(`purchase.field.${path as TopField | "lines"}`);
  };
  const form = useSaveForm<string, PurchaseInput>(label, input);
  const { clearError, error } = form;

  const productOf = (id: string): Product | undefined => choices.products?.find((p) => p.id === id);
  const defaultUnit = (productId: string, lang: Language): string => {
    const product = productOf(productId);
    return product ? unitLabel(product.stockUnit, lang) : "";
  };

  const setTop = textSetter<typeof input, TopField>(setInput, clearError);
  // The payment starts as the chosen farmer's usual one (owed for a farmer never bought from),
  // until the person picks one.
  const usualPayment = useFarmerDefault(input.farmerId, (h) => h.purchasePayment, DEFAULT_PAYMENT, (payment) =>
    setInput((prev) => ({ ...prev, payment })),
  );

  function setLine(index: number, change: (line: PurchaseLineInput) => PurchaseLineInput, ...cleared: LineField[]) {
    setInput((prev) => ({ ...prev, lines: prev.lines.map((line, i) => (i === index ? change(line) : line)) }));
    clearError(...cleared.map((f) => linePath(index, f)));
  }

  const setLineText = (index: number, field: Exclude<LineField, "productId">) => (value: string) => {
    // Price and total are checked together; quantity feeds both.
    const cleared: LineField[] =
      field === "unitPrice" || field === "lineTotal" ? ["unitPrice", "lineTotal"] : field === "harvestedOn" ? ["harvestedOn", "bestBefore"] : [field];
    setLine(index, (line) => ({ ...line, [field]: value }), ...cleared);
  };

  function chooseProduct(index: number, productId: string) {
    setLine(
      index,
      (line) => {
        // The unit follows the product while it is the product's own (or empty); a unit typed by hand stays.
        const ownUnit = line.unit.trim() === "" || line.unit === defaultUnit(line.productId, language);
        return { ...line, productId, unit: ownUnit ? defaultUnit(productId, language) : line.unit };
      },
      "productId",
      "unit",
    );
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
      shown: shownFields(input.lines.length),
      save: () => api.receivePurchase(input),
      onSaved,
    });

  const sums = input.lines.map(lineSums);
  const known = sums.map((s) => s.total).filter((d): d is Decimal => d !== null);
  const grandTotal = known.reduce<Decimal>((acc, d) => add(acc, d), { units: 0n, scale: 2 });
  const missing = input.lines.length - known.length;

  const farmers = choices.farmers;
  const products = choices.products;
  // Every kind is bought from farmers (fruit to sell, soybeans to make tofu, boxes), so all are offered, their kind said.
  const farmerOptions = (farmers ?? []).map(farmerOption);
  const productOptions = (products ?? []).map((p) => productOption(p, language, t, { kind: true }));

  return (
    <Modal title={t("purchase.formTitle")} dirty={form.dirty} onClose={onCancel} wide>
      <form data-testid="purchase-form" className="form purchase-form" onSubmit={submit} noValidate ref={form.ref}>
        <datalist id={unitListId}>
          {unitSuggestions(language).map((unit) => (
            <option key={unit} value={unit} />
          ))}
        </datalist>
        <datalist id={gradeListId}>
          {GRADES.map((grade) => (
            <option key={grade} value={grade} />
          ))}
        </datalist>
        {choices.error ? <ListError text={t("purchase.choicesFailed")} detail={t("error.detail", { message: choices.error.message })} /> : null}
        <div className="form-grid form-grid-4">
          <ComboboxField
            form="purchase"
            name="farmerId"
            label={label("farmerId")}
            required
            value={input.farmerId}
            onChange={setTop("farmerId")}
            error={error("farmerId")}
            hint={farmers !== null && farmers.length === 0 && !choices.error ? t("purchase.noFarmers") : undefined}
            placeholder={farmers === null ? t("common.loading") : t("purchase.chooseFarmer")}
            options={farmerOptions}
          />
          <TextField form="purchase" name="receivedOn" type="date" label={label("receivedOn")} required value={input.receivedOn} onChange={setTop("receivedOn")} error={error("receivedOn")} />
          <SelectField
            form="purchase"
            name="payment"
            label={label("payment")}
            required
            value={input.payment}
            onChange={(value) => {
              usualPayment.chosen();
              setTop("payment")(value);
            }}
            error={error("payment")}
            hint={usualPayment.fromHabit ? t("purchase.usualPayment") : undefined}
          >
            {PAYMENTS.map((payment) => (
              <option key={payment} value={payment}>
                {t(paymentKey(payment))}
              </option>
            ))}
          </SelectField>
          <TextField form="purchase" name="note" label={label("note")} placeholder={t("purchase.notePlaceholder")} value={input.note} onChange={setTop("note")} error={error("note")} />
        </div>

        {/* With no lines, Rust's message is about the lines as a whole: the group is marked and focused. */}
        <fieldset
          className="form-section purchase-lines"
          tabIndex={-1}
          aria-invalid={error("lines") ? true : undefined}
          aria-describedby={error("lines") ? "error-purchase-lines" : undefined}
        >
          <legend>{label("lines")}</legend>
          <p className="field-hint purchase-lines-hint">{t("purchase.linesHint")}</p>
          {input.lines.length === 0 ? <p className="muted">{t("purchase.noLines")}</p> : null}
          {input.lines.map((line, i) => {
            const key = lineKeys[i] ?? i;
            const product = productOf(line.productId);
            // A unit code that reached the form ("jin") is still named in the person's language (斤).
            const unitShown = unitLabel(line.unit.trim(), language) || (product ? unitLabel(product.stockUnit, language) : t("purchase.unitFallback"));
            const s = sums[i];
            const field = (name: LineField) => ({
              form: "purchase",
              name: `line-${i}-${name}`,
              errorName: `lines-${i}-${name}`,
              label: lineLabel(t, name),
              error: error(linePath(i, name)),
            });
            return (
              <div className="purchase-line" key={key} role="group" aria-label={t("purchase.line", { n: i + 1 })}>
                <div className="purchase-line-head">
                  <h3 className="purchase-line-title">{t("purchase.line", { n: i + 1 })}</h3>
                  <button
                    type="button"
                    className="btn btn-small btn-quiet"
                    data-testid={`purchase-line-${i}-remove`}
                    onClick={() => removeLine(i)}
                  >
                    {t("purchase.removeLine")}
                  </button>
                </div>
                <div className="form-grid form-grid-4">
                  <ComboboxField
                    {...field("productId")}
                    required
                    value={line.productId}
                    onChange={(id) => chooseProduct(i, id)}
                    hint={products !== null && products.length === 0 && !choices.error ? t("purchase.noProducts") : undefined}
                    placeholder={products === null ? t("common.loading") : t("purchase.chooseProduct")}
                    options={productOptions}
                  />
                  <TextField {...field("grade")} list={gradeListId} placeholder={t("purchase.gradePlaceholder")} value={line.grade} onChange={setLineText(i, "grade")} />
                  <TextField {...field("quantity")} required inputMode="decimal" suffix={unitShown} value={line.quantity} onChange={setLineText(i, "quantity")} />
                  <TextField {...field("unit")} list={unitListId} value={line.unit} onChange={setLineText(i, "unit")} />
                  <TextField
                    {...field("unitPrice")}
                    inputMode="decimal"
                    suffix={t("purchase.priceSuffix", { unit: unitShown })}
                    value={line.unitPrice}
                    onChange={setLineText(i, "unitPrice")}
                    hint={s?.unitPrice ? t("purchase.priceHint", { price: formatMoney(toText(s.unitPrice)), unit: unitShown }) : undefined}
                  />
                  <TextField
                    {...field("lineTotal")}
                    inputMode="decimal"
                    suffix={t("purchase.totalSuffix")}
                    value={line.lineTotal}
                    onChange={setLineText(i, "lineTotal")}
                    hint={
                      s?.computedTotal
                        ? t(s.disagree ? "purchase.disagreeHint" : "purchase.totalHint", { total: formatMoney(toText(s.computedTotal)) })
                        : undefined
                    }
                  />
                  <TextField {...field("harvestedOn")} inputMode="numeric" placeholder={t("purchase.datePlaceholder")} value={line.harvestedOn} onChange={setLineText(i, "harvestedOn")} />
                  <TextField {...field("bestBefore")} inputMode="numeric" placeholder={t("purchase.bestBeforePlaceholder")} value={line.bestBefore} onChange={setLineText(i, "bestBefore")} />
                </div>
              </div>
            );
          })}
          {error("lines") ? (
            <div className="field-error" id="error-purchase-lines" data-testid="error-purchase-lines" role="alert">
              {error("lines")}
            </div>
          ) : null}
          <button type="button" className="btn btn-secondary" data-testid="purchase-add-line" onClick={addLine}>
            <span aria-hidden="true" className="btn-plus">
              +
            </span>
            {t("purchase.addLine")}
          </button>
        </fieldset>

        <div className="purchase-total" data-testid="purchase-total" aria-live="polite">
          <span>{t("purchase.total")}</span>
          <strong className="purchase-total-amount">{formatMoney(toText(grandTotal))}</strong>
          {missing > 0 && input.lines.length > 0 ? <span className="field-hint">{t("purchase.totalMissing", { count: missing })}</span> : null}
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="purchase" saving={form.saving} />
      </form>
    </Modal>
  );
}
