// Goods back and money back for a shipped or finished order (退货退款): per line how much came back, in
// the product's stock unit, and whether it goes back on the shelf or was spoiled (written off at once);
// the refund in yuan; a note. Only lines with a quantity are sent; Rust's `lines.<k>` paths are about
// the lines sent and are put back on the order's line they came from. Money alone is a return with no
// lines; nothing at all is refused (`lines` `required`).
import { useEffect, useState, type FormEvent } from "react";
import * as api from "../api";
import type { Order, OrderLine, ReturnLineInput, WasteReason } from "../bindings";

type ReturnDisposition = ReturnLineInput["disposition"];
import { FormError, SelectField, TextArea, TextField } from "../components/Field";
import { add, isZero, parseDecimal, subtract, toText, type Decimal } from "../decimal";
import { countUnitLabel, formatMoney, formatQuantity, trimDecimal, unitLabel } from "../format";
import { useSaveForm } from "../hooks";
import { useI18n } from "../i18nContext";

type LineValues = { quantity: string; disposition: ReturnDisposition; reason: WasteReason };
type ReturnValues = { lines: LineValues[]; refund: string; note: string };

const DISPOSITIONS: readonly ReturnDisposition[] = ["restock", "waste"];
const REASONS: readonly WasteReason[] = ["damaged", "spoiled", "sample", "own_use"];
const LINE_PATH = /^lines\.(\d+)\.(.+)$/;

/** What is left to refund: the total less what was refunded before. */
export function refundLeft(order: Order): string {
  const total = parseDecimal(order.total);
  const refunded = parseDecimal(order.refunded);
  if (total === null || refunded === null) return order.total;
  return toText(subtract(total, refunded));
}

/**
 * What of a line was sent and what came back before, in its stock unit: the goods of earlier returns
 * of the same product (by name and unit) count against the first lines of it. `left` is never below 0.
 */
export function sentAndBack(order: Pick<Order, "lines" | "returns">, index: number): { sent: string; back: string | null; left: string } {
  const line = order.lines[index] as OrderLine;
  const sameProduct = (l: { productName: string; stockUnit: string }) => l.productName === line.productName && l.stockUnit === line.stockUnit;
  let back: Decimal = { units: 0n, scale: 0 };
  for (const r of order.returns) {
    for (const l of r.lines) {
      const q = parseDecimal(l.quantity);
      if (q !== null && sameProduct(l)) back = add(back, q);
    }
  }
  // Earlier lines of the same product take what came back first.
  let left: Decimal = { units: 0n, scale: 0 };
  for (let i = 0; i <= index; i++) {
    const other = order.lines[i];
    if (other === undefined || !sameProduct(other)) continue;
    const sent = parseDecimal(other.stockQuantity) ?? { units: 0n, scale: 0 };
    const takes = minDecimal(sent, back);
    back = subtract(back, takes);
    left = subtract(sent, takes);
  }
  const sent = parseDecimal(line.stockQuantity);
  if (sent === null) return { sent: line.stockQuantity, back: null, left: line.stockQuantity };
  const backHere = subtract(sent, left);
  return { sent: toText(sent), back: isZero(backHere) ? null : toText(backHere), left: toText(left) };
}

function minDecimal(a: Decimal, b: Decimal): Decimal {
  return subtract(a, b).units < 0n ? a : b;
}

/** The error of a rejection about the lines sent, with the paths moved to the order lines they came from. */
function onOrderLines(reason: unknown, sent: readonly number[]): api.ApiError {
  const err = api.toApiError(reason);
  const move = (field: string) => {
    const m = LINE_PATH.exec(field);
    const at = m ? sent[Number(m[1])] : undefined;
    return m && at !== undefined ? `lines.${at}.${m[2] ?? ""}` : field;
  };
  return new api.ApiError(
    err.kind,
    err.message,
    err.field === null ? null : move(err.field),
    err.rule,
    err.errors.map((e) => ({ ...e, field: move(e.field) })),
  );
}

