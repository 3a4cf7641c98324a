// Take spoiled, damaged, sampled or eaten stock out of one lot. The quantity is in the lot's stock unit
// and sent as typed; Rust refuses more than the lot holds (`not_enough_stock` on `quantity`).
import { useState, type FormEvent } from "react";
import * as api from "../api";
import type { Lot, WasteInput, WasteReason } from "../bindings";
import { FormActions, FormError, SelectField, TextArea, TextField } from "../components/Field";
import { Modal } from "../components/Modal";
import { isZero, parseDecimal } from "../decimal";
import { formatQuantity, unitLabel } from "../format";
import { useSaveForm, textSetter } from "../hooks";
import type { MessageKey } from "../i18n";
import { useI18n } from "../i18nContext";

/** The reasons in the order the select offers them; the first is the default. */
export const WASTE_REASONS: readonly WasteReason[] = ["spoiled", "damaged", "sample", "own_use"];

export function reasonKey(reason: WasteReason): MessageKey {
  return `waste.reason.${reason}`;
}

type FieldName = Exclude<keyof WasteInput, "lotId">;

const FIELDS: readonly FieldName[] = ["quantity", "reason", "note"];

export function WasteForm({ lot, onSaved, onCancel }: { lot: Lot; onSaved: (lot: Lot) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const [input, setInput] = useState<Omit<WasteInput, "lotId">>({ quantity: "", reason: WASTE_REASONS[0] ?? "spoiled", note: "" });

  const labels: Record<FieldName, string> = {
    quantity: t("waste.field.quantity"),
    reason: t("waste.field.reason"),
    note: t("waste.field.note"),
  };
  const form = useSaveForm(labels, input);
  const { error } = form;

  const set = textSetter<typeof input, FieldName>(setInput, form.clearError);

  const submit = (e: FormEvent) =>
    form.submit(e, {
      shown: FIELDS,
      save: () => api.recordWaste({ lotId: lot.id, ...input }),
      onSaved,
    });

  const reserved = parseDecimal(lot.reserved);
  const onHand = formatQuantity(lot.onHand, lot.stockUnit, language);
  const product = lot.grade ? `${lot.productName} ${lot.grade}` : lot.productName;

  return (
    <Modal title={t("waste.title")} dirty={form.dirty} onClose={onCancel}>
      <form data-testid="waste-form" className="form" onSubmit={submit} noValidate ref={form.ref}>
        <p className="form-lead">
          <span className="cell-strong">{t("waste.lot", { product, date: lot.receivedOn })}</span>
          {lot.madeHere ? (
            <span className="muted"> · {t("lot.madeHere")}</span>
          ) : lot.farmerName ? (
            <span className="muted"> · {lot.farmerName}</span>
          ) : null}
        </p>
        <div className="form-grid">
          <TextField
            form="waste"
            name="quantity"
            label={labels.quantity}
            required
            inputMode="decimal"
            suffix={unitLabel(lot.stockUnit, language)}
            hint={
              reserved !== null && !isZero(reserved)
                ? t("waste.onHandReserved", { quantity: onHand, reserved: formatQuantity(lot.reserved, lot.stockUnit, language) })
                : t("waste.onHand", { quantity: onHand })
            }
            value={input.quantity}
            onChange={set("quantity")}
            error={error("quantity")}
          />
          <SelectField form="waste" name="reason" label={labels.reason} required value={input.reason} onChange={set("reason")} error={error("reason")}>
            {WASTE_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(reasonKey(reason))}
              </option>
            ))}
          </SelectField>
          <TextArea form="waste" name="note" label={labels.note} placeholder={t("waste.notePlaceholder")} value={input.note} onChange={set("note")} error={error("note")} />
        </div>
        <FormError problem={form.errors.form} />
        <FormActions form="waste" saving={form.saving} />
      </form>
    </Modal>
  );
}