export function ReturnForm({
  order,
  onReturned,
  onBack,
  onDirty,
}: {
  order: Order;
  onReturned: (order: Order) => void;
  onBack: () => void;
  onDirty: (dirty: boolean) => void;
}) {
  const { t, language } = useI18n();
  const [values, setValues] = useState<ReturnValues>(() => ({
    lines: order.lines.map(() => ({ quantity: "", disposition: "restock", reason: "damaged" })),
    refund: "",
    note: "",
  }));
  const label = (path: string): string => {
    const m = LINE_PATH.exec(path);
    if (m) return order.lines[Number(m[1])]?.productName ?? path;
    if (path === "refund") return t("returnForm.refund");
    if (path === "note") return t("returnForm.note");
    if (path === "lines") return t("returnForm.sectionGoods");
    return path;
  };
  const form = useSaveForm<string, ReturnValues>(label, values);
  const { clearError } = form;
  const { dirty } = form;
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const left = refundLeft(order);

  function setLine(index: number, patch: Partial<LineValues>) {
    setValues((prev) => ({ ...prev, lines: prev.lines.map((l, i) => (i === index ? { ...l, ...patch } : l)) }));
    clearError(`lines.${index}.quantity`, `lines.${index}.productId`, "lines");
  }

  const sent = values.lines.map((l, i) => (l.quantity.trim() === "" ? -1 : i)).filter((i) => i >= 0);
  const lines: ReturnLineInput[] = sent.map((i) => {
    const l = values.lines[i] as LineValues;
    return { productId: order.lines[i]?.productId ?? "", quantity: l.quantity, disposition: l.disposition, reason: l.disposition === "waste" ? l.reason : "" };
  });

  const shown = [...order.lines.flatMap((_, i) => [`lines.${i}.productId`, `lines.${i}.quantity`]), "lines", "refund", "note"];

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown,
      save: () =>
        api.returnOrder({ orderId: order.id, lines, refund: values.refund, note: values.note }).catch((reason: unknown) => {
          throw onOrderLines(reason, sent);
        }),
      onSaved: onReturned,
    });

  function lineError(i: number, unit: string): string | undefined {
    const issue = form.errors.fields[`lines.${i}.quantity`];
    const more = issue?.params?.sent;
    if (issue?.rule === "more_than_sent" && more !== undefined) {
      return t("returnForm.moreThanSent", { sent: formatQuantity(more, unit, language) });
    }
    return form.error(`lines.${i}.quantity`) ?? form.error(`lines.${i}.productId`);
  }

  function refundError(): string | undefined {
    const issue = form.errors.fields.refund;
    const owed = issue?.params?.owed;
    if (issue?.rule === "more_than_owed" && owed !== undefined) return t("returnForm.refundTooMuch", { owed: formatMoney(owed) });
    return form.error("refund");
  }

  return (
    <form data-testid="return-form" className="form return-form" onSubmit={submit} noValidate ref={form.ref}>
      <p className="form-lead">{t("returnForm.lead")}</p>
      <fieldset className="form-section" tabIndex={-1} aria-invalid={form.error("lines") ? true : undefined}>
        <legend>{t("returnForm.sectionGoods")}</legend>
        {order.lines.map((line, i) => {
          const v = values.lines[i] as LineValues;
          const amounts = sentAndBack(order, i);
          const inStock = (q: string) => formatQuantity(q, line.stockUnit, language);
          const sold = { quantity: trimDecimal(line.quantity), unit: countUnitLabel(line.saleUnit, language) };
          return (
            <div className="return-line" key={i} role="group" aria-label={line.productName}>
              <div className="return-line-name">
                <div className="cell-strong">{line.productName}</div>
                <div className="cell-sub" data-testid={`return-line-${i}-sold`}>
                  {line.saleUnit === line.stockUnit ? t("returnForm.sold", sold) : t("returnForm.soldStock", { ...sold, stock: inStock(amounts.sent) })}
                </div>
              </div>
              <TextField
                form="return"
                name={`line-${i}-quantity`}
                errorName={`lines-${i}-quantity`}
                label={t("returnForm.quantity")}
                inputMode="decimal"
                placeholder="0"
                suffix={unitLabel(line.stockUnit, language)}
                hint={
                  amounts.back === null
                    ? t("returnForm.sentHint", { sent: inStock(amounts.sent) })
                    : t("returnForm.sentLeftHint", { sent: inStock(amounts.sent), back: inStock(amounts.back), left: inStock(amounts.left) })
                }
                value={v.quantity}
                onChange={(quantity) => setLine(i, { quantity })}
                error={lineError(i, line.stockUnit)}
              />
              <SelectField form="return" name={`line-${i}-disposition`} label={t("returnForm.disposition")} value={v.disposition} onChange={(d) => setLine(i, { disposition: d === "waste" ? "waste" : "restock" })}>
                {DISPOSITIONS.map((d) => (
                  <option key={d} value={d}>
                    {t(`returnForm.disposition.${d}`)}
                  </option>
                ))}
              </SelectField>
              {v.disposition === "waste" ? (
                <SelectField form="return" name={`line-${i}-reason`} label={t("returnForm.reason")} value={v.reason} onChange={(r) => setLine(i, { reason: REASONS.find((x) => x === r) ?? "damaged" })}>
                  {REASONS.map((r) => (
                    <option key={r} value={r}>
                      {t(`waste.reason.${r}`)}
                    </option>
                  ))}
                </SelectField>
              ) : (
                <div />
              )}
            </div>
          );
        })}
        {form.error("lines") ? (
          <div className="field-error" data-testid="error-return-lines" role="alert">
            {form.errors.fields.lines?.rule === "required" ? t("returnForm.nothing") : form.error("lines")}
          </div>
        ) : null}
      </fieldset>
      <div className="form-grid">
        <TextField
          form="return"
          name="refund"
          label={t("returnForm.refund")}
          inputMode="decimal"
          suffix={t("order.yuan")}
          placeholder="0"
          value={values.refund}
          onChange={(refund) => {
            setValues((prev) => ({ ...prev, refund }));
            clearError("refund", "lines");
          }}
          hint={t("returnForm.refundLeft", { amount: formatMoney(left) })}
          error={refundError()}
        />
        <div className="field return-refund-all">
          <button type="button" className="btn btn-secondary" data-testid="return-refund-all" onClick={() => setValues((prev) => ({ ...prev, refund: trimDecimal(left) }))}>
            {t("returnForm.refundAll")}
          </button>
        </div>
      </div>
      <TextArea form="return" name="note" label={t("returnForm.note")} placeholder={t("returnForm.notePlaceholder")} value={values.note} onChange={(note) => setValues((prev) => ({ ...prev, note }))} error={form.error("note")} />
      <FormError problem={form.errors.form} />
      <div className="form-actions">
        <button type="button" className="btn btn-secondary" data-testid="return-cancel" onClick={onBack}>
          {t("common.back")}
        </button>
        <button type="submit" className="btn btn-primary" data-testid="return-save" disabled={form.saving}>
          {form.saving ? t("common.saving") : t("returnForm.save")}
        </button>
      </div>
    </form>
  );
}
